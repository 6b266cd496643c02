/* run.h - one run of the tool: load, resolve, render, write, in order.
 *
 * main.c reads the command line into a `struct run_opts` and calls one
 * of these; this module owns everything a run holds: the repository,
 * which trees to keep and drop, the themes, the dep files, the packs
 * built (in parallel, one per thread) and when each list of messages is
 * printed.  Each returns the exit status (SPEC 7). */
#ifndef LP_RUN_H
#define LP_RUN_H

#define EXIT_CONTENT	1
#define EXIT_USAGE	2
#define EXIT_OUTDATED	3

struct run_opts {
	const char	*out;		/* build: folder; report: file */
	const char	*depfile;	/* -M */
	const char	*format;	/* NULL: the command's default */
	const char	*curriculum;	/* report --curriculum */
	int		 current;	/* --current, or 0: the settings'
					   (load_repo.h) */
	int		 fail_on_outdated;
	int		 quiet;		/* -q: content messages not printed */
	int		 jobs;		/* build -j: packs at once, >= 1 */
	char		**files;	/* build: the curricula */
	int		 n_files;
};

/* Checks --format for build (html, epub) or report (text, json, csv,
 * html).  Returns 0, or -1 after a message. */
int	run_format_check(int report, const char *format);
int	run_build(const struct run_opts *o);
int	run_check(const struct run_opts *o);
int	run_report(const struct run_opts *o);

#endif
