/* render_head.c - page heads and dates (see render_head.h). */
#include "render_head.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "load_meta.h"
#include "model.h"

void
html_date(struct buf *out, const char *iso, const struct theme *t)
{
	char y[5] = "", m[3] = "", d[3] = "";
	struct tvar vars[] = { { "d", d, 0 }, { "m", m, 0 }, { "y", y, 0 },
	    { NULL, NULL, 0 } };

	buf_puts(out, "<time datetime=\"");
	esc_html_str(out, iso);
	buf_puts(out, "\">");
	/* Dates are YYYY-MM-DD once loaded; anything else is shown as is. */
	if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-') {
		memcpy(y, iso, 4);
		memcpy(m, iso + 5, 2);
		memcpy(d, iso + 8, 2);
		theme_label_vars(t, out, "date_format", vars);
	} else
		esc_html_str(out, iso);
	buf_puts(out, "</time>");
}

/* <dt>KEY</dt><dd>, the caller writes the value and ends the row. */
static void
row_open(struct buf *b, const struct theme *t, const char *key)
{
	buf_puts(b, "<dt>");
	esc_html_str(b, theme_label(t, key));
	buf_puts(b, "</dt><dd>");
}

static void
row_text(struct buf *b, const struct theme *t, const char *key,
    const char *value)
{
	row_open(b, t, key);
	esc_html_str(b, value);
	buf_puts(b, "</dd>\n");
}

static void
kicker_title(struct buf *b, const char *kicker, const char *title)
{
	buf_puts(b, "<header class=\"lecture-header\">\n");
	if (kicker) {
		buf_puts(b, "<p class=\"lecture-part\">");
		esc_html_str(b, kicker);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<h1>");
	esc_html_str(b, title);
	buf_puts(b, "</h1>\n");
}

static void
lecture_head(struct buf *b, const struct page *pg, const struct html_opts *o)
{
	const struct doc *d = pg->doc;
	const struct theme *t = o->theme;

	kicker_title(b, pg->part ? pg->part->title : NULL, d->title);
	if (d->n_authors || d->hours >= 0 || d->updated) {
		buf_puts(b, "<dl class=\"lecture-meta\">\n");
		if (d->n_authors) {
			row_open(b, t, "authors");
			html_authors(b, d);
			buf_puts(b, "</dd>\n");
		}
		if (d->hours >= 0) {
			row_open(b, t, "hours");
			buf_put_int(b, d->hours);
			buf_putc(b, ' ');
			esc_html_str(b, theme_label(t, "hours_unit"));
			buf_puts(b, "</dd>\n");
		}
		if (d->updated) {
			row_open(b, t, "updated");
			html_date(b, d->updated, t);
			buf_puts(b, "</dd>\n");
		}
		buf_puts(b, "</dl>\n");
	}
	if (d->summary) {
		buf_puts(b, "<p class=\"lecture-summary\">");
		esc_html_str(b, d->summary);
		buf_puts(b, "</p>\n");
	}
	html_lecture_badge(b, d, o);
}

/* The word of note d's level; a note without a valid level has an
 * error, and no pack shows it. */
static const char *
level_word(const struct doc *d)
{
	return note_level_name(d->level) ? note_level_name(d->level) :
	    "district";
}

static void
note_head(struct buf *b, const struct doc *d, const struct html_opts *o)
{
	const struct theme *t = o->theme;
	const char *level = level_word(d);
	char key[32];

	snprintf(key, sizeof(key), "note_level_%s", level);
	kicker_title(b, theme_label(t, key), d->title);
	if (d->n_formerly) {
		buf_puts(b, "<p class=\"note-formerly\">");
		html_formerly(b, d, t);
		buf_puts(b, "</p>\n");
	}
	if (d->locality || d->term) {
		buf_puts(b, "<dl class=\"lecture-meta\">\n");
		if (d->locality)
			row_text(b, t, "center", d->locality);
		if (d->term)
			row_text(b, t, "term", d->term);
		buf_puts(b, "</dl>\n");
	}
}

void
html_article_open(struct buf *out, const struct page *pg, const char *id)
{
	if (pg->kind == PAGE_LECTURE) {
		buf_puts(out, "<article class=\"lecture\"");
	} else {
		buf_puts(out, "<article class=\"note\" data-level=\"");
		buf_puts(out, level_word(pg->doc));
		buf_putc(out, '"');
	}
	if (id) {
		buf_puts(out, " id=\"");
		esc_html_str(out, id);
		buf_putc(out, '"');
	}
	buf_puts(out, ">\n");
}

void
html_page_head(struct buf *out, const struct page *pg,
    const struct html_opts *o)
{
	if (pg->kind == PAGE_LECTURE)
		lecture_head(out, pg, o);
	else
		note_head(out, pg->doc, o);
	buf_puts(out, "</header>\n");
}
