/* resolve_pack.h - one pack of a run: its view and its link table.
 *
 * pack_resolve() settles a curriculum's links (resolve_links.h) and lays
 * out what every renderer walks: the parts (title and lectures), the
 * pages in reading order (every lecture, then the notes of the
 * appendix), prev/next, numbering and backlinks.  The pack owns all of
 * it; the docs it points at are only read, so packs are independent. */
#ifndef LP_RESOLVE_PACK_H
#define LP_RESOLVE_PACK_H

#include <stddef.h>

#include "load_repo.h"
#include "resolve_links.h"

enum page_kind {
	PAGE_LECTURE,
	PAGE_NOTE
};

struct vpart;

/* One page of the pack: a lecture or a note of the appendix. */
struct page {
	enum page_kind	 kind;
	struct doc	*doc;		/* borrowed */
	const struct vpart *part;	/* lecture: its part; note: NULL */
	size_t		 number;	/* 1, 2 ... among lectures, or among
					   notes */
	const struct page *prev;	/* lectures, in reading order */
	const struct page *next;
	struct doc	**backlinks;	/* note: the lectures linking to it,
					   in reading order */
	size_t		 n_backlinks;
};

/* A part of the curriculum: its title and its lectures' pages. */
struct vpart {
	const char	*title;		/* NULL for a flat `lectures:` list */
	struct page	*pages;		/* within pack.pages */
	size_t		 n;
};

struct pack {
	struct curriculum *c;
	struct page	*pages;		/* lectures, then notes */
	size_t		 n_pages;
	size_t		 n_lectures;	/* pages[0 .. n_lectures) */
	struct page	*notes;		/* pages + n_lectures */
	size_t		 n_notes;
	struct vpart	*parts;		/* as in the curriculum */
	size_t		 n_parts;
	struct links	 links;
};

/* Resolves the pack of curriculum c and lays out its view, parsing the
 * docs it needs.  Errors (with the pack named) are counted in the pack,
 * the docs' own in the docs.  Free with pack_release(). */
void	pack_resolve(struct pack *p, struct repo *r, struct curriculum *c);
void	pack_release(struct pack *p);
/* Returns 1 when the pack, its curriculum or one of its docs has an
 * error: such a pack is not written. */
int	pack_has_errors(const struct pack *p);
/* Returns 1 when d is one of the pack's lectures or notes. */
int	pack_contains(const struct pack *p, const struct doc *d);
/* Where link w (of one of the pack's docs) goes: returns 1 and sets *to
 * and *section (NULL: the whole doc) when it is shown as a link; 0 when
 * its label is shown as text. */
int	pack_target(const struct pack *p, const struct wikilink *w,
	    const struct doc **to, const struct block **section);
/* The visible text of link w: its own label, else the title of the
 * section or doc it names (in the pack or not), else what it names. */
const char *pack_link_label(const struct pack *p, const struct wikilink *w);

#endif
