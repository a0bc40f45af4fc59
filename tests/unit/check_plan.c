/* cairn — unit tests: development plans and their reviews (lib/plan.c): the review cadence
 * anchored at the plan's start, when a review is due, plan validation, the snapshot of each
 * goal on the day of a review, the answers of a review read from a file, and the write road
 * of plans and reviews on a real repository.
 *
 * Dates below were worked out by hand and checked with Python's datetime:
 *   monthly from 2026-01-31: Feb 28, Mar 31, Apr 30, May 31, ..., 2027-01-31, 2027-02-28;
 *     from 2027-01-31 the 13th is 2028-02-29 (leap year); from 2028-01-31 the 1st is Feb 29;
 *   quarterly from 2026-11-30: 2027-02-28, 2027-05-30 (not 05-28: counted from the anchor,
 *     not from the clamped Feb 28), 2027-08-30, 2027-11-30, 2028-02-29;
 *   10d from 2026-11-28: 12-08, 12-18, 12-28, 2027-01-07 (2 days to Nov 30, 31 to Dec 31,
 *     then 7);
 *   weekly from 2026-11-28: the 5th is 2027-01-02; biweekly: the 3rd is 2027-01-09;
 *   biweekly from 2026-01-05: 2026-11-28 is 327 days on, so the next is day 336, 2026-12-07. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define TODAY   "2026-11-28"
#define TIMEOUT 5.0

/* ---- helpers ---- */

static void date_is(cairn_date got, const char *want)
{
	ck_assert_msg(got == unit_date(want), "got %s, expected %s", unit_fmt(got), want);
}

static struct cairn_plan *plan_yaml(const char *yaml, const char *file)
{
	struct cairn_plan *p = cairn_record_new(&cairn_plan_kind);
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_ptr_nonnull(p);
	ck_assert_msg(cairn_record_parse(&cairn_plan_kind, p, yaml, strlen(yaml), file, &err) == 0,
	              "test plan refused: %s (at %d:%d)", err.msg, err.line, err.column);
	return p;
}

static struct cairn_goal *goal_yaml(const char *yaml)
{
	struct cairn_goal *g = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_goal_parse(&g, yaml, strlen(yaml), NULL, &err) == 0,
	              "test goal refused: %s (at %d:%d)", err.msg, err.line, err.column);
	return g;
}

/* A plan of a year, monthly reviews, the next on 2026-11-28. */
static const char PLAN[] = "id: growth\n"
                           "title: Growth plan 2027\n"
                           "start: 2026-10-28\n"
                           "end: 2027-10-27\n"
                           "goals:\n"
                           "  - snap-a\n"
                           "  - snap-b\n"
                           "  - snap-c\n"
                           "evaluation: TF-CBT certified and the DBT group led by October\n"
                           "review:\n"
                           "  every: monthly\n"
                           "  next: 2026-11-28\n";

/* Passes all five SMART criteria on 2026-11-28; four steps: one done, one overdue on
 * 2026-11-28 (due the day before), one due that very day (not overdue), one without a date. */
static const char GOAL_A[] = "id: snap-a\n"
                             "title: Lead a DBT skills group\n"
                             "horizon: short\n"
                             "domain: professional\n"
                             "status: active\n"
                             "created: 2026-11-01\n"
                             "start: 2026-11-01\n"
                             "due: 2027-06-30\n"
                             "specific: Complete the DBT intensive to run a weekly skills group "
                             "for my clients\n"
                             "measure: {metric: skills groups led, unit: sessions, baseline: 0, "
                             "target: 10, current: 3}\n"
                             "achievable: Four hours a week of study, balanced with my caseload.\n"
                             "relevant: Serves my aim of specializing in emotion regulation.\n"
                             "steps:\n"
                             "  - {title: Enroll in the intensive, due: 2026-11-10, done: "
                             "2026-11-09}\n"
                             "  - {title: Book the exam, due: 2026-11-27}\n"
                             "  - {title: Pass the exam, due: 2026-11-28}\n"
                             "  - {title: Write up a case}\n";

/* Paused; a target without unit or current; no relevant text: SMART warns (R). */
static const char GOAL_B[] = "id: snap-b\n"
                             "title: Attend the TF-CBT consultation calls\n"
                             "horizon: short\n"
                             "domain: professional\n"
                             "status: paused\n"
                             "created: 2026-11-01\n"
                             "start: 2026-11-01\n"
                             "due: 2027-06-30\n"
                             "specific: Attend twelve TF-CBT consultation calls to finish the "
                             "certification for my clients\n"
                             "measure: {metric: calls attended, target: 12}\n"
                             "achievable: The calls are twice a month during work hours.\n";

/* Dropped, no measure, no steps, no due date: SMART fails. */
static const char GOAL_C[] = "id: snap-c\n"
                             "title: Open a private practice\n"
                             "status: dropped\n"
                             "created: 2026-11-01\n"
                             "reason: the agency job is enough for now\n";

/* Not in the plan. */
static const char GOAL_D[] = "id: snap-d\n"
                             "title: Write a case study\n"
                             "status: active\n"
                             "created: 2026-11-01\n";

/* ---- cadence ---- */

START_TEST(test_cadence_valid)
{
	static const char *const good[] = {"weekly", "biweekly", "monthly", "quarterly",
	                                   "1d",     "10d",      "90d",     "366d"};
	static const char *const bad[] = {
	    "",    "Monthly", "daily", "yearly", "fortnightly", "0d", "-3d", "d",      "10", "10 d",
	    "10D", "10days",  "10dd",  "1.5d",   "monthly ",    "2w", "1m",  "weekly2"};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(cairn_cadence_valid(good[i]), "'%s' should be a cadence", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!cairn_cadence_valid(bad[i]), "'%s' should not be a cadence", bad[i]);
	ck_assert(!cairn_cadence_valid(NULL));
}
END_TEST

START_TEST(test_cadence_nth_days)
{
	cairn_date a = unit_date(TODAY);

	date_is(cairn_cadence_nth(a, "weekly", 0), TODAY);
	date_is(cairn_cadence_nth(a, "weekly", 1), "2026-12-05");
	date_is(cairn_cadence_nth(a, "weekly", 5), "2027-01-02");
	date_is(cairn_cadence_nth(a, "biweekly", 1), "2026-12-12");
	date_is(cairn_cadence_nth(a, "biweekly", 3), "2027-01-09");
	date_is(cairn_cadence_nth(a, "10d", 0), TODAY);
	date_is(cairn_cadence_nth(a, "10d", 1), "2026-12-08");
	date_is(cairn_cadence_nth(a, "10d", 4), "2027-01-07");
	date_is(cairn_cadence_nth(a, "1d", 3), "2026-12-01");
}
END_TEST

START_TEST(test_cadence_nth_monthly_from_jan31)
{
	cairn_date a = unit_date("2026-01-31");

	date_is(cairn_cadence_nth(a, "monthly", 0), "2026-01-31");
	date_is(cairn_cadence_nth(a, "monthly", 1), "2026-02-28");
	/* counted from the anchor: not Mar 28 as Feb 28 + 1 month would give */
	date_is(cairn_cadence_nth(a, "monthly", 2), "2026-03-31");
	date_is(cairn_cadence_nth(a, "monthly", 3), "2026-04-30");
	date_is(cairn_cadence_nth(a, "monthly", 4), "2026-05-31");
	date_is(cairn_cadence_nth(a, "monthly", 12), "2027-01-31");
	date_is(cairn_cadence_nth(a, "monthly", 13), "2027-02-28");
}
END_TEST

