/* load_inline.c - inline extensions of the load stage: wiki links and
 * embeds cut out of cmark's text nodes (their columns found again in
 * the source), raw HTML refused, and the policy on link URLs and
 * images. */
#include "load_ext.h"
#include "load_tree.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "load_image.h"
#include "path.h"
#include "text.h"
#include "xalloc.h"

/* Bounds on work per file, whatever cmark's version (see SECURITY.md). */
#define MAX_LINKS_PER_FILE	20000

/* ---- wiki links and embeds ---- */

static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* Makes the wiki link of target s[0..tn) (id#section) and label
 * label[0..ln) (NULL: none); returns NULL after an error. */
static struct wikilink *
wikilink_parse(struct ctx *c, const char *s, size_t tn, const char *label,
    size_t ln, struct loc l)
{
	struct wikilink *w;
	const char *hash = memchr(s, '#', tn);

	w = xcalloc(1, sizeof(*w));
	w->loc = l;
	w->target = trimmed(s, hash ? (size_t)(hash - s) : tn);
	if (hash)
		w->section = trimmed(hash + 1, (size_t)(s + tn - hash - 1));
	if (label)
		w->label = trimmed(label, ln);
	if (w->label && *w->label == '\0') {
		free(w->label);
		w->label = NULL;
	}
	if (w->section && *w->section == '\0') {
		free(w->section);
		w->section = NULL;
	}
	if (*w->target == '\0' && w->section == NULL)
		doc_error(c, l, "empty wiki link '[[]]'");
	else if (*w->target != '\0' && !id_valid(w->target))
		doc_error(c, l, "'%.80s' is not a note or lecture id (ids use "
		    "a-z, 0-9 and '-'; or write 'province', 'district' or "
		    "'commune')", w->target);
	else
		return w;
	free(w->target);
	free(w->section);
	free(w->label);
	free(w);
	return NULL;
}

static cmark_node *
new_text(const char *s, size_t n)
{
	cmark_node *t = arena_node_new(CMARK_NODE_TEXT);
	char *lit = xstrndup(s, n);

	cmark_node_set_literal(t, lit);
	free(lit);
	return t;
}

static void
insert_text(cmark_node *before, const char *s, size_t n)
{
	if (n > 0)
		cmark_node_insert_before(before, new_text(s, n));
}

static void
append_text(cmark_node *parent, const char *s, size_t n)
{
	if (n > 0)
		cmark_node_append_child(parent, new_text(s, n));
}

/* Inserts s[0..n), its spaces at both ends trimmed, before `before`. */
static void
shown_text(cmark_node *before, const char *s, size_t n)
{
	char *v = trimmed(s, n);

	insert_text(before, v, strlen(v));
	free(v);
}

/* Where a label that goes on past its text node ends: the first later
 * sibling of t holding ']]' (its span in *end, at *at), with only
 * inline content a label may hold between.  NULL when there is none. */
static cmark_node *
label_end(struct ctx *c, cmark_node *t, struct span *end, size_t *at)
{
	cmark_node *k;
	size_t open;

	for (k = cmark_node_next(t); k; k = cmark_node_next(k)) {
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_TEXT:
			span_make(c, k, end);
			*at = span_find(end, 0, NONE, "]]");
			open = span_find(end, 0, *at, "[[");
			if (*at != NONE && open == NONE)
				return k;
			span_release(end);
			if (open != NONE)
				return NULL;
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_CODE:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_HTML_INLINE:
			break;
		default:
			return NULL;
		}
	}
	return NULL;
}

/* Drops the spaces at the start (end = 0) or the end (end = 1) of text
 * node k, when k is one. */
static void
trim_text(cmark_node *k, int end)
{
	const char *s;
	size_t n, i = 0;
	char *v;

	if (k == NULL || cmark_node_get_type(k) != CMARK_NODE_TEXT)
		return;
	s = cmark_node_get_literal(k);
	n = strlen(s);
	if (end)
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
	else
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	v = xstrndup(s + i, n - i);
	cmark_node_set_literal(k, v);
	free(v);
}

