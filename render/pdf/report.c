/*
** report.c - the consolidated report: order, cover, summary by
** province, the sections (sections.c), outline, footers (see report.h).
*/
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <thai/thcoll.h>
#include <thai/thwchar.h>

#include "canvas.h"
#include "core/buf.h"
#include "core/error.h"
#include "linebreak.h"
#include "numfmt.h"
#include "report_int.h"

void rg_report_options_default(rg_report_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->font = RG_DEFAULT_FONT;
	opt->font_bold = RG_DEFAULT_FONT_BOLD;
	opt->digits_thai = 1;
}

/* ---- one selected filing ---- */
static thchar_t *sort_key(const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0, k = 0;
	thchar_t *w = malloc(n + 1);

	if (!w)
		return NULL;
	while (i < n) {
		unsigned cp;
		thchar_t t;
		i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
		t = cp < 0x80 ? (thchar_t)cp : th_uni2tis((thwchar_t)cp);
		w[k++] = t ? t : '?';
	}
	w[k] = 0;
	return w;
}

static int cmp_key(const thchar_t *a, const thchar_t *b, const char *ua, const char *ub)
{
	int c;
	/* empty (unknown) sorts last */
	if (!*a || !*b)
		return (!*a) - (!*b);
	c = th_strcoll(a, b);
	/* equal keys: fall back to the bytes so that the order is total */
	return c ? c : strcmp(ua ? ua : "", ub ? ub : "");
}

