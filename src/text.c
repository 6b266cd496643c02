/* text.c - UTF-8, NFC, slugs and folding through libutf8proc. */
#include "text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <immintrin.h>
#endif

#include "xalloc.h"

/* utf8_next() for the sequences it does not decode inline. */
size_t
utf8_next_other(const unsigned char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	n = utf8proc_iterate(s, (utf8proc_ssize_t)len, &c);
	if (n <= 0)
		return 0;
	*cp = c;
	return (size_t)n;
}

int
utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			*bad = i;
			return 0;
		}
		i += (size_t)n;
	}
	return 1;
}

int
text_stream_safe(const char *s, size_t len, size_t *bad)
{
	size_t at;
	int plain;

	if (text_check(s, len, &at, &plain) != TEXT_MARK_RUN)
		return 1;
	*bad = at;
	return 0;
}


/*
 * Is cp one that NFC leaves alone and that never combines with its
 * neighbours?  ASCII aside: precomposed Latin letters (Latin-1 to Latin
 * Extended-B, Latin Extended Additional: all of Vietnamese) and general
 * punctuation.  U+2000 and U+2001 are left out: NFC maps them.  Text of
 * these alone skips the costly NFC.
 */
static int
plain_cp(utf8proc_int32_t cp)
{
	return (cp >= 0xA0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x2002 && cp <= 0x206F) || cp == 0x20AB;
}

#define ONES	WORD_ONES
#define HIGHS	WORD_HIGHS

static int
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
}

/*
 * Eight bytes at a time: m flags every byte below 0x20 (w - 0x20 wraps
 * it past 0x7f) and every 0x7f (w + 1 makes it 0x80), ~w keeps only
 * bytes that had their high bit clear.  A borrow or carry between bytes
 * can flag a byte that is neither, never miss one: the flagged byte is
 * checked, and the search goes on after it when it was '\n', '\t' or
 * such a false alarm.
 */
size_t
text_control_at(const char *s, size_t len)
{
	size_t i = 0;
	uint64_t w, m;

#ifdef __SSE2__
	/* Sixteen bytes at a time, exactly: v + 1 is below 0x21 (signed)
	 * for 00-1F, for 7F (which wraps to -128) and for 80-FF, which the
	 * high bits of v take away, as they take tab and newline. */
	for (; i + 16 <= len; i += 16) {
		const __m128i v = _mm_loadu_si128((const __m128i *)(const
		    void *)(s + i));
		unsigned f = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(
		    _mm_set1_epi8(0x21), _mm_add_epi8(v, _mm_set1_epi8(1))));

		f &= ~(unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_or_si128(
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')))));
		if (f != 0)
			return i + (size_t)__builtin_ctz(f);
	}
#endif
	while (i + 8 <= len) {
		w = word_at(s, i);
		m = ((w - ONES * 0x20) | (w + ONES)) & ~w & HIGHS;
		if (m == 0) {
			i += 8;
			continue;
		}
		i += word_first(m);
		if (is_control((unsigned char)s[i]))
			return i;
		i++;
	}
	for (; i < len; i++)
		if (is_control((unsigned char)s[i]))
			return i;
	return len;
}

/*
 * The length of the well-formed sequence at p (n bytes left) when it is
 * one of the letters of Vietnamese: U+00C0-U+023F (lead C3-C8) or
 * U+1E00-U+1EFF (E1 B8-BB).  plain_cp() holds for them, so text_check()
 * can step over them without decoding.  0 for anything else.
 */
static inline size_t
vi_letter(const unsigned char *p, size_t n)
{
	if (p[0] - 0xC3u < 6)
		return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (p[0] == 0xE1)
		return n >= 3 && p[1] - 0xB8u < 4 && (p[2] & 0xC0) == 0x80 ?
		    3 : 0;
	return 0;
}

/* For words_skip(): ASCII or a vi_letter(). */
static inline size_t
text_step(const unsigned char *p, size_t n)
{
	return p[0] < 0x80 ? 1 : vi_letter(p, n);
}

static inline uint64_t
text_maybe(uint64_t w)
{
	return w & HIGHS;
}

/* The offset of the first byte at or after i that starts neither ASCII
 * nor a vi_letter(), or len. */
static size_t
text_skip_words(const unsigned char *s, size_t i, size_t len)
{
	return words_skip(s, i, len, text_maybe, text_step);
}

#ifdef __SSE2__
/*
 * A block for blocks_skip(): the bytes from s + from to s + 16 pass when
 * they hold only ASCII and whole vi_letter()s: leads C3-C8, and E1 with
 * a second byte B8-BB (an E1 in the last byte is not taken for one: the
 * character loop settles it), with their continuation bytes
 * (utf8_block_pass()).
 */
static inline __attribute__((always_inline)) size_t
text_clean16(const unsigned char *s, unsigned from)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	unsigned high, cont, lead2, lead3;

	high = (unsigned)_mm_movemask_epi8(v);
	if (high >> from == 0)
		return 16 - from;
	/* Signed compares: 80-FF are -128..-1.  v - 0x43 puts C3-C8 at
	 * 80-85, v - 0x38 B8-BB at 80-83. */
	cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v,
	    _mm_set1_epi8((char)0xC0)));
	lead2 = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(
	    _mm_sub_epi8(v, _mm_set1_epi8(0x43)), _mm_set1_epi8((char)0x86)));
	lead3 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8((char)0xE1))) &
	    (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(
	    _mm_sub_epi8(v, _mm_set1_epi8(0x38)),
	    _mm_set1_epi8((char)0x84))) >> 1;
	return utf8_block_pass(16 - from, high >> from, cont >> from,
	    lead2 >> from, lead3 >> from);
}

