/* cairn plan — the personal development plan and its regular reviews */
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* ---- new, add-goal, rm-goal ---- */

static const struct cmd_opt new_opts[] = {
    {"start", 0, "DATE", 0, "the first day of the plan", 1},
    {"end", 0, "DATE", 0, "the last day of the plan", 1},
    {"title", 0, "TEXT", 0, "its name (default: the id)"},
    {"goal", 0, "ID", 1, "a goal of the plan"},
    {"review", 0, "CADENCE", 0, "weekly, biweekly, monthly (default), quarterly or Nd"},
    {"evaluation", 0, "TEXT", 0, "how you will judge its success"},
    {0},
};

/* Adds the goals named (prefixes resolved) to list. */
static int add_goals(struct cmd_ctx *ctx, char *const *names, struct cairn_strlist *list)
{
	for (char *const *g = names; *g; g++) {
		char id[CAIRN_ID_MAX + 1];
		int rc;
		if ((rc = cairn_goal_resolve(id, ctx->repo, *g, &ctx->err)))
			return rc;
		if (!cairn_strlist_has(list, id) && cairn_strlist_add(list, id))
			return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	}
	return 0;
}

static int run_new(struct cmd_ctx *ctx)
{
	struct cairn_plan *p = cairn_record_new(&cairn_plan_kind);
	const char *every = cmd_opt(ctx, "review"), *title = cmd_opt(ctx, "title");
	char d[CAIRN_DATE_BUF], cadence[64];
	int rc;

	if (!p)
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	if (cairn_id_check(ctx->argv[0], "plan id", &ctx->err)) {
		ctx->err.code = rc = CAIRN_EUSAGE;
		goto out;
	}
	if (every && !cairn_cadence_valid(every)) {
		rc = cmd_usage_error(ctx, "--review: '%s' is not a cadence", every);
		cairn_err_hint(&ctx->err, "weekly, biweekly, monthly, quarterly, or days: 10d");
		goto out;
	}
	if (!(p->id = strdup(ctx->argv[0])) || !(p->title = strdup(title ? title : ctx->argv[0]))) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	/* without --review, the profile's cadence: an invalid profile is refused */
	if ((rc = cmd_date(ctx, "start", cmd_opt(ctx, "start"), &p->start)) ||
	    (rc = cmd_date(ctx, "end", cmd_opt(ctx, "end"), &p->end)) ||
	    (rc = cmd_text_opt(ctx, "evaluation", &p->evaluation)) || (rc = cmd_open_repo(ctx)) ||
	    (!every &&
	     (rc = cairn_plan_default_cadence(cadence, sizeof(cadence), ctx->repo, &ctx->err))))
		goto out;
	if (cairn_plan_set_cadence(p, every ? every : cadence)) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = add_goals(ctx, cmd_opt_all(ctx, "goal"), &p->goals)) ||
	    (rc = cairn_plan_add(ctx->repo, p, ctx->lock_timeout, &ctx->err)))
		goto out;
	if (!ctx->quiet)
		printf("added plan %s; first review %s\n", p->id,
		       cairn_date_format(p->review->next, d));
out:
	cairn_plan_free(p);
	return rc;
}

struct goal_change {
	struct cmd_ctx *ctx;
	char *const *ids;
	int add;
};

static int mut_goals(struct cairn_plan *p, void *v, cairn_err *err)
{
	struct goal_change *c = v;

	for (char *const *id = c->ids; *id; id++) {
		if (c->add) {
			if (!cairn_strlist_has(&p->goals, *id) && cairn_strlist_add(&p->goals, *id))
				return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		} else if (!cairn_strlist_remove(&p->goals, *id)) {
			cairn_err_set(err, CAIRN_ENOTFOUND, "goal %s is not in plan %s", *id,
			              p->id);
			return CAIRN_ENOTFOUND;
		}
	}
	return 0;
}

/* The goals to take out: an id the plan holds counts even when its goal is gone (removed
 * with goal rm --force: doctor then asks for exactly this). */
static int rm_goal_ids(struct cmd_ctx *ctx, const char *plan, struct cairn_strlist *ids)
{
	struct cairn_plan *p = NULL;
	int rc;

	if ((rc = cairn_plan_load(&p, ctx->repo, plan, &ctx->err)))
		return rc;
	for (char *const *g = ctx->argv + 1; !rc && *g; g++) {
		char id[CAIRN_ID_MAX + 1];
		if (cairn_strlist_has(&p->goals, *g))
			snprintf(id, sizeof(id), "%s", *g);
		else if ((rc = cairn_goal_resolve(id, ctx->repo, *g, &ctx->err)))
			break;
		if (!cairn_strlist_has(ids, id) && cairn_strlist_add(ids, id))
			rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	}
	cairn_plan_free(p);
	return rc;
}

