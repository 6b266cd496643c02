/* load_image.c - image types by content, SVG safety, pack names (see
 * load_image.h).
 *
 * An SVG is parsed with libxml2 with the network off, no DTD loaded, no
 * entity expanded and no default attributes added, and the tree is then
 * walked: only a picture may remain.  A pack must never run a script
 * (<script>, on* attributes, javascript: links, <foreignObject> that can
 * hold HTML) nor load anything (any reference that is not '#id' inside
 * the image, in href, src, xlink:href, CSS url() or @import, a DTD, an
 * <?xml-stylesheet?>).  Entity and DTD declarations are refused
 * outright: without expansion the tree would not show what a browser
 * sees.  The first problem found is reported, with its SVG line. */
#include "load_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "load_source.h"
#include "path.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

#define SVG_NS		"http://www.w3.org/2000/svg"
#define XHTML_NS	"http://www.w3.org/1999/xhtml"

static const struct image_kind {
	const char	*type;
	const char	*label;		/* for messages */
	const char	*ext;		/* the one the pack uses */
} kinds[] = {
	{ "image/png", "PNG", "png" },
	{ "image/jpeg", "JPEG", "jpg" },
	{ "image/gif", "GIF", "gif" },
	{ "image/webp", "WebP", "webp" },
	{ "image/svg+xml", "SVG", "svg" },
};

static const struct image_kind *
kind_of(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].type, type) == 0)
			return &kinds[i];
	return NULL;
}

/* ---- raster formats by their first bytes ---- */

static const char *
magic_type(const unsigned char *h, size_t n)
{
	if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff)
		return "image/jpeg";
	if (n >= 6 && (memcmp(h, "GIF87a", 6) == 0 ||
	    memcmp(h, "GIF89a", 6) == 0))
		return "image/gif";
	if (n >= 12 && memcmp(h, "RIFF", 4) == 0 &&
	    memcmp(h + 8, "WEBP", 4) == 0)
		return "image/webp";
	return NULL;
}

