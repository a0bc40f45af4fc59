/* cairn — reminders: goals and steps due, plan reviews due, licenses expiring with CE hours
 * still needed, goals gone quiet; each with the command that acts on it */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"
#include "cairn/goal.h"
#include "cairn/plan.h"
#include "cairn/remind.h"

const char *const cairn_remind_kinds[] = {"goal", "step", "review", "license", "stale"};

__attribute__((format(printf, 6, 7))) static int add(struct cairn_remind_list *l, int kind,
                                                     cairn_date date, cairn_date today,
                                                     const char *command, const char *fmt, ...)
{
	struct cairn_remind_item *nv = realloc(l->v, (l->n + 1) * sizeof(*nv)), *it;
	va_list ap;

	if (!nv)
		return CAIRN_ENOMEM;
	l->v = nv;
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->date = date;
	it->overdue = date && date < today;
	snprintf(it->command, sizeof(it->command), "%s", command);
	va_start(ap, fmt);
	vsnprintf(it->text, sizeof(it->text), fmt, ap);
	va_end(ap);
	return 0;
}

/* Keeps why a record or a license was left out; e without a file is about the profile. */
static int left_out(struct cairn_remind_list *l, const cairn_err *e, int profile)
{
	cairn_err *nv = realloc(l->bad, (l->nbad + 1) * sizeof(*nv));

	if (!nv)
		return CAIRN_ENOMEM;
	l->bad = nv;
	l->bad[l->nbad] = *e;
	if (profile && !l->bad[l->nbad].file[0])
		cairn_err_at(&l->bad[l->nbad], CAIRN_PROFILE_FILE, 0, 0);
	l->nbad++;
	return 0;
}

static int by_urgency(const void *x, const void *y)
{
	const struct cairn_remind_item *a = x, *b = y;

	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	/* a goal gone quiet is a nudge: after everything that has a date */
	if ((a->kind == CAIRN_REMIND_STALE) != (b->kind == CAIRN_REMIND_STALE))
		return a->kind == CAIRN_REMIND_STALE ? 1 : -1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	return strcmp(a->id, b->id);
}

static int goals(struct cairn_remind_list *l, const struct cairn_goal_set *s, cairn_date today,
                 cairn_date until, cairn_err *err)
{
	char cmd[160], d[CAIRN_DATE_BUF];
	int rc = 0;

	for (size_t i = 0; !rc && i < s->nbad; i++)
		rc = left_out(l, &s->bad[i], 0);
	for (size_t i = 0; !rc && i < s->n; i++) {
		const struct cairn_goal *g = s->v[i];
		cairn_date last = g->start ? g->start : g->created;
		if (g->status != CAIRN_STATUS_ACTIVE)
			continue;
		if (g->due && g->due <= until) {
			snprintf(cmd, sizeof(cmd), "cairn goal show %s", g->id);
			rc = add(l, CAIRN_REMIND_GOAL, g->due, today, cmd, "goal %s \"%s\" %s %s",
			         g->id, g->title, g->due < today ? "was due" : "is due",
			         cairn_date_format(g->due, d));
			if (!rc)
				snprintf(l->v[l->n - 1].id, sizeof(l->v[0].id), "%s", g->id);
		}
		for (size_t k = 0; !rc && k < g->steps.n; k++) {
			const struct cairn_step *st = &g->steps.v[k];
			if (st->done || !st->due || st->due > until)
				continue;
			snprintf(cmd, sizeof(cmd), "cairn goal step done %s %zu", g->id, k + 1);
			rc = add(l, CAIRN_REMIND_STEP, st->due, today, cmd,
			         "step %zu of %s \"%s\" %s %s", k + 1, g->id, st->title,
			         st->due < today ? "was due" : "is due",
			         cairn_date_format(st->due, d));
			if (!rc)
				snprintf(l->v[l->n - 1].id, sizeof(l->v[0].id), "%s#%zu", g->id,
				         k + 1);
		}
		for (size_t k = 0; k < g->progress.n; k++)
			if (g->progress.v[k].date > last)
				last = g->progress.v[k].date;
		if (!rc && last && today - last >= CAIRN_REMIND_STALE_DAYS) {
			snprintf(cmd, sizeof(cmd), "cairn goal progress %s N", g->id);
			rc = add(l, CAIRN_REMIND_STALE, last, today, cmd,
			         "goal %s \"%s\" has had no progress since %s (%ld days)", g->id,
			         g->title, cairn_date_format(last, d), (long)(today - last));
			if (!rc) {
				l->v[l->n - 1].overdue = 0; /* a nudge, not a deadline */
				snprintf(l->v[l->n - 1].id, sizeof(l->v[0].id), "%s", g->id);
			}
		}
	}
	return rc ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory") : 0;
}

