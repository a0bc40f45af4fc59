/* cairn — unit tests: the profile, cairn.yaml (lib/profile.c): what a valid profile holds,
 * the format version a newer cairn would write, licenses that share an id, and loading the
 * profile of a real repository (lib/repo.c) when the file was broken by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

static const char PROFILE[] = "format: 1\n"
                              "name: Dana Reyes\n"
                              "credentials: [LPC, NCC]\n"
                              "licenses:\n"
                              "  - id: tx-lpc\n"
                              "    title: Texas LPC\n"
                              "    rule: tx-lpc\n"
                              "    number: '81234'\n"
                              "    state: TX\n"
                              "    issued: 2023-07-01\n"
                              "    expires: 2027-06-30\n"
                              "  - id: ncc\n"
                              "    rule: nbcc-ncc\n"
                              "settings:\n"
                              "  remind_within: 14d\n"
                              "  review_every: quarterly\n";

START_TEST(a_valid_profile_and_what_it_holds)
{
	struct cairn_profile *p = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_profile_parse(&p, PROFILE, strlen(PROFILE), "cairn.yaml", &err) == 0,
	              "%s", err.msg);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq((int)p->format.v, CAIRN_FORMAT_VERSION);
	ck_assert_str_eq(p->name, "Dana Reyes");
	ck_assert_uint_eq(p->credentials.n, 2);
	ck_assert_str_eq(p->credentials.v[1], "NCC");
	ck_assert_uint_eq(p->licenses.n, 2);
	ck_assert_str_eq(p->licenses.v[0].id, "tx-lpc");
	ck_assert_str_eq(p->licenses.v[0].number, "81234");
	ck_assert_int_eq(p->licenses.v[0].expires, unit_date("2027-06-30"));
	ck_assert_int_eq(p->licenses.v[0].issued, unit_date("2023-07-01"));
	ck_assert_str_eq(p->licenses.v[1].rule, "nbcc-ncc");
	ck_assert_ptr_null(p->licenses.v[1].title);
	ck_assert_str_eq(p->settings->remind_within, "14d");
	ck_assert_str_eq(p->settings->review_every, "quarterly");
	ck_assert_int_eq(cairn_profile_validate(p, NULL, &err), 0);
	cairn_profile_free(p);
}
END_TEST

START_TEST(a_newer_format_is_refused_with_a_hint_to_upgrade)
{
	static const char Y[] = "format: 2\nname: Dana\n";
	struct cairn_profile *p = (struct cairn_profile *)1;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_profile_parse(&p, Y, strlen(Y), "cairn.yaml", &err), err, CAIRN_EDATA,
	                "format 2 is not one this cairn reads (1)");
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err.file, "cairn.yaml");
	unit_assert_has(err.hint, "upgrade cairn");
	ck_assert_int_eq(cairn_exit_status(err.code), 65);
}
END_TEST

START_TEST(two_licenses_with_one_id_are_refused)
{
	static const char Y[] = "format: 1\n"
	                        "licenses:\n"
	                        "  - {id: tx-lpc, rule: tx-lpc}\n"
	                        "  - {id: ncc, rule: nbcc-ncc}\n"
	                        "  - {id: tx-lpc, rule: tx-lpc, expires: 2029-06-30}\n";
	struct cairn_profile *p = (struct cairn_profile *)1;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_profile_parse(&p, Y, strlen(Y), "cairn.yaml", &err), err, CAIRN_EDATA,
	                "two licenses have the id 'tx-lpc'");
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err.file, "cairn.yaml");
}
END_TEST

START_TEST(validate_names_the_file_only_when_given_one)
{
	static const char Y[] = "format: 1\n"
	                        "licenses:\n"
	                        "  - {id: a, rule: r}\n"
	                        "  - {id: b, rule: r}\n";
	struct cairn_profile *p = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_profile_parse(&p, Y, strlen(Y), "cairn.yaml", &err), 0);
	/* a change made in memory (as `license add` makes) is checked again before writing */
	free(p->licenses.v[1].id);
	p->licenses.v[1].id = strdup("a");
	unit_assert_err(cairn_profile_validate(p, NULL, &err), err, CAIRN_EDATA,
	                "two licenses have the id 'a'");
	ck_assert_str_eq(err.file, "");
	cairn_err_clear(&err);
	p->format.v = 3;
	unit_assert_err(cairn_profile_validate(p, "data/cairn.yaml", &err), err, CAIRN_EDATA,
	                "format 3");
	ck_assert_str_eq(err.file, "data/cairn.yaml");
	cairn_profile_free(p);
}
END_TEST