static int cmp_entry(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c;

	if ((c = cmp_key(a->prov_key, b->prov_key, a->m->province, b->m->province)))
		return c;
	if ((c = cmp_key(a->org_key, b->org_key, a->m->org_name, b->m->org_name)))
		return c;
	if (a->m->kind != b->m->kind)
		return a->m->kind < b->m->kind ? -1 : 1;
	if (a->m->fiscal_year != b->m->fiscal_year)
		return a->m->fiscal_year < b->m->fiscal_year ? -1 : 1;
	if (a->m->plan_from != b->m->plan_from)
		return a->m->plan_from < b->m->plan_from ? -1 : 1;
	if (a->m->round_months != b->m->round_months)
		return a->m->round_months < b->m->round_months ? -1 : 1;
	return strcmp(a->m->file ? a->m->file : "", b->m->file ? b->m->file : "");
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* ---- the cover ---- */

static void cover(report *r, entry *e, size_t n)
{
	rg_layout *l = &r->l;
	const rg_report_options *o = r->opt;
	static const rg_filing_filter all;   /* no selection: every filing */
	const rg_filing_filter *sel = o->selection ? o->selection : &all;
	char buf[1024], a[64], b[64], c[64], d[64];
	const char *latest = NULL;
	size_t orgs = 0, provs = 0, i, projects = 0, completed = 0;
	double budget = 0, disbursed = 0;
	int ymin = 0, ymax = 0;

	for (i = 0; i < n; i++) {
		const rg_model *m = e[i].m;
		int y0 = m->fiscal_year ? m->fiscal_year : m->plan_from, y1 = m->fiscal_year ? m->fiscal_year : m->plan_to;
		if (!i || !same(e[i - 1].m->province, m->province))
			provs++;
		if (!i || !same(e[i - 1].m->province, m->province) || !same(e[i - 1].m->org_name, m->org_name))
			orgs++;
		if (m->as_of[0] && (!latest || strcmp(m->as_of, latest) > 0))
			latest = m->as_of;
		if (y0 && (!ymin || y0 < ymin))
			ymin = y0;
		if (y1 && y1 > ymax)
			ymax = y1;
		projects += e[i].st.total.projects;
		completed += e[i].st.total.completed;
		budget += e[i].st.total.budget;
		disbursed += e[i].st.total.disbursed;
	}

	rg_layout_new_page(l);
	rg_layout_space(l, 90);
	rg_layout_paragraph(l, o->title ? o->title :
		"รายงานสรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตขององค์กรปกครองส่วนท้องถิ่น",
		RG_FACE_BOLD, 24, 1);
	rg_layout_space(l, 10);
	if (sel->fiscal_year) {
		snprintf(buf, sizeof(buf), "ปีงบประมาณ พ.ศ. %d", sel->fiscal_year);
		if (sel->round_months)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " รอบ %d เดือน", sel->round_months);
	} else if (ymin && ymin != ymax) {
		snprintf(buf, sizeof(buf), "ปีงบประมาณ พ.ศ. %d–%d%s", ymin, ymax,
			sel->round_months == 6 ? " รอบ 6 เดือน" : sel->round_months == 12 ? " รอบ 12 เดือน" : "");
	} else if (ymin) {
		snprintf(buf, sizeof(buf), "ปีงบประมาณ พ.ศ. %d%s", ymin,
			sel->round_months == 6 ? " รอบ 6 เดือน" : sel->round_months == 12 ? " รอบ 12 เดือน" : "");
	} else {
		snprintf(buf, sizeof(buf), "ทุกปีงบประมาณ");
	}
	{
		char t[1100];
		rg_layout_paragraph(l, rg_fmt_digits(t, sizeof(t), buf, r->thai), RG_FACE_BOLD, 18, 1);
	}
	if (sel->province || sel->org) {
		snprintf(buf, sizeof(buf), "%s%s%s%s", sel->org ? "องค์กร: " : "", sel->org ? sel->org : "",
			sel->org && sel->province ? "  " : "", sel->province ? "จังหวัด" : "");
		if (sel->province)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s", sel->province);
		rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 16, 1);
	}
	rg_layout_space(l, 20);
	snprintf(buf, sizeof(buf), "รวม %s รายงาน จาก %s องค์กรปกครองส่วนท้องถิ่น ใน %s จังหวัด",
		rpt_num(a, sizeof(a), (long long)n, r->thai), rpt_num(b, sizeof(b), (long long)orgs, r->thai),
		rpt_num(c, sizeof(c), (long long)provs, r->thai));
	rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 16, 1);
	snprintf(buf, sizeof(buf), "โครงการ/กิจกรรม/มาตรการ %s รายการ ดำเนินการแล้วเสร็จ %s รายการ",
		rpt_num(a, sizeof(a), (long long)projects, r->thai), rpt_num(b, sizeof(b), (long long)completed, r->thai));
	rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 16, 1);
	snprintf(buf, sizeof(buf), "งบประมาณรวม %s บาท เบิกจ่าย %s บาท",
		rg_fmt_amount(a, sizeof(a), budget, r->thai), rg_fmt_amount(b, sizeof(b), disbursed, r->thai));
	rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 16, 1);
	rg_layout_space(l, 20);
	if (latest) {
		rpt_thai_date(a, sizeof(a), latest, r->thai);
		snprintf(buf, sizeof(buf), "ข้อมูล ณ วันที่ %s (วันที่ล่าสุดที่รายงานระบุ)", a);
	} else {
		snprintf(buf, sizeof(buf), "ข้อมูลตามที่แต่ละรายงานระบุ");
	}
	rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 14, 1);
	{
		const char *env = getenv("SOURCE_DATE_EPOCH");
		if (env && *env) {
			time_t t = (time_t)strtoll(env, NULL, 10);
			struct tm tm;
			if (gmtime_r(&t, &tm)) {
				char iso[32];
				snprintf(iso, sizeof(iso), "%d-%02d-%02d", tm.tm_year + 1900 + 543, tm.tm_mon + 1, tm.tm_mday);
				rpt_thai_date(a, sizeof(a), iso, r->thai);
				snprintf(buf, sizeof(buf), "จัดทำเมื่อ %s", a);
				rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 14, 1);
			}
		}
	}
	rg_layout_space(l, 30);
	snprintf(buf, sizeof(buf), "ระดับการนำแผนไปปฏิบัติ: มาก ตั้งแต่ร้อยละ %s ปานกลาง ตั้งแต่ร้อยละ %s น้อย ต่ำกว่าร้อยละ %s "
		"(คิดจากจำนวนที่ดำเนินการแล้วเสร็จเทียบกับโครงการขั้นต่ำที่ ป.ป.ช. กำหนด หรือจำนวนโครงการทั้งหมดเมื่อรายงานไม่ระบุ) "
		"งบประมาณตามข้อบัญญัติ/เทศบัญญัติไม่มีในข้อมูลที่สกัดได้ คอลัมน์ที่ไม่มีข้อมูลในทุกแถวจึงไม่แสดงในตาราง",
		rpt_num(a, sizeof(a), (long long)RG_LEVEL_HIGH, r->thai), rpt_num(b, sizeof(b), (long long)RG_LEVEL_MEDIUM, r->thai),
		rpt_num(d, sizeof(d), (long long)RG_LEVEL_MEDIUM, r->thai));
	rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 12, 1);
}

