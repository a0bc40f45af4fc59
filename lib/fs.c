/* cairn — every system call that touches the disk */
#include <errno.h>
#include <ftw.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cairn/fs.h"

#ifdef CAIRN_TESTING
/* Test builds only. CAIRN_FAULT=op:N[:persist] — the Nth call of op fails (and every later
 * one with persist). CAIRN_FAULT=kill:N — at the Nth fault point of any op the process kills
 * itself with SIGKILL, as a crash or a power cut at that moment would. CAIRN_FAULT_TRACE=FILE
 * appends the name of every point passed to FILE, one per line, to list a command's points. */
static void trace_point(const char *op)
{
	const char *file = getenv("CAIRN_FAULT_TRACE");
	char line[64];
	int fd, len;

	if (!file || !*file ||
	    (fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return;
	len = snprintf(line, sizeof(line), "%s\n", op);
	if (write(fd, line, (size_t)len) < 0)
		line[0] = '\0';
	close(fd);
}

int cairn_fault(const char *op)
{
	static unsigned long calls[32], points;
	static const char *ops[32];
	const char *spec = getenv("CAIRN_FAULT");
	size_t oplen = strlen(op), i;
	unsigned long n;
	char *end;

	trace_point(op);
	points++;
	if (spec && !strncmp(spec, "kill:", 5) && strtoul(spec + 5, NULL, 10) == points)
		raise(SIGKILL);
	if (!spec || strncmp(spec, op, oplen) != 0 || spec[oplen] != ':')
		return 0;
	n = strtoul(spec + oplen + 1, &end, 10);
	for (i = 0; i < 32 && ops[i] && strcmp(ops[i], op) != 0; i++)
		;
	if (i == 32)
		return 0;
	ops[i] = op;
	calls[i]++;
	if (calls[i] == n)
		return 1;
	return calls[i] > n && strcmp(end, ":persist") == 0;
}
#else
int cairn_fault(const char *op)
{
	(void)op;
	return 0;
}
#endif

#define FAULT(op, e) (cairn_fault(op) ? (errno = (e), 1) : 0)

char *cairn_path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (!p)
		return NULL;
	memcpy(p, a, la);
	if (la && a[la - 1] != '/')
		p[la++] = '/';
	memcpy(p + la, b, lb + 1);
	return p;
}

static int io_error(cairn_err *err, const char *what, const char *path)
{
	int e = errno;

	cairn_err_set(err, e == ENOENT ? CAIRN_ENOTFOUND : CAIRN_EIO, "cannot %s: %s", what,
	              strerror(e));
	cairn_err_at(err, path, 0, 0);
	if (e == ENOSPC)
		cairn_err_hint(err, "the disk is full: free some space and run the command again");
	else if (e == EACCES || e == EPERM)
		cairn_err_hint(err, "check the permissions of the data directory");
	return err ? err->code : CAIRN_EIO;
}

double cairn_fs_age(const char *path)
{
	struct stat st;
	struct timespec now;

	if (lstat(path, &st) < 0)
		return 1e9;
	clock_gettime(CLOCK_REALTIME, &now);
	return (double)(now.tv_sec - st.st_mtim.tv_sec) +
	       (double)(now.tv_nsec - st.st_mtim.tv_nsec) / 1e9;
}

int cairn_fs_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int cairn_fs_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cairn_fs_read(char **out, size_t *len, const char *path, size_t max, cairn_err *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	*out = NULL;
	/* a symbolic link is not followed: a record or certificate committed as a link to
	 * /etc/passwd must not be read, shown or copied into an audit pack */
	if (FAULT("open", EIO) || (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		if (errno == ELOOP) {
			cairn_err_set(err, CAIRN_EIO,
			              "cannot read: a symbolic link, not a file (cairn "
			              "does not follow links)");
			cairn_err_at(err, path, 0, 0);
			cairn_err_hint(err, "put the file itself in its place");
			return CAIRN_EIO;
		}
		return io_error(err, "read", path);
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		return io_error(err, "read", path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		cairn_err_set(err, CAIRN_EDATA, "not a regular file");
		cairn_err_at(err, path, 0, 0);
		return CAIRN_EDATA;
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		cairn_err_set(err, CAIRN_EDATA, "file too large (%lld bytes, at most %zu)",
		              (long long)st.st_size, max);
		cairn_err_at(err, path, 0, 0);
		return CAIRN_EDATA;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	}
	for (;;) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size + 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			close(fd);
			return io_error(err, "read", path);
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got > max) {
			free(buf);
			close(fd);
			cairn_err_set(err, CAIRN_EDATA, "file too large (at most %zu bytes)", max);
			cairn_err_at(err, path, 0, 0);
			return CAIRN_EDATA;
		}
		if (got == (size_t)st.st_size + 1) {
			char *nb = realloc(buf, got * 2 + 1);
			if (!nb) {
				free(buf);
				close(fd);
				return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
			}
			buf = nb;
			st.st_size = (off_t)(got * 2);
		}
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	if (len)
		*len = got;
	return 0;
}

static int fsync_dir_of(const char *path)
{
	char *dir = strdup(path), *slash;
	int fd, rc = 0;

	if (!dir)
		return -1;
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || FAULT("fsync", EIO) || fsync(fd) < 0)
		rc = -1;
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) ? -1 : 0;
}

