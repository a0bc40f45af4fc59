/* cairn — development plans and their reviews */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/fs.h"
#include "cairn/id.h"
#include "cairn/plan.h"
#include "cairn/smart.h"
#include "cairn/txn.h"

const char *const cairn_still_fits_names[] = {NULL, "yes", "adjust", NULL};

static const struct cairn_field plan_review_fields[] = {
    CAIRN_FIELD(struct cairn_plan_review, every, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_plan_review, next, CAIRN_T_DATE, 0),
};
static const struct cairn_kind plan_review_kind = {
    "review", sizeof(struct cairn_plan_review), plan_review_fields,
    sizeof(plan_review_fields) / sizeof(plan_review_fields[0]),
    offsetof(struct cairn_plan_review, extra)};

static const struct cairn_field plan_fields[] = {
    CAIRN_FIELD(struct cairn_plan, id, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_plan, title, CAIRN_T_STRING, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_plan, start, CAIRN_T_DATE, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_plan, end, CAIRN_T_DATE, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_plan, goals, CAIRN_T_IDLIST, 0),
    CAIRN_FIELD(struct cairn_plan, evaluation, CAIRN_T_TEXT, 0),
    CAIRN_FIELD_SUB(struct cairn_plan, review, CAIRN_T_MAP, 0, &plan_review_kind),
    CAIRN_FIELD(struct cairn_plan, notes, CAIRN_T_TEXT, 0),
};
const struct cairn_kind cairn_plan_kind = {"plan", sizeof(struct cairn_plan), plan_fields,
                                           sizeof(plan_fields) / sizeof(plan_fields[0]),
                                           offsetof(struct cairn_plan, extra)};

static const struct cairn_field snap_fields[] = {
    CAIRN_FIELD(struct cairn_snap, goal, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD_ENUM(struct cairn_snap, status, 0, cairn_status_names),
    CAIRN_FIELD(struct cairn_snap, current, CAIRN_T_NUMBER, 0),
    CAIRN_FIELD(struct cairn_snap, target, CAIRN_T_NUMBER, 0),
    CAIRN_FIELD(struct cairn_snap, unit, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_snap, open_steps, CAIRN_T_NUMBER, CAIRN_F_INTEGER | CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_snap, overdue_steps, CAIRN_T_NUMBER, CAIRN_F_INTEGER | CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_snap, smart, CAIRN_T_STRING, 0),
};
static const struct cairn_kind snap_kind = {"snapshot", sizeof(struct cairn_snap), snap_fields,
                                            sizeof(snap_fields) / sizeof(snap_fields[0]),
                                            offsetof(struct cairn_snap, extra)};

static const struct cairn_field review_fields[] = {
    CAIRN_FIELD(struct cairn_review, plan, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_review, date, CAIRN_T_DATE, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_review, achieved, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_review, challenges, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_review, motivation, CAIRN_T_NUMBER, CAIRN_F_INTEGER | CAIRN_F_NONNEG),
    CAIRN_FIELD_ENUM(struct cairn_review, still_fits, 0, cairn_still_fits_names),
    CAIRN_FIELD(struct cairn_review, feedback, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_review, adjustments, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_review, next, CAIRN_T_DATE, 0),
    CAIRN_FIELD_SUB(struct cairn_review, snapshot, CAIRN_T_LIST, 0, &snap_kind),
};
const struct cairn_kind cairn_review_kind = {"review", sizeof(struct cairn_review), review_fields,
                                             sizeof(review_fields) / sizeof(review_fields[0]),
                                             offsetof(struct cairn_review, extra)};

/* ---- cadence ---- */

/* The step of a cadence: days, or months when *months is set. 0 when it is not one. */
static int cadence_step(const char *every, int *months)
{
	char *end;
	long n;

	*months = 0;
	if (!every)
		return 0;
	if (!strcmp(every, "weekly"))
		return 7;
	if (!strcmp(every, "biweekly"))
		return 14;
	if (!strcmp(every, "monthly"))
		return *months = 1;
	if (!strcmp(every, "quarterly"))
		return *months = 3;
	n = strtol(every, &end, 10);
	if (end != every && !strcmp(end, "d") && n >= 1 && n <= 366)
		return (int)n;
	return 0;
}

int cairn_cadence_valid(const char *every)
{
	int m;

	return cadence_step(every, &m) > 0;
}

cairn_date cairn_cadence_nth(cairn_date anchor, const char *every, int k)
{
	int months, step = cadence_step(every, &months);

	if (!step)
		return CAIRN_DATE_NONE;
	return months ? cairn_date_add_months(anchor, k * step)
	              : cairn_date_add_days(anchor, k * step);
}

cairn_date cairn_cadence_after(cairn_date anchor, const char *every, cairn_date day)
{
	int months, step = cadence_step(every, &months), k;

	if (!step)
		return CAIRN_DATE_NONE;
	/* start near the answer, then walk: months are not all the same length */
	k = day > anchor ? (int)((day - anchor) / (months ? 31 * step : step)) : 0;
	while (k > 0 && cairn_cadence_nth(anchor, every, k) > day)
		k--;
	while (cairn_cadence_nth(anchor, every, k) <= day)
		k++;
	return cairn_cadence_nth(anchor, every, k);
}

/* ---- plans ---- */

int cairn_plan_validate(const struct cairn_plan *p, const char *file, cairn_err *err)
{
	char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF];
	int rc;

	if ((rc = cairn_record_check(&cairn_plan_kind, p, err)))
		goto out;
	if (file && !cairn_repo_file_names_id(file, p->id)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "id '%s' does not match the file name", p->id);
		cairn_err_hint(err,
		               "a plan's file is plans/<id>.yaml: rename the file or fix the id");
		goto out;
	}
	if (p->end <= p->start) {
		rc = cairn_err_set(err, CAIRN_EDATA, "end %s is not after start %s",
		                   cairn_date_format(p->end, a), cairn_date_format(p->start, b));
		goto out;
	}
	if (p->review && p->review->every && !cairn_cadence_valid(p->review->every)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "review.every: '%s' is not a cadence",
		                   p->review->every);
		cairn_err_hint(err,
		               "weekly, biweekly, monthly, quarterly, or a number of days: 10d");
		goto out;
	}
