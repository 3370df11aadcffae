/*
** test_pdf_wording.c - findings in Thai (render/pdf/wording.c with
** rules/findings.th.tsv): the messages the extractor writes today and the
** figures of a finding's args become Thai sentences with the report's
** numbers (grouped, two decimals for baht, Thai or Arabic digits); a message
** no pattern reads keeps its text after the code's default; every code of
** MODEL.md has a title and a default; a broken data file is refused with
** its line.  The expected sentences are written out here by hand.
*/
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "core/error.h"
#include "pdf/wording.h"

static rg_wording *w;

/* Render one finding (code, message, args as name/value pairs, NULL-terminated). */
static char *say(const char *code, const char *message, int thai, int *whole, const char *const *args)
{
	rg_finding_arg a[8];
	rg_finding f;
	rg_buf out = RG_BUF_INIT;
	size_t n = 0;

	memset(&f, 0, sizeof(f));
	f.severity = RG_SEV_WARNING;
	f.code = (char *)code;
	f.message = (char *)message;
	while (args && args[2 * n] && n < 8) {
		a[n].name = (char *)args[2 * n];
		a[n].value = (char *)args[2 * n + 1];
		n++;
	}
	f.args = n ? a : NULL;
	f.n_args = n;
	*whole = rg_wording_render(w, &f, thai, &out);
	return rg_buf_detach(&out);
}

static void expect(const char *code, const char *message, int thai, const char *const *args, int whole,
	const char *want)
{
	int got_whole;
	char *got = say(code, message, thai, &got_whole, args);
	CHECK_STR(got, want);
	CHECK_INT(got_whole, whole);
	free(got);
}

static void bad_file(const char *content, int rc, const char *needle)
{
	char path[] = "/tmp/rg-wording-XXXXXX";
	int fd = mkstemp(path);
	rg_wording *x = NULL;
	FILE *fp;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	fp = fdopen(fd, "w");
	fputs(content, fp);
	fclose(fp);
	CHECK_INT(rg_wording_load(&x, path), rc);
	CHECK(x == NULL);
	CHECK(strstr(rg_error_message(), needle) != NULL);
	unlink(path);
}

