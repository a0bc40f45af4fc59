/* cairn — unit tests: doctor (lib/doctor.c) on real repositories: the findings for references
 * between records (a goal serving a dropped goal, an activity for an unknown license), files
 * that are not records, record files that cannot be read, leftovers deep in the tree, folders
 * that cannot be listed and a corrupt git index (the run fails, naming them), and --fix with
 * hand edits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#define TIMEOUT 5.0

/* ---- helpers ---- */

static char *path_in(const char *dir, const char *rel)
{
	char *p = malloc(strlen(dir) + strlen(rel) + 2);

	ck_assert_ptr_nonnull(p);
	sprintf(p, "%s/%s", dir, rel);
	return p;
}

static void put(const char *dir, const char *rel, const char *data)
{
	char *p = path_in(dir, rel), *slash = strrchr(p, '/');

	*slash = '\0';
	ck_assert_int_eq(unit_sh(NULL, "mkdir -p '%s'", p), 0);
	*slash = '/';
	unit_write(p, data);
	free(p);
}

static void commit_all(const char *dir, const char *msg)
{
	ck_assert_int_eq(unit_sh(NULL,
	                         "git -C '%s' add -A && git -C '%s' -c user.name=T -c "
	                         "user.email=t@example.org commit -qm '%s'",
	                         dir, dir, msg),
	                 0);
}

static void make_file(const char *dir, const char *rel)
{
	ck_assert_int_eq(unit_sh(NULL, "rm -rf '%s/%s' && echo x > '%s/%s'", dir, rel, dir, rel),
	                 0);
}

/* The finding of kind about file whose message contains text; fails the test without one. */
static const struct cairn_finding *finding(const struct cairn_doctor_report *r, int kind,
                                           const char *file, const char *text)
{
	for (size_t i = 0; i < r->n; i++)
		if ((int)r->v[i].kind == kind && !strcmp(r->v[i].where.file, file) &&
		    strstr(r->v[i].where.msg, text))
			return &r->v[i];
	for (size_t i = 0; i < r->n; i++)
		fprintf(stderr, "finding %d %s: %s\n", r->v[i].kind, r->v[i].where.file,
		        r->v[i].where.msg);
	ck_abort_msg("no finding %d for %s with '%s'", kind, file, text);
	return NULL;
}

static int has_finding_for(const struct cairn_doctor_report *r, const char *file)
{
	for (size_t i = 0; i < r->n; i++)
		if (strstr(r->v[i].where.file, file))
			return 1;
	return 0;
}

static void goal(const char *dir, const char *id, const char *status, const char *horizon,
                 const char *serves)
{
	char rel[128], yaml[512];

	snprintf(rel, sizeof(rel), "goals/%s.yaml", id);
	snprintf(yaml, sizeof(yaml), "id: %s\ntitle: Goal %s\nstatus: %s\nhorizon: %s\n%s%s%s", id,
	         id, status, horizon, serves ? "serves: [" : "", serves ? serves : "",
	         serves ? "]\n" : "");
	put(dir, rel, yaml);
}

/* ---- findings ---- */

