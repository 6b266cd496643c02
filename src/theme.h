/* theme.h - a theme: page template, Vietnamese labels, static assets.
 *
 * A theme is a folder (themes/NAME in the repository, else the installed
 * PREFIX/share/lecturepack/themes/NAME) holding:
 *
 *   page.html     the page layout, with {{var}} (escaped) and {{{var}}}
 *                 (generated markup) and {{label.key}}
 *   labels.yaml   every visible word the tool writes, as key: text
 *   assets/       files copied into each pack's assets/ folder
 *   epub.css      the stylesheet of the EPUB pack
 *
 * A theme is loaded once per run and only read afterwards. */
#ifndef LP_THEME_H
#define LP_THEME_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

struct theme;

/* A template variable: value is text to escape unless raw. */
struct tvar {
	const char	*name;
	const char	*value;
	int		 raw;
};

/* Returns 1 when a theme of this name can be found. */
int		 theme_exists(const char *name);
/* Loads a theme; NULL after located errors (added to msgs).  Free
 * with theme_free(). */
struct theme	*theme_load(const char *name, struct msgs *msgs);
void		 theme_free(struct theme *t);
/* The label's text; every label the tool uses is checked at load. */
const char	*theme_label(const struct theme *t, const char *key);
/* Appends the label, HTML-escaped, with "{n}" replaced by `arg`. */
void		 theme_label_fmt(const struct theme *t, struct buf *out,
		    const char *key, const char *arg);
/* theme_label_fmt() as plain text, not escaped (for the search). */
void		 theme_label_text(const struct theme *t, struct buf *out,
		    const char *key, const char *arg);
/* theme_label_vars() as plain text, not escaped (for the search). */
void		 theme_label_text_vars(const struct theme *t, struct buf *out,
		    const char *key, const struct tvar *vars);
/* Appends the label, HTML-escaped, with each "{name}" of vars (ended by
 * a NULL name; `raw` is ignored) replaced by its value; any other brace
 * is text. */
void		 theme_label_vars(const struct theme *t, struct buf *out,
		    const char *key, const struct tvar *vars);
/* Expands the page template with vars (ended by a NULL name) in two
 * halves around the page's content, which the caller writes between
 * them, so that a long page is never copied whole: all before the first
 * {{{content}}} is appended to head, all after it to tail (a later
 * {{{content}}} takes the var "content", if given). */
void		 theme_page_around(const struct theme *t, struct buf *head,
		    struct buf *tail, const struct tvar *vars);
/* A file of the theme that packs copy as it is: its name (under
 * assets/, or "epub.css") and its bytes, read once when the theme is
 * loaded (at most THEME_ASSET_MAX of them), owned by the theme. */
#define THEME_ASSET_MAX	(256u << 20)
struct theme_asset {
	const char	*name;
	const char	*data;
	size_t		 len;
};
/* The theme's EPUB stylesheet (its name is NULL). */
const struct theme_asset *theme_epub_css(const struct theme *t);
/* The theme's files: every file a pack built with it depends on, as
 * paths readable from the repository; and the assets, by name. */
size_t		 theme_files(const struct theme *t, const char *const **files);
size_t		 theme_assets(const struct theme *t,
		    const struct theme_asset **assets);

#endif
