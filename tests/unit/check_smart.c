/* cairn — unit tests: the SMART check (lib/smart.c), rule by rule, at each threshold and one
 * on either side, with the reason that names the field and the suggestion of a non-pass */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define TODAY "2026-11-28"
#define UNSET NAN

enum {
	S = CAIRN_SMART_S,
	M = CAIRN_SMART_M,
	A = CAIRN_SMART_A,
	R = CAIRN_SMART_R,
	T = CAIRN_SMART_T
};
enum { PASS = CAIRN_SMART_PASS, WARN = CAIRN_SMART_WARN, FAIL = CAIRN_SMART_FAIL };

/* ---- building goals ---- */

static void set_str(char **field, const char *s)
{
	free(*field);
	*field = NULL;
	if (s) {
		*field = strdup(s);
		ck_assert_ptr_nonnull(*field);
	}
}

static cairn_date date_or_none(const char *iso)
{
	return iso ? unit_date(iso) : CAIRN_DATE_NONE;
}

/* A goal that passes all five criteria on 2026-11-28: a specific text of 13 words with its
 * purpose, a metric and target, achievable and relevant texts, due within a year of its
 * start. Each test changes one thing. */
static struct cairn_goal *good_goal(const char *id)
{
	struct cairn_goal *g = cairn_goal_new();

	ck_assert_ptr_nonnull(g);
	set_str(&g->id, id);
	set_str(&g->title, "Lead a DBT skills group");
	set_str(&g->specific,
	        "Complete the DBT intensive to run a weekly skills group for my clients");
	g->horizon = CAIRN_HORIZON_SHORT;
	g->domain = CAIRN_DOMAIN_PROFESSIONAL;
	g->status = CAIRN_STATUS_ACTIVE;
	g->created = unit_date("2026-11-01");
	g->start = unit_date("2026-11-01");
	g->due = unit_date("2027-06-30");
	set_str(&g->achievable, "Four hours a week of study, balanced with my caseload.");
	set_str(&g->relevant, "Serves my aim of specializing in emotion regulation.");
	g->measure = cairn_record_new(&cairn_measure_kind);
	ck_assert_ptr_nonnull(g->measure);
	set_str(&g->measure->metric, "skills groups led");
	g->measure->baseline = (struct cairn_num){1, 0};
	g->measure->target = (struct cairn_num){1, 5};
	g->measure->current = (struct cairn_num){1, 0};
	return g;
}

/* A long-term goal (or another horizon/status) for serves to name. */
static struct cairn_goal *other_goal(const char *id, int horizon, int status)
{
	struct cairn_goal *g = good_goal(id);

	g->horizon = horizon;
	g->status = status;
	if (horizon == CAIRN_HORIZON_LONG)
		g->due = unit_date("2030-12-31");
	return g;
}

/* measure: NAN leaves a number unset; metric NULL leaves it out. */
static void set_measure(struct cairn_goal *g, const char *metric, double baseline, double target,
                        double current)
{
	if (!g->measure) {
		g->measure = cairn_record_new(&cairn_measure_kind);
		ck_assert_ptr_nonnull(g->measure);
	}
	set_str(&g->measure->metric, metric);
	g->measure->baseline = (struct cairn_num){!isnan(baseline), isnan(baseline) ? 0 : baseline};
	g->measure->target = (struct cairn_num){!isnan(target), isnan(target) ? 0 : target};
	g->measure->current = (struct cairn_num){!isnan(current), isnan(current) ? 0 : current};
}

static void no_measure(struct cairn_goal *g)
{
	cairn_record_free(&cairn_measure_kind, g->measure);
	g->measure = NULL;
}

static void add_step(struct cairn_goal *g, const char *title, const char *due, const char *done)
{
	struct cairn_step *s = cairn_list_push((struct cairn_list *)&g->steps, &cairn_step_kind);

	ck_assert_ptr_nonnull(s);
	set_str(&s->title, title);
	s->due = date_or_none(due);
	s->done = date_or_none(done);
}

static void add_progress(struct cairn_goal *g, const char *date, double value)
{
	struct cairn_progress *p =
	    cairn_list_push((struct cairn_list *)&g->progress, &cairn_progress_kind);

	ck_assert_ptr_nonnull(p);
	p->date = unit_date(date);
	p->value = (struct cairn_num){1, value};
}

static void add_serves(struct cairn_goal *g, const char *id)
{
	ck_assert_int_eq(cairn_strlist_add(&g->serves, id), 0);
}

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

/* ---- checking ---- */

/* Checks g on the day `today` among the goals others (n of them), alone or not. */
static struct cairn_smart_result check_among(const struct cairn_goal *g, const char *today,
                                             struct cairn_goal **others, size_t n, int alone)
{
	struct cairn_smart_result r;
	struct cairn_smart_context ctx = {(struct cairn_goal *const *)others, n, alone,
	                                  unit_date(today)};

	memset(&r, 0x5a, sizeof(r)); /* the check must fill all of it */
	cairn_smart_check(&r, g, &ctx);
	return r;
}

static struct cairn_smart_result check_on(const struct cairn_goal *g, const char *today)
{
	return check_among(g, today, NULL, 0, 0);
}

static struct cairn_smart_result check(const struct cairn_goal *g)
{
	return check_on(g, TODAY);
}

static const char *const letters[] = {"S", "M", "A", "R", "T"};

/* The item of criterion c has this verdict, a reason that starts with prefix (the field it
 * looked at), and a suggestion exactly when it does not pass. */
