/* cairn — unit tests: reminders (lib/remind.c) read from a real repository: the order of
 * items on the same day (goal, step, review, license, then by id), overdue first and goals
 * gone quiet last, reviews not yet due left out, records that cannot be used counted in
 * nbad, and folders that cannot be read failing the whole call.
 *
 * Today is 2026-11-28 and the window ends 2026-12-28. "delta" was created 2026-08-01:
 * 31 (Aug) + 30 (Sep) + 31 (Oct) + 27 = 119 days without progress, over the 60 of a stale
 * goal; the other goals were created 2026-11-01, 27 days ago. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#define TODAY "2026-11-28"
#define UNTIL "2026-12-28"

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

/* Replaces folder rel of the repository by a regular file. */
static void make_file(const char *dir, const char *rel)
{
	ck_assert_int_eq(unit_sh(NULL, "rm -rf '%s/%s' && echo x > '%s/%s'", dir, rel, dir, rel),
	                 0);
}

static void goal(const char *dir, const char *id, const char *title, const char *created,
                 const char *due, const char *extra)
{
	char rel[128], yaml[1024];

	snprintf(rel, sizeof(rel), "goals/%s.yaml", id);
	snprintf(yaml, sizeof(yaml), "id: %s\ntitle: %s\nstatus: active\ncreated: %s\n%s%s%s%s", id,
	         title, created, due ? "due: " : "", due ? due : "", due ? "\n" : "",
	         extra ? extra : "");
	put(dir, rel, yaml);
}

static void item_is(const struct cairn_remind_item *it, int kind, const char *id, const char *date,
                    int overdue, const char *text, const char *command)
{
	ck_assert_msg(it->kind == kind && !strcmp(it->id, id),
	              "item %s '%s', expected %s '%s' (%s)", cairn_remind_kinds[it->kind], it->id,
	              cairn_remind_kinds[kind], id, it->text);
	ck_assert_int_eq(it->date, unit_date(date));
	ck_assert_int_eq(it->overdue, overdue);
	ck_assert_str_eq(it->text, text);
	ck_assert_str_eq(it->command, command);
}

START_TEST(same_day_items_by_kind_then_id)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_remind_list l;
	cairn_err err = CAIRN_ERR_INIT;

	goal(dir, "beta", "Beta", "2026-11-01", "2026-12-05",
	     "steps:\n  - {title: Book the exam, due: 2026-12-05}\n"
	     "  - {title: Done already, due: 2026-12-01, done: 2026-11-20}\n"
	     "  - {title: Far off, due: 2027-03-01}\n");
	goal(dir, "alpha", "Alpha", "2026-11-01", "2026-12-05", NULL);
	goal(dir, "gamma", "Gamma", "2026-11-01", "2026-11-20", NULL);
	goal(dir, "delta", "Delta", "2026-08-01", NULL, NULL);
	/* not active: never a reminder */
	put(dir, "goals/paused.yaml",
	    "id: paused\ntitle: P\nstatus: paused\ncreated: 2026-01-01\ndue: 2026-11-01\n");
	put(dir, "plans/growth.yaml",
	    "id: growth\ntitle: Growth\nstart: 2026-11-05\nend: 2027-11-04\n"
	    "review: {every: monthly, next: 2026-12-05}\n");
	/* its review is after the window */
	put(dir, "plans/later.yaml",
	    "id: later\ntitle: Later\nstart: 2026-11-05\nend: 2027-11-04\n"
	    "review: {every: quarterly, next: 2027-02-05}\n");

	ck_assert_msg(cairn_remind_collect(&l, repo, unit_date(TODAY), unit_date(UNTIL), &err) == 0,
	              "%s", err.msg);
	ck_assert_uint_eq(l.nbad, 0);
	ck_assert_uint_eq(l.n, 6);
	item_is(&l.v[0], CAIRN_REMIND_GOAL, "gamma", "2026-11-20", 1,
	        "goal gamma \"Gamma\" was due 2026-11-20", "cairn goal show gamma");
	item_is(&l.v[1], CAIRN_REMIND_GOAL, "alpha", "2026-12-05", 0,
	        "goal alpha \"Alpha\" is due 2026-12-05", "cairn goal show alpha");
	item_is(&l.v[2], CAIRN_REMIND_GOAL, "beta", "2026-12-05", 0,
	        "goal beta \"Beta\" is due 2026-12-05", "cairn goal show beta");
	item_is(&l.v[3], CAIRN_REMIND_STEP, "beta#1", "2026-12-05", 0,
	        "step 1 of beta \"Book the exam\" is due 2026-12-05",
	        "cairn goal step done beta 1");
	item_is(&l.v[4], CAIRN_REMIND_REVIEW, "growth", "2026-12-05", 0,
	        "review of plan growth \"Growth\" is due 2026-12-05", "cairn plan review growth");
	item_is(&l.v[5], CAIRN_REMIND_STALE, "delta", "2026-08-01", 0,
	        "goal delta \"Delta\" has had no progress since 2026-08-01 (119 days)",
	        "cairn goal progress delta N");
	cairn_remind_list_release(&l);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(l.v);
	unit_repo_done(repo, dir);
}
END_TEST

