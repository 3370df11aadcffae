/*
** charts.h - small vector charts with libharu primitives, labelled in Thai.
**
** Bars per dimension (planned vs completed projects, budget vs disbursed) and
** the shares of the project statuses as one stacked bar with a legend.
** Each chart draws inside a box whose top-left is (x, top) on the current page.
*/
#ifndef RG_CHARTS_H
#define RG_CHARTS_H

#include <stddef.h>
#include "layout.h"

typedef struct {
	const char *label;
	double r, g, b;
} rg_series;

/* Grouped bars: ncat categories, two series a[] and b[]; money selects amount labels. */
void rg_chart_bars(rg_layout *l, double x, double top, double w, double h, const char *title,
	const char *const *cats, size_t ncat, const double *a, const double *b,
	const rg_series *sa, const rg_series *sb, int money);

/* A 100% stacked bar of n shares with a legend "label count (percent)". */
void rg_chart_shares(rg_layout *l, double x, double top, double w, double h, const char *title,
	const rg_series *series, const double *values, size_t n);

/* Stacked bars, one a category (a round), of nseries shares each (values[cat * nseries + k]),
** the count of each part written in it when it fits, and a legend of the series. */
void rg_chart_stacked(rg_layout *l, double x, double top, double w, double h, const char *title,
	const char *const *cats, size_t ncat, const rg_series *series, size_t nseries, const double *values);

#endif