START_TEST(references_and_files_that_are_not_records)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_doctor_report r;
	const struct cairn_finding *f;
	cairn_err err = CAIRN_ERR_INIT;

	goal(dir, "career", "dropped", "long", NULL);
	goal(dir, "active-one", "active", "short", "career");
	goal(dir, "done-one", "done", "short", "career");       /* closed: no warning */
	goal(dir, "dropped-one", "dropped", "short", "career"); /* closed: no warning */
	put(dir, "goals/notes.md", "my notes\n");
	put(dir, "rules/tx-lpc.yaml",
	    "id: tx-lpc\ntitle: TX\ncycle: {months: 24, anchor: expiry}\n"
	    "total_hours: 24\n");
	put(dir, "cairn.yaml",
	    "format: 1\nname: Unit Test\nlicenses:\n"
	    "  - {id: tx, rule: tx-lpc, expires: 2027-06-30}\n");
	put(dir, "ce/2026/2026-03-04-ethics.yaml",
	    "id: 2026-03-04-ethics\ndate: 2026-03-04\n"
	    "title: Ethics\nhours: 3\nlicenses: [tx, ncc]\n");
	/* a temporary file of an interrupted command is a leftover, not a rule to validate */
	put(dir, "rules/.tx-lpc.yaml.cairn-tmp.AbC123", "id: [\n");
	/* a folder under reviews/ whose name is not a plan id is not looked into */
	put(dir, "reviews/Not A Plan/2026-01-01.yaml", "id: [\n");
	/* a record file that is a folder */
	ck_assert_int_eq(unit_sh(NULL, "mkdir -p '%s/plans/odd.yaml'", dir), 0);
	commit_all(dir, "by hand");

	ck_assert_msg(cairn_doctor_run(&r, repo, 0, TIMEOUT, &err) == 0, "%s", err.msg);
	/* cairn.yaml, 4 goals, the rule, the activity, plans/odd.yaml */
	ck_assert_uint_eq(r.records, 8);

	f = finding(&r, CAIRN_FIND_WARNING, "goals/active-one.yaml",
	            "serves 'career', which was dropped");
	unit_assert_has(f->where.hint, "drop it too");
	ck_assert(!has_finding_for(&r, "goals/done-one.yaml"));
	ck_assert(!has_finding_for(&r, "goals/dropped-one.yaml"));

	f = finding(&r, CAIRN_FIND_WARNING, "goals/notes.md", "not a goal file: cairn ignores it");
	unit_assert_has(f->where.hint, "goals/<id>.yaml");

	f = finding(&r, CAIRN_FIND_WARNING, "ce/2026/2026-03-04-ethics.yaml",
	            "licenses: no license 'ncc'");
	unit_assert_has(f->where.hint, "count toward no license");

	f = finding(&r, CAIRN_FIND_INVALID, "plans/odd.yaml", "not a regular file");
	ck_assert_int_eq(f->where.code, CAIRN_EDATA);

	f = finding(&r, CAIRN_FIND_LEFTOVER, "rules/.tx-lpc.yaml.cairn-tmp.AbC123",
	            "temporary file left by an interrupted command");
	ck_assert(!has_finding_for(&r, "reviews/"));

	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_INVALID), 1);
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_WARNING), 3);
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_LEFTOVER), 1);
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_EDIT), 0);
	cairn_doctor_report_release(&r);
	ck_assert_uint_eq(r.n, 0);
	ck_assert_ptr_null(r.v);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(leftovers_are_looked_for_four_folders_deep)
{
	char *dir, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_doctor_report r;
	cairn_err err = CAIRN_ERR_INIT;

	put(dir, "a/b/c/d/.x.cairn-tmp.1", "x");
	put(dir, "a/b/c/d/e/.y.cairn-tmp.2", "x");
	ck_assert_msg(cairn_doctor_run(&r, repo, 0, TIMEOUT, &err) == 0, "%s", err.msg);
	finding(&r, CAIRN_FIND_LEFTOVER, "a/b/c/d/.x.cairn-tmp.1", "temporary file");
	ck_assert(!has_finding_for(&r, "a/b/c/d/e/"));
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_LEFTOVER), 1);
	/* temporary files are not hand edits to commit */
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_EDIT), 0);
	cairn_doctor_report_release(&r);

	/* --fix removes the one it found, and leaves what it did not look at */
	ck_assert_msg(cairn_doctor_run(&r, repo, 1, TIMEOUT, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_LEFTOVER), 0);
	ck_assert_int_eq(r.committed, 0);
	cairn_doctor_report_release(&r);
	ck_assert_ptr_null(unit_read_rel(dir, "a/b/c/d/.x.cairn-tmp.1"));
	s = unit_read_rel(dir, "a/b/c/d/e/.y.cairn-tmp.2");
	ck_assert_str_eq(s, "x");
	free(s);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(leftovers_of_cairn_inside_git_are_reported)
{
	char *dir, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_doctor_report r;
	const struct cairn_finding *f;
	cairn_err err = CAIRN_ERR_INIT;

	/* the temporary files cairn writes into .git (the journal's, an edit copy's) */
	put(dir, ".git/.cairn-journal.cairn-tmp.Ab12", "x");
	put(dir, ".git/cairn-edit/.lead.yaml.cairn-tmp.Cd34", "x");
	/* git's own files, and a temporary-looking file deeper in git's objects, are not ours */
	put(dir, ".git/objects/.x.cairn-tmp.Ef56", "x");
	ck_assert_msg(cairn_doctor_run(&r, repo, 0, TIMEOUT, &err) == 0, "%s", err.msg);
	f = finding(&r, CAIRN_FIND_LEFTOVER, ".git/.cairn-journal.cairn-tmp.Ab12",
	            "temporary file left by an interrupted command");
	ck_assert_str_eq(f->where.hint, "`cairn doctor --fix` removes it");
	finding(&r, CAIRN_FIND_LEFTOVER, ".git/cairn-edit/.lead.yaml.cairn-tmp.Cd34",
	        "temporary file");
	ck_assert(!has_finding_for(&r, ".git/objects/"));
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_LEFTOVER), 2);
	cairn_doctor_report_release(&r);

	/* --fix holds the writer lock, so no cairn command can be writing them: both go, young
	 * as they are (only git's own locks are given time) */
	ck_assert_msg(cairn_doctor_run(&r, repo, 1, TIMEOUT, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_LEFTOVER), 0);
	f = finding(&r, CAIRN_FIND_LEFTOVER, ".git/.cairn-journal.cairn-tmp.Ab12", "temporary");
	ck_assert_int_eq(f->fixed, 1);
	cairn_doctor_report_release(&r);
	ck_assert_ptr_null(unit_read_rel(dir, ".git/.cairn-journal.cairn-tmp.Ab12"));
	ck_assert_ptr_null(unit_read_rel(dir, ".git/cairn-edit/.lead.yaml.cairn-tmp.Cd34"));
	s = unit_read_rel(dir, ".git/objects/.x.cairn-tmp.Ef56");
	ck_assert_str_eq(s, "x");
	free(s);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- what stops doctor ---- */