static size_t
text_skip_sse2(const unsigned char *s, size_t i, size_t len)
{
	return blocks_skip(s, i, len, text_clean16, text_step,
	    text_skip_words);
}

#define text_skip	text_skip_sse2
#else
#define text_skip	text_skip_words
#endif

static inline enum text_problem
text_check_with(const char *s, size_t len, size_t *at, int *plain,
    size_t (*skip)(const unsigned char *, size_t, size_t))
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	size_t i = 0, j, n;
	int run = 0;		/* combining marks in a row */

	*plain = 1;
	for (;;) {
		/* What skip() steps over is plain and no mark. */
		if ((j = skip(p, i, len)) != i)
			run = 0;
		if ((i = j) == len)
			break;
		n = utf8_next(p + i, len - i, &cp);
		if (n == 0) {
			*at = i;
			return TEXT_BAD_UTF8;
		}
		if (!plain_cp(cp)) {
			*plain = 0;
			if (utf8proc_get_property(cp)->combining_class == 0)
				run = 0;
			else if (++run > 30) {
				*at = i;
				return TEXT_MARK_RUN;
			}
		} else
			run = 0;
		i += n;
	}
	return TEXT_OK;
}

enum text_problem
text_check(const char *s, size_t len, size_t *at, int *plain)
{
	return text_check_with(s, len, at, plain, text_skip);
}

enum text_problem
text_check_path(const char *s, size_t len, size_t *at, int *plain,
    int path)
{
#ifdef __SSE2__
	if (path >= 1)
		return text_check_with(s, len, at, plain, text_skip_sse2);
#else
	(void)path;
#endif
	return text_check_with(s, len, at, plain, text_skip_words);
}

char *
text_nfc_known(const char *s, size_t len, int plain, size_t *outlen)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	if (!plain) {
		n = utf8proc_map((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)len, &out,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (n >= 0) {
			*outlen = (size_t)n;
			return (char *)out;
		}
		free(out);
	}
	*outlen = len;
	return xstrndup(s, len);
}

char *
text_nfc(const char *s, size_t len, size_t *outlen)
{
	size_t at;
	int plain;

	text_check(s, len, &at, &plain);
	return text_nfc_known(s, len, plain, outlen);
}

/*
 * Decodes the code point at s into its base letters (decomposition with
 * combining marks stripped; đ/Đ as d/D).  Returns the bytes consumed.
 */
static size_t
next_base(const char *s, size_t len, utf8proc_int32_t *base, size_t nbase,
    size_t *nout)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n, m;
	int bound = 0;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &cp);
	if (n <= 0) {
		*nout = 0;
		return 1;
	}
	if (cp == 0x0111 || cp == 0x0110) {
		base[0] = cp == 0x0111 ? 'd' : 'D';
		*nout = 1;
		return (size_t)n;
	}
	m = utf8proc_decompose_char(cp, base, (utf8proc_ssize_t)nbase,
	    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &bound);
	*nout = m < 0 || (size_t)m > nbase ? 0 : (size_t)m;
	return (size_t)n;
}

