/* load_repo.h - the whole content repository: lectures, notes, curricula.
 *
 * repo_load() reads every lecture (lectures/NAME.md) and note
 * (lectures/notes/NAME.md) once, in path order, and checks what no single
 * file can: duplicate ids and a note's parent.  curriculum_load() reads
 * one course pack and ties it to the docs it names. */
#ifndef LP_LOAD_REPO_H
#define LP_LOAD_REPO_H

#include <stddef.h>

#include "model.h"

struct cpart {
	char		*title;		/* NULL for a flat `lectures:` list */
	struct doc	**lectures;
	struct loc	*locs;		/* where each id was written */
	size_t		 n;
};

struct curriculum {
	char		*path;
	char		*id;		/* the file's stem */
	char		*title;
	char		*center;
	char		*province;
	struct loc	 province_loc;	/* line 0 when not given; given but */
	char		*district;	/* not valid, *_doc is NULL and the */
	struct loc	 district_loc;	/* error is the curriculum's */
	char		*commune;
	struct loc	 commune_loc;
	char		*term;		/* the term of the notes the pack
					   means to use, or NULL: the one in
					   force (repo.term) */
	struct loc	 term_loc;
	char		*language;
	char		*theme;
	struct loc	 theme_loc;
	char		*date;
	int		 smart;		/* typographic punctuation (1,
					   the default) or straight */
	struct loc	 smart_loc;
	enum audience	 audience;	/* whom the pack is for (reviewers,
					   the default) */
	char		*cover;		/* repository path once checked */
	struct loc	 cover_loc;
	struct image	 cover_image;	/* the checked cover; path NULL
					   when there is none */
	struct cpart	*parts;
	size_t		 n_parts;
	struct doc	*province_doc;
	struct doc	*district_doc;
	struct doc	*commune_doc;
	struct doc	**unsure;	/* docs an unknown id may be: their
					   messages matter to this pack */
	size_t		 n_unsure;
	struct msgs	 msgs;		/* about the curriculum file */
};

/* The settings file at the repository's root (SPEC 6a). */
#define SETTINGS_FILE		"lecturepack.yaml"

struct repo {
	int		 current;	/* the settings' congress, else
					   CONGRESS_DEFAULT (--current wins
					   over both: run.c) */
	int		 current_line;
	char		*term;		/* the local term in force */
	struct loc	 term_loc;
	int		 has_settings;	/* lecturepack.yaml exists */
	struct doc	**docs;		/* lectures, then notes, by path */
	size_t		 n_docs;
	size_t		 n_lectures;
	struct doc	**by_id;	/* the same docs sorted by id */
	struct curriculum **curricula;
	size_t		 n_curricula;
	struct msgs	 msgs;		/* the settings file's problems, and
					   files of lectures/ refused unread */
};

/* Reads the settings file, opens every lecture and note (text and front
 * matter, see doc_open()) and checks ids, parents and what each note
 * replaces (setting doc.replaced_by).  Returns 0, or -1 on a system error
 * (missing lectures/ folder); content problems are in the docs' lists
 * (and r->msgs for files refused unread). */
int			 repo_load(struct repo *r);
/* Returns the doc with this id, or NULL. */
struct doc		*repo_find(const struct repo *r, const char *id);
/* The same, preferring a doc of that kind when the id is a duplicate. */
struct doc		*repo_find_kind(const struct repo *r, const char *id,
			    enum doc_kind kind);
/* The id of a doc of that kind (an enum doc_kind, or -1 for any) and
 * level (unless LEVEL_NONE) at most two edits from id, for "did you
 * mean"; NULL when none is close. */
const char		*repo_suggest(const struct repo *r, const char *id,
			    int kind, enum note_level level);
/* Loads the curriculum at `path` and adds it to r.  Returns it (its
 * problems in c->msgs), or NULL when the file does not exist (exit
 * status 2). */
struct curriculum	*curriculum_load(struct repo *r, const char *path);
/* Adds every curricula/NAME.yaml, sorted.  Returns -1 on a system error. */
int			 repo_load_curricula(struct repo *r);
/* Decides, before any doc is parsed, which docs are parsed without
 * typographic punctuation (doc.straight): a lecture when every loaded
 * curriculum that lists it says 'smart: false', a note when every
 * loaded curriculum does.  A lecture that packs of the run disagree
 * about keeps the punctuation, with a warning at each 'smart: false'
 * (make builds one pack per run, where they never disagree). */
void			 repo_punctuation(struct repo *r);
/* Whether a wiki link's target is a placeholder: 'province', 'district'
 * or 'commune'. */
int			 link_is_placeholder(const char *target);
/* The note placeholder means in c (NULL when c does not set it, or sets
 * it to a note that is not valid), and in *at (unless at is NULL) where
 * c names it (line 0: not at all). */
struct doc		*curriculum_locality(const struct curriculum *c,
			    const char *placeholder, struct loc *at);
/* The number of lectures in c, over all parts. */
size_t			 curriculum_count(const struct curriculum *c);
/* Returns 1 when lecture d is in c. */
int			 curriculum_has(const struct curriculum *c,
			    const struct doc *d);
void			 repo_free(struct repo *r);

#endif
