/* buf.h - the one growable byte buffer.
 *
 * After buf_init() (or BUF_INIT) `data` is never NULL and always
 * NUL-terminated, so it can be used as a C string at any time.  The buffer
 * owns its bytes until buf_detach() hands them over; buf_release() frees
 * them and leaves an empty, reusable buffer. */
#ifndef LP_BUF_H
#define LP_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;	/* 0 while data points at the shared empty string */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void	 buf_init(struct buf *b);
void	 buf_grow(struct buf *b, size_t extra);
/* buf_put() when the bytes may not fit (or n is 0). */
void	 buf_put_grow(struct buf *b, const void *p, size_t n);
void	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends n in decimal, as "%lld" would, without printf's cost. */
void	 buf_put_int(struct buf *b, long long n);
/* Empties the buffer but keeps its memory. */
void	 buf_clear(struct buf *b);
/* Shortens the buffer to n bytes (n <= len). */
void	 buf_truncate(struct buf *b, size_t n);
/* Frees the memory; the buffer is empty and usable again. */
void	 buf_release(struct buf *b);
/* Returns the bytes (caller frees) and leaves the buffer empty. */
char	*buf_detach(struct buf *b, size_t *len);

/* Appends n bytes.  Inline, as the escapers call it per run of text:
 * with cap - len > n the bytes and the NUL fit (cap is 0, and the test
 * false, while data is the shared empty string). */
static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (n == 0 || b->cap - b->len <= n) {
		buf_put_grow(b, p, n);
		return;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

/* Appends one byte; inline, as renderers call it per character. */
static inline void
buf_putc(struct buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

#endif
