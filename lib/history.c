/* cairn — the history of the career plan: libgit2's commits, read as records */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cairn/ce.h"
#include "cairn/fs.h"
#include "cairn/goal.h"
#include "cairn/history.h"
#include "cairn/id.h"
#include "cairn/plan.h"
#include "cairn/profile.h"
#include "cairn/yaml.h"

#include "git_priv.h"

/* The record kind a path of the repository holds, or NULL. */
static const struct cairn_kind *kind_of(const char *path)
{
	size_t len = strlen(path);

	if (!strcmp(path, CAIRN_PROFILE_FILE))
		return &cairn_profile_kind;
	if (len < 6 || strcmp(path + len - 5, ".yaml"))
		return NULL;
	if (!strncmp(path, CAIRN_GOALS_DIR "/", sizeof(CAIRN_GOALS_DIR)))
		return &cairn_goal_kind;
	if (!strncmp(path, CAIRN_PLANS_DIR "/", sizeof(CAIRN_PLANS_DIR)))
		return &cairn_plan_kind;
	if (!strncmp(path, CAIRN_RULES_DIR "/", sizeof(CAIRN_RULES_DIR)))
		return &cairn_rule_kind;
	if (!strncmp(path, CAIRN_CE_DIR "/", sizeof(CAIRN_CE_DIR)))
		return &cairn_ce_kind;
	if (!strncmp(path, CAIRN_REVIEWS_DIR "/", sizeof(CAIRN_REVIEWS_DIR)))
		return &cairn_review_kind;
	return NULL;
}

/* The record in blob id parsed as kind, or NULL (no blob, or not a valid record). */
static void *load_blob(git_repository *r, const git_oid *id, const struct cairn_kind *kind,
                       const char *path)
{
	git_blob *blob = NULL;
	void *rec = NULL;
	cairn_err err;

	if (git_oid_is_zero(id) || git_blob_lookup(&blob, r, id) < 0)
		return NULL;
	if ((rec = cairn_record_new(kind)) &&
	    cairn_record_parse(kind, rec, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
	                       path, &err)) {
		cairn_record_free(kind, rec);
		rec = NULL;
	}
	git_blob_free(blob);
	return rec;
}

/* The title a record is known by (its title field), or NULL. */
static const char *title_of(const struct cairn_kind *kind, const void *rec)
{
	const struct cairn_field *f = cairn_kind_field(kind, "title");

	if (!f)
		f = cairn_kind_field(kind, "name");
	return f ? *(char *const *)((const char *)rec + f->offset) : NULL;
}

/* Long lines of a diff become "<field> changed": a paragraph is not a history line. */
static char *shorten(char *diff)
{
	struct cairn_buf b = {0};

	for (char *line = strtok(diff, "\n"); line; line = strtok(NULL, "\n")) {
		if (strlen(line) > CAIRN_HISTORY_LINE_MAX) {
			size_t key = strcspn(line, " ");
			cairn_buf_printf(&b, "%.*s changed\n", (int)key, line);
		} else {
			cairn_buf_printf(&b, "%s\n", line);
		}
	}
	free(diff);
	if (b.failed) {
		cairn_buf_release(&b);
		return NULL;
	}
	return b.data ? b.data : strdup("");
}

static int describe(struct cairn_hist_file *f, git_repository *r, const git_diff_delta *d)
{
	const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
	const struct cairn_kind *kind = kind_of(path);
	void *a = NULL, *b = NULL;
	char *diff = NULL;
	struct cairn_buf buf = {0};

	if (!(f->path = strdup(path)))
		return CAIRN_ENOMEM;
	if (!kind) {
		cairn_buf_printf(&buf, "%s\n",
		                 d->status == GIT_DELTA_ADDED     ? "added"
		                 : d->status == GIT_DELTA_DELETED ? "removed"
		                                                  : "changed");
	} else {
		a = load_blob(r, &d->old_file.id, kind, path);
		b = load_blob(r, &d->new_file.id, kind, path);
		if (a && b && !cairn_record_diff(&diff, kind, a, b)) {
			f->change = shorten(diff);
			diff = NULL;
		} else if (b && d->status == GIT_DELTA_ADDED) {
			const char *t = title_of(kind, b);
			cairn_buf_printf(&buf, "added%s%s\n", t ? ": " : "", t ? t : "");
		} else if (a && d->status == GIT_DELTA_DELETED) {
			const char *t = title_of(kind, a);
			cairn_buf_printf(&buf, "removed%s%s\n", t ? ": " : "", t ? t : "");
		} else {
			cairn_buf_printf(&buf, "changed (%s)\n",
			                 b ? "it was not a valid record before"
			                   : "not a valid record");
		}
	}
	if (!f->change)
		f->change = buf.data ? buf.data : strdup("");
	else
		cairn_buf_release(&buf);
	free(diff);
	if (a)
		cairn_record_free(kind, a);
	if (b)
		cairn_record_free(kind, b);
	return f->change ? 0 : CAIRN_ENOMEM;
}

