/* theme.c - themes: lookup, labels, the page template (see theme.h). */
#include "theme.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "escape.h"
#include "load_source.h"
#include "load_yaml.h"
#include "path.h"
#include "strmap.h"
#include "xalloc.h"

#ifndef LP_DATADIR
#define LP_DATADIR "/usr/local/share/lecturepack"
#endif

struct label {
	char	*key;
	char	*value;
};

struct theme {
	char		*dir;
	int		 in_repo;	/* the repository's own: contained */
	char		*page;		/* the page template */
	struct label	*labels;
	size_t		 n_labels;
	struct strmap	 label_index;	/* key -> its number in labels: a
					   page looks up labels by the
					   hundred */
	char		**files;	/* page, labels, asset paths, epub.css,
					   then the fallback labels */
	size_t		 n_files;
	struct theme_asset *assets;	/* assets/NAME, by name, read once:
					   every pack copies them */
	size_t		 n_assets;
	struct theme_asset epub_css;	/* epub.css, read once */
	char		*fallback;	/* the default theme's labels, when
					   this one lacks some; or NULL */
	struct msgs	*msgs;		/* while loading: where problems go */
};

/* Every label the tool itself writes; a theme must define them all. */
static const char *const required_labels[] = {
	"contents", "previous", "next", "skip_link", "authors", "hours",
	"hours_unit", "updated", "date_format", "center", "legend_title", "legend_text",
	"mark_outdated", "mark_outdated_to", "mark_current", "notes_title",
	"note_level_province", "note_level_district", "note_level_commune",
	"formerly", "term", "backlinks_title", "no_backlinks",
	"embed_source", "footnotes_title", "footnote_back",
	"footnote_back_label", "publisher_date", "landmarks", "accessibility_summary",
	"report_title", "report_by_curriculum", "report_center",
	"report_curriculum", "report_lectures", "report_progress",
	"report_by_lecture", "report_status", "report_lecture",
	"report_local_links", "report_outdated_parts", "report_no_local_link",
	"report_province", "report_district", "report_commune",
	"report_old_term", "report_line", "status_outdated",
	"status_partial", "status_unmarked", "status_updated",
	"report_summary", "report_baseline_covers", "badge_outdated",
	"badge_partial", "badge_updated", "figure_number", "task_done",
	"task_open", "callout_note", "callout_tip", "callout_important",
	"callout_warning", "callout_caution", "mark_neutral",
	"placeholder_label", "locality_words",
	"heading_anchor", "page_contents", "nav_close",
	NULL
};

/* Template variables a page may use. */
static const char *const page_vars[] = {
	"lang", "page_title", "pack_title", "center", "content", "nav",
	"generator", NULL
};

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The installed data folder: BINDIR/../share/lecturepack beside the
 * running binary (so `make install PREFIX=...` needs no rebuild), else
 * the one compiled in. */
static void
installed_dir(struct buf *b, const char *name)
{
	char exe[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			buf_printf(b, "%s/../share/lecturepack/themes/%s", exe,
			    name);
			if (is_dir(b->data))
				return;
			buf_clear(b);
		}
	}
	buf_printf(b, "%s/themes/%s", LP_DATADIR, name);
}

static char *
find_dir(const char *name)
{
	struct buf b = BUF_INIT;

	if (strchr(name, '/') != NULL || name[0] == '.')
		return NULL;
	buf_printf(&b, "themes/%s", name);
	/* A theme of the repository must really be inside it. */
	if (is_dir(b.data) && path_inside_repo(b.data))
		return buf_detach(&b, NULL);
	buf_clear(&b);
	installed_dir(&b, name);
	if (is_dir(b.data))
		return buf_detach(&b, NULL);
	buf_release(&b);
	return NULL;
}

int
theme_exists(const char *name)
{
	char *d = find_dir(name);

	free(d);
	return d != NULL;
}

static void
add_file(struct theme *t, const char *path, size_t *cap)
{
	t->files = xgrow(t->files, cap, t->n_files + 1, sizeof(*t->files));
	t->files[t->n_files++] = xstrdup(path);
}

/* Reads the bytes of a theme file that packs copy (an asset, epub.css)
 * into a; the error, if any, is located at path. */
static int
read_asset(struct theme *t, const char *path, struct theme_asset *a)
{
	char *data;

	if (file_read_at(path, &data, &a->len, THEME_ASSET_MAX,
	    t->msgs) == -1) {
		a->len = 0;
		return -1;
	}
	a->data = data;
	return 0;
}

