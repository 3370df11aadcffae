/*
** test_extract.c - the extractor on small hand-made filings, one feature each.
**
** Each case builds a DOCX or ODT in memory (reader_util.h), reads it, and
** runs the extractor with the project's rule files; the expected values are
** written here by hand from the filing each case holds.
*/
#include "reader_util.h"

#include "extract/extract.h"

static rg_parser *parser;

static rg_model *extract_pkg(zbytes z)
{
	rg_doc *d = read_pkg(z);
	rg_model *m = NULL;

	CHECK(d != NULL);
	if (!d)
		return NULL;
	if (rg_extract(parser, d, &m))
		fprintf(stderr, "  extract: %s\n", rg_error_message());
	rg_doc_free(d);
	CHECK(m != NULL);
	return m;
}

static rg_model *extract_docx(const char *body) { return extract_pkg(make_docx(body)); }

static const rg_project *project(const rg_model *m, size_t i)
{
	static const rg_project none;
	return m && i < m->n_projects ? &m->projects[i] : &none;
}

static int count_findings(const rg_model *m, const char *code)
{
	size_t i;
	int n = 0;

	for (i = 0; m && i < m->n_findings; i++)
		n += !strcmp(m->findings[i].code, code);
	return n;
}

/* Title block of an e-PlanNACC report. */
#define TITLE \
	PT("รายงานผลการดำเนินงาน"), PT("ตามแผนปฏิบัติการป้องกันการทุจริต"), \
	PT("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"), PT("รอบ ๖ เดือน (ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗)"), \
	PT("องค์การบริหารส่วนตำบลหนองบัว"), \
	PT("องค์การบริหารส่วนตำบลหนองบัว อำเภอ ฝาง จังหวัด เชียงใหม่")

#define GRIDSPAN(n) "<w:tcPr><w:gridSpan w:val='" #n "'/></w:tcPr>"
#define VRESTART "<w:tcPr><w:vMerge w:val='restart'/></w:tcPr>"
#define VCONT "<w:tcPr><w:vMerge/></w:tcPr>"
#define HEADER_ROW "<w:trPr><w:tblHeader/></w:trPr>"
#define SDT_BOX(on) "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val='" on "'/></w14:checkbox></w:sdtPr>" \
	"<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>"

/* The e-PlanNACC project table: two header rows, ticked status columns. */
static char *nacc_table(const char *rows)
{
	return TBL(10, S(
		TR(HEADER_ROW, S(TCT(VRESTART, "ลำดับ"), TCT(VRESTART, "รายการโครงการ (ตั้งต้น)"), TCT(VRESTART, "มิติ"),
			TCT(VRESTART, "งบประมาณ (บาท)"), TCT(VRESTART, "เบิกจ่าย (บาท)"), TCT(GRIDSPAN(4), "สถานะ"),
			TCT(VRESTART, "หมายเหตุ"))),
		TR(HEADER_ROW, S(TCT(VCONT, ""), TCT(VCONT, ""), TCT(VCONT, ""), TCT(VCONT, ""), TCT(VCONT, ""),
			TCT(NULL, "รอ รายงาน"), TCT(NULL, "อยู่ระหว่าง ดำเนินการ"), TCT(NULL, "ดำเนิน การแล้วเสร็จ"),
			TCT(NULL, "ไม่สามารถ ดำเนินการได้"), TCT(VCONT, ""))),
		rows));
}

static char *nacc_row(const char *seq, const char *name, const char *dim, const char *budget,
		      const char *disbursed, int ticked)
{
	const char *box[4] = { "", "", "", "" };
	if (ticked >= 0)
		box[ticked] = SDT_BOX("1");
	return TR(NULL, S(TCT(NULL, seq), TCT(NULL, name), TCT(NULL, dim), TCT(NULL, budget), TCT(NULL, disbursed),
		TC(NULL, P(box[0])), TC(NULL, P(box[1])), TC(NULL, P(box[2])), TC(NULL, P(box[3])), TCT(NULL, "")));
}

