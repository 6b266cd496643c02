/* path.c - URL checks, containment and media types (see path.h). */
#include "path.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <idn2.h>

#include "buf.h"
#include "escape.h"
#include "text.h"
#include "xalloc.h"

/* ---- URLs ---- */

/* The next byte at or after *p of the URL with every space and control
 * removed (what no scheme test may be fooled by: "java\tscript:",
 * " javascript:"), *p moved past it; 0 at the end. */
static unsigned char
url_next_kept(const unsigned char **p)
{
	while (**p != '\0' && (**p <= 0x20 || **p == 0x7f))
		(*p)++;
	return **p != '\0' ? *(*p)++ : 0;
}

/* The URL as a browser parses it: leading and trailing spaces and
 * controls dropped, ASCII tab, CR and LF removed everywhere. */
static void
url_trim(struct buf *out, const char *url)
{
	const unsigned char *s = (const unsigned char *)url, *e;

	while (*s && *s <= 0x20)
		s++;
	e = s + strlen((const char *)s);
	while (e > s && e[-1] <= 0x20)
		e--;
	for (; s < e; s++)
		if (*s != '\t' && *s != '\r' && *s != '\n')
			buf_putc(out, *s);
}

/* Whether url_trim() would change url: most URLs are written whole. */
static int
url_needs_trim(const char *url)
{
	size_t n = strlen(url);

	return n == 0 || (unsigned char)url[0] <= 0x20 ||
	    (unsigned char)url[n - 1] <= 0x20 ||
	    strpbrk(url, "\t\r\n") != NULL;
}

/* Dotted-decimal IPv4 in s[0..n): four parts 0-255, no leading zeros
 * (a browser reads 010 as octal). */
static int
ipv4_ok(const char *s, size_t n)
{
	size_t i = 0, digits;
	int parts, v;

	for (parts = 0; parts < 4; parts++) {
		if (parts > 0 && (i >= n || s[i++] != '.'))
			return 0;
		for (v = 0, digits = 0; i < n && s[i] >= '0' && s[i] <= '9';
		    i++, digits++)
			v = v * 10 + (s[i] - '0');
		if (digits == 0 || digits > 3 || v > 255 ||
		    (digits > 1 && s[i - digits] == '0'))
			return 0;
	}
	return i == n;
}

/* An ASCII host name (lower case): dot-separated labels of 1-63 letters,
 * digits and hyphens, no hyphen at either end of a label, 253
 * characters at most; one final dot allowed.  A name whose last label
 * is all digits must be an IPv4 address.  Returns NULL or the reason. */
static const char *
host_name_check(const char *h)
{
	size_t n = strlen(h), i, label = 0;
	int digits_only = 1;

	if (n > 0 && h[n - 1] == '.')
		n--;
	if (n == 0 || n > 253)
		return "bad host name";
	for (i = 0; i <= n; i++) {
		if (i == n || h[i] == '.') {
			if (label == 0 || label > 63 || h[i - 1] == '-')
				return "bad host name";
			label = 0;
			continue;
		}
		if (label == 0) {
			if (h[i] == '-')
				return "bad host name";
			digits_only = 1;
		}
		if (!((h[i] >= 'a' && h[i] <= 'z') ||
		    (h[i] >= '0' && h[i] <= '9') || h[i] == '-'))
			return "bad host name";
		if (h[i] < '0' || h[i] > '9')
			digits_only = 0;
		label++;
	}
	if (digits_only && !ipv4_ok(h, strlen(h)))
		return "bad IPv4 address";
	return NULL;
}

/* The ASCII form of an international host name, through IDNA2008
 * with the UTS #46 mapping browsers use (nontransitional).  libidn2
 * passes an xn-- label through unchecked, so the result must come back
 * the same from Unicode: a bad xn-- label is refused.  Returns 0 and
 * *ascii (idn2_free() it), or -1. */
