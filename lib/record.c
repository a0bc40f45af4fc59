/* cairn — the field table machinery shared by every record kind */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/id.h"
#include "cairn/record.h"

#define AT(rec, f)   ((char *)(rec) + (f)->offset)
#define CAT(rec, f)  ((const char *)(rec) + (f)->offset)
#define EXTRA(k, r)  ((struct cairn_extra *)((char *)(r) + (k)->extra_offset))
#define CEXTRA(k, r) ((const struct cairn_extra *)((const char *)(r) + (k)->extra_offset))

/* ---- small helpers ---- */

char *cairn_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int cairn_strlist_add(struct cairn_strlist *l, const char *s)
{
	char **nv = realloc(l->v, (l->n + 1) * sizeof(*nv));

	if (!nv)
		return CAIRN_ENOMEM;
	l->v = nv;
	if (!(l->v[l->n] = strdup(s)))
		return CAIRN_ENOMEM;
	l->n++;
	return 0;
}

int cairn_strlist_has(const struct cairn_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

int cairn_strlist_remove(struct cairn_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], s))
			continue;
		free(l->v[i]);
		memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
		l->n--;
		return 1;
	}
	return 0;
}

void cairn_strlist_release(struct cairn_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void *cairn_list_push(struct cairn_list *l, const struct cairn_kind *kind)
{
	char *nv = realloc(l->v, (l->n + 1) * kind->size);

	if (!nv)
		return NULL;
	l->v = nv;
	memset(nv + l->n * kind->size, 0, kind->size);
	return nv + l->n++ * kind->size;
}

void cairn_list_remove(struct cairn_list *l, const struct cairn_kind *kind, size_t i)
{
	char *base = l->v;

	if (i >= l->n)
		return;
	cairn_record_release(kind, base + i * kind->size);
	memmove(base + i * kind->size, base + (i + 1) * kind->size, (l->n - i - 1) * kind->size);
	l->n--;
}

char *cairn_num_format(double v, char *buf, size_t size)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.10g", v);
	return buf;
}

char *cairn_num_format_exact(double v, char *buf, size_t size)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, size, "%.0f", v);
		return buf;
	}
	/* the fewest significant digits that read back as v; 17 always do */
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

int cairn_num_parse(double *out, const char *s)
{
	char *end;
	double v;

	if (!s || !*s || strchr(" \t\n", s[0]))
		return CAIRN_EDATA;
	/* decimal only: no hex, no inf or nan */
	for (const char *p = s; *p; p++)
		if (!strchr("0123456789.-+eE", *p))
			return CAIRN_EDATA;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return CAIRN_EDATA;
	*out = v;
	return 0;
}

const struct cairn_field *cairn_kind_field(const struct cairn_kind *kind, const char *name)
{
	for (size_t i = 0; i < kind->nfields; i++)
		if (!strcmp(kind->fields[i].name, name))
			return &kind->fields[i];
	return NULL;
}

static int enum_count(const char *const *names)
{
	int n = 1;

	while (names[n])
		n++;
	return n;
}

static void enum_join(const char *const *names, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 1; names[i] && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i > 1 ? ", " : "", names[i]);
}

/* ---- life cycle ---- */

void *cairn_record_new(const struct cairn_kind *kind)
{
	return calloc(1, kind->size);
}

static void extra_release(struct cairn_extra *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->v[i].key);
		cairn_ynode_free(x->v[i].value);
	}
	free(x->v);
	x->v = NULL;
	x->n = 0;
}

void cairn_record_release(const struct cairn_kind *kind, void *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < kind->nfields; i++) {
		const struct cairn_field *f = &kind->fields[i];
		void *p = AT(rec, f);
		switch (f->type) {
		case CAIRN_T_STRING:
		case CAIRN_T_TEXT:
		case CAIRN_T_ID:
			free(*(char **)p);
			*(char **)p = NULL;
			break;
		case CAIRN_T_STRLIST:
		case CAIRN_T_IDLIST:
			cairn_strlist_release(p);
			break;
		case CAIRN_T_MAP:
			cairn_record_free(f->sub, *(void **)p);
			*(void **)p = NULL;
			break;
		case CAIRN_T_LIST: {
			struct cairn_list *l = p;
			for (size_t j = 0; j < l->n; j++)
				cairn_record_release(f->sub, (char *)l->v + j * f->sub->size);
			free(l->v);
			l->v = NULL;
			l->n = 0;
			break;
		}
		default:
			break;
		}
	}
	extra_release(EXTRA(kind, rec));
}

void cairn_record_free(const struct cairn_kind *kind, void *rec)
{
	if (!rec)
		return;
	cairn_record_release(kind, rec);
	free(rec);
}

