/* cairn — field tables: each record kind declares its fields once; load, validate, save,
 * JSON and field-level comparison are generic over that table. */
#ifndef CAIRN_RECORD_H
#define CAIRN_RECORD_H

#include <stddef.h>

#include "date.h"
#include "error.h"
#include "yaml.h"

enum cairn_ftype {
	CAIRN_T_STRING,  /* char *, one line */
	CAIRN_T_TEXT,    /* char *, may span lines (a literal block in the file) */
	CAIRN_T_ID,      /* char *, matches the id pattern */
	CAIRN_T_DATE,    /* cairn_date */
	CAIRN_T_ENUM,    /* int: 0 absent, i for enums[i] (enums[0] is NULL) */
	CAIRN_T_NUMBER,  /* struct cairn_num */
	CAIRN_T_STRLIST, /* struct cairn_strlist */
	CAIRN_T_IDLIST,  /* struct cairn_strlist of ids */
	CAIRN_T_MAP,     /* pointer to a struct of the sub kind, NULL when absent */
	CAIRN_T_LIST,    /* struct cairn_list of structs of the sub kind */
};

enum {
	CAIRN_F_REQUIRED = 1 << 0,
	CAIRN_F_INTEGER = 1 << 1,   /* numbers: whole numbers only */
	CAIRN_F_NONNEG = 1 << 2,    /* numbers: not below zero */
	CAIRN_F_KEEP_NULL = 1 << 3, /* written as `key: null` when absent */
	CAIRN_F_PLAIN = 1 << 4,     /* strings: a whole number is written plain (every: 3) */
};

struct cairn_num {
	int set;
	double v;
};

struct cairn_strlist {
	char **v;
	size_t n;
};

/* A list of structs of one kind, laid out one after the other. */
struct cairn_list {
	void *v;
	size_t n;
};
#define CAIRN_LIST(type)                                                                           \
	struct {                                                                                   \
		type *v;                                                                           \
		size_t n;                                                                          \
	}

/* Keys cairn does not know, carried along in their order. */
struct cairn_extra {
	struct cairn_ypair *v;
	size_t n;
};

struct cairn_kind;

struct cairn_field {
	const char *name;
	enum cairn_ftype type;
	size_t offset;
	unsigned flags;
	const char *const *enums;     /* CAIRN_T_ENUM */
	const struct cairn_kind *sub; /* CAIRN_T_MAP, CAIRN_T_LIST */
};

/* Rows of a field table. */
#define CAIRN_FIELD(T, f, type, flags)                                                             \
	{                                                                                          \
#f, type, offsetof(T, f), flags, NULL, NULL                                        \
	}
#define CAIRN_FIELD_ENUM(T, f, flags, names)                                                       \
	{                                                                                          \
#f, CAIRN_T_ENUM, offsetof(T, f), flags, names, NULL                               \
	}
#define CAIRN_FIELD_SUB(T, f, type, flags, sub)                                                    \
	{                                                                                          \
#f, type, offsetof(T, f), flags, NULL, sub                                         \
	}

struct cairn_kind {
	const char *name; /* "goal", "step": used in messages */
	size_t size;
	const struct cairn_field *fields;
	size_t nfields;
	size_t extra_offset; /* of the struct cairn_extra */
};

/* Builds a zeroed record of kind on the heap. */
void *cairn_record_new(const struct cairn_kind *kind);
/* Frees what a record owns, not the record itself. */
void cairn_record_release(const struct cairn_kind *kind, void *rec);
void cairn_record_free(const struct cairn_kind *kind, void *rec);
/* Deep copy of src into dst (a zeroed struct of kind). */
int cairn_record_copy(const struct cairn_kind *kind, void *dst, const void *src);

/* Fills rec (zeroed) from a map node: types, enum values and required fields checked, with
 * file:line:column in err. Unknown keys go to the extra list. */
int cairn_record_from_node(const struct cairn_kind *kind, void *rec, const struct cairn_ynode *map,
                           const char *file, cairn_err *err);

/* Parses buf as YAML and fills rec (zeroed). */
int cairn_record_parse(const struct cairn_kind *kind, void *rec, const char *buf, size_t len,
                       const char *file, cairn_err *err);

/* Checks what the table can check on a record built in memory (required fields, ids, enums,
 * numbers, text that cannot be stored). */
int cairn_record_check(const struct cairn_kind *kind, const void *rec, cairn_err *err);

/* The canonical YAML of rec; *out is NUL-terminated and belongs to the caller. */
int cairn_record_write(char **out, size_t *len, const struct cairn_kind *kind, const void *rec,
                       cairn_err *err);
/* Writes the fields of rec into an open writer (for records nested in others). */
void cairn_record_emit(struct cairn_yw *w, const struct cairn_kind *kind, const void *rec);

/* A jansson json_t * (returned as void * so that this header does not need jansson). */
void *cairn_record_json(const struct cairn_kind *kind, const void *rec);

/* "field old -> new" lines describing what differs between two versions of a record (for
 * commit bodies). *out belongs to the caller, "" when nothing differs. */
int cairn_record_diff(char **out, const struct cairn_kind *kind, const void *a, const void *b);

/* Field lookup by name, or NULL. */
const struct cairn_field *cairn_kind_field(const struct cairn_kind *kind, const char *name);

/* Small helpers shared by the kinds. */
char *cairn_strdup(const char *s); /* NULL stays NULL */
int cairn_strlist_add(struct cairn_strlist *l, const char *s);
int cairn_strlist_has(const struct cairn_strlist *l, const char *s);
int cairn_strlist_remove(struct cairn_strlist *l, const char *s);
void cairn_strlist_release(struct cairn_strlist *l);
/* Appends a zeroed element to a list of kind and returns it, or NULL when memory ran out. */
void *cairn_list_push(struct cairn_list *l, const struct cairn_kind *kind);
/* Removes element i. */
void cairn_list_remove(struct cairn_list *l, const struct cairn_kind *kind, size_t i);
/* "%g"-like formatting that writes whole numbers without a fraction, rounded to 10 significant
 * digits: for people to read (sums such as 0.1 + 0.2 show as 0.3). */
char *cairn_num_format(double v, char *buf, size_t size);
/* The shortest text that reads back as exactly v, whole numbers without a fraction: what record
 * files hold. buf of at least 32 bytes. */
char *cairn_num_format_exact(double v, char *buf, size_t size);
/* Parses a finite decimal number; 0 or CAIRN_EDATA. */
int cairn_num_parse(double *out, const char *s);

#endif
