/* render_epub.c - the EPUB 3 pack, zipped with libzip (see render_epub.h).
 *
 * Entries, always in this order: mimetype (stored, first),
 * META-INF/container.xml, OEBPS/content.opf, OEBPS/nav.xhtml,
 * OEBPS/toc.ncx, OEBPS/cover.xhtml, OEBPS/index.xhtml (title page,
 * legend and contents), one XHTML file per lecture, one per note (the
 * appendix), the stylesheet, images, then OEBPS/cover.png when the
 * cover is an SVG (drawn by render_cover.c, since Play Books and Kindle
 * take no SVG as a book's cover).  Every entry has the same fixed time
 * and attributes, so a build is byte-for-byte reproducible.  All are
 * deflated but mimetype and the images compressed already (PNG, JPEG,
 * GIF, WebP), which are stored.
 *
 * The cover page opens the spine, linear, so that reading systems open
 * the book on it; the cover image (the PNG when there is one) is the
 * manifest's cover-image, also named by the EPUB 2 <meta name="cover">.
 *
 * Memory follows the largest entry, not the pack: libzip writes the
 * archive straight into the file the caller named (a temporary of
 * outpack_begin()), through a struct outseek (archive_cb(): the local
 * headers libzip goes back to fill in are still in its buffer, so the
 * file gets a few large writes, not several small writes and seeks per
 * entry), and the data of a lecture or note page and of each image is
 * made only when libzip asks for it (struct entry: made or read at
 * ZIP_SOURCE_STAT or _OPEN, freed when the next entry is made).  A
 * page's body comes from the caller's body_source, which renders it
 * once for the HTML page and this one.  The small documents (package,
 * navigation, cover, contents) are made up front; the stylesheet is the
 * theme's, read once for every pack. */
#include "render_epub.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libdeflate.h>
#include <zip.h>

#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "load_image.h"
#include "load_source.h"
#include "path.h"
#include "render_cover.h"
#include "render_head.h"
#include "render_html.h"
#include "write_out.h"
#include "xalloc.h"

/* Entries are deflated by libdeflate, whole, with one compressor for the
 * pack, and handed to libzip deflated (libzip then copies them as they
 * are; through zlib it set up a stream of 256 KB for each entry).
 * Measured on the benchmark's 25 packs (docs/performance.md): level 1
 * takes 15% fewer instructions for the whole build than zlib's level 3
 * did, for EPUBs 4% larger; libdeflate's 2 and 3 take as many as zlib's
 * 3, 6 takes 7% more. */
#define EPUB_DEFLATE_LEVEL	1

struct ectx {
	const struct pack	*p;
	const struct theme	*t;
	struct html_opts	 o;
	zip_t			*zip;
	struct outseek		 file;		/* the archive's file */
	zip_error_t		 file_error;	/* archive_cb()'s */
	time_t			 when;
	char			 modified[32];	/* dcterms:modified */
	char			 uuid[48];
	int			 failed;
	struct buf		 page;
	struct buf		 body;
	struct buf		 shown;		/* the EPUB's name for messages */
	struct entry		*made;		/* whose data is in memory */
	struct body_source	*bodies;	/* the pages' bodies */
	struct buf		 cover_png;	/* an SVG cover drawn, or empty */
	struct libdeflate_compressor *deflater;	/* made on first use */
	struct buf		 deflated;	/* memory for the next entry's
						   data (entry_make()) */
};

/* A zip entry, deflated or stored, whose data is made when libzip reads
 * it (a page, a file), or given when it is added (kept: `made` from the
 * start). */
struct entry {
	struct ectx		*e;
	const struct page	*page;		/* a page, or NULL */
	const char		*from;		/* a file to copy, or NULL */
	struct buf		 data;		/* deflated (or stored), while
						   libzip reads it */
	size_t			 size;		/* before deflating */
	uint32_t		 crc;		/* of the data before deflating */
	size_t			 pos;
	int			 made;
	int			 store;		/* stored, not deflated */
	zip_error_t		 error;
};

/* ---- identity and dates ---- */

static uint64_t
fnv1a(const char *s, uint64_t h)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A UUID (version 8, RFC 9562: "custom") derived from the pack id, the
 * same on every build and different for every pack. */
static void
make_uuid(char *out, size_t n, const char *id)
{
	uint64_t a = fnv1a(id, 0xcbf29ce484222325ULL);
	uint64_t b = fnv1a(id, a ^ 0x6c65637475726570ULL);

	a = (a & ~0xF000ULL) | 0x8000ULL;		/* version 8 */
	b = (b & ~(3ULL << 62)) | (2ULL << 62);		/* variant 10 */
	snprintf(out, n, "urn:uuid:%08x-%04x-%04x-%04x-%012llx",
	    (unsigned)(a >> 32), (unsigned)((a >> 16) & 0xFFFF),
	    (unsigned)(a & 0xFFFF), (unsigned)(b >> 48),
	    (unsigned long long)(b & 0xFFFFFFFFFFFFULL));
}

