/*
** filter.h - which filings a report or an export takes: one filter, one
** meaning, whether the filings come from files (rg_filing_filter_matches,
** here) or from a store (store/select.c turns the same fields into SQL; a
** test holds the two to the same answers).
**
** A zero filter takes every filing.  Each field set narrows the selection:
**   fiscal_year  the filing's fiscal year is that year, or it is a plan whose
**                period covers it (plan_from <= year <= plan_to; a plan without
**                plan_to covers plan_from alone).  Buddhist Era.
**   round_months the reporting round, 6 or 12.
**   province     the province the filing states, exactly, without the word
**                จังหวัด (rg_filter_province strips it from what a user typed);
**                rg_filter_no_province (that very pointer): the filings that
**                state none.
**   org          a part of the organization's name, or all of it: the name the
**                filing states contains it, or the organization's full name
**                (org.h) contains it with spaces removed and an abbreviated
**                type word (อบต. ...) written in full.
**   kinds        a set of kinds (RG_FILTER_KIND(RG_KIND_ACTION_PLAN) | ...).
**   history      also the filings that a later version superseded (a store
**                keeps them; a filing read from a file is always current).
**   no_strays    leave out documents of kind "other" that name no organization
**                (a stray file of a batch: the report has no place for it).
*/
#ifndef RG_FILTER_H
#define RG_FILTER_H

#include <stddef.h>

#include "model.h"

#define RG_FILTER_KIND(k) (1u << (unsigned)(k))

typedef struct {
	int fiscal_year;          /* BE; 0 = any */
	int round_months;         /* 6 or 12; 0 = any */
	const char *province;     /* NULL or "" = any */
	const char *org;          /* NULL or "" = any */
	unsigned kinds;           /* RG_FILTER_KIND bits; 0 = any */
	int history;
	int no_strays;
} rg_filing_filter;

void rg_filing_filter_init(rg_filing_filter *f);

/* The province of a filter that takes the filings stating no province (report --split-by). */
extern const char rg_filter_no_province[];

/* Whether the filter takes the filing (a model read from a file: current). */
int rg_filing_filter_matches(const rg_filing_filter *f, const rg_model *m);

/* What a user typed as a province, without a leading จังหวัด or จ. and the
** spaces around: a pointer into s. */
const char *rg_filter_province(const char *s);

/* The second form of the org text that rg_filing_filter_matches looks for in
** the organization's full name: normalized (org.h), an abbreviated type word
** written in full.  "" when org is empty. */
void rg_filter_org_full(const char *org, char *out, size_t size);

#endif
