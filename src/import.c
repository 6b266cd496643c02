/* import.c - `lecturepack import`: Word and OpenDocument files to lectures.
 *
 * One file goes through these steps:
 *   1. its properties (title, author, modification date) are read from
 *      docProps/core.xml (.docx) or meta.xml (.odt) with libzip+libxml2;
 *   2. Pandoc converts it, with the Lua filter src/import.lua (built into
 *      the tool as build/import_lua.h and written to a temporary file),
 *      to the Markdown of SPEC 3, its media into a temporary folder under
 *      lectures/images/; the filter's report lines become warnings placed
 *      by paragraph number in the Word file;
 *   3. the lecture is named (--id, else the slug of the title, else of
 *      the file name), checked against the files and ids there are, and
 *      written with its front matter, its images moved into place;
 *   4. unless --no-marks, the lecture is parsed by the tool's own loader
 *      and import_marks.c suggests marks and local-note links.
 * Nothing is replaced without --force: a refused file changes nothing. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "buf.h"
#include "diag.h"
#include "import.h"
#include "import_marks.h"
#include "load_doc.h"
#include "load_repo.h"
#include "load_source.h"
#include "model.h"
#include "run.h"
#include "text.h"
#include "write_out.h"
#include "xalloc.h"

#include "../build/import_lua.h"

/* Pandoc's Markdown writer with only the extensions SPEC 3 accepts:
 * footnotes, pipe tables, strikeout, task lists.  No raw HTML, no
 * attributes (marks are added afterwards), no smart quotes (the tool
 * makes its own typography), no fancy list markers CommonMark lacks. */
#define PANDOC_WRITER	"commonmark_x-attributes-smart-raw_html-raw_attribute" \
	"-raw_tex-tex_math_dollars-bracketed_spans-emoji-definition_lists" \
	"-fancy_lists-fenced_divs-implicit_header_references" \
	"-yaml_metadata_block-superscript-subscript"
/* Where image paths point until the lecture has its id. */
#define MEDIA_TOKEN	"images/.lecturepack-import-media"

struct props {
	char	*title;
	char	*author;
	char	*updated;	/* YYYY-MM-DD */
};

/* One file's import. */
struct job {
	const struct import_opts *o;
	const char	*src;		/* as given */
	const char	*from;		/* "docx" or "odt" */
	struct props	 props;
	char		*filter;	/* the filter's temporary file */
	char		*media;		/* where Pandoc puts the media: in
					   the run's temporary folder */
	struct buf	 md;		/* Pandoc's Markdown */
	char		*title;		/* the filter's, or NULL */
	char		*id;
	char		*path;		/* lectures/ID.md */
	char		*images;	/* lectures/images/ID */
	struct msgs	 msgs;		/* about the source file */
	struct box	*boxes;		/* text boxes Pandoc dropped */
	size_t		 n_boxes, shown_boxes;
};

/* A text box Pandoc dropped, warned about in paragraph order. */
struct box {
	int	 para;
	char	*start;		/* its paragraph's first words */
	char	*text;
};

/* ---- the source's properties ---- */

static char *
node_text(xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	char *r, *p, *e;

	if (s == NULL)
		return NULL;
	for (p = (char *)s; isspace((unsigned char)*p); p++)
		;
	e = p + strlen(p);
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	r = e > p ? xstrndup(p, (size_t)(e - p)) : NULL;
	xmlFree(s);
	return r;
}

static void
prop_set(char **slot, xmlNode *n)
{
	if (*slot == NULL)
		*slot = node_text(n);
}

/* docProps/core.xml: dc:title, dc:creator, dcterms:modified; meta.xml:
 * dc:title, meta:initial-creator (else dc:creator, the last editor),
 * dc:date. */
