/* cairn goal — add, follow and finish SMART goals */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd.h"

/* ---- parsing helpers ---- */

/* Resolves the goal named by argument 0 into id. */
static int goal_arg(struct cmd_ctx *ctx, char *id)
{
	int rc;

	if ((rc = cmd_open_repo(ctx)) || (rc = cmd_as_of(ctx)))
		return rc;
	return cairn_goal_resolve(id, ctx->repo, ctx->argv[0], &ctx->err);
}

/* "TITLE@DATE": the part after the last '@' is the due date when it reads as one. */
static int parse_step(struct cmd_ctx *ctx, const char *spec, struct cairn_step *s)
{
	const char *at = strrchr(spec, '@');
	cairn_err e;

	if (at && at != spec && cairn_date_parse(&s->due, at + 1, ctx->today, &e) == 0) {
		s->title = strndup(spec, (size_t)(at - spec));
	} else {
		s->title = strdup(spec);
	}
	if (!s->title)
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	if (!s->title[0])
		return cmd_usage_error(ctx, "--step: a step needs a title");
	return 0;
}

/* ---- add ---- */

static const struct cmd_opt add_opts[] = {
    {"horizon", 0, "short|long", 0, "short: within a year (default from the dates)"},
    {"domain", 0, "professional|personal", 0, "the part of life the goal belongs to"},
    {"area", 0, "AREA", 0, "education, clinical-skills, networking, career-path, ..."},
    {"start", 0, "DATE", 0, "when work starts (default today)"},
    {"due", 0, "DATE", 0, "when the goal is due (YYYY-MM-DD, +6m, eoy, ...)"},
    {"specific", 0, "TEXT", 0, "what exactly, and why"},
    {"metric", 0, "TEXT", 0, "what is counted (\"DBT group sessions conducted\")"},
    {"unit", 0, "UNIT", 0, "the unit of the count (\"sessions\")"},
    {"baseline", 0, "N", 0, "where the count starts (default 0)"},
    {"target", 0, "N", 0, "the count that means done"},
    {"achievable", 0, "TEXT", 0, "why it is within reach: time, resources"},
    {"relevant", 0, "TEXT", 0, "why it matters to your career"},
    {"serves", 0, "ID", 1, "a long-term goal this one advances"},
    {"step", 0, "TITLE[@DATE]", 1, "an action step, with an optional due date"},
    {"tag", 0, "TAG", 1, "a tag"},
    {"id", 0, "ID", 0, "the id (default: made from the title)"},
    {"draft", 0, NULL, 0, "save as a draft (not yet active)"},
    {0},
};

