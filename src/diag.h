/* diag.h - the one diagnostics module.
 *
 * Every message a run prints about content is kept with what it is
 * about: a document, a curriculum, a theme or a pack owns a `struct msgs`
 * that loading (or resolving) fills once.  A run prints each list once,
 * when it reports on that thing, all lists of that moment merged and
 * sorted by file, line and column, in the form compilers use so that
 * editors can jump to it:
 *
 *	path:line:col: error: message
 *
 * Paths are relative to the repository (the working directory after -C).
 * line and col are 1-based; 0 leaves them out.  A list's counts are what
 * the exit status follows.  Only system and usage problems, which are
 * about no file, are printed at once (sys_error()).
 *
 * Messages speak the user's language (GNU gettext, domain "lecturepack",
 * chosen by LANGUAGE, LC_ALL, LC_MESSAGES and LANG): every fmt given to
 * the functions below is an English message that they translate, so call
 * sites pass literals (xgettext finds them by these names; see the
 * Makefile's update-po).  The words "error", "warning" and "note" stay
 * English, for editors and CI problem matchers. */
#ifndef LP_DIAG_H
#define LP_DIAG_H

#include <stddef.h>

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR
};

/* A place in a file.  The path is borrowed, never freed through here. */
struct loc {
	const char	*path;
	int		 line;
	int		 col;
};

/* Past this many messages about one file the rest are only counted:
 * a helpful extra (a "did you mean" search) is not worth making then. */
#define DIAG_MAX_PER_FILE	50

/* A place written inline, as an argument: a macro call and not a
 * compound literal, whose braces would hide the message that follows
 * from xgettext. */
#define LOC(path, line, col)	((struct loc){ (path), (line), (col) })

struct msg;

/* The messages about one thing, in the order found.  A NULL list
 * discards what is added to it (a parse done again only for its tree).
 * Zeroed memory (MSGS_INIT) is an empty list; msgs_release() frees it. */
struct msgs {
	struct msg	*v;
	size_t		 n, cap;
	int		 errors;
	int		 warnings;
	size_t		 shown;		/* v[0..shown) have been printed */
};

#define MSGS_INIT	{ NULL, 0, 0, 0, 0, 0 }

/* Decides once whether to colour (stderr is a terminal, NO_COLOR unset),
 * and sets up the message catalog: $LECTUREPACK_LOCALEDIR, else
 * build/locale beside the tool's bin/ (a source tree), else
 * ../share/locale beside it (an installed tool), else LP_LOCALEDIR. */
void	diag_init(void);
/* The translation of an English message (gettext in our domain). */
const char *diag_tr(const char *english);
/* Marks a message for translation where it is defined, not used. */
#define N_(english)	english
void	diag_at(struct msgs *, enum diag_level, struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* error_at() adds an error and returns -1, so `return error_at(...)`. */
int	error_at(struct msgs *, struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	warn_at(struct msgs *, struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A note belongs to the error or warning added just before it to the
 * same list, and is printed right after it. */
void	note_at(struct msgs *, struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Appends every message of `from` to `to` (counts too). */
void	msgs_append(struct msgs *to, const struct msgs *from);
/* Prints the messages of the lists not printed yet, merged and sorted
 * by path, line and column (a note after its message), and marks them
 * printed.  Past DIAG_MAX_PER_FILE messages about one file, the rest
 * are only counted.  Safe to call from several threads. */
void	msgs_show(struct msgs *const *lists, size_t n);
/* Forgets the messages (the list is empty again, ready for reuse). */
void	msgs_release(struct msgs *);
/* A system or usage problem without a place, printed at once:
 * "lecturepack: error: ...".  Returns -1. */
int	sys_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* On a terminal only: a progress line (not counted, no location). */
void	diag_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
