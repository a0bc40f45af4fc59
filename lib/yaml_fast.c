/* cairn — the fast reader of the canonical form
 *
 * Every record cairn writes has one form (lib/yaml.c's writer): block maps and sequences two
 * spaces deeper than their key, `- ` items, plain, double-quoted or literal scalars, `[]` and
 * `{}`. A reader that reads every record (status, remind, ce status) spent most of its time
 * in libyaml's scanner. This reader takes exactly that form, line by line, and builds the
 * same tree with the same lines and columns. Anything else (a comment, a tab, a flow
 * collection, another indentation, a duplicate key, an escape the writer does not use...)
 * gives up, and the file is read again by libyaml, which is the judge of every error. A
 * test compares the two readers on every file of the examples and the fuzz corpus. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_priv.h"

#define GIVE_UP 1

struct fp {
	const char *buf, *end;
	const char *p; /* the start of the current line */
	int line;
};

static const char *eol(const struct fp *f)
{
	const char *e = memchr(f->p, '\n', (size_t)(f->end - f->p));
	return e ? e : f->end;
}

static void next_line(struct fp *f)
{
	const char *e = eol(f);
	f->p = e < f->end ? e + 1 : e;
	f->line++;
}

/* spaces at the start of the current line; -1 at the end of the input */
static int indent_of(const struct fp *f)
{
	const char *q = f->p;

	if (q >= f->end)
		return -1;
	while (q < f->end && *q == ' ')
		q++;
	return (int)(q - f->p);
}

static struct cairn_ynode *node(enum cairn_ytype type, int line, int column)
{
	struct cairn_ynode *n = calloc(1, sizeof(*n));
	if (n) {
		n->type = type;
		n->line = line;
		n->column = column;
	}
	return n;
}

/* a character that may not stand raw in a scalar this reader takes: a control, DEL, or one
 * of the writer's special code points (the input is valid UTF-8) */
static int special(const unsigned char *p)
{
	return *p < 0x20 || *p == 0x7f || cairn_yaml_special_unicode(p);
}

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static int hex_value(const char *s, int digits, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < digits; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* "..." on one line, ending the line; the escapes the writer uses */
static char *double_quoted(const char *v, const char *e)
{
	char *out = malloc((size_t)(e - v) * 2 + 1), *o = out;
	const char *q = v + 1;

	if (!out)
		return NULL;
	while (q < e && *q != '"') {
		uint32_t cp;
		if (*q != '\\') {
			if (special((const unsigned char *)q))
				goto give_up;
			*o++ = *q++;
			continue;
		}
		if (q + 1 >= e)
			goto give_up;
		switch (q[1]) {
		case '"':
		case '\\':
			*o++ = q[1];
			q += 2;
			continue;
		case 'n':
			*o++ = '\n';
			q += 2;
			continue;
		case 't':
			*o++ = '\t';
			q += 2;
			continue;
		case 'r':
			*o++ = '\r';
			q += 2;
			continue;
		case 'N':
			cp = 0x85;
			q += 2;
			break;
		case 'L':
			cp = 0x2028;
			q += 2;
			break;
		case 'P':
			cp = 0x2029;
			q += 2;
			break;
		case 'x':
			if (e - q < 4 || hex_value(q + 2, 2, &cp) < 0)
				goto give_up;
			q += 4;
			break;
		case 'u':
			if (e - q < 6 || hex_value(q + 2, 4, &cp) < 0)
				goto give_up;
			q += 6;
			break;
		default:
			goto give_up;
		}
		if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
			goto give_up;
		o += put_utf8(o, cp);
	}
	if (q >= e || q + 1 != e) /* unclosed, or something after the closing quote */
		goto give_up;
	*o = '\0';
	return out;
give_up:
	free(out);
	return NULL;
}

/* '...' on one line, ending the line */
static char *single_quoted(const char *v, const char *e)
{
	char *out = malloc((size_t)(e - v) + 1), *o = out;
	const char *q = v + 1;

	if (!out)
		return NULL;
	for (;;) {
		if (q >= e)
			goto give_up;
		if (*q == '\'') {
			if (q + 1 < e && q[1] == '\'') {
				*o++ = '\'';
				q += 2;
				continue;
			}
			break;
		}
		if (special((const unsigned char *)q))
			goto give_up;
		*o++ = *q++;
	}
	if (q + 1 != e)
		goto give_up;
	*o = '\0';
	return out;
give_up:
	free(out);
	return NULL;
}

/* `|`, `|-` or `|+` ending the line at v; content lines at exactly indent */
static int literal(struct fp *f, const char *v, const char *e, int indent, char **out)
{
	size_t cap = 256, len = 0, keep_len;
	char *s, chomp = e - v == 2 ? v[1] : 0;
	int lines = 0, nobreak = 0;

	if ((e - v == 2 && v[1] != '-' && v[1] != '+') || e - v > 2)
		return GIVE_UP;
	if (!(s = malloc(cap)))
		return GIVE_UP;
	next_line(f);
	keep_len = 0;
	for (;;) {
		const char *le;
		int ind = indent_of(f);
		size_t n;
		if (ind < 0)
			break;
		le = eol(f);
		if (f->p + ind == le) { /* a line of spaces only */
			if (ind != 0 || !lines)
				goto give_up;
			n = 0;
		} else if (ind < indent) {
			break;
		} else {
			/* the first line sets the indentation: libyaml refuses a tab right
			 * after it there */
			if (!lines && (ind != indent || f->p[ind] == '\t'))
				goto give_up;
			n = (size_t)(le - f->p) - (size_t)indent;
		}
		if (len + n + 2 > cap) {
			char *ns;
			while (len + n + 2 > cap)
				cap *= 2;
			if (!(ns = realloc(s, cap)))
				goto give_up;
			s = ns;
		}
		for (const char *q = f->p + indent; q < f->p + indent + n; q++)
			if (*q != '\t' && special((const unsigned char *)q))
				goto give_up;
		memcpy(s + len, f->p + indent, n);
		len += n;
		s[len++] = '\n';
		if (n)
			keep_len = len;
		lines++;
		if (le >= f->end) { /* the last line, without a line break */
			nobreak = 1;
			f->p = le;
			f->line++;
			goto done;
		}
		next_line(f);
	}
done:
	if (!lines || !keep_len)
		goto give_up;
	/* the break counted after a last line that had none is not there */
	if (chomp == '-')
		len = keep_len - 1;
	else if (chomp != '+')
		len = keep_len - (size_t)nobreak;
	else
		len -= (size_t)nobreak;
	s[len] = '\0';
	*out = s;
	return 0;
give_up:
	free(s);
	return GIVE_UP;
}

static int seq(struct fp *f, int indent, int depth, struct cairn_ynode **out);
static int map(struct fp *f, int indent, const char *first, int depth, struct cairn_ynode **out);

/* length of a key at k: a plain word followed by ':' and a space or the line's end */
static size_t key_len(const char *k, const char *e)
{
	const char *q = k;

	if (q >= e || !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
	                (*q >= '0' && *q <= '9') || *q == '_'))
		return 0;
	while (q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
	                 (*q >= '0' && *q <= '9') || *q == '_' || *q == '-'))
		q++;
	if (q >= e || *q != ':' || (q + 1 < e && q[1] != ' '))
		return 0;
	return (size_t)(q - k);
}

