/* load_block.c - block extensions of the load stage: the bounds on what
 * cmark is given, the scan for ':::' fences before cmark parses (each
 * fence line becomes a marker comment), attribute blocks ({#id .class}
 * on headings, ::: class on divs) with congress marks, and the
 * restructuring of the tree into divs and sections. */
#include "load_ext.h"
#include "load_tree.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "text.h"
#include "xalloc.h"

/* What replaces a fence line, so that cmark ends paragraphs and lists
 * there just as a fence would; the comment nodes are then removed. */
#define FENCE_MARKER	"<!--lecturepack-fence-->"

/* Bounds on work per file, whatever cmark's version (see SECURITY.md). */
#define MAX_DIV_DEPTH		32

/*
 * Bounds on what one file may give cmark.  libcmark 0.30.2 (Debian 12)
 * is quadratic or memory-hungry on inputs no lecture needs, and the tool
 * must stay safe with it: a file that passes one of these is refused at
 * that place and not parsed (bounds_over()).  Measured on 4 MiB inputs
 * before the bounds, cmark spends 150-200 bytes per node (4 MiB of '&',
 * '*a_' or one-character lines peaked at 600-800 MB) and, before 0.31,
 * walks up the whole tree for every emphasis it makes and every blank
 * line (CVE-2023-24824: '>' * 200000 + 'a*' * 200000 took 299 s).  Each
 * bound is several times what a large real lecture (a few hundred KB,
 * hundreds of headings, lists a few levels deep, thousands of emphasis
 * runs) holds, and together they keep any file under 256 MB and 5 s.
 *
 * MAX_NESTING: containers one line can be inside (each '>' and list
 *	marker on it, plus one per two columns of indentation before a
 *	marker); cmark pays this depth per emphasis and per blank line.
 *	Real lectures nest 6-8 levels.
 * MAX_LINES: lines per file; a node or two each (blocks, soft breaks,
 *	headings).  A 400 KB lecture has about 5000.
 * MAX_CONTAINERS: list markers and '>' per file, a few nodes each.
 * MAX_EMPHASIS: runs of '*' or '_' per file (one node and one delimiter
 *	each, an emphasis per pair).
 * MAX_MARKS: the other characters that make a node each in cmark's
 *	inline parser: '`' runs, '!', '&', '<', '\' and ']'.
 * MAX_BRACKETS, MAX_COMMENTS: cmark before 0.31 is quadratic on long
 *	runs of link openers and of '<!--' (CVE-2023-22486, CVE-2023-22484).
 */
#define MAX_NESTING		32
#define MAX_LINES		100000
#define MAX_CONTAINERS		50000
#define MAX_EMPHASIS		100000
#define MAX_MARKS		100000
#define MAX_BRACKETS		20000
#define MAX_COMMENTS		10000

/* ---- attribute blocks: {#id .class key=value} and ::: class ---- */

struct attrs {
	char	*id;
	int	 mark;
	struct buf classes;
};

/* Roman numerals made of i, v and x only: 1..39, else 0. */
static int
roman_ivx(const char *s, size_t n)
{
	static const char *units[] = { "", "i", "ii", "iii", "iv", "v", "vi",
	    "vii", "viii", "ix" };
	static const char *tens[] = { "", "x", "xx", "xxx" };
	char lower[16];
	size_t i, t, u;

	if (n == 0 || n >= sizeof(lower))
		return 0;
	for (i = 0; i < n; i++)
		lower[i] = (char)(s[i] | 0x20);
	lower[n] = '\0';
	for (t = 0; t < 4; t++)
		for (u = 0; u < 10; u++) {
			size_t lt = strlen(tens[t]), lu = strlen(units[u]);

			if (lt + lu == n && strncmp(lower, tens[t], lt) == 0 &&
			    strcmp(lower + lt, units[u]) == 0 && t + u > 0)
				return (int)(t * 10 + u);
		}
	return 0;
}

/*
 * Near marks.  A class that is not a mark but looks like one -- made only
 * of i, v, x, l and digits with at least one i, v or x (xil, xi1, xiiii,
 * xxi), a numeral in upper case (XIII), or three letters or more one edit
 * from a mark (xiij) -- is an error naming the likely mark: a typo must
 * never change a reviewer's verdict (SPEC 4).
 */

/* The mark closest to s (lower case, at most 15 bytes): fewest edits;
 * then a letter more or less (xiiii, xi) before a letter changed; then
 * the later congress. */
static int
mark_closest(const char *s)
{
	const char *name;
	int v, d, best = 0, bestd = 99, indel, best_indel = 0;

	for (v = CONGRESS_MIN; v <= CONGRESS_MAX; v++) {
		name = congress_class(v);
		d = edit_distance(s, name);
		indel = strlen(name) != strlen(s);
		if (d < bestd || (d == bestd && indel >= best_indel)) {
			bestd = d;
			best = v;
			best_indel = indel;
		}
	}
	return best;
}

/* Returns the mark that `s` (n bytes) likely meant when it looks like a
 * mark without being one, else 0.  *why: 1 upper case, 2 a numeral out
 * of range, 3 another near miss. */
