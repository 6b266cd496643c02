/* render_report.h - the reviewer report (SPEC 8): text, JSON, CSV, HTML. */
#ifndef LP_RENDER_REPORT_H
#define LP_RENDER_REPORT_H

#include "buf.h"
#include "load_repo.h"
#include "theme.h"

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_CSV,
	REPORT_HTML
};

/* Returns 0 and sets *f, or -1 for an unknown name. */
int	report_format_parse(const char *name, enum report_format *f);
/* Appends the report over every lecture, or only those of `only`.
 * Marks must be resolved (doc_parse) for every doc.  The HTML report
 * takes its words from theme t (the others are read by tools and take
 * no theme: t may be NULL).  The congress columns of the CSV are those
 * marked in the lectures covered, and the current one; its last column,
 * `where`, lists the places to update (marks_places()).  Returns 1 when
 * some lecture covered is outdated or partial (--fail-on-outdated). */
int	report_render(struct buf *out, const struct repo *r,
	    const struct curriculum *only, int current, enum report_format f,
	    const struct theme *t);

#endif
