/* render_search.h - the offline search index of an HTML pack.
 *
 * The index is a script (assets/search-index.js) so that it loads from
 * file://, where browsers refuse to fetch JSON: it sets window.LP_SEARCH
 * to the pack's pages and, per section, its anchor, title and plain
 * text.  The theme's search.js folds case and Vietnamese diacritics on
 * both sides, so "nghi quyet" finds "nghị quyết". */
#ifndef LP_RENDER_SEARCH_H
#define LP_RENDER_SEARCH_H

#include "buf.h"
#include "model.h"

/* Starts the index in out. */
void	search_begin(struct buf *out);
/* Adds the sections of one page (its tree must be kept). */
void	search_add(struct buf *out, const struct doc *d, const char *href);
/* Ends the index. */
void	search_end(struct buf *out);

#endif
