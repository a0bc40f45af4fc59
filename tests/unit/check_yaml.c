/* cairn — unit tests: the defensive YAML reader and the canonical writer */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* ---- helpers ---- */

static struct cairn_ynode *parse_ok(const char *text)
{
	struct cairn_ynode *root = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int rc = cairn_yaml_parse(&root, text, strlen(text), "t.yaml", &err);

	/* Check refuses messages over a few kilobytes */
	ck_assert_msg(rc == 0, "refused: %s:%d:%d: %.200s\n---\n%.2000s---", err.file, err.line,
	              err.column, err.msg, text);
	return root;
}

/* Parsing text must fail with CAIRN_EDATA, a message containing msg, at line:column. */
static void refused_at(const char *text, size_t len, const char *msg, int line, int column)
{
	struct cairn_ynode *root = (struct cairn_ynode *)1;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_yaml_parse(&root, text, len, "goals/x.yaml", &err), err, CAIRN_EDATA,
	                msg);
	ck_assert_ptr_null(root);
	unit_assert_at(err, "goals/x.yaml", line, column);
}

static void refused(const char *text, const char *msg, int line, int column)
{
	refused_at(text, strlen(text), msg, line, column);
}

/* Writes s as a map value, as a list item and as a value in a nested map; reads the result
 * back and checks that each is s again, read as a string (not written plain when it would
 * read back as another type). Returns the text written; caller frees. */
static char *round_trip(const char *s)
{
	struct cairn_yw w;
	struct cairn_ynode *root, *v, *list, *map;

	memset(&w, 0, sizeof(w));
	cairn_yw_str(&w, "value", s);
	cairn_yw_seq_begin(&w, "list");
	cairn_yw_item_str(&w, s);
	cairn_yw_item_str(&w, "after");
	cairn_yw_seq_end(&w);
	cairn_yw_map_begin(&w, "map");
	cairn_yw_str(&w, "inner", s);
	cairn_yw_map_begin(&w, "deeper");
	cairn_yw_str(&w, "innermost", s);
	cairn_yw_map_end(&w);
	cairn_yw_map_end(&w);
	cairn_yw_str(&w, "last", "end");
	ck_assert(!w.out.failed);

	root = parse_ok(w.out.data);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(root->type, CAIRN_Y_MAP);
	ck_assert_int_eq(root->n, 4);

	v = cairn_ynode_get(root, "value");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->type, CAIRN_Y_SCALAR);
	ck_assert_msg(!strcmp(v->scalar, s), "wrote '%s', read back '%s' from\n%s", s, v->scalar,
	              w.out.data);
	/* a string that would read back as null, a number, a boolean or a date is quoted */
	if (!cairn_yaml_plain_ok(s))
		ck_assert_msg(!v->plain, "'%s' written plain:\n%s", s, w.out.data);
	ck_assert_msg(!cairn_ynode_is_null(v), "'%s' reads back as null", s);

	list = cairn_ynode_get(root, "list");
	ck_assert_ptr_nonnull(list);
	ck_assert_int_eq(list->type, CAIRN_Y_SEQ);
	ck_assert_int_eq(list->n, 2);
	ck_assert_int_eq(list->items[0]->type, CAIRN_Y_SCALAR);
	ck_assert_msg(!strcmp(list->items[0]->scalar, s), "item '%s' read back as '%s' from\n%s", s,
	              list->items[0]->scalar, w.out.data);
	ck_assert_str_eq(list->items[1]->scalar, "after");

	map = cairn_ynode_get(root, "map");
	ck_assert_ptr_nonnull(map);
	ck_assert_int_eq(map->type, CAIRN_Y_MAP);
	ck_assert_int_eq(map->n, 2);
	v = cairn_ynode_get(map, "inner");
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(!strcmp(v->scalar, s), "nested '%s' read back as '%s' from\n%s", s, v->scalar,
	              w.out.data);
	v = cairn_ynode_get(cairn_ynode_get(map, "deeper"), "innermost");
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(!strcmp(v->scalar, s), "nested '%s' read back as '%s' from\n%s", s, v->scalar,
	              w.out.data);
	ck_assert_str_eq(cairn_ynode_get(root, "last")->scalar, "end");
	cairn_ynode_free(root);
	return w.out.data;
}

static void round_trips(const char *s)
{
	free(round_trip(s));
}

/* The exact text cairn_yw_str writes for `value: s`. */
static void writes_as(const char *s, const char *want)
{
	struct cairn_yw w;

	memset(&w, 0, sizeof(w));
	cairn_yw_str(&w, "value", s);
	ck_assert_str_eq(w.out.data, want);
	cairn_buf_release(&w.out);
}

/* ---- round trips ---- */

START_TEST(round_trip_typed_looking_strings)
{
	static const char *const typed[] = {"123",
	                                    "-5",
	                                    "0.5",
	                                    "1e3",
	                                    "0x1F",
	                                    "0o17",
	                                    ".5",
	                                    "+1",
	                                    "yes",
	                                    "no",
	                                    "Yes",
	                                    "NO",
	                                    "on",
	                                    "off",
	                                    "y",
	                                    "n",
	                                    "true",
	                                    "false",
	                                    "True",
	                                    "null",
	                                    "Null",
	                                    "NULL",
	                                    "~",
	                                    "2027-06-30",
	                                    "12:30",
	                                    ".inf",
	                                    "-.inf",
	                                    ".nan",
	                                    "=",
	                                    "<<",
	                                    "2027-06-30 10:00:00",
	                                    NULL};

	for (int i = 0; typed[i]; i++) {
		ck_assert_msg(!cairn_yaml_plain_ok(typed[i]), "'%s' would be written plain",
		              typed[i]);
		round_trips(typed[i]);
	}
	writes_as("123", "value: \"123\"\n");
	writes_as("yes", "value: \"yes\"\n");
	writes_as("null", "value: \"null\"\n");
	writes_as("~", "value: \"~\"\n");
	writes_as("2027-06-30", "value: \"2027-06-30\"\n");
}
END_TEST

START_TEST(round_trip_empty_and_spaces)
{
	round_trips("");
	writes_as("", "value: \"\"\n");
	round_trips(" leading space");
	round_trips("trailing space ");
	round_trips(" ");
	round_trips("two  inner  spaces");
}
END_TEST

