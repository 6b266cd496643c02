/* render_html.h - a doc's body, once, for the HTML page, the EPUB page
 * and the search text; and the pieces of markup every page format of a
 * pack shares (contents, legend, labels).
 *
 * A body is written with void elements in their XML form (<br />), so
 * HTML and XHTML share its bytes.  The only difference between the two,
 * the extension of hrefs to other pages of the pack (.html, .xhtml), is
 * left out of the body and inserted at recorded splice points when the
 * body is written out (body_put()); so are the few bytes that one of
 * the two has alone (epub:type, which EPUB readers use to show
 * footnotes as pop-ups, is not HTML).  A third format, the whole pack
 * as one page (print.html), needs every id of a body made unique in the
 * pack and every href to a page of the pack turned into a fragment of
 * that one page: the places where that happens are splices too.  The
 * same walk cuts the body's plain
 * text into the sections of the search (render_search.h).  Wiki links go
 * where the pack says (pack_target()). */
#ifndef LP_RENDER_HTML_H
#define LP_RENDER_HTML_H

#include "buf.h"
#include "model.h"
#include "resolve_pack.h"
#include "theme.h"

struct html_opts {
	const char		*ext;		/* page extension of hrefs made
						   outside bodies: ".html" */
	const char		*media;		/* prefix for images: "media/" */
	int			 current;	/* the current congress */
	const struct theme	*theme;		/* labels */
	const struct pack	*pack;		/* where wiki links go */
	int			 one_page;	/* hrefs made outside bodies
						   are fragments of the one
						   page (print.html) */
};

/* Sets o for pack p with theme t (both borrowed). */
void	html_opts_init(struct html_opts *o, const struct pack *p,
	    const struct theme *t, int current, const char *ext);

/* A search section of a body: the text after heading block b (NULL:
 * before the first heading), at text.data + off, len bytes, and a NUL
 * after them (the text holds no other NUL: the sections are C strings). */
struct body_section {
	const struct block	*b;
	size_t			 off, len;
};

/* A place in a body's markup where the page formats differ.  The last
 * four matter to the one page alone, which is HTML's markup with
 * "bai-02" EXT "#x" written "#bai-02.x", "#x" and id="x" written
 * "#bai-01.x" and id="bai-01.x" (bai-01 the body's doc): doc ids and
 * ids hold no '.', so no two ids of the one page can be the same. */
enum splice_kind {
	SPLICE_EXT,		/* the page extension goes here */
	SPLICE_EPUB,		/* the next len bytes are EPUB's alone */
	SPLICE_HTML,		/* the next len bytes are HTML's alone */
	SPLICE_PAGE,		/* an href to a page of the pack starts:
				   the one page writes '#' */
	SPLICE_FRAG,		/* the '#' (len 1) of such an href's
				   fragment: the one page writes '.' */
	SPLICE_ID		/* an id, or the fragment of an href to this
				   page, starts: the one page writes the
				   doc's id and '.' */
};

struct splice {
	size_t			 at;
	size_t			 len;
	enum splice_kind	 kind;
};

/* A rendered body (html_render_body()); owns its memory. */
struct body {
	struct buf		 html;		/* page extensions left out */
	struct splice		*splices;	/* ascending */
	size_t			 n_splices, cap_splices;
	struct buf		 text;		/* the sections' plain text */
	struct body_section	*sections;	/* in document order */
	size_t			 n_sections, cap_sections;
};

/* Hands out the rendered body of page i of a pack (see render_pack.c);
 * NULL after an error. */
struct body_source {
	const struct body	*(*get)(struct body_source *, size_t i);
};

void	body_init(struct body *b);
void	body_release(struct body *b);
/* Appends the body's markup with `ext` at every splice point; with
 * ".xhtml" the markup is EPUB's, else HTML's. */
void	body_put(struct buf *out, const struct body *b, const char *ext);
/* Takes what a long body's writing gathered in out so far, emptying
 * out (body_put_one()). */
struct body_sink {
	void	(*take)(const struct body_sink *, struct buf *out);
};
#define BODY_CHUNK	(64 * 1024)
/* Appends the body's markup for the one page of the pack (print.html):
 * HTML's, with its ids and hrefs as that page needs them (enum
 * splice_kind); `id` is the id of the body's doc.  With sink, out is
 * handed to it whenever it holds BODY_CHUNK bytes or more, so that a
 * long body never needs a buffer of its size. */
void	body_put_one(struct buf *out, const struct body *b, const char *id,
	    const struct body_sink *sink);

