/* cairn — export of every record: JSON, CSV per kind, iCalendar */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"
#include "cairn/export.h"
#include "cairn/goal.h"
#include "cairn/plan.h"
#include "cairn/remind.h"
#include "cairn/cairn.h"

const char *const cairn_export_kinds[] = {NULL, "goals", "plans", "ce", "rules", "licenses", NULL};

/* An export is a backup: a record file that did not load refuses the whole export, naming
 * the first such file (file:line:column) and how many more there are. */
static int refuse_left_out(const cairn_err *bad, size_t nbad, cairn_err *err)
{
	char hint[CAIRN_ERR_MSG];
	int code;

	if (!nbad)
		return 0;
	code = bad[0].code ? bad[0].code : CAIRN_EDATA;
	if (!err)
		return code;
	if (nbad > 1)
		snprintf(
		    hint, sizeof(hint),
		    "%zu more file%s cannot be read either: `cairn doctor` lists every problem; "
		    "nothing is exported until every record reads",
		    nbad - 1, nbad == 2 ? "" : "s");
	else
		snprintf(hint, sizeof(hint),
		         "%s%snothing is exported until every record reads (an export leaves no "
		         "record out)",
		         bad[0].hint, bad[0].hint[0] ? "; " : "");
	*err = bad[0];
	err->code = code;
	snprintf(err->hint, sizeof(err->hint), "%s", hint);
	return code;
}

/* ---- JSON ---- */