static int
is_break(cmark_node *k)
{
	return cmark_node_get_type(k) == CMARK_NODE_SOFTBREAK ||
	    cmark_node_get_type(k) == CMARK_NODE_LINEBREAK;
}

/* Trims the label's spaces at both ends, and sets w->label to its
 * plain text (NULL, and no label nodes, when it is empty). */
static void
label_finish(struct ctx *c, cmark_node *ci, struct wikilink *w)
{
	cmark_node *k;
	struct buf b = BUF_INIT;

	/* A line break at either end is the label's wrapping, not its. */
	while ((k = cmark_node_first_child(ci)) != NULL && is_break(k))
		cmark_node_free(k);
	while ((k = cmark_node_last_child(ci)) != NULL && is_break(k))
		cmark_node_free(k);
	trim_text(cmark_node_first_child(ci), 0);
	trim_text(cmark_node_last_child(ci), 1);
	tree_plain_text(&b, ci);
	free(w->label);
	w->label = NULL;
	if (b.len > 0 && strspn(b.data, " \t") < b.len)
		w->label = trimmed(b.data, b.len);
	else
		/* Buried, not freed: the passes still warn about the raw
		 * HTML among them ([[id|<b></b>]]). */
		while ((k = cmark_node_first_child(ci)) != NULL)
			tree_bury(c, k);
	buf_release(&b);
}

/* One '[[...]]' found in a text node (struct span s). */
struct found {
	size_t		 at;		/* '[[' in s */
	size_t		 bar;		/* '|' in s, or NONE */
	size_t		 end;		/* ']]' in s, or NONE: see close */
	int		 embed;		/* '!' before '[[' */
	struct loc	 loc;
	cmark_node	*close;		/* a later node holding ']]' */
	struct span	 e;		/* close's span */
	size_t		 e_at;		/* ']]' in e */
};

/* In a table cell '|' splits the cell, so a wiki link's label follows
 * '\|' there, as in Obsidian: the first '|' in s's [from, to), or
 * NONE. */
static size_t
escaped_bar(const struct span *s, size_t from, size_t to)
{
	const char *p;

	if (to > s->len)
		to = s->len;
	if (from >= to || (p = memchr(s->lit + from, '|', to - from)) == NULL)
		return NONE;
	return (size_t)(p - s->lit);
}

/* Finds the next wiki link in s at or after `scan`.  Returns 0, -1
 * when there is none, or -2 after an error (the link is not closed). */
static int
link_find(struct ctx *c, cmark_node *t, const struct span *s, size_t pos,
    size_t scan, int in_link, struct found *f)
{
	memset(f, 0, sizeof(*f));
	if ((f->at = span_find(s, scan, NONE, "[[")) == NONE)
		return -1;
	f->embed = !in_link && f->at > pos && s->lit[f->at - 1] == '!' &&
	    span_plain(s, f->at - 1);
	f->loc = span_loc(s, f->at - f->embed);
	f->end = span_find(s, f->at + 2, NONE, "]]");
	/* A '|' counts before the ']]' only (and is looked for there
	 * only: a text of many links stays linear). */
	f->bar = span_find(s, f->at + 2, f->end, "|");
	if (f->bar == NONE && table_in_cell(c, t))
		f->bar = escaped_bar(s, f->at + 2, f->end);
	if (f->end != NONE || (f->bar != NONE &&
	    (f->close = label_end(c, t, &f->e, &f->e_at)) != NULL))
		return 0;
	doc_error(c, f->loc, "unclosed wiki link: '%s' needs a closing ']]'",
	    f->embed ? "![[" : "[[");
	return -2;
}