static int
cmp_asset(const void *a, const void *b)
{
	return strcmp(((const struct theme_asset *)a)->name,
	    ((const struct theme_asset *)b)->name);
}

static int
load_assets(struct theme *t, size_t *cap)
{
	struct buf p = BUF_INIT;
	DIR *dp;
	struct dirent *de;
	size_t acap = 0, i;
	int rc = 0;

	buf_printf(&p, "%s/assets", t->dir);
	if ((dp = opendir(p.data)) == NULL) {
		buf_release(&p);
		return errno == ENOENT ? 0 : sys_error("cannot read "
		    "'%s/assets': %s", t->dir, strerror(errno));
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		t->assets = xgrow(t->assets, &acap, t->n_assets + 1,
		    sizeof(*t->assets));
		memset(&t->assets[t->n_assets], 0, sizeof(*t->assets));
		t->assets[t->n_assets++].name = xstrdup(de->d_name);
	}
	closedir(dp);
	if (t->n_assets > 1)
		qsort(t->assets, t->n_assets, sizeof(*t->assets), cmp_asset);
	for (i = 0; i < t->n_assets; i++) {
		buf_clear(&p);
		buf_printf(&p, "%s/assets/%s", t->dir, t->assets[i].name);
		if (path_input_check(p.data, t->in_repo, t->msgs) == -1 ||
		    read_asset(t, p.data, &t->assets[i]) == -1)
			rc = -1;
		add_file(t, p.data, cap);
	}
	buf_release(&p);
	return rc;
}

/* Adds the labels of the YAML map y (a labels.yaml) to t, except those
 * t has already; counts the errors. */
static int
add_labels(struct theme *t, const struct ynode *y, size_t *cap)
{
	size_t i;
	int errors = 0;

	for (i = 0; i + 1 < y->n; i += 2) {
		if (y->kids[i + 1]->type != YNODE_SCALAR) {
			errors = error_at(t->msgs, y->kids[i + 1]->loc, "a label must "
			    "be text");
			continue;
		}
		if (theme_label(t, y->kids[i]->value) != NULL)
			continue;
		t->labels = xgrow(t->labels, cap, t->n_labels + 1,
		    sizeof(*t->labels));
		t->labels[t->n_labels].key = xstrdup(y->kids[i]->value);
		t->labels[t->n_labels].value =
		    xstrdup(y->kids[i + 1]->value);
		strmap_add(&t->label_index, t->labels[t->n_labels].key,
		    t->n_labels);
		t->n_labels++;
	}
	return errors;
}

/* The labels file at path as a YAML map, or NULL after an error. */
static struct ynode *
read_labels(struct theme *t, const char *path)
{
	struct source src;
	struct ynode *y;

	if (source_load_plain(&src, path, t->msgs) == -1)
		return NULL;
	y = yaml_load(path, src.yaml, src.yaml_len, 1, t->msgs);
	source_release(&src);
	if (y != NULL && y->type != YNODE_MAP) {
		ynode_free(y);
		error_at(t->msgs, LOC(path, 1, 1), "labels must be "
		    "'key: text' lines");
		return NULL;
	}
	return y;
}

/* The required labels t lacks, as "a, b, c" in missing; their number. */
static size_t
missing_labels(const struct theme *t, struct buf *missing)
{
	size_t i, n = 0;

	for (i = 0; required_labels[i]; i++)
		if (theme_label(t, required_labels[i]) == NULL) {
			buf_printf(missing, "%s'%s'", n++ ? ", " : "",
			    required_labels[i]);
		}
	return n;
}

/* A theme copied before the tool learnt new words lacks their labels:
 * they come from the default theme, with one warning that names them,
 * as a site generator falls back to its default language.  The default
 * theme itself must have them all. */
static int
default_labels(struct theme *t, const char *path, size_t *cap)
{
	struct buf missing = BUF_INIT, dp = BUF_INIT;
	char *dir = find_dir("default");
	struct ynode *y = NULL;
	size_t n = missing_labels(t, &missing);
	int errors = 0;

	if (n == 0)
		goto done;
	if (dir != NULL)
		buf_printf(&dp, "%s/labels.yaml", dir);
	if (dir == NULL || strcmp(dir, t->dir) == 0 ||
	    (y = read_labels(t, dp.data)) == NULL) {
		errors = error_at(t->msgs, LOC(path, 0, 0), "missing labels: "
		    "%s", missing.data);
		goto done;
	}
	t->fallback = buf_detach(&dp, NULL);
	errors = add_labels(t, y, cap);
	warn_at(t->msgs, LOC(path, 0, 0), "labels missing, the default "
	    "theme's are used: %s", missing.data);
	buf_clear(&missing);
	if (missing_labels(t, &missing))
		errors = error_at(t->msgs, LOC(path, 0, 0), "missing labels: "
		    "%s", missing.data);
done:
	ynode_free(y);
	free(dir);
	buf_release(&dp);
	buf_release(&missing);
	return errors;
}

