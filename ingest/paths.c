/*
** paths.c - collecting the files of a batch (see paths.h).
*/
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/error.h"

static int push(rg_paths *l, const char *path)
{
	char **items;

	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		if (!(items = realloc(l->items, cap * sizeof(*items))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		l->items = items;
		l->cap = cap;
	}
	if (!(l->items[l->len] = strdup(path)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	l->len++;
	return 0;
}

void rg_paths_free(rg_paths *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->len = l->cap = 0;
}

/* A folder walk takes .docx and .odt files (any case); a named file is always tried. */
static int has_doc_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcasecmp(dot, ".docx") || !strcasecmp(dot, ".odt"));
}

/* Hidden files and Word's "~$" lock files are not filings. */
static int skip_name(const char *name)
{
	return name[0] == '.' || (name[0] == '~' && name[1] == '$');
}

static int walk(rg_paths *l, const char *dir);

/* One entry of a folder: recurse into folders (not through symlinks), take documents. */
static int walk_entry(rg_paths *l, const char *path, const char *name)
{
	struct stat st;

	if (lstat(path, &st))
		return 0;   /* vanished while walking */
	if (S_ISDIR(st.st_mode))
		return walk(l, path);
	if (!has_doc_ext(name))
		return 0;
	if (S_ISLNK(st.st_mode) && (stat(path, &st) || !S_ISREG(st.st_mode)))
		return 0;
	return S_ISREG(st.st_mode) ? push(l, path) : 0;
}

static int walk(rg_paths *l, const char *dir)
{
	rg_buf path = RG_BUF_INIT;
	struct dirent *e;
	DIR *d;
	int rc = 0;

	if (!(d = opendir(dir))) {
		if (l->messages)
			fprintf(l->messages, "raingan: %s: cannot read the folder: %s\n", dir, strerror(errno));
		l->unreadable++;
		return 0;
	}
	while (!rc && (e = readdir(d))) {
		if (skip_name(e->d_name))
			continue;
		rg_buf_clear(&path);
		rg_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		rc = rg_buf_oom(&path) ? rg_error_set(RG_ENOMEM, "out of memory")
			: walk_entry(l, rg_buf_cstr(&path), e->d_name);
	}
	closedir(d);
	rg_buf_free(&path);
	return rc;
}

int rg_paths_add(rg_paths *l, const char *path)
{
	struct stat st;

	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		return walk(l, path);
	return push(l, path);
}

int rg_paths_add_lines(rg_paths *l, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while (!rc && (n = getline(&line, &cap, in)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0)
			rc = rg_paths_add(l, line);
	}
	free(line);
	return rc;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void rg_paths_sort(rg_paths *l)
{
	size_t i, j = 0;

	if (!l->len)
		return;
	qsort(l->items, l->len, sizeof(*l->items), cmp_path);
	for (i = 1; i < l->len; i++) {
		if (!strcmp(l->items[i], l->items[j]))
			free(l->items[i]);
		else
			l->items[++j] = l->items[i];
	}
	l->len = j + 1;
}