/* In a link's text: the wiki link's label, or its target, as text. */
static void
link_as_text(struct ctx *c, cmark_node *t, const struct span *s, size_t pos,
    const struct found *f)
{
	size_t from;

	warn_at(c->msgs, f->loc, "a wiki link inside a link's text is shown as text: "
	    "links cannot be nested");
	insert_text(t, s->lit + pos, f->at - pos);
	if (f->close) {
		insert_text(t, s->lit + f->bar + 1, s->len - f->bar - 1);
		insert_text(f->close, f->e.lit, f->e_at);
		return;
	}
	from = f->bar != NONE ? f->bar + 1 : f->at + 2;
	shown_text(t, s->lit + from, f->end - from);
}

/* Makes the wiki link node, before t.  Returns 0, or -1 after an error
 * (the text is left as it is). */
static int
link_make(struct ctx *c, cmark_node *t, const struct span *s, size_t pos,
    struct found *f)
{
	struct doc *d = c->doc;
	struct wikilink *w;
	cmark_node *ci, *k, *next;
	int inline_label = f->bar != NONE && f->close == NULL;

	w = wikilink_parse(c, s->lit + f->at + 2, (f->bar != NONE ? f->bar :
	    f->end) - f->at - 2, inline_label ? s->lit + f->bar + 1 : NULL,
	    inline_label ? f->end - f->bar - 1 : 0, f->loc);
	if (w == NULL)
		return -1;
	w->embed = f->embed;
	d->links = xgrow(d->links, &c->cap_links, d->n_links + 1,
	    sizeof(*d->links));
	d->links[d->n_links++] = w;
	ci = arena_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_user_data(ci, w);
	/* The text before this link, from the last cut. */
	insert_text(t, s->lit + pos, f->at - f->embed - pos);
	cmark_node_insert_before(t, ci);
	if (f->close == NULL)
		return 0;
	/* The label's nodes: the rest of t, the siblings up to the node
	 * that closes it, and that node's text before ']]'. */
	append_text(ci, s->lit + f->bar + 1, s->len - f->bar - 1);
	for (k = cmark_node_next(t); k != f->close; k = next) {
		next = cmark_node_next(k);
		cmark_node_append_child(ci, k);
	}
	append_text(ci, f->e.lit, f->e_at);
	label_finish(c, ci, w);
	return 0;
}

/*
 * Splits the wiki links that start in text node t out of it.  The
 * syntax counts only where the source has it as itself: '\[\[' or
 * '&#91;' is text.  A label may go on over later siblings (emphasis,
 * code, line breaks): those nodes become the link's children.  Inside
 * a link's text (in_link) a wiki link becomes its label, or its
 * target, as text: links cannot nest.
 */
static void
text_links(struct ctx *c, cmark_node *t, int in_link)
{
	struct span s;
	struct found f;
	size_t pos = 0, scan = 0;
	int cut = 0;

	span_make(c, t, &s);
	while (link_find(c, t, &s, pos, scan, in_link, &f) == 0) {
		if (!in_link && c->doc->n_links >= MAX_LINKS_PER_FILE) {
			doc_error(c, f.loc, "more than %d wiki links in one "
			    "file", MAX_LINKS_PER_FILE);
			if (f.close)
				span_release(&f.e);
			break;
		}
		if (in_link)
			link_as_text(c, t, &s, pos, &f);
		else if (link_make(c, t, &s, pos, &f) == -1) {
			/* Leave the text as it is and go on after it. */
			scan = f.close ? f.bar + 1 : f.end + 2;
			if (f.close)
				span_release(&f.e);
			continue;
		}
		cut = 1;
		if (f.close == NULL) {
			pos = scan = f.end + 2;
			continue;
		}
		/* Go on in the node that closed the label, after ']]'. */
		tree_bury(c, t);
		span_release(&s);
		s = f.e;
		t = f.close;
		pos = scan = f.e_at + 2;
	}
	if (cut) {
		if (pos < s.len)
			insert_text(t, s.lit + pos, s.len - pos);
		tree_bury(c, t);
	}
	span_release(&s);
}

