/* cairn — the shared CLI layer */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

/* Debian's libgit2 is built with mbedTLS, and git_libgit2_init parses the system's whole CA
 * bundle (/etc/ssl/certs/ca-certificates.crt, ~150 certificates) for HTTPS: 4-5 ms and 3 MiB
 * of every cairn write, 16% of `cairn goal progress` in perf. cairn's programs never talk
 * HTTPS through libgit2 (`cairn git push` runs git itself), so they answer libgit2's call
 * with "no certificates": libgit2 then starts without them, as it does on a system without
 * the bundle. This definition in the programs takes the place of mbedTLS's for libgit2 (the
 * dynamic linker looks in the executable first); it is not in libcairn, so another program
 * that links libcairn keeps libgit2 as it is. With a libgit2 built on OpenSSL it is simply
 * never called. */
struct mbedtls_x509_crt;
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path)
{
	(void)chain;
	(void)path;
	return -0x2880; /* MBEDTLS_ERR_X509_BAD_INPUT_DATA */
}

static const struct cmd_opt common_opts[] = {
    {"dir", 'C', "DIR", 0, "use the data directory DIR"},
    {"quiet", 'q', NULL, 0, "print nothing on success"},
    {"no-color", 0, NULL, 0, "no colour (also NO_COLOR)"},
    {"help", 'h', NULL, 0, "show this help"},
    {0},
};

/* ---- errors ---- */

void cmd_print_error(const struct cmd_ctx *ctx, const cairn_err *err)
{
	char buf[CAIRN_ERR_MSG + CAIRN_ERR_PATH + 64];

	cairn_err_format(err, buf, sizeof(buf));
	fprintf(stderr, "%s: %s\n", ctx->prog, buf);
	if (err->hint[0])
		fprintf(stderr, "hint: %s\n", err->hint);
}

int cmd_usage_error(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	cairn_err_clear(&ctx->err);
	ctx->err.code = CAIRN_EUSAGE;
	va_start(ap, fmt);
	vsnprintf(ctx->err.msg, sizeof(ctx->err.msg), fmt, ap);
	va_end(ap);
	if (ctx->verb && ctx->verb->name[0])
		cairn_err_hint(&ctx->err, "see `%s %s --help`", ctx->prog, ctx->verb->name);
	else
		cairn_err_hint(&ctx->err, "see `%s --help`", ctx->prog);
	return CAIRN_EUSAGE;
}

/* ---- help ---- */

static void usage_line(FILE *f, const char *prog, const struct cmd_verb *v, int first)
{
	fprintf(f, "%s %s%s%s", first ? "usage:" : "      ", prog, v->name[0] ? " " : "", v->name);
	if (v->args && v->args[0])
		fprintf(f, " %s", v->args);
	for (const struct cmd_opt *o = v->opts; o && o->name; o++) {
		if (o->arg && o->required)
			fprintf(f, " --%s %s", o->name, o->arg);
		else if (o->arg)
			fprintf(f, " [--%s %s]%s", o->name, o->arg, o->multi ? "..." : "");
		else
			fprintf(f, " [--%s]", o->name);
	}
	fputc('\n', f);
}

static void print_opts(FILE *f, const struct cmd_opt *opts)
{
	for (const struct cmd_opt *o = opts; o && o->name; o++) {
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name,
			         o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "",
			         o->arg ? o->arg : "");
		fprintf(f, "  %-30s %s%s\n", left, o->help, o->multi ? " (repeatable)" : "");
	}
}

static void program_help(FILE *f, const char *prog, const char *summary,
                         const struct cmd_verb *verbs)
{
	for (const struct cmd_verb *v = verbs; v->name; v++)
		usage_line(f, prog, v, v == verbs);
	fprintf(f, "\n%s\n\ncommands:\n", summary);
	for (const struct cmd_verb *v = verbs; v->name; v++)
		fprintf(f, "  %-12s %s\n", v->name, v->summary);
	fprintf(f, "\ncommon options:\n");
	print_opts(f, common_opts);
	fprintf(f, "\n`%s COMMAND --help` shows a command's options; `man cairn-%s` tells more.\n",
	        prog, strchr(prog, ' ') ? strchr(prog, ' ') + 1 : prog);
}

