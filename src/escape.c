/* escape.c - HTML/XML, JSON, CSV and URL escaping (see escape.h). */
#include "escape.h"

#include <string.h>
#ifdef __SSE2__
#include <immintrin.h>
#endif

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

#define ONES	WORD_ONES
#define HIGHS	WORD_HIGHS

/*
 * Flags the bytes of w that html_plain[] may not pass: 0x80 and up (w
 * itself), and by their low seven bits y (y + c stays within its byte:
 * no carry between bytes, so each byte is judged alone) 0x7f (y + 1
 * reaches 0x80), below 0x20 (y + 0x60 does not), " # & ' ((y | 0x05)
 * ^ 0x27 is 0, and 0 + 0x7f does not reach 0x80) and < > ((y | 0x02)
 * ^ 0x3e is 0).  Tab, newline and '#' are false alarms, which the
 * byte's own test settles.
 */
static inline uint64_t
html_maybe(uint64_t w)
{
	uint64_t y = w & ~HIGHS;

	return (w | (y + ONES) | ~((y + ONES * 0x60) &
	    (((y | ONES * 0x05) ^ ONES * 0x27) + ONES * 0x7f) &
	    (((y | ONES * 0x02) ^ ONES * 0x3e) + ONES * 0x7f))) & HIGHS;
}

/*
 * utf8_ok() with the sequences of Vietnamese first: lead C2-DF and
 * E1-EC with their continuation bytes are always well-formed (no
 * overlong form, no surrogate) and never U+FFFE/U+FFFF.
 */
static inline size_t
utf8_ok_vi(const unsigned char *s, size_t len)
{
	if (s[0] - 0xC2u < 0x1E && len >= 2 && (s[1] & 0xC0) == 0x80)
		return 2;
	if (s[0] - 0xE1u < 0x0C && len >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80)
		return 3;
	return utf8_ok(s, len);
}

/* For words_skip(): a character esc_html() copies as it is: plain ASCII
 * (html_plain[]) or one utf8_ok() accepts. */
static inline size_t
html_step(const unsigned char *p, size_t n)
{
	return p[0] >= 0x80 ? utf8_ok_vi(p, n) : html_plain[p[0]];
}

/* The offset of the first byte at or after i (a character's start, or
 * a byte to stop at) that esc_html() does not copy as it is, or len. */
static size_t
html_skip_words(const unsigned char *s, size_t i, size_t len)
{
	return words_skip(s, i, len, html_maybe, html_step);
}

#ifdef __SSE2__
/*
 * Sixteen bytes at a time (SSE2 is part of x86-64): the number of bytes
 * from s + from, a character's start, that html_skip_words() would step
 * over in one go, up to the block's end s + 16, or 0 when they hold a
 * byte it must look at (bytes before s + from are not looked at).  They
 * pass when they hold only plain ASCII (no control but tab and newline,
 * no DEL, none of & < > " '), leads C2-DF and E1-EC (always well-formed
 * with their continuations, never U+FFFE/FFFF: utf8_ok_vi()) and
 * continuation bytes 80-BF exactly where those leads want them
 * (utf8_block_pass()).  Any other byte (E0, ED-FF, C0, C1, a stray or
 * missing continuation) fails them, and the character loop settles it.
 */
static inline __attribute__((always_inline)) size_t
html_clean16(const unsigned char *s, unsigned from)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	const unsigned w = 16 - from;
	__m128i bad;
	unsigned high, flag, cont, lead2, lead3;

	/* Signed compares: 80-FF are -128..-1, below every ASCII byte.
	 * v + 1 is below 0x21 for the controls and DEL (0x7f + 1 wraps to
	 * -128), and for 80-FF, whose flags the high bits take away. */
	bad = _mm_cmpgt_epi8(_mm_set1_epi8(0x21),
	    _mm_add_epi8(v, _mm_set1_epi8(1)));
	bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	/* & and ' are 0x26 and 0x27, < and > 0x3c and 0x3e. */
	bad = _mm_or_si128(bad, _mm_cmpeq_epi8(
	    _mm_or_si128(v, _mm_set1_epi8(0x01)), _mm_set1_epi8('\'')));
	bad = _mm_or_si128(bad, _mm_cmpeq_epi8(
	    _mm_or_si128(v, _mm_set1_epi8(0x02)), _mm_set1_epi8('>')));
	high = (unsigned)_mm_movemask_epi8(v) >> from;
	flag = ((unsigned)_mm_movemask_epi8(bad) >> from) & ~high;
	/* Tab and newline are flagged too: rare in text but for code. */
	if (flag != 0 && (flag & ~((unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')))) >> from)) != 0)
		return 0;
	cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v,
	    _mm_set1_epi8((char)0xC0))) >> from;
	lead2 = (unsigned)_mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xC1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xE0)))) >> from;
	lead3 = (unsigned)_mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xE0)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xED)))) >> from;
	return utf8_block_pass(w, high, cont, lead2, lead3);
}

/* html_skip_words() with html_clean16()'s blocks first; a block that
 * fails is looked at a character at a time. */