START_TEST(test_cadence_nth_monthly_leap_year)
{
	date_is(cairn_cadence_nth(unit_date("2028-01-31"), "monthly", 1), "2028-02-29");
	date_is(cairn_cadence_nth(unit_date("2027-01-31"), "monthly", 13), "2028-02-29");
	date_is(cairn_cadence_nth(unit_date("2027-01-31"), "monthly", 14), "2028-03-31");
	/* from Feb 29 the 29th is kept where the month has one */
	date_is(cairn_cadence_nth(unit_date("2028-02-29"), "monthly", 1), "2028-03-29");
	date_is(cairn_cadence_nth(unit_date("2028-02-29"), "monthly", 12), "2029-02-28");
}
END_TEST

START_TEST(test_cadence_nth_quarterly)
{
	cairn_date a = unit_date("2026-11-30");

	date_is(cairn_cadence_nth(a, "quarterly", 1), "2027-02-28");
	date_is(cairn_cadence_nth(a, "quarterly", 2), "2027-05-30");
	date_is(cairn_cadence_nth(a, "quarterly", 3), "2027-08-30");
	date_is(cairn_cadence_nth(a, "quarterly", 4), "2027-11-30");
	date_is(cairn_cadence_nth(a, "quarterly", 5), "2028-02-29");
}
END_TEST

START_TEST(test_cadence_invalid_gives_no_date)
{
	cairn_date a = unit_date(TODAY);

	ck_assert_int_eq(cairn_cadence_nth(a, "fortnightly", 1), CAIRN_DATE_NONE);
	ck_assert_int_eq(cairn_cadence_nth(a, "0d", 1), CAIRN_DATE_NONE);
	ck_assert_int_eq(cairn_cadence_nth(a, NULL, 1), CAIRN_DATE_NONE);
	ck_assert_int_eq(cairn_cadence_after(a, "yearly", a), CAIRN_DATE_NONE);
	ck_assert_int_eq(cairn_cadence_after(a, "", a), CAIRN_DATE_NONE);
	ck_assert_int_eq(cairn_cadence_after(a, NULL, a), CAIRN_DATE_NONE);
}
END_TEST

START_TEST(test_cadence_after_monthly)
{
	cairn_date a = unit_date("2026-01-31");

	/* before the anchor: the anchor itself is the first date after the day */
	date_is(cairn_cadence_after(a, "monthly", unit_date("2026-01-30")), "2026-01-31");
	/* on a date of the series: the next one, never the same day */
	date_is(cairn_cadence_after(a, "monthly", a), "2026-02-28");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2026-02-27")), "2026-02-28");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2026-02-28")), "2026-03-31");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2026-03-30")), "2026-03-31");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2026-03-31")), "2026-04-30");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2026-04-29")), "2026-04-30");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2026-04-30")), "2026-05-31");
	/* years on: the walk still lands on the anchored series */
	date_is(cairn_cadence_after(a, "monthly", unit_date("2031-02-27")), "2031-02-28");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2031-02-28")), "2031-03-31");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2032-02-28")), "2032-02-29");
	date_is(cairn_cadence_after(a, "monthly", unit_date("2032-02-29")), "2032-03-31");
	/* the example plan: from 2026-07-31, a review held on 2026-10-31 sets 2026-11-30 */
	date_is(cairn_cadence_after(unit_date("2026-07-31"), "monthly", unit_date("2026-10-31")),
	        "2026-11-30");
	/* a review held late moves to the next date of the series after it */
	date_is(cairn_cadence_after(unit_date("2026-07-31"), "monthly", unit_date("2026-11-05")),
	        "2026-11-30");
}
END_TEST

START_TEST(test_cadence_after_days_and_quarters)
{
	cairn_date a = unit_date(TODAY);

	date_is(cairn_cadence_after(a, "weekly", a), "2026-12-05");
	date_is(cairn_cadence_after(a, "weekly", unit_date("2026-12-04")), "2026-12-05");
	date_is(cairn_cadence_after(a, "weekly", unit_date("2026-12-05")), "2026-12-12");
	date_is(cairn_cadence_after(unit_date("2026-01-05"), "biweekly", a), "2026-12-07");
	date_is(cairn_cadence_after(a, "10d", unit_date("2027-01-06")), "2027-01-07");
	date_is(cairn_cadence_after(a, "10d", unit_date("2027-01-07")), "2027-01-17");
	date_is(cairn_cadence_after(a, "10d", unit_date("2026-11-01")), TODAY);

	a = unit_date("2026-11-30");
	date_is(cairn_cadence_after(a, "quarterly", a), "2027-02-28");
	date_is(cairn_cadence_after(a, "quarterly", unit_date("2027-02-28")), "2027-05-30");
	date_is(cairn_cadence_after(a, "quarterly", unit_date("2027-03-01")), "2027-05-30");
	date_is(cairn_cadence_after(a, "quarterly", unit_date("2027-05-29")), "2027-05-30");
	date_is(cairn_cadence_after(a, "quarterly", unit_date("2027-05-30")), "2027-08-30");
	date_is(cairn_cadence_after(a, "quarterly", unit_date("2028-01-15")), "2028-02-29");
}
END_TEST

/* ---- plans ---- */

START_TEST(test_review_due_at_the_boundaries)
{
	struct cairn_plan *p = plan_yaml(PLAN, "plans/growth.yaml");

	ck_assert_msg(!cairn_plan_review_due(p, unit_date("2026-11-27")),
	              "due the day before the review");
	ck_assert_msg(cairn_plan_review_due(p, unit_date("2026-11-28")), "not due on the day");
	ck_assert_msg(cairn_plan_review_due(p, unit_date("2026-11-29")), "not due the day after");
	ck_assert_msg(cairn_plan_review_due(p, unit_date("2027-10-27")),
	              "not due on the last day of the plan");
	ck_assert_msg(!cairn_plan_review_due(p, unit_date("2027-10-28")),
	              "due after the plan has ended");
	/* no next date: never due */
	p->review->next = CAIRN_DATE_NONE;
	ck_assert(!cairn_plan_review_due(p, unit_date("2026-12-31")));
	cairn_plan_free(p);

	p = plan_yaml("id: growth\ntitle: G\nstart: 2026-10-28\nend: 2027-10-27\n", NULL);
	ck_assert_ptr_null(p->review);
	ck_assert(!cairn_plan_review_due(p, unit_date("2026-12-31")));
	/* a cadence set on a plan without review block keeps no next date */
	ck_assert_int_eq(cairn_plan_set_cadence(p, "quarterly"), 0);
	ck_assert_ptr_nonnull(p->review);
	ck_assert_str_eq(p->review->every, "quarterly");
	ck_assert_int_eq(p->review->next, CAIRN_DATE_NONE);
	cairn_plan_free(p);
}
END_TEST

START_TEST(test_plan_validate_good_and_canonical)
{
	struct cairn_plan *p = plan_yaml(PLAN, "plans/growth.yaml");
	cairn_err err = CAIRN_ERR_INIT;
	char *out;
	size_t len;

	ck_assert_msg(cairn_plan_validate(p, "plans/growth.yaml", &err) == 0, "%s", err.msg);
	ck_assert_str_eq(p->title, "Growth plan 2027");
	ck_assert_int_eq(p->goals.n, 3);
	ck_assert_str_eq(p->goals.v[2], "snap-c");
	ck_assert_str_eq(p->review->every, "monthly");
	date_is(p->review->next, "2026-11-28");
	/* the canonical form is the one the test wrote */
	ck_assert_int_eq(cairn_record_write(&out, &len, &cairn_plan_kind, p, &err), 0);
	ck_assert_str_eq(out, PLAN);
	free(out);
	cairn_plan_free(p);
}
END_TEST

