/* load_meta.c - typed keys from a YAML map (see load_meta.h). */
#include "load_meta.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "text.h"
#include "xalloc.h"

int
date_valid(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

static int
term_valid(const char *s)
{
	int i;

	if (strlen(s) != 9 || s[4] != '-')
		return 0;
	for (i = 0; i < 9; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return atoi(s) >= 1930 && atoi(s + 5) - atoi(s) == 5;
}

static const char *const level_names[] = {
	[LEVEL_PROVINCE] = "province",
	[LEVEL_DISTRICT] = "district",
	[LEVEL_COMMUNE] = "commune"
};

const char *
note_level_name(enum note_level level)
{
	return level > LEVEL_NONE && level <= LEVEL_COMMUNE ?
	    level_names[level] : NULL;
}

enum note_level
note_level_parse(const char *s)
{
	int l;

	for (l = LEVEL_PROVINCE; l <= LEVEL_COMMUNE; l++)
		if (strcmp(s, level_names[l]) == 0)
			return (enum note_level)l;
	return LEVEL_NONE;
}

static const char *const audience_names[] = {
	[AUDIENCE_REVIEWERS] = "reviewers",
	[AUDIENCE_LEARNERS] = "learners"
};

int
audience_parse(const char *s)
{
	int a;

	for (a = AUDIENCE_REVIEWERS; a <= AUDIENCE_LEARNERS; a++)
		if (strcmp(s, audience_names[a]) == 0)
			return a;
	return -1;
}

/* The audience word closest to s (lerners, reviewer), or NULL. */
static const char *
near_audience(const char *s)
{
	const char *best = NULL;
	int a, d, bestd = 3;

	for (a = AUDIENCE_REVIEWERS; a <= AUDIENCE_LEARNERS; a++)
		if ((d = near_distance(s, audience_names[a])) >= 0 &&
		    d < bestd) {
			bestd = d;
			best = audience_names[a];
		}
	return best;
}

static int
lang_valid(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == '-') {
			if (n == 0)
				return 0;
			n = 0;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
		    *s <= 'Z') || (*s >= '0' && *s <= '9')) {
			if (++n > 8)
				return 0;
		} else
			return 0;
	}
	return n > 0;
}

/* The known key one or two edits from k (congres, titel, updatd), or
 * NULL: a typo of a known key is an error, other unknown keys are only
 * warned about.  Fewer edits than the known key has letters, so that
 * short keys (id) do not claim every short word. */
static const struct meta_key *
near_key(const struct meta_key *keys, const char *k)
{
	const struct meta_key *best = NULL;
	int d, bestd = 3;

	for (; keys->key; keys++)
		if ((d = edit_distance(k, keys->key)) < bestd &&
		    (size_t)d < strlen(keys->key)) {
			bestd = d;
			best = keys;
		}
	return best;
}

static int
want_scalar(struct msgs *msgs, const struct ynode *v, const char *key)
{
	if (v->type == YNODE_SCALAR)
		return 0;
	if (v->type == YNODE_SEQ)
		return error_at(msgs, v->loc, "'%.80s' must be a single value, "
		    "not a list", key);
	return error_at(msgs, v->loc, "'%.80s' must be a single value, not a "
	    "map", key);
}

/* A congress key written wrong: the baseline is there but unreadable,
 * so the lecture cannot pass as updated (MARK_UNREADABLE). */
static void
set_unreadable(char *base, const struct meta_key *k, int line)
{
	*(int *)(void *)(base + k->offset) = MARK_UNREADABLE;
	*(int *)(void *)(base + k->offset2) = line;
}

