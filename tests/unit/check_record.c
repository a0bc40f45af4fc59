/* cairn — unit tests: the goal model through the field table (load, check, write, diff, JSON)
 * and the goal's own operations */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* The goal of SPEC §3, as stored (comments, flow maps and flow lists included). */
static const char spec_goal[] =
    "id: dbt-certification\n"
    "title: Become certified in Dialectical Behavior Therapy\n"
    "horizon: short            # short (due within a year of start) | long\n"
    "domain: professional      # professional | personal\n"
    "area: clinical-skills     # education clinical-skills networking career-path leadership\n"
    "                          # research advocacy self-care finance ethics technology other\n"
    "status: active            # draft active paused done dropped\n"
    "created: 2026-11-28\n"
    "start: 2026-12-01\n"
    "due: 2027-06-30\n"
    "specific: Complete the DBT certification program to better support my clients with\n"
    "  borderline personality disorder.\n"
    "measure: {metric: DBT group sessions conducted, unit: sessions, baseline: 0, target: 5, "
    "current: 2}\n"
    "achievable: Four hours a week of study, balanced with my current caseload.\n"
    "relevant: Serves my aim of specializing in emotional-regulation issues.\n"
    "serves: [specialize-emotion-regulation]   # ids of long-term goals this one advances\n"
    "steps:\n"
    "  - {title: Enroll in the DBT intensive, due: 2027-01-15, done: 2027-01-10}\n"
    "  - {title: Pass the certification exam, due: 2027-06-15}\n"
    "progress:\n"
    "  - {date: 2027-02-01, value: 1, note: first group session}\n"
    "tags: [dbt, certification]\n"
    "completed: null           # set by `goal done`; `reason` set by `goal drop`\n";

#define GOAL_FILE "goals/dbt-certification.yaml"

static struct cairn_goal *parse_goal(const char *text, const char *file)
{
	struct cairn_goal *g = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int rc = cairn_goal_parse(&g, text, strlen(text), file, &err);

	ck_assert_msg(rc == 0, "%s:%d:%d: %s\n---\n%s", err.file, err.line, err.column, err.msg,
	              text);
	ck_assert_ptr_nonnull(g);
	return g;
}

/* A minimal goal "x" with line added at the end (line 4). */
static void goal_refused(const char *extra, const char *msg, int line, int column)
{
	char text[2048];
	struct cairn_goal *g = (struct cairn_goal *)1;
	cairn_err err = CAIRN_ERR_INIT;

	snprintf(text, sizeof(text), "id: x\ntitle: A goal\nstatus: active\n%s", extra);
	unit_assert_err(cairn_goal_parse(&g, text, strlen(text), "goals/x.yaml", &err), err,
	                CAIRN_EDATA, msg);
	ck_assert_ptr_null(g);
	unit_assert_at(err, "goals/x.yaml", line, column);
}

static void refused_whole(const char *text, const char *msg, int line, int column)
{
	struct cairn_goal *g = (struct cairn_goal *)1;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_goal_parse(&g, text, strlen(text), "goals/x.yaml", &err), err,
	                CAIRN_EDATA, msg);
	ck_assert_ptr_null(g);
	unit_assert_at(err, "goals/x.yaml", line, column);
}

static char *write_goal(const struct cairn_goal *g)
{
	char *out = NULL;
	size_t len = 0;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_record_write(&out, &len, &cairn_goal_kind, g, &err) == 0, "%s",
	              err.msg);
	ck_assert_int_eq(len, strlen(out));
	return out;
}

static struct cairn_goal *copy_goal(const struct cairn_goal *g)
{
	struct cairn_goal *c = cairn_goal_new();

	ck_assert_int_eq(cairn_record_copy(&cairn_goal_kind, c, g), 0);
	return c;
}