/* Reads up to n bytes of the start of path.  Returns the count or -1. */
static ssize_t
read_head(const char *path, unsigned char *h, size_t n)
{
	size_t got = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	while (got < n) {
		r = read(fd, h + got, n - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return (ssize_t)got;
}

/* ---- SVG ---- */

struct svg {
	xmlParserCtxtPtr ctxt;
	struct buf	 problem;	/* the first one, "" while none */
	struct buf	 error;		/* libxml2's first error, or "" */
	int		 error_line;
	/* libxml2's own SAX handlers, called after ours. */
	internalSubsetSAXFunc	internal_subset;
	entityDeclSAXFunc	entity_decl;
	elementDeclSAXFunc	element_decl;
	attributeDeclSAXFunc	attribute_decl;
	notationDeclSAXFunc	notation_decl;
	unparsedEntityDeclSAXFunc unparsed_entity_decl;
};

/* Appends at most max bytes of s, control characters shown as '?'. */
static void
put_quoted(struct buf *b, const char *s, size_t max)
{
	size_t i;

	buf_putc(b, '\'');
	for (i = 0; s[i] && i < max; i++)
		buf_putc(b, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ?
		    '?' : s[i]);
	if (s[i])
		buf_puts(b, "...");
	buf_putc(b, '\'');
}

/* Records a problem (the first one wins): what, line, why. */
static void
problem(struct svg *s, int line, const char *why, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(struct svg *s, int line, const char *why, const char *fmt, ...)
{
	va_list ap;

	if (s->problem.len)
		return;
	va_start(ap, fmt);
	buf_vprintf(&s->problem, diag_tr(fmt), ap);
	va_end(ap);
	buf_printf(&s->problem, diag_tr(" at line %d (%s)"), line, why);
}

static int
sax_line(void *ctx)
{
	return xmlSAX2GetLineNumber(ctx);
}

static struct svg *
sax_svg(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

static void
decl_problem(void *ctx, const char *kind, const xmlChar *name)
{
	problem(sax_svg(ctx), sax_line(ctx), "entity and DTD declarations "
	    "are not allowed", "<!%s %.40s>", kind, (const char *)name);
}

static void
sax_internal_subset(void *ctx, const xmlChar *name, const xmlChar *pub,
    const xmlChar *sys)
{
	struct svg *s = sax_svg(ctx);
	struct buf b = BUF_INIT;

	/* Even the SVG 1.1 DTD is refused: EPUBCheck loads it and finds
	 * external entities in it (HTM-003). */
	if (pub || sys) {
		put_quoted(&b, (const char *)(sys ? sys : pub), 60);
		problem(s, sax_line(ctx), "packs must not load other files",
		    "external DTD %s", b.data);
		buf_release(&b);
	}
	s->internal_subset(ctx, name, pub, sys);
}

static void
sax_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *pub, const xmlChar *sys, xmlChar *content)
{
	decl_problem(ctx, "ENTITY", name);
	sax_svg(ctx)->entity_decl(ctx, name, type, pub, sys, content);
}

static void
sax_element_decl(void *ctx, const xmlChar *name, int type,
    xmlElementContentPtr content)
{
	decl_problem(ctx, "ELEMENT", name);
	sax_svg(ctx)->element_decl(ctx, name, type, content);
}

static void
sax_attribute_decl(void *ctx, const xmlChar *elem, const xmlChar *name,
    int type, int def, const xmlChar *value, xmlEnumerationPtr tree)
{
	decl_problem(ctx, "ATTLIST", elem);
	sax_svg(ctx)->attribute_decl(ctx, elem, name, type, def, value, tree);
}

static void
sax_notation_decl(void *ctx, const xmlChar *name, const xmlChar *pub,
    const xmlChar *sys)
{
	decl_problem(ctx, "NOTATION", name);
	sax_svg(ctx)->notation_decl(ctx, name, pub, sys);
}

static void
sax_unparsed_entity_decl(void *ctx, const xmlChar *name,
    const xmlChar *pub, const xmlChar *sys, const xmlChar *notation)
{
	decl_problem(ctx, "ENTITY", name);
	sax_svg(ctx)->unparsed_entity_decl(ctx, name, pub, sys, notation);
}

/* Keeps libxml2's first error: the later ones follow from it. */
static void
sax_error(void *ctx, xmlErrorPtr err)
{
	struct svg *s = sax_svg(ctx);
	const char *msg = err->message ? err->message : "not XML";
	size_t n = strlen(msg);

	if (err->level < XML_ERR_ERROR || s->error.len)
		return;
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	buf_put(&s->error, msg, n);
	/* "Opening and ending tag ..." reads as our own lower-case text. */
	if (s->error.data[0] >= 'A' && s->error.data[0] <= 'Z' &&
	    !(s->error.data[1] >= 'A' && s->error.data[1] <= 'Z'))
		s->error.data[0] += 'a' - 'A';
	s->error_line = err->line > 0 ? err->line : 1;
}

/* No file or URL is ever loaded, whatever asks for it. */
static xmlParserInputPtr
no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* A reference in an attribute or a CSS url(): only '#id' may stay. */
static void
check_ref(struct svg *s, int line, const char *ref)
{
	static const char *const scripts[] = { "javascript:", "vbscript:" };
	struct buf b = BUF_INIT;
	size_t i;

	switch (url_classify(ref)) {
	case URL_FRAGMENT:
		return;
	case URL_OK:
	case URL_NETWORK:
	case URL_INVALID:
		put_quoted(&b, ref, 60);
		problem(s, line, "packs must work offline",
		    "remote reference %s", b.data);
		break;
	case URL_UNSAFE:
		/* Read as url_classify() reads it: blanks and controls
		 * dropped, any case. */
		for (i = 0; ref[i]; i++)
			if ((unsigned char)ref[i] > 0x20 && ref[i] != 0x7f)
				buf_putc(&b, ref[i]);
		for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++)
			if (strncasecmp(b.data, scripts[i],
			    strlen(scripts[i])) == 0)
				break;
		buf_clear(&b);
		if (i < sizeof(scripts) / sizeof(scripts[0])) {
			problem(s, line, "packs must not run scripts",
			    "'%s' link", scripts[i]);
			break;
		}
		/* FALLTHROUGH */
	case URL_RELATIVE:
		put_quoted(&b, ref, 60);
		problem(s, line, "only '#id' references inside the image are "
		    "allowed", "external reference %s", b.data);
		break;
	}
	buf_release(&b);
}

static int
css_name_char(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch >= 0x80;
}

/* CSS in a style attribute, a <style> element or a presentation
 * attribute (fill="url(#g)"): every url() and src() must point inside
 * the image; @import and the functions that take a bare string as a
 * URL are refused, and so are escapes where a function could hide. */
static void
check_css(struct svg *s, int line, const char *css)
{
	struct buf name = BUF_INIT, arg = BUF_INIT;
	const char *p, *q, *start;
	char quote;

	if (strchr(css, '\\') && strchr(css, '('))
		problem(s, line, "escapes could hide a URL", "CSS escape");
	for (p = css; *p && s->problem.len == 0; p++) {
		if (p[0] == '/' && p[1] == '*') {
			q = strstr(p + 2, "*/");
			if (q == NULL)
				break;
			p = q + 1;
			continue;
		}
		if (*p == '@' && strncasecmp(p + 1, "import", 6) == 0 &&
		    !css_name_char((unsigned char)p[7])) {
			problem(s, line, "packs must not load other files",
			    "CSS @import");
			break;
		}
		if (*p != '(')
			continue;
		for (start = p; start > css &&
		    css_name_char((unsigned char)start[-1]); start--)
			;
		buf_clear(&name);
		buf_put(&name, start, (size_t)(p - start));
		if (strcasecmp(name.data, "image-set") == 0 ||
		    strcasecmp(name.data, "-webkit-image-set") == 0 ||
		    strcasecmp(name.data, "image") == 0 ||
		    strcasecmp(name.data, "cross-fade") == 0) {
			problem(s, line, "packs must not load other files",
			    "CSS %s()", name.data);
			break;
		}
		if (strcasecmp(name.data, "url") != 0 &&
		    strcasecmp(name.data, "src") != 0)
			continue;
		for (q = p + 1; *q == ' ' || *q == '\t' || *q == '\n' ||
		    *q == '\r' || *q == '\f'; q++)
			;
		buf_clear(&arg);
		if (*q == '"' || *q == '\'') {
			quote = *q++;
			while (*q && *q != quote)
				buf_putc(&arg, *q++);
		} else
			while (*q && *q != ')' && *q != ' ' && *q != '\t' &&
			    *q != '\n' && *q != '\r' && *q != '\f')
				buf_putc(&arg, *q++);
		check_ref(s, line, arg.data);
	}
	buf_release(&name);
	buf_release(&arg);
}

static int
is_named(const xmlChar *name, const char *want)
{
	return strcasecmp((const char *)name, want) == 0;
}

static int
is_animation(const xmlChar *name)
{
	return is_named(name, "set") || is_named(name, "animate") ||
	    is_named(name, "animateMotion") ||
	    is_named(name, "animateTransform") ||
	    is_named(name, "animateColor");
}

static void
check_attr(struct svg *s, xmlNodePtr el, xmlAttrPtr a)
{
	int line = (int)xmlGetLineNo(el);
	xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
	const char *value = v ? (const char *)v : "";
	const char *name = (const char *)a->name;

	if (strncasecmp(name, "on", 2) == 0)
		problem(s, line, "packs must not run scripts",
		    "event attribute '%.40s'", name);
	else if (is_named(a->name, "href") || is_named(a->name, "src"))
		check_ref(s, line, value);
	else if (is_animation(el->name) && is_named(a->name,
	    "attributeName") && (strncasecmp(value, "on", 2) == 0 ||
	    strcasecmp(value, "href") == 0 ||
	    strcasecmp(value, "xlink:href") == 0))
		problem(s, line, "packs must not run scripts",
		    "animation of '%.40s'", value);
	else
		check_css(s, line, value);
	xmlFree(v);
}

static void
check_element(struct svg *s, xmlNodePtr el)
{
	int line = (int)xmlGetLineNo(el);
	xmlAttrPtr a;
	xmlChar *text;

	/* SVG Tiny 1.2's <handler> is a script too. */
	if (is_named(el->name, "script") || is_named(el->name, "handler"))
		problem(s, line, "packs must not run scripts", "<%.40s>",
		    (const char *)el->name);
	else if (is_named(el->name, "foreignObject"))
		problem(s, line, "it can hold HTML and scripts",
		    "<foreignObject>");
	else if (el->ns && strcmp((const char *)el->ns->href, XHTML_NS) == 0)
		problem(s, line, "it can hold scripts",
		    "HTML element <%.40s>", (const char *)el->name);
	for (a = el->properties; a && s->problem.len == 0; a = a->next)
		check_attr(s, el, a);
	if (is_named(el->name, "style") && s->problem.len == 0) {
		text = xmlNodeGetContent(el);
		check_css(s, line, text ? (const char *)text : "");
		xmlFree(text);
	}
}

/* Walks every node below n; libxml2 bounds the depth (256). */
static void
check_tree(struct svg *s, xmlNodePtr n)
{
	for (; n && s->problem.len == 0; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			check_element(s, n);
			check_tree(s, n->children);
			break;
		case XML_PI_NODE:
			if (is_named(n->name, "xml-stylesheet"))
				problem(s, (int)xmlGetLineNo(n),
				    "packs must not load other files",
				    "<?xml-stylesheet?>");
			break;
		case XML_ENTITY_REF_NODE:
			problem(s, (int)xmlGetLineNo(n), "entities are not "
			    "allowed", "entity '&%.40s;'",
			    (const char *)n->name);
			break;
		default:
			break;
		}
	}
}

static void
svg_hook(struct svg *s)
{
	xmlSAXHandlerPtr sax = s->ctxt->sax;

	s->ctxt->_private = s;
	s->internal_subset = sax->internalSubset;
	s->entity_decl = sax->entityDecl;
	s->element_decl = sax->elementDecl;
	s->attribute_decl = sax->attributeDecl;
	s->notation_decl = sax->notationDecl;
	s->unparsed_entity_decl = sax->unparsedEntityDecl;
	sax->serror = sax_error;
	sax->internalSubset = sax_internal_subset;
	sax->entityDecl = sax_entity_decl;
	sax->elementDecl = sax_element_decl;
	sax->attributeDecl = sax_attribute_decl;
	sax->notationDecl = sax_notation_decl;
	sax->unparsedEntityDecl = sax_unparsed_entity_decl;
}

enum svg_result {
	SVG_SAFE,
	SVG_NOT_XML,	/* not well-formed XML; *error says why */
	SVG_NOT_SVG,	/* XML, but its root is not an SVG <svg> */
	SVG_UNSAFE	/* s->problem says why */
};

/* Parses data as XML and checks it.  On SVG_NOT_XML, s->error holds
 * libxml2's message and s->error_line its line. */
static enum svg_result
svg_parse(struct svg *s, const char *data, size_t len)
{
	static int ready;
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
	enum svg_result rc;
	xmlDocPtr doc;
	xmlNodePtr root;

	if (!ready) {
		xmlInitParser();
		xmlSetExternalEntityLoader(no_loader);
		ready = 1;
	}
	if ((s->ctxt = xmlNewParserCtxt()) == NULL) {
		/* As xalloc.c does: libxml2 fails here only without memory. */
		fprintf(stderr, "lecturepack: fatal: out of memory (libxml2)\n");
		exit(2);
	}
	svg_hook(s);
	doc = xmlCtxtReadMemory(s->ctxt, data, (int)len, NULL, NULL, opts);
	if (s->problem.len)
		rc = SVG_UNSAFE;
	else if (doc == NULL || !s->ctxt->wellFormed) {
		rc = SVG_NOT_XML;
		if (s->error.len == 0) {
			buf_puts(&s->error, "not well-formed XML");
			s->error_line = 1;
		}
	} else if ((root = xmlDocGetRootElement(doc)) == NULL ||
	    strcmp((const char *)root->name, "svg") != 0 ||
	    root->ns == NULL ||
	    strcmp((const char *)root->ns->href, SVG_NS) != 0)
		rc = SVG_NOT_SVG;
	else {
		check_tree(s, doc->children);
		rc = s->problem.len ? SVG_UNSAFE : SVG_SAFE;
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(s->ctxt);
	s->ctxt = NULL;
	return rc;
}

/* ---- the check ---- */

/* What image_check() found for one file, kept for the run: an image
 * that many lectures use, in many packs, is read and parsed once.  The
 * key is "what:path"; the file must still be the same (device, inode,
 * size, modification time) for the verdict to stand. */
struct verdict {
	char		*key;
	struct stat	 st;
	const char	*type;		/* NULL: refused */
	enum diag_level	 level;
	char		*message;	/* NULL: nothing to say */
};

static struct strmap	 verdict_map = STRMAP_INIT;
static struct verdict	*verdicts;
static size_t		 n_verdicts, cap_verdicts;

static void
not_image(struct buf *msg, const char *path, const char *what)
{
	if (strcmp(what, "image") == 0)
		buf_printf(msg, "'%.80s' is not an image (png, jpg, gif, svg "
		    "or webp)", path);
	else
		buf_printf(msg, "%s '%.80s' is not an image (png, jpg, gif, "
		    "svg or webp)", what, path);
}

/* Whether the first bytes could start XML (after a BOM and blanks). */
static int
looks_like_xml(const unsigned char *h, size_t n)
{
	size_t i = 0;

	if (n >= 3 && h[0] == 0xef && h[1] == 0xbb && h[2] == 0xbf)
		i = 3;
	while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\n' ||
	    h[i] == '\r'))
		i++;
	return i < n && h[i] == '<';
}

