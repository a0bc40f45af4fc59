/* cairn rules — licensing boards' CE renewal rules, one file each in rules/ */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static int run_add(struct cmd_ctx *ctx)
{
	char *id = NULL;
	int rc, changed = 0;

	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_rule_add(ctx->repo, ctx->argv[0], &id, &changed, ctx->lock_timeout,
	                         &ctx->err)))
		return rc;
	if (!ctx->quiet)
		printf(changed == 2   ? "updated rule %s\n"
		       : changed == 1 ? "added rule %s\n"
		                      : "rule %s: no change\n",
		       id);
	free(id);
	return 0;
}

static const struct cmd_opt json_opts[] = {
    {"json", 0, NULL, 0, "print JSON"},
    {0},
};

static void report_bad(struct cmd_ctx *ctx, const struct cairn_rule_set *s)
{
	for (size_t i = 0; i < s->nbad; i++)
		cmd_print_error(ctx, &s->bad[i]);
	if (s->nbad)
		cairn_err_set(&ctx->err, CAIRN_EDATA, "%zu rule file%s could not be read", s->nbad,
		              s->nbad == 1 ? "" : "s");
}

static int run_list(struct cmd_ctx *ctx)
{
	struct cairn_rule_set s;
	size_t w = 2;
	int rc;

	if ((rc = cmd_open_repo(ctx)) || (rc = cairn_rule_load_all(&s, ctx->repo, &ctx->err)))
		return rc;
	if (cmd_flag(ctx, "json")) {
		json_t *arr = json_array();
		for (size_t i = 0; i < s.n; i++)
			json_array_append_new(arr, cairn_record_json(&cairn_rule_kind, s.v[i]));
		rc = cmd_print_json(arr);
	} else {
		for (size_t i = 0; i < s.n; i++)
			if (strlen(s.v[i]->id) > w)
				w = strlen(s.v[i]->id);
		if (s.n)
			printf("%-*s  %5s  %6s  %s\n", (int)w, "ID", "HOURS", "CYCLE", "TITLE");
		else if (!ctx->quiet && !s.nbad)
			printf(
			    "no rules; `cairn rules add FILE` adds one (examples/rules/ has real "
			    "boards' rules)\n");
		for (size_t i = 0; i < s.n; i++) {
			char h[32], m[32];
			snprintf(m, sizeof(m), "%dmo", (int)s.v[i]->cycle->months.v);
			printf("%-*s  %5s  %6s  %s\n", (int)w, s.v[i]->id,
			       cairn_num_format(s.v[i]->total_hours.v, h, sizeof(h)), m,
			       s.v[i]->title);
		}
	}
	report_bad(ctx, &s);
	if (!rc && s.nbad)
		rc = CAIRN_EDATA;
	cairn_rule_set_release(&s);
	return rc;
}

static void show_rule(const struct cairn_rule *r)
{
	char a[32], b[32], d[CAIRN_DATE_BUF];

	printf("%s  %s\n", r->id, r->title);
	if (r->authority)
		printf("%-12s%s\n", "authority", r->authority);
	if (r->source)
		printf("%-12s%s%s%s%s\n", "source", r->source, r->checked ? " (read " : "",
		       r->checked ? cairn_date_format(r->checked, d) : "", r->checked ? ")" : "");
	printf("%-12s%s months, anchored at the %s", "cycle",
	       cairn_num_format(r->cycle->months.v, a, sizeof(a)),
	       cairn_anchor_names[r->cycle->anchor ? r->cycle->anchor : CAIRN_ANCHOR_EXPIRY]);
	if (r->cycle->start)
		printf(" (a cycle starts %s)", cairn_date_format(r->cycle->start, d));
	printf("\n%-12s%s hours\n", "total", cairn_num_format(r->total_hours.v, a, sizeof(a)));
	for (size_t i = 0; i < r->minimums.n; i++) {
		const struct cairn_rule_min *m = &r->minimums.v[i];
		int every = cairn_rule_every(m);
		printf("%-12s%s hours of %s", i ? "" : "minimums",
		       cairn_num_format(m->hours.v, a, sizeof(a)), m->topic);
		if (every == 0)
			printf(", once");
		else if (every > 1)
			printf(", every %d cycles", every);
		putchar('\n');
	}
	for (size_t i = 0; i < r->maximums.n; i++)
		printf("%-12s%s hours of %s\n", i ? "" : "maximums",
		       cairn_num_format(r->maximums.v[i].hours.v, a, sizeof(a)),
		       cairn_ce_format_names[r->maximums.v[i].format]);
	if (r->carry_over) {
		printf("%-12sup to %s hours", "carry-over",
		       cairn_num_format(r->carry_over->max_hours.v, a, sizeof(a)));
		for (size_t i = 0; i < r->carry_over->excludes.n; i++)
			printf("%s%s", i ? ", " : ", not toward ", r->carry_over->excludes.v[i]);
		putchar('\n');
	}
	if (r->first_cycle)
		printf(
		    "%-12s%s\n", "first cycle",
		    r->first_cycle->total_hours.v > 0
		        ? (snprintf(b, sizeof(b), "%s hours",
		                    cairn_num_format(r->first_cycle->total_hours.v, a, sizeof(a))),
		           b)
		        : "exempt");
	if (r->retention_years.set)
		printf("%-12s%s years\n", "keep proof",
		       cairn_num_format(r->retention_years.v, a, sizeof(a)));
	if (r->confirm)
		printf("%-12s%s\n", "confirm", r->confirm);
	if (r->notes) {
		/* every line of the notes under the first */
		const char *p = r->notes;
		printf("%-12s", "notes");
		for (; *p; p++) {
			putchar(*p);
			if (*p == '\n' && p[1])
				printf("%-12s", "");
		}
		if (p > r->notes && p[-1] != '\n')
			putchar('\n');
	}
}

static int run_show(struct cmd_ctx *ctx)
{
	struct cairn_rule *r;
	char id[CAIRN_ID_MAX + 1];
	int rc;

	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_rule_resolve(id, ctx->repo, ctx->argv[0], &ctx->err)) ||
	    (rc = cairn_rule_load(&r, ctx->repo, id, &ctx->err)))
		return rc;
	if (cmd_flag(ctx, "json"))
		rc = cmd_print_json(cairn_record_json(&cairn_rule_kind, r));
	else
		show_rule(r);
	cairn_rule_free(r);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"add", "FILE", 1, 1, "add or update a rule from a YAML file (checked first)", NULL, run_add,
     1},
    {"list", "", 0, 0, "list the rules", json_opts, run_list, 0},
    {"show", "ID", 1, 1, "show a rule", json_opts, run_show, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn rules", "licensing boards' CE renewal rules", verbs);
}
