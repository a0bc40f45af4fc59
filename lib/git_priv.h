/* cairn — libgit2 stays inside lib/txn.c (and later history); this is its seam for lib/ */
#ifndef CAIRN_GIT_PRIV_H
#define CAIRN_GIT_PRIV_H

#include "cairn/error.h"

/* Initialises libgit2 once per process, with fsync of the git directory on. */
int cairn_git_setup(cairn_err *err);

/* Creates (or reopens) a git repository with a work tree at dir, HEAD on "main", and the
 * "origin" remote when remote is not NULL. */
int cairn_git_init_repo(const char *dir, const char *remote, cairn_err *err);

/* The uncommitted state of the work tree: paths that differ from HEAD (modified, new or
 * deleted, as "M path", "A path", "D path" lines), NULL-terminated. */
int cairn_git_changes(char ***out, const char *dir, cairn_err *err);
/* The same from libgit2's status alone (lib/gitstatus.c answers without it when it can). */
int cairn_git_changes_libgit2(char ***out, const char *dir, cairn_err *err);
/* The answer without libgit2's status (lib/gitstatus.c): 0 and *out, 1 when the repository
 * is in a state only libgit2's status covers, -1 when memory ran out. */
int cairn_git_changes_fast(char ***out, const char *dir);

/* Leftover lock files of git in gitdir (index.lock, HEAD.lock, lock files under refs). */
int cairn_git_stale_locks(char ***out, const char *gitdir, cairn_err *err);

/* How rel stands against HEAD: *state 0 when the file and its index entry are as committed,
 * 'A' when it was never committed, 'M' when it changed since its last commit. */
struct cairn_repo;
int cairn_git_path_state(char *state, const struct cairn_repo *repo, const char *rel,
                         cairn_err *err);

/* The refusal of a removal that git could not give back (state from cairn_git_path_state):
 * CAIRN_EDATA with the file and what to do; command is e.g. "cairn goal rm ID". */
int cairn_refuse_removal(cairn_err *err, char state, const char *rel, const char *command);

#endif