static int
mark_near(const char *s, size_t n, int *why)
{
	char lower[16], norm[16];
	size_t i;
	int ivx = 0, only = 1, v;

	if (n == 0 || n >= sizeof(lower))
		return 0;
	for (i = 0; i < n; i++) {
		char ch = s[i];

		lower[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch | 0x20) : ch;
		ivx |= lower[i] == 'i' || lower[i] == 'v' || lower[i] == 'x';
		only &= strchr("ivxl0123456789", lower[i]) != NULL;
		/* l, 1 and j are typed for i */
		norm[i] = lower[i] == 'l' || lower[i] == '1' ||
		    lower[i] == 'j' ? 'i' : lower[i];
	}
	lower[n] = norm[n] = '\0';
	v = roman_ivx(lower, n);
	if (v >= CONGRESS_MIN && v <= CONGRESS_MAX) {
		*why = 1;		/* a mark, in upper or mixed case */
		return v;
	}
	*why = v ? 2 : 3;
	if (!(only && ivx)) {
		if (n < 3 || !ivx)
			return 0;
		v = roman_ivx(norm, n);
		if (v < CONGRESS_MIN || v > CONGRESS_MAX)
			v = mark_closest(norm);
		return edit_distance(lower, congress_class(v)) == 1 ? v : 0;
	}
	v = roman_ivx(norm, n);
	return v >= CONGRESS_MIN && v <= CONGRESS_MAX ? v : mark_closest(norm);
}

/* Reports the near mark `s` (n bytes, meaning mark v) at l. */
static void
mark_near_error(struct msgs *msgs, struct loc l, const char *s, size_t n,
    int v, int why, int dot)
{
	const char *name = congress_class(v);

	if (!dot)
		error_at(msgs, l, "a congress mark needs a dot: did you mean "
		    "'.%s'?", name);
	else if (why == 1)
		error_at(msgs, l, "congress marks are lower case: did you mean "
		    "'.%s'?", name);
	else if (why == 2)
		error_at(msgs, l, "'%.*s' is not a congress mark (marks go from "
		    "ix to xx): did you mean '.%s'?", (int)n, s, name);
	else
		error_at(msgs, l, "'%.*s' is not a congress mark: did you mean "
		    "'.%s'?", (int)n, s, name);
}

/* Sets the mark, keeping an unreadable one (its error is given). */
static void
attrs_mark(struct attrs *a, int v, const char *s, size_t n, struct loc l,
    struct msgs *msgs)
{
	if (a->mark == MARK_UNREADABLE)
		return;
	if (a->mark && a->mark != v && v != MARK_UNREADABLE)
		warn_at(msgs, l, "more than one congress mark; '%.*s' wins",
		    (int)n, s);
	a->mark = v;
}

/* Adds one class, turning a congress numeral into the mark. */
static void
attrs_class(struct attrs *a, const char *s, size_t n,
    struct loc l, struct msgs *msgs)
{
	int v = roman_ivx(s, n), why;
	size_t i;

	for (i = 0; i < n && !(s[i] >= 'A' && s[i] <= 'Z'); i++)
		;
	if (v >= CONGRESS_MIN && v <= CONGRESS_MAX && i == n) {
		attrs_mark(a, v, s, n, l, msgs);
		return;
	}
	if ((v = mark_near(s, n, &why)) != 0) {
		mark_near_error(msgs, l, s, n, v, why, 1);
		attrs_mark(a, MARK_UNREADABLE, s, n, l, msgs);
		return;
	}
	if (a->classes.len)
		buf_putc(&a->classes, ' ');
	buf_put(&a->classes, s, n);
}

static int
attr_char(int ch)
{
	return ch != ' ' && ch != '\t' && ch != '}' && ch != '{' && ch != '\0';
}

/* Parses the inside of {...}.  Returns 0, or -1 when it is not an
 * attribute block (then nothing is reported: it stays text). */
static int
attrs_parse(struct attrs *a, const char *s, size_t n,
    struct loc l, struct msgs *msgs)
{
	size_t i = 0, j;
	int v, why = 0;

	memset(a, 0, sizeof(*a));
	buf_init(&a->classes);
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		for (j = i; j < n && attr_char(s[j]); j++)
			;
		if (j == i)
			goto fail;
		if (s[i] == '#' && j > i + 1) {
			free(a->id);
			a->id = xstrndup(s + i + 1, j - i - 1);
			if (!id_valid(a->id)) {
				warn_at(msgs, l, "invalid id '%.80s' ignored: use lower "
				    "case letters, digits and '-'", a->id);
				free(a->id);
				a->id = NULL;
			}
		} else if (s[i] == '.' && j > i + 1)
			attrs_class(a, s + i + 1, j - i - 1, l, msgs);
		else if (memchr(s + i, '=', j - i) != NULL || s[i] == '-')
			warn_at(msgs, l, "attribute '%.*s' is ignored", (int)(j - i),
			    s + i);
		else if ((v = mark_near(s + i, j - i, &why)) != 0) {
			/* {xiii}: a mark without its dot */
			mark_near_error(msgs, l, s + i, j - i, v, why, 0);
			attrs_mark(a, MARK_UNREADABLE, s + i, j - i, l, msgs);
		} else
			goto fail;
		i = j;
	}
	return 0;
