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
/* A Word check box content control as Word saves it: the flag and the box it shows agree. */
#define SDT_BOX_OF(on, glyph) "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val='" on "'/></w14:checkbox></w:sdtPr>" \
	"<w:sdtContent><w:r><w:t>" glyph "</w:t></w:r></w:sdtContent></w:sdt>"
#define SDT_BOX_ON SDT_BOX_OF("1", "☒")
#define SDT_BOX_OFF SDT_BOX_OF("0", "☐")

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
		box[ticked] = SDT_BOX_ON;
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
		nacc_table(S(nacc_row("1", "โครงการก", "1", "10,000.00", "0.00", 2),
			nacc_row("2", "โครงการข", "1", "0.00", "0.00", 2),
			nacc_row("3", "โครงการค", "2", "0.00", "0.00", 2),
			nacc_row("4", "โครงการง", "2", "0.00", "0.00", 2),
			nacc_row("5", "โครงการจ", "2", "0.00", "0.00", 2)))));
	const rg_stated *s;

	CHECK_INT(count_findings(m, "stated_total_mismatch"), 1);
	CHECK_INT(count_findings(m, "stated_count_mismatch"), 0);   /* 2 + 3 = 5, and so do the rows */
	CHECK((s = rg_model_get_stated(m, "projects_total")) && s->value == 5);   /* จำนวนโครงการ */
	rg_model_free(m);

	/* one project less in dimension 2: the table's count and its dimension's are contradicted */
	m = extract_docx(S(TITLE, table,
		nacc_table(S(nacc_row("1", "โครงการก", "1", "10,000.00", "0.00", 2),
			nacc_row("2", "โครงการข", "1", "0.00", "0.00", 2),
			nacc_row("3", "โครงการค", "2", "0.00", "0.00", 2),
			nacc_row("4", "โครงการง", "2", "0.00", "0.00", 2)))));
	CHECK_INT(count_findings(m, "stated_count_mismatch"), 2);
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

/* ---- the same filing in DOCX and in ODT ------------------------------------------------ */

enum { DOCX, ODT, NFORMATS };
static const char *const format_name[NFORMATS] = { "docx", "odt" };

static char *para(int fmt, const char *text)
{
	return fmt == DOCX ? PT(text) : S("<text:p>", text, "</text:p>");
}

