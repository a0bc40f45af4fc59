/* cairn — unit tests: the CE audit pack (lib/audit.c): the certificates copied under each
 * activity's id, the activities without proof (none named, or named but gone), hours
 * carried over, Markdown and CSV cells that hold separators, and the folders the pack may
 * and may not be written into.
 *
 * The figures: rule tx-lpc asks for 24 hours every 24 months ending on the expiry
 * (2027-06-30), with up to 10 hours carried over. On 2026-11-28 the window is 2025-07-01 to
 * 2027-06-30; the previous one, 2023-07-01 to 2025-06-30, holds 30 hours, so 30 - 24 = 6
 * are carried. In the window count 6 + 3 + 2 = 11 hours (the 5 hours logged only for
 * another license do not count, and 2027-08-01 is after the window). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#define TODAY "2026-11-28"

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

static const char RULE[] = "id: tx-lpc\n"
                           "title: Texas LPC renewal\n"
                           "cycle: {months: 24, anchor: expiry}\n"
                           "total_hours: 24\n"
                           "carry_over: {max_hours: 10}\n";

struct fixture {
	struct cairn_rule *rule;
	struct cairn_license *lic;
	struct cairn_ce *acts[8];
	size_t n;
	struct cairn_ce_status st;
};

static struct cairn_ce *act(struct fixture *f, const char *date, const char *slug,
                            const char *title, double hours)
{
	struct cairn_ce *a = cairn_record_new(&cairn_ce_kind);
	char id[128];

	ck_assert_ptr_nonnull(a);
	snprintf(id, sizeof(id), "%s-%s", date, slug);
	a->id = strdup(id);
	a->date = unit_date(date);
	a->title = strdup(title);
	a->hours = (struct cairn_num){1, hours};
	f->acts[f->n++] = a;
	return a;
}

static void fixture_init(struct fixture *f)
{
	cairn_err err = CAIRN_ERR_INIT;
	struct cairn_ce *a;

	memset(f, 0, sizeof(*f));
	ck_assert_int_eq(cairn_rule_parse(&f->rule, RULE, strlen(RULE), NULL, &err), 0);
	f->lic = cairn_record_new(&cairn_license_kind);
	f->lic->id = strdup("tx");
	f->lic->title = strdup("Texas LPC");
	f->lic->number = strdup("81234");
	f->lic->rule = strdup("tx-lpc");
	f->lic->issued = unit_date("2023-07-01");
	f->lic->expires = unit_date("2027-06-30");

	/* in date order, as cairn_ce_load_all gives them */
	act(f, "2024-01-10", "prev", "Previous cycle intensive", 30);
	a = act(f, "2025-09-01", "ethics", "Ethics in practice", 6);
	a->certificate = strdup("certificates/aaaaaaaaaaaa-ethics.pdf");
	a->provider = strdup("Acme, Inc.");
	ck_assert_int_eq(cairn_ce_set_topic(a, "ethics", 6), 0);
	a = act(f, "2026-01-15", "trauma", "Trauma | TF-CBT", 3);
	a->certificate = strdup("certificates/bbbbbbbbbbbb-gone.png"); /* named, but gone */
	a = act(f, "2026-02-20", "supervision", "Supervision\nnotes", 2);
	for (int i = 1; cairn_ce_format_names[i]; i++)
		if (!strcmp(cairn_ce_format_names[i], "self-study"))
			a->format = i;
	ck_assert_int_ne(a->format, 0);
	a = act(f, "2026-03-01", "other", "For the NCC only", 5);
	ck_assert_int_eq(cairn_strlist_add(&a->licenses, "ncc"), 0);
	act(f, "2027-08-01", "later", "After the window", 4);
	ck_assert_msg(
	    cairn_ce_status(&f->st, f->lic, f->rule, f->acts, f->n, unit_date(TODAY), &err) == 0,
	    "%s", err.msg);
	ck_assert_double_eq_tol(f->st.carried, 6, 1e-9);
}

static void fixture_done(struct fixture *f)
{
	cairn_ce_status_release(&f->st);
	for (size_t i = 0; i < f->n; i++)
		cairn_ce_free(f->acts[i]);
	cairn_record_free(&cairn_license_kind, f->lic);
	cairn_rule_free(f->rule);
}