static void verb_help(FILE *f, const char *prog, const struct cmd_verb *v)
{
	usage_line(f, prog, v, 1);
	fprintf(f, "\n%s\n", v->summary);
	if (v->opts && v->opts->name) {
		fprintf(f, "\noptions:\n");
		print_opts(f, v->opts);
	}
	fprintf(f, "\ncommon options:\n");
	print_opts(f, common_opts);
}

/* ---- the environment ---- */

static int read_today(cairn_date *out, cairn_err *err)
{
	const char *s = getenv("CAIRN_TODAY");
	time_t now;
	struct tm tm;

	if (s && *s) {
		if (cairn_date_parse_iso(out, s, err)) {
			cairn_err_prefix(err, "CAIRN_TODAY");
			err->code = CAIRN_EUSAGE;
			return CAIRN_EUSAGE;
		}
		return 0;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	return cairn_date_from_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, err);
}

static double read_timeout(void)
{
	const char *s = getenv("CAIRN_LOCK_TIMEOUT");
	char *end;
	double t;

	if (!s || !*s)
		return CAIRN_LOCK_TIMEOUT_DEFAULT;
	t = strtod(s, &end);
	if (*end || t < 0 || t > 86400)
		return CAIRN_LOCK_TIMEOUT_DEFAULT;
	return t;
}

char *cmd_data_dir(struct cmd_ctx *ctx)
{
	const char *d = ctx->dir_opt, *x, *home;
	char *p;

	if (d && *d)
		return strdup(d);
	if ((d = getenv("CAIRN_DIR")) && *d)
		return strdup(d);
	if ((x = getenv("XDG_DATA_HOME")) && *x && x[0] == '/')
		return cairn_path_join(x, "cairn");
	if (!(home = getenv("HOME")) || !*home)
		return NULL;
	if (!(p = malloc(strlen(home) + sizeof("/.local/share/cairn"))))
		return NULL;
	sprintf(p, "%s/.local/share/cairn", home);
	return p;
}

int cmd_open_repo(struct cmd_ctx *ctx)
{
	char *dir = cmd_data_dir(ctx);
	int rc;

	if (!dir) {
		cairn_err_set(&ctx->err, CAIRN_ENOTFOUND,
		              "cannot tell where the data directory is");
		cairn_err_hint(&ctx->err, "set CAIRN_DIR or use -C DIR");
		return CAIRN_ENOTFOUND;
	}
	rc = cairn_repo_open(&ctx->repo, dir, &ctx->err);
	free(dir);
	return rc;
}

int cmd_enum_opt(struct cmd_ctx *ctx, const char *name, const char *const *names, int *out)
{
	const char *v = cmd_opt(ctx, name);
	char list[256];

	if (!v)
		return 0;
	if (!(*out = cairn_enum_lookup(names, v))) {
		cmd_usage_error(ctx, "--%s: unknown value '%s'", name, v);
		cairn_err_hint(&ctx->err, "one of: %s", cairn_enum_list(names, list, sizeof(list)));
		return CAIRN_EUSAGE;
	}
	return 0;
}

int cmd_text_opt(struct cmd_ctx *ctx, const char *name, char **dst)
{
	const char *v = cmd_opt(ctx, name);

	if (!v)
		return 0;
	free(*dst);
	if (!(*dst = strdup(v)))
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	return 0;
}

int cmd_num_opt(struct cmd_ctx *ctx, const char *name, struct cairn_num *dst)
{
	const char *v = cmd_opt(ctx, name);

	if (!v)
		return 0;
	dst->set = 1;
	return cmd_number(ctx, name, v, &dst->v);
}

