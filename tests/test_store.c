/*
** test_store.c - the store API without the parser: schema and migrations
** (a version-1 store made by the old code migrates), one filing per
** transaction, skip by sha256, organizations identified by type, place,
** district and province, the current filing chosen from the filings (any
** order of ingest gives the same), a filing whose organization cannot be
** told apart, failures, models read back (round trip), the filter as SQL,
** export quoting, the choice of backend from --db; on PostgreSQL also a
** lost connection and serialization failures, retried.
** One suite for every backend: no argument runs it on SQLite files, a libpq
** connection string (argv[1]) on databases of that server (store_target.h).
** Models are built by hand here; expected values are written out literally.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "core/buf.h"
#include "core/error.h"
#include "model/model_json.h"
#include "store.h"
#include "store_int.h"
#include "store_target.h"

static char dir[] = "/tmp/rg-test-store-XXXXXX";

static const char *tmp_path(const char *name)
{
	static char path[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

static void sha_of(char c, char sha[65])
{
	memset(sha, c, 64);
	sha[64] = '\0';
}

/* A filing with every kind of field; sha is 64 hex digits made from one character. */
static rg_model *make_model(char sha_char, const char *org, int fy, int round)
{
	rg_model *m = rg_model_new();
	char sha[65];
	rg_project *p;

	sha_of(sha_char, sha);
	rg_model_set_str(&m->sha256, sha);
	rg_model_set_str(&m->format, "docx");
	m->kind = RG_KIND_PROGRESS_REPORT;
	if (org) {
		rg_model_set_str(&m->org_name, org);
		m->org_type = RG_ORG_SAO;
		rg_model_set_str(&m->district, "สันทราย");
		rg_model_set_str(&m->province, "เชียงใหม่");
	}
	m->fiscal_year = fy;
	m->round_months = round;
	strcpy(m->as_of, "2566-03-20");

	p = rg_model_add_project(m);
	rg_model_set_str(&p->seq, "1.1");
	rg_model_set_str(&p->name, "โครงการ a, \"b\"");
	p->kind = RG_ITEM_PROJECT;
	p->dimension = 2;
	rg_model_set_str(&p->mission, "2.1");
	p->budget.set = 1;
	p->budget.value = 100000.5;
	p->disbursed.set = 1;
	p->disbursed.value = 0;
	p->status = RG_STATUS_COMPLETED;
	rg_model_set_str(&p->responsible, "สำนักปลัด");

	p = rg_model_add_project(m);
	rg_model_set_str(&p->seq, "2");
	rg_model_set_str(&p->name, "มาตรการ x");
	p->kind = RG_ITEM_MEASURE;
	p->no_budget = 1;
	p->budget_by_year = calloc(2, sizeof(*p->budget_by_year));
	p->n_budget_by_year = 2;
	p->budget_by_year[0].year = 2566;
	p->budget_by_year[0].amount.set = 1;
	p->budget_by_year[0].amount.value = 20000;
	p->budget_by_year[1].year = 2567;

	rg_model_set_stated(m, "projects_total", 2);
	rg_model_set_stated(m, "disbursed_total", 34000.5);
	rg_model_add_finding(m, RG_SEV_WARNING, "stated_count_mismatch", "summary says %d", 3);
	rg_model_finding_arg(m, "stated", "3");          /* figures travel through the store */
	rg_model_finding_arg(m, "what", "จำนวนโครงการ");
	return m;
}

static int put(rg_store *s, rg_model *m, const char *path, int *inserted)
{
	rg_store_source src = { path, 1234, 1700000000, 1.5 };
	int rc;

	rg_model_set_str(&m->file, path);
	rc = rg_store_put_filing(s, m, &src, inserted);
	rg_model_free(m);
	return rc;
}

/* The whole of a small file. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *data = calloc(1, 1 << 17);

	if (f && data)
		(void)!fread(data, 1, (1 << 17) - 1, f);
	if (f)
		fclose(f);
	return data;
}

/* Every export of a store in one string (tables as CSV and JSONL, models with history). */
static char *all_exports(const char *db)
{
	static const char *const tables[] = { "organizations", "filings", "projects" };
	const char *path = tmp_path("export.out");
	rg_buf b = RG_BUF_INIT;
	rg_filing_filter f;
	rg_store *s;
	FILE *out;
	char *text;
	size_t k;
	int fmt;

	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	for (k = 0; k < 3; k++)
		for (fmt = 0; fmt < 2; fmt++) {
			CHECK((out = fopen(path, "wb")) != NULL);
			CHECK_INT(rg_store_export_table(s, tables[k], (rg_export_format)fmt, 0, out), 0);
			fclose(out);
			text = slurp(path);
			rg_buf_puts(&b, text);
			free(text);
		}
	rg_filing_filter_init(&f);
	f.history = 1;
	CHECK((out = fopen(path, "wb")) != NULL);
	CHECK_INT(rg_store_export_models(s, &f, out), 0);
	fclose(out);
	text = slurp(path);
	rg_buf_puts(&b, text);
	free(text);
	rg_store_close(s);
	return rg_buf_detach(&b);
}

