/* render_html.c - cmark tree to HTML/XHTML, one switch over node types.
 *
 * Raw HTML is never written (load_doc.c warned about it), unsafe URLs
 * were blanked at load, and every byte of text goes through escape.c.
 * One walk makes the markup and the search text (see render_html.h). */
#include "render_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "load_doc.h"
#include "model.h"
#include "path.h"
#include "resolve_marks.h"
#include "text.h"
#include "xalloc.h"

struct rctx {
	struct buf		*out;
	struct body		*body;		/* splices and search text */
	const struct doc	*doc;
	const struct html_opts	*o;
	int			 embed;		/* inside an embed: no ids,
						   no search text */
	cmark_node		*quiet;		/* a section heading: its text
						   is the section's title */
	size_t			 sec_off;	/* the open search section */
	const struct block	*sec;
	int			 figures;	/* figures numbered so far */
	size_t			 cell;		/* cells of the open table
						   written */
	unsigned char		*noted;		/* [n]: footnote n's first
						   reference was written */
};

static void render_walk(struct rctx *, cmark_node *, int);

/* Appends ` name="value"`, the value escaped; nothing for NULL. */
static void
put_attr(struct buf *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_putc(out, ' ');
	buf_puts(out, name);
	buf_puts(out, "=\"");
	esc_html_str(out, value);
	buf_putc(out, '"');
}

/* The names of the localities d succeeds, joined by ", ", into names. */
static void
formerly_names(struct buf *names, const struct doc *d)
{
	size_t i;

	for (i = 0; i < d->n_formerly; i++) {
		if (i)
			buf_puts(names, ", ");
		buf_puts(names, d->formerly[i]);
	}
}

void
html_formerly(struct buf *out, const struct doc *d, const struct theme *t)
{
	struct buf names = BUF_INIT;

	if (d->n_formerly == 0)
		return;
	formerly_names(&names, d);
	theme_label_fmt(t, out, "formerly", names.data);
	buf_release(&names);
}

void
html_formerly_text(struct buf *out, const struct doc *d,
    const struct theme *t)
{
	struct buf names = BUF_INIT;

	if (d->n_formerly == 0)
		return;
	formerly_names(&names, d);
	theme_label_text(t, out, "formerly", names.data);
	buf_release(&names);
}

void
html_authors(struct buf *out, const struct doc *d)
{
	size_t i;

	for (i = 0; i < d->n_authors; i++) {
		if (i)
			buf_puts(out, ", ");
		esc_html_str(out, d->authors[i]);
	}
}

void
html_href(struct buf *out, const struct doc *to, const struct block *section,
    const struct html_opts *o)
{
	if (o->one_page)
		buf_putc(out, '#');
	esc_url(out, to->id);
	buf_puts(out, o->ext);
	if (section && section->id) {
		buf_putc(out, o->one_page ? '.' : '#');
		esc_url(out, section->id);
	}
}

/* Records a splice of kind k over the bytes [at, now). */
static void
splice_add(struct rctx *r, enum splice_kind k, size_t at)
{
	struct body *b = r->body;

	b->splices = xgrow(b->splices, &b->cap_splices, b->n_splices + 1,
	    sizeof(*b->splices));
	b->splices[b->n_splices].at = at;
	b->splices[b->n_splices].len = r->out->len - at;
	b->splices[b->n_splices++].kind = k;
}

/* Writes markup that only pages of kind k (SPLICE_EPUB, SPLICE_HTML)
 * have: s. */
static void
put_only(struct rctx *r, enum splice_kind k, const char *s)
{
	size_t at = r->out->len;

	buf_puts(r->out, s);
	splice_add(r, k, at);
}

/* put_only() of pre, the number n and post. */
static void
put_only_n(struct rctx *r, enum splice_kind k, const char *pre, int n,
    const char *post)
{
	size_t at = r->out->len;

	buf_puts(r->out, pre);
	buf_put_int(r->out, n);
	buf_puts(r->out, post);
	splice_add(r, k, at);
}

/* The '#' of the fragment `frag` (without its '#') of an href to
 * another page, which the one page writes as '.'. */
static void
put_frag(struct rctx *r, const char *frag)
{
	buf_putc(r->out, '#');
	splice_add(r, SPLICE_FRAG, r->out->len - 1);
	esc_url(r->out, frag);
}

/* An href in a body: the page extension is spliced in later. */
static void
put_href(struct rctx *r, const struct doc *to, const struct block *section)
{
	splice_add(r, SPLICE_PAGE, r->out->len);
	esc_url(r->out, to->id);
	splice_add(r, SPLICE_EXT, r->out->len);
	if (section && section->id)
		put_frag(r, section->id);
}

/* The start of an id of the body's page, or of a fragment naming one. */
static void
put_id_start(struct rctx *r)
{
	splice_add(r, SPLICE_ID, r->out->len);
}

/* ` id="ID"`, an id of the body's page. */
static void
put_id(struct rctx *r, const char *id)
{
	buf_puts(r->out, " id=\"");
	put_id_start(r);
	esc_html_str(r->out, id);
	buf_putc(r->out, '"');
}

/* The label of content of congress `mark`.  Outdated content names the
 * congress it is to be brought up to ("... XIII — chưa cập nhật XIV")
 * once the current one is not the first cycle's (CONGRESS_DEFAULT),
 * whose labels stay as they were. */
static void
mark_label(struct buf *out, int mark, const struct html_opts *o)
{
	const struct tvar vars[] = { { "n", congress_name(mark), 0 },
	    { "c", congress_name(o->current), 0 }, { NULL, NULL, 0 } };

	if (html_learners(o))
		theme_label_vars(o->theme, out, "mark_neutral", vars);
	else if (mark >= o->current)
		theme_label_vars(o->theme, out, "mark_current", vars);
	else if (o->current == CONGRESS_DEFAULT)
		theme_label_vars(o->theme, out, "mark_outdated", vars);
	else
		theme_label_vars(o->theme, out, "mark_outdated_to", vars);
}