int cmd_as_of(struct cmd_ctx *ctx)
{
	const char *v = cmd_opt(ctx, "as-of");
	struct cairn_repo *snap;
	char commit[41], a[CAIRN_DATE_BUF];
	cairn_date day, when;
	int rc;

	if (!v)
		return 0;
	if ((rc = cmd_date(ctx, "as-of", v, &day)) ||
	    (rc = cairn_repo_as_of(&snap, ctx->repo, day, commit, &when, &ctx->err)))
		return rc;
	cairn_repo_free(ctx->repo);
	ctx->repo = snap;
	if (!ctx->quiet)
		fprintf(stderr, "%s: as of %s, commit %.7s\n", ctx->prog,
		        cairn_date_format(when, a), commit);
	return 0;
}

int cmd_date(struct cmd_ctx *ctx, const char *name, const char *s, cairn_date *out)
{
	if (cairn_date_parse(out, s, ctx->today, &ctx->err)) {
		cairn_err_prefix(&ctx->err, "--%s", name);
		ctx->err.code = CAIRN_EUSAGE;
		return CAIRN_EUSAGE;
	}
	return 0;
}

int cmd_past_date(struct cmd_ctx *ctx, const char *name, const char *s, cairn_date *out)
{
	char a[CAIRN_DATE_BUF], b[CAIRN_DATE_BUF];
	int rc = cmd_date(ctx, name, s, out);

	if (!rc && *out > ctx->today)
		return cmd_usage_error(ctx, "--%s %s is in the future (today is %s)", name,
		                       cairn_date_format(*out, a),
		                       cairn_date_format(ctx->today, b));
	return rc;
}

int cmd_number(struct cmd_ctx *ctx, const char *name, const char *s, double *out)
{
	if (cairn_num_parse(out, s))
		return cmd_usage_error(ctx, "--%s: '%s' is not a number", name, s);
	return 0;
}

/* ---- options ---- */

static int opt_index(const struct cmd_verb *v, const char *name, size_t len, char short_name)
{
	int i = 0;

	for (const struct cmd_opt *o = v->opts; o && o->name; o++, i++)
		if ((name && strlen(o->name) == len && !strncmp(o->name, name, len)) ||
		    (short_name && o->short_name == short_name))
			return i;
	return -1;
}

static int common_index(const char *name, size_t len, char short_name)
{
	int i = 0;

	for (const struct cmd_opt *o = common_opts; o->name; o++, i++)
		if ((name && strlen(o->name) == len && !strncmp(o->name, name, len)) ||
		    (short_name && o->short_name == short_name))
			return i;
	return -1;
}

const char *cmd_opt(const struct cmd_ctx *ctx, const char *name)
{
	int i = opt_index(ctx->verb, name, strlen(name), 0);

	return i < 0 ? NULL : ctx->val[i];
}

int cmd_flag(const struct cmd_ctx *ctx, const char *name)
{
	return cmd_opt(ctx, name) != NULL;
}

char *const *cmd_opt_all(const struct cmd_ctx *ctx, const char *name)
{
	static char *none[] = {NULL};
	int i = opt_index(ctx->verb, name, strlen(name), 0);

	return i < 0 || !ctx->multi[i] ? none : ctx->multi[i];
}

static int set_common(struct cmd_ctx *ctx, int ci, const char *value, int *help)
{
	switch (ci) {
	case 0:
		ctx->dir_opt = value;
		break;
	case 1:
		ctx->quiet = 1;
		break;
	case 2:
		ctx->color = 0;
		break;
	case 3:
		*help = 1;
		break;
	}
	return 0;
}

/* Parses argv[start..] for verb v (or only the common options when v is NULL). Positional
 * arguments are gathered in ctx->argv. */
