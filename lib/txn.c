/* cairn — the write road: lock, write files, stage, one commit, roll back on failure.
 * libgit2 lives here. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cairn/date.h"
#include "cairn/fs.h"
#include "cairn/txn.h"
#include "cairn/yaml.h"

#include "git_priv.h"
#include "gitindex.h"

#define RETRIES       8
#define FILE_MAX_READ (64u * 1024 * 1024)

struct op {
	char *rel;
	char *data; /* NULL: remove */
	size_t len;
	char *old; /* content before the commit, when the file existed */
	size_t oldlen;
	char *tmp;    /* the prepared temporary file, until it is renamed into place */
	git_oid blob; /* the blob written from data */
	int had_old, written;
};

struct cairn_txn {
	struct cairn_repo *repo;
	int lockfd;
	struct op *ops;
	size_t n;
};

static int git_fail(cairn_err *err, int code, const char *what)
{
	const git_error *e = git_error_last();

	cairn_err_set(err, CAIRN_EIO, "git: cannot %s: %s", what,
	              e && e->message ? e->message : "unknown error");
	(void)code;
	return CAIRN_EIO;
}

int cairn_git_setup(cairn_err *err)
{
	static int done;

	if (done)
		return 0;
	if (git_libgit2_init() < 0)
		return git_fail(err, -1, "initialise libgit2");
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* one short command reads each object about once: libgit2's object cache (up to 256 MiB)
	 * only kept every tree of a status or a log in memory */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	/* and packs are read through small windows, at most a few MiB mapped at once */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)4 << 20);
	/* an object read is not hashed again to check its id (git does not either, outside
	 * `git fsck`): SHA-1 with collision detection was 41% of `cairn log` */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	done = 1;
	return 0;
}

int cairn_git_init_repo(const char *dir, const char *remote, cairn_err *err)
{
	git_repository_init_options opts;
	git_repository *r = NULL;
	git_config *cfg = NULL;
	git_buf have = GIT_BUF_INIT;
	int rc = 0;

	if ((rc = cairn_git_setup(err)))
		return rc;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	if (git_repository_init_ext(&r, dir, &opts) < 0)
		return git_fail(err, -1, "create the git repository");
	/* the remote is written as git itself records it; an origin already there is kept */
	if (remote) {
		if (git_repository_config(&cfg, r) < 0)
			rc = git_fail(err, -1, "read the repository's configuration");
		else if (git_config_get_string_buf(&have, cfg, "remote.origin.url") ==
		             GIT_ENOTFOUND &&
		         (git_config_set_string(cfg, "remote.origin.url", remote) < 0 ||
		          git_config_set_string(cfg, "remote.origin.fetch",
		                                "+refs/heads/*:refs/remotes/origin/*") < 0))
			rc = git_fail(err, -1, "add the remote");
	}
	git_buf_dispose(&have);
	git_config_free(cfg);
	git_repository_free(r);
	return rc;
}