/* Stores one converted value.  Returns 0 or -1 (diagnosed). */
static int
apply_one(struct msgs *msgs, char *base, const struct meta_key *k,
    const struct ynode *v)
{
	char **sp = (char **)(void *)(base + k->offset);
	const char *s = v->value;
	size_t i;
	int n;

	if (k->type == META_STRLIST) {
		char ***list = (char ***)(void *)(base + k->offset);
		size_t *count = (size_t *)(void *)(base + k->offset2);

		if (v->type == YNODE_MAP)
			return error_at(msgs, v->loc, "'%.80s' must be a list of names "
			    "or one name", k->key);
		if (v->type == YNODE_SCALAR) {
			if (*s == '\0')
				return 0;
			*list = xcalloc(1, sizeof(char *));
			(*list)[0] = xstrdup(s);
			*count = 1;
			return 0;
		}
		*list = xcalloc(v->n, sizeof(char *));
		for (i = 0; i < v->n; i++) {
			if (v->kids[i]->type != YNODE_SCALAR)
				return error_at(msgs, v->kids[i]->loc, "each entry "
				    "of '%.80s' must be a name", k->key);
			(*list)[(*count)++] = xstrdup(v->kids[i]->value);
		}
		return 0;
	}
	if (k->type == META_ANY)
		return 0;
	if (want_scalar(msgs, v, k->key) == -1)
		return -1;
	if (*s == '\0' && !v->quoted)
		return error_at(msgs, v->loc, "'%.80s' has no value", k->key);
	switch (k->type) {
	case META_BOOL:
		if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0) {
			*(int *)(void *)(base + k->offset) = *s == 't';
			return 0;
		}
		return error_at(msgs, v->loc, "'%.80s' must be true or false, "
		    "not '%.80s'", k->key, s);
	case META_INT:
		for (i = 0; s[i]; i++)
			if (s[i] < '0' || s[i] > '9' || i > 4)
				return error_at(msgs, v->loc, "'%.80s' must be a whole "
				    "number, not '%.80s'", k->key, s);
		*(int *)(void *)(base + k->offset) = atoi(s);
		return 0;
	case META_CONGRESS:
		if ((n = congress_parse(s)) == 0)
			return error_at(msgs, v->loc, "unknown congress '%.80s': write "
			    "a Roman numeral from IX to XX, such as XIII", s);
		*(int *)(void *)(base + k->offset) = n;
		*(int *)(void *)(base + k->offset2) = v->loc.line;
		return 0;
	case META_LEVEL:
		if ((n = note_level_parse(s)) == LEVEL_NONE)
			return error_at(msgs, v->loc, "'level' must be 'province', "
			    "'district' or 'commune', not '%.80s'", s);
		*(enum note_level *)(void *)(base + k->offset) = n;
		return 0;
	case META_AUDIENCE:
		if ((n = audience_parse(s)) >= 0) {
			*(enum audience *)(void *)(base + k->offset) =
			    (enum audience)n;
			return 0;
		}
		if (near_audience(s) != NULL)
			return error_at(msgs, v->loc, "'%.80s' must be 'reviewers' "
			    "or 'learners', not '%.80s' (did you mean "
			    "'%.80s'?)", k->key, s, near_audience(s));
		return error_at(msgs, v->loc, "'%.80s' must be 'reviewers' or "
		    "'learners', not '%.80s'", k->key, s);
	case META_DATE:
		if (!date_valid(s))
			return error_at(msgs, v->loc, "'%.80s' must be a date "
			    "YYYY-MM-DD, not '%.80s'", k->key, s);
		break;
	case META_ID:
		if (!id_valid(s))
			return error_at(msgs, v->loc, "invalid id '%.80s': use lower "
			    "case letters a-z, digits and '-'", s);
		break;
	case META_TERM:
		if (!term_valid(s))
			return error_at(msgs, v->loc, "'%.80s' must be a term "
			    "of five years YYYY-YYYY such as 2025-2030, not "
			    "'%.80s'", k->key, s);
		break;
	case META_LANG:
		if (!lang_valid(s))
			return error_at(msgs, v->loc, "'%.80s' must be a language tag "
			    "such as 'vi', not '%.80s'", k->key, s);
		break;
	default:
		break;
	}
	free(*sp);
	*sp = xstrdup(s);
	return 0;
}

int
meta_apply(void *vbase, const struct meta_key *keys, const struct ynode *m,
    const char *what, struct msgs *msgs)
{
	char *base = vbase;
	const struct meta_key *k;
	struct loc *at;
	size_t i, j;
	int errors = 0;

	if (m->type != YNODE_MAP)
		return -error_at(msgs, m->loc, "%s must be a map of 'key: value' "
		    "lines", diag_tr(what));
	for (i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *key = m->kids[i];

		if (key->type != YNODE_SCALAR) {
			errors -= error_at(msgs, key->loc, "keys must be plain words");
			continue;
		}
		for (j = 0; j < i; j += 2)
			if (m->kids[j]->type == YNODE_SCALAR &&
			    strcmp(m->kids[j]->value, key->value) == 0)
				break;
		if (j < i) {
			errors -= error_at(msgs, key->loc, "duplicate key '%.80s'",
			    key->value);
			continue;
		}
		for (k = keys; k->key; k++)
			if (strcmp(k->key, key->value) == 0)
				break;
		if (k->key == NULL) {
			if ((k = near_key(keys, key->value)) == NULL) {
				warn_at(msgs, key->loc, "unknown key '%.80s' is "
				    "ignored", key->value);
				continue;
			}
			errors -= error_at(msgs, key->loc, "unknown key '%.80s': "
			    "did you mean '%.80s'?", key->value, k->key);
			if (k->type == META_CONGRESS && ynode_get(m, k->key) ==
			    NULL)
				set_unreadable(base, k, key->loc.line);
			continue;
		}
		if (apply_one(msgs, base, k, m->kids[i + 1]) == -1) {
			errors++;
			if (k->type == META_CONGRESS)
				set_unreadable(base, k, key->loc.line);
		}
		else if (k->offset2 && k->type != META_STRLIST &&
		    k->type != META_CONGRESS) {
			/* For the other types offset2 keeps the value's place. */
			at = (struct loc *)(void *)((char *)base + k->offset2);
			*at = m->kids[i + 1]->loc;
		}
	}
	for (k = keys; k->key; k++)
		if (k->required && ynode_get(m, k->key) == NULL)
			errors -= error_at(msgs, m->loc, "missing required key "
			    "'%.80s' in %s", k->key, diag_tr(what));
	return errors;
}
