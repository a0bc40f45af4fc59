/* bench/floor — the floors that cairn's times are measured against.
 *
 *   floor nothing    a process linked to libgit2 and libyaml that does nothing
 *   floor init       the same, calling git_libgit2_init() and exiting
 *   floor read DIR   read every record file (*.yaml) under DIR, .git excluded, without
 *                    parsing; prints the number of files and bytes
 *
 * Built by bench/run:  cc -O2 -o floor bench/floor.c $(pkg-config --cflags --libs libgit2 yaml-0.1)
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static char buf[1 << 20];

static int is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && !strcmp(name + n - 5, ".yaml");
}

/* Reads every *.yaml file under dir; adds to *files and *bytes. */
static int read_tree(const char *dir, long *files, long long *bytes)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d))) {
		int dirlike;
		if (e->d_name[0] == '.')
			continue; /* ".", "..", ".git", temporary files */
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_UNKNOWN) {
			struct stat st;
			if (lstat(path, &st))
				continue;
			dirlike = S_ISDIR(st.st_mode);
		} else {
			dirlike = e->d_type == DT_DIR;
		}
		if (dirlike) {
			if (read_tree(path, files, bytes)) {
				closedir(d);
				return 1;
			}
		} else if (is_yaml(e->d_name)) {
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			ssize_t n;
			if (fd < 0) {
				perror(path);
				closedir(d);
				return 1;
			}
			while ((n = read(fd, buf, sizeof(buf))) > 0)
				*bytes += n;
			close(fd);
			++*files;
		}
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "nothing"))
		return 0;
	if (argc >= 2 && !strcmp(argv[1], "init"))
		return git_libgit2_init() < 0;
	if (argc >= 3 && !strcmp(argv[1], "read")) {
		long files = 0;
		long long bytes = 0;
		if (read_tree(argv[2], &files, &bytes))
			return 1;
		printf("%ld files, %lld bytes\n", files, bytes);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "version")) {
		int major, minor, rev;
		git_libgit2_version(&major, &minor, &rev);
		printf("libgit2 %d.%d.%d, libyaml %s\n", major, minor, rev,
		       yaml_get_version_string());
		return 0;
	}
	fprintf(stderr, "usage: floor nothing|init|read DIR|version\n");
	return 2;
}