static time_t
date_to_time(const char *d)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(d) - 1900;
	tm.tm_mon = atoi(d + 5) - 1;
	tm.tm_mday = atoi(d + 8);
	return timegm(&tm);
}

time_t
epub_date(const struct pack *p)
{
	const char *env = getenv("SOURCE_DATE_EPOCH"), *newest = NULL;
	char *end;
	long long v;
	size_t i;

	if (env && *env) {
		errno = 0;
		v = strtoll(env, &end, 10);
		if (*end == '\0' && errno == 0 && v >= 315532800LL)
			return (time_t)v;
	}
	if (p->c->date)
		newest = p->c->date;
	for (i = 0; i < p->n_pages; i++) {
		const struct doc *d = p->pages[i].doc;

		if (d->updated && (newest == NULL || strcmp(d->updated,
		    newest) > 0))
			newest = d->updated;
	}
	/* No date anywhere: the start of the zip epoch, never the clock. */
	return newest ? date_to_time(newest) : (time_t)315532800;
}

/* ---- zip entries ---- */

/* Adds src as entry `name` (src is owned by the archive after). */
static void
add_source(struct ectx *e, const char *name, zip_source_t *src, int store)
{
	zip_int64_t idx;

	if ((idx = zip_file_add(e->zip, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		e->failed = sys_error("zip: %s", zip_strerror(e->zip));
		return;
	}
	if (zip_set_file_compression(e->zip, (zip_uint64_t)idx, store ?
	    ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 :
	    EPUB_DEFLATE_LEVEL) < 0 ||
	    zip_file_set_mtime(e->zip, (zip_uint64_t)idx, e->when, 0) < 0 ||
	    zip_file_set_external_attributes(e->zip, (zip_uint64_t)idx, 0,
	    ZIP_OPSYS_UNIX, 0100644u << 16) < 0)
		e->failed = sys_error("zip: %s", zip_strerror(e->zip));
}

static int
entry_name_ok(struct ectx *e, const char *name)
{
	if (e->failed)
		return 0;
	if (!path_entry_safe(name)) {
		e->failed = sys_error("refusing zip entry name '%s'", name);
		return 0;
	}
	return 1;
}

static struct entry	*entry_new(struct ectx *, const char *,
			    const struct page *, const char *, int);
static void		 entry_fill(struct ectx *, struct entry *,
			    const char *, size_t);

/* An entry of len bytes of data, deflated (or stored, `store`) now. */
static void
add_entry(struct ectx *e, const char *name, const void *data, size_t len,
    int store)
{
	struct entry *en;

	if (entry_name_ok(e, name) &&
	    (en = entry_new(e, name, NULL, NULL, store)) != NULL) {
		entry_fill(e, en, data, len);
		en->made = 1;
	}
}

static void
add_buf(struct ectx *e, const char *name, const struct buf *b)
{
	add_entry(e, name, b->data, b->len, 0);
}

static zip_int64_t	entry_cb(void *, void *, zip_uint64_t,
			    zip_source_cmd_t);

/* A new entry `name` of the archive, deflated or stored (`store`), its
 * data made from page pg or file `from` (both borrowed until the archive
 * is closed) or given by the caller; NULL after a failure (reported). */
static struct entry *
entry_new(struct ectx *e, const char *name, const struct page *pg,
    const char *from, int store)
{
	struct entry *en;
	zip_source_t *src;

	en = xcalloc(1, sizeof(*en));
	en->e = e;
	en->page = pg;
	en->from = from;
	en->store = store;
	buf_init(&en->data);
	zip_error_init(&en->error);
	if ((src = zip_source_function(e->zip, entry_cb, en)) == NULL) {
		zip_error_fini(&en->error);
		free(en);
		e->failed = sys_error("zip: %s", zip_strerror(e->zip));
		return NULL;
	}
	add_source(e, name, src, store);
	return en;
}

/* An entry made when libzip reads it: page pg, or a copy of file
 * `from`, stored (`store`: an image compressed already) or deflated. */
static void
add_lazy(struct ectx *e, const char *name, const struct page *pg,
    const char *from, int store)
{
	if (entry_name_ok(e, name))
		entry_new(e, name, pg, from, store);
}

static pthread_once_t deflate_once = PTHREAD_ONCE_INIT;

/* libdeflate allocates with xmalloc(): never NULL, as everywhere. */
static void
deflate_init(void)
{
	libdeflate_set_memory_allocator(xmalloc, free);
}

/* Makes en's data of data[0..len): deflated, or a copy when en is
 * stored; with its size and CRC. */
static void
entry_fill(struct ectx *e, struct entry *en, const char *data, size_t len)
{
	size_t bound;

	buf_clear(&en->data);
	en->size = len;
	en->crc = libdeflate_crc32(0, data, len);
	if (en->store) {
		buf_put(&en->data, data, len);
		return;
	}
	if (e->deflater == NULL) {
		pthread_once(&deflate_once, deflate_init);
		e->deflater = libdeflate_alloc_compressor(EPUB_DEFLATE_LEVEL);
	}
	bound = libdeflate_deflate_compress_bound(e->deflater, len);
	buf_grow(&en->data, bound);
	en->data.len = libdeflate_deflate_compress(e->deflater, data, len,
	    en->data.data, bound);
}

/* ---- XHTML pages ---- */

static const char *
label(const struct ectx *e, const char *key)
{
	return theme_label(e->t, key);
}

/* Starts a whole XHTML page in e->page: all before its body. */
static void
xhtml_open(struct ectx *e, const char *title)
{
	struct buf *b = &e->page;
	const char *lang = e->p->c->language;

	buf_clear(b);
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
	esc_html_str(b, lang);
	buf_puts(b, "\" xml:lang=\"");
	esc_html_str(b, lang);
	buf_puts(b, "\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>");
	esc_html_str(b, title);
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" "
	    "href=\"assets/epub.css\"/>\n</head>\n<body>\n");
}

static void
xhtml_close(struct ectx *e)
{
	buf_puts(&e->page, "</body>\n</html>\n");
}

/* Writes e->body as the whole XHTML page `name`. */
static void
xhtml_page(struct ectx *e, const char *name, const char *title)
{
	xhtml_open(e, title);
	buf_put(&e->page, e->body.data, e->body.len);
	xhtml_close(e);
	add_buf(e, name, &e->page);
}

static void
cover_page(struct ectx *e)
{
	const struct curriculum *c = e->p->c;
	struct buf *b = &e->body;

	buf_clear(b);
	/* A cover image fills the page on its own (its alt text is the
	 * title, which the title page shows again). */
	if (c->cover_image.path) {
		buf_puts(b, "<section class=\"cover cover-only\">\n");
		if (e->cover_png.len) {
			buf_puts(b, "<p class=\"cover-image\"><img src=\""
			    "cover.png\" alt=\"");
			esc_html_str(b, c->title);
			buf_puts(b, "\" /></p>\n");
		} else
			html_cover_image(b, c, "cover-image");
		buf_puts(b, "</section>\n");
		xhtml_page(e, "OEBPS/cover.xhtml", c->title);
		return;
	}
	buf_puts(b, "<section class=\"cover\">\n");
	buf_puts(b, "<p class=\"cover-center\">");
	esc_html_str(b, c->center);
	buf_puts(b, "</p>\n<h1 class=\"cover-title\">");
	esc_html_str(b, c->title);
	buf_puts(b, "</h1>\n");
	if (c->province_doc && c->province_doc->locality) {
		buf_puts(b, "<p class=\"cover-place\">");
		if (c->commune_doc && c->commune_doc->locality) {
			esc_html_str(b, c->commune_doc->locality);
			buf_puts(b, " – ");
		}
		if (c->district_doc && c->district_doc->locality) {
			esc_html_str(b, c->district_doc->locality);
			buf_puts(b, " – ");
		}
		esc_html_str(b, c->province_doc->locality);
		buf_puts(b, "</p>\n");
	}
	if (c->date) {
		buf_puts(b, "<p class=\"cover-date\">");
		html_date(b, c->date, e->t);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</section>\n");
	xhtml_page(e, "OEBPS/cover.xhtml", c->title);
}

static void
title_page(struct ectx *e)
{
	static const struct contents_style st = { "<h3>", "</h3>\n",
	    "<ol>\n", "</ol>\n", NULL, NULL, 0, NULL };
	const struct curriculum *c = e->p->c;
	struct buf *b = &e->body;

	buf_clear(b);
	buf_puts(b, "<section class=\"titlepage\">\n");
	html_pack_title(b, c);
	html_legend(b, &e->o, NULL);
	buf_puts(b, "<section class=\"toc\">\n<h2>");
	esc_html_str(b, label(e, "contents"));
	buf_puts(b, "</h2>\n");
	html_contents(b, &e->o, &st);
	buf_puts(b, "</section>\n</section>\n");
	xhtml_page(e, "OEBPS/index.xhtml", c->title);
}

/* Writes page pg into e->page: its section, of EPUB type `type` (and
 * the DPUB role doc-TYPE), its head as every format shows it, its
 * body (straight into the page: a long lecture is copied once). */
static void
epub_doc_page(struct ectx *e, const struct page *pg, const char *type,
    const char *cls, const struct body *body)
{
	struct buf *b = &e->page;

	xhtml_open(e, pg->doc->title);
	buf_printf(b, "<section epub:type=\"%s\" role=\"doc-%s\" "
	    "class=\"%s\">\n", type, type, cls);
	html_page_head(b, pg, &e->o);
	body_put(b, body, e->o.ext);
	buf_puts(b, "</section>\n");
	xhtml_close(e);
}

/* ---- navigation ---- */

static void
nav_sections(struct buf *b, const struct doc *d, const struct html_opts *o)
{
	size_t i;
	int open = 0;

	for (i = 0; i < d->n_blocks; i++) {
		const struct block *s = d->blocks[i];

		if (html_outline_depth(s) != 1)
			continue;
		if (!open++)
			buf_puts(b, "\n<ol>\n");
		buf_puts(b, "<li><a href=\"");
		html_href(b, d, s, o);
		buf_puts(b, "\">");
		esc_html_str(b, s->title[0] ? s->title : d->title);
		buf_puts(b, "</a></li>\n");
	}
	if (open)
		buf_puts(b, "</ol>\n");
}

/* An entry of the navigation: a link to page d (and its sections). */
static void
nav_entry(struct ectx *e, const struct doc *d, const char *text,
    int sections)
{
	struct buf *b = &e->body;

	buf_puts(b, "<li><a href=\"");
	html_href(b, d, NULL, &e->o);
	buf_puts(b, "\">");
	esc_html_str(b, text);
	buf_puts(b, "</a>");
	if (sections)
		nav_sections(b, d, &e->o);
}

static void
nav_doc(struct ectx *e)
{
	const struct pack *p = e->p;
	struct buf *b = &e->body;
	size_t i, j;

	buf_clear(b);
	buf_puts(b, "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>");
	esc_html_str(b, label(e, "contents"));
	buf_puts(b, "</h1>\n<ol>\n");
	for (i = 0; i < p->n_parts; i++) {
		const struct vpart *vp = &p->parts[i];

		if (vp->title && vp->n) {
			nav_entry(e, vp->pages[0].doc, vp->title, 0);
			buf_puts(b, "\n<ol>\n");
		}
		for (j = 0; j < vp->n; j++) {
			nav_entry(e, vp->pages[j].doc, vp->pages[j].doc->title,
			    1);
			buf_puts(b, "</li>\n");
		}
		if (vp->title && vp->n)
			buf_puts(b, "</ol>\n</li>\n");
	}
	if (p->n_notes) {
		nav_entry(e, p->notes[0].doc, label(e, "notes_title"), 0);
		buf_puts(b, "\n<ol>\n");
		for (i = 0; i < p->n_notes; i++) {
			nav_entry(e, p->notes[i].doc, p->notes[i].doc->title, 0);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ol>\n</li>\n");
	}
	buf_puts(b, "</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\""
	    "landmarks\" hidden=\"hidden\">\n<h2>");
	esc_html_str(b, label(e, "landmarks"));
	buf_puts(b, "</h2>\n<ol>\n<li><a epub:type=\"cover\" href=\"cover.xhtml\">");
	esc_html_str(b, p->c->title);
	buf_puts(b, "</a></li>\n<li><a epub:type=\"toc\" href=\"index.xhtml"
	    "\">");
	esc_html_str(b, label(e, "contents"));
	buf_puts(b, "</a></li>\n");
	if (p->n_lectures) {
		buf_puts(b, "<li><a epub:type=\"bodymatter\" href=\"");
		html_href(b, p->pages[0].doc, NULL, &e->o);
		buf_puts(b, "\">");
		esc_html_str(b, p->pages[0].doc->title);
		buf_puts(b, "</a></li>\n");
	}
	buf_puts(b, "</ol>\n</nav>\n");
	xhtml_page(e, "OEBPS/nav.xhtml", label(e, "contents"));
}

static void
ncx_point(struct buf *b, int *order, const char *text, const struct doc *d,
    const struct block *s, const struct html_opts *o, int close)
{
	buf_puts(b, "<navPoint id=\"np-");
	buf_put_int(b, *order);
	buf_puts(b, "\" playOrder=\"");
	buf_put_int(b, *order);
	buf_puts(b, "\"><navLabel><text>");
	(*order)++;
	esc_html_str(b, text);
	buf_puts(b, "</text></navLabel><content src=\"");
	html_href(b, d, s, o);
	buf_puts(b, "\"/>");
	if (close)
		buf_puts(b, "</navPoint>");
	buf_putc(b, '\n');
}

static void
ncx_doc(struct ectx *e)
{
	const struct curriculum *c = e->p->c;
	struct buf *b = &e->page;
	size_t i;
	int order = 1;

	buf_clear(b);
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ncx xmlns="
	    "\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" "
	    "xml:lang=\"");
	esc_html_str(b, c->language);
	buf_puts(b, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
	esc_html_str(b, e->uuid);
	buf_puts(b, "\"/>\n<meta name=\"dtb:depth\" content=\"2\"/>\n"
	    "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
	    "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n"
	    "<docTitle><text>");
	esc_html_str(b, c->title);
	buf_puts(b, "</text></docTitle>\n<navMap>\n");
	for (i = 0; i < e->p->n_pages; i++)
		ncx_point(b, &order, e->p->pages[i].doc->title,
		    e->p->pages[i].doc, NULL, &e->o, 1);
	buf_puts(b, "</navMap>\n</ncx>\n");
	add_buf(e, "OEBPS/toc.ncx", b);
}

/* ---- package document ---- */

static void
manifest_item(struct buf *b, const char *id, const char *href,
    const char *type, const char *props)
{
	buf_puts(b, "<item id=\"");
	esc_html_str(b, id);
	buf_puts(b, "\" href=\"");
	esc_url(b, href);
	buf_printf(b, "\" media-type=\"%s\"", type);
	if (props)
		buf_printf(b, " properties=\"%s\"", props);
	buf_puts(b, "/>\n");
}

/* Lists every image of the pack once, the cover last unless it is
 * drawn as cover.png (caller frees the array, not the images). */
static size_t
collect_images(const struct pack *p, int drawn, const struct image ***out)
{
	const struct image **v = NULL;
	size_t n = 0, cap = 0, i, k, m;

	for (i = 0; i < p->n_pages; i++) {
		const struct doc *d = p->pages[i].doc;

		for (k = 0; k < d->n_images; k++) {
			for (m = 0; m < n; m++)
				if (strcmp(v[m]->path, d->images[k].path) == 0)
					break;
			if (m < n)
				continue;
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n++] = &d->images[k];
		}
	}
	if (p->c->cover_image.path && !drawn) {
		for (m = 0; m < n; m++)
			if (strcmp(v[m]->path, p->c->cover_image.path) == 0)
				break;
		if (m == n) {
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n++] = &p->c->cover_image;
		}
	}
	*out = v;
	return n;
}

static void
opf_doc(struct ectx *e, const struct image **images, size_t n_images)
{
	const struct curriculum *c = e->p->c;
	const struct pack *p = e->p;
	struct buf *b = &e->page, href = BUF_INIT, id = BUF_INIT;
	char date[16];
	struct tm tm;
	size_t i, k;
	int drawn = e->cover_png.len > 0;
	int visual = n_images > 0 || drawn;

	gmtime_r(&e->when, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	buf_clear(b);
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package "
	    "xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	    "unique-identifier=\"pub-id\" xml:lang=\"");
	esc_html_str(b, c->language);
	buf_puts(b, "\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/"
	    "1.1/\">\n<dc:identifier id=\"pub-id\">");
	esc_html_str(b, e->uuid);
	buf_puts(b, "</dc:identifier>\n<dc:title>");
	esc_html_str(b, c->title);
	buf_puts(b, "</dc:title>\n<dc:language>");
	esc_html_str(b, c->language);
	buf_puts(b, "</dc:language>\n<dc:publisher>");
	esc_html_str(b, c->center);
	buf_puts(b, "</dc:publisher>\n");
	for (i = 0; i < p->n_lectures; i++)
		for (k = 0; k < p->pages[i].doc->n_authors; k++) {
			size_t m, q;
			int seen = 0;

			for (m = 0; m <= i && !seen; m++)
				for (q = 0; q < p->pages[m].doc->n_authors &&
				    !(m == i && q >= k); q++)
					if (strcmp(p->pages[m].doc->authors[q],
					    p->pages[i].doc->authors[k]) == 0) {
						seen = 1;
						break;
					}
			if (seen)
				continue;
			buf_puts(b, "<dc:creator>");
			esc_html_str(b, p->pages[i].doc->authors[k]);
			buf_puts(b, "</dc:creator>\n");
		}
	buf_puts(b, "<dc:date>");
	esc_html_str(b, c->date ? c->date : date);
	buf_printf(b, "</dc:date>\n<meta property=\"dcterms:modified\">%s"
	    "</meta>\n", e->modified);
	buf_puts(b, "<meta property=\"schema:accessMode\">textual</meta>\n");
	if (visual)
		buf_puts(b, "<meta property=\"schema:accessMode\">visual"
		    "</meta>\n");
	buf_puts(b, "<meta property=\"schema:accessModeSufficient\">textual"
	    "</meta>\n<meta property=\"schema:accessibilityFeature\">"
	    "structuralNavigation</meta>\n<meta property=\"schema:"
	    "accessibilityFeature\">tableOfContents</meta>\n<meta property="
	    "\"schema:accessibilityFeature\">readingOrder</meta>\n");
	if (visual)
		buf_puts(b, "<meta property=\"schema:accessibilityFeature\">"
		    "alternativeText</meta>\n");
	buf_puts(b, "<meta property=\"schema:accessibilityHazard\">none"
	    "</meta>\n<meta property=\"schema:accessibilitySummary\">");
	esc_html_str(b, label(e, "accessibility_summary"));
	buf_puts(b, "</meta>\n");
	/* EPUB 2's way to name the cover image, which Kindle reads. */
	if (c->cover_image.path)
		buf_puts(b, "<meta name=\"cover\" content=\"img-0\"/>\n");
	buf_puts(b, "</metadata>\n<manifest>\n");
	manifest_item(b, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
	manifest_item(b, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	manifest_item(b, "cover", "cover.xhtml", "application/xhtml+xml",
	    NULL);
	manifest_item(b, "index", "index.xhtml", "application/xhtml+xml",
	    NULL);
	for (i = 0; i < p->n_pages; i++) {
		const struct doc *d = p->pages[i].doc;

		buf_clear(&href);
		buf_printf(&href, "%s.xhtml", d->id);
		buf_clear(&id);
		buf_printf(&id, "d-%s", d->id);
		manifest_item(b, id.data, href.data, "application/xhtml+xml",
		    NULL);
	}
	manifest_item(b, "css", "assets/epub.css", "text/css", NULL);
	if (drawn)
		manifest_item(b, "img-0", "cover.png", "image/png",
		    "cover-image");
	for (i = 0; i < n_images; i++) {
		/* The cover image is listed last by collect_images(). */
		int is_cover = c->cover_image.path && !drawn &&
		    strcmp(images[i]->path, c->cover_image.path) == 0;

		buf_clear(&href);
		buf_printf(&href, "media/%s", images[i]->name);
		buf_clear(&id);
		buf_printf(&id, "img-%zu", is_cover ? (size_t)0 : i + 1);
		manifest_item(b, id.data, href.data, images[i]->type,
		    is_cover ? "cover-image" : NULL);
	}
	buf_puts(b, "</manifest>\n<spine toc=\"ncx\">\n<itemref idref=\"cover\""
	    "/>\n<itemref idref=\"index\"/>\n");
	for (i = 0; i < p->n_pages; i++) {
		const struct doc *d = p->pages[i].doc;

		buf_puts(b, "<itemref idref=\"d-");
		esc_html_str(b, d->id);
		buf_puts(b, "\"/>\n");
	}
	buf_puts(b, "<itemref idref=\"nav\" linear=\"no\"/>\n</spine>\n"
	    "</package>\n");
	add_buf(e, "OEBPS/content.opf", b);
	buf_release(&href);
	buf_release(&id);
}

/* ---- the archive ---- */

/* An SVG cover is drawn as a PNG into e->cover_png, once per EPUB; one
 * librsvg cannot draw is a warning at the curriculum's cover: and the
 * SVG stays the cover image. */
static void
cover_draw(struct ectx *e)
{
	struct curriculum *c = e->p->c;
	struct buf why = BUF_INIT;
	char *data;
	size_t len;

	if (c->cover_image.path == NULL ||
	    strcmp(c->cover_image.type, "image/svg+xml") != 0)
		return;
	if (file_read(c->cover_image.path, &data, &len, IMAGE_SVG_MAX_BYTES) ==
	    -1) {
		e->failed = sys_error("cannot read '%s': %s",
		    c->cover_image.path, file_strerror(errno));
		return;
	}
	if (cover_png(data, len, &e->cover_png, &why) == -1)
		warn_at(&c->msgs, c->cover_loc, "cover '%s' cannot be drawn as "
		    "a PNG (%s): the EPUB's cover stays SVG, which some "
		    "e-readers do not show", c->cover_image.path, why.data);
	free(data);
	buf_release(&why);
}

/* Makes the data of entry en, once until it is closed.  Returns 0 or
 * -1 (reported, unless the run was interrupted). */
static int
entry_make(struct entry *en)
{
	struct ectx *e = en->e;
	char *data;
	size_t len;

	if (en->made)
		return 0;
	/* One entry's data at a time: libzip may ask for the size again
	 * after reading, so data stays until the next entry's is made. */
	if (e->made != NULL) {
		/* its memory serves the next entry's data */
		buf_release(&e->deflated);
		e->deflated = e->made->data;
		buf_init(&e->made->data);
		e->made->made = 0;
		e->made = NULL;
	}
	if (e->failed || out_interrupted()) {
		e->failed = 1;
		return -1;
	}
	en->data = e->deflated;
	buf_init(&e->deflated);
	if (en->from != NULL) {
		if (file_read(en->from, &data, &len, 256u << 20) == -1) {
			e->failed = sys_error("cannot read '%s': %s", en->from,
			    file_strerror(errno));
			return -1;
		}
		entry_fill(e, en, data, len);
		free(data);
	} else {
		const struct body *body = e->bodies->get(e->bodies,
		    (size_t)(en->page - e->p->pages));

		if (body == NULL) {
			e->failed = 1;
			return -1;
		}
		if (en->page->kind == PAGE_LECTURE)
			epub_doc_page(e, en->page, "chapter", "lecture", body);
		else
			epub_doc_page(e, en->page, "appendix", "note", body);
		entry_fill(e, en, e->page.data, e->page.len);
		buf_clear(&e->page);
	}
	en->made = 1;
	en->pos = 0;
	e->made = en;
	return 0;
}

/* libzip's callback for a struct entry: STAT says how the data is
 * stored, with its size and CRC, so libzip copies it as it is. */
static zip_int64_t
entry_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct entry *en = ud;
	zip_stat_t *st;
	size_t n;

	switch (cmd) {
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	case ZIP_SOURCE_STAT:
		if (len < sizeof(*st) || entry_make(en) == -1)
			break;
		st = data;
		zip_stat_init(st);
		st->mtime = en->e->when;
		st->size = en->size;
		st->comp_size = en->data.len;
		st->comp_method = en->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
		st->crc = en->crc;
		st->encryption_method = ZIP_EM_NONE;
		st->valid = ZIP_STAT_MTIME | ZIP_STAT_SIZE |
		    ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
		    ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD;
		return sizeof(*st);
	case ZIP_SOURCE_OPEN:
		if (entry_make(en) == -1)
			break;
		en->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		n = en->data.len - en->pos;
		if (n > len)
			n = (size_t)len;
		memcpy(data, en->data.data + en->pos, n);
		en->pos += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&en->error, data, len);
	case ZIP_SOURCE_FREE:
		if (en->e->made == en)
			en->e->made = NULL;
		buf_release(&en->data);
		zip_error_fini(&en->error);
		free(en);
		return 0;
	default:
		zip_error_set(&en->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
	zip_error_set(&en->error, ZIP_ER_READ, EIO);
	return -1;
}

/* Writes the archive into its file and closes it; on failure the
 * caller (outpack_abort()) removes the file. */
static int
finish_zip(struct ectx *e)
{
	zip_error_t *ze;
	int rc = 0;

	if (e->failed || out_interrupted()) {
		zip_discard(e->zip);
		rc = -1;
	} else if (zip_close(e->zip) < 0) {
		/* A failed entry said why; else the system or libzip. */
		ze = zip_get_error(e->zip);
		if (!e->failed && !out_interrupted())
			sys_error("cannot write '%s': %s", e->shown.data,
			    zip_error_system_type(ze) == ZIP_ET_SYS ?
			    strerror(zip_error_code_system(ze)) :
			    zip_error_strerror(ze));
		zip_discard(e->zip);
		rc = -1;
	}
	if (outseek_close(&e->file) == -1 && rc == 0)
		rc = sys_error("cannot write '%s': %s", e->shown.data,
		    strerror(errno));
	zip_error_fini(&e->file_error);
	return rc;
}

/* libzip's callback for the archive itself: a new file, written
 * through e->file.  It holds nothing to read (STAT says it does not
 * exist yet, so zip_open_from_source() makes a new archive). */
static zip_int64_t
archive_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct ectx *e = ud;
	zip_source_args_seek_t *to;

	switch (cmd) {
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_WRITABLE;
	case ZIP_SOURCE_STAT:
		zip_error_set(&e->file_error, ZIP_ER_READ, ENOENT);
		return -1;
	case ZIP_SOURCE_OPEN:
	case ZIP_SOURCE_READ:
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_SEEK:
	case ZIP_SOURCE_TELL:
	case ZIP_SOURCE_BEGIN_WRITE:
	case ZIP_SOURCE_ROLLBACK_WRITE:
	case ZIP_SOURCE_REMOVE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_WRITE:
		if (outseek_write(&e->file, data, (size_t)len) == -1)
			break;
		return (zip_int64_t)len;
	case ZIP_SOURCE_SEEK_WRITE:
		if ((to = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data,
		    len, &e->file_error)) == NULL)
			return -1;
		if (outseek_seek(&e->file, (long long)to->offset,
		    to->whence) == -1) {
			zip_error_set(&e->file_error, ZIP_ER_SEEK, errno);
			return -1;
		}
		return 0;
	case ZIP_SOURCE_TELL_WRITE:
		return (zip_int64_t)e->file.pos;
	case ZIP_SOURCE_COMMIT_WRITE:
		if (outseek_flush(&e->file) == -1)
			break;
		return 0;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&e->file_error, data, len);
	default:
		zip_error_set(&e->file_error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
	zip_error_set(&e->file_error, ZIP_ER_WRITE, errno);
	return -1;
}

/* Opens a new archive at path, in a folder the caller made
 * (outpack_begin()). */
static int
open_zip(struct ectx *e, const char *path)
{
	zip_source_t *src;
	zip_error_t err;

	if (outseek_open(&e->file, path) == -1)
		return sys_error("cannot write '%s': %s", e->shown.data,
		    strerror(errno));
	zip_error_init(&e->file_error);
	zip_error_init(&err);
	if ((src = zip_source_function_create(archive_cb, e, &err)) == NULL ||
	    (e->zip = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE,
	    &err)) == NULL) {
		sys_error("cannot write '%s': %s", e->shown.data,
		    zip_error_strerror(&err));
		zip_source_free(src);
		zip_error_fini(&err);
		zip_error_fini(&e->file_error);
		outseek_close(&e->file);
		return -1;
	}
	zip_error_fini(&err);
	return 0;
}

int
epub_write(const struct pack *p, const struct theme *t, const char *path,
    int current, struct body_source *bodies)
{
	static const char container[] = "<?xml version=\"1.0\" encoding=\""
	    "UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:"
	    "tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile "
	    "full-path=\"OEBPS/content.opf\" media-type=\"application/"
	    "oebps-package+xml\"/>\n</rootfiles>\n</container>\n";
	struct ectx e;
	const struct image **images;
	struct buf name = BUF_INIT;
	struct tm tm;
	size_t i, n_images;
	int rc;

	memset(&e, 0, sizeof(e));
	e.p = p;
	e.t = t;
	e.bodies = bodies;
	html_opts_init(&e.o, p, t, current, ".xhtml");
	buf_init(&e.page);
	buf_init(&e.body);
	buf_init(&e.shown);
	buf_init(&e.cover_png);
	out_shown_name(&e.shown, path);
	/* libzip turns times into DOS times with the local zone: run.c
	 * pins it to UTC before any pack is built. */
	e.when = epub_date(p);
	gmtime_r(&e.when, &tm);
	strftime(e.modified, sizeof(e.modified), "%Y-%m-%dT%H:%M:%SZ", &tm);
	make_uuid(e.uuid, sizeof(e.uuid), p->c->id);
	if (open_zip(&e, path) == -1) {
		buf_release(&e.page);
		buf_release(&e.body);
		buf_release(&e.shown);
		return -1;
	}
	add_entry(&e, "mimetype", "application/epub+zip", 20, 1);
	add_entry(&e, "META-INF/container.xml", container,
	    sizeof(container) - 1, 0);
	cover_draw(&e);
	n_images = collect_images(p, e.cover_png.len > 0, &images);
	opf_doc(&e, images, n_images);
	nav_doc(&e);
	ncx_doc(&e);
	cover_page(&e);
	title_page(&e);
	for (i = 0; i < p->n_pages; i++) {
		buf_clear(&name);
		buf_printf(&name, "OEBPS/%s.xhtml", p->pages[i].doc->id);
		add_lazy(&e, name.data, &p->pages[i], NULL, 0);
	}
	add_entry(&e, "OEBPS/assets/epub.css", theme_epub_css(t)->data,
	    theme_epub_css(t)->len, 0);
	for (i = 0; i < n_images; i++) {
		buf_clear(&name);
		buf_printf(&name, "OEBPS/media/%s", images[i]->name);
		/* PNG, JPEG, GIF and WebP are compressed already:
		 * deflating them again costs time for nothing. */
		add_lazy(&e, name.data, NULL, images[i]->path,
		    strcmp(images[i]->type, "image/svg+xml") != 0);
	}
	if (e.cover_png.len)
		add_entry(&e, "OEBPS/cover.png", e.cover_png.data,
		    e.cover_png.len, 1);
	free(images);
	buf_release(&name);
	rc = finish_zip(&e);
	libdeflate_free_compressor(e.deflater);
	buf_release(&e.deflated);
	buf_release(&e.cover_png);
	buf_release(&e.page);
	buf_release(&e.body);
	buf_release(&e.shown);
	return rc;
}
