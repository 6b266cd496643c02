/* load_doc.h - a lecture or note file to a `struct doc` (see model.h). */
#ifndef LP_LOAD_DOC_H
#define LP_LOAD_DOC_H

#include "model.h"

/* Reads and parses the Markdown file at `path` (repository-relative).
 * Always returns a doc (caller frees with doc_free()); its n_errors says
 * how many errors were reported while loading it.  An unreadable file
 * has no tree (root is NULL). */
struct doc	*doc_load(const char *path, enum doc_kind kind);
void		 doc_free(struct doc *d);

#endif
