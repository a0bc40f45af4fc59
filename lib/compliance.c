/* cairn — the CE compliance engine: for one license under one board rule, on one day, the
 * cycle window, the hours that count (format maximums applied), topic minimums (every cycle,
 * every Nth cycle, or once), carry-over from the previous cycle, a reduced or exempt first
 * cycle, what is still needed and a verdict; every figure explained. No I/O. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"

#define EPS 1e-9
/* The furthest back a cycle count goes (a license of 100 cycles is not a real one). */
#define MAX_CYCLES 100

const char *const cairn_ce_verdict_names[] = {"complete", "on track", "behind", "lapsed", NULL};

static int months_of(const struct cairn_rule *rule)
{
	return (int)rule->cycle->months.v;
}

int cairn_ce_window(cairn_date *start, cairn_date *end, const struct cairn_license *lic,
                    const struct cairn_rule *rule, int back, cairn_date today, cairn_err *err)
{
	int m = months_of(rule);

	if (rule->cycle->anchor == CAIRN_ANCHOR_FIXED_START) {
		cairn_date s = rule->cycle->start;
		/* the cycle holding today, or the license's expiry when that has passed */
		cairn_date ref = lic->expires && today > lic->expires ? lic->expires : today;
		long j = 0;
		while (cairn_date_add_months(s, (int)((j + 1) * m)) <= ref && j < 100000)
			j++;
		while (cairn_date_add_months(s, (int)(j * m)) > ref && j > -100000)
			j--;
		j -= back;
		*start = cairn_date_add_months(s, (int)(j * m));
		*end = cairn_date_add_days(cairn_date_add_months(s, (int)((j + 1) * m)), -1);
		return 0;
	}
	if (!lic->expires) {
		cairn_err_set(err, CAIRN_EDATA, "license %s has no expiry date", lic->id);
		cairn_err_hint(err,
		               "its cycle ends on its expiry: `cairn license renew %s --expires "
		               "DATE` sets it",
		               lic->id);
		return CAIRN_EDATA;
	}
	/* the cycle that ends on the expiry; when today is before its start (the license was
	 * renewed ahead of time), the cycles count back from the one that holds today */
	int shift = 0;
	while (shift < MAX_CYCLES &&
	       cairn_date_add_days(cairn_date_add_months(lic->expires, -(shift + 1) * m), 1) >
	           today)
		shift++;
	back += shift;
	*end = cairn_date_add_months(lic->expires, -back * m);
	*start = cairn_date_add_days(cairn_date_add_months(lic->expires, -(back + 1) * m), 1);
	return 0;
}

/* Which cycle of the license the window back is: 1 for the one that holds `issued`. */
static int cycle_number(const struct cairn_license *lic, const struct cairn_rule *rule, int back,
                        cairn_date today)
{
	cairn_date s, e;
	cairn_err err;
	int n = 1;

	if (!lic->issued)
		return 0;
	for (int k = back + 1; k < back + MAX_CYCLES; k++) {
		if (cairn_ce_window(&s, &e, lic, rule, k, today, &err) || e < lic->issued)
			break;
		n++;
	}
	return n;
}

static const struct cairn_rule_max *max_for(const struct cairn_rule *rule, int format)
{
	for (size_t i = 0; i < rule->maximums.n; i++)
		if (rule->maximums.v[i].format == format)
			return &rule->maximums.v[i];
	return NULL;
}

static int every_applies(int every, int cycle)
{
	/* every Nth cycle, counted from the license's first; when the cycle is not known, the
	 * minimum is asked for: a warning too many is better than a requirement missed */
	return every <= 1 || cycle == 0 || cycle % every == 0;
}

/* What one window earns: total hours with the maximums applied, and per topic. When lines is
 * not NULL, each activity of the window gets its line. */
struct tally {
	double earned;
	double *topic; /* per rule minimum, hours counted in the window */
};

static int count_window(struct tally *t, struct cairn_ce_status *st,
                        const struct cairn_license *lic, const struct cairn_rule *rule,
                        struct cairn_ce *const *acts, size_t n, cairn_date ws, cairn_date we)
{
	double used[8] = {0};

