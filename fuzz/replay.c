/* cairn — replays fuzz inputs without libFuzzer: links to a fuzz target's source and calls
 * its LLVMFuzzerTestOneInput on every file given, or on every file in a directory given (files
 * whose names start with '.' left out). A broken invariant aborts, as it does under the fuzzer.
 *
 * Usage: fuzz_replay_<target> FILE|DIR...  Exit status 0 when every input ran, 1 when a path
 * could not be read. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs the target on one file, read into a buffer of exactly its size. */
static int run_file(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		uint8_t chunk[65536];
		got = fread(chunk, 1, sizeof(chunk), f);
		if (got == 0)
			break;
		if (size + got > cap) {
			uint8_t *nd;
			cap = (size + got) * 2;
			if (!(nd = realloc(data, cap))) {
				fprintf(stderr, "replay: %s: out of memory\n", path);
				free(data);
				fclose(f);
				return -1;
			}
			data = nd;
		}
		memcpy(data + size, chunk, got);
		size += got;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	{
		/* exactly size bytes, so that a read past the end is caught by the sanitizers */
		uint8_t *exact = malloc(size ? size : 1);
		if (!exact) {
			free(data);
			return -1;
		}
		if (size)
			memcpy(exact, data, size);
		free(data);
		fprintf(stderr, "replay: %s\n", path);
		LLVMFuzzerTestOneInput(exact, size);
		free(exact);
	}
	(*count)++;
	return 0;
}

static int run_dir(const char *path, size_t *count)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		char **nv;
		if (e->d_name[0] == '.')
			continue;
		if (!(nv = realloc(names, (n + 1) * sizeof(*nv))) ||
		    !(nv[n] = malloc(strlen(path) + strlen(e->d_name) + 2))) {
			names = nv ? nv : names;
			rc = -1;
			break;
		}
		names = nv;
		sprintf(names[n++], "%s/%s", path, e->d_name);
	}
	closedir(d);
	/* in name order, so that a run reads the same way every time */
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (!rc && stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc = run_dir(names[i], count);
		else if (!rc)
			rc = run_file(names[i], count);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		int rc;
		if (stat(argv[i], &st)) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		rc = S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) : run_file(argv[i], &count);
		if (rc)
			status = 1;
	}
	printf("replay: %zu inputs\n", count);
	return status;
}
