/* main.c - the lecturepack command: options, then load, resolve, render.
 *
 * Exit status (SPEC 7): 0 success, warnings allowed; 1 the content has
 * errors; 2 usage or system error; 3 --fail-on-outdated found work. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "load_doc.h"
#include "load_repo.h"
#include "path.h"
#include "render_pack.h"
#include "render_report.h"
#include "resolve_pack.h"
#include "resolve_marks.h"
#include "theme.h"
#include "write_deps.h"
#include "write_out.h"
#include "xalloc.h"

#define EXIT_CONTENT	1
#define EXIT_USAGE	2
#define EXIT_OUTDATED	3

#define FORMAT_HTML	1
#define FORMAT_EPUB	2

struct opts {
	const char	*command;
	const char	*dir;
	const char	*out;
	const char	*depfile;
	const char	*format;
	const char	*curriculum;
	int		 current;
	int		 fail_on_outdated;
	char		**files;
	int		 n_files;
};

static const char usage_text[] =
"usage: lecturepack build  [-C DIR] [-o OUT] [--format html,epub] [-M DEPFILE]\n"
"                          [--current XIII] CURRICULUM.yaml...\n"
"       lecturepack check  [-C DIR] [--current XIII]\n"
"       lecturepack report [-C DIR] [--current XIII] [--format text|json|csv|html]\n"
"                          [-o FILE [-M DEPFILE]] [--curriculum CURRICULUM.yaml]\n"
"                          [--fail-on-outdated]\n"
"       lecturepack --help | --version\n";

static const char help_text[] =
"\n"
"Turns Markdown lectures into HTML lecture packs for political training\n"
"centers, and reports which lectures still lack updates to the current\n"
"National Party Congress.\n"
"\n"
"commands:\n"
"  build    build the pack of each curriculum into OUT/ID/\n"
"  check    parse and verify every lecture, note and curriculum\n"
"  report   list lectures by congress status, the ones needing work first\n"
"\n"
"options:\n"
"  -C DIR               run as if started in DIR (the content repository)\n"
"  -o OUT               build: output folder (default build);\n"
"                       report: output file (default standard output)\n"
"  --format LIST        build: html,epub (default both);\n"
"                       report: text, json, csv or html\n"
"  -M DEPFILE           build, report -o: write a make rule naming every\n"
"                       input used\n"
"  --current N          the current congress, IX to XX (default XIII)\n"
"  --curriculum FILE    report: only the lectures of this curriculum\n"
"  --fail-on-outdated   report: exit 3 when a lecture is outdated or partial\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"exit status: 0 success, 1 content errors, 2 usage or system error,\n"
"3 outdated lectures found (with --fail-on-outdated).\n"
"See lecturepack(1) and lecturepack(5).\n";

static int
usage(const char *msg, const char *arg)
{
	if (msg) {
		fputs("lecturepack: error: ", stderr);
		fprintf(stderr, msg, arg);
		fputc('\n', stderr);
	}
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* For --help and --version: output that could not be written (a full
 * disk, a closed pipe) is an error, not a success. */
static int
flush_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		sys_error("cannot write to standard output: %s",
		    strerror(errno));
		return EXIT_USAGE;
	}
	return 0;
}

static int
parse_args(struct opts *o, int argc, char **argv)
{
	enum { OPT_FORMAT = 256, OPT_CURRENT, OPT_CURRICULUM, OPT_FAIL };
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "current", required_argument, NULL, OPT_CURRENT },
		{ "curriculum", required_argument, NULL, OPT_CURRICULUM },
		{ "fail-on-outdated", no_argument, NULL, OPT_FAIL },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	o->current = 13;
	while ((ch = getopt_long(argc, argv, "+hVC:o:M:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			exit(flush_stdout());
		case 'V':
			puts("lecturepack " LP_VERSION);
			exit(flush_stdout());
		case 'C':
			o->dir = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'M':
			o->depfile = optarg;
			break;
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case OPT_CURRENT:
			if ((o->current = congress_parse(optarg)) == 0)
				return usage("unknown congress '%s' for "
				    "--current (IX to XX)", optarg);
			break;
		case OPT_CURRICULUM:
			o->curriculum = optarg;
			break;
		case OPT_FAIL:
			o->fail_on_outdated = 1;
			break;
		default:
			return usage(NULL, NULL);
		}
		/* Options may also follow the command: restart after it. */
	}
	return 0;
}