/* The title block of a progress report. */
static char *title(int fmt)
{
	return S(para(fmt, "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต"),
		para(fmt, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน (ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗)"),
		para(fmt, "องค์การบริหารส่วนตำบลหนองบัว อำเภอฝาง จังหวัดเชียงใหม่"));
}

/* The content of one cell: "[x]" a ticked check box, "[ ]" an empty one, else
** text (each '\n' starts a new paragraph). */
static char *cell_content(int fmt, const char *text)
{
	char *out = S(""), *copy, *line, *save = NULL;

	if (!strcmp(text, "[x]") || !strcmp(text, "[ ]")) {
		int on = text[1] == 'x';
		if (fmt == DOCX)
			return P(on ? SDT_BOX_ON : SDT_BOX_OFF);
		return S("<text:p><loext:content-control loext:checkbox='true' loext:checked='", on ? "true" : "false",
			"'>", on ? "☒" : "☐", "</loext:content-control></text:p>");
	}
	copy = strdup(text);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		out = S(out, para(fmt, line));
	free(copy);
	return *out ? out : (fmt == DOCX ? S("<w:p/>") : S("<text:p/>"));
}

/* One cell of ODT or DOCX, spanning span columns. */
static char *cell_xml(int fmt, int span, const char *blocks)
{
	char n[16];
	char *xml;
	int i;

	snprintf(n, sizeof(n), "%d", span);
	if (fmt == DOCX)
		return TC(span > 1 ? S("<w:gridSpan w:val='", n, "'/>") : NULL, blocks);
	xml = S("<table:table-cell office:value-type='string'",
		span > 1 ? S(" table:number-columns-spanned='", n, "'") : "", ">", blocks, "</table:table-cell>");
	for (i = 1; i < span; i++)
		xml = S(xml, "<table:covered-table-cell/>");
	return xml;
}

/* A table from its rows as lists of cells (see table()); ncols wide. */
static char *table_of(int fmt, int ncols, const char *const *rowv)
{
	char *rows = S(""), *heads = S(""), n[16];
	size_t r;

	for (r = 0; rowv[r]; r++) {
		int header = !strncmp(rowv[r], "H:", 2);
		char *copy = strdup(rowv[r] + (header ? 2 : 0)), *p = copy, *xml = S("");
		for (;;) {
			char *bar = strchr(p, '|'), *cell = p;
			int span = 1;
			if (bar)
				*bar = '\0';
			if (cell[0] == '{') {
				span = atoi(cell + 1);
				cell = strchr(cell, '}') + 1;
			}
			/* a cell starting with '<' holds that block XML (a nested table) */
			xml = S(xml, cell_xml(fmt, span, cell[0] == '<' ? S(cell, fmt == DOCX ? "<w:p/>" : "") : cell_content(fmt, cell)));
			if (!bar)
				break;
			p = bar + 1;
		}
		free(copy);
		if (fmt == DOCX)
			rows = S(rows, TR(header ? HEADER_ROW : NULL, xml));
		else if (header)
			heads = S(heads, "<table:table-row>", xml, "</table:table-row>");
		else
			rows = S(rows, "<table:table-row>", xml, "</table:table-row>");
	}
	if (fmt == DOCX)
		return TBL(ncols, rows);
	snprintf(n, sizeof(n), "%d", ncols);
	return S("<table:table table:name='T'><table:table-column table:number-columns-repeated='", n, "'/>",
		*heads ? S("<table:table-header-rows>", heads, "</table:table-header-rows>") : "", rows,
		"</table:table>");
}

/*
** A table: ncols columns, then its rows up to a NULL, each a string of cells
** separated by '|'.  A row starting with "H:" is a marked header row
** (w:tblHeader, table:table-header-rows); a cell starting with "{N}" spans N
** columns; cells hold text or check boxes (cell_content), or, starting with
** '<', block XML such as a nested table (it must hold no '|').
*/
static char *table(int fmt, int ncols, ...)
{
	const char *rowv[128];
	size_t n = 0;
	va_list ap;

	va_start(ap, ncols);
	while (n + 1 < sizeof(rowv) / sizeof(rowv[0]) && (rowv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	rowv[n] = NULL;
	return table_of(fmt, ncols, rowv);
}

/* A layout table (a page frame): one column; each argument up to NULL is the
** block XML of one row's cell (text in a cell that holds tables too). */
static char *frame(int fmt, ...)
{
	char *rows = S("");
	const char *blocks;
	va_list ap;

	va_start(ap, fmt);
	while ((blocks = va_arg(ap, const char *)) != NULL) {
		char *c = cell_xml(fmt, 1, blocks);
		rows = S(rows, fmt == DOCX ? TR(NULL, c) : S("<table:table-row>", c, "</table:table-row>"));
	}
	va_end(ap);
	if (fmt == DOCX)
		return TBL(1, rows);
	return S("<table:table table:name='F'><table:table-column/>", rows, "</table:table>");
}

static rg_model *extract_fmt(int fmt, const char *body)
{
	return extract_pkg(fmt == DOCX ? make_docx(body) : make_odt(body));
}

/* Run a case's checks for both formats; a failure names the format. */
#define FOR_FORMATS(fmt) for (int fmt = 0, fail_ = check_failed; fmt < NFORMATS; \
	(check_failed != fail_ ? fprintf(stderr, "  (in the %s filing)\n", format_name[fmt]) : 0), \
	fail_ = check_failed, fmt++)

static const rg_project *find_project(const rg_model *m, const char *seq)
{
	static const rg_project none;
	size_t i;

	for (i = 0; m && i < m->n_projects; i++)
		if (m->projects[i].seq && !strcmp(m->projects[i].seq, seq))
			return &m->projects[i];
	return &none;
}

static const rg_finding *finding(const rg_model *m, const char *code, size_t nth)
{
	size_t i;

	for (i = 0; m && i < m->n_findings; i++)
		if (!strcmp(m->findings[i].code, code) && nth-- == 0)
			return &m->findings[i];
	return NULL;
}

/* Text status: the header of every page's table. */
#define TEXT_HEAD "H:ลำดับ|โครงการ/กิจกรรม/มาตรการ|งบประมาณ (บาท)|เบิกจ่าย (บาท)|สถานะ|หน่วยงานรับผิดชอบ"
/* Ticked status columns under a spanning สถานะ (two header rows, not marked). */
#define TICK_HEAD1 "ที่|โครงการ/กิจกรรม/มาตรการ|งบประมาณ (บาท)|เบิกจ่าย (บาท)|{4}สถานะ"
#define TICK_HEAD2 "|||| รอ รายงาน|อยู่ระหว่าง ดำเนินการ|ดำเนิน การแล้วเสร็จ|ไม่สามารถ ดำเนินการได้"
#define PAGE(fmt) para(fmt, "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต (ต่อ)")

/* Cut between two tables (text status): only the name goes on, in the first
** row of the next page's table, after its repeated header. */
static void cut_name_only(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 6, TEXT_HEAD,
				"1|โครงการอบรมคุณธรรม|10,000.00|5,000.00|ดำเนินการแล้วเสร็จ|สำนักปลัด",
				"2|มาตรการ|0.00|0.00|รอรายงาน|กองคลัง", NULL),
			PAGE(fmt),
			table(fmt, 6, TEXT_HEAD,
				"|“ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม”||||",
				"3|กิจกรรมการลดขั้นตอนการปฏิบัติงาน|-|-|อยู่ระหว่างดำเนินการ|กองช่าง", NULL)));
		CHECK_INT(m->n_projects, 3);
		CHECK_STR(find_project(m, "2")->name, "มาตรการ “ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม”");
		CHECK_INT(find_project(m, "2")->kind, RG_ITEM_MEASURE);
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_PENDING_REPORT);
		CHECK_STR(find_project(m, "2")->responsible, "กองคลัง");
		CHECK_INT(find_project(m, "3")->status, RG_STATUS_IN_PROGRESS);
		CHECK_INT(count_findings(m, "row_split"), 1);
		CHECK(finding(m, "row_split", 0) && strstr(finding(m, "row_split", 0)->message, "item 2 ")
		      && strstr(finding(m, "row_split", 0)->message, "table 2, row 2"));
		CHECK_INT(finding(m, "row_split", 0) ? (int)finding(m, "row_split", 0)->severity : -1, RG_SEV_INFO);
		CHECK_INT(count_findings(m, "unread_row"), 0);
		rg_model_free(m);
	}
}