static int parse_args(struct cmd_ctx *ctx, int argc, char **argv, int start, int *help)
{
	const struct cmd_verb *v = ctx->verb;
	int only_pos = 0;

	for (int i = start; i < argc; i++) {
		char *a = argv[i];
		const char *name = NULL, *inline_val = NULL;
		size_t len = 0;
		char short_name = 0;
		int vi = -1, ci = -1;
		const struct cmd_opt *o;

		if (only_pos || a[0] != '-' || !a[1] || (a[1] >= '0' && a[1] <= '9') ||
		    (a[1] == '.' && a[2])) {
			ctx->argv[ctx->argc++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = 1;
			continue;
		}
		if (a[1] == '-') {
			name = a + 2;
			inline_val = strchr(name, '=');
			len = inline_val ? (size_t)(inline_val - name) : strlen(name);
			if (inline_val)
				inline_val++;
		} else {
			short_name = a[1];
			if (a[2])
				inline_val = a + 2;
		}
		if (v)
			vi = opt_index(v, name, len, short_name);
		if (vi < 0)
			ci = common_index(name, len, short_name);
		if (vi < 0 && ci < 0) {
			if (name)
				return cmd_usage_error(ctx, "unknown option --%.*s", (int)len,
				                       name);
			return cmd_usage_error(ctx, "unknown option -%c", short_name);
		}
		o = vi >= 0 ? &v->opts[vi] : &common_opts[ci];
		if (o->arg) {
			const char *value = inline_val;
			if (!value) {
				if (i + 1 >= argc)
					return cmd_usage_error(ctx, "--%s needs a value (%s)",
					                       o->name, o->arg);
				value = argv[++i];
			}
			if (ci >= 0) {
				set_common(ctx, ci, value, help);
				continue;
			}
			ctx->val[vi] = value;
			if (o->multi) {
				char **nv =
				    realloc(ctx->multi[vi], (ctx->nmulti[vi] + 2) * sizeof(*nv));
				if (!nv)
					return cairn_err_set(&ctx->err, CAIRN_ENOMEM,
					                     "out of memory");
				nv[ctx->nmulti[vi]++] = (char *)value;
				nv[ctx->nmulti[vi]] = NULL;
				ctx->multi[vi] = nv;
			}
		} else {
			if (inline_val && name)
				return cmd_usage_error(ctx, "--%s takes no value", o->name);
			if (inline_val)
				return cmd_usage_error(ctx, "unknown option %s", a);
			if (ci >= 0)
				set_common(ctx, ci, NULL, help);
			else
				ctx->val[vi] = "";
		}
	}
	return 0;
}

/* The verb named by argv[*i] (and argv[*i + 1] for two-word verbs), by unique prefix. */
static const struct cmd_verb *find_verb(struct cmd_ctx *ctx, const struct cmd_verb *verbs, int argc,
                                        char **argv, int *i)
{
	const char *word = argv[*i];
	size_t wl = strlen(word);
	const struct cmd_verb *found = NULL;
	char first[64] = "", list[256] = "";
	int count = 0;

	/* the first word: exact, else a unique prefix among distinct first words */
	for (const struct cmd_verb *v = verbs; v->name; v++) {
		size_t fl = strcspn(v->name, " ");
		if (fl == wl && !strncmp(v->name, word, wl)) {
			snprintf(first, sizeof(first), "%.*s", (int)fl, v->name);
			count = 1;
			break;
		}
	}
	if (!count) {
		for (const struct cmd_verb *v = verbs; v->name; v++) {
			size_t fl = strcspn(v->name, " ");
			if (strncmp(v->name, word, wl) || fl < wl)
				continue;
			if (first[0] && strlen(first) == fl && !strncmp(first, v->name, fl))
				continue;
			if (count++)
				strncat(list, ", ", sizeof(list) - strlen(list) - 1);
			snprintf(first, sizeof(first), "%.*s", (int)fl, v->name);
			strncat(list, first, sizeof(list) - strlen(list) - 1);
		}
	}
	if (count == 0) {
		cmd_usage_error(ctx, "unknown command '%s'", word);
		return NULL;
	}
	if (count > 1) {
		cmd_usage_error(ctx, "command '%s' is ambiguous: %s", word, list);
		return NULL;
	}
	for (const struct cmd_verb *v = verbs; v->name; v++) {
		size_t fl = strcspn(v->name, " ");
		if (strlen(first) != fl || strncmp(v->name, first, fl))
			continue;
		if (!v->name[fl]) {
			found = v;
			break;
		}
		/* two words: the second is the next argument */
		if (*i + 1 >= argc || argv[*i + 1][0] == '-') {
			cmd_usage_error(ctx, "'%s' needs a command after it", first);
			return NULL;
		}
		{
			const char *w2 = argv[*i + 1];
			const struct cmd_verb *m = NULL;
			int n = 0;
			for (const struct cmd_verb *u = verbs; u->name; u++) {
				if (strncmp(u->name, first, fl) || u->name[fl] != ' ')
					continue;
				if (!strcmp(u->name + fl + 1, w2)) {
					m = u;
					n = 1;
					break;
				}
				if (!strncmp(u->name + fl + 1, w2, strlen(w2))) {
					m = u;
					n++;
				}
			}
			if (n != 1) {
				cmd_usage_error(
				    ctx, n ? "'%s %s' is ambiguous" : "unknown command '%s %s'",
				    first, w2);
				return NULL;
			}
			(*i)++;
			found = m;
		}
		break;
	}
	return found;
}

int cmd_main(int argc, char **argv, const char *prog, const char *summary,
             const struct cmd_verb *verbs)
{
	struct cmd_ctx ctx;
	int rc = 0, help = 0, i, json_before = 0;
	const char *nc = getenv("NO_COLOR");

	/* everything cairn creates (records, git's objects, exports, edit copies) is the user's
	 * alone, whatever the umask */
	umask(077);
	memset(&ctx, 0, sizeof(ctx));
	ctx.prog = prog;
	ctx.color = isatty(STDOUT_FILENO) && !(nc && *nc);
	ctx.lock_timeout = read_timeout();
	if (!(ctx.argv = calloc((size_t)argc + 1, sizeof(char *)))) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 71;
	}
	if (!verbs[0].name[0]) {
		/* a program that is one command (cairn init, cairn doctor) */
		ctx.verb = verbs;
		if ((rc = parse_args(&ctx, argc, argv, 1, &help)))
			goto out;
		if (help) {
			verb_help(stdout, prog, ctx.verb);
			goto out;
		}
		goto check;
	}
	/* common options before the verb */
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *eq;
		int ci;
		if (!strcmp(argv[i], "--version")) {
			printf("cairn %s\n", cairn_version());
			goto out;
		}
		if (!strcmp(argv[i], "--json")) {
			/* global in SPEC §4: given to the verb, which must have JSON output */
			json_before = 1;
			continue;
		}
		eq = argv[i][1] == '-' ? strchr(argv[i], '=') : NULL;
		ci = argv[i][1] == '-'
		         ? common_index(argv[i] + 2,
		                        eq ? (size_t)(eq - argv[i] - 2) : strlen(argv[i] + 2), 0)
		         : common_index(NULL, 0, argv[i][1]);
		if (ci < 0) {
			rc = cmd_usage_error(&ctx, "unknown option %s", argv[i]);
			goto out;
		}
		if (common_opts[ci].arg) {
			const char *val = eq                                ? eq + 1
			                  : argv[i][1] != '-' && argv[i][2] ? argv[i] + 2
			                                                    : argv[i + 1];
			if (!val) {
				rc = cmd_usage_error(&ctx, "%s needs a value", argv[i]);
				goto out;
			}
			if (val == argv[i + 1])
				i++;
			set_common(&ctx, ci, val, &help);
		} else {
			set_common(&ctx, ci, NULL, &help);
		}
	}
	if (i >= argc) {
		program_help(help ? stdout : stderr, prog, summary, verbs);
		rc = help ? 0 : CAIRN_EUSAGE;
		if (!help)
			ctx.err.code = 0; /* the help is the message */
		goto out;
	}
	if (!(ctx.verb = find_verb(&ctx, verbs, argc, argv, &i))) {
		rc = CAIRN_EUSAGE;
		goto out;
	}
	if ((rc = parse_args(&ctx, argc, argv, i + 1, &help)))
		goto out;
	if (help) {
		verb_help(stdout, prog, ctx.verb);
		goto out;
	}
	if (json_before) {
		int ji = opt_index(ctx.verb, "json", 4, 0);
		if (ji < 0) {
			rc = cmd_usage_error(&ctx, "%s %s has no JSON output (--json)", prog,
			                     ctx.verb->name);
			goto out;
		}
		ctx.val[ji] = "";
	}
