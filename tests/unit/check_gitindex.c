/* cairn — unit tests: git's index as cairn reads and changes it (lib/gitindex.c), judged by
 * git itself: ls-files, status, diff-files, write-tree and fsck on real repositories */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitindex.h"
#include "unit.h"

static char *home, *dir, gitdir[4096], ixpath[4096];

/* A repository made by git: three committed files in two folders, the index as git wrote
 * it, with its tree cache filled. */
static void setup(void)
{
	char *tmp;

	home = unit_isolate();
	tmp = unit_tmpdir();
	dir = tmp;
	snprintf(gitdir, sizeof(gitdir), "%s/.git", dir);
	snprintf(ixpath, sizeof(ixpath), "%s/.git/index", dir);
	ck_assert_int_eq(unit_sh(NULL,
	                         "cd '%s' && git init -q -b main && git config user.name U && "
	                         "git config user.email u@x && mkdir goals ce && "
	                         "echo a > goals/a.yaml && echo c > goals/c.yaml && "
	                         "echo x > ce/x.yaml && git add . && git commit -qm one && "
	                         "git write-tree >/dev/null",
	                         dir),
	                 0);
}

static void teardown(void)
{
	unit_rmrf(dir);
	free(dir);
	unit_rmrf(home);
	free(home);
}

static char *git(const char *args)
{
	return unit_sh_out("git -C '%s' %s 2>&1", dir, args);
}

static void git_is(const char *args, const char *want)
{
	char *out = git(args);
	ck_assert_msg(!strcmp(out, want), "git %s:\n%s\nexpected:\n%s", args, out, want);
	free(out);
}

/* the blob id of a file, as git computes it */
static void blob_id(unsigned char id[CAIRN_IX_ID], const char *rel)
{
	char *hex = unit_sh_out("git -C '%s' hash-object -w '%s'", dir, rel);
	ck_assert_int_eq(strlen(hex), 40);
	for (int i = 0; i < CAIRN_IX_ID; i++) {
		unsigned v;
		ck_assert_int_eq(sscanf(hex + 2 * i, "%2x", &v), 1);
		id[i] = (unsigned char)v;
	}
	free(hex);
}

static void write_rel(const char *rel, const char *data)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	unit_write(path, data);
}

static void unlink_rel(const char *rel)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	ck_assert_int_eq(unlink(path), 0);
}

static unsigned index_version(void)
{
	char *b = unit_read(ixpath);
	unsigned v;
	ck_assert_ptr_nonnull(b);
	v = (unsigned)(unsigned char)b[7];
	free(b);
	return v;
}

/* what the callbacks stage: files by path (abs from dir), NULL data to remove */
struct change {
	const char *rel;
	int remove;
};

static int stage_changes(struct cairn_index *ix, void *ctx, cairn_err *err)
{
	const struct change *c = ctx;
	(void)err;
	for (; c->rel; c++) {
		char abs[4096];
		unsigned char id[CAIRN_IX_ID];
		int rc;
		snprintf(abs, sizeof(abs), "%s/%s", dir, c->rel);
		if (c->remove) {
			rc = cairn_index_remove(ix, c->rel);
		} else {
			blob_id(id, c->rel);
			rc = cairn_index_put_file(ix, c->rel, abs, id);
		}
		if (rc)
			return rc;
	}
	return 0;
}

static void update(const struct change *c)
{
	cairn_err err = CAIRN_ERR_INIT;
	int rc = cairn_index_update(gitdir, stage_changes, (void *)c, &err);
	ck_assert_msg(rc == 0, "update: %d %s", rc, err.msg);
	ck_assert_msg(access(ixpath, F_OK) == 0, "the index is in place");
	{
		char lock[4200];
		snprintf(lock, sizeof(lock), "%s/index.lock", gitdir);
		ck_assert_msg(access(lock, F_OK) != 0, "no lock left");
	}
}

