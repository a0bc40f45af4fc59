/* cairn ce — continuing-education activities, and where each license stands */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* ---- log ---- */

static const struct cmd_opt log_opts[] = {
    {"hours", 0, "H", 0, "the hours (contact or clock hours) the certificate gives", 1},
    {"date", 0, "DATE", 0, "when it took place (default today)"},
    {"provider", 0, "NAME", 0, "who gave it"},
    {"approval", 0, "TEXT", 0, "the approving body's provider number"},
    {"format", 0, "FORMAT", 0, "in-person, live-online, self-study, conference or other"},
    {"topic", 0, "TOPIC=H", 1, "hours of it that address a topic (ethics=3)"},
    {"license", 0, "ID", 1, "count it only toward this license (default: all)"},
    {"cert", 0, "FILE", 0, "the certificate (PDF, PNG or JPEG), kept in certificates/"},
    {"notes", 0, "TEXT", 0, "anything else"},
    {0},
};

static int parse_topic(struct cmd_ctx *ctx, struct cairn_ce *a, const char *spec)
{
	const char *eq = strchr(spec, '=');
	char topic[CAIRN_ID_MAX + 1];
	double h;

	if (!eq || eq == spec || (size_t)(eq - spec) > CAIRN_ID_MAX)
		return cmd_usage_error(ctx, "--topic: '%s' is not TOPIC=HOURS (ethics=3)", spec);
	snprintf(topic, sizeof(topic), "%.*s", (int)(eq - spec), spec);
	if (!cairn_id_valid(topic))
		return cmd_usage_error(ctx,
		                       "--topic: '%s' is not a topic name (lower-case words joined "
		                       "by '-')",
		                       topic);
	if (cairn_num_parse(&h, eq + 1) || h < 0)
		return cmd_usage_error(ctx, "--topic %s: '%s' is not a number of hours, 0 or more",
		                       topic, eq + 1);
	if (cairn_ce_set_topic(a, topic, h))
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	return 0;
}

static int run_log(struct cmd_ctx *ctx)
{
	struct cairn_ce *a = cairn_record_new(&cairn_ce_kind);
	char *const *list;
	const char *v;
	char h[32];
	int rc;

	if (!a)
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	if (!(a->title = strdup(ctx->argv[0]))) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	a->date = ctx->today;
	if ((v = cmd_opt(ctx, "date")) && (rc = cmd_past_date(ctx, "date", v, &a->date)))
		goto out;
	if ((rc = cmd_num_opt(ctx, "hours", &a->hours)))
		goto out;
	if (!(a->hours.v > 0)) {
		rc = cmd_usage_error(ctx, "--hours must be more than 0");
		goto out;
	}
	if ((rc = cmd_text_opt(ctx, "provider", &a->provider)) ||
	    (rc = cmd_text_opt(ctx, "approval", &a->approval)) ||
	    (rc = cmd_text_opt(ctx, "notes", &a->notes)) ||
	    (rc = cmd_enum_opt(ctx, "format", cairn_ce_format_names, &a->format)))
		goto out;
	for (list = cmd_opt_all(ctx, "topic"); *list; list++)
		if ((rc = parse_topic(ctx, a, *list)))
			goto out;
	for (list = cmd_opt_all(ctx, "license"); *list; list++) {
		if (cairn_id_check(*list, "--license", &ctx->err)) {
			ctx->err.code = rc = CAIRN_EUSAGE;
			goto out;
		}
		if (!cairn_strlist_has(&a->licenses, *list) &&
		    cairn_strlist_add(&a->licenses, *list)) {
			rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
			goto out;
		}
	}
	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_ce_add(ctx->repo, a, cmd_opt(ctx, "cert"), ctx->lock_timeout, &ctx->err)))
		goto out;
	if (!ctx->quiet)
		printf("logged %s (%s hour%s)\n", a->id, cairn_num_format(a->hours.v, h, sizeof(h)),
		       a->hours.v == 1 ? "" : "s");
out:
	cairn_ce_free(a);
	return rc;
}

/* ---- list and show ---- */

static const struct cmd_opt list_opts[] = {
    {"license", 0, "ID", 0, "only activities that count toward this license"},
    {"since", 0, "DATE", 0, "only activities on or after DATE"},
    {"until", 0, "DATE", 0, "only activities on or before DATE"},
    {"topic", 0, "TOPIC", 0, "only activities with hours of this topic"},
    {"json", 0, NULL, 0, "print JSON"},
    {0},
};

