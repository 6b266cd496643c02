/* load_footnote.c - footnotes, GFM's and Pandoc's: definitions
 * '[^id]: ...' at the top level (with blocks indented four spaces under
 * them), references '[^id]' and inline notes '^[...]'.
 *
 * cmark knows none of them.  As for fenced divs (load_block.c), the
 * lines that may open a definition are found before cmark parses, and
 * the text cmark gets hides their '[^id]:' (the same number of bytes,
 * so columns stay right) and puts their indented blocks behind '>>> '
 * instead of the four spaces: block quotes three deep (the space is the
 * third's), which cmark parses as it would the blocks, and which
 * footnotes_build() unwraps into the footnote's block.  A
 * line that cmark did not read as the start of a top-level paragraph
 * line (it is code, HTML, or in a list or quote) is turned off and the
 * text parsed again.  References and inline notes are cut out of text
 * nodes as wiki links are (load_inline.c), where the source has their
 * syntax as itself: never in code, and a backslash turns them off. */
#include "load_ext.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

/* What hides '[^' and ']:' of a definition line from cmark: plain text
 * to it, and no byte of a clean UTF-8 lecture. */
#define HIDE		'\001'
/* Labels longer than this are not labels (a bound on the scans). */
#define MAX_LABEL	200
/* How many siblings an inline note's text may run over (each unclosed
 * '^[' looks that far). */
#define MAX_NOTE_NODES	100

static int
label_char(int ch)
{
	return ch > ' ' && ch != 0x7f && strchr("[]\\`*<>&!^", ch) == NULL;
}

/* The length of the label at p (up to ']'), or 0. */
static size_t
label_len(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && i <= MAX_LABEL && label_char((unsigned char)p[i]))
		i++;
	return i > 0 && i <= MAX_LABEL && i < n && p[i] == ']' ? i : 0;
}

/* ---- definition lines, before cmark ---- */

void
footnotes_find(struct ctx *c, const char *s, size_t len)
{
	size_t i = 0, n, ind, ll;
	int line = 0;
	struct fndef *f;

	while (i < len) {
		const char *p = s + i, *nl = memchr(p, '\n', len - i);

		n = nl ? (size_t)(nl - p) : len - i;
		line++;
		i += n + 1;
		for (ind = 0; ind < n && ind < 4 && p[ind] == ' '; ind++)
			;
		if (ind > 3 || n - ind < 5 || p[ind] != '[' ||
		    p[ind + 1] != '^' ||
		    (ll = label_len(p + ind + 2, n - ind - 2)) == 0 ||
		    ind + 3 + ll >= n || p[ind + 3 + ll] != ':')
			continue;
		c->fndefs = xgrow(c->fndefs, &c->cap_fndefs, c->n_fndefs + 1,
		    sizeof(*c->fndefs));
		f = &c->fndefs[c->n_fndefs++];
		memset(f, 0, sizeof(*f));
		f->line = line;
		f->prefix = ind + 4 + ll;
		f->label = xstrndup(p + ind + 2, ll);
	}
}

static int
blank(const char *p, size_t n)
{
	return strspn(p, " \t") >= n;
}

/* Blank lines seen after a definition's paragraph: written as they are,
 * or (between its indented blocks) as '>>>'. */
static void
flush_blanks(struct buf *out, const char *s, size_t *at, size_t *lens,
    size_t *n, int quoted)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		if (quoted)
			buf_puts(out, ">>>");
		else
			buf_put(out, s + at[i], lens[i]);
		buf_putc(out, '\n');
	}
	*n = 0;
}