/* Returns 0 for a safe SVG, or -1 with the error in msg. */
static int
check_svg(struct buf *msg, const char *path, const char *what,
    int named_svg)
{
	struct svg s;
	char *data;
	size_t len;
	int rc = -1;

	if (file_read(path, &data, &len, IMAGE_SVG_MAX_BYTES) == -1) {
		if (errno == EFBIG)
			buf_printf(msg, "SVG %s '%.80s' is larger than %u MiB",
			    what, path, IMAGE_SVG_MAX_BYTES >> 20);
		else
			buf_printf(msg, "cannot read '%.80s': %s", path,
			    strerror(errno));
		return -1;
	}
	memset(&s, 0, sizeof(s));
	buf_init(&s.problem);
	buf_init(&s.error);
	switch (svg_parse(&s, data, len)) {
	case SVG_SAFE:
		rc = 0;
		break;
	case SVG_UNSAFE:
		buf_printf(msg, "SVG %s '%.80s' is unsafe: %s", what, path,
		    s.problem.data);
		break;
	case SVG_NOT_XML:
		if (named_svg)
			buf_printf(msg, "SVG %s '%.80s' is malformed at line "
			    "%d: %.120s", what, path, s.error_line,
			    s.error.data);
		else
			not_image(msg, path, what);
		break;
	case SVG_NOT_SVG:
		not_image(msg, path, what);
		break;
	}
	buf_release(&s.problem);
	buf_release(&s.error);
	free(data);
	return rc;
}

