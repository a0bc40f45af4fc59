/* cairn — the shared CLI layer: verb tables, option tables that also print --help, the
 * environment (CAIRN_DIR, CAIRN_TODAY, NO_COLOR, CAIRN_LOCK_TIMEOUT), errors and exit codes,
 * and small output helpers. No record logic lives here. */
#ifndef CAIRN_CMD_H
#define CAIRN_CMD_H

#include <stdio.h>

#include "cairn/cairn.h"

struct cmd_opt {
	const char *name; /* long name, without "--" */
	char short_name;  /* 0 when there is none */
	const char *arg;  /* NULL for a flag, else the argument's name in help ("DATE") */
	int multi;        /* may be given more than once */
	const char *help;
	int required; /* the verb cannot run without it */
};

struct cmd_ctx;

struct cmd_verb {
	const char *name; /* "add", or two words: "step add" */
	const char *args; /* positional arguments for the usage line ("ID VALUE") */
	int min_args, max_args;
	const char *summary;        /* one line */
	const struct cmd_opt *opts; /* ends with {0} */
	int (*run)(struct cmd_ctx *ctx);
	int writes; /* takes part in the write road */
};

#define CMD_MAX_OPTS 32

struct cmd_ctx {
	const char *prog; /* "cairn goal" */
	const struct cmd_verb *verb;
	int argc;
	char **argv;                   /* positional arguments */
	const char *val[CMD_MAX_OPTS]; /* last value of each option (or "" for a flag) */
	char **multi[CMD_MAX_OPTS];    /* every value of a multi option, NULL-terminated */
	size_t nmulti[CMD_MAX_OPTS];
	int quiet, color;
	cairn_date today;
	double lock_timeout;
	const char *dir_opt; /* -C */
	struct cairn_repo *repo;
	cairn_err err;
};

/* Runs a program made of verbs: parses global and verb options, calls the verb, prints an
 * error and returns the exit status. */
int cmd_main(int argc, char **argv, const char *prog, const char *summary,
             const struct cmd_verb *verbs);

/* Value of option name, or NULL when not given; flags give "". */
const char *cmd_opt(const struct cmd_ctx *ctx, const char *name);
int cmd_flag(const struct cmd_ctx *ctx, const char *name);
/* Every value of a multi option (NULL-terminated; never NULL). */
char *const *cmd_opt_all(const struct cmd_ctx *ctx, const char *name);

/* The data directory: -C, else CAIRN_DIR, else $XDG_DATA_HOME/cairn, else
 * ~/.local/share/cairn. Caller frees. */
char *cmd_data_dir(struct cmd_ctx *ctx);
/* Opens the repository into ctx->repo. */
int cmd_open_repo(struct cmd_ctx *ctx);

/* With --as-of DATE (when the verb has it): replaces ctx->repo by a read-only view of the
 * repository at the last commit on or before DATE, and says which on stderr. */
int cmd_as_of(struct cmd_ctx *ctx);

/* Parses a date option (CLI forms, relative to ctx->today); CAIRN_EUSAGE naming the option. */
int cmd_date(struct cmd_ctx *ctx, const char *name, const char *s, cairn_date *out);
/* The same, refusing a date after today (when something happened). */
int cmd_past_date(struct cmd_ctx *ctx, const char *name, const char *s, cairn_date *out);
/* Option helpers that fill a record's field when the option was given (else leave it):
 * an enum value from names (a usage error listing the choices otherwise), a copy of the
 * text, a number. */
int cmd_enum_opt(struct cmd_ctx *ctx, const char *name, const char *const *names, int *out);
int cmd_text_opt(struct cmd_ctx *ctx, const char *name, char **dst);
int cmd_num_opt(struct cmd_ctx *ctx, const char *name, struct cairn_num *dst);

/* Parses a number option. */
int cmd_number(struct cmd_ctx *ctx, const char *name, const char *s, double *out);

/* Prints "prog: file:line:col: message" and the hint on stderr. */
void cmd_print_error(const struct cmd_ctx *ctx, const cairn_err *err);

/* Error reporting: returns the code. */
int cmd_usage_error(struct cmd_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints a jansson value as one JSON document (sorted keys) and frees it. */
int cmd_print_json(void *json);

/* A progress bar of width cells into buf: "[#####.....]". share < 0 gives blanks. */
char *cmd_bar(double share, int width, char *buf, size_t size);

/* Colour escape or "" (when colour is off). */
const char *cmd_c(const struct cmd_ctx *ctx, const char *code);
#define C_RESET "0"
#define C_BOLD  "1"
#define C_DIM   "2"
#define C_RED   "31"
#define C_GREEN "32"
#define C_YEL   "33"

/* Reads one answer from the terminal after printing "label> ": *out is the answer without
 * surrounding blanks (caller frees), NULL when the user just pressed Enter. Returns 0,
 * CMD_PROMPT_EOF on Ctrl-D, CMD_PROMPT_INTR on Ctrl-C (SIGINT interrupts the read). */
enum { CMD_PROMPT_EOF = 1, CMD_PROMPT_INTR = 2 };
int cmd_prompt_line(const char *label, char **out);
/* True when the user can be asked: standard input and standard output are terminals. */
int cmd_interactive(void);

/* Prints a SMART result. full: a heading and all five criteria (cairn smart check); else the
 * summary line and only the criteria that warn or fail (after goal add and goal edit). */
void cmd_print_smart(const struct cmd_ctx *ctx, const struct cairn_goal *g,
                     const struct cairn_smart_result *r, int full);

/* Edits the record file rel of the repository as `cairn goal edit` does: a copy in
 * .git/cairn-edit/<name>.yaml (with the original as <name>.base) opened in the editor, saved
 * by save(ctx, text, len, copy, original, original_len, &changed, arg) until it succeeds; on
 * an invalid result, offered again on a terminal, and otherwise kept for the next edit
 * (the hint says where). command is "cairn goal edit ID", for messages. */
typedef int (*cmd_edit_save_fn)(struct cmd_ctx *ctx, const char *text, size_t len, const char *copy,
                                const char *original, size_t original_len, int *changed, void *arg);
int cmd_edit_record(struct cmd_ctx *ctx, const char *rel, const char *name, const char *command,
                    cmd_edit_save_fn save, void *arg, int *changed);

/* Opens $VISUAL/$EDITOR/vi on path and waits; 0 when the editor exited 0. */
int cmd_run_editor(struct cmd_ctx *ctx, const char *path);
/* Asks a yes/no question on the terminal; def when Enter is pressed; 0 on EOF. */
int cmd_ask_yes(const char *question, int def);

/* The display width of a UTF-8 string (one column a code point; enough for aligned tables
 * of titles) and a copy cut to at most width columns with "…" when cut. */
size_t cmd_width(const char *s);
void cmd_put_cut(FILE *f, const char *s, size_t width, int pad);

#endif
