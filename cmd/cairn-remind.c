/* cairn remind — what needs you by a date, most urgent first; silent when nothing does */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const struct cmd_opt remind_opts[] = {
    {"within", 0, "WINDOW", 0, "look ahead this far: 30d (default, or the profile's), 2w, 3m"},
    {"json", 0, NULL, 0, "print JSON"},
    {"ics", 0, NULL, 0, "print an iCalendar file of to-dos"},
    {"exit-code", 0, NULL, 0, "exit 1 when something needs you (for cron)"},
    {0},
};

/* The window: --within, else the profile's settings.remind_within, else 30 days. */
static int window_end(struct cmd_ctx *ctx, cairn_date *until)
{
	const char *w = cmd_opt(ctx, "within");
	struct cairn_profile *p = NULL;
	char spec[64];
	cairn_err e;
	int rc;

	if (!w && !cairn_repo_profile(&p, ctx->repo, &e) && p->settings &&
	    p->settings->remind_within)
		w = p->settings->remind_within;
	snprintf(spec, sizeof(spec), "+%s", w ? w : "30d");
	rc = cairn_date_parse(until, spec, ctx->today, &ctx->err);
	cairn_profile_free(p);
	if (rc || *until < ctx->today) {
		cairn_err_set(&ctx->err, CAIRN_EUSAGE,
		              "--within: '%s' is not a window like 30d, 2w or 3m", w ? w : "");
		return CAIRN_EUSAGE;
	}
	return 0;
}

static int run_remind(struct cmd_ctx *ctx)
{
	static const char *const heads[] = {"overdue", "due", "behind on CE", "going quiet"};
	struct cairn_remind_list l;
	cairn_date until;
	char d[CAIRN_DATE_BUF];
	int rc;

	if ((rc = cmd_open_repo(ctx)) || (rc = window_end(ctx, &until)) ||
	    (rc = cairn_remind_collect(&l, ctx->repo, ctx->today, until, &ctx->err)))
		return rc;
	if (cmd_flag(ctx, "ics") && cmd_flag(ctx, "json")) {
		cairn_remind_list_release(&l);
		return cmd_usage_error(ctx, "--json and --ics: choose one");
	}
	if (cmd_flag(ctx, "ics")) {
		struct cairn_buf b = {0};
		if (!(rc = cairn_export_remind_ics(&b, &l, ctx->today, &ctx->err)) &&
		    fwrite(b.data, 1, b.len, stdout) != b.len)
			rc = cairn_err_set(&ctx->err, CAIRN_EIO, "cannot write the output");
		cairn_buf_release(&b);
	} else if (cmd_flag(ctx, "json")) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "kind",
			                    json_string(cairn_remind_kinds[l.v[i].kind]));
			json_object_set_new(o, "id", json_string(l.v[i].id));
			json_object_set_new(o, "date",
			                    json_string(cairn_date_format(l.v[i].date, d)));
			json_object_set_new(o, "overdue", json_boolean(l.v[i].overdue));
			json_object_set_new(o, "text", json_string(l.v[i].text));
			json_object_set_new(o, "command", json_string(l.v[i].command));
			json_array_append_new(arr, o);
		}
		rc = cmd_print_json(arr);
	} else {
		/* the groups: overdue, due in the window, licenses behind on CE (their end is
		 * further), goals gone quiet */
		for (int g = 0; g < 4; g++) {
			int shown = 0;
			for (size_t i = 0; i < l.n; i++) {
				const struct cairn_remind_item *it = &l.v[i];
				int group = it->kind == CAIRN_REMIND_STALE ? 3
				            : it->overdue                  ? 0
				            : it->date > until             ? 2
				                                           : 1;
				if (group != g)
					continue;
				if (!shown++) {
					if (g == 1)
						printf("due by %s\n", cairn_date_format(until, d));
					else
						printf("%s\n", heads[g]);
				}
				printf("  %s\n      %s\n", it->text, it->command);
			}
		}
	}
	if (l.nbad && !cmd_flag(ctx, "json") && !cmd_flag(ctx, "ics"))
		fprintf(stderr,
		        "%s: %zu record%s could not be read and %s left out; run `cairn "
		        "doctor`\n",
		        ctx->prog, l.nbad, l.nbad == 1 ? "" : "s", l.nbad == 1 ? "was" : "were");
	if (!rc && l.n && cmd_flag(ctx, "exit-code"))
		rc = CAIRN_ENEG;
	cairn_remind_list_release(&l);
	return rc;
}

static const struct cmd_verb verbs[] = {
    {"", "", 0, 0, "what needs you soon: goals, steps, reviews, licenses; nothing when nothing",
     remind_opts, run_remind, 0},
    {0},
};

int main(int argc, char **argv)
{
	return cmd_main(argc, argv, "cairn remind", verbs[0].summary, verbs);
}
