/*
** paths.h - the files of a batch: named on the command line, read from a
** stream (one a line), or found by walking folders.
**
** A file named is always tried (its format is found from its content); a
** folder is walked recursively for the extensions the reader reads
** (rg_read_extensions(): *.docx and *.odt, any case), leaving out hidden
** files and Word's "~$" lock files and not following symlinked folders;
** the other files it meets are counted.  A path is written plainly ("./a//b"
** is "a/b"), and one file reached twice ("corpus" and "./corpus", a hard
** link, a symlink) is taken once, under the name that sorts first.  The
** list is sorted (byte order), so the order of a batch never depends on
** the walk.
*/
#ifndef RG_PATHS_H
#define RG_PATHS_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
	unsigned long long dev, ino;   /* the file's identity (0, 0: unknown, e.g. missing) */
} rg_path_id;

typedef struct {
	char **items;
	rg_path_id *ids;         /* of each item */
	size_t len, cap;
	size_t unreadable;       /* folders that could not be read (each said on messages) */
	size_t other_files;      /* files in walked folders that the reader does not take (set by rg_paths_sort) */
	rg_path_id *others;      /* their ids, each counted once */
	size_t n_others, cap_others;
	FILE *messages;          /* where "raingan: FOLDER: cannot read the folder: ..." goes; NULL: nowhere */
} rg_paths;

/* Add a path: a folder is walked, anything else is taken as a file (a missing
** file fails later, with its error recorded).  0 or RG_ENOMEM. */
int rg_paths_add(rg_paths *l, const char *path);

/* Add every non-empty line of a stream as a path (rg_paths_add). */
int rg_paths_add_lines(rg_paths *l, FILE *in);

/* Sort and drop repeats (the same path, or the same file under two names). */
int rg_paths_sort(rg_paths *l);   /* 0 or RG_ENOMEM */

void rg_paths_free(rg_paths *l);

#endif
