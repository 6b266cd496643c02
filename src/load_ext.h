/* load_ext.h - private to the load stage of one Markdown file: what
 * load_doc.c (the document's lifecycle), load_block.c (block
 * extensions), load_inline.c (inline extensions) and load_tree.c (the
 * tree and ids) share.  Nothing outside these four files includes it.
 *
 * One `struct ctx` lives for one parse (parse_text() in load_doc.c),
 * on its stack; it owns its fences, refusals, line table and dead
 * nodes, and borrows the doc and the text cmark parsed.  Everything a
 * pass adds to the doc (blocks, links, images) is owned by the doc. */
#ifndef LP_LOAD_EXT_H
#define LP_LOAD_EXT_H

#include <stddef.h>

#include <cmark.h>

#include "arena.h"		/* nodes: arena_node_new() */
#include "buf.h"
#include "diag.h"
#include "model.h"

/* A ':::' line outside code, found before cmark parses (load_block.c). */
struct fence {
	int		 line;
	int		 col;
	int		 open;		/* 1 opens a div, 0 closes one */
	int		 pair;		/* index of the matching fence, -1 */
	int		 valid;		/* both fences at the top level */
	int		 in_code;	/* inside a code block: not a fence */
	char		*attrs;		/* text after the colons (open);
					   owned */
	cmark_node	*node;		/* its marker comment in the tree */
};

/* Where a table cell's text is: its nodes were parsed on their own. */
struct cell_origin {
	int		 line;
	int		 dcol;		/* add to their byte columns */
	cmark_node	*made;		/* its text node when made without
					   cmark (plain text): at byte
					   column 3 of "# cell #", as
					   cmark places it */
};

/* An image refused once is not read again for its other uses. */
struct refusal {
	char		*path;		/* owned */
	int		 line;		/* of its first use */
};

/* A line that may open a footnote definition ('[^id]: ...' at the top
 * level), found before cmark parses (load_footnote.c). */
struct fndef {
	int		 line;
	size_t		 prefix;	/* bytes of indentation and '[^id]:' */
	char		*label;		/* owned */
	int		 off;		/* not a definition (in code, in a
					   container): the text is left as is */
	int		 last;		/* the last line of its indented
					   blocks (0: none) */
	cmark_node	*node;		/* its first text node, once found */
	struct block	*block;
};

struct ctx {
	struct doc	*doc;
	struct msgs	*msgs;		/* the doc's list, or NULL when a
					   parse is done again only for its
					   tree (its messages are known) */
	struct fence	*fences;
	size_t		 n_fences, cap_fences;
	size_t		 cap_blocks, cap_links, cap_images;
	struct refusal	*refused;	/* images image_check() refused */
	size_t		 n_refused, cap_refused;
	const char	*text;		/* what cmark parsed, for columns */
	size_t		 text_len;
	size_t		*lines;		/* offsets of line starts in text */
	size_t		 n_lines, cap_lines;
	size_t		 col_line;	/* ctx_col()'s place: line start + 1 */
	size_t		 col_off;	/* (0: none), byte offset in it */
	int		 col_chars;	/* and the column there */
	struct cell_origin *cells;	/* of table cells (load_table.c) */
	size_t		 n_cells, cap_cells;
	cmark_node	**dead;		/* unlinked text nodes, freed after */
	size_t		 n_dead, cap_dead;	/* the passes (see tree_bury()) */
	struct fndef	*fndefs;	/* footnote definition lines */
	size_t		 n_fndefs, cap_fndefs;
	struct block	**notes;	/* footnote blocks, in the order made */
	size_t		 n_notes, cap_notes;
	size_t		 n_noterefs;	/* references made, for the bound */
	size_t		 n_fragments;	/* links to '#id' (check_link()) */
};

/* ---- load_block.c: block extensions ---- */

/* Finds the lines of s[0..len) that may be ':::' fences (c->fences). */
void		 fences_find(struct ctx *c, const char *s, size_t len);
/* The text for cmark: every fence line not in code replaced by a
 * marker comment; the caller frees it. */
