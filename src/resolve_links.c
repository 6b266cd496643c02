/* resolve_links.c - wiki link targets, per repository and per pack. */
#include "resolve_links.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load_doc.h"
#include "xalloc.h"

static int
is_placeholder(const char *t)
{
	return strcmp(t, "province") == 0 || strcmp(t, "district") == 0;
}

/* Finds the section a link names in `to`; NULL when it has none. */
static int
find_section(struct wikilink *w, struct doc *to)
{
	w->to_section = NULL;
	if (w->section == NULL)
		return 0;
	w->to_section = doc_find_section(to, w->section);
	return w->to_section ? 0 : -1;
}

void
links_check_doc(struct repo *r, struct doc *d)
{
	size_t j;

	if (d->links_checked++)
		return;
	for (j = 0; j < d->n_links; j++) {
		struct wikilink *w = d->links[j];
		struct doc *to;

		if (is_placeholder(w->target))
			continue;
		to = *w->target ? repo_find(r, w->target) : d;
		if (to == NULL) {
			error_at(&d->msgs, w->loc, "unknown note or lecture '%.80s'",
			    w->target);
			continue;
		}
		if (w->section) {
			doc_parse(to);
			doc_tree_done(to);
		}
		if (find_section(w, to) == -1) {
			error_at(&d->msgs, w->loc, "'%.80s' has no section '%.80s'",
			    to->id, w->section);
		}
	}
}

static void
use_note(struct pack *p, struct doc *n, size_t *cap)
{
	if (n->used)
		return;
	n->used = 1;
	p->notes = xgrow(p->notes, cap, p->n_notes + 1, sizeof(*p->notes));
	p->notes[p->n_notes++] = n;
}

/* Settles one link for this pack; may add a note to it. */
static void
resolve_one(struct pack *p, struct repo *r, struct doc *from,
    struct wikilink *w, size_t *cap)
{
	struct curriculum *c = p->c;
	struct doc *to;

	w->to = NULL;
	w->to_section = NULL;
	if (strcmp(w->target, "province") == 0 ||
	    strcmp(w->target, "district") == 0) {
		int prov = w->target[0] == 'p';

		to = prov ? c->province_doc : c->district_doc;
		if (to) {
			doc_parse(to);
			doc_tree_done(to);
		}
		if (to == NULL) {
			error_at(&p->msgs, w->loc, "'%.80s' is not set in curriculum "
			    "'%.80s'", w->target, c->id);
			return;
		}
		if (find_section(w, to) == -1) {
			error_at(&p->msgs, w->loc, "'%.80s' has no section '%.80s'",
			    to->id, w->section);
			note_at(&p->msgs, prov ? c->province_loc : c->district_loc,
			    "'%.80s' is the %s of pack '%.80s'", to->id, w->target,
			    c->id);
			return;
		}
	} else {
		to = *w->target ? repo_find(r, w->target) : from;
		if (to) {
			doc_parse(to);
			doc_tree_done(to);
		}
		if (to == NULL || find_section(w, to) == -1)
			return;		/* reported by links_check_doc() */
	}
	if (to->kind == DOC_NOTE && to->level == LEVEL_DISTRICT &&
	    c->province && (to->parent == NULL ||
	    strcmp(to->parent, c->province) != 0)) {
		error_at(&p->msgs, w->loc, "district note '%.80s' is not in province "
		    "'%.80s' of this pack", to->id, c->province);
		note_at(&p->msgs, c->province_loc, "the province of pack '%.80s'", c->id);
		return;
	}
	if (to->kind == DOC_NOTE)
		use_note(p, to, cap);
	else if (!curriculum_has(c, to)) {
		if (from->kind == DOC_LECTURE)
			warn_at(&p->msgs, w->loc, "lecture '%.80s' is not in pack '%.80s'; "
			    "the link is shown as text", to->id, c->id);
		to = NULL;
	}
	w->to = to;
}

static void
add_backlink(struct pack *p, struct doc *note, struct doc *from)
{
	size_t i, k;

	for (i = 0; i < p->n_notes; i++)
		if (p->notes[i] == note)
			break;
	if (i == p->n_notes)
		return;
	for (k = 0; k < p->n_backlinks[i]; k++)
		if (p->backlinks[i][k] == from)
			return;
	p->backlinks[i] = xrealloc(p->backlinks[i], (p->n_backlinks[i] + 1) *
	    sizeof(**p->backlinks));
	p->backlinks[i][p->n_backlinks[i]++] = from;
}

