/* path.h - URLs and paths: what may be linked, read and written.
 *
 * Containment lives here: every file a lecture points at is resolved
 * against the repository (the working directory) with realpath(), so a
 * symlink or '..' can never bring an outside file into a pack. */
#ifndef LP_PATH_H
#define LP_PATH_H

#include "diag.h"

struct buf;

enum url_kind {
	URL_OK,		/* http, https, mailto or tel, well formed */
	URL_FRAGMENT,	/* #id, or empty */
	URL_RELATIVE,	/* a path without a scheme */
	URL_NETWORK,	/* //host or ///path: no scheme, so a pack opened
			   from disk reads it as a file: URL */
	URL_INVALID,	/* http, https, mailto or tel, malformed */
	URL_UNSAFE	/* any other scheme: javascript:, data:, file: ... */
};

/* Classifies a URL as a browser would read it (controls and spaces
 * ignored, scheme case-insensitive): url_check() without its output. */
enum url_kind	 url_classify(const char *url);
/* Checks a link target and returns its kind.  For URL_OK, appends to
 * `out` (when not NULL) the form to write: scheme and host in lower
 * case, an international host in its ASCII (xn--) form, spaces removed
 * from a tel: number, and every other byte not allowed in a URL
 * percent-encoded as UTF-8 (see esc_pct()); URL_OK again for that form.
 * For URL_INVALID, sets *why (when not NULL) to what is wrong, a static
 * string such as "no host". */
enum url_kind	 url_check(const char *url, struct buf *out,
		    const char **why);
/* Resolves `url` (a relative path, percent-encoding allowed) against the
 * folder of `from` (a repository path).  The file must exist, be a
 * regular file and lie inside the repository, symlinks included.
 * Returns 0 and *rel, the normalised repository path (caller frees), or
 * -1 after a located error at `at` added to msgs. */
int		 path_check_inside(const char *from, const char *url,
		    char **rel, struct loc at, struct msgs *msgs);
/* Returns 1 when `path` exists and its real path (symbolic links
 * followed) lies inside the repository, the working directory. */
int		 path_inside_repo(const char *path);
/* Returns 1 when a file name can be named in a make rule and printed:
 * no control character, no backslash. */
int		 path_name_ok(const char *path);
/* Checks a file the tool is about to read: a name path_name_ok() takes,
 * a regular file, and (in_repo) inside the repository, symbolic links
 * followed.  Returns 0, or -1 after an error located at the file,
 * added to msgs. */
int		 path_input_check(const char *path, int in_repo,
		    struct msgs *msgs);
/* path_input_check(path, 1, msgs) for a file listed in a folder found
 * inside the repository (dir_inside, by path_inside_repo()): a regular
 * file there, not a symbolic link, is inside too, seen with one lstat()
 * instead of a path resolved to its root. */
int		 path_listed_check(const char *path, int dir_inside,
		    struct msgs *msgs);
/* The absolute path of `path`, which need not exist: symbolic links of
 * the part that exists resolved, '.' and '..' done.  Caller frees;
 * NULL on a system error. */
char		*path_absolute(const char *path);
/* Returns 1 when absolute paths a and b are the same, or one holds the
 * other. */
int		 path_overlaps(const char *a, const char *b);
/* The media type an image path's extension names, or NULL (what the
 * file really is comes from image_check(), load_image.h). */
const char	*media_type(const char *path);
/* Returns 1 when rel is a safe relative path for an output entry: no
 * '..', no leading '/', no empty or '.' parts, no backslash. */
int		 path_entry_safe(const char *rel);

#endif
