/*
** store.h - the SQLite store of parsed filings (issue 5): schema and
** migrations, one transaction per filing, failures, the current filings as
** models for the report, and CSV/JSONL export.  store/README.md documents
** the schema.
**
** One rg_store is one SQLite connection: use it from one thread at a time
** (the ingest writer, or a reader such as `raingan report`).  Several
** processes may open the same database at once (WAL mode, busy timeout).
** Every function follows the error convention of core/error.h.
*/
#ifndef RG_STORE_H
#define RG_STORE_H

#include <stddef.h>
#include <stdio.h>

#include "model/model.h"

#define RG_STORE_DEFAULT_DB "raingan.db"
#define RG_STORE_SCHEMA_VERSION 1

typedef struct rg_store rg_store;

/* Open flags */
#define RG_STORE_READONLY 1   /* never create, migrate or write (report, export) */

/* Open (creating and migrating unless RG_STORE_READONLY) the database at path. */
int rg_store_open(rg_store **out, const char *path, int flags);
void rg_store_close(rg_store *s);

/* The schema version the database is at (0 for an empty database). */
int rg_store_schema_version(rg_store *s, int *version);

/* ---- ingest (the single writer) -------------------------------------- */

/* What the store keeps about a file besides its model. */
typedef struct {
	const char *path;       /* as given on the command line or found by the walk */
	long long size;         /* bytes */
	long long mtime;        /* seconds since the epoch */
	double parse_ms;        /* time spent in rg_parse_file */
} rg_store_source;

/* Filings are identified by the SHA-256 of the file's bytes (core/sha256.h,
** rg_sha256_file; rg_parse_file fills m->sha256 with it). */

/* Every stored sha256, sorted, as 32-byte binary digests (caller frees *out). */
int rg_store_known_digests(rg_store *s, unsigned char **out, size_t *n);

/* Whether a filing with this sha256 (hex) is stored. */
int rg_store_has_sha256(rg_store *s, const char *sha256, int *found);

/* Store one filing in its own transaction: organization, filing, projects,
** stated totals and findings; the filing becomes the current one of its
** organization + kind + fiscal year + round; a failure recorded for its
** path is cleared.  m->sha256 must be set.  *inserted is 0 when a filing
** with the same sha256 was already stored (nothing is written then). */
int rg_store_put_filing(rg_store *s, const rg_model *m, const rg_store_source *src, int *inserted);

/* Record (or replace) the failure of a path: its error code and message. */
int rg_store_put_failure(rg_store *s, const rg_store_source *src, const char *sha256,
	int code, const char *message);

/* Forget the failure of a path (nothing when none is recorded). */
int rg_store_clear_failure(rg_store *s, const char *path);

/* ---- reading ---------------------------------------------------------- */

typedef struct {
	const char *path;
	const char *sha256;     /* NULL when the file could not be read */
	long long size;
	const char *code;       /* rg_error_name() of the error: "format", "encrypted", "io" ... */
	const char *message;
} rg_store_failure;

/* Call fn for every failure, ordered by path; a non-zero return from fn stops and is returned. */
int rg_store_each_failure(rg_store *s, int (*fn)(const rg_store_failure *f, void *ctx), void *ctx);
int rg_store_count_failures(rg_store *s, long long *n);

/* Which filings to load.  Zero / NULL fields do not filter. */
typedef struct {
	int fiscal_year;        /* BE */
	int round_months;       /* 6 or 12 */
	const char *province;   /* exact, as stored (without จังหวัด) */
	const char *org;        /* exact organization name */
	const char *kind;       /* "progress_report", "action_plan", ... */
	int include_history;    /* also the superseded versions */
} rg_store_filter;

void rg_store_filter_init(rg_store_filter *f);

/* Call fn with each selected filing as a full model (source, organization,
** projects with budget_by_year, stated, findings), ordered by province,
** organization, fiscal year, round, kind.  The model is freed after fn
** returns, so memory stays flat however many filings there are; a non-zero
** return from fn stops and is returned. */
int rg_store_each_model(rg_store *s, const rg_store_filter *f,
	int (*fn)(const rg_model *m, void *ctx), void *ctx);

/* The same, collected in an array (for the PDF report): free with rg_store_free_models. */
int rg_store_load_models(rg_store *s, const rg_store_filter *f, rg_model ***out, size_t *n);

/* The same, keeping only the models for which keep(m, ctx) is non-zero (keep NULL: all);
** e.g. keep = a wrapper of rg_report_selects(), so memory holds only what the report uses. */
int rg_store_load_selected(rg_store *s, const rg_store_filter *f,
	int (*keep)(const rg_model *m, void *ctx), void *ctx, rg_model ***out, size_t *n);
void rg_store_free_models(rg_model **models, size_t n);

/* ---- export ----------------------------------------------------------- */

typedef enum { RG_EXPORT_CSV = 0, RG_EXPORT_JSONL } rg_export_format;

/* Write one table ("organizations", "filings" or "projects") as CSV (RFC 4180,
** CRLF, a header row; bom: a UTF-8 byte-order mark first, for Excel) or
** JSONL (one object a row).  Rows come in a fixed order, so the same store
** gives the same bytes.  Machine-dependent fields (parse time, ingest time)
** are left out. */
int rg_store_export_table(rg_store *s, const char *table, rg_export_format fmt, int bom, FILE *out);

/* Write every filing as one line of model JSON (as `raingan parse --jsonl` prints it). */
int rg_store_export_models(rg_store *s, const rg_store_filter *f, FILE *out);

#endif
