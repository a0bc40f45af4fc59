/* cairn — unit tests: the fast reader of the canonical form (lib/yaml_fast.c) against
 * libyaml's reader, on every file of the examples and the bad-input corpus, on what the
 * writer writes for awkward text, and on forms the fast reader must leave to libyaml */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unit.h"
#include "yaml_priv.h"

/* Both readers on buf: the same verdict, the same tree. Returns whether the fast one read
 * it. */
static int agree(const char *buf, size_t len, const char *what)
{
	struct cairn_ynode *a = NULL, *b = NULL, *f = NULL;
	cairn_err ea = CAIRN_ERR_INIT, eb = CAIRN_ERR_INIT;
	int ra = cairn_yaml_parse(&a, buf, len, "f.yaml", &ea);
	int rb = cairn_yaml_parse_libyaml(&b, buf, len, "f.yaml", &eb);
	/* (the fast reader is given valid UTF-8 only: cairn_yaml_parse checks it first) */
	int fast = !rb && len && cairn_yaml_fast(&f, buf, len) == 0;

	ck_assert_msg(ra == rb, "%s: %d (%s) against libyaml's %d (%s)", what, ra, ea.msg, rb,
	              eb.msg);
	ck_assert_msg(!ra ||
	                  (!strcmp(ea.msg, eb.msg) && ea.line == eb.line && ea.column == eb.column),
	              "%s: %s at %d:%d against %s at %d:%d", what, ea.msg, ea.line, ea.column,
	              eb.msg, eb.line, eb.column);
	ck_assert_msg(cairn_ynode_same(a, b), "%s: the trees differ", what);
	ck_assert_msg(!fast || cairn_ynode_same(f, b), "%s: the fast tree differs", what);
	cairn_ynode_free(a);
	cairn_ynode_free(b);
	cairn_ynode_free(f);
	return fast;
}

static void walk(const char *dir, size_t *files, size_t *fast)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	ck_assert_msg(d != NULL, "%s", dir);
	while ((de = readdir(d))) {
		char path[4096], *buf;
		struct stat st;
		size_t len;
		cairn_err e;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path, files, fast);
			continue;
		}
		if (!S_ISREG(st.st_mode) || !strstr(de->d_name, ".yaml") ||
		    cairn_fs_read(&buf, &len, path, CAIRN_YAML_MAX_BYTES + 1, &e))
			continue;
		(*files)++;
		*fast += (size_t)agree(buf, len, path);
		free(buf);
	}
	closedir(d);
}

START_TEST(examples_all_read_fast_and_the_same)
{
	char path[4096];
	size_t files = 0, fast = 0;

	snprintf(path, sizeof(path), "%s/examples", getenv("CAIRN_SOURCE_DIR"));
	walk(path, &files, &fast);
	ck_assert_msg(files >= 30, "only %zu example files", files);
	/* cairn wrote them: every one is in the canonical form */
	ck_assert_msg(fast == files, "the fast reader took %zu of %zu example files", fast, files);
}
END_TEST

START_TEST(bad_inputs_agree)
{
	char path[4096];
	size_t files = 0, fast = 0;

	snprintf(path, sizeof(path), "%s/tests/fixtures", getenv("CAIRN_SOURCE_DIR"));
	walk(path, &files, &fast);
	ck_assert_msg(files >= 100, "only %zu fixture files", files);
}
END_TEST

static const char *const awkward[] = {
    "plain words",
    "",
    " leading space",
    "trailing space ",
    "yes",
    "null",
    "~",
    "2026-01-01",
    "12",
    "-5",
    "- a dash",
    "a: colon",
    "a #hash",
    "C# and F#",
    "http://example.org/a?b=c",
    "'single'",
    "\"double\"",
    "back\\slash",
    "tab\there",
    "carriage\rreturn",
    "one\ntwo",
    "one\ntwo\n",
    "one\n\ntwo\n\n",
    "one\ntwo\n\n\n",
    "  indented\nsecond",
    "\nleading newline",
    "bell\x07",
    "del\x7f",
    "c1 \xc2\x85 nel",
    "ls \xe2\x80\xa8 ps \xe2\x80\xa9",
    "bom \xef\xbb\xbf inside",
    "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x8c\xb1",
    "[not a list]",
    "{not: a map}",
    "&anchor",
    "*alias",
    "!tag",
    "|pipe",
    ">fold",
    "%percent",
    "@at",
    "`tick",
    "?question",
    ": colon first",
    "ends with colon:",
    NULL,
};