/* An embed alone in its paragraph becomes an embed block. */
static void
paragraph_embed(struct ctx *c, cmark_node *para)
{
	cmark_node *k = cmark_node_first_child(para), *e;
	struct wikilink *w;
	struct block *b;

	for (; k; k = cmark_node_next(k)) {
		if ((w = node_wikilink(k)) == NULL)
			continue;
		if (!w->embed)
			continue;
		if (cmark_node_first_child(para) == k &&
		    cmark_node_next(k) == NULL &&
		    cmark_node_get_type(cmark_node_parent(para)) ==
		    CMARK_NODE_DOCUMENT) {
			b = tree_new_block(c, BLOCK_EMBED, w->loc);
			b->link = w;
			e = arena_node_new(CMARK_NODE_CUSTOM_BLOCK);
			cmark_node_set_user_data(e, b);
			b->node = e;
			cmark_node_insert_before(para, e);
			cmark_node_free(para);
			return;
		}
		warn_at(c->msgs, w->loc, "'![[...]]' embeds only when it stands alone "
		    "in a paragraph at the top level; shown as a link");
		w->embed = 0;
	}
}

/* ---- URLs and images ---- */

/* The length of s cut to at most max bytes, not inside a UTF-8
 * sequence: how much of a long URL a message shows. */