out:
	if (rc && file && !err->file[0])
		cairn_err_at(err, file, 0, 0);
	return rc;
}

void cairn_plan_free(struct cairn_plan *p)
{
	cairn_record_free(&cairn_plan_kind, p);
}

int cairn_plan_parse(struct cairn_plan **out, const char *buf, size_t len, const char *file,
                     cairn_err *err)
{
	struct cairn_plan *p = cairn_record_new(&cairn_plan_kind);
	int rc;

	*out = NULL;
	if (!p)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_record_parse(&cairn_plan_kind, p, buf, len, file, err);
	if (!rc)
		rc = cairn_plan_validate(p, file, err);
	if (rc) {
		cairn_plan_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

int cairn_plan_load(struct cairn_plan **out, const struct cairn_repo *repo, const char *id,
                    cairn_err *err)
{
	char *rel, *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (cairn_id_check(id, "plan id", err))
		return CAIRN_EDATA;
	if (!(rel = cairn_repo_record_path(CAIRN_PLANS_DIR, id)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_repo_read(&buf, &len, repo, rel, err);
	if (rc == CAIRN_ENOTFOUND) {
		cairn_err_set(err, CAIRN_ENOTFOUND, "no plan '%s'", id);
		cairn_err_hint(err, "`cairn plan list` shows the plans");
	}
	if (!rc) {
		rc = cairn_plan_parse(out, buf, len, rel, err);
		free(buf);
	}
	free(rel);
	return rc;
}

int cairn_plan_resolve(char *buf, const struct cairn_repo *repo, const char *prefix, cairn_err *err)
{
	int rc = cairn_repo_resolve(buf, repo, CAIRN_PLANS_DIR, "plan", prefix, err);

	if (rc == CAIRN_ENOTFOUND)
		cairn_err_hint(err, "`cairn plan list` shows the plans");
	return rc;
}

int cairn_plan_load_all(struct cairn_plan_set *out, const struct cairn_repo *repo, cairn_err *err)
{
	char **ids;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cairn_repo_list(&ids, &n, repo, CAIRN_PLANS_DIR, err)))
		return rc;
	if (n && (!(out->v = calloc(n, sizeof(*out->v))) ||
	          !(out->bad = calloc(n, sizeof(*out->bad))))) {
		cairn_strv_free(ids);
		cairn_plan_set_release(out);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		cairn_err e = CAIRN_ERR_INIT;
		rc = cairn_plan_load(&out->v[out->n], repo, ids[i], &e);
		if (rc == CAIRN_ENOMEM || rc == CAIRN_EIO) {
			*err = e;
			cairn_plan_set_release(out);
			cairn_strv_free(ids);
			return rc;
		}
		if (rc)
			out->bad[out->nbad++] = e;
		else
			out->n++;
	}
	cairn_strv_free(ids);
	return 0;
}

int cairn_plan_default_cadence(char *buf, size_t size, const struct cairn_repo *repo,
                               cairn_err *err)
{
	struct cairn_profile *p = NULL;
	int rc;

	if ((rc = cairn_repo_profile(&p, repo, err)))
		return rc;
	/* the profile's cadence was checked when it was read */
	snprintf(buf, size, "%s",
	         p->settings && p->settings->review_every ? p->settings->review_every : "monthly");
	cairn_profile_free(p);
	return 0;
}

void cairn_plan_set_release(struct cairn_plan_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		cairn_plan_free(s->v[i]);
	free(s->v);
	free(s->bad);
	memset(s, 0, sizeof(*s));
}

int cairn_plan_set_cadence(struct cairn_plan *p, const char *every)
{
	char *e;

	if (!p->review && !(p->review = cairn_record_new(&plan_review_kind)))
		return CAIRN_ENOMEM;
	if (!(e = strdup(every)))
		return CAIRN_ENOMEM;
	free(p->review->every);
	p->review->every = e;
	return 0;
}

cairn_date cairn_plan_next_review(const struct cairn_plan *p, cairn_date day)
{
	cairn_date next, from = day;

	if (!p->review || !p->review->every)
		return CAIRN_DATE_NONE;
	/* held in the second half of the period before the scheduled review, it is that
	 * review; earlier, it is an extra one and the schedule stays */
	if (p->review->next && p->review->next > day) {
		cairn_date prev;
		int k = 0;
		while (cairn_cadence_nth(p->start, p->review->every, k + 1) < p->review->next)
			k++;
		prev = cairn_cadence_nth(p->start, p->review->every, k);
		if (!(prev < p->review->next && day >= prev + (p->review->next - prev) / 2))
			return p->review->next <= p->end ? p->review->next : CAIRN_DATE_NONE;
		from = p->review->next;
	}
	next = cairn_cadence_after(p->start, p->review->every, from);
	return next <= p->end ? next : CAIRN_DATE_NONE;
}

int cairn_plan_review_due(const struct cairn_plan *p, cairn_date day)
{
	return p->review && p->review->next && p->review->next <= day && day <= p->end;
}

int cairn_plans_due(char ***ids, size_t *n, const struct cairn_repo *repo, cairn_date day,
                    cairn_err *err)
{
	struct cairn_plan_set s;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = cairn_plan_load_all(&s, repo, err)))
		return rc;
	if (!(*ids = calloc(s.n + 1, sizeof(**ids)))) {
		cairn_plan_set_release(&s);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < s.n; i++)
		if (cairn_plan_review_due(s.v[i], day))
			(*ids)[(*n)++] = strdup(s.v[i]->id);
	cairn_plan_set_release(&s);
	return 0;
}