check:
	for (const struct cmd_opt *o = ctx.verb->opts; o && o->name; o++) {
		if (o->required && !cmd_opt(&ctx, o->name)) {
			rc = cmd_usage_error(&ctx, "--%s %s is required", o->name, o->arg);
			goto out;
		}
	}
	if (ctx.argc < ctx.verb->min_args) {
		rc = cmd_usage_error(&ctx, "%s%s%s needs %s", prog, ctx.verb->name[0] ? " " : "",
		                     ctx.verb->name, ctx.verb->args);
		goto out;
	}
	if (ctx.verb->max_args >= 0 && ctx.argc > ctx.verb->max_args) {
		rc =
		    cmd_usage_error(&ctx, "unexpected argument '%s'", ctx.argv[ctx.verb->max_args]);
		goto out;
	}
	if ((rc = read_today(&ctx.today, &ctx.err)))
		goto out;
	rc = ctx.verb->run(&ctx);
out:
	/* a command that returns a code without an error has said all there is to say */
	if (rc && ctx.err.code)
		cmd_print_error(&ctx, &ctx.err);
	for (int k = 0; k < CMD_MAX_OPTS; k++)
		free(ctx.multi[k]);
	free(ctx.argv);
	cairn_repo_free(ctx.repo);
	if (fflush(stdout) != 0 && !rc) {
		fprintf(stderr, "%s: cannot write the output: %s\n", prog, strerror(errno));
		return 74;
	}
	return cairn_exit_status(rc);
}

