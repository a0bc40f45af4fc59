/* cairn — the dispatcher: `cairn NAME ARGS...` runs `cairn-NAME ARGS...` */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cairn/cairn.h"

#ifndef CAIRN_LIBEXECDIR
#define CAIRN_LIBEXECDIR "/usr/local/libexec/cairn"
#endif
#ifndef CAIRN_LIBEXEC_FROM_BIN
#define CAIRN_LIBEXEC_FROM_BIN "../libexec/cairn"
#endif

struct builtin {
	const char *name, *summary;
};

/* One row per built-in command, for help and "did you mean". */
static const struct builtin builtins[] = {
    {"init", "create the career repository"},
    {"goal", "add, follow and finish SMART goals"},
    {"smart", "judge goals against the SMART criteria and say how to fix them"},
    {"plan", "development plans and their regular reviews"},
    {"license", "licenses and certifications, each under a board's renewal rule"},
    {"rules", "licensing boards' CE renewal rules"},
    {"ce", "log CE activities; see where each license stands"},
    {"status", "the dashboard: goals, CE per license, plans, and what needs you"},
    {"log", "the history of the career plan, field by field"},
    {"remind", "what needs you soon, for cron: nothing printed when nothing does"},
    {"export", "every record as JSON, CSV or an iCalendar file"},
    {"git", "run git in the data directory (cairn git log, cairn git push)"},
    {"doctor", "check every record; clear what an interrupted command left"},
    {"help", "show this list, or the manual of a command"},
    {NULL, NULL},
};

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: cairn [-C DIR] [-q] [--no-color] [--json] COMMAND [ARGS...]\n"
	        "       cairn help [COMMAND]\n"
	        "       cairn --version\n\n"
	        "cairn keeps a clinician's career plan (SMART goals, development plans, CE hours)\n"
	        "as YAML files in a git repository.\n\ncommands:\n");
	for (const struct builtin *b = builtins; b->name; b++)
		fprintf(f, "  %-8s %s\n", b->name, b->summary);
	fprintf(f, "\n`cairn COMMAND --help` lists a command's options; `cairn help COMMAND` opens "
	           "its manual;\n`man cairn` tells how it all fits together.\n");
}

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

static int executable(const char *path)
{
	return access(path, X_OK) == 0;
}

/* dir/sub/prog when it is an executable file, else NULL; sub may be NULL. */
static char *candidate(const char *dir, const char *sub, const char *prog)
{
	char *d = sub ? cairn_path_join(dir, sub) : strdup(dir), *path = NULL;

	if (d && (path = cairn_path_join(d, prog)) && !executable(path)) {
		free(path);
		path = NULL;
	}
	free(d);
	return path;
}

/* The program for cairn-NAME: $CAIRN_EXEC_PATH, the libexec directory compiled in, the
 * libexec directory seen from this binary (an installation made with another prefix, or
 * moved), next to this binary (the build tree), then PATH. */
static char *find_program(const char *name, const char *argv0)
{
	char prog[PATH_MAX], self[PATH_MAX], *path = NULL, *dir;
	const char *env = getenv("CAIRN_EXEC_PATH");
	ssize_t n;

	snprintf(prog, sizeof(prog), "cairn-%s", name);
	if (env && *env && (path = candidate(env, NULL, prog)))
		return path;
	if ((path = candidate(CAIRN_LIBEXECDIR, NULL, prog)))
		return path;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((dir = strrchr(self, '/'))) {
			*dir = '\0';
			if ((path = candidate(*self ? self : "/", CAIRN_LIBEXEC_FROM_BIN, prog)) ||
			    (path = candidate(*self ? self : "/", NULL, prog)))
				return path;
		}
	}
	(void)argv0;
	{
		const char *p = getenv("PATH");
		char *copy, *save = NULL;
		if (!p || !(copy = strdup(p)))
			return NULL;
		for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
			if ((path = cairn_path_join(*d ? d : ".", prog)) && executable(path)) {
				free(copy);
				return path;
			}
			free(path);
		}
		free(copy);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	char **args;
	char *prog;
	int i, k = 0;

	/* options of cairn itself, passed on to the program */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--version")) {
			printf("cairn %s\n", cairn_version());
			return 0;
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--dir")) {
			if (++i >= argc) {
				fprintf(stderr, "cairn: -C needs a directory\n");
				return 2;
			}
		} else if (strcmp(argv[i], "-q") && strcmp(argv[i], "--quiet") &&
		           strcmp(argv[i], "--json") && strcmp(argv[i], "--no-color") &&
		           strncmp(argv[i], "-C", 2) && strncmp(argv[i], "--dir=", 6)) {
			fprintf(stderr, "cairn: unknown option %s\nhint: see `cairn --help`\n",
			        argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[i], "help")) {
		char page[128];
		if (i + 1 >= argc) {
			usage(stdout);
			return 0;
		}
		snprintf(page, sizeof(page), "cairn-%s", argv[i + 1]);
		execlp("man", "man", page, (char *)NULL);
		fprintf(stderr,
		        "cairn: cannot run man: %s\nhint: `cairn %s --help` prints the "
		        "options\n",
		        strerror(errno), argv[i + 1]);
		return 74;
	}
	if (strchr(argv[i], '/') || !(prog = find_program(argv[i], argv[0]))) {
		const struct builtin *best = NULL;
		size_t bd = 3;
		for (const struct builtin *b = builtins; b->name; b++) {
			size_t d = distance(argv[i], b->name);
			if (d < bd || (!strncmp(b->name, argv[i], strlen(argv[i])) && bd > 0)) {
				bd = d < bd ? d : bd;
				best = b;
			}
		}
		if (best && bd == 0 && strcmp(best->name, "help")) {
			fprintf(
			    stderr,
			    "cairn: cannot find the program cairn-%s\n"
			    "hint: it belongs in %s; reinstall cairn, or set CAIRN_EXEC_PATH to "
			    "the folder that holds it\n",
			    argv[i], CAIRN_LIBEXECDIR);
			return 66;
		}
		fprintf(stderr, "cairn: '%s' is not a cairn command\n", argv[i]);
		if (best)
			fprintf(stderr, "hint: did you mean `cairn %s`?\n", best->name);
		else
			fprintf(stderr, "hint: `cairn help` lists the commands\n");
		return 2;
	}
	/* cairn-NAME [cairn's options] ARGS... */
	if (!(args = calloc((size_t)argc + 1, sizeof(*args)))) {
		fprintf(stderr, "cairn: out of memory\n");
		return 71;
	}
	args[k++] = prog;
	for (int j = 1; j < i; j++)
		args[k++] = argv[j];
	for (int j = i + 1; j < argc; j++)
		args[k++] = argv[j];
	args[k] = NULL;
	execv(prog, args);
	fprintf(stderr, "cairn: cannot run %s: %s\n", prog, strerror(errno));
	free(args);
	free(prog);
	return 74;
}
