/* load_yaml.c - libyaml events to a located ynode tree (see load_yaml.h). */
#include "load_yaml.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "xalloc.h"

struct yctx {
	yaml_parser_t	 parser;
	const char	*path;
	int		 first_line;
	struct msgs	*msgs;		/* borrowed */
	int		 failed;	/* an error was found */
	const char	*text;		/* the YAML text, for its lines */
	size_t		 len;
};

static struct loc
mark_loc(const struct yctx *y, yaml_mark_t m)
{
	struct loc l;

	l.path = y->path;
	l.line = (int)m.line + y->first_line;
	l.col = (int)m.column + 1;
	return l;
}

/* An error at mark m; the document then fails to load. */
static int
yaml_error(struct yctx *y, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
yaml_error(struct yctx *y, yaml_mark_t m, const char *fmt, ...)
{
	va_list ap;
	struct buf text = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&text, diag_tr(fmt), ap);
	va_end(ap);
	y->failed = 1;
	error_at(y->msgs, mark_loc(y, m), "%s", text.data);
	buf_release(&text);
	return -1;
}

static void
add_kid(struct ynode *p, struct ynode *k, size_t *cap)
{
	p->kids = xgrow(p->kids, cap, p->n + 1, sizeof(*p->kids));
	p->kids[p->n++] = k;
}

static struct ynode *
new_node(enum ynode_type t, struct loc l)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = t;
	n->loc = l;
	return n;
}

/* Parses one node whose first event is *ev (consumed).  Recursion is
 * bounded by YNODE_MAX_DEPTH. */
static struct ynode *
parse_node(struct yctx *y, yaml_event_t *ev, int depth)
{
	struct ynode *n = NULL, *k;
	yaml_event_t e;
	size_t cap = 0;
	enum ynode_type t;
	yaml_event_type_t end;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = new_node(YNODE_SCALAR, mark_loc(y, ev->start_mark));
		n->value = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		yaml_event_delete(ev);
		return n;
	case YAML_ALIAS_EVENT:
		yaml_error(y, ev->start_mark, "YAML aliases are not supported");
		yaml_event_delete(ev);
		return NULL;
	case YAML_SEQUENCE_START_EVENT:
		t = YNODE_SEQ;
		end = YAML_SEQUENCE_END_EVENT;
		break;
	case YAML_MAPPING_START_EVENT:
		t = YNODE_MAP;
		end = YAML_MAPPING_END_EVENT;
		break;
	default:
		yaml_error(y, ev->start_mark, "unexpected YAML event");
		yaml_event_delete(ev);
		return NULL;
	}
	if (depth >= YNODE_MAX_DEPTH) {
		yaml_error(y, ev->start_mark, "YAML nested deeper than %d levels",
		    YNODE_MAX_DEPTH);
		yaml_event_delete(ev);
		return NULL;
	}
	n = new_node(t, mark_loc(y, ev->start_mark));
	yaml_event_delete(ev);
	for (;;) {
		if (!yaml_parser_parse(&y->parser, &e))
			goto fail;
		if (e.type == end) {
			yaml_event_delete(&e);
			return n;
		}
		if (n->n >= YNODE_MAX_ITEMS * (t == YNODE_MAP ? 2 : 1)) {
			yaml_error(y, e.start_mark, "more than %d "
			    "entries in one YAML list or map", YNODE_MAX_ITEMS);
			yaml_event_delete(&e);
			goto fail;
		}
		if ((k = parse_node(y, &e, depth + 1)) == NULL)
			goto fail;
		add_kid(n, k, &cap);
	}
fail:
	ynode_free(n);
	return NULL;
}

/* ---- libyaml's problems in plain words ---- */

/* Line `line` (0-based) of the YAML text: *s and its length *n, or -1
 * past the end. */
static int
text_line(const struct yctx *y, size_t line, const char **s, size_t *n)
{
	const char *p = y->text, *end = y->text + y->len, *nl;

	for (; line > 0; line--) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return -1;
		p = nl + 1;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	*s = p;
	*n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	return 0;
}