static char *diff(const struct cairn_goal *a, const struct cairn_goal *b)
{
	char *out = NULL;

	ck_assert_int_eq(cairn_record_diff(&out, &cairn_goal_kind, a, b), 0);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* ---- loading ---- */

START_TEST(load_spec_goal)
{
	struct cairn_goal *g = parse_goal(spec_goal, GOAL_FILE);

	ck_assert_str_eq(g->id, "dbt-certification");
	ck_assert_str_eq(g->title, "Become certified in Dialectical Behavior Therapy");
	ck_assert_int_eq(g->horizon, CAIRN_HORIZON_SHORT);
	ck_assert_int_eq(g->domain, CAIRN_DOMAIN_PROFESSIONAL);
	ck_assert_int_eq(g->area, cairn_enum_lookup(cairn_area_names, "clinical-skills"));
	ck_assert_int_ne(g->area, 0);
	ck_assert_str_eq(cairn_area_names[g->area], "clinical-skills");
	ck_assert_int_eq(g->status, CAIRN_STATUS_ACTIVE);
	ck_assert_int_eq(g->created, unit_date("2026-11-28"));
	ck_assert_int_eq(g->start, unit_date("2026-12-01"));
	ck_assert_int_eq(g->due, unit_date("2027-06-30"));
	ck_assert_str_eq(g->specific, "Complete the DBT certification program to better support "
	                              "my clients with borderline personality disorder.");
	ck_assert_ptr_nonnull(g->measure);
	ck_assert_str_eq(g->measure->metric, "DBT group sessions conducted");
	ck_assert_str_eq(g->measure->unit, "sessions");
	ck_assert(g->measure->baseline.set && g->measure->baseline.v == 0);
	ck_assert(g->measure->target.set && g->measure->target.v == 5);
	ck_assert(g->measure->current.set && g->measure->current.v == 2);
	ck_assert_int_eq(g->measure->extra.n, 0);
	ck_assert_str_eq(g->achievable,
	                 "Four hours a week of study, balanced with my current caseload.");
	ck_assert_str_eq(g->relevant,
	                 "Serves my aim of specializing in emotional-regulation issues.");
	ck_assert_int_eq(g->serves.n, 1);
	ck_assert_str_eq(g->serves.v[0], "specialize-emotion-regulation");
	ck_assert_int_eq(g->steps.n, 2);
	ck_assert_str_eq(g->steps.v[0].title, "Enroll in the DBT intensive");
	ck_assert_int_eq(g->steps.v[0].due, unit_date("2027-01-15"));
	ck_assert_int_eq(g->steps.v[0].done, unit_date("2027-01-10"));
	ck_assert_str_eq(g->steps.v[1].title, "Pass the certification exam");
	ck_assert_int_eq(g->steps.v[1].due, unit_date("2027-06-15"));
	ck_assert_int_eq(g->steps.v[1].done, CAIRN_DATE_NONE);
	ck_assert_int_eq(g->progress.n, 1);
	ck_assert_int_eq(g->progress.v[0].date, unit_date("2027-02-01"));
	ck_assert(g->progress.v[0].value.set && g->progress.v[0].value.v == 1);
	ck_assert_str_eq(g->progress.v[0].note, "first group session");
	ck_assert_int_eq(g->tags.n, 2);
	ck_assert_str_eq(g->tags.v[0], "dbt");
	ck_assert_str_eq(g->tags.v[1], "certification");
	ck_assert_int_eq(g->completed, CAIRN_DATE_NONE);
	ck_assert_ptr_null(g->reason);
	ck_assert_int_eq(g->extra.n, 0);
	cairn_goal_free(g);
}
END_TEST

START_TEST(load_block_style_equals_flow_style)
{
	const char *block =
	    "id: dbt-certification\n"
	    "title: Become certified in Dialectical Behavior Therapy\n"
	    "horizon: short\n"
	    "domain: professional\n"
	    "area: clinical-skills\n"
	    "status: active\n"
	    "created: 2026-11-28\n"
	    "start: 2026-12-01\n"
	    "due: 2027-06-30\n"
	    "specific: >-\n"
	    "  Complete the DBT certification program to better support my clients\n"
	    "  with borderline personality disorder.\n"
	    "measure:\n"
	    "  metric: DBT group sessions conducted\n"
	    "  unit: sessions\n"
	    "  baseline: 0\n"
	    "  target: 5\n"
	    "  current: 2\n"
	    "achievable: Four hours a week of study, balanced with my current "
	    "caseload.\n"
	    "relevant: Serves my aim of specializing in emotional-regulation "
	    "issues.\n"
	    "serves:\n"
	    "  - specialize-emotion-regulation\n"
	    "steps:\n"
	    "  - title: Enroll in the DBT intensive\n"
	    "    due: 2027-01-15\n"
	    "    done: 2027-01-10\n"
	    "  - title: \"Pass the certification exam\"\n"
	    "    due: '2027-06-15'\n"
	    "progress:\n"
	    "  - date: 2027-02-01\n"
	    "    value: 1\n"
	    "    note: first group session\n"
	    "tags:\n"
	    "- dbt\n"
	    "- certification\n"
	    "completed: ~\n";
	struct cairn_goal *a = parse_goal(spec_goal, GOAL_FILE), *b = parse_goal(block, GOAL_FILE);
	char *wa = write_goal(a), *wb = write_goal(b), *d = diff(a, b);

	ck_assert_str_eq(wa, wb);
	ck_assert_str_eq(d, "");
	free(wa);
	free(wb);
	free(d);
	cairn_goal_free(a);
	cairn_goal_free(b);
}
END_TEST

START_TEST(load_minimal_goal)
{
	struct cairn_goal *g = parse_goal("id: x\ntitle: T\nstatus: draft\n", "goals/x.yaml");

	ck_assert_int_eq(g->status, CAIRN_STATUS_DRAFT);
	ck_assert_int_eq(g->horizon, CAIRN_HORIZON_NONE);
	ck_assert_ptr_null(g->measure);
	ck_assert_int_eq(g->steps.n, 0);
	ck_assert_int_eq(g->due, CAIRN_DATE_NONE);
	cairn_goal_free(g);
	/* explicit nulls and empty lists are absence too */
	g = parse_goal("id: x\ntitle: T\nstatus: done\ndue: null\nmeasure: ~\nsteps: []\ntags:\n",
	               "goals/x.yaml");
	ck_assert_int_eq(g->due, CAIRN_DATE_NONE);
	ck_assert_ptr_null(g->measure);
	ck_assert_int_eq(g->steps.n, 0);
	ck_assert_int_eq(g->tags.n, 0);
	cairn_goal_free(g);
}
END_TEST

/* ---- wrong types and values, each with file:line:column ---- */

START_TEST(refuse_title_as_list)
{
	refused_whole("id: x\ntitle: [a, b]\nstatus: active\n",
	              "title: expected text, found a list", 2, 8);
	refused_whole("id: x\ntitle:\n  k: v\nstatus: active\n",
	              "title: expected text, found a map", 3, 3);
}
END_TEST

START_TEST(refuse_target_not_a_number)
{
	goal_refused("measure: {target: five}\n", "measure.target: expected a number, found 'five'",
	             4, 19);
	goal_refused("measure:\n  target: '5'\n", "measure.target: expected a number, found '5'", 5,
	             11);
	goal_refused("measure: {target: 0x10}\n", "measure.target: expected a number", 4, 19);
	goal_refused("measure: {target: .inf}\n", "measure.target: expected a number", 4, 19);
	goal_refused("measure: {target: [5]}\n", "measure.target: expected a number, found a list",
	             4, 19);
	goal_refused("measure: five\n", "measure: expected a map of fields, found a value", 4, 10);
}
END_TEST

START_TEST(refuse_date_that_does_not_exist)
{
	struct cairn_goal *g = (struct cairn_goal *)1;
	cairn_err err = CAIRN_ERR_INIT;
	const char *text = "id: x\ntitle: A goal\nstatus: active\ndue: 2027-02-30\n";

	goal_refused("due: 2027-02-30\n", "due: ", 4, 6);
	goal_refused("due: 2027-02-30\n", "2027-02-30", 4, 6);
	goal_refused("start: 2027-2-3\n", "start: '2027-2-3' is not a date", 4, 8);
	goal_refused("due: [2027-01-01]\n", "due: expected a date, found a list", 4, 6);
	goal_refused("steps:\n  - {title: s, due: 2027-13-01}\n", "steps[1].due: ", 5, 21);
	ck_assert_int_eq(cairn_goal_parse(&g, text, strlen(text), "goals/x.yaml", &err),
	                 CAIRN_EDATA);
	unit_assert_has(err.hint, "YYYY-MM-DD");
}
END_TEST

START_TEST(refuse_unknown_status)
{
	struct cairn_goal *g = (struct cairn_goal *)1;
	cairn_err err = CAIRN_ERR_INIT;
	const char *text = "id: x\ntitle: A goal\nstatus: finished\n";

	refused_whole(text, "status: unknown value 'finished'", 3, 9);
	ck_assert_int_eq(cairn_goal_parse(&g, text, strlen(text), "goals/x.yaml", &err),
	                 CAIRN_EDATA);
	ck_assert_str_eq(err.hint, "one of: draft, active, paused, done, dropped");
	refused_whole("id: x\ntitle: A goal\nstatus: Active\n", "status: unknown value 'Active'", 3,
	              9);
	goal_refused("horizon: medium\n", "horizon: unknown value 'medium'", 4, 10);
	goal_refused("area: gardening\n", "area: unknown value 'gardening'", 4, 7);
	goal_refused("domain: [professional]\n", "domain: unknown value", 4, 9);
}
END_TEST

START_TEST(refuse_negative_numbers)
{
	goal_refused("measure: {target: -5}\n", "measure.target: may not be negative (found -5)", 4,
	             19);
	goal_refused("measure: {baseline: -0.5}\n", "measure.baseline: may not be negative", 4, 21);
	goal_refused("progress:\n  - {date: 2027-02-01, value: -1}\n",
	             "progress[1].value: may not be negative (found -1)", 5, 31);
	goal_refused("progress:\n  - {date: 2027-02-01, value: 1}\n  - {date: 2027-02-02, value: "
	             "-1}\n",
	             "progress[2].value: may not be negative", 6, 31);
	/* zero is fine */
	{
		struct cairn_goal *g = parse_goal("id: x\ntitle: T\nstatus: active\nmeasure: "
		                                  "{baseline: 0, target: 0, current: 0}\n",
		                                  "goals/x.yaml");
		ck_assert(g->measure->target.set);
		cairn_goal_free(g);
	}
}
END_TEST

START_TEST(refuse_bad_serves)
{
	goal_refused("serves: [Bad_Id]\n", "serves: 'Bad_Id' is not a valid id", 4, 10);
	goal_refused("serves: [ok, ../x]\n", "serves: '../x' is not a valid id", 4, 14);
	goal_refused("serves:\n  - {id: y}\n", "serves: item 1: expected text, found a map", 5, 5);
	goal_refused("serves: y\n", "serves: expected a list, found a value", 4, 9);
	goal_refused("serves: [x]\n", "serves: a goal cannot serve itself", 0, 0);
}
END_TEST

START_TEST(refuse_bad_steps)
{
	goal_refused("steps:\n  - just a string\n",
	             "steps[1]: expected a map of fields, found a value", 5, 5);
	goal_refused("steps:\n  - {title: ok}\n  - [a]\n",
	             "steps[2]: expected a map of fields, found a list", 6, 5);
	goal_refused("steps:\n  - {due: 2027-01-01}\n", "steps[1].title: required field is missing",
	             5, 5);
	goal_refused("steps: {title: x}\n", "steps: expected a list, found a map", 4, 8);
	goal_refused("progress:\n  - {value: 1}\n", "progress[1].date: required field is missing",
	             5, 5);
}
END_TEST

START_TEST(refuse_missing_and_bad_text)
{
	refused_whole("id: x\nstatus: active\n", "title: required field is missing", 1, 1);
	refused_whole("id: x\ntitle: T\n", "status: required field is missing", 1, 1);
	refused_whole("id: x\ntitle: ~\nstatus: active\n", "title: required field is missing", 2,
	              8);
	refused_whole("id: ../x\ntitle: T\nstatus: active\n", "id: '../x' is not a valid id", 1, 5);
	refused_whole("id: x\ntitle: \"two\\nlines\"\nstatus: active\n",
	              "title: must be on one line", 2, 8);
	refused_whole("id: x\ntitle: \"bell\\a\"\nstatus: active\n",
	              "title: contains a control character", 2, 8);
	refused_whole("id: x\ntitle: \"cr\\r\"\nstatus: active\n",
	              "title: contains a control character", 2, 8);
	refused_whole("- a\n- b\n", "expected a goal record", 1, 1);
	refused_whole("", "expected a goal record (a map of fields), found an empty file", 0, 0);
	refused_whole("just text\n", "expected a goal record", 1, 1);
	/* multi-line text is fine where text may span lines */
	{
		struct cairn_goal *g = parse_goal(
		    "id: x\ntitle: T\nstatus: active\nspecific: |\n  one\n  two\n", "goals/x.yaml");
		ck_assert_str_eq(g->specific, "one\ntwo\n");
		cairn_goal_free(g);
	}
}
END_TEST

START_TEST(refuse_id_not_file_name)
{
	struct cairn_goal *g = (struct cairn_goal *)1;
	cairn_err err = CAIRN_ERR_INIT;
	const char *text = "id: x\ntitle: T\nstatus: active\n";

	unit_assert_err(cairn_goal_parse(&g, text, strlen(text), "goals/y.yaml", &err), err,
	                CAIRN_EDATA, "id 'x' does not match the file name");
	ck_assert_ptr_null(g);
	ck_assert_str_eq(err.file, "goals/y.yaml");
	unit_assert_has(err.hint, "goals/<id>.yaml");
	/* a prefix of the name is not the name */
	unit_assert_err(cairn_goal_parse(&g, text, strlen(text), "goals/xx.yaml", &err), err,
	                CAIRN_EDATA, "does not match the file name");
	unit_assert_err(cairn_goal_parse(&g, text, strlen(text), "goals/.yaml", &err), err,
	                CAIRN_EDATA, "does not match the file name");
	g = parse_goal(text, "goals/x.yaml");
	cairn_goal_free(g);
}
END_TEST

START_TEST(refuse_due_before_start)
{
	struct cairn_goal *g = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	goal_refused("start: 2027-02-01\ndue: 2027-01-31\n",
	             "due 2027-01-31 is before start 2027-02-01", 0, 0);
	{
		const char *t =
		    "id: x\ntitle: T\nstatus: active\nstart: 2027-02-01\ndue: 2027-01-31\n";
		ck_assert_int_eq(cairn_goal_parse(&g, t, strlen(t), "goals/x.yaml", &err),
		                 CAIRN_EDATA);
		unit_assert_has(err.hint, "on or after");
	}
	/* due on the start day is fine */
	g = parse_goal("id: x\ntitle: T\nstatus: active\nstart: 2027-02-01\ndue: 2027-02-01\n",
	               "goals/x.yaml");
	cairn_goal_free(g);
}
END_TEST

START_TEST(validate_in_memory)
{
	struct cairn_goal *g = parse_goal(spec_goal, GOAL_FILE);
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_goal_validate(g, NULL, &err), 0);
	free(g->title);
	g->title = strdup("   ");
	unit_assert_err(cairn_goal_validate(g, NULL, &err), err, CAIRN_EDATA, "title is empty");
	free(g->title);
	g->title = strdup("two\nlines");
	unit_assert_err(cairn_goal_validate(g, NULL, &err), err, CAIRN_EDATA, "one line");
	free(g->title);
	g->title = strdup("ok");
	free(g->id);
	g->id = strdup("Not/Valid");
	unit_assert_err(cairn_goal_validate(g, NULL, &err), err, CAIRN_EDATA, "is not valid");
	free(g->id);
	g->id = strdup("dbt-certification");
	g->measure->current.v = -1;
	unit_assert_err(cairn_goal_validate(g, NULL, &err), err, CAIRN_EDATA,
	                "measure.current may not be negative");
	g->measure->current.v = 1;
	g->status = 99;
	unit_assert_err(cairn_goal_validate(g, NULL, &err), err, CAIRN_EDATA, "status");
	g->status = CAIRN_STATUS_NONE;
	unit_assert_err(cairn_goal_validate(g, NULL, &err), err, CAIRN_EDATA, "status is required");
	g->status = CAIRN_STATUS_ACTIVE;
	free(g->steps.v[1].title);
	g->steps.v[1].title = strdup("");
	unit_assert_err(cairn_goal_validate(g, NULL, &err), err, CAIRN_EDATA, "steps[2].title");
	cairn_goal_free(g);
}
END_TEST

