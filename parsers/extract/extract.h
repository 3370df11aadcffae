/*
** extract.h - from a filing to the normalized model: read, apply the rules,
** validate.  A parser holds the compiled rules and the reader limits; it is
** read-only once made, so one parser serves many threads at once.
*/
#ifndef RG_EXTRACT_H
#define RG_EXTRACT_H

#include "../model/model.h"
#include "../read/doc.h"
#include "../read/reader.h"

typedef struct rg_parser rg_parser;

/* Load and compile every rule file in rules_dir (the program chooses it: there is no default here). */
int rg_parser_new(rg_parser **out, const char *rules_dir, const rg_limits *lim);
void rg_parser_free(rg_parser *p);

/* Give the parser the legacy files (.doc, .rtf) a batch converted ahead
** (read/convert.h; NULL: none, each converts on its own).  Set it before
** the parser is used, never while it parses: it is read without a lock. */
void rg_parser_use_converted(rg_parser *p, const struct rg_converted *converted);

/* Parse one file.  The model's source fields are filled (file as given, format, sha256). */
int rg_parse_file(const rg_parser *p, const char *path, rg_model **out);

/* Parse a file's bytes read by the caller (data[0..len), kept alive during the call):
** the same as rg_parse_file of path, with sha256 the hex digest of those bytes
** (NULL: computed here), so a file is read and hashed once. */
int rg_parse_memory(const rg_parser *p, const void *data, size_t len, const char *path,
	const char *sha256, rg_model **out);

/* Parse a document model already read (source fields are left to the caller). */
int rg_extract(const rg_parser *p, const rg_doc *doc, rg_model **out);

#endif
