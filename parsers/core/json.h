/*
** json.h - a small streaming JSON writer into an rg_buf.
**
** The writer tracks nesting and commas; output is deterministic.  Strings are
** written as valid UTF-8 (invalid bytes become U+FFFD) with only the escapes
** JSON requires, so Thai text stays readable.  indent < 0 writes one line.
*/
#ifndef RG_JSON_H
#define RG_JSON_H

#include <stddef.h>
#include "buf.h"

#define RG_JSON_MAX_DEPTH 64

typedef struct {
	rg_buf *out;
	int indent;                       /* spaces per level, or -1 for compact */
	int depth;
	int count[RG_JSON_MAX_DEPTH];     /* values written at each level */
	int after_key;
} rg_json;

void rg_json_init(rg_json *j, rg_buf *out, int indent);
void rg_json_object_begin(rg_json *j);
void rg_json_object_end(rg_json *j);
void rg_json_array_begin(rg_json *j);
void rg_json_array_end(rg_json *j);
void rg_json_key(rg_json *j, const char *key);
void rg_json_string(rg_json *j, const char *s);
void rg_json_string_n(rg_json *j, const char *s, size_t n);
void rg_json_int(rg_json *j, long long v);
void rg_json_amount(rg_json *j, double v);   /* two decimals: 1000.50 */
void rg_json_double(rg_json *j, double v);   /* %.15g: 56, 34000.5 */
void rg_json_bool(rg_json *j, int v);
void rg_json_null(rg_json *j);

/* Write s as a JSON string literal (quotes included) without writer state. */
void rg_json_quote(rg_buf *out, const char *s, size_t n);

#endif
