/* cairn — goals */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cairn/fs.h"
#include "cairn/goal.h"
#include "cairn/id.h"
#include "cairn/plan.h"
#include "cairn/txn.h"

#include "git_priv.h"

const char *const cairn_horizon_names[] = {NULL, "short", "long", NULL};
const char *const cairn_domain_names[] = {NULL, "professional", "personal", NULL};
const char *const cairn_area_names[] = {
    NULL,         "education",  "clinical-skills", "networking", "career-path",
    "leadership", "research",   "advocacy",        "self-care",  "finance",
    "ethics",     "technology", "other",           NULL};
const char *const cairn_status_names[] = {NULL,   "draft",   "active", "paused",
                                          "done", "dropped", NULL};

int cairn_enum_lookup(const char *const *names, const char *name)
{
	for (int i = 1; names[i]; i++)
		if (!strcmp(names[i], name))
			return i;
	return 0;
}

const char *cairn_enum_list(const char *const *names, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 1; names[i] && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i > 1 ? ", " : "", names[i]);
	return buf;
}

static const struct cairn_field measure_fields[] = {
    CAIRN_FIELD(struct cairn_measure, metric, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_measure, unit, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_measure, baseline, CAIRN_T_NUMBER, CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_measure, target, CAIRN_T_NUMBER, CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_measure, current, CAIRN_T_NUMBER, CAIRN_F_NONNEG),
};
const struct cairn_kind cairn_measure_kind = {
    "measure", sizeof(struct cairn_measure), measure_fields,
    sizeof(measure_fields) / sizeof(measure_fields[0]), offsetof(struct cairn_measure, extra)};

static const struct cairn_field step_fields[] = {
    CAIRN_FIELD(struct cairn_step, title, CAIRN_T_STRING, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_step, due, CAIRN_T_DATE, 0),
    CAIRN_FIELD(struct cairn_step, done, CAIRN_T_DATE, 0),
};
const struct cairn_kind cairn_step_kind = {"step", sizeof(struct cairn_step), step_fields,
                                           sizeof(step_fields) / sizeof(step_fields[0]),
                                           offsetof(struct cairn_step, extra)};

static const struct cairn_field progress_fields[] = {
    CAIRN_FIELD(struct cairn_progress, date, CAIRN_T_DATE, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_progress, value, CAIRN_T_NUMBER, CAIRN_F_REQUIRED | CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_progress, note, CAIRN_T_STRING, 0),
};
const struct cairn_kind cairn_progress_kind = {
    "progress entry", sizeof(struct cairn_progress), progress_fields,
    sizeof(progress_fields) / sizeof(progress_fields[0]), offsetof(struct cairn_progress, extra)};

static const struct cairn_field goal_fields[] = {
    CAIRN_FIELD(struct cairn_goal, id, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_goal, title, CAIRN_T_STRING, CAIRN_F_REQUIRED),
    CAIRN_FIELD_ENUM(struct cairn_goal, horizon, 0, cairn_horizon_names),
    CAIRN_FIELD_ENUM(struct cairn_goal, domain, 0, cairn_domain_names),
    CAIRN_FIELD_ENUM(struct cairn_goal, area, 0, cairn_area_names),
    CAIRN_FIELD_ENUM(struct cairn_goal, status, CAIRN_F_REQUIRED, cairn_status_names),
    CAIRN_FIELD(struct cairn_goal, created, CAIRN_T_DATE, 0),
    CAIRN_FIELD(struct cairn_goal, start, CAIRN_T_DATE, 0),
    CAIRN_FIELD(struct cairn_goal, due, CAIRN_T_DATE, 0),
    CAIRN_FIELD(struct cairn_goal, specific, CAIRN_T_TEXT, 0),
    CAIRN_FIELD_SUB(struct cairn_goal, measure, CAIRN_T_MAP, 0, &cairn_measure_kind),
    CAIRN_FIELD(struct cairn_goal, achievable, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_goal, relevant, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_goal, serves, CAIRN_T_IDLIST, 0),
    CAIRN_FIELD_SUB(struct cairn_goal, steps, CAIRN_T_LIST, 0, &cairn_step_kind),
    CAIRN_FIELD_SUB(struct cairn_goal, progress, CAIRN_T_LIST, 0, &cairn_progress_kind),
    CAIRN_FIELD(struct cairn_goal, tags, CAIRN_T_STRLIST, 0),
    CAIRN_FIELD(struct cairn_goal, completed, CAIRN_T_DATE, 0),
    CAIRN_FIELD(struct cairn_goal, reason, CAIRN_T_TEXT, 0),
};
const struct cairn_kind cairn_goal_kind = {"goal", sizeof(struct cairn_goal), goal_fields,
                                           sizeof(goal_fields) / sizeof(goal_fields[0]),
                                           offsetof(struct cairn_goal, extra)};

