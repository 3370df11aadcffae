/*
** thai_shape.h - Thai cell shaping for fonts without GSUB support in libharu.
**
** libharu draws one glyph per code point and does no shaping, so marks would
** float or collide.  We pick the glyph of every Thai cell with libthai's
** Windows cell renderer (lowered/left-shifted marks, tail-less ญ/ฐ, lowered
** vowels under ฎ/ฏ, decomposed ำ) and map its Windows glyph codes to the
** Microsoft private-use code points U+F700-U+F71A that TLWG fonts carry.
*/
#ifndef RG_THAI_SHAPE_H
#define RG_THAI_SHAPE_H

#include <stddef.h>
#include "core/buf.h"

/* Append the visual (shaped) form of the logical UTF-8 text s[0..n) to out.
** Non-Thai characters are copied unchanged.  Returns 1 when the visual text
** differs from the logical one (so an /ActualText span is needed), else 0. */
int rg_thai_shape(const char *s, size_t n, rg_buf *out);

/* Shape s[0..n) cell by cell: emit(ctx, start, end, visual, len) is called for
** each cell (a byte range of s) with its visual UTF-8; the cells tile s. */
typedef void (*rg_cell_fn)(void *ctx, size_t start, size_t end, const char *visual, size_t len);
void rg_thai_shape_cells(const char *s, size_t n, rg_cell_fn emit, void *ctx);

/* The logical Thai character a presentation glyph U+F700-F71A stands for
** (for the ToUnicode CMap); 0 when cp is not one of them. */
unsigned rg_thai_pua_base(unsigned cp);

/* The Unicode code point of a libthai Windows glyph code (0 = draw nothing). */
unsigned rg_thai_win_glyph(unsigned char g);

#define RG_THAI_PUA_FIRST 0xF700u
#define RG_THAI_PUA_LAST 0xF71Au

#endif