int cairn_record_copy(const struct cairn_kind *kind, void *dst, const void *src)
{
	memcpy(dst, src, kind->size);
	/* take ownership field by field: first clear what points into src */
	for (size_t i = 0; i < kind->nfields; i++) {
		const struct cairn_field *f = &kind->fields[i];
		void *d = AT(dst, f);
		const void *s = CAT(src, f);
		switch (f->type) {
		case CAIRN_T_STRING:
		case CAIRN_T_TEXT:
		case CAIRN_T_ID:
			*(char **)d = NULL;
			if (*(char *const *)s && !(*(char **)d = strdup(*(char *const *)s)))
				goto oom;
			break;
		case CAIRN_T_STRLIST:
		case CAIRN_T_IDLIST: {
			const struct cairn_strlist *sl = s;
			struct cairn_strlist *dl = d;
			dl->v = NULL;
			dl->n = 0;
			for (size_t j = 0; j < sl->n; j++)
				if (cairn_strlist_add(dl, sl->v[j]))
					goto oom;
			break;
		}
		case CAIRN_T_MAP:
			*(void **)d = NULL;
			if (*(void *const *)s) {
				void *m = cairn_record_new(f->sub);
				if (!m)
					goto oom;
				*(void **)d = m;
				if (cairn_record_copy(f->sub, m, *(void *const *)s))
					goto oom;
			}
			break;
		case CAIRN_T_LIST: {
			const struct cairn_list *sl = s;
			struct cairn_list *dl = d;
			dl->v = NULL;
			dl->n = 0;
			for (size_t j = 0; j < sl->n; j++) {
				void *e = cairn_list_push(dl, f->sub);
				if (!e || cairn_record_copy(f->sub, e,
				                            (const char *)sl->v + j * f->sub->size))
					goto oom;
			}
			break;
		}
		default:
			break;
		}
	}
	{
		const struct cairn_extra *sx = CEXTRA(kind, src);
		struct cairn_extra *dx = EXTRA(kind, dst);
		dx->v = NULL;
		dx->n = 0;
		if (sx->n) {
			if (!(dx->v = calloc(sx->n, sizeof(*dx->v))))
				goto oom;
			for (size_t j = 0; j < sx->n; j++, dx->n++) {
				dx->v[j] = sx->v[j];
				dx->v[j].key = strdup(sx->v[j].key);
				dx->v[j].value = cairn_ynode_copy(sx->v[j].value);
				if (!dx->v[j].key || !dx->v[j].value) {
					dx->n++;
					goto oom;
				}
			}
		}
	}
	return 0;
oom:
	/* the fields not reached yet still point into src: zero them before releasing */
	return CAIRN_ENOMEM;
}

/* ---- loading from the tree ---- */

struct loader {
	const char *file;
	cairn_err *err;
};

static int bad(struct loader *ld, const struct cairn_ynode *n, const char *path, const char *hint,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int bad(struct loader *ld, const struct cairn_ynode *n, const char *path, const char *hint,
               const char *fmt, ...)
{
	char msg[CAIRN_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cairn_err_set(ld->err, CAIRN_EDATA, "%s%s%s", path, path[0] ? ": " : "", msg);
	cairn_err_at(ld->err, ld->file, n ? n->line : 0, n ? n->column : 0);
	if (hint)
		cairn_err_hint(ld->err, "%s", hint);
	return CAIRN_EDATA;
}

static const char *node_kind(const struct cairn_ynode *n)
{
	return n->type == CAIRN_Y_MAP ? "a map" : n->type == CAIRN_Y_SEQ ? "a list" : "a value";
}

/* Checks that a string can be stored and read back as it is. */
static const char *text_problem(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		if (*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t')) && *p != '\t') {
			if (*p == '\n')
				return "must be on one line";
			return "contains a control character";
		}
		if (*p == 0x7f)
			return "contains a control character";
		if (*p < 0x80) {
			p++;
			continue;
		}
		/* the C1 controls but NEL, and the noncharacters U+FFFE and U+FFFF: libyaml
		 * refuses them in a file, and a terminal may act on them */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f && p[1] != 0x85)
			return "contains a control character";
		if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
			return p[2] == 0xbe ? "contains a noncharacter (U+FFFE)"
			                    : "contains a noncharacter (U+FFFF)";
		/* UTF-8: lead byte and continuation bytes, no overlong or surrogate forms */
		{
			int len = (*p & 0xe0) == 0xc0   ? 2
			          : (*p & 0xf0) == 0xe0 ? 3
			          : (*p & 0xf8) == 0xf0 ? 4
			                                : 0;
			unsigned cp;
			if (!len || *p == 0xc0 || *p == 0xc1 || *p > 0xf4)
				return "is not valid UTF-8";
			cp = *p & (0x7f >> len);
			for (int i = 1; i < len; i++) {
				if ((p[i] & 0xc0) != 0x80)
					return "is not valid UTF-8";
				cp = (cp << 6) | (p[i] & 0x3f);
			}
			if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
			    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
				return "is not valid UTF-8";
			p += len;
		}
	}
	return NULL;
}

static int load_map(struct loader *ld, const struct cairn_kind *kind, void *rec,
                    const struct cairn_ynode *map, const char *path);