static int
cmp_doc_id(const void *a, const void *b)
{
	return strcmp((*(struct doc *const *)a)->id,
	    (*(struct doc *const *)b)->id);
}

/* Embeds copy text: all the embeds of one page may copy at most this
 * much source, so no page can be blown up by repeating an embed. */
#define EMBED_BUDGET	(8u * 1024 * 1024)

static void
check_embed_budget(struct pack *p, const struct doc *d)
{
	size_t i, total = 0;

	for (i = 0; i < d->n_links; i++) {
		const struct wikilink *w = d->links[i];

		if (!w->embed || w->to == NULL)
			continue;
		total += w->to->bytes;
		if (total > EMBED_BUDGET) {
			error_at(&p->msgs, w->loc, "the embeds of this file copy "
			    "more than %s of text into one page%s", "8 MiB",
			    "; link instead ([[...]])");
			return;
		}
	}
}

void
pack_resolve(struct pack *p, struct repo *r, struct curriculum *c)
{
	size_t i, j, k, cap = 0, cap_l = 0;

	memset(p, 0, sizeof(*p));
	p->c = c;
	for (i = 0; i < r->n_docs; i++)
		r->docs[i]->used = 0;
	for (i = 0; i < c->n_parts; i++)
		for (j = 0; j < c->parts[i].n; j++) {
			p->lectures = xgrow(p->lectures, &cap_l,
			    p->n_lectures + 1, sizeof(*p->lectures));
			p->lectures[p->n_lectures++] = c->parts[i].lectures[j];
		}
	/* Only blocks and links are needed here: the renderers get the
	 * trees back (doc_tree_need()) one page at a time. */
	for (i = 0; i < p->n_lectures; i++) {
		doc_parse(p->lectures[i]);
		links_check_doc(r, p->lectures[i]);
		doc_tree_done(p->lectures[i]);
	}
	for (i = 0; i < p->n_lectures; i++)
		for (j = 0; j < p->lectures[i]->n_links; j++)
			resolve_one(p, r, p->lectures[i],
			    p->lectures[i]->links[j], &cap);
	/* Notes may link further notes: settle until nothing new. */
	for (i = 0; i < p->n_notes; i++) {
		links_check_doc(r, p->notes[i]);
		for (j = 0; j < p->notes[i]->n_links; j++)
			resolve_one(p, r, p->notes[i], p->notes[i]->links[j],
			    &cap);
	}
	for (i = 0; i < p->n_lectures; i++)
		check_embed_budget(p, p->lectures[i]);
	if (p->n_notes > 1)
		qsort(p->notes, p->n_notes, sizeof(*p->notes), cmp_doc_id);
	p->backlinks = xcalloc(p->n_notes + 1, sizeof(*p->backlinks));
	p->n_backlinks = xcalloc(p->n_notes + 1, sizeof(*p->n_backlinks));
	for (i = 0; i < p->n_lectures; i++)
		for (k = 0; k < p->lectures[i]->n_links; k++) {
			struct wikilink *w = p->lectures[i]->links[k];

			if (w->to && w->to->kind == DOC_NOTE)
				add_backlink(p, w->to, p->lectures[i]);
		}
}

int
pack_has_errors(const struct pack *p)
{
	size_t i;

	if (p->msgs.errors || p->c->msgs.errors)
		return 1;
	for (i = 0; i < p->n_lectures; i++)
		if (p->lectures[i]->msgs.errors)
			return 1;
	for (i = 0; i < p->n_notes; i++)
		if (p->notes[i]->msgs.errors)
			return 1;
	return 0;
}

int
pack_contains(const struct pack *p, const struct doc *d)
{
	return d->kind == DOC_NOTE ? d->used : curriculum_has(p->c, d);
}

void
pack_release(struct pack *p)
{
	size_t i;

	for (i = 0; i < p->n_notes; i++)
		free(p->backlinks[i]);
	free(p->backlinks);
	free(p->n_backlinks);
	free(p->lectures);
	free(p->notes);
	msgs_release(&p->msgs);
	memset(p, 0, sizeof(*p));
}
