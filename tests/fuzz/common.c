/* common.c - the fuzz targets' repository, pipeline and output checks.
 *
 * The checks need no XML parser: every byte of user text reaches the
 * output through escape.c, so any '<' in it must open a tag the renderer
 * writes, every '&' must start one of the entities it writes, and the
 * tags must nest.  What is checked (each with a name, see violation()):
 *
 *   markup     tags nest and close; XHTML void elements end in "/>"; no
 *              raw '<' or '>' in text; quoted attributes, none twice
 *   entity     '&' starts &amp; &lt; &gt; &quot; &#39; or &#N;
 *   utf8       the output is valid UTF-8
 *   chars      XML 1.0 characters only (no C0 controls but tab and
 *              newline, no DEL)
 *   nonchars   nor U+FFFE or U+FFFF (not XML characters either)
 *   tags       lecture bodies use only the elements the renderer knows;
 *              no <script>, <iframe>, <object>, ... anywhere
 *   attrs      no on* handlers; body attributes from a known list
 *   url        href: no scheme but http, https, mailto, tel, none
 *              scheme-relative (//host, ///path); src: no
 *              scheme and no "//host" (packs use no network resource)
 *   json, csv  the report parses; CSV rows have the header's field count
 *   search     the HTML pack's search scripts (the index and the text
 *              scripts) hold JSON that parses
 *
 * and, for inputs that caused no diagnostic at all ("strict"):
 *
 *   ids        no id twice on one page
 *   links      a "#frag" names an id of its page; "page.html#frag" names
 *              a page of the pack and an id on it; report links too
 *   embed-links  the same for links inside an embedded note section
 *   images     every src is media/ + the pack name of an image of a
 *              pack doc
 *
 * When the pack has no error, it is also written as `build` writes it
 * (pages_write, epub_write) and every HTML, XHTML and XML file in it is
 * checked the same way, with its links: every relative href and src
 * must name a file of the pack, and its fragment an id in that file.
 *
 * LP_FUZZ_IGNORE=name,name turns checks off, so that fuzzing can go on
 * past a known bug until it is fixed; LP_FUZZ_NO_PACKS=1 skips writing
 * the packs (faster); LP_FUZZ_SKIP_BROKEN=1 renders only the docs that
 * loaded without error, as `build` does (every doc is rendered by
 * default: the renderer should cope with whatever the loader made).  LP_FUZZ_VERBOSE=1 shows the
 * diagnostics, which are otherwise swallowed. */
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "buf.h"
#include "diag.h"
#include "load_repo.h"
#include "render_html.h"
#include "render_pack.h"
#include "render_report.h"
#include "resolve_links.h"
#include "load_doc.h"
#include "resolve_marks.h"
#include "theme.h"

static FILE		*log_out;	/* the real standard error */
static char		*repo_dir;	/* the temporary repository */
static struct theme	*theme;
static const char	*ignore;
static int		 no_packs;	/* LP_FUZZ_NO_PACKS: bodies only */
static int		 skip_broken;	/* LP_FUZZ_SKIP_BROKEN */
static struct msgs	 theme_msgs;	/* the theme's, from fuzz_init() */
static int		 pack_noise;	/* messages of the packs resolved */

/* ---- the repository ---- */

static const char note_province[] =
"---\n"
"title: \"Nghị quyết Đại hội Đảng bộ tỉnh A (minh họa), nhiệm kỳ 2020–2025\"\n"
"level: province\n"
"locality: \"Tỉnh A\"\n"
"term: 2020-2025\n"
"---\n"
"## Kinh tế {#kinh-te}\n"
"\n"
"Tăng trưởng bình quân 8%/năm (số liệu minh họa).\n"
"\n"
"## Xây dựng Đảng {#xay-dung-dang}\n"
"\n"
"Kết nạp đảng viên mới, xem [mục kinh tế](#kinh-te).\n";

static const char note_district[] =
"---\n"
"title: \"Nghị quyết Đại hội Đảng bộ huyện B (minh họa), nhiệm kỳ 2020–2025\"\n"
"level: district\n"
"locality: \"Huyện B\"\n"
"parent: tinh-a\n"
"term: 2020-2025\n"
"---\n"
"## Kinh tế {#kinh-te}\n"
"\n"
"Thu nhập bình quân đầu người tăng. Xem [[tinh-a#kinh-te]].\n"
"\n"
"![hình](../images/hinh.png)\n"
"\n"
"## Xây dựng Đảng {#xay-dung-dang}\n"
"\n"
"![[tinh-a#xay-dung-dang]]\n";

/* A district of another province: links to it are pack errors. */
static const char note_other_province[] =
"---\n"
"title: \"Nghị quyết Đại hội Đảng bộ tỉnh X (minh họa)\"\n"
"level: province\n"
"term: 2020-2025\n"
"---\n"
"## Kinh tế {#kinh-te}\n"
"\n"
"Nội dung minh họa.\n";

static const char note_other_district[] =
"---\n"
"title: \"Nghị quyết Đại hội Đảng bộ huyện C (minh họa)\"\n"
"level: district\n"
"parent: tinh-x\n"
"term: 2020-2025\n"
"---\n"
"## Kinh tế {#kinh-te}\n"
"\n"
"Nội dung minh họa.\n";

static const char lecture_sample[] =
"---\n"
"title: \"Bài mẫu\"\n"
"authors: [Nguyễn Văn An]\n"
"hours: 2\n"
"updated: 2024-06-23\n"
"congress: XII\n"
"---\n"
"## Mục tiêu chung {.xiii}\n"
"\n"
"Nội dung bài mẫu, xem [[province#kinh-te]] và\n"
"[[district#kinh-te|mục tiêu của huyện]].\n"
"\n"
"![[district#kinh-te]]\n"
"\n"
"::: {#khoi .xii}\n"
"Nội dung cũ.\n"
":::\n"
"\n"
"## Phần hai\n"
"\n"
"Xem [mục tiêu](#muc-tieu-chung).\n";

/* A tiny PNG and SVG: the loader checks their first bytes and parses
 * the SVG (load_image.c). */
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};
static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";

static void
die(const char *what)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, strerror(errno));
	exit(2);
}

void
fuzz_write(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	const char *p = data;
	ssize_t w;

	if (fd == -1)
		die(path);
	while (n > 0) {
		if ((w = write(fd, p, n)) <= 0)
			die(path);
		p += w;
		n -= (size_t)w;
	}
	close(fd);
}

static void
copy_tree(const char *from, const char *to)
{
	DIR *dp;
	struct dirent *de;
	struct stat st;
	char src[4096], dst[4096], data[65536];
	int in, out;
	ssize_t n;

	if (mkdir(to, 0755) == -1 && errno != EEXIST)
		die(to);
	if ((dp = opendir(from)) == NULL)
		die(from);
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(src, sizeof(src), "%s/%s", from, de->d_name);
		snprintf(dst, sizeof(dst), "%s/%s", to, de->d_name);
		if (stat(src, &st) == -1)
			die(src);
		if (S_ISDIR(st.st_mode)) {
			copy_tree(src, dst);
			continue;
		}
		if ((in = open(src, O_RDONLY)) == -1)
			die(src);
		if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
			die(dst);
		while ((n = read(in, data, sizeof(data))) > 0)
			if (write(out, data, (size_t)n) != n)
				die(dst);
		close(in);
		close(out);
	}
	closedir(dp);
}

