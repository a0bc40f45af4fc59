/* cairn — the audit pack: what a board's auditor asks for, in a folder of its own */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cairn/ce.h"
#include "cairn/export.h"
#include "cairn/fs.h"
#include "cairn/id.h"

/* A Markdown table cell: no pipes or line breaks. */
static void md_cell(struct cairn_buf *b, const char *s)
{
	cairn_buf_puts(b, " ");
	for (; s && *s; s++)
		cairn_buf_add(b,
		              *s == '|'                    ? "\\|"
		              : (*s == '\n' || *s == '\r') ? " "
		                                           : s,
		              *s == '|' ? 2 : 1);
	cairn_buf_puts(b, " |");
}

static int write_out(const char *dir, const char *name, const struct cairn_buf *b, cairn_err *err)
{
	char *path = cairn_path_join(dir, name);
	int rc;

	if (b->failed || !path) {
		free(path);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	rc = cairn_fs_write_atomic(path, b->data ? b->data : "", b->len, err);
	free(path);
	return rc;
}

int cairn_ce_audit(struct cairn_audit_report *rep, const struct cairn_repo *repo,
                   const struct cairn_ce_status *st, const char *outdir, cairn_date today,
                   cairn_err *err)
{
	struct cairn_buf csv = {0}, md = {0};
	char d1[CAIRN_DATE_BUF], d2[CAIRN_DATE_BUF], a1[32], a2[32];
	char **names = NULL;
	size_t n = 0;
	double counted = 0;
	int rc;

	memset(rep, 0, sizeof(*rep));
	/* loaded records were validated; one built otherwise may not bring a file from outside
	 * certificates/ into the pack either, and nothing is written before that is known */
	for (size_t i = 0; i < st->nlines; i++) {
		const struct cairn_ce *a = st->lines[i].a;
		if (a->certificate && !cairn_cert_path_valid(a->certificate)) {
			char *rel = cairn_ce_path(a->id);
			cairn_err_set(err, CAIRN_EDATA,
			              "certificate: '%s' is not a file in " CAIRN_CERT_DIR "/",
			              a->certificate);
			cairn_err_at(err, rel, 0, 0);
			free(rel);
			return CAIRN_EDATA;
		}
	}
	if (cairn_fs_exists(outdir)) {
		if (!cairn_fs_is_dir(outdir) || cairn_fs_list(&names, &n, outdir, err) || n) {
			cairn_strv_free(names);
			cairn_err_set(err, CAIRN_EUSAGE,
			              "--out %s exists and is not an empty folder", outdir);
			cairn_err_hint(err,
			               "name a new folder; the audit pack never overwrites files");
			return CAIRN_EUSAGE;
		}
		cairn_strv_free(names);
	}
	if ((rc = cairn_fs_mkdirs(outdir, err)))
		return rc;
	if (!(rep->missing = calloc(st->nlines + 1, sizeof(*rep->missing))))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");

	cairn_buf_puts(&csv, "date,id,title,provider,approval,format,hours,counted,topics,"
	                     "certificate\r\n");
	cairn_buf_printf(&md, "# CE audit: %s%s%s\n\n", st->license->id,
	                 st->license->title ? " — " : "",
	                 st->license->title ? st->license->title : "");
	if (st->license->number)
		cairn_buf_printf(&md, "- License number: %s\n", st->license->number);
	cairn_buf_printf(&md, "- Rule: %s (%s)\n", st->rule->id, st->rule->title);
	cairn_buf_printf(&md, "- Cycle: %s to %s\n", cairn_date_format(st->start, d1),
	                 cairn_date_format(st->end, d2));
	cairn_buf_printf(&md, "- Prepared: %s\n\n", cairn_date_format(today, d1));
	cairn_buf_puts(&md, "| Date | Title | Provider | Approval | Format | Hours | Counted | "
	                    "Topics | Certificate |\n|---|---|---|---|---|---:|---:|---|---|\n");
	for (size_t i = 0; i < st->nlines; i++) {
		const struct cairn_ce_line *l = &st->lines[i];
		const struct cairn_ce *a = l->a;
		char topics[256], cert[CAIRN_ID_MAX + 16] = "";
		if (!l->for_license || l->counted <= 0)
			continue;
		rep->activities++;
		counted += l->counted;
		if (a->certificate) {
			const char *ext = strrchr(a->certificate, '.');
			char *src = cairn_repo_path(repo, a->certificate), *dst, *data = NULL;
			size_t len;
			snprintf(cert, sizeof(cert), "%s%s", a->id, ext ? ext : "");
			dst = cairn_path_join(outdir, cert);
			rc = !src || !dst
			         ? cairn_err_set(err, CAIRN_ENOMEM, "out of memory")
			         : cairn_fs_read(&data, &len, src, CAIRN_CERT_MAX + 1, err);
			if (rc == CAIRN_ENOTFOUND) {
				/* named but gone: it is missing proof too */
				cairn_err_clear(err);
				cert[0] = '\0';
				rep->missing[rep->nmissing++] = strdup(a->id);
				rc = 0;
			} else if (!rc) {
				rc = cairn_fs_write_atomic(dst, data, len, err);
				rep->certificates += rc == 0;
			}
			free(data);
			free(src);
			free(dst);
			if (rc)
				goto out;
		} else {
			rep->missing[rep->nmissing++] = strdup(a->id);
		}
		cairn_ce_topics_text(a, "; ", " ", topics, sizeof(topics));
		cairn_csv_field(&csv, cairn_date_format(a->date, d1), 0);
		cairn_csv_field(&csv, a->id, 0);
		cairn_csv_field(&csv, a->title, 0);
		cairn_csv_field(&csv, a->provider, 0);
		cairn_csv_field(&csv, a->approval, 0);
		cairn_csv_field(&csv, a->format ? cairn_ce_format_names[a->format] : NULL, 0);
		cairn_csv_field(&csv, cairn_num_format(a->hours.v, a1, sizeof(a1)), 0);
		cairn_csv_field(&csv, cairn_num_format(l->counted, a2, sizeof(a2)), 0);
		cairn_csv_field(&csv, topics, 0);
		cairn_csv_field(&csv, cert[0] ? cert : NULL, 1);
		cairn_buf_puts(&md, "|");
		md_cell(&md, cairn_date_format(a->date, d1));
		md_cell(&md, a->title);
		md_cell(&md, a->provider);
		md_cell(&md, a->approval);
		md_cell(&md, a->format ? cairn_ce_format_names[a->format] : "");
		md_cell(&md, cairn_num_format(a->hours.v, a1, sizeof(a1)));
		md_cell(&md, cairn_num_format(l->counted, a2, sizeof(a2)));
		md_cell(&md, topics);
		md_cell(&md, cert[0] ? cert : "**missing**");
		cairn_buf_puts(&md, "\n");
	}
	cairn_buf_printf(&md, "\nHours that count in this cycle: %s",
	                 cairn_num_format(counted, a1, sizeof(a1)));
	if (st->carried > 0)
		cairn_buf_printf(&md, ", and %s carried over from the previous cycle",
		                 cairn_num_format(st->carried, a2, sizeof(a2)));
	cairn_buf_printf(&md, " (the rule asks for %s).\n",
	                 cairn_num_format(st->required, a1, sizeof(a1)));
	if (rep->nmissing) {
		cairn_buf_puts(&md, "\n## Missing proof\n\n");
		for (size_t i = 0; i < rep->nmissing; i++)
			cairn_buf_printf(&md, "- %s\n", rep->missing[i] ? rep->missing[i] : "?");
	}
	if ((rc = write_out(outdir, "summary.csv", &csv, err)) ||
	    (rc = write_out(outdir, "summary.md", &md, err)))
		goto out;
	rc = 0;
out:
	cairn_buf_release(&csv);
	cairn_buf_release(&md);
	if (rc)
		cairn_audit_report_release(rep);
	return rc;
}

void cairn_audit_report_release(struct cairn_audit_report *rep)
{
	for (size_t i = 0; i < rep->nmissing; i++)
		free(rep->missing[i]);
	free(rep->missing);
	memset(rep, 0, sizeof(*rep));
}
