/*
** test_filter.c - beside the model: the normalization of organization names
** and the key of an organization (model/org.h), and the filing filter
** (model/filter.h) -- its meaning in C on the fixtures' models (the checks
** the report's own filter had), and the same answers from the store's SQL
** for every filter tried.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "core/error.h"
#include "model/filter.h"
#include "model/model_load.h"
#include "model/org.h"
#include "store.h"
#include "store_target.h"

#define MODELS RG_FIXTURES "/models/"

static void test_normalize(void)
{
	char out[256], place[256];
	rg_org_key k;
	rg_model *m;

	rg_org_normalize("บ้าน ใหม่\xC2\xA0\xE2\x80\x8B หมู่ ๑๒", out, sizeof(out));
	CHECK_STR(out, "บ้านใหม่หมู่12");
	rg_org_normalize("น\xE0\xB9\x8D\xE0\xB8\xB2พอง", out, sizeof(out));   /* ํ + า as ำ */
	CHECK_STR(out, "นำพอง");
	rg_org_normalize(NULL, out, sizeof(out));
	CHECK_STR(out, "");
	rg_org_normalize("กขคงจ", out, 7);   /* cut at a character boundary: two letters of 3 bytes */
	CHECK_STR(out, "กข");

	CHECK_INT(rg_org_split_name("อบต.หนองขอน", place, sizeof(place)), RG_ORG_SAO);
	CHECK_STR(place, "หนองขอน");
	CHECK_INT(rg_org_split_name("องค์การบริหารส่วนตำบล หนองขอน", place, sizeof(place)), RG_ORG_SAO);
	CHECK_STR(place, "หนองขอน");
	CHECK_INT(rg_org_split_name("ทต. บ้านฝาง", place, sizeof(place)), RG_ORG_SUBDISTRICT);
	CHECK_INT(rg_org_split_name("เทศบาลเมืองวารินชำราบ", place, sizeof(place)), RG_ORG_TOWN);
	CHECK_STR(place, "วารินชำราบ");
	CHECK_INT(rg_org_split_name("ทน.ขอนแก่น", place, sizeof(place)), RG_ORG_CITY);
	CHECK_INT(rg_org_split_name("อบจ.แพร่", place, sizeof(place)), RG_ORG_PAO);
	CHECK_INT(rg_org_split_name("หนองขอน", place, sizeof(place)), RG_ORG_OTHER);
	CHECK_STR(place, "หนองขอน");

	m = rg_model_new();
	CHECK_INT(rg_org_key_of(m, &k), 0);   /* names none */
	rg_model_set_str(&m->org_name, "อบต. หนองขอน");
	m->org_type = RG_ORG_OTHER;
	rg_model_set_str(&m->district, "อำเภอเมือง อุบลราชธานี");
	rg_model_set_str(&m->province, "จังหวัด อุบลราชธานี");
	CHECK_INT(rg_org_key_of(m, &k), 1);
	CHECK_INT(k.type, RG_ORG_SAO);   /* from the name's own word */
	CHECK_STR(k.place, "หนองขอน");
	CHECK_STR(k.district, "เมืองอุบลราชธานี");
	CHECK_STR(k.province, "อุบลราชธานี");
	CHECK(k.code == NULL);
	rg_org_full_name(&k, out, sizeof(out));
	CHECK_STR(out, "องค์การบริหารส่วนตำบลหนองขอน");
	/* one อบจ. a province: its district is not part of its key */
	rg_model_set_str(&m->org_name, "องค์การบริหารส่วนจังหวัดแพร่");
	CHECK_INT(rg_org_key_of(m, &k), 1);
	CHECK_INT(k.type, RG_ORG_PAO);
	CHECK_STR(k.district, "");
	/* no type word: the extractor's type */
	rg_model_set_str(&m->org_name, "หนองขอน");
	m->org_type = RG_ORG_SAO;
	CHECK_INT(rg_org_key_of(m, &k), 1);
	CHECK_INT(k.type, RG_ORG_SAO);
	rg_model_free(m);
}