/* git's verdict on the whole index: its checksum (fsck), the stat data of every entry
 * (diff-files: nothing changed in the work tree) */
static void index_sound(void)
{
	git_is("fsck --no-dangling --no-progress", "");
	ck_assert_int_eq(unit_sh(NULL, "git -C '%s' diff-files --quiet", dir), 0);
}

START_TEST(put_new_changed_and_removed)
{
	static const struct change c[] = {
	    {"goals/b.yaml", 0}, {"goals/c.yaml", 0}, {"ce/x.yaml", 1}, {NULL, 0}};
	char *out;

	write_rel("goals/b.yaml", "b\n");
	write_rel("goals/c.yaml", "c changed\n");
	unlink_rel("ce/x.yaml");
	update(c);
	git_is("status --porcelain", "D  ce/x.yaml\nA  goals/b.yaml\nM  goals/c.yaml");
	git_is("ls-files", "goals/a.yaml\ngoals/b.yaml\ngoals/c.yaml");
	index_sound();
	/* the tree cache above each change was let go: write-tree sees the new entries */
	out = unit_sh_out("cd '%s' && git ls-tree -r --name-only $(git write-tree)", dir);
	ck_assert_str_eq(out, "goals/a.yaml\ngoals/b.yaml\ngoals/c.yaml");
	free(out);
	/* and a commit of it by git leaves nothing to commit */
	ck_assert_int_eq(unit_sh(NULL, "git -C '%s' commit -qm two", dir), 0);
	git_is("status --porcelain", "");
}
END_TEST

static const unsigned char *put_raw_data;
static size_t put_raw_len;

static int put_back(struct cairn_index *ix, void *ctx, cairn_err *err)
{
	(void)ctx;
	(void)err;
	return cairn_index_put_raw(ix, "goals/c.yaml", put_raw_data, put_raw_len);
}

START_TEST(raw_entry_put_back_is_byte_for_byte)
{
	char *before = git("ls-files --debug goals/c.yaml"), *after;
	unsigned char raw[CAIRN_IX_ENTRY_FIXED];
	struct cairn_index *ix;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(cairn_index_read(&ix, ixpath, &err), 0);
	put_raw_len = cairn_index_raw(ix, "goals/c.yaml", raw);
	ck_assert_int_eq(put_raw_len, 62);
	ck_assert_int_eq(cairn_index_get(ix, "goals/none.yaml", NULL, NULL), 0);
	ck_assert_int_eq(cairn_index_raw(ix, "goals", raw + 0), 0);
	put_raw_len = cairn_index_raw(ix, "goals/c.yaml", raw);
	put_raw_data = raw;
	cairn_index_free(ix);
	update((const struct change[]){{"goals/c.yaml", 1}, {NULL, 0}});
	git_is("status --porcelain", "D  goals/c.yaml\n?? goals/c.yaml");
	ck_assert_int_eq(cairn_index_update(gitdir, put_back, NULL, &err), 0);
	/* the entry as git wrote it: id, mode and stat data */
	after = git("ls-files --debug goals/c.yaml");
	ck_assert_str_eq(before, after);
	git_is("status --porcelain", "");
	index_sound();
	free(before);
	free(after);
}
END_TEST

START_TEST(version_4_prefix_compression)
{
	static const struct change c[] = {
	    {"goals/b.yaml", 0}, {"goals/a.yaml", 1}, {"goals/c2.yaml", 0}, {NULL, 0}};

	ck_assert_int_eq(unit_sh(NULL, "git -C '%s' update-index --index-version 4", dir), 0);
	ck_assert_int_eq(index_version(), 4);
	write_rel("goals/b.yaml", "b\n");
	write_rel("goals/c2.yaml", "c2\n");
	unlink_rel("goals/a.yaml");
	update(c);
	ck_assert_int_eq(index_version(), 4);
	git_is("ls-files", "ce/x.yaml\ngoals/b.yaml\ngoals/c.yaml\ngoals/c2.yaml");
	git_is("status --porcelain", "D  goals/a.yaml\nA  goals/b.yaml\nA  goals/c2.yaml");
	index_sound();
}
END_TEST