/* ---- the canonical form ---- */

START_TEST(canonical_write_is_stable)
{
	struct cairn_goal *g = parse_goal(spec_goal, GOAL_FILE), *g2;
	char *first = write_goal(g), *second;

	g2 = parse_goal(first, GOAL_FILE);
	second = write_goal(g2);
	ck_assert_str_eq(first, second);
	/* fixed key order, block style; `completed: null` may or may not be written */
	{
		const char *want =
		    "id: dbt-certification\n"
		    "title: Become certified in Dialectical Behavior Therapy\n"
		    "horizon: short\n"
		    "domain: professional\n"
		    "area: clinical-skills\n"
		    "status: active\n"
		    "created: 2026-11-28\n"
		    "start: 2026-12-01\n"
		    "due: 2027-06-30\n"
		    "specific: Complete the DBT certification program to better "
		    "support my clients with borderline personality disorder.\n"
		    "measure:\n"
		    "  metric: DBT group sessions conducted\n"
		    "  unit: sessions\n"
		    "  baseline: 0\n"
		    "  target: 5\n"
		    "  current: 2\n"
		    "achievable: Four hours a week of study, balanced with my current "
		    "caseload.\n"
		    "relevant: Serves my aim of specializing in emotional-regulation "
		    "issues.\n"
		    "serves:\n"
		    "  - specialize-emotion-regulation\n"
		    "steps:\n"
		    "  - title: Enroll in the DBT intensive\n"
		    "    due: 2027-01-15\n"
		    "    done: 2027-01-10\n"
		    "  - title: Pass the certification exam\n"
		    "    due: 2027-06-15\n"
		    "progress:\n"
		    "  - date: 2027-02-01\n"
		    "    value: 1\n"
		    "    note: first group session\n"
		    "tags:\n"
		    "  - dbt\n"
		    "  - certification\n";
		size_t n = strlen(want);
		ck_assert_msg(!strncmp(first, want, n), "canonical form differs:\n%s", first);
		ck_assert_msg(!strcmp(first + n, "") || !strcmp(first + n, "completed: null\n"),
		              "after tags: '%s'", first + n);
	}
	unit_assert_has(first, "due: 2027-06-30\nspecific: Complete");
	/* no comments are kept and no flow style is written */
	ck_assert_ptr_null(strchr(first, '#'));
	ck_assert_ptr_null(strchr(first, '{'));
	free(first);
	free(second);
	cairn_goal_free(g);
	cairn_goal_free(g2);
}
END_TEST

