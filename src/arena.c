/* arena.c - the bump allocator of documents' trees (see arena.h).
 *
 * A small block of n bytes sits in a chunk behind an 8-byte header
 * holding n; its data is 16-aligned (like malloc()'s) and takes
 * SPAN(n) bytes with its header.  `top` is where the next header goes
 * and `last` the data of the newest block, which free() gives back to
 * the chunk and realloc() grows in place.  Another block freed is kept
 * on a list by its span, up to SPAN_LISTED, for the next block of that
 * span: cmark frees many nodes (text nodes merged), its parsers and
 * its inline parser's delimiters out of order, and without reuse a
 * tree would hold about three times the memory it uses.  A block of
 * ARENA_BIG bytes or more is a struct big, malloc()'d alone, on a
 * list; its n, too, is the 8 bytes before its data, so that n tells
 * the two kinds apart. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LP_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define LP_ASAN 1
#endif

#ifdef LP_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define NO_ASAN		__attribute__((no_sanitize_address))
#else
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#define NO_ASAN
#endif

#define HDR		8
#define SPAN(n)		(((n) + HDR + 15) & ~(size_t)15)
#define CHUNK_MIN	(2u * 1024)
#define CHUNK_MAX	(1024u * 1024)
#define SPAN_LISTED	ARENA_BIG

struct chunk {
	struct chunk	*prev;
	size_t		 size;		/* of the whole chunk */
};

struct big {
	struct big	*prev, *next;
	size_t		 pad;
	size_t		 n;		/* the header: as a small block's */
};

struct arena {
	char		*top, *end;	/* free space in the newest chunk */
	char		*last;		/* newest small block, or NULL */
	struct chunk	*chunks;	/* newest first */
	struct big	 bigs;		/* list head of the big blocks */
	char		*freed[SPAN_LISTED / 16 + 1];	/* by span / 16:
					   blocks freed, linked through
					   their first 8 bytes */
	size_t		 next;		/* size of the next chunk */
	size_t		 footprint;
};

/* The thread's arena: see arena.h for why it is not an argument. */
static _Thread_local struct arena *current;

NO_ASAN static size_t
hdr_get(const char *p)
{
	return *(const size_t *)(const void *)(p - HDR);
}

NO_ASAN static void
hdr_set(char *p, size_t n)
{
	*(size_t *)(void *)(p - HDR) = n;
}

/* The link of a freed block (poisoned: its data is dead). */
NO_ASAN static char *
link_get(const char *p)
{
	return *(char *const *)(const void *)p;
}

NO_ASAN static void
link_set(char *p, char *next)
{
	*(char **)(void *)p = next;
}

struct arena *
arena_new(size_t hint)
{
	struct arena *a = xcalloc(1, sizeof(*a));

	a->bigs.prev = a->bigs.next = &a->bigs;
	a->next = hint < CHUNK_MIN ? CHUNK_MIN : hint > CHUNK_MAX ?
	    CHUNK_MAX : hint;
	return a;
}

/* Starts a chunk with room for at least `need` bytes after its header;
 * chunks double in size up to CHUNK_MAX, so that a small tree takes
 * little and a large one few chunks. */
static void
chunk_add(struct arena *a, size_t need)
{
	size_t size = a->next;
	struct chunk *ch;

	if (size < sizeof(*ch) + HDR + need)
		size = sizeof(*ch) + HDR + need;
	if (a->next < CHUNK_MAX)
		a->next *= 2;
	ch = xmalloc(size);
	ch->prev = a->chunks;
	ch->size = size;
	a->chunks = ch;
	a->footprint += size;
	/* The first header at 8 mod 16: data 16-aligned, as malloc()'s. */
	a->top = (char *)(ch + 1) + HDR;
	a->end = (char *)ch + size;
	a->last = NULL;
	POISON(a->top, (size_t)(a->end - a->top));
}

static void *
big_alloc(struct arena *a, size_t n)
{
	struct big *b = xmalloc(sizeof(*b) + n);

	b->n = n;
	b->next = a->bigs.next;
	b->prev = &a->bigs;
	b->next->prev = b;
	a->bigs.next = b;
	a->footprint += sizeof(*b) + n;
	return b + 1;
}