static int load_scalar_string(struct loader *ld, const struct cairn_field *f, char **dst,
                              const struct cairn_ynode *n, const char *path)
{
	const char *problem;

	if (n->type != CAIRN_Y_SCALAR)
		return bad(ld, n, path, NULL, "expected text, found %s", node_kind(n));
	if (cairn_ynode_is_null(n))
		return 0;
	if ((problem = text_problem(n->scalar, f->type == CAIRN_T_TEXT)))
		return bad(ld, n, path, NULL, "%s", problem);
	if (f->type == CAIRN_T_ID && !cairn_id_valid(n->scalar))
		return bad(ld, n, path,
		           "ids are lower-case letters, digits and '-', at most 64 characters",
		           "'%s' is not a valid id", n->scalar);
	if (!(*dst = strdup(n->scalar)))
		return cairn_err_set(ld->err, CAIRN_ENOMEM, "out of memory");
	return 0;
}

static int load_strlist(struct loader *ld, const struct cairn_field *f, struct cairn_strlist *l,
                        const struct cairn_ynode *n, const char *path)
{
	if (cairn_ynode_is_null(n))
		return 0;
	if (n->type != CAIRN_Y_SEQ)
		return bad(ld, n, path, "write a list as [a, b] or as lines starting with '- '",
		           "expected a list, found %s", node_kind(n));
	for (size_t i = 0; i < n->n; i++) {
		const struct cairn_ynode *it = n->items[i];
		const char *problem;
		if (it->type != CAIRN_Y_SCALAR || cairn_ynode_is_null(it))
			return bad(ld, it, path, NULL, "item %zu: expected text, found %s", i + 1,
			           cairn_ynode_is_null(it) ? "nothing" : node_kind(it));
		if ((problem = text_problem(it->scalar, 0)))
			return bad(ld, it, path, NULL, "item %zu %s", i + 1, problem);
		if (f->type == CAIRN_T_IDLIST && !cairn_id_valid(it->scalar))
			return bad(ld, it, path, "ids are lower-case letters, digits and '-'",
			           "'%s' is not a valid id", it->scalar);
		if (cairn_strlist_add(l, it->scalar))
			return cairn_err_set(ld->err, CAIRN_ENOMEM, "out of memory");
	}
	return 0;
}

static int check_number(struct loader *ld, const struct cairn_field *f, double v,
                        const struct cairn_ynode *n, const char *path)
{
	if ((f->flags & CAIRN_F_INTEGER) && v != floor(v))
		return bad(ld, n, path, NULL, "expected a whole number, found %g", v);
	if ((f->flags & CAIRN_F_NONNEG) && v < 0)
		return bad(ld, n, path, NULL, "may not be negative (found %g)", v);
	return 0;
}

/* "path.name" (just "name" at the top) and "path[i]", into buf of size bytes, cut to fit:
 * the place of a field in messages. Built for every field read or checked, so without
 * printf. */
static void field_path(char *buf, size_t size, const char *path, const char *name)
{
	size_t pl = strlen(path), nl = strlen(name), at = pl ? pl + 1 : 0;

	if (at + nl >= size) { /* cut as printf cuts */
		snprintf(buf, size, "%s%s%s", path, pl ? "." : "", name);
		return;
	}
	memcpy(buf, path, pl);
	if (pl)
		buf[pl] = '.';
	memcpy(buf + at, name, nl + 1);
}

static void item_path(char *buf, size_t size, const char *path, size_t i)
{
	char num[24];
	size_t pl = strlen(path), n = sizeof(num);

	num[--n] = '\0';
	num[--n] = ']';
	do
		num[--n] = (char)('0' + i % 10);
	while ((i /= 10) && n > 1);
	num[--n] = '[';
	if (pl + (sizeof(num) - 1 - n) >= size) {
		snprintf(buf, size, "%s%s", path, num + n);
		return;
	}
	memcpy(buf, path, pl);
	memcpy(buf + pl, num + n, sizeof(num) - n);
}