static void assert_item(const struct cairn_smart_result *r, int c, int verdict, const char *prefix)
{
	const struct cairn_smart_item *it = &r->item[c];

	ck_assert_msg(it->verdict == verdict, "%s: verdict %d (%s), expected %s; reason: %s",
	              letters[c], it->verdict,
	              it->verdict >= 0 && it->verdict <= 2 ? cairn_smart_verdicts[it->verdict]
	                                                   : "?",
	              cairn_smart_verdicts[verdict], it->reason);
	ck_assert_msg(!strncmp(it->reason, prefix, strlen(prefix)),
	              "%s: reason '%s' does not start with '%s'", letters[c], it->reason, prefix);
	ck_assert_msg(strlen(it->reason) > strlen(prefix), "%s: reason '%s' says nothing more",
	              letters[c], it->reason);
	if (verdict == PASS)
		ck_assert_msg(it->suggestion[0] == '\0', "%s passes but suggests '%s'", letters[c],
		              it->suggestion);
	else
		ck_assert_msg(strlen(it->suggestion) > 10,
		              "%s: %s without a suggestion (reason: %s)", letters[c],
		              cairn_smart_verdicts[verdict], it->reason);
}

static void assert_reason_has(const struct cairn_smart_result *r, int c, const char *text)
{
	unit_assert_has(r->item[c].reason, text);
}

static void assert_totals(const struct cairn_smart_result *r, int verdict, int nwarn, int nfail)
{
	ck_assert_msg(r->verdict == verdict && r->nwarn == nwarn && r->nfail == nfail,
	              "verdict %d, %d warn, %d fail; expected %d, %d warn, %d fail", r->verdict,
	              r->nwarn, r->nfail, verdict, nwarn, nfail);
}

/* ---- the whole result ---- */

START_TEST(good_goal_passes_all_five)
{
	struct cairn_goal *g = good_goal("dbt-group");
	struct cairn_smart_result r = check(g);

	assert_item(&r, S, PASS, "specific:");
	assert_item(&r, M, PASS, "measure:");
	assert_item(&r, A, PASS, "achievable:");
	assert_item(&r, R, PASS, "relevant:");
	assert_item(&r, T, PASS, "due:");
	assert_totals(&r, PASS, 0, 0);
	assert_reason_has(&r, M, "skills groups led");
	assert_reason_has(&r, M, "from 0 to 5");
	assert_reason_has(&r, T, "2027-06-30");
	cairn_goal_free(g);
}
END_TEST

START_TEST(vague_goal_fails_s_m_t_and_counts)
{
	/* the supervisor's first example: no measure, no date, a vague verb */
	struct cairn_goal *g = parse_goal("id: improve-my-therapy-skills\n"
	                                  "title: Improve my therapy skills\n"
	                                  "status: active\n"
	                                  "created: 2026-11-28\n"
	                                  "start: 2026-11-28\n",
	                                  "goals/improve-my-therapy-skills.yaml");
	struct cairn_smart_result r = check(g);

	assert_item(&r, S, FAIL, "title:");
	assert_reason_has(&r, S, "'improve'");
	assert_item(&r, M, FAIL, "measure:");
	assert_item(&r, A, WARN, "steps and achievable:");
	assert_item(&r, R, WARN, "relevant and serves:");
	assert_item(&r, T, FAIL, "due:");
	assert_totals(&r, FAIL, 2, 3);
	/* the suggestions can be acted on: they name the goal where a command is shown */
	unit_assert_has(r.item[A].suggestion, "improve-my-therapy-skills");
	cairn_goal_free(g);
}
END_TEST

START_TEST(spec_example_goal_passes_and_its_pace_is_judged)
{
	static const char text[] =
	    "id: dbt-certification\n"
	    "title: Become certified in Dialectical Behavior Therapy\n"
	    "horizon: short\n"
	    "domain: professional\n"
	    "area: clinical-skills\n"
	    "status: active\n"
	    "created: 2026-11-28\n"
	    "start: 2026-12-01\n"
	    "due: 2027-06-30\n"
	    "specific: Complete the DBT certification program to better support my clients with\n"
	    "  borderline personality disorder.\n"
	    "measure: {metric: DBT group sessions conducted, unit: sessions, baseline: 0, "
	    "target: 5, current: 2}\n"
	    "achievable: Four hours a week of study, balanced with my current caseload.\n"
	    "relevant: Serves my aim of specializing in emotional-regulation issues.\n"
	    "serves: [specialize-emotion-regulation]\n"
	    "steps:\n"
	    "  - {title: Enroll in the DBT intensive, due: 2027-01-15, done: 2027-01-10}\n"
	    "  - {title: Pass the certification exam, due: 2027-06-15}\n"
	    "progress:\n"
	    "  - {date: 2027-02-01, value: 1, note: first group session}\n";
	struct cairn_goal *g = parse_goal(text, "goals/dbt-certification.yaml");
	struct cairn_goal *lt =
	    other_goal("specialize-emotion-regulation", CAIRN_HORIZON_LONG, CAIRN_STATUS_ACTIVE);
	struct cairn_goal *all[] = {lt, g};
	struct cairn_smart_result r = check_among(g, TODAY, all, 2, 0);

	assert_item(&r, S, PASS, "specific:");
	assert_item(&r, M, PASS, "measure:");
	assert_item(&r, A, PASS, "steps:"); /* the start is still ahead: no pace yet */
	assert_item(&r, R, PASS, "serves:");
	assert_reason_has(&r, R, "specialize-emotion-regulation");
	assert_item(&r, T, PASS, "due:");
	assert_totals(&r, PASS, 0, 0);

	/* three months in: 2 of 5 in 90 days, 3 more in 121 days is 1.1x the pace: fine */
	r = check_among(g, "2027-03-01", all, 2, 0);
	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "1.1x");
	cairn_goal_free(g);
	cairn_goal_free(lt);
}
END_TEST

