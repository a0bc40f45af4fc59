/* cairn — civil dates as day numbers (days since 0000-03-01) */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/date.h"

#define YEAR_MIN 1000
#define YEAR_MAX 9999

int cairn_date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cairn_date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && cairn_date_is_leap(y) ? 29 : days[m - 1];
}

/* Day number of a valid civil date, years starting in March so leap days fall last. */
static cairn_date days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (cairn_date)(era * 146097 + doe);
}

void cairn_date_to_ymd(cairn_date z, int *year, int *month, int *day)
{
	int era = z / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*year = y + (m <= 2);
	*month = m;
	*day = d;
}

int cairn_date_from_ymd(cairn_date *out, int y, int m, int d, cairn_err *err)
{
	if (y < YEAR_MIN || y > YEAR_MAX)
		return cairn_err_set(err, CAIRN_EDATA, "year %d is out of range (%d to %d)", y,
		                     YEAR_MIN, YEAR_MAX);
	if (m < 1 || m > 12)
		return cairn_err_set(err, CAIRN_EDATA,
		                     "%04d-%02d-%02d does not exist (there is no month %d)", y, m,
		                     d, m);
	if (d < 1 || d > cairn_date_days_in_month(y, m))
		return cairn_err_set(err, CAIRN_EDATA,
		                     "%04d-%02d-%02d does not exist (%04d-%02d has %d days)", y, m,
		                     d, y, m, cairn_date_days_in_month(y, m));
	*out = days_from_civil(y, m, d);
	return 0;
}

char *cairn_date_format(cairn_date d, char *buf)
{
	int y, m, dd;

	if (d == CAIRN_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	cairn_date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, CAIRN_DATE_BUF, "%04d-%02d-%02d", y % 10000, m, dd);
	return buf;
}

int cairn_date_parse_iso(cairn_date *out, const char *s, cairn_err *err)
{
	int i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			goto bad;
	}
	if (s[10] != '\0')
		goto bad;
	return cairn_date_from_ymd(out, atoi(s), atoi(s + 5), atoi(s + 8), err);
bad:
	cairn_err_set(err, CAIRN_EDATA, "'%s' is not a date (YYYY-MM-DD)", s);
	return CAIRN_EDATA;
}

cairn_date cairn_date_add_days(cairn_date d, int days)
{
	return d + days;
}

cairn_date cairn_date_add_months(cairn_date d, int months)
{
	int y, m, dd, total, dim;

	cairn_date_to_ymd(d, &y, &m, &dd);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	dim = cairn_date_days_in_month(y, m);
	if (dd > dim)
		dd = dim;
	return days_from_civil(y, m, dd);
}

cairn_date cairn_date_end_of_month(cairn_date d)
{
	int y, m, dd;

	cairn_date_to_ymd(d, &y, &m, &dd);
	return days_from_civil(y, m, cairn_date_days_in_month(y, m));
}

cairn_date cairn_date_from_unix(long long t)
{
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);

	return (cairn_date)(days + days_from_civil(1970, 1, 1));
}

static int in_range(cairn_date d, const char *s, cairn_err *err)
{
	int y, m, dd;

	cairn_date_to_ymd(d, &y, &m, &dd);
	if (y < YEAR_MIN || y > YEAR_MAX)
		return cairn_err_set(err, CAIRN_EDATA, "'%s' falls outside the years %d to %d", s,
		                     YEAR_MIN, YEAR_MAX);
	return 0;
}

int cairn_date_parse(cairn_date *out, const char *s, cairn_date today, cairn_err *err)
{
	cairn_date d;
	long n;
	char *end;
	int y, m, dd;

	if (!s || !*s)
		return cairn_err_set(err, CAIRN_EDATA, "empty date");
	if (isdigit((unsigned char)s[0]))
		return cairn_date_parse_iso(out, s, err);
	if (!strcmp(s, "today"))
		d = today;
	else if (!strcmp(s, "tomorrow"))
		d = today + 1;
	else if (!strcmp(s, "yesterday"))
		d = today - 1;
	else if (!strcmp(s, "eom"))
		d = cairn_date_end_of_month(today);
	else if (!strcmp(s, "eoy")) {
		cairn_date_to_ymd(today, &y, &m, &dd);
		d = days_from_civil(y, 12, 31);
	} else if ((s[0] == '+' || s[0] == '-') && isdigit((unsigned char)s[1])) {
		errno = 0;
		n = strtol(s + 1, &end, 10);
		if (errno || n > 100000 || end[0] == '\0' || end[1] != '\0')
			goto bad;
		if (s[0] == '-')
			n = -n;
		switch (end[0]) {
		case 'd':
			d = today + (int)n;
			break;
		case 'w':
			d = today + 7 * (int)n;
			break;
		case 'm':
			d = cairn_date_add_months(today, (int)n);
			break;
		case 'y':
			d = cairn_date_add_months(today, 12 * (int)n);
			break;
		default:
			goto bad;
		}
	} else {
		goto bad;
	}
	if (in_range(d, s, err))
		return CAIRN_EDATA;
	*out = d;
	return 0;
bad:
	cairn_err_set(err, CAIRN_EDATA, "'%s' is not a date", s);
	cairn_err_hint(err, "use YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +6m, +1y, -2w, "
	                    "eom or eoy");
	return CAIRN_EDATA;
}
