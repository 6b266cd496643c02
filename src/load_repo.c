/* load_repo.c - lectures, notes and curricula together (see load_repo.h). */
#include "load_repo.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "load_doc.h"
#include "load_image.h"
#include "load_meta.h"
#include "load_source.h"
#include "load_yaml.h"
#include "path.h"
#include "text.h"
#include "theme.h"
#include "xalloc.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir/NAME.suffix, sorted, as "dir/name".  Returns -1 (errno) when
 * the folder cannot be read; a missing folder is an empty list when
 * `optional`. */
static int
list_files(const char *dir, const char *suffix, int optional, char ***out,
    size_t *n)
{
	DIR *dp;
	struct dirent *de;
	size_t cap = 0, sl = strlen(suffix), nl;
	struct buf p = BUF_INIT;

	*out = NULL;
	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return optional && errno == ENOENT ? 0 : -1;
	while ((de = readdir(dp)) != NULL) {
		nl = strlen(de->d_name);
		if (de->d_name[0] == '.' || nl <= sl ||
		    strcmp(de->d_name + nl - sl, suffix) != 0)
			continue;
		buf_clear(&p);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = xstrdup(p.data);
	}
	closedir(dp);
	buf_release(&p);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_str);
	return 0;
}

static int
cmp_doc_id(const void *a, const void *b)
{
	const struct doc *x = *(struct doc *const *)a;
	const struct doc *y = *(struct doc *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->path, y->path);
}

/* Page names the pack uses itself (index.html, the EPUB's nav.xhtml,
 * cover.xhtml, toc.ncx, content.opf, and print.html). */
static const char *const reserved_ids[] = {
	"index", "nav", "cover", "toc", "content", "print", NULL
};

/* An id names files (ID.html, ID.xhtml, and for a pack OUT/ID.epub with
 * its temporaries): it must not be a name the pack uses itself, and it
 * must fit in a file name on every file system. */
static void
check_id_name(struct doc *d)
{
	size_t i, n = strlen(d->id);

	for (i = 0; reserved_ids[i]; i++)
		if (strcmp(d->id, reserved_ids[i]) == 0) {
			error_at(&d->msgs, d->id_loc, "the id '%s' is the name of a page "
			    "of the pack itself (index, nav, cover, toc, "
			    "content, print): choose another", d->id);
			return;
		}
	if (n > ID_MAX_LEN) {
		error_at(&d->msgs, d->id_loc, "the id is %zu characters long; at most "
		    "%d fit in a file name everywhere", n, ID_MAX_LEN);
	}
}

static void
check_ids(struct repo *r)
{
	size_t i;

	r->by_id = xcalloc(r->n_docs, sizeof(*r->by_id));
	if (r->n_docs == 0)
		return;
	memcpy(r->by_id, r->docs, r->n_docs * sizeof(*r->by_id));
	qsort(r->by_id, r->n_docs, sizeof(*r->by_id), cmp_doc_id);
	for (i = 1; i < r->n_docs; i++) {
		struct doc *a = r->by_id[i - 1], *b = r->by_id[i];

		if (strcmp(a->id, b->id) != 0)
			continue;
		error_at(&b->msgs, b->id_loc, "duplicate id '%.80s'", b->id);
		note_at(&b->msgs, a->id_loc, "'%.80s' is also the id of this file", a->id);
	}
	for (i = 0; i < r->n_docs; i++)
		check_id_name(r->docs[i]);
}

/* A district's parent is a province note; a commune's is a province
 * note (two tiers, since 2025) or a district note (before). */
