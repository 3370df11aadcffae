/*
** xlsx.c - the workbook of tables (see xlsx.h), on libxlsxwriter.
*/
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/error.h"

#define MAX_COLS 64
#define MIN_WIDTH 6.0
#define MAX_WIDTH 60.0

struct rg_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *header, *baht, *date, *integer;
	rg_xlsx_kind kinds[MAX_COLS];
	double width[MAX_COLS];
	size_t ncols;
	lxw_row_t row;                /* the next row to write */
	int error;
};

/* The width of text in Excel's character units: Thai above and below marks take
** no room of their own; digits and Latin one unit, Thai letters about one. */
static double text_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	double w = 0;

	while (i < n) {
		unsigned cp;
		i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
		if (cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E))
			continue;   /* marks stack on the letter before */
		w += cp >= 0x0E00 && cp <= 0x0E7F ? 0.9 : 1.0;
	}
	return w;
}

static void fit(rg_xlsx *x, size_t col, double w)
{
	w += 2;   /* the filter button and a margin */
	if (w > x->width[col])
		x->width[col] = w > MAX_WIDTH ? MAX_WIDTH : w;
}

int rg_xlsx_open(rg_xlsx **out, const char *path)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	rg_xlsx *x;

	*out = NULL;
	if (!(x = calloc(1, sizeof(*x))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (!(x->wb = workbook_new_opt(path, &opt))) {
		free(x);
		return rg_error_set(RG_EIO, "%s: cannot start the workbook", path);
	}
	x->header = workbook_add_format(x->wb);
	format_set_bold(x->header);
	format_set_bg_color(x->header, 0xDDE5F0);
	format_set_bottom(x->header, LXW_BORDER_THIN);
	x->baht = workbook_add_format(x->wb);
	format_set_num_format(x->baht, "#,##0.00");
	x->integer = workbook_add_format(x->wb);
	format_set_num_format(x->integer, "0");
	x->date = workbook_add_format(x->wb);
	/* Excel's Thai Buddhist calendar (calendar 07 of locale 041E): the year as the filings write it */
	format_set_num_format(x->date, "[$-107041E]d/m/yyyy");
	*out = x;
	return 0;
}

/* The widths, the filter and the frozen header of the sheet being written. */
static void finish_sheet(rg_xlsx *x)
{
	size_t i;

	if (!x->ws)
		return;
	for (i = 0; i < x->ncols; i++)
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, x->width[i],
			x->kinds[i] == RG_XLSX_BAHT ? x->baht : x->kinds[i] == RG_XLSX_DATE ? x->date : NULL);
	if (x->ncols)
		worksheet_autofilter(x->ws, 0, 0, x->row > 1 ? x->row - 1 : 0, (lxw_col_t)(x->ncols - 1));
	worksheet_freeze_panes(x->ws, 1, 0);
	x->ws = NULL;
}

int rg_xlsx_sheet(rg_xlsx *x, const char *name, const char *const *headers, const rg_xlsx_kind *kinds, size_t n)
{
	char sheet[32];
	size_t i;

	if (n > MAX_COLS)
		return rg_error_set(RG_EUSAGE, "a sheet of %zu columns (at most %d)", n, MAX_COLS);
	finish_sheet(x);
	snprintf(sheet, sizeof(sheet), "%s", name);
	if (!(x->ws = workbook_add_worksheet(x->wb, sheet)))
		return x->error = rg_error_set(RG_EUSAGE, "cannot add the sheet '%s'", sheet);
	x->ncols = n;
	x->row = 0;
	for (i = 0; i < n; i++) {
		x->kinds[i] = kinds[i];
		x->width[i] = MIN_WIDTH;
		fit(x, i, text_width(headers[i]));
		worksheet_write_string(x->ws, 0, (lxw_col_t)i, headers[i], x->header);
	}
	x->row = 1;
	return 0;
}

/* "2566-03-20" (BE) as a date; 0 when it is not one. */
static int be_date(const char *s, lxw_datetime *d)
{
	int y, m, day;
	char tail;

	if (sscanf(s, "%d-%d-%d%c", &y, &m, &day, &tail) != 3 || y < 2443 || m < 1 || m > 12 || day < 1 || day > 31)
		return 0;
	memset(d, 0, sizeof(*d));
	d->year = y - 543;
	d->month = m;
	d->day = day;
	return 1;
}

int rg_xlsx_row(rg_xlsx *x, const char *const *values)
{
	lxw_datetime d;
	size_t i;
	lxw_error e = LXW_NO_ERROR;

	if (!x->ws)
		return rg_error_set(RG_EUSAGE, "a row before any sheet");
	for (i = 0; i < x->ncols && e == LXW_NO_ERROR; i++) {
		const char *v = values[i];
		lxw_col_t c = (lxw_col_t)i;
		char *end;
		double num;
		if (!v || !*v)
			continue;
		switch (x->kinds[i]) {
		case RG_XLSX_INT:
		case RG_XLSX_BAHT:
			num = strtod(v, &end);
			if (end != v && !*end) {
				e = worksheet_write_number(x->ws, x->row, c, num, x->kinds[i] == RG_XLSX_BAHT ? x->baht : x->integer);
				fit(x, i, x->kinds[i] == RG_XLSX_BAHT ? strlen(v) * 1.25 : (double)strlen(v));
				continue;
			}
			break;
		case RG_XLSX_DATE:
			if (be_date(v, &d)) {
				e = worksheet_write_datetime(x->ws, x->row, c, &d, x->date);
				fit(x, i, 10);
				continue;
			}
			break;
		default:
			break;
		}
		e = worksheet_write_string(x->ws, x->row, c, v, NULL);
		fit(x, i, text_width(v));
	}
	if (e != LXW_NO_ERROR)
		return x->error = rg_error_set(RG_EIO, "cannot write a cell: %s", lxw_strerror(e));
	x->row++;
	return 0;
}

int rg_xlsx_close(rg_xlsx *x)
{
	lxw_error e;

	finish_sheet(x);
	e = workbook_close(x->wb);
	free(x);
	if (e != LXW_NO_ERROR)
		return rg_error_set(RG_EIO, "cannot write the workbook: %s", lxw_strerror(e));
	return 0;
}

void rg_xlsx_abort(rg_xlsx *x)
{
	if (!x)
		return;
	/* libxlsxwriter has no abort: the file is written and the caller removes it */
	workbook_close(x->wb);
	free(x);
}