static int build_goal(struct cmd_ctx *ctx, struct cairn_goal *g)
{
	const char *v;
	char *const *list;
	int rc;

	if (!(g->title = strdup(ctx->argv[0])))
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	if ((v = cmd_opt(ctx, "id")) && !(g->id = strdup(v)))
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	if (g->id && cairn_id_check(g->id, "--id", &ctx->err))
		return CAIRN_EUSAGE;
	g->status = cmd_flag(ctx, "draft") ? CAIRN_STATUS_DRAFT : CAIRN_STATUS_ACTIVE;
	g->created = ctx->today;
	g->start = ctx->today;
	if ((rc = cmd_enum_opt(ctx, "horizon", cairn_horizon_names, &g->horizon)) ||
	    (rc = cmd_enum_opt(ctx, "domain", cairn_domain_names, &g->domain)) ||
	    (rc = cmd_enum_opt(ctx, "area", cairn_area_names, &g->area)))
		return rc;
	if ((v = cmd_opt(ctx, "start")) && (rc = cmd_date(ctx, "start", v, &g->start)))
		return rc;
	if ((v = cmd_opt(ctx, "due")) && (rc = cmd_date(ctx, "due", v, &g->due)))
		return rc;
	if (!g->horizon)
		g->horizon = cairn_goal_default_horizon(g->start, g->due);
	if ((rc = cmd_text_opt(ctx, "specific", &g->specific)) ||
	    (rc = cmd_text_opt(ctx, "achievable", &g->achievable)) ||
	    (rc = cmd_text_opt(ctx, "relevant", &g->relevant)))
		return rc;
	if (cmd_opt(ctx, "metric") || cmd_opt(ctx, "unit") || cmd_opt(ctx, "baseline") ||
	    cmd_opt(ctx, "target")) {
		struct cairn_measure *m = cairn_record_new(&cairn_measure_kind);
		if (!(g->measure = m))
			return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		if ((rc = cmd_text_opt(ctx, "metric", &m->metric)) ||
		    (rc = cmd_text_opt(ctx, "unit", &m->unit)) ||
		    (rc = cmd_num_opt(ctx, "baseline", &m->baseline)) ||
		    (rc = cmd_num_opt(ctx, "target", &m->target)))
			return rc;
		if (!m->baseline.set) {
			m->baseline.set = 1;
			m->baseline.v = 0;
		}
		m->current = m->baseline;
	}
	for (list = cmd_opt_all(ctx, "serves"); *list; list++) {
		char id[CAIRN_ID_MAX + 1];
		if ((rc = cairn_goal_resolve(id, ctx->repo, *list, &ctx->err)))
			return rc;
		if (!cairn_strlist_has(&g->serves, id) && cairn_strlist_add(&g->serves, id))
			return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	}
	for (list = cmd_opt_all(ctx, "step"); *list; list++) {
		struct cairn_step *s =
		    cairn_list_push((struct cairn_list *)&g->steps, &cairn_step_kind);
		if (!s)
			return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		if ((rc = parse_step(ctx, *list, s)))
			return rc;
	}
	for (list = cmd_opt_all(ctx, "tag"); *list; list++)
		if (!cairn_strlist_has(&g->tags, *list) && cairn_strlist_add(&g->tags, *list))
			return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	return 0;
}

/* The SMART verdict after saving a goal: a summary and what warns or fails. It never stops the
 * save. Only the goals it serves are read: the check looks nothing else up. */
static void print_verdict(struct cmd_ctx *ctx, const struct cairn_goal *g)
{
	struct cairn_goal_set all;
	struct cairn_smart_result r;
	cairn_err e;

	if (cairn_goal_load_served(&all, ctx->repo, g, &e))
		return;
	struct cairn_smart_context sc = {(struct cairn_goal *const *)all.v, all.n, 0, ctx->today};
	cairn_smart_check(&r, g, &sc);
	cmd_print_smart(ctx, g, &r, 0);
	cairn_goal_set_release(&all);
}

/* ---- the guided prompt ---- */

/* Asks one question: a line on the criterion, an example, then the answer. Returns 0 (with
 * *out NULL when skipped) or a CMD_PROMPT_ code. */
static int ask(const char *what, const char *example, const char *label, char **out)
{
	printf("\n%s\n  e.g. %s\n", what, example);
	return cmd_prompt_line(label, out);
}

