/*
** model_json.h - the normalized model as JSON, the shape of docs/MODEL.md.
**
** The writer is here; the reader is model_load.h.  What one writes the
** other reads back field for field, so a model can leave the process
** (a file, the store, a child process) and come back the same.
*/
#ifndef RG_MODEL_JSON_H
#define RG_MODEL_JSON_H

#include "../core/buf.h"
#include "model.h"

/* Append the model as one JSON object and a newline: indent > 0 pretty-prints
** with that many spaces a level, indent < 0 writes one line (JSONL).  Amounts
** have two decimals; absent values are null.  On out of memory the buffer
** says so (rg_buf_oom). */
void rg_model_write_json(rg_buf *out, const rg_model *m, int indent);

/* Append the figures of a finding (its args) as one compact JSON object of
** strings, "{}" when it has none: how the store keeps them.  The reader is
** rg_model_finding_args_load() of model_load.h. */
void rg_finding_args_write_json(rg_buf *out, const rg_finding *f);

#endif