START_TEST(check_is_pure)
{
	struct cairn_goal *g = good_goal("dbt-group"),
	                  *lt = other_goal("lt", CAIRN_HORIZON_LONG, CAIRN_STATUS_ACTIVE);
	struct cairn_goal *all[] = {lt, g};
	char *before = NULL, *after = NULL;
	size_t len;
	cairn_err err = CAIRN_ERR_INIT;
	struct cairn_smart_result r1, r2;

	add_serves(g, "lt");
	add_progress(g, "2026-11-20", 1);
	add_step(g, "Enroll", "2026-12-15", NULL);
	ck_assert_int_eq(cairn_record_write(&before, &len, &cairn_goal_kind, g, &err), 0);
	r1 = check_among(g, TODAY, all, 2, 0);
	r2 = check_among(g, TODAY, all, 2, 0);
	ck_assert_int_eq(cairn_record_write(&after, &len, &cairn_goal_kind, g, &err), 0);
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(memcmp(&r1, &r2, sizeof(r1)), 0);
	free(before);
	free(after);
	cairn_goal_free(g);
	cairn_goal_free(lt);
}
END_TEST

START_TEST(json_has_every_criterion)
{
	struct cairn_goal *g = good_goal("dbt-group");
	struct cairn_smart_result r;
	json_t *o, *crit;
	static const char *const names[] = {"specific", "measurable", "achievable", "relevant",
	                                    "time-bound"};

	no_measure(g);
	r = check(g);
	o = cairn_smart_json(&r, g, "goals/dbt-group.yaml");
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(json_string_value(json_object_get(o, "id")), "dbt-group");
	ck_assert_str_eq(json_string_value(json_object_get(o, "title")), "Lead a DBT skills group");
	ck_assert_str_eq(json_string_value(json_object_get(o, "file")), "goals/dbt-group.yaml");
	ck_assert_str_eq(json_string_value(json_object_get(o, "verdict")), "fail");
	crit = json_object_get(o, "criteria");
	ck_assert_int_eq(json_object_size(crit), 5);
	for (int i = 0; i < 5; i++) {
		json_t *c = json_object_get(crit, names[i]);
		ck_assert_msg(c != NULL, "no criterion %s", names[i]);
		ck_assert_str_eq(json_string_value(json_object_get(c, "verdict")),
		                 i == M ? "fail" : "pass");
		ck_assert_str_eq(json_string_value(json_object_get(c, "reason")), r.item[i].reason);
		if (i == M)
			ck_assert_str_eq(json_string_value(json_object_get(c, "suggestion")),
			                 r.item[i].suggestion);
		else
			ck_assert(json_is_null(json_object_get(c, "suggestion")));
	}
	json_decref(o);
	o = cairn_smart_json(&r, g, NULL);
	ck_assert(json_is_null(json_object_get(o, "file")));
	json_decref(o);
	cairn_goal_free(g);
}
END_TEST

/* ---- S: specific ---- */

/* good_goal with this specific text (title "Lead a DBT skills group"). */
static struct cairn_smart_result check_specific(const char *specific, const char *relevant)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_str(&g->specific, specific);
	set_str(&g->relevant, relevant);
	r = check(g);
	cairn_goal_free(g);
	return r;
}

START_TEST(specific_7_8_9_words)
{
	struct cairn_smart_result r;

	/* 7 words */
	r = check_specific("Lead a skills group for my clients", NULL);
	assert_item(&r, S, FAIL, "specific:");
	assert_reason_has(&r, S, "7 words");
	assert_reason_has(&r, S, "at least 8");
	assert_totals(&r, FAIL, 1, 1); /* R warns: no relevant text */
	/* 8 words: exactly the minimum */
	ck_assert_int_eq(CAIRN_SMART_MIN_WORDS, 8);
	r = check_specific("Lead a weekly skills group for my clients", NULL);
	assert_item(&r, S, PASS, "specific:");
	assert_reason_has(&r, S, "8 words");
	/* 9 words */
	r = check_specific("Lead a weekly DBT skills group for my clients", NULL);
	assert_item(&r, S, PASS, "specific:");
	assert_reason_has(&r, S, "9 words");
}
END_TEST

START_TEST(specific_missing_uses_title_7_8_words)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_str(&g->specific, NULL);
	set_str(&g->title, "Lead a skills group for my clients");
	r = check(g);
	assert_item(&r, S, FAIL, "specific:");
	assert_reason_has(&r, S, "missing");
	assert_reason_has(&r, S, "7 words");

	set_str(&g->title, "Lead a weekly skills group for my clients");
	r = check(g);
	assert_item(&r, S, PASS, "title:");
	assert_reason_has(&r, S, "8 words");

	/* an empty specific is no specific */
	set_str(&g->specific, "");
	set_str(&g->title, "Lead a skills group for my clients");
	r = check(g);
	assert_item(&r, S, FAIL, "specific:");
	assert_reason_has(&r, S, "missing");
	cairn_goal_free(g);
}
END_TEST

START_TEST(specific_punctuation_alone_is_not_a_word)
{
	/* 6 words and two dashes: still short of 8 words */
	struct cairn_smart_result r = check_specific("Lead a group - for my - clients", NULL);

	assert_item(&r, S, FAIL, "specific:");
	assert_reason_has(&r, S, "6 words");
}
END_TEST

START_TEST(specific_needs_a_why)
{
	struct cairn_smart_result r;
	static const char *const purposes[] = {
	    "Lead a weekly skills group to help my clients with self-harm",
	    "Lead a weekly skills group so my clients learn emotion regulation",
	    "Lead a weekly skills group because my clients need emotion regulation",
	    "Lead a weekly skills group for my clients who self-harm",
	};

	/* what, but no why, and neither relevant nor serves: warn */
	r = check_specific("Lead a weekly skills group with twelve clients in spring", NULL);
	assert_item(&r, S, WARN, "specific:");
	assert_reason_has(&r, S, "why");
	assert_totals(&r, WARN, 2, 0); /* S, and R */
	/* "To" as the first word is the goal's own infinitive, not a purpose */
	r = check_specific("To lead a weekly skills group with twelve clients", NULL);
	assert_item(&r, S, WARN, "specific:");
	/* a purpose word says why */
	for (size_t i = 0; i < sizeof(purposes) / sizeof(*purposes); i++) {
		r = check_specific(purposes[i], NULL);
		ck_assert_msg(r.item[S].verdict == PASS, "'%s': %s", purposes[i], r.item[S].reason);
	}
	/* the why may be in relevant instead */
	r = check_specific("Lead a weekly skills group with twelve clients in spring",
	                   "Clients on my waiting list need emotion-regulation skills.");
	assert_item(&r, S, PASS, "specific:");
	assert_totals(&r, PASS, 0, 0);
}
END_TEST

