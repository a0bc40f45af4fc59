/* cairn — CE records: a board's renewal rule (rules/<id>.yaml) and CE activities
 * (ce/<year>/<id>.yaml), their field tables and validation */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"
#include "cairn/fs.h"
#include "cairn/id.h"

const char *const cairn_anchor_names[] = {NULL, "expiry", "birth-month", "fixed-start", NULL};
const char *const cairn_ce_format_names[] = {NULL,         "in-person", "live-online", "self-study",
                                             "conference", "other",     NULL};

/* ---- rule ---- */

static const struct cairn_field cycle_fields[] = {
    CAIRN_FIELD(struct cairn_rule_cycle, months, CAIRN_T_NUMBER,
                CAIRN_F_REQUIRED | CAIRN_F_INTEGER | CAIRN_F_NONNEG),
    CAIRN_FIELD_ENUM(struct cairn_rule_cycle, anchor, 0, cairn_anchor_names),
    CAIRN_FIELD(struct cairn_rule_cycle, start, CAIRN_T_DATE, 0),
};
static const struct cairn_kind cycle_kind = {"cycle", sizeof(struct cairn_rule_cycle), cycle_fields,
                                             sizeof(cycle_fields) / sizeof(cycle_fields[0]),
                                             offsetof(struct cairn_rule_cycle, extra)};

static const struct cairn_field min_fields[] = {
    CAIRN_FIELD(struct cairn_rule_min, topic, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_rule_min, hours, CAIRN_T_NUMBER, CAIRN_F_REQUIRED | CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_rule_min, every, CAIRN_T_STRING, CAIRN_F_PLAIN),
};
static const struct cairn_kind min_kind = {"minimum", sizeof(struct cairn_rule_min), min_fields,
                                           sizeof(min_fields) / sizeof(min_fields[0]),
                                           offsetof(struct cairn_rule_min, extra)};

static const struct cairn_field max_fields[] = {
    CAIRN_FIELD_ENUM(struct cairn_rule_max, format, CAIRN_F_REQUIRED, cairn_ce_format_names),
    CAIRN_FIELD(struct cairn_rule_max, hours, CAIRN_T_NUMBER, CAIRN_F_REQUIRED | CAIRN_F_NONNEG),
};
static const struct cairn_kind max_kind = {"maximum", sizeof(struct cairn_rule_max), max_fields,
                                           sizeof(max_fields) / sizeof(max_fields[0]),
                                           offsetof(struct cairn_rule_max, extra)};

static const struct cairn_field carry_fields[] = {
    CAIRN_FIELD(struct cairn_rule_carry, max_hours, CAIRN_T_NUMBER,
                CAIRN_F_REQUIRED | CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_rule_carry, excludes, CAIRN_T_IDLIST, 0),
};
static const struct cairn_kind carry_kind = {
    "carry_over", sizeof(struct cairn_rule_carry), carry_fields,
    sizeof(carry_fields) / sizeof(carry_fields[0]), offsetof(struct cairn_rule_carry, extra)};

static const struct cairn_field first_fields[] = {
    CAIRN_FIELD(struct cairn_rule_first, total_hours, CAIRN_T_NUMBER,
                CAIRN_F_REQUIRED | CAIRN_F_NONNEG),
};
static const struct cairn_kind first_kind = {
    "first_cycle", sizeof(struct cairn_rule_first), first_fields,
    sizeof(first_fields) / sizeof(first_fields[0]), offsetof(struct cairn_rule_first, extra)};

