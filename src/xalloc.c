/* xalloc.c - allocation wrappers that exit on out-of-memory. */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
die_oom(size_t size)
{
	fprintf(stderr, "lecturepack: fatal: out of memory (%zu bytes)\n", size);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		die_oom(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die_oom(n * size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		die_oom(size);
	return p;
}

void *
xgrow(void *ptr, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return ptr;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / size)
			die_oom(need * size);
		c *= 2;
	}
	*cap = c;
	return xrealloc(ptr, c * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