START_TEST(specific_why_in_serves)
{
	struct cairn_goal *g = good_goal("g"),
	                  *lt = other_goal("lt", CAIRN_HORIZON_LONG, CAIRN_STATUS_ACTIVE);
	struct cairn_goal *all[] = {lt, g};
	struct cairn_smart_result r;

	set_str(&g->specific, "Lead a weekly skills group with twelve clients in spring");
	set_str(&g->relevant, NULL);
	add_serves(g, "lt");
	r = check_among(g, TODAY, all, 2, 0);
	assert_item(&r, S, PASS, "specific:");
	assert_item(&r, R, PASS, "serves:");
	cairn_goal_free(g);
	cairn_goal_free(lt);
}
END_TEST

/* good_goal (a good specific text) with this title. */
static struct cairn_smart_result check_title(const char *title)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_str(&g->title, title);
	r = check(g);
	cairn_goal_free(g);
	return r;
}

START_TEST(vague_titles_fail)
{
	static const struct {
		const char *title, *word;
	} vague[] = {
	    {"Improve my listening skills", "'improve'"},
	    {"Improving my documentation habits", "'improving'"},
	    {"Become a better listener", "'better'"},
	    {"See more clients", "'more'"},
	    {"Try mindfulness practice", "'try'"},
	    {"Work on my documentation", "'work on'"},
	    {"Keep working on my case notes", "'work on'"},
	};

	for (size_t i = 0; i < sizeof(vague) / sizeof(*vague); i++) {
		struct cairn_smart_result r = check_title(vague[i].title);
		ck_assert_msg(r.item[S].verdict == FAIL, "'%s' is vague, but S is %s: %s",
		              vague[i].title, cairn_smart_verdicts[r.item[S].verdict],
		              r.item[S].reason);
		assert_item(&r, S, FAIL, "title:");
		assert_reason_has(&r, S, vague[i].word);
		assert_reason_has(&r, S, vague[i].title);
		unit_assert_has(r.item[S].suggestion, vague[i].title);
		assert_totals(&r, FAIL, 0, 1);
	}
}
END_TEST

START_TEST(vague_word_with_a_number_or_a_name_passes)
{
	static const char *const fine[] = {
	    "Improve my note completion to 5 days a week", /* a number */
	    "See 4 more clients a week",                   /* a number */
	    "See two more couples a month",                /* a number word */
	    "Improve my CBT skills",                       /* an acronym */
	    "Work on EMDR basic training",                 /* an acronym */
	    "Try the LPC-S supervisor course",             /* a credential */
	    "Get better at Gottman couples work",          /* a capitalised name later */
	    "Improve my clinical Spanish",                 /* a named skill */
	    "Work out a caseload plan with my supervisor", /* "work" without "on" */
	    "MI practice: work on my reflections",         /* an acronym as the first word */
	};

	for (size_t i = 0; i < sizeof(fine) / sizeof(*fine); i++) {
		struct cairn_smart_result r = check_title(fine[i]);
		ck_assert_msg(r.item[S].verdict == PASS, "'%s': S is %s: %s", fine[i],
		              cairn_smart_verdicts[r.item[S].verdict], r.item[S].reason);
	}
}
END_TEST

START_TEST(vague_title_pronoun_i_is_not_a_name)
{
	/* "I" is a capital letter after the first word, but no named skill or credential */
	struct cairn_smart_result r = check_title("Improve how I listen to clients");

	assert_item(&r, S, FAIL, "title:");
	assert_reason_has(&r, S, "'improve'");
}
END_TEST

START_TEST(vague_title_in_title_case_names_nothing)
{
	/* every word capitalised: "Therapy" and "Skills" are no named skill */
	struct cairn_smart_result r = check_title("Improve My Therapy Skills");

	assert_item(&r, S, FAIL, "title:");
	assert_reason_has(&r, S, "'improve'");
	/* an acronym in it still names one */
	r = check_title("Improve My CBT Skills");
	assert_item(&r, S, PASS, "specific:");
}
END_TEST

START_TEST(vague_word_is_judged_in_the_title_only)
{
	/* "better" in the specific text is not a vague title */
	struct cairn_smart_result r = check_specific(
	    "Complete the DBT program to better support clients with borderline disorder", NULL);

	assert_item(&r, S, PASS, "specific:");
}
END_TEST

/* ---- M: measurable ---- */

START_TEST(measure_metric_and_target)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_measure(g, "group sessions led", UNSET, 5, UNSET);
	set_str(&g->measure->unit, "sessions");
	r = check(g);
	assert_item(&r, M, PASS, "measure:");
	assert_reason_has(&r, M, "group sessions led");
	assert_reason_has(&r, M, "target 5 sessions");

	set_measure(g, "active clients", 40, 48, 40);
	r = check(g);
	assert_item(&r, M, PASS, "measure:");
	assert_reason_has(&r, M, "from 40 to 48");
	assert_totals(&r, PASS, 0, 0);

	/* a target of 0 without a baseline is a target ("no late notes") */
	set_measure(g, "late progress notes", UNSET, 0, UNSET);
	r = check(g);
	assert_item(&r, M, PASS, "measure:");
	assert_reason_has(&r, M, "target 0");
	cairn_goal_free(g);
}
END_TEST

