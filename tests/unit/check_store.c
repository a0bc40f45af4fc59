/* cairn — unit tests: the repository and the write road (lock, write, stage, one commit, roll
 * back), author identity, and the goal operations on a real git repository */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"

#define TIMEOUT 5.0

/* ---- helpers ---- */

/* The output of `git -C dir ARGS`, trailing newlines removed; caller frees. */
static char *git(const char *dir, const char *args)
{
	return unit_sh_out("git -C '%s' %s 2>&1", dir, args);
}

/* Asserts that `git -C dir ARGS` prints want (trailing newlines removed). */
static void git_is(const char *dir, const char *args, const char *want)
{
	char *out = git(dir, args);

	ck_assert_msg(!strcmp(out, want), "git %s:\n%s\nexpected:\n%s", args, out, want);
	free(out);
}

static int commits(const char *dir)
{
	char *out = git(dir, "rev-list --count HEAD");
	int n = atoi(out);

	free(out);
	return n;
}

static char *head(const char *dir)
{
	return git(dir, "rev-parse HEAD");
}

static int mode_of(const char *dir, const char *rel)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s%s%s", dir, rel[0] ? "/" : "", rel);
	ck_assert_msg(stat(path, &st) == 0, "%s: %s", path, strerror(errno));
	return (int)(st.st_mode & 07777);
}

static int exists_rel(const char *dir, const char *rel)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return lstat(path, &st) == 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Puts files (rel, data pairs, NULL-terminated) in one transaction and commits. */
static int put_files(struct cairn_repo *repo, const char *message, int *changed, cairn_err *err,
                     ...) __attribute__((sentinel));

static int put_files(struct cairn_repo *repo, const char *message, int *changed, cairn_err *err,
                     ...)
{
	struct cairn_txn *txn = NULL;
	va_list ap;
	const char *rel;
	int rc;

	if ((rc = cairn_txn_begin(&txn, repo, TIMEOUT, err)))
		return rc;
	va_start(ap, err);
	while ((rel = va_arg(ap, const char *)) != NULL) {
		const char *data = va_arg(ap, const char *);
		rc = data ? cairn_txn_put(txn, rel, data, strlen(data), err)
		          : cairn_txn_remove(txn, rel, err);
		if (rc)
			break;
	}
	va_end(ap);
	if (!rc)
		rc = cairn_txn_commit(txn, message, changed, err);
	cairn_txn_free(txn);
	return rc;
}

static struct cairn_goal *new_goal(const char *id, const char *title)
{
	struct cairn_goal *g = cairn_goal_new();

	g->id = id ? strdup(id) : NULL;
	g->title = strdup(title);
	g->status = CAIRN_STATUS_ACTIVE;
	g->start = unit_date("2027-01-01");
	g->due = unit_date("2027-06-30");
	return g;
}

/* Adds a goal and returns its id (caller frees). */
static char *add_goal(struct cairn_repo *repo, const char *id, const char *title,
                      const char *serves)
{
	struct cairn_goal *g = new_goal(id, title);
	cairn_err err = CAIRN_ERR_INIT;
	char *out;

	if (serves)
		ck_assert_int_eq(cairn_strlist_add(&g->serves, serves), 0);
	ck_assert_msg(cairn_goal_add(repo, g, TIMEOUT, &err) == 0, "goal add: %s", err.msg);
	out = strdup(g->id);
	cairn_goal_free(g);
	return out;
}

/* ---- init ---- */

