/* cairn status — the one-screen dashboard: goals, CE per license, plans, what needs you */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static void goals_part(struct cmd_ctx *ctx, const struct cairn_goal_set *all)
{
	size_t w = 4, shown = 0;

	for (size_t i = 0; i < all->n; i++)
		if (all->v[i]->status == CAIRN_STATUS_ACTIVE && strlen(all->v[i]->id) > w)
			w = strlen(all->v[i]->id);
	printf("%sgoals%s\n", cmd_c(ctx, C_BOLD), cmd_c(ctx, C_RESET));
	for (size_t i = 0; i < all->n; i++) {
		const struct cairn_goal *g = all->v[i];
		double share = cairn_goal_progress_share(g);
		char bar[16], d[CAIRN_DATE_BUF], pct[8] = "";
		int late = cairn_goal_overdue(g, ctx->today);
		if (g->status != CAIRN_STATUS_ACTIVE)
			continue;
		if (share >= 0)
			snprintf(pct, sizeof(pct), "%d%%", (int)(share * 100 + 0.5));
		printf("  %-*s  %s %4s  %s%s%s%s\n", (int)w, g->id,
		       cmd_bar(share, 10, bar, sizeof(bar)), pct, cmd_c(ctx, late ? C_RED : ""),
		       g->due ? "due " : "no due date", g->due ? cairn_date_format(g->due, d) : "",
		       cmd_c(ctx, late ? C_RESET : ""));
		shown++;
	}
	if (!shown)
		printf("  no active goals; `cairn goal add TITLE` adds one\n");
}

/* What could not be used, kept to be said after the dashboard. */
struct left_out {
	cairn_err *v;
	size_t n;
	int failed; /* set when memory ran out */
};

static void keep(struct left_out *lo, const cairn_err *e, const char *file)
{
	cairn_err *nv = realloc(lo->v, (lo->n + 1) * sizeof(*nv));

	if (!nv) {
		lo->failed = 1;
		return;
	}
	lo->v = nv;
	lo->v[lo->n] = *e;
	if (file && !lo->v[lo->n].file[0])
		cairn_err_at(&lo->v[lo->n], file, 0, 0);
	lo->n++;
}

static void ce_part(struct cmd_ctx *ctx, const struct cairn_profile *p,
                    struct cairn_ce *const *acts, size_t n, struct left_out *lo)
{
	static const char *const colours[] = {C_GREEN, C_GREEN, C_YEL, C_RED};

	if (!p->licenses.n)
		return;
	printf("\n%sCE%s\n", cmd_c(ctx, C_BOLD), cmd_c(ctx, C_RESET));
	for (size_t i = 0; i < p->licenses.n; i++) {
		const struct cairn_license *l = &p->licenses.v[i];
		struct cairn_rule *rule = NULL;
		struct cairn_ce_status st;
		char bar[16], a[32], b[32], d[CAIRN_DATE_BUF];
		cairn_err e = CAIRN_ERR_INIT;
		if (!l->rule || cairn_rule_load(&rule, ctx->repo, l->rule, &e) ||
		    cairn_ce_status(&st, l, rule, acts, n, ctx->today, &e)) {
			printf("  %-10s cannot be checked: `cairn ce status %s`\n", l->id, l->id);
			if (!l->rule) {
				cairn_err_set(&e, CAIRN_EDATA, "license %s names no rule", l->id);
				cairn_err_hint(&e,
				               "set its rule in cairn.yaml (licenses: rule), then "
				               "run `cairn doctor`");
			}
			/* a rule file that did not load names itself; the rest is the profile's */
			keep(lo, &e, rule || !l->rule ? CAIRN_PROFILE_FILE : NULL);
			cairn_rule_free(rule);
			continue;
		}
		{
			char hours[64];
			snprintf(hours, sizeof(hours), "%s of %s h",
			         cairn_num_format(st.earned + st.carried, a, sizeof(a)),
			         cairn_num_format(st.required, b, sizeof(b)));
			printf("  %-10s %s %-14s ends %s  %s%s%s", l->id,
			       cmd_bar(st.required > 0 ? (st.earned + st.carried) / st.required : 1,
			               10, bar, sizeof(bar)),
			       hours, cairn_date_format(st.end, d), cmd_c(ctx, colours[st.verdict]),
			       cairn_ce_verdict_names[st.verdict], cmd_c(ctx, C_RESET));
		}
		if (st.lagging && st.verdict != CAIRN_CE_COMPLETE)
			printf(" (%s)", st.lagging);
		putchar('\n');
		cairn_ce_status_release(&st);
		cairn_rule_free(rule);
	}
}