static void
props_walk(struct props *p, xmlNode *n, char **editor)
{
	char *date = NULL;

	for (; n != NULL; n = n->next) {
		const char *name = (const char *)n->name;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(name, "title") == 0)
			prop_set(&p->title, n);
		else if (strcmp(name, "initial-creator") == 0)
			prop_set(&p->author, n);
		else if (strcmp(name, "creator") == 0)
			prop_set(editor, n);
		else if (strcmp(name, "modified") == 0 ||
		    strcmp(name, "date") == 0) {
			date = node_text(n);
			if (date && strlen(date) >= 10 && date[4] == '-' &&
			    date[7] == '-' && p->updated == NULL)
				p->updated = xstrndup(date, 10);
			free(date);
		}
		props_walk(p, n->children, editor);
	}
}

/* The XML of entry `entry` of the zip archive z, at most `max` bytes,
 * parsed without network or messages; NULL when it is missing, too
 * big or not XML.  Free with xmlFreeDoc(). */
static xmlDoc *
zip_xml(zip_t *z, const char *entry, zip_uint64_t max)
{
	struct zip_stat st;
	zip_file_t *f;
	char *data;
	xmlDoc *x = NULL;

	if (zip_stat(z, entry, 0, &st) == -1 || st.size > max ||
	    (f = zip_fopen(z, entry, 0)) == NULL)
		return NULL;
	data = xmalloc(st.size + 1);
	if (zip_fread(f, data, st.size) == (zip_int64_t)st.size)
		x = xmlReadMemory(data, (int)st.size, entry, NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR |
		    XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	free(data);
	zip_fclose(f);
	return x;
}

static int
props_read(struct job *j)
{
	const char *entry = strcmp(j->from, "odt") == 0 ? "meta.xml" :
	    "docProps/core.xml";
	zip_t *z;
	char *editor = NULL;
	xmlDoc *x;
	int err;

	if ((z = zip_open(j->src, ZIP_RDONLY, &err)) == NULL)
		return error_at(&j->msgs, LOC(j->src, 0, 0), "not a Word or "
		    "OpenDocument file (it is not a zip archive)");
	/* No properties: names come from the text. */
	if ((x = zip_xml(z, entry, 1 << 20)) != NULL) {
		props_walk(&j->props, xmlDocGetRootElement(x), &editor);
		xmlFreeDoc(x);
	}
	if (j->props.author == NULL)
		j->props.author = editor, editor = NULL;
	free(editor);
	zip_discard(z);
	return 0;
}

/* ---- text boxes ----
 *
 * Pandoc 2.17 drops a Word text box (w:txbxContent) and its text without
 * a word; document.xml is read for them.  Paragraphs are counted as the
 * filter counts what Pandoc kept: those with text or a picture, not the
 * Title-like ones Pandoc turns into metadata, not those inside a box.  A
 * box whose text the Markdown has after all (a later Pandoc) is fine. */

/* WordprocessingML's namespace: its w:t, not DrawingML's or OMML's t. */
#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

struct boxes {
	struct job	*j;
	int		 para;		/* paragraphs counted so far */
	struct buf	 start;		/* the current paragraph's first words */
	size_t		 cap;
};

/* Appends up to n characters of s[0..len), and '…' when cut. */
static void
clip_append(struct buf *b, const char *s, size_t len, int n)
{
	size_t i = 0;

	while (i < len && n-- > 0)
		do
			i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80);
	buf_put(b, s, i);
	if (i < len)
		buf_puts(b, "…");
}

static int
is_w(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Appends the text of the w:t elements under n (not inside a box). */
static void
runs_text(struct buf *b, const xmlNode *n, int boxes_too)
{
	xmlChar *t;

	for (; n != NULL; n = n->next) {
		if (is_w(n, "txbxContent") && !boxes_too)
			continue;
		if (is_w(n, "t") && n->ns && strcmp((const char *)n->ns->href,
		    W_NS) == 0) {
			if ((t = xmlNodeGetContent(n)) != NULL) {
				buf_puts(b, (const char *)t);
				xmlFree(t);
			}
		}
		if (!is_w(n, "Fallback"))
			runs_text(b, n->children, boxes_too);
	}
}

/* A picture, an equation or deleted text: what Pandoc keeps a paragraph
 * for besides its text. */
static int
has_content(const xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (is_w(n, "txbxContent") || is_w(n, "Fallback"))
			continue;
		if (is_w(n, "drawing") || is_w(n, "imagedata") ||
		    is_w(n, "oMath") || is_w(n, "delText"))
			return 1;
		if (has_content(n->children))
			return 1;
	}
	return 0;
}

