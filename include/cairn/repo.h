/* cairn — finding and opening the data directory, paths and listings of each kind */
#ifndef CAIRN_REPO_H
#define CAIRN_REPO_H

#include <stddef.h>

#include "error.h"
#include "profile.h"

#define CAIRN_PROFILE_FILE "cairn.yaml"
#define CAIRN_LOCK_FILE    "cairn.lock"    /* inside .git */
#define CAIRN_JOURNAL_FILE "cairn-journal" /* inside .git, while a change is being made */

struct cairn_repo {
	char *dir;    /* the work tree, absolute */
	char *gitdir; /* dir/.git */
	int snapshot; /* a temporary view of a past commit (cairn_repo_as_of): removed when freed */
};

/* Opens the data directory dir: it must be a git work tree holding cairn.yaml. Nothing is
 * initialised and nothing is locked: reading is cheap. CAIRN_ENOTFOUND with a hint to run
 * `cairn init` otherwise. */
int cairn_repo_open(struct cairn_repo **out, const char *dir, cairn_err *err);
void cairn_repo_free(struct cairn_repo *repo);

/* Absolute path of a file of the repository. Caller frees. */
char *cairn_repo_path(const struct cairn_repo *repo, const char *rel);

/* The path of file relative to the work tree ("goals/x.yaml") when it is inside it, else
 * NULL (also when file does not exist). Caller frees. */
char *cairn_repo_relative(const struct cairn_repo *repo, const char *file);

/* Whether file (a record's path, "goals/x.yaml") is named after id: a record whose id
 * differs from its file name is invalid. A name that is not <name>.yaml (a hook's temporary
 * copy) is not judged. */
/* A path given on the command line as a path of the repository, from its top folder (an
 * absolute path inside the work tree is taken too), "." and ".." worked out; *out NULL for
 * the top folder itself. One that leaves the repository is CAIRN_EUSAGE, as git refuses it. */
int cairn_repo_path_arg(char **out, const struct cairn_repo *repo, const char *arg, cairn_err *err);
int cairn_repo_file_names_id(const char *file, const char *id);

/* Resolves an id or a unique prefix among the records of folder into buf (CAIRN_ID_MAX + 1
 * bytes); what names the kind in messages ("goal", "plan"). A prefix that is not the start
 * of an id ('/', '..', upper case, over CAIRN_ID_MAX characters) is refused first, with
 * CAIRN_EUSAGE saying what an id may contain; CAIRN_ENOTFOUND when no record matches. */
int cairn_repo_resolve(char *buf, const struct cairn_repo *repo, const char *folder,
                       const char *what, const char *prefix, cairn_err *err);

/* Whether folder holds a file for the record id (folder/<id>.yaml, valid or not): one lstat,
 * no listing. */
int cairn_repo_has(const struct cairn_repo *repo, const char *folder, const char *id);

/* Relative path of a record: "goals/<id>.yaml". Caller frees. */
char *cairn_repo_record_path(const char *folder, const char *id);

/* The sorted ids of the records in folder ("goals"): each *.yaml file, without the suffix.
 * A missing folder gives none. Files whose names are not ids are left out. */
int cairn_repo_list(char ***ids, size_t *n, const struct cairn_repo *repo, const char *folder,
                    cairn_err *err);

/* Reads a file of the repository (relative path) whole, refusing files over the YAML size
 * limit. */
int cairn_repo_read(char **out, size_t *len, const struct cairn_repo *repo, const char *rel,
                    cairn_err *err);

/* Loads cairn.yaml. */
int cairn_repo_profile(struct cairn_profile **out, const struct cairn_repo *repo, cairn_err *err);

/* Creates the data directory (0700), a git repository in it, cairn.yaml and the first
 * commit. *created is 0 when dir already was a cairn repository (then nothing changes).
 * remote, when not NULL, becomes the "origin" remote (URLs with a password are refused). */
int cairn_repo_init(struct cairn_repo **out, int *created, const char *dir, const char *name,
                    const char *remote, cairn_date today, cairn_err *err);

#endif
