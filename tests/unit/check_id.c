/* cairn — unit tests: ids (validation, slugs, uniqueness, prefix resolution) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static char *repeat(char c, size_t n)
{
	static char buf[256];

	ck_assert_uint_lt(n, sizeof(buf));
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

/* The slug of title must be want. */
static void slug_is(const char *title, const char *want)
{
	char buf[CAIRN_ID_MAX + 1];
	cairn_err err = CAIRN_ERR_INIT;
	int rc = cairn_id_slug(buf, title, &err);

	ck_assert_msg(rc == 0, "slug of '%s' refused: %s", title, err.msg);
	ck_assert_str_eq(buf, want);
	ck_assert_msg(cairn_id_valid(buf), "slug '%s' is not a valid id", buf);
}

static void slug_refused(const char *title)
{
	char buf[CAIRN_ID_MAX + 1];
	cairn_err err = CAIRN_ERR_INIT;
	char want[600];

	snprintf(want, sizeof(want), "cannot make an id from the title '%s'", title);
	unit_assert_err(cairn_id_slug(buf, title, &err), err, CAIRN_EDATA, want);
	unit_assert_has(err.hint, "--id");
}

/* ---- validation ---- */

START_TEST(valid_ids)
{
	ck_assert_int_eq(cairn_id_valid("a"), 1);
	ck_assert_int_eq(cairn_id_valid("0"), 1);
	ck_assert_int_eq(cairn_id_valid("dbt-certification"), 1);
	ck_assert_int_eq(cairn_id_valid("2027-03-01-ethics"), 1);
	ck_assert_int_eq(cairn_id_valid("a--b"), 1);
	ck_assert_int_eq(cairn_id_valid(repeat('a', 64)), 1);
	ck_assert_int_eq(cairn_id_valid(repeat('7', 64)), 1);
}
END_TEST

START_TEST(invalid_ids)
{
	static const char *const bad[] = {
	    "",    "a/b", "/etc",   "..",          "../x", "x/..", ".",   "Abc",  "aBc", "-a", "-",
	    "a_b", "a b", "a.yaml", "caf\xc3\xa9", "a\n",  "\ta",  "a:b", "a\\b", "~a",  NULL};

	for (int i = 0; bad[i]; i++)
		ck_assert_msg(!cairn_id_valid(bad[i]), "'%s' accepted as an id", bad[i]);
	ck_assert_int_eq(cairn_id_valid(NULL), 0);
	ck_assert_int_eq(cairn_id_valid(repeat('a', 65)), 0);
}
END_TEST

START_TEST(id_check_messages)
{
	cairn_err err = CAIRN_ERR_INIT;
	char want[128];

	ck_assert_int_eq(cairn_id_check("dbt", "goal id", &err), 0);
	ck_assert_int_eq(cairn_id_check(repeat('a', 64), "goal id", &err), 0);

	unit_assert_err(cairn_id_check("", "goal id", &err), err, CAIRN_EDATA, "goal id is empty");
	unit_assert_err(cairn_id_check(NULL, "goal id", &err), err, CAIRN_EDATA,
	                "goal id is empty");
	unit_assert_err(cairn_id_check("../x", "goal id", &err), err, CAIRN_EDATA,
	                "goal id '../x' is not valid");
	unit_assert_has(err.hint, "lower-case letters, digits and '-'");
	unit_assert_has(err.hint, "64");
	unit_assert_err(cairn_id_check("a/b", "goal id", &err), err, CAIRN_EDATA,
	                "goal id 'a/b' is not valid");
	unit_assert_err(cairn_id_check("..", "plan id", &err), err, CAIRN_EDATA,
	                "plan id '..' is not valid");
	unit_assert_err(cairn_id_check("Ethics", "goal id", &err), err, CAIRN_EDATA,
	                "goal id 'Ethics' is not valid");
	unit_assert_err(cairn_id_check("-x", "goal id", &err), err, CAIRN_EDATA,
	                "goal id '-x' is not valid");
	snprintf(want, sizeof(want), "goal id '%.20s...' is longer than 64 characters",
	         repeat('b', 65));
	unit_assert_err(cairn_id_check(repeat('b', 65), "goal id", &err), err, CAIRN_EDATA, want);
}
END_TEST