/* Whether Pandoc keeps paragraph p in the body (see above). */
static int
para_kept(const xmlNode *p, struct buf *text)
{
	const xmlNode *n, *ppr = NULL;
	xmlChar *style;
	size_t i;

	for (n = p->children; n != NULL; n = n->next)
		if (is_w(n, "pPr"))
			ppr = n;
	for (n = ppr ? ppr->children : NULL; n != NULL; n = n->next)
		if (is_w(n, "pStyle") && (style = xmlGetNsProp((xmlNode *)n,
		    (const xmlChar *)"val", n->ns ? n->ns->href : NULL))) {
			int meta = strstr("|Title|Subtitle|Author|Date|"
			    "Abstract|", (const char *)style) != NULL;

			xmlFree(style);
			if (meta)
				return 0;
		}
	buf_clear(text);
	runs_text(text, p->children, 0);
	for (i = 0; i < text->len; i++)
		if (!isspace((unsigned char)text->data[i]))
			return 1;
	return has_content(p->children);
}

static void
box_found(struct boxes *bx, const xmlNode *box)
{
	struct buf text = BUF_INIT, probe = BUF_INIT;
	size_t n;

	runs_text(&text, box->children, 1);
	/* The first 20 bytes at a character boundary, to look for. */
	for (n = text.len < 20 ? text.len : 20; n < text.len &&
	    ((unsigned char)text.data[n] & 0xc0) == 0x80; n++)
		;
	buf_put(&probe, text.data, n);
	if (probe.len > 0 && strstr(bx->j->md.data, probe.data) == NULL) {
		struct job *j = bx->j;
		struct buf clip = BUF_INIT;

		j->boxes = xgrow(j->boxes, &bx->cap, j->n_boxes + 1,
		    sizeof(*j->boxes));
		j->boxes[j->n_boxes].para = bx->para;
		j->boxes[j->n_boxes].start = xstrdup(bx->start.data);
		clip_append(&clip, text.data, text.len, 60);
		j->boxes[j->n_boxes++].text = buf_detach(&clip, NULL);
	}
	buf_release(&text);
	buf_release(&probe);
}

static void
boxes_walk(struct boxes *bx, const xmlNode *n)
{
	struct buf text = BUF_INIT;

	for (; n != NULL; n = n->next) {
		if (is_w(n, "Fallback"))
			continue;
		if (is_w(n, "txbxContent")) {
			box_found(bx, n);
			continue;
		}
		if (is_w(n, "p") && para_kept(n, &text)) {
			bx->para++;
			buf_clear(&bx->start);
			while (text.len > 0 &&
			    isspace((unsigned char)text.data[text.len - 1]))
				text.len--;
			clip_append(&bx->start, text.data, text.len, 30);
		}
		boxes_walk(bx, n->children);
	}
	buf_release(&text);
}

/* Finds the text boxes of a .docx that the Markdown lacks (j->boxes). */
static void
boxes_check(struct job *j)
{
	struct boxes bx;
	zip_t *z;
	xmlDoc *x;
	int err;

	if (strcmp(j->from, "docx") != 0 ||
	    (z = zip_open(j->src, ZIP_RDONLY, &err)) == NULL)
		return;
	memset(&bx, 0, sizeof(bx));
	bx.j = j;
	if ((x = zip_xml(z, "word/document.xml", 64 << 20)) != NULL) {
		boxes_walk(&bx, xmlDocGetRootElement(x));
		xmlFreeDoc(x);
	}
	zip_discard(z);
	buf_release(&bx.start);
}

/* ---- running Pandoc ---- */

/* Returns 1 when an executable `pandoc` is on $PATH. */
static int
pandoc_found(void)
{
	const char *path = getenv("PATH"), *p, *e;
	struct buf b = BUF_INIT;
	int found = 0;

	for (p = path ? path : ""; !found && *p; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		buf_clear(&b);
		if (e > p)
			buf_put(&b, p, (size_t)(e - p));
		else
			buf_putc(&b, '.');
		buf_puts(&b, "/pandoc");
		found = access(b.data, X_OK) == 0;
	}
	buf_release(&b);
	return found;
}

