/*
** replay_main.c - a main() for the fuzz harnesses when libFuzzer is not
** there (gcc builds, the normal and ASan test builds): runs
** LLVMFuzzerTestOneInput() once on each file named on the command line, or
** on every file of each directory named, and prints how many it ran.  The
** regression tests (tests/fuzz.cmake) use it to replay tests/fuzz/regressions/.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			unsigned char *p;
			cap = cap ? cap * 2 : 65536;
			if (!(p = realloc(data, cap))) {
				fclose(f);
				free(data);
				return -1;
			}
			data = p;
		}
		n = fread(data + len, 1, cap - len, f);
		if (!n)
			break;
		len += n;
	}
	fclose(f);
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, int *count)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: no such file or directory: %s\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (run_file(path))
			return -1;
		(*count)++;
		return 0;
	}
	if (!(d = opendir(path)))
		return -1;
	while ((e = readdir(d)) != NULL) {
		char *full;
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p;
			cap = cap ? cap * 2 : 64;
			if (!(p = realloc(names, cap * sizeof(*p))))
				break;
			names = p;
		}
		if (!(full = malloc(strlen(path) + strlen(e->d_name) + 2)))
			break;
		sprintf(full, "%s/%s", path, e->d_name);
		names[n++] = full;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		if (!rc && run_path(names[i], count))
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int i, count = 0, rc = 0;

	for (i = 1; i < argc; i++)
		if (run_path(argv[i], &count))
			rc = 1;
	printf("replay: %d inputs run without a crash\n", count);
	return rc;
}
