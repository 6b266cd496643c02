/* import.h - `lecturepack import`: Word and OpenDocument files to lectures.
 *
 * The conversion is Pandoc's, run as a separate program with a Lua
 * filter of ours (src/import.lua, built into the tool) that tidies what
 * Word lectures look like; this module names the lecture, writes its
 * front matter, moves its images into lectures/images/ID/, never
 * replaces a file unless asked, and suggests congress marks (SPEC 4) and
 * local-note links (SPEC 5) from the words of each section. */
#ifndef LP_IMPORT_H
#define LP_IMPORT_H

struct import_opts {
	const char	*id;		/* --id, or NULL: from the title */
	int		 congress;	/* --congress, or 0 */
	int		 force;		/* --force: replace existing files */
	int		 no_marks;	/* --no-marks: suggest nothing */
	char		**files;	/* the documents, as given */
	int		 n_files;
};

/* Imports each file into the repository (the working directory).
 * Returns the exit status (SPEC 7): 0, 1 when a file could not be
 * imported or its lecture has errors, 2 on a system error (pandoc
 * missing, a file that cannot be read or written). */
int	import_run(const struct import_opts *o);

#endif
