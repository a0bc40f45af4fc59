/* cairn — unit tests: the data directory (lib/repo.c): opening what is and is not a cairn
 * repository, the listing of a folder's records, resolving an id prefix, paths inside and
 * outside the work tree, reading a file of the repository, and `cairn init` with remotes
 * and in places where it cannot create the repository. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* ---- helpers ---- */

static char *path_in(const char *dir, const char *rel)
{
	char *p = malloc(strlen(dir) + strlen(rel) + 2);

	ck_assert_ptr_nonnull(p);
	sprintf(p, "%s/%s", dir, rel);
	return p;
}

static void touch(const char *dir, const char *rel, const char *data)
{
	char *p = path_in(dir, rel);

	unit_write(p, data);
	free(p);
}

static void mkdir_in(const char *dir, const char *rel)
{
	char *p = path_in(dir, rel);

	ck_assert_int_eq(mkdir(p, 0700), 0);
	free(p);
}

static void ids_are(char **ids, size_t n, const char *const *want, size_t nwant)
{
	ck_assert_msg(n == nwant, "%zu ids, expected %zu", n, nwant);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(ids[i], want[i]);
	ck_assert_ptr_null(ids[n]);
}

/* ---- open ---- */

START_TEST(open_names_what_is_missing)
{
	char *home = unit_isolate(), *p;
	struct cairn_repo *repo = (struct cairn_repo *)1;
	cairn_err err = CAIRN_ERR_INIT;

	/* a regular file is not a repository */
	touch(home, "notes.txt", "x\n");
	p = path_in(home, "notes.txt");
	unit_assert_err(cairn_repo_open(&repo, p, &err), err, CAIRN_ENOTFOUND,
	                "no cairn repository at");
	unit_assert_has(err.hint, "cairn init");
	ck_assert_ptr_null(repo);
	free(p);

	/* a git repository without cairn.yaml */
	mkdir_in(home, "gitonly");
	mkdir_in(home, "gitonly/.git");
	p = path_in(home, "gitonly");
	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_open(&repo, p, &err), err, CAIRN_ENOTFOUND, "(no cairn.yaml)");
	unit_assert_has(err.hint, "cairn init");
	free(p);

	/* cairn.yaml without git */
	mkdir_in(home, "yamlonly");
	touch(home, "yamlonly/cairn.yaml", "format: 1\n");
	p = path_in(home, "yamlonly");
	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_open(&repo, p, &err), err, CAIRN_ENOTFOUND, "(no .git)");
	ck_assert_ptr_null(repo);
	free(p);

	unit_rmrf(home);
	free(home);
}
END_TEST

