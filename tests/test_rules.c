/*
** test_rules.c - every rule file compiles; a bad rule is refused with its
** file and line; rules match what they are meant to.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "core/error.h"
#include "extract/rules.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A category's rules give each text its label ("-" for: no rule matches). */
typedef struct {
	const char *category, *text, *label;
} member;

static const member families[] = {
	/* the five statuses, in everyday wordings (status cells and the labels of
	** a table of counts by status) */
	{ "status", "ดำเนินการแล้วเสร็จ", "completed" },
	{ "status", "ดำเนินการเสร็จแล้ว", "completed" },
	{ "status", "ดำเนินการเสร็จสิ้น", "completed" },
	{ "status", "เสร็จสิ้น", "completed" },
	{ "status", "เสร็จแล้ว", "completed" },
	{ "status", "แล้วเสร็จ", "completed" },
	{ "status", "ดำเนินการแล้ว", "completed" },
	{ "status", "ดำเนินการ แล้ว เสร็จ", "completed" },
	{ "status", "ดำเนินการเรียบร้อยแล้ว", "completed" },
	{ "status", "ดำเนินการสำเร็จ", "completed" },
	{ "status", "เสร็จเรียบร้อย", "completed" },
	{ "status", "เสร็จ", "completed" },
	{ "status", "ดำเนินการครบตามเป้าหมาย", "completed" },
	{ "status", "ดำเนินการเสร็จแล้ว ครบตามเป้าหมาย", "completed" },
	{ "status", "เสร็จสิ้น มีผู้เข้าร่วม 102 คน", "completed" },
	{ "status", "สถานะ: ดำเนินการแล้ว", "completed" },
	{ "status", "อยู่ระหว่างดำเนินการ", "in_progress" },
	{ "status", "อยู่ระหว่างการดำเนินการ", "in_progress" },
	{ "status", "อยู่ในระหว่างดำเนินการ", "in_progress" },
	{ "status", "อยู่ระหว่างจัดซื้อจัดจ้าง", "in_progress" },
	{ "status", "กำลังดำเนินการ", "in_progress" },
	{ "status", "ดำเนินการบางส่วน", "in_progress" },
	{ "status", "ดำเนินการแล้วบางส่วน", "in_progress" },
	{ "status", "ยังไม่แล้วเสร็จ", "in_progress" },
	{ "status", "ยังไม่เสร็จ", "in_progress" },
	{ "status", "ยังไม่ได้ดำเนินการ", "not_started" },
	{ "status", "ยังไม่ดำเนินการ", "not_started" },
	{ "status", "ยังมิได้ดำเนินการ", "not_started" },
	{ "status", "ยังไม่เริ่มดำเนินการ", "not_started" },
	{ "status", "ไม่ได้ดำเนินการ", "not_started" },
	{ "status", "สถานะ: ยังไม่ได้ ดำเนินการ (รองบประมาณ)", "not_started" },
	{ "status", "ยังไม่ได้ดำเนินการ อยู่ระหว่างขออนุมัติ", "not_started" },
	{ "status", "ไม่สามารถดำเนินการได้", "not_possible" },
	{ "status", "ไม่สามารถดำเนินการได้ เนื่องจากสถานการณ์ไม่เอื้ออำนวย", "not_possible" },
	{ "status", "ไม่สามารถที่จะดำเนินการได้", "not_possible" },
	{ "status", "ดำเนินการไม่ได้", "not_possible" },
	{ "status", "ยกเลิกโครงการ", "not_possible" },
	{ "status", "รอรายงาน", "pending_report" },
	{ "status", "รอการรายงาน", "pending_report" },
	{ "status", "รอรายงานผล", "pending_report" },
	{ "status", "ยังไม่ได้รายงานผล", "pending_report" },
	{ "status", "ยังไม่รายงาน", "pending_report" },
	{ "status", "ผู้รับผิดชอบ", "-" },
	{ "status", "โครงการอบรมคุณธรรม", "-" },
	/* the same statuses as sub-column headers (spaces removed) */
	{ "column", "สถานะดำเนินการเสร็จแล้ว", "status_completed" },
	{ "column", "เสร็จสิ้น", "status_completed" },
	{ "column", "ดำเนินการเรียบร้อย", "status_completed" },
	{ "column", "อยู่ในระหว่างดำเนินการ", "status_in_progress" },
	{ "column", "ยังไม่แล้วเสร็จ", "status_in_progress" },
	{ "column", "ยังไม่เริ่มดำเนินการ", "status_not_started" },
	{ "column", "ยังมิได้ดำเนินการ", "status_not_started" },
	{ "column", "ดำเนินการไม่ได้", "status_not_possible" },
	/* section rows that do not span the table */
	{ "section_row", "มิติที่ 2 การบริหารราชการเพื่อป้องกันการทุจริต", "-x" },
	{ "section_row", "มติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต", "-x" },
	{ "section_row", "มิติ 3 การส่งเสริมบทบาท", "-x" },
	{ "section_row", "2. การบริหารราชการเพื่อป้องกันการทุจริต", "-x" },
	{ "section_row", "๑.การสร้างวัฒนธรรมสุจริต", "-" },   /* Thai digits are normalized before matching */
	{ "section_row", "1.การสร้างวัฒนธรรมสุจริต", "-x" },
	{ "section_row", "1. โครงการสร้างสังคม", "-" },
	{ "section_row", "โครงการมิติที่ 1", "-" },
	{ "section_row", "มิติที่ 12", "-" },
	/* totals and footers inside project tables */
	{ "skip_row", "รวมทั้งสิ้น", "-x" },
	{ "skip_row", "ยอดรวม", "-x" },
	{ "skip_row", "ลงชื่อ..........ผู้รายงาน", "-x" },
	{ "skip_row", "มิติที่ 1 รวม 5 โครงการ", "-x" },
	{ "skip_row", "โครงการรวมพลังต่อต้านการทุจริต", "-" },
	/* continuation markers */
	{ "continuation", "(ต่อ) ของทางราชการ", "from" },
	{ "continuation", "(ต่อจากหน้าที่แล้ว) ของทางราชการ", "from" },
	{ "continuation", "ต่อจากหน้าที่แล้ว ของทางราชการ", "from" },
	{ "continuation", "4 (ต่อ)", "from" },
	{ "continuation", "กิจกรรมการเผยแพร่ข้อมูล (มีต่อ)", "to" },
	{ "continuation", "กิจกรรมการเผยแพร่ข้อมูล ...มีต่อ", "to" },
	{ "continuation", "กิจกรรมการเผยแพร่ข้อมูล (ต่อหน้าถัดไป)", "to" },
	{ "continuation", "(ต่อจากหน้า 4) ของทางราชการ", "from" },
	{ "continuation", "กิจกรรมการเผยแพร่ข้อมูล - มีต่อ -", "to" },
	{ "continuation", "กิจกรรม", "to" },
	{ "continuation", "มาตรการ", "to" },
	{ "continuation", "โครงการเสริมสร้างค่านิยมต่อต้านการทุจริต", "-" },
	{ "continuation", "ต่อต้านการทุจริต", "-" },
	{ "continuation", "โครงการ (ต่อต้านการทุจริต)", "-" },
	{ "continuation", "โครงการประเมินความพึงพอใจที่มีต่อ", "-" },
	{ "continuation", "มาตรการส่งเสริมคุณธรรม", "-" },
	/* the count column of a table of counts by status */
	{ "count_column", "จำนวน(โครงการ)", "-x" },
	{ "count_column", "จำนวนโครงการ", "-x" },
	{ "count_column", "ร้อยละ", "-" },
	{ "count_column", "สถานะการดำเนินงาน", "-" },
	/* stated figures in prose */
	{ "stated", "มีการเบิกจ่ายงบประมาณรวมทั้งสิ้น 502,000.00 บาท", "disbursed_total" },
	{ "stated", "ในรอบนี้ ดำเนินการแล้วเสร็จ 8 โครงการ และ", "completed" },
	{ "stated", "ทั้งสิ้น 20 โครงการ อยู่ระหว่างดำเนินการ 3 โครงการ", "in_progress" },
	{ "stated", "เทศบาล มีโครงการ/กิจกรรม/มาตรการตามแผน ทั้งสิ้น 20 โครงการ", "projects_total" },
	{ "stated", "- รอการรายงาน 5 โครงการ", "pending_report" },
	{ "stated", "- ยังไม่ได้ดำเนินการ 2 โครงการ", "not_started" },
};

