/* render_html.h - a doc's body as HTML5 or XHTML (one walk, both).
 *
 * One renderer serves the HTML pack and the EPUB: the markup is the same
 * but for void elements (<br> or <br/>) and the page extension in links.
 * Wiki links go where the pack says (pack_target()). */
#ifndef LP_RENDER_HTML_H
#define LP_RENDER_HTML_H

#include "buf.h"
#include "model.h"
#include "resolve_pack.h"
#include "theme.h"

struct html_opts {
	int			 xhtml;		/* XHTML void elements */
	const char		*ext;		/* ".html" or ".xhtml" */
	const char		*media;		/* prefix for images: "media/" */
	int			 current;	/* the current congress */
	const struct theme	*theme;		/* labels */
	const struct pack	*pack;		/* where wiki links go */
};

/* Gets back the trees html_render_doc() needs for d: its own and those
 * of the docs it embeds.  Returns 0, or -1 after an error. */
int	html_trees_need(const struct pack *p, struct doc *d);
/* Done rendering d: its trees may be freed (doc_tree_done()). */
void	html_trees_done(const struct pack *p, struct doc *d);
/* Appends the body of d (its trees must be there: html_trees_need()). */
void	html_render_doc(struct buf *out, const struct doc *d,
	    const struct html_opts *o);
/* Appends the label that a block with `mark` carries ("Theo Nghị quyết
 * Đại hội XII — chưa cập nhật") as a <p class="congress-label">. */
void	html_mark_label(struct buf *out, int mark, const struct html_opts *o);
/* Appends the legend of the marks: an outdated and a current label. */
void	html_legend_list(struct buf *out, const struct html_opts *o);
/* Appends the doc's authors, comma-separated and escaped. */
void	html_authors(struct buf *out, const struct doc *d);
/* Appends the href for a doc (and section) of the pack. */
void	html_href(struct buf *out, const struct doc *to,
	    const struct block *section, const struct html_opts *o);

#endif
