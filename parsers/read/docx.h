/*
** docx.h - WordprocessingML parts (document, headers, footers, notes) into the builder.
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

/* Read one WordprocessingML part into dest.  refs (may be NULL) collects the
** header/footer references of the main document.  pkg NULL: xml/len hold the part. */
int rg_docx_read_part(rg_package *pkg, const char *part, const char *xml, size_t len,
		      rg_builder *b, rg_blocks *dest, rg_idlist *headers, rg_idlist *footers);

#endif