void
html_mark_label(struct buf *out, int mark, const struct html_opts *o)
{
	buf_puts(out, "<p class=\"congress-label\">");
	mark_label(out, mark, o);
	buf_puts(out, "</p>\n");
}

void
html_lecture_badge(struct buf *out, const struct doc *d,
    const struct html_opts *o)
{
	static const char *const keys[] = { "badge_outdated", "badge_partial",
	    NULL, "badge_updated" };
	enum status st = marks_status(d, o->current);
	char count[24];
	const struct tvar vars[] = { { "n", count, 0 },
	    { "c", congress_name(o->current), 0 }, { NULL, NULL, 0 } };
	size_t n;

	if (keys[st] == NULL || html_learners(o))
		return;		/* unmarked, or a class's pack: no state */
	free(marks_places(d, o->current, &n));
	snprintf(count, sizeof(count), "%zu", n);
	buf_puts(out, "<div class=\"lecture-status\" data-status=\"");
	buf_puts(out, status_name(st));
	buf_puts(out, "\">\n<p class=\"congress-label\">");
	theme_label_vars(o->theme, out, keys[st], vars);
	buf_puts(out, "</p>\n</div>\n");
}

void
html_legend(struct buf *out, const struct html_opts *o, const char *id)
{
	if (html_learners(o))
		return;		/* neutral labels need no key */
	buf_puts(out, "<section class=\"legend\"");
	if (id)
		buf_printf(out, " aria-labelledby=\"%s\">\n<h2 id=\"%s\">",
		    id, id);
	else
		buf_puts(out, ">\n<h2>");
	esc_html_str(out, theme_label(o->theme, "legend_title"));
	buf_puts(out, "</h2>\n<p>");
	esc_html_str(out, theme_label(o->theme, "legend_text"));
	buf_puts(out, "</p>\n<ul class=\"legend-list\">\n<li class=\"legend-"
	    "outdated\">");
	mark_label(out, o->current - 1, o);
	buf_puts(out, "</li>\n<li class=\"legend-current\">");
	mark_label(out, o->current, o);
	buf_puts(out, "</li>\n</ul>\n</section>\n");
}

void
html_pack_title(struct buf *out, const struct curriculum *c)
{
	buf_puts(out, "<h1>");
	esc_html_str(out, c->title);
	buf_puts(out, "</h1>\n<p class=\"pack-center\">");
	esc_html_str(out, c->center);
	buf_puts(out, "</p>\n");
}

void
html_cover_image(struct buf *out, const struct curriculum *c,
    const char *cls)
{
	if (c->cover_image.path == NULL)
		return;
	buf_printf(out, "<p class=\"%s\"><img src=\"media/", cls);
	esc_url(out, c->cover_image.name);
	buf_puts(out, "\" alt=\"");
	esc_html_str(out, c->title);
	buf_puts(out, "\" /></p>\n");
}

/* A section of a page's outline, opened by a heading. */
static int
outline_section(const struct block *s)
{
	return s->kind == BLOCK_SECTION && s->is_section && s->level != 0;
}

int
html_outline_depth(const struct block *s)
{
	if (!outline_section(s))
		return 0;
	if (s->parent == NULL)
		return 1;
	return outline_section(s->parent) && s->parent->parent == NULL ? 2 : 0;
}

int
html_learners(const struct html_opts *o)
{
	return o->pack != NULL && o->pack->c != NULL &&
	    o->pack->c->audience == AUDIENCE_LEARNERS;
}

void
html_opts_init(struct html_opts *o, const struct pack *p,
    const struct theme *t, int current, const char *ext)
{
	memset(o, 0, sizeof(*o));
	o->ext = ext;
	o->media = "media/";
	o->current = current;
	o->theme = t;
	o->pack = p;
}

/* An entry of a contents list; with mark, records it there instead of
 * looking at st->current. */
static void
contents_entry(struct buf *out, const struct html_opts *o,
    const struct contents_style *st, const struct doc *d,
    struct contents_mark *mark)
{
	buf_puts(out, "<li><a href=\"");
	html_href(out, d, NULL, o);
	buf_putc(out, '"');
	if (mark) {
		mark->doc = d;
		mark->at = out->len;
	} else if (st->current && strcmp(d->id, st->current) == 0)
		buf_puts(out, " aria-current=\"page\"");
	buf_putc(out, '>');
	esc_html_str(out, d->title);
	buf_puts(out, "</a>");
	if (st->meta && d->kind == DOC_LECTURE &&
	    (d->hours >= 0 || d->n_authors)) {
		buf_puts(out, "<span class=\"toc-meta\">");
		if (d->hours >= 0) {
			buf_put_int(out, d->hours);
			buf_putc(out, ' ');
			esc_html_str(out, theme_label(o->theme, "hours_unit"));
		}
		if (d->hours >= 0 && d->n_authors)
			buf_puts(out, " · ");
		html_authors(out, d);
		buf_puts(out, "</span>");
	}
	buf_puts(out, "</li>\n");
}

const struct contents_style html_toc_page = { "<h3 class=\"toc-part\">",
    "</h3>\n", "<ol class=\"toc-lectures\">\n", "</ol>\n",
    "<ul class=\"toc-notes\">\n", "</ul>\n", 1, NULL };

/* html_contents(), and html_contents_marked() with marks. */
static size_t
contents(struct buf *out, const struct html_opts *o,
    const struct contents_style *st, struct contents_mark *marks)
{
	const struct pack *p = o->pack;
	size_t i, j, n = 0;

	for (i = 0; i < p->n_parts; i++) {
		if (p->parts[i].title) {
			buf_puts(out, st->part_open);
			esc_html_str(out, p->parts[i].title);
			buf_puts(out, st->part_close);
		}
		buf_puts(out, st->list_open);
		for (j = 0; j < p->parts[i].n; j++, n++)
			contents_entry(out, o, st, p->parts[i].pages[j].doc,
			    marks ? &marks[n] : NULL);
		buf_puts(out, st->list_close);
	}
	if (st->notes_open == NULL || p->n_notes == 0)
		return n;
	buf_puts(out, st->part_open);
	esc_html_str(out, theme_label(o->theme, "notes_title"));
	buf_puts(out, st->part_close);
	buf_puts(out, st->notes_open);
	for (i = 0; i < p->n_notes; i++, n++)
		contents_entry(out, o, st, p->notes[i].doc,
		    marks ? &marks[n] : NULL);
	buf_puts(out, st->notes_close);
	return n;
}