fail:
	free(a->id);
	buf_release(&a->classes);
	return -1;
}

/* ---- fenced divs ---- */

static size_t
count_run(const char *s, size_t n, char ch)
{
	size_t i = 0;

	while (i < n && s[i] == ch)
		i++;
	return i;
}

/* The length of the block quote markers ('>') and list markers ('-',
 * '*', '+', '1.', '1)') that start line p[0..n), or 0 when none does. */
static size_t
container_prefix(const char *p, size_t n)
{
	size_t i = 0, k, j, markers = 0;

	for (;;) {
		for (k = i; k < n && k - i < 3 && p[k] == ' '; k++)
			;
		if (k < n && p[k] == '>') {
			i = k + 1;
			if (i < n && (p[i] == ' ' || p[i] == '\t'))
				i++;
		} else if (k + 1 < n && (p[k] == '-' || p[k] == '*' ||
		    p[k] == '+') && p[k + 1] == ' ')
			i = k + 2;
		else {
			for (j = k; j < n && j - k < 9 && p[j] >= '0' &&
			    p[j] <= '9'; j++)
				;
			if (j == k || j + 1 >= n || (p[j] != '.' &&
			    p[j] != ')') || p[j + 1] != ' ')
				break;
			i = j + 2;
		}
		markers++;
	}
	return markers ? i : 0;
}

/* Finds the lines that may be fences: three or more ':' after at most
 * three spaces.  Which of them are fences is known only once cmark has
 * parsed the text (fences_in_code()): a line inside a code block of
 * any kind, in a list item or a block quote too, is code. */
void
fences_find(struct ctx *c, const char *s, size_t len)
{
	size_t i = 0, n, ind, run, pre;
	int line = 0;

	while (i < len) {
		const char *p = s + i, *nl = memchr(p, '\n', len - i);
		const char *a, *e;
		struct fence *f;

		n = nl ? (size_t)(nl - p) : len - i;
		line++;
		i += n + 1;
		ind = count_run(p, n, ' ');
		if (ind > 3 || count_run(p + ind, n - ind, ':') < 3) {
			/* Behind '>' or a list marker: a fence in a block
			 * quote or list item (warned about and ignored by
			 * fences_validate(), as the man page says). */
			if ((pre = container_prefix(p, n)) == 0)
				continue;
			ind = pre + count_run(p + pre, n - pre, ' ');
			if (ind > pre + 3)
				continue;
		}
		if ((run = count_run(p + ind, n - ind, ':')) < 3)
			continue;
		a = p + ind + run;
		e = p + n;
		while (a < e && (*a == ' ' || *a == '\t'))
			a++;
		while (e > a && (e[-1] == ':' || e[-1] == ' ' ||
		    e[-1] == '\t'))
			e--;
		c->fences = xgrow(c->fences, &c->cap_fences,
		    c->n_fences + 1, sizeof(*c->fences));
		f = &c->fences[c->n_fences++];
		memset(f, 0, sizeof(*f));
		f->line = line;
		f->col = (int)ind + 1;
		f->pair = -1;
		f->open = e > a;
		f->attrs = xstrndup(a, (size_t)(e - a));
	}
}

/* The text for cmark: s with every fence line not known to be code
 * replaced by FENCE_MARKER (after its indentation), so that cmark ends
 * paragraphs and lists there just as a fence would. */
char *
fences_text(struct ctx *c, const char *s, size_t len, size_t *outlen)
{
	struct buf out = BUF_INIT;
	const struct fence *f;
	const char *nl;
	size_t i = 0, from = 0, k;
	int line = 1;

	/* The lines between fences are copied as they are, in one piece
	 * each; a fence line is its indentation and the marker.  Only the
	 * first fence of a line counts. */
	buf_grow(&out, len + 1);
	for (k = 0; k < c->n_fences; k++) {
		f = &c->fences[k];
		if ((k > 0 && c->fences[k - 1].line == f->line) || f->in_code)
			continue;
		while (line < f->line && i < len &&
		    (nl = memchr(s + i, '\n', len - i)) != NULL) {
			i = (size_t)(nl - s) + 1;
			line++;
		}
		if (line != f->line || i >= len)
			break;		/* no such line (fences_find's are) */
		buf_put(&out, s + from, i - from);
		buf_put(&out, s + i, (size_t)f->col - 1);
		buf_puts(&out, FENCE_MARKER);
		buf_putc(&out, '\n');
		nl = memchr(s + i, '\n', len - i);
		i = nl ? (size_t)(nl - s) + 1 : len;
		line++;
		from = i;
	}
	buf_put(&out, s + from, len - from);
	/* Every line ends with a newline, the last one too. */
	if (out.len > 0 && out.data[out.len - 1] != '\n')
		buf_putc(&out, '\n');
	return buf_detach(&out, outlen);
}

