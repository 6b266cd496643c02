/* load_table.c - GFM pipe tables (GFM spec 4.10) over cmark's tree.
 *
 * cmark reads a table as a paragraph.  Its lines are read again from
 * the text cmark parsed; from the first line that is a delimiter row
 * under a header row of as many cells, the paragraph is a table, down
 * to its end (a blank line or another block, as cmark found it) or to
 * a line with no cell.  Lines above the header stay a paragraph, lines
 * below that line become one.  Cells split at every '|' not after a
 * '\', code spans included, as GFM does; rows are padded or cut to the
 * header's width.
 *
 * Each cell's text is parsed by cmark as the content of an ATX heading
 * ("# cell #": inline content only, as in a cell; the file's cells one
 * heading line each in one document, see cells_parse()) and its inline
 * nodes move into a paragraph node under the table's block, one
 * per cell, row by row.  Their places in the file are their places in
 * that heading moved by the cell's (table_node_pos()).  Work is linear
 * in the text: each line is split at most twice. */
#include "load_ext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

/* A cell's text, bytes [start, end) of c->text. */
struct cellspan {
	size_t		 start, end;
};

/* One line of a paragraph: where its content starts in c->text, and
 * the break node before it at the paragraph's top level (NULL: none,
 * the paragraph cannot be cut there). */
struct pline {
	size_t		 start, end;
	cmark_node	*brk;
};

static int
is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f' ||
	    ch == '\r' || ch == '\n';
}

/* Splits s[a..b) into cells as GFM does; returns how many (*v holds
 * them, trimmed). */
static size_t
row_split(const char *s, size_t a, size_t b, struct cellspan **v,
    size_t *cap)
{
	size_t n = 0, e, x, y, a0;

	while (a < b && is_space((unsigned char)s[a]))
		a++;
	while (b > a && is_space((unsigned char)s[b - 1]))
		b--;
	a0 = a;
	if (a < b && s[a] == '|')
		a++;
	while (a < b) {
		for (e = a; e < b; e++)
			if (s[e] == '|' && !(e > a0 && s[e - 1] == '\\'))
				break;
		for (x = a; x < e && is_space((unsigned char)s[x]); x++)
			;
		for (y = e; y > x && is_space((unsigned char)s[y - 1]); y--)
			;
		*v = xgrow(*v, cap, n + 1, sizeof(**v));
		(*v)[n].start = x;
		(*v)[n++].end = y;
		if (e >= b)
			break;
		a = e + 1;	/* a '|' at the end closes the row */
	}
	return n;
}

/* The alignment of delimiter cell s[a..b): 'l', 'c', 'r' or '-' for
 * none; 0 when it is no delimiter cell. */
static char
delim_align(const char *s, size_t a, size_t b)
{
	int left, right;
	size_t i;

	if (a >= b)
		return 0;
	left = s[a] == ':';
	right = b - a > (size_t)left && s[b - 1] == ':';
	if (b - a <= (size_t)(left + right))
		return 0;
	for (i = a + left; i < b - right; i++)
		if (s[i] != '-')
			return 0;
	return left && right ? 'c' : right ? 'r' : left ? 'l' : '-';
}

/* Only '|', ':', '-' and blanks, with a '-': worth splitting. */
static int
delim_like(const char *s, size_t a, size_t b)
{
	int dash = 0;

	for (; a < b; a++) {
		if (s[a] == '-')
			dash = 1;
		else if (s[a] != '|' && s[a] != ':' && !is_space(
		    (unsigned char)s[a]))
			return 0;
	}
	return dash;
}

/* Is line `line`'s content indented four columns or more
 * past the paragraph's column col?  Then it is no delimiter row (GFM
 * reads it as a paragraph's line). */
static int
indented(struct ctx *c, int line, int col)
{
	size_t s, e, i;
	int w = 0;

	if (ctx_line(c, line, &s, &e) == -1)
		return 0;
	/* cmark 0.30 places a line's first node at its indentation or
	 * past it: the blanks are counted from the paragraph's column. */
	for (i = s + (size_t)(col - 1); i < e && (c->text[i] == ' ' || c->text[i] == '\t'); i++)
		w += c->text[i] == '\t' ? 4 - w % 4 : 1;
	return w >= 4;
}

/* Where the paragraph's lines first..last start: after each break at
 * its top level, where the next node starts; else at the paragraph's
 * column, past blanks.  at0: where the first line's content starts. */