/* The byte offset of character `col` (0-based) of line s[0..n). */
static size_t
char_offset(const char *s, size_t n, size_t col)
{
	size_t i = 0;

	for (; i < n && col > 0; col--)
		for (i++; i < n && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

/* The byte at mark m, or 0 at a line's (or the text's) end. */
static int
char_at(const struct yctx *y, yaml_mark_t m)
{
	const char *s;
	size_t n, i;

	if (text_line(y, m.line, &s, &n) == -1 ||
	    (i = char_offset(s, n, m.column)) >= n)
		return 0;
	return (unsigned char)s[i];
}

/* The character at mark m, as text: its length in *len (0 at a line's
 * end). */
static const char *
char_text(const struct yctx *y, yaml_mark_t m, int *len)
{
	const char *s;
	size_t n, i, k;

	*len = 0;
	if (text_line(y, m.line, &s, &n) == -1 ||
	    (i = char_offset(s, n, m.column)) >= n)
		return "";
	for (k = i + 1; k < n && ((unsigned char)s[k] & 0xc0) == 0x80; k++)
		;
	*len = (int)(k - i);
	return s + i;
}

/* Where the indentation of line `line` has its first tab: 1 and its
 * mark in *at, or 0. */
static int
indent_tab(const struct yctx *y, size_t line, yaml_mark_t *at)
{
	const char *s;
	size_t n, i;

	if (text_line(y, line, &s, &n) == -1)
		return 0;
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		if (s[i] == '\t') {
			at->line = line;
			at->column = i;
			return 1;
		}
	return 0;
}

/* The last line before `line` that is not blank: its indentation in
 * *ind and its first non-blank byte, or 0 when there is none. */
static int
line_above(const struct yctx *y, size_t line, size_t *ind)
{
	const char *s;
	size_t n, i;

	while (line-- > 0) {
		if (text_line(y, line, &s, &n) == -1)
			return 0;
		for (i = 0; i < n && s[i] == ' '; i++)
			;
		if (i < n && s[i] != '#') {
			*ind = i;
			return (unsigned char)s[i];
		}
	}
	return 0;
}

/* The innermost '[' or '{' left open at the end of the text (libyaml
 * does not say which bracket a flow node at the end was in): the
 * bracket and its mark in *at, or 0.  Quotes are not followed. */
static int
last_open(const struct yctx *y, yaml_mark_t *at)
{
	yaml_mark_t stack[YNODE_MAX_DEPTH];
	int kind[YNODE_MAX_DEPTH];
	const char *s;
	size_t n, line = 0, col, i, sp = 0;

	for (; text_line(y, line, &s, &n) == 0; line++)
		for (i = 0, col = 0; i < n; i++) {
			if ((s[i] == '[' || s[i] == '{') &&
			    sp < YNODE_MAX_DEPTH) {
				memset(&stack[sp], 0, sizeof(stack[sp]));
				stack[sp].line = line;
				stack[sp].column = col;
				kind[sp++] = s[i];
			} else if ((s[i] == ']' || s[i] == '}') && sp > 0)
				sp--;
			col += ((unsigned char)s[i] & 0xc0) != 0x80;
		}
	if (sp == 0)
		return 0;
	*at = stack[sp - 1];
	return kind[sp - 1];
}

/* Whether the character at m is the first of its line's content. */
static int
starts_content(const struct yctx *y, yaml_mark_t m)
{
	const char *s;
	size_t n, i;

	if (text_line(y, m.line, &s, &n) == -1)
		return 1;
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return char_offset(s, n, m.column) <= i;
}

/* The note that shows the line of an error (every YAML syntax error has
 * one), tabs written as <tab>, a long line cut. */
static void
note_line(struct yctx *y, yaml_mark_t m)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t n, i, chars = 0;

	if (text_line(y, m.line, &s, &n) == -1 || n == 0)
		return;
	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++chars > 72) {
			buf_puts(&b, "\xe2\x80\xa6");
			break;
		}
		if (s[i] == '\t')
			buf_puts(&b, "<tab>");
		else
			buf_putc(&b, s[i]);
	}
	note_at(y->msgs, LOC(y->path, (int)m.line + y->first_line,
	    1), "the line is '%s'", b.data);
	buf_release(&b);
}

