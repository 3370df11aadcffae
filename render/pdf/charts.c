/*
** charts.c - bar and share charts (see charts.h).
*/
#include "charts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "stats.h"

static void text(rg_layout *l, rg_face face, double size, double x, double y, const char *s, int align)
{
	size_t n = strlen(s);
	if (align) {
		double w = rg_canvas_width(l->canvas, face, size, s, n);
		x -= align > 0 ? w : w / 2;   /* 1: right-aligned at x, -1: centered on x */
	}
	rg_canvas_text(l->canvas, l->page, face, size, x, y, s, n);
}

static void fill_rect(HPDF_Page p, const rg_series *s, double x, double y, double w, double h)
{
	HPDF_Page_SetRGBFill(p, (HPDF_REAL)s->r, (HPDF_REAL)s->g, (HPDF_REAL)s->b);
	HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p);
}

/* A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
static double nice_max(double v)
{
	double p, m;
	if (v <= 0)
		return 1;
	v *= 1.08;   /* headroom for the value labels */
	p = pow(10, floor(log10(v)));
	m = v / p;
	{
		static const double steps[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
		size_t i = 0;
		while (steps[i] < m && i + 1 < sizeof(steps) / sizeof(steps[0]))
			i++;
		return steps[i] * p;
	}
}

static void fmt_value(char *out, size_t size, double v, int money, int thai)
{
	(void)money;   /* amounts are shown in whole baht on the axis */
	rg_fmt_int(out, size, (long long)llround(v), thai);
}

static void legend_item(rg_layout *l, double x, double y, const rg_series *s, const char *label)
{
	fill_rect(l->page, s, x, y, 8, 8);
	HPDF_Page_SetRGBStroke(l->page, 0.5f, 0.5f, 0.5f);
	HPDF_Page_Rectangle(l->page, (HPDF_REAL)x, (HPDF_REAL)y, 8, 8);
	HPDF_Page_Stroke(l->page);
	HPDF_Page_SetRGBStroke(l->page, 0, 0, 0);
	HPDF_Page_SetRGBFill(l->page, 0, 0, 0);
	text(l, RG_FACE_REGULAR, 9, x + 11, y + 0.5, label, 0);
}

void rg_chart_bars(rg_layout *l, double x, double top, double w, double h, const char *title,
	const char *const *cats, size_t ncat, const double *a, const double *b,
	const rg_series *sa, const rg_series *sb, int money)
{
	HPDF_Page p = l->page;
	double maxv = 0, axis, plot_x = x + 44, plot_w = w - 50, plot_top = top - 20, plot_bottom = top - h + 30;
	double plot_h = plot_top - plot_bottom, group, bw;
	char buf[64];
	size_t i;

	if (l->error || !ncat)
		return;
	for (i = 0; i < ncat; i++) {
		if (a[i] > maxv)
			maxv = a[i];
		if (b[i] > maxv)
			maxv = b[i];
	}
	axis = nice_max(maxv);
	if (!money) {
		/* counts: a whole, even axis so that the middle label is whole too */
		axis = ceil(axis);
		if ((long long)axis % 2)
			axis += 1;
	}
	text(l, RG_FACE_BOLD, 11, x, top - 11, title, 0);

	/* axis lines and the scale at 0, half and max */
	HPDF_Page_SetRGBStroke(p, 0.6f, 0.6f, 0.6f);
	for (i = 0; i <= 2; i++) {
		double y = plot_bottom + plot_h * (double)i / 2;
		HPDF_Page_MoveTo(p, (HPDF_REAL)plot_x, (HPDF_REAL)y);
		HPDF_Page_LineTo(p, (HPDF_REAL)(plot_x + plot_w), (HPDF_REAL)y);
	}
	HPDF_Page_Stroke(p);   /* a path may not enclose text objects: labels after the stroke */
	HPDF_Page_SetRGBStroke(p, 0, 0, 0);
	for (i = 0; i <= 2; i++) {
		double y = plot_bottom + plot_h * (double)i / 2;
		fmt_value(buf, sizeof(buf), axis * (double)i / 2, money, l->thai_digits);
		text(l, RG_FACE_REGULAR, 8, plot_x - 3, y - 2.5, buf, 1);
	}

	group = plot_w / (double)ncat;
	bw = group * 0.32;
	for (i = 0; i < ncat; i++) {
		double gx = plot_x + group * (double)i + group * 0.14;
		double ha = plot_h * a[i] / axis, hb = plot_h * b[i] / axis;
		fill_rect(p, sa, gx, plot_bottom, bw, ha);
		fill_rect(p, sb, gx + bw + 2, plot_bottom, bw, hb);
		HPDF_Page_SetRGBFill(p, 0, 0, 0);
		if (!money) {
			fmt_value(buf, sizeof(buf), a[i], money, l->thai_digits);
			text(l, RG_FACE_REGULAR, 8, gx + bw / 2, plot_bottom + ha + 2, buf, -1);
			fmt_value(buf, sizeof(buf), b[i], money, l->thai_digits);
			text(l, RG_FACE_REGULAR, 8, gx + bw * 1.5 + 2, plot_bottom + hb + 2, buf, -1);
		}
		text(l, RG_FACE_REGULAR, 9, plot_x + group * ((double)i + 0.5), plot_bottom - 11, cats[i], -1);
	}
	legend_item(l, plot_x, top - h + 4, sa, sa->label);
	legend_item(l, plot_x + plot_w / 2, top - h + 4, sb, sb->label);
	if (money) {
		text(l, RG_FACE_REGULAR, 8, x + w, top - 11, "(บาท)", 1);
	}
}