	t->earned = 0;
	for (size_t i = 0; i < n; i++) {
		const struct cairn_ce *a = acts[i];
		const struct cairn_rule_max *cap;
		struct cairn_ce_line *line = NULL;
		double counted;

		if (a->date < ws || a->date > we)
			continue;
		if (st) {
			struct cairn_ce_line *nl =
			    realloc(st->lines, (st->nlines + 1) * sizeof(*nl));
			if (!nl)
				return CAIRN_ENOMEM;
			st->lines = nl;
			line = &st->lines[st->nlines++];
			memset(line, 0, sizeof(*line));
			line->a = a;
		}
		if (!cairn_ce_counts_for(a, lic->id)) {
			if (line) {
				size_t k = 0;
				int w =
				    snprintf(line->why, sizeof(line->why), "counts only toward ");
				for (; k < a->licenses.n && w > 0 && (size_t)w < sizeof(line->why);
				     k++)
					w += snprintf(line->why + w, sizeof(line->why) - (size_t)w,
					              "%s%s", k ? ", " : "", a->licenses.v[k]);
			}
			continue;
		}
		counted = a->hours.v;
		cap = max_for(rule, a->format);
		if (cap && a->format > 0 && a->format < 8) {
			double room = cap->hours.v - used[a->format];
			if (room < 0)
				room = 0;
			if (counted > room + EPS) {
				if (line) {
					char h1[32], h2[32], h3[32];
					snprintf(line->why, sizeof(line->why),
					         "%s is limited to %s hours a cycle: %s of its %s "
					         "hours count",
					         cairn_ce_format_names[a->format],
					         cairn_num_format(cap->hours.v, h1, sizeof(h1)),
					         cairn_num_format(room, h2, sizeof(h2)),
					         cairn_num_format(a->hours.v, h3, sizeof(h3)));
				}
				counted = room;
			}
			used[a->format] += counted;
		}
		if (line) {
			line->counted = counted;
			line->for_license = 1;
		}
		t->earned += counted;
		/* an activity cut by a maximum gives its topics together at most what it counts:
		 * when their hours add up to more, each is scaled down in proportion */
		double sum = 0, scale = 1;
		for (size_t k = 0; k < cairn_ce_topic_count(a); k++)
			sum += cairn_ce_topic_hours(a, cairn_ce_topic_name(a, k));
		if (sum > counted + EPS)
			scale = counted / sum;
		if (line && scale < 1 && counted > EPS) {
			size_t w = strlen(line->why);
			snprintf(line->why + w, sizeof(line->why) - w,
			         "%stopic hours scaled to the hours that count", w ? "; " : "");
		}
		for (size_t k = 0; k < rule->minimums.n; k++)
			t->topic[k] += cairn_ce_topic_hours(a, rule->minimums.v[k].topic) * scale;
	}
	return 0;
}

int cairn_ce_status(struct cairn_ce_status *out, const struct cairn_license *lic,
                    const struct cairn_rule *rule, struct cairn_ce *const *acts, size_t n,
                    cairn_date today, cairn_err *err)
{
	return cairn_ce_status_back(out, lic, rule, acts, n, today, 0, err);
}

