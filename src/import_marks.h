/* import_marks.h - congress marks and local-note links suggested from a
 * lecture's words (`lecturepack import`). */
#ifndef LP_IMPORT_MARKS_H
#define LP_IMPORT_MARKS_H

#include <stddef.h>

#include "buf.h"

struct doc;

/* Suggests marks and notes for lecture d, parsed (doc_parse()), whose
 * file holds text[0..len); prints each suggestion to standard output as
 * "PATH:LINE: suggested .xiii: \"words\"" (or "suggested link: ...",
 * LINE that of the words once the notes are in) and appends to *out the
 * text with the marks and notes added.  base is the lecture's congress
 * baseline, or 0.  Returns how many; with none, *out is untouched. */
size_t	import_marks(const struct doc *d, const char *text, size_t len,
	    int base, struct buf *out);

#endif