static int
load_labels(struct theme *t, const char *path)
{
	struct ynode *y = read_labels(t, path);
	size_t cap = 0;
	int errors;

	if (y == NULL)
		return -1;
	errors = add_labels(t, y, &cap);
	ynode_free(y);
	return errors | default_labels(t, path, &cap);
}

/* Checks every {{name}} of the page template, and that it has the
 * one place every page's content goes. */
static int
check_page(struct theme *t, const char *path)
{
	const char *p = t->page, *e;
	int line = 1, errors = 0;
	size_t i, n;

	if (strstr(t->page, "{{{content}}}") == NULL)
		errors = error_at(t->msgs, LOC(path, 0, 0), "the "
		    "template has no '{{{content}}}': every page would be "
		    "empty");

	for (; *p; p++) {
		if (*p == '\n')
			line++;
		if (p[0] != '{' || p[1] != '{')
			continue;
		p += 2 + (p[2] == '{');
		e = strstr(p, "}}");
		if (e == NULL)
			return error_at(t->msgs, LOC(path, line, 0),
			    "unclosed '{{'");
		n = (size_t)(e - p);
		if (n > 6 && strncmp(p, "label.", 6) == 0) {
			char *k = xstrndup(p + 6, n - 6);

			if (theme_label(t, k) == NULL)
				errors = error_at(t->msgs, LOC(path, line, 0),
				    "unknown label '%s'", k);
			free(k);
			continue;
		}
		for (i = 0; page_vars[i]; i++)
			if (strlen(page_vars[i]) == n &&
			    strncmp(page_vars[i], p, n) == 0)
				break;
		if (page_vars[i] == NULL)
			errors = error_at(t->msgs, LOC(path, line, 0),
			    "unknown template variable '%.*s'", (int)n, p);
	}
	return errors;
}

struct theme *
theme_load(const char *name, struct msgs *msgs)
{
	struct theme *t = xcalloc(1, sizeof(*t));
	struct buf p = BUF_INIT;
	struct source src;
	size_t cap = 0;
	int rc = 0;

	t->msgs = msgs;

	if ((t->dir = find_dir(name)) == NULL) {
		sys_error("unknown theme '%s'", name);
		goto fail;
	}
	t->in_repo = strncmp(t->dir, "themes/", 7) == 0;
	buf_printf(&p, "%s/page.html", t->dir);
	add_file(t, p.data, &cap);
	if (path_input_check(p.data, t->in_repo, t->msgs) == -1 ||
	    source_load_plain(&src, p.data, t->msgs) == -1)
		goto fail;
	t->page = src.yaml;
	src.yaml = NULL;
	source_release(&src);
	buf_clear(&p);
	buf_printf(&p, "%s/labels.yaml", t->dir);
	add_file(t, p.data, &cap);
	if (path_input_check(p.data, t->in_repo, t->msgs) == -1)
		rc = -1;
	else
		rc |= load_labels(t, p.data);
	buf_clear(&p);
	buf_printf(&p, "%s/page.html", t->dir);
	if (rc == 0)
		rc |= check_page(t, p.data);
	rc |= load_assets(t, &cap);
	/* After the assets: theme_assets() hands out files + 2. */
	buf_clear(&p);
	buf_printf(&p, "%s/epub.css", t->dir);
	if (access(p.data, F_OK) == -1) {
		sys_error("theme '%s' has no epub.css", name);
		rc = -1;
	} else if (path_input_check(p.data, t->in_repo, t->msgs) == -1 ||
	    read_asset(t, p.data, &t->epub_css) == -1)
		rc = -1;
	add_file(t, p.data, &cap);
	if (t->fallback)
		add_file(t, t->fallback, &cap);
	if (rc != 0)
		goto fail;
	buf_release(&p);
	t->msgs = NULL;
	return t;
fail:
	buf_release(&p);
	theme_free(t);
	return NULL;
}