START_TEST(round_trip_indicators)
{
	static const char *const s[] = {
	    "a: b", "#x",  "- x",   "-",    "?",     "? x",
	    ":x",   "x:",  "a #b",  "a#b",  "[x]",   "{x}",
	    "x, y", "&a",  "*a",    "!tag", "|",     ">",
	    "%x",   "@x",  "`x`",   "'x'",  "\"x\"", "---",
	    "...",  "x: ", "a:\tb", "x ]",  "a:b",   "http://example.org/a?b=c#d",
	    NULL};

	for (int i = 0; s[i]; i++)
		round_trips(s[i]);
	writes_as("a: b", "value: \"a: b\"\n");
	writes_as("#x", "value: \"#x\"\n");
	writes_as("- x", "value: \"- x\"\n");
	/* plain where that is safe */
	writes_as("plain words, fine", "value: plain words, fine\n");
}
END_TEST

START_TEST(round_trip_multi_line)
{
	char *out;

	round_trips("multi\nline\ntext");
	writes_as("multi\nline\ntext", "value: |-\n  multi\n  line\n  text\n");
	round_trips("trailing newline\n");
	writes_as("trailing newline\n", "value: |\n  trailing newline\n");
	round_trips("two trailing\n\n");
	round_trips("blank\n\nline in between");
	round_trips("  indented first line\nsecond");
	round_trips("first\n  indented second\n    third");
	round_trips("first\n  ");
	round_trips("\nleading newline");
	round_trips("\n");
	round_trips("\n\n");
	round_trips("tab\tinside\nand\ttabs");
	round_trips("first\n\tsecond starts with a tab");
	round_trips("# not a comment\n- not a list\nkey: not a map");
	round_trips("---\n...\n---");
	round_trips("ends with spaces  \nline two  ");
	/* nested, the literal block is indented under its key */
	out = round_trip("a\nb");
	unit_assert_has(out, "list:\n  - |-\n    a\n    b\n");
	unit_assert_has(out, "  inner: |-\n    a\n    b\n");
	free(out);
}
END_TEST

START_TEST(round_trip_non_ascii)
{
	round_trips("\xc3\x9c"
	            "berpr\xc3\xbc"
	            "fung caf\xc3\xa9 \xe2\x80\x94 \xe2\x9c\x93");
	writes_as("caf\xc3\xa9", "value: caf\xc3\xa9\n");
	round_trips("\xe4\xb8\xad\xe6\x96\x87");
	round_trips("emoji \xf0\x9f\x8c\xb1");
	round_trips("\xc3\xa9\nmulti-line \xe2\x9c\x93\n");
	/* code points YAML reads as line breaks, or that editors hide */
	round_trips("nel\xc2\x85here");
	round_trips("ls\xe2\x80\xa8here");
	round_trips("ps\xe2\x80\xa9here");
	round_trips("\xef\xbb\xbf"
	            "bom");
	round_trips("multi\nline with nel\xc2\x85");
}
END_TEST

START_TEST(round_trip_quotes_and_backslashes)
{
	round_trips("say \"hi\"");
	round_trips("\"quoted\"");
	round_trips("'single'");
	round_trips("it's");
	round_trips("C:\\path\\to\\file");
	round_trips("\\");
	round_trips("\\n is not a newline");
	round_trips("\"\\\"");
	round_trips("mixed 'single' and \"double\" \\ here\nand a second line");
}
END_TEST

START_TEST(round_trip_control_characters)
{
	round_trips("\x01");
	round_trips("a\x01"
	            "b");
	round_trips("\t");
	round_trips("tab\tinside");
	round_trips("\ttab first");
	round_trips("cr\r");
	round_trips("cr\rlf\r\n");
	round_trips("\x7f"
	            "del");
	round_trips("\x1b[31mred\x1b[0m");
	round_trips("bell\a and\x1f unit");
	writes_as("a\x01"
	          "b",
	          "value: \"a\\x01b\"\n");
	writes_as("cr\r", "value: \"cr\\r\"\n");
}
END_TEST

START_TEST(round_trip_keys)
{
	struct cairn_yw w;
	struct cairn_ynode *root;
	static const char *const keys[] = {"plain",      "123", "a: b",      "#k", "",   "yes",
	                                   "with space", "-x",  "?x",        ":x", "-3", "--- x",
	                                   "... y",      "---", "a\xc2\x80", NULL};

	memset(&w, 0, sizeof(w));
	for (int i = 0; keys[i]; i++)
		cairn_yw_str(&w, keys[i], keys[i]);
	root = parse_ok(w.out.data);
	ck_assert_int_eq(root->n, 15);
	for (int i = 0; keys[i]; i++) {
		ck_assert_str_eq(root->pairs[i].key, keys[i]);
		ck_assert_str_eq(root->pairs[i].value->scalar, keys[i]);
	}
	cairn_ynode_free(root);
	cairn_buf_release(&w.out);
}
END_TEST

START_TEST(writer_layout)
{
	struct cairn_yw w;

	memset(&w, 0, sizeof(w));
	cairn_yw_str(&w, "id", "x");
	cairn_yw_raw(&w, "due", "2027-06-30");
	cairn_yw_map_begin(&w, "measure");
	cairn_yw_raw(&w, "target", "5");
	cairn_yw_map_end(&w);
	cairn_yw_seq_begin(&w, "steps");
	cairn_yw_map_begin(&w, NULL);
	cairn_yw_str(&w, "title", "one");
	cairn_yw_raw(&w, "due", "2027-01-15");
	cairn_yw_map_end(&w);
	cairn_yw_map_begin(&w, NULL);
	cairn_yw_str(&w, "title", "two");
	cairn_yw_map_end(&w);
	cairn_yw_seq_end(&w);
	cairn_yw_seq_begin(&w, "tags");
	cairn_yw_item_str(&w, "dbt");
	cairn_yw_seq_end(&w);
	cairn_yw_empty(&w, "serves", 0);
	cairn_yw_empty(&w, "extra", 1);
	cairn_yw_str(&w, "end", "e");
	ck_assert_str_eq(w.out.data, "id: x\n"
	                             "due: 2027-06-30\n"
	                             "measure:\n"
	                             "  target: 5\n"
	                             "steps:\n"
	                             "  - title: one\n"
	                             "    due: 2027-01-15\n"
	                             "  - title: two\n"
	                             "tags:\n"
	                             "  - dbt\n"
	                             "serves: []\n"
	                             "extra: {}\n"
	                             "end: e\n");
	cairn_buf_release(&w.out);
}
END_TEST