/* Reads and judges the file: v->type, and what to say in v->level and
 * msg. */
static void
judge(struct verdict *v, const char *path, const char *what,
    struct buf *msg)
{
	unsigned char head[16];
	const char *named = media_type(path), *type;
	const struct image_kind *k;
	ssize_t n;

	v->type = NULL;
	v->level = DIAG_ERROR;
	if ((n = read_head(path, head, sizeof(head))) == -1) {
		buf_printf(msg, "cannot read '%.80s': %s", path,
		    strerror(errno));
		return;
	}
	type = magic_type(head, (size_t)n);
	if (type == NULL) {
		if (!looks_like_xml(head, (size_t)n) && (named == NULL ||
		    strcmp(named, "image/svg+xml") != 0)) {
			not_image(msg, path, what);
			return;
		}
		if (check_svg(msg, path, what, named &&
		    strcmp(named, "image/svg+xml") == 0) == -1)
			return;
		type = "image/svg+xml";
	}
	k = kind_of(type);
	v->type = k->type;
	v->level = DIAG_WARNING;
	if (named == NULL || strcmp(named, type) != 0)
		buf_printf(msg, "%s '%.80s' is a %s file, not what its name "
		    "says: packed as %s (rename it to end in .%s)", what, path,
		    k->label, k->label, k->ext);
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static int
check_locked(const char *path, struct loc at, const char *what,
    struct image *img, struct msgs *msgs)
{
	struct buf key = BUF_INIT, msg = BUF_INIT;
	struct strmap_slot *slot;
	struct verdict *v;
	struct stat st;

