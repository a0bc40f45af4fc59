/* cairn — unit tests: the goal write road and goal loading on real repositories
 * (lib/goal.c), where it is refused: another cairn command holding the writer lock, an id
 * that is not an id, an edit whose id changed or whose file went away meanwhile, a goals/
 * folder that cannot be read, a goal file that cannot be read at all. Each refusal names
 * what is wrong and leaves HEAD and the work tree as they were. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

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

static char *git(const char *dir, const char *args)
{
	return unit_sh_out("git -C '%s' %s 2>&1", dir, args);
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

static struct cairn_goal *goal_yaml(const char *yaml, const char *file)
{
	struct cairn_goal *g = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_goal_parse(&g, yaml, strlen(yaml), file, &err) == 0, "%s", err.msg);
	return g;
}

static const char LEAD[] = "id: lead\n"
                           "title: Lead a DBT skills group\n"
                           "status: active\n"
                           "created: 2026-11-01\n"
                           "due: 2027-06-30\n";

/* A repository holding the goal lead. */
static struct cairn_repo *goal_repo(char **dir)
{
	struct cairn_repo *repo = unit_repo(dir);
	struct cairn_goal *g = goal_yaml(LEAD, NULL);
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_goal_add(repo, g, TIMEOUT, &err) == 0, "%s", err.msg);
	cairn_goal_free(g);
	return repo;
}

static int no_change(struct cairn_goal *g, void *ctx, cairn_err *err)
{
	(void)g;
	(void)ctx;
	(void)err;
	return 0;
}

/* ---- validation and loading ---- */

START_TEST(a_step_without_a_title)
{
	static const char Y[] = "id: lead\n"
	                        "title: Lead\n"
	                        "status: active\n"
	                        "steps:\n"
	                        "  - {title: Enroll}\n"
	                        "  - {title: ''}\n";
	static const char OK[] = "id: lead\n"
	                         "title: Lead\n"
	                         "status: active\n"
	                         "steps:\n"
	                         "  - {title: Enroll}\n"
	                         "  - {title: Pass}\n";
	struct cairn_goal *g = (struct cairn_goal *)1;
	cairn_err err = CAIRN_ERR_INIT;

	/* in a file: refused, naming the file */
	unit_assert_err(cairn_goal_parse(&g, Y, strlen(Y), "goals/lead.yaml", &err), err,
	                CAIRN_EDATA, "steps[2].title may not be empty");
	ck_assert_str_eq(err.file, "goals/lead.yaml");
	ck_assert_ptr_null(g);

	/* made empty in memory (a step renamed to nothing): refused before it is written */
	g = goal_yaml(OK, NULL);
	g->steps.v[1].title[0] = '\0';
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_validate(g, "goals/lead.yaml", &err), err, CAIRN_EDATA,
	                "steps[2].title");
	ck_assert_str_eq(err.file, "goals/lead.yaml");
	cairn_goal_free(g);
}
END_TEST

START_TEST(load_refuses_what_is_not_an_id)
{
	char *dir;
	struct cairn_repo *repo = goal_repo(&dir);
	struct cairn_goal *g = (struct cairn_goal *)1;
	cairn_err err = CAIRN_ERR_INIT;

	/* never a path: "../cairn" must not read a file outside goals/ */
	unit_assert_err(cairn_goal_load(&g, repo, "../cairn", &err), err, CAIRN_EDATA, "goal id");
	ck_assert_ptr_null(g);
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_load(&g, repo, "Lead", &err), err, CAIRN_EDATA, "goal id");
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(load_all_when_goals_cannot_be_read)
{
	char *dir, *p;
	struct cairn_repo *repo = goal_repo(&dir);
	struct cairn_goal_set s;
	cairn_err err = CAIRN_ERR_INIT;

	/* a goal file that cannot be read at all (a link to itself) is not "an invalid goal"
	 * to set aside: the listing fails and says which */
	p = path_in(dir, "goals/loop.yaml");
	ck_assert_int_eq(symlink("loop.yaml", p), 0);
	free(p);
	unit_assert_err(cairn_goal_load_all(&s, repo, &err), err, CAIRN_EIO, "cannot read");
	ck_assert_str_eq(err.file, "goals/loop.yaml");
	ck_assert_uint_eq(s.n, 0);
	ck_assert_ptr_null(s.v);

	/* and goal rm, which must know every goal that may serve it, refuses */
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_remove(repo, "lead", 0, TIMEOUT, &err), err, CAIRN_EIO,
	                "cannot read");
	p = unit_read_rel(dir, "goals/lead.yaml");
	ck_assert_ptr_nonnull(p);
	free(p);

	/* goals/ made a file */
	ck_assert_int_eq(unit_sh(NULL, "rm -rf '%s/goals' && echo x > '%s/goals'", dir, dir), 0);
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_load_all(&s, repo, &err), err, CAIRN_EIO, "cannot list");
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- add ---- */

