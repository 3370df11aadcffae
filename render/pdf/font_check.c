/*
** font_check.c - check a TrueType font before libharu loads it (see font_check.h).
**
** Reads the table directory (a 'glyf' table, no 'CFF '), then the Unicode
** cmap subtable (format 4, or 12) and looks up each needed code point.
*/
#include "font_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

typedef struct {
	const unsigned char *p;
	size_t n;
} span;

static unsigned u16(span s, size_t off) { return off + 2 <= s.n ? (unsigned)s.p[off] << 8 | s.p[off + 1] : 0; }
static unsigned long u32(span s, size_t off)
{
	return off + 4 <= s.n ? (unsigned long)u16(s, off) << 16 | u16(s, off + 2) : 0;
}

static int find_table(span f, const char *tag, span *out)
{
	unsigned i, n = u16(f, 4);

	for (i = 0; i < n; i++) {
		size_t rec = 12 + 16 * (size_t)i;
		if (rec + 16 > f.n)
			return 0;
		if (!memcmp(f.p + rec, tag, 4)) {
			unsigned long off = u32(f, rec + 8), len = u32(f, rec + 12);
			if (off > f.n || len > f.n - off)
				return 0;
			out->p = f.p + off;
			out->n = len;
			return 1;
		}
	}
	return 0;
}

/* Glyph id of cp in a format 4 subtable (0 = missing). */
static unsigned fmt4_lookup(span t, unsigned cp)
{
	unsigned segx2 = u16(t, 6), i;
	size_t ends = 14, starts = ends + segx2 + 2, deltas = starts + segx2, offs = deltas + segx2;

	for (i = 0; i < segx2; i += 2) {
		unsigned end = u16(t, ends + i), start = u16(t, starts + i);
		unsigned delta = u16(t, deltas + i), ro = u16(t, offs + i);
		if (cp > end)
			continue;
		if (cp < start)
			return 0;
		if (!ro)
			return (cp + delta) & 0xFFFF;
		{
			size_t g = offs + i + ro + 2 * (size_t)(cp - start);
			unsigned gid = u16(t, g);
			return gid ? (gid + delta) & 0xFFFF : 0;
		}
	}
	return 0;
}

static unsigned fmt12_lookup(span t, unsigned cp)
{
	unsigned long n = u32(t, 12), i;

	for (i = 0; i < n; i++) {
		size_t g = 16 + 12 * (size_t)i;
		unsigned long a = u32(t, g), b = u32(t, g + 4);
		if (g + 12 > t.n)
			return 0;
		if (cp >= a && cp <= b)
			return (unsigned)(u32(t, g + 8) + (cp - a));
	}
	return 0;
}

static int check_font(span f, const char *path)
{
	span glyf, cmap, sub = { NULL, 0 };
	unsigned i, n, fmt = 0, cp, missing = 0, first_missing = 0;

	if (f.n < 12 || (u32(f, 0) != 0x00010000UL && memcmp(f.p, "true", 4))) {
		if (f.n >= 4 && !memcmp(f.p, "OTTO", 4))
			return rg_error_set(RG_EFORMAT, "%s: an OpenType/CFF font (.otf); libharu needs a TrueType "
				"(glyf) font such as /usr/share/fonts/truetype/tlwg/Laksaman.ttf", path);
		return rg_error_set(RG_EFORMAT, "%s: not a TrueType font", path);
	}
	if (!find_table(f, "glyf", &glyf))
		return rg_error_set(RG_EFORMAT, "%s: no 'glyf' table; libharu draws only TrueType outlines", path);
	if (!find_table(f, "cmap", &cmap))
		return rg_error_set(RG_EFORMAT, "%s: no 'cmap' table", path);
	n = u16(cmap, 2);
	for (i = 0; i < n; i++) {
		size_t rec = 4 + 8 * (size_t)i;
		unsigned plat = u16(cmap, rec), enc = u16(cmap, rec + 2);
		unsigned long off = u32(cmap, rec + 4);
		span t;
		unsigned tf;
		if (off >= cmap.n)
			continue;
		t.p = cmap.p + off;
		t.n = cmap.n - off;
		tf = u16(t, 0);
		if ((plat == 3 && (enc == 1 || enc == 10)) || plat == 0) {
			if (tf == 12 || (tf == 4 && fmt != 12)) {
				sub = t;
				fmt = tf;
			}
		}
	}
	if (!sub.p)
		return rg_error_set(RG_EFORMAT, "%s: no Unicode cmap subtable", path);

	/* The 87 Thai characters (U+0E01-0E3A, U+0E3F-0E5B) and the 27 PUA glyphs. */
	for (cp = 0x0E01; cp <= 0xF71A; cp++) {
		unsigned gid;
		if ((cp > 0x0E3A && cp < 0x0E3F) || (cp > 0x0E5B && cp < 0xF700))
			continue;
		gid = fmt == 12 ? fmt12_lookup(sub, cp) : fmt4_lookup(sub, cp);
		if (!gid && !missing++)
			first_missing = cp;
	}
	if (missing)
		return rg_error_set(RG_EFORMAT, "%s: lacks %u of the Thai characters and presentation glyphs "
			"(U+0E01-0E5B, U+F700-F71A), first U+%04X; use a TLWG font such as Laksaman",
			path, missing, first_missing);
	return 0;
}

int rg_font_check(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL;
	long size;
	span f;
	int rc;

	if (!fp)
		return rg_error_set(RG_EIO, "%s: cannot open font", path);
	if (fseek(fp, 0, SEEK_END) || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET)) {
		fclose(fp);
		return rg_error_set(RG_EIO, "%s: cannot read font", path);
	}
	if (size > (64L << 20)) {
		fclose(fp);
		return rg_error_set(RG_EFORMAT, "%s: font larger than 64 MiB", path);
	}
	if (!(data = malloc((size_t)size + 1))) {
		fclose(fp);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (fread(data, 1, (size_t)size, fp) != (size_t)size) {
		free(data);
		fclose(fp);
		return rg_error_set(RG_EIO, "%s: cannot read font", path);
	}
	fclose(fp);
	f.p = data;
	f.n = (size_t)size;
	rc = check_font(f, path);
	free(data);
	return rc;
}