/* Each member of each family: its label ("-x": any rule matches, "-": none). */
static void check_families(const rg_rules *rules, pcre2_match_data *md)
{
	size_t i;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		const member *f = &families[i];
		const rg_rule *r = rg_rules_first(rules, f->category, f->text, strlen(f->text), md);
		int ok = !strcmp(f->label, "-") ? r == NULL : !strcmp(f->label, "-x") ? r != NULL
			 : r != NULL && !strcmp(r->label, f->label);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s \"%s\": %s, expected %s\n", f->category, f->text, r ? r->label : "no rule",
				f->label);
	}
}

int main(void)
{
	rg_rules rules = { 0 };
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	const rg_rule *r;
	char dir[] = "/tmp/rg_rules_XXXXXX", path[256], group[64];
	size_t i;
	int rc;

	/* the project's rules all compile */
	rc = rg_rules_load_dir(&rules, RG_SOURCE_RULES_DIR);
	if (rc)
		fprintf(stderr, "%s\n", rg_error_message());
	CHECK_INT(rc, 0);
	CHECK(rules.len > 50);
	for (i = 0; i < rules.len; i++)
		CHECK(rules.items[i].re != NULL);

	/* they mean what they say */
	r = rg_rules_first(&rules, "column", "งบประมาณ(บาท)", strlen("งบประมาณ(บาท)"), md);
	CHECK(r && !strcmp(r->label, "budget"));
	r = rg_rules_first(&rules, "column", "สถานะไม่สามารถดำเนินการได้", strlen("สถานะไม่สามารถดำเนินการได้"), md);
	CHECK(r && !strcmp(r->label, "status_not_possible"));
	r = rg_rules_first(&rules, "column", "ปี2566งบประมาณบาท", strlen("ปี2566งบประมาณบาท"), md);
	CHECK(r && !strcmp(r->label, "year"));
	CHECK(r && rg_rule_group(r, md, "year", group, sizeof(group)) && !strcmp(group, "2566"));
	r = rg_rules_first(&rules, "dimension", "มติที่ 2", strlen("มติที่ 2"), md);
	CHECK(r && rg_rule_group(r, md, "n", group, sizeof(group)) && !strcmp(group, "2"));
	r = rg_rules_first(&rules, "dimension", "มิตินี้ 3 ที่ดำเนินการ", strlen("มิตินี้ 3 ที่ดำเนินการ"), md);
	CHECK(r && rg_rule_group(r, md, "n", group, sizeof(group)) && !strcmp(group, "3"));
	r = rg_rules_first(&rules, "status", "สถานะ: ยังไม่ได้ ดำเนินการ (รองบประมาณ)",
		strlen("สถานะ: ยังไม่ได้ ดำเนินการ (รองบประมาณ)"), md);
	CHECK(r && !strcmp(r->label, "not_started"));
	r = rg_rules_first(&rules, "status", "สถานะ: ดำเนินการแล้ว", strlen("สถานะ: ดำเนินการแล้ว"), md);
	CHECK(r && !strcmp(r->label, "completed"));
	r = rg_rules_first(&rules, "kind", "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม",
		strlen("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม"), md);
	CHECK(r && !strcmp(r->label, "action_plan"));
	r = rg_rules_first(&rules, "column", "ผลการดำเนินงานดำเนินการแล้ว", strlen("ผลการดำเนินงานดำเนินการแล้ว"), md);
	CHECK(r && !strcmp(r->label, "status_completed"));
	r = rg_rules_first(&rules, "column", "ผลการดำเนินงานยังไม่ดำเนินการ", strlen("ผลการดำเนินงานยังไม่ดำเนินการ"), md);
	CHECK(r && !strcmp(r->label, "status_not_started"));
	r = rg_rules_first(&rules, "status", "กำลังดำเนินการ", strlen("กำลังดำเนินการ"), md);
	CHECK(r && !strcmp(r->label, "in_progress"));
	r = rg_rules_first(&rules, "tick", "☐", strlen("☐"), md);
	CHECK(r == NULL);
	check_families(&rules, md);
	rg_rules_free(&rules);

	/* a pattern that does not compile is refused, naming file and line */
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/bad.rules", dir);
	write_file(path, "# a comment\nkind progress_report ^รายงาน\nkind other (unclosed\n");
	rc = rg_rules_load_dir(&rules, dir);
	CHECK_INT(rc, RG_EUSAGE);
	CHECK(strstr(rg_error_message(), "bad.rules:3") != NULL);
	rg_rules_free(&rules);

	/* a line without a pattern is refused too */
	write_file(path, "kind progress_report\n");
	rc = rg_rules_load_dir(&rules, dir);
	CHECK_INT(rc, RG_EUSAGE);
	CHECK(strstr(rg_error_message(), "bad.rules:1") != NULL);
	rg_rules_free(&rules);
	unlink(path);
	rmdir(dir);

	/* an empty directory is an error, not an empty rule set */
	CHECK(mkdtemp(strcpy(dir, "/tmp/rg_rules_XXXXXX")) != NULL);
	CHECK_INT(rg_rules_load_dir(&rules, dir), RG_EUSAGE);
	rg_rules_free(&rules);
	rmdir(dir);

	pcre2_match_data_free(md);
	return check_summary("test_rules");
}