int cairn_history_read(struct cairn_history *out, const struct cairn_repo *repo, const char *path,
                       cairn_date since, size_t limit, cairn_err *err)
{
	git_repository *r = NULL;
	git_revwalk *walk = NULL;
	git_oid oid;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cairn_git_setup(err)))
		return rc;
	if (git_repository_open(&r, repo->dir) < 0)
		return cairn_err_set(err, CAIRN_EIO, "cannot open the git repository: %s",
		                     git_error_last() ? git_error_last()->message : "?");
	if (git_revwalk_new(&walk, r) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0 ||
	    git_revwalk_push_head(walk) < 0) {
		rc = git_error_last() && git_error_last()->klass == GIT_ERROR_REFERENCE
		         ? 0 /* no commit yet */
		         : cairn_err_set(err, CAIRN_EIO, "cannot walk the history");
		goto out;
	}
	while (!rc && (!limit || out->n < limit)) {
		int next = git_revwalk_next(&oid, walk);
		if (next == GIT_ITEROVER)
			break;
		if (next < 0) {
			/* a commit or parent missing: the history is damaged, not empty */
			rc = cairn_err_set(err, CAIRN_EIO, "cannot walk the history: %s",
			                   git_error_last() ? git_error_last()->message : "?");
			cairn_err_hint(err, "run `git fsck` in the data directory");
			break;
		}
		git_commit *c = NULL, *parent = NULL;
		git_tree *tree = NULL, *ptree = NULL;
		git_diff *diff = NULL;
		git_diff_options opts;
		char *spec = (char *)path;
		cairn_date date;
		size_t nd;
		if (git_commit_lookup(&c, r, &oid) < 0) {
			rc = cairn_err_set(err, CAIRN_EIO, "cannot read a commit");
			break;
		}
		date = cairn_date_from_unix((long long)git_commit_time(c));
		if (since && date < since) {
			git_commit_free(c);
			break;
		}
		git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
		if (path) {
			opts.pathspec.strings = &spec;
			opts.pathspec.count = 1;
		}
		if (git_commit_tree(&tree, c) < 0 ||
		    (git_commit_parentcount(c) && (git_commit_parent(&parent, c, 0) < 0 ||
		                                   git_commit_tree(&ptree, parent) < 0)) ||
		    git_diff_tree_to_tree(&diff, r, ptree, tree, &opts) < 0) {
			rc = cairn_err_set(err, CAIRN_EIO,
			                   "cannot compare a commit with its parent");
		} else if ((nd = git_diff_num_deltas(diff)) > 0) {
			struct cairn_hist_commit *nv = realloc(out->v, (out->n + 1) * sizeof(*nv)),
			                         *hc;
			const git_signature *who = git_commit_author(c);
			const char *msg = git_commit_message(c);
			if (!nv) {
				rc = CAIRN_ENOMEM;
			} else {
				out->v = nv;
				hc = &out->v[out->n++];
				memset(hc, 0, sizeof(*hc));
				git_oid_tostr(hc->id, sizeof(hc->id), &oid);
				hc->date = date;
				hc->subject = strndup(msg, strcspn(msg, "\n"));
				hc->author = strdup(who && who->name ? who->name : "");
				hc->files = calloc(nd, sizeof(*hc->files));
				if (!hc->subject || !hc->author || !hc->files)
					rc = CAIRN_ENOMEM;
				for (size_t i = 0; !rc && i < nd; i++) {
					rc =
					    describe(&hc->files[i], r, git_diff_get_delta(diff, i));
					hc->nfiles++;
				}
			}
			if (rc)
				cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		git_diff_free(diff);
		git_tree_free(ptree);
		git_tree_free(tree);
		git_commit_free(parent);
		git_commit_free(c);
	}
out:
	git_revwalk_free(walk);
	git_repository_free(r);
	if (rc)
		cairn_history_release(out);
	return rc;
}

