/* render_search.c - the pack's search index and page texts (see .h). */
#include "render_search.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "text.h"
#include "xalloc.h"

struct posting {
	size_t		 word;	/* offset in search.words */
	size_t		 page;
};

struct search {
	struct buf	 words;		/* NUL-terminated, unique per page */
	struct posting	*v;
	size_t		 n, cap;
	char		**pages;	/* script ids, in order */
	size_t		 n_pages, cap_pages;
};

/* One page being added: its text script and the words it holds. */
struct page {
	struct buf	*out;
	struct buf	 words;		/* fold_words() of every string */
	int		 n_rows;
};

struct search *
search_new(void)
{
	struct search *s = xcalloc(1, sizeof(*s));

	buf_init(&s->words);
	return s;
}

void
search_free(struct search *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n_pages; i++)
		free(s->pages[i]);
	free(s->pages);
	free(s->v);
	buf_release(&s->words);
	free(s);
}

/* A JSON string of the script that the index can find by its words. */
static void
put_str(struct page *pg, const char *str)
{
	fold_words(&pg->words, str, strlen(str));
	esc_json_str(pg->out, str);
}

/* Writes one section, [anchor, title, text], when it has anything. */
static void
section(struct page *pg, const struct block *b, struct buf *text)
{
	const char *title = b ? b->title : "";

	if (text->len > 0 && text->data[text->len - 1] == ' ')
		buf_truncate(text, text->len - 1);
	if (text->len == 0 && *title == '\0')
		return;
	buf_puts(pg->out, pg->n_rows++ ? ",\n[" : "\n[");
	esc_json_str(pg->out, b && b->id ? b->id : "");
	buf_putc(pg->out, ',');
	put_str(pg, title);
	buf_putc(pg->out, ',');
	put_str(pg, text->data);
	buf_putc(pg->out, ']');
	buf_clear(text);
}

/* One space between words, none at the start. */
static void
space(struct buf *text)
{
	if (text->len > 0 && text->data[text->len - 1] != ' ')
		buf_putc(text, ' ');
}

static int
is_heading_block(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING &&
	    cmark_node_get_user_data(n) != NULL;
}

/* The plain text of d, cut into sections at its headings. */
static void
sections(struct page *pg, const struct doc *d)
{
	struct buf text = BUF_INIT;
	const struct block *cur = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *n;

	it = cmark_iter_new(d->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (is_heading_block(n)) {
			/* The text so far belongs to the section before. */
			section(pg, cur, &text);
			cur = cmark_node_get_user_data(n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(&text, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_ITEM:
			space(&text);
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
	section(pg, cur, &text);
	buf_release(&text);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds each word of the page once, under page number `page`. */
static void
add_words(struct search *s, struct buf *words, size_t page)
{
	const char **v = NULL;
	size_t n = 0, cap = 0, i;
	const char *w;

	for (w = words->data; w < words->data + words->len; w += strlen(w) + 1) {
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n++] = w;
	}
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
		s->v[s->n].word = s->words.len;
		s->v[s->n++].page = page;
		buf_put(&s->words, v[i], strlen(v[i]) + 1);
	}
	free(v);
}

void
search_page(struct search *s, const struct doc *d, const char *id,
    const char *href, struct buf *script)
{
	struct page pg = { script, BUF_INIT, 0 };

	buf_puts(script, "/* Search text of one page, made by lecturepack. */\n"
	    "window.lpSearchPage({\"id\":");
	esc_json_str(script, id);
	buf_puts(script, ",\"href\":");
	esc_json_str(script, href);
	buf_puts(script, ",\"title\":");
	put_str(&pg, d->title);
	buf_puts(script, ",\"sections\":[");
	if (d->root != NULL)
		sections(&pg, d);
	if (pg.n_rows == 0)	/* still found by its title */
		buf_puts(script, "\n[\"\",\"\",\"\"]");
	buf_puts(script, "\n]});\n");

	s->pages = xgrow(s->pages, &s->cap_pages, s->n_pages + 1,
	    sizeof(*s->pages));
	s->pages[s->n_pages] = xstrdup(id);
	add_words(s, &pg.words, s->n_pages++);
	buf_release(&pg.words);
}

struct entry {
	const char	*word;
	size_t		 page;
};

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->word, y->word);

	return c ? c : x->page < y->page ? -1 : x->page > y->page;
}

/* A page number in base 36, `width` digits. */
static void
put_page(struct buf *out, size_t page, int width)
{
	char d[16];
	int i;

	for (i = width - 1; i >= 0; i--) {
		d[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[page % 36];
		page /= 36;
	}
	buf_put(out, d, (size_t)width);
}

void
search_index(const struct search *s, struct buf *out)
{
	struct entry *e = xmalloc((s->n ? s->n : 1) * sizeof(*e));
	size_t i, max;
	int width = 1;

	for (max = 36; max < s->n_pages && width < 12; max *= 36)
		width++;
	for (i = 0; i < s->n; i++) {
		e[i].word = s->words.data + s->v[i].word;
		e[i].page = s->v[i].page;
	}
	qsort(e, s->n, sizeof(*e), cmp_entry);

	buf_puts(out, "/* The search index of this pack, made by lecturepack."
	    "  \"words\" holds, sorted\n * and space-separated, each folded"
	    " word, ':', and the numbers of its\n * pages, \"width\" base-36"
	    " digits each. */\nwindow.LP_SEARCH = {\"pages\":[");
	for (i = 0; i < s->n_pages; i++) {
		if (i > 0)
			buf_putc(out, ',');
		esc_json_str(out, s->pages[i]);
	}
	buf_printf(out, "],\n\"width\":%d,\n\"words\":\"", width);
	for (i = 0; i < s->n; i++) {
		if (i == 0 || strcmp(e[i].word, e[i - 1].word) != 0) {
			if (i > 0)
				buf_putc(out, ' ');
			buf_puts(out, e[i].word);	/* no '"', '\\', ' ', ':' */
			buf_putc(out, ':');
		}
		put_page(out, e[i].page, width);
	}
	buf_puts(out, "\"};\n");
	free(e);
}
