/* render_pages.h - the HTML pack: contents page, lecture and note pages.
 *
 * Layout of OUT/ID/: index.html; ID.html for every lecture and note of
 * the pack (ids share one namespace, so one flat folder); assets/ from
 * the theme; media/PATH for each image, PATH its repository path. */
#ifndef LP_RENDER_PAGES_H
#define LP_RENDER_PAGES_H

#include "resolve_links.h"
#include "theme.h"

/* Writes the pack into `dir` (OUT/ID) atomically.  Returns 0, or -1
 * after a system error (the previous pack is untouched). */
int	pages_write(const struct pack *p, const struct theme *t,
	    const char *dir, int current);

#endif
