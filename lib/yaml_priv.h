/* cairn — the two YAML readers behind cairn_yaml_parse, private to the library */
#ifndef CAIRN_YAML_PRIV_H
#define CAIRN_YAML_PRIV_H

#include "cairn/yaml.h"

/* The canonical form only (lib/yaml_fast.c): 0 and the tree, or non-zero when the input is
 * not in that form (nothing is said: libyaml's reader then reads it). buf is valid UTF-8,
 * without a byte-order mark. */
int cairn_yaml_fast(struct cairn_ynode **out, const char *buf, size_t len);

/* cairn_yaml_parse without the fast reader: libyaml for every input (the tests compare). */
int cairn_yaml_parse_libyaml(struct cairn_ynode **out, const char *buf, size_t len,
                             const char *file, cairn_err *err);

/* The rules the writer and the fast reader share (lib/yaml.c). The code point of a
 * character that may not stand raw in a scalar (C1 controls, NEL, LS, PS, BOM, U+FFFE/F),
 * 0 for any other; p is valid UTF-8. */
unsigned cairn_yaml_special_unicode(const unsigned char *p);
/* s, written plain, reads back as the same text (whatever type it resolves to). */
int cairn_yaml_plain_syntax_ok(const char *s);

/* Whether two trees are the same: types, scalars, plain flags, keys, lines and columns. */
int cairn_ynode_same(const struct cairn_ynode *a, const struct cairn_ynode *b);

#endif
