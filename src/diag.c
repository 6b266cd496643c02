/* diag.c - located diagnostics, gcc style (see diag.h). */
#include "diag.h"

#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Past this many messages in a row about one file, messages are only
 * counted: a hostile file cannot flood the terminal. */
#define DIAG_MAX_PER_FILE	50

static int use_colour;
static int on_terminal;
static char last_path[4096];
static int same_path_count;
static int n_errors;
static int n_shown_errors;	/* errors while not quiet */
static int n_warnings;
static int quiet;

void
diag_init(void)
{
	const char *nc = getenv("NO_COLOR");

	on_terminal = isatty(STDERR_FILENO);
	use_colour = on_terminal && (nc == NULL || *nc == '\0');
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

int
diag_quiet(void)
{
	return quiet;
}

/* Writes s to stderr with every control character (C0, DEL and the C1
 * range U+0080-U+009F) shown as \xNN or \u00NN: a file name or a value
 * from a file can never move the cursor, clear or retitle a terminal. */
static void
put_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fprintf(stderr, "\\u%04x", p[1]);
			p++;
		} else
			fputc(*p, stderr);
	}
}

static void
vdiag(enum diag_level level, const struct loc *loc, const char *fmt,
    va_list ap)
{
	static const char *names[] = { "note", "warning", "error" };
	static const char *colours[] = { "\033[1;36m", "\033[1;35m",
	    "\033[1;31m" };
	struct buf msg = BUF_INIT;

	if (level == DIAG_ERROR)
		n_errors++;
	else if (level == DIAG_WARNING)
		n_warnings++;
	if (quiet)
		return;
	if (level == DIAG_ERROR)
		n_shown_errors++;
	if (loc && loc->path) {
		if (strcmp(loc->path, last_path) == 0)
			same_path_count++;
		else {
			snprintf(last_path, sizeof(last_path), "%s", loc->path);
			same_path_count = 1;
		}
		if (same_path_count == DIAG_MAX_PER_FILE + 1)
			fprintf(stderr, "%s: note: further messages about this "
			    "file are counted but not shown\n", loc->path);
		if (same_path_count > DIAG_MAX_PER_FILE)
			return;
	}
	if (use_colour)
		fputs("\033[1m", stderr);
	if (loc && loc->path) {
		put_safe(loc->path);
		if (loc->line > 0) {
			fprintf(stderr, ":%d", loc->line);
			if (loc->col > 0)
				fprintf(stderr, ":%d", loc->col);
		}
		fputs(": ", stderr);
	} else
		fputs("lecturepack: ", stderr);
	if (use_colour)
		fprintf(stderr, "%s%s:\033[0m ", colours[level], names[level]);
	else
		fprintf(stderr, "%s: ", names[level]);
	buf_vprintf(&msg, fmt, ap);
	put_safe(msg.data);
	buf_release(&msg);
	fputc('\n', stderr);
}

void
diag_at(enum diag_level level, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(level, &loc, fmt, ap);
	va_end(ap);
}

int
error_at(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_ERROR, &loc, fmt, ap);
	va_end(ap);
	return -1;
}

void
warn_at(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_WARNING, &loc, fmt, ap);
	va_end(ap);
}

void
note_at(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_NOTE, &loc, fmt, ap);
	va_end(ap);
}

int
sys_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_ERROR, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_progress(const char *fmt, ...)
{
	va_list ap;

	if (!on_terminal || quiet)
		return;
	fputs("lecturepack: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
diag_errors(void)
{
	return n_errors;
}

int
diag_shown_errors(void)
{
	return n_shown_errors;
}

int
diag_warnings(void)
{
	return n_warnings;
}