	memset(img, 0, sizeof(*img));
	if (stat(path, &st) == -1)
		return error_at(msgs, at, "cannot read '%.80s': %s", path,
		    strerror(errno));
	buf_printf(&key, "%s:%s", what, path);
	if ((slot = strmap_find(&verdict_map, key.data)) != NULL) {
		v = &verdicts[slot->val];
		buf_release(&key);
	} else {
		verdicts = xgrow(verdicts, &cap_verdicts, n_verdicts + 1,
		    sizeof(*verdicts));
		v = &verdicts[n_verdicts];
		memset(v, 0, sizeof(*v));
		v->key = buf_detach(&key, NULL);
		strmap_add(&verdict_map, v->key, n_verdicts++);
	}
	if (v->st.st_ino == 0 || !same_file(&v->st, &st)) {
		v->st = st;
		judge(v, path, what, &msg);
		free(v->message);
		v->message = msg.len ? buf_detach(&msg, NULL) : NULL;
	}
	if (v->message)
		diag_at(msgs, v->level, at, "%s", v->message);
	if (v->type == NULL)
		return -1;
	img->path = xstrdup(path);
	img->name = image_pack_name(path, v->type);
	img->type = v->type;
	return 0;
}

/* The verdicts are shared by the packs a run builds in parallel. */
static pthread_mutex_t verdict_lock = PTHREAD_MUTEX_INITIALIZER;

int
image_check(const char *path, struct loc at, const char *what,
    struct image *img, struct msgs *msgs)
{
	int rc;

