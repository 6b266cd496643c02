/* write_out.h - writing output so that nothing is ever lost.
 *
 * A pack folder is written into a temporary folder beside its target
 * (OUT/.ID.tmp-PID) and swapped into place only when complete; a single
 * file is written to a temporary file beside it and renamed.  On failure,
 * SIGINT or SIGTERM the temporary is removed and the previous output is
 * untouched.  Entry names are checked: nothing is written outside. */
#ifndef LP_WRITE_OUT_H
#define LP_WRITE_OUT_H

#include <stddef.h>

struct outdir {
	char	*final;		/* OUT/ID */
	char	*tmp;		/* OUT/.ID.tmp-PID */
	char	*made;		/* the folder of the last file written */
	int	 failed;
};

/* Installs the signal handlers that make an interrupted run clean up. */
void	out_signals(void);
/* Returns 1 once SIGINT or SIGTERM arrived. */
int	out_interrupted(void);
/* Creates the temporary folder for `final` (and removes stale ones of
 * killed runs).  Returns 0, or -1 after a system error message, when o
 * holds nothing to release. */
int	outdir_begin(struct outdir *o, const char *final);
/* Writes one file at `rel` inside the folder.  Returns 0 or -1. */
int	outdir_write(struct outdir *o, const char *rel, const void *data,
	    size_t len);
/* Swaps the complete folder into place.  Returns 0 or -1. */
int	outdir_commit(struct outdir *o);
/* Removes the temporary folder; always safe to call. */
void	outdir_abort(struct outdir *o);
/* Writes a whole file atomically (temporary beside it, then rename). */
int	file_write_atomic(const char *path, const void *data, size_t len);
/* Removes the temporaries that killed runs left beside path. */
void	out_clean_stale(const char *path);
/* mkdir -p.  Returns 0 or -1 with errno set. */
int	mkdir_p(const char *path);

#endif
