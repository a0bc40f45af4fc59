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
	int rc = cairn_remind_until(until, ctx->repo, w, ctx->today, &ctx->err);

	if (rc == CAIRN_EUSAGE)
		cairn_err_prefix(&ctx->err, "--within");
	return rc;
}

/* Records and licenses left out: each named on stderr (file:line:column), after what could
 * be shown; the command then exits 65 (66 when what was missing is only a rule file). */
static int report_bad(struct cmd_ctx *ctx, const struct cairn_remind_list *l)
{
	int code = 0;

	for (size_t i = 0; i < l->nbad; i++) {
		cmd_print_error(ctx, &l->bad[i]);
		if (!code || l->bad[i].code == CAIRN_EDATA)
			code = l->bad[i].code;
	}
	if (!l->nbad)
		return 0;
	cairn_err_set(&ctx->err, code, "%zu record%s could not be used and %s left out", l->nbad,
	              l->nbad == 1 ? "" : "s", l->nbad == 1 ? "was" : "were");
	cairn_err_hint(&ctx->err, "`cairn doctor` lists every problem; the reminders above are "
	                          "the ones that could be read");
	return code;
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
	/* what could not be read is said last, and wins over --exit-code's 1 */
	if (!rc)
		rc = report_bad(ctx, &l);
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
