/*
** package.h - the zip package of a DOCX or ODT, with the limits enforced.
**
** Parts are streamed: rg_package_parse_xml() inflates a part chunk by chunk
** into a libxml2 SAX push parser, counting the bytes, so a zip bomb is
** stopped at the limit and a huge part never sits in memory.  The XML parser
** never loads a DTD, never substitutes entities and refuses any DOCTYPE.
*/
#ifndef RG_PACKAGE_H
#define RG_PACKAGE_H

#include <stddef.h>
#include <libxml/parser.h>

#include "../core/buf.h"
#include "reader.h"

typedef struct rg_package rg_package;

/* The state every SAX context starts with, so callbacks can stop the parse. */
typedef struct {
	xmlParserCtxtPtr parser;
	int err;                    /* an RG_E* code set by a callback */
	const char *part;           /* the part being parsed, for messages */
} rg_xml_state;

int rg_package_open_file(const char *path, const rg_limits *lim, rg_package **out);
int rg_package_open_memory(const void *data, size_t len, const rg_limits *lim, rg_package **out);
void rg_package_close(rg_package *pkg);

/* Whether the package has this part (case-insensitive, as OPC names are). */
int rg_package_has(rg_package *pkg, const char *name);

/* Read a whole small part (at most max bytes) into out. */
int rg_package_read(rg_package *pkg, const char *name, size_t max, rg_buf *out);

/* Whether a part holds any of the byte strings (streamed, stopping at the first
** found): *found is 1 or 0.  Cheaper than parsing when a part rarely matters.
** needles must be a static array (its address names the set): a part found
** without them is remembered by its CRC-32 and sizes, and not read again. */
int rg_package_contains(rg_package *pkg, const char *name, const char *const *needles, size_t n, int *found);

/* A process-wide memory of parts by CRC-32 and sizes (thread-safe, bounded):
** remember that this part gave the verdict `key` (a static address), and ask
** whether an identical part was seen with it. */
int rg_package_seen(rg_package *pkg, const char *name, const void *key);
void rg_package_remember(rg_package *pkg, const char *name, const void *key);

/* Stream a part through the SAX handlers; ctx must start with an rg_xml_state. */
int rg_package_parse_xml(rg_package *pkg, const char *name, xmlSAXHandler *sax, void *ctx);

/* Parse XML held in memory with the same protections. */
int rg_xml_parse_memory(const char *xml, size_t len, const char *part, xmlSAXHandler *sax, void *ctx);

/* Set the SAX fields shared by every reader: error capture and DOCTYPE refusal. */
void rg_xml_sax_init(xmlSAXHandler *sax);

/* From a callback: record an error (message already set with rg_error_set) and stop. */
void rg_xml_stop(rg_xml_state *st, int code);

/* Attribute lookup in SAX2 attributes by local name (value copied into buf, NUL-terminated). */
const char *rg_xml_attr(const xmlChar **attrs, int nattrs, const char *local, char *buf, size_t bufsize);

/* Call once before threads use the reader (idempotent, thread-safe). */
void rg_xml_global_init(void);

#endif