/*
 * The slug letter of the code points below 0x800 and of U+1E00-U+1EFF
 * (Latin Extended Additional), all of Vietnamese: slug_base[cp] (or
 * slug_base[0x800 + cp - 0x1E00]) is the one ASCII base letter that
 * the slow path below (utf8proc's category and decomposition) gives
 * it, or 0 when that path gives anything else (a mark, no letter,
 * several): the slow path is taken then.  Filled once, by that path.
 */
static unsigned char slug_base[0x900];
static pthread_once_t slug_once = PTHREAD_ONCE_INIT;

static void
slug_base_init(void)
{
	utf8proc_int32_t cp, base[8];
	size_t nb, i;

	for (i = 0x80; i < sizeof(slug_base); i++) {
		cp = (utf8proc_int32_t)(i < 0x800 ? i : 0x1E00 + (i - 0x800));
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_MN:
		case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ME:
			continue;
		default:
			break;
		}
		if (cp == 0x0111 || cp == 0x0110) {
			slug_base[i] = cp == 0x0111 ? 'd' : 'D';
			continue;
		}
		nb = (size_t)utf8proc_decompose_char(cp, base, 8,
		    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &(int){ 0 });
		if (nb == 1 && base[0] > 0 && base[0] < 0x80)
			slug_base[i] = (unsigned char)base[0];
	}
}

/* The slug_base entry of the well-formed 2-byte or E1 B8-BB sequence at
 * p (n bytes left), with *k its length; 0 for any other. */
static unsigned char
slug_fast(const unsigned char *p, size_t n, size_t *k)
{
	if (p[0] >= 0xC2 && p[0] < 0xE0 && n >= 2 && (p[1] & 0xC0) == 0x80) {
		*k = 2;
		return slug_base[((p[0] & 0x1F) << 6) | (p[1] & 0x3F)];
	}
	if (p[0] == 0xE1 && n >= 3 && p[1] - 0xB8u < 4 &&
	    (p[2] & 0xC0) == 0x80) {
		*k = 3;
		return slug_base[0x800 | ((p[1] & 0x03) << 6) | (p[2] & 0x3F)];
	}
	return 0;
}

void
slug_append(struct buf *out, const char *s, size_t len)
{
	size_t start = out->len, i = 0, k, nb;
	utf8proc_int32_t base[8];
	int dash = 0;

	pthread_once(&slug_once, slug_base_init);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			base[0] = c;
			nb = 1;
			i++;
		} else if ((c = slug_fast((const unsigned char *)s + i,
		    len - i, &k)) != 0) {
			base[0] = c;
			nb = 1;
			i += k;
		} else {
			utf8proc_int32_t cp;
			utf8proc_ssize_t n = utf8proc_iterate(
			    (const utf8proc_uint8_t *)s + i,
			    (utf8proc_ssize_t)(len - i), &cp);
			utf8proc_category_t cat = n > 0 ?
			    utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;

			/* A combining mark (NFD) belongs to its letter. */
			if (cat == UTF8PROC_CATEGORY_MN ||
			    cat == UTF8PROC_CATEGORY_MC ||
			    cat == UTF8PROC_CATEGORY_ME) {
				i += (size_t)n;
				continue;
			}
			i += next_base(s + i, len - i, base, 8, &nb);
		}
		for (k = 0; k < nb; k++) {
			int ch = base[k];

			if (ch >= 'A' && ch <= 'Z')
				ch += 'a' - 'A';
			if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
				if (dash && out->len > start)
					buf_putc(out, '-');
				dash = 0;
				buf_putc(out, ch);
			} else
				dash = 1;
		}
		if (nb == 0)
			dash = 1;
	}
}

char *
slug_make(const char *s)
{
	struct buf b = BUF_INIT;

	slug_append(&b, s, strlen(s));
	return buf_detach(&b, NULL);
}

/* One code point folded for search (see fold_words()), or -1 when it
 * folds to nothing. */
static utf8proc_int32_t
fold_char_slow(utf8proc_int32_t cp)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t r;
	int bound = 0;

	if (cp == 0x0111 || cp == 0x0110)
		return 'd';
	if (cp >= 0x0300 && cp <= 0x036f)
		return -1;
	if (cp >= 0x10000)	/* two UTF-16 halves in search.js: no letter */
		return cp;
	r = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &bound);
	if (r > 0 && r <= 8)
		cp = d[0];
	return utf8proc_tolower(cp);
}

/* fold_char_slow() below U+2040 (Latin, Vietnamese, punctuation), worked
 * out once (by the first thread that folds) as what fold_words() writes
 * for it: decomposing is most of the cost of folding a text.  An entry
 * holds the folded word letter's UTF-8 bytes from bit 8 up and their
 * count in the low byte; FOLD_SEP when the code point ends a word,
 * FOLD_MARK (no bytes) when it folds to nothing (a combining mark). */