static void check_init_modes(mode_t mask)
{
	char *home = unit_isolate(), dir[4200], *out;
	struct cairn_repo *repo = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int created = -1;
	mode_t old = umask(mask);

	setenv("GIT_AUTHOR_NAME", "Unit Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "unit@example.org", 1);
	snprintf(dir, sizeof(dir), "%s/deep/data", home);
	ck_assert_msg(cairn_repo_init(&repo, &created, dir, "Dana Rivera", NULL,
	                              unit_date("2026-11-28"), &err) == 0,
	              "%s", err.msg);
	umask(old);
	ck_assert_int_eq(created, 1);
	ck_assert_ptr_nonnull(repo);
	ck_assert_str_eq(repo->dir, dir);
	ck_assert_int_eq(repo->dir[0], '/');
	ck_assert_int_eq(mode_of(dir, ""), 0700);
	ck_assert_int_eq(mode_of(dir, ".git"), 0700);
	ck_assert_int_eq(mode_of(dir, "cairn.yaml"), 0600);
	/* the profile and one commit holding exactly it */
	ck_assert_int_eq(commits(dir), 1);
	git_is(dir, "log -1 --format=%s", "init: Dana Rivera");
	git_is(dir, "show --name-only --format= HEAD", "cairn.yaml");
	git_is(dir, "symbolic-ref HEAD", "refs/heads/main");
	git_is(dir, "status --porcelain", "");
	out = unit_read_rel(dir, "cairn.yaml");
	ck_assert_ptr_nonnull(out);
	unit_assert_has(out, "format: 1\n");
	unit_assert_has(out, "name: Dana Rivera\n");
	free(out);
	{
		struct cairn_profile *p = NULL;
		ck_assert_int_eq(cairn_repo_profile(&p, repo, &err), 0);
		ck_assert_str_eq(p->name, "Dana Rivera");
		ck_assert(p->format.v == 1);
		cairn_profile_free(p);
	}
	cairn_repo_free(repo);
	unit_rmrf(home);
	free(home);
}

START_TEST(init_modes_and_one_commit)
{
	check_init_modes(022);
}
END_TEST

START_TEST(init_modes_whatever_the_umask)
{
	check_init_modes(0);
	check_init_modes(077);
}
END_TEST

START_TEST(init_existing_empty_folder)
{
	char *home = unit_isolate(), dir[4200];
	struct cairn_repo *repo = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int created = -1;

	setenv("GIT_AUTHOR_NAME", "Unit Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "unit@example.org", 1);
	snprintf(dir, sizeof(dir), "%s/empty", home);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	ck_assert_msg(
	    cairn_repo_init(&repo, &created, dir, NULL, NULL, unit_date("2026-11-28"), &err) == 0,
	    "%s", err.msg);
	ck_assert_int_eq(created, 1);
	ck_assert_int_eq(mode_of(dir, ""), 0700);
	ck_assert_int_eq(mode_of(dir, "cairn.yaml"), 0600);
	ck_assert_int_eq(commits(dir), 1);
	git_is(dir, "log -1 --format=%s", "init: cairn");
	cairn_repo_free(repo);
	unit_rmrf(home);
	free(home);
}
END_TEST

START_TEST(init_again_changes_nothing)
{
	char *dir, *before, *after, *h1, *h2;
	struct cairn_repo *repo = unit_repo(&dir), *again = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int created = -1;

	before = unit_read_rel(dir, "cairn.yaml");
	h1 = head(dir);
	ck_assert_int_eq(cairn_repo_init(&again, &created, dir, "Someone Else", NULL,
	                                 unit_date("2027-01-01"), &err),
	                 0);
	ck_assert_int_eq(created, 0);
	ck_assert_ptr_nonnull(again);
	ck_assert_str_eq(again->dir, repo->dir);
	after = unit_read_rel(dir, "cairn.yaml");
	h2 = head(dir);
	ck_assert_str_eq(after, before);
	ck_assert_str_eq(h2, h1);
	ck_assert_int_eq(commits(dir), 1);
	git_is(dir, "status --porcelain", "");
	free(before);
	free(after);
	free(h1);
	free(h2);
	cairn_repo_free(again);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(init_refusals)
{
	char *home = unit_isolate(), dir[4200];
	struct cairn_repo *repo = (struct cairn_repo *)1;
	cairn_err err = CAIRN_ERR_INIT;
	int created = -1;

	/* a folder with files that is not a git repository */
	snprintf(dir, sizeof(dir), "%s/full", home);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(dir, sizeof(dir), "%s/full/notes.txt", home);
	unit_write(dir, "mine\n");
	snprintf(dir, sizeof(dir), "%s/full", home);
	unit_assert_err(
	    cairn_repo_init(&repo, &created, dir, "X", NULL, unit_date("2027-01-01"), &err), err,
	    CAIRN_EUSAGE, "is not empty and not a git repository");
	ck_assert_ptr_null(repo);
	ck_assert_int_eq(created, 0);
	ck_assert(!exists_rel(dir, ".git"));
	/* a remote with a password */
	snprintf(dir, sizeof(dir), "%s/new", home);
	unit_assert_err(cairn_repo_init(&repo, &created, dir, "X",
	                                "https://user:secret@example.org/r.git",
	                                unit_date("2027-01-01"), &err),
	                err, CAIRN_EUSAGE, "password");
	ck_assert(!exists_rel(home, "new"));
	/* opening what is not a repository */
	unit_assert_err(cairn_repo_open(&repo, home, &err), err, CAIRN_ENOTFOUND,
	                "is not a cairn repository");
	unit_assert_has(err.hint, "cairn init");
	snprintf(dir, sizeof(dir), "%s/missing", home);
	unit_assert_err(cairn_repo_open(&repo, dir, &err), err, CAIRN_ENOTFOUND,
	                "no cairn repository at");
	unit_rmrf(home);
	free(home);
}
END_TEST

/* ---- transactions ---- */

START_TEST(txn_two_files_one_commit)
{
	char *dir, *h1, *parent, *body;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	int changed = -1;

	h1 = head(dir);
	ck_assert_msg(put_files(repo, "test: two\n\nfirst line of the body\n", &changed, &err,
	                        "goals/a.yaml", "id: a\n", "plans/b.yaml", "id: b\n", NULL) == 0,
	              "%s", err.msg);
	ck_assert_int_eq(changed, 1);
	ck_assert_int_eq(commits(dir), 2);
	git_is(dir, "show --name-only --format= HEAD", "goals/a.yaml\nplans/b.yaml");
	git_is(dir, "log -1 --format=%s", "test: two");
	body = git(dir, "log -1 --format=%B");
	ck_assert_str_eq(body, "test: two\n\nfirst line of the body");
	free(body);
	parent = git(dir, "rev-parse HEAD~1");
	ck_assert_str_eq(parent, h1);
	git_is(dir, "status --porcelain", "");
	git_is(dir, "show HEAD:goals/a.yaml", "id: a");
	ck_assert_int_eq(mode_of(dir, "goals/a.yaml"), 0600);
	ck_assert_int_eq(mode_of(dir, "goals"), 0700);
	ck_assert_int_eq(mode_of(dir, "plans"), 0700);
	ck_assert_int_eq(mode_of(dir, ".git/cairn.lock"), 0600);
	/* the author is the identity of the environment */
	git_is(dir, "log -1 --format='%an <%ae>'", "Unit Test <unit@example.org>");
	free(h1);
	free(parent);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_commits_only_its_files)
{
	char *dir, *out;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	char path[4200];

	/* hand edits the user made are left alone, and not committed */
	snprintf(path, sizeof(path), "%s/scratch.txt", dir);
	unit_write(path, "untracked\n");
	snprintf(path, sizeof(path), "%s/cairn.yaml", dir);
	out = unit_read(path);
	{
		char *edited = malloc(strlen(out) + 32);
		sprintf(edited, "%sextra_key: by hand\n", out);
		unit_write(path, edited);
		free(edited);
	}
	free(out);
	ck_assert_int_eq(put_files(repo, "test: one", NULL, &err, "goals/a.yaml", "id: a\n", NULL),
	                 0);
	git_is(dir, "show --name-only --format= HEAD", "goals/a.yaml");
	git_is(dir, "status --porcelain", " M cairn.yaml\n?? scratch.txt");
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_identical_content_no_commit)
{
	char *dir, *h1, *h2;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	int changed = -1;

	ck_assert_int_eq(
	    put_files(repo, "test: a", &changed, &err, "goals/a.yaml", "id: a\n", NULL), 0);
	ck_assert_int_eq(changed, 1);
	h1 = head(dir);
	changed = -1;
	ck_assert_int_eq(
	    put_files(repo, "test: again", &changed, &err, "goals/a.yaml", "id: a\n", NULL), 0);
	ck_assert_int_eq(changed, 0);
	h2 = head(dir);
	ck_assert_str_eq(h2, h1);
	ck_assert_int_eq(commits(dir), 2);
	git_is(dir, "status --porcelain", "");
	/* the last put of a path wins */
	changed = -1;
	ck_assert_int_eq(put_files(repo, "test: twice", &changed, &err, "goals/a.yaml", "id: x\n",
	                           "goals/a.yaml", "id: a\n", NULL),
	                 0);
	ck_assert_int_eq(changed, 0);
	ck_assert_int_eq(commits(dir), 2);
	/* removing what does not exist changes nothing either */
	changed = -1;
	ck_assert_int_eq(put_files(repo, "test: rm", &changed, &err, "goals/none.yaml", NULL, NULL),
	                 0);
	ck_assert_int_eq(changed, 0);
	ck_assert_int_eq(commits(dir), 2);
	free(h1);
	free(h2);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_remove_commits_removal)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	int changed = -1;

	ck_assert_int_eq(put_files(repo, "test: add", NULL, &err, "goals/a.yaml", "id: a\n",
	                           "goals/b.yaml", "id: b\n", NULL),
	                 0);
	ck_assert_int_eq(put_files(repo, "test: rm a", &changed, &err, "goals/a.yaml", NULL, NULL),
	                 0);
	ck_assert_int_eq(changed, 1);
	ck_assert(!exists_rel(dir, "goals/a.yaml"));
	ck_assert(exists_rel(dir, "goals/b.yaml"));
	git_is(dir, "show --name-status --format= HEAD", "D\tgoals/a.yaml");
	git_is(dir, "log -1 --format=%s", "test: rm a");
	git_is(dir, "ls-tree -r --name-only HEAD", "cairn.yaml\ngoals/b.yaml");
	git_is(dir, "status --porcelain", "");
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_refuses_paths_outside)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_txn *txn = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	static const char *const bad[] = {"../x",          "/etc/passwd", ".git/config", "",
	                                  "goals/../../x", ".git",        NULL};

	ck_assert_int_eq(cairn_txn_begin(&txn, repo, TIMEOUT, &err), 0);
	for (int i = 0; bad[i]; i++) {
		unit_assert_err(cairn_txn_put(txn, bad[i], "x", 1, &err), err, CAIRN_EUSAGE,
		                "refusing to write outside the records");
		unit_assert_err(cairn_txn_remove(txn, bad[i], &err), err, CAIRN_EUSAGE,
		                "refusing to write outside the records");
	}
	cairn_txn_free(txn);
	cairn_txn_free(NULL);
	ck_assert_int_eq(commits(dir), 1);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_not_committed_writes_nothing)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_txn *txn = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_txn_begin(&txn, repo, TIMEOUT, &err), 0);
	ck_assert_int_eq(cairn_txn_put(txn, "goals/a.yaml", "id: a\n", 6, &err), 0);
	cairn_txn_free(txn);
	ck_assert(!exists_rel(dir, "goals/a.yaml"));
	ck_assert_int_eq(commits(dir), 1);
	/* and the lock is free again */
	ck_assert_int_eq(cairn_txn_begin(&txn, repo, 0, &err), 0);
	cairn_txn_free(txn);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_rollback_when_index_locked)
{
	char *dir, *h1, *h2, *a, *list;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	char lock[4200];
	int changed = -1, rc;

	ck_assert_int_eq(put_files(repo, "test: old", NULL, &err, "goals/a.yaml", "old\n", NULL),
	                 0);
	h1 = head(dir);
	snprintf(lock, sizeof(lock), "%s/.git/index.lock", dir);
	unit_write(lock, "");

	rc = put_files(repo, "test: new", &changed, &err, "goals/a.yaml", "new\n", "goals/c.yaml",
	               "c\n", NULL);
	ck_assert_msg(rc == CAIRN_ELOCKED || rc == CAIRN_EIO, "commit with a locked index: %d %s",
	              rc, err.msg);
	ck_assert_int_eq(err.code, rc);
	unit_assert_has(err.msg, "index is locked (.git/index.lock)");
	ck_assert_int_eq(changed, 0);
	/* the previous files are back, the new one is gone, HEAD is untouched */
	a = unit_read_rel(dir, "goals/a.yaml");
	ck_assert_str_eq(a, "old\n");
	ck_assert(!exists_rel(dir, "goals/c.yaml"));
	h2 = head(dir);
	ck_assert_str_eq(h2, h1);
	ck_assert_int_eq(commits(dir), 2);
	/* no temporary files left behind */
	list = unit_sh_out("ls -A '%s/goals'", dir);
	ck_assert_str_eq(list, "a.yaml");
	free(list);
	/* the user's index.lock is left alone */
	ck_assert(exists_rel(dir, ".git/index.lock"));
	ck_assert_int_eq(unlink(lock), 0);
	git_is(dir, "status --porcelain", "");
	/* and the next commit works */
	ck_assert_int_eq(put_files(repo, "test: new", &changed, &err, "goals/a.yaml", "new\n",
	                           "goals/c.yaml", "c\n", NULL),
	                 0);
	ck_assert_int_eq(changed, 1);
	git_is(dir, "show --name-only --format= HEAD", "goals/a.yaml\ngoals/c.yaml");
	git_is(dir, "status --porcelain", "");
	free(a);
	free(h1);
	free(h2);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_retries_while_git_holds_the_index)
{
	char *dir, *h1, *parent;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	char lock[4200];
	int changed = -1, status;
	pid_t pid;

	h1 = head(dir);
	/* someone runs git by hand at the same moment: index.lock for 150 ms */
	snprintf(lock, sizeof(lock), "%s/.git/index.lock", dir);
	unit_write(lock, "");
	fflush(NULL);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		struct timespec ts = {0, 150 * 1000 * 1000};
		nanosleep(&ts, NULL);
		unlink(lock);
		_exit(0);
	}
	ck_assert_msg(
	    put_files(repo, "test: retried", &changed, &err, "goals/a.yaml", "a\n", NULL) == 0,
	    "%s", err.msg);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(changed, 1);
	ck_assert_int_eq(commits(dir), 2);
	parent = git(dir, "rev-parse HEAD~1");
	ck_assert_str_eq(parent, h1);
	git_is(dir, "show --name-only --format= HEAD", "goals/a.yaml");
	git_is(dir, "status --porcelain", "");
	free(h1);
	free(parent);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(txn_rollback_when_ref_locked)
{
	char *dir, *h1, *h2, *a;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	char lock[4200];
	int changed = -1, rc;

	ck_assert_int_eq(put_files(repo, "test: old", NULL, &err, "goals/a.yaml", "old\n", NULL),
	                 0);
	h1 = head(dir);
	/* the branch is locked: the commit cannot move it */
	snprintf(lock, sizeof(lock), "%s/.git/refs/heads/main.lock", dir);
	unit_write(lock, "");
	rc = put_files(repo, "test: new", &changed, &err, "goals/a.yaml", "new\n", "goals/c.yaml",
	               "c\n", NULL);
	ck_assert_msg(rc == CAIRN_ELOCKED || rc == CAIRN_EIO, "commit with a locked ref: %d %s", rc,
	              err.msg);
	unit_assert_has(err.msg, "git: cannot");
	ck_assert_int_eq(changed, 0);
	a = unit_read_rel(dir, "goals/a.yaml");
	ck_assert_str_eq(a, "old\n");
	ck_assert(!exists_rel(dir, "goals/c.yaml"));
	ck_assert_int_eq(unlink(lock), 0);
	h2 = head(dir);
	ck_assert_str_eq(h2, h1);
	/* the index was put back too: the work tree equals HEAD */
	git_is(dir, "status --porcelain", "");
	git_is(dir, "diff --cached --name-only HEAD", "");
	free(a);
	free(h1);
	free(h2);
	unit_repo_done(repo, dir);
}
END_TEST