/* Makes the run's temporary folder ($TMPDIR or /tmp) and writes the
 * filter into it.  Returns the folder's name, or NULL after a message. */
static char *
tmp_begin(struct buf *filter)
{
	const char *dir = getenv("TMPDIR");
	struct buf name = BUF_INIT;
	size_t len = sizeof(import_lua) - 1;
	int fd;

	buf_printf(&name, "%s/lecturepack-import-XXXXXX",
	    dir && *dir ? dir : "/tmp");
	if (mkdtemp(name.data) == NULL) {
		sys_error("cannot create a temporary folder in '%s': %s",
		    dir && *dir ? dir : "/tmp", strerror(errno));
		buf_release(&name);
		return NULL;
	}
	buf_printf(filter, "%s/import.lua", name.data);
	if ((fd = open(filter->data, O_WRONLY | O_CREAT | O_EXCL, 0600)) ==
	    -1 || write(fd, import_lua, len) != (ssize_t)len) {
		sys_error("cannot write '%s': %s", filter->data,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		remove_tree(name.data);
		buf_release(&name);
		return NULL;
	}
	close(fd);
	return buf_detach(&name, NULL);
}

static int
file_slurp(int fd, struct buf *out)
{
	char chunk[8192];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) == -1)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_put(out, chunk, (size_t)n);
	return n == 0 ? 0 : -1;
}

/* Runs pandoc with argv; its output and its messages are read from two
 * temporary files into *out and *err.  Returns its exit status, 127
 * when it could not be started, -1 after a system error. */
static int
pandoc_exec(char *const argv[], struct buf *out, struct buf *err)
{
	FILE *fo = tmpfile(), *fe = tmpfile();
	pid_t pid;
	int status, rc = -1;

	if (fo == NULL || fe == NULL) {
		sys_error("cannot create a temporary file: %s", strerror(errno));
		goto out;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		sys_error("cannot run pandoc: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		if (dup2(fileno(fo), 1) == -1 || dup2(fileno(fe), 2) == -1)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			sys_error("cannot run pandoc: %s", strerror(errno));
			goto out;
		}
	if (file_slurp(fileno(fo), out) == -1 ||
	    file_slurp(fileno(fe), err) == -1) {
		sys_error("cannot read pandoc's output: %s", strerror(errno));
		goto out;
	}
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 127;
out:
	if (fo)
		fclose(fo);
	if (fe)
		fclose(fe);
	return rc;
}

/* The message for a kind of change the filter reports. */
static void
filter_warn(struct job *j, int para, const char *kind, const char *text,
    const char *start)
{
	struct loc l = LOC(j->src, 0, 0);

	if (strcmp(kind, "title") == 0) {
		free(j->title);
		j->title = xstrdup(text);
	} else if (strcmp(kind, "insertion") == 0)
		warn_at(&j->msgs, l, "paragraph %d (\"%s\"): a tracked "
		    "insertion was accepted: \"%s\" is kept", para, start, text);
	else if (strcmp(kind, "deletion") == 0)
		warn_at(&j->msgs, l, "paragraph %d (\"%s\"): a tracked "
		    "deletion was accepted: \"%s\" is dropped", para, start,
		    text);
	else if (strcmp(kind, "comment") == 0)
		warn_at(&j->msgs, l, "paragraph %d (\"%s\"): a comment was "
		    "dropped: \"%s\"", para, start, text);
	else if (strcmp(kind, "equation") == 0)
		warn_at(&j->msgs, l, "paragraph %d (\"%s\"): an equation was "
		    "dropped: %s", para, start, text);
	else
		warn_at(&j->msgs, l, "paragraph %d (\"%s\"): a raw Word or "
		    "HTML fragment was dropped: %s", para, start, text);
}

/* Warns about the dropped text boxes before paragraph `para` (all of
 * them for INT_MAX). */
static void
boxes_warn(struct job *j, int para)
{
	struct box *b;

	for (; j->shown_boxes < j->n_boxes; j->shown_boxes++) {
		b = &j->boxes[j->shown_boxes];
		if (b->para >= para)
			break;
		warn_at(&j->msgs, LOC(j->src, 0, 0), "paragraph %d (\"%s\"): "
		    "a text box was dropped: \"%s\"", b->para, b->start,
		    b->text);
	}
}

/* Pandoc's messages: the filter's report lines (see import.lua), and
 * Pandoc's own warnings, passed on; the dropped text boxes among them in
 * paragraph order. */
static void
pandoc_messages(struct job *j, char *err)
{
	char *line, *next, *f[4];
	int i;

	for (line = err; line && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strncmp(line, "lecturepack-import\t", 19) != 0) {
			if (*line)
				warn_at(&j->msgs, LOC(j->src, 0, 0),
				    "pandoc: %s", line);
			continue;
		}
		f[0] = line + 19;
		for (i = 1; i < 4 && f[i - 1]; i++)
			if ((f[i] = strchr(f[i - 1], '\t')) != NULL)
				*f[i]++ = '\0';
		if (i == 4 && f[3] != NULL) {
			if (atoi(f[0]) > 0)
				boxes_warn(j, atoi(f[0]));
			filter_warn(j, atoi(f[0]), f[1], f[2], f[3]);
		}
	}
	boxes_warn(j, INT_MAX);
}