static int
shown(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

static void
check_link(struct ctx *c, cmark_node *n)
{
	const char *url = cmark_node_get_url(n), *why = "";
	struct buf fixed = BUF_INIT;

	switch (url_check(url, &fixed, &why)) {
	case URL_OK:
		/* The form to write: ASCII host, percent-encoded. */
		if (strcmp(fixed.data, url) != 0)
			cmark_node_set_url(n, fixed.data);
		buf_release(&fixed);
		return;
	case URL_FRAGMENT:
		if (*url == '#')
			c->n_fragments++;
		if (*url != '\0')
			return;		/* checked against the page's ids */
		warn_at(c->msgs, tree_loc(c, n), "link with no target; "
		    "its text is kept");
		break;
	case URL_UNSAFE:
		warn_at(c->msgs, tree_loc(c, n), "unsafe link '%.*s' dropped; "
		    "its text is kept", shown(url, 40), url);
		break;
	case URL_INVALID:
		warn_at(c->msgs, tree_loc(c, n), "invalid link '%.*s' dropped "
		    "(%s); its text is kept", shown(url, 60), url, why);
		break;
	case URL_NETWORK:
		warn_at(c->msgs, tree_loc(c, n), "scheme-relative link '%.*s' "
		    "dropped (from a pack on disk it opens as file:); its "
		    "text is kept", shown(url, 60), url);
		break;
	case URL_RELATIVE:
		warn_at(c->msgs, tree_loc(c, n), "link to file '%.*s' would not "
		    "work inside a pack; its text is kept (use [[id]] to link "
		    "a lecture or note)", shown(url, 60), url);
		break;
	}
	cmark_node_set_url(n, "");
}

static void
check_image(struct ctx *c, cmark_node *n)
{
	struct doc *d = c->doc;
	const char *url = cmark_node_get_url(n);
	struct loc l = tree_loc(c, n);
	char *rel = NULL;
	struct image img;
	size_t i, k;

	switch (url_classify(url)) {
	case URL_RELATIVE:
		break;
	case URL_OK:
	case URL_INVALID:
	case URL_NETWORK:
		doc_error(c, l, "image '%.60s' is not a file in the "
		    "repository: packs must work offline", url);
		goto drop;
	default:
		doc_error(c, l, "image '%.60s' is not a file in the "
		    "repository", url);
		goto drop;
	}
	if (path_check_inside(d->path, url, &rel, l, c->msgs) == -1)
		goto drop;
	/* An image used twice is checked (and warned about) once. */
	for (i = 0; i < d->n_images; i++)
		if (strcmp(d->images[i].path, rel) == 0)
			break;
	for (k = 0; i == d->n_images && k < c->n_refused; k++)
		if (strcmp(c->refused[k].path, rel) == 0) {
			error_at(c->msgs, l, "image '%.80s' cannot be used "
			    "(see line %d)", rel, c->refused[k].line);
			free(rel);
			goto drop;
		}
	if (i == d->n_images) {
		if (image_check(rel, l, "image", &img, c->msgs) == -1) {
			c->refused = xgrow(c->refused, &c->cap_refused,
			    c->n_refused + 1, sizeof(*c->refused));
			c->refused[c->n_refused].path = rel;
			c->refused[c->n_refused++].line = l.line;
			goto drop;
		}
		d->images = xgrow(d->images, &c->cap_images, d->n_images + 1,
		    sizeof(*d->images));
		d->images[d->n_images++] = img;
	}
	/* The renderers write media/ and this, the image's pack name. */
	cmark_node_set_url(n, d->images[i].name);
	if (cmark_node_first_child(n) == NULL)
		warn_at(c->msgs, l, "image '%.80s' has no alt text: describe it in "
		    "![...] for readers who cannot see it", rel);
	free(rel);
	return;
drop:
	cmark_node_set_url(n, "");
}

/* ---- the passes ---- */

/* How wiki links in text node t are read: 0 as links, 1 as text (t is
 * in a link's text), -1 not at all (t is an autolink's URL, or in a
 * wiki link's label already). */
static int
link_mode(struct ctx *c, cmark_node *t)
{
	cmark_node *p;

	for (p = cmark_node_parent(t); p; p = cmark_node_parent(p))
		switch (cmark_node_get_type(p)) {
		case CMARK_NODE_CUSTOM_INLINE:
			return -1;
		case CMARK_NODE_LINK:
			/* An autolink, <http://...>, is a URL only. */
			return tree_autolink(c, p) ? -1 : 1;
		default:
			break;
		}
	return 0;
}

/* '[[bai-02]]' where the file also defines '[bai-02]: url': cmark reads
 * a link to that url between a '[' and a ']'.  It is a wiki link as
 * written: the three nodes become the one text node it was, for the
 * wiki link pass.  Only when the source has '[[label]]' as itself. */
static void
unshadow_one(struct ctx *c, cmark_node *link)
{
	cmark_node *prev = cmark_node_previous(link);
	cmark_node *next = cmark_node_next(link);
	cmark_node *k = cmark_node_first_child(link);
	const char *p, *x, *label;
	size_t start, end, off, lp, ll;
	struct buf b = BUF_INIT;
	int line, col;

	table_node_pos(c, link, &line, &col);
	if (prev == NULL || next == NULL || k == NULL ||
	    cmark_node_next(k) != NULL ||
	    cmark_node_get_type(k) != CMARK_NODE_TEXT ||
	    cmark_node_get_type(prev) != CMARK_NODE_TEXT ||
	    cmark_node_get_type(next) != CMARK_NODE_TEXT)
		return;
	p = cmark_node_get_literal(prev);
	x = cmark_node_get_literal(next);
	label = cmark_node_get_literal(k);
	lp = strlen(p);
	ll = strlen(label);
	if (lp == 0 || p[lp - 1] != '[' || x[0] != ']' || col < 2 ||
	    ctx_line(c, line, &start, &end) == -1)
		return;
	off = start + (size_t)col - 1;
	if (off + ll + 3 > end || c->text[off - 1] != '[' ||
	    c->text[off] != '[' || memcmp(c->text + off + 1, label, ll) != 0 ||
	    memcmp(c->text + off + 1 + ll, "]]", 2) != 0)
		return;
	buf_puts(&b, p);
	buf_putc(&b, '[');
	buf_puts(&b, label);
	buf_putc(&b, ']');
	buf_puts(&b, x);
	cmark_node_set_literal(prev, b.data);
	buf_release(&b);
	cmark_node_free(link);
	cmark_node_free(next);
}

/* A link that is not an autolink: [[id]] may hide in it. */
static int
is_plain_link(struct ctx *c, cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_LINK &&
	    !tree_autolink(c, n);
}

static void
unshadow_wiki_links(struct ctx *c)
{
	/* Only a link reference definition ('[label]: url', with "]:"
	 * as written: footnote definitions are hidden) makes '[label]'
	 * a link in '[[label]]'; without one, no walk. */
	const char *p = c->text, *e = c->text + c->text_len;

	while ((p = memchr(p, ']', (size_t)(e - p))) != NULL && p + 1 < e &&
	    p[1] != ':')
		p++;
	if (p == NULL || p + 1 >= e)
		return;
	tree_each(c, is_plain_link, unshadow_one);
}

/* ---- strikethrough: ~~text~~ and ~text~ (GFM 6.5) ---- */

/* What a character next to a '~' run is, for the flanking rules of
 * CommonMark 6.2 (GFM reads '~' runs by them). */
enum side { SIDE_SPACE, SIDE_PUNCT, SIDE_OTHER };

/* The kind of the code point that starts at s (n bytes, n > 0). */
static enum side
side_of(const char *s, size_t n)
{
	unsigned char ch = (unsigned char)s[0];
	unsigned cp;

	if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f')
		return SIDE_SPACE;
	if (ch < 0x80)
		return (ch >= '!' && ch <= '/') || (ch >= ':' && ch <= '@') ||
		    (ch >= '[' && ch <= '`') || (ch >= '{' && ch <= '~') ?
		    SIDE_PUNCT : SIDE_OTHER;
	if (ch >= 0xe0 && ch < 0xf0 && n >= 3)
		cp = (unsigned)(ch & 0x0f) << 12 |
		    (unsigned)(s[1] & 0x3f) << 6 | (unsigned)(s[2] & 0x3f);
	else if (ch >= 0xc0 && ch < 0xe0 && n >= 2)
		cp = (unsigned)(ch & 0x1f) << 6 | (unsigned)(s[1] & 0x3f);
	else
		return SIDE_OTHER;
	if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	    cp == 0x205f || cp == 0x3000)
		return SIDE_SPACE;
	if ((cp >= 0xa1 && cp <= 0xbf && cp != 0xaa && cp != 0xb2 &&
	    cp != 0xb3 && cp != 0xb5 && cp != 0xb9 && cp != 0xba) ||
	    (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) ||
	    (cp >= 0x3001 && cp <= 0x303f))
		return SIDE_PUNCT;
	return SIDE_OTHER;
}

