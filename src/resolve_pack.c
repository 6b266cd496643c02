/* resolve_pack.c - a pack's view and link table (see resolve_pack.h). */
#include "resolve_pack.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void
add_backlink(struct page *note, struct doc *from)
{
	size_t k;

	for (k = 0; k < note->n_backlinks; k++)
		if (note->backlinks[k] == from)
			return;
	note->backlinks = xrealloc(note->backlinks, (note->n_backlinks + 1) *
	    sizeof(*note->backlinks));
	note->backlinks[note->n_backlinks++] = from;
}

static struct page *
note_page(struct pack *p, const struct doc *d)
{
	size_t i;

	for (i = 0; i < p->n_notes; i++)
		if (p->notes[i].doc == d)
			return &p->notes[i];
	return NULL;
}

/* The lectures, part by part, then the notes the links reached. */
static void
lay_out(struct pack *p)
{
	const struct curriculum *c = p->c;
	struct page *pg;
	size_t i, j, k;

	p->n_notes = p->links.n_notes;
	p->n_pages = p->n_lectures + p->n_notes;
	p->notes = p->pages + p->n_lectures;
	for (i = 0; i < p->n_notes; i++) {
		pg = &p->notes[i];
		pg->kind = PAGE_NOTE;
		pg->doc = p->links.notes[i];
		pg->number = i + 1;
	}
	p->parts = xcalloc(c->n_parts + 1, sizeof(*p->parts));
	p->n_parts = c->n_parts;
	for (i = 0, k = 0; i < c->n_parts; i++) {
		p->parts[i].title = c->parts[i].title;
		p->parts[i].pages = p->pages + k;
		p->parts[i].n = c->parts[i].n;
		for (j = 0; j < c->parts[i].n; j++, k++) {
			pg = &p->pages[k];
			pg->kind = PAGE_LECTURE;
			pg->doc = c->parts[i].lectures[j];
			pg->part = &p->parts[i];
			pg->number = k + 1;
			pg->prev = k > 0 ? pg - 1 : NULL;
			pg->next = k + 1 < p->n_lectures ? pg + 1 : NULL;
		}
	}
	for (i = 0; i < p->n_lectures; i++) {
		const struct doc *d = p->pages[i].doc;

		for (k = 0; k < d->n_links; k++) {
			const struct target *t = links_find(&p->links,
			    d->links[k]);
			struct page *n;

			if (t && t->linked && t->doc->kind == DOC_NOTE &&
			    (n = note_page(p, t->doc)) != NULL)
				add_backlink(n, p->pages[i].doc);
		}
	}
}

void
pack_resolve(struct pack *p, struct repo *r, struct curriculum *c)
{
	struct doc **lectures;
	size_t i, j, n = curriculum_count(c);

	memset(p, 0, sizeof(*p));
	p->c = c;
	p->n_lectures = n;
	lectures = xcalloc(n + 1, sizeof(*lectures));
	for (i = 0, n = 0; i < c->n_parts; i++)
		for (j = 0; j < c->parts[i].n; j++)
			lectures[n++] = c->parts[i].lectures[j];
	links_resolve(&p->links, r, c, lectures, n);
	free(lectures);
	p->pages = xcalloc(p->n_lectures + p->links.n_notes + 1,
	    sizeof(*p->pages));
	lay_out(p);
}

int
pack_has_errors(const struct pack *p)
{
	size_t i;

	if (p->links.msgs.errors || p->c->msgs.errors)
		return 1;
	for (i = 0; i < p->n_pages; i++)
		if (p->pages[i].doc->msgs.errors)
			return 1;
	return 0;
}

int
pack_contains(const struct pack *p, const struct doc *d)
{
	return d->kind == DOC_NOTE ? links_has_note(&p->links, d) :
	    curriculum_has(p->c, d);
}

int
pack_target(const struct pack *p, const struct wikilink *w,
    const struct doc **to, const struct block **section)
{
	const struct target *t = links_find(&p->links, w);

	*to = NULL;
	*section = NULL;
	if (t == NULL || !t->linked)
		return 0;
	*to = t->doc;
	*section = t->section;
	return 1;
}

const char *
pack_link_label(const struct pack *p, const struct wikilink *w)
{
	const struct target *t;

	if (w->label)
		return w->label;
	if ((t = links_find(&p->links, w)) != NULL)
		return t->section ? t->section->title : t->doc->title;
	return w->section ? w->section : w->target;
}

void
pack_release(struct pack *p)
{
	size_t i;

	for (i = 0; i < p->n_notes; i++)
		free(p->notes[i].backlinks);
	free(p->pages);
	free(p->parts);
	links_release(&p->links);
	memset(p, 0, sizeof(*p));
}
