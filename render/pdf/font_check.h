/*
** font_check.h - refuse fonts libharu cannot draw Thai with.
**
** libharu loads only glyf TrueType fonts and can address a glyph only by a
** code point of the cmap, so the font must map every Thai character and the
** 27 presentation glyphs U+F700-U+F71A that the shaper (thai_shape.h) uses.
*/
#ifndef RG_FONT_CHECK_H
#define RG_FONT_CHECK_H

/* 0 when the file at path is usable; else RG_EIO / RG_EFORMAT with a message
** naming the file and what is missing. */
int rg_font_check(const char *path);

#endif
