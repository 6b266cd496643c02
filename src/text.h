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
