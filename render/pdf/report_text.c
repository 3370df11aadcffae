/*
** report_text.c - the wording of the report: dates, filing labels, headings,
** dimension and amount cells (see report_int.h).
*/
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "report_int.h"

static const char *const MONTHS[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"
};

const char *const rpt_status_label[RG_STATUS_COUNT] = {
	"ไม่ระบุสถานะ", "รอรายงาน", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ",
	"ไม่สามารถดำเนินการได้", "ยังไม่ได้ดำเนินการ"
};

char *rpt_num(char *out, size_t size, long long v, int thai) { return rg_fmt_int(out, size, v, thai); }

void rpt_thai_date(char *out, size_t size, const char *iso_be, int thai)
{
	int y = 0, m = 0, d = 0;
	char buf[96];

	if (sscanf(iso_be, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12) {
		snprintf(out, size, "%s", iso_be);
		return;
	}
	snprintf(buf, sizeof(buf), "%d %s %d", d, MONTHS[m - 1], y);
	rg_fmt_digits(out, size, buf, thai);
}

/* "ผลการดำเนินงาน ๒๕๖๖ รอบ ๖ เดือน" and the long form for section headings. */
void rpt_filing_label(char *out, size_t size, const rg_model *m, int thai, int full)
{
	char buf[512];

	switch (m->kind) {
	case RG_KIND_ACTION_PLAN:
		if (m->plan_from)
			snprintf(buf, sizeof(buf), "%s พ.ศ. %d–%d", full ? "แผนปฏิบัติการป้องกันการทุจริต" : "แผนปฏิบัติการ",
				m->plan_from, m->plan_to ? m->plan_to : m->plan_from);
		else if (m->fiscal_year)
			snprintf(buf, sizeof(buf), "%s พ.ศ. %d", full ? "แผนปฏิบัติการป้องกันการทุจริต" : "แผนปฏิบัติการ",
				m->fiscal_year);
		else
			snprintf(buf, sizeof(buf), "%s", full ? "แผนปฏิบัติการป้องกันการทุจริต" : "แผนปฏิบัติการ");
		break;
	case RG_KIND_INTEGRITY_REPORT:
		snprintf(buf, sizeof(buf), "%s", full ? "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส" :
			"คุณธรรมและความโปร่งใส");
		if (m->fiscal_year)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " %s%d",
				full ? "ปีงบประมาณ พ.ศ. " : "", m->fiscal_year);
		break;
	default:
		snprintf(buf, sizeof(buf), "%s", full ? "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต" :
			"ผลการดำเนินงาน");
		if (m->fiscal_year)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " %s%d",
				full ? "ประจำปีงบประมาณ พ.ศ. " : "", m->fiscal_year);
		if (m->round_months)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " รอบ %d เดือน", m->round_months);
		break;
	}
	rg_fmt_digits(out, size, buf, thai);
}

void rpt_table_title(report *r, rg_table *t, const char *text)
{
	char buf[512];

	rg_table_title(t, rg_fmt_digits(buf, sizeof(buf), text, r->thai), HEAD_SIZE - 2);
}

void rpt_heading(report *r, const char *text, double size)
{
	char buf[512];

	rg_layout_need(&r->l, size * 1.4 + 5 * TABLE_SIZE * 1.4);
	rg_layout_paragraph(&r->l, rg_fmt_digits(buf, sizeof(buf), text, r->thai), RG_FACE_BOLD, size, 0);
	rg_layout_space(&r->l, 2);
}

const char *rpt_dim_label(char *out, size_t size, int d, int thai)
{
	char buf[32];

	if (!d)
		return "ไม่ระบุมิติ";
	snprintf(buf, sizeof(buf), "มิติที่ %d", d);
	return rg_fmt_digits(out, size, buf, thai);
}

void rpt_amount_cell(char *out, size_t size, rg_amount a, int no_budget, int thai)
{
	if (a.set)
		rg_fmt_amount(out, size, a.value, thai);
	else if (no_budget)
		snprintf(out, size, "ไม่ใช้งบประมาณ");
	else
		snprintf(out, size, "–");
}