START_TEST(errors_of_the_file_point_at_line_and_column)
{
	static const char NOFMT[] = "name: Dana\n";
	static const char FRACTION[] = "format: 1.5\n";
	static const char BADLIC[] = "format: 1\n"
	                             "licenses:\n"
	                             "  - id: tx-lpc\n"
	                             "    expires: June 2027\n";
	struct cairn_profile *p = (struct cairn_profile *)1;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_profile_parse(&p, NOFMT, strlen(NOFMT), "cairn.yaml", &err), err,
	                CAIRN_EDATA, "format");
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err.file, "cairn.yaml");

	cairn_err_clear(&err);
	unit_assert_err(cairn_profile_parse(&p, FRACTION, strlen(FRACTION), "cairn.yaml", &err),
	                err, CAIRN_EDATA, "format");
	ck_assert_int_eq(err.line, 1);

	cairn_err_clear(&err);
	unit_assert_err(cairn_profile_parse(&p, BADLIC, strlen(BADLIC), "cairn.yaml", &err), err,
	                CAIRN_EDATA, "expires");
	unit_assert_at(err, "cairn.yaml", 4, 14);
}
END_TEST

/* ---- the profile of a repository ---- */

START_TEST(repo_profile_of_a_new_repository)
{
	char *dir;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_profile *p = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_repo_profile(&p, repo, &err), 0);
	ck_assert_str_eq(p->name, "Unit Test");
	ck_assert_uint_eq(p->licenses.n, 0);
	ck_assert_str_eq(p->settings->remind_within, "30d");
	ck_assert_str_eq(p->settings->review_every, "monthly");
	cairn_profile_free(p);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(repo_profile_edited_by_hand_names_cairn_yaml)
{
	char *dir, *path;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_profile *p = (struct cairn_profile *)1;
	cairn_err err = CAIRN_ERR_INIT;

	path = cairn_repo_path(repo, "cairn.yaml");
	unit_write(path, "format: 2\nname: Unit Test\n");
	unit_assert_err(cairn_repo_profile(&p, repo, &err), err, CAIRN_EDATA, "format 2");
	ck_assert_ptr_null(p);
	ck_assert_str_eq(err.file, "cairn.yaml");

	unit_write(path, "format: 1\nname: [Unit\n");
	cairn_err_clear(&err);
	ck_assert_int_eq(cairn_repo_profile(&p, repo, &err), CAIRN_EDATA);
	ck_assert_str_eq(err.file, "cairn.yaml");
	ck_assert_int_gt(err.line, 0);

	/* cairn.yaml replaced by a folder: the message names the file of the repository, not
	 * its absolute path */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	cairn_err_clear(&err);
	unit_assert_err(cairn_repo_profile(&p, repo, &err), err, CAIRN_EDATA, "not a regular file");
	ck_assert_str_eq(err.file, "cairn.yaml");
	ck_assert_ptr_null(p);
	free(path);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *c;

	c = tcase_create("parse");
	tcase_add_test(c, a_valid_profile_and_what_it_holds);
	tcase_add_test(c, a_newer_format_is_refused_with_a_hint_to_upgrade);
	tcase_add_test(c, two_licenses_with_one_id_are_refused);
	tcase_add_test(c, validate_names_the_file_only_when_given_one);
	tcase_add_test(c, errors_of_the_file_point_at_line_and_column);
	suite_add_tcase(s, c);

	c = tcase_create("repository");
	tcase_set_timeout(c, 30);
	tcase_add_test(c, repo_profile_of_a_new_repository);
	tcase_add_test(c, repo_profile_edited_by_hand_names_cairn_yaml);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(profile_suite());
}