int cairn_export_json(struct cairn_buf *out, const struct cairn_repo *repo, cairn_err *err)
{
	struct cairn_profile *p = NULL;
	struct cairn_goal_set goals = {0};
	struct cairn_plan_set plans = {0};
	struct cairn_rule_set rules = {0};
	struct cairn_ce_set ce = {0};
	json_t *o = json_object(), *a;
	char *text;
	int rc;

	if ((rc = cairn_repo_profile(&p, repo, err)) ||
	    (rc = cairn_goal_load_all(&goals, repo, err)) ||
	    (rc = cairn_plan_load_all(&plans, repo, err)) ||
	    (rc = cairn_rule_load_all(&rules, repo, err)) ||
	    (rc = cairn_ce_load_all(&ce, repo, err)) ||
	    (rc = refuse_left_out(goals.bad, goals.nbad, err)) ||
	    (rc = refuse_left_out(plans.bad, plans.nbad, err)) ||
	    (rc = refuse_left_out(rules.bad, rules.nbad, err)) ||
	    (rc = refuse_left_out(ce.bad, ce.nbad, err)))
		goto out;
	json_object_set_new(o, "format", json_integer(1));
	json_object_set_new(o, "profile", cairn_record_json(&cairn_profile_kind, p));
	json_object_set_new(o, "goals", a = json_array());
	for (size_t i = 0; i < goals.n; i++)
		json_array_append_new(a, cairn_record_json(&cairn_goal_kind, goals.v[i]));
	json_object_set_new(o, "plans", a = json_array());
	for (size_t i = 0; i < plans.n; i++) {
		json_t *pj = cairn_record_json(&cairn_plan_kind, plans.v[i]), *rv = json_array();
		cairn_date *dates = NULL;
		size_t nd = 0;
		json_object_set_new(pj, "reviews", rv);
		json_array_append_new(a, pj);
		/* a review that does not read refuses the export, as any record does */
		if ((rc = cairn_review_dates(&dates, &nd, repo, plans.v[i]->id, err)))
			goto out;
		for (size_t k = 0; !rc && k < nd; k++) {
			struct cairn_review *r;
			if ((rc = cairn_review_load(&r, repo, plans.v[i]->id, dates[k], err)))
				break;
			json_array_append_new(rv, cairn_record_json(&cairn_review_kind, r));
			cairn_review_free(r);
		}
		free(dates);
		if (rc) {
			if (err && rc != CAIRN_ENOMEM)
				cairn_err_hint(err,
				               "nothing is exported until every record reads (an "
				               "export leaves no record out)");
			goto out;
		}
	}
	json_object_set_new(o, "rules", a = json_array());
	for (size_t i = 0; i < rules.n; i++)
		json_array_append_new(a, cairn_record_json(&cairn_rule_kind, rules.v[i]));
	json_object_set_new(o, "ce", a = json_array());
	for (size_t i = 0; i < ce.n; i++)
		json_array_append_new(a, cairn_record_json(&cairn_ce_kind, ce.v[i]));
	if (!(text = json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	cairn_buf_puts(out, text);
	cairn_buf_puts(out, "\n");
	free(text);
	rc = out->failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory") : 0;
out:
	json_decref(o);
	cairn_ce_set_release(&ce);
	cairn_rule_set_release(&rules);
	cairn_plan_set_release(&plans);
	cairn_goal_set_release(&goals);
	cairn_profile_free(p);
	return rc;
}

/* ---- CSV (RFC 4180) ---- */

void cairn_csv_field(struct cairn_buf *b, const char *s, int last)
{
	if (s && strpbrk(s, ",\"\r\n")) {
		cairn_buf_puts(b, "\"");
		for (; *s; s++)
			cairn_buf_add(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
		cairn_buf_puts(b, "\"");
	} else if (s) {
		cairn_buf_puts(b, s);
	}
	cairn_buf_puts(b, last ? "\r\n" : ",");
}

static void csv_date(struct cairn_buf *b, cairn_date d, int last)
{
	char buf[CAIRN_DATE_BUF];

	cairn_csv_field(b, d ? cairn_date_format(d, buf) : NULL, last);
}

static void csv_num(struct cairn_buf *b, struct cairn_num n, int last)
{
	char buf[32];

	cairn_csv_field(b, n.set ? cairn_num_format(n.v, buf, sizeof(buf)) : NULL, last);
}

static void csv_list(struct cairn_buf *b, const struct cairn_strlist *l, int last)
{
	struct cairn_buf j = {0};

	for (size_t i = 0; i < l->n; i++)
		cairn_buf_printf(&j, "%s%s", i ? ";" : "", l->v[i]);
	cairn_csv_field(b, j.data ? j.data : "", last);
	cairn_buf_release(&j);
}

static int csv_goals(struct cairn_buf *b, const struct cairn_repo *repo, cairn_err *err)
{
	struct cairn_goal_set s;
	int rc;

	if ((rc = cairn_goal_load_all(&s, repo, err)))
		return rc;
	if ((rc = refuse_left_out(s.bad, s.nbad, err))) {
		cairn_goal_set_release(&s);
		return rc;
	}
	cairn_buf_puts(b,
	               "id,title,status,horizon,domain,area,created,start,due,specific,metric,"
	               "unit,baseline,target,current,steps,steps_done,serves,tags,completed\r\n");
	for (size_t i = 0; i < s.n; i++) {
		const struct cairn_goal *g = s.v[i];
		const struct cairn_measure *m = g->measure;
		struct cairn_num none = {0};
		size_t done = 0;
		char n1[16], n2[16];
		for (size_t k = 0; k < g->steps.n; k++)
			done += g->steps.v[k].done != 0;
		cairn_csv_field(b, g->id, 0);
		cairn_csv_field(b, g->title, 0);
		cairn_csv_field(b, cairn_status_names[g->status], 0);
		cairn_csv_field(b, g->horizon ? cairn_horizon_names[g->horizon] : NULL, 0);
		cairn_csv_field(b, g->domain ? cairn_domain_names[g->domain] : NULL, 0);
		cairn_csv_field(b, g->area ? cairn_area_names[g->area] : NULL, 0);
		csv_date(b, g->created, 0);
		csv_date(b, g->start, 0);
		csv_date(b, g->due, 0);
		cairn_csv_field(b, g->specific, 0);
		cairn_csv_field(b, m ? m->metric : NULL, 0);
		cairn_csv_field(b, m ? m->unit : NULL, 0);
		csv_num(b, m ? m->baseline : none, 0);
		csv_num(b, m ? m->target : none, 0);
		csv_num(b, m ? m->current : none, 0);
		snprintf(n1, sizeof(n1), "%zu", g->steps.n);
		snprintf(n2, sizeof(n2), "%zu", done);
		cairn_csv_field(b, n1, 0);
		cairn_csv_field(b, n2, 0);
		csv_list(b, &g->serves, 0);
		csv_list(b, &g->tags, 0);
		csv_date(b, g->completed, 1);
	}
	cairn_goal_set_release(&s);
	return 0;
}

static int csv_plans(struct cairn_buf *b, const struct cairn_repo *repo, cairn_err *err)
{
	struct cairn_plan_set s;
	int rc;

	if ((rc = cairn_plan_load_all(&s, repo, err)))
		return rc;
	if ((rc = refuse_left_out(s.bad, s.nbad, err))) {
		cairn_plan_set_release(&s);
		return rc;
	}
	cairn_buf_puts(b, "id,title,start,end,goals,evaluation,review_every,review_next\r\n");
	for (size_t i = 0; i < s.n; i++) {
		const struct cairn_plan *p = s.v[i];
		cairn_csv_field(b, p->id, 0);
		cairn_csv_field(b, p->title, 0);
		csv_date(b, p->start, 0);
		csv_date(b, p->end, 0);
		csv_list(b, &p->goals, 0);
		cairn_csv_field(b, p->evaluation, 0);
		cairn_csv_field(b, p->review ? p->review->every : NULL, 0);
		csv_date(b, p->review ? p->review->next : 0, 1);
	}
	cairn_plan_set_release(&s);
	return 0;
}

static int csv_ce(struct cairn_buf *b, const struct cairn_repo *repo, cairn_err *err)
{
	struct cairn_ce_set s;
	int rc;

	if ((rc = cairn_ce_load_all(&s, repo, err)))
		return rc;
	if ((rc = refuse_left_out(s.bad, s.nbad, err))) {
		cairn_ce_set_release(&s);
		return rc;
	}
	cairn_buf_puts(
	    b, "id,date,title,provider,approval,format,hours,topics,licenses,certificate\r\n");
	for (size_t i = 0; i < s.n; i++) {
		const struct cairn_ce *a = s.v[i];
		char t[512];
		cairn_ce_topics_text(a, ";", "=", t, sizeof(t));
		cairn_csv_field(b, a->id, 0);
		csv_date(b, a->date, 0);
		cairn_csv_field(b, a->title, 0);
		cairn_csv_field(b, a->provider, 0);
		cairn_csv_field(b, a->approval, 0);
		cairn_csv_field(b, a->format ? cairn_ce_format_names[a->format] : NULL, 0);
		csv_num(b, a->hours, 0);
		cairn_csv_field(b, t, 0);
		csv_list(b, &a->licenses, 0);
		cairn_csv_field(b, a->certificate, 1);
	}
	cairn_ce_set_release(&s);
	return 0;
}

static int csv_rules(struct cairn_buf *b, const struct cairn_repo *repo, cairn_err *err)
{
	struct cairn_rule_set s;
	int rc;

	if ((rc = cairn_rule_load_all(&s, repo, err)))
		return rc;
	if ((rc = refuse_left_out(s.bad, s.nbad, err))) {
		cairn_rule_set_release(&s);
		return rc;
	}
	cairn_buf_puts(b, "id,title,authority,source,checked,cycle_months,anchor,total_hours\r\n");
	for (size_t i = 0; i < s.n; i++) {
		const struct cairn_rule *r = s.v[i];
		cairn_csv_field(b, r->id, 0);
		cairn_csv_field(b, r->title, 0);
		cairn_csv_field(b, r->authority, 0);
		cairn_csv_field(b, r->source, 0);
		csv_date(b, r->checked, 0);
		csv_num(b, r->cycle->months, 0);
		cairn_csv_field(
		    b,
		    cairn_anchor_names[r->cycle->anchor ? r->cycle->anchor : CAIRN_ANCHOR_EXPIRY],
		    0);
		csv_num(b, r->total_hours, 1);
	}
	cairn_rule_set_release(&s);
	return 0;
}

static int csv_licenses(struct cairn_buf *b, const struct cairn_repo *repo, cairn_err *err)
{
	struct cairn_profile *p;
	int rc;

	if ((rc = cairn_repo_profile(&p, repo, err)))
		return rc;
	cairn_buf_puts(b, "id,title,rule,number,state,issued,expires\r\n");
	for (size_t i = 0; i < p->licenses.n; i++) {
		const struct cairn_license *l = &p->licenses.v[i];
		cairn_csv_field(b, l->id, 0);
		cairn_csv_field(b, l->title, 0);
		cairn_csv_field(b, l->rule, 0);
		cairn_csv_field(b, l->number, 0);
		cairn_csv_field(b, l->state, 0);
		csv_date(b, l->issued, 0);
		csv_date(b, l->expires, 1);
	}
	cairn_profile_free(p);
	return 0;
}

int cairn_export_csv(struct cairn_buf *out, const struct cairn_repo *repo, const char *kind,
                     cairn_err *err)
{
	int rc;

	if (!strcmp(kind, "goals"))
		rc = csv_goals(out, repo, err);
	else if (!strcmp(kind, "plans"))
		rc = csv_plans(out, repo, err);
	else if (!strcmp(kind, "ce"))
		rc = csv_ce(out, repo, err);
	else if (!strcmp(kind, "rules"))
		rc = csv_rules(out, repo, err);
	else if (!strcmp(kind, "licenses"))
		rc = csv_licenses(out, repo, err);
	else
		return cairn_err_set(err, CAIRN_EUSAGE, "no kind '%s' to export", kind);
	if (!rc && out->failed)
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	return rc;
}

/* ---- iCalendar (RFC 5545) ---- */

/* One content line: TEXT values escaped, folded at 75 octets (never inside a UTF-8
 * character), ended by CRLF. */
static void ics_line(struct cairn_buf *b, const char *name, const char *value, int text)
{
	struct cairn_buf l = {0};
	size_t col = 0;

	cairn_buf_puts(&l, name);
	cairn_buf_puts(&l, ":");
	for (const char *s = value; s && *s; s++) {
		if (text && (*s == '\\' || *s == ';' || *s == ',')) {
			char e[3] = {'\\', *s, 0};
			cairn_buf_puts(&l, e);
		} else if (text && *s == '\n') {
			cairn_buf_puts(&l, "\\n");
		} else if (*s != '\r') {
			cairn_buf_add(&l, s, 1);
		}
	}
	for (size_t i = 0; l.data && i < l.len; i++) {
		unsigned char c = (unsigned char)l.data[i];
		size_t clen = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (col + clen > 75) {
			cairn_buf_puts(b, "\r\n ");
			col = 1;
		}
		cairn_buf_add(b, l.data + i, clen);
		col += clen;
		i += clen - 1;
	}
	cairn_buf_puts(b, "\r\n");
	cairn_buf_release(&l);
}

static void ics_date(char *out, cairn_date d)
{
	int y, m, day;

	cairn_date_to_ymd(d, &y, &m, &day);
	snprintf(out, 9, "%04d%02d%02d", y, m, day);
}

static void ics_item(struct cairn_buf *b, const char *type, const char *uid, const char *stamp,
                     const char *summary, const char *description, cairn_date when, int done)
{
	char d[9], next[9];

	ics_line(b, "BEGIN", type, 0);
	ics_line(b, "UID", uid, 0);
	ics_line(b, "DTSTAMP", stamp, 0);
	ics_line(b, "SUMMARY", summary, 1);
	if (description)
		ics_line(b, "DESCRIPTION", description, 1);
	ics_date(d, when);
	if (!strcmp(type, "VTODO")) {
		ics_line(b, "DUE;VALUE=DATE", d, 0);
		ics_line(b, "STATUS", done ? "COMPLETED" : "NEEDS-ACTION", 0);
	} else {
		ics_date(next, cairn_date_add_days(when, 1));
		ics_line(b, "DTSTART;VALUE=DATE", d, 0);
		ics_line(b, "DTEND;VALUE=DATE", next, 0);
		ics_line(b, "TRANSP", "TRANSPARENT", 0);
	}
	ics_line(b, "END", type, 0);
}

int cairn_export_ics(struct cairn_buf *out, const struct cairn_repo *repo, cairn_date today,
                     cairn_err *err)
{
	struct cairn_profile *p = NULL;
	struct cairn_goal_set goals = {0};
	struct cairn_plan_set plans = {0};
	char stamp[32], d[9], uid[256], text[512], prodid[64];
	int rc;

	if ((rc = cairn_repo_profile(&p, repo, err)) ||
	    (rc = cairn_goal_load_all(&goals, repo, err)) ||
	    (rc = cairn_plan_load_all(&plans, repo, err)) ||
	    (rc = refuse_left_out(goals.bad, goals.nbad, err)) ||
	    (rc = refuse_left_out(plans.bad, plans.nbad, err)))
		goto out;
	/* DTSTAMP: the export's day, so that the same data gives the same file */
	ics_date(d, today);
	snprintf(stamp, sizeof(stamp), "%sT000000Z", d);
	snprintf(prodid, sizeof(prodid), "-//cairn//cairn %s//EN", cairn_version());
	ics_line(out, "BEGIN", "VCALENDAR", 0);
	ics_line(out, "VERSION", "2.0", 0);
	ics_line(out, "PRODID", prodid, 0);
	ics_line(out, "CALSCALE", "GREGORIAN", 0);
	for (size_t i = 0; i < goals.n; i++) {
		const struct cairn_goal *g = goals.v[i];
		if (g->status == CAIRN_STATUS_DROPPED)
			continue;
		if (g->due) {
			snprintf(uid, sizeof(uid), "goal-%s@cairn", g->id);
			snprintf(text, sizeof(text), "Goal: %s", g->title);
			ics_item(out, "VTODO", uid, stamp, text, g->specific, g->due,
			         g->status == CAIRN_STATUS_DONE);
		}
		for (size_t k = 0; k < g->steps.n; k++) {
			if (!g->steps.v[k].due)
				continue;
			snprintf(uid, sizeof(uid), "step-%s-%zu@cairn", g->id, k + 1);
			snprintf(text, sizeof(text), "Step %zu of %s: %s", k + 1, g->id,
			         g->steps.v[k].title);
			ics_item(out, "VTODO", uid, stamp, text, NULL, g->steps.v[k].due,
			         g->steps.v[k].done != 0);
		}
	}
	for (size_t i = 0; i < plans.n; i++) {
		const struct cairn_plan *pl = plans.v[i];
		if (!pl->review || !pl->review->next)
			continue;
		snprintf(uid, sizeof(uid), "review-%s@cairn", pl->id);
		snprintf(text, sizeof(text), "Review of plan %s", pl->title);
		ics_item(out, "VEVENT", uid, stamp, text, NULL, pl->review->next, 0);
	}
	for (size_t i = 0; i < p->licenses.n; i++) {
		const struct cairn_license *l = &p->licenses.v[i];
		if (!l->expires)
			continue;
		snprintf(uid, sizeof(uid), "license-%s@cairn", l->id);
		snprintf(text, sizeof(text), "License %s expires", l->title ? l->title : l->id);
		ics_item(out, "VEVENT", uid, stamp, text, NULL, l->expires, 0);
	}
	ics_line(out, "END", "VCALENDAR", 0);
	rc = out->failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory") : 0;
out:
	cairn_plan_set_release(&plans);
	cairn_goal_set_release(&goals);
	cairn_profile_free(p);
	return rc;
}

int cairn_export_remind_ics(struct cairn_buf *out, const struct cairn_remind_list *l,
                            cairn_date today, cairn_err *err)
{
	char stamp[32], d[9], uid[160], prodid[64];

	ics_date(d, today);
	snprintf(stamp, sizeof(stamp), "%sT000000Z", d);
	snprintf(prodid, sizeof(prodid), "-//cairn//cairn %s//EN", cairn_version());
	ics_line(out, "BEGIN", "VCALENDAR", 0);
	ics_line(out, "VERSION", "2.0", 0);
	ics_line(out, "PRODID", prodid, 0);
	ics_line(out, "CALSCALE", "GREGORIAN", 0);
	for (size_t i = 0; i < l->n; i++) {
		const struct cairn_remind_item *it = &l->v[i];
		snprintf(uid, sizeof(uid), "remind-%s-%s@cairn", cairn_remind_kinds[it->kind],
		         it->id);
		/* a goal gone quiet is due today: it is a nudge, not a deadline */
		ics_item(out, "VTODO", uid, stamp, it->text, it->command,
		         it->kind == CAIRN_REMIND_STALE ? today : it->date, 0);
	}
	ics_line(out, "END", "VCALENDAR", 0);
	return out->failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory") : 0;
}