static int load_field(struct loader *ld, const struct cairn_field *f, void *p,
                      const struct cairn_ynode *n, const char *path)
{
	char hint[CAIRN_ERR_MSG];
	cairn_err sub = CAIRN_ERR_INIT;

	switch (f->type) {
	case CAIRN_T_STRING:
	case CAIRN_T_TEXT:
	case CAIRN_T_ID:
		return load_scalar_string(ld, f, p, n, path);
	case CAIRN_T_DATE:
		if (cairn_ynode_is_null(n))
			return 0;
		if (n->type != CAIRN_Y_SCALAR)
			return bad(ld, n, path, "write a date as YYYY-MM-DD",
			           "expected a date, found %s", node_kind(n));
		if (cairn_date_parse_iso(p, n->scalar, &sub))
			return bad(ld, n, path, "write a date as YYYY-MM-DD", "%s", sub.msg);
		return 0;
	case CAIRN_T_ENUM: {
		int i;
		if (cairn_ynode_is_null(n))
			return 0;
		if (n->type == CAIRN_Y_SCALAR) {
			for (i = 1; f->enums[i]; i++) {
				if (!strcmp(f->enums[i], n->scalar)) {
					*(int *)p = i;
					return 0;
				}
			}
		}
		enum_join(f->enums, hint, sizeof(hint));
		{
			char h2[CAIRN_ERR_MSG + 16];
			snprintf(h2, sizeof(h2), "one of: %s", hint);
			return bad(ld, n, path, h2, "unknown value '%s'",
			           n->type == CAIRN_Y_SCALAR ? n->scalar : node_kind(n));
		}
	}
	case CAIRN_T_NUMBER: {
		struct cairn_num *num = p;
		if (cairn_ynode_is_null(n))
			return 0;
		if (n->type != CAIRN_Y_SCALAR || !n->plain || cairn_num_parse(&num->v, n->scalar))
			return bad(ld, n, path, NULL, "expected a number, found %s%s%s",
			           n->type == CAIRN_Y_SCALAR ? "'" : "",
			           n->type == CAIRN_Y_SCALAR ? n->scalar : node_kind(n),
			           n->type == CAIRN_Y_SCALAR ? "'" : "");
		num->set = 1;
		return check_number(ld, f, num->v, n, path);
	}
	case CAIRN_T_STRLIST:
	case CAIRN_T_IDLIST:
		return load_strlist(ld, f, p, n, path);
	case CAIRN_T_MAP: {
		void *m;
		int rc;
		if (cairn_ynode_is_null(n))
			return 0;
		if (n->type != CAIRN_Y_MAP)
			return bad(ld, n, path, NULL, "expected a map of fields, found %s",
			           node_kind(n));
		if (!(m = cairn_record_new(f->sub)))
			return cairn_err_set(ld->err, CAIRN_ENOMEM, "out of memory");
		*(void **)p = m;
		rc = load_map(ld, f->sub, m, n, path);
		return rc;
	}
	case CAIRN_T_LIST: {
		struct cairn_list *l = p;
		if (cairn_ynode_is_null(n))
			return 0;
		if (n->type != CAIRN_Y_SEQ)
			return bad(ld, n, path, NULL, "expected a list, found %s", node_kind(n));
		for (size_t i = 0; i < n->n; i++) {
			char ipath[256];
			void *e;
			int rc;
			item_path(ipath, sizeof(ipath), path, i + 1);
			if (n->items[i]->type != CAIRN_Y_MAP)
				return bad(ld, n->items[i], ipath, NULL,
				           "expected a map of fields, found %s",
				           node_kind(n->items[i]));
			if (!(e = cairn_list_push(l, f->sub)))
				return cairn_err_set(ld->err, CAIRN_ENOMEM, "out of memory");
			if ((rc = load_map(ld, f->sub, e, n->items[i], ipath)))
				return rc;
		}
		return 0;
	}
	}
	return 0;
}

static int load_map(struct loader *ld, const struct cairn_kind *kind, void *rec,
                    const struct cairn_ynode *map, const char *path)
{
	struct cairn_extra *x = EXTRA(kind, rec);
	size_t i, j;
	int rc;

	for (i = 0; i < map->n; i++) {
		const struct cairn_ypair *pr = &map->pairs[i];
		const struct cairn_field *f = cairn_kind_field(kind, pr->key);
		char fpath[256];

		field_path(fpath, sizeof(fpath), path, pr->key);
		if (f) {
			if ((rc = load_field(ld, f, AT(rec, f), pr->value, fpath)))
				return rc;
			continue;
		}
		/* unknown: kept as it is, in its order */
		{
			struct cairn_ypair *nv = realloc(x->v, (x->n + 1) * sizeof(*nv));
			if (!nv)
				return cairn_err_set(ld->err, CAIRN_ENOMEM, "out of memory");
			x->v = nv;
			nv[x->n] = *pr;
			nv[x->n].key = strdup(pr->key);
			nv[x->n].value = cairn_ynode_copy(pr->value);
			if (!nv[x->n].key || !nv[x->n].value) {
				free(nv[x->n].key);
				cairn_ynode_free(nv[x->n].value);
				return cairn_err_set(ld->err, CAIRN_ENOMEM, "out of memory");
			}
			x->n++;
		}
	}
	for (j = 0; j < kind->nfields; j++) {
		const struct cairn_field *f = &kind->fields[j];
		const struct cairn_ynode *v;
		if (!(f->flags & CAIRN_F_REQUIRED))
			continue;
		v = cairn_ynode_get(map, f->name);
		if (!v || cairn_ynode_is_null(v)) {
			char fpath[256];
			field_path(fpath, sizeof(fpath), path, f->name);
			return bad(ld, v ? v : map, fpath, NULL, "required field is missing");
		}
	}
	return 0;
}

int cairn_record_from_node(const struct cairn_kind *kind, void *rec, const struct cairn_ynode *map,
                           const char *file, cairn_err *err)
{
	struct loader ld = {file, err};

	if (!map || map->type != CAIRN_Y_MAP) {
		cairn_err_set(err, CAIRN_EDATA, "expected a %s record (a map of fields), found %s",
		              kind->name, map ? node_kind(map) : "an empty file");
		cairn_err_at(err, file, map ? map->line : 0, map ? map->column : 0);
		return CAIRN_EDATA;
	}
	return load_map(&ld, kind, rec, map, "");
}

