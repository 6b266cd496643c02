/* run.c - one run of the tool: load, resolve, render, write (run.h).
 *
 * Every stage below is called from here only, in pipeline order: the
 * loaders fill the read-only model (with each file's messages), the
 * resolvers make each pack's own tables, the renderers and writers
 * read both.  Messages are printed at the end of the run, each list
 * once, all of them merged in file, line and column order. */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "load_doc.h"
#include "load_repo.h"
#include "path.h"
#include "render_pack.h"
#include "render_report.h"
#include "resolve_links.h"
#include "resolve_pack.h"
#include "theme.h"
#include "write_deps.h"
#include "write_out.h"
#include "xalloc.h"

#define FORMAT_HTML	1
#define FORMAT_EPUB	2

/* The themes a run loaded, each once, by name. */
struct themes {
	char		**names;
	struct theme	**t;		/* NULL where loading failed */
	size_t		 n;
	struct msgs	 msgs;		/* the problems of every theme file */
};

/* The messages a run prints at its end, each list once. */
struct shown {
	struct msgs	**lists;
	size_t		 n, cap;
	int		 errors;	/* in those lists */
};

static void
shown_add(struct shown *s, struct msgs *m)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->lists[i] == m)
			return;
	s->lists = xgrow(s->lists, &s->cap, s->n + 1, sizeof(*s->lists));
	s->lists[s->n++] = m;
	s->errors += m->errors;
}

/* Prints the lists (unless quiet) and returns their error count. */
static int
shown_print(struct shown *s, int quiet)
{
	int errors = s->errors;

	if (!quiet)
		msgs_show(s->lists, s->n);
	free(s->lists);
	memset(s, 0, sizeof(*s));
	return errors;
}

static const char *
clean_path(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

/* An output (the build folder, a report or dep file) must not overlap
 * the sources: not be the repository or hold it, and not be, hold or
 * lie in lectures/, curricula/ or themes/.  Returns 0, or EXIT_USAGE
 * after a message. */
static int
check_output_place(const char *out)
{
	static const char *const sources[] = { "lectures", "curricula",
	    "themes", NULL };
	char *abs = path_absolute(out), *src;
	int i, rc = 0;

	if (abs == NULL) {
		sys_error("cannot resolve '%s': %s", out, strerror(errno));
		return EXIT_USAGE;
	}
	src = path_absolute(".");
	if (src && path_overlaps(abs, src) && strlen(abs) <= strlen(src)) {
		sys_error("'%s' is the repository or holds it: write the "
		    "output elsewhere, such as 'build'", out);
		rc = EXIT_USAGE;
	}
	for (i = 0; rc == 0 && sources[i]; i++) {
		free(src);
		src = path_absolute(sources[i]);
		if (src && path_overlaps(abs, src)) {
			sys_error("'%s' overlaps the sources in '%s/': write "
			    "the output elsewhere, such as 'build'", out,
			    sources[i]);
			rc = EXIT_USAGE;
		}
	}
	free(src);
	free(abs);
	return rc;
}

static int
write_depfile(const char *path, struct deps *d)
{
	const struct buf *b = deps_text(d);

	return file_write_atomic(path, b->data, b->len);
}

/* Parses "html,epub" into FORMAT_ bits; -1 for an unknown name. */
static int
parse_formats(const char *format)
{
	const char *p = format ? format : "html,epub";
	size_t n;
	int f = 0;

	for (; *p; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n == 4 && strncmp(p, "html", 4) == 0)
			f |= FORMAT_HTML;
		else if (n == 4 && strncmp(p, "epub", 4) == 0)
			f |= FORMAT_EPUB;
		else {
			sys_error("unknown format '%.*s' (html, epub)", (int)n,
			    p);
			return -1;
		}
	}
	return f ? f : -1;
}

int
run_format_check(int report, const char *format)
{
	enum report_format f;

	if (!report)
		return parse_formats(format) == -1 ? -1 : 0;
	if (format && report_format_parse(format, &f) == -1)
		return sys_error("unknown report format '%s' (text, json, csv "
		    "or html)", format);
	return 0;
}

