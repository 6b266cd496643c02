/* resolve_links.h - wiki links and embeds against notes and a pack.
 *
 * Links to fixed ids are checked once for the whole repository
 * (links_check).  Placeholders 'province' and 'district' depend on the
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
	int		 n_errors;	/* errors found for this pack */
};

/* Checks every link whose target is a fixed id.  Errors are counted in
 * the doc holding the link. */
void	links_check(struct repo *r);
/* Resolves all links of the pack's docs for curriculum c.  Errors (with
 * the pack named) are counted in p->n_errors. */
void	pack_resolve(struct pack *p, struct repo *r, struct curriculum *c);
void	pack_release(struct pack *p);
/* Returns 1 when d is one of the pack's lectures or notes. */
int	pack_contains(const struct pack *p, const struct doc *d);

#endif
