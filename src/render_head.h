/* render_head.h - the head of a lecture or note page and the way dates
 * read, the same in every page format of a pack (HTML pages, EPUB,
 * print), so that no format shows less of a lecture than another. */
#ifndef LP_RENDER_HEAD_H
#define LP_RENDER_HEAD_H
#include "buf.h"
#include "render_html.h"
#include "resolve_pack.h"
#include "theme.h"

/* Appends a date of the model ("2024-10-20", checked at load) as a
 * <time> element whose text is the theme's label date_format with
 * "{d}", "{m}" and "{y}" in place ("20/10/2024"). */
void	html_date(struct buf *out, const char *iso, const struct theme *t);

/* Appends the <article> that holds page pg: of class "lecture", or
 * "note" with its data-level; with `id`, that id. */
void	html_article_open(struct buf *out, const struct page *pg,
	    const char *id);

/* Appends the <header class="lecture-header"> of page pg: for a
 * lecture, its part, title, authors, hours, updated date, summary and
 * badge; for a note, its level, title, the localities it succeeds, its
 * locality and term. */
void	html_page_head(struct buf *out, const struct page *pg,
	    const struct html_opts *o);
#endif
