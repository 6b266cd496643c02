/* main.c - the lecturepack command line: options, then one run (run.h).
 *
 * Exit status (SPEC 7): 0 success, warnings allowed; 1 the content has
 * errors; 2 usage or system error; 3 --fail-on-outdated found work. */
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "import.h"
#include "model.h"
#include "run.h"
#include "write_out.h"
#include "xalloc.h"

struct opts {
	const char	*command;
	const char	*dir;
	struct run_opts	 run;
	struct import_opts imp;
};

/* English here; shown translated (diag_tr()). */
static const char *const usage_text = N_(
"usage: lecturepack build  [-C DIR] [-o OUT] [--format html,epub] [-M DEPFILE]\n"
"                          [-j N] [-q] [--current XIII] CURRICULUM.yaml...\n"
"       lecturepack check  [-C DIR] [-q] [--current XIII]\n"
"       lecturepack report [-C DIR] [--current XIII] [--format text|json|csv|html]\n"
"                          [-o FILE [-M DEPFILE]] [--curriculum CURRICULUM.yaml]\n"
"                          [-q] [--fail-on-outdated]\n"
"       lecturepack import [-C DIR] [--id ID] [--congress XII] [--no-marks]\n"
"                          [--force] FILE.docx|FILE.odt...\n"
"       lecturepack --help | --version\n");

static const char *const help_text = N_(
"\n"
"Turns Markdown lectures into HTML lecture packs for political training\n"
"centers, and reports which lectures still lack updates to the current\n"
"National Party Congress.\n"
"\n"
"commands:\n"
"  build    build the pack of each curriculum into OUT/ID/\n"
"  check    parse and verify every lecture, note and curriculum\n"
"  report   list lectures by congress status, the ones needing work first\n"
"  import   turn Word (.docx) or OpenDocument (.odt) files into lectures,\n"
"           with suggested congress marks (needs pandoc)\n"
"\n"
"options:\n"
"  -C DIR               run as if started in DIR (the content repository)\n"
"  -o OUT               build: output folder (default build);\n"
"                       report: output file (default standard output)\n"
"  --format LIST        build: html,epub (default both);\n"
"                       report: text, json, csv or html\n"
"  -M DEPFILE           build, report -o: write a make rule naming every\n"
"                       input used\n"
"  -j, --jobs N         build: packs built at once (default: the number\n"
"                       of processors)\n"
"  -q, --quiet          print no message about the content (the exit\n"
"                       status still says whether it has errors)\n"
"  --current N          the current congress, IX to XX (default: 'current:'\n"
"                       in lecturepack.yaml, else XIII)\n"
"  --curriculum FILE    report: only the lectures of this curriculum\n"
"  --fail-on-outdated   report: exit 3 when a lecture is outdated or partial\n"
"  --id ID              import: the lecture's id (default: the slug of the\n"
"                       document's title, else of its file name)\n"
"  --congress N         import: the lecture's 'congress:' baseline\n"
"  --no-marks           import: suggest no congress marks or local links\n"
"  --force              import: replace a lecture of the same id\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"exit status: 0 success, 1 content errors, 2 usage or system error,\n"
"3 outdated lectures found (with --fail-on-outdated).\n"
"See lecturepack(1) and lecturepack(5).\n");

static int
usage(const char *msg, const char *arg)
{
	if (msg) {
		fputs("lecturepack: error: ", stderr);
		fprintf(stderr, diag_tr(msg), arg);
		fputc('\n', stderr);
	}
	fputs(diag_tr(usage_text), stderr);
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
	enum { OPT_FORMAT = 256, OPT_CURRENT, OPT_CURRICULUM, OPT_FAIL,
	    OPT_ID, OPT_CONGRESS, OPT_NO_MARKS, OPT_FORCE };
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "current", required_argument, NULL, OPT_CURRENT },
		{ "curriculum", required_argument, NULL, OPT_CURRICULUM },
		{ "fail-on-outdated", no_argument, NULL, OPT_FAIL },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "id", required_argument, NULL, OPT_ID },
		{ "congress", required_argument, NULL, OPT_CONGRESS },
		{ "no-marks", no_argument, NULL, OPT_NO_MARKS },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	long n;
	int ch;

	while ((ch = getopt_long(argc, argv, "+hVC:o:M:j:q", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(diag_tr(usage_text), stdout);
			fputs(diag_tr(help_text), stdout);
			exit(flush_stdout());
		case 'V':
			puts("lecturepack " LP_VERSION);
			exit(flush_stdout());
		case 'C':
			o->dir = optarg;
			break;
		case 'o':
			o->run.out = optarg;
			break;
		case 'M':
			o->run.depfile = optarg;
			break;
		case 'j':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 1 || n > 256)
				return usage("-j needs a number of packs from "
				    "1 to 256, not '%s'", optarg);
			o->run.jobs = (int)n;
			break;
		case 'q':
			o->run.quiet = 1;
			break;
		case OPT_FORMAT:
			o->run.format = optarg;
			break;
		case OPT_CURRENT:
			if ((o->run.current = congress_parse(optarg)) == 0)
				return usage("unknown congress '%s' for "
				    "--current (IX to XX)", optarg);
			break;
		case OPT_CURRICULUM:
			o->run.curriculum = optarg;
			break;
		case OPT_FAIL:
			o->run.fail_on_outdated = 1;
			break;
		case OPT_ID:
			o->imp.id = optarg;
			break;
		case OPT_CONGRESS:
			if ((o->imp.congress = congress_parse(optarg)) == 0)
				return usage("unknown congress '%s' for "
				    "--congress (IX to XX)", optarg);
			break;
		case OPT_NO_MARKS:
			o->imp.no_marks = 1;
			break;
		case OPT_FORCE:
			o->imp.force = 1;
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
			o->run.files = xrealloc(o->run.files,
			    (size_t)(o->run.n_files + 1) *
			    sizeof(*o->run.files));
			o->run.files[o->run.n_files++] = argv[optind++];
		}
	}
	return 0;
}

