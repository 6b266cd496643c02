/* render_search.c - the pack's search index and page texts (see .h). */
#include "render_search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "text.h"
#include "xalloc.h"

/* A word of the index, and the scripts holding it (a list through
 * search.posts, in script order). */
struct word {
	char		*text;
	size_t		 len;		/* strlen(text) */
	uint64_t	 key;		/* see fold_word_fn */
	size_t		 first, last;	/* in search.posts */
};

/* A slot of the index's hash table: a word's key, number and last
 * script, so that finding a short word on the page already looks at the
 * slot alone. */
struct slot {
	uint64_t	 key;
	uint32_t	 word;		/* 1 + its number in words, SLOT_LONG
					   added when longer than 8 bytes; 0
					   for a free slot */
	uint32_t	 script;	/* posts[last].script, or SLOT_NONE (a
					   script holds 128 KB: 2^32 of them
					   are never made) */
};

#define SLOT_LONG	UINT32_C(0x80000000)
#define SLOT_NONE	UINT32_MAX

struct post {
	size_t		 script;
	size_t		 next;		/* NONE at the end */
};

#define NONE	((size_t)-1)

struct search {
	struct word	*words;
	size_t		 n_words, cap_words;
	struct slot	*slots;		/* open addressing */
	size_t		 cap_slots;	/* a power of two, 2^bits */
	int		 bits;
	struct post	*posts;
	size_t		 n_posts, cap_posts;
	struct buf	 text;		/* the text script being filled */
	struct buf	 folded;	/* scratch for fold_words_each() */
	struct buf	 scratch;
	size_t		 n_scripts;	/* finished */
};

/* One page being added to the text script. */
struct spage {
	struct search	*s;
	struct buf	*out;
	struct buf	*words;
	struct buf	*text;		/* scratch: one section's text */
	int		 n_rows;
};

static void	slots_grow(struct search *);

struct search *
search_new(void)
{
	struct search *s = xcalloc(1, sizeof(*s));

	buf_init(&s->text);
	buf_init(&s->folded);
	buf_init(&s->scratch);
	/* the first script's memory at once, as script_take() gives the
	 * next ones: no string of reallocs while it fills */
	buf_grow(&s->text, SEARCH_TEXT_BYTES + SEARCH_TEXT_BYTES / 4);
	slots_grow(s);
	return s;
}

void
search_free(struct search *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n_words; i++)
		free(s->words[i].text);
	free(s->words);
	free(s->slots);
	buf_release(&s->text);
	buf_release(&s->folded);
	buf_release(&s->scratch);
	free(s->posts);
	free(s);
}

/*
 * The index's own hash table, not a strmap: fold_words_each() hands over
 * each word with its length and key, which is the word itself for the
 * words of up to 8 bytes (nearly all), so a look-up is a multiplication,
 * a probe and one comparison of numbers; no strlen(), hashing or
 * strcmp().  At most half full.
 */

/* The slot to look for key in first: Fibonacci hashing, which takes the
 * well-mixed high bits of the product. */
static inline size_t
slot_first(const struct search *s, uint64_t key)
{
	return (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >>
	    (64 - s->bits));
}

/* Is slot sl the word w[0..len) of key `key` (len > 8)? */
static inline int
same_long(const struct search *s, const struct slot *sl, const char *w,
    size_t len, uint64_t key)
{
	const struct word *e;

	if (sl->key != key || !(sl->word & SLOT_LONG))
		return 0;
	e = &s->words[(sl->word & ~SLOT_LONG) - 1];
	return e->len == len && memcmp(e->text, w, len) == 0;
}

/* Doubles the table (or makes its first one). */
static void
slots_grow(struct search *s)
{
	struct slot *old = s->slots;
	size_t i, j, mask, n = s->cap_slots;

	s->bits = s->cap_slots ? s->bits + 1 : 10;
	s->cap_slots = (size_t)1 << s->bits;
	s->slots = xcalloc(s->cap_slots, sizeof(*s->slots));
	mask = s->cap_slots - 1;
	for (i = 0; i < n; i++) {
		if (old[i].word == 0)
			continue;
		for (j = slot_first(s, old[i].key); s->slots[j].word != 0;
		    j = (j + 1) & mask)
			;
		s->slots[j] = old[i];
	}
	free(old);
}

/* A new word w[0..len) of the index, at free slot i; returns the slot it
 * is in then. */