START_TEST(conflict_stages_are_resolved)
{
	char *id = git("rev-parse HEAD:goals/c.yaml"), cmd[1024];

	snprintf(cmd, sizeof(cmd),
	         "printf '0 0000000000000000000000000000000000000000\\tgoals/c.yaml\\n"
	         "100644 %s 1\\tgoals/c.yaml\\n100644 %s 2\\tgoals/c.yaml\\n"
	         "100644 %s 3\\tgoals/c.yaml\\n' | git -C '%s' update-index --index-info",
	         id, id, id, dir);
	ck_assert_int_eq(unit_sh(NULL, "%s", cmd), 0);
	git_is("ls-files -s goals/c.yaml | wc -l", "3");
	write_rel("goals/c.yaml", "resolved\n");
	update((const struct change[]){{"goals/c.yaml", 0}, {NULL, 0}});
	git_is("ls-files -s goals/c.yaml | cut -f1 | cut -d' ' -f3", "0");
	git_is("status --porcelain", "M  goals/c.yaml");
	index_sound();
	free(id);
}
END_TEST

START_TEST(extended_flags_and_other_extensions)
{
	/* an intent-to-add entry (extended flags: version 3) and the untracked cache */
	write_rel("goals/n.yaml", "n\n");
	ck_assert_int_eq(unit_sh(NULL,
	                         "cd '%s' && git add -N goals/n.yaml && "
	                         "git -c core.untrackedCache=true status >/dev/null",
	                         dir),
	                 0);
	ck_assert_int_eq(index_version(), 3);
	write_rel("goals/b.yaml", "b\n");
	update((const struct change[]){{"goals/b.yaml", 0}, {NULL, 0}});
	ck_assert_int_eq(index_version(), 3);
	git_is("status --porcelain", "A  goals/b.yaml\n A goals/n.yaml");
	git_is("fsck --no-dangling --no-progress", "");
	git_is("-c core.untrackedCache=true status --porcelain",
	       "A  goals/b.yaml\n A goals/n.yaml");
}
END_TEST

START_TEST(missing_index_is_empty)
{
	unlink(ixpath);
	update((const struct change[]){{"goals/a.yaml", 0}, {NULL, 0}});
	git_is("ls-files", "goals/a.yaml");
	ck_assert_int_eq(index_version(), 2);
	git_is("fsck --no-dangling --no-progress", "");
}
END_TEST

START_TEST(damaged_index_is_refused)
{
	struct cairn_index *ix = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	char *b = unit_read(ixpath), *after, lock[4200];
	struct stat st;
	int fd;

	ck_assert_int_eq(stat(ixpath, &st), 0);
	b[20] ^= 1;
	fd = open(ixpath, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, b, (size_t)st.st_size), st.st_size);
	close(fd);
	unit_assert_err(cairn_index_read(&ix, ixpath, &err), err, CAIRN_EDATA, "checksum");
	ck_assert_str_eq(err.file, ixpath);
	ck_assert_ptr_null(ix);
	/* and nothing is written over it */
	err = (cairn_err)CAIRN_ERR_INIT;
	ck_assert_int_eq(cairn_index_update(
	                     gitdir, stage_changes,
	                     (void *)(const struct change[]){{"goals/a.yaml", 1}, {NULL, 0}}, &err),
	                 CAIRN_EDATA);
	after = unit_read(ixpath);
	ck_assert_int_eq(memcmp(b, after, (size_t)st.st_size), 0);
	snprintf(lock, sizeof(lock), "%s/index.lock", gitdir);
	ck_assert_int_ne(access(lock, F_OK), 0);
	free(b);
	free(after);
}
END_TEST