/* The canonical file of rec into txn at rel. */
static int put(struct cairn_txn *txn, const struct cairn_kind *kind, const void *rec,
               const char *rel, cairn_err *err)
{
	char *yaml;
	size_t len;
	int rc;

	if ((rc = cairn_record_write(&yaml, &len, kind, rec, err)))
		return rc;
	rc = cairn_txn_put(txn, rel, yaml, len, err);
	free(yaml);
	return rc;
}

/* Every goal the plan names must exist. */
static int check_goals(const struct cairn_repo *repo, const struct cairn_plan *p, cairn_err *err)
{
	char **ids;
	size_t n;
	int rc;

	if ((rc = cairn_repo_list(&ids, &n, repo, CAIRN_GOALS_DIR, err)))
		return rc;
	for (size_t i = 0; !rc && i < p->goals.n; i++)
		if (!cairn_strlist_has(&(struct cairn_strlist){ids, n}, p->goals.v[i])) {
			rc = cairn_err_set(err, CAIRN_ENOTFOUND, "goals: no goal '%s'",
			                   p->goals.v[i]);
			cairn_err_hint(err, "`cairn goal list --all` shows the goals");
		}
	cairn_strv_free(ids);
	return rc;
}

int cairn_plan_add(struct cairn_repo *repo, struct cairn_plan *p, double timeout, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_buf msg = {0};
	char *rel = NULL, *abs = NULL;
	int rc;

	if (p->review && p->review->every && !p->review->next)
		p->review->next = cairn_cadence_after(p->start, p->review->every, p->start);
	if ((rc = cairn_plan_validate(p, NULL, err)))
		return rc;
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if (!(rel = cairn_repo_record_path(CAIRN_PLANS_DIR, p->id)) ||
	    !(abs = cairn_repo_path(repo, rel))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if (cairn_fs_exists(abs)) {
		rc = cairn_err_set(err, CAIRN_EEXISTS, "a plan '%s' exists already", p->id);
		cairn_err_hint(err, "choose another id; `cairn plan show %s` shows this one",
		               p->id);
		goto out;
	}
	if ((rc = check_goals(repo, p, err)) || (rc = put(txn, &cairn_plan_kind, p, rel, err)))
		goto out;
	cairn_buf_printf(&msg, "plan new: %s\n\nadded: %s\n", p->id, p->title);
	rc = msg.failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
	                : cairn_txn_commit(txn, msg.data, NULL, err);
out:
	cairn_buf_release(&msg);
	free(abs);
	free(rel);
	cairn_txn_free(txn);
	return rc;
}

int cairn_plan_update(struct cairn_repo *repo, const char *id, const char *command,
                      cairn_plan_mutate_fn mutate, void *ctx, double timeout, int *changed,
                      cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_plan *before = NULL, *after = NULL;
	struct cairn_buf msg = {0};
	char *rel = NULL, *body = NULL;
	int rc;

	if (changed)
		*changed = 0;
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = cairn_plan_load(&before, repo, id, err)))
		goto out;
	if (!(after = cairn_record_new(&cairn_plan_kind)) ||
	    cairn_record_copy(&cairn_plan_kind, after, before) ||
	    !(rel = cairn_repo_record_path(CAIRN_PLANS_DIR, id))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = mutate(after, ctx, err)) || (rc = cairn_plan_validate(after, rel, err)) ||
	    (rc = check_goals(repo, after, err)) ||
	    (rc = put(txn, &cairn_plan_kind, after, rel, err)))
		goto out;
	if (cairn_record_diff(&body, &cairn_plan_kind, before, after)) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	cairn_buf_printf(&msg, "%s: %s\n%s%s", command, id, body[0] ? "\n" : "", body);
	rc = msg.failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
	                : cairn_txn_commit(txn, msg.data, changed, err);