static void
check_parent(struct repo *r, struct doc *d)
{
	struct doc *p = repo_find(r, d->parent);

	if (d->level == LEVEL_PROVINCE) {
		error_at(&d->msgs, d->parent_loc, "a province note has no "
		    "'parent'");
	} else if (d->level == LEVEL_COMMUNE) {
		if (p == NULL || p->kind != DOC_NOTE ||
		    (p->level != LEVEL_PROVINCE && p->level != LEVEL_DISTRICT))
			error_at(&d->msgs, d->parent_loc, "parent '%.80s' is "
			    "not a province or district note", d->parent);
	} else if (p == NULL || p->kind != DOC_NOTE ||
	    p->level != LEVEL_PROVINCE) {
		error_at(&d->msgs, d->parent_loc, "parent '%.80s' is not a "
		    "province note", d->parent);
	}
}

/* The ids of a note's 'replaces:' name notes of the former localities:
 * each one is marked as replaced by a note of the term in force. */
static void
check_replaces(struct repo *r, struct doc *d)
{
	struct doc *old;
	const char *near;
	size_t k;

	for (k = 0; k < d->n_replaces; k++) {
		struct loc at = d->replaces_locs[k];

		old = repo_find_kind(r, d->replaces[k], DOC_NOTE);
		if (old == NULL || old->kind != DOC_NOTE) {
			near = repo_suggest(r, d->replaces[k], DOC_NOTE,
			    LEVEL_NONE);
			if (old != NULL)
				error_at(&d->msgs, at, "'%.80s' is a lecture, "
				    "not a note", d->replaces[k]);
			else if (near != NULL)
				error_at(&d->msgs, at, "no note '%.80s' in "
				    "lectures/notes/ (did you mean '%.80s'?)",
				    d->replaces[k], near);
			else
				error_at(&d->msgs, at, "no note '%.80s' in "
				    "lectures/notes/", d->replaces[k]);
			continue;
		}
		if (old == d) {
			error_at(&d->msgs, at, "a note cannot replace itself");
			continue;
		}
		if (d->term && old->term && strcmp(old->term, d->term) >= 0) {
			error_at(&d->msgs, at, "'%.80s' is of term %s, not one "
			    "before this note's (%s)", old->id, old->term,
			    d->term);
			continue;
		}
		if (d->term && strcmp(d->term, r->term) == 0 &&
		    old->replaced_by == NULL)
			old->replaced_by = d;
	}
}

static void
check_notes(struct repo *r)
{
	size_t i;
	struct doc *d;

	for (i = r->n_lectures; i < r->n_docs; i++) {
		d = r->docs[i];
		if (d->parent != NULL)
			check_parent(r, d);
		check_replaces(r, d);
	}
}

/* ---- lecturepack.yaml ---- */

static const struct meta_key settings_keys[] = {
	{ "current", META_CONGRESS, offsetof(struct repo, current),
	    offsetof(struct repo, current_line), 0 },
	{ "term", META_TERM, offsetof(struct repo, term),
	    offsetof(struct repo, term_loc), 0 },
	{ NULL, 0, 0, 0, 0 }
};

/* Reads the optional settings file (SPEC 6a) into r; its problems go
 * to r->msgs, located like front matter's. */
static void
load_settings(struct repo *r)
{
	struct source src;
	struct ynode *y;

	if (access(SETTINGS_FILE, F_OK) == -1)
		return;
	r->has_settings = 1;
	if (path_input_check(SETTINGS_FILE, 1, &r->msgs) == -1 ||
	    source_load_plain(&src, SETTINGS_FILE, &r->msgs) == -1)
		return;
	y = yaml_load(SETTINGS_FILE, src.yaml, src.yaml_len, 1, &r->msgs);
	source_release(&src);
	if (y == NULL)
		return;
	meta_apply(r, settings_keys, y, N_("the settings"), &r->msgs);
	ynode_free(y);
	/* A 'current:' written almost right is an error already: measure
	 * against the default rather than against nothing. */
	if (r->current == MARK_UNREADABLE)
		r->current = 0;
}

