/*
** export.c - `raingan export`: organizations, filings and projects as CSV
** (RFC 4180, optional UTF-8 BOM for Excel) or JSONL, and the filings as
** model JSON.  The bytes are made here, once, from the values the backend
** yields, typed by this file's own column list (not by what a backend
** thinks a column is), and rows come in an order of what they are, not of
** ids: the same filings give the same bytes from any backend and after any
** order of ingest.
*/
#include <errno.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "model/model_json.h"
#include "store_int.h"

typedef enum { COL_INT, COL_AMOUNT, COL_TEXT } col_kind;

typedef struct {
	const char *name;        /* the CSV header and the JSON key */
	col_kind kind;
} column;

#define MAX_COLUMNS 20

/* One query per table; its columns in the order of the SELECT.
** Parse and ingest times are left out: they differ from run to run. */
static const struct {
	const char *name;
	const char *sql;
	column cols[MAX_COLUMNS];
} tables[] = {
	{ "organizations",
	  "SELECT o.name, o.type, nullif(o.district, ''), nullif(o.province, ''),"
	  " (SELECT count(*) FROM filings f WHERE f.organization_id = o.id),"
	  " (SELECT count(*) FROM filings f WHERE f.organization_id = o.id AND f.is_current = 1), o.register_code"
	  " FROM organizations o"
	  " ORDER BY o.province {C}, o.district {C}, o.name {C}, o.type {C}, o.place {C}",
	  { { "name", COL_TEXT }, { "type", COL_TEXT }, { "district", COL_TEXT }, { "province", COL_TEXT },
	    { "filings", COL_INT }, { "current_filings", COL_INT }, { "register_code", COL_TEXT } } },
	{ "filings",
	  "SELECT f.org_name, f.org_type, f.district, f.province, f.kind, f.fiscal_year, f.round_months,"
	  " f.plan_from, f.plan_to, f.as_of, f.is_current,"
	  " (SELECT c.sha256 FROM filings c WHERE c.id = f.superseded_by),"
	  " (SELECT count(*) FROM projects p WHERE p.filing_id = f.id),"
	  " (SELECT count(*) FROM findings x WHERE x.filing_id = f.id)"
	  " + CASE WHEN (" RG_ORG_CANDIDATES ") > 0 THEN 1 ELSE 0 END,"
	  " f.format, f.source_path, f.size, f.mtime, f.sha256"
	  " FROM filings f LEFT JOIN organizations o ON o.id = f.organization_id"
	  " ORDER BY " RG_FILING_ORDER,
	  { { "organization", COL_TEXT }, { "organization_type", COL_TEXT }, { "district", COL_TEXT },
	    { "province", COL_TEXT }, { "kind", COL_TEXT }, { "fiscal_year", COL_INT },
	    { "round_months", COL_INT }, { "plan_from", COL_INT }, { "plan_to", COL_INT }, { "as_of", COL_TEXT },
	    { "is_current", COL_INT }, { "superseded_by", COL_TEXT }, { "projects", COL_INT },
	    { "findings", COL_INT }, { "format", COL_TEXT }, { "source_path", COL_TEXT }, { "size", COL_INT },
	    { "mtime", COL_INT }, { "sha256", COL_TEXT } } },
	{ "projects",
	  "SELECT f.sha256, p.position, f.org_name, f.fiscal_year, f.round_months, f.is_current,"
	  " p.seq, p.name, p.kind, p.dimension, p.mission, p.budget, p.no_budget, p.disbursed, p.status,"
	  " p.responsible"
	  " FROM projects p JOIN filings f ON f.id = p.filing_id"
	  " ORDER BY " RG_FILING_ORDER ", p.position",
	  { { "filing", COL_TEXT }, { "position", COL_INT }, { "organization", COL_TEXT },
	    { "fiscal_year", COL_INT }, { "round_months", COL_INT }, { "is_current", COL_INT }, { "seq", COL_TEXT },
	    { "name", COL_TEXT }, { "kind", COL_TEXT }, { "dimension", COL_INT }, { "mission", COL_TEXT },
	    { "budget", COL_AMOUNT }, { "no_budget", COL_INT }, { "disbursed", COL_AMOUNT },
	    { "status", COL_TEXT }, { "responsible", COL_TEXT } } },
	/* the findings stored with each filing, its own and those derived across filings (issue 11) */
	{ "findings",
	  "SELECT f.sha256, x.position, f.org_name, f.kind, f.fiscal_year, f.round_months, f.is_current,"
	  " x.severity, x.code, x.message, x.args, x.derived"
	  " FROM findings x JOIN filings f ON f.id = x.filing_id"
	  " ORDER BY " RG_FILING_ORDER ", x.position",
	  { { "filing", COL_TEXT }, { "position", COL_INT }, { "organization", COL_TEXT }, { "kind", COL_TEXT },
	    { "fiscal_year", COL_INT }, { "round_months", COL_INT }, { "is_current", COL_INT }, { "severity", COL_TEXT },
	    { "code", COL_TEXT }, { "message", COL_TEXT }, { "args", COL_TEXT }, { "derived", COL_INT } } },
	/* the register of organizations (issue 11) */
	{ "register",
	  "SELECT r.code, r.name, r.type, nullif(r.district, ''), r.province,"
	  " (SELECT count(*) FROM organizations o WHERE o.register_code = r.code)"
	  " FROM org_register r ORDER BY r.province {C}, r.district {C}, r.name {C}, r.code {C}",
	  { { "code", COL_TEXT }, { "name", COL_TEXT }, { "type", COL_TEXT }, { "district", COL_TEXT },
	    { "province", COL_TEXT }, { "organizations", COL_INT } } },
};

