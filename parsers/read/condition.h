/*
** condition.h - the conditions of ODF hidden sections, hidden paragraphs
** and hidden text (text:condition, "ooow:..." formulas of LibreOffice
** Writer), evaluated as far as a document alone allows.
*/
#ifndef RG_CONDITION_H
#define RG_CONDITION_H

/* A variable's value: *num, or *str when it is text.  1 found, 0 unknown. */
typedef int (*rg_cond_lookup)(void *ctx, const char *name, double *num, const char **str);

/*
** 1 when the condition is true, 0 when false, -1 when it cannot be told
** (a variable the document does not declare, a function, a syntax this
** evaluator does not know).  Known: numbers, "strings", TRUE/FALSE, user
** fields through lookup, + - * /, comparisons (== != <> < > <= >= and EQ NEQ
** LT GT LEQ GEQ), AND OR NOT (also && || !), parentheses.  The "ooow:" (or
** "ooo:") namespace prefix is optional.
*/
int rg_cond_eval(const char *expr, rg_cond_lookup lookup, void *ctx);

#endif
