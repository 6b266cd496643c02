/* load_image.h - what an image file really is, and its name in a pack.
 *
 * Every image a pack carries (a lecture's ![alt](x) and a curriculum's
 * cover:) passes image_check() once at load time: its type comes from
 * its first bytes (PNG, JPEG, GIF, WebP) or from parsing it (SVG, with
 * libxml2, network and entities off), never from its name, and an SVG
 * that could run a script or fetch anything is refused.  The name the
 * image gets inside a pack is computed here too, once, so the HTML
 * pages, the EPUB manifest and the files written always agree. */
#ifndef LP_LOAD_IMAGE_H
#define LP_LOAD_IMAGE_H

#include "diag.h"
#include "model.h"

/* Largest SVG file parsed, in bytes; a larger one is an error. */
#define IMAGE_SVG_MAX_BYTES	(4u * 1024 * 1024)

/* Checks the image at repository path `path` (already known to be a
 * regular file inside the repository), used at `at`; `what` names it in
 * messages ("image" or "cover").  Returns 0 and fills *img (caller
 * releases it with image_release()), warning when the name's extension
 * disagrees with the content; or -1 after a located error at `at`
 * (messages go to msgs)
 * (not an image, a malformed or unsafe SVG, unreadable), and then *img
 * holds nothing.  The same file asked about again gives the same answer
 * and the same message, without reading it again. */
int	 image_check(const char *path, struct loc at, const char *what,
	    struct image *img, struct msgs *msgs);
/* image_check() keeps what it found for each file for the run (so an
 * image many lectures and packs use is read once) and says it again at
 * each place that asks; a file that changed is read again.  This frees
 * all of it (repo_free() calls it). */
void	 image_forget(void);
/* Frees what image_check() put in *img and empties it. */
void	 image_release(struct image *img);
/* The path of image `path` of media type `type` inside a pack, below
 * media/ (caller frees): the repository path itself when it is made of
 * [A-Za-z0-9._-/] and its extension fits the type; otherwise every
 * other part made safe (diacritics dropped, runs of anything else one
 * '-'), the extension the type's, and a hash of `path` before it so
 * that two sources never share a name. */
char	*image_pack_name(const char *path, const char *type);

#endif
