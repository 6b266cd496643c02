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
	return d ? d->congress : 0;
}

int
block_enclosing_mark(const struct block *b)
{
	for (b = b->parent; b; b = b->parent)
		if (b->mark)
			return b->mark;
	return 0;
}

/* Is this a section the baseline covers: a heading of the page with no
 * mark of its own or around it? */
static int
baseline_covers(const struct block *b)
{
	return b->kind == BLOCK_SECTION && b->is_section && b->level > 0 &&
	    b->title != NULL && block_effective_mark(b, NULL) == 0;
}

const struct block **
marks_baseline_sections(const struct doc *d, size_t *n)
{
	const struct block **v = NULL;
	size_t i, cap = 0;

	*n = 0;
	if (d->n_parts == 0 || d->parts[0].block != NULL)
		return NULL;	/* no baseline part (it comes first) */
	for (i = 0; i < d->n_blocks; i++)
		if (baseline_covers(d->blocks[i])) {
			v = xgrow(v, &cap, *n + 1, sizeof(*v));
			v[(*n)++] = d->blocks[i];
		}
	return v;
}

static void
place_add(struct mark_place **v, size_t *cap, size_t *n, int line,
    const char *title, const struct block *b)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[*n].line = line;
	(*v)[*n].title = title;
	(*v)[(*n)++].block = b;
}

static int
cmp_place(const void *a, const void *b)
{
	const struct mark_place *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

struct mark_place *
marks_places(const struct doc *d, int current, size_t *n)
{
	struct mark_place *v = NULL;
	const struct block **secs;
	size_t i, k, n_secs, cap = 0;

	*n = 0;
	for (i = 0; i < d->n_parts; i++) {
		const struct part *p = &d->parts[i];

		if (p->mark >= current)
			continue;
		if (p->block) {
			place_add(&v, &cap, n, p->line, p->title, p->block);
			continue;
		}
		secs = marks_baseline_sections(d, &n_secs);
		for (k = 0; k < n_secs; k++)
			place_add(&v, &cap, n, secs[k]->loc.line,
			    secs[k]->title, secs[k]);
		if (n_secs == 0)
			place_add(&v, &cap, n, p->line, p->title, NULL);
		free(secs);
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_place);
	return v;
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