static __attribute__((noinline)) struct slot *
word_add(struct search *s, size_t i, const char *w, size_t len,
    uint64_t key)
{
	struct word *e;
	size_t j, mask;

	if (s->n_words >= SLOT_LONG - 1) {	/* 2^31 words: never */
		fputs("lecturepack: fatal: too many words to index\n", stderr);
		exit(1);
	}
	s->words = xgrow(s->words, &s->cap_words, s->n_words + 1,
	    sizeof(*s->words));
	e = &s->words[s->n_words];
	e->text = xmalloc(len + 1);
	memcpy(e->text, w, len + 1);
	e->len = len;
	e->key = key;
	e->first = e->last = NONE;
	s->slots[i].key = key;
	s->slots[i].word = (uint32_t)++s->n_words | (len > 8 ? SLOT_LONG : 0);
	s->slots[i].script = SLOT_NONE;
	if (2 * s->n_words <= s->cap_slots)
		return &s->slots[i];
	slots_grow(s);
	mask = s->cap_slots - 1;
	for (j = slot_first(s, key); s->slots[j].word !=
	    (s->n_words | (len > 8 ? SLOT_LONG : 0)); j = (j + 1) & mask)
		;
	return &s->slots[j];
}

/* Adds the current text script to the list of the word in slot sl. */
static __attribute__((noinline)) void
post_add(struct search *s, struct slot *sl)
{
	struct word *e = &s->words[(sl->word & ~SLOT_LONG) - 1];

	s->posts = xgrow(s->posts, &s->cap_posts, s->n_posts + 1,
	    sizeof(*s->posts));
	s->posts[s->n_posts].script = s->n_scripts;
	s->posts[s->n_posts].next = NONE;
	if (e->last == NONE)
		e->first = s->n_posts;
	else
		s->posts[e->last].next = s->n_posts;
	e->last = s->n_posts++;
	sl->script = (uint32_t)s->n_scripts;
}

/* Notes that word w is in the current text script, whatever its length:
 * note_word() for the long ones and the new ones. */
static __attribute__((noinline)) void
note_word_any(struct search *s, const char *w, size_t len, uint64_t key)
{
	struct slot *sl;
	size_t i, mask = s->cap_slots - 1;

	for (i = slot_first(s, key); (sl = &s->slots[i])->word != 0;
	    i = (i + 1) & mask) {
		if (len <= 8 ? sl->key == key && !(sl->word & SLOT_LONG) :
		    same_long(s, sl, w, len, key)) {
			if (sl->script != (uint32_t)s->n_scripts)
				post_add(s, sl);
			return;
		}
	}
	post_add(s, word_add(s, i, w, len, key));
}

/* Notes that word w (a fold_word_fn) is in the current text script.
 * Most words are short and on the page already: for them this is a probe
 * and a comparison of keys in the slot (a short word is its key), with
 * no call but tail calls (and so no registers to save). */
static void
note_word(void *arg, const char *w, size_t len, uint64_t key)
{
	struct search *s = arg;
	const struct slot *sl;
	size_t i, mask = s->cap_slots - 1;

	if (len > 8) {
		note_word_any(s, w, len, key);
		return;
	}
	for (i = slot_first(s, key); (sl = &s->slots[i])->word != 0;
	    i = (i + 1) & mask) {
		if (sl->key == key && !(sl->word & SLOT_LONG)) {
			if (sl->script != (uint32_t)s->n_scripts)
				post_add(s, &s->slots[i]);
			return;
		}
	}
	note_word_any(s, w, len, key);
}

/* A JSON string of s[0..len) (NUL-terminated there), which the index can
 * find by its words.  Folding has looked at every byte already: when it
 * found none that esc_json_str() would change (nearly always), the text
 * goes out as it is. */
static void
put_str(struct spage *pg, const char *str, size_t len)
{
	int plain;

	buf_clear(pg->words);
	fold_words_each(pg->words, str, len, note_word, pg->s, &plain);
	if (!plain) {
		esc_json_str(pg->out, str);
		return;
	}
	buf_grow(pg->out, len + 2);
	pg->out->data[pg->out->len] = '"';
	memcpy(pg->out->data + pg->out->len + 1, str, len);
	pg->out->data[pg->out->len + 1 + len] = '"';
	pg->out->len += len + 2;
	pg->out->data[pg->out->len] = '\0';
}

/* Writes one section, [anchor, title, text], when it has anything: t,
 * len bytes, has a NUL at t[len] (see struct body_section). */
static void
section(struct spage *pg, const struct block *b, const char *t, size_t len)
{
	const char *title = b ? b->title : "";

	if (len > 0 && t[len - 1] == ' ') {
		/* Rare: a copy without the space, to end the string. */
		buf_clear(pg->text);
		buf_put(pg->text, t, --len);
		t = pg->text->data;
	}
	if (len == 0 && *title == '\0')
		return;
	buf_puts(pg->out, pg->n_rows++ ? ",\n[" : "\n[");
	esc_json_str(pg->out, b && b->id ? b->id : "");
	buf_putc(pg->out, ',');
	put_str(pg, title, strlen(title));
	buf_putc(pg->out, ',');
	put_str(pg, t, len);
	buf_putc(pg->out, ']');
}