/* The document fields and one row of each status, and a row with nothing ticked. */
static void progress_report_fields(void)
{
	rg_model *m = extract_docx(S(TITLE,
		nacc_table(S(nacc_row("๑", "โครงการส่งเสริมคุณธรรม", "๑", "๑๐๐,๐๐๐.๐๐", "๐.๐๐", 0),
			nacc_row("2", "กิจกรรมประกาศเจตจำนง", "1", "0.00", "0.00", 2),
			nacc_row("3", "มาตรการป้องกันผลประโยชน์ทับซ้อน", "2", "-", "-", 3),
			nacc_row("4", "ส่งเสริมการมีส่วนร่วม", "3", "50,000", "12,500.50", -1))),
		PT("** ข้อมูล ณ วันที่ ๒๐ มีนาคม ๒๕๖๗")));

	CHECK_INT(m->kind, RG_KIND_PROGRESS_REPORT);
	CHECK_STR(m->org_name, "องค์การบริหารส่วนตำบลหนองบัว");
	CHECK_INT(m->org_type, RG_ORG_SAO);
	CHECK_STR(m->district, "ฝาง");
	CHECK_STR(m->province, "เชียงใหม่");
	CHECK_INT(m->fiscal_year, 2567);
	CHECK_INT(m->round_months, 6);
	CHECK_INT(m->plan_from, 0);
	CHECK_STR(m->as_of, "2567-03-20");
	CHECK_INT(m->n_projects, 4);
	CHECK_STR(project(m, 0)->seq, "1");
	CHECK_STR(project(m, 0)->name, "โครงการส่งเสริมคุณธรรม");
	CHECK_INT(project(m, 0)->kind, RG_ITEM_PROJECT);
	CHECK_INT(project(m, 0)->dimension, 1);
	CHECK(project(m, 0)->budget.set);
	CHECK_NUM(project(m, 0)->budget.value, 100000);
	CHECK_NUM(project(m, 0)->disbursed.value, 0);
	CHECK_INT(project(m, 0)->status, RG_STATUS_PENDING_REPORT);
	CHECK_INT(project(m, 1)->kind, RG_ITEM_ACTIVITY);
	CHECK_INT(project(m, 1)->status, RG_STATUS_COMPLETED);
	CHECK(project(m, 1)->budget.set && project(m, 1)->budget.value == 0);
	CHECK_INT(project(m, 2)->kind, RG_ITEM_MEASURE);
	CHECK_INT(project(m, 2)->status, RG_STATUS_NOT_POSSIBLE);
	CHECK(!project(m, 2)->budget.set);          /* "-" is no amount */
	CHECK_INT(project(m, 3)->kind, RG_ITEM_OTHER);
	CHECK_INT(project(m, 3)->status, RG_STATUS_NONE);   /* nothing ticked */
	CHECK_NUM(project(m, 3)->disbursed.value, 12500.50);
	rg_model_free(m);
}