static void report_bad(struct cmd_ctx *ctx, const struct cairn_ce_set *s)
{
	for (size_t i = 0; i < s->nbad; i++)
		cmd_print_error(ctx, &s->bad[i]);
	if (s->nbad) {
		cairn_err_set(&ctx->err, CAIRN_EDATA,
		              "%zu CE file%s could not be read and %s left out", s->nbad,
		              s->nbad == 1 ? "" : "s", s->nbad == 1 ? "was" : "were");
		cairn_err_hint(&ctx->err, "`cairn doctor` lists every problem");
	}
}

/* A license id or unique prefix among the profile's, into buf. */
static int license_id(struct cmd_ctx *ctx, const char *prefix, char *buf)
{
	struct cairn_profile *p;
	int rc;

	if ((rc = cairn_repo_profile(&p, ctx->repo, &ctx->err)))
		return rc;
	rc = cairn_license_resolve(buf, p, prefix, &ctx->err);
	cairn_profile_free(p);
	return rc;
}

static int run_list(struct cmd_ctx *ctx)
{
	struct cairn_ce_set s;
	cairn_date since = 0, until = 0;
	const char *lic = cmd_opt(ctx, "license"), *topic = cmd_opt(ctx, "topic"), *v;
	json_t *arr = cmd_flag(ctx, "json") ? json_array() : NULL;
	char licbuf[CAIRN_ID_MAX + 1];
	double total = 0;
	size_t shown = 0;
	int rc;

	if (((v = cmd_opt(ctx, "since")) && (rc = cmd_date(ctx, "since", v, &since))) ||
	    ((v = cmd_opt(ctx, "until")) && (rc = cmd_date(ctx, "until", v, &until))) ||
	    (rc = cmd_open_repo(ctx)) || (lic && (rc = license_id(ctx, lic, licbuf))) ||
	    (rc = cairn_ce_load_all(&s, ctx->repo, &ctx->err))) {
		json_decref(arr);
		return rc;
	}
	if (lic)
		lic = licbuf;
	for (size_t i = 0; i < s.n; i++) {
		const struct cairn_ce *a = s.v[i];
		char d[CAIRN_DATE_BUF], h[32], t[256];
		if ((since && a->date < since) || (until && a->date > until) ||
		    (lic && !cairn_ce_counts_for(a, lic)) ||
		    (topic && !(cairn_ce_topic_hours(a, topic) > 0)))
			continue;
		shown++;
		total += a->hours.v;
		if (arr) {
			json_array_append_new(arr, cairn_record_json(&cairn_ce_kind, a));
			continue;
		}
		if (shown == 1)
			printf("%-10s  %5s  %-11s  %s\n", "DATE", "HOURS", "FORMAT", "TITLE");
		cairn_ce_topics_text(a, ", ", " ", t, sizeof(t));
		printf("%-10s  %5s  %-11s  %s%s%s%s\n", cairn_date_format(a->date, d),
		       cairn_num_format(a->hours.v, h, sizeof(h)),
		       a->format ? cairn_ce_format_names[a->format] : "-", a->title,
		       t[0] ? " (" : "", t, t[0] ? ")" : "");
	}
	if (arr) {
		rc = cmd_print_json(arr);
	} else if (shown) {
		char h[32];
		printf("%zu activit%s, %s hours\n", shown, shown == 1 ? "y" : "ies",
		       cairn_num_format(total, h, sizeof(h)));
	} else if (!ctx->quiet && !s.nbad) {
		printf("no CE activities match\n");
	}
	report_bad(ctx, &s);
	if (!rc && s.nbad)
		rc = CAIRN_EDATA;
	cairn_ce_set_release(&s);
	return rc;
}

static int load_arg(struct cmd_ctx *ctx, struct cairn_ce **out, char *id)
{
	int rc;

	*out = NULL;
	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_ce_resolve(id, ctx->repo, ctx->argv[0], &ctx->err)))
		return rc;
	return cairn_ce_load(out, ctx->repo, id, &ctx->err);
}

static const struct cmd_opt show_opts[] = {
    {"json", 0, NULL, 0, "print JSON"},
    {0},
};

