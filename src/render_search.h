/* render_search.h - the offline search of an HTML pack.
 *
 * Browsers refuse to fetch files from file://, so the search data are
 * scripts, of two kinds:
 *  - assets/search/N.js, the text scripts: the pages' titles and, per
 *    section, its anchor, title and plain text, several pages to a
 *    script (about SEARCH_TEXT_BYTES each, so that a query loads few
 *    files, and few bytes it does not need);
 *  - assets/search-index.js, loaded by every page and small: per folded
 *    word (see fold_words()), the text scripts that hold it.
 * The theme's search.js loads a text script only when every word of a
 * query is in it, then ranks the sections and cuts snippets from them.
 * Both are the same every build of the same input. */
#ifndef LP_RENDER_SEARCH_H
#define LP_RENDER_SEARCH_H

#include "buf.h"
#include "model.h"
#include "render_html.h"

#define SEARCH_TEXT_BYTES	131072

struct search;

/* Returns an empty index (caller frees with search_free()). */
struct search	*search_new(void);
/* Adds page d, of rendered body `body` (its search sections) and page
 * `href`, to the current text script; `head`, when not NULL, is text of
 * the page's header to find it by besides its title (the first
 * section's text begins with it).  When that script is full, or
 * `last` is set, appends it to `script` and returns its number N (the
 * caller writes it to assets/search/N.js); else returns -1. */
int	 search_page(struct search *s, const struct doc *d,
	    const struct body *body, const char *href, const char *head,
	    int last, struct buf *script);
/* Appends the index script of the text scripts finished so far. */
void	 search_index(const struct search *s, struct buf *out);
void	 search_free(struct search *s);

#endif
