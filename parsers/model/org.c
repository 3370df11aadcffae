/*
** org.c - organization identity and name normalization (see org.h).
*/
#include "org.h"

#include <stdio.h>
#include <string.h>

/* The type words of Thai local government (Local Administration Act names);
** the abbreviations are those of the NACC forms and the Ministry of Interior. */
static const struct {
	rg_org_type type;
	const char *full, *abbr;
} words[] = {
	{ RG_ORG_PAO, "องค์การบริหารส่วนจังหวัด", "อบจ." },
	{ RG_ORG_SAO, "องค์การบริหารส่วนตำบล", "อบต." },
	{ RG_ORG_CITY, "เทศบาลนคร", "ทน." },
	{ RG_ORG_TOWN, "เทศบาลเมือง", "ทม." },
	{ RG_ORG_SUBDISTRICT, "เทศบาลตำบล", "ทต." },
};
#define N_WORDS (sizeof(words) / sizeof(words[0]))

/* The length of a space character at s (0 when s is no space). */
static size_t space_len(const unsigned char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)                           /* U+00A0 no-break space */
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8D) || s[2] == 0xAF))
		return 3;                                           /* U+2000-200D, U+202F */
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0)           /* U+2060 word joiner */
		return 3;
	if ((s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||       /* U+3000 */
	    (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF))         /* U+FEFF */
		return 3;
	return 0;
}

/* The byte length of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const unsigned char *s)
{
	size_t n = *s < 0x80 ? 1 : (*s >> 5) == 6 ? 2 : (*s >> 4) == 14 ? 3 : (*s >> 3) == 30 ? 4 : 1;
	size_t i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

void rg_org_normalize(const char *in, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t o = 0, n;

	if (!size)
		return;
	while (*s) {
		if ((n = space_len(s))) {
			s += n;
			continue;
		}
		if (s[0] == 0xE0 && s[1] == 0xB9 && s[2] >= 0x90 && s[2] <= 0x99) {   /* ๐-๙ */
			if (o + 1 >= size)
				break;
			out[o++] = (char)('0' + (s[2] - 0x90));
			s += 3;
			continue;
		}
		/* U+0E4D NIKHAHIT + U+0E32 SARA AA, as some fonts make one types SARA AM U+0E33 */
		if (s[0] == 0xE0 && s[1] == 0xB9 && s[2] == 0x8D && s[3] == 0xE0 && s[4] == 0xB8 && s[5] == 0xB2) {
			if (o + 3 >= size)
				break;
			memcpy(out + o, "\xE0\xB8\xB3", 3);
			o += 3;
			s += 6;
			continue;
		}
		n = char_len(s);
		if (o + n >= size)
			break;
		memcpy(out + o, s, n);
		o += n;
		s += n;
	}
	out[o] = '\0';
}

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

rg_org_type rg_org_split_name(const char *name, char *place, size_t size)
{
	char norm[RG_ORG_TEXT * 2];
	size_t k, n;

	rg_org_normalize(name, norm, sizeof(norm));
	for (k = 0; k < N_WORDS; k++) {
		n = starts_with(norm, words[k].full) ? strlen(words[k].full)
			: starts_with(norm, words[k].abbr) ? strlen(words[k].abbr) : 0;
		if (n) {
			snprintf(place, size, "%s", norm + n);
			return words[k].type;
		}
	}
	snprintf(place, size, "%s", norm);
	return RG_ORG_OTHER;
}

/* A normalized field without the word that names what it is (อำเภอ, จังหวัด ...). */
static void place_field(const char *s, const char *word, const char *abbr, char *out, size_t size)
{
	char norm[RG_ORG_TEXT];

	rg_org_normalize(s, norm, sizeof(norm));
	if (starts_with(norm, word) && norm[strlen(word)])
		snprintf(out, size, "%s", norm + strlen(word));
	else if (starts_with(norm, abbr) && norm[strlen(abbr)])
		snprintf(out, size, "%s", norm + strlen(abbr));
	else
		snprintf(out, size, "%s", norm);
}

int rg_org_key_of(const rg_model *m, rg_org_key *k)
{
	rg_org_type named;

	memset(k, 0, sizeof(*k));
	if (!m->org_name || !m->org_name[0])
		return 0;
	named = rg_org_split_name(m->org_name, k->place, sizeof(k->place));
	/* the name's own type word is what the filing says; else the extractor's type */
	k->type = named != RG_ORG_OTHER ? named : m->org_type;
	if (k->type != RG_ORG_PAO)   /* one อบจ. a province: where its office stands does not tell two apart */
		place_field(m->district, "อำเภอ", "อ.", k->district, sizeof(k->district));
	place_field(m->province, "จังหวัด", "จ.", k->province, sizeof(k->province));
	return 1;
}

const char *rg_org_type_word(rg_org_type t)
{
	size_t k;

	for (k = 0; k < N_WORDS; k++)
		if (words[k].type == t)
			return words[k].full;
	return "";
}

void rg_org_full_name(const rg_org_key *k, char *out, size_t size)
{
	snprintf(out, size, "%s%s", rg_org_type_word(k->type), k->place);
}
