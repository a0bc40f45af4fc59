/* cairn — the CE write road: licenses in the profile, rules, CE activities. Each operation
 * takes the writer lock, reads what it changes under it, validates, writes and makes one
 * commit whose body says what changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"
#include "cairn/fs.h"
#include "cairn/id.h"
#include "cairn/txn.h"

#include "git_priv.h"
#include "sha256.h"

/* ---- shared ---- */

/* Writes rec to rel in txn (removes rel when after is NULL) and commits "<command>: <id>" with
 * the field diff as the body, or "added: <title>" / "removed: <title>" from title. */
static int put_and_commit(struct cairn_txn *txn, const struct cairn_kind *kind, const void *before,
                          const void *after, const char *rel, const char *command, const char *id,
                          const char *title, int *changed, cairn_err *err)
{
	struct cairn_buf msg = {0};
	char *yaml = NULL, *body = NULL;
	size_t len;
	int rc;

	if (after) {
		if ((rc = cairn_record_write(&yaml, &len, kind, after, err)))
			return rc;
		rc = cairn_txn_put(txn, rel, yaml, len, err);
		free(yaml);
	} else {
		rc = cairn_txn_remove(txn, rel, err);
	}
	if (rc)
		return rc;
	cairn_buf_printf(&msg, "%s: %s\n", command, id);
	if (before && after) {
		if (cairn_record_diff(&body, kind, before, after))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		if (body[0])
			cairn_buf_printf(&msg, "\n%s", body);
		free(body);
	} else if (title) {
		cairn_buf_printf(&msg, "\n%s: %s\n", after ? "added" : "removed", title);
	}
	if (msg.failed) {
		cairn_buf_release(&msg);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	rc = cairn_txn_commit(txn, msg.data, changed, err);
	cairn_buf_release(&msg);
	return rc;
}

/* ---- licenses ---- */

int cairn_license_resolve(char *buf, const struct cairn_profile *p, const char *prefix,
                          cairn_err *err)
{
	char **ids = calloc(p->licenses.n + 1, sizeof(*ids));
	const char *match;
	int rc;

	if (!ids)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	for (size_t i = 0; i < p->licenses.n; i++)
		ids[i] = p->licenses.v[i].id;
	rc = cairn_id_resolve(&match, prefix, ids, p->licenses.n, "license", err);
	if (!rc)
		snprintf(buf, CAIRN_ID_MAX + 1, "%s", match);
	else if (rc == CAIRN_ENOTFOUND)
		cairn_err_hint(err, "`cairn license list` shows the licenses");
	free(ids);
	return rc;
}

static struct cairn_license *find_license(struct cairn_profile *p, const char *id)
{
	for (size_t i = 0; i < p->licenses.n; i++)
		if (!strcmp(p->licenses.v[i].id, id))
			return &p->licenses.v[i];
	return NULL;
}

/* Loads the profile twice under the lock: one to keep as it was, one to change. */
static int profile_pair(struct cairn_profile **before, struct cairn_profile **after,
                        const struct cairn_repo *repo, cairn_err *err)
{
	int rc;

	*before = *after = NULL;
	if ((rc = cairn_repo_profile(before, repo, err)))
		return rc;
	if (!(*after = cairn_record_new(&cairn_profile_kind)) ||
	    cairn_record_copy(&cairn_profile_kind, *after, *before))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	return 0;
}

static int commit_profile(struct cairn_txn *txn, struct cairn_profile *before,
                          struct cairn_profile *after, const char *command, const char *id,
                          cairn_err *err)
{
	int rc;

	if ((rc = cairn_profile_validate(after, CAIRN_PROFILE_FILE, err)))
		return rc;
	return put_and_commit(txn, &cairn_profile_kind, before, after, CAIRN_PROFILE_FILE, command,
	                      id, NULL, NULL, err);
}

int cairn_license_add(struct cairn_repo *repo, const struct cairn_license *lic, double timeout,
                      cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_profile *before = NULL, *after = NULL;
	struct cairn_rule *rule = NULL;
	struct cairn_license *nl;
	int rc;

	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = profile_pair(&before, &after, repo, err)))
		goto out;
	if (find_license(before, lic->id)) {
		rc = cairn_err_set(err, CAIRN_EEXISTS, "a license '%s' exists already", lic->id);
		cairn_err_hint(err, "`cairn license renew %s --expires DATE` starts its next cycle",
		               lic->id);
		goto out;
	}
	if (lic->rule && (rc = cairn_rule_load(&rule, repo, lic->rule, err)))
		goto out;
	if (lic->issued && lic->expires && lic->expires <= lic->issued) {
		rc = cairn_err_set(err, CAIRN_EDATA, "--expires must be after --issued");
		goto out;
	}
	if (!(nl = cairn_list_push((struct cairn_list *)&after->licenses, &cairn_license_kind)) ||
	    cairn_record_copy(&cairn_license_kind, nl, lic)) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	rc = commit_profile(txn, before, after, "license add", lic->id, err);
