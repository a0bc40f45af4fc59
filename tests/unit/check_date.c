/* cairn — unit tests: civil dates, the command-line forms, month arithmetic */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* ---- helpers ---- */

/* cairn_date_parse(s) with today pinned must give want. */
static void parses_to(const char *s, const char *today, const char *want)
{
	cairn_date d = CAIRN_DATE_NONE;
	cairn_err err = CAIRN_ERR_INIT;
	int rc = cairn_date_parse(&d, s, unit_date(today), &err);

	ck_assert_msg(rc == 0, "'%s' (today %s) refused: %s", s, today, err.msg);
	ck_assert_msg(d == unit_date(want), "'%s' (today %s) gave %s, expected %s", s, today,
	              unit_fmt(d), want);
}

/* cairn_date_parse_iso(s) must refuse with CAIRN_EDATA and a message containing text; the
 * output is left alone. */
static void iso_refused(const char *s, const char *text)
{
	cairn_date d = 12345;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_date_parse_iso(&d, s, &err), err, CAIRN_EDATA, text);
	ck_assert_msg(d == 12345, "'%s' was refused but the output changed", s);
}

/* cairn_date_parse(s) must refuse with CAIRN_EDATA and a message containing text. */
static void parse_refused(const char *s, const char *text)
{
	cairn_date d = 12345;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_date_parse(&d, s, unit_date("2027-03-15"), &err), err, CAIRN_EDATA,
	                text);
	ck_assert_msg(d == 12345, "'%s' was refused but the output changed", s);
}

static cairn_date add_months(const char *from, int months)
{
	return cairn_date_add_months(unit_date(from), months);
}

/* ---- leap years ---- */

START_TEST(leap_year_rules)
{
	ck_assert_int_eq(cairn_date_is_leap(2024), 1);
	ck_assert_int_eq(cairn_date_is_leap(2026), 0);
	ck_assert_int_eq(cairn_date_is_leap(2027), 0);
	ck_assert_int_eq(cairn_date_is_leap(2028), 1);
	ck_assert_int_eq(cairn_date_is_leap(1900), 0); /* divisible by 100 */
	ck_assert_int_eq(cairn_date_is_leap(2100), 0);
	ck_assert_int_eq(cairn_date_is_leap(2000), 1); /* divisible by 400 */
	ck_assert_int_eq(cairn_date_is_leap(2400), 1);
	ck_assert_int_eq(cairn_date_days_in_month(2024, 2), 29);
	ck_assert_int_eq(cairn_date_days_in_month(2026, 2), 28);
	ck_assert_int_eq(cairn_date_days_in_month(1900, 2), 28);
	ck_assert_int_eq(cairn_date_days_in_month(2000, 2), 29);
}
END_TEST

START_TEST(leap_day_accepted_in_leap_years)
{
	cairn_date d = CAIRN_DATE_NONE;
	cairn_err err = CAIRN_ERR_INIT;
	int y, m, dd;

	ck_assert_int_eq(cairn_date_parse_iso(&d, "2024-02-29", &err), 0);
	cairn_date_to_ymd(d, &y, &m, &dd);
	ck_assert_int_eq(y, 2024);
	ck_assert_int_eq(m, 2);
	ck_assert_int_eq(dd, 29);
	ck_assert_int_eq(d, unit_date("2024-02-28") + 1);
	ck_assert_int_eq(unit_date("2024-03-01"), d + 1);

	ck_assert_int_eq(cairn_date_parse_iso(&d, "2000-02-29", &err), 0);
	ck_assert_str_eq(unit_fmt(d), "2000-02-29");
	ck_assert_int_eq(unit_date("2000-03-01") - unit_date("2000-02-28"), 2);
}
END_TEST

START_TEST(leap_day_refused_in_common_years)
{
	iso_refused("2026-02-29", "2026-02-29");
	iso_refused("1900-02-29", "1900-02-29");
	iso_refused("2100-02-29", "2100-02-29");
	/* and the message says why */
	iso_refused("2026-02-29", "28 days");
	ck_assert_int_eq(unit_date("1900-03-01") - unit_date("1900-02-28"), 1);
}
END_TEST

/* ---- month ends ---- */