/* ---- the summary by province ---- */

typedef struct {
	size_t projects, completed, with_status, findings, regressed, planned_not_reported;
	double budget, disbursed;
} sums;

static void add_sums(sums *s, const entry *e)
{
	s->projects += e->st.total.projects;
	s->completed += e->st.total.completed;
	s->with_status += e->st.with_status ? e->st.total.projects : 0;
	s->findings += e->st.findings;
	s->regressed += e->st.regressed;
	s->planned_not_reported += e->st.planned_not_reported;
	s->budget += e->st.total.budget;
	s->disbursed += e->st.total.disbursed;
}

static void sums_row(report *r, rg_table *t, const char *name, const char *label, const sums *s, int flags)
{
	char c[9][64];
	const char *cells[11];

	rpt_num(c[0], sizeof(c[0]), (long long)s->projects, r->thai);
	rpt_num(c[1], sizeof(c[1]), (long long)s->completed, r->thai);
	if (s->with_status)
		rg_fmt_percent(c[2], sizeof(c[2]), rg_pct((double)s->completed, (double)s->with_status), r->thai);
	else
		snprintf(c[2], sizeof(c[2]), "–");
	rg_fmt_amount(c[3], sizeof(c[3]), s->budget, r->thai);
	rg_fmt_amount(c[4], sizeof(c[4]), s->disbursed, r->thai);
	rg_fmt_percent(c[5], sizeof(c[5]), rg_pct(s->disbursed, s->budget), r->thai);
	rpt_num(c[6], sizeof(c[6]), (long long)s->findings, r->thai);
	rpt_num(c[7], sizeof(c[7]), (long long)s->regressed, r->thai);
	rpt_num(c[8], sizeof(c[8]), (long long)s->planned_not_reported, r->thai);
	cells[0] = name;
	cells[1] = label;
	cells[2] = c[0];
	cells[3] = c[1];
	cells[4] = c[2];
	cells[5] = c[3];
	cells[6] = c[4];
	cells[7] = c[5];
	cells[8] = c[6];
	cells[9] = c[7];
	cells[10] = c[8];
	rg_table_row(t, cells, flags);
}

static const char *province_name(const rg_model *m) { return m->province ? m->province : "ไม่ระบุจังหวัด"; }