static void
cleanup(void)
{
	if (repo_dir) {
		remove_tree(repo_dir);
		free(repo_dir);
		repo_dir = NULL;
	}
}

/* Makes libFuzzer's path arguments absolute: the target then changes
 * into its temporary repository, where relative paths would be lost. */
static void
absolute_args(int *argc, char ***argv, const char *cwd)
{
	static const char *const flags[] = { "-artifact_prefix=",
	    "-exact_artifact_path=", "-dict=", NULL };
	static char **v;
	const char *arg, *path;
	size_t pre, n;
	int i, k;

	if ((v = calloc((size_t)*argc + 1, sizeof(*v))) == NULL)
		abort();
	for (i = 0; i < *argc; i++) {
		arg = (*argv)[i];
		v[i] = (*argv)[i];
		pre = 0;
		/* libFuzzer wants argv[0] as it was: to minimise a crash,
		 * start the target by an absolute path. */
		if (i == 0)
			continue;
		if (arg[0] == '-') {
			for (k = 0; flags[k]; k++)
				if (strncmp(arg, flags[k],
				    strlen(flags[k])) == 0)
					pre = strlen(flags[k]);
			if (pre == 0)
				continue;
		}
		path = arg + pre;
		if (path[0] == '/' || path[0] == '\0')
			continue;
		n = pre + strlen(cwd) + strlen(path) + 2;
		if ((v[i] = malloc(n)) == NULL)
			abort();
		snprintf(v[i], n, "%.*s%s/%s", (int)pre, arg, cwd, path);
	}
	*argv = v;
}

void
fuzz_setup(int *argc, char ***argv)
{
	char themes[4096], tmpl[4096], cwd[4096];
	const char *t = getenv("LP_FUZZ_THEMES"), *tmp = getenv("TMPDIR");

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		die("getcwd");
	absolute_args(argc, argv, cwd);
	if (t)
		snprintf(themes, sizeof(themes), "%s", t);
	else
		snprintf(themes, sizeof(themes), "%s/themes", cwd);
	snprintf(tmpl, sizeof(tmpl), "%s/lp-fuzz-XXXXXX", tmp && *tmp ? tmp :
	    "/tmp");
	if (tmp && *tmp && mkdir(tmp, 0755) == -1 && errno != EEXIST)
		die(tmp);
	if (mkdtemp(tmpl) == NULL)
		die(tmpl);
	repo_dir = strdup(tmpl);
	atexit(cleanup);
	if (chdir(repo_dir) == -1)
		die(repo_dir);
	if (mkdir("lectures", 0755) == -1 ||
	    mkdir("lectures/notes", 0755) == -1 ||
	    mkdir("lectures/images", 0755) == -1 ||
	    mkdir("curricula", 0755) == -1)
		die("mkdir");
	fuzz_write("lectures/notes/tinh-a.md", note_province,
	    sizeof(note_province) - 1);
	fuzz_write("lectures/notes/huyen-b.md", note_district,
	    sizeof(note_district) - 1);
	fuzz_write("lectures/notes/tinh-x.md", note_other_province,
	    sizeof(note_other_province) - 1);
	fuzz_write("lectures/notes/huyen-c.md", note_other_district,
	    sizeof(note_other_district) - 1);
	fuzz_write("lectures/bai-mau.md", lecture_sample,
	    sizeof(lecture_sample) - 1);
	fuzz_write("lectures/images/hinh.png", png, sizeof(png));
	fuzz_write("lectures/images/so-do.svg", svg, sizeof(svg) - 1);
	copy_tree(themes, "themes");

	/* Diagnostics are kept in lists and never shown; the sanitizers
	 * and libFuzzer write to the real standard error (fd 2), and a
	 * system error is printed at once, so stdio's stderr is pointed at
	 * /dev/null. */
	log_out = fdopen(dup(STDERR_FILENO), "w");
	if (log_out == NULL)
		die("dup");
	setvbuf(log_out, NULL, _IONBF, 0);
	if (getenv("LP_FUZZ_VERBOSE") == NULL) {
		if ((stderr = fopen("/dev/null", "w")) == NULL)
			die("/dev/null");
	}
	ignore = getenv("LP_FUZZ_IGNORE");
	no_packs = getenv("LP_FUZZ_NO_PACKS") != NULL;
	skip_broken = getenv("LP_FUZZ_SKIP_BROKEN") != NULL;
	if (mkdir("out", 0755) == -1)
		die("out");
	if ((theme = theme_load("default", &theme_msgs)) == NULL) {
		fprintf(log_out, "fuzz: cannot load the theme copied from "
		    "%s\n", themes);
		exit(2);
	}
}

void
fuzz_begin(void)
{
	pack_noise = 0;
}

/* ---- reporting a violation ---- */

static int
ignored(const char *check)
{
	const char *p = ignore;
	size_t n = strlen(check);

	while (p && *p) {
		size_t w = strcspn(p, ",");

		if (w == n && strncmp(p, check, n) == 0)
			return 1;
		p += w + (p[w] == ',');
	}
	return 0;
}

static void
violation(const char *check, const char *what, const char *s, size_t len,
    size_t at, const char *msg, const char *arg)
{
	size_t from, to;

	if (ignored(check)) {
		if (getenv("LP_FUZZ_VERBOSE"))
			fprintf(log_out, "fuzz: ignored check '%s' in %s\n",
			    check, what);
		return;
	}
	from = at > 80 ? at - 80 : 0;
	to = at + 80 < len ? at + 80 : len;
	fprintf(log_out, "fuzz: check '%s' failed in %s at byte %zu: ", check,
	    what, at);
	fprintf(log_out, msg, arg ? arg : "");
	fprintf(log_out, "\n----\n%.*s\n----\n", (int)(to - from), s + from);
	__builtin_trap();
}

/* ---- string sets ---- */

struct strv {
	char	**v;
	size_t	 n, cap;
};

static void
strv_add(struct strv *sv, const char *s, size_t n)
{
	char *c;

	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 16;
		sv->v = realloc(sv->v, sv->cap * sizeof(*sv->v));
		if (sv->v == NULL)
			abort();
	}
	if ((c = malloc(n + 1)) == NULL)
		abort();
	memcpy(c, s, n);
	c[n] = '\0';
	sv->v[sv->n++] = c;
}