START_TEST(month_ends)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char s[32];
	cairn_date d;
	cairn_err err = CAIRN_ERR_INIT;

	for (int m = 1; m <= 12; m++) {
		ck_assert_int_eq(cairn_date_days_in_month(2027, m), days[m - 1]);
		snprintf(s, sizeof(s), "2027-%02d-%02d", m, days[m - 1]);
		ck_assert_msg(cairn_date_parse_iso(&d, s, &err) == 0, "%s: %s", s, err.msg);
		ck_assert_int_eq(cairn_date_end_of_month(d), d);
		ck_assert_int_eq(cairn_date_end_of_month(unit_date(s) - days[m - 1] + 1), d);
		snprintf(s, sizeof(s), "2027-%02d-%02d", m, days[m - 1] + 1);
		iso_refused(s, s);
	}
	ck_assert_int_eq(cairn_date_days_in_month(2027, 0), 0);
	ck_assert_int_eq(cairn_date_days_in_month(2027, 13), 0);
	ck_assert_int_eq(cairn_date_end_of_month(unit_date("2028-02-10")), unit_date("2028-02-29"));
	ck_assert_int_eq(cairn_date_end_of_month(unit_date("2027-02-10")), unit_date("2027-02-28"));
	/* the next day after a month's end is the first of the next month */
	ck_assert_str_eq(unit_fmt(unit_date("2027-12-31") + 1), "2028-01-01");
	ck_assert_str_eq(unit_fmt(unit_date("2027-04-30") + 1), "2027-05-01");
	ck_assert_str_eq(unit_fmt(unit_date("2027-01-01") - 1), "2026-12-31");
}
END_TEST

/* ---- bad dates ---- */

START_TEST(day_that_does_not_exist)
{
	iso_refused("2027-02-30", "2027-02-30");
	iso_refused("2027-04-31", "2027-04-31");
	iso_refused("2027-01-00", "2027-01-00");
	iso_refused("2027-01-32", "2027-01-32");
}
END_TEST

START_TEST(month_that_does_not_exist)
{
	/* a message about the month alone does not tell the user which date is wrong */
	iso_refused("2027-13-01", "2027-13-01");
	iso_refused("2027-00-10", "2027-00-10");
}
END_TEST

START_TEST(malformed_dates)
{
	iso_refused("2027-1-5", "'2027-1-5'");
	iso_refused("2027-1-5", "YYYY-MM-DD");
	iso_refused("", "''");
	iso_refused("2027-02-3x", "'2027-02-3x'");
	iso_refused("2027-02-030", "'2027-02-030'");
	iso_refused("2027-02-03 ", "'2027-02-03 '");
	iso_refused(" 2027-02-03", "' 2027-02-03'");
	iso_refused("2027/02/03", "'2027/02/03'");
	iso_refused("27-02-03", "'27-02-03'");
	iso_refused("2027-02", "'2027-02'");
	iso_refused("+027-02-03", "'+027-02-03'");
	iso_refused("today", "'today'"); /* the strict form takes no words */
}
END_TEST

START_TEST(years_out_of_range)
{
	cairn_date d;
	cairn_err err = CAIRN_ERR_INIT;

	iso_refused("0999-12-31", "out of range");
	iso_refused("0000-03-01", "out of range");
	ck_assert_int_eq(cairn_date_parse_iso(&d, "1000-01-01", &err), 0);
	ck_assert_str_eq(unit_fmt(d), "1000-01-01");
	ck_assert_int_eq(cairn_date_parse_iso(&d, "9999-12-31", &err), 0);
	ck_assert_str_eq(unit_fmt(d), "9999-12-31");
	unit_assert_err(cairn_date_from_ymd(&d, 10000, 1, 1, &err), err, CAIRN_EDATA,
	                "out of range");
	ck_assert_int_ne(CAIRN_DATE_NONE, unit_date("1000-01-01"));
}
END_TEST

START_TEST(parse_refuses_bad_dates_too)
{
	parse_refused("", "empty date");
	parse_refused("2027-02-30", "2027-02-30");
	parse_refused("2027-1-5", "'2027-1-5'");
	parse_refused("2027-02-3x", "'2027-02-3x'");
}
END_TEST

/* ---- the command-line forms ---- */

START_TEST(relative_forms)
{
	const char *today = "2027-03-15";

	parses_to("today", today, "2027-03-15");
	parses_to("tomorrow", today, "2027-03-16");
	parses_to("yesterday", today, "2027-03-14");
	parses_to("+3d", today, "2027-03-18");
	parses_to("+2w", today, "2027-03-29");
	parses_to("+6m", today, "2027-09-15");
	parses_to("+1y", today, "2028-03-15");
	parses_to("-2w", today, "2027-03-01");
	parses_to("-1m", today, "2027-02-15");
	parses_to("-3d", today, "2027-03-12");
	parses_to("-1y", today, "2026-03-15");
	parses_to("+0d", today, "2027-03-15");
	parses_to("eom", today, "2027-03-31");
	parses_to("eoy", today, "2027-12-31");
	/* an absolute date ignores today */
	parses_to("2027-06-30", today, "2027-06-30");
}
END_TEST

