/* common.h - what the libFuzzer targets share (tests/fuzz/run.sh).
 *
 * fuzz_setup() makes a private content repository once per process (a
 * temporary folder holding lectures, notes, an image and a copy of the
 * repository's themes/), changes into it and loads the default theme.
 * fuzz_run() then runs what `lecturepack build`, `check` and `report` run, in
 * process, and checks the output with cheap invariants: any violation is
 * a __builtin_trap(), so libFuzzer keeps the input as a crash. */
#ifndef LP_FUZZ_COMMON_H
#define LP_FUZZ_COMMON_H

#include <stddef.h>

#include "load_repo.h"

/* The lecture file fuzz_doc writes, and its default id. */
#define FUZZ_LECTURE	"lectures/fuzz.md"
#define FUZZ_CURRICULUM	"curricula/t.yaml"
#define FUZZ_CURRICULUM2	"curricula/u.yaml"

/* Creates the temporary repository and chdirs into it; exits on failure.
 * The themes are copied from $LP_FUZZ_THEMES, else ./themes (run.sh
 * starts the targets in the source tree).  Relative paths among
 * libFuzzer's arguments are made absolute first. */
void	fuzz_setup(int *argc, char ***argv);
/* Writes n bytes to path (relative to the temporary repository). */
void	fuzz_write(const char *path, const void *data, size_t n);
/* Marks the error and warning counts before an input is loaded: the
 * strict checks apply only to inputs that produced no diagnostic. */
void	fuzz_begin(void);
/* Runs what `build` runs (repo_load, every curricula/NAME.yaml, one
 * pack after the other with the trees dropped between them, the body of
 * every doc as HTML and XHTML, the packs written) and then what `check`
 * and `report` run (repo_parse_all, the report in four formats), and
 * checks the output.  before_curricula (or NULL) may write curricula
 * once the repository is open. */
void	fuzz_run(void (*before_curricula)(struct repo *));

#endif
