/* render_pages.c - whole HTML pages of a pack (see render_pages.h). */
#include "render_pages.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "load_source.h"
#include "render_head.h"
#include "render_html.h"
#include "render_search.h"
#include "write_out.h"
#include "xalloc.h"

#define SIDEBAR_MAX	100

struct pages {
	const struct pack	*p;
	const struct theme	*t;
	struct html_opts	 o;
	struct outdir		*out;		/* borrowed */
	struct buf		 content;
	struct buf		 page;		/* the template before */
	struct buf		 tail;		/* ... and after the content */
	struct search		*search;
	size_t			 n_searched;	/* pages added to it */
	struct buf		 nav;		/* the sidebar, no page
						   current; empty: not yet */
	struct contents_mark	*marks;		/* its entries */
	size_t			 n_marks;
};

static const char *
label(const struct pages *c, const char *key)
{
	return theme_label(c->t, key);
}

static void
link_to(struct buf *b, const struct doc *d, const struct html_opts *o,
    const char *rel)
{
	buf_puts(b, "<a href=\"");
	html_href(b, d, NULL, o);
	buf_putc(b, '"');
	if (rel) {
		buf_puts(b, " rel=\"");
		buf_puts(b, rel);
		buf_putc(b, '"');
	}
	buf_putc(b, '>');
	esc_html_str(b, d->title);
	buf_puts(b, "</a>");
}

/* The contents sidebar of every page, with no page current, into
 * c->nav, and where each entry's aria-current goes into c->marks: the
 * lectures, then the notes.  On a phone it is a drawer that the header's
 * button (page.html, nav.js) opens and its own button closes. */
static void
sidebar_make(struct pages *c)
{
	static const struct contents_style st = { "<p class=\"sidebar-part\">",
	    "</p>\n", "<ul>\n", "</ul>\n", "<ul>\n", "</ul>\n", 0, NULL };
	struct buf *b = &c->nav;
	size_t i, n = c->p->n_notes;

	buf_puts(b, "<nav class=\"sidebar\" id=\"lp-nav\" aria-label=\"");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "\">\n<button type=\"button\" class=\"nav-close\" "
	    "aria-label=\"");
	esc_html_str(b, label(c, "nav_close"));
	buf_puts(b, "\">\xe2\x9c\x95</button>\n"
	    "<p class=\"sidebar-title\"><a href=\"index.html\">");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "</a></p>\n");
	/* Every page lists every lecture: past this many, the pack would
	 * grow with the square of its size, and the contents page serves. */
	if (c->p->n_lectures <= SIDEBAR_MAX) {
		for (i = 0; i < c->p->n_parts; i++)
			n += c->p->parts[i].n;
		c->marks = xcalloc(n ? n : 1, sizeof(*c->marks));
		c->n_marks = html_contents_marked(b, &c->o, &st, c->marks);
	}
	buf_puts(b, "</nav>\n");
}

/* The sidebar of the page of doc `current` (NULL: none) into b: the
 * pack's, made once, with its entries marked. */
static void
sidebar(struct pages *c, struct buf *b, const char *current)
{
	size_t k, at = 0;

	if (c->nav.len == 0)
		sidebar_make(c);
	for (k = 0; current && k < c->n_marks; k++)
		if (strcmp(c->marks[k].doc->id, current) == 0) {
			buf_put(b, c->nav.data + at, c->marks[k].at - at);
			buf_puts(b, " aria-current=\"page\"");
			at = c->marks[k].at;
		}
	buf_put(b, c->nav.data + at, c->nav.len - at);
}

/* Wraps c->content in the theme's page and writes it as `name`. */
static int
emit_page(struct pages *c, const char *name, const char *title,
    const char *current)
{
	struct buf nav = BUF_INIT;
	struct tvar vars[] = {
		{ "lang", c->p->c->language, 0 },
		{ "page_title", title, 0 },
		{ "pack_title", c->p->c->title, 0 },
		{ "center", c->p->c->center, 0 },
		{ "content", c->content.data, 1 },
		{ "nav", NULL, 1 },
		{ "generator", "lecturepack " LP_VERSION, 0 },
		{ NULL, NULL, 0 }
	};
	struct iovec parts[3];
	int rc;

	sidebar(c, &nav, current);
	vars[5].value = nav.data;
	buf_clear(&c->page);
	buf_clear(&c->tail);
	/* The content goes to the file as it is, between the halves. */
	theme_page_around(c->t, &c->page, &c->tail, vars);
	parts[0].iov_base = c->page.data;
	parts[0].iov_len = c->page.len;
	parts[1].iov_base = c->content.data;
	parts[1].iov_len = c->content.len;
	parts[2].iov_base = c->tail.data;
	parts[2].iov_len = c->tail.len;
	rc = outdir_writev(c->out, name, parts, 3);
	buf_release(&nav);
	return rc;
}