START_TEST(relative_forms_across_boundaries)
{
	parses_to("tomorrow", "2027-12-31", "2028-01-01");
	parses_to("yesterday", "2028-03-01", "2028-02-29");
	parses_to("yesterday", "2027-03-01", "2027-02-28");
	parses_to("+1d", "2028-02-28", "2028-02-29");
	parses_to("+1w", "2027-12-28", "2028-01-04");
	parses_to("-2w", "2027-01-05", "2026-12-22");
	parses_to("+365d", "2027-01-01", "2028-01-01");
	parses_to("+366d", "2028-01-01", "2029-01-01");
	parses_to("eom", "2028-02-10", "2028-02-29");
	parses_to("eom", "2027-02-28", "2027-02-28");
	parses_to("eom", "2027-12-01", "2027-12-31");
	parses_to("eoy", "2027-12-31", "2027-12-31");
	parses_to("eoy", "2028-01-01", "2028-12-31");
	parses_to("+1m", "2027-12-15", "2028-01-15");
	parses_to("-1m", "2027-01-15", "2026-12-15");
	parses_to("-13m", "2027-01-15", "2025-12-15");
	parses_to("+12m", "2027-01-15", "2028-01-15");
}
END_TEST

START_TEST(relative_forms_refused)
{
	parse_refused("+3", "'+3' is not a date");
	parse_refused("+3x", "'+3x' is not a date");
	parse_refused("+d", "'+d' is not a date");
	parse_refused("+3dd", "'+3dd' is not a date");
	parse_refused("3d", "'3d'");
	parse_refused("Today", "'Today' is not a date");
	parse_refused("today ", "'today ' is not a date");
	parse_refused("next week", "'next week' is not a date");
	parse_refused("+-3d", "'+-3d' is not a date");
	parse_refused("+100001d", "'+100001d' is not a date");
	/* the hint lists the forms */
	{
		cairn_date d;
		cairn_err err = CAIRN_ERR_INIT;
		ck_assert_int_eq(cairn_date_parse(&d, "soon", unit_date("2027-03-15"), &err),
		                 CAIRN_EDATA);
		unit_assert_has(err.hint, "YYYY-MM-DD");
		unit_assert_has(err.hint, "eom");
		unit_assert_has(err.hint, "+2w");
	}
}
END_TEST

START_TEST(relative_forms_out_of_range)
{
	parse_refused("+8000y", "'+8000y' falls outside the years 1000 to 9999");
	parse_refused("-1100y", "'-1100y' falls outside the years 1000 to 9999");
	parse_refused("-100000y", "falls outside the years");
	parse_refused("-99999m", "falls outside the years");
	parse_refused("+100000m", "falls outside the years");
	parses_to("+100000d", "2027-03-15", "2300-12-29");
	/* the last day in range is fine */
	parses_to("eoy", "9999-06-01", "9999-12-31");
	parses_to("+1d", "9999-12-30", "9999-12-31");
}
END_TEST

/* ---- month arithmetic ---- */

START_TEST(month_arithmetic_clamps)
{
	ck_assert_str_eq(unit_fmt(add_months("2027-01-31", 1)), "2027-02-28");
	ck_assert_str_eq(unit_fmt(add_months("2028-01-31", 1)), "2028-02-29");
	ck_assert_str_eq(unit_fmt(add_months("2027-03-31", -1)), "2027-02-28");
	ck_assert_str_eq(unit_fmt(add_months("2028-02-29", 12)), "2029-02-28");
	ck_assert_str_eq(unit_fmt(add_months("2028-02-29", 48)), "2032-02-29");
	ck_assert_str_eq(unit_fmt(add_months("2027-08-31", 1)), "2027-09-30");
	ck_assert_str_eq(unit_fmt(add_months("2027-12-31", 2)), "2028-02-29");
	ck_assert_str_eq(unit_fmt(add_months("2027-01-31", -2)), "2026-11-30");
	ck_assert_str_eq(unit_fmt(add_months("2027-05-31", 0)), "2027-05-31");
	ck_assert_str_eq(unit_fmt(add_months("2027-01-30", 1)), "2027-02-28");
	ck_assert_str_eq(unit_fmt(add_months("2027-01-28", 1)), "2027-02-28");
	ck_assert_str_eq(unit_fmt(add_months("2027-02-28", 1)), "2027-03-28");
	/* the same through the command-line forms */
	parses_to("+1m", "2027-01-31", "2027-02-28");
	parses_to("+1m", "2028-01-31", "2028-02-29");
	parses_to("-1m", "2027-03-31", "2027-02-28");
	parses_to("+1y", "2028-02-29", "2029-02-28");
	parses_to("-1y", "2028-02-29", "2027-02-28");
	parses_to("+4y", "2028-02-29", "2032-02-29");
	parses_to("+6m", "2027-08-31", "2028-02-29");
}
END_TEST

