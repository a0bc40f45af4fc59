/* cairn smart — judge goals against the five SMART criteria, and say how to fix them */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const struct cmd_opt check_opts[] = {
    {"strict", 0, NULL, 0, "a warning fails too (exit 1)"},
    {"json", 0, NULL, 0, "print the verdicts as JSON"},
    {0},
};

/* A goal file rather than an id: it names a path. */
static int is_file_arg(const char *a)
{
	size_t n = strlen(a);

	return strchr(a, '/') || (n > 5 && !strcmp(a + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(a + n - 4, ".yml"));
}

struct checked {
	struct cairn_goal *g; /* owned when own */
	char *file;           /* how it is named, NULL for a goal of the repository */
	int own, alone;
};

struct run {
	struct cmd_ctx *ctx;
	struct cairn_goal_set all;
	struct checked *v;
	size_t n;
	int bad;  /* goals that could not be checked */
	int code; /* their error: CAIRN_EDATA wins over CAIRN_ENOTFOUND */
};

static int push(struct run *r, struct cairn_goal *g, char *file, int own, int alone)
{
	struct checked *nv = realloc(r->v, (r->n + 1) * sizeof(*nv));

	if (!nv) {
		if (own)
			cairn_goal_free(g);
		free(file);
		return cairn_err_set(&r->ctx->err, CAIRN_ENOMEM, "out of memory");
	}
	r->v = nv;
	r->v[r->n++] = (struct checked){g, file, own, alone};
	return 0;
}

static void report(struct run *r, const cairn_err *err)
{
	cmd_print_error(r->ctx, err);
	r->bad++;
	if (!r->code || err->code == CAIRN_EDATA)
		r->code = err->code;
}

/* A goal file named on the command line: inside the repository it is judged with the
 * other goals; outside, alone. */
static int add_file(struct run *r, const char *path)
{
	struct cmd_ctx *ctx = r->ctx;
	char *rel = ctx->repo ? cairn_repo_relative(ctx->repo, path) : NULL;
	struct cairn_goal *g = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int inside = rel && !strncmp(rel, CAIRN_GOALS_DIR "/", strlen(CAIRN_GOALS_DIR) + 1);
	int rc = cairn_goal_read_file(&g, path, inside ? rel : path, &err);

	if (rc == CAIRN_ENOMEM) {
		free(rel);
		ctx->err = err;
		return rc;
	}
	if (rc) {
		free(rel);
		report(r, &err);
		return 0;
	}
	rc = push(r, g, strdup(inside ? rel : path), 1, !inside);
	free(rel);
	return rc;
}

static int add_id(struct run *r, const char *prefix)
{
	char id[CAIRN_ID_MAX + 1];
	cairn_err err = CAIRN_ERR_INIT;

	if (cairn_goal_resolve(id, r->ctx->repo, prefix, &err)) {
		report(r, &err);
		return 0;
	}
	for (size_t i = 0; i < r->all.n; i++)
		if (!strcmp(r->all.v[i]->id, id))
			return push(r, r->all.v[i], NULL, 0, 0);
	/* resolved but not loaded: the file is invalid; say why */
	for (size_t i = 0; i < r->all.nbad; i++) {
		char *want = cairn_repo_record_path(CAIRN_GOALS_DIR, id);
		int match = want && !strcmp(r->all.bad[i].file, want);
		free(want);
		if (match) {
			report(r, &r->all.bad[i]);
			return 0;
		}
	}
	cairn_err_set(&err, CAIRN_ENOTFOUND, "no goal '%s'", id);
	report(r, &err);
	return 0;
}

static int run_check(struct cmd_ctx *ctx)
{
	struct run r = {.ctx = ctx};
	int json = cmd_flag(ctx, "json"), strict = cmd_flag(ctx, "strict");
	int rc = 0, need_repo = ctx->argc == 0, worst = CAIRN_SMART_PASS;
	json_t *arr = NULL;

	for (int i = 0; i < ctx->argc; i++)
		need_repo |= !is_file_arg(ctx->argv[i]);
	/* files alone need no repository: a pre-commit hook may check a copy anywhere */
	if ((rc = cmd_open_repo(ctx))) {
		if (need_repo)
			return rc;
		cairn_err_clear(&ctx->err);
		rc = 0;
	}
	if (ctx->repo && (rc = cairn_goal_load_all(&r.all, ctx->repo, &ctx->err)))
		return rc;
	if (ctx->argc == 0) {
		for (size_t i = 0; i < r.all.nbad; i++)
			report(&r, &r.all.bad[i]);
		cairn_goal_set_sort(&r.all);
		for (size_t i = 0; !rc && i < r.all.n; i++)
			if (r.all.v[i]->status == CAIRN_STATUS_ACTIVE)
				rc = push(&r, r.all.v[i], NULL, 0, 0);
	}
	for (int i = 0; !rc && i < ctx->argc; i++)
		rc = is_file_arg(ctx->argv[i]) ? add_file(&r, ctx->argv[i])
		                               : add_id(&r, ctx->argv[i]);
	if (json)
		arr = json_array();
	for (size_t i = 0; !rc && i < r.n; i++) {
		struct cairn_smart_result res;
		struct cairn_smart_context sc = {(struct cairn_goal *const *)r.all.v, r.all.n,
		                                 r.v[i].alone, ctx->today};
		cairn_smart_check(&res, r.v[i].g, &sc);
		if (res.verdict > worst)
			worst = res.verdict;
		if (json) {
			json_array_append_new(arr, cairn_smart_json(&res, r.v[i].g, r.v[i].file));
			continue;
		}
		if (i)
			putchar('\n');
		cmd_print_smart(ctx, r.v[i].g, &res, 1);
	}
	if (json && !rc)
		rc = cmd_print_json(arr);
	else if (arr)
		json_decref(arr);
	if (!rc && !json && r.n == 0 && ctx->argc == 0 && !r.bad && !ctx->quiet)
		printf("no active goals to check\n");
	for (size_t i = 0; i < r.n; i++) {
		if (r.v[i].own)
			cairn_goal_free(r.v[i].g);
		free(r.v[i].file);
	}
	free(r.v);
	cairn_goal_set_release(&r.all);
	if (rc)
		return rc;
	if (r.bad) {
		cairn_err_set(&ctx->err, r.code, "%d goal%s could not be checked", r.bad,
		              r.bad == 1 ? "" : "s");
		return r.code;
	}
	if (worst == CAIRN_SMART_FAIL || (strict && worst == CAIRN_SMART_WARN))
		return CAIRN_ENEG;
	return 0;
}

static const struct cmd_verb verbs[] = {
    {"check", "[ID|FILE...]", 0, -1,
     "judge goals against the SMART criteria and say how to fix them", check_opts, run_check, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn smart", "judge goals against the SMART criteria", verbs);
}
