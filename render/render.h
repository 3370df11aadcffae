/*
** render.h - the renderers of the document model: each output format is one
** small file (the normalized model's JSON is model/model_json.h; the PDF
** report is report.h).
*/
#ifndef RG_RENDER_H
#define RG_RENDER_H

#include "core/buf.h"
#include "read/doc.h"

/* The document model as readable text: paragraphs as lines, table rows as "a | b | c". */
void rg_render_doc_text(rg_buf *out, const rg_doc *doc);

/* The document model as JSON (format, body, headers, footers, footnotes, textboxes). */
void rg_render_doc_json(rg_buf *out, const rg_doc *doc, int indent);

#endif
