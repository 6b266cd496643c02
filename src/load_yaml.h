/* load_yaml.h - YAML text to a small located tree, through libyaml.
 *
 * Front matter and curricula are small documents of scalars, lists and
 * maps, so the whole document becomes a tree of `struct ynode`, each with
 * its real file line and column.  Aliases are refused and nesting is
 * limited (YNODE_MAX_DEPTH, YNODE_MAX_ITEMS), so no input can blow up.  */
#ifndef LP_LOAD_YAML_H
#define LP_LOAD_YAML_H

#include <stddef.h>

#include "diag.h"

#define YNODE_MAX_DEPTH	32
#define YNODE_MAX_ITEMS	16384	/* entries of one list or map */

enum ynode_type {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP
};

struct ynode {
	enum ynode_type	 type;
	struct loc	 loc;		/* file position of the node */
	char		*value;		/* scalar text (NUL-terminated) */
	int		 quoted;	/* scalar was quoted or a block */
	struct ynode	**kids;		/* seq: items; map: key, value, ... */
	size_t		 n;		/* number of entries in kids */
};

/* Parses YAML text that starts at file line `first_line` of `path` (the
 * path is borrowed by every node's loc).  Returns the root (a map when
 * the document is empty), or NULL after adding located errors to msgs.  The
 * caller frees it with ynode_free(). */
struct ynode	*yaml_load(const char *path, const char *text, size_t len,
		    int first_line, struct msgs *msgs);
void		 ynode_free(struct ynode *n);
/* Returns the value for `key` in map m, or NULL. */
struct ynode	*ynode_get(const struct ynode *m, const char *key);

#endif
