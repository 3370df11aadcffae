/*
** validate.h - what a filing states against what its rows add up to.
*/
#ifndef RG_VALIDATE_H
#define RG_VALIDATE_H

#include <stddef.h>
#include "../model/model.h"
#include "../read/doc.h"
#include "rules.h"

/* Read the stated figures: from the document's lines (text: the normalized
** lines joined by NUL, see rules.h; rules "stated") into
** m->stated, and from its summary tables at any depth (rules "stated_column",
** and tables of counts by status; the project tables, ptables, and layout
** tables are left out).  Then add a
** finding for every figure the rows contradict (stated_count_mismatch for
** counts, stated_total_mismatch for amounts), and for every total row of a
** summary table that its own rows do not add up to. */
void rg_validate(rg_model *m, const rg_rules *rules, const char *text, size_t len,
		 pcre2_match_data *md, const rg_doc *doc, const rg_table *const *ptables, size_t nptables);

#endif