/* The value that starts at v on the current line (column col), in a collection indented by
 * indent; leaves f on the line after it. */
static int value(struct fp *f, const char *v, int col, int indent, struct cairn_ynode **out)
{
	const char *e = eol(f);
	struct cairn_ynode *n;
	int line = f->line;

	if (v >= e || *v == ' ') /* "key: " and nothing after the space, or more spaces */
		return GIVE_UP;
	if (e - v == 2 && (!memcmp(v, "[]", 2) || !memcmp(v, "{}", 2))) {
		if (!(n = node(*v == '[' ? CAIRN_Y_SEQ : CAIRN_Y_MAP, line, col)))
			return GIVE_UP;
		next_line(f);
		*out = n;
		return 0;
	}
	if (!(n = node(CAIRN_Y_SCALAR, line, col)))
		return GIVE_UP;
	if (*v == '"') {
		n->scalar = double_quoted(v, e);
	} else if (*v == '\'') {
		n->scalar = single_quoted(v, e);
	} else if (*v == '|') {
		if (literal(f, v, e, indent + 2, &n->scalar)) {
			free(n);
			return GIVE_UP;
		}
		*out = n;
		return 0;
	} else {
		/* the rest of the line, when the writer's rule says it reads as that text */
		n->plain = 1;
		if ((n->scalar = dup_n(v, (size_t)(e - v))) &&
		    (memchr(v, 0, (size_t)(e - v)) || !cairn_yaml_plain_syntax_ok(n->scalar))) {
			free(n->scalar);
			n->scalar = NULL;
		}
	}
	if (!n->scalar) {
		free(n);
		return GIVE_UP;
	}
	next_line(f);
	*out = n;
	return 0;
}

/* A block map whose keys stand at indent; first: its first key, when it follows "- " on the
 * current line. */
