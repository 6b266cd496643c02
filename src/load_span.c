/* load_span.c - for the load stage: a text node of cmark's tree mapped
 * back to the source cmark parsed, byte by byte, so the inline
 * extensions know what was written as itself (not from a backslash
 * escape or an entity) and where (see struct span in load_ext.h). */
#include "load_ext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

int
ctx_line(struct ctx *c, int line, size_t *start, size_t *end)
{
	const char *nl;
	size_t i;

	if (c->lines == NULL) {
		/* Line starts, found once per file. */
		c->lines = xgrow(NULL, &c->cap_lines, 64, sizeof(*c->lines));
		c->lines[c->n_lines++] = 0;
		for (i = 0; i < c->text_len &&
		    (nl = memchr(c->text + i, '\n', c->text_len - i)) != NULL;
		    i = (size_t)(nl - c->text) + 1) {
			if (c->n_lines == c->cap_lines)
				c->lines = xgrow(c->lines, &c->cap_lines,
				    c->n_lines + 1, sizeof(*c->lines));
			c->lines[c->n_lines++] = (size_t)(nl - c->text) + 1;
		}
	}
	if (line < 1 || (size_t)line > c->n_lines)
		return -1;
	*start = c->lines[line - 1];
	*end = (size_t)line < c->n_lines ? c->lines[line] - 1 : c->text_len;
	return 0;
}

/* text_col(s, n) - 1, the characters of s[0..n) before any NUL, eight
 * bytes at a time while none of them is NUL: a lecture's lines are
 * long, and its messages and marks are placed far into them. */
static size_t
chars_in(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones << 7;
	uint64_t w, cont;
	size_t i = 0, k = 0;

	for (; n - i >= 8; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w - ones) & ~w & highs)
			break;		/* a NUL among them */
		/* Bit 7 of each continuation byte, 10xxxxxx. */
		cont = w & ~(w << 1) & highs;
		k += 8 - (size_t)(((cont >> 7) * ones) >> 56);
	}
	for (; i < n && s[i] != '\0'; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

int
ctx_col(struct ctx *c, size_t line_start, size_t off)
{
	/* From the last place asked on this line when it is not past
	 * off: the messages of a long line cost one pass over it. */
	if (c->col_line != line_start + 1 || off < c->col_off) {
		c->col_line = line_start + 1;
		c->col_off = 0;
		c->col_chars = 1;
	}
	c->col_chars += (int)chars_in(c->text + line_start + c->col_off,
	    off - c->col_off);
	c->col_off = off;
	return c->col_chars;
}

struct loc
ctx_char_loc(struct ctx *c, struct loc l)
{
	size_t start, end, off;

	if (l.col < 1 || ctx_line(c, l.line, &start, &end) == -1)
		return l;
	off = (size_t)l.col - 1;
	if (off > end - start)		/* past the line: count the rest */
		l.col = ctx_col(c, start, end - start) +
		    (int)(off - (end - start));
	else
		l.col = ctx_col(c, start, off);
	return l;
}

static int
ascii_punct(int ch)
{
	return (ch >= '!' && ch <= '/') || (ch >= ':' && ch <= '@') ||
	    (ch >= '[' && ch <= '`') || (ch >= '{' && ch <= '~');
}

static int
is_alnum(int ch)
{
	return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' &&
	    (ch | 0x20) <= 'z');
}

/* The length of an entity or numeric character reference at s
 * ("&amp;", "&#91;", "&#x5B;"), or 0. */
static size_t
entity_len(const char *s, size_t n)
{
	size_t i = 1, k;

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			for (k = ++i; i < n && i - k < 6 && is_alnum(s[i]) &&
			    ((s[i] >= '0' && s[i] <= '9') ||
			    ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f'));
			    i++)
				;
		} else
			for (k = i; i < n && i - k < 7 && s[i] >= '0' &&
			    s[i] <= '9'; i++)
				;
		if (i == k)
			return 0;
	} else {
		if (!is_alnum(s[1]))
			return 0;
		for (k = i; i < n && i - k < 32 && is_alnum(s[i]); i++)
			;
	}
	return i < n && s[i] == ';' ? i + 1 : 0;
}