static int
is(const char *s, const char *what)
{
	return s != NULL && strstr(s, what) != NULL;
}

/* libyaml's problem as a lecturer would put it: what was expected at
 * that place and how to fix it, then the line (note_line()). */
static void
report_parser_error(struct yctx *y)
{
	yaml_parser_t *p = &y->parser;
	yaml_mark_t m = p->problem_mark, at, opened = p->context_mark;
	const char *prob = p->problem, *ctx = p->context, *s;
	size_t ind, n;
	const char *ch;
	int above, at_end, open, len, open_line = (int)p->context_mark.line + y->first_line;

	if (p->error == YAML_MEMORY_ERROR) {
		y->failed = 1;
		sys_error("out of memory while reading YAML");
		return;
	}
	/* At the end of the text the problem mark says nothing: point at
	 * what was left open instead. */
	at_end = text_line(y, m.line, &s, &n) == -1 ||
	    (n == 0 && s == y->text + y->len);
	if (p->context != NULL && at_end)
		m = p->context_mark;
	if (at_end && is(ctx, "flow node") && (open = last_open(y, &at))) {
		m = opened = at;
		ctx = open == '[' ? "flow sequence" : "flow mapping";
		prob = "end of stream";
	}
	if (indent_tab(y, m.line, &at) || (is(prob, "tab character") &&
	    (at = m, 1))) {
		yaml_error(y, at, "a tab is used to indent this line: YAML "
		    "indents with spaces only; replace the tab with spaces");
		m = at;
	} else if (is(ctx, "quoted scalar") && is(prob, "end of stream")) {
		m = p->context_mark;
		yaml_error(y, m, "the value in quotes that starts here is never "
		    "closed: add the closing quote mark (%c) at its end",
		    char_at(y, m) == '\'' ? '\'' : '"');
	} else if (is(prob, "unknown escape")) {
		at = m;
		at.column++;
		yaml_error(y, m, "unknown escape '\\%c' in a value in double "
		    "quotes: write '\\\\' for a backslash, or put the value in "
		    "single quotes ('...')", char_at(y, at));
	} else if ((is(ctx, "flow sequence") || is(ctx, "flow mapping")) &&
	    (m.line > opened.line || is(prob, "end of stream"))) {
		m = opened;
		if (is(ctx, "flow sequence"))
			yaml_error(y, m, "the list opened with '[' is not "
			    "closed on its line: add ']' after its last item");
		else
			yaml_error(y, m, "the map opened with '{' is not "
			    "closed on its line: add '}' after its last entry");
	} else if (is(ctx, "flow sequence")) {
		yaml_error(y, m, "expected ',' or ']' here, in the list opened "
		    "with '[' at column %d: an item with ',', ']' or ': ' in it "
		    "must be in quotes", (int)p->context_mark.column + 1);
	} else if (is(ctx, "flow mapping")) {
		yaml_error(y, m, "expected ',' or '}' here, in the map opened "
		    "with '{' at column %d: a value with ',', '}' or ': ' in it "
		    "must be in quotes", (int)p->context_mark.column + 1);
	} else if (is(prob, "cannot start any token")) {
		ch = char_text(y, m, &len);
		yaml_error(y, m, "a value cannot start with '%.*s': put the value "
		    "in quotes (\"...\")", len, ch);
	} else if (is(prob, "mapping values are not allowed")) {
		yaml_error(y, m, "this ': ' is read as the start of a new key: "
		    "put a value that contains ': ' in quotes (\"...\"), and "
		    "start each key on a line of its own");
	} else if (is(prob, "block sequence entries are not allowed")) {
		yaml_error(y, m, "a list item ('- ...') cannot start on the "
		    "line of its key: put each item on a line of its own, "
		    "indented under the key, or write the value in quotes");
	} else if (is(ctx, "simple key") && is(prob, "expected ':'")) {
		m = p->context_mark;
		yaml_error(y, m, "this line is not 'key: value': add ':' after "
		    "the key, or indent the line under the key whose value it "
		    "continues");
	} else if (is(ctx, "block mapping") && is(prob, "expected key") &&
	    char_at(y, m) == '-' && starts_content(y, m)) {
		above = line_above(y, m.line, &ind);
		if (above == '-')
			yaml_error(y, m, "this list item ('- ...') is not in "
			    "line with the items above it: start every item of "
			    "a list in the same column (here column %d)",
			    (int)ind + 1);
		else
			yaml_error(y, m, "a list item ('- ...') where a key "
			    "('key: value') was expected: put the list under "
			    "its key, one item a line");
	} else if (is(ctx, "block mapping") && is(prob, "expected key") &&
	    starts_content(y, m)) {
		yaml_error(y, m, "this key is not in line with the keys of the "
		    "map that starts on line %d: keys of one map start in the "
		    "same column (column %d)", open_line,
		    (int)p->context_mark.column + 1);
	} else if (is(ctx, "block mapping") && is(prob, "expected key")) {
		ch = char_text(y, m, &len);
		yaml_error(y, m, "unexpected '%.*s' after the value: put the whole "
		    "value in quotes (\"...\") or end it before this", len, ch);
	} else if (is(ctx, "block collection") && is(prob, "'-'")) {
		yaml_error(y, m, "this line is in line with the items of the "
		    "list that starts on line %d but is not an item: start it "
		    "with '- ', or move it back in line with the keys",
		    open_line);
	} else if (is(prob, "expected node content")) {
		yaml_error(y, m, "a value is missing here");
	} else if (ctx != NULL) {
		yaml_error(y, m, "invalid YAML: %s %s", prob ? prob : "", ctx);
	} else {
		yaml_error(y, m, "invalid YAML: %s", prob ? prob :
		    "cannot read it");
	}
	note_line(y, m);
}