START_TEST(canonical_write_quotes_what_needs_it)
{
	struct cairn_goal *g = parse_goal("id: x\n"
	                                  "title: '2027'\n"
	                                  "status: active\n"
	                                  "specific: \"line one\\nline two\\n\"\n"
	                                  "tags: ['yes', 'no', '123', 'a: b', plain]\n"
	                                  "measure: {unit: 'null', target: 2.5}\n",
	                                  "goals/x.yaml");
	char *out = write_goal(g), *again;
	struct cairn_goal *g2;

	unit_assert_has(out, "title: \"2027\"\n");
	unit_assert_has(out, "specific: |\n  line one\n  line two\n");
	unit_assert_has(out, "  - \"yes\"\n  - \"no\"\n  - \"123\"\n  - \"a: b\"\n  - plain\n");
	unit_assert_has(out, "  unit: \"null\"\n  target: 2.5\n");
	g2 = parse_goal(out, "goals/x.yaml");
	ck_assert_str_eq(g2->title, "2027");
	ck_assert_str_eq(g2->specific, "line one\nline two\n");
	ck_assert_str_eq(g2->tags.v[0], "yes");
	ck_assert_str_eq(g2->measure->unit, "null");
	ck_assert(g2->measure->target.v == 2.5);
	again = write_goal(g2);
	ck_assert_str_eq(out, again);
	free(out);
	free(again);
	cairn_goal_free(g);
	cairn_goal_free(g2);
}
END_TEST

/* Loads text as a record of kind (must load), writes it, loads what was written and writes
 * that again: both writes must be the same text. Returns the first write; caller frees. */
static char *round_trip_kind(const struct cairn_kind *kind, const char *text)
{
	void *a = cairn_record_new(kind), *b = cairn_record_new(kind);
	cairn_err err = CAIRN_ERR_INIT;
	char *first = NULL, *second = NULL;

	ck_assert_msg(cairn_record_parse(kind, a, text, strlen(text), "t.yaml", &err) == 0,
	              "%s: %d:%d: %s\n%s", kind->name, err.line, err.column, err.msg, text);
	ck_assert_int_eq(cairn_record_write(&first, NULL, kind, a, &err), 0);
	ck_assert_msg(cairn_record_parse(kind, b, first, strlen(first), "t.yaml", &err) == 0,
	              "what was written does not load: %d:%d: %s\n%s", err.line, err.column,
	              err.msg, first);
	ck_assert_int_eq(cairn_record_write(&second, NULL, kind, b, &err), 0);
	ck_assert_str_eq(second, first);
	free(second);
	cairn_record_free(kind, a);
	cairn_record_free(kind, b);
	return first;
}

/* Numbers are written with as many digits as it takes to read back the same double. */
START_TEST(numbers_keep_every_digit)
{
	static const double values[] = {1.00000000001,
	                                0.1,
	                                2.5,
	                                1.0 / 3.0,
	                                0.1 + 0.2,
	                                123456789.123456789,
	                                9007199254740993.0,
	                                1e15,
	                                1.5e300,
	                                4.9e-324,
	                                2.2250738585072014e-308,
	                                -0.0,
	                                -7.25,
	                                12345678901234.5};
	char buf[64];

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		double back;
		cairn_num_format_exact(values[i], buf, sizeof(buf));
		back = strtod(buf, NULL);
		ck_assert_msg(back == values[i] && signbit(back) == signbit(values[i]),
		              "%.17g written as %s", values[i], buf);
		/* and no longer than it has to be (whole numbers are written out in full) */
		for (int prec = 1; prec <= 17 && values[i] != floor(values[i]); prec++) {
			char shortest[64];
			snprintf(shortest, sizeof(shortest), "%.*g", prec, values[i]);
			if (strtod(shortest, NULL) != values[i])
				continue;
			ck_assert_msg(strlen(buf) <= strlen(shortest), "%s could be %s", buf,
			              shortest);
			break;
		}
	}
	ck_assert_str_eq(cairn_num_format_exact(1.00000000001, buf, sizeof(buf)), "1.00000000001");
	ck_assert_str_eq(cairn_num_format_exact(0.1, buf, sizeof(buf)), "0.1");
	ck_assert_str_eq(cairn_num_format_exact(3, buf, sizeof(buf)), "3");
	ck_assert_str_eq(cairn_num_format_exact(0.1 + 0.2, buf, sizeof(buf)),
	                 "0.30000000000000004");
	/* what people read is rounded as before */
	ck_assert_str_eq(cairn_num_format(0.1 + 0.2, buf, sizeof(buf)), "0.3");

	{
		const char *text = "id: x\ntitle: T\nstatus: active\n"
		                   "measure: {baseline: 0.1, target: 1.00000000001, current: "
		                   "123456789.123456789}\n";
		struct cairn_goal *g = parse_goal(text, "goals/x.yaml"), *g2;
		char *out = round_trip_kind(&cairn_goal_kind, text), *d;

		unit_assert_has(out, "  baseline: 0.1\n"
		                     "  target: 1.00000000001\n"
		                     "  current: 123456789.12345679\n");
		g2 = parse_goal(out, "goals/x.yaml");
		ck_assert(g2->measure->target.v == g->measure->target.v);
		ck_assert(g2->measure->current.v == g->measure->current.v);
		/* a change past the tenth digit is a change */
		g2->measure->target.v = 1.00000000002;
		d = diff(g, g2);
		unit_assert_has(d, "measure.target 1.00000000001 -> 1.00000000002\n");
		free(d);
		free(out);
		cairn_goal_free(g);
		cairn_goal_free(g2);
	}
}
END_TEST