static int
write_index(struct pages *c)
{
	const struct curriculum *cu = c->p->c;
	struct buf *b = &c->content;

	buf_clear(b);
	buf_puts(b, "<header class=\"pack-header\">\n");
	html_cover_image(b, cu, "pack-cover");
	html_pack_title(b, cu);
	if (cu->date) {
		buf_puts(b, "<p class=\"pack-date\">");
		esc_html_str(b, label(c, "publisher_date"));
		buf_putc(b, ' ');
		html_date(b, cu->date, c->t);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</header>\n");
	/* Folded on phones, so that the contents come first; nav.js
	 * opens it on wide screens.  Its own heading is then hidden
	 * from sight, the summary saying the same.  A learners' pack
	 * has no legend. */
	if (!html_learners(&c->o)) {
		buf_puts(b, "<details class=\"legend-fold\" "
		    "data-wide-open=\"\">\n<summary>");
		esc_html_str(b, label(c, "legend_title"));
		buf_puts(b, "</summary>\n");
		html_legend(b, &c->o, "lp-legend");
		buf_puts(b, "</details>\n");
	}
	buf_puts(b, "<nav class=\"toc\" aria-labelledby=\"lp-contents\">\n"
	    "<h2 id=\"lp-contents\">");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "</h2>\n");
	html_contents(b, &c->o, &html_toc_page);
	buf_puts(b, "</nav>\n");
	return emit_page(c, "index.html", cu->title, NULL);
}

/* <p class="pager-REL"><span>LABEL</span> <a ... rel="REL"></p> */
static void
pager_link(struct pages *c, const char *rel, const char *key,
    const struct doc *d)
{
	struct buf *b = &c->content;

	buf_puts(b, "<p class=\"pager-");
	buf_puts(b, rel);
	buf_puts(b, "\"><span>");
	esc_html_str(b, label(c, key));
	buf_puts(b, "</span> ");
	link_to(b, d, &c->o, rel);
	buf_puts(b, "</p>\n");
}

static void
pager(struct pages *c, const struct page *pg)
{
	struct buf *b = &c->content;

	buf_puts(b, "<nav class=\"pager\" aria-label=\"");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "\">\n");
	if (pg->prev)
		pager_link(c, "prev", "previous", pg->prev->doc);
	buf_puts(b, "<p class=\"pager-up\"><a href=\"index.html\">");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "</a></p>\n");
	if (pg->next)
		pager_link(c, "next", "next", pg->next->doc);
	buf_puts(b, "</nav>\n");
}

/* Adds page d to the search, with the text of its header that is not
 * its title (a note's former localities); writes the text script it
 * fills (or the last one, after the pack's last page). */
static int
search_add(struct pages *c, const struct doc *d, const struct body *body)
{
	struct buf href = BUF_INIT, script = BUF_INIT, name = BUF_INIT;
	struct buf head = BUF_INIT;
	int rc = 0, k, last;

	last = ++c->n_searched == c->p->n_pages;
	html_href(&href, d, NULL, &c->o);
	html_formerly_text(&head, d, c->t);
	if ((k = search_page(c->search, d, body, href.data,
	    head.len ? head.data : NULL, last, &script)) >= 0) {
		buf_printf(&name, "assets/search/%d.js", k);
		rc = outdir_write(c->out, name.data, script.data, script.len);
	}
	buf_release(&href);
	buf_release(&head);
	buf_release(&script);
	buf_release(&name);
	return rc;
}

/* A note's lectures that link to it, and the way back. */
static void
note_foot(struct pages *c, const struct page *pg)
{
	struct buf *b = &c->content;
	size_t k;

	buf_puts(b, "<section class=\"backlinks\" aria-labelledby=\""
	    "lp-backlinks\">\n<h2 id=\"lp-backlinks\">");
	esc_html_str(b, label(c, "backlinks_title"));
	buf_puts(b, "</h2>\n");
	if (pg->n_backlinks == 0) {
		buf_puts(b, "<p>");
		esc_html_str(b, label(c, "no_backlinks"));
		buf_puts(b, "</p>\n");
	} else {
		buf_puts(b, "<ul>\n");
		for (k = 0; k < pg->n_backlinks; k++) {
			buf_puts(b, "<li>");
			link_to(b, pg->backlinks[k], &c->o, NULL);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</section>\n</article>\n<nav class=\"pager\" "
	    "aria-label=\"");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "\">\n<p class=\"pager-up\"><a href=\"index.html\">");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "</a></p>\n</nav>\n");
}

/* Where s stands in the page contents: its outline depth (1, 2), or 0
 * when it is not listed (a link needs its id). */
static int
toc_depth(const struct block *s)
{
	return s->id ? html_outline_depth(s) : 0;
}

static void
toc_link(struct buf *b, const struct doc *d, const struct block *s)
{
	buf_puts(b, "<li><a href=\"#");
	esc_url(b, s->id);
	buf_puts(b, "\">");
	esc_html_str(b, s->title[0] ? s->title : d->title);
	buf_puts(b, "</a>");
}

/* The contents box at the top of page d: its sections, the ones inside
 * them nested; nothing for a page of fewer than two.  Folded on phones;
 * nav.js opens it on wide screens. */