static const char TX_RULE[] = "id: tx-lpc\n"
                              "title: Texas LPC renewal\n"
                              "cycle: {months: 24, anchor: expiry}\n"
                              "total_hours: 24\n";

START_TEST(records_that_cannot_be_used_are_counted)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_remind_list l;
	cairn_err err = CAIRN_ERR_INIT;

	put(dir, "rules/tx-lpc.yaml", TX_RULE);
	put(dir, "cairn.yaml",
	    "format: 1\n"
	    "name: Unit Test\n"
	    "licenses:\n"
	    "  - {id: norule, expires: 2026-12-15}\n"               /* no rule to judge by */
	    "  - {id: gone, rule: missing, expires: 2026-12-15}\n"  /* its rule is not there */
	    "  - {id: noexpiry, rule: tx-lpc}\n"                    /* the cycle cannot be told */
	    "  - {id: fine, rule: tx-lpc, expires: 2028-06-30}\n"); /* usable */
	put(dir, "ce/2026/2026-01-01-broken.yaml", "id: [\n");
	put(dir, "goals/broken.yaml", "id: broken\n");
	put(dir, "plans/broken.yaml", "id: broken\ntitle: B\n");
	ck_assert_msg(cairn_remind_collect(&l, repo, unit_date(TODAY), unit_date(UNTIL), &err) == 0,
	              "%s", err.msg);
	/* the one usable license: no hours yet, a fifth of its cycle gone: behind */
	ck_assert_uint_eq(l.n, 1);
	item_is(&l.v[0], CAIRN_REMIND_LICENSE, "fine", "2028-06-30", 0,
	        "license fine: 24 hours still needed by 2028-06-30 (behind)",
	        "cairn ce status fine --explain");
	/* a goal, a plan, an activity and three licenses */
	ck_assert_uint_eq(l.nbad, 6);
	cairn_remind_list_release(&l);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(folders_that_cannot_be_read_fail_the_call)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_remind_list l;
	cairn_err err = CAIRN_ERR_INIT;

	goal(dir, "gamma", "Gamma", "2026-11-01", "2026-11-20", NULL);

	/* with no license, CE activities are not read at all */
	make_file(dir, "ce");
	ck_assert_msg(cairn_remind_collect(&l, repo, unit_date(TODAY), unit_date(UNTIL), &err) == 0,
	              "%s", err.msg);
	ck_assert_uint_eq(l.n, 1);
	cairn_remind_list_release(&l);

	/* with one, they are needed */
	put(dir, "rules/tx-lpc.yaml", TX_RULE);
	put(dir, "cairn.yaml",
	    "format: 1\nlicenses:\n  - {id: tx, rule: tx-lpc, expires: 2027-06-30}\n");
	unit_assert_err(cairn_remind_collect(&l, repo, unit_date(TODAY), unit_date(UNTIL), &err),
	                err, CAIRN_EIO, "cannot list");
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(l.v);

	/* cairn.yaml broken by hand */
	put(dir, "cairn.yaml", "format: 2\n");
	cairn_err_clear(&err);
	unit_assert_err(cairn_remind_collect(&l, repo, unit_date(TODAY), unit_date(UNTIL), &err),
	                err, CAIRN_EDATA, "format 2");
	ck_assert_str_eq(err.file, "cairn.yaml");
	ck_assert_uint_eq(l.n, 0);

	make_file(dir, "plans");
	cairn_err_clear(&err);
	unit_assert_err(cairn_remind_collect(&l, repo, unit_date(TODAY), unit_date(UNTIL), &err),
	                err, CAIRN_EIO, "cannot list");
	unit_assert_has(err.file, "/plans");
	ck_assert_uint_eq(l.n, 0);

	make_file(dir, "goals");
	cairn_err_clear(&err);
	unit_assert_err(cairn_remind_collect(&l, repo, unit_date(TODAY), unit_date(UNTIL), &err),
	                err, CAIRN_EIO, "cannot list");
	unit_assert_has(err.file, "/goals");
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(l.v);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *remind_suite(void)
{
	Suite *s = suite_create("remind");
	TCase *c = tcase_create("remind");

	tcase_set_timeout(c, 30);
	tcase_add_test(c, same_day_items_by_kind_then_id);
	tcase_add_test(c, records_that_cannot_be_used_are_counted);
	tcase_add_test(c, folders_that_cannot_be_read_fail_the_call);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(remind_suite());
}
