/*
** buf.h - a growable byte buffer, always NUL-terminated.
**
** Allocation failure is sticky (as in libgit2's git_str): after the first
** failure every later operation is a no-op and rg_buf_oom() is true, so a
** writer can append freely and check once at the end.
*/
#ifndef RG_BUF_H
#define RG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *ptr;   /* NUL-terminated when len > 0 or after rg_buf_cstr() */
	size_t len;
	size_t cap;
	int oom;
} rg_buf;

#define RG_BUF_INIT { NULL, 0, 0, 0 }

int rg_buf_grow(rg_buf *b, size_t extra);
void rg_buf_put(rg_buf *b, const char *data, size_t len);
void rg_buf_puts(rg_buf *b, const char *s);
void rg_buf_putc(rg_buf *b, char c);
void rg_buf_put_utf8(rg_buf *b, unsigned cp);
void rg_buf_printf(rg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void rg_buf_truncate(rg_buf *b, size_t len);
void rg_buf_clear(rg_buf *b);
const char *rg_buf_cstr(rg_buf *b);     /* "" for an empty buffer */
char *rg_buf_detach(rg_buf *b);         /* caller frees; NULL on oom */
void rg_buf_free(rg_buf *b);
static inline int rg_buf_oom(const rg_buf *b) { return b->oom; }

/* Decode one UTF-8 sequence at s (n bytes left); returns its length (>= 1)
** and stores the code point, or U+FFFD for an invalid byte (length 1). */
int rg_utf8_decode(const char *s, size_t n, unsigned *cp);

/* Room for need elements of size bytes in the array *p of *cap elements
** (doubling, from 64).  0, or RG_ENOMEM after rg_error_set (*p is kept). */
int rg_array_grow(void **p, size_t *cap, size_t need, size_t size);

#endif
