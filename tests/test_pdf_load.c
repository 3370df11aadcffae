/*
** test_pdf_load.c - model JSON back into rg_model (parsers/model/model_load.c):
** every MODEL.md field of the hand-written fixtures, JSONL, concatenated
** objects, arrays, unknown fields ignored, clear errors for bad JSON.
*/
#include <stdlib.h>

#include "check.h"
#include "core/error.h"
#include "model/model_load.h"

#define MODELS RG_FIXTURES "/models/"

int main(void)
{
	rg_model_list l = RG_MODEL_LIST_INIT;
	const rg_model *m;
	const rg_project *p;
	const rg_stated *st;
	int rc;

	/* one pretty-printed object: every field */
	CHECK_INT(rg_model_load_file(&l, MODELS "ubon-sao-2567-r6.json"), 0);
	CHECK_INT(l.n, 1);
	m = l.items[0];
	CHECK_STR(m->file, "ubon-sao-2567-r6.docx");
	CHECK_STR(m->format, "docx");
	CHECK(m->sha256 == NULL);
	CHECK_INT(m->kind, RG_KIND_PROGRESS_REPORT);
	CHECK_STR(m->org_name, "องค์การบริหารส่วนตำบลหนองขอน");
	CHECK_INT(m->org_type, RG_ORG_SAO);
	CHECK_STR(m->district, "เมืองอุบลราชธานี");
	CHECK_STR(m->province, "อุบลราชธานี");
	CHECK_INT(m->fiscal_year, 2567);
	CHECK_INT(m->round_months, 6);
	CHECK_INT(m->plan_from, 0);
	CHECK_STR(m->as_of, "2567-03-31");
	CHECK_INT(m->n_projects, 7);
	p = &m->projects[0];
	CHECK_STR(p->seq, "1");
	CHECK_INT(p->kind, RG_ITEM_PROJECT);
	CHECK_INT(p->dimension, 1);
	CHECK_STR(p->mission, "1.1");
	CHECK_INT(p->budget.set, 1);
	CHECK_NUM(p->budget.value, 120000.0);
	CHECK_NUM(p->disbursed.value, 45250.5);
	CHECK_INT(p->status, RG_STATUS_COMPLETED);
	CHECK_STR(p->responsible, "สำนักปลัด");
	p = &m->projects[2];
	CHECK_INT(p->kind, RG_ITEM_MEASURE);
	CHECK_INT(p->budget.set, 0);
	CHECK_INT(p->no_budget, 1);
	CHECK_INT(p->disbursed.set, 0);
	p = &m->projects[6];       /* has "aliases": ignored */
	CHECK_INT(p->dimension, 0);
	CHECK_INT(p->status, RG_STATUS_NONE);
	CHECK(p->responsible == NULL);
	CHECK_INT(m->projects[4].status, RG_STATUS_NOT_POSSIBLE);
	CHECK_INT(m->projects[5].status, RG_STATUS_NOT_STARTED);
	CHECK_INT(m->projects[3].status, RG_STATUS_PENDING_REPORT);
	/* stated: numbers kept, the string implementation_level skipped */
	CHECK_INT(m->n_stated, 4);
	st = rg_model_get_stated(m, "minimum_projects");
	CHECK(st && st->value == 5);
	CHECK(rg_model_get_stated(m, "implementation_level") == NULL);
	CHECK_INT(m->n_findings, 2);
	CHECK_INT(m->findings[0].severity, RG_SEV_WARNING);
	CHECK_STR(m->findings[0].code, "stated_total_mismatch");
	CHECK_INT(m->findings[1].severity, RG_SEV_INFO);
	rg_model_list_free(&l);

	/* a plan: plan_period and budget_by_year */
	CHECK_INT(rg_model_load_file(&l, MODELS "nawa-sao-2566-2570-plan.json"), 0);
	m = l.items[0];
	CHECK_INT(m->kind, RG_KIND_ACTION_PLAN);
	CHECK_INT(m->plan_from, 2566);
	CHECK_INT(m->plan_to, 2570);
	CHECK_INT(m->fiscal_year, 0);
	CHECK_INT(m->projects[0].n_budget_by_year, 5);
	CHECK_INT(m->projects[0].budget_by_year[4].year, 2570);
	CHECK_NUM(m->projects[0].budget_by_year[4].amount.value, 20000);
	CHECK(m->projects[1].budget_by_year == NULL);
	CHECK_INT(m->n_stated, 0);     /* by_dimension is an object: skipped */
	rg_model_list_free(&l);

	/* JSONL, appended to what the list holds */
	CHECK_INT(rg_model_load_file(&l, MODELS "phrae-pao-2567-r12.json"), 0);
	CHECK_INT(rg_model_load_file(&l, MODELS "two-filings.jsonl"), 0);
	CHECK_INT(l.n, 3);
	CHECK_STR(l.items[1]->org_name, "องค์การบริหารส่วนตำบลทดสอบหนึ่ง");
	CHECK_INT(l.items[2]->kind, RG_KIND_OTHER);
	CHECK(l.items[2]->province == NULL);
	CHECK_INT(l.items[2]->findings[0].severity, RG_SEV_ERROR);
	rg_model_list_free(&l);

	/* concatenated objects and an array, from memory */
	{
		static const char two[] = "{\"kind\":\"action_plan\",\"organization\":{\"name\":\"ก\"}}  \n"
			"{\"kind\":\"integrity_report\",\"future_field\":[1,2,{\"x\":null}]}";
		static const char arr[] = "[{\"fiscal_year\": 2566}, {\"fiscal_year\": 2567}]";
		CHECK_INT(rg_model_load_buffer(&l, two, strlen(two), "two"), 0);
		CHECK_INT(l.n, 2);
		CHECK_INT(l.items[1]->kind, RG_KIND_INTEGRITY_REPORT);
		CHECK_INT(rg_model_load_buffer(&l, arr, strlen(arr), "arr"), 0);
		CHECK_INT(l.n, 4);
		CHECK_INT(l.items[3]->fiscal_year, 2567);
		rg_model_list_free(&l);
	}

	/* errors: nothing appended, a message that says where */
	rc = rg_model_load_file(&l, MODELS "invalid.json");
	CHECK_INT(rc, RG_EFORMAT);
	CHECK(strstr(rg_error_message(), "invalid.json") != NULL);
	CHECK(strstr(rg_error_message(), "line 2") != NULL);
	CHECK_INT(l.n, 0);
	rc = rg_model_load_file(&l, MODELS "wrong-type.json");
	CHECK_INT(rc, RG_EFORMAT);
	CHECK(strstr(rg_error_message(), "projects") != NULL);
	CHECK_INT(rg_model_load_file(&l, MODELS "no-such-file.json"), RG_EIO);
	CHECK_INT(rg_model_load_buffer(&l, "  \n", 3, "blank"), RG_EFORMAT);
	{
		static const char half[] = "{\"kind\":\"other\"}\n{\"kind\":";
		CHECK_INT(rg_model_load_buffer(&l, half, strlen(half), "half"), RG_EFORMAT);
		CHECK(strstr(rg_error_message(), "object 2") != NULL);
		CHECK_INT(l.n, 0);
	}
	/* a finding's figures (issue 13): "args", numbers and strings, in order */
	CHECK_INT(rg_model_load_file(&l, RG_FIXTURES "/pdf/findings-args.json"), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		const rg_model *m = l.items[0];
		const rg_finding *f = &m->findings[5];
		CHECK_STR(f->code, "budget_changed");
		CHECK_INT(f->n_args, 4);
		if (f->n_args == 4) {
			CHECK_STR(f->args[0].name, "name");
			CHECK_STR(f->args[1].value, "2567");
			CHECK_STR(f->args[2].name, "plan");
			CHECK_STR(f->args[3].value, "25000");
		}
		CHECK_INT(m->findings[1].n_args, 4);
		CHECK_STR(m->findings[1].args[3].value, "12500.5");
		CHECK_INT(m->findings[6].n_args, 0);
		CHECK(m->findings[6].args == NULL);
	}
	rg_model_list_free(&l);
	{
		static const char bad[] = "{\"findings\": [{\"code\": \"x\", \"args\": {\"a\": [1]}}]}";
		static const char bad2[] = "{\"findings\": [{\"code\": \"x\", \"args\": 3}]}";
		CHECK_INT(rg_model_load_buffer(&l, bad, strlen(bad), "bad"), RG_EFORMAT);
		CHECK(strstr(rg_error_message(), "'a'") != NULL);
		CHECK_INT(rg_model_load_buffer(&l, bad2, strlen(bad2), "bad2"), RG_EFORMAT);
		CHECK_INT(l.n, 0);
	}
	{
		rg_model *m = rg_model_new();
		CHECK_INT(rg_model_finding_arg(m, "rows", "3"), RG_EUSAGE);   /* no finding yet */
		rg_model_free(m);
	}
	rg_model_list_free(&l);
	return check_summary("test_pdf_load");
}