static int
idn_to_ascii(const char *name, uint8_t **ascii)
{
	const int flags = IDN2_NONTRANSITIONAL | IDN2_USE_STD3_ASCII_RULES;
	char *uni = NULL;
	uint8_t *again = NULL;
	int ok;

	*ascii = NULL;
	ok = idn2_lookup_u8((const uint8_t *)name, ascii, flags) == IDN2_OK &&
	    idn2_to_unicode_8z8z((const char *)*ascii, &uni, 0) == IDN2_OK &&
	    idn2_lookup_u8((const uint8_t *)uni, &again, flags) == IDN2_OK &&
	    strcmp((const char *)*ascii, (const char *)again) == 0;
	idn2_free(uni);
	idn2_free(again);
	return ok ? 0 : -1;
}

/* A registered name or IPv4 address h[0..n), appended to out in ASCII:
 * an international name through idn_to_ascii(), the rest lower-cased.
 * Returns NULL or the reason. */
static const char *
host_check(const char *h, size_t n, struct buf *out)
{
	struct buf name = BUF_INIT;
	const char *why = NULL;
	uint8_t *ascii = NULL;
	int idn = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)h[i];
		size_t len;
		int32_t cp;

		if (ch >= 0x80) {
			/* Letters and digits only: UTS #46 would quietly
			 * drop a zero-width space or map a no-break space
			 * to a space, where a browser refuses the host. */
			len = utf8_next((const unsigned char *)h + i, n - i,
			    &cp);
			if (len == 0 || !text_alnum(cp)) {
				why = "bad host name";
				goto out;
			}
			buf_put(&name, h + i, len);
			i += len - 1;
			idn = 1;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '-' || ch == '.')) {
			why = "bad host name";
			goto out;
		}
		buf_putc(&name, ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		if (i + 4 <= n && (i == 0 || h[i - 1] == '.') &&
		    strncasecmp(h + i, "xn--", 4) == 0)
			idn = 1;
	}
	if (idn) {
		if (idn_to_ascii(name.data, &ascii) == -1) {
			why = "bad host name";
			goto out;
		}
		buf_clear(&name);
		buf_puts(&name, (const char *)ascii);
	}
	if ((why = host_name_check(name.data)) == NULL)
		buf_put(out, name.data, name.len);
out:
	idn2_free(ascii);
	buf_release(&name);
	return why;
}

/* A port, 1-65535, appended without leading zeros. */
static const char *
port_check(const char *p, size_t n, struct buf *out)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0)
		return "bad port";
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return "bad port";
		v = v * 10 + (unsigned long)(p[i] - '0');
		if (v > 65535)
			return "bad port";
	}
	if (v == 0)
		return "bad port";
	buf_printf(out, ":%lu", v);
	return NULL;
}

/* Path, query and fragment after the host (or the mailto addresses),
 * percent-encoded as cmark does (a backslash is %5C, as the author
 * wrote it, not the slash a browser would make of it). */
static void
url_rest(const char *s, struct buf *out)
{
	size_t n = strcspn(s, "?#");

	esc_pct(out, s, n, "/");
	s += n;
	if (*s == '?') {
		n = strcspn(s + 1, "#");
		buf_putc(out, '?');
		esc_pct(out, s + 1, n, "/?");
		s += n + 1;
	}
	if (*s == '#') {
		buf_putc(out, '#');
		esc_pct(out, s + 1, strlen(s + 1), "/?");
	}
}