/* A map field with nothing in it ({}) stays a map: `settings:` alone would read back as null. */
START_TEST(empty_maps_stay_maps)
{
	static const struct {
		const struct cairn_kind *kind;
		const char *text, *want;
	} cases[] = {
	    {&cairn_profile_kind, "format: 1\nsettings: {}\n", "settings: {}\n"},
	    {&cairn_ce_kind, "id: a\ndate: 2026-10-05\ntitle: T\nhours: 3\ntopics: {}\n",
	     "topics: {}\n"},
	    {&cairn_goal_kind, "id: x\ntitle: T\nstatus: active\nmeasure: {}\n", "measure: {}\n"},
	    {&cairn_goal_kind, "id: x\ntitle: T\nstatus: active\nmeasure:\n  extra: {}\n",
	     "measure:\n  extra: {}\n"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = round_trip_kind(cases[i].kind, cases[i].text);
		unit_assert_has(out, cases[i].want);
		free(out);
	}
	{
		/* in memory too: a present but empty measure */
		struct cairn_goal *g = parse_goal("id: x\ntitle: T\nstatus: active\n",
		                                  "goals/x.yaml"),
		                  *g2;
		char *out;

		g->measure = cairn_record_new(&cairn_measure_kind);
		out = write_goal(g);
		unit_assert_has(out, "measure: {}\n");
		g2 = parse_goal(out, "goals/x.yaml");
		ck_assert_ptr_nonnull(g2->measure);
		free(out);
		cairn_goal_free(g);
		cairn_goal_free(g2);
	}
}
END_TEST

/* Unknown keys and values survive a write: negative numbers stay numbers, keys longer than
 * YAML's 1024-character simple keys are written so that they load again, C1 controls are
 * escaped. */
START_TEST(unknown_keys_write_back)
{
	char key[700], text[1200];
	char *out;
	struct cairn_goal *g;
	json_t *j;

	out = round_trip_kind(&cairn_goal_kind, "id: x\ntitle: T\nstatus: active\n"
	                                        "x-offset: -3\nx-scale: -1.5\nx-text: '-3'\n");
	unit_assert_has(out, "x-offset: -3\nx-scale: -1.5\nx-text: \"-3\"\n");
	g = parse_goal(out, "goals/x.yaml");
	j = cairn_record_json(&cairn_goal_kind, g);
	ck_assert(json_is_integer(json_object_get(j, "x-offset")));
	ck_assert_int_eq(json_integer_value(json_object_get(j, "x-offset")), -3);
	ck_assert(json_is_real(json_object_get(j, "x-scale")));
	ck_assert(json_is_string(json_object_get(j, "x-text")));
	json_decref(j);
	cairn_goal_free(g);
	free(out);

	/* 'a', 600 tabs, 'b': a plain key of 602 characters, 1204 when quoted */
	memset(key, '\t', 602);
	key[0] = 'a';
	key[601] = 'b';
	key[602] = '\0';
	snprintf(text, sizeof(text), "id: x\ntitle: T\nstatus: active\n%s: 1\n", key);
	out = round_trip_kind(&cairn_goal_kind, text);
	g = parse_goal(out, "goals/x.yaml");
	ck_assert_int_eq(g->extra.n, 1);
	ck_assert_str_eq(g->extra.v[0].key, key);
	ck_assert_str_eq(g->extra.v[0].value->scalar, "1");
	cairn_goal_free(g);
	free(out);

	out = round_trip_kind(&cairn_goal_kind, "id: x\ntitle: T\nstatus: active\n"
	                                        "\"k\\x80\": \"a\\u0080b\\uFFFE\"\n");
	unit_assert_has(out, "\"k\\x80\": \"a\\x80b\\uFFFE\"\n");
	g = parse_goal(out, "goals/x.yaml");
	ck_assert_str_eq(g->extra.v[0].key, "k\xc2\x80");
	ck_assert_str_eq(g->extra.v[0].value->scalar, "a\xc2\x80"
	                                              "b\xef\xbf\xbe");
	cairn_goal_free(g);
	free(out);
}
END_TEST

/* C1 control characters (but NEL) and the noncharacters U+FFFE and U+FFFF are refused in
 * fields, like the C0 controls, with the place of the value. */
START_TEST(refuse_c1_controls)
{
	struct cairn_goal *g;
	cairn_err err = CAIRN_ERR_INIT;

	goal_refused("reason: \"a\\u0080b\"\n", "reason: contains a control character", 4, 9);
	goal_refused("reason: \"\\x9f\"\n", "reason: contains a control character", 4, 9);
	goal_refused("reason: \"csi \\u009B31m\"\n", "reason: contains a control character", 4, 9);
	goal_refused("reason: \"x\\uFFFE\"\n", "reason: contains a noncharacter (U+FFFE)", 4, 9);
	goal_refused("reason: \"x\\uFFFF\"\n", "reason: contains a noncharacter (U+FFFF)", 4, 9);
	goal_refused("tags: [ok, \"a\\x85b\", \"c\\x81\"]\n", "tags: item 3 contains a control", 4,
	             22);
	goal_refused("steps:\n  - title: \"\\u0090\"\n", "steps[1].title: contains a control", 5,
	             12);
	/* NEL, the no-break space and the characters beside the noncharacters are text */
	g = parse_goal("id: x\ntitle: \"a\\x85b \\xa0 \\uFFFD \\uFFFC \\U0010FFFD\"\n"
	               "status: active\n",
	               "goals/x.yaml");
	ck_assert_str_eq(g->title, "a\xc2\x85"
	                           "b \xc2\xa0 \xef\xbf\xbd \xef\xbf\xbc \xf4\x8f\xbf\xbd");
	/* and in memory, before anything is written */
	free(g->title);
	g->title = strdup("a\xc2\x80");
	unit_assert_err(cairn_record_check(&cairn_goal_kind, g, &err), err, CAIRN_EDATA,
	                "title contains a control character");
	cairn_goal_free(g);
}
END_TEST

/* A byte-order mark before a record, with LF or CRLF line ends. */
START_TEST(load_after_byte_order_mark)
{
	struct cairn_goal *g;

	g = parse_goal("\xef\xbb\xbfid: x\ntitle: A goal\nstatus: active\n", "goals/x.yaml");
	ck_assert_str_eq(g->id, "x");
	cairn_goal_free(g);
	g = parse_goal("\xef\xbb\xbfid: x\r\ntitle: A goal\r\nstatus: active\r\n"
	               "measure:\r\n  target: 5\r\n",
	               "goals/x.yaml");
	ck_assert_str_eq(g->title, "A goal");
	ck_assert(g->measure->target.v == 5);
	cairn_goal_free(g);
	refused_whole("\xef\xbb\xbfid: x\ntitle: A goal\nstatus: Active\n",
	              "status: unknown value 'Active'", 3, 9);
	refused_whole("\xef\xbb\xbftitle: [x]\nid: x\nstatus: active\n",
	              "title: expected text, found a list", 1, 8);
}
END_TEST

START_TEST(record_copy_is_deep)
{
	struct cairn_goal *g = parse_goal(spec_goal, GOAL_FILE), *c = copy_goal(g);
	char *wg = write_goal(g), *wc;

	ck_assert_ptr_ne(c->title, g->title);
	ck_assert_ptr_ne(c->measure, g->measure);
	ck_assert_ptr_ne(c->steps.v, g->steps.v);
	cairn_goal_free(g);
	wc = write_goal(c);
	ck_assert_str_eq(wc, wg);
	free(wg);
	free(wc);
	cairn_goal_free(c);
}
END_TEST

/* ---- what changed ---- */

START_TEST(diff_lines)
{
	struct cairn_goal *a = parse_goal(spec_goal, GOAL_FILE), *b = copy_goal(a);
	cairn_err err = CAIRN_ERR_INIT;
	char *d;

	d = diff(a, b);
	ck_assert_str_eq(d, "");
	free(d);

	b->measure->current.v = 3;
	d = diff(a, b);
	ck_assert_str_eq(d, "measure.current 2 -> 3\n");
	free(d);

	b->measure->current.v = 2;
	b->status = CAIRN_STATUS_PAUSED;
	b->due = unit_date("2027-07-31");
	d = diff(a, b);
	ck_assert_str_eq(d, "status active -> paused\ndue 2027-06-30 -> 2027-07-31\n");
	free(d);

	b->status = a->status;
	b->due = a->due;
	ck_assert_int_eq(cairn_strlist_add(&b->tags, "emotion"), 0);
	ck_assert_int_eq(cairn_strlist_remove(&b->tags, "dbt"), 1);
	d = diff(a, b);
	ck_assert_str_eq(d, "tags + emotion\ntags - dbt\n");
	free(d);

	cairn_strlist_release(&b->tags);
	ck_assert_int_eq(cairn_strlist_add(&b->tags, "dbt"), 0);
	ck_assert_int_eq(cairn_strlist_add(&b->tags, "certification"), 0);
	b->steps.v[1].done = unit_date("2027-06-10");
	d = diff(a, b);
	ck_assert_str_eq(d, "steps[2].done (none) -> 2027-06-10\n");
	free(d);

	b->steps.v[1].done = CAIRN_DATE_NONE;
	ck_assert_int_eq(cairn_goal_record_progress(b, 2, unit_date("2027-03-01"), NULL, &err), 0);
	d = diff(a, b);
	ck_assert_str_eq(d, "progress + 2027-03-01\n");
	free(d);
	/* and the other way round: removed */
	d = diff(b, a);
	ck_assert_str_eq(d, "progress - 2027-03-01\n");
	free(d);

	/* a back-dated entry is one added item, wherever it goes */
	{
		struct cairn_goal *c = copy_goal(b);
		ck_assert_int_eq(
		    cairn_goal_record_progress(c, 1.5, unit_date("2027-02-15"), "back-dated", &err),
		    0);
		ck_assert_str_eq(unit_fmt(c->progress.v[1].date), "2027-02-15");
		d = diff(b, c);
		ck_assert_str_eq(d, "progress + 2027-02-15\n");
		free(d);
		d = diff(c, b);
		ck_assert_str_eq(d, "progress - 2027-02-15\n");
		free(d);
		/* and a changed entry among others is compared field by field */
		c->progress.v[1].value.v = 1.75;
		ck_assert_int_eq(
		    cairn_goal_record_progress(c, 3, unit_date("2027-04-01"), NULL, &err), 0);
		d = diff(b, c);
		ck_assert_str_eq(d, "measure.current 2 -> 3\nprogress + 2027-02-15\nprogress + "
		                    "2027-04-01\n");
		free(d);
		cairn_goal_free(c);
	}

	cairn_list_remove((struct cairn_list *)&b->progress, &cairn_progress_kind, 1);
	{
		struct cairn_step *s =
		    cairn_list_push((struct cairn_list *)&b->steps, &cairn_step_kind);
		ck_assert_ptr_nonnull(s);
		s->title = strdup("Lead a DBT group");
	}
	d = diff(a, b);
	ck_assert_str_eq(d, "steps + Lead a DBT group\n");
	free(d);
	d = diff(b, a);
	ck_assert_str_eq(d, "steps - Lead a DBT group\n");
	free(d);
	cairn_list_remove((struct cairn_list *)&b->steps, &cairn_step_kind, 2);

	free(b->title);
	b->title = strdup("Become a DBT therapist");
	free(b->specific);
	b->specific = strdup("Another text.");
	d = diff(a, b);
	ck_assert_str_eq(d, "title Become certified in Dialectical Behavior Therapy -> Become a "
	                    "DBT therapist\nspecific changed\n");
	free(d);
	cairn_goal_free(a);
	cairn_goal_free(b);
}
END_TEST

START_TEST(diff_measure_appears)
{
	struct cairn_goal *a = parse_goal("id: x\ntitle: T\nstatus: active\n", "goals/x.yaml");
	struct cairn_goal *b = copy_goal(a);
	cairn_err err = CAIRN_ERR_INIT;
	char *d;

	ck_assert_int_eq(cairn_goal_record_progress(b, 1, unit_date("2027-02-01"), "first", &err),
	                 0);
	d = diff(a, b);
	ck_assert_str_eq(d, "measure.current (none) -> 1\nprogress + 2027-02-01\n");
	free(d);
	d = diff(b, a);
	ck_assert_str_eq(d, "measure.current 1 -> (none)\nprogress - 2027-02-01\n");
	free(d);
	cairn_goal_free(a);
	cairn_goal_free(b);
}
END_TEST

/* ---- JSON ---- */

START_TEST(json_shape)
{
	const char *text = "id: x\n"
	                   "title: T\n"
	                   "status: active\n"
	                   "due: 2027-06-30\n"
	                   "measure: {target: 5, current: 1.5}\n"
	                   "steps:\n"
	                   "  - {title: one, done: 2027-01-10}\n"
	                   "  - {title: two}\n"
	                   "tags: [a, b]\n"
	                   "colour: blue\n"
	                   "count: 3\n"
	                   "flag: true\n"
	                   "list: [1, x]\n";
	struct cairn_goal *g = parse_goal(text, "goals/x.yaml");
	json_t *j = cairn_record_json(&cairn_goal_kind, g), *v;
	char *dump, *dump2;

	ck_assert_ptr_nonnull(j);
	ck_assert(json_is_object(j));
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "x");
	ck_assert_str_eq(json_string_value(json_object_get(j, "title")), "T");
	ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "active");
	ck_assert_str_eq(json_string_value(json_object_get(j, "due")), "2027-06-30");
	/* every field of the table is there; absent ones are null, lists are lists */
	ck_assert(json_is_null(json_object_get(j, "horizon")));
	ck_assert(json_is_null(json_object_get(j, "start")));
	ck_assert(json_is_null(json_object_get(j, "completed")));
	ck_assert(json_is_null(json_object_get(j, "reason")));
	ck_assert(json_is_array(json_object_get(j, "serves")));
	ck_assert_int_eq(json_array_size(json_object_get(j, "serves")), 0);
	ck_assert(json_is_array(json_object_get(j, "progress")));
	v = json_object_get(j, "measure");
	ck_assert(json_is_object(v));
	ck_assert(json_is_integer(json_object_get(v, "target")));
	ck_assert_int_eq(json_integer_value(json_object_get(v, "target")), 5);
	ck_assert(json_is_real(json_object_get(v, "current")));
	ck_assert(json_real_value(json_object_get(v, "current")) == 1.5);
	ck_assert(json_is_null(json_object_get(v, "baseline")));
	v = json_object_get(j, "steps");
	ck_assert_int_eq(json_array_size(v), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(v, 0), "title")), "one");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(v, 0), "done")),
	                 "2027-01-10");
	ck_assert(json_is_null(json_object_get(json_array_get(v, 1), "done")));
	v = json_object_get(j, "tags");
	ck_assert_int_eq(json_array_size(v), 2);
	ck_assert_str_eq(json_string_value(json_array_get(v, 1)), "b");
	/* unknown keys too, with their types */
	ck_assert_str_eq(json_string_value(json_object_get(j, "colour")), "blue");
	ck_assert_int_eq(json_integer_value(json_object_get(j, "count")), 3);
	ck_assert(json_is_true(json_object_get(j, "flag")));
	ck_assert_int_eq(json_array_size(json_object_get(j, "list")), 2);
	ck_assert_int_eq(json_object_size(j), (size_t)cairn_goal_kind.nfields + 4);
	/* deterministic */
	dump = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	j = cairn_record_json(&cairn_goal_kind, g);
	dump2 = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	ck_assert_str_eq(dump, dump2);
	unit_assert_has(dump, "\"id\":\"x\"");
	free(dump);
	free(dump2);
	json_decref(j);
	cairn_goal_free(g);
}
END_TEST