	pthread_mutex_lock(&verdict_lock);
	rc = check_locked(path, at, what, img, msgs);
	pthread_mutex_unlock(&verdict_lock);
	return rc;
}

void
image_forget(void)
{
	size_t i;

	for (i = 0; i < n_verdicts; i++) {
		free(verdicts[i].key);
		free(verdicts[i].message);
	}
	free(verdicts);
	verdicts = NULL;
	n_verdicts = cap_verdicts = 0;
	strmap_release(&verdict_map);
}

void
image_release(struct image *img)
{
	free(img->path);
	free(img->name);
	memset(img, 0, sizeof(*img));
}

/* ---- names in a pack ---- */

static int
name_safe(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

/* Appends s[0..n) when it is safe, else its slug ("x" when empty). */
static void
put_safe(struct buf *out, const char *s, size_t n)
{
	size_t before = out->len;

	if (name_safe(s, n))
		buf_put(out, s, n);
	else
		slug_append(out, s, n);
	if (out->len == before)
		buf_putc(out, 'x');
}

char *
image_pack_name(const char *path, const char *type)
{
	const struct image_kind *k = kind_of(type);
	const char *seg, *base = strrchr(path, '/'), *dot;
	const char *named = media_type(path);
	struct buf out = BUF_INIT;
	uint32_t h = 2166136261u;
	size_t n;

	for (seg = path; *seg; seg += n + (seg[n] == '/'))
		if (!name_safe(seg, n = strcspn(seg, "/")))
			break;
	if (*seg == '\0' && named && strcmp(named, type) == 0)
		return xstrdup(path);
	base = base ? base + 1 : path;
	for (seg = path; seg < base; seg += n + 1) {
		n = strcspn(seg, "/");
		put_safe(&out, seg, n);
		buf_putc(&out, '/');
	}
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	put_safe(&out, base, (size_t)(dot - base));
	for (seg = path; *seg; seg++) {
		h ^= (unsigned char)*seg;
		h *= 16777619u;
	}
	buf_printf(&out, "-%08x.%s", (unsigned)h, k ? k->ext : "bin");
	return buf_detach(&out, NULL);
}