void cairn_history_release(struct cairn_history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		for (size_t k = 0; k < h->v[i].nfiles; k++) {
			free(h->v[i].files[k].path);
			free(h->v[i].files[k].change);
		}
		free(h->v[i].files);
		free(h->v[i].subject);
		free(h->v[i].author);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

char *cairn_history_path_of(const struct cairn_repo *repo, const char *id, cairn_err *err)
{
	char buf[CAIRN_ID_MAX + 1];
	cairn_err e;

	if (!cairn_goal_resolve(buf, repo, id, &e))
		return cairn_repo_record_path(CAIRN_GOALS_DIR, buf);
	if (!cairn_plan_resolve(buf, repo, id, &e))
		return cairn_repo_record_path(CAIRN_PLANS_DIR, buf);
	if (!cairn_rule_resolve(buf, repo, id, &e))
		return cairn_repo_record_path(CAIRN_RULES_DIR, buf);
	if (!cairn_ce_resolve(buf, repo, id, &e))
		return cairn_ce_path(buf);
	cairn_err_set(err, CAIRN_ENOTFOUND, "no goal, plan, rule or CE activity '%s'", id);
	cairn_err_hint(err, "give an id, or the path of a file of the repository (goals/x.yaml)");
	return NULL;
}

struct writeout {
	git_repository *r;
	const char *dir;
	int rc;
};

/* Writes every record file of the tree under the snapshot's folder. */
static int write_entry(const char *root, const git_tree_entry *e, void *p)
{
	struct writeout *w = p;
	char rel[1024], *abs, *slash;
	git_blob *blob = NULL;
	cairn_err err;

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	snprintf(rel, sizeof(rel), "%s%s", root, git_tree_entry_name(e));
	if (!kind_of(rel))
		return 0; /* certificates and anything else are not read as of a date */
	if (!(abs = cairn_path_join(w->dir, rel)) ||
	    git_blob_lookup(&blob, w->r, git_tree_entry_id(e)) < 0) {
		free(abs);
		w->rc = CAIRN_EIO;
		return -1;
	}
	if ((slash = strrchr(abs, '/'))) {
		*slash = '\0';
		cairn_fs_mkdirs(abs, &err);
		*slash = '/';
	}
	if (cairn_fs_write_atomic(abs, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
	                          &err))
		w->rc = CAIRN_EIO;
	git_blob_free(blob);
	free(abs);
	return w->rc ? -1 : 0;
}

int cairn_repo_as_of(struct cairn_repo **out, const struct cairn_repo *repo, cairn_date day,
                     char *commit, cairn_date *when, cairn_err *err)
{
	git_repository *r = NULL;
	git_revwalk *walk = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	struct cairn_repo *snap = NULL;
	cairn_date first = CAIRN_DATE_NONE;
	char tmpl[] = "/tmp/cairn-as-of.XXXXXX", d[CAIRN_DATE_BUF];
	const char *tmp = getenv("TMPDIR");
	char *dir = NULL;
	git_oid oid;
	int rc = 0;

	*out = NULL;
	if ((rc = cairn_git_setup(err)))
		return rc;
	if (git_repository_open(&r, repo->dir) < 0)
		return cairn_err_set(err, CAIRN_EIO, "cannot open the git repository");
	if (git_revwalk_new(&walk, r) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0 ||
	    git_revwalk_push_head(walk) < 0) {
		rc = cairn_err_set(err, CAIRN_ENOTFOUND, "the repository has no commit yet");
		goto out;
	}
	for (;;) {
		git_commit *cur = NULL;
		cairn_date date;
		int next = git_revwalk_next(&oid, walk);
		if (next == GIT_ITEROVER)
			break;
		if (next < 0 || git_commit_lookup(&cur, r, &oid) < 0) {
			rc = cairn_err_set(err, CAIRN_EIO, "cannot walk the history: %s",
			                   git_error_last() ? git_error_last()->message : "?");
			cairn_err_hint(err, "run `git fsck` in the data directory");
			goto out;
		}
		date = cairn_date_from_unix((long long)git_commit_time(cur));
		first = date;
		if (date <= day) {
			c = cur;
			*when = date;
			git_oid_tostr(commit, 41, &oid);
			break;
		}
		git_commit_free(cur);
	}
	if (!c) {
		rc = cairn_err_set(err, CAIRN_ENOTFOUND, "no commit on or before %s",
		                   cairn_date_format(day, d));
		if (first)
			cairn_err_hint(err, "the history starts on %s",
			               cairn_date_format(first, d));
		goto out;
	}
	if (tmp && *tmp) {
		size_t n = strlen(tmp) + 32;
		if ((dir = malloc(n)))
			snprintf(dir, n, "%s/cairn-as-of.XXXXXX", tmp);
	} else {
		dir = strdup(tmpl);
	}
	if (!dir || !mkdtemp(dir)) {
		rc = cairn_err_set(err, CAIRN_EIO, "cannot make a temporary folder");
		goto out;
	}
	if (!(snap = calloc(1, sizeof(*snap))) || !(snap->dir = strdup(dir)) ||
	    !(snap->gitdir = cairn_path_join(dir, ".git"))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	snap->snapshot = 1;
	{
		struct writeout w = {r, dir, 0};
		if (git_commit_tree(&tree, c) < 0 ||
		    git_tree_walk(tree, GIT_TREEWALK_PRE, write_entry, &w) < 0 || w.rc)
			rc = cairn_err_set(err, CAIRN_EIO, "cannot read the commit's files");
	}
out:
	if (rc) {
		if (snap)
			cairn_repo_free(snap);
		else if (dir && dir[0] && access(dir, F_OK) == 0)
			cairn_fs_remove_tree(dir);
		snap = NULL;
	}
	*out = snap;
	free(dir);
	git_tree_free(tree);
	git_commit_free(c);
	git_revwalk_free(walk);
	git_repository_free(r);
	return rc;
}