/* ---- status transitions ---- */

static const char *const verbs[] = {[CAIRN_STATUS_PAUSED] = "pause",
                                    [CAIRN_STATUS_ACTIVE] = "resume",
                                    [CAIRN_STATUS_DONE] = "complete",
                                    [CAIRN_STATUS_DROPPED] = "drop"};

static int transition_ok(int from, int to)
{
	switch (to) {
	case CAIRN_STATUS_PAUSED:
		return from == CAIRN_STATUS_ACTIVE;
	case CAIRN_STATUS_ACTIVE:
		return from == CAIRN_STATUS_PAUSED || from == CAIRN_STATUS_DRAFT;
	case CAIRN_STATUS_DONE:
		return from == CAIRN_STATUS_ACTIVE || from == CAIRN_STATUS_PAUSED;
	case CAIRN_STATUS_DROPPED:
		return from != CAIRN_STATUS_DONE && from != CAIRN_STATUS_DROPPED;
	}
	return 0;
}

START_TEST(status_transitions)
{
	static const int targets[] = {CAIRN_STATUS_PAUSED, CAIRN_STATUS_ACTIVE, CAIRN_STATUS_DONE,
	                              CAIRN_STATUS_DROPPED};
	cairn_date today = unit_date("2027-03-15"), earlier = unit_date("2026-01-01");

	for (int from = CAIRN_STATUS_DRAFT; from <= CAIRN_STATUS_DROPPED; from++) {
		for (int t = 0; t < 4; t++) {
			int to = targets[t];
			struct cairn_goal *g = parse_goal(
			    "id: x\ntitle: T\nstatus: draft\nreason: old\n", "goals/x.yaml");
			cairn_err err = CAIRN_ERR_INIT;
			int rc;
			char want[128];

			g->status = from;
			g->completed = from == CAIRN_STATUS_DONE ? earlier : CAIRN_DATE_NONE;
			rc = cairn_goal_set_status(g, to, today, "no longer fits", &err);
			if (transition_ok(from, to)) {
				ck_assert_msg(rc == 0, "%s -> %s refused: %s",
				              cairn_status_names[from], cairn_status_names[to],
				              err.msg);
				ck_assert_int_eq(g->status, to);
				if (to == CAIRN_STATUS_DONE)
					ck_assert_str_eq(unit_fmt(g->completed), "2027-03-15");
				else
					ck_assert_int_eq(g->completed, CAIRN_DATE_NONE);
				ck_assert_str_eq(g->reason, to == CAIRN_STATUS_DROPPED
				                                ? "no longer fits"
				                                : "old");
				ck_assert_int_eq(cairn_goal_validate(g, NULL, &err), 0);
			} else {
				snprintf(want, sizeof(want), "goal 'x' is %s: cannot %s it",
				         cairn_status_names[from], verbs[to]);
				ck_assert_msg(rc == CAIRN_EDATA, "%s -> %s accepted",
				              cairn_status_names[from], cairn_status_names[to]);
				unit_assert_err(rc, err, CAIRN_EDATA, want);
				ck_assert_int_eq(g->status, from);
				ck_assert_int_eq(g->completed, from == CAIRN_STATUS_DONE
				                                   ? earlier
				                                   : CAIRN_DATE_NONE);
				ck_assert_str_eq(g->reason, "old");
				if (from == CAIRN_STATUS_DONE || from == CAIRN_STATUS_DROPPED)
					unit_assert_has(err.hint, "cairn goal edit x");
			}
			cairn_goal_free(g);
		}
	}
}
END_TEST