static int map(struct fp *f, int indent, const char *first, int depth, struct cairn_ynode **out)
{
	struct cairn_ynode *m;
	size_t cap = 0;

	if (depth > CAIRN_YAML_MAX_DEPTH)
		return GIVE_UP;
	if (!(m = node(CAIRN_Y_MAP, f->line, indent + 1)))
		return GIVE_UP;
	for (;;) {
		const char *k = first ? first : f->p + indent, *e = eol(f);
		size_t kl = key_len(k, e);
		struct cairn_ynode *v = NULL;
		int col = (int)(k - f->p) + 1, line = f->line, ind;
		first = NULL;
		if (!kl)
			goto give_up;
		for (size_t i = 0; i < m->n; i++)
			if (!strncmp(m->pairs[i].key, k, kl) && !m->pairs[i].key[kl])
				goto give_up; /* a duplicate: libyaml's reader says where */
		if (m->n == cap) {
			struct cairn_ypair *np =
			    realloc(m->pairs, (cap = cap ? cap * 2 : 16) * sizeof(*np));
			if (!np)
				goto give_up;
			m->pairs = np;
		}
		if (!(m->pairs[m->n].key = dup_n(k, kl)))
			goto give_up;
		m->pairs[m->n].line = line;
		m->pairs[m->n].column = col;
		m->pairs[m->n].value = NULL;
		m->n++;
		if (k + kl + 1 == e) { /* "key:" and its value on the lines below */
			next_line(f);
			ind = indent_of(f);
			if (ind != indent + 2 || f->p + ind + 1 >= f->end)
				goto give_up;
			if (f->p[ind] == '-' && f->p[ind + 1] == ' ') {
				if (seq(f, indent + 2, depth + 1, &v))
					goto give_up;
			} else if (map(f, indent + 2, NULL, depth + 1, &v)) {
				goto give_up;
			}
		} else if (value(f, k + kl + 2, col + (int)kl + 2, indent, &v)) {
			goto give_up;
		}
		m->pairs[m->n - 1].value = v;
		ind = indent_of(f);
		if (ind < indent)
			break;
		if (ind > indent || f->p + ind >= f->end || f->p[ind] == '-')
			goto give_up;
	}
	*out = m;
	return 0;
give_up:
	cairn_ynode_free(m);
	return GIVE_UP;
}

/* A block sequence whose "- " stand at indent. */
static int seq(struct fp *f, int indent, int depth, struct cairn_ynode **out)
{
	struct cairn_ynode *s;
	size_t cap = 0;

	if (depth > CAIRN_YAML_MAX_DEPTH)
		return GIVE_UP;
	if (!(s = node(CAIRN_Y_SEQ, f->line, indent + 1)))
		return GIVE_UP;
	for (;;) {
		const char *c = f->p + indent + 2, *e = eol(f);
		struct cairn_ynode *v = NULL;
		int ind;
		if (c >= e || f->p[indent] != '-' || f->p[indent + 1] != ' ' || *c == ' ')
			goto give_up;
		if (s->n == cap) {
			struct cairn_ynode **ni =
			    realloc(s->items, (cap = cap ? cap * 2 : 8) * sizeof(*ni));
			if (!ni)
				goto give_up;
			s->items = ni;
		}
		if (key_len(c, e)) {
			if (map(f, indent + 2, c, depth + 1, &v))
				goto give_up;
			v->column = indent + 3;
		} else if (*c == '-' && (c + 1 == e || c[1] == ' ')) {
			goto give_up;
		} else if (value(f, c, indent + 3, indent, &v)) {
			goto give_up;
		}
		s->items[s->n++] = v;
		ind = indent_of(f);
		if (ind < indent)
			break;
		if (ind > indent || f->p + ind + 1 >= f->end || f->p[ind] != '-')
			goto give_up;
	}
	*out = s;
	return 0;
give_up:
	cairn_ynode_free(s);
	return GIVE_UP;
}

int cairn_yaml_fast(struct cairn_ynode **out, const char *buf, size_t len)
{
	struct fp f = {buf, buf + len, buf, 1};
	struct cairn_ynode *root = NULL;

	*out = NULL;
	if (!len || indent_of(&f) != 0 || map(&f, 0, NULL, 1, &root))
		return GIVE_UP;
	if (f.p != f.end) {
		cairn_ynode_free(root);
		return GIVE_UP;
	}
	*out = root;
	return 0;
}

int cairn_ynode_same(const struct cairn_ynode *a, const struct cairn_ynode *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->line != b->line || a->column != b->column || a->n != b->n)
		return 0;
	if (a->type == CAIRN_Y_SCALAR)
		return a->plain == b->plain && !strcmp(a->scalar, b->scalar);
	for (size_t i = 0; i < a->n; i++) {
		if (a->type == CAIRN_Y_SEQ && !cairn_ynode_same(a->items[i], b->items[i]))
			return 0;
		if (a->type == CAIRN_Y_MAP &&
		    (strcmp(a->pairs[i].key, b->pairs[i].key) ||
		     a->pairs[i].line != b->pairs[i].line ||
		     a->pairs[i].column != b->pairs[i].column ||
		     !cairn_ynode_same(a->pairs[i].value, b->pairs[i].value)))
			return 0;
	}
	return 1;
}