/* The first fence at or after `line`: fences are in line order. */
static size_t
fence_from(struct ctx *c, int line)
{
	size_t lo = 0, hi = c->n_fences, i;

	while (lo < hi) {
		i = (lo + hi) / 2;
		if (c->fences[i].line < line)
			lo = i + 1;
		else
			hi = i;
	}
	return lo;
}

/* Offsets of the line starts of s[0..len), for the caller to free. */
static size_t *
line_starts(const char *s, size_t len, size_t *n)
{
	size_t *v = NULL, cap = 0, i;
	const char *nl;

	*n = 0;
	v = xgrow(v, &cap, 1, sizeof(*v));
	v[(*n)++] = 0;
	for (i = 0; i < len && (nl = memchr(s + i, '\n', len - i)) != NULL;
	    i = (size_t)(nl - s) + 1) {
		v = xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = (size_t)(nl - s) + 1;
	}
	return v;
}

/* Marks the fence on `line` as code when it is one. */
static int
fence_in_code(struct ctx *c, int line)
{
	size_t k = fence_from(c, line);

	if (k == c->n_fences || c->fences[k].line != line ||
	    c->fences[k].in_code)
		return 0;
	c->fences[k].in_code = 1;
	return 1;
}

/* Which source lines a code block's literal holds is told by its
 * first line: a fenced block's content starts on the next line.
 * (cmark's end lines are not reliable for a fence that a list item
 * or block quote closes, so the literal is read, not the range.) */
size_t
fences_in_code(struct ctx *c, const char *text, size_t len,
    cmark_node *root)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	const char *lit, *p, *q;
	size_t found = 0, *lines = NULL, n_lines = 0, at;
	int line, col;

	if (c->n_fences == 0 || len == 0)
		return 0;
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && (cmark_node_get_type(n) ==
		    CMARK_NODE_PARAGRAPH || cmark_node_get_type(n) ==
		    CMARK_NODE_HEADING)) {
			/* Inline content holds no code block: past it. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK ||
		    (lit = cmark_node_get_literal(n)) == NULL ||
		    strstr(lit, FENCE_MARKER) == NULL)
			continue;
		line = cmark_node_get_start_line(n);
		col = cmark_node_get_start_column(n);
		if (lines == NULL)	/* only for a file with such code */
			lines = line_starts(text, len, &n_lines);
		if (line < 1 || (size_t)line > n_lines)
			continue;
		at = lines[line - 1] + (size_t)(col > 0 ? col - 1 : 0);
		if (at < len && (text[at] == '`' || text[at] == '~'))
			line++;
		for (p = lit; *p; p = q + (*q == '\n'), line++) {
			q = strchr(p, '\n');
			if (q == NULL)
				q = p + strlen(p);
			while (p < q && (*p == ' ' || *p == '\t'))
				p++;
			if ((size_t)(q - p) >= sizeof(FENCE_MARKER) - 1 &&
			    memcmp(p, FENCE_MARKER,
			    sizeof(FENCE_MARKER) - 1) == 0)
				found += fence_in_code(c, line);
		}
	}
	cmark_iter_free(it);
	free(lines);
	return found;
}

void
fences_pair(struct ctx *c)
{
	size_t i, *stack = NULL, sp = 0, cap = 0;
	struct fence *f;

	for (i = 0; i < c->n_fences; i++) {
		f = &c->fences[i];
		if (f->in_code)
			continue;
		if (f->open && sp >= MAX_DIV_DEPTH) {
			doc_error(c, LOC(c->doc->path, f->line,
			    f->col), "divs nested deeper than %d",
			    MAX_DIV_DEPTH);
			f->attrs[0] = '\0';
		} else if (f->open) {
			stack = xgrow(stack, &cap, sp + 1, sizeof(*stack));
			stack[sp++] = i;
		} else if (sp == 0) {
			doc_error(c, LOC(c->doc->path, f->line,
			    f->col), "closing fence ':::' with no open div");
		} else {
			sp--;
			f->pair = (int)stack[sp];
			c->fences[stack[sp]].pair = (int)i;
		}
	}
	while (sp > 0) {
		f = &c->fences[stack[--sp]];
		doc_error(c, LOC(c->doc->path, f->line, f->col),
		    "unclosed div: add a line ':::' where it ends");
	}
	free(stack);
}

struct fence *
fence_at(struct ctx *c, cmark_node *n)
{
	const char *lit;
	size_t i;
	int line;

	if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
		return NULL;
	lit = cmark_node_get_literal(n);
	if (lit == NULL || strncmp(lit, FENCE_MARKER,
	    sizeof(FENCE_MARKER) - 1) != 0)
		return NULL;
	line = cmark_node_get_start_line(n);
	i = fence_from(c, line);
	return i < c->n_fences && c->fences[i].line == line &&
	    !c->fences[i].in_code ? &c->fences[i] : NULL;
}

