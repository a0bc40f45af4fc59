/* cairn — record ids: slugs, validation, uniqueness, prefix resolution */
#ifndef CAIRN_ID_H
#define CAIRN_ID_H

#include <stddef.h>

#include "error.h"

#define CAIRN_ID_MAX 64

/* 1 when s matches [a-z0-9][a-z0-9-]{0,63}. */
int cairn_id_valid(const char *s);

/* CAIRN_EDATA with a message that says why s is not an id. what names it ("goal id"). */
int cairn_id_check(const char *s, const char *what, cairn_err *err);

/* A slug of title into buf (at least CAIRN_ID_MAX + 1 bytes): lower-case ASCII letters and
 * digits, other runs turned into one '-', cut at a word boundary to fit. CAIRN_EDATA when
 * nothing is left (a title of only punctuation or non-ASCII letters). */
int cairn_id_slug(char *buf, const char *title, cairn_err *err);

/* Makes base unique against the sorted or unsorted list taken: base, base-2, base-3, ...
 * Result into buf (CAIRN_ID_MAX + 1 bytes), shortening base so that the suffix fits. */
int cairn_id_unique(char *buf, const char *base, char *const *taken, size_t n, cairn_err *err);

/* The same, asking taken(id, ctx) whether an id is in use (1) or not (0): a store answers
 * with one stat of the id's file instead of listing every file. */
typedef int (*cairn_id_taken_fn)(const char *id, void *ctx);
int cairn_id_unique_by(char *buf, const char *base, cairn_id_taken_fn taken, void *ctx,
                       cairn_err *err);

/* Resolves a unique prefix among ids: an exact match wins; otherwise exactly one id must
 * start with prefix. *match points into ids. CAIRN_ENOTFOUND when none matches, CAIRN_EUSAGE
 * listing the candidates when several do. what names the kind ("goal"). */
int cairn_id_resolve(const char **match, const char *prefix, char *const *ids, size_t n,
                     const char *what, cairn_err *err);

#endif
