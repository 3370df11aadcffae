/*
** xlsx.c - `raingan export --format xlsx -o FILE.xlsx`: the store as one
** workbook (render/xlsx.h): a sheet each for the organizations, the filings,
** the projects, the findings (with their Thai wording, rules/findings.th.tsv)
** and the organizations missing a report of the latest round (or of
** --fiscal-year and --round).  The columns and values are those of the CSV
** export (`raingan export --table T`, `raingan missing --format csv`).
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/output.h"
#include "core/error.h"
#include "model/model_load.h"
#include "pdf/wording.h"
#include "xlsx.h"

#define MAX_COLS 64

typedef struct {
	rg_xlsx *x;
	rg_wording *wording;         /* findings: the Thai column */
	int wording_col;             /* the index of the finding's code, message, args, severity */
	int code, message, args, severity;
	char buf[MAX_COLS][64];
	rg_buf thai;
} sheet;

static rg_xlsx_kind kind_of(const char *name, rg_value_kind k)
{
	if (!strcmp(name, "as_of"))
		return RG_XLSX_DATE;
	return k == RG_VALUE_INT ? RG_XLSX_INT : k == RG_VALUE_AMOUNT ? RG_XLSX_BAHT : RG_XLSX_TEXT;
}

static int col_index(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return (int)i;
	return -1;
}

/* The Thai sentence of the finding on row r. */
static const char *thai_wording(sheet *sh, const rg_store_row *r)
{
	rg_model *m = rg_model_new();
	const char *msg = rg_store_row_text(r, (size_t)sh->message);

	rg_buf_clear(&sh->thai);
	if (!m)
		return NULL;
	if (!rg_model_add_finding(m, rg_severity_from_name(rg_store_row_text(r, (size_t)sh->severity)),
		rg_store_row_text(r, (size_t)sh->code), "%s", msg ? msg : "") &&
	    !rg_model_finding_args_load(m, rg_store_row_text(r, (size_t)sh->args)))
		rg_wording_render(sh->wording, &m->findings[0], 1, &sh->thai);
	rg_model_free(m);
	return rg_buf_oom(&sh->thai) ? NULL : rg_buf_cstr(&sh->thai);
}

static int one_row(const rg_store_row *r, void *ctx)
{
	sheet *sh = ctx;
	const char *v[MAX_COLS + 1];
	size_t i, n = rg_store_row_columns(r);

	for (i = 0; i < n && i < MAX_COLS; i++) {
		if (rg_store_row_null(r, i))
			v[i] = NULL;
		else if (rg_store_row_kind(r, i) == RG_VALUE_INT)
			snprintf(sh->buf[i], sizeof(sh->buf[i]), "%lld", rg_store_row_int(r, i)), v[i] = sh->buf[i];
		else if (rg_store_row_kind(r, i) == RG_VALUE_AMOUNT)
			snprintf(sh->buf[i], sizeof(sh->buf[i]), "%.2f", rg_store_row_amount(r, i)), v[i] = sh->buf[i];
		else
			v[i] = rg_store_row_text(r, i);
	}
	if (sh->wording)
		v[n] = thai_wording(sh, r);
	return rg_xlsx_row(sh->x, v);
}

static int table_sheet(rg_store *s, sheet *sh, const char *table)
{
	const char *const *names;
	const rg_value_kind *types;
	const char *headers[MAX_COLS + 1];
	rg_xlsx_kind kinds[MAX_COLS + 1];
	size_t n, i;
	int rc;

	if ((rc = rg_store_table_columns(table, &names, &types, &n)))
		return rc;
	for (i = 0; i < n && i < MAX_COLS; i++) {
		headers[i] = names[i];
		kinds[i] = kind_of(names[i], types[i]);
	}
	sh->severity = col_index(names, n, "severity");
	sh->code = col_index(names, n, "code");
	sh->message = col_index(names, n, "message");
	sh->args = col_index(names, n, "args");
	if (sh->wording) {
		headers[n] = "wording";   /* the Thai sentence the PDF report shows */
		kinds[n++] = RG_XLSX_TEXT;
	}
	if ((rc = rg_xlsx_sheet(sh->x, table, headers, kinds, n)))
		return rc;
	return rg_store_each_row(s, table, one_row, sh);
}