int cairn_record_parse(const struct cairn_kind *kind, void *rec, const char *buf, size_t len,
                       const char *file, cairn_err *err)
{
	struct cairn_ynode *root;
	int rc = cairn_yaml_parse(&root, buf, len, file, err);

	if (rc)
		return rc;
	rc = cairn_record_from_node(kind, rec, root, file, err);
	cairn_ynode_free(root);
	return rc;
}

/* ---- checking a record built in memory ---- */

static int check_rec(const struct cairn_kind *kind, const void *rec, const char *path,
                     cairn_err *err)
{
	for (size_t i = 0; i < kind->nfields; i++) {
		const struct cairn_field *f = &kind->fields[i];
		const void *p = CAT(rec, f);
		char fpath[256];
		const char *problem;
		int present = 1;

		field_path(fpath, sizeof(fpath), path, f->name);
		switch (f->type) {
		case CAIRN_T_STRING:
		case CAIRN_T_TEXT:
		case CAIRN_T_ID: {
			const char *s = *(char *const *)p;
			present = s != NULL;
			if (!s)
				break;
			if (f->type == CAIRN_T_ID && !cairn_id_valid(s)) {
				cairn_id_check(s, fpath, err);
				return CAIRN_EDATA;
			}
			if ((problem = text_problem(s, f->type == CAIRN_T_TEXT)))
				return cairn_err_set(err, CAIRN_EDATA, "%s %s", fpath, problem);
			if (!s[0] && (f->flags & CAIRN_F_REQUIRED))
				return cairn_err_set(err, CAIRN_EDATA, "%s may not be empty",
				                     fpath);
			break;
		}
		case CAIRN_T_DATE:
			present = *(const cairn_date *)p != CAIRN_DATE_NONE;
			break;
		case CAIRN_T_ENUM: {
			int v = *(const int *)p;
			present = v != 0;
			if (v < 0 || v >= enum_count(f->enums))
				return cairn_err_set(err, CAIRN_EDATA, "%s has no valid value",
				                     fpath);
			break;
		}
		case CAIRN_T_NUMBER: {
			const struct cairn_num *num = p;
			present = num->set;
			if (!num->set)
				break;
			if (!isfinite(num->v))
				return cairn_err_set(err, CAIRN_EDATA, "%s is not a number", fpath);
			if ((f->flags & CAIRN_F_INTEGER) && num->v != floor(num->v))
				return cairn_err_set(err, CAIRN_EDATA, "%s must be a whole number",
				                     fpath);
			if ((f->flags & CAIRN_F_NONNEG) && num->v < 0)
				return cairn_err_set(err, CAIRN_EDATA,
				                     "%s may not be negative (%g)", fpath, num->v);
			break;
		}
		case CAIRN_T_STRLIST:
		case CAIRN_T_IDLIST: {
			const struct cairn_strlist *l = p;
			present = l->n > 0;
			for (size_t j = 0; j < l->n; j++) {
				if (f->type == CAIRN_T_IDLIST && !cairn_id_valid(l->v[j])) {
					cairn_id_check(l->v[j], fpath, err);
					return CAIRN_EDATA;
				}
				if (!l->v[j][0])
					return cairn_err_set(err, CAIRN_EDATA,
					                     "%s has an empty item", fpath);
				if ((problem = text_problem(l->v[j], 0)))
					return cairn_err_set(err, CAIRN_EDATA, "%s: '%s' %s", fpath,
					                     l->v[j], problem);
			}
			break;
		}
		case CAIRN_T_MAP: {
			const void *m = *(void *const *)p;
			int rc;
			present = m != NULL;
			if (m && (rc = check_rec(f->sub, m, fpath, err)))
				return rc;
			break;
		}
		case CAIRN_T_LIST: {
			const struct cairn_list *l = p;
			present = l->n > 0;
			for (size_t j = 0; j < l->n; j++) {
				char ipath[300];
				int rc;
				item_path(ipath, sizeof(ipath), fpath, j + 1);
				if ((rc = check_rec(f->sub, (const char *)l->v + j * f->sub->size,
				                    ipath, err)))
					return rc;
			}
			break;
		}
		}
		if (!present && (f->flags & CAIRN_F_REQUIRED))
			return cairn_err_set(err, CAIRN_EDATA, "%s is required", fpath);
	}
	return 0;
}

int cairn_record_check(const struct cairn_kind *kind, const void *rec, cairn_err *err)
{
	return check_rec(kind, rec, "", err);
}

/* ---- writing ---- */

