/* strmap.c - a map from borrowed strings to numbers (see strmap.h). */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

size_t
strmap_hash(const char *key, size_t *len)
{
	const char *s;
	size_t h = 2166136261u;

	for (s = key; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	if (len)
		*len = (size_t)(s - key);
	return h;
}

struct strmap_slot *
strmap_find_hashed(const struct strmap *m, const char *key, size_t hash)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = hash & (m->cap - 1); m->slots[i].key;
	    i = (i + 1) & (m->cap - 1))
		if (m->slots[i].hash == hash &&
		    strcmp(m->slots[i].key, key) == 0)
			return &m->slots[i];
	return NULL;
}

struct strmap_slot *
strmap_find(const struct strmap *m, const char *key)
{
	return strmap_find_hashed(m, key, strmap_hash(key, NULL));
}

static void
put_slot(struct strmap *m, const char *key, size_t val, size_t hash)
{
	size_t i;

	for (i = hash & (m->cap - 1); m->slots[i].key;
	    i = (i + 1) & (m->cap - 1))
		;
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->slots[i].hash = hash;
	m->n++;
}

void
strmap_add(struct strmap *m, const char *key, size_t val)
{
	struct strmap_slot *prev = m->slots;
	size_t i, old = m->cap;

	if (2 * (m->n + 1) > m->cap) {
		m->cap = old ? old * 2 : 64;
		m->slots = xcalloc(m->cap, sizeof(*m->slots));
		m->n = 0;
		for (i = 0; i < old; i++)
			if (prev[i].key)
				put_slot(m, prev[i].key, prev[i].val,
				    prev[i].hash);
		free(prev);
	}
	put_slot(m, key, val, strmap_hash(key, NULL));
}

void
strmap_release(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->n = m->cap = 0;
}