int cairn_txn_begin_ex(struct cairn_txn **out, struct cairn_repo *repo, double timeout, int recover,
                       cairn_err *err)
{
	struct cairn_txn *txn;
	char *lock;
	int rc;

	*out = NULL;
	if (!(txn = calloc(1, sizeof(*txn))))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	txn->repo = repo;
	txn->lockfd = -1;
	if (!(lock = cairn_path_join(repo->gitdir, CAIRN_LOCK_FILE))) {
		free(txn);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	rc = cairn_fs_lock(&txn->lockfd, lock, timeout, err);
	free(lock);
	if (rc) {
		free(txn);
		return rc;
	}
	/* an interrupted command's change is undone before this one starts; this one does not
	 * start on top of one that could not be undone */
	if (recover && (rc = cairn_txn_recover(repo, 1, NULL, NULL, err))) {
		cairn_err_hint(err, "an interrupted cairn command left changes that could not be "
		                    "put back; `cairn doctor --fix` puts them back");
		cairn_txn_free(txn);
		return rc;
	}
	*out = txn;
	return 0;
}

int cairn_txn_begin(struct cairn_txn **out, struct cairn_repo *repo, double timeout, cairn_err *err)
{
	return cairn_txn_begin_ex(out, repo, timeout, 1, err);
}

static struct op *find_op(struct cairn_txn *txn, const char *rel)
{
	for (size_t i = 0; i < txn->n; i++)
		if (!strcmp(txn->ops[i].rel, rel))
			return &txn->ops[i];
	return NULL;
}

static int queue(struct cairn_txn *txn, const char *rel, const char *data, size_t len,
                 cairn_err *err)
{
	struct op *op = find_op(txn, rel);
	char *copy = NULL;

	if (!rel[0] || rel[0] == '/' || strstr(rel, "..") || !strncmp(rel, ".git", 4))
		return cairn_err_set(err, CAIRN_EUSAGE, "refusing to write outside the records: %s",
		                     rel);
	if (data) {
		if (!(copy = malloc(len + 1)))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		memcpy(copy, data, len);
		copy[len] = '\0';
	}
	if (!op) {
		struct op *nv = realloc(txn->ops, (txn->n + 1) * sizeof(*nv));
		if (!nv) {
			free(copy);
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		txn->ops = nv;
		op = &nv[txn->n];
		memset(op, 0, sizeof(*op));
		if (!(op->rel = strdup(rel))) {
			free(copy);
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		txn->n++;
	}
	free(op->data);
	op->data = copy;
	op->len = len;
	return 0;
}

int cairn_txn_put(struct cairn_txn *txn, const char *rel, const char *data, size_t len,
                  cairn_err *err)
{
	return queue(txn, rel, data, len, err);
}

int cairn_txn_remove(struct cairn_txn *txn, const char *rel, cairn_err *err)
{
	return queue(txn, rel, NULL, 0, err);
}

static void backoff(int attempt)
{
	struct timespec ts = {0, (long)(10 * 1000 * 1000) << (attempt > 6 ? 6 : attempt)};

	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec = ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
	}
	nanosleep(&ts, NULL);
}

static int retryable(int code)
{
	return code == GIT_ELOCKED || code == GIT_EMODIFIED;
}

static char *config_string(git_config *cfg, const char *key)
{
	git_buf buf = GIT_BUF_INIT;
	char *s = NULL;

	if (cfg && git_config_get_string_buf(&buf, cfg, key) == 0 && buf.size)
		s = strdup(buf.ptr);
	git_buf_dispose(&buf);
	return s;
}

int cairn_identity(char **name, char **email, const struct cairn_repo *repo, cairn_err *err)
{
	const char *en = getenv("GIT_AUTHOR_NAME"), *ee = getenv("GIT_AUTHOR_EMAIL");
	git_repository *r = NULL;
	git_config *cfg = NULL;

	*name = en && *en ? strdup(en) : NULL;
	*email = ee && *ee ? strdup(ee) : NULL;
	if ((!*name || !*email) && !cairn_git_setup(NULL) &&
	    git_repository_open(&r, repo->dir) == 0 &&
	    git_repository_config_snapshot(&cfg, r) == 0) {
		if (!*name)
			*name = config_string(cfg, "user.name");
		if (!*email)
			*email = config_string(cfg, "user.email");
	}
	git_config_free(cfg);
	git_repository_free(r);
	if (!*name) {
		struct cairn_profile *p;
		cairn_err ignored;
		if (cairn_repo_profile(&p, repo, &ignored) == 0) {
			*name = cairn_strdup(p->name);
			cairn_profile_free(p);
		}
	}
	if (!*name)
		*name = strdup("cairn");
	if (!*email)
		*email = strdup("cairn@localhost");
	if (!*name || !*email) {
		free(*name);
		free(*email);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	return 0;
}

/* A signature at the time git's variable var names ("@UNIX", "YYYY-MM-DD" or
 * "YYYY-MM-DDTHH:MM:SS", UTC), as git itself honours it; now when it is not set. */
static int signature_at(git_signature **out, const char *name, const char *email, const char *var)
{
	const char *v = getenv(var);
	int y, mo, d, h = 12, mi = 0, s = 0;
	cairn_date day;
	cairn_err e;

	if (v && v[0] == '@')
		return git_signature_new(out, name, email, (git_time_t)strtoll(v + 1, NULL, 10), 0);
	if (v &&
	    (sscanf(v, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) == 6 ||
	     sscanf(v, "%d-%d-%d", &y, &mo, &d) == 3) &&
	    !cairn_date_from_ymd(&day, y, mo, d, &e))
		return git_signature_new(out, name, email,
		                         (git_time_t)(day - cairn_date_from_unix(0)) * 86400 +
		                             h * 3600 + mi * 60 + s,
		                         0);
	return git_signature_now(out, name, email);
}

static int signatures(git_signature **author, git_signature **committer,
                      const struct cairn_repo *repo, cairn_err *err)
{
	char *name, *email;
	const char *cn = getenv("GIT_COMMITTER_NAME"), *ce = getenv("GIT_COMMITTER_EMAIL");
	int rc;

	if ((rc = cairn_identity(&name, &email, repo, err)))
		return rc;
	rc = signature_at(author, name, email, "GIT_AUTHOR_DATE");
	if (!rc)
		rc = signature_at(committer, cn && *cn ? cn : name, ce && *ce ? ce : email,
		                  "GIT_COMMITTER_DATE");
	free(name);
	free(email);
	return rc < 0 ? git_fail(err, rc, "make the commit's signature") : 0;
}

/* ---- the index, changed with git's own lock held from the read to the write ----
 * libgit2 reads the index, and only takes .git/index.lock to write it: a person's `git
 * commit` in between had its entries overwritten (their commit's files then showed as
 * staged deletions). cairn takes .git/index.lock first, as git does, reads the index from a
 * copy, lets fn change it, writes the copy and renames it over .git/index, and only then lets
 * the lock go. */
/* ---- the journal: what an interrupted commit was doing, so that it can be undone ----
 * "cairn-journal 2\n", then for each file "<new blob id or -> <HEAD's blob id or -> <length
 * before or -> <path>\n" followed by the bytes before and "\n" when it existed. */
#define JOURNAL_MAGIC "cairn-journal 2\n"

struct jentry {
	char *rel;
	int has_new, has_old, has_head;
	git_oid new_id, head_id;
	const char *old;
	size_t oldlen;
};

static char *journal_path(const struct cairn_repo *repo)
{
	return cairn_path_join(repo->gitdir, CAIRN_JOURNAL_FILE);
}

/* HEAD's tree; *tree NULL on an unborn branch. Any other failure is an error: a HEAD that
 * cannot be read is not a HEAD without the file. */
static int head_tree(git_tree **tree, git_repository *r)
{
	git_object *obj = NULL;
	int rc = git_revparse_single(&obj, r, "HEAD^{tree}");

	*tree = NULL;
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return 0;
	if (rc < 0)
		return rc;
	*tree = (git_tree *)obj;
	return 0;
}

/* 1 and *id when path is in tree, 0 when not, < 0 on a failure. */
static int tree_blob(git_oid *id, git_tree *tree, const char *path)
{
	git_tree_entry *te = NULL;
	int rc;

	if (!tree)
		return 0;
	rc = git_tree_entry_bypath(&te, tree, path);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	*id = *git_tree_entry_id(te);
	git_tree_entry_free(te);
	return 1;
}

static int journal_write(struct cairn_txn *txn, git_repository *r, cairn_err *err)
{
	struct cairn_buf b = {0};
	char *path = journal_path(txn->repo);
	git_tree *head = NULL;
	int rc;

	if (head_tree(&head, r) < 0) {
		rc = git_fail(err, -1, "read HEAD");
		goto out;
	}
	cairn_buf_printf(&b, "%s", JOURNAL_MAGIC);
	for (size_t i = 0; i < txn->n; i++) {
		struct op *op = &txn->ops[i];
		char hex[GIT_OID_HEXSZ + 1] = "-", hhex[GIT_OID_HEXSZ + 1] = "-";
		git_oid id;
		int in_head;
		if (op->data) {
			if (git_odb_hash(&id, op->data, op->len, GIT_OBJECT_BLOB) < 0) {
				rc = git_fail(err, -1, "hash a file");
				goto out;
			}
			git_oid_tostr(hex, sizeof(hex), &id);
		}
		if ((in_head = tree_blob(&id, head, op->rel)) < 0) {
			rc = git_fail(err, -1, "read HEAD");
			goto out;
		}
		if (in_head)
			git_oid_tostr(hhex, sizeof(hhex), &id);
		if (op->had_old) {
			cairn_buf_printf(&b, "%s %s %zu %s\n", hex, hhex, op->oldlen, op->rel);
			cairn_buf_add(&b, op->old, op->oldlen);
			cairn_buf_add(&b, "\n", 1);
		} else {
			cairn_buf_printf(&b, "%s %s - %s\n", hex, hhex, op->rel);
		}
	}
	if (!path || b.failed)
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	else
		rc = cairn_fs_write_atomic(path, b.data, b.len, err);
out:
	git_tree_free(head);
	cairn_buf_release(&b);
	free(path);
	return rc;
}

static void journal_remove(const struct cairn_repo *repo)
{
	char *path = journal_path(repo);

	if (path)
		cairn_fs_unlink(path, NULL);
	free(path);
}

/* Splits a journal read into buf (kept: the entries point into it). */
static int parse_id(git_oid *id, int *has, const char *s)
{
	*has = strcmp(s, "-") != 0;
	return *has && git_oid_fromstr(id, s) < 0 ? -1 : 0;
}

/* Splits a journal read into buf (kept: the entries point into it). */
static int journal_parse(struct jentry **out, size_t *count, char *buf, size_t len)
{
	struct jentry *v = NULL;
	size_t n = 0, ml = strlen(JOURNAL_MAGIC);
	char *p = buf, *end = buf + len;

	*out = NULL;
	*count = 0;
	if (len < ml || memcmp(buf, JOURNAL_MAGIC, ml))
		return -1;
	for (p += ml; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *f[4], *q;
		struct jentry *nv, *e;
		if (!nl)
			goto bad;
		*nl = '\0';
		/* four fields: the path, last, may hold spaces */
		f[0] = p;
		for (int k = 1; k < 4; k++) {
			if (!(q = strchr(f[k - 1], ' ')))
				goto bad;
			*q = '\0';
			f[k] = q + 1;
		}
		if (!(nv = realloc(v, (n + 1) * sizeof(*v))))
			goto bad;
		v = nv;
		e = &v[n++];
		memset(e, 0, sizeof(*e));
		e->rel = f[3];
		if (parse_id(&e->new_id, &e->has_new, f[0]) < 0 ||
		    parse_id(&e->head_id, &e->has_head, f[1]) < 0)
			goto bad;
		p = nl + 1;
		if (strcmp(f[2], "-")) {
			char *num_end;
			unsigned long long ol = strtoull(f[2], &num_end, 10);
			if (!f[2][0] || *num_end || ol > (unsigned long long)(end - p) ||
			    (size_t)(end - p) < ol + 1 || p[ol] != '\n')
				goto bad;
			e->has_old = 1;
			e->old = p;
			e->oldlen = (size_t)ol;
			p += ol + 1;
		}
		if (!e->rel[0] || e->rel[0] == '/' || strstr(e->rel, "..") ||
		    !strncmp(e->rel, ".git", 4))
			goto bad;
	}
	*out = v;
	*count = n;
	return 0;
bad:
	free(v);
	return -1;
}

/* The state of a file: 0 absent, 1 present with *id its blob id; -1 unreadable. */
static int file_state(git_oid *id, const struct cairn_repo *repo, const char *rel)
{
	char *abs = cairn_repo_path(repo, rel), *buf = NULL;
	size_t len;
	cairn_err e;
	int rc;

	if (!abs)
		return -1;
	rc = cairn_fs_read(&buf, &len, abs, FILE_MAX_READ, &e);
	free(abs);
	if (rc == CAIRN_ENOTFOUND)
		return 0;
	if (rc)
		return -1;
	rc = git_odb_hash(id, buf, len, GIT_OBJECT_BLOB) < 0 ? -1 : 1;
	free(buf);
	return rc;
}

static int same_state(int a, const git_oid *ia, int b, const git_oid *ib)
{
	return a == b && (a == 0 || git_oid_equal(ia, ib));
}

/* Removes cairn's temporary files beside rel (".<name>.cairn-tmp.XXXXXX"). */
static void remove_tmp_beside(const struct cairn_repo *repo, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *dir = slash ? strndup(rel, (size_t)(slash - rel)) : strdup(".");
	char *absdir = dir ? cairn_repo_path(repo, dir) : NULL, **names;
	const char *base = slash ? slash + 1 : rel;
	size_t n, bl = strlen(base);
	cairn_err e;

	if (absdir && cairn_fs_list(&names, &n, absdir, &e) == 0) {
		for (size_t i = 0; i < n; i++) {
			const char *nm = names[i];
			if (nm[0] == '.' && !strncmp(nm + 1, base, bl) &&
			    !strncmp(nm + 1 + bl, CAIRN_TMP_MARK, sizeof(CAIRN_TMP_MARK) - 1)) {
				char *p = cairn_path_join(absdir, nm);
				if (p)
					cairn_fs_unlink(p, NULL);
				free(p);
			}
		}
		cairn_strv_free(names);
	}
	free(absdir);
	free(dir);
}

static int read_index(struct cairn_index **ix, const struct cairn_repo *repo, cairn_err *err)
{
	char *path = cairn_path_join(repo->gitdir, "index");
	int rc = path ? cairn_index_read(ix, path, err)
	              : cairn_err_set(err, CAIRN_ENOMEM, "out of memory");

	if (rc && err && path)
		cairn_err_at(err, ".git/index", 0, 0);
	free(path);
	return rc;
}

/* Makes the index entries of the journal's paths those of HEAD where cairn staged them or the
 * file was put back (reset[i]); what a person staged there is theirs. */
struct reset_ctx {
	git_tree *head;
	const struct cairn_repo *repo;
	const struct jentry *v;
	const char *reset;
	size_t n;
};

static int reset_fn(struct cairn_index *ix, void *ctx, cairn_err *err)
{
	struct reset_ctx *c = ctx;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		git_tree_entry *te = NULL;
		git_oid ie, cur;
		int has_ie = cairn_index_get(ix, c->v[i].rel, ie.id, NULL);
		if (!c->reset[i] &&
		    !(has_ie && c->v[i].has_new && git_oid_equal(&ie, &c->v[i].new_id)))
			continue;
		if (c->head && git_tree_entry_bypath(&te, c->head, c->v[i].rel) == 0) {
			const git_oid *hid = git_tree_entry_id(te);
			if (has_ie && git_oid_equal(&ie, hid)) {
				git_tree_entry_free(te);
				continue;
			}
			if (file_state(&cur, c->repo, c->v[i].rel) == 1 &&
			    git_oid_equal(&cur, hid)) {
				char *abs = cairn_repo_path(c->repo, c->v[i].rel);
				rc = abs ? cairn_index_put_file(ix, c->v[i].rel, abs, hid->id)
				         : CAIRN_ENOMEM;
				free(abs);
			} else {
				rc = cairn_index_put_id(ix, c->v[i].rel,
				                        (unsigned)git_tree_entry_filemode(te),
				                        hid->id);
			}
			git_tree_entry_free(te);
		} else if (has_ie) {
			rc = cairn_index_remove(ix, c->v[i].rel);
		}
	}
	return rc ? cairn_err_set(err, rc, "cannot put the index entry back") : 0;
}

static int reset_index_entries(git_tree *head, const struct cairn_repo *repo,
                               const struct jentry *v, const char *reset, size_t n, cairn_err *err)
{
	struct reset_ctx c = {head, repo, v, reset, n};

	for (int attempt = 0;; attempt++) {
		int rc = cairn_index_update(repo->gitdir, reset_fn, &c, err);
		if (rc != CAIRN_ELOCKED || attempt + 1 >= RETRIES)
			return rc;
		backoff(attempt);
	}
}

int cairn_txn_recover(struct cairn_repo *repo, int fix, char ***paths, int *found, cairn_err *err)
{
	char *jpath = journal_path(repo), *buf = NULL, **out = NULL;
	struct jentry *v = NULL;
	size_t len, n = 0, k = 0;
	git_repository *r = NULL;
	git_tree *head = NULL;
	struct cairn_index *idx = NULL;
	char *reset = NULL;
	cairn_err e;
	int rc;

	if (paths)
		*paths = NULL;
	if (found)
		*found = 0;
	if (!jpath)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_fs_read(&buf, &len, jpath, FILE_MAX_READ * 4, &e);
	if (rc == CAIRN_ENOTFOUND) {
		free(jpath);
		if (paths && !(*paths = calloc(1, sizeof(char *))))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		return 0;
	}
	if (found)
		*found = 1;
	if (rc) {
		if (err)
			*err = e;
		goto out;
	}
	if (journal_parse(&v, &n, buf, len) < 0) {
		rc = cairn_err_set(err, CAIRN_EDATA,
		                   "the journal of an interrupted command is "
		                   "damaged");
		cairn_err_at(err, ".git/" CAIRN_JOURNAL_FILE, 0, 0);
		cairn_err_hint(err,
		               "compare the work tree with `git status`, then remove the file");
		goto out;
	}
	if (!(out = calloc(n + 1, sizeof(*out)))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = cairn_git_setup(err)))
		goto out;
	if (git_repository_open(&r, repo->dir) < 0) {
		rc = git_fail(err, -1, "open the repository");
		goto out;
	}
	if (head_tree(&head, r) < 0) {
		rc = git_fail(err, -1, "read HEAD");
		goto out;
	}
	if ((rc = read_index(&idx, repo, err)))
		goto out;
	if (!(reset = calloc(n ? n : 1, 1))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		git_oid cur_id, head_id;
		int cur = file_state(&cur_id, repo, v[i].rel), in_head;
		if (cur < 0) {
			rc =
			    cairn_err_set(err, CAIRN_EIO, "cannot read the file to put it back: %s",
			                  strerror(errno));
			cairn_err_at(err, v[i].rel, 0, 0);
			goto out;
		}
		if ((in_head = tree_blob(&head_id, head, v[i].rel)) < 0) {
			rc = git_fail(err, -1, "read HEAD");
			goto out;
		}
		/* committed, or never touched: nothing to undo in the file, but maybe in the
		 * index, where cairn staged what it was writing */
		if (same_state(cur, &cur_id, in_head, &head_id)) {
			git_oid ie;
			if (cairn_index_get(idx, v[i].rel, ie.id, NULL) && v[i].has_new &&
			    git_oid_equal(&ie, &v[i].new_id) &&
			    !same_state(in_head, &head_id, 1, &v[i].new_id) &&
			    !(out[k++] = strdup(v[i].rel))) {
				rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
				goto out;
			}
			continue;
		}
		/* changed since by someone else (the file, or HEAD by a commit made by hand):
		 * theirs */
		if (!same_state(cur, &cur_id, v[i].has_new, &v[i].new_id) ||
		    !same_state(in_head, &head_id, v[i].has_head, &v[i].head_id))
			continue;
		if (!(out[k++] = strdup(v[i].rel))) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
		reset[i] = 1;
		if (!fix)
			continue;
		{
			char *abs = cairn_repo_path(repo, v[i].rel);
			rc = !abs           ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
			     : v[i].has_old ? cairn_fs_write_atomic(abs, v[i].old, v[i].oldlen, err)
			                    : cairn_fs_unlink(abs, err);
			free(abs);
			if (rc) {
				cairn_err_at(err, v[i].rel, 0, 0);
				goto out;
			}
		}
	}
	if (fix) {
		for (size_t i = 0; i < n; i++)
			remove_tmp_beside(repo, v[i].rel);
		remove_tmp_beside(repo, ".git/" CAIRN_JOURNAL_FILE);
		if ((rc = reset_index_entries(head, repo, v, reset, n, err)))
			goto out;
		journal_remove(repo);
	}
	if (paths) {
		*paths = out;
		out = NULL;
	}
	rc = 0;
out:
	cairn_index_free(idx);
	free(reset);
	cairn_strv_free(out);
	git_tree_free(head);
	git_repository_free(r);
	free(v);
	free(buf);
	free(jpath);
	return rc;
}

/* The tree of the new commit: the parent's tree with the transaction's files put in or taken
 * out. It is built from HEAD, not from the index, so that what the user has staged by hand
 * stays theirs and is not swept into cairn's commit. */
static int build_tree(git_oid *out, git_repository *r, git_commit *parent, struct cairn_txn *txn)
{
	git_tree *base = NULL;
	git_tree_update *up = NULL;
	size_t n = 0;
	int rc;

	if (parent && (rc = git_commit_tree(&base, parent)) < 0)
		return rc;
	if (!base) {
		git_treebuilder *tb = NULL;
		git_oid empty;
		if ((rc = git_treebuilder_new(&tb, r, NULL)) < 0)
			return rc;
		rc = git_treebuilder_write(&empty, tb);
		git_treebuilder_free(tb);
		if (rc < 0 || (rc = git_tree_lookup(&base, r, &empty)) < 0)
			return rc;
	}
	if (!(up = calloc(txn->n ? txn->n : 1, sizeof(*up)))) {
		git_tree_free(base);
		return GIT_ERROR;
	}
	for (size_t i = 0; i < txn->n; i++) {
		struct op *op = &txn->ops[i];
		if (!op->data) {
			git_tree_entry *e = NULL;
			if (git_tree_entry_bypath(&e, base, op->rel) < 0)
				continue; /* not in HEAD: nothing to take out */
			git_tree_entry_free(e);
			up[n].action = GIT_TREE_UPDATE_REMOVE;
		} else {
			if ((rc = git_blob_create_from_buffer(&up[n].id, r, op->data, op->len)) < 0)
				goto out;
			op->blob = up[n].id;
			up[n].action = GIT_TREE_UPDATE_UPSERT;
			up[n].filemode = GIT_FILEMODE_BLOB;
		}
		up[n++].path = op->rel;
	}
	rc = cairn_fault("git-tree-write") ? GIT_ERROR
	                                   : git_tree_create_updated(out, r, base, n, up);
out:
	free(up);
	git_tree_free(base);
	return rc;
}

/* The index entries of the transaction's paths before cairn touched them, to put back. */
struct saved_entry {
	unsigned char raw[CAIRN_IX_ENTRY_FIXED];
	size_t len; /* 0: there was none */
};

struct saved_index {
	struct saved_entry *v;
	int saved;
};

/* Makes the index entries of the transaction's paths match the new commit, leaving every
 * other entry (what the user staged) as it is. */
struct stage_ctx {
	struct saved_index *sv;
	struct cairn_txn *txn;
	git_tree *before, *after; /* the commit's trees, when staging it */
};

/* cairn_index_tree_fn: the folder dir of the tree before or after the commit */
static int tree_at(void *ctx, const char *dir, size_t len, int after, unsigned char id[CAIRN_IX_ID])
{
	const struct stage_ctx *c = ctx;
	git_tree *root = after ? c->after : c->before;
	git_tree_entry *e = NULL;
	char path[PATH_MAX];
	int ok;

	if (!root)
		return 0;
	if (!len) {
		memcpy(id, git_tree_id(root)->id, CAIRN_IX_ID);
		return 1;
	}
	if (len >= sizeof(path))
		return 0;
	memcpy(path, dir, len);
	path[len] = '\0';
	if (git_tree_entry_bypath(&e, root, path) < 0)
		return 0;
	if ((ok = git_tree_entry_type(e) == GIT_OBJECT_TREE))
		memcpy(id, git_tree_entry_id(e)->id, CAIRN_IX_ID);
	git_tree_entry_free(e);
	return ok;
}

static int stage_fn(struct cairn_index *ix, void *ctx, cairn_err *err)
{
	struct stage_ctx *c = ctx;
	struct cairn_txn *txn = c->txn;

	if (c->after)
		cairn_index_set_trees(ix, tree_at, c);
	if (!c->sv->saved) {
		for (size_t i = 0; i < txn->n; i++)
			c->sv->v[i].len = cairn_index_raw(ix, txn->ops[i].rel, c->sv->v[i].raw);
		c->sv->saved = 1;
	}
	for (size_t i = 0; i < txn->n; i++) {
		struct op *op = &txn->ops[i];
		char *abs = NULL;
		int rc;
		if (cairn_fault("git-index-add"))
			return cairn_err_set(err, CAIRN_EIO, "cannot stage %s", op->rel);
		if (op->data && !(abs = cairn_repo_path(txn->repo, op->rel)))
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		rc = op->data ? cairn_index_put_file(ix, op->rel, abs, op->blob.id)
		              : cairn_index_remove(ix, op->rel);
		free(abs);
		if (rc)
			return cairn_err_set(err, rc, "cannot stage %s: %s", op->rel,
			                     rc == CAIRN_ENOMEM ? "out of memory"
			                                        : strerror(errno));
	}
	if (cairn_fault("git-index-write"))
		return cairn_err_set(err, CAIRN_EIO, "cannot write git's index");
	return 0;
}

static int stage(struct saved_index *sv, struct cairn_txn *txn, git_tree *before, git_tree *after,
                 cairn_err *err)
{
	struct stage_ctx c = {sv, txn, before, after};
	return cairn_index_update(txn->repo->gitdir, stage_fn, &c, err);
}

/* Puts the previous files back, and the index entries of those paths as they were. Returns
 * -1 when something could not be put back (the journal then stays for the next command). */
static int undo_fn(struct cairn_index *ix, void *ctx, cairn_err *err)
{
	struct stage_ctx *c = ctx;
	int rc = 0;

	(void)err;
	for (size_t i = 0; rc == 0 && i < c->txn->n; i++) {
		const struct saved_entry *e = &c->sv->v[i];
		rc = e->len ? cairn_index_put_raw(ix, c->txn->ops[i].rel, e->raw, e->len)
		            : cairn_index_remove(ix, c->txn->ops[i].rel);
	}
	return rc;
}

static int roll_back(struct saved_index *sv, struct cairn_txn *txn)
{
	int bad = 0;

	for (size_t i = 0; i < txn->n; i++) {
		struct op *op = &txn->ops[i];
		char *abs;
		if (op->tmp) {
			unlink(op->tmp);
			free(op->tmp);
			op->tmp = NULL;
		}
		if (!op->written)
			continue;
		if (!(abs = cairn_repo_path(txn->repo, op->rel))) {
			bad = -1;
			continue;
		}
		if (op->had_old ? cairn_fs_write_atomic(abs, op->old, op->oldlen, NULL)
		                : cairn_fs_unlink(abs, NULL))
			bad = -1;
		free(abs);
	}
	if (!sv->saved)
		return bad;
	for (int attempt = 0; attempt < RETRIES; attempt++) {
		struct stage_ctx c = {sv, txn, NULL, NULL};
		int rc = cairn_index_update(txn->repo->gitdir, undo_fn, &c, NULL);
		if (rc == 0)
			return bad;
		if (rc != CAIRN_ELOCKED)
			break;
		backoff(attempt);
	}
	return -1;
}

int cairn_txn_commit(struct cairn_txn *txn, const char *message, int *changed, cairn_err *err)
{
	git_repository *r = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_oid tree_id, head_id, commit_id;
	struct saved_index sv = {0};
	int rc = 0, gerr = 0, attempt, journal = 0;
	const char *step = "";

	if (changed)
		*changed = 0;
	if ((rc = cairn_git_setup(err)))
		return rc;
	if (git_repository_open(&r, txn->repo->dir) < 0)
		return git_fail(err, -1, "open the repository");
	/* keep what was there, so that a failure can put it back */
	for (size_t i = 0; i < txn->n; i++) {
		struct op *op = &txn->ops[i];
		char *abs = cairn_repo_path(txn->repo, op->rel);
		cairn_err e2;
		if (!abs) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto fail;
		}
		rc = cairn_fs_read(&op->old, &op->oldlen, abs, FILE_MAX_READ, &e2);
		free(abs);
		if (rc == 0)
			op->had_old = 1;
		else if (rc != CAIRN_ENOTFOUND) {
			*err = e2;
			goto fail;
		}
		rc = 0;
	}
	/* the journal first: from here on an interrupted command is undone by the next one */
	if ((rc = journal_write(txn, r, err))) {
		if (err && err->file[0] == '/')
			cairn_err_at(err, ".git/" CAIRN_JOURNAL_FILE, 0, 0);
		journal_remove(txn->repo); /* renamed into place, then its folder's fsync failed */
		goto out_no_journal;
	}
	journal = 1;
	/* every new file written and synced beside its place before any is put in place, so
	 * that a full disk changes nothing */
	for (size_t i = 0; i < txn->n; i++) {
		struct op *op = &txn->ops[i];
		char *abs;
		if (!op->data)
			continue;
		if (!(abs = cairn_repo_path(txn->repo, op->rel))) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto fail;
		}
		rc = cairn_fs_prepare(&op->tmp, abs, op->data, op->len, err);
		free(abs);
		if (rc) {
			if (err && err->file[0] == '/')
				cairn_err_at(err, op->rel, 0, 0);
			goto fail;
		}
	}
	for (size_t i = 0; i < txn->n; i++) {
		struct op *op = &txn->ops[i];
		char *abs = cairn_repo_path(txn->repo, op->rel);
		if (!abs) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto fail;
		}
		op->written = 1;
		rc = op->data ? cairn_fs_install(op->tmp, abs, err) : cairn_fs_unlink(abs, err);
		free(abs);
		free(op->tmp);
		op->tmp = NULL;
		if (rc) {
			if (err && err->file[0] == '/')
				cairn_err_at(err, op->rel, 0, 0);
			goto fail;
		}
	}
	/* after the files: a new profile's name is then known for the author */
	if ((rc = signatures(&author, &committer, txn->repo, err)))
		goto fail;
	if (!(sv.v = calloc(txn->n ? txn->n : 1, sizeof(*sv.v)))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto fail;
	}
	for (attempt = 0;; attempt++) {
		const git_commit *parents[1];
		git_commit_free(parent);
		git_tree_free(tree);
		git_tree_free(ptree);
		parent = NULL;
		tree = NULL;
		ptree = NULL;
		step = "read HEAD";
		gerr = git_reference_name_to_id(&head_id, r, "HEAD");
		if (gerr == 0) {
			if ((gerr = git_commit_lookup(&parent, r, &head_id)) < 0)
				goto retry;
		} else if (gerr != GIT_ENOTFOUND && gerr != GIT_EUNBORNBRANCH) {
			goto retry;
		}
		step = "write the tree";
		if ((gerr = build_tree(&tree_id, r, parent, txn)) < 0)
			goto retry;
		step = "read the tree";
		if ((gerr = git_tree_lookup(&tree, r, &tree_id)) < 0 ||
		    (parent && (gerr = git_commit_tree(&ptree, parent)) < 0))
			goto retry;
		step = "write the index";
		if ((rc = stage(&sv, txn, ptree, tree, err))) {
			if (rc != CAIRN_ELOCKED || attempt + 1 >= RETRIES) {
				if (rc == CAIRN_ELOCKED)
					cairn_err_hint(err, "another program is using the git "
					                    "repository; try again in a moment");
				goto fail;
			}
			rc = 0;
			backoff(attempt);
			continue;
		}
		if (parent && git_oid_equal(git_commit_tree_id(parent), &tree_id)) {
			/* nothing differs from HEAD: no commit */
			rc = 0;
			goto done;
		}
		step = "commit";
		parents[0] = parent;
		if (cairn_fault("git-commit")) {
			gerr = GIT_ERROR;
			goto retry;
		}
		{
			/* a failed ref update leaves an unreferenced commit, as a crash would */
			int ref_fault = cairn_fault("git-ref-update");
			gerr = git_commit_create(&commit_id, r, ref_fault ? NULL : "HEAD", author,
			                         committer, NULL, message, tree, parent ? 1 : 0,
			                         parents);
			if (gerr == 0 && ref_fault)
				gerr = GIT_ERROR;
		}
		if (gerr == 0)
			break;
	retry:
		if (!retryable(gerr) || attempt + 1 >= RETRIES) {
			rc = git_fail(err, gerr, step);
			if (retryable(gerr)) {
				err->code = rc = CAIRN_ELOCKED;
				cairn_err_hint(err, "another program is using the git repository; "
				                    "try again in a moment");
			}
			goto fail;
		}
		backoff(attempt);
	}
	cairn_crash_point("committed");
	if (changed)
		*changed = 1;
	rc = 0;
	goto done;