struct cairn_goal *cairn_goal_new(void)
{
	return cairn_record_new(&cairn_goal_kind);
}

void cairn_goal_free(struct cairn_goal *g)
{
	cairn_record_free(&cairn_goal_kind, g);
}

int cairn_goal_validate(const struct cairn_goal *g, const char *file, cairn_err *err)
{
	char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF];
	int rc;

	if ((rc = cairn_record_check(&cairn_goal_kind, g, err)))
		goto out;
	if (file && !cairn_repo_file_names_id(file, g->id)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "id '%s' does not match the file name", g->id);
		cairn_err_hint(err,
		               "a goal's file is goals/<id>.yaml: rename the file or fix the id");
		goto out;
	}
	if (!g->title[0] || strspn(g->title, " \t") == strlen(g->title)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "title is empty");
		goto out;
	}
	if (g->start && g->due && g->due < g->start) {
		rc = cairn_err_set(err, CAIRN_EDATA, "due %s is before start %s",
		                   cairn_date_format(g->due, a), cairn_date_format(g->start, b));
		cairn_err_hint(err, "a goal must be due on or after the day it starts");
		goto out;
	}
	for (size_t i = 0; i < g->serves.n; i++)
		if (!strcmp(g->serves.v[i], g->id)) {
			rc = cairn_err_set(err, CAIRN_EDATA, "serves: a goal cannot serve itself");
			goto out;
		}
	for (size_t i = 0; i < g->steps.n; i++)
		if (!g->steps.v[i].title[0]) {
			rc = cairn_err_set(err, CAIRN_EDATA, "steps[%zu].title is empty", i + 1);
			goto out;
		}
out:
	if (rc && file && !err->file[0])
		cairn_err_at(err, file, 0, 0);
	return rc;
}

int cairn_goal_parse(struct cairn_goal **out, const char *buf, size_t len, const char *file,
                     cairn_err *err)
{
	struct cairn_goal *g = cairn_goal_new();
	int rc;

	*out = NULL;
	if (!g)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_record_parse(&cairn_goal_kind, g, buf, len, file, err);
	if (!rc)
		rc = cairn_goal_validate(g, file, err);
	if (rc) {
		cairn_goal_free(g);
		return rc;
	}
	*out = g;
	return 0;
}

int cairn_goal_read_file(struct cairn_goal **out, const char *path, const char *name,
                         cairn_err *err)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = cairn_fs_read(&buf, &len, path, CAIRN_YAML_MAX_BYTES + 1, err))) {
		cairn_err_at(err, name, 0, 0);
		return rc;
	}
	rc = cairn_goal_parse(out, buf, len, name, err);
	free(buf);
	return rc;
}