/* The checks of the report's filter (test_pdf_stats.c had them), and more. */
static void test_in_c(const rg_model *sao, const rg_model *plan, const rg_model *phrae, const rg_model *ita)
{
	rg_filing_filter f;
	char full[256];

	rg_filing_filter_init(&f);
	CHECK(rg_filing_filter_matches(&f, sao) && rg_filing_filter_matches(&f, plan));
	f.fiscal_year = 2567;
	CHECK(rg_filing_filter_matches(&f, sao));
	CHECK(rg_filing_filter_matches(&f, plan));       /* 2567 lies in 2566-2570 */
	CHECK(!rg_filing_filter_matches(&f, ita));
	f.round_months = 12;
	CHECK(!rg_filing_filter_matches(&f, sao));
	CHECK(rg_filing_filter_matches(&f, phrae));
	rg_filing_filter_init(&f);
	f.province = "แพร่";
	CHECK(rg_filing_filter_matches(&f, phrae) && !rg_filing_filter_matches(&f, sao));
	f.province = rg_filter_province("จังหวัดแพร่");
	CHECK_STR(f.province, "แพร่");
	CHECK(rg_filing_filter_matches(&f, phrae));
	CHECK_STR(rg_filter_province("  จ. แพร่"), "แพร่");
	rg_filing_filter_init(&f);
	f.org = "หนองขอน";
	CHECK(rg_filing_filter_matches(&f, sao) && !rg_filing_filter_matches(&f, phrae));
	f.org = "องค์การบริหารส่วนตำบลหนองขอน";
	CHECK(rg_filing_filter_matches(&f, sao));
	f.org = "อบต.หนองขอน";   /* abbreviated */
	CHECK(rg_filing_filter_matches(&f, sao));
	f.org = "หนอง ขอน";      /* spaced */
	CHECK(rg_filing_filter_matches(&f, sao));
	f.org = "อบต.แพร่";      /* an อบต., not the อบจ. */
	CHECK(!rg_filing_filter_matches(&f, phrae));
	rg_filter_org_full("อบจ. แพร่", full, sizeof(full));
	CHECK_STR(full, "องค์การบริหารส่วนจังหวัดแพร่");
	rg_filing_filter_init(&f);
	f.kinds = RG_FILTER_KIND(RG_KIND_ACTION_PLAN) | RG_FILTER_KIND(RG_KIND_INTEGRITY_REPORT);
	CHECK(!rg_filing_filter_matches(&f, sao) && rg_filing_filter_matches(&f, plan) &&
		rg_filing_filter_matches(&f, ita));

	/* a stray document (no report, no organization) is left out when asked (the report
	** asks); one that names its organization stays, so that its findings are seen */
	rg_filing_filter_init(&f);
	{
		rg_model *stray = rg_model_new();
		CHECK(stray && rg_filing_filter_matches(&f, stray));
		f.no_strays = 1;
		CHECK(stray && !rg_filing_filter_matches(&f, stray));
		if (stray && !rg_model_set_str(&stray->org_name, "องค์การบริหารส่วนตำบลหนองขอน"))
			CHECK(rg_filing_filter_matches(&f, stray));
		rg_model_free(stray);
	}
}

