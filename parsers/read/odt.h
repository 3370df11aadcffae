/*
** odt.h - OpenDocument text (styles.xml then content.xml, or one flat .fodt) into the builder.
*/
#ifndef RG_ODT_H
#define RG_ODT_H

#include "build.h"
#include "package.h"

typedef struct rg_odt rg_odt;

/* One reader for both parts of a document: styles persist from styles.xml to content.xml. */
rg_odt *rg_odt_new(rg_builder *b);
void rg_odt_free(rg_odt *o);

/* styles.xml: styles, fonts, and the master pages' headers and footers. */
int rg_odt_read_styles(rg_odt *o, rg_package *pkg, const char *part, const char *xml, size_t len);
/* content.xml: automatic styles and the body.  pkg NULL: xml/len hold the part. */
int rg_odt_read_content(rg_odt *o, rg_package *pkg, const char *part, const char *xml, size_t len);
/* A flat ODF text document (.fodt: office:document holding styles, master pages and body). */
int rg_odt_read_flat(rg_odt *o, const char *xml, size_t len);

#endif