out:
	cairn_buf_release(&msg);
	free(body);
	free(rel);
	cairn_plan_free(before);
	cairn_plan_free(after);
	cairn_txn_free(txn);
	return rc;
}

int cairn_plan_replace(struct cairn_repo *repo, const char *id, const char *original,
                       size_t original_len, const struct cairn_plan *p, double timeout,
                       int *changed, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_plan *before = NULL;
	struct cairn_buf msg = {0};
	char *rel = NULL, *now = NULL, *body = NULL;
	size_t now_len;
	cairn_err ignored;
	int rc;

	if (changed)
		*changed = 0;
	if (strcmp(p->id, id)) {
		cairn_err_set(err, CAIRN_EDATA, "the id of a plan cannot change ('%s' -> '%s')", id,
		              p->id);
		cairn_err_hint(err, "keep id: %s", id);
		return CAIRN_EDATA;
	}
	if ((rc = cairn_plan_validate(p, NULL, err)))
		return rc;
	if (!(rel = cairn_repo_record_path(CAIRN_PLANS_DIR, id)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)) ||
	    (rc = cairn_repo_read(&now, &now_len, repo, rel, err)))
		goto out;
	if (now_len != original_len || memcmp(now, original, now_len)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "%s changed while you were editing it", rel);
		cairn_err_hint(err, "run `cairn plan edit %s` again to edit the new version", id);
		goto out;
	}
	if ((rc = check_goals(repo, p, err)) || (rc = put(txn, &cairn_plan_kind, p, rel, err)))
		goto out;
	cairn_plan_parse(&before, now, now_len, rel, &ignored);
	if (before && cairn_record_diff(&body, &cairn_plan_kind, before, p)) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	cairn_buf_printf(&msg, "plan edit: %s\n%s%s", id, body && body[0] ? "\n" : "",
	                 before ? (body ? body : "") : "\nrepaired an invalid file\n");
	rc = msg.failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
	                : cairn_txn_commit(txn, msg.data, changed, err);
out:
	cairn_buf_release(&msg);
	free(body);
	cairn_plan_free(before);
	free(now);
	free(rel);
	cairn_txn_free(txn);
	return rc;
}

/* ---- reviews ---- */

/* A review's file is reviews/<plan>/<date>.yaml: its name must be its date and its folder
 * its plan. A name that is not <name>.yaml (a temporary copy) is not judged. */