START_TEST(status_transition_details)
{
	struct cairn_goal *g = parse_goal("id: x\ntitle: T\nstatus: active\n", "goals/x.yaml");
	cairn_err err = CAIRN_ERR_INIT;

	/* drop without a reason keeps none */
	ck_assert_int_eq(
	    cairn_goal_set_status(g, CAIRN_STATUS_DROPPED, unit_date("2027-01-01"), NULL, &err), 0);
	ck_assert_ptr_null(g->reason);
	unit_assert_err(
	    cairn_goal_set_status(g, CAIRN_STATUS_DROPPED, unit_date("2027-01-01"), "again", &err),
	    err, CAIRN_EDATA, "goal 'x' is dropped: cannot drop it");
	ck_assert_ptr_null(g->reason);
	/* no transition leads to draft or to nothing */
	unit_assert_err(
	    cairn_goal_set_status(g, CAIRN_STATUS_DRAFT, unit_date("2027-01-01"), NULL, &err), err,
	    CAIRN_EUSAGE, "no such status change");
	ck_assert_int_eq(
	    cairn_goal_set_status(g, CAIRN_STATUS_NONE, unit_date("2027-01-01"), NULL, &err),
	    CAIRN_EUSAGE);
	ck_assert_int_eq(g->status, CAIRN_STATUS_DROPPED);
	cairn_goal_free(g);
}
END_TEST

/* ---- progress ---- */

START_TEST(record_progress)
{
	struct cairn_goal *g = parse_goal(spec_goal, GOAL_FILE);
	cairn_err err = CAIRN_ERR_INIT;

	/* appended, current set */
	ck_assert_int_eq(
	    cairn_goal_record_progress(g, 2, unit_date("2027-03-01"), "second session", &err), 0);
	ck_assert_int_eq(g->progress.n, 2);
	ck_assert_int_eq(g->progress.v[1].date, unit_date("2027-03-01"));
	ck_assert(g->progress.v[1].value.set && g->progress.v[1].value.v == 2);
	ck_assert_str_eq(g->progress.v[1].note, "second session");
	ck_assert(g->measure->current.set && g->measure->current.v == 2);
	/* an earlier date goes in its place; current stays the latest value */
	ck_assert_int_eq(cairn_goal_record_progress(g, 1.5, unit_date("2027-02-15"), NULL, &err),
	                 0);
	ck_assert_int_eq(g->progress.n, 3);
	ck_assert_str_eq(unit_fmt(g->progress.v[0].date), "2027-02-01");
	ck_assert_str_eq(unit_fmt(g->progress.v[1].date), "2027-02-15");
	ck_assert_str_eq(unit_fmt(g->progress.v[2].date), "2027-03-01");
	ck_assert(g->progress.v[1].value.v == 1.5);
	ck_assert_ptr_null(g->progress.v[1].note);
	ck_assert(g->measure->current.v == 2);
	/* the earliest of all goes first */
	ck_assert_int_eq(cairn_goal_record_progress(g, 0, unit_date("2027-01-01"), "start", &err),
	                 0);
	ck_assert_str_eq(unit_fmt(g->progress.v[0].date), "2027-01-01");
	ck_assert_str_eq(g->progress.v[0].note, "start");
	ck_assert_str_eq(g->progress.v[1].note, "first group session");
	ck_assert(g->measure->current.v == 2);
	/* the same day as the last: after it, and it is the current value */
	ck_assert_int_eq(cairn_goal_record_progress(g, 4, unit_date("2027-03-01"), "later", &err),
	                 0);
	ck_assert_int_eq(g->progress.n, 5);
	ck_assert_str_eq(g->progress.v[4].note, "later");
	ck_assert(g->measure->current.v == 4);
	for (size_t i = 1; i < g->progress.n; i++)
		ck_assert_int_le(g->progress.v[i - 1].date, g->progress.v[i].date);
	ck_assert_int_eq(cairn_goal_validate(g, GOAL_FILE, &err), 0);
	cairn_goal_free(g);
}
END_TEST

START_TEST(record_progress_refused)
{
	struct cairn_goal *g = parse_goal(spec_goal, GOAL_FILE);
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_goal_record_progress(g, -1, unit_date("2027-03-01"), NULL, &err), err,
	                CAIRN_EDATA, "progress value may not be negative (-1)");
	unit_assert_err(cairn_goal_record_progress(g, NAN, unit_date("2027-03-01"), NULL, &err),
	                err, CAIRN_EDATA, "progress value");
	unit_assert_err(
	    cairn_goal_record_progress(g, INFINITY, unit_date("2027-03-01"), NULL, &err), err,
	    CAIRN_EDATA, "progress value");
	ck_assert_int_eq(g->progress.n, 1);
	ck_assert(g->measure->current.v == 2);

	g->status = CAIRN_STATUS_DONE;
	unit_assert_err(cairn_goal_record_progress(g, 3, unit_date("2027-03-01"), NULL, &err), err,
	                CAIRN_EDATA, "goal 'dbt-certification' is done: its progress is closed");
	g->status = CAIRN_STATUS_DROPPED;
	unit_assert_err(cairn_goal_record_progress(g, 3, unit_date("2027-03-01"), NULL, &err), err,
	                CAIRN_EDATA, "is dropped");
	ck_assert_int_eq(g->progress.n, 1);
	ck_assert(g->measure->current.v == 2);
	/* paused and draft goals still take progress */
	g->status = CAIRN_STATUS_PAUSED;
	ck_assert_int_eq(cairn_goal_record_progress(g, 3, unit_date("2027-03-01"), NULL, &err), 0);
	g->status = CAIRN_STATUS_DRAFT;
	ck_assert_int_eq(cairn_goal_record_progress(g, 4, unit_date("2027-03-02"), NULL, &err), 0);
	ck_assert_int_eq(g->progress.n, 3);
	cairn_goal_free(g);
}
END_TEST

START_TEST(record_progress_without_measure)
{
	struct cairn_goal *g = parse_goal("id: x\ntitle: T\nstatus: active\n", "goals/x.yaml");
	cairn_err err = CAIRN_ERR_INIT;
	char *out;

	ck_assert_int_eq(cairn_goal_record_progress(g, 1, unit_date("2027-02-01"), NULL, &err), 0);
	ck_assert_ptr_nonnull(g->measure);
	ck_assert(g->measure->current.set && g->measure->current.v == 1);
	out = write_goal(g);
	unit_assert_has(out,
	                "measure:\n  current: 1\nprogress:\n  - date: 2027-02-01\n    value: 1\n");
	free(out);
	cairn_goal_free(g);
}
END_TEST

/* ---- steps ---- */