/* C1 controls and the noncharacters U+FFFE and U+FFFF: libyaml refuses them raw in a file, so
 * the writer escapes them (it did not: the file written did not load again). */
START_TEST(round_trip_c1_and_noncharacters)
{
	round_trips("a\xc2\x80"
	            "b");
	round_trips("\xc2\x81\xc2\x84\xc2\x86\xc2\x9f");
	round_trips("csi\xc2\x9b"
	            "31m");
	round_trips("\xef\xbf\xbe"
	            "and\xef\xbf\xbf");
	round_trips("multi\nline \xc2\x90 text\n");
	/* the characters beside them stay raw */
	round_trips("\xc2\xa0nbsp \xef\xbf\xbd replacement \xef\xbf\xbc");
	writes_as("a\xc2\x80"
	          "b",
	          "value: \"a\\x80b\"\n");
	writes_as("\xc2\x9f", "value: \"\\x9f\"\n");
	writes_as("\xef\xbf\xbe", "value: \"\\uFFFE\"\n");
	writes_as("x\xef\xbf\xbf", "value: \"x\\uFFFF\"\n");
	writes_as("\xc2\xa0x", "value: \xc2\xa0x\n");
	writes_as("two\nlines \xc2\x85", "value: \"two\\nlines \\N\"\n");
}
END_TEST

/* A plain scalar may start with '-', '?' or ':' when a character other than a space follows
 * (YAML 1.1 and 1.2, block context): such text is written plain, numbers included. */
START_TEST(plain_dash_question_colon)
{
	writes_as("-x", "value: -x\n");
	writes_as("?x", "value: ?x\n");
	writes_as(":x", "value: :x\n");
	writes_as("-->", "value: -->\n");
	/* document markers only where a line starts: as a value, "---" is text */
	writes_as("--- x", "value: --- x\n");
	writes_as("- x", "value: \"- x\"\n");
	writes_as("? x", "value: \"? x\"\n");
	writes_as(": x", "value: \": x\"\n");
	writes_as("-", "value: \"-\"\n");
	writes_as("-5", "value: \"-5\"\n");
	writes_as("-.5", "value: \"-.5\"\n");
	round_trips("-x");
	round_trips("?x");
	round_trips(":x");
	round_trips("--- x");
	round_trips("... y");
	round_trips("---");
	{
		/* an unknown plain value keeps its type: -3 stays a number, '-3' a string */
		const char *text = "a: -3\n"
		                   "b: -1.5\n"
		                   "c: '-3'\n"
		                   "d: -x\n"
		                   "e: [-2, '-2']\n";
		struct cairn_ynode *root = parse_ok(text), *back;
		struct cairn_yw w;

		memset(&w, 0, sizeof(w));
		for (size_t i = 0; i < root->n; i++)
			cairn_yw_node(&w, root->pairs[i].key, root->pairs[i].value);
		ck_assert_str_eq(w.out.data, "a: -3\n"
		                             "b: -1.5\n"
		                             "c: \"-3\"\n"
		                             "d: -x\n"
		                             "e:\n"
		                             "  - -2\n"
		                             "  - \"-2\"\n");
		back = parse_ok(w.out.data);
		ck_assert_int_eq(cairn_ynode_get(back, "a")->plain, 1);
		ck_assert_int_eq(cairn_ynode_get(back, "b")->plain, 1);
		ck_assert_int_eq(cairn_ynode_get(back, "c")->plain, 0);
		ck_assert_str_eq(cairn_ynode_get(back, "c")->scalar, "-3");
		ck_assert_int_eq(cairn_ynode_get(back, "e")->items[0]->plain, 1);
		ck_assert_int_eq(cairn_ynode_get(back, "e")->items[1]->plain, 0);
		cairn_ynode_free(root);
		cairn_ynode_free(back);
		cairn_buf_release(&w.out);
	}
}
END_TEST

/* A key of n copies of c (n < 4000). */
static const char *repeat(char *buf, char first, char c, size_t n, char last)
{
	memset(buf, c, n);
	buf[0] = first;
	buf[n - 1] = last;
	buf[n] = '\0';
	return buf;
}

/* libyaml reads `key: value` only when the key is at most 1024 characters long (a simple key):
 * a longer one, plain or quoted, is written in the explicit form `? key` / `: value`. */