char *
footnotes_text(struct ctx *c, const char *s, size_t len, size_t *outlen)
{
	struct buf out = BUF_INIT;
	size_t i = 0, n, k = 0, nb = 0, cap_at = 0, cap_len = 0;
	size_t *at = NULL, *lens = NULL;
	struct fndef *cur = NULL, *f;
	int line = 0, phase = 0;

	while (i < len) {
		const char *p = s + i, *nl = memchr(p, '\n', len - i);

		n = nl ? (size_t)(nl - p) : len - i;
		line++;
		while (k < c->n_fndefs && c->fndefs[k].line < line)
			k++;
		f = k < c->n_fndefs && c->fndefs[k].line == line ?
		    &c->fndefs[k] : NULL;
		if (f || (cur && phase == 1 && !blank(p, n) &&
		    (n < 4 || memcmp(p, "    ", 4) != 0))) {
			/* A new definition, or the end of this one. */
			flush_blanks(&out, s, at, lens, &nb, 0);
			cur = NULL;
		}
		if (f && !f->off) {
			size_t ind = f->prefix - 4 - strlen(f->label);

			cur = f;
			phase = 0;
			f->last = 0;
			buf_put(&out, p, ind);
			buf_putc(&out, HIDE);
			buf_putc(&out, HIDE);
			buf_puts(&out, f->label);
			buf_putc(&out, HIDE);
			buf_putc(&out, HIDE);
			buf_put(&out, p + f->prefix, n - f->prefix);
		} else if (cur && blank(p, n)) {
			phase = 1;
			at = xgrow(at, &cap_at, nb + 1, sizeof(*at));
			lens = xgrow(lens, &cap_len, nb + 1, sizeof(*lens));
			at[nb] = i;
			lens[nb++] = n;
			i += n + 1;
			continue;
		} else if (cur && phase == 1) {
			/* Indented four spaces: a block of the footnote. */
			flush_blanks(&out, s, at, lens, &nb, cur->last != 0);
			buf_puts(&out, ">>> ");
			buf_put(&out, p + 4, n - 4);
			cur->last = line;
		} else
			buf_put(&out, p, n);
		buf_putc(&out, '\n');
		i += n + 1;
	}
	flush_blanks(&out, s, at, lens, &nb, 0);
	free(at);
	free(lens);
	return buf_detach(&out, outlen);
}

static struct fndef *
fndef_at(struct ctx *c, int line)
{
	size_t lo = 0, hi = c->n_fndefs, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (c->fndefs[m].line < line)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < c->n_fndefs && c->fndefs[lo].line == line ?
	    &c->fndefs[lo] : NULL;
}

size_t
footnotes_check(struct ctx *c, cmark_node *root)
{
	cmark_node *n, *p, *prev;
	const char *lit;
	struct fndef *f;
	size_t i, off = 0;

	if (c->n_fndefs == 0)
		return 0;
	for (i = 0; i < c->n_fndefs; i++)
		c->fndefs[i].node = NULL;
	/* Only the text nodes of top-level paragraphs can start one, in
	 * document order: no walk of the whole tree. */
	for (p = cmark_node_first_child(root); p; p = cmark_node_next(p)) {
		if (cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
			continue;
		for (prev = NULL, n = cmark_node_first_child(p); n;
		    prev = n, n = cmark_node_next(n)) {
			if (cmark_node_get_type(n) != CMARK_NODE_TEXT ||
			    (lit = cmark_node_get_literal(n)) == NULL ||
			    lit[0] != HIDE || lit[1] != HIDE ||
			    (f = fndef_at(c, cmark_node_get_start_line(n))) ==
			    NULL)
				continue;
			if (prev == NULL ||
			    cmark_node_get_type(prev) == CMARK_NODE_SOFTBREAK)
				f->node = n;
		}
	}
	for (i = 0; i < c->n_fndefs; i++)
		if (!c->fndefs[i].off && c->fndefs[i].node == NULL) {
			c->fndefs[i].off = 1;
			off++;
		}
	return off;
}

/* ---- footnote blocks ---- */

static struct block *
note_new(struct ctx *c, struct loc l, const char *label)
{
	struct block *b = tree_new_block(c, BLOCK_FOOTNOTE, l);

	if (label)
		b->label = xstrdup(label);
	c->notes = xgrow(c->notes, &c->cap_notes, c->n_notes + 1,
	    sizeof(*c->notes));
	c->notes[c->n_notes++] = b;
	return b;
}

/* Drops the hidden '[^id]:' and the spaces after it from t's text. */
static void
strip_prefix(struct fndef *f, cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t);
	size_t skip = 4 + strlen(f->label);
	char *v;

	if (strlen(lit) < skip)
		skip = strlen(lit);
	skip += strspn(lit + skip, " \t");
	if (lit[skip] == '\0') {
		/* Nothing after '[^id]:': the text starts on the next line. */
		if (cmark_node_next(t) != NULL &&
		    cmark_node_get_type(cmark_node_next(t)) ==
		    CMARK_NODE_SOFTBREAK)
			cmark_node_free(cmark_node_next(t));
		cmark_node_free(t);
		return;
	}
	v = xstrdup(lit + skip);
	cmark_node_set_literal(t, v);
	free(v);
}