/* ---- slugs ---- */

START_TEST(slug_basic)
{
	slug_is("Become certified in Dialectical Behavior Therapy",
	        "become-certified-in-dialectical-behavior-therapy");
	slug_is("dbt", "dbt");
	slug_is("DBT", "dbt");
	slug_is("Learn EMDR 2027", "learn-emdr-2027");
	slug_is("x", "x");
}
END_TEST

START_TEST(slug_collapses_punctuation)
{
	slug_is("  Hello,   World!!  ", "hello-world");
	slug_is("C++ & Rust: 2027 (plan)", "c-rust-2027-plan");
	slug_is("a--b__c..d//e", "a-b-c-d-e");
	slug_is("--leading and trailing--", "leading-and-trailing");
	slug_is("tab\tand\nnewline", "tab-and-newline");
	slug_is("../../etc/passwd", "etc-passwd");
}
END_TEST

START_TEST(slug_folds_to_ascii)
{
	slug_is("\xc3\x9c"
	        "berpr\xc3\xbc"
	        "fung Caf\xc3\xa9 \xe2\x80\x94 \xe2\x9c\x93",
	        "uberprufung-cafe");
	slug_is("Stra\xc3\x9f"
	        "e",
	        "strasse");
	slug_is("\xc3\x86sop \xc3\x98re", "aesop-ore");
	slug_is("SCHOOL COUNSELING", "school-counseling");
	/* a letter outside Latin-1 separates words */
	slug_is("trauma\xe2\x80\x94informed care", "trauma-informed-care");
	/* the two signs among the Latin-1 letters separate words too */
	slug_is("2\xc3\x97"
	        "3",
	        "2-3");
}
END_TEST

START_TEST(slug_cut_at_word_boundary)
{
	char title[512], buf[CAIRN_ID_MAX + 1];
	cairn_err err = CAIRN_ERR_INIT;

	/* ten-letter words: five fit in 54 characters, a sixth would make 65 */
	title[0] = '\0';
	for (int i = 0; i < 10; i++)
		strcat(title, "Abcdefghij ");
	ck_assert_int_eq(cairn_id_slug(buf, title, &err), 0);
	ck_assert_int_eq(strlen(buf), 54);
	ck_assert_str_eq(buf, "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij");

	/* exactly 64 characters fit whole */
	snprintf(title, sizeof(title), "%s ", repeat('a', 31));
	strcat(title, repeat('b', 32));
	ck_assert_int_eq(cairn_id_slug(buf, title, &err), 0);
	ck_assert_int_eq(strlen(buf), 64);
	/* one more word is cut off at its boundary, not half kept */
	strcat(title, " c");
	ck_assert_int_eq(cairn_id_slug(buf, title, &err), 0);
	ck_assert_int_eq(strlen(buf), 64);
	ck_assert_int_eq(buf[63], 'b');
	/* a word that straddles the limit goes whole */
	snprintf(title, sizeof(title), "%s ", repeat('a', 60));
	strcat(title, "bbbbbb");
	ck_assert_int_eq(cairn_id_slug(buf, title, &err), 0);
	ck_assert_str_eq(buf, repeat('a', 60));
	/* also when the straddling word holds a letter folded into two */
	snprintf(title, sizeof(title), "%s ", repeat('a', 60));
	strcat(title, "bb\xc3\xa6x");
	ck_assert_int_eq(cairn_id_slug(buf, title, &err), 0);
	ck_assert_str_eq(buf, repeat('a', 60));
	/* one word longer than an id: cut hard at 64 */
	ck_assert_int_eq(cairn_id_slug(buf, repeat('z', 100), &err), 0);
	ck_assert_str_eq(buf, repeat('z', 64));
	/* never a trailing '-' after the cut */
	snprintf(title, sizeof(title), "%s -- more words", repeat('q', 63));
	ck_assert_int_eq(cairn_id_slug(buf, title, &err), 0);
	ck_assert_str_eq(buf, repeat('q', 63));
	ck_assert(cairn_id_valid(buf));
}
END_TEST