static void summary(report *r, entry *e, size_t n, HPDF_Page *first_page)
{
	static const rg_column cols[] = {
		{ "องค์กรปกครองส่วนท้องถิ่น", 3.0, RG_ALIGN_LEFT, 0 },
		{ "รายงาน", 2.3, RG_ALIGN_LEFT, 0 },
		{ "โครงการ", 0.9, RG_ALIGN_RIGHT, 0 },
		{ "แล้วเสร็จ", 0.9, RG_ALIGN_RIGHT, 0 },
		{ "ร้อยละแล้วเสร็จ", 1.0, RG_ALIGN_RIGHT, 0 },
		{ "งบประมาณ (บาท)", 1.7, RG_ALIGN_RIGHT, 0 },
		{ "เบิกจ่าย (บาท)", 1.7, RG_ALIGN_RIGHT, 0 },
		{ "ร้อยละเบิกจ่าย", 1.0, RG_ALIGN_RIGHT, 0 },
		{ "ข้อสังเกต", 0.9, RG_ALIGN_RIGHT, 0 },
		/* issue 11: against the previous round and the action plan */
		{ "สถานะถอยหลัง", 1.1, RG_ALIGN_RIGHT, 0 },
		{ "อยู่ในแผนแต่ไม่ได้รายงาน", 1.0, RG_ALIGN_RIGHT, 0 },
	};
	rg_layout *l = &r->l;
	rg_table t;
	sums prov, all;
	char label[512], name[1024];
	size_t i;

	rg_layout_new_page(l);
	*first_page = l->page;
	/* the whole selection at a glance: the sums of every filing's figures */
	{
		rg_filing_stats total;
		size_t k;
		int d;
		memset(&total, 0, sizeof(total));
		for (i = 0; i < n; i++) {
			for (d = 0; d < 5; d++) {
				total.dim[d].projects += e[i].st.dim[d].projects;
				total.dim[d].completed += e[i].st.dim[d].completed;
				total.dim[d].budget += e[i].st.dim[d].budget;
				total.dim[d].disbursed += e[i].st.dim[d].disbursed;
			}
			for (k = 0; k < RG_STATUS_COUNT; k++)
				total.status[k] += e[i].st.status[k];
		}
		rpt_heading(r, "ภาพรวมทุกองค์กร", HEAD_SIZE + 2);
		rpt_charts(r, &total);
	}
	rg_table_begin(&t, l, cols, 11, TABLE_SIZE);
	rg_table_title(&t, "สรุปภาพรวมรายองค์กร จำแนกตามจังหวัด", HEAD_SIZE + 2);
	memset(&all, 0, sizeof(all));
	for (i = 0; i < n; i++) {
		const rg_model *m = e[i].m;
		if (!i || !same(e[i - 1].m->province, m->province)) {
			const char *cells[11] = { NULL };
			snprintf(name, sizeof(name), "จังหวัด%s", province_name(m));
			if (!m->province)
				snprintf(name, sizeof(name), "%s", province_name(m));
			cells[0] = name;
			/* a province's heading never ends a page */
			rg_table_row(&t, cells, RG_ROW_GROUP | RG_ROW_KEEP_NEXT);
			memset(&prov, 0, sizeof(prov));
		}
		{
			sums one;
			memset(&one, 0, sizeof(one));
			add_sums(&one, &e[i]);
			add_sums(&prov, &e[i]);
			add_sums(&all, &e[i]);
			rpt_filing_label(label, sizeof(label), m, r->thai, 0);
			sums_row(r, &t, m->org_name ? m->org_name : "(ไม่ระบุชื่อองค์กร)", label, &one, RG_ROW_NORMAL);
		}
		if (i + 1 == n || !same(e[i + 1].m->province, m->province)) {
			snprintf(name, sizeof(name), "รวม%s%s", m->province ? "จังหวัด" : "", province_name(m));
			/* its subtotal never starts a page alone */
			sums_row(r, &t, name, "", &prov, RG_ROW_BOLD | RG_ROW_SHADE | RG_ROW_KEEP_PREV);
		}
	}
	sums_row(r, &t, "รวมทั้งสิ้น", "", &all, RG_ROW_BOLD | RG_ROW_GROUP | RG_ROW_KEEP_PREV);
	rg_table_end(&t);
	if (!r->sections)   /* the national summary: the missing reports by province */
		rpt_missing_counts(r);
}

/* ---- the whole document ---- */

/* The data files of the rules directory: the findings' wording, the words kept whole. */
static int load_data(const rg_report_options *opt, rg_linebreak *lb, rg_wording **wording)
{
	const char *dir = opt->rules_dir;
	rg_buf path = RG_BUF_INIT;
	int rc;

	if (!dir || !*dir)
		return rg_error_set(RG_EUSAGE, "the report needs the rules directory (its findings.th.tsv and linebreak.th.tsv)");
	rg_buf_printf(&path, "%s/%s", dir, RG_LINEBREAK_FILE);
	rc = rg_buf_oom(&path) ? rg_error_set(RG_ENOMEM, "out of memory") : rg_linebreak_load(lb, rg_buf_cstr(&path));
	if (!rc) {
		rg_buf_clear(&path);
		rg_buf_printf(&path, "%s/%s", dir, RG_WORDING_FILE);
		rc = rg_buf_oom(&path) ? rg_error_set(RG_ENOMEM, "out of memory") : rg_wording_load(wording, rg_buf_cstr(&path));
	}
	rg_buf_free(&path);
	return rc;
}

