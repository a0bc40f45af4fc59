/* cairn — helpers shared by the Check unit tests */
#ifndef CAIRN_UNIT_H
#define CAIRN_UNIT_H

#include <string.h>

#include <check.h>

#include "cairn/cairn.h"

/* A fresh temporary directory (mkdtemp under $TMPDIR or /tmp); caller frees the path. */
char *unit_tmpdir(void);
/* rm -rf path. */
void unit_rmrf(const char *path);
/* A date from "YYYY-MM-DD" (aborts the test on a bad literal). */
cairn_date unit_date(const char *iso);
/* "YYYY-MM-DD" of d in a static buffer (one of four, so that a message may use several). */
const char *unit_fmt(cairn_date d);
/* Runs a shell command with its output captured; returns its exit status. *out (may be NULL)
 * gets stdout. */
int unit_sh(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Points HOME at a new empty temporary directory (returned; caller frees) and isolates git
 * from every configuration outside the test: no system or global config, no XDG config. */
char *unit_isolate(void);
/* A fresh cairn repository (cairn_repo_init) in a new temporary directory, with git's
 * identity and HOME isolated (GIT_AUTHOR_NAME "Unit Test"). *dir is "<tmp>/data". */
struct cairn_repo *unit_repo(char **dir);
/* Frees the repository and removes the temporary directory unit_repo made. */
void unit_repo_done(struct cairn_repo *repo, char *dir);
/* Reads a whole file (NULL when it cannot be read); caller frees. */
char *unit_read(const char *path);
/* Writes a file (aborts the test on failure). */
void unit_write(const char *path, const char *data);
/* The file of a repository: dir/rel read whole, NULL when missing; caller frees. */
char *unit_read_rel(const char *dir, const char *rel);
/* The output of a shell command with its trailing newlines removed; caller frees. */
char *unit_sh_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Asserts that rc and err.code are code and that err.msg contains text. */
#define unit_assert_err(rc, err, want_code, text)                                                  \
	do {                                                                                       \
		int unit_rc_ = (rc);                                                               \
		ck_assert_msg(unit_rc_ == (want_code), "rc %d, expected %d (%s)", unit_rc_,        \
		              (want_code), (err).msg);                                             \
		ck_assert_int_eq((err).code, (want_code));                                         \
		ck_assert_msg(strstr((err).msg, (text)) != NULL,                                   \
		              "message '%s' does not contain '%s'", (err).msg, (text));            \
	} while (0)

/* Asserts where an error points: file, line and column. */
#define unit_assert_at(err, want_file, want_line, want_col)                                        \
	do {                                                                                       \
		ck_assert_str_eq((err).file, (want_file));                                         \
		ck_assert_msg((err).line == (want_line) && (err).column == (want_col),             \
		              "error at %d:%d, expected %d:%d (%s)", (err).line, (err).column,     \
		              (want_line), (want_col), (err).msg);                                 \
	} while (0)

/* Asserts that a string contains another. */
#define unit_assert_has(hay, needle)                                                               \
	do {                                                                                       \
		const char *unit_h_ = (hay), *unit_n_ = (needle);                                  \
		ck_assert_msg(unit_h_ &&strstr(unit_h_, unit_n_) != NULL,                          \
		              "'%s' does not contain '%s'", unit_h_ ? unit_h_ : "(null)",          \
		              unit_n_);                                                            \
	} while (0)

/* Runs a suite and returns the process exit status. */
int unit_run(Suite *s);

#endif