out:
	cairn_rule_free(rule);
	cairn_profile_free(before);
	cairn_profile_free(after);
	cairn_txn_free(txn);
	return rc;
}

int cairn_license_renew(struct cairn_repo *repo, const char *id, cairn_date expires, double timeout,
                        cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_profile *before = NULL, *after = NULL;
	struct cairn_license *l;
	char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF];
	int rc;

	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = profile_pair(&before, &after, repo, err)))
		goto out;
	if (!(l = find_license(after, id))) {
		rc = cairn_err_set(err, CAIRN_ENOTFOUND, "no license '%s'", id);
		goto out;
	}
	if (l->expires && expires <= l->expires) {
		rc = cairn_err_set(err, CAIRN_EDATA,
		                   "--expires %s is not after the current expiry %s",
		                   cairn_date_format(expires, a), cairn_date_format(l->expires, b));
		cairn_err_hint(err, "a renewal moves the expiry forward, to the end of the next "
		                    "cycle");
		goto out;
	}
	l->expires = expires;
	rc = commit_profile(txn, before, after, "license renew", id, err);
out:
	cairn_profile_free(before);
	cairn_profile_free(after);
	cairn_txn_free(txn);
	return rc;
}

int cairn_license_remove(struct cairn_repo *repo, const char *id, double timeout, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_profile *before = NULL, *after = NULL;
	int rc;

	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = profile_pair(&before, &after, repo, err)))
		goto out;
	rc = cairn_err_set(err, CAIRN_ENOTFOUND, "no license '%s'", id);
	for (size_t i = 0; i < after->licenses.n; i++)
		if (!strcmp(after->licenses.v[i].id, id)) {
			cairn_err_clear(err);
			cairn_list_remove((struct cairn_list *)&after->licenses,
			                  &cairn_license_kind, i);
			rc = commit_profile(txn, before, after, "license rm", id, err);
			break;
		}
out:
	cairn_profile_free(before);
	cairn_profile_free(after);
	cairn_txn_free(txn);
	return rc;
}

/* ---- rules ---- */

