/* cairn — the defensive YAML reader (libyaml events into a small tree) and the canonical
 * writer (our own, so that the form of every file is ours to fix) */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "cairn/yaml.h"
#include "yaml_priv.h"

/* ---- the tree ---- */

void cairn_ynode_free(struct cairn_ynode *n)
{
	size_t i;

	if (!n)
		return;
	free(n->scalar);
	for (i = 0; n->type == CAIRN_Y_SEQ && i < n->n; i++)
		cairn_ynode_free(n->items[i]);
	for (i = 0; n->type == CAIRN_Y_MAP && i < n->n; i++) {
		free(n->pairs[i].key);
		cairn_ynode_free(n->pairs[i].value);
	}
	free(n->items);
	free(n->pairs);
	free(n);
}

struct cairn_ynode *cairn_ynode_copy(const struct cairn_ynode *n)
{
	struct cairn_ynode *c;
	size_t i;

	if (!n || !(c = calloc(1, sizeof(*c))))
		return NULL;
	*c = *n;
	c->scalar = NULL;
	c->items = NULL;
	c->pairs = NULL;
	c->n = 0;
	if (n->scalar && !(c->scalar = strdup(n->scalar)))
		goto fail;
	if (n->type == CAIRN_Y_SEQ && n->n) {
		if (!(c->items = calloc(n->n, sizeof(*c->items))))
			goto fail;
		for (i = 0; i < n->n; i++, c->n++)
			if (!(c->items[i] = cairn_ynode_copy(n->items[i])))
				goto fail;
	}
	if (n->type == CAIRN_Y_MAP && n->n) {
		if (!(c->pairs = calloc(n->n, sizeof(*c->pairs))))
			goto fail;
		for (i = 0; i < n->n; i++, c->n++) {
			c->pairs[i] = n->pairs[i];
			c->pairs[i].key = strdup(n->pairs[i].key);
			c->pairs[i].value = cairn_ynode_copy(n->pairs[i].value);
			if (!c->pairs[i].key || !c->pairs[i].value) {
				c->n++;
				goto fail;
			}
		}
	}
	return c;
fail:
	cairn_ynode_free(c);
	return NULL;
}

struct cairn_ynode *cairn_ynode_get(const struct cairn_ynode *map, const char *key)
{
	if (!map || map->type != CAIRN_Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->pairs[i].key, key))
			return map->pairs[i].value;
	return NULL;
}

int cairn_ynode_is_null(const struct cairn_ynode *n)
{
	if (!n)
		return 1;
	if (n->type != CAIRN_Y_SCALAR || !n->plain)
		return 0;
	return !n->scalar[0] || !strcmp(n->scalar, "~") || !strcmp(n->scalar, "null") ||
	       !strcmp(n->scalar, "Null") || !strcmp(n->scalar, "NULL");
}

/* ---- the reader ---- */

struct reader {
	yaml_parser_t parser;
	const char *buf;
	const char *file;
	cairn_err *err;
};

static int refuse(struct reader *r, yaml_mark_t mark, const char *what, const char *hint)
{
	cairn_err_set(r->err, CAIRN_EDATA, "%s", what);
	cairn_err_at(r->err, r->file, (int)mark.line + 1, (int)mark.column + 1);
	if (hint)
		cairn_err_hint(r->err, "%s", hint);
	return CAIRN_EDATA;
}

/* Line and column (1-based, counted in characters) of byte offset off in buf. */
static void position_of(const char *buf, size_t off, int *line, int *column)
{
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < off; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n') {
			(*line)++;
			*column = 1;
		} else if ((c & 0xC0) != 0x80) {
			(*column)++;
		}
	}
}

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0 when it is not one:
 * truncated, overlong, a surrogate or beyond U+10FFFF. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned cp, min;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1Fu, min = 0x80;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0Fu, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* Refuses text that is not UTF-8, naming the first bad character's place: libyaml's own
 * reader reports such errors at the start of the stream. */
