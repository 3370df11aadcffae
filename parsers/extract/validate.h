/*
** validate.h - what a filing states against what its rows add up to.
*/
#ifndef RG_VALIDATE_H
#define RG_VALIDATE_H

#include <stddef.h>
#include "../model/model.h"
#include "rules.h"

/* Read the stated figures (rules of category "stated") from the document's
** lines into m->stated, then add a finding for every figure the rows
** contradict: stated_count_mismatch for counts, stated_total_mismatch for
** amounts. */
void rg_validate(rg_model *m, const rg_rules *rules, const char *const *lines, size_t nlines,
		 pcre2_match_data *md);

#endif