void
html_contents(struct buf *out, const struct html_opts *o,
    const struct contents_style *st)
{
	contents(out, o, st, NULL);
}

size_t
html_contents_marked(struct buf *out, const struct html_opts *o,
    const struct contents_style *st, struct contents_mark *marks)
{
	return contents(out, o, st, marks);
}

static void
open_congress(struct rctx *r, const char *tag, const struct block *b)
{
	const char *name = congress_name(b->mark);

	buf_putc(r->out, '<');
	buf_puts(r->out, tag);
	buf_puts(r->out, " class=\"congress congress-");
	buf_puts(r->out, congress_class(b->mark));
	if (b->callout) {
		buf_puts(r->out, " callout callout-");
		buf_puts(r->out, callout_name(b->callout));
	}
	/* A section's other classes stay on its heading. */
	if (b->classes && b->kind == BLOCK_DIV) {
		buf_putc(r->out, ' ');
		esc_html_str(r->out, b->classes);
	}
	buf_puts(r->out, "\" data-congress=\"");
	buf_puts(r->out, name);
	buf_putc(r->out, '"');
	if (b->callout)
		buf_puts(r->out, " role=\"note\"");
	if (b->id && !r->embed)
		put_id(r, b->id);
	/* The state is the reviewers'; a class's pack does not tell it. */
	if (!html_learners(r->o))
		buf_puts(r->out, b->mark < r->o->current ?
		    " data-status=\"outdated\"" : " data-status=\"current\"");
	buf_puts(r->out, ">\n");
}

/* Opens the <a> of a wiki link shown as a link (to, sec: its target). */
static void
wikilink_open(struct rctx *r, const struct doc *to, const struct block *sec)
{
	buf_puts(r->out, "<a class=\"note-link\" href=\"");
	if (to == r->doc && sec && !r->embed) {
		buf_putc(r->out, '#');
		put_id_start(r);
		esc_url(r->out, sec->id);
	} else
		put_href(r, to, sec);
	buf_puts(r->out, "\">");
}

/* The locality of note n as words inside a label: a word of the theme's
 * "locality_words" that begins it is written as the theme writes it
 * ("Tỉnh Bắc Ninh": "tỉnh Bắc Ninh"). */
static void
locality_text(struct buf *out, const struct theme *t, const struct doc *n)
{
	const char *p = theme_label(t, "locality_words"), *e;
	char word[64];
	size_t len, k;

	for (; *p; p = *e ? e + 1 : e) {
		while (*p == ' ')
			p++;
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		len = (size_t)(e - p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == 0 || len >= sizeof(word))
			continue;
		memcpy(word, p, len);
		word[len] = '\0';
		if ((k = text_word_prefix(n->locality, word)) > 0) {
			buf_puts(out, word);
			buf_puts(out, n->locality + k);
			return;
		}
	}
	buf_puts(out, n->locality);
}

/* The visible text of link w, plain, into out: its own label; else for
 * a section of the pack's province, district or commune note, whose the
 * note is ("Nghị quyết tỉnh Bắc Ninh: Kinh tế"), since the lecture's
 * words cannot say it; else pack_link_label(). */
static void
link_label(struct buf *out, const struct rctx *r, const struct wikilink *w)
{
	const struct doc *to;
	const struct block *sec;
	struct buf loc = BUF_INIT;

	if (w->label == NULL && link_is_placeholder(w->target) &&
	    pack_target(r->o->pack, w, &to, &sec) && sec != NULL &&
	    to->locality != NULL) {
		locality_text(&loc, r->o->theme, to);
		{
			const struct tvar vars[] = { { "locality", loc.data, 0 },
			    { "section", sec->title, 0 }, { NULL, NULL, 0 } };

			theme_label_text_vars(r->o->theme, out,
			    "placeholder_label", vars);
		}
		buf_release(&loc);
		return;
	}
	buf_puts(out, pack_link_label(r->o->pack, w));
}

static void
render_wikilink(struct rctx *r, const struct wikilink *w)
{
	struct buf label = BUF_INIT;
	const struct doc *to;
	const struct block *sec;

	link_label(&label, r, w);
	if (!pack_target(r->o->pack, w, &to, &sec)) {
		esc_html_str(r->out, label.data);
		buf_release(&label);
		return;
	}
	wikilink_open(r, to, sec);
	esc_html_str(r->out, label.data);
	buf_puts(r->out, "</a>");
	buf_release(&label);
}

/* A wiki link node: a label that holds inline Markdown is the node's
 * children, written by the walk (as text when it is not a link). */
static void
render_wikilink_node(struct rctx *r, cmark_node *n, int entering)
{
	const struct wikilink *w = cmark_node_get_user_data(n);
	const struct doc *to;
	const struct block *sec;

	if (cmark_node_first_child(n) == NULL) {
		if (entering)
			render_wikilink(r, w);
	} else if (pack_target(r->o->pack, w, &to, &sec)) {
		if (entering)
			wikilink_open(r, to, sec);
		else
			buf_puts(r->out, "</a>");
	}
}