#define FOLD_SEP	0u
#define FOLD_MARK	0x100u
#define FOLD_TABLE_N	0x2040
static uint32_t fold_table[FOLD_TABLE_N];
/* Per byte: an ASCII letter or digit as its folded byte (lower case), 0
 * for the other ASCII bytes but FOLD_B_JSON for those a JSON string
 * escapes (below 0x20, '"' and '\\'); below that the bytes of longer
 * characters, by the lead bytes fold_at() decodes itself (FOLD_B_C2_DF,
 * FOLD_B_E1, FOLD_B_E2) and the others (FOLD_B_HIGH). */
#define FOLD_B_JSON	(-1)
#define FOLD_B_HIGH	(-2)
#define FOLD_B_C2_DF	(-3)
#define FOLD_B_E1	(-4)
#define FOLD_B_E2	(-5)
static signed char fold_byte[256];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static int
fold_is_word(utf8proc_int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 0x00c0 && c <= 0x024f) || (c >= 0x1e00 && c <= 0x1eff);
}

/* The fold_table entry of code point cp. */
static uint32_t
fold_entry(utf8proc_int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_int32_t c = fold_char_slow(cp);
	utf8proc_ssize_t n, i;
	uint32_t e;

	if (c < 0)
		return FOLD_MARK;
	if (!fold_is_word(c))
		return FOLD_SEP;
	n = utf8proc_encode_char(c, u);	/* 1 to 3 bytes in these ranges */
	e = (uint32_t)n;
	for (i = 0; i < n; i++)
		e |= (uint32_t)u[i] << (8 * (i + 1));
	return e;
}

static void
fold_table_make(void)
{
	utf8proc_int32_t c;

	for (c = 0; c < FOLD_TABLE_N; c++)
		fold_table[c] = fold_entry(c);
	for (c = 0; c < 256; c++)
		fold_byte[c] = c >= 0xc2 && c <= 0xdf ? FOLD_B_C2_DF :
		    c == 0xe1 ? FOLD_B_E1 : c == 0xe2 ? FOLD_B_E2 :
		    c >= 0x80 ? FOLD_B_HIGH : fold_table[c] != FOLD_SEP ?
		    (signed char)(fold_table[c] >> 8) :
		    c < 0x20 || c == '"' || c == '\\' ? FOLD_B_JSON : 0;
}

/* The fold_table entry of the character at p[0..left), p[0] >= 0x80 of
 * class b (fold_byte[p[0]]), and its length in *k; a byte that is not
 * UTF-8 stands for U+FFFD.  Vietnamese is decoded here, straight into
 * the table: two-byte sequences (always valid from lead byte C2 on, see
 * utf8_next()) and E1 xx xx (U+1000-1FFF: Latin Extended Additional),
 * and so are the dashes and quotes of E2 80 xx (U+2000-203F).  Any other
 * sequence, valid or not, and U+2028 and U+2029, set *odd (see
 * fold_words_each()). */
static inline uint32_t
fold_at(const unsigned char *p, size_t left, int b, size_t *k, int *odd)
{
	int32_t c;

	/* (x << 6) + y for a lead or continuation byte x = base + hi and a
	 * continuation byte y = 0x80 + lo is (base << 6) + 0x80 + (hi << 6
	 * | lo): the code point's bits plus a constant, taken away once. */
	if (b == FOLD_B_C2_DF && left >= 2 && (p[1] & 0xc0) == 0x80) {
		*k = 2;
		return fold_table[(p[0] << 6) + p[1] - ((0xc0 << 6) + 0x80)];
	}
	if (b == FOLD_B_E1 && left >= 3 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*k = 3;
		return fold_table[0x1000 + (p[1] << 6) + p[2] -
		    ((0x80 << 6) + 0x80)];
	}
	if (b == FOLD_B_E2 && left >= 3 && p[1] == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*k = 3;
		*odd |= p[2] == 0xa8 || p[2] == 0xa9;
		return fold_table[0x2000 | (p[2] & 0x3f)];
	}
	*odd = 1;
	if ((*k = utf8_next(p, left, &c)) == 0) {
		*k = 1;
		c = 0xfffd;
	}
	return c < FOLD_TABLE_N ? fold_table[c] : fold_entry(c);
}

