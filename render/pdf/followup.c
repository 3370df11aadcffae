/*
** followup.c - what the report says across filings (issue 11): an
** organization's follow-up (the findings the store derived against its
** previous round and its action plan, and a chart of the status of its
** projects by round), and the organizations that have not filed: a page per
** province, and their counts by province in the summary.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "core/error.h"
#include "model/org.h"
#include "numfmt.h"
#include "report_int.h"

#define MAX_ROUNDS 12   /* rounds in one chart: the latest */

/* "๒๕๖๗/๖" */
static const char *round_short(char *out, size_t size, const rg_model *m, int thai)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d/%d", m->fiscal_year, m->round_months);
	return rg_fmt_digits(out, size, buf, thai);
}

int rpt_followup(report *r, const entry *e, size_t n)
{
	static const rg_column cols[] = {
		{ "รอบรายงาน", 1.0, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "ระดับ", 0.7, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "ประเภท", 2.0, RG_ALIGN_LEFT, 0 },
		{ "รายละเอียด", 7.5, RG_ALIGN_LEFT, 0 },
	};
	static const char *const sev[] = { "ข้อมูล", "เตือน", "ผิดพลาด" };
	/* the colours of sections.c's status chart, the real statuses first */
	static const rg_series status[RG_STATUS_COUNT] = {
		{ "รอรายงาน", 0.70, 0.70, 0.70 },
		{ "อยู่ระหว่างดำเนินการ", 0.98, 0.70, 0.25 },
		{ "ดำเนินการแล้วเสร็จ", 0.30, 0.65, 0.35 },
		{ "ไม่สามารถดำเนินการได้", 0.85, 0.30, 0.30 },
		{ "ยังไม่ได้ดำเนินการ", 0.55, 0.60, 0.85 },
		{ "ไม่ระบุสถานะ", 0.95, 0.95, 0.95 },
	};
	static const int order[RG_STATUS_COUNT] = { 1, 2, 3, 4, 5, 0 };
	rg_layout *l = &r->l;
	const entry *rounds[MAX_ROUNDS];
	char labels[MAX_ROUNDS][32], heading[1024], c[32];
	const char *cats[MAX_ROUNDS];
	double values[MAX_ROUNDS * RG_STATUS_COUNT];
	size_t i, k, nr = 0, changes = 0;
	rg_buf detail = RG_BUF_INIT;
	rg_table t;

	for (i = 0; i < n; i++) {
		changes += e[i].st.followup;
		if (e[i].m->kind == RG_KIND_PROGRESS_REPORT && e[i].m->fiscal_year && e[i].m->round_months) {
			if (nr == MAX_ROUNDS)
				memmove(rounds, rounds + 1, (MAX_ROUNDS - 1) * sizeof(*rounds)), nr--;
			rounds[nr++] = &e[i];
		}
	}
	if (!changes && nr < 2)
		return 0;   /* one round and nothing derived: nothing to follow */
	rg_layout_need(l, 10 * RG_LEADING * HEAD_SIZE + (nr ? 150 : 0));
	snprintf(heading, sizeof(heading), "การติดตามผลระหว่างรอบ: %s", e[0].m->org_name ? e[0].m->org_name : "");
	rg_layout_space(l, 6);
	rg_layout_paragraph(l, heading, RG_FACE_BOLD, HEAD_SIZE, 0);
	snprintf(heading, sizeof(heading), "เทียบรายงานแต่ละรอบกับรอบก่อนหน้า (รอบ ๖ เดือนกับรอบ ๑๒ เดือนของปีก่อน รอบ ๑๒ เดือนกับรอบ ๖ เดือน)"
		" และกับแผนปฏิบัติการของปีงบประมาณนั้น: พบ %s ข้อสังเกต", rpt_num(c, sizeof(c), (long long)changes, r->thai));
	rg_layout_paragraph(l, heading, RG_FACE_REGULAR, 11, 0);
	rg_layout_space(l, 4);
	if (nr) {
		double h = 140, top;
		rg_layout_need(l, h + 6);
		top = l->y;
		for (k = 0; k < nr; k++) {
			cats[k] = round_short(labels[k], sizeof(labels[k]), rounds[k]->m, r->thai);
			for (i = 0; i < RG_STATUS_COUNT; i++)
				values[k * RG_STATUS_COUNT + i] = (double)rounds[k]->st.status[order[i]];
		}
		rg_chart_stacked(l, l->margin, top, (l->page_w - 2 * l->margin) * 0.8, h,
			"สถานะโครงการ/กิจกรรม/มาตรการ จำแนกตามรอบรายงาน", cats, nr, status, RG_STATUS_COUNT, values);
		l->y = top - h - 6;
	}
	if (!changes)
		return 1;
	rg_table_begin(&t, l, cols, 4, TABLE_SIZE);
	rpt_table_title(r, &t, "ข้อสังเกตจากการเทียบกับรอบก่อนและแผนปฏิบัติการ");
	for (i = 0; i < n && !l->error; i++) {
		const rg_model *m = e[i].m;
		for (k = 0; k < m->n_findings; k++) {
			const rg_finding *f = &m->findings[k];
			const char *name = rg_wording_title(r->wording, f->code);
			const char *cells[4];
			char lab[32];
			if (!rg_stats_is_followup(f->code))
				continue;
			rg_buf_clear(&detail);
			rg_wording_render(r->wording, f, r->thai, &detail);
			if (rg_buf_oom(&detail)) {
				l->error = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			cells[0] = round_short(lab, sizeof(lab), m, r->thai);
			cells[1] = sev[(unsigned)f->severity < 3 ? f->severity : 0];
			cells[2] = name ? name : "ข้อสังเกตอื่น";
			cells[3] = rg_buf_cstr(&detail);
			rg_table_row(&t, cells, RG_ROW_NORMAL);
		}
	}
	rg_buf_free(&detail);
	rg_table_end(&t);
	return 1;
}

/* ---- missing filings ---------------------------------------------------------------------- */

static int same_province(const char *model_province, const char *norm)
{
	char a[RG_ORG_TEXT];

	rg_org_normalize(model_province, a, sizeof(a));
	return !strcmp(a, norm ? norm : "");
}

static void round_title(report *r, char *out, size_t size, const char *what)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s ปีงบประมาณ พ.ศ. %d รอบ %d เดือน", what, r->opt->missing_year,
		r->opt->missing_round);
	rg_fmt_digits(out, size, buf, r->thai);
}

