/*
** docx.h - WordprocessingML parts (document, headers, footers, notes) into the builder.
**
** The main part's companions say what a part alone does not: styles.xml
** which styles hide their text (w:vanish) or number their paragraphs, and
** numbering.xml which list levels draw a check box as their marker.  They
** are read first into an rg_docx_info, shared by every part of the package.
*/
#ifndef RG_DOCX_H
#define RG_DOCX_H

#include "build.h"
#include "package.h"

/* Relationship ids of the headers and footers in the order the body references them. */
typedef struct {
	char **ids;
	size_t len, cap;
} rg_idlist;

int rg_idlist_add(rg_idlist *l, const char *id);   /* ignores duplicates */
void rg_idlist_free(rg_idlist *l);

/* Styles and numbering of a package (read-only once read). */
typedef struct rg_docx_info rg_docx_info;

rg_docx_info *rg_docx_info_new(void);   /* NULL (message set) when out of memory */
void rg_docx_info_free(rg_docx_info *info);
/* Read word/numbering.xml, then word/styles.xml (either may be absent: part NULL);
** a styles.xml that holds nothing the reader uses is only scanned, not parsed. */
int rg_docx_read_styles(rg_docx_info *info, rg_package *pkg, const char *part, const rg_limits *lim);
int rg_docx_read_numbering(rg_docx_info *info, rg_package *pkg, const char *part, const rg_limits *lim);

/* What reading one part needs besides its XML. */
typedef struct {
	const rg_docx_info *info;        /* styles and numbering, or NULL */
	rg_idlist *headers, *footers;    /* collect the main part's header/footer references, or NULL */
	/* A w:altChunk with this relationship id: read what it points at into the
	** builder at this point (or warn); returns 0 or an RG_E* code that stops
	** the whole read.  NULL: the chunk is reported as not read. */
	int (*alt_chunk)(void *ctx, rg_builder *b, const char *rid);
	void *alt_ctx;
} rg_docx_part_opts;

/* Read one WordprocessingML part into dest.  pkg NULL: xml/len hold the part.
** On failure nothing of the part is left in the builder. */
int rg_docx_read_part(rg_package *pkg, const char *part, const char *xml, size_t len,
		      rg_builder *b, rg_blocks *dest, const rg_docx_part_opts *opts);

#endif