static struct pline *
para_lines(struct ctx *c, cmark_node *first_node, int first, int last,
    size_t at0, int col)
{
	struct pline *v = xcalloc((size_t)(last - first + 1), sizeof(*v));
	size_t s, e;
	cmark_node *k, *nx;
	int i, l;

	for (i = 0; i <= last - first; i++) {
		v[i].start = NONE;
		if (ctx_line(c, first + i, &s, &e) == 0)
			v[i].end = e;
	}
	v[0].start = at0;
	for (k = first_node; k; k = cmark_node_next(k)) {
		cmark_node_type t = cmark_node_get_type(k);

		if ((t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) ||
		    (nx = cmark_node_next(k)) == NULL)
			continue;
		l = cmark_node_get_start_line(nx);
		if (l <= first || l > last || v[l - first].start != NONE ||
		    ctx_line(c, l, &s, &e) == -1 ||
		    cmark_node_get_start_column(nx) < 1 ||
		    s + (size_t)cmark_node_get_start_column(nx) - 1 > e)
			continue;
		v[l - first].start = s + (size_t)cmark_node_get_start_column(
		    nx) - 1;
		v[l - first].brk = k;
	}
	for (i = 1; i <= last - first; i++) {
		if (v[i].start != NONE || ctx_line(c, first + i, &s, &e) == -1)
			continue;
		v[i].start = s + (size_t)(col - 1) < e ? s + (size_t)(col - 1)
		    : e;
		while (v[i].start > s && !is_space(
		    (unsigned char)c->text[v[i].start - 1]))
			v[i].start--;	/* a lazy line: from its start */
	}
	return v;
}

/* A cell whose text waits for cmark (cells_parse()): its paragraph
 * under the table's block, its line and where the line starts. */
struct pending {
	cmark_node	*para;
	int		 line;
	size_t		 line_start;
	struct cellspan	 cs;
};

/* The cells of the tables of one file, parsed together at the end. */
struct cells {
	struct pending	*v;
	size_t		 n, cap;
};

/* Appends cell p's text to t as an ATX heading line, "# cell #". */
static void
cell_line(struct ctx *c, struct buf *t, const struct pending *p)
{
	buf_puts(t, "# ");
	buf_put(t, c->text + p->cs.start, p->cs.end - p->cs.start);
	buf_puts(t, " #\n");
}

/* Records where p's nodes are; made: its text node when not from
 * cmark. */
static void
cell_origin(struct ctx *c, const struct pending *p, cmark_node *made)
{
	c->cells = xgrow(c->cells, &c->cap_cells, c->n_cells + 1,
	    sizeof(*c->cells));
	c->cells[c->n_cells].line = p->line;
	/* Byte 1 of the cell is column 3 of "# cell #". */
	c->cells[c->n_cells].dcol = (int)(p->cs.start - p->line_start) - 2;
	c->cells[c->n_cells].made = made;
	cmark_node_set_user_data(p->para, (void *)(uintptr_t)++c->n_cells);
}

/* The length of the well-formed UTF-8 sequence at s[0..n) (RFC 3629:
 * no overlong form, surrogate or code point past U+10FFFF), or 0. */
static size_t
utf8_valid(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t k, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		k = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		k = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < k || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return k;
}

/*
 * Whether cmark would make s[0..n), a cell's text, one text node of
 * these very bytes: printable ASCII that is none of cmark 0.30's inline
 * specials ("\\`&_*[]<!", and '"', '\'', '.', '-' of typographic
 * punctuation), no '#' (a closing sequence), no blank at either end
 * (row_split() trimmed them), and well-formed UTF-8 (cmark replaces
 * the rest).  Most cells are words and numbers.
 */
static int
cell_plain(const char *s, size_t n)
{
	static const unsigned char special[128] = {
		['\\'] = 1, ['`'] = 1, ['&'] = 1, ['_'] = 1, ['*'] = 1,
		['['] = 1, [']'] = 1, ['<'] = 1, ['!'] = 1, ['"'] = 1,
		['\''] = 1, ['.'] = 1, ['-'] = 1, ['#'] = 1
	};
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	if (n == 0 || u[0] == ' ' || u[n - 1] == ' ')
		return 0;
	while (i < n) {
		if (u[i] >= 0x80) {
			if ((k = utf8_valid(u + i, n - i)) == 0)
				return 0;
			i += k;
			continue;
		}
		if (u[i] < 0x20 || u[i] == 0x7f || special[u[i]])
			return 0;
		i++;
	}
	return 1;
}

/* Moves heading h's inline children into p's paragraph (h may be NULL
 * or no heading: the cell stays empty) and records where they are. */
