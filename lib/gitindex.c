/* cairn — git's index file, read and changed by cairn itself (see gitindex.h) */
#include "gitindex.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cairn/fs.h"

#define INDEX_MAX_READ (512u * 1024 * 1024)
#define FIXED          62     /* stat data, id and flags */
#define F_NAMEMASK     0x0fff /* flags: the name's length, 0xfff when longer */
#define F_EXTENDED     0x4000 /* flags: two more bytes of flags follow (version 3 and up) */
#define F_STAGE        0x3000
#define OFF_MODE       24
#define OFF_ID         40
#define OFF_FLAGS      60
#define TREE_DEPTH     256

struct ent {
	const unsigned char *fix; /* the entry's stat data, id and flags */
	unsigned fixlen;          /* FIXED, or FIXED + 2 with extended flags */
	const char *name;
	size_t namelen;
	size_t nameoff; /* version 4, while reading: where the name is in names */
};

struct edit {
	char *path;
	size_t len;
	int remove;
	unsigned char fix[CAIRN_IX_ENTRY_FIXED];
	unsigned fixlen;
};

struct cairn_index {
	char *buf;
	size_t len;
	unsigned version;
	struct ent *e;
	size_t n;
	char *names; /* version 4: the entries' whole names */
	const unsigned char *ext, *ext_end;
	struct edit *ed;
	size_t ned, edcap;
	cairn_index_tree_fn trees; /* the commit's trees, to keep the tree cache valid */
	void *trees_ctx;
};

/* Output in memory (fd -1), or written through to fd and hashed on the way, 64 KiB at a
 * time, so that a large index is never held twice. */
struct obuf {
	unsigned char *p;
	size_t len, cap;
	int failed; /* 1: out of memory, 2: a write failed (errno kept in err) */
	int fd, err;
	EVP_MD_CTX *md;
};

#define OB_CHUNK (64 * 1024)

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int sha1(unsigned char out[CAIRN_IX_ID], const void *data, size_t len)
{
	unsigned n = 0;
	return EVP_Digest(data, len, out, &n, EVP_sha1(), NULL) == 1 && n == CAIRN_IX_ID ? 0 : -1;
}

static int damaged(cairn_err *err, const char *path, const char *what)
{
	cairn_err_set(err, CAIRN_EDATA, "git's index is damaged: %s", what);
	cairn_err_at(err, path, 0, 0);
	cairn_err_hint(err, "`git status` shows what git makes of it; `rm .git/index && git reset` "
	                    "rebuilds it from HEAD (what you staged is then unstaged)");
	return CAIRN_EDATA;
}

static int name_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);
	return c ? c : (al > bl) - (al < bl);
}

/* git's varint of index version 4 (and of offsets in packs): 7 bits a byte, most significant
 * first, each continuation adding one so that every value has a single encoding */
static int varint_get(uint64_t *out, const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;
	uint64_t v;

	if (p >= end)
		return -1;
	v = *p & 127;
	while (*p++ & 128) {
		if (p >= end || v > (UINT64_MAX >> 8))
			return -1;
		v = ((v + 1) << 7) | (*p & 127);
	}
	*out = v;
	*pp = p;
	return 0;
}

static size_t varint_put(unsigned char out[16], uint64_t v)
{
	unsigned char tmp[16];
	size_t pos = sizeof(tmp) - 1, n;

	tmp[pos] = v & 127;
	while (v >>= 7)
		tmp[--pos] = (unsigned char)(128 | (--v & 127));
	n = sizeof(tmp) - pos;
	memcpy(out, tmp + pos, n);
	return n;
}