/* The amounts, the status and the unit are only in the second part. */
static void cut_values_in_second_part(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 6, TEXT_HEAD,
				"1|โครงการอบรมคุณธรรม|10,000.00|5,000.00|ดำเนินการแล้วเสร็จ|สำนักปลัด",
				"2|โครงการส่งเสริมความรู้ด้านกฎหมาย||||", NULL),
			PAGE(fmt),
			table(fmt, 6, TEXT_HEAD,
				"|สำหรับผู้บริหารและสมาชิกสภาท้องถิ่น|๓๐,๐๐๐.๐๐|๑๒,๕๐๐.๐๐|ดำเนินการเสร็จแล้ว|กองการศึกษา", NULL)));
		CHECK_INT(m->n_projects, 2);
		CHECK_STR(find_project(m, "2")->name, "โครงการส่งเสริมความรู้ด้านกฎหมาย สำหรับผู้บริหารและสมาชิกสภาท้องถิ่น");
		CHECK(find_project(m, "2")->budget.set);
		CHECK_NUM(find_project(m, "2")->budget.value, 30000);
		CHECK_NUM(find_project(m, "2")->disbursed.value, 12500);
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_COMPLETED);
		CHECK_STR(find_project(m, "2")->responsible, "กองการศึกษา");
		CHECK_INT(count_findings(m, "row_split"), 1);
		CHECK_INT(count_findings(m, "row_split_conflict"), 0);
		rg_model_free(m);
	}
}

/* Ticked status columns: the tick is only in the second part, which also
** holds the rest of the name; and a cut whose second part holds the tick
** alone (the last row of its table). */
static void cut_ticks_in_second_part(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 8, TICK_HEAD1, TICK_HEAD2,
				"1|โครงการโรงเรียนคุณธรรม|15,000.00|0.00|[x]|[ ]|[ ]|[ ]",
				"2|กิจกรรมการเผยแพร่ข้อมูลข่าวสารด้านการเงิน การคลัง|10,000.00|0.00||||", NULL),
			PAGE(fmt),
			table(fmt, 8, TICK_HEAD1, TICK_HEAD2,
				"|พัสดุ และทรัพย์สินของ อบต.|||[ ]|[ ]|[ ]|[x]",
				"3|มาตรการจัดการเรื่องร้องเรียน|0.00|0.00|[ ]|[ ]|[ ]|[ ]", NULL),
			PAGE(fmt),
			table(fmt, 8, TICK_HEAD1, TICK_HEAD2,
				"||||[ ]|[ ]|[x]|[ ]", NULL)));
		CHECK_INT(m->n_projects, 3);
		CHECK_STR(find_project(m, "2")->name, "กิจกรรมการเผยแพร่ข้อมูลข่าวสารด้านการเงิน การคลัง พัสดุ และทรัพย์สินของ อบต.");
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_NOT_POSSIBLE);
		CHECK_NUM(find_project(m, "2")->budget.value, 10000);
		CHECK_INT(find_project(m, "1")->status, RG_STATUS_PENDING_REPORT);
		/* the tick alone on the next page */
		CHECK_STR(find_project(m, "3")->name, "มาตรการจัดการเรื่องร้องเรียน");
		CHECK_INT(find_project(m, "3")->status, RG_STATUS_COMPLETED);
		CHECK_INT(count_findings(m, "row_split"), 2);
		CHECK_INT(count_findings(m, "unread_row"), 0);
		rg_model_free(m);
	}
}

/* Both parts hold a budget and they differ: the first is kept, with a finding;
** equal values in both parts are no conflict. */
static void cut_conflicting_values(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 6, TEXT_HEAD,
				"1|โครงการอบรมคุณธรรมจริยธรรม|10,000.00|0.00|รอรายงาน|สำนักปลัด",
				"2|โครงการปลูกต้นไม้เพื่อเพิ่มพื้นที่สีเขียว|20,000.00|5,000.00||", NULL),
			PAGE(fmt),
			table(fmt, 6, TEXT_HEAD,
				"|ลดภาวะโลกร้อน|25,000.00|5,000.00|ดำเนินการแล้วเสร็จ|กองช่าง", NULL)));
		const rg_finding *f = finding(m, "row_split_conflict", 0);
		CHECK_INT(m->n_projects, 2);
		CHECK_STR(find_project(m, "2")->name, "โครงการปลูกต้นไม้เพื่อเพิ่มพื้นที่สีเขียว ลดภาวะโลกร้อน");
		CHECK_NUM(find_project(m, "2")->budget.value, 20000);
		CHECK_NUM(find_project(m, "2")->disbursed.value, 5000);
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_COMPLETED);
		CHECK_INT(count_findings(m, "row_split_conflict"), 1);   /* the budget only */
		CHECK(f && f->severity == RG_SEV_WARNING && strstr(f->message, "budget")
		      && strstr(f->message, "20000.00") && strstr(f->message, "25000.00"));
		CHECK_INT(count_findings(m, "row_split"), 1);
		rg_model_free(m);
	}
}