static const struct cairn_field rule_fields[] = {
    CAIRN_FIELD(struct cairn_rule, id, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_rule, title, CAIRN_T_STRING, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_rule, authority, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_rule, source, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_rule, checked, CAIRN_T_DATE, 0),
    CAIRN_FIELD(struct cairn_rule, confirm, CAIRN_T_TEXT, 0),
    CAIRN_FIELD_SUB(struct cairn_rule, cycle, CAIRN_T_MAP, CAIRN_F_REQUIRED, &cycle_kind),
    CAIRN_FIELD(struct cairn_rule, total_hours, CAIRN_T_NUMBER, CAIRN_F_REQUIRED | CAIRN_F_NONNEG),
    CAIRN_FIELD_SUB(struct cairn_rule, minimums, CAIRN_T_LIST, 0, &min_kind),
    CAIRN_FIELD_SUB(struct cairn_rule, maximums, CAIRN_T_LIST, 0, &max_kind),
    CAIRN_FIELD_SUB(struct cairn_rule, carry_over, CAIRN_T_MAP, 0, &carry_kind),
    CAIRN_FIELD_SUB(struct cairn_rule, first_cycle, CAIRN_T_MAP, 0, &first_kind),
    CAIRN_FIELD(struct cairn_rule, retention_years, CAIRN_T_NUMBER,
                CAIRN_F_INTEGER | CAIRN_F_NONNEG),
    CAIRN_FIELD(struct cairn_rule, notes, CAIRN_T_TEXT, 0),
};
const struct cairn_kind cairn_rule_kind = {"rule", sizeof(struct cairn_rule), rule_fields,
                                           sizeof(rule_fields) / sizeof(rule_fields[0]),
                                           offsetof(struct cairn_rule, extra)};

int cairn_rule_every(const struct cairn_rule_min *m)
{
	char *end;
	long n;

	if (!m->every || !m->every[0])
		return 1;
	if (!strcmp(m->every, "once"))
		return 0;
	n = strtol(m->every, &end, 10);
	if (*end || n < 1 || n > 100)
		return -1;
	return (int)n;
}

int cairn_rule_validate(const struct cairn_rule *r, const char *file, cairn_err *err)
{
	int rc;

	if ((rc = cairn_record_check(&cairn_rule_kind, r, err)))
		goto out;
	if (file && !cairn_repo_file_names_id(file, r->id)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "id '%s' does not match the file name", r->id);
		cairn_err_hint(err,
		               "a rule's file is rules/<id>.yaml: rename the file or fix the id");
		goto out;
	}
	if (r->cycle->months.v < 1) {
		rc = cairn_err_set(err, CAIRN_EDATA, "cycle.months must be 1 or more");
		goto out;
	}
	if (r->cycle->anchor == CAIRN_ANCHOR_FIXED_START && !r->cycle->start) {
		rc = cairn_err_set(err, CAIRN_EDATA,
		                   "cycle.start is needed with anchor fixed-start");
		cairn_err_hint(err, "give the first day of any one cycle, e.g. start: 2025-12-01");
		goto out;
	}
	for (size_t i = 0; i < r->minimums.n; i++) {
		const struct cairn_rule_min *m = &r->minimums.v[i];
		if (cairn_rule_every(m) < 0) {
			rc = cairn_err_set(
			    err, CAIRN_EDATA,
			    "minimums[%zu].every: '%s' is not 1, a number of cycles or "
			    "once",
			    i + 1, m->every);
			goto out;
		}
		if (m->hours.v > r->total_hours.v && cairn_rule_every(m) != 0) {
			rc = cairn_err_set(err, CAIRN_EDATA,
			                   "minimums[%zu]: %g hours of %s is more than total_hours",
			                   i + 1, m->hours.v, m->topic);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(r->minimums.v[j].topic, m->topic)) {
				rc = cairn_err_set(err, CAIRN_EDATA, "minimums: topic '%s' twice",
				                   m->topic);
				goto out;
			}
	}
	for (size_t i = 0; i < r->maximums.n; i++)
		for (size_t j = 0; j < i; j++)
			if (r->maximums.v[j].format == r->maximums.v[i].format) {
				rc = cairn_err_set(err, CAIRN_EDATA, "maximums: format '%s' twice",
				                   cairn_ce_format_names[r->maximums.v[i].format]);
				goto out;
			}
out:
	if (rc && file && !err->file[0])
		cairn_err_at(err, file, 0, 0);
	return rc;
}

