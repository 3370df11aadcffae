/*
** match.h - project identity across filings: which project of one filing is
** which project of another filing of the same organization (issue 11).
**
** Typists retype the plan every round, so the same project comes back with
** another item number, other quotes and spacing, the organization's name
** written out or abbreviated, the fiscal year in the name changed, and the
** usual misspellings.  Two names are compared through a key that removes
** all of that (rg_project_key), then:
**
**   1. equal keys pair (exact); when a key occurs several times on a side,
**      the occurrences pair in order if both sides have the same count,
**      else they are ambiguous;
**   2. the names left over pair by similarity: twice the length of the
**      longest common subsequence of the two keys over the sum of their
**      lengths, in code points (rg_key_similarity; 1 - the normalized indel
**      distance, the measure of difflib and RapidFuzz's Indel: a changed
**      letter costs two, an added or dropped one costs one, so a qualifier
**      added to a name weighs less than a word replaced by another).  A pair needs a similarity of at least
**      RG_MATCH_THRESHOLD, must be each other's best candidate, and the
**      next-best candidate of either must be more than RG_MATCH_MARGIN
**      behind; when two candidates are that close the names are reported as
**      ambiguous, never paired.  Keys whose numbers differ ("รุ่นที่ 1" and
**      "รุ่นที่ 2") have similarity 0: a number in a name identifies it.
**
** The threshold was set on the hand-labelled pairs of tests/test_match.c:
** retypings of one project score 0.89 and above (บริหารจัดการความเสี่ยง /
** บริหารความเสี่ยง), different projects written from one template 0.878
** and below (…ของพนักงาน / …ของผู้บริหาร 0.857, รับสินบน / เรียกรับสินบน
** 0.878).  Short names carry less evidence: a pair near the line is
** better left unpaired (reported) than paired wrongly.
**
** Everything here is pure and thread-safe; errors follow core/error.h.
*/
#ifndef RG_MATCH_H
#define RG_MATCH_H

#include <stddef.h>

#define RG_MATCH_THRESHOLD 0.88   /* lowest similarity of a pair */
#define RG_MATCH_MARGIN 0.05      /* a rival closer than this to the best makes it ambiguous */

/* The organization whose filings are compared; any field may be NULL.  Its
** own name, abbreviated or written out, is not part of a project's identity. */
typedef struct {
	const char *name;           /* organization.name: องค์การบริหารส่วนตำบลบ้านใหม่ */
	const char *district;       /* without อำเภอ */
	const char *province;       /* without จังหวัด */
} rg_match_org;

/* Spelling variants: "wrong<TAB>right" lines of a data file (rules/spelling.tsv). */
typedef struct rg_spelling rg_spelling;

/* Load spelling variants from path ('#' starts a comment line; blank lines
** are skipped).  RG_EIO when the file cannot be read, RG_EFORMAT naming the
** line when a line has no tab or an empty side. */
int rg_spelling_load(const char *path, rg_spelling **out);
void rg_spelling_free(rg_spelling *sp);

/*
** The comparison key of a project name (caller frees *out), in this order:
** Thai normalization with Arabic digits (core of extract/thai.h); spelling
** variants (sp may be NULL); ASCII lower case; a leading item number
** ("1.2", "(3)", "๔)", "-"); fiscal-year wording (ประจำปีงบประมาณ, ปีงบประมาณ,
** ประจำปี, พ.ศ.) and Buddhist Era years 2400-2699; the organization's full
** name, its type written out or abbreviated (อบต., ทต., ทม., ทน., อบจ., with or
** without the dot), its place, district and province with อำเภอ / จังหวัด;
** quotes, brackets, punctuation and every space; a leading โครงการ / กิจกรรม /
** มาตรการ (unless nothing would be left).  RG_ENOMEM is the only error.
*/
int rg_project_key(const char *name, const rg_match_org *org, const rg_spelling *sp, char **out);

/* Similarity of two keys in [0, 1]: 2 * LCS / (length a + length b) in code
** points (1 for two empty keys), and 0 when the sequences of numbers in the
** keys differ. */
double rg_key_similarity(const char *a, const char *b);

typedef enum {
	RG_MATCH_EXACT = 1,         /* equal keys */
	RG_MATCH_SIMILAR            /* similarity >= RG_MATCH_THRESHOLD */
} rg_match_how;

typedef struct {
	size_t a, b;                /* index in the first and in the second list */
	rg_match_how how;
	double similarity;          /* 1 for exact */
} rg_match_pair;

/* A name that could be one of several names of the other list. */
typedef struct {
	int side;                   /* 0: index is in the first list, 1: in the second */
	size_t index;
	size_t *candidates;         /* indexes in the other list, best first */
	double *similarities;
	size_t n_candidates;
} rg_match_ambiguity;

typedef struct {
	rg_match_pair *pairs;       /* ordered by a */
	size_t n_pairs;
	size_t *only_a;             /* names of the first list with no partner (ascending) */
	size_t n_only_a;
	size_t *only_b;             /* names of the second list with no partner (ascending) */
	size_t n_only_b;
	rg_match_ambiguity *ambiguous; /* neither paired nor "only": the reader must look */
	size_t n_ambiguous;
} rg_match_result;

/*
** Match names a[0..na) against b[0..nb) (two filings of one organization).
** Every index of either list ends up in exactly one of: a pair, only_a /
** only_b, or an ambiguity.  Fills *out (free with rg_match_result_free);
** RG_ENOMEM is the only error.
*/
int rg_match_names(const char *const *a, size_t na, const char *const *b, size_t nb,
	const rg_match_org *org, const rg_spelling *sp, rg_match_result *out);
void rg_match_result_free(rg_match_result *r);

#endif
