/* resolve_marks.c - statuses from a doc's parts (load_tree.c builds
 * the parts: they do not depend on the pack). */
#include "resolve_marks.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

int
block_effective_mark(const struct block *b, const struct doc *d)
{
	for (; b; b = b->parent)
		if (b->mark)
			return b->mark;
	return d->congress;
}

enum status
marks_status(const struct doc *d, int current)
{
	size_t i;
	int lower = 0, at = 0;

	for (i = 0; i < d->n_parts; i++) {
		if (d->parts[i].mark < current)
			lower = 1;
		else
			at = 1;
	}
	if (lower && at)
		return STATUS_PARTIAL;
	if (lower)
		return STATUS_OUTDATED;
	if (at)
		return STATUS_UPDATED;
	return STATUS_UNMARKED;
}

const char *
status_name(enum status s)
{
	static const char *names[] = { "outdated", "partial", "unmarked",
	    "updated" };

	return names[s];
}
