/*
** html.h - an HTML or XHTML document (a w:altChunk part Word shows in
** place) into the builder, with libxml2's HTML parser.
*/
#ifndef RG_HTML_H
#define RG_HTML_H

#include "build.h"

/*
** Read the HTML in data into dest through the builder: block elements are
** paragraphs, tables are tables (colspan/rowspan resolved the way browsers
** lay them out), <input type=checkbox> is ☑/☐; scripts, styles, the head
** and elements hidden with the hidden attribute or display:none are left
** out.  The character set is charset when given (a MIME header said it),
** else the one the HTML declares (BOM, <meta charset>), else UTF-8 when the
** bytes are UTF-8.  name is the part, for messages.  Returns 0, RG_EFORMAT
** (undeclared character set that is not UTF-8) or an error of the builder
** (limits, memory); on failure nothing of it stays.
*/
int rg_html_read(const char *data, size_t len, const char *charset, const char *name, rg_builder *b,
		 rg_blocks *dest);

/*
** A web archive (MHT, MIME multipart/related: what html-docx-js and Word's
** "Single File Web Page" write): its HTML part (quoted-printable, base64 or
** plain), read as above.  RG_EFORMAT when it holds no HTML part.
*/
int rg_mht_read(const char *data, size_t len, const char *name, rg_builder *b, rg_blocks *dest);

#endif