/* RFC 4180: quote a field holding a separator, a quote, a line break or edge spaces. */
static void csv_field(rg_buf *b, const char *s)
{
	size_t n = strlen(s);
	int quote = n && (s[0] == ' ' || s[n - 1] == ' ');

	if (!quote && !strpbrk(s, ",\"\r\n")) {
		rg_buf_put(b, s, n);
		return;
	}
	rg_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			rg_buf_putc(b, '"');
		rg_buf_putc(b, *s);
	}
	rg_buf_putc(b, '"');
}

/* One value: integers as is, amounts with two decimals, NULL empty (CSV) or null (JSON). */
static void put_value(rg_store *s, rg_buf *b, rg_db_stmt *st, int i, col_kind kind, rg_export_format fmt)
{
	const char *text;

	if (s->be->column_is_null(st, i)) {
		if (fmt == RG_EXPORT_JSONL)
			rg_buf_puts(b, "null");
		return;
	}
	switch (kind) {
	case COL_INT:
		rg_buf_printf(b, "%lld", s->be->column_int(st, i));
		break;
	case COL_AMOUNT:
		rg_buf_printf(b, "%.2f", s->be->column_double(st, i));
		break;
	default:
		text = s->be->column_text(st, i);
		if (fmt == RG_EXPORT_JSONL)
			rg_json_quote(b, text ? text : "", text ? strlen(text) : 0);
		else
			csv_field(b, text ? text : "");
		break;
	}
}

static size_t n_columns(const column *cols)
{
	size_t n = 0;

	while (n < MAX_COLUMNS && cols[n].name)
		n++;
	return n;
}

static void put_row(rg_store *s, rg_buf *b, rg_db_stmt *st, const column *cols, rg_export_format fmt)
{
	size_t i, n = n_columns(cols);

	if (fmt == RG_EXPORT_JSONL)
		rg_buf_putc(b, '{');
	for (i = 0; i < n; i++) {
		if (i)
			rg_buf_putc(b, ',');
		if (fmt == RG_EXPORT_JSONL) {
			rg_json_quote(b, cols[i].name, strlen(cols[i].name));
			rg_buf_putc(b, ':');
		}
		put_value(s, b, st, (int)i, cols[i].kind, fmt);
	}
	rg_buf_puts(b, fmt == RG_EXPORT_JSONL ? "}\n" : "\r\n");
}

static void put_header(rg_buf *b, const column *cols)
{
	size_t i, n = n_columns(cols);

	for (i = 0; i < n; i++) {
		if (i)
			rg_buf_putc(b, ',');
		csv_field(b, cols[i].name);
	}
	rg_buf_puts(b, "\r\n");
}

/* Write and empty the buffer. */
static int flush_buf(rg_buf *b, FILE *out)
{
	if (rg_buf_oom(b))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (b->len && fwrite(b->ptr, 1, b->len, out) != b->len)
		return rg_error_set(RG_EIO, "cannot write the export: %s", strerror(errno));
	rg_buf_clear(b);
	return 0;
}

static int find_table(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (!strcmp(tables[i].name, name))
			return (int)i;
	return -1;
}

/* Stream the rows of st to out. */
static int write_rows(rg_store *s, rg_db_stmt *st, const column *cols, rg_export_format fmt, int bom, FILE *out)
{
	rg_buf b = RG_BUF_INIT;
	int rc, err = 0;

	if (fmt == RG_EXPORT_CSV) {
		if (bom)
			rg_buf_puts(&b, "\xEF\xBB\xBF");
		put_header(&b, cols);
	}
	while ((rc = s->be->step(st)) == RG_DB_ROW) {
		put_row(s, &b, st, cols, fmt);
		if (b.len >= 65536 && (err = flush_buf(&b, out)))
			break;
	}
	if (!err && rc < 0)
		err = rg_store_fail(s, "cannot read the store");
	if (!err)
		err = flush_buf(&b, out);
	rg_buf_free(&b);
	return err;
}