START_TEST(long_keys_read_back)
{
	static char k1024[1100], k1025[1100], tabs[700], quoted[600], nested[2000], accents[2100],
	    list[1200];
	const char *keys[7];
	struct cairn_yw w;
	struct cairn_ynode *root, *m, *l;
	size_t i;

	keys[0] = repeat(k1024, 'a', 'k', 1024, 'z');
	keys[1] = repeat(k1025, 'a', 'k', 1025, 'z');
	/* 602 characters read as a plain key, 1204 quoted ("a\t\t...b") */
	keys[2] = repeat(tabs, 'a', '\t', 602, 'b');
	/* 513 characters, 1028 quoted */
	keys[3] = repeat(quoted, '"', '"', 513, '"');
	keys[4] = repeat(nested, 'n', 'n', 1900, 'n');
	/* 1000 characters in 2000 bytes: short enough */
	for (i = 0; i < 1000; i++)
		memcpy(accents + 2 * i, "\xc3\xa9", 2);
	accents[2000] = '\0';
	keys[5] = accents;
	keys[6] = repeat(list, 's', 's', 1100, 's');

	memset(&w, 0, sizeof(w));
	for (i = 0; i < 4; i++)
		cairn_yw_str(&w, keys[i], "v");
	cairn_yw_str(&w, keys[5], "multi\nline");
	cairn_yw_map_begin(&w, keys[4]);
	cairn_yw_raw(&w, "inner", "1");
	cairn_yw_empty(&w, keys[1], 1);
	cairn_yw_map_end(&w);
	cairn_yw_seq_begin(&w, "list");
	cairn_yw_map_begin(&w, NULL);
	cairn_yw_str(&w, keys[2], "first key of an item");
	cairn_yw_str(&w, "second", "x");
	cairn_yw_map_end(&w);
	cairn_yw_seq_end(&w);
	cairn_yw_seq_begin(&w, keys[6]);
	cairn_yw_item_str(&w, "item");
	cairn_yw_seq_end(&w);
	ck_assert(!w.out.failed);

	/* the short keys stay simple keys */
	ck_assert(!strncmp(w.out.data, keys[0], 1024) && w.out.data[1024] == ':');
	ck_assert_msg(strstr(w.out.data, "\n? ") != NULL, "no key in the explicit form: %.300s",
	              w.out.data);

	root = parse_ok(w.out.data);
	ck_assert_int_eq(root->n, 8);
	for (i = 0; i < 4; i++) {
		ck_assert_str_eq(root->pairs[i].key, keys[i]);
		ck_assert_str_eq(root->pairs[i].value->scalar, "v");
	}
	ck_assert_str_eq(root->pairs[4].key, keys[5]);
	ck_assert_str_eq(root->pairs[4].value->scalar, "multi\nline");
	m = cairn_ynode_get(root, keys[4]);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->type, CAIRN_Y_MAP);
	ck_assert_int_eq(m->n, 2);
	ck_assert_str_eq(cairn_ynode_get(m, "inner")->scalar, "1");
	ck_assert_int_eq(cairn_ynode_get(m, keys[1])->type, CAIRN_Y_MAP);
	l = cairn_ynode_get(root, "list");
	ck_assert_int_eq(l->n, 1);
	ck_assert_str_eq(cairn_ynode_get(l->items[0], keys[2])->scalar, "first key of an item");
	ck_assert_str_eq(cairn_ynode_get(l->items[0], "second")->scalar, "x");
	l = cairn_ynode_get(root, keys[6]);
	ck_assert_int_eq(l->type, CAIRN_Y_SEQ);
	ck_assert_str_eq(l->items[0]->scalar, "item");

	/* and a tree read back writes the same text again */
	{
		struct cairn_yw w2;

		memset(&w2, 0, sizeof(w2));
		for (i = 0; i < root->n; i++)
			cairn_yw_node(&w2, root->pairs[i].key, root->pairs[i].value);
		ck_assert_str_eq(w2.out.data, w.out.data);
		cairn_buf_release(&w2.out);
	}
	cairn_ynode_free(root);
	cairn_buf_release(&w.out);
}
END_TEST

/* A map with nothing in it is written `key: {}` (`- {}` as an item): `key:` alone reads back
 * as null. */
START_TEST(empty_maps_written_as_braces)
{
	struct cairn_yw w;
	struct cairn_ynode *root;

	memset(&w, 0, sizeof(w));
	cairn_yw_map_begin(&w, "settings");
	cairn_yw_map_end(&w);
	cairn_yw_map_begin(&w, "outer");
	cairn_yw_map_begin(&w, "inner");
	cairn_yw_map_end(&w);
	cairn_yw_map_end(&w);
	cairn_yw_seq_begin(&w, "items");
	cairn_yw_map_begin(&w, NULL);
	cairn_yw_map_end(&w);
	cairn_yw_map_begin(&w, NULL);
	cairn_yw_map_begin(&w, "m");
	cairn_yw_map_end(&w);
	cairn_yw_str(&w, "title", "x");
	cairn_yw_map_end(&w);
	cairn_yw_seq_end(&w);
	cairn_yw_str(&w, "end", "e");
	ck_assert_str_eq(w.out.data, "settings: {}\n"
	                             "outer:\n"
	                             "  inner: {}\n"
	                             "items:\n"
	                             "  - {}\n"
	                             "  - m: {}\n"
	                             "    title: x\n"
	                             "end: e\n");
	root = parse_ok(w.out.data);
	ck_assert_int_eq(cairn_ynode_get(root, "settings")->type, CAIRN_Y_MAP);
	ck_assert_int_eq(cairn_ynode_get(cairn_ynode_get(root, "outer"), "inner")->type,
	                 CAIRN_Y_MAP);
	ck_assert_int_eq(cairn_ynode_get(root, "items")->n, 2);
	cairn_ynode_free(root);
	cairn_buf_release(&w.out);
}
END_TEST

/* Strings a record can hold: no control characters but tab (and line breaks in text). */
static int record_can_hold(const char *s, int multiline)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && !(multiline && *p == '\n')) || *p == 0x7f)
			return 0;
	return 1;
}

/* Every string of the round trips, in a record: written by the canonical writer through the
 * field table, parsed back, compared field by field. */