fail:
	if (roll_back(&sv, txn) < 0)
		journal = 0; /* kept: the next command, or `cairn doctor --fix`, finishes the job */
done:
	/* the journal goes without a sync of its folder: if a power cut brings it back, the
	 * next command finds the change committed (or put back) and the journal only removed */
	if (journal) {
		char *jp = journal_path(txn->repo);
		if (jp)
			unlink(jp);
		free(jp);
	}
out_no_journal:
	free(sv.v);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_signature_free(author);
	git_signature_free(committer);
	git_repository_free(r);
	return rc;
}

int cairn_git_path_state(char *state, const struct cairn_repo *repo, const char *rel,
                         cairn_err *err)
{
	git_repository *r = NULL;
	struct cairn_index *idx = NULL;
	git_tree *head = NULL;
	git_oid cur_id, head_id, ie;
	int cur, in_head, rc, has_ie;

	*state = 0;
	if ((rc = cairn_git_setup(err)))
		return rc;
	if (git_repository_open(&r, repo->dir) < 0)
		return git_fail(err, -1, "open the repository");
	if (head_tree(&head, r) < 0 || (in_head = tree_blob(&head_id, head, rel)) < 0) {
		rc = git_fail(err, -1, "read HEAD");
		goto out;
	}
	if ((rc = read_index(&idx, repo, err)))
		goto out;
	if ((cur = file_state(&cur_id, repo, rel)) < 0) {
		rc = cairn_err_set(err, CAIRN_EIO, "cannot read the file");
		cairn_err_at(err, rel, 0, 0);
		goto out;
	}
	has_ie = cairn_index_get(idx, rel, ie.id, NULL);
	if (!in_head)
		*state = 'A';
	else if (!same_state(cur, &cur_id, 1, &head_id) || !has_ie || !git_oid_equal(&ie, &head_id))
		*state = 'M';
out:
	cairn_index_free(idx);
	git_tree_free(head);
	git_repository_free(r);
	return rc;
}