static int
load_kind(struct repo *r, const char *dir, enum doc_kind kind, int optional,
    size_t *cap)
{
	char **files;
	size_t n, i;
	int inside;

	if (list_files(dir, ".md", optional, &files, &n) == -1)
		return sys_error("cannot read '%.80s': %s", dir, strerror(errno));
	inside = n > 0 && path_inside_repo(dir);
	for (i = 0; i < n; i++) {
		if (path_listed_check(files[i], inside, &r->msgs) == 0) {
			r->docs = xgrow(r->docs, cap, r->n_docs + 1,
			    sizeof(*r->docs));
			r->docs[r->n_docs++] = doc_open(files[i], kind);
		}
		free(files[i]);
	}
	free(files);
	return 0;
}

int
repo_load(struct repo *r)
{
	size_t cap = 0, i;

	memset(r, 0, sizeof(*r));
	load_settings(r);
	if (r->current == 0)
		r->current = CONGRESS_DEFAULT;
	if (r->term == NULL)
		r->term = xstrdup(TERM_DEFAULT);
	if (load_kind(r, "lectures", DOC_LECTURE, 0, &cap) == -1)
		return -1;
	r->n_lectures = r->n_docs;
	if (load_kind(r, "lectures/notes", DOC_NOTE, 1, &cap) == -1)
		return -1;
	for (i = 0; i < r->n_docs; i++)
		r->docs[i]->index = i;
	check_ids(r);
	check_notes(r);
	return 0;
}