START_TEST(round_trip_through_a_record)
{
	static const char *const s[] = {"123",
	                                "yes",
	                                "no",
	                                "null",
	                                "~",
	                                "2027-06-30",
	                                "",
	                                " leading space",
	                                "a: b",
	                                "#x",
	                                "- x",
	                                "multi\nline\ntext",
	                                "trailing newline\n",
	                                "two trailing\n\n",
	                                "\xc3\x9c"
	                                "berpr\xc3\xbc"
	                                "fung caf\xc3\xa9 \xe2\x80\x94 \xe2\x9c\x93",
	                                "say \"hi\" and 'bye'",
	                                "C:\\path\\",
	                                "\"\\\"",
	                                "tab\tinside",
	                                "\ttab first",
	                                "nel\xc2\x85here",
	                                "x ]",
	                                "-5",
	                                "true",
	                                "first\n  indented second",
	                                NULL};

	for (int i = 0; s[i]; i++) {
		struct cairn_goal *g = cairn_goal_new(), *back = cairn_goal_new();
		int one_line = !strchr(s[i], '\n') && record_can_hold(s[i], 0);
		cairn_err err = CAIRN_ERR_INIT;
		char *out = NULL;

		ck_assert(record_can_hold(s[i], 1));
		g->id = strdup("x");
		g->title = strdup(one_line ? s[i] : "T");
		g->status = CAIRN_STATUS_ACTIVE;
		g->specific = strdup(s[i]);
		g->reason = strdup(s[i]);
		if (one_line && s[i][0]) {
			struct cairn_step *st =
			    cairn_list_push((struct cairn_list *)&g->steps, &cairn_step_kind);
			st->title = strdup(s[i]);
			ck_assert_int_eq(cairn_strlist_add(&g->tags, s[i]), 0);
			g->measure = cairn_record_new(&cairn_measure_kind);
			g->measure->unit = strdup(s[i]);
		}
		ck_assert_int_eq(cairn_record_write(&out, NULL, &cairn_goal_kind, g, &err), 0);
		ck_assert_msg(cairn_record_parse(&cairn_goal_kind, back, out, strlen(out),
		                                 "goals/x.yaml", &err) == 0,
		              "'%s': %d:%d: %s\n%s", s[i], err.line, err.column, err.msg, out);
		ck_assert_msg(!strcmp(back->specific, g->specific),
		              "specific '%s' read back '%s'\n%s", g->specific, back->specific, out);
		ck_assert_str_eq(back->reason, g->reason);
		ck_assert_str_eq(back->title, g->title);
		ck_assert_int_eq(back->tags.n, g->tags.n);
		ck_assert_int_eq(back->steps.n, g->steps.n);
		if (g->tags.n) {
			ck_assert_str_eq(back->tags.v[0], s[i]);
			ck_assert_str_eq(back->steps.v[0].title, s[i]);
			ck_assert_str_eq(back->measure->unit, s[i]);
		}
		ck_assert_int_eq(back->extra.n, 0);
		free(out);
		cairn_goal_free(g);
		cairn_goal_free(back);
	}
}
END_TEST

/* ---- what is refused ---- */

START_TEST(refuse_syntax_error)
{
	refused("a: b: c\n", "invalid YAML: mapping values are not allowed", 1, 5);
	refused("a: 1\nb: [1, 2\nc: 3\n", "invalid YAML", 3, 2);
	refused("a: 1\nb: \"open\n", "invalid YAML", 3, 1);
	refused("a: 1\n\tb: 2\n", "invalid YAML", 2, 1);
	{
		struct cairn_ynode *root;
		cairn_err err = CAIRN_ERR_INIT;
		ck_assert_int_eq(cairn_yaml_parse(&root, "a: b: c\n", 8, "f.yaml", &err),
		                 CAIRN_EDATA);
		unit_assert_has(err.hint, "cairn doctor");
	}
}
END_TEST

START_TEST(refuse_duplicate_key)
{
	cairn_err err = CAIRN_ERR_INIT;
	struct cairn_ynode *root;
	const char *three = "a: 1\nb: 2\na: 3\na: 4\n";

	/* reported where it occurs the second time */
	refused("a: 1\nb: 2\na: 3\n", "duplicate key 'a'", 3, 1);
	refused(three, "duplicate key 'a'", 3, 1);
	refused("b: 0\nm:\n  x: 1\n  y: 2\n  x: 3\n", "duplicate key 'x'", 5, 3);
	refused("m: {x: 1, y: 2, x: 3}\n", "duplicate key 'x'", 1, 17);
	refused("l:\n  - t: 1\n    t: 2\n", "duplicate key 't'", 3, 5);
	/* the earliest second occurrence when two keys repeat */
	refused("z: 1\na: 1\nz: 2\na: 2\n", "duplicate key 'z'", 3, 1);
	refused("z: 1\na: 1\na: 2\nz: 2\n", "duplicate key 'a'", 3, 1);
	ck_assert_int_eq(cairn_yaml_parse(&root, three, strlen(three), "f.yaml", &err),
	                 CAIRN_EDATA);
	unit_assert_has(err.hint, "'a'");
	/* the same key in different maps is fine */
	root = parse_ok("a: {x: 1}\nb: {x: 2}\nx: 3\n");
	cairn_ynode_free(root);
}
END_TEST

START_TEST(refuse_anchor_alias_tag)
{
	refused("a: &x 1\n", "anchors (&name) are not allowed", 1, 4);
	refused("a: 1\nb: &list [1, 2]\n", "anchors (&name) are not allowed", 2, 4);
	refused("a: 1\nb: &m\n  c: 1\n", "anchors (&name) are not allowed", 2, 4);
	refused("a: 1\nb: *x\n", "aliases (*name) are not allowed", 2, 4);
	refused("a: [1, *x]\n", "aliases (*name) are not allowed", 1, 8);
	refused("*x : 1\n", "aliases (*name) are not allowed", 1, 1);
	refused("a: !foo bar\n", "tags (!name) are not allowed", 1, 4);
	refused("a: 1\nb: !foo {c: 1}\n", "tags (!name) are not allowed", 2, 4);
	refused("a: !foo [1]\n", "tags (!name) are not allowed", 1, 4);
	refused("a: !!str 123\n", "tags (!name) are not allowed", 1, 4);
	refused("!foo\na: 1\n", "tags (!name) are not allowed", 1, 1);
	{
		struct cairn_ynode *root;
		cairn_err err = CAIRN_ERR_INIT;
		ck_assert_int_eq(cairn_yaml_parse(&root, "a: &x 1\nb: *x\n", 14, "f", &err),
		                 CAIRN_EDATA);
		unit_assert_has(err.hint, "in full");
	}
}
END_TEST

START_TEST(refuse_two_documents)
{
	struct cairn_ynode *root;

	refused("a: 1\n---\nb: 2\n", "more than one document", 2, 1);
	refused("---\na: 1\n...\n---\nb: 2\n", "more than one document", 4, 1);
	/* one explicit document is fine */
	root = parse_ok("---\na: 1\n...\n");
	ck_assert_str_eq(cairn_ynode_get(root, "a")->scalar, "1");
	cairn_ynode_free(root);
}
END_TEST

/* A flow sequence nested depth deep with a value inside: [[[x]]] for 3. */
static char *nested_seq(int depth)
{
	char *s = malloc((size_t)depth * 2 + 4);
	int k = 0;

	for (int i = 0; i < depth; i++)
		s[k++] = '[';
	s[k++] = 'x';
	for (int i = 0; i < depth; i++)
		s[k++] = ']';
	s[k++] = '\n';
	s[k] = '\0';
	return s;
}

