/*
** filter.c - the filing filter applied to models (see filter.h).
*/
#include "filter.h"

#include <stdio.h>
#include <string.h>

#include "org.h"

void rg_filing_filter_init(rg_filing_filter *f)
{
	memset(f, 0, sizeof(*f));
}

const char rg_filter_no_province[] = "(no province)";

const char *rg_filter_province(const char *s)
{
	static const char *const words[] = { "จังหวัด", "จ." };
	size_t k, n;

	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		n = strlen(words[k]);
		if (!strncmp(s, words[k], n)) {
			s += n;
			break;
		}
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

void rg_filter_org_full(const char *org, char *out, size_t size)
{
	rg_org_key k;

	memset(&k, 0, sizeof(k));
	if (!org || !*org) {
		if (size)
			out[0] = '\0';
		return;
	}
	k.type = rg_org_split_name(org, k.place, sizeof(k.place));
	rg_org_full_name(&k, out, size);
}

/* The org part: a part of the stated name, or of the full name in its normal form. */
static int org_matches(const char *org, const rg_model *m)
{
	char want[RG_ORG_TEXT * 2], full[RG_ORG_TEXT * 2];
	rg_org_key k;

	if (!m->org_name)
		return 0;
	if (strstr(m->org_name, org))
		return 1;
	rg_filter_org_full(org, want, sizeof(want));
	if (!want[0] || !rg_org_key_of(m, &k))
		return 0;
	rg_org_full_name(&k, full, sizeof(full));
	return strstr(full, want) != NULL;
}

int rg_filing_filter_matches(const rg_filing_filter *f, const rg_model *m)
{
	if (f->no_strays && m->kind == RG_KIND_OTHER && !m->org_name)
		return 0;
	if (f->kinds && !(f->kinds & RG_FILTER_KIND(m->kind)))
		return 0;
	if (f->fiscal_year && m->fiscal_year != f->fiscal_year) {
		int to = m->plan_to ? m->plan_to : m->plan_from;
		if (!m->plan_from || f->fiscal_year < m->plan_from || f->fiscal_year > to)
			return 0;
	}
	if (f->round_months && m->round_months != f->round_months)
		return 0;
	if (f->province == rg_filter_no_province && m->province)
		return 0;
	if (f->province && *f->province && f->province != rg_filter_no_province &&
	    (!m->province || strcmp(m->province, f->province)))
		return 0;
	if (f->org && *f->org && !org_matches(f->org, m))
		return 0;
	return 1;
}