/* A div counts only when both its fences are at the top level. */
void
fences_validate(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->n_fences; i++) {
		struct fence *f = &c->fences[i], *g;

		if (!f->open || f->pair < 0)
			continue;
		g = &c->fences[f->pair];
		f->valid = g->valid = f->node && g->node &&
		    cmark_node_parent(f->node) == c->doc->root &&
		    cmark_node_parent(g->node) == c->doc->root;
		if (!f->valid)
			warn_at(c->msgs, LOC(c->doc->path, f->line, f->col),
			    "a fenced div inside a list or block quote is not "
			    "supported; its mark is ignored");
	}
	for (i = 0; i < c->n_fences; i++)
		if (!c->fences[i].valid && c->fences[i].node) {
			cmark_node_free(c->fences[i].node);
			c->fences[i].node = NULL;
		}
}

/* ---- restructuring ---- */

/* Moves the top-level children into their fenced divs. */
/* A div whose first callout class (note, callout-note, ...) makes it
 * a callout: that class is taken out of its classes. */
static void
div_callout(struct block *b)
{
	char *p = b->classes, *end;
	size_t w;

	while (p && *p) {
		w = strcspn(p, " ");
		if ((b->callout = callout_find(p, w)) != CALLOUT_NONE) {
			end = p + w + (p[w] == ' ');
			if (p > b->classes && *end == '\0')
				p--;	/* the space before the last class */
			memmove(p, end, strlen(end) + 1);
			if (*b->classes == '\0') {
				free(b->classes);
				b->classes = NULL;
			}
			return;
		}
		p += w + (p[w] == ' ');
	}
}

void
divs_build(struct ctx *c)
{
	cmark_node *root = c->doc->root, *n, *next, *cur = root, *dn;
	cmark_node **stack = NULL;
	size_t sp = 0, cap = 0;
	struct fence *f;
	struct block *b;
	struct attrs a;

	for (n = cmark_node_first_child(root); n; n = next) {
		next = cmark_node_next(n);
		if ((f = fence_at(c, n)) != NULL) {
			if (f->valid && f->open) {
				b = tree_new_block(c, BLOCK_DIV,
				    LOC(c->doc->path, f->line, f->col));
				if (f->attrs[0] == '{') {
					size_t al = strlen(f->attrs);

					if (f->attrs[al - 1] != '}' ||
					    attrs_parse(&a, f->attrs + 1,
					    al - 2, b->loc, c->msgs) == -1) {
						warn_at(c->msgs, b->loc, "cannot read the "
						    "attributes '%.80s'", f->attrs);
						memset(&a, 0, sizeof(a));
						buf_init(&a.classes);
					}
				} else if (attrs_parse(&a, f->attrs,
				    0, b->loc, c->msgs) == 0) {
					const char *p = f->attrs;

					/* Bare words: one class each. */
					while (*p) {
						size_t w = strcspn(p, " \t");

						if (w)
							attrs_class(&a, p,
							    w, b->loc,
							    c->msgs);
						p += w;
						p += strspn(p, " \t");
					}
				}
				b->mark = a.mark;
				b->id = a.id;
				b->classes = a.classes.len ?
				    buf_detach(&a.classes, NULL) : NULL;
				buf_release(&a.classes);
				div_callout(b);
				dn = tree_custom_block(b);
				if (cur == root)
					cmark_node_insert_before(n, dn);
				else
					cmark_node_append_child(cur, dn);
				stack = xgrow(stack, &cap, sp + 1,
				    sizeof(*stack));
				stack[sp++] = cur;
				cur = dn;
			} else if (f->valid && sp > 0)
				cur = stack[--sp];
			f->node = NULL;
			cmark_node_free(n);
			continue;
		}
		if (cur != root)
			cmark_node_append_child(cur, n);
	}
	free(stack);
}

static int
is_div(cmark_node *n)
{
	struct block *b;

	if (cmark_node_get_type(n) != CMARK_NODE_CUSTOM_BLOCK)
		return 0;
	b = cmark_node_get_user_data(n);
	return b->kind == BLOCK_DIV;
}

/* Wraps each heading of container and what follows it in a section. */
void
sections_build(struct ctx *c, cmark_node *container)
{
	cmark_node **kids = NULL, **stack = NULL, *n, *sec;
	int *levels = NULL;
	size_t nk = 0, capk = 0, sp = 0, caps = 0, capl = 0, i;
	struct block *b;

	for (n = cmark_node_first_child(container); n; n = cmark_node_next(n)) {
		kids = xgrow(kids, &capk, nk + 1, sizeof(*kids));
		kids[nk++] = n;
	}
	for (i = 0; i < nk; i++) {
		n = kids[i];
		if (is_div(n))
			sections_build(c, n);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    (b = cmark_node_get_user_data(n)) != NULL) {
			int level = cmark_node_get_heading_level(n);

			while (sp > 0 && levels[sp - 1] >= level)
				sp--;
			sec = tree_custom_block(b);
			b->is_section = 1;
			cmark_node_insert_before(n, sec);
			if (sp > 0)
				cmark_node_append_child(stack[sp - 1], sec);
			cmark_node_append_child(sec, n);
			stack = xgrow(stack, &caps, sp + 1, sizeof(*stack));
			levels = xgrow(levels, &capl, sp + 1, sizeof(*levels));
			stack[sp] = sec;
			levels[sp++] = level;
		} else if (sp > 0)
			cmark_node_append_child(stack[sp - 1], n);
	}
	free(kids);
	free(stack);
	free(levels);
}

