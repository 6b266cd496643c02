/* render_search.h - the offline search of an HTML pack.
 *
 * Browsers refuse to fetch files from file://, so the search data are
 * scripts, of two kinds:
 *  - assets/search-index.js, loaded by every page, is small: the pack's
 *    pages and, per folded word (see fold_words()), the pages holding it;
 *  - assets/search/ID.js, one per page: its title and, per section, the
 *    anchor, title and plain text.  The theme's search.js loads one only
 *    when every word of a query is on that page, then ranks the page's
 *    sections and cuts the snippets from this text.
 * Both are the same every build of the same input. */
#ifndef LP_RENDER_SEARCH_H
#define LP_RENDER_SEARCH_H

#include "buf.h"
#include "model.h"

struct search;

/* Returns an empty index (caller frees with search_free()). */
struct search	*search_new(void);
/* Appends page d's text script to `script` and adds its words to the
 * index; d's tree must be kept, href is its page.  `id` names the
 * script, assets/search/ID.js (the caller writes it). */
void	 search_page(struct search *s, const struct doc *d, const char *id,
	    const char *href, struct buf *script);
/* Appends the index script of the pages added so far. */
void	 search_index(const struct search *s, struct buf *out);
void	 search_free(struct search *s);

#endif