START_TEST(slug_refused_when_nothing_is_left)
{
	slug_refused("!!! ---");
	slug_refused("");
	slug_refused("   ");
	slug_refused("\xe2\x9c\x93\xe2\x9c\x93");
	slug_refused("\xe4\xb8\xad\xe6\x96\x87"); /* letters with no ASCII form */
}
END_TEST

/* ---- uniqueness ---- */

START_TEST(unique_suffixes)
{
	char buf[CAIRN_ID_MAX + 1];
	cairn_err err = CAIRN_ERR_INIT;
	char *none[] = {NULL};
	char *one[] = {"dbt"};
	char *two[] = {"dbt-2", "ethics", "dbt"}; /* unsorted */
	char *other[] = {"dbt-certification", "dbt-3"};

	ck_assert_int_eq(cairn_id_unique(buf, "dbt", none, 0, &err), 0);
	ck_assert_str_eq(buf, "dbt");
	ck_assert_int_eq(cairn_id_unique(buf, "dbt", one, 1, &err), 0);
	ck_assert_str_eq(buf, "dbt-2");
	ck_assert_int_eq(cairn_id_unique(buf, "dbt", two, 3, &err), 0);
	ck_assert_str_eq(buf, "dbt-3");
	/* ids that merely start with the base do not count */
	ck_assert_int_eq(cairn_id_unique(buf, "dbt", other, 2, &err), 0);
	ck_assert_str_eq(buf, "dbt");
	unit_assert_err(cairn_id_unique(buf, "Not/An/Id", one, 1, &err), err, CAIRN_EDATA,
	                "not valid");
}
END_TEST

START_TEST(unique_suffix_fits_at_64)
{
	char buf[CAIRN_ID_MAX + 1], base[CAIRN_ID_MAX + 1], want[CAIRN_ID_MAX + 8];
	char *taken[12];
	char names[12][CAIRN_ID_MAX + 1];
	cairn_err err = CAIRN_ERR_INIT;

	snprintf(base, sizeof(base), "%s", repeat('a', 64));
	taken[0] = base;
	ck_assert_int_eq(cairn_id_unique(buf, base, taken, 1, &err), 0);
	snprintf(want, sizeof(want), "%s-2", repeat('a', 62));
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(strlen(buf), 64);
	ck_assert(cairn_id_valid(buf));

	/* -2 to -9 taken too: "-10" needs one more character */
	for (int k = 2; k <= 9; k++) {
		snprintf(names[k], sizeof(names[k]), "%s-%d", repeat('a', 62), k);
		taken[k - 1] = names[k];
	}
	ck_assert_int_eq(cairn_id_unique(buf, base, taken, 9, &err), 0);
	snprintf(want, sizeof(want), "%s-10", repeat('a', 61));
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(strlen(buf), 64);

	/* shortening never leaves a double dash */
	snprintf(base, sizeof(base), "%s-bb", repeat('a', 61));
	ck_assert_int_eq(strlen(base), 64);
	taken[0] = base;
	ck_assert_int_eq(cairn_id_unique(buf, base, taken, 1, &err), 0);
	snprintf(want, sizeof(want), "%s-2", repeat('a', 61));
	ck_assert_str_eq(buf, want);
	ck_assert(cairn_id_valid(buf));
}
END_TEST

/* ---- prefix resolution ---- */

START_TEST(resolve_exact_and_prefix)
{
	char *ids[] = {"dbt", "dbt-advanced", "dbt-certification", "ethics"};
	const char *m = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	/* exact match wins over longer ids sharing the prefix */
	ck_assert_int_eq(cairn_id_resolve(&m, "dbt", ids, 4, "goal", &err), 0);
	ck_assert_ptr_eq(m, ids[0]);
	ck_assert_int_eq(cairn_id_resolve(&m, "dbt-certification", ids, 4, "goal", &err), 0);
	ck_assert_ptr_eq(m, ids[2]);
	/* unique prefixes */
	ck_assert_int_eq(cairn_id_resolve(&m, "e", ids, 4, "goal", &err), 0);
	ck_assert_ptr_eq(m, ids[3]);
	ck_assert_int_eq(cairn_id_resolve(&m, "dbt-c", ids, 4, "goal", &err), 0);
	ck_assert_ptr_eq(m, ids[2]);
	ck_assert_int_eq(cairn_id_resolve(&m, "dbt-a", ids, 4, "goal", &err), 0);
	ck_assert_ptr_eq(m, ids[1]);
}
END_TEST

