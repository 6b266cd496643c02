/* load_doc.h - a lecture or note file to a `struct doc` (see model.h). */
#ifndef LP_LOAD_DOC_H
#define LP_LOAD_DOC_H

#include "load_tree.h"	/* what a node of a doc's tree is */
#include "model.h"

/* Reads the Markdown file at `path` (repository-relative): its text,
 * cleaned, and its front matter, typed.  Problems found here go to
 * d->msgs (printed when the run reports on d, so a file no pack of a
 * build uses stays quiet).  Always returns a doc; the caller frees it
 * with doc_free(). */
struct doc	*doc_open(const char *path, enum doc_kind kind);
/* Returns 1 when d's id is only a guess from its file name because its
 * front matter could not be read: a curriculum may know it by another. */
int		 doc_id_unsure(const struct doc *d);
/* Parses the body once (cmark, marks, wiki links, sections, parts),
 * adding every problem of the body to d->msgs.  Blocks, links and
 * parts stay for the run; a lecture's tree is dropped at once when the
 * trees kept pass a fixed budget (doc_tree_need() gets it back).  Safe
 * to call from several threads.
 * Returns the number of errors of the file so far. */
int		 doc_parse(struct doc *d);
/* Makes sure d has its tree, reading and parsing the file again (its
 * messages are known already) when it was dropped; the blocks and
 * links d had stay (and the new tree points at them).  Returns 0, or -1 after an error
 * (the file changed or vanished meanwhile). */
int		 doc_tree_need(struct doc *d);
/* The caller is done with d's tree for now: a lecture's is freed when
 * the trees kept exceed a fixed budget, so that memory follows the
 * largest lecture, not the pack.  Notes keep theirs (run.c frees
 * trees between packs). */
void		 doc_tree_done(struct doc *d);
/* Frees the cmark tree but keeps everything else: ids and titles of
 * sections, wiki links, parts.  Memory then grows with one pack, not
 * with the whole repository. */
void		 doc_drop_tree(struct doc *d);
void		 doc_free(struct doc *d);

#endif