/* Gets back the trees html_render_body() needs for d: its own and those
 * of the docs it embeds.  Returns 0, or -1 after an error. */
int	html_trees_need(const struct pack *p, struct doc *d);
/* Done rendering d: its trees may be freed (doc_tree_done()). */
void	html_trees_done(const struct pack *p, struct doc *d);
/* Renders d (its trees must be there: html_trees_need()) into b,
 * replacing what b held. */
void	html_render_body(struct body *b, const struct doc *d,
	    const struct html_opts *o);
/* Appends the body of d for pages of extension o->ext. */
void	html_render_doc(struct buf *out, const struct doc *d,
	    const struct html_opts *o);

/* Returns 1 when the pack is for learners ('audience: learners'): marks
 * are neutral labels, with no state, badge or legend. */
int	html_learners(const struct html_opts *o);
/* Where block s stands in its page's outline: 1 for a section of the
 * page itself, 2 for a section directly inside one, 0 for any other
 * block.  The EPUB's navigation lists the first, a page's contents box
 * both. */
int	html_outline_depth(const struct block *s);
/* Appends the label that a block with `mark` carries ("Theo Nghị quyết
 * Đại hội XII — chưa cập nhật") as a <p class="congress-label">. */
void	html_mark_label(struct buf *out, int mark, const struct html_opts *o);
/* Appends the badge of a lecture's state against the current congress
 * (outdated, partial with the number of places to update, updated) as
 * a <div class="lecture-status" data-status="…">; nothing when the
 * lecture has no marks or the pack is for learners. */
void	html_lecture_badge(struct buf *out, const struct doc *d,
	    const struct html_opts *o);
/* Appends the legend section of the marks: its title, text and an
 * outdated and a current label; with `id`, the heading has that id.
 * Nothing for learners. */
void	html_legend(struct buf *out, const struct html_opts *o,
	    const char *id);
/* Appends the pack's title and center (<h1>, <p class="pack-center">). */
void	html_pack_title(struct buf *out, const struct curriculum *c);
/* Appends the cover image of the pack, if it has one, as an <img />
 * in a <p> of class `cls`. */
void	html_cover_image(struct buf *out, const struct curriculum *c,
	    const char *cls);
/* Appends the doc's authors, comma-separated and escaped. */
void	html_authors(struct buf *out, const struct doc *d);
/* Appends the theme's label 'formerly' with the names of the localities
 * note d succeeds, joined by ", ", HTML-escaped; nothing when it names
 * none. */
void	html_formerly(struct buf *out, const struct doc *d,
	    const struct theme *t);
/* The same as plain text, not escaped (for the search). */
void	html_formerly_text(struct buf *out, const struct doc *d,
	    const struct theme *t);
/* Appends the href for a doc (and section) of the pack: with
 * o->one_page, the fragment of the one page ("#bai-02.x", "#bai-02"). */
void	html_href(struct buf *out, const struct doc *to,
	    const struct block *section, const struct html_opts *o);

/* How a contents list is marked up (html_contents()). */
struct contents_style {
	const char	*part_open;	/* before a part's title */
	const char	*part_close;
	const char	*list_open;	/* around a part's lectures */
	const char	*list_close;
	const char	*notes_open;	/* around the notes; NULL: none */
	const char	*notes_close;
	int		 meta;		/* hours and authors after titles */
	const char	*current;	/* the id marked aria-current */
};

/* The contents of a pack's page of contents (index.html, print.html):
 * parts as <h3>, lectures with their hours and authors, then the notes.
 * Lectures are titled "Bài 3": the list shows no numbers of its own
 * (style.css). */
extern const struct contents_style html_toc_page;

/* Appends the pack's contents: per part, its title (when it has one)
 * and a list of its lectures, then (with style->notes_open) the notes
 * under the notes' title. */
void	html_contents(struct buf *out, const struct html_opts *o,
	    const struct contents_style *style);

/* An entry of a contents list: its page's doc, and the offset in the
 * output where its ` aria-current="page"` goes. */
struct contents_mark {
	const struct doc	*doc;
	size_t			 at;
};

/* html_contents() with no entry marked current (style->current is not
 * looked at), each entry's doc and offset in marks, in order: room for
 * every page of every part and every note.  Returns their number.  A
 * page's own list is this one with the attribute put in at the marks
 * of its doc's entries (render_pages.c writes it once per pack). */
size_t	html_contents_marked(struct buf *out, const struct html_opts *o,
	    const struct contents_style *style, struct contents_mark *marks);

#endif
