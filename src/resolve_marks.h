/* resolve_marks.h - congress marks: a lecture's status from its parts
 * (SPEC 4; the parts are made while loading, load_tree.c). */
#ifndef LP_RESOLVE_MARKS_H
#define LP_RESOLVE_MARKS_H

#include "model.h"

enum status {
	STATUS_OUTDATED,	/* sorted as a reviewer reads: worst first */
	STATUS_PARTIAL,
	STATUS_UNMARKED,
	STATUS_UPDATED
};

/* The lecture's status against the current congress. */
enum status	 marks_status(const struct doc *d, int current);
const char	*status_name(enum status s);
/* The mark in force for a block: its own, its enclosing blocks', the
 * doc's baseline (none when d is NULL), else 0. */
int		 block_effective_mark(const struct block *b, const struct doc *d);
/* The mark of the nearest block around b (not b itself) that carries
 * one of its own, else 0: a div with that same mark adds no label. */
int		 block_enclosing_mark(const struct block *b);

/* A place a reviewer must update: an outdated part with a mark of its
 * own, or a section that an outdated baseline covers. */
struct mark_place {
	int			 line;
	const char		*title;	/* borrowed from the doc */
	const struct block	*block;	/* the section or div; NULL for the
					   baseline part itself */
};

/* The sections that follow d's baseline (SPEC 4 "Parts"): headings not
 * inside a section or div with a mark of its own, in document order.
 * Sets *n; returns an array to free(), of blocks borrowed from d, or
 * NULL when there are none (also when d has no baseline part). */
const struct block **marks_baseline_sections(const struct doc *d, size_t *n);
/* Where d needs work against `current`, by line: every outdated part
 * with a mark of its own and, for an outdated baseline, the sections it
 * covers (the baseline part itself when it covers none).  Sets *n;
 * returns an array to free(), or NULL when d is not outdated or
 * partial. */
struct mark_place *marks_places(const struct doc *d, int current, size_t *n);

#endif