/* ---- output ---- */

int cmd_print_json(void *json)
{
	int rc = json_dumpf(json, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);

	json_decref(json);
	fputc('\n', stdout);
	return rc ? CAIRN_EIO : 0;
}

char *cmd_bar(double share, int width, char *buf, size_t size)
{
	int fill, k = 0;

	if ((size_t)width + 3 > size)
		width = (int)size - 3;
	buf[k++] = '[';
	fill = share < 0 ? 0 : (int)(share * width + 0.5);
	for (int j = 0; j < width; j++)
		buf[k++] = share < 0 ? ' ' : j < fill ? '#' : '.';
	buf[k++] = ']';
	buf[k] = '\0';
	return buf;
}

const char *cmd_c(const struct cmd_ctx *ctx, const char *code)
{
	static char buf[4][16];
	static int next;
	char *b;

	if (!ctx->color)
		return "";
	b = buf[next++ % 4];
	snprintf(b, sizeof(buf[0]), "\033[%sm", code);
	return b;
}

size_t cmd_width(const char *s)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		w += (*p & 0xc0) != 0x80;
	return w;
}

void cmd_put_cut(FILE *f, const char *s, size_t width, int pad)
{
	size_t w = cmd_width(s);
	const unsigned char *p = (const unsigned char *)s;

	if (width == 0)
		return;
	if (w <= width) {
		fputs(s, f);
		for (; pad && w < width; w++)
			fputc(' ', f);
		return;
	}
	for (size_t cols = 0; *p; p++) {
		if ((*p & 0xc0) != 0x80 && ++cols > width - 1)
			break;
		fputc(*p, f);
	}
	fputs("\xe2\x80\xa6", f); /* … */
}

int cmd_run_editor(struct cmd_ctx *ctx, const char *path)
{
	const char *ed = getenv("VISUAL");
	char *cmd;
	pid_t pid;
	int status;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	fflush(stdout);
	/* like git: the editor setting is shell text, the file its argument */
	if (!(cmd = malloc(strlen(ed) + 8)))
		return cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
	sprintf(cmd, "%s \"$@\"", ed);
	pid = fork();
	if (pid < 0) {
		free(cmd);
		return cairn_err_set(&ctx->err, CAIRN_EIO, "cannot start the editor: %s",
		                     strerror(errno));
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, ed, path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return cairn_err_set(&ctx->err, CAIRN_EIO, "cannot wait for the editor");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cairn_err_set(&ctx->err, CAIRN_EIO, "the editor '%s' failed", ed);
		cairn_err_hint(&ctx->err, "set VISUAL or EDITOR to an editor that works");
		return CAIRN_EIO;
	}
	return 0;
}