static void test_open_and_schema(void)
{
	const char *db = st_store("schema");
	rg_store *s = NULL;
	int version = -1;

	CHECK_INT(rg_store_open(&s, st_missing("missing"), RG_STORE_READONLY), RG_EIO);
	CHECK(s == NULL);
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_schema_version(s, &version), 0);
	CHECK_INT(version, RG_STORE_SCHEMA_VERSION);
	CHECK_INT(version, 5);
	CHECK_STR(rg_store_name(s), db);
	rg_store_close(s);
	/* reopening does not migrate again */
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM schema_version"), 1);
	if (!st_is_pg())
		CHECK_STR(st_text(db, "PRAGMA journal_mode"), "wal");
	/* a read-only store refuses writes with an error, not a crash */
	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	{
		rg_store_source src = { "x.docx", 1, 1, 0 };
		CHECK(rg_store_put_failure(s, &src, NULL, RG_EFORMAT, "x") < 0);
		/* SQLite: "attempt to write a readonly database"; PostgreSQL: "... in a read-only transaction" */
		CHECK(strstr(rg_error_message(), st_is_pg() ? "read-only" : "readonly") != NULL);
		CHECK(!strncmp(rg_error_message(), db, strlen(db)));   /* the store is named */
	}
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM failures"), 0);
}

static void test_not_a_store_and_newer(void)
{
	const char *empty = st_store("empty"), *newer = st_store("newer");
	rg_store *s = NULL;

	/* a database without our schema */
	CHECK_INT(st_exec(empty, "CREATE TABLE other (x INTEGER)"), 0);
	CHECK_INT(rg_store_open(&s, empty, RG_STORE_READONLY), RG_ENOTFOUND);
	/* a store written by a newer raingan is refused, not damaged */
	CHECK_INT(rg_store_open(&s, newer, 0), 0);
	rg_store_close(s);
	CHECK_INT(st_exec(newer, "UPDATE schema_version SET version = 99"), 0);
	CHECK_INT(rg_store_open(&s, newer, 0), RG_ERROR);
	CHECK(strstr(rg_error_message(), "newer") != NULL);
	CHECK_INT(rg_store_open(&s, newer, RG_STORE_READONLY), RG_ERROR);
	CHECK_INT(st_int(newer, "SELECT version FROM schema_version"), 99);
}

/* --db picks the backend; a connection string is named without its password. */
static void test_backend_choice(void)
{
	rg_store *s = NULL;

	CHECK_STR(rg_store_backend_of("raingan.db"), "sqlite");
	CHECK_STR(rg_store_backend_of("/srv/a=b/raingan.db"), "sqlite");
	CHECK_STR(rg_store_backend_of("./x=1.db"), "sqlite");
	CHECK_STR(rg_store_backend_of("postgresql://u@db.example/raingan"), "postgresql");
	CHECK_STR(rg_store_backend_of("postgres://db/raingan?sslmode=require"), "postgresql");
	CHECK_STR(rg_store_backend_of("host=db.example dbname=raingan"), "postgresql");
	CHECK_STR(rg_store_backend_of("  dbname = raingan"), "postgresql");
	/* a password in --db is refused before any connection, and not repeated */
	CHECK_INT(rg_store_open(&s, "postgresql://nacc:s3cret@db.example:5432/raingan?password=s3cret&sslmode=require",
		0), RG_EUSAGE);
	CHECK(s == NULL);
	CHECK(strstr(rg_error_message(), "s3cret") == NULL);
	CHECK(strstr(rg_error_message(), "postgresql://nacc@db.example:5432/raingan?sslmode=require") != NULL);
	CHECK(strstr(rg_error_message(), "PGPASSWORD, ~/.pgpass or a service file") != NULL);
	CHECK_INT(rg_store_open(&s, "host=db password='a b\\'c' dbname=raingan", 0), RG_EUSAGE);
	CHECK(strstr(rg_error_message(), "a b") == NULL && strstr(rg_error_message(), "dbname=raingan") != NULL);
	/* a malformed string whose libpq reason would quote the password */
	CHECK_INT(rg_store_open(&s, "host=db password=a b c dbname=raingan", 0), RG_EUSAGE);
	CHECK(strstr(rg_error_message(), " b") == NULL);
	/* nobody listening: one line naming the store, no waiting (a closed local port) */
	CHECK_INT(rg_store_open(&s, "host=127.0.0.1 port=1 dbname=raingan connect_timeout=5", 0), RG_EIO);
	CHECK(s == NULL);
	CHECK(strchr(rg_error_message(), '\n') == NULL);
	{
		static const char want[] = "host=127.0.0.1 port=1 dbname=raingan connect_timeout=5: cannot connect: ";
		CHECK(!strncmp(rg_error_message(), want, sizeof(want) - 1));
	}
}

/* Two connections (two writers) store the same bytes: the second writes nothing. */
static void test_two_writers(void)
{
	const char *db = st_store("two");
	rg_store *a, *b;
	int ia = -1, ib = -1;

	CHECK_INT(rg_store_open(&a, db, 0), 0);
	CHECK_INT(rg_store_open(&b, db, 0), 0);
	CHECK_INT(put(a, make_model('a', "อบต.หนึ่ง", 2566, 6), "a.docx", &ia), 0);
	CHECK_INT(put(b, make_model('a', "อบต.หนึ่ง", 2566, 6), "again/a.docx", &ib), 0);
	CHECK_INT(ia, 1);
	CHECK_INT(ib, 0);
	/* another version through the other connection: the choice sees the first's */
	CHECK_INT(put(b, make_model('b', "อบต.หนึ่ง", 2566, 6), "b.docx", &ib), 0);
	rg_store_close(a);
	rg_store_close(b);
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings"), 2);
	CHECK_STR(st_text(db, "SELECT source_path FROM filings WHERE is_current = 1"), "b.docx");
}