static int check_utf8(const char *buf, size_t len, const char *file, cairn_err *err)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, n;
	int line, column;

	while (i < len) {
		if ((n = utf8_sequence(s + i, len - i))) {
			i += n;
			continue;
		}
		position_of(buf, i, &line, &column);
		cairn_err_set(err, CAIRN_EDATA, "invalid YAML: not UTF-8 text (byte 0x%02X)", s[i]);
		cairn_err_at(err, file, line, column);
		cairn_err_hint(err,
		               "save the file as UTF-8 in your editor, then run `cairn doctor`");
		return CAIRN_EDATA;
	}
	return 0;
}

static int next_event(struct reader *r, yaml_event_t *ev)
{
	int line, column;

	if (yaml_parser_parse(&r->parser, ev))
		return 0;
	cairn_err_set(r->err, CAIRN_EDATA, "invalid YAML: %s%s%s",
	              r->parser.problem ? r->parser.problem : "syntax error",
	              r->parser.context ? " " : "", r->parser.context ? r->parser.context : "");
	if (r->parser.error == YAML_READER_ERROR)
		position_of(r->buf, r->parser.problem_offset, &line, &column);
	else {
		line = (int)r->parser.problem_mark.line + 1;
		column = (int)r->parser.problem_mark.column + 1;
	}
	cairn_err_at(r->err, r->file, line, column);
	cairn_err_hint(r->err, "fix the file with an editor, then run `cairn doctor`");
	return CAIRN_EDATA;
}

static int oom(struct reader *r)
{
	return cairn_err_set(r->err, CAIRN_ENOMEM, "out of memory");
}

static int check_props(struct reader *r, yaml_event_t *ev, yaml_char_t *anchor, yaml_char_t *tag)
{
	if (anchor)
		return refuse(r, ev->start_mark, "anchors (&name) are not allowed",
		              "write the value out in full instead of using an anchor");
	if (tag)
		return refuse(r, ev->start_mark, "tags (!name) are not allowed",
		              "remove the tag; cairn knows the type of every field");
	return 0;
}

struct keyref {
	const char *key;
	size_t index;
};

