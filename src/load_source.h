/* load_source.h - reading an input file: bytes to clean, located text.
 *
 * source_load() is the first stage for every Markdown file: it reads the
 * file, drops a byte-order mark, turns CRLF and CR into LF, checks UTF-8
 * (a located error that suggests a legacy Vietnamese encoding), drops
 * control characters with a warning, normalises to NFC and splits off the
 * YAML front matter.  Line numbers never change: the front matter is
 * replaced by empty lines in `body`, so cmark's lines are file lines. */
#ifndef LP_LOAD_SOURCE_H
#define LP_LOAD_SOURCE_H

#include <stddef.h>

#include "diag.h"

/* Largest input file read, in bytes; larger ones are an error. */
#define SOURCE_MAX_BYTES	(4u * 1024 * 1024)

struct source {
	const char	*path;		/* borrowed, repository-relative */
	char		*body;		/* owned; the whole file, front matter blanked */
	size_t		 body_len;
	char		*yaml;		/* owned; front matter text, or NULL */
	size_t		 yaml_len;
	int		 yaml_line;	/* file line of the first YAML line */
	struct msgs	*msgs;		/* borrowed: where problems go */
};

/* Reads `path` into *src.  Returns 0, or -1 after adding a located
 * error to msgs (and then *src holds nothing to free).  A file that cannot be opened
 * is reported with the system error. */
int	source_load(struct source *src, const char *path, struct msgs *msgs);
/* Loads a whole file with the same cleaning but no front matter split
 * (curricula, theme files). */
int	source_load_plain(struct source *src, const char *path,
	    struct msgs *msgs);
void	source_release(struct source *src);
/* Reads a file's raw bytes (images, theme assets).  Only regular files
 * are read (a FIFO never blocks the run).  Returns 0 or -1 with errno
 * set (EFBIG past max, EINVAL for what is not a regular file); *data is
 * malloc'ed. */
int	file_read(const char *path, char **data, size_t *len, size_t max);
/* strerror() for file_read()'s errno. */
const char *file_strerror(int err);
/* file_read(), its failure an error located at the file and added to
 * msgs: "file is larger than N MiB" past max, else why it cannot be
 * read.  Returns 0 or -1. */
int	file_read_at(const char *path, char **data, size_t *len, size_t max,
	    struct msgs *msgs);

#endif