static size_t
utf8_len(const char *s, size_t n)
{
	unsigned char ch = (unsigned char)s[0];
	size_t k = ch < 0x80 ? 1 : ch < 0xe0 ? 2 : ch < 0xf0 ? 3 : 4;

	return k < n ? k : n;
}

/* The bytes of the literal that an entity decoded into: one character,
 * or two when the source's next byte does not follow the first (a few
 * named entities are two code points). */
static size_t
entity_bytes(const char *lit, size_t n, int next)
{
	size_t k = utf8_len(lit, n);

	if (k < n && (unsigned char)lit[k] != next && next != '\\' &&
	    next != '&')
		k += utf8_len(lit + k, n - k);
	return k;
}

void
span_make(struct ctx *c, cmark_node *t, struct span *s)
{
	const char *src;
	size_t i = 0, j = 0, m, k, n, start, end, col;
	int tl, tc;

	memset(s, 0, sizeof(*s));
	s->direct = NONE;
	s->node = t;
	s->lit = cmark_node_get_literal(t);
	s->len = strlen(s->lit);
	s->loc = tree_loc(c, t);
	table_node_pos(c, t, &tl, &tc);
	if (tc < 1 || ctx_line(c, tl, &start, &end) == -1 ||
	    (col = (size_t)tc - 1) > end - start)
		return;
	src = c->text + start + col;
	n = end - start - col;
	s->line_start = start;
	s->ctx = c;
	/* The text of a footnote definition's first line starts after
	 * its hidden '[^id]:' (see load_footnote.c), gone from the node. */
	if (n >= 2 && src[0] == '\001' && src[1] == '\001' && s->len > 0 &&
	    s->lit[0] != '\001') {
		const char *p = memchr(src + 2, '\001', n - 2);

		if (p != NULL && (size_t)(p - src) + 2 <= n) {
			p += 2;
			while (p < src + n && (*p == ' ' || *p == '\t'))
				p++;
			col += (size_t)(p - src);
			n -= (size_t)(p - src);
			src = p;
		}
	}
	/* The bytes written as themselves up to the first '\\' or '&' (of
	 * an escape or entity, maybe): all of a literal, mostly, which
	 * three passes of libc find at once. */
	if (s->len <= n && memcmp(src, s->lit, s->len) == 0 &&
	    memchr(s->lit, '\\', s->len) == NULL &&
	    memchr(s->lit, '&', s->len) == NULL) {
		s->direct = start + col;
		return;
	}
	while (j < s->len && j < n && src[j] == s->lit[j] && src[j] != '\\' &&
	    src[j] != '&')
		j++;
	s->plain = xmalloc(s->len + 1);
	s->at = xmalloc((s->len + 1) * sizeof(*s->at));
	memset(s->plain, 1, j);
	for (i = 0; i < j; i++)
		s->at[i] = start + col + i;
	while (j < s->len) {
		if (i >= n)
			goto fail;
		if (src[i] == '\\' && i + 1 < n && ascii_punct(src[i + 1]) &&
		    s->lit[j] == src[i + 1]) {
			s->plain[j] = 0;
			s->at[j++] = start + col + i;
			i += 2;
		} else if ((m = entity_len(src + i, n - i)) > 0 &&
		    strncmp(s->lit + j, src + i, m) != 0) {
			k = entity_bytes(s->lit + j, s->len - j, i + m < n ?
			    (unsigned char)src[i + m] : -1);
			while (k-- > 0) {
				s->plain[j] = 0;
				s->at[j++] = start + col + i;
			}
			i += m;
		} else if (src[i] == s->lit[j]) {
			s->plain[j] = 1;
			s->at[j++] = start + col + i++;
		} else
			goto fail;
	}
	return;
fail:
	/* Not where cmark said: every byte counts as itself. */
	free(s->plain);
	free(s->at);
	s->plain = NULL;
	s->at = NULL;
}

