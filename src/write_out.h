/* write_out.h - writing output so that nothing is ever lost.
 *
 * A pack folder is written into a temporary folder beside its target
 * (OUT/.ID.tmp-PID), its EPUB into OUT/.ID.epub.tmp-PID, and both are
 * swapped into place together only when complete; a single file is
 * written to a temporary file beside it and renamed.  On failure,
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
/* In a thread that builds packs: those signals go to the main thread
 * (the handler's flag is what every thread reads). */
void	out_thread_signals(void);
/* Creates the temporary folder for `final` (and removes stale ones of
 * killed runs).  Returns 0, or -1 after a system error message, when o
 * holds nothing to release. */
int	outdir_begin(struct outdir *o, const char *final);
/* Writes one file at `rel` inside the folder.  Returns 0 or -1. */
int	outdir_write(struct outdir *o, const char *rel, const void *data,
	    size_t len);
/* Writes one file at `rel` inside the folder from n pieces, in one
 * system call when it can.  Returns 0 or -1. */
struct iovec;
int	outdir_writev(struct outdir *o, const char *rel,
	    const struct iovec *parts, int n);
/* A file of the folder written piece by piece (a page around its
 * content; print.html as the pack is rendered): opened once. */
struct outfile {
	struct outdir	*o;		/* borrowed */
	const char	*rel;		/* borrowed, for messages */
	int		 fd;		/* -1 once closed or failed */
};
/* Creates (or empties) the file at `rel` inside the folder for f; rel
 * must outlive f.  Returns 0, or -1 after a system error message, when
 * f holds nothing to close. */
int	outdir_open(struct outdir *o, const char *rel, struct outfile *f);
/* Adds len bytes to the file.  Returns 0, or -1 (after a system error
 * message, or on an interrupt) when the file is closed and the folder
 * failed. */
int	outfile_put(struct outfile *f, const void *data, size_t len);
/* Closes the file.  Returns 0, or -1 when it had failed or cannot be
 * closed (reported).  Safe to call after a failure. */
int	outfile_close(struct outfile *f);
/* Removes the temporary folder; always safe to call. */
void	outdir_abort(struct outdir *o);
/* A file written through a buffer that can seek back into what was
 * written (a zip archive's local headers are filled in after their
 * data): however small the writes and seeks, the bytes reach the file
 * a buffer of OUTSEEK_BUF bytes at a time (a larger write goes straight
 * through), and that buffer is all the memory it holds.  The caller
 * owns s; outseek_close() releases it. */
#define OUTSEEK_BUF	(256u * 1024)
struct outseek {
	int		 fd;		/* -1 once closed */
	char		*buf;		/* OUTSEEK_BUF bytes */
	size_t		 len;		/* bytes of buf in use */
	unsigned long long base;	/* the file offset of buf[0] */
	unsigned long long pos;		/* where the next write goes */
	unsigned long long size;	/* the file's size, buf included */
	int		 err;		/* errno of the first failure, or 0 */
};
/* Creates (or empties) the file at path.  Returns 0, or -1 with errno
 * set, when s holds nothing to release. */
int	outseek_open(struct outseek *s, const char *path);
/* Writes n bytes at the position and moves past them.  Returns 0, or
 * -1 with errno set (and kept in s->err: every later call fails). */
int	outseek_write(struct outseek *s, const void *data, size_t n);
/* Moves the position to off from the start (SEEK_SET), the position
 * (SEEK_CUR) or the end (SEEK_END).  Returns 0, or -1 with errno set
 * (EINVAL before the start). */
int	outseek_seek(struct outseek *s, long long off, int whence);
/* Writes out the buffer.  Returns 0, or -1 with errno set. */
int	outseek_flush(struct outseek *s);
/* Flushes, closes and releases s.  Returns 0, or -1 with errno set
 * (the first failure of s, if any); safe to call after a failure. */
int	outseek_close(struct outseek *s);
/* A pack's outputs, OUT/ID (HTML) and OUT/ID.epub, each complete in a
 * temporary beside its target, then replaced together (see write_out.c
 * for the steps and what a killed run leaves). */
struct outpack {
	char		*dir;		/* OUT */
	char		*id;
	struct outdir	 html;		/* valid when has_html */
	int		 has_html;
	char		*epub;		/* OUT/ID.epub, or NULL */
	char		*epub_tmp;	/* where the EPUB is written first */
	int		 lock_fd;
};

/* Locks the pack OUT/ID for this run (waiting, with a note, while
 * another run writes it), finishes a replacement that a killed run left
 * half done, and opens the temporaries of the formats asked for.
 * Returns 0, or -1 after a system error message (nothing to release). */
int	outpack_begin(struct outpack *op, const char *out, const char *id,
	    int html, int epub);
/* Replaces the previous outputs with both temporaries, or leaves them
 * both as they were: data synced first, SIGINT/SIGTERM/SIGHUP held
 * during the renames.  Releases op.  Returns 0 or -1 (reported). */
int	outpack_commit(struct outpack *op);
/* The same for the n packs of one run in OUT, with one sync before
 * the renames and one after for all of them; rcs[i] says how pack i
 * went.  Releases every op.  Returns 0, or -1 when one failed. */
int	outpack_commit_all(struct outpack *const *ops, size_t n, int *rcs);
/* Removes the temporaries and releases the lock; always safe. */
void	outpack_abort(struct outpack *op);
/* Writes a new file at `path` (a temporary), synced; on failure the file
 * is removed.  Returns 0 or -1 (reported). */
int	file_write_new(const char *path, const void *data, size_t len);
/* Appends the name a user knows for a path: a temporary beside its
 * target (DIR/.BASE.tmp-PID) is shown as DIR/BASE. */
struct buf;
void	out_shown_name(struct buf *b, const char *path);
/* Writes a whole file atomically (temporary beside it, then rename). */
int	file_write_atomic(const char *path, const void *data, size_t len);
/* Removes a file or a whole folder.  Returns 0, or -1 (errno set) when
 * something could not be removed. */
int	remove_tree(const char *path);
/* mkdir -p.  Returns 0 or -1 with errno set. */
int	mkdir_p(const char *path);

#endif
