/* cairn — unit tests: the CE compliance engine (lib/compliance.c) for every rule shape, with
 * each expected figure worked out by hand in a comment, and the validation of rules and CE
 * activities (lib/ce.c) with the place of each error.
 *
 * Day counts used below (all checked by hand, month by month):
 *   2025-07-01 .. 2027-06-30 is 730 days (no 29 February inside);
 *   2025-07-01 -> 2026-11-28 is 515 days (365 to 2026-07-01, then Jul 31 + Aug 31 + Sep 30
 *     + Oct 31 = 123 to 2026-11-01, then 27), so 516 days of that window have begun on
 *     2026-11-28 (today counts): share elapsed 516 / 730 = 0.706849...;
 *   2026-11-28 -> 2027-06-30 is 214 days (3 to 2026-12-01, Dec 31 + Jan 31 + Feb 28 + Mar 31
 *     + Apr 30 + May 31 = 182 to 2027-06-01, then 29);
 *   per month is needed / (days_left / 30.4375), i.e. needed * 30.4375 / days_left. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define TODAY         "2026-11-28"
#define EQ(got, want) ck_assert_double_eq_tol((got), (want), 1e-9)

/* ---- building rules, licenses and activities ---- */

static struct cairn_rule *rule_yaml(const char *yaml)
{
	struct cairn_rule *r = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_rule_parse(&r, yaml, strlen(yaml), NULL, &err) == 0,
	              "test rule refused: %s (at %d:%d)", err.msg, err.line, err.column);
	return r;
}

/* Texas-LPC-like: 24 hours every 24 months ending on the expiry, 6 ethics and 3 cultural
 * diversity every cycle, self-study at most 12, up to 10 hours carried, not toward ethics. */
static const char TX_RULE[] = "id: tx-lpc\n"
                              "title: Texas LPC renewal\n"
                              "cycle: {months: 24, anchor: expiry}\n"
                              "total_hours: 24\n"
                              "minimums:\n"
                              "  - {topic: ethics, hours: 6}\n"
                              "  - {topic: cultural-diversity, hours: 3}\n"
                              "maximums:\n"
                              "  - {format: self-study, hours: 12}\n"
                              "carry_over: {max_hours: 10, excludes: [ethics]}\n";

static struct cairn_license *license(const char *id, const char *rule, const char *issued,
                                     const char *expires)
{
	struct cairn_license *l = cairn_record_new(&cairn_license_kind);

	ck_assert_ptr_nonnull(l);
	l->id = strdup(id);
	l->rule = strdup(rule);
	l->issued = issued ? unit_date(issued) : CAIRN_DATE_NONE;
	l->expires = expires ? unit_date(expires) : CAIRN_DATE_NONE;
	return l;
}

static void license_free(struct cairn_license *l)
{
	cairn_record_free(&cairn_license_kind, l);
}

static int fmt(const char *name)
{
	for (int i = 1; cairn_ce_format_names[i]; i++)
		if (!strcmp(cairn_ce_format_names[i], name))
			return i;
	ck_abort_msg("no format %s", name);
	return 0;
}

/* The activities of one test, in date order (as cairn_ce_load_all gives them). */
struct acts {
	struct cairn_ce *v[32];
	size_t n;
};

static struct cairn_ce *act(struct acts *l, const char *date, const char *slug, double hours,
                            const char *format)
{
	struct cairn_ce *a = cairn_record_new(&cairn_ce_kind);
	char id[128];

	ck_assert_ptr_nonnull(a);
	ck_assert_uint_lt(l->n, 32);
	snprintf(id, sizeof(id), "%s-%s", date, slug);
	a->id = strdup(id);
	a->title = strdup(slug);
	a->date = unit_date(date);
	a->hours = (struct cairn_num){1, hours};
	a->format = format ? fmt(format) : 0;
	l->v[l->n++] = a;
	return a;
}

static struct cairn_ce *topic(struct cairn_ce *a, const char *name, double hours)
{
	ck_assert_int_eq(cairn_ce_set_topic(a, name, hours), 0);
	return a;
}

static void only_for(struct cairn_ce *a, const char *license)
{
	ck_assert_int_eq(cairn_strlist_add(&a->licenses, license), 0);
}

static void acts_free(struct acts *l)
{
	for (size_t i = 0; i < l->n; i++)
		cairn_ce_free(l->v[i]);
	l->n = 0;
}

static void status(struct cairn_ce_status *st, const struct cairn_license *lic,
                   const struct cairn_rule *rule, const struct acts *l, const char *today)
{
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_ce_status(st, lic, rule, l->v, l->n, unit_date(today), &err) == 0,
	              "status: %s", err.msg);
}

static const struct cairn_ce_topic *topic_of(const struct cairn_ce_status *st, const char *name)
{
	for (size_t i = 0; i < st->ntopics; i++)
		if (!strcmp(st->topics[i].topic, name))
			return &st->topics[i];
	ck_abort_msg("no topic %s in the status", name);
	return NULL;
}

/* The line of activity id, or NULL when the activity is not in the window. */
static const struct cairn_ce_line *line_of(const struct cairn_ce_status *st, const char *id)
{
	for (size_t i = 0; i < st->nlines; i++)
		if (!strcmp(st->lines[i].a->id, id))
			return &st->lines[i];
	return NULL;
}

static void assert_window(const struct cairn_ce_status *st, const char *start, const char *end)
{
	ck_assert_msg(st->start == unit_date(start) && st->end == unit_date(end),
	              "window %s..%s, expected %s..%s", unit_fmt(st->start), unit_fmt(st->end),
	              start, end);
}

static void assert_verdict(const struct cairn_ce_status *st, int want)
{
	ck_assert_msg(st->verdict == want, "verdict '%s', expected '%s' (earned %g of %g)",
	              cairn_ce_verdict_names[st->verdict], cairn_ce_verdict_names[want],
	              st->earned + st->carried, st->required);
}

/* ---- format maximums ---- */

