/*
** xlsx.h - a workbook of tables, for Excel users (issue 11): one sheet a
** table, its header row frozen and filtered, baht as numbers formatted
** #,##0.00, dates as dates, column widths fitted to the text.  Written with
** libxlsxwriter in its constant-memory mode (rows go to disk as they come),
** so a national export does not grow with the number of rows.
*/
#ifndef RG_XLSX_H
#define RG_XLSX_H

#include <stddef.h>

typedef struct rg_xlsx rg_xlsx;

typedef enum {
	RG_XLSX_TEXT = 0,
	RG_XLSX_INT,
	RG_XLSX_BAHT,          /* a number of baht, #,##0.00 */
	RG_XLSX_DATE           /* "YYYY-MM-DD" in the Buddhist Era: a date cell (shown in the Buddhist Era) */
} rg_xlsx_kind;

/* A new workbook at path (the file is written by rg_xlsx_close); 0 or RG_E*. */
int rg_xlsx_open(rg_xlsx **out, const char *path);

/* Start a sheet (the previous one is finished): its name (at most 31 bytes are
** kept), its columns' headers and kinds (n <= 64).  The header is row 1. */
int rg_xlsx_sheet(rg_xlsx *x, const char *name, const char *const *headers, const rg_xlsx_kind *kinds, size_t n);

/* One row: values[i] as text for its column's kind (NULL: an empty cell):
** an integer, an amount ("1234.50"), a date, or any text. */
int rg_xlsx_row(rg_xlsx *x, const char *const *values);

/* Finish and write the file; frees x.  0, or RG_EIO with libxlsxwriter's words. */
int rg_xlsx_close(rg_xlsx *x);

/* Free without writing (after an error). */
void rg_xlsx_abort(rg_xlsx *x);

#endif