static void
cell_take(struct ctx *c, cmark_node *h, const struct pending *p)
{
	struct buf t = BUF_INIT;
	cmark_node *k;
	cmark_iter *it;
	const char *lit, *q;

	if (h != NULL && cmark_node_get_type(h) == CMARK_NODE_HEADING) {
		/* GFM takes '\|' out before the inline parse: in code too. */
		it = cmark_iter_new(h);
		while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
			k = cmark_iter_get_node(it);
			if (cmark_node_get_type(k) != CMARK_NODE_CODE ||
			    (lit = cmark_node_get_literal(k)) == NULL ||
			    strstr(lit, "\\|") == NULL)
				continue;
			for (q = lit; *q; q++)
				if (!(q[0] == '\\' && q[1] == '|'))
					buf_putc(&t, *q);
			cmark_node_set_literal(k, t.data);
			buf_release(&t);
		}
		cmark_iter_free(it);
		while ((k = cmark_node_first_child(h)) != NULL)
			cmark_node_append_child(p->para, k);
	}
	cell_origin(c, p, NULL);
}

/* Parses one cell's text on its own into its paragraph. */
static void
cell_fill(struct ctx *c, const struct pending *p)
{
	struct buf t = BUF_INIT;
	cmark_node *root;

	cell_line(c, &t, p);
	root = arena_parse(t.data, t.len,
	    doc_cmark_options(c->doc));
	buf_release(&t);
	cell_take(c, cmark_node_first_child(root), p);
	cmark_node_free(root);
}

/* Whether root's children are n headings, the i-th on line i + 1. */
static int
one_heading_each(cmark_node *root, size_t n)
{
	cmark_node *h = cmark_node_first_child(root);
	size_t i;

	for (i = 0; i < n; i++, h = cmark_node_next(h))
		if (h == NULL || cmark_node_get_type(h) != CMARK_NODE_HEADING ||
		    cmark_node_get_start_line(h) != (int)i + 1)
			return 0;
	return h == NULL;
}

/*
 * Parses the cells' texts, as one document of one heading line per cell
 * (a parse costs far more than a short line).  This gives each cell
 * what a parse of its own line gives: an ATX heading is one line that
 * nothing before or after it changes, its inline content is parsed by
 * itself, headings define no link references, and cmark places its
 * nodes in columns of their line (the line comes from the cell).  Only
 * a '\r' in a cell, a line end to cmark, could make more blocks than
 * cells: then, seen from the lines, each cell is parsed on its own.
 */
static void
cells_parse(struct ctx *c, struct cells *pc)
{
	struct buf t = BUF_INIT;
	cmark_node *root, *h, *next, *k;
	const struct pending *p;
	size_t i, n = 0;
	char *lit;

	for (i = 0; i < pc->n; i++) {
		p = &pc->v[i];
		if (!cell_plain(c->text + p->cs.start, p->cs.end -
		    p->cs.start)) {
			pc->v[n++] = *p;	/* for cmark */
			continue;
		}
		/* Plain text: the node cmark would make, without it. */
		k = arena_node_new(CMARK_NODE_TEXT);
		lit = xstrndup(c->text + p->cs.start, p->cs.end - p->cs.start);
		cmark_node_set_literal(k, lit);
		free(lit);
		cmark_node_append_child(p->para, k);
		cell_origin(c, p, k);
	}
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		cell_line(c, &t, &pc->v[i]);
	root = arena_parse(t.data, t.len,
	    doc_cmark_options(c->doc));
	buf_release(&t);
	if (!one_heading_each(root, n)) {
		cmark_node_free(root);
		for (i = 0; i < n; i++)
			cell_fill(c, &pc->v[i]);
		return;
	}
	for (i = 0, h = cmark_node_first_child(root); i < n; i++, h = next) {
		next = cmark_node_next(h);
		cell_take(c, h, &pc->v[i]);
	}
	cmark_node_free(root);
}

/* Appends the row of line `line` (content s[a..b)) to tbl: cols cells,
 * padded or cut; the cells' texts wait in pc. */
static void
row_add(struct ctx *c, cmark_node *tbl, int line, size_t a, size_t b,
    size_t cols, struct cellspan **v, size_t *cap, struct cells *pc)
{
	size_t n = row_split(c->text, a, b, v, cap), j, s, e;
	cmark_node *p;

	ctx_line(c, line, &s, &e);
	for (j = 0; j < cols; j++) {
		p = arena_node_new(CMARK_NODE_PARAGRAPH);
		if (j < n) {
			pc->v = xgrow(pc->v, &pc->cap, pc->n + 1,
			    sizeof(*pc->v));
			pc->v[pc->n].para = p;
			pc->v[pc->n].line = line;
			pc->v[pc->n].line_start = s;
			pc->v[pc->n++].cs = (*v)[j];
		}
		cmark_node_append_child(tbl, p);
	}
}

/* Frees para's children from `from` on. */
static void
free_from(cmark_node *from)
{
	cmark_node *nx;

	for (; from; from = nx) {
		nx = cmark_node_next(from);
		cmark_node_free(from);
	}
}

/* Makes the table of paragraph para (lines first..last, the first's
 * content at at0), if it holds one; returns the paragraph of its lines
 * after the table, if any, with its first line in *first and that
 * line's content at *at0. */