char		*fences_text(struct ctx *c, const char *s, size_t len,
		    size_t *outlen);
/* Marks the fences that cmark put inside a code block (fenced or
 * indented, at any depth); returns how many were newly marked: the
 * text must then be made and parsed again. */
size_t		 fences_in_code(struct ctx *c, const char *text, size_t len,
		    cmark_node *root);
/* Pairs the fences outside code; reports unopened, unclosed and too
 * deeply nested ones. */
void		 fences_pair(struct ctx *c);
/* The fence whose marker comment n is, or NULL. */
struct fence	*fence_at(struct ctx *c, cmark_node *n);
/* Keeps the divs whose both fences are at the top level; frees the
 * marker nodes of the others (after inline_passes() found them). */
void		 fences_validate(struct ctx *c);
/* Returns 1, after an error where the first bound is passed, when
 * s[0..len) must not be given to cmark (see MAX_NESTING). */
int		 bounds_over(struct ctx *c, const char *s, size_t len);
/* Makes h's section block (a doc block) and reads its {...}. */
void		 heading_pass(struct ctx *c, cmark_node *h);
/* Moves the top-level nodes into their fenced divs' custom blocks. */
void		 divs_build(struct ctx *c);
/* Task list items ('- [x] ...') and '> [!NOTE]' callouts: v[0..n)
 * are the tree's list items and block quotes, in document order. */
void		 items_and_quotes(struct ctx *c, cmark_node *const *v,
		    size_t n);
/* Wraps each heading of container and what follows it in a section. */
void		 sections_build(struct ctx *c, cmark_node *container);

/* cmark's options for d's text and its table cells: typographic
 * punctuation unless the run turned it off for d (repo_punctuation()). */
static inline int
doc_cmark_options(const struct doc *d)
{
	return CMARK_OPT_SOURCEPOS | (d->straight ? 0 : CMARK_OPT_SMART);
}

/* ---- load_table.c: pipe tables ---- */

/* Makes the table blocks of the paragraphs that hold GFM tables. */
void		 tables_build(struct ctx *c);
/* Forgets the cells' places, once the passes are done. */
void		 tables_done(struct ctx *c);

/* ---- load_span.c: text nodes mapped back to the source ---- */

/* "Not found" for the offsets below. */
#define NONE	((size_t)-1)

/* A text node's literal mapped back to the source cmark parsed: which
 * bytes are written as themselves (not from a backslash escape or an
 * entity), and where each is.  When the source does not match (it
 * should), every byte counts as itself, at the node's start. */
struct span {
	cmark_node	*node;
	const char	*lit;		/* borrowed from the node */
	size_t		 len;
	unsigned char	*plain;		/* owned; NULL: all plain */
	size_t		*at;		/* owned; offsets in c->text */
	size_t		 direct;	/* when all of it is written as
					   itself: its offset in c->text
					   (at is NULL); else NONE */
	size_t		 line_start;	/* offset of the node's line */
	struct ctx	*ctx;		/* for its columns (ctx_col()) */
	struct loc	 loc;		/* the node's start */
};

void		 span_make(struct ctx *c, cmark_node *t, struct span *s);
void		 span_release(struct span *s);
/* Whether byte i of the literal is written as itself in the source. */
int		 span_plain(const struct span *s, size_t i);
/* Where byte i of the literal is in the file. */
struct loc	 span_loc(const struct span *s, size_t i);
/* The first `what` (one or two bytes) in the literal's bytes
 * [from, to) written as itself in the source, or NONE. */
size_t		 span_find(const struct span *s, size_t from, size_t to,
		    const char *what);
/* The offset in c->text of the start of `line`, and its end (the
 * newline or the text's end); -1 when there is no such line. */
int		 ctx_line(struct ctx *c, int line, size_t *start,
		    size_t *end);
/* The column in characters of byte `off` of the line that starts at
 * offset line_start of c->text; linear over calls in order. */
int		 ctx_col(struct ctx *c, size_t line_start, size_t off);
/* l with its column, a byte column of c->text as cmark gives it,
 * turned into a column in characters (text_col()). */