/* Converts j->src into j->md, its media into j->media. */
static int
convert(struct job *j)
{
	struct buf from = BUF_INIT, to = BUF_INIT, media = BUF_INIT,
	    err = BUF_INIT;
	char *argv[20];
	int n = 0, rc;

	buf_printf(&from, "lp_media_from=%s", j->media);
	buf_printf(&to, "lp_media_to=%s", MEDIA_TOKEN);
	buf_printf(&media, "--extract-media=%s", j->media);
	argv[n++] = (char *)"pandoc";
	argv[n++] = (char *)"-f";
	argv[n++] = (char *)j->from;
	argv[n++] = (char *)"--track-changes=all";
	argv[n++] = (char *)"--lua-filter";
	argv[n++] = j->filter;
	argv[n++] = (char *)"-t";
	argv[n++] = (char *)PANDOC_WRITER;
	argv[n++] = (char *)"--wrap=none";
	argv[n++] = media.data;
	argv[n++] = (char *)"-M";
	argv[n++] = from.data;
	argv[n++] = (char *)"-M";
	argv[n++] = to.data;
	argv[n++] = (char *)"--";	/* a file named "-x.docx" */
	argv[n++] = (char *)j->src;
	argv[n] = NULL;
	rc = pandoc_exec(argv, &j->md, &err);
	if (rc == 127)
		rc = sys_error("pandoc not found: install it (apt-get install "
		    "pandoc)");
	else if (rc > 0) {
		pandoc_messages(j, err.data);
		error_at(&j->msgs, LOC(j->src, 0, 0), "pandoc could not "
		    "convert it (exit status %d)", rc);
		rc = 1;
	} else if (rc == 0) {
		boxes_check(j);
		pandoc_messages(j, err.data);
	}
	buf_release(&from);
	buf_release(&to);
	buf_release(&media);
	buf_release(&err);
	return rc;
}

/* ---- naming the lecture ---- */

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Whether id is taken by a doc other than lectures/ID.md, or by a
 * lecture this run wrote. */
static int
id_taken(const struct repo *r, const char *id, char **written, int n)
{
	struct doc *d = repo_find(r, id);
	struct buf own = BUF_INIT;
	int taken, i;

	buf_printf(&own, "lectures/%s.md", id);
	taken = d != NULL && strcmp(d->path, own.data) != 0;
	for (i = 0; i < n && !taken; i++)
		taken = strcmp(written[i], id) == 0;
	buf_release(&own);
	return taken;
}

/* The file's name without folder and extension. */
static char *
file_stem(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return xstrndup(base, dot && dot > base ? (size_t)(dot - base) :
	    strlen(base));
}