/* ---- themes ---- */

/* The theme `name`, loaded on first use; NULL when it failed. */
static struct theme *
themes_get(struct themes *ts, const char *name)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->names[i], name) == 0)
			return ts->t[i];
	ts->names = xrealloc(ts->names, (ts->n + 1) * sizeof(*ts->names));
	ts->t = xrealloc(ts->t, (ts->n + 1) * sizeof(*ts->t));
	ts->names[ts->n] = xstrdup(name);
	ts->t[ts->n] = theme_load(name, &ts->msgs);
	return ts->t[ts->n++];
}

static void
themes_release(struct themes *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++) {
		free(ts->names[i]);
		theme_free(ts->t[i]);
	}
	free(ts->names);
	free(ts->t);
	msgs_release(&ts->msgs);
	memset(ts, 0, sizeof(*ts));
}

/* The theme of curriculum c when c itself is sound (a broken theme is
 * content, like a lecture: exit 1). */
static struct theme *
theme_of(struct themes *ts, const struct curriculum *c)
{
	return c->msgs.errors == 0 ? themes_get(ts, c->theme) : NULL;
}

/* ---- the messages of a run ---- */

/* Every list a run over packs reports on: the files of lectures/ it
 * refused, the curricula, themes and packs, and every doc it read in
 * full (or that an unknown id may be). */
static void
shown_run(struct shown *s, struct repo *r, struct themes *ts)
{
	size_t i, j;

	shown_add(s, &r->msgs);
	for (i = 0; i < r->n_curricula; i++) {
		shown_add(s, &r->curricula[i]->msgs);
		for (j = 0; j < r->curricula[i]->n_unsure; j++)
			shown_add(s, &r->curricula[i]->unsure[j]->msgs);
	}
	for (i = 0; i < r->n_docs; i++)
		if (r->docs[i]->parsed)
			shown_add(s, &r->docs[i]->msgs);
	shown_add(s, &ts->msgs);
}

/* ---- build ---- */

/* One pack of a build, from its resolution to its temporaries. */
struct job {
	struct curriculum	*c;
	const struct theme	*t;	/* NULL: the curriculum or theme
					   has errors */
	struct pack		 p;
	struct outpack		 op;
	enum {
		JOB_NOT_WRITTEN,	/* content errors (or interrupted) */
		JOB_WRITTEN,		/* temporaries complete */
		JOB_FAILED		/* a system error, reported */
	}			 state;
};

struct build {
	const struct run_opts	*o;
	const char		*out;
	struct repo		 r;
	struct themes		 themes;
	int			 formats;
	int			 current;	/* --current, else the
						   settings' congress */
	struct job		*jobs;		/* one per curriculum */
	size_t			 n_jobs;
	atomic_size_t		 next;		/* the next job to take */
	pthread_mutex_t		 lock;		/* guards uses[] */
	int			*uses;		/* per doc: packs still to
						   use it */
};

/* How many packs of this run use each lecture. */
static void
count_uses(struct build *b)
{
	const struct repo *r = &b->r;
	size_t k, i, j;

	b->uses = xcalloc(r->n_docs ? r->n_docs : 1, sizeof(*b->uses));
	for (k = 0; k < r->n_curricula; k++)
		for (i = 0; i < r->curricula[k]->n_parts; i++)
			for (j = 0; j < r->curricula[k]->parts[i].n; j++)
				b->uses[r->curricula[k]->parts[i].lectures[j]->
				    index]++;
}

/* After a pack: the trees no later pack needs are freed, so memory
 * follows the packs under way, not the repository.  Notes are small
 * and shared by every pack: they stay. */
static void
drop_done(struct build *b, const struct pack *p)
{
	size_t i;

	pthread_mutex_lock(&b->lock);
	for (i = 0; i < p->n_lectures; i++)
		b->uses[p->pages[i].doc->index]--;
	for (i = 0; i < b->r.n_lectures; i++)
		if (b->uses[i] <= 0)
			doc_drop_tree(b->r.docs[i]);
	pthread_mutex_unlock(&b->lock);
}

