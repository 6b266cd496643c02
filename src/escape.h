/* escape.h - all output escaping, in one place.
 *
 * Renderers never copy user text into markup, JSON or CSV by hand: they
 * call one of these.  Each appends to `out`. */
#ifndef LP_ESCAPE_H
#define LP_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* Text and attribute values for HTML and XHTML alike: & < > " ' escaped,
 * control characters other than tab and newline dropped, bad UTF-8 and
 * U+FFFE/U+FFFF replaced by U+FFFD, so the output stays well-formed XML.
 * esc_json_str() cleans the same way. */
void	esc_html(struct buf *out, const char *s, size_t len);
void	esc_html_str(struct buf *out, const char *s);
/* esc_html() on one of its paths, for the unit tests to compare them:
 * 0 the portable one (eight bytes at a time), 1 sixteen with SSE2 (a
 * build without SSE2 gives 0).  esc_html() takes the widest. */
void	esc_html_path(struct buf *out, const char *s, size_t len, int path);
/* A JSON string, with its quotes. */
void	esc_json_str(struct buf *out, const char *s);
/* Plain text for a terminal or a text file: control characters
 * dropped (tab and newline become spaces), bad UTF-8 replaced. */
void	esc_text(struct buf *out, const char *s);
/* A CSS string, with its quotes, for a <style> element: cleaned like
 * esc_text(); " and \ escaped, and < > & as hex escapes ("\3c "). */
void	esc_css_str(struct buf *out, const char *s);
/* A CSV field (RFC 4180), cleaned like esc_text() but keeping line
 * ends: quoted when it holds , " CR or LF, and a cell that starts with = + - @ is quoted with a leading
 * ' so that spreadsheets read it as text. */
void	esc_csv(struct buf *out, const char *s);
/* A URL for an href/src attribute: HTML-escaped, and bytes that are not
 * allowed in a URL (space, controls, non-ASCII) percent-encoded. */
void	esc_url(struct buf *out, const char *s);
/* One part of a URL (path, query, fragment, mailto address),
 * percent-encoded: every byte but letters, digits, - . _ ~, the
 * sub-delimiters ! $ & ' ( ) * + , ; =, ':', '@' and those in `keep`
 * becomes %XX (non-ASCII as its UTF-8 bytes).  A valid %XX is kept as
 * it is and a '%' without two hex digits becomes %25.  No HTML
 * escaping: esc_url() does that when the URL is written. */
void	esc_pct(struct buf *out, const char *s, size_t len, const char *keep);

#endif
