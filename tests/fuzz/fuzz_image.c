/* fuzz_image.c - libFuzzer target: the input is an image file.
 *
 * Each input is written to lectures/images/fuzz.svg of the private
 * repository (common.c) and checked by image_check(), as a lecture's
 * image and a curriculum's cover are: libxml2 with our SAX hooks, the
 * tree walk and the CSS scan run under the sanitizers.  An accepted
 * image must get a safe pack name, and an accepted SVG must hold no
 * <script> element start where no comment, CDATA section, DOCTYPE or
 * processing instruction could hide the text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "load_image.h"
#include "path.h"

#define FUZZ_IMAGE	"lectures/images/fuzz.svg"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
has_ci(const uint8_t *d, size_t n, const char *s)
{
	size_t k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp((const char *)d + i, s, k) == 0)
			return 1;
	return 0;
}

/* Whether the start of the element `tag` ("<script") is in d: its name
 * not continued by another name character ("<scriptx" is another
 * element, which a browser does not run). */
static int
has_tag_ci(const uint8_t *d, size_t n, const char *tag)
{
	size_t k = strlen(tag), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp((const char *)d + i, tag, k) == 0 &&
		    (i + k == n || (d[i + k] != '\0' &&
		    strchr(" \t\r\n/>", d[i + k]) != NULL)))
			return 1;
	return 0;
}

/* Whether a <script> element shows in markup that nothing can hide it
 * in: after the XML declaration, no comment, CDATA section, DOCTYPE or
 * processing instruction, and no NUL. */
static int
script_visible(const uint8_t *d, size_t n)
{
	const uint8_t *end;

	if (memchr(d, '\0', n) != NULL)
		return 0;
	if (n >= 5 && memcmp(d, "<?xml", 5) == 0) {
		for (end = d; end + 1 < d + n; end++)
			if (end[0] == '?' && end[1] == '>')
				break;
		if (end + 1 >= d + n)
			return 0;
		n -= (size_t)(end + 2 - d);
		d = end + 2;
	}
	return !has_ci(d, n, "<!") && !has_ci(d, n, "<?") &&
	    has_tag_ci(d, n, "<script");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup(argc, argv);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct loc at = { "lectures/fuzz.md", 1, 1 };
	struct msgs m = MSGS_INIT;
	struct image img;

	fuzz_write(FUZZ_IMAGE, data, size);
	fuzz_begin();
	image_forget();	/* a new input may keep the size and the time */
	if (image_check(FUZZ_IMAGE, at, "image", &img, &m) == 0) {
		if (!path_entry_safe(img.name) || strcmp(img.path,
		    FUZZ_IMAGE) != 0)
			__builtin_trap();
		if (strcmp(img.type, "image/svg+xml") == 0 &&
		    script_visible(data, size))
			__builtin_trap();
		image_release(&img);
	}
	msgs_release(&m);
	return 0;
}
