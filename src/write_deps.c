/* write_deps.c - dep files for make (see write_deps.h). */
#include "write_deps.h"

#include <string.h>

#include "model.h"

/* Appends a file name as make reads it in a rule.  In a target, '%'
 * would make a pattern rule: it is escaped there only, as make wants. */
static void
put_name(struct buf *b, const char *p, int target)
{
	buf_putc(b, ' ');
	for (; *p; p++) {
		switch (*p) {
		case '$':
			buf_putc(b, '$');
			break;
		case ' ': case ':': case '#': case '*': case '?': case '[':
			buf_putc(b, '\\');
			break;
		case '%':
			if (target)
				buf_putc(b, '\\');
			break;
		}
		buf_putc(b, *p);
	}
}

void
deps_init(struct deps *d)
{
	buf_init(&d->rule);
	buf_init(&d->phony);
	d->state = DEPS_ENDED;
}

void
deps_release(struct deps *d)
{
	buf_release(&d->rule);
	buf_release(&d->phony);
}

void
deps_target(struct deps *d, const char *path)
{
	if (d->state == DEPS_INPUTS)
		deps_end(d);
	d->state = DEPS_TARGETS;
	put_name(&d->rule, path, 1);
}

void
deps_input(struct deps *d, const char *path)
{
	if (d->state == DEPS_TARGETS)
		buf_putc(&d->rule, ':');
	d->state = DEPS_INPUTS;
	buf_puts(&d->rule, " \\\n");
	put_name(&d->rule, path, 0);
	put_name(&d->phony, path, 1);
	buf_puts(&d->phony, ":\n");
}

void
deps_end(struct deps *d)
{
	if (d->state == DEPS_ENDED)
		return;
	if (d->state == DEPS_TARGETS)
		buf_putc(&d->rule, ':');
	buf_putc(&d->rule, '\n');
	d->state = DEPS_ENDED;
}

static void
doc_inputs(struct deps *d, const struct doc *doc)
{
	size_t k;

	deps_input(d, doc->path);
	for (k = 0; k < doc->n_images; k++)
		deps_input(d, doc->images[k].path);
}

void
deps_pack(struct deps *d, const struct pack *p, const struct theme *t)
{
	size_t i;

	deps_input(d, p->c->path);
	for (i = 0; i < p->n_pages; i++)
		doc_inputs(d, p->pages[i].doc);
	if (p->c->cover)
		deps_input(d, p->c->cover);
	deps_theme(d, t);
}

void
deps_theme(struct deps *d, const struct theme *t)
{
	const char *const *files;
	size_t i, n = theme_files(t, &files);

	for (i = 0; i < n; i++)
		deps_input(d, files[i]);
}

void
deps_repo(struct deps *d, const struct repo *r)
{
	size_t i;

	for (i = 0; i < r->n_docs; i++)
		deps_input(d, r->docs[i]->path);
	for (i = 0; i < r->n_curricula; i++)
		deps_input(d, r->curricula[i]->path);
	if (r->has_settings)
		deps_input(d, SETTINGS_FILE);
}

const struct buf *
deps_text(struct deps *d)
{
	deps_end(d);
	/* The empty rules follow the last rule, once. */
	buf_put(&d->rule, d->phony.data, d->phony.len);
	buf_clear(&d->phony);
	return &d->rule;
}