/* A table with ticked status columns and a status text column both: each
** part may hold either; a tick and a text that disagree keep the first part's. */
static void cut_with_ticks_and_text(void)
{
	FOR_FORMATS(fmt) {
		const char *head = "H:ที่|โครงการ/กิจกรรม/มาตรการ|งบประมาณ (บาท)|ดำเนินการแล้วเสร็จ|อยู่ระหว่างดำเนินการ|ผลการดำเนินงาน";
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 6, head,
				"1|โครงการอบรมคุณธรรม|0.00|[x]|[ ]|ดำเนินการแล้วเสร็จ",
				"2|โครงการส่งเสริมการมีส่วนร่วม|5,000.00|[ ]|[ ]|", NULL),
			PAGE(fmt),
			table(fmt, 6, head,
				"|ของประชาชน||[ ]|[x]|อยู่ระหว่างดำเนินการ",
				"3|มาตรการจัดการเรื่องร้องเรียน|0.00|[ ]|[ ]|ดำเนินการเสร็จแล้ว", NULL),
			PAGE(fmt),
			table(fmt, 6, head,
				"|การทุจริต||[ ]|[x]|",
				"4|กิจกรรมการลดขั้นตอน|0.00|[ ]|[ ]|กำลังดำเนินการ", NULL)));
		const rg_finding *f = finding(m, "row_split_conflict", 0);
		CHECK_INT(m->n_projects, 4);
		CHECK_STR(find_project(m, "2")->name, "โครงการส่งเสริมการมีส่วนร่วม ของประชาชน");
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_IN_PROGRESS);
		CHECK_NUM(find_project(m, "2")->budget.value, 5000);
		CHECK_STR(find_project(m, "3")->name, "มาตรการจัดการเรื่องร้องเรียน การทุจริต");
		CHECK_INT(find_project(m, "3")->status, RG_STATUS_COMPLETED);   /* the first part's text */
		CHECK(f && strstr(f->message, "item 3") && strstr(f->message, "status")
		      && strstr(f->message, "completed") && strstr(f->message, "in_progress"));
		CHECK_INT(count_findings(m, "row_split_conflict"), 1);
		CHECK_INT(find_project(m, "4")->status, RG_STATUS_IN_PROGRESS);
		CHECK_INT(count_findings(m, "row_split"), 2);
		rg_model_free(m);
	}
}

/* The last row of the last table is cut: the last page's table holds only
** the rest, with its header repeated, or without a header at all. */
static void cut_at_the_last_row(void)
{
	FOR_FORMATS(fmt) {
		const char *first = table(fmt, 6, TEXT_HEAD,
			"1|โครงการอบรมคุณธรรม|10,000.00|0.00|รอรายงาน|สำนักปลัด",
			"2|กิจกรรมรายงานการควบคุมภายในและการติดตาม|5,000.00|0.00|กำลังดำเนินการ|", NULL);
		rg_model *m = extract_fmt(fmt, S(title(fmt), first, PAGE(fmt),
			table(fmt, 6, TEXT_HEAD, "|ประเมินผลการควบคุมภายใน||||หน่วยตรวจสอบภายใน", NULL),
			para(fmt, "ลงชื่อ....................ผู้รายงาน")));
		CHECK_INT(m->n_projects, 2);
		CHECK_STR(find_project(m, "2")->name, "กิจกรรมรายงานการควบคุมภายในและการติดตาม ประเมินผลการควบคุมภายใน");
		CHECK_STR(find_project(m, "2")->responsible, "หน่วยตรวจสอบภายใน");
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_IN_PROGRESS);
		CHECK_INT(count_findings(m, "row_split"), 1);
		rg_model_free(m);

		m = extract_fmt(fmt, S(title(fmt), first, PAGE(fmt),
			table(fmt, 6, "|ประเมินผลการควบคุมภายใน||||หน่วยตรวจสอบภายใน", NULL)));
		CHECK_INT(m->n_projects, 2);
		CHECK_STR(find_project(m, "2")->name, "กิจกรรมรายงานการควบคุมภายในและการติดตาม ประเมินผลการควบคุมภายใน");
		CHECK_INT(count_findings(m, "row_split"), 1);
		rg_model_free(m);
	}
}

