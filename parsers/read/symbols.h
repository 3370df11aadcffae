/*
** symbols.h - symbol-font characters to Unicode, by (font, code).
**
** Word stores a symbol as a font name and a code (w:sym w:font="Wingdings"
** w:char="F0FE"); LibreOffice turns it into a private-use character in a span
** of that font.  The same glyph code means different things in different
** fonts, so the mapping goes by the pair, never by the glyph alone.
*/
#ifndef RG_SYMBOLS_H
#define RG_SYMBOLS_H

/* Whether a font name is a known symbol font (Wingdings, Wingdings 2, Symbol, Webdings). */
int rg_symbol_font(const char *font);

/* The symbol font's own name (a static string), or NULL when it is not one. */
const char *rg_symbol_font_name(const char *font);

/* The Unicode character for (font, code), code being F0xx or 00xx; 0 when unknown. */
unsigned rg_symbol_map(const char *font, unsigned code);

/* Whether a list marker drawing this character is a check box (☐ ☑ ☒ □ ◻ ⌧),
** as opposed to a bullet: ticks and shadowed boxes (✓ ✔ ❑ ❒), which Word's
** bullet library offers as decoration, are bullets. */
int rg_symbol_is_box(unsigned u);

#endif
