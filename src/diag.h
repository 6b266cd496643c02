/* diag.h - the one diagnostics module.
 *
 * Every message a run prints about content goes through here, in the form
 * compilers use so that editors can jump to it:
 *
 *	path:line:col: error: message
 *
 * Paths are relative to the repository (the working directory after -C).
 * line and col are 1-based; 0 leaves them out.  Errors and warnings are
 * counted so that the exit status can follow the worst level seen. */
#ifndef LP_DIAG_H
#define LP_DIAG_H

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

/* Decides once whether to colour (stderr is a terminal, NO_COLOR unset). */
void	diag_init(void);
void	diag_at(enum diag_level, struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* error_at() prints an error and returns -1, so `return error_at(...)`. */
int	error_at(struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	warn_at(struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	note_at(struct loc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A system or usage problem without a place: "lecturepack: error: ...". */
int	sys_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Every error, quiet or not (to tell whether a step failed). */
int	diag_errors(void);
/* The errors the user was told about: what the exit status follows. */
int	diag_shown_errors(void);
int	diag_warnings(void);
/* On a terminal only: a progress line (not counted, no location). */
void	diag_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* While quiet, messages are counted but not printed (used to probe,
 * and to defer a file's messages until it is used). */
void	diag_set_quiet(int quiet);
/* Whether messages are quiet now (to restore it after a quiet step). */
int	diag_quiet(void);

#endif
