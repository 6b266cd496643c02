/* load_doc.c - a lecture or note file to the model (see load_doc.h).
 *
 * The stages, in order: clean text and front matter (load_source.c);
 * typed keys (load_meta.c); fenced-div fences found outside code and
 * replaced by marker comments; one cmark parse; then passes over the
 * tree: heading attribute blocks, wiki links and embeds, raw HTML, URLs
 * and images; the tree is then restructured into divs and sections, and
 * every heading gets its id. */
#include "load_doc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "load_image.h"
#include "load_meta.h"
#include "load_source.h"
#include "load_yaml.h"
#include "path.h"
#include "resolve_marks.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

/* What replaces a fence line, so that cmark ends paragraphs and lists
 * there just as a fence would; the comment nodes are then removed. */
#define FENCE_MARKER	"<!--lecturepack-fence-->"

/* Bounds on work per file, whatever cmark's version (see SECURITY.md). */
#define MAX_LINKS_PER_FILE	20000
#define MAX_DIV_DEPTH		32
/*
 * Bounds on what one file may give cmark.  libcmark 0.30.2 (Debian 12)
 * is quadratic or memory-hungry on inputs no lecture needs, and the tool
 * must stay safe with it: a file that passes one of these is refused at
 * that place and not parsed (bounds_scan()).  Measured on 4 MiB inputs
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
 *
 * The numbers are plain literals: the messages quote them (STR()).
 */
#define MAX_NESTING		32
#define MAX_LINES		100000
#define MAX_CONTAINERS		50000
#define MAX_EMPHASIS		100000
#define MAX_MARKS		100000
#define MAX_BRACKETS		20000
#define MAX_COMMENTS		10000
#define STR_(x)			#x
#define STR(x)			STR_(x)

/* Memory follows the largest lecture, not the repository or the pack
 * (docs/performance.md): texts read by doc_open() are kept, to be
 * parsed without a second read, only while they add up to TEXT_BUDGET
 * bytes, and a text is freed once parsed; trees (about 3 bytes per
 * byte of source) are kept while their sources add up to TREE_BUDGET
 * bytes, and past it doc_tree_done() frees them.  A dropped text or
 * tree is read and parsed again when needed. */
#define TEXT_BUDGET		(8u * 1024 * 1024)
#define TREE_BUDGET		(4u * 1024 * 1024)

static size_t	text_held;	/* bytes of d->text over all docs */
static size_t	tree_held;	/* source bytes of the trees kept */

struct fence {
	int		 line;
	int		 col;
	int		 open;		/* 1 opens a div, 0 closes one */
	int		 pair;		/* index of the matching fence, -1 */
	int		 valid;		/* both fences at the top level */
	char		*attrs;		/* text after the colons (open) */
	cmark_node	*node;		/* its marker comment in the tree */
};

/* An image refused once is not read again for its other uses. */
struct refusal {
	char		*path;
	int		 line;		/* of its first use */
};

struct ctx {
	struct doc	*doc;
	struct fence	*fences;
	size_t		 n_fences, cap_fences;
	size_t		 cap_blocks, cap_links, cap_images;
	struct refusal	*refused;	/* images image_check() refused */
	size_t		 n_refused, cap_refused;
	const char	*text;		/* what cmark parsed, for columns */
	size_t		 text_len;
	size_t		*lines;		/* offsets of line starts in text */
	size_t		 n_lines, cap_lines;
	int		 col_line, col_base;	/* the last source_column() */
	size_t		 col_k;			/* answer, to resume from */
	const char	*col_at;
	cmark_node	**dead;		/* unlinked text nodes, freed after */
	size_t		 n_dead, cap_dead;	/* the passes (see bury()) */
};

