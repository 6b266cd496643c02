/* render_report.c - the reviewer report in four formats.
 *
 * One list of rows is computed from the model (no file is read again),
 * sorted with the lectures that need work first, and each format is a
 * small writer over those rows. */
#include "render_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "resolve_marks.h"
#include "xalloc.h"

/* A link to a note of an old term, and the note it reaches. */
struct old_link {
	const struct wikilink	*w;
	const struct doc	*to;
};

struct row {
	const struct doc	*doc;
	enum status		 status;
	int			 counts[CONGRESS_MAX + 1];
	int			 province_links;
	int			 district_links;
	int			 commune_links;
	struct old_link		*old;		/* links to notes of a term
						   other than the one in force */
	size_t			 n_old;
};

struct rows {
	struct row	*v;
	size_t		 n;
	int		 totals[4];	/* by enum status */
	int		 in_use[CONGRESS_MAX + 1];	/* marks of the rows,
							   and the current */
	const struct repo *r;
	const struct curriculum *only;
	int		 current;
	const struct theme *t;		/* labels (HTML) */
};

int
report_format_parse(const char *name, enum report_format *f)
{
	static const char *names[] = { "text", "json", "csv", "html" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return -1;
}

/* Whether note `to` is of a term other than the one pack c means to use
 * (its 'term:', else the one in force). */
static int
old_term(const struct repo *r, const struct curriculum *c,
    const struct doc *to)
{
	const char *want = c && c->term ? c->term : r->term;

	return to && to->kind == DOC_NOTE && to->term &&
	    strcmp(to->term, want) != 0;
}

/* Where link w goes in the packs of the report that hold its lecture
 * (`held`, n of them; with none, a fixed id against the term in force):
 * the note when it is of an old term there, else NULL. */
static const struct doc *
old_term_target(const struct repo *r, const struct wikilink *w,
    const struct curriculum *const *held, size_t n)
{
	const struct doc *fixed = NULL, *to;
	int placeholder = link_is_placeholder(w->target);
	size_t k;

	if (!placeholder && (*w->target == '\0' ||
	    (fixed = repo_find(r, w->target)) == NULL ||
	    fixed->kind != DOC_NOTE))
		return NULL;
	for (k = 0; k < n; k++) {
		to = placeholder ? curriculum_locality(held[k], w->target,
		    NULL) : fixed;
		if (old_term(r, held[k], to))
			return to;
	}
	return n == 0 && old_term(r, NULL, fixed) ? fixed : NULL;
}

/* The curricula of the report that hold lecture d, found once per
 * lecture (caller frees). */
static const struct curriculum **
holders(const struct rows *rs, const struct doc *d, size_t *n)
{
	const struct repo *r = rs->r;
	const struct curriculum **v = xcalloc(r->n_curricula + 1,
	    sizeof(*v));
	size_t k;

	*n = 0;
	for (k = 0; k < r->n_curricula; k++)
		if ((rs->only == NULL || r->curricula[k] == rs->only) &&
		    curriculum_has(r->curricula[k], d))
			v[(*n)++] = r->curricula[k];
	return v;
}

static void
count_links(struct row *w, const struct rows *rs)
{
	const struct doc *d = w->doc, *to;
	const struct curriculum **held = NULL;
	size_t i, n_held = 0;

	for (i = 0; i < d->n_links; i++) {
		const struct wikilink *l = d->links[i];
		const char *t = l->target;
		enum note_level level = note_level_parse(t);

		if (level == LEVEL_NONE && *t &&
		    (to = repo_find(rs->r, t)) != NULL && to->kind == DOC_NOTE)
			level = to->level;
		w->province_links += level == LEVEL_PROVINCE;
		w->district_links += level == LEVEL_DISTRICT;
		w->commune_links += level == LEVEL_COMMUNE;
		if (level == LEVEL_NONE)
			continue;
		if (held == NULL)
			held = holders(rs, d, &n_held);
		if ((to = old_term_target(rs->r, l, held, n_held)) != NULL) {
			w->old = xrealloc(w->old, (w->n_old + 1) *
			    sizeof(*w->old));
			w->old[w->n_old].w = l;
			w->old[w->n_old++].to = to;
		}
	}
	free(held);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->status != y->status)
		return (int)x->status - (int)y->status;
	return strcmp(x->doc->path, y->doc->path);
}

