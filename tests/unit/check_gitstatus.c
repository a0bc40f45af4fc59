/* cairn — unit tests: what differs from HEAD (lib/gitstatus.c), the fast answer against
 * libgit2's status in the states a person leaves a repository in */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git_priv.h"
#include "unit.h"

static char *home, *dir;

/* a repository made and committed by git, whose commit leaves the tree cache valid */
static void setup(void)
{
	home = unit_isolate();
	dir = unit_tmpdir();
	ck_assert_int_eq(unit_sh(NULL,
	                         "cd '%s' && git init -q -b main && git config user.name U && "
	                         "git config user.email u@x && mkdir -p goals ce/2026 && "
	                         "echo a > goals/a.yaml && echo b > goals/b.yaml && "
	                         "echo x > ce/2026/x.yaml && ln -s goals/a.yaml link && "
	                         "git add . && git commit -qm one",
	                         dir),
	                 0);
}

static void teardown(void)
{
	unit_rmrf(dir);
	free(dir);
	unit_rmrf(home);
	free(home);
}

static char *joined(char **v)
{
	size_t len = 1;
	char *s;

	for (char **p = v; *p; p++)
		len += strlen(*p) + 1;
	s = calloc(1, len);
	for (char **p = v; *p; p++) {
		strcat(s, *p);
		strcat(s, "\n");
	}
	return s;
}

/* Both answers, which must agree; want_fast: whether the fast one must have answered.
 * Returns the answer, one "K path" a line. */
static char *changes(int want_fast)
{
	char **fast = NULL, **slow = NULL, *a, *b;
	cairn_err err = CAIRN_ERR_INIT;
	int rc = cairn_git_changes_fast(&fast, dir);

	ck_assert_msg(rc >= 0, "out of memory");
	ck_assert_msg(!want_fast || rc == 0, "the fast answer was not given");
	ck_assert_msg(want_fast || rc == 1, "the fast answer was given where libgit2 must answer");
	ck_assert_int_eq(cairn_git_changes_libgit2(&slow, dir, &err), 0);
	b = joined(slow);
	if (rc == 0) {
		a = joined(fast);
		ck_assert_msg(!strcmp(a, b), "fast:\n%s\nlibgit2:\n%s", a, b);
		free(a);
	}
	cairn_strv_free(fast);
	cairn_strv_free(slow);
	{ /* and cairn_git_changes gives the same */
		char **v = NULL, *c;
		ck_assert_int_eq(cairn_git_changes(&v, dir, &err), 0);
		c = joined(v);
		ck_assert_str_eq(c, b);
		free(c);
		cairn_strv_free(v);
	}
	return b;
}

static void sh(const char *cmd)
{
	ck_assert_msg(unit_sh(NULL, "cd '%s' && %s", dir, cmd) == 0, "%s", cmd);
}

START_TEST(clean)
{
	char *c = changes(1);
	ck_assert_str_eq(c, "");
	free(c);
}
END_TEST

START_TEST(hand_edits_of_every_kind)
{
	char *c;

	sh("echo changed >> goals/a.yaml && rm ce/2026/x.yaml && echo n > goals/new.yaml && "
	   "mkdir -p notes/deep && echo d > notes/deep/n.txt && chmod +x goals/b.yaml && "
	   "mkdir empty");
	c = changes(1);
	ck_assert_str_eq(c, "D ce/2026/x.yaml\nM goals/a.yaml\nM goals/b.yaml\nA goals/new.yaml\n"
	                    "A notes/deep/n.txt\n");
	free(c);
}
END_TEST

START_TEST(same_size_same_second)
{
	char *c;

	/* the content changes, its size and mtime do not: the stat data cannot tell */
	sh("cp -p goals/a.yaml .git/ref && printf 'A\\n' > goals/a.yaml && "
	   "touch -r .git/ref goals/a.yaml");
	c = changes(1);
	ck_assert_str_eq(c, "M goals/a.yaml\n");
	free(c);
}
END_TEST

START_TEST(ignored_files_and_folders)
{
	char *c;

	sh("printf '*.log\\nbuild/\\n' > .gitignore && git add .gitignore && git commit -qm ig && "
	   "echo l > a.log && mkdir -p build/x && echo o > build/x/o && echo k > keep.txt");
	c = changes(1);
	ck_assert_str_eq(c, "A keep.txt\n");
	free(c);
	sh("echo 'keep.txt' > .git/info/exclude");
	c = changes(1);
	ck_assert_str_eq(c, "");
	free(c);
}
END_TEST

START_TEST(link_changed)
{
	char *c;

	sh("rm link && ln -s goals/b.yaml link");
	c = changes(1);
	ck_assert_str_eq(c, "M link\n");
	free(c);
}
END_TEST

START_TEST(left_to_libgit2)
{
	char *c;

	/* staged by hand: the tree cache is let go */
	sh("echo s > goals/s.yaml && git add goals/s.yaml");
	c = changes(0);
	ck_assert_str_eq(c, "A goals/s.yaml\n");
	free(c);
	sh("git commit -qm s");
	c = changes(1);
	free(c);
	/* a file become a folder */
	sh("rm goals/b.yaml && mkdir goals/b.yaml && echo f > goals/b.yaml/f");
	c = changes(0);
	free(c);
	sh("rm -r goals/b.yaml && git checkout -q -- goals/b.yaml");
	c = changes(1);
	ck_assert_str_eq(c, "");
	free(c);
	/* attributes that convert content */
	sh("echo '*.yaml text eol=crlf' > .gitattributes");
	c = changes(0);
	free(c);
	sh("rm .gitattributes && git config core.autocrlf true");
	c = changes(0);
	free(c);
	sh("git config core.autocrlf false && git config core.filemode false");
	c = changes(0);
	free(c);
	sh("git config core.filemode true && git config core.ignorecase true");
	c = changes(0);
	free(c);
	sh("git config core.ignorecase false && git config core.symlinks false");
	c = changes(0);
	free(c);
	sh("git config core.symlinks true");
	c = changes(1);
	free(c);
	sh("git config core.autocrlf false && git add -N .gitignore 2>/dev/null || "
	   "(echo i > i.txt && git add -N i.txt)");
	c = changes(0);
	free(c);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("gitstatus");
	TCase *tc = tcase_create("status");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, clean);
	tcase_add_test(tc, hand_edits_of_every_kind);
	tcase_add_test(tc, same_size_same_second);
	tcase_add_test(tc, ignored_files_and_folders);
	tcase_add_test(tc, link_changed);
	tcase_add_test(tc, left_to_libgit2);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(suite());
}