static int cmp_keyref(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int check_duplicates(struct reader *r, struct cairn_ynode *map)
{
	struct keyref *refs;
	size_t i, bad = (size_t)-1;

	if (map->n < 2)
		return 0;
	if (!(refs = malloc(map->n * sizeof(*refs))))
		return oom(r);
	for (i = 0; i < map->n; i++) {
		refs[i].key = map->pairs[i].key;
		refs[i].index = i;
	}
	qsort(refs, map->n, sizeof(*refs), cmp_keyref);
	for (i = 1; i < map->n; i++)
		if (!strcmp(refs[i].key, refs[i - 1].key) &&
		    (bad == (size_t)-1 || refs[i].index < bad))
			bad = refs[i].index;
	free(refs);
	if (bad == (size_t)-1)
		return 0;
	cairn_err_set(r->err, CAIRN_EDATA, "duplicate key '%s'", map->pairs[bad].key);
	cairn_err_at(r->err, r->file, map->pairs[bad].line, map->pairs[bad].column);
	cairn_err_hint(r->err, "keep one '%s' and delete the other", map->pairs[bad].key);
	return CAIRN_EDATA;
}

static int parse_node(struct reader *r, yaml_event_t *ev, int depth, struct cairn_ynode **out);

/* Parses the node whose first event is ev (consumed by this call). */
static int parse_node(struct reader *r, yaml_event_t *ev, int depth, struct cairn_ynode **out)
{
	struct cairn_ynode *n;
	yaml_event_t child;
	int rc = 0;

	*out = NULL;
	if (ev->type == YAML_ALIAS_EVENT)
		rc = refuse(r, ev->start_mark, "aliases (*name) are not allowed",
		            "write the value out in full instead of using an alias");
	/* depth counts collections: a scalar inside the 32nd is still within the limit */
	else if (depth > CAIRN_YAML_MAX_DEPTH && ev->type != YAML_SCALAR_EVENT)
		rc = refuse(r, ev->start_mark, "nested too deeply (more than 32 levels)", NULL);
	else if (!(n = calloc(1, sizeof(*n))))
		rc = oom(r);
	if (rc) {
		yaml_event_delete(ev);
		return rc;
	}
	n->line = (int)ev->start_mark.line + 1;
	n->column = (int)ev->start_mark.column + 1;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if ((rc = check_props(r, ev, ev->data.scalar.anchor,
		                      ev->data.scalar.plain_implicit ||
		                              ev->data.scalar.quoted_implicit
		                          ? NULL
		                          : ev->data.scalar.tag)))
			break;
		n->type = CAIRN_Y_SCALAR;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (!(n->scalar = malloc(ev->data.scalar.length + 1))) {
			rc = oom(r);
			break;
		}
		memcpy(n->scalar, ev->data.scalar.value, ev->data.scalar.length);
		n->scalar[ev->data.scalar.length] = '\0';
		if (strlen(n->scalar) != ev->data.scalar.length)
			rc = refuse(r, ev->start_mark, "NUL character in a value", NULL);
		break;
	case YAML_SEQUENCE_START_EVENT:
		if ((rc = check_props(
		         r, ev, ev->data.sequence_start.anchor,
		         ev->data.sequence_start.implicit ? NULL : ev->data.sequence_start.tag)))
			break;
		n->type = CAIRN_Y_SEQ;
		for (;;) {
			struct cairn_ynode *item, **ni;
			if ((rc = next_event(r, &child)))
				break;
			if (child.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&child);
				break;
			}
			rc = parse_node(r, &child, depth + 1, &item);
			if (rc)
				break;
			if (!(ni = realloc(n->items, (n->n + 1) * sizeof(*ni)))) {
				cairn_ynode_free(item);
				rc = oom(r);
				break;
			}
			n->items = ni;
			n->items[n->n++] = item;
		}
		break;
	case YAML_MAPPING_START_EVENT:
		if ((rc = check_props(
		         r, ev, ev->data.mapping_start.anchor,
		         ev->data.mapping_start.implicit ? NULL : ev->data.mapping_start.tag)))
			break;
		n->type = CAIRN_Y_MAP;
		for (;;) {
			struct cairn_ynode *key, *value;
			struct cairn_ypair *np;
			if ((rc = next_event(r, &child)))
				break;
			if (child.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&child);
				rc = check_duplicates(r, n);
				break;
			}
			if (child.type != YAML_SCALAR_EVENT && child.type != YAML_ALIAS_EVENT) {
				rc = refuse(r, child.start_mark, "keys must be plain words", NULL);
				yaml_event_delete(&child);
				break;
			}
			if ((rc = parse_node(r, &child, depth + 1, &key)))
				break;
			if ((rc = next_event(r, &child))) {
				cairn_ynode_free(key);
				break;
			}
			if ((rc = parse_node(r, &child, depth + 1, &value))) {
				cairn_ynode_free(key);
				break;
			}
			if (!(np = realloc(n->pairs, (n->n + 1) * sizeof(*np)))) {
				cairn_ynode_free(key);
				cairn_ynode_free(value);
				rc = oom(r);
				break;
			}
			n->pairs = np;
			np[n->n].key = key->scalar;
			np[n->n].line = key->line;
			np[n->n].column = key->column;
			np[n->n].value = value;
			key->scalar = NULL;
			cairn_ynode_free(key);
			n->n++;
		}
		break;
	default:
		rc = refuse(r, ev->start_mark, "unexpected YAML event", NULL);
	}
	yaml_event_delete(ev);
	if (rc) {
		cairn_ynode_free(n);
		return rc;
	}
	*out = n;
	return 0;
}

