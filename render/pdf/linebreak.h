/*
** linebreak.h - where Thai text may break, and greedy wrapping to a width.
**
** Break opportunities are libthai's word boundaries (th_brk, dictionary
** based) plus the ends of space runs.  libthai splits some compounds that
** are common in these reports (ดำเนิน|การ, หน่วย|งาน, ค่า|นิยม, งบ|ประมาณ);
** the compound list in linebreak.c removes every break inside an occurrence
** of one of its words, so they always stay on one line.  A word wider than
** the column falls back to grapheme-cluster boundaries, never inside one.
*/
#ifndef RG_LINEBREAK_H
#define RG_LINEBREAK_H

#include <stddef.h>

typedef struct rg_linebreak rg_linebreak;

int rg_linebreak_new(rg_linebreak **out);
void rg_linebreak_free(rg_linebreak *lb);

/* Byte offsets (0 < pos < n, ascending) where a new line may start in the
** UTF-8 text s[0..n).  The array belongs to lb and is valid until the next call. */
int rg_linebreak_find(rg_linebreak *lb, const char *s, size_t n, const size_t **pos, size_t *count);

/* The byte offset of the next grapheme cluster boundary after i (a base with its
** marks, ำ, and a leading vowel with what follows). */
size_t rg_cluster_next(const char *s, size_t n, size_t i);

/* Width in points of the text s[0..n) as it will be drawn. */
typedef double (*rg_measure_fn)(void *ctx, const char *s, size_t n);

typedef struct {
	size_t start, end;   /* byte range of the logical text, spaces trimmed */
} rg_line;

/* Wrap s[0..n) into lines no wider than width (except a single cluster wider
** than it).  Lines are stored in lb (valid until the next call). */
int rg_linebreak_wrap(rg_linebreak *lb, const char *s, size_t n, double width,
	rg_measure_fn measure, void *ctx, const rg_line **lines, size_t *count);

/* The compound words kept whole (NULL-terminated), for tests and docs. */
extern const char *const rg_linebreak_compounds[];

#endif