static int reviews(struct cairn_remind_list *l, const struct cairn_plan_set *s, cairn_date today,
                   cairn_date until, cairn_err *err)
{
	char cmd[160], d[CAIRN_DATE_BUF];
	int rc = 0;

	for (size_t i = 0; !rc && i < s->nbad; i++)
		rc = left_out(l, &s->bad[i], 0);
	for (size_t i = 0; !rc && i < s->n; i++) {
		const struct cairn_plan *p = s->v[i];
		if (!cairn_plan_review_due(p, until) && !cairn_plan_review_due(p, today))
			continue;
		snprintf(cmd, sizeof(cmd), "cairn plan review %s", p->id);
		rc = add(l, CAIRN_REMIND_REVIEW, p->review->next, today, cmd,
		         "review of plan %s \"%s\" %s %s", p->id, p->title,
		         p->review->next < today ? "was due" : "is due",
		         cairn_date_format(p->review->next, d));
		if (!rc)
			snprintf(l->v[l->n - 1].id, sizeof(l->v[0].id), "%s", p->id);
	}
	return rc ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory") : 0;
}

static int licenses(struct cairn_remind_list *l, const struct cairn_repo *repo,
                    const struct cairn_profile *p, const struct cairn_ce_set *acts,
                    cairn_date today, cairn_date until, cairn_err *err)
{
	char cmd[160], d[CAIRN_DATE_BUF], h[32];
	int rc = 0;

	for (size_t i = 0; !rc && acts && i < acts->nbad; i++)
		rc = left_out(l, &acts->bad[i], 0);
	for (size_t i = 0; !rc && i < p->licenses.n; i++) {
		const struct cairn_license *lic = &p->licenses.v[i];
		struct cairn_rule *rule = NULL;
		struct cairn_ce_status st;
		cairn_err e = CAIRN_ERR_INIT;
		int expiring, late;
		if (!lic->rule) {
			cairn_err_set(&e, CAIRN_EDATA, "license %s names no rule", lic->id);
			cairn_err_hint(&e, "set its rule in cairn.yaml (licenses: rule), then run "
			                   "`cairn doctor`");
			rc = left_out(l, &e, 1);
			continue;
		}
		if (cairn_rule_load(&rule, repo, lic->rule, &e)) {
			rc = left_out(l, &e, 0);
			continue;
		}
		if (cairn_ce_status(&st, lic, rule, acts->v, acts->n, today, &e)) {
			cairn_rule_free(rule);
			rc = left_out(l, &e, 1);
			continue;
		}
		expiring = st.end <= until && st.verdict != CAIRN_CE_COMPLETE;
		late = st.verdict == CAIRN_CE_BEHIND || st.verdict == CAIRN_CE_LAPSED;
		if (expiring || late) {
			snprintf(cmd, sizeof(cmd), "cairn ce status %s --explain", lic->id);
			rc = add(l, CAIRN_REMIND_LICENSE, st.end, today, cmd,
			         "license %s: %s hours still needed by %s (%s)", lic->id,
			         cairn_num_format(st.needed, h, sizeof(h)),
			         cairn_date_format(st.end, d), cairn_ce_verdict_names[st.verdict]);
			if (!rc) {
				struct cairn_remind_item *it = &l->v[l->n - 1];
				snprintf(it->id, sizeof(it->id), "%s", lic->id);
				if (st.needed <= 0 && st.lagging)
					snprintf(it->text, sizeof(it->text),
					         "license %s: %s still short by %s (%s)", lic->id,
					         st.lagging, cairn_date_format(st.end, d),
					         cairn_ce_verdict_names[st.verdict]);
				/* behind but not yet expiring: the date is the end, not a deadline
				 * past */
				it->overdue = st.verdict == CAIRN_CE_LAPSED;
			}
		}
		cairn_ce_status_release(&st);
		cairn_rule_free(rule);
	}
	return rc ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory") : 0;
}