struct doc *
repo_find(const struct repo *r, const char *id)
{
	size_t lo = 0, hi = r->n_docs, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(r->by_id[mid]->id, id);
		if (c == 0)
			return r->by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct doc *
repo_find_kind(const struct repo *r, const char *id, enum doc_kind kind)
{
	struct doc *d = repo_find(r, id);
	size_t i;

	if (d == NULL || d->kind == kind)
		return d;
	/* A duplicate id (reported at the doc): the one of that kind. */
	for (i = 0; i < r->n_docs; i++)
		if (r->docs[i]->kind == kind && strcmp(r->docs[i]->id, id) == 0)
			return r->docs[i];
	return d;
}

const char *
repo_suggest(const struct repo *r, const char *id, int kind,
    enum note_level level)
{
	const char *best = NULL;
	size_t i;
	int d, bestd = 3;

	for (i = 0; i < r->n_docs; i++) {
		const struct doc *x = r->docs[i];

		if ((kind >= 0 && (int)x->kind != kind) ||
		    (level != LEVEL_NONE && x->level != level))
			continue;
		if ((d = near_distance(id, x->id)) >= 0 && d < bestd) {
			bestd = d;
			best = x->id;
		}
	}
	return best;
}

/* ---- curricula ---- */

static const struct meta_key curriculum_keys[] = {
	{ "title", META_STR, offsetof(struct curriculum, title), 0, 1 },
	{ "center", META_STR, offsetof(struct curriculum, center), 0, 1 },
	{ "province", META_ID, offsetof(struct curriculum, province),
	    offsetof(struct curriculum, province_loc), 0 },
	{ "district", META_ID, offsetof(struct curriculum, district),
	    offsetof(struct curriculum, district_loc), 0 },
	{ "commune", META_ID, offsetof(struct curriculum, commune),
	    offsetof(struct curriculum, commune_loc), 0 },
	{ "term", META_TERM, offsetof(struct curriculum, term),
	    offsetof(struct curriculum, term_loc), 0 },
	{ "language", META_LANG, offsetof(struct curriculum, language), 0, 0 },
	{ "theme", META_ID, offsetof(struct curriculum, theme),
	    offsetof(struct curriculum, theme_loc), 0 },
	{ "date", META_DATE, offsetof(struct curriculum, date), 0, 0 },
	{ "smart", META_BOOL, offsetof(struct curriculum, smart),
	    offsetof(struct curriculum, smart_loc), 0 },
	{ "audience", META_AUDIENCE, offsetof(struct curriculum, audience),
	    0, 0 },
	{ "cover", META_PATH, offsetof(struct curriculum, cover),
	    offsetof(struct curriculum, cover_loc), 0 },
	{ "parts", META_ANY, 0, 0, 0 },
	{ "lectures", META_ANY, 0, 0, 0 },
	{ NULL, 0, 0, 0, 0 }
};

/* An unknown lecture id may be a file whose front matter (and so its
 * id) could not be read: its own errors are the ones to fix, so the
 * curriculum names it among the docs whose messages matter (c->unsure),
 * with a note when its file name suggests it. */
static void
show_unreadable(struct repo *r, struct curriculum *c, const char *id,
    struct loc at)
{
	size_t i, j, n = strlen(id);
	struct doc *d;

	for (i = 0; i < r->n_lectures; i++) {
		d = r->docs[i];
		if (!doc_id_unsure(d))
			continue;
		for (j = 0; j < c->n_unsure && c->unsure[j] != d; j++)
			;
		if (j == c->n_unsure) {
			c->unsure = xrealloc(c->unsure, (c->n_unsure + 1) *
			    sizeof(*c->unsure));
			c->unsure[c->n_unsure++] = d;
		}
		if (strncmp(d->id, id, n) == 0 && (d->id[n] == '\0' ||
		    d->id[n] == '-'))
			note_at(&c->msgs, at, "'%.80s' could not be read; it "
			    "may be lecture '%.80s'", d->path, id);
	}
}

static void
add_lectures(struct repo *r, struct curriculum *c, struct cpart *p,
    const struct ynode *list)
{
	size_t i, j, k;
	struct doc *d;

	if (list->type != YNODE_SEQ) {
		error_at(&c->msgs, list->loc, "'%.80s' must be a list of lecture ids",
		    "lectures");
		return;
	}
	p->lectures = xcalloc(list->n, sizeof(*p->lectures));
	p->locs = xcalloc(list->n, sizeof(*p->locs));
	for (i = 0; i < list->n; i++) {
		const struct ynode *v = list->kids[i];

		if (v->type != YNODE_SCALAR) {
			error_at(&c->msgs, v->loc, "'%.80s' must be a list of lecture ids",
			    "lectures");
			continue;
		}
		d = repo_find_kind(r, v->value, DOC_LECTURE);
		if (d == NULL || d->kind != DOC_LECTURE) {
			const char *near = repo_suggest(r, v->value,
			    DOC_LECTURE, LEVEL_NONE);

			if (d != NULL)
				error_at(&c->msgs, v->loc, "'%.80s' is a note, "
				    "not a lecture", v->value);
			else {
				if (near != NULL)
					error_at(&c->msgs, v->loc, "unknown "
					    "lecture '%.80s' (did you mean "
					    "'%.80s'?)", v->value, near);
				else
					error_at(&c->msgs, v->loc, "unknown "
					    "lecture '%.80s'", v->value);
				show_unreadable(r, c, v->value, v->loc);
			}
			continue;
		}
		for (j = 0; j <= (size_t)(p - c->parts); j++)
			for (k = 0; k < c->parts[j].n; k++)
				if (c->parts[j].lectures[k] == d) {
					warn_at(&c->msgs, v->loc, "lecture '%.80s' is listed "
					    "twice; the second is ignored",
					    v->value);
					goto next;
				}
		p->locs[p->n] = v->loc;
		p->lectures[p->n++] = d;
next:
		;
	}
}

static void
load_parts(struct repo *r, struct curriculum *c, const struct ynode *y)
{
	const struct ynode *parts = ynode_get(y, "parts");
	const struct ynode *flat = ynode_get(y, "lectures"), *t, *l;
	size_t i;

	if (parts && flat) {
		error_at(&c->msgs, flat->loc, "use either '%.80s' or 'lectures', not both",
		    "parts");
		return;
	}
	if (parts == NULL && flat == NULL) {
		error_at(&c->msgs, y->loc, "a curriculum needs '%.80s' or 'lectures'",
		    "parts");
		return;
	}
	if (flat) {
		c->parts = xcalloc(1, sizeof(*c->parts));
		c->n_parts = 1;
		add_lectures(r, c, &c->parts[0], flat);
		return;
	}
	if (parts->type != YNODE_SEQ) {
		error_at(&c->msgs, parts->loc, "'%.80s' must be a list of parts, each "
		    "with a title and lectures", "parts");
		return;
	}
	c->parts = xcalloc(parts->n ? parts->n : 1, sizeof(*c->parts));
	for (i = 0; i < parts->n; i++) {
		const struct ynode *p = parts->kids[i];
		struct cpart *cp = &c->parts[c->n_parts++];

		t = ynode_get(p, "title");
		l = ynode_get(p, "lectures");
		if (p->type != YNODE_MAP || l == NULL) {
			error_at(&c->msgs, p->loc, "each part needs '%.80s' and a list of "
			    "lectures", "title");
			continue;
		}
		if (t && t->type == YNODE_SCALAR)
			cp->title = xstrdup(t->value);
		else
			error_at(&c->msgs, p->loc, "each part needs a '%.80s'", "title");
		add_lectures(r, c, cp, l);
	}
}

/* The note a curriculum's `province:`, `district:` or `commune:` names,
 * or NULL after an error that says what is wrong with it. */
static struct doc *
locality_note(struct repo *r, struct curriculum *c, const char *id,
    struct loc at, enum note_level level)
{
	struct doc *d = repo_find_kind(r, id, DOC_NOTE);
	const char *near, *want = note_level_name(level);

	if (d != NULL && d->kind == DOC_NOTE && d->level == level)
		return d;
	if (d != NULL && d->kind != DOC_NOTE) {
		error_at(&c->msgs, at, "'%.80s' is a lecture, not a %s note",
		    id, want);
		note_at(&c->msgs, d->id_loc, "lecture '%.80s'", id);
		return NULL;
	}
	if (d != NULL && d->level == LEVEL_NONE) {
		error_at(&c->msgs, at, "'%.80s' is not a %s note: its 'level' "
		    "is not valid", id, want);
		note_at(&c->msgs, d->level_loc.line ? d->level_loc :
		    d->id_loc, "the level of '%.80s'", id);
		return NULL;
	}
	if (d != NULL) {
		error_at(&c->msgs, at, "'%.80s' is a %s note, not a %s note: "
		    "'%s' names a note with 'level: %s'", id,
		    note_level_name(d->level), want, want, want);
		note_at(&c->msgs, d->level_loc.line ? d->level_loc :
		    d->id_loc, "the level of '%.80s'", id);
		return NULL;
	}
	near = repo_suggest(r, id, DOC_NOTE, level);
	if (near)
		error_at(&c->msgs, at, "no %s note '%.80s' in lectures/notes/ "
		    "(did you mean '%.80s'?)", want, id, near);
	else
		error_at(&c->msgs, at, "no %s note '%.80s' in lectures/notes/",
		    want, id);
	return NULL;
}

/* The district must be in the province; the commune in the province or
 * in the district (a commune note of before 2025). */
static void
check_localities(struct repo *r, struct curriculum *c)
{
	struct doc *p = NULL, *d = NULL, *x = NULL;

	if (c->province)
		p = locality_note(r, c, c->province, c->province_loc,
		    LEVEL_PROVINCE);
	if (c->district &&
	    (d = locality_note(r, c, c->district, c->district_loc,
	    LEVEL_DISTRICT)) != NULL) {
		if (c->province == NULL) {
			error_at(&c->msgs, c->district_loc, "district '%.80s' needs the "
			    "curriculum's 'province' too", c->district);
		} else if (p == NULL) {
			;	/* the province is wrong, not the district */
		} else if (d->parent == NULL || strcmp(d->parent,
		    c->province) != 0) {
			error_at(&c->msgs, c->district_loc, "district '%.80s' is not in "
			    "this curriculum's province", c->district);
			if (d->parent)
				note_at(&c->msgs, d->parent_loc, "its parent is '%.80s'",
				    d->parent);
			d = NULL;
		}
	}
	if (c->commune &&
	    (x = locality_note(r, c, c->commune, c->commune_loc,
	    LEVEL_COMMUNE)) != NULL) {
		if (c->province == NULL) {
			error_at(&c->msgs, c->commune_loc, "commune '%.80s' needs "
			    "the curriculum's 'province' too", c->commune);
		} else if (p == NULL || (c->district && d == NULL)) {
			;	/* the error is the province's or district's */
		} else if (x->parent == NULL || (strcmp(x->parent,
		    c->province) != 0 && (c->district == NULL ||
		    strcmp(x->parent, c->district) != 0))) {
			if (c->district)
				error_at(&c->msgs, c->commune_loc, "commune "
				    "'%.80s' is not in this curriculum's "
				    "province or district", c->commune);
			else
				error_at(&c->msgs, c->commune_loc, "commune "
				    "'%.80s' is not in this curriculum's "
				    "province", c->commune);
			if (x->parent)
				note_at(&c->msgs, x->parent_loc, "its parent is "
				    "'%.80s'", x->parent);
			x = NULL;
		}
	}
	c->province_doc = p;
	c->district_doc = d;
	c->commune_doc = x;
}

static char *
stem(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
}

struct curriculum *
curriculum_load(struct repo *r, const char *path)
{
	struct curriculum *c;
	struct source src;
	struct ynode *y, *v;
	char *rel;

	if (access(path, F_OK) == -1) {
		sys_error("cannot read curriculum '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->smart = 1;
	c->path = xstrdup(path);
	c->id = stem(path);
	r->curricula = xrealloc(r->curricula, (r->n_curricula + 1) *
	    sizeof(*r->curricula));
	r->curricula[r->n_curricula++] = c;
	/* What is wrong with the file itself is content: exit 1. */
	if (path_input_check(path, 1, &c->msgs) == -1 ||
	    source_load_plain(&src, path, &c->msgs) == -1)
		return c;
	if (!id_valid(c->id))
		error_at(&c->msgs, LOC(c->path, 0, 0), "the file name '%.80s' "
		    "is not a valid pack id: use a-z, 0-9 and '-'", c->id);
	else if (strlen(c->id) > ID_MAX_LEN)
		error_at(&c->msgs, LOC(c->path, 0, 0), "the file "
		    "name is %zu characters long; a pack id fits in %d",
		    strlen(c->id), ID_MAX_LEN);
	y = yaml_load(c->path, src.yaml, src.yaml_len, 1, &c->msgs);
	source_release(&src);
	if (y == NULL)
		return c;
	meta_apply(c, curriculum_keys, y, N_("a curriculum"), &c->msgs);
	/* Given but not valid: the curriculum's own error says so, and a
	 * link to the placeholder adds none (see the locs in the header). */
	if ((v = ynode_get(y, "province")) != NULL)
		c->province_loc = v->loc;
	if ((v = ynode_get(y, "district")) != NULL)
		c->district_loc = v->loc;
	if ((v = ynode_get(y, "commune")) != NULL)
		c->commune_loc = v->loc;
	load_parts(r, c, y);
	ynode_free(y);
	check_localities(r, c);
	if (c->language == NULL)
		c->language = xstrdup("vi");
	if (c->theme == NULL) {
		c->theme = xstrdup("default");
		c->theme_loc = LOC(c->path, 1, 1);
	}
	if (!theme_exists(c->theme))
		error_at(&c->msgs, c->theme_loc, "unknown theme '%.80s' (looked in "
		    "themes/ and the installed themes)", c->theme);
	if (c->cover) {
		if (path_check_inside(c->path, c->cover, &rel,
		    c->cover_loc, &c->msgs) == 0) {
			image_check(rel, c->cover_loc, "cover",
			    &c->cover_image, &c->msgs);
			free(c->cover);
			c->cover = rel;
		}
	}
	return c;
}

int
repo_load_curricula(struct repo *r)
{
	char **files;
	size_t n, i;

	if (list_files("curricula", ".yaml", 1, &files, &n) == -1)
		return sys_error("cannot read 'curricula': %s",
		    strerror(errno));
	for (i = 0; i < n; i++) {
		curriculum_load(r, files[i]);
		free(files[i]);
	}
	free(files);
	return 0;
}

void
repo_punctuation(struct repo *r)
{
	size_t *on = xcalloc(r->n_docs + 1, sizeof(*on));
	size_t *off = xcalloc(r->n_docs + 1, sizeof(*off));
	size_t k, p, j, all_off = 0;

	for (k = 0; k < r->n_curricula; k++) {
		const struct curriculum *c = r->curricula[k];

		all_off += !c->smart;
		for (p = 0; p < c->n_parts; p++)
			for (j = 0; j < c->parts[p].n; j++)
				(c->smart ? on : off)
				    [c->parts[p].lectures[j]->index]++;
	}
	for (j = 0; j < r->n_docs; j++) {
		struct doc *d = r->docs[j];

		if (d->kind == DOC_NOTE)
			d->straight = r->n_curricula > 0 &&
			    all_off == r->n_curricula;
		else
			d->straight = off[j] > 0 && on[j] == 0;
	}
	for (k = 0; k < r->n_curricula; k++) {
		struct curriculum *c = r->curricula[k];

		for (p = 0; !c->smart && p < c->n_parts; p++)
			for (j = 0; j < c->parts[p].n; j++) {
				const struct doc *d = c->parts[p].lectures[j];

				if (on[d->index] > 0)
					warn_at(&c->msgs, c->smart_loc, "'smart: "
					    "false' does not apply to '%.80s', "
					    "which another pack of this run "
					    "prints with typographic "
					    "punctuation (build the packs one "
					    "at a time, as make does)", d->id);
			}
	}
	free(on);
	free(off);
}

int
link_is_placeholder(const char *target)
{
	return note_level_parse(target) != LEVEL_NONE;
}

struct doc *
curriculum_locality(const struct curriculum *c, const char *placeholder,
    struct loc *at)
{
	struct loc none = { NULL, 0, 0 };

	if (at == NULL)
		at = &none;
	switch (note_level_parse(placeholder)) {
	case LEVEL_PROVINCE:
		*at = c->province_loc;
		return c->province_doc;
	case LEVEL_DISTRICT:
		*at = c->district_loc;
		return c->district_doc;
	case LEVEL_COMMUNE:
		*at = c->commune_loc;
		return c->commune_doc;
	default:
		*at = none;
		return NULL;
	}
}

size_t
curriculum_count(const struct curriculum *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->n_parts; i++)
		n += c->parts[i].n;
	return n;
}

int
curriculum_has(const struct curriculum *c, const struct doc *d)
{
	size_t i, j;

	for (i = 0; i < c->n_parts; i++)
		for (j = 0; j < c->parts[i].n; j++)
			if (c->parts[i].lectures[j] == d)
				return 1;
	return 0;
}

static void
curriculum_free(struct curriculum *c)
{
	size_t i;

	for (i = 0; i < c->n_parts; i++) {
		free(c->parts[i].title);
		free(c->parts[i].lectures);
		free(c->parts[i].locs);
	}
	free(c->parts);
	free(c->path);
	free(c->id);
	free(c->title);
	free(c->center);
	free(c->province);
	free(c->district);
	free(c->commune);
	free(c->term);
	free(c->language);
	free(c->theme);
	free(c->date);
	free(c->cover);
	image_release(&c->cover_image);
	free(c->unsure);
	msgs_release(&c->msgs);
	free(c);
}

void
repo_free(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->n_docs; i++)
		doc_free(r->docs[i]);
	free(r->docs);
	free(r->by_id);
	for (i = 0; i < r->n_curricula; i++)
		curriculum_free(r->curricula[i]);
	free(r->curricula);
	free(r->term);
	msgs_release(&r->msgs);
	image_forget();
	memset(r, 0, sizeof(*r));
}
