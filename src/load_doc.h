/* load_doc.h - a lecture or note file to a `struct doc` (see model.h). */
#ifndef LP_LOAD_DOC_H
#define LP_LOAD_DOC_H

#include "model.h"

/* Reads the Markdown file at `path` (repository-relative): its text,
 * cleaned, and its front matter, typed.  Problems found here are only
 * counted (d->n_errors): doc_parse() prints them, so a file that no
 * pack of the run uses stays quiet.  Always returns a doc; the caller
 * frees it with doc_free(). */
struct doc	*doc_open(const char *path, enum doc_kind kind);
/* Parses the body once (cmark, marks, wiki links, sections, parts) and
 * prints every problem of the file.  After doc_drop_tree() it parses
 * again, silently, when the tree is needed again.  Returns the number
 * of errors in the file. */
int		 doc_parse(struct doc *d);
/* Frees the cmark tree but keeps everything else: ids and titles of
 * sections, wiki links, parts.  Memory then grows with one pack, not
 * with the whole repository. */
void		 doc_drop_tree(struct doc *d);
void		 doc_free(struct doc *d);

#endif