/* Chooses j->title and j->id.  Returns 0 or -1 (an error added). */
static int
name_lecture(struct job *j, const struct repo *r, char **written, int n)
{
	struct buf id = BUF_INIT;
	char *stem = file_stem(j->src), *base;
	int k;

	if (j->props.title)
		free(j->title), j->title = xstrdup(j->props.title);
	if (j->title == NULL)
		j->title = xstrdup(stem);
	if (j->o->id) {
		if (!id_valid(j->o->id) || strlen(j->o->id) > ID_MAX_LEN) {
			free(stem);
			return error_at(&j->msgs, LOC(j->src, 0, 0), "--id '%s' "
			    "is not an id ([a-z0-9][a-z0-9-]*)", j->o->id);
		}
		if (id_taken(r, j->o->id, written, n)) {
			free(stem);
			return error_at(&j->msgs, LOC(j->src, 0, 0), "id '%s' "
			    "is taken by another lecture or note", j->o->id);
		}
		j->id = xstrdup(j->o->id);
		free(stem);
		return 0;
	}
	base = slug_make(j->title);
	if (*base == '\0')
		free(base), base = slug_make(stem);
	if (*base == '\0')
		free(base), base = xstrdup("bai");
	if (strlen(base) > ID_MAX_LEN - 4) {
		base[ID_MAX_LEN - 4] = '\0';
		for (k = ID_MAX_LEN - 5; k > 0 && base[k] == '-'; k--)
			base[k] = '\0';
	}
	buf_puts(&id, base);
	for (k = 2; id_taken(r, id.data, written, n); k++) {
		buf_clear(&id);
		buf_printf(&id, "%s-%d", base, k);
	}
	j->id = buf_detach(&id, NULL);
	free(base);
	free(stem);
	return 0;
}

/* Refuses to replace lectures/ID.md or lectures/images/ID without
 * --force.  Returns 0 or -1. */
static int
check_targets(struct job *j)
{
	struct buf p = BUF_INIT;
	int rc = 0;

	buf_printf(&p, "lectures/%s.md", j->id);
	j->path = buf_detach(&p, NULL);
	buf_printf(&p, "lectures/images/%s", j->id);
	j->images = buf_detach(&p, NULL);
	if (j->o->force) {
		if (exists(j->path))
			warn_at(&j->msgs, LOC(j->path, 0, 0), "replaced by the "
			    "import of '%s' (--force)", j->src);
		return 0;
	}
	/* Refused: what the conversion would have lost does not matter. */
	if (exists(j->path) || exists(j->images))
		msgs_release(&j->msgs);
	if (exists(j->path))
		rc = error_at(&j->msgs, LOC(j->path, 0, 0), "already exists: "
		    "'%s' was not imported and nothing was changed "
		    "(--force replaces it)", j->src);
	else if (exists(j->images))
		rc = error_at(&j->msgs, LOC(j->images, 0, 0), "already "
		    "exists: '%s' was not imported and nothing was changed "
		    "(--force replaces it)", j->src);
	return rc;
}

/* ---- the lecture's text ---- */

static void
yaml_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		/* A title typed on two lines is one line. */
		buf_putc(b, (unsigned char)*s >= 0x20 ? *s : ' ');
	}
	buf_putc(b, '"');
}

/* Appends the authors: Word's property separates them with ';' (or a
 * writer with ','; Vietnamese names have neither). */