START_TEST(open_resolves_the_real_path)
{
	char *dir, *link, *parent;
	struct cairn_repo *repo = unit_repo(&dir), *again = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	parent = strdup(dir);
	*strrchr(parent, '/') = '\0';
	link = path_in(parent, "via-link");
	ck_assert_int_eq(symlink(dir, link), 0);
	ck_assert_int_eq(cairn_repo_open(&again, link, &err), 0);
	ck_assert_str_eq(again->dir, repo->dir);
	unit_assert_has(again->gitdir, "/data/.git");
	ck_assert_int_eq(again->snapshot, 0);
	cairn_repo_free(again);
	free(link);
	free(parent);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(open_refuses_a_folder_others_may_write)
{
	char *dir, *git, want[5000];
	struct cairn_repo *repo = unit_repo(&dir), *again = (struct cairn_repo *)1;
	cairn_err err = CAIRN_ERR_INIT;
	int created = -1;

	git = path_in(dir, ".git");
	ck_assert_int_eq(chmod(dir, 0770), 0);
	unit_assert_err(cairn_repo_open(&again, dir, &err), err, CAIRN_EPERM,
	                "the folder is writable by its group (mode 0770)");
	ck_assert_ptr_null(again);
	ck_assert_str_eq(err.file, repo->dir);
	snprintf(want, sizeof(want), "make it yours alone: chmod 700 '%s'", repo->dir);
	ck_assert_str_eq(err.hint, want);
	ck_assert_int_eq(cairn_exit_status(err.code), 77);

	ck_assert_int_eq(chmod(dir, 0702), 0);
	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_open(&again, dir, &err), err, CAIRN_EPERM,
	                "the folder is writable by every user (mode 0702)");

	/* the git folder too: its objects are the records' history */
	ck_assert_int_eq(chmod(dir, 0700), 0);
	ck_assert_int_eq(chmod(git, 0777), 0);
	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_open(&again, dir, &err), err, CAIRN_EPERM,
	                "the folder is writable by every user (mode 0777)");
	ck_assert_str_eq(err.file, repo->gitdir);
	/* init over it does not quietly accept it either */
	cairn_err_clear(&err);
	unit_assert_err(
	    cairn_repo_init(&again, &created, dir, "X", NULL, unit_date("2026-11-28"), &err), err,
	    CAIRN_EPERM, "writable by every user");
	ck_assert_ptr_null(again);
	ck_assert_int_eq(created, 0);

	/* readable by others is not refused */
	ck_assert_int_eq(chmod(git, 0755), 0);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	ck_assert_int_eq(cairn_repo_open(&again, dir, &err), 0);
	cairn_repo_free(again);
	free(git);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- file names and ids ---- */

START_TEST(file_names_id)
{
	ck_assert(cairn_repo_file_names_id("goals/lead-group.yaml", "lead-group"));
	ck_assert(!cairn_repo_file_names_id("goals/lead-group.yaml", "lead"));
	ck_assert(!cairn_repo_file_names_id("goals/lead.yaml", "lead-group"));
	ck_assert(cairn_repo_file_names_id("lead.yaml", "lead"));
	ck_assert(!cairn_repo_file_names_id("/abs/path/goals/a.yaml", "b"));
	/* not <name>.yaml (a hook's temporary copy, another suffix): not judged */
	ck_assert(cairn_repo_file_names_id("goals/.lead.yaml.cairn-tmp.Ab12", "other"));
	ck_assert(cairn_repo_file_names_id("goals/lead.yml", "other"));
	ck_assert(cairn_repo_file_names_id("/tmp/yaml", "other"));
}
END_TEST

START_TEST(record_path)
{
	char *p = cairn_repo_record_path("goals", "lead-group");

	ck_assert_str_eq(p, "goals/lead-group.yaml");
	free(p);
	p = cairn_repo_record_path("ce/2026", "2026-03-04-ethics");
	ck_assert_str_eq(p, "ce/2026/2026-03-04-ethics.yaml");
	free(p);
}
END_TEST

/* ---- listing and resolving ---- */

