/*
** export.c - `raingan export`: organizations, filings and projects as CSV
** (RFC 4180, optional UTF-8 BOM for Excel) or JSONL, in a fixed order so
** the same store always gives the same bytes.
*/
#include <errno.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "model/model_json.h"
#include "store_int.h"

/* One query per table; the column names are the CSV header and the JSON keys.
** Parse and ingest times are left out: they differ from run to run. */
static const struct {
	const char *name;
	const char *sql;
} tables[] = {
	{ "organizations",
	  "SELECT o.id, o.name, o.type, o.district, nullif(o.province, '') AS province,"
	  " (SELECT count(*) FROM filings f WHERE f.organization_id = o.id) AS filings,"
	  " (SELECT count(*) FROM filings f WHERE f.organization_id = o.id AND f.is_current = 1) AS current_filings"
	  " FROM organizations o ORDER BY o.province, o.name, o.id" },
	{ "filings",
	  "SELECT f.id, f.organization_id, o.name AS organization, nullif(o.province, '') AS province,"
	  " f.kind, f.fiscal_year, f.round_months, f.plan_from, f.plan_to, f.as_of, f.is_current, f.superseded_by,"
	  " (SELECT count(*) FROM projects p WHERE p.filing_id = f.id) AS projects,"
	  " (SELECT count(*) FROM findings x WHERE x.filing_id = f.id) AS findings,"
	  " f.format, f.source_path, f.size, f.mtime, f.sha256"
	  " FROM filings f LEFT JOIN organizations o ON o.id = f.organization_id ORDER BY f.id" },
	{ "projects",
	  "SELECT p.filing_id, p.position, o.name AS organization, f.fiscal_year, f.round_months, f.is_current,"
	  " p.seq, p.name, p.kind, p.dimension, p.mission, p.budget, p.no_budget, p.disbursed, p.status,"
	  " p.responsible"
	  " FROM projects p JOIN filings f ON f.id = p.filing_id"
	  " LEFT JOIN organizations o ON o.id = f.organization_id ORDER BY p.filing_id, p.position" },
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
static void put_value(rg_buf *b, sqlite3_stmt *st, int i, rg_export_format fmt)
{
	const char *text;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		if (fmt == RG_EXPORT_JSONL)
			rg_buf_puts(b, "null");
		break;
	case SQLITE_INTEGER:
		rg_buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		rg_buf_printf(b, "%.2f", sqlite3_column_double(st, i));
		break;
	default:
		text = (const char *)sqlite3_column_text(st, i);
		if (fmt == RG_EXPORT_JSONL)
			rg_json_quote(b, text ? text : "", text ? (size_t)sqlite3_column_bytes(st, i) : 0);
		else
			csv_field(b, text ? text : "");
		break;
	}
}

static void put_row(rg_buf *b, sqlite3_stmt *st, rg_export_format fmt)
{
	int i, n = sqlite3_column_count(st);

	if (fmt == RG_EXPORT_JSONL)
		rg_buf_putc(b, '{');
	for (i = 0; i < n; i++) {
		if (i)
			rg_buf_putc(b, ',');
		if (fmt == RG_EXPORT_JSONL) {
			rg_json_quote(b, sqlite3_column_name(st, i), strlen(sqlite3_column_name(st, i)));
			rg_buf_putc(b, ':');
		}
		put_value(b, st, i, fmt);
	}
	rg_buf_puts(b, fmt == RG_EXPORT_JSONL ? "}\n" : "\r\n");
}

static void put_header(rg_buf *b, sqlite3_stmt *st)
{
	int i, n = sqlite3_column_count(st);

	for (i = 0; i < n; i++) {
		if (i)
			rg_buf_putc(b, ',');
		csv_field(b, sqlite3_column_name(st, i));
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
static int write_rows(rg_store *s, sqlite3_stmt *st, rg_export_format fmt, int bom, FILE *out)
{
	rg_buf b = RG_BUF_INIT;
	int rc, err = 0;

	if (fmt == RG_EXPORT_CSV) {
		if (bom)
			rg_buf_puts(&b, "\xEF\xBB\xBF");
		put_header(&b, st);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		put_row(&b, st, fmt);
		if (b.len >= 65536 && (err = flush_buf(&b, out)))
			break;
	}
	if (!err && rc != SQLITE_DONE)
		err = rg_store_sql_error(s, "cannot read the store");
	if (!err)
		err = flush_buf(&b, out);
	rg_buf_free(&b);
	return err;
}

int rg_store_export_table(rg_store *s, const char *table, rg_export_format fmt, int bom, FILE *out)
{
	sqlite3_stmt *st;
	int t = find_table(table), rc;

	if (t < 0)
		return rg_error_set(RG_EUSAGE, "unknown table '%s' (organizations, filings or projects)", table);
	if (rg_store_prepare(s, tables[t].sql, &st))
		return RG_ERROR;
	rc = write_rows(s, st, fmt, bom, out);
	sqlite3_finalize(st);
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

int rg_store_export_models(rg_store *s, const rg_store_filter *f, FILE *out)
{
	int rc = rg_store_each_model(s, f, write_model, out);

	if (!rc && fflush(out))
		rc = rg_error_set(RG_EIO, "cannot write the export: %s", strerror(errno));
	return rc;
}