static int change_goals(struct cmd_ctx *ctx, int add)
{
	struct cairn_strlist ids = {0};
	char plan[CAIRN_ID_MAX + 1];
	struct goal_change c = {ctx, NULL, add};
	int rc, changed = 0;

	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_plan_resolve(plan, ctx->repo, ctx->argv[0], &ctx->err)) ||
	    (rc = add ? add_goals(ctx, ctx->argv + 1, &ids) : rm_goal_ids(ctx, plan, &ids)))
		goto out;
	if (!(c.ids = calloc(ids.n + 1, sizeof(char *)))) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	memcpy((char **)c.ids, ids.v, ids.n * sizeof(char *));
	rc = cairn_plan_update(ctx->repo, plan, add ? "plan add-goal" : "plan rm-goal", mut_goals,
	                       &c, ctx->lock_timeout, &changed, &ctx->err);
	if (!rc && !ctx->quiet)
		printf("plan %s: %s %zu goal%s%s\n", plan, add ? "added" : "removed", ids.n,
		       ids.n == 1 ? "" : "s", changed ? "" : " (no change)");
out:
	free((char **)c.ids);
	cairn_strlist_release(&ids);
	return rc;
}

static int run_add_goal(struct cmd_ctx *ctx)
{
	return change_goals(ctx, 1);
}

static int run_rm_goal(struct cmd_ctx *ctx)
{
	return change_goals(ctx, 0);
}

/* ---- edit ---- */

static int save_plan(struct cmd_ctx *ctx, const char *text, size_t len, const char *copy,
                     const char *original, size_t original_len, int *changed, void *arg)
{
	struct cairn_plan *p = cairn_record_new(&cairn_plan_kind);
	int rc;

	if (!p)
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	/* the copy's name is not the id's: messages name the copy, the id is checked apart */
	rc = cairn_record_parse(&cairn_plan_kind, p, text, len, copy, &ctx->err);
	if (!rc && (rc = cairn_plan_validate(p, NULL, &ctx->err)) && !ctx->err.file[0])
		cairn_err_at(&ctx->err, copy, 0, 0);
	if (!rc)
		rc = cairn_plan_replace(ctx->repo, arg, original, original_len, p,
		                        ctx->lock_timeout, changed, &ctx->err);
	cairn_plan_free(p);
	return rc;
}

static int run_edit(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1], name[CAIRN_ID_MAX + 8], command[CAIRN_ID_MAX + 32], *rel;
	int rc, changed = 0;

	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_plan_resolve(id, ctx->repo, ctx->argv[0], &ctx->err)))
		return rc;
	if (!(rel = cairn_repo_record_path(CAIRN_PLANS_DIR, id)))
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	/* the edit copy of a plan is named apart from a goal's of the same id */
	snprintf(name, sizeof(name), "plan-%s", id);
	snprintf(command, sizeof(command), "cairn plan edit %s", id);
	rc = cmd_edit_record(ctx, rel, name, command, save_plan, id, &changed);
	free(rel);
	if (!rc && !ctx->quiet)
		printf(changed ? "saved plan %s\n" : "plan %s: no changes\n", id);
	return rc;
}

/* ---- list and show ---- */

static const struct cmd_opt json_opts[] = {
    {"json", 0, NULL, 0, "print JSON"},
    {0},
};

static const struct cmd_opt show_opts[] = {
    {"json", 0, NULL, 0, "print JSON"},
    {"as-of", 0, "DATE", 0, "the plan as it stood on DATE (its last commit by then)"},
    {0},
};

static int run_list(struct cmd_ctx *ctx)
{
	struct cairn_plan_set s;
	size_t w = 2;
	int rc;

	if ((rc = cmd_open_repo(ctx)) || (rc = cairn_plan_load_all(&s, ctx->repo, &ctx->err)))
		return rc;
	if (cmd_flag(ctx, "json")) {
		json_t *arr = json_array();
		for (size_t i = 0; i < s.n; i++) {
			json_t *o = cairn_record_json(&cairn_plan_kind, s.v[i]);
			json_object_set_new(
			    o, "review_due",
			    json_boolean(cairn_plan_review_due(s.v[i], ctx->today)));
			json_array_append_new(arr, o);
		}
		rc = cmd_print_json(arr);
	} else {
		for (size_t i = 0; i < s.n; i++)
			if (strlen(s.v[i]->id) > w)
				w = strlen(s.v[i]->id);
		if (s.n)
			printf("%-*s  %-23s  %5s  %-16s  %s\n", (int)w, "ID", "PERIOD", "GOALS",
			       "NEXT REVIEW", "TITLE");
		else if (!ctx->quiet && !s.nbad)
			printf(
			    "no plans; `cairn plan new ID --start DATE --end DATE --goal ID` makes "
			    "one\n");
		for (size_t i = 0; i < s.n; i++) {
			const struct cairn_plan *p = s.v[i];
			char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF], n[CAIRN_DATE_BUF + 8];
			int due = cairn_plan_review_due(p, ctx->today);
			if (p->review && p->review->next)
				snprintf(n, sizeof(n), "%s%s",
				         cairn_date_format(p->review->next, a), due ? " due" : "");
			else
				snprintf(n, sizeof(n), "-");
			printf("%-*s  %s..%s  %5zu  %s%-16s%s  %s\n", (int)w, p->id,
			       cairn_date_format(p->start, a), cairn_date_format(p->end, b),
			       p->goals.n, cmd_c(ctx, due ? C_YEL : ""), n,
			       cmd_c(ctx, due ? C_RESET : ""), p->title);
		}
	}
	for (size_t i = 0; i < s.nbad; i++)
		cmd_print_error(ctx, &s.bad[i]);
	if (!rc && s.nbad) {
		cairn_err_set(&ctx->err, CAIRN_EDATA, "%zu plan file%s could not be read", s.nbad,
		              s.nbad == 1 ? "" : "s");
		rc = CAIRN_EDATA;
	}
	cairn_plan_set_release(&s);
	return rc;
}