START_TEST(format_maximum_cuts_hours_and_topics)
{
	/* TX rule; license issued 2019-07-01, expires 2027-06-30: window 2025-07-01..2027-06-30
	 * (2027-06-30 - 24 months + 1 day).
	 *   A 2025-09-10 self-study 8h, ethics 2:   room 12 - 0 = 12, counts 8, ethics 2
	 *   B 2026-02-01 self-study 6h, ethics 5:   room 12 - 8 = 4, counts 4 of 6;
	 *                                           ethics min(5, 4) = 4 (not 5)
	 *   C 2026-05-01 self-study 5h, ethics 2:   room 12 - 12 = 0, counts 0; ethics 0
	 *   D 2026-06-01 in-person 6h, ethics 1, cultural-diversity 3: no cap, counts 6
	 * earned 8 + 4 + 0 + 6 = 18 (not 25); ethics 2 + 4 + 0 + 1 = 7 >= 6 met;
	 * cultural-diversity 3 >= 3 met. needed 24 - 18 = 6; days_left 214 + 1 (today counts);
	 * per_month 6 * 30.4375 / 215 = 0.849419... (215 days: today and the last day count); share
	 * earned 18 / 24 = 0.75 >= share elapsed 516 / 730 = 0.7068: on track. */
	struct cairn_rule *r = rule_yaml(TX_RULE);
	struct cairn_license *l = license("tx", "tx-lpc", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;
	const struct cairn_ce_line *ln;

	topic(act(&as, "2025-09-10", "a", 8, "self-study"), "ethics", 2);
	topic(act(&as, "2026-02-01", "b", 6, "self-study"), "ethics", 5);
	topic(act(&as, "2026-05-01", "c", 5, "self-study"), "ethics", 2);
	{
		struct cairn_ce *d = act(&as, "2026-06-01", "d", 6, "in-person");
		topic(d, "ethics", 1);
		topic(d, "cultural-diversity", 3);
	}
	status(&st, l, r, &as, TODAY);
	assert_window(&st, "2025-07-01", "2027-06-30");
	EQ(st.required, 24);
	EQ(st.earned, 18);
	EQ(topic_of(&st, "ethics")->earned, 7);
	ck_assert(topic_of(&st, "ethics")->met);
	EQ(topic_of(&st, "cultural-diversity")->earned, 3);
	ck_assert(topic_of(&st, "cultural-diversity")->met);
	EQ(st.needed, 6);
	ck_assert_int_eq(st.days_left, 215);
	EQ(st.per_month, 6 * 30.4375 / 215);
	EQ(st.share_earned, 0.75);
	EQ(st.share_elapsed, 515.0 / 730.0); /* days gone before today */
	assert_verdict(&st, CAIRN_CE_ON_TRACK);

	ck_assert_uint_eq(st.nlines, 4);
	ln = line_of(&st, "2025-09-10-a");
	EQ(ln->counted, 8);
	ck_assert_str_eq(ln->why, "");
	ln = line_of(&st, "2026-02-01-b");
	EQ(ln->counted, 4);
	ck_assert_str_eq(ln->why, "self-study is limited to 12 hours a cycle: 4 of its 6 hours "
	                          "count; topic hours scaled to the hours that count");
	ln = line_of(&st, "2026-05-01-c");
	EQ(ln->counted, 0);
	ck_assert(ln->for_license);
	ck_assert_str_eq(ln->why,
	                 "self-study is limited to 12 hours a cycle: 0 of its 5 hours count");
	ln = line_of(&st, "2026-06-01-d");
	EQ(ln->counted, 6);
	ck_assert_str_eq(ln->why, "");
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(format_maximum_cut_topics_share_what_counts)
{
	/* Rule: 6 hours, ethics 3 and cultural-diversity 3, self-study at most 4.
	 * One self-study activity of 6 hours: 3 ethics + 3 cultural-diversity (disjoint parts of
	 * its hours, as validation requires: 3 + 3 <= 6).
	 * Only 4 of its 6 hours count, so at most 4 hours of topics can come from it:
	 * ethics + cultural-diversity <= 4 < 3 + 3, and the two minimums cannot both be met.
	 * Counting each topic up to the 4 hours (3 + 3 = 6 topic hours out of 4 hours) would
	 * say both minimums are met. */
	struct cairn_rule *r = rule_yaml("id: r\ntitle: R\ncycle: {months: 24}\ntotal_hours: 6\n"
	                                 "minimums:\n"
	                                 "  - {topic: ethics, hours: 3}\n"
	                                 "  - {topic: cultural-diversity, hours: 3}\n"
	                                 "maximums:\n  - {format: self-study, hours: 4}\n");
	struct cairn_license *l = license("tx", "r", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;
	struct cairn_ce *a = act(&as, "2026-01-10", "both", 6, "self-study");
	double eth, cul;

	topic(a, "ethics", 3);
	topic(a, "cultural-diversity", 3);
	status(&st, l, r, &as, TODAY);
	EQ(st.earned, 4);
	eth = topic_of(&st, "ethics")->earned;
	cul = topic_of(&st, "cultural-diversity")->earned;
	ck_assert_msg(eth + cul <= 4 + 1e-9,
	              "topics of a cut activity: ethics %g + cultural-diversity %g = %g topic "
	              "hours from the 4 hours that count",
	              eth, cul, eth + cul);
	ck_assert_msg(!(topic_of(&st, "ethics")->met && topic_of(&st, "cultural-diversity")->met),
	              "both 3-hour minimums met by 4 counting hours");
	ck_assert_int_ne(st.verdict, CAIRN_CE_COMPLETE);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

/* ---- topic minimums ---- */

START_TEST(topic_minimum_met_exactly_and_short_by_half_an_hour)
{
	/* Rule: 12 hours, ethics 6 every cycle. Window 2025-07-01..2027-06-30.
	 * Exactly: 6h with ethics 3 + 6h with ethics 3 = 12 hours, ethics 6 >= 6: met, needed 0,
	 *   verdict complete.
	 * Short: 6h with ethics 3 + 6h with ethics 2.5 = 12 hours, ethics 5.5 < 6: short by 0.5,
	 *   total needed 0 but not complete; share earned 12 / 12 = 1 >= 0.7068: on track. */
	struct cairn_rule *r = rule_yaml("id: r\ntitle: R\ncycle: {months: 24, anchor: expiry}\n"
	                                 "total_hours: 12\n"
	                                 "minimums:\n  - {topic: ethics, hours: 6}\n");
	struct cairn_license *l = license("lpc", "r", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	topic(act(&as, "2025-10-01", "one", 6, "in-person"), "ethics", 3);
	topic(act(&as, "2026-10-01", "two", 6, "in-person"), "ethics", 3);
	status(&st, l, r, &as, TODAY);
	EQ(topic_of(&st, "ethics")->required, 6);
	EQ(topic_of(&st, "ethics")->earned, 6);
	ck_assert(topic_of(&st, "ethics")->met);
	EQ(st.needed, 0);
	EQ(st.per_month, 0);
	assert_verdict(&st, CAIRN_CE_COMPLETE);
	cairn_ce_status_release(&st);

	topic(as.v[1], "ethics", 2.5);
	status(&st, l, r, &as, TODAY);
	EQ(topic_of(&st, "ethics")->earned, 5.5);
	ck_assert(!topic_of(&st, "ethics")->met);
	EQ(st.earned, 12);
	EQ(st.needed, 0);
	assert_verdict(&st, CAIRN_CE_ON_TRACK);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(once_only_topic_met_years_before)
{
	/* Rule: 36 hours, suicide-prevention 6 once. Window 2025-07-01..2027-06-30.
	 * 2021-03-01: 6 hours of suicide-prevention, four years before the window: it still meets
	 * the once-only minimum (earned 6 >= 6) while giving nothing to this cycle's total
	 * (earned 0). With only 4 of those hours the topic is short (4 < 6). An activity limited
	 * to another license gives nothing: 4 + 0 = 4. */
	struct cairn_rule *r =
	    rule_yaml("id: r\ntitle: R\ncycle: {months: 24, anchor: expiry}\ntotal_hours: 36\n"
	              "minimums:\n  - {topic: suicide-prevention, hours: 6, every: once}\n");
	struct cairn_license *l = license("lmft", "r", "2015-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;
	const struct cairn_ce_topic *t;

	topic(act(&as, "2021-03-01", "suicide-risk", 6, "in-person"), "suicide-prevention", 6);
	status(&st, l, r, &as, TODAY);
	t = topic_of(&st, "suicide-prevention");
	ck_assert_int_eq(t->every, 0);
	ck_assert(t->applies);
	EQ(t->required, 6);
	EQ(t->earned, 6);
	ck_assert(t->met);
	EQ(st.earned, 0);
	ck_assert_uint_eq(st.nlines, 0);
	cairn_ce_status_release(&st);

	topic(as.v[0], "suicide-prevention", 4);
	as.v[0]->hours.v = 4;
	only_for(
	    topic(act(&as, "2022-03-01", "other-license", 6, "in-person"), "suicide-prevention", 6),
	    "ncc");
	status(&st, l, r, &as, TODAY);
	t = topic_of(&st, "suicide-prevention");
	EQ(t->earned, 4);
	ck_assert(!t->met);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(every_third_cycle_applies_in_cycles_3_and_6_not_4)
{
	/* Rule: 24-month cycles ending on the expiry, ethics 3 every cycle, domestic-violence 2
	 * every 3rd cycle. The license expires 2027-06-30, so its cycles end on 2027-06-30 (back
	 * 0), 2025-06-30 (1), 2023-06-30 (2), 2021-06-30 (3), 2019-06-30 (4), 2017-06-30 (5),
	 * 2015-06-30 (6). Cycle 1 is the one holding `issued`:
	 *   issued 2022-01-15 lies in 2021-07-01..2023-06-30 (back 2): today's cycle is 3;
	 *     3 % 3 == 0: domestic-violence applies, 2 hours required, 0 earned: short.
	 *   issued 2020-01-15 lies in 2019-07-01..2021-06-30 (back 3): cycle 4; 4 % 3 == 1: it
	 *     does not apply (required 0, met), ethics still applies.
	 *   issued 2016-01-15 lies in 2015-07-01..2017-06-30 (back 5): cycle 6; 6 % 3 == 0:
	 *     applies.
	 *   no `issued`: the cycle is unknown (0) and the minimum is asked for. */
	struct cairn_rule *r =
	    rule_yaml("id: fl\ntitle: F\ncycle: {months: 24, anchor: expiry}\ntotal_hours: 30\n"
	              "minimums:\n  - {topic: ethics, hours: 3}\n"
	              "  - {topic: domestic-violence, hours: 2, every: 3}\n");
	static const struct {
		const char *issued;
		int cycle, applies;
	} cases[] = {
	    {"2022-01-15", 3, 1}, {"2020-01-15", 4, 0}, {"2016-01-15", 6, 1}, {NULL, 0, 1}};
	struct acts as = {0};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cairn_license *l = license("lmhc", "fl", cases[i].issued, "2027-06-30");
		struct cairn_ce_status st;
		const struct cairn_ce_topic *dv;
		status(&st, l, r, &as, TODAY);
		ck_assert_msg(st.cycle == cases[i].cycle, "issued %s: cycle %d, expected %d",
		              cases[i].issued ? cases[i].issued : "(none)", st.cycle,
		              cases[i].cycle);
		dv = topic_of(&st, "domestic-violence");
		ck_assert_int_eq(dv->every, 3);
		ck_assert_msg(dv->applies == cases[i].applies, "cycle %d: applies %d", st.cycle,
		              dv->applies);
		EQ(dv->required, cases[i].applies ? 2 : 0);
		ck_assert_int_eq(dv->met, !cases[i].applies);
		ck_assert(topic_of(&st, "ethics")->applies);
		EQ(topic_of(&st, "ethics")->required, 3);
		cairn_ce_status_release(&st);
		license_free(l);
	}
	cairn_rule_free(r);
}
END_TEST

START_TEST(format_maximum_is_per_cycle)
{
	/* Self-study at most 12 a cycle: 12 hours of self-study in the previous cycle
	 * (2024-02-01) do not use up the room of this one: 12 more on 2026-02-01 all count
	 * (earned 12). */
	struct cairn_rule *r = rule_yaml(TX_RULE);
	struct cairn_license *l = license("tx", "tx-lpc", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	act(&as, "2024-02-01", "old", 12, "self-study");
	act(&as, "2026-02-01", "new", 12, "self-study");
	status(&st, l, r, &as, TODAY);
	EQ(st.earned, 12);
	ck_assert_str_eq(line_of(&st, "2026-02-01-new")->why, "");
	ck_assert_ptr_null(line_of(&st, "2024-02-01-old"));
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

/* ---- carry-over ---- */

/* The previous cycle of license tx (2023-07-01..2025-06-30, cycle 3, full rule) holds
 * P1 2024-01-10 in-person 20h (ethics 10, cultural-diversity 7) and P2 2024-06-01 in-person
 * p2 hours, plus P3 on 2025-06-30 (its last day) of p3 hours when p3 > 0; this cycle holds
 * C1 2026-01-10 in-person 10h (ethics 2). */
static void carry_acts(struct acts *as, double p2, double p3)
{
	struct cairn_ce *p1 = act(as, "2024-01-10", "p1", 20, "in-person");
	topic(p1, "ethics", 10);
	topic(p1, "cultural-diversity", 7);
	act(as, "2024-06-01", "p2", p2, "in-person");
	if (p3 > 0)
		act(as, "2025-06-30", "p3", p3, "in-person");
	topic(act(as, "2026-01-10", "c1", 10, "in-person"), "ethics", 2);
}

START_TEST(carry_over_at_and_above_its_cap_not_the_excluded_topic)
{
	/* TX rule (carry at most 10, not toward ethics). License issued 2019-07-01, expires
	 * 2027-06-30: this cycle 2025-07-01..2027-06-30 (cycle 4), the previous 2023-07-01..
	 * 2025-06-30.
	 * At the cap: previous earned 20 + 14 = 34, excess 34 - 24 = 10 = cap: carried 10.
	 *   ethics: previous 10, its own excess 10 - 6 = 4, but excluded: carried 0; this cycle
	 *     2 + 0 = 2 < 6: short (the 4 excess ethics hours do not meet it).
	 *   cultural-diversity: previous 7, excess 7 - 3 = 4, carried min(4, 10) = 4; this cycle
	 *     0 + 4 >= 3: met.
	 *   total: earned 10 + carried 10 = 20, needed 24 - 20 = 4.
	 * Above the cap: P3 adds 6 on the previous cycle's last day: 40, excess 16, carried
	 *   min(16, 10) = 10; needed still 4.
	 * Below the cap: P2 of 4.5 hours instead of 14: 20 + 4.5 = 24.5, excess 0.5, carried
	 *   0.5, needed 24 - 10 - 0.5 = 13.5; the cultural-diversity excess travels within the
	 *   carried hours: min(4, 0.5) = 0.5 < 3: short. */
	struct cairn_rule *r = rule_yaml(TX_RULE);
	struct cairn_license *l = license("tx", "tx-lpc", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	carry_acts(&as, 14, 0);
	status(&st, l, r, &as, TODAY);
	ck_assert_int_eq(st.cycle, 4);
	EQ(st.earned, 10);
	EQ(st.carried, 10);
	EQ(st.needed, 4);
	EQ(topic_of(&st, "ethics")->carried, 0);
	EQ(topic_of(&st, "ethics")->earned, 2);
	ck_assert(!topic_of(&st, "ethics")->met);
	EQ(topic_of(&st, "cultural-diversity")->carried, 4);
	ck_assert(topic_of(&st, "cultural-diversity")->met);
	ck_assert_str_eq(st.carry_why, "the cycle 2023-07-01 to 2025-06-30 earned 34 of 24 hours; "
	                               "10 carried over (at most 10)");
	ck_assert_int_ne(st.verdict, CAIRN_CE_COMPLETE);
	/* only this cycle's activities are its lines */
	ck_assert_uint_eq(st.nlines, 1);
	cairn_ce_status_release(&st);
	acts_free(&as);

	carry_acts(&as, 14, 6);
	status(&st, l, r, &as, TODAY);
	EQ(st.carried, 10);
	EQ(st.needed, 4);
	ck_assert_str_eq(st.carry_why, "the cycle 2023-07-01 to 2025-06-30 earned 40 of 24 hours; "
	                               "10 carried over (at most 10)");
	cairn_ce_status_release(&st);
	acts_free(&as);

	carry_acts(&as, 4.5, 0);
	status(&st, l, r, &as, TODAY);
	EQ(st.carried, 0.5);
	EQ(st.needed, 13.5);
	EQ(topic_of(&st, "cultural-diversity")->carried, 0.5);
	ck_assert(!topic_of(&st, "cultural-diversity")->met);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(carry_over_topics_share_the_carried_hours)
{
	/* Carry at most 10, nothing excluded; ethics 6 and cultural-diversity 3.
	 * Previous cycle: one 34-hour activity with ethics 14 and cultural-diversity 11
	 * (25 <= 34). Excess 34 - 24 = 10: carried 10.
	 * Topic hours are disjoint parts of the hours, so 10 carried hours hold at most 10 topic
	 * hours: ethics carried + cultural-diversity carried <= 10, not 8 + 8 = 16. */
	struct cairn_rule *r = rule_yaml("id: r\ntitle: R\ncycle: {months: 24}\ntotal_hours: 24\n"
	                                 "minimums:\n  - {topic: ethics, hours: 6}\n"
	                                 "  - {topic: cultural-diversity, hours: 3}\n"
	                                 "carry_over: {max_hours: 10}\n");
	struct cairn_license *l = license("tx", "r", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;
	struct cairn_ce *p = act(&as, "2024-01-10", "p", 34, "in-person");
	double eth, cul;

	topic(p, "ethics", 14);
	topic(p, "cultural-diversity", 11);
	status(&st, l, r, &as, TODAY);
	EQ(st.carried, 10);
	eth = topic_of(&st, "ethics")->carried;
	cul = topic_of(&st, "cultural-diversity")->carried;
	ck_assert_msg(eth + cul <= st.carried + 1e-9,
	              "topics carried: ethics %g + cultural-diversity %g = %g hours out of the "
	              "%g hours carried",
	              eth, cul, eth + cul, st.carried);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

/* ---- first cycle ---- */

static const char CA_RULE[] = "id: ca\ntitle: California BBS\n"
                              "cycle: {months: 24, anchor: birth-month}\n"
                              "total_hours: 36\n"
                              "minimums:\n  - {topic: law-ethics, hours: 6}\n"
                              "first_cycle: {total_hours: 18}\n";

START_TEST(reduced_first_cycle)
{
	/* Rule: 36 hours, 18 in the first cycle, law-ethics 6. License expires 2027-06-30:
	 * window 2025-07-01..2027-06-30.
	 * issued 2025-08-15 lies in this window: cycle 1, the first: required 18.
	 *   2025-09-01 in-person 12h with law-ethics 6: earned 12, needed 18 - 12 = 6;
	 *   per_month 6 * 30.4375 / 215 = 0.849419... (215 days: today and the last day count);
	 * share earned 12 / 18 = 0.6667 < share elapsed 516 / 730 = 0.7068: behind. law-ethics 6 >=
	 * 6: met. issued 2023-08-15 lies in the previous window: cycle 2, not the first: required
	 * 36, needed 24. no issued date: cycle unknown, the full 36 is asked for (never less than
	 * due). */
	struct cairn_rule *r = rule_yaml(CA_RULE);
	struct cairn_license *l = license("lmft", "ca", "2025-08-15", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	topic(act(&as, "2025-09-01", "law", 12, "in-person"), "law-ethics", 6);
	status(&st, l, r, &as, TODAY);
	ck_assert_int_eq(st.cycle, 1);
	ck_assert(st.first);
	ck_assert(!st.exempt);
	EQ(st.required, 18);
	EQ(st.earned, 12);
	EQ(st.needed, 6);
	EQ(st.per_month, 6 * 30.4375 / 215);
	EQ(st.share_earned, 12.0 / 18.0);
	assert_verdict(&st, CAIRN_CE_BEHIND);
	ck_assert(topic_of(&st, "law-ethics")->applies);
	ck_assert(topic_of(&st, "law-ethics")->met);
	cairn_ce_status_release(&st);
	license_free(l);

	l = license("lmft", "ca", "2023-08-15", "2027-06-30");
	status(&st, l, r, &as, TODAY);
	ck_assert_int_eq(st.cycle, 2);
	ck_assert(!st.first);
	EQ(st.required, 36);
	EQ(st.needed, 24);
	cairn_ce_status_release(&st);
	license_free(l);

	l = license("lmft", "ca", NULL, "2027-06-30");
	status(&st, l, r, &as, TODAY);
	ck_assert_int_eq(st.cycle, 0);
	EQ(st.required, 36);
	cairn_ce_status_release(&st);
	license_free(l);
	acts_free(&as);
	cairn_rule_free(r);
}
END_TEST

START_TEST(exempt_first_cycle)
{
	/* first_cycle total_hours 0: in cycle 1 (issued 2025-08-15 in 2025-07-01..2027-06-30)
	 * nothing is asked: required 0, needed 0, per month 0, topics do not apply (required 0,
	 * met), verdict complete, even with no activity at all. */
	struct cairn_rule *r = rule_yaml("id: ny\ntitle: New York LMHC\n"
	                                 "cycle: {months: 24}\ntotal_hours: 36\n"
	                                 "minimums:\n  - {topic: ethics, hours: 3}\n"
	                                 "first_cycle: {total_hours: 0}\n");
	struct cairn_license *l = license("lmhc", "ny", "2025-08-15", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	status(&st, l, r, &as, TODAY);
	ck_assert_int_eq(st.cycle, 1);
	ck_assert(st.first);
	ck_assert(st.exempt);
	EQ(st.required, 0);
	EQ(st.needed, 0);
	EQ(st.per_month, 0);
	ck_assert(!topic_of(&st, "ethics")->applies);
	EQ(topic_of(&st, "ethics")->required, 0);
	ck_assert(topic_of(&st, "ethics")->met);
	assert_verdict(&st, CAIRN_CE_COMPLETE);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(carry_after_reduced_first_cycle_keeps_the_topic_hours_it_used)
{
	/* CA rule plus carry at most 10 (nothing excluded). License issued 2023-08-15, expires
	 * 2027-06-30: this cycle 2025-07-01..2027-06-30 is cycle 2; the previous one,
	 * 2023-07-01..2025-06-30, is cycle 1 (reduced: 18 hours, law-ethics 6 still required
	 * there, as the engine itself says for a first cycle: see reduced_first_cycle).
	 * Previous: 2024-03-01 in-person 24h with law-ethics 6: excess 24 - 18 = 6, carried 6.
	 * law-ethics: previous 6, required 6 there: its own excess 6 - 6 = 0: carried 0.
	 * This cycle has no law-ethics hour: 0 + 0 < 6: short, not met. */
	struct cairn_rule *r = rule_yaml("id: ca\ntitle: California BBS\n"
	                                 "cycle: {months: 24, anchor: birth-month}\n"
	                                 "total_hours: 36\n"
	                                 "minimums:\n  - {topic: law-ethics, hours: 6}\n"
	                                 "carry_over: {max_hours: 10}\n"
	                                 "first_cycle: {total_hours: 18}\n");
	struct cairn_license *l = license("lmft", "ca", "2023-08-15", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	topic(act(&as, "2024-03-01", "law", 24, "in-person"), "law-ethics", 6);
	status(&st, l, r, &as, TODAY);
	ck_assert_int_eq(st.cycle, 2);
	EQ(st.carried, 6);
	ck_assert_msg(topic_of(&st, "law-ethics")->carried < 1e-9,
	              "law-ethics carried %g hours out of a first cycle that needed all 6 of them",
	              topic_of(&st, "law-ethics")->carried);
	ck_assert(!topic_of(&st, "law-ethics")->met);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

/* ---- licenses ---- */

START_TEST(activity_toward_two_licenses_and_one_limited_to_the_other)
{
	/* Licenses tx and ncc under the same rule (window 2025-07-01..2027-06-30).
	 *   X 2026-01-10 6h, licenses empty: counts toward both
	 *   Y 2026-02-10 4h, licenses [tx, ncc]: both
	 *   Z 2026-03-10 3h, licenses [ncc]: ncc only
	 * tx: 6 + 4 = 10, Z listed with 0 counted and why "counts only toward ncc".
	 * ncc: 6 + 4 + 3 = 13. */
	struct cairn_rule *r = rule_yaml(TX_RULE);
	struct cairn_license *tx = license("tx", "tx-lpc", "2019-07-01", "2027-06-30");
	struct cairn_license *ncc = license("ncc", "tx-lpc", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;
	struct cairn_ce *y;
	const struct cairn_ce_line *ln;

	act(&as, "2026-01-10", "x", 6, "in-person");
	y = act(&as, "2026-02-10", "y", 4, "in-person");
	only_for(y, "tx");
	only_for(y, "ncc");
	only_for(act(&as, "2026-03-10", "z", 3, "in-person"), "ncc");

	status(&st, tx, r, &as, TODAY);
	EQ(st.earned, 10);
	ck_assert_uint_eq(st.nlines, 3);
	ln = line_of(&st, "2026-03-10-z");
	ck_assert_ptr_nonnull(ln);
	ck_assert(!ln->for_license);
	EQ(ln->counted, 0);
	ck_assert_str_eq(ln->why, "counts only toward ncc");
	ck_assert(line_of(&st, "2026-02-10-y")->for_license);
	EQ(line_of(&st, "2026-02-10-y")->counted, 4);
	cairn_ce_status_release(&st);

	status(&st, ncc, r, &as, TODAY);
	EQ(st.earned, 13);
	for (size_t i = 0; i < st.nlines; i++)
		ck_assert_str_eq(st.lines[i].why, "");
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(tx);
	license_free(ncc);
	cairn_rule_free(r);
}
END_TEST

/* ---- windows ---- */

static const char PLAIN_RULE[] = "id: r\ntitle: R\ncycle: {months: 24, anchor: expiry}\n"
                                 "total_hours: 24\n";

START_TEST(window_first_and_last_day_count_the_days_outside_do_not)
{
	/* Window 2025-07-01..2027-06-30, 5 hours on each of 2025-06-30 (day before), 2025-07-01
	 * (first day), 2027-06-30 (last day), 2027-07-01 (day after).
	 * On the last day (today 2027-06-30): 5 + 5 = 10 count, 2 lines; needed 14; share
	 *   elapsed 730 / 730 = 1 > 10 / 24: behind; days_left 2027-06-30 - 2027-06-30 + 1 = 1 (the
	 * last day counts). The day after (today 2027-07-01, license not renewed, still expiring
	 * 2027-06-30): the window is the same, the 2027-07-01 hours do not count: 10, short:
	 * lapsed. */
	struct cairn_rule *r = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("tx", "r", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	act(&as, "2025-06-30", "before", 5, NULL);
	act(&as, "2025-07-01", "first", 5, NULL);
	act(&as, "2027-06-30", "last", 5, NULL);
	act(&as, "2027-07-01", "after", 5, NULL);

	status(&st, l, r, &as, "2027-06-30");
	assert_window(&st, "2025-07-01", "2027-06-30");
	EQ(st.earned, 10);
	ck_assert_uint_eq(st.nlines, 2);
	ck_assert_ptr_nonnull(line_of(&st, "2025-07-01-first"));
	ck_assert_ptr_nonnull(line_of(&st, "2027-06-30-last"));
	ck_assert_ptr_null(line_of(&st, "2025-06-30-before"));
	ck_assert_ptr_null(line_of(&st, "2027-07-01-after"));
	EQ(st.needed, 14);
	EQ(st.share_elapsed, 729.0 / 730.0); /* the last day is not gone yet */
	ck_assert_int_eq(st.days_left, 1);   /* and it still counts */
	assert_verdict(&st, CAIRN_CE_BEHIND);
	cairn_ce_status_release(&st);

	status(&st, l, r, &as, "2027-07-01");
	assert_window(&st, "2025-07-01", "2027-06-30");
	EQ(st.earned, 10);
	ck_assert_ptr_null(line_of(&st, "2027-07-01-after"));
	ck_assert_int_eq(st.days_left, 0);
	EQ(st.per_month, 0);
	assert_verdict(&st, CAIRN_CE_LAPSED);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(window_after_an_early_renewal_holds_today)
{
	/* Renewed ahead of time: expiry moved from 2027-06-30 to 2029-06-30 on 2026-11-28. The
	 * cycle ending on the expiry, 2027-07-01..2029-06-30, has not begun; today's cycle is the
	 * one before it, 2025-07-01..2027-06-30 (cycle 4 with issued 2019-07-01, as before the
	 * renewal), and its previous one 2023-07-01..2025-06-30. On 2027-07-01 the new cycle
	 * 2027-07-01..2029-06-30 (cycle 5) holds today. */
	struct cairn_rule *r = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("tx", "r", "2019-07-01", "2029-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;
	cairn_date s, e;
	cairn_err err = CAIRN_ERR_INIT;

	status(&st, l, r, &as, TODAY);
	assert_window(&st, "2025-07-01", "2027-06-30");
	ck_assert_int_eq(st.cycle, 4);
	ck_assert_int_eq(st.days_left, 215);
	cairn_ce_status_release(&st);
	ck_assert_int_eq(cairn_ce_window(&s, &e, l, r, 1, unit_date(TODAY), &err), 0);
	ck_assert_str_eq(unit_fmt(s), "2023-07-01");
	ck_assert_str_eq(unit_fmt(e), "2025-06-30");

	status(&st, l, r, &as, "2027-07-01");
	assert_window(&st, "2027-07-01", "2029-06-30");
	ck_assert_int_eq(st.cycle, 5);
	cairn_ce_status_release(&st);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(window_across_a_leap_year)
{
	/* Expiry 2028-02-29, 24 months: end 2028-02-29; 2028-02-29 - 24 months = 2026-02-28
	 * (clamped), + 1 day = start 2026-03-01. The window has 365 (to 2027-03-01) + 365 (to
	 * 2028-02-29, over 29 February 2028) + 1 = 731 days. The previous window ends 2026-02-28
	 * and starts 2024-02-29 + 1 day = 2024-03-01.
	 * 2026-02-28 (3h) is outside, 2026-03-01 (4h) inside: earned 4.
	 * today 2026-11-28: Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31
	 * = 245 days to 2026-11-01, + 27 = 272 since the start: share elapsed 273 / 731.
	 * days_left: 365 to 2027-11-28, + 30 + 31 + 31 to 2028-02-28, + 1 = 458, + 1 for today =
	 * 459. */
	struct cairn_rule *r = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("lpc", "r", NULL, "2028-02-29");
	struct acts as = {0};
	struct cairn_ce_status st;
	cairn_date s, e;
	cairn_err err = CAIRN_ERR_INIT;

	act(&as, "2026-02-28", "feb", 3, NULL);
	act(&as, "2026-03-01", "mar", 4, NULL);
	status(&st, l, r, &as, TODAY);
	assert_window(&st, "2026-03-01", "2028-02-29");
	EQ(st.earned, 4);
	EQ(st.share_elapsed, 272.0 / 731.0);
	ck_assert_int_eq(st.days_left, 459);
	cairn_ce_status_release(&st);

	ck_assert_int_eq(cairn_ce_window(&s, &e, l, r, 1, unit_date(TODAY), &err), 0);
	ck_assert_str_eq(unit_fmt(s), "2024-03-01");
	ck_assert_str_eq(unit_fmt(e), "2026-02-28");
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(window_fixed_start_against_expiry_anchor)
{
	/* Pennsylvania: cycles from 2025-12-01, every 24 months.
	 * today 2026-11-28: 2025-12-01 <= today < 2027-12-01: window 2025-12-01..2027-11-30.
	 * With the license's expiry at 2028-03-31 the fixed-start window does not move, while
	 * an expiry-anchored rule ends on 2028-03-31 and starts 2026-04-01.
	 * issued 2021-05-01: earlier windows 2023-12-01..2025-11-30 (2), 2021-12-01..2023-11-30
	 * (3), 2019-12-01..2021-11-30 holds it (4): cycle 4.
	 * today 2025-11-30: 2023-12-01..2025-11-30; today 2027-12-01 (expiry 2029-11-30):
	 * 2027-12-01..2029-11-30; today 2027-12-01 with the expiry still 2027-11-30: the cycle
	 * that ended on the expiry, 2025-12-01..2027-11-30 (lapsed, not a fresh cycle). */
	struct cairn_rule *pa = rule_yaml(
	    "id: pa\ntitle: PA psychologists\n"
	    "cycle: {months: 24, anchor: fixed-start, start: 2025-12-01}\ntotal_hours: 30\n");
	struct cairn_rule *ex = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("psy", "pa", "2021-05-01", "2027-11-30");
	struct acts as = {0};
	struct cairn_ce_status st;
	cairn_date s, e;
	cairn_err err = CAIRN_ERR_INIT;

	status(&st, l, pa, &as, TODAY);
	assert_window(&st, "2025-12-01", "2027-11-30");
	ck_assert_int_eq(st.cycle, 4);
	cairn_ce_status_release(&st);

	l->expires = unit_date("2028-03-31");
	status(&st, l, pa, &as, TODAY);
	assert_window(&st, "2025-12-01", "2027-11-30");
	cairn_ce_status_release(&st);
	status(&st, l, ex, &as, TODAY);
	assert_window(&st, "2026-04-01", "2028-03-31");
	cairn_ce_status_release(&st);

	l->expires = unit_date("2027-11-30");
	ck_assert_int_eq(cairn_ce_window(&s, &e, l, pa, 0, unit_date("2025-11-30"), &err), 0);
	ck_assert_str_eq(unit_fmt(s), "2023-12-01");
	ck_assert_str_eq(unit_fmt(e), "2025-11-30");
	status(&st, l, pa, &as, "2027-12-01");
	assert_window(&st, "2025-12-01", "2027-11-30");
	assert_verdict(&st, CAIRN_CE_LAPSED);
	cairn_ce_status_release(&st);
	l->expires = unit_date("2029-11-30");
	ck_assert_int_eq(cairn_ce_window(&s, &e, l, pa, 0, unit_date("2027-12-01"), &err), 0);
	ck_assert_str_eq(unit_fmt(s), "2027-12-01");
	ck_assert_str_eq(unit_fmt(e), "2029-11-30");
	license_free(l);
	cairn_rule_free(pa);
	cairn_rule_free(ex);
}
END_TEST

START_TEST(expiry_anchor_needs_an_expiry)
{
	struct cairn_rule *r = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("tx", "r", "2019-07-01", NULL);
	struct cairn_ce_status st;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_ce_status(&st, l, r, NULL, 0, unit_date(TODAY), &err), err,
	                CAIRN_EDATA, "license tx has no expiry date");
	unit_assert_has(err.hint, "cairn license renew tx --expires");
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

/* ---- verdicts ---- */

START_TEST(verdict_first_day_of_a_cycle_is_on_track)
{
	/* the day after a renewal: window 2025-07-01..2027-06-30, today 2025-07-01, no hours.
	 * Days gone before today: 0, share 0 / 730 = 0 <= 0 earned: on track (a cron job with
	 * --exit-code must not complain on the day of a renewal). The next day: 1 / 730 > 0:
	 * behind. days_left on the first day: 730. */
	struct cairn_rule *r = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("tx", "r", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	status(&st, l, r, &as, "2025-07-01");
	assert_window(&st, "2025-07-01", "2027-06-30");
	EQ(st.share_elapsed, 0);
	ck_assert_int_eq(st.days_left, 730);
	assert_verdict(&st, CAIRN_CE_ON_TRACK);
	cairn_ce_status_release(&st);
	status(&st, l, r, &as, "2025-07-02");
	EQ(st.share_elapsed, 1.0 / 730.0);
	assert_verdict(&st, CAIRN_CE_BEHIND);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(verdict_on_track_behind_at_the_share_of_time)
{
	/* 24 hours, window 2025-07-01..2027-06-30 (730 days). today 2026-07-01: 365 days gone
	 * before it: share elapsed 365 / 730 = 0.5.
	 * 12 hours: 12 / 24 = 0.5 >= 0.5: on track; needed 12; days_left 364 + 1 (2026-07-01 ->
	 *   2027-06-30, both counted); per_month 12 * 30.4375 / 365 = 1.000684...
	 * 11.5 hours: 0.479 < 0.5: behind; needed 12.5; per_month 12.5 * 30.4375 / 365. */
	struct cairn_rule *r = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("tx", "r", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	act(&as, "2025-08-01", "a", 12, NULL);
	status(&st, l, r, &as, "2026-07-01");
	EQ(st.share_elapsed, 0.5);
	EQ(st.share_earned, 0.5);
	EQ(st.needed, 12);
	ck_assert_int_eq(st.days_left, 365);
	EQ(st.per_month, 12 * 30.4375 / 365);
	assert_verdict(&st, CAIRN_CE_ON_TRACK);
	cairn_ce_status_release(&st);

	as.v[0]->hours.v = 11.5;
	status(&st, l, r, &as, "2026-07-01");
	EQ(st.needed, 12.5);
	EQ(st.per_month, 12.5 * 30.4375 / 365);
	assert_verdict(&st, CAIRN_CE_BEHIND);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(verdict_held_back_by_the_topic_furthest_behind)
{
	/* TX rule, window 2025-07-01..2027-06-30, today 2026-11-28: share elapsed 516 / 730 =
	 * 0.7068.
	 * 2025-09-10 in-person 20h with ethics 6: total 20 / 24 = 0.833, ethics 6 / 6 = 1,
	 *   cultural-diversity 0 / 3 = 0: the smallest share is 0 (cultural-diversity) < 0.7068:
	 *   behind, lagging cultural-diversity.
	 * with cultural-diversity 2: 2 / 3 = 0.667 < 0.7068: still behind.
	 * with cultural-diversity 3: shares 0.833, 1, 1: the total's 0.833 >= 0.7068: on track,
	 *   lagging none (the total). */
	struct cairn_rule *r = rule_yaml(TX_RULE);
	struct cairn_license *l = license("tx", "tx-lpc", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status st;

	topic(act(&as, "2025-09-10", "a", 20, "in-person"), "ethics", 6);
	status(&st, l, r, &as, TODAY);
	EQ(st.share_earned, 0);
	ck_assert_str_eq(st.lagging ? st.lagging : "(none)", "cultural-diversity");
	assert_verdict(&st, CAIRN_CE_BEHIND);
	cairn_ce_status_release(&st);

	topic(as.v[0], "cultural-diversity", 2);
	status(&st, l, r, &as, TODAY);
	EQ(st.share_earned, 2.0 / 3.0);
	assert_verdict(&st, CAIRN_CE_BEHIND);
	cairn_ce_status_release(&st);

	topic(as.v[0], "cultural-diversity", 3);
	status(&st, l, r, &as, TODAY);
	EQ(st.share_earned, 20.0 / 24.0);
	ck_assert_ptr_null(st.lagging);
	assert_verdict(&st, CAIRN_CE_ON_TRACK);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(verdict_lapsed_and_complete)
{
	/* License expires 2026-10-31: window 2024-11-01..2026-10-31, past on 2026-11-28.
	 * 20 hours of 24: lapsed, needed 4, days_left 0, per_month 0, share elapsed 1.
	 * 24 hours: complete, even after the end. Before the end, 24 hours early in a window
	 * (license expiring 2027-06-30, window 2025-07-01..2027-06-30, the 24 hours moved to
	 * 2025-07-15, today 2025-08-01) are complete as well. */
	struct cairn_rule *r = rule_yaml(PLAIN_RULE);
	struct cairn_license *l = license("tx", "r", "2019-11-01", "2026-10-31");
	struct acts as = {0};
	struct cairn_ce_status st;

	act(&as, "2025-01-15", "a", 20, NULL);
	status(&st, l, r, &as, TODAY);
	assert_window(&st, "2024-11-01", "2026-10-31");
	EQ(st.needed, 4);
	ck_assert_int_eq(st.days_left, 0);
	EQ(st.per_month, 0);
	EQ(st.share_elapsed, 1);
	assert_verdict(&st, CAIRN_CE_LAPSED);
	cairn_ce_status_release(&st);

	as.v[0]->hours.v = 24;
	status(&st, l, r, &as, TODAY);
	EQ(st.needed, 0);
	assert_verdict(&st, CAIRN_CE_COMPLETE);
	cairn_ce_status_release(&st);

	l->expires = unit_date("2027-06-30");
	as.v[0]->date = unit_date("2025-07-15");
	status(&st, l, r, &as, "2025-08-01");
	assert_window(&st, "2025-07-01", "2027-06-30");
	assert_verdict(&st, CAIRN_CE_COMPLETE);
	cairn_ce_status_release(&st);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

START_TEST(status_is_pure)
{
	/* The same inputs give the same figures; the activities are not changed. */
	struct cairn_rule *r = rule_yaml(TX_RULE);
	struct cairn_license *l = license("tx", "tx-lpc", "2019-07-01", "2027-06-30");
	struct acts as = {0};
	struct cairn_ce_status a, b;

	topic(act(&as, "2026-02-01", "b", 16, "self-study"), "ethics", 5);
	status(&a, l, r, &as, TODAY);
	status(&b, l, r, &as, TODAY);
	EQ(a.earned, b.earned);
	EQ(a.earned, 12);
	EQ(as.v[0]->hours.v, 16);
	EQ(cairn_ce_topic_hours(as.v[0], "ethics"), 5);
	ck_assert_int_eq(a.verdict, b.verdict);
	cairn_ce_status_release(&a);
	cairn_ce_status_release(&b);
	acts_free(&as);
	license_free(l);
	cairn_rule_free(r);
}
END_TEST

/* ---- rule validation ---- */

static int rule_check(const char *yaml, const char *file, cairn_err *err)
{
	struct cairn_rule *r = NULL;
	int rc;

	cairn_err_clear(err);
	rc = cairn_rule_parse(&r, yaml, strlen(yaml), file, err);
	ck_assert(rc ? r == NULL : r != NULL);
	cairn_rule_free(r);
	return rc;
}

#define RULE_HEAD "id: r\ntitle: R\ncycle: {months: 24}\ntotal_hours: 24\n"

START_TEST(rule_every_values)
{
	static const char *const bad[] = {"0", "abc", "-1", "101", "2.5"};
	cairn_err err;
	char yaml[512], *out = NULL;
	size_t len;
	struct cairn_rule *r = NULL;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(yaml, sizeof(yaml),
		         RULE_HEAD "minimums:\n  - {topic: ethics, hours: 6}\n"
		                   "  - {topic: trauma, hours: 2, every: %s}\n",
		         bad[i]);
		unit_assert_err(rule_check(yaml, "rules/r.yaml", &err), err, CAIRN_EDATA,
		                "minimums[2].every");
		unit_assert_has(err.msg, "is not 1, a number of cycles or once");
		ck_assert_str_eq(err.file, "rules/r.yaml");
	}
	r = rule_yaml(RULE_HEAD "minimums:\n  - {topic: ethics, hours: 6}\n"
	                        "  - {topic: suicide-prevention, hours: 6, every: once}\n"
	                        "  - {topic: domestic-violence, hours: 2, every: 3}\n"
	                        "  - {topic: law, hours: 1, every: 1}\n");
	ck_assert_int_eq(cairn_rule_every(&r->minimums.v[0]), 1);
	ck_assert_int_eq(cairn_rule_every(&r->minimums.v[1]), 0);
	ck_assert_int_eq(cairn_rule_every(&r->minimums.v[2]), 3);
	ck_assert_int_eq(cairn_rule_every(&r->minimums.v[3]), 1);
	/* written back as it was read: every: 3 plain, every: once */
	ck_assert_int_eq(cairn_record_write(&out, &len, &cairn_rule_kind, r, &err), 0);
	unit_assert_has(out, "    every: 3\n");
	unit_assert_has(out, "    every: once\n");
	free(out);
	cairn_rule_free(r);
}
END_TEST

START_TEST(rule_invalid_shapes)
{
	cairn_err err;

	unit_assert_err(rule_check("id: r\ntitle: R\ncycle: {months: 24, anchor: fixed-start}\n"
	                           "total_hours: 30\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "cycle.start is needed with anchor fixed-start");
	ck_assert_str_eq(err.file, "rules/r.yaml");
	unit_assert_has(err.hint, "start: ");

	unit_assert_err(rule_check(RULE_HEAD "minimums:\n  - {topic: ethics, hours: 30}\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "30 hours of ethics is more than total_hours");
	unit_assert_has(err.msg, "minimums[1]");
	/* a once-only minimum may be larger than one cycle's total */
	ck_assert_int_eq(rule_check(RULE_HEAD
	                            "minimums:\n  - {topic: hiv, hours: 30, every: once}\n",
	                            NULL, &err),
	                 0);

	unit_assert_err(rule_check(RULE_HEAD "minimums:\n  - {topic: ethics, hours: 3}\n"
	                                     "  - {topic: trauma, hours: 3}\n"
	                                     "  - {topic: ethics, hours: 6}\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "topic 'ethics' twice");

	unit_assert_err(rule_check(RULE_HEAD "maximums:\n  - {format: self-study, hours: 12}\n"
	                                     "  - {format: self-study, hours: 6}\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "format 'self-study' twice");

	unit_assert_err(rule_check("id: r\ntitle: R\ncycle: {months: 0}\ntotal_hours: 24\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "cycle.months must be 1 or more");

	unit_assert_err(rule_check(RULE_HEAD, "rules/other.yaml", &err), err, CAIRN_EDATA,
	                "id 'r' does not match the file name");
	ck_assert_str_eq(err.file, "rules/other.yaml");
}
END_TEST

START_TEST(rule_wrong_types_point_at_line_and_column)
{
	cairn_err err;

	/* line 4 "total_hours: many": the value starts at column 14 */
	unit_assert_err(rule_check("id: r\ntitle: R\ncycle: {months: 24}\ntotal_hours: many\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "total_hours: expected a number, found 'many'");
	unit_assert_at(err, "rules/r.yaml", 4, 14);

	/* line 3 "cycle: {months: 24, anchor: renewal}": 'renewal' at column 29 */
	unit_assert_err(rule_check("id: r\ntitle: R\ncycle: {months: 24, anchor: renewal}\n"
	                           "total_hours: 24\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "cycle.anchor: unknown value 'renewal'");
	unit_assert_at(err, "rules/r.yaml", 3, 29);
	unit_assert_has(err.hint, "expiry, birth-month, fixed-start");

	/* line 6 "  - {topic: ethics, hours: -6}": '-6' at column 28 */
	unit_assert_err(rule_check(RULE_HEAD "minimums:\n  - {topic: ethics, hours: -6}\n",
	                           "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "minimums[1].hours: may not be negative");
	unit_assert_at(err, "rules/r.yaml", 6, 28);

	/* a required field: total_hours missing */
	unit_assert_err(rule_check("id: r\ntitle: R\ncycle: {months: 24}\n", "rules/r.yaml", &err),
	                err, CAIRN_EDATA, "total_hours: required field is missing");
}
END_TEST

/* ---- CE activity validation ---- */

static int ce_check(const char *yaml, const char *file, cairn_err *err)
{
	struct cairn_ce *a = cairn_record_new(&cairn_ce_kind);
	int rc;

	ck_assert_ptr_nonnull(a);
	cairn_err_clear(err);
	rc = cairn_record_parse(&cairn_ce_kind, a, yaml, strlen(yaml), file, err);
	if (!rc)
		rc = cairn_ce_validate(a, file, err);
	cairn_ce_free(a);
	return rc;
}

#define CE_FILE "ce/2026/2026-03-14-ethics.yaml"
#define CE_HEAD "id: 2026-03-14-ethics\ndate: 2026-03-14\ntitle: Ethics in practice\n"

START_TEST(ce_valid_activity)
{
	cairn_err err;

	ck_assert_int_eq(ce_check(CE_HEAD "format: in-person\nhours: 6\n"
	                                  "topics:\n  ethics: 3\n  telehealth: 3\n"
	                                  "licenses: [tx, ncc]\n",
	                          CE_FILE, &err),
	                 0);
	/* topics of 0 hours and fractions are fine */
	ck_assert_int_eq(
	    ce_check(CE_HEAD "hours: 1.5\ntopics:\n  ethics: 1.5\n  trauma: 0\n", CE_FILE, &err),
	    0);
}
END_TEST

START_TEST(ce_invalid_activities)
{
	cairn_err err;

	unit_assert_err(ce_check(CE_HEAD "hours: 0\n", CE_FILE, &err), err, CAIRN_EDATA,
	                "hours must be more than 0");
	ck_assert_str_eq(err.file, CE_FILE);

	/* line 4 "hours: -1": '-1' at column 8 */
	unit_assert_err(ce_check(CE_HEAD "hours: -1\n", CE_FILE, &err), err, CAIRN_EDATA,
	                "hours: may not be negative");
	unit_assert_at(err, CE_FILE, 4, 8);

	/* 4 + 3 = 7 > 6 */
	unit_assert_err(
	    ce_check(CE_HEAD "hours: 6\ntopics:\n  ethics: 4\n  telehealth: 3\n", CE_FILE, &err),
	    err, CAIRN_EDATA, "topics add up to 7 hours, more than the activity's 6");
	ck_assert_str_eq(err.file, CE_FILE);

	/* line 6 "  ethics: three": 'three' at column 11 */
	unit_assert_err(ce_check(CE_HEAD "hours: 6\ntopics:\n  ethics: three\n", CE_FILE, &err),
	                err, CAIRN_EDATA, "topics.ethics: expected a number of hours");
	unit_assert_at(err, CE_FILE, 6, 11);
	/* a negative topic, and a quoted number (a string, not a number) */
	unit_assert_err(ce_check(CE_HEAD "hours: 6\ntopics:\n  ethics: -2\n", CE_FILE, &err), err,
	                CAIRN_EDATA, "topics.ethics: expected a number of hours");
	unit_assert_at(err, CE_FILE, 6, 11);
	unit_assert_err(ce_check(CE_HEAD "hours: 6\ntopics:\n  ethics: \"3\"\n", CE_FILE, &err),
	                err, CAIRN_EDATA, "topics.ethics");
	/* line 6 "  Ethics: 3": the key at column 3 */
	unit_assert_err(ce_check(CE_HEAD "hours: 6\ntopics:\n  Ethics: 3\n", CE_FILE, &err), err,
	                CAIRN_EDATA, "topics: 'Ethics' is not a valid topic name");
	unit_assert_at(err, CE_FILE, 6, 3);

	/* the id must start with the activity's date (the file name matches the id) */
	unit_assert_err(ce_check("id: 2026-03-15-ethics\ndate: 2026-03-14\ntitle: E\nhours: 6\n",
	                         "ce/2026/2026-03-15-ethics.yaml", &err),
	                err, CAIRN_EDATA,
	                "id '2026-03-15-ethics' does not start with its date 2026-03-14");
	ck_assert_str_eq(err.file, "ce/2026/2026-03-15-ethics.yaml");
	unit_assert_err(ce_check("id: ethics\ndate: 2026-03-14\ntitle: E\nhours: 6\n", NULL, &err),
	                err, CAIRN_EDATA, "does not start with its date");

	/* the id must be the file's name */
	unit_assert_err(ce_check(CE_HEAD "hours: 6\n", "ce/2026/2026-03-14-other.yaml", &err), err,
	                CAIRN_EDATA, "does not match the file name");

	/* line 4 "format: webinar": 'webinar' at column 9 */
	unit_assert_err(ce_check(CE_HEAD "format: webinar\nhours: 6\n", CE_FILE, &err), err,
	                CAIRN_EDATA, "format: unknown value 'webinar'");
	unit_assert_at(err, CE_FILE, 4, 9);
	unit_assert_has(err.hint, "in-person, live-online, self-study, conference, other");
}
END_TEST

START_TEST(ce_counts_for)
{
	struct acts as = {0};
	struct cairn_ce *all = act(&as, "2026-01-01", "all", 1, NULL);
	struct cairn_ce *two = act(&as, "2026-01-01", "two", 1, NULL);

	only_for(two, "tx");
	only_for(two, "ncc");
	ck_assert(cairn_ce_counts_for(all, "tx"));
	ck_assert(cairn_ce_counts_for(two, "tx"));
	ck_assert(cairn_ce_counts_for(two, "ncc"));
	ck_assert(!cairn_ce_counts_for(two, "ca"));
	/* topics: set, replaced, read back */
	topic(all, "ethics", 2);
	topic(all, "ethics", 1.5);
	ck_assert_uint_eq(cairn_ce_topic_count(all), 1);
	EQ(cairn_ce_topic_hours(all, "ethics"), 1.5);
	EQ(cairn_ce_topic_hours(all, "trauma"), 0);
	acts_free(&as);
}
END_TEST

/* ---- bad input: certificates that leave certificates/, files in the wrong folder, ce rm of
 * what git could not give back (the cases of tests/fixtures/bad/TABLE) ---- */

/* line 5 "certificate: VALUE": the value at column 14 */
#define CE_CERT_YAML CE_HEAD "hours: 3\ncertificate: %s\n"

START_TEST(ce_certificate_is_a_file_in_certificates)
{
	static const char *const good[] = {"certificates/0123456789ab-ethics-2026.pdf",
	                                   "certificates/x", "certificates/a..b.pdf", NULL};
	static const char *const bad[] = {"../../../../../../../../etc/passwd",
	                                  "/etc/passwd",
	                                  "certificates/../cairn.yaml",
	                                  "certificates/..",
	                                  "certificates/.",
	                                  "certificates/.hidden.pdf",
	                                  "certificates/",
	                                  "certificates",
	                                  "certificates/a/b.pdf",
	                                  "certificates//x",
	                                  "./certificates/x",
	                                  "certificatesx/y",
	                                  "goals/x.yaml",
	                                  "/work/data/certificates/x",
	                                  NULL};
	char yaml[512], want[256];
	struct cairn_ce *a;
	cairn_err err;

	for (size_t i = 0; good[i]; i++) {
		ck_assert_msg(cairn_cert_path_valid(good[i]), "%s refused", good[i]);
		snprintf(yaml, sizeof(yaml), CE_CERT_YAML, good[i]);
		cairn_err_clear(&err);
		ck_assert_msg(cairn_ce_parse(&a, yaml, strlen(yaml), CE_FILE, &err) == 0, "%s: %s",
		              good[i], err.msg);
		ck_assert_str_eq(a->certificate, good[i]);
		cairn_ce_free(a);
	}
	for (size_t i = 0; bad[i]; i++) {
		ck_assert_msg(!cairn_cert_path_valid(bad[i]), "%s accepted", bad[i]);
		snprintf(yaml, sizeof(yaml), CE_CERT_YAML, bad[i]);
		snprintf(want, sizeof(want), "certificate: '%s' is not a file in certificates/",
		         bad[i]);
		/* read from a file: the value's line and column */
		cairn_err_clear(&err);
		a = (struct cairn_ce *)1;
		unit_assert_err(cairn_ce_parse(&a, yaml, strlen(yaml), CE_FILE, &err), err,
		                CAIRN_EDATA, want);
		ck_assert_ptr_null(a);
		unit_assert_at(err, CE_FILE, 5, 14);
		unit_assert_has(err.hint, "certificates/NAME");
		/* validated in memory (as doctor does): refused all the same, naming the file */
		unit_assert_err(ce_check(yaml, CE_FILE, &err), err, CAIRN_EDATA, want);
		ck_assert_str_eq(err.file, CE_FILE);
	}
	/* an activity logged with --cert has a path of that shape */
	{
		char *data, *rel, *tmp = unit_tmpdir(), path[1024];
		size_t len;
		snprintf(path, sizeof(path), "%s/Ethics Certificate (2026).pdf", tmp);
		unit_write(path, "%PDF-1.4\n%%EOF\n");
		ck_assert_int_eq(cairn_cert_read(&data, &len, &rel, path, &err), 0);
		ck_assert_msg(cairn_cert_path_valid(rel), "%s", rel);
		free(data);
		free(rel);
		unit_rmrf(tmp);
		free(tmp);
	}
}
END_TEST

START_TEST(ce_audit_copies_nothing_from_outside_certificates)
{
	static const char *const bad[] = {"../../../../etc/passwd", "/etc/passwd", NULL};
	struct cairn_rule *rule = rule_yaml(TX_RULE);
	struct cairn_license *lic = license("tx", "tx-lpc", "2019-07-01", "2027-06-30");
	char *tmp = unit_tmpdir(), out[1024], want[256];
	struct cairn_repo repo = {.dir = tmp};

	snprintf(out, sizeof(out), "%s/pack", tmp);
	for (size_t i = 0; bad[i]; i++) {
		struct acts as = {0};
		struct cairn_ce_status st;
		struct cairn_audit_report rep;
		cairn_err err = CAIRN_ERR_INIT;
		struct cairn_ce *a = act(&as, "2026-03-14", "ethics", 3, NULL);
		act(&as, "2026-04-01", "trauma", 3, NULL);
		/* a record built in memory, never validated */
		a->certificate = strdup(bad[i]);
		status(&st, lic, rule, &as, TODAY);
		snprintf(want, sizeof(want), "certificate: '%s' is not a file in certificates/",
		         bad[i]);
		unit_assert_err(cairn_ce_audit(&rep, &repo, &st, out, unit_date(TODAY), &err), err,
		                CAIRN_EDATA, want);
		ck_assert_str_eq(err.file, "ce/2026/2026-03-14-ethics.yaml");
		/* refused before anything is written: no pack folder at all */
		ck_assert(!cairn_fs_exists(out));
		cairn_ce_status_release(&st);
		acts_free(&as);
	}
	unit_rmrf(tmp);
	free(tmp);
	license_free(lic);
	cairn_rule_free(rule);
}
END_TEST

/* Writes dir/rel, making its folder. */
static void put_rel(const char *dir, const char *rel, const char *data)
{
	char path[2048];

	ck_assert_int_eq(unit_sh(NULL, "mkdir -p \"$(dirname '%s/%s')\"", dir, rel), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	unit_write(path, data);
}

static int exists_in(const char *dir, const char *rel)
{
	char path[2048];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return cairn_fs_exists(path);
}

static void commit_by_hand(const char *dir)
{
	ck_assert_int_eq(unit_sh(NULL,
	                         "git -C '%s' add -A && git -C '%s' -c user.name=Hand -c "
	                         "user.email=hand@example.org commit -qm 'by hand'",
	                         dir, dir),
	                 0);
}

#define ETHICS      "2026-10-05-ethics"
#define ETHICS_YAML "id: " ETHICS "\ndate: 2026-10-05\ntitle: Ethics in telehealth\nhours: 3\n"

START_TEST(ce_load_names_the_file_that_holds_the_id)
{
	char *dir, buf[CAIRN_ID_MAX + 1];
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_ce *a = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	/* in the folder of another year: that file is named, not ce/2026/<id>.yaml */
	put_rel(dir, "ce/2025/" ETHICS ".yaml", ETHICS_YAML);
	ck_assert_int_eq(cairn_ce_resolve(buf, repo, "2026-10", &err), 0);
	ck_assert_str_eq(buf, ETHICS);
	unit_assert_err(cairn_ce_load(&a, repo, ETHICS, &err), err, CAIRN_EDATA,
	                "id '" ETHICS "' is in the folder of the year 2025");
	ck_assert_str_eq(err.file, "ce/2025/" ETHICS ".yaml");
	unit_assert_has(err.hint, "move the file to ce/2026/");
	ck_assert_ptr_null(a);

	/* the same id in its own folder too: one id, and the valid file is the activity */
	put_rel(dir, "ce/2026/" ETHICS ".yaml", ETHICS_YAML);
	cairn_err_clear(&err);
	ck_assert_msg(cairn_ce_resolve(buf, repo, "2026-10", &err) == 0, "%s", err.msg);
	ck_assert_str_eq(buf, ETHICS);
	ck_assert_int_eq(cairn_ce_load(&a, repo, ETHICS, &err), 0);
	ck_assert_str_eq(a->title, "Ethics in telehealth");
	cairn_ce_free(a);
	a = NULL;

	/* an id that does not start with a date: what is wrong is that, not the folder */
	put_rel(dir, "ce/2026/ethics-course.yaml",
	        "id: ethics-course\ndate: 2026-10-05\ntitle: Ethics\nhours: 3\n");
	cairn_err_clear(&err);
	ck_assert_int_eq(cairn_ce_resolve(buf, repo, "ethics", &err), 0);
	unit_assert_err(cairn_ce_load(&a, repo, buf, &err), err, CAIRN_EDATA,
	                "id 'ethics-course' does not start with its date 2026-10-05");
	ck_assert_str_eq(err.file, "ce/2026/ethics-course.yaml");

	/* invalid where it belongs: its own error, with line and column */
	put_rel(dir, "ce/2026/2026-10-06-dup.yaml",
	        "id: 2026-10-06-dup\ndate: 2026-10-06\ntitle: Dup\nhours: 3\nhours: 4\n");
	unit_assert_err(cairn_ce_load(&a, repo, "2026-10-06-dup", &err), err, CAIRN_EDATA,
	                "duplicate key 'hours'");
	unit_assert_at(err, "ce/2026/2026-10-06-dup.yaml", 5, 1);

	/* none at all */
	unit_assert_err(cairn_ce_load(&a, repo, "2026-01-01-nothing", &err), err, CAIRN_ENOTFOUND,
	                "no CE activity '2026-01-01-nothing'");
	unit_assert_err(cairn_ce_load(&a, repo, "abc", &err), err, CAIRN_ENOTFOUND,
	                "no CE activity 'abc'");
	/* what is not an id never reaches a path */
	unit_assert_err(cairn_ce_load(&a, repo, "2026/../../cairn", &err), err, CAIRN_EDATA,
	                "is not valid");
	unit_assert_err(cairn_ce_resolve(buf, repo, "/etc/passwd", &err), err, CAIRN_EUSAGE,
	                "'/etc/passwd'");
	unit_assert_err(cairn_ce_resolve(buf, repo, "../2025/" ETHICS, &err), err, CAIRN_EUSAGE,
	                "is not valid");
	ck_assert_ptr_null(a);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(ce_remove_only_what_git_can_give_back)
{
	char *dir, *was, *now, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	const char *rel = "ce/2026/" ETHICS ".yaml";
	cairn_err err = CAIRN_ERR_INIT;

	was = unit_sh_out("git -C '%s' rev-parse HEAD", dir);

	/* invalid and never committed (the corpus's ce-duplicate-key): refused with its own
	 * error, kept */
	put_rel(dir, rel, ETHICS_YAML "hours: 4\n");
	unit_assert_err(cairn_ce_remove(repo, ETHICS, 5.0, &err), err, CAIRN_EDATA,
	                "duplicate key 'hours'");
	unit_assert_at(err, rel, 5, 1);
	unit_assert_has(err.hint, "keep one 'hours' and delete the other");
	unit_assert_has(err.hint, "not removed: it was never committed");
	ck_assert(exists_in(dir, rel));

	/* valid, never committed: git could not give it back */
	put_rel(dir, rel, ETHICS_YAML);
	cairn_err_clear(&err);
	unit_assert_err(cairn_ce_remove(repo, ETHICS, 5.0, &err), err, CAIRN_EDATA,
	                "never committed");
	ck_assert_str_eq(err.file, rel);
	unit_assert_has(err.hint, "cairn doctor --fix");
	ck_assert(exists_in(dir, rel));
	now = unit_sh_out("git -C '%s' rev-parse HEAD", dir);
	ck_assert_str_eq(now, was);
	free(now);

	/* committed, then changed by hand: the change would be lost */
	commit_by_hand(dir);
	free(was);
	was = unit_sh_out("git -C '%s' rev-parse HEAD", dir);
	put_rel(dir, rel, ETHICS_YAML "notes: changed by hand\n");
	cairn_err_clear(&err);
	unit_assert_err(cairn_ce_remove(repo, ETHICS, 5.0, &err), err, CAIRN_EDATA,
	                "changed since its last commit");
	ck_assert_str_eq(err.file, rel);
	ck_assert(exists_in(dir, rel));
	s = unit_read_rel(dir, rel);
	ck_assert_str_eq(s, ETHICS_YAML "notes: changed by hand\n");
	free(s);
	now = unit_sh_out("git -C '%s' rev-parse HEAD", dir);
	ck_assert_str_eq(now, was);
	free(now);

	/* as committed: removed, in one commit, and git has it */
	put_rel(dir, rel, ETHICS_YAML);
	cairn_err_clear(&err);
	ck_assert_msg(cairn_ce_remove(repo, ETHICS, 5.0, &err) == 0, "%s", err.msg);
	ck_assert(!exists_in(dir, rel));
	s = unit_sh_out("git -C '%s' log -1 --format=%%s%%n%%b", dir);
	ck_assert_str_eq(s, "ce rm: " ETHICS "\nremoved: Ethics in telehealth");
	free(s);
	s = unit_sh_out("git -C '%s' status --porcelain --untracked-files=all", dir);
	ck_assert_str_eq(s, "");
	free(s);

	/* in another year's folder, never committed: its own error names it, nothing removed */
	put_rel(dir, "ce/2025/" ETHICS ".yaml", ETHICS_YAML);
	cairn_err_clear(&err);
	unit_assert_err(cairn_ce_remove(repo, ETHICS, 5.0, &err), err, CAIRN_EDATA,
	                "is in the folder of the year 2025");
	ck_assert_str_eq(err.file, "ce/2025/" ETHICS ".yaml");
	unit_assert_has(err.hint, "not removed: it was never committed");
	ck_assert(exists_in(dir, "ce/2025/" ETHICS ".yaml"));

	/* invalid but committed as it is: git keeps it, so it may go (one way out of it) */
	commit_by_hand(dir);
	cairn_err_clear(&err);
	ck_assert_msg(cairn_ce_remove(repo, ETHICS, 5.0, &err) == 0, "%s", err.msg);
	ck_assert(!exists_in(dir, "ce/2025/" ETHICS ".yaml"));
	s = unit_sh_out("git -C '%s' log -1 --format=%%s%%n%%b", dir);
	ck_assert_str_eq(s, "ce rm: " ETHICS "\nremoved: Ethics in telehealth");
	free(s);
	s = unit_sh_out("git -C '%s' show --name-only --format= HEAD", dir);
	ck_assert_str_eq(s, "ce/2025/" ETHICS ".yaml");
	free(s);
	free(was);
	unit_repo_done(repo, dir);
}
END_TEST

Suite *ce_suite(void)
{
	Suite *s = suite_create("ce");
	TCase *eng = tcase_create("engine"), *win = tcase_create("windows"),
	      *ver = tcase_create("verdicts"), *val = tcase_create("validation"),
	      *bad = tcase_create("bad input");

	tcase_add_test(eng, format_maximum_cuts_hours_and_topics);
	tcase_add_test(eng, format_maximum_cut_topics_share_what_counts);
	tcase_add_test(eng, format_maximum_is_per_cycle);
	tcase_add_test(eng, topic_minimum_met_exactly_and_short_by_half_an_hour);
	tcase_add_test(eng, once_only_topic_met_years_before);
	tcase_add_test(eng, every_third_cycle_applies_in_cycles_3_and_6_not_4);
	tcase_add_test(eng, carry_over_at_and_above_its_cap_not_the_excluded_topic);
	tcase_add_test(eng, carry_over_topics_share_the_carried_hours);
	tcase_add_test(eng, reduced_first_cycle);
	tcase_add_test(eng, exempt_first_cycle);
	tcase_add_test(eng, carry_after_reduced_first_cycle_keeps_the_topic_hours_it_used);
	tcase_add_test(eng, activity_toward_two_licenses_and_one_limited_to_the_other);
	tcase_add_test(eng, status_is_pure);
	suite_add_tcase(s, eng);

	tcase_add_test(win, window_first_and_last_day_count_the_days_outside_do_not);
	tcase_add_test(win, window_across_a_leap_year);
	tcase_add_test(win, window_after_an_early_renewal_holds_today);
	tcase_add_test(win, window_fixed_start_against_expiry_anchor);
	tcase_add_test(win, expiry_anchor_needs_an_expiry);
	suite_add_tcase(s, win);

	tcase_add_test(ver, verdict_on_track_behind_at_the_share_of_time);
	tcase_add_test(ver, verdict_first_day_of_a_cycle_is_on_track);
	tcase_add_test(ver, verdict_held_back_by_the_topic_furthest_behind);
	tcase_add_test(ver, verdict_lapsed_and_complete);
	suite_add_tcase(s, ver);

	tcase_add_test(val, rule_every_values);
	tcase_add_test(val, rule_invalid_shapes);
	tcase_add_test(val, rule_wrong_types_point_at_line_and_column);
	tcase_add_test(val, ce_valid_activity);
	tcase_add_test(val, ce_invalid_activities);
	tcase_add_test(val, ce_counts_for);
	suite_add_tcase(s, val);

	tcase_add_test(bad, ce_certificate_is_a_file_in_certificates);
	tcase_add_test(bad, ce_audit_copies_nothing_from_outside_certificates);
	tcase_add_test(bad, ce_load_names_the_file_that_holds_the_id);
	tcase_add_test(bad, ce_remove_only_what_git_can_give_back);
	tcase_set_timeout(bad, 60);
	suite_add_tcase(s, bad);
	return s;
}

int main(void)
{
	return unit_run(ce_suite());
}
