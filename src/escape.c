/* escape.c - HTML/XML, JSON, CSV and URL escaping (see escape.h). */
#include "escape.h"

#include <string.h>

#include "text.h"

/*
 * The length of the UTF-8 sequence at s that may be written as it is:
 * well-formed and not U+FFFE or U+FFFF (not characters in XML).  0 when
 * it must be replaced by U+FFFD.  libcmark turns &#xFFFF; into a lone
 * byte, and YAML escapes can make anything: output is checked here.
 */
static inline size_t
utf8_ok(const unsigned char *s, size_t len)
{
	/* len may exceed what is left of a NUL-terminated string:
	 * each test stops at the first byte that does not continue. */
	int32_t cp;
	size_t n = utf8_next(s, len, &cp);	/* inline for Vietnamese */

	if (n == 0 || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return n;
}

#define REPLACEMENT	"\xEF\xBF\xBD"

/* For esc_html(): 1 for the bytes that are written as they are (tab,
 * newline and printable ASCII but & < > " '). */
static const unsigned char html_plain[256] = {
	['\t'] = 1, ['\n'] = 1, [' '] = 1, ['!'] = 1, ['#'] = 1, ['$'] = 1,
	['%'] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1,
	['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1,
	['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, [':'] = 1, [';'] = 1, ['='] = 1, ['?'] = 1, ['@'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1,
	['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
	['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
	['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['{'] = 1, ['|'] = 1,
	['}'] = 1, ['~'] = 1
};

void
esc_html(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, n;
	const char *rep;
	unsigned char c;

	for (;;) {
		while (i < len && html_plain[(unsigned char)s[i]])
			i++;
		if (i == len)
			break;
		c = (unsigned char)s[i];
		if (c >= 0x80) {
			if ((n = utf8_ok((const unsigned char *)s + i,
			    len - i)) > 0) {
				i += n;
				continue;
			}
			rep = REPLACEMENT;
		} else if (c == '&')
			rep = "&amp;";
		else if (c == '<')
			rep = "&lt;";
		else if (c == '>')
			rep = "&gt;";
		else if (c == '"')
			rep = "&quot;";
		else if (c == '\'')
			rep = "&#39;";
		else
			rep = "";	/* a control character */
		buf_put(out, s + start, i - start);
		buf_puts(out, rep);
		start = ++i;
	}
	buf_put(out, s + start, len - start);
}

void
esc_html_str(struct buf *out, const char *s)
{
	esc_html(out, s, strlen(s));
}

/* For esc_json_str(): 1 for the bytes that stand for themselves in a
 * JSON string (printable ASCII but '"' and '\\', and DEL). */
static const unsigned char json_plain[256] = {
	[' '] = 1, ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1,
	['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1,
	['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1,
	['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1,
	['?'] = 1, ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,
	['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
	['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
	['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, [']'] = 1,
	['^'] = 1, ['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1,
	['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1,
	['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['{'] = 1,
	['|'] = 1, ['}'] = 1, ['~'] = 1, [0x7f] = 1
};

void
esc_json_str(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *run = p;
	size_t n;

	buf_putc(out, '"');
	while (*p) {
		/* Runs of bytes that stand for themselves are copied whole. */
		if (json_plain[*p]) {
			p++;
			continue;
		}
		n = *p >= 0x80 ? utf8_ok(p, 4) : 1;
		/* U+2028 and U+2029 end a line in old JavaScript. */
		if (n > 1 && !(n == 3 && p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0xA8 || p[2] == 0xA9))) {
			p += n;
			continue;
		}
		buf_put(out, run, (size_t)(p - run));
		if (n == 3)
			buf_puts(out, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
		else if (n == 0) {
			buf_puts(out, REPLACEMENT);
			n = 1;
		} else if (*p == '"' || *p == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, *p);
		} else if (*p == '\n')
			buf_puts(out, "\\n");
		else if (*p == '\t')
			buf_puts(out, "\\t");
		else if (*p == '\r')
			buf_puts(out, "\\r");
		else {
			buf_puts(out, "\\u00");
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
		p += n;
		run = p;
	}
	buf_put(out, run, (size_t)(p - run));
	buf_putc(out, '"');
}

/* Controls dropped, bad UTF-8 replaced; tab and newline kept or made
 * spaces. */
static void
clean_text(struct buf *out, const char *s, int keep_lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	for (; *p; p++) {
		if (*p >= 0x80) {
			if ((n = utf8_ok(p, 4)) == 0) {
				buf_puts(out, REPLACEMENT);
				continue;
			}
			buf_put(out, p, n);
			p += n - 1;
		} else if (*p >= 0x20 && *p != 0x7f)
			buf_putc(out, *p);
		else if (*p == '\t' || *p == '\n' || *p == '\r')
			buf_putc(out, keep_lines ? *p : ' ');
	}
}

void
esc_text(struct buf *out, const char *s)
{
	clean_text(out, s, 0);
}

void
esc_css_str(struct buf *out, const char *s)
{
	struct buf clean = BUF_INIT;
	const char *p;

	clean_text(&clean, s, 0);
	buf_putc(out, '"');
	for (p = clean.data; *p; p++)
		if (*p == '"' || *p == '\\')
			buf_printf(out, "\\%c", *p);
		else if (*p == '<' || *p == '>' || *p == '&')
			/* Never "</style>" nor anything a reader of the
			 * markup takes for a tag or an entity. */
			buf_printf(out, "\\%x ", (unsigned)*p);
		else
			buf_putc(out, *p);
	buf_putc(out, '"');
	buf_release(&clean);
}

void
esc_csv(struct buf *out, const char *s)
{
	struct buf clean = BUF_INIT;
	const char *p;
	int formula;

	clean_text(&clean, s, 1);
	/* A cell starting like a formula is text, not a formula. */
	formula = strchr("=+-@", clean.data[0]) != NULL && clean.data[0];
	if (!formula && strpbrk(clean.data, ",\"\r\n") == NULL) {
		buf_puts(out, clean.data);
		buf_release(&clean);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (p = clean.data; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
	buf_release(&clean);
}

void
esc_url(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '^' || *p == '`' ||
		    *p == '{' || *p == '|' || *p == '}') {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		} else if (*p == '&')
			buf_puts(out, "&amp;");
		else if (*p == '\'')
			buf_puts(out, "&#39;");
		else
			buf_putc(out, *p);
	}
}

static int
is_hex(int ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
	    (ch >= 'A' && ch <= 'F');
}

void
esc_pct(struct buf *out, const char *s, size_t len, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char plain[] = "-._~!$&'()*+,;=:@";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	for (; p < end; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') ||
		    (*p != '\0' && (strchr(plain, *p) || strchr(keep, *p))) ||
		    (*p == '%' && end - p > 2 && is_hex(p[1]) &&
		    is_hex(p[2])))
			buf_putc(out, *p);
		else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}