static cmark_node *
para_table(struct ctx *c, cmark_node *para, int *firstp, int last,
    size_t *at0p, int col, struct cells *pc)
{
	int first = *firstp, n = last - first + 1, h, i;
	struct pline *pl;
	struct cellspan *v = NULL, *hv = NULL;
	size_t cap = 0, hcap = 0, nd = 0, nh, j, s, e;
	struct block *b;
	cmark_node *tbl, *rest = NULL, *k;
	struct loc l;

	pl = para_lines(c, cmark_node_first_child(para), first, last, *at0p,
	    col);
	for (h = 0; h + 1 < n; h++) {
		if ((h > 0 && pl[h].brk == NULL) || !delim_like(c->text,
		    pl[h + 1].start, pl[h + 1].end) ||
		    indented(c, first + h + 1, col))
			continue;
		nd = row_split(c->text, pl[h + 1].start, pl[h + 1].end, &v,
		    &cap);
		for (j = 0; j < nd; j++)
			if (delim_align(c->text, v[j].start, v[j].end) == 0)
				break;
		if (nd == 0 || j < nd)
			continue;
		nh = row_split(c->text, pl[h].start, pl[h].end, &hv, &hcap);
		if (nh == nd)
			break;
	}
	if (h + 1 >= n)
		goto out;
	ctx_line(c, first + h, &s, &e);
	l.path = c->doc->path;
	l.line = first + h;
	l.col = ctx_col(c, s, pl[h].start - s);
	b = tree_new_block(c, BLOCK_TABLE, l);
	b->cols = nd;
	b->align = xmalloc(nd + 1);
	for (j = 0; j < nd; j++)
		b->align[j] = delim_align(c->text, v[j].start, v[j].end);
	b->align[nd] = '\0';
	tbl = tree_custom_block(b);
	row_add(c, tbl, first + h, pl[h].start, pl[h].end, nd, &hv, &hcap,
	    pc);
	for (i = h + 2; i < n; i++) {
		/* A line with no cell ends the table, where it can. */
		if (pl[i].brk != NULL && row_split(c->text, pl[i].start,
		    pl[i].end, &v, &cap) == 0)
			break;
		row_add(c, tbl, first + i, pl[i].start, pl[i].end, nd, &v,
		    &cap, pc);
	}
	if (i < n) {
		rest = arena_node_new(CMARK_NODE_PARAGRAPH);
		while ((k = cmark_node_next(pl[i].brk)) != NULL)
			cmark_node_append_child(rest, k);
		*firstp = first + i;
		*at0p = pl[i].start;
	}
	cmark_node_insert_after(para, tbl);
	if (rest)
		cmark_node_insert_after(tbl, rest);
	if (h == 0)
		cmark_node_free(para);
	else
		free_from(pl[h].brk);
out:
	free(v);
	free(hv);
	free(pl);
	return rest;
}

void
tables_build(struct ctx *c)
{
	cmark_iter *it;
	cmark_node *n, **todo = NULL, *p;
	cmark_node_type t;
	struct cells pc = { NULL, 0, 0 };
	size_t nt = 0, cap = 0, i, s, e, at0;
	int first, last, col;

	it = cmark_iter_new(c->doc->root);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING)
			continue;
		if (t == CMARK_NODE_PARAGRAPH &&
		    cmark_node_get_end_line(n) > cmark_node_get_start_line(n)) {
			todo = xgrow(todo, &cap, nt + 1, sizeof(*todo));
			todo[nt++] = n;
		}
		/* Inline content holds no paragraph: past it. */
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	for (i = 0; i < nt; i++) {
		p = todo[i];
		first = cmark_node_get_start_line(p);
		last = cmark_node_get_end_line(p);
		col = cmark_node_get_start_column(p);
		if (col < 1 || ctx_line(c, first, &s, &e) == -1 ||
		    s + (size_t)col - 1 > e)
			continue;
		at0 = s + (size_t)col - 1;
		while (p != NULL && first < last)
			p = para_table(c, p, &first, last, &at0, col, &pc);
	}
	free(todo);
	cells_parse(c, &pc);
	free(pc.v);
}

/* The place of the cell n is in, or NULL. */
void
tables_done(struct ctx *c)
{
	struct doc *d = c->doc;
	cmark_node *k;
	size_t i;

	for (i = 0; i < d->n_blocks; i++)
		if (d->blocks[i]->kind == BLOCK_TABLE && d->blocks[i]->node)
			for (k = cmark_node_first_child(d->blocks[i]->node); k;
			    k = cmark_node_next(k))
				cmark_node_set_user_data(k, NULL);
	free(c->cells);
	c->cells = NULL;
	c->n_cells = c->cap_cells = 0;
}
