/* cairn init — create the career repository */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static const struct cmd_opt init_opts[] = {
    {"name", 0, "NAME", 0, "your name, for the profile and commits"},
    {"remote", 0, "URL", 0, "a git remote to sync with (ssh or a path)"},
    {0},
};

static int run_init(struct cmd_ctx *ctx)
{
	char *dir = cmd_data_dir(ctx);
	int created, rc;

	if (!dir) {
		cairn_err_set(&ctx->err, CAIRN_ENOTFOUND,
		              "cannot tell where to create the repository");
		cairn_err_hint(&ctx->err, "set CAIRN_DIR or use -C DIR");
		return CAIRN_ENOTFOUND;
	}
	rc = cairn_repo_init(&ctx->repo, &created, dir, cmd_opt(ctx, "name"),
	                     cmd_opt(ctx, "remote"), ctx->today, &ctx->err);
	if (!rc && !ctx->quiet)
		printf(created ? "created the cairn repository %s\n"
		               : "%s is a cairn repository already; nothing changed\n",
		       ctx->repo->dir);
	free(dir);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"", "", 0, 0, "create the career repository", init_opts, run_init, 1},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn init", "create the career repository", verbs);
}