static void
big_free(struct arena *a, void *p)
{
	struct big *b = (struct big *)p - 1;

	b->prev->next = b->next;
	b->next->prev = b->prev;
	a->footprint -= sizeof(*b) + b->n;
	free(b);
}

static void *
big_realloc(struct arena *a, void *p, size_t n)
{
	struct big *b = (struct big *)p - 1;

	a->footprint -= sizeof(*b) + b->n;
	b = xrealloc(b, sizeof(*b) + n);
	b->n = n;
	b->prev->next = b;
	b->next->prev = b;
	a->footprint += sizeof(*b) + n;
	return b + 1;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	char *p;
	size_t span = SPAN(n);

	if (n >= ARENA_BIG)
		return big_alloc(a, n);
	if (span <= SPAN_LISTED && (p = a->freed[span / 16]) != NULL) {
		a->freed[span / 16] = link_get(p);
		hdr_set(p, n);
		UNPOISON(p, n);
		return p;
	}
	if ((size_t)(a->end - a->top) < span)
		chunk_add(a, span);
	p = a->top + HDR;
	a->top += span;
	a->last = p;
	hdr_set(p, n);
	UNPOISON(p, n);
	return p;
}

void
arena_release(struct arena *a, void *p)
{
	size_t n;

	if (p == NULL)
		return;
	if ((n = hdr_get(p)) >= ARENA_BIG) {
		big_free(a, p);
		return;
	}
	POISON(p, n);
	if (p == a->last) {
		a->top = (char *)p - HDR;
		a->last = NULL;
	} else if (SPAN(n) <= SPAN_LISTED) {
		link_set(p, a->freed[SPAN(n) / 16]);
		a->freed[SPAN(n) / 16] = (char *)p;
	}	/* else it stays, poisoned, until the arena goes */
}

void *
arena_realloc(struct arena *a, void *p, size_t n)
{
	size_t old;
	void *q;

	if (p == NULL)
		return arena_alloc(a, n);
	old = hdr_get(p);
	if (old >= ARENA_BIG && n >= ARENA_BIG)
		return big_realloc(a, p, n);
	if (old < ARENA_BIG && n < ARENA_BIG && (p == a->last ?
	    SPAN(n) <= (size_t)(a->end - (char *)p + HDR) : n <= old)) {
		/* The newest block grows or shrinks in place, any other
		 * only shrinks. */
		if (p == a->last)
			a->top = (char *)p - HDR + SPAN(n);
		POISON((char *)p, old);
		UNPOISON((char *)p, n);
		hdr_set(p, n);
		return p;
	}
	q = arena_alloc(a, n);
	memcpy(q, p, old < n ? old : n);
	arena_release(a, p);
	return q;
}

void
arena_reset(struct arena *a)
{
	struct chunk *ch;

	while (a->bigs.next != &a->bigs)
		big_free(a, a->bigs.next + 1);
	while ((ch = a->chunks) != NULL) {
		a->chunks = ch->prev;
		UNPOISON(ch, ch->size);
		free(ch);
	}
	a->top = a->end = a->last = NULL;
	memset(a->freed, 0, sizeof(a->freed));
	a->footprint = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a);
}

size_t
arena_footprint(const struct arena *a)
{
	return a->footprint;
}

struct arena *
arena_enter(struct arena *a)
{
	struct arena *was = current;

	current = a;
	return was;
}

static void *
mem_calloc(size_t n, size_t size)
{
	void *p;

	if (current == NULL)
		return xcalloc(n, size);
	if (size != 0 && n > SIZE_MAX / size)
		return xcalloc(n, size);	/* its message and exit */
	p = arena_alloc(current, n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
mem_realloc(void *p, size_t n)
{
	return current ? arena_realloc(current, p, n) : xrealloc(p, n);
}

static void
mem_free(void *p)
{
	if (current)
		arena_release(current, p);
	else
		free(p);
}

cmark_mem arena_cmark_mem = { mem_calloc, mem_realloc, mem_free };

cmark_node *
arena_node_new(cmark_node_type type)
{
	return cmark_node_new_with_mem(type, &arena_cmark_mem);
}

cmark_node *
arena_parse(const char *s, size_t len, int options)
{
	cmark_parser *p = cmark_parser_new_with_mem(options, &arena_cmark_mem);
	cmark_node *root;

	cmark_parser_feed(p, s, len);
	root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}
