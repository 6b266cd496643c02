/* load_tree.c - the tree and its ids, for the load stage: where a node
 * is, new blocks, plain text, the title from a heading, block parents,
 * heading ids, fragment links, the doc's parts (SPEC 4) and the index
 * doc_find_section() uses.  Nothing here reads the source text. */
#include "load_tree.h"
#include "load_ext.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

/* ---- errors, places and new blocks ---- */

int
doc_error(struct ctx *c, struct loc l, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, diag_tr(fmt), ap);
	va_end(ap);
	error_at(c->msgs, l, "%s", msg.data);
	buf_release(&msg);
	return -1;
}

int
node_is_noteref(cmark_node *n)
{
	const char *tag;

	/* The type first: only a custom node has a tag to ask for. */
	return cmark_node_get_type(n) == CMARK_NODE_CUSTOM_INLINE &&
	    (tag = cmark_node_get_on_enter(n)) != NULL &&
	    strcmp(tag, NOTEREF_TAG) == 0;
}

struct block *
tree_new_block(struct ctx *c, enum block_kind kind, struct loc l)
{
	struct doc *d = c->doc;
	struct block *b = xcalloc(1, sizeof(*b));

	b->kind = kind;
	b->loc = l;
	d->blocks = xgrow(d->blocks, &c->cap_blocks, d->n_blocks + 1,
	    sizeof(*d->blocks));
	d->blocks[d->n_blocks++] = b;
	return b;
}

/* ---- plain text ---- */

void
tree_plain_text(struct buf *out, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *k;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		k = cmark_iter_get_node(it);
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(out, cmark_node_get_literal(k));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		case CMARK_NODE_CUSTOM_INLINE: {
			struct wikilink *w = node_wikilink(k);

			if (node_is_noteref(k))
				break;	/* a number, not words */
			if (w == NULL || cmark_node_first_child(k) != NULL)
				break;	/* its label's nodes follow */
			buf_puts(out, w->label ? w->label : w->section ?
			    w->section : w->target);
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Takes a text node out of the tree.  It is freed only after the
 * passes, which hold pointers to every text node they collected. */
void
tree_bury(struct ctx *c, cmark_node *t)
{
	cmark_node_unlink(t);
	c->dead = xgrow(c->dead, &c->cap_dead, c->n_dead + 1,
	    sizeof(*c->dead));
	c->dead[c->n_dead++] = t;
}

cmark_node *
tree_custom_block(struct block *b)
{
	cmark_node *n = arena_node_new(CMARK_NODE_CUSTOM_BLOCK);

	cmark_node_set_user_data(n, b);
	b->node = n;
	return n;
}

/* Sets every block's parent from the tree. */
void
tree_link_parents(struct doc *d)
{
	size_t i;
	cmark_node *p;

	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->node == NULL)
			continue;
		for (p = cmark_node_parent(b->node); p; p = cmark_node_parent(p))
			if (cmark_node_get_type(p) == CMARK_NODE_CUSTOM_BLOCK) {
				b->parent = cmark_node_get_user_data(p);
				break;
			}
	}
}

/* ---- heading ids ---- */

/* Explicit ids first, then slugs with -2, -3 ... for repeats.  `bases`
 * remembers the next suffix of each slug, so n repeats cost O(n). */
void
tree_assign_ids(struct ctx *c)
{
	struct doc *d = c->doc;
	struct strmap used = STRMAP_INIT;	/* borrows the blocks' ids */
	struct strmap bases = STRMAP_INIT;	/* owns its keys */
	struct strmap_slot *next;
	struct buf id = BUF_INIT;
	size_t i, base, k;

	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->id == NULL)
			continue;
		/* An id written once only: a second one, or one of the
		 * page's own, is dropped (a section then gets its slug). */
		if (strncmp(b->id, "lp-", 3) == 0) {
			warn_at(c->msgs, b->loc, "id '%.80s' is dropped: ids that "
			    "start with 'lp-' are the page's own", b->id);
		} else if ((next = strmap_find(&used, b->id)) != NULL) {
			warn_at(c->msgs, b->loc, "id '%.80s' is used twice on this "
			    "page; the second is dropped", b->id);
			note_at(c->msgs, d->blocks[next->val]->loc, "its first "
			    "use");
		} else {
			strmap_add(&used, b->id, i);
			continue;
		}
		free(b->id);
		b->id = NULL;
	}
	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->id != NULL || b->kind != BLOCK_SECTION || b->level == 0)
			continue;
		buf_clear(&id);
		slug_append(&id, b->title, strlen(b->title));
		/* The same slug finds the section by its title later
		 * (tree_section_index()): made once. */
		if (b->title_slug == NULL)
			b->title_slug = xstrdup(id.data);
		if (id.len == 0)
			buf_puts(&id, "section");
		base = id.len;
		if (strmap_find(&used, id.data) || strncmp(id.data, "lp-",
		    3) == 0) {
			/* A repeat: the next free suffix after the last one
			 * given to this slug. */
			if ((next = strmap_find(&bases, id.data)) == NULL) {
				strmap_add(&bases, xstrdup(id.data), 2);
				next = strmap_find(&bases, id.data);
			}
			k = next->val;
			do {
				buf_truncate(&id, base);
				buf_printf(&id, "-%zu", k++);
			} while (strmap_find(&used, id.data));
			next->val = k;
		}
		b->id = xstrdup(id.data);
		strmap_add(&used, b->id, 0);
	}
	buf_release(&id);
	strmap_release(&used);
	for (i = 0; i < bases.cap; i++)
		free((char *)bases.slots[i].key);
	strmap_release(&bases);
}

