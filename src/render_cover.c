/* render_cover.c - an SVG cover drawn as a PNG (see render_cover.h).
 *
 * librsvg parses the SVG without a base file, so it loads nothing
 * beside it (image_check() has refused SVGs that would fetch or run
 * anything).  Its text goes through Pango and fontconfig, whose caches
 * are global: one drawing at a time, under cover_lock, so that packs
 * built on several threads share them safely and ThreadSanitizer sees
 * the order.  cairo writes a PNG without a time or any other varying
 * chunk, so the bytes follow the SVG and the fonts installed.
 *
 * librsvg is opened with dlopen() when the first cover is drawn, not
 * linked: it brings cairo, Pango, GLib, fontconfig, HarfBuzz and X11
 * libraries, ~40 in all, whose loading and relocation took 7 of the
 * 11 ms that every run of lecturepack spent starting (a `make` of 25
 * packs starts 26), for a drawing that only an EPUB with an SVG cover
 * needs.  The headers still give the types and the prototypes the
 * pointers below are checked against. */
#include "render_cover.h"

#include <cairo.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static pthread_mutex_t cover_lock = PTHREAD_MUTEX_INITIALIZER;

/* librsvg's soname (the ABI of librsvg 2.x); cairo, GObject and GLib
 * are found through it, as its dependencies. */
#ifndef RSVG_SONAME
#define RSVG_SONAME	"librsvg-2.so.2"
#endif

/* The functions used, looked up once, under cover_lock. */
static struct {
	int		 tried;
	void		*lib;		/* NULL: not loaded; see error */
	char		 error[256];
	RsvgHandle	*(*handle_new_from_data)(const guint8 *, gsize,
			    GError **);
	gboolean	 (*get_intrinsic_size_in_pixels)(RsvgHandle *,
			    gdouble *, gdouble *);
	void		 (*get_intrinsic_dimensions)(RsvgHandle *,
			    gboolean *, RsvgLength *, gboolean *,
			    RsvgLength *, gboolean *, RsvgRectangle *);
	gboolean	 (*render_document)(RsvgHandle *, cairo_t *,
			    const RsvgRectangle *, GError **);
	cairo_surface_t	*(*image_surface_create)(cairo_format_t, int, int);
	cairo_t		*(*create)(cairo_surface_t *);
	cairo_status_t	 (*status)(cairo_t *);
	const char	*(*status_to_string)(cairo_status_t);
	void		 (*set_source_rgb)(cairo_t *, double, double,
			    double);
	void		 (*paint)(cairo_t *);
	void		 (*surface_flush)(cairo_surface_t *);
	cairo_status_t	 (*write_to_png_stream)(cairo_surface_t *,
			    cairo_write_func_t, void *);
	void		 (*destroy)(cairo_t *);
	void		 (*surface_destroy)(cairo_surface_t *);
	void		 (*error_free)(GError *);
	void		 (*object_unref)(gpointer);
} rsvg;

/* Sets *fp to the function `name` of the library; 0, or -1. */
static int
sym(void *fp, const char *name)
{
	void *p = dlsym(rsvg.lib, name);

	if (p == NULL) {
		snprintf(rsvg.error, sizeof(rsvg.error), "%s: %s",
		    RSVG_SONAME, name);
		return -1;
	}
	memcpy(fp, &p, sizeof(p));	/* POSIX: a function's address */
	return 0;
}

