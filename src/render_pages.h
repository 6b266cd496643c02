/* render_pages.h - the HTML pack: contents page, lecture and note pages.
 *
 * Layout of OUT/ID/: index.html; ID.html for every lecture and note of
 * the pack (ids share one namespace, so one flat folder); assets/ from
 * the theme; media/PATH for each image, PATH its repository path. */
#ifndef LP_RENDER_PAGES_H
#define LP_RENDER_PAGES_H

#include "render_html.h"
#include "resolve_pack.h"
#include "theme.h"
#include "write_out.h"

struct pages;

/* Starts writing the pack into `out`, a folder begun by the caller, who
 * commits or aborts it: writes index.html.  Returns the writer, or NULL
 * after a system error. */
struct pages	*pages_begin(const struct pack *p, const struct theme *t,
		    struct outdir *out, int current);
/* Writes page i of the pack (p->pages[i], the pages in order), whose
 * body is rendered in `body`, and adds it to the search.  Returns 0, or
 * -1 after a system error. */
int		 pages_page(struct pages *c, size_t i, const struct body *body);
/* With `ok`, writes what follows the pages (the search index, assets,
 * media); frees the writer either way.  Returns 0, or -1 when not ok
 * or after a system error. */
int		 pages_end(struct pages *c, int ok);

#endif
