/* resolve_links.c - wiki link targets, per repository and per pack. */
#include "resolve_links.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "load_doc.h"
#include "text.h"
#include "xalloc.h"

/* Finds the section w names in `to` into *s (NULL: the whole doc).
 * Returns -1 when `to` has no such section. */
static int
find_section(const struct wikilink *w, struct doc *to, struct block **s)
{
	*s = NULL;
	if (w->section == NULL)
		return 0;
	*s = doc_find_section(to, w->section);
	return *s ? 0 : -1;
}

/* The section id of `to` closest to `want` (an id or a heading's
 * text), for "did you mean"; NULL when none is close. */
static const char *
near_section(const struct doc *to, const char *want)
{
	const char *best = NULL;
	char *slug = slug_make(want);
	size_t i;
	int d, bestd = 3;

	for (i = 0; i < to->n_blocks; i++) {
		const struct block *b = to->blocks[i];

		if (b->kind != BLOCK_SECTION || b->id == NULL)
			continue;
		if ((d = near_distance(slug, b->id)) >= 0 && d < bestd) {
			bestd = d;
			best = b->id;
		}
	}
	free(slug);
	return best;
}

/* How many section ids the note after "no section" lists. */
#define SECTIONS_SHOWN	8

/* "no section" for link w to `to`, with the closest id, or else a note
 * at `to` listing its sections (the first few). */
static void
no_section(struct msgs *m, const struct wikilink *w, const struct doc *to)
{
	const char *near;
	struct buf list = BUF_INIT;
	struct loc at = { to->path, 1, 1 };
	size_t i, n = 0;

	/* Past what is shown, the search would only cost (many links to
	 * a page of many headings). */
	if (m->errors >= DIAG_MAX_PER_FILE) {
		error_at(m, w->loc, "'%.80s' has no section '%.80s'", to->id,
		    w->section);
		return;
	}
	near = near_section(to, w->section);
	if (near != NULL) {
		error_at(m, w->loc, "'%.80s' has no section '%.80s' (did you "
		    "mean '%.80s'?)", to->id, w->section, near);
		return;
	}
	error_at(m, w->loc, "'%.80s' has no section '%.80s'", to->id,
	    w->section);
	for (i = 0; i < to->n_blocks; i++) {
		const struct block *b = to->blocks[i];

		if (b->kind != BLOCK_SECTION || b->id == NULL)
			continue;
		if (n++ == 0)
			at = b->loc;
		if (n <= SECTIONS_SHOWN)
			buf_printf(&list, "%s'%.40s'", n > 1 ? ", " : "",
			    b->id);
	}
	if (n == 0)
		note_at(m, at, "'%.80s' has no sections", to->id);
	else if (n <= SECTIONS_SHOWN)
		note_at(m, at, "the sections of '%.80s': %s", to->id,
		    list.data);
	else
		note_at(m, at, "the sections of '%.80s': %s and %zu more",
		    to->id, list.data, n - SECTIONS_SHOWN);
	buf_release(&list);
}

/* A link to the note of a former locality, which a note of the term
 * in force replaces ('replaces:'). */
static void
replaced_warning(struct msgs *m, const struct wikilink *w,
    const struct doc *to)
{
	const struct doc *now = to->replaced_by;
	char term[16];

	/* The term as people write it: 2025–2030. */
	snprintf(term, sizeof(term), "%.4s\u2013%.4s", now->term,
	    now->term + 5);
	warn_at(m, w->loc, "'%.80s' was replaced by '%.80s' (%s); link to "
	    "it unless the former locality is meant", to->id, now->id, term);
}

/* d->links_checked: 0 not yet, 1 under way, 2 done.  Returns 1 to the
 * one caller that is to check; the others return once it is done. */
static int
check_begin(atomic_int *state)
{
	int expect = 0;

	if (atomic_compare_exchange_strong(state, &expect, 1))
		return 1;
	while (atomic_load_explicit(state, memory_order_acquire) != 2)
		sched_yield();
	return 0;
}