static int run_show(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1], d[CAIRN_DATE_BUF], h[32], t[256];
	struct cairn_ce *a;
	int rc;

	if ((rc = load_arg(ctx, &a, id)))
		return rc;
	if (cmd_flag(ctx, "json")) {
		rc = cmd_print_json(cairn_record_json(&cairn_ce_kind, a));
		cairn_ce_free(a);
		return rc;
	}
	printf("%s  %s\n", a->id, a->title);
	printf("%-10s%s, %s hour%s%s%s\n", "date", cairn_date_format(a->date, d),
	       cairn_num_format(a->hours.v, h, sizeof(h)), a->hours.v == 1 ? "" : "s",
	       a->format ? ", " : "", a->format ? cairn_ce_format_names[a->format] : "");
	cairn_ce_topics_text(a, ", ", " ", t, sizeof(t));
	if (t[0])
		printf("%-10s%s\n", "topics", t);
	if (a->provider)
		printf("%-10s%s\n", "provider", a->provider);
	if (a->approval)
		printf("%-10s%s\n", "approval", a->approval);
	printf("%-10s", "licenses");
	for (size_t i = 0; i < a->licenses.n; i++)
		printf("%s%s", i ? ", " : "", a->licenses.v[i]);
	printf("%s\n", a->licenses.n ? "" : "all");
	if (a->certificate)
		printf("%-10s%s\n", "proof", a->certificate);
	if (a->notes)
		printf("%-10s%s\n", "notes", a->notes);
	cairn_ce_free(a);
	return 0;
}

static int run_rm(struct cmd_ctx *ctx)
{
	char id[CAIRN_ID_MAX + 1];
	int rc;

	if ((rc = cmd_open_repo(ctx)) ||
	    (rc = cairn_ce_resolve(id, ctx->repo, ctx->argv[0], &ctx->err)) ||
	    (rc = cairn_ce_remove(ctx->repo, id, ctx->lock_timeout, &ctx->err)))
		return rc;
	if (!ctx->quiet)
		printf("removed %s (`git log` keeps it)\n", id);
	return 0;
}

/* ---- status ---- */

static const struct cmd_opt status_opts[] = {
    {"explain", 0, NULL, 0, "list each activity with the hours it gave, and why not more"},
    {"json", 0, NULL, 0, "print JSON"},
    {"exit-code", 0, NULL, 0, "exit 1 when a license is behind or lapsed (for cron)"},
    {"as-of", 0, "DATE", 0, "the records as they stood on DATE (their last commit by then)"},
    {0},
};

/* Hours in JSON as the records give them: 6, or 1.5 (not 6.0). */
static json_t *hours_json(double v)
{
	return v == (double)(json_int_t)v ? json_integer((json_int_t)v) : json_real(v);
}

static json_t *status_json(const struct cairn_ce_status *st)
{
	json_t *o = json_object(), *topics = json_array(), *lines = json_array();
	char d[CAIRN_DATE_BUF];

	json_object_set_new(o, "license", json_string(st->license->id));
	json_object_set_new(o, "rule", json_string(st->rule->id));
	json_object_set_new(o, "start", json_string(cairn_date_format(st->start, d)));
	json_object_set_new(o, "end", json_string(cairn_date_format(st->end, d)));
	json_object_set_new(o, "cycle", st->cycle ? json_integer(st->cycle) : json_null());
	json_object_set_new(o, "first_cycle", json_boolean(st->first));
	json_object_set_new(o, "exempt", json_boolean(st->exempt));
	json_object_set_new(o, "required", hours_json(st->required));
	json_object_set_new(o, "earned", hours_json(st->earned));
	json_object_set_new(o, "carried", hours_json(st->carried));
	json_object_set_new(o, "needed", hours_json(st->needed));
	json_object_set_new(o, "days_left", json_integer(st->days_left));
	json_object_set_new(o, "hours_per_month", json_real(st->per_month));
	json_object_set_new(o, "verdict", json_string(cairn_ce_verdict_names[st->verdict]));
	json_object_set_new(o, "share_earned", json_real(st->share_earned));
	json_object_set_new(o, "share_elapsed", json_real(st->share_elapsed));
	json_object_set_new(o, "lagging", st->lagging ? json_string(st->lagging) : json_null());
	for (size_t i = 0; i < st->ntopics; i++) {
		const struct cairn_ce_topic *t = &st->topics[i];
		json_t *j = json_object();
		json_object_set_new(j, "topic", json_string(t->topic));
		json_object_set_new(j, "every",
		                    t->every ? json_integer(t->every) : json_string("once"));
		json_object_set_new(j, "applies", json_boolean(t->applies));
		json_object_set_new(j, "required", hours_json(t->required));
		json_object_set_new(j, "earned", hours_json(t->earned));
		json_object_set_new(j, "carried", hours_json(t->carried));
		json_object_set_new(j, "met", json_boolean(t->met));
		json_array_append_new(topics, j);
	}
	for (size_t i = 0; i < st->nlines; i++) {
		const struct cairn_ce_line *l = &st->lines[i];
		json_t *j = json_object();
		json_object_set_new(j, "id", json_string(l->a->id));
		json_object_set_new(j, "hours", hours_json(l->a->hours.v));
		json_object_set_new(j, "counted", hours_json(l->counted));
		json_object_set_new(j, "why", l->why[0] ? json_string(l->why) : json_null());
		json_array_append_new(lines, j);
	}
	json_object_set_new(o, "topics", topics);
	json_object_set_new(o, "activities", lines);
	return o;
}