/* What is before (after) node k among its siblings: a line end or
 * nothing counts as a space, a node of markup (emphasis, code, a link)
 * as the punctuation that writes it. */
static enum side
side_node(cmark_node *k, int before)
{
	const char *s;
	size_t n, i;

	if (k == NULL)
		return SIDE_SPACE;
	switch (cmark_node_get_type(k)) {
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return SIDE_SPACE;
	case CMARK_NODE_TEXT:
		s = cmark_node_get_literal(k);
		if ((n = strlen(s)) == 0)
			return SIDE_SPACE;
		if (!before)
			return side_of(s, n);
		for (i = n - 1; i > 0 && (s[i] & 0xc0) == 0x80; i--)
			;
		return side_of(s + i, n - i);
	default:
		return SIDE_PUNCT;
	}
}

/* A '~' run that may open or close: its own text node once split. */
struct tilde {
	cmark_node	*node;		/* the text node holding the run */
	size_t		 at, len;
	int		 open, close;
};

/* Splits text node t so that each run of runs[0..n) (all in t, in
 * order) is a text node of its own; sets their nodes.  t keeps the
 * text before the first run (it is placed in the file), or leaves the
 * tree when there is none. */
static void
tilde_split(struct ctx *c, cmark_node *t, struct tilde *runs, size_t n)
{
	char *copy = xstrdup(cmark_node_get_literal(t));
	size_t i, from, len = strlen(copy);
	cmark_node *last = t;

	for (i = 0; i < n; i++) {
		from = i ? runs[i - 1].at + runs[i - 1].len : runs[0].at;
		if (runs[i].at > from) {
			cmark_node_insert_after(last,
			    new_text(copy + from, runs[i].at - from));
			last = cmark_node_next(last);
		}
		runs[i].node = new_text(copy + runs[i].at, runs[i].len);
		cmark_node_insert_after(last, runs[i].node);
		last = runs[i].node;
	}
	from = runs[n - 1].at + runs[n - 1].len;
	if (from < len)
		cmark_node_insert_after(last, new_text(copy + from, len - from));
	copy[runs[0].at] = '\0';
	if (runs[0].at == 0)
		tree_bury(c, t);
	else
		cmark_node_set_literal(t, copy);
	free(copy);
}

