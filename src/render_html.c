/* render_html.c - cmark tree to HTML/XHTML, one switch over node types.
 *
 * Raw HTML is never written (load_doc.c warned about it), unsafe URLs
 * were blanked at load, and every byte of text goes through escape.c. */
#include "render_html.h"

#include <string.h>

#include "escape.h"
#include "model.h"
#include "path.h"

struct rctx {
	struct buf		*out;
	const struct doc	*doc;
	const struct html_opts	*o;
	int			 embed;		/* inside an embed: no ids */
};

static void render_children(struct rctx *, cmark_node *);
static void render_node(struct rctx *, cmark_node *);

void
html_href(struct buf *out, const struct doc *to, const struct block *section,
    const struct html_opts *o)
{
	esc_url(out, to->id);
	buf_puts(out, o->ext);
	if (section && section->id) {
		buf_putc(out, '#');
		esc_url(out, section->id);
	}
}

void
html_mark_label(struct buf *out, int mark, const struct html_opts *o)
{
	int old = mark < o->current;

	buf_printf(out, "<p class=\"congress-label\">");
	theme_label_fmt(o->theme, out, old ? "mark_outdated" : "mark_current",
	    congress_name(mark));
	buf_puts(out, "</p>\n");
}

static void
open_congress(struct rctx *r, const char *tag, const struct block *b)
{
	char cls[32];
	const char *name = congress_name(b->mark);
	size_t i;

	for (i = 0; name[i] && i < sizeof(cls) - 1; i++)
		cls[i] = (char)(name[i] | 0x20);
	cls[i] = '\0';
	buf_printf(r->out, "<%s class=\"congress congress-%s", tag, cls);
	/* A section's other classes stay on its heading. */
	if (b->classes && b->kind == BLOCK_DIV) {
		buf_putc(r->out, ' ');
		esc_html_str(r->out, b->classes);
	}
	buf_printf(r->out, "\" data-congress=\"%s\"", name);
	if (b->id && !r->embed) {
		buf_puts(r->out, " id=\"");
		esc_html_str(r->out, b->id);
		buf_putc(r->out, '"');
	}
	buf_printf(r->out, " data-status=\"%s\">\n", b->mark < r->o->current ?
	    "outdated" : "current");
}

static void
render_wikilink(struct rctx *r, const struct wikilink *w)
{
	const char *label = w->label;

	if (label == NULL && w->to)
		label = w->to_section ? w->to_section->title : w->to->title;
	if (label == NULL)
		label = w->section ? w->section : w->target;
	if (w->to == NULL) {
		esc_html_str(r->out, label);
		return;
	}
	buf_puts(r->out, "<a class=\"note-link\" href=\"");
	if (w->to == r->doc && w->to_section && !r->embed) {
		buf_putc(r->out, '#');
		esc_url(r->out, w->to_section->id);
	} else
		html_href(r->out, w->to, w->to_section, r->o);
	buf_puts(r->out, "\">");
	esc_html_str(r->out, label);
	buf_puts(r->out, "</a>");
}

static void
render_embed(struct rctx *r, const struct wikilink *w)
{
	const struct doc *to = w->to;
	struct rctx sub = *r;
	cmark_node *n, *from;

	if (to == NULL)
		return;
	if (r->embed) {
		/* One level only: an embed inside an embed is a link. */
		buf_puts(r->out, "<p>");
		render_wikilink(r, w);
		buf_puts(r->out, "</p>\n");
		return;
	}
	buf_printf(r->out, "<aside class=\"local-note\" data-level=\"%s\" "
	    "data-note=\"", to->level == LEVEL_PROVINCE ? "province" :
	    to->level == LEVEL_DISTRICT ? "district" : "lecture");
	esc_html_str(r->out, to->id);
	buf_puts(r->out, "\">\n<p class=\"local-note-caption\">");
	theme_label_fmt(r->o->theme, r->out, "embed_source", "");
	buf_puts(r->out, " <a class=\"note-link\" href=\"");
	html_href(r->out, to, w->to_section, r->o);
	buf_puts(r->out, "\">");
	esc_html_str(r->out, to->title);
	if (w->to_section) {
		buf_puts(r->out, " — ");
		esc_html_str(r->out, w->to_section->title);
	}
	buf_puts(r->out, "</a></p>\n");
	sub.doc = to;
	sub.embed = 1;
	if (w->to_section) {
		/* The section's content without its heading. */
		from = cmark_node_first_child(w->to_section->node);
		for (n = from ? cmark_node_next(from) : NULL; n;
		    n = cmark_node_next(n))
			render_node(&sub, n);
	} else
		render_children(&sub, to->root);
	buf_puts(r->out, "</aside>\n");
}

static void
render_custom_block(struct rctx *r, cmark_node *n)
{
	const struct block *b = cmark_node_get_user_data(n);

	switch (b->kind) {
	case BLOCK_EMBED:
		render_embed(r, b->link);
		return;
	case BLOCK_SECTION:
		if (b->mark)
			open_congress(r, "section", b);
		render_children(r, n);
		if (b->mark)
			buf_puts(r->out, "</section>\n");
		return;
	case BLOCK_DIV:
		if (b->mark)
			open_congress(r, "div", b);
		else {
			buf_puts(r->out, "<div");
			if (b->classes) {
				buf_puts(r->out, " class=\"");
				esc_html_str(r->out, b->classes);
				buf_putc(r->out, '"');
			}
			if (b->id && !r->embed) {
				buf_puts(r->out, " id=\"");
				esc_html_str(r->out, b->id);
				buf_putc(r->out, '"');
			}
			buf_puts(r->out, ">\n");
		}
		if (b->mark)
			html_mark_label(r->out, b->mark, r->o);
		render_children(r, n);
		buf_puts(r->out, "</div>\n");
		return;
	}
}