START_TEST(find_step)
{
	struct cairn_goal *g = parse_goal("id: x\ntitle: T\nstatus: active\nsteps:\n"
	                                  "  - {title: Enroll in the DBT intensive}\n"
	                                  "  - {title: Pass the certification exam}\n"
	                                  "  - {title: Pass the oral exam}\n"
	                                  "  - {title: 2nd supervisor meeting}\n",
	                                  "goals/x.yaml");
	size_t i = 99;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_goal_find_step(&i, g, "1", &err), 0);
	ck_assert_uint_eq(i, 0);
	ck_assert_int_eq(cairn_goal_find_step(&i, g, "4", &err), 0);
	ck_assert_uint_eq(i, 3);
	ck_assert_int_eq(cairn_goal_find_step(&i, g, "enroll", &err), 0);
	ck_assert_uint_eq(i, 0);
	ck_assert_int_eq(cairn_goal_find_step(&i, g, "PASS THE C", &err), 0);
	ck_assert_uint_eq(i, 1);
	ck_assert_int_eq(cairn_goal_find_step(&i, g, "pass the oral exam", &err), 0);
	ck_assert_uint_eq(i, 2);
	/* a title that starts with a digit */
	ck_assert_int_eq(cairn_goal_find_step(&i, g, "2nd", &err), 0);
	ck_assert_uint_eq(i, 3);

	unit_assert_err(cairn_goal_find_step(&i, g, "0", &err), err, CAIRN_ENOTFOUND,
	                "goal 'x' has no step 0");
	unit_assert_err(cairn_goal_find_step(&i, g, "5", &err), err, CAIRN_ENOTFOUND,
	                "goal 'x' has no step 5");
	unit_assert_has(err.hint, "1 to 4");
	unit_assert_err(cairn_goal_find_step(&i, g, "pass", &err), err, CAIRN_EUSAGE,
	                "step 'pass' is ambiguous: 2 steps start with it");
	unit_assert_has(err.hint, "number");
	unit_assert_err(cairn_goal_find_step(&i, g, "write", &err), err, CAIRN_ENOTFOUND,
	                "goal 'x' has no step 'write'");
	cairn_goal_free(g);
}
END_TEST

START_TEST(find_step_exact_title_wins)
{
	struct cairn_goal *g = parse_goal("id: x\ntitle: T\nstatus: active\nsteps:\n"
	                                  "  - {title: Pass the exam again}\n"
	                                  "  - {title: Pass the exam}\n",
	                                  "goals/x.yaml");
	size_t i = 99;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_goal_find_step(&i, g, "pass the exam", &err), 0);
	ck_assert_uint_eq(i, 1);
	cairn_goal_free(g);

	g = parse_goal("id: x\ntitle: T\nstatus: active\n", "goals/x.yaml");
	unit_assert_err(cairn_goal_find_step(&i, g, "1", &err), err, CAIRN_ENOTFOUND,
	                "goal 'x' has no steps");
	cairn_goal_free(g);
}
END_TEST

/* ---- progress share ---- */

static double share(const char *measure, const char *steps)
{
	char text[1024];
	struct cairn_goal *g;
	double s;

	snprintf(text, sizeof(text), "id: x\ntitle: T\nstatus: active\n%s%s", measure, steps);
	g = parse_goal(text, "goals/x.yaml");
	s = cairn_goal_progress_share(g);
	cairn_goal_free(g);
	return s;
}

#define assert_share(got, want)                                                                    \
	ck_assert_msg(fabs((got) - (want)) < 1e-9, "share %g, expected %g", (got), (double)(want))

START_TEST(progress_share)
{
	const char *steps = "steps:\n  - {title: a, done: 2027-01-01}\n  - {title: b}\n"
	                    "  - {title: c}\n  - {title: d}\n";

	assert_share(share("measure: {baseline: 0, target: 5, current: 2}\n", ""), 0.4);
	assert_share(share("measure: {target: 5, current: 2}\n", ""), 0.4);
	assert_share(share("measure: {target: 5}\n", ""), 0);
	assert_share(share("measure: {baseline: 0, target: 5, current: 7}\n", ""), 1);
	assert_share(share("measure: {baseline: 0, target: 5, current: 5}\n", ""), 1);
	assert_share(share("measure: {baseline: 10, target: 20, current: 15}\n", ""), 0.5);
	assert_share(share("measure: {baseline: 10, target: 20, current: 5}\n", ""), 0);
	/* a goal that counts down */
	assert_share(share("measure: {baseline: 10, target: 0, current: 4}\n", ""), 0.6);
	/* target equal to the baseline */
	assert_share(share("measure: {baseline: 3, target: 3, current: 3}\n", ""), 1);
	assert_share(share("measure: {baseline: 3, target: 3, current: 2}\n", ""), 0);
	/* the target wins over steps */
	assert_share(share("measure: {baseline: 0, target: 4, current: 3}\n", steps), 0.75);
	/* steps when there is no target */
	assert_share(share("", steps), 0.25);
	assert_share(share("measure: {current: 3}\n", steps), 0.25);
	/* neither */
	assert_share(share("", ""), -1);
	assert_share(share("measure: {current: 3}\n", ""), -1);
}
END_TEST

START_TEST(enum_helpers)
{
	char buf[256];

	ck_assert_int_eq(cairn_enum_lookup(cairn_status_names, "active"), CAIRN_STATUS_ACTIVE);
	ck_assert_int_eq(cairn_enum_lookup(cairn_status_names, "dropped"), CAIRN_STATUS_DROPPED);
	ck_assert_int_eq(cairn_enum_lookup(cairn_status_names, "finished"), 0);
	ck_assert_int_eq(cairn_enum_lookup(cairn_horizon_names, "long"), CAIRN_HORIZON_LONG);
	ck_assert_str_eq(cairn_enum_list(cairn_domain_names, buf, sizeof(buf)),
	                 "professional, personal");
	ck_assert_int_eq(
	    cairn_goal_default_horizon(unit_date("2027-01-01"), unit_date("2028-01-01")),
	    CAIRN_HORIZON_SHORT);
	ck_assert_int_eq(
	    cairn_goal_default_horizon(unit_date("2027-01-01"), unit_date("2028-01-02")),
	    CAIRN_HORIZON_LONG);
}
END_TEST

static Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tl = tcase_create("load");
	TCase *tw = tcase_create("write");
	TCase *to = tcase_create("operations");

	tcase_add_test(tl, load_spec_goal);
	tcase_add_test(tl, load_block_style_equals_flow_style);
	tcase_add_test(tl, load_minimal_goal);
	tcase_add_test(tl, refuse_title_as_list);
	tcase_add_test(tl, refuse_target_not_a_number);
	tcase_add_test(tl, refuse_date_that_does_not_exist);
	tcase_add_test(tl, refuse_unknown_status);
	tcase_add_test(tl, refuse_negative_numbers);
	tcase_add_test(tl, refuse_bad_serves);
	tcase_add_test(tl, refuse_bad_steps);
	tcase_add_test(tl, refuse_missing_and_bad_text);
	tcase_add_test(tl, refuse_id_not_file_name);
	tcase_add_test(tl, refuse_due_before_start);
	tcase_add_test(tl, validate_in_memory);
	tcase_add_test(tl, refuse_c1_controls);
	tcase_add_test(tl, load_after_byte_order_mark);
	suite_add_tcase(s, tl);

	tcase_add_test(tw, canonical_write_is_stable);
	tcase_add_test(tw, canonical_write_quotes_what_needs_it);
	tcase_add_test(tw, record_copy_is_deep);
	tcase_add_test(tw, diff_lines);
	tcase_add_test(tw, diff_measure_appears);
	tcase_add_test(tw, json_shape);
	tcase_add_test(tw, numbers_keep_every_digit);
	tcase_add_test(tw, empty_maps_stay_maps);
	tcase_add_test(tw, unknown_keys_write_back);
	suite_add_tcase(s, tw);

	tcase_add_test(to, status_transitions);
	tcase_add_test(to, status_transition_details);
	tcase_add_test(to, record_progress);
	tcase_add_test(to, record_progress_refused);
	tcase_add_test(to, record_progress_without_measure);
	tcase_add_test(to, find_step);
	tcase_add_test(to, find_step_exact_title_wins);
	tcase_add_test(to, progress_share);
	tcase_add_test(to, enum_helpers);
	suite_add_tcase(s, to);
	return s;
}

int main(void)
{
	return unit_run(record_suite());
}