struct loc	 ctx_char_loc(struct ctx *c, struct loc l);
/* n's line and byte column in c->text, as cmark's source positions
 * give them, for nodes of table cells too (c->cells). */
void		 table_node_pos(struct ctx *c, cmark_node *n, int *line,
		    int *col);
/* Returns 1 when inline node n is in a table cell. */
int		 table_in_cell(struct ctx *c, cmark_node *n);
/* Returns 1 when n is an autolink (<http://...>). */
int		 tree_autolink(struct ctx *c, cmark_node *n);
/* Where n starts in the doc's file (its column in characters). */
struct loc	 tree_loc(struct ctx *c, cmark_node *n);

/* ---- load_inline.c: inline extensions ---- */

/* Headings, wiki links and embeds, raw HTML, links and images, over
 * the whole tree; heading titles are set once wiki links are nodes. */
void		 inline_passes(struct ctx *c);

/* ---- load_footnote.c: footnotes ---- */

/* Finds the lines of s[0..len) that may open footnote definitions. */
void		 footnotes_find(struct ctx *c, const char *s, size_t len);
/* The text for cmark: each definition's '[^id]:' hidden from cmark
 * (same bytes count), its indented blocks behind '>>> ' (block quotes
 * three deep, unwrapped again by footnotes_build()); the caller frees
 * it. */
char		*footnotes_text(struct ctx *c, const char *s, size_t len,
		    size_t *outlen);
/* Turns off the definition lines that cmark did not read as the start
 * of a top-level paragraph line (code, HTML, containers); returns how
 * many: the text must then be made and parsed again. */
size_t		 footnotes_check(struct ctx *c, cmark_node *root);
/* Makes the footnote blocks of the definitions in the tree. */
void		 footnotes_build(struct ctx *c);
/* References [^id] and inline notes ^[...] in the text nodes. */
void		 footnotes_inline(struct ctx *c);
/* Numbers the footnotes by first reference, reports the missing,
 * unused and duplicate ones, and moves the used ones into the root's
 * last child, the footnotes block. */
void		 footnotes_finish(struct ctx *c);
/* Frees c's definition lines. */
void		 footnotes_release(struct ctx *c);

/* ---- load_tree.c: the tree and ids ---- */

/* An error that belongs to the doc being loaded (c->msgs).  Returns
 * -1. */
int		 doc_error(struct ctx *c, struct loc l, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* A new block, added to (and owned by) the doc's list. */
struct block	*tree_new_block(struct ctx *c, enum block_kind kind,
		    struct loc l);
/* A CUSTOM_BLOCK node for b (b->node set); not yet in the tree. */
cmark_node	*tree_custom_block(struct block *b);
/* Takes a text node out of the tree; it is freed after the passes. */
void		 tree_bury(struct ctx *c, cmark_node *t);
/* Calls each(c, n) for every node of the doc's tree that want(c, n)
 * picks, in document order, all picked first: each may change the
 * tree around its node. */
void		 tree_each(struct ctx *c,
		    int (*want)(struct ctx *, cmark_node *),
		    void (*each)(struct ctx *, cmark_node *));
/* Appends the plain text of n's inline content (breaks as spaces). */
void		 tree_plain_text(struct buf *out, cmark_node *n);
/* Without front matter: the first top-level '#' heading becomes the
 * title and leaves the tree.  -1 when there is none. */
int		 tree_title_from_heading(struct ctx *c);
/* Sets every block's parent from the tree. */
void		 tree_link_parents(struct doc *d);
/* Gives every section without an id one from its title. */
void		 tree_assign_ids(struct ctx *c);
/* Drops '#id' links to no id of the page, with a warning. */
void		 tree_check_fragments(struct ctx *c);
/* Fills d->parts from the restructured tree, in document order, and
 * freezes the tree: every node's texts made NUL-terminated once, by the
 * one thread that holds it (see node_freeze()). */
void		 tree_parts(struct doc *d);
/* Makes doc_find_section()'s index, once. */
void		 tree_section_index(struct doc *d);
/* Frees doc_find_section()'s index, if made. */
void		 section_index_free(struct doc *d);

#endif
