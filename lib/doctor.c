/* cairn — doctor: validate everything, find leftovers, and with --fix clear them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"
#include "cairn/doctor.h"
#include "cairn/fs.h"
#include "cairn/goal.h"
#include "cairn/id.h"
#include "cairn/plan.h"
#include "cairn/txn.h"

#include "git_priv.h"

/* git holds its locks for milliseconds: one older than this was left by a killed process */
#define CAIRN_GIT_LOCK_STALE 5

static struct cairn_finding *add(struct cairn_doctor_report *r, enum cairn_finding_kind kind)
{
	struct cairn_finding *nv = realloc(r->v, (r->n + 1) * sizeof(*nv));

	if (!nv)
		return NULL;
	r->v = nv;
	memset(&nv[r->n], 0, sizeof(nv[r->n]));
	nv[r->n].kind = kind;
	return &nv[r->n++];
}

static int add_err(struct cairn_doctor_report *r, enum cairn_finding_kind kind, const cairn_err *e)
{
	struct cairn_finding *f = add(r, kind);

	if (!f)
		return CAIRN_ENOMEM;
	f->where = *e;
	return 0;
}

static int addf(struct cairn_doctor_report *r, enum cairn_finding_kind kind, const char *file,
                const char *hint, const char *msg)
{
	struct cairn_finding *f = add(r, kind);

	if (!f)
		return CAIRN_ENOMEM;
	cairn_err_set(&f->where, CAIRN_EDATA, "%s", msg);
	if (file)
		cairn_err_at(&f->where, file, 0, 0);
	if (hint)
		cairn_err_hint(&f->where, "%s", hint);
	return 0;
}

/* Paths (relative) whose content is a record cairn validates. */
/* rel is <folder>/<name>.yaml, with depth folders between (ce/<year>/x.yaml: 1). */
static int in_folder(const char *rel, const char *folder, int depth)
{
	size_t len = strlen(rel), fl = strlen(folder);
	const char *p;

	if (strncmp(rel, folder, fl) || rel[fl] != '/' || len < fl + 7 ||
	    strcmp(rel + len - 5, ".yaml"))
		return 0;
	for (p = rel + fl + 1; depth > 0; depth--)
		if (!(p = strchr(p, '/')) || !*++p)
			return 0;
	return !strchr(p, '/');
}

static int is_record_path(const char *rel)
{
	return !strcmp(rel, CAIRN_PROFILE_FILE) || in_folder(rel, CAIRN_GOALS_DIR, 0) ||
	       in_folder(rel, CAIRN_RULES_DIR, 0) || in_folder(rel, CAIRN_CE_DIR, 1) ||
	       in_folder(rel, CAIRN_PLANS_DIR, 0) || in_folder(rel, CAIRN_REVIEWS_DIR, 1) ||
	       (!strncmp(rel, CAIRN_CERT_DIR "/", sizeof(CAIRN_CERT_DIR)) &&
	        !strchr(rel + sizeof(CAIRN_CERT_DIR), '/'));
}

/* What doctor keeps of the records to check the references between them. */
struct seen {
	struct cairn_profile *profile;
	struct cairn_strlist rules; /* ids of the valid rules */
	struct cairn_ce_set ce;
	struct cairn_plan_set plans;
};

static int cairn_fs_read_rel(char **buf, size_t *len, const struct cairn_repo *repo,
                             const char *rel, size_t max, cairn_err *e)
{
	char *abs = cairn_repo_path(repo, rel);
	int rc = abs ? cairn_fs_read(buf, len, abs, max, e)
	             : cairn_err_set(e, CAIRN_ENOMEM, "out of memory");

	free(abs);
	return rc;
}

static int is_tmp(const char *name)
{
	return name[0] == '.' && strstr(name, CAIRN_TMP_MARK) != NULL;
}

/* Loads and validates one record file; a problem becomes an invalid finding. Returns 1 when
 * the file is valid. */
static int check_file(struct cairn_doctor_report *r, struct cairn_repo *repo, const char *rel,
                      struct cairn_goal_set *goals, struct seen *seen)
{
	char *buf;
	size_t len;
	cairn_err e = CAIRN_ERR_INIT;
	int rc;