/* Writes the page's header text: as the start of its first section when
 * that is the text before any heading (it comes right after the header),
 * else as a section of its own.  Returns the sections it used up. */
static size_t
head_section(struct spage *pg, const char *head, const struct body *body)
{
	struct buf t = BUF_INIT;
	size_t used = 0;

	buf_puts(&t, head);
	if (body->n_sections > 0 && body->sections[0].b == NULL) {
		buf_putc(&t, ' ');
		buf_put(&t, body->text.data + body->sections[0].off,
		    body->sections[0].len);
		used = 1;
	}
	section(pg, NULL, t.data, t.len);
	buf_release(&t);
	return used;
}

/* Appends the finished text script to `script`, and empties it.  Into an
 * empty `script` the buffer itself is handed over, not copied, and the
 * next script gets new memory of about its size at once. */
static void
script_take(struct search *s, struct buf *script)
{
	struct buf t;

	if (script->len > 0) {
		buf_put(script, s->text.data, s->text.len);
		buf_clear(&s->text);
		return;
	}
	t = *script;
	*script = s->text;
	s->text = t;
	buf_grow(&s->text, SEARCH_TEXT_BYTES + SEARCH_TEXT_BYTES / 4);
}

int
search_page(struct search *s, const struct doc *d, const struct body *body,
    const char *href, const char *head, int last, struct buf *script)
{
	struct spage pg = { s, &s->text, &s->folded, &s->scratch, 0 };
	size_t i = 0;

	if (s->text.len == 0)
		buf_printf(&s->text, "/* Search texts of pages, made by "
		    "lecturepack. */\nwindow.lpSearchText(%zu, [\n",
		    s->n_scripts);
	else
		buf_puts(&s->text, ",\n");
	buf_puts(&s->text, "{\"href\":");
	esc_json_str(&s->text, href);
	buf_puts(&s->text, ",\"title\":");
	put_str(&pg, d->title, strlen(d->title));
	buf_puts(&s->text, ",\"sections\":[");
	if (head)
		i = head_section(&pg, head, body);
	for (; i < body->n_sections; i++)
		section(&pg, body->sections[i].b, body->text.data +
		    body->sections[i].off, body->sections[i].len);
	if (pg.n_rows == 0)	/* still found by its title */
		buf_puts(&s->text, "\n[\"\",\"\",\"\"]");
	buf_puts(&s->text, "\n]}");
	if (!last && s->text.len < SEARCH_TEXT_BYTES)
		return -1;
	buf_puts(&s->text, "]);\n");
	script_take(s, script);
	return (int)s->n_scripts++;
}

struct sorted {
	const char	*word;
	const struct word *w;
};

static int
cmp_sorted(const void *a, const void *b)
{
	return strcmp(((const struct sorted *)a)->word,
	    ((const struct sorted *)b)->word);
}

/* A script number in base 36, `width` digits. */
static void
put_number(struct buf *out, size_t n, int width)
{
	char d[16];
	int i;

	for (i = width - 1; i >= 0; i--) {
		d[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36];
		n /= 36;
	}
	buf_put(out, d, (size_t)width);
}

void
search_index(const struct search *s, struct buf *out)
{
	struct sorted *v = xmalloc((s->n_words ? s->n_words : 1) * sizeof(*v));
	size_t i, p, max;
	int width = 1;

	for (max = 36; max < s->n_scripts && width < 12; max *= 36)
		width++;
	for (i = 0; i < s->n_words; i++) {
		v[i].word = s->words[i].text;
		v[i].w = &s->words[i];
	}
	qsort(v, s->n_words, sizeof(*v), cmp_sorted);

	buf_printf(out, "/* The search index of this pack, made by lecturepack."
	    "  \"words\" holds, sorted\n * and space-separated, each folded"
	    " word, ':', and the numbers N of the\n * text scripts"
	    " (assets/search/N.js) that hold it, \"width\" base-36 digits"
	    "\n * each. */\nwindow.LP_SEARCH = {\"scripts\":%zu,\n"
	    "\"width\":%d,\n\"words\":\"", s->n_scripts, width);
	for (i = 0; i < s->n_words; i++) {
		if (i > 0)
			buf_putc(out, ' ');
		buf_puts(out, v[i].word);	/* no '"', '\\', ' ', ':' */
		buf_putc(out, ':');
		for (p = v[i].w->first; p != NONE; p = s->posts[p].next)
			put_number(out, s->posts[p].script, width);
	}
	buf_puts(out, "\"};\n");
	free(v);
}