static int review_names_file(const struct cairn_review *r, const char *file, cairn_err *err)
{
	const char *base = strrchr(file, '/'), *folder = NULL;
	char d[CAIRN_DATE_BUF];
	size_t len, flen = 0;
	cairn_date named;
	cairn_err e;

	if (base) {
		folder = base;
		while (folder > file && folder[-1] != '/')
			folder--;
		flen = (size_t)(base - folder);
		base++;
	} else {
		base = file;
	}
	len = strlen(base);
	if (len < 5 || strcmp(base + len - 5, ".yaml"))
		return 0;
	len -= 5;
	cairn_date_format(r->date, d);
	if (len != strlen(d) || strncmp(base, d, len)) {
		char name[CAIRN_ERR_MSG / 2];
		snprintf(name, sizeof(name), "%.*s", (int)len, base);
		if (!cairn_date_parse_iso(&named, name, &e))
			cairn_err_set(err, CAIRN_EDATA, "date %s does not match the file name", d);
		else
			cairn_err_set(err, CAIRN_EDATA,
			              "the file name '%s.yaml' is not the review's date (%s.yaml)",
			              name, d);
		cairn_err_hint(err, "a review's file is reviews/<plan>/<date>.yaml: rename the "
		                    "file or fix its date");
		return CAIRN_EDATA;
	}
	if (folder && flen && (strlen(r->plan) != flen || strncmp(folder, r->plan, flen))) {
		cairn_err_set(err, CAIRN_EDATA, "plan '%s' does not match the folder %.*s", r->plan,
		              (int)flen, folder);
		cairn_err_hint(err, "a review's file is reviews/<plan>/<date>.yaml: move the file "
		                    "or fix its plan");
		return CAIRN_EDATA;
	}
	return 0;
}

int cairn_review_validate(const struct cairn_review *r, const char *file, cairn_err *err)
{
	int rc;

	if ((rc = cairn_record_check(&cairn_review_kind, r, err)))
		goto out;
	if (r->motivation.set && (r->motivation.v < 1 || r->motivation.v > 5)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "motivation: %g is not 1 to 5",
		                   r->motivation.v);
		cairn_err_hint(err, "1: none left; 3: steady; 5: eager");
		goto out;
	}
	if (file && (rc = review_names_file(r, file, err)))
		goto out;
out:
	if (rc && file && !err->file[0])
		cairn_err_at(err, file, 0, 0);
	return rc;
}

void cairn_review_free(struct cairn_review *r)
{
	cairn_record_free(&cairn_review_kind, r);
}

int cairn_review_parse(struct cairn_review **out, const char *buf, size_t len, const char *file,
                       cairn_err *err)
{
	struct cairn_review *r = cairn_record_new(&cairn_review_kind);
	int rc;

	*out = NULL;
	if (!r)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_record_parse(&cairn_review_kind, r, buf, len, file, err);
	if (!rc)
		rc = cairn_review_validate(r, file, err);
	if (rc)
		cairn_review_free(r);
	else
		*out = r;
	return rc;
}

/* The answers of a review alone, as a --from file holds them: plan and date come from the
 * command. */
static const struct cairn_field answer_fields[] = {
    CAIRN_FIELD(struct cairn_review, achieved, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_review, challenges, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_review, motivation, CAIRN_T_NUMBER, CAIRN_F_INTEGER | CAIRN_F_NONNEG),
    CAIRN_FIELD_ENUM(struct cairn_review, still_fits, 0, cairn_still_fits_names),
    CAIRN_FIELD(struct cairn_review, feedback, CAIRN_T_TEXT, 0),
    CAIRN_FIELD(struct cairn_review, adjustments, CAIRN_T_TEXT, 0),
};
static const struct cairn_kind answers_kind = {
    "answers", sizeof(struct cairn_review), answer_fields,
    sizeof(answer_fields) / sizeof(answer_fields[0]), offsetof(struct cairn_review, extra)};