START_TEST(test_plan_validate_end_before_start)
{
	struct cairn_plan *p = plan_yaml(PLAN, "plans/growth.yaml");
	cairn_err err = CAIRN_ERR_INIT;

	p->end = unit_date("2026-10-01");
	unit_assert_err(cairn_plan_validate(p, "plans/growth.yaml", &err), err, CAIRN_EDATA,
	                "end 2026-10-01 is not after start 2026-10-28");
	ck_assert_str_eq(err.file, "plans/growth.yaml");
	/* a plan of no days is refused too */
	cairn_err_clear(&err);
	p->end = p->start;
	unit_assert_err(cairn_plan_validate(p, NULL, &err), err, CAIRN_EDATA, "is not after start");
	/* one day is enough */
	cairn_err_clear(&err);
	p->end = p->start + 1;
	ck_assert_int_eq(cairn_plan_validate(p, NULL, &err), 0);
	cairn_plan_free(p);
}
END_TEST

START_TEST(test_plan_validate_bad_cadence)
{
	struct cairn_plan *p = plan_yaml(PLAN, "plans/growth.yaml");
	cairn_err err = CAIRN_ERR_INIT;

	free(p->review->every);
	p->review->every = strdup("fortnightly");
	unit_assert_err(cairn_plan_validate(p, "plans/growth.yaml", &err), err, CAIRN_EDATA,
	                "review.every: 'fortnightly' is not a cadence");
	ck_assert_str_eq(err.file, "plans/growth.yaml");
	unit_assert_has(err.hint, "10d");
	free(p->review->every);
	p->review->every = strdup("0d");
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_validate(p, NULL, &err), err, CAIRN_EDATA, "'0d'");
	cairn_plan_free(p);
}
END_TEST

START_TEST(test_plan_validate_id_and_file)
{
	struct cairn_plan *p = plan_yaml(PLAN, "plans/other.yaml");
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_plan_validate(p, "plans/other.yaml", &err), err, CAIRN_EDATA,
	                "id 'growth' does not match the file name");
	ck_assert_str_eq(err.file, "plans/other.yaml");
	cairn_plan_free(p);
}
END_TEST