/* Asks for the SMART fields the flags left out, one at a time; Enter skips one. */
static int prompt_goal(struct cmd_ctx *ctx, struct cairn_goal *g)
{
	char *a = NULL;
	int rc;

	printf("A few questions make \"%s\" a SMART goal. Enter skips one; Ctrl-D or Ctrl-C "
	       "stops without saving.\n",
	       g->title);
	if (!g->specific) {
		if ((rc = ask(
		         "Specific: what exactly will you do, and why?",
		         "Complete the 10-day DBT intensive so I can co-lead the agency's skills "
		         "group",
		         "specific", &g->specific)))
			return rc;
	}
	if (!g->measure || !g->measure->metric) {
		if ((rc = ask("Measurable: what will you count to know you are there?",
		              "DBT group sessions led; CE hours in ethics; clients on my caseload",
		              "metric", &a)))
			return rc;
		if (a) {
			if (!g->measure && !(g->measure = cairn_record_new(&cairn_measure_kind))) {
				free(a);
				return CMD_PROMPT_EOF;
			}
			g->measure->metric = a;
			g->measure->baseline.set = 1;
			g->measure->current = g->measure->baseline;
		}
	}
	if (g->measure && g->measure->metric && !g->measure->target.set) {
		for (;;) {
			double v;
			if ((rc = ask("Measurable: how many, to call the goal done?", "5", "target",
			              &a)))
				return rc;
			if (!a)
				break;
			if (!cairn_num_parse(&v, a) && v >= 0) {
				g->measure->target.set = 1;
				g->measure->target.v = v;
				free(a);
				break;
			}
			printf("'%s' is not a number; write one like 5 or 12.5, or press Enter\n",
			       a);
			free(a);
		}
		if (g->measure->target.set && !g->measure->unit &&
		    (rc = ask("Measurable: the unit of that count, in a word.", "sessions", "unit",
		              &g->measure->unit)))
			return rc;
	}
	if (!g->steps.n && !g->achievable &&
	    (rc = ask("Achievable: what makes it doable with the time and support you have?",
	              "Four hours a week of study; my agency pays the training fee", "achievable",
	              &g->achievable)))
		return rc;
	if (!g->serves.n && !g->relevant &&
	    (rc = ask("Relevant: why does it matter to your clients or your career now?",
	              "Clients with self-harm are a third of my caseload", "relevant",
	              &g->relevant)))
		return rc;
	if (!g->due) {
		for (;;) {
			cairn_err e;
			if ((rc = ask("Time-bound: by when? A date, or +6m, +1y, eom, eoy.",
			              "2027-06-30", "due", &a)))
				return rc;
			if (!a)
				break;
			if (!cairn_date_parse(&g->due, a, ctx->today, &e)) {
				free(a);
				break;
			}
			printf("%s; press Enter to skip\n", e.msg);
			free(a);
		}
	}
	putchar('\n');
	return 0;
}

static int run_add(struct cmd_ctx *ctx)
{
	struct cairn_goal *g = cairn_goal_new();
	int rc;

	if (!g)
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	if (!(rc = cmd_open_repo(ctx)) && !(rc = build_goal(ctx, g)) &&
	    !(rc = cairn_goal_add_precheck(ctx->repo, g, &ctx->err)) && cmd_interactive() &&
	    (!g->specific || !g->measure || !g->measure->target.set || !g->due ||
	     (!g->steps.n && !g->achievable) || (!g->serves.n && !g->relevant))) {
		int p = prompt_goal(ctx, g);
		if (p == CMD_PROMPT_INTR) {
			fprintf(stderr, "cairn goal: interrupted; nothing written\n");
			fflush(NULL);
			signal(SIGINT, SIG_DFL);
			raise(SIGINT);
		}
		if (p) {
			cairn_err_set(&ctx->err, CAIRN_ENEG, "input ended; nothing written");
			rc = CAIRN_ENEG;
		} else if (!cmd_opt(ctx, "horizon")) {
			g->horizon = cairn_goal_default_horizon(g->start, g->due);
		}
	}
	if (!rc)
		rc = cairn_goal_add(ctx->repo, g, ctx->lock_timeout, &ctx->err);
	if (!rc && !ctx->quiet) {
		printf("added goal %s%s\n", g->id,
		       g->status == CAIRN_STATUS_DRAFT ? " (draft)" : "");
		print_verdict(ctx, g);
	}
	cairn_goal_free(g);
	return rc;
}

/* ---- list ---- */

static const struct cmd_opt list_opts[] = {
    {"status", 0, "STATUS", 0, "draft, active, paused, done or dropped"},
    {"horizon", 0, "short|long", 0, "only goals of this horizon"},
    {"domain", 0, "professional|personal", 0, "only goals of this domain"},
    {"area", 0, "AREA", 0, "only goals of this area"},
    {"tag", 0, "TAG", 0, "only goals with this tag"},
    {"due-before", 0, "DATE", 0, "only goals due on or before DATE"},
    {"all", 'a', NULL, 0, "include done and dropped goals"},
    {"json", 0, NULL, 0, "print JSON"},
    {0},
};

static void share_text(const struct cairn_goal *g, char *buf, size_t size)
{
	double share = cairn_goal_progress_share(g);
	char bar[16];

	cmd_bar(share, 10, bar, sizeof(bar));
	if (share < 0)
		snprintf(buf, size, "%s     ", bar);
	else
		snprintf(buf, size, "%s %3d%%", bar, (int)(share * 100 + 0.5));
}

