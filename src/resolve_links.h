/* resolve_links.h - wiki links and embeds against notes and a pack.
 *
 * Links to fixed ids are checked once per doc (links_check_doc).  What a
 * link shows depends on the pack (placeholders 'province' and
 * 'district', lectures in or out of it): links_resolve() settles every
 * link of one pack's docs into a table the pack owns, and gathers the
 * notes it must contain.  The docs themselves are only read. */
#ifndef LP_RESOLVE_LINKS_H
#define LP_RESOLVE_LINKS_H

#include <stddef.h>

#include "load_repo.h"

/* Where one wiki link or embed of a pack's doc goes. */
struct target {
	const struct wikilink *w;
	struct doc	*doc;		/* the doc named; NULL after an error */
	struct block	*section;	/* NULL: the whole doc */
	int		 linked;	/* doc is in the pack: a link (else the
					   label is shown as text) */
};

/* The link table of one pack. */
struct links {
	struct target	*v;		/* sorted by w once resolved */
	size_t		 n, cap;
	struct doc	**notes;	/* notes the pack uses, by id */
	size_t		 n_notes, cap_notes;
	struct msgs	 msgs;		/* problems of this pack's links */
};

/* Checks, once per doc, every link of d whose target is a fixed id
 * (parsing the targets it needs).  Problems go to d->msgs. */
void	links_check_doc(struct repo *r, struct doc *d);
/* Resolves all links of the lectures (and of the notes they reach) for
 * curriculum c into l, parsing the docs it needs.  Problems that
 * depend on the pack (with the pack named) go to l->msgs; the docs'
 * own are in the docs. */
void	links_resolve(struct links *l, struct repo *r, struct curriculum *c,
	    struct doc *const *lectures, size_t n_lectures);
/* The target of w, one of the links resolved into l; NULL when it has
 * none (an error was reported). */
const struct target *links_find(const struct links *l,
	    const struct wikilink *w);
/* Returns 1 when note n is one the pack uses. */
int	links_has_note(const struct links *l, const struct doc *n);
void	links_release(struct links *l);

#endif
