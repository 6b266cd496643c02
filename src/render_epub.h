/* render_epub.h - the EPUB 3 pack of a curriculum (OUT/ID.epub). */
#ifndef LP_RENDER_EPUB_H
#define LP_RENDER_EPUB_H

#include <time.h>

#include "render_html.h"
#include "resolve_pack.h"
#include "theme.h"

/* Writes the pack's EPUB, reproducibly, to `path`: a new file (the
 * caller's temporary), synced, and removed again on failure.  The body
 * of page i (p->pages[i]) is asked of `bodies`, in page order, while
 * the archive is written.  Returns 0, or -1 after a system error. */
int	epub_write(const struct pack *p, const struct theme *t,
	    const char *path, int current, struct body_source *bodies);
/* The pack's date: SOURCE_DATE_EPOCH when set, else the newest
 * `updated`/`date` of its inputs, never the clock. */
time_t	epub_date(const struct pack *p);

#endif