int cairn_rule_parse(struct cairn_rule **out, const char *buf, size_t len, const char *file,
                     cairn_err *err)
{
	struct cairn_rule *r = cairn_record_new(&cairn_rule_kind);
	int rc;

	*out = NULL;
	if (!r)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_record_parse(&cairn_rule_kind, r, buf, len, file, err);
	if (!rc)
		rc = cairn_rule_validate(r, file, err);
	if (rc) {
		cairn_rule_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int cairn_rule_load(struct cairn_rule **out, const struct cairn_repo *repo, const char *id,
                    cairn_err *err)
{
	char *rel, *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (cairn_id_check(id, "rule id", err))
		return CAIRN_EDATA;
	if (!(rel = cairn_repo_record_path(CAIRN_RULES_DIR, id)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_repo_read(&buf, &len, repo, rel, err);
	if (rc == CAIRN_ENOTFOUND) {
		cairn_err_set(err, CAIRN_ENOTFOUND, "no rule '%s'", id);
		cairn_err_hint(err,
		               "`cairn rules list` shows the rules; `cairn rules add FILE` adds "
		               "one (examples/rules/ has real boards' rules)");
	}
	if (!rc) {
		rc = cairn_rule_parse(out, buf, len, rel, err);
		free(buf);
	}
	free(rel);
	return rc;
}

void cairn_rule_free(struct cairn_rule *r)
{
	cairn_record_free(&cairn_rule_kind, r);
}

/* ---- CE activity ---- */

/* topics: a map whose keys are the topics; every key is kept in the extra list */
static const struct cairn_kind topics_kind = {"topics", sizeof(struct cairn_ce_topics), NULL, 0,
                                              offsetof(struct cairn_ce_topics, extra)};

static const struct cairn_field ce_fields[] = {
    CAIRN_FIELD(struct cairn_ce, id, CAIRN_T_ID, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_ce, date, CAIRN_T_DATE, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_ce, title, CAIRN_T_STRING, CAIRN_F_REQUIRED),
    CAIRN_FIELD(struct cairn_ce, provider, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_ce, approval, CAIRN_T_STRING, 0),
    CAIRN_FIELD_ENUM(struct cairn_ce, format, 0, cairn_ce_format_names),
    CAIRN_FIELD(struct cairn_ce, hours, CAIRN_T_NUMBER, CAIRN_F_REQUIRED | CAIRN_F_NONNEG),
    CAIRN_FIELD_SUB(struct cairn_ce, topics, CAIRN_T_MAP, 0, &topics_kind),
    CAIRN_FIELD(struct cairn_ce, licenses, CAIRN_T_IDLIST, 0),
    CAIRN_FIELD(struct cairn_ce, certificate, CAIRN_T_STRING, 0),
    CAIRN_FIELD(struct cairn_ce, notes, CAIRN_T_TEXT, 0),
};
const struct cairn_kind cairn_ce_kind = {"CE activity", sizeof(struct cairn_ce), ce_fields,
                                         sizeof(ce_fields) / sizeof(ce_fields[0]),
                                         offsetof(struct cairn_ce, extra)};

/* The hours of a topic's node, or -1 when it is not a number. */
static double topic_value(const struct cairn_ynode *n)
{
	char *end;
	double v;

	if (!n || n->type != CAIRN_Y_SCALAR || !n->plain || !n->scalar[0])
		return -1;
	v = strtod(n->scalar, &end);
	return *end || !isfinite(v) ? -1 : v;
}

double cairn_ce_topic_hours(const struct cairn_ce *a, const char *topic)
{
	if (!a->topics)
		return 0;
	for (size_t i = 0; i < a->topics->extra.n; i++)
		if (!strcmp(a->topics->extra.v[i].key, topic)) {
			double v = topic_value(a->topics->extra.v[i].value);
			return v < 0 ? 0 : v;
		}
	return 0;
}

size_t cairn_ce_topic_count(const struct cairn_ce *a)
{
	return a->topics ? a->topics->extra.n : 0;
}

const char *cairn_ce_topic_name(const struct cairn_ce *a, size_t i)
{
	return a->topics->extra.v[i].key;
}

int cairn_ce_set_topic(struct cairn_ce *a, const char *topic, double hours)
{
	char buf[32];
	struct cairn_ynode *n;
	struct cairn_ypair *v;

	if (!a->topics && !(a->topics = cairn_record_new(&topics_kind)))
		return CAIRN_ENOMEM;
	cairn_num_format_exact(hours, buf, sizeof(buf));
	if (!(n = calloc(1, sizeof(*n))) || !(n->scalar = strdup(buf))) {
		free(n);
		return CAIRN_ENOMEM;
	}
	n->type = CAIRN_Y_SCALAR;
	n->plain = 1;
	for (size_t i = 0; i < a->topics->extra.n; i++)
		if (!strcmp(a->topics->extra.v[i].key, topic)) {
			cairn_ynode_free(a->topics->extra.v[i].value);
			a->topics->extra.v[i].value = n;
			return 0;
		}
	v = realloc(a->topics->extra.v, (a->topics->extra.n + 1) * sizeof(*v));
	if (!v) {
		cairn_ynode_free(n);
		return CAIRN_ENOMEM;
	}
	a->topics->extra.v = v;
	memset(&v[a->topics->extra.n], 0, sizeof(*v));
	if (!(v[a->topics->extra.n].key = strdup(topic))) {
		cairn_ynode_free(n);
		return CAIRN_ENOMEM;
	}
	v[a->topics->extra.n++].value = n;
	return 0;
}

char *cairn_ce_topics_text(const struct cairn_ce *a, const char *sep, const char *eq, char *buf,
                           size_t size)
{
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < cairn_ce_topic_count(a) && k < size; i++) {
		const char *t = cairn_ce_topic_name(a, i);
		char h[32];
		int w = snprintf(buf + k, size - k, "%s%s%s%s", i ? sep : "", t, eq,
		                 cairn_num_format(cairn_ce_topic_hours(a, t), h, sizeof(h)));
		if (w < 0)
			break;
		k += (size_t)w;
	}
	return buf;
}

int cairn_ce_counts_for(const struct cairn_ce *a, const char *license)
{
	return !a->licenses.n || cairn_strlist_has(&a->licenses, license);
}

int cairn_cert_path_valid(const char *path)
{
	static const char dir[] = CAIRN_CERT_DIR "/";
	const char *name;

	/* one name directly in certificates/: nothing that climbs out or starts elsewhere */
	if (strncmp(path, dir, sizeof(dir) - 1))
		return 0;
	name = path + sizeof(dir) - 1;
	return name[0] && name[0] != '.' && !strchr(name, '/');
}

/* Where key's value stands in the file the record came from (root), 0 when not known. */
static void at_value(cairn_err *err, const char *file, const struct cairn_ynode *root,
                     const char *key)
{
	const struct cairn_ynode *v = root ? cairn_ynode_get(root, key) : NULL;

	if (file && v)
		cairn_err_at(err, file, v->line, v->column);
}

/* cairn_ce_validate, with the parsed file (root, may be NULL) to say where a value stands */
static int ce_check(const struct cairn_ce *a, const char *file, const struct cairn_ynode *root,
                    cairn_err *err)
{
	char d[CAIRN_DATE_BUF];
	double sum = 0;
	int rc;

	if ((rc = cairn_record_check(&cairn_ce_kind, a, err)))
		goto out;
	if (file && !cairn_repo_file_names_id(file, a->id)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "id '%s' does not match the file name", a->id);
		cairn_err_hint(err,
		               "a CE activity's file is ce/<year>/<id>.yaml: rename the file or "
		               "fix the id");
		goto out;
	}
	/* the date first: the year of the folder is the year the id starts with */
	cairn_date_format(a->date, d);
	if (strncmp(a->id, d, 10)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "id '%s' does not start with its date %s",
		                   a->id, d);
		cairn_err_hint(err, "a CE activity's id is <date>-<slug of the title>");
		goto out;
	}
	if (file) {
		/* ce/<year>/<id>.yaml: the folder is the id's year, where cairn looks for it */
		const char *base = strrchr(file, '/'), *dir = base;
		while (dir && dir > file && dir[-1] != '/')
			dir--;
		if (base && dir && base - dir == 4 && strspn(dir, "0123456789") == 4 &&
		    strncmp(dir, a->id, 4)) {
			rc = cairn_err_set(err, CAIRN_EDATA,
			                   "id '%s' is in the folder of the year %.4s", a->id, dir);
			cairn_err_hint(err, "move the file to ce/%.4s/", a->id);
			goto out;
		}
	}
	if (!(a->hours.v > 0)) {
		rc = cairn_err_set(err, CAIRN_EDATA, "hours must be more than 0");
		goto out;
	}
	for (size_t i = 0; i < cairn_ce_topic_count(a); i++) {
		const struct cairn_ypair *p = &a->topics->extra.v[i];
		double v = topic_value(p->value);
		if (!cairn_id_valid(p->key)) {
			rc = cairn_err_set(err, CAIRN_EDATA,
			                   "topics: '%s' is not a valid topic name", p->key);
			cairn_err_hint(err, "topics are lower-case words joined by '-', e.g. "
			                    "cultural-diversity");
			cairn_err_at(err, file ? file : "", p->line, p->column);
			goto out;
		}
		if (v < 0) {
			rc = cairn_err_set(err, CAIRN_EDATA,
			                   "topics.%s: expected a number of hours, 0 or more",
			                   p->key);
			if (p->value)
				cairn_err_at(err, file ? file : "", p->value->line,
				             p->value->column);
			goto out;
		}
		sum += v;
	}
	if (sum > a->hours.v + 1e-9) {
		rc = cairn_err_set(err, CAIRN_EDATA,
		                   "topics add up to %g hours, more than the activity's %g", sum,
		                   a->hours.v);
		cairn_err_hint(err, "topic hours are the part of the hours that address a subject");
		goto out;
	}
	if (a->certificate && !cairn_cert_path_valid(a->certificate)) {
		rc = cairn_err_set(err, CAIRN_EDATA,
		                   "certificate: '%s' is not a file in " CAIRN_CERT_DIR "/",
		                   a->certificate);
		cairn_err_hint(err, "a certificate is kept as " CAIRN_CERT_DIR
		                    "/NAME in the repository; `cairn ce log --cert FILE` copies "
		                    "one there");
		at_value(err, file, root, "certificate");
		goto out;
	}
out:
	if (rc && file && !err->file[0])
		cairn_err_at(err, file, 0, 0);
	return rc;
}

int cairn_ce_validate(const struct cairn_ce *a, const char *file, cairn_err *err)
{
	return ce_check(a, file, NULL, err);
}

int cairn_ce_parse(struct cairn_ce **out, const char *buf, size_t len, const char *file,
                   cairn_err *err)
{
	struct cairn_ce *a = cairn_record_new(&cairn_ce_kind);
	struct cairn_ynode *root = NULL;
	int rc;

	*out = NULL;
	if (!a)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_yaml_parse(&root, buf, len, file, err);
	if (!rc)
		rc = cairn_record_from_node(&cairn_ce_kind, a, root, file, err);
	if (!rc)
		rc = ce_check(a, file, root, err);
	cairn_ynode_free(root);
	if (rc) {
		cairn_ce_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

void cairn_ce_free(struct cairn_ce *a)
{
	cairn_record_free(&cairn_ce_kind, a);
}

static int ce_cmp(const void *x, const void *y)
{
	const struct cairn_ce *a = *(struct cairn_ce *const *)x, *b = *(struct cairn_ce *const *)y;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int load_one(struct cairn_ce_set *s, const struct cairn_repo *repo, const char *rel,
                    cairn_err *err)
{
	struct cairn_ce *a = NULL;
	cairn_err e = CAIRN_ERR_INIT;
	char *buf;
	size_t len;
	int rc;

	rc = cairn_repo_read(&buf, &len, repo, rel, &e);
	if (!rc) {
		rc = cairn_ce_parse(&a, buf, len, rel, &e);
		free(buf);
	}
	if (rc == CAIRN_ENOMEM || rc == CAIRN_EIO) {
		*err = e;
		return rc;
	}
	if (rc) {
		cairn_err *nb = realloc(s->bad, (s->nbad + 1) * sizeof(*nb));
		if (!nb)
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		s->bad = nb;
		s->bad[s->nbad++] = e;
		return 0;
	}
	{
		struct cairn_ce **nv = realloc(s->v, (s->n + 1) * sizeof(*nv));
		if (!nv) {
			cairn_ce_free(a);
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		s->v = nv;
		s->v[s->n++] = a;
	}
	return 0;
}

int cairn_ce_year_folders(char ***out, size_t *n, const struct cairn_repo *repo, cairn_err *err)
{
	char *top = cairn_repo_path(repo, CAIRN_CE_DIR), **years = NULL, **v;
	size_t ny = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!top)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_fs_list(&years, &ny, top, err);
	free(top);
	if (rc)
		return rc;
	if (!(v = calloc(ny + 1, sizeof(*v)))) {
		cairn_strv_free(years);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	for (size_t y = 0; !rc && y < ny; y++) {
		char folder[64];
		if (strlen(years[y]) != 4 || strspn(years[y], "0123456789") != 4)
			continue;
		snprintf(folder, sizeof(folder), CAIRN_CE_DIR "/%s", years[y]);
		if (!(v[k++] = strdup(folder)))
			rc = CAIRN_ENOMEM;
	}
	cairn_strv_free(years);
	if (rc) {
		cairn_strv_free(v);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	*out = v;
	*n = k;
	return 0;
}

int cairn_ce_load_all(struct cairn_ce_set *out, const struct cairn_repo *repo, cairn_err *err)
{
	char **years = NULL;
	size_t ny = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cairn_ce_year_folders(&years, &ny, repo, err)))
		return rc;
	for (size_t y = 0; !rc && y < ny; y++) {
		char **ids = NULL;
		size_t n = 0;
		if ((rc = cairn_repo_list(&ids, &n, repo, years[y], err)))
			break;
		for (size_t i = 0; !rc && i < n; i++) {
			char *rel = cairn_repo_record_path(years[y], ids[i]);
			rc = rel ? load_one(out, repo, rel, err)
			         : cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			free(rel);
		}
		cairn_strv_free(ids);
	}
	cairn_strv_free(years);
	if (rc) {
		cairn_ce_set_release(out);
		return rc;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), ce_cmp);
	return 0;
}

int cairn_ce_load(struct cairn_ce **out, const struct cairn_repo *repo, const char *id,
                  cairn_err *err)
{
	struct cairn_ce_set s;
	size_t idlen = strlen(id);
	int rc;

	*out = NULL;
	if (cairn_id_check(id, "CE activity id", err))
		return CAIRN_EDATA;
	/* where its id says it is: ce/<year>/<id>.yaml */
	if (strspn(id, "0123456789") >= 4) {
		char *rel = cairn_ce_path(id), *buf;
		size_t len;
		if (!rel)
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		rc = cairn_repo_read(&buf, &len, repo, rel, err);
		if (!rc) {
			rc = cairn_ce_parse(out, buf, len, rel, err);
			free(buf);
		}
		free(rel);
		if (rc != CAIRN_ENOTFOUND)
			return rc;
		cairn_err_clear(err);
	}
	/* anywhere else the file is invalid (another year's folder, an id without its date):
	 * name the file that holds the id, as it is, and what is wrong with it */
	if ((rc = cairn_ce_load_all(&s, repo, err)))
		return rc;
	rc = cairn_err_set(err, CAIRN_ENOTFOUND, "no CE activity '%s'", id);
	cairn_err_hint(err, "`cairn ce list` shows the activities");
	for (size_t i = 0; i < s.nbad; i++) {
		const char *f = strrchr(s.bad[i].file, '/');
		f = f ? f + 1 : s.bad[i].file;
		if (!strncmp(f, id, idlen) && !strcmp(f + idlen, ".yaml")) {
			rc = s.bad[i].code;
			if (err)
				*err = s.bad[i];
			break;
		}
	}
	cairn_ce_set_release(&s);
	return rc;
}

void cairn_ce_set_release(struct cairn_ce_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		cairn_ce_free(s->v[i]);
	free(s->v);
	free(s->bad);
	memset(s, 0, sizeof(*s));
}
