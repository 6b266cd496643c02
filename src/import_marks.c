/* import_marks.c - the marks and links `lecturepack import` suggests.
 *
 * The sections come from the tool's own loader (the lecture's cmark tree
 * and blocks: a section's text runs from its heading to the next
 * section's heading or the first footnote definition); within those
 * lines the words are matched as plain text, lower-cased after NFC.  A
 * section naming a National Congress ("Đại hội XIII", "Đại hội lần thứ
 * XIII", "Đại hội đại biểu toàn quốc lần thứ XII", "nhiệm kỳ 2020–2025")
 * gets the newest one's mark -- the text has been updated to it --
 * unless its enclosing section or the baseline says so already.  A
 * section naming a provincial, district or commune congress ("Đại hội
 * Đảng bộ tỉnh ...") gets, at its end, a reviewer note written as a
 * Markdown link reference definition, which CommonMark renders as
 * nothing and the tool accepts silently (an HTML comment would be
 * dropped with a warning). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "import_marks.h"
#include "model.h"
#include "text.h"
#include "xalloc.h"

/* A match in a line: what it suggests and where. */
struct hit {
	int	 mark;		/* a congress, or 0 */
	enum note_level level;	/* or a local note */
	size_t	 at, len;	/* in the line */
};

/* s[0..len) lower-cased, code point by code point, where that keeps
 * the length (so that offsets stay those of s). */
static char *
lower_same(const char *s, size_t len)
{
	char *out = xstrndup(s, len);
	size_t i = 0, n;
	int32_t cp;
	utf8proc_uint8_t enc[4];

	while (i < len) {
		if ((n = utf8_next((const unsigned char *)out + i, len - i,
		    &cp)) == 0) {
			i++;
			continue;
		}
		cp = utf8proc_tolower(cp);
		if (utf8proc_encode_char(cp, enc) == (utf8proc_ssize_t)n)
			memcpy(out + i, enc, n);
		i += n;
	}
	return out;
}

/* The newest National Congress a lecture's words may mean: the XV
 * meets in 2031.  A higher numeral ("Đại hội XX") is a provincial or
 * district congress's, whose numbers run higher. */
#define NATIONAL_MAX	15

/* A Roman numeral word at s, a National Congress's: its value (9..15)
 * and length, else 0. */
static int
roman_at(const char *s, size_t *len)
{
	char word[8];
	size_t n = 0;
	int c;

	while (n < sizeof(word) - 1 && s[n] && strchr("ivxl", s[n]))
		word[n] = s[n], n++;
	if (n == 0 || isalnum((unsigned char)s[n]) ||
	    (unsigned char)s[n] >= 0x80)
		return 0;
	word[n] = '\0';
	*len = n;
	c = congress_parse(word);
	/* "Đại hội XIII của Đảng bộ tỉnh": the province's congress. */
	if (strncmp(s + n, " của đảng bộ", strlen(" của đảng bộ")) == 0 ||
	    strncmp(s + n, " đảng bộ", strlen(" đảng bộ")) == 0)
		return 0;
	return c <= NATIONAL_MAX ? c : 0;
}

/* "2015–2020" (en dash, em dash or hyphen, spaces allowed) at s: the
 * congress of that term, else 0. */
static int
term_at(const char *s, size_t *len)
{
	const char *p = s;
	int a, b, c;

	if (!isdigit((unsigned char)p[0]) || strspn(p, "0123456789") != 4)
		return 0;
	a = atoi(p);
	p += 4;
	while (*p == ' ')
		p++;
	if (*p == '-')
		p++;
	else if (strncmp(p, "\u2013", 3) == 0 || strncmp(p, "\u2014", 3) == 0)
		p += 3;
	else
		return 0;
	while (*p == ' ')
		p++;
	if (strspn(p, "0123456789") != 4 || isdigit((unsigned char)p[4]))
		return 0;
	b = atoi(p);
	if (b != a + 5)
		return 0;
	/* Local terms start in 2015, 2020 ...; national ones a year later. */
	c = a % 5 == 0 ? 12 + (a - 2015) / 5 : a % 5 == 1 ?
	    12 + (a - 2016) / 5 : 0;
	*len = (size_t)(p + 4 - s);
	return c >= CONGRESS_MIN && c <= NATIONAL_MAX ? c : 0;
}

