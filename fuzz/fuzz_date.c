/* cairn — fuzz target: the date parsers (cairn_date_parse_iso, cairn_date_parse) and what
 * stands behind them.
 *
 * The input is the text to parse, up to its first NUL. Every date accepted must lie in the
 * years 1000 to 9999, be a real day, and survive format -> parse_iso -> the same day number;
 * text accepted by the strict parser must be exactly the formatted date, and the command-line
 * parser must give the same day for it whatever today is. The relative forms are parsed
 * against a few todays, the edges of the range among them, and must mean what they say (worked
 * out again here). A broken invariant aborts. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(const char *s, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_date: input '%s': ", s);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* A refusal has the data error code and a message. */
static void check_refusal(const char *s, int rc, const cairn_err *err, const char *fn)
{
	if (rc != CAIRN_EDATA || err->code != CAIRN_EDATA || !err->msg[0])
		fail(s, "%s refused with code %d (err code %d, message '%s')", fn, rc, err->code,
		     err->msg);
}

/* d is a valid date: a real day in range, formatted as YYYY-MM-DD that parses back to d. */
static void check_date(const char *s, cairn_date d, const char *fn)
{
	char buf[CAIRN_DATE_BUF];
	cairn_err err = CAIRN_ERR_INIT;
	cairn_date back = CAIRN_DATE_NONE;
	int y, m, dd;

	if (d == CAIRN_DATE_NONE)
		fail(s, "%s gave no date", fn);
	cairn_date_to_ymd(d, &y, &m, &dd);
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || dd < 1 ||
	    dd > cairn_date_days_in_month(y, m))
		fail(s, "%s gave day %d, which is %d-%d-%d", fn, (int)d, y, m, dd);
	if (cairn_date_from_ymd(&back, y, m, dd, &err) || back != d)
		fail(s, "%s gave day %d, %04d-%02d-%02d, whose day number is %d", fn, (int)d, y, m,
		     dd, (int)back);
	cairn_date_format(d, buf);
	if (strlen(buf) != 10)
		fail(s, "%s gave day %d, formatted as '%s'", fn, (int)d, buf);
	back = CAIRN_DATE_NONE;
	if (cairn_date_parse_iso(&back, buf, &err) || back != d)
		fail(s, "%s gave day %d, formatted as '%s', which parses to %d (%s)", fn, (int)d,
		     buf, (int)back, err.msg);
}

/* Month arithmetic on a valid date stays on real days and never past the day it started. */
static void check_months(const char *s, cairn_date d)
{
	static const int steps[] = {1, -1, 12, -12, 13, -25};
	cairn_date e = cairn_date_end_of_month(d);
	int y, m, dd, ey, em, ed;

	cairn_date_to_ymd(d, &y, &m, &dd);
	cairn_date_to_ymd(e, &ey, &em, &ed);
	if (ey != y || em != m || ed != cairn_date_days_in_month(y, m) || e < d)
		fail(s, "end of month of %04d-%02d-%02d is %04d-%02d-%02d", y, m, dd, ey, em, ed);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		cairn_date r = cairn_date_add_months(d, steps[i]);
		int ry, rm, rd, want = (y * 12 + m - 1 + steps[i]);
		cairn_date_to_ymd(r, &ry, &rm, &rd);
		if (ry * 12 + rm - 1 != want || rd < 1 || rd > dd ||
		    rd > cairn_date_days_in_month(ry, rm) ||
		    (rd < dd && rd != cairn_date_days_in_month(ry, rm)))
			fail(s, "%04d-%02d-%02d plus %d months is %04d-%02d-%02d", y, m, dd,
			     steps[i], ry, rm, rd);
	}
}

/* What a command-line form accepted by cairn_date_parse means, worked out again here: the
 * words, and [+-]N(d|w|m|y) counted from today (months clamped to the month's last day). */
