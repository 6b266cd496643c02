/* model.h - the in-memory model between the load and render stages.
 *
 * load_doc.c fills a `struct doc` from a Markdown file: typed front matter
 * and a cmark tree that has been restructured so that every later stage
 * is a plain tree walk:
 *
 *   - every top-level heading opens a CMARK_NODE_CUSTOM_BLOCK "section"
 *     holding the heading and everything up to the next heading of the
 *     same or a higher level;
 *   - every fenced div (::: xiii) is a CUSTOM_BLOCK "div";
 *   - an embed (![[x#y]] alone in a paragraph) is a CUSTOM_BLOCK "embed";
 *   - a pipe table is a CUSTOM_BLOCK "table" of cell paragraphs;
 *   - a wiki link [[x#y|label]] is a CMARK_NODE_CUSTOM_INLINE;
 *   - a footnote ([^id]: ..., or ^[...] inline) is a CUSTOM_BLOCK
 *     "footnote", and all of a page's footnotes that are referenced sit,
 *     in the order of their numbers, in one CUSTOM_BLOCK "footnotes", the
 *     root's last child; a reference to one ([^id]) is a
 *     CMARK_NODE_CUSTOM_INLINE whose on_enter is NOTEREF_TAG and whose
 *     user data is the footnote's block.
 *
 * Each custom node's cmark user data points at its `struct block` or
 * `struct wikilink`, owned by the doc.  Renderers never re-read files. */
#ifndef LP_MODEL_H
#define LP_MODEL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include <cmark.h>

#include "diag.h"

/* Congress numerals are kept as integers: IX = 9 ... XX = 20. */
#define CONGRESS_MIN	9
#define CONGRESS_MAX	20
/* What a repository without settings (SPEC 6a) measures against: the
 * first cycle's congress and local term. */
#define CONGRESS_DEFAULT	13
#define TERM_DEFAULT		"2020-2025"
/* A mark written almost right ({.xil}, {xiii}, ::: XIII, congres:): an
 * error was given, and the part counts as below every congress, so a
 * typo can never make a lecture "updated".  Shown as "?". */
#define MARK_UNREADABLE	1

enum doc_kind {
	DOC_LECTURE,
	DOC_NOTE
};

enum note_level {
	LEVEL_NONE,
	LEVEL_PROVINCE,
	LEVEL_DISTRICT,
	LEVEL_COMMUNE		/* xã, phường, đặc khu: its parent is a
				   province (two tiers) or a district */
};

/* Whom a pack is for (a curriculum's 'audience:'): reviewers see each
 * mark's state against the current congress, learners a neutral label. */
enum audience {
	AUDIENCE_REVIEWERS,	/* the default */
	AUDIENCE_LEARNERS
};

enum block_kind {
	BLOCK_SECTION,
	BLOCK_DIV,
	BLOCK_EMBED,
	BLOCK_TABLE,
	BLOCK_FOOTNOTE,
	BLOCK_FOOTNOTES
};

/* The on_enter string of a footnote reference's CUSTOM_INLINE (a wiki
 * link's is empty). */
#define NOTEREF_TAG	"lp-noteref"

/* Whether a CUSTOM_INLINE node is a footnote reference. */
int	node_is_noteref(cmark_node *n);

struct doc;
struct wikilink;

/* Callouts (boxed asides with a title): a div of class note, tip, ...
 * or callout-note, ..., or a '> [!NOTE]' block quote. */
enum callout {
	CALLOUT_NONE,
	CALLOUT_NOTE,
	CALLOUT_TIP,
	CALLOUT_IMPORTANT,
	CALLOUT_WARNING,
	CALLOUT_CAUTION
};

struct block {
	enum block_kind	 kind;
	struct loc	 loc;		/* heading or opening fence */
	int		 mark;		/* own congress mark, 0 for none */
	char		*id;		/* section: heading id; div: {#id} */
	char		*classes;	/* other classes, space separated */
	int		 level;		/* section: heading level */
	char		*title;		/* section: heading text, plain */
	char		*title_slug;	/* slug of title, made for
					   doc_find_section() */
	cmark_node	*node;		/* the custom block itself, while the
					   doc's tree is kept */
	int		 is_section;	/* a section of the page's outline */
	enum callout	 callout;	/* div: the callout it is, or none */
	struct block	*parent;	/* enclosing section or div */
	struct wikilink	*link;		/* embed: what it embeds */
	size_t		 cols;		/* table: columns; its children are
					   one paragraph per cell, row by
					   row, the header row first */
	char		*align;		/* table: per column 'l', 'c', 'r'
					   or '-'; owned */
	char		*label;		/* footnote: its [^label]; NULL for
					   an inline ^[...] note */
	int		 number;	/* footnote: 1, 2, ... in the order of
					   first reference */
};

