/* resolve_marks.c - parts and statuses from the marked tree. */
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

static const struct block *
node_block(cmark_node *n)
{
	if (cmark_node_get_type(n) != CMARK_NODE_CUSTOM_BLOCK)
		return NULL;
	return cmark_node_get_user_data(n);
}

/* Is n content directly inside the document, a section or a div? */
static int
is_content(cmark_node *n)
{
	cmark_node *p = cmark_node_parent(n);
	const struct block *b = node_block(n), *pb;

	if (p == NULL || (b && b->kind != BLOCK_EMBED))
		return 0;
	if (cmark_node_get_type(p) == CMARK_NODE_DOCUMENT)
		return 1;
	pb = node_block(p);
	return pb != NULL && pb->kind != BLOCK_EMBED;
}

/* The block that encloses n (a section or div), or NULL. */
static const struct block *
enclosing(cmark_node *n)
{
	const struct block *b;

	for (n = cmark_node_parent(n); n; n = cmark_node_parent(n))
		if ((b = node_block(n)) != NULL)
			return b;
	return NULL;
}

/* Does b or a block around it carry a mark of its own? */
static int
marked(const struct block *b)
{
	for (; b; b = b->parent)
		if (b->mark)
			return 1;
	return 0;
}

static const char *
part_title(const struct block *b, const struct doc *d)
{
	for (; b; b = b->parent)
		if (b->kind == BLOCK_SECTION && b->title)
			return b->title;
	return d->title ? d->title : d->path;
}

void
marks_resolve(struct doc *d)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	const struct block *b;
	size_t cap = 0;
	int baseline = 0;

	free(d->parts);
	d->parts = NULL;
	d->n_parts = 0;
	if (d->root == NULL)
		return;
	it = cmark_iter_new(d->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		b = node_block(n);
		if (b && b->mark && b->kind != BLOCK_EMBED) {
			d->parts = xgrow(d->parts, &cap, d->n_parts + 1,
			    sizeof(*d->parts));
			d->parts[d->n_parts].line = b->loc.line;
			d->parts[d->n_parts].mark = b->mark;
			d->parts[d->n_parts].title = part_title(b, d);
			d->parts[d->n_parts++].block = b;
		} else if (d->congress && !baseline && is_content(n))
			baseline = !marked(enclosing(n));
	}
	cmark_iter_free(it);
	if (baseline) {
		/* The baseline's line is in the front matter: it goes first. */
		d->parts = xgrow(d->parts, &cap, d->n_parts + 1,
		    sizeof(*d->parts));
		memmove(d->parts + 1, d->parts, d->n_parts * sizeof(*d->parts));
		d->parts[0].line = d->congress_line;
		d->parts[0].mark = d->congress;
		d->parts[0].title = d->title ? d->title : d->path;
		d->parts[0].block = NULL;
		d->n_parts++;
	}
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