	r->records++;
	if ((rc = cairn_repo_read(&buf, &len, repo, rel, &e))) {
		add_err(r, CAIRN_FIND_INVALID, &e);
		return 0;
	}
	if (!strcmp(rel, CAIRN_PROFILE_FILE)) {
		struct cairn_profile *p;
		rc = cairn_profile_parse(&p, buf, len, rel, &e);
		if (!rc && seen && !seen->profile)
			seen->profile = p;
		else
			cairn_profile_free(p);
	} else if (in_folder(rel, CAIRN_RULES_DIR, 0)) {
		struct cairn_rule *ru;
		rc = cairn_rule_parse(&ru, buf, len, rel, &e);
		if (!rc && seen)
			cairn_strlist_add(&seen->rules, ru->id);
		cairn_rule_free(ru);
	} else if (in_folder(rel, CAIRN_PLANS_DIR, 0)) {
		struct cairn_plan *pl, **nv;
		rc = cairn_plan_parse(&pl, buf, len, rel, &e);
		if (!rc && seen &&
		    (nv = realloc(seen->plans.v, (seen->plans.n + 1) * sizeof(*nv)))) {
			seen->plans.v = nv;
			seen->plans.v[seen->plans.n++] = pl;
			pl = NULL;
		}
		if (!rc)
			cairn_plan_free(pl);
	} else if (in_folder(rel, CAIRN_REVIEWS_DIR, 1)) {
		struct cairn_review *rv;
		rc = cairn_review_parse(&rv, buf, len, rel, &e);
		if (!rc)
			cairn_review_free(rv);
	} else if (in_folder(rel, CAIRN_CE_DIR, 1)) {
		struct cairn_ce *a = NULL, **nv;
		/* the loader's own rule, with line:column for what validation refuses */
		rc = cairn_ce_parse(&a, buf, len, rel, &e);
		if (!rc && seen && (nv = realloc(seen->ce.v, (seen->ce.n + 1) * sizeof(*nv)))) {
			seen->ce.v = nv;
			seen->ce.v[seen->ce.n++] = a;
			a = NULL;
		}
		cairn_ce_free(a);
	} else {
		struct cairn_goal *g, **nv;
		rc = cairn_goal_parse(&g, buf, len, rel, &e);
		if (!rc && goals) {
			if ((nv = realloc(goals->v, (goals->n + 1) * sizeof(*nv)))) {
				goals->v = nv;
				goals->v[goals->n++] = g;
			} else {
				cairn_goal_free(g);
			}
		} else if (!rc) {
			cairn_goal_free(g);
		}
	}
	free(buf);
	if (rc) {
		add_err(r, CAIRN_FIND_INVALID, &e);
		return 0;
	}
	return 1;
}

static const struct cairn_goal *find_goal(const struct cairn_goal_set *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i]->id, id))
			return s->v[i];
	return NULL;
}

static void check_references(struct cairn_doctor_report *r, const struct cairn_goal_set *goals)
{
	char msg[CAIRN_ERR_MSG], file[CAIRN_ID_MAX + 16];

	for (size_t i = 0; i < goals->n; i++) {
		const struct cairn_goal *g = goals->v[i];
		snprintf(file, sizeof(file), CAIRN_GOALS_DIR "/%s.yaml", g->id);
		for (size_t j = 0; j < g->serves.n; j++) {
			const struct cairn_goal *t = find_goal(goals, g->serves.v[j]);
			if (!t) {
				snprintf(msg, sizeof(msg), "serves: no goal '%s'", g->serves.v[j]);
				addf(r, CAIRN_FIND_INVALID, file,
				     "name an existing long-term goal, or remove the id", msg);
			} else if (t->horizon == CAIRN_HORIZON_SHORT) {
				snprintf(msg, sizeof(msg),
				         "serves '%s', which is a short-horizon goal", t->id);
				addf(r, CAIRN_FIND_WARNING, file,
				     "a goal usually serves a long-term goal", msg);
			} else if (t->status == CAIRN_STATUS_DROPPED &&
			           g->status != CAIRN_STATUS_DROPPED &&
			           g->status != CAIRN_STATUS_DONE) {
				snprintf(msg, sizeof(msg), "serves '%s', which was dropped", t->id);
				addf(r, CAIRN_FIND_WARNING, file,
				     "point it at another long-term goal, or drop it too", msg);
			}
		}
	}
}