int cairn_refuse_removal(cairn_err *err, char state, const char *rel, const char *command)
{
	if (state == 'A') {
		cairn_err_set(err, CAIRN_EDATA,
		              "never committed: removing it would lose it for good");
		cairn_err_hint(err,
		               "`cairn doctor --fix` commits it, and then `%s` removes it with "
		               "git keeping it; or delete the file yourself",
		               command);
	} else {
		cairn_err_set(err, CAIRN_EDATA,
		              "changed since its last commit: removing it would lose the changes "
		              "for good");
		cairn_err_hint(
		    err,
		    "`cairn doctor --fix` commits them, `cairn git checkout -- %s` drops "
		    "them; then run `%s` again",
		    rel, command);
	}
	cairn_err_at(err, rel, 0, 0);
	return CAIRN_EDATA;
}

void cairn_txn_free(struct cairn_txn *txn)
{
	if (!txn)
		return;
	for (size_t i = 0; i < txn->n; i++) {
		free(txn->ops[i].rel);
		free(txn->ops[i].data);
		free(txn->ops[i].old);
		free(txn->ops[i].tmp);
	}
	free(txn->ops);
	cairn_fs_unlock(txn->lockfd);
	free(txn);
}

int cairn_git_changes_libgit2(char ***out, const char *dir, cairn_err *err)
{
	git_repository *r = NULL;
	git_status_list *list = NULL;
	git_status_options opts;
	char **v = NULL;
	size_t n, k = 0;
	int rc;

	*out = NULL;
	if ((rc = cairn_git_setup(err)))
		return rc;
	if (git_repository_open(&r, dir) < 0)
		return git_fail(err, -1, "open the repository");
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	if (git_status_list_new(&list, r, &opts) < 0) {
		rc = git_fail(err, -1, "read the status of the work tree");
		git_repository_free(r);
		return rc;
	}
	n = git_status_list_entrycount(list);
	if (!(v = calloc(n + 1, sizeof(*v)))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d =
		    e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
		const char *path;
		char kind = 'M';
		if (!d)
			continue;
		path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (e->status & (GIT_STATUS_WT_NEW | GIT_STATUS_INDEX_NEW))
			kind = 'A';
		if (e->status & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED))
			kind = 'D';
		if (!(v[k] = malloc(strlen(path) + 3))) {
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
		sprintf(v[k++], "%c %s", kind, path);
	}
	*out = v;
	v = NULL;
out:
	cairn_strv_free(v);
	git_status_list_free(list);
	git_repository_free(r);
	return rc;
}