/* The '~' runs of the text children of parent, split into nodes of
 * their own; for the caller to free.  Escaped tildes are text. */
static struct tilde *
tildes_find(struct ctx *c, cmark_node *parent, size_t *count)
{
	struct tilde *v = NULL;
	size_t n = 0, cap = 0, first, i, j;
	cmark_node *k, *next;
	struct span s;

	for (k = cmark_node_first_child(parent); k; k = next) {
		next = cmark_node_next(k);
		if (cmark_node_get_type(k) != CMARK_NODE_TEXT ||
		    node_note(k) != NODE_PLAIN ||
		    strchr(cmark_node_get_literal(k), '~') == NULL)
			continue;
		span_make(c, k, &s);
		first = n;
		for (i = 0; i < s.len; i = j) {
			enum side before, after;

			if (s.lit[i] != '~' || !span_plain(&s, i)) {
				j = i + 1;
				continue;
			}
			for (j = i; j < s.len && s.lit[j] == '~' &&
			    span_plain(&s, j); j++)
				;
			if (j - i > 2)
				continue;
			before = side_node(cmark_node_previous(k), 1);
			if (i > 0) {
				size_t b = i - 1;

				while (b > 0 && (s.lit[b] & 0xc0) == 0x80)
					b--;
				before = side_of(s.lit + b, i - b);
			}
			after = j < s.len ? side_of(s.lit + j, s.len - j) :
			    side_node(next, 0);
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n].at = i;
			v[n].len = j - i;
			/* left and right flanking */
			v[n].open = after != SIDE_SPACE && (after != SIDE_PUNCT ||
			    before != SIDE_OTHER);
			v[n].close = before != SIDE_SPACE &&
			    (before != SIDE_PUNCT || after != SIDE_OTHER);
			if (!v[n].open && !v[n].close)
				continue;
			n++;
		}
		span_release(&s);
		if (n > first)
			tilde_split(c, k, v + first, n - first);
	}
	*count = n;
	return v;
}

/* Wraps the nodes between opener and closer in a <del> node; the
 * delimiters leave the tree. */
static void
strike_make(struct ctx *c, cmark_node *opener, cmark_node *closer)
{
	cmark_node *del = arena_node_new(CMARK_NODE_CUSTOM_INLINE), *k, *next;

	tree_note(del, NODE_DEL);
	cmark_node_insert_before(opener, del);
	for (k = cmark_node_next(opener); k && k != closer; k = next) {
		next = cmark_node_next(k);
		cmark_node_append_child(del, k);
	}
	tree_bury(c, opener);
	tree_bury(c, closer);
}

/* Pairs the '~' runs among parent's children as cmark-gfm does: a
 * closer takes the nearest opener; runs of unequal length stay text. */
static void
strike_parent(struct ctx *c, cmark_node *parent)
{
	struct tilde *v, **stack = NULL;
	size_t n, i, sp = 0, cap = 0;

	v = tildes_find(c, parent, &n);
	for (i = 0; i < n; i++) {
		if (v[i].close && sp > 0) {
			struct tilde *o = stack[--sp];

			if (o->len == v[i].len)
				strike_make(c, o->node, v[i].node);
			continue;
		}
		if (v[i].open) {
			stack = xgrow(stack, &cap, sp + 1, sizeof(*stack));
			stack[sp++] = &v[i];
		}
	}
	free(stack);
	free(v);
}

