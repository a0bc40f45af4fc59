/* cairn — the write road: lock, write files, stage, one commit, roll back on failure */
#ifndef CAIRN_TXN_H
#define CAIRN_TXN_H

#include <stddef.h>

#include "error.h"
#include "repo.h"

struct cairn_txn;

#define CAIRN_LOCK_TIMEOUT_DEFAULT 10.0

/* Takes the writer lock (.git/cairn.lock), waiting up to timeout seconds; CAIRN_ELOCKED
 * after that. Then undoes what an interrupted command left (cairn_txn_recover). */
int cairn_txn_begin(struct cairn_txn **out, struct cairn_repo *repo, double timeout,
                    cairn_err *err);
/* The same; with recover 0 the lock only (doctor, which reports what it puts back). */
int cairn_txn_begin_ex(struct cairn_txn **out, struct cairn_repo *repo, double timeout, int recover,
                       cairn_err *err);

/* Queues the new content of a file (path relative to the work tree). Nothing is written
 * before cairn_txn_commit. */
int cairn_txn_put(struct cairn_txn *txn, const char *rel, const char *data, size_t len,
                  cairn_err *err);
/* Queues the removal of a file. */
int cairn_txn_remove(struct cairn_txn *txn, const char *rel, cairn_err *err);

/* Writes every queued file (temporary file, fsync, rename, fsync of the folder), stages
 * exactly those paths, and makes one commit on HEAD with message. libgit2's lock and
 * "modified" errors (someone running git at the same moment) are retried with backoff. On
 * failure the previous files are put back and HEAD is untouched. *changed (may be NULL) is
 * 0 when the files already held that content: then no commit is made. */
int cairn_txn_commit(struct cairn_txn *txn, const char *message, int *changed, cairn_err *err);

/* A command killed (or a machine losing power) in the middle of cairn_txn_commit leaves its
 * journal, .git/cairn-journal: the files it was changing, what they held before and what it
 * was writing. This lists in *paths (NULL-terminated, may be NULL) the files left changed and
 * not committed; with fix (the writer lock held) it puts back what they held before, makes
 * their index entries match HEAD again, removes cairn's temporary files beside them and the
 * journal. A file changed since by someone else, or whose HEAD version changed since (a
 * commit by hand), is left as it is, and so is what a person staged. *found (may be NULL) is
 * 1 when there was a journal. A change that was committed is kept. */
int cairn_txn_recover(struct cairn_repo *repo, int fix, char ***paths, int *found, cairn_err *err);

/* Releases the lock; a transaction not committed writes nothing. NULL is a no-op. */
void cairn_txn_free(struct cairn_txn *txn);

/* The author of cairn's commits: GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL, else git config (the
 * repository's, then the user's), else the profile's name, else "cairn <cairn@localhost>". */
int cairn_identity(char **name, char **email, const struct cairn_repo *repo, cairn_err *err);

#endif