/* After "http:" or "https:": //host[:port] then the rest. */
static const char *
url_http(const char *s, struct buf *out)
{
	const char *auth, *end, *colon, *why;
	char ip6[64];
	size_t n;
	struct in6_addr a6;

	if (s[0] != '/' || s[1] != '/')
		return "no '//' after the scheme";
	auth = s + 2;
	n = strcspn(auth, "/?#");
	end = auth + n;
	if (memchr(auth, '@', n) != NULL)
		return "user name or password before the host";
	buf_puts(out, "//");
	if (auth[0] == '[') {
		const char *close = memchr(auth, ']', n);

		if (close == NULL || (size_t)(close - auth - 1) >= sizeof(ip6))
			return "bad IPv6 address";
		memcpy(ip6, auth + 1, (size_t)(close - auth - 1));
		ip6[close - auth - 1] = '\0';
		if (inet_pton(AF_INET6, ip6, &a6) != 1 ||
		    (close + 1 != end && close[1] != ':'))
			return "bad IPv6 address";
		buf_put(out, auth, (size_t)(close - auth + 1));
		colon = close + 1 == end ? NULL : close + 1;
	} else {
		colon = memchr(auth, ':', n);
		if ((colon ? colon : end) == auth)
			return "no host";
		if ((why = host_check(auth, (size_t)((colon ? colon : end) -
		    auth), out)) != NULL)
			return why;
	}
	if (colon && (why = port_check(colon + 1, (size_t)(end - colon - 1),
	    out)) != NULL)
		return why;
	url_rest(end, out);
	return NULL;
}

/* One mailto address, local@domain: the local part of e-mail's dot-atom
 * letters (non-ASCII allowed, percent-encoded), the domain a host name. */
static int
mail_address_ok(const char *s, size_t n, struct buf *out)
{
	const char *at = memchr(s, '@', n);
	size_t i, local;

	if (at == NULL || at == s || memchr(at + 1, '@',
	    n - (size_t)(at - s) - 1) != NULL)
		return 0;
	local = (size_t)(at - s);
	for (i = 0; i < local; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x80 && !((ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    strchr(".!$&'*+-=_~%", ch) != NULL))
			return 0;
	}
	esc_pct(out, s, local, "");
	buf_putc(out, '@');
	return host_check(at + 1, n - local - 1, out) == NULL &&
	    !ipv4_ok(at + 1, n - local - 1);
}

/* After "mailto:": one or more addresses separated by commas, then the
 * header fields (?subject=...). */
static const char *
url_mailto(const char *s, struct buf *out)
{
	size_t n = strcspn(s, "?#"), k;
	const char *p = s;

	if (n == 0)
		return "no address";
	for (;;) {
		k = strcspn(p, ",?#");
		if (!mail_address_ok(p, k, out))
			return "bad address";
		p += k;
		if (*p != ',')
			break;
		buf_putc(out, *p++);
	}
	url_rest(p, out);
	return NULL;
}

/* After "tel:": a number, digits with an optional leading '+' and the
 * visual separators - . ( ); spaces are dropped. */
static const char *
url_tel(const char *s, struct buf *out)
{
	int digits = 0;

	if (*s == '\0')
		return "no number";
	if (*s == '+')
		buf_putc(out, *s++);
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strchr("-.() ", *s) == NULL)
			return "bad number";
		if (*s != ' ')
			buf_putc(out, *s);
	}
	return digits ? NULL : "bad number";
}

/* The kind a URL's beginning gives it; *scheme, for URL_OK, names the
 * known scheme (its form and validity are checked next).  Read a kept
 * byte at a time (url_next_kept()): the scheme, up to the first of
 * ":/?#", is all it needs, and no known one is longer than 6 bytes. */
static enum url_kind
url_kind_of(const char *url, const char **scheme)
{
	static const char *const known[] = { "http", "https", "mailto", "tel" };
	const unsigned char *p = (const unsigned char *)url, *q;
	unsigned char c = url_next_kept(&p), c2;
	char head[8];
	size_t n = 0, j;

	if (c == '\0' || c == '#')
		return URL_FRAGMENT;
	if (c == '/' || c == '\\') {
		q = p;
		c2 = url_next_kept(&q);
		if (c2 == '/' || c2 == '\\')
			return URL_NETWORK;
	}
	for (; c != ':'; c = url_next_kept(&p)) {
		if (c == '\0' || c == '/' || c == '?' || c == '#')
			return URL_RELATIVE;
		if (n < sizeof(head))
			head[n] = (char)c;
		n++;
	}
	if (n >= sizeof(head))
		return URL_UNSAFE;
	head[n] = '\0';
	for (j = 0; j < sizeof(known) / sizeof(known[0]); j++)
		if (strcasecmp(head, known[j]) == 0) {
			*scheme = known[j];
			return URL_OK;
		}
	return URL_UNSAFE;
}