int cairn_remind_window_valid(const char *window)
{
	size_t i = 0;

	if (!window)
		return 0;
	while (window[i] >= '0' && window[i] <= '9')
		i++;
	return i >= 1 && i <= 5 && window[i] && strchr("dwmy", window[i]) && !window[i + 1];
}

int cairn_remind_window(cairn_date *until, const char *window, cairn_date today, cairn_err *err)
{
	char spec[16];
	cairn_err e;

	if (cairn_remind_window_valid(window)) {
		snprintf(spec, sizeof(spec), "+%s", window);
		if (!cairn_date_parse(until, spec, today, &e))
			return 0;
	}
	cairn_err_set(err, CAIRN_EDATA, "'%s' is not a window like 30d, 2w or 3m",
	              window ? window : "");
	cairn_err_hint(err, "a number of days, weeks, months or years: 30d, 2w, 3m, 1y");
	return CAIRN_EDATA;
}

int cairn_remind_until(cairn_date *until, const struct cairn_repo *repo, const char *within,
                       cairn_date today, cairn_err *err)
{
	struct cairn_profile *p = NULL;
	int rc;

	if (within) {
		/* the caller's window: a usage error when it does not read */
		if (!cairn_remind_window(until, within, today, err))
			return 0;
		if (err)
			err->code = CAIRN_EUSAGE;
		return CAIRN_EUSAGE;
	}
	if ((rc = cairn_repo_profile(&p, repo, err)))
		return rc;
	/* the profile's window was checked when it was read */
	rc = cairn_remind_window(
	    until, p->settings && p->settings->remind_within ? p->settings->remind_within : "30d",
	    today, err);
	if (rc)
		cairn_err_at(err, CAIRN_PROFILE_FILE, 0, 0);
	cairn_profile_free(p);
	return rc;
}

int cairn_remind_collect(struct cairn_remind_list *out, const struct cairn_repo *repo,
                         cairn_date today, cairn_date until, cairn_err *err)
{
	struct cairn_profile *p = NULL;
	struct cairn_goal_set gs = {0};
	struct cairn_plan_set ps = {0};
	struct cairn_ce_set acts = {0};
	int rc;

	/* one kind of record in memory at a time */
	memset(out, 0, sizeof(*out));
	if (!(rc = cairn_goal_load_some(&gs, repo, CAIRN_STATUS_ACTIVE, err)))
		rc = goals(out, &gs, today, until, err);
	cairn_goal_set_release(&gs);
	if (!rc && !(rc = cairn_plan_load_all(&ps, repo, err)))
		rc = reviews(out, &ps, today, until, err);
	cairn_plan_set_release(&ps);
	if (!rc && !(rc = cairn_repo_profile(&p, repo, err)) &&
	    !(rc = p->licenses.n ? cairn_ce_load_all(&acts, repo, err) : 0))
		rc = licenses(out, repo, p, &acts, today, until, err);
	cairn_ce_set_release(&acts);
	cairn_profile_free(p);
	if (rc)
		cairn_remind_list_release(out);
	else if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_urgency);
	return rc;
}

int cairn_remind_collect_from(struct cairn_remind_list *out, const struct cairn_repo *repo,
                              const struct cairn_profile *p, const struct cairn_goal_set *goals_,
                              const struct cairn_plan_set *plans, const struct cairn_ce_set *acts,
                              cairn_date today, cairn_date until, cairn_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = goals(out, goals_, today, until, err)) ||
	    (rc = reviews(out, plans, today, until, err)) ||
	    (rc = licenses(out, repo, p, acts, today, until, err))) {
		cairn_remind_list_release(out);
		return rc;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_urgency);
	return 0;
}

void cairn_remind_list_release(struct cairn_remind_list *l)
{
	free(l->v);
	free(l->bad);
	memset(l, 0, sizeof(*l));
}