struct wikilink {
	struct loc	 loc;		/* the '[[' (or '!' of '![[') */
	char		*target;	/* id, "province", "district", or "" */
	char		*section;	/* after '#', or NULL */
	char		*label;		/* after '|', or NULL */
	int		 embed;
	/* Where it goes depends on the pack: see pack_target(). */
};

/* An image a pack carries, checked by image_check() (load_image.h). */
struct image {
	char		*path;		/* repository path of the source file */
	char		*name;		/* its path in the pack, below media/ */
	const char	*type;		/* media type, from the content; static */
};

/* A part (SPEC 4): a section or div with its own mark, or the baseline. */
struct part {
	int		 line;
	int		 mark;
	const char	*title;		/* borrowed from the doc */
	const struct block *block;	/* NULL for the baseline part */
};

struct doc {
	enum doc_kind	 kind;
	char		*path;		/* repository-relative */
	size_t		 index;		/* in the repository's docs */
	char		*id;
	struct loc	 id_loc;
	char		*title;
	char		**authors;
	size_t		 n_authors;
	int		 hours;		/* -1: not given */
	char		*updated;	/* YYYY-MM-DD or NULL */
	int		 congress;	/* baseline mark, 0 for none */
	int		 straight;	/* parsed without typographic
					   punctuation (repo_punctuation()) */
	int		 congress_line;
	char		*summary;
	/* notes */
	enum note_level	 level;
	struct loc	 level_loc;	/* of its value; line 0: none */
	char		*locality;
	char		*parent;
	struct loc	 parent_loc;
	char		*term;		/* YYYY-YYYY, five years */
	struct loc	 term_loc;
	char		**formerly;	/* names of the localities it
					   succeeds, as written */
	size_t		 n_formerly;
	char		**replaces;	/* ids of the notes of those
					   localities (checked by repo_load()) */
	size_t		 n_replaces;
	struct loc	*replaces_locs;	/* where each id is written */
	const struct doc *replaced_by;	/* set by repo_load(): the note of
					   the term in force that names this
					   one in 'replaces', or NULL */

	cmark_node	*root;		/* in d->arena, freed with it */
	struct arena	*arena;		/* owns the tree (arena.h); NULL:
					   malloc()'s (see load_doc.c) */
	struct block	**blocks;	/* every custom block, document order */
	size_t		 n_blocks;
	struct wikilink	**links;	/* every wiki link and embed, in order */
	size_t		 n_links;
	struct image	*images;	/* images used, each once */
	size_t		 n_images;
	struct part	*parts;
	size_t		 n_parts;
	size_t		 bytes;		/* size of the source text */
	char		*text;		/* the cleaned source until parsed,
					   or NULL (see load_doc.c) */
	int		 text_gone;	/* text freed: parsing reads it again */
	char		*yaml;		/* the front matter text */
	size_t		 yaml_len;
	int		 had_yaml;
	int		 parsed;	/* doc_parse() ran once */
	int		 tree_users;	/* renderers holding the tree
					   (doc_tree_need()) */
	pthread_mutex_t	 life;		/* guards the parse, the tree and
					   the text (load_doc.c only) */
	int		 open_errors;	/* errors doc_open() found */
	int		 id_guessed;	/* id from the file name, no 'id:' */
	struct msgs	 msgs;		/* every problem of the file, found
					   once, by doc_open(), doc_parse()
					   and links_check_doc() */
	atomic_int	 links_checked;	/* links_check_doc(): 0 not yet,
					   1 under way, 2 done */
	struct section_index *sections;	/* doc_find_section()'s maps,
					   made by doc_parse() */
};

/* Returns the doc's section with this id, or the one whose title slugs
 * to slug(name); NULL when none (or d is not parsed).  A map look-up
 * in the index doc_parse() made (d->sections). */
struct block	*doc_find_section(struct doc *d, const char *name);
/* Roman numeral (either case) to 9..20; 0 when not one in that range. */
int		 congress_parse(const char *s);
/* The word of a note level, as 'level:' and the wiki-link placeholders
 * write it: "province", "district" or "commune"; NULL for LEVEL_NONE. */
const char	*note_level_name(enum note_level level);
/* The level a word names, or LEVEL_NONE. */
enum note_level	 note_level_parse(const char *s);
/* The audience a word names ("reviewers", "learners"), or -1. */
int		 audience_parse(const char *s);
/* "XIII" for 13; a static string. */
const char	*congress_name(int mark);
/* "xiii" for 13, a mark as Markdown and HTML classes write it; a static
 * string. */
const char	*congress_class(int mark);

#endif