static void
render_embed(struct rctx *r, const struct wikilink *w)
{
	const struct doc *to;
	const struct block *sec;
	struct rctx sub = *r;

	if (!pack_target(r->o->pack, w, &to, &sec))
		return;
	if (r->embed) {
		/* One level only: an embed inside an embed is a link. */
		buf_puts(r->out, "<p>");
		render_wikilink(r, w);
		buf_puts(r->out, "</p>\n");
		return;
	}
	buf_printf(r->out, "<aside class=\"local-note\" data-level=\"%s\" "
	    "data-note=\"", note_level_name(to->level) ?
	    note_level_name(to->level) : "lecture");
	esc_html_str(r->out, to->id);
	buf_puts(r->out, "\">\n<p class=\"local-note-caption\">");
	theme_label_fmt(r->o->theme, r->out, "embed_source", "");
	buf_puts(r->out, " <a class=\"note-link\" href=\"");
	put_href(r, to, sec);
	buf_puts(r->out, "\">");
	esc_html_str(r->out, to->title ? to->title : to->id);
	if (sec) {
		buf_puts(r->out, " — ");
		esc_html_str(r->out, sec->title);
	}
	buf_puts(r->out, "</a>");
	if (to->n_formerly) {
		buf_puts(r->out, " (");
		html_formerly(r->out, to, r->o->theme);
		buf_putc(r->out, ')');
	}
	buf_puts(r->out, "</p>\n");
	sub.doc = to;
	sub.embed = 1;
	/* A section's content without its heading, or the whole note. */
	if (sec)
		render_walk(&sub, sec->node, 1);
	else
		render_walk(&sub, to->root, 0);
	buf_puts(r->out, "</aside>\n");
}

/* A callout's title, from the theme's labels ("callout_note", ...). */
static void
callout_title(struct rctx *r, enum callout k)
{
	char key[32];

	snprintf(key, sizeof(key), "callout_%s", callout_name(k));
	buf_puts(r->out, "<p class=\"callout-title\">");
	esc_html_str(r->out, theme_label(r->o->theme, key));
	buf_puts(r->out, "</p>\n");
}

/* A '> [!NOTE]' block quote: the same box as a '::: note' div. */
static void
render_quote(struct rctx *r, cmark_node *n, int entering)
{
	enum callout k = node_callout(n);

	if (k == CALLOUT_NONE)
		buf_puts(r->out, entering ? "<blockquote>\n" :
		    "</blockquote>\n");
	else if (!entering)
		buf_puts(r->out, "</div>\n");
	else {
		buf_printf(r->out, "<div class=\"callout callout-%s\" "
		    "role=\"note\">\n", callout_name(k));
		callout_title(r, k);
	}
}

/* A table: its cells are the paragraphs below it (render_cell()). */
static void
render_table(struct rctx *r, const struct block *b, int entering)
{
	if (entering) {
		r->cell = 0;
		buf_puts(r->out, "<div class=\"table-wrap\">\n<table>\n"
		    "<thead>\n");
		return;
	}
	if (r->cell > b->cols)
		buf_puts(r->out, "</tbody>\n");
	buf_puts(r->out, "</table>\n</div>\n");
}

/* A cell of table b, entering or leaving it. */
static void
render_cell(struct rctx *r, const struct block *b, int entering)
{
	size_t col = r->cell % b->cols, row = r->cell / b->cols;
	char a = b->align[col];

	if (!entering) {
		buf_puts(r->out, row == 0 ? "</th>\n" : "</td>\n");
		if (col + 1 == b->cols)
			buf_puts(r->out, row == 0 ? "</tr>\n</thead>\n" :
			    "</tr>\n");
		r->cell++;
		return;
	}
	if (col == 0)
		buf_puts(r->out, row == 1 ? "<tbody>\n<tr>\n" : "<tr>\n");
	/* (Every cell: puts, not printf.) */
	buf_puts(r->out, row == 0 ? "<th" : "<td");
	if (a != '-')
		buf_puts(r->out, a == 'l' ? " style=\"text-align: left\"" :
		    a == 'c' ? " style=\"text-align: center\"" :
		    " style=\"text-align: right\"");
	buf_putc(r->out, '>');
}

/* The table a paragraph is a cell of, or NULL. */
static const struct block *
cell_table(cmark_node *n)
{
	cmark_node *p = cmark_node_parent(n);
	const struct block *b;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_CUSTOM_BLOCK)
		return NULL;
	b = cmark_node_get_user_data(p);
	return b->kind == BLOCK_TABLE ? b : NULL;
}

/* ---- footnotes ---- */

/* A reference to footnote b: its number, up, linking to the note.  In
 * an embed, to the note on the embedded page (ids are that page's). */
static void
render_noteref(struct rctx *r, const struct block *b)
{
	int first = !r->embed && !r->noted[b->number];

	buf_puts(r->out, "<sup class=\"footnote-ref\"><a href=\"");
	if (r->embed) {
		put_href(r, r->doc, NULL);
		buf_putc(r->out, '#');
		splice_add(r, SPLICE_FRAG, r->out->len - 1);
	} else {
		buf_putc(r->out, '#');
		put_id_start(r);
	}
	buf_puts(r->out, "lp-fn-");	/* (esc_url() leaves it as it is) */
	buf_put_int(r->out, b->number);
	buf_putc(r->out, '"');
	if (first) {
		/* put_id(): its id needs no escaping */
		buf_puts(r->out, " id=\"");
		put_id_start(r);
		buf_puts(r->out, "lp-fnref-");
		buf_put_int(r->out, b->number);
		buf_putc(r->out, '"');
	}
	buf_puts(r->out, " role=\"doc-noteref\"");
	put_only(r, SPLICE_EPUB, " epub:type=\"noteref\"");
	buf_putc(r->out, '>');
	buf_put_int(r->out, b->number);
	buf_puts(r->out, "</a></sup>");
	if (!r->embed)
		r->noted[b->number] = 1;
}

/* The link from footnote b back to its first reference. */
static void
render_backlink(struct rctx *r, const struct block *b, const char *before)
{
	char num[16];

	snprintf(num, sizeof(num), "%d", b->number);
	buf_puts(r->out, before);
	buf_puts(r->out, "<a class=\"footnote-back\" href=\"#");
	put_id_start(r);
	buf_puts(r->out, "lp-fnref-");
	buf_put_int(r->out, b->number);
	buf_puts(r->out, "\" role=\"doc-backlink\" aria-label=\"");
	theme_label_fmt(r->o->theme, r->out, "footnote_back_label", num);
	buf_puts(r->out, "\">");
	esc_html_str(r->out, theme_label(r->o->theme, "footnote_back"));
	buf_puts(r->out, "</a>");
}

/* The footnote whose last block paragraph n is (its back link goes at
 * its end), or NULL. */
