/* load_source.c - reading and cleaning input files (see load_source.h). */
#include "load_source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "text.h"
#include "xalloc.h"

/* Opens an input for reading: never blocks (a FIFO or device would) and
 * refuses anything but a regular file with EINVAL.  O_NONBLOCK stays:
 * reads of a regular file ignore it (file_read() clears it should one
 * say EAGAIN), and clearing it would cost two system calls a file. */
static int
open_regular(const char *path, size_t *size)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	*size = (size_t)st.st_size;
	return fd;
}

int
file_read(const char *path, char **data, size_t *len, size_t max)
{
	struct buf b = BUF_INIT;
	ssize_t n;
	size_t size, want;
	int fd, flags, err = 0;

	if ((fd = open_regular(path, &size)) == -1)
		return -1;
	/* The size it has now, and a byte more: a read that stops short at
	 * that size is the end, seen without a second read; a file that
	 * grows meanwhile is read on in larger steps. */
	buf_grow(&b, (size < max ? size : max) + 1);
	for (;;) {
		if (b.len + 1 >= b.cap)
			buf_grow(&b, 65536);
		want = b.cap - b.len - 1;
		n = read(fd, b.data + b.len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN &&
		    (flags = fcntl(fd, F_GETFL)) != -1 &&
		    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != -1)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		b.len += (size_t)n;
		b.data[b.len] = '\0';
		if (n == 0 || b.len > max ||
		    ((size_t)n < want && b.len == size))
			break;
	}
	close(fd);
	if (err == 0 && b.len > max)
		err = EFBIG;
	if (err) {
		buf_release(&b);
		errno = err;
		return -1;
	}
	*data = buf_detach(&b, len);
	return 0;
}

const char *
file_strerror(int err)
{
	return err == EINVAL ? "not a regular file" : strerror(err);
}

int
file_read_at(const char *path, char **data, size_t *len, size_t max,
    struct msgs *msgs)
{
	if (file_read(path, data, len, max) == 0)
		return 0;
	if (errno == EFBIG)
		return error_at(msgs, LOC(path, 0, 0),
		    "file is larger than %u MiB", (unsigned)(max >> 20));
	return error_at(msgs, LOC(path, 0, 0), "%s", file_strerror(errno));
}

/* Line and column (1-based, columns in characters: the bytes before
 * off are valid UTF-8) of offset off in s. */
static struct loc
loc_of(const char *path, const char *s, size_t off)
{
	struct loc l = { path, 1, 1 };
	size_t i;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l.line++;
			l.col = 1;
		} else
			l.col += ((unsigned char)s[i] & 0xc0) != 0x80;
	}
	return l;
}

/* BOM, CR/CRLF, UTF-8, control characters, NFC.  Takes over `raw`. */
static int
clean(struct source *src, char *raw, size_t len)
{
	size_t i, j, bad;
	int warned = 0, plain;

	if (len >= 2 && (memcmp(raw, "\xFF\xFE", 2) == 0 ||
	    memcmp(raw, "\xFE\xFF", 2) == 0)) {
		free(raw);
		return error_at(src->msgs, LOC(src->path, 1, 1), "the file is "
		    "in UTF-16: save it as UTF-8");
	}
	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		memmove(raw, raw + 3, len - 3);
		len -= 3;
	}
	if (memchr(raw, '\r', len) != NULL) {
		for (i = j = 0; i < len; i++) {
			if (raw[i] == '\r') {
				raw[j++] = '\n';
				if (i + 1 < len && raw[i + 1] == '\n')
					i++;
			} else
				raw[j++] = raw[i];
		}
		len = j;
	}
	raw[len] = '\0';
	switch (text_check(raw, len, &bad, &plain)) {
	case TEXT_BAD_UTF8:
		error_at(src->msgs, loc_of(src->path, raw, bad),
		    "invalid UTF-8 (byte 0x%02X); the file may be in a legacy "
		    "encoding such as Windows-1258, TCVN3 or VNI: save it as "
		    "UTF-8", (unsigned char)raw[bad]);
		free(raw);
		return -1;
	case TEXT_MARK_RUN:
		error_at(src->msgs, loc_of(src->path, raw, bad), "more than 30 combining "
		    "marks in a row");
		free(raw);
		return -1;
	case TEXT_OK:
		break;
	}
	/* Control characters are rare: copy from the first one only. */
	for (i = j = text_control_at(raw, len); i < len; i++) {
		unsigned char c = (unsigned char)raw[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			if (!warned++)
				warn_at(src->msgs, loc_of(src->path, raw, i),
				    "control character U+%04X dropped", c);
			continue;
		}
		raw[j++] = raw[i];
	}
	raw[j] = '\0';
	if (plain) {		/* already NFC: the bytes are the text */
		src->body = raw;
		src->body_len = j;
		return 0;
	}
	src->body = text_nfc_known(raw, j, plain, &src->body_len);
	free(raw);
	return 0;
}

static int
read_clean(struct source *src, const char *path, struct msgs *msgs)
{
	char *raw;
	size_t len;

	memset(src, 0, sizeof(*src));
	src->path = path;
	src->msgs = msgs;
	if (file_read_at(path, &raw, &len, SOURCE_MAX_BYTES, msgs) == -1)
		return -1;
	return clean(src, raw, len);
}

/* Returns the length of line s (up to, not including, '\n'). */
static size_t
line_len(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? (size_t)(nl - s) : (size_t)(end - s);
}

static int
is_fence(const char *s, size_t n, const char *mark)
{
	while (n > 3 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 3 && memcmp(s, mark, 3) == 0;
}

/* Splits the front matter off: copies it to src->yaml, blanks it. */
static int
split_front_matter(struct source *src)
{
	char *s = src->body, *end = s + src->body_len, *p;
	size_t n;
	int line = 1;

	if (!is_fence(s, line_len(s, end), "---"))
		return 0;
	for (p = s; p < end; p += n + 1) {
		n = line_len(p, end);
		if (line > 1 && (is_fence(p, n, "---") || is_fence(p, n, "..."))) {
			char *y0 = s + line_len(s, end) + 1;

			src->yaml = xstrndup(y0, (size_t)(p - y0));
			src->yaml_len = (size_t)(p - y0);
			src->yaml_line = 2;
			/* Blank every front matter byte but the newlines. */
			for (y0 = s; y0 < p + n; y0++)
				if (*y0 != '\n')
					*y0 = ' ';
			return 0;
		}
		line++;
	}
	return error_at(src->msgs, LOC(src->path, 1, 1),
	    "front matter is never closed: add a line '---' after it");
}

int
source_load(struct source *src, const char *path, struct msgs *msgs)
{
	if (read_clean(src, path, msgs) == -1)
		return -1;
	if (split_front_matter(src) == -1) {
		source_release(src);
		return -1;
	}
	return 0;
}

int
source_load_plain(struct source *src, const char *path,
    struct msgs *msgs)
{
	if (read_clean(src, path, msgs) == -1)
		return -1;
	src->yaml = src->body;
	src->yaml_len = src->body_len;
	src->yaml_line = 1;
	src->body = NULL;
	src->body_len = 0;
	return 0;
}

void
source_release(struct source *src)
{
	free(src->body);
	free(src->yaml);
	memset(src, 0, sizeof(*src));
}
