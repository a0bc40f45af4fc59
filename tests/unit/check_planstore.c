/* cairn — unit tests: the plan and review write road on real repositories (lib/plan.c),
 * where it is refused: another cairn command holding the writer lock, an unknown plan, an
 * edit whose id changed or whose file changed or went away meanwhile, a goal that does not
 * exist, a goal added in a review sitting whose id was taken meanwhile, a goal changed in a
 * sitting that was removed meanwhile, and folders that cannot be read. Each refusal leaves
 * HEAD and the work tree as they were. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#define TODAY   "2026-11-28"
#define TIMEOUT 5.0
#define SHORT   0.05

/* ---- helpers ---- */

static char *path_in(const char *dir, const char *rel)
{
	char *p = malloc(strlen(dir) + strlen(rel) + 2);

	ck_assert_ptr_nonnull(p);
	sprintf(p, "%s/%s", dir, rel);
	return p;
}

static void put(const char *dir, const char *rel, const char *data)
{
	char *p = path_in(dir, rel), *slash = strrchr(p, '/');

	*slash = '\0';
	ck_assert_int_eq(unit_sh(NULL, "mkdir -p '%s'", p), 0);
	*slash = '/';
	unit_write(p, data);
	free(p);
}

static char *git(const char *dir, const char *args)
{
	return unit_sh_out("git -C '%s' %s 2>&1", dir, args);
}

static void commit_all(const char *dir, const char *msg)
{
	ck_assert_int_eq(unit_sh(NULL,
	                         "git -C '%s' add -A && git -C '%s' -c user.name=T -c "
	                         "user.email=t@example.org commit -qm '%s'",
	                         dir, dir, msg),
	                 0);
}

static void unchanged(const char *dir, const char *was)
{
	char *s = git(dir, "rev-parse HEAD");

	ck_assert_str_eq(s, was);
	free(s);
	s = git(dir, "status --porcelain --untracked-files=all");
	ck_assert_str_eq(s, "");
	free(s);
}

static struct cairn_txn *hold_lock(struct cairn_repo *repo)
{
	struct cairn_txn *txn = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_txn_begin(&txn, repo, TIMEOUT, &err) == 0, "%s", err.msg);
	return txn;
}

static void assert_locked(int rc, const cairn_err *err)
{
	unit_assert_err(rc, *err, CAIRN_ELOCKED, "another cairn command is writing");
	unit_assert_has(err->file, ".git/cairn.lock");
}

static struct cairn_goal *goal_yaml(const char *yaml)
{
	struct cairn_goal *g = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_goal_parse(&g, yaml, strlen(yaml), NULL, &err) == 0, "%s", err.msg);
	return g;
}

static const char GOAL_A[] = "id: snap-a\n"
                             "title: Lead a DBT skills group\n"
                             "status: active\n"
                             "created: 2026-11-01\n"
                             "due: 2027-06-30\n";

static const char GOAL_B[] = "id: snap-b\n"
                             "title: Attend the consultation calls\n"
                             "status: active\n"
                             "created: 2026-11-01\n";

static const char PLAN[] = "id: growth\n"
                           "title: Growth plan 2027\n"
                           "start: 2026-10-28\n"
                           "end: 2027-10-27\n"
                           "goals:\n"
                           "  - snap-a\n"
                           "review:\n"
                           "  every: monthly\n"
                           "  next: 2026-11-28\n";

/* Goals snap-a and snap-b and the plan growth (of snap-a), committed. */
static struct cairn_repo *plan_repo(char **dir)
{
	struct cairn_repo *repo = unit_repo(dir);

	put(*dir, "goals/snap-a.yaml", GOAL_A);
	put(*dir, "goals/snap-b.yaml", GOAL_B);
	put(*dir, "plans/growth.yaml", PLAN);
	commit_all(*dir, "goals and a plan");
	return repo;
}

static struct cairn_plan *plan_yaml(const char *yaml)
{
	struct cairn_plan *p = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_plan_parse(&p, yaml, strlen(yaml), NULL, &err) == 0, "%s", err.msg);
	return p;
}

static struct cairn_review *new_review(const char *plan, const char *date)
{
	struct cairn_review *r = cairn_record_new(&cairn_review_kind);

	ck_assert_ptr_nonnull(r);
	r->plan = strdup(plan);
	r->date = unit_date(date);
	r->achieved = strdup("Booked the exam");
	return r;
}

