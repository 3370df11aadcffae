/*
** org.h - who filed: the identity of an organization, and the one
** normalization of organization and place names.
**
** Two filings are of one organization when their keys are equal.  The key
** is the type, the place (the name without its type word), the district and
** the province, each normalized by rg_org_normalize: every kind of space
** removed, Thai digits made Arabic, ํา made ำ.  The type comes from the
** name's type word when it has one -- องค์การบริหารส่วนตำบล and อบต. alike
** (rg_org_split_name) -- else from the model's organization.type.  An
** องค์การบริหารส่วนจังหวัด is one per province, so its district (where its
** office stands) is not part of its key.  A district or province the filing
** does not state is "" in the key: such a key is incomplete, and the store
** never guesses which organization it is (docs/MODEL.md,
** `organization_ambiguous`).
**
** The register code of issue 11 will identify an organization by itself
** once a register exists: `code`, NULL until then.
*/
#ifndef RG_ORG_H
#define RG_ORG_H

#include <stddef.h>

#include "model.h"

#define RG_ORG_TEXT 256        /* bytes of a key field, with its NUL (names are far shorter) */

typedef struct {
	rg_org_type type;
	char place[RG_ORG_TEXT];      /* "" when the filing names no organization */
	char district[RG_ORG_TEXT];   /* "" when not stated, and always for an อบจ. */
	char province[RG_ORG_TEXT];   /* "" when not stated */
	const char *code;             /* the register code (issue 11); NULL until there is a register */
} rg_org_key;

/* Normalize a name, district or province: spaces of every kind (ASCII, no-break,
** zero-width, ideographic) removed, Thai digits ๐-๙ as 0-9, NIKHAHIT + SARA AA
** as SARA AM.  Writes at most size bytes with the NUL, cut at a character
** boundary.  NULL reads as "". */
void rg_org_normalize(const char *s, char *out, size_t size);

/* The type word a name starts with (in full or abbreviated: อบจ. อบต. ทน. ทม. ทต.),
** and the normalized rest of the name (the place) in place[size].  Returns
** RG_ORG_OTHER, with the whole normalized name as the place, when the name
** starts with no type word. */
rg_org_type rg_org_split_name(const char *name, char *place, size_t size);

/* The key of the organization a model names.  Returns 1 when it names one,
** 0 when m->org_name is NULL or empty (the key is then all empty). */
int rg_org_key_of(const rg_model *m, rg_org_key *k);

/* The full name of a key: the type word in full, then the place
** ("องค์การบริหารส่วนตำบล" "หนองขอน"); the place alone for RG_ORG_OTHER. */
void rg_org_full_name(const rg_org_key *k, char *out, size_t size);

/* The full type word of a type ("" for RG_ORG_OTHER). */
const char *rg_org_type_word(rg_org_type t);

#endif