int cairn_ce_status_back(struct cairn_ce_status *out, const struct cairn_license *lic,
                         const struct cairn_rule *rule, struct cairn_ce *const *acts, size_t n,
                         cairn_date today, int back, cairn_err *err)
{
	struct tally cur = {0}, prev = {0};
	cairn_date ps, pe;
	size_t nm = rule->minimums.n;
	int rc, complete = 1;

	memset(out, 0, sizeof(*out));
	out->license = lic;
	out->rule = rule;
	if ((rc = cairn_ce_window(&out->start, &out->end, lic, rule, back, today, err)))
		return rc;
	out->cycle = cycle_number(lic, rule, back, today);
	out->first = out->cycle == 1 && rule->first_cycle;
	out->required = out->first ? rule->first_cycle->total_hours.v : rule->total_hours.v;
	out->exempt = out->first && out->required <= EPS;
	if (!(cur.topic = calloc(nm + 1, sizeof(double))) ||
	    !(prev.topic = calloc(nm + 1, sizeof(double))) ||
	    !(out->topics = calloc(nm + 1, sizeof(*out->topics)))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if (count_window(&cur, out, lic, rule, acts, n, out->start, out->end)) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	out->earned = cur.earned;

	/* carry-over: the previous cycle's hours above what it asked for */
	if (rule->carry_over && !out->first && !out->exempt &&
	    !cairn_ce_window(&ps, &pe, lic, rule, back + 1, today, err) &&
	    !(lic->issued && pe < lic->issued)) {
		int pcycle = cycle_number(lic, rule, back + 1, today);
		int pfirst = pcycle == 1 && rule->first_cycle;
		double preq = pfirst ? rule->first_cycle->total_hours.v : rule->total_hours.v;
		double excess, tsum = 0;
		char a[32], b[32], c[32], e[32], d1[CAIRN_DATE_BUF], d2[CAIRN_DATE_BUF];
		count_window(&prev, NULL, lic, rule, acts, n, ps, pe);
		excess = prev.earned - preq;
		if (excess < 0)
			excess = 0;
		out->carried =
		    excess < rule->carry_over->max_hours.v ? excess : rule->carry_over->max_hours.v;
		snprintf(out->carry_why, sizeof(out->carry_why),
		         "the cycle %s to %s earned %s of %s hours; %s carried over (at most %s)",
		         cairn_date_format(ps, d1), cairn_date_format(pe, d2),
		         cairn_num_format(prev.earned, a, sizeof(a)),
		         cairn_num_format(preq, b, sizeof(b)),
		         cairn_num_format(out->carried, c, sizeof(c)),
		         cairn_num_format(rule->carry_over->max_hours.v, e, sizeof(e)));
		/* a topic's own excess travels with it, within the carried hours, except the
		 * excluded topics */
		for (size_t k = 0; k < nm; k++) {
			const struct cairn_rule_min *m = &rule->minimums.v[k];
			int every = cairn_rule_every(m);
			double te;
			if (every == 0 || cairn_strlist_has(&rule->carry_over->excludes, m->topic))
				continue;
			/* the previous cycle used its minimum, unless it asked for none (exempt) */
			te = prev.topic[k];
			if (every_applies(every, pcycle) &&
			    !(pfirst && rule->first_cycle->total_hours.v <= EPS))
				te -= m->hours.v;
			if (te > 0)
				out->topics[k].carried = te < out->carried ? te : out->carried;
			tsum += out->topics[k].carried;
		}
		/* together the topics carry no more than the hours carried */
		if (tsum > out->carried + EPS)
			for (size_t k = 0; k < nm; k++)
				out->topics[k].carried *= out->carried / tsum;
	}
	cairn_err_clear(err);

	for (size_t k = 0; k < nm; k++) {
		const struct cairn_rule_min *m = &rule->minimums.v[k];
		struct cairn_ce_topic *t = &out->topics[k];
		t->topic = m->topic;
		t->every = cairn_rule_every(m);
		t->applies = !out->exempt && every_applies(t->every, out->cycle);
		t->required = t->applies ? m->hours.v : 0;
		if (t->every == 0) {
			/* once in the life of the license: any activity up to the end of this
			 * window */
			t->earned = 0;
			t->carried = 0;
			for (size_t i = 0; i < n; i++)
				if (acts[i]->date <= out->end &&
				    cairn_ce_counts_for(acts[i], lic->id))
					t->earned += cairn_ce_topic_hours(acts[i], m->topic);
		} else {
			t->earned = cur.topic[k];
		}
		t->met = t->earned + t->carried + EPS >= t->required;
		if (!t->met)
			complete = 0;
	}
	out->ntopics = nm;

	out->needed = out->required - out->earned - out->carried;
	if (out->needed < EPS)
		out->needed = 0;
	if (out->needed > 0)
		complete = 0;
	/* days that can still count, today and the last day included */
	out->days_left = today > out->end ? 0 : (long)out->end - (long)today + 1;
	if (out->needed > 0 && out->days_left > 0)
		out->per_month = out->needed / (out->days_left / 30.4375);
	out->share_earned = out->required > EPS ? (out->earned + out->carried) / out->required : 1;
	if (out->share_earned > 1)
		out->share_earned = 1;
	/* a topic minimum far behind holds the whole license back: the share is the smallest */
	for (size_t k = 0; k < nm; k++) {
		const struct cairn_ce_topic *t = &out->topics[k];
		double share;
		if (!t->applies || t->required <= EPS)
			continue;
		share = (t->earned + t->carried) / t->required;
		if (share < out->share_earned) {
			out->share_earned = share;
			out->lagging = t->topic;
		}
	}
	/* the days gone before today: on the first day of a cycle nothing is late yet */
	out->share_elapsed = (double)((long)today - (long)out->start) /
	                     (double)((long)out->end - (long)out->start + 1);
	if (out->share_elapsed < 0)
		out->share_elapsed = 0;
	if (out->share_elapsed > 1)
		out->share_elapsed = 1;
	if (complete || out->exempt)
		out->verdict = CAIRN_CE_COMPLETE;
	else if (today > out->end)
		out->verdict = CAIRN_CE_LAPSED;
	else if (out->share_earned + EPS >= out->share_elapsed)
		out->verdict = CAIRN_CE_ON_TRACK;
	else
		out->verdict = CAIRN_CE_BEHIND;
	rc = 0;
out:
	free(cur.topic);
	free(prev.topic);
	if (rc)
		cairn_ce_status_release(out);
	return rc;
}

void cairn_ce_status_release(struct cairn_ce_status *s)
{
	free(s->topics);
	free(s->lines);
	s->topics = NULL;
	s->lines = NULL;
	s->ntopics = s->nlines = 0;
}