/* Forks a child that holds the writer lock for hold seconds; returns when it holds it. */
static pid_t hold_lock(struct cairn_repo *repo, double hold)
{
	int p[2];
	pid_t pid;
	char c = 0;

	ck_assert_int_eq(pipe(p), 0);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		struct cairn_txn *txn = NULL;
		cairn_err e = CAIRN_ERR_INIT;
		struct timespec ts = {(time_t)hold, (long)((hold - (double)(time_t)hold) * 1e9)};

		close(p[0]);
		if (cairn_txn_begin(&txn, repo, TIMEOUT, &e) == 0 && write(p[1], "L", 1) == 1)
			nanosleep(&ts, NULL);
		_exit(0);
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	ck_assert_int_eq(c, 'L');
	close(p[0]);
	return pid;
}

START_TEST(lock_timeout)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_txn *txn = (struct cairn_txn *)1;
	cairn_err err = CAIRN_ERR_INIT;
	pid_t pid = hold_lock(repo, 2.0);
	double t0 = now_s(), took;
	int rc = cairn_txn_begin(&txn, repo, 0.3, &err), status;

	took = now_s() - t0;
	unit_assert_err(rc, err, CAIRN_ELOCKED, "another cairn command is writing");
	unit_assert_has(err.msg, "0.3s");
	unit_assert_has(err.file, ".git/cairn.lock");
	unit_assert_has(err.hint, "CAIRN_LOCK_TIMEOUT");
	ck_assert_ptr_null(txn);
	ck_assert_msg(took >= 0.29 && took < 1.5, "waited %.3f s for a 0.3 s timeout", took);
	ck_assert_int_eq(cairn_exit_status(rc), 75);
	/* the kernel releases the lock when its holder dies */
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(cairn_txn_begin(&txn, repo, 1.0, &err), 0);
	cairn_txn_free(txn);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(lock_waits_for_release)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_txn *txn = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	pid_t pid = hold_lock(repo, 0.4);
	double t0 = now_s(), took;
	int status;

	ck_assert_msg(cairn_txn_begin(&txn, repo, 5.0, &err) == 0, "%s", err.msg);
	took = now_s() - t0;
	ck_assert_msg(took >= 0.2 && took < 4.0, "took %.3f s", took);
	cairn_txn_free(txn);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- author identity ---- */

