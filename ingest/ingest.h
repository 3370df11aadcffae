/*
** ingest.h - the ingest pipeline as a library: a batch of files into a
** store, incrementally and in parallel, one bad file never stopping it.
**
**   paths (paths.h)  ->  worker processes (workers.h): read each file once,
**   hash those bytes, skip what the store holds, parse the rest (parse.h)
**   ->  one writer, in path order: each filing in its own transaction (store.h)
**
** The order of the batch is the sorted list of paths, and the writer takes
** the results in that order whatever the number of workers; memory holds
** at most a window of 4 x jobs parsed models, whatever the batch size.  A
** file that crashes its worker or runs past the time limit is recorded as
** failed with its cause, and the batch goes on.  A source
** (rg_ingest_source: the store's shared queue, queue.h) may give more files
** after the inputs, a batch at a time.
** `raingan ingest`, `run` and `work` are this plus their options and output.
*/
#ifndef RG_INGEST_H
#define RG_INGEST_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "extract/extract.h"
#include "paths.h"
#include "store.h"

/* More files after the inputs, a batch at a time (ingest/queue.h: the store's shared queue). */
typedef struct {
	/* Put the next files into paths (empty on entry); none: the source is done.
	** *left: how many more it may give after these (for the progress line). */
	int (*next)(void *ctx, rg_paths *paths, size_t *left);
	/* The writer is done with a file, in order: stored or skipped (failed 0), or
	** failed, with its message.  A non-zero return stops the job. */
	int (*finished)(void *ctx, const char *path, int failed, const char *message);
	void *ctx;
} rg_ingest_source;

typedef struct {
	const char *const *inputs;    /* files (always tried) and folders (walked) */
	size_t n_inputs;
	FILE *more_paths;             /* more inputs, one a line (standard input for "-"); NULL: none */
	int jobs;                     /* worker processes, 1 or more */
	double timeout;               /* seconds one file may take to parse; 0: no limit */
	volatile sig_atomic_t *stop;  /* set (by a signal handler) to stop: no new file is started,
	                                 the filing being stored is finished; NULL: never */
	rg_parser *parser;            /* the workers start as copies of this process; the batch's
	                                 legacy files (.doc, .rtf) converted ahead are set on it
	                                 for the run (rg_parser_use_converted) and cleared after */
	rg_store *store;              /* written by this process's one writer */
	FILE *messages;               /* "raingan: PATH: what is wrong" for each file that failed and
	                                 folder that could not be read; NULL: not printed */
	FILE *progress;               /* the terminal for the progress line; NULL: none */
	const rg_ingest_source *source;   /* more files after the inputs; NULL: none */
} rg_ingest_job;

typedef struct {
	size_t files;                 /* in the batch */
	size_t stored;                /* new filings written */
	size_t skipped;               /* already stored (by sha256) */
	size_t failed;                /* could not be read or stored: recorded in the store's failures */
	size_t findings;              /* of the new filings */
	size_t parsed;                /* went through the parser (the rest were skipped by their hash) */
	size_t unreadable_folders;
	size_t other_files;           /* found in folders and not read: not a format the reader takes */
	int interrupted;              /* stopped by *stop before the end */
	size_t not_started;           /* when interrupted: files left for the next run */
	double seconds;
} rg_ingest_summary;

/* Run the batch.  Returns 0 when it ran to its end or was stopped by *stop
** (files may have failed, or be left: see the summary), or an RG_E* error when the job itself failed (the store
** could not be written, out of memory), with the message set; what was
** committed before stays, and a rerun completes the rest. */
int rg_ingest_run(const rg_ingest_job *job, rg_ingest_summary *sum);

#endif