/* Every model into a store, then each filter both ways: the same filings. */
static void test_sql_agrees(rg_model_list *l)
{
	const char *db = st_store("filter");
	rg_filing_filter filters[24];
	rg_model **got = NULL;
	char sha[65];
	size_t n = 0, i, k, nf = 0, want;
	rg_store *s;
	int inserted;

	CHECK_INT(rg_store_open(&s, db, 0), 0);
	for (i = 0; i < l->n; i++) {
		rg_store_source src = { l->items[i]->file ? l->items[i]->file : "x", 1, 1, 0 };
		snprintf(sha, sizeof(sha), "%064zx", i + 1);
		rg_model_set_str(&l->items[i]->sha256, sha);
		CHECK_INT(rg_store_put_filing(s, l->items[i], &src, &inserted), 0);
		CHECK_INT(inserted, 1);
	}
	rg_store_close(s);

	/* every version: a file is always current, the store would leave out superseded ones */
	for (k = 0; k < sizeof(filters) / sizeof(filters[0]); k++) {
		rg_filing_filter_init(&filters[k]);
		filters[k].history = 1;
	}
	nf++;                                                            /* none */
	filters[nf++].fiscal_year = 2567;
	filters[nf++].fiscal_year = 2568;
	filters[nf++].fiscal_year = 2570;
	filters[nf++].fiscal_year = 2400;
	filters[nf++].round_months = 6;
	filters[nf++].round_months = 12;
	filters[nf++].province = "อุบลราชธานี";
	filters[nf++].province = "แพร่";
	filters[nf++].province = "เชียง";
	filters[nf++].org = "หนองขอน";
	filters[nf++].org = "อบต.หนองขอน";
	filters[nf++].org = "อบจ.แพร่";
	filters[nf++].org = "เทศบาล";
	filters[nf++].org = "วาริน ชำราบ";
	filters[nf++].org = "ไม่มี";
	filters[nf++].kinds = RG_FILTER_KIND(RG_KIND_ACTION_PLAN);
	filters[nf++].kinds = RG_FILTER_KIND(RG_KIND_PROGRESS_REPORT) | RG_FILTER_KIND(RG_KIND_OTHER);
	filters[nf++].no_strays = 1;
	filters[nf].fiscal_year = 2567;
	filters[nf++].round_months = 6;
	filters[nf].province = "อุบลราชธานี";
	filters[nf++].org = "วาริน";
	filters[nf].fiscal_year = 2566;
	filters[nf++].kinds = RG_FILTER_KIND(RG_KIND_ACTION_PLAN);

	CHECK_INT(rg_store_open(&s, db, RG_STORE_READONLY), 0);
	for (k = 0; k < nf; k++) {
		CHECK_INT(rg_store_load_models(s, &filters[k], &got, &n), 0);
		for (i = 0, want = 0; i < l->n; i++) {
			int in_c = rg_filing_filter_matches(&filters[k], l->items[i]), in_sql = 0;
			size_t j;
			for (j = 0; j < n; j++)
				in_sql |= !strcmp(got[j]->sha256, l->items[i]->sha256);
			want += (size_t)in_c;
			if (in_c != in_sql)
				fprintf(stderr, "filter %zu: %s: C says %d, SQL says %d\n", k, l->items[i]->file, in_c, in_sql);
			CHECK_INT(in_sql, in_c);
		}
		CHECK_INT(n, want);
		rg_store_free_models(got, n);
	}
	rg_store_close(s);
}

/* test_filter [sqlite | CONNINFO]: the store's SQL on an SQLite file or a PostgreSQL database. */
int main(int argc, char **argv)
{
	rg_model_list l = RG_MODEL_LIST_INIT;
	rg_model *stray, *other;

	if (st_init(argc, argv, "rgfilter"))
		return 1;
	test_normalize();
	CHECK_INT(rg_model_load_file(&l, MODELS "ubon-sao-2567-r6.json"), 0);
	CHECK_INT(rg_model_load_file(&l, MODELS "nawa-sao-2566-2570-plan.json"), 0);
	CHECK_INT(rg_model_load_file(&l, MODELS "phrae-pao-2567-r12.json"), 0);
	CHECK_INT(rg_model_load_file(&l, MODELS "banfang-ita-2568.json"), 0);
	CHECK_INT(rg_model_load_file(&l, MODELS "ubon-town-2567-r6.json"), 0);
	CHECK_INT(rg_model_load_file(&l, MODELS "two-filings.jsonl"), 0);
	if (l.n < 5)
		return check_summary("test_filter");
	test_in_c(l.items[0], l.items[1], l.items[2], l.items[3]);
	/* a stray, a plan without an end year, a document of another kind naming its organization */
	stray = rg_model_new();
	rg_model_set_str(&stray->file, "stray.docx");
	rg_model_list_push(&l, stray);
	other = rg_model_new();
	rg_model_set_str(&other->file, "plan-open.docx");
	rg_model_set_str(&other->org_name, "อบต.หนองขอน");
	other->kind = RG_KIND_ACTION_PLAN;
	other->plan_from = 2568;
	rg_model_list_push(&l, other);
	other = rg_model_new();
	rg_model_set_str(&other->file, "letter.docx");
	rg_model_set_str(&other->org_name, "เทศบาลตำบลบ้านฝาง");
	rg_model_set_str(&other->province, "ขอนแก่น");
	rg_model_list_push(&l, other);
	test_sql_agrees(&l);
	rg_model_list_free(&l);
	st_cleanup();
	return check_summary("test_filter");
}