/* A node whose children are inline content. */
static int
holds_inlines(struct ctx *c, cmark_node *n)
{
	(void)c;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
	case CMARK_NODE_CUSTOM_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* Strikethrough in every node that holds inline content. */
static void
strike_pass(struct ctx *c)
{
	/* No '~' in the text cmark parsed: nothing to strike, and no
	 * reason to walk the tree. */
	if (memchr(c->text, '~', c->text_len) == NULL)
		return;
	tree_each(c, holds_inlines, strike_parent);
}

/* Whether s holds "[[" (strstr's set-up costs more, on short texts). */
static int
two_brackets(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '[')) != NULL; p++)
		if (p[1] == '[')
			return 1;
	return 0;
}

/* Nodes of one kind, in document order. */
struct nodes {
	cmark_node	**v;
	size_t		  n, cap;
};

static void
nodes_add(struct nodes *l, cmark_node *n)
{
	if (l->n == l->cap)
		l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = n;
}

/* The inline nodes of the checks below (text, HTML, links, images). */
static void
inline_checks(struct ctx *c, const struct nodes *l)
{
	cmark_node *n;
	struct fence *f;
	size_t i;
	int mode;

	for (i = 0; i < l->n; i++) {
		n = l->v[i];
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			if (cmark_node_parent(n) != NULL &&
			    two_brackets(cmark_node_get_literal(n)) &&
			    (mode = link_mode(c, n)) >= 0)
				text_links(c, n, mode);
			break;
		case CMARK_NODE_HTML_BLOCK:
			if ((f = fence_at(c, n)) != NULL) {
				f->node = n;
				break;
			}
			/* FALLTHROUGH */
		case CMARK_NODE_HTML_INLINE:
			warn_at(c->msgs, tree_loc(c, n), "raw HTML is not allowed and "
			    "was dropped");
			break;
		case CMARK_NODE_LINK:
			check_link(c, n);
			break;
		case CMARK_NODE_IMAGE:
			check_image(c, n);
			break;
		default:
			break;
		}
	}
}

/* Collects nodes of interest first, by kind, in one walk: the tree
 * changes as they are done. */
void
inline_passes(struct ctx *c)
{
	struct doc *d = c->doc;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	struct nodes heads = { NULL, 0, 0 }, paras = { NULL, 0, 0 };
	struct nodes todo = { NULL, 0, 0 }, iq = { NULL, 0, 0 };
	size_t i;

	unshadow_wiki_links(c);
	it = cmark_iter_new(d->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			nodes_add(&todo, n);
			break;
		case CMARK_NODE_HEADING:
			nodes_add(&heads, n);
			break;
		case CMARK_NODE_PARAGRAPH:
			nodes_add(&paras, n);
			break;
		case CMARK_NODE_ITEM:
		case CMARK_NODE_BLOCK_QUOTE:
			/* For items_and_quotes(): the passes before it
			 * change inline content only. */
			nodes_add(&iq, n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	/* Headings first: their attribute blocks are not wiki links. */
	for (i = 0; i < heads.n; i++)
		heading_pass(c, heads.v[i]);
	inline_checks(c, &todo);
	free(todo.v);
	footnotes_inline(c);
	strike_pass(c);
	items_and_quotes(c, iq.v, iq.n);
	free(iq.v);
	/* Titles once the wiki links are nodes: their labels, not [[...]]. */
	for (i = 0; i < heads.n; i++) {
		struct block *b = cmark_node_get_user_data(heads.v[i]);
		struct buf t = BUF_INIT;

		tree_plain_text(&t, heads.v[i]);
		b->title = buf_detach(&t, NULL);
	}
	free(heads.v);
	for (i = 0; i < paras.n; i++)
		paragraph_embed(c, paras.v[i]);
	free(paras.v);
	for (i = 0; i < c->n_dead; i++)
		cmark_node_free(c->dead[i]);
	free(c->dead);
	c->dead = NULL;
	c->n_dead = 0;
}