static int parse(struct cairn_ynode **out, const char *buf, size_t len, const char *file,
                 cairn_err *err, int fast)
{
	struct reader r = {.buf = buf, .file = file, .err = err};
	yaml_event_t ev;
	struct cairn_ynode *root = NULL;
	int rc = 0, docs = 0;

	*out = NULL;
	if (len > CAIRN_YAML_MAX_BYTES) {
		cairn_err_set(err, CAIRN_EDATA, "file too large (%zu bytes, at most %d)", len,
		              CAIRN_YAML_MAX_BYTES);
		cairn_err_at(err, file, 0, 0);
		return CAIRN_EDATA;
	}
	/* a byte-order mark is read as if it were not there, and places after it keep their
	 * columns (libyaml, once told the encoding, counts it as a column of indentation) */
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
		buf += 3;
		len -= 3;
		r.buf = buf;
	}
	if (check_utf8(buf, len, file, err))
		return CAIRN_EDATA;
	/* the form cairn writes, read without libyaml; anything else goes on below */
	if (fast && cairn_yaml_fast(out, buf, len) == 0)
		return 0;
	if (!yaml_parser_initialize(&r.parser))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	for (;;) {
		if ((rc = next_event(&r, &ev)))
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				rc = refuse(&r, ev.start_mark, "more than one document in the file",
				            "a record file holds exactly one document; remove the "
				            "'---' line");
				yaml_event_delete(&ev);
				break;
			}
			yaml_event_delete(&ev);
			continue;
		}
		if (ev.type == YAML_STREAM_START_EVENT || ev.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if ((rc = parse_node(&r, &ev, 1, &root)))
			break;
	}
	yaml_parser_delete(&r.parser);
	if (rc) {
		cairn_ynode_free(root);
		return rc;
	}
	*out = root;
	return 0;
}

int cairn_yaml_parse(struct cairn_ynode **out, const char *buf, size_t len, const char *file,
                     cairn_err *err)
{
	return parse(out, buf, len, file, err, 1);
}

int cairn_yaml_parse_libyaml(struct cairn_ynode **out, const char *buf, size_t len,
                             const char *file, cairn_err *err)
{
	return parse(out, buf, len, file, err, 0);
}

/* ---- the output buffer ---- */