/* The nodes three block quotes down in q, appended to fn. */
static void
unwrap_into(cmark_node *fn, cmark_node *q, int depth)
{
	cmark_node *k, *next;

	for (k = cmark_node_first_child(q); k; k = next) {
		next = cmark_node_next(k);
		if (depth < 3 &&
		    cmark_node_get_type(k) == CMARK_NODE_BLOCK_QUOTE)
			unwrap_into(fn, k, depth + 1);
		else
			cmark_node_append_child(fn, k);
	}
}

static void
def_build(struct ctx *c, struct fndef *f)
{
	cmark_node *t = f->node, *para = cmark_node_parent(t), *p2, *k, *next;
	cmark_node *fn, *q;
	size_t ind = f->prefix - 4 - strlen(f->label);

	if (cmark_node_previous(t) != NULL) {
		/* The line went on a paragraph: it starts a new one. */
		p2 = arena_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_insert_after(para, p2);
		cmark_node_free(cmark_node_previous(t));	/* the break */
		for (k = t; k; k = next) {
			next = cmark_node_next(k);
			cmark_node_append_child(p2, k);
		}
		para = p2;
	}
	strip_prefix(f, t);
	f->block = note_new(c, LOC(c->doc->path, f->line, (int)ind + 1),
	    f->label);
	fn = tree_custom_block(f->block);
	cmark_node_insert_before(para, fn);
	if (cmark_node_first_child(para) == NULL)
		cmark_node_free(para);
	else
		cmark_node_append_child(fn, para);
	while ((q = cmark_node_next(fn)) != NULL &&
	    cmark_node_get_type(q) == CMARK_NODE_BLOCK_QUOTE &&
	    cmark_node_get_start_line(q) <= f->last) {
		unwrap_into(fn, q, 1);
		cmark_node_free(q);
	}
}

void
footnotes_build(struct ctx *c)
{
	size_t i;

	/* From the last: a definition on the line after another's starts
	 * a paragraph of its own before the other's is moved. */
	for (i = c->n_fndefs; i-- > 0;)
		if (!c->fndefs[i].off && c->fndefs[i].node != NULL)
			def_build(c, &c->fndefs[i]);
	/* The notes in the order written. */
	for (i = 0; i < c->n_notes / 2; i++) {
		struct block *b = c->notes[i];

		c->notes[i] = c->notes[c->n_notes - 1 - i];
		c->notes[c->n_notes - 1 - i] = b;
	}
}

void
footnotes_release(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->n_fndefs; i++)
		free(c->fndefs[i].label);
	free(c->fndefs);
	free(c->notes);
}

/* ---- references and inline notes ---- */

struct refs {
	struct ctx	*c;
	struct strmap	 labels;	/* borrows the blocks' labels */
};

/* Where new nodes go: before a node, or at the end of a parent. */
struct sink {
	cmark_node	*before;
	cmark_node	*parent;
};

static void
sink_put(const struct sink *k, cmark_node *n)
{
	if (k->before)
		cmark_node_insert_before(k->before, n);
	else
		cmark_node_append_child(k->parent, n);
}

