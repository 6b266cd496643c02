/* strmap.h - a map from borrowed strings to numbers: open addressing,
 * FNV-1a.  The map does not copy its keys; each must stay valid as long
 * as the map holds it. */
#ifndef LP_STRMAP_H
#define LP_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	const char	*key;	/* NULL: a free slot */
	size_t		 val;
	size_t		 hash;	/* strmap_hash(key) */
};

struct strmap {
	struct strmap_slot *slots;
	size_t		 n, cap;	/* cap: 0 or a power of two */
};

#define STRMAP_INIT	{ NULL, 0, 0 }

/* The hash of key; *len is set to its length when len is not NULL. */
size_t	strmap_hash(const char *key, size_t *len);
/* Returns the slot of key (whose val the caller may change), or NULL. */
struct strmap_slot *strmap_find(const struct strmap *m, const char *key);
/* The same with the key's hash already known. */
struct strmap_slot *strmap_find_hashed(const struct strmap *m,
	    const char *key, size_t hash);
/* Adds key, which must not be in m yet, with val. */
void	strmap_add(struct strmap *m, const char *key, size_t val);
/* Frees the slots, not the keys; m is empty and usable again. */
void	strmap_release(struct strmap *m);

#endif
