/*
** test_pdf_stats.c - the figures behind the report tables: per-dimension
** counts and sums, status counts, the implementation percentage and its
** level (thresholds of report.h).  (Which filings a report takes is
** model/filter.h, tested by test_filter.c.)
** Expected values are added up by hand from fixtures/models/.
*/
#include "check.h"
#include "model/model_load.h"
#include "pdf/stats.h"
#include "report.h"

int main(void)
{
	rg_model_list l = RG_MODEL_LIST_INIT;
	rg_filing_stats s;
	const rg_model *sao, *plan, *phrae;

	/* levels: มาก from 50, ปานกลาง from 25 */
	CHECK_STR(rg_report_level(100), "มาก");
	CHECK_STR(rg_report_level(54.29), "มาก");
	CHECK_STR(rg_report_level(50), "มาก");
	CHECK_STR(rg_report_level(49.99), "ปานกลาง");
	CHECK_STR(rg_report_level(25), "ปานกลาง");
	CHECK_STR(rg_report_level(24.99), "น้อย");
	CHECK_STR(rg_report_level(0), "น้อย");
	CHECK_NUM(rg_pct(1, 0), 0);
	CHECK_NUM(rg_pct(19, 35), 19.0 / 35.0 * 100);

	CHECK_INT(rg_model_load_file(&l, RG_FIXTURES "/models/ubon-sao-2567-r6.json"), 0);
	CHECK_INT(rg_model_load_file(&l, RG_FIXTURES "/models/nawa-sao-2566-2570-plan.json"), 0);
	CHECK_INT(rg_model_load_file(&l, RG_FIXTURES "/models/phrae-pao-2567-r12.json"), 0);
	CHECK_INT(rg_model_load_file(&l, RG_FIXTURES "/models/banfang-ita-2568.json"), 0);
	sao = l.items[0];
	plan = l.items[1];
	phrae = l.items[2];

	/* the Ubon SAO: 7 rows, 2 completed, minimum 5 stated -> 40% ปานกลาง */
	rg_stats_compute(sao, &s);
	CHECK_INT(s.total.projects, 7);
	CHECK_INT(s.total.completed, 2);
	CHECK_NUM(s.total.budget, 190500.00);
	CHECK_NUM(s.total.disbursed, 57250.50);
	CHECK_INT(s.dim[1].projects, 2);
	CHECK_NUM(s.dim[1].budget, 155500.00);
	CHECK_NUM(s.dim[1].disbursed, 45250.50);
	CHECK_INT(s.dim[2].projects, 2);
	CHECK_INT(s.dim[2].completed, 1);
	CHECK_NUM(s.dim[2].budget, 0);
	CHECK_INT(s.dim[0].projects, 1);            /* item 7 has no dimension */
	CHECK_INT(s.status[RG_STATUS_COMPLETED], 2);
	CHECK_INT(s.status[RG_STATUS_IN_PROGRESS], 1);
	CHECK_INT(s.status[RG_STATUS_PENDING_REPORT], 1);
	CHECK_INT(s.status[RG_STATUS_NOT_POSSIBLE], 1);
	CHECK_INT(s.status[RG_STATUS_NOT_STARTED], 1);
	CHECK_INT(s.status[RG_STATUS_NONE], 1);
	CHECK_INT(s.impl_from_minimum, 1);
	CHECK_NUM(s.impl_base, 5);
	CHECK_NUM(s.impl_percent, 40);
	CHECK_STR(rg_report_level(s.impl_percent), "ปานกลาง");
	CHECK_INT(s.findings, 2);
	CHECK_INT(s.total.kinds[RG_ITEM_MEASURE], 2);
	CHECK_INT(s.total.kinds[RG_ITEM_ACTIVITY], 2);

	/* Phrae: no minimum stated -> 2 of 2 rows = 100% */
	rg_stats_compute(phrae, &s);
	CHECK_INT(s.impl_from_minimum, 0);
	CHECK_NUM(s.impl_percent, 100);
	CHECK_NUM(s.total.budget, 345000.00);

	/* the plan: budget as the sum of its years, per year totals */
	rg_stats_compute(plan, &s);
	CHECK_NUM(s.total.budget, 80000.00);
	CHECK_INT(s.year_from, 2566);
	CHECK_INT(s.nyears, 5);
	CHECK_NUM(s.year_budget[0], 15000);
	CHECK_NUM(s.year_budget[2], 15000);
	CHECK_NUM(s.year_budget[4], 20000);
	CHECK_INT(s.with_status, 0);

	/* the report's defaults */
	{
		rg_report_options opt;
		rg_report_options_default(&opt);
		opt.rules_dir = RG_SOURCE_RULES_DIR;
		CHECK_INT(opt.digits_thai, 1);
		CHECK_STR(opt.font, RG_DEFAULT_FONT);
		CHECK(opt.selection == NULL);
	}

	rg_model_list_free(&l);
	return check_summary("test_pdf_stats");
}
