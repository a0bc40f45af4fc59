/* cairn — export: every record as one JSON document, a CSV table per kind, or an
 * iCalendar file (RFC 5545) of due dates, reviews and license expiries */
#ifndef CAIRN_EXPORT_H
#define CAIRN_EXPORT_H

#include "date.h"
#include "repo.h"
#include "yaml.h"

/* The CSV kinds, as an enum table (index 0 NULL): goals, plans, ce, rules, licenses. */
extern const char *const cairn_export_kinds[];

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; NULL is
 * empty. last ends the row with CRLF, else a comma follows. */
void cairn_csv_field(struct cairn_buf *b, const char *s, int last);

/* Appends the export to out (a growing buffer). today stamps the calendar (DTSTAMP). */
int cairn_export_json(struct cairn_buf *out, const struct cairn_repo *repo, cairn_err *err);
int cairn_export_csv(struct cairn_buf *out, const struct cairn_repo *repo, const char *kind,
                     cairn_err *err);
int cairn_export_ics(struct cairn_buf *out, const struct cairn_repo *repo, cairn_date today,
                     cairn_err *err);

struct cairn_remind_list;
/* The reminders as an iCalendar file: each a to-do due on its date (RFC 5545, as above). */
int cairn_export_remind_ics(struct cairn_buf *out, const struct cairn_remind_list *l,
                            cairn_date today, cairn_err *err);

#endif