void cairn_buf_add(struct cairn_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *nd;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (!(nd = realloc(b->data, cap))) {
			b->failed = 1;
			return;
		}
		b->data = nd;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void cairn_buf_puts(struct cairn_buf *b, const char *s)
{
	cairn_buf_add(b, s, strlen(s));
}

void cairn_buf_printf(struct cairn_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		cairn_buf_add(b, small, (size_t)n);
		return;
	}
	{
		char *big = malloc((size_t)n + 1);
		if (!big) {
			b->failed = 1;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		cairn_buf_add(b, big, (size_t)n);
		free(big);
	}
}

void cairn_buf_release(struct cairn_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* ---- the writer ---- */

/* Non-ASCII characters that may not stand raw in a file, only escaped in double quotes: the C1
 * controls and the noncharacters U+FFFE and U+FFFF (libyaml refuses them raw), NEL, LS and PS
 * (line breaks to YAML 1.1) and the BOM (editors hide it). Gives the character's code point,
 * 0 for any other. */
unsigned cairn_yaml_special_unicode(const unsigned char *p)
{
	unsigned cp;

	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return p[1];
	if ((p[0] != 0xe2 && p[0] != 0xef) || (p[1] & 0xc0) != 0x80)
		return 0;
	cp = (p[0] & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
		return cp;
	return 0;
}

static int looks_typed(const char *s)
{
	static const char *const words[] = {
	    "null",  "Null", "NULL", "~",    "true", "True", "TRUE", "false", "False", "FALSE",
	    "yes",   "Yes",  "YES",  "no",   "No",   "NO",   "on",   "On",    "ON",    "off",
	    "Off",   "OFF",  "y",    "Y",    "n",    "N",    ".inf", ".Inf",  ".INF",  "-.inf",
	    "+.inf", ".nan", ".NaN", ".NAN", "=",    "<<",   NULL};
	const char *p;

	for (int i = 0; words[i]; i++)
		if (!strcmp(s, words[i]))
			return 1;
	/* numbers of every base, floats, dates, times and sexagesimals start like this and use
	 * only these characters */
	if (isdigit((unsigned char)s[0]) || s[0] == '+' || s[0] == '.' ||
	    (s[0] == '-' && (isdigit((unsigned char)s[1]) || s[1] == '.'))) {
		for (p = s; *p; p++)
			if (!strchr("0123456789abcdefABCDEFxXoO_.:+-tTzZ ", *p))
				return 0;
		return 1;
	}
	return 0;
}

/* s can be written plain and read back as the same text (whatever type it resolves to) */
int cairn_yaml_plain_syntax_ok(const char *s)
{
	const unsigned char *p;
	size_t len = strlen(s);

	if (!len || s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == ':')
		return 0;
	if (strchr("-?:", s[0])) {
		/* these start a plain scalar when something other than a space follows */
		if (len == 1 || s[1] == ' ')
			return 0;
	} else if (strchr(",[]{}#&*!|>'\"%@`", s[0])) {
		return 0;
	}
	if (strstr(s, ": ") || strstr(s, " #") || strstr(s, ":\t"))
		return 0;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || cairn_yaml_special_unicode(p))
			return 0;
	return 1;
}

int cairn_yaml_plain_ok(const char *s)
{
	return cairn_yaml_plain_syntax_ok(s) && !looks_typed(s);
}

static void put_indent(struct cairn_yw *w, int n)
{
	static const char spaces[] = "                                                  ";

	while (n > 0) {
		int k = n > 50 ? 50 : n;
		cairn_buf_add(&w->out, spaces, (size_t)k);
		n -= k;
	}
}

/* Starts a line at the current indentation, or after "- " for the first key of an item. */
static void line_start(struct cairn_yw *w)
{
	if (w->in_item) {
		put_indent(w, w->indent - 2);
		cairn_buf_puts(&w->out, "- ");
		w->in_item = 0;
	} else {
		put_indent(w, w->indent);
	}
}

static void put_quoted(struct cairn_buf *b, const char *s)
{
	const unsigned char *p;
	unsigned cp;

	cairn_buf_add(b, "\"", 1);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			cairn_buf_puts(b, "\\\"");
			break;
		case '\\':
			cairn_buf_puts(b, "\\\\");
			break;
		case '\n':
			cairn_buf_puts(b, "\\n");
			break;
		case '\t':
			cairn_buf_puts(b, "\\t");
			break;
		case '\r':
			cairn_buf_puts(b, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				cairn_buf_printf(b, "\\x%02x", *p);
			} else if ((cp = cairn_yaml_special_unicode(p))) {
				if (cp == 0x85)
					cairn_buf_puts(b, "\\N");
				else if (cp == 0x2028 || cp == 0x2029)
					cairn_buf_puts(b, cp == 0x2028 ? "\\L" : "\\P");
				else if (cp < 0x100)
					cairn_buf_printf(b, "\\x%02x", cp);
				else
					cairn_buf_printf(b, "\\u%04X", cp);
				p += cp < 0x800 ? 1 : 2;
			} else {
				cairn_buf_add(b, (const char *)p, 1);
			}
		}
	}
	cairn_buf_add(b, "\"", 1);
}

/* Multi-line text that a literal block can hold exactly. */
static int literal_ok(const char *s)
{
	const unsigned char *p;
	int has_text = 0;

	if (!strchr(s, '\n') || s[0] == ' ' || s[0] == '\t' || s[0] == '\n')
		return 0;
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f ||
		    cairn_yaml_special_unicode(p))
			return 0;
		if (*p != '\n')
			has_text = 1;
		/* a line that starts with a space after a line break would change the
		 * indentation the reader detects only on the first line: fine elsewhere */
	}
	return has_text;
}