static int
strv_has(const struct strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

static void
strv_free(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

/* ---- characters and entities ---- */

/* Decodes one UTF-8 sequence; returns its length, 0 when invalid
 * (overlong, surrogate, past U+10FFFF, cut short). */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static int
xml_char(uint32_t c)
{
	return c == '\t' || c == '\n' || (c >= 0x20 && c != 0x7f &&
	    c != 0xfffe && c != 0xffff);
}

/* Checks the character at s[i] (UTF-8; an XML character when `xml`);
 * returns its length. */
static size_t
check_char(const char *what, const char *s, size_t len, size_t i, int xml)
{
	uint32_t cp;
	size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp);

	if (n == 0) {
		violation("utf8", what, s, len, i, "invalid UTF-8%s", NULL);
		return 1;
	}
	if (xml && !xml_char(cp)) {
		char hex[16];

		snprintf(hex, sizeof(hex), "U+%04X", (unsigned)cp);
		violation(cp >= 0xfffe ? "nonchars" : "chars", what, s, len, i,
		    "%s is not allowed in XHTML", hex);
	}
	return n;
}

/* Checks the entity at s[i] == '&'; returns its length and appends the
 * character it stands for to out (when not NULL). */
static size_t
check_entity(const char *what, const char *s, size_t len, size_t i,
    struct buf *out)
{
	static const struct { const char *name; char ch; } named[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' }
	};
	size_t k, j;
	unsigned long v = 0;
	int hex;

	for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
		size_t n = strlen(named[k].name);

		if (len - i >= n && memcmp(s + i, named[k].name, n) == 0) {
			if (out)
				buf_putc(out, named[k].ch);
			return n;
		}
	}
	j = i + 1;
	if (j < len && s[j] == '#') {
		j++;
		hex = j < len && (s[j] == 'x' || s[j] == 'X');
		j += hex;
		for (k = j; k < len && k < j + 8; k++) {
			int ch = (unsigned char)s[k], d;

			if (ch >= '0' && ch <= '9')
				d = ch - '0';
			else if (hex && ch >= 'a' && ch <= 'f')
				d = ch - 'a' + 10;
			else if (hex && ch >= 'A' && ch <= 'F')
				d = ch - 'A' + 10;
			else
				break;
			v = v * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (k > j && k < len && s[k] == ';') {
			if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ||
			    !xml_char((uint32_t)v))
				violation("chars", what, s, len, i,
				    "character reference to a character not "
				    "allowed in XHTML%s", NULL);
			if (out && v < 0x80)
				buf_putc(out, (int)v);
			else if (out)
				buf_putc(out, '?');
			return k + 1 - i;
		}
	}
	violation("entity", what, s, len, i, "'&' does not start an entity%s",
	    NULL);
	return 1;
}

/* ---- markup ---- */

struct markup {
	const char	*what;		/* for messages */
	const char	*s;
	size_t		 len;
	int		 xhtml;
	int		 body;		/* a lecture body, not a whole page */
	int		 doc;		/* a pack file: XML names, prolog */
	int		 xml;		/* OPF, NCX: no HTML void elements */
	int		 scripts;	/* <script src> allowed (HTML pack) */
	const char	*media;		/* the image prefix (body) */
	struct strv	 ids;		/* id attributes, in order */
	struct strv	 hrefs;		/* decoded href values */
	struct strv	 embed_hrefs;	/* the same, inside an embed */
	int		 in_aside;	/* open <aside> elements (embeds) */
	struct strv	 srcs;		/* decoded src values */
};

static const char *const body_tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "div", "aside",
	"a", "img", "ul", "ol", "li", "pre", "code", "blockquote", "em",
	"strong", "br", "hr", "sup", "del", "span", "figure", "figcaption",
	"table", "thead", "tbody", "tr", "th", "td", NULL
};

static const char *const body_attrs[] = {
	"id", "class", "href", "src", "alt", "title", "start",
	"data-congress", "data-status", "data-level", "data-note",
	"role", "aria-label", "epub:type", "style", NULL
};

/* Never in any output (the page's own <style> aside). */
static const char *const bad_tags[] = {
	"iframe", "frame", "frameset", "object", "embed", "applet", "form",
	"base", "template", "audio", "video", "source", "track", "portal",
	NULL
};

static const char *const void_tags[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "source", "track", "wbr", NULL
};

static int
in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncmp(*list, s, n) == 0)
			return 1;
	return 0;
}

/* HTML as we write it: lower case; XML files (OPF, NCX): any case,
 * with prefixes (dc:title, epub:type); an EPUB page's body: epub:type
 * too (footnotes). */
static int
is_name_char(const struct markup *m, int ch, int first)
{
	if ((ch >= 'a' && ch <= 'z') || (!first && ((ch >= '0' &&
	    ch <= '9') || ch == '-')))
		return 1;
	if (!first && ch == ':' && m->xhtml)
		return 1;
	return m->doc && ((ch >= 'A' && ch <= 'Z') || ch == '_' ||
	    (!first && (ch == ':' || ch == '.')));
}

/* Decodes an attribute value's entities into out. */
static void
attr_decode(struct markup *m, size_t from, size_t to, struct buf *out)
{
	size_t i = from;

	while (i < to) {
		if (m->s[i] == '&')
			i += check_entity(m->what, m->s, m->len, i, out);
		else
			buf_putc(out, m->s[i++]);
	}
}

/* An href or src as a browser reads it: ASCII tab and newline removed
 * everywhere, leading spaces and controls too. */
static void
check_url(struct markup *m, int is_src, const char *v, size_t at)
{
	struct buf u = BUF_INIT;
	const unsigned char *p = (const unsigned char *)v;
	size_t i, n;

	while (*p && *p <= 0x20)
		p++;
	for (; *p; p++)
		if (*p != '\t' && *p != '\n' && *p != '\r')
			buf_putc(&u, *p);
	n = 0;
	if ((u.data[0] | 0x20) >= 'a' && (u.data[0] | 0x20) <= 'z') {
		for (i = 1; i < u.len; i++) {
			int ch = (unsigned char)u.data[i];

			if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') &&
			    !(ch >= '0' && ch <= '9') && ch != '+' &&
			    ch != '-' && ch != '.')
				break;
		}
		if (i < u.len && u.data[i] == ':')
			n = i;
	}
	if (is_src && n > 0)
		violation("url", m->what, m->s, m->len, at, "src with a "
		    "scheme: '%s'", u.data);
	else if (is_src && (u.data[0] == '/' || u.data[0] == '\\'))
		violation("url", m->what, m->s, m->len, at, "src not "
		    "relative: '%s'", u.data);
	else if ((u.data[0] == '/' || u.data[0] == '\\') &&
	    (u.data[1] == '/' || u.data[1] == '\\'))
		violation("url", m->what, m->s, m->len, at, "scheme-relative "
		    "URL '%s'", u.data);
	else if (n > 0 && !(n == 4 && strncasecmp(u.data, "http", 4) == 0) &&
	    !(n == 5 && strncasecmp(u.data, "https", 5) == 0) &&
	    !(n == 6 && strncasecmp(u.data, "mailto", 6) == 0) &&
	    !(n == 3 && strncasecmp(u.data, "tel", 3) == 0))
		violation("url", m->what, m->s, m->len, at, "unsafe URL "
		    "'%s'", u.data);
	buf_release(&u);
}

/* Parses one start tag at m->s[i] == '<'; returns the index after it.
 * Sets *name, *nlen and *closed (ended by "/>"). */
