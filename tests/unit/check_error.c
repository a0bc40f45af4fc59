/* cairn — unit tests: errors (lib/error.c): what a message says, where it points, the exit
 * status each code gives, and calls made with no error to fill (err may be NULL). */
#include <stdio.h>
#include <string.h>

#include "unit.h"

START_TEST(set_replaces_everything_and_returns_the_code)
{
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_err_set(&err, CAIRN_EIO, "first"), CAIRN_EIO);
	cairn_err_at(&err, "goals/x.yaml", 3, 7);
	cairn_err_hint(&err, "try %s", "again");
	ck_assert_str_eq(err.hint, "try again");
	/* a new error starts clean: no stale place or hint from the one before */
	ck_assert_int_eq(cairn_err_set(&err, CAIRN_EDATA, "due %s is before start %d", "x", 2),
	                 CAIRN_EDATA);
	ck_assert_int_eq(err.code, CAIRN_EDATA);
	ck_assert_str_eq(err.msg, "due x is before start 2");
	ck_assert_str_eq(err.file, "");
	ck_assert_int_eq(err.line, 0);
	ck_assert_int_eq(err.column, 0);
	ck_assert_str_eq(err.hint, "");
	cairn_err_clear(&err);
	ck_assert_int_eq(err.code, 0);
	ck_assert_str_eq(err.msg, "");
}
END_TEST

START_TEST(null_err_is_allowed_everywhere)
{
	/* the code still comes back: `return cairn_err_set(NULL, ...)` reads as an error */
	ck_assert_int_eq(cairn_err_set(NULL, CAIRN_ENOTFOUND, "no goal '%s'", "x"),
	                 CAIRN_ENOTFOUND);
	ck_assert_int_eq(cairn_err_set(NULL, CAIRN_OK, "nothing"), 0);
	cairn_err_at(NULL, "f", 1, 1);
	cairn_err_hint(NULL, "hint %d", 1);
	cairn_err_prefix(NULL, "field %s", "x");
	cairn_err_clear(NULL);
}
END_TEST

START_TEST(at_keeps_the_file_when_given_none)
{
	cairn_err err = CAIRN_ERR_INIT;

	cairn_err_set(&err, CAIRN_EDATA, "bad");
	cairn_err_at(&err, "plans/p.yaml", 4, 2);
	cairn_err_at(&err, NULL, 9, 0);
	ck_assert_str_eq(err.file, "plans/p.yaml");
	ck_assert_int_eq(err.line, 9);
	ck_assert_int_eq(err.column, 0);
}
END_TEST

START_TEST(prefix_goes_before_the_message)
{
	cairn_err err = CAIRN_ERR_INIT;
	char longmsg[CAIRN_ERR_MSG + 50];

	cairn_err_set(&err, CAIRN_EDATA, "not a date");
	cairn_err_at(&err, "goals/a.yaml", 2, 6);
	cairn_err_prefix(&err, "steps[%d].due", 2);
	ck_assert_str_eq(err.msg, "steps[2].due: not a date");
	/* the place is untouched */
	ck_assert_str_eq(err.file, "goals/a.yaml");
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.code, CAIRN_EDATA);

	/* a message at the limit is cut, never overflows, and stays NUL-terminated */
	memset(longmsg, 'm', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	cairn_err_set(&err, CAIRN_EDATA, "%s", longmsg);
	ck_assert_uint_eq(strlen(err.msg), CAIRN_ERR_MSG - 1);
	cairn_err_prefix(&err, "field");
	ck_assert_uint_eq(strlen(err.msg), CAIRN_ERR_MSG - 1);
	ck_assert(!strncmp(err.msg, "field: mmm", 10));
}
END_TEST

START_TEST(exit_status_of_each_code)
{
	ck_assert_int_eq(cairn_exit_status(CAIRN_OK), 0);
	ck_assert_int_eq(cairn_exit_status(CAIRN_ENEG), 1);
	ck_assert_int_eq(cairn_exit_status(CAIRN_EUSAGE), 2);
	ck_assert_int_eq(cairn_exit_status(CAIRN_EDATA), 65);
	ck_assert_int_eq(cairn_exit_status(CAIRN_EEXISTS), 65);
	ck_assert_int_eq(cairn_exit_status(CAIRN_ENOTFOUND), 66);
	ck_assert_int_eq(cairn_exit_status(CAIRN_ENOMEM), 71);
	ck_assert_int_eq(cairn_exit_status(CAIRN_EIO), 74);
	ck_assert_int_eq(cairn_exit_status(CAIRN_ELOCKED), 75);
	ck_assert_int_eq(cairn_exit_status(CAIRN_EPERM), 77);
	/* a code cairn does not know is an I/O error, never success */
	ck_assert_int_eq(cairn_exit_status(-99), 74);
	ck_assert_int_eq(cairn_exit_status(5), 74);
}
END_TEST

START_TEST(format_with_and_without_a_place)
{
	cairn_err err = CAIRN_ERR_INIT;
	char buf[CAIRN_ERR_MSG + CAIRN_ERR_PATH + 32], tiny[12];

	cairn_err_set(&err, CAIRN_EDATA, "unknown key 'colour'");
	cairn_err_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "unknown key 'colour'");

	cairn_err_at(&err, "goals/a.yaml", 0, 0);
	cairn_err_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "goals/a.yaml: unknown key 'colour'");

	cairn_err_at(&err, "goals/a.yaml", 12, 0);
	cairn_err_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "goals/a.yaml:12: unknown key 'colour'");

	cairn_err_at(&err, "goals/a.yaml", 12, 3);
	cairn_err_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "goals/a.yaml:12:3: unknown key 'colour'");

	/* a column without a line is not a place a reader can use: the file alone */
	cairn_err_at(&err, "goals/a.yaml", 0, 3);
	cairn_err_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "goals/a.yaml: unknown key 'colour'");

	/* the hint is never part of the line */
	cairn_err_hint(&err, "remove it");
	cairn_err_format(&err, buf, sizeof(buf));
	ck_assert_ptr_null(strstr(buf, "remove it"));

	/* a small buffer gets the start, terminated */
	cairn_err_format(&err, tiny, sizeof(tiny));
	ck_assert_str_eq(tiny, "goals/a.yam");
}
END_TEST

static Suite *error_suite(void)
{
	Suite *s = suite_create("error");
	TCase *c = tcase_create("error");

	tcase_add_test(c, set_replaces_everything_and_returns_the_code);
	tcase_add_test(c, null_err_is_allowed_everywhere);
	tcase_add_test(c, at_keeps_the_file_when_given_none);
	tcase_add_test(c, prefix_goes_before_the_message);
	tcase_add_test(c, exit_status_of_each_code);
	tcase_add_test(c, format_with_and_without_a_place);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(error_suite());
}