START_TEST(measure_target_without_metric_warns)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_measure(g, NULL, 0, 5, 0);
	r = check(g);
	assert_item(&r, M, WARN, "measure:");
	assert_reason_has(&r, M, "metric");
	assert_totals(&r, WARN, 1, 0);
	set_measure(g, "", 0, 5, 0);
	r = check(g);
	assert_item(&r, M, WARN, "measure:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(measure_target_equal_to_baseline_warns)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_measure(g, "active clients", 40, 40, 40);
	r = check(g);
	assert_item(&r, M, WARN, "measure:");
	assert_reason_has(&r, M, "baseline");
	/* one above the baseline is a change */
	set_measure(g, "active clients", 40, 41, 40);
	r = check(g);
	assert_item(&r, M, PASS, "measure:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(measure_dated_steps_instead_of_a_target)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	no_measure(g);
	add_step(g, "Enroll in the DBT intensive", "2027-01-15", NULL);
	add_step(g, "Pass the certification exam", "2027-06-15", NULL);
	r = check(g);
	assert_item(&r, M, PASS, "steps:");
	assert_reason_has(&r, M, "2 steps");
	assert_totals(&r, PASS, 0, 0);

	/* one undated step: fail, and say how many */
	add_step(g, "Celebrate", NULL, NULL);
	r = check(g);
	assert_item(&r, M, FAIL, "measure:");
	assert_reason_has(&r, M, "1 of the 3 steps");
	unit_assert_has(r.item[M].suggestion, "cairn goal edit g");
	assert_totals(&r, FAIL, 0, 1);
	cairn_goal_free(g);
}
END_TEST

START_TEST(measure_metric_without_target_fails)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_measure(g, "group sessions led", 0, UNSET, UNSET);
	r = check(g);
	assert_item(&r, M, FAIL, "measure:");
	assert_reason_has(&r, M, "group sessions led");
	assert_reason_has(&r, M, "no target");
	unit_assert_has(r.item[M].suggestion, "2027-06-30");

	/* every step dated makes up for it */
	add_step(g, "Run the first group", "2027-02-01", NULL);
	r = check(g);
	assert_item(&r, M, PASS, "steps:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(measure_nothing_fails)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	no_measure(g);
	r = check(g);
	assert_item(&r, M, FAIL, "measure:");
	assert_reason_has(&r, M, "none");
	cairn_goal_free(g);
}
END_TEST

/* ---- A: achievable ---- */

START_TEST(achievable_open_step_after_the_goal_due_fails)
{
	struct cairn_goal *g = good_goal("become-licensed");
	struct cairn_smart_result r;

	set_str(&g->title, "Become a licensed psychologist");
	g->due = unit_date("2026-12-28");
	add_step(g, "Complete the internship", "2027-07-28", NULL);
	r = check(g);
	assert_item(&r, A, FAIL, "steps:");
	assert_reason_has(&r, A, "Complete the internship");
	assert_reason_has(&r, A, "2027-07-28");
	assert_reason_has(&r, A, "2026-12-28");

	/* a step due on the goal's due date fits */
	g->steps.v[0].due = g->due;
	r = check(g);
	assert_item(&r, A, PASS, "steps:");

	/* one day after does not */
	g->steps.v[0].due = g->due + 1;
	r = check(g);
	assert_item(&r, A, FAIL, "steps:");

	/* a step already done does not hold the goal back */
	g->steps.v[0].done = unit_date("2026-11-20");
	r = check(g);
	assert_item(&r, A, PASS, "steps:");
	cairn_goal_free(g);
}
END_TEST

/* A goal measured from its start 14 days before 2026-11-28 at a baseline of 0, now at 14 (a
 * pace of 1 a day), due in 10 days with target to reach. */
static struct cairn_goal *paced_goal(double target)
{
	struct cairn_goal *g = good_goal("paced");

	g->start = unit_date("2026-11-14");
	g->due = unit_date("2026-12-08");
	set_measure(g, "case notes written", 0, target, 14);
	add_progress(g, "2026-11-20", 6);
	add_progress(g, "2026-11-27", 14);
	return g;
}

START_TEST(achievable_pace_at_2x_passes_above_fails)
{
	struct cairn_goal *g;
	struct cairn_smart_result r;

	ck_assert(CAIRN_SMART_PACE_FACTOR == 2.0);
	/* 20 to go in 10 days: 2 a day, exactly twice the pace so far */
	g = paced_goal(34);
	r = check(g);
	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "2.0x");
	assert_totals(&r, PASS, 0, 0);
	cairn_goal_free(g);

	/* 21 to go: 2.1x */
	g = paced_goal(35);
	r = check(g);
	assert_item(&r, A, FAIL, "progress:");
	assert_reason_has(&r, A, "2.1x");
	assert_totals(&r, FAIL, 0, 1);
	cairn_goal_free(g);

	/* 10 to go: the pace so far is enough */
	g = paced_goal(24);
	r = check(g);
	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "on pace");
	cairn_goal_free(g);
}
END_TEST

