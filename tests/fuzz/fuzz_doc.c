/* fuzz_doc.c - libFuzzer target: the input is a lecture file.
 *
 * Each input is written to lectures/fuzz.md of the private repository
 * (common.c), beside a sample lecture and four notes.  Two curricula name
 * it and the sample, in two orders, with province tinh-a and district
 * huyen-b, so the second pack must render it exactly as the first did
 * after its tree was dropped and parsed again.  Then fuzz_run() runs the
 * pipeline as `build`, `check` and `report` do and checks the output. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "common.h"
#include "load_repo.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup(argc, argv);
	return 0;
}

static void
write_curriculum(const char *path, const char *lectures)
{
	struct buf y = BUF_INIT;

	buf_printf(&y, "title: \"Chương trình thử\"\n"
	    "center: \"Trung tâm Chính trị huyện B\"\n"
	    "province: tinh-a\n"
	    "district: huyen-b\n"
	    "date: 2024-06-23\n"
	    "lectures: [%s]\n", lectures);
	fuzz_write(path, y.data, y.len);
	buf_release(&y);
}

/* The curricula name the lecture by the id it ended up with. */
static void
curricula(struct repo *r)
{
	struct buf l = BUF_INIT;
	const char *id = "fuzz";
	size_t i;

	for (i = 0; i < r->n_docs; i++)
		if (strcmp(r->docs[i]->path, FUZZ_LECTURE) == 0)
			id = r->docs[i]->id;
	buf_printf(&l, "\"%s\", bai-mau", id);
	write_curriculum(FUZZ_CURRICULUM, l.data);
	buf_clear(&l);
	buf_printf(&l, "bai-mau, \"%s\"", id);
	write_curriculum(FUZZ_CURRICULUM2, l.data);
	buf_release(&l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(FUZZ_LECTURE, data, size);
	fuzz_begin();
	fuzz_run(curricula);
	return 0;
}