int cairn_review_read_answers(struct cairn_review **out, const char *path, cairn_err *err)
{
	struct cairn_ynode *root = NULL;
	struct cairn_review *r = cairn_record_new(&cairn_review_kind);
	char *buf = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if (!r)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	if ((rc = cairn_fs_read(&buf, &len, path, CAIRN_YAML_MAX_BYTES + 1, err))) {
		cairn_err_at(err, path, 0, 0);
		goto out;
	}
	if ((rc = cairn_yaml_parse(&root, buf, len, path, err)))
		goto out;
	if (!root || root->type != CAIRN_Y_MAP) {
		rc = cairn_err_set(err, CAIRN_EDATA, "expected the answers as key: value lines");
		cairn_err_at(err, path, root ? root->line : 1, root ? root->column : 1);
		cairn_err_hint(err, "the answers are achieved, challenges, motivation, still_fits, "
		                    "feedback and adjustments");
		goto out;
	}
	if ((rc = cairn_record_from_node(&answers_kind, r, root, path, err)))
		goto out;
	if (r->extra.n) {
		rc = cairn_err_set(err, CAIRN_EDATA, "'%s' is not an answer of a review",
		                   r->extra.v[0].key);
		cairn_err_hint(err, "the answers are achieved, challenges, motivation, still_fits, "
		                    "feedback and adjustments");
		cairn_err_at(err, path, r->extra.v[0].line, r->extra.v[0].column);
		goto out;
	}
	if (r->motivation.set && (r->motivation.v < 1 || r->motivation.v > 5)) {
		const struct cairn_ynode *v = cairn_ynode_get(root, "motivation");
		rc = cairn_err_set(err, CAIRN_EDATA, "motivation: %g is not 1 to 5",
		                   r->motivation.v);
		cairn_err_at(err, path, v ? v->line : 0, v ? v->column : 0);
		cairn_err_hint(err, "1: none left; 3: steady; 5: eager");
	}
out:
	cairn_ynode_free(root);
	free(buf);
	if (rc)
		cairn_review_free(r);
	else
		*out = r;
	return rc;
}

static char *review_folder(const char *plan)
{
	size_t n = strlen(CAIRN_REVIEWS_DIR) + strlen(plan) + 2;
	char *f = malloc(n);

	if (f)
		snprintf(f, n, "%s/%s", CAIRN_REVIEWS_DIR, plan);
	return f;
}

static char *review_path(const char *plan, cairn_date date)
{
	char d[CAIRN_DATE_BUF], *folder = review_folder(plan), *rel;

	if (!folder)
		return NULL;
	rel = cairn_repo_record_path(folder, cairn_date_format(date, d));
	free(folder);
	return rel;
}

int cairn_review_dates(cairn_date **out, size_t *n, const struct cairn_repo *repo, const char *plan,
                       cairn_err *err)
{
	char *folder = review_folder(plan), **ids = NULL;
	size_t k;
	int rc;

	*out = NULL;
	*n = 0;
	if (!folder)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_repo_list(&ids, &k, repo, folder, err);
	free(folder);
	if (rc)
		return rc;
	if (!(*out = calloc(k + 1, sizeof(**out)))) {
		cairn_strv_free(ids);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < k; i++) {
		cairn_err e;
		if (!cairn_date_parse_iso(&(*out)[*n], ids[i], &e))
			(*n)++;
	}
	cairn_strv_free(ids);
	return 0;
}