static const struct cairn_goal *find_goal(const struct cairn_goal_set *all, const char *id)
{
	for (size_t i = 0; i < all->n; i++)
		if (!strcmp(all->v[i]->id, id))
			return all->v[i];
	return NULL;
}

/* One line per goal of the plan: bar, status, due, open and overdue steps, SMART verdict. */
static void show_goals(struct cmd_ctx *ctx, const struct cairn_plan *p,
                       const struct cairn_goal_set *all)
{
	struct cairn_smart_context sc = {(struct cairn_goal *const *)all->v, all->n, 0, ctx->today};

	for (size_t i = 0; i < p->goals.n; i++) {
		const struct cairn_goal *g = find_goal(all, p->goals.v[i]);
		struct cairn_smart_result r;
		char bar[16], d[CAIRN_DATE_BUF], pct[8];
		size_t open = 0, late = 0;
		double share;
		if (!g) {
			printf("  %-28s (no such goal: `cairn doctor`)\n", p->goals.v[i]);
			continue;
		}
		for (size_t k = 0; k < g->steps.n; k++)
			if (!g->steps.v[k].done) {
				open++;
				late += g->steps.v[k].due && g->steps.v[k].due < ctx->today;
			}
		share = cairn_goal_progress_share(g);
		cairn_smart_check(&r, g, &sc);
		if (share < 0)
			pct[0] = '\0';
		else
			snprintf(pct, sizeof(pct), "%d%%", (int)(share * 100 + 0.5));
		printf("  %-28s %-7s %s %4s  due %-10s  %zu open step%s", g->id,
		       cairn_status_names[g->status], cmd_bar(share, 10, bar, sizeof(bar)), pct,
		       g->due ? cairn_date_format(g->due, d) : "-", open, open == 1 ? "" : "s");
		if (late)
			printf(", %zu overdue", late);
		printf("  SMART %s\n", cairn_smart_verdicts[r.verdict]);
	}
}

static int plan_arg(struct cmd_ctx *ctx, struct cairn_plan **p, char *id)
{
	int rc;

	if ((rc = cmd_open_repo(ctx)) || (rc = cmd_as_of(ctx)) ||
	    (rc = cairn_plan_resolve(id, ctx->repo, ctx->argv[0], &ctx->err)))
		return rc;
	return cairn_plan_load(p, ctx->repo, id, &ctx->err);
}

static int run_show(struct cmd_ctx *ctx)
{
	struct cairn_plan *p = NULL;
	struct cairn_goal_set all = {0};
	cairn_date *dates = NULL;
	size_t nd = 0;
	char id[CAIRN_ID_MAX + 1], a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF];
	int rc;

	if ((rc = plan_arg(ctx, &p, id)) ||
	    (rc = cairn_goal_load_all(&all, ctx->repo, &ctx->err)) ||
	    (rc = cairn_review_dates(&dates, &nd, ctx->repo, id, &ctx->err)))
		goto out;
	if (cmd_flag(ctx, "json")) {
		json_t *o = cairn_record_json(&cairn_plan_kind, p), *rv = json_array();
		for (size_t i = 0; i < nd; i++)
			json_array_append_new(rv, json_string(cairn_date_format(dates[i], a)));
		json_object_set_new(o, "reviews", rv);
		json_object_set_new(o, "review_due",
		                    json_boolean(cairn_plan_review_due(p, ctx->today)));
		rc = cmd_print_json(o);
		goto out;
	}
	printf("%s%s%s  %s\n", cmd_c(ctx, C_BOLD), p->id, cmd_c(ctx, C_RESET), p->title);
	printf("%-11s%s to %s\n", "period", cairn_date_format(p->start, a),
	       cairn_date_format(p->end, b));
	if (p->evaluation)
		printf("%-11s%s\n", "evaluation", p->evaluation);
	printf("%-11s%s", "reviews", nd ? "last " : "none yet");
	if (nd)
		printf("%s", cairn_date_format(dates[nd - 1], a));
	if (p->review && p->review->next)
		printf(", next %s (%s)%s", cairn_date_format(p->review->next, b),
		       p->review->every ? p->review->every : "-",
		       cairn_plan_review_due(p, ctx->today) ? ": due" : "");
	printf("\ngoals\n");
	show_goals(ctx, p, &all);
out:
	free(dates);
	cairn_goal_set_release(&all);
	cairn_plan_free(p);
	return rc;
}

/* ---- reviews ---- */

