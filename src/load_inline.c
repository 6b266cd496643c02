/* load_inline.c - inline extensions of the load stage: wiki links and
 * embeds cut out of cmark's text nodes (their columns found again in
 * the source), raw HTML refused, and the policy on link URLs and
 * images. */
#include "load_ext.h"

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

/* The column of the k-th "[[" (0-based) on `line` at or after `col`,
 * found in the source: cmark's text has escapes and entities decoded
 * and may not start where the line does.  0 when not found. */
static int
source_column(struct ctx *c, int line, int col, size_t k)
{
	const char *p, *q, *eol, *end = c->text + c->text_len;
	size_t i, want = k;

	if (c->lines == NULL) {
		/* Line starts, found once per file. */
		c->lines = xgrow(NULL, &c->cap_lines, 64, sizeof(*c->lines));
		c->lines[c->n_lines++] = 0;
		for (i = 0; i < c->text_len; i++)
			if (c->text[i] == '\n') {
				c->lines = xgrow(c->lines, &c->cap_lines,
				    c->n_lines + 1, sizeof(*c->lines));
				c->lines[c->n_lines++] = i + 1;
			}
	}
	if (line < 1 || (size_t)line > c->n_lines)
		return 0;
	p = c->text + c->lines[line - 1];
	eol = memchr(p, '\n', (size_t)(end - p));
	if (eol == NULL)
		eol = end;
	q = p + (col > 1 ? col - 1 : 0);
	/* The links of one text node come in order: go on from the last. */
	if (c->col_line == line && c->col_base == col && k == c->col_k + 1 &&
	    c->col_at != NULL) {
		q = c->col_at + 2;
		k = 0;
	}
	for (; q + 1 < eol; q++)
		if (q[0] == '[' && q[1] == '[' && k-- == 0) {
			c->col_line = line;
			c->col_base = col;
			c->col_k = want;
			c->col_at = q;
			return (int)(q - p) + 1;
		}
	/* A continuation line's text may be reported at column 1. */
	return col > 1 ? source_column(c, line, 1, want) : 0;
}

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

/* Parses the inside of [[...]]; returns NULL after an error. */
static struct wikilink *
wikilink_parse(struct ctx *c, const char *s, size_t n, struct loc l)
{
	struct wikilink *w;
	const char *bar = memchr(s, '|', n), *hash;
	size_t tn = bar ? (size_t)(bar - s) : n;

	hash = memchr(s, '#', tn);
	w = xcalloc(1, sizeof(*w));
	w->loc = l;
	w->target = trimmed(s, hash ? (size_t)(hash - s) : tn);
	if (hash)
		w->section = trimmed(hash + 1, (size_t)(s + tn - hash - 1));
	if (bar)
		w->label = trimmed(bar + 1, (size_t)(s + n - bar - 1));
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
		    "a-z, 0-9 and '-'; or write 'province' or 'district')",
		    w->target);
	else
		return w;
	free(w->target);
	free(w->section);
	free(w->label);
	free(w);
	return NULL;
}

static void
insert_text(cmark_node *before, const char *s, size_t n)
{
	cmark_node *t;
	char *lit;

	if (n == 0)
		return;
	t = cmark_node_new(CMARK_NODE_TEXT);
	lit = xstrndup(s, n);
	cmark_node_set_literal(t, lit);
	free(lit);
	cmark_node_insert_before(before, t);
}

/* Splits wiki links out of one text node into custom inline nodes. */
static void
text_links(struct ctx *c, cmark_node *t)
{
	struct doc *d = c->doc;
	const char *s = cmark_node_get_literal(t), *p, *end;
	size_t pos = 0, len = strlen(s), at;
	struct loc base = tree_loc(d, t), l;
	struct wikilink *w;
	cmark_node *ci;
	size_t nth = 0;
	int found = 0, embed, col;

	while ((p = strstr(s + pos, "[[")) != NULL) {
		at = (size_t)(p - s);
		embed = at > pos && s[at - 1] == '!';
		l = base;
		col = source_column(c, base.line, base.col, nth++);
		l.col = col ? col - embed : base.col + (int)(embed ? at - 1 :
		    at);
		end = strstr(p + 2, "]]");
		if (end == NULL) {
			doc_error(c, l, "unclosed wiki link: '%s' needs a "
			    "closing ']]'", embed ? "![[" : "[[");
			break;
		}
		if (d->n_links >= MAX_LINKS_PER_FILE) {
			doc_error(c, l, "more than %d wiki links in one file",
			    MAX_LINKS_PER_FILE);
			break;
		}
		w = wikilink_parse(c, p + 2, (size_t)(end - p - 2), l);
		if (w == NULL) {
			/* Leave the text as it is and go on after it. */
			pos = (size_t)(end - s) + 2;
			continue;
		}
		w->embed = embed;
		d->links = xgrow(d->links, &c->cap_links, d->n_links + 1,
		    sizeof(*d->links));
		d->links[d->n_links++] = w;
		ci = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_user_data(ci, w);
		/* The text before this link, from the last cut. */
		insert_text(t, s + pos, (embed ? at - 1 : at) - pos);
		cmark_node_insert_before(t, ci);
		pos = (size_t)(end - s) + 2;
		found = 1;
	}
	if (found) {
		if (pos < len)
			insert_text(t, s + pos, len - pos);
		tree_bury(c, t);
	}
}