struct ynode *
yaml_load(const char *path, const char *text, size_t len, int first_line,
    struct msgs *msgs)
{
	struct yctx y;
	struct ynode *root = NULL;
	yaml_event_t e;

	memset(&y, 0, sizeof(y));
	y.path = path;
	y.first_line = first_line;
	y.msgs = msgs;
	y.text = text;
	y.len = len;
	yaml_parser_initialize(&y.parser);
	yaml_parser_set_input_string(&y.parser, (const unsigned char *)text,
	    len);
	for (;;) {
		if (!yaml_parser_parse(&y.parser, &e))
			break;
		if (e.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		if (e.type == YAML_STREAM_START_EVENT ||
		    e.type == YAML_DOCUMENT_START_EVENT ||
		    e.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&e);
			continue;
		}
		if (root != NULL) {
			yaml_error(&y, e.start_mark,
			    "only one YAML document is allowed here");
			yaml_event_delete(&e);
			break;
		}
		if ((root = parse_node(&y, &e, 0)) == NULL)
			break;
	}
	if (y.parser.error != YAML_NO_ERROR)
		report_parser_error(&y);
	yaml_parser_delete(&y.parser);
	if (y.failed) {
		ynode_free(root);
		return NULL;
	}
	if (root == NULL)
		root = new_node(YNODE_MAP, LOC(path, first_line, 1));
	else if (root->type == YNODE_SCALAR && root->value[0] == '\0' &&
	    !root->quoted) {
		ynode_free(root);
		root = new_node(YNODE_MAP, LOC(path, first_line, 1));
	}
	return root;
}

void
ynode_free(struct ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		ynode_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

struct ynode *
ynode_get(const struct ynode *m, const char *key)
{
	size_t i;

	if (m == NULL || m->type != YNODE_MAP)
		return NULL;
	for (i = 0; i + 1 < m->n; i += 2)
		if (m->kids[i]->type == YNODE_SCALAR &&
		    strcmp(m->kids[i]->value, key) == 0)
			return m->kids[i + 1];
	return NULL;
}