/* ---- the pack ---- */

START_TEST(pack_with_certificates_missing_proof_and_carried_hours)
{
	char *dir, *out, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_audit_report rep;
	struct fixture f;
	cairn_err err = CAIRN_ERR_INIT;

	fixture_init(&f);
	put(dir, "certificates/aaaaaaaaaaaa-ethics.pdf", "%PDF-1.4 ethics\n");
	out = path_in(dir, "../pack");
	ck_assert_msg(cairn_ce_audit(&rep, repo, &f.st, out, unit_date(TODAY), &err) == 0, "%s",
	              err.msg);
	ck_assert_uint_eq(rep.activities, 3);
	ck_assert_uint_eq(rep.certificates, 1);
	ck_assert_uint_eq(rep.nmissing, 2);
	ck_assert_str_eq(rep.missing[0], "2026-01-15-trauma");
	ck_assert_str_eq(rep.missing[1], "2026-02-20-supervision");
	ck_assert_ptr_null(rep.missing[2]);

	/* the certificate under the activity's id, the same bytes */
	s = unit_read_rel(out, "2025-09-01-ethics.pdf");
	ck_assert_str_eq(s, "%PDF-1.4 ethics\n");
	free(s);
	ck_assert_ptr_null(unit_read_rel(out, "2026-01-15-trauma.png"));

	s = unit_read_rel(out, "summary.csv");
	ck_assert_str_eq(
	    s, "date,id,title,provider,approval,format,hours,counted,topics,certificate\r\n"
	       "2025-09-01,2025-09-01-ethics,Ethics in practice,\"Acme, Inc.\",,,6,6,ethics 6,"
	       "2025-09-01-ethics.pdf\r\n"
	       "2026-01-15,2026-01-15-trauma,Trauma | TF-CBT,,,,3,3,,\r\n"
	       "2026-02-20,2026-02-20-supervision,\"Supervision\nnotes\",,,self-study,2,2,,\r\n");
	free(s);

	s = unit_read_rel(out, "summary.md");
	ck_assert_str_eq(s, "# CE audit: tx — Texas LPC\n"
	                    "\n"
	                    "- License number: 81234\n"
	                    "- Rule: tx-lpc (Texas LPC renewal)\n"
	                    "- Cycle: 2025-07-01 to 2027-06-30\n"
	                    "- Prepared: 2026-11-28\n"
	                    "\n"
	                    "| Date | Title | Provider | Approval | Format | Hours | Counted | "
	                    "Topics | Certificate |\n"
	                    "|---|---|---|---|---|---:|---:|---|---|\n"
	                    "| 2025-09-01 | Ethics in practice | Acme, Inc. |  |  | 6 | 6 | "
	                    "ethics 6 | 2025-09-01-ethics.pdf |\n"
	                    "| 2026-01-15 | Trauma \\| TF-CBT |  |  |  | 3 | 3 |  | **missing** |\n"
	                    "| 2026-02-20 | Supervision notes |  |  | self-study | 2 | 2 |  | "
	                    "**missing** |\n"
	                    "\n"
	                    "Hours that count in this cycle: 11, and 6 carried over from the "
	                    "previous cycle (the rule asks for 24).\n"
	                    "\n"
	                    "## Missing proof\n"
	                    "\n"
	                    "- 2026-01-15-trauma\n"
	                    "- 2026-02-20-supervision\n");
	free(s);
	/* nothing else in the pack, nothing changed in the repository */
	s = unit_sh_out("ls '%s'", out);
	ck_assert_str_eq(s, "2025-09-01-ethics.pdf\nsummary.csv\nsummary.md");
	free(s);
	s = unit_sh_out("git -C '%s' status --porcelain", dir);
	ck_assert_str_eq(s, "?? certificates/");
	free(s);

	cairn_audit_report_release(&rep);
	ck_assert_uint_eq(rep.nmissing, 0);
	ck_assert_ptr_null(rep.missing);
	fixture_done(&f);
	free(out);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(an_existing_empty_folder_will_do)
{
	char *dir, *out, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_audit_report rep;
	struct fixture f;
	cairn_err err = CAIRN_ERR_INIT;

	fixture_init(&f);
	out = path_in(dir, "../empty");
	ck_assert_int_eq(mkdir(out, 0700), 0);
	ck_assert_msg(cairn_ce_audit(&rep, repo, &f.st, out, unit_date(TODAY), &err) == 0, "%s",
	              err.msg);
	/* the certificate is not in the repository: missing proof too */
	ck_assert_uint_eq(rep.certificates, 0);
	ck_assert_uint_eq(rep.nmissing, 3);
	ck_assert_str_eq(rep.missing[0], "2025-09-01-ethics");
	s = unit_read_rel(out, "summary.md");
	unit_assert_has(s, "| 2025-09-01 | Ethics in practice | Acme, Inc. |  |  | 6 | 6 | "
	                   "ethics 6 | **missing** |\n");
	unit_assert_has(s, "## Missing proof\n\n- 2025-09-01-ethics\n");
	free(s);
	cairn_audit_report_release(&rep);
	fixture_done(&f);
	free(out);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(folders_the_pack_cannot_go_into)
{
	char *dir, *out, *s;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_audit_report rep;
	struct fixture f;
	cairn_err err = CAIRN_ERR_INIT;

	fixture_init(&f);
	/* a file: never overwritten */
	out = path_in(dir, "../afile");
	unit_write(out, "mine\n");
	unit_assert_err(cairn_ce_audit(&rep, repo, &f.st, out, unit_date(TODAY), &err), err,
	                CAIRN_EUSAGE, "exists and is not an empty folder");
	s = unit_read(out);
	ck_assert_str_eq(s, "mine\n");
	free(s);
	free(out);

	/* inside a file: the folder cannot be made */
	out = path_in(dir, "../afile/pack");
	cairn_err_clear(&err);
	ck_assert_int_eq(cairn_ce_audit(&rep, repo, &f.st, out, unit_date(TODAY), &err), CAIRN_EIO);
	ck_assert_int_eq(err.code, CAIRN_EIO);
	ck_assert_uint_eq(rep.activities, 0);
	ck_assert_ptr_null(rep.missing);
	free(out);
	fixture_done(&f);
	unit_repo_done(repo, dir);
}
END_TEST

START_TEST(a_certificate_that_cannot_be_read_stops_the_pack)
{
	char *dir, *out, *p;
	struct cairn_repo *repo = unit_repo(&dir);
	struct cairn_audit_report rep;
	struct fixture f;
	cairn_err err = CAIRN_ERR_INIT;

	fixture_init(&f);
	/* the certificate's name is a folder (not "gone": it cannot be read) */
	p = path_in(dir, "certificates/aaaaaaaaaaaa-ethics.pdf");
	ck_assert_int_eq(unit_sh(NULL, "mkdir -p '%s'", p), 0);
	out = path_in(dir, "../pack");
	unit_assert_err(cairn_ce_audit(&rep, repo, &f.st, out, unit_date(TODAY), &err), err,
	                CAIRN_EDATA, "not a regular file");
	ck_assert_str_eq(err.file, p);
	/* the report is released: nothing to free, nothing claimed */
	ck_assert_uint_eq(rep.activities, 0);
	ck_assert_uint_eq(rep.nmissing, 0);
	ck_assert_ptr_null(rep.missing);
	/* no summary was written */
	ck_assert_ptr_null(unit_read_rel(out, "summary.md"));
	ck_assert_ptr_null(unit_read_rel(out, "summary.csv"));
	free(p);
	free(out);
	fixture_done(&f);
	unit_repo_done(repo, dir);
}
END_TEST

static Suite *audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *c = tcase_create("audit");

	tcase_set_timeout(c, 30);
	tcase_add_test(c, pack_with_certificates_missing_proof_and_carried_hours);
	tcase_add_test(c, an_existing_empty_folder_will_do);
	tcase_add_test(c, folders_the_pack_cannot_go_into);
	tcase_add_test(c, a_certificate_that_cannot_be_read_stops_the_pack);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	return unit_run(audit_suite());
}