/* Writes the folded bytes of entry e (a word letter) at *o, and shifts
 * them into *key. */
static inline void
fold_put(char **o, uint32_t e, uint64_t *key)
{
	uint32_t n;

	if ((e & 0xff) == 1) {	/* most: Vietnamese folds to ASCII */
		*(*o)++ = (char)(e >> 8);
		*key = *key << 8 | (e >> 8);
		return;
	}
	for (n = e & 0xff; n > 0; n--) {
		e >>= 8;
		*(*o)++ = (char)(e & 0xff);
		*key = *key << 8 | (e & 0xff);
	}
}

/*
 * fold_words() and fold_words_each() in one: fn, when not NULL, is
 * given each word as it ends.  The words go straight into out's memory,
 * reserved first: a byte of input gives at most two of output (a folded
 * letter is never longer than the letter it comes from plus half, and a
 * word's NUL follows one of its letters).  ASCII letters and digits
 * (most of any text, Vietnamese too) and ASCII separators take the short
 * path, through fold_byte.  On the way, `odd` notes any byte that keeps
 * s from being its own JSON string (see fold_words_each()).
 */
static size_t
fold_run(struct buf *out, const char *s, size_t len, fold_word_fn *fn,
    void *arg, int *json_plain)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	char *o, *w;
	size_t k, n = 0;
	uint64_t key;
	uint32_t e;
	int b, odd = 0;

	pthread_once(&fold_once, fold_table_make);
	buf_grow(out, 2 * len + 2);
	o = out->data + out->len;
	while (p < end) {
		/* Between words: ASCII separators passed over here. */
		b = fold_byte[*p];
		if (b >= FOLD_B_JSON && b <= 0) {
			odd |= b;		/* FOLD_B_JSON or 0 */
			p++;
			continue;
		}
		/* A word, perhaps: a character a turn, to the first one that
		 * ends it, which is passed over.  Nothing may come of it (a
		 * separator beyond ASCII, marks before one). */
		w = o;
		key = 0;
		for (;;) {
			if (b > 0) {	/* most: ASCII letters, digits */
				p++;
				*o++ = (char)b;
				key = key << 8 | (uint64_t)b;
			} else if (b >= FOLD_B_JSON) {
				odd |= b;
				p++;
				break;
			} else {
				e = fold_at(p, (size_t)(end - p), b, &k, &odd);
				p += k;
				if (e == FOLD_SEP)
					break;
				fold_put(&o, e, &key);	/* none for FOLD_MARK */
			}
			if (p == end)
				break;
			b = fold_byte[*p];
		}
		if (o == w)
			continue;
		*o++ = '\0';
		if (fn)
			fn(arg, w, (size_t)(o - 1 - w), key);
		n++;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	if (json_plain)
		*json_plain = odd == 0;
	return n;
}

size_t
fold_words(struct buf *out, const char *s, size_t len)
{
	return fold_run(out, s, len, NULL, NULL, NULL);
}

size_t
fold_words_each(struct buf *out, const char *s, size_t len,
    fold_word_fn *fn, void *arg, int *json_plain)
{
	return fold_run(out, s, len, fn, arg, json_plain);
}

int
id_valid(const char *id)
{
	const char *p;

	if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9')))
		return 0;
	for (p = id + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	return 1;
}

int
text_col(const char *s, size_t off)
{
	size_t i;
	int col = 1;

	for (i = 0; i < off && s[i] != '\0'; i++)
		col += ((unsigned char)s[i] & 0xc0) != 0x80;
	return col;
}

int
near_distance(const char *want, const char *cand)
{
	size_t lw = strlen(want), lc = strlen(cand);
	int d;

	if (lc > lw + 2 || lc + 2 < lw)
		return -1;
	d = edit_distance(want, cand);
	return d <= 2 && (size_t)d * 2 < lw ? d : -1;
}

int
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[64], prev, tmp, best;

	if (la > 63 || lb > 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

size_t
text_word_prefix(const char *s, const char *word)
{
	int32_t a = 0, b = 0;
	size_t la, lb, n = strlen(word);

	la = utf8_next((const unsigned char *)s, strlen(s), &a);
	lb = utf8_next((const unsigned char *)word, n, &b);
	if (la == 0 || lb == 0 || n == 0 ||
	    utf8proc_tolower(a) != utf8proc_tolower(b) ||
	    strncmp(s + la, word + lb, n - lb) != 0 ||
	    s[la + n - lb] != ' ')
		return 0;
	return la + n - lb;
}

int
text_alnum(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}