/* Goal files that did not load: each named on stderr; the command then exits 65. */
static int report_bad(struct cmd_ctx *ctx, const struct cairn_goal_set *s)
{
	for (size_t i = 0; i < s->nbad; i++)
		cmd_print_error(ctx, &s->bad[i]);
	if (!s->nbad)
		return 0;
	cairn_err_set(&ctx->err, CAIRN_EDATA, "%zu goal file%s could not be read and %s left out",
	              s->nbad, s->nbad == 1 ? "" : "s", s->nbad == 1 ? "was" : "were");
	cairn_err_hint(&ctx->err, "`cairn doctor` lists every problem; fix the files by hand or "
	                          "with `cairn goal edit`");
	return CAIRN_EDATA;
}

static int run_list(struct cmd_ctx *ctx)
{
	struct cairn_goal_filter f = {0};
	struct cairn_goal_set all;
	const char *v;
	size_t idw = 2, shown = 0;
	int rc;

	if ((rc = cmd_enum_opt(ctx, "status", cairn_status_names, &f.status)) ||
	    (rc = cmd_enum_opt(ctx, "horizon", cairn_horizon_names, &f.horizon)) ||
	    (rc = cmd_enum_opt(ctx, "domain", cairn_domain_names, &f.domain)) ||
	    (rc = cmd_enum_opt(ctx, "area", cairn_area_names, &f.area)))
		return rc;
	f.tag = cmd_opt(ctx, "tag");
	f.all = cmd_flag(ctx, "all");
	if ((v = cmd_opt(ctx, "due-before")) &&
	    (rc = cmd_date(ctx, "due-before", v, &f.due_before)))
		return rc;
	if ((rc = cmd_open_repo(ctx)) || (rc = cairn_goal_load_all(&all, ctx->repo, &ctx->err)))
		return rc;
	cairn_goal_set_sort(&all);
	if (cmd_flag(ctx, "json")) {
		json_t *arr = json_array();
		for (size_t i = 0; i < all.n; i++)
			if (cairn_goal_filter_match(&f, all.v[i]))
				json_array_append_new(
				    arr, cairn_record_json(&cairn_goal_kind, all.v[i]));
		rc = cmd_print_json(arr);
		if (!rc)
			rc = report_bad(ctx, &all);
		cairn_goal_set_release(&all);
		return rc;
	}
	for (size_t i = 0; i < all.n; i++)
		if (cairn_goal_filter_match(&f, all.v[i]) && strlen(all.v[i]->id) > idw)
			idw = strlen(all.v[i]->id);
	for (size_t i = 0; i < all.n; i++) {
		const struct cairn_goal *g = all.v[i];
		char due[CAIRN_DATE_BUF], prog[32];
		int late = cairn_goal_overdue(g, ctx->today);
		if (!cairn_goal_filter_match(&f, g))
			continue;
		if (!shown++)
			printf("%s%-*s  %-7s  %-11s  %-17s  %s%s\n", cmd_c(ctx, C_BOLD), (int)idw,
			       "ID", "STATUS", "DUE", "PROGRESS", "TITLE", cmd_c(ctx, C_RESET));
		share_text(g, prog, sizeof(prog));
		cmd_put_cut(stdout, g->id, idw, 1);
		printf("  %-7s  %s%-10s%s%s  %s  ", cairn_status_names[g->status],
		       late ? cmd_c(ctx, C_RED) : "", g->due ? cairn_date_format(g->due, due) : "-",
		       late ? "!" : " ", late ? cmd_c(ctx, C_RESET) : "", prog);
		if (ctx->color)
			cmd_put_cut(stdout, g->title, 60, 0);
		else
			fputs(g->title, stdout);
		putchar('\n');
	}
	if (!shown && !ctx->quiet)
		printf(all.n ? "no goals match\n"
		             : "no goals yet: add one with `cairn goal add`\n");
	rc = report_bad(ctx, &all);
	cairn_goal_set_release(&all);
	return rc;
}

/* ---- show ---- */

static const struct cmd_opt show_opts[] = {
    {"json", 0, NULL, 0, "print JSON"},
    {"as-of", 0, "DATE", 0, "the goal as it stood on DATE (its last commit by then)"},
    {0},
};