/* getopt stops at the command; options after it are parsed again. */
static int
parse_command_line(struct opts *o, int argc, char **argv)
{
	int rc;

	if ((rc = parse_args(o, argc, argv)) != 0)
		return rc;
	if (optind >= argc)
		return usage("no command given", NULL);
	o->command = argv[optind];
	argc -= optind;
	argv += optind;
	optind = 1;
	while (optind < argc) {
		if ((rc = parse_args(o, argc, argv)) != 0)
			return rc;
		if (optind < argc) {
			o->files = xrealloc(o->files, (size_t)(o->n_files + 1) *
			    sizeof(*o->files));
			o->files[o->n_files++] = argv[optind++];
		}
	}
	return 0;
}

static const char *
clean_path(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

/* Opens the repository; with `parse`, parses and checks every doc. */
static int
load_all(struct repo *r, int parse)
{
	if (repo_load(r) == -1)
		return -1;
	if (parse)
		repo_parse_all(r);
	return 0;
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

/* Writes the dep file of -M. */
static int
write_depfile(const char *path, struct deps *d)
{
	const struct buf *b = deps_text(d);

	return file_write_atomic(path, b->data, b->len);
}

/* How many packs of this run use each lecture: uses[i] for r->docs[i]
 * (caller frees). */
static int *
count_uses(const struct repo *r)
{
	int *uses = xcalloc(r->n_lectures + 1, sizeof(*uses));
	size_t k, i;

	for (k = 0; k < r->n_curricula; k++)
		for (i = 0; i < r->n_lectures; i++)
			uses[i] += curriculum_has(r->curricula[k], r->docs[i]);
	return uses;
}

/* After a pack: the trees no later pack needs are freed, so memory
 * follows one pack, not the repository.  Notes are small and shared
 * by every pack: they stay. */
static void
drop_done(struct repo *r, const struct pack *p, int *uses)
{
	size_t i;

	for (i = 0; i < r->n_lectures; i++) {
		if (curriculum_has(p->c, r->docs[i]))
			uses[i]--;
		if (uses[i] <= 0)
			doc_drop_tree(r->docs[i]);
	}
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
			fprintf(stderr, "lecturepack: error: unknown format "
			    "'%.*s' (html, epub)\n", (int)n, p);
			return -1;
		}
	}
	return f ? f : -1;
}

/* The theme of the last pack: packs of one run usually share it, so it
 * is read (and its problems reported) once. */
struct theme_cache {
	char		*name;
	struct theme	*t;		/* NULL when it failed to load */
};

static struct theme *
theme_get(struct theme_cache *tc, const char *name)
{
	if (tc->name == NULL || strcmp(tc->name, name) != 0) {
		free(tc->name);
		theme_free(tc->t);
		tc->name = xstrdup(name);
		tc->t = theme_load(name);
	}
	return tc->t;
}

/* Writes both formats of a pack into temporaries, then replaces the
 * previous ones together.  Returns 0, or -1 after a system error, when
 * the previous outputs are as they were. */
static int
write_pack(const struct pack *p, const struct theme *t, const char *out,
    int formats, int current)
{
	struct outpack op;
	int rc = 0;

	if (outpack_begin(&op, out, p->c->id, formats & FORMAT_HTML,
	    formats & FORMAT_EPUB) == -1)
		return -1;
	if (pack_write(p, t, &op, current) == -1)
		rc = -1;
	if (rc == 0)
		return outpack_commit(&op);
	outpack_abort(&op);
	return -1;
}

/* Builds one pack in the formats asked for.  Returns 1 when written,
 * 0 when its content has errors (reported), -1 on a system error. */
