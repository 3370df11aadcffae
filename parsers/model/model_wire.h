/*
** model_wire.h - the normalized model as flat bytes, for a model that goes
** from one process of raingan to another (a worker process to the ingest
** writer, ingest/workers.h) and back into an rg_model, field for field.
**
** Not a file format: the bytes are in the machine's own byte order and
** layout, never stored, and read only by the same program that wrote them.
** JSON (model_json.h / model_load.h) is the model's exchange format; this
** is the fast path beside it: writing and reading JSON cost ingest about a
** fifth of its CPU (bench/README.md), these bytes about 1 %.  Every value is
** kept exactly (doubles bit for bit, NULL apart from "", an empty
** budget_by_year apart from none), so a model read back is the model that
** was written.  A field added to the model must be added here too: the
** static assertions in model_wire.c fail to compile until it is.
*/
#ifndef RG_MODEL_WIRE_H
#define RG_MODEL_WIRE_H

#include <stddef.h>

#include "../core/buf.h"
#include "model.h"

/* Append m to out (on out of memory the buffer says so: rg_buf_oom). */
void rg_model_wire_write(rg_buf *out, const rg_model *m);

/* Read a model from data[0..len), which must be exactly what rg_model_wire_write
** wrote.  0, or RG_EFORMAT (bytes cut short or out of shape) / RG_ENOMEM, *out NULL. */
int rg_model_wire_read(const char *data, size_t len, rg_model **out);

#endif
