/* cairn — every system call that touches the disk goes through here */
#ifndef CAIRN_FS_H
#define CAIRN_FS_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

#define CAIRN_FILE_MODE 0600
#define CAIRN_DIR_MODE  0700
/* The suffix of cairn's temporary files; `cairn doctor` looks for it. */
#define CAIRN_TMP_MARK ".cairn-tmp."

/* Reads a whole file; fails with CAIRN_EDATA when it is larger than max bytes.
 * *out is NUL-terminated and belongs to the caller. */
int cairn_fs_read(char **out, size_t *len, const char *path, size_t max, cairn_err *err);

/* Seconds since path was last modified (a large number when it cannot be read). */
double cairn_fs_age(const char *path);

/* 1 when path exists, 0 when it does not. */
int cairn_fs_exists(const char *path);
int cairn_fs_is_dir(const char *path);

/* Writes data to a temporary file beside path, fsyncs it, renames it over path and fsyncs
 * the folder. Creates missing parent folders (0700). The file gets mode 0600. */
int cairn_fs_write_atomic(const char *path, const char *data, size_t len, cairn_err *err);

/* The two halves of cairn_fs_write_atomic, for a change of several files that must not be
 * left half done: prepare writes and fsyncs the temporary file (*tmp, caller frees) and
 * touches nothing else; install renames it over path and fsyncs the folder (on failure the
 * temporary file is removed). */
int cairn_fs_prepare(char **tmp, const char *path, const char *data, size_t len, cairn_err *err);
int cairn_fs_install(const char *tmp, const char *path, cairn_err *err);

/* Removes a file and fsyncs its folder; a missing file is not an error. */
int cairn_fs_unlink(const char *path, cairn_err *err);

/* Creates path and its parents with mode 0700 (whatever the umask). */
int cairn_fs_mkdirs(const char *path, cairn_err *err);
/* Removes a folder and everything in it (symbolic links are removed, not followed). */
int cairn_fs_remove_tree(const char *path);

/* Takes an exclusive flock on path (created 0600), waiting up to timeout seconds.
 * CAIRN_ELOCKED when it is still held then. */
int cairn_fs_lock(int *fd, const char *path, double timeout, cairn_err *err);
/* 1 when some process holds the lock on path now, 0 when not. */
int cairn_fs_lock_held(const char *path);
void cairn_fs_unlock(int fd);

/* Sorted names of the entries in dir (not . and ..); *out is NULL-terminated. */
int cairn_fs_list(char ***out, size_t *n, const char *dir, cairn_err *err);
void cairn_strv_free(char **v);

/* Test builds only (CAIRN_TESTING): CAIRN_FAULT=op:N[:persist] makes the Nth call of op
 * fail; CAIRN_FAULT=kill:N kills the process at the Nth point of any op (see fs.c).
 * Returns 1 when the call should fail. Always 0 in a normal build. */
int cairn_fault(const char *op);
/* A point where a test build may be killed but nothing can fail (after a commit). */
#define cairn_crash_point(op) ((void)cairn_fault(op))

/* Joins two path parts with one '/'. Caller frees. */
char *cairn_path_join(const char *a, const char *b);

#endif