static void bar_line(struct cmd_ctx *ctx, int w, const char *label, double have, double need,
                     int met, const char *extra)
{
	char bar[16], a[32], b[32];
	double share = need > 0 ? have / need : 1;

	printf("  %-*s %s%s%s %5s of %s hour%s%s\n", w, label, cmd_c(ctx, met ? C_GREEN : C_YEL),
	       cmd_bar(share > 1 ? 1 : share, 10, bar, sizeof(bar)), cmd_c(ctx, C_RESET),
	       cairn_num_format(have, a, sizeof(a)), cairn_num_format(need, b, sizeof(b)),
	       need == 1 ? "" : "s", extra);
}

static void print_status(struct cmd_ctx *ctx, const struct cairn_ce_status *st, int explain)
{
	static const char *const colours[] = {C_GREEN, C_GREEN, C_YEL, C_RED};
	char d1[CAIRN_DATE_BUF], d2[CAIRN_DATE_BUF], a[32], b[32], extra[96];
	int w = 20; /* the labels' column: as wide as the longest topic */

	for (size_t i = 0; i < st->ntopics; i++)
		if ((int)strlen(st->topics[i].topic) > w)
			w = (int)strlen(st->topics[i].topic);

	printf("%s%s%s  %s%srule %s\n", cmd_c(ctx, C_BOLD), st->license->id, cmd_c(ctx, C_RESET),
	       st->license->title ? st->license->title : "", st->license->title ? ", " : "",
	       st->rule->id);
	printf("  %-*s %s to %s", w, "cycle", cairn_date_format(st->start, d1),
	       cairn_date_format(st->end, d2));
	if (st->cycle)
		printf(" (cycle %d%s)", st->cycle, st->first ? ", the first" : "");
	printf(", %ld day%s left\n", st->days_left, st->days_left == 1 ? "" : "s");
	if (st->exempt) {
		printf("  %-*s the first cycle is exempt\n", w, "total");
	} else {
		if (st->carried > 0)
			snprintf(extra, sizeof(extra), " (%s carried over)",
			         cairn_num_format(st->carried, a, sizeof(a)));
		else
			extra[0] = '\0';
		bar_line(ctx, w, "total", st->earned + st->carried, st->required, st->needed <= 0,
		         extra);
	}
	for (size_t i = 0; i < st->ntopics; i++) {
		const struct cairn_ce_topic *t = &st->topics[i];
		if (!t->applies) {
			printf("  %-*s not required this cycle\n", w, t->topic);
			continue;
		}
		if (t->every == 0)
			snprintf(extra, sizeof(extra), " (once)");
		else if (t->carried > 0)
			snprintf(extra, sizeof(extra), " (%s carried over)",
			         cairn_num_format(t->carried, a, sizeof(a)));
		else
			extra[0] = '\0';
		bar_line(ctx, w, t->topic, t->earned + t->carried, t->required, t->met, extra);
	}
	printf("  %-*s %s%s%s", w, "verdict", cmd_c(ctx, colours[st->verdict]),
	       cairn_ce_verdict_names[st->verdict], cmd_c(ctx, C_RESET));
	if (st->verdict == CAIRN_CE_ON_TRACK || st->verdict == CAIRN_CE_BEHIND)
		printf(": %s at %d%% with %d%% of the cycle gone",
		       st->lagging ? st->lagging : "the hours",
		       (int)(st->share_earned * 100 + 1e-6), (int)(st->share_elapsed * 100 + 1e-6));
	putchar('\n');
	if (st->needed > 0 && st->days_left > 0)
		printf("  %-*s %s hours, %s a month\n", w, "still needed",
		       cairn_num_format(st->needed, a, sizeof(a)),
		       cairn_num_format(((int)(st->per_month * 10 + 0.999)) / 10.0, b, sizeof(b)));
	for (size_t i = 0; i < st->ntopics; i++) {
		const struct cairn_ce_topic *t = &st->topics[i];
		if (t->applies && !t->met)
			printf("  %-*s %s hour%s of %s\n", w, "still needed",
			       cairn_num_format(t->required - t->earned - t->carried, a, sizeof(a)),
			       t->required - t->earned - t->carried == 1 ? "" : "s", t->topic);
	}
	if (!explain)
		return;
	printf("  activities of this cycle:\n");
	for (size_t i = 0; i < st->nlines; i++) {
		const struct cairn_ce_line *l = &st->lines[i];
		printf("    %s  %5s  %s%s%s\n", cairn_date_format(l->a->date, d1),
		       cairn_num_format(l->counted, a, sizeof(a)), l->a->title,
		       l->why[0] ? ": " : "", l->why);
	}
	if (!st->nlines)
		printf("    none\n");
	if (st->carry_why[0])
		printf("  carried over: %s\n", st->carry_why);
	(void)b;
}