static void show_text(const char *label, const char *text)
{
	const char *p = text, *nl;

	if (!text)
		return;
	printf("%-11s", label);
	while ((nl = strchr(p, '\n'))) {
		printf("%.*s\n%-11s", (int)(nl - p), p, "");
		p = nl + 1;
	}
	printf("%s\n", p);
}

static void show_goal(struct cmd_ctx *ctx, const struct cairn_goal *g)
{
	char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF], n1[32], n2[32], n3[32];

	printf("%s%s%s  %s\n", cmd_c(ctx, C_BOLD), g->id, cmd_c(ctx, C_RESET), g->title);
	printf("%-11s%s", "status", cairn_status_names[g->status]);
	if (g->horizon || g->domain || g->area) {
		const char *parts[3] = {g->horizon ? cairn_horizon_names[g->horizon] : NULL,
		                        g->domain ? cairn_domain_names[g->domain] : NULL,
		                        g->area ? cairn_area_names[g->area] : NULL};
		int first = 1;
		printf(" (");
		for (int i = 0; i < 3; i++)
			if (parts[i]) {
				printf("%s%s", first ? "" : ", ", parts[i]);
				first = 0;
			}
		printf(")");
	}
	putchar('\n');
	printf("%-11s", "dates");
	if (g->created)
		printf("created %s", cairn_date_format(g->created, a));
	if (g->start)
		printf("%sstart %s", g->created ? ", " : "", cairn_date_format(g->start, a));
	if (g->due) {
		int left = g->due - ctx->today;
		printf("%sdue %s", g->created || g->start ? ", " : "",
		       cairn_date_format(g->due, a));
		if (cairn_goal_overdue(g, ctx->today))
			printf(" %s(%d day%s overdue)%s", cmd_c(ctx, C_RED), -left,
			       left == -1 ? "" : "s", cmd_c(ctx, C_RESET));
		else if (g->status == CAIRN_STATUS_ACTIVE)
			printf(" (%d day%s left)", left, left == 1 ? "" : "s");
	}
	if (g->completed)
		printf(", completed %s", cairn_date_format(g->completed, b));
	putchar('\n');
	show_text("specific", g->specific);
	if (g->measure) {
		const struct cairn_measure *m = g->measure;
		char bar[16];
		double share = cairn_goal_progress_share(g);
		printf("%-11s%s%s", "measure", m->metric ? m->metric : "", m->metric ? ": " : "");
		printf("%s", m->current.set ? cairn_num_format(m->current.v, n1, sizeof(n1)) : "?");
		if (m->target.set)
			printf(" of %s", cairn_num_format(m->target.v, n2, sizeof(n2)));
		if (m->unit)
			printf(" %s", m->unit);
		if (m->baseline.set && m->baseline.v != 0)
			printf(" (baseline %s)", cairn_num_format(m->baseline.v, n3, sizeof(n3)));
		if (share >= 0)
			printf("  %s %d%%", cmd_bar(share, 10, bar, sizeof(bar)),
			       (int)(share * 100 + 0.5));
		putchar('\n');
	}
	show_text("achievable", g->achievable);
	show_text("relevant", g->relevant);
	for (size_t i = 0; i < g->serves.n; i++)
		printf("%-11s%s\n", i ? "" : "serves", g->serves.v[i]);
	for (size_t i = 0; i < g->steps.n; i++) {
		const struct cairn_step *s = &g->steps.v[i];
		int late = !s->done && s->due && s->due < ctx->today;
		printf("%-11s%zu [%c] %s", i ? "" : "steps", i + 1, s->done ? 'x' : ' ', s->title);
		if (s->due)
			printf(" %s(due %s%s)%s", late ? cmd_c(ctx, C_RED) : "",
			       cairn_date_format(s->due, a), late ? ", overdue" : "",
			       late ? cmd_c(ctx, C_RESET) : "");
		if (s->done)
			printf(" (done %s)", cairn_date_format(s->done, b));
		putchar('\n');
	}
	{
		int vw = 1;
		for (size_t i = 0; i < g->progress.n; i++) {
			int w =
			    (int)strlen(cairn_num_format(g->progress.v[i].value.v, n1, sizeof(n1)));
			vw = w > vw ? w : vw;
		}
		for (size_t i = 0; i < g->progress.n; i++) {
			const struct cairn_progress *p = &g->progress.v[i];
			printf("%-11s%s  %*s%s%s\n", i ? "" : "progress",
			       cairn_date_format(p->date, a), vw,
			       cairn_num_format(p->value.v, n1, sizeof(n1)), p->note ? "  " : "",
			       p->note ? p->note : "");
		}
	}
	if (g->tags.n) {
		printf("%-11s", "tags");
		for (size_t i = 0; i < g->tags.n; i++)
			printf("%s%s", i ? ", " : "", g->tags.v[i]);
		putchar('\n');
	}
	show_text("reason", g->reason);
}