static size_t
start_tag(struct markup *m, size_t i, size_t *name, size_t *nlen,
    int *closed)
{
	const char *s = m->s;
	size_t j = i + 1, an, al, k, vstart, n_attrs = 0;
	size_t attr_at[64], attr_len[64];
	struct buf v = BUF_INIT;

	*name = j;
	while (j < m->len && is_name_char(m, (unsigned char)s[j], j == i + 1))
		j++;
	*nlen = j - *name;
	*closed = 0;
	if (*nlen == 0) {
		violation("markup", m->what, s, m->len, i, "raw '<' in "
		    "text%s", NULL);
		return i + 1;
	}
	if (in_list(bad_tags, s + *name, *nlen) ||
	    (*nlen == 6 && memcmp(s + *name, "script", 6) == 0 &&
	    !m->scripts) ||
	    (m->body && !in_list(body_tags, s + *name, *nlen))) {
		char t[32];

		snprintf(t, sizeof(t), "%.*s", (int)(*nlen < 20 ? *nlen : 20),
		    s + *name);
		violation("tags", m->what, s, m->len, i, "element <%s>", t);
	}
	for (;;) {
		size_t ws = j;

		while (j < m->len && (s[j] == ' ' || s[j] == '\n'))
			j++;
		if (j >= m->len) {
			violation("markup", m->what, s, m->len, i, "tag not "
			    "closed%s", NULL);
			break;
		}
		if (s[j] == '>') {
			j++;
			break;
		}
		if (s[j] == '/' && j + 1 < m->len && s[j + 1] == '>') {
			*closed = 1;
			j += 2;
			break;
		}
		if (j == ws) {
			violation("markup", m->what, s, m->len, j, "no space "
			    "before an attribute%s", NULL);
			break;
		}
		an = j;
		while (j < m->len && (is_name_char(m, (unsigned char)s[j],
		    j == an) || (s[j] == ':' && j > an)))
			j++;
		al = j - an;
		/* HTML has boolean attributes (<script defer>); XML not. */
		if (!m->xhtml && al > 0 && j < m->len && (s[j] == ' ' ||
		    s[j] == '\n' || s[j] == '>')) {
			for (k = 0; k < n_attrs; k++)
				if (attr_len[k] == al &&
				    memcmp(s + attr_at[k], s + an, al) == 0)
					violation("markup", m->what, s, m->len,
					    an, "attribute written twice%s",
					    NULL);
			if (n_attrs < 64) {
				attr_at[n_attrs] = an;
				attr_len[n_attrs++] = al;
			}
			continue;
		}
		if (al == 0 || j + 1 >= m->len || s[j] != '=' ||
		    s[j + 1] != '"') {
			violation("markup", m->what, s, m->len, j, "attribute "
			    "not written name=\"value\"%s", NULL);
			break;
		}
		for (k = 0; k < n_attrs; k++)
			if (attr_len[k] == al &&
			    memcmp(s + attr_at[k], s + an, al) == 0)
				violation("markup", m->what, s, m->len, an,
				    "attribute written twice%s", NULL);
		if (n_attrs < 64) {
			attr_at[n_attrs] = an;
			attr_len[n_attrs++] = al;
		}
		if (al > 2 && s[an] == 'o' && s[an + 1] == 'n')
			violation("attrs", m->what, s, m->len, an, "event "
			    "handler attribute%s", NULL);
		if (m->body && !in_list(body_attrs, s + an, al))
			violation("attrs", m->what, s, m->len, an, "unknown "
			    "attribute%s", NULL);
		j += 2;
		vstart = j;
		while (j < m->len && s[j] != '"') {
			if (s[j] == '<')
				violation("markup", m->what, s, m->len, j,
				    "'<' in an attribute value%s", NULL);
			j++;
		}
		if (j >= m->len) {
			violation("markup", m->what, s, m->len, vstart,
			    "attribute value not closed%s", NULL);
			break;
		}
		buf_clear(&v);
		attr_decode(m, vstart, j, &v);
		if (al == 4 && memcmp(s + an, "href", 4) == 0) {
			/* Only <a> may lead to the network; a <link>, an
			 * OPF <item> or a NCX entry names a resource. */
			check_url(m, !(*nlen == 1 && s[*name] == 'a'), v.data,
			    vstart);
			strv_add(m->in_aside ? &m->embed_hrefs : &m->hrefs,
			    v.data, v.len);
		} else if (al == 3 && memcmp(s + an, "src", 3) == 0) {
			check_url(m, 1, v.data, vstart);
			strv_add(&m->srcs, v.data, v.len);
		} else if (al == 2 && memcmp(s + an, "id", 2) == 0)
			strv_add(&m->ids, v.data, v.len);
		else if (m->body && al == 5 &&
		    memcmp(s + an, "style", 5) == 0 &&
		    strcmp(v.data, "text-align: left") != 0 &&
		    strcmp(v.data, "text-align: center") != 0 &&
		    strcmp(v.data, "text-align: right") != 0)
			/* Only a table column's alignment is written. */
			violation("attrs", m->what, s, m->len, vstart,
			    "style '%s'", v.data);
		j++;
	}
	buf_release(&v);
	return j;
}

/* Checks m->s; fills m->ids, m->hrefs and m->srcs. */
static void
markup_check(struct markup *m)
{
	const char *s = m->s;
	size_t i = 0, name, nlen, sp = 0, cap = 0, j;
	size_t *stack = NULL, *slen = NULL;
	int closed, is_void;
	const char *e;

	/* A file may open with an XML declaration and a DOCTYPE. */
	if (!m->body && strncmp(s, "<?xml ", 6) == 0 &&
	    (e = strstr(s, "?>")) != NULL)
		i = (size_t)(e - s) + 2;
	while (!m->body && i < m->len && s[i] == '\n')
		i++;
	if (!m->body && strncmp(s + i, "<!DOCTYPE ", 10) == 0 &&
	    (e = memchr(s + i, '>', m->len - i)) != NULL)
		i = (size_t)(e - s) + 1;
	while (i < m->len) {
		char ch = s[i];

		if (ch == '&') {
			i += check_entity(m->what, s, m->len, i, NULL);
			continue;
		}
		if (ch == '>') {
			violation("markup", m->what, s, m->len, i, "raw '>' in "
			    "text%s", NULL);
			i++;
			continue;
		}
		if (ch != '<') {
			i += check_char(m->what, s, m->len, i, 1);
			continue;
		}
		if (i + 1 < m->len && s[i + 1] == '/') {
			name = i + 2;
			for (j = name; j < m->len &&
			    is_name_char(m, (unsigned char)s[j], j == name); j++)
				;
			nlen = j - name;
			if (j >= m->len || s[j] != '>' || nlen == 0) {
				violation("markup", m->what, s, m->len, i,
				    "bad end tag%s", NULL);
				i++;
				continue;
			}
			if (sp == 0 || slen[sp - 1] != nlen ||
			    memcmp(s + stack[sp - 1], s + name, nlen) != 0) {
				char t[32];

				snprintf(t, sizeof(t), "%.*s", (int)(sp &&
				    slen[sp - 1] < 20 ? slen[sp - 1] : 0),
				    sp ? s + stack[sp - 1] : "");
				violation("markup", m->what, s, m->len, i,
				    "end tag does not close the open <%s>", t);
			} else {
				sp--;
				if (nlen == 5 && memcmp(s + name, "aside", 5) == 0)
					m->in_aside--;
			}
			i = j + 1;
			continue;
		}
		if (s[i + 1] == '!') {
			violation("markup", m->what, s, m->len, i, "comment or "
			    "declaration in the output%s", NULL);
			i++;
			continue;
		}
		i = start_tag(m, i, &name, &nlen, &closed);
		if (nlen == 0)
			continue;
		is_void = !m->xml && in_list(void_tags, s + name, nlen);
		if (m->xhtml && is_void && !closed)
			violation("markup", m->what, s, m->len, name - 1,
			    "void element not closed with '/>'%s", NULL);
		if (!m->xhtml && closed && !is_void)
			violation("markup", m->what, s, m->len, name - 1,
			    "'/>' on an element that is not void%s", NULL);
		if (closed || (!m->xhtml && is_void))
			continue;
		if (nlen == 6 && memcmp(s + name, "script", 6) == 0) {
			/* The theme's own files only: no inline code. */
			if (strncmp(s + i, "</script>", 9) != 0)
				violation("tags", m->what, s, m->len, i,
				    "inline script%s", NULL);
			else
				i += 9;
			continue;
		}
		if (nlen == 5 && memcmp(s + name, "style", 5) == 0) {
			/* Raw text up to </style>. */
			e = strstr(s + i, "</style>");
			if (e == NULL)
				violation("markup", m->what, s, m->len, i,
				    "<style> not closed%s", NULL);
			else
				i = (size_t)(e - s) + 8;
			continue;
		}
		if (sp == cap) {
			cap = cap ? cap * 2 : 64;
			stack = realloc(stack, cap * sizeof(*stack));
			slen = realloc(slen, cap * sizeof(*slen));
			if (stack == NULL || slen == NULL)
				abort();
		}
		stack[sp] = name;
		slen[sp++] = nlen;
		if (nlen == 5 && memcmp(s + name, "aside", 5) == 0)
			m->in_aside++;
	}
	if (sp > 0) {
		char t[32];

		snprintf(t, sizeof(t), "%.*s", (int)(slen[sp - 1] < 20 ?
		    slen[sp - 1] : 20), s + stack[sp - 1]);
		violation("markup", m->what, s, m->len, stack[sp - 1] - 1,
		    "<%s> is never closed", t);
	}
	free(stack);
	free(slen);
}

