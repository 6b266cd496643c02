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
	buf_vprintf(&text, fmt, ap);
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

static void
report_parser_error(struct yctx *y)
{
	yaml_parser_t *p = &y->parser;
	yaml_mark_t m = p->problem_mark;

	if (p->error == YAML_MEMORY_ERROR) {
		y->failed = 1;
		sys_error("out of memory while reading YAML");
		return;
	}
	/* At the end of the text the problem mark says nothing: point at
	 * what was left open (a quote, a bracket) instead. */
	if (p->context && p->problem && strstr(p->problem, "end of stream"))
		yaml_error(y, p->context_mark, "%s: reached the end "
		    "of the YAML text before it was closed", p->context);
	else if (p->context)
		yaml_error(y, m, "%s %s", p->problem, p->context);
	else
		yaml_error(y, m, "%s", p->problem ? p->problem :
		    "invalid YAML");
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
		root = new_node(YNODE_MAP, (struct loc){ path, first_line, 1 });
	else if (root->type == YNODE_SCALAR && root->value[0] == '\0' &&
	    !root->quoted) {
		ynode_free(root);
		root = new_node(YNODE_MAP, (struct loc){ path, first_line, 1 });
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