START_TEST(achievable_pace_judged_from_14_days)
{
	struct cairn_goal *g = paced_goal(200); /* hopeless: 186 in 10 days */
	struct cairn_smart_result r;

	ck_assert_int_eq(CAIRN_SMART_PACE_MIN_DAYS, 14);
	r = check(g);
	assert_item(&r, A, FAIL, "progress:");

	/* 13 days since the start: too early to judge the pace; the achievable text speaks */
	g->start = unit_date("2026-11-15");
	r = check(g);
	assert_item(&r, A, PASS, "achievable:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(achievable_pace_from_the_creation_without_a_start)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	/* no start: the pace is measured from the day the goal was created, at the baseline */
	g->start = CAIRN_DATE_NONE;
	g->created = unit_date("2026-11-14");
	g->due = unit_date("2026-12-08");
	set_measure(g, "case notes written", 0, 34, 14);
	add_progress(g, "2026-11-27", 14);
	r = check(g);
	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "2.0x");
	g->measure->target.v = 35;
	r = check(g);
	assert_item(&r, A, FAIL, "progress:");
	assert_reason_has(&r, A, "2.1x");
	/* created 13 days ago: not judged yet */
	g->created = unit_date("2026-11-15");
	r = check(g);
	assert_item(&r, A, PASS, "achievable:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(achievable_pace_from_the_first_entry_without_start_or_creation)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	g->start = CAIRN_DATE_NONE;
	g->created = CAIRN_DATE_NONE;
	g->due = unit_date("2026-12-08");
	/* the log, not in date order: from 10 on 11-14 to 24 now, 1 a day */
	set_measure(g, "case notes written", 0, 44, 24);
	add_progress(g, "2026-11-27", 24);
	add_progress(g, "2026-11-14", 10);
	r = check(g);
	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "2.0x");

	g->measure->target.v = 45;
	r = check(g);
	assert_item(&r, A, FAIL, "progress:");
	assert_reason_has(&r, A, "2.1x");

	/* the first entry only 13 days ago: not judged */
	g->progress.v[1].date = unit_date("2026-11-15");
	r = check(g);
	assert_item(&r, A, PASS, "achievable:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(achievable_pace_of_a_decreasing_measure)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	/* fewer late notes: 10 down to 0; 6 gone in 14 days, 4 to go in 28 */
	g->start = unit_date("2026-11-14");
	g->due = unit_date("2026-12-26");
	set_measure(g, "late notes", 10, 0, 4);
	add_progress(g, "2026-11-27", 4);
	r = check(g);
	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "on pace");

	/* 1 gone in 14 days, 9 to go in 28: 4.5x */
	g->measure->current.v = 9;
	g->progress.v[0].value.v = 9;
	r = check(g);
	assert_item(&r, A, FAIL, "progress:");
	assert_reason_has(&r, A, "4.5x");
	cairn_goal_free(g);
}
END_TEST

START_TEST(achievable_no_gain_warns)
{
	struct cairn_goal *g = paced_goal(20);
	struct cairn_smart_result r;

	g->measure->current.v = 0;
	g->progress.v[0].value.v = 0;
	g->progress.v[1].value.v = 0;
	r = check(g);
	assert_item(&r, A, WARN, "progress:");
	assert_reason_has(&r, A, "no gain");
	unit_assert_has(r.item[A].suggestion, "cairn goal progress paced");
	assert_totals(&r, WARN, 1, 0);
	cairn_goal_free(g);
}
END_TEST

START_TEST(achievable_target_reached_passes)
{
	struct cairn_goal *g = paced_goal(14);
	struct cairn_smart_result r = check(g);

	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "reached");
	/* past it too, and even with no time left */
	g->measure->current.v = 20;
	g->due = unit_date(TODAY);
	r = check(g);
	assert_item(&r, A, PASS, "progress:");
	assert_reason_has(&r, A, "reached");
	cairn_goal_free(g);
}
END_TEST

START_TEST(achievable_needs_steps_or_text)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_str(&g->achievable, NULL);
	r = check(g);
	assert_item(&r, A, WARN, "steps and achievable:");
	unit_assert_has(r.item[A].suggestion, "cairn goal step add g");
	assert_totals(&r, WARN, 1, 0);

	set_str(&g->achievable, "");
	r = check(g);
	assert_item(&r, A, WARN, "steps and achievable:");

	add_step(g, "Enroll in the DBT intensive", "2027-01-15", NULL);
	r = check(g);
	assert_item(&r, A, PASS, "steps:");
	assert_reason_has(&r, A, "1 step");

	set_str(&g->achievable, "Four hours a week.");
	r = check(g);
	assert_item(&r, A, PASS, "steps:");
	cairn_goal_free(g);
}
END_TEST

/* ---- R: relevant ---- */

/* good_goal without relevant text, serving id, among goals. */
static struct cairn_smart_result check_serves(const char *id, struct cairn_goal **all, size_t n,
                                              int alone)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	set_str(&g->relevant, NULL);
	add_serves(g, id);
	r = check_among(g, TODAY, all, n, alone);
	cairn_goal_free(g);
	return r;
}

START_TEST(relevant_serves_a_missing_goal_fails)
{
	struct cairn_goal *lt = other_goal("lt", CAIRN_HORIZON_LONG, CAIRN_STATUS_ACTIVE);
	struct cairn_goal *all[] = {lt};
	struct cairn_smart_result r = check_serves("no-such-goal", all, 1, 0);

	assert_item(&r, R, FAIL, "serves:");
	assert_reason_has(&r, R, "'no-such-goal'");
	assert_totals(&r, FAIL, 0, 1);
	cairn_goal_free(lt);
}
END_TEST

START_TEST(relevant_serves_a_dropped_goal_fails)
{
	struct cairn_goal *lt = other_goal("lt", CAIRN_HORIZON_LONG, CAIRN_STATUS_DROPPED);
	struct cairn_goal *all[] = {lt};
	struct cairn_smart_result r = check_serves("lt", all, 1, 0);

	assert_item(&r, R, FAIL, "serves:");
	assert_reason_has(&r, R, "dropped");
	cairn_goal_free(lt);
}
END_TEST

START_TEST(relevant_serves_a_short_goal_warns)
{
	struct cairn_goal *st = other_goal("st", CAIRN_HORIZON_SHORT, CAIRN_STATUS_ACTIVE);
	struct cairn_goal *all[] = {st};
	struct cairn_smart_result r = check_serves("st", all, 1, 0);

	assert_item(&r, R, WARN, "serves:");
	assert_reason_has(&r, R, "not a long-term goal");
	assert_totals(&r, WARN, 1, 0);
	cairn_goal_free(st);
}
END_TEST

