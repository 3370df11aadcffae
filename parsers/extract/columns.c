/*
** columns.c - column header text (see columns.h).
*/
#include "columns.h"

#include <stdlib.h>

#include "../core/buf.h"
#include "thai.h"

char *rg_column_header(const rg_table *t, int h, int c)
{
	rg_buf raw = RG_BUF_INIT;
	char *out = NULL;
	int r;

	for (r = 0; r < h; r++) {
		const rg_cell *o = rg_table_origin(t, r, c);
		if (r > 0 && o == rg_table_origin(t, r - 1, c))
			continue;
		if (o->colspan >= t->ncols && t->ncols > 1)
			continue;   /* a title row across the table names no column */
		rg_buf_puts(&raw, o->text ? o->text : "");
		rg_buf_putc(&raw, ' ');
	}
	if (!rg_buf_oom(&raw))
		rg_thai_normalize(rg_buf_cstr(&raw), RG_NORM_NO_SPACES | RG_NORM_ARABIC_DIGITS, &out);
	rg_buf_free(&raw);
	return out;
}
