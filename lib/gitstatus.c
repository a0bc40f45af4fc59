/* cairn — what differs from HEAD in the work tree, for `cairn doctor`
 *
 * libgit2's status compares every tree of HEAD with the index: at 10,000 records it read
 * every tree from the pack, and its cache of delta bases held 15 MB of them. cairn keeps
 * git's cache of the index's trees valid when it commits (lib/gitindex.c), so when its top
 * is HEAD's tree the index is HEAD, and only the work tree is left to compare: one lstat per
 * entry, the content hashed only where the stat data differs, as git does, and the files that
 * are in no entry, through git's ignore rules. Whatever this does not cover (a conflict, an
 * entry added with intent, a filter or line-ending conversion, a nested repository, the tree
 * cache let go...) goes to libgit2's status. A test compares the two. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cairn/fs.h"
#include "git_priv.h"
#include "gitindex.h"

#define FALLBACK   1
#define MAX_HASHED (64u * 1024 * 1024)

struct walk {
	git_repository *r;
	const struct cairn_index *ix;
	const char *top;
	char **out;
	size_t n, cap;
	unsigned ix_mtime_s, ix_mtime_ns;
	int failed;
};

static int add(struct walk *w, char kind, const char *path, size_t len)
{
	char *line;

	if (w->n + 1 >= w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		char **v = realloc(w->out, cap * sizeof(*v));
		if (!v)
			return -1;
		w->out = v;
		w->cap = cap;
	}
	if (!(line = malloc(len + 3)))
		return -1;
	line[0] = kind;
	line[1] = ' ';
	memcpy(line + 2, path, len);
	line[len + 2] = '\0';
	w->out[w->n++] = line;
	w->out[w->n] = NULL;
	return 0;
}

/* The blob id of a file's content (or of a link's target), as git hashes it. */
static int blob_id(unsigned char id[CAIRN_IX_ID], const char *abs, const struct stat *st)
{
	char *buf = NULL;
	size_t len = 0;
	git_oid oid;
	int rc = -1;

	if (S_ISLNK(st->st_mode)) {
		ssize_t l;
		if (!(buf = malloc(PATH_MAX)) || (l = readlink(abs, buf, PATH_MAX)) < 0)
			goto out;
		len = (size_t)l;
	} else {
		cairn_err e;
		if ((size_t)st->st_size > MAX_HASHED ||
		    cairn_fs_read(&buf, &len, abs, MAX_HASHED, &e))
			goto out;
	}
	if (git_odb_hash(&oid, buf, len, GIT_OBJECT_BLOB) == 0) {
		memcpy(id, oid.id, CAIRN_IX_ID);
		rc = 0;
	}
out:
	free(buf);
	return rc;
}

/* whether the file at abs holds what the entry says, as git decides it */
static int entry_changed(struct walk *w, const struct cairn_index_entry *e, const char *abs,
                         const struct stat *st)
{
	unsigned type = e->mode & 0170000;
	unsigned char id[CAIRN_IX_ID];

	if ((type == 0120000) != !!S_ISLNK(st->st_mode) ||
	    (type == 0100000 && !S_ISREG(st->st_mode)))
		return 1;
	if (type == 0100000 && !!(e->mode & 0100) != !!(st->st_mode & S_IXUSR))
		return 1;
	if (e->size == (unsigned)st->st_size && e->mtime_s == (unsigned)st->st_mtim.tv_sec &&
	    e->mtime_ns == (unsigned)st->st_mtim.tv_nsec &&
	    e->ctime_s == (unsigned)st->st_ctim.tv_sec &&
	    e->ctime_ns == (unsigned)st->st_ctim.tv_nsec && e->ino == (unsigned)st->st_ino &&
	    e->uid == (unsigned)st->st_uid && e->gid == (unsigned)st->st_gid &&
	    /* racily clean: written in the same moment as the index, so the stat data cannot
	     * tell; the content decides */
	    (e->mtime_s < w->ix_mtime_s ||
	     (e->mtime_s == w->ix_mtime_s && e->mtime_ns < w->ix_mtime_ns)))
		return 0;
	if (blob_id(id, abs, st) < 0) {
		w->failed = 1;
		return 1;
	}
	return memcmp(id, e->id, CAIRN_IX_ID) != 0;
}

/* Every file under rel (the top when len is 0) that is in no entry and not ignored. */
static int walk_dir(struct walk *w, char *rel, size_t len, int depth)
{
	char abs[PATH_MAX * 2];
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (depth > 64)
		return FALLBACK;
	snprintf(abs, sizeof(abs), "%s/%.*s", w->top, (int)len, rel);
	if (!(d = opendir(abs)))
		return FALLBACK;
	while (!rc && (de = readdir(d))) {
		const char *nm = de->d_name;
		size_t nl = strlen(nm), sub = len ? len + 1 + nl : nl;
		struct stat st;
		if (!strcmp(nm, ".") || !strcmp(nm, ".."))
			continue;
		if (!strcmp(nm, ".git"))
			rc = len ? FALLBACK : 0; /* a repository inside: libgit2 knows */
		if (!strcmp(nm, ".git") || sub >= PATH_MAX)
			continue;
		if (!strcmp(nm, ".gitattributes") || !strcmp(nm, ".gitmodules")) {
			rc = FALLBACK; /* filters, conversions, submodules */
			break;
		}
		if (len)
			rel[len] = '/';
		memcpy(rel + (len ? len + 1 : 0), nm, nl);
		rel[sub] = '\0';
		snprintf(abs, sizeof(abs), "%s/%s", w->top, rel);
		if (lstat(abs, &st) < 0)
			continue; /* gone while we looked */
		if (S_ISDIR(st.st_mode)) {
			rc = walk_dir(w, rel, sub, depth + 1);
		} else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
		           !cairn_index_has(w->ix, rel, sub)) {
			int ignored = 0;
			if (git_ignore_path_is_ignored(&ignored, w->r, rel) < 0)
				rc = FALLBACK;
			else if (!ignored && add(w, 'A', rel, sub) < 0)
				rc = -1;
		}
		rel[len] = '\0';
	}
	closedir(d);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 2, *(char *const *)b + 2);
}