static int run_show(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1];
	struct cairn_goal *g;
	int rc;

	if ((rc = goal_arg(ctx, id)) || (rc = cairn_goal_load(&g, ctx->repo, id, &ctx->err)))
		return rc;
	if (cmd_flag(ctx, "json"))
		rc = cmd_print_json(cairn_record_json(&cairn_goal_kind, g));
	else
		show_goal(ctx, g);
	cairn_goal_free(g);
	return rc;
}

/* ---- edit ---- */

/* The editor works on .git/cairn-edit/ID.yaml, a copy of goals/ID.yaml; ID.base keeps the
 * file as it was when the edit began. A copy that does not save (invalid, or the file
 * changed meanwhile) stays, and the next `goal edit` continues from it. */
static int save_goal(struct cmd_ctx *ctx, const char *text, size_t len, const char *copy,
                     const char *original, size_t original_len, int *changed, void *arg)
{
	struct cairn_goal *g = NULL;
	int rc = cairn_goal_parse(&g, text, len, copy, &ctx->err);

	if (!rc)
		rc = cairn_goal_replace(ctx->repo, arg, original, original_len, g,
		                        ctx->lock_timeout, changed, &ctx->err);
	cairn_goal_free(g);
	return rc;
}

static int run_edit(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1], command[CAIRN_ID_MAX + 32], *rel;
	int rc, changed = 0;

	if ((rc = goal_arg(ctx, id)))
		return rc;
	if (!(rel = cairn_repo_record_path(CAIRN_GOALS_DIR, id)))
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	snprintf(command, sizeof(command), "cairn goal edit %s", id);
	rc = cmd_edit_record(ctx, rel, id, command, save_goal, id, &changed);
	free(rel);
	if (!rc && !ctx->quiet) {
		struct cairn_goal *saved = NULL;
		cairn_err e;
		printf(changed ? "saved goal %s\n" : "goal %s: no changes\n", id);
		if (changed && !cairn_goal_load(&saved, ctx->repo, id, &e))
			print_verdict(ctx, saved);
		cairn_goal_free(saved);
	}
	return rc;
}

/* ---- changes through cairn_goal_update ---- */

struct change {
	struct cmd_ctx *ctx;
	int status;
	double value;
	int relative;
	cairn_date date;
	const char *note, *step, *reason;
	cairn_date due;
	char summary[512];
};

static int update(struct cmd_ctx *ctx, const char *command, cairn_goal_mutate_fn fn,
                  struct change *c)
{
	char id[CAIRN_ID_MAX + 1];
	int rc, changed;

	c->ctx = ctx;
	if ((rc = goal_arg(ctx, id)))
		return rc;
	rc = cairn_goal_update(ctx->repo, id, command, fn, c, ctx->lock_timeout, &changed,
	                       &ctx->err);
	if (!rc && !ctx->quiet)
		printf("%s%s\n", c->summary, changed ? "" : " (no change)");
	return rc;
}

static int mut_status(struct cairn_goal *g, void *p, cairn_err *err)
{
	struct change *c = p;
	int rc = cairn_goal_set_status(g, c->status, c->date, c->reason, err);

	snprintf(c->summary, sizeof(c->summary), "goal %s is %s", g->id,
	         cairn_status_names[g->status]);
	return rc;
}

