/* render_pack.c - one pack, each body rendered once (see render_pack.h).
 *
 * The EPUB asks for its pages while libzip writes the archive; each
 * page is rendered when first asked for, and its HTML page and search
 * text are written then, from the same body.  Only one body is kept,
 * so memory follows the largest page (with its embeds), not the pack.
 * Without an EPUB (or after it failed) the pages are walked here.  The
 * HTML side adds each body to print.html too (render_print.h). */
#include "render_pack.h"

#include <stdint.h>
#include <string.h>

#include "render_epub.h"
#include "render_html.h"
#include "render_pages.h"
#include "render_print.h"

struct bodies {
	struct body_source	 src;		/* first: bodies_get() */
	const struct pack	*p;
	struct html_opts	 o;
	struct body		 body;
	size_t			 cur;		/* the page in body */
	size_t			 next;		/* the HTML side's next page */
	struct pages		*html;		/* NULL: none, or it failed */
	struct print		*print;		/* print.html, with html */
	int			 failed;
};

/* Renders page i into b->body, unless it is there already. */
static int
render_page(struct bodies *b, size_t i)
{
	struct doc *d = b->p->pages[i].doc;

	if (b->cur == i)
		return 0;
	b->cur = SIZE_MAX;
	if (html_trees_need(b->p, d) == -1)
		return -1;
	html_render_body(&b->body, d, &b->o);
	html_trees_done(b->p, d);
	b->cur = i;
	return 0;
}

/* Writes the HTML pages up to page i (in order, each once). */
static int
html_upto(struct bodies *b, size_t i)
{
	for (; b->next <= i && b->next < b->p->n_pages; b->next++) {
		if (b->html == NULL)
			continue;
		if (render_page(b, b->next) == -1)
			return -1;
		if (pages_page(b->html, b->next, &b->body) == -1) {
			pages_end(b->html, 0);
			b->html = NULL;
			b->failed = 1;
		} else
			print_page(b->print, b->next, &b->body);
	}
	return 0;
}

static const struct body *
bodies_get(struct body_source *src, size_t i)
{
	struct bodies *b = (struct bodies *)src;

	if (html_upto(b, i) == -1 || render_page(b, i) == -1)
		return NULL;
	return &b->body;
}

int
pack_write(const struct pack *p, const struct theme *t, struct outpack *op,
    int current)
{
	struct bodies b;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	b.src.get = bodies_get;
	b.p = p;
	html_opts_init(&b.o, p, t, current, "");
	b.cur = SIZE_MAX;
	body_init(&b.body);
	if (op->has_html && (b.html = pages_begin(p, t, &op->html,
	    current)) == NULL)
		rc = -1;
	if (b.html)
		b.print = print_begin(p, t, current, &op->html);
	if (op->epub && epub_write(p, t, op->epub_tmp, current,
	    &b.src) == -1)
		rc = -1;
	if (b.html && p->n_pages && html_upto(&b, p->n_pages - 1) == -1)
		b.failed = 1;
	/* (Not ok when the pages failed: the pack is not written.) */
	if (b.print && print_end(b.print, b.html && !b.failed)
	    == -1)
		b.failed = 1;
	if (b.html && pages_end(b.html, !b.failed) == -1)
		rc = -1;
	if (b.failed)
		rc = -1;
	body_release(&b.body);
	return rc;
}