static int
build_pack(struct repo *r, struct curriculum *c, const struct opts *o,
    int formats, struct deps *deps, struct theme_cache *tc, int *uses)
{
	const char *out = o->out ? o->out : "build";
	struct buf dir = BUF_INIT;
	struct theme *t = NULL;
	struct pack p;
	int rc = 0;

	pack_resolve(&p, r, c);
	/* A broken theme is content, like a lecture: exit 1. */
	if (c->n_errors == 0)
		t = theme_get(tc, c->theme);
	if (t && !pack_has_errors(&p)) {
		rc = write_pack(&p, t, out, formats, o->current) == 0 ? 1 : -1;
		if (rc == 1) {
			/* The targets: OUT/ID/index.html and OUT/ID.epub. */
			buf_printf(&dir, "%s/%s/index.html", out, c->id);
			if (formats & FORMAT_HTML)
				deps_target(deps, dir.data);
			buf_clear(&dir);
			buf_printf(&dir, "%s/%s.epub", out, c->id);
			if (formats & FORMAT_EPUB)
				deps_target(deps, dir.data);
			deps_pack(deps, &p, t);
			deps_end(deps);
		}
	}
	drop_done(r, &p, uses);
	pack_release(&p);
	buf_release(&dir);
	return rc;
}

static int
cmd_build(struct opts *o)
{
	struct repo r;
	struct deps deps;
	struct theme_cache tc = { NULL, NULL };
	int i, sys_failed = 0, built = 0, formats, rc, *uses;
	size_t k;
	struct stat st;

	if (o->n_files == 0)
		return usage("build needs at least one CURRICULUM.yaml", NULL);
	deps_init(&deps);
	if ((formats = parse_formats(o->format)) == -1)
		return usage(NULL, NULL);
	if (check_output_place(o->out ? o->out : "build") != 0 ||
	    (o->depfile && check_output_place(o->depfile) != 0))
		return EXIT_USAGE;
	for (i = 0; i < o->n_files; i++) {
		errno = 0;
		/* What is wrong with a file that exists is content. */
		if (stat(o->files[i], &st) == -1) {
			sys_error("cannot read curriculum '%s': %s",
			    o->files[i], strerror(errno));
			return EXIT_USAGE;
		}
	}
	if (load_all(&r, 0) == -1)
		return EXIT_USAGE;
	for (i = 0; i < o->n_files; i++)
		if (curriculum_load(&r, clean_path(o->files[i])) == NULL)
			sys_failed = 1;
	uses = count_uses(&r);
	for (k = 0; k < r.n_curricula && !out_interrupted(); k++) {
		diag_progress("[%zu/%zu] %s", k + 1, r.n_curricula,
		    r.curricula[k]->id);
		if ((rc = build_pack(&r, r.curricula[k], o, formats,
		    &deps, &tc, uses)) == -1)
			sys_failed = 1;
		built += rc == 1;
	}
	if (o->depfile && built == (int)r.n_curricula && !sys_failed &&
	    write_depfile(o->depfile, &deps) == -1)
		sys_failed = 1;
	deps_release(&deps);
	free(uses);
	free(tc.name);
	theme_free(tc.t);
	repo_free(&r);
	if (out_interrupted()) {
		sys_error("interrupted; the previous output is untouched");
		return 128 + 2;
	}
	if (sys_failed)
		return EXIT_USAGE;
	return diag_shown_errors() ? EXIT_CONTENT : 0;
}

static int
cmd_check(struct opts *o)
{
	struct repo r;
	struct theme_cache tc = { NULL, NULL };
	size_t k;
	int theme_failed = 0;

	if (o->n_files > 0)
		return usage("check takes no files (it checks everything "
		    "under -C DIR)", NULL);
	if (load_all(&r, 1) == -1 || repo_load_curricula(&r) == -1)
		return EXIT_USAGE;
	for (k = 0; k < r.n_curricula; k++) {
		struct pack p;

		pack_resolve(&p, &r, r.curricula[k]);
		pack_release(&p);
		/* The theme as build reads it: what build refuses, check
		 * refuses (each theme read once). */
		if (r.curricula[k]->n_errors == 0 &&
		    theme_get(&tc, r.curricula[k]->theme) == NULL)
			theme_failed = 1;
	}
	free(tc.name);
	theme_free(tc.t);
	repo_free(&r);
	return theme_failed || diag_shown_errors() ? EXIT_CONTENT : 0;
}