/* ---- JSON and CSV ---- */

struct jp {
	const char	*s;
	size_t		 len, i;
	int		 ok;
};

static void
jp_ws(struct jp *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\n' ||
	    p->s[p->i] == '\t' || p->s[p->i] == '\r'))
		p->i++;
}

static int
jp_lit(struct jp *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->len - p->i >= n && memcmp(p->s + p->i, lit, n) == 0) {
		p->i += n;
		return 1;
	}
	return 0;
}

static void jp_value(struct jp *, int);

static void
jp_string(struct jp *p)
{
	if (!jp_lit(p, "\"")) {
		p->ok = 0;
		return;
	}
	while (p->ok && p->i < p->len && p->s[p->i] != '"') {
		unsigned char c = (unsigned char)p->s[p->i];

		if (c < 0x20)
			p->ok = 0;
		else if (c == '\\') {
			p->i++;
			if (p->i >= p->len)
				p->ok = 0;
			else if (p->s[p->i] == 'u') {
				size_t k;

				for (k = 1; k <= 4; k++)
					if (p->i + k >= p->len ||
					    strchr("0123456789abcdefABCDEF",
					    p->s[p->i + k]) == NULL ||
					    p->s[p->i + k] == '\0')
						p->ok = 0;
				p->i += 5;
			} else if (strchr("\"\\/bfnrt", p->s[p->i]) &&
			    p->s[p->i] != '\0')
				p->i++;
			else
				p->ok = 0;
		} else
			p->i++;
	}
	if (!jp_lit(p, "\""))
		p->ok = 0;
}

static void
jp_value(struct jp *p, int depth)
{
	jp_ws(p);
	if (!p->ok || p->i >= p->len || depth > 64) {
		p->ok = 0;
		return;
	}
	switch (p->s[p->i]) {
	case '{':
		p->i++;
		jp_ws(p);
		if (jp_lit(p, "}"))
			return;
		do {
			jp_ws(p);
			jp_string(p);
			jp_ws(p);
			if (!jp_lit(p, ":"))
				p->ok = 0;
			jp_value(p, depth + 1);
			jp_ws(p);
		} while (p->ok && jp_lit(p, ","));
		if (!jp_lit(p, "}"))
			p->ok = 0;
		return;
	case '[':
		p->i++;
		jp_ws(p);
		if (jp_lit(p, "]"))
			return;
		do {
			jp_value(p, depth + 1);
			jp_ws(p);
		} while (p->ok && jp_lit(p, ","));
		if (!jp_lit(p, "]"))
			p->ok = 0;
		return;
	case '"':
		jp_string(p);
		return;
	default:
		if (jp_lit(p, "true") || jp_lit(p, "false") ||
		    jp_lit(p, "null"))
			return;
		if (p->s[p->i] == '-')
			p->i++;
		if (p->i >= p->len || p->s[p->i] < '0' || p->s[p->i] > '9') {
			p->ok = 0;
			return;
		}
		while (p->i < p->len && p->s[p->i] >= '0' &&
		    p->s[p->i] <= '9')
			p->i++;
		return;
	}
}

static void
json_check(const char *what, const char *s, size_t len)
{
	struct jp p = { s, len, 0, 1 };
	size_t i;

	for (i = 0; i < len; )
		i += check_char(what, s, len, i, 0);
	jp_value(&p, 0);
	jp_ws(&p);
	if (!p.ok || p.i != len)
		violation("json", what, s, len, p.i, "not valid JSON%s",
		    NULL);
}

/* RFC 4180 records: every record has the header's field count. */
static void
csv_check(const char *what, const char *s, size_t len)
{
	size_t i = 0, fields = 1, want = 0, rec = 0;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		if (s[i] == '"') {
			i++;
			for (;;) {
				if (i >= len) {
					violation("csv", what, s, len, i,
					    "quoted field not closed%s", NULL);
					return;
				}
				if (s[i] == '"' && i + 1 < len &&
				    s[i + 1] == '"')
					i += 2;
				else if (s[i] == '"') {
					i++;
					break;
				} else
					i++;
			}
			if (i < len && s[i] != ',' && s[i] != '\r') {
				violation("csv", what, s, len, i, "text after "
				    "a quoted field%s", NULL);
				return;
			}
			continue;
		}
		if (s[i] == ',') {
			fields++;
			i++;
		} else if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') {
			if (rec++ == 0)
				want = fields;
			else if (fields != want)
				violation("csv", what, s, len, i, "record with "
				    "another field count than the header%s",
				    NULL);
			fields = 1;
			i += 2;
		} else if (s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
			violation("csv", what, s, len, i, "quote or line break "
			    "in an unquoted field%s", NULL);
			return;
		} else
			i++;
	}
	if (len > 0 && (len < 2 || s[len - 2] != '\r' || s[len - 1] != '\n'))
		violation("csv", what, s, len, len, "last record not ended "
		    "by CRLF%s", NULL);
}

/* ---- the pipeline ---- */

struct fpage {
	const struct doc	*doc;
	int			 in_pack;
	struct buf		 out;
	struct markup		 m;
	char			 what[256];
};

static int
hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

static void
percent_decode(struct buf *out, const char *s)
{
	int h1, h2;

	for (; *s; s++)
		if (s[0] == '%' && (h1 = hexval((unsigned char)s[1])) >= 0 &&
		    (h2 = hexval((unsigned char)s[2])) >= 0) {
			buf_putc(out, h1 * 16 + h2);
			s += 2;
		} else
			buf_putc(out, *s);
}

/* Finds the page named `name` + ext among pages[0..n). */
static struct fpage *
page_named(struct fpage *pages, size_t n, const char *name, size_t nlen,
    const char *ext)
{
	size_t i, el = strlen(ext);

	for (i = 0; i < n; i++) {
		size_t il;

		if (!pages[i].in_pack)
			continue;
		il = strlen(pages[i].doc->id);
		if (il + el == nlen && memcmp(name, pages[i].doc->id, il) == 0 &&
		    memcmp(name + il, ext, el) == 0)
			return &pages[i];
	}
	return NULL;
}

