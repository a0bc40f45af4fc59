/* cairn — the data directory */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cairn/fs.h"
#include "cairn/id.h"
#include "cairn/repo.h"
#include "cairn/txn.h"
#include "cairn/yaml.h"

#include "git_priv.h"

/* A clinician's records are private: a folder others may write to could have any of them
 * changed or replaced behind cairn's back, so it is refused (as ssh refuses a ~/.ssh open
 * to others). */
static int private_enough(const char *dir, cairn_err *err)
{
	struct stat st;

	if (stat(dir, &st) < 0 || !(st.st_mode & (S_IWGRP | S_IWOTH)))
		return 0;
	cairn_err_set(err, CAIRN_EPERM, "the folder is writable by %s (mode %04o)",
	              st.st_mode & S_IWOTH ? "every user" : "its group",
	              (unsigned)(st.st_mode & 07777));
	cairn_err_at(err, dir, 0, 0);
	cairn_err_hint(err, "make it yours alone: chmod 700 '%s'", dir);
	return CAIRN_EPERM;
}

int cairn_repo_open(struct cairn_repo **out, const char *dir, cairn_err *err)
{
	struct cairn_repo *repo;
	char real[PATH_MAX], *p;
	int rc;

	*out = NULL;
	if (!realpath(dir, real) || !cairn_fs_is_dir(real)) {
		cairn_err_set(err, CAIRN_ENOTFOUND, "no cairn repository at %s", dir);
		cairn_err_hint(err, "run `cairn init` to create one, or point -C or CAIRN_DIR at "
		                    "yours");
		return CAIRN_ENOTFOUND;
	}
	if (!(repo = calloc(1, sizeof(*repo))) || !(repo->dir = strdup(real)) ||
	    !(repo->gitdir = cairn_path_join(real, ".git"))) {
		cairn_repo_free(repo);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	p = cairn_path_join(real, CAIRN_PROFILE_FILE);
	if (!p || !cairn_fs_is_dir(repo->gitdir) || !cairn_fs_exists(p)) {
		cairn_err_set(err, CAIRN_ENOTFOUND, "%s is not a cairn repository (%s)", real,
		              !cairn_fs_is_dir(repo->gitdir) ? "no .git" : "no cairn.yaml");
		cairn_err_hint(err, "run `cairn init` there to make it one, or point -C or "
		                    "CAIRN_DIR at your repository");
		free(p);
		cairn_repo_free(repo);
		return CAIRN_ENOTFOUND;
	}
	free(p);
	if ((rc = private_enough(repo->dir, err)) || (rc = private_enough(repo->gitdir, err))) {
		cairn_repo_free(repo);
		return rc;
	}
	*out = repo;
	return 0;
}

void cairn_repo_free(struct cairn_repo *repo)
{
	if (!repo)
		return;
	if (repo->snapshot && repo->dir)
		cairn_fs_remove_tree(repo->dir);
	free(repo->dir);
	free(repo->gitdir);
	free(repo);
}

char *cairn_repo_path(const struct cairn_repo *repo, const char *rel)
{
	return cairn_path_join(repo->dir, rel);
}

char *cairn_repo_relative(const struct cairn_repo *repo, const char *file)
{
	char *abs = realpath(file, NULL), *top = realpath(repo->dir, NULL), *rel = NULL;
	size_t n = top ? strlen(top) : 0;

	if (abs && top && !strncmp(abs, top, n) && abs[n] == '/' && abs[n + 1])
		rel = strdup(abs + n + 1);
	free(abs);
	free(top);
	return rel;
}

/* cairn log PATH: PATH as a path of the repository, from its top folder ("goals/x.yaml"; an
 * absolute path inside the work tree is taken too), with "." and ".." worked out: one that leaves
 * the repository is refused, as git refuses it. *out belongs to the caller. */
int cairn_repo_path_arg(char **out, const struct cairn_repo *repo, const char *arg, cairn_err *err)
{
	size_t top = strlen(repo->dir), n = 0;
	const char *s = arg;
	char *path;

	*out = NULL;
	if (arg[0] == '/') {
		if (strncmp(arg, repo->dir, top) || (arg[top] != '/' && arg[top]))
			goto outside;
		s = arg + top;
	}
	if (!(path = malloc(strlen(s) + 1)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	while (*s) {
		size_t len = strcspn(s, "/");
		if (len == 2 && !strncmp(s, "..", 2)) {
			if (!n) {
				free(path);
				goto outside;
			}
			while (n && path[n - 1] != '/')
				n--;
			n -= n > 0; /* the '/' before the component taken away */
		} else if (len && !(len == 1 && s[0] == '.')) {
			if (n)
				path[n++] = '/';
			memcpy(path + n, s, len);
			n += len;
		}
		s += len + (s[len] == '/');
	}
	path[n] = '\0';
	if (!n) /* the top folder itself: the whole history */
		free(path);
	else
		*out = path;
	return 0;
outside:
	cairn_err_set(err, CAIRN_EUSAGE, "'%s' is outside the repository", arg);
	cairn_err_hint(err, "give an id, or the path of a file of the repository from its "
	                    "top folder (goals/x.yaml)");
	return CAIRN_EUSAGE;
}

int cairn_repo_file_names_id(const char *file, const char *id)
{
	const char *base = strrchr(file, '/');
	size_t len;

	base = base ? base + 1 : file;
	len = strlen(base);
	if (len < 5 || strcmp(base + len - 5, ".yaml"))
		return 1;
	return strlen(id) == len - 5 && !strncmp(base, id, len - 5);
}

int cairn_repo_resolve(char *buf, const struct cairn_repo *repo, const char *folder,
                       const char *what, const char *prefix, cairn_err *err)
{
	char **ids;
	size_t n;
	const char *match;
	char label[64];
	int rc;

	/* an id (or its start) from the command line: one that could name a file outside the
	 * folder ('/', '..', '.git') is refused before anything is looked up */
	snprintf(label, sizeof(label), "%s id", what);
	if (prefix[0] && cairn_id_check(prefix, label, err)) {
		if (err)
			err->code = CAIRN_EUSAGE;
		return CAIRN_EUSAGE;
	}
	/* an exact id wins: its file answers without a listing of the folder */
	if (prefix[0] && cairn_repo_has(repo, folder, prefix)) {
		snprintf(buf, CAIRN_ID_MAX + 1, "%s", prefix);
		return 0;
	}
	if ((rc = cairn_repo_list(&ids, &n, repo, folder, err)))
		return rc;
	rc = cairn_id_resolve(&match, prefix, ids, n, what, err);
	if (!rc)
		snprintf(buf, CAIRN_ID_MAX + 1, "%s", match);
	cairn_strv_free(ids);
	return rc;
}

int cairn_repo_has(const struct cairn_repo *repo, const char *folder, const char *id)
{
	char *rel = cairn_repo_record_path(folder, id),
	     *abs = rel ? cairn_repo_path(repo, rel) : NULL;
	struct stat st;
	int has = abs && lstat(abs, &st) == 0;

	free(abs);
	free(rel);
	return has;
}

char *cairn_repo_record_path(const char *folder, const char *id)
{
	size_t len = strlen(folder) + strlen(id) + 7;
	char *p = malloc(len);

	if (p)
		snprintf(p, len, "%s/%s.yaml", folder, id);
	return p;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cairn_repo_list(char ***ids, size_t *n, const struct cairn_repo *repo, const char *folder,
                    cairn_err *err)
{
	char *dir = cairn_repo_path(repo, folder);
	char **names;
	size_t count, k = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!dir)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_fs_list(&names, &count, dir, err);
	free(dir);
	if (rc)
		return rc;
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(names[i]);
		if (len > 5 && !strcmp(names[i] + len - 5, ".yaml")) {
			names[i][len - 5] = '\0';
			if (cairn_id_valid(names[i])) {
				names[k++] = names[i];
				continue;
			}
		}
		free(names[i]);
	}
	names[k] = NULL;
	/* by id: the folder's order put "growth-2028.yaml" before "growth.yaml" */
	qsort(names, k, sizeof(*names), cmp_id);
	*ids = names;
	*n = k;
	return 0;
}

int cairn_repo_read(char **out, size_t *len, const struct cairn_repo *repo, const char *rel,
                    cairn_err *err)
{
	char *path = cairn_repo_path(repo, rel);
	int rc;

	if (!path)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_fs_read(out, len, path, CAIRN_YAML_MAX_BYTES, err);
	if (rc && err && !strcmp(err->file, path))
		cairn_err_at(err, rel, err->line, err->column);
	free(path);
	return rc;
}

int cairn_repo_profile(struct cairn_profile **out, const struct cairn_repo *repo, cairn_err *err)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = cairn_repo_read(&buf, &len, repo, CAIRN_PROFILE_FILE, err)))
		return rc;
	rc = cairn_profile_parse(out, buf, len, CAIRN_PROFILE_FILE, err);
	free(buf);
	return rc;
}

