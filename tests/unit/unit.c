/* unit.c - C unit tests for the library modules: buffer, text (UTF-8,
 * NFC, slugs, folding), escaping, URL and path rules, front matter,
 * YAML and the document loader.
 *
 * No framework: CHECK() and CHECK_STR() print "FAIL file:line: expr" for
 * each failed check (with what was got for strings), and main() prints
 * one closing line "unit: N passed, N failed" and exits 1 on a failure.
 * Tests that read files write them into a fresh mkdtemp() directory and
 * chdir() there, since the loaders take repository-relative paths. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>
#include <utf8proc.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "import_marks.h"
#include "load_doc.h"
#include "load_image.h"

/* The whole load of one file, as the tool does it for a pack. */
static struct doc *
doc_load(const char *path, enum doc_kind kind)
{
	struct doc *d = doc_open(path, kind);

	doc_parse(d);
	return d;
}
#include "load_source.h"
#include "load_yaml.h"
#include "model.h"
#include "path.h"
#include "render_cover.h"
#include "render_html.h"
#include "render_search.h"
#include "resolve_pack.h"
#include "text.h"
#include "xalloc.h"
#include "write_out.h"
#include "xalloc.h"

/* ---- the harness ---- */

static int n_passed, n_failed;

/* Prints s with bytes that are not printable ASCII as \xNN. */
static void
print_bytes(FILE *f, const char *s, size_t len)
{
	size_t i;

	fputc('"', f);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", f);
		else if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static int
check(int ok, const char *file, int line, const char *expr)
{
	if (ok)
		n_passed++;
	else {
		n_failed++;
		printf("FAIL %s:%d: %s\n", file, line, expr);
	}
	return ok;
}

static int
check_mem(const char *got, size_t got_len, const char *want, size_t want_len,
    const char *file, int line, const char *expr)
{
	int ok = got != NULL && got_len == want_len &&
	    memcmp(got, want, want_len) == 0;

	if (!check(ok, file, line, expr)) {
		fputs("\tgot:  ", stdout);
		if (got)
			print_bytes(stdout, got, got_len);
		else
			fputs("NULL", stdout);
		fputs("\n\twant: ", stdout);
		print_bytes(stdout, want, want_len);
		fputc('\n', stdout);
	}
	return ok;
}

static int
check_str(const char *got, const char *want, const char *file, int line,
    const char *expr)
{
	return check_mem(got, got ? strlen(got) : 0, want, strlen(want), file,
	    line, expr);
}

static int
check_int(long got, long want, const char *file, int line, const char *expr)
{
	int ok = got == want;

	if (!check(ok, file, line, expr))
		printf("\tgot: %ld, want: %ld\n", got, want);
	return ok;
}

#define CHECK(expr)	check((expr) != 0, __FILE__, __LINE__, #expr)
/* Compares a NUL-terminated string (may be NULL: a failure). */
#define CHECK_STR(got, want) \
	check_str((got), (want), __FILE__, __LINE__, #got " == " #want)
#define CHECK_INT(got, want) \
	check_int((long)(got), (long)(want), __FILE__, __LINE__, \
	    #got " == " #want)
/* fold_words(in) gives `want` ('|' between the words) and returns n. */
#define CHECK_WORDS(in, want, n) do {					\
	size_t i_, n_;							\
	buf_clear(&b);							\
	n_ = fold_words(&b, in, strlen(in));				\
	for (i_ = 0; b.len > 0 && i_ + 1 < b.len; i_++)			\
		if (b.data[i_] == '\0')					\
			b.data[i_] = '|';					\
	if (b.len > 0)							\
		buf_truncate(&b, b.len - 1);					\
	CHECK_STR(b.data, want);						\
	CHECK_INT((int)n_, n);						\
} while (0)

/* Runs one output function on a fresh buffer and compares. */
#define CHECK_OUT(fn, in, want) do {					\
	struct buf b_ = BUF_INIT;					\
	fn(&b_, in);							\
	check_mem(b_.data, b_.len, (want), strlen(want), __FILE__,	\
	    __LINE__, #fn "(" #in ") == " #want);			\
	buf_release(&b_);						\
} while (0)

/* ---- temporary files ---- */

static char tmpdir[PATH_MAX];
static char oldcwd[PATH_MAX];

/* Writes len bytes of data to name in the current directory. */
static void
write_file(const char *name, const char *data, size_t len)
{
	FILE *f = fopen(name, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(name);
		exit(2);
	}
}

#define WRITE_STR(name, s)	write_file((name), (s), sizeof(s) - 1)

/* Captures standard error into a temporary file between the two calls:
 * for checking the text and location of one diagnostic. */
static int saved_stderr = -1;
static FILE *captured;

static void
capture_begin(void)
{
	fflush(stderr);
	if ((captured = tmpfile()) == NULL || (saved_stderr = dup(2)) == -1 ||
	    dup2(fileno(captured), 2) == -1) {
		perror("capture");
		exit(2);
	}
}

/* Returns what was printed (caller frees). */
static char *
capture_end(void)
{
	struct buf b = BUF_INIT;
	char chunk[512];
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	rewind(captured);
	while ((n = fread(chunk, 1, sizeof(chunk), captured)) > 0)
		buf_put(&b, chunk, n);
	fclose(captured);
	return buf_detach(&b, NULL);
}

/* The messages of the step under test, and their printed text. */
static struct msgs um;

/* Prints the messages of m (captured), empties m; caller frees. */
static char *
msgs_text(struct msgs *m)
{
	capture_begin();
	msgs_show(&m, 1);
	msgs_release(m);
	return capture_end();
}

/* ---- buf ---- */

static void
test_buf(void)
{
	struct buf b = BUF_INIT, e;
	char *p, expect[64];
	size_t i, len = 99;
	int nul_ok = 1;

	CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
	buf_init(&e);
	CHECK(e.data != NULL && e.len == 0 && e.data[0] == '\0');

	buf_put(&b, "abc", 3);
	buf_puts(&b, "de");
	buf_putc(&b, 'f');
	CHECK_STR(b.data, "abcdef");
	CHECK_INT(b.len, 6);
	buf_put(&b, "xyz", 0);
	CHECK_INT(b.len, 6);
	/* buf_put copies bytes, NUL included, and stays terminated. */
	buf_put(&b, "g\0h", 3);
	CHECK_INT(b.len, 9);
	CHECK(memcmp(b.data, "abcdefg\0h", 10) == 0);
	buf_clear(&b);
	CHECK(b.len == 0 && b.data[0] == '\0');

	/* Growth well past several KB, terminated after every append. */
	for (i = 0; i < 5000; i++) {
		buf_putc(&b, 'a' + (int)(i % 26));
		if (b.data[b.len] != '\0')
			nul_ok = 0;
		buf_puts(&b, "..");
		if (b.data[b.len] != '\0')
			nul_ok = 0;
	}
	CHECK(nul_ok);
	CHECK_INT(b.len, 15000);
	CHECK(b.cap > b.len);
	CHECK_INT(strlen(b.data), 15000);
	CHECK(b.data[0] == 'a' && b.data[3] == 'b' && b.data[14997] ==
	    'a' + 4999 % 26 && b.data[14999] == '.');

	buf_truncate(&b, 4);
	CHECK_STR(b.data, "a..b");
	buf_truncate(&b, 100);	/* longer than len: no change */
	CHECK_STR(b.data, "a..b");
	CHECK_INT(b.len, 4);

	/* printf: small, then one longer than the whole buffer so far. */
	buf_printf(&b, "-%d-%s", 42, "x");
	CHECK_STR(b.data, "a..b-42-x");
	buf_clear(&b);
	CHECK(b.len == 0 && b.data[0] == '\0' && b.cap > 0);
	buf_printf(&b, "%0*d", 6000, 7);
	CHECK_INT(b.len, 6000);
	CHECK(b.data[0] == '0' && b.data[5999] == '7' && b.data[6000] == '\0');
	buf_printf(&b, "%s|%05d", "end", 12);
	CHECK_INT(b.len, 6009);
	CHECK_STR(b.data + 6000, "end|00012");

	/* buf_put_int() writes what "%lld" writes. */
	{
		static const long long v[] = { 0, 1, -1, 9, 10, 42, -99, 100,
		    2147483647, -2147483647 - 1, 9223372036854775807LL,
		    -9223372036854775807LL - 1 };
		struct buf x = BUF_INIT, y = BUF_INIT;
		size_t k;

		for (k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
			buf_put_int(&x, v[k]);
			buf_printf(&y, "%lld", v[k]);
			buf_putc(&x, ',');
			buf_putc(&y, ',');
		}
		for (k = 0; k < 300000; k += 7) {
			buf_put_int(&x, (long long)k * 31);
			buf_printf(&y, "%lld", (long long)k * 31);
		}
		CHECK(x.len == y.len && strcmp(x.data, y.data) == 0);
		buf_release(&x);
		buf_release(&y);
	}

	/* printf into a buffer that has no memory yet. */
	buf_printf(&e, "%s=%d", "key", 10);
	CHECK_STR(e.data, "key=10");
	CHECK_INT(e.len, 6);
	buf_release(&e);
	/* printf that fits exactly what is left, and one byte more. */
	buf_puts(&e, "x");
	while (e.cap - e.len - 1 > 0) {
		size_t room = e.cap - e.len - 1;

		memset(expect, 'q', room < 20 ? room : 20);
		expect[room < 20 ? room : 20] = '\0';
		buf_printf(&e, "%s", expect);
	}
	buf_printf(&e, "%s", "Z");
	CHECK(e.data[e.len - 1] == 'Z' && e.data[e.len] == '\0');
	CHECK_INT(strlen(e.data), e.len);
	buf_release(&e);

	/* detach: a non-empty buffer hands over its bytes. */
	buf_clear(&b);
	buf_puts(&b, "hello");
	p = buf_detach(&b, &len);
	CHECK_STR(p, "hello");
	CHECK_INT(len, 5);
	CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
	free(p);
	/* ... and an empty one gives a real, freeable "". */
	len = 99;
	p = buf_detach(&b, &len);
	CHECK(p != NULL && p[0] == '\0');
	CHECK_INT(len, 0);
	free(p);
	p = buf_detach(&b, NULL);
	CHECK(p != NULL && p[0] == '\0');
	free(p);

	/* release: empty, data never NULL, usable again. */
	buf_puts(&b, "some text");
	buf_release(&b);
	CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
	buf_release(&b);	/* twice is harmless */
	CHECK(b.data != NULL && b.len == 0);
	buf_puts(&b, "again");
	CHECK_STR(b.data, "again");
	buf_release(&b);
	/* truncate and clear on a buffer with no memory. */
	buf_truncate(&b, 0);
	buf_clear(&b);
	CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
	CHECK(buf_empty[0] == '\0');
}

/* ---- text ---- */

/* Slug of s as a string the check can print; freed by the caller. */
static void
check_slug(const char *in, const char *want, int line)
{
	char *s = slug_make(in);
	char expr[256];

	snprintf(expr, sizeof(expr), "slug_make(%s) == \"%s\"", in, want);
	check_mem(s, strlen(s), want, strlen(want), __FILE__, line, expr);
	free(s);
}

#define CHECK_SLUG(in, want)	check_slug((in), (want), __LINE__)

static void
test_slugs(void)
{
	struct buf b = BUF_INIT;
	char *nfc, *nfd;

	CHECK_SLUG("2. M\xe1\xbb\xa5""c ti\xc3\xaau ph\xc3\xa1t tri\xe1\xbb\x83n "
	    "kinh t\xe1\xba\xbf \xe2\x80\x93 x\xc3\xa3 h\xe1\xbb\x99i",
	    "2-muc-tieu-phat-trien-kinh-te-xa-hoi");
	CHECK_SLUG("\xc4\x90\xe1\xba\xa3ng", "dang");		/* Đảng */
	CHECK_SLUG("\xc4\x90\xe1\xba\xa2NG C\xe1\xbb\x98NG S\xe1\xba\xa2N",
	    "dang-cong-san");			/* ĐẢNG CỘNG SẢN */
	CHECK_SLUG("\xc4\x91\xc4\x90", "dd");			/* đĐ */
	/* NFD: the same words typed with combining marks. */
	CHECK_SLUG("Mu\xcc\xa3" "c tie\xcc\x82u", "muc-tieu");
	CHECK_SLUG("M\xe1\xbb\xa5" "c ti\xc3\xaau", "muc-tieu");
	nfc = slug_make("2. M\xe1\xbb\xa5""c ti\xc3\xaau ph\xc3\xa1t tri\xe1\xbb\x83n");
	nfd = slug_make("2. Mu\xcc\xa3""c tie\xcc\x82u pha\xcc\x81t "
	    "trie\xcc\x82\xcc\x89n");
	CHECK_STR(nfd, nfc);
	free(nfc);
	free(nfd);
	CHECK_SLUG("\xc4\x90" "a\xcc\x89ng", "dang");		/* Đảng, NFD */
	/* Punctuation at either end, and runs of it. */
	CHECK_SLUG("  --(Bối cảnh)!! ", "boi-canh");
	CHECK_SLUG("\xe2\x80\x9c" "a\xe2\x80\x9d", "a");	/* “a” */
	CHECK_SLUG("a -- / b", "a-b");
	CHECK_SLUG("...!?", "");
	CHECK_SLUG("", "");
	CHECK_SLUG(" \xe2\x80\x93 ", "");
	/* The Vietnamese vowels with horn, breve and circumflex. */
	CHECK_SLUG("\xc6\xb0 \xc6\xa1 \xc4\x83 \xc3\xa2 \xc3\xaa \xc3\xb4",
	    "u-o-a-a-e-o");
	CHECK_SLUG("\xc6\xaf\xc6\xa0\xc4\x82\xc3\x82\xc3\x8a\xc3\x94",
	    "uoaaeo");
	CHECK_SLUG("\xe1\xbb\xab\xe1\xbb\x9d\xe1\xba\xb1\xe1\xba\xa7"
	    "\xe1\xbb\x81\xe1\xbb\x93", "uoaaeo");	/* ừờằầềồ */
	CHECK_SLUG("Nhi\xe1\xbb\x87m k\xe1\xbb\xb3 2020\xe2\x80\x93" "2025",
	    "nhiem-ky-2020-2025");
	CHECK_SLUG("XIII", "xiii");
	CHECK_SLUG("a_b", "a-b");

	/* slug_append appends after what is there. */
	buf_puts(&b, "x:");
	slug_append(&b, "Kinh t\xe1\xba\xbf!", 10);
	CHECK_STR(b.data, "x:kinh-te");
	buf_clear(&b);
	slug_append(&b, "-- ", 3);
	CHECK_INT(b.len, 0);
	/* Only len bytes are read. */
	slug_append(&b, "ab cd", 2);
	CHECK_STR(b.data, "ab");
	buf_release(&b);
}

/* slug_append()'s first loop, utf8proc asked of every non-ASCII code
 * point, against which its table of Vietnamese letters is checked. */
static void
ref_slug_append(struct buf *out, const char *s, size_t len)
{
	size_t start = out->len, i = 0, k, nb;
	int32_t base[8], cp;
	int dash = 0, bound;

	while (i < len) {
		utf8proc_ssize_t n;

		if ((unsigned char)s[i] < 0x80) {
			base[0] = (unsigned char)s[i++];
			nb = 1;
		} else if ((n = utf8proc_iterate((const uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &cp)) <= 0) {
			nb = 0;
			i++;
		} else {
			utf8proc_category_t cat = utf8proc_category(cp);

			i += (size_t)n;
			if (cat == UTF8PROC_CATEGORY_MN ||
			    cat == UTF8PROC_CATEGORY_MC ||
			    cat == UTF8PROC_CATEGORY_ME)
				continue;
			if (cp == 0x0111 || cp == 0x0110) {
				base[0] = cp == 0x0111 ? 'd' : 'D';
				nb = 1;
			} else {
				bound = 0;
				n = utf8proc_decompose_char(cp, base, 8,
				    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
				    &bound);
				nb = n < 0 || n > 8 ? 0 : (size_t)n;
			}
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

/* Every code point up to U+2FFF, alone, between letters and cut short,
 * and stray continuation bytes: the same slug as ref_slug_append(). */
static void
test_slug_table(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	char t[16];
	int32_t cp;
	size_t n, cut;
	int right = 1;

	for (cp = 0x80; cp < 0x3000; cp++) {
		t[0] = 'x';
		n = 1 + (size_t)utf8proc_encode_char(cp, (uint8_t *)t + 1);
		t[n++] = '9';
		for (cut = 0; cut <= n; cut++) {
			buf_clear(&a);
			buf_clear(&b);
			slug_append(&a, t + 1, cut > 0 ? cut - 1 : 0);
			ref_slug_append(&b, t + 1, cut > 0 ? cut - 1 : 0);
			right &= a.len == b.len && memcmp(a.data, b.data,
			    a.len) == 0;
			buf_clear(&a);
			buf_clear(&b);
			slug_append(&a, t, cut);
			ref_slug_append(&b, t, cut);
			right &= a.len == b.len && memcmp(a.data, b.data,
			    a.len) == 0;
		}
	}
	for (cp = 0; cp < 0x10000; cp++) {	/* two bytes, any */
		t[0] = 'a';
		t[1] = (char)(cp >> 8);
		t[2] = (char)cp;
		t[3] = '\xbb';
		t[4] = 'b';
		buf_clear(&a);
		buf_clear(&b);
		slug_append(&a, t, 5);
		ref_slug_append(&b, t, 5);
		right &= a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
	}
	CHECK(right);
	buf_release(&a);
	buf_release(&b);
}

/* ---- fold_words() against the rule it implements ---- */

/* The rule of fold_words() (text.h), code point by code point, straight
 * on libutf8proc: what its tables must give.  -1: folds to nothing. */
static int32_t
ref_fold_char(int32_t cp)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t r;
	int bound = 0;

	if (cp == 0x0111 || cp == 0x0110)
		return 'd';
	if (cp >= 0x0300 && cp <= 0x036f)
		return -1;
	if (cp >= 0x10000)
		return cp;
	r = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &bound);
	if (r > 0 && r <= 8)
		cp = d[0];
	return utf8proc_tolower(cp);
}

static void
ref_fold_words(struct buf *out, const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_uint8_t u[4];
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i = 0;
	int in_word = 0;

	while (i < len) {
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
		/* utf8proc takes a NUL for a character: it ends nothing */
		if (k <= 0 || (c == 0 && i < len)) {
			k = 1;
			c = p[i] == 0 ? 0 : 0xfffd;
		}
		i += (size_t)k;
		c = ref_fold_char(c);
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 0x00c0 && c <= 0x024f) ||
		    (c >= 0x1e00 && c <= 0x1eff)) {
			buf_put(out, u, (size_t)utf8proc_encode_char(c, u));
			in_word = 1;
		} else if (c >= 0 && in_word) {
			buf_putc(out, '\0');
			in_word = 0;
		}
	}
	if (in_word)
		buf_putc(out, '\0');
}

/* What fold_words_each() handed over, checked as it comes. */
struct fold_seen {
	const struct buf *out;
	size_t		 n, at;	/* words, and where the next must start */
	int		 bad;
};

static void
fold_seen_word(void *arg, const char *w, size_t len, uint64_t key)
{
	struct fold_seen *f = arg;
	uint64_t want = 0;
	size_t i;

	if (w != f->out->data + f->at || w[len] != '\0' || strlen(w) != len)
		f->bad = 1;
	for (i = len > 8 ? len - 8 : 0; i < len; i++)
		want = want << 8 | (unsigned char)w[i];
	if (key != want)
		f->bad = 1;
	f->at += len + 1;
	f->n++;
}

/* esc_json_str() writes s[0..len) (NUL-terminated there or not) as it
 * is, in quotes: what fold_words_each()'s *json_plain promises. */
static int
json_as_is(const char *s, size_t len)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	int ok;

	buf_put(&in, s, len);
	esc_json_str(&out, in.data);
	ok = out.len == len + 2 && out.data[0] == '"' &&
	    memcmp(out.data + 1, s, len) == 0 && out.data[len + 1] == '"';
	buf_release(&in);
	buf_release(&out);
	return ok;
}

/* fold_words_each()'s *json_plain for s (a C string). */
static int
fold_json_plain(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	int plain = -1;

	fold_words_each(&b, s, len, NULL, NULL, &plain);
	buf_release(&b);
	return plain;
}

/* fold_words() and fold_words_each() give the rule's words for
 * s[0..len), appended after what out holds; returns 1 when they do. */
static int
fold_same(const char *s, size_t len)
{
	struct buf got = BUF_INIT, want = BUF_INIT, each = BUF_INIT;
	struct fold_seen f = { &each, 0, 3, 0 };
	size_t n, i, words = 0;
	int ok, plain = -1;

	buf_puts(&got, "ab");	/* appends */
	buf_puts(&want, "ab");
	buf_put(&each, "ab", 3);	/* and its NUL */
	n = fold_words(&got, s, len);
	ref_fold_words(&want, s, len);
	for (i = 2; i < want.len; i++)
		words += want.data[i] == '\0';
	fold_words_each(&each, s, len, fold_seen_word, &f, &plain);
	ok = got.len == want.len && memcmp(got.data, want.data, got.len) == 0 &&
	    got.data[got.len] == '\0' && n == words &&
	    each.len == want.len + 1 &&
	    memcmp(each.data + 3, want.data + 2, want.len - 2) == 0 &&
	    f.n == words && !f.bad && (!plain || json_as_is(s, len));
	if (!ok) {
		fprintf(stderr, "fold_words differs on ");
		print_bytes(stderr, s, len);
		fputc('\n', stderr);
	}
	buf_release(&got);
	buf_release(&want);
	buf_release(&each);
	return ok;
}

static void
test_fold(void)
{
	/* pieces of text that the tables and fast paths treat apart */
	static const char *const piece[] = {
		"a", "Z", "0", " ", "-", "\t", "ab", "Hoa",
		"\xc3\xa0", "\xc3\x80", "\xc3\x9f", "\xc4\x90", "\xc4\x91",
		"\xc6\xb0", "\xc6\xa0", "\xc9\x93", "\xc2\xa0", "\xc2\xb5",
		"\xcc\x81", "\xcc\xa3", "\xcd\xaf", "\xce\xb1", "\xd0\x96",
		"\xe1\xba\xa1", "\xe1\xbb\x87", "\xe1\xba\x9e", "\xe1\xbb\xb9",
		"\xe1\xb8\x80", "\xe1\xbc\x80", "\xe1\x80\x80",
		"\xe0\xa4\x95", "\xe2\x80\x93", "\xe2\x84\xaa",
		"\xe6\x97\xa5", "\xed\x9f\xbf", "\xef\xbc\xa1",
		"\xf0\x9f\x98\x80", "\xf0\x90\x90\x80",
		/* not UTF-8: lone, overlong, surrogate, cut short, too big */
		"\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80",
		"\xff", "\xe1", "\xe1\xbb", "\xc3", "\xf0\x9f\x98",
		"abcdefgh", "abcdefghi", "Nghi\xcc\xa3\xcc\x82",
		"\xc4\x90\xe1\xba\xa2NG",
		/* what a JSON string escapes, or not */
		"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "/",
		"\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\x9c",
		"\xe2\x80\xbf", "\xe2\x80\x80", "\xe2\x80", "\xe2\x81\x80",
		"\xe2\xc0\x80",
	};
	size_t n_piece = sizeof(piece) / sizeof(piece[0]);
	struct buf t = BUF_INIT;
	unsigned long r = 12345;
	size_t i, j, k, n, bad = 0;

	/* each piece alone, cut at every byte (a sequence at the end of the
	 * input), and beside every other */
	for (i = 0; i < n_piece; i++) {
		for (k = 0; k <= strlen(piece[i]); k++)
			bad += !fold_same(piece[i], k);
		for (j = 0; j < n_piece; j++) {
			buf_clear(&t);
			buf_puts(&t, piece[i]);
			buf_puts(&t, piece[j]);
			bad += !fold_same(t.data, t.len);
			buf_putc(&t, 'x');	/* a letter after */
			bad += !fold_same(t.data, t.len);
		}
	}
	/* every code point below U+2040 (the table), at the start and
	 * inside a word */
	for (i = 0x80; i < 0x2040; i++) {
		utf8proc_uint8_t u[4];

		if (i >= 0xd800 && i < 0xe000)
			continue;
		buf_clear(&t);
		buf_put(&t, u, (size_t)utf8proc_encode_char((int32_t)i, u));
		buf_puts(&t, "a");
		buf_put(&t, u, (size_t)utf8proc_encode_char((int32_t)i, u));
		buf_puts(&t, "b ");
		bad += !fold_same(t.data, t.len);
	}
	/* random runs of pieces: words of every length, 8-byte keys */
	for (n = 0; n < 3000; n++) {
		buf_clear(&t);
		for (k = 0; k < 1 + n % 40; k++) {
			r = r * 1103515245 + 12345;
			buf_puts(&t, piece[(r >> 16) % n_piece]);
		}
		bad += !fold_same(t.data, t.len);
	}
	/* a NUL inside: a separator, as it was */
	bad += !fold_same("ab\0cd", 5);
	bad += !fold_same("", 0);
	CHECK_INT(bad, 0);
	buf_release(&t);
	/* *json_plain: 1 for the text of nearly any page, so that the
	 * search script copies it; 0 for any byte esc_json_str() changes
	 * (fold_same() checked that it is never 1 wrongly) */
	CHECK_INT(fold_json_plain("", 0), 1);
	CHECK_INT(fold_json_plain("Ng\xc6\xb0\xe1\xbb\x9d" "i \xe2\x80\x93 "
	    "\xc4\x91\xc3\xa2y/ok! (1+2) \x7f", 30), 1);
	CHECK_INT(fold_json_plain("a\"b", 3), 0);
	CHECK_INT(fold_json_plain("a\\", 2), 0);
	CHECK_INT(fold_json_plain("a\nb", 3), 0);
	CHECK_INT(fold_json_plain("ab\0cd", 5), 0);
	CHECK_INT(fold_json_plain("a\xe2\x80\xa8", 4), 0);
	CHECK_INT(fold_json_plain("a\xe2\x80\xa9" "b", 5), 0);
	CHECK_INT(fold_json_plain("\xe1\xbb", 2), 0);
	CHECK_INT(fold_json_plain("a\xc3", 2), 0);
	CHECK_INT(fold_json_plain("\xe6\x97\xa5", 3), 0);	/* may be 0 */
}

/* A body of one section (before any heading) of text t, as
 * html_render_body() makes it: NUL-terminated in place. */
static void
body_one_section(struct body *b, const char *t)
{
	buf_clear(&b->text);
	buf_puts(&b->text, t);
	buf_putc(&b->text, '\0');
	b->sections = xgrow(b->sections, &b->cap_sections, 1,
	    sizeof(*b->sections));
	b->sections[0].b = NULL;
	b->sections[0].off = 0;
	b->sections[0].len = strlen(t);
	b->n_sections = 1;
}

/* The search index's own table: words that share their last 8 bytes
 * (the key), short and long, and enough words to grow the table. */
static void
test_search(void)
{
	struct search *s = search_new();
	char title_a[] = "Trang A", title_b[] = "B";
	struct doc d;
	struct body body;
	struct buf t = BUF_INIT, script = BUF_INIT, idx = BUF_INIT;
	const char *w;
	size_t i, n = 1;

	memset(&d, 0, sizeof(d));
	body_init(&body);
	buf_puts(&t, "abcdefgh Xabcdefgh, ABCDEFGH");
	for (i = 0; i < 3000; i++)
		buf_printf(&t, " w%zu", i);
	buf_puts(&t, " ");	/* a section ending in a space */
	d.title = title_a;
	body_one_section(&body, t.data);
	CHECK_INT(search_page(s, &d, &body, "a.html", NULL, 1, &script), 0);
	CHECK(strstr(script.data, "w2999\"]") != NULL);
	d.title = title_b;
	body_one_section(&body, "yabcdefgh abcdefgh w7 xabcdefgh w7 "
	    "yabcdefgh");
	CHECK_INT(search_page(s, &d, &body, "b.html", NULL, 1, &script), 1);
	search_index(s, &idx);
	w = strstr(idx.data, "\"words\":\"");
	CHECK(w != NULL);
	if (w != NULL) {
		CHECK(strncmp(w, "\"words\":\"a:0 abcdefgh:01 b:1 trang:0 w0:0 "
		    "w1:0 w10:0 ", 44) == 0);
		CHECK(strstr(w, " w7:01 ") != NULL);
		CHECK(strstr(w, " w2999:0 w3:0 ") != NULL);
		CHECK(strstr(w, " w999:0 xabcdefgh:01 yabcdefgh:1\"") != NULL);
		for (; *w; w++)
			n += *w == ' ';
		CHECK_INT(n, 3000 + 6);
	}
	buf_release(&t);
	buf_release(&script);
	buf_release(&idx);
	body_release(&body);
	search_free(s);
}

static void
test_text(void)
{
	static const char nfd[] = "Mu\xcc\xa3" "c tie\xcc\x82u \xc4\x90" "a\xcc\x89ng";
	static const char nfc[] = "M\xe1\xbb\xa5" "c ti\xc3\xaau \xc4\x90\xe1\xba\xa3ng";
	struct buf b = BUF_INIT;
	char *s;
	size_t n = 0, bad;

	/* Control characters found at every offset, past words of ASCII,
	 * Vietnamese, tabs and newlines (read eight bytes at a time). */
	{
		static const char ctl[] = { 0x01, 0x08, 0x0b, 0x0c, 0x0d,
		    0x1b, 0x1f, 0x7f };
		char t[64];
		size_t at, k;
		int right = 1;

		for (k = 0; k < sizeof(ctl); k++)
			for (at = 0; at < 40; at++) {
				memset(t, 'a', sizeof(t));
				memcpy(t + 3, "\xc3\xaa\t\n \xe1\xbb\xa5~", 9);
				t[at] = ctl[k];
				right &= text_control_at(t, 48) == at;
			}
		CHECK(right);
		memset(t, 'a', sizeof(t));
		memcpy(t + 5, "\t\n\x7e\x80\xc4\x90 \xe1\xbb\xa5", 10);
		CHECK(text_control_at(t, sizeof(t)) == sizeof(t));
		CHECK(text_control_at("\x7f", 1) == 0);
		CHECK(text_control_at("abc", 0) == 0);
		CHECK(text_control_at("abcdefghij\x1f", 11) == 10);
	}
	s = text_nfc(nfd, sizeof(nfd) - 1, &n);
	check_mem(s, n, nfc, sizeof(nfc) - 1, __FILE__, __LINE__,
	    "text_nfc(nfd) == nfc");
	CHECK(s[n] == '\0');
	free(s);
	s = text_nfc(nfc, sizeof(nfc) - 1, &n);
	check_mem(s, n, nfc, sizeof(nfc) - 1, __FILE__, __LINE__,
	    "text_nfc(nfc) == nfc");
	free(s);
	s = text_nfc("plain ASCII, 1 2 3", 18, &n);
	check_mem(s, n, "plain ASCII, 1 2 3", 18, __FILE__, __LINE__,
	    "text_nfc(ascii) unchanged");
	free(s);
	s = text_nfc("abcdef", 3, &n);
	CHECK_STR(s, "abc");
	free(s);
	s = text_nfc("", 0, &n);
	CHECK(s != NULL && n == 0 && s[0] == '\0');
	free(s);

	/* utf8_valid */
	bad = 77;
	CHECK(utf8_valid(nfc, sizeof(nfc) - 1, &bad));
	CHECK(utf8_valid(nfd, sizeof(nfd) - 1, &bad));
	CHECK(utf8_valid("", 0, &bad));
	CHECK(utf8_valid("\xf0\x9f\x98\x80", 4, &bad));	/* U+1F600 */
	bad = 77;
	CHECK(!utf8_valid("ab\xff", 3, &bad));
	CHECK_INT(bad, 2);
	bad = 77;
	CHECK(!utf8_valid("x\xe1\xbb", 3, &bad));		/* cut short */
	CHECK_INT(bad, 1);
	bad = 77;
	CHECK(!utf8_valid("\xe1\xbb" "ab", 4, &bad));	/* bad continuation */
	CHECK_INT(bad, 0);
	bad = 77;
	CHECK(!utf8_valid("\xc0\xaf", 2, &bad));		/* overlong '/' */
	CHECK_INT(bad, 0);
	bad = 77;
	CHECK(!utf8_valid("ok \xe0\x80\xaf", 6, &bad));	/* overlong, 3 bytes */
	CHECK_INT(bad, 3);
	bad = 77;
	CHECK(!utf8_valid("\xed\xa0\x80", 3, &bad));	/* a surrogate */
	CHECK_INT(bad, 0);
	bad = 77;
	CHECK(!utf8_valid("M\xe1\xbb\xa5" "c\x80", 6, &bad));	/* lone continuation */
	CHECK_INT(bad, 5);
	/* Only len bytes count. */
	CHECK(utf8_valid("ab\xff", 2, &bad));

	/* utf8_next: the fast paths and the library agree on what is UTF-8 */
	{
		int32_t cp = 0;

		CHECK_INT(utf8_next((const unsigned char *)"\xe1\xbb\x87", 3, &cp), 3);
		CHECK_INT(cp, 0x1ec7);				/* ệ */
		CHECK_INT(utf8_next((const unsigned char *)"\xc4\x91", 2, &cp), 2);
		CHECK_INT(cp, 0x111);				/* đ */
		CHECK_INT(utf8_next((const unsigned char *)"\xe2\x80\x93", 3, &cp), 3);
		CHECK_INT(cp, 0x2013);				/* – */
		CHECK_INT(utf8_next((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
		CHECK_INT(cp, 0x1f600);
		CHECK_INT(utf8_next((const unsigned char *)"\xc0\xaf", 2, &cp), 0);
		CHECK_INT(utf8_next((const unsigned char *)"\xe0\x80\xaf", 3, &cp), 0);
		CHECK_INT(utf8_next((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);
		CHECK_INT(utf8_next((const unsigned char *)"\xe1\xbb", 2, &cp), 0);
		CHECK_INT(utf8_next((const unsigned char *)"\xc3", 4, &cp), 0);	/* NUL */
		CHECK_INT(utf8_next((const unsigned char *)"\x80", 1, &cp), 0);
	}

	/* fold_words: the words search.js sees, '|' between them */
	CHECK_WORDS("Ngh\xe1\xbb\x8b Quy\xe1\xba\xbft \xc4\x90\xe1\xba\xa2NG",
	    "nghi|quyet|dang", 3);
	CHECK_WORDS("Ngh\xe1\xbb\x8b, 2020\xe2\x80\x93" "2025!", "nghi|2020|2025", 3);
	/* NFD, as some Vietnamese keyboards type: the marks go, the word stays */
	CHECK_WORDS("Nghi\xcc\xa3 Quye\xcc\x82\xcc\x81t", "nghi|quyet", 2);
	CHECK_WORDS("x\xcc\x81y", "xy", 1);	/* a mark with no precomposed form */
	/* other scripts and emoji separate words; Latin letters are kept */
	CHECK_WORDS("H\xc3\xa0 N\xe1\xbb\x99i\xe2\x80\x94\xe6\x97\xa5\xe6\x9c\xac"
	    " x\xf0\x9f\x98\x80y", "ha|noi|x|y", 4);
	CHECK_WORDS("Stra\xc3\x9f" "e \xc4\xb0stanbul \xe2\x84\xaag",
	    "stra\xc3\x9f" "e|istanbul|kg", 3);	/* ß, İ, Kelvin sign */
	CHECK_WORDS("a\xc9\x93" "b", "a|b", 2);	/* U+0253 is outside the ranges */
	CHECK_WORDS("", "", 0);
	CHECK_WORDS(" -- ", "", 0);
	buf_release(&b);

	/* id_valid */
	CHECK(id_valid("a"));
	CHECK(id_valid("bai-03-dang-cong-san"));
	CHECK(id_valid("0-x"));
	CHECK(id_valid("tu-son"));
	CHECK(!id_valid(""));
	CHECK(!id_valid("-a"));
	CHECK(!id_valid("Bai-01"));
	CHECK(!id_valid("bai_01"));
	CHECK(!id_valid("bai 01"));
	CHECK(!id_valid("bai.01"));
	CHECK(!id_valid("\xc4\x91" "ang"));
	CHECK(!id_valid("a/b"));

	/* text_word_prefix: the first letter in either case, then a space */
	CHECK_INT(text_word_prefix("Tỉnh Bắc Ninh", "tỉnh"), 6);
	CHECK_INT(text_word_prefix("tỉnh Bắc Ninh", "tỉnh"), 6);
	CHECK_INT(text_word_prefix("Thành phố Từ Sơn", "thành phố"), 12);
	CHECK_INT(text_word_prefix("Đặc khu Côn Đảo", "đặc khu"), 10);
	CHECK_INT(text_word_prefix("Xã Yên Phong", "thị xã"), 0);
	CHECK_INT(text_word_prefix("Xã", "xã"), 0);
	CHECK_INT(text_word_prefix("Xãy", "xã"), 0);
	CHECK_INT(text_word_prefix("Từ Sơn", "tỉnh"), 0);
	CHECK_INT(text_word_prefix("", "tỉnh"), 0);
	/* edit_distance */
	CHECK_INT(edit_distance("congres", "congress"), 1);
	CHECK_INT(edit_distance("congress", "congress"), 0);
	CHECK_INT(edit_distance("kitten", "sitting"), 3);
	CHECK_INT(edit_distance("", "abc"), 3);
	/* near_distance: two edits at most, under half the letters */
	CHECK_INT(near_distance("bai-0l", "bai-01"), 1);
	CHECK_INT(near_distance("kinh-tee", "kinh-te"), 1);
	CHECK_INT(near_distance("ab", "xy"), -1);
	CHECK_INT(near_distance("abc", "abd"), 1);
	CHECK_INT(near_distance("kinh-te", "kinh-te-xa-hoi"), -1);
	CHECK_INT(near_distance("muc-tieu", "muc-tieu"), 0);
	CHECK_INT(edit_distance("titel", "title"), 2);
	CHECK_INT(edit_distance("hours", "hour"), 1);
}

/* ---- the byte loops against their first, byte-at-a-time versions ----
 *
 * text_check(), text_control_at(), esc_html() and esc_json_str() read
 * eight bytes at a time and step over Vietnamese letters without
 * decoding them.  The ref_ functions below are the plain loops they
 * replaced; every input tried must give the same answer to the byte,
 * placed at each offset of an eight-byte word and cut at each end. */

static int
ref_plain_cp(int32_t cp)
{
	return (cp >= 0xA0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x2002 && cp <= 0x206F) || cp == 0x20AB;
}

static enum text_problem
ref_text_check(const char *s, size_t len, size_t *at, int *plain)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t cp;
	size_t i = 0, n;
	int run = 0;

	*plain = 1;
	while (i < len) {
		if (p[i] < 0x80) {
			run = 0;
			i++;
			continue;
		}
		if ((n = utf8_next(p + i, len - i, &cp)) == 0) {
			*at = i;
			return TEXT_BAD_UTF8;
		}
		if (!ref_plain_cp(cp)) {
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

static size_t
ref_control_at(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			break;
	}
	return i;
}

static size_t
ref_utf8_ok(const unsigned char *s, size_t len)
{
	int32_t cp;
	size_t n = utf8_next(s, len, &cp);

	return n == 0 || cp == 0xFFFE || cp == 0xFFFF ? 0 : n;
}

static void
ref_esc_html(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = p[i];

		if (c >= 0x80) {
			if ((n = ref_utf8_ok(p + i, len - i)) > 0)
				buf_put(out, p + i, n);
			else {
				buf_puts(out, "\xEF\xBF\xBD");
				n = 1;
			}
			i += n;
			continue;
		}
		if (c == '&')
			buf_puts(out, "&amp;");
		else if (c == '<')
			buf_puts(out, "&lt;");
		else if (c == '>')
			buf_puts(out, "&gt;");
		else if (c == '"')
			buf_puts(out, "&quot;");
		else if (c == '\'')
			buf_puts(out, "&#39;");
		else if (c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7f))
			buf_putc(out, c);
		i++;
	}
}

static void
ref_esc_json_str(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	buf_putc(out, '"');
	for (; *p; p += n) {
		n = *p >= 0x80 ? ref_utf8_ok(p, 4) : 1;
		if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0xA8 || p[2] == 0xA9))
			buf_printf(out, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
		else if (n > 1)
			buf_put(out, p, n);
		else if (n == 0) {
			buf_puts(out, "\xEF\xBF\xBD");
			n = 1;
		} else if (*p == '"' || *p == '\\')
			buf_printf(out, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(out, "\\n");
		else if (*p == '\t')
			buf_puts(out, "\\t");
		else if (*p == '\r')
			buf_puts(out, "\\r");
		else if (*p < 0x20)
			buf_printf(out, "\\u%04x", *p);
		else
			buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

static int n_diff;

/* Counts a difference; prints the first few inputs that make one. */
static void
diff_seen(const char *what, const char *s, size_t len)
{
	if (n_diff++ < 10) {
		printf("  %s differs on ", what);
		print_bytes(stdout, s, len);
		putchar('\n');
	}
}

/* Runs the four routines and their ref_ versions on s[0..len), which
 * sits in a larger buffer (so that a read past len would show). */
static void
diff_one(const char *s, size_t len)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t at1 = 0, at2 = 0;
	int pl1 = 0, pl2 = 0, path;
	enum text_problem r1, r2;
	char *z;

	r1 = text_check(s, len, &at1, &pl1);
	r2 = ref_text_check(s, len, &at2, &pl2);
	if (r1 != r2 || pl1 != pl2 || (r1 != TEXT_OK && at1 != at2))
		diff_seen("text_check", s, len);
	for (path = 0; path <= 1; path++) {
		r1 = text_check_path(s, len, &at1, &pl1, path);
		if (r1 != r2 || pl1 != pl2 || (r1 != TEXT_OK && at1 != at2))
			diff_seen(path == 0 ? "text_check_path 0" :
			    "text_check_path 1", s, len);
	}
	if (text_control_at(s, len) != ref_control_at(s, len))
		diff_seen("text_control_at", s, len);
	esc_html(&a, s, len);
	ref_esc_html(&b, s, len);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		diff_seen("esc_html", s, len);
	for (path = 0; path <= 1; path++) {
		buf_clear(&a);
		esc_html_path(&a, s, len, path);
		if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
			diff_seen(path == 0 ? "esc_html_path 0" :
			    "esc_html_path 1", s, len);
	}
	/* The NUL-terminated ones see s up to its first NUL. */
	z = xstrndup(s, len);
	buf_clear(&a);
	buf_clear(&b);
	esc_html_str(&a, z);
	ref_esc_html(&b, z, strlen(z));
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		diff_seen("esc_html_str", s, len);
	buf_clear(&a);
	buf_clear(&b);
	esc_json_str(&a, z);
	ref_esc_json_str(&b, z);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		diff_seen("esc_json_str", s, len);
	free(z);
	buf_release(&a);
	buf_release(&b);
}

/* Tries t[0..n) after 0..15 bytes of ASCII (every place in a word) and
 * before 0..9 more, and cut short at its end. */
static void
diff_placed(const char *t, size_t n, const char *pad)
{
	char s[96];
	size_t pre, post, cut;

	for (pre = 0; pre < 16; pre++)
		for (post = 0; post < 10; post += 3) {
			memcpy(s, pad, pre);
			memcpy(s + pre, t, n);
			memcpy(s + pre + n, pad, post);
			s[pre + n + post] = '\x80';	/* never read */
			diff_one(s, pre + n + post);
		}
	for (cut = 0; cut < n; cut++) {
		memcpy(s, t, n);
		diff_one(s, cut);
	}
}

static void
test_byte_loops(void)
{
	/* One or more bytes each: ASCII that is plain or not, controls,
	 * Vietnamese letters (NFC and marks), the edges of each UTF-8
	 * form, overlong forms, surrogates, U+FFFE/FFFF, U+2028/2029,
	 * four-byte forms and broken ones. */
	static const char *const piece[] = {
		"a", " ", "#", "=", "?", "~", "&", "<", ">", "\"", "'", "\\",
		"\t", "\n", "\r", "\x01", "\x1f", "\x7f", "\x7e", "\x20",
		"\xc3\xa0", "\xc4\x91", "\xc6\xb0", "\xc2\xa0", "\xc2\x80",
		"\xc9\x8f", "\xc9\x90", "\xdf\xbf", "\xcc\x81", "\xcc\xa3",
		"\xe1\xba\xa1", "\xe1\xbb\x87", "\xe1\xb8\x80", "\xe1\xbb\xbf",
		"\xe1\xb7\xbf", "\xe1\xbc\x80", "\xe2\x80\x93", "\xe2\x80\xa8",
		"\xe2\x80\xa9", "\xe2\x82\xab", "\xe0\xa0\x80", "\xe0\x9f\xbf",
		"\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xee\x80\x80",
		"\xef\xbf\xbd", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xef\xbb\xbf",
		"\xf0\x9f\x98\x80", "\xf0\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xc0\xaf", "\xc1\xbf",
		"\xe0\x80\xaf", "\x80", "\xbf", "\xc3", "\xe1", "\xe1\xbb",
		"\xf0\x9f\x98", "\xff", "\xfe", "\xc3\xc3", "\xe1\x41\x81",
		"\xc3\x41",
	};
	static const char pad[] = "abcdefghijklmnopqrstuvwxyz";
	const size_t np = sizeof(piece) / sizeof(piece[0]);
	char t[80];
	size_t i, j, k, n;
	unsigned seed = 1;

	n_diff = 0;
	/* Every piece and every pair of pieces, at every offset. */
	for (i = 0; i < np; i++) {
		diff_placed(piece[i], strlen(piece[i]), pad);
		for (j = 0; j < np; j++) {
			n = strlen(piece[i]);
			memcpy(t, piece[i], n);
			memcpy(t + n, piece[j], strlen(piece[j]));
			n += strlen(piece[j]);
			diff_placed(t, n, pad);
		}
	}
	/* Strings of random pieces, and of random bytes, of 0-60 bytes. */
	for (i = 0; i < 20000; i++) {
		n = 0;
		while (n < 48) {
			seed = seed * 1103515245 + 12345;
			k = (seed >> 16) % (np + 8);
			if (k >= np) {
				t[n++] = (char)(seed >> 8);
				continue;
			}
			memcpy(t + n, piece[k], strlen(piece[k]));
			n += strlen(piece[k]);
			if ((seed >> 4) % 16 == 0)
				break;
		}
		diff_one(t, n);
		diff_one(t + 1, n - 1);
	}
	/* Longer strings of mostly ASCII letters and the Vietnamese
	 * forms (esc_html()'s 16-byte blocks pass them), with now
	 * and then another piece, at every offset of a block. */
	for (i = 0; i < 4000; i++) {
		char u[200];

		n = 0;
		while (n < 150) {
			seed = seed * 1103515245 + 12345;
			k = (seed >> 16) % 64;
			if (k < 24)
				u[n++] = pad[k];
			else if (k < 40)
				memcpy(u + n, piece[20 + k % 18],
				    strlen(piece[20 + k % 18])),
				n += strlen(piece[20 + k % 18]);
			else if (k < 44)
				u[n++] = k == 40 ? '\n' : ' ';
			else if (k == 44)
				memcpy(u + n, piece[(seed >> 4) % np],
				    strlen(piece[(seed >> 4) % np])),
				n += strlen(piece[(seed >> 4) % np]);
			else
				u[n++] = 'a' + (char)(k % 26);
		}
		for (j = 0; j < 33; j++)
			diff_one(u + j, n - j);
	}
	/* Only ASCII and the letters text_check()'s 16-byte blocks pass
	 * (leads C3-C8, E1 B8-BB), now and then a piece that fails them
	 * (E1 before another second byte, C2, C9, a mark, a lead cut
	 * short), at every offset of a block. */
	for (i = 0; i < 3000; i++) {
		static const char *const vi[] = {
			"\xc3\xa0", "\xc4\x91", "\xc6\xb0", "\xc8\xbf",
			"\xe1\xba\xa1", "\xe1\xbb\x87", "\xe1\xb8\x80",
			"\xe1\xbb\xbf", "\xc3\x80", "\xe1\xb8\xbf",
		};
		static const char *const odd[] = {
			"\xe1\xb7\xbf", "\xe1\xbc\x80", "\xc2\xa0",
			"\xc9\x8f", "\xcc\x81", "\xc3", "\xe1\xbb",
			"\xe1", "\xb8", "\xe2\x80\x93", "\x01",
		};
		char u[200];
		const char *q;

		n = 0;
		while (n < 150) {
			seed = seed * 1103515245 + 12345;
			k = (seed >> 16) % 128;
			q = k < 60 ? vi[k % 10] : k < 63 ?
			    odd[(seed >> 4) % 11] : NULL;
			if (q != NULL)
				memcpy(u + n, q, strlen(q)), n += strlen(q);
			else
				u[n++] = k == 63 ? ' ' : 'a' + (char)(k % 26);
		}
		for (j = 0; j < 33; j++)
			diff_one(u + j, n - j);
	}
	/* 35 combining marks after a letter: the 31st is reported. */
	n = 0;
	t[n++] = 'a';
	for (i = 0; i < 28; i++) {
		memcpy(t + n, i % 2 ? "\xcc\x81" : "\xcc\xa3", 2);
		n += 2;
	}
	for (i = 0; i < 4; i++)
		diff_placed(t, n, pad), memcpy(t + n, "\xcc\x81", 2), n += 2;
	diff_one("", 0);
	CHECK_INT(n_diff, 0);
}

/* ---- escape ---- */

/* esc_url() as it was, a byte at a time. */
static void
ref_esc_url(struct buf *out, const char *s)
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

/* esc_url() against ref_esc_url() on every byte alone, at the start,
 * the middle and the end of a string, and on runs of them. */
static void
test_esc_url_bytes(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	char t[8];
	int c, bad = 0;

	for (c = 1; c < 256; c++) {
		snprintf(t, sizeof(t), "%c", c);
		esc_url(&a, t);
		ref_esc_url(&b, t);
		snprintf(t, sizeof(t), "ab%cc%c", c, c);
		esc_url(&a, t);
		ref_esc_url(&b, t);
		snprintf(t, sizeof(t), "%c%cxy%c", c, c, c);
		esc_url(&a, t);
		ref_esc_url(&b, t);
		if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
			bad++;
		buf_clear(&a);
		buf_clear(&b);
	}
	CHECK_INT(bad, 0);
	buf_release(&a);
	buf_release(&b);
}

static void
test_escape(void)
{
	struct buf b = BUF_INIT;

	CHECK_OUT(esc_html_str, "<a href=\"x\">&'",
	    "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	CHECK_OUT(esc_html_str, "a\x01" "b\tc\nd\x7f" "e\rf\x1b",
	    "ab\tc\nd" "ef");
	CHECK_OUT(esc_html_str, "Vi\xe1\xbb\x87t Nam", "Vi\xe1\xbb\x87t Nam");
	CHECK_OUT(esc_html_str, "", "");
	/* esc_html takes a length: stops there, NULs inside are dropped. */
	esc_html(&b, "a<b>c", 3);
	CHECK_STR(b.data, "a&lt;b");
	buf_clear(&b);
	esc_html(&b, "a\0b", 3);
	check_mem(b.data, b.len, "ab", 2, __FILE__, __LINE__,
	    "esc_html drops NUL");
	buf_clear(&b);
	/* Appends after existing text. */
	buf_puts(&b, "<p>");
	esc_html_str(&b, "&");
	CHECK_STR(b.data, "<p>&amp;");
	buf_release(&b);

	CHECK_OUT(esc_json_str, "say \"hi\" \\ path\nnext\x01",
	    "\"say \\\"hi\\\" \\\\ path\\nnext\\u0001\"");
	CHECK_OUT(esc_json_str, "", "\"\"");
	CHECK_OUT(esc_json_str, "tab\there\rcr\x1f",
	    "\"tab\\there\\rcr\\u001f\"");
	CHECK_OUT(esc_json_str, "\xc4\x90\xe1\xba\xa3ng </script>",
	    "\"\xc4\x90\xe1\xba\xa3ng </script>\"");
	/* U+2028/9 end a line in old JavaScript; bad UTF-8 becomes U+FFFD */
	CHECK_OUT(esc_json_str, "a\xe2\x80\xa8" "b\xe2\x80\xa9",
	    "\"a\\u2028b\\u2029\"");
	CHECK_OUT(esc_json_str, "x\xff" "y\xef\xbf\xbez\xc3",	/* a byte each */
	    "\"x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz\xef\xbf\xbd\"");
	CHECK_OUT(esc_json_str, "\x7f\xe2\x80\x93", "\"\x7f\xe2\x80\x93\"");

	CHECK_OUT(esc_css_str, "Vi\xe1\xbb\x87t Nam", "\"Vi\xe1\xbb\x87t Nam\"");
	CHECK_OUT(esc_css_str, "a \"b\" \\ c", "\"a \\\"b\\\" \\\\ c\"");
	CHECK_OUT(esc_css_str, "</style>&", "\"\\3c /style\\3e \\26 \"");
	CHECK_OUT(esc_css_str, "a\nb", "\"a b\"");
	CHECK_OUT(esc_csv, "plain text", "plain text");
	CHECK_OUT(esc_csv, "Vi\xe1\xbb\x87t Nam", "Vi\xe1\xbb\x87t Nam");
	CHECK_OUT(esc_csv, "", "");
	CHECK_OUT(esc_csv, "a,b", "\"a,b\"");
	CHECK_OUT(esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	CHECK_OUT(esc_csv, "\"", "\"\"\"\"");
	CHECK_OUT(esc_csv, "line1\nline2", "\"line1\nline2\"");
	CHECK_OUT(esc_csv, "cr\r", "\"cr\r\"");

	CHECK_OUT(esc_url, "images/a b.png", "images/a%20b.png");
	CHECK_OUT(esc_url, "\xc4\x91.html", "%C4%91.html");
	CHECK_OUT(esc_url, "a.html?x=1&y=2#s", "a.html?x=1&amp;y=2#s");
	CHECK_OUT(esc_url, "a\"b<c>'", "a%22b%3Cc%3E&#39;");
	CHECK_OUT(esc_url, "tab\there\n", "tab%09here%0A");
	CHECK_OUT(esc_url, "https://example.org/a-b_c.~d%20e",
	    "https://example.org/a-b_c.~d%20e");
	test_esc_url_bytes();
}

/* ---- path ---- */

/* url_check(in) gives kind and, for URL_OK, the output `want`; for
 * URL_INVALID, the reason `want`. */
#define CHECK_URL(in, kind, want) do {					\
	struct buf b_ = BUF_INIT;					\
	const char *why_ = NULL;					\
	enum url_kind k_ = url_check((in), &b_, &why_);			\
									\
	CHECK_INT(k_, kind);						\
	if ((kind) == URL_OK)						\
		CHECK_STR(b_.data, want);				\
	else if ((kind) == URL_INVALID)					\
		CHECK_STR(why_, want);					\
	buf_release(&b_);						\
} while (0)

/* url_check()'s first kind test as it was: the whole URL squeezed
 * into a copy, then its scheme looked up.  URL_OK for a known scheme. */
static enum url_kind
ref_url_kind(const char *url)
{
	static const char *const known[] = { "http", "https", "mailto", "tel" };
	struct buf clean = BUF_INIT;
	enum url_kind k = URL_RELATIVE;
	const char *p;
	size_t i, j;

	for (p = url; *p; p++)
		if ((unsigned char)*p > 0x20 && *p != 0x7f)
			buf_putc(&clean, *p);
	if (clean.len == 0 || clean.data[0] == '#')
		k = URL_FRAGMENT;
	else if ((clean.data[0] == '/' || clean.data[0] == '\\') &&
	    (clean.data[1] == '/' || clean.data[1] == '\\'))
		k = URL_NETWORK;
	else {
		i = strcspn(clean.data, ":/?#");
		if (clean.data[i] == ':') {
			clean.data[i] = '\0';
			k = URL_UNSAFE;
			for (j = 0; j < sizeof(known) / sizeof(known[0]); j++)
				if (strcasecmp(clean.data, known[j]) == 0)
					k = URL_OK;
		}
	}
	buf_release(&clean);
	return k;
}

/* Random strings of the bytes that matter to the scheme test: the
 * kind url_classify() gives is the one ref_url_kind() gives, or for a
 * known scheme one of those its form can give. */
static void
test_url_kinds(void)
{
	static const char *const piece[] = {
		"h", "t", "p", "s", "H", "T", "P", "S", "mailto", "tel", "x",
		":", "/", "\\", "?", "#", " ", "\t", "\n", "\x01", "\x7f",
		"\xc3\xa0", "//", "a@b.c", "example.org", "+84", "%",
	};
	const size_t np = sizeof(piece) / sizeof(piece[0]);
	char t[64];
	size_t i, n, k;
	unsigned seed = 7;
	enum url_kind want, got;
	int right = 1;

	for (i = 0; i < 200000; i++) {
		n = 0;
		while (n < 40) {
			seed = seed * 1103515245 + 12345;
			k = (seed >> 16) % np;
			memcpy(t + n, piece[k], strlen(piece[k]));
			n += strlen(piece[k]);
			if ((seed >> 5) % 8 == 0)
				break;
		}
		t[n] = '\0';
		want = ref_url_kind(t);
		got = url_classify(t);
		if (want == URL_OK ? got != URL_OK && got != URL_INVALID &&
		    got != URL_UNSAFE : got != want) {
			if (right)
				printf("  url_classify(\"%s\") = %d, not %d\n",
				    t, got, want);
			right = 0;
		}
	}
	CHECK(right);
}

/* url_check() appends its form to what out holds, and leaves out as it
 * was for any other kind, however far an invalid URL got: an empty out
 * is not even allocated (check_link() does not release it then). */
static void
test_url_append(void)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "x");
	CHECK_INT(url_check("https://example.org/a b", &b, NULL), URL_OK);
	CHECK_STR(b.data, "xhttps://example.org/a%20b");
	buf_clear(&b);
	buf_puts(&b, "y");
	CHECK_INT(url_check("https://example.org:99999/", &b, NULL),
	    URL_INVALID);
	CHECK_STR(b.data, "y");
	CHECK_INT(url_check("mailto:a@example.org,b", &b, NULL), URL_INVALID);
	CHECK_STR(b.data, "y");
	CHECK_INT(url_check("tel:12a", &b, NULL), URL_INVALID);
	CHECK_STR(b.data, "y");
	CHECK_INT(url_check("javascript:x", &b, NULL), URL_UNSAFE);
	CHECK_STR(b.data, "y");
	buf_release(&b);
	CHECK_INT(url_check("http://a b/", &b, NULL), URL_INVALID);
	CHECK_INT(b.cap, 0);
}

static void
test_url_check(void)
{
	/* http and https: host, port, IPv4, IPv6, IDN, encoding */
	CHECK_URL("https://example.org/a?b=1&c=2", URL_OK,
	    "https://example.org/a?b=1&c=2");
	CHECK_URL("HTTPS://Example.ORG/A", URL_OK, "https://example.org/A");
	CHECK_URL("http://example.org:8080/a", URL_OK,
	    "http://example.org:8080/a");
	CHECK_URL("http://localhost:65535", URL_OK, "http://localhost:65535");
	CHECK_URL("http://example.org:1/", URL_OK, "http://example.org:1/");
	CHECK_URL("http://example.org./", URL_OK, "http://example.org./");
	CHECK_URL("http://192.0.2.1/", URL_OK, "http://192.0.2.1/");
	CHECK_URL("http://[2001:db8::1]:8443/x", URL_OK,
	    "http://[2001:db8::1]:8443/x");
	CHECK_URL("http://[::1]", URL_OK, "http://[::1]");
	CHECK_URL("https://v\xc3\xad-d\xe1\xbb\xa5.vn/\xc4\x91\xc6\xb0"
	    "\xe1\xbb\x9dng", URL_OK,
	    "https://xn--v-d-rma6749a.vn/%C4%91%C6%B0%E1%BB%9Dng");
	CHECK_URL("https://V\xc3\x8d-D\xe1\xbb\xa4.VN/", URL_OK,
	    "https://xn--v-d-rma6749a.vn/");
	CHECK_URL("https://xn--v-d-rma6749a.vn/", URL_OK,
	    "https://xn--v-d-rma6749a.vn/");
	CHECK_URL("https://example.org/t\xc3\xacm?q=ngh\xe1\xbb\x8b "
	    "quy\xe1\xba\xbft#m\xe1\xbb\xa5" "c", URL_OK,
	    "https://example.org/t%C3%ACm?q=ngh%E1%BB%8B%20quy%E1%BA%BFt"
	    "#m%E1%BB%A5c");
	CHECK_URL("https://example.org/a%20b?x=%zz#c#d", URL_OK,
	    "https://example.org/a%20b?x=%25zz#c%23d");
	CHECK_URL("https://example.org/a%2", URL_OK,
	    "https://example.org/a%252");
	CHECK_URL("https://example.org/a\"b<c>{d}|^`[e]", URL_OK,
	    "https://example.org/a%22b%3Cc%3E%7Bd%7D%7C%5E%60%5Be%5D");
	/* A backslash in the path stays one, encoded (as cmark does). */
	CHECK_URL("https://example.org/a\\b", URL_OK,
	    "https://example.org/a%5Cb");
	CHECK_URL("https://example.org?q#f", URL_OK,
	    "https://example.org?q#f");
	CHECK_URL(" https://example.org/a\tb\n ", URL_OK,
	    "https://example.org/ab");
	CHECK_URL("https://example.org/(a)!$'*+,;=:@~", URL_OK,
	    "https://example.org/(a)!$'*+,;=:@~");

	CHECK_URL("http://", URL_INVALID, "no host");
	CHECK_URL("https://", URL_INVALID, "no host");
	CHECK_URL("https:///x", URL_INVALID, "no host");
	CHECK_URL("https://:80/", URL_INVALID, "no host");
	CHECK_URL("https://?q", URL_INVALID, "no host");
	CHECK_URL("http:example.org", URL_INVALID, "no '//' after the scheme");
	CHECK_URL("http:/example.org", URL_INVALID,
	    "no '//' after the scheme");
	CHECK_URL("http:\\\\example.org", URL_INVALID,
	    "no '//' after the scheme");
	CHECK_URL("http://a b.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://a..vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://.a.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://-a.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://a-.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://a_b.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://a%41.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://xn--zz.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaa.vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaa.vn/", URL_OK, "http://aaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.vn/");
	CHECK_URL("http://a\xe3\x80\x82vn/", URL_INVALID, "bad host name");
	CHECK_URL("http://ban@example.org/", URL_INVALID,
	    "user name or password before the host");
	CHECK_URL("http://a:b@example.org/", URL_INVALID,
	    "user name or password before the host");
	CHECK_URL("https://a.vn\\x@b.vn/", URL_INVALID,
	    "user name or password before the host");
	CHECK_URL("http://[::1/", URL_INVALID, "bad IPv6 address");
	CHECK_URL("http://[::g]/", URL_INVALID, "bad IPv6 address");
	CHECK_URL("http://[::1]x/", URL_INVALID, "bad IPv6 address");
	CHECK_URL("http://[fe80::1%25eth0]/", URL_INVALID,
	    "bad IPv6 address");
	CHECK_URL("http://999.1.1.1/", URL_INVALID, "bad IPv4 address");
	CHECK_URL("http://1.2.3/", URL_INVALID, "bad IPv4 address");
	CHECK_URL("http://123/", URL_INVALID, "bad IPv4 address");
	CHECK_URL("http://example.org:0/", URL_INVALID, "bad port");
	CHECK_URL("http://example.org:65536/", URL_INVALID, "bad port");
	CHECK_URL("http://example.org:99999999999999999999/", URL_INVALID,
	    "bad port");
	CHECK_URL("http://example.org:8x/", URL_INVALID, "bad port");
	CHECK_URL("http://example.org:/", URL_INVALID, "bad port");
	CHECK_URL("http://example.org:-1/", URL_INVALID, "bad port");
	CHECK_URL("http://a\xe2\x80\x8b\xc2\xa0" "b.vn/", URL_INVALID,
	    "bad host name");

	/* mailto: and tel: */
	CHECK_URL("mailto:ban@example.org", URL_OK, "mailto:ban@example.org");
	CHECK_URL("MAILTO:Ban@Example.org", URL_OK, "mailto:Ban@example.org");
	CHECK_URL("mailto:ban@v\xc3\xad-d\xe1\xbb\xa5.vn", URL_OK,
	    "mailto:ban@xn--v-d-rma6749a.vn");
	CHECK_URL("mailto:a.b+c@x.vn,d@y.vn?subject=Ch\xc3\xa0o&body=a b",
	    URL_OK, "mailto:a.b+c@x.vn,d@y.vn?subject=Ch%C3%A0o&body=a%20b");
	CHECK_URL("mailto:a%40b@x.vn", URL_OK, "mailto:a%40b@x.vn");
	CHECK_URL("mailto:", URL_INVALID, "no address");
	CHECK_URL("mailto:?subject=x", URL_INVALID, "no address");
	CHECK_URL("mailto:ban", URL_INVALID, "bad address");
	CHECK_URL("mailto:@x.vn", URL_INVALID, "bad address");
	CHECK_URL("mailto:ban@", URL_INVALID, "bad address");
	CHECK_URL("mailto:a@b@x.vn", URL_INVALID, "bad address");
	CHECK_URL("mailto:a b@x.vn", URL_INVALID, "bad address");
	CHECK_URL("mailto:a@x_y.vn", URL_INVALID, "bad address");
	CHECK_URL("mailto:a@x.vn:25", URL_INVALID, "bad address");
	CHECK_URL("mailto:a@x.vn,", URL_INVALID, "bad address");
	CHECK_URL("tel:+84123", URL_OK, "tel:+84123");
	CHECK_URL("tel:+84 24 3825 1234", URL_OK, "tel:+842438251234");
	CHECK_URL("TEL:024-3825.1234", URL_OK, "tel:024-3825.1234");
	CHECK_URL("tel:(024) 3825 1234", URL_OK, "tel:(024)38251234");
	CHECK_URL("tel:", URL_INVALID, "no number");
	CHECK_URL("tel:+", URL_INVALID, "bad number");
	CHECK_URL("tel:abc", URL_INVALID, "bad number");
	CHECK_URL("tel:12+3", URL_INVALID, "bad number");
	CHECK_URL("tel:123;ext=4", URL_INVALID, "bad number");

	/* scheme-relative, fragments, relative, unsafe */
	CHECK_URL("//", URL_NETWORK, "");
	CHECK_URL("//host/x", URL_NETWORK, "");
	CHECK_URL("///etc/passwd", URL_NETWORK, "");
	CHECK_URL("/\\host/x", URL_NETWORK, "");
	CHECK_URL("\\\\host/x", URL_NETWORK, "");
	CHECK_URL(" //host", URL_NETWORK, "");
	CHECK_URL("/\t/host", URL_NETWORK, "");
	CHECK_URL("#x", URL_FRAGMENT, "");
	CHECK_URL("/etc/passwd", URL_RELATIVE, "");
	CHECK_URL("javascript:alert(1)", URL_UNSAFE, "");
	CHECK_URL("file:///etc/passwd", URL_UNSAFE, "");
	CHECK_URL("ht tp://example.org", URL_UNSAFE, "");
	/* Trimmed as a browser does: blanks at the ends, tab/CR/LF inside;
	 * a copy is made only then. */
	CHECK_URL("  https://example.org/a\t ", URL_OK, "https://example.org/a");
	CHECK_URL("https://exa\nmple.org/\ra", URL_OK, "https://example.org/a");
	CHECK_URL("\x01https://example.org/", URL_OK, "https://example.org/");
	CHECK_URL("https://example.org/ a", URL_OK, "https://example.org/%20a");
	CHECK_URL(" \t", URL_FRAGMENT, "");
	CHECK_URL("\\x:y", URL_UNSAFE, "");
	CHECK_URL("\\/x", URL_NETWORK, "");
	CHECK_URL("/ \\x", URL_NETWORK, "");
	CHECK_URL("/x:y", URL_RELATIVE, "");
	CHECK_URL(":x", URL_UNSAFE, "");
	CHECK_URL("httpsx:x", URL_UNSAFE, "");
	CHECK_URL("abcdefgh:x", URL_UNSAFE, "");
	CHECK_URL("mail to:a@example.org", URL_UNSAFE, "");
	CHECK_URL("h t t p s : / / e x a m p l e . o r g", URL_UNSAFE, "");
	test_url_kinds();
	test_url_append();
}

static void
test_path(void)
{
	CHECK_INT(url_classify("http://example.org/"), URL_OK);
	CHECK_INT(url_classify("https://example.org/a?b#c"), URL_OK);
	CHECK_INT(url_classify("HTTPS://example.org/"), URL_OK);
	CHECK_INT(url_classify("mailto:a@example.org"), URL_OK);
	CHECK_INT(url_classify("tel:+84123"), URL_OK);
	CHECK_INT(url_classify("//example.org/x"), URL_NETWORK);
	CHECK_INT(url_classify("#x"), URL_FRAGMENT);
	CHECK_INT(url_classify(""), URL_FRAGMENT);
	CHECK_INT(url_classify("images/a.png"), URL_RELATIVE);
	CHECK_INT(url_classify("a.html#x"), URL_RELATIVE);
	CHECK_INT(url_classify("../x/y:z"), URL_RELATIVE);
	CHECK_INT(url_classify("?q=a:b"), URL_RELATIVE);
	CHECK_INT(url_classify("javascript:alert(1)"), URL_UNSAFE);
	CHECK_INT(url_classify("JaVaScRiPt:x"), URL_UNSAFE);
	CHECK_INT(url_classify("java\tscript:x"), URL_UNSAFE);
	CHECK_INT(url_classify("java\nscript:x"), URL_UNSAFE);
	CHECK_INT(url_classify(" javascript:x"), URL_UNSAFE);
	CHECK_INT(url_classify("\x01javascript:x"), URL_UNSAFE);
	CHECK_INT(url_classify("data:text/html,x"), URL_UNSAFE);
	CHECK_INT(url_classify("vbscript:x"), URL_UNSAFE);
	CHECK_INT(url_classify("file:///etc/passwd"), URL_UNSAFE);
	CHECK_INT(url_classify("ftp://example.org/"), URL_UNSAFE);
	test_url_check();

	CHECK(path_entry_safe("media/lectures/images/a.png"));
	CHECK(path_entry_safe("a.html"));
	CHECK(path_entry_safe("a/..b/c..d"));
	CHECK(!path_entry_safe("../x"));
	CHECK(!path_entry_safe("a/../b"));
	CHECK(!path_entry_safe("a/.."));
	CHECK(!path_entry_safe(".."));
	CHECK(!path_entry_safe("/abs"));
	CHECK(!path_entry_safe("a//b"));
	CHECK(!path_entry_safe("a\\b"));
	CHECK(!path_entry_safe("..\\x"));
	CHECK(!path_entry_safe(""));
	CHECK(!path_entry_safe("./a"));
	CHECK(!path_entry_safe("a/./b"));

	CHECK_STR(media_type("images/a.png"), "image/png");
	CHECK_STR(media_type("images/A.PNG"), "image/png");
	CHECK_STR(media_type("x.jpg"), "image/jpeg");
	CHECK_STR(media_type("x.JPEG"), "image/jpeg");
	CHECK_STR(media_type("x.gif"), "image/gif");
	CHECK_STR(media_type("x.svg"), "image/svg+xml");
	CHECK_STR(media_type("x.webp"), "image/webp");
	CHECK(media_type("lectures/bai-01.md") == NULL);
	CHECK(media_type("images/png") == NULL);
	CHECK(media_type("a.png/readme") == NULL);
	CHECK(media_type("a.png.md") == NULL);
}

/* Names inside a pack: safe names stay (the sample packs keep their
 * bytes); any other gets safe parts, the content's extension and a
 * hash of the source path, the same every time. */
static void
test_pack_names(void)
{
	char *a, *b;

	a = image_pack_name("lectures/images/a.png", "image/png");
	CHECK_STR(a, "lectures/images/a.png");
	free(a);
	a = image_pack_name("lectures/images/A_b-1.PNG", "image/png");
	CHECK_STR(a, "lectures/images/A_b-1.PNG");
	free(a);
	a = image_pack_name("lectures/images/x.jpeg", "image/jpeg");
	CHECK_STR(a, "lectures/images/x.jpeg");
	free(a);
	a = image_pack_name("lectures/images/png-named.jpg", "image/png");
	CHECK_STR(a, "lectures/images/png-named-5bae18fc.png");
	free(a);
	a = image_pack_name("lectures/images/a b#c?d%e.png", "image/png");
	CHECK_STR(a, "lectures/images/a-b-c-d-e-31f24e6d.png");
	free(a);
	a = image_pack_name("lectures/Ảnh bài/hình ảnh.svg", "image/svg+xml");
	CHECK(strncmp(a, "lectures/anh-bai/hinh-anh-", 26) == 0);
	CHECK(strlen(a) == 26 + 8 + 4);
	free(a);
	a = image_pack_name("lectures/images/@@.gif", "image/gif");
	CHECK(strncmp(a, "lectures/images/x-", 18) == 0);
	CHECK(path_entry_safe(a));
	free(a);
	/* Two sources that make the same safe parts never collide. */
	a = image_pack_name("lectures/images/a b.png", "image/png");
	b = image_pack_name("lectures/images/a#b.png", "image/png");
	CHECK(strcmp(a, b) != 0);
	free(a);
	free(b);
	a = image_pack_name("lectures/images/noext", "image/webp");
	CHECK(strncmp(a, "lectures/images/noext-", 22) == 0);
	CHECK(strcmp(a + strlen(a) - 5, ".webp") == 0);
	free(a);
}

/* ---- front matter ---- */

/* Counts the newlines in s[0..n). */
static size_t
count_lines(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

static int
only_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n')
			return 0;
	return 1;
}

/* Messages are kept per list, printed once, sorted by file, line and
 * column, a note right after its message. */
static void
test_msgs(void)
{
	struct msgs a = MSGS_INIT, b = MSGS_INIT;
	struct msgs *both[2];
	char *t;

	CHECK_INT(error_at(&a, (struct loc){ "b.md", 9, 1 }, "late %d", 9),
	    -1);
	warn_at(&a, (struct loc){ "b.md", 2, 14 }, "second on line %d", 2);
	note_at(&a, (struct loc){ "a.md", 1, 1 }, "related");
	warn_at(&a, (struct loc){ "b.md", 2, 3 }, "first on line 2");
	error_at(&b, (struct loc){ "a.md", 5, 0 }, "in %s", "a");
	error_at(NULL, (struct loc){ "a.md", 1, 1 }, "dropped");
	CHECK_INT(a.errors, 1);
	CHECK_INT(a.warnings, 2);
	CHECK_INT(b.errors, 1);
	both[0] = &a;
	both[1] = &b;
	capture_begin();
	msgs_show(both, 2);
	t = capture_end();
	CHECK_STR(t, "a.md:5: error: in a\n"
	    "b.md:2:3: warning: first on line 2\n"
	    "b.md:2:14: warning: second on line 2\n"
	    "a.md:1:1: note: related\n"
	    "b.md:9:1: error: late 9\n");
	free(t);
	/* Shown once: a second call prints only what was added since. */
	warn_at(&b, (struct loc){ "c.md", 1, 1 }, "new");
	capture_begin();
	msgs_show(both, 2);
	t = capture_end();
	CHECK_STR(t, "c.md:1:1: warning: new\n");
	free(t);
	/* Control characters in a message never reach the terminal. */
	error_at(&a, (struct loc){ "x\x1b.md", 1, 1 }, "bad \x07");
	t = msgs_text(&a);
	CHECK_STR(t, "x\\x1b.md:1:1: error: bad \\x07\n");
	free(t);
	CHECK_INT(a.n, 0);
	msgs_release(&b);
}

static void
test_source(void)
{
	struct source src;
	const char *body;
	char *err;

	/* BOM, CRLF, '...' closer. */
	WRITE_STR("bom.md", "\xef\xbb\xbf---\r\ntitle: \"B\xc3\xa0i 1\"\r\n"
	    "hours: 5\r\n...\r\n\r\n# Heading\r\nText\r\n");
	CHECK_INT(source_load(&src, "bom.md", &um), 0);
	CHECK_STR(src.yaml, "title: \"B\xc3\xa0i 1\"\nhours: 5\n");
	CHECK_INT(src.yaml_len, src.yaml ? strlen(src.yaml) : 0);
	CHECK_INT(src.yaml_line, 2);
	CHECK_STR(src.path, "bom.md");
	CHECK(src.body != NULL && strlen(src.body) == src.body_len);
	if (src.body) {
		CHECK(memchr(src.body, '\r', src.body_len) == NULL);
		CHECK_INT(count_lines(src.body, src.body_len), 7);
		body = strstr(src.body, "# Heading");
		CHECK(body != NULL);
		if (body) {
			/* Front matter blanked: lines 1-4 and the empty 5th. */
			CHECK(only_blank(src.body, (size_t)(body - src.body)));
			CHECK_INT(count_lines(src.body,
			    (size_t)(body - src.body)), 5);
			CHECK_STR(body, "# Heading\nText\n");
		}
	}
	source_release(&src);
	CHECK(src.body == NULL && src.yaml == NULL);

	/* '---' closer with trailing spaces; NFD text becomes NFC. */
	WRITE_STR("nfd.md", "---\ntitle: Mu\xcc\xa3" "c\n---  \nMu\xcc\xa3" "c\n");
	CHECK_INT(source_load(&src, "nfd.md", &um), 0);
	CHECK_STR(src.yaml, "title: M\xe1\xbb\xa5" "c\n");
	CHECK_INT(src.yaml_line, 2);
	CHECK_STR(src.body, "   \n            \n     \nM\xe1\xbb\xa5" "c\n");
	source_release(&src);

	/* An empty front matter is front matter. */
	WRITE_STR("empty-fm.md", "---\n---\nx\n");
	CHECK_INT(source_load(&src, "empty-fm.md", &um), 0);
	CHECK(src.yaml != NULL && src.yaml_len == 0);
	CHECK_STR(src.body, "   \n   \nx\n");
	source_release(&src);

	/* No front matter: yaml NULL, body as it is. */
	WRITE_STR("plain.md", "# Title\r\n\r\n---\r\nafter a rule\r\n");
	CHECK_INT(source_load(&src, "plain.md", &um), 0);
	CHECK(src.yaml == NULL);
	CHECK_STR(src.body, "# Title\n\n---\nafter a rule\n");
	source_release(&src);

	/* A thematic break is not an opening fence. */
	WRITE_STR("rule.md", "----\ntitle: x\n---\n");
	CHECK_INT(source_load(&src, "rule.md", &um), 0);
	CHECK(src.yaml == NULL);
	source_release(&src);

	/* Old Mac CR line ends. */
	WRITE_STR("cr.md", "a\rb\r\rc");
	CHECK_INT(source_load(&src, "cr.md", &um), 0);
	CHECK_STR(src.body, "a\nb\n\nc");
	source_release(&src);

	/* Never closed: an error at 1:1. */
	WRITE_STR("open.md", "---\ntitle: x\n\nBody text\n");
	msgs_release(&um);
	CHECK_INT(source_load(&src, "open.md", &um), -1);
	CHECK_INT(um.errors, 1);
	err = msgs_text(&um);
	CHECK(strncmp(err, "open.md:1:1: error: front matter is never closed",
	    48) == 0);
	free(err);

	/* Invalid UTF-8: an error at the bad byte's line and column. */
	WRITE_STR("cp1258.md", "---\ntitle: x\n---\nab\xe0" "c\n");
	CHECK_INT(source_load(&src, "cp1258.md", &um), -1);
	CHECK_INT(um.errors, 1);
	err = msgs_text(&um);
	CHECK(strncmp(err, "cp1258.md:4:3: error: invalid UTF-8", 35) == 0);
	CHECK(strstr(err, "Windows-1258") != NULL);
	free(err);

	/* A control character is dropped with a warning. */
	WRITE_STR("ctl.md", "a\x01" "b\tc\n");
	CHECK_INT(source_load(&src, "ctl.md", &um), 0);
	CHECK_INT(um.warnings, 1);
	msgs_release(&um);
	CHECK_STR(src.body, "ab\tc\n");
	source_release(&src);

	/* A missing file. */
	CHECK_INT(source_load(&src, "no-such-file.md", &um), -1);
	CHECK_INT(um.errors, 1);
	msgs_release(&um);
	/* A NULL list drops the messages (a file read again). */
	CHECK_INT(source_load(&src, "no-such-file.md", NULL), -1);

	/* source_load_plain: no split. */
	WRITE_STR("plain.yaml", "\xef\xbb\xbftitle: x\r\nparts: []\r\n");
	CHECK_INT(source_load_plain(&src, "plain.yaml", &um), 0);
	CHECK_STR(src.yaml, "title: x\nparts: []\n");
	CHECK_INT(src.yaml_line, 1);
	source_release(&src);
}

/* ---- YAML ---- */

/* Sets b to n opens, mid, then n closes. */
static void
nested(struct buf *b, const char *open, const char *mid, const char *close,
    int n)
{
	int i;

	buf_clear(b);
	for (i = 0; i < n; i++)
		buf_puts(b, open);
	buf_puts(b, mid);
	for (i = 0; i < n; i++)
		buf_puts(b, close);
}

static struct ynode *
yaml_str(const char *text, int first_line)
{
	return yaml_load("t.yaml", text, strlen(text), first_line, &um);
}

/* Parses text that is expected to fail, quietly; checks an error was
 * counted.  Returns the tree (NULL expected). */
static struct ynode *
yaml_bad(const char *text, int line)
{
	struct ynode *y;

	msgs_release(&um);
	y = yaml_str(text, 1);
	check(um.errors > 0, __FILE__, line, "an error was reported");
	msgs_release(&um);
	return y;
}

static void
test_yaml(void)
{
	struct ynode *y, *v;
	struct buf deep = BUF_INIT;
	char *err;

	y = yaml_str("a: 1\nb: [x, y]\n", 2);
	CHECK(y != NULL);
	if (y) {
		CHECK_INT(y->type, YNODE_MAP);
		CHECK_INT(y->n, 4);
		CHECK_STR(y->loc.path, "t.yaml");
		CHECK_INT(y->loc.line, 2);
		v = ynode_get(y, "a");
		CHECK(v != NULL && v->type == YNODE_SCALAR);
		if (v) {
			CHECK_STR(v->value, "1");
			CHECK(!v->quoted);
			CHECK_INT(v->loc.line, 2);
			CHECK_INT(v->loc.col, 4);
		}
		CHECK_INT(y->kids[0]->loc.line, 2);
		CHECK_INT(y->kids[0]->loc.col, 1);
		CHECK_INT(y->kids[2]->loc.line, 3);
		v = ynode_get(y, "b");
		CHECK(v != NULL && v->type == YNODE_SEQ);
		if (v && v->type == YNODE_SEQ) {
			CHECK_INT(v->loc.line, 3);
			CHECK_INT(v->loc.col, 4);
			CHECK_INT(v->n, 2);
			if (v->n == 2) {
				CHECK_STR(v->kids[0]->value, "x");
				CHECK_STR(v->kids[1]->value, "y");
				CHECK_INT(v->kids[1]->loc.line, 3);
				CHECK_INT(v->kids[1]->loc.col, 8);
			}
		}
		CHECK(ynode_get(y, "c") == NULL);
		CHECK(ynode_get(y, "1") == NULL);	/* values are not keys */
	}
	ynode_free(y);

	/* Quoting, block lists, nested maps. */
	y = yaml_str("t: \"q\"\nl:\n  - one\n  - k: v\n", 10);
	CHECK(y != NULL);
	if (y) {
		v = ynode_get(y, "t");
		CHECK(v != NULL && v->quoted && strcmp(v->value, "q") == 0);
		v = ynode_get(y, "l");
		CHECK(v != NULL && v->type == YNODE_SEQ && v->n == 2);
		if (v && v->n == 2) {
			CHECK_INT(v->kids[0]->loc.line, 12);
			CHECK_INT(v->kids[0]->loc.col, 5);
			CHECK(v->kids[1]->type == YNODE_MAP);
			CHECK_STR(ynode_get(v->kids[1], "k")->value, "v");
			CHECK_INT(ynode_get(v->kids[1], "k")->loc.line, 13);
		}
	}
	ynode_free(y);

	/* Aliases are refused, at the alias. */
	msgs_release(&um);
	y = yaml_str("a: &x 1\nb: *x\n", 5);
	err = msgs_text(&um);
	CHECK(y == NULL);
	CHECK(strncmp(err, "t.yaml:6:4: error: YAML aliases", 31) == 0);
	free(err);
	ynode_free(y);

	/* Nesting: 32 levels are allowed, 33 and 40 are not. */
	nested(&deep, "[", "", "]", 32);
	y = yaml_str(deep.data, 1);
	CHECK(y != NULL && y->type == YNODE_SEQ);
	ynode_free(y);
	nested(&deep, "[", "", "]", 33);
	y = yaml_bad(deep.data, __LINE__);
	CHECK(y == NULL);
	ynode_free(y);
	nested(&deep, "[", "", "]", 40);
	y = yaml_bad(deep.data, __LINE__);
	CHECK(y == NULL);
	ynode_free(y);
	nested(&deep, "{a: ", "1", "}", 40);
	y = yaml_bad(deep.data, __LINE__);
	CHECK(y == NULL);
	ynode_free(y);
	buf_release(&deep);

	/* Empty text, or only comments: an empty map. */
	y = yaml_str("", 2);
	CHECK(y != NULL && y->type == YNODE_MAP && y->n == 0);
	if (y)
		CHECK_INT(y->loc.line, 2);
	ynode_free(y);
	y = yaml_str("# nothing\n\n", 2);
	CHECK(y != NULL && y->type == YNODE_MAP && y->n == 0);
	ynode_free(y);

	/* Syntax errors and a second document. */
	y = yaml_bad("a: [1, 2\n", __LINE__);
	CHECK(y == NULL);
	ynode_free(y);
	y = yaml_bad("a: \"open\n", __LINE__);
	CHECK(y == NULL);
	ynode_free(y);
	y = yaml_bad("a: 1\n---\nb: 2\n", __LINE__);
	CHECK(y == NULL);
	ynode_free(y);
}

/* ---- documents ---- */

/* The plain text of a node's TEXT descendants. */
static char *
node_text(cmark_node *n)
{
	struct buf b = BUF_INIT;
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *k = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(k) == CMARK_NODE_TEXT)
			buf_puts(&b, cmark_node_get_literal(k));
	}
	cmark_iter_free(it);
	return buf_detach(&b, NULL);
}

/* The heading node inside a section block, or NULL. */
static cmark_node *
section_heading(const struct block *b)
{
	cmark_node *h;

	if (b == NULL || b->node == NULL)
		return NULL;
	h = cmark_node_first_child(b->node);
	return h && cmark_node_get_type(h) == CMARK_NODE_HEADING ? h : NULL;
}

static const struct block *
nth_section(const struct doc *d, size_t want)
{
	size_t i, k = 0;

	for (i = 0; i < d->n_blocks; i++)
		if (d->blocks[i]->kind == BLOCK_SECTION && k++ == want)
			return d->blocks[i];
	return NULL;
}

#define SECTION_ID(d, i) \
	(nth_section((d), (i)) ? nth_section((d), (i))->id : NULL)

/* The arena of a document's tree (arena.c): blocks aligned as
 * malloc()'s, the newest grown in place or given back, the others
 * copied, big ones alone; and cmark's parse through it. */
static void
test_arena(void)
{
	struct arena *a = arena_new(0), *was;
	char *p, *q, *r, *v[600];
	cmark_node *root, *ref;
	char *h1, *h2;
	size_t i, j, n, fp;
	int ok;
#define MD(s)	{ s, sizeof(s) - 1 }
	static const struct {
		const char	*s;
		size_t		 n;
	} md[] = {
		MD(""), MD("a"), MD("# T\n\npara *x* `c`\r\n\n- a\n- b\n"),
		MD("no newline at end"), MD("cr\rline\r"), MD("nul\0byte\n"),
		MD("[x]: /u\n\n[x] and [y][x]\n\n```c\ncode\n```\n> q\n")
	};
#undef MD

	/* Sizes around the header and alignment: 16-aligned, apart. */
	ok = 1;
	for (i = 0; i < 40; i++) {
		v[i] = arena_alloc(a, i);
		ok &= ((uintptr_t)v[i] & 15) == 0;
		memset(v[i], (int)i, i);
	}
	for (i = 0; i < 40; i++)
		for (j = 0; j < i; j++)
			ok &= (unsigned char)v[i][j] == i;
	CHECK(ok);

	/* The newest block grows and shrinks in place. */
	p = arena_alloc(a, 10);
	memcpy(p, "0123456789", 10);
	q = arena_realloc(a, p, 300);
	CHECK(q == p && memcmp(q, "0123456789", 10) == 0);
	q = arena_realloc(a, p, 5);
	CHECK(q == p && memcmp(q, "01234", 5) == 0);
	/* Another is copied, its bytes kept. */
	r = arena_alloc(a, 8);
	q = arena_realloc(a, p, 100);
	CHECK(q != p && q != r && memcmp(q, "01234", 5) == 0);
	/* ... and shrinks where it is. */
	CHECK(arena_realloc(a, v[30], 3) == v[30]);
	CHECK(memcmp(v[30], "\36\36\36", 3) == 0);

	/* The newest block goes back to its chunk, another to the next
	 * block of its span (up to 512 bytes with the header). */
	p = arena_alloc(a, 24);
	arena_release(a, p);
	CHECK(arena_alloc(a, 24) == p);
	arena_release(a, v[5]);
	arena_release(a, v[3]);
	CHECK(arena_alloc(a, 8) == v[3]);
	CHECK(arena_alloc(a, 1) == v[5]);
	q = arena_alloc(a, 20);	/* no 32-byte span was freed */
	CHECK(q == p + 32);
	r = arena_alloc(a, 500);
	arena_alloc(a, 1);
	arena_release(a, r);
	CHECK(arena_alloc(a, 490) == r);
	r = arena_alloc(a, 505);	/* a span of 528: not kept */
	arena_alloc(a, 1);
	arena_release(a, r);
	CHECK(arena_alloc(a, 505) != r);
	arena_release(a, NULL);

	/* Big blocks: alone, freed at once, moved to and from small. */
	fp = arena_footprint(a);
	p = arena_alloc(a, ARENA_BIG);
	CHECK(((uintptr_t)p & 15) == 0);
	CHECK(arena_footprint(a) >= fp + ARENA_BIG);
	arena_release(a, p);
	CHECK_INT((int)arena_footprint(a), (int)fp);
	p = arena_alloc(a, ARENA_BIG - 1);
	for (i = 0; i < ARENA_BIG - 1; i++)
		p[i] = (char)(i * 7);
	q = arena_realloc(a, p, 3 * ARENA_BIG);
	r = arena_realloc(a, q, 10 * ARENA_BIG);
	ok = 1;
	for (i = 0; i < ARENA_BIG - 1; i++)
		ok &= r[i] == (char)(i * 7);
	CHECK(ok);
	q = arena_realloc(a, r, 17);
	ok = 1;
	for (i = 0; i < 17; i++)
		ok &= q[i] == (char)(i * 7);
	CHECK(ok);
	CHECK_INT((int)arena_footprint(a), (int)fp);

	/* Many chunks: every block keeps its bytes; a newest block at a
	 * chunk's end moves when it grows. */
	ok = 1;
	for (i = 0; i < 600; i++) {
		n = 1 + (i * 37) % 700;
		v[i] = arena_alloc(a, n);
		memset(v[i], (int)(i & 0xff), n);
		if (i % 7 == 0) {
			v[i] = arena_realloc(a, v[i], n + 2000);
			memset(v[i] + n, (int)(i & 0xff), 2000);
		}
	}
	for (i = 0; i < 600; i++) {
		n = 1 + (i * 37) % 700 + (i % 7 == 0 ? 2000 : 0);
		for (j = 0; j < n; j++)
			ok &= (unsigned char)v[i][j] == (i & 0xff);
	}
	CHECK(ok);
	CHECK(arena_footprint(a) > 600 * 350);
	arena_reset(a);
	CHECK_INT((int)arena_footprint(a), 0);
	CHECK(arena_alloc(a, 1) != NULL);

	/* cmark's allocator: the entered arena, zeroed by calloc even
	 * where a block was given back; malloc() outside one. */
	CHECK(arena_enter(a) == NULL);
	p = arena_cmark_mem.calloc(1, 48);
	memset(p, 0xff, 48);
	arena_cmark_mem.free(p);
	q = arena_cmark_mem.calloc(6, 8);
	ok = q == p;
	for (i = 0; i < 48; i++)
		ok &= q[i] == 0;
	CHECK(ok);
	q = arena_cmark_mem.realloc(q, 64);
	CHECK(q == p);
	was = arena_enter(NULL);
	CHECK(was == a);
	p = arena_cmark_mem.calloc(2, 8);
	CHECK(p != NULL && p[15] == 0);
	p = arena_cmark_mem.realloc(p, 4000);
	arena_cmark_mem.free(p);	/* free(): valgrind sees it */

	/* A parse in the arena is cmark's own parse. */
	for (i = 0; i < sizeof(md) / sizeof(md[0]); i++) {
		arena_enter(a);
		root = arena_parse(md[i].s, md[i].n, CMARK_OPT_DEFAULT);
		arena_enter(NULL);
		ref = cmark_parse_document(md[i].s, md[i].n,
		    CMARK_OPT_DEFAULT);
		h1 = cmark_render_html(root, CMARK_OPT_DEFAULT);
		h2 = cmark_render_html(ref, CMARK_OPT_DEFAULT);
		CHECK_STR(h1, h2);
		free(h1);
		free(h2);
		cmark_node_free(ref);
	}
	/* Nodes made and freed inside, the tree freed with the arena. */
	arena_enter(a);
	root = arena_parse("x\n", 2, CMARK_OPT_DEFAULT);
	ref = arena_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_set_literal(cmark_node_first_child(
	    cmark_node_first_child(root)), "changed");
	cmark_node_append_child(root, ref);
	cmark_node_free(cmark_node_first_child(root));
	arena_enter(NULL);
	CHECK(cmark_node_first_child(root) == ref);
	arena_free(a);
	arena_free(NULL);
}

/* A document's tree in its arena, and a file over 1 MB parsed with
 * malloc() instead: the same blocks, a tree dropped and parsed again,
 * freed (ASan and valgrind see the rest). */
static void
test_doc_arena(void)
{
	static const char head[] = "---\ntitle: x\n---\n";
	struct buf b = BUF_INIT;
	struct doc *small, *big;
	size_t i, j, k = 0;
	char line[64];

	buf_puts(&b, head);
	for (i = 0; b.len < 1200000; i++) {
		if (i == 2)
			write_file("arena-small.md", b.data, b.len);
		snprintf(line, sizeof(line), "## H\xe1\xbb\x99i %zu {.xii}\n\n",
		    i);
		buf_puts(&b, line);
		for (j = 0; j < 60; j++)
			buf_puts(&b, "M\xe1\xbb\x99t c\xc3\xa2u ");
		snprintf(line, sizeof(line), "[[a]] ~~b~~ [^n%zu].\n\n"
		    "[^n%zu]: Ghi.\n\n", i, i);
		buf_puts(&b, line);
		buf_puts(&b, "| a | b |\n|---|---|\n| *c* | `d\\|` |\n\n"
		    "::: note\nx\n:::\n\n");
		k++;
	}
	write_file("arena-big.md", b.data, b.len);
	buf_release(&b);
	small = doc_load("arena-small.md", DOC_LECTURE);
	big = doc_load("arena-big.md", DOC_LECTURE);
	CHECK_INT(small->msgs.errors + big->msgs.errors, 0);
	CHECK(small->n_blocks > 0 && small->n_links == 2);
	CHECK_INT((int)big->n_links, (int)k);
	/* Each part's blocks, and the one list of footnotes. */
	CHECK_INT((int)big->n_blocks - 1, (int)(k * (small->n_blocks - 1) / 2));
	doc_drop_tree(small);
	doc_drop_tree(big);
	CHECK(small->root == NULL && big->root == NULL);
	CHECK_INT(doc_tree_need(small), 0);
	CHECK_INT(doc_tree_need(big), 0);
	CHECK(small->root != NULL && big->root != NULL);
	doc_tree_done(small);
	doc_tree_done(big);
	doc_free(small);
	doc_free(big);
}

static void
test_doc(void)
{
	struct doc *d;
	const struct block *b;
	const struct wikilink *w;
	char *t;

	WRITE_STR("bai-01.md",
	    "---\n"					/* 1 */
	    "title: \"B\xc3\xa0i 1\"\n"			/* 2 */
	    "congress: XII\n"				/* 3 */
	    "---\n"					/* 4 */
	    "\n"					/* 5 */
	    "## Kinh t\xe1\xba\xbf\n"			/* 6 */
	    "\n"					/* 7 */
	    "## Kinh t\xe1\xba\xbf\n"			/* 8 */
	    "\n"					/* 9 */
	    "## Kh\xc3\xa1" "c {#rieng}\n"		/* 10 */
	    "\n"					/* 11 */
	    "## A {.xii}\n"				/* 12 */
	    "\n"					/* 13 */
	    "Xem [[district#kinh-te|nh\xc3\xa3n]] nh\xc3\xa9.\n" /* 14 */
	    "\n"					/* 15 */
	    "### Kinh t\xe1\xba\xbf {#kinh-te-3 .important}\n" /* 16 */
	    "\n"					/* 17 */
	    "## Kinh t\xe1\xba\xbf\n"			/* 18 */
	    "\n"					/* 19 */
	    "M\xe1\xbb\x99t d\xc3\xb2ng\n"		/* 20 */
	    "v\xe1\xba\xa3 [[bai-02]] v\xc3\xa0 ![[province]].\n" /* 21 */
	    "\n"					/* 22 */
	    "![[district#x-h\xe1\xbb\x99i]]\n"		/* 23 */
	    "\n"					/* 24 */
	    "::: xiii\n"				/* 25 */
	    "## Trong div {.xiv}\n"			/* 26 */
	    ":::\n");					/* 27 */
	d = doc_load("bai-01.md", DOC_LECTURE);
	CHECK(d != NULL);
	CHECK_INT(d->msgs.errors, 0);
	/* The one warning: the embed that is not alone. */
	CHECK_INT(d->msgs.warnings, 1);
	CHECK_STR(d->id, "bai-01");
	CHECK_STR(d->title, "B\xc3\xa0i 1");
	CHECK_INT(d->congress, 12);
	CHECK_INT(d->congress_line, 3);

	/* Ids: slugs, -2 for a repeat, explicit ids win and are reserved. */
	CHECK_STR(SECTION_ID(d, 0), "kinh-te");
	CHECK_STR(SECTION_ID(d, 1), "kinh-te-2");
	CHECK_STR(SECTION_ID(d, 2), "rieng");
	CHECK_STR(SECTION_ID(d, 3), "a");
	CHECK_STR(SECTION_ID(d, 4), "kinh-te-3");
	CHECK_STR(SECTION_ID(d, 5), "kinh-te-4");
	CHECK_STR(SECTION_ID(d, 6), "trong-div");

	b = nth_section(d, 0);
	CHECK(b && b->level == 2 && b->mark == 0 && b->loc.line == 6);
	b = nth_section(d, 2);
	CHECK(b != NULL);
	if (b) {
		CHECK_STR(b->title, "Kh\xc3\xa1" "c");
		t = node_text(section_heading(b));
		CHECK_STR(t, "Kh\xc3\xa1" "c");
		free(t);
	}
	/* {.xii}: mark 12, gone from the visible heading. */
	b = nth_section(d, 3);
	CHECK(b != NULL);
	if (b) {
		CHECK_INT(b->mark, 12);
		CHECK_INT(b->loc.line, 12);
		CHECK(b->classes == NULL);
		CHECK_STR(b->title, "A");
		CHECK(section_heading(b) != NULL);
		t = node_text(section_heading(b));
		CHECK_STR(t, "A");
		free(t);
	}
	b = nth_section(d, 4);
	CHECK(b != NULL);
	if (b) {
		CHECK_INT(b->mark, 0);
		CHECK_INT(b->level, 3);
		CHECK_STR(b->classes, "important");
		CHECK_STR(b->title, "Kinh t\xe1\xba\xbf");
		/* The h3 is inside the h2 'A' section. */
		CHECK(b->parent == nth_section(d, 3));
	}
	b = nth_section(d, 6);
	CHECK(b != NULL);
	if (b) {
		CHECK_INT(b->mark, 14);
		CHECK(b->parent != NULL && b->parent->kind == BLOCK_DIV &&
		    b->parent->mark == 13 && b->parent->loc.line == 25);
	}
	CHECK(doc_find_section(d, "kinh-te-2") == nth_section(d, 1));
	CHECK(doc_find_section(d, "Kh\xc3\xa1" "c") == nth_section(d, 2));
	CHECK(doc_find_section(d, "rieng") == nth_section(d, 2));
	CHECK(doc_find_section(d, "khong-co") == NULL);

	/* Wiki links: target, section, label and the place of '[['. */
	CHECK_INT(d->n_links, 4);
	if (d->n_links >= 1) {
		w = d->links[0];
		CHECK_STR(w->target, "district");
		CHECK_STR(w->section, "kinh-te");
		CHECK_STR(w->label, "nh\xc3\xa3n");
		CHECK(!w->embed);
		CHECK_STR(w->loc.path, "bai-01.md");
		CHECK_INT(w->loc.line, 14);
		CHECK_INT(w->loc.col, 5);
	}
	if (d->n_links >= 2) {
		w = d->links[1];
		CHECK_STR(w->target, "bai-02");
		CHECK(w->section == NULL && w->label == NULL && !w->embed);
		CHECK_INT(w->loc.line, 21);
		CHECK_INT(w->loc.col, 4);
	}
	if (d->n_links >= 3) {
		/* Not alone in its paragraph: a link, not an embed. */
		w = d->links[2];
		CHECK_STR(w->target, "province");
		CHECK(!w->embed);
		CHECK_INT(w->loc.line, 21);
		CHECK_INT(w->loc.col, 18);	/* the '!' */
	}
	if (d->n_links >= 4) {
		w = d->links[3];
		CHECK_STR(w->target, "district");
		CHECK_STR(w->section, "x-h\xe1\xbb\x99i");
		CHECK(w->embed);
		CHECK_INT(w->loc.line, 23);
		CHECK_INT(w->loc.col, 1);
	}
	doc_free(d);

	/* No front matter: the first '#' heading is the title and not a
	 * section; a link's column counts the characters of the source line. */
	WRITE_STR("Ghi ch\xc3\xba.md",
	    "# T\xc3\xaan b\xc3\xa0i\n"
	    "\n"
	    "**\xc4\x90\xe1\xba\xadm** v\xc3\xa0 [[bai-02#muc-1]]\n"
	    "\n"
	    "a &amp; b\\* [[bai-03]]\n"
	    "\n"
	    "## *Nh\xe1\xba\xa5n* {.xiii}\n");
	d = doc_load("Ghi ch\xc3\xba.md", DOC_LECTURE);
	CHECK_INT(d->msgs.errors, 0);
	CHECK_STR(d->title, "T\xc3\xaan b\xc3\xa0i");
	CHECK_STR(d->id, "ghi-chu");
	CHECK(nth_section(d, 0) == NULL || nth_section(d, 0)->level == 0);
	CHECK_INT(d->n_links, 2);
	if (d->n_links == 2) {
		CHECK_STR(d->links[0]->target, "bai-02");
		CHECK_STR(d->links[0]->section, "muc-1");
		CHECK_INT(d->links[0]->loc.line, 3);
		CHECK_INT(d->links[0]->loc.col, 12);
		/* An entity and a backslash escape before the link: the
		 * column is the source's, not the decoded text's. */
		CHECK_STR(d->links[1]->target, "bai-03");
		CHECK_INT(d->links[1]->loc.line, 5);
		CHECK_INT(d->links[1]->loc.col, 13);
	}
	/* The attribute block is a text node of its own after the
	 * emphasis: removed, the emphasis stays. */
	b = nth_section(d, 1);
	CHECK(b != NULL);
	if (b) {
		CHECK_INT(b->mark, 13);
		CHECK_INT(b->loc.line, 7);
		CHECK_STR(b->id, "nhan");
		CHECK_STR(b->title, "Nh\xe1\xba\xa5n");
		t = node_text(section_heading(b));
		CHECK_STR(t, "Nh\xe1\xba\xa5n");
		free(t);
	}
	doc_free(d);

	/* Errors: a bad link target, an unclosed div, counted per doc. */
	WRITE_STR("bad.md",
	    "---\ntitle: x\n---\n"
	    "[[Bai 02]]\n"
	    "\n"
	    "::: xiii\n"
	    "text\n");
	d = doc_load("bad.md", DOC_LECTURE);
	CHECK_INT(d->msgs.errors, 2);
	t = msgs_text(&d->msgs);
	CHECK(strstr(t, "bad.md:4:1: error: 'Bai 02' is not a note or "
	    "lecture id") != NULL);
	CHECK(strstr(t, "bad.md:6:1: error: unclosed div") != NULL);
	free(t);
	doc_free(d);

	/* Columns in characters far into a long line (counted eight
	 * bytes at a time): 40 x "Vi\xe1\xbb\x87t " is 280 bytes and
	 * 200 characters; then an escape, an entity and two more. */
	{
		struct buf line = BUF_INIT;
		int i;

		buf_puts(&line, "---\ntitle: x\n---\n");
		for (i = 0; i < 40; i++)
			buf_puts(&line, "Vi\xe1\xbb\x87t ");
		buf_puts(&line, "[[Bai 02]] \\* &amp; \xc3\xa0\xc3\xa0 "
		    "[[Bai 03]]\n");
		write_file("bad.md", line.data, line.len);
		buf_release(&line);
	}
	d = doc_load("bad.md", DOC_LECTURE);
	CHECK_INT(d->msgs.errors, 2);
	t = msgs_text(&d->msgs);
	CHECK(strstr(t, "bad.md:4:201: error: 'Bai 02'") != NULL);
	CHECK(strstr(t, "bad.md:4:224: error: 'Bai 03'") != NULL);
	free(t);
	doc_free(d);

	/* Table cells, all parsed in one document, each placed in its
	 * own line and column; an empty, a code and a '#' cell too. */
	WRITE_STR("bad.md",
	    "---\ntitle: x\n---\n"
	    "| a | \xc3\xa0 [[Bai 04]] |\n"		/* 4 */
	    "|---|:-:|\n"
	    "| `x\\|y` | C# |\n"
	    "| | \xc3\xa0\xc3\xa0 [[Bai 05]] | more |\n"	/* 7 */
	    "\n"
	    "| h |\n"
	    "| - |\n"
	    "| [[Bai 06]] |\n");			/* 11 */
	d = doc_load("bad.md", DOC_LECTURE);
	CHECK_INT(d->msgs.errors, 3);
	t = msgs_text(&d->msgs);
	CHECK(strstr(t, "bad.md:4:9: error: 'Bai 04'") != NULL);
	CHECK(strstr(t, "bad.md:7:8: error: 'Bai 05'") != NULL);
	CHECK(strstr(t, "bad.md:11:3: error: 'Bai 06'") != NULL);
	free(t);
	doc_free(d);

	/* An unreadable file still gives a doc, with no tree. */
	d = doc_load("missing.md", DOC_LECTURE);
	CHECK(d != NULL && d->root == NULL && d->msgs.errors == 1);
	CHECK_STR(d->id, "missing");
	doc_free(d);
}

/* ---- model helpers ---- */

static void
test_congress(void)
{
	CHECK_INT(congress_parse("xii"), 12);
	CHECK_INT(congress_parse("XIII"), 13);
	CHECK_INT(congress_parse("ix"), 9);
	CHECK_INT(congress_parse("xx"), 20);
	CHECK_INT(congress_parse("viii"), 0);
	CHECK_INT(congress_parse("xxi"), 0);
	CHECK_INT(congress_parse("iiii"), 0);
	CHECK_INT(congress_parse("xiiii"), 0);
	CHECK_INT(congress_parse(""), 0);
	CHECK_INT(congress_parse("13"), 0);
	CHECK_STR(congress_name(13), "XIII");
	CHECK_STR(congress_name(9), "IX");
	CHECK_STR(congress_name(20), "XX");
	CHECK_STR(congress_name(21), "");
}

/* ---- one body, two formats, and its search text ---- */

static void
test_body(void)
{
	struct doc *a, *b;
	struct pack p;
	struct target t[2];
	struct html_opts o;
	struct body body;
	struct buf out = BUF_INIT;
	struct msgs tm = MSGS_INIT;
	struct theme *theme;
	char *msg;

	WRITE_STR("a.md", "---\ntitle: \"A\"\n---\n\nM\xe1\xbb\x9f [[b]]\n"
	    "\n## Ph\xe1\xba\xa7n {#phan}\n\nD\xc3\xb2ng\\\nhai [[khac|nh\xc3\xa3n]] "
	    "![\xe1\xba\xa2nh](x.png)\n\n---\n");
	WRITE_STR("b.md", "---\ntitle: \"B\xc3\xa0i B\"\n---\n\nN\xe1\xbb\x99i "
	    "dung.\n");
	/* The image is missing: an error, and its alt text is shown. */
	a = doc_load("a.md", DOC_LECTURE);
	msg = msgs_text(&a->msgs);
	CHECK(strstr(msg, "'x.png' not found") != NULL);
	free(msg);
	b = doc_load("b.md", DOC_LECTURE);
	CHECK(a->n_links == 2);
	/* A pack by hand: [[b]] goes to b; [[khac]] to no page of it. */
	memset(&p, 0, sizeof(p));
	memset(t, 0, sizeof(t));
	t[0].w = a->links[0];
	t[0].doc = b;
	t[0].linked = 1;
	t[1].w = a->links[1];
	t[1].doc = b;
	t[1].linked = 0;
	if ((uintptr_t)t[1].w < (uintptr_t)t[0].w) {
		struct target x = t[0];

		t[0] = t[1];
		t[1] = x;
	}
	p.links.v = t;
	p.links.n = 2;
	CHECK_STR(pack_link_label(&p, a->links[0]), "B\xc3\xa0i B");
	CHECK_STR(pack_link_label(&p, a->links[1]), "nh\xc3\xa3n");
	/* The repository's default theme, for the labels. */
	CHECK(chdir(oldcwd) == 0);
	theme = theme_load("default", &tm);
	CHECK(chdir(tmpdir) == 0);
	CHECK(theme != NULL);
	if (theme == NULL)
		return;
	html_opts_init(&o, &p, theme, 13, ".html");
	body_init(&body);
	CHECK(doc_tree_need(a) == 0);
	html_render_body(&body, a, &o);
	/* The page extension is left out, and put in per format; so is
	 * the heading's link to its section, HTML's alone. */
	CHECK(strstr(body.html.data, "href=\"b\"") != NULL);
	/* print.html: the link a fragment of the one page, the section's
	 * id prefixed with the doc's. */
	body_put_one(&out, &body, "a", NULL);
	CHECK(strstr(out.data, "href=\"#b\"") != NULL);
	CHECK(strstr(out.data, " id=\"a.phan\"") != NULL);
	/* ... and the heading's own link goes to that id. */
	CHECK(strstr(out.data, "class=\"heading-anchor\" href=\"#a.phan\"")
	    != NULL);
	buf_clear(&out);
	body_put(&out, &body, ".xhtml");
	CHECK(strstr(out.data, "href=\"b.xhtml\"") != NULL);
	CHECK(strstr(out.data, "heading-anchor") == NULL);
	buf_clear(&out);
	body_put(&out, &body, ".html");
	CHECK(strstr(out.data, "href=\"b.html\"") != NULL);
	CHECK(strstr(out.data, "<h2 id=\"phan\">Ph\xe1\xba\xa7n <a class=\""
	    "heading-anchor\" href=\"#phan\" aria-label=\"Li\xc3\xaan k\xe1"
	    "\xba\xbft \xc4\x91\xe1\xba\xbfn m\xe1\xbb\xa5" "c n\xc3\xa0y\">#</a>"
	    "</h2>") != NULL);
	/* Void elements in XML form, for both formats. */
	CHECK(strstr(out.data, "<br />\n") != NULL);
	CHECK(strstr(out.data, "<hr />\n") != NULL);
	CHECK(strstr(out.data, "nh\xc3\xa3n \xe1\xba\xa2nh") != NULL);
	/* The search text of each section, from the same walk. */
	CHECK(body.n_sections == 2);
	if (body.n_sections == 2) {
		CHECK(body.sections[0].b == NULL);
		CHECK_STR(body.sections[1].b->id, "phan");
		CHECK(body.sections[0].len > 0 && strncmp(body.text.data +
		    body.sections[0].off, "M\xe1\xbb\x9f B\xc3\xa0i B",
		    body.sections[0].len) == 0);
		buf_clear(&out);
		buf_put(&out, body.text.data + body.sections[1].off,
		    body.sections[1].len);
		CHECK_STR(out.data, "D\xc3\xb2ng hai nh\xc3\xa3n \xe1\xba\xa2nh");
	}
	doc_tree_done(a);
	body_release(&body);
	buf_release(&out);
	theme_free(theme);
	msgs_release(&tm);
	doc_free(a);
	doc_free(b);
}

/* ---- render_cover ---- */

/* The width and height in a PNG's IHDR, or 0 when it is no PNG. */
static unsigned long
png_dim(const struct buf *b, int which)
{
	const unsigned char *p = (const unsigned char *)b->data + 16 + 4 * which;

	if (b->len < 24 || memcmp(b->data, "\x89PNG\r\n\x1a\n", 8) != 0)
		return 0;
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static void
test_cover(void)
{
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"600\" height=\"800\"><rect width=\"600\" height=\"400\" "
	    "fill=\"#8a1c14\"/><text x=\"10\" y=\"600\">B\xc3\xac" "a</text></svg>";
	static const char wide[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 4000 100\"/>";
	static const char sizeless[] = "<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\"><rect width=\"5\" height=\"5\"/></svg>";
	struct buf a = BUF_INIT, b = BUF_INIT, why = BUF_INIT;

	/* 1600 px tall at the SVG's aspect ratio, the same bytes twice. */
	CHECK(cover_png(svg, sizeof(svg) - 1, &a, &why) == 0);
	CHECK(png_dim(&a, 0) == 1200 && png_dim(&a, 1) == 1600);
	CHECK(cover_png(svg, sizeof(svg) - 1, &b, &why) == 0);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	CHECK(why.len == 0);
	/* A very wide SVG: COVER_PNG_MAX_WIDTH wide, less tall. */
	buf_clear(&a);
	CHECK(cover_png(wide, sizeof(wide) - 1, &a, &why) == 0);
	CHECK(png_dim(&a, 0) == COVER_PNG_MAX_WIDTH && png_dim(&a, 1) == 64);
	/* No size at all: -1, a reason, and nothing written. */
	buf_clear(&a);
	CHECK(cover_png(sizeless, sizeof(sizeless) - 1, &a, &why) == -1);
	CHECK(a.len == 0 && why.len > 0);
	buf_clear(&why);
	CHECK(cover_png("<svg", 4, &a, &why) == -1);
	CHECK(a.len == 0 && why.len > 0);
	buf_release(&a);
	buf_release(&b);
	buf_release(&why);
}

/* ---- import: suggested marks ---- */

/* import_marks() over name's text; its printed suggestions are
 * discarded.  Returns the text with the marks and notes (caller frees),
 * *n how many. */
static char *
marks_of(const char *name, const char *text, int base, size_t *n)
{
	struct doc *d;
	struct buf out = BUF_INIT;
	int saved;

	write_file(name, text, strlen(text));
	d = doc_load(name, DOC_LECTURE);
	fflush(stdout);
	saved = dup(1);
	if (freopen("/dev/null", "w", stdout) == NULL)
		exit(2);
	*n = import_marks(d, text, strlen(text), base, &out);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	doc_free(d);
	return buf_detach(&out, NULL);
}

static void
test_import_marks(void)
{
	char *got;
	size_t n;

	/* The newest congress named wins; a subsection naming its parent's
	 * congress again gets no mark, one naming another does. */
	got = marks_of("marks.md", "---\ntitle: \"T\"\n---\n\n"
	    "## A\n\nĐại hội XII và Đại hội đại biểu toàn quốc lần thứ XIII.\n\n"
	    "### A1\n\nNghị quyết Đại hội XIII.\n\n"
	    "### A2\n\nnhiệm kỳ 2015 - 2020\n\n"
	    "## B\n\nĐẠI HỘI LẦN THỨ XIV; Đại hội XIIII; Đại hội XX.\n", 0, &n);
	CHECK_INT(n, 3);
	CHECK_STR(got, "---\ntitle: \"T\"\n---\n\n"
	    "## A {.xiii}\n\nĐại hội XII và Đại hội đại biểu toàn quốc lần thứ XIII.\n\n"
	    "### A1\n\nNghị quyết Đại hội XIII.\n\n"
	    "### A2 {.xii}\n\nnhiệm kỳ 2015 - 2020\n\n"
	    "## B {.xiv}\n\nĐẠI HỘI LẦN THỨ XIV; Đại hội XIIII; Đại hội XX.\n");
	free(got);
	/* The baseline is not repeated; footnote text does not count; a
	 * province's congress gets a note at the section's end. */
	got = marks_of("marks.md", "---\ntitle: \"T\"\ncongress: XII\n---\n\n"
	    "## A\n\nĐại hội XII.\n\n"
	    "## B\n\nVăn kiện[^1].\n\n"
	    "## C\n\nĐại hội XX của Đảng bộ tỉnh Bắc Ninh.\n\n"
	    "[^1]: Đại hội XIII.\n", 12, &n);
	CHECK_INT(n, 1);
	CHECK_STR(got, "---\ntitle: \"T\"\ncongress: XII\n---\n\n"
	    "## A\n\nĐại hội XII.\n\n"
	    "## B\n\nVăn kiện[^1].\n\n"
	    "## C\n\nĐại hội XX của Đảng bộ tỉnh Bắc Ninh.\n\n"
	    "[//]: # \"lecturepack import: liên kết gợi ý [[province#…]] — "
	    "\\\"Đại hội XX của Đảng bộ tỉnh Bắc Ninh.\\\"\"\n\n"
	    "[^1]: Đại hội XIII.\n");
	free(got);
	/* Nothing to suggest: nothing written. */
	got = marks_of("marks.md", "## A\n\nKhông có gì.\n", 0, &n);
	CHECK_INT(n, 0);
	CHECK_STR(got, "");
	free(got);
}

/* ---- write_out ---- */

/* The file at o's temporary folder + rel, read into got (NUL-ended). */
static void
outdir_read(const struct outdir *o, const char *rel, char *got, size_t n)
{
	char path[PATH_MAX];
	FILE *f;
	size_t k = 0;

	snprintf(path, sizeof(path), "%s/%s", o->tmp, rel);
	if ((f = fopen(path, "rb")) != NULL) {
		k = fread(got, 1, n - 1, f);
		fclose(f);
	}
	got[k] = '\0';
}

static void
test_outdir(void)
{
	struct outdir o;
	struct outfile f;
	struct iovec parts[3];
	char got[64];

	CHECK(outdir_begin(&o, "od") == 0);
	/* A page written in pieces: one open, the pieces in order. */
	CHECK(outdir_open(&o, "a/p.html", &f) == 0);
	CHECK(outfile_put(&f, "head ", 5) == 0);
	CHECK(outfile_put(&f, "body ", 5) == 0);
	CHECK(outfile_put(&f, "tail", 4) == 0);
	CHECK(outfile_close(&f) == 0);
	outdir_read(&o, "a/p.html", got, sizeof(got));
	CHECK(strcmp(got, "head body tail") == 0);
	/* Closed twice, or written after, it says so. */
	CHECK(outfile_close(&f) == -1);
	CHECK(outfile_put(&f, "z", 1) == -1);
	/* Written again, it starts over; its folder is made. */
	CHECK(outdir_write(&o, "a/p.html", "x", 1) == 0);
	outdir_read(&o, "a/p.html", got, sizeof(got));
	CHECK(strcmp(got, "x") == 0);
	CHECK(outdir_write(&o, "b/q.js", "y", 1) == 0);
	outdir_read(&o, "b/q.js", got, sizeof(got));
	CHECK(strcmp(got, "y") == 0);
	/* A page from its parts, an empty one among them. */
	parts[0].iov_base = (void *)"<head>";
	parts[0].iov_len = 6;
	parts[1].iov_base = (void *)"";
	parts[1].iov_len = 0;
	parts[2].iov_base = (void *)"body</html>";
	parts[2].iov_len = 11;
	CHECK(outdir_writev(&o, "a/p.html", parts, 3) == 0);
	outdir_read(&o, "a/p.html", got, sizeof(got));
	CHECK_STR(got, "<head>body</html>");
	outdir_abort(&o);
	CHECK(access("od", F_OK) == -1);
}

/* struct outseek against a model: random writes (some larger than its
 * buffer) and seeks back, far back and ahead, as libzip makes them;
 * the file must hold what the model does. */
static void
test_outseek(void)
{
	enum { MODEL = 3 * OUTSEEK_BUF };
	unsigned char *model = xcalloc(1, MODEL), *data = xmalloc(MODEL),
	    *got = xmalloc(MODEL + 1);
	struct outseek s;
	size_t size = 0, pos = 0, n, i, k;
	unsigned long r = 12345;
	FILE *f;
	int round, ok = 1;

	for (i = 0; i < MODEL; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	CHECK(outseek_open(&s, "seek.bin") == 0);
	for (round = 0; round < 4000; round++) {
		r = r * 1103515245 + 12345;
		k = (r >> 8) % 100;
		if (k < 60) {		/* a write, mostly small */
			n = k < 2 ? OUTSEEK_BUF + (r >> 16) % 1000 :
			    (r >> 16) % 300;
			if (pos + n > MODEL)
				continue;
			ok &= outseek_write(&s, data + (r >> 20) % 100, n) == 0;
			memcpy(model + pos, data + (r >> 20) % 100, n);
			pos += n;
			if (size < pos)
				size = pos;
		} else if (k < 80) {	/* back to fill in a header */
			n = size ? (r >> 16) % size : 0;
			ok &= outseek_seek(&s, (long long)n, SEEK_SET) == 0;
			pos = n;
		} else if (k < 95) {	/* on to the end */
			ok &= outseek_seek(&s, 0, SEEK_END) == 0;
			pos = size;
		} else {		/* a little back, from here */
			n = pos < 40 ? pos : 40;
			ok &= outseek_seek(&s, -(long long)n, SEEK_CUR) == 0;
			pos -= n;
		}
	}
	CHECK(ok);	/* every write and seek of the rounds */
	CHECK(s.pos == pos);
	/* Before the start: refused, the position kept. */
	CHECK(outseek_seek(&s, -1, SEEK_SET) == -1 && errno == EINVAL);
	CHECK(s.pos == pos);
	CHECK(outseek_close(&s) == 0);
	CHECK(size > OUTSEEK_BUF);
	if ((f = fopen("seek.bin", "rb")) != NULL) {
		CHECK(fread(got, 1, MODEL + 1, f) == size);
		fclose(f);
	} else
		CHECK(!"seek.bin cannot be read");
	CHECK(memcmp(got, model, size) == 0);
	/* A full disk: the first failure stays, close reports it. */
	if (outseek_open(&s, "/dev/full") == 0) {
		CHECK(outseek_write(&s, data, 10) == 0);	/* buffered */
		CHECK(outseek_flush(&s) == -1 && errno == ENOSPC);
		CHECK(outseek_write(&s, data, 10) == -1 && errno == ENOSPC);
		CHECK(outseek_close(&s) == -1 && errno == ENOSPC);
	}
	free(model);
	free(data);
	free(got);
}

/* ---- main ---- */

static const char *const tmp_files[] = {
	"bom.md", "nfd.md", "empty-fm.md", "plain.md", "rule.md", "cr.md",
	"open.md", "cp1258.md", "ctl.md", "plain.yaml", "bai-01.md",
	"Ghi ch\xc3\xba.md", "bad.md", "a.md", "b.md", "marks.md",
	"arena-small.md", "arena-big.md", "seek.bin", NULL
};

int
main(void)
{
	const char *base = getenv("TMPDIR");
	size_t i;

	diag_init();
	if (getcwd(oldcwd, sizeof(oldcwd)) == NULL) {
		perror("getcwd");
		return 2;
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s/lp-unit.XXXXXX",
	    base && *base ? base : "/tmp");
	if (mkdtemp(tmpdir) == NULL || chdir(tmpdir) == -1) {
		perror(tmpdir);
		return 2;
	}

	test_buf();
	test_arena();
	test_slugs();
	test_slug_table();
	test_text();
	test_fold();
	test_search();
	test_escape();
	test_byte_loops();
	test_path();
	test_pack_names();
	test_msgs();
	test_source();
	test_yaml();
	test_doc();
	test_doc_arena();
	test_congress();
	test_body();
	test_cover();
	test_outdir();
	test_outseek();
	test_import_marks();

	for (i = 0; tmp_files[i]; i++)
		if (unlink(tmp_files[i]) == -1 && errno != ENOENT)
			perror(tmp_files[i]);
	if (chdir(oldcwd) == -1 || rmdir(tmpdir) == -1)
		perror(tmpdir);
	printf("unit: %d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
