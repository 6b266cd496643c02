/* fuzz_curriculum.c - libFuzzer target: the input is a curriculum.
 *
 * Each input is written to curricula/t.yaml of the private repository
 * (common.c), beside a fixed curricula/u.yaml, and fuzz_run() runs the
 * pipeline on both as `build`, `check` and `report` do: packs resolved
 * against the sample lectures and notes, rendered, written and reported,
 * with the output checked. */
#include <stddef.h>
#include <stdint.h>

#include "common.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A lecture with every kind of link, for packs to resolve differently. */
static const char lecture_links[] =
"---\n"
"title: \"Liên kết địa phương\"\n"
"congress: XIII\n"
"---\n"
"## Kinh tế {.xii}\n"
"\n"
"Xem [[province#kinh-te]] và [[district#kinh-te|mục tiêu của huyện]],\n"
"cả [[tinh-a#Kinh tế]], [[bai-mau]], [[bai-mau#muc-tieu-chung]]\n"
"và [[#kinh-te]].\n"
"\n"
"![[district#kinh-te]]\n"
"\n"
"![[province#xay-dung-dang]]\n"
"\n"
"![hình](images/hinh.png)\n";

/* A second pack, so that packs follow one another. */
static const char curriculum_fixed[] =
"title: \"Chương trình cố định\"\n"
"center: \"Trung tâm Chính trị huyện B\"\n"
"province: tinh-a\n"
"district: huyen-b\n"
"lectures: [bai-mau, fuzz]\n";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup(argc, argv);
	fuzz_write(FUZZ_LECTURE, lecture_links, sizeof(lecture_links) - 1);
	fuzz_write(FUZZ_CURRICULUM2, curriculum_fixed,
	    sizeof(curriculum_fixed) - 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(FUZZ_CURRICULUM, data, size);
	fuzz_begin();
	fuzz_run(NULL);
	return 0;
}