void rpt_missing_page(report *r, const char *province)
{
	static const rg_column cols[] = {
		{ "ที่", 0.5, RG_ALIGN_CENTER, RG_COL_NOWRAP },
		{ "รหัส", 1.0, RG_ALIGN_LEFT, RG_COL_NOWRAP | RG_COL_DROP_EMPTY },
		{ "องค์กรปกครองส่วนท้องถิ่น", 4.0, RG_ALIGN_LEFT, 0 },
		{ "อำเภอ", 2.0, RG_ALIGN_LEFT, 0 },
		{ "รายงานฉบับล่าสุด", 2.5, RG_ALIGN_LEFT, 0 },
	};
	const rg_report_options *o = r->opt;
	rg_layout *l = &r->l;
	char title[1024], num[32], last[128], norm[RG_ORG_TEXT];
	size_t i, k = 0;
	rg_table t;

	if (!o->missing)
		return;
	rg_org_normalize(province, norm, sizeof(norm));
	rg_layout_new_page(l);
	round_title(r, title, sizeof(title), "องค์กรปกครองส่วนท้องถิ่นที่ยังไม่ส่งรายงานผลการดำเนินงาน");
	rg_layout_paragraph(l, title, RG_FACE_BOLD, HEAD_SIZE + 1, 0);
	snprintf(title, sizeof(title), "%s%s", province ? "จังหวัด" : "", province ? province : "ไม่ระบุจังหวัด");
	rg_layout_paragraph(l, title, RG_FACE_BOLD, 13, 0);
	rg_layout_space(l, 4);
	for (i = 0; i < o->n_missing; i++)
		k += !strcmp(o->missing[i].province ? o->missing[i].province : "", norm);
	if (!k) {
		rg_layout_paragraph(l, "ทุกองค์กรส่งรายงานรอบนี้แล้ว", RG_FACE_REGULAR, TABLE_SIZE + 1, 0);
		return;
	}
	rg_table_begin(&t, l, cols, 5, TABLE_SIZE);
	k = 0;
	for (i = 0; i < o->n_missing; i++) {
		const rg_report_missing *m = &o->missing[i];
		const char *cells[5];
		if (strcmp(m->province ? m->province : "", norm))
			continue;
		if (m->last_year) {
			char plain[64];
			snprintf(plain, sizeof(plain), "ปีงบประมาณ %d รอบ %d เดือน", m->last_year, m->last_round);
			rg_fmt_digits(last, sizeof(last), plain, r->thai);
		} else {
			snprintf(last, sizeof(last), "ไม่มีรายงาน");
		}
		cells[0] = rpt_num(num, sizeof(num), (long long)++k, r->thai);
		cells[1] = m->code ? m->code : "";
		cells[2] = m->name ? m->name : "";
		cells[3] = m->district && *m->district ? m->district : "–";
		cells[4] = last;
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	rg_table_end(&t);
}

int rpt_same_norm(const char *text, const char *norm)
{
	return same_province(text, norm);
}

/* Whether the entries hold a filing of province norm. */
int rpt_has_province(const entry *e, size_t n, const char *norm)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_province(e[i].m->province, norm))
			return 1;
	return 0;
}

void rpt_missing_counts(report *r)
{
	static const rg_column cols[] = {
		{ "จังหวัด", 3.0, RG_ALIGN_LEFT, 0 },
		{ "องค์กรที่ยังไม่ส่งรายงาน", 1.5, RG_ALIGN_RIGHT, 0 },
	};
	const rg_report_options *o = r->opt;
	char title[512], num[32], all[32];
	size_t i, j, count;
	rg_table t;

	if (!o->missing)
		return;
	round_title(r, title, sizeof(title), "องค์กรปกครองส่วนท้องถิ่นที่ยังไม่ส่งรายงาน");
	rg_table_begin(&t, &r->l, cols, 2, TABLE_SIZE);
	rpt_table_title(r, &t, title);
	/* the list comes ordered by province: one row each */
	for (i = 0; i < o->n_missing; i = j) {
		const char *p = o->missing[i].province ? o->missing[i].province : "";
		const char *cells[2];
		for (j = i; j < o->n_missing && !strcmp(o->missing[j].province ? o->missing[j].province : "", p); j++)
			;
		count = j - i;
		snprintf(title, sizeof(title), "%s%s", *p ? "จังหวัด" : "", *p ? p : "ไม่ระบุจังหวัด");
		cells[0] = title;
		cells[1] = rpt_num(num, sizeof(num), (long long)count, r->thai);
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	{
		const char *cells[2] = { "รวมทั้งสิ้น", rpt_num(all, sizeof(all), (long long)o->n_missing, r->thai) };
		rg_table_row(&t, cells, RG_ROW_BOLD | RG_ROW_SHADE | RG_ROW_KEEP_PREV);
	}
	rg_table_end(&t);
}