void
theme_free(struct theme *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n_labels; i++) {
		free(t->labels[i].key);
		free(t->labels[i].value);
	}
	free(t->labels);
	strmap_release(&t->label_index);
	for (i = 0; i < t->n_files; i++)
		free(t->files[i]);
	free(t->files);
	for (i = 0; i < t->n_assets; i++) {
		free((char *)t->assets[i].name);
		free((char *)t->assets[i].data);
	}
	free(t->assets);
	free(t->page);
	free(t->dir);
	free((char *)t->epub_css.data);
	free(t->fallback);
	free(t);
}

const char *
theme_label(const struct theme *t, const char *key)
{
	const struct strmap_slot *slot = strmap_find(&t->label_index, key);

	return slot ? t->labels[slot->val].value : NULL;
}

void
theme_label_fmt(const struct theme *t, struct buf *out, const char *key,
    const char *arg)
{
	const struct tvar vars[] = { { "n", arg, 0 }, { NULL, NULL, 0 } };

	theme_label_vars(t, out, key, vars);
}

/* The var named by the n bytes at name, or NULL. */
static const struct tvar *
label_var(const struct tvar *vars, const char *name, size_t n)
{
	for (; vars->name; vars++)
		if (strlen(vars->name) == n && memcmp(vars->name, name, n) == 0)
			return vars;
	return NULL;
}

/* The label with each "{name}" of vars replaced by its value, every
 * piece appended by put (escaping or not). */
static void
label_expand(const struct theme *t, struct buf *out, const char *key,
    const struct tvar *vars, void (*put)(struct buf *, const char *, size_t))
{
	const char *s = theme_label(t, key), *p, *e;
	const struct tvar *v;

	if (s == NULL)
		s = key;
	while ((p = strchr(s, '{')) != NULL) {
		e = strchr(p + 1, '}');
		v = e ? label_var(vars, p + 1, (size_t)(e - p - 1)) : NULL;
		if (v == NULL) {
			/* Not a placeholder: the brace is text. */
			put(out, s, (size_t)(p + 1 - s));
			s = p + 1;
			continue;
		}
		put(out, s, (size_t)(p - s));
		put(out, v->value, strlen(v->value));
		s = e + 1;
	}
	put(out, s, strlen(s));
}

void
theme_label_vars(const struct theme *t, struct buf *out, const char *key,
    const struct tvar *vars)
{
	label_expand(t, out, key, vars, esc_html);
}

static void
put_plain(struct buf *out, const char *s, size_t len)
{
	buf_put(out, s, len);
}

void
theme_label_text(const struct theme *t, struct buf *out, const char *key,
    const char *arg)
{
	const struct tvar vars[] = { { "n", arg, 0 }, { NULL, NULL, 0 } };

	label_expand(t, out, key, vars, put_plain);
}

void
theme_label_text_vars(const struct theme *t, struct buf *out, const char *key,
    const struct tvar *vars)
{
	label_expand(t, out, key, vars, put_plain);
}

void
theme_page_around(const struct theme *t, struct buf *head, struct buf *tail,
    const struct tvar *vars)
{
	struct buf *out = head;
	const char *p = t->page, *e;
	const struct tvar *v;
	size_t n;
	int raw;

	while ((e = strstr(p, "{{")) != NULL) {
		buf_put(out, p, (size_t)(e - p));
		raw = e[2] == '{';
		e += 2 + raw;
		p = strstr(e, "}}");
		n = (size_t)(p - e);
		if (n > 6 && strncmp(e, "label.", 6) == 0) {
			char *k = xstrndup(e + 6, n - 6);

			esc_html_str(out, theme_label(t, k));
			free(k);
		} else if (out != tail && raw && n == 7 &&
		    strncmp(e, "content", 7) == 0)
			out = tail;	/* the caller writes the content */
		else
			for (v = vars; v->name; v++)
				if (strlen(v->name) == n &&
				    strncmp(v->name, e, n) == 0) {
					if (raw && v->raw)
						buf_puts(out, v->value);
					else
						esc_html_str(out, v->value);
					break;
				}
		p += 2 + (raw && p[2] == '}');
	}
	buf_puts(out, p);
}

const struct theme_asset *
theme_epub_css(const struct theme *t)
{
	return &t->epub_css;
}

size_t
theme_files(const struct theme *t, const char *const **files)
{
	*files = (const char *const *)t->files;
	return t->n_files;
}

size_t
theme_assets(const struct theme *t, const struct theme_asset **assets)
{
	*assets = t->assets;
	return t->n_assets;
}