/* Block maps nested depth deep: k1:\n k2:\n ... with a value at the bottom. */
static char *nested_map(int depth)
{
	char *s = malloc((size_t)depth * (size_t)(depth + 8) + 16);
	size_t k = 0;

	for (int i = 1; i <= depth; i++) {
		for (int j = 1; j < i; j++)
			s[k++] = ' ';
		k += (size_t)sprintf(s + k, i == depth ? "k%d: v\n" : "k%d:\n", i);
	}
	s[k] = '\0';
	return s;
}

START_TEST(depth_32_accepted)
{
	char *s = nested_seq(32);
	struct cairn_ynode *root = parse_ok(s), *n = root;
	int depth = 0;

	while (n->type == CAIRN_Y_SEQ) {
		ck_assert_int_eq(n->n, 1);
		n = n->items[0];
		depth++;
	}
	ck_assert_int_eq(depth, 32);
	ck_assert_str_eq(n->scalar, "x");
	cairn_ynode_free(root);
	free(s);

	s = nested_map(32);
	root = parse_ok(s);
	cairn_ynode_free(root);
	free(s);
}
END_TEST

START_TEST(depth_33_refused)
{
	char *s = nested_seq(33);

	refused(s, "nested too deeply (more than 32 levels)", 1, 33);
	free(s);
	s = nested_map(33);
	refused(s, "nested too deeply", 33, 33);
	free(s);
	/* a deep bomb is refused early, not built */
	s = nested_seq(100000);
	refused(s, "nested too deeply", 1, 33);
	free(s);
}
END_TEST

/* Refusals free what they read: run under LeakSanitizer, this fails on a leak. The messages
 * only are checked here, so that a wrong position elsewhere does not hide a leak. */
START_TEST(refusals_leak_nothing)
{
	static const char *const texts[] = {
	    "a: *x\n",       "a: [1, *x]\n", "*x : 1\n",          "a: &x 1\n",
	    "a: !foo bar\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n", NULL};
	struct cairn_ynode *root;
	cairn_err err = CAIRN_ERR_INIT;
	char *deep;

	for (int i = 0; texts[i]; i++)
		ck_assert_int_eq(cairn_yaml_parse(&root, texts[i], strlen(texts[i]), "f", &err),
		                 CAIRN_EDATA);
	/* too deep, where the first node past the limit is a key (a scalar) */
	deep = nested_map(40);
	unit_assert_err(cairn_yaml_parse(&root, deep, strlen(deep), "f", &err), err, CAIRN_EDATA,
	                "nested too deeply");
	free(deep);
	deep = nested_seq(40);
	unit_assert_err(cairn_yaml_parse(&root, deep, strlen(deep), "f", &err), err, CAIRN_EDATA,
	                "nested too deeply");
	free(deep);
}
END_TEST

START_TEST(refuse_over_one_mib)
{
	size_t max = CAIRN_YAML_MAX_BYTES;
	char *s = malloc(max + 2);
	struct cairn_ynode *root;
	cairn_err err = CAIRN_ERR_INIT;
	char want[128];

	ck_assert_int_eq(max, 1024 * 1024);
	/* exactly 1 MiB: "a: xxxx...\n" */
	memcpy(s, "a: ", 3);
	memset(s + 3, 'x', max - 4);
	s[max - 1] = '\n';
	s[max] = '\0';
	ck_assert_int_eq(cairn_yaml_parse(&root, s, max, "big.yaml", &err), 0);
	ck_assert_int_eq(strlen(cairn_ynode_get(root, "a")->scalar), max - 4);
	cairn_ynode_free(root);
	/* one byte more */
	s[max] = '\n';
	s[max + 1] = '\0';
	snprintf(want, sizeof(want), "file too large (%zu bytes, at most %zu)", max + 1, max);
	refused_at(s, max + 1, want, 0, 0);
	free(s);
}
END_TEST

START_TEST(refuse_non_utf8)
{
	/* the byte is on line 2, column 7 */
	refused("a: b\nc: caf\xe9 x\n", "UTF-8", 2, 7);
	refused("a: b\nc: caf\xc3\x28x\n", "UTF-8", 2, 7);
}
END_TEST

START_TEST(refuse_bad_bytes)
{
	const char nul[] = "a: b\0c\n";

	/* a lone surrogate and an overlong form are not UTF-8 either */
	refused("a: \xed\xa0\x80\n", "invalid YAML", 1, 4);
	refused("a: \xc0\xaf\n", "invalid YAML", 1, 4);
	refused_at(nul, sizeof(nul) - 1, "invalid YAML", 1, 5);
}
END_TEST

/* A UTF-8 byte-order mark at the start is read as if it were not there, and places after it
 * keep their line and column. */
START_TEST(byte_order_mark)
{
	struct cairn_ynode *root;

	root = parse_ok("\xef\xbb\xbfid: x\ntitle: t\n");
	ck_assert_int_eq(root->n, 2);
	ck_assert_str_eq(root->pairs[0].key, "id");
	ck_assert_int_eq(root->pairs[0].line, 1);
	ck_assert_int_eq(root->pairs[0].column, 1);
	ck_assert_int_eq(root->pairs[1].column, 1);
	cairn_ynode_free(root);
	root = parse_ok("\xef\xbb\xbfid: x\r\ntitle: t\r\nm:\r\n  k: v\r\n");
	ck_assert_int_eq(root->n, 3);
	ck_assert_str_eq(cairn_ynode_get(cairn_ynode_get(root, "m"), "k")->scalar, "v");
	ck_assert_int_eq(cairn_ynode_get(cairn_ynode_get(root, "m"), "k")->column, 6);
	cairn_ynode_free(root);
	refused("\xef\xbb\xbf"
	        "a: b: c\n",
	        "mapping values are not allowed", 1, 5);
	refused("\xef\xbb\xbf"
	        "a: 1\nb: 2\na: 3\n",
	        "duplicate key 'a'", 3, 1);
	refused("\xef\xbb\xbf"
	        "a: caf\xe9\n",
	        "UTF-8", 1, 7);
	refused("\xef\xbb\xbf"
	        "a: 1\r\nb: caf\xe9\r\n",
	        "UTF-8", 2, 7);
	/* a second mark is text, and only one is taken off */
	refused("\xef\xbb\xbf\xef\xbb\xbf"
	        "a: 1\nb: 2\n",
	        "invalid YAML", 2, 1);
	{
		cairn_err err = CAIRN_ERR_INIT;

		root = (struct cairn_ynode *)1;
		ck_assert_int_eq(cairn_yaml_parse(&root, "\xef\xbb\xbf", 3, "e.yaml", &err), 0);
		ck_assert_ptr_null(root);
	}
}
END_TEST

