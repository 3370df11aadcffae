/*
** strmap.h - a small string-keyed hash map (open addressing) owning its keys.
** Values are ints; used for style names, relationship ids and the like.
*/
#ifndef RG_STRMAP_H
#define RG_STRMAP_H

#include <stddef.h>

typedef struct {
	char **keys;
	size_t *lens;
	int *values;
	size_t cap, len;
} rg_strmap;

#define RG_STRMAP_INIT { NULL, NULL, NULL, 0, 0 }

/* Insert or replace; 0 or RG_ENOMEM.  key need not be NUL-terminated (klen bytes). */
int rg_strmap_put(rg_strmap *m, const char *key, size_t klen, int value);
/* The value, or -1 when absent. */
int rg_strmap_get(const rg_strmap *m, const char *key, size_t klen);
void rg_strmap_free(rg_strmap *m);

#endif
