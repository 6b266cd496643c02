/* arena.h - one allocator module: the memory of a document's cmark tree.
 *
 * One parse (parse_text() in load_doc.c) makes everything of one tree
 * in one arena: cmark's nodes and texts, the parser's own buffers, the
 * nodes the passes add (arena_node_new()) and the table cells parsed on
 * their own (arena_parse()).  Blocks are cut from chunks by bumping a
 * pointer; realloc() grows the newest block in place; free() gives the
 * newest block back to its chunk and keeps another for the next block
 * of its size; blocks of ARENA_BIG bytes and more (cmark's line and
 * paragraph buffers) are malloc()'d one by one and freed at once.  The
 * whole tree then goes with arena_free(), without a walk or a free per
 * node.  An arena holds about twice the memory its tree uses (what
 * cmark frees after its last allocation stays until the tree goes):
 * load_doc.c parses very large files without one.
 *
 * Ownership: a struct doc owns its arena (d->arena) and the tree in it
 * (d->root); such a tree is freed with its arena, never with
 * cmark_node_free() on its root (that would call free() on arena
 * memory).  Freeing a node inside a parse, through cmark, is fine.
 *
 * cmark's allocator has no context pointer: arena_cmark_mem routes to
 * the arena the calling thread has entered (arena_enter(), for the
 * length of one parse, which runs under the doc's lock), and to
 * malloc() when it has entered none.  Hence a block is allocated and
 * freed inside one parse or outside all; once the parse is left the
 * tree is read-only, and renderers in several threads iterate it (their
 * cmark_iter comes from malloc(), not from the arena).  An arena is
 * used by one thread at a time: the one that entered it.
 *
 * Under AddressSanitizer, freed blocks and the unused rest of a chunk
 * are poisoned, so use-after-free in a tree is still reported. */
#ifndef LP_ARENA_H
#define LP_ARENA_H

#include <stddef.h>

#include <cmark.h>

#define ARENA_BIG	512	/* bytes: a block this large is malloc()'d */

struct arena;

/* A new empty arena whose first chunk holds about `hint` bytes (0: a
 * default); the caller frees it with arena_free(). */
struct arena	*arena_new(size_t hint);
/* Frees every block of a (NULL: nothing), including the nodes of
 * the trees made in it. */
void		 arena_free(struct arena *a);
/* Frees every block of a and leaves it empty, as arena_new() made it. */
void		 arena_reset(struct arena *a);
/* Makes a the calling thread's arena (NULL: none, malloc()); returns
 * the one it had, for arena_enter() to put back at the end. */
struct arena	*arena_enter(struct arena *a);

/* The thread's arena, or malloc() when it entered none: give it to
 * cmark (cmark_parser_new_with_mem(), cmark_node_new_with_mem()). */
extern cmark_mem arena_cmark_mem;

/* A new node of the tree being parsed on this thread: from its arena
 * (use it instead of cmark_node_new()). */
cmark_node	*arena_node_new(cmark_node_type type);
/* cmark_parse_document() into the thread's arena. */
cmark_node	*arena_parse(const char *s, size_t len, int options);

/* The blocks, in the arena's own terms: for tests. */
void		*arena_alloc(struct arena *a, size_t n);
void		*arena_realloc(struct arena *a, void *p, size_t n);
void		 arena_release(struct arena *a, void *p);
/* Bytes taken from malloc() by a's chunks and big blocks. */
size_t		 arena_footprint(const struct arena *a);

#endif