static int add_goal_b(struct cairn_plan *p, void *ctx, cairn_err *err)
{
	(void)ctx;
	(void)err;
	return cairn_strlist_add(&p->goals, "snap-b");
}

static int add_unknown_goal(struct cairn_plan *p, void *ctx, cairn_err *err)
{
	(void)ctx;
	(void)err;
	return cairn_strlist_add(&p->goals, "nope");
}

/* ---- plans ---- */

START_TEST(validate_and_next_review_of_plans_built_in_memory)
{
	struct cairn_plan *p = plan_yaml(PLAN);
	cairn_err err = CAIRN_ERR_INIT;

	/* a required field emptied */
	free(p->title);
	p->title = NULL;
	unit_assert_err(cairn_plan_validate(p, "plans/growth.yaml", &err), err, CAIRN_EDATA,
	                "title");
	ck_assert_str_eq(err.file, "plans/growth.yaml");
	p->title = strdup("Growth");

	/* no cadence: no next review, whatever the day */
	free(p->review->every);
	p->review->every = NULL;
	ck_assert_int_eq(cairn_plan_next_review(p, unit_date(TODAY)), CAIRN_DATE_NONE);
	cairn_record_free(&cairn_plan_kind, p);

	p = plan_yaml("id: growth\ntitle: G\nstart: 2026-10-28\nend: 2027-10-27\n");
	ck_assert_ptr_null(p->review);
	ck_assert_int_eq(cairn_plan_next_review(p, unit_date(TODAY)), CAIRN_DATE_NONE);
	ck_assert(!cairn_plan_review_due(p, unit_date("2027-10-27")));
	cairn_plan_free(p);
}
END_TEST