static const char *const congress_words[] = {
	"đại hội đại biểu toàn quốc lần thứ ",
	"đại hội đảng toàn quốc lần thứ ",
	"đại hội toàn quốc lần thứ ",
	"đại hội đảng lần thứ ",
	"đại hội lần thứ ",
	"đại hội đảng ",
	"đại hội ",
};

static const struct {
	const char	*words;
	enum note_level	 level;
} local_words[] = {
	{ "đảng bộ tỉnh", LEVEL_PROVINCE },
	{ "đảng bộ thành phố trực thuộc trung ương", LEVEL_PROVINCE },
	{ "đảng bộ huyện", LEVEL_DISTRICT },
	{ "đảng bộ quận", LEVEL_DISTRICT },
	{ "đảng bộ thị xã", LEVEL_DISTRICT },
	{ "đảng bộ thành phố", LEVEL_DISTRICT },
	{ "đảng bộ xã", LEVEL_COMMUNE },
	{ "đảng bộ phường", LEVEL_COMMUNE },
	{ "đảng bộ đặc khu", LEVEL_COMMUNE },
};

/* A local congress named at s: "đại hội [đại biểu] [XX] [của] đảng bộ
 * tỉnh ...". */
static enum note_level
local_at(const char *s, size_t *len)
{
	const char *p = s + strlen("đại hội ");
	size_t i, n;

	if (strncmp(p, "đại biểu ", strlen("đại biểu ")) == 0)
		p += strlen("đại biểu ");
	for (n = 0; p[n] && strchr("ivxl", p[n]); n++)
		;
	if (n > 0 && p[n] == ' ')
		p += n + 1;
	if (strncmp(p, "của ", strlen("của ")) == 0)
		p += strlen("của ");
	for (i = 0; i < sizeof(local_words) / sizeof(*local_words); i++) {
		n = strlen(local_words[i].words);
		if (strncmp(p, local_words[i].words, n) == 0 &&
		    !isalpha((unsigned char)p[n]) &&
		    (unsigned char)p[n] < 0x80) {
			*len = (size_t)(p + n - s);
			return local_words[i].level;
		}
	}
	return LEVEL_NONE;
}

/* The first hit in the lower-cased line at or after `from`. */
static int
line_hit(const char *low, size_t from, struct hit *h)
{
	const char *p;
	size_t i, n, k;

	for (p = low + from; *p; p++) {
		memset(h, 0, sizeof(*h));
		h->at = (size_t)(p - low);
		if (strncmp(p, "nhiệm kỳ ", strlen("nhiệm kỳ ")) == 0 &&
		    (h->mark = term_at(p + strlen("nhiệm kỳ "), &n)) != 0) {
			h->len = strlen("nhiệm kỳ ") + n;
			return 1;
		}
		if (strncmp(p, "đại hội ", strlen("đại hội ")) != 0 ||
		    (p > low && isalpha((unsigned char)p[-1])))
			continue;
		if ((h->level = local_at(p, &h->len)) != LEVEL_NONE)
			return 1;
		for (i = 0; i < sizeof(congress_words) /
		    sizeof(*congress_words); i++) {
			k = strlen(congress_words[i]);
			if (strncmp(p, congress_words[i], k) == 0 &&
			    (h->mark = roman_at(p + k, &n)) != 0) {
				h->len = k + n;
				return 1;
			}
		}
	}
	return 0;
}

/* The words around line[at..at+len): about 15 characters before and
 * 25 after, cut at spaces, with ellipses where the line goes on. */