/* Licenses name rules that exist; CE activities name licenses and certificates that exist. */
static void check_ce_references(struct cairn_doctor_report *r, struct cairn_repo *repo,
                                const struct seen *seen)
{
	char msg[CAIRN_ERR_MSG], file[CAIRN_ERR_PATH];

	for (size_t i = 0; seen->profile && i < seen->profile->licenses.n; i++) {
		const struct cairn_license *l = &seen->profile->licenses.v[i];
		if (l->rule && !cairn_strlist_has(&seen->rules, l->rule)) {
			snprintf(msg, sizeof(msg), "license %s: rule '%s' is not in rules/", l->id,
			         l->rule);
			addf(r, CAIRN_FIND_INVALID, CAIRN_PROFILE_FILE,
			     "add it with `cairn rules add FILE` (examples/rules/ has real boards' "
			     "rules)",
			     msg);
		}
	}
	for (size_t i = 0; i < seen->ce.n; i++) {
		const struct cairn_ce *a = seen->ce.v[i];
		snprintf(file, sizeof(file), CAIRN_CE_DIR "/%.4s/%s.yaml", a->id, a->id);
		for (size_t j = 0; seen->profile && j < a->licenses.n; j++) {
			int known = 0;
			for (size_t k = 0; k < seen->profile->licenses.n; k++)
				known |= !strcmp(seen->profile->licenses.v[k].id, a->licenses.v[j]);
			if (!known) {
				snprintf(msg, sizeof(msg), "licenses: no license '%s'",
				         a->licenses.v[j]);
				addf(r, CAIRN_FIND_WARNING, file,
				     "the hours count toward no license; fix the id or remove it",
				     msg);
			}
		}
		if (a->certificate) {
			char *abs = cairn_repo_path(repo, a->certificate);
			if (abs && !cairn_fs_exists(abs)) {
				snprintf(msg, sizeof(msg), "certificate: %s does not exist",
				         a->certificate);
				addf(r, CAIRN_FIND_INVALID, file,
				     "restore it from git history (git log -- certificates/)", msg);
			}
			free(abs);
		}
	}
}

/* Checks every .yaml file of folder (and, with years, of its four-digit subfolders). */
static int check_folder(struct cairn_doctor_report *r, struct cairn_repo *repo, const char *folder,
                        int years, struct seen *seen, cairn_err *err)
{
	char *dir = cairn_repo_path(repo, folder), **names = NULL;
	size_t n = 0;
	int rc;

	if (!dir)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_fs_list(&names, &n, dir, err);
	free(dir);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		char rel[512];
		size_t len = strlen(names[i]);
		if (is_tmp(names[i]))
			continue;
		snprintf(rel, sizeof(rel), "%s/%s", folder, names[i]);
		if (years && len == 4 && strspn(names[i], "0123456789") == 4)
			rc = check_folder(r, repo, rel, 0, seen, err);
		else if (!years && len > 5 && !strcmp(names[i] + len - 5, ".yaml"))
			check_file(r, repo, rel, NULL, seen);
	}
	cairn_strv_free(names);
	return rc;
}

/* reviews/<plan>/<date>.yaml: one folder per plan. */
static int check_reviews(struct cairn_doctor_report *r, struct cairn_repo *repo, struct seen *seen,
                         cairn_err *err)
{
	char *dir = cairn_repo_path(repo, CAIRN_REVIEWS_DIR), **names = NULL;
	size_t n = 0;
	int rc;

	if (!dir)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	rc = cairn_fs_list(&names, &n, dir, err);
	free(dir);
	for (size_t i = 0; !rc && i < n; i++) {
		char rel[512];
		if (!cairn_id_valid(names[i]))
			continue;
		snprintf(rel, sizeof(rel), CAIRN_REVIEWS_DIR "/%s", names[i]);
		rc = check_folder(r, repo, rel, 0, seen, err);
	}
	cairn_strv_free(names);
	return rc;
}

