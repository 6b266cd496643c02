/* render_print.h - print.html, the whole course as one page for printing
 * (SPEC §9): a title page, the contents, every lecture on a page of its
 * own, then the notes, with the course title and page numbers in the
 * page margins (the theme's assets/print.css).  Its bodies are the ones
 * rendered for the HTML pages (render_pack.c), written with the ids and
 * hrefs of one page (body_put_one()). */
#ifndef LP_RENDER_PRINT_H
#define LP_RENDER_PRINT_H

#include "render_html.h"
#include "resolve_pack.h"
#include "theme.h"
#include "write_out.h"

struct print;

/* Starts print.html for pack p (borrowed, with t, until print_end())
 * in `out`, a folder begun by the caller, who commits or aborts it: its
 * title page and contents. */
struct print	*print_begin(const struct pack *p, const struct theme *t,
		    int current, struct outdir *out);
/* Adds page i of the pack, whose body is rendered in `body`; pages
 * come in order, each once. */
void		 print_page(struct print *pr, size_t i,
		    const struct body *body);
/* With `ok`, ends print.html; frees the writer either way.  Returns 0,
 * or -1 when not ok or after a system error. */
int		 print_end(struct print *pr, int ok);

#endif
