/* resolve_links.h - wiki links and embeds against notes and a pack.
 *
 * Links to fixed ids are checked once per doc (links_check_doc).  Placeholders 'province' and 'district' depend on the
 * pack: pack_resolve() settles every link of every doc in one pack and
 * gathers the notes the pack must contain. */
#ifndef LP_RESOLVE_LINKS_H
#define LP_RESOLVE_LINKS_H

#include <stddef.h>

#include "load_repo.h"

struct pack {
	struct curriculum *c;
	struct doc	**lectures;	/* in curriculum order (borrowed) */
	size_t		 n_lectures;
	struct doc	**notes;	/* notes the pack uses, by id */
	size_t		 n_notes;
	struct doc	***backlinks;	/* per note: lectures linking to it */
	size_t		*n_backlinks;
	struct msgs	 msgs;		/* problems of this pack's links */
};

/* Checks, once per doc, every link of d whose target is a fixed id
 * (parsing the targets it needs).  Errors are counted in d. */
void	links_check_doc(struct repo *r, struct doc *d);
/* Resolves all links of the pack's docs for curriculum c, parsing the
 * docs it needs.  Problems that depend on the pack (with the pack
 * named) go to p->msgs; the docs' own problems are in the docs. */
void	pack_resolve(struct pack *p, struct repo *r, struct curriculum *c);
void	pack_release(struct pack *p);
/* Returns 1 when the pack, its curriculum or one of its docs has an
 * error: such a pack is not written. */
int	pack_has_errors(const struct pack *p);
/* Returns 1 when d is one of the pack's lectures or notes. */
int	pack_contains(const struct pack *p, const struct doc *d);

#endif
