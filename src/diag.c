/* diag.c - located diagnostics, gcc style, kept per document (see diag.h). */
#include "diag.h"

#include "buf.h"
#include "xalloc.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Past this many messages about one file in one report, messages are
 * only counted: a hostile file cannot flood the terminal. */

struct msg {
	enum diag_level	 level;
	char		*path;		/* owned copy; NULL: no place */
	int		 line;
	int		 col;
	char		*text;		/* owned, formatted */
	size_t		 group;		/* the message a note belongs to */
	size_t		 seq;		/* order of adding, within its list */
};

static int use_colour;
static int on_terminal;
/* Printing is one critical section: packs built in parallel never mix
 * their lines. */
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

#ifndef LP_LOCALEDIR
#define LP_LOCALEDIR	"/usr/local/share/locale"
#endif
#define DOMAIN		"lecturepack"

/* The folder DIR/../rel beside the running tool, into out, when it
 * holds our Vietnamese catalog. */
static int
beside_tool(char *out, size_t size, const char *rel)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct buf mo = BUF_INIT;
	int found;

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return 0;
	*slash = '\0';
	if ((size_t)snprintf(out, size, "%s/../%s", exe, rel) >= size)
		return 0;
	buf_printf(&mo, "%s/vi/LC_MESSAGES/" DOMAIN ".mo", out);
	found = access(mo.data, R_OK) == 0;
	buf_release(&mo);
	return found;
}

/* When the user's locale is not installed (minimal systems have only
 * C.UTF-8): messages under C.UTF-8, with LANGUAGE set to the language
 * asked for ("vi" of LANG=vi_VN.UTF-8), which gettext then follows. */