/* ---- headings ---- */

/* Reads a trailing {...} off a heading's last text node. */
static void
heading_attrs(struct ctx *c, cmark_node *h, struct block *b)
{
	cmark_node *t = cmark_node_last_child(h);
	const char *s, *open, *close;
	struct attrs a;
	struct buf rest = BUF_INIT;
	struct span sp;
	size_t n;
	struct loc l;

	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return;
	s = cmark_node_get_literal(t);
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	open = NULL;
	for (close = s + n; close > s; close--)
		if (close[-1] == '{') {
			open = close - 1;
			break;
		}
	if (open == NULL)
		return;
	span_make(c, t, &sp);
	l = span_loc(&sp, (size_t)(open - s));
	/* '\{' or '&#123;' is text, and so is what it opens. */
	if (!span_plain(&sp, (size_t)(open - s)) || (n > 0 &&
	    s[n - 1] == '}' && !span_plain(&sp, n - 1)))
		goto out;
	if (n == 0 || s[n - 1] != '}') {
		if (open[1] == '.' || open[1] == '#')
			warn_at(c->msgs, l, "unclosed attribute block '%.*s' left as "
			    "text: end it with '}'", (int)(s + n - open), open);
		goto out;
	}
	if (open > s && open[-1] != ' ' && open[-1] != '\t')
		goto out;
	if (attrs_parse(&a, open + 1, (size_t)(s + n - 1 - open - 1),
	    l, c->msgs) == -1)
		goto out;
	b->mark = a.mark;
	b->id = a.id;
	b->classes = a.classes.len ? buf_detach(&a.classes, NULL) : NULL;
	buf_release(&a.classes);
	while (open > s && (open[-1] == ' ' || open[-1] == '\t'))
		open--;
	buf_put(&rest, s, (size_t)(open - s));
	if (rest.len == 0 && cmark_node_previous(t) != NULL)
		tree_bury(c, t);
	else
		cmark_node_set_literal(t, rest.data);
	buf_release(&rest);
out:
	span_release(&sp);
}

void
heading_pass(struct ctx *c, cmark_node *h)
{
	struct block *b = tree_new_block(c, BLOCK_SECTION, tree_loc(c, h));

	b->level = cmark_node_get_heading_level(h);
	heading_attrs(c, h, b);
	cmark_node_set_user_data(h, b);
	if (b->mark && cmark_node_get_type(cmark_node_parent(h)) !=
	    CMARK_NODE_DOCUMENT) {
		warn_at(c->msgs, b->loc, "a congress mark on a heading inside a list "
		    "or block quote marks nothing; move the heading out");
		b->mark = 0;
	}
}

/* ---- bounds on what cmark is given (see MAX_NESTING) ---- */

enum bound {
	BOUND_NESTING,		/* on the current line */
	BOUND_LINES,
	BOUND_CONTAINERS,
	BOUND_EMPHASIS,
	BOUND_MARKS,
	BOUND_BRACKETS,
	BOUND_COMMENTS,
	BOUND_NONE
};

static const struct {
	size_t		 max;
	const char	*msg;
} bounds[BOUND_NONE] = {
	{ MAX_NESTING, N_("lists and block quotes nested more than %zu "
	    "deep: use fewer levels") },
	{ MAX_LINES, N_("more than %zu lines in one file: split the "
	    "lecture") },
	{ MAX_CONTAINERS, N_("more than %zu list items and '>' in one "
	    "file: split the lecture") },
	{ MAX_EMPHASIS, N_("more than %zu runs of '*' or '_' in one file: "
	    "split the lecture") },
	{ MAX_MARKS, N_("more than %zu '`', '!', '&', '<', '\\' or ']' in "
	    "one file: split the lecture") },
	{ MAX_BRACKETS, N_("more than %zu '[' in one file: split the "
	    "lecture") },
	{ MAX_COMMENTS, N_("more than %zu '<!--' in one file: split the "
	    "lecture") },
};

struct bounds_scan {
	size_t		 count[BOUND_NONE];
	enum bound	 passed;	/* BOUND_NONE while all hold */
	size_t		 at;		/* offset where it was passed */
};

/* Whether count b, just updated, passes its bound at offset `at`. */
static int
bounds_passed(struct bounds_scan *sc, enum bound b, size_t at)
{
	if (sc->count[b] <= bounds[b].max)
		return 0;
	sc->passed = b;
	sc->at = at;
	return 1;
}

/* The length of a list marker at p ('-', '+', '*', or 1-9 digits and
 * '.' or ')') when a space, a tab or the line's end follows; else 0. */