static void
yaml_authors(struct buf *b, const char *s)
{
	const char *sep = strchr(s, ';') ? ";" : strchr(s, ',') ? "," : NULL,
	    *e;
	char *one;
	size_t n;

	buf_puts(b, "authors: [");
	for (;;) {
		while (*s == ' ')
			s++;
		e = sep ? strchr(s, *sep) : NULL;
		n = e ? (size_t)(e - s) : strlen(s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		one = xstrndup(s, n);
		yaml_quoted(b, one);
		free(one);
		if (e == NULL)
			break;
		buf_puts(b, ", ");
		s = e + 1;
	}
	buf_puts(b, "]\n");
}

/* The whole lecture: front matter, then the body with image paths
 * pointing at lectures/images/ID, in NFC. */
static char *
lecture_text(struct job *j, size_t *len)
{
	struct buf b = BUF_INIT;
	const char *p = j->md.data, *hit;
	size_t tok = strlen(MEDIA_TOKEN);
	char *nfc;

	buf_puts(&b, "---\ntitle: ");
	yaml_quoted(&b, j->title);
	buf_putc(&b, '\n');
	if (j->props.author)
		yaml_authors(&b, j->props.author);
	if (j->props.updated)
		buf_printf(&b, "updated: %s\n", j->props.updated);
	if (j->o->congress)
		buf_printf(&b, "congress: %s\n", congress_name(j->o->congress));
	buf_puts(&b, "---\n\n");
	while ((hit = strstr(p, MEDIA_TOKEN)) != NULL) {
		buf_put(&b, p, (size_t)(hit - p));
		buf_printf(&b, "images/%s", j->id);
		p = hit + tok;
	}
	buf_puts(&b, p);
	if (b.len > 0 && b.data[b.len - 1] != '\n')
		buf_putc(&b, '\n');
	nfc = text_nfc(b.data, b.len, len);
	buf_release(&b);
	return nfc;
}

/* Copies the file or folder `from` to `to` (a new path).  Returns 0,
 * or -1 with errno set. */
static int
copy_tree(const char *from, const char *to)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *dp;
	char *data;
	size_t len;
	int rc = 0;

	if (stat(from, &st) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		if (file_read(from, &data, &len, SIZE_MAX) == -1)
			return -1;
		rc = file_write_atomic(to, data, len);
		free(data);
		return rc;
	}
	if (mkdir(to, 0777) == -1 || (dp = opendir(from)) == NULL)
		return -1;
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		buf_clear(&a);
		buf_clear(&b);
		buf_printf(&a, "%s/%s", from, de->d_name);
		buf_printf(&b, "%s/%s", to, de->d_name);
		rc = copy_tree(a.data, b.data);
	}
	closedir(dp);
	buf_release(&a);
	buf_release(&b);
	return rc;
}

/* Moves the extracted media into lectures/images/ID (replacing it with
 * --force); no media, no folder.  Returns 0 or -1. */
static int
media_place(struct job *j)
{
	if (!exists(j->media))
		return 0;
	if (mkdir_p("lectures/images") == -1)
		return sys_error("cannot create '%s': %s", "lectures/images",
		    strerror(errno));
	if (exists(j->images) && remove_tree(j->images) == -1)
		return sys_error("cannot remove '%s': %s", j->images,
		    strerror(errno));
	/* The temporary folder may be on another file system. */
	if (rename(j->media, j->images) == -1 && (errno != EXDEV ||
	    copy_tree(j->media, j->images) == -1))
		return sys_error("cannot create '%s': %s", j->images,
		    strerror(errno));
	return 0;
}

/* Suggests marks and notes for the lecture written at j->path (its
 * text given), rewriting it when there are some; *dp is the lecture as
 * finally written, parsed.  Returns 0 or -1 (a system error). */
static int
suggest(struct job *j, const char *text, size_t len, struct doc **dp)
{
	struct doc *d = doc_open(j->path, DOC_LECTURE);
	struct buf out = BUF_INIT;
	int rc = 0;

	doc_parse(d);
	if (import_marks(d, text, len, j->o->congress, &out) > 0) {
		doc_free(d);
		d = NULL;
		if ((rc = file_write_atomic(j->path, out.data, out.len)) == 0) {
			d = doc_open(j->path, DOC_LECTURE);
			doc_parse(d);
		}
	}
	buf_release(&out);
	*dp = d;
	return rc;
}