int cmd_ask_yes(const char *question, int def)
{
	char line[64];

	fprintf(stderr, "%s [%s] ", question, def ? "Y/n" : "y/N");
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	if (line[0] == '\n')
		return def;
	return line[0] == 'y' || line[0] == 'Y';
}

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

int cmd_interactive(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

int cmd_prompt_line(const char *label, char **out)
{
	struct sigaction sa = {0}, old;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	*out = NULL;
	/* no SA_RESTART: Ctrl-C makes the read return, so that nothing is written */
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	interrupted = 0;
	printf("%s> ", label);
	fflush(stdout);
	n = getline(&line, &cap, stdin);
	sigaction(SIGINT, &old, NULL);
	if (interrupted) {
		putchar('\n');
		rc = CMD_PROMPT_INTR;
	} else if (n < 0) {
		putchar('\n');
		rc = CMD_PROMPT_EOF;
	} else {
		char *a = line, *b = line + n;
		while (*a && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		*b = '\0';
		if (*a && !(*out = strdup(a)))
			rc = CMD_PROMPT_EOF;
	}
	free(line);
	return rc;
}

/* "SMART: 2 fail (M, T), 1 warn (R)" or "SMART: all five criteria pass" */
static void smart_summary(const struct cmd_ctx *ctx, const struct cairn_smart_result *r)
{
	static const char letters[] = "SMART";

	if (!r->nfail && !r->nwarn) {
		printf("SMART: %sall five criteria pass%s\n", cmd_c(ctx, C_GREEN),
		       cmd_c(ctx, C_RESET));
		return;
	}
	printf("SMART:");
	for (int v = CAIRN_SMART_FAIL; v >= CAIRN_SMART_WARN; v--) {
		int n = v == CAIRN_SMART_FAIL ? r->nfail : r->nwarn, k = 0;
		if (!n)
			continue;
		printf("%s %s%d %s%s (", v == CAIRN_SMART_WARN && r->nfail ? "," : "",
		       cmd_c(ctx, v == CAIRN_SMART_FAIL ? C_RED : C_YEL), n,
		       cairn_smart_verdicts[v], cmd_c(ctx, C_RESET));
		for (int i = 0; i < CAIRN_SMART_N; i++)
			if (r->item[i].verdict == v)
				printf("%s%c", k++ ? ", " : "", letters[i]);
		printf(")");
	}
	printf("\n");
}

void cmd_print_smart(const struct cmd_ctx *ctx, const struct cairn_goal *g,
                     const struct cairn_smart_result *r, int full)
{
	static const char letters[] = "SMART";
	static const char *const words[] = {"ok", "WARN", "FAIL"};
	static const char *const colours[] = {C_GREEN, C_YEL, C_RED};

	if (full)
		printf("%s%s%s  %s\n", cmd_c(ctx, C_BOLD), g->id ? g->id : "?", cmd_c(ctx, C_RESET),
		       g->title ? g->title : "");
	else
		smart_summary(ctx, r);
	for (int i = 0; i < CAIRN_SMART_N; i++) {
		const struct cairn_smart_item *it = &r->item[i];
		if (!full && it->verdict == CAIRN_SMART_PASS)
			continue;
		printf("  %c  %s%-4s%s  %s\n", letters[i], cmd_c(ctx, colours[it->verdict]),
		       words[it->verdict], cmd_c(ctx, C_RESET), it->reason);
		if (full && it->suggestion[0])
			printf("           fix: %s\n", it->suggestion);
	}
	if (full) {
		printf("  ");
		smart_summary(ctx, r);
	} else if (r->nwarn || r->nfail) {
		printf("  `cairn smart check %s` says how to fix %s\n", g->id ? g->id : "ID",
		       r->nwarn + r->nfail == 1 ? "it" : "them");
	}
}

static char *edit_path(const struct cmd_ctx *ctx, const char *name, const char *suffix)
{
	char *p = malloc(strlen(ctx->repo->gitdir) + strlen(name) + 32);

	if (p)
		sprintf(p, "%s/cairn-edit/%s%s", ctx->repo->gitdir, name, suffix);
	return p;
}

int cmd_edit_record(struct cmd_ctx *ctx, const char *rel, const char *name, const char *command,
                    cmd_edit_save_fn save, void *arg, int *changed)
{
	char *cur = NULL, *orig = NULL, *text = NULL, *copy = NULL, *base = NULL;
	size_t cur_len, orig_len, len;
	int rc;

	*changed = 0;
	if (!(copy = edit_path(ctx, name, ".yaml")) || !(base = edit_path(ctx, name, ".base"))) {
		rc = cairn_err_set(&ctx->err, CAIRN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = cairn_repo_read(&cur, &cur_len, ctx->repo, rel, &ctx->err)))
		goto out;
	if (cairn_fs_exists(copy)) {
		/* an earlier edit that was saved, its copy left by a command killed just after:
		 * nothing in it is lost, start afresh */
		char *kept = NULL;
		size_t kept_len;
		cairn_err ignored;
		if (cairn_fs_read(&kept, &kept_len, copy, CAIRN_YAML_MAX_BYTES, &ignored) == 0 &&
		    kept_len == cur_len && !memcmp(kept, cur, cur_len)) {
			cairn_fs_unlink(copy, NULL);
			cairn_fs_unlink(base, NULL);
		}
		free(kept);
	}
	if (cairn_fs_exists(copy)) {
		if (!ctx->quiet)
			fprintf(stderr, "%s: continuing your earlier edit kept in %s\n", ctx->prog,
			        copy);
		if (cairn_fs_read(&orig, &orig_len, base, CAIRN_YAML_MAX_BYTES, &ctx->err)) {
			orig = cur;
			orig_len = cur_len;
			cur = NULL;
		}
	} else {
		orig = cur;
		orig_len = cur_len;
		cur = NULL;
		if ((rc = cairn_fs_write_atomic(base, orig, orig_len, &ctx->err)) ||
		    (rc = cairn_fs_write_atomic(copy, orig, orig_len, &ctx->err)))
			goto out;
	}
	for (;;) {
		if ((rc = cmd_run_editor(ctx, copy)))
			goto keep;
		free(text);
		text = NULL;
		if ((rc = cairn_fs_read(&text, &len, copy, CAIRN_YAML_MAX_BYTES, &ctx->err)))
			goto keep;
		if (!(rc = save(ctx, text, len, copy, orig, orig_len, changed, arg)))
			break;
		if (rc != CAIRN_EDATA || !isatty(STDIN_FILENO) ||
		    !strncmp(ctx->err.msg, rel, strlen(rel)))
			goto keep;
		cmd_print_error(ctx, &ctx->err);
		if (!cmd_ask_yes("edit again?", 1))
			goto keep;
	}
	cairn_fs_unlink(copy, NULL);
	cairn_fs_unlink(base, NULL);
	goto out;
keep:
	if (cairn_fs_exists(copy)) {
		char h[CAIRN_ERR_MSG];
		if (!strncmp(ctx->err.msg, rel, strlen(rel)))
			snprintf(
			    h, sizeof(h),
			    "your text is kept in %s: compare it with %s, then delete it and run "
			    "`%s` again",
			    copy, rel, command);
		else
			snprintf(h, sizeof(h),
			         "%s%syour text is kept in %s; `%s` continues from it",
			         ctx->err.hint, ctx->err.hint[0] ? "; " : "", copy, command);
		snprintf(ctx->err.hint, sizeof(ctx->err.hint), "%s", h);
	}
out:
	free(text);
	free(cur);
	free(orig);
	free(copy);
	free(base);
	return rc;
}
