/*
** store.h - the store of parsed filings: one API over every backend.
**
** rg_store_open takes what `--db` says: a PostgreSQL connection string
** (a postgresql:// or postgres:// URI, or libpq's "key=value ..." form) or
** else the path of an SQLite file.  The schema, its migrations, what is
** written for a filing, which filing is current, the filter as SQL and the
** export bytes are common code over a small backend interface (backend.h),
** so every backend gives the same answers.  store/README.md documents the
** schema, the migrations and the interface.
**
** One rg_store is one connection: use it from one thread at a time (the
** ingest writer, or a reader such as `raingan report`).  Many processes
** may open one store at once.  Every function follows core/error.h; a
** message names the store (a connection string without its password).
*/
#ifndef RG_STORE_H
#define RG_STORE_H

#include <stddef.h>
#include <stdio.h>

#include "model/filter.h"
#include "model/model.h"
#include "model/org.h"
#include "register.h"   /* oversight/: rg_register_entry */

#define RG_STORE_DEFAULT_DB "raingan.db"
#define RG_STORE_SCHEMA_VERSION 5

typedef struct rg_store rg_store;

/* Open flags */
#define RG_STORE_READONLY 1   /* never create, migrate or write (report, export, failures) */

/* Open the store target names, creating and migrating it unless RG_STORE_READONLY.
** A store at a newer schema version than this raingan is refused untouched; a
** read-only open of an older one asks for `raingan ingest` (which migrates). */
int rg_store_open(rg_store **out, const char *target, int flags);
void rg_store_close(rg_store *s);

/* The store as messages name it: the path, or the connection string without a password. */
const char *rg_store_name(const rg_store *s);

/* Whether this open made the store (an empty file or database given its schema). */
int rg_store_created(const rg_store *s);

/* The backend's name ("sqlite", "postgresql") that target would open, without opening it. */
const char *rg_store_backend_of(const char *target);

/* The schema version the store is at (0 for an empty database). */
int rg_store_schema_version(rg_store *s, int *version);

/* ---- ingest (the one writer of a process) ----------------------------- */

/* What the store keeps about a file besides its model. */
typedef struct {
	const char *path;       /* as given on the command line or found by the walk */
	long long size;         /* bytes */
	long long mtime;        /* seconds since the epoch */
	double parse_ms;        /* time spent parsing */
} rg_store_source;

/* The SHA-256 (binary, 32 bytes each, sorted) of every stored filing that an
** ingest may skip without parsing (caller frees *out).  A filing a migration
** could not bring fully up to date is left out, so the next ingest that sees
** its file parses it again (see store/README.md, "Migrations"). */
int rg_store_known_digests(rg_store *s, unsigned char **out, size_t *n);

/* Whether a filing with this sha256 (hex) is stored. */
int rg_store_has_sha256(rg_store *s, const char *sha256, int *found);

/* Store one filing in its own transaction: its organization (org.h: type,
** place, district, province), the filing with the organization fields it
** states, its projects, stated totals and findings; then the current filing
** of its version group is chosen again (store/README.md: the later data
** date, then the later period, then the greater sha256), and a failure
** recorded for its path is cleared.  m->sha256 must be set.  *inserted is 0
** when a filing with the same sha256 was already stored (nothing is written
** then, but the path's failure is cleared).  A transient error (backend.h:
** retryable) is retried a few times before it is returned. */
int rg_store_put_filing(rg_store *s, const rg_model *m, const rg_store_source *src, int *inserted);

/* Whether the last error of s was transient (retried, and still failing): the
** batch may record that file as failed and go on; any other store error
** should stop it. */
int rg_store_last_error_transient(const rg_store *s);

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

/* Call fn with each filing f selects (model/filter.h; NULL: every current
** filing) as a full model (source, the organization as the filing states it,
** projects with budget_by_year, stated, findings, and the store's own
** findings such as organization_ambiguous), in the export's order (by
** province, organization, district, kind, year, round, plan, data date,
** sha256), all from one snapshot.  The model is freed after fn returns, so
** memory stays flat; a non-zero return from fn stops and is returned. */
int rg_store_each_model(rg_store *s, const rg_filing_filter *f,
	int (*fn)(const rg_model *m, void *ctx), void *ctx);

/* The same, collected in an array (for the PDF report): free with rg_store_free_models. */
int rg_store_load_models(rg_store *s, const rg_filing_filter *f, rg_model ***out, size_t *n);
void rg_store_free_models(rg_model **models, size_t n);

/* Call fn with each province (as the filings state it; NULL for those that
** state none) of the filings f selects, once each, in byte order (none
** first).  A non-zero return of fn stops and is returned. */
int rg_store_each_province(rg_store *s, const rg_filing_filter *f, int (*fn)(const char *province, void *ctx),
	void *ctx);

/* ---- export ----------------------------------------------------------- */

typedef enum { RG_EXPORT_CSV = 0, RG_EXPORT_JSONL } rg_export_format;

