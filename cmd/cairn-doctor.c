/* cairn doctor — check every record; clear what an interrupted command left */
#include <stdio.h>

#include "cmd.h"

static const struct cmd_opt doctor_opts[] = {
    {"fix", 0, NULL, 0, "commit valid hand edits and remove leftovers"},
    {0},
};

static const char *label(enum cairn_finding_kind k)
{
	switch (k) {
	case CAIRN_FIND_INVALID:
		return "error";
	case CAIRN_FIND_WARNING:
		return "warning";
	case CAIRN_FIND_EDIT:
		return "uncommitted";
	default:
		return "leftover";
	}
}

static int run_doctor(struct cmd_ctx *ctx)
{
	struct cairn_doctor_report r;
	int fix = cmd_flag(ctx, "fix"), rc;
	size_t invalid, open_edits, leftovers;

	if ((rc = cmd_open_repo(ctx)))
		return rc;
	/* a failed --fix still reports what it found, then says why it failed */
	if ((rc = cairn_doctor_run(&r, ctx->repo, fix, ctx->lock_timeout, &ctx->err)) && !r.n)
		return rc;
	for (size_t i = 0; i < r.n; i++) {
		const struct cairn_finding *f = &r.v[i];
		char where[CAIRN_ERR_MSG + CAIRN_ERR_PATH + 64];
		const char *colour = f->kind == CAIRN_FIND_INVALID ? C_RED : C_YEL;
		cairn_err_format(&f->where, where, sizeof(where));
		printf("%s%s%s: %s%s\n", cmd_c(ctx, f->fixed ? C_GREEN : colour),
		       f->fixed ? "fixed" : label(f->kind), cmd_c(ctx, C_RESET), where,
		       f->fixed ? "" : "");
		if (f->where.hint[0] && !f->fixed)
			printf("  hint: %s\n", f->where.hint);
	}
	invalid = cairn_doctor_count(&r, CAIRN_FIND_INVALID);
	open_edits = cairn_doctor_count(&r, CAIRN_FIND_EDIT);
	leftovers = cairn_doctor_count(&r, CAIRN_FIND_LEFTOVER);
	if (!ctx->quiet || invalid || open_edits || leftovers)
		printf("%zu record file%s checked: %zu invalid, %zu uncommitted change%s, %zu "
		       "leftover%s%s\n",
		       r.records, r.records == 1 ? "" : "s", invalid, open_edits,
		       open_edits == 1 ? "" : "s", leftovers, leftovers == 1 ? "" : "s",
		       r.committed ? "; hand edits committed" : "");
	cairn_doctor_report_release(&r);
	if (rc)
		return rc;
	if (invalid)
		return CAIRN_EDATA;
	return open_edits || leftovers ? CAIRN_ENEG : 0;
}

static const struct cmd_verb verbs[] = {
    {"", "", 0, 0, "check every record and reference; report hand edits and leftovers", doctor_opts,
     run_doctor, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn doctor", verbs[0].summary, verbs);
}
