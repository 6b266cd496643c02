/* xalloc.h - allocation that never returns NULL.
 *
 * Every function here exits the process with a message on out-of-memory,
 * so call sites never check.  Memory returned is owned by the caller and
 * released with free(). */
#ifndef LP_XALLOC_H
#define LP_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of n elements of size `size` to at least `need`
 * elements, doubling; updates *cap.  Returns the (possibly moved) array. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