/* An embed alone in its paragraph becomes an embed block. */
static void
paragraph_embed(struct ctx *c, cmark_node *para)
{
	cmark_node *k = cmark_node_first_child(para), *e;
	struct wikilink *w;
	struct block *b;

	for (; k; k = cmark_node_next(k)) {
		if (cmark_node_get_type(k) != CMARK_NODE_CUSTOM_INLINE)
			continue;
		w = cmark_node_get_user_data(k);
		if (!w->embed)
			continue;
		if (cmark_node_first_child(para) == k &&
		    cmark_node_next(k) == NULL &&
		    cmark_node_get_type(cmark_node_parent(para)) ==
		    CMARK_NODE_DOCUMENT) {
			b = tree_new_block(c, BLOCK_EMBED, w->loc);
			b->link = w;
			e = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
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
		if (*url != '\0')
			return;		/* checked against the page's ids */
		warn_at(c->msgs, tree_loc(c->doc, n), "link with no target; "
		    "its text is kept");
		break;
	case URL_UNSAFE:
		warn_at(c->msgs, tree_loc(c->doc, n), "unsafe link '%.*s' dropped; "
		    "its text is kept", shown(url, 40), url);
		break;
	case URL_INVALID:
		warn_at(c->msgs, tree_loc(c->doc, n), "invalid link '%.*s' dropped "
		    "(%s); its text is kept", shown(url, 60), url, why);
		break;
	case URL_NETWORK:
		warn_at(c->msgs, tree_loc(c->doc, n), "scheme-relative link '%.*s' "
		    "dropped (from a pack on disk it opens as file:); its "
		    "text is kept", shown(url, 60), url);
		break;
	case URL_RELATIVE:
		warn_at(c->msgs, tree_loc(c->doc, n), "link to file '%.*s' would not "
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
	struct loc l = tree_loc(d, n);
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

/* Collects nodes of interest first: the tree changes as they are done. */
void
inline_passes(struct ctx *c)
{
	struct doc *d = c->doc;
	cmark_iter *it = cmark_iter_new(d->root);
	cmark_event_type ev;
	cmark_node *n, **todo = NULL;
	size_t nt = 0, cap = 0, i;
	struct fence *f;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_PARAGRAPH:
			todo = xgrow(todo, &cap, nt + 1, sizeof(*todo));
			todo[nt++] = n;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	/* Headings first: their attribute blocks are not wiki links. */
	for (i = 0; i < nt; i++)
		if (cmark_node_get_type(todo[i]) == CMARK_NODE_HEADING)
			heading_pass(c, todo[i]);
	for (i = 0; i < nt; i++) {
		n = todo[i];
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			if (cmark_node_parent(n) != NULL &&
			    strstr(cmark_node_get_literal(n), "[[") != NULL)
				text_links(c, n);
			break;
		case CMARK_NODE_HTML_BLOCK:
			if ((f = fence_at(c, n)) != NULL) {
				f->node = n;
				break;
			}
			/* FALLTHROUGH */
		case CMARK_NODE_HTML_INLINE:
			warn_at(c->msgs, tree_loc(d, n), "raw HTML is not allowed and "
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
	/* Titles once the wiki links are nodes: their labels, not [[...]]. */
	for (i = 0; i < nt; i++)
		if (cmark_node_get_type(todo[i]) == CMARK_NODE_HEADING) {
			struct block *b = cmark_node_get_user_data(todo[i]);
			struct buf t = BUF_INIT;

			tree_plain_text(&t, todo[i]);
			b->title = buf_detach(&t, NULL);
		}
	for (i = 0; i < nt; i++)
		if (cmark_node_get_type(todo[i]) == CMARK_NODE_PARAGRAPH)
			paragraph_embed(c, todo[i]);
	free(todo);
	for (i = 0; i < c->n_dead; i++)
		cmark_node_free(c->dead[i]);
	free(c->dead);
	c->dead = NULL;
	c->n_dead = 0;
}