/* The title only in the page header and in a text box; the body has the table alone. */
static void title_in_header_and_textbox(void)
{
	char *body = S(P(drawing_txbx(S(PT("องค์การบริหารส่วนตำบลโคกสูง"), PT("อำเภอลี้ จังหวัดลำพูน")))),
		nacc_table(nacc_row("1", "โครงการโรงเรียนคุณธรรม", "1", "20,000.00", "0.00", 1)),
		"<w:sectPr><w:headerReference w:type='default' r:id='rIdH'/></w:sectPr>");
	zpart extra[] = {
		{ "word/header1.xml", docx_part_xml("hdr", S(PT("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต"),
			PT("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๑๒ เดือน"))), 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	rg_model *m = extract_pkg(make_docx_ex(body, rel("rIdH", RT_HEADER, "header1.xml"), extra));

	CHECK_INT(m->kind, RG_KIND_PROGRESS_REPORT);
	CHECK_STR(m->org_name, "องค์การบริหารส่วนตำบลโคกสูง");
	CHECK_STR(m->district, "ลี้");
	CHECK_STR(m->province, "ลำพูน");
	CHECK_INT(m->fiscal_year, 2565);
	CHECK_INT(m->round_months, 12);
	CHECK_INT(m->n_projects, 1);
	CHECK_INT(project(m, 0)->status, RG_STATUS_IN_PROGRESS);
	rg_model_free(m);
}

/* A covering memo with other dates and a plan period: the report's own period wins. */
static void memo_before_report(void)
{
	rg_model *m = extract_docx(S(PT("บันทึกข้อความ"), PT("วันที่ ๕ เมษายน ๒๕๖๖"),
		PT("ตามที่ได้ประกาศใช้แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖-๒๕๗๐) เมื่อวันที่ ๓๐ กันยายน ๒๕๖๕"),
		TITLE, nacc_table(nacc_row("1", "โครงการโรงเรียนคุณธรรม", "1", "20,000.00", "0.00", 2))));

	CHECK_INT(m->kind, RG_KIND_PROGRESS_REPORT);
	CHECK_INT(m->fiscal_year, 2567);
	CHECK_INT(m->plan_from, 0);                  /* a progress report has no plan period */
	CHECK_STR(m->as_of, "");                     /* no data date stated: not the memo's date */
	rg_model_free(m);
}

/* Status written as text, budgets as words, dimension and mission in merged cells. */
static void status_text_and_budget_words(void)
{
	char *table = TBL(6, S(
		TR(HEADER_ROW, S(TCT(NULL, "มติที่ ๑"), TCT(NULL, "ภารกิจตามมติ"), TCT(NULL, "โครงการ/กิจกรรม/มาตรการ ที่ดำเนินงาน"),
			TCT(NULL, "งบประมาณ"), TCT(NULL, "รายงานผลการ ติดตาม"), TCT(NULL, "หน่วยงาน"))),
		TR(NULL, S(TCT(VRESTART, "๑.การสร้างสังคม ไม่ทนต่อการทุจริต"), TCT(VRESTART, "๑.๑ สร้างจิตสำนึก"),
			TCT(NULL, "๑.โครงการอบรมคุณธรรม"), TCT(NULL, "ใช้งบประมาณ ๗๐,๐๐๐"),
			TCT(NULL, "สถานะ: ยังไม่ได้ ดำเนินการ (รองบประมาณ)"), TCT(NULL, "สำนักปลัด"))),
		TR(NULL, S(TCT(VCONT, ""), TCT(VCONT, ""), TCT(NULL, "๒.มาตรการจัดทำคู่มือ"), TCT(NULL, "ไม่ใช้ งบประ มาณ"),
			TCT(NULL, "สถานะ: ดำเนินการแล้ว"), TCT(NULL, "สำนักปลัด งานนโยบายและแผน"))),
		TR(NULL, S(TCT(VCONT, ""), TCT(NULL, "๑.๒ สร้างจิตสำนึกแก่ประชาชน"), TCT(NULL, "๑.กิจกรรมปลูกต้นไม้"),
			TCT(NULL, "ไม่ใช่ งบประมาณ"), TCT(NULL, "สถานะ: อยู่ระหว่างดำเนินการ"), TCT(NULL, "กองช่าง"))),
		TR(NULL, TCT(GRIDSPAN(6), "มติที่ ๑ ที่ดำเนินการแล้วเสร็จ รวม ๑ โครงการ"))));
	rg_model *m = extract_docx(S(TITLE, table));

	CHECK_INT(m->n_projects, 3);
	CHECK_STR(project(m, 0)->seq, "1");
	CHECK_STR(project(m, 0)->name, "โครงการอบรมคุณธรรม");
	CHECK_INT(project(m, 0)->dimension, 1);
	CHECK_STR(project(m, 0)->mission, "1.1");
	CHECK_NUM(project(m, 0)->budget.value, 70000);
	CHECK(!project(m, 0)->no_budget);
	CHECK_INT(project(m, 0)->status, RG_STATUS_NOT_STARTED);
	CHECK_STR(project(m, 0)->responsible, "สำนักปลัด");
	CHECK(project(m, 1)->no_budget);
	CHECK(!project(m, 1)->budget.set);
	CHECK_INT(project(m, 1)->status, RG_STATUS_COMPLETED);
	CHECK_STR(project(m, 1)->mission, "1.1");    /* carried down the merged cell */
	CHECK_INT(project(m, 2)->dimension, 1);
	CHECK_STR(project(m, 2)->mission, "1.2");
	CHECK(project(m, 2)->no_budget);             /* the typo ไม่ใช่ */
	CHECK_INT(project(m, 2)->status, RG_STATUS_IN_PROGRESS);
	CHECK_STR(project(m, 2)->seq, "1");          /* numbering restarts per mission */
	rg_model_free(m);
}

/* Section rows spanning the table set the dimension and mission of the rows below. */
static void section_rows(void)
{
	char *table = TBL(4, S(
		TR(HEADER_ROW, S(TCT(NULL, "ลำดับ"), TCT(NULL, "โครงการ/กิจกรรม/มาตรการ"), TCT(NULL, "งบประมาณ"),
			TCT(NULL, "สถานะ"))),
		TR(NULL, TCT(GRIDSPAN(4), "มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต")),
		TR(NULL, TCT(GRIDSPAN(4), "๒.๓ มาตรการลดการใช้ดุลพินิจ")),
		TR(NULL, S(TCT(NULL, "๑"), TCT(NULL, "โครงการจัดทำคู่มือประชาชน"), TCT(NULL, "๕,๐๐๐"), TCT(NULL, "ดำเนินการแล้วเสร็จ"))),
		TR(NULL, TCT(GRIDSPAN(4), "มิติที่ ๓ การส่งเสริมบทบาทของประชาชน")),
		TR(NULL, S(TCT(NULL, "๒"), TCT(NULL, "โครงการประชุมสภาสัญจร"), TCT(NULL, "-"), TCT(NULL, "ไม่สามารถดำเนินการได้")))));
	rg_model *m = extract_docx(S(TITLE, table));

	CHECK_INT(m->n_projects, 2);
	CHECK_INT(project(m, 0)->dimension, 2);
	CHECK_STR(project(m, 0)->mission, "2.3");
	CHECK_INT(project(m, 0)->status, RG_STATUS_COMPLETED);
	CHECK_INT(project(m, 1)->dimension, 3);
	CHECK_INT(project(m, 1)->status, RG_STATUS_NOT_POSSIBLE);
	rg_model_free(m);
}

/* A table continued after a page break without its header; the first row
** (no number) is the rest of the row the break split. */
static void table_split_across_pages(void)
{
	char *head = TR(HEADER_ROW, S(TCT(NULL, "ลำดับ"), TCT(NULL, "โครงการ/กิจกรรม"), TCT(NULL, "งบประมาณ"),
		TCT(NULL, "ผู้รับผิดชอบ")));
	char *first = TBL(4, S(head,
		TR(NULL, S(TCT(NULL, "1"), TCT(NULL, "โครงการเสริมสร้างความโปร่งใส"), TCT(NULL, "10,000"), TCT(NULL, "กองคลัง"))),
		TR(NULL, S(TCT(NULL, "2"), TCT(NULL, "มาตรการการดำเนินงาน"), TCT(NULL, "-"), TCT(NULL, "สำนักปลัด")))));
	char *second = TBL(4, S(
		TR(NULL, S(TCT(NULL, ""), TCT(NULL, "ศูนย์รับเรื่องร้องทุกข์"), TCT(NULL, ""), TCT(NULL, "งานนิติการ"))),
		TR(NULL, S(TCT(NULL, "3"), TCT(NULL, "กิจกรรมการลดขั้นตอน"), TCT(NULL, "-"), TCT(NULL, "สำนักปลัด")))));
	rg_model *m = extract_docx(S(TITLE, first, P("<w:r><w:br w:type='page'/></w:r>"), second));

	CHECK_INT(m->n_projects, 3);
	CHECK_STR(project(m, 1)->name, "มาตรการการดำเนินงาน ศูนย์รับเรื่องร้องทุกข์");
	CHECK_STR(project(m, 1)->responsible, "สำนักปลัด งานนิติการ");
	CHECK_STR(project(m, 2)->seq, "3");
	CHECK_STR(project(m, 2)->name, "กิจกรรมการลดขั้นตอน");
	rg_model_free(m);
}

/* A summary table (status, budget) and a detail table (responsible) list the
** same projects: one record each, fields merged; a variant spelling merges by number. */
static void summary_and_detail_merge(void)
{
	char *summary = TBL(5, S(
		TR(HEADER_ROW, S(TCT(NULL, "ลำดับ"), TCT(NULL, "รายการโครงการ"), TCT(NULL, "มิติ"), TCT(NULL, "แล้วเสร็จ"),
			TCT(NULL, "งบประมาณ"))),
		TR(NULL, S(TCT(NULL, "๑"), TCT(NULL, "โครงการเสริมสร้างโปร่งใสในการบริหารงบประมาณ"), TCT(NULL, "๒"),
			TCT(NULL, "✓"), TCT(NULL, "๐.๐๐"))),
		TR(NULL, S(TCT(NULL, "๒"), TCT(NULL, "โครงการจัดเวทีประชาคม"), TCT(NULL, "๓"), TCT(NULL, ""),
			TCT(NULL, "๓๐,๐๐๐.๐๐")))));
	char *detail = TBL(4, S(
		TR(HEADER_ROW, S(TCT(NULL, "ลำดับ"), TCT(NULL, "โครงการ/ กิจกรรม"), TCT(NULL, "งบประมาณ"),
			TCT(NULL, "ผู้รับผิดชอบ"))),
		TR(NULL, S(TCT(NULL, "๑"), TCT(NULL, "โครงการเสริมสร้าง ความโปร่งใสในการ บริหารงบประมาณ"),
			TCT(NULL, "ไม่ใช้งบประมาณ"), TCT(NULL, "กองคลัง"))),
		TR(NULL, S(TCT(NULL, "๒"), TCT(NULL, "โครงการจัด เวทีประชาคม"), TCT(NULL, "๓๐.๐๐๐"), TCT(NULL, "สำนักปลัด")))));
	rg_model *m = extract_docx(S(TITLE, summary, PT("รายละเอียด"), detail));

	CHECK_INT(m->n_projects, 2);
	CHECK_STR(project(m, 0)->name, "โครงการเสริมสร้างโปร่งใสในการบริหารงบประมาณ");
	CHECK_INT(project(m, 0)->status, RG_STATUS_COMPLETED);
	CHECK_NUM(project(m, 0)->budget.value, 0);   /* the summary's 0.00 is kept */
	CHECK(project(m, 0)->no_budget);             /* and the detail says no budget */
	CHECK_STR(project(m, 0)->responsible, "กองคลัง");
	CHECK_INT(project(m, 1)->dimension, 3);
	CHECK_NUM(project(m, 1)->budget.value, 30000);
	CHECK_STR(project(m, 1)->responsible, "สำนักปลัด");
	CHECK_INT(count_findings(m, "doubtful_value"), 1);   /* ๓๐.๐๐๐ in the detail table */
	rg_model_free(m);
}

/* What the summary states against what the rows give. */
static void stated_figures_checked(void)
{
	rg_model *m = extract_docx(S(TITLE,
		nacc_table(S(nacc_row("1", "โครงการก", "1", "10,000.00", "5,000.00", 2),
			nacc_row("2", "โครงการข", "1", "10,000.00", "0.00", 2),
			nacc_row("3", "โครงการค", "2", "0.00", "0.00", 3))),
		PT("สรุปผลการขับเคลื่อนแผนฯ"),
		PT("- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน ๓ โครงการ"),
		PT("- ดำเนินการแล้วเสร็จ ๓ โครงการ"),
		PT("- ไม่สามารถดำเนินการได้ ๑ โครงการ"),
		PT("- เบิกจ่ายงบประมาณ ๗,๐๐๐.๐๐ บาท คิดเป็นร้อยละ ๓๕.๐๐")));
	const rg_stated *s;

	CHECK((s = rg_model_get_stated(m, "projects_total")) && s->value == 3);
	CHECK((s = rg_model_get_stated(m, "completed")) && s->value == 3);
	CHECK((s = rg_model_get_stated(m, "disbursed_total")) && s->value == 7000);
	CHECK_INT(count_findings(m, "stated_count_mismatch"), 1);   /* completed: 3 stated, 2 ticked */
	CHECK_INT(count_findings(m, "stated_total_mismatch"), 1);   /* 7,000 stated, 5,000 in the rows */
	rg_model_free(m);
}

/* A summary table whose total row is not the sum of its rows. */
static void summary_table_total(void)
{
	char *table = TBL(3, S(
		TR(HEADER_ROW, S(TCT(NULL, "มิติ"), TCT(NULL, "จำนวนโครงการ"), TCT(NULL, "งบประมาณ"))),
		TR(NULL, S(TCT(NULL, "๑"), TCT(NULL, "๒"), TCT(NULL, "๑๐,๐๐๐"))),
		TR(NULL, S(TCT(NULL, "๒"), TCT(NULL, "๓"), TCT(NULL, "๒๐,๐๐๐"))),
		TR(NULL, S(TCT(NULL, "รวม"), TCT(NULL, "๕"), TCT(NULL, "๒๕,๐๐๐")))));
	rg_model *m = extract_docx(S(TITLE, table,
		nacc_table(nacc_row("1", "โครงการก", "1", "10,000.00", "0.00", 2))));

	CHECK_INT(count_findings(m, "stated_total_mismatch"), 1);
	CHECK_INT(count_findings(m, "stated_count_mismatch"), 0);   /* 2 + 3 = 5 */
	rg_model_free(m);
}

/* An action plan: a plan period, budgets per year, no fiscal year or round. */
static void action_plan_years(void)
{
	char *table = TBL(5, S(
		TR(HEADER_ROW, S(TCT(NULL, "มิติ"), TCT(NULL, "โครงการ/กิจกรรม/มาตรการ"), TCT(NULL, "ปี ๒๕๖๖"),
			TCT(NULL, "ปี ๒๕๖๗"), TCT(NULL, "หมายเหตุ"))),
		TR(NULL, S(TCT(VRESTART, "๑. การสร้างวัฒนธรรมสุจริต"), TCT(NULL, "๑.๑.๑ โครงการป้องกันผลประโยชน์ทับซ้อน"),
			TC(NULL, P(S(R("๒๐,"), R("๐๐๐")))), TCT(NULL, "๒๐,๐๐๐"), TCT(NULL, ""))),
		TR(NULL, S(TCT(VCONT, ""), TCT(NULL, "๑.๑.๒ มาตรการส่งเสริมจริยธรรม"), TCT(NULL, "-"), TCT(NULL, "-"),
			TCT(NULL, "ไม่ใช้งบประมาณ")))));
	rg_model *m;

	/* (the first amount is split over two runs, as Word writes after an edit) */
	m = extract_docx(S(PT("แผนปฏิบัติการป้องกันการทุจริต"), PT("ขององค์การบริหารส่วนตำบลนาดี"),
		PT("(พ.ศ. ๒๕๖๖ – ๒๕๗๐)"), table));
	CHECK_INT(m->kind, RG_KIND_ACTION_PLAN);
	CHECK_INT(m->plan_from, 2566);
	CHECK_INT(m->plan_to, 2570);
	CHECK_INT(m->fiscal_year, 0);
	CHECK_INT(m->round_months, 0);
	CHECK_INT(m->n_projects, 2);
	CHECK_STR(project(m, 0)->seq, "1.1.1");
	CHECK_STR(project(m, 0)->name, "โครงการป้องกันผลประโยชน์ทับซ้อน");
	CHECK_INT(project(m, 0)->n_budget_by_year, 2);
	CHECK(project(m, 0)->budget_by_year && project(m, 0)->budget_by_year[0].year == 2566
	      && project(m, 0)->budget_by_year[0].amount.value == 20000);
	CHECK(!project(m, 0)->budget.set);
	CHECK(project(m, 1)->budget_by_year == NULL);
	CHECK(project(m, 1)->no_budget);
	CHECK_INT(project(m, 1)->dimension, 1);
	rg_model_free(m);
}

/* An ODT with the LibreOffice check box control and a Wingdings tick. */
static void odt_ticks(void)
{
	const char *fonts = "<style:font-face style:name='Wingdings' svg:font-family='Wingdings'/>";
	const char *styles = "<style:style style:name='T9' style:family='text'>"
		"<style:text-properties style:font-name='Wingdings'/></style:style>";
	char *cc = "<loext:content-control loext:checkbox='true' loext:checked='true'>☒</loext:content-control>";
	char *head = S("<table:table-header-rows><table:table-row>",
		"<table:table-cell><text:p>ลำดับ</text:p></table:table-cell>",
		"<table:table-cell><text:p>รายการโครงการ</text:p></table:table-cell>",
		"<table:table-cell><text:p>ดำเนินการแล้วเสร็จ</text:p></table:table-cell>",
		"<table:table-cell><text:p>ไม่สามารถดำเนินการได้</text:p></table:table-cell>",
		"</table:table-row></table:table-header-rows>");
	char *rows = S("<table:table-row><table:table-cell><text:p>1</text:p></table:table-cell>",
		"<table:table-cell><text:p>โครงการก</text:p></table:table-cell>",
		"<table:table-cell><text:p>", cc, "</text:p></table:table-cell>",
		"<table:table-cell><text:p/></table:table-cell></table:table-row>",
		"<table:table-row><table:table-cell><text:p>2</text:p></table:table-cell>",
		"<table:table-cell><text:p>โครงการข</text:p></table:table-cell>",
		"<table:table-cell><text:p/></table:table-cell>",
		"<table:table-cell><text:p><text:span text:style-name='T9'>\xEF\x83\xBE</text:span></text:p></table:table-cell>",
		"</table:table-row>");
	char *body = S("<text:p>รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต</text:p>",
		"<table:table table:name='T1'><table:table-column table:number-columns-repeated='4'/>", head, rows,
		"</table:table>");
	zpart parts[] = {
		{ "mimetype", ODT_MIME, 0, 1 },
		{ "content.xml", odt_content_xml(fonts, styles, body), 0, 0 },
		{ "META-INF/manifest.xml", odt_manifest("", 0), 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	rg_model *m = extract_pkg(make_zip(parts));

	CHECK_INT(m->n_projects, 2);
	CHECK_INT(project(m, 0)->status, RG_STATUS_COMPLETED);
	CHECK_INT(project(m, 1)->status, RG_STATUS_NOT_POSSIBLE);
	rg_model_free(m);
}

/* The organization only abbreviated (อบต.X อ.Y จ.Z), a header row that Word
** does not mark, statuses written as words in a result column. */
static void abbreviations_and_unmarked_header(void)
{
	char *table = TBL(3, S(
		TR(NULL, S(TCT(NULL, "ที่"), TCT(NULL, "ชื่อโครงการ"), TCT(NULL, "ผลการดำเนินงาน"))),
		TR(NULL, S(TCT(NULL, "1"), TCT(NULL, "โครงการอบรมคุณธรรม"), TCT(NULL, "ดำเนินการแล้ว"))),
		TR(NULL, S(TCT(NULL, "2"), TCT(NULL, "กิจกรรมรณรงค์"), TCT(NULL, "ยังไม่ดำเนินการ")))));
	rg_model *m = extract_docx(S(
		PT("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต อบต.หนองหาร อ.เมือง จ.อุดรธานี"),
		PT("ประจำปีงบประมาณ 2567 รอบ 12 เดือน"), table));

	CHECK_STR(m->org_name, "องค์การบริหารส่วนตำบลหนองหาร");
	CHECK_INT(m->org_type, RG_ORG_SAO);
	CHECK_STR(m->district, "เมือง");
	CHECK_STR(m->province, "อุดรธานี");
	CHECK_INT(m->fiscal_year, 2567);
	CHECK_INT(m->round_months, 12);
	CHECK_INT(m->n_projects, 2);
	CHECK_INT(project(m, 0)->status, RG_STATUS_COMPLETED);
	CHECK_INT(project(m, 1)->status, RG_STATUS_NOT_STARTED);
	CHECK_INT(project(m, 1)->kind, RG_ITEM_ACTIVITY);
	rg_model_free(m);
}

/* A document that is not such a report. */
static void not_a_report(void)
{
	rg_model *m = extract_docx(S(PT("Minutes of the meeting"), TBL(2, S(TR(NULL, S(TCT(NULL, "Name"), TCT(NULL, "Role"))),
		TR(NULL, S(TCT(NULL, "A"), TCT(NULL, "Chair")))))));

	CHECK_INT(m->kind, RG_KIND_OTHER);
	CHECK_INT(m->n_projects, 0);
	CHECK(m->org_name == NULL);
	rg_model_free(m);
}

static const test_case cases[] = {
#define T(f) { .name = #f, .fn = f }
	T(progress_report_fields), T(title_in_header_and_textbox), T(memo_before_report),
	T(status_text_and_budget_words), T(section_rows), T(table_split_across_pages),
	T(summary_and_detail_merge), T(stated_figures_checked), T(summary_table_total),
	T(action_plan_years), T(odt_ticks), T(abbreviations_and_unmarked_header), T(not_a_report),
#undef T
	{ .name = NULL }
};

int main(int argc, char **argv)
{
	int rc;

	if (rg_parser_new(&parser, RG_SOURCE_RULES_DIR, NULL)) {
		fprintf(stderr, "test_extract: %s\n", rg_error_message());
		return 1;
	}
	rc = run_cases("test_extract", cases, argc, argv);
	rg_parser_free(parser);
	return rc;
}
