/* render_pack.h - writes one pack in the formats asked for, rendering
 * each page's body once for its HTML page, its search text and its EPUB
 * page. */
#ifndef LP_RENDER_PACK_H
#define LP_RENDER_PACK_H

#include "resolve_pack.h"
#include "theme.h"
#include "write_out.h"

/* Writes the pack into op (begun by the caller, who commits or aborts
 * it): the EPUB when op->epub, the HTML pack when op->has_html.  Both
 * are tried, so that a run names every output it could not write.
 * Returns 0, or -1 after a system error. */
int	pack_write(const struct pack *p, const struct theme *t,
	    struct outpack *op, int current);

#endif