/* The scalar after "key: " or "- ": plain, quoted or a literal block at indent. */
static void put_scalar(struct cairn_yw *w, const char *s, int block_indent)
{
	size_t len;
	const char *line;

	if (cairn_yaml_plain_ok(s)) {
		cairn_buf_puts(&w->out, s);
		cairn_buf_add(&w->out, "\n", 1);
		return;
	}
	if (!literal_ok(s)) {
		put_quoted(&w->out, s);
		cairn_buf_add(&w->out, "\n", 1);
		return;
	}
	len = strlen(s);
	if (s[len - 1] != '\n')
		cairn_buf_puts(&w->out, "|-\n");
	else if (len >= 2 && s[len - 2] == '\n')
		cairn_buf_puts(&w->out, "|+\n");
	else
		cairn_buf_puts(&w->out, "|\n");
	for (line = s; *line;) {
		const char *nl = strchr(line, '\n');
		size_t ll = nl ? (size_t)(nl - line) : strlen(line);
		if (ll)
			put_indent(w, block_indent);
		cairn_buf_add(&w->out, line, ll);
		cairn_buf_add(&w->out, "\n", 1);
		if (!nl)
			break;
		line = nl + 1;
	}
}

/* libyaml reads `key: value` only when the key takes at most 1024 characters (a simple key) */
#define SIMPLE_KEY_MAX 1024

static size_t char_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* "key:", plain or quoted; a key too long for a simple key in the explicit form, "? key" with
 * the ':' on the next line */
static void put_key(struct cairn_yw *w, const char *key)
{
	struct cairn_buf q = {0};
	const char *text = key;

	line_start(w);
	/* "---" and "..." at the start of a line (where keys of the top map stand) mark
	 * documents */
	if (!cairn_yaml_plain_ok(key) || !strncmp(key, "---", 3) || !strncmp(key, "...", 3)) {
		put_quoted(&q, key);
		if (q.failed) {
			cairn_buf_release(&q);
			w->out.failed = 1;
			return;
		}
		text = q.data;
	}
	if (char_count(text) > SIMPLE_KEY_MAX) {
		cairn_buf_puts(&w->out, "? ");
		cairn_buf_puts(&w->out, text);
		cairn_buf_add(&w->out, "\n", 1);
		put_indent(w, w->indent);
	} else {
		cairn_buf_puts(&w->out, text);
	}
	cairn_buf_add(&w->out, ":", 1);
	cairn_buf_release(&q);
}

void cairn_yw_str(struct cairn_yw *w, const char *key, const char *value)
{
	put_key(w, key);
	cairn_buf_add(&w->out, " ", 1);
	put_scalar(w, value, w->indent + 2);
}

void cairn_yw_raw(struct cairn_yw *w, const char *key, const char *value)
{
	put_key(w, key);
	cairn_buf_printf(&w->out, " %s\n", value);
}

void cairn_yw_map_begin(struct cairn_yw *w, const char *key)
{
	int add = 0;

	if (key) {
		put_key(w, key);
		cairn_buf_add(&w->out, "\n", 1);
		add = 2;
	} else {
		w->in_item = 1;
	}
	w->indent += add;
	if (w->depth < (int)(sizeof(w->pushed) / sizeof(w->pushed[0]))) {
		w->pushed[w->depth] = add;
		w->body[w->depth] = w->out.len;
	}
	w->depth++;
}