/* The URL is checked as url_trim() leaves it (copied only when that
 * changes it).  Its fixed form is built apart and appended to out only
 * when valid: out is not touched (nor allocated) otherwise. */
enum url_kind
url_check(const char *url, struct buf *out, const char **why)
{
	struct buf u = BUF_INIT, w = BUF_INIT;
	const char *scheme = NULL, *reason = NULL, *rest, *t = url;
	enum url_kind k = url_kind_of(url, &scheme);
	size_t n;

	if (k != URL_OK)
		return k;
	if (url_needs_trim(url)) {
		url_trim(&u, url);
		t = u.data;
	}
	n = strlen(scheme);
	/* Known only once spaces and controls are squeezed out
	 * ("ht tp:"): a browser reads neither as that scheme. */
	if (strncasecmp(t, scheme, n) != 0 || t[n] != ':') {
		k = URL_UNSAFE;
		goto out;
	}
	rest = t + n + 1;
	buf_puts(&w, scheme);
	buf_putc(&w, ':');
	if (scheme[0] == 'h')
		reason = url_http(rest, &w);
	else if (scheme[0] == 'm')
		reason = url_mailto(rest, &w);
	else
		reason = url_tel(rest, &w);
	if (reason) {
		k = URL_INVALID;
		if (why)
			*why = reason;
	} else if (out)
		buf_put(out, w.data, w.len);
out:
	buf_release(&u);
	buf_release(&w);
	return k;
}

enum url_kind
url_classify(const char *url)
{
	return url_check(url, NULL, NULL);
}

static int
hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Joins dir and url, decodes %XX, folds '.' and '..'.  Returns -1 when
 * the path climbs above the repository. */
static int
normalise(const char *from, const char *url, struct buf *out)
{
	struct buf raw = BUF_INIT;
	const char *slash = strrchr(from, '/'), *p, *seg;
	size_t n, cut;
	int h1, h2;

	if (slash)
		buf_put(&raw, from, (size_t)(slash - from + 1));
	for (p = url; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && (h1 = hexval(p[1])) >= 0 &&
		    (h2 = hexval(p[2])) >= 0) {
			buf_putc(&raw, h1 * 16 + h2);
			p += 2;
		} else
			buf_putc(&raw, *p);
	}
	buf_clear(out);
	if (raw.data[0] == '/' || strlen(raw.data) != raw.len) {
		buf_release(&raw);
		return -1;
	}
	for (seg = raw.data; *seg; seg += n + (seg[n] == '/')) {
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out->len == 0) {
				buf_release(&raw);
				return -1;
			}
			cut = out->len;
			while (cut > 0 && out->data[cut - 1] != '/')
				cut--;
			buf_truncate(out, cut > 0 ? cut - 1 : 0);
			continue;
		}
		if (out->len)
			buf_putc(out, '/');
		buf_put(out, seg, n);
	}
	buf_release(&raw);
	return out->len ? 0 : -1;
}

int
path_inside_repo(const char *path)
{
	char *root = realpath(".", NULL), *real = realpath(path, NULL);
	size_t rl;
	int inside = 0;

	if (root && real) {
		rl = strlen(root);
		inside = strncmp(real, root, rl) == 0 && (real[rl] == '/' ||
		    (rl == 1 && root[0] == '/'));
	}
	free(root);
	free(real);
	return inside;
}

int
path_name_ok(const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return 1;
}