void
links_check_doc(struct repo *r, struct doc *d)
{
	struct block *s;
	size_t j;

	/* Once per doc, whichever pack of the run gets there first; a
	 * pack that finds it under way waits for its messages. */
	if (!check_begin(&d->links_checked))
		return;
	for (j = 0; j < d->n_links; j++) {
		struct wikilink *w = d->links[j];
		struct doc *to;

		if (link_is_placeholder(w->target))
			continue;
		to = *w->target ? repo_find(r, w->target) : d;
		if (to == NULL) {
			const char *near = d->msgs.errors < DIAG_MAX_PER_FILE ?
			    repo_suggest(r, w->target, -1, LEVEL_NONE) : NULL;

			if (near != NULL)
				error_at(&d->msgs, w->loc, "unknown note or "
				    "lecture '%.80s' (did you mean '%.80s'?)",
				    w->target, near);
			else
				error_at(&d->msgs, w->loc, "unknown note or "
				    "lecture '%.80s'", w->target);
			continue;
		}
		if (w->section) {
			doc_parse(to);
		}
		if (find_section(w, to, &s) == -1)
			no_section(&d->msgs, w, to);
		else if (to->replaced_by != NULL)
			replaced_warning(&d->msgs, w, to);
	}
	atomic_store_explicit(&d->links_checked, 2, memory_order_release);
}

int
links_has_note(const struct links *l, const struct doc *n)
{
	size_t i;

	for (i = 0; i < l->n_notes; i++)
		if (l->notes[i] == n)
			return 1;
	return 0;
}

static void
use_note(struct links *l, struct doc *n)
{
	if (links_has_note(l, n))
		return;
	l->notes = xgrow(l->notes, &l->cap_notes, l->n_notes + 1,
	    sizeof(*l->notes));
	l->notes[l->n_notes++] = n;
}

/* Finds the doc w names for this pack, and its section.  Returns the
 * doc, or NULL after an error (reported here or by links_check_doc()). */
static struct doc *
find_target(struct links *l, struct repo *r, struct curriculum *c,
    struct doc *from, const struct wikilink *w, struct block **s)
{
	struct doc *to;

	if (link_is_placeholder(w->target)) {
		struct loc at;

		to = curriculum_locality(c, w->target, &at);
		if (to == NULL && at.line > 0)
			return NULL;	/* given but not valid: reported there */
		if (to == NULL) {
			error_at(&l->msgs, w->loc, "'%.80s' is not set in curriculum "
			    "'%.80s'", w->target, c->id);
			return NULL;
		}
		doc_parse(to);
		if (find_section(w, to, s) == -1) {
			no_section(&l->msgs, w, to);
			note_at(&l->msgs, at, "'%.80s' is the %s of pack '%.80s'",
			    to->id, w->target, c->id);
			return NULL;
		}
		return to;
	}
	to = *w->target ? repo_find(r, w->target) : from;
	if (to) {
		doc_parse(to);
	}
	if (to == NULL || find_section(w, to, s) == -1)
		return NULL;		/* reported by links_check_doc() */
	return to;
}

/* Whether note `to` has the parent its level asks for (else its own
 * error says so, and a link to it adds none). */
static int
parent_sound(struct repo *r, const struct doc *to)
{
	const struct doc *p;

	if (to->parent == NULL || (p = repo_find(r, to->parent)) == NULL ||
	    p->kind != DOC_NOTE)
		return 0;
	return p->level == LEVEL_PROVINCE || (to->level == LEVEL_COMMUNE &&
	    p->level == LEVEL_DISTRICT);
}

/* A district note must be of the pack's province, a commune note of
 * its province or district: returns 1, or 0 after an error at the link.
 * Without a valid province the curriculum's error is the one. */
static int
in_pack_locality(struct links *l, struct repo *r, const struct curriculum *c,
    const struct wikilink *w, const struct doc *to)
{
	if (to->kind != DOC_NOTE || c->province_doc == NULL ||
	    (to->level != LEVEL_DISTRICT && to->level != LEVEL_COMMUNE) ||
	    !parent_sound(r, to))
		return 1;
	if (to->level == LEVEL_DISTRICT &&
	    strcmp(to->parent, c->province) != 0) {
		error_at(&l->msgs, w->loc, "district note '%.80s' is not in "
		    "province '%.80s' of this pack", to->id, c->province);
		note_at(&l->msgs, c->province_loc, "the province of pack "
		    "'%.80s'", c->id);
		return 0;
	}
	if (to->level == LEVEL_COMMUNE &&
	    strcmp(to->parent, c->province) != 0 && (c->district == NULL ||
	    strcmp(to->parent, c->district) != 0)) {
		error_at(&l->msgs, w->loc, "commune note '%.80s' is not in the "
		    "province or district of this pack", to->id);
		note_at(&l->msgs, c->province_loc, "the province of pack "
		    "'%.80s'", c->id);
		return 0;
	}
	return 1;
}