static int
cmd_report(struct opts *o)
{
	struct repo r;
	struct buf out = BUF_INIT;
	struct curriculum *only = NULL;
	struct theme *t = NULL;
	enum report_format f;
	int work;
	size_t k;
	int rc = 0;

	if (o->n_files > 0)
		return usage("report takes no files (use --curriculum)", NULL);
	if (report_format_parse(o->format ? o->format : "text", &f) == -1)
		return usage("unknown report format '%s' (text, json, csv or "
		    "html)", o->format);
	if (o->depfile && o->out == NULL)
		return usage("report -M needs -o FILE, the rule's target",
		    NULL);
	if ((o->out && check_output_place(o->out) != 0) ||
	    (o->depfile && check_output_place(o->depfile) != 0))
		return EXIT_USAGE;
	if (load_all(&r, 1) == -1 || repo_load_curricula(&r) == -1)
		return EXIT_USAGE;
	if (o->curriculum) {
		const char *want = clean_path(o->curriculum);

		for (k = 0; k < r.n_curricula; k++)
			if (strcmp(r.curricula[k]->path, want) == 0)
				only = r.curricula[k];
		if (only == NULL && (only = curriculum_load(&r, want)) == NULL) {
			repo_free(&r);
			return EXIT_USAGE;
		}
	}
	for (k = 0; k < r.n_curricula; k++) {
		struct pack p;

		pack_resolve(&p, &r, r.curricula[k]);
		pack_release(&p);
	}
	/* The HTML report's words are a theme's: the curriculum's, or the
	 * default one. */
	if (f == REPORT_HTML && (t = theme_load(only && only->n_errors == 0 ?
	    only->theme : "default")) == NULL) {
		repo_free(&r);
		return EXIT_CONTENT;
	}
	work = report_render(&out, &r, only, o->current, f, t);
	if (o->out) {
		if (file_write_atomic(o->out, out.data, out.len) == -1)
			rc = EXIT_USAGE;
		else if (o->depfile) {
			struct deps d;

			deps_init(&d);
			deps_target(&d, o->out);
			deps_repo(&d, &r);
			if (t)
				deps_theme(&d, t);
			if (write_depfile(o->depfile, &d) == -1)
				rc = EXIT_USAGE;
			deps_release(&d);
		}
	} else if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) == EOF) {
		sys_error("cannot write the report: %s", strerror(errno));
		rc = EXIT_USAGE;
	}
	/* Content errors outrank outdated lectures. */
	if (rc == 0 && diag_shown_errors())
		rc = EXIT_CONTENT;
	if (rc == 0 && o->fail_on_outdated && work)
		rc = EXIT_OUTDATED;
	buf_release(&out);
	theme_free(t);
	repo_free(&r);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	diag_init();
	if ((rc = parse_command_line(&o, argc, argv)) != 0) {
		free(o.files);
		return rc;
	}
	if (o.dir && chdir(o.dir) == -1) {
		sys_error("cannot change to '%s': %s", o.dir, strerror(errno));
		free(o.files);
		return EXIT_USAGE;
	}
	if (strcmp(o.command, "check") != 0)
		out_signals();
	if (strcmp(o.command, "build") == 0)
		rc = cmd_build(&o);
	else if (strcmp(o.command, "check") == 0)
		rc = cmd_check(&o);
	else if (strcmp(o.command, "report") == 0)
		rc = cmd_report(&o);
	else
		rc = usage("unknown command '%s'", o.command);
	free(o.files);
	return rc;
}
