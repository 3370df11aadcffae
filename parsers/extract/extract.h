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

/* Load and compile every rule file in rules_dir (NULL: the installed default). */
int rg_parser_new(rg_parser **out, const char *rules_dir, const rg_limits *lim);
void rg_parser_free(rg_parser *p);

/* Parse one file.  The model's source fields are filled (file as given, format, sha256). */
int rg_parse_file(const rg_parser *p, const char *path, rg_model **out);

/* Parse a document model already read (source fields are left to the caller). */
int rg_extract(const rg_parser *p, const rg_doc *doc, rg_model **out);

#endif