/* The strict checks on one pack page. */
static void
page_links(struct fpage *pages, size_t n, struct fpage *pg,
    const struct pack *p, const char *ext, const char *media)
{
	struct markup *m = &pg->m;
	struct buf frag = BUF_INIT;
	size_t i, k, ml = strlen(media);

	for (i = 0; i < m->ids.n; i++)
		for (k = 0; k < i; k++)
			if (strcmp(m->ids.v[i], m->ids.v[k]) == 0)
				violation("ids", pg->what, m->s, m->len, 0,
				    "id '%s' twice on the page", m->ids.v[i]);
	for (i = 0; i < m->hrefs.n + m->embed_hrefs.n; i++) {
		int embed = i >= m->hrefs.n;
		const char *h = embed ? m->embed_hrefs.v[i - m->hrefs.n] :
		    m->hrefs.v[i], *hash = strchr(h, '#');
		const char *check = embed ? "embed-links" : "links";
		struct fpage *to = pg;

		if (strchr(h, ':') != NULL || strncmp(h, "//", 2) == 0)
			continue;
		if (hash != h) {
			to = page_named(pages, n, h, hash ? (size_t)(hash - h) :
			    strlen(h), ext);
			if (to == NULL) {
				violation(check, pg->what, m->s, m->len, 0,
				    "link to '%s', not a page of the pack", h);
				continue;
			}
		}
		if (hash == NULL)
			continue;
		buf_clear(&frag);
		percent_decode(&frag, hash + 1);
		if (!strv_has(&to->m.ids, frag.data))
			violation(check, pg->what, m->s, m->len, 0,
			    "link to '%s': no such id on that page", h);
	}
	for (i = 0; i < m->srcs.n; i++) {
		const char *src = m->srcs.v[i];
		int found = 0;
		size_t d, j;

		if (strncmp(src, media, ml) == 0) {
			buf_clear(&frag);
			percent_decode(&frag, src + ml);
			for (d = 0; d < p->n_pages && !found; d++) {
				const struct doc *doc = p->pages[d].doc;

				for (j = 0; j < doc->n_images; j++)
					if (strcmp(doc->images[j].name,
					    frag.data) == 0)
						found = 1;
			}
		}
		if (!found)
			violation("images", pg->what, m->s, m->len, 0,
			    "image '%s' is not one the pack carries", src);
	}
	buf_release(&frag);
}

/* Report links: PACK/ID.html#frag must land on a page of the pack. */
static void
report_links(struct fpage *pages, size_t n, const struct curriculum *c,
    const struct markup *m)
{
	struct buf frag = BUF_INIT;
	size_t i, cl = strlen(c->id);

	for (i = 0; i < m->hrefs.n; i++) {
		const char *h = m->hrefs.v[i], *hash, *name;
		struct fpage *to;

		if (strncmp(h, c->id, cl) != 0 || h[cl] != '/') {
			violation("links", m->what, m->s, m->len, 0, "report "
			    "link '%s' outside the pack", h);
			continue;
		}
		name = h + cl + 1;
		hash = strchr(name, '#');
		to = page_named(pages, n, name, hash ? (size_t)(hash - name) :
		    strlen(name), ".html");
		if (to == NULL) {
			violation("links", m->what, m->s, m->len, 0, "report "
			    "link '%s' to no page of the pack", h);
			continue;
		}
		if (hash == NULL)
			continue;
		buf_clear(&frag);
		percent_decode(&frag, hash + 1);
		if (!strv_has(&to->m.ids, frag.data))
			violation("links", m->what, m->s, m->len, 0, "report "
			    "link '%s': no such id on that page", h);
	}
	buf_release(&frag);
}

static void
markup_release(struct markup *m)
{
	strv_free(&m->ids);
	strv_free(&m->hrefs);
	strv_free(&m->embed_hrefs);
	strv_free(&m->srcs);
}

static void
reports(struct repo *r, struct curriculum *c, struct fpage *html_pages,
    size_t n_pages, int strict)
{
	static const struct {
		enum report_format f;
		const char *name;
	} formats[] = {
		{ REPORT_TEXT, "text" }, { REPORT_JSON, "json" },
		{ REPORT_CSV, "csv" }, { REPORT_HTML, "html" }
	};
	struct buf out = BUF_INIT;
	char what[64];
	size_t k;
	int only;

	for (only = 0; only < 2; only++) {
		if (only && c == NULL)
			break;
		for (k = 0; k < 4; k++) {
			buf_clear(&out);
			report_render(&out, r, only ? c : NULL, 13,
			    formats[k].f, theme);
			snprintf(what, sizeof(what), "the %s report%s",
			    formats[k].name, only ? " of the pack" : "");
			if (formats[k].f == REPORT_JSON)
				json_check(what, out.data, out.len);
			else if (formats[k].f == REPORT_CSV)
				csv_check(what, out.data, out.len);
			else if (formats[k].f == REPORT_HTML) {
				struct markup m;

				memset(&m, 0, sizeof(m));
				m.what = what;
				m.s = out.data;
				m.len = out.len;
				markup_check(&m);
				if (strict && only && html_pages)
					report_links(html_pages, n_pages, c,
					    &m);
				markup_release(&m);
			}
		}
	}
	buf_release(&out);
}

/* ---- the packs as written ---- */

struct file {
	char		*path;		/* inside the pack */
	struct buf	 data;
	struct markup	 m;
	int		 markup;	/* HTML, XHTML or XML: checked */
	char		 what[300];
};

struct files {
	struct file	*v;
	size_t		 n, cap;
};

static void
files_add(struct files *fs, const char *path, const void *data, size_t n)
{
	struct file *f;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 32;
		if ((fs->v = realloc(fs->v, fs->cap * sizeof(*fs->v))) == NULL)
			abort();
	}
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	if ((f->path = strdup(path)) == NULL)
		abort();
	buf_init(&f->data);
	buf_put(&f->data, data, n);
}

static void
files_free(struct files *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].path);
		buf_release(&fs->v[i].data);
		markup_release(&fs->v[i].m);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

/* Reads every regular file under root/rel into fs. */
static void
files_read_dir(struct files *fs, const char *root, const char *rel)
{
	char dir[4096], sub[4096], data[65536];
	struct buf b = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *dp;
	ssize_t n;
	int fd;

	snprintf(dir, sizeof(dir), "%s%s%s", root, *rel ? "/" : "", rel);
	if ((dp = opendir(dir)) == NULL)
		die(dir);
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "",
		    de->d_name);
		snprintf(data, sizeof(data), "%s/%s", root, sub);
		if (lstat(data, &st) == -1)
			die(data);
		if (S_ISDIR(st.st_mode)) {
			files_read_dir(fs, root, sub);
			continue;
		}
		if ((fd = open(data, O_RDONLY)) == -1)
			die(data);
		buf_clear(&b);
		while ((n = read(fd, data, sizeof(data))) > 0)
			buf_put(&b, data, (size_t)n);
		close(fd);
		files_add(fs, sub, b.data, b.len);
	}
	closedir(dp);
	buf_release(&b);
}