int cairn_rule_add(struct cairn_repo *repo, const char *path, char **id_out, int *changed,
                   double timeout, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_rule *r = NULL, *old = NULL;
	char *buf = NULL, *rel = NULL;
	size_t len;
	int rc;

	*id_out = NULL;
	if (changed)
		*changed = 0;
	if ((rc = cairn_fs_read(&buf, &len, path, CAIRN_YAML_MAX_BYTES + 1, err))) {
		cairn_err_at(err, path, 0, 0);
		return rc;
	}
	/* the file is named as the user named it; its own name need not be the id */
	r = cairn_record_new(&cairn_rule_kind);
	if (!r) {
		free(buf);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	rc = cairn_record_parse(&cairn_rule_kind, r, buf, len, path, err);
	free(buf);
	if (!rc)
		rc = cairn_rule_validate(r, NULL, err);
	if (rc) {
		if (!err->file[0])
			cairn_err_at(err, path, 0, 0);
		cairn_rule_free(r);
		return rc;
	}
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		goto out;
	if (!(rel = cairn_repo_record_path(CAIRN_RULES_DIR, r->id))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	rc = cairn_rule_load(&old, repo, r->id, err);
	if (rc && rc != CAIRN_ENOTFOUND)
		goto out; /* an invalid rules/<id>.yaml is the user's to look at first */
	cairn_err_clear(err);
	rc = put_and_commit(txn, &cairn_rule_kind, old, r, rel, "rules add", r->id,
	                    old ? NULL : r->title, changed, err);
	if (!rc && changed && *changed && old)
		*changed = 2;
	if (!rc && !(*id_out = strdup(r->id)))
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
out:
	free(rel);
	cairn_rule_free(old);
	cairn_rule_free(r);
	cairn_txn_free(txn);
	return rc;
}

int cairn_rule_resolve(char *buf, const struct cairn_repo *repo, const char *prefix, cairn_err *err)
{
	int rc = cairn_repo_resolve(buf, repo, CAIRN_RULES_DIR, "rule", prefix, err);

	if (rc == CAIRN_ENOTFOUND)
		cairn_err_hint(err,
		               "`cairn rules list` shows the rules; `cairn rules add FILE` adds "
		               "one (examples/rules/ has real boards' rules)");
	return rc;
}

int cairn_rule_load_all(struct cairn_rule_set *out, const struct cairn_repo *repo, cairn_err *err)
{
	char **ids;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cairn_repo_list(&ids, &n, repo, CAIRN_RULES_DIR, err)))
		return rc;
	if (n && (!(out->v = calloc(n, sizeof(*out->v))) ||
	          !(out->bad = calloc(n, sizeof(*out->bad))))) {
		cairn_strv_free(ids);
		cairn_rule_set_release(out);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		cairn_err e = CAIRN_ERR_INIT;
		rc = cairn_rule_load(&out->v[out->n], repo, ids[i], &e);
		if (rc == CAIRN_ENOMEM || rc == CAIRN_EIO) {
			*err = e;
			cairn_rule_set_release(out);
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

void cairn_rule_set_release(struct cairn_rule_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		cairn_rule_free(s->v[i]);
	free(s->v);
	free(s->bad);
	memset(s, 0, sizeof(*s));
}

/* ---- CE activities ---- */

char *cairn_ce_path(const char *id)
{
	char folder[16];

	if (strlen(id) < 4)
		return NULL;
	snprintf(folder, sizeof(folder), "%s/%.4s", CAIRN_CE_DIR, id);
	return cairn_repo_record_path(folder, id);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct folders {
	char **v;
	size_t n;
	const struct cairn_repo *repo;
};

/* whether an activity file holds id, in any year's folder */
static int ce_taken(const char *id, void *ctx)
{
	const struct folders *f = ctx;
	for (size_t i = 0; i < f->n; i++)
		if (cairn_repo_has(f->repo, f->v[i], id))
			return 1;
	return 0;
}

/* Every activity id of the repository, from the file names (ce/<year>/<id>.yaml) without
 * reading the files: an invalid file still holds its id. Sorted, each once. */
static int ce_ids(char ***out, size_t *n, const struct cairn_repo *repo, cairn_err *err)
{
	char **years = NULL, **ids = NULL;
	size_t ny = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = cairn_ce_year_folders(&years, &ny, repo, err);
	for (size_t y = 0; !rc && y < ny; y++) {
		char **yids;
		size_t yn;
		if ((rc = cairn_repo_list(&yids, &yn, repo, years[y], err)))
			break;
		if (*n + yn + 1 > cap) {
			char **nv = realloc(ids, (cap = (*n + yn + 1) * 2) * sizeof(*ids));
			if (!nv) {
				cairn_strv_free(yids);
				rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
				break;
			}
			ids = nv;
		}
		memcpy(ids + *n, yids, yn * sizeof(*ids));
		*n += yn;
		ids[*n] = NULL;
		free(yids); /* the strings moved to ids */
	}
	cairn_strv_free(years);
	if (!rc && !ids && !(ids = calloc(1, sizeof(*ids))))
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	if (rc) {
		cairn_strv_free(ids);
		*n = 0;
		return rc;
	}
	/* an id held by two files (one in the wrong folder) is one id */
	if (*n > 1) {
		size_t k = 1;
		qsort(ids, *n, sizeof(*ids), str_cmp);
		for (size_t i = 1; i < *n; i++) {
			if (!strcmp(ids[i], ids[k - 1]))
				free(ids[i]);
			else
				ids[k++] = ids[i];
		}
		for (size_t i = k; i < *n; i++)
			ids[i] = NULL;
		*n = k;
	}
	*out = ids;
	return 0;
}

int cairn_ce_resolve(char *buf, const struct cairn_repo *repo, const char *prefix, cairn_err *err)
{
	char **ids;
	size_t n;
	const char *match;
	int rc;

	/* from the command line: what could name a file outside ce/ is refused first */
	if (prefix[0] && cairn_id_check(prefix, "CE activity id", err)) {
		if (err)
			err->code = CAIRN_EUSAGE;
		return CAIRN_EUSAGE;
	}
	if ((rc = ce_ids(&ids, &n, repo, err)))
		return rc;
	rc = cairn_id_resolve(&match, prefix, ids, n, "CE activity", err);
	if (!rc)
		snprintf(buf, CAIRN_ID_MAX + 1, "%s", match);
	else if (rc == CAIRN_ENOTFOUND)
		cairn_err_hint(err, "`cairn ce list` shows the activities");
	cairn_strv_free(ids);
	return rc;
}

/* ---- certificates ---- */

static const char *cert_type(const unsigned char *p, size_t n)
{
	if (n >= 5 && !memcmp(p, "%PDF-", 5))
		return "pdf";
	if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return "png";
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "jpg";
	return NULL;
}

/* The file's own name, kept readable and safe: lower case, [a-z0-9._-], at most 48. */
static void cert_name(char *out, size_t size, const char *path, const char *ext)
{
	const char *base = strrchr(path, '/');
	size_t k = 0;

	base = base ? base + 1 : path;
	for (; *base && k + 1 < size && k < 48; base++) {
		char c = *base;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'))
			c = '-';
		if (c == '-' && (k == 0 || out[k - 1] == '-'))
			continue;
		if (c == '.' && k == 0)
			continue;
		if (c == '.' && out[k - 1] == '-')
			k--; /* "cert (2026).pdf": no dash before the extension */
		out[k++] = c;
	}
	while (k && (out[k - 1] == '-' || out[k - 1] == '.'))
		k--;
	out[k] = '\0';
	if (!k)
		snprintf(out, size, "certificate.%s", ext);
}

int cairn_cert_read(char **data, size_t *len, char **rel, const char *path, cairn_err *err)
{
	char hex[65], name[64];
	const char *type;
	size_t n;
	int rc;

	*data = NULL;
	*rel = NULL;
	if ((rc = cairn_fs_read(data, len, path, CAIRN_CERT_MAX, err))) {
		/* too large, or not a regular file (a folder, a FIFO): each says so */
		if (rc == CAIRN_EDATA && (!err || !strncmp(err->msg, "file too large", 14))) {
			cairn_err_set(err, CAIRN_EDATA, "--cert: %s is over 20 MiB", path);
			cairn_err_hint(err, "scan or export the certificate at a lower resolution");
		} else {
			cairn_err_prefix(err, "--cert");
		}
		return rc;
	}
	if (!(type = cert_type((const unsigned char *)*data, *len))) {
		free(*data);
		*data = NULL;
		cairn_err_set(err, CAIRN_EDATA, "--cert: %s is not a PDF, PNG or JPEG file", path);
		cairn_err_hint(err,
		               "certificates are kept as PDF, PNG or JPEG; save or scan it as one");
		return CAIRN_EDATA;
	}
	cairn_sha256_hex(hex, *data, *len);
	cert_name(name, sizeof(name), path, type);
	n = strlen(CAIRN_CERT_DIR) + 14 + strlen(name) + 1;
	if (!(*rel = malloc(n))) {
		free(*data);
		*data = NULL;
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	snprintf(*rel, n, "%s/%.12s-%s", CAIRN_CERT_DIR, hex, name);
	return 0;
}

int cairn_ce_add(struct cairn_repo *repo, struct cairn_ce *a, const char *cert, double timeout,
                 cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_profile *p = NULL;
	char slug[CAIRN_ID_MAX + 1], base[CAIRN_ID_MAX + 16], unique[CAIRN_ID_MAX + 1];
	char d[CAIRN_DATE_BUF], *rel = NULL;
	struct folders years = {NULL, 0, repo};
	int rc;

	if ((rc = cairn_id_slug(slug, a->title ? a->title : "", err))) {
		cairn_err_hint(err, "the id is made from the date and the title: write the title "
		                    "with some letters or digits");
		return rc;
	}
	/* <date>-<slug>, cut to the id's length */
	snprintf(base, sizeof(base), "%s-%s", cairn_date_format(a->date, d), slug);
	if (strlen(base) > CAIRN_ID_MAX) {
		base[CAIRN_ID_MAX] = '\0';
		while (base[strlen(base) - 1] == '-')
			base[strlen(base) - 1] = '\0';
	}
	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	if ((rc = cairn_repo_profile(&p, repo, err)))
		goto out;
	for (size_t i = 0; i < a->licenses.n; i++)
		if (!find_license(p, a->licenses.v[i])) {
			rc = cairn_err_set(err, CAIRN_ENOTFOUND, "--license: no license '%s'",
			                   a->licenses.v[i]);
			cairn_err_hint(err, "`cairn license list` shows the licenses");
			goto out;
		}
	if ((rc = cairn_ce_year_folders(&years.v, &years.n, repo, err)) ||
	    (rc = cairn_id_unique_by(unique, base, ce_taken, &years, err)))
		goto out;
	free(a->id);
	if (!(a->id = strdup(unique)) || !(rel = cairn_ce_path(a->id))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if (cert) {
		char *data, *crel, *abs;
		size_t len;
		if ((rc = cairn_cert_read(&data, &len, &crel, cert, err)))
			goto out;
		free(a->certificate);
		a->certificate = crel;
		/* the same content is stored once: its name is its content */
		abs = cairn_repo_path(repo, crel);
		if (!abs || !cairn_fs_exists(abs))
			rc = cairn_txn_put(txn, crel, data, len, err);
		free(abs);
		free(data);
		if (rc)
			goto out;
	}
	if ((rc = cairn_ce_validate(a, NULL, err)))
		goto out;
	rc =
	    put_and_commit(txn, &cairn_ce_kind, NULL, a, rel, "ce log", a->id, a->title, NULL, err);
out:
	free(rel);
	cairn_strv_free(years.v);
	cairn_profile_free(p);
	cairn_txn_free(txn);
	return rc;
}

/* The title of an invalid file, as far as it reads (NULL when it does not). */
static char *title_of(const struct cairn_repo *repo, const char *rel)
{
	struct cairn_ce *a = cairn_record_new(&cairn_ce_kind);
	cairn_err e = CAIRN_ERR_INIT;
	char *buf = NULL, *title = NULL;
	size_t len;

	if (a && !cairn_repo_read(&buf, &len, repo, rel, &e)) {
		cairn_record_parse(&cairn_ce_kind, a, buf, len, rel, &e);
		title = a->title;
		a->title = NULL;
	}
	free(buf);
	cairn_ce_free(a);
	return title;
}

int cairn_ce_remove(struct cairn_repo *repo, const char *id, double timeout, cairn_err *err)
{
	struct cairn_txn *txn = NULL;
	struct cairn_ce *a = NULL;
	cairn_err bad = CAIRN_ERR_INIT;
	char *rel = NULL, *title = NULL, state;
	const char *body = id;
	int rc;

	if ((rc = cairn_txn_begin(&txn, repo, timeout, err)))
		return rc;
	rc = cairn_ce_load(&a, repo, id, err);
	if (rc == CAIRN_EDATA && err->file[0]) {
		/* an invalid file, where its id says or elsewhere: the file that holds the id */
		bad = *err;
		cairn_err_clear(err);
		rel = strdup(bad.file);
		title = title_of(repo, bad.file);
	} else if (rc) {
		goto out;
	} else {
		rel = cairn_ce_path(a->id);
	}
	if (!rel) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	/* only what git can give back is removed, as the message promises */
	if ((rc = cairn_git_path_state(&state, repo, rel, err)))
		goto out;
	if (state && bad.code) {
		/* invalid, and not as committed: the user's to fix, or to delete */
		char hint[CAIRN_ERR_MSG];
		snprintf(hint, sizeof(hint), "%s", bad.hint);
		*err = bad;
		rc = bad.code;
		if (state == 'A')
			cairn_err_hint(err,
			               "%s%snot removed: it was never committed, so git could "
			               "not give it back",
			               hint, hint[0] ? "; " : "");
		else
			cairn_err_hint(err,
			               "%s%snot removed: its changes are not committed "
			               "(`cairn git checkout -- %s` goes back to the last commit)",
			               hint, hint[0] ? "; " : "", rel);
		goto out;
	}
	if (state) {
		char again[CAIRN_ID_MAX + 16];
		snprintf(again, sizeof(again), "cairn ce rm %s", id);
		rc = cairn_refuse_removal(err, state, rel, again);
		goto out;
	}
	/* a file that is invalid but committed as it is may go: git keeps it, and that is one
	 * way out of it */
	if (a)
		body = a->title;
	else if (title)
		body = title;
	rc = put_and_commit(txn, &cairn_ce_kind, NULL, NULL, rel, "ce rm", id, body, NULL, err);
out:
	cairn_ce_free(a);
	free(title);
	free(rel);
	cairn_txn_free(txn);
	return rc;
}