static void plans_part(struct cmd_ctx *ctx, const struct cairn_plan_set *plans)
{
	if (!plans->n)
		return;
	printf("\n%splans%s\n", cmd_c(ctx, C_BOLD), cmd_c(ctx, C_RESET));
	for (size_t i = 0; i < plans->n; i++) {
		const struct cairn_plan *p = plans->v[i];
		char d[CAIRN_DATE_BUF];
		int due = cairn_plan_review_due(p, ctx->today);
		printf("  %-14s %zu goal%s, ", p->id, p->goals.n, p->goals.n == 1 ? "" : "s");
		if (p->review && p->review->next)
			printf("next review %s%s%s%s\n", cmd_c(ctx, due ? C_YEL : ""),
			       cairn_date_format(p->review->next, d), due ? " (due)" : "",
			       cmd_c(ctx, due ? C_RESET : ""));
		else
			printf("no review scheduled\n");
	}
}

static int run_status(struct cmd_ctx *ctx)
{
	struct cairn_goal_set all = {0};
	struct cairn_plan_set plans = {0};
	struct cairn_ce_set acts = {0};
	struct cairn_remind_list rem = {0};
	struct cairn_profile *p = NULL;
	struct left_out lo = {0}, lic = {0};
	char d[CAIRN_DATE_BUF];
	int rc, code = 0;

	if ((rc = cmd_open_repo(ctx)) || (rc = cairn_repo_profile(&p, ctx->repo, &ctx->err)) ||
	    /* the dashboard and its reminders are about the active goals */
	    (rc = cairn_goal_load_some(&all, ctx->repo, CAIRN_STATUS_ACTIVE, &ctx->err)) ||
	    (rc = cairn_plan_load_all(&plans, ctx->repo, &ctx->err)) ||
	    (rc = cairn_ce_load_all(&acts, ctx->repo, &ctx->err)) ||
	    (rc = cairn_remind_collect_from(&rem, ctx->repo, p, &all, &plans, &acts, ctx->today,
	                                    cairn_date_add_days(ctx->today, 30), &ctx->err)))
		goto out;
	cairn_goal_set_sort(&all);
	printf("%s%s%s, %s\n\n", cmd_c(ctx, C_BOLD), p->name ? p->name : "cairn",
	       cmd_c(ctx, C_RESET), cairn_date_format(ctx->today, d));
	goals_part(ctx, &all);
	ce_part(ctx, p, acts.v, acts.n, &lic);
	plans_part(ctx, &plans);
	if (rem.n) {
		printf("\n%sneeds you (next 30 days)%s\n", cmd_c(ctx, C_BOLD), cmd_c(ctx, C_RESET));
		for (size_t i = 0; i < rem.n && i < 10; i++)
			printf("  %s%s%s\n", cmd_c(ctx, rem.v[i].overdue ? C_RED : ""),
			       rem.v[i].text, cmd_c(ctx, rem.v[i].overdue ? C_RESET : ""));
		if (rem.n > 10)
			printf("  and %zu more: `cairn remind`\n", rem.n - 10);
	}
	/* what was left out, each named with its place, after the dashboard: the exit status
	 * is then 65 (or 66 when all that is missing is a rule file) */
	for (size_t i = 0; i < all.nbad; i++)
		keep(&lo, &all.bad[i], NULL);
	for (size_t i = 0; i < plans.nbad; i++)
		keep(&lo, &plans.bad[i], NULL);
	for (size_t i = 0; i < acts.nbad; i++)
		keep(&lo, &acts.bad[i], NULL);
	for (size_t i = 0; i < lic.n; i++)
		keep(&lo, &lic.v[i], NULL);
	if (lo.failed || lic.failed) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < lo.n; i++) {
		cmd_print_error(ctx, &lo.v[i]);
		if (!code || lo.v[i].code == CAIRN_EDATA)
			code = lo.v[i].code;
	}
	if (lo.n) {
		rc =
		    cairn_err_set(&ctx->err, code, "%zu record%s could not be used and %s left out",
		                  lo.n, lo.n == 1 ? "" : "s", lo.n == 1 ? "was" : "were");
		cairn_err_hint(&ctx->err, "`cairn doctor` lists every problem");
	}
out:
	free(lic.v);
	free(lo.v);
	cairn_remind_list_release(&rem);
	cairn_ce_set_release(&acts);
	cairn_plan_set_release(&plans);
	cairn_goal_set_release(&all);
	cairn_profile_free(p);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"", "", 0, 0, "the dashboard: goals, CE per license, plans, and what needs you", NULL,
     run_status, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn status", verbs[0].summary, verbs);
}