/* Loads librsvg once; returns 0, or -1 with rsvg.error set. */
static int
rsvg_load(void)
{
	const char *e;

	if (rsvg.tried)
		return rsvg.lib ? 0 : -1;
	rsvg.tried = 1;
	if ((rsvg.lib = dlopen(RSVG_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		e = dlerror();
		snprintf(rsvg.error, sizeof(rsvg.error), "%s",
		    e ? e : RSVG_SONAME);
		return -1;
	}
	if (sym(&rsvg.handle_new_from_data, "rsvg_handle_new_from_data") ||
	    sym(&rsvg.get_intrinsic_size_in_pixels,
	    "rsvg_handle_get_intrinsic_size_in_pixels") ||
	    sym(&rsvg.get_intrinsic_dimensions,
	    "rsvg_handle_get_intrinsic_dimensions") ||
	    sym(&rsvg.render_document, "rsvg_handle_render_document") ||
	    sym(&rsvg.image_surface_create, "cairo_image_surface_create") ||
	    sym(&rsvg.create, "cairo_create") ||
	    sym(&rsvg.status, "cairo_status") ||
	    sym(&rsvg.status_to_string, "cairo_status_to_string") ||
	    sym(&rsvg.set_source_rgb, "cairo_set_source_rgb") ||
	    sym(&rsvg.paint, "cairo_paint") ||
	    sym(&rsvg.surface_flush, "cairo_surface_flush") ||
	    sym(&rsvg.write_to_png_stream,
	    "cairo_surface_write_to_png_stream") ||
	    sym(&rsvg.destroy, "cairo_destroy") ||
	    sym(&rsvg.surface_destroy, "cairo_surface_destroy") ||
	    sym(&rsvg.error_free, "g_error_free") ||
	    sym(&rsvg.object_unref, "g_object_unref")) {
		dlclose(rsvg.lib);
		rsvg.lib = NULL;
		return -1;
	}
	return 0;
}

#if defined(__SANITIZE_ADDRESS__)
#define LP_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LP_ASAN	1
#endif
#endif

#ifdef LP_ASAN
/* The sanitizer build's leak check: Pango keeps the fontconfig patterns
 * of the fonts it matched in caches it never frees (some made in a
 * thread of its own).  Only fontconfig's memory is let go; valgrind has
 * the same in tests/valgrind.supp. */
const char	*__lsan_default_suppressions(void);
const char	*__lsan_default_options(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* Silent about it: any sanitizer output fails the test suite. */
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

#if defined(__SANITIZE_THREAD__)
#define LP_TSAN	1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LP_TSAN	1
#endif
#endif

#ifdef LP_TSAN
/* ThreadSanitizer's build: Pango matches fonts in a thread of its own
 * ("[pango] FcInit") and hands fontconfig's data over through GLib's
 * futex locks, which ThreadSanitizer cannot see; our lock orders only
 * the drawings.  Races inside fontconfig are not ours to report. */
const char	*__tsan_default_suppressions(void);

const char *
__tsan_default_suppressions(void)
{
	return "race:libfontconfig.so\n";
}
#endif

/* The SVG's width and height in pixels: its width and height
 * attributes, else its viewBox.  Returns 0, or -1 when it has neither
 * or they are empty. */
static int
svg_size(RsvgHandle *h, double *w, double *h_out)
{
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;

	if (rsvg.get_intrinsic_size_in_pixels(h, w, h_out) &&
	    *w > 0 && *h_out > 0)
		return 0;
	rsvg.get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh,
	    &has_vb, &vb);
	if (has_vb && vb.width > 0 && vb.height > 0) {
		*w = vb.width;
		*h_out = vb.height;
		return 0;
	}
	return -1;
}

static cairo_status_t
png_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws h on a new surface of pw x ph pixels, its PNG appended to png.
 * Returns 0, or -1 with why set. */
static int
draw(RsvgHandle *h, int pw, int ph, struct buf *png, struct buf *why)
{
	cairo_surface_t *s;
	cairo_t *cr;
	RsvgRectangle vp = { 0, 0, pw, ph };
	GError *err = NULL;
	size_t was = png->len;
	int rc = -1;

	s = rsvg.image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	cr = rsvg.create(s);
	if (rsvg.status(cr) != CAIRO_STATUS_SUCCESS) {
		buf_printf(why, "%s", rsvg.status_to_string(rsvg.status(cr)));
		goto out;
	}
	/* On white: readers show a transparent cover on any colour. */
	rsvg.set_source_rgb(cr, 1, 1, 1);
	rsvg.paint(cr);
	if (!rsvg.render_document(h, cr, &vp, &err)) {
		buf_printf(why, "%s", err ? err->message : "librsvg failed");
		goto out;
	}
	rsvg.surface_flush(s);
	if (rsvg.write_to_png_stream(s, png_write, png) !=
	    CAIRO_STATUS_SUCCESS) {
		png->len = was;
		png->data[was] = '\0';
		buf_printf(why, "%s", diag_tr("cannot write the PNG"));
		goto out;
	}
	rc = 0;
out:
	if (err)
		rsvg.error_free(err);
	rsvg.destroy(cr);
	rsvg.surface_destroy(s);
	return rc;
}

int
cover_png(const char *data, size_t len, struct buf *png, struct buf *why)
{
	RsvgHandle *h;
	GError *err = NULL;
	double w, hh;
	int pw, ph, rc = -1;

	pthread_mutex_lock(&cover_lock);
	if (rsvg_load() == -1) {
		buf_printf(why, diag_tr("librsvg cannot be loaded: %s"),
		    rsvg.error);
		h = NULL;
		goto out;
	}
	h = rsvg.handle_new_from_data((const guint8 *)data, len, &err);
	if (h == NULL) {
		buf_printf(why, "%s", err ? err->message : "librsvg failed");
		goto out;
	}
	if (svg_size(h, &w, &hh) == -1) {
		buf_printf(why, "%s", diag_tr("it has no width and height "
		    "and no viewBox"));
		goto out;
	}
	ph = COVER_PNG_HEIGHT;
	if (w / hh * ph > COVER_PNG_MAX_WIDTH) {
		pw = COVER_PNG_MAX_WIDTH;
		ph = (int)(hh / w * pw + 0.5);
	} else
		pw = (int)(w / hh * ph + 0.5);
	if (pw < 1)
		pw = 1;
	if (ph < 1)
		ph = 1;
	rc = draw(h, pw, ph, png, why);
out:
	if (err)
		rsvg.error_free(err);
	if (h)
		rsvg.object_unref(h);
	pthread_mutex_unlock(&cover_lock);
	return rc;
}
