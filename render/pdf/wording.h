/*
** wording.h - the Thai wording of findings, from rules/findings.th.tsv.
**
** A finding is a code, an English message and, optionally, named figures
** (rg_finding.args).  The report shows a Thai title for the code and a Thai
** sentence whose figures come from the args or, for the messages the
** extractor writes today, from the named groups of a pattern over the
** message (the file's "wording" lines; format in rules/README.md).  Numbers
** are formatted like the rest of the report: grouped, two decimals for
** baht, Thai or Arabic digits.  Wording is data: a new code or message
** shape is a line in the file, not a change here.
*/
#ifndef RG_WORDING_H
#define RG_WORDING_H

#include "core/buf.h"
#include "model/model.h"

typedef struct rg_wording rg_wording;

/* The name of the data file in the rules directory. */
#define RG_WORDING_FILE "findings.th.tsv"

/* Load and compile path; 0, or RG_EIO / RG_EFORMAT ("FILE:LINE: what") / RG_ENOMEM. */
int rg_wording_load(rg_wording **out, const char *path);
void rg_wording_free(rg_wording *w);

/* The Thai title of a code, or NULL when the file has none. */
const char *rg_wording_title(const rg_wording *w, const char *code);

/* Append the Thai sentence of finding f to out.  Returns 1 when a wording
** accounted for all of the finding (a pattern matched, or the args filled a
** template, or the message is already Thai: it is then shown as it is, its
** digits as the report's), 0 when only the code's default applied (the
** original message is then appended after "ข้อความต้นฉบับ:") or the code is
** unknown (the message alone). */
int rg_wording_render(const rg_wording *w, const rg_finding *f, int thai_digits, rg_buf *out);

/* Whether the file has a title and a default ("*") wording for code. */
int rg_wording_knows(const rg_wording *w, const char *code);

#endif