START_TEST(relevant_serves_a_long_goal_passes)
{
	struct cairn_goal *lt = other_goal("lt", CAIRN_HORIZON_LONG, CAIRN_STATUS_ACTIVE);
	struct cairn_goal *done = other_goal("done-lt", CAIRN_HORIZON_LONG, CAIRN_STATUS_DONE);
	struct cairn_goal *all[] = {lt, done};
	struct cairn_smart_result r = check_serves("lt", all, 2, 0);

	assert_item(&r, R, PASS, "serves:");
	assert_reason_has(&r, R, "'lt'");
	assert_totals(&r, PASS, 0, 0);
	/* a long-term goal already reached still gives the reason */
	r = check_serves("done-lt", all, 2, 0);
	assert_item(&r, R, PASS, "serves:");
	cairn_goal_free(lt);
	cairn_goal_free(done);
}
END_TEST

START_TEST(relevant_serves_a_long_goal_without_horizon_field_passes)
{
	/* a hand-written long-term goal without `horizon:`: its dates make it long (as the
	 * time-bound rule and goal add judge it) */
	struct cairn_goal *lt = parse_goal("id: own-practice\n"
	                                   "title: Open my own group practice\n"
	                                   "status: active\n"
	                                   "start: 2026-01-01\n"
	                                   "due: 2030-12-31\n",
	                                   "goals/own-practice.yaml");
	struct cairn_goal *all[] = {lt};
	struct cairn_smart_result r;

	ck_assert_int_eq(cairn_goal_default_horizon(lt->start, lt->due), CAIRN_HORIZON_LONG);
	r = check_serves("own-practice", all, 1, 0);
	assert_item(&r, R, PASS, "serves:");
	cairn_goal_free(lt);
}
END_TEST

START_TEST(relevant_serves_checked_alone_warns)
{
	struct cairn_goal *lt = other_goal("lt", CAIRN_HORIZON_LONG, CAIRN_STATUS_ACTIVE);
	struct cairn_goal *all[] = {lt};
	struct cairn_smart_result r;

	/* even a goal that exists: a file outside the repository cannot know */
	r = check_serves("lt", all, 1, 1);
	assert_item(&r, R, WARN, "serves:");
	assert_reason_has(&r, R, "outside the repository");
	r = check_serves("no-such-goal", NULL, 0, 1);
	assert_item(&r, R, WARN, "serves:");
	assert_totals(&r, WARN, 1, 0);
	cairn_goal_free(lt);
}
END_TEST

START_TEST(relevant_text_or_nothing)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r = check(g);

	assert_item(&r, R, PASS, "relevant:");
	set_str(&g->relevant, NULL);
	r = check(g);
	assert_item(&r, R, WARN, "relevant and serves:");
	assert_totals(&r, WARN, 1, 0);
	set_str(&g->relevant, "");
	r = check(g);
	assert_item(&r, R, WARN, "relevant and serves:");
	/* relevant text alone is enough, even checked alone */
	set_str(&g->relevant, "My clinic has a waiting list for this group.");
	r = check_among(g, TODAY, NULL, 0, 1);
	assert_item(&r, R, PASS, "relevant:");
	cairn_goal_free(g);
}
END_TEST

/* ---- T: time-bound ---- */

START_TEST(time_no_due_fails)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	g->due = CAIRN_DATE_NONE;
	r = check(g);
	assert_item(&r, T, FAIL, "due:");
	assert_reason_has(&r, T, "none");
	assert_totals(&r, FAIL, 0, 1);
	cairn_goal_free(g);
}
END_TEST