int main(void)
{
	/* every code of MODEL.md and every code the extractor writes today */
	static const char *const codes[] = {
		"stated_count_mismatch", "stated_total_mismatch", "doubtful_value", "row_split", "name_variant",
		"unread_row", "status_regressed", "disbursed_fell", "project_dropped", "planned_not_reported",
		"reported_not_planned", "budget_changed", "no_projects", "no_organization", "no_fiscal_year",
		"no_round", "no_plan_period", "project_match_ambiguous", "organization_unregistered",
		"organization_register_ambiguous",
	};
	size_t i;

	CHECK_INT(rg_wording_load(&w, RG_SOURCE_RULES_DIR "/" RG_WORDING_FILE), 0);
	if (!w)
		return check_summary("test_pdf_wording");
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (!rg_wording_knows(w, codes[i]))
			fprintf(stderr, "no title or default wording for %s\n", codes[i]);
		CHECK(rg_wording_knows(w, codes[i]));
	}
	CHECK_STR(rg_wording_title(w, "stated_count_mismatch"), "จำนวนที่รายงานระบุไม่ตรงกับรายการ");
	CHECK_STR(rg_wording_title(w, "no_such_code"), NULL);

	/* validate.c: several sources, then one dimension */
	expect("stated_count_mismatch",
		"projects completed: the summary text says 19, table 1 says 19, table 5 says 19; the project rows give 20", 1,
		NULL, 1,
		"จำนวนโครงการที่ดำเนินการแล้วเสร็จ: ข้อความสรุปของรายงาน ระบุ ๑๙, ตารางที่ ๑ ระบุ ๑๙, ตารางที่ ๕ ระบุ ๑๙ "
		"แต่นับจากรายการโครงการได้ ๒๐");
	expect("stated_count_mismatch", "projects completed in dimension 2: table 1 says 7; the project rows give 8", 1,
		NULL, 1, "จำนวนโครงการที่ดำเนินการแล้วเสร็จ มิติที่ ๒: ตารางที่ ๑ ระบุ ๗ แต่นับจากรายการโครงการได้ ๘");
	expect("stated_total_mismatch", "baht disbursed in dimension 3: table 1 says 0.00; the project rows give 34000.00",
		0, NULL, 1, "ยอดเบิกจ่าย มิติที่ 3: ตารางที่ 1 ระบุ 0.00 บาท แต่รวมจากรายการโครงการได้ 34,000.00 บาท");
	expect("stated_total_mismatch", "table 3 gives a total of 130000.00 in column 3, but its rows add up to 230000.00",
		1, NULL, 1, "ตารางที่ ๓ แถวรวมของคอลัมน์ที่ ๓ ระบุ ๑๓๐,๐๐๐.๐๐ บาท แต่ผลรวมของแถวในตารางได้ ๒๓๐,๐๐๐.๐๐ บาท");
	expect("stated_count_mismatch", "table 2 gives a total of 12.00 in column 4, but its rows add up to 1234.00",
		1, NULL, 1, "ตารางที่ ๒ แถวรวมของคอลัมน์ที่ ๔ ระบุ ๑๒ แต่ผลรวมของแถวในตารางได้ ๑,๒๓๔");
	/* a count that is no whole number keeps its decimals */
	expect("stated_count_mismatch", "projects in all: table 2 says 2.5; the project rows give 3", 1, NULL, 1,
		"จำนวนโครงการทั้งหมด: ตารางที่ ๒ ระบุ ๒.๕๐ แต่นับจากรายการโครงการได้ ๓");
	/* tables.c and validate.c: doubtful values */
	expect("doubtful_value",
		"budget of item 15 is '30.000'; read as 30000.00 (a dot before three digits read as a thousands separator)",
		1, NULL, 1,
		"งบประมาณของรายการลำดับที่ ๑๕ เขียนว่า “๓๐.๐๐๐” อ่านเป็น ๓๐,๐๐๐.๐๐ บาท "
		"(อ่านจุดหน้าเลขสามหลักเป็นเครื่องหมายคั่นหลักพัน)");
	expect("doubtful_value", "the stated disbursed_total '12.500,5' is unclear; read as 12500.5", 0, NULL, 1,
		"ยอดเบิกจ่ายรวมที่รายงานระบุ “12.500,5” ไม่ชัดเจน อ่านเป็น 12,500.50 บาท");
	expect("doubtful_value", "the stated completed '๑๙.' is unclear; read as 19.00", 1, NULL, 1,
		"ดำเนินการแล้วเสร็จที่รายงานระบุ “๑๙.” ไม่ชัดเจน อ่านเป็น ๑๙");
	/* extract.c */
	expect("no_projects", "the document reads as a progress_report but no project table could be interpreted", 1,
		NULL, 1, "เอกสารนี้เป็นรายงานผลการดำเนินงาน แต่ไม่พบตารางโครงการที่อ่านได้");
	expect("no_round", "no reporting round (6 or 12 months) was found", 1, NULL, 1,
		"ไม่พบรอบการรายงาน (รอบ ๖ เดือน หรือ ๑๒ เดือน) ในเอกสาร");
	expect("no_round", "no reporting round (6 or 12 months) was found", 0, NULL, 1,
		"ไม่พบรอบการรายงาน (รอบ 6 เดือน หรือ 12 เดือน) ในเอกสาร");
	/* the figures of args (cross-filing findings) */
	{
		static const char *const a1[] = { "name", "โครงการอบรมคุณธรรม", "year", "2567", "plan", "30000",
			"budget", "25000", NULL };
		static const char *const a2[] = { "seq", "1", "name", "โครงการอบรม", "before", "completed",
			"after", "in_progress", NULL };
		static const char *const a3[] = { "seq", "2", "name", "โครงการ ก", "before", "20000", "after", "12500.5", NULL };
		static const char *const a4[] = { "what", "projects completed", "stated", "19", "rows", "20", NULL };
		expect("budget_changed", "the plan differs", 1, a1, 1,
			"โครงการอบรมคุณธรรม: งบประมาณตามแผนปี พ.ศ. ๒๕๖๗ ๓๐,๐๐๐.๐๐ บาท แต่รายงานระบุ ๒๕,๐๐๐.๐๐ บาท");
		expect("status_regressed", "went back", 1, a2, 1,
			"รายการลำดับที่ ๑ โครงการอบรม: สถานะเปลี่ยนจากดำเนินการแล้วเสร็จเป็นอยู่ระหว่างดำเนินการเมื่อเทียบกับรอบก่อน");
		expect("disbursed_fell", "fell", 0, a3, 1,
			"รายการลำดับที่ 2 โครงการ ก: ยอดเบิกจ่ายลดลงจาก 20,000.00 บาท เหลือ 12,500.50 บาท");
		/* args win over a message that no pattern reads */
		expect("stated_count_mismatch", "something else", 1, a4, 1,
			"จำนวนโครงการที่ดำเนินการแล้วเสร็จ: รายงานระบุ ๑๙ แต่นับจากรายการโครงการได้ ๒๐");
		/* args that do not fill a template: the default, with the message */
		expect("budget_changed", "the plan says more", 1, a4, 0,
			"งบประมาณของรายการต่างจากที่แผนปฏิบัติการกำหนดไว้สำหรับปีนั้น (ข้อความต้นฉบับ: the plan says more)");
	}
	/* a message no pattern reads: the default, then the message itself (nothing lost) */
	expect("name_variant", "spelled two ways", 1, NULL, 0,
		"ชื่อเดียวกันสะกดต่างกันในเอกสาร ใช้ชื่อตามที่ปรากฏครั้งแรก (ข้อความต้นฉบับ: spelled two ways)");
	expect("no_such_code", "no project table", 1, NULL, 0, "no project table");
	/* a message written in Thai is its own wording, digits as the report's */
	expect("stated_total_mismatch", "สรุปผลระบุเบิกจ่าย 60,000.00 บาท", 1, NULL, 1, "สรุปผลระบุเบิกจ่าย ๖๐,๐๐๐.๐๐ บาท");
	expect("no_such_code", "ข้อความเดิม 12", 0, NULL, 1, "ข้อความเดิม 12");

	/* broken data files are refused with their line */
	bad_file("title\tx\n", RG_EFORMAT, ":1:");
	bad_file("# c\n\nwording\tx\t(unclosed\tแบบ\n", RG_EFORMAT, ":3: the pattern does not compile");
	bad_file("tilte\tx\tไทย\n", RG_EFORMAT, ":1: expected");
	{
		rg_wording *x = NULL;
		CHECK_INT(rg_wording_load(&x, "/nonexistent/findings.th.tsv"), RG_EIO);
	}
	rg_wording_free(w);
	return check_summary("test_pdf_wording");
}
