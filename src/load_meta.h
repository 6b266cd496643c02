/* load_meta.h - typed front matter and curriculum keys.
 *
 * A table of known keys per kind of file; each value is converted and
 * checked (strings, lists of strings, whole numbers, dates, ids, congress
 * numerals, levels, terms).  A key one or two edits from a known key is
 * an error naming it (a congress key so misspelt leaves the baseline
 * MARK_UNREADABLE); other unknown keys are warnings; wrong types are
 * located errors. */
#ifndef LP_LOAD_META_H
#define LP_LOAD_META_H

#include <stddef.h>

#include "load_yaml.h"

enum meta_type {
	META_STR,	/* char * */
	META_STRLIST,	/* char ** plus size_t count at offset2 */
	META_INT,	/* int, whole number >= 0 */
	META_DATE,	/* char *, YYYY-MM-DD */
	META_ID,	/* char *, [a-z0-9][a-z0-9-]* */
	META_CONGRESS,	/* int 9..20, and the line at offset2 */
	META_LEVEL,	/* enum note_level */
	META_TERM,	/* char *, YYYY-YYYY */
	META_LANG,	/* char *, a BCP 47 language tag */
	META_PATH,	/* char *, a relative path (checked by the caller) */
	META_BOOL,	/* int, 1 for true and 0 for false */
	META_AUDIENCE,	/* enum audience */
	META_ANY	/* handled by the caller */
};

struct meta_key {
	const char	*key;
	enum meta_type	 type;
	size_t		 offset;	/* where the value goes in the struct */
	size_t		 offset2;	/* STRLIST: count; CONGRESS: line;
					   others: a struct loc for the value
					   (0: not kept) */
	int		 required;
};

/* Applies map `m` to the struct at `base` through `keys` (ended by a NULL
 * key); `what` names the map in messages, in English (translated here:
 * mark it with N_()).  A located message in msgs for every problem; returns the
 * number of errors.  Every string stored is malloc'ed and owned by the struct. */
int	meta_apply(void *base, const struct meta_key *keys,
	    const struct ynode *m, const char *what, struct msgs *msgs);
/* Returns 1 when s is a valid calendar date YYYY-MM-DD. */
int	date_valid(const char *s);

#endif