static int run_status(struct cmd_ctx *ctx)
{
	struct cairn_profile *p = NULL;
	struct cairn_ce_set s = {0};
	char only[CAIRN_ID_MAX + 1];
	json_t *arr = cmd_flag(ctx, "json") ? json_array() : NULL;
	int rc, worst = CAIRN_CE_COMPLETE, shown = 0, failed = 0;

	if ((rc = cmd_open_repo(ctx)) || (rc = cmd_as_of(ctx)) ||
	    (rc = cairn_repo_profile(&p, ctx->repo, &ctx->err)) ||
	    (ctx->argc && (rc = cairn_license_resolve(only, p, ctx->argv[0], &ctx->err))) ||
	    (rc = cairn_ce_load_all(&s, ctx->repo, &ctx->err)))
		goto out;
	for (size_t i = 0; i < p->licenses.n; i++) {
		const struct cairn_license *l = &p->licenses.v[i];
		struct cairn_rule *rule = NULL;
		struct cairn_ce_status st;
		cairn_err e = CAIRN_ERR_INIT;
		if (ctx->argc && strcmp(l->id, only))
			continue;
		if (!l->rule) {
			cairn_err_set(&e, CAIRN_EDATA, "license %s names no rule", l->id);
			cairn_err_hint(&e, "set its rule in cairn.yaml (licenses: rule), then run "
			                   "`cairn doctor`");
			cmd_print_error(ctx, &e);
			failed = e.code;
			continue;
		}
		if (cairn_rule_load(&rule, ctx->repo, l->rule, &e) ||
		    cairn_ce_status(&st, l, rule, s.v, s.n, ctx->today, &e)) {
			cmd_print_error(ctx, &e);
			if (!failed || e.code == CAIRN_EDATA)
				failed = e.code;
			cairn_rule_free(rule);
			continue;
		}
		if (st.verdict > worst)
			worst = st.verdict;
		if (arr) {
			json_array_append_new(arr, status_json(&st));
		} else {
			if (shown)
				putchar('\n');
			print_status(ctx, &st, cmd_flag(ctx, "explain"));
		}
		shown++;
		cairn_ce_status_release(&st);
		cairn_rule_free(rule);
	}
	if (arr) {
		rc = cmd_print_json(arr);
		arr = NULL;
	} else if (!shown && !failed && !ctx->quiet) {
		printf("no licenses; `cairn license add ID --rule RULE --expires DATE` adds one\n");
	}
	report_bad(ctx, &s);
	if (!rc && (s.nbad || failed)) {
		if (!s.nbad)
			cairn_err_set(&ctx->err, failed, "%s", "a license could not be checked");
		rc = s.nbad ? CAIRN_EDATA : failed;
	}
	if (!rc && cmd_flag(ctx, "exit-code") && worst >= CAIRN_CE_BEHIND)
		rc = CAIRN_ENEG;
out:
	json_decref(arr);
	cairn_ce_set_release(&s);
	cairn_profile_free(p);
	return rc;
}

