/*
** linebreak.h - where Thai text may break, and greedy wrapping to a width.
**
** Break opportunities are libthai's word boundaries (th_brk, dictionary
** based) plus the ends of space runs.  libthai splits compounds and names it
** does not know (ดำเนิน|การ, ชุม|แพ); the words kept whole (the data file
** rules/linebreak.th.tsv and the place names of the run) remove every break
** inside their occurrences: a term or name, an abbreviation with the word
** after it (อบต. ชุมแพ), a prefix with its number (พ.ศ. ๒๕๖๖), a number with
** its unit (๕๐๐ บาท).  Wrapping prefers a break after a space when one is
** near.  A word wider than the column falls back to grapheme-cluster
** boundaries, never inside one.
*/
#ifndef RG_LINEBREAK_H
#define RG_LINEBREAK_H

#include <stddef.h>

typedef struct rg_linebreak rg_linebreak;

int rg_linebreak_new(rg_linebreak **out);
void rg_linebreak_free(rg_linebreak *lb);

/* Kinds of the words kept whole (the first field of rules/linebreak.th.tsv). */
enum {
	RG_LB_TERM = 1,      /* a word kept on one line */
	RG_LB_NAME,          /* a place name of the run: the same */
	RG_LB_ABBREV,        /* kept with the word after it */
	RG_LB_PREFIX,        /* kept with the number after it */
	RG_LB_UNIT,          /* kept with the number before it */
	RG_LB_ORG_PREFIX     /* an organization type: what follows it in a name is a place */
};

/* The name of the data file in the rules directory. */
#define RG_LINEBREAK_FILE "linebreak.th.tsv"

/* Load the data file (KIND<tab>TEXT lines); 0, RG_EIO or RG_EFORMAT "FILE:LINE: ...". */
int rg_linebreak_load(rg_linebreak *lb, const char *path);

/* Keep s[0..n) whole as kind (RG_LB_*); duplicates are ignored.  0 or RG_ENOMEM. */
int rg_linebreak_add(rg_linebreak *lb, int kind, const char *s, size_t n);

/* Keep the place of an organization's name whole: the name without its
** longest RG_LB_ORG_PREFIX ("องค์การบริหารส่วนตำบลบางเตย" -> "บางเตย"). */
int rg_linebreak_add_org(rg_linebreak *lb, const char *name);

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

#endif