/* The backend's contract (backend.h), below the common code: statements stepped
** interleaved outside a transaction and in a read (more rows than one fetch),
** many rows of one INSERT in a write (values back exactly: NULL, quotes, Thai,
** doubles), and an error among them: reported, and nothing of the transaction left. */
static void test_backend_contract(void)
{
	const char *db = st_store("contract");
	rg_db_stmt *ins = NULL, *outer = NULL, *inner = NULL;
	const rg_store_backend *be;
	rg_store *s;
	long long sum = 0, rows = 0;
	int i, rc, found = 0;
	char text[64];

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	be = s->be;
	CHECK_INT(rg_sql_exec(s, "CREATE TABLE t (id {ID}, k INTEGER NOT NULL UNIQUE, v TEXT, x DOUBLE PRECISION)"), 0);
	/* 700 rows in one write: runs of one INSERT (several of its shapes) */
	CHECK_INT(be->begin(s->db, RG_TX_WRITE), 0);
	CHECK_INT(rg_sql_prepare(s, "INSERT INTO t (k, v, x) VALUES ($1, $2, $3)", &ins), 0);
	for (i = 0; i < 700; i++) {
		be->reset(ins);
		snprintf(text, sizeof(text), "แถว '%d' \"q\"", i);
		CHECK_INT(be->bind_int(ins, 1, i), 0);
		CHECK_INT(i % 7 ? be->bind_text(ins, 2, text) : be->bind_null(ins, 2), 0);
		CHECK_INT(be->bind_double(ins, 3, i == 1 ? 0.1 : i == 2 ? 1e-300 : i * 1.5), 0);
		CHECK_INT(be->step(ins), RG_DB_DONE);
	}
	be->reset(ins);
	/* a query in the same write sees them all */
	CHECK_INT(rg_sql_prepare(s, "SELECT count(*) FROM t", &outer), 0);
	CHECK_INT(rg_sql_row(s, outer, &found), 0);
	CHECK_INT(found ? be->column_int(outer, 0) : -1, 700);
	rg_sql_finalize(s, outer);
	CHECK_INT(be->commit(s->db), 0);

	/* outside a transaction: an outer query and an inner one per row, interleaved */
	CHECK_INT(rg_sql_prepare(s, "SELECT k, v, x FROM t ORDER BY k", &outer), 0);
	CHECK_INT(rg_sql_prepare(s, "SELECT count(*) FROM t WHERE k <= $1", &inner), 0);
	while ((rc = be->step(outer)) == RG_DB_ROW) {
		long long k = be->column_int(outer, 0);
		if (k % 50 == 0) {
			be->reset(inner);
			CHECK_INT(be->bind_int(inner, 1, k), 0);
			CHECK_INT(rg_sql_row(s, inner, &found), 0);
			CHECK_INT(be->column_int(inner, 0), k + 1);
		}
		if (k == 1)
			CHECK(be->column_double(outer, 2) == 0.1);
		if (k == 2)
			CHECK(be->column_double(outer, 2) == 1e-300);
		if (k == 14)
			CHECK(be->column_is_null(outer, 1) && be->column_text(outer, 1) == NULL);
		if (k == 699)
			CHECK_STR(be->column_text(outer, 1), "แถว '699' \"q\"");
		sum += k;
		rows++;
	}
	CHECK_INT(rc, RG_DB_DONE);
	CHECK_INT(rows, 700);
	CHECK_INT(sum, 699 * 700 / 2);
	/* in a read: the same, and a query stopped half way is no trouble */
	CHECK_INT(be->begin(s->db, RG_TX_READ), 0);
	be->reset(outer);
	rows = 0;
	while ((rc = be->step(outer)) == RG_DB_ROW) {
		be->reset(inner);
		CHECK_INT(be->bind_int(inner, 1, be->column_int(outer, 0)), 0);
		CHECK_INT(rg_sql_row(s, inner, &found), 0);
		rows += be->column_int(inner, 0) == be->column_int(outer, 0) + 1;
		if (rows == 300)
			break;
	}
	CHECK_INT(rows, 300);
	be->reset(outer);
	CHECK_INT(be->step(outer), RG_DB_ROW);
	CHECK_INT(be->column_int(outer, 0), 0);
	be->reset(outer);
	be->rollback(s->db);

	/* an error among queued rows: reported by the commit at the latest, nothing kept */
	CHECK_INT(be->begin(s->db, RG_TX_WRITE), 0);
	rc = 0;
	for (i = 1000; i < 1010 && !rc; i++) {
		be->reset(ins);
		CHECK_INT(be->bind_int(ins, 1, i == 1005 ? 3 : i), 0);   /* k = 3 is there */
		CHECK_INT(be->bind_text(ins, 2, "x"), 0);
		CHECK_INT(be->bind_null(ins, 3), 0);
		rc = be->step(ins);
	}
	if (rc >= 0)
		rc = be->commit(s->db);
	CHECK(rc < 0);
	CHECK(strstr(rg_error_message(), "unique") != NULL || strstr(rg_error_message(), "UNIQUE") != NULL);
	be->rollback(s->db);
	be->reset(ins);
	rg_sql_finalize(s, ins);
	rg_sql_finalize(s, outer);
	rg_sql_finalize(s, inner);
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM t"), 700);
	CHECK_INT(st_int(db, "SELECT count(*) FROM t WHERE k >= 1000"), 0);
}