static int run_reviews(struct cmd_ctx *ctx)
{
	struct cairn_plan *p = NULL;
	cairn_date *dates = NULL;
	size_t nd = 0;
	char id[CAIRN_ID_MAX + 1];
	size_t bad = 0;
	int rc, code = 0;

	if ((rc = plan_arg(ctx, &p, id)) ||
	    (rc = cairn_review_dates(&dates, &nd, ctx->repo, id, &ctx->err)))
		goto out;
	if (!nd && !ctx->quiet)
		printf("no reviews of %s yet; `cairn plan review %s` holds one\n", id, id);
	for (size_t i = 0; i < nd; i++) {
		struct cairn_review *r;
		char d[CAIRN_DATE_BUF];
		cairn_err e = CAIRN_ERR_INIT;
		if (cairn_review_load(&r, ctx->repo, id, dates[i], &e)) {
			cmd_print_error(ctx, &e);
			if (!bad++ || e.code == CAIRN_EDATA)
				code = e.code;
			continue;
		}
		printf("%s  motivation %s  %-6s  ", cairn_date_format(r->date, d),
		       r->motivation.set ? (char[2]){(char)('0' + (int)r->motivation.v), 0} : "-",
		       r->still_fits ? cairn_still_fits_names[r->still_fits] : "-");
		{
			/* the first line of what was achieved, cut to fit */
			char first[256];
			snprintf(first, sizeof(first), "%.*s",
			         r->achieved ? (int)strcspn(r->achieved, "\n") : 0,
			         r->achieved ? r->achieved : "");
			cmd_put_cut(stdout, first, 56, 0);
			putchar('\n');
		}
		cairn_review_free(r);
	}
	/* the reviews that read are listed; each one that did not is named above: 65 */
	if (bad) {
		rc = cairn_err_set(&ctx->err, code, "%zu review%s of %s could not be read", bad,
		                   bad == 1 ? "" : "s", id);
		cairn_err_hint(&ctx->err, "fix the file%s by hand, then run `cairn doctor`",
		               bad == 1 ? "" : "s");
	}
out:
	free(dates);
	cairn_plan_free(p);
	return rc;
}

static void print_text(const char *label, const char *text)
{
	const char *p = text;

	if (!text || !*text)
		return;
	printf("%-12s", label);
	for (; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			printf("%-12s", "");
	}
	if (p[-1] != '\n')
		putchar('\n');
}

static void print_review(const struct cairn_review *r)
{
	char d[CAIRN_DATE_BUF], a[32], b[32];

	printf("review of %s on %s\n", r->plan, cairn_date_format(r->date, d));
	print_text("achieved", r->achieved);
	print_text("challenges", r->challenges);
	if (r->motivation.set)
		printf("%-12s%d of 5\n", "motivation", (int)r->motivation.v);
	if (r->still_fits)
		printf("%-12s%s\n", "still fits", cairn_still_fits_names[r->still_fits]);
	print_text("feedback", r->feedback);
	print_text("adjustments", r->adjustments);
	if (r->next)
		printf("%-12s%s\n", "next review", cairn_date_format(r->next, d));
	if (r->snapshot.n)
		printf("snapshot\n");
	for (size_t i = 0; i < r->snapshot.n; i++) {
		const struct cairn_snap *s = &r->snapshot.v[i];
		printf("  %-28s %-7s", s->goal, s->status ? cairn_status_names[s->status] : "-");
		if (s->target.set)
			printf(" %s of %s%s%s", cairn_num_format(s->current.v, a, sizeof(a)),
			       cairn_num_format(s->target.v, b, sizeof(b)), s->unit ? " " : "",
			       s->unit ? s->unit : "");
		printf("  %d open step%s", (int)s->open_steps.v, s->open_steps.v == 1 ? "" : "s");
		if (s->overdue_steps.v > 0)
			printf(", %d overdue", (int)s->overdue_steps.v);
		printf("  SMART %s\n", s->smart ? s->smart : "-");
	}
}

static const struct cmd_opt review_opts[] = {
    {"achieved", 0, "TEXT", 0, "what did I achieve since the last review?"},
    {"challenges", 0, "TEXT", 0, "what challenges did I meet, and how?"},
    {"motivation", 0, "1-5", 0, "how committed am I now? (1 none left, 5 eager)"},
    {"still-fits", 0, "yes|adjust", 0, "do these goals still fit, or need adjusting?"},
    {"feedback", 0, "TEXT", 0, "what did supervisor, peers and clients say?"},
    {"adjustments", 0, "TEXT", 0, "what will I change?"},
    {"from", 0, "FILE", 0, "read the answers from a YAML file"},
    {"dry-run", 'n', NULL, 0, "print the summary; save nothing"},
    {"show", 0, "DATE", 0, "print the review of DATE instead"},
    {0},
};

/* The answers given as options, over those of --from. */
static int answers_from_options(struct cmd_ctx *ctx, struct cairn_review *r)
{
	const char *v;
	int rc;

	if ((rc = cmd_text_opt(ctx, "achieved", &r->achieved)) ||
	    (rc = cmd_text_opt(ctx, "challenges", &r->challenges)) ||
	    (rc = cmd_text_opt(ctx, "feedback", &r->feedback)) ||
	    (rc = cmd_text_opt(ctx, "adjustments", &r->adjustments)) ||
	    (rc = cmd_enum_opt(ctx, "still-fits", cairn_still_fits_names, &r->still_fits)))
		return rc;
	if ((v = cmd_opt(ctx, "motivation"))) {
		double m;
		if (cairn_num_parse(&m, v) || m != (int)m || m < 1 || m > 5)
			return cmd_usage_error(ctx, "--motivation: '%s' is not 1, 2, 3, 4 or 5", v);
		r->motivation = (struct cairn_num){1, m};
	}
	return 0;
}