static int write_report(report *r, entry *e, size_t n, const char *out_path)
{
	rg_layout *l = &r->l;
	rg_canvas *c = l->canvas;
	HPDF_Outline prov_ol = NULL, org_ol = NULL;
	HPDF_Page summary_page = NULL;
	char title[1024];
	size_t i, org_first = 0;

	cover(r, e, n);
	rg_canvas_outline(c, NULL, "ปก", l->pages[0], 0);
	summary(r, e, n, &summary_page);
	rg_canvas_outline(c, NULL, "สรุปภาพรวมรายองค์กร จำแนกตามจังหวัด", summary_page, 0);
	for (i = 0; i < n && !l->error; i++) {
		const rg_model *m = e[i].m;
		int first_of_prov = !i || !same(e[i - 1].m->province, m->province);
		int first_of_org = first_of_prov || !same(e[i - 1].m->org_name, m->org_name);
		int org_multi = !first_of_org || (i + 1 < n && same(e[i + 1].m->province, m->province) &&
			same(e[i + 1].m->org_name, m->org_name));
		size_t start = l->npages;   /* rpt_section() begins with a new page */
		HPDF_Page page;

		if (!r->sections)
			break;
		rpt_section(r, &e[i]);
		if (l->error || start >= l->npages)
			break;
		page = l->pages[start];
		/* outline: province > organization (> filing, when an organization has several) */
		if (first_of_prov) {
			if (m->province)
				snprintf(title, sizeof(title), "จังหวัด%s", m->province);
			else
				snprintf(title, sizeof(title), "ไม่ระบุจังหวัด");
			prov_ol = rg_canvas_outline(c, NULL, title, page, 0);
		}
		if (first_of_org)
			org_ol = rg_canvas_outline(c, prov_ol, m->org_name ? m->org_name : "(ไม่ระบุชื่อองค์กร)", page, 0);
		if (org_multi) {
			rpt_filing_label(title, sizeof(title), m, r->thai, 0);
			rg_canvas_outline(c, org_ol, title, page, 0);
		}
		if (first_of_org)
			org_first = i;
		/* after an organization's last filing: its follow-up across filings */
		if (i + 1 == n || !same(e[i + 1].m->province, m->province) || !same(e[i + 1].m->org_name, m->org_name)) {
			size_t before = l->npages;
			HPDF_Page at = l->page;
			if (rpt_followup(r, &e[org_first], i + 1 - org_first) && !l->error)
				rg_canvas_outline(c, org_ol, "การติดตามผลระหว่างรอบ", l->npages > before ? l->pages[before] : at, 0);
		}
		/* after a province's last filing: its organizations missing a report */
		if (r->opt->missing && (i + 1 == n || !same(e[i + 1].m->province, m->province))) {
			size_t before = l->npages;
			rpt_missing_page(r, m->province);
			if (!l->error && l->npages > before)
				rg_canvas_outline(c, prov_ol, "องค์กรที่ยังไม่ส่งรายงาน", l->pages[before], 0);
		}
	}
	/* the provinces where nobody filed */
	for (i = 0; r->sections && r->opt->missing && i < r->opt->n_missing && !l->error; i++) {
		const char *p = r->opt->missing[i].province ? r->opt->missing[i].province : "";
		size_t before = l->npages;
		if ((i && !strcmp(p, r->opt->missing[i - 1].province ? r->opt->missing[i - 1].province : "")) ||
		    rpt_has_province(e, n, p) || (r->opt->selection && r->opt->selection->province &&
		    *r->opt->selection->province && !rpt_same_norm(r->opt->selection->province, p)))
			continue;
		rpt_missing_page(r, *p ? p : NULL);
		if (!l->error && l->npages > before) {
			snprintf(title, sizeof(title), "%s%s (ไม่มีรายงาน)", *p ? "จังหวัด" : "", *p ? p : "ไม่ระบุจังหวัด");
			rg_canvas_outline(c, NULL, title, l->pages[before], 0);
		}
	}
	if (l->error)
		return l->error;
	rg_layout_footers(l, NULL);
	return rg_canvas_save(c, out_path);
}

/* What the summary keeps of a filing (report.h). */
struct rg_report_digest {
	rg_model *m;                    /* the organization and the period: no projects, no findings */
	rg_filing_stats st;
};