/* Inside one table: rows without a number continue the row above (a typist
** pressed Enter into a new row); a three-way cut across two page breaks; a
** continuation marked "(ต่อ)" with its number repeated. */
static void cut_inside_one_table_and_three_ways(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 8, TICK_HEAD1, TICK_HEAD2,
				"1|โครงการส่งเสริมการบริหารงานตามหลัก|0.00|0.00|[ ]|[ ]|[ ]|[ ]",
				"|ธรรมาภิบาลเพื่อป้องกันการทุจริต|||[ ]|[ ]|[x]|[ ]",
				"2|โครงการพัฒนาคุณภาพการให้บริการประชาชน|50,000.00|12,000.00|[ ]|[x]|[ ]|[ ]",
				"3|มาตรการป้องกันการใช้จ่ายงบประมาณ|||[ ]|[ ]|[ ]|[ ]", NULL),
			PAGE(fmt),
			table(fmt, 8, TICK_HEAD1, TICK_HEAD2,
				"|ที่ไม่สมควร ผิดวัตถุประสงค์||||||", NULL),
			PAGE(fmt),
			table(fmt, 8, TICK_HEAD1, TICK_HEAD2,
				"|ไม่มีประสิทธิภาพ|๑๐,๐๐๐.๐๐|๐.๐๐|[x]|[ ]|[ ]|[ ]",
				"4|กิจกรรมอบรมให้ความรู้ตาม พ.ร.บ.ข้อมูลข่าวสาร|0.00|0.00|[ ]|[ ]|[x]|[ ]",
				"4 (ต่อ)|(ต่อ) ของทางราชการ พ.ศ. ๒๕๔๐|||[ ]|[ ]|[ ]|[ ]",
				"5|โครงการจัดเวทีประชาคม|0.00|0.00|[ ]|[ ]|[x]|[ ]", NULL)));
		CHECK_INT(m->n_projects, 5);
		CHECK_STR(find_project(m, "1")->name, "โครงการส่งเสริมการบริหารงานตามหลัก ธรรมาภิบาลเพื่อป้องกันการทุจริต");
		CHECK_INT(find_project(m, "1")->status, RG_STATUS_COMPLETED);
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_IN_PROGRESS);
		CHECK_STR(find_project(m, "3")->name, "มาตรการป้องกันการใช้จ่ายงบประมาณ ที่ไม่สมควร ผิดวัตถุประสงค์ ไม่มีประสิทธิภาพ");
		CHECK_NUM(find_project(m, "3")->budget.value, 10000);
		CHECK_INT(find_project(m, "3")->status, RG_STATUS_PENDING_REPORT);
		CHECK_STR(find_project(m, "4")->name, "กิจกรรมอบรมให้ความรู้ตาม พ.ร.บ.ข้อมูลข่าวสาร ของทางราชการ พ.ศ. 2540");
		CHECK_INT(find_project(m, "4")->status, RG_STATUS_COMPLETED);
		CHECK_INT(find_project(m, "5")->status, RG_STATUS_COMPLETED);
		CHECK_INT(count_findings(m, "row_split"), 3);   /* one per merged row: 1, 3 (three parts), 4 */
		CHECK(finding(m, "row_split", 1) && strstr(finding(m, "row_split", 1)->message, "item 3 ")
		      && strstr(finding(m, "row_split", 1)->message, "3 parts: table 2, row 3, table 3, row 3 continue it"));
		CHECK_INT(count_findings(m, "unread_row"), 0);
		rg_model_free(m);
	}
}

/* A page's table that starts with the rest of a row whose words name a
** column (เบิกจ่าย, งบประมาณ): it is still the next part of the project table,
** and none of its rows is lost. */
static void continuation_with_column_words(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 6, "ลำดับ|โครงการ/กิจกรรม/มาตรการ|งบประมาณ (บาท)|เบิกจ่าย (บาท)|สถานะ|หน่วยงานรับผิดชอบ",
				"1|กิจกรรมรายงานผลการใช้จ่ายเงิน|0.00|0.00|รอรายงาน|กองคลัง",
				"2|กิจกรรมควบคุมการเบิกจ่ายเงินตามข้อบัญญัติ|0.00|0.00|รอรายงาน|กองคลัง", NULL),
			PAGE(fmt),
			table(fmt, 6, "ลำดับ|โครงการ/กิจกรรม/มาตรการ|งบประมาณ (บาท)|เบิกจ่าย (บาท)|สถานะ|หน่วยงานรับผิดชอบ",
				"|งบประมาณรายจ่ายและการเบิกจ่ายประจำปี||||",
				"3|โครงการจัดทำมาตรฐานการให้บริการประชาชน|40,000.00|0.00|ไม่สามารถดำเนินการได้|สำนักปลัด",
				"4|โครงการจัดเวทีประชาคม|0.00|0.00|ดำเนินการแล้วเสร็จ|สำนักปลัด",
				"5|มาตรการแต่งตั้งคณะกรรมการสนับสนุน|0.00|0.00|รอรายงาน|สำนักปลัด", NULL),
			PAGE(fmt),
			/* the number typed again on the next page */
			table(fmt, 6, "ลำดับ|โครงการ/กิจกรรม/มาตรการ|งบประมาณ (บาท)|เบิกจ่าย (บาท)|สถานะ|หน่วยงานรับผิดชอบ",
				"5|การจัดทำแผนพัฒนาท้องถิ่น||||",
				"6|โครงการประชุมสภาสัญจร|0.00|0.00|รอรายงาน|สำนักปลัด", NULL)));
		CHECK_INT(m->n_projects, 6);
		CHECK_STR(find_project(m, "5")->name, "มาตรการแต่งตั้งคณะกรรมการสนับสนุน การจัดทำแผนพัฒนาท้องถิ่น");
		CHECK_STR(find_project(m, "2")->name, "กิจกรรมควบคุมการเบิกจ่ายเงินตามข้อบัญญัติ งบประมาณรายจ่ายและการเบิกจ่ายประจำปี");
		CHECK_INT(find_project(m, "3")->status, RG_STATUS_NOT_POSSIBLE);
		CHECK_NUM(find_project(m, "3")->budget.value, 40000);
		CHECK_INT(find_project(m, "4")->status, RG_STATUS_COMPLETED);
		rg_model_free(m);
	}
}

