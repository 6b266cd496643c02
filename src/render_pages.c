/* render_pages.c - whole HTML pages of a pack (see render_pages.h). */
#include "render_pages.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "load_source.h"
#include "render_html.h"
#include "render_search.h"
#include "write_out.h"
#include "xalloc.h"

#define SIDEBAR_MAX	100

struct pctx {
	const struct pack	*p;
	const struct theme	*t;
	struct html_opts	 o;
	struct outdir		*out;		/* borrowed */
	struct buf		 content;
	struct buf		 page;
	struct search		*search;
	size_t			 n_searched;	/* pages added to it */
};

static const char *
label(const struct pctx *c, const char *key)
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
	if (rel)
		buf_printf(b, " rel=\"%s\"", rel);
	buf_putc(b, '>');
	esc_html_str(b, d->title);
	buf_puts(b, "</a>");
}

/* Wraps c->content in the theme's page and writes it as `name`. */
/* The contents sidebar of every page, the current page marked. */
static void
sidebar(struct pctx *c, struct buf *b, const char *current)
{
	const struct curriculum *cu = c->p->c;
	size_t i, j;

	buf_puts(b, "<nav class=\"sidebar\" aria-label=\"");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "\">\n<p class=\"sidebar-title\"><a href=\"index.html\">");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "</a></p>\n");
	/* Every page lists every lecture: past this many, the pack would
	 * grow with the square of its size, and the contents page serves. */
	if (c->p->n_lectures > SIDEBAR_MAX) {
		buf_puts(b, "</nav>\n");
		return;
	}
	for (i = 0; i < cu->n_parts; i++) {
		if (cu->parts[i].title) {
			buf_puts(b, "<p class=\"sidebar-part\">");
			esc_html_str(b, cu->parts[i].title);
			buf_puts(b, "</p>\n");
		}
		buf_puts(b, "<ul>\n");
		for (j = 0; j < cu->parts[i].n; j++) {
			const struct doc *d = cu->parts[i].lectures[j];

			buf_puts(b, "<li><a href=\"");
			html_href(b, d, NULL, &c->o);
			buf_putc(b, '"');
			if (current && strcmp(d->id, current) == 0)
				buf_puts(b, " aria-current=\"page\"");
			buf_putc(b, '>');
			esc_html_str(b, d->title);
			buf_puts(b, "</a></li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</nav>\n");
}

static int
emit_page(struct pctx *c, const char *name, const char *title,
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
	int rc;

	sidebar(c, &nav, current);
	vars[5].value = nav.data;
	buf_clear(&c->page);
	theme_page(c->t, &c->page, vars);
	rc = outdir_write(c->out, name, c->page.data, c->page.len);
	buf_release(&nav);
	return rc;
}

static void
legend(struct pctx *c)
{
	struct buf *b = &c->content;

	buf_puts(b, "<section class=\"legend\" aria-labelledby=\"lp-legend\">"
	    "\n<h2 id=\"lp-legend\">");
	esc_html_str(b, label(c, "legend_title"));
	buf_puts(b, "</h2>\n<p>");
	esc_html_str(b, label(c, "legend_text"));
	buf_puts(b, "</p>\n");
	html_legend_list(b, &c->o);
	buf_puts(b, "</section>\n");
}

static void
toc_entry(struct pctx *c, const struct doc *d)
{
	struct buf *b = &c->content;

	buf_puts(b, "<li>");
	link_to(b, d, &c->o, NULL);
	if (d->hours >= 0 || d->n_authors) {
		buf_puts(b, "<span class=\"toc-meta\">");
		if (d->hours >= 0) {
			buf_printf(b, "%d ", d->hours);
			esc_html_str(b, label(c, "hours_unit"));
		}
		if (d->hours >= 0 && d->n_authors)
			buf_puts(b, " · ");
		html_authors(b, d);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</li>\n");
}

static int
write_index(struct pctx *c)
{
	const struct curriculum *cu = c->p->c;
	struct buf *b = &c->content;
	size_t i, j;

	buf_clear(b);
	buf_puts(b, "<header class=\"pack-header\">\n");
	if (cu->cover_image.path) {
		buf_puts(b, "<p class=\"pack-cover\"><img src=\"media/");
		esc_url(b, cu->cover_image.name);
		buf_puts(b, "\" alt=\"");
		esc_html_str(b, cu->title);
		buf_puts(b, "\"></p>\n");
	}
	buf_puts(b, "<h1>");
	esc_html_str(b, cu->title);
	buf_puts(b, "</h1>\n<p class=\"pack-center\">");
	esc_html_str(b, cu->center);
	buf_puts(b, "</p>\n");
	if (cu->date) {
		buf_puts(b, "<p class=\"pack-date\">");
		esc_html_str(b, label(c, "publisher_date"));
		buf_puts(b, " <time datetime=\"");
		esc_html_str(b, cu->date);
		buf_puts(b, "\">");
		esc_html_str(b, cu->date);
		buf_puts(b, "</time></p>\n");
	}
	buf_puts(b, "</header>\n");
	legend(c);
	buf_puts(b, "<nav class=\"toc\" aria-labelledby=\"lp-contents\">\n"
	    "<h2 id=\"lp-contents\">");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "</h2>\n");
	for (i = 0; i < cu->n_parts; i++) {
		if (cu->parts[i].title) {
			buf_puts(b, "<h3 class=\"toc-part\">");
			esc_html_str(b, cu->parts[i].title);
			buf_puts(b, "</h3>\n");
		}
		buf_puts(b, "<ol class=\"toc-lectures\">\n");
		for (j = 0; j < cu->parts[i].n; j++)
			toc_entry(c, cu->parts[i].lectures[j]);
		buf_puts(b, "</ol>\n");
	}
	if (c->p->n_notes) {
		buf_puts(b, "<h3 class=\"toc-part\">");
		esc_html_str(b, label(c, "notes_title"));
		buf_puts(b, "</h3>\n<ul class=\"toc-notes\">\n");
		for (i = 0; i < c->p->n_notes; i++) {
			buf_puts(b, "<li>");
			link_to(b, c->p->notes[i].doc, &c->o, NULL);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</nav>\n");
	return emit_page(c, "index.html", cu->title, NULL);
}

static void
meta_row(struct buf *b, const char *key, const char *value, int raw)
{
	buf_puts(b, "<dt>");
	esc_html_str(b, key);
	buf_puts(b, "</dt><dd>");
	if (raw)
		buf_puts(b, value);
	else
		esc_html_str(b, value);
	buf_puts(b, "</dd>\n");
}

static void
pager(struct pctx *c, size_t i)
{
	struct buf *b = &c->content;
	const struct pack *p = c->p;

	buf_puts(b, "<nav class=\"pager\" aria-label=\"");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "\">\n");
	if (i > 0) {
		buf_puts(b, "<p class=\"pager-prev\"><span>");
		esc_html_str(b, label(c, "previous"));
		buf_puts(b, "</span> ");
		link_to(b, p->pages[i - 1].doc, &c->o, "prev");
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<p class=\"pager-up\"><a href=\"index.html\">");
	esc_html_str(b, label(c, "contents"));
	buf_puts(b, "</a></p>\n");
	if (i + 1 < p->n_lectures) {
		buf_puts(b, "<p class=\"pager-next\"><span>");
		esc_html_str(b, label(c, "next"));
		buf_puts(b, "</span> ");
		link_to(b, p->pages[i + 1].doc, &c->o, "next");
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</nav>\n");
}

static const char *
part_of(const struct curriculum *cu, const struct doc *d)
{
	size_t i, j;

	for (i = 0; i < cu->n_parts; i++)
		for (j = 0; j < cu->parts[i].n; j++)
			if (cu->parts[i].lectures[j] == d)
				return cu->parts[i].title;
	return NULL;
}

/* Adds page d to the search; writes the text script it fills (or the
 * last one, after the pack's last page). */
static int
search_add(struct pctx *c, const struct doc *d)
{
	struct buf href = BUF_INIT, script = BUF_INIT, name = BUF_INIT;
	int rc = 0, k, last;

	last = ++c->n_searched == c->p->n_lectures + c->p->n_notes;
	html_href(&href, d, NULL, &c->o);
	if ((k = search_page(c->search, c->p, d, href.data, last, &script)) >= 0) {
		buf_printf(&name, "assets/search/%d.js", k);
		rc = outdir_write(c->out, name.data, script.data, script.len);
	}
	buf_release(&href);
	buf_release(&script);
	buf_release(&name);
	return rc;
}

static int
write_lecture(struct pctx *c, size_t i)
{
	struct doc *d = c->p->pages[i].doc;
	const char *part = part_of(c->p->c, d);
	struct buf *b = &c->content, v = BUF_INIT, name = BUF_INIT;
	int rc;

	/* The page and its search text come from one parse; the trees
	 * may be freed after (memory follows one lecture). */
	if (html_trees_need(c->p, d) == -1)
		return -1;
	buf_clear(b);
	buf_puts(b, "<article class=\"lecture\">\n<header class=\""
	    "lecture-header\">\n");
	if (part) {
		buf_puts(b, "<p class=\"lecture-part\">");
		esc_html_str(b, part);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<h1>");
	esc_html_str(b, d->title);
	buf_puts(b, "</h1>\n");
	if (d->n_authors || d->hours >= 0 || d->updated)
		buf_puts(b, "<dl class=\"lecture-meta\">\n");
	if (d->n_authors) {
		html_authors(&v, d);
		meta_row(b, label(c, "authors"), v.data, 1);
	}
	if (d->hours >= 0) {
		buf_clear(&v);
		buf_printf(&v, "%d ", d->hours);
		buf_puts(&v, label(c, "hours_unit"));
		meta_row(b, label(c, "hours"), v.data, 0);
	}
	if (d->updated)
		meta_row(b, label(c, "updated"), d->updated, 0);
	if (d->n_authors || d->hours >= 0 || d->updated)
		buf_puts(b, "</dl>\n");
	if (d->summary) {
		buf_puts(b, "<p class=\"lecture-summary\">");
		esc_html_str(b, d->summary);
		buf_puts(b, "</p>\n");
	}
	if (d->congress) {
		buf_printf(b, "<div class=\"lecture-baseline\" data-status=\""
		    "%s\">\n", d->congress < c->o.current ? "outdated" :
		    "current");
		html_mark_label(b, d->congress, &c->o);
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "</header>\n");
	html_render_doc(b, d, &c->o);
	buf_puts(b, "</article>\n");
	pager(c, i);
	buf_printf(&name, "%s.html", d->id);
	rc = emit_page(c, name.data, d->title, d->id);
	if (rc == 0)
		rc = search_add(c, d);
	html_trees_done(c->p, d);
	buf_release(&v);
	buf_release(&name);
	return rc;
}

static int
write_note(struct pctx *c, size_t i)
{
	struct doc *d = c->p->notes[i].doc;
	struct buf *b = &c->content, name = BUF_INIT;
	size_t k;
	int rc;

	if (html_trees_need(c->p, d) == -1)
		return -1;
	buf_clear(b);
	buf_printf(b, "<article class=\"note\" data-level=\"%s\">\n"
	    "<header class=\"lecture-header\">\n<p class=\"lecture-part\">",
	    d->level == LEVEL_PROVINCE ? "province" : "district");
	esc_html_str(b, label(c, d->level == LEVEL_PROVINCE ?
	    "note_level_province" : "note_level_district"));
	buf_puts(b, "</p>\n<h1>");
	esc_html_str(b, d->title);
	buf_puts(b, "</h1>\n<dl class=\"lecture-meta\">\n");
	if (d->locality)
		meta_row(b, label(c, "center"), d->locality, 0);
	if (d->term)
		meta_row(b, label(c, "term"), d->term, 0);
	buf_puts(b, "</dl>\n</header>\n");
	html_render_doc(b, d, &c->o);
	buf_puts(b, "<section class=\"backlinks\" aria-labelledby=\""
	    "lp-backlinks\">\n<h2 id=\"lp-backlinks\">");
	esc_html_str(b, label(c, "backlinks_title"));
	buf_puts(b, "</h2>\n");
	if (c->p->notes[i].n_backlinks == 0) {
		buf_puts(b, "<p>");
		esc_html_str(b, label(c, "no_backlinks"));
		buf_puts(b, "</p>\n");
	} else {
		buf_puts(b, "<ul>\n");
		for (k = 0; k < c->p->notes[i].n_backlinks; k++) {
			buf_puts(b, "<li>");
			link_to(b, c->p->notes[i].backlinks[k], &c->o, NULL);
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
	buf_printf(&name, "%s.html", d->id);
	rc = emit_page(c, name.data, d->title, d->id);
	if (rc == 0)
		rc = search_add(c, d);
	html_trees_done(c->p, d);
	buf_release(&name);
	return rc;
}

/* The index of the search, whose text scripts search_add() wrote
 * page by page: every lecture of the pack, then its notes. */
static int
write_search_index(struct pctx *c)
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
copy_in(struct pctx *c, const char *from, const char *to)
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
copy_media(struct pctx *c)
{
	struct buf to = BUF_INIT;
	const struct image *img = &c->p->c->cover_image;
	const struct doc *d;
	size_t i, k, n = c->p->n_lectures + c->p->n_notes;
	int rc = 0;

	if (img->path) {
		buf_printf(&to, "media/%s", img->name);
		rc = copy_in(c, img->path, to.data);
	}
	for (i = 0; i < n && rc == 0; i++) {
		d = i < c->p->n_lectures ? c->p->pages[i].doc :
		    c->p->notes[i - c->p->n_lectures].doc;
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

static int
copy_assets(struct pctx *c)
{
	const char *const *names, *const *paths;
	size_t n = theme_assets(c->t, &names, &paths), i;
	struct buf to = BUF_INIT;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		buf_clear(&to);
		buf_printf(&to, "assets/%s", names[i]);
		rc = copy_in(c, paths[i], to.data);
	}
	buf_release(&to);
	return rc;
}

int
pages_write(const struct pack *p, const struct theme *t, struct outdir *out,
    int current)
{
	struct pctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.t = t;
	c.o.xhtml = 0;
	c.o.ext = ".html";
	c.o.media = "media/";
	c.o.current = current;
	c.o.theme = t;
	c.o.pack = p;
	buf_init(&c.content);
	buf_init(&c.page);
	c.out = out;
	c.search = search_new();
	rc = write_index(&c);
	for (i = 0; i < p->n_lectures && rc == 0; i++)
		rc = write_lecture(&c, i);
	for (i = 0; i < p->n_notes && rc == 0; i++)
		rc = write_note(&c, i);
	if (rc == 0)
		rc = write_search_index(&c);
	if (rc == 0)
		rc = copy_assets(&c);
	if (rc == 0)
		rc = copy_media(&c);
	buf_release(&c.content);
	buf_release(&c.page);
	search_free(c.search);
	return rc;
}
