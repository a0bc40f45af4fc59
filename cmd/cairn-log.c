/* cairn log — the history of the career plan, as meaning: what changed in each record */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const struct cmd_opt log_opts[] = {
    {"since", 0, "DATE", 0, "only commits on or after DATE"},
    {"max-count", 'n', "N", 0, "at most N commits"},
    {"json", 0, NULL, 0, "print JSON"},
    {0},
};

static int run_log(struct cmd_ctx *ctx)
{
	struct cairn_history h;
	cairn_date since = 0;
	const char *v;
	char *path = NULL, d[CAIRN_DATE_BUF];
	double n = 0;
	int rc;

	if (((v = cmd_opt(ctx, "since")) && (rc = cmd_date(ctx, "since", v, &since))) ||
	    ((v = cmd_opt(ctx, "max-count")) && (rc = cmd_number(ctx, "max-count", v, &n))))
		return rc;
	if (n < 0 || n != (double)(long)n)
		return cmd_usage_error(ctx, "-n: '%s' is not a number of commits", v);
	if ((rc = cmd_open_repo(ctx)))
		return rc;
	if (ctx->argc) {
		const char *a = ctx->argv[0];
		if (strchr(a, '/') || !strcmp(a, CAIRN_PROFILE_FILE) || !strcmp(a, "..")) {
			if ((rc = cairn_repo_path_arg(&path, ctx->repo, a, &ctx->err)))
				return rc;
		} else if (!(path = cairn_history_path_of(ctx->repo, a, &ctx->err))) {
			return ctx->err.code ? ctx->err.code : CAIRN_ENOMEM;
		}
	}
	rc = cairn_history_read(&h, ctx->repo, path, since, (size_t)n, &ctx->err);
	free(path);
	if (rc)
		return rc;
	if (cmd_flag(ctx, "json")) {
		json_t *arr = json_array();
		for (size_t i = 0; i < h.n; i++) {
			json_t *o = json_object(), *files = json_array();
			json_object_set_new(o, "commit", json_string(h.v[i].id));
			json_object_set_new(o, "date",
			                    json_string(cairn_date_format(h.v[i].date, d)));
			json_object_set_new(o, "subject", json_string(h.v[i].subject));
			json_object_set_new(o, "author", json_string(h.v[i].author));
			for (size_t k = 0; k < h.v[i].nfiles; k++) {
				json_t *f = json_object(), *lines = json_array();
				char *copy = strdup(h.v[i].files[k].change), *save = NULL;
				json_object_set_new(f, "path", json_string(h.v[i].files[k].path));
				for (char *l = copy ? strtok_r(copy, "\n", &save) : NULL; l;
				     l = strtok_r(NULL, "\n", &save))
					json_array_append_new(lines, json_string(l));
				free(copy);
				json_object_set_new(f, "changes", lines);
				json_array_append_new(files, f);
			}
			json_object_set_new(o, "files", files);
			json_array_append_new(arr, o);
		}
		rc = cmd_print_json(arr);
	} else {
		for (size_t i = 0; i < h.n; i++) {
			printf("%s%s  %s%s  %s(%.7s, %s)%s\n", i ? "\n" : "",
			       cairn_date_format(h.v[i].date, d), cmd_c(ctx, C_BOLD),
			       h.v[i].subject, cmd_c(ctx, C_DIM), h.v[i].id, h.v[i].author,
			       cmd_c(ctx, C_RESET));
			for (size_t k = 0; k < h.v[i].nfiles; k++) {
				const char *c = h.v[i].files[k].change;
				printf("  %s\n", h.v[i].files[k].path);
				while (*c) {
					size_t len = strcspn(c, "\n");
					printf("    %.*s\n", (int)len, c);
					c += len + (c[len] == '\n');
				}
			}
		}
	}
	cairn_history_release(&h);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"", "[ID|PATH]", 0, 1, "the history of the career plan, field by field, newest first",
     log_opts, run_log, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn log", verbs[0].summary, verbs);
}