/* A '#id' link must name an id of this page, or it is dropped.  The ids
 * go into a map first: a page may hold thousands of headings and of
 * such links. */
void
tree_check_fragments(struct ctx *c)
{
	struct doc *d = c->doc;
	struct strmap ids = STRMAP_INIT;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	const char *url;
	size_t i;

	/* Every link the tree holds was checked by check_link(), which
	 * counted those whose URL starts with '#'. */
	if (c->n_fragments == 0)
		return;
	for (i = 0; i < d->n_blocks; i++)
		if (d->blocks[i]->id && d->blocks[i]->level != 0 &&
		    strmap_find(&ids, d->blocks[i]->id) == NULL)
			strmap_add(&ids, d->blocks[i]->id, i);
	it = cmark_iter_new(d->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(n);
		if (url[0] != '#' || strmap_find(&ids, url + 1) != NULL)
			continue;
		warn_at(c->msgs, tree_loc(c, n), "no heading with id '%.80s' on this "
		    "page; the link's text is kept", url + 1);
		cmark_node_set_url(n, "");
	}
	cmark_iter_free(it);
	strmap_release(&ids);
}

/* Without front matter the first top-level '#' heading is the title. */
int
tree_title_from_heading(struct ctx *c)
{
	struct doc *d = c->doc;
	cmark_node *n;
	struct block *b;

	for (n = cmark_node_first_child(d->root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 1)
			break;
	if (n == NULL)
		return -1;
	b = cmark_node_get_user_data(n);
	d->title = xstrdup(b->title);
	b->level = 0;	/* no longer a heading of the page */
	cmark_node_set_user_data(n, NULL);
	cmark_node_free(n);
	return 0;
}

/* ---- parts (SPEC 4) ---- */

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

	if (p == NULL || (b && b->kind != BLOCK_EMBED &&
	    b->kind != BLOCK_TABLE))
		return 0;
	if (cmark_node_get_type(p) == CMARK_NODE_DOCUMENT)
		return 1;
	pb = node_block(p);
	/* A footnote's text is the page's, not a part of it. */
	return pb != NULL && pb->kind != BLOCK_EMBED &&
	    pb->kind != BLOCK_TABLE && pb->kind != BLOCK_FOOTNOTE &&
	    pb->kind != BLOCK_FOOTNOTES;
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

/* cmark makes a node's text NUL-terminated the first time it is asked
 * for (it copies it then): asked for once, by tree_parts()'s walk while
 * one thread holds the tree; renderers in several threads only ever
 * read it.  Only the texts n's type t has: the getters of the others
 * return NULL and copy nothing. */
static void
node_freeze(cmark_node *n, cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_CODE_BLOCK:
		(void)cmark_node_get_fence_info(n);
		/* FALLTHROUGH */
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		(void)cmark_node_get_literal(n);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		(void)cmark_node_get_url(n);
		(void)cmark_node_get_title(n);
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		(void)cmark_node_get_on_enter(n);
		(void)cmark_node_get_on_exit(n);
		break;
	default:
		break;
	}
}

void
tree_parts(struct doc *d)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	cmark_node_type t;
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
		t = cmark_node_get_type(n);
		node_freeze(n, t);
		b = t == CMARK_NODE_CUSTOM_BLOCK ? cmark_node_get_user_data(n) :
		    NULL;		/* node_block(n) */
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

/* ---- sections by id or title ---- */

