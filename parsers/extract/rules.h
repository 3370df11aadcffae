/*
** rules.h - the rule files: report knowledge kept as data, compiled once with PCRE2.
**
** A rule file (a .rules file in rules/) holds one rule per line:
**
**     CATEGORY  LABEL  PATTERN
**
** separated by white space; PATTERN is the rest of the line (a PCRE2 pattern,
** compiled with UTF and UCP).  '#' starts a comment line.  Patterns are matched
** against normalized text: Thai digits as ASCII digits, one space between
** words, ำ and แ repaired (column headers: with no spaces at all).  The
** categories and what their labels and named groups mean are documented in
** rules/README.md.  Order matters: within a category, earlier rules win.
**
** Patterns are compiled with NUL as the newline and ^ $ matching at line
** ends, so a document's lines can be joined by NUL and searched in one
** match loop; a line on its own (no NUL in it) matches the same way.
*/
#ifndef RG_RULES_H
#define RG_RULES_H

#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct {
	char category[32];
	char label[48];
	char *pattern;
	char *where;            /* "file.rules:12", for messages */
	pcre2_code *re;
	int has_groups;         /* the pattern names groups (a caller may want them) */
} rg_rule;

typedef struct {
	char name[32];
	size_t *rules;          /* indices into items, in file order */
	size_t n;
} rg_rule_category;

typedef struct {
	rg_rule *items;
	size_t len, cap;
	rg_rule_category *categories;   /* built after loading: lookups go by category */
	size_t ncategories;
} rg_rules;

/* Load every *.rules file of dir (in name order) and compile it; a pattern
** that does not compile is an error naming the file and line. */
int rg_rules_load_dir(rg_rules *rules, const char *dir);
/* Add the rules of one file (also for tests). */
int rg_rules_load_file(rg_rules *rules, const char *path);
void rg_rules_free(rg_rules *rules);

/* Match one rule against text; 1 when it matches (md holds the groups). */
int rg_rule_match(const rg_rule *r, const char *text, size_t len, pcre2_match_data *md);

/* Copy a named group of the last match into buf; 1 when it was set. */
int rg_rule_group(const rg_rule *r, pcre2_match_data *md, const char *name, char *buf, size_t size);

/* The rules of a category in file order (NULL and *n = 0 when there are none). */
const size_t *rg_rules_of(const rg_rules *rules, const char *category, size_t *n);

/* The first rule of a category that matches text (NULL if none). */
const rg_rule *rg_rules_first(const rg_rules *rules, const char *category, const char *text,
			      size_t len, pcre2_match_data *md);

#endif