/* A URL with a password in it would end up in .git/config in clear text. */
static int url_has_password(const char *url)
{
	const char *s = strstr(url, "://"), *at, *colon, *slash;

	if (!s)
		return 0;
	s += 3;
	slash = strchr(s, '/');
	at = strchr(s, '@');
	if (!at || (slash && at > slash))
		return 0;
	colon = memchr(s, ':', (size_t)(at - s));
	return colon != NULL;
}

int cairn_repo_init(struct cairn_repo **out, int *created, const char *dir, const char *name,
                    const char *remote, cairn_date today, cairn_err *err)
{
	struct cairn_profile *p = NULL;
	struct cairn_txn *txn = NULL;
	char *gitdir = NULL, *prof = NULL, *yaml = NULL;
	size_t len;
	int rc;

	(void)today;
	*out = NULL;
	*created = 0;
	if (remote && url_has_password(remote)) {
		cairn_err_set(err, CAIRN_EUSAGE, "the remote URL holds a password");
		cairn_err_hint(err, "use an ssh URL with your agent, or a credential helper");
		return CAIRN_EUSAGE;
	}
	if (!(gitdir = cairn_path_join(dir, ".git")) ||
	    !(prof = cairn_path_join(dir, CAIRN_PROFILE_FILE))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if (cairn_fs_exists(prof) && cairn_fs_is_dir(gitdir)) {
		rc = cairn_repo_open(out, dir, err);
		goto out;
	}
	if (cairn_fs_is_dir(dir) && !cairn_fs_is_dir(gitdir)) {
		char **names;
		size_t n;
		if ((rc = cairn_fs_list(&names, &n, dir, err)))
			goto out;
		cairn_strv_free(names);
		if (n) {
			rc = cairn_err_set(err, CAIRN_EUSAGE,
			                   "%s is not empty and not a git repository", dir);
			cairn_err_hint(err, "choose an empty or new folder with -C DIR");
			goto out;
		}
	}
	if ((rc = cairn_fs_mkdirs(dir, err)))
		goto out;
	chmod(dir, CAIRN_DIR_MODE);
	if ((rc = cairn_git_init_repo(dir, remote, err)))
		goto out;
	chmod(gitdir, CAIRN_DIR_MODE);
	if ((rc = cairn_repo_open(out, dir, err)) == CAIRN_ENOTFOUND) {
		/* no cairn.yaml yet: open by hand */
		struct cairn_repo *repo = calloc(1, sizeof(*repo));
		char real[PATH_MAX];
		if (!repo || !realpath(dir, real) || !(repo->dir = strdup(real)) ||
		    !(repo->gitdir = cairn_path_join(real, ".git"))) {
			cairn_repo_free(repo);
			rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
		*out = repo;
		rc = 0;
	} else if (rc) {
		goto out;
	}
	if (!(p = cairn_record_new(&cairn_profile_kind)) ||
	    !(p->settings = cairn_record_new(&cairn_settings_kind))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	p->format.set = 1;
	p->format.v = CAIRN_FORMAT_VERSION;
	if (name && !(p->name = strdup(name))) {
		rc = cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	p->settings->remind_within = strdup("30d");
	p->settings->review_every = strdup("monthly");
	if ((rc = cairn_profile_validate(p, CAIRN_PROFILE_FILE, err)) ||
	    (rc = cairn_record_write(&yaml, &len, &cairn_profile_kind, p, err)) ||
	    (rc = cairn_txn_begin(&txn, *out, CAIRN_LOCK_TIMEOUT_DEFAULT, err)) ||
	    (rc = cairn_txn_put(txn, CAIRN_PROFILE_FILE, yaml, len, err)))
		goto out;
	{
		char msg[300];
		snprintf(msg, sizeof(msg), "init: %s\n\nCreate the career repository%s%s.\n",
		         name ? name : "cairn", name ? " of " : "", name ? name : "");
		rc = cairn_txn_commit(txn, msg, NULL, err);
	}
	if (!rc)
		*created = 1;
out:
	cairn_txn_free(txn);
	cairn_profile_free(p);
	free(yaml);
	free(gitdir);
	free(prof);
	if (rc) {
		cairn_repo_free(*out);
		*out = NULL;
	}
	return rc;
}