START_TEST(refuse_non_scalar_keys)
{
	refused("? [a, b]\n: 1\n", "keys must be plain words", 1, 3);
	refused("? {a: 1}\n: 1\n", "keys must be plain words", 1, 3);
}
END_TEST

START_TEST(empty_document)
{
	struct cairn_ynode *root = (struct cairn_ynode *)1;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_yaml_parse(&root, "", 0, "e.yaml", &err), 0);
	ck_assert_ptr_null(root);
	root = (struct cairn_ynode *)1;
	ck_assert_int_eq(cairn_yaml_parse(&root, "# only a comment\n", 17, "e.yaml", &err), 0);
	ck_assert_ptr_null(root);
}
END_TEST

START_TEST(positions_and_nulls)
{
	struct cairn_ynode *root = parse_ok("id: x\n"
	                                    "measure: {target: 5, current: ~}\n"
	                                    "tags:\n"
	                                    "  - one\n"
	                                    "  - 'two'\n"
	                                    "none:\n"
	                                    "quoted_null: \"null\"\n");
	struct cairn_ynode *m = cairn_ynode_get(root, "measure"),
	                   *t = cairn_ynode_get(root, "tags");

	ck_assert_int_eq(root->pairs[1].line, 2);
	ck_assert_int_eq(root->pairs[1].column, 1);
	ck_assert_int_eq(m->line, 2);
	ck_assert_int_eq(m->column, 10);
	ck_assert_int_eq(m->pairs[1].column, 22);
	ck_assert_int_eq(t->items[1]->line, 5);
	ck_assert_int_eq(t->items[1]->column, 5);
	ck_assert_int_eq(t->items[0]->plain, 1);
	ck_assert_int_eq(t->items[1]->plain, 0);
	ck_assert(cairn_ynode_is_null(cairn_ynode_get(m, "current")));
	ck_assert(cairn_ynode_is_null(cairn_ynode_get(root, "none")));
	ck_assert(!cairn_ynode_is_null(cairn_ynode_get(root, "quoted_null")));
	ck_assert_ptr_null(cairn_ynode_get(root, "missing"));
	cairn_ynode_free(root);
}
END_TEST

/* ---- unknown keys ---- */

static const char goal_with_unknown[] = "id: x\n"
                                        "zeta: first unknown\n"
                                        "title: A goal\n"
                                        "status: active\n"
                                        "alpha:\n"
                                        "  - 1\n"
                                        "  - two\n"
                                        "  - {k: v, nums: [1, 2]}\n"
                                        "measure: {target: 5, colour: blue, current: 2}\n"
                                        "steps:\n"
                                        "  - {title: one, weight: 3}\n"
                                        "mid: {b: 2, a: 1, nested: {deep: [x, y]}}\n"
                                        "empty_list: []\n"
                                        "empty_map: {}\n"
                                        "flag: true\n"
                                        "num: 1.50\n"
                                        "nothing: null\n"
                                        "when: 2027-01-01\n"
                                        "text: |-\n"
                                        "  two\n"
                                        "  lines\n"
                                        "list_of_lists: [[1, 2], [3]]\n";

static const char goal_with_unknown_canonical[] = "id: x\n"
                                                  "title: A goal\n"
                                                  "status: active\n"
                                                  "measure:\n"
                                                  "  target: 5\n"
                                                  "  current: 2\n"
                                                  "  colour: blue\n"
                                                  "steps:\n"
                                                  "  - title: one\n"
                                                  "    weight: 3\n"
                                                  "zeta: first unknown\n"
                                                  "alpha:\n"
                                                  "  - 1\n"
                                                  "  - two\n"
                                                  "  - k: v\n"
                                                  "    nums:\n"
                                                  "      - 1\n"
                                                  "      - 2\n"
                                                  "mid:\n"
                                                  "  b: 2\n"
                                                  "  a: 1\n"
                                                  "  nested:\n"
                                                  "    deep:\n"
                                                  "      - x\n"
                                                  "      - y\n"
                                                  "empty_list: []\n"
                                                  "empty_map: {}\n"
                                                  "flag: true\n"
                                                  "num: 1.50\n"
                                                  "nothing: null\n"
                                                  "when: 2027-01-01\n"
                                                  "text: |-\n"
                                                  "  two\n"
                                                  "  lines\n"
                                                  "list_of_lists:\n"
                                                  "  -\n"
                                                  "    - 1\n"
                                                  "    - 2\n"
                                                  "  -\n"
                                                  "    - 3\n";

START_TEST(unknown_keys_survive)
{
	struct cairn_goal *g = cairn_goal_new(), *g2 = cairn_goal_new();
	cairn_err err = CAIRN_ERR_INIT;
	char *out = NULL, *out2 = NULL;
	size_t len;

	ck_assert_msg(cairn_record_parse(&cairn_goal_kind, g, goal_with_unknown,
	                                 strlen(goal_with_unknown), "goals/x.yaml", &err) == 0,
	              "%d:%d: %s", err.line, err.column, err.msg);
	ck_assert_int_eq(g->extra.n, 11);
	ck_assert_str_eq(g->extra.v[0].key, "zeta");
	ck_assert_str_eq(g->extra.v[1].key, "alpha");
	ck_assert_str_eq(g->extra.v[2].key, "mid");
	ck_assert_int_eq(g->measure->extra.n, 1);
	ck_assert_int_eq(g->steps.v[0].extra.n, 1);
	ck_assert_int_eq(cairn_record_write(&out, &len, &cairn_goal_kind, g, &err), 0);
	ck_assert_str_eq(out, goal_with_unknown_canonical);
	ck_assert_int_eq(len, strlen(out));
	/* and once more: the canonical form is a fixed point */
	ck_assert_int_eq(cairn_record_parse(&cairn_goal_kind, g2, out, len, "goals/x.yaml", &err),
	                 0);
	ck_assert_int_eq(cairn_record_write(&out2, &len, &cairn_goal_kind, g2, &err), 0);
	ck_assert_str_eq(out2, out);
	free(out);
	free(out2);
	cairn_goal_free(g);
	cairn_goal_free(g2);
}
END_TEST