/* 1 when the repository's configuration changes nothing the comparison relies on */
static int config_plain(git_repository *r)
{
	git_config *cfg = NULL;
	git_buf v = GIT_BUF_INIT;
	int b, off = 0;

	if (git_repository_config_snapshot(&cfg, r) < 0)
		return 0;
	/* line endings converted, modes not trusted, names folded: libgit2's status */
	if (git_config_get_string_buf(&v, cfg, "core.autocrlf") == 0 && strcmp(v.ptr, "false"))
		off = 1;
	if (git_config_get_bool(&b, cfg, "core.filemode") == 0 && !b)
		off = 1;
	if (git_config_get_bool(&b, cfg, "core.ignorecase") == 0 && b)
		off = 1;
	if (git_config_get_bool(&b, cfg, "core.symlinks") == 0 && !b)
		off = 1;
	git_buf_dispose(&v);
	git_config_free(cfg);
	return !off;
}

/* 0 and *out, FALLBACK when libgit2 must answer, -1 when memory ran out */
static int changes_fast(char ***out, git_repository *r, const char *top)
{
	struct walk w = {r, NULL, top, NULL, 0, 0, 0, 0, 0};
	char ixpath[PATH_MAX], rel[PATH_MAX + 1];
	unsigned char top_id[CAIRN_IX_ID];
	struct cairn_index *ix = NULL;
	git_object *head = NULL;
	struct stat st;
	cairn_err e;
	size_t n;
	int rc = FALLBACK;

	*out = NULL;
	if (git_repository_is_bare(r) || !config_plain(r) ||
	    (size_t)snprintf(ixpath, sizeof(ixpath), "%sindex", git_repository_path(r)) >=
	        sizeof(ixpath) ||
	    stat(ixpath, &st) < 0 || cairn_index_read(&ix, ixpath, &e) ||
	    !cairn_index_tree_top(ix, top_id) || git_revparse_single(&head, r, "HEAD^{tree}") < 0 ||
	    memcmp(git_object_id(head)->id, top_id, CAIRN_IX_ID))
		goto out;
	/* git's own attributes file of the repository: conversions */
	{
		char attr[PATH_MAX];
		snprintf(attr, sizeof(attr), "%sinfo/attributes", git_repository_path(r));
		if (cairn_fs_exists(attr))
			goto out;
	}
	w.ix = ix;
	w.ix_mtime_s = (unsigned)st.st_mtim.tv_sec;
	w.ix_mtime_ns = (unsigned)st.st_mtim.tv_nsec;
	n = cairn_index_count(ix);
	for (size_t i = 0; i < n; i++) {
		struct cairn_index_entry en;
		char abs[PATH_MAX * 2];
		struct stat fs;
		cairn_index_entry(ix, i, &en);
		if (en.stage || en.extended || (en.mode & 0170000) == 0160000 || en.len >= PATH_MAX)
			goto out;
		snprintf(abs, sizeof(abs), "%s/%.*s", top, (int)en.len, en.path);
		if (lstat(abs, &fs) < 0) {
			if (add(&w, 'D', en.path, en.len) < 0) {
				rc = -1;
				goto out;
			}
		} else if (S_ISDIR(fs.st_mode)) {
			goto out; /* a file become a folder: libgit2 says it best */
		} else if (entry_changed(&w, &en, abs, &fs) && add(&w, 'M', en.path, en.len) < 0) {
			rc = -1;
			goto out;
		}
		if (w.failed)
			goto out;
	}
	rel[0] = '\0';
	if ((rc = walk_dir(&w, rel, 0, 0)))
		goto out;
	if (w.n)
		qsort(w.out, w.n, sizeof(*w.out), by_path);
	if (!w.out && !(w.out = calloc(1, sizeof(*w.out)))) {
		rc = -1;
		goto out;
	}
	*out = w.out;
	w.out = NULL;
	rc = 0;
out:
	cairn_strv_free(w.out);
	git_object_free(head);
	cairn_index_free(ix);
	return rc;
}

int cairn_git_changes_fast(char ***out, const char *dir)
{
	git_repository *r = NULL;
	const char *wd;
	char top[PATH_MAX];
	int rc = FALLBACK;

	*out = NULL;
	if (cairn_git_setup(NULL))
		return FALLBACK;
	if (git_repository_open(&r, dir) == 0 && (wd = git_repository_workdir(r)) &&
	    strlen(wd) < sizeof(top)) {
		size_t l = strlen(wd);
		memcpy(top, wd, l + 1);
		if (l > 1 && top[l - 1] == '/')
			top[l - 1] = '\0';
		rc = changes_fast(out, r, top);
	}
	git_repository_free(r);
	return rc;
}

int cairn_git_changes(char ***out, const char *dir, cairn_err *err)
{
	int rc = cairn_git_changes_fast(out, dir);

	if (rc < 0)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	return rc == 0 ? 0 : cairn_git_changes_libgit2(out, dir, err);
}