static void
sink_text(const struct sink *k, const char *s, size_t n)
{
	cmark_node *t;
	char *lit;

	if (n == 0)
		return;
	t = arena_node_new(CMARK_NODE_TEXT);
	lit = xstrndup(s, n);
	cmark_node_set_literal(t, lit);
	free(lit);
	sink_put(k, t);
}

static cmark_node *
noteref_new(struct block *b)
{
	cmark_node *r = arena_node_new(CMARK_NODE_CUSTOM_INLINE);

	cmark_node_set_on_enter(r, NOTEREF_TAG);
	cmark_node_set_user_data(r, b);
	return r;
}

/* The reference to label l[0..n), or NULL after an error at loc. */
static struct block *
ref_find(struct refs *x, const char *l, size_t n, struct loc loc)
{
	struct strmap_slot *slot;
	char *key = xstrndup(l, n);

	slot = strmap_find(&x->labels, key);
	if (slot == NULL)
		doc_error(x->c, loc, "footnote '[^%.80s]' is not defined: "
		    "add a line '[^%.80s]: ...' at the top level", key, key);
	free(key);
	return slot ? x->c->notes[slot->val] : NULL;
}

/* The references '[^id]' in s's bytes [from, to), with the text
 * between them, put into k.  Returns how many. */
static size_t
emit_refs(struct refs *x, const struct span *s, size_t from, size_t to,
    const struct sink *k)
{
	size_t pos = from, i = from, at, ll, made = 0;
	struct block *b;

	while ((at = span_find(s, i, to, "[^")) != NONE) {
		ll = label_len(s->lit + at + 2, to - at - 2);
		if (ll == 0 || !span_plain(s, at + 2 + ll)) {
			i = at + 1;
			continue;
		}
		i = at + 3 + ll;
		if ((b = ref_find(x, s->lit + at + 2, ll,
		    span_loc(s, at))) == NULL)
			continue;	/* left as text */
		sink_text(k, s->lit + pos, at - pos);
		sink_put(k, noteref_new(b));
		x->c->n_noterefs++;
		made++;
		pos = i;
	}
	sink_text(k, s->lit + pos, to - pos);
	return made;
}

/* The ']' that closes the '[' before `from` in s, counting the
 * brackets written as themselves; NONE when the node ends first, with
 * *depth the brackets still open. */
static size_t
bracket_close(const struct span *s, size_t from, int *depth)
{
	size_t i;

	for (i = from; i < s->len; i++) {
		if (!span_plain(s, i))
			continue;
		if (s->lit[i] == '[')
			++*depth;
		else if (s->lit[i] == ']' && --*depth == 0)
			return i;
	}
	return NONE;
}

/* A later sibling of t that closes the note open in t at depth, or
 * NULL; its span in *zs, the ']' at *ze. */
static cmark_node *
note_end(struct ctx *c, cmark_node *t, int depth, struct span *zs,
    size_t *ze)
{
	cmark_node *k;
	int seen = 0;

	for (k = cmark_node_next(t); k && seen < MAX_NOTE_NODES;
	    k = cmark_node_next(k), seen++) {
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_TEXT:
			if (strpbrk(cmark_node_get_literal(k), "[]") == NULL)
				break;
			/* Notes do not nest: each text is looked at once. */
			if (strstr(cmark_node_get_literal(k), "^[") != NULL)
				return NULL;
			span_make(c, k, zs);
			if ((*ze = bracket_close(zs, 0, &depth)) != NONE)
				return k;
			span_release(zs);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_CODE:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CUSTOM_INLINE:
			break;
		default:
			return NULL;
		}
	}
	return NULL;
}

/* A new inline note at loc: its block (for now at the end of the
 * root; footnotes_finish() moves it) and its paragraph. */
static cmark_node *
inline_note(struct ctx *c, struct loc loc, struct block **bp)
{
	struct block *b = note_new(c, loc, NULL);
	cmark_node *fn = tree_custom_block(b), *para;

	para = arena_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(fn, para);
	cmark_node_append_child(c->doc->root, fn);
	*bp = b;
	return para;
}