static int status_verb(struct cmd_ctx *ctx, int status, const char *command)
{
	struct change c = {0};
	const char *v = cmd_opt(ctx, "date");
	int rc;

	c.status = status;
	c.date = ctx->today;
	c.reason = cmd_opt(ctx, "reason");
	if (v && (rc = cmd_past_date(ctx, "date", v, &c.date)))
		return rc;
	return update(ctx, command, mut_status, &c);
}

static int run_done(struct cmd_ctx *ctx)
{
	return status_verb(ctx, CAIRN_STATUS_DONE, "goal done");
}

static int run_drop(struct cmd_ctx *ctx)
{
	if (!cmd_opt(ctx, "reason")[0])
		return cmd_usage_error(ctx, "--reason may not be empty");
	return status_verb(ctx, CAIRN_STATUS_DROPPED, "goal drop");
}

static int run_pause(struct cmd_ctx *ctx)
{
	return status_verb(ctx, CAIRN_STATUS_PAUSED, "goal pause");
}

static int run_resume(struct cmd_ctx *ctx)
{
	return status_verb(ctx, CAIRN_STATUS_ACTIVE, "goal resume");
}

static int mut_progress(struct cairn_goal *g, void *p, cairn_err *err)
{
	struct change *c = p;
	double v = c->value;
	char n1[32], n2[32];
	int rc;

	if (c->relative)
		v += g->measure && g->measure->current.set ? g->measure->current.v : 0;
	if ((rc = cairn_goal_record_progress(g, v, c->date, c->note, err)))
		return rc;
	snprintf(c->summary, sizeof(c->summary), "goal %s: %s%s%s%s%s", g->id,
	         cairn_num_format(g->measure->current.v, n1, sizeof(n1)),
	         g->measure->target.set ? " of " : "",
	         g->measure->target.set ? cairn_num_format(g->measure->target.v, n2, sizeof(n2))
	                                : "",
	         g->measure->unit ? " " : "", g->measure->unit ? g->measure->unit : "");
	if (g->status == CAIRN_STATUS_ACTIVE && g->measure->target.set &&
	    g->measure->current.v >= g->measure->target.v) {
		size_t len = strlen(c->summary);
		snprintf(c->summary + len, sizeof(c->summary) - len,
		         "\ntarget reached: `cairn goal done %s` marks the goal done", g->id);
	}
	return 0;
}

static const struct cmd_opt progress_opts[] = {
    {"note", 0, "TEXT", 0, "what happened"},
    {"date", 0, "DATE", 0, "when (default today)"},
    {0},
};

static int run_progress(struct cmd_ctx *ctx)
{
	struct change c = {0};
	const char *v = ctx->argv[1], *d = cmd_opt(ctx, "date");
	int rc;

	c.relative = v[0] == '+';
	if (cairn_num_parse(&c.value, v))
		return cmd_usage_error(ctx, "'%s' is not a number (use N, or +N to add)", v);
	if (v[0] == '-')
		return cmd_usage_error(ctx, "a progress value may not be negative (%s)", v);
	c.note = cmd_opt(ctx, "note");
	c.date = ctx->today;
	if (d && (rc = cmd_past_date(ctx, "date", d, &c.date)))
		return rc;
	return update(ctx, "goal progress", mut_progress, &c);
}

static int mut_step_add(struct cairn_goal *g, void *p, cairn_err *err)
{
	struct change *c = p;
	struct cairn_step *s = cairn_list_push((struct cairn_list *)&g->steps, &cairn_step_kind);

	if (!s || !(s->title = strdup(c->step)))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	s->due = c->due;
	snprintf(c->summary, sizeof(c->summary), "goal %s: added step %zu", g->id, g->steps.n);
	return 0;
}

static int mut_step_done(struct cairn_goal *g, void *p, cairn_err *err)
{
	struct change *c = p;
	size_t i;
	int rc;

	if ((rc = cairn_goal_find_step(&i, g, c->step, err)))
		return rc;
	if (g->steps.v[i].done) {
		char d[CAIRN_DATE_BUF];
		snprintf(c->summary, sizeof(c->summary), "goal %s: step %zu was done on %s", g->id,
		         i + 1, cairn_date_format(g->steps.v[i].done, d));
		return 0;
	}
	g->steps.v[i].done = c->date;
	snprintf(c->summary, sizeof(c->summary), "goal %s: step %zu done (%s)", g->id, i + 1,
	         g->steps.v[i].title);
	return 0;
}