/* ---- the guided review ---- */

struct sitting {
	struct cmd_ctx *ctx;
	struct cairn_goal_set all;
	struct cairn_goal **changed; /* copies of the goals changed in the sitting */
	size_t nchanged;
};

/* Asks one reflection question; a line "e" opens $EDITOR for a long answer. */
static int ask_text(struct sitting *st, const char *question, const char *label, char **out)
{
	int rc;

	printf("\n%s\n", question);
	if ((rc = cmd_prompt_line(label, out)))
		return rc;
	if (*out && !strcmp(*out, "e")) {
		char *path = NULL, *buf = NULL;
		size_t len;
		cairn_err e;
		free(*out);
		*out = NULL;
		if (asprintf(&path, "%s/cairn-review-answer.txt", st->ctx->repo->gitdir) < 0)
			return CMD_PROMPT_EOF;
		cairn_fs_write_atomic(path, "", 0, &e);
		if (!cmd_run_editor(st->ctx, path) &&
		    !cairn_fs_read(&buf, &len, path, 1 << 20, &e)) {
			while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
				buf[--len] = '\0';
			if (len)
				*out = buf;
			else
				free(buf);
		}
		cairn_fs_unlink(path, NULL);
		free(path);
	}
	return 0;
}

/* The goal g as changed in this sitting (a copy, made on the first change). */
static struct cairn_goal *changing(struct sitting *st, const struct cairn_goal *g)
{
	struct cairn_goal **nv, *c;

	for (size_t i = 0; i < st->nchanged; i++)
		if (!strcmp(st->changed[i]->id, g->id))
			return st->changed[i];
	if (!(c = cairn_goal_new()) || cairn_record_copy(&cairn_goal_kind, c, g) ||
	    !(nv = realloc(st->changed, (st->nchanged + 1) * sizeof(*nv)))) {
		cairn_goal_free(c);
		return NULL;
	}
	st->changed = nv;
	st->changed[st->nchanged++] = c;
	return c;
}

/* One action of the sitting on the goal c: p N, p +N, s N, r N DATE, d DATE, pause, resume,
 * done, drop REASON. */
static int apply(struct cmd_ctx *ctx, struct cairn_goal *c, const char *a, cairn_err *e)
{
	double v;
	size_t step;
	int rc;

	if (a[0] == 'p' && a[1] == ' ') {
		const char *n = a + 2;
		if (*n == '-' || cairn_num_parse(&v, n) || v < 0)
			return cairn_err_set(e, CAIRN_EUSAGE,
			                     "'%s' is not a number (p N sets the count, p +N adds)",
			                     n);
		if (*n == '+')
			v += c->measure && c->measure->current.set ? c->measure->current.v : 0;
		return cairn_goal_record_progress(c, v, ctx->today, "recorded in a review", e);
	}
	if (a[0] == 's' && a[1] == ' ') {
		if ((rc = cairn_goal_find_step(&step, c, a + 2, e)))
			return rc;
		if (!c->steps.v[step].done)
			c->steps.v[step].done = ctx->today;
		return 0;
	}
	if (a[0] == 'd' && a[1] == ' ')
		return cairn_date_parse(&c->due, a + 2, ctx->today, e);
	if (a[0] == 'r' && a[1] == ' ') {
		/* r N DATE: a new due date for step N */
		const char *sp = strrchr(a + 2, ' ');
		char which[64];
		if (!sp || sp == a + 2 || (size_t)(sp - (a + 2)) >= sizeof(which))
			return cairn_err_set(e, CAIRN_EUSAGE, "write r N DATE: step N due on DATE");
		snprintf(which, sizeof(which), "%.*s", (int)(sp - (a + 2)), a + 2);
		if ((rc = cairn_goal_find_step(&step, c, which, e)))
			return rc;
		return cairn_date_parse(&c->steps.v[step].due, sp + 1, ctx->today, e);
	}
	if (!strcmp(a, "pause"))
		return cairn_goal_set_status(c, CAIRN_STATUS_PAUSED, ctx->today, NULL, e);
	if (!strcmp(a, "resume"))
		return cairn_goal_set_status(c, CAIRN_STATUS_ACTIVE, ctx->today, NULL, e);
	if (!strcmp(a, "done"))
		return cairn_goal_set_status(c, CAIRN_STATUS_DONE, ctx->today, NULL, e);
	if (!strncmp(a, "drop ", 5) && a[5])
		return cairn_goal_set_status(c, CAIRN_STATUS_DROPPED, ctx->today, a + 5, e);
	return cairn_err_set(e, CAIRN_EUSAGE,
	                     "'%s' is not one of: p N, p +N, s N, r N DATE, d DATE, pause, resume, "
	                     "done, drop REASON",
	                     a);
}