/* Cuts the references and inline notes out of text node t. */
static void
text_notes(struct refs *x, cmark_node *t)
{
	struct ctx *c = x->c;
	struct span s, zs;
	struct sink here, in;
	struct block *b;
	cmark_node *z, *k, *next;
	size_t pos = 0, at, e, ze, made = 0;
	int depth, tried_far = 0;

	span_make(c, t, &s);
	here.before = t;
	here.parent = NULL;
	in.before = NULL;
	at = span_find(&s, 0, NONE, "^[");
	while (at != NONE) {
		depth = 1;
		e = bracket_close(&s, at + 2, &depth);
		z = NULL;
		if (e == NONE && !tried_far) {
			/* Only the first unclosed one may end in a later
			 * node: each text is looked at once. */
			tried_far = 1;
			z = note_end(c, t, depth, &zs, &ze);
		}
		if (e == NONE && z == NULL) {
			at = span_find(&s, at + 2, NONE, "^[");
			continue;
		}
		made += emit_refs(x, &s, pos, at, &here) + 1;
		in.parent = inline_note(c, span_loc(&s, at), &b);
		sink_put(&here, noteref_new(b));
		if (z == NULL) {
			emit_refs(x, &s, at + 2, e, &in);
			pos = e + 1;
			at = span_find(&s, pos, NONE, "^[");
			continue;
		}
		/* The note goes on to z: the rest of t, the nodes between,
		 * and z's text before its ']'.  Then on in z. */
		emit_refs(x, &s, at + 2, s.len, &in);
		for (k = cmark_node_next(t); k != z; k = next) {
			next = cmark_node_next(k);
			cmark_node_append_child(in.parent, k);
		}
		emit_refs(x, &zs, 0, ze, &in);
		tree_bury(c, t);
		span_release(&s);
		s = zs;
		t = z;
		here.before = t;
		pos = ze + 1;
		at = span_find(&s, pos, NONE, "^[");
	}
	if (made == 0 && span_find(&s, 0, NONE, "[^") == NONE) {
		span_release(&s);
		return;
	}
	made += emit_refs(x, &s, pos, s.len, &here);
	tree_bury(c, t);
	span_release(&s);
}

/* '[^id]' that cmark read as a link, because a '[^id]: url' in a list
 * or quote made it a link reference definition: a reference as
 * written.  Only when the source has '[^id]' there as itself. */
static void
unshadow(struct refs *x, cmark_node *link)
{
	struct ctx *c = x->c;
	cmark_node *k = cmark_node_first_child(link);
	const char *label;
	size_t start, end, off, ll;
	int col = cmark_node_get_start_column(link);
	struct block *b;

	if (k == NULL || cmark_node_next(k) != NULL ||
	    cmark_node_get_type(k) != CMARK_NODE_TEXT ||
	    (label = cmark_node_get_literal(k))[0] != '^' || col < 1 ||
	    (ll = strlen(label + 1)) == 0 ||
	    cmark_node_get_end_line(link) != cmark_node_get_start_line(link) ||
	    cmark_node_get_end_column(link) != col + (int)ll + 2 ||
	    ctx_line(c, cmark_node_get_start_line(link), &start, &end) == -1)
		return;
	off = start + (size_t)col - 1;
	if (off + ll + 3 > end || memcmp(c->text + off, "[^", 2) != 0 ||
	    memcmp(c->text + off + 2, label + 1, ll) != 0 ||
	    label_len(c->text + off + 2, end - off - 2) != ll)
		return;
	if ((b = ref_find(x, label + 1, ll, tree_loc(c, link))) == NULL)
		return;
	cmark_node_insert_before(link, noteref_new(b));
	cmark_node_free(link);
}

/* Whether the text node t is in a link's text or URL, or in a wiki
 * link's label: no footnote there (links do not nest). */