static size_t
list_marker(const char *p, size_t n)
{
	size_t i = 0;

	if (n > 0 && (p[0] == '-' || p[0] == '+' || p[0] == '*'))
		i = 1;
	else {
		while (i < n && i < 9 && p[i] >= '0' && p[i] <= '9')
			i++;
		if (i == 0 || i == n || (p[i] != '.' && p[i] != ')'))
			return 0;
		i++;
	}
	return i == n || p[i] == ' ' || p[i] == '\t' ? i : 0;
}

/* Whether p[0..n) is a thematic break ('***', '- - -'): a rule, which
 * cmark prefers to list items. */
static int
is_rule(const char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == ' ' || p[i] == '\t')
			continue;
		if (p[i] != p[0] || (p[0] != '-' && p[0] != '*' &&
		    p[0] != '_'))
			return 0;
		k++;
	}
	return k >= 3;
}

/* Counts the containers of the line s[i..eol): each '>' and list
 * marker, and every two columns of indentation before one (a list item
 * opened on an earlier line needs at least two).  Whitespace after a
 * list marker is its padding, and one space after '>' belongs to it.
 * Returns the offset past them: the line's inline text. */
static size_t
bounds_prefix(struct bounds_scan *sc, const char *s, size_t i, size_t eol)
{
	size_t cols = 0, ind = 0, depth = 0, from, m;
	int pad = 0;

	for (;;) {
		from = cols;
		while (i < eol && (s[i] == ' ' || s[i] == '\t'))
			cols = s[i++] == '\t' ? (cols + 4) & ~(size_t)3 :
			    cols + 1;
		if (!pad)
			ind += cols - from;
		if (i == eol)
			break;
		if (s[i] == '>') {
			m = i + 1 < eol && s[i + 1] == ' ' ? 2 : 1;
			pad = 0;
		} else if ((m = list_marker(s + i, eol - i)) != 0 &&
		    !is_rule(s + i, eol - i))
			pad = 1;
		else
			break;
		sc->count[BOUND_NESTING] = ++depth + ind / 2;
		sc->count[BOUND_CONTAINERS]++;
		if (bounds_passed(sc, BOUND_NESTING, i) ||
		    bounds_passed(sc, BOUND_CONTAINERS, i))
			break;
		i += m;
		cols += m;
	}
	return i;
}

/* The bytes bounds_inline() looks at. */
static const unsigned char inline_special[256] = {
	['*'] = 1, ['_'] = 1, ['`'] = 1, ['<'] = 1, ['!'] = 1, ['&'] = 1,
	['\\'] = 1, [']'] = 1, ['['] = 1
};

/* Whether one of p[0..8) is special: most bytes are not, and eight
 * lookups or'ed together take one branch, not eight. */
static inline int
special8(const unsigned char *p)
{
	return inline_special[p[0]] | inline_special[p[1]] |
	    inline_special[p[2]] | inline_special[p[3]] |
	    inline_special[p[4]] | inline_special[p[5]] |
	    inline_special[p[6]] | inline_special[p[7]];
}

/* Counts the inline characters that make nodes in s[i..eol). */
static void
bounds_inline(struct bounds_scan *sc, const char *s, size_t i, size_t eol)
{
	enum bound b;

	for (; i < eol; i++) {
		while (eol - i >= 8 && !special8((const unsigned char *)s + i))
			i += 8;
		while (i < eol && !inline_special[(unsigned char)s[i]])
			i++;
		if (i == eol)
			return;
		switch (s[i]) {
		case '*':
		case '_':
			if (i > 0 && s[i - 1] == s[i])
				continue;
			b = BOUND_EMPHASIS;
			break;
		case '`':
			if (i > 0 && s[i - 1] == '`')
				continue;
			b = BOUND_MARKS;
			break;
		case '<':
			if (eol - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
				sc->count[BOUND_COMMENTS]++;
				if (bounds_passed(sc, BOUND_COMMENTS, i))
					return;
			}
			/* FALLTHROUGH */
		case '!':
		case '&':
		case '\\':
		case ']':
			b = BOUND_MARKS;
			break;
		case '[':
			b = BOUND_BRACKETS;
			break;
		default:
			continue;
		}
		sc->count[b]++;
		if (bounds_passed(sc, b, i))
			return;
	}
}

/* Checks the text against the bounds above in one pass.  Returns 1,
 * after an error where the first bound is passed, when the text must
 * not be parsed. */
int
bounds_over(struct ctx *c, const char *s, size_t len)
{
	struct bounds_scan sc;
	size_t start = 0, eol, i;
	const char *nl;
	int line = 0, col = 1;

	memset(&sc, 0, sizeof(sc));
	sc.passed = BOUND_NONE;
	while (start < len && sc.passed == BOUND_NONE) {
		nl = memchr(s + start, '\n', len - start);
		eol = nl ? (size_t)(nl - s) : len;
		line++;
		sc.count[BOUND_LINES]++;
		sc.count[BOUND_NESTING] = 0;
		if (bounds_passed(&sc, BOUND_LINES, start))
			break;
		i = bounds_prefix(&sc, s, start, eol);
		if (sc.passed == BOUND_NONE)
			bounds_inline(&sc, s, i, eol);
		if (sc.passed == BOUND_NONE)
			start = eol + 1;
	}
	if (sc.passed == BOUND_NONE)
		return 0;
	for (i = start; i < sc.at; i++)	/* columns count characters */
		col += ((unsigned char)s[i] & 0xc0) != 0x80;
	/* (a message of the table above, translated by doc_error()) */
	doc_error(c, LOC(c->doc->path, line, col),
	    bounds[sc.passed].msg, bounds[sc.passed].max);
	return 1;
}