int rg_store_export_table(rg_store *s, const char *table, rg_export_format fmt, int bom, FILE *out)
{
	rg_db_stmt *st;
	int t = find_table(table), rc;

	if (t < 0)
		return rg_error_set(RG_EUSAGE, "unknown table '%s' (organizations, filings, projects, findings, register)",
			table);
	if ((rc = rg_sql_prepare(s, tables[t].sql, &st)))
		return rc;
	rc = write_rows(s, st, tables[t].cols, fmt, bom, out);
	rg_sql_finalize(s, st);
	if (!rc && fflush(out))
		rc = rg_error_set(RG_EIO, "cannot write the export: %s", strerror(errno));
	return rc;
}

static int write_model(const rg_model *m, void *ctx)
{
	rg_buf b = RG_BUF_INIT;
	int rc;

	rg_model_write_json(&b, m, -1);
	rc = flush_buf(&b, ctx);
	rg_buf_free(&b);
	return rc;
}

int rg_store_export_models(rg_store *s, const rg_filing_filter *f, FILE *out)
{
	int rc = rg_store_each_model(s, f, write_model, out);

	if (!rc && fflush(out))
		rc = rg_error_set(RG_EIO, "cannot write the export: %s", strerror(errno));
	return rc;
}

/* ---- typed rows, for writers of other formats (the XLSX export) ---- */

struct rg_store_row {
	rg_store *s;
	rg_db_stmt *st;
	const column *cols;
	size_t n;
};

int rg_store_each_row(rg_store *s, const char *table, int (*fn)(const rg_store_row *r, void *ctx), void *ctx)
{
	rg_store_row r;
	int t = find_table(table), rc, stop = 0;

	if (t < 0)
		return rg_error_set(RG_EUSAGE, "unknown table '%s'", table);
	r.s = s;
	r.cols = tables[t].cols;
	r.n = n_columns(r.cols);
	if ((rc = rg_sql_prepare(s, tables[t].sql, &r.st)))
		return rc;
	while (!stop && (rc = s->be->step(r.st)) == RG_DB_ROW)
		stop = fn(&r, ctx);
	if (!stop && rc < 0)
		rc = rg_store_fail(s, "cannot read the store");
	rg_sql_finalize(s, r.st);
	return stop ? stop : rc < 0 ? rc : 0;
}

int rg_store_table_columns(const char *table, const char *const **names, const rg_value_kind **kinds, size_t *n)
{
	static const char *list[sizeof(tables) / sizeof(tables[0])][MAX_COLUMNS + 1];
	static rg_value_kind types[sizeof(tables) / sizeof(tables[0])][MAX_COLUMNS + 1];
	int t = find_table(table);
	size_t i;

	if (t < 0)
		return rg_error_set(RG_EUSAGE, "unknown table '%s'", table);
	*n = n_columns(tables[t].cols);
	for (i = 0; i < *n; i++) {
		list[t][i] = tables[t].cols[i].name;
		types[t][i] = tables[t].cols[i].kind == COL_INT ? RG_VALUE_INT
			: tables[t].cols[i].kind == COL_AMOUNT ? RG_VALUE_AMOUNT : RG_VALUE_TEXT;
	}
	*names = list[t];
	*kinds = types[t];
	return 0;
}

size_t rg_store_row_columns(const rg_store_row *r) { return r->n; }
const char *rg_store_row_name(const rg_store_row *r, size_t i) { return r->cols[i].name; }

rg_value_kind rg_store_row_kind(const rg_store_row *r, size_t i)
{
	return r->cols[i].kind == COL_INT ? RG_VALUE_INT : r->cols[i].kind == COL_AMOUNT ? RG_VALUE_AMOUNT : RG_VALUE_TEXT;
}

int rg_store_row_null(const rg_store_row *r, size_t i) { return r->s->be->column_is_null(r->st, (int)i); }
long long rg_store_row_int(const rg_store_row *r, size_t i) { return r->s->be->column_int(r->st, (int)i); }
double rg_store_row_amount(const rg_store_row *r, size_t i) { return r->s->be->column_double(r->st, (int)i); }
const char *rg_store_row_text(const rg_store_row *r, size_t i) { return r->s->be->column_text(r->st, (int)i); }
