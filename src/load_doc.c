/* load_doc.c - a lecture or note file to the model (see load_doc.h):
 * the document's lifecycle (open, parse, tree need/done/drop, rebind,
 * free).
 *
 * The stages of a parse, in order: clean text and front matter
 * (load_source.c); typed keys (load_meta.c); bounds on the text and
 * fenced-div fences found outside code, replaced by marker comments
 * (load_block.c); one cmark parse; then passes over the tree: heading
 * attribute blocks, wiki links and embeds, raw HTML, URLs and images
 * (load_inline.c); the tree is then restructured into divs and
 * sections (load_block.c), and every heading gets its id and the doc
 * its parts (load_tree.c). */
#include "load_doc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "load_ext.h"
#include "load_image.h"
#include "load_meta.h"
#include "load_source.h"
#include "load_yaml.h"
#include "text.h"
#include "xalloc.h"

/* Memory follows the largest lecture, not the repository or the pack
 * (docs/performance.md): texts read by doc_open() are kept, to be
 * parsed without a second read, only while they add up to TEXT_BUDGET
 * bytes, and a text is freed once parsed; trees (3 to 4 bytes per
 * byte of source, their arenas up to 8: see parse_text()) are kept
 * while their sources add up to TREE_BUDGET bytes, and past it
 * doc_tree_done() frees them.  A dropped text or tree is read and
 * parsed again when needed. */
#define TEXT_BUDGET		(8u * 1024 * 1024)
#define TREE_BUDGET		(4u * 1024 * 1024)
/* Larger files are parsed without an arena (see parse_text()). */
#define ARENA_DOC_MAX		(1024u * 1024)

static size_t	text_held;	/* bytes of d->text over all docs */
static size_t	tree_held;	/* source bytes of the trees kept */
/* Packs build in parallel (run.c): each doc's parse, tree and text are
 * guarded by its own lock (d->life), the budgets above by this one,
 * taken only briefly inside a doc's.  A tree in use by a renderer
 * (d->tree_users) is never freed. */
static pthread_mutex_t budget_lock = PTHREAD_MUTEX_INITIALIZER;

/* Adds delta to *held under the budget lock; returns the new value. */
static size_t
budget_add(size_t *held, size_t add, size_t sub)
{
	size_t v;

	pthread_mutex_lock(&budget_lock);
	*held = *held + add - sub;
	v = *held;
	pthread_mutex_unlock(&budget_lock);
	return v;
}

/* Takes n bytes of the text budget if they fit; returns 1 if so. */
static int
text_budget_take(size_t n)
{
	int ok;

	pthread_mutex_lock(&budget_lock);
	if ((ok = text_held + n <= TEXT_BUDGET))
		text_held += n;
	pthread_mutex_unlock(&budget_lock);
	return ok;
}

static void	doc_free_fields(struct doc *);
static void	drop_tree_locked(struct doc *);
static void	parse_passes(struct doc *, char *, struct msgs *);
static void	wikilink_free(struct wikilink *);