/* For each goal of the plan: where it stands, and what to do about it now. */
static int walk_goals(struct sitting *st, const struct cairn_plan *p)
{
	struct cmd_ctx *ctx = st->ctx;
	int rc;

	printf("\nYour goals, one by one. For each: p N or p +N (progress), s N (step N done),\n"
	       "r N DATE (step N due on DATE), d DATE (the goal due on DATE), pause, resume,\n"
	       "done, drop REASON; Enter goes on.\n");
	for (size_t i = 0; i < p->goals.n; i++) {
		const struct cairn_goal *g = find_goal(&st->all, p->goals.v[i]);
		struct cairn_goal *c;
		char *a = NULL, bar[16], d[CAIRN_DATE_BUF], n1[32], n2[32];
		if (!g || g->status == CAIRN_STATUS_DONE || g->status == CAIRN_STATUS_DROPPED)
			continue;
		for (;;) {
			const struct cairn_goal *cur = g;
			for (size_t k = 0; k < st->nchanged; k++)
				if (!strcmp(st->changed[k]->id, g->id))
					cur = st->changed[k];
			printf("\n%s (%s) %s", cur->id, cairn_status_names[cur->status],
			       cmd_bar(cairn_goal_progress_share(cur), 10, bar, sizeof(bar)));
			if (cur->measure && cur->measure->target.set)
				printf(" %s of %s",
				       cairn_num_format(cur->measure->current.v, n1, sizeof(n1)),
				       cairn_num_format(cur->measure->target.v, n2, sizeof(n2)));
			if (cur->due)
				printf(", due %s", cairn_date_format(cur->due, d));
			putchar('\n');
			for (size_t k = 0; k < cur->steps.n; k++)
				if (!cur->steps.v[k].done)
					printf("  step %zu: %s%s%s\n", k + 1, cur->steps.v[k].title,
					       cur->steps.v[k].due ? ", due " : "",
					       cur->steps.v[k].due
					           ? cairn_date_format(cur->steps.v[k].due, d)
					           : "");
			if ((rc = cmd_prompt_line(cur->id, &a)))
				return rc;
			if (!a)
				break;
			if (!(c = changing(st, cur)))
				return CMD_PROMPT_EOF;
			cairn_err e = CAIRN_ERR_INIT;
			struct cairn_goal *backup = cairn_goal_new();
			if (!backup || cairn_record_copy(&cairn_goal_kind, backup, c)) {
				cairn_goal_free(backup);
				free(a);
				return CMD_PROMPT_EOF;
			}
			/* an action that leaves the goal invalid (a due date before its start) is
			 * undone at once, not found out when the review is saved */
			rc = apply(ctx, c, a, &e);
			if (!rc)
				rc = cairn_goal_validate(c, NULL, &e);
			if (rc) {
				cairn_record_release(&cairn_goal_kind, c);
				memset(c, 0, sizeof(*c));
				cairn_record_copy(&cairn_goal_kind, c, backup);
				printf("%s\n", e.msg[0] ? e.msg : "that did not work");
			} else {
				printf("noted (saved with the review)\n");
			}
			cairn_goal_free(backup);
			free(a);
			a = NULL;
		}
	}
	return 0;
}

/* New goals for the plan, made in the sitting: a title and a due date each. */
static int add_new_goals(struct sitting *st)
{
	struct cmd_ctx *ctx = st->ctx;
	char *title = NULL, *due = NULL;
	int rc;

	for (;;) {
		char slug[CAIRN_ID_MAX + 1], unique[CAIRN_ID_MAX + 1], **ids = NULL;
		struct cairn_goal *g, **nv;
		size_t n = 0;
		cairn_err e = CAIRN_ERR_INIT;
		printf("\nA new goal for the plan? Its title, or Enter to go on.\n");
		if ((rc = cmd_prompt_line("new goal", &title)) || !title)
			return rc;
		if (cairn_id_slug(slug, title, &e)) {
			printf("%s\n", e.msg);
			free(title);
			continue;
		}
		/* an id free in the repository and among the goals added in this sitting */
		if (cairn_repo_list(&ids, &n, ctx->repo, CAIRN_GOALS_DIR, &e) == 0) {
			char **all = realloc(ids, (n + st->nchanged + 1) * sizeof(*all));
			if (all) {
				ids = all;
				for (size_t i = 0; i < st->nchanged; i++)
					ids[n++] = strdup(st->changed[i]->id);
				ids[n] = NULL;
			}
		}
		rc = cairn_id_unique(unique, slug, ids, n, &e);
		cairn_strv_free(ids);
		if (rc || !(g = cairn_goal_new())) {
			free(title);
			return CMD_PROMPT_EOF;
		}
		g->title = title;
		g->id = strdup(unique);
		g->status = CAIRN_STATUS_ACTIVE;
		g->created = g->start = ctx->today;
		for (;;) {
			printf("By when? A date, or +6m, eoy; Enter for none.\n");
			if ((rc = cmd_prompt_line("due", &due))) {
				cairn_goal_free(g);
				return rc;
			}
			if (!due || !cairn_date_parse(&g->due, due, ctx->today, &e))
				break;
			printf("%s\n", e.msg);
			free(due);
		}
		free(due);
		due = NULL;
		g->horizon = cairn_goal_default_horizon(g->start, g->due);
		if (!g->id || !(nv = realloc(st->changed, (st->nchanged + 1) * sizeof(*nv)))) {
			cairn_goal_free(g);
			return CMD_PROMPT_EOF;
		}
		st->changed = nv;
		st->changed[st->nchanged++] = g;
		printf("goal %s joins the plan when the review is saved; `cairn smart check %s` "
		       "will say what it still needs\n",
		       g->id, g->id);
	}
}

