/*
** columns.h - the header text above a table column, as the column rules see it.
*/
#ifndef RG_COLUMNS_H
#define RG_COLUMNS_H

#include "../read/doc.h"

/* The text of header rows 0..h-1 above column c, normalized with no spaces
** and Arabic digits (a title row spanning the whole table is left out, and a
** cell merged down over several header rows counts once).  Caller frees;
** NULL on oom. */
char *rg_column_header(const rg_table *t, int h, int c);

#endif