static void find_tmp_files(struct cairn_doctor_report *r, struct cairn_repo *repo, const char *rel,
                           int depth)
{
	char *dir = rel[0] ? cairn_repo_path(repo, rel) : strdup(repo->dir);
	char **names;
	size_t n;
	cairn_err e;

	if (!dir || depth > 4 || cairn_fs_list(&names, &n, dir, &e)) {
		free(dir);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *sub = rel[0] ? cairn_path_join(rel, names[i]) : strdup(names[i]);
		char *abs = sub ? cairn_repo_path(repo, sub) : NULL;
		if (abs && !strcmp(names[i], ".git")) {
			/* git's own folder: only cairn's files there are ours (the journal's and
			 * the edit copies' temporary files) */
			static const char *const ours[] = {".git", ".git/cairn-edit"};
			for (size_t d = 0; depth == 0 && d < 2; d++) {
				char *gdir = cairn_repo_path(repo, ours[d]), **gnames;
				size_t gn;
				if (gdir && cairn_fs_list(&gnames, &gn, gdir, &e) == 0) {
					for (size_t k = 0; k < gn; k++)
						if (is_tmp(gnames[k])) {
							char grel[CAIRN_ERR_PATH];
							snprintf(grel, sizeof(grel), "%s/%s",
							         ours[d], gnames[k]);
							addf(
							    r, CAIRN_FIND_LEFTOVER, grel,
							    "`cairn doctor --fix` removes it",
							    "temporary file left by an interrupted "
							    "command");
						}
					cairn_strv_free(gnames);
				}
				free(gdir);
			}
		} else if (abs && cairn_fs_is_dir(abs)) {
			find_tmp_files(r, repo, sub, depth + 1);
		} else if (abs && is_tmp(names[i])) {
			addf(r, CAIRN_FIND_LEFTOVER, sub, "`cairn doctor --fix` removes it",
			     "temporary file left by an interrupted command");
		}
		free(abs);
		free(sub);
	}
	cairn_strv_free(names);
	free(dir);
}

static void report_undone(struct cairn_doctor_report *r, char **undone, int journal, int fixed)
{
	for (char **u = undone; u && *u; u++) {
		if (addf(r, CAIRN_FIND_LEFTOVER, *u,
		         "`cairn doctor --fix` puts back what was there before",
		         "changed by an interrupted cairn command, not committed"))
			return;
		r->v[r->n - 1].undo = 1;
		r->v[r->n - 1].fixed = fixed;
	}
	if (journal && (!undone || !*undone) &&
	    !addf(r, CAIRN_FIND_LEFTOVER, ".git/" CAIRN_JOURNAL_FILE,
	          "`cairn doctor --fix` removes it",
	          "journal of an interrupted cairn command (nothing left to undo)")) {
		r->v[r->n - 1].undo = 1;
		r->v[r->n - 1].fixed = fixed;
	}
}

static void add_undo_err(struct cairn_doctor_report *r, const cairn_err *e)
{
	struct cairn_finding *f = add(r, CAIRN_FIND_LEFTOVER);

	if (f) {
		f->where = *e;
		f->undo = 1;
	}
}

