/* render_pages.h - the HTML pack: contents page, lecture and note pages.
 *
 * Layout of OUT/ID/: index.html; ID.html for every lecture and note of
 * the pack (ids share one namespace, so one flat folder); assets/ from
 * the theme; media/PATH for each image, PATH its repository path. */
#ifndef LP_RENDER_PAGES_H
#define LP_RENDER_PAGES_H

#include "resolve_pack.h"
#include "theme.h"
#include "write_out.h"

/* Writes every file of the pack into `out`, a folder begun by the
 * caller, who commits or aborts it.  Returns 0, or -1 after a system
 * error. */
int	pages_write(const struct pack *p, const struct theme *t,
	    struct outdir *out, int current);

#endif
