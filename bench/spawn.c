/* bench/spawn — run one command and report its wall time and peak memory.
 *
 *   spawn [-i FILE] [-e FILE] [-C DIR] -- PROGRAM [ARG...]
 *
 * Runs PROGRAM (found on PATH) with stdin from FILE (default /dev/null), stdout to
 * /dev/null and stderr to FILE (default /dev/null), in DIR, and prints one line:
 *
 *   WALL_NS MAXRSS_KIB STATUS
 *
 * WALL_NS is the time from just before fork() to the return of wait4(); MAXRSS_KIB is the
 * child's ru_maxrss from wait4(), which covers the children it waited for (the git and gpg
 * processes of a shell script); STATUS is the exit status, or 128 + the signal.
 *
 * bench/run builds it statically, so that the memory the child inherits at fork() (and that
 * Linux counts in its peak) is a few hundred KiB, less than any program measured; a runner
 * written in Python would add its own ~10 MiB to every figure.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0600);
	if (f < 0) {
		perror(path);
		_exit(126);
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
}

int main(int argc, char **argv)
{
	const char *in = "/dev/null", *err = "/dev/null", *dir = NULL;
	int i = 1, status;
	long long t0, t1;
	struct rusage ru;
	pid_t pid;

	for (; i < argc && strcmp(argv[i], "--"); i += 2) {
		if (i + 1 >= argc)
			goto usage;
		if (!strcmp(argv[i], "-i"))
			in = argv[i + 1];
		else if (!strcmp(argv[i], "-e"))
			err = argv[i + 1];
		else if (!strcmp(argv[i], "-C"))
			dir = argv[i + 1];
		else
			goto usage;
	}
	if (i + 1 >= argc)
		goto usage;
	argv += i + 1;

	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 125;
	}
	if (pid == 0) {
		redirect(in, 0, O_RDONLY);
		redirect("/dev/null", 1, O_WRONLY);
		redirect(err, 2, O_WRONLY | O_CREAT | O_APPEND);
		if (dir && chdir(dir)) {
			perror(dir);
			_exit(126);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "spawn: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("wait4");
			return 125;
		}
	t1 = now_ns();
	printf("%lld %ld %d\n", t1 - t0, ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
usage:
	fprintf(stderr, "usage: spawn [-i FILE] [-e FILE] [-C DIR] -- PROGRAM [ARG...]\n");
	return 2;
}