int
path_input_check(const char *path, int in_repo, struct msgs *msgs)
{
	struct loc at = { path, 0, 0 };
	struct stat st;

	if (!path_name_ok(path))
		return error_at(msgs, at, "the file name holds a control "
		    "character or '\\', which make and many tools cannot "
		    "handle: rename the file");
	if (stat(path, &st) == -1)
		return error_at(msgs, at, "%s", strerror(errno));
	if (in_repo && !path_inside_repo(path))
		return error_at(msgs, at, "refusing a file that leads outside "
		    "the repository (through a symbolic link)");
	if (!S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? error_at(msgs, at, "a folder "
		    "where a file is expected") : error_at(msgs, at,
		    "not a regular file");
	return 0;
}

int
path_listed_check(const char *path, int dir_inside, struct msgs *msgs)
{
	struct stat st;

	if (dir_inside && path_name_ok(path) && lstat(path, &st) == 0 &&
	    S_ISREG(st.st_mode))
		return 0;
	return path_input_check(path, 1, msgs);
}

int
path_check_inside(const char *from, const char *url, char **rel,
    struct loc at, struct msgs *msgs)
{
	struct buf norm = BUF_INIT;
	char *real = NULL;
	struct stat st;
	int rc = -1;

	if (normalise(from, url, &norm) == -1) {
		error_at(msgs, at, "'%s' leaves the repository", url);
		goto out;
	}
	if ((real = realpath(norm.data, NULL)) == NULL) {
		error_at(msgs, at, "'%s' not found (%s)", norm.data, strerror(errno));
		goto out;
	}
	if (!path_inside_repo(norm.data)) {
		error_at(msgs, at, "'%s' leads outside the repository (through a "
		    "symbolic link)", norm.data);
		goto out;
	}
	if (stat(real, &st) == -1 || !S_ISREG(st.st_mode)) {
		error_at(msgs, at, "'%s' is not a regular file", norm.data);
		goto out;
	}
	if (!path_name_ok(norm.data)) {
		error_at(msgs, at, "the file name '%s' holds a control character or "
		    "'\\', which make and many tools cannot handle: rename "
		    "the file", norm.data);
		goto out;
	}
	*rel = buf_detach(&norm, NULL);
	rc = 0;
out:
	buf_release(&norm);
	free(real);
	return rc;
}

const char *
media_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".svg", "image/svg+xml" }, { ".webp", "image/webp" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

int
path_entry_safe(const char *rel)
{
	const char *seg = rel;
	size_t n;

	if (*rel == '\0' || *rel == '/' || rel[strlen(rel) - 1] == '/' ||
	    strchr(rel, '\\') != NULL)
		return 0;
	for (; *seg; seg += n + (seg[n] == '/')) {
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
	}
	return 1;
}

/* Appends the parts of p to b (an absolute path), '.' and '..' done. */
static void
join_parts(struct buf *b, const char *p)
{
	const char *e;
	size_t n;
	char *slash;

	for (; *p; p = e + (*e == '/')) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if ((slash = strrchr(b->data, '/')) != NULL)
				buf_truncate(b, (size_t)(slash - b->data));
			continue;
		}
		buf_putc(b, '/');
		buf_put(b, p, n);
	}
}

char *
path_absolute(const char *path)
{
	struct buf b = BUF_INIT, real = BUF_INIT;
	char *cwd, *r, *cut;
	size_t keep;

	if (path[0] != '/') {
		if ((cwd = realpath(".", NULL)) == NULL)
			return NULL;
		join_parts(&b, cwd);
		free(cwd);
	}
	join_parts(&b, path);
	/* The longest part that exists, with its links resolved, then the
	 * rest as written. */
	for (keep = b.len; ; ) {
		cut = xstrndup(b.data, keep);
		r = realpath(keep ? cut : "/", NULL);
		free(cut);
		if (r != NULL || keep == 0)
			break;
		while (keep > 0 && b.data[--keep] != '/')
			;
	}
	if (r == NULL) {
		buf_release(&b);
		return NULL;
	}
	join_parts(&real, r);
	free(r);
	buf_puts(&real, b.data + keep);
	buf_release(&b);
	if (real.len == 0)
		buf_putc(&real, '/');
	return buf_detach(&real, NULL);
}

int
path_overlaps(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;

	if (strncmp(a, b, n) != 0)
		return 0;
	return la == lb || (la < lb ? b[la] == '/' || la == 1 : a[lb] == '/'
	    || lb == 1);
}