static void
rows_make(struct rows *rs, const struct repo *r, const struct curriculum *only,
    int current)
{
	size_t i, k;

	memset(rs, 0, sizeof(*rs));
	rs->r = r;
	rs->only = only;
	rs->current = current;
	rs->v = xcalloc(r->n_lectures + 1, sizeof(*rs->v));
	rs->in_use[current] = 1;
	for (i = 0; i < r->n_lectures; i++) {
		const struct doc *d = r->docs[i];
		struct row *w;

		if (only && !curriculum_has(only, d))
			continue;
		w = &rs->v[rs->n++];
		w->doc = d;
		w->status = marks_status(d, current);
		for (k = 0; k < d->n_parts; k++) {
			w->counts[d->parts[k].mark]++;
			rs->in_use[d->parts[k].mark] = 1;
		}
		count_links(w, rs);
		rs->totals[w->status]++;
	}
	if (rs->n > 1)
		qsort(rs->v, rs->n, sizeof(*rs->v), cmp_row);
}

static void
rows_release(struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].old);
	}
	free(rs->v);
}

static void
summary_line(struct buf *out, const struct rows *rs)
{
	buf_printf(out, "%d outdated, %d partial, %d unmarked, %d updated "
	    "(%zu lecture%s)\n", rs->totals[STATUS_OUTDATED],
	    rs->totals[STATUS_PARTIAL], rs->totals[STATUS_UNMARKED],
	    rs->totals[STATUS_UPDATED], rs->n, rs->n == 1 ? "" : "s");
}

/* ---- text ---- */

/* An outdated part's row; the baseline's is followed by the sections it
 * covers, indented. */
static void
text_part(struct buf *out, const struct doc *d, const struct part *p)
{
	const struct block **secs = NULL;
	size_t k, n = 0;

	buf_printf(out, "    %s:%d: %s ", d->path, p->line,
	    congress_name(p->mark));
	esc_text(out, p->title);
	if (p->block == NULL) {
		secs = marks_baseline_sections(d, &n);
		buf_puts(out, n ? " (baseline of the sections below)" :
		    " (baseline)");
	}
	buf_putc(out, '\n');
	for (k = 0; k < n; k++) {
		buf_printf(out, "      %s:%d: ", d->path, secs[k]->loc.line);
		esc_text(out, secs[k]->title);
		buf_putc(out, '\n');
	}
	free(secs);
}

/* The counts of local links; commune and old-term links only when
 * there are some (a repository of the first cycle reads as before). */
static void
text_links(struct buf *out, const struct row *w)
{
	if (w->province_links + w->district_links + w->commune_links == 0) {
		buf_puts(out, "  [no local link]");
		return;
	}
	buf_printf(out, "  [links: province %d, district %d",
	    w->province_links, w->district_links);
	if (w->commune_links)
		buf_printf(out, ", commune %d", w->commune_links);
	if (w->n_old)
		buf_printf(out, ", old term %zu", w->n_old);
	buf_putc(out, ']');
}

static void
report_text(struct buf *out, const struct rows *rs)
{
	size_t i, k;
	int m, any;

	for (i = 0; i < rs->n; i++) {
		const struct row *w = &rs->v[i];
		const struct doc *d = w->doc;

		buf_printf(out, "%-9s %-24s ", status_name(w->status), d->id);
		any = 0;
		for (m = CONGRESS_MIN; m <= CONGRESS_MAX; m++)
			if (w->counts[m]) {
				buf_printf(out, "%s%s:%d", any ? " " : "",
				    congress_name(m), w->counts[m]);
				any = 1;
			}
		if (!any)
			buf_puts(out, "-");
		text_links(out, w);
		buf_puts(out, "  ");
		esc_text(out, d->title ? d->title : "");
		buf_putc(out, '\n');
		for (k = 0; k < d->n_parts; k++)
			if (d->parts[k].mark < rs->current)
				text_part(out, d, &d->parts[k]);
		for (k = 0; k < w->n_old; k++) {
			buf_printf(out, "    %s:%d:%d: old term ", d->path,
			    w->old[k].w->loc.line, w->old[k].w->loc.col);
			esc_text(out, w->old[k].to->term);
			buf_puts(out, " ");
			esc_text(out, w->old[k].to->id);
			buf_putc(out, '\n');
		}
	}
	summary_line(out, rs);
}

/* ---- JSON ---- */

