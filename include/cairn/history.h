/* cairn — the history of the career plan as meaning: each commit's field-level changes,
 * computed by comparing the parsed records of a commit and its parent */
#ifndef CAIRN_HISTORY_H
#define CAIRN_HISTORY_H

#include <stddef.h>

#include "date.h"
#include "repo.h"

/* A text change longer than this is shown as "changed", not dumped. */
#define CAIRN_HISTORY_LINE_MAX 100

struct cairn_hist_file {
	char *path;
	char *change; /* "added: TITLE", "removed: TITLE", or field lines "a 1 -> 2\n..." */
};

struct cairn_hist_commit {
	char id[41];
	cairn_date date;
	char *subject; /* the first line of the message */
	char *author;
	struct cairn_hist_file *files;
	size_t nfiles;
};

struct cairn_history {
	struct cairn_hist_commit *v; /* newest first */
	size_t n;
};

/* The commits that changed records (or only path, when not NULL), newest first, back to
 * since (0: all) and at most limit of them (0: all). Hand commits made with git count. */
int cairn_history_read(struct cairn_history *out, const struct cairn_repo *repo, const char *path,
                       cairn_date since, size_t limit, cairn_err *err);
void cairn_history_release(struct cairn_history *h);

/* A read-only view of the repository as it stood at the last commit on or before day (by
 * commit date): the records of that commit written into a temporary folder, removed by
 * cairn_repo_free. commit (41 bytes) gets the commit's id and *when its date.
 * CAIRN_ENOTFOUND, naming the first commit's date, when there is none that early. */
int cairn_repo_as_of(struct cairn_repo **out, const struct cairn_repo *repo, cairn_date day,
                     char *commit, cairn_date *when, cairn_err *err);

/* The file of a record named by id (or a unique prefix), looked for among goals, plans,
 * rules and CE activities; NULL with CAIRN_ENOTFOUND in err. Caller frees. */
char *cairn_history_path_of(const struct cairn_repo *repo, const char *id, cairn_err *err);

#endif