static void doctor_fails(struct cairn_repo *repo, int code, const char *text, const char *file)
{
	struct cairn_doctor_report r;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_doctor_run(&r, repo, 0, TIMEOUT, &err), err, code, text);
	if (file)
		unit_assert_has(err.file, file);
	cairn_doctor_report_release(&r);
}

START_TEST(folders_that_cannot_be_listed)
{
	static const char *const folders[] = {"goals", "rules", "ce", "plans", "reviews"};
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);

	for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
		char want[64];
		snprintf(want, sizeof(want), "/%s", folders[i]);
		make_file(dir, folders[i]);
		doctor_fails(repo, CAIRN_EIO, "cannot list", want);
		ck_assert_int_eq(unit_sh(NULL, "rm -f '%s/%s'", dir, folders[i]), 0);
	}
	/* a year of CE activities */
	put(dir, "ce/.keep", "");
	make_file(dir, "ce/2026");
	doctor_fails(repo, CAIRN_EIO, "cannot list", "/ce/2026");
	ck_assert_int_eq(unit_sh(NULL, "rm -f '%s/ce/2026'", dir), 0);
	/* a plan's reviews */
	put(dir, "reviews/.keep", "");
	make_file(dir, "reviews/growth");
	doctor_fails(repo, CAIRN_EIO, "cannot list", "/reviews/growth");
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(a_corrupt_git_index)
{
	char *dir, *index;
	struct cairn_repo *repo = unit_repo(&dir);

	index = path_in(dir, ".git/index");
	unit_write(index, "this is not a git index\n");
	doctor_fails(repo, CAIRN_EIO, "cannot read the status of the work tree", NULL);
	free(index);
	unit_repo_done(repo, dir);
}
END_TEST

/* ---- --fix ---- */

/* BUG (lib/doctor.c, cairn_doctor_run with fix): a certificate added by hand is a record
 * path (is_record_path: certificates/<file>), reported as "added by hand, not committed"
 * with the hint "`cairn doctor --fix` commits it once it is valid". But --fix reads it with
 * cairn_repo_read, which refuses files over the YAML limit (1 MiB), and a read error that is
 * not "not found" is skipped silently (`continue`): a certificate of 1-20 MiB (cairn accepts
 * up to 20 MiB) is never committed, and doctor keeps giving the same hint. This test asserts
 * that --fix commits it, and fails until it does. */