static int mut_step_rm(struct cairn_goal *g, void *p, cairn_err *err)
{
	struct change *c = p;
	size_t i;
	int rc;

	if ((rc = cairn_goal_find_step(&i, g, c->step, err)))
		return rc;
	snprintf(c->summary, sizeof(c->summary), "goal %s: removed step %zu (%s)", g->id, i + 1,
	         g->steps.v[i].title);
	cairn_list_remove((struct cairn_list *)&g->steps, &cairn_step_kind, i);
	return 0;
}

static const struct cmd_opt step_add_opts[] = {
    {"due", 0, "DATE", 0, "when the step is due"},
    {0},
};
static const struct cmd_opt date_opts[] = {
    {"date", 0, "DATE", 0, "when (default today)"},
    {0},
};

static int run_step_add(struct cmd_ctx *ctx)
{
	struct change c = {0};
	const char *d = cmd_opt(ctx, "due");
	int rc;

	c.step = ctx->argv[1];
	if (!c.step[0])
		return cmd_usage_error(ctx, "a step needs a title");
	if (d && (rc = cmd_date(ctx, "due", d, &c.due)))
		return rc;
	return update(ctx, "goal step add", mut_step_add, &c);
}

static int run_step_done(struct cmd_ctx *ctx)
{
	struct change c = {0};
	const char *d = cmd_opt(ctx, "date");
	int rc;

	c.step = ctx->argv[1];
	c.date = ctx->today;
	if (d && (rc = cmd_past_date(ctx, "date", d, &c.date)))
		return rc;
	return update(ctx, "goal step done", mut_step_done, &c);
}

static int run_step_rm(struct cmd_ctx *ctx)
{
	struct change c = {0};

	c.step = ctx->argv[1];
	return update(ctx, "goal step rm", mut_step_rm, &c);
}

static const struct cmd_opt drop_opts[] = {
    {"reason", 0, "TEXT", 0, "why the goal is dropped: worth remembering", 1},
    {0},
};
static const struct cmd_opt rm_opts[] = {
    {"force", 'f', NULL, 0, "remove even when other goals serve it"},
    {0},
};

static int run_rm(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1];
	int rc;

	if ((rc = goal_arg(ctx, id)) ||
	    (rc = cairn_goal_remove(ctx->repo, id, cmd_flag(ctx, "force"), ctx->lock_timeout,
	                            &ctx->err)))
		return rc;
	if (!ctx->quiet)
		printf(
		    "removed goal %s (it stays in the history: git -C %s log -- goals/%s.yaml)\n",
		    id, ctx->repo->dir, id);
	return 0;
}

static const struct cmd_verb verbs[] = {
    {"add", "TITLE", 1, 1, "add a goal", add_opts, run_add, 1},
    {"list", "", 0, 0, "list goals, soonest due first", list_opts, run_list, 0},
    {"show", "ID", 1, 1, "show one goal", show_opts, run_show, 0},
    {"edit", "ID", 1, 1, "edit a goal in $VISUAL or $EDITOR", NULL, run_edit, 1},
    {"progress", "ID VALUE", 2, 2, "record the measured value (N, or +N to add)", progress_opts,
     run_progress, 1},
    {"step add", "ID TITLE", 2, 2, "add an action step", step_add_opts, run_step_add, 1},
    {"step done", "ID STEP", 2, 2, "tick a step (by number or title)", date_opts, run_step_done, 1},
    {"step rm", "ID STEP", 2, 2, "remove a step", NULL, run_step_rm, 1},
    {"done", "ID", 1, 1, "mark a goal achieved", date_opts, run_done, 1},
    {"drop", "ID", 1, 1, "give a goal up, saying why", drop_opts, run_drop, 1},
    {"pause", "ID", 1, 1, "pause an active goal", NULL, run_pause, 1},
    {"resume", "ID", 1, 1, "make a paused or draft goal active", NULL, run_resume, 1},
    {"rm", "ID", 1, 1, "remove a goal (its history stays)", rm_opts, run_rm, 1},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn goal", "add, follow and finish SMART goals", verbs);
}
