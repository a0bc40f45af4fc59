/* cairn — the defensive YAML reader and the canonical writer */
#ifndef CAIRN_YAML_H
#define CAIRN_YAML_H

#include <stddef.h>

#include "error.h"

#define CAIRN_YAML_MAX_BYTES (1024 * 1024)
#define CAIRN_YAML_MAX_DEPTH 32

enum cairn_ytype { CAIRN_Y_SCALAR, CAIRN_Y_MAP, CAIRN_Y_SEQ };

struct cairn_ynode;

struct cairn_ypair {
	char *key;
	int line, column;
	struct cairn_ynode *value;
};

/* One node of a parsed document, with where it stood (1-based line and column). */
struct cairn_ynode {
	enum cairn_ytype type;
	int line, column;
	char *scalar;               /* CAIRN_Y_SCALAR */
	int plain;                  /* scalar written without quotes or block indicator */
	struct cairn_ynode **items; /* CAIRN_Y_SEQ */
	struct cairn_ypair *pairs;  /* CAIRN_Y_MAP, in file order */
	size_t n;                   /* items or pairs */
};

/* Parses one document. Refuses (CAIRN_EDATA, with file:line:column): syntax errors, more
 * than one document, anchors, aliases, tags, duplicate keys, keys that are not scalars,
 * nesting deeper than CAIRN_YAML_MAX_DEPTH, input over CAIRN_YAML_MAX_BYTES. An empty
 * document gives *out == NULL. file is used in messages only. */
int cairn_yaml_parse(struct cairn_ynode **out, const char *buf, size_t len, const char *file,
                     cairn_err *err);
void cairn_ynode_free(struct cairn_ynode *n);
struct cairn_ynode *cairn_ynode_copy(const struct cairn_ynode *n);
/* The value of key in a map, or NULL. */
struct cairn_ynode *cairn_ynode_get(const struct cairn_ynode *map, const char *key);
/* 1 for a plain null, ~ or empty scalar. */
int cairn_ynode_is_null(const struct cairn_ynode *n);

/* A growing output buffer for the writer. */
struct cairn_buf {
	char *data;
	size_t len, cap;
	int failed; /* set when memory ran out; data is then unusable */
};
void cairn_buf_add(struct cairn_buf *b, const char *s, size_t n);
void cairn_buf_puts(struct cairn_buf *b, const char *s);
void cairn_buf_printf(struct cairn_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cairn_buf_release(struct cairn_buf *b);

/* The canonical writer: block style, two-space indentation, "- " items. */
struct cairn_yw {
	struct cairn_buf out;
	int indent;                            /* current indentation in spaces */
	int in_item;                           /* the next key follows "- " on the same line */
	int pushed[CAIRN_YAML_MAX_DEPTH + 8];  /* indentation each open map added */
	size_t body[CAIRN_YAML_MAX_DEPTH + 8]; /* where each open map's contents start in out */
	int depth;
};

/* 1 when s would read back as a string if written plain (not null, bool, number, date, and
 * free of YAML indicators and of characters that must be escaped). */
int cairn_yaml_plain_ok(const char *s);

/* Writes `key: value` with value quoted only where needed; multi-line text as a literal
 * block. */
void cairn_yw_str(struct cairn_yw *w, const char *key, const char *value);
/* Writes `key: value` with value exactly as given (numbers, dates, booleans). */
void cairn_yw_raw(struct cairn_yw *w, const char *key, const char *value);
/* Starts a nested map under key (key NULL: a map as a sequence item); each
 * cairn_yw_map_begin is closed by one cairn_yw_map_end. A map closed with nothing in it is
 * written `key: {}` (`- {}` as an item). */
void cairn_yw_map_begin(struct cairn_yw *w, const char *key);
void cairn_yw_map_end(struct cairn_yw *w);
/* Starts a sequence under key; each item then begins with cairn_yw_item_*. */
void cairn_yw_seq_begin(struct cairn_yw *w, const char *key);
void cairn_yw_seq_end(struct cairn_yw *w);
/* A scalar item of a sequence: "- value". */
void cairn_yw_item_str(struct cairn_yw *w, const char *value);
/* An empty sequence or map: `key: []` / `key: {}`. */
void cairn_yw_empty(struct cairn_yw *w, const char *key, int is_map);
/* Writes a parsed node (unknown keys carried along) under key. */
void cairn_yw_node(struct cairn_yw *w, const char *key, const struct cairn_ynode *n);

#endif