static const struct meta_key lecture_keys[] = {
	{ "title", META_STR, offsetof(struct doc, title), 0, 1 },
	{ "id", META_ID, offsetof(struct doc, id), offsetof(struct doc, id_loc), 0 },
	{ "authors", META_STRLIST, offsetof(struct doc, authors),
	    offsetof(struct doc, n_authors), 0 },
	{ "hours", META_INT, offsetof(struct doc, hours), 0, 0 },
	{ "updated", META_DATE, offsetof(struct doc, updated), 0, 0 },
	{ "congress", META_CONGRESS, offsetof(struct doc, congress),
	    offsetof(struct doc, congress_line), 0 },
	{ "summary", META_STR, offsetof(struct doc, summary), 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct meta_key note_keys[] = {
	{ "title", META_STR, offsetof(struct doc, title), 0, 1 },
	{ "id", META_ID, offsetof(struct doc, id), offsetof(struct doc, id_loc), 0 },
	{ "level", META_LEVEL, offsetof(struct doc, level), 0, 1 },
	{ "locality", META_STR, offsetof(struct doc, locality), 0, 0 },
	{ "parent", META_ID, offsetof(struct doc, parent),
	    offsetof(struct doc, parent_loc), 0 },
	{ "term", META_TERM, offsetof(struct doc, term), 0, 0 },
	{ "updated", META_DATE, offsetof(struct doc, updated), 0, 0 },
	{ "summary", META_STR, offsetof(struct doc, summary), 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

/* An error that belongs to the doc being loaded. */
static int
doc_error(struct ctx *c, struct loc l, const char *msg, const char *arg)
{
	c->doc->n_errors++;
	return error_at(l, msg, arg);
}

static struct loc
node_loc(const struct doc *d, cmark_node *n)
{
	struct loc l;

	l.path = d->path;
	l.line = cmark_node_get_start_line(n);
	l.col = cmark_node_get_start_column(n);
	return l;
}

static struct block *
new_block(struct ctx *c, enum block_kind kind, struct loc l)
{
	struct doc *d = c->doc;
	struct block *b = xcalloc(1, sizeof(*b));

	b->kind = kind;
	b->loc = l;
	d->blocks = xgrow(d->blocks, &c->cap_blocks, d->n_blocks + 1,
	    sizeof(*d->blocks));
	d->blocks[d->n_blocks++] = b;
	return b;
}

static void	doc_free_fields(struct doc *);
static void	free_lists(struct doc *);
static void	wikilink_free(struct wikilink *);
static void	section_index_free(struct doc *);

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

/* Adds one class, turning a congress numeral into the mark. */
static void
attrs_class(struct attrs *a, const char *s, size_t n,
    struct loc l)
{
	int v = roman_ivx(s, n), upper = n > 0 && s[0] >= 'A' && s[0] <= 'Z';

	if (v && upper) {
		char lower[16];
		size_t i;

		for (i = 0; i < n && i < sizeof(lower) - 1; i++)
			lower[i] = (char)(s[i] | 0x20);
		lower[i] = '\0';
		warn_at(l, "congress marks are lower case: write '.%s'; "
		    "'%.*s' is kept as a plain class", lower, (int)n, s);
	} else if (v >= CONGRESS_MIN && v <= CONGRESS_MAX) {
		if (a->mark && a->mark != v)
			warn_at(l, "more than one congress mark; '%.*s' wins",
			    (int)n, s);
		a->mark = v;
		return;
	} else if (v)
		warn_at(l, "'%.*s' is not a congress mark (marks go from ix "
		    "to xx); kept as a plain class", (int)n, s);
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
    struct loc l)
{
	size_t i = 0, j;

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
				warn_at(l, "invalid id '%.80s' ignored: use lower "
				    "case letters, digits and '-'", a->id);
				free(a->id);
				a->id = NULL;
			}
		} else if (s[i] == '.' && j > i + 1)
			attrs_class(a, s + i + 1, j - i - 1, l);
		else if (memchr(s + i, '=', j - i) != NULL || s[i] == '-')
			warn_at(l, "attribute '%.*s' is ignored", (int)(j - i),
			    s + i);
		else
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

/* Finds fences outside fenced code, pairs them, and returns the text
 * for cmark with every fence line replaced by FENCE_MARKER. */
static char *
fences_scan(struct ctx *c, const char *s, size_t len, size_t *outlen)
{
	struct buf out = BUF_INIT;
	size_t i = 0, n, ind, run, *stack = NULL, sp = 0, cap = 0;
	char code_ch = 0;
	size_t code_run = 0;
	int line = 0;

	while (i < len) {
		const char *p = s + i, *nl = memchr(p, '\n', len - i);

		n = nl ? (size_t)(nl - p) : len - i;
		line++;
		ind = count_run(p, n, ' ');
		if (code_ch) {
			run = count_run(p + ind, n - ind, code_ch);
			if (ind <= 3 && run >= code_run &&
			    count_run(p + ind + run, n - ind - run, ' ') ==
			    n - ind - run)
				code_ch = 0;
		} else if (ind <= 3 && n - ind >= 3 && (p[ind] == '`' ||
		    p[ind] == '~') && (run = count_run(p + ind, n - ind,
		    p[ind])) >= 3 && (p[ind] == '~' || memchr(p + ind + run,
		    '`', n - ind - run) == NULL)) {
			code_ch = p[ind];
			code_run = run;
		} else if (ind <= 3 && (run = count_run(p + ind, n - ind,
		    ':')) >= 3) {
			const char *a = p + ind + run, *e = p + n;
			struct fence *f;

			while (a < e && (*a == ' ' || *a == '\t'))
				a++;
			while (e > a && (e[-1] == ':' || e[-1] == ' ' ||
			    e[-1] == '\t'))
				e--;
			c->fences = xgrow(c->fences, &c->cap_fences,
			    c->n_fences + 1, sizeof(*c->fences));
			f = &c->fences[c->n_fences];
			memset(f, 0, sizeof(*f));
			f->line = line;
			f->col = (int)ind + 1;
			f->pair = -1;
			f->open = e > a;
			if (f->open && sp >= MAX_DIV_DEPTH) {
				doc_error(c, (struct loc){ c->doc->path, line,
				    f->col }, "divs nested deeper than %s",
				    "32");
				f->attrs = xstrdup("");
			} else if (f->open) {
				f->attrs = xstrndup(a, (size_t)(e - a));
				stack = xgrow(stack, &cap, sp + 1,
				    sizeof(*stack));
				stack[sp++] = c->n_fences;
			} else if (sp == 0) {
				doc_error(c, (struct loc){ c->doc->path, line,
				    f->col }, "closing fence '%.80s' with no open "
				    "div", ":::");
			} else {
				sp--;
				f->pair = (int)stack[sp];
				c->fences[stack[sp]].pair = (int)c->n_fences;
			}
			c->n_fences++;
			buf_put(&out, p, ind);
			buf_puts(&out, FENCE_MARKER);
			buf_putc(&out, '\n');
			i += n + 1;
			continue;
		}
		buf_put(&out, p, n);
		buf_putc(&out, '\n');
		i += n + 1;
	}
	while (sp > 0) {
		struct fence *f = &c->fences[stack[--sp]];

		doc_error(c, (struct loc){ c->doc->path, f->line, f->col },
		    "unclosed div: add a line '%.80s' where it ends", ":::");
	}
	free(stack);
	return buf_detach(&out, outlen);
}

static struct fence *
fence_at(struct ctx *c, cmark_node *n)
{
	const char *lit;
	size_t i, lo, hi;
	int line;

	if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
		return NULL;
	lit = cmark_node_get_literal(n);
	if (lit == NULL || strncmp(lit, FENCE_MARKER,
	    sizeof(FENCE_MARKER) - 1) != 0)
		return NULL;
	line = cmark_node_get_start_line(n);
	/* Fences are in line order. */
	lo = 0;
	hi = c->n_fences;
	while (lo < hi) {
		i = (lo + hi) / 2;
		if (c->fences[i].line == line)
			return &c->fences[i];
		if (c->fences[i].line < line)
			lo = i + 1;
		else
			hi = i;
	}
	return NULL;
}

/* ---- inline passes ---- */

/* Appends the plain text of n's inline content. */
static void
plain_text(struct buf *out, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *k;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		k = cmark_iter_get_node(it);
		switch (cmark_node_get_type(k)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(out, cmark_node_get_literal(k));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		case CMARK_NODE_CUSTOM_INLINE: {
			struct wikilink *w = cmark_node_get_user_data(k);

			buf_puts(out, w->label ? w->label : w->section ?
			    w->section : w->target);
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Takes a text node out of the tree.  It is freed only after the
 * passes, which hold pointers to every text node they collected. */
static void
bury(struct ctx *c, cmark_node *t)
{
	cmark_node_unlink(t);
	c->dead = xgrow(c->dead, &c->cap_dead, c->n_dead + 1,
	    sizeof(*c->dead));
	c->dead[c->n_dead++] = t;
}

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

/* Reads a trailing {...} off a heading's last text node. */
static void
heading_attrs(struct ctx *c, cmark_node *h, struct block *b)
{
	cmark_node *t = cmark_node_last_child(h);
	const char *s, *open, *close;
	struct attrs a;
	struct buf rest = BUF_INIT;
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
	l = node_loc(c->doc, t);
	l.col += (int)(open - s);
	if (n == 0 || s[n - 1] != '}') {
		if (open[1] == '.' || open[1] == '#')
			warn_at(l, "unclosed attribute block '%.*s' left as "
			    "text: end it with '}'", (int)(s + n - open), open);
		return;
	}
	if (open > s && open[-1] != ' ' && open[-1] != '\t')
		return;
	if (attrs_parse(&a, open + 1, (size_t)(s + n - 1 - open - 1),
	    l) == -1)
		return;
	b->mark = a.mark;
	b->id = a.id;
	b->classes = a.classes.len ? buf_detach(&a.classes, NULL) : NULL;
	buf_release(&a.classes);
	while (open > s && (open[-1] == ' ' || open[-1] == '\t'))
		open--;
	buf_put(&rest, s, (size_t)(open - s));
	if (rest.len == 0 && cmark_node_previous(t) != NULL)
		bury(c, t);
	else
		cmark_node_set_literal(t, rest.data);
	buf_release(&rest);
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
		doc_error(c, l, "empty wiki link '%.80s'", "[[]]");
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
	struct loc base = node_loc(d, t), l;
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
			doc_error(c, l, "unclosed wiki link: '%.80s' needs a "
			    "closing ']]'", embed ? "![[" : "[[");
			break;
		}
		if (d->n_links >= MAX_LINKS_PER_FILE) {
			doc_error(c, l, "more than %s wiki links in one file",
			    "20000");
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
		bury(c, t);
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
			b = new_block(c, BLOCK_EMBED, w->loc);
			b->link = w;
			e = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
			cmark_node_set_user_data(e, b);
			b->node = e;
			cmark_node_insert_before(para, e);
			cmark_node_free(para);
			return;
		}
		warn_at(w->loc, "'![[...]]' embeds only when it stands alone "
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
		return;
	case URL_UNSAFE:
		warn_at(node_loc(c->doc, n), "unsafe link '%.*s' dropped; "
		    "its text is kept", shown(url, 40), url);
		break;
	case URL_INVALID:
		warn_at(node_loc(c->doc, n), "invalid link '%.*s' dropped "
		    "(%s); its text is kept", shown(url, 60), url, why);
		break;
	case URL_NETWORK:
		warn_at(node_loc(c->doc, n), "scheme-relative link '%.*s' "
		    "dropped (from a pack on disk it opens as file:); its "
		    "text is kept", shown(url, 60), url);
		break;
	case URL_RELATIVE:
		warn_at(node_loc(c->doc, n), "link to file '%.*s' would not "
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
	struct loc l = node_loc(d, n);
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
	if (path_check_inside(d->path, url, &rel, l) == -1) {
		d->n_errors++;
		goto drop;
	}
	/* An image used twice is checked (and warned about) once. */
	for (i = 0; i < d->n_images; i++)
		if (strcmp(d->images[i].path, rel) == 0)
			break;
	for (k = 0; i == d->n_images && k < c->n_refused; k++)
		if (strcmp(c->refused[k].path, rel) == 0) {
			d->n_errors++;
			error_at(l, "image '%.80s' cannot be used (see line "
			    "%d)", rel, c->refused[k].line);
			free(rel);
			goto drop;
		}
	if (i == d->n_images) {
		if (image_check(rel, l, "image", &img) == -1) {
			d->n_errors++;
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
		warn_at(l, "image '%.80s' has no alt text: describe it in "
		    "![...] for readers who cannot see it", rel);
	free(rel);
	return;
drop:
	cmark_node_set_url(n, "");
}

/* ---- restructuring ---- */

static cmark_node *
new_custom_block(struct block *b)
{
	cmark_node *n = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);

	cmark_node_set_user_data(n, b);
	b->node = n;
	return n;
}

/* Moves the top-level children into their fenced divs. */
static void
build_divs(struct ctx *c)
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
				b = new_block(c, BLOCK_DIV, (struct loc){
				    c->doc->path, f->line, f->col });
				if (f->attrs[0] == '{') {
					size_t al = strlen(f->attrs);

					if (f->attrs[al - 1] != '}' ||
					    attrs_parse(&a, f->attrs + 1,
					    al - 2, b->loc) == -1) {
						warn_at(b->loc, "cannot read the "
						    "attributes '%.80s'", f->attrs);
						memset(&a, 0, sizeof(a));
						buf_init(&a.classes);
					}
				} else if (attrs_parse(&a, f->attrs,
				    0, b->loc) == 0) {
					const char *p = f->attrs;

					/* Bare words: one class each. */
					while (*p) {
						size_t w = strcspn(p, " \t");

						if (w)
							attrs_class(&a, p,
							    w, b->loc);
						p += w;
						p += strspn(p, " \t");
					}
				}
				b->mark = a.mark;
				b->id = a.id;
				b->classes = a.classes.len ?
				    buf_detach(&a.classes, NULL) : NULL;
				buf_release(&a.classes);
				dn = new_custom_block(b);
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
static void
build_sections(struct ctx *c, cmark_node *container)
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
			build_sections(c, n);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    (b = cmark_node_get_user_data(n)) != NULL) {
			int level = cmark_node_get_heading_level(n);

			while (sp > 0 && levels[sp - 1] >= level)
				sp--;
			sec = new_custom_block(b);
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

/* Sets every block's parent from the tree. */
static void
link_parents(struct doc *d)
{
	size_t i;
	cmark_node *p;

	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->node == NULL)
			continue;
		for (p = cmark_node_parent(b->node); p; p = cmark_node_parent(p))
			if (cmark_node_get_type(p) == CMARK_NODE_CUSTOM_BLOCK) {
				b->parent = cmark_node_get_user_data(p);
				break;
			}
	}
}

/* ---- heading ids ---- */

/* Explicit ids first, then slugs with -2, -3 ... for repeats.  `bases`
 * remembers the next suffix of each slug, so n repeats cost O(n). */
static void
assign_ids(struct doc *d)
{
	struct strmap used = STRMAP_INIT;	/* borrows the blocks' ids */
	struct strmap bases = STRMAP_INIT;	/* owns its keys */
	struct strmap_slot *next;
	struct buf id = BUF_INIT;
	size_t i, base, k;

	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->id == NULL)
			continue;
		if (strmap_find(&used, b->id) || strncmp(b->id, "lp-", 3) == 0)
			warn_at(b->loc, "id '%.80s' is used twice on this page",
			    b->id);
		strmap_add(&used, b->id, 0);
	}
	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->id != NULL || b->kind != BLOCK_SECTION || b->level == 0)
			continue;
		buf_clear(&id);
		slug_append(&id, b->title, strlen(b->title));
		if (id.len == 0)
			buf_puts(&id, "section");
		base = id.len;
		if (strmap_find(&used, id.data) || strncmp(id.data, "lp-",
		    3) == 0) {
			/* A repeat: the next free suffix after the last one
			 * given to this slug. */
			if ((next = strmap_find(&bases, id.data)) == NULL) {
				strmap_add(&bases, xstrdup(id.data), 2);
				next = strmap_find(&bases, id.data);
			}
			k = next->val;
			do {
				buf_truncate(&id, base);
				buf_printf(&id, "-%zu", k++);
			} while (strmap_find(&used, id.data));
			next->val = k;
		}
		b->id = xstrdup(id.data);
		strmap_add(&used, b->id, 0);
	}
	buf_release(&id);
	strmap_release(&used);
	for (i = 0; i < bases.cap; i++)
		free((char *)bases.slots[i].key);
	strmap_release(&bases);
}

/* A '#id' link must name an id of this page, or it is dropped.  The ids
 * go into a map first: a page may hold thousands of headings and of
 * such links. */
static void
check_fragments(struct doc *d)
{
	struct strmap ids = STRMAP_INIT;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	const char *url;
	size_t i;

	for (i = 0; i < d->n_blocks; i++)
		if (d->blocks[i]->id && d->blocks[i]->level != 0 &&
		    strmap_find(&ids, d->blocks[i]->id) == NULL)
			strmap_add(&ids, d->blocks[i]->id, i);
	it = cmark_iter_new(d->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(n);
		if (url[0] != '#' || strmap_find(&ids, url + 1) != NULL)
			continue;
		warn_at(node_loc(d, n), "no heading with id '%.80s' on this "
		    "page; the link's text is kept", url + 1);
		cmark_node_set_url(n, "");
	}
	cmark_iter_free(it);
	strmap_release(&ids);
}

/* ---- the passes ---- */

static void
heading_pass(struct ctx *c, cmark_node *h)
{
	struct doc *d = c->doc;
	struct block *b = new_block(c, BLOCK_SECTION, node_loc(d, h));

	b->level = cmark_node_get_heading_level(h);
	heading_attrs(c, h, b);
	cmark_node_set_user_data(h, b);
	if (b->mark && cmark_node_get_type(cmark_node_parent(h)) !=
	    CMARK_NODE_DOCUMENT) {
		warn_at(b->loc, "a congress mark on a heading inside a list "
		    "or block quote marks nothing; move the heading out");
		b->mark = 0;
	}
}

/* Collects nodes of interest first: the tree changes as they are done. */
static void
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
			warn_at(node_loc(d, n), "raw HTML is not allowed and "
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

			plain_text(&t, todo[i]);
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

/* A div counts only when both its fences are at the top level. */
static void
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
			warn_at((struct loc){ c->doc->path, f->line, f->col },
			    "a fenced div inside a list or block quote is not "
			    "supported; its mark is ignored");
	}
	for (i = 0; i < c->n_fences; i++)
		if (!c->fences[i].valid && c->fences[i].node) {
			cmark_node_free(c->fences[i].node);
			c->fences[i].node = NULL;
		}
}

/* Without front matter the first top-level '#' heading is the title. */
static int
title_from_heading(struct ctx *c)
{
	struct doc *d = c->doc;
	cmark_node *n;
	struct block *b;

	for (n = cmark_node_first_child(d->root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 1)
			break;
	if (n == NULL)
		return -1;
	b = cmark_node_get_user_data(n);
	d->title = xstrdup(b->title);
	b->level = 0;	/* no longer a heading of the page */
	cmark_node_set_user_data(n, NULL);
	cmark_node_free(n);
	return 0;
}

static void
meta_load(struct ctx *c, const struct source *src)
{
	struct doc *d = c->doc;
	struct ynode *y;

	y = yaml_load(d->path, src->yaml, src->yaml_len, src->yaml_line);
	if (y == NULL) {
		d->n_errors++;
		return;
	}
	d->n_errors += meta_apply(d, d->kind == DOC_NOTE ? note_keys :
	    lecture_keys, y, "the front matter");
	ynode_free(y);
	if (d->kind == DOC_NOTE && d->level == LEVEL_DISTRICT &&
	    d->parent == NULL) {
		d->n_errors++;
		error_at((struct loc){ d->path, src->yaml_line, 1 },
		    "a district note needs 'parent:', the id of its "
		    "province's note");
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
	{ MAX_NESTING, "lists and block quotes nested more than "
	    STR(MAX_NESTING) " deep: use fewer levels" },
	{ MAX_LINES, "more than " STR(MAX_LINES) " lines in one file: split "
	    "the lecture" },
	{ MAX_CONTAINERS, "more than " STR(MAX_CONTAINERS) " list items and "
	    "'>' in one file: split the lecture" },
	{ MAX_EMPHASIS, "more than " STR(MAX_EMPHASIS) " runs of '*' or '_' "
	    "in one file: split the lecture" },
	{ MAX_MARKS, "more than " STR(MAX_MARKS) " '`', '!', '&', '<', '\\' "
	    "or ']' in one file: split the lecture" },
	{ MAX_BRACKETS, "more than " STR(MAX_BRACKETS) " '[' in one file: "
	    "split the lecture" },
	{ MAX_COMMENTS, "more than " STR(MAX_COMMENTS) " '<!--' in one file: "
	    "split the lecture" },
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

/* Counts the inline characters that make nodes in s[i..eol). */
static void
bounds_inline(struct bounds_scan *sc, const char *s, size_t i, size_t eol)
{
	enum bound b;

	for (; i < eol; i++) {
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
static int
over_bounds(struct ctx *c, const char *s, size_t len)
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
	doc_error(c, (struct loc){ c->doc->path, line, col }, "%s",
	    bounds[sc.passed].msg);
	return 1;
}

static char *
stem_id(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	struct buf b = BUF_INIT;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	slug_append(&b, base, dot ? (size_t)(dot - base) : strlen(base));
	return buf_detach(&b, NULL);
}

struct doc *
doc_open(const char *path, enum doc_kind kind)
{
	struct ctx c;
	struct source src;
	struct doc *d;

	int noise = diag_errors() + diag_warnings(), was = diag_quiet();

	memset(&c, 0, sizeof(c));
	d = xcalloc(1, sizeof(*d));
	d->kind = kind;
	d->path = xstrdup(path);
	d->hours = -1;
	c.doc = d;
	diag_set_quiet(1);
	if (source_load(&src, d->path) == -1) {
		d->n_errors++;
		d->meta_errors = 1;
		d->meta_noisy = 1;
		d->id = stem_id(d->path);
		d->id_guessed = 1;
		d->id_loc = (struct loc){ d->path, 1, 1 };
		diag_set_quiet(was);
		return d;
	}
	if (src.yaml != NULL)
		meta_load(&c, &src);
	diag_set_quiet(was);
	d->meta_errors = d->n_errors;
	d->meta_noisy = diag_errors() + diag_warnings() > noise;
	d->had_yaml = src.yaml != NULL;
	d->bytes = src.body_len;
	if (text_held + src.body_len <= TEXT_BUDGET) {
		d->text = src.body;
		text_held += src.body_len;
	} else {
		free(src.body);
		d->text_gone = 1;
	}
	d->yaml = src.yaml;
	d->yaml_len = src.yaml_len;
	if (d->id == NULL) {
		d->id = stem_id(d->path);
		d->id_guessed = 1;
		d->id_loc = (struct loc){ d->path, 1, 1 };
		if (!id_valid(d->id)) {
			d->n_errors++;
			d->meta_errors++;
			d->meta_noisy = 1;
		}
	}
	return d;
}

/* Prints the problems doc_open() found quietly, once: the file is read
 * again, loudly, into a scratch doc (only files with problems). */
void
doc_show_open_errors(struct doc *d)
{
	struct doc scratch;
	struct ctx c;
	struct source src;

	if (d->meta_noisy == 0 || d->meta_shown++)
		return;
	if (source_load(&src, d->path) == 0) {
		memset(&scratch, 0, sizeof(scratch));
		scratch.kind = d->kind;
		scratch.path = d->path;
		memset(&c, 0, sizeof(c));
		c.doc = &scratch;
		if (src.yaml)
			meta_load(&c, &src);
		scratch.path = NULL;	/* borrowed */
		doc_free_fields(&scratch);
		source_release(&src);
	}
	if (!id_valid(d->id))
		error_at(d->id_loc, "cannot make an id from the file name "
		    "'%.80s': rename it or set 'id:'", d->path);
}

/* Frees the lists a parse built (blocks, links, images, parts). */
static void
free_lists(struct doc *d)
{
	size_t i;

	section_index_free(d);
	for (i = 0; i < d->n_blocks; i++) {
		free(d->blocks[i]->id);
		free(d->blocks[i]->classes);
		free(d->blocks[i]->title);
		free(d->blocks[i]->title_slug);
		free(d->blocks[i]);
	}
	free(d->blocks);
	d->blocks = NULL;
	d->n_blocks = 0;
	for (i = 0; i < d->n_links; i++)
		wikilink_free(d->links[i]);
	free(d->links);
	d->links = NULL;
	d->n_links = 0;
	for (i = 0; i < d->n_images; i++)
		image_release(&d->images[i]);
	free(d->images);
	d->images = NULL;
	d->n_images = 0;
	free(d->parts);
	d->parts = NULL;
	d->n_parts = 0;
}

/* Frees what doc_parse() built; the doc is as doc_open() left it. */
static void
doc_unparse(struct doc *d)
{
	doc_drop_tree(d);
	free_lists(d);
	if (!d->had_yaml) {
		/* The title came from the body's '#' heading. */
		free(d->title);
		d->title = NULL;
	}
	d->n_errors = d->meta_errors + d->link_errors;
}

/* The cleaned body of d, for the caller to free: d->text handed over,
 * or the file read again (quietly: doc_open() reported it).  NULL when
 * it cannot be read, or no longer has the size it had. */
static char *
take_text(struct doc *d)
{
	struct source src;
	char *t;
	int was = diag_quiet(), rc;

	if (d->text != NULL) {
		t = d->text;
		d->text = NULL;
		d->text_gone = 1;
		text_held -= d->bytes;
		return t;
	}
	diag_set_quiet(1);
	rc = source_load(&src, d->path);
	diag_set_quiet(was);
	if (rc == -1)
		return NULL;
	t = src.body;
	src.body = NULL;
	if (src.body_len != d->bytes) {
		free(t);
		t = NULL;
	}
	source_release(&src);
	return t;
}

/* Parses text (d's body, freed here) into d: tree, blocks, links,
 * parts, and the problems found, counted in d. */
static void
parse_text(struct doc *d, char *body)
{
	struct ctx c;
	char *text;
	size_t len, i;

	memset(&c, 0, sizeof(c));
	c.doc = d;
	text = fences_scan(&c, body, d->bytes, &len);
	if (over_bounds(&c, body, d->bytes))
		len = 0;	/* parse nothing: the errors are reported */
	d->root = cmark_parse_document(text, len, CMARK_OPT_SOURCEPOS);
	tree_held += d->bytes;
	cmark_consolidate_text_nodes(d->root);
	c.text = text;
	c.text_len = len;
	inline_passes(&c);
	free(c.lines);
	for (i = 0; i < c.n_refused; i++)
		free(c.refused[i].path);
	free(c.refused);
	free(text);
	free(body);
	fences_validate(&c);
	if (!d->had_yaml && title_from_heading(&c) == -1)
		doc_error(&c, (struct loc){ d->path, 1, 1 }, "%s",
		    cmark_node_first_child(d->root) == NULL ?
		    "empty file: a lecture needs a title ('title:' in front "
		    "matter, or a '# ' heading)" : "no title: add front matter "
		    "with 'title:' or a '# ' heading");
	if (d->kind == DOC_NOTE && !d->had_yaml)
		doc_error(&c, (struct loc){ d->path, 1, 1 }, "%s", "a note "
		    "needs front matter with 'title:' and 'level:'");
	build_divs(&c);
	build_sections(&c, d->root);
	link_parents(d);
	assign_ids(d);
	check_fragments(d);
	marks_resolve(d);
	for (i = 0; i < c.n_fences; i++)
		free(c.fences[i].attrs);
	free(c.fences);
}

int
doc_id_unsure(const struct doc *d)
{
	return d->id_guessed && d->meta_errors > 0;
}

int
doc_parse(struct doc *d)
{
	char *body;

	/* Parsed once: blocks, links and parts outlive a dropped tree. */
	if (d->parsed)
		return d->n_errors;
	doc_show_open_errors(d);
	if (d->text == NULL && !d->text_gone)
		return d->n_errors;	/* unreadable: reported */
	if ((body = take_text(d)) == NULL) {
		d->n_errors++;
		error_at((struct loc){ d->path, 1, 1 }, "%s", "the file "
		    "changed or vanished while lecturepack read it; run it "
		    "again");
		d->parsed = 1;
		return d->n_errors;
	}
	parse_text(d, body);
	d->parsed = 1;
	return d->n_errors;
}

/* One pointer of the old parse for one of the new parse. */
struct rebind {
	const void	*new;
	void		*old;
};

static int
cmp_rebind(const void *a, const void *b)
{
	const struct rebind *x = a, *y = b;

	return x->new < y->new ? -1 : x->new > y->new;
}

/* Points the nodes of d's new tree (its blocks and links are d's
 * lists now) at the old blocks and links, which other docs' links,
 * parts and the pack point at, and gives the old blocks the new nodes.
 * The parse is deterministic: both lists match one for one. */
static void
rebind_tree(struct doc *d, struct block **ob, struct wikilink **ol)
{
	struct rebind *v, key, *hit;
	size_t n = d->n_blocks + d->n_links, i;
	cmark_iter *it;
	cmark_node *node;

	v = xmalloc((n ? n : 1) * sizeof(*v));
	for (i = 0; i < d->n_blocks; i++) {
		v[i].new = d->blocks[i];
		v[i].old = ob[i];
		ob[i]->node = d->blocks[i]->node;
	}
	for (i = 0; i < d->n_links; i++) {
		v[d->n_blocks + i].new = d->links[i];
		v[d->n_blocks + i].old = ol[i];
	}
	qsort(v, n, sizeof(*v), cmp_rebind);
	it = cmark_iter_new(d->root);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		key.new = cmark_node_get_user_data(node);
		if (key.new != NULL && (hit = bsearch(&key, v, n, sizeof(*v),
		    cmp_rebind)) != NULL)
			cmark_node_set_user_data(node, hit->old);
	}
	cmark_iter_free(it);
	free(v);
}

static int
changed_error(struct doc *d)
{
	return error_at((struct loc){ d->path, 1, 1 }, "%s", "the file "
	    "changed or vanished while lecturepack read it; run it again");
}

int
doc_tree_need(struct doc *d)
{
	struct block **blocks = d->blocks;
	struct wikilink **links = d->links;
	struct image *images = d->images;
	struct part *parts = d->parts;
	size_t n_blocks = d->n_blocks, n_links = d->n_links;
	size_t n_images = d->n_images, n_parts = d->n_parts;
	char *title = d->title, *body;
	int n_errors = d->n_errors, was = diag_quiet(), same;

	if (d->root != NULL)
		return 0;
	if (!d->parsed) {
		doc_parse(d);
		return d->root ? 0 : -1;
	}
	if ((body = take_text(d)) == NULL)
		return changed_error(d);
	/* Parse into fresh lists, quietly: the first parse showed the
	 * messages.  Then d keeps the lists it had. */
	d->blocks = NULL;
	d->links = NULL;
	d->images = NULL;
	d->parts = NULL;
	d->n_blocks = d->n_links = d->n_images = d->n_parts = 0;
	if (!d->had_yaml)
		d->title = NULL;
	diag_set_quiet(1);
	parse_text(d, body);
	diag_set_quiet(was);
	same = d->n_blocks == n_blocks && d->n_links == n_links;
	if (same)
		rebind_tree(d, blocks, links);
	else
		doc_drop_tree(d);
	free_lists(d);
	if (!d->had_yaml) {
		free(d->title);
		d->title = title;
	}
	d->blocks = blocks;
	d->links = links;
	d->images = images;
	d->parts = parts;
	d->n_blocks = n_blocks;
	d->n_links = n_links;
	d->n_images = n_images;
	d->n_parts = n_parts;
	d->n_errors = n_errors;
	return same ? 0 : changed_error(d);
}

void
doc_tree_done(struct doc *d)
{
	/* Notes stay: a few per pack, embedded by many of its pages. */
	if (d->kind == DOC_LECTURE && tree_held > TREE_BUDGET)
		doc_drop_tree(d);
}

void
doc_drop_tree(struct doc *d)
{
	size_t i;

	if (d->root == NULL)
		return;
	cmark_node_free(d->root);
	d->root = NULL;
	tree_held -= d->bytes;
	for (i = 0; i < d->n_blocks; i++)
		d->blocks[i]->node = NULL;
}

static void
wikilink_free(struct wikilink *w)
{
	free(w->target);
	free(w->section);
	free(w->label);
	free(w);
}

/* Frees the fields of d, not d itself. */
static void
doc_free_fields(struct doc *d)
{
	size_t i;

	doc_unparse(d);
	for (i = 0; i < d->n_authors; i++)
		free(d->authors[i]);
	free(d->authors);
	free(d->path);
	free(d->id);
	free(d->title);
	free(d->updated);
	free(d->summary);
	free(d->locality);
	free(d->parent);
	free(d->term);
	if (d->text != NULL)
		text_held -= d->bytes;
	free(d->text);
	free(d->yaml);
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	doc_free_fields(d);
	free(d);
}

/* doc_find_section()'s index: the first section with each id and the
 * first whose title slugs to each slug (keys borrowed from the blocks).
 * A file may hold thousands of headings and of links to them. */
struct section_index {
	struct strmap	 ids;
	struct strmap	 slugs;
};

static struct section_index *
section_index_make(struct doc *d)
{
	struct section_index *x = xcalloc(1, sizeof(*x));
	size_t i;

	for (i = 0; i < d->n_blocks; i++) {
		struct block *b = d->blocks[i];

		if (b->kind != BLOCK_SECTION || b->id == NULL || b->level == 0)
			continue;
		if (strmap_find(&x->ids, b->id) == NULL)
			strmap_add(&x->ids, b->id, i);
		if (b->title_slug == NULL)
			b->title_slug = slug_make(b->title);
		if (*b->title_slug && strmap_find(&x->slugs,
		    b->title_slug) == NULL)
			strmap_add(&x->slugs, b->title_slug, i);
	}
	return x;
}

static void
section_index_free(struct doc *d)
{
	if (d->sections == NULL)
		return;
	strmap_release(&d->sections->ids);
	strmap_release(&d->sections->slugs);
	free(d->sections);
	d->sections = NULL;
}

/* The earlier of the section found so far and the one `key` maps to. */
static size_t
section_first(const struct strmap *m, const char *key, size_t best)
{
	struct strmap_slot *s = strmap_find(m, key);

	return s && s->val < best ? s->val : best;
}

struct block *
doc_find_section(struct doc *d, const char *name)
{
	char *want = slug_make(name);
	size_t none = (size_t)-1, best = none;

	if (d->sections == NULL)
		d->sections = section_index_make(d);
	best = section_first(&d->sections->ids, name, best);
	best = section_first(&d->sections->ids, want, best);
	if (*want)
		best = section_first(&d->sections->slugs, want, best);
	free(want);
	return best == none ? NULL : d->blocks[best];
}

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

	if (mark < CONGRESS_MIN || mark > CONGRESS_MAX)
		return "";
	return names[mark - CONGRESS_MIN];
}