/* Write one table ("organizations", "filings", "projects", "findings" or "register") as CSV (RFC 4180,
** CRLF, a header row; bom: a UTF-8 byte-order mark first, for Excel) or
** JSONL (one object a row).  Rows are identified by what they are (a filing
** by its sha256, an organization by its key), never by an id that depends
** on the order of ingest, and come in a fixed order: the same filings give
** the same bytes, whatever the order they were stored in and whichever the
** backend.  Machine-dependent fields (parse time, ingest time) are left out. */
int rg_store_export_table(rg_store *s, const char *table, rg_export_format fmt, int bom, FILE *out);

/* The rows of a table (those of rg_store_export_table, and "findings",
** "register"), typed, for a writer of another format (the XLSX export):
** fn is called once a row, in the export's order; a row's values stay valid
** until fn returns.  A non-zero return of fn stops and is returned. */
typedef struct rg_store_row rg_store_row;
typedef enum { RG_VALUE_INT = 0, RG_VALUE_AMOUNT, RG_VALUE_TEXT } rg_value_kind;

int rg_store_each_row(rg_store *s, const char *table, int (*fn)(const rg_store_row *r, void *ctx), void *ctx);
int rg_store_table_columns(const char *table, const char *const **names, const rg_value_kind **kinds, size_t *n);
size_t rg_store_row_columns(const rg_store_row *r);
const char *rg_store_row_name(const rg_store_row *r, size_t i);
rg_value_kind rg_store_row_kind(const rg_store_row *r, size_t i);
int rg_store_row_null(const rg_store_row *r, size_t i);
long long rg_store_row_int(const rg_store_row *r, size_t i);
double rg_store_row_amount(const rg_store_row *r, size_t i);      /* baht */
const char *rg_store_row_text(const rg_store_row *r, size_t i);

/* The latest fiscal year and round of the current progress reports (0, 0 when none). */
int rg_store_latest_round(rg_store *s, int *year, int *round);

/* Write each filing f selects as one line of model JSON (as `raingan parse --jsonl` prints it). */
int rg_store_export_models(rg_store *s, const rg_filing_filter *f, FILE *out);

/* ---- the register and what is derived across filings (issue 11) ---- */

/* Read rules_dir/spelling.tsv (the spelling variants project names are
** matched with across filings, oversight/match.h).  Without it, names are
** matched without variants.  A writer that derives findings sets it. */
int rg_store_set_rules(rg_store *s, const char *rules_dir);

/* Import a register in one write transaction: begin (replace: drop the rows
** already there), put each row, end.  put refuses a row whose key is already
** registered under another code: *other is that code, nothing is written,
** and the import goes on; *added is 1 for a new code, 0 for one updated.
** end with commit links every organization to the register again, derives
** every derived finding again (*derived: the filings derived) and commits;
** without commit (or on an error) nothing of the import stays. */
int rg_store_register_begin(rg_store *s, int replace);
int rg_store_register_put(rg_store *s, const rg_register_entry *e, char *other, size_t size, int *added);
int rg_store_register_end(rg_store *s, int commit, size_t *derived);
int rg_store_register_count(rg_store *s, long long *n);

/* Link the organizations to the register and derive every derived finding
** again, in one write transaction (after a rules change, or a store of an
** older version); *derived: the current filings derived. */
int rg_store_follow_update(rg_store *s, size_t *derived);

/* A registered organization (code set) or, without a register, an
** organization seen in filings (code NULL) with no current progress report
** of a fiscal year and round.  Text is normalized (org.h), the name as the
** register (or the organization key) writes it. */
typedef struct {
	const char *code;
	const char *name;
	rg_org_type type;
	const char *district;       /* "" for an อบจ. */
	const char *province;
	int last_year, last_round;  /* its latest current progress report; 0 when none */
} rg_store_missing;

/* Call fn for each organization with no current progress report of year
** (BE) and round (6, 12), in province (NULL or "": all; "จังหวัด" allowed),
** ordered by province, district, name.  Without a register the universe is
** the organizations seen in filings.  A non-zero return of fn stops. */
int rg_store_each_missing(rg_store *s, int year, int round, const char *province,
	int (*fn)(const rg_store_missing *m, void *ctx), void *ctx);

/* A current filing the register cannot place: its organization is in no
** register row (candidates 0), could be several (codes lists them), or it
** names none.  Nothing without a register. */
typedef struct {
	const char *org_name;       /* as the filing states it; NULL when it names none */
	rg_org_type org_type;
	const char *district, *province;
	rg_doc_kind kind;
	int fiscal_year, round_months;
	const char *source_path, *sha256;
	long long candidates;
	const char *codes;          /* ", "-separated, when candidates > 1 */
} rg_store_unmatched;

int rg_store_each_unmatched(rg_store *s, int (*fn)(const rg_store_unmatched *u, void *ctx), void *ctx);

#endif
