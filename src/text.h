/* text.h - Unicode text: UTF-8 validation, NFC, slugs and folding.
 *
 * Everything Unicode goes through libutf8proc so that Vietnamese typed
 * with combining marks (NFD) behaves exactly like precomposed text. */
#ifndef LP_TEXT_H
#define LP_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

/* Decodes the code point that starts s (at most len bytes; a NUL ends
 * it early, as it continues nothing) into *cp.  Returns its length in
 * bytes, or 0 when it is not UTF-8.  The two- and three-byte sequences
 * of Vietnamese are decoded inline, the rest by libutf8proc. */
size_t	utf8_next_other(const unsigned char *s, size_t len, int32_t *cp);
static inline size_t
utf8_next(const unsigned char *s, size_t len, int32_t *cp)
{
	/* Lead bytes C2-DF, and E1-EC, with their continuation bytes are
	 * always valid: no overlong form, no surrogate. */
	if (len >= 2 && s[0] >= 0xc2 && s[0] < 0xe0 && (s[1] & 0xc0) == 0x80) {
		*cp = ((s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (len >= 3 && s[0] >= 0xe1 && s[0] <= 0xec &&
	    (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		*cp = ((s[0] & 0x0f) << 12) | ((s[1] & 0x3f) << 6) |
		    (s[2] & 0x3f);
		return 3;
	}
	return utf8_next_other(s, len, cp);
}
/*
 * Eight bytes at a time.  word_at() loads s[i..i+8) as one word;
 * word_first() takes a mask of such a word with only high bits
 * (0x80 of a byte) set, not 0, and returns the index in s of the first
 * byte (in memory order) whose high bit is set, whatever the byte order.
 * A loop over the flagged bytes of a word takes word_first(), handles
 * that byte and the bytes after it, then drops their flags with
 * word_from().
 */
static inline uint64_t
word_at(const void *s, size_t i)
{
	uint64_t w;

	memcpy(&w, (const char *)s + i, sizeof(w));
	return w;
}

static inline size_t
word_first(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t)__builtin_clzll(m) / 8;
#else
	return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/* m without the flags of its first j bytes (j < 8), in memory order. */
static inline uint64_t
word_from(uint64_t m, size_t j)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return m & (~0ULL >> (8 * j));
#else
	return m & (~0ULL << (8 * j));
#endif
}

#define WORD_ONES	0x0101010101010101ULL
#define WORD_HIGHS	0x8080808080808080ULL

/*
 * The byte loops of esc_html(), esc_json_str() and text_check() share
 * these, always inlined so that GCC folds the function pointers into
 * direct (inlined) calls.  step(p, n) is the length of the character at
 * p (n bytes left) when the loop steps over it, or 0 when it stops there.
 *
 * chars_skip(): from i, a character at a time while i < end; returns
 * where it stopped (below end: at a character step() refused; else at
 * or just past end, within len).
 */
typedef size_t	skip_step_fn(const unsigned char *p, size_t n);

static inline __attribute__((always_inline)) size_t
chars_skip(const unsigned char *s, size_t i, size_t end, size_t len,
    skip_step_fn *step)
{
	size_t n;

	while (i < end && (n = step(s + i, len - i)) != 0)
		i += n;
	return i;
}

/*
 * The offset of the first character at or after i (a character's start)
 * that step() refuses, or len.  Eight bytes at a time: maybe(w) flags
 * (0x80 of a byte) every byte of the word w that step() may refuse, and
 * each flagged byte is looked at in turn, a character at a time (the
 * flags of its continuation bytes are dropped with word_from()), so a
 * word is read once whatever its mix of ASCII and multibyte letters.
 * The last bytes, fewer than eight, go a character at a time.
 */
static inline __attribute__((always_inline)) size_t
words_skip(const unsigned char *s, size_t i, size_t len,
    uint64_t (*maybe)(uint64_t), skip_step_fn *step)
{
	size_t base, k, n;
	uint64_t m;

	while (i + 8 <= len) {
		base = i;
		for (m = maybe(word_at(s, base)); m != 0;
		    m = word_from(m, i - base)) {
			k = base + word_first(m);
			if ((n = step(s + k, len - k)) == 0)
				return k;
			if ((i = k + n) >= base + 8)
				break;
		}
		if (m == 0)
			i = base + 8;
	}
	return chars_skip(s, i, len, len, step);
}

/*
 * Sixteen bytes at a time, for the SSE2 paths: block(b, from) is the
 * number of bytes from b + from (a character's start) that the loop
 * steps over in one go, up to b + 16, or 0 when the block must be looked
 * at a character at a time.  The bytes left, fewer than sixteen, are the
 * last sixteen of s with those before i (all passed) not looked at, and
 * what that leaves goes to words(), the eight-byte loop.
 */
static inline __attribute__((always_inline)) size_t
blocks_skip(const unsigned char *s, size_t i, size_t len,
    size_t (*block)(const unsigned char *, unsigned), skip_step_fn *step,
    size_t (*words)(const unsigned char *, size_t, size_t))
{
	size_t n;

	while (i + 16 <= len) {
		if ((n = block(s + i, 0)) != 0) {
			i += n;
			continue;
		}
		n = i + 16;
		if ((i = chars_skip(s, i, n, len, step)) < n)
			return i;
	}
	if (i < len && len >= 16)
		i += block(s + len - 16, (unsigned)(16 - (len - i)));
	return i == len ? i : words(s, i, len);
}

/*
 * For a block's test: the bit masks (bit j for byte from + j, as
 * _mm_movemask_epi8() shifted right by from gives them) of its w bytes
 * with the high bit set (high), of its continuation bytes 80-BF (cont),
 * and of the leads it accepts of two- and three-byte characters whose
 * every continuation is valid (lead2, lead3).  Returns how many bytes
 * pass as blocks_skip() wants: all w when every high byte is such a lead
 * or a continuation exactly where a lead wants one (the continuations
 * are the places one or two after a lead), less a lead in the last two
 * bytes whose character runs past the block (0 for a lead alone); 0 when
 * any other high byte is there (a stray or missing continuation, a lead
 * not accepted).
 */
static inline size_t
utf8_block_pass(unsigned w, unsigned high, unsigned cont, unsigned lead2,
    unsigned lead3)
{
	unsigned want = (lead2 | lead3) << 1 | lead3 << 2;

	if (high == 0)
		return w;
	if ((high & ~(cont | lead2 | lead3)) != 0 ||
	    (want & ((1u << w) - 1)) != cont)
		return 0;
	if ((lead2 | lead3) & 1u << (w - 1))
		return w - 1;
	return lead3 << 1 & 1u << (w - 1) ? w - 2 : w;
}

/* Returns 1 when s[0..len) is valid UTF-8; otherwise 0 and *bad is the
 * offset of the first byte that is not. */
int	utf8_valid(const char *s, size_t len, size_t *bad);
/* Returns 1 when no more than 30 combining marks follow one another
 * (UAX #15's stream-safe format, which keeps NFC linear); otherwise 0
 * and *bad is the offset of the 31st. */
int	text_stream_safe(const char *s, size_t len, size_t *bad);
enum text_problem {
	TEXT_OK,
	TEXT_BAD_UTF8,		/* not UTF-8 */
	TEXT_MARK_RUN		/* more than 30 combining marks in a row */
};

/* One pass over s: UTF-8 validity, runs of combining marks, and
 * whether NFC could change the text at all (*plain = 0).  On a problem
 * *at is the offset of the offending byte. */
enum text_problem text_check(const char *s, size_t len, size_t *at,
	    int *plain);
/* text_check() on one of its paths, for the unit tests to compare them:
 * 0 the portable one (eight bytes at a time), 1 sixteen with SSE2 (a
 * build without SSE2 gives 0).  text_check() takes the widest. */
enum text_problem text_check_path(const char *s, size_t len, size_t *at,
	    int *plain, int path);
/* The offset of the first control character of s[0..len) other than
 * '\n' and '\t' (U+0000-U+001F, U+007F), or len when there is none. */
size_t	text_control_at(const char *s, size_t len);
/* text_nfc() when text_check() already said whether it is plain. */
char	*text_nfc_known(const char *s, size_t len, int plain, size_t *outlen);
/* Returns s[0..len) in Unicode NFC, malloc'ed and NUL-terminated (caller
 * frees), *outlen its length.  Input must be valid UTF-8. */
char	*text_nfc(const char *s, size_t len, size_t *outlen);
/* Appends the slug of s (SPEC 3): diacritics and case folded, đ -> d,
 * [a-z0-9] kept, every other run one '-', no '-' at either end.  May
 * append nothing. */
void	slug_append(struct buf *out, const char *s, size_t len);
/* Returns the slug of s, malloc'ed (caller frees); "" when none. */
char	*slug_make(const char *s);
/* Appends the words of s as the theme's search.js sees them, each one
 * NUL-terminated; returns how many.  Per code point: đ/Đ -> d, marks
 * U+0300-036F dropped, else the first code point of its canonical
 * decomposition, lowercased.  A word is a run of [0-9a-z], U+00C0-024F
 * and U+1E00-1EFF after folding.  search.js's fold() must stay the same
 * function: the index lists a page under the words this finds. */
size_t	fold_words(struct buf *out, const char *s, size_t len);
/* A word that fold_words_each() found: w[0..len), NUL-terminated, in
 * its `out`, and key, its last eight bytes (all of them when len <= 8)
 * as a big-endian number: as no byte of a word is NUL, a short word and
 * its key determine each other. */
typedef void	fold_word_fn(void *arg, const char *w, size_t len,
		    uint64_t key);
/* fold_words() calling fn(arg, ...) for each word as it is appended
 * (fn must not change out).  Sets *json_plain (unless NULL) to 1 when s
 * is its own JSON string body, so that esc_json_str(s) writes s in
 * quotes: no byte below 0x20, '"' or '\\', and no characters beyond
 * ASCII but two-byte ones, E1 xx xx (U+1000-1FFF) and E2 80 xx
 * (U+2000-203F) but U+2028 and U+2029, else to 0 (which it may also be
 * for other valid UTF-8). */
size_t	fold_words_each(struct buf *out, const char *s, size_t len,
	    fold_word_fn *fn, void *arg, int *json_plain);
/* Returns 1 when cp is a letter, a combining mark or a number (Unicode
 * categories L, M and N). */
int	text_alnum(int32_t cp);
/* Returns 1 when id matches [a-z0-9][a-z0-9-]*. */
int	id_valid(const char *id);
/* The longest id: ID.xhtml, OUT/.ID.epub.tmp-PID and the like must fit
 * in a file name (255 bytes) everywhere. */
#define ID_MAX_LEN	100
/* The column of byte `off` of a line that starts at s: 1 plus the
 * number of characters (code points; a tab is one) before it, as GCC 11
 * and later count.  Every column a message shows is made by this. */
int	text_col(const char *s, size_t off);
/* When s begins with the word `word`, the case of its first letter
 * aside ("Tỉnh Bắc Ninh" and "tỉnh"), and a space follows, returns the
 * length of that word in s; else 0. */
size_t	text_word_prefix(const char *s, const char *word);
/* Levenshtein distance between two short ASCII strings. */
int	edit_distance(const char *a, const char *b);
/* For "did you mean": the distance from `want` to `cand` when cand is a
 * likely meaning of it -- at most two edits, and fewer than half of
 * want's letters changed -- else -1 (lengths more than two apart are not
 * compared, so a look-up over many names stays cheap). */
int	near_distance(const char *want, const char *cand);

#endif