/* ---- audit ---- */

static const struct cmd_opt audit_opts[] = {
    {"out", 0, "DIR", 0, "the folder to write (new, or empty)", 1},
    {"cycle", 0, "current|previous", 0, "which cycle (default current)"},
    {0},
};

static int run_audit(struct cmd_ctx *ctx)
{
	struct cairn_profile *p = NULL;
	struct cairn_ce_set s = {0};
	struct cairn_rule *rule = NULL;
	struct cairn_ce_status st = {0};
	struct cairn_audit_report rep = {0};
	const struct cairn_license *lic = NULL;
	const char *cycle = cmd_opt(ctx, "cycle");
	char id[CAIRN_ID_MAX + 1], d1[CAIRN_DATE_BUF], d2[CAIRN_DATE_BUF];
	int back = 0, rc;

	if (cycle && !strcmp(cycle, "previous"))
		back = 1;
	else if (cycle && strcmp(cycle, "current"))
		return cmd_usage_error(ctx, "--cycle: '%s' is not current or previous", cycle);
	if ((rc = cmd_open_repo(ctx)) || (rc = cairn_repo_profile(&p, ctx->repo, &ctx->err)) ||
	    (rc = cairn_license_resolve(id, p, ctx->argv[0], &ctx->err)))
		goto out;
	for (size_t i = 0; i < p->licenses.n; i++)
		if (!strcmp(p->licenses.v[i].id, id))
			lic = &p->licenses.v[i];
	if (!lic->rule) {
		rc = cairn_err_set(&ctx->err, CAIRN_EDATA, "license %s names no rule", id);
		goto out;
	}
	if ((rc = cairn_rule_load(&rule, ctx->repo, lic->rule, &ctx->err)) ||
	    (rc = cairn_ce_load_all(&s, ctx->repo, &ctx->err)))
		goto out;
	if (s.nbad) {
		report_bad(ctx, &s);
		rc = CAIRN_EDATA;
		goto out;
	}
	if ((rc = cairn_ce_status_back(&st, lic, rule, s.v, s.n, ctx->today, back, &ctx->err)) ||
	    (rc = cairn_ce_audit(&rep, ctx->repo, &st, cmd_opt(ctx, "out"), ctx->today, &ctx->err)))
		goto out;
	if (!ctx->quiet)
		printf("audit pack for %s, %s to %s, in %s: %zu activit%s, %zu certificate%s\n", id,
		       cairn_date_format(st.start, d1), cairn_date_format(st.end, d2),
		       cmd_opt(ctx, "out"), rep.activities, rep.activities == 1 ? "y" : "ies",
		       rep.certificates, rep.certificates == 1 ? "" : "s");
	if (rep.nmissing) {
		fprintf(stderr, "%s: missing proof: %zu counting activit%s without a certificate\n",
		        ctx->prog, rep.nmissing, rep.nmissing == 1 ? "y" : "ies");
		for (size_t i = 0; i < rep.nmissing; i++)
			fprintf(stderr, "  %s\n", rep.missing[i] ? rep.missing[i] : "?");
		fprintf(stderr, "hint: ask the providers for copies; summary.md lists them too\n");
		rc = CAIRN_ENEG;
	}
out:
	cairn_audit_report_release(&rep);
	cairn_ce_status_release(&st);
	cairn_rule_free(rule);
	cairn_ce_set_release(&s);
	cairn_profile_free(p);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"log", "TITLE", 1, 1, "record a CE activity", log_opts, run_log, 1},
    {"list", "", 0, 0, "list CE activities, oldest first", list_opts, run_list, 0},
    {"show", "ID", 1, 1, "show one CE activity", show_opts, run_show, 0},
    {"rm", "ID", 1, 1, "remove a CE activity (git keeps it)", NULL, run_rm, 1},
    {"status", "[LICENSE]", 0, 1, "where each license stands in its renewal cycle", status_opts,
     run_status, 0},
    {"audit", "LICENSE", 1, 1, "write the audit pack: certificates and a summary", audit_opts,
     run_audit, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn ce", "continuing education and license renewal", verbs);
}