int cairn_goal_load(struct cairn_goal **out, const struct cairn_repo *repo, const char *id,
                    cairn_err *err)
{
	char *rel, *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (cairn_id_check(id, "goal id", err))
		return CAIRN_EDATA;
	if (!(rel = cairn_repo_record_path(CAIRN_GOALS_DIR, id)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_repo_read(&buf, &len, repo, rel, err);
	if (rc == CAIRN_ENOTFOUND) {
		cairn_err_set(err, CAIRN_ENOTFOUND, "no goal '%s'", id);
		cairn_err_hint(err, "`cairn goal list --all` shows the goals");
	}
	if (!rc) {
		rc = cairn_goal_parse(out, buf, len, rel, err);
		free(buf);
	}
	free(rel);
	return rc;
}

int cairn_goal_resolve(char *buf, const struct cairn_repo *repo, const char *prefix, cairn_err *err)
{
	return cairn_repo_resolve(buf, repo, CAIRN_GOALS_DIR, "goal", prefix, err);
}

int cairn_goal_load_all(struct cairn_goal_set *out, const struct cairn_repo *repo, cairn_err *err)
{
	return cairn_goal_load_some(out, repo, -1, err);
}

int cairn_goal_load_some(struct cairn_goal_set *out, const struct cairn_repo *repo, int status,
                         cairn_err *err)
{
	char **ids;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cairn_repo_list(&ids, &n, repo, CAIRN_GOALS_DIR, err)))
		return rc;
	if (n && (!(out->v = calloc(n, sizeof(*out->v))) ||
	          !(out->bad = calloc(n, sizeof(*out->bad))))) {
		cairn_strv_free(ids);
		cairn_goal_set_release(out);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		cairn_err e = CAIRN_ERR_INIT;
		rc = cairn_goal_load(&out->v[out->n], repo, ids[i], &e);
		if (rc == CAIRN_ENOMEM || rc == CAIRN_EIO) {
			*err = e;
			cairn_goal_set_release(out);
			break;
		}
		if (rc)
			out->bad[out->nbad++] = e;
		else if (status >= 0 && (int)out->v[out->n]->status != status)
			cairn_goal_free(out->v[out->n]); /* read, checked, not kept */
		else
			out->n++;
		rc = 0;
	}
	cairn_strv_free(ids);
	return rc;
}