int cairn_review_load(struct cairn_review **out, const struct cairn_repo *repo, const char *plan,
                      cairn_date date, cairn_err *err)
{
	char *rel = review_path(plan, date), *buf;
	struct cairn_review *r;
	size_t len;
	int rc;

	*out = NULL;
	if (!rel || !(r = cairn_record_new(&cairn_review_kind))) {
		free(rel);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	rc = cairn_repo_read(&buf, &len, repo, rel, err);
	if (rc == CAIRN_ENOTFOUND) {
		char d[CAIRN_DATE_BUF];
		cairn_err_set(err, CAIRN_ENOTFOUND, "no review of plan %s on %s", plan,
		              cairn_date_format(date, d));
		cairn_err_hint(err, "`cairn plan reviews %s` lists them", plan);
	}
	if (!rc) {
		rc = cairn_record_parse(&cairn_review_kind, r, buf, len, rel, err);
		if (!rc)
			rc = cairn_review_validate(r, rel, err);
		free(buf);
	}
	free(rel);
	if (rc)
		cairn_review_free(r);
	else
		*out = r;
	return rc;
}

int cairn_review_snapshot(struct cairn_review *r, const struct cairn_plan *p,
                          struct cairn_goal *const *goals, size_t n, cairn_date today,
                          cairn_err *err)
{
	struct cairn_smart_context sc = {goals, n, 0, today};

	while (r->snapshot.n)
		cairn_list_remove((struct cairn_list *)&r->snapshot, &snap_kind, r->snapshot.n - 1);
	for (size_t i = 0; i < p->goals.n; i++) {
		const struct cairn_goal *g = NULL;
		struct cairn_snap *s;
		struct cairn_smart_result res;
		size_t open = 0, overdue = 0;
		for (size_t k = 0; k < n && !g; k++)
			if (!strcmp(goals[k]->id, p->goals.v[i]))
				g = goals[k];
		if (!g)
			continue; /* a goal removed by hand: doctor says so */
		if (!(s = cairn_list_push((struct cairn_list *)&r->snapshot, &snap_kind)) ||
		    !(s->goal = strdup(g->id)))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		s->status = g->status;
		if (g->measure) {
			s->current = g->measure->current;
			s->target = g->measure->target;
			if (g->measure->unit && !(s->unit = strdup(g->measure->unit)))
				return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		for (size_t k = 0; k < g->steps.n; k++)
			if (!g->steps.v[k].done) {
				open++;
				overdue += g->steps.v[k].due && g->steps.v[k].due < today;
			}
		s->open_steps = (struct cairn_num){1, (double)open};
		s->overdue_steps = (struct cairn_num){1, (double)overdue};
		cairn_smart_check(&res, g, &sc);
		if (!(s->smart = strdup(cairn_smart_verdicts[res.verdict])))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	return 0;
}

static struct cairn_goal *found_goal(const struct cairn_goal_set *found, const char *id)
{
	for (size_t i = 0; i < found->n; i++)
		if (!strcmp(found->v[i]->id, id))
			return found->v[i];
	return NULL;
}

int cairn_review_sitting(struct cairn_review *r, const struct cairn_plan *p,
                         const struct cairn_goal_set *found, struct cairn_goal **changed,
                         size_t *nchanged, struct cairn_goal ***before, cairn_date today,
                         cairn_err *err)
{
	struct cairn_goal **now = NULL;
	struct cairn_plan view = *p; /* the plan with the goals added in the sitting */
	size_t n = 0;
	int rc = 0;

	*before = NULL;
	/* a goal touched but left as it was is not a change */
	for (size_t i = 0; i < *nchanged;) {
		const struct cairn_goal *was = found_goal(found, changed[i]->id);
		char *diff = NULL;
		if (was && !cairn_record_diff(&diff, &cairn_goal_kind, was, changed[i]) &&
		    !diff[0]) {
			cairn_goal_free(changed[i]);
			changed[i] = changed[--*nchanged];
		} else {
			i++;
		}
		free(diff);
	}
	memset(&view.goals, 0, sizeof(view.goals));
	if (!(*before = calloc(*nchanged + 1, sizeof(**before))) ||
	    !(now = calloc(found->n + *nchanged + 1, sizeof(*now)))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < found->n; i++)
		now[n++] = found->v[i];
	for (size_t k = 0; k < *nchanged; k++) {
		struct cairn_goal *was = found_goal(found, changed[k]->id);
		(*before)[k] = was;
		if (!was) {
			now[n++] = changed[k];
			continue;
		}
		for (size_t i = 0; i < found->n; i++)
			if (now[i] == was)
				now[i] = changed[k];
	}
	for (size_t i = 0; !rc && i < p->goals.n; i++)
		rc = cairn_strlist_add(&view.goals, p->goals.v[i]);
	for (size_t k = 0; !rc && k < *nchanged; k++)
		if (!(*before)[k] && !cairn_strlist_has(&view.goals, changed[k]->id))
			rc = cairn_strlist_add(&view.goals, changed[k]->id);
	rc = rc ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
	        : cairn_review_snapshot(r, &view, now, n, today, err);
out:
	cairn_strlist_release(&view.goals);
	free(now);
	if (rc) {
		free(*before);
		*before = NULL;
	}
	return rc;
}

int cairn_review_goals(struct cairn_goal_set *out, const struct cairn_repo *repo,
                       const struct cairn_plan *p, struct cairn_goal *const *extra, size_t nextra,
                       cairn_err *err)
{
	size_t first = out->n;
	int rc = cairn_goal_set_add(out, repo, &p->goals, err);

	for (size_t i = first, end = out->n; !rc && i < end; i++)
		rc = cairn_goal_set_add(out, repo, &out->v[i]->serves, err);
	for (size_t k = 0; !rc && k < nextra; k++)
		rc = cairn_goal_set_add(out, repo, &extra[k]->serves, err);
	return rc;
}

int cairn_review_snapshot_goals(struct cairn_goal_set *out, const struct cairn_repo *repo,
                                const struct cairn_review *r, cairn_err *err)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < r->snapshot.n; i++) {
		struct cairn_strlist one = {&r->snapshot.v[i].goal, 1};
		rc = cairn_goal_set_add(out, repo, &one, err);
	}
	return rc;
}

int cairn_review_exists(const struct cairn_repo *repo, const char *plan, cairn_date date)
{
	char *rel = review_path(plan, date), *abs = rel ? cairn_repo_path(repo, rel) : NULL;
	int yes = abs && cairn_fs_exists(abs);

	free(abs);
	free(rel);
	return yes;
}

int cairn_review_save(struct cairn_repo *repo, struct cairn_review *r,
                      struct cairn_goal *const *before, struct cairn_goal *const *changed,
                      size_t nchanged, double timeout, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_plan *p = NULL;
	struct cairn_buf msg = {0};
	char *rel = NULL, *prel = NULL, d[CAIRN_DATE_BUF];
	int rc;

	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = cairn_plan_load(&p, repo, r->plan, err)))
		goto out;
	if (!(rel = review_path(r->plan, r->date)) ||
	    !(prel = cairn_repo_record_path(CAIRN_PLANS_DIR, r->plan))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if (cairn_review_exists(repo, r->plan, r->date)) {
		rc = cairn_err_set(err, CAIRN_EEXISTS, "plan %s has a review on %s already",
		                   r->plan, cairn_date_format(r->date, d));
		cairn_err_hint(err, "`cairn plan review %s --show %s` prints it; one review a day",
		               r->plan, d);
		goto out;
	}
	/* the plan's next review, from its cadence, anchored at its start */
	if (p->review && p->review->every)
		p->review->next = r->next = cairn_plan_next_review(p, r->date);
	/* goals added in the sitting join the plan */
	for (size_t i = 0; i < nchanged; i++)
		if (!before[i] && !cairn_strlist_has(&p->goals, changed[i]->id) &&
		    cairn_strlist_add(&p->goals, changed[i]->id)) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
	if ((rc = cairn_review_validate(r, NULL, err)) ||
	    (rc = put(txn, &cairn_review_kind, r, rel, err)) ||
	    (rc = put(txn, &cairn_plan_kind, p, prel, err)))
		goto out;
	cairn_buf_printf(&msg, "plan review: %s\n\nreview of %s", r->plan,
	                 cairn_date_format(r->date, d));
	if (r->next)
		cairn_buf_printf(&msg, "; next review %s", cairn_date_format(r->next, d));
	cairn_buf_puts(&msg, "\n");
	for (size_t i = 0; i < nchanged; i++) {
		struct cairn_goal *now = NULL;
		char *diff = NULL;
		if (!before[i]) {
			/* a goal added in the sitting: its id must still be free */
			char *grel = cairn_repo_record_path(CAIRN_GOALS_DIR, changed[i]->id);
			char *gabs = grel ? cairn_repo_path(repo, grel) : NULL;
			int taken = !gabs || cairn_fs_exists(gabs);
			free(gabs);
			free(grel);
			if (taken) {
				rc = cairn_err_set(
				    err, CAIRN_EEXISTS,
				    "a goal '%s' was added while the review was open; "
				    "nothing saved",
				    changed[i]->id);
				goto out;
			}
			if ((rc = cairn_goal_validate(changed[i], NULL, err)) ||
			    (rc = cairn_goal_put(txn, changed[i], err)))
				goto out;
			cairn_buf_printf(&msg, "\ngoal %s:\n  added: %s\n", changed[i]->id,
			                 changed[i]->title);
			continue;
		}
		/* under the lock: the goal must still be as the sitting found it */
		if ((rc = cairn_goal_load(&now, repo, changed[i]->id, err)))
			goto out;
		rc = cairn_record_diff(&diff, &cairn_goal_kind, before[i], now);
		cairn_goal_free(now);
		if (rc || diff[0]) {
			free(diff);
			rc =
			    rc ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
			       : cairn_err_set(err, CAIRN_EDATA,
			                       "goal %s changed while the review was open; nothing "
			                       "saved",
			                       changed[i]->id);
			cairn_err_hint(err,
			               "hold the review again: it will start from the goal as it "
			               "is now");
			goto out;
		}
		free(diff);
		if ((rc = cairn_goal_validate(changed[i], NULL, err))) {
			cairn_err_prefix(err, "goal %s", changed[i]->id);
			goto out;
		}
		if ((rc = cairn_goal_put(txn, changed[i], err)))
			goto out;
		if (cairn_record_diff(&diff, &cairn_goal_kind, before[i], changed[i])) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
		cairn_buf_printf(&msg, "\ngoal %s:\n", changed[i]->id);
		for (char *line = strtok(diff, "\n"); line; line = strtok(NULL, "\n"))
			cairn_buf_printf(&msg, "  %s\n", line);
		free(diff);
	}
	rc = msg.failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
	                : cairn_txn_commit(txn, msg.data, NULL, err);
out:
	cairn_buf_release(&msg);
	free(prel);
	free(rel);
	cairn_plan_free(p);
	cairn_txn_free(txn);
	return rc;
}
