/* path.c - URL classes, containment and media types (see path.h). */
#include "path.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "xalloc.h"

enum url_kind
url_classify(const char *url)
{
	struct buf clean = BUF_INIT;
	const char *p;
	size_t i;
	enum url_kind k = URL_RELATIVE;

	for (p = url; *p; p++)
		if ((unsigned char)*p > 0x20 && *p != 0x7f)
			buf_putc(&clean, *p);
	if (clean.len == 0 || clean.data[0] == '#')
		k = URL_FRAGMENT;
	else if (clean.data[0] == '/' && clean.data[1] == '/')
		k = URL_OK;
	else {
		for (i = 0; i < clean.len; i++) {
			char ch = clean.data[i];

			if (ch == ':') {
				clean.data[i] = '\0';
				if (strcasecmp(clean.data, "http") == 0 ||
				    strcasecmp(clean.data, "https") == 0 ||
				    strcasecmp(clean.data, "mailto") == 0 ||
				    strcasecmp(clean.data, "tel") == 0)
					k = URL_OK;
				else
					k = URL_UNSAFE;
				break;
			}
			if (ch == '/' || ch == '?' || ch == '#')
				break;
		}
	}
	buf_release(&clean);
	return k;
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
path_check_inside(const char *from, const char *url, char **rel,
    struct loc at)
{
	struct buf norm = BUF_INIT;
	char *real = NULL;
	struct stat st;
	int rc = -1;

	if (normalise(from, url, &norm) == -1) {
		error_at(at, "'%s' leaves the repository", url);
		goto out;
	}
	if ((real = realpath(norm.data, NULL)) == NULL) {
		error_at(at, "'%s' not found (%s)", norm.data, strerror(errno));
		goto out;
	}
	if (!path_inside_repo(norm.data)) {
		error_at(at, "'%s' leads outside the repository (through a "
		    "symbolic link)", norm.data);
		goto out;
	}
	if (stat(real, &st) == -1 || !S_ISREG(st.st_mode)) {
		error_at(at, "'%s' is not a regular file", norm.data);
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