void
span_release(struct span *s)
{
	free(s->plain);
	free(s->at);
	s->plain = NULL;
	s->at = NULL;
}

int
span_plain(const struct span *s, size_t i)
{
	return s->plain == NULL || s->plain[i];
}

struct loc
span_loc(const struct span *s, size_t i)
{
	struct loc l = s->loc;

	if (s->at != NULL && i < s->len)
		l.col = ctx_col(s->ctx, s->line_start,
		    s->at[i] - s->line_start);
	else if (s->direct != NONE && i < s->len)
		l.col = ctx_col(s->ctx, s->line_start,
		    s->direct + i - s->line_start);
	else if (l.col > 0)
		l.col += text_col(s->lit, i < s->len ? i : s->len) - 1;
	return l;
}

size_t
span_find(const struct span *s, size_t from, size_t to, const char *what)
{
	size_t n = strlen(what), i;
	const char *p;

	if (to > s->len)
		to = s->len;
	for (i = from; i + n <= to; i++) {
		/* Bounded by `to`: a far one is never looked for. */
		if ((p = memchr(s->lit + i, what[0], to - i)) == NULL)
			break;
		i = (size_t)(p - s->lit);
		if (i + n > to)
			break;
		if (memcmp(p, what, n) == 0 && span_plain(s, i) &&
		    (n < 2 || span_plain(s, i + 1)))
			return i;
	}
	return NONE;
}

/* ---- places of nodes ---- */

/* The cell of a table that node n lies in (load_table.c records them
 * in c->cells: a cell's nodes come from a parse of its own text), or
 * NULL. */
static const struct cell_origin *
cell_of(struct ctx *c, cmark_node *n)
{
	cmark_node_type t;
	uintptr_t k;

	for (; c->n_cells > 0 && n; n = cmark_node_parent(n)) {
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_PARAGRAPH) {
			k = (uintptr_t)cmark_node_get_user_data(n);
			return k > 0 && k <= c->n_cells ? &c->cells[k - 1] :
			    NULL;
		}
		if (t < CMARK_NODE_FIRST_INLINE)
			return NULL;
	}
	return NULL;
}

void
table_node_pos(struct ctx *c, cmark_node *n, int *line, int *col)
{
	const struct cell_origin *o = cell_of(c, n);

	*line = cmark_node_get_start_line(n);
	*col = cmark_node_get_start_column(n);
	if (o != NULL) {
		*line = o->line;
		if (n == o->made)
			*col = 3;
		*col += o->dcol;
	}
}

int
table_in_cell(struct ctx *c, cmark_node *n)
{
	return cell_of(c, n) != NULL;
}

int
tree_autolink(struct ctx *c, cmark_node *n)
{
	cmark_node *k;
	size_t start, end;
	int kc, kl;

	/* The URL text inside an autolink is one past the '<'. */
	return cmark_node_get_type(n) == CMARK_NODE_LINK &&
	    (k = cmark_node_first_child(n)) != NULL &&
	    cmark_node_get_type(k) == CMARK_NODE_TEXT &&
	    (table_node_pos(c, k, &kl, &kc), kc >= 2) &&
	    ctx_line(c, kl, &start, &end) == 0 &&
	    start + (size_t)kc - 2 < end && c->text[start + kc - 2] == '<';
}

struct loc
tree_loc(struct ctx *c, cmark_node *n)
{
	struct loc l;

	l.path = c->doc->path;
	table_node_pos(c, n, &l.line, &l.col);
	/* cmark 0.30 places an autolink by its offset in the paragraph's
	 * whole text (wrong past its first line, or in a container); the
	 * URL text inside it is placed right. */
	if (tree_autolink(c, n))
		table_node_pos(c, cmark_node_first_child(n), &l.line,
		    &l.col), l.col--;
	return ctx_char_loc(c, l);
}
