/*
** thai_shape.c - logical Thai UTF-8 to the visual glyph string (see thai_shape.h).
**
** Thai runs are converted to TIS-620, cut into cells with th_next_cell() and
** each cell rendered with th_render_cell_win(..., decompose ำ); the Windows
** glyph codes 0x80-0x9F/0xFC-0xFE become U+F700-F71A, the others are TIS-620.
*/
#include "thai_shape.h"

#include <string.h>

#include <thai/thcell.h>
#include <thai/thrend.h>
#include <thai/thwchar.h>

/* Windows Thai glyph code -> Microsoft PUA code point (the table of
** libthai's Win_shape_table_ and HarfBuzz's Thai PUA fallback), indexed by
** code - 0x80 for 0x80-0x9F; 0xFC-0xFE are the lowered ุ ู ฺ. */
static const unsigned short win_pua_80[32] = {
	0xF700,                                 /* 0x80 ฐ without tail */
	0xF701, 0xF702, 0xF703, 0xF704,         /* 0x81-0x84 ิ ี ึ ื shifted left */
	0,                                      /* 0x85 (ellipsis in cp874) */
	0xF705, 0xF706, 0xF707, 0xF708, 0xF709, /* 0x86-0x8A tones down-left */
	0xF70A, 0xF70B, 0xF70C, 0xF70D, 0xF70E, /* 0x8B-0x8F tones down */
	0xF70F,                                 /* 0x90 ญ without tail */
	0, 0, 0, 0, 0, 0, 0,                    /* 0x91-0x97 */
	0xF710,                                 /* 0x98 ั shifted left */
	0xF711,                                 /* 0x99 ํ shifted left */
	0xF712,                                 /* 0x9A ็ shifted left */
	0xF713, 0xF714, 0xF715, 0xF716, 0xF717, /* 0x9B-0x9F tones left */
};

static unsigned win_pua(unsigned char g)
{
	if (g >= 0x80 && g <= 0x9F)
		return win_pua_80[g - 0x80];
	if (g >= 0xFC && g <= 0xFE)
		return 0xF718u + (g - 0xFCu);
	return 0;
}

unsigned rg_thai_win_glyph(unsigned char g)
{
	unsigned cp;

	if (g == TH_BLANK_BASE_GLYPH || g == 0)
		return 0;   /* a mark without base: draw the mark alone */
	if ((cp = win_pua(g)))
		return cp;
	return th_tis2uni(g);
}

unsigned rg_thai_pua_base(unsigned cp)
{
	/* The base characters of U+F700..U+F71A, in order. */
	static const unsigned short base[27] = {
		0x0E10, 0x0E34, 0x0E35, 0x0E36, 0x0E37,
		0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,
		0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,
		0x0E0D, 0x0E31, 0x0E4D, 0x0E47,
		0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,
		0x0E38, 0x0E39, 0x0E3A,
	};

	if (cp < RG_THAI_PUA_FIRST || cp > RG_THAI_PUA_LAST)
		return 0;
	return base[cp - RG_THAI_PUA_FIRST];
}

static int is_thai(unsigned cp)
{
	return cp >= 0x0E01 && cp <= 0x0E5B && th_uni2tis((thwchar_t)cp) != 0;
}

/* Shape one run of TIS-620 text; returns 1 if a glyph differs from its character. */
static int shape_run(const thchar_t *tis, size_t len, rg_buf *out)
{
	size_t pos = 0;
	int changed = 0;

	while (pos < len) {
		struct thcell_t cell;
		thglyph_t glyphs[8];
		size_t used = th_next_cell(tis + pos, len - pos, &cell, 1);
		int n, k;

		if (used == 0)
			used = 1;
		n = th_render_cell_win(cell, glyphs, sizeof(glyphs), 1);
		for (k = 0; k < n; k++) {
			unsigned cp = rg_thai_win_glyph(glyphs[k]);
			if (cp)
				rg_buf_put_utf8(out, cp);
		}
		/* Unchanged iff the glyphs are exactly the input characters. */
		if (!changed) {
			size_t j;
			if ((size_t)n != used)
				changed = 1;
			for (j = 0; !changed && j < used; j++)
				if (glyphs[j] != tis[pos + j])
					changed = 1;
		}
		pos += used;
	}
	return changed;
}

int rg_thai_shape(const char *s, size_t n, rg_buf *out)
{
	thchar_t run[256];
	size_t rlen = 0, i = 0;
	int changed = 0;

	while (i < n) {
		unsigned cp;
		int l = rg_utf8_decode(s + i, n - i, &cp);

		if (is_thai(cp)) {
			if (rlen == sizeof(run)) {
				/* a very long run: cells never exceed 4 characters, so cut at a cell start */
				struct thcell_t cell;
				size_t cut = rlen - th_prev_cell(run, rlen, &cell, 1);
				if (cut == 0)
					cut = rlen;
				changed |= shape_run(run, cut, out);
				memmove(run, run + cut, rlen - cut);
				rlen -= cut;
			}
			run[rlen++] = th_uni2tis((thwchar_t)cp);
		} else {
			if (rlen) {
				changed |= shape_run(run, rlen, out);
				rlen = 0;
			}
			rg_buf_put(out, s + i, (size_t)l);
		}
		i += (size_t)l;
	}
	if (rlen)
		changed |= shape_run(run, rlen, out);
	return changed;
}

void rg_thai_shape_cells(const char *s, size_t n, rg_cell_fn emit, void *ctx)
{
	rg_buf vis = RG_BUF_INIT;
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		int l = rg_utf8_decode(s + i, n - i, &cp);

		if (is_thai(cp)) {
			/* the Thai run from i, its cells mapped back to byte offsets */
			thchar_t run[64];
			size_t offs[65], rlen = 0, j = i, pos = 0;
			while (j < n && rlen < sizeof(run)) {
				unsigned c2;
				int l2 = rg_utf8_decode(s + j, n - j, &c2);
				if (!is_thai(c2))
					break;
				offs[rlen] = j;
				run[rlen++] = th_uni2tis((thwchar_t)c2);
				j += (size_t)l2;
			}
			offs[rlen] = j;
			/* a run cut by the buffer size keeps its last cell for the next round */
			if (j < n && rlen == sizeof(run)) {
				struct thcell_t cell;
				size_t back = th_prev_cell(run, rlen, &cell, 1);
				if (back < rlen)
					rlen -= back;
			}
			while (pos < rlen) {
				struct thcell_t cell;
				size_t used = th_next_cell(run + pos, rlen - pos, &cell, 1);
				if (used == 0)
					used = 1;
				rg_buf_clear(&vis);
				shape_run(run + pos, used, &vis);
				emit(ctx, offs[pos], offs[pos + used], vis.ptr ? vis.ptr : "", vis.len);
				pos += used;
			}
			i = offs[rlen];
			continue;
		}
		emit(ctx, i, i + (size_t)l, s + i, (size_t)l);
		i += (size_t)l;
	}
	rg_buf_free(&vis);
}
