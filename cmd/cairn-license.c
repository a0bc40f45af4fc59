/* cairn license — the licenses and certifications of the profile, each under a board's rule */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const struct cmd_opt add_opts[] = {
    {"rule", 0, "RULE", 0, "the renewal rule it follows (an id in rules/)", 1},
    {"expires", 0, "DATE", 0, "when the license expires: the end of its current cycle", 1},
    {"issued", 0, "DATE", 0, "when it was first granted (tells which cycle is the first)"},
    {"number", 0, "N", 0, "the license number"},
    {"state", 0, "S", 0, "the state or country that issued it"},
    {"title", 0, "T", 0, "its name (\"Licensed Professional Counselor\")"},
    {0},
};

static int run_add(struct cmd_ctx *ctx)
{
	struct cairn_license *l = cairn_record_new(&cairn_license_kind);
	const char *v;
	int rc;

	if (!l)
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	if (cairn_id_check(ctx->argv[0], "license id", &ctx->err)) {
		ctx->err.code = CAIRN_EUSAGE;
		rc = CAIRN_EUSAGE;
		goto out;
	}
	if (!(l->id = strdup(ctx->argv[0]))) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = cmd_text_opt(ctx, "rule", &l->rule)) ||
	    (rc = cmd_text_opt(ctx, "number", &l->number)) ||
	    (rc = cmd_text_opt(ctx, "state", &l->state)) ||
	    (rc = cmd_text_opt(ctx, "title", &l->title)) ||
	    (rc = cmd_date(ctx, "expires", cmd_opt(ctx, "expires"), &l->expires)))
		goto out;
	if ((v = cmd_opt(ctx, "issued")) && (rc = cmd_past_date(ctx, "issued", v, &l->issued)))
		goto out;
	if (cairn_id_check(l->rule, "--rule", &ctx->err)) {
		ctx->err.code = rc = CAIRN_EUSAGE;
		goto out;
	}
	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_license_add(ctx->repo, l, ctx->lock_timeout, &ctx->err)))
		goto out;
	if (!ctx->quiet)
		printf("added license %s (rule %s)\n", l->id, l->rule);
out:
	cairn_record_free(&cairn_license_kind, l);
	return rc;
}

static const struct cmd_opt list_opts[] = {
    {"json", 0, NULL, 0, "print JSON"},
    {0},
};

static int run_list(struct cmd_ctx *ctx)
{
	struct cairn_profile *p;
	size_t w = 2;
	int rc;

	if ((rc = cmd_open_repo(ctx)) || (rc = cairn_repo_profile(&p, ctx->repo, &ctx->err)))
		return rc;
	if (cmd_flag(ctx, "json")) {
		json_t *arr = json_array();
		for (size_t i = 0; i < p->licenses.n; i++)
			json_array_append_new(
			    arr, cairn_record_json(&cairn_license_kind, &p->licenses.v[i]));
		rc = cmd_print_json(arr);
		cairn_profile_free(p);
		return rc;
	}
	if (!p->licenses.n && !ctx->quiet)
		printf("no licenses; `cairn license add ID --rule RULE --expires DATE` adds one\n");
	for (size_t i = 0; i < p->licenses.n; i++)
		if (strlen(p->licenses.v[i].id) > w)
			w = strlen(p->licenses.v[i].id);
	if (p->licenses.n)
		printf("%-*s  %-16s %-10s  %-10s  %s\n", (int)w, "ID", "RULE", "EXPIRES", "NUMBER",
		       "TITLE");
	for (size_t i = 0; i < p->licenses.n; i++) {
		const struct cairn_license *l = &p->licenses.v[i];
		char d[CAIRN_DATE_BUF];
		printf("%-*s  %-16s %-10s  %-10s  %s\n", (int)w, l->id, l->rule ? l->rule : "-",
		       l->expires ? cairn_date_format(l->expires, d) : "-",
		       l->number ? l->number : "-", l->title ? l->title : "");
	}
	cairn_profile_free(p);
	return 0;
}

/* The license named by argument 0 (a unique prefix will do) into id. */
static int license_arg(struct cmd_ctx *ctx, char *id)
{
	struct cairn_profile *p;
	int rc;

	if ((rc = cmd_open_repo(ctx)) || (rc = cairn_repo_profile(&p, ctx->repo, &ctx->err)))
		return rc;
	rc = cairn_license_resolve(id, p, ctx->argv[0], &ctx->err);
	cairn_profile_free(p);
	return rc;
}

static const struct cmd_opt renew_opts[] = {
    {"expires", 0, "DATE", 0, "the new expiry: the end of the next cycle", 1},
    {0},
};

static int run_renew(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1], d[CAIRN_DATE_BUF];
	cairn_date expires;
	int rc;

	if ((rc = cmd_date(ctx, "expires", cmd_opt(ctx, "expires"), &expires)) ||
	    (rc = license_arg(ctx, id)) ||
	    (rc = cairn_license_renew(ctx->repo, id, expires, ctx->lock_timeout, &ctx->err)))
		return rc;
	if (!ctx->quiet)
		printf("license %s renewed: expires %s\n", id, cairn_date_format(expires, d));
	return 0;
}

static int run_rm(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1];
	int rc;

	if ((rc = license_arg(ctx, id)) ||
	    (rc = cairn_license_remove(ctx->repo, id, ctx->lock_timeout, &ctx->err)))
		return rc;
	if (!ctx->quiet)
		printf("removed license %s (its CE activities stay)\n", id);
	return 0;
}

static const struct cmd_verb verbs[] = {
    {"add", "ID", 1, 1, "add a license under a renewal rule", add_opts, run_add, 1},
    {"list", "", 0, 0, "list the licenses", list_opts, run_list, 0},
    {"renew", "ID", 1, 1, "start the license's next cycle with its new expiry", renew_opts,
     run_renew, 1},
    {"rm", "ID", 1, 1, "remove a license from the profile", NULL, run_rm, 1},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn license", "the licenses and their renewal rules", verbs);
}