void cairn_yw_map_end(struct cairn_yw *w)
{
	int item_empty = w->in_item;

	w->in_item = 0;
	if (w->depth <= 0 || --w->depth >= (int)(sizeof(w->pushed) / sizeof(w->pushed[0])))
		return;
	w->indent -= w->pushed[w->depth];
	if (w->out.failed)
		return;
	/* a map with nothing in it: `key: {}` (`key:` alone reads back as null), `- {}` */
	if (w->pushed[w->depth] && w->out.len == w->body[w->depth]) {
		w->out.len--; /* the line break after "key:" */
		cairn_buf_puts(&w->out, " {}\n");
	} else if (!w->pushed[w->depth] && item_empty) {
		put_indent(w, w->indent - 2);
		cairn_buf_puts(&w->out, "- {}\n");
	}
}

void cairn_yw_seq_begin(struct cairn_yw *w, const char *key)
{
	put_key(w, key);
	cairn_buf_add(&w->out, "\n", 1);
	w->indent += 4;
}

void cairn_yw_seq_end(struct cairn_yw *w)
{
	w->indent -= 4;
}

void cairn_yw_item_str(struct cairn_yw *w, const char *value)
{
	put_indent(w, w->indent - 2);
	cairn_buf_puts(&w->out, "- ");
	put_scalar(w, value, w->indent);
}

void cairn_yw_empty(struct cairn_yw *w, const char *key, int is_map)
{
	put_key(w, key);
	cairn_buf_puts(&w->out, is_map ? " {}\n" : " []\n");
}

static void node_value(struct cairn_yw *w, const struct cairn_ynode *n, int block_indent)
{
	/* a plain scalar read from a file keeps its type when written plain again */
	if (n->plain && cairn_yaml_plain_syntax_ok(n->scalar)) {
		cairn_buf_puts(&w->out, n->scalar);
		cairn_buf_add(&w->out, "\n", 1);
	} else if (n->plain && cairn_ynode_is_null(n)) {
		cairn_buf_puts(&w->out, "null\n");
	} else {
		put_scalar(w, n->scalar, block_indent);
	}
}

static void node_items(struct cairn_yw *w, const struct cairn_ynode *n);
static void node_pairs(struct cairn_yw *w, const struct cairn_ynode *n);

void cairn_yw_node(struct cairn_yw *w, const char *key, const struct cairn_ynode *n)
{
	if (n->type == CAIRN_Y_SCALAR) {
		put_key(w, key);
		cairn_buf_add(&w->out, " ", 1);
		node_value(w, n, w->indent + 2);
	} else if (n->n == 0) {
		cairn_yw_empty(w, key, n->type == CAIRN_Y_MAP);
	} else if (n->type == CAIRN_Y_MAP) {
		cairn_yw_map_begin(w, key);
		node_pairs(w, n);
		cairn_yw_map_end(w);
	} else {
		cairn_yw_seq_begin(w, key);
		node_items(w, n);
		cairn_yw_seq_end(w);
	}
}

static void node_pairs(struct cairn_yw *w, const struct cairn_ynode *n)
{
	for (size_t i = 0; i < n->n; i++)
		cairn_yw_node(w, n->pairs[i].key, n->pairs[i].value);
}

static void node_items(struct cairn_yw *w, const struct cairn_ynode *n)
{
	for (size_t i = 0; i < n->n; i++) {
		const struct cairn_ynode *it = n->items[i];
		if (it->type == CAIRN_Y_SCALAR) {
			put_indent(w, w->indent - 2);
			cairn_buf_puts(&w->out, "- ");
			node_value(w, it, w->indent);
		} else if (it->n == 0) {
			put_indent(w, w->indent - 2);
			cairn_buf_puts(&w->out, it->type == CAIRN_Y_MAP ? "- {}\n" : "- []\n");
		} else if (it->type == CAIRN_Y_MAP) {
			w->in_item = 1;
			node_pairs(w, it);
			w->in_item = 0;
		} else {
			/* a sequence in a sequence: "-" alone, then the inner items deeper */
			put_indent(w, w->indent - 2);
			cairn_buf_puts(&w->out, "-\n");
			w->indent += 2;
			node_items(w, it);
			w->indent -= 2;
		}
	}
}