static void
context(struct buf *b, const char *line, size_t at, size_t len)
{
	size_t s = at, e = at + len, end = strlen(line), cut;
	int n;

	for (n = 0; s > 0 && n < 15; n++)
		do
			s--;
		while (s > 0 && ((unsigned char)line[s] & 0xc0) == 0x80);
	if (s > 0 && line[s - 1] != ' ') {
		for (cut = s; cut < at && line[cut] != ' '; cut++)
			;
		s = cut < at ? cut + 1 : at;
	}
	for (n = 0; e < end && n < 25; n++)
		do
			e++;
		while (e < end && ((unsigned char)line[e] & 0xc0) == 0x80);
	if (e < end && line[e] != ' ') {
		for (cut = e; cut > at + len && line[cut] != ' '; cut--)
			;
		e = cut;
	}
	buf_puts(b, s > 0 ? "\"…" : "\"");
	buf_put(b, line + s, e - s);
	buf_puts(b, e < end ? "…\"" : "\"");
}

static int
count_lines(const struct buf *b)
{
	int n = 0;
	size_t i;

	for (i = 0; i < b->len; i++)
		n += b->data[i] == '\n';
	return n;
}

/* What one section's words suggest. */
struct suggest {
	int		 mark;		/* the newest congress named */
	int		 mark_line;	/* its first mention */
	struct buf	 mark_words;
	int		 level_lines[4];
	struct buf	 level_words[4];
};

/* Scans lines [from, to) (1-based) of the lecture. */
static void
section_scan(struct suggest *sg, char **lines, int from, int to)
{
	struct hit h;
	size_t at;
	char *low;
	int ln;

	for (ln = from; ln < to; ln++) {
		low = lower_same(lines[ln - 1], strlen(lines[ln - 1]));
		for (at = 0; line_hit(low, at, &h); at = h.at + h.len) {
			if (h.mark > sg->mark) {
				sg->mark = h.mark;
				sg->mark_line = ln;
				buf_clear(&sg->mark_words);
				context(&sg->mark_words, lines[ln - 1], h.at,
				    h.len);
			} else if (h.level != LEVEL_NONE &&
			    sg->level_lines[h.level] == 0) {
				sg->level_lines[h.level] = ln;
				context(&sg->level_words[h.level],
				    lines[ln - 1], h.at, h.len);
			}
		}
		free(low);
	}
}

/* The lecture's lines, each NUL-terminated (text is modified). */
static char **
split_lines(char *text, int *n)
{
	char **v = NULL, *p, *nl;
	size_t cap = 0;

	*n = 0;
	for (p = text; *p; p = nl + 1) {
		v = xgrow(v, &cap, (size_t)*n + 1, sizeof(*v));
		v[(*n)++] = p;
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
	}
	return v;
}

/* Where section i's own text ends: the next section's heading, the
 * first footnote definition after its heading, or the end. */
static int
section_end(const struct doc *d, size_t i, int n_lines)
{
	int start = d->blocks[i]->loc.line, end = n_lines + 1;
	size_t k;

	for (k = 0; k < d->n_blocks; k++) {
		const struct block *b = d->blocks[k];
		int ln = b->loc.line;

		if ((b->kind == BLOCK_FOOTNOTE || (b->kind == BLOCK_SECTION &&
		    k > i)) && ln > start && ln < end)
			end = ln;
	}
	return end;
}

/* The effective suggested mark of section block b's enclosing section. */
static int
parent_mark(const struct doc *d, const struct block *b, const int *marks,
    int base)
{
	const struct block *p;
	size_t k;

	for (p = b->parent; p != NULL; p = p->parent)
		for (k = 0; k < d->n_blocks; k++)
			if (d->blocks[k] == p && p->kind == BLOCK_SECTION)
				return marks[k] ? marks[k] : p->mark ? p->mark :
				    parent_mark(d, p, marks, base);
	return base;
}

/* The reviewer note for a local congress: a link reference definition
 * (CommonMark renders nothing for it; the tool accepts it silently). */
static void
local_note(struct buf *b, enum note_level level, const struct buf *words)
{
	const char *w;

	buf_printf(b, "[//]: # \"lecturepack import: liên kết gợi ý "
	    "[[%s#…]] — ", note_level_name(level));
	for (w = words->data; *w; w++) {
		if (*w == '"' || *w == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *w);
	}
	buf_puts(b, "\"\n\n");
}