int cairn_goal_set_add(struct cairn_goal_set *s, const struct cairn_repo *repo,
                       const struct cairn_strlist *ids, cairn_err *err)
{
	for (size_t i = 0; i < ids->n; i++) {
		struct cairn_goal **nv, *g = NULL;
		cairn_err e;
		int have = 0;
		for (size_t k = 0; k < s->n && !have; k++)
			have = !strcmp(s->v[k]->id, ids->v[i]);
		if (have || cairn_goal_load(&g, repo, ids->v[i], &e))
			continue;
		if (!(nv = realloc(s->v, (s->n + 1) * sizeof(*nv)))) {
			cairn_goal_free(g);
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		s->v = nv;
		s->v[s->n++] = g;
	}
	return 0;
}

int cairn_goal_load_served(struct cairn_goal_set *out, const struct cairn_repo *repo,
                           const struct cairn_goal *g, cairn_err *err)
{
	memset(out, 0, sizeof(*out));
	return cairn_goal_set_add(out, repo, &g->serves, err);
}

void cairn_goal_set_release(struct cairn_goal_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		cairn_goal_free(s->v[i]);
	free(s->v);
	free(s->bad);
	memset(s, 0, sizeof(*s));
}

int cairn_goal_default_horizon(cairn_date start, cairn_date due)
{
	if (!start || !due)
		return CAIRN_HORIZON_SHORT;
	return due <= cairn_date_add_months(start, CAIRN_SHORT_HORIZON_MONTHS) ? CAIRN_HORIZON_SHORT
	                                                                       : CAIRN_HORIZON_LONG;
}

int cairn_goal_set_status(struct cairn_goal *g, int status, cairn_date today, const char *reason,
                          cairn_err *err)
{
	int from = g->status, ok;
	const char *verb;

	switch (status) {
	case CAIRN_STATUS_PAUSED:
		ok = from == CAIRN_STATUS_ACTIVE;
		verb = "pause";
		break;
	case CAIRN_STATUS_ACTIVE:
		ok = from == CAIRN_STATUS_PAUSED || from == CAIRN_STATUS_DRAFT;
		verb = "resume";
		break;
	case CAIRN_STATUS_DONE:
		ok = from == CAIRN_STATUS_ACTIVE || from == CAIRN_STATUS_PAUSED;
		verb = "complete";
		break;
	case CAIRN_STATUS_DROPPED:
		ok = from != CAIRN_STATUS_DONE && from != CAIRN_STATUS_DROPPED;
		verb = "drop";
		break;
	default:
		return cairn_err_set(err, CAIRN_EUSAGE, "no such status change");
	}
	if (!ok) {
		cairn_err_set(err, CAIRN_EDATA, "goal '%s' is %s: cannot %s it", g->id,
		              cairn_status_names[from], verb);
		if (from == CAIRN_STATUS_DONE || from == CAIRN_STATUS_DROPPED)
			cairn_err_hint(err,
			               "to reopen it, set status: active with `cairn goal edit %s`",
			               g->id);
		return CAIRN_EDATA;
	}
	g->status = status;
	if (status == CAIRN_STATUS_DONE)
		g->completed = today;
	if (status == CAIRN_STATUS_DROPPED && reason) {
		free(g->reason);
		if (!(g->reason = strdup(reason)))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	return 0;
}

int cairn_goal_record_progress(struct cairn_goal *g, double value, cairn_date date,
                               const char *note, cairn_err *err)
{
	struct cairn_progress *p;

	if (!isfinite(value) || value < 0)
		return cairn_err_set(err, CAIRN_EDATA, "progress value may not be negative (%g)",
		                     value);
	if (g->status == CAIRN_STATUS_DONE || g->status == CAIRN_STATUS_DROPPED) {
		cairn_err_set(err, CAIRN_EDATA, "goal '%s' is %s: its progress is closed", g->id,
		              cairn_status_names[g->status]);
		return CAIRN_EDATA;
	}
	if (!g->measure && !(g->measure = cairn_record_new(&cairn_measure_kind)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	if (!(p = cairn_list_push((struct cairn_list *)&g->progress, &cairn_progress_kind)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	p->date = date;
	p->value.set = 1;
	p->value.v = value;
	if (note && !(p->note = strdup(note)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	/* the log stays in date order; the latest entry gives the current value */
	for (size_t i = g->progress.n - 1;
	     i > 0 && g->progress.v[i - 1].date > g->progress.v[i].date; i--) {
		struct cairn_progress t = g->progress.v[i];
		g->progress.v[i] = g->progress.v[i - 1];
		g->progress.v[i - 1] = t;
	}
	g->measure->current = g->progress.v[g->progress.n - 1].value;
	return 0;
}

int cairn_goal_find_step(size_t *index, const struct cairn_goal *g, const char *which,
                         cairn_err *err)
{
	size_t len = strlen(which), found = 0, at = 0;
	char *end;
	unsigned long k;

	if (!g->steps.n)
		return cairn_err_set(err, CAIRN_ENOTFOUND, "goal '%s' has no steps", g->id);
	if (isdigit((unsigned char)which[0])) {
		k = strtoul(which, &end, 10);
		if (!*end) {
			if (k < 1 || k > g->steps.n) {
				cairn_err_set(err, CAIRN_ENOTFOUND, "goal '%s' has no step %lu",
				              g->id, k);
				cairn_err_hint(err, "its steps are numbered 1 to %zu", g->steps.n);
				return CAIRN_ENOTFOUND;
			}
			*index = k - 1;
			return 0;
		}
	}
	for (size_t i = 0; i < g->steps.n; i++) {
		if (!strcasecmp(g->steps.v[i].title, which)) {
			*index = i;
			return 0;
		}
		if (!strncasecmp(g->steps.v[i].title, which, len)) {
			found++;
			at = i;
		}
	}
	if (found == 1) {
		*index = at;
		return 0;
	}
	if (!found) {
		cairn_err_set(err, CAIRN_ENOTFOUND, "goal '%s' has no step '%s'", g->id, which);
		cairn_err_hint(err,
		               "name a step by its number or the start of its title "
		               "(`cairn goal show %s`)",
		               g->id);
		return CAIRN_ENOTFOUND;
	}
	cairn_err_set(err, CAIRN_EUSAGE, "step '%s' is ambiguous: %zu steps start with it", which,
	              found);
	cairn_err_hint(err, "name the step by its number (`cairn goal show %s`)", g->id);
	return CAIRN_EUSAGE;
}

double cairn_goal_progress_share(const struct cairn_goal *g)
{
	const struct cairn_measure *m = g->measure;

	if (m && m->target.set) {
		double base = m->baseline.set ? m->baseline.v : 0;
		double cur = m->current.set ? m->current.v : base;
		double share;
		if (m->target.v == base)
			return cur >= m->target.v ? 1.0 : 0.0;
		share = (cur - base) / (m->target.v - base);
		return share < 0 ? 0 : share > 1 ? 1 : share;
	}
	if (g->steps.n) {
		size_t done = 0;
		for (size_t i = 0; i < g->steps.n; i++)
			done += g->steps.v[i].done != CAIRN_DATE_NONE;
		return (double)done / (double)g->steps.n;
	}
	return -1;
}

int cairn_goal_put(struct cairn_txn *txn, const struct cairn_goal *g, cairn_err *err)
{
	char *rel, *yaml;
	size_t len;
	int rc;

	if ((rc = cairn_record_write(&yaml, &len, &cairn_goal_kind, g, err)))
		return rc;
	if (!(rel = cairn_repo_record_path(CAIRN_GOALS_DIR, g->id))) {
		free(yaml);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	rc = cairn_txn_put(txn, rel, yaml, len, err);
	free(rel);
	free(yaml);
	return rc;
}

/* ---- the write road ---- */

static int commit_goal(struct cairn_txn *txn, const struct cairn_goal *before,
                       const struct cairn_goal *after, const char *command, int *changed,
                       cairn_err *err)
{
	struct cairn_buf msg = {0};
	char *body = NULL;
	int rc;

	if (after && (rc = cairn_goal_put(txn, after, err)))
		return rc;
	cairn_buf_printf(&msg, "%s: %s\n", command, after ? after->id : before->id);
	if (before && after) {
		if (cairn_record_diff(&body, &cairn_goal_kind, before, after))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		if (body[0])
			cairn_buf_printf(&msg, "\n%s", body);
		free(body);
	} else if (after) {
		cairn_buf_printf(&msg, "\nadded: %s\n", after->title);
	} else {
		cairn_buf_printf(&msg, "\nremoved: %s\n", before->title);
	}
	if (msg.failed) {
		cairn_buf_release(&msg);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	rc = cairn_txn_commit(txn, msg.data, changed, err);
	cairn_buf_release(&msg);
	return rc;
}

static int goal_taken(const char *id, void *repo)
{
	return cairn_repo_has(repo, CAIRN_GOALS_DIR, id);
}

static int id_taken(const char *id, cairn_err *err)
{
	cairn_err_set(err, CAIRN_EEXISTS, "a goal '%s' exists already", id);
	cairn_err_hint(err, "choose another --id, or change that goal with `cairn goal edit %s`",
	               id);
	return CAIRN_EEXISTS;
}

int cairn_goal_add_precheck(const struct cairn_repo *repo, const struct cairn_goal *g,
                            cairn_err *err)
{
	char slug[CAIRN_ID_MAX + 1];

	if (!g->id)
		return cairn_id_slug(slug, g->title ? g->title : "", err);
	if (cairn_id_check(g->id, "goal id", err))
		return CAIRN_EDATA;
	return goal_taken(g->id, (void *)repo) ? id_taken(g->id, err) : 0;
}

int cairn_goal_add(struct cairn_repo *repo, struct cairn_goal *g, double timeout, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	char id[CAIRN_ID_MAX + 1];
	int rc;

	if (!g->id) {
		char slug[CAIRN_ID_MAX + 1];
		if ((rc = cairn_id_slug(slug, g->title ? g->title : "", err)))
			return rc;
		snprintf(id, sizeof(id), "%s", slug);
	} else {
		if (cairn_id_check(g->id, "goal id", err))
			return CAIRN_EDATA;
		snprintf(id, sizeof(id), "%s", g->id);
	}
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if (g->id) {
		if (cairn_repo_has(repo, CAIRN_GOALS_DIR, g->id)) {
			rc = id_taken(g->id, err);
			goto out;
		}
	} else {
		char unique[CAIRN_ID_MAX + 1];
		if ((rc = cairn_id_unique_by(unique, id, goal_taken, (void *)repo, err)))
			goto out;
		if (!(g->id = strdup(unique))) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
	}
	for (size_t i = 0; i < g->serves.n; i++)
		if (!cairn_id_valid(g->serves.v[i]) ||
		    !cairn_repo_has(repo, CAIRN_GOALS_DIR, g->serves.v[i])) {
			rc = cairn_err_set(err, CAIRN_ENOTFOUND, "serves: no goal '%s'",
			                   g->serves.v[i]);
			cairn_err_hint(err,
			               "add the long-term goal first, then the goals that serve "
			               "it");
			goto out;
		}
	if ((rc = cairn_goal_validate(g, NULL, err)))
		goto out;
	rc = commit_goal(txn, NULL, g, "goal add", NULL, err);
out:
	cairn_txn_free(txn);
	return rc;
}

int cairn_goal_update(struct cairn_repo *repo, const char *id, const char *command,
                      cairn_goal_mutate_fn mutate, void *ctx, double timeout, int *changed,
                      cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_goal *before = NULL, *after = NULL;
	int rc;

	if (changed)
		*changed = 0;
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = cairn_goal_load(&before, repo, id, err)))
		goto out;
	if (!(after = cairn_goal_new()) || cairn_record_copy(&cairn_goal_kind, after, before)) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = mutate(after, ctx, err)))
		goto out;
	if ((rc = cairn_goal_validate(after, NULL, err)))
		goto out;
	if (strcmp(after->id, before->id)) {
		rc =
		    cairn_err_set(err, CAIRN_EDATA, "the id of a goal cannot change ('%s' -> '%s')",
		                  before->id, after->id);
		goto out;
	}
	rc = commit_goal(txn, before, after, command, changed, err);
out:
	cairn_goal_free(before);
	cairn_goal_free(after);
	cairn_txn_free(txn);
	return rc;
}

int cairn_goal_remove(struct cairn_repo *repo, const char *id, int force, double timeout,
                      cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_goal *g = NULL;
	struct cairn_goal_set all = {0};
	char *rel = NULL;
	int rc;

	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = cairn_goal_load(&g, repo, id, err)))
		goto out;
	if (!force) {
		if ((rc = cairn_goal_load_all(&all, repo, err)))
			goto out;
		if (all.nbad) {
			*err = all.bad[0];
			cairn_err_hint(err,
			               "cannot tell whether this file serves '%s': fix it "
			               "(cairn doctor), or use --force",
			               id);
			rc = err->code;
			goto out;
		}
		for (size_t i = 0; i < all.n; i++)
			if (cairn_strlist_has(&all.v[i]->serves, id)) {
				rc = cairn_err_set(err, CAIRN_EDATA, "goal '%s' serves '%s'",
				                   all.v[i]->id, id);
				cairn_err_hint(err, "change or remove '%s' first, or use --force",
				               all.v[i]->id);
				goto out;
			}
		{
			/* a plan that names it would name nothing */
			struct cairn_plan_set plans;
			if ((rc = cairn_plan_load_all(&plans, repo, err)))
				goto out;
			for (size_t i = 0; !rc && i < plans.n; i++)
				if (cairn_strlist_has(&plans.v[i]->goals, id)) {
					rc = cairn_err_set(err, CAIRN_EDATA,
					                   "plan '%s' holds goal '%s'",
					                   plans.v[i]->id, id);
					cairn_err_hint(
					    err,
					    "take it out first (cairn plan rm-goal %s %s), or "
					    "use --force",
					    plans.v[i]->id, id);
				}
			cairn_plan_set_release(&plans);
			if (rc)
				goto out;
		}
	}
	if (!(rel = cairn_repo_record_path(CAIRN_GOALS_DIR, id))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	{
		/* only what git can give back is removed, as the message promises */
		char state, again[CAIRN_ID_MAX + 24];
		if ((rc = cairn_git_path_state(&state, repo, rel, err)))
			goto out;
		if (state) {
			snprintf(again, sizeof(again), "cairn goal rm %s", id);
			rc = cairn_refuse_removal(err, state, rel, again);
			goto out;
		}
	}
	if ((rc = cairn_txn_remove(txn, rel, err)))
		goto out;
	rc = commit_goal(txn, g, NULL, "goal rm", NULL, err);
out:
	free(rel);
	cairn_goal_set_release(&all);
	cairn_goal_free(g);
	cairn_txn_free(txn);
	return rc;
}

int cairn_goal_replace(struct cairn_repo *repo, const char *id, const char *original,
                       size_t original_len, const struct cairn_goal *g, double timeout,
                       int *changed, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_goal *before = NULL;
	char *rel = NULL, *now = NULL;
	size_t now_len;
	int rc;
	cairn_err ignored;

	if (changed)
		*changed = 0;
	if (strcmp(g->id, id)) {
		cairn_err_set(err, CAIRN_EDATA, "the id of a goal cannot change ('%s' -> '%s')", id,
		              g->id);
		cairn_err_hint(err, "keep id: %s; to rename a goal, add a new one and remove this",
		               id);
		return CAIRN_EDATA;
	}
	if ((rc = cairn_goal_validate(g, NULL, err)))
		return rc;
	if (!(rel = cairn_repo_record_path(CAIRN_GOALS_DIR, id)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		goto out;
	if ((rc = cairn_repo_read(&now, &now_len, repo, rel, err)))
		goto out;
	if (now_len != original_len || memcmp(now, original, now_len)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "%s changed while you were editing it", rel);
		cairn_err_hint(err, "run `cairn goal edit %s` again to edit the new version", id);
		goto out;
	}
	cairn_goal_parse(&before, now, now_len, rel, &ignored);
	if (before) {
		rc = commit_goal(txn, before, g, "goal edit", changed, err);
	} else {
		struct cairn_buf msg = {0};
		if ((rc = cairn_goal_put(txn, g, err)))
			goto out;
		cairn_buf_printf(&msg, "goal edit: %s\n\nrepaired an invalid file\n", id);
		rc = msg.failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
		                : cairn_txn_commit(txn, msg.data, changed, err);
		cairn_buf_release(&msg);
	}
out:
	cairn_goal_free(before);
	free(now);
	free(rel);
	cairn_txn_free(txn);
	return rc;
}

int cairn_goal_filter_match(const struct cairn_goal_filter *f, const struct cairn_goal *g)
{
	if (f->status) {
		if (g->status != f->status)
			return 0;
	} else if (!f->all &&
	           (g->status == CAIRN_STATUS_DONE || g->status == CAIRN_STATUS_DROPPED)) {
		return 0;
	}
	if (f->horizon && g->horizon != f->horizon)
		return 0;
	if (f->domain && g->domain != f->domain)
		return 0;
	if (f->area && g->area != f->area)
		return 0;
	if (f->tag && !cairn_strlist_has(&g->tags, f->tag))
		return 0;
	if (f->due_before && (!g->due || g->due > f->due_before))
		return 0;
	return 1;
}

static int cmp_due(const void *a, const void *b)
{
	const struct cairn_goal *x = *(struct cairn_goal *const *)a,
	                        *y = *(struct cairn_goal *const *)b;

	if (x->due != y->due) {
		if (!x->due)
			return 1;
		if (!y->due)
			return -1;
		return x->due < y->due ? -1 : 1;
	}
	return strcmp(x->id, y->id);
}

void cairn_goal_set_sort(struct cairn_goal_set *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_due);
}

int cairn_goal_overdue(const struct cairn_goal *g, cairn_date today)
{
	return g->due && g->due < today &&
	       (g->status == CAIRN_STATUS_ACTIVE || g->status == CAIRN_STATUS_PAUSED ||
	        g->status == CAIRN_STATUS_DRAFT);
}
