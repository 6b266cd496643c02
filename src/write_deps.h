/* write_deps.h - make rules naming every input an output was made from.
 *
 * Like `gcc -MD`: for each output a rule "targets: inputs", then an
 * empty rule per input so that a deleted input does not stop make.
 * File names are escaped for make (spaces, ':', '#', '$', '%' and
 * wildcard characters); names make cannot hold (control characters,
 * '\') never get here: the loaders refuse them (path_name_ok()). */
#ifndef LP_WRITE_DEPS_H
#define LP_WRITE_DEPS_H

#include "buf.h"
#include "load_repo.h"
#include "resolve_pack.h"
#include "theme.h"

/* A rule under construction: targets, then inputs, then deps_end(). */
struct deps {
	struct buf	 rule;		/* "targets: inputs" */
	struct buf	 phony;		/* "input:" lines */
	enum { DEPS_ENDED, DEPS_TARGETS, DEPS_INPUTS } state;
};

void	deps_init(struct deps *d);
void	deps_release(struct deps *d);
/* Adds a target of the rule being written. */
void	deps_target(struct deps *d, const char *path);
/* Adds an input of the rule being written. */
void	deps_input(struct deps *d, const char *path);
/* Adds every input of a pack: curriculum, lectures, notes, images, the
 * cover and the theme's files. */
void	deps_pack(struct deps *d, const struct pack *p, const struct theme *t);
/* Adds the theme's files. */
void	deps_theme(struct deps *d, const struct theme *t);
/* Adds every input of a report: every lecture, note and curriculum. */
void	deps_repo(struct deps *d, const struct repo *r);
/* Ends the rule; the next deps_target() starts another. */
void	deps_end(struct deps *d);
/* The whole file: the rules, then the empty rules.  Borrowed until the
 * next call that changes d. */
const struct buf *deps_text(struct deps *d);

#endif