/* PostgreSQL: what reaches the user of a lost connection, a deadlock and a serialization failure. */
static void test_pg_retries(void)
{
	const char *db = st_store("retries");
	rg_model **models = NULL;
	size_t n = 0;
	rg_store *s, *r;
	int inserted = -1, found = -1;
	static const char kill_others[] =
		"SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
		" WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'raingan'";

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_open(&r, db, RG_STORE_READONLY), 0);
	CHECK_INT(put(s, make_model('a', "อบต.หนึ่ง", 2566, 6), "a.docx", &inserted), 0);

	/* the connections dropped between two filings: the next filing, a lookup and a
	** read all run on new ones */
	CHECK_INT(st_exec(db, kill_others), 0);
	CHECK_INT(put(s, make_model('b', "อบต.หนึ่ง", 2566, 6), "b.docx", &inserted), 0);
	CHECK_INT(inserted, 1);
	CHECK_INT(st_exec(db, kill_others), 0);
	CHECK_INT(rg_store_has_sha256(s, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", &found), 0);
	CHECK_INT(found, 1);
	CHECK_INT(rg_store_load_models(r, NULL, &models, &n), 0);
	CHECK_INT(n, 1);
	rg_store_free_models(models, n);

	/* two serialization failures, then it passes: the writer never hears of them */
	CHECK_INT(st_exec(db, "CREATE SEQUENCE flaky;"
		" CREATE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
		"  IF NEW.source_path LIKE 'flaky%' AND nextval('flaky') <= 2 THEN"
		"   RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END IF;"
		"  IF NEW.source_path LIKE 'deadlock%' THEN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END IF;"
		"  IF NEW.source_path LIKE 'cut%' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;"
		"  RETURN NEW; END $$;"
		" CREATE TRIGGER flaky BEFORE INSERT ON filings FOR EACH ROW EXECUTE FUNCTION flaky()"), 0);
	CHECK_INT(put(s, make_model('c', "อบต.สอง", 2566, 6), "flaky.docx", &inserted), 0);
	CHECK_INT(inserted, 1);
	CHECK_INT(st_int(db, "SELECT last_value FROM flaky"), 3);
	/* a deadlock every time: after its retries the filing fails as transient (the batch
	** records it and goes on), and nothing of it is left */
	CHECK(put(s, make_model('d', "อบต.สาม", 2566, 6), "deadlock.docx", &inserted) < 0);
	CHECK_INT(rg_store_last_error_transient(s), 1);
	CHECK(strstr(rg_error_message(), "deadlock detected") != NULL);
	/* a connection that drops every time: the same, and the store works on after it */
	CHECK(put(s, make_model('e', "อบต.สี่", 2566, 6), "cut.docx", &inserted) < 0);
	CHECK_INT(rg_store_last_error_transient(s), 1);
	CHECK(strstr(rg_error_message(), "lost the connection") != NULL);
	{
		rg_store_source src = { "cut.docx", 1, 1, 0 };
		CHECK_INT(rg_store_put_failure(s, &src, NULL, RG_EIO, rg_error_message()), 0);
	}
	CHECK_INT(put(s, make_model('f', "อบต.ห้า", 2566, 6), "f.docx", &inserted), 0);
	CHECK_INT(inserted, 1);
	rg_store_close(s);
	rg_store_close(r);
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings"), 4);
	CHECK_INT(st_int(db, "SELECT count(*) FROM organizations"), 3);
	CHECK_INT(st_int(db, "SELECT count(*) FROM projects"), 8);
	CHECK_INT(st_int(db, "SELECT count(*) FROM failures WHERE path = 'cut.docx'"), 1);
}

static void test_skip_and_versions(void)
{
	const char *db = st_store("versions");
	unsigned char *known = NULL;
	size_t n_known = 0;
	rg_store *s;
	int inserted = -1, found = -1;

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(put(s, make_model('a', "อบต.หนึ่ง", 2566, 6), "a.docx", &inserted), 0);
	CHECK_INT(inserted, 1);
	/* the same bytes again, under another name: nothing written */
	CHECK_INT(put(s, make_model('a', "อบต.หนึ่ง", 2566, 6), "copy-of-a.docx", &inserted), 0);
	CHECK_INT(inserted, 0);
	CHECK_INT(rg_store_has_sha256(s, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &found), 0);
	CHECK_INT(found, 1);
	CHECK_INT(rg_store_has_sha256(s, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", &found), 0);
	CHECK_INT(found, 0);
	/* another version of the same organization, year and round (the same data date:
	** the greater sha256 is current) */
	CHECK_INT(put(s, make_model('b', "อบต.หนึ่ง", 2566, 6), "b.docx", &inserted), 0);
	CHECK_INT(inserted, 1);
	/* another round, another organization, no organization: all current */
	CHECK_INT(put(s, make_model('c', "อบต.หนึ่ง", 2566, 12), "c.docx", &inserted), 0);
	CHECK_INT(put(s, make_model('d', "อบต.สอง", 2566, 6), "d.docx", &inserted), 0);
	CHECK_INT(put(s, make_model('e', NULL, 2566, 6), "e.docx", &inserted), 0);
	CHECK_INT(put(s, make_model('f', NULL, 2566, 6), "f.docx", &inserted), 0);
	CHECK_INT(rg_store_known_digests(s, &known, &n_known), 0);
	CHECK_INT(n_known, 6);
	CHECK(known && known[0] == 0xaa && known[32] == 0xbb && known[5 * 32 + 31] == 0xff);
	free(known);
	rg_store_close(s);

	CHECK_INT(st_int(db, "SELECT count(*) FROM filings"), 6);
	CHECK_INT(st_int(db, "SELECT count(*) FROM organizations"), 2);
	CHECK_INT(st_int(db, "SELECT is_current FROM filings WHERE source_path = 'a.docx'"), 0);
	CHECK_INT(st_int(db, "SELECT CASE WHEN superseded_by = (SELECT id FROM filings WHERE source_path = 'b.docx')"
		" THEN 1 ELSE 0 END FROM filings WHERE source_path = 'a.docx'"), 1);
	CHECK_INT(st_int(db, "SELECT count(*) FROM current_filings"), 5);
	CHECK_INT(st_int(db, "SELECT count(*) FROM projects"), 12);
	CHECK_INT(st_int(db, "SELECT count(*) FROM project_years"), 12);
	/* the older version keeps its rows: history */
	CHECK_INT(st_int(db, "SELECT count(*) FROM projects p JOIN filings f ON f.id = p.filing_id"
		" WHERE f.source_path = 'a.docx'"), 2);
	/* the organization by its key: อบต. written in full, the place alone */
	CHECK_STR(st_text(db, "SELECT name || '|' || type || '|' || place || '|' || district || '|' || province"
		" FROM organizations ORDER BY id LIMIT 1"), "องค์การบริหารส่วนตำบลหนึ่ง|sao|หนึ่ง|สันทราย|เชียงใหม่");
	/* the filing keeps the name as it states it */
	CHECK_STR(st_text(db, "SELECT org_name FROM filings WHERE source_path = 'a.docx'"), "อบต.หนึ่ง");
}

/* Plans have no year or round: their period keeps two plans apart. */
static void test_plan_periods(void)
{
	const char *db = st_store("plans");
	rg_model *m;
	rg_store *s;
	int inserted, k;
	static const int periods[3][2] = { { 2561, 2565 }, { 2566, 2570 }, { 2566, 2570 } };

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	for (k = 0; k < 3; k++) {
		m = make_model((char)('1' + k), "อบต.หนึ่ง", 0, 0);
		m->kind = RG_KIND_ACTION_PLAN;
		m->plan_from = periods[k][0];
		m->plan_to = periods[k][1];
		CHECK_INT(put(s, m, k == 0 ? "p1.docx" : k == 1 ? "p2.docx" : "p3.docx", &inserted), 0);
	}
	/* a report whose fiscal year is not known is no version of another: it stays current */
	CHECK_INT(put(s, make_model('7', "อบต.หนึ่ง", 0, 6), "nofy1.docx", &inserted), 0);
	CHECK_INT(put(s, make_model('8', "อบต.หนึ่ง", 0, 6), "nofy2.docx", &inserted), 0);
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM current_filings"), 4);
	CHECK_INT(st_int(db, "SELECT is_current FROM filings WHERE source_path = 'p1.docx'"), 1);
	CHECK_INT(st_int(db, "SELECT is_current FROM filings WHERE source_path = 'p2.docx'"), 0);
	CHECK_INT(st_int(db, "SELECT is_current FROM filings WHERE source_path = 'p3.docx'"), 1);
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings WHERE source_path LIKE 'nofy%' AND is_current = 1"
		" AND version_key IS NULL"), 2);
}

/* A filing of the same organization with the given data date, district and sha. */
static rg_model *version(char sha_char, const char *district, const char *as_of)
{
	rg_model *m = make_model(sha_char, "องค์การบริหารส่วนตำบลบ้านใหม่", 2567, 6);

	free(m->district);
	m->district = NULL;
	if (district)
		rg_model_set_str(&m->district, district);
	snprintf(m->as_of, sizeof(m->as_of), "%s", as_of ? as_of : "");
	return m;
}

/* Which filing is current comes from the filings: the later data date, then the
** greater sha256 -- the same in any order of ingest. */
static void test_current_rule(void)
{
	static const struct {
		char sha;
		const char *as_of;
	} v[4] = { { '9', "2567-03-20" }, { '1', "2567-03-31" }, { '5', NULL }, { '2', "2567-03-31" } };
	static const int orders[3][4] = { { 0, 1, 2, 3 }, { 3, 2, 1, 0 }, { 2, 0, 3, 1 } };
	char *first = NULL, *got, name[32];
	rg_store *s;
	int o, k, inserted;

	for (o = 0; o < 3; o++) {
		snprintf(name, sizeof(name), "order%d", o);
		CHECK_INT(rg_store_open(&s, st_store(name), 0), 0);
		for (k = 0; k < 4; k++) {
			int i = orders[o][k];
			char path[32];
			snprintf(path, sizeof(path), "v%c.docx", v[i].sha);
			CHECK_INT(put(s, version(v[i].sha, "สันทราย", v[i].as_of), path, &inserted), 0);
		}
		rg_store_close(s);
		/* 2567-03-31 twice: the greater sha256 ('2...') wins over '1...'; '9' has an older date */
		CHECK_STR(st_text(st_store(name), "SELECT source_path FROM filings WHERE is_current = 1"), "v2.docx");
		CHECK_INT(st_int(st_store(name), "SELECT count(*) FROM filings WHERE is_current = 0"
			" AND superseded_by = (SELECT id FROM filings WHERE is_current = 1)"), 3);
		got = all_exports(st_store(name));
		if (!first)
			first = got;
		else {
			CHECK(!strcmp(first, got));   /* byte for byte, whatever the order */
			free(got);
		}
	}
	free(first);
}

/* Two organizations of one name in two districts are two; a filing that states
** no district, when there are such, is kept apart with a finding. */
static int first_model(const rg_model *m, void *ctx)
{
	rg_buf *b = ctx;

	rg_model_write_json(b, m, -1);
	return 0;
}

static void test_same_name_two_districts(void)
{
	const char *db = st_store("districts");
	rg_filing_filter f;
	rg_buf b = RG_BUF_INIT;
	rg_store *s;
	int inserted;

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(put(s, version('a', "สันทราย", "2567-03-25"), "santai.docx", &inserted), 0);
	CHECK_INT(put(s, version('b', "ฝาง", "2567-03-22"), "fang.docx", &inserted), 0);
	/* the same organization as the first, spelled otherwise */
	CHECK_INT(put(s, version('c', "อำเภอ สันทราย", "2567-03-20"), "santai-old.docx", &inserted), 0);
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM organizations"), 2);
	CHECK_INT(st_int(db, "SELECT count(*) FROM current_filings"), 2);
	CHECK_STR(st_list(db, "SELECT source_path FROM current_filings ORDER BY source_path", " "),
		"fang.docx santai.docx");
	/* each filing keeps the district it states */
	CHECK_STR(st_text(db, "SELECT district FROM filings WHERE source_path = 'santai-old.docx'"), "อำเภอ สันทราย");

	/* no district stated: which of the two it is cannot be told -- its own, with a finding */
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(put(s, version('d', NULL, "2567-03-30"), "nodistrict.docx", &inserted), 0);
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM organizations"), 3);
	CHECK_INT(st_int(db, "SELECT count(*) FROM current_filings"), 3);
	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	rg_filing_filter_init(&f);
	f.org = "บ้านใหม่";
	CHECK_INT(rg_store_each_model(s, &f, first_model, &b), 0);
	rg_store_close(s);
	CHECK(strstr(rg_buf_cstr(&b), "\"code\":\"organization_ambiguous\"") != NULL);
	CHECK(strstr(rg_buf_cstr(&b), "อำเภอฝาง จังหวัดเชียงใหม่, อำเภอสันทราย จังหวัดเชียงใหม่") != NULL);
	/* only that filing has it */
	{
		const char *p = strstr(rg_buf_cstr(&b), "organization_ambiguous");
		CHECK(p && !strstr(p + 1, "organization_ambiguous"));
	}
	rg_buf_free(&b);
	/* the filings export counts it among the filing's findings */
	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	{
		FILE *out = fopen(tmp_path("districts.csv"), "wb");
		char *text;
		CHECK_INT(rg_store_export_table(s, "filings", RG_EXPORT_CSV, 0, out), 0);
		fclose(out);
		text = slurp(tmp_path("districts.csv"));
		CHECK(strstr(text, ",2567-03-30,1,,2,2,docx,nodistrict.docx,") != NULL);   /* 1 stated + 1 of the store */
		CHECK(strstr(text, ",2567-03-25,1,,2,1,docx,santai.docx,") != NULL);
		free(text);
	}
	rg_store_close(s);
}

static void test_rejects_without_sha(void)
{
	const char *db = st_store("nosha");
	rg_store *s;
	rg_model *m = make_model('a', "x", 2566, 6);
	rg_store_source src = { "x.docx", 1, 1, 0 };
	int inserted = -1;

	free(m->sha256);
	m->sha256 = NULL;
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_put_filing(s, m, &src, &inserted), RG_EUSAGE);
	CHECK_INT(inserted, 0);
	rg_model_free(m);
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings"), 0);
	CHECK_INT(st_int(db, "SELECT count(*) FROM organizations"), 0);
}