static int parse_entries(struct cairn_index *ix, const char *path, cairn_err *err)
{
	const unsigned char *b = (const unsigned char *)ix->buf, *end = b + ix->len - CAIRN_IX_ID;
	const unsigned char *p = b + 12;
	size_t count = be32(b + 8), ncap = 0, nlen = 0, prevlen = 0, nameless = 0;

	if (count > ix->len / FIXED)
		return damaged(err, path, "more entries than the file can hold");
	if (!(ix->e = calloc(count ? count : 1, sizeof(*ix->e))))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	for (size_t i = 0; i < count; i++) {
		struct ent *e = &ix->e[i];
		unsigned flags;
		const unsigned char *nm, *nul;
		if ((size_t)(end - p) < FIXED + 1)
			return damaged(err, path, "an entry runs past the end");
		flags = be16(p + OFF_FLAGS);
		e->fix = p;
		e->fixlen = FIXED;
		if (flags & F_EXTENDED) {
			if (ix->version < 3)
				return damaged(err, path, "extended flags in a version 2 index");
			e->fixlen += 2;
		}
		nm = p + e->fixlen;
		if (ix->version < 4) {
			if (!(nul = memchr(nm, 0, (size_t)(end - nm))))
				return damaged(err, path, "an entry's name runs past the end");
			e->name = (const char *)nm;
			e->namelen = (size_t)(nul - nm);
			p += (e->fixlen + e->namelen + 8) & ~(size_t)7;
			if (p > end)
				return damaged(err, path, "an entry runs past the end");
		} else {
			uint64_t strip;
			size_t keep, slen;
			if (varint_get(&strip, &nm, end) < 0 || strip > prevlen ||
			    !(nul = memchr(nm, 0, (size_t)(end - nm))))
				return damaged(err, path, "an entry's name runs past the end");
			keep = prevlen - (size_t)strip;
			slen = (size_t)(nul - nm);
			if (nlen + keep + slen + 1 > ncap) {
				size_t want = (nlen + keep + slen + 1) * 2 + 4096;
				char *nn = realloc(ix->names, want);
				if (!nn)
					return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
				ix->names = nn;
				ncap = want;
			}
			if (i)
				memmove(ix->names + nlen, ix->names + ix->e[i - 1].nameoff, keep);
			memcpy(ix->names + nlen + keep, nm, slen);
			ix->names[nlen + keep + slen] = '\0';
			e->nameoff = nlen;
			e->namelen = prevlen = keep + slen;
			nlen += keep + slen + 1;
			p = nul + 1;
		}
		nameless += !e->namelen;
	}
	for (size_t i = 0; ix->version >= 4 && i < count; i++)
		ix->e[i].name = ix->names + ix->e[i].nameoff;
	ix->n = count;
	ix->ext = p;
	ix->ext_end = end;
	/* extensions: an optional one starts with a capital; one git requires, cairn cannot
	 * keep true (a split or sparse index) */
	while ((size_t)(end - p) >= 8) {
		uint32_t sz = be32(p + 4);
		if (sz > (size_t)(end - p) - 8)
			return damaged(err, path, "an extension runs past the end");
		if (!(p[0] >= 'A' && p[0] <= 'Z')) {
			cairn_err_set(
			    err, CAIRN_EDATA,
			    "git's index uses the extension '%.4s', which cairn cannot keep "
			    "true",
			    (const char *)p);
			cairn_err_at(err, path, 0, 0);
			cairn_err_hint(err, "turn off git's split or sparse index for this "
			                    "repository (`git config core.splitIndex false`, then "
			                    "`git update-index --no-split-index`)");
			return CAIRN_EDATA;
		}
		p += 8 + sz;
	}
	if (p != end)
		return damaged(err, path, "bytes after the extensions");
	/* (a split index has them; it was refused above) */
	if (nameless)
		return damaged(err, path, "an entry without a name");
	return 0;
}

/* The file mapped, not copied: its pages are the page cache's (a copy into fresh memory
 * cost a page fault and a zeroed page every 4 KiB of a 1.4 MB index). */