START_TEST(time_due_on_the_start_fails)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	g->start = unit_date("2026-12-01");
	g->due = unit_date("2026-12-01");
	r = check(g);
	assert_item(&r, T, FAIL, "due:");
	assert_reason_has(&r, T, "not after the start");
	/* a day after is fine */
	g->due = unit_date("2026-12-02");
	r = check(g);
	assert_item(&r, T, PASS, "due:");
	/* without a start, the creation date is the start */
	g->start = CAIRN_DATE_NONE;
	g->created = unit_date("2026-12-02");
	r = check(g);
	assert_item(&r, T, FAIL, "due:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(time_short_horizon_a_year_and_a_day)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	ck_assert_int_eq(CAIRN_SMART_SHORT_MONTHS, 12);
	g->start = unit_date(TODAY);
	g->due = unit_date("2027-11-28"); /* a year: 365 days */
	r = check(g);
	assert_item(&r, T, PASS, "due:");
	assert_reason_has(&r, T, "in 365 days");
	g->due = unit_date("2027-11-29"); /* a year and a day */
	r = check(g);
	assert_item(&r, T, FAIL, "due:");
	assert_reason_has(&r, T, "more than a year after the start 2026-11-28");
	assert_reason_has(&r, T, "ends by 2027-11-28");
	assert_totals(&r, FAIL, 0, 1);
	/* the same dates without a horizon: long by default, and then fine */
	g->horizon = CAIRN_HORIZON_NONE;
	r = check(g);
	assert_item(&r, T, PASS, "due:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(time_short_horizon_one_calendar_year_over_a_leap_day)
{
	/* "within a year": 2027-03-01 to 2028-03-01 is one year (366 days, 2028 is a leap
	 * year), the same as `--due +1y` on the start day */
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	g->created = g->start = unit_date("2027-03-01");
	g->due = unit_date("2028-03-01");
	r = check_on(g, "2027-03-01");
	assert_item(&r, T, PASS, "due:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(time_long_horizon_within_a_year_warns)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	g->horizon = CAIRN_HORIZON_LONG;
	g->start = unit_date(TODAY);
	g->due = unit_date("2027-11-28"); /* 365 days */
	r = check(g);
	assert_item(&r, T, WARN, "due:");
	assert_reason_has(&r, T, "long-horizon");
	assert_totals(&r, WARN, 1, 0);
	g->due = unit_date("2027-11-29"); /* 366 */
	r = check(g);
	assert_item(&r, T, PASS, "due:");
	g->due = unit_date("2029-12-31");
	r = check(g);
	assert_item(&r, T, PASS, "due:");
	cairn_goal_free(g);
}
END_TEST

START_TEST(time_past_due_active_fails_due_today_passes)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;

	g->start = unit_date("2026-06-01");
	g->due = unit_date("2026-11-27"); /* yesterday */
	r = check(g);
	assert_item(&r, T, FAIL, "due:");
	assert_reason_has(&r, T, "1 day ago");
	unit_assert_has(r.item[T].suggestion, "cairn goal edit g");
	assert_totals(&r, FAIL, 0, 1);
	g->due = unit_date(TODAY);
	r = check(g);
	assert_item(&r, T, PASS, "due:");
	assert_reason_has(&r, T, "today");
	g->due = unit_date("2026-11-29");
	r = check(g);
	assert_item(&r, T, PASS, "due:");
	assert_reason_has(&r, T, "tomorrow");
	g->due = unit_date("2026-10-29");
	r = check(g);
	assert_item(&r, T, FAIL, "due:");
	assert_reason_has(&r, T, "30 days ago");
	cairn_goal_free(g);
}
END_TEST

START_TEST(time_past_due_not_failed_when_not_active)
{
	struct cairn_goal *g = good_goal("g");
	struct cairn_smart_result r;
	static const int statuses[] = {CAIRN_STATUS_DONE, CAIRN_STATUS_PAUSED};

	g->due = unit_date("2026-11-27");
	for (size_t i = 0; i < 2; i++) {
		g->status = statuses[i];
		if (statuses[i] == CAIRN_STATUS_DONE)
			g->completed = unit_date("2026-11-20");
		r = check(g);
		ck_assert_msg(r.item[T].verdict == PASS, "%s goal past due: %s",
		              cairn_status_names[statuses[i]], r.item[T].reason);
		assert_item(&r, T, PASS, "due:");
	}
	cairn_goal_free(g);
}
END_TEST

Suite *smart_suite(void)
{
	Suite *s = suite_create("smart");
	TCase *all = tcase_create("result"), *sp = tcase_create("specific"),
	      *me = tcase_create("measurable"), *ac = tcase_create("achievable"),
	      *re = tcase_create("relevant"), *ti = tcase_create("time-bound");

	tcase_add_test(all, good_goal_passes_all_five);
	tcase_add_test(all, vague_goal_fails_s_m_t_and_counts);
	tcase_add_test(all, spec_example_goal_passes_and_its_pace_is_judged);
	tcase_add_test(all, check_is_pure);
	tcase_add_test(all, json_has_every_criterion);
	suite_add_tcase(s, all);

	tcase_add_test(sp, specific_7_8_9_words);
	tcase_add_test(sp, specific_missing_uses_title_7_8_words);
	tcase_add_test(sp, specific_punctuation_alone_is_not_a_word);
	tcase_add_test(sp, specific_needs_a_why);
	tcase_add_test(sp, specific_why_in_serves);
	tcase_add_test(sp, vague_titles_fail);
	tcase_add_test(sp, vague_word_with_a_number_or_a_name_passes);
	tcase_add_test(sp, vague_title_pronoun_i_is_not_a_name);
	tcase_add_test(sp, vague_title_in_title_case_names_nothing);
	tcase_add_test(sp, vague_word_is_judged_in_the_title_only);
	suite_add_tcase(s, sp);

	tcase_add_test(me, measure_metric_and_target);
	tcase_add_test(me, measure_target_without_metric_warns);
	tcase_add_test(me, measure_target_equal_to_baseline_warns);
	tcase_add_test(me, measure_dated_steps_instead_of_a_target);
	tcase_add_test(me, measure_metric_without_target_fails);
	tcase_add_test(me, measure_nothing_fails);
	suite_add_tcase(s, me);

	tcase_add_test(ac, achievable_open_step_after_the_goal_due_fails);
	tcase_add_test(ac, achievable_pace_at_2x_passes_above_fails);
	tcase_add_test(ac, achievable_pace_judged_from_14_days);
	tcase_add_test(ac, achievable_pace_from_the_creation_without_a_start);
	tcase_add_test(ac, achievable_pace_from_the_first_entry_without_start_or_creation);
	tcase_add_test(ac, achievable_pace_of_a_decreasing_measure);
	tcase_add_test(ac, achievable_no_gain_warns);
	tcase_add_test(ac, achievable_target_reached_passes);
	tcase_add_test(ac, achievable_needs_steps_or_text);
	suite_add_tcase(s, ac);

	tcase_add_test(re, relevant_serves_a_missing_goal_fails);
	tcase_add_test(re, relevant_serves_a_dropped_goal_fails);
	tcase_add_test(re, relevant_serves_a_short_goal_warns);
	tcase_add_test(re, relevant_serves_a_long_goal_passes);
	tcase_add_test(re, relevant_serves_a_long_goal_without_horizon_field_passes);
	tcase_add_test(re, relevant_serves_checked_alone_warns);
	tcase_add_test(re, relevant_text_or_nothing);
	suite_add_tcase(s, re);

	tcase_add_test(ti, time_no_due_fails);
	tcase_add_test(ti, time_due_on_the_start_fails);
	tcase_add_test(ti, time_short_horizon_a_year_and_a_day);
	tcase_add_test(ti, time_short_horizon_one_calendar_year_over_a_leap_day);
	tcase_add_test(ti, time_long_horizon_within_a_year_warns);
	tcase_add_test(ti, time_past_due_active_fails_due_today_passes);
	tcase_add_test(ti, time_past_due_not_failed_when_not_active);
	suite_add_tcase(s, ti);
	return s;
}

int main(void)
{
	return unit_run(smart_suite());
}
