/*
** model_load.h - read normalized-model JSON (docs/MODEL.md) back into rg_model
** (model_json.h writes it).
**
** Accepts what `raingan parse` prints: one object, several objects one
** after another (pretty-printed or one per line, JSONL), or a JSON array of
** objects.  Every field of MODEL.md is read; unknown fields (such as the
** `aliases` of expected files) are ignored.  `stated` keeps only numeric
** values, since rg_stated holds numbers (strings such as
** implementation_level and nested objects such as by_dimension are skipped).
*/
#ifndef RG_MODEL_LOAD_H
#define RG_MODEL_LOAD_H

#include <stddef.h>
#include "model.h"

typedef struct {
	rg_model **items;
	size_t n, cap;
} rg_model_list;

#define RG_MODEL_LIST_INIT { NULL, 0, 0 }

/* Append the models of JSON text data[0..len) to list; name is used in messages.
** On error nothing is appended and the message says where (object number, line). */
int rg_model_load_buffer(rg_model_list *list, const char *data, size_t len, const char *name);

/* The same for a file ("-" = standard input). */
int rg_model_load_file(rg_model_list *list, const char *path);

/* Append one model the caller made (the list takes ownership; freed on failure). */
int rg_model_list_push(rg_model_list *list, rg_model *m);

void rg_model_list_free(rg_model_list *list);

/* Attach the figures of JSON text (an object of numbers and strings, as
** rg_finding_args_write_json writes; NULL or "" for none) to the last finding
** of m.  RG_EFORMAT when the text is not such an object. */
int rg_model_finding_args_load(rg_model *m, const char *json);

#endif
