/* cairn — git's index file, read and changed by cairn itself, private to the library
 *
 * A cairn commit changes one to a few paths. libgit2 parses, sorts and rehashes every entry
 * of the index to read it, and again to write it: 15–20 ms for 10,000 records. Here the
 * file is read once, the paths are found by binary search, and every other entry is written
 * back byte for byte, so that `git status` stays clean and fast.
 * The format is git's (Documentation/gitformat-index.txt): versions 2, 3 and 4. */
#ifndef CAIRN_GITINDEX_H
#define CAIRN_GITINDEX_H

#include <stddef.h>

#include "cairn/error.h"

#define CAIRN_IX_ID          20 /* a SHA-1 object id */
#define CAIRN_IX_ENTRY_FIXED 64 /* the most bytes of an entry before its name */

struct cairn_index;

/* Reads the index at path; a missing file is an empty index. CAIRN_EDATA when the file is
 * damaged, or uses what cairn cannot write back (split or sparse index). */
int cairn_index_read(struct cairn_index **out, const char *path, cairn_err *err);
void cairn_index_free(struct cairn_index *ix);

/* The stage-0 entry of path as read (edits queued since do not show): 1 and its blob id and
 * mode, or 0 when there is none. Either out may be NULL. */
int cairn_index_get(const struct cairn_index *ix, const char *path, unsigned char id[CAIRN_IX_ID],
                    unsigned *mode);

/* The stage-0 entry of path as read, in its own bytes, to put back later with
 * cairn_index_put_raw: returns its length (at most CAIRN_IX_ENTRY_FIXED), 0 when none. */
size_t cairn_index_raw(const struct cairn_index *ix, const char *path,
                       unsigned char raw[CAIRN_IX_ENTRY_FIXED]);

/* The entries as read, in order. */
struct cairn_index_entry {
	const char *path;
	size_t len;
	unsigned mode, stage;
	int extended; /* flags of version 3: intent to add, skip the work tree */
	const unsigned char *id;
	unsigned ctime_s, ctime_ns, mtime_s, mtime_ns, dev, ino, uid, gid, size;
};
size_t cairn_index_count(const struct cairn_index *ix);
void cairn_index_entry(const struct cairn_index *ix, size_t i, struct cairn_index_entry *out);
/* 1 and the tree id at the top of git's tree cache when it is valid: the entries make
 * exactly that tree. */
int cairn_index_tree_top(const struct cairn_index *ix, unsigned char id[CAIRN_IX_ID]);
/* 1 when path is an entry (any stage). */
int cairn_index_has(const struct cairn_index *ix, const char *path, size_t len);

/* Queues a change; it replaces every entry of path (conflict stages too). The entry of a
 * file: its lstat data and the id of the blob written from it. */
int cairn_index_put_file(struct cairn_index *ix, const char *path, const char *abs,
                         const unsigned char id[CAIRN_IX_ID]);
/* An entry with no stat data (git re-reads the file): mode and blob id. */
int cairn_index_put_id(struct cairn_index *ix, const char *path, unsigned mode,
                       const unsigned char id[CAIRN_IX_ID]);
int cairn_index_put_raw(struct cairn_index *ix, const char *path, const unsigned char *raw,
                        size_t len);
int cairn_index_remove(struct cairn_index *ix, const char *path);

/* The trees of the commit the queued edits make, so that git's cache of the index's trees
 * stays valid above them: fn(ctx, dir, len, after, id) gives 1 and the id of the folder dir
 * (its first len bytes; "" the top) in the commit before (after 0) or the new one (after 1),
 * 0 when there is no such folder. Without it those nodes are marked invalid. */
typedef int (*cairn_index_tree_fn)(void *ctx, const char *dir, size_t len, int after,
                                   unsigned char id[CAIRN_IX_ID]);
void cairn_index_set_trees(struct cairn_index *ix, cairn_index_tree_fn fn, void *ctx);

/* Changes .git/index under git's own lock: takes gitdir/index.lock (O_EXCL, as git does;
 * CAIRN_ELOCKED when it is held), reads the index, lets fn queue its changes, writes the
 * new index into the lock file, syncs it and renames it over the index. Nothing changes when
 * fn or a step fails. */
typedef int (*cairn_index_fn)(struct cairn_index *ix, void *ctx, cairn_err *err);
int cairn_index_update(const char *gitdir, cairn_index_fn fn, void *ctx, cairn_err *err);

#endif