static int guided(struct sitting *st, const struct cairn_plan *p, struct cairn_review *r,
                  const cairn_date *dates, size_t nd)
{
	struct cmd_ctx *ctx = st->ctx;
	char d[CAIRN_DATE_BUF], *a = NULL;
	int rc;

	printf("Review of %s: %s. Enter skips a question; 'e' writes a long answer in your "
	       "editor;\nCtrl-D or Ctrl-C stops and saves nothing.\n",
	       p->id, p->title);
	if (nd) {
		struct cairn_review *last = NULL;
		cairn_err e;
		printf("\nSince the last review (%s):\n", cairn_date_format(dates[nd - 1], d));
		if (!cairn_review_load(&last, ctx->repo, p->id, dates[nd - 1], &e)) {
			cairn_review_snapshot_goals(&st->all, ctx->repo, last, &e);
			for (size_t i = 0; i < last->snapshot.n; i++) {
				const struct cairn_snap *s = &last->snapshot.v[i];
				const struct cairn_goal *g = find_goal(&st->all, s->goal);
				char a1[32], a2[32];
				if (!g)
					continue;
				int items = 0;
				printf("  %-28s", g->id);
				if (g->status != s->status)
					printf("%s%s -> %s", items++ ? ", " : " ",
					       cairn_status_names[s->status],
					       cairn_status_names[g->status]);
				if (g->measure && g->measure->current.set &&
				    (!s->current.set || s->current.v != g->measure->current.v))
					printf("%sprogress %s -> %s", items++ ? ", " : " ",
					       cairn_num_format(s->current.set ? s->current.v : 0,
					                        a1, sizeof(a1)),
					       cairn_num_format(g->measure->current.v, a2,
					                        sizeof(a2)));
				{
					size_t open = 0;
					for (size_t k = 0; k < g->steps.n; k++)
						open += !g->steps.v[k].done;
					if (open < (size_t)s->open_steps.v)
						printf("%s%zu step%s done", items++ ? ", " : " ",
						       (size_t)s->open_steps.v - open,
						       (size_t)s->open_steps.v - open == 1 ? ""
						                                           : "s");
					if (g->status == s->status &&
					    open >= (size_t)s->open_steps.v &&
					    !(g->measure && g->measure->current.set &&
					      (!s->current.set ||
					       s->current.v != g->measure->current.v)))
						printf(" no change");
				}
				putchar('\n');
			}
			cairn_review_free(last);
		}
	} else {
		printf("\nThis is the plan's first review.\n");
	}
	if ((rc = walk_goals(st, p)) || (rc = add_new_goals(st)))
		return rc;
	if (!r->achieved && (rc = ask_text(st, "What did you achieve since the last review?",
	                                   "achieved", &r->achieved)))
		return rc;
	if (!r->challenges &&
	    (rc = ask_text(st, "What challenges did you meet, and how did you handle them?",
	                   "challenges", &r->challenges)))
		return rc;
	while (!r->motivation.set) {
		double m;
		printf("\nHow committed are you to these goals now, 1 (none left) to 5 (eager)?\n");
		if ((rc = cmd_prompt_line("motivation", &a)))
			return rc;
		if (!a)
			break;
		if (!cairn_num_parse(&m, a) && m == (int)m && m >= 1 && m <= 5)
			r->motivation = (struct cairn_num){1, m};
		else
			printf("'%s' is not 1 to 5\n", a);
		free(a);
		a = NULL;
	}
	while (!r->still_fits) {
		printf("\nDo these goals still fit you, or do they need adjusting? (yes/adjust)\n");
		if ((rc = cmd_prompt_line("still fits", &a)))
			return rc;
		if (!a)
			break;
		r->still_fits = cairn_enum_lookup(cairn_still_fits_names, a);
		if (!r->still_fits)
			printf("answer yes or adjust\n");
		free(a);
		a = NULL;
	}
	if (!r->feedback &&
	    (rc = ask_text(st, "What feedback did you get from your supervisor, peers or clients?",
	                   "feedback", &r->feedback)))
		return rc;
	if (!r->adjustments &&
	    (rc = ask_text(st, "What will you change?", "adjustments", &r->adjustments)))
		return rc;
	return 0;
}

static void stop_interrupted(void)
{
	fprintf(stderr, "cairn plan: interrupted; nothing saved\n");
	fflush(NULL);
	signal(SIGINT, SIG_DFL);
	raise(SIGINT);
}

