/* load_tree.h - what the load stage says about a node of a doc's tree
 * (load_tree.c), for the passes after it and for the renderers. */
#ifndef LP_LOAD_TREE_H
#define LP_LOAD_TREE_H

#include <stddef.h>

#include <cmark.h>

#include "model.h"

/* The user data the load stage set on a node. */
enum node_note {
	NODE_PLAIN,
	NODE_DEL,		/* a CUSTOM_INLINE: strikethrough */
	NODE_TASK_OPEN,		/* an item with an empty task box */
	NODE_TASK_DONE		/* an item with a checked one */
};
enum node_note	 node_note(cmark_node *n);
/* A CUSTOM_INLINE node's wiki link, or NULL (strikethrough). */
struct wikilink	*node_wikilink(cmark_node *n);
/* The callout a block quote is ('> [!NOTE]'), or CALLOUT_NONE. */
enum callout	 node_callout(cmark_node *n);
/* "note", "tip", ...: the callout's name (its label key and class). */
const char	*callout_name(enum callout k);
/* The callout named s[0..n) ("note", "callout-note"), or CALLOUT_NONE. */
enum callout	 callout_find(const char *s, size_t n);
/* For the load stage's passes: sets what n is to the renderers
 * (node_note(), node_callout()). */
void		 tree_note(cmark_node *n, enum node_note k);
void		 tree_callout(cmark_node *n, enum callout k);

#endif