START_TEST(test_plan_parse_refuses_bad_fields)
{
	static const char *const bad[][2] = {
	    {"id: growth\ntitle: G\nstart: 2026-10-28\n", "end"},
	    {"id: growth\ntitle: G\nstart: 2026-02-30\nend: 2027-10-27\n", "2026-02-30"},
	    {"id: Growth/../x\ntitle: G\nstart: 2026-10-28\nend: 2027-10-27\n", "id"},
	    {"id: growth\ntitle: G\nstart: 2026-10-28\nend: 2027-10-27\nreview: monthly\n",
	     "review"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct cairn_plan *p = cairn_record_new(&cairn_plan_kind);
		cairn_err err = CAIRN_ERR_INIT;
		int rc = cairn_record_parse(&cairn_plan_kind, p, bad[i][0], strlen(bad[i][0]),
		                            "plans/growth.yaml", &err);
		ck_assert_msg(rc == CAIRN_EDATA, "case %zu: rc %d (%s)", i, rc, err.msg);
		unit_assert_has(err.msg, bad[i][1]);
		ck_assert_str_eq(err.file, "plans/growth.yaml");
		cairn_plan_free(p);
	}
}
END_TEST

/* ---- the snapshot ---- */

struct snap_fixture {
	struct cairn_plan *plan;
	struct cairn_goal *g[4];
};

static void snap_setup(struct snap_fixture *f)
{
	f->plan = plan_yaml(PLAN, "plans/growth.yaml");
	/* a goal the plan names but that was removed by hand: not in the snapshot */
	cairn_strlist_add(&f->plan->goals, "gone");
	/* the repository's order is not the plan's */
	f->g[0] = goal_yaml(GOAL_D);
	f->g[1] = goal_yaml(GOAL_C);
	f->g[2] = goal_yaml(GOAL_A);
	f->g[3] = goal_yaml(GOAL_B);
}

static void snap_teardown(struct snap_fixture *f)
{
	cairn_plan_free(f->plan);
	for (int i = 0; i < 4; i++)
		cairn_goal_free(f->g[i]);
}

static struct cairn_review *new_review(const char *plan, const char *date)
{
	struct cairn_review *r = cairn_record_new(&cairn_review_kind);

	ck_assert_ptr_nonnull(r);
	r->plan = strdup(plan);
	r->date = unit_date(date);
	return r;
}

START_TEST(test_snapshot_each_goal_of_the_plan)
{
	struct snap_fixture f;
	struct cairn_review *r = new_review("growth", TODAY);
	cairn_err err = CAIRN_ERR_INIT;
	const struct cairn_snap *s;

	snap_setup(&f);
	ck_assert_msg(cairn_review_snapshot(r, f.plan, f.g, 4, unit_date(TODAY), &err) == 0, "%s",
	              err.msg);
	/* the plan's goals in the plan's order; snap-d is not in the plan, gone does not exist */
	ck_assert_int_eq(r->snapshot.n, 3);

	s = &r->snapshot.v[0];
	ck_assert_str_eq(s->goal, "snap-a");
	ck_assert_str_eq(cairn_status_names[s->status], "active");
	ck_assert(s->current.set && s->current.v == 3);
	ck_assert(s->target.set && s->target.v == 10);
	ck_assert_str_eq(s->unit, "sessions");
	/* three not done; of those one was due before today (the one due today is not late) */
	ck_assert(s->open_steps.set && s->open_steps.v == 3);
	ck_assert(s->overdue_steps.set && s->overdue_steps.v == 1);
	ck_assert_str_eq(s->smart, "pass");

	s = &r->snapshot.v[1];
	ck_assert_str_eq(s->goal, "snap-b");
	ck_assert_str_eq(cairn_status_names[s->status], "paused");
	ck_assert(!s->current.set);
	ck_assert(s->target.set && s->target.v == 12);
	ck_assert_ptr_null(s->unit);
	ck_assert(s->open_steps.set && s->open_steps.v == 0);
	ck_assert(s->overdue_steps.set && s->overdue_steps.v == 0);
	ck_assert_str_eq(s->smart, "warn");

	s = &r->snapshot.v[2];
	ck_assert_str_eq(s->goal, "snap-c");
	ck_assert_str_eq(cairn_status_names[s->status], "dropped");
	ck_assert(!s->current.set && !s->target.set);
	ck_assert_ptr_null(s->unit);
	ck_assert(s->open_steps.v == 0 && s->overdue_steps.v == 0);
	ck_assert_str_eq(s->smart, "fail");

	cairn_review_free(r);
	snap_teardown(&f);
}
END_TEST

START_TEST(test_snapshot_counts_overdue_at_today)
{
	struct snap_fixture f;
	struct cairn_review *r = new_review("growth", "2026-11-26");
	cairn_err err = CAIRN_ERR_INIT;

	snap_setup(&f);
	/* two days earlier nothing was late yet */
	ck_assert_int_eq(cairn_review_snapshot(r, f.plan, f.g, 4, unit_date("2026-11-26"), &err),
	                 0);
	ck_assert(r->snapshot.v[0].open_steps.v == 3);
	ck_assert(r->snapshot.v[0].overdue_steps.v == 0);
	/* the day after, the step due on the 28th is late too */
	ck_assert_int_eq(cairn_review_snapshot(r, f.plan, f.g, 4, unit_date("2026-11-29"), &err),
	                 0);
	ck_assert(r->snapshot.v[0].overdue_steps.v == 2);
	/* taken again, the snapshot replaces the last one: no goal twice */
	ck_assert_int_eq(r->snapshot.n, 3);
	/* a step ticked off is neither open nor overdue */
	f.g[2]->steps.v[1].done = unit_date("2026-11-29");
	ck_assert_int_eq(cairn_review_snapshot(r, f.plan, f.g, 4, unit_date("2026-11-29"), &err),
	                 0);
	ck_assert(r->snapshot.v[0].open_steps.v == 2);
	ck_assert(r->snapshot.v[0].overdue_steps.v == 1);
	cairn_review_free(r);
	snap_teardown(&f);
}
END_TEST

START_TEST(test_snapshot_smart_verdict_on_the_day)
{
	struct snap_fixture f;
	struct cairn_review *r = new_review("growth", "2027-07-01");
	cairn_err err = CAIRN_ERR_INIT;

	snap_setup(&f);
	/* snap-a was due 2027-06-30 and is still active on 2027-07-01: T fails */
	ck_assert_int_eq(cairn_review_snapshot(r, f.plan, f.g, 4, unit_date("2027-07-01"), &err),
	                 0);
	ck_assert_str_eq(r->snapshot.v[0].smart, "fail");
	cairn_review_free(r);
	snap_teardown(&f);
}
END_TEST

START_TEST(test_snapshot_written_canonically)
{
	struct snap_fixture f;
	struct cairn_review *r = new_review("growth", TODAY);
	cairn_err err = CAIRN_ERR_INIT;
	char *out;
	size_t len;

	snap_setup(&f);
	r->achieved = strdup("Enrolled in the DBT intensive");
	r->motivation = (struct cairn_num){1, 4};
	r->still_fits = cairn_enum_lookup(cairn_still_fits_names, "adjust");
	r->next = unit_date("2026-12-28");
	ck_assert_int_eq(cairn_review_snapshot(r, f.plan, f.g, 4, unit_date(TODAY), &err), 0);
	ck_assert_int_eq(cairn_review_validate(r, NULL, &err), 0);
	ck_assert_int_eq(cairn_record_write(&out, &len, &cairn_review_kind, r, &err), 0);
	ck_assert_str_eq(out, "plan: growth\n"
	                      "date: 2026-11-28\n"
	                      "achieved: Enrolled in the DBT intensive\n"
	                      "motivation: 4\n"
	                      "still_fits: adjust\n"
	                      "next: 2026-12-28\n"
	                      "snapshot:\n"
	                      "  - goal: snap-a\n"
	                      "    status: active\n"
	                      "    current: 3\n"
	                      "    target: 10\n"
	                      "    unit: sessions\n"
	                      "    open_steps: 3\n"
	                      "    overdue_steps: 1\n"
	                      "    smart: pass\n"
	                      "  - goal: snap-b\n"
	                      "    status: paused\n"
	                      "    target: 12\n"
	                      "    open_steps: 0\n"
	                      "    overdue_steps: 0\n"
	                      "    smart: warn\n"
	                      "  - goal: snap-c\n"
	                      "    status: dropped\n"
	                      "    open_steps: 0\n"
	                      "    overdue_steps: 0\n"
	                      "    smart: fail\n");
	free(out);
	cairn_review_free(r);
	snap_teardown(&f);
}
END_TEST

START_TEST(test_review_validate_motivation)
{
	struct cairn_review *r = new_review("growth", TODAY);
	cairn_err err = CAIRN_ERR_INIT;

	for (int m = 1; m <= 5; m++) {
		r->motivation = (struct cairn_num){1, m};
		ck_assert_msg(cairn_review_validate(r, NULL, &err) == 0, "%d: %s", m, err.msg);
	}
	r->motivation = (struct cairn_num){1, 6};
	unit_assert_err(cairn_review_validate(r, "reviews/growth/2026-11-28.yaml", &err), err,
	                CAIRN_EDATA, "motivation: 6 is not 1 to 5");
	ck_assert_str_eq(err.file, "reviews/growth/2026-11-28.yaml");
	cairn_err_clear(&err);
	r->motivation = (struct cairn_num){1, 0};
	unit_assert_err(cairn_review_validate(r, NULL, &err), err, CAIRN_EDATA, "motivation");
	cairn_review_free(r);
}
END_TEST

/* ---- the answers of a review, from a file ---- */

struct answers_dir {
	char *dir, path[4096];
};

static void answers_file(struct answers_dir *a, const char *yaml)
{
	a->dir = unit_tmpdir();
	snprintf(a->path, sizeof(a->path), "%s/answers.yaml", a->dir);
	unit_write(a->path, yaml);
}

static void answers_done(struct answers_dir *a)
{
	unit_rmrf(a->dir);
	free(a->dir);
}

START_TEST(test_answers_good)
{
	struct answers_dir a;
	struct cairn_review *r = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	answers_file(&a, "achieved: |\n"
	                 "  Enrolled in the DBT intensive.\n"
	                 "  Led three group sessions.\n"
	                 "challenges: \"Caseload: 28 clients\"\n"
	                 "motivation: 4\n"
	                 "still_fits: adjust\n"
	                 "feedback: My supervisor liked the session plans\n"
	                 "adjustments: Move the exam to June\n");
	ck_assert_msg(cairn_review_read_answers(&r, a.path, &err) == 0, "%s at %s:%d:%d", err.msg,
	              err.file, err.line, err.column);
	ck_assert_str_eq(r->achieved,
	                 "Enrolled in the DBT intensive.\nLed three group sessions.\n");
	ck_assert_str_eq(r->challenges, "Caseload: 28 clients");
	ck_assert(r->motivation.set && r->motivation.v == 4);
	ck_assert_str_eq(cairn_still_fits_names[r->still_fits], "adjust");
	ck_assert_str_eq(r->feedback, "My supervisor liked the session plans");
	ck_assert_str_eq(r->adjustments, "Move the exam to June");
	/* the plan and the date come from the command */
	ck_assert_ptr_null(r->plan);
	ck_assert_int_eq(r->date, CAIRN_DATE_NONE);
	cairn_review_free(r);
	answers_done(&a);

	/* some answers are enough */
	answers_file(&a, "achieved: Booked the exam\n");
	ck_assert_int_eq(cairn_review_read_answers(&r, a.path, &err), 0);
	ck_assert_str_eq(r->achieved, "Booked the exam");
	ck_assert(!r->motivation.set);
	ck_assert_int_eq(r->still_fits, 0);
	cairn_review_free(r);
	answers_done(&a);
}
END_TEST

START_TEST(test_answers_unknown_key_points_at_it)
{
	struct answers_dir a;
	struct cairn_review *r = (void *)1;
	cairn_err err = CAIRN_ERR_INIT;

	answers_file(&a, "achieved: Booked the exam\n"
	                 "challenges: Time\n"
	                 "motivaton: 4\n"
	                 "feedback: none\n");
	unit_assert_err(cairn_review_read_answers(&r, a.path, &err), err, CAIRN_EDATA, "motivaton");
	unit_assert_at(err, a.path, 3, 1);
	ck_assert_int_eq(cairn_exit_status(err.code), 65);
	ck_assert_ptr_null(r);
	answers_done(&a);

	/* plan and date are the command's, not answers */
	answers_file(&a, "achieved: x\n  \nplan: other\n");
	unit_assert_err(cairn_review_read_answers(&r, a.path, &err), err, CAIRN_EDATA, "plan");
	unit_assert_at(err, a.path, 3, 1);
	answers_done(&a);
}
END_TEST

START_TEST(test_answers_motivation_out_of_range_refused)
{
	static const char *const bad[] = {"motivation: 6\n", "motivation: 0\n", "motivation: -1\n",
	                                  "motivation: 3.5\n", "motivation: high\n"};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct answers_dir a;
		struct cairn_review *r = NULL;
		cairn_err err = CAIRN_ERR_INIT;
		answers_file(&a, bad[i]);
		ck_assert_msg(cairn_review_read_answers(&r, a.path, &err) == CAIRN_EDATA,
		              "'%s' was accepted", bad[i]);
		unit_assert_has(err.msg, "motivation");
		ck_assert_str_eq(err.file, a.path);
		ck_assert_ptr_null(r);
		answers_done(&a);
	}
}
END_TEST

