/*
** render.h - the renderers: each output format is one small file.
*/
#ifndef RG_RENDER_H
#define RG_RENDER_H

#include "core/buf.h"
#include "model/model.h"
#include "read/doc.h"

/* The document model as readable text: paragraphs as lines, table rows as "a | b | c". */
void rg_render_doc_text(rg_buf *out, const rg_doc *doc);

/* The document model as JSON (format, body, headers, footers, footnotes, textboxes). */
void rg_render_doc_json(rg_buf *out, const rg_doc *doc, int indent);

/* The normalized model as JSON (MODEL.md); indent < 0 for one line (--jsonl). */
void rg_render_model_json(rg_buf *out, const rg_model *m, int indent);

#endif