static const struct block *
note_last_para(cmark_node *n)
{
	cmark_node *p = cmark_node_parent(n);
	const struct block *b;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_CUSTOM_BLOCK ||
	    cmark_node_next(n) != NULL)
		return NULL;
	b = cmark_node_get_user_data(p);
	return b->kind == BLOCK_FOOTNOTE ? b : NULL;
}

/* The footnote whose first block paragraph n is, or NULL. */
static const struct block *
note_first_para(cmark_node *n)
{
	cmark_node *p = cmark_node_parent(n);
	const struct block *b;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_CUSTOM_BLOCK ||
	    cmark_node_previous(n) != NULL)
		return NULL;
	b = cmark_node_get_user_data(p);
	return b->kind == BLOCK_FOOTNOTE ? b : NULL;
}

/* The footnotes of the page, at its end.  HTML has a list of notes.
 * EPUB has each note in an <aside epub:type="footnote">, which readers
 * show as a pop-up and many then hide where it stands: not in a list,
 * whose numbers would be left alone on the page, but numbered in its
 * own text.  Returns 1 when the walk must skip the children:
 * an embed's notes stay on the embedded page. */
static int
render_note_block(struct rctx *r, cmark_node *n, int entering)
{
	const struct block *b = cmark_node_get_user_data(n);
	cmark_node *last;
	size_t at, k;

	if (b->kind == BLOCK_FOOTNOTES) {
		if (r->embed)
			return entering;
		if (!entering) {
			put_only(r, SPLICE_HTML, "</ol>\n");
			buf_puts(r->out, "</section>\n");
			return 0;
		}
		buf_puts(r->out, "<section class=\"footnotes\"");
		put_only(r, SPLICE_EPUB, " epub:type=\"footnotes\"");
		buf_puts(r->out, ">\n<h2 class=\"footnotes-title\">");
		esc_html_str(r->out, theme_label(r->o->theme,
		    "footnotes_title"));
		buf_puts(r->out, "</h2>\n");
		put_only(r, SPLICE_HTML, "<ol>\n");
		return 0;
	}
	if (entering) {
		/* HTML's alone, with the start of its id inside. */
		at = r->out->len;
		splice_add(r, SPLICE_HTML, at);
		k = r->body->n_splices - 1;
		buf_puts(r->out, "<li id=\"");
		put_id_start(r);
		buf_puts(r->out, "lp-fn-");
		buf_put_int(r->out, b->number);
		buf_puts(r->out, "\">\n");
		r->body->splices[k].len = r->out->len - at;
		put_only_n(r, SPLICE_EPUB, "<aside id=\"lp-fn-", b->number,
		    "\" epub:type=\"footnote\" role=\"doc-footnote\">\n");
		last = cmark_node_first_child(n);
		if (last == NULL ||
		    cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH)
			put_only_n(r, SPLICE_EPUB, "<p class=\"footnote-label\">",
			    b->number, ".</p>\n");
		return 0;
	}
	last = cmark_node_last_child(n);
	if (last == NULL ||
	    cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH) {
		render_backlink(r, b, "<p>");
		buf_puts(r->out, "</p>\n");
	}
	put_only(r, SPLICE_HTML, "</li>\n");
	put_only(r, SPLICE_EPUB, "</aside>\n");
	return 0;
}

/* A section, div, embed or footnote block, entering or leaving it.
 * Returns 1 when the walk must skip its children. */
static int
render_custom_block(struct rctx *r, cmark_node *n, int entering)
{
	const struct block *b = cmark_node_get_user_data(n);

	switch (b->kind) {
	case BLOCK_TABLE:
		render_table(r, b, entering);
		return 0;
	case BLOCK_FOOTNOTE:
	case BLOCK_FOOTNOTES:
		return render_note_block(r, n, entering);
	case BLOCK_EMBED:
		if (entering)
			render_embed(r, b->link);
		return 0;
	case BLOCK_SECTION:
		if (!b->mark)
			return 0;
		if (entering)
			open_congress(r, "section", b);
		else
			buf_puts(r->out, "</section>\n");
		return 0;
	case BLOCK_DIV:
		if (!entering) {
			buf_puts(r->out, "</div>\n");
			return 0;
		}
		if (b->mark) {
			open_congress(r, "div", b);
			if (b->callout)
				callout_title(r, b->callout);
			/* Inside a block with the same mark, its label is
			 * already there. */
			if (block_enclosing_mark(b) != b->mark)
				html_mark_label(r->out, b->mark, r->o);
			return 0;
		}
		buf_puts(r->out, "<div");
		if (b->callout) {
			buf_printf(r->out, " class=\"callout callout-%s",
			    callout_name(b->callout));
			if (b->classes) {
				buf_putc(r->out, ' ');
				esc_html_str(r->out, b->classes);
			}
			buf_putc(r->out, '"');
		} else if (b->classes)
			put_attr(r->out, "class", b->classes);
		if (b->id && !r->embed)
			put_id(r, b->id);
		if (b->callout)
			buf_puts(r->out, " role=\"note\"");
		buf_puts(r->out, ">\n");
		if (b->callout)
			callout_title(r, b->callout);
		return 0;
	}
	return 0;
}

/* The link a heading of id `id` has to itself, for sharing a section:
 * HTML pages' alone (an e-reader has no address bar), markup only (no
 * search text), named for screen readers by the theme's label. */
static void
heading_anchor(struct rctx *r, const char *id)
{
	size_t at = r->out->len, k = r->body->n_splices;

	/* Recorded first, its length set at the end: splices ascend, and
	 * the one page's id prefix splices into the fragment. */
	splice_add(r, SPLICE_HTML, at);
	buf_puts(r->out, " <a class=\"heading-anchor\" href=\"#");
	put_id_start(r);
	esc_url(r->out, id);
	buf_putc(r->out, '"');
	put_attr(r->out, "aria-label",
	    theme_label(r->o->theme, "heading_anchor"));
	buf_puts(r->out, ">#</a>");
	r->body->splices[k].len = r->out->len - at;
}