START_TEST(list_keeps_only_record_files_in_order)
{
	static const char *const want[] = {"a-first", "b2", "zeta"};
	char *dir, **ids;
	size_t n;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	mkdir_in(dir, "goals");
	touch(dir, "goals/zeta.yaml", "");
	touch(dir, "goals/a-first.yaml", "");
	touch(dir, "goals/b2.yaml", "");
	touch(dir, "goals/README.md", "");              /* not .yaml */
	touch(dir, "goals/Capital.yaml", "");           /* not an id */
	touch(dir, "goals/.yaml", "");                  /* no name */
	touch(dir, "goals/.x.yaml.cairn-tmp.AbCd", ""); /* a temporary file */
	touch(dir, "goals/with space.yaml", "");        /* not an id */
	touch(dir, "goals/-dash.yaml", "");             /* not an id */
	ck_assert_int_eq(cairn_repo_list(&ids, &n, repo, "goals", &err), 0);
	ids_are(ids, n, want, 3);
	cairn_strv_free(ids);

	/* a folder that does not exist has no records */
	ck_assert_int_eq(cairn_repo_list(&ids, &n, repo, "plans", &err), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_nonnull(ids);
	ck_assert_ptr_null(ids[0]);
	cairn_strv_free(ids);
	unit_repo_done(repo, dir);
}
END_TEST

/* BUG (lib/repo.c, cairn_repo_list): the ids are sorted by file name, not by id. "-" sorts
 * before ".", so "growth-2028.yaml" comes before "growth.yaml" and the listing gives
 * growth-2028, growth; repo.h promises "the sorted ids" and goal.h "in id order". `plan list`
 * and `rules list` show this order as it is, and the candidates of an ambiguous prefix
 * follow it. This test asserts the documented order and fails until the sort is by id. */
START_TEST(list_sorts_by_id_not_by_file_name)
{
	char *dir, **ids, got[256];
	size_t n;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	mkdir_in(dir, "plans");
	touch(dir, "plans/growth2.yaml", "");
	touch(dir, "plans/growth-2028.yaml", "");
	touch(dir, "plans/growth.yaml", "");
	ck_assert_int_eq(cairn_repo_list(&ids, &n, repo, "plans", &err), 0);
	ck_assert_uint_eq(n, 3);
	/* compared after freeing, so that the failure leaks nothing (CK_FORK=no, valgrind) */
	snprintf(got, sizeof(got), "%s %s %s", ids[0], ids[1], ids[2]);
	cairn_strv_free(ids);
	unit_repo_done(repo, dir);
	ck_assert_str_eq(got, "growth growth-2028 growth2");
}
END_TEST

START_TEST(list_of_a_file_is_an_io_error)
{
	char *dir, **ids = (char **)1;
	size_t n = 9;
	char buf[CAIRN_ID_MAX + 1] = "unchanged";
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	/* "goals" made a file by hand: cairn cannot tell which goals there are */
	touch(dir, "goals", "not a folder\n");
	unit_assert_err(cairn_repo_list(&ids, &n, repo, "goals", &err), err, CAIRN_EIO,
	                "cannot list");
	unit_assert_has(err.file, "/data/goals");
	ck_assert_ptr_null(ids);
	ck_assert_uint_eq(n, 0);

	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_resolve(buf, repo, "goals", "goal", "lead", &err), err,
	                CAIRN_EIO, "cannot list");
	ck_assert_str_eq(buf, "unchanged");
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(resolve_exact_prefix_ambiguous_unknown)
{
	char *dir, buf[CAIRN_ID_MAX + 1];
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	mkdir_in(dir, "plans");
	touch(dir, "plans/growth.yaml", "");
	touch(dir, "plans/growth-2028.yaml", "");
	touch(dir, "plans/licensure.yaml", "");

	ck_assert_int_eq(cairn_repo_resolve(buf, repo, "plans", "plan", "lic", &err), 0);
	ck_assert_str_eq(buf, "licensure");
	/* an exact id wins over the longer one it is a prefix of */
	ck_assert_int_eq(cairn_repo_resolve(buf, repo, "plans", "plan", "growth", &err), 0);
	ck_assert_str_eq(buf, "growth");
	unit_assert_err(cairn_repo_resolve(buf, repo, "plans", "plan", "gro", &err), err,
	                CAIRN_EUSAGE, "plan id 'gro' is ambiguous: 2 plans start with it");
	unit_assert_has(err.hint, "candidates: ");
	unit_assert_has(err.hint, "growth-2028");
	ck_assert_ptr_nonnull(strstr(err.hint, "growth, ") ? strstr(err.hint, "growth, ")
	                                                   : strstr(err.hint, ", growth"));
	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_resolve(buf, repo, "plans", "plan", "zz", &err), err,
	                CAIRN_ENOTFOUND, "zz");
	unit_assert_has(err.msg, "plan");
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- paths and reading ---- */

START_TEST(relative_only_inside_the_work_tree)
{
	char *dir, *rel, *p, *home;
	struct cairn_repo *repo = unit_repo(&dir);

	mkdir_in(dir, "goals");
	touch(dir, "goals/a.yaml", "");
	p = path_in(dir, "goals/a.yaml");
	rel = cairn_repo_relative(repo, p);
	ck_assert_str_eq(rel, "goals/a.yaml");
	free(rel);
	free(p);

	/* by a path with .. in it, still inside */
	p = path_in(dir, "goals/../cairn.yaml");
	rel = cairn_repo_relative(repo, p);
	ck_assert_str_eq(rel, "cairn.yaml");
	free(rel);
	free(p);

	/* the work tree itself, a missing file and a file beside it are not inside */
	ck_assert_ptr_null(cairn_repo_relative(repo, dir));
	p = path_in(dir, "goals/missing.yaml");
	ck_assert_ptr_null(cairn_repo_relative(repo, p));
	free(p);
	home = strdup(dir);
	*strrchr(home, '/') = '\0';
	touch(home, "data-other", "x");
	p = path_in(home, "data-other"); /* shares the prefix ".../data" */
	ck_assert_ptr_null(cairn_repo_relative(repo, p));
	free(p);
	free(home);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(read_names_the_file_of_the_repository)
{
	char *dir, *buf = (char *)1, *big;
	size_t len = 0;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_repo_read(&buf, &len, repo, "cairn.yaml", &err), 0);
	ck_assert_uint_eq(len, strlen(buf));
	unit_assert_has(buf, "format: 1\n");
	free(buf);

	unit_assert_err(cairn_repo_read(&buf, &len, repo, "goals/none.yaml", &err), err,
	                CAIRN_ENOTFOUND, "cannot read");
	ck_assert_str_eq(err.file, "goals/none.yaml");
	ck_assert_ptr_null(buf);

	/* over the YAML size limit: refused before it is parsed */
	big = malloc(CAIRN_YAML_MAX_BYTES + 2);
	ck_assert_ptr_nonnull(big);
	memset(big, '#', CAIRN_YAML_MAX_BYTES + 1);
	big[CAIRN_YAML_MAX_BYTES + 1] = '\0';
	mkdir_in(dir, "goals");
	touch(dir, "goals/big.yaml", big);
	free(big);
	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_read(&buf, &len, repo, "goals/big.yaml", &err), err, CAIRN_EDATA,
	                "file too large");
	ck_assert_str_eq(err.file, "goals/big.yaml");
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- init ---- */

static char *git_out(const char *dir, const char *args)
{
	return unit_sh_out("git -C '%s' %s 2>&1", dir, args);
}

START_TEST(init_remotes_without_a_password_are_kept)
{
	static const char *const ok[] = {
	    "https://example.org/me/career@v2.git", /* an @ in the path, not a user */
	    "https://me@example.org/career.git",    /* a user without a password */
	    "git@example.org:me/career.git",        /* scp-like ssh */
	    "/srv/git/career.git",                  /* a path */
	};
	char *home = unit_isolate(), dir[4200], *url;
	cairn_err err = CAIRN_ERR_INIT;

	setenv("GIT_AUTHOR_NAME", "Unit Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "unit@example.org", 1);
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct cairn_repo *repo = NULL;
		int created = 0;
		snprintf(dir, sizeof(dir), "%s/r%zu", home, i);
		ck_assert_msg(cairn_repo_init(&repo, &created, dir, "Dana", ok[i],
		                              unit_date("2026-11-28"), &err) == 0,
		              "%s: %s", ok[i], err.msg);
		ck_assert_int_eq(created, 1);
		url = git_out(dir, "remote get-url origin");
		ck_assert_str_eq(url, ok[i]);
		free(url);
		cairn_repo_free(repo);
	}
	/* the name is in the first commit */
	url = git_out(dir, "log -1 --format=%s%n%b");
	ck_assert_str_eq(url, "init: Dana\nCreate the career repository of Dana.");
	free(url);
	unit_rmrf(home);
	free(home);
}
END_TEST

START_TEST(init_where_no_folder_can_be_made)
{
	char *home = unit_isolate(), dir[4200];
	struct cairn_repo *repo = (struct cairn_repo *)1;
	cairn_err err = CAIRN_ERR_INIT;
	int created = -1;

	/* the parent is a regular file */
	touch(home, "file", "x\n");
	snprintf(dir, sizeof(dir), "%s/file/data", home);
	ck_assert_int_eq(
	    cairn_repo_init(&repo, &created, dir, "Dana", NULL, unit_date("2026-11-28"), &err),
	    CAIRN_EIO);
	ck_assert_int_eq(err.code, CAIRN_EIO);
	ck_assert_ptr_null(repo);
	ck_assert_int_eq(created, 0);
	ck_assert_int_eq(cairn_exit_status(err.code), 74);
	unit_rmrf(home);
	free(home);
}
END_TEST

START_TEST(init_over_a_broken_git_folder)
{
	char *home = unit_isolate(), dir[4200];
	struct cairn_repo *repo = (struct cairn_repo *)1;
	cairn_err err = CAIRN_ERR_INIT;
	int created = -1;

	/* .git is there but its config is a folder: git cannot use it */
	snprintf(dir, sizeof(dir), "%s/data", home);
	ck_assert_int_eq(unit_sh(NULL, "mkdir -p '%s/.git/config'", dir), 0);
	ck_assert_int_eq(
	    cairn_repo_init(&repo, &created, dir, "Dana", NULL, unit_date("2026-11-28"), &err),
	    CAIRN_EIO);
	unit_assert_has(err.msg, "create the git repository");
	ck_assert_ptr_null(repo);
	ck_assert_int_eq(created, 0);
	ck_assert_ptr_null(unit_read_rel(dir, "cairn.yaml"));
	unit_rmrf(home);
	free(home);
}
END_TEST

START_TEST(init_in_a_git_repository_without_cairn_yaml)
{
	char *home = unit_isolate(), dir[4200], *out;
	struct cairn_repo *repo = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int created = 0;

	setenv("GIT_AUTHOR_NAME", "Unit Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "unit@example.org", 1);
	snprintf(dir, sizeof(dir), "%s/mine", home);
	ck_assert_int_eq(unit_sh(NULL, "git init -q -b main '%s'", dir), 0);
	ck_assert_msg(
	    cairn_repo_init(&repo, &created, dir, NULL, NULL, unit_date("2026-11-28"), &err) == 0,
	    "%s", err.msg);
	ck_assert_int_eq(created, 1);
	out = git_out(dir, "log --format=%s");
	ck_assert_str_eq(out, "init: cairn");
	free(out);
	out = git_out(dir, "ls-files");
	ck_assert_str_eq(out, "cairn.yaml");
	free(out);
	cairn_repo_free(repo);
	unit_rmrf(home);
	free(home);
}
END_TEST

static Suite *repo_suite(void)
{
	Suite *s = suite_create("repo");
	TCase *c;

	c = tcase_create("names");
	tcase_add_test(c, file_names_id);
	tcase_add_test(c, record_path);
	suite_add_tcase(s, c);

	c = tcase_create("repository");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, open_names_what_is_missing);
	tcase_add_test(c, open_resolves_the_real_path);
	tcase_add_test(c, open_refuses_a_folder_others_may_write);
	tcase_add_test(c, list_keeps_only_record_files_in_order);
	tcase_add_test(c, list_sorts_by_id_not_by_file_name);
	tcase_add_test(c, list_of_a_file_is_an_io_error);
	tcase_add_test(c, resolve_exact_prefix_ambiguous_unknown);
	tcase_add_test(c, relative_only_inside_the_work_tree);
	tcase_add_test(c, read_names_the_file_of_the_repository);
	tcase_add_test(c, init_remotes_without_a_password_are_kept);
	tcase_add_test(c, init_where_no_folder_can_be_made);
	tcase_add_test(c, init_over_a_broken_git_folder);
	tcase_add_test(c, init_in_a_git_repository_without_cairn_yaml);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(repo_suite());
}