/* Rows that are not cut stay apart: an unnumbered table whose rows name no
** kind, and numbered rows whose names start with a kind. */
static void rows_not_cut_stay_apart(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 3, "H:โครงการ/กิจกรรม/มาตรการ|งบประมาณ|สถานะ",
				"ศูนย์ข้อมูลข่าวสารขององค์การบริหารส่วนตำบล|0.00|ดำเนินการแล้ว",
				"ส่งเสริมการมีส่วนร่วมของประชาชน|0.00|รอรายงาน", NULL),
			table(fmt, 6, TEXT_HEAD,
				"1|โครงการอบรมคุณธรรม|10,000.00|0.00|รอรายงาน|สำนักปลัด",
				"|กิจกรรมย่อยการประกวดคำขวัญ|0.00|0.00|รอรายงาน|สำนักปลัด", NULL)));
		CHECK_INT(m->n_projects, 4);
		CHECK_INT(count_findings(m, "row_split"), 0);
		rg_model_free(m);
	}
}

/* Dimension from section rows: beside an empty spacer column, right under an
** unmarked header, typed in the name column, misspelt มติ; carried across the
** page's tables; a section row is never a project. */
static void section_rows_beside_spacers(void)
{
	FOR_FORMATS(fmt) {
		const char *head = "ที่|โครงการ/กิจกรรม/มาตรการ||งบประมาณ (บาท)|สถานะ";
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 5, head,
				"{5}มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต",
				"1|โครงการสร้างภูมิคุ้มกันทางสังคม||0.00|รอรายงาน",
				"{4}มติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต|",
				"2|มาตรการกระจายอำนาจ||0.00|ดำเนินการแล้วเสร็จ", NULL),
			PAGE(fmt),
			table(fmt, 5, head,
				"3|มาตรการประเมินความคุ้มค่า||0.00|รอรายงาน",
				"|มิติที่ 3 การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน|||",
				"4|มาตรการเฝ้าระวังการคอร์รัปชัน||50,000.00|กำลังดำเนินการ",
				"|๔. การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบ|||",
				"5|กิจกรรมการประเมินผลการควบคุมภายใน||0.00|รอรายงาน", NULL)));
		CHECK_INT(m->n_projects, 5);
		CHECK_INT(find_project(m, "5")->dimension, 4);
		CHECK_INT(find_project(m, "1")->dimension, 1);
		CHECK_INT(find_project(m, "2")->dimension, 2);
		CHECK_INT(find_project(m, "3")->dimension, 2);
		CHECK_INT(find_project(m, "4")->dimension, 3);
		CHECK_INT(count_findings(m, "unread_row"), 0);
		rg_model_free(m);
	}
}