START_TEST(split_index_is_refused)
{
	struct cairn_index *ix = NULL;
	cairn_err err = CAIRN_ERR_INIT;

	ck_assert_int_eq(unit_sh(NULL, "git -C '%s' update-index --split-index", dir), 0);
	unit_assert_err(cairn_index_read(&ix, ixpath, &err), err, CAIRN_EDATA, "extension 'link'");
	unit_assert_has(err.hint, "splitIndex");
}
END_TEST

START_TEST(held_lock_changes_nothing)
{
	char lock[4200], *before = unit_read(ixpath), *after;
	cairn_err err = CAIRN_ERR_INIT;

	snprintf(lock, sizeof(lock), "%s/index.lock", gitdir);
	unit_write(lock, "");
	unit_assert_err(cairn_index_update(
	                    gitdir, stage_changes,
	                    (void *)(const struct change[]){{"goals/a.yaml", 1}, {NULL, 0}}, &err),
	                err, CAIRN_ELOCKED, "index.lock");
	after = unit_read(ixpath);
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(access(lock, F_OK), 0); /* git's lock is not ours to remove */
	free(before);
	free(after);
}
END_TEST

static int refuse(struct cairn_index *ix, void *ctx, cairn_err *err)
{
	(void)ctx;
	cairn_index_remove(ix, "goals/a.yaml");
	return cairn_err_set(err, CAIRN_EIO, "no");
}

START_TEST(failing_callback_changes_nothing)
{
	char *before = unit_read(ixpath), *after, lock[4200];
	cairn_err err = CAIRN_ERR_INIT;

	snprintf(lock, sizeof(lock), "%s/index.lock", gitdir);
	unit_assert_err(cairn_index_update(gitdir, refuse, NULL, &err), err, CAIRN_EIO, "no");
	after = unit_read(ixpath);
	ck_assert_str_eq(before, after);
	ck_assert_int_ne(access(lock, F_OK), 0);
	free(before);
	free(after);
}
END_TEST

START_TEST(index_that_cannot_be_read)
{
	struct cairn_index *ix = NULL;
	cairn_err err = CAIRN_ERR_INIT;
	char *b = unit_read(ixpath);
	struct stat st;
	int fd;

	/* a version cairn does not know */
	ck_assert_int_eq(stat(ixpath, &st), 0);
	b[7] = 5;
	fd = open(ixpath, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, b, (size_t)st.st_size), st.st_size);
	close(fd);
	unit_assert_err(cairn_index_read(&ix, ixpath, &err), err, CAIRN_EDATA, "version");
	/* an empty file */
	fd = open(ixpath, O_WRONLY | O_TRUNC);
	close(fd);
	err = (cairn_err)CAIRN_ERR_INIT;
	unit_assert_err(cairn_index_read(&ix, ixpath, &err), err, CAIRN_EDATA, "not a git index");
	/* not a file at all */
	ck_assert_int_eq(unlink(ixpath), 0);
	ck_assert_int_eq(mkdir(ixpath, 0700), 0);
	err = (cairn_err)CAIRN_ERR_INIT;
	unit_assert_err(cairn_index_read(&ix, ixpath, &err), err, CAIRN_EIO, "not a file");
	ck_assert_str_eq(err.file, ixpath);
	ck_assert_ptr_null(ix);
	rmdir(ixpath);
	free(b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("gitindex");
	TCase *tc = tcase_create("index");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, put_new_changed_and_removed);
	tcase_add_test(tc, raw_entry_put_back_is_byte_for_byte);
	tcase_add_test(tc, version_4_prefix_compression);
	tcase_add_test(tc, conflict_stages_are_resolved);
	tcase_add_test(tc, extended_flags_and_other_extensions);
	tcase_add_test(tc, missing_index_is_empty);
	tcase_add_test(tc, damaged_index_is_refused);
	tcase_add_test(tc, split_index_is_refused);
	tcase_add_test(tc, index_that_cannot_be_read);
	tcase_add_test(tc, held_lock_changes_nothing);
	tcase_add_test(tc, failing_callback_changes_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(suite());
}