static void
language_fallback(void)
{
	const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" }, *want = NULL;
	char lang[16];
	size_t i, n;

	for (i = 0; i < 3 && want == NULL; i++)
		if ((want = getenv(names[i])) != NULL && *want == '\0')
			want = NULL;
	if (want == NULL || setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
		return;
	for (n = 0; n < sizeof(lang) - 1 && want[n] >= 'a' && want[n] <= 'z';
	    n++)
		lang[n] = want[n];
	lang[n] = '\0';
	if (n > 0 && (getenv("LANGUAGE") == NULL || *getenv("LANGUAGE") ==
	    '\0'))
		setenv("LANGUAGE", lang, 1);
}

/* Only the categories messages need: LC_CTYPE (the characters gettext
 * and strerror() may print) and LC_MESSAGES.  Numbers, dates and
 * sorting stay those of the C locale, so the packs never depend on the
 * user's locale. */
static void
i18n_init(void)
{
	char dir[PATH_MAX];
	const char *env = getenv("LECTUREPACK_LOCALEDIR");

	if (setlocale(LC_CTYPE, "") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (setlocale(LC_MESSAGES, "") == NULL)
		language_fallback();
	if (env != NULL && *env != '\0')
		snprintf(dir, sizeof(dir), "%s", env);
	else if (!beside_tool(dir, sizeof(dir), "build/locale") &&
	    !beside_tool(dir, sizeof(dir), "share/locale"))
		snprintf(dir, sizeof(dir), "%s", LP_LOCALEDIR);
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

void
diag_init(void)
{
	const char *nc = getenv("NO_COLOR");

	on_terminal = isatty(STDERR_FILENO);
	use_colour = on_terminal && (nc == NULL || *nc == '\0');
	i18n_init();
}

const char *
diag_tr(const char *english)
{
	return dgettext(DOMAIN, english);
}

static void
vadd(struct msgs *m, enum diag_level level, const struct loc *loc,
    const char *fmt, va_list ap)
{
	struct msg *g;
	struct buf text = BUF_INIT;

	if (m == NULL)
		return;
	m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof(*m->v));
	g = &m->v[m->n];
	memset(g, 0, sizeof(*g));
	g->level = level;
	if (loc != NULL && loc->path != NULL) {
		g->path = xstrdup(loc->path);
		g->line = loc->line;
		g->col = loc->col;
	}
	buf_vprintf(&text, diag_tr(fmt), ap);
	g->text = buf_detach(&text, NULL);
	g->seq = m->n;
	g->group = m->n;
	if (level == DIAG_NOTE) {
		/* Attached to the last error or warning before it. */
		size_t i = m->n;

		while (i > 0 && m->v[i - 1].level == DIAG_NOTE)
			i--;
		if (i > 0)
			g->group = m->v[i - 1].group;
	}
	if (level == DIAG_ERROR)
		m->errors++;
	else if (level == DIAG_WARNING)
		m->warnings++;
	m->n++;
}

void
diag_at(struct msgs *m, enum diag_level level, struct loc loc,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(m, level, &loc, fmt, ap);
	va_end(ap);
}

int
error_at(struct msgs *m, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(m, DIAG_ERROR, &loc, fmt, ap);
	va_end(ap);
	return -1;
}

void
warn_at(struct msgs *m, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(m, DIAG_WARNING, &loc, fmt, ap);
	va_end(ap);
}

void
note_at(struct msgs *m, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(m, DIAG_NOTE, &loc, fmt, ap);
	va_end(ap);
}

void
msgs_append(struct msgs *to, const struct msgs *from)
{
	size_t i, base;

	if (to == NULL || from == NULL)
		return;
	base = to->n;
	for (i = 0; i < from->n; i++) {
		const struct msg *f = &from->v[i];
		struct msg *g;

		to->v = xgrow(to->v, &to->cap, to->n + 1, sizeof(*to->v));
		g = &to->v[to->n];
		*g = *f;
		g->path = f->path ? xstrdup(f->path) : NULL;
		g->text = xstrdup(f->text);
		g->seq = to->n;
		g->group = base + f->group;
		to->n++;
	}
	to->errors += from->errors;
	to->warnings += from->warnings;
}

void
msgs_release(struct msgs *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].text);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
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
put_msg(enum diag_level level, const char *path, int line, int col,
    const char *text)
{
	static const char *names[] = { "note", "warning", "error" };
	static const char *colours[] = { "\033[1;36m", "\033[1;35m",
	    "\033[1;31m" };

	if (use_colour)
		fputs("\033[1m", stderr);
	if (path != NULL) {
		put_safe(path);
		if (line > 0) {
			fprintf(stderr, ":%d", line);
			if (col > 0)
				fprintf(stderr, ":%d", col);
		}
		fputs(": ", stderr);
	} else
		fputs("lecturepack: ", stderr);
	if (use_colour)
		fprintf(stderr, "%s%s:\033[0m ", colours[level], names[level]);
	else
		fprintf(stderr, "%s: ", names[level]);
	put_safe(text);
	fputc('\n', stderr);
}

/* One message to print, with the message its sort key comes from (a
 * note sorts with the message it belongs to). */
struct item {
	const struct msg	*m;
	const struct msg	*key;
	size_t			 list;
};

static int
cmp_path(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
cmp_item(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	int c;

	if ((c = cmp_path(a->key->path, b->key->path)) != 0)
		return c;
	if (a->key->line != b->key->line)
		return a->key->line < b->key->line ? -1 : 1;
	if (a->key->col != b->key->col)
		return a->key->col < b->key->col ? -1 : 1;
	if (a->list != b->list)
		return a->list < b->list ? -1 : 1;
	if (a->key->seq != b->key->seq)
		return a->key->seq < b->key->seq ? -1 : 1;
	return a->m->seq < b->m->seq ? -1 : a->m->seq > b->m->seq;
}

void
msgs_show(struct msgs *const *lists, size_t n)
{
	struct item *items = NULL;
	size_t n_items = 0, cap = 0, i, j, same = 0;
	const char *last = NULL;

	pthread_mutex_lock(&print_lock);
	for (i = 0; i < n; i++) {
		struct msgs *m = lists[i];

		if (m == NULL)
			continue;
		for (j = m->shown; j < m->n; j++) {
			items = xgrow(items, &cap, n_items + 1, sizeof(*items));
			items[n_items].m = &m->v[j];
			items[n_items].key = &m->v[m->v[j].group];
			items[n_items].list = i;
			n_items++;
		}
		m->shown = m->n;
	}
	if (n_items > 1)
		qsort(items, n_items, sizeof(*items), cmp_item);
	for (i = 0; i < n_items; i++) {
		const struct msg *g = items[i].m;

		if (g->path != NULL && last != NULL &&
		    strcmp(g->path, last) == 0)
			same++;
		else
			same = 1;
		last = g->path;
		if (same == DIAG_MAX_PER_FILE + 1)
			fprintf(stderr, "%s: note: %s\n", g->path,
			    diag_tr("further messages about this file are "
			    "counted but not shown"));
		if (g->path != NULL && same > DIAG_MAX_PER_FILE)
			continue;
		put_msg(g->level, g->path, g->line, g->col, g->text);
	}
	fflush(stderr);
	pthread_mutex_unlock(&print_lock);
	free(items);
}

int
sys_error(const char *fmt, ...)
{
	va_list ap;
	struct buf text = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&text, diag_tr(fmt), ap);
	va_end(ap);
	pthread_mutex_lock(&print_lock);
	put_msg(DIAG_ERROR, NULL, 0, 0, text.data);
	pthread_mutex_unlock(&print_lock);
	buf_release(&text);
	return -1;
}

void
diag_progress(const char *fmt, ...)
{
	va_list ap;

	if (!on_terminal)
		return;
	pthread_mutex_lock(&print_lock);
	fputs("lecturepack: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, diag_tr(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&print_lock);
}