START_TEST(fix_commits_a_large_certificate_added_by_hand)
{
	char *dir, *big, *s;
	size_t edits;
	int rc, committed, clean;
	size_t n = 2u * 1024 * 1024;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_doctor_report r;
	cairn_err err = CAIRN_ERR_INIT;

	big = malloc(n + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', n);
	memcpy(big, "%PDF-1.4\n", 9);
	big[n] = '\0';
	put(dir, "certificates/aaaaaaaaaaaa-big.pdf", big);
	free(big);
	ck_assert_msg(cairn_doctor_run(&r, repo, 0, TIMEOUT, &err) == 0, "%s", err.msg);
	finding(&r, CAIRN_FIND_EDIT, "certificates/aaaaaaaaaaaa-big.pdf", "added by hand");
	cairn_doctor_report_release(&r);

	rc = cairn_doctor_run(&r, repo, 1, TIMEOUT, &err);
	edits = cairn_doctor_count(&r, CAIRN_FIND_EDIT);
	committed = r.committed;
	cairn_doctor_report_release(&r);
	s = unit_sh_out("git -C '%s' status --porcelain", dir);
	clean = !strcmp(s, "");
	free(s);
	unit_repo_done(repo, dir);
	/* asserted after the clean-up, so that the failure leaks nothing */
	ck_assert_msg(rc == 0, "%s", err.msg);
	ck_assert_uint_eq(edits, 0);
	ck_assert_int_eq(committed, 1);
	ck_assert_msg(clean, "the certificate is still not committed");
}
END_TEST

/* BUG (lib/doctor.c, cairn_doctor_run with fix): when the commit of the hand edits fails
 * (here: git holds the index, .git/index.lock, as a git command running by hand would), the
 * edits are marked not fixed but the error is dropped: `rc = 0` after the fix block makes
 * the call succeed, so `cairn doctor --fix` exits 1 ("uncommitted change") without saying
 * why nothing was committed. This test asserts that the commit's error is returned, and
 * fails until it is. */
START_TEST(fix_says_why_the_commit_failed)
{
	char *dir, *lock, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_doctor_report r;
	cairn_err err = CAIRN_ERR_INIT;
	size_t edits;
	int rc, committed;

	goal(dir, "fine", "active", "short", NULL);
	lock = path_in(dir, ".git/index.lock");
	unit_write(lock, "");
	rc = cairn_doctor_run(&r, repo, 1, TIMEOUT, &err);
	edits = cairn_doctor_count(&r, CAIRN_FIND_EDIT);
	committed = r.committed;
	cairn_doctor_report_release(&r);
	/* the young lock is left alone: a git command may be running */
	s = unit_read(lock);
	free(lock);
	unit_repo_done(repo, dir);
	ck_assert_ptr_nonnull(s);
	free(s);
	ck_assert_uint_eq(edits, 1);
	ck_assert_int_eq(committed, 0);
	ck_assert_msg(rc == CAIRN_ELOCKED || rc == CAIRN_EIO,
	              "rc %d: the failed commit is not reported (err: %s)", rc, err.msg);
}
END_TEST

START_TEST(fix_commits_valid_edits_and_leaves_invalid_ones)
{
	char *dir, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_doctor_report r;
	cairn_err err = CAIRN_ERR_INIT;

	goal(dir, "fine", "active", "short", NULL);
	put(dir, "goals/bad.yaml", "id: bad\ntitle: [\n");
	put(dir, "notes.txt", "not a record\n");
	ck_assert_msg(cairn_doctor_run(&r, repo, 1, TIMEOUT, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r.committed, 1);
	/* the invalid goal and the file that is not a record are left as they are */
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_EDIT), 2);
	ck_assert_uint_eq(cairn_doctor_count(&r, CAIRN_FIND_INVALID), 1);
	cairn_doctor_report_release(&r);
	s = unit_sh_out("git -C '%s' log -1 --format=%%s%%n%%b", dir);
	ck_assert_str_eq(s, "doctor: commit 1 hand edit\ngoals/fine.yaml: added by hand, not "
	                    "committed");
	free(s);
	s = unit_sh_out("git -C '%s' status --porcelain", dir);
	ck_assert_str_eq(s, "?? goals/bad.yaml\n?? notes.txt");
	free(s);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *doctor_suite(void)
{
	Suite *s = suite_create("doctor");
	TCase *c;

	c = tcase_create("findings");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, references_and_files_that_are_not_records);
	tcase_add_test(c, leftovers_are_looked_for_four_folders_deep);
	tcase_add_test(c, leftovers_of_cairn_inside_git_are_reported);
	suite_add_tcase(s, c);

	c = tcase_create("failures");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, folders_that_cannot_be_listed);
	tcase_add_test(c, a_corrupt_git_index);
	suite_add_tcase(s, c);

	c = tcase_create("fix");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, fix_commits_valid_edits_and_leaves_invalid_ones);
	tcase_add_test(c, fix_commits_a_large_certificate_added_by_hand);
	tcase_add_test(c, fix_says_why_the_commit_failed);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(doctor_suite());
}