/* Resolves one pack and writes its temporaries.  Runs in any thread:
 * it writes only into its job (the docs it reads are safe to share,
 * see load_doc.h and links_check_doc()). */
static void
build_job(struct build *b, struct job *j)
{
	pack_resolve(&j->p, &b->r, j->c);
	if (j->t != NULL && !pack_has_errors(&j->p) && !out_interrupted()) {
		if (outpack_begin(&j->op, b->out, j->c->id,
		    b->formats & FORMAT_HTML, b->formats & FORMAT_EPUB) == -1)
			j->state = JOB_FAILED;
		else if (pack_write(&j->p, j->t, &j->op, b->current) ==
		    -1) {
			outpack_abort(&j->op);
			j->state = JOB_FAILED;
		} else
			j->state = JOB_WRITTEN;
	}
	drop_done(b, &j->p);
}

/* Builds the next job nobody took, until none is left. */
static void
build_jobs(struct build *b)
{
	size_t k;

	while ((k = atomic_fetch_add(&b->next, 1)) < b->n_jobs &&
	    !out_interrupted()) {
		diag_progress("[%zu/%zu] %s", k + 1, b->n_jobs,
		    b->jobs[k].c->id);
		build_job(b, &b->jobs[k]);
	}
}

static void *
build_worker(void *arg)
{
	out_thread_signals();
	build_jobs(arg);
	return NULL;
}

