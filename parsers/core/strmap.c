/*
** strmap.c - string-keyed hash map (see strmap.h).
*/
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Eight bytes a step (keys are whole table cells: a byte-at-a-time hash shows in profiles). */
static size_t hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 29;
	return (size_t)h;
}

static size_t slot(char **keys, const size_t *lens, size_t cap, const char *key, size_t klen)
{
	size_t i = hash(key, klen) & (cap - 1);

	while (keys[i] && (lens[i] != klen || memcmp(keys[i], key, klen)))
		i = (i + 1) & (cap - 1);
	return i;
}

static int grow(rg_strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16, i, j;
	char **keys = calloc(ncap, sizeof(*keys));
	size_t *lens = calloc(ncap, sizeof(*lens));
	int *values = calloc(ncap, sizeof(*values));

	if (!keys || !lens || !values) {
		free(keys);
		free(lens);
		free(values);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	for (i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		j = slot(keys, lens, ncap, m->keys[i], m->lens[i]);
		keys[j] = m->keys[i];
		lens[j] = m->lens[i];
		values[j] = m->values[i];
	}
	free(m->keys);
	free(m->lens);
	free(m->values);
	m->keys = keys;
	m->lens = lens;
	m->values = values;
	m->cap = ncap;
	return 0;
}

int rg_strmap_put(rg_strmap *m, const char *key, size_t klen, int value)
{
	size_t i;
	char *k;

	if ((m->len + 1) * 2 > m->cap && grow(m))
		return RG_ENOMEM;
	i = slot(m->keys, m->lens, m->cap, key, klen);
	if (!m->keys[i]) {
		if (!(k = malloc(klen + 1)))
			return rg_error_set(RG_ENOMEM, "out of memory");
		memcpy(k, key, klen);
		k[klen] = '\0';
		m->keys[i] = k;
		m->lens[i] = klen;
		m->len++;
	}
	m->values[i] = value;
	return 0;
}

int rg_strmap_get(const rg_strmap *m, const char *key, size_t klen)
{
	size_t i;

	if (!m->cap)
		return -1;
	i = slot(m->keys, m->lens, m->cap, key, klen);
	return m->keys[i] ? m->values[i] : -1;
}

void rg_strmap_free(rg_strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->lens);
	free(m->values);
	memset(m, 0, sizeof(*m));
}