/* ---- the organizations missing a report ---- */

static const char *const missing_cols[] = { "code", "name", "type", "district", "province", "last_fiscal_year",
	"last_round_months" };
static const rg_xlsx_kind missing_kinds[] = { RG_XLSX_TEXT, RG_XLSX_TEXT, RG_XLSX_TEXT, RG_XLSX_TEXT, RG_XLSX_TEXT,
	RG_XLSX_INT, RG_XLSX_INT };

static int missing_row(const rg_store_missing *m, void *ctx)
{
	sheet *sh = ctx;
	const char *v[7];

	snprintf(sh->buf[0], sizeof(sh->buf[0]), "%d", m->last_year);
	snprintf(sh->buf[1], sizeof(sh->buf[1]), "%d", m->last_round);
	v[0] = m->code;
	v[1] = m->name;
	v[2] = rg_org_type_name(m->type);
	v[3] = m->district && *m->district ? m->district : NULL;
	v[4] = m->province && *m->province ? m->province : NULL;
	v[5] = m->last_year ? sh->buf[0] : NULL;
	v[6] = m->last_year ? sh->buf[1] : NULL;
	return rg_xlsx_row(sh->x, v);
}

int cli_export_xlsx(rg_store *s, const cli_opts *o)
{
	static const char *const tables[] = { "organizations", "filings", "projects", "findings" };
	rg_output *out = NULL;
	const char *tmp;
	sheet sh;
	rg_buf path = RG_BUF_INIT;
	char name[64];
	size_t i;
	int rc = 0, year = o->select.fiscal_year, round = o->select.round_months;

	if (!o->output) {
		cli_say("--format xlsx needs -o FILE.xlsx");
		return -1;
	}
	memset(&sh, 0, sizeof(sh));
	rg_buf_printf(&path, "%s/%s", o->rules, RG_WORDING_FILE);
	if (rg_buf_oom(&path) || rg_wording_load(&sh.wording, rg_buf_cstr(&path))) {
		rg_buf_free(&path);
		cli_error();
		return -1;
	}
	rg_buf_free(&path);
	if ((!year || !round) && (rc = rg_store_latest_round(s, &year, &round))) {
		cli_error();
		rg_wording_free(sh.wording);
		return -1;
	}
	if (rg_output_begin(&out, o->output ? o->output : "-") || !(tmp = rg_output_path(out))) {
		rg_output_abort(out);
		cli_error();
		rg_wording_free(sh.wording);
		return -1;
	}
	rc = rg_xlsx_open(&sh.x, tmp);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]) && !rc; i++) {
		rg_wording *w = sh.wording;
		if (strcmp(tables[i], "findings"))
			sh.wording = NULL;
		rc = table_sheet(s, &sh, tables[i]);
		sh.wording = w;
	}
	/* a sheet of the organizations without a report of the round (none when there is no report) */
	if (!rc) {
		snprintf(name, sizeof(name), year ? "missing %d-%d" : "missing", year, round);
		rc = rg_xlsx_sheet(sh.x, name, missing_cols, missing_kinds, 7);
	}
	if (!rc && year)
		rc = rg_store_each_missing(s, year, round, o->select.province, missing_row, &sh);
	if (sh.x) {
		if (rc)
			rg_xlsx_abort(sh.x);
		else
			rc = rg_xlsx_close(sh.x);
	}
	rg_buf_free(&sh.thai);
	rg_wording_free(sh.wording);
	if (rc) {
		cli_error();
		rg_output_abort(out);
		return -1;
	}
	if (rg_output_commit(out)) {
		cli_error();
		return -1;
	}
	return 0;
}