/* The project table in a page frame, two levels deep, after a table of
** counts by status that states the figures (everyday status wordings). */
static void frames_and_status_counts(void)
{
	FOR_FORMATS(fmt) {
		const char *counts = table(fmt, 2, "สถานะการดำเนินงาน|จำนวน (โครงการ)",
			"ดำเนินการเสร็จแล้ว|๒", "กำลังดำเนินการ|๑", "ยังไม่ได้ดำเนินการ|๑", "ไม่สามารถดำเนินการได้|๐",
			"รวมทั้งสิ้น|๔", NULL);
		const char *projects = table(fmt, 5, "H:ลำดับ|โครงการ/กิจกรรม/มาตรการ|มิติ|งบประมาณ (บาท)|ผลการดำเนินงาน",
			"1|โครงการสร้างอาชีพ|1|0.00|เสร็จสิ้น",
			"2|โครงการพัฒนาคุณธรรม จริยธรรม|1|60,000.00|ดำเนินการเสร็จแล้ว ครบตามเป้าหมาย",
			"3|มาตรการจัดทำคู่มือ|2|30,000.00|กำลังดำเนินการ",
			"4|กิจกรรมยกย่องเชิดชู|3|0.00|ยังไม่ได้ดำเนินการ", NULL);
		rg_model *m = extract_fmt(fmt, S(
			frame(fmt, title(fmt),
				S(para(fmt, "สรุปสถานะการดำเนินงาน"), counts,
					frame(fmt, S(para(fmt, "ผลการดำเนินงานรายโครงการ"), projects), NULL)), NULL)));
		const rg_stated *s;
		CHECK_INT(m->kind, RG_KIND_PROGRESS_REPORT);
		CHECK_INT(m->n_projects, 4);
		CHECK_INT(find_project(m, "1")->status, RG_STATUS_COMPLETED);
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_COMPLETED);
		CHECK_INT(find_project(m, "3")->status, RG_STATUS_IN_PROGRESS);
		CHECK_INT(find_project(m, "4")->status, RG_STATUS_NOT_STARTED);
		CHECK_INT(find_project(m, "3")->dimension, 2);
		CHECK((s = rg_model_get_stated(m, "completed")) && s->value == 2);
		CHECK((s = rg_model_get_stated(m, "in_progress")) && s->value == 1);
		CHECK((s = rg_model_get_stated(m, "not_started")) && s->value == 1);
		CHECK((s = rg_model_get_stated(m, "projects_total")) && s->value == 4);
		CHECK_INT(count_findings(m, "stated_count_mismatch"), 0);
		rg_model_free(m);

		/* the same counts against rows that say otherwise: the contradiction is seen */
		m = extract_fmt(fmt, S(frame(fmt, title(fmt), S(counts,
			table(fmt, 5, "H:ลำดับ|โครงการ/กิจกรรม/มาตรการ|มิติ|งบประมาณ (บาท)|ผลการดำเนินงาน",
				"1|โครงการสร้างอาชีพ|1|0.00|เสร็จสิ้น",
				"2|โครงการพัฒนาคุณธรรม|1|0.00|เสร็จสิ้น",
				"3|มาตรการจัดทำคู่มือ|2|0.00|เสร็จสิ้น", NULL)), NULL)));
		CHECK_INT(m->n_projects, 3);
		CHECK(count_findings(m, "stated_count_mismatch") >= 2);   /* completed 2 vs 3, projects 4 vs 3 */
		rg_model_free(m);
	}
}

/* A table of counts by status after a number column, with a percentage
** column before the counts: the counts are found by their header; a table
** of counts by dimension whose rows say มิติที่ N. */
static void status_counts_beside_other_columns(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 4, "H:ที่|สถานะ|ร้อยละ|จำนวน (โครงการ)",
				"1|รอการรายงาน|25|1", "2|อยู่ระหว่างการดำเนินการ|25|1", "3|ดำเนินการแล้วเสร็จ|50|2",
				"|รวม|100|4", NULL),
			table(fmt, 6, TEXT_HEAD,
				"1|โครงการก|0.00|0.00|รอรายงาน|สำนักปลัด",
				"2|โครงการข|0.00|0.00|อยู่ระหว่างดำเนินการ|สำนักปลัด",
				"3|โครงการค|0.00|0.00|ดำเนินการแล้วเสร็จ|สำนักปลัด",
				"4|โครงการง|0.00|0.00|ยังไม่ได้ดำเนินการ|สำนักปลัด", NULL)));
		const rg_stated *s;
		CHECK((s = rg_model_get_stated(m, "pending_report")) && s->value == 1);
		CHECK((s = rg_model_get_stated(m, "in_progress")) && s->value == 1);
		CHECK((s = rg_model_get_stated(m, "completed")) && s->value == 2);
		CHECK((s = rg_model_get_stated(m, "projects_total")) && s->value == 4);
		CHECK_INT(count_findings(m, "stated_count_mismatch"), 1);   /* completed: 2 stated, 1 row */
		rg_model_free(m);

		/* counts by dimension, the rows labelled มิติที่ N under no มิติ header */
		m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 3, "H:ด้าน|จำนวนโครงการ|งบประมาณ (บาท)",
				"มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต|๒|๐", "มิติที่ ๒ การบริหารราชการ|๒|๐", "รวม|๔|๐", NULL),
			table(fmt, 5, "H:ที่|โครงการ/กิจกรรม/มาตรการ|มิติ|งบประมาณ (บาท)|สถานะ",
				"1|โครงการก|1|0.00|รอรายงาน", "2|โครงการข|1|0.00|รอรายงาน",
				"3|โครงการค|2|0.00|รอรายงาน", "4|โครงการง|1|0.00|รอรายงาน", NULL)));
		CHECK((s = rg_model_get_stated(m, "projects_total")) && s->value == 4);
		CHECK_INT(count_findings(m, "stated_count_mismatch"), 2);   /* dimension 1: 2 vs 3, dimension 2: 2 vs 1 */
		CHECK(finding(m, "stated_count_mismatch", 0) && strstr(finding(m, "stated_count_mismatch", 0)->message, "dimension 1"));
		rg_model_free(m);
	}
}

