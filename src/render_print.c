/* render_print.c - the one page of a pack for printing (see
 * render_print.h).  The page is written piece by piece as the pack's
 * pages are rendered, each piece added to the end of print.html: the
 * course's markup is never in memory whole. */
#include "render_print.h"

#include <stdlib.h>

#include "buf.h"
#include "escape.h"
#include "render_head.h"
#include "xalloc.h"

struct print {
	struct body_sink	 sink;		/* first: flush_sink() casts */
	const struct pack	*p;
	const struct theme	*t;
	struct html_opts	 o;		/* one_page: hrefs are "#id" */
	struct outfile		 file;		/* print.html */
	struct buf		 page;		/* the piece being made */
	int			 failed;
};

/* print.html is written in pieces of about this many bytes: a few
 * writes a pack, and memory that does not grow with it. */
#define PRINT_PIECE	(128u * 1024)

/* Adds the piece made to print.html once it is PRINT_PIECE long, or
 * now (`all`). */
static void
flush(struct print *pr, int all)
{
	if (!all && pr->page.len < PRINT_PIECE)
		return;
	if (!pr->failed && outfile_put(&pr->file, pr->page.data,
	    pr->page.len) == -1)
		pr->failed = 1;
	buf_clear(&pr->page);
}

/* A long body's pieces go to the file as they are made. */
static void
flush_sink(const struct body_sink *sink, struct buf *out)
{
	struct print *pr = (struct print *)sink;

	(void)out;	/* (pr->page), BODY_CHUNK long: taken at once */
	flush(pr, 1);
}

/* The locality the pack is made for: its most local note's. */
static const char *
pack_locality(const struct curriculum *c)
{
	const struct doc *d = c->commune_doc ? c->commune_doc :
	    c->district_doc ? c->district_doc : c->province_doc;

	return d ? d->locality : NULL;
}

/* <head>: the theme's stylesheets, and the course title for the page
 * margins (print.css places it), a CSS string in the page itself. */
static void
print_head(struct print *pr)
{
	const struct curriculum *c = pr->p->c;
	struct buf *b = &pr->page;

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
	esc_html_str(b, c->language);
	buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"generator\" content=\""
	    "lecturepack " LP_VERSION "\">\n<title>");
	esc_html_str(b, c->title);
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"assets/"
	    "style.css\">\n<link rel=\"stylesheet\" href=\"assets/"
	    "print.css\">\n<style>@page { @top-center { content: ");
	esc_css_str(b, c->title);
	/* The title page has none: after the rule above, or it wins. */
	buf_puts(b, "; } }\n@page :first { @top-center { content: none; } "
	    "}</style>\n</head>\n<body class=\"print\">\n");
}

/* The title page: cover, title, center, locality and date. */
static void
title_page(struct print *pr)
{
	const struct curriculum *c = pr->p->c;
	const char *locality = pack_locality(c);
	struct buf *b = &pr->page;

	buf_puts(b, "<header class=\"print-title\">\n");
	html_cover_image(b, c, "pack-cover");
	html_pack_title(b, c);
	if (locality) {
		buf_puts(b, "<p class=\"print-locality\">");
		esc_html_str(b, locality);
		buf_puts(b, "</p>\n");
	}
	if (c->date) {
		buf_puts(b, "<p class=\"pack-date\">");
		esc_html_str(b, theme_label(pr->t, "publisher_date"));
		buf_putc(b, ' ');
		html_date(b, c->date, pr->t);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</header>\n");
}

static void
contents(struct print *pr)
{
	struct buf *b = &pr->page;

	/* The page's own ids hold a '_', which no doc id (an article's
	 * id) holds, nor any id of a body ("bai-01.x"). */
	buf_puts(b, "<nav class=\"toc print-toc\" aria-labelledby=\""
	    "lp_contents\">\n<h2 id=\"lp_contents\">");
	esc_html_str(b, theme_label(pr->t, "contents"));
	buf_puts(b, "</h2>\n");
	html_contents(b, &pr->o, &html_toc_page);
	buf_puts(b, "</nav>\n");
	html_legend(b, &pr->o, "lp_legend");
	buf_puts(b, "<main>\n");
}

struct print *
print_begin(const struct pack *p, const struct theme *t, int current,
    struct outdir *out)
{
	struct print *pr = xcalloc(1, sizeof(*pr));

	pr->p = p;
	pr->t = t;
	if (outdir_open(out, "print.html", &pr->file) == -1)
		pr->failed = 1;
	pr->sink.take = flush_sink;
	html_opts_init(&pr->o, p, t, current, "");
	pr->o.one_page = 1;
	buf_init(&pr->page);
	print_head(pr);
	title_page(pr);
	contents(pr);
	flush(pr, 0);
	return pr;
}

void
print_page(struct print *pr, size_t i, const struct body *body)
{
	const struct page *pg = &pr->p->pages[i];
	struct buf *b = &pr->page;

	if (pg->kind == PAGE_NOTE && i == pr->p->n_lectures) {
		buf_puts(b, "<section class=\"print-notes\" aria-labelledby="
		    "\"lp_notes\">\n<h1 id=\"lp_notes\" class=\"print-notes-"
		    "title\">");
		esc_html_str(b, theme_label(pr->t, "notes_title"));
		buf_puts(b, "</h1>\n");
	}
	html_article_open(b, pg, pg->doc->id);
	html_page_head(b, pg, &pr->o);
	body_put_one(b, body, pg->doc->id, &pr->sink);
	buf_puts(b, "</article>\n");
	if (pg->kind == PAGE_NOTE && i + 1 == pr->p->n_pages)
		buf_puts(b, "</section>\n");
	flush(pr, 0);
}

int
print_end(struct print *pr, int ok)
{
	int rc;

	if (ok) {
		buf_puts(&pr->page, "</main>\n</body>\n</html>\n");
		flush(pr, 1);
	}
	if (outfile_close(&pr->file) == -1)
		pr->failed = 1;
	rc = ok && !pr->failed ? 0 : -1;
	buf_release(&pr->page);
	free(pr);
	return rc;
}