/* Builds every job on up to o->jobs threads (this one among them). */
static void
build_all(struct build *b)
{
	size_t n = b->o->jobs > 0 ? (size_t)b->o->jobs : 0, i, started = 0;
	pthread_t *threads;

	if (n == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		n = cpus > 0 ? (size_t)cpus : 1;
	}
	if (n > b->n_jobs)
		n = b->n_jobs;
	threads = xcalloc(n ? n : 1, sizeof(*threads));
	for (i = 1; i < n; i++)
		if (pthread_create(&threads[started], NULL, build_worker,
		    b) == 0)
			started++;
	/* The main thread works too; it alone takes the signals. */
	build_jobs(b);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

/* The rule of a pack's dep file: its outputs, then its inputs. */
static void
pack_deps(struct build *b, struct deps *d, const struct job *j)
{
	struct buf path = BUF_INIT;

	if (b->formats & FORMAT_HTML) {
		buf_printf(&path, "%s/%s/index.html", b->out, j->c->id);
		deps_target(d, path.data);
	}
	if (b->formats & FORMAT_EPUB) {
		buf_clear(&path);
		buf_printf(&path, "%s/%s.epub", b->out, j->c->id);
		deps_target(d, path.data);
	}
	deps_pack(d, &j->p, j->t);
	if (b->r.has_settings)
		deps_input(d, SETTINGS_FILE);
	deps_end(d);
	buf_release(&path);
}

/* Replaces the previous outputs of every pack written, together, and
 * writes the dep file when every pack was.  Returns -1 after a system
 * error. */
static int
build_commit(struct build *b)
{
	struct outpack **ops = xcalloc(b->n_jobs + 1, sizeof(*ops));
	int *rcs = xcalloc(b->n_jobs + 1, sizeof(*rcs)), rc = 0;
	size_t k, n = 0, built = 0;
	struct deps d;

	for (k = 0; k < b->n_jobs; k++) {
		if (b->jobs[k].state == JOB_WRITTEN)
			ops[n++] = &b->jobs[k].op;
		else if (b->jobs[k].state == JOB_FAILED)
			rc = -1;
	}
	if (outpack_commit_all(ops, n, rcs) == -1)
		rc = -1;
	deps_init(&d);
	for (k = n = 0; k < b->n_jobs; k++)
		if (b->jobs[k].state == JOB_WRITTEN && rcs[n++] == 0) {
			pack_deps(b, &d, &b->jobs[k]);
			built++;
		}
	if (b->o->depfile && built == b->n_jobs && rc == 0 &&
	    write_depfile(b->o->depfile, &d) == -1)
		rc = -1;
	deps_release(&d);
	free(ops);
	free(rcs);
	return rc;
}

/* Every curriculum named on the command line must exist (what is wrong
 * with a file that exists is content). */
static int
curricula_exist(const struct run_opts *o)
{
	struct stat st;
	int i;

	for (i = 0; i < o->n_files; i++)
		if (stat(o->files[i], &st) == -1) {
			sys_error("cannot read curriculum '%s': %s",
			    o->files[i], strerror(errno));
			return -1;
		}
	return 0;
}

/* Prints the messages of the build; returns their errors. */
static int
build_show(struct build *b)
{
	struct shown s = { NULL, 0, 0, 0 };
	size_t k;

	shown_run(&s, &b->r, &b->themes);
	for (k = 0; k < b->n_jobs; k++)
		shown_add(&s, &b->jobs[k].p.links.msgs);
	return shown_print(&s, b->o->quiet);
}

int
run_build(const struct run_opts *o)
{
	struct build b;
	int i, sys_failed = 0, errors;
	size_t k;

	memset(&b, 0, sizeof(b));
	b.o = o;
	b.out = o->out ? o->out : "build";
	if ((b.formats = parse_formats(o->format)) == -1)
		return EXIT_USAGE;
	if (check_output_place(b.out) != 0 ||
	    (o->depfile && check_output_place(o->depfile) != 0) ||
	    curricula_exist(o) == -1)
		return EXIT_USAGE;
	/* libzip turns times into DOS times with the local zone: the run's
	 * zone is UTC (set before any thread starts). */
	setenv("TZ", "UTC0", 1);
	tzset();
	if (repo_load(&b.r) == -1)
		return EXIT_USAGE;
	b.current = o->current ? o->current : b.r.current;
	for (i = 0; i < o->n_files; i++)
		if (curriculum_load(&b.r, clean_path(o->files[i])) == NULL)
			sys_failed = 1;
	repo_punctuation(&b.r);
	count_uses(&b);
	pthread_mutex_init(&b.lock, NULL);
	b.n_jobs = b.r.n_curricula;
	b.jobs = xcalloc(b.n_jobs + 1, sizeof(*b.jobs));
	for (k = 0; k < b.n_jobs; k++) {
		b.jobs[k].c = b.r.curricula[k];
		/* Themes are loaded here, once, before the threads. */
		b.jobs[k].t = theme_of(&b.themes, b.jobs[k].c);
	}
	build_all(&b);
	if (build_commit(&b) == -1)
		sys_failed = 1;
	errors = build_show(&b);
	for (k = 0; k < b.n_jobs; k++)
		pack_release(&b.jobs[k].p);
	free(b.jobs);
	pthread_mutex_destroy(&b.lock);
	themes_release(&b.themes);
	free(b.uses);
	repo_free(&b.r);
	if (out_interrupted()) {
		sys_error("interrupted; the previous output is untouched");
		return 128 + 2;
	}
	if (sys_failed)
		return EXIT_USAGE;
	return errors ? EXIT_CONTENT : 0;
}

/* ---- check and report: everything, rendering nothing ---- */

/* What check and report hold: the whole repository, resolved. */
struct whole {
	struct repo	 r;
	struct themes	 themes;
	struct msgs	 pack_msgs;	/* every pack's own */
};

/* Opens the repository and every curriculum, parses every doc and
 * checks its links (keeping no tree), resolves every pack and loads
 * every theme.  Returns 0, or -1 on a system error. */
static int
whole_load(struct whole *w)
{
	struct repo *r = &w->r;
	size_t k;

	memset(w, 0, sizeof(*w));
	if (repo_load(r) == -1)
		return -1;
	for (k = 0; k < r->n_docs; k++) {
		doc_parse(r->docs[k]);
		links_check_doc(r, r->docs[k]);
		doc_drop_tree(r->docs[k]);
	}
	if (repo_load_curricula(r) == -1)
		return -1;
	for (k = 0; k < r->n_curricula; k++) {
		struct pack p;

		pack_resolve(&p, r, r->curricula[k]);
		msgs_append(&w->pack_msgs, &p.links.msgs);
		pack_release(&p);
		/* The theme as build reads it: what build refuses, check
		 * refuses (each theme read once). */
		theme_of(&w->themes, r->curricula[k]);
	}
	return 0;
}

/* Prints every message of the whole repository; returns the errors. */
static int
whole_show(struct whole *w, int quiet)
{
	struct shown s = { NULL, 0, 0, 0 };

	shown_run(&s, &w->r, &w->themes);
	shown_add(&s, &w->pack_msgs);
	return shown_print(&s, quiet);
}

static void
whole_release(struct whole *w)
{
	msgs_release(&w->pack_msgs);
	themes_release(&w->themes);
	repo_free(&w->r);
}

int
run_check(const struct run_opts *o)
{
	struct whole w;
	int errors;

	if (whole_load(&w) == -1) {
		whole_release(&w);
		return EXIT_USAGE;
	}
	errors = whole_show(&w, o->quiet);
	whole_release(&w);
	return errors ? EXIT_CONTENT : 0;
}

/* The report's dep file: every lecture, note, curriculum and theme
 * file read. */
static int
report_deps(const struct run_opts *o, struct whole *w)
{
	struct deps d;
	size_t i;
	int rc;

	deps_init(&d);
	deps_target(&d, o->out);
	deps_repo(&d, &w->r);
	for (i = 0; i < w->themes.n; i++)
		if (w->themes.t[i] != NULL)
			deps_theme(&d, w->themes.t[i]);
	rc = write_depfile(o->depfile, &d);
	deps_release(&d);
	return rc;
}

int
run_report(const struct run_opts *o)
{
	struct whole w;
	struct buf out = BUF_INIT;
	struct curriculum *only = NULL;
	struct theme *t = NULL;
	enum report_format f;
	int work, errors, rc = 0;
	size_t k;

	if (report_format_parse(o->format ? o->format : "text", &f) == -1)
		return EXIT_USAGE;	/* run_format_check() said why */
	if ((o->out && check_output_place(o->out) != 0) ||
	    (o->depfile && check_output_place(o->depfile) != 0))
		return EXIT_USAGE;
	if (whole_load(&w) == -1) {
		whole_release(&w);
		return EXIT_USAGE;
	}
	if (o->curriculum) {
		const char *want = clean_path(o->curriculum);

		for (k = 0; k < w.r.n_curricula; k++)
			if (strcmp(w.r.curricula[k]->path, want) == 0)
				only = w.r.curricula[k];
		if (only == NULL &&
		    (only = curriculum_load(&w.r, want)) == NULL) {
			whole_release(&w);
			return EXIT_USAGE;
		}
	}
	/* The HTML report's words are a theme's: the curriculum's, or the
	 * default one. */
	if (f == REPORT_HTML && (t = themes_get(&w.themes, only &&
	    only->msgs.errors == 0 ? only->theme : "default")) == NULL) {
		whole_show(&w, o->quiet);
		whole_release(&w);
		return EXIT_CONTENT;
	}
	work = report_render(&out, &w.r, only,
	    o->current ? o->current : w.r.current, f, t);
	if (o->out) {
		if (file_write_atomic(o->out, out.data, out.len) == -1)
			rc = EXIT_USAGE;
		else if (o->depfile && report_deps(o, &w) == -1)
			rc = EXIT_USAGE;
	} else if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) == EOF) {
		sys_error("cannot write the report: %s", strerror(errno));
		rc = EXIT_USAGE;
	}
	errors = whole_show(&w, o->quiet);
	/* Content errors outrank outdated lectures. */
	if (rc == 0 && errors)
		rc = EXIT_CONTENT;
	if (rc == 0 && o->fail_on_outdated && work)
		rc = EXIT_OUTDATED;
	buf_release(&out);
	whole_release(&w);
	return rc;
}