static int count_failure(const rg_store_failure *f, void *ctx)
{
	int *n = ctx;

	if (*n == 0) {
		CHECK_STR(f->path, "bad.docx");
		CHECK_STR(f->code, "encrypted");
		CHECK_STR(f->message, "password-protected");
		CHECK_INT(f->size, 1234);
	}
	(*n)++;
	return 0;
}

static void test_failures(void)
{
	const char *db = st_store("failures");
	rg_store_source src = { "bad.docx", 1234, 1, 0 }, src2 = { "worse.docx", 0, 1, 0 };
	long long n = -1;
	rg_store *s;
	int seen = 0, inserted;

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_put_failure(s, &src, NULL, RG_EFORMAT, "not a zip"), 0);
	CHECK_INT(rg_store_put_failure(s, &src, NULL, RG_EENCRYPTED, "password-protected"), 0);
	CHECK_INT(rg_store_put_failure(s, &src2, NULL, RG_EIO, "cannot open"), 0);
	CHECK_INT(rg_store_count_failures(s, &n), 0);
	CHECK_INT(n, 2);
	CHECK_INT(rg_store_each_failure(s, count_failure, &seen), 0);
	CHECK_INT(seen, 2);
	/* the file succeeds later: its failure is gone */
	CHECK_INT(put(s, make_model('a', "x", 2566, 6), "bad.docx", &inserted), 0);
	CHECK_INT(rg_store_count_failures(s, &n), 0);
	CHECK_INT(n, 1);
	CHECK_INT(rg_store_clear_failure(s, "worse.docx"), 0);
	CHECK_INT(rg_store_count_failures(s, &n), 0);
	CHECK_INT(n, 0);
	rg_store_close(s);
}