START_TEST(resolve_exact_match_anywhere_in_list)
{
	/* the exact id comes after ids that merely start with it */
	char *ids[] = {"dbt-advanced", "dbt-certification", "dbt"};
	const char *m = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_id_resolve(&m, "dbt", ids, 3, "goal", &err), 0);
	ck_assert_ptr_eq(m, ids[2]);
}
END_TEST

START_TEST(resolve_not_found)
{
	char *ids[] = {"dbt", "ethics"};
	const char *m = (const char *)1;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_id_resolve(&m, "x", ids, 2, "goal", &err), err, CAIRN_ENOTFOUND,
	                "no goal 'x'");
	ck_assert_ptr_null(m);
	unit_assert_has(err.hint, "cairn goal list");
	/* a prefix longer than the id is no match */
	unit_assert_err(cairn_id_resolve(&m, "dbt-x", ids, 2, "goal", &err), err, CAIRN_ENOTFOUND,
	                "no goal 'dbt-x'");
	unit_assert_err(cairn_id_resolve(&m, "x", ids, 0, "plan", &err), err, CAIRN_ENOTFOUND,
	                "no plan 'x'");
	unit_assert_err(cairn_id_resolve(&m, "", ids, 2, "goal", &err), err, CAIRN_EUSAGE,
	                "empty goal id");
}
END_TEST

START_TEST(resolve_ambiguous)
{
	char *ids[] = {"dbt", "dbt-advanced", "dbt-certification", "ethics"};
	const char *m = (const char *)1;
	cairn_err err = CAIRN_ERR_INIT;

	unit_assert_err(cairn_id_resolve(&m, "dbt-", ids, 4, "goal", &err), err, CAIRN_EUSAGE,
	                "goal id 'dbt-' is ambiguous");
	unit_assert_has(err.msg, "2 goals");
	ck_assert_ptr_null(m);
	ck_assert_str_eq(err.hint, "candidates: dbt-advanced, dbt-certification");

	unit_assert_err(cairn_id_resolve(&m, "d", ids, 4, "goal", &err), err, CAIRN_EUSAGE,
	                "ambiguous");
	ck_assert_str_eq(err.hint, "candidates: dbt, dbt-advanced, dbt-certification");
}
END_TEST

START_TEST(resolve_many_candidates)
{
	char names[12][16], *ids[12];
	const char *m;
	cairn_err err = CAIRN_ERR_INIT;

	for (int i = 0; i < 12; i++) {
		snprintf(names[i], sizeof(names[i]), "goal-%02d", i);
		ids[i] = names[i];
	}
	unit_assert_err(cairn_id_resolve(&m, "goal", ids, 12, "goal", &err), err, CAIRN_EUSAGE,
	                "12 goals");
	unit_assert_has(err.hint, "goal-00, goal-01");
	unit_assert_has(err.hint, ", ...");
	ck_assert_ptr_null(strstr(err.hint, "goal-11"));
}
END_TEST

static Suite *id_suite(void)
{
	Suite *s = suite_create("id");
	TCase *tc = tcase_create("id");

	tcase_add_test(tc, valid_ids);
	tcase_add_test(tc, invalid_ids);
	tcase_add_test(tc, id_check_messages);
	tcase_add_test(tc, slug_basic);
	tcase_add_test(tc, slug_collapses_punctuation);
	tcase_add_test(tc, slug_folds_to_ascii);
	tcase_add_test(tc, slug_cut_at_word_boundary);
	tcase_add_test(tc, slug_refused_when_nothing_is_left);
	tcase_add_test(tc, unique_suffixes);
	tcase_add_test(tc, unique_suffix_fits_at_64);
	tcase_add_test(tc, resolve_exact_and_prefix);
	tcase_add_test(tc, resolve_exact_match_anywhere_in_list);
	tcase_add_test(tc, resolve_not_found);
	tcase_add_test(tc, resolve_ambiguous);
	tcase_add_test(tc, resolve_many_candidates);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(id_suite());
}
