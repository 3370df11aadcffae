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
#include "read/reader.h"

/* path written plainly: no "./" steps, no doubled or trailing '/' (the caller frees). */
static char *clean_path(const char *path)
{
	rg_buf b = RG_BUF_INIT;
	const char *p = path;

	if (*p == '/')
		rg_buf_putc(&b, '/');
	while (*p) {
		size_t n;
		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (!n)
			break;
		if (!(n == 1 && *p == '.')) {
			if (b.len && b.ptr[b.len - 1] != '/')
				rg_buf_putc(&b, '/');
			rg_buf_put(&b, p, n);
		}
		p += n;
	}
	if (!b.len)
		rg_buf_putc(&b, '.');
	if (rg_buf_oom(&b)) {
		rg_buf_free(&b);
		return NULL;
	}
	return rg_buf_detach(&b);
}

static int push(rg_paths *l, const char *path, const struct stat *st)
{
	char **items;
	rg_path_id *ids;

	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		if (!(items = realloc(l->items, cap * sizeof(*items))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		l->items = items;
		if (!(ids = realloc(l->ids, cap * sizeof(*ids))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		l->ids = ids;
		l->cap = cap;
	}
	if (!(l->items[l->len] = clean_path(path)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	l->ids[l->len].dev = st ? (unsigned long long)st->st_dev : 0;
	l->ids[l->len].ino = st ? (unsigned long long)st->st_ino : 0;
	l->len++;
	return 0;
}

void rg_paths_free(rg_paths *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	free(l->ids);
	free(l->others);
	l->items = NULL;
	l->ids = NULL;
	l->others = NULL;
	l->n_others = l->cap_others = 0;
	l->len = l->cap = 0;
}

/* A folder walk takes the files of the extensions the reader reads (any case);
** a named file is always tried. */
static int has_doc_ext(const char *name)
{
	const char *const *ext;
	const char *dot = strrchr(name, '.');

	for (ext = rg_read_extensions(); dot && *ext; ext++)
		if (!strcasecmp(dot, *ext))
			return 1;
	return 0;
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
	if (S_ISLNK(st.st_mode) && (stat(path, &st) || !S_ISREG(st.st_mode)))
		return 0;
	if (!S_ISREG(st.st_mode))
		return 0;
	if (!has_doc_ext(name)) {
		/* said in the summary: a .pdf or .doc left unread is not silent */
		if (l->n_others == l->cap_others) {
			size_t cap = l->cap_others ? l->cap_others * 2 : 64;
			rg_path_id *ids = realloc(l->others, cap * sizeof(*ids));
			if (!ids)
				return rg_error_set(RG_ENOMEM, "out of memory");
			l->others = ids;
			l->cap_others = cap;
		}
		l->others[l->n_others].dev = (unsigned long long)st.st_dev;
		l->others[l->n_others++].ino = (unsigned long long)st.st_ino;
		return 0;
	}
	return push(l, path, &st);
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
	char *clean;
	int rc;

	if (stat(path, &st))
		return push(l, path, NULL);
	if (!S_ISDIR(st.st_mode))
		return push(l, path, &st);
	if (!(clean = clean_path(path)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	rc = walk(l, clean);
	free(clean);
	return rc;
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

/* Sorting: items and their ids move together. */
typedef struct {
	char *path;
	rg_path_id id;
	size_t pos;
} entry;

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static int cmp_id(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->id.dev != y->id.dev)
		return x->id.dev < y->id.dev ? -1 : 1;
	if (x->id.ino != y->id.ino)
		return x->id.ino < y->id.ino ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cmp_pos(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cmp_other(const void *a, const void *b)
{
	const rg_path_id *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

int rg_paths_sort(rg_paths *l)
{
	entry *e;
	size_t i, j, n;

	/* the other files, each once (a folder named twice is walked twice) */
	if (l->n_others)
		qsort(l->others, l->n_others, sizeof(*l->others), cmp_other);
	for (i = 0, l->other_files = 0; i < l->n_others; i++)
		l->other_files += !i || cmp_other(&l->others[i], &l->others[i - 1]);
	if (!l->len)
		return 0;
	if (!(e = malloc(l->len * sizeof(*e))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	for (i = 0; i < l->len; i++) {
		e[i].path = l->items[i];
		e[i].id = l->ids[i];
	}
	qsort(e, l->len, sizeof(*e), cmp_path);
	/* the same name twice */
	for (i = 1, n = 1; i < l->len; i++) {
		if (!strcmp(e[i].path, e[n - 1].path))
			free(e[i].path);
		else
			e[n++] = e[i];
	}
	for (i = 0; i < n; i++)
		e[i].pos = i;
	/* the same file under two names: the one that sorts first stays */
	qsort(e, n, sizeof(*e), cmp_id);
	for (i = 0, j = 0; i < n; i++) {
		if (j && e[i].id.ino && e[i].id.dev == e[j - 1].id.dev && e[i].id.ino == e[j - 1].id.ino)
			free(e[i].path);
		else
			e[j++] = e[i];
	}
	n = j;
	qsort(e, n, sizeof(*e), cmp_pos);
	for (i = 0; i < n; i++) {
		l->items[i] = e[i].path;
		l->ids[i] = e[i].id;
	}
	l->len = n;
	free(e);
	return 0;
}