int cairn_doctor_run(struct cairn_doctor_report *out, struct cairn_repo *repo, int fix,
                     double timeout, cairn_err *err)
{
	struct cairn_goal_set goals = {0};
	struct seen seen = {0};
	struct cairn_txn *txn = NULL;
	char **ids = NULL, **changes = NULL, **locks = NULL, *lockpath = NULL, **undone = NULL;
	size_t n;
	int rc, busy, journal = 0;

	memset(out, 0, sizeof(*out));
	/* what an interrupted cairn command left half done (its journal) */
	if (!(lockpath = cairn_path_join(repo->gitdir, CAIRN_LOCK_FILE)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	if (fix) {
		/* the lock first, then put back and report exactly what was put back */
		cairn_err e;
		if ((rc = cairn_txn_begin_ex(&txn, repo, timeout, 0, err)))
			goto out;
		if (cairn_txn_recover(repo, 1, &undone, &journal, &e) == 0) {
			report_undone(out, undone, journal, 1);
			/* what is there now is the user's: hand edits, committed below */
			cairn_strv_free(undone);
			undone = NULL;
		} else {
			/* a git lock in the way, say: reported, and tried again below */
			cairn_strv_free(undone);
			undone = NULL;
			if (cairn_txn_recover(repo, 0, &undone, &journal, &e))
				add_undo_err(out, &e);
			else
				report_undone(out, undone, journal, 0);
		}
	} else if (!cairn_fs_lock_held(lockpath)) {
		/* not while another cairn command is writing: its journal is alive */
		cairn_err e;
		if (cairn_txn_recover(repo, 0, &undone, &journal, &e))
			add_undo_err(out, &e);
		else
			report_undone(out, undone, journal, 0);
	}
	check_file(out, repo, CAIRN_PROFILE_FILE, NULL, &seen);
	{
		char *dir = cairn_repo_path(repo, CAIRN_GOALS_DIR);
		char **names;
		if (!dir || (rc = cairn_fs_list(&names, &n, dir, err))) {
			free(dir);
			rc = dir ? rc : cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
		free(dir);
		for (size_t i = 0; i < n; i++) {
			char rel[512];
			size_t len = strlen(names[i]);
			if (is_tmp(names[i]))
				continue; /* reported with the leftovers */
			snprintf(rel, sizeof(rel), CAIRN_GOALS_DIR "/%s", names[i]);
			if (len > 5 && !strcmp(names[i] + len - 5, ".yaml"))
				check_file(out, repo, rel, &goals, NULL);
			else
				addf(out, CAIRN_FIND_WARNING, rel,
				     "goal files are goals/<id>.yaml; rename or move it",
				     "not a goal file: cairn ignores it");
		}
		cairn_strv_free(names);
	}
	check_references(out, &goals);
	if ((rc = check_folder(out, repo, CAIRN_RULES_DIR, 0, &seen, err)) ||
	    (rc = check_folder(out, repo, CAIRN_CE_DIR, 1, &seen, err)))
		goto out;
	check_ce_references(out, repo, &seen);
	if ((rc = check_folder(out, repo, CAIRN_PLANS_DIR, 0, &seen, err)) ||
	    (rc = check_reviews(out, repo, &seen, err)))
		goto out;
	for (size_t i = 0; i < seen.plans.n; i++) {
		const struct cairn_plan *pl = seen.plans.v[i];
		char file[CAIRN_ERR_PATH], msg[CAIRN_ERR_MSG];
		snprintf(file, sizeof(file), CAIRN_PLANS_DIR "/%s.yaml", pl->id);
		for (size_t k = 0; k < pl->goals.n; k++)
			if (!find_goal(&goals, pl->goals.v[k])) {
				snprintf(msg, sizeof(msg), "goals: no goal '%s'", pl->goals.v[k]);
				addf(out, CAIRN_FIND_INVALID, file,
				     "restore the goal (git log), or take it out of the plan with "
				     "`cairn "
				     "plan rm-goal`",
				     msg);
			}
	}
	find_tmp_files(out, repo, "", 0);

	/* stale git locks: only when no cairn command is writing now */
	busy = !fix && cairn_fs_lock_held(lockpath);
	if ((rc = cairn_git_stale_locks(&locks, repo->gitdir, err)))
		goto out;
	for (char **l = locks; !busy && *l; l++) {
		const char *rel = *l + strlen(repo->dir) + 1;
		addf(out, CAIRN_FIND_LEFTOVER, rel,
		     "if no git command is running, `cairn doctor --fix` removes it",
		     "git lock file left by an interrupted command");
	}

	/* hand edits not committed */
	if ((rc = cairn_git_changes(&changes, repo->dir, err)))
		goto out;
	for (char **c = changes; *c; c++) {
		const char *path = *c + 2;
		int left = 0;
		for (char **u = undone; u && *u; u++)
			left |= !strcmp(*u, path);
		if (left)
			continue; /* reported above: cairn's own, not a hand edit */
		char msg[CAIRN_ERR_MSG];
		size_t len = strlen(path);
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		if (is_tmp(base))
			continue;
		(void)len;
		snprintf(msg, sizeof(msg), "%s by hand, not committed",
		         **c == 'A'   ? "added"
		         : **c == 'D' ? "deleted"
		                      : "changed");
		addf(out, CAIRN_FIND_EDIT, path,
		     is_record_path(path) ? "`cairn doctor --fix` commits it once it is valid"
		                          : "not a cairn record: commit it with git, or remove it",
		     msg);
	}

	if (fix) {
		int queued = 0;
		struct cairn_buf body = {0};
		int undo = 0;
		for (size_t i = 0; i < out->n; i++) {
			struct cairn_finding *f = &out->v[i];
			char *abs;
			if (f->kind == CAIRN_FIND_LEFTOVER && f->undo) {
				undo |= !f->fixed;
			} else if (f->kind == CAIRN_FIND_LEFTOVER) {
				abs = cairn_repo_path(repo, f->where.file);
				/* a young git lock may belong to a git command running now */
				if (abs && !strncmp(f->where.file, ".git/", 5) &&
				    !is_tmp(strrchr(abs, '/') + 1) &&
				    cairn_fs_age(abs) < CAIRN_GIT_LOCK_STALE) {
					cairn_err_hint(&f->where,
					               "it is less than %d seconds old: a git "
					               "command may be running; try again",
					               CAIRN_GIT_LOCK_STALE);
				} else if (abs && cairn_fs_unlink(abs, NULL) == 0) {
					f->fixed = 1;
				}
				free(abs);
			}
		}
		/* after the git locks: putting the files back also puts their index entries back */
		if (undo) {
			cairn_err e;
			char **now = NULL;
			if (cairn_txn_recover(repo, 1, NULL, NULL, &e) == 0) {
				for (size_t i = 0; i < out->n; i++)
					if (out->v[i].undo)
						out->v[i].fixed = 1;
				/* what is there now is the user's: a hand edit put back (doctor
				 * --fix killed while committing it) is committed below like any
				 * other */
				if (cairn_git_changes(&now, repo->dir, &e) == 0)
					for (char **c = now; *c; c++)
						for (char **u = undone; u && *u; u++)
							if (!strcmp(*u, *c + 2) &&
							    is_record_path(*u))
								addf(out, CAIRN_FIND_EDIT, *u,
								     "`cairn doctor --fix` commits "
								     "it once it "
								     "is valid",
								     "changed by hand, not "
								     "committed");
				cairn_strv_free(now);
			} else {
				for (size_t i = 0; i < out->n; i++)
					if (out->v[i].undo && !out->v[i].fixed) {
						char m[CAIRN_ERR_MSG + CAIRN_ERR_PATH + 64];
						cairn_err_format(&e, m, sizeof(m));
						cairn_err_hint(&out->v[i].where,
						               "could not put it back: %s", m);
					}
			}
		}
		for (size_t i = 0; i < out->n; i++) {
			struct cairn_finding *f = &out->v[i];
			const char *rel = f->where.file;
			int invalid = 0;
			char *buf;
			size_t len;
			cairn_err e;
			if (f->kind != CAIRN_FIND_EDIT || !is_record_path(rel))
				continue;
			for (size_t j = 0; j < out->n; j++)
				if (out->v[j].kind == CAIRN_FIND_INVALID &&
				    !strcmp(out->v[j].where.file, rel))
					invalid = 1;
			if (invalid)
				continue;
			/* certificates are larger than records */
			if ((!strncmp(rel, CAIRN_CERT_DIR "/", sizeof(CAIRN_CERT_DIR))
			         ? cairn_fs_read_rel(&buf, &len, repo, rel, CAIRN_CERT_MAX, &e)
			         : cairn_repo_read(&buf, &len, repo, rel, &e)) == 0) {
				rc = cairn_txn_put(txn, rel, buf, len, err);
				free(buf);
			} else if (e.code == CAIRN_ENOTFOUND) {
				rc = cairn_txn_remove(txn, rel, err);
			} else {
				continue;
			}
			if (rc)
				goto out;
			cairn_buf_printf(&body, "%s: %s\n", rel, f->where.msg);
			f->fixed = 1;
			queued++;
		}
		if (queued) {
			struct cairn_buf msg = {0};
			cairn_buf_printf(&msg, "doctor: commit %d hand edit%s\n\n%s", queued,
			                 queued == 1 ? "" : "s", body.data ? body.data : "");
			rc = msg.failed ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
			                : cairn_txn_commit(txn, msg.data, &out->committed, err);
			cairn_buf_release(&msg);
			if (rc) {
				for (size_t i = 0; i < out->n; i++)
					if (out->v[i].kind == CAIRN_FIND_EDIT)
						out->v[i].fixed = 0;
				cairn_buf_release(&body);
				goto out; /* the report stands; the caller says why nothing was
				             committed */
			}
		}
		cairn_buf_release(&body);
	}
	rc = 0;
out:
	(void)ids;
	cairn_strv_free(changes);
	cairn_strv_free(undone);
	cairn_strv_free(locks);
	free(lockpath);
	cairn_goal_set_release(&goals);
	cairn_profile_free(seen.profile);
	cairn_strlist_release(&seen.rules);
	cairn_ce_set_release(&seen.ce);
	cairn_plan_set_release(&seen.plans);
	cairn_txn_free(txn);
	return rc;
}

void cairn_doctor_report_release(struct cairn_doctor_report *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

size_t cairn_doctor_count(const struct cairn_doctor_report *r, enum cairn_finding_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->v[i].kind == kind && !r->v[i].fixed;
	return n;
}
