/*
** parse.h - where the ingest pipeline parses a file: the one place where a
** fault of the parser (a crash, a runaway file) can happen.  It runs in a
** worker process (workers.h), which hands the model back as model JSON
** (model/model_json.h writes it, model_load.h reads it), so such a fault
** costs that file only.
*/
#ifndef RG_INGEST_PARSE_H
#define RG_INGEST_PARSE_H

#include <stddef.h>

#include "extract/extract.h"

/* Parse the bytes of the file at path (read once by the caller), whose
** SHA-256 is sha256 (hex).  On failure *out is NULL and the thread's error
** says why; *ms is the time it took, in milliseconds. */
int rg_ingest_parse(const rg_parser *p, const char *path, const void *data, size_t len,
	const char *sha256, rg_model **out, double *ms);

#endif