/* What each command accepts beyond the options' own checks. */
static int
check_command(const struct opts *o)
{
	const struct run_opts *r = &o->run;
	int report = strcmp(o->command, "report") == 0;
	int import = strcmp(o->command, "import") == 0;

	if (import && r->n_files == 0)
		return usage("import needs at least one FILE.docx or FILE.odt",
		    NULL);
	if (import && o->imp.id && r->n_files > 1)
		return usage("--id names one lecture: import one file with it",
		    NULL);
	if (import && (r->out || r->depfile || r->format || r->curriculum ||
	    r->fail_on_outdated || r->current))
		return usage("import takes no -o, -M, --format, --current, "
		    "--curriculum or --fail-on-outdated", NULL);
	if (!import && (o->imp.id || o->imp.congress || o->imp.no_marks ||
	    o->imp.force))
		return usage("--id, --congress, --no-marks and --force are "
		    "for import", NULL);
	if (strcmp(o->command, "build") == 0 && r->n_files == 0)
		return usage("build needs at least one CURRICULUM.yaml", NULL);
	if (strcmp(o->command, "check") == 0 && r->n_files > 0)
		return usage("check takes no files (it checks everything "
		    "under -C DIR)", NULL);
	if (report && r->n_files > 0)
		return usage("report takes no files (use --curriculum)", NULL);
	if (report && r->depfile && r->out == NULL)
		return usage("report -M needs -o FILE, the rule's target",
		    NULL);
	if ((report || strcmp(o->command, "build") == 0) &&
	    run_format_check(report, r->format) == -1)
		return usage(NULL, NULL);
	return 0;
}

/*
 * A build allocates and frees a few MB per lecture, on one glibc arena per
 * thread.  By default glibc gives the top of an arena back to the kernel
 * as soon as 128 KB are free and serves blocks over 128 KB with mmap, so
 * the same pages are unmapped and faulted in again for every lecture
 * (4x the page faults with -j 2, a quarter of the run's CPU time spent
 * in the kernel).  The run is short and its peak small: keep the memory.
 */
static void
malloc_tune(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

int
main(int argc, char **argv)
{
	struct opts o;
	int rc;

	malloc_tune();
	memset(&o, 0, sizeof(o));
	o.run.jobs = 0;
	diag_init();
	if ((rc = parse_command_line(&o, argc, argv)) != 0 ||
	    (strcmp(o.command, "build") != 0 &&
	    strcmp(o.command, "check") != 0 &&
	    strcmp(o.command, "report") != 0 &&
	    strcmp(o.command, "import") != 0 &&
	    (rc = usage("unknown command '%s'", o.command)) != 0) ||
	    (rc = check_command(&o)) != 0) {
		free(o.run.files);
		return rc;
	}
	if (o.dir && chdir(o.dir) == -1) {
		sys_error("cannot change to '%s': %s", o.dir, strerror(errno));
		free(o.run.files);
		return EXIT_USAGE;
	}
	if (strcmp(o.command, "check") != 0)
		out_signals();
	if (strcmp(o.command, "import") == 0) {
		o.imp.files = o.run.files;
		o.imp.n_files = o.run.n_files;
		rc = import_run(&o.imp);
	} else if (strcmp(o.command, "build") == 0)
		rc = run_build(&o.run);
	else if (strcmp(o.command, "check") == 0)
		rc = run_check(&o.run);
	else
		rc = run_report(&o.run);
	free(o.run.files);
	return rc;
}