/* Imports j->src.  Returns the exit status for it. */
static int
import_one(struct job *j, const struct repo *r, char **written, int n)
{
	struct doc *d = NULL;
	struct msgs *lists[2];
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (props_read(j) == -1)
		rc = EXIT_CONTENT;
	else if ((rc = convert(j)) == -1)
		rc = EXIT_USAGE;
	else if (rc > 0)
		rc = EXIT_CONTENT;
	else if (name_lecture(j, r, written, n) == -1 ||
	    check_targets(j) == -1)
		rc = EXIT_CONTENT;
	else {
		text = lecture_text(j, &len);
		if (media_place(j) == -1 ||
		    file_write_atomic(j->path, text, len) == -1)
			rc = EXIT_USAGE;
		else {
			printf(diag_tr("%s: imported from '%s'\n"), j->path,
			    j->src);
			if (j->o->no_marks) {
				d = doc_open(j->path, DOC_LECTURE);
				doc_parse(d);
			} else if (suggest(j, text, len, &d) == -1)
				rc = EXIT_USAGE;
		}
	}
	fflush(stdout);
	lists[0] = &j->msgs;
	lists[1] = d ? &d->msgs : NULL;
	msgs_show(lists, 2);
	if (rc == 0 && (j->msgs.errors || (d && d->msgs.errors)))
		rc = EXIT_CONTENT;
	if (d)
		doc_free(d);
	free(text);
	return rc;
}

static void
job_release(struct job *j)
{
	if (j->media && exists(j->media))
		remove_tree(j->media);
	free(j->media);
	free(j->props.title);
	free(j->props.author);
	free(j->props.updated);
	buf_release(&j->md);
	free(j->title);
	free(j->id);
	free(j->path);
	free(j->images);
	msgs_release(&j->msgs);
	while (j->n_boxes > 0) {
		j->n_boxes--;
		free(j->boxes[j->n_boxes].start);
		free(j->boxes[j->n_boxes].text);
	}
	free(j->boxes);
}

/* "docx" or "odt" from the file's extension, else NULL. */
static const char *
format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && strcasecmp(dot, ".docx") == 0)
		return "docx";
	if (dot && strcasecmp(dot, ".odt") == 0)
		return "odt";
	return NULL;
}

int
import_run(const struct import_opts *o)
{
	struct repo r;
	struct job j;
	struct buf filter = BUF_INIT;
	char *tmp, **written;
	int i, rc, worst = 0, n_written = 0;
	struct stat st;

	for (i = 0; i < o->n_files; i++) {
		if (stat(o->files[i], &st) == -1) {
			sys_error("cannot read '%s': %s", o->files[i],
			    strerror(errno));
			return EXIT_USAGE;
		}
		if (!S_ISREG(st.st_mode) || format_of(o->files[i]) == NULL) {
			sys_error("'%s' is not a .docx or .odt file",
			    o->files[i]);
			return EXIT_USAGE;
		}
	}
	if (!pandoc_found()) {
		sys_error("pandoc not found: install it (apt-get install "
		    "pandoc)");
		return EXIT_USAGE;
	}
	if (mkdir_p("lectures") == -1) {
		sys_error("cannot create '%s': %s", "lectures", strerror(errno));
		return EXIT_USAGE;
	}
	memset(&r, 0, sizeof(r));
	if (repo_load(&r) == -1 || (tmp = tmp_begin(&filter)) == NULL) {
		repo_free(&r);
		buf_release(&filter);
		return EXIT_USAGE;
	}
	written = xcalloc((size_t)o->n_files + 1, sizeof(*written));
	for (i = 0; i < o->n_files && !out_interrupted(); i++) {
		struct buf media = BUF_INIT;

		memset(&j, 0, sizeof(j));
		j.o = o;
		j.src = o->files[i];
		j.from = format_of(j.src);
		j.filter = filter.data;
		buf_printf(&media, "%s/media-%d", tmp, i);
		j.media = buf_detach(&media, NULL);
		rc = import_one(&j, &r, written, n_written);
		if (rc == 0)
			written[n_written++] = xstrdup(j.id);
		if (rc > worst)
			worst = rc;
		job_release(&j);
	}
	for (i = 0; i < n_written; i++)
		free(written[i]);
	free(written);
	remove_tree(tmp);
	free(tmp);
	buf_release(&filter);
	repo_free(&r);
	return worst;
}