/* ---- congress numerals ---- */

int
congress_parse(const char *s)
{
	int v = roman_ivx(s, strlen(s));

	return v >= CONGRESS_MIN && v <= CONGRESS_MAX ? v : 0;
}

const char *
congress_name(int mark)
{
	static const char *names[] = { "IX", "X", "XI", "XII", "XIII", "XIV",
	    "XV", "XVI", "XVII", "XVIII", "XIX", "XX" };

	if (mark == MARK_UNREADABLE)
		return "?";
	if (mark < CONGRESS_MIN || mark > CONGRESS_MAX)
		return "";
	return names[mark - CONGRESS_MIN];
}

const char *
congress_class(int mark)
{
	static const char *classes[] = { "ix", "x", "xi", "xii", "xiii",
	    "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx" };

	if (mark == MARK_UNREADABLE)
		return "?";
	if (mark < CONGRESS_MIN || mark > CONGRESS_MAX)
		return "";
	return classes[mark - CONGRESS_MIN];
}

/* ---- task list items and '> [!NOTE]' callouts ---- */

/* The first inline child of block n's first child when that is a
 * paragraph and the child a text node, else NULL. */
static cmark_node *
first_text(cmark_node *n, cmark_node **para)
{
	cmark_node *p = cmark_node_first_child(n), *t;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH ||
	    (t = cmark_node_first_child(p)) == NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    node_note(t) != NODE_PLAIN)
		return NULL;
	*para = p;
	return t;
}

/* '- [ ] text', '- [x] text': the box (GFM 5.3) leaves the text and is
 * noted on the item (written by the renderers, not as a form). */
static void
item_task(struct ctx *c, cmark_node *item)
{
	cmark_node *para, *t = first_text(item, &para), *next;
	const char *lit;
	struct span s;
	int plain;

	if (t == NULL)
		return;
	lit = cmark_node_get_literal(t);
	if (lit[0] != '[' || (lit[1] != ' ' && (lit[1] | 0x20) != 'x') ||
	    lit[2] != ']')
		return;
	next = cmark_node_next(t);
	if (lit[3] == '\0' ? next != NULL &&
	    cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK :
	    lit[3] != ' ' && lit[3] != '\t')
		return;
	span_make(c, t, &s);
	plain = span_plain(&s, 0) && span_plain(&s, 2);
	span_release(&s);
	if (!plain)
		return;
	tree_note(item, lit[1] == ' ' ? NODE_TASK_OPEN : NODE_TASK_DONE);
	if (lit[3] == '\0')
		tree_bury(c, t);
	else {
		char *rest = xstrdup(lit + 3);

		cmark_node_set_literal(t, rest);
		free(rest);
	}
}

/* '> [!NOTE]' alone on the quote's first line (GitHub's alerts): the
 * quote is a callout, and the marker leaves the text. */
static void
quote_callout(struct ctx *c, cmark_node *quote)
{
	cmark_node *para, *t = first_text(quote, &para), *next;
	const char *lit;
	enum callout k;
	struct span s;
	size_t n;
	int plain;

	if (t == NULL)
		return;
	lit = cmark_node_get_literal(t);
	n = strlen(lit);
	if (n < 4 || lit[0] != '[' || lit[1] != '!' || lit[n - 1] != ']')
		return;
	next = cmark_node_next(t);
	if (next != NULL && cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK &&
	    cmark_node_get_type(next) != CMARK_NODE_LINEBREAK)
		return;
	{
		char word[16];
		size_t i;

		if (n - 3 >= sizeof(word))
			return;
		for (i = 0; i < n - 3; i++)
			word[i] = (char)(lit[i + 2] | 0x20);
		if ((k = callout_find(word, n - 3)) == CALLOUT_NONE ||
		    n - 3 != strlen(callout_name(k)))
			return;
	}
	span_make(c, t, &s);
	plain = span_plain(&s, 0) && span_plain(&s, 1) &&
	    span_plain(&s, n - 1);
	span_release(&s);
	if (!plain)
		return;
	tree_callout(quote, k);
	tree_bury(c, t);
	if (next)
		tree_bury(c, next);
	if (cmark_node_first_child(para) == NULL)
		tree_bury(c, para);
}

void
items_and_quotes(struct ctx *c, cmark_node *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cmark_node_get_type(v[i]) == CMARK_NODE_ITEM)
			item_task(c, v[i]);
		else
			quote_callout(c, v[i]);
}