static char *model_json(const rg_model *m)
{
	rg_buf b = RG_BUF_INIT;

	rg_model_write_json(&b, m, 1);
	return rg_buf_detach(&b);
}

static void test_load_round_trip(void)
{
	const char *db = st_store("load");
	rg_model *orig = make_model('c', "อบต.หนึ่ง", 2567, 12), **models = NULL;
	rg_store_source src = { "dir/c.docx", 10, 20, 0 };
	rg_filing_filter f;
	char *want, *got;
	rg_store *s;
	size_t n = 0;
	int inserted;

	orig->plan_from = 2566;
	orig->plan_to = 2570;
	rg_model_set_str(&orig->file, "dir/c.docx");
	want = model_json(orig);
	CHECK(strstr(want, "\"args\": {") && strstr(want, "\"what\": \"จำนวนโครงการ\""));
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_put_filing(s, orig, &src, &inserted), 0);
	rg_model_free(orig);
	CHECK_INT(put(s, make_model('d', "อบต.สอง", 2566, 6), "d.docx", &inserted), 0);
	rg_store_close(s);

	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	rg_filing_filter_init(&f);
	f.fiscal_year = 2567;
	CHECK_INT(rg_store_load_models(s, &f, &models, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		got = model_json(models[0]);
		CHECK_STR(got, want);
		free(got);
	}
	rg_store_free_models(models, n);

	rg_filing_filter_init(&f);
	f.province = "เชียงใหม่";
	f.round_months = 6;
	CHECK_INT(rg_store_load_models(s, &f, &models, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(models[0]->org_name, "อบต.สอง");
	rg_store_free_models(models, n);

	f.province = "ลำพูน";
	CHECK_INT(rg_store_load_models(s, &f, &models, &n), 0);
	CHECK_INT(n, 0);
	rg_store_free_models(models, n);
	CHECK_INT(rg_store_load_models(s, NULL, &models, &n), 0);
	CHECK_INT(n, 2);
	rg_store_free_models(models, n);
	rg_store_close(s);
	free(want);
}

static int stop_at_first(const rg_model *m, void *ctx)
{
	(void)m;
	(*(int *)ctx)++;
	return 42;
}

static void test_each_stops(void)
{
	const char *db = st_store("load");
	rg_store *s;
	int calls = 0;

	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	CHECK_INT(rg_store_each_model(s, NULL, stop_at_first, &calls), 42);
	CHECK_INT(calls, 1);
	rg_store_close(s);
}

static void test_export(void)
{
	const char *db = st_store("load"), *csv = tmp_path("projects.csv"), *jsonl = tmp_path("projects.jsonl");
	rg_store *s;
	FILE *out;
	char *text, sha[65];

	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	CHECK((out = fopen(csv, "wb")) != NULL);
	CHECK_INT(rg_store_export_table(s, "projects", RG_EXPORT_CSV, 1, out), 0);
	fclose(out);
	CHECK((out = fopen(jsonl, "wb")) != NULL);
	CHECK_INT(rg_store_export_table(s, "projects", RG_EXPORT_JSONL, 0, out), 0);
	fclose(out);
	CHECK_INT(rg_store_export_table(s, "secrets", RG_EXPORT_CSV, 0, stdout), RG_EUSAGE);
	rg_store_close(s);

	text = slurp(csv);
	sha_of('c', sha);
	CHECK(!strncmp(text, "\xEF\xBB\xBF" "filing,position,organization,", 32));
	CHECK(strstr(text, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc,0,อบต.หนึ่ง,2567,12,1,1.1,"
		"\"โครงการ a, \"\"b\"\"\",project,2,2.1,100000.50,0,0.00,completed,สำนักปลัด\r\n") != NULL);
	CHECK(strstr(text, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc,1,อบต.หนึ่ง,2567,12,1,2,"
		"มาตรการ x,measure,,,,1,,,\r\n") != NULL);
	free(text);
	text = slurp(jsonl);
	CHECK(!strncmp(text, "{\"filing\":\"dddd", 15));   /* เชียงใหม่ both; อบต.สอง before อบต.หนึ่ง */
	CHECK(strstr(text, "\"name\":\"โครงการ a, \\\"b\\\"\",\"kind\":\"project\"") != NULL);
	CHECK(strstr(text, "\"budget\":null,\"no_budget\":1,") != NULL);
	free(text);
}

/* The version-1 store of the dump: on SQLite the dump itself; on PostgreSQL, where no
** version-1 raingan ran, the first schema as migration 001 makes it and the
** dump's rows (the order of their tables does not matter while foreign keys
** wait: session_replication_role), the ids' sequences past them. */
static int load_v1(const char *db, const char *dump)
{
	char *schema, *line_end;
	const char *line;
	rg_buf sql = RG_BUF_INIT;
	int rc;

	if (!st_is_pg())
		return st_exec(db, dump);
	schema = slurp(RG_TESTS "/../store/migrations/001-initial.sql");
	for (line = schema; *line; line++) {
		if (!strncmp(line, "{ID}", 4)) {
			rg_buf_puts(&sql, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
			line += 3;
		} else {
			rg_buf_putc(&sql, *line);
		}
	}
	free(schema);
	rg_buf_puts(&sql, "\nCREATE TABLE schema_version (version INTEGER NOT NULL);\n"
		"SET session_replication_role = replica;\n");
	for (line = dump; *line; line = line_end + (*line_end != '\0')) {
		line_end = strchr(line, '\n');
		if (!line_end)
			line_end = (char *)line + strlen(line);
		if (!strncmp(line, "INSERT INTO ", 12)) {
			rg_buf_put(&sql, line, (size_t)(line_end - line));
			rg_buf_putc(&sql, '\n');
		}
	}
	rg_buf_puts(&sql, "SELECT setval(pg_get_serial_sequence('organizations', 'id'), (SELECT max(id) FROM organizations));\n"
		"SELECT setval(pg_get_serial_sequence('filings', 'id'), (SELECT max(id) FROM filings));\n"
		"SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT max(id) FROM projects));\n");
	rc = st_exec(db, rg_buf_cstr(&sql));
	rg_buf_free(&sql);
	return rc;
}

/* A store of schema version 1, made by the code of that time
** (fixtures/store/v1-store.sql, tests/store/make_v1_store.py): one organization
** for two same-name ones, and the oldest data current. */
static void test_migrate_v1(void)
{
	const char *db = st_store("v1");
	char *sql = slurp(RG_FIXTURES "/store/v1-store.sql");
	rg_model *m;
	rg_store *s = NULL;
	int inserted = -1, v = 0;
	unsigned char *known = NULL;
	size_t n_known = 0;

	CHECK(sql && strstr(sql, "CREATE TABLE organizations"));
	CHECK_INT(load_v1(db, sql), 0);
	free(sql);
	CHECK_INT(st_int(db, "SELECT version FROM schema_version"), 1);
	CHECK_STR(st_text(db, "SELECT source_path FROM filings WHERE is_current = 1 AND fiscal_year = 2567"),
		"/data/in/c-older.odt");
	/* read-only: asks for an ingest */
	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), RG_ERROR);
	CHECK(strstr(rg_error_message(), "raingan ingest") != NULL);

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_schema_version(s, &v), 0);
	CHECK_INT(v, 5);
	/* every filing kept, with the organization fields its row held */
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings"), 5);
	CHECK_INT(st_int(db, "SELECT count(*) FROM projects"), 20);
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings WHERE org_name IS NULL OR province IS NULL"), 0);
	CHECK_STR(st_text(db, "SELECT org_type || ' ' || district FROM filings WHERE source_path LIKE '%e-full.odt'"),
		"subdistrict_municipality แม่ริม");
	/* organizations by key */
	CHECK_INT(st_int(db, "SELECT count(*) FROM organizations"), 2);
	CHECK_STR(st_text(db, "SELECT place || '|' || district || '|' || province FROM organizations"
		" WHERE type = 'sao'"), "บ้านใหม่|สันทราย|เชียงใหม่");
	/* the current filing by the rule: the latest data date, not the last ingested */
	CHECK_STR(st_text(db, "SELECT source_path FROM filings WHERE is_current = 1 AND fiscal_year = 2567"),
		"/data/in/a-newer.odt");
	CHECK_STR(st_text(db, "SELECT source_path FROM filings WHERE is_current = 1 AND fiscal_year = 2566"),
		"/data/in/e-full.odt");
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings WHERE is_current = 0 AND superseded_by IS NULL"), 0);
	/* what v1 lost (a filing's own district) cannot be known: those filings are parsed
	** again when an ingest meets their files */
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings WHERE reparse = 1"), 5);
	CHECK_INT(rg_store_known_digests(s, &known, &n_known), 0);
	CHECK_INT(n_known, 0);
	free(known);

	/* the ingest meets b-fang.odt again: it states อำเภอฝาง, another organization */
	m = version('x', "ฝาง", "2567-03-22");
	free(m->sha256);
	m->sha256 = NULL;
	rg_model_set_str(&m->sha256, st_text(db, "SELECT sha256 FROM filings WHERE source_path LIKE '%b-fang.odt'"));
	rg_model_set_str(&m->province, "เชียงใหม่");
	CHECK_INT(put(s, m, "/data/in/b-fang.odt", &inserted), 0);
	CHECK_INT(inserted, 1);
	rg_store_close(s);
	CHECK_INT(st_int(db, "SELECT count(*) FROM filings"), 5);
	CHECK_INT(st_int(db, "SELECT count(*) FROM organizations"), 3);
	CHECK_INT(st_int(db, "SELECT count(*) FROM current_filings WHERE fiscal_year = 2567"), 2);
	CHECK_STR(st_text(db, "SELECT district FROM filings WHERE source_path LIKE '%b-fang.odt'"), "ฝาง");
	CHECK_INT(st_int(db, "SELECT reparse FROM filings WHERE source_path LIKE '%b-fang.odt'"), 0);
	/* the same schema as a new store's (the catalogs differ) */
	{
		static const char *const columns[2] = {
			"SELECT name FROM pragma_table_info('%s') ORDER BY cid",
			"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
			" AND table_name = '%s' ORDER BY ordinal_position" };
		char sql_cols[256], want[1024];
		snprintf(sql_cols, sizeof(sql_cols), columns[st_is_pg()], "filings");
		snprintf(want, sizeof(want), "%s", st_list(st_store("schema"), sql_cols, ","));
		CHECK(strstr(want, "sha256,source_path") != NULL);
		CHECK_STR(st_list(db, sql_cols, ","), want);
		snprintf(sql_cols, sizeof(sql_cols), columns[st_is_pg()], "organizations");
		CHECK_STR(st_list(db, sql_cols, ","), "id,type,place,district,province,name,register_code");
	}
	if (!st_is_pg())
		CHECK_STR(st_text(db, "PRAGMA integrity_check"), "ok");
}

static void cleanup(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	st_cleanup();
}

/* test_store [sqlite | CONNINFO]: the stores are SQLite files, or databases of that PostgreSQL server. */
int main(int argc, char **argv)
{
	if (!mkdtemp(dir) || st_init(argc, argv, "rgstore")) {
		perror("mkdtemp");
		return 1;
	}
	test_open_and_schema();
	test_not_a_store_and_newer();
	test_backend_choice();
	test_skip_and_versions();
	test_plan_periods();
	test_current_rule();
	test_same_name_two_districts();
	test_rejects_without_sha();
	test_failures();
	test_load_round_trip();
	test_each_stops();
	test_export();
	test_migrate_v1();
	test_two_writers();
	test_backend_contract();
	if (st_is_pg())
		test_pg_retries();
	cleanup();
	return check_summary("test_store");
}