static void identity_is(struct cairn_repo *repo, const char *name, const char *email)
{
	char *n = NULL, *e = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_identity(&n, &e, repo, &err), 0);
	ck_assert_msg(!strcmp(n, name) && !strcmp(e, email), "identity %s <%s>, expected %s <%s>",
	              n, e, name, email);
	free(n);
	free(e);
}

START_TEST(identity_rules)
{
	char *dir, gc[4200];
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	const char *home = getenv("HOME");

	/* HOME is an empty temporary folder: no global config */
	ck_assert_ptr_nonnull(home);
	ck_assert_ptr_nonnull(strstr(home, "cairn-unit-"));
	snprintf(gc, sizeof(gc), "%s/.gitconfig", home);
	ck_assert(!exists_rel(home, ".gitconfig"));

	/* 1. the environment */
	setenv("GIT_AUTHOR_NAME", "Env Name", 1);
	setenv("GIT_AUTHOR_EMAIL", "env@example.org", 1);
	unit_sh(NULL, "git -C '%s' config user.name 'Repo Name'", dir);
	unit_sh(NULL, "git -C '%s' config user.email repo@example.org", dir);
	identity_is(repo, "Env Name", "env@example.org");
	/* 2. the repository's git config */
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	identity_is(repo, "Repo Name", "repo@example.org");
	/* each half on its own */
	setenv("GIT_AUTHOR_NAME", "Env Name", 1);
	identity_is(repo, "Env Name", "repo@example.org");
	unsetenv("GIT_AUTHOR_NAME");
	setenv("GIT_AUTHOR_EMAIL", "env@example.org", 1);
	identity_is(repo, "Repo Name", "env@example.org");
	/* set but empty is not set */
	setenv("GIT_AUTHOR_NAME", "", 1);
	setenv("GIT_AUTHOR_EMAIL", "", 1);
	identity_is(repo, "Repo Name", "repo@example.org");
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	/* 3. the user's global config when the repository has none */
	unit_sh(NULL, "git -C '%s' config --unset user.name", dir);
	unit_sh(NULL, "git -C '%s' config --unset user.email", dir);
	unit_write(gc, "[user]\n\tname = Global Name\n\temail = global@example.org\n");
	identity_is(repo, "Global Name", "global@example.org");
	unit_sh(NULL, "git -C '%s' config user.name 'Repo Name'", dir);
	identity_is(repo, "Repo Name", "global@example.org");
	unit_sh(NULL, "git -C '%s' config --unset user.name", dir);
	ck_assert_int_eq(unlink(gc), 0);
	/* 4. the profile's name with cairn@localhost */
	identity_is(repo, "Unit Test", "cairn@localhost");
	/* 5. "cairn" <cairn@localhost> when the profile has no name */
	ck_assert_int_eq(
	    put_files(repo, "test: no name", NULL, &err, "cairn.yaml", "format: 1\n", NULL), 0);
	identity_is(repo, "cairn", "cairn@localhost");
	/* never fail for lack of identity: commits are made with that identity */
	ck_assert_int_eq(put_files(repo, "test: x", NULL, &err, "goals/x.yaml", "x\n", NULL), 0);
	git_is(dir, "log -1 --format='%an <%ae>'", "cairn <cairn@localhost>");
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(identity_committer)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	setenv("GIT_COMMITTER_NAME", "Committer", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.org", 1);
	ck_assert_int_eq(put_files(repo, "test: x", NULL, &err, "goals/x.yaml", "x\n", NULL), 0);
	git_is(dir, "log -1 --format='%an <%ae> / %cn <%ce>'",
	       "Unit Test <unit@example.org> / Committer <committer@example.org>");
	unsetenv("GIT_COMMITTER_NAME");
	unsetenv("GIT_COMMITTER_EMAIL");
	ck_assert_int_eq(put_files(repo, "test: y", NULL, &err, "goals/y.yaml", "y\n", NULL), 0);
	git_is(dir, "log -1 --format='%an <%ae> / %cn <%ce>'",
	       "Unit Test <unit@example.org> / Unit Test <unit@example.org>");
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- goals on the write road ---- */

START_TEST(goal_add_one_commit)
{
	char *dir, *id, *content, *canonical = NULL;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_goal *g = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	id = add_goal(repo, NULL, "Become certified in DBT", NULL);
	ck_assert_str_eq(id, "become-certified-in-dbt");
	ck_assert_int_eq(commits(dir), 2);
	git_is(dir, "log -1 --format=%B",
	       "goal add: become-certified-in-dbt\n\nadded: Become "
	       "certified in DBT");
	git_is(dir, "show --name-only --format= HEAD", "goals/become-certified-in-dbt.yaml");
	git_is(dir, "status --porcelain", "");
	ck_assert_int_eq(mode_of(dir, "goals"), 0700);
	ck_assert_int_eq(mode_of(dir, "goals/become-certified-in-dbt.yaml"), 0600);
	/* the file is the canonical form, and loads back */
	ck_assert_int_eq(cairn_goal_load(&g, repo, id, &err), 0);
	ck_assert_str_eq(g->title, "Become certified in DBT");
	ck_assert_int_eq(g->due, unit_date("2027-06-30"));
	ck_assert_int_eq(cairn_record_write(&canonical, NULL, &cairn_goal_kind, g, &err), 0);
	content = unit_read_rel(dir, "goals/become-certified-in-dbt.yaml");
	ck_assert_str_eq(content, canonical);
	free(content);
	free(canonical);
	cairn_goal_free(g);
	free(id);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(goal_add_taken_slug)
{
	char *dir, *a, *b, *c, *prefix;
	struct cairn_repo *repo = unit_repo(&dir);
	char buf[CAIRN_ID_MAX + 1];
	cairn_err err = CAIRN_ERR_INIT;

	a = add_goal(repo, NULL, "Ethics refresher", NULL);
	b = add_goal(repo, NULL, "Ethics refresher", NULL);
	c = add_goal(repo, NULL, "ETHICS -- refresher!", NULL);
	ck_assert_str_eq(a, "ethics-refresher");
	ck_assert_str_eq(b, "ethics-refresher-2");
	ck_assert_str_eq(c, "ethics-refresher-3");
	ck_assert_int_eq(commits(dir), 4);
	git_is(dir, "log -1 --format=%s", "goal add: ethics-refresher-3");
	git_is(dir, "show --name-only --format= HEAD", "goals/ethics-refresher-3.yaml");
	/* prefixes resolve against the goals of the repository */
	ck_assert_int_eq(cairn_goal_resolve(buf, repo, "ethics-refresher", &err), 0);
	ck_assert_str_eq(buf, "ethics-refresher");
	ck_assert_int_eq(cairn_goal_resolve(buf, repo, "ethics-refresher-3", &err), 0);
	ck_assert_str_eq(buf, "ethics-refresher-3");
	unit_assert_err(cairn_goal_resolve(buf, repo, "ethics-refresher-", &err), err, CAIRN_EUSAGE,
	                "ambiguous");
	ck_assert_str_eq(err.hint, "candidates: ethics-refresher-2, ethics-refresher-3");
	unit_assert_err(cairn_goal_resolve(buf, repo, "zz", &err), err, CAIRN_ENOTFOUND,
	                "no goal 'zz'");
	/* a long title: the slug and its suffix fit in 64 characters */
	{
		const char *title = "Complete the advanced certificate in trauma-focused cognitive "
		                    "behavioral therapy for adolescents";
		char *l1 = add_goal(repo, NULL, title, NULL),
		     *l2 = add_goal(repo, NULL, title, NULL);
		ck_assert_str_eq(l1,
		                 "complete-the-advanced-certificate-in-trauma-focused-cognitive");
		ck_assert_int_le(strlen(l2), 64);
		ck_assert_str_eq(l2,
		                 "complete-the-advanced-certificate-in-trauma-focused-cognitive-2");
		ck_assert(cairn_id_valid(l2));
		free(l1);
		free(l2);
	}
	prefix = strdup("eth");
	unit_assert_err(cairn_goal_resolve(buf, repo, prefix, &err), err, CAIRN_EUSAGE, "3 goals");
	free(prefix);
	free(a);
	free(b);
	free(c);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(goal_add_refusals)
{
	char *dir, *a;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_goal *g;
	cairn_err err = CAIRN_ERR_INIT;

	a = add_goal(repo, "dbt", "DBT", NULL);
	ck_assert_int_eq(commits(dir), 2);
	/* a given id that exists already */
	g = new_goal("dbt", "Another DBT");
	unit_assert_err(cairn_goal_add(repo, g, TIMEOUT, &err), err, CAIRN_EEXISTS,
	                "a goal 'dbt' exists already");
	cairn_goal_free(g);
	/* a given id that is not an id */
	g = new_goal("../dbt", "Escape");
	unit_assert_err(cairn_goal_add(repo, g, TIMEOUT, &err), err, CAIRN_EDATA,
	                "goal id '../dbt' is not valid");
	cairn_goal_free(g);
	/* serving a goal that does not exist */
	g = new_goal(NULL, "Serves nothing");
	ck_assert_int_eq(cairn_strlist_add(&g->serves, "missing"), 0);
	unit_assert_err(cairn_goal_add(repo, g, TIMEOUT, &err), err, CAIRN_ENOTFOUND,
	                "serves: no goal 'missing'");
	cairn_goal_free(g);
	/* invalid: due before start */
	g = new_goal(NULL, "Backwards");
	g->due = unit_date("2026-01-01");
	unit_assert_err(cairn_goal_add(repo, g, TIMEOUT, &err), err, CAIRN_EDATA,
	                "due 2026-01-01 is before start 2027-01-01");
	cairn_goal_free(g);
	/* a title with nothing to make an id of */
	g = new_goal(NULL, "!!!");
	unit_assert_err(cairn_goal_add(repo, g, TIMEOUT, &err), err, CAIRN_EDATA,
	                "cannot make an id");
	cairn_goal_free(g);
	/* nothing of it was written or committed */
	ck_assert_int_eq(commits(dir), 2);
	git_is(dir, "status --porcelain", "");
	git_is(dir, "ls-files goals", "goals/dbt.yaml");
	free(a);
	unit_repo_done(repo, dir);
}
END_TEST

static int mutate_progress(struct cairn_goal *g, void *ctx, cairn_err *err)
{
	return cairn_goal_record_progress(g, *(double *)ctx, unit_date("2027-02-01"), "first", err);
}

static int mutate_nothing(struct cairn_goal *g, void *ctx, cairn_err *err)
{
	(void)g;
	(void)ctx;
	(void)err;
	return 0;
}

static int mutate_fail(struct cairn_goal *g, void *ctx, cairn_err *err)
{
	(void)ctx;
	free(g->title);
	g->title = strdup("changed before failing");
	return cairn_err_set(err, CAIRN_EDATA, "refused by the mutation");
}

static int mutate_id(struct cairn_goal *g, void *ctx, cairn_err *err)
{
	(void)ctx;
	(void)err;
	free(g->id);
	g->id = strdup("other");
	return 0;
}

static int mutate_invalid(struct cairn_goal *g, void *ctx, cairn_err *err)
{
	(void)ctx;
	(void)err;
	g->due = unit_date("2020-01-01");
	return 0;
}

START_TEST(goal_update_one_commit)
{
	char *dir, *id, *before, *after, *h1, *h2;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;
	double value = 1;
	int changed = -1;

	id = add_goal(repo, NULL, "DBT groups", NULL);
	ck_assert_msg(cairn_goal_update(repo, id, "goal progress", mutate_progress, &value, TIMEOUT,
	                                &changed, &err) == 0,
	              "%s", err.msg);
	ck_assert_int_eq(changed, 1);
	ck_assert_int_eq(commits(dir), 3);
	git_is(dir, "log -1 --format=%B",
	       "goal progress: dbt-groups\n\nmeasure.current (none) -> 1\nprogress + 2027-02-01");
	git_is(dir, "show --name-only --format= HEAD", "goals/dbt-groups.yaml");
	git_is(dir, "status --porcelain", "");
	value = 2;
	ck_assert_int_eq(cairn_goal_update(repo, id, "goal progress", mutate_progress, &value,
	                                   TIMEOUT, &changed, &err),
	                 0);
	git_is(dir, "log -1 --format=%B",
	       "goal progress: dbt-groups\n\nmeasure.current 1 -> 2\nprogress + 2027-02-01");

	/* nothing changed: no commit */
	h1 = head(dir);
	before = unit_read_rel(dir, "goals/dbt-groups.yaml");
	changed = -1;
	ck_assert_int_eq(
	    cairn_goal_update(repo, id, "goal edit", mutate_nothing, NULL, TIMEOUT, &changed, &err),
	    0);
	ck_assert_int_eq(changed, 0);
	h2 = head(dir);
	ck_assert_str_eq(h2, h1);
	free(h2);

	/* a failing mutation, an invalid result or a new id write nothing */
	unit_assert_err(
	    cairn_goal_update(repo, id, "goal edit", mutate_fail, NULL, TIMEOUT, &changed, &err),
	    err, CAIRN_EDATA, "refused by the mutation");
	unit_assert_err(
	    cairn_goal_update(repo, id, "goal edit", mutate_invalid, NULL, TIMEOUT, &changed, &err),
	    err, CAIRN_EDATA, "is before start");
	unit_assert_err(
	    cairn_goal_update(repo, id, "goal edit", mutate_id, NULL, TIMEOUT, &changed, &err), err,
	    CAIRN_EDATA, "the id of a goal cannot change");
	unit_assert_err(cairn_goal_update(repo, "nope", "goal edit", mutate_nothing, NULL, TIMEOUT,
	                                  &changed, &err),
	                err, CAIRN_ENOTFOUND, "no goal 'nope'");
	ck_assert_int_eq(changed, 0);
	after = unit_read_rel(dir, "goals/dbt-groups.yaml");
	ck_assert_str_eq(after, before);
	h2 = head(dir);
	ck_assert_str_eq(h2, h1);
	ck_assert(!exists_rel(dir, "goals/other.yaml"));
	git_is(dir, "status --porcelain", "");
	free(before);
	free(after);
	free(h1);
	free(h2);
	free(id);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(goal_remove_one_commit)
{
	char *dir, *id;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	id = add_goal(repo, NULL, "Old goal", NULL);
	ck_assert_msg(cairn_goal_remove(repo, id, 0, TIMEOUT, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(commits(dir), 3);
	git_is(dir, "log -1 --format=%B", "goal rm: old-goal\n\nremoved: Old goal");
	git_is(dir, "show --name-status --format= HEAD", "D\tgoals/old-goal.yaml");
	ck_assert(!exists_rel(dir, "goals/old-goal.yaml"));
	git_is(dir, "status --porcelain", "");
	unit_assert_err(cairn_goal_remove(repo, id, 0, TIMEOUT, &err), err, CAIRN_ENOTFOUND,
	                "no goal 'old-goal'");
	ck_assert_int_eq(commits(dir), 3);
	free(id);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(goal_remove_refused_while_served)
{
	char *dir, *lng, *shrt;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	lng = add_goal(repo, NULL, "Specialize in emotion regulation", NULL);
	shrt = add_goal(repo, NULL, "DBT certification", lng);
	ck_assert_str_eq(shrt, "dbt-certification");
	ck_assert_int_eq(commits(dir), 3);
	unit_assert_err(cairn_goal_remove(repo, lng, 0, TIMEOUT, &err), err, CAIRN_EDATA,
	                "goal 'dbt-certification' serves 'specialize-in-emotion-regulation'");
	unit_assert_has(err.hint, "--force");
	ck_assert_int_eq(commits(dir), 3);
	ck_assert(exists_rel(dir, "goals/specialize-in-emotion-regulation.yaml"));
	git_is(dir, "status --porcelain", "");
	/* the serving goal can go; then the served one can too */
	ck_assert_int_eq(cairn_goal_remove(repo, shrt, 0, TIMEOUT, &err), 0);
	ck_assert_int_eq(cairn_goal_remove(repo, lng, 0, TIMEOUT, &err), 0);
	ck_assert_int_eq(commits(dir), 5);
	git_is(dir, "ls-files goals", "");
	free(lng);
	free(shrt);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(goal_remove_force)
{
	char *dir, *lng, *shrt;
	struct cairn_repo *repo = unit_repo(&dir);
	cairn_err err = CAIRN_ERR_INIT;

	lng = add_goal(repo, "long", "Long", NULL);
	shrt = add_goal(repo, "short", "Short", lng);
	ck_assert_int_eq(cairn_goal_remove(repo, lng, 1, TIMEOUT, &err), 0);
	git_is(dir, "show --name-status --format= HEAD", "D\tgoals/long.yaml");
	free(lng);
	free(shrt);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(goal_load_all_in_id_order)
{
	char *dir, *ids[3];
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_goal_set set = {0};
	cairn_err err = CAIRN_ERR_INIT;
	char path[4200];

	ids[0] = add_goal(repo, "zeta", "Zeta", NULL);
	ids[1] = add_goal(repo, "alpha", "Alpha", NULL);
	ids[2] = add_goal(repo, "mid", "Mid", NULL);
	/* files whose names are not ids are left out */
	snprintf(path, sizeof(path), "%s/goals/Not An Id.yaml", dir);
	unit_write(path, "id: x\n");
	snprintf(path, sizeof(path), "%s/goals/notes.txt", dir);
	unit_write(path, "x\n");
	ck_assert_int_eq(cairn_goal_load_all(&set, repo, &err), 0);
	ck_assert_int_eq(set.n, 3);
	ck_assert_str_eq(set.v[0]->id, "alpha");
	ck_assert_str_eq(set.v[1]->id, "mid");
	ck_assert_str_eq(set.v[2]->id, "zeta");
	cairn_goal_set_release(&set);
	/* a missing goal and an invalid file */
	{
		struct cairn_goal *g = (struct cairn_goal *)1;
		unit_assert_err(cairn_goal_load(&g, repo, "nope", &err), err, CAIRN_ENOTFOUND,
		                "no goal 'nope'");
		ck_assert_ptr_null(g);
		snprintf(path, sizeof(path), "%s/goals/mid.yaml", dir);
		unit_write(path, "id: mid\ntitle: [x]\nstatus: active\n");
		unit_assert_err(cairn_goal_load(&g, repo, "mid", &err), err, CAIRN_EDATA,
		                "title: expected text");
		unit_assert_at(err, "goals/mid.yaml", 2, 8);
	}
	/* an invalid file does not hide the others: it is reported on its own */
	ck_assert_int_eq(cairn_goal_load_all(&set, repo, &err), 0);
	ck_assert_int_eq(set.n, 2);
	ck_assert_str_eq(set.v[0]->id, "alpha");
	ck_assert_str_eq(set.v[1]->id, "zeta");
	ck_assert_int_eq(set.nbad, 1);
	ck_assert_int_eq(set.bad[0].code, CAIRN_EDATA);
	unit_assert_at(set.bad[0], "goals/mid.yaml", 2, 8);
	cairn_goal_set_release(&set);
	/* and goal rm cannot tell whether it serves the goal: refused without --force */
	unit_assert_err(cairn_goal_remove(repo, "alpha", 0, TIMEOUT, &err), err, CAIRN_EDATA,
	                "title: expected text");
	unit_assert_has(err.hint, "--force");
	ck_assert(exists_rel(dir, "goals/alpha.yaml"));
	ck_assert_int_eq(cairn_goal_remove(repo, "alpha", 1, TIMEOUT, &err), 0);
	ck_assert(!exists_rel(dir, "goals/alpha.yaml"));
	git_is(dir, "show --name-status --format= HEAD", "D\tgoals/alpha.yaml");
	for (int i = 0; i < 3; i++)
		free(ids[i]);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *ti = tcase_create("init");
	TCase *tt = tcase_create("txn");
	TCase *tg = tcase_create("goal");

	tcase_add_test(ti, init_modes_and_one_commit);
	tcase_add_test(ti, init_modes_whatever_the_umask);
	tcase_add_test(ti, init_existing_empty_folder);
	tcase_add_test(ti, init_again_changes_nothing);
	tcase_add_test(ti, init_refusals);
	tcase_set_timeout(ti, 60);
	suite_add_tcase(s, ti);

	tcase_add_test(tt, txn_two_files_one_commit);
	tcase_add_test(tt, txn_commits_only_its_files);
	tcase_add_test(tt, txn_identical_content_no_commit);
	tcase_add_test(tt, txn_remove_commits_removal);
	tcase_add_test(tt, txn_refuses_paths_outside);
	tcase_add_test(tt, txn_not_committed_writes_nothing);
	tcase_add_test(tt, txn_rollback_when_index_locked);
	tcase_add_test(tt, txn_retries_while_git_holds_the_index);
	tcase_add_test(tt, txn_rollback_when_ref_locked);
	tcase_add_test(tt, lock_timeout);
	tcase_add_test(tt, lock_waits_for_release);
	tcase_add_test(tt, identity_rules);
	tcase_add_test(tt, identity_committer);
	tcase_set_timeout(tt, 60);
	suite_add_tcase(s, tt);

	tcase_add_test(tg, goal_add_one_commit);
	tcase_add_test(tg, goal_add_taken_slug);
	tcase_add_test(tg, goal_add_refusals);
	tcase_add_test(tg, goal_update_one_commit);
	tcase_add_test(tg, goal_remove_one_commit);
	tcase_add_test(tg, goal_remove_refused_while_served);
	tcase_add_test(tg, goal_remove_force);
	tcase_add_test(tg, goal_load_all_in_id_order);
	tcase_set_timeout(tg, 60);
	suite_add_tcase(s, tg);
	return s;
}

int main(void)
{
	return unit_run(store_suite());
}