START_TEST(unknown_nodes_write_back)
{
	/* cairn_yw_node writes any parsed tree in canonical form, read back the same */
	const char *text = "a: [1, '2', {b: c}]\n"
	                   "'x: y': \"quoted: value\"\n"
	                   "m:\n"
	                   "  - []\n"
	                   "  - {}\n"
	                   "  - - 1\n"
	                   "    - - 2\n"
	                   "s: \"multi\\nline\"\n";
	struct cairn_ynode *root = parse_ok(text), *back;
	struct cairn_yw w;

	memset(&w, 0, sizeof(w));
	for (size_t i = 0; i < root->n; i++)
		cairn_yw_node(&w, root->pairs[i].key, root->pairs[i].value);
	back = parse_ok(w.out.data);
	ck_assert_int_eq(back->n, 4);
	ck_assert_str_eq(back->pairs[1].key, "x: y");
	ck_assert_str_eq(back->pairs[1].value->scalar, "quoted: value");
	{
		struct cairn_ynode *a = cairn_ynode_get(back, "a");
		ck_assert_int_eq(a->n, 3);
		ck_assert_str_eq(a->items[0]->scalar, "1");
		ck_assert_int_eq(a->items[0]->plain, 1);
		ck_assert_str_eq(a->items[1]->scalar, "2");
		ck_assert_int_eq(a->items[1]->plain, 0); /* '2' stays a string */
		ck_assert_str_eq(cairn_ynode_get(a->items[2], "b")->scalar, "c");
	}
	{
		struct cairn_ynode *m = cairn_ynode_get(back, "m");
		ck_assert_int_eq(m->n, 3);
		ck_assert_int_eq(m->items[0]->type, CAIRN_Y_SEQ);
		ck_assert_int_eq(m->items[0]->n, 0);
		ck_assert_int_eq(m->items[1]->type, CAIRN_Y_MAP);
		ck_assert_int_eq(m->items[1]->n, 0);
		ck_assert_int_eq(m->items[2]->type, CAIRN_Y_SEQ);
		ck_assert_str_eq(m->items[2]->items[0]->scalar, "1");
		ck_assert_str_eq(m->items[2]->items[1]->items[0]->scalar, "2");
	}
	ck_assert_str_eq(cairn_ynode_get(back, "s")->scalar, "multi\nline");
	cairn_ynode_free(root);
	cairn_ynode_free(back);
	cairn_buf_release(&w.out);
}
END_TEST

START_TEST(ynode_copy_is_deep)
{
	struct cairn_ynode *root = parse_ok("a: [1, {b: c}]\nd: e\n");
	struct cairn_ynode *c = cairn_ynode_copy(root);

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_ne(c, root);
	ck_assert_int_eq(c->n, 2);
	ck_assert_ptr_ne(c->pairs[0].key, root->pairs[0].key);
	cairn_ynode_free(root);
	ck_assert_str_eq(cairn_ynode_get(cairn_ynode_get(c, "a")->items[1], "b")->scalar, "c");
	ck_assert_str_eq(cairn_ynode_get(c, "d")->scalar, "e");
	cairn_ynode_free(c);
}
END_TEST

static Suite *yaml_suite(void)
{
	Suite *s = suite_create("yaml");
	TCase *tw = tcase_create("writer");
	TCase *tr = tcase_create("reader");
	TCase *tu = tcase_create("unknown");

	tcase_add_test(tw, round_trip_typed_looking_strings);
	tcase_add_test(tw, round_trip_empty_and_spaces);
	tcase_add_test(tw, round_trip_indicators);
	tcase_add_test(tw, round_trip_multi_line);
	tcase_add_test(tw, round_trip_non_ascii);
	tcase_add_test(tw, round_trip_quotes_and_backslashes);
	tcase_add_test(tw, round_trip_control_characters);
	tcase_add_test(tw, round_trip_keys);
	tcase_add_test(tw, round_trip_c1_and_noncharacters);
	tcase_add_test(tw, plain_dash_question_colon);
	tcase_add_test(tw, long_keys_read_back);
	tcase_add_test(tw, empty_maps_written_as_braces);
	tcase_add_test(tw, round_trip_through_a_record);
	tcase_add_test(tw, writer_layout);
	suite_add_tcase(s, tw);

	tcase_add_test(tr, refuse_syntax_error);
	tcase_add_test(tr, refuse_duplicate_key);
	tcase_add_test(tr, refuse_anchor_alias_tag);
	tcase_add_test(tr, refuse_two_documents);
	tcase_add_test(tr, depth_32_accepted);
	tcase_add_test(tr, depth_33_refused);
	tcase_add_test(tr, refusals_leak_nothing);
	tcase_add_test(tr, refuse_over_one_mib);
	tcase_add_test(tr, refuse_non_utf8);
	tcase_add_test(tr, refuse_bad_bytes);
	tcase_add_test(tr, refuse_non_scalar_keys);
	tcase_add_test(tr, byte_order_mark);
	tcase_add_test(tr, empty_document);
	tcase_add_test(tr, positions_and_nulls);
	tcase_set_timeout(tr, 30);
	suite_add_tcase(s, tr);

	tcase_add_test(tu, unknown_keys_survive);
	tcase_add_test(tu, unknown_nodes_write_back);
	tcase_add_test(tu, ynode_copy_is_deep);
	suite_add_tcase(s, tu);
	return s;
}

int main(void)
{
	return unit_run(yaml_suite());
}
