/*
** reader.h - read a DOCX or ODT file into the document model (doc.h).
**
** The format is found from the content (zip entries, the ODF mimetype, the
** package relationships, the first bytes of a file that is not a zip),
** never from the file name: DOCX and its macro-enabled and template forms,
** ODT and OTT, flat ODF text (.fodt), and through LibreOffice Word 97-2003
** .doc and RTF (convert.h).  Parts are inflated and
** parsed as streams (SAX), so memory grows with the text of the document,
** not with its XML.  Hostile input is refused with RG_E* codes and a
** one-line message: see the limits below.
*/
#ifndef RG_READER_H
#define RG_READER_H

#include <stddef.h>
#include "doc.h"

struct rg_converted;

typedef struct {
	size_t max_part_size;      /* bytes of one inflated XML part (and of a legacy file converted) */
	unsigned max_ratio;        /* inflated / compressed size of a part above 1 MiB */
	size_t max_table_cells;    /* rows x columns of one table */
	int max_nesting;           /* tables inside tables (and text boxes, alternative chunks) */
	/* Legacy formats (.doc, .rtf) through LibreOffice (convert.h): */
	unsigned convert_timeout;  /* seconds per file; 0: $RAINGAN_CONVERT_TIMEOUT, else 120 */
	int no_convert;            /* 1: refuse them instead of starting LibreOffice (fuzzing) */
	const struct rg_converted *converted;  /* converted ahead by rg_convert_batch(), or NULL */
} rg_limits;

#define RG_DEFAULT_MAX_PART_SIZE ((size_t)256 << 20)
#define RG_DEFAULT_MAX_RATIO 500u
#define RG_DEFAULT_MAX_TABLE_CELLS ((size_t)1 << 20)
#define RG_DEFAULT_MAX_NESTING 32

void rg_limits_default(rg_limits *lim);

/* The file name extensions (".docx", ...: lowercase, NULL-terminated) of the
** formats this reader reads: what a folder walk takes (ingest/paths.h).  A
** file named by the user is read whatever its name. */
const char *const *rg_read_extensions(void);

/* Read a file.  On failure *out is NULL and the error message says what is wrong. */
int rg_read_file(const char *path, const rg_limits *lim, rg_doc **out);

/* Read a package held in memory (the caller keeps the bytes alive during the call). */
int rg_read_memory(const void *data, size_t len, const rg_limits *lim, rg_doc **out);

/* Read one XML part alone: a DOCX document.xml or an ODT content.xml (for tests and fuzzing). */
int rg_read_docx_xml(const char *xml, size_t len, const rg_limits *lim, rg_doc **out);
int rg_read_odt_xml(const char *xml, size_t len, const rg_limits *lim, rg_doc **out);

#endif