static int add_lock(char ***v, size_t *n, const char *path)
{
	char **nv = realloc(*v, (*n + 2) * sizeof(*nv));

	if (!nv)
		return CAIRN_ENOMEM;
	*v = nv;
	if (!(nv[*n] = strdup(path)))
		return CAIRN_ENOMEM;
	nv[++*n] = NULL;
	return 0;
}

static int walk_locks(char ***v, size_t *n, const char *dir, int depth)
{
	char **names;
	size_t count;
	cairn_err e;
	int rc = 0;

	if (depth > 8 || cairn_fs_list(&names, &count, dir, &e))
		return 0;
	for (size_t i = 0; !rc && i < count; i++) {
		char *p = cairn_path_join(dir, names[i]);
		size_t len = strlen(names[i]);
		if (!p) {
			rc = CAIRN_ENOMEM;
			break;
		}
		if (cairn_fs_is_dir(p)) {
			if (depth == 0 && strcmp(names[i], "refs") != 0)
				; /* only refs/ is walked below the top */
			else
				rc = walk_locks(v, n, p, depth + 1);
		} else if (len > 5 && !strcmp(names[i] + len - 5, ".lock") &&
		           strcmp(names[i], CAIRN_LOCK_FILE) != 0) {
			rc = add_lock(v, n, p);
		}
		free(p);
	}
	cairn_strv_free(names);
	return rc;
}

int cairn_git_stale_locks(char ***out, const char *gitdir, cairn_err *err)
{
	char **v = calloc(1, sizeof(*v));
	size_t n = 0;

	*out = NULL;
	if (!v || walk_locks(&v, &n, gitdir, 0)) {
		cairn_strv_free(v);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	*out = v;
	return 0;
}