START_TEST(add_and_precheck_refusals)
{
	char *dir, *was;
	struct cairn_repo *repo = goal_repo(&dir);
	struct cairn_goal *g;
	struct cairn_txn *other;
	cairn_err err = CAIRN_ERR_INIT;

	was = git(dir, "rev-parse HEAD");
	g = goal_yaml("id: next\ntitle: Next step\nstatus: active\n", NULL);
	free(g->id);
	g->id = strdup("Not An Id");
	unit_assert_err(cairn_goal_add_precheck(repo, g, &err), err, CAIRN_EDATA, "goal id");
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_add(repo, g, TIMEOUT, &err), err, CAIRN_EDATA, "goal id");
	unchanged(dir, was);

	/* an id taken: precheck says so before anything is asked */
	free(g->id);
	g->id = strdup("lead");
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_add_precheck(repo, g, &err), err, CAIRN_EEXISTS,
	                "a goal 'lead' exists already");
	free(g->id);
	g->id = strdup("next");
	ck_assert_int_eq(cairn_goal_add_precheck(repo, g, &err), 0);

	/* while another command writes */
	other = hold_lock(repo);
	cairn_err_clear(&err);
	assert_locked(cairn_goal_add(repo, g, SHORT, &err), &err);
	cairn_txn_free(other);
	unchanged(dir, was);

	/* goals/ made a file: the ids taken cannot be known */
	ck_assert_int_eq(unit_sh(NULL,
	                         "git -C '%s' rm -rq goals && echo x > '%s/goals' && git -C '%s' "
	                         "add goals && git -C '%s' -c user.name=T -c "
	                         "user.email=t@example.org commit -qm 'goals is a file'",
	                         dir, dir, dir, dir),
	                 0);
	free(was);
	was = git(dir, "rev-parse HEAD");
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_add(repo, g, TIMEOUT, &err), err, CAIRN_EIO, "Not a directory");
	unchanged(dir, was);
	cairn_goal_free(g);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- update, remove ---- */

START_TEST(update_and_remove_refusals)
{
	char *dir, *was;
	struct cairn_repo *repo = goal_repo(&dir);
	struct cairn_txn *other;
	int changed = -1;
	cairn_err err = CAIRN_ERR_INIT;

	was = git(dir, "rev-parse HEAD");
	unit_assert_err(
	    cairn_goal_update(repo, "nope", "goal edit", no_change, NULL, TIMEOUT, &changed, &err),
	    err, CAIRN_ENOTFOUND, "no goal 'nope'");
	ck_assert_int_eq(changed, 0);

	other = hold_lock(repo);
	cairn_err_clear(&err);
	assert_locked(
	    cairn_goal_update(repo, "lead", "goal edit", no_change, NULL, SHORT, &changed, &err),
	    &err);
	cairn_err_clear(&err);
	assert_locked(cairn_goal_remove(repo, "lead", 0, SHORT, &err), &err);
	cairn_txn_free(other);
	unchanged(dir, was);

	/* an update that changes nothing makes no commit */
	ck_assert_int_eq(
	    cairn_goal_update(repo, "lead", "goal edit", no_change, NULL, TIMEOUT, &changed, &err),
	    0);
	ck_assert_int_eq(changed, 0);
	unchanged(dir, was);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- replace (goal edit) ---- */

START_TEST(replace_refusals)
{
	char *dir, *was, *original, *s;
	size_t len;
	struct cairn_repo *repo = goal_repo(&dir);
	struct cairn_goal *g;
	struct cairn_txn *other;
	int changed = -1;
	cairn_err err = CAIRN_ERR_INIT;

	was = git(dir, "rev-parse HEAD");
	original = unit_read_rel(dir, "goals/lead.yaml");
	len = strlen(original);

	/* the id cannot change in an edit */
	g = goal_yaml(LEAD, NULL);
	free(g->id);
	g->id = strdup("lead-group");
	unit_assert_err(cairn_goal_replace(repo, "lead", original, len, g, TIMEOUT, &changed, &err),
	                err, CAIRN_EDATA,
	                "the id of a goal cannot change ('lead' -> 'lead-group')");
	ck_assert_str_eq(err.hint,
	                 "keep id: lead; to rename a goal, add a new one and remove this");
	ck_assert_int_eq(changed, 0);
	unchanged(dir, was);
	cairn_goal_free(g);

	/* an invalid result is refused */
	g = goal_yaml(LEAD, NULL);
	g->start = unit_date("2027-07-01"); /* after its due date */
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_replace(repo, "lead", original, len, g, TIMEOUT, &changed, &err),
	                err, CAIRN_EDATA, "due 2027-06-30 is before start 2027-07-01");
	unchanged(dir, was);
	g->start = CAIRN_DATE_NONE;

	/* while another command writes */
	other = hold_lock(repo);
	cairn_err_clear(&err);
	assert_locked(cairn_goal_replace(repo, "lead", original, len, g, SHORT, &changed, &err),
	              &err);
	cairn_txn_free(other);
	unchanged(dir, was);

	/* the goal was removed while it was being edited */
	ck_assert_int_eq(cairn_goal_remove(repo, "lead", 0, TIMEOUT, &err), 0);
	free(was);
	was = git(dir, "rev-parse HEAD");
	cairn_err_clear(&err);
	unit_assert_err(cairn_goal_replace(repo, "lead", original, len, g, TIMEOUT, &changed, &err),
	                err, CAIRN_ENOTFOUND, "cannot read");
	ck_assert_str_eq(err.file, "goals/lead.yaml");
	unchanged(dir, was);
	s = unit_read_rel(dir, "goals/lead.yaml");
	ck_assert_ptr_null(s);
	cairn_goal_free(g);
	free(original);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *goalstore_suite(void)
{
	Suite *s = suite_create("goalstore");
	TCase *c;

	c = tcase_create("load");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, a_step_without_a_title);
	tcase_add_test(c, load_refuses_what_is_not_an_id);
	tcase_add_test(c, load_all_when_goals_cannot_be_read);
	suite_add_tcase(s, c);

	c = tcase_create("write");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, add_and_precheck_refusals);
	tcase_add_test(c, update_and_remove_refusals);
	tcase_add_test(c, replace_refusals);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(goalstore_suite());
}
