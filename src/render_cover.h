/* render_cover.h - a PNG drawing of an SVG cover, for the readers that
 * take only a raster image as a book's cover (Google Play Books,
 * Kindle).  Drawn with librsvg on a cairo image surface. */
#ifndef LP_RENDER_COVER_H
#define LP_RENDER_COVER_H

#include "buf.h"

/* The drawing's height in pixels (Pandoc and Kindle Direct Publishing
 * ask for about 1600 x 2560), and the widest it may be: a wider SVG is
 * drawn COVER_PNG_MAX_WIDTH wide and less tall. */
#define COVER_PNG_HEIGHT	1600
#define COVER_PNG_MAX_WIDTH	2560

/* Draws the SVG data[0..len) (checked by image_check() already) as a
 * PNG COVER_PNG_HEIGHT pixels tall at the SVG's aspect ratio, appended
 * to png: the same SVG gives the same bytes on every run and in any
 * thread.  Returns 0; or -1 when librsvg cannot draw it, with why it
 * cannot in `why` (translated, librsvg's own words in English appended),
 * and png as it was. */
int	cover_png(const char *data, size_t len, struct buf *png,
	    struct buf *why);

#endif