static void check_meaning(const char *s, cairn_date d, cairn_date today)
{
	int ty, tm, td, y, m, dd, dim, months, sign, n = 0;
	size_t i;

	cairn_date_to_ymd(today, &ty, &tm, &td);
	cairn_date_to_ymd(d, &y, &m, &dd);
	if (!strcmp(s, "today") || !strcmp(s, "tomorrow") || !strcmp(s, "yesterday")) {
		if (d - today != (s[0] == 'y' ? -1 : s[2] == 'm' ? 1 : 0))
			fail(s, "gave %04d-%02d-%02d from %04d-%02d-%02d", y, m, dd, ty, tm, td);
		return;
	}
	if (!strcmp(s, "eom") || !strcmp(s, "eoy")) {
		if (y != ty || m != (s[2] == 'y' ? 12 : tm) || dd != cairn_date_days_in_month(y, m))
			fail(s, "gave %04d-%02d-%02d from %04d-%02d-%02d", y, m, dd, ty, tm, td);
		return;
	}
	if (s[0] != '+' && s[0] != '-')
		return;
	sign = s[0] == '-' ? -1 : 1;
	for (i = 1; s[i] >= '0' && s[i] <= '9'; i++) {
		if (n > 100000)
			fail(s, "accepted a count over 100000");
		n = n * 10 + (s[i] - '0');
	}
	if (i == 1 || !s[i] || s[i + 1])
		fail(s, "accepted as a relative date");
	switch (s[i]) {
	case 'd':
	case 'w':
		if (d - today != sign * n * (s[i] == 'w' ? 7 : 1))
			fail(s, "gave %04d-%02d-%02d from %04d-%02d-%02d", y, m, dd, ty, tm, td);
		return;
	case 'm':
	case 'y':
		months = sign * n * (s[i] == 'y' ? 12 : 1);
		dim = cairn_date_days_in_month(y, m);
		if (y * 12 + m - 1 != ty * 12 + tm - 1 + months || dd != (td < dim ? td : dim))
			fail(s, "gave %04d-%02d-%02d from %04d-%02d-%02d", y, m, dd, ty, tm, td);
		return;
	default:
		fail(s, "accepted with the unit '%c'", s[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cairn_date todays[4];
	char *s = malloc(size + 1);
	cairn_err err = CAIRN_ERR_INIT;
	cairn_date iso = CAIRN_DATE_NONE, d;
	int rc;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (!todays[0] && (cairn_date_from_ymd(&todays[0], 1000, 1, 1, NULL) ||
	                   cairn_date_from_ymd(&todays[1], 2024, 2, 29, NULL) ||
	                   cairn_date_from_ymd(&todays[2], 2026, 3, 15, NULL) ||
	                   cairn_date_from_ymd(&todays[3], 9999, 12, 31, NULL)))
		abort();

	rc = cairn_date_parse_iso(&iso, s, &err);
	if (rc) {
		check_refusal(s, rc, &err, "cairn_date_parse_iso");
		iso = CAIRN_DATE_NONE;
	} else {
		char buf[CAIRN_DATE_BUF];
		check_date(s, iso, "cairn_date_parse_iso");
		if (strcmp(cairn_date_format(iso, buf), s))
			fail(s, "cairn_date_parse_iso accepted it, but the date is '%s'", buf);
		check_months(s, iso);
	}

	for (size_t i = 0; i < sizeof(todays) / sizeof(todays[0]); i++) {
		err = (cairn_err)CAIRN_ERR_INIT;
		d = CAIRN_DATE_NONE;
		rc = cairn_date_parse(&d, s, todays[i], &err);
		if (rc) {
			check_refusal(s, rc, &err, "cairn_date_parse");
			if (iso)
				fail(s, "cairn_date_parse refused a date that "
				        "cairn_date_parse_iso accepts");
			continue;
		}
		check_date(s, d, "cairn_date_parse");
		if (!iso)
			check_meaning(s, d, todays[i]);
		if (iso && d != iso)
			fail(s, "cairn_date_parse gave day %d, cairn_date_parse_iso %d", (int)d,
			     (int)iso);
		check_months(s, d);
	}
	free(s);
	return 0;
}