/* ---- formatting ---- */

START_TEST(format_parse_round_trip)
{
	cairn_date first = unit_date("1899-12-25"), last = unit_date("2101-01-05");
	int py = 1899, pm = 12, pd = 24;
	char buf[CAIRN_DATE_BUF];

	/* plain checks in the loop: a ck_assert per day would dominate the run time */
	for (cairn_date d = first; d <= last; d++) {
		cairn_date back = CAIRN_DATE_NONE, again = CAIRN_DATE_NONE;
		cairn_err err = CAIRN_ERR_INIT;
		int y, m, dd, follows;

		cairn_date_format(d, buf);
		if (strlen(buf) != 10 || cairn_date_parse_iso(&back, buf, &err) != 0 || back != d)
			ck_abort_msg("day %d: '%s' does not read back (%s)", (int)d, buf, err.msg);
		cairn_date_to_ymd(d, &y, &m, &dd);
		if (cairn_date_from_ymd(&again, y, m, dd, &err) != 0 || again != d)
			ck_abort_msg("%s: from_ymd(to_ymd) is not the same day", buf);
		/* each day follows the one before */
		if (dd == 1)
			follows = pd == cairn_date_days_in_month(py, pm) &&
			          m == (pm == 12 ? 1 : pm + 1) && y == (pm == 12 ? py + 1 : py);
		else
			follows = dd == pd + 1 && m == pm && y == py;
		if (!follows)
			ck_abort_msg("%s does not follow %04d-%02d-%02d", buf, py, pm, pd);
		py = y;
		pm = m;
		pd = dd;
	}
	ck_assert_str_eq(unit_fmt(last), "2101-01-05");
	ck_assert_int_eq(py, 2101);
	/* the ends of the range */
	ck_assert_str_eq(cairn_date_format(unit_date("1000-01-01"), buf), "1000-01-01");
	ck_assert_str_eq(cairn_date_format(unit_date("9999-12-31"), buf), "9999-12-31");
	ck_assert_str_eq(cairn_date_format(CAIRN_DATE_NONE, buf), "");
	/* 2000 years have 730485 days */
	ck_assert_int_eq(unit_date("4000-01-01") - unit_date("2000-01-01"), 730485);
}
END_TEST

START_TEST(unix_time)
{
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(0)), "1970-01-01");
	ck_assert_int_eq(cairn_date_from_unix(0), unit_date("1970-01-01"));
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(86399)), "1970-01-01");
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(86400)), "1970-01-02");
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(-1)), "1969-12-31");
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(-86400)), "1969-12-31");
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(-86401)), "1969-12-30");
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(951782400)), "2000-02-29");
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(1798761600 - 1)), "2026-12-31");
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(1798761600)), "2027-01-01");
	/* past 2038 */
	ck_assert_str_eq(unit_fmt(cairn_date_from_unix(4102444800LL)), "2100-01-01");
}
END_TEST

static Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_test(tc, leap_year_rules);
	tcase_add_test(tc, leap_day_accepted_in_leap_years);
	tcase_add_test(tc, leap_day_refused_in_common_years);
	tcase_add_test(tc, month_ends);
	tcase_add_test(tc, day_that_does_not_exist);
	tcase_add_test(tc, month_that_does_not_exist);
	tcase_add_test(tc, malformed_dates);
	tcase_add_test(tc, years_out_of_range);
	tcase_add_test(tc, parse_refuses_bad_dates_too);
	tcase_add_test(tc, relative_forms);
	tcase_add_test(tc, relative_forms_across_boundaries);
	tcase_add_test(tc, relative_forms_refused);
	tcase_add_test(tc, relative_forms_out_of_range);
	tcase_add_test(tc, month_arithmetic_clamps);
	tcase_add_test(tc, format_parse_round_trip);
	tcase_add_test(tc, unix_time);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(date_suite());
}