static int map_file(struct cairn_index *ix, const char *path, cairn_err *err)
{
	struct stat st;
	void *m;
	int fd;

	if ((cairn_fault("open") ? (errno = EIO, 1) : 0) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		if (errno == ENOENT)
			return CAIRN_ENOTFOUND;
		cairn_err_set(err, CAIRN_EIO, "cannot read git's index: %s", strerror(errno));
		cairn_err_at(err, path, 0, 0);
		return CAIRN_EIO;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > INDEX_MAX_READ) {
		close(fd);
		cairn_err_set(err, CAIRN_EIO, "cannot read git's index: not a file of a sane size");
		cairn_err_at(err, path, 0, 0);
		return CAIRN_EIO;
	}
	ix->len = (size_t)st.st_size;
	if (!ix->len) {
		close(fd);
		return 0;
	}
	m = mmap(NULL, ix->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		ix->len = 0;
		cairn_err_set(err, CAIRN_EIO, "cannot read git's index: %s", strerror(errno));
		cairn_err_at(err, path, 0, 0);
		return CAIRN_EIO;
	}
	ix->buf = m;
	return 0;
}

int cairn_index_read(struct cairn_index **out, const char *path, cairn_err *err)
{
	struct cairn_index *ix = calloc(1, sizeof(*ix));
	unsigned char sum[CAIRN_IX_ID];
	const unsigned char *b;
	cairn_err e;
	int rc;

	*out = NULL;
	if (!ix)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	ix->version = 2;
	rc = map_file(ix, path, &e);
	if (rc == CAIRN_ENOTFOUND) {
		*out = ix;
		return 0;
	}
	if (rc) {
		if (err)
			*err = e;
		cairn_index_free(ix);
		return rc;
	}
	b = (const unsigned char *)ix->buf;
	if (ix->len < 12 + CAIRN_IX_ID || memcmp(b, "DIRC", 4) != 0)
		rc = damaged(err, path, "not a git index");
	else if ((ix->version = be32(b + 4)) < 2 || ix->version > 4)
		rc = damaged(err, path, "an index version cairn does not know");
	else if (sha1(sum, b, ix->len - CAIRN_IX_ID) < 0)
		rc = cairn_err_set(err, CAIRN_ENOMEM, "cannot compute a SHA-1");
	else if (memcmp(sum, b + ix->len - CAIRN_IX_ID, CAIRN_IX_ID) != 0)
		rc = damaged(err, path, "its checksum does not match");
	else
		rc = parse_entries(ix, path, err);
	if (rc) {
		cairn_index_free(ix);
		return rc;
	}
	*out = ix;
	return 0;
}

void cairn_index_free(struct cairn_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->ned; i++)
		free(ix->ed[i].path);
	free(ix->ed);
	free(ix->e);
	free(ix->names);
	if (ix->buf)
		munmap(ix->buf, ix->len);
	free(ix);
}