static int run_review(struct cmd_ctx *ctx)
{
	struct cairn_plan *p = NULL;
	struct cairn_review *r = NULL;
	struct sitting st = {ctx};
	struct cairn_goal **before = NULL;
	cairn_date *dates = NULL;
	size_t nd = 0;
	const char *from = cmd_opt(ctx, "from"), *show = cmd_opt(ctx, "show");
	char id[CAIRN_ID_MAX + 1];
	int rc, given;

	if ((rc = plan_arg(ctx, &p, id)))
		goto out;
	if (show) {
		cairn_date d;
		if ((rc = cmd_date(ctx, "show", show, &d)) ||
		    (rc = cairn_review_load(&r, ctx->repo, id, d, &ctx->err)))
			goto out;
		print_review(r);
		goto out;
	}
	if (cairn_review_exists(ctx->repo, id, ctx->today)) {
		char d[CAIRN_DATE_BUF];
		rc = cairn_err_set(&ctx->err, CAIRN_EEXISTS, "plan %s has a review on %s already",
		                   id, cairn_date_format(ctx->today, d));
		cairn_err_hint(&ctx->err,
		               "`cairn plan review %s --show %s` prints it; one review a day", id,
		               d);
		goto out;
	}
	if (from) {
		if ((rc = cairn_review_read_answers(&r, from, &ctx->err)))
			goto out;
	} else if (!(r = cairn_record_new(&cairn_review_kind))) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = answers_from_options(ctx, r)))
		goto out;
	if (!(r->plan = strdup(id))) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	r->date = ctx->today;
	if ((rc = cairn_review_goals(&st.all, ctx->repo, p, NULL, 0, &ctx->err)) ||
	    (rc = cairn_review_dates(&dates, &nd, ctx->repo, id, &ctx->err)))
		goto out;
	given = from || r->achieved || r->challenges || r->motivation.set || r->still_fits ||
	        r->feedback || r->adjustments;
	if (cmd_interactive() && !cmd_flag(ctx, "dry-run")) {
		int q = guided(&st, p, r, dates, nd);
		if (q == CMD_PROMPT_INTR)
			stop_interrupted();
		if (q) {
			cairn_err_set(&ctx->err, CAIRN_ENEG, "input ended; nothing saved");
			rc = CAIRN_ENEG;
			goto out;
		}
	} else if (!given) {
		rc =
		    cmd_usage_error(ctx, "a review needs answers: --achieved, --challenges, "
		                         "--motivation, --still-fits, --feedback, --adjustments or "
		                         "--from FILE");
		cairn_err_hint(&ctx->err, "on a terminal, `cairn plan review %s` asks for them",
		               id);
		goto out;
	}
	/* what the goals changed or added in the sitting serve, for their SMART verdicts */
	if ((rc = cairn_review_goals(&st.all, ctx->repo, p, st.changed, st.nchanged, &ctx->err)) ||
	    (rc = cairn_review_sitting(r, p, &st.all, st.changed, &st.nchanged, &before, ctx->today,
	                               &ctx->err)))
		goto out;
	r->next = cairn_plan_next_review(p, r->date);
	if (cmd_flag(ctx, "dry-run") || cmd_interactive())
		print_review(r);
	if (cmd_flag(ctx, "dry-run")) {
		printf("(dry run: nothing saved)\n");
		goto out;
	}
	if (cmd_interactive() && !cmd_ask_yes("Save this review?", 1)) {
		fprintf(stderr, "cairn plan: nothing saved\n");
		rc = CAIRN_ENEG;
		goto out;
	}
	if ((rc = cairn_review_save(ctx->repo, r, before, st.changed, st.nchanged,
	                            ctx->lock_timeout, &ctx->err)))
		goto out;
	if (!ctx->quiet) {
		char d1[CAIRN_DATE_BUF], d2[CAIRN_DATE_BUF];
		printf("saved the review of %s on %s%s%s", id, cairn_date_format(r->date, d1),
		       r->next ? "; next review " : "",
		       r->next ? cairn_date_format(r->next, d2) : "");
		if (st.nchanged)
			printf(" (%zu goal%s changed)", st.nchanged, st.nchanged == 1 ? "" : "s");
		putchar('\n');
	}
out:
	free(before);
	for (size_t i = 0; i < st.nchanged; i++)
		cairn_goal_free(st.changed[i]);
	free(st.changed);
	cairn_goal_set_release(&st.all);
	free(dates);
	cairn_review_free(r);
	cairn_plan_free(p);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"new", "ID", 1, 1, "make a development plan", new_opts, run_new, 1},
    {"add-goal", "ID GOAL...", 2, -1, "add goals to a plan", NULL, run_add_goal, 1},
    {"rm-goal", "ID GOAL...", 2, -1, "take goals out of a plan (the goals stay)", NULL, run_rm_goal,
     1},
    {"edit", "ID", 1, 1, "edit a plan's file in $VISUAL or $EDITOR; only a valid result is saved",
     NULL, run_edit, 1},
    {"list", "", 0, 0, "list the plans; a review that is due is marked", json_opts, run_list, 0},
    {"show", "ID", 1, 1, "show a plan: goals, progress, steps, SMART, reviews", show_opts, run_show,
     0},
    {"review", "ID", 1, 1, "review a plan: reflect, update goals, save in one commit", review_opts,
     run_review, 1},
    {"reviews", "ID", 1, 1, "list a plan's past reviews", NULL, run_reviews, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn plan", "development plans and their reviews", verbs);
}