START_TEST(load_and_listings_when_files_cannot_be_read)
{
	char *dir, *p, **ids = NULL;
	size_t n = 0;
	struct cairn_repo *repo = plan_repo(&dir);
	struct cairn_plan *pl = (struct cairn_plan *)1;
	struct cairn_plan_set s;
	cairn_date *dates = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_plan_load(&pl, repo, "../cairn", &err), err, CAIRN_EDATA, "plan id");
	ck_assert_ptr_null(pl);

	/* a plan file that cannot be read at all stops the listing */
	p = path_in(dir, "plans/loop.yaml");
	ck_assert_int_eq(symlink("loop.yaml", p), 0);
	free(p);
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_load_all(&s, repo, &err), err, CAIRN_EIO, "cannot read");
	ck_assert_str_eq(err.file, "plans/loop.yaml");
	ck_assert_uint_eq(s.n, 0);
	ck_assert_ptr_null(s.v);
	cairn_err_clear(&err);
	unit_assert_err(cairn_plans_due(&ids, &n, repo, unit_date(TODAY), &err), err, CAIRN_EIO,
	                "cannot read");
	ck_assert_ptr_null(ids);
	ck_assert_uint_eq(n, 0);

	/* plans/ made a file */
	ck_assert_int_eq(unit_sh(NULL, "rm -rf '%s/plans' && echo x > '%s/plans'", dir, dir), 0);
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_load_all(&s, repo, &err), err, CAIRN_EIO, "cannot list");

	/* a plan's reviews folder made a file */
	put(dir, "reviews/growth", "x\n");
	cairn_err_clear(&err);
	unit_assert_err(cairn_review_dates(&dates, &n, repo, "growth", &err), err, CAIRN_EIO,
	                "cannot list");
	ck_assert_ptr_null(dates);
	ck_assert_uint_eq(n, 0);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(add_refusals)
{
	char *dir, *was;
	struct cairn_repo *repo = plan_repo(&dir);
	struct cairn_plan *p;
	struct cairn_txn *other;
	cairn_err err = CAIRN_ERR_INIT;

	was = git(dir, "rev-parse HEAD");
	p = plan_yaml("id: licensure\ntitle: Licensure\nstart: 2026-11-01\nend: 2027-10-31\n"
	              "goals: [snap-b]\n");
	other = hold_lock(repo);
	assert_locked(cairn_plan_add(repo, p, SHORT, &err), &err);
	cairn_txn_free(other);
	unchanged(dir, was);

	/* goals/ made a file: whether its goals exist cannot be told */
	ck_assert_int_eq(unit_sh(NULL,
	                         "git -C '%s' rm -rq goals && echo x > '%s/goals' && git -C '%s' "
	                         "add goals && git -C '%s' -c user.name=T -c "
	                         "user.email=t@example.org commit -qm 'goals is a file'",
	                         dir, dir, dir, dir),
	                 0);
	free(was);
	was = git(dir, "rev-parse HEAD");
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_add(repo, p, TIMEOUT, &err), err, CAIRN_EIO, "cannot list");
	unchanged(dir, was);
	ck_assert_ptr_null(unit_read_rel(dir, "plans/licensure.yaml"));
	cairn_plan_free(p);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(update_refusals_and_one_commit)
{
	char *dir, *was, *s;
	struct cairn_repo *repo = plan_repo(&dir);
	struct cairn_txn *other;
	int changed = -1;
	cairn_err err = CAIRN_ERR_INIT;

	was = git(dir, "rev-parse HEAD");
	unit_assert_err(cairn_plan_update(repo, "nope", "plan add-goal", add_goal_b, NULL, TIMEOUT,
	                                  &changed, &err),
	                err, CAIRN_ENOTFOUND, "no plan 'nope'");
	unit_assert_has(err.hint, "cairn plan list");
	ck_assert_int_eq(changed, 0);

	other = hold_lock(repo);
	cairn_err_clear(&err);
	assert_locked(cairn_plan_update(repo, "growth", "plan add-goal", add_goal_b, NULL, SHORT,
	                                &changed, &err),
	              &err);
	cairn_txn_free(other);
	unchanged(dir, was);

	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_update(repo, "growth", "plan add-goal", add_unknown_goal, NULL,
	                                  TIMEOUT, &changed, &err),
	                err, CAIRN_ENOTFOUND, "goals: no goal 'nope'");
	unchanged(dir, was);

	ck_assert_msg(cairn_plan_update(repo, "growth", "plan add-goal", add_goal_b, NULL, TIMEOUT,
	                                &changed, &err) == 0,
	              "%s", err.msg);
	ck_assert_int_eq(changed, 1);
	s = git(dir, "log -1 --format=%s%n%b");
	ck_assert_str_eq(s, "plan add-goal: growth\ngoals + snap-b");
	free(s);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(replace_refusals)
{
	char *dir, *was, *original;
	size_t len;
	struct cairn_repo *repo = plan_repo(&dir);
	struct cairn_plan *p;
	struct cairn_txn *other;
	int changed = -1;
	cairn_err err = CAIRN_ERR_INIT;

	was = git(dir, "rev-parse HEAD");
	original = unit_read_rel(dir, "plans/growth.yaml");
	len = strlen(original);

	p = plan_yaml(PLAN);
	free(p->id);
	p->id = strdup("growth-2027");
	unit_assert_err(
	    cairn_plan_replace(repo, "growth", original, len, p, TIMEOUT, &changed, &err), err,
	    CAIRN_EDATA, "the id of a plan cannot change ('growth' -> 'growth-2027')");
	ck_assert_str_eq(err.hint, "keep id: growth");
	ck_assert_int_eq(changed, 0);
	cairn_plan_free(p);

	p = plan_yaml(PLAN);
	p->end = unit_date("2026-10-01");
	cairn_err_clear(&err);
	unit_assert_err(
	    cairn_plan_replace(repo, "growth", original, len, p, TIMEOUT, &changed, &err), err,
	    CAIRN_EDATA, "end 2026-10-01 is not after start 2026-10-28");
	p->end = unit_date("2027-10-27");
	unchanged(dir, was);

	other = hold_lock(repo);
	cairn_err_clear(&err);
	assert_locked(cairn_plan_replace(repo, "growth", original, len, p, SHORT, &changed, &err),
	              &err);
	cairn_txn_free(other);
	unchanged(dir, was);

	/* a goal that does not exist */
	ck_assert_int_eq(cairn_strlist_add(&p->goals, "nope"), 0);
	cairn_err_clear(&err);
	unit_assert_err(
	    cairn_plan_replace(repo, "growth", original, len, p, TIMEOUT, &changed, &err), err,
	    CAIRN_ENOTFOUND, "goals: no goal 'nope'");
	unchanged(dir, was);
	cairn_strlist_remove(&p->goals, "nope");

	/* the file changed while it was being edited: the other change is kept */
	ck_assert_msg(cairn_plan_update(repo, "growth", "plan add-goal", add_goal_b, NULL, TIMEOUT,
	                                &changed, &err) == 0,
	              "%s", err.msg);
	free(was);
	was = git(dir, "rev-parse HEAD");
	cairn_err_clear(&err);
	unit_assert_err(
	    cairn_plan_replace(repo, "growth", original, len, p, TIMEOUT, &changed, &err), err,
	    CAIRN_EDATA, "plans/growth.yaml changed while you were editing it");
	unit_assert_has(err.hint, "cairn plan edit growth");
	unchanged(dir, was);

	/* the file went away */
	ck_assert_int_eq(
	    unit_sh(NULL,
	            "git -C '%s' rm -q plans/growth.yaml && git -C '%s' -c user.name=T "
	            "-c user.email=t@example.org commit -qm 'gone'",
	            dir, dir),
	    0);
	free(was);
	was = git(dir, "rev-parse HEAD");
	cairn_err_clear(&err);
	unit_assert_err(
	    cairn_plan_replace(repo, "growth", original, len, p, TIMEOUT, &changed, &err), err,
	    CAIRN_ENOTFOUND, "cannot read");
	ck_assert_str_eq(err.file, "plans/growth.yaml");
	unchanged(dir, was);
	cairn_plan_free(p);
	free(original);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- reviews ---- */

START_TEST(review_records_that_are_not_valid)
{
	static const char BAD[] = "plan: growth\ndate: 2026-11-28\nmotivation: 7\n";
	struct cairn_review *r = cairn_record_new(&cairn_review_kind), *back = (void *)1;
	cairn_err err = CAIRN_ERR_INIT;

	/* no plan: the required field */
	r->date = unit_date(TODAY);
	unit_assert_err(cairn_review_validate(r, "reviews/growth/2026-11-28.yaml", &err), err,
	                CAIRN_EDATA, "plan");
	ck_assert_str_eq(err.file, "reviews/growth/2026-11-28.yaml");
	cairn_review_free(r);

	cairn_err_clear(&err);
	unit_assert_err(
	    cairn_review_parse(&back, BAD, strlen(BAD), "reviews/growth/2026-11-28.yaml", &err),
	    err, CAIRN_EDATA, "motivation: 7 is not 1 to 5");
	ck_assert_str_eq(err.file, "reviews/growth/2026-11-28.yaml");
	ck_assert_ptr_null(back);
}
END_TEST

START_TEST(review_save_refusals)
{
	char *dir, *was;
	struct cairn_repo *repo = plan_repo(&dir);
	struct cairn_review *r = new_review("growth", TODAY);
	struct cairn_goal *added, *was_a, *now_a, *none = NULL;
	struct cairn_txn *other;
	cairn_err err = CAIRN_ERR_INIT;

	was = git(dir, "rev-parse HEAD");
	other = hold_lock(repo);
	assert_locked(cairn_review_save(repo, r, NULL, NULL, 0, SHORT, &err), &err);
	cairn_txn_free(other);
	unchanged(dir, was);

	/* a goal added in the sitting whose id another command took meanwhile */
	added = goal_yaml("id: snap-b\ntitle: Another goal\nstatus: active\n");
	cairn_err_clear(&err);
	unit_assert_err(cairn_review_save(repo, r, &none, &added, 1, TIMEOUT, &err), err,
	                CAIRN_EEXISTS,
	                "a goal 'snap-b' was added while the review was open; nothing saved");
	unchanged(dir, was);
	ck_assert(!cairn_review_exists(repo, "growth", unit_date(TODAY)));
	cairn_goal_free(added);

	/* a goal added in the sitting that is not valid */
	added = goal_yaml("id: snap-new\ntitle: New goal\nstatus: active\n");
	added->due = unit_date("2026-01-01");
	added->start = unit_date("2026-06-01");
	cairn_err_clear(&err);
	unit_assert_err(cairn_review_save(repo, r, &none, &added, 1, TIMEOUT, &err), err,
	                CAIRN_EDATA, "due 2026-01-01 is before start 2026-06-01");
	unchanged(dir, was);
	ck_assert_ptr_null(unit_read_rel(dir, "goals/snap-new.yaml"));
	cairn_goal_free(added);

	/* a goal changed in the sitting that another command removed meanwhile */
	was_a = goal_yaml(GOAL_A);
	now_a = goal_yaml(GOAL_A);
	now_a->status = CAIRN_STATUS_PAUSED;
	ck_assert_int_eq(
	    unit_sh(NULL,
	            "git -C '%s' rm -q goals/snap-a.yaml && git -C '%s' -c user.name=T "
	            "-c user.email=t@example.org commit -qm 'snap-a gone'",
	            dir, dir),
	    0);
	free(was);
	was = git(dir, "rev-parse HEAD");
	cairn_err_clear(&err);
	unit_assert_err(cairn_review_save(repo, r, &was_a, &now_a, 1, TIMEOUT, &err), err,
	                CAIRN_ENOTFOUND, "no goal 'snap-a'");
	unchanged(dir, was);
	ck_assert(!cairn_review_exists(repo, "growth", unit_date(TODAY)));
	ck_assert_ptr_null(unit_read_rel(dir, "goals/snap-a.yaml"));
	cairn_goal_free(was_a);
	cairn_goal_free(now_a);
	cairn_review_free(r);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(goals_a_review_needs)
{
	char *dir;
	struct cairn_repo *repo = plan_repo(&dir);
	struct cairn_plan *p = plan_yaml(PLAN);
	struct cairn_goal *added = goal_yaml("id: new-x\ntitle: A goal added in the sitting\n"
	                                     "status: active\ncreated: 2026-11-28\n"
	                                     "serves:\n  - snap-b\n");
	struct cairn_review *r = NULL;
	struct cairn_goal_set s = {0};
	cairn_err err = CAIRN_ERR_INIT;

	/* snap-a serves long-c; snap-d is in no plan */
	put(dir, "goals/snap-a.yaml",
	    "id: snap-a\ntitle: Lead a DBT skills group\nstatus: active\ncreated: 2026-11-01\n"
	    "serves:\n  - long-c\n");
	put(dir, "goals/long-c.yaml",
	    "id: long-c\ntitle: Specialise in DBT\nhorizon: long\nstatus: active\n"
	    "created: 2026-01-01\n");
	put(dir, "goals/snap-d.yaml",
	    "id: snap-d\ntitle: A goal taken out of the plan\nstatus: active\n"
	    "created: 2026-01-01\n");
	commit_all(dir, "more goals");
	/* the plan's goals and what they serve, not every goal */
	ck_assert_int_eq(cairn_review_goals(&s, repo, p, NULL, 0, &err), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_str_eq(s.v[0]->id, "snap-a");
	ck_assert_str_eq(s.v[1]->id, "long-c");
	/* what a goal added in the sitting serves; nothing twice */
	ck_assert_int_eq(cairn_review_goals(&s, repo, p, &added, 1, &err), 0);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_str_eq(s.v[2]->id, "snap-b");
	/* the goals of the last snapshot; a goal that is gone is left out */
	{
		static const char y[] = "plan: growth\ndate: 2026-10-28\nmotivation: 4\n"
		                        "snapshot:\n  - goal: snap-d\n    status: active\n"
		                        "  - goal: gone\n    status: active\n";
		ck_assert_msg(cairn_review_parse(&r, y, strlen(y), NULL, &err) == 0, "%s", err.msg);
	}
	ck_assert_int_eq(cairn_review_snapshot_goals(&s, repo, r, &err), 0);
	ck_assert_uint_eq(s.n, 4);
	ck_assert_str_eq(s.v[3]->id, "snap-d");
	cairn_goal_set_release(&s);
	cairn_goal_free(added);
	cairn_review_free(r);
	cairn_plan_free(p);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *planstore_suite(void)
{
	Suite *s = suite_create("planstore");
	TCase *c;

	c = tcase_create("plans");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, validate_and_next_review_of_plans_built_in_memory);
	tcase_add_test(c, load_and_listings_when_files_cannot_be_read);
	tcase_add_test(c, add_refusals);
	tcase_add_test(c, update_refusals_and_one_commit);
	tcase_add_test(c, replace_refusals);
	suite_add_tcase(s, c);

	c = tcase_create("reviews");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, review_records_that_are_not_valid);
	tcase_add_test(c, review_save_refusals);
	tcase_add_test(c, goals_a_review_needs);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(planstore_suite());
}