static void
json_curricula(struct buf *out, const struct repo *r, const struct doc *d)
{
	size_t k;
	int first = 1;

	buf_putc(out, '[');
	for (k = 0; k < r->n_curricula; k++)
		if (curriculum_has(r->curricula[k], d)) {
			if (!first)
				buf_puts(out, ", ");
			esc_json_str(out, r->curricula[k]->id);
			first = 0;
		}
	buf_putc(out, ']');
}

/* The baseline part's own fields: the sections it covers. */
static void
json_baseline_sections(struct buf *out, const struct doc *d)
{
	const struct block **secs;
	size_t k, n;

	secs = marks_baseline_sections(d, &n);
	buf_puts(out, ", \"baseline\": true, \"sections\": [");
	for (k = 0; k < n; k++) {
		buf_printf(out, "%s{\"line\": %d, \"title\": ", k ? ", " : "",
		    secs[k]->loc.line);
		esc_json_str(out, secs[k]->title);
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
	free(secs);
}

static void
report_json(struct buf *out, const struct rows *rs)
{
	size_t i, k;
	int m, first;

	buf_printf(out, "{\n  \"current\": \"%s\",\n  \"summary\": "
	    "{\"lectures\": %zu, \"outdated\": %d, \"partial\": %d, "
	    "\"updated\": %d, \"unmarked\": %d},\n  \"lectures\": [",
	    congress_name(rs->current), rs->n, rs->totals[STATUS_OUTDATED],
	    rs->totals[STATUS_PARTIAL], rs->totals[STATUS_UPDATED],
	    rs->totals[STATUS_UNMARKED]);
	for (i = 0; i < rs->n; i++) {
		const struct row *w = &rs->v[i];
		const struct doc *d = w->doc;

		buf_puts(out, i ? ",\n    {\n" : "\n    {\n");
		buf_puts(out, "      \"id\": ");
		esc_json_str(out, d->id);
		buf_puts(out, ",\n      \"file\": ");
		esc_json_str(out, d->path);
		buf_puts(out, ",\n      \"title\": ");
		esc_json_str(out, d->title ? d->title : "");
		buf_printf(out, ",\n      \"status\": \"%s\",\n      "
		    "\"updated\": ", status_name(w->status));
		if (d->updated)
			esc_json_str(out, d->updated);
		else
			buf_puts(out, "null");
		buf_puts(out, ",\n      \"counts\": {");
		first = 1;
		for (m = CONGRESS_MIN; m <= CONGRESS_MAX; m++)
			if (w->counts[m]) {
				buf_printf(out, "%s\"%s\": %d", first ? "" :
				    ", ", congress_name(m), w->counts[m]);
				first = 0;
			}
		buf_puts(out, "},\n      \"outdated\": [");
		first = 1;
		for (k = 0; k < d->n_parts; k++) {
			if (d->parts[k].mark >= rs->current)
				continue;
			buf_printf(out, "%s{\"line\": %d, \"title\": ",
			    first ? "" : ", ", d->parts[k].line);
			esc_json_str(out, d->parts[k].title);
			buf_printf(out, ", \"congress\": \"%s\"",
			    congress_name(d->parts[k].mark));
			if (d->parts[k].block == NULL)
				json_baseline_sections(out, d);
			buf_putc(out, '}');
			first = 0;
		}
		buf_printf(out, "],\n      \"links\": {\"province\": %d, "
		    "\"district\": %d, \"commune\": %d, \"old_term\": %zu},"
		    "\n      \"curricula\": ", w->province_links,
		    w->district_links, w->commune_links, w->n_old);
		json_curricula(out, rs->r, d);
		buf_puts(out, "\n    }");
	}
	buf_puts(out, rs->n ? "\n  ]\n}\n" : "]\n}\n");
}

/* ---- CSV ---- */

/* The `where` cell: "LINE TITLE" of each place to update, "; "
 * between them. */
static void
csv_where(struct buf *out, const struct doc *d, int current)
{
	struct buf cell = BUF_INIT;
	struct mark_place *v;
	size_t k, n;

	v = marks_places(d, current, &n);
	for (k = 0; k < n; k++)
		buf_printf(&cell, "%s%d %s", k ? "; " : "", v[k].line,
		    v[k].title);
	esc_csv(out, cell.data);
	buf_release(&cell);
	free(v);
}

static void
report_csv(struct buf *out, const struct rows *rs)
{
	size_t i, k;
	int m, n_out;

	/* A byte-order mark, so spreadsheets read the text as UTF-8. */
	buf_puts(out, "\xEF\xBB\xBF");
	buf_puts(out, "id,file,title,status,updated");
	for (m = CONGRESS_MIN; m <= CONGRESS_MAX; m++)
		if (rs->in_use[m])
			buf_printf(out, ",%s", congress_name(m));
	buf_puts(out, ",outdated_parts,province_links,district_links,"
	    "commune_links,old_term_links,curricula,where\r\n");
	for (i = 0; i < rs->n; i++) {
		const struct row *w = &rs->v[i];
		const struct doc *d = w->doc;
		struct buf cur = BUF_INIT;

		esc_csv(out, d->id);
		buf_putc(out, ',');
		esc_csv(out, d->path);
		buf_putc(out, ',');
		esc_csv(out, d->title ? d->title : "");
		buf_printf(out, ",%s,%s", status_name(w->status),
		    d->updated ? d->updated : "");
		for (m = CONGRESS_MIN; m <= CONGRESS_MAX; m++)
			if (rs->in_use[m])
				buf_printf(out, ",%d", w->counts[m]);
		for (n_out = 0, k = 0; k < d->n_parts; k++)
			n_out += d->parts[k].mark < rs->current;
		buf_printf(out, ",%d,%d,%d,%d,%zu,", n_out, w->province_links,
		    w->district_links, w->commune_links, w->n_old);
		for (k = 0; k < rs->r->n_curricula; k++)
			if (curriculum_has(rs->r->curricula[k], d)) {
				if (cur.len)
					buf_putc(&cur, ';');
				buf_puts(&cur, rs->r->curricula[k]->id);
			}
		esc_csv(out, cur.data);
		buf_putc(out, ',');
		csv_where(out, d, rs->current);
		buf_puts(out, "\r\n");
		buf_release(&cur);
	}
}

/* ---- HTML ---- */

static const char report_css[] =
"body{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,sans-serif;"
"margin:0 auto;max-width:60rem;padding:1rem;line-height:1.5;color:#1a1a1a}"
"table{border-collapse:collapse;width:100%}"
"th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;"
"vertical-align:top}"
".bar{display:flex;height:1.2rem;border:1px solid #555;max-width:30rem}"
".bar span{display:block}"
".s-outdated{background:#b3261e}.s-partial{background:#e8a33d}"
".s-unmarked{background:#999}.s-updated{background:#2e7d32}"
".key span{display:inline-block;width:1rem;height:1rem;"
"vertical-align:middle;margin-right:.3rem}"
".status{font-weight:bold}"
".covered{margin:.2rem 0 .4rem;padding-left:1.2rem}"
".wrap{overflow-x:auto}";

static void
label(struct buf *out, const struct rows *rs, const char *key)
{
	esc_html_str(out, theme_label(rs->t, key));
}

static void
status_label(struct buf *out, const struct rows *rs, enum status st)
{
	char key[32];

	snprintf(key, sizeof(key), "status_%s", status_name(st));
	label(out, rs, key);
}

/* The summary line in the theme's words (report_summary). */
static void
summary_label(struct buf *out, const struct rows *rs, const int totals[4],
    size_t n)
{
	char num[5][24];
	const struct tvar vars[] = { { "outdated", num[0], 0 },
	    { "partial", num[1], 0 }, { "unmarked", num[2], 0 },
	    { "updated", num[3], 0 }, { "lectures", num[4], 0 },
	    { NULL, NULL, 0 } };
	int st;

	for (st = 0; st < 4; st++)
		snprintf(num[st], sizeof(num[st]), "%d", totals[st]);
	snprintf(num[4], sizeof(num[4]), "%zu", n);
	theme_label_vars(rs->t, out, "report_summary", vars);
}

/* A table's start: its heading, then its column heads. */
static void
table_head(struct buf *out, const struct rows *rs, const char *title,
    const char *const *cols)
{
	buf_puts(out, "<h2>");
	label(out, rs, title);
	buf_puts(out, "</h2>\n<div class=\"wrap\"><table>\n<thead><tr>");
	for (; *cols; cols++) {
		buf_puts(out, "<th>");
		label(out, rs, *cols);
		buf_puts(out, "</th>");
	}
	buf_puts(out, "</tr></thead>\n<tbody>\n");
}

static void
bar(struct buf *out, const struct rows *rs, const int totals[4], size_t n)
{
	static const char *cls[] = { "s-outdated", "s-partial", "s-unmarked",
	    "s-updated" };
	int s;

	buf_puts(out, "<div class=\"bar\" role=\"img\" aria-label=\"");
	summary_label(out, rs, totals, n);
	buf_puts(out, "\">");
	for (s = 0; s < 4 && n > 0; s++)
		if (totals[s])
			buf_printf(out, "<span class=\"%s\" style=\"width:"
			    "%.2f%%\"></span>", cls[s],
			    100.0 * totals[s] / (double)n);
	buf_puts(out, "</div>");
}

static void
line_label(struct buf *out, const struct rows *rs, int line)
{
	char n[16];

	snprintf(n, sizeof(n), "%d", line);
	theme_label_fmt(rs->t, out, "report_line", n);
}

/* The pack page where a lecture can be read: its first curriculum's. */
static const struct curriculum *
home_pack(const struct rows *rs, const struct doc *d)
{
	size_t k;

	if (rs->only)
		return rs->only;
	for (k = 0; k < rs->r->n_curricula; k++)
		if (curriculum_has(rs->r->curricula[k], d))
			return rs->r->curricula[k];
	return NULL;
}

static void
html_curricula(struct buf *out, const struct rows *rs)
{
	static const char *const cols[] = { "report_center", "report_curriculum",
	    "report_lectures", "report_progress", NULL };
	const struct repo *r = rs->r;
	size_t k, i;

	table_head(out, rs, "report_by_curriculum", cols);
	for (k = 0; k < r->n_curricula; k++) {
		const struct curriculum *c = r->curricula[k];
		int totals[4] = { 0, 0, 0, 0 };
		size_t n = 0;

		if (rs->only && rs->only != c)
			continue;
		for (i = 0; i < rs->n; i++)
			if (curriculum_has(c, rs->v[i].doc)) {
				totals[rs->v[i].status]++;
				n++;
			}
		buf_puts(out, "<tr><td>");
		esc_html_str(out, c->center ? c->center : "");
		buf_puts(out, "</td><td>");
		esc_html_str(out, c->title ? c->title : c->id);
		buf_printf(out, "</td><td>%zu</td><td>", n);
		bar(out, rs, totals, n);
		buf_printf(out, " %d/%zu</td></tr>\n", totals[STATUS_UPDATED],
		    n);
	}
	buf_puts(out, "</tbody></table></div>\n");
}

/* Opens a link to block b (a section or div; NULL: the top) of d's page
 * in pack `home`; nothing without a home pack. */
static void
link_open(struct buf *out, const struct curriculum *home,
    const struct doc *d, const struct block *b)
{
	if (home == NULL)
		return;
	buf_puts(out, "<a href=\"");
	esc_url(out, home->id);
	buf_putc(out, '/');
	esc_url(out, d->id);
	buf_puts(out, ".html");
	if (b && b->kind == BLOCK_SECTION && b->id) {
		buf_putc(out, '#');
		esc_url(out, b->id);
	}
	buf_puts(out, "\">");
}

/* The sections the baseline part p covers, each a link to its place. */
static void
html_baseline_sections(struct buf *out, const struct rows *rs,
    const struct curriculum *home, const struct doc *d,
    const struct part *p)
{
	const struct block **secs;
	size_t k, n;

	secs = marks_baseline_sections(d, &n);
	if (n) {
		buf_puts(out, "<span class=\"covers\">");
		theme_label_fmt(rs->t, out, "report_baseline_covers",
		    congress_name(p->mark));
		buf_puts(out, "</span>\n<ul class=\"covered\">");
		for (k = 0; k < n; k++) {
			buf_puts(out, "<li>");
			link_open(out, home, d, secs[k]);
			esc_html_str(out, secs[k]->title);
			buf_puts(out, " (");
			line_label(out, rs, secs[k]->loc.line);
			buf_putc(out, ')');
			buf_puts(out, home ? "</a></li>" : "</li>");
		}
		buf_puts(out, "</ul>\n");
	}
	free(secs);
}

/* The local links cell: counts, then each link to a note of an old
 * term with its place. */
static void
html_links(struct buf *out, const struct rows *rs, const struct row *w)
{
	size_t k;

	if (w->province_links + w->district_links + w->commune_links == 0) {
		buf_puts(out, "<strong>");
		label(out, rs, "report_no_local_link");
		buf_puts(out, "</strong>");
		return;
	}
	label(out, rs, "report_province");
	buf_printf(out, " %d, ", w->province_links);
	label(out, rs, "report_district");
	buf_printf(out, " %d", w->district_links);
	if (w->commune_links) {
		buf_puts(out, ", ");
		label(out, rs, "report_commune");
		buf_printf(out, " %d", w->commune_links);
	}
	if (w->n_old == 0)
		return;
	buf_puts(out, "<br><strong class=\"old-term\">");
	label(out, rs, "report_old_term");
	buf_printf(out, ": %zu</strong>", w->n_old);
	for (k = 0; k < w->n_old; k++) {
		buf_puts(out, "<br>");
		esc_html_str(out, w->old[k].to->id);
		buf_puts(out, " (");
		esc_html_str(out, w->old[k].to->term);
		buf_puts(out, ", ");
		line_label(out, rs, w->old[k].w->loc.line);
		buf_putc(out, ')');
	}
}

static void
html_lectures(struct buf *out, const struct rows *rs)
{
	static const char *const cols[] = { "report_status", "report_lecture",
	    "report_local_links", "report_outdated_parts", NULL };
	size_t i, k;

	table_head(out, rs, "report_by_lecture", cols);
	for (i = 0; i < rs->n; i++) {
		const struct row *w = &rs->v[i];
		const struct doc *d = w->doc;
		const struct curriculum *home = home_pack(rs, d);

		buf_printf(out, "<tr><td class=\"status %s\">",
		    status_name(w->status));
		status_label(out, rs, w->status);
		buf_puts(out, "</td><td>");
		esc_html_str(out, d->title ? d->title : d->id);
		buf_puts(out, "<br><code>");
		esc_html_str(out, d->path);
		buf_puts(out, "</code></td><td>");
		html_links(out, rs, w);
		buf_puts(out, "</td><td>");
		for (k = 0; k < d->n_parts; k++) {
			const struct part *p = &d->parts[k];

			if (p->mark >= rs->current)
				continue;
			link_open(out, home, d, p->block);
			esc_html_str(out, congress_name(p->mark));
			buf_puts(out, " — ");
			esc_html_str(out, p->title);
			buf_puts(out, " (");
			line_label(out, rs, p->line);
			buf_putc(out, ')');
			buf_puts(out, home ? "</a><br>" : "<br>");
			if (p->block == NULL)
				html_baseline_sections(out, rs, home, d, p);
		}
		buf_puts(out, "</td></tr>\n");
	}
	buf_puts(out, "</tbody></table></div>\n");
}

static void
report_html(struct buf *out, const struct rows *rs)
{
	int st;

	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\">\n<title>");
	theme_label_fmt(rs->t, out, "report_title", congress_name(rs->current));
	buf_puts(out, "</title>\n<style>");
	buf_puts(out, report_css);
	buf_puts(out, "</style>\n</head>\n<body>\n<main>\n<h1>");
	theme_label_fmt(rs->t, out, "report_title", congress_name(rs->current));
	buf_puts(out, "</h1>\n<p class=\"summary\">");
	summary_label(out, rs, rs->totals, rs->n);
	buf_puts(out, "</p>\n<p class=\"key\">");
	/* The colour of each status, in the theme's words. */
	for (st = 0; st < 4; st++) {
		buf_printf(out, "%s<span class=\"s-%s\"></span>", st ? " " : "",
		    status_name((enum status)st));
		status_label(out, rs, (enum status)st);
	}
	buf_puts(out, "</p>\n");
	html_curricula(out, rs);
	html_lectures(out, rs);
	buf_puts(out, "</main>\n</body>\n</html>\n");
}

int
report_render(struct buf *out, const struct repo *r,
    const struct curriculum *only, int current, enum report_format f,
    const struct theme *t)
{
	struct rows rs;
	int work;

	rows_make(&rs, r, only, current);
	rs.t = t;
	switch (f) {
	case REPORT_TEXT:
		report_text(out, &rs);
		break;
	case REPORT_JSON:
		report_json(out, &rs);
		break;
	case REPORT_CSV:
		report_csv(out, &rs);
		break;
	case REPORT_HTML:
		report_html(out, &rs);
		break;
	}
	work = rs.totals[STATUS_OUTDATED] + rs.totals[STATUS_PARTIAL] > 0;
	rows_release(&rs);
	return work;
}
