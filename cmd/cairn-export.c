/* cairn export — every record as JSON, a CSV table per kind, or an iCalendar file */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const struct cmd_opt export_opts[] = {
    {"format", 0, "json|csv|ics", 0, "what to write (default json)"},
    {"kind", 0, "KIND", 0, "for csv: goals (default), plans, ce, rules or licenses"},
    {"output", 'o', "FILE", 0, "write FILE (atomically) instead of standard output"},
    {0},
};

static int run_export(struct cmd_ctx *ctx)
{
	const char *format = cmd_opt(ctx, "format") ? cmd_opt(ctx, "format") : "json";
	const char *kind = cmd_opt(ctx, "kind");
	const char *file = cmd_opt(ctx, "output");
	struct cairn_buf out = {0};
	int rc;

	if (strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "ics"))
		return cmd_usage_error(ctx, "--format: '%s' is not json, csv or ics", format);
	if (kind && strcmp(format, "csv"))
		return cmd_usage_error(ctx, "--kind goes with --format csv");
	if (kind && cairn_enum_lookup(cairn_export_kinds, kind) == 0)
		return cmd_usage_error(
		    ctx, "--kind: '%s' is not goals, plans, ce, rules or licenses", kind);
	if ((rc = cmd_open_repo(ctx)))
		return rc;
	if (!strcmp(format, "json"))
		rc = cairn_export_json(&out, ctx->repo, &ctx->err);
	else if (!strcmp(format, "csv"))
		rc = cairn_export_csv(&out, ctx->repo, kind ? kind : "goals", &ctx->err);
	else
		rc = cairn_export_ics(&out, ctx->repo, ctx->today, &ctx->err);
	if (!rc) {
		if (file)
			rc = cairn_fs_write_atomic(file, out.data ? out.data : "", out.len,
			                           &ctx->err);
		else if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
			rc = cairn_err_set(&ctx->err, CAIRN_EIO, "cannot write the output");
	}
	cairn_buf_release(&out);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"", "", 0, 0, "every record as JSON, a CSV table per kind, or an iCalendar file", export_opts,
     run_export, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn export", verbs[0].summary, verbs);
}