/* Settles one link for this pack; may add a note to it. */
static void
resolve_one(struct links *l, struct repo *r, struct curriculum *c,
    struct doc *from, const struct wikilink *w)
{
	struct target t;

	memset(&t, 0, sizeof(t));
	t.w = w;
	if ((t.doc = find_target(l, r, c, from, w, &t.section)) == NULL)
		return;
	t.linked = 1;
	if (!in_pack_locality(l, r, c, w, t.doc))
		return;
	if (t.doc->kind == DOC_NOTE)
		use_note(l, t.doc);
	else if (!curriculum_has(c, t.doc)) {
		if (from->kind == DOC_LECTURE)
			warn_at(&l->msgs, w->loc, "lecture '%.80s' is not in pack '%.80s'; "
			    "the link is shown as text", t.doc->id, c->id);
		t.linked = 0;
	}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = t;
}

static int
cmp_doc_id(const void *a, const void *b)
{
	return strcmp((*(struct doc *const *)a)->id,
	    (*(struct doc *const *)b)->id);
}

static int
cmp_target(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct target *)a)->w;
	uintptr_t y = (uintptr_t)((const struct target *)b)->w;

	return x < y ? -1 : x > y;
}

const struct target *
links_find(const struct links *l, const struct wikilink *w)
{
	struct target key;

	key.w = w;
	if (l->n == 0)
		return NULL;
	return bsearch(&key, l->v, l->n, sizeof(*l->v), cmp_target);
}

/* Embeds copy text: all the embeds of one page may copy at most this
 * much source, so no page can be blown up by repeating an embed. */
#define EMBED_BUDGET	(8u * 1024 * 1024)

static void
check_embed_budget(struct links *l, const struct doc *d)
{
	const struct target *t;
	size_t i, total = 0;

	for (i = 0; i < d->n_links; i++) {
		const struct wikilink *w = d->links[i];

		if (!w->embed || (t = links_find(l, w)) == NULL || !t->linked)
			continue;
		total += t->doc->bytes;
		if (total > EMBED_BUDGET) {
			error_at(&l->msgs, w->loc, "the embeds of this file copy "
			    "more than %d MiB of text into one page; link "
			    "instead ([[...]])", (int)(EMBED_BUDGET >> 20));
			return;
		}
	}
}

void
links_resolve(struct links *l, struct repo *r, struct curriculum *c,
    struct doc *const *lectures, size_t n_lectures)
{
	size_t i, j;

	memset(l, 0, sizeof(*l));
	/* Only blocks and links are needed here: the renderers get the
	 * trees back (doc_tree_need()) one page at a time. */
	for (i = 0; i < n_lectures; i++) {
		doc_parse(lectures[i]);
		links_check_doc(r, lectures[i]);
	}
	for (i = 0; i < n_lectures; i++)
		for (j = 0; j < lectures[i]->n_links; j++)
			resolve_one(l, r, c, lectures[i], lectures[i]->links[j]);
	/* Notes may link further notes: settle until nothing new. */
	for (i = 0; i < l->n_notes; i++) {
		links_check_doc(r, l->notes[i]);
		for (j = 0; j < l->notes[i]->n_links; j++)
			resolve_one(l, r, c, l->notes[i], l->notes[i]->links[j]);
	}
	/* A lecture listed twice resolves its links twice, alike. */
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_target);
	for (i = 0; i < n_lectures; i++)
		check_embed_budget(l, lectures[i]);
	if (l->n_notes > 1)
		qsort(l->notes, l->n_notes, sizeof(*l->notes), cmp_doc_id);
}

void
links_release(struct links *l)
{
	free(l->v);
	free(l->notes);
	msgs_release(&l->msgs);
	memset(l, 0, sizeof(*l));
}
