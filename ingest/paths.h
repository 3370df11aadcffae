/*
** paths.h - the files of a batch: named on the command line, read from a
** stream (one a line), or found by walking folders.
**
** A file named is always tried (its format is found from its content); a
** folder is walked recursively for *.docx and *.odt (any case), leaving out
** hidden files and Word's "~$" lock files and not following symlinked
** folders.  The list is sorted (byte order) without repeats, so the order
** of a batch never depends on the walk.
*/
#ifndef RG_PATHS_H
#define RG_PATHS_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
	char **items;
	size_t len, cap;
	size_t unreadable;       /* folders that could not be read (each said on messages) */
	FILE *messages;          /* where "raingan: FOLDER: cannot read the folder: ..." goes; NULL: nowhere */
} rg_paths;

/* Add a path: a folder is walked, anything else is taken as a file (a missing
** file fails later, with its error recorded).  0 or RG_ENOMEM. */
int rg_paths_add(rg_paths *l, const char *path);

/* Add every non-empty line of a stream as a path (rg_paths_add). */
int rg_paths_add_lines(rg_paths *l, FILE *in);

/* Sort and drop repeats. */
void rg_paths_sort(rg_paths *l);

void rg_paths_free(rg_paths *l);

#endif
