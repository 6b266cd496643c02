/* render_search.c - sections and their text, as a script (see .h). */
#include "render_search.h"

#include <string.h>

#include "escape.h"

void
search_begin(struct buf *out)
{
	buf_puts(out, "/* The search index of this pack, made by lecturepack. */\n"
	    "window.LP_SEARCH = [");
}

/* Writes one section: [href, anchor, page title, section title, text]. */
static void
section(struct buf *out, int *first, const char *href, const char *anchor,
    const char *page, const char *title, struct buf *text)
{
	size_t n = text->len;

	while (n > 0 && text->data[n - 1] == ' ')
		n--;
	buf_truncate(text, n);
	if (text->len == 0 && *title == '\0')
		return;
	buf_puts(out, *first ? "\n[" : ",\n[");
	*first = 0;
	esc_json_str(out, href);
	buf_putc(out, ',');
	esc_json_str(out, anchor);
	buf_putc(out, ',');
	esc_json_str(out, page);
	buf_putc(out, ',');
	esc_json_str(out, title);
	buf_putc(out, ',');
	esc_json_str(out, text->data);
	buf_putc(out, ']');
	buf_clear(text);
}

static int
is_heading_block(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING &&
	    cmark_node_get_user_data(n) != NULL;
}

void
search_add(struct buf *out, const struct doc *d, const char *href)
{
	struct buf text = BUF_INIT;
	const struct block *cur = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;
	int first = out->data[out->len - 1] == '[';
	const char *lit;

	if (d->root == NULL)
		return;
	it = cmark_iter_new(d->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (is_heading_block(n)) {
			/* The text so far belongs to the section before. */
			section(out, &first, href, cur && cur->id ? cur->id : "",
			    d->title, cur ? cur->title : "", &text);
			cur = cmark_node_get_user_data(n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			buf_puts(&text, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_ITEM:
			buf_putc(&text, ' ');
			break;
		case CMARK_NODE_CUSTOM_INLINE: {
			const struct wikilink *w = cmark_node_get_user_data(n);

			buf_puts(&text, w->label ? w->label : w->to_section ?
			    w->to_section->title : w->to ? w->to->title :
			    w->target);
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
	section(out, &first, href, cur && cur->id ? cur->id : "", d->title,
	    cur ? cur->title : "", &text);
	buf_release(&text);
}

void
search_end(struct buf *out)
{
	buf_puts(out, "\n];\n");
}