static void
files_read_zip(struct files *fs, const char *path)
{
	struct buf b = BUF_INIT;
	char data[65536];
	zip_t *z;
	zip_file_t *zf;
	zip_int64_t i, n, r;
	int err;

	if ((z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err)) == NULL) {
		fprintf(log_out, "fuzz: %s is not a valid ZIP file (%d)\n",
		    path, err);
		__builtin_trap();
	}
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);

		if (name == NULL || (zf = zip_fopen_index(z, (zip_uint64_t)i,
		    0)) == NULL)
			__builtin_trap();
		buf_clear(&b);
		while ((r = zip_fread(zf, data, sizeof(data))) > 0)
			buf_put(&b, data, (size_t)r);
		zip_fclose(zf);
		files_add(fs, name, b.data, b.len);
	}
	zip_discard(z);
	buf_release(&b);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static struct file *
files_find(struct files *fs, const char *path)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].path, path) == 0)
			return &fs->v[i];
	return NULL;
}

/* Joins the folder of `from` and the relative `href` (decoded, no
 * fragment) into out, folding "." and ".."; -1 when it climbs out. */
static int
resolve_path(struct buf *out, const char *from, const char *href,
    size_t hlen)
{
	const char *slash = strrchr(from, '/'), *seg;
	struct buf raw = BUF_INIT, enc = BUF_INIT;
	size_t n, cut;
	int rc = 0;

	buf_put(&enc, href, hlen);
	if (slash)
		buf_put(&raw, from, (size_t)(slash - from + 1));
	percent_decode(&raw, enc.data);
	buf_clear(out);
	for (seg = raw.data; *seg; seg += n + (seg[n] == '/')) {
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out->len == 0) {
				rc = -1;
				break;
			}
			cut = out->len;
			while (cut > 0 && out->data[cut - 1] != '/')
				cut--;
			buf_truncate(out, cut > 0 ? cut - 1 : 0);
			continue;
		}
		if (out->len)
			buf_putc(out, '/');
		buf_put(out, seg, n);
	}
	buf_release(&raw);
	buf_release(&enc);
	return rc;
}

/* Every relative href and src of a pack file names a file of the pack,
 * and its fragment an id in that file. */
static void
files_links(struct files *fs, struct file *f, const struct strv *urls,
    const char *check)
{
	struct buf path = BUF_INIT, frag = BUF_INIT;
	struct file *to;
	size_t i;

	for (i = 0; i < urls->n; i++) {
		const char *h = urls->v[i], *hash = strchr(h, '#');
		size_t hl = hash ? (size_t)(hash - h) : strlen(h);

		if (memchr(h, ':', hl) != NULL || strncmp(h, "//", 2) == 0)
			continue;
		to = f;
		if (hl > 0) {
			if (resolve_path(&path, f->path, h, hl) == -1 ||
			    (to = files_find(fs, path.data)) == NULL) {
				violation(check, f->what, f->m.s, f->m.len, 0,
				    "'%s' names no file of the pack", h);
				continue;
			}
		}
		if (hash == NULL || !to->markup)
			continue;
		buf_clear(&frag);
		percent_decode(&frag, hash + 1);
		if (!strv_has(&to->m.ids, frag.data))
			violation(check, f->what, f->m.s, f->m.len, 0,
			    "'%s': no such id in that file", h);
	}
	buf_release(&path);
	buf_release(&frag);
}

/* A data script of the search: the index, assets/search-index.js,
 * `window.LP_SEARCH = JSON;`, or a text script, assets/search/N.js,
 * `window.lpSearchText(N, JSON);`.  The JSON must parse, or the user's
 * text has broken out of its strings. */
static void
script_check(struct file *f, const char *pack)
{
	int index = strcmp(f->path, "assets/search-index.js") == 0;
	const char *head = index ? "window.LP_SEARCH = " : "window.lpSearchText(";
	const char *tail = index ? ";" : ");";
	const char *s = f->data.data, *at;
	size_t end = f->data.len, tl = strlen(tail);

	if (!index && strncmp(f->path, "assets/search/", 14) != 0)
		return;		/* the theme's own code */
	snprintf(f->what, sizeof(f->what), "%s: %s", pack, f->path);
	if ((at = strstr(s, head)) == NULL) {
		violation("search", f->what, s, f->data.len, 0, "no '%s'", head);
		return;
	}
	at += strlen(head);
	if (!index) {
		while (*at >= '0' && *at <= '9')
			at++;
		if (strncmp(at, ", ", 2) != 0) {
			violation("search", f->what, s, f->data.len,
			    (size_t)(at - s), "no '%s'", "N, ");
			return;
		}
		at += 2;
	}
	while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == ' '))
		end--;
	if ((size_t)(s + end - at) < tl || memcmp(s + end - tl, tail, tl) != 0) {
		violation("search", f->what, s, f->data.len, end, "the script "
		    "does not end with '%s'", tail);
		return;
	}
	json_check(f->what, at, (size_t)(s + end - tl - at));
}

static void
files_check(struct files *fs, const char *pack, int strict)
{
	size_t i, k, j;

	for (i = 0; i < fs->n; i++) {
		struct file *f = &fs->v[i];
		int html = ends_with(f->path, ".html");

		if (ends_with(f->path, ".js"))
			script_check(f, pack);

		if (!html && !ends_with(f->path, ".xhtml") &&
		    !ends_with(f->path, ".opf") && !ends_with(f->path, ".ncx") &&
		    !ends_with(f->path, ".xml"))
			continue;
		f->markup = 1;
		snprintf(f->what, sizeof(f->what), "%s: %s", pack, f->path);
		f->m.what = f->what;
		f->m.s = f->data.data;
		f->m.len = f->data.len;
		f->m.xhtml = !html;
		f->m.doc = 1;
		f->m.xml = !html && !ends_with(f->path, ".xhtml");
		f->m.scripts = html;
		markup_check(&f->m);
	}
	for (i = 0; i < fs->n; i++) {
		struct file *f = &fs->v[i];

		if (!f->markup)
			continue;
		files_links(fs, f, &f->m.hrefs, "links");
		files_links(fs, f, &f->m.embed_hrefs, "embed-links");
		files_links(fs, f, &f->m.srcs, "images");
		if (!strict)
			continue;
		for (k = 0; k < f->m.ids.n; k++)
			for (j = 0; j < k; j++)
				if (strcmp(f->m.ids.v[k], f->m.ids.v[j]) == 0)
					violation("ids", f->what, f->m.s,
					    f->m.len, 0, "id '%s' twice in the "
					    "file", f->m.ids.v[k]);
	}
}

/* Writes the HTML pack and the EPUB and checks every file in them. */
static void
packs_check(const struct pack *p, int strict)
{
	struct files fs = { NULL, 0, 0 };
	struct outpack op;

	/* As `lecturepack build` does: a pack with errors is not written. */
	if (pack_has_errors(p))
		return;
	if (outpack_begin(&op, "out", "t", 1, 1) == -1 ||
	    pack_write(p, theme, &op, 13) == -1 ||
	    outpack_commit(&op) == -1) {
		fprintf(log_out, "fuzz: writing a clean pack failed\n");
		__builtin_trap();
	}
	files_read_dir(&fs, "out/t", "");
	files_check(&fs, "the HTML pack", strict);
	files_free(&fs);
	files_read_zip(&fs, "out/t.epub");
	files_check(&fs, "the EPUB", strict);
	files_free(&fs);
}