/* the first entry whose name is not before path */
static size_t lower_bound(const struct cairn_index *ix, const char *path, size_t len)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (name_cmp(ix->e[mid].name, ix->e[mid].namelen, path, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct ent *find0(const struct cairn_index *ix, const char *path)
{
	size_t len = strlen(path);

	for (size_t i = lower_bound(ix, path, len);
	     i < ix->n && !name_cmp(ix->e[i].name, ix->e[i].namelen, path, len); i++)
		if (!(be16(ix->e[i].fix + OFF_FLAGS) & F_STAGE))
			return &ix->e[i];
	return NULL;
}

int cairn_index_get(const struct cairn_index *ix, const char *path, unsigned char id[CAIRN_IX_ID],
                    unsigned *mode)
{
	const struct ent *e = find0(ix, path);

	if (!e)
		return 0;
	if (id)
		memcpy(id, e->fix + OFF_ID, CAIRN_IX_ID);
	if (mode)
		*mode = be32(e->fix + OFF_MODE);
	return 1;
}

size_t cairn_index_raw(const struct cairn_index *ix, const char *path,
                       unsigned char raw[CAIRN_IX_ENTRY_FIXED])
{
	const struct ent *e = find0(ix, path);

	if (!e)
		return 0;
	memcpy(raw, e->fix, e->fixlen);
	return e->fixlen;
}

size_t cairn_index_count(const struct cairn_index *ix)
{
	return ix->n;
}

void cairn_index_entry(const struct cairn_index *ix, size_t i, struct cairn_index_entry *out)
{
	const struct ent *e = &ix->e[i];
	const unsigned char *f = e->fix;

	out->path = e->name;
	out->len = e->namelen;
	out->mode = be32(f + OFF_MODE);
	out->stage = (be16(f + OFF_FLAGS) & F_STAGE) >> 12;
	out->extended = e->fixlen > FIXED && be16(f + FIXED) != 0;
	out->id = f + OFF_ID;
	out->ctime_s = be32(f);
	out->ctime_ns = be32(f + 4);
	out->mtime_s = be32(f + 8);
	out->mtime_ns = be32(f + 12);
	out->dev = be32(f + 16);
	out->ino = be32(f + 20);
	out->uid = be32(f + 28);
	out->gid = be32(f + 32);
	out->size = be32(f + 36);
}

int cairn_index_has(const struct cairn_index *ix, const char *path, size_t len)
{
	size_t i = lower_bound(ix, path, len);
	return i < ix->n && !name_cmp(ix->e[i].name, ix->e[i].namelen, path, len);
}

int cairn_index_tree_top(const struct cairn_index *ix, unsigned char id[CAIRN_IX_ID])
{
	for (const unsigned char *p = ix->ext; p && p + 8 <= ix->ext_end; p += 8 + be32(p + 4)) {
		const unsigned char *d = p + 8, *end = d + be32(p + 4), *nl;
		if (memcmp(p, "TREE", 4))
			continue;
		/* the top node: "\0count subtrees\n" and its id */
		if (end - d < 2 || d[0] || !(nl = memchr(d, '\n', (size_t)(end - d))) ||
		    d[1] == '-' || end - nl - 1 < CAIRN_IX_ID)
			return 0;
		memcpy(id, nl + 1, CAIRN_IX_ID);
		return 1;
	}
	return 0;
}

static struct edit *edit_for(struct cairn_index *ix, const char *path)
{
	struct edit *ed;

	for (size_t i = 0; i < ix->ned; i++)
		if (!strcmp(ix->ed[i].path, path))
			return &ix->ed[i];
	if (ix->ned == ix->edcap) {
		size_t cap = ix->edcap ? ix->edcap * 2 : 8;
		struct edit *v = realloc(ix->ed, cap * sizeof(*v));
		if (!v)
			return NULL;
		ix->ed = v;
		ix->edcap = cap;
	}
	ed = &ix->ed[ix->ned];
	memset(ed, 0, sizeof(*ed));
	if (!(ed->path = strdup(path)))
		return NULL;
	ed->len = strlen(path);
	ix->ned++;
	return ed;
}

int cairn_index_put_raw(struct cairn_index *ix, const char *path, const unsigned char *raw,
                        size_t len)
{
	struct edit *ed;

	if (len != FIXED && len != FIXED + 2)
		return CAIRN_EUSAGE;
	if (!(ed = edit_for(ix, path)))
		return CAIRN_ENOMEM;
	ed->remove = 0;
	memcpy(ed->fix, raw, len);
	ed->fixlen = (unsigned)len;
	/* stage 0: the path is resolved */
	ed->fix[OFF_FLAGS] &= (unsigned char)~(F_STAGE >> 8);
	return 0;
}

int cairn_index_put_id(struct cairn_index *ix, const char *path, unsigned mode,
                       const unsigned char id[CAIRN_IX_ID])
{
	unsigned char fix[FIXED] = {0};

	put32(fix + OFF_MODE, mode);
	memcpy(fix + OFF_ID, id, CAIRN_IX_ID);
	return cairn_index_put_raw(ix, path, fix, FIXED);
}

int cairn_index_put_file(struct cairn_index *ix, const char *path, const char *abs,
                         const unsigned char id[CAIRN_IX_ID])
{
	unsigned char fix[FIXED] = {0};
	struct stat st;
	uint32_t mode;

	if (lstat(abs, &st) < 0)
		return CAIRN_EIO;
	if (S_ISLNK(st.st_mode))
		mode = 0120000;
	else if (S_ISREG(st.st_mode))
		mode = (st.st_mode & 0100) ? 0100755 : 0100644;
	else
		return CAIRN_EIO;
	/* as git does: each field cut to 32 bits */
	put32(fix + 0, (uint32_t)st.st_ctim.tv_sec);
	put32(fix + 4, (uint32_t)st.st_ctim.tv_nsec);
	put32(fix + 8, (uint32_t)st.st_mtim.tv_sec);
	put32(fix + 12, (uint32_t)st.st_mtim.tv_nsec);
	put32(fix + 16, (uint32_t)st.st_dev);
	put32(fix + 20, (uint32_t)st.st_ino);
	put32(fix + OFF_MODE, mode);
	put32(fix + 28, (uint32_t)st.st_uid);
	put32(fix + 32, (uint32_t)st.st_gid);
	put32(fix + 36, (uint32_t)st.st_size);
	memcpy(fix + OFF_ID, id, CAIRN_IX_ID);
	return cairn_index_put_raw(ix, path, fix, FIXED);
}

int cairn_index_remove(struct cairn_index *ix, const char *path)
{
	struct edit *ed = edit_for(ix, path);

	if (!ed)
		return CAIRN_ENOMEM;
	ed->remove = 1;
	return 0;
}

/* ---- writing ---- */

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t w = cairn_fault("write") ? (errno = ENOSPC, -1) : write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static void ob_flush(struct obuf *o)
{
	if (o->fd < 0 || o->failed || !o->len)
		return;
	if (EVP_DigestUpdate(o->md, o->p, o->len) != 1) {
		o->failed = 1;
	} else if (write_all(o->fd, o->p, o->len) < 0) {
		o->failed = 2;
		o->err = errno;
	}
	o->len = 0;
}

static void ob_put(struct obuf *o, const void *data, size_t len)
{
	const unsigned char *d = data;

	while (!o->failed && len) {
		size_t n;
		if (o->len == o->cap) {
			size_t cap = o->fd >= 0 ? OB_CHUNK : (o->cap ? o->cap * 2 : 4096);
			unsigned char *p;
			if (o->fd >= 0 && o->cap) {
				ob_flush(o);
				continue;
			}
			if (!(p = realloc(o->p, cap))) {
				o->failed = 1;
				return;
			}
			o->p = p;
			o->cap = cap;
		}
		n = o->cap - o->len < len ? o->cap - o->len : len;
		memcpy(o->p + o->len, d, n);
		o->len += n;
		d += n;
		len -= n;
	}
}

static int edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return name_cmp(x->path, x->len, y->path, y->len);
}

struct writer {
	struct obuf o;
	unsigned version;
	const char *prev;
	size_t prevlen;
	uint32_t count;
	int counting; /* only count the entries */
};

static void emit(struct writer *w, const unsigned char *fix, unsigned fixlen, const char *name,
                 size_t namelen)
{
	static const unsigned char zeros[8];
	unsigned char head[CAIRN_IX_ENTRY_FIXED];
	unsigned flags;

	if (w->counting) {
		w->count++;
		return;
	}
	memcpy(head, fix, fixlen);
	flags = (be16(fix + OFF_FLAGS) & ~(unsigned)F_NAMEMASK) |
	        (namelen < F_NAMEMASK ? (unsigned)namelen : F_NAMEMASK);
	head[OFF_FLAGS] = (unsigned char)(flags >> 8);
	head[OFF_FLAGS + 1] = (unsigned char)flags;
	ob_put(&w->o, head, fixlen);
	if (w->version >= 4) {
		unsigned char v[16];
		size_t common = 0;
		while (common < namelen && common < w->prevlen && name[common] == w->prev[common])
			common++;
		ob_put(&w->o, v, varint_put(v, w->prevlen - common));
		ob_put(&w->o, name + common, namelen - common);
		ob_put(&w->o, zeros, 1);
	} else {
		ob_put(&w->o, name, namelen);
		ob_put(&w->o, zeros, ((fixlen + namelen + 8) & ~(size_t)7) - fixlen - namelen);
	}
	w->prev = name;
	w->prevlen = namelen;
	w->count++;
}

/* whether a changed path lies under dir ("" is the top) */
static int touched(const struct cairn_index *ix, const char *dir, size_t len)
{
	for (size_t i = 0; i < ix->ned; i++)
		if (!len || (ix->ed[i].len > len && ix->ed[i].path[len] == '/' &&
		             !memcmp(ix->ed[i].path, dir, len)))
			return 1;
	return 0;
}

void cairn_index_set_trees(struct cairn_index *ix, cairn_index_tree_fn fn, void *ctx)
{
	ix->trees = fn;
	ix->trees_ctx = ctx;
}

/* whether path has entries of a conflict stage */
static int conflicted(const struct cairn_index *ix, const char *path, size_t len)
{
	for (size_t i = lower_bound(ix, path, len);
	     i < ix->n && !name_cmp(ix->e[i].name, ix->e[i].namelen, path, len); i++)
		if (be16(ix->e[i].fix + OFF_FLAGS) & F_STAGE)
			return 1;
	return 0;
}

/* The node of a folder above a change, still valid after it: when the index held exactly
 * the folder of the commit before (id) and the edits are the commit's, it holds exactly the
 * folder of the new commit. Not when a folder below appears or goes (the node's subtrees
 * would change) or a path was in conflict. Gives the new count and id, or 0. */
static int still_valid(const struct cairn_index *ix, const char *dir, size_t len,
                       const unsigned char *id, long *count, unsigned char nid[CAIRN_IX_ID])
{
	unsigned char old[CAIRN_IX_ID], tmp[CAIRN_IX_ID];
	long delta = 0;

	if (!ix->trees || ix->trees(ix->trees_ctx, dir, len, 0, old) != 1 ||
	    memcmp(old, id, CAIRN_IX_ID) || ix->trees(ix->trees_ctx, dir, len, 1, nid) != 1)
		return 0;
	for (size_t i = 0; i < ix->ned; i++) {
		const struct edit *ed = &ix->ed[i];
		const char *slash;
		size_t plen;
		if (len && !(ed->len > len && ed->path[len] == '/' && !memcmp(ed->path, dir, len)))
			continue;
		slash = memrchr(ed->path, '/', ed->len);
		plen = slash ? (size_t)(slash - ed->path) : 0;
		if (ix->trees(ix->trees_ctx, ed->path, plen, 0, tmp) != 1 ||
		    ix->trees(ix->trees_ctx, ed->path, plen, 1, tmp) != 1 ||
		    conflicted(ix, ed->path, ed->len))
			return 0;
		if (find0(ix, ed->path))
			delta -= ed->remove;
		else
			delta += !ed->remove;
	}
	*count += delta;
	return *count >= 0;
}

/* One node of the TREE extension (git's cache of the trees of the index), copied with the
 * trees above a changed path updated to the new commit's (still_valid) or marked invalid, as
 * `git add` does: "name\0count subtrees\n" and the tree's id when count is not -1, then its
 * subtrees. */
static int tree_node(struct obuf *o, const unsigned char **pp, const unsigned char *end,
                     const struct cairn_index *ix, char *dir, size_t dirlen, int depth)
{
	const unsigned char *p = *pp, *nul, *nl;
	char *num_end, line[48];
	long count;
	unsigned long subtrees;
	size_t namelen, len = dirlen;
	int n;

	if (depth > TREE_DEPTH || !(nul = memchr(p, 0, (size_t)(end - p))) ||
	    !(nl = memchr(nul, '\n', (size_t)(end - nul))) || nl - nul > 40)
		return -1;
	namelen = (size_t)(nul - p);
	memcpy(line, nul + 1, (size_t)(nl - nul - 1));
	line[nl - nul - 1] = '\0';
	errno = 0;
	count = strtol(line, &num_end, 10);
	if (*num_end != ' ' || count < -1)
		return -1;
	subtrees = strtoul(num_end + 1, &num_end, 10);
	if (*num_end || errno || subtrees > (size_t)(end - p))
		return -1;
	if (depth) { /* the top has no name */
		if (dirlen + namelen + 2 > PATH_MAX)
			return -1;
		if (dirlen)
			dir[len++] = '/';
		memcpy(dir + len, p, namelen);
		len += namelen;
	}
	dir[len] = '\0';
	p = nl + 1;
	ob_put(o, *pp, namelen + 1);
	if (count >= 0) {
		if ((size_t)(end - p) < CAIRN_IX_ID)
			return -1;
		if (touched(ix, dir, len)) {
			unsigned char nid[CAIRN_IX_ID];
			if (still_valid(ix, dir, len, p, &count, nid)) {
				n = snprintf(line, sizeof(line), "%ld %lu\n", count, subtrees);
				ob_put(o, line, (size_t)n);
				ob_put(o, nid, CAIRN_IX_ID);
			} else {
				n = snprintf(line, sizeof(line), "-1 %lu\n", subtrees);
				ob_put(o, line, (size_t)n);
			}
		} else {
			ob_put(o, nul + 1, (size_t)(p - nul - 1) + CAIRN_IX_ID);
		}
		p += CAIRN_IX_ID;
	} else {
		ob_put(o, nul + 1, (size_t)(p - nul - 1));
	}
	for (unsigned long i = 0; i < subtrees; i++)
		if (tree_node(o, &p, end, ix, dir, len, depth + 1) < 0)
			return -1;
	*pp = p;
	return 0;
}

static void put_tree_ext(struct obuf *o, const unsigned char *data, size_t len,
                         const struct cairn_index *ix)
{
	struct obuf t = {.fd = -1};
	const unsigned char *p = data, *end = data + len;
	char dir[PATH_MAX + 1];
	unsigned char head[8];

	while (p < end)
		if (tree_node(&t, &p, end, ix, dir, 0, 0) < 0) {
			t.failed = 1; /* not understood: left out, git makes it again */
			break;
		}
	if (!t.failed && t.len) {
		memcpy(head, "TREE", 4);
		put32(head + 4, (uint32_t)t.len);
		ob_put(o, head, 8);
		ob_put(o, t.p, t.len);
	}
	free(t.p);
}

/* the entries in order, the queued edits merged in */
static void merge(struct writer *w, const struct cairn_index *ix)
{
	size_t i = 0, j = 0;

	while (i < ix->n || j < ix->ned) {
		const struct ent *e = i < ix->n ? &ix->e[i] : NULL;
		const struct edit *ed = j < ix->ned ? &ix->ed[j] : NULL;
		int c = !e ? 1 : !ed ? -1 : name_cmp(e->name, e->namelen, ed->path, ed->len);
		if (c < 0) {
			emit(w, e->fix, e->fixlen, e->name, e->namelen);
			i++;
			continue;
		}
		while (c == 0 && ++i < ix->n)
			c = name_cmp(ix->e[i].name, ix->e[i].namelen, ed->path, ed->len);
		if (!ed->remove)
			emit(w, ed->fix, ed->fixlen, ed->path, ed->len);
		j++;
	}
}

/* Writes the new index to fd: 0, CAIRN_ENOMEM, or CAIRN_EIO with errno set. */
static int build(int fd, struct cairn_index *ix)
{
	struct writer w = {.o = {.fd = fd}, .counting = 1};
	unsigned char head[12], sum[EVP_MAX_MD_SIZE];
	unsigned sumlen = 0;
	int rc;

	if (ix->ned)
		qsort(ix->ed, ix->ned, sizeof(*ix->ed), edit_cmp);
	w.version = ix->version;
	for (size_t k = 0; k < ix->ned; k++)
		if (!ix->ed[k].remove && ix->ed[k].fixlen > FIXED && w.version < 3)
			w.version = 3;
	merge(&w, ix);
	if (!(w.o.md = EVP_MD_CTX_new()) || EVP_DigestInit_ex(w.o.md, EVP_sha1(), NULL) != 1) {
		EVP_MD_CTX_free(w.o.md);
		return CAIRN_ENOMEM;
	}
	memcpy(head, "DIRC", 4);
	put32(head + 4, w.version);
	put32(head + 8, w.count);
	ob_put(&w.o, head, sizeof(head));
	w.counting = 0;
	merge(&w, ix);
	/* the extensions: the tree cache is kept true; resolve-undo is by path and stays; the
	 * others (untracked cache, fsmonitor, offset tables) describe the old file and are left
	 * out, for git to make again */
	for (const unsigned char *p = ix->ext; p && p + 8 <= ix->ext_end; p += 8 + be32(p + 4)) {
		if (!memcmp(p, "TREE", 4))
			put_tree_ext(&w.o, p + 8, be32(p + 4), ix);
		else if (!memcmp(p, "REUC", 4))
			ob_put(&w.o, p, 8 + be32(p + 4));
	}
	ob_flush(&w.o);
	if (!w.o.failed && (EVP_DigestFinal_ex(w.o.md, sum, &sumlen) != 1 || sumlen != CAIRN_IX_ID))
		w.o.failed = 1;
	if (!w.o.failed && write_all(fd, sum, CAIRN_IX_ID) < 0) {
		w.o.failed = 2;
		w.o.err = errno;
	}
	rc = w.o.failed == 1 ? CAIRN_ENOMEM : w.o.failed ? CAIRN_EIO : 0;
	errno = w.o.err;
	EVP_MD_CTX_free(w.o.md);
	free(w.o.p);
	return rc;
}

static int io_fail(cairn_err *err, const char *what, const char *path)
{
	cairn_err_set(err, CAIRN_EIO, "cannot %s git's index: %s", what, strerror(errno));
	cairn_err_at(err, path, 0, 0);
	return CAIRN_EIO;
}

int cairn_index_update(const char *gitdir, cairn_index_fn fn, void *ctx, cairn_err *err)
{
	char *lock = cairn_path_join(gitdir, "index.lock"),
	     *real = cairn_path_join(gitdir, "index");
	struct cairn_index *ix = NULL;
	int fd = -1, rc, dfd;

	if (!lock || !real) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		if (errno != EEXIST) {
			rc = io_fail(err, "lock", ".git/index.lock");
			goto out;
		}
		rc =
		    cairn_err_set(err, CAIRN_ELOCKED,
		                  "git's index is locked (.git/index.lock): another git command is "
		                  "running, or was killed");
		goto out;
	}
	if ((rc = cairn_index_read(&ix, real, err)))
		goto fail;
	if ((rc = fn(ix, ctx, err)))
		goto fail;
	if ((rc = build(fd, ix))) {
		if (rc == CAIRN_ENOMEM)
			cairn_err_set(err, rc, "out of memory");
		else
			io_fail(err, "write", ".git/index");
		goto fail;
	}
	if ((cairn_fault("fsync") ? (errno = EIO, 1) : 0) || fsync(fd) < 0) {
		rc = io_fail(err, "write", ".git/index");
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		rc = io_fail(err, "write", ".git/index");
		goto fail;
	}
	fd = -1;
	if ((cairn_fault("rename") ? (errno = EIO, 1) : 0) || rename(lock, real) < 0) {
		rc = io_fail(err, "put in place", ".git/index");
		goto fail;
	}
	/* the new name is kept: a crash leaves the index as the commit sees it */
	if ((dfd = open(gitdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(lock);
out:
	cairn_index_free(ix);
	free(lock);
	free(real);
	return rc;
}