/* Every YAML error says line and column (SPEC §5): the value out of range too. */
START_TEST(test_answers_motivation_out_of_range_points_at_its_line)
{
	struct answers_dir a;
	struct cairn_review *r = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	answers_file(&a, "achieved: Booked the exam\nmotivation: 6\n");
	unit_assert_err(cairn_review_read_answers(&r, a.path, &err), err, CAIRN_EDATA,
	                "motivation");
	unit_assert_at(err, a.path, 2, 13);
	answers_done(&a);
}
END_TEST

START_TEST(test_answers_bad_files)
{
	struct answers_dir a;
	struct cairn_review *r = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	char missing[4096];

	answers_file(&a, "achieved: x\nstill_fits: maybe\n");
	unit_assert_err(cairn_review_read_answers(&r, a.path, &err), err, CAIRN_EDATA, "maybe");
	unit_assert_at(err, a.path, 2, 13);
	answers_done(&a);

	cairn_err_clear(&err);
	answers_file(&a, "achieved: \"not closed\nmotivation: 4\n");
	ck_assert_int_eq(cairn_review_read_answers(&r, a.path, &err), CAIRN_EDATA);
	ck_assert_str_eq(err.file, a.path);
	ck_assert_msg(err.line > 0, "no line for a YAML syntax error: %s", err.msg);
	answers_done(&a);

	cairn_err_clear(&err);
	answers_file(&a, "achieved: x\nachieved: y\n");
	unit_assert_err(cairn_review_read_answers(&r, a.path, &err), err, CAIRN_EDATA, "achieved");
	ck_assert_int_eq(err.line, 2);
	answers_done(&a);

	cairn_err_clear(&err);
	answers_file(&a, "- achieved: x\n");
	ck_assert_int_eq(cairn_review_read_answers(&r, a.path, &err), CAIRN_EDATA);
	ck_assert_str_eq(err.file, a.path);
	answers_done(&a);

	cairn_err_clear(&err);
	answers_file(&a, "");
	snprintf(missing, sizeof(missing), "%s/nothing-here.yaml", a.dir);
	ck_assert_int_eq(cairn_review_read_answers(&r, missing, &err), CAIRN_ENOTFOUND);
	ck_assert_str_eq(err.file, missing);
	ck_assert_ptr_null(r);
	answers_done(&a);
}
END_TEST

/* ---- on a repository: plan add, review save ---- */

static void write_goal(const char *dir, const char *id, const char *yaml)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/goals/%s.yaml", dir, id);
	unit_write(path, yaml);
}

/* A repository with goals snap-a, snap-b, snap-c committed by hand. */
static struct cairn_repo *goals_repo(char **dir)
{
	struct cairn_repo *repo = unit_repo(dir);

	unit_sh(NULL, "mkdir -p '%s/goals'", *dir);
	write_goal(*dir, "snap-a", GOAL_A);
	write_goal(*dir, "snap-b", GOAL_B);
	write_goal(*dir, "snap-c", GOAL_C);
	ck_assert_int_eq(unit_sh(NULL,
	                         "git -C '%s' add -A && git -C '%s' -c user.name=T "
	                         "-c user.email=t@example.org commit -qm goals",
	                         *dir, *dir),
	                 0);
	return repo;
}

static struct cairn_plan *new_plan(const char *start, const char *end, const char *every)
{
	struct cairn_plan *p = cairn_record_new(&cairn_plan_kind);

	ck_assert_ptr_nonnull(p);
	p->id = strdup("growth");
	p->title = strdup("Growth plan 2027");
	p->start = unit_date(start);
	p->end = unit_date(end);
	cairn_strlist_add(&p->goals, "snap-a");
	cairn_strlist_add(&p->goals, "snap-b");
	ck_assert_int_eq(cairn_plan_set_cadence(p, every), 0);
	return p;
}