static void
render_heading(struct rctx *r, cmark_node *n, int entering)
{
	const struct block *b = cmark_node_get_user_data(n);
	int level = cmark_node_get_heading_level(n);
	int marked_section = b && b->mark && b->is_section;

	if (!entering) {
		if (b && b->id && !r->embed)
			heading_anchor(r, b->id);
		buf_puts(r->out, "</h");
		buf_putc(r->out, (char)('0' + level));
		buf_puts(r->out, ">\n");
		if (marked_section)
			html_mark_label(r->out, b->mark, r->o);
		return;
	}
	buf_puts(r->out, "<h");
	buf_putc(r->out, (char)('0' + level));
	if (b && b->id && !marked_section && !r->embed)
		put_id(r, b->id);
	if (b && b->classes)
		put_attr(r->out, "class", b->classes);
	buf_putc(r->out, '>');
}

static int
in_tight_list(cmark_node *n)
{
	cmark_node *item = cmark_node_parent(n), *list;

	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return 0;
	list = cmark_node_parent(item);
	return list && cmark_node_get_list_tight(list);
}

/* ---- the search text, from the same walk ---- */

static int
is_heading_block(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING &&
	    cmark_node_get_user_data(n) != NULL;
}

/* One space between words, none at the start of a section. */
static void
text_space(struct rctx *r)
{
	struct buf *t = &r->body->text;

	if (t->len > r->sec_off && t->data[t->len - 1] != ' ')
		buf_putc(t, ' ');
}

/* Ends the open search section where the text is now, with a NUL that
 * ends it as a C string too. */
static void
section_end(struct rctx *r)
{
	struct body *b = r->body;

	b->sections = xgrow(b->sections, &b->cap_sections, b->n_sections + 1,
	    sizeof(*b->sections));
	b->sections[b->n_sections].b = r->sec;
	b->sections[b->n_sections].off = r->sec_off;
	b->sections[b->n_sections].len = b->text.len - r->sec_off;
	b->n_sections++;
	buf_putc(&b->text, '\0');
	r->sec_off = b->text.len;
}

/* What entering node n adds to the search text: its words, a space
 * between blocks, a wiki link's label.  A section heading starts a new
 * section, titled by its block, and adds nothing itself. */
static void
search_node(struct rctx *r, cmark_node *n)
{
	struct buf *t = &r->body->text;

	if (r->embed || r->quiet)
		return;
	if (is_heading_block(n)) {
		section_end(r);
		r->sec = cmark_node_get_user_data(n);
		r->quiet = n;
		return;
	}
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
		buf_puts(t, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_CODE:
		buf_puts(t, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_ITEM:
		text_space(r);
		break;
	case CMARK_NODE_CUSTOM_INLINE:
		/* A label with Markdown: its own nodes follow.  A
		 * footnote's number is no word. */
		if (cmark_node_first_child(n) == NULL && node_wikilink(n))
			link_label(t, r, cmark_node_get_user_data(n));
		break;
	default:
		break;
	}
}

/* The alt text of image n into alt, as cmark writes it: the plain
 * text, breaks as spaces, a wiki link's visible words. */
static void
image_alt(struct rctx *r, cmark_node *n, struct buf *alt)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *k;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		k = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || k == n)
			continue;
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(alt, ' ');
			break;
		case CMARK_NODE_CUSTOM_INLINE:
			if (cmark_node_first_child(k) == NULL &&
			    node_wikilink(k))
				link_label(alt, r, node_wikilink(k));
			break;
		case CMARK_NODE_TEXT:
			buf_puts(alt, cmark_node_get_literal(k));
			break;
		default:
			if (cmark_node_get_literal(k))
				buf_puts(alt, cmark_node_get_literal(k));
			break;
		}
	}
	cmark_iter_free(it);
}

static void
render_image(struct rctx *r, cmark_node *n)
{
	const char *url = cmark_node_get_url(n), *title;
	struct buf alt = BUF_INIT;
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *k;

	/* Its words are in the search text. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		k = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && k != n)
			search_node(r, k);
	}
	cmark_iter_free(it);
	image_alt(r, n, &alt);
	if (*url == '\0') {
		esc_html(r->out, alt.data, alt.len);
		buf_release(&alt);
		return;
	}
	buf_puts(r->out, "<img src=\"");
	esc_url(r->out, r->o->media);
	esc_url(r->out, url);
	buf_puts(r->out, "\" alt=\"");
	esc_html(r->out, alt.data, alt.len);
	buf_putc(r->out, '"');
	title = cmark_node_get_title(n);
	if (title && *title)
		put_attr(r->out, "title", title);
	buf_puts(r->out, " />");
	buf_release(&alt);
}

static int
link_shown(cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	enum url_kind k;

	if (*url == '\0')
		return 0;
	/* The load kept a link in the form to write (check_link()): a
	 * fragment or a known scheme in lower case needs no second look;
	 * anything else is classified again. */
	if (*url == '#' || strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "mailto:", 7) == 0 || strncmp(url, "tel:", 4) == 0)
		return 1;
	k = url_classify(url);
	return k == URL_OK || k == URL_FRAGMENT;
}

static void
render_link(struct rctx *r, cmark_node *n, int entering)
{
	const char *url = cmark_node_get_url(n), *title;

	if (!link_shown(n))
		return;		/* dropped at load: only its text shows */
	if (!entering) {
		buf_puts(r->out, "</a>");
		return;
	}
	buf_puts(r->out, "<a href=\"");
	/* In an embed, '#id' means an id of the embedded page (and '#'
	 * alone its top). */
	if (url[0] == '#' && r->embed) {
		put_href(r, r->doc, NULL);
		if (url[1] != '\0')
			put_frag(r, url + 1);
	} else if (url[0] == '#' && url[1] != '\0') {
		buf_putc(r->out, '#');
		put_id_start(r);
		esc_url(r->out, url + 1);
	} else
		esc_url(r->out, url);
	buf_putc(r->out, '"');
	title = cmark_node_get_title(n);
	if (title && *title)
		put_attr(r->out, "title", title);
	buf_putc(r->out, '>');
}