/* doc_find_section()'s index: the first section with each id and the
 * first whose title slugs to each slug (keys borrowed from the blocks).
 * A file may hold thousands of headings and of links to them. */
struct section_index {
	struct strmap	 ids;
	struct strmap	 slugs;
};

static struct section_index *
section_index_make(struct doc *d)
{
	struct section_index *x = xcalloc(1, sizeof(*x));
	size_t i;

	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->kind != BLOCK_SECTION || b->id == NULL || b->level == 0)
			continue;
		if (strmap_find(&x->ids, b->id) == NULL)
			strmap_add(&x->ids, b->id, i);
		if (b->title_slug == NULL)
			b->title_slug = slug_make(b->title);
		if (*b->title_slug && strmap_find(&x->slugs,
		    b->title_slug) == NULL)
			strmap_add(&x->slugs, b->title_slug, i);
	}
	return x;
}

void
section_index_free(struct doc *d)
{
	if (d->sections == NULL)
		return;
	strmap_release(&d->sections->ids);
	strmap_release(&d->sections->slugs);
	free(d->sections);
	d->sections = NULL;
}

/* The earlier of the section found so far and the one `key` maps to. */
static size_t
section_first(const struct strmap *m, const char *key, size_t best)
{
	struct strmap_slot *s = strmap_find(m, key);

	return s && s->val < best ? s->val : best;
}

void
tree_section_index(struct doc *d)
{
	if (d->sections == NULL)
		d->sections = section_index_make(d);
}

struct block *
doc_find_section(struct doc *d, const char *name)
{
	char *want;
	size_t none = (size_t)-1, best = none;

	if (d->sections == NULL)
		return NULL;	/* not parsed (doc_parse() makes it) */
	want = slug_make(name);
	best = section_first(&d->sections->ids, name, best);
	best = section_first(&d->sections->ids, want, best);
	if (*want)
		best = section_first(&d->sections->slugs, want, best);
	free(want);
	return best == none ? NULL : d->blocks[best];
}

/* ---- what a node is to the renderers (load_tree.h) ---- */

/* The user data that says it: one byte each, only their addresses
 * count.  Text, items and block quotes carry no other user data. */
static const char note_tags[NODE_TASK_DONE + 1];
static const char callout_tags[CALLOUT_CAUTION + 1];
static const char *const callout_names[] = { "", "note", "tip",
    "important", "warning", "caution" };

void
tree_note(cmark_node *n, enum node_note k)
{
	cmark_node_set_user_data(n, (void *)(note_tags + k));
}

void
tree_callout(cmark_node *n, enum callout k)
{
	cmark_node_set_user_data(n, (void *)(callout_tags + k));
}

enum node_note
node_note(cmark_node *n)
{
	const char *p = cmark_node_get_user_data(n);

	if (p >= note_tags && p < note_tags + sizeof(note_tags))
		return (enum node_note)(p - note_tags);
	return NODE_PLAIN;
}

struct wikilink *
node_wikilink(cmark_node *n)
{
	if (cmark_node_get_type(n) != CMARK_NODE_CUSTOM_INLINE ||
	    node_note(n) == NODE_DEL || node_is_noteref(n))
		return NULL;
	return cmark_node_get_user_data(n);
}

enum callout
node_callout(cmark_node *n)
{
	const char *p = cmark_node_get_user_data(n);

	if (cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE &&
	    p >= callout_tags && p < callout_tags + sizeof(callout_tags))
		return (enum callout)(p - callout_tags);
	return CALLOUT_NONE;
}

const char *
callout_name(enum callout k)
{
	return callout_names[k];
}

enum callout
callout_find(const char *s, size_t n)
{
	size_t i;

	if (n > 8 && strncmp(s, "callout-", 8) == 0) {
		s += 8;
		n -= 8;
	}
	for (i = CALLOUT_NOTE; i <= CALLOUT_CAUTION; i++)
		if (strlen(callout_names[i]) == n &&
		    strncmp(s, callout_names[i], n) == 0)
			return (enum callout)i;
	return CALLOUT_NONE;
}

void
tree_each(struct ctx *c, int (*want)(struct ctx *, cmark_node *),
    void (*each)(struct ctx *, cmark_node *))
{
	cmark_iter *it = cmark_iter_new(c->doc->root);
	cmark_event_type ev;
	cmark_node *n, **v = NULL;
	size_t nv = 0, cap = 0, i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && want(c, n)) {
			if (nv == cap)
				v = xgrow(v, &cap, nv + 1, sizeof(*v));
			v[nv++] = n;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < nv; i++)
		each(c, v[i]);
	free(v);
}