int cairn_fs_remove_tree(const char *path)
{
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int cairn_fs_mkdirs(const char *path, cairn_err *err)
{
	char *p = strdup(path), *s;

	if (!p)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	for (s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (!cairn_fs_is_dir(p)) {
				if (FAULT("mkdir", EIO) || mkdir(p, CAIRN_DIR_MODE) < 0) {
					if (errno != EEXIST) {
						int rc = io_error(err, "create the folder", p);
						free(p);
						return rc;
					}
				} else {
					/* mkdir honours the umask; make sure it is 0700; and the
					 * new folder's name is made durable in its parent */
					chmod(p, CAIRN_DIR_MODE);
					if (fsync_dir_of(p) < 0) {
						int rc = io_error(err, "sync the folder of", p);
						free(p);
						return rc;
					}
				}
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

int cairn_fs_prepare(char **tmp_out, const char *path, const char *data, size_t len, cairn_err *err)
{
	char *tmp, *slash;
	size_t plen = strlen(path);
	int fd, rc;
	size_t off = 0;

	*tmp_out = NULL;
	tmp = malloc(plen + sizeof(CAIRN_TMP_MARK) + 16);
	if (!tmp)
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	/* .<name>.cairn-tmp.XXXXXX beside the file */
	slash = strrchr(path, '/');
	if (slash) {
		size_t dl = (size_t)(slash - path);
		char *dir = strndup(path, dl);
		if (!dir) {
			free(tmp);
			return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		rc = cairn_fs_mkdirs(dir, err);
		free(dir);
		if (rc) {
			free(tmp);
			return rc;
		}
		sprintf(tmp, "%.*s/.%s" CAIRN_TMP_MARK "XXXXXX", (int)dl, path, slash + 1);
	} else {
		sprintf(tmp, ".%s" CAIRN_TMP_MARK "XXXXXX", path);
	}
	if (FAULT("open", EIO) || (fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		rc = io_error(err, "create a temporary file for", path);
		free(tmp);
		return rc;
	}
	fchmod(fd, CAIRN_FILE_MODE);
	while (off < len) {
		ssize_t w = FAULT("write", ENOSPC) ? -1 : write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto fail;
		off += (size_t)w;
	}
	if (FAULT("fsync", EIO) || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	*tmp_out = tmp;
	return 0;
fail:
	rc = io_error(err, "write", path);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return rc;
}

int cairn_fs_install(const char *tmp, const char *path, cairn_err *err)
{
	if (FAULT("rename", EIO) || rename(tmp, path) < 0) {
		int rc = io_error(err, "write", path);
		unlink(tmp);
		return rc;
	}
	if (fsync_dir_of(path) < 0)
		return io_error(err, "sync the folder of", path);
	return 0;
}

int cairn_fs_write_atomic(const char *path, const char *data, size_t len, cairn_err *err)
{
	char *tmp;
	int rc;

	if ((rc = cairn_fs_prepare(&tmp, path, data, len, err)))
		return rc;
	rc = cairn_fs_install(tmp, path, err);
	free(tmp);
	return rc;
}

int cairn_fs_unlink(const char *path, cairn_err *err)
{
	if (FAULT("unlink", EIO) || unlink(path) < 0) {
		if (errno == ENOENT)
			return 0;
		return io_error(err, "remove", path);
	}
	if (fsync_dir_of(path) < 0)
		return io_error(err, "sync the folder of", path);
	return 0;
}

int cairn_fs_lock(int *fd, const char *path, double timeout, cairn_err *err)
{
	struct timespec start, now, pause = {0, 20 * 1000 * 1000};
	int f;

	*fd = -1;
	f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, CAIRN_FILE_MODE);
	if (f < 0)
		return io_error(err, "open the lock", path);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (flock(f, LOCK_EX | LOCK_NB) == 0) {
			*fd = f;
			return 0;
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int rc = io_error(err, "take the lock", path);
			close(f);
			return rc;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((double)(now.tv_sec - start.tv_sec) +
		        (double)(now.tv_nsec - start.tv_nsec) / 1e9 >=
		    timeout)
			break;
		nanosleep(&pause, NULL);
	}
	close(f);
	cairn_err_set(err, CAIRN_ELOCKED,
	              "another cairn command is writing (waited %gs for the lock)", timeout);
	cairn_err_at(err, path, 0, 0);
	cairn_err_hint(err, "try again in a moment; CAIRN_LOCK_TIMEOUT sets how long to wait");
	return CAIRN_ELOCKED;
}

int cairn_fs_lock_held(const char *path)
{
	int f = open(path, O_RDONLY | O_CLOEXEC), held;

	if (f < 0)
		return 0;
	held = flock(f, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(f);
	return held;
}

void cairn_fs_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cairn_fs_list(char ***out, size_t *n, const char *dir, cairn_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t len = 0, cap = 0;

	*out = NULL;
	*n = 0;
	if (!d) {
		if (errno == ENOENT) {
			*out = calloc(1, sizeof(char *));
			return *out ? 0 : cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
		}
		return io_error(err, "list", dir);
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (len + 2 > cap) {
			char **nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
			if (!nv)
				goto oom;
			v = nv;
		}
		if (!(v[len] = strdup(e->d_name)))
			goto oom;
		v[++len] = NULL;
	}
	closedir(d);
	if (!v && !(v = calloc(1, sizeof(char *))))
		return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
	qsort(v, len, sizeof(*v), cmp_str);
	*out = v;
	*n = len;
	return 0;
oom:
	closedir(d);
	if (v)
		v[len] = NULL;
	cairn_strv_free(v);
	return cairn_err_set(err, CAIRN_ENOMEM, "out of memory");
}

void cairn_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}