static void
render_heading(struct rctx *r, cmark_node *n)
{
	const struct block *b = cmark_node_get_user_data(n);
	int level = cmark_node_get_heading_level(n);
	int marked_section = b && b->mark && b->node;

	buf_printf(r->out, "<h%d", level);
	if (b && b->id && !marked_section && !r->embed) {
		buf_puts(r->out, " id=\"");
		esc_html_str(r->out, b->id);
		buf_putc(r->out, '"');
	}
	if (b && b->classes) {
		buf_puts(r->out, " class=\"");
		esc_html_str(r->out, b->classes);
		buf_putc(r->out, '"');
	}
	buf_putc(r->out, '>');
	render_children(r, n);
	buf_printf(r->out, "</h%d>\n", level);
	if (marked_section)
		html_mark_label(r->out, b->mark, r->o);
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

static void
render_image(struct rctx *r, cmark_node *n)
{
	const char *url = cmark_node_get_url(n), *title;
	struct buf alt = BUF_INIT;
	cmark_node *k;

	for (k = cmark_node_first_child(n); k; k = cmark_node_next(k))
		if (cmark_node_get_literal(k))
			buf_puts(&alt, cmark_node_get_literal(k));
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
	if (title && *title) {
		buf_puts(r->out, " title=\"");
		esc_html_str(r->out, title);
		buf_putc(r->out, '"');
	}
	buf_puts(r->out, r->o->xhtml ? "/>" : ">");
	buf_release(&alt);
}

static void
render_link(struct rctx *r, cmark_node *n)
{
	const char *url = cmark_node_get_url(n), *title;

	if (*url == '\0' || (url_classify(url) != URL_OK &&
	    url_classify(url) != URL_FRAGMENT)) {
		render_children(r, n);
		return;
	}
	buf_puts(r->out, "<a href=\"");
	esc_url(r->out, url);
	buf_putc(r->out, '"');
	title = cmark_node_get_title(n);
	if (title && *title) {
		buf_puts(r->out, " title=\"");
		esc_html_str(r->out, title);
		buf_putc(r->out, '"');
	}
	buf_putc(r->out, '>');
	render_children(r, n);
	buf_puts(r->out, "</a>");
}

static void
render_list(struct rctx *r, cmark_node *n)
{
	int start = cmark_node_get_list_start(n);

	if (cmark_node_get_list_type(n) == CMARK_BULLET_LIST) {
		buf_puts(r->out, "<ul>\n");
		render_children(r, n);
		buf_puts(r->out, "</ul>\n");
		return;
	}
	if (start != 1)
		buf_printf(r->out, "<ol start=\"%d\">\n", start);
	else
		buf_puts(r->out, "<ol>\n");
	render_children(r, n);
	buf_puts(r->out, "</ol>\n");
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

static void
render_node(struct rctx *r, cmark_node *n)
{
	struct buf *out = r->out;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT:
		render_children(r, n);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		buf_puts(out, "<blockquote>\n");
		render_children(r, n);
		buf_puts(out, "</blockquote>\n");
		break;
	case CMARK_NODE_LIST:
		render_list(r, n);
		break;
	case CMARK_NODE_ITEM:
		buf_puts(out, "<li>");
		render_children(r, n);
		buf_puts(out, "</li>\n");
		break;
	case CMARK_NODE_CODE_BLOCK:
		render_code_block(r, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		break;		/* dropped; warned about at load */
	case CMARK_NODE_CUSTOM_BLOCK:
		render_custom_block(r, n);
		break;
	case CMARK_NODE_PARAGRAPH:
		if (in_tight_list(n))
			render_children(r, n);
		else {
			buf_puts(out, "<p>");
			render_children(r, n);
			buf_puts(out, "</p>\n");
		}
		break;
	case CMARK_NODE_HEADING:
		render_heading(r, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_puts(out, r->o->xhtml ? "<hr/>\n" : "<hr>\n");
		break;
	case CMARK_NODE_TEXT:
		esc_html_str(out, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		buf_putc(out, '\n');
		break;
	case CMARK_NODE_LINEBREAK:
		buf_puts(out, r->o->xhtml ? "<br/>\n" : "<br>\n");
		break;
	case CMARK_NODE_CODE:
		buf_puts(out, "<code>");
		esc_html_str(out, cmark_node_get_literal(n));
		buf_puts(out, "</code>");
		break;
	case CMARK_NODE_CUSTOM_INLINE:
		render_wikilink(r, cmark_node_get_user_data(n));
		break;
	case CMARK_NODE_EMPH:
		buf_puts(out, "<em>");
		render_children(r, n);
		buf_puts(out, "</em>");
		break;
	case CMARK_NODE_STRONG:
		buf_puts(out, "<strong>");
		render_children(r, n);
		buf_puts(out, "</strong>");
		break;
	case CMARK_NODE_LINK:
		render_link(r, n);
		break;
	case CMARK_NODE_IMAGE:
		render_image(r, n);
		break;
	default:
		break;
	}
}

static void
render_children(struct rctx *r, cmark_node *n)
{
	cmark_node *k;

	for (k = cmark_node_first_child(n); k; k = cmark_node_next(k))
		render_node(r, k);
}

void
html_render_doc(struct buf *out, const struct doc *d,
    const struct html_opts *o)
{
	struct rctx r;

	if (d->root == NULL)
		return;
	r.out = out;
	r.doc = d;
	r.o = o;
	r.embed = 0;
	render_children(&r, d->root);
}