static void
render_list(struct rctx *r, cmark_node *n, int entering)
{
	int start = cmark_node_get_list_start(n);
	int bullet = cmark_node_get_list_type(n) == CMARK_BULLET_LIST;

	if (!entering)
		buf_puts(r->out, bullet ? "</ul>\n" : "</ol>\n");
	else if (bullet)
		buf_puts(r->out, "<ul>\n");
	else if (start != 1)
		buf_printf(r->out, "<ol start=\"%d\">\n", start);
	else
		buf_puts(r->out, "<ol>\n");
}

static void
render_code_block(struct rctx *r, cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);
	size_t w = info ? strcspn(info, " \t") : 0;

	buf_puts(r->out, "<pre><code");
	if (w > 0) {
		buf_puts(r->out, " class=\"language-");
		esc_html(r->out, info, w);
		buf_putc(r->out, '"');
	}
	buf_putc(r->out, '>');
	esc_html_str(r->out, cmark_node_get_literal(n));
	buf_puts(r->out, "</code></pre>\n");
}

/* The box of a task list item, at the start of its first paragraph:
 * a symbol with the theme's words for screen readers, not a form. */
static void
task_box(struct rctx *r, cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para);
	enum node_note k;

	if (item == NULL || cmark_node_first_child(item) != para)
		return;
	k = node_note(item);
	if (k != NODE_TASK_OPEN && k != NODE_TASK_DONE)
		return;
	buf_printf(r->out, "<span class=\"task-box task-%s\" role=\"img\" "
	    "aria-label=\"", k == NODE_TASK_DONE ? "done" : "open");
	esc_html_str(r->out, theme_label(r->o->theme, k == NODE_TASK_DONE ?
	    "task_done" : "task_open"));
	buf_puts(r->out, k == NODE_TASK_DONE ? "\">\u2611</span>" :
	    "\">\u2610</span>");
}

/* The image alone in paragraph n (that is shown), or NULL. */
static cmark_node *
lone_image(cmark_node *n)
{
	cmark_node *k = cmark_node_first_child(n);

	if (k == NULL || cmark_node_next(k) != NULL ||
	    cmark_node_get_type(k) != CMARK_NODE_IMAGE ||
	    *cmark_node_get_url(k) == '\0')
		return NULL;
	return k;
}

/* An image alone in its paragraph is a figure captioned by its title,
 * else its alt text, numbered when the theme's figure_number label is
 * not empty (in an embed, not numbered: the numbers are the page's). */
static void
render_figure(struct rctx *r, cmark_node *para, int entering)
{
	cmark_node *img = lone_image(para);
	const char *title = cmark_node_get_title(img);
	const char *numbered = theme_label(r->o->theme, "figure_number");
	struct buf cap = BUF_INIT;
	char count[24];
	const struct tvar vars[] = { { "n", count, 0 }, { NULL, NULL, 0 } };

	if (entering) {
		buf_puts(r->out, "<figure class=\"figure\">\n");
		return;
	}
	if (title && *title) {
		buf_puts(&cap, title);
		if (!r->embed && !r->quiet) {
			text_space(r);
			buf_puts(&r->body->text, title);
		}
	} else
		image_alt(r, img, &cap);
	if (!r->embed)
		r->figures++;
	if (cap.len || (*numbered && !r->embed)) {
		buf_puts(r->out, "\n<figcaption>");
		if (*numbered && !r->embed) {
			snprintf(count, sizeof(count), "%d", r->figures);
			buf_puts(r->out, "<span class=\"figure-number\">");
			theme_label_vars(r->o->theme, r->out, "figure_number",
			    vars);
			buf_puts(r->out, "</span>");
			if (cap.len)
				buf_putc(r->out, ' ');
		}
		esc_html(r->out, cap.data, cap.len);
		buf_puts(r->out, "</figcaption>");
	}
	buf_puts(r->out, "\n</figure>\n");
	buf_release(&cap);
}

/* One node, entering or leaving it.  Returns 1 when the walk must skip
 * the node's children (an image's alt text was already written). */