struct edit {
	int		 line;		/* 1-based */
	int		 mark;		/* add ' {.xiii}' to the heading */
	struct buf	 note;		/* or insert this before the line */
};

/* Collects the suggestions for d's sections into edits, printing each
 * to stdout (lines as they will be once the notes are inserted). */
static size_t
suggestions(const struct doc *d, char **lines, int n_lines, int base,
    struct edit **edits)
{
	struct suggest sg;
	size_t i, n = 0, cap = 0;
	int *marks = xcalloc(d->n_blocks + 1, sizeof(*marks));
	int end, lv, shift = 0, added;

	*edits = NULL;
	for (i = 0; i < d->n_blocks; i++) {
		const struct block *b = d->blocks[i];

		if (b->kind != BLOCK_SECTION || b->loc.line < 1 ||
		    b->loc.line > n_lines)
			continue;
		memset(&sg, 0, sizeof(sg));
		end = section_end(d, i, n_lines);
		section_scan(&sg, lines, b->loc.line, end);
		if (sg.mark && !b->mark &&
		    sg.mark != parent_mark(d, b, marks, base)) {
			marks[i] = sg.mark;
			*edits = xgrow(*edits, &cap, n + 1, sizeof(**edits));
			memset(&(*edits)[n], 0, sizeof(**edits));
			(*edits)[n].line = b->loc.line;
			(*edits)[n++].mark = sg.mark;
			printf("%s:%d: suggested .%s: %s\n", d->path,
			    sg.mark_line + shift, congress_class(sg.mark),
			    sg.mark_words.data);
		}
		/* Notes go at the section's end, after its words. */
		added = 0;
		for (lv = LEVEL_PROVINCE; lv <= LEVEL_COMMUNE; lv++) {
			if (sg.level_lines[lv] == 0)
				continue;
			*edits = xgrow(*edits, &cap, n + 1, sizeof(**edits));
			memset(&(*edits)[n], 0, sizeof(**edits));
			(*edits)[n].line = end;
			/* A definition cannot interrupt a paragraph. */
			if (added == 0 && end - 1 >= 1 &&
			    lines[end - 2][0] != '\0')
				buf_putc(&(*edits)[n].note, '\n');
			local_note(&(*edits)[n].note, (enum note_level)lv,
			    &sg.level_words[lv]);
			printf("%s:%d: suggested link: [[%s#…]] (%s)\n",
			    d->path, sg.level_lines[lv] + shift,
			    note_level_name((enum note_level)lv),
			    sg.level_words[lv].data);
			added += count_lines(&(*edits)[n++].note);
		}
		shift += added;
		buf_release(&sg.mark_words);
		for (lv = 0; lv < 4; lv++)
			buf_release(&sg.level_words[lv]);
	}
	free(marks);
	return n;
}

/* The lecture with the edits made. */
static void
apply_edits(struct buf *out, char **lines, int n_lines, struct edit *e,
    size_t n)
{
	size_t k;
	int ln;

	for (ln = 1; ln <= n_lines + 1; ln++) {
		for (k = 0; k < n; k++)
			if (e[k].line == ln && e[k].note.len > 0)
				buf_put(out, e[k].note.data, e[k].note.len);
		if (ln > n_lines)
			break;
		buf_puts(out, lines[ln - 1]);
		for (k = 0; k < n; k++)
			if (e[k].line == ln && e[k].mark)
				buf_printf(out, " {.%s}",
				    congress_class(e[k].mark));
		buf_putc(out, '\n');
	}
}

size_t
import_marks(const struct doc *d, const char *text, size_t len, int base,
    struct buf *out)
{
	struct edit *edits;
	char *copy = xstrndup(text, len), **lines;
	size_t n, k;
	int n_lines;

	lines = split_lines(copy, &n_lines);
	n = suggestions(d, lines, n_lines, base, &edits);
	if (n > 0)
		apply_edits(out, lines, n_lines, edits, n);
	for (k = 0; k < n; k++)
		buf_release(&edits[k].note);
	free(edits);
	free(lines);
	free(copy);
	return n;
}