START_TEST(what_the_writer_writes_reads_fast)
{
	struct cairn_yw w = {{0}};
	char key[32];

	for (int i = 0; awkward[i]; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		cairn_yw_str(&w, key, awkward[i]);
	}
	cairn_yw_seq_begin(&w, "items");
	for (int i = 0; awkward[i]; i++)
		cairn_yw_item_str(&w, awkward[i]);
	cairn_yw_seq_end(&w);
	cairn_yw_seq_begin(&w, "maps");
	for (int i = 0; awkward[i]; i++) {
		cairn_yw_map_begin(&w, NULL);
		cairn_yw_str(&w, "text", awkward[i]);
		cairn_yw_map_begin(&w, "inner");
		cairn_yw_str(&w, "again", awkward[i]);
		cairn_yw_map_end(&w);
		cairn_yw_empty(&w, "none", 0);
		cairn_yw_map_end(&w);
	}
	cairn_yw_map_begin(&w, NULL);
	cairn_yw_map_end(&w);
	cairn_yw_seq_end(&w);
	cairn_yw_empty(&w, "empty", 1);
	ck_assert(!w.out.failed);
	ck_assert_msg(agree(w.out.data, w.out.len, "the writer's text"),
	              "the fast reader did not take what the writer wrote:\n%s", w.out.data);
	/* and each value alone, so that one the fast reader leaves does not hide another */
	for (int i = 0; awkward[i]; i++) {
		struct cairn_yw one = {{0}};
		cairn_yw_str(&one, "k", awkward[i]);
		ck_assert_msg(agree(one.out.data, one.out.len, awkward[i]), "not read fast:\n%s",
		              one.out.data);
		cairn_buf_release(&one.out);
	}
	cairn_buf_release(&w.out);
}
END_TEST

/* forms libyaml reads and the fast reader leaves to it: the result must still agree */
static const char *const others[] = {
    "a: 1 # a comment\n",
    "# a comment\na: 1\n",
    "a:\n    b: 1\n",
    "a:\n- 1\n- 2\n",
    "a: {b: 1}\n",
    "a: [1, 2]\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a:\n",
    "a: >\n  folded\n  text\n",
    "a: |2\n   two\n",
    "a: plain\n  continued\n",
    "a: 1\na: 2\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "a: 1\r\nb: 2\r\n",
    "a:\t1\n",
    "a:  two spaces\n",
    "a:\n  -  b\n",
    "\"quoted key\": 1\n",
    "a: \"\\e\"\n",
    "a: \"unclosed\n  b\"\n",
    "a: 'it''s'\n",
    "a: \"\\x00\"\n",
    "- 1\n- 2\n",
    "a: 1\n\nb: 2\n",
    "a: |\n\n  after an empty line\n",
    "a: |\n  text\n   \n",
    "a:\n  - - 1\n",
    "a:\n  -\n    b: 1\n",
    "a: b: c\n",
    "a: 1\n b: 2\n",
    "? a\n: 1\n",
    "a: |\n  no final break",
    "a: |\n  \tfirst line starts with a tab\n",
    "a: |\n  text\n  \tsecond line with a tab\n",
    "a: |-\n  no final break",
    "a: |+\n  no final break",
    "a: plain without a final break",
    "",
    "\n",
    "   \n",
    "a: \"\xc2\x85\"\n",
    NULL,
};

START_TEST(other_forms_agree)
{
	for (int i = 0; others[i]; i++)
		agree(others[i], strlen(others[i]), others[i]);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("yamlfast");
	TCase *tc = tcase_create("yamlfast");

	tcase_add_test(tc, examples_all_read_fast_and_the_same);
	tcase_add_test(tc, bad_inputs_agree);
	tcase_add_test(tc, what_the_writer_writes_reads_fast);
	tcase_add_test(tc, other_forms_agree);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(suite());
}