static const struct meta_key lecture_keys[] = {
	{ "title", META_STR, offsetof(struct doc, title), 0, 1 },
	{ "id", META_ID, offsetof(struct doc, id), offsetof(struct doc, id_loc), 0 },
	{ "authors", META_STRLIST, offsetof(struct doc, authors),
	    offsetof(struct doc, n_authors), 0 },
	{ "hours", META_INT, offsetof(struct doc, hours), 0, 0 },
	{ "updated", META_DATE, offsetof(struct doc, updated), 0, 0 },
	{ "congress", META_CONGRESS, offsetof(struct doc, congress),
	    offsetof(struct doc, congress_line), 0 },
	{ "summary", META_STR, offsetof(struct doc, summary), 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct meta_key note_keys[] = {
	{ "title", META_STR, offsetof(struct doc, title), 0, 1 },
	{ "id", META_ID, offsetof(struct doc, id), offsetof(struct doc, id_loc), 0 },
	{ "level", META_LEVEL, offsetof(struct doc, level),
	    offsetof(struct doc, level_loc), 1 },
	{ "locality", META_STR, offsetof(struct doc, locality), 0, 0 },
	{ "parent", META_ID, offsetof(struct doc, parent),
	    offsetof(struct doc, parent_loc), 0 },
	{ "term", META_TERM, offsetof(struct doc, term),
	    offsetof(struct doc, term_loc), 0 },
	{ "formerly", META_STRLIST, offsetof(struct doc, formerly),
	    offsetof(struct doc, n_formerly), 0 },
	{ "replaces", META_STRLIST, offsetof(struct doc, replaces),
	    offsetof(struct doc, n_replaces), 0 },
	{ "updated", META_DATE, offsetof(struct doc, updated), 0, 0 },
	{ "summary", META_STR, offsetof(struct doc, summary), 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

/* Keeps where each id of a note's 'replaces:' list is written, for the
 * checks of repo_load(). */
static void
replaces_places(struct doc *d, const struct ynode *y)
{
	const struct ynode *v = ynode_get(y, "replaces");
	size_t i;

	if (v == NULL || d->n_replaces == 0)
		return;
	d->replaces_locs = xcalloc(d->n_replaces, sizeof(*d->replaces_locs));
	for (i = 0; i < d->n_replaces; i++)
		d->replaces_locs[i] = v->type == YNODE_SEQ && i < v->n ?
		    v->kids[i]->loc : v->loc;
}

static void
meta_load(struct ctx *c, const struct source *src)
{
	struct doc *d = c->doc;
	struct ynode *y;

	y = yaml_load(d->path, src->yaml, src->yaml_len, src->yaml_line,
	    c->msgs);
	if (y == NULL)
		return;
	meta_apply(d, d->kind == DOC_NOTE ? note_keys : lecture_keys, y,
	    N_("the front matter"), c->msgs);
	if (d->kind == DOC_NOTE)
		replaces_places(d, y);
	ynode_free(y);
	if (d->kind == DOC_NOTE && d->level == LEVEL_DISTRICT &&
	    d->parent == NULL) {
		error_at(c->msgs, LOC(d->path, src->yaml_line, 1),
		    "a district note needs 'parent:', the id of its "
		    "province's note");
	}
	if (d->kind == DOC_NOTE && d->level == LEVEL_COMMUNE &&
	    d->parent == NULL) {
		error_at(c->msgs, LOC(d->path, src->yaml_line, 1),
		    "a commune note needs 'parent:', the id of its "
		    "province's note (or, for a commune of before 2025, "
		    "its district's)");
	}
}

static char *
stem_id(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	struct buf b = BUF_INIT;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	slug_append(&b, base, dot ? (size_t)(dot - base) : strlen(base));
	return buf_detach(&b, NULL);
}

struct doc *
doc_open(const char *path, enum doc_kind kind)
{
	struct ctx c;
	struct source src;
	struct doc *d;

	memset(&c, 0, sizeof(c));
	d = xcalloc(1, sizeof(*d));
	d->kind = kind;
	d->path = xstrdup(path);
	d->hours = -1;
	pthread_mutex_init(&d->life, NULL);
	c.doc = d;
	c.msgs = &d->msgs;
	if (source_load(&src, d->path, &d->msgs) == 0) {
		if (src.yaml != NULL)
			meta_load(&c, &src);
		d->had_yaml = src.yaml != NULL;
		d->bytes = src.body_len;
		if (text_budget_take(src.body_len))
			d->text = src.body;
		else {
			free(src.body);
			d->text_gone = 1;
		}
		d->yaml = src.yaml;
		d->yaml_len = src.yaml_len;
	}
	if (d->id == NULL) {
		d->id = stem_id(d->path);
		d->id_guessed = 1;
		d->id_loc = LOC(d->path, 1, 1);
		if (!id_valid(d->id))
			error_at(&d->msgs, d->id_loc, "cannot make an id from "
			    "the file name '%.80s': rename it or set 'id:'",
			    d->path);
	}
	d->open_errors = d->msgs.errors;
	return d;
}

/* Frees the lists a parse built (blocks, links, images, parts). */
static void
free_lists(struct doc *d)
{
	size_t i;

	section_index_free(d);
	for (i = 0; i < d->n_blocks; i++) {
		free(d->blocks[i]->id);
		free(d->blocks[i]->classes);
		free(d->blocks[i]->title);
		free(d->blocks[i]->title_slug);
		free(d->blocks[i]->align);
		free(d->blocks[i]->label);
		free(d->blocks[i]);
	}
	free(d->blocks);
	d->blocks = NULL;
	d->n_blocks = 0;
	for (i = 0; i < d->n_links; i++)
		wikilink_free(d->links[i]);
	free(d->links);
	d->links = NULL;
	d->n_links = 0;
	for (i = 0; i < d->n_images; i++)
		image_release(&d->images[i]);
	free(d->images);
	d->images = NULL;
	d->n_images = 0;
	free(d->parts);
	d->parts = NULL;
	d->n_parts = 0;
}

/* Frees what doc_parse() built; the doc is as doc_open() left it. */
static void
doc_unparse(struct doc *d)
{
	drop_tree_locked(d);	/* the doc goes: its tree too, held or not */
	free_lists(d);
	if (!d->had_yaml) {
		/* The title came from the body's '#' heading. */
		free(d->title);
		d->title = NULL;
	}
}

/* The cleaned body of d, for the caller to free: d->text handed over,
 * or the file read again (its messages are known: doc_open() kept
 * them).  NULL when it cannot be read, or no longer has the size it
 * had. */
static char *
take_text(struct doc *d)
{
	struct source src;
	char *t;

	if (d->text != NULL) {
		t = d->text;
		d->text = NULL;
		d->text_gone = 1;
		budget_add(&text_held, 0, d->bytes);
		return t;
	}
	if (source_load(&src, d->path, NULL) == -1)
		return NULL;
	t = src.body;
	src.body = NULL;
	if (src.body_len != d->bytes) {
		free(t);
		t = NULL;
	}
	source_release(&src);
	return t;
}

/* The text for cmark from fences' text t (freed here): footnote
 * definitions made visible to it (footnotes_text()). */
static char *
notes_text(struct ctx *c, char *t, size_t *len)
{
	char *v;

	if (c->n_fndefs == 0)
		return t;
	v = footnotes_text(c, t, *len, len);
	free(t);
	return v;
}

/* Parses body again, into c's doc's tree, after fences or footnote
 * lines were found to be something else; frees the old text and
 * returns the new one. */
static char *
parse_again(struct ctx *c, const char *body, char *old, size_t *len)
{
	struct doc *d = c->doc;
	char *text;

	if (d->arena != NULL)
		arena_reset(d->arena);	/* the old tree, all of it */
	else
		cmark_node_free(d->root);
	free(old);
	text = fences_text(c, body, d->bytes, len);
	text = notes_text(c, text, len);
	d->root = arena_parse(text, *len, doc_cmark_options(d));
	return text;
}

/* Parses text (d's body, freed here) into d: tree, blocks, links,
 * parts, and the problems found, added to msgs (NULL: dropped).  The
 * tree, and every node the passes add to it, is made in a new arena
 * that d owns (d->arena, see arena.h), entered for the parse. */
static void
parse_text(struct doc *d, char *body, struct msgs *msgs)
{
	struct arena *was;

	/* A tree takes 3 to 4 bytes per byte of source, and its arena
	 * about twice that (blocks cmark frees late are held until the
	 * tree goes): the first chunk holds most trees whole.  A very
	 * large file is parsed with malloc() (the arena entered is none),
	 * which reuses those blocks. */
	d->arena = d->bytes <= ARENA_DOC_MAX ? arena_new(8 * d->bytes + 4096) :
	    NULL;
	was = arena_enter(d->arena);
	parse_passes(d, body, msgs);
	arena_enter(was);
}

/* parse_text() in d's arena. */
static void
parse_passes(struct doc *d, char *body, struct msgs *msgs)
{
	struct ctx c;
	struct loc top = { d->path, 1, 1 };
	char *text;
	size_t len, i;
	int tries;

	memset(&c, 0, sizeof(c));
	c.doc = d;
	c.msgs = msgs;
	fences_find(&c, body, d->bytes);
	text = fences_text(&c, body, d->bytes, &len);
	footnotes_find(&c, text, len);
	text = notes_text(&c, text, &len);
	if (bounds_over(&c, body, d->bytes))
		len = 0;	/* parse nothing: the errors are reported */
	d->root = arena_parse(text, len, doc_cmark_options(d));
	if (len > 0 && fences_in_code(&c, text, len, d->root) > 0) {
		/* Some ':::' lines are code to cmark (in a fenced or
		 * indented code block, at any depth): they stay as they
		 * are.  Code blocks end where they did, so once is enough. */
		text = parse_again(&c, body, text, &len);
	}
	/* Footnote definition lines that are code, HTML or in a container
	 * are turned off; each parse turns off some, and after a few all
	 * that are left. */
	for (tries = 0; len > 0 && footnotes_check(&c, d->root) > 0;
	    tries++) {
		if (tries == 2)
			for (i = 0; i < c.n_fndefs; i++)
				c.fndefs[i].off = 1;
		text = parse_again(&c, body, text, &len);
	}
	fences_pair(&c);
	budget_add(&tree_held, d->bytes, 0);
	c.text = text;
	c.text_len = len;
	cmark_consolidate_text_nodes(d->root);
	footnotes_build(&c);
	tables_build(&c);
	inline_passes(&c);
	tables_done(&c);
	for (i = 0; i < c.n_refused; i++)
		free(c.refused[i].path);
	free(c.refused);
	free(body);
	fences_validate(&c);
	if (!d->had_yaml && tree_title_from_heading(&c) == -1) {
		if (cmark_node_first_child(d->root) == NULL)
			doc_error(&c, top, "empty file: a lecture needs a "
			    "title ('title:' in front matter, or a '# ' "
			    "heading)");
		else
			doc_error(&c, top, "no title: add front matter with "
			    "'title:' or a '# ' heading");
	}
	if (d->kind == DOC_NOTE && !d->had_yaml)
		doc_error(&c, top, "a note needs front matter with 'title:' "
		    "and 'level:'");
	divs_build(&c);
	sections_build(&c, d->root);
	footnotes_finish(&c);
	tree_link_parents(d);
	tree_assign_ids(&c);
	tree_check_fragments(&c);
	/* The text cmark parsed: the passes above place nodes in it. */
	free(c.lines);
	free(text);
	tree_parts(d);		/* and the tree frozen */
	for (i = 0; i < c.n_fences; i++)
		free(c.fences[i].attrs);
	free(c.fences);
	footnotes_release(&c);
}

int
doc_id_unsure(const struct doc *d)
{
	return d->id_guessed && d->open_errors > 0;
}

static int
changed_error(struct doc *d, struct msgs *msgs)
{
	return error_at(msgs, LOC(d->path, 1, 1), "the file changed "
	    "or vanished while lecturepack read it; run it again");
}

/* The same, found after the first parse: said at once, like a system
 * error (the run fails). */
static int
changed_sys_error(struct doc *d)
{
	return sys_error("'%s' changed or vanished while lecturepack read "
	    "it; run it again", d->path);
}

static int
parse_locked(struct doc *d)
{
	char *body;

	/* Parsed once: blocks, links and parts outlive a dropped tree. */
	if (d->parsed)
		return d->msgs.errors;
	d->parsed = 1;
	if (d->text == NULL && !d->text_gone)
		return d->msgs.errors;	/* unreadable: in its messages */
	if ((body = take_text(d)) == NULL)
		changed_error(d, &d->msgs);
	else {
		parse_text(d, body, &d->msgs);
		/* Made now, while one thread holds d: packs resolving in
		 * other threads look sections up at the same time. */
		tree_section_index(d);
	}
	return d->msgs.errors;
}

int
doc_parse(struct doc *d)
{
	int rc;

	pthread_mutex_lock(&d->life);
	rc = parse_locked(d);
	/* Only the lists are wanted here: a lecture's tree goes when the
	 * trees kept pass the budget (a renderer gets it back). */
	if (d->kind == DOC_LECTURE && d->tree_users == 0 &&
	    budget_add(&tree_held, 0, 0) > TREE_BUDGET)
		drop_tree_locked(d);
	pthread_mutex_unlock(&d->life);
	return rc;
}

/* One pointer of the old parse for one of the new parse. */
struct rebind {
	const void	*new;
	void		*old;
};

static int
cmp_rebind(const void *a, const void *b)
{
	const struct rebind *x = a, *y = b;

	return x->new < y->new ? -1 : x->new > y->new;
}

/* Points the nodes of d's new tree (made with the lists nb and nl) at
 * d's own blocks and links, which other docs' links, parts and packs
 * point at, and gives d's blocks the new nodes.  The parse is
 * deterministic: both lists match one for one. */
static void
rebind_tree(struct doc *d, struct block **nb, struct wikilink **nl)
{
	struct rebind *v, key, *hit;
	size_t n = d->n_blocks + d->n_links, i;
	cmark_iter *it;
	cmark_node *node;

	v = xmalloc((n ? n : 1) * sizeof(*v));
	for (i = 0; i < d->n_blocks; i++) {
		v[i].new = nb[i];
		v[i].old = d->blocks[i];
		d->blocks[i]->node = nb[i]->node;
	}
	for (i = 0; i < d->n_links; i++) {
		v[d->n_blocks + i].new = nl[i];
		v[d->n_blocks + i].old = d->links[i];
	}
	qsort(v, n, sizeof(*v), cmp_rebind);
	it = cmark_iter_new(d->root);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		key.new = cmark_node_get_user_data(node);
		if (key.new != NULL && (hit = bsearch(&key, v, n, sizeof(*v),
		    cmp_rebind)) != NULL)
			cmark_node_set_user_data(node, hit->old);
	}
	cmark_iter_free(it);
	free(v);
}

/* Parses d's text again into a scratch doc, only for its tree: d's
 * lists (which other packs, in other threads, read meanwhile) never
 * change; the new tree's nodes are bound to them. */
static int
tree_need_locked(struct doc *d)
{
	struct doc scratch;
	char *body;
	int same;

	if (d->root != NULL)
		return 0;
	if (!d->parsed) {
		parse_locked(d);
		return d->root ? 0 : -1;
	}
	/* The first parse found the messages: a second one only gets the
	 * tree back (and a file changed meanwhile is a new problem, a
	 * system error's kind: the run says it at once). */
	if ((body = take_text(d)) == NULL)
		return changed_sys_error(d);
	memset(&scratch, 0, sizeof(scratch));
	scratch.kind = d->kind;
	scratch.path = d->path;
	scratch.id = d->id;
	scratch.bytes = d->bytes;
	scratch.had_yaml = d->had_yaml;
	parse_text(&scratch, body, NULL);
	same = scratch.n_blocks == d->n_blocks &&
	    scratch.n_links == d->n_links && scratch.root != NULL;
	if (same) {
		d->root = scratch.root;
		d->arena = scratch.arena;
		scratch.root = NULL;
		rebind_tree(d, scratch.blocks, scratch.links);
	} else if (scratch.root != NULL) {
		drop_tree_locked(&scratch);
	}
	free_lists(&scratch);
	if (!d->had_yaml)
		free(scratch.title);
	return same ? 0 : changed_sys_error(d);
}

int
doc_tree_need(struct doc *d)
{
	int rc;

	pthread_mutex_lock(&d->life);
	if ((rc = tree_need_locked(d)) == 0)
		d->tree_users++;
	pthread_mutex_unlock(&d->life);
	return rc;
}

void
doc_tree_done(struct doc *d)
{
	pthread_mutex_lock(&d->life);
	if (d->tree_users > 0)
		d->tree_users--;
	/* Notes stay: a few per pack, embedded by many of its pages. */
	if (d->kind == DOC_LECTURE && budget_add(&tree_held, 0, 0) >
	    TREE_BUDGET &&
	    d->tree_users == 0)
		drop_tree_locked(d);
	pthread_mutex_unlock(&d->life);
}

void
doc_drop_tree(struct doc *d)
{
	pthread_mutex_lock(&d->life);
	if (d->tree_users == 0)
		drop_tree_locked(d);
	pthread_mutex_unlock(&d->life);
}

static void
drop_tree_locked(struct doc *d)
{
	size_t i;

	if (d->root == NULL)
		return;
	if (d->arena != NULL)
		arena_free(d->arena);	/* the tree's nodes, all at once */
	else
		cmark_node_free(d->root);
	d->arena = NULL;
	d->root = NULL;
	budget_add(&tree_held, 0, d->bytes);
	for (i = 0; i < d->n_blocks; i++)
		d->blocks[i]->node = NULL;
}

static void
wikilink_free(struct wikilink *w)
{
	free(w->target);
	free(w->section);
	free(w->label);
	free(w);
}

/* Frees the fields of d, not d itself. */
static void
doc_free_fields(struct doc *d)
{
	size_t i;

	doc_unparse(d);
	for (i = 0; i < d->n_authors; i++)
		free(d->authors[i]);
	free(d->authors);
	free(d->path);
	free(d->id);
	free(d->title);
	free(d->updated);
	free(d->summary);
	free(d->locality);
	free(d->parent);
	free(d->term);
	for (i = 0; i < d->n_formerly; i++)
		free(d->formerly[i]);
	free(d->formerly);
	for (i = 0; i < d->n_replaces; i++)
		free(d->replaces[i]);
	free(d->replaces);
	free(d->replaces_locs);
	if (d->text != NULL)
		budget_add(&text_held, 0, d->bytes);
	free(d->text);
	free(d->yaml);
	msgs_release(&d->msgs);
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	doc_free_fields(d);
	pthread_mutex_destroy(&d->life);
	free(d);
}