void rg_chart_shares(rg_layout *l, double x, double top, double w, double h, const char *title,
	const rg_series *series, const double *values, size_t n)
{
	HPDF_Page p = l->page;
	double total = 0, cx = x, bar_y = top - 44;
	char count[32], pct[32], label[256];
	size_t i, row = 0;

	if (l->error)
		return;
	(void)h;
	for (i = 0; i < n; i++)
		total += values[i];
	text(l, RG_FACE_BOLD, 11, x, top - 11, title, 0);
	if (total <= 0) {
		text(l, RG_FACE_REGULAR, 9, x, bar_y, "ไม่มีข้อมูลสถานะ", 0);
		return;
	}
	for (i = 0; i < n; i++) {
		double sw = w * values[i] / total;
		if (sw > 0)
			fill_rect(p, &series[i], cx, bar_y, sw, 18);
		cx += sw;
	}
	HPDF_Page_SetRGBFill(p, 0, 0, 0);
	HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)bar_y, (HPDF_REAL)w, 18);
	HPDF_Page_Stroke(p);
	for (i = 0; i < n; i++) {
		if (values[i] <= 0)
			continue;
		rg_fmt_int(count, sizeof(count), (long long)llround(values[i]), l->thai_digits);
		rg_fmt_percent(pct, sizeof(pct), rg_pct(values[i], total), l->thai_digits);
		snprintf(label, sizeof(label), "%s %s (ร้อยละ %s)", series[i].label, count, pct);
		legend_item(l, x, bar_y - 16 - 13 * (double)row, &series[i], label);
		row++;
	}
}

void rg_chart_stacked(rg_layout *l, double x, double top, double w, double h, const char *title,
	const char *const *cats, size_t ncat, const rg_series *series, size_t nseries, const double *values)
{
	HPDF_Page p = l->page;
	double plot_x = x + 44, plot_w = w * 0.62 - 50, plot_top = top - 20, plot_bottom = top - h + 24;
	double plot_h = plot_top - plot_bottom, maxv = 0, axis, group, bw, legend_x = x + w * 0.62 + 10;
	char buf[64];
	size_t c, k, row = 0;

	if (l->error || !ncat)
		return;
	for (c = 0; c < ncat; c++) {
		double t = 0;
		for (k = 0; k < nseries; k++)
			t += values[c * nseries + k];
		if (t > maxv)
			maxv = t;
	}
	axis = ceil(nice_max(maxv));
	if ((long long)axis % 2)
		axis += 1;
	text(l, RG_FACE_BOLD, 11, x, top - 11, title, 0);
	HPDF_Page_SetRGBStroke(p, 0.6f, 0.6f, 0.6f);
	for (k = 0; k <= 2; k++) {
		double y = plot_bottom + plot_h * (double)k / 2;
		HPDF_Page_MoveTo(p, (HPDF_REAL)plot_x, (HPDF_REAL)y);
		HPDF_Page_LineTo(p, (HPDF_REAL)(plot_x + plot_w), (HPDF_REAL)y);
	}
	HPDF_Page_Stroke(p);
	HPDF_Page_SetRGBStroke(p, 0, 0, 0);
	for (k = 0; k <= 2; k++) {
		double y = plot_bottom + plot_h * (double)k / 2;
		fmt_value(buf, sizeof(buf), axis * (double)k / 2, 0, l->thai_digits);
		text(l, RG_FACE_REGULAR, 8, plot_x - 3, y - 2.5, buf, 1);
	}
	group = plot_w / (double)ncat;
	bw = group * 0.5 > 60 ? 60 : group * 0.5;
	for (c = 0; c < ncat; c++) {
		double gx = plot_x + group * ((double)c + 0.5) - bw / 2, y = plot_bottom;
		for (k = 0; k < nseries; k++) {
			double v = values[c * nseries + k], hh = plot_h * v / axis;
			if (v <= 0)
				continue;
			fill_rect(p, &series[k], gx, y, bw, hh);
			HPDF_Page_SetRGBFill(p, 0, 0, 0);
			if (hh >= 10) {   /* the count inside its part, when there is room */
				rg_fmt_int(buf, sizeof(buf), (long long)llround(v), l->thai_digits);
				text(l, RG_FACE_REGULAR, 8, gx + bw / 2, y + hh / 2 - 3, buf, -1);
			}
			y += hh;
		}
		HPDF_Page_SetRGBFill(p, 0, 0, 0);
		text(l, RG_FACE_REGULAR, 9, gx + bw / 2, plot_bottom - 11, cats[c], -1);
	}
	for (k = 0; k < nseries; k++) {
		double any = 0;
		for (c = 0; c < ncat; c++)
			any += values[c * nseries + k];
		if (any <= 0)
			continue;
		legend_item(l, legend_x, plot_top - 10 - 13 * (double)row, &series[k], series[k].label);
		row++;
	}
}