static int
in_link(cmark_node *t)
{
	cmark_node *p;

	for (p = cmark_node_parent(t); p; p = cmark_node_parent(p))
		switch (cmark_node_get_type(p)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_CUSTOM_INLINE:
			return 1;
		default:
			break;
		}
	return 0;
}

/* Whether s holds "[^" or "^[": one pass for the rare '^'. */
static int
caret_bracket(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '^')) != NULL; p++)
		if ((p > s && p[-1] == '[') || p[1] == '[')
			return 1;
	return 0;
}

void
footnotes_inline(struct ctx *c)
{
	struct refs x;
	struct strmap_slot *first;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n, **v = NULL;
	cmark_node_type t;
	const char *lit;
	size_t nv = 0, cap = 0, i;

	x.c = c;
	memset(&x.labels, 0, sizeof(x.labels));
	for (i = 0; i < c->n_notes; i++) {
		struct block *b = c->notes[i];

		if ((first = strmap_find(&x.labels, b->label)) == NULL) {
			strmap_add(&x.labels, b->label, i);
			continue;
		}
		warn_at(c->msgs, b->loc, "footnote '[^%.80s]' is defined "
		    "twice; this definition is left out", b->label);
		note_at(c->msgs, c->notes[first->val]->loc, "its first "
		    "definition");
		b->number = -1;
	}
	it = cmark_iter_new(c->doc->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_LINK || (t == CMARK_NODE_TEXT &&
		    ((lit = cmark_node_get_literal(n)) != NULL) &&
		    caret_bracket(lit))) {
			v = xgrow(v, &cap, nv + 1, sizeof(*v));
			v[nv++] = n;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < nv; i++) {
		n = v[i];
		if (cmark_node_get_type(n) == CMARK_NODE_LINK) {
			if (!tree_autolink(c, n) && c->n_notes > 0)
				unshadow(&x, n);
		} else if (cmark_node_parent(n) != NULL && !in_link(n))
			text_notes(&x, n);
	}
	free(v);
	strmap_release(&x.labels);
}

/* ---- numbers and the footnotes block ---- */

/* Numbers the notes referenced below root (not inside other notes) in
 * the order met, adding them to *q. */
static void
number_refs(cmark_node *root, struct block ***q, size_t *nq, size_t *cap)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	struct block *b;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || n == root)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_CUSTOM_BLOCK &&
		    ((struct block *)cmark_node_get_user_data(n))->kind ==
		    BLOCK_FOOTNOTE) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		if (!node_is_noteref(n) ||
		    (b = cmark_node_get_user_data(n))->number != 0)
			continue;
		*q = xgrow(*q, cap, *nq + 1, sizeof(**q));
		(*q)[(*nq)++] = b;
		b->number = (int)*nq;
	}
	cmark_iter_free(it);
}

void
footnotes_finish(struct ctx *c)
{
	struct block **q = NULL, *all;
	size_t nq = 0, cap = 0, i;
	cmark_node *box;

	if (c->n_notes == 0)
		return;
	number_refs(c->doc->root, &q, &nq, &cap);
	/* Notes referenced from notes follow, as they are met. */
	for (i = 0; i < nq; i++)
		number_refs(q[i]->node, &q, &nq, &cap);
	for (i = 0; i < c->n_notes; i++) {
		struct block *b = c->notes[i];

		if (b->number > 0)
			continue;
		/* An inline note in a definition left out goes with it. */
		if (b->number == 0 && b->label != NULL)
			warn_at(c->msgs, b->loc, "footnote '[^%.80s]' is never "
			    "referenced; it is left out", b->label);
		cmark_node_free(b->node);
		b->node = NULL;
	}
	if (nq > 0) {
		all = tree_new_block(c, BLOCK_FOOTNOTES, q[0]->loc);
		box = tree_custom_block(all);
		cmark_node_append_child(c->doc->root, box);
		for (i = 0; i < nq; i++)
			cmark_node_append_child(box, q[i]->node);
	}
	free(q);
}
