/*
** test_store.c - the store API without the parser: schema and migrations,
** one filing per transaction, skip by sha256, current/history versions,
** failures, loading models back (round trip), filters and export quoting.
** Models are built by hand here; expected values are written out literally.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "core/buf.h"
#include "core/error.h"
#include "model/model_json.h"
#include "store.h"

static char dir[] = "/tmp/rg-test-store-XXXXXX";

static const char *tmp_path(const char *name)
{
	static char path[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

/* A filing with every kind of field; sha is 64 hex digits made from one character. */
static rg_model *make_model(char sha_char, const char *org, int fy, int round)
{
	rg_model *m = rg_model_new();
	char sha[65];
	rg_project *p;

	memset(sha, sha_char, 64);
	sha[64] = '\0';
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

/* One integer from a query. */
static long long query_int(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_open(db, &h) == SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

static void test_open_and_schema(void)
{
	const char *db = tmp_path("schema.db");
	rg_store *s = NULL;
	int version = -1;

	CHECK_INT(rg_store_open(&s, tmp_path("missing.db"), RG_STORE_READONLY), RG_EIO);
	CHECK(s == NULL);
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_schema_version(s, &version), 0);
	CHECK_INT(version, 1);
	rg_store_close(s);
	/* reopening does not migrate again */
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	rg_store_close(s);
	CHECK_INT(query_int(db, "SELECT count(*) FROM schema_version"), 1);
	CHECK_INT(query_int(db, "PRAGMA journal_mode = WAL") >= 0, 1);
	/* a read-only store refuses writes with an error, not a crash */
	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	{
		rg_store_source src = { "x.docx", 1, 1, 0 };
		CHECK(rg_store_put_failure(s, &src, NULL, RG_EFORMAT, "x") < 0);
		CHECK(strstr(rg_error_message(), "readonly") != NULL);
	}
	rg_store_close(s);
	CHECK_INT(query_int(db, "SELECT count(*) FROM failures"), 0);
}

static void test_not_a_store_and_newer(void)
{
	const char *empty = tmp_path("empty.db"), *newer = tmp_path("newer.db");
	rg_store *s = NULL;
	sqlite3 *h;

	/* an SQLite database without our schema */
	CHECK_INT(sqlite3_open(empty, &h), SQLITE_OK);
	CHECK_INT(sqlite3_exec(h, "CREATE TABLE other (x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	CHECK_INT(rg_store_open(&s, empty, RG_STORE_READONLY), RG_ENOTFOUND);
	/* a store written by a newer raingan is refused, not damaged */
	CHECK_INT(rg_store_open(&s, newer, 0), 0);
	rg_store_close(s);
	CHECK_INT(sqlite3_open(newer, &h), SQLITE_OK);
	CHECK_INT(sqlite3_exec(h, "UPDATE schema_version SET version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	CHECK_INT(rg_store_open(&s, newer, 0), RG_ERROR);
	CHECK(strstr(rg_error_message(), "newer") != NULL);
	CHECK_INT(rg_store_open(&s, newer, RG_STORE_READONLY), RG_ERROR);
	CHECK_INT(query_int(newer, "SELECT version FROM schema_version"), 99);
}

static void test_skip_and_versions(void)
{
	const char *db = tmp_path("versions.db");
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
	/* a new version of the same organization, year and round becomes current */
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

	CHECK_INT(query_int(db, "SELECT count(*) FROM filings"), 6);
	CHECK_INT(query_int(db, "SELECT count(*) FROM organizations"), 2);
	CHECK_INT(query_int(db, "SELECT is_current FROM filings WHERE source_path = 'a.docx'"), 0);
	CHECK_INT(query_int(db, "SELECT superseded_by = (SELECT id FROM filings WHERE source_path = 'b.docx')"
		" FROM filings WHERE source_path = 'a.docx'"), 1);
	CHECK_INT(query_int(db, "SELECT count(*) FROM current_filings"), 5);
	CHECK_INT(query_int(db, "SELECT count(*) FROM projects"), 12);
	CHECK_INT(query_int(db, "SELECT count(*) FROM project_years"), 12);
	/* the older version keeps its rows: history */
	CHECK_INT(query_int(db, "SELECT count(*) FROM projects p JOIN filings f ON f.id = p.filing_id"
		" WHERE f.source_path = 'a.docx'"), 2);
}

/* Plans have no year or round: their period keeps two plans apart. */
static void test_plan_periods(void)
{
	const char *db = tmp_path("plans.db");
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
	rg_store_close(s);
	CHECK_INT(query_int(db, "SELECT count(*) FROM current_filings"), 2);
	CHECK_INT(query_int(db, "SELECT is_current FROM filings WHERE source_path = 'p1.docx'"), 1);
	CHECK_INT(query_int(db, "SELECT is_current FROM filings WHERE source_path = 'p2.docx'"), 0);
	CHECK_INT(query_int(db, "SELECT is_current FROM filings WHERE source_path = 'p3.docx'"), 1);
}

static void test_rejects_without_sha(void)
{
	const char *db = tmp_path("nosha.db");
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
	CHECK_INT(query_int(db, "SELECT count(*) FROM filings"), 0);
	CHECK_INT(query_int(db, "SELECT count(*) FROM organizations"), 0);
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
	const char *db = tmp_path("failures.db");
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
	const char *db = tmp_path("load.db");
	rg_model *orig = make_model('c', "อบต.หนึ่ง", 2567, 12), **models = NULL;
	rg_store_source src = { "dir/c.docx", 10, 20, 0 };
	rg_store_filter f;
	char *want, *got;
	rg_store *s;
	size_t n = 0;
	int inserted;

	orig->plan_from = 2566;
	orig->plan_to = 2570;
	rg_model_set_str(&orig->file, "dir/c.docx");
	want = model_json(orig);
	CHECK_INT(rg_store_open(&s, db, 0), 0);
	CHECK_INT(rg_store_put_filing(s, orig, &src, &inserted), 0);
	rg_model_free(orig);
	CHECK_INT(put(s, make_model('d', "อบต.สอง", 2566, 6), "d.docx", &inserted), 0);
	rg_store_close(s);

	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	rg_store_filter_init(&f);
	f.fiscal_year = 2567;
	CHECK_INT(rg_store_load_models(s, &f, &models, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		got = model_json(models[0]);
		CHECK_STR(got, want);
		free(got);
	}
	rg_store_free_models(models, n);

	rg_store_filter_init(&f);
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

static int keep_round_12(const rg_model *m, void *ctx)
{
	(void)ctx;
	return m->round_months == 12;
}

static void test_each_and_selected(void)
{
	const char *db = tmp_path("load.db");
	rg_model **models = NULL;
	rg_store *s;
	size_t n = 0;
	int calls = 0;

	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	CHECK_INT(rg_store_each_model(s, NULL, stop_at_first, &calls), 42);
	CHECK_INT(calls, 1);
	CHECK_INT(rg_store_load_selected(s, NULL, keep_round_12, NULL, &models, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(models[0]->round_months, 12);
	rg_store_free_models(models, n);
	rg_store_close(s);
}

/* The whole of a small file. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *data = calloc(1, 1 << 16);

	if (f && data)
		(void)!fread(data, 1, (1 << 16) - 1, f);
	if (f)
		fclose(f);
	return data;
}

static void test_export(void)
{
	const char *db = tmp_path("load.db"), *csv = tmp_path("projects.csv"), *jsonl = tmp_path("projects.jsonl");
	rg_store *s;
	FILE *out;
	char *text;

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
	CHECK(!strncmp(text, "\xEF\xBB\xBF" "filing_id,position,organization,", 35));
	CHECK(strstr(text, "1,0,อบต.หนึ่ง,2567,12,1,1.1,\"โครงการ a, \"\"b\"\"\",project,2,2.1,100000.50,0,0.00,"
		"completed,สำนักปลัด\r\n") != NULL);
	CHECK(strstr(text, "1,1,อบต.หนึ่ง,2567,12,1,2,มาตรการ x,measure,,,,1,,,\r\n") != NULL);
	free(text);
	text = slurp(jsonl);
	CHECK(!strncmp(text, "{\"filing_id\":1,\"position\":0,", 28));
	CHECK(strstr(text, "\"name\":\"โครงการ a, \\\"b\\\"\",\"kind\":\"project\"") != NULL);
	CHECK(strstr(text, "\"budget\":null,\"no_budget\":1,") != NULL);
	free(text);
}

static void cleanup(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_open_and_schema();
	test_not_a_store_and_newer();
	test_skip_and_versions();
	test_plan_periods();
	test_rejects_without_sha();
	test_failures();
	test_load_round_trip();
	test_each_and_selected();
	test_export();
	cleanup();
	return check_summary("test_store");
}