/* Renders d into pg and checks the markup. */
static void
page_render(struct fpage *pg, struct doc *d, int x, int in_pack,
    const struct pack *p)
{
	struct html_opts o;

	html_opts_init(&o, p, theme, 13, x ? ".xhtml" : ".html");
	pg->doc = d;
	pg->in_pack = in_pack;
	buf_init(&pg->out);
	if (!skip_broken || d->msgs.errors == 0)
		html_render_doc(&pg->out, d, &o);
	snprintf(pg->what, sizeof(pg->what), "%s as %s", d->path,
	    x ? "XHTML" : "HTML");
	pg->m.what = pg->what;
	pg->m.s = pg->out.data;
	pg->m.len = pg->out.len;
	pg->m.xhtml = x;
	pg->m.body = 1;
	pg->m.media = o.media;
	markup_check(&pg->m);
}

static void
pages_free(struct fpage *pages, size_t n)
{
	size_t i;

	if (pages == NULL)
		return;
	for (i = 0; i < n; i++) {
		markup_release(&pages[i].m);
		buf_release(&pages[i].out);
	}
	free(pages);
}

/* Two packs with the same localities and the same lectures render each
 * doc the same, though the second comes after every tree was dropped
 * and parsed again (doc_drop_tree(), doc_parse()). */
static int
same_pack(const struct pack *a, const struct pack *b)
{
	size_t i;

	if (a->c->province_doc != b->c->province_doc ||
	    a->c->district_doc != b->c->district_doc ||
	    a->n_lectures != b->n_lectures)
		return 0;
	for (i = 0; i < a->n_lectures; i++)
		if (!curriculum_has(b->c, a->pages[i].doc))
			return 0;
	return 1;
}

/* Returns 1 when nothing of r (nor any pack resolved) had a message. */
static int
quiet_so_far(const struct repo *r)
{
	size_t i;
	int n = pack_noise + r->msgs.errors + r->msgs.warnings;

	for (i = 0; i < r->n_docs; i++)
		n += r->docs[i]->msgs.errors + r->docs[i]->msgs.warnings;
	for (i = 0; i < r->n_curricula; i++)
		n += r->curricula[i]->msgs.errors +
		    r->curricula[i]->msgs.warnings;
	return n == 0;
}

/* Counts the messages of a pack before it goes. */
static void
pack_count(const struct pack *p)
{
	pack_noise += p->links.msgs.errors + p->links.msgs.warnings;
}

void
fuzz_run(void (*before_curricula)(struct repo *))
{
	struct repo a, b;
	struct pack p, first, none;
	struct fpage *(*pages)[2] = NULL;
	size_t n, k, i, n_packs = 0;
	char *rendered;
	int x, strict, strict0 = 0, same, clean, clean0 = 0;

	/* As `build` runs: packs one after the other; between them every
	 * tree is dropped (build drops those no later pack needs). */
	if (repo_load(&a) == -1)
		__builtin_trap();	/* lectures/ is there */
	n = a.n_docs;
	if (before_curricula)
		before_curricula(&a);
	if (repo_load_curricula(&a) == -1)
		__builtin_trap();
	n_packs = a.n_curricula;
	pages = calloc(n_packs + 1, sizeof(*pages));
	rendered = calloc(n + 1, 1);
	if (pages == NULL || rendered == NULL)
		abort();
	memset(&first, 0, sizeof(first));
	for (k = 0; k < n_packs; k++) {
		pack_resolve(&p, &a, a.curricula[k]);
		pack_count(&p);
		strict = quiet_so_far(&a);
		clean = !pack_has_errors(&p);
		if (k == 0) {
			strict0 = strict;
			clean0 = clean;
			first = p;	/* its arrays stay until the end */
		}
		/* Only packs that build are compared. */
		same = k > 0 && clean0 && clean && same_pack(&first, &p);
		for (x = 0; x < 2; x++) {
			if ((pages[k][x] = calloc(n + 1, sizeof(struct fpage))) ==
			    NULL)
				abort();
			for (i = 0; i < n; i++) {
				if (!pack_contains(&p, a.docs[i]))
					continue;
				/* Trees may be dropped between uses (a pack's
				 * memory follows its largest lecture): one is
				 * parsed again on demand, to the same result. */
				if (html_trees_need(&p, a.docs[i]) == -1) {
					if (clean)
						violation("parsed", a.docs[i]->path,
						    "", 0, 0, "a doc of a pack "
						    "without errors cannot be "
						    "parsed again%s", NULL);
					continue;
				}
				page_render(&pages[k][x][i], a.docs[i], x, 1, &p);
				html_trees_done(&p, a.docs[i]);
				rendered[i] = 1;
				if (same && pages[0][x][i].in_pack &&
				    strcmp(pages[0][x][i].out.data,
				    pages[k][x][i].out.data) != 0)
					violation("reparse", pages[k][x][i].what,
					    pages[k][x][i].out.data,
					    pages[k][x][i].out.len, 0, "renders "
					    "otherwise once parsed again (the "
					    "first pack had:\n%s)",
					    pages[0][x][i].out.data);
			}
			if (strict)
				for (i = 0; i < n; i++)
					if (pages[k][x][i].in_pack)
						page_links(pages[k][x], n,
						    &pages[k][x][i], &p,
						    x ? ".xhtml" : ".html",
						    "media/");
		}
		if (k == 0 && !no_packs)
			packs_check(&p, strict);
		for (i = 0; i < n; i++)
			doc_drop_tree(a.docs[i]);
		if (k > 0)
			pack_release(&p);
	}
	/* Every other doc, parsed alone (its links are not resolved). */
	if ((pages[n_packs][0] = calloc(n + 1, sizeof(struct fpage))) == NULL ||
	    (pages[n_packs][1] = calloc(n + 1, sizeof(struct fpage))) == NULL)
		abort();
	memset(&none, 0, sizeof(none));
	for (i = 0; i < n; i++) {
		if (rendered[i])
			continue;
		doc_parse(a.docs[i]);
		links_check_doc(&a, a.docs[i]);
		for (x = 0; x < 2; x++)
			page_render(&pages[n_packs][x][i], a.docs[i], x, 0,
			    &none);
	}

	/* As `check` and `report` run: everything parsed, trees dropped. */
	if (repo_load(&b) == -1)
		__builtin_trap();
	for (i = 0; i < b.n_docs; i++) {
		doc_parse(b.docs[i]);
		links_check_doc(&b, b.docs[i]);
		doc_drop_tree(b.docs[i]);
	}
	if (repo_load_curricula(&b) == -1)
		__builtin_trap();
	for (k = 0; k < b.n_curricula; k++) {
		pack_resolve(&p, &b, b.curricula[k]);
		pack_count(&p);
		pack_release(&p);
	}
	for (i = 0; i < b.n_docs; i++)
		(void)marks_status(b.docs[i], 13);
	reports(&b, b.n_curricula ? b.curricula[0] : NULL,
	    n_packs ? pages[0][0] : NULL, n, strict0 && quiet_so_far(&a) &&
	    quiet_so_far(&b));

	for (k = 0; k <= n_packs; k++)
		for (x = 0; x < 2; x++)
			pages_free(pages[k][x], n);
	free(pages);
	free(rendered);
	if (n_packs)
		pack_release(&first);
	repo_free(&a);
	repo_free(&b);
}