START_TEST(test_plan_add_sets_the_first_review)
{
	char *dir, *s;
	struct cairn_repo *repo = goals_repo(&dir);
	struct cairn_plan *p = new_plan("2026-01-31", "2027-01-30", "monthly");
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_plan_add(repo, p, TIMEOUT, &err) == 0, "%s", err.msg);
	date_is(p->review->next, "2026-02-28");
	s = unit_read_rel(dir, "plans/growth.yaml");
	ck_assert_str_eq(s, "id: growth\n"
	                    "title: Growth plan 2027\n"
	                    "start: 2026-01-31\n"
	                    "end: 2027-01-30\n"
	                    "goals:\n"
	                    "  - snap-a\n"
	                    "  - snap-b\n"
	                    "review:\n"
	                    "  every: monthly\n"
	                    "  next: 2026-02-28\n");
	free(s);
	s = unit_sh_out("git -C '%s' log -1 --format=%%s", dir);
	ck_assert_str_eq(s, "plan new: growth");
	free(s);
	s = unit_sh_out("git -C '%s' status --porcelain", dir);
	ck_assert_str_eq(s, "");
	free(s);

	/* the same id again: refused, nothing changed */
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_add(repo, p, TIMEOUT, &err), err, CAIRN_EEXISTS,
	                "exists already");
	cairn_plan_free(p);

	/* a goal that does not exist: refused before anything is written */
	p = new_plan("2026-01-31", "2027-01-30", "10d");
	free(p->id);
	p->id = strdup("other");
	cairn_strlist_add(&p->goals, "no-such-goal");
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_add(repo, p, TIMEOUT, &err), err, CAIRN_ENOTFOUND,
	                "no-such-goal");
	ck_assert_ptr_null(unit_read_rel(dir, "plans/other.yaml"));
	cairn_plan_free(p);

	/* quarterly, 10d */
	p = new_plan("2026-11-30", "2027-11-29", "quarterly");
	free(p->id);
	p->id = strdup("quarters");
	ck_assert_int_eq(cairn_plan_add(repo, p, TIMEOUT, &err), 0);
	date_is(p->review->next, "2027-02-28");
	cairn_plan_free(p);
	p = new_plan(TODAY, "2027-11-27", "10d");
	free(p->id);
	p->id = strdup("tens");
	ck_assert_int_eq(cairn_plan_add(repo, p, TIMEOUT, &err), 0);
	date_is(p->review->next, "2026-12-08");
	cairn_plan_free(p);

	/* end before start: refused */
	p = new_plan(TODAY, "2026-11-01", "monthly");
	free(p->id);
	p->id = strdup("backwards");
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_add(repo, p, TIMEOUT, &err), err, CAIRN_EDATA,
	                "is not after start");
	ck_assert_ptr_null(unit_read_rel(dir, "plans/backwards.yaml"));
	cairn_plan_free(p);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(test_plan_load_names_the_file)
{
	char *dir;
	struct cairn_repo *repo = goals_repo(&dir);
	struct cairn_plan *p = NULL;
	struct cairn_plan_set set;
	cairn_err err = CAIRN_ERR_INIT;
	char path[4096];
	char **due;
	size_t n;

	unit_sh(NULL, "mkdir -p '%s/plans'", dir);
	snprintf(path, sizeof(path), "%s/plans/growth.yaml", dir);
	unit_write(path, PLAN);
	snprintf(path, sizeof(path), "%s/plans/broken.yaml", dir);
	unit_write(path, "id: broken\ntitle: B\nstart: 2027-01-01\nend: 2026-01-01\n");
	unit_assert_err(cairn_plan_load(&p, repo, "broken", &err), err, CAIRN_EDATA,
	                "is not after start");
	ck_assert_str_eq(err.file, "plans/broken.yaml");
	cairn_err_clear(&err);
	unit_assert_err(cairn_plan_load(&p, repo, "nope", &err), err, CAIRN_ENOTFOUND,
	                "no plan 'nope'");

	ck_assert_int_eq(cairn_plan_load_all(&set, repo, &err), 0);
	ck_assert_int_eq(set.n, 1);
	ck_assert_str_eq(set.v[0]->id, "growth");
	ck_assert_int_eq(set.nbad, 1);
	ck_assert_str_eq(set.bad[0].file, "plans/broken.yaml");
	cairn_plan_set_release(&set);

	ck_assert_int_eq(cairn_plans_due(&due, &n, repo, unit_date("2026-11-27"), &err), 0);
	ck_assert_int_eq(n, 0);
	cairn_strv_free(due);
	ck_assert_int_eq(cairn_plans_due(&due, &n, repo, unit_date(TODAY), &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(due[0], "growth");
	ck_assert_ptr_null(due[1]);
	cairn_strv_free(due);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(test_review_save_one_commit)
{
	char *dir, *s;
	struct cairn_repo *repo = goals_repo(&dir);
	struct cairn_plan *p = new_plan("2026-10-28", "2027-10-27", "monthly");
	struct cairn_review *r, *back;
	struct cairn_goal *was, *changed;
	cairn_date *dates;
	size_t nd;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_plan_add(repo, p, TIMEOUT, &err), 0);
	date_is(p->review->next, TODAY);
	cairn_plan_free(p);

	r = new_review("growth", TODAY);
	r->achieved = strdup("Booked the exam");
	r->motivation = (struct cairn_num){1, 5};
	was = goal_yaml(GOAL_A);
	changed = goal_yaml(GOAL_A);
	changed->steps.v[1].done = unit_date(TODAY);
	ck_assert_msg(cairn_review_save(repo, r, &was, &changed, 1, TIMEOUT, &err) == 0, "%s",
	              err.msg);
	date_is(r->next, "2026-12-28");
	/* the body says what changed in the goal */
	s = unit_sh_out("git -C '%s' log -1 --format=%%b", dir);
	unit_assert_has(s, "review of 2026-11-28; next review 2026-12-28");
	unit_assert_has(s, "snap-a");
	unit_assert_has(s, "2026-11-28");
	free(s);

	s = unit_sh_out("git -C '%s' show --name-only --format=%%s HEAD", dir);
	ck_assert_str_eq(s, "plan review: growth\n\n"
	                    "goals/snap-a.yaml\n"
	                    "plans/growth.yaml\n"
	                    "reviews/growth/2026-11-28.yaml");
	free(s);
	s = unit_sh_out("git -C '%s' status --porcelain", dir);
	ck_assert_str_eq(s, "");
	free(s);
	s = unit_read_rel(dir, "plans/growth.yaml");
	unit_assert_has(s, "  next: 2026-12-28\n");
	free(s);
	s = unit_read_rel(dir, "goals/snap-a.yaml");
	unit_assert_has(s, "  - title: Book the exam\n    due: 2026-11-27\n    done: 2026-11-28\n");
	free(s);

	ck_assert_int_eq(cairn_review_load(&back, repo, "growth", unit_date(TODAY), &err), 0);
	ck_assert_str_eq(back->achieved, "Booked the exam");
	date_is(back->next, "2026-12-28");
	cairn_review_free(back);

	/* one review a day */
	cairn_err_clear(&err);
	unit_assert_err(cairn_review_save(repo, r, NULL, NULL, 0, TIMEOUT, &err), err,
	                CAIRN_EEXISTS, "has a review on 2026-11-28 already");
	ck_assert_int_eq(cairn_exit_status(err.code), 65);
	cairn_review_free(r);

	/* a later one; the dates come back oldest first, files that are not dates ignored */
	r = new_review("growth", "2026-12-30");
	ck_assert_int_eq(cairn_review_save(repo, r, NULL, NULL, 0, TIMEOUT, &err), 0);
	date_is(r->next, "2027-01-28");
	cairn_review_free(r);
	unit_sh(NULL, "touch '%s/reviews/growth/notes.yaml'", dir);
	ck_assert_int_eq(cairn_review_dates(&dates, &nd, repo, "growth", &err), 0);
	ck_assert_int_eq(nd, 2);
	date_is(dates[0], TODAY);
	date_is(dates[1], "2026-12-30");
	free(dates);
	ck_assert_int_eq(cairn_review_dates(&dates, &nd, repo, "no-reviews-yet", &err), 0);
	ck_assert_int_eq(nd, 0);
	free(dates);
	cairn_goal_free(was);
	cairn_goal_free(changed);
	unit_repo_done(repo, dir);
}
END_TEST

/* The last review of a plan: no next review past the plan's end. */
START_TEST(test_review_save_no_next_past_the_end)
{
	char *dir, *s;
	struct cairn_repo *repo = goals_repo(&dir);
	struct cairn_plan *p = new_plan("2026-10-28", "2027-01-15", "monthly");
	struct cairn_review *r;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_plan_add(repo, p, TIMEOUT, &err), 0);
	cairn_plan_free(p);
	r = new_review("growth", "2026-12-28");
	r->achieved = strdup("Booked the exam");
	/* 2027-01-28 would be after the end, 2027-01-15 */
	ck_assert_msg(cairn_review_save(repo, r, NULL, NULL, 0, TIMEOUT, &err) == 0, "%s", err.msg);
	ck_assert_msg(r->next == CAIRN_DATE_NONE, "next review %s", unit_fmt(r->next));
	s = unit_read_rel(dir, "reviews/growth/2026-12-28.yaml");
	ck_assert_msg(!strstr(s, "next:"), "a next review past the end:\n%s", s);
	free(s);
	ck_assert_int_eq(cairn_plan_load(&p, repo, "growth", &err), 0);
	ck_assert_int_eq(p->review->next, CAIRN_DATE_NONE);
	ck_assert_str_eq(p->review->every, "monthly");
	ck_assert(!cairn_plan_review_due(p, unit_date("2027-01-15")));
	cairn_plan_free(p);
	cairn_review_free(r);
	unit_repo_done(repo, dir);
}
END_TEST

/* A goal changed on disk during a long sitting (another command) is not overwritten. */
START_TEST(test_review_save_refuses_a_goal_changed_meanwhile)
{
	char *dir, *s, *head, *path;
	struct cairn_repo *repo = goals_repo(&dir);
	struct cairn_plan *p = new_plan("2026-10-28", "2027-10-27", "monthly");
	struct cairn_review *r;
	struct cairn_goal *was, *changed, *now;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_plan_add(repo, p, TIMEOUT, &err), 0);
	cairn_plan_free(p);
	/* the sitting read snap-a and ticked a step */
	was = goal_yaml(GOAL_A);
	changed = goal_yaml(GOAL_A);
	changed->steps.v[1].done = unit_date(TODAY);
	/* meanwhile another command recorded progress on snap-a */
	ck_assert_int_eq(cairn_goal_load(&now, repo, "snap-a", &err), 0);
	ck_assert_int_eq(cairn_goal_record_progress(now, 4, unit_date(TODAY), "elsewhere", &err),
	                 0);
	ck_assert_int_eq(cairn_record_write(&s, NULL, &cairn_goal_kind, now, &err), 0);
	path = cairn_repo_path(repo, "goals/snap-a.yaml");
	unit_write(path, s);
	free(s);
	cairn_goal_free(now);
	ck_assert_int_eq(unit_sh(NULL,
	                         "git -C '%s' -c user.name=T -c user.email=t@example.org "
	                         "commit -qam elsewhere",
	                         dir),
	                 0);
	head = unit_sh_out("git -C '%s' rev-parse HEAD", dir);

	r = new_review("growth", TODAY);
	r->achieved = strdup("Booked the exam");
	ck_assert_int_eq(cairn_review_save(repo, r, &was, &changed, 1, TIMEOUT, &err), CAIRN_EDATA);
	unit_assert_has(err.msg, "snap-a");
	s = unit_sh_out("git -C '%s' rev-parse HEAD", dir);
	ck_assert_str_eq(s, head);
	free(s);
	s = unit_sh_out("git -C '%s' status --porcelain --untracked-files=all", dir);
	ck_assert_str_eq(s, "");
	free(s);
	ck_assert_ptr_null(unit_read_rel(dir, "reviews/growth/2026-11-28.yaml"));
	/* the other command's progress is still there */
	s = unit_read_rel(dir, "goals/snap-a.yaml");
	unit_assert_has(s, "  current: 4\n");
	unit_assert_has(s, "note: elsewhere");
	free(s);

	free(path);
	free(head);
	cairn_review_free(r);
	cairn_goal_free(was);
	cairn_goal_free(changed);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(test_review_save_refused_leaves_no_trace)
{
	char *dir, *s, *before;
	struct cairn_repo *repo = goals_repo(&dir);
	struct cairn_plan *p = new_plan("2026-10-28", "2027-10-27", "monthly");
	struct cairn_review *r;
	struct cairn_goal *was[2], *changed[2];
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_plan_add(repo, p, TIMEOUT, &err), 0);
	cairn_plan_free(p);
	before = unit_sh_out("git -C '%s' rev-parse HEAD", dir);

	/* the second goal changed in the sitting is invalid: nothing of the review is kept */
	r = new_review("growth", TODAY);
	r->achieved = strdup("Booked the exam");
	was[0] = goal_yaml(GOAL_A);
	was[1] = goal_yaml(GOAL_B);
	changed[0] = goal_yaml(GOAL_A);
	changed[0]->steps.v[1].done = unit_date(TODAY);
	changed[1] = goal_yaml(GOAL_B);
	changed[1]->due = unit_date("2026-01-01"); /* before its start */
	ck_assert_int_eq(cairn_review_save(repo, r, was, changed, 2, TIMEOUT, &err), CAIRN_EDATA);
	unit_assert_has(err.msg, "snap-b");
	s = unit_sh_out("git -C '%s' rev-parse HEAD", dir);
	ck_assert_str_eq(s, before);
	free(s);
	s = unit_sh_out("git -C '%s' status --porcelain --untracked-files=all", dir);
	ck_assert_str_eq(s, "");
	free(s);
	ck_assert_ptr_null(unit_read_rel(dir, "reviews/growth/2026-11-28.yaml"));
	s = unit_read_rel(dir, "goals/snap-a.yaml");
	ck_assert_str_eq(s, GOAL_A);
	free(s);

	/* motivation out of range: refused too */
	cairn_err_clear(&err);
	r->motivation = (struct cairn_num){1, 6};
	unit_assert_err(cairn_review_save(repo, r, NULL, NULL, 0, TIMEOUT, &err), err, CAIRN_EDATA,
	                "motivation");
	s = unit_sh_out("git -C '%s' status --porcelain --untracked-files=all", dir);
	ck_assert_str_eq(s, "");
	free(s);

	/* a plan that does not exist */
	cairn_err_clear(&err);
	r->motivation = (struct cairn_num){1, 3};
	free(r->plan);
	r->plan = strdup("nope");
	unit_assert_err(cairn_review_save(repo, r, NULL, NULL, 0, TIMEOUT, &err), err,
	                CAIRN_ENOTFOUND, "no plan 'nope'");
	ck_assert_ptr_null(unit_read_rel(dir, "reviews/nope/2026-11-28.yaml"));

	cairn_review_free(r);
	for (int i = 0; i < 2; i++) {
		cairn_goal_free(was[i]);
		cairn_goal_free(changed[i]);
	}
	free(before);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- a review is where its plan and date say; ids from the command line; the default
 * cadence from the profile ---- */

START_TEST(test_review_validate_names_its_file)
{
	struct cairn_review *r = new_review("growth", TODAY);
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_review_validate(r, "reviews/growth/2026-11-28.yaml", &err), 0);
	/* no file, or a name that is not <name>.yaml (a temporary copy): not judged */
	ck_assert_int_eq(cairn_review_validate(r, NULL, &err), 0);
	ck_assert_int_eq(cairn_review_validate(r, "reviews/growth/.2026-11-28.yaml.tmp", &err), 0);
	/* the date in the file is not the one in its name */
	unit_assert_err(cairn_review_validate(r, "reviews/growth/2026-11-29.yaml", &err), err,
	                CAIRN_EDATA, "date 2026-11-28 does not match the file name");
	ck_assert_str_eq(err.file, "reviews/growth/2026-11-29.yaml");
	/* a name that is no date at all (a copy made by hand) */
	cairn_err_clear(&err);
	unit_assert_err(cairn_review_validate(r, "reviews/growth/2026-11-28 copy.yaml", &err), err,
	                CAIRN_EDATA, "'2026-11-28 copy.yaml' is not the review's date");
	ck_assert_str_eq(err.file, "reviews/growth/2026-11-28 copy.yaml");
	/* a review of another plan in this plan's folder */
	cairn_err_clear(&err);
	unit_assert_err(cairn_review_validate(r, "reviews/other/2026-11-28.yaml", &err), err,
	                CAIRN_EDATA, "plan 'growth' does not match the folder other");
	ck_assert_str_eq(err.file, "reviews/other/2026-11-28.yaml");
	cairn_review_free(r);
}
END_TEST