static size_t
html_skip_sse2(const unsigned char *s, size_t i, size_t len)
{
	return blocks_skip(s, i, len, html_clean16, html_step,
	    html_skip_words);
}

#define html_skip	html_skip_sse2
#else
#define html_skip	html_skip_words
#endif

/* The replacement of byte c, which esc_html() stops at, in its five
 * bytes and its length. */
static const struct {
	char	s[7];
	char	n;
} html_rep[128] = {
	['&'] = { "&amp;", 5 }, ['<'] = { "&lt;", 4 }, ['>'] = { "&gt;", 4 },
	['"'] = { "&quot;", 6 }, ['\''] = { "&#39;", 5 }
};

static inline void
esc_html_with(struct buf *out, const char *s, size_t len,
    size_t (*skip)(const unsigned char *, size_t, size_t))
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;

	while ((i = skip(p, i, len)) < len) {
		buf_put(out, s + start, i - start);
		if (p[i] >= 0x80)
			buf_put(out, REPLACEMENT, 3);
		else	/* nothing for a control character */
			buf_put(out, html_rep[p[i]].s,
			    (size_t)html_rep[p[i]].n);
		start = ++i;
	}
	buf_put(out, s + start, len - start);
}

void
esc_html(struct buf *out, const char *s, size_t len)
{
	esc_html_with(out, s, len, html_skip);
}

void
esc_html_path(struct buf *out, const char *s, size_t len, int path)
{
#ifdef __SSE2__
	if (path >= 1) {
		esc_html_with(out, s, len, html_skip_sse2);
		return;
	}
#else
	(void)path;
#endif
	esc_html_with(out, s, len, html_skip_words);
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

/* Flags the bytes of w that json_plain[] does not pass, as html_maybe()
 * does: 0x80 and up, below 0x20, '"' and '\\'. */
static inline uint64_t
json_maybe(uint64_t w)
{
	uint64_t y = w & ~HIGHS;

	return (w | ~((y + ONES * 0x60) & ((y ^ ONES * '"') + ONES * 0x7f) &
	    ((y ^ ONES * '\\') + ONES * 0x7f))) & HIGHS;
}

/* U+2028 and U+2029 end a line in old JavaScript: esc_json_str()
 * escapes them. */
static inline int
js_line_end(const unsigned char *s, size_t n)
{
	return n == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] == 0xA8 || s[2] == 0xA9);
}

/* For words_skip(): a character esc_json_str() copies as it is. */
static inline size_t
json_step(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return json_plain[p[0]];
	n = utf8_ok_vi(p, n);
	return js_line_end(p, n) ? 0 : n;
}

/* The offset of the first byte at or after i that esc_json_str() does
 * not copy as it is, or len: html_skip_words() with json_maybe() and
 * json_step(), which stops at U+2028/U+2029 too. */
static size_t
json_skip(const unsigned char *s, size_t i, size_t len)
{
	return words_skip(s, i, len, json_maybe, json_step);
}

void
esc_json_str(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, run = 0, n;

	buf_putc(out, '"');
	/* Runs of bytes that stand for themselves are copied whole. */
	while ((i = json_skip(p, i, len)) < len) {
		/* s[len] is the NUL: a sequence cut by len is cut by it. */
		n = p[i] >= 0x80 ? utf8_ok_vi(p + i, len - i) : 1;
		buf_put(out, p + run, i - run);
		if (n == 3)	/* U+2028 or U+2029 */
			buf_puts(out, p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
		else if (n == 0) {
			buf_puts(out, REPLACEMENT);
			n = 1;
		} else if (p[i] == '"' || p[i] == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, p[i]);
		} else if (p[i] == '\n')
			buf_puts(out, "\\n");
		else if (p[i] == '\t')
			buf_puts(out, "\\t");
		else if (p[i] == '\r')
			buf_puts(out, "\\r");
		else {
			buf_puts(out, "\\u00");
			buf_putc(out, hex[p[i] >> 4]);
			buf_putc(out, hex[p[i] & 15]);
		}
		i += n;
		run = i;
	}
	buf_put(out, p + run, len - run);
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

/* For esc_url(): 1 for the bytes written as they are (printable ASCII
 * but " < > \\ ^ ` { | } and the & ' that HTML escapes). */
static const unsigned char url_plain[256] = {
	['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['('] = 1, [')'] = 1,
	['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [':'] = 1, [';'] = 1,
	['='] = 1, ['?'] = 1, ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1,
	['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
	['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1,
	['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1,
	[']'] = 1, ['_'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
	['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
	['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['~'] = 1
};

void
esc_url(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *run;
	char pct[3];

	for (;;) {
		/* A run of plain bytes is copied whole (the NUL ends it). */
		for (run = p; url_plain[*p]; p++)
			;
		buf_put(out, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if (*p == '&')
			buf_put(out, "&amp;", 5);
		else if (*p == '\'')
			buf_put(out, "&#39;", 5);
		else {
			pct[0] = '%';
			pct[1] = hex[*p >> 4];
			pct[2] = hex[*p & 15];
			buf_put(out, pct, 3);
		}
		p++;
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