/* A project table whose rows hold a small table in a cell (a copy-paste of
** a form): the rows are still projects, the table is no frame. */
static void nested_table_in_a_project_row(void)
{
	FOR_FORMATS(fmt) {
		const char *mini = table(fmt, 2, "ไตรมาส 1|ไตรมาส 2", "[x]|[ ]", NULL);
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 5, "H:ลำดับ|โครงการ/กิจกรรม/มาตรการ|งบประมาณ (บาท)|ระยะเวลา|สถานะ",
				S("1|โครงการอบรมคุณธรรม|10,000.00|", mini, "|ดำเนินการแล้วเสร็จ"),
				S("2|กิจกรรมประกวดคำขวัญ|0.00|", mini, "|รอรายงาน"), NULL)));
		CHECK_INT(m->n_projects, 2);
		CHECK_INT(find_project(m, "1")->status, RG_STATUS_COMPLETED);
		CHECK_NUM(find_project(m, "1")->budget.value, 10000);
		CHECK_INT(find_project(m, "2")->status, RG_STATUS_PENDING_REPORT);
		rg_model_free(m);
	}
}

/* Stated counts are compared with the merged rows: a cut row counts once. */
static void stated_counts_see_merged_rows(void)
{
	FOR_FORMATS(fmt) {
		rg_model *m = extract_fmt(fmt, S(title(fmt),
			table(fmt, 6, TEXT_HEAD,
				"1|โครงการอบรมคุณธรรม|10,000.00|5,000.00|ดำเนินการแล้วเสร็จ|สำนักปลัด",
				"2|กิจกรรม|0.00|0.00|ดำเนินการแล้วเสร็จ|กองคลัง", NULL),
			PAGE(fmt),
			table(fmt, 6, TEXT_HEAD, "|“สร้างความโปร่งใสในการพิจารณาเลื่อนขั้นเงินเดือน”||||", NULL),
			para(fmt, "- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน ๒ โครงการ"),
			para(fmt, "- ดำเนินการแล้วเสร็จ ๒ โครงการ"),
			para(fmt, "- เบิกจ่ายงบประมาณ ๕,๐๐๐.๐๐ บาท")));
		CHECK_INT(m->n_projects, 2);
		CHECK_INT(count_findings(m, "stated_count_mismatch"), 0);
		CHECK_INT(count_findings(m, "stated_total_mismatch"), 0);
		CHECK_INT(count_findings(m, "row_split"), 1);
		rg_model_free(m);
	}
}

/* Rows that become nothing though they carry an item number, an amount or a
** status mark are reported (unread_row), not a row of column numbers under
** the header; in a document that is no report, nothing is. */
static void unread_rows_reported(void)
{
	FOR_FORMATS(fmt) {
		const char *t = table(fmt, 6, TEXT_HEAD, "(1)|(2)|(3)|(4)|(5)|(6)",
			"|||7,500.00||",
			"1|โครงการอบรมคุณธรรม|10,000.00|5,000.00|ดำเนินการแล้วเสร็จ|สำนักปลัด",
			"2|〃|20,000.00|0.00|รอรายงาน|สำนักปลัด",
			"รวม||30,000.00|5,000.00||",
			"||||ดำเนินการแล้วเสร็จ|", NULL);
		rg_model *m = extract_fmt(fmt, S(title(fmt), t));
		const rg_finding *f = finding(m, "unread_row", 1);
		CHECK_INT(m->n_projects, 1);
		CHECK_INT(count_findings(m, "unread_row"), 3);   /* the stray amount, item 2, the stray status */
		CHECK(finding(m, "unread_row", 0) && strstr(finding(m, "unread_row", 0)->message, "table 1, row 3")
		      && strstr(finding(m, "unread_row", 0)->message, "an amount")
		      && strstr(finding(m, "unread_row", 0)->message, "\"7,500.00\""));
		CHECK(f && f->severity == RG_SEV_WARNING && strstr(f->message, "row 5") && strstr(f->message, "an item number")
		      && strstr(f->message, "\"2 | 〃 | 20,000.00"));
		CHECK(finding(m, "unread_row", 2) && strstr(finding(m, "unread_row", 2)->message, "a status mark"));
		rg_model_free(m);

		/* the same table in a document that is not a report */
		m = extract_fmt(fmt, S(para(fmt, "บันทึกการประชุม"), t));
		CHECK_INT(m->kind, RG_KIND_OTHER);
		CHECK_INT(count_findings(m, "unread_row"), 0);
		rg_model_free(m);
	}
}

static const test_case cases[] = {
#define T(f) { .name = #f, .fn = f }
	T(progress_report_fields), T(title_in_header_and_textbox), T(memo_before_report),
	T(status_text_and_budget_words), T(section_rows), T(table_split_across_pages),
	T(summary_and_detail_merge), T(stated_figures_checked), T(summary_table_total),
	T(action_plan_years), T(odt_ticks), T(abbreviations_and_unmarked_header), T(not_a_report),
	T(cut_name_only), T(cut_values_in_second_part), T(cut_ticks_in_second_part), T(cut_conflicting_values), T(cut_with_ticks_and_text),
	T(cut_at_the_last_row), T(cut_inside_one_table_and_three_ways), T(continuation_with_column_words),
	T(rows_not_cut_stay_apart), T(section_rows_beside_spacers), T(frames_and_status_counts), T(nested_table_in_a_project_row),
	T(status_counts_beside_other_columns), T(stated_counts_see_merged_rows), T(unread_rows_reported),
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
