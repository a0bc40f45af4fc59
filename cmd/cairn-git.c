/* cairn git — runs git in the data directory, as `pass git` does */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

int main(int argc, char **argv)
{
	struct cmd_ctx ctx;
	char **args;
	int i = 1;

	umask(077); /* what git creates here stays the user's alone, as with every cairn command */
	memset(&ctx, 0, sizeof(ctx));
	ctx.prog = "cairn git";
	/* -C DIR and --dir=DIR from cairn come first; everything else is git's */
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--dir")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "cairn git: %s needs a directory\n", argv[i]);
				return 2;
			}
			ctx.dir_opt = argv[++i];
		} else if (!strncmp(argv[i], "--dir=", 6)) {
			ctx.dir_opt = argv[i] + 6;
		} else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet") ||
		           !strcmp(argv[i], "--no-color")) {
			continue; /* cairn's own options, passed on by the dispatcher */
		} else {
			break;
		}
	}
	if (i < argc && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))) {
		printf(
		    "usage: cairn git [GIT-ARGS...]\n\nrun git in the data directory, e.g. `cairn "
		    "git log --stat`, `cairn git push`\n");
		return 0;
	}
	if (cmd_open_repo(&ctx)) {
		cmd_print_error(&ctx, &ctx.err);
		return cairn_exit_status(ctx.err.code);
	}
	if (!(args = calloc((size_t)(argc - i) + 4, sizeof(*args)))) {
		fprintf(stderr, "cairn git: out of memory\n");
		return 71;
	}
	args[0] = "git";
	args[1] = "-C";
	args[2] = ctx.repo->dir;
	for (int k = 3; i < argc; i++, k++)
		args[k] = argv[i];
	execvp("git", args);
	fprintf(stderr, "cairn git: cannot run git: %s\n", strerror(errno));
	return 74;
}