static int all_digits(const char *s)
{
	if (!*s || strlen(s) > 9)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

void cairn_record_emit(struct cairn_yw *w, const struct cairn_kind *kind, const void *rec)
{
	char buf[64];
	const struct cairn_extra *x = CEXTRA(kind, rec);

	for (size_t i = 0; i < kind->nfields; i++) {
		const struct cairn_field *f = &kind->fields[i];
		const void *p = CAT(rec, f);
		switch (f->type) {
		case CAIRN_T_STRING:
		case CAIRN_T_TEXT:
		case CAIRN_T_ID:
			if (*(char *const *)p && (f->flags & CAIRN_F_PLAIN) &&
			    all_digits(*(char *const *)p))
				cairn_yw_raw(w, f->name, *(char *const *)p);
			else if (*(char *const *)p)
				cairn_yw_str(w, f->name, *(char *const *)p);
			else if (f->flags & CAIRN_F_KEEP_NULL)
				cairn_yw_raw(w, f->name, "null");
			break;
		case CAIRN_T_DATE:
			if (*(const cairn_date *)p)
				cairn_yw_raw(w, f->name,
				             cairn_date_format(*(const cairn_date *)p, buf));
			else if (f->flags & CAIRN_F_KEEP_NULL)
				cairn_yw_raw(w, f->name, "null");
			break;
		case CAIRN_T_ENUM:
			/* quoted when it would read as another type (still_fits: "yes") */
			if (*(const int *)p > 0)
				cairn_yw_str(w, f->name, f->enums[*(const int *)p]);
			break;
		case CAIRN_T_NUMBER: {
			const struct cairn_num *num = p;
			if (num->set)
				cairn_yw_raw(w, f->name,
				             cairn_num_format_exact(num->v, buf, sizeof(buf)));
			break;
		}
		case CAIRN_T_STRLIST:
		case CAIRN_T_IDLIST: {
			const struct cairn_strlist *l = p;
			if (!l->n)
				break;
			cairn_yw_seq_begin(w, f->name);
			for (size_t j = 0; j < l->n; j++)
				cairn_yw_item_str(w, l->v[j]);
			cairn_yw_seq_end(w);
			break;
		}
		case CAIRN_T_MAP: {
			const void *m = *(void *const *)p;
			if (!m)
				break;
			cairn_yw_map_begin(w, f->name);
			cairn_record_emit(w, f->sub, m);
			cairn_yw_map_end(w);
			break;
		}
		case CAIRN_T_LIST: {
			const struct cairn_list *l = p;
			if (!l->n)
				break;
			cairn_yw_seq_begin(w, f->name);
			for (size_t j = 0; j < l->n; j++) {
				cairn_yw_map_begin(w, NULL);
				cairn_record_emit(w, f->sub, (const char *)l->v + j * f->sub->size);
				cairn_yw_map_end(w);
			}
			cairn_yw_seq_end(w);
			break;
		}
		}
	}
	for (size_t i = 0; i < x->n; i++)
		cairn_yw_node(w, x->v[i].key, x->v[i].value);
}

int cairn_record_write(char **out, size_t *len, const struct cairn_kind *kind, const void *rec,
                       cairn_err *err)
{
	struct cairn_yw w;

	memset(&w, 0, sizeof(w));
	*out = NULL;
	cairn_record_emit(&w, kind, rec);
	if (w.out.failed || !w.out.data) {
		cairn_buf_release(&w.out);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	*out = w.out.data;
	if (len)
		*len = w.out.len;
	return 0;
}

/* ---- JSON ---- */

static json_t *ynode_json(const struct cairn_ynode *n)
{
	json_t *j;

	if (n->type == CAIRN_Y_SCALAR) {
		double v;
		if (cairn_ynode_is_null(n))
			return json_null();
		if (n->plain && !cairn_num_parse(&v, n->scalar))
			return v == floor(v) && fabs(v) < 1e15 ? json_integer((json_int_t)v)
			                                       : json_real(v);
		if (n->plain && (!strcmp(n->scalar, "true") || !strcmp(n->scalar, "false")))
			return json_boolean(n->scalar[0] == 't');
		return json_string(n->scalar);
	}
	if (n->type == CAIRN_Y_SEQ) {
		j = json_array();
		for (size_t i = 0; i < n->n; i++)
			json_array_append_new(j, ynode_json(n->items[i]));
		return j;
	}
	j = json_object();
	for (size_t i = 0; i < n->n; i++)
		json_object_set_new(j, n->pairs[i].key, ynode_json(n->pairs[i].value));
	return j;
}

static json_t *num_json(double v)
{
	return v == floor(v) && fabs(v) < 1e15 ? json_integer((json_int_t)v) : json_real(v);
}

void *cairn_record_json(const struct cairn_kind *kind, const void *rec)
{
	json_t *o = json_object();
	char buf[CAIRN_DATE_BUF];
	const struct cairn_extra *x = CEXTRA(kind, rec);

	for (size_t i = 0; i < kind->nfields; i++) {
		const struct cairn_field *f = &kind->fields[i];
		const void *p = CAT(rec, f);
		json_t *v = NULL;
		switch (f->type) {
		case CAIRN_T_STRING:
		case CAIRN_T_TEXT:
		case CAIRN_T_ID:
			if (*(char *const *)p)
				v = json_string(*(char *const *)p);
			break;
		case CAIRN_T_DATE:
			if (*(const cairn_date *)p)
				v = json_string(cairn_date_format(*(const cairn_date *)p, buf));
			break;
		case CAIRN_T_ENUM:
			if (*(const int *)p > 0)
				v = json_string(f->enums[*(const int *)p]);
			break;
		case CAIRN_T_NUMBER:
			if (((const struct cairn_num *)p)->set)
				v = num_json(((const struct cairn_num *)p)->v);
			break;
		case CAIRN_T_STRLIST:
		case CAIRN_T_IDLIST: {
			const struct cairn_strlist *l = p;
			v = json_array();
			for (size_t j = 0; j < l->n; j++)
				json_array_append_new(v, json_string(l->v[j]));
			break;
		}
		case CAIRN_T_MAP:
			if (*(void *const *)p)
				v = cairn_record_json(f->sub, *(void *const *)p);
			break;
		case CAIRN_T_LIST: {
			const struct cairn_list *l = p;
			v = json_array();
			for (size_t j = 0; j < l->n; j++)
				json_array_append_new(
				    v, cairn_record_json(f->sub,
				                         (const char *)l->v + j * f->sub->size));
			break;
		}
		}
		json_object_set_new(o, f->name, v ? v : json_null());
	}
	for (size_t i = 0; i < x->n; i++)
		if (!json_object_get(o, x->v[i].key))
			json_object_set_new(o, x->v[i].key, ynode_json(x->v[i].value));
	return o;
}

/* ---- what changed ---- */

/* The value of a scalar field as text for a change line; NULL when absent. */
static const char *field_text(const struct cairn_field *f, const void *p, char *buf, size_t size)
{
	switch (f->type) {
	case CAIRN_T_STRING:
	case CAIRN_T_TEXT:
	case CAIRN_T_ID:
		return *(char *const *)p;
	case CAIRN_T_DATE:
		return *(const cairn_date *)p ? cairn_date_format(*(const cairn_date *)p, buf)
		                              : NULL;
	case CAIRN_T_ENUM:
		return *(const int *)p > 0 ? f->enums[*(const int *)p] : NULL;
	case CAIRN_T_NUMBER:
		/* as the file has it: a change past the tenth digit is still a change */
		return ((const struct cairn_num *)p)->set
		           ? cairn_num_format_exact(((const struct cairn_num *)p)->v, buf, size)
		           : NULL;
	default:
		return NULL;
	}
}

static void quote_short(struct cairn_buf *b, const char *s)
{
	if (!s) {
		cairn_buf_puts(b, "(none)");
		return;
	}
	if (strlen(s) > 60 || strchr(s, '\n'))
		cairn_buf_printf(b, "\"%.40s...\"", s);
	else
		cairn_buf_puts(b, s);
}

/* The first text field of an element, to name it in a change line. */
static const char *element_name(const struct cairn_kind *k, const void *e, char *buf, size_t size)
{
	for (size_t i = 0; i < k->nfields; i++) {
		const char *t = field_text(&k->fields[i], CAT(e, &k->fields[i]), buf, size);
		if (t)
			return t;
	}
	return "(item)";
}

static void diff_rec(struct cairn_buf *b, const struct cairn_kind *kind, const void *a,
                     const void *c, const char *path);

static char *element_text(const struct cairn_kind *k, const void *e)
{
	struct cairn_yw w;

	memset(&w, 0, sizeof(w));
	cairn_record_emit(&w, k, e);
	if (w.out.failed) {
		cairn_buf_release(&w.out);
		return NULL;
	}
	return w.out.data ? w.out.data : strdup("");
}

static void say_item(struct cairn_buf *b, const char *fpath, char sign, const struct cairn_kind *k,
                     const void *e)
{
	char buf[64];

	cairn_buf_printf(b, "%s %c ", fpath, sign);
	quote_short(b, element_name(k, e, buf, sizeof(buf)));
	cairn_buf_puts(b, "\n");
}

/* Lists of different lengths: the longest run of unchanged items is kept (LCS); in each gap
 * between kept items, as many removed as added items are compared field by field and the
 * rest are reported as added or removed. */
static void diff_list(struct cairn_buf *b, const struct cairn_field *f, const struct cairn_list *la,
                      const struct cairn_list *lc, const char *fpath)
{
	size_t n = la->n, m = lc->n, sz = f->sub->size, i, j;
	char **ta = NULL, **tc = NULL;
	unsigned *t = NULL;

	if (n > 2000 || m > 2000 || !(ta = calloc(n + 1, sizeof(*ta))) ||
	    !(tc = calloc(m + 1, sizeof(*tc))) || !(t = calloc((n + 1) * (m + 1), sizeof(*t))))
		goto plain;
	for (i = 0; i < n; i++)
		if (!(ta[i] = element_text(f->sub, (const char *)la->v + i * sz)))
			goto plain;
	for (j = 0; j < m; j++)
		if (!(tc[j] = element_text(f->sub, (const char *)lc->v + j * sz)))
			goto plain;
#define T(x, y) t[(x) * (m + 1) + (y)]
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			T(i, j) = !strcmp(ta[i], tc[j])       ? T(i + 1, j + 1) + 1
			          : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j)
			                                      : T(i, j + 1);
	for (i = 0, j = 0; i < n || j < m;) {
		size_t i0 = i, j0 = j, k;
		while (i < n && j < m && strcmp(ta[i], tc[j])) {
			if (T(i + 1, j) >= T(i, j + 1))
				i++;
			else
				j++;
		}
		if (i == n || j == m) {
			i = n;
			j = m;
		}
		for (k = 0; k < i - i0 && k < j - j0; k++) {
			char ipath[300];
			item_path(ipath, sizeof(ipath), fpath, j0 + k + 1);
			diff_rec(b, f->sub, (const char *)la->v + (i0 + k) * sz,
			         (const char *)lc->v + (j0 + k) * sz, ipath);
		}
		for (; k < j - j0; k++)
			say_item(b, fpath, '+', f->sub, (const char *)lc->v + (j0 + k) * sz);
		for (k = j - j0; k < i - i0; k++)
			say_item(b, fpath, '-', f->sub, (const char *)la->v + (i0 + k) * sz);
		if (i < n && j < m) {
			i++;
			j++;
		}
	}
#undef T
	goto out;
plain:
	for (j = 0; j < m; j++)
		say_item(b, fpath, '+', f->sub, (const char *)lc->v + j * sz);
	for (i = 0; i < n; i++)
		say_item(b, fpath, '-', f->sub, (const char *)la->v + i * sz);
out:
	for (i = 0; ta && i < n; i++)
		free(ta[i]);
	for (j = 0; tc && j < m; j++)
		free(tc[j]);
	free(ta);
	free(tc);
	free(t);
}

static void diff_field(struct cairn_buf *b, const struct cairn_field *f, const void *pa,
                       const void *pc, const char *fpath)
{
	char ba[64], bc[64];

	switch (f->type) {
	case CAIRN_T_STRLIST:
	case CAIRN_T_IDLIST: {
		const struct cairn_strlist *la = pa, *lc = pc;
		for (size_t j = 0; j < lc->n; j++)
			if (!cairn_strlist_has(la, lc->v[j]))
				cairn_buf_printf(b, "%s + %s\n", fpath, lc->v[j]);
		for (size_t j = 0; j < la->n; j++)
			if (!cairn_strlist_has(lc, la->v[j]))
				cairn_buf_printf(b, "%s - %s\n", fpath, la->v[j]);
		return;
	}
	case CAIRN_T_MAP: {
		const void *ma = *(void *const *)pa, *mc = *(void *const *)pc;
		void *empty = NULL;
		if (!ma && !mc)
			return;
		if (!ma || !mc)
			empty = cairn_record_new(f->sub);
		if (!ma && !mc)
			return;
		diff_rec(b, f->sub, ma ? ma : empty, mc ? mc : empty, fpath);
		free(empty);
		return;
	}
	case CAIRN_T_LIST: {
		const struct cairn_list *la = pa, *lc = pc;
		size_t sz = f->sub->size, j;
		if (la->n == lc->n) {
			for (j = 0; j < la->n; j++) {
				char ipath[300];
				item_path(ipath, sizeof(ipath), fpath, j + 1);
				diff_rec(b, f->sub, (const char *)la->v + j * sz,
				         (const char *)lc->v + j * sz, ipath);
			}
			return;
		}
		diff_list(b, f, la, lc, fpath);
		return;
	}
	default: {
		const char *ta = field_text(f, pa, ba, sizeof(ba));
		const char *tc = field_text(f, pc, bc, sizeof(bc));
		if ((!ta && !tc) || (ta && tc && !strcmp(ta, tc)))
			return;
		if (f->type == CAIRN_T_TEXT && ta && tc) {
			cairn_buf_printf(b, "%s changed\n", fpath);
			return;
		}
		cairn_buf_printf(b, "%s ", fpath);
		quote_short(b, ta);
		cairn_buf_puts(b, " -> ");
		quote_short(b, tc);
		cairn_buf_puts(b, "\n");
	}
	}
}

static void diff_rec(struct cairn_buf *b, const struct cairn_kind *kind, const void *a,
                     const void *c, const char *path)
{
	for (size_t i = 0; i < kind->nfields; i++) {
		const struct cairn_field *f = &kind->fields[i];
		char fpath[256];
		field_path(fpath, sizeof(fpath), path, f->name);
		diff_field(b, f, CAT(a, f), CAT(c, f), fpath);
	}
}

int cairn_record_diff(char **out, const struct cairn_kind *kind, const void *a, const void *b)
{
	struct cairn_buf buf = {0};

	cairn_buf_puts(&buf, "");
	diff_rec(&buf, kind, a, b, "");
	if (buf.failed) {
		cairn_buf_release(&buf);
		*out = NULL;
		return CAIRN_ENOMEM;
	}
	*out = buf.data;
	return 0;
}
