/* cairn — civil dates as day numbers; "today" always comes from the caller */
#ifndef CAIRN_DATE_H
#define CAIRN_DATE_H

#include <stdint.h>

#include "error.h"

/* Days since 0000-03-01 in the proleptic Gregorian calendar; 0 means "no date". Valid dates
 * are in the years 1000 to 9999. Differences of two dates are days. */
typedef int32_t cairn_date;
#define CAIRN_DATE_NONE ((cairn_date)0)
#define CAIRN_DATE_BUF  11

/* CAIRN_EDATA for a day that does not exist (2027-02-30) or a year out of range. */
int cairn_date_from_ymd(cairn_date *out, int year, int month, int day, cairn_err *err);
void cairn_date_to_ymd(cairn_date d, int *year, int *month, int *day);

/* Strict YYYY-MM-DD. */
int cairn_date_parse_iso(cairn_date *out, const char *s, cairn_err *err);

/* The command-line forms: YYYY-MM-DD, today, tomorrow, yesterday, +Nd, +Nw, +Nm, +Ny
 * (and with -), eom, eoy. Relative forms count from today. */
int cairn_date_parse(cairn_date *out, const char *s, cairn_date today, cairn_err *err);

/* "YYYY-MM-DD" into buf (at least CAIRN_DATE_BUF bytes); "" for CAIRN_DATE_NONE.
 * Returns buf. */
char *cairn_date_format(cairn_date d, char *buf);

cairn_date cairn_date_add_days(cairn_date d, int days);
/* Adds months, clamping the day to the end of the month (Jan 31 + 1 = Feb 28 or 29). */
cairn_date cairn_date_add_months(cairn_date d, int months);
cairn_date cairn_date_end_of_month(cairn_date d);
int cairn_date_is_leap(int year);
int cairn_date_days_in_month(int year, int month);

/* The date of a Unix time in UTC (for the CLI layer's "today"). */
cairn_date cairn_date_from_unix(long long t);

#endif