static void
page_toc(struct pages *c, const struct doc *d)
{
	struct buf *b = &c->content;
	const struct block *top = NULL;
	size_t i, n = 0;
	int sub = 0;

	for (i = 0; i < d->n_blocks; i++)
		n += toc_depth(d->blocks[i]) != 0;
	if (n < 2)
		return;
	buf_puts(b, "<details class=\"page-toc\" data-wide-open=\"\">\n"
	    "<summary>");
	esc_html_str(b, label(c, "page_contents"));
	buf_puts(b, "</summary>\n<nav aria-label=\"");
	esc_html_str(b, label(c, "page_contents"));
	buf_puts(b, "\">\n<ul>\n");
	for (i = 0; i < d->n_blocks; i++) {
		const struct block *s = d->blocks[i];

		if (toc_depth(s) == 1) {
			if (sub)
				buf_puts(b, "</li>\n</ul>\n");
			if (top)
				buf_puts(b, "</li>\n");
			toc_link(b, d, s);
			top = s;
			sub = 0;
		} else if (top && s->parent == top && toc_depth(s) == 2) {
			buf_puts(b, sub ? "</li>\n" : "\n<ul>\n");
			toc_link(b, d, s);
			sub = 1;
		}
	}
	if (sub)
		buf_puts(b, "</li>\n</ul>\n");
	if (top)
		buf_puts(b, "</li>\n");
	buf_puts(b, "</ul>\n</nav>\n</details>\n");
}

int
pages_page(struct pages *c, size_t i, const struct body *body)
{
	const struct page *pg = &c->p->pages[i];
	struct buf *b = &c->content, name = BUF_INIT;
	int rc;

	buf_clear(b);
	html_article_open(b, pg, NULL);
	html_page_head(b, pg, &c->o);
	page_toc(c, pg->doc);
	body_put(b, body, c->o.ext);
	if (pg->kind == PAGE_LECTURE) {
		buf_puts(b, "</article>\n");
		pager(c, pg);
	} else
		note_foot(c, pg);
	buf_printf(&name, "%s.html", pg->doc->id);
	rc = emit_page(c, name.data, pg->doc->title, pg->doc->id);
	if (rc == 0)
		rc = search_add(c, pg->doc, body);
	buf_release(&name);
	return rc;
}

/* The index of the search, whose text scripts search_add() wrote
 * page by page: every lecture of the pack, then its notes. */
static int
write_search_index(struct pages *c)
{
	struct buf b = BUF_INIT;
	int rc;

	search_index(c->search, &b);
	rc = outdir_write(c->out, "assets/search-index.js", b.data, b.len);
	buf_release(&b);
	return rc;
}

/* Copies a file that was read from the repository or the theme. */
static int
copy_in(struct pages *c, const char *from, const char *to)
{
	char *data;
	size_t len;
	int rc;

	if (file_read(from, &data, &len, 256u << 20) == -1)
		return sys_error("cannot read '%s': %s", from,
		    file_strerror(errno));
	rc = outdir_write(c->out, to, data, len);
	free(data);
	return rc;
}

static int
copy_media(struct pages *c)
{
	struct buf to = BUF_INIT;
	const struct image *img = &c->p->c->cover_image;
	const struct doc *d;
	size_t i, k;
	int rc = 0;

	if (img->path) {
		buf_printf(&to, "media/%s", img->name);
		rc = copy_in(c, img->path, to.data);
	}
	for (i = 0; i < c->p->n_pages && rc == 0; i++) {
		d = c->p->pages[i].doc;
		for (k = 0; k < d->n_images && rc == 0; k++) {
			buf_clear(&to);
			img = &d->images[k];
			buf_printf(&to, "media/%s", img->name);
			rc = copy_in(c, img->path, to.data);
		}
	}
	buf_release(&to);
	return rc;
}

/* The theme's assets, read once for every pack (theme_assets()). */
static int
copy_assets(struct pages *c)
{
	const struct theme_asset *a;
	size_t n = theme_assets(c->t, &a), i;
	struct buf to = BUF_INIT;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		buf_clear(&to);
		buf_printf(&to, "assets/%s", a[i].name);
		rc = outdir_write(c->out, to.data, a[i].data, a[i].len);
	}
	buf_release(&to);
	return rc;
}

struct pages *
pages_begin(const struct pack *p, const struct theme *t, struct outdir *out,
    int current)
{
	struct pages *c = xcalloc(1, sizeof(*c));

	c->p = p;
	c->t = t;
	html_opts_init(&c->o, p, t, current, ".html");
	buf_init(&c->content);
	buf_init(&c->page);
	buf_init(&c->tail);
	buf_init(&c->nav);
	c->out = out;
	c->search = search_new();
	if (write_index(c) == -1) {
		pages_end(c, 0);
		return NULL;
	}
	return c;
}

int
pages_end(struct pages *c, int ok)
{
	int rc = ok ? 0 : -1;

	if (rc == 0)
		rc = write_search_index(c);
	if (rc == 0)
		rc = copy_assets(c);
	if (rc == 0)
		rc = copy_media(c);
	buf_release(&c->content);
	buf_release(&c->page);
	buf_release(&c->tail);
	buf_release(&c->nav);
	free(c->marks);
	search_free(c->search);
	free(c);
	return rc;
}
