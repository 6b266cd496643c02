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
 * doc's baseline, else 0. */
int		 block_effective_mark(const struct block *b, const struct doc *d);

#endif