START_TEST(test_review_load_refuses_a_file_not_its_own)
{
	char *dir;
	struct cairn_repo *repo = goals_repo(&dir);
	struct cairn_review *r = (void *)1;
	cairn_err err = CAIRN_ERR_INIT;
	char path[4096];

	unit_sh(NULL, "mkdir -p '%s/reviews/growth'", dir);
	snprintf(path, sizeof(path), "%s/reviews/growth/2026-11-28.yaml", dir);
	unit_write(path, "plan: growth\ndate: 2026-11-27\nmotivation: 4\n");
	unit_assert_err(cairn_review_load(&r, repo, "growth", unit_date(TODAY), &err), err,
	                CAIRN_EDATA, "date 2026-11-27 does not match the file name");
	ck_assert_str_eq(err.file, "reviews/growth/2026-11-28.yaml");
	ck_assert_ptr_null(r);

	cairn_err_clear(&err);
	unit_write(path, "plan: other\ndate: 2026-11-28\nmotivation: 4\n");
	unit_assert_err(cairn_review_load(&r, repo, "growth", unit_date(TODAY), &err), err,
	                CAIRN_EDATA, "plan 'other' does not match the folder growth");

	cairn_err_clear(&err);
	unit_write(path, "plan: growth\ndate: 2026-11-28\nmotivation: 4\n");
	ck_assert_msg(cairn_review_load(&r, repo, "growth", unit_date(TODAY), &err) == 0, "%s",
	              err.msg);
	cairn_review_free(r);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(test_resolve_refuses_what_is_not_an_id)
{
	static const char *const bad[] = {"../../etc/passwd", "../x",      "/abs", ".git", "a/b",
	                                  "Growth",           "with space"};
	char *dir, buf[CAIRN_ID_MAX + 1];
	struct cairn_repo *repo = goals_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	char path[4096];

	unit_sh(NULL, "mkdir -p '%s/plans'", dir);
	snprintf(path, sizeof(path), "%s/plans/growth.yaml", dir);
	unit_write(path, PLAN);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cairn_err_clear(&err);
		unit_assert_err(cairn_plan_resolve(buf, repo, bad[i], &err), err, CAIRN_EUSAGE,
		                "is not valid");
		unit_assert_has(err.msg, bad[i]);
		unit_assert_has(err.hint, "lower-case letters, digits and '-'");
		cairn_err_clear(&err);
		unit_assert_err(cairn_goal_resolve(buf, repo, bad[i], &err), err, CAIRN_EUSAGE,
		                "goal id");
	}
	/* over 64 characters */
	cairn_err_clear(&err);
	memset(path, 'a', 65);
	path[65] = '\0';
	unit_assert_err(cairn_plan_resolve(buf, repo, path, &err), err, CAIRN_EUSAGE,
	                "longer than 64 characters");
	/* a start of an id still resolves; an unknown id is still not found */
	ck_assert_int_eq(cairn_plan_resolve(buf, repo, "gro", &err), 0);
	ck_assert_str_eq(buf, "growth");
	unit_assert_err(cairn_plan_resolve(buf, repo, "nope", &err), err, CAIRN_ENOTFOUND,
	                "no plan 'nope'");
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(test_default_cadence_from_the_profile)
{
	char *dir, every[64], path[4096];
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	/* cairn init writes monthly */
	ck_assert_int_eq(cairn_plan_default_cadence(every, sizeof(every), repo, &err), 0);
	ck_assert_str_eq(every, "monthly");
	snprintf(path, sizeof(path), "%s/cairn.yaml", dir);
	unit_write(path, "format: 1\nname: Unit Test\nsettings:\n  review_every: quarterly\n");
	ck_assert_int_eq(cairn_plan_default_cadence(every, sizeof(every), repo, &err), 0);
	ck_assert_str_eq(every, "quarterly");
	/* no settings at all: monthly */
	unit_write(path, "format: 1\nname: Unit Test\n");
	ck_assert_int_eq(cairn_plan_default_cadence(every, sizeof(every), repo, &err), 0);
	ck_assert_str_eq(every, "monthly");
	/* an invalid profile is refused, pointing at the value */
	unit_write(path, "format: 1\nname: Unit Test\nsettings:\n  review_every: [monthly]\n");
	unit_assert_err(cairn_plan_default_cadence(every, sizeof(every), repo, &err), err,
	                CAIRN_EDATA, "settings.review_every: expected text");
	unit_assert_at(err, "cairn.yaml", 4, 17);
	cairn_err_clear(&err);
	unit_write(path, "format: 1\nname: Unit Test\nsettings:\n  review_every: fortnightly\n");
	unit_assert_err(cairn_plan_default_cadence(every, sizeof(every), repo, &err), err,
	                CAIRN_EDATA, "settings.review_every: 'fortnightly' is not a cadence");
	unit_assert_at(err, "cairn.yaml", 4, 17);
	cairn_err_clear(&err);
	unit_write(path, "format: 1\nname: Unit Test\nsettings:\n  remind_within: soon\n"
	                 "  review_every: weekly\n");
	unit_assert_err(cairn_plan_default_cadence(every, sizeof(every), repo, &err), err,
	                CAIRN_EDATA, "settings.remind_within: 'soon' is not a window");
	unit_assert_at(err, "cairn.yaml", 4, 18);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *c;

	c = tcase_create("cadence");
	tcase_add_test(c, test_cadence_valid);
	tcase_add_test(c, test_cadence_nth_days);
	tcase_add_test(c, test_cadence_nth_monthly_from_jan31);
	tcase_add_test(c, test_cadence_nth_monthly_leap_year);
	tcase_add_test(c, test_cadence_nth_quarterly);
	tcase_add_test(c, test_cadence_invalid_gives_no_date);
	tcase_add_test(c, test_cadence_after_monthly);
	tcase_add_test(c, test_cadence_after_days_and_quarters);
	suite_add_tcase(s, c);

	c = tcase_create("plans");
	tcase_add_test(c, test_review_due_at_the_boundaries);
	tcase_add_test(c, test_plan_validate_good_and_canonical);
	tcase_add_test(c, test_plan_validate_end_before_start);
	tcase_add_test(c, test_plan_validate_bad_cadence);
	tcase_add_test(c, test_plan_validate_id_and_file);
	tcase_add_test(c, test_plan_parse_refuses_bad_fields);
	suite_add_tcase(s, c);

	c = tcase_create("snapshot");
	tcase_add_test(c, test_snapshot_each_goal_of_the_plan);
	tcase_add_test(c, test_snapshot_counts_overdue_at_today);
	tcase_add_test(c, test_snapshot_smart_verdict_on_the_day);
	tcase_add_test(c, test_snapshot_written_canonically);
	tcase_add_test(c, test_review_validate_motivation);
	suite_add_tcase(s, c);

	c = tcase_create("answers");
	tcase_add_test(c, test_answers_good);
	tcase_add_test(c, test_answers_unknown_key_points_at_it);
	tcase_add_test(c, test_answers_motivation_out_of_range_refused);
	tcase_add_test(c, test_answers_motivation_out_of_range_points_at_its_line);
	tcase_add_test(c, test_answers_bad_files);
	suite_add_tcase(s, c);

	c = tcase_create("repository");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, test_plan_add_sets_the_first_review);
	tcase_add_test(c, test_plan_load_names_the_file);
	tcase_add_test(c, test_review_save_one_commit);
	tcase_add_test(c, test_review_save_no_next_past_the_end);
	tcase_add_test(c, test_review_save_refuses_a_goal_changed_meanwhile);
	tcase_add_test(c, test_review_save_refused_leaves_no_trace);
	suite_add_tcase(s, c);

	c = tcase_create("bad input");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, test_review_validate_names_its_file);
	tcase_add_test(c, test_review_load_refuses_a_file_not_its_own);
	tcase_add_test(c, test_resolve_refuses_what_is_not_an_id);
	tcase_add_test(c, test_default_cadence_from_the_profile);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(plan_suite());
}
