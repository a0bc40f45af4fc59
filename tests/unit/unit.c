/* cairn — helpers shared by the Check unit tests */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "unit.h"

char *unit_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *p = malloc(4096);

	ck_assert_ptr_nonnull(p);
	snprintf(p, 4096, "%s/cairn-unit-XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(p));
	return p;
}

void unit_rmrf(const char *path)
{
	if (path && path[0] == '/')
		unit_sh(NULL, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", path, path);
}

cairn_date unit_date(const char *iso)
{
	cairn_date d = 0;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_msg(cairn_date_parse_iso(&d, iso, &err) == 0, "bad test date %s", iso);
	return d;
}

const char *unit_fmt(cairn_date d)
{
	static char bufs[4][CAIRN_DATE_BUF];
	static int next;
	char *b = bufs[next++ % 4];

	return cairn_date_format(d, b);
}

int unit_sh(char **out, const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	FILE *p;
	size_t len = 0, cap = 4096;
	char *buf;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(NULL);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	for (;;) {
		size_t r = fread(buf + len, 1, cap - len - 1, p);
		len += r;
		if (r == 0)
			break;
		if (len + 1 >= cap) {
			buf = realloc(buf, cap *= 2);
			ck_assert_ptr_nonnull(buf);
		}
	}
	buf[len] = '\0';
	status = pclose(p);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *unit_sh_out(const char *fmt, ...)
{
	char cmd[8192], *out;
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	unit_sh(&out, "%s", cmd);
	len = strlen(out);
	while (len > 0 && out[len - 1] == '\n')
		out[--len] = '\0';
	return out;
}

char *unit_isolate(void)
{
	char *home = unit_tmpdir();

	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	unsetenv("GIT_COMMITTER_NAME");
	unsetenv("GIT_COMMITTER_EMAIL");
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	return home;
}

struct cairn_repo *unit_repo(char **dir)
{
	struct cairn_repo *repo = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	int created = 0;
	char *base = unit_isolate();

	setenv("GIT_AUTHOR_NAME", "Unit Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "unit@example.org", 1);
	*dir = malloc(strlen(base) + 8);
	ck_assert_ptr_nonnull(*dir);
	sprintf(*dir, "%s/data", base);
	ck_assert_msg(cairn_repo_init(&repo, &created, *dir, "Unit Test", NULL,
	                              unit_date("2026-11-28"), &err) == 0,
	              "init: %s", err.msg);
	ck_assert_int_eq(created, 1);
	free(base);
	return repo;
}

void unit_repo_done(struct cairn_repo *repo, char *dir)
{
	char *slash;

	cairn_repo_free(repo);
	if (!dir)
		return;
	slash = strrchr(dir, '/');
	if (slash && !strcmp(slash, "/data"))
		*slash = '\0';
	unit_rmrf(dir);
	free(dir);
}

char *unit_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

char *unit_read_rel(const char *dir, const char *rel)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return unit_read(path);
}

void unit_write(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_int_eq(fwrite(data, 1, strlen(data), f), strlen(data));
	ck_assert_int_eq(fclose(f), 0);
}

int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