int rg_report_digest_new(const rg_model *m, rg_report_digest **out)
{
	rg_report_digest *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (!d || !(d->m = rg_model_new())) {
		free(d);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	rg_stats_compute(m, &d->st);
	d->m->kind = m->kind;
	d->m->org_type = m->org_type;
	d->m->fiscal_year = m->fiscal_year;
	d->m->round_months = m->round_months;
	d->m->plan_from = m->plan_from;
	d->m->plan_to = m->plan_to;
	memcpy(d->m->as_of, m->as_of, sizeof(d->m->as_of));
	if (rg_model_set_str(&d->m->org_name, m->org_name) || rg_model_set_str(&d->m->district, m->district) ||
	    rg_model_set_str(&d->m->province, m->province) || rg_model_set_str(&d->m->file, m->file)) {
		rg_report_digest_free(d);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	*out = d;
	return 0;
}

void rg_report_digest_free(rg_report_digest *d)
{
	if (!d)
		return;
	rg_model_free(d->m);
	free(d);
}

/* Sort e[0..ne) (its models and figures set) and write the document; sections 0: the summary only. */
static int render(entry *e, size_t ne, const rg_report_options *opt, const char *out_path, int sections)
{
	rg_report_options defaults;
	rg_canvas *canvas = NULL;
	rg_linebreak *lb = NULL;
	rg_wording *wording = NULL;
	size_t i;
	report r;
	int rc = 0;

	if (!opt) {
		rg_report_options_default(&defaults);
		opt = &defaults;
	}
	for (i = 0; i < ne; i++)
		if (!(e[i].prov_key = sort_key(e[i].m->province)) || !(e[i].org_key = sort_key(e[i].m->org_name))) {
			rc = rg_error_set(RG_ENOMEM, "out of memory");
			goto out;
		}
	if (!ne) {
		rc = rg_error_set(RG_ENOTFOUND, "no filing matches the selection");
		goto out;
	}
	qsort(e, ne, sizeof(*e), cmp_entry);

	{
		const char *font = opt->font ? opt->font : RG_DEFAULT_FONT;
		const char *bold = opt->font_bold ? opt->font_bold : RG_DEFAULT_FONT_BOLD;
		/* without the default bold face installed, headers use the regular one */
		if (!strcmp(bold, RG_DEFAULT_FONT_BOLD) && access(bold, R_OK) != 0)
			bold = font;
		if ((rc = rg_canvas_new(&canvas, font, bold)))
			goto out;
	}
	if ((rc = rg_linebreak_new(&lb)) || (rc = load_data(opt, lb, &wording)))
		goto out;
	/* the place names of the run stay whole on a line */
	for (i = 0; i < ne && !rc; i++) {
		const rg_model *m = e[i].m;
		if (m->district)
			rc = rg_linebreak_add(lb, RG_LB_NAME, m->district, strlen(m->district));
		if (!rc && m->province)
			rc = rg_linebreak_add(lb, RG_LB_NAME, m->province, strlen(m->province));
		if (!rc)
			rc = rg_linebreak_add_org(lb, m->org_name);
	}
	for (i = 0; i < opt->n_missing && !rc; i++)
		if (opt->missing[i].name)
			rc = rg_linebreak_add_org(lb, opt->missing[i].name);
	if (rc)
		goto out;
	memset(&r, 0, sizeof(r));
	r.wording = wording;
	r.opt = opt;
	r.thai = opt->digits_thai;
	r.sections = sections;
	rg_layout_init(&r.l, canvas, lb, r.thai);
	rg_canvas_set_info(canvas, opt->title ? opt->title :
		"รายงานสรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตขององค์กรปกครองส่วนท้องถิ่น",
		"ผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต จำแนกตามจังหวัดและองค์กร");
	rc = write_report(&r, e, ne, out_path);
	rg_layout_fini(&r.l);
out:
	for (i = 0; i < ne; i++) {
		free(e[i].prov_key);
		free(e[i].org_key);
	}
	rg_linebreak_free(lb);
	rg_wording_free(wording);
	rg_canvas_free(canvas);
	return rc;
}

int rg_report_write_pdf(const rg_model *const *models, size_t n, const rg_report_options *opt,
	const char *out_path)
{
	entry *e = calloc(n ? n : 1, sizeof(*e));
	size_t i, ne = 0;
	int rc;

	if (!e)
		return rg_error_set(RG_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		if (!models[i])
			continue;
		e[ne].m = models[i];
		rg_stats_compute(models[i], &e[ne++].st);
	}
	rc = render(e, ne, opt, out_path, 1);
	free(e);
	return rc;
}

int rg_report_write_summary_pdf(rg_report_digest *const *d, size_t n, const rg_report_options *opt,
	const char *out_path)
{
	entry *e = calloc(n ? n : 1, sizeof(*e));
	size_t i, ne = 0;
	int rc;

	if (!e)
		return rg_error_set(RG_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		if (!d[i])
			continue;
		e[ne].m = d[i]->m;
		e[ne++].st = d[i]->st;
	}
	rc = render(e, ne, opt, out_path, 0);
	free(e);
	return rc;
}