static int
render_node(struct rctx *r, cmark_node *n, int entering)
{
	struct buf *out = r->out;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		render_quote(r, n, entering);
		break;
	case CMARK_NODE_LIST:
		render_list(r, n, entering);
		break;
	case CMARK_NODE_ITEM:
		if (!entering)
			buf_puts(out, "</li>\n");
		else if (node_note(n) == NODE_TASK_OPEN ||
		    node_note(n) == NODE_TASK_DONE)
			buf_puts(out, "<li class=\"task\">");
		else
			buf_puts(out, "<li>");
		break;
	case CMARK_NODE_CODE_BLOCK:
		render_code_block(r, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		break;		/* dropped; warned about at load */
	case CMARK_NODE_CUSTOM_BLOCK:
		return render_custom_block(r, n, entering);
	case CMARK_NODE_PARAGRAPH: {
		const struct block *note = entering ? NULL : note_last_para(n);

		if (note)
			render_backlink(r, note, " ");
		if (cell_table(n) != NULL)
			render_cell(r, cell_table(n), entering);
		else if (lone_image(n))
			render_figure(r, n, entering);
		else if (!in_tight_list(n))
			buf_puts(out, entering ? "<p>" : "</p>\n");
		if (entering && (note = note_first_para(n)) != NULL)
			put_only_n(r, SPLICE_EPUB, "<span class=\"footnote-"
			    "label\">", note->number, ".</span> ");
		if (entering)
			task_box(r, n);
		break;
	}
	case CMARK_NODE_HEADING:
		render_heading(r, n, entering);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_puts(out, "<hr />\n");
		break;
	case CMARK_NODE_TEXT:
		esc_html_str(r->out, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		buf_putc(out, '\n');
		break;
	case CMARK_NODE_LINEBREAK:
		buf_puts(out, "<br />\n");
		break;
	case CMARK_NODE_CODE:
		buf_puts(out, "<code>");
		esc_html_str(out, cmark_node_get_literal(n));
		buf_puts(out, "</code>");
		break;
	case CMARK_NODE_CUSTOM_INLINE:
		if (node_is_noteref(n)) {
			if (entering)
				render_noteref(r, cmark_node_get_user_data(n));
		} else if (node_note(n) == NODE_DEL)
			buf_puts(out, entering ? "<del>" : "</del>");
		else
			render_wikilink_node(r, n, entering);
		break;
	case CMARK_NODE_EMPH:
		buf_puts(out, entering ? "<em>" : "</em>");
		break;
	case CMARK_NODE_STRONG:
		buf_puts(out, entering ? "<strong>" : "</strong>");
		break;
	case CMARK_NODE_LINK:
		render_link(r, n, entering);
		break;
	case CMARK_NODE_IMAGE:
		if (entering) {
			render_image(r, n);
			return 1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* Walks the tree below root (root itself not written) with cmark's
 * iterator: no recursion, so no input depth can exhaust the stack.
 * With skip_first, root's first child (a section's heading) is left
 * out. */
static void
render_walk(struct rctx *r, cmark_node *root, int skip_first)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node *first = skip_first ? cmark_node_first_child(root) : NULL;
	cmark_event_type ev;
	cmark_node *n;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (n == root)
			continue;
		if (n == first) {
			if (ev == CMARK_EVENT_ENTER)
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		if (ev == CMARK_EVENT_ENTER)
			search_node(r, n);
		if (render_node(r, n, ev != CMARK_EVENT_EXIT) &&
		    ev == CMARK_EVENT_ENTER)
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		if (ev == CMARK_EVENT_EXIT && n == r->quiet)
			r->quiet = NULL;
	}
	cmark_iter_free(it);
}

/* The docs that d embeds in this pack, one by one: calls fn on each
 * until it returns -1. */
static int
each_embedded(const struct pack *p, const struct doc *d,
    int (*fn)(struct doc *))
{
	const struct target *t;
	size_t i;

	for (i = 0; i < d->n_links; i++)
		if (d->links[i]->embed &&
		    (t = links_find(&p->links, d->links[i])) != NULL &&
		    t->linked && fn(t->doc) == -1)
			return -1;
	return 0;
}

static int
tree_done(struct doc *d)
{
	doc_tree_done(d);
	return 0;
}

int
html_trees_need(const struct pack *p, struct doc *d)
{
	if (doc_tree_need(d) == -1)
		return -1;
	return each_embedded(p, d, doc_tree_need);
}

void
html_trees_done(const struct pack *p, struct doc *d)
{
	each_embedded(p, d, tree_done);
	doc_tree_done(d);
}

void
body_init(struct body *b)
{
	memset(b, 0, sizeof(*b));
	buf_init(&b->html);
	buf_init(&b->text);
}

void
body_release(struct body *b)
{
	buf_release(&b->html);
	buf_release(&b->text);
	free(b->splices);
	free(b->sections);
	body_init(b);
}

/* Writes body b for pages of extension ext, or (with id) for the one
 * page, the body being doc id's; with sink, hands out every
 * BODY_CHUNK bytes or so on the way. */
static void
body_write(struct buf *out, const struct body *b, const char *ext,
    const char *id, const struct body_sink *sink)
{
	enum splice_kind other = strcmp(ext, ".xhtml") == 0 ? SPLICE_HTML :
	    SPLICE_EPUB;
	const struct splice *sp;
	size_t i, at = 0;

	/* Room for a page's body at once, not a realloc and copy of out
	 * every half again.  Up to BODY_CHUNK only: a large body holds
	 * both formats' bytes of some parts, and the whole of it could
	 * reserve a step of growth that its output never needs. */
	buf_grow(out, b->html.len < BODY_CHUNK ? b->html.len : BODY_CHUNK);
	for (i = 0; i < b->n_splices; i++) {
		sp = &b->splices[i];
		if (sp->at < at)
			continue;	/* inside the other format's bytes */
		if (id == NULL && sp->kind > SPLICE_HTML)
			continue;	/* the one page's alone */
		if (sink && out->len >= BODY_CHUNK)
			sink->take(sink, out);
		buf_put(out, b->html.data + at, sp->at - at);
		at = sp->at;
		switch (sp->kind) {
		case SPLICE_EXT:
			buf_puts(out, ext);
			break;
		case SPLICE_PAGE:
			buf_putc(out, '#');
			break;
		case SPLICE_FRAG:
			buf_putc(out, '.');
			at += sp->len;
			break;
		case SPLICE_ID:
			buf_puts(out, id);
			buf_putc(out, '.');
			break;
		default:
			if (sp->kind == other)
				at += sp->len;	/* the other format's */
			break;
		}
	}
	buf_put(out, b->html.data + at, b->html.len - at);
}

void
body_put(struct buf *out, const struct body *b, const char *ext)
{
	body_write(out, b, ext, NULL, NULL);
}

void
body_put_one(struct buf *out, const struct body *b, const char *id,
    const struct body_sink *sink)
{
	body_write(out, b, "", id, sink);
}

void
html_render_body(struct body *b, const struct doc *d,
    const struct html_opts *o)
{
	struct rctx r;
	size_t i, notes = 0;

	buf_clear(&b->html);
	buf_clear(&b->text);
	b->n_splices = 0;
	b->n_sections = 0;
	if (d->root == NULL)
		return;
	memset(&r, 0, sizeof(r));
	r.out = &b->html;
	r.body = b;
	r.doc = d;
	r.o = o;
	for (i = 0; i < d->n_blocks; i++)
		if (d->blocks[i]->kind == BLOCK_FOOTNOTE &&
		    d->blocks[i]->number > 0 &&
		    (size_t)d->blocks[i]->number > notes)
			notes = (size_t)d->blocks[i]->number;
	r.noted = xcalloc(notes + 1, 1);
	render_walk(&r, d->root, 0);
	section_end(&r);
	free(r.noted);
}

void
html_render_doc(struct buf *out, const struct doc *d,
    const struct html_opts *o)
{
	struct body b;

	body_init(&b);
	html_render_body(&b, d, o);
	body_put(out, &b, o->ext);
	body_release(&b);
}
