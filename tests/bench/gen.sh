#!/bin/sh
# gen.sh OUTDIR - writes the synthetic content repository of `make bench`.
#
#   OUTDIR/lectures/bai-001.md ... bai-500.md   about 20 KB each
#   OUTDIR/lectures/notes/                      2 province + 10 district notes
#   OUTDIR/curricula/khoa-01.yaml ... khoa-25   20 lectures each
#   OUTDIR/themes/                              a copy of the project's themes
#
# Standard tools only (sh, awk, cp).  Deterministic: the text comes from
# a fixed word list driven by a Park-Miller generator with a fixed seed,
# in integer arithmetic that every awk computes exactly, under LC_ALL=C,
# so two runs (and two machines) write the same bytes.
#
# Which lecture is in which curriculum (the benchmark relies on it):
#   bai-001..bai-010  core lectures, 3 of them in every curriculum (each
#                     core lecture is in 7 or 8 curricula);
#   khoa-K (K = 1..25) owns 16 lectures, bai-011 + 16(K-1) onwards; the
#                     first of them is also in khoa-(K-1) (khoa-25 for K=1),
#                     so it is in exactly 2 curricula, the other 15 in 1;
#   bai-411..bai-500  in no curriculum (lectures not taught this term; the
#                     report and `check` still cover them).
# Curriculum K is for district (K-1) mod 10; districts 1-5 are in Bắc Ninh,
# 6-10 in Bắc Giang.
set -eu

if [ $# -ne 1 ] || [ -z "$1" ]; then
	echo "usage: sh tests/bench/gen.sh OUTDIR" >&2
	exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

mkdir -p "$out"
rm -rf "$out/lectures" "$out/curricula" "$out/themes"
mkdir -p "$out/lectures/notes" "$out/curricula"
cp -R "$top/themes" "$out/themes"

LC_ALL=C
export LC_ALL
awk -v OUT="$out" '
function rnd(n) {			# 0 .. n-1, Park-Miller "minimal standard"
	seed = (seed * 16807) % 2147483647
	return seed % n
}
function pick(a, n) { return a[1 + rnd(n)] }
function split_list(s, a) { return split(s, a, "|") }
function emit(s) {			# one line of the current file
	print s > FILE
	bytes += length(s) + 1
}
function pad3(n) { return sprintf("%03d", n) }
function pad2(n) { return sprintf("%02d", n) }

function object_phrase(  o, r) {
	o = pick(OBJ, nOBJ)
	r = rnd(40)
	if (r < 4)
		o = "*" o "*"
	else if (r < 7)
		o = "**" o "**"
	else if (r < 9)
		o = "[" o "](https://tulieuvankien.dangcongsan.vn/van-kien/" \
		    "tu-lieu-ve-dang/" (1000 + rnd(9000)) ".html)"
	return o
}
function sentence(  s, r) {
	r = rnd(3)
	if (r == 0)
		s = pick(SUBJC, nSUBJC)
	else
		s = pick(CONN, nCONN) " " pick(SUBJ, nSUBJ)
	s = s " " pick(VERB, nVERB) " " object_phrase()
	if (rnd(3) == 0)
		s = s " và " pick(OBJ, nOBJ)
	if (rnd(2) == 0)
		s = s ", " pick(TAIL, nTAIL)
	return s "."
}
function item(  s) {			# a list item: no leading capital needed
	s = pick(VERB, nVERB) " " object_phrase()
	if (rnd(2) == 0)
		s = s ", " pick(TAIL, nTAIL)
	return s ";"
}
function local_link(  r, sec) {
	sec = pick(NSEC, nNSEC)
	r = rnd(4)
	if (r == 0)
		return "[[province#" sec "]]"
	if (r == 1)
		return "[[district#" sec "]]"
	if (r == 2)
		return "[[province#" sec "|" pick(PLABEL, nPLABEL) "]]"
	return "[[district#" sec "|" pick(DLABEL, nDLABEL) "]]"
}
function paragraph(  n, i, s) {
	n = 3 + rnd(4)
	s = sentence()
	for (i = 1; i < n; i++)
		s = s " " sentence()
	if (rnd(6) == 0 && !IN_NOTE)
		s = s " Liên hệ thực tiễn: " local_link() "."
	if (rnd(5) == 0 && !IN_NOTE)	# a citation, defined at the end
		s = s "[^vk" (++NFN) "]"
	emit(s)
	emit("")
}
function table(  n, i) {		# targets, as lectures tabulate them
	emit("| Chỉ tiêu | Năm 2020 | Mục tiêu 2025 |")
	emit("|:---------|---------:|--------------:|")
	n = 3 + rnd(4)
	for (i = 1; i <= n; i++)
		emit("| " item() " | " (10 + rnd(80)) "," rnd(10) "% | " \
		    (20 + rnd(70)) "% |")
	emit("")
}
function citations(  i) {		# the footnotes of the lecture
	for (i = 1; i <= NFN; i++) {
		emit("[^vk" i "]: Đảng Cộng sản Việt Nam: *Văn kiện Đại hội " \
		    "đại biểu toàn quốc lần thứ XIII*, Nxb. Chính trị quốc " \
		    "gia Sự thật, H.2021, t." (rnd(2) ? "I" : "II") ", tr." \
		    (10 + rnd(320)) ".")
		emit("")
	}
}
function list(  n, i, num) {
	n = 3 + rnd(4)
	num = rnd(3) == 0
	for (i = 1; i <= n; i++)
		emit((num ? i ". " : "- ") item())
	emit("")
}
function quote(  q) {
	q = pick(QUOTE, nQUOTE)
	emit("> " q)
	emit(">")
	emit("> — Hồ Chí Minh")
	emit("")
}
function div(  m) {
	if (PROF == "unmarked") {
		paragraph()
		return
	}
	m = rnd(5) == 0 ? "{.xii}" : "xiii"
	if (PROF == "old")
		m = "{.xii}"
	else if (PROF == "new")
		m = "xiii"
	emit("::: " m)
	paragraph()
	if (rnd(3) == 0)
		list()
	emit(":::")
	emit("")
}
function mark(  r) {			# a section mark, or none
	r = rnd(20)
	if (PROF == "unmarked")
		return ""
	if (PROF == "old")
		return r < 12 ? " {.xii}" : ""
	if (PROF == "new")
		return r < 12 ? " {.xiii}" : ""
	if (r < 9)
		return " {.xii}"
	if (r < 16)
		return " {.xiii}"
	return ""
}
function block(  r) {
	r = rnd(12)
	if (r < 6)
		paragraph()
	else if (r < 9)
		list()
	else if (r < 10)
		quote()
	else
		div()
}

function lecture(n,  id, sec, ss, nsubs, k, r, cong, nemb, emb_at) {
	id = "bai-" pad3(n)
	FILE = OUT "/lectures/" id ".md"
	bytes = 0
	NFN = 0
	# Status mix: 1 in 5 outdated (XII only), 3 in 20 updated, 1 in 40
	# unmarked, the rest partial.  The front matter says XII on most.
	r = rnd(40)
	PROF = r < 8 ? "old" : (r < 14 ? "new" : (r < 15 ? "unmarked" : "mixed"))
	cong = PROF == "new" ? "XIII" : \
	    (PROF == "unmarked" ? "" : (r < 38 ? "XII" : "XIII"))
	emit("---")
	emit("title: \"Bài " n ". " pick(TOPIC, nTOPIC) " – " \
	    pick(TOPIC, nTOPIC) "\"")
	emit("id: " id)
	emit("authors: [" pick(NAME, nNAME) ", " pick(NAME, nNAME) "]")
	emit("hours: " (3 + rnd(6)))
	emit("updated: " (2023 + rnd(2)) "-" pad2(1 + rnd(12)) "-" \
	    pad2(1 + rnd(28)))
	if (cong != "")
		emit("congress: " cong)
	if (rnd(2) == 0)
		emit("summary: \"" sentence() "\"")
	emit("---")
	emit("")
	emit("## Mục đích, yêu cầu")
	emit("")
	list()
	emb_at = 2 + rnd(3)		# the section that gets an embed
	for (sec = 1; bytes < 17000; sec++) {
		emit("## " sec ". " pick(TOPIC, nTOPIC) mark())
		emit("")
		paragraph()
		if (rnd(3) == 0)
			table()
		if (sec == emb_at || (sec == emb_at + 3 && rnd(2) == 0)) {
			emit("Liên hệ với Nghị quyết Đại hội Đảng bộ địa phương:")
			emit("")
			emit("![[district#" (rnd(3) == 0 ? "van-hoa-xa-hoi" : \
			    "kinh-te") "]]")
			emit("")
		}
		nsubs = 1 + rnd(3)
		for (ss = 1; ss <= nsubs; ss++) {
			emit("### " sec "." ss ". " pick(TOPIC, nTOPIC) \
			    (rnd(3) == 0 ? mark() : ""))
			emit("")
			for (k = 1 + rnd(3); k > 0; k--)
				block()
		}
	}
	emit("## " sec ". Liên hệ thực tiễn địa phương" \
	    (PROF == "unmarked" ? "" : (PROF == "old" ? " {.xii}" : " {.xiii}")))
	emit("")
	paragraph()
	emit("- Mục tiêu tổng quát của tỉnh: [[province#muc-tieu-tong-quat]].")
	emit("- Phát triển kinh tế của địa phương: " \
	    "[[district#kinh-te|mục tiêu phát triển kinh tế của địa phương]].")
	emit("- " local_link() ".")
	emit("")
	if (LINK[n] != "") {
		emit("Xem lại phần mục đích, yêu cầu của " \
		    "[[" LINK[n] "#muc-dich-yeu-cau|bài trước]].")
		emit("")
	}
	emit("## Câu hỏi ôn tập")
	emit("")
	emit("1. Trình bày " pick(OBJ, nOBJ) " theo " \
	    pick(TAIL, nTAIL) ".")
	emit("2. Liên hệ " pick(OBJ, nOBJ) " với thực tiễn địa phương.")
	emit("3. Trách nhiệm của đảng viên trong " pick(OBJ, nOBJ) ".")
	emit("")
	citations()
	close(FILE)
}

function note(id, level, title, locality, parent,  s, i) {
	IN_NOTE = 1
	FILE = OUT "/lectures/notes/" id ".md"
	emit("---")
	emit("title: \"" title "\"")
	emit("level: " level)
	emit("locality: \"" locality "\"")
	if (parent != "")
		emit("parent: " parent)
	emit("term: 2020-2025")
	emit("---")
	emit("")
	emit("> *Số liệu trong ghi chú này là số liệu minh họa phục vụ bài " \
	    "giảng mẫu, không phải số liệu chính thức.*")
	emit("")
	emit("Ghi chú tóm tắt những định hướng chính của Nghị quyết Đại hội " \
	    "để giảng viên liên hệ trong bài giảng" \
	    (parent != "" ? "; xem thêm [[" parent "#muc-tieu-tong-quat]]." \
	    : "."))
	emit("")
	for (i = 1; i <= nNSEC; i++) {
		emit("## " NSECT[i] " {#" NSEC[i] "}")
		emit("")
		paragraph()
		list()
		emit("- Một số chỉ tiêu (số liệu minh họa):")
		emit("  - tốc độ tăng trưởng bình quân khoảng " (6 + rnd(6)) \
		    "%/năm (số liệu minh họa);")
		emit("  - tỷ lệ hộ nghèo giảm bình quân " (1 + rnd(2)) \
		    "%/năm (số liệu minh họa);")
		emit("  - thu ngân sách trên địa bàn tăng khoảng " \
		    (8 + rnd(8)) "%/năm (số liệu minh họa).")
		emit("")
	}
	close(FILE)
	IN_NOTE = 0
}

function curriculum(k,  d, j, own, nb, parts, p) {
	d = (k - 1) % 10 + 1
	own = 11 + 16 * (k - 1)
	nb = 11 + 16 * (k % 25)
	FILE = OUT "/curricula/khoa-" pad2(k) ".yaml"
	emit("title: \"Chương trình bồi dưỡng lý luận chính trị dành cho " \
	    "đảng viên mới, khóa " k "\"")
	emit("center: \"Trung tâm Chính trị " DNAME[d] "\"")
	emit("province: " DPARENT[d])
	emit("district: " DID[d])
	emit("language: vi")
	emit("theme: default")
	emit("date: 2024-" pad2(1 + (k - 1) % 12) "-" pad2(1 + rnd(28)))
	emit("parts:")
	emit("  - title: \"Phần I. Những vấn đề cơ bản về chủ nghĩa " \
	    "Mác – Lênin, tư tưởng Hồ Chí Minh\"")
	emit("    lectures: [bai-" pad3((3 * (k - 1)) % 10 + 1) \
	    ", bai-" pad3((3 * (k - 1) + 1) % 10 + 1) \
	    ", bai-" pad3((3 * (k - 1) + 2) % 10 + 1) \
	    ", bai-" pad3(own) ", bai-" pad3(own + 1) "]")
	emit("  - title: \"Phần II. Đường lối đổi mới và phát triển đất nước\"")
	emit("    lectures: [bai-" pad3(own + 2) ", bai-" pad3(own + 3) \
	    ", bai-" pad3(own + 4) ", bai-" pad3(own + 5) \
	    ", bai-" pad3(own + 6) "]")
	emit("  - title: \"Phần III. Xây dựng Đảng và hệ thống chính trị\"")
	emit("    lectures: [bai-" pad3(own + 7) ", bai-" pad3(own + 8) \
	    ", bai-" pad3(own + 9) ", bai-" pad3(own + 10) \
	    ", bai-" pad3(own + 11) "]")
	emit("  - title: \"Phần IV. Nhiệm vụ của đảng viên và liên hệ " \
	    "địa phương\"")
	emit("    lectures: [bai-" pad3(own + 12) ", bai-" pad3(own + 13) \
	    ", bai-" pad3(own + 14) ", bai-" pad3(own + 15) \
	    ", bai-" pad3(nb) "]")
	close(FILE)
}

BEGIN {
	seed = 20210201		# the day the XIII Congress closed

	nSUBJC = split_list("Đảng|Nhà nước|Mặt trận Tổ quốc Việt Nam|" \
	    "Đảng bộ tỉnh|Ban Chấp hành Trung ương|Hệ thống chính trị|" \
	    "Đội ngũ cán bộ, đảng viên|Các cấp ủy đảng|Chính quyền các cấp|" \
	    "Nhân dân|Thế hệ trẻ|Chi bộ cơ sở|Đại hội XIII", SUBJC)
	nSUBJ = split_list("Đảng|Nhà nước|nhân dân|mỗi đảng viên|" \
	    "các cấp ủy đảng|chính quyền các cấp|cả hệ thống chính trị|" \
	    "đội ngũ cán bộ chủ chốt|Mặt trận Tổ quốc và các đoàn thể|" \
	    "các tổ chức cơ sở đảng|Đảng bộ huyện|toàn dân tộc|" \
	    "Hồ Chí Minh|Nghị quyết Đại hội", SUBJ)
	nCONN = split_list("Đồng thời,|Bên cạnh đó,|Trên cơ sở đó,|" \
	    "Vì vậy,|Thực tiễn cho thấy,|Theo quan điểm của Đảng,|" \
	    "Trong giai đoạn mới,|Qua 35 năm đổi mới,|Mặt khác,|" \
	    "Từ thực tiễn địa phương,|Nhìn chung,", CONN)
	nVERB = split_list("tiếp tục đẩy mạnh|lãnh đạo|phát huy|xây dựng|" \
	    "bảo đảm|nâng cao|kiên định|quán triệt|tổ chức thực hiện|" \
	    "tăng cường|đổi mới|củng cố|bảo vệ vững chắc|phát triển|" \
	    "chăm lo|khơi dậy|hoàn thiện|cụ thể hóa|coi trọng|" \
	    "đấu tranh phòng, chống những biểu hiện làm suy yếu", VERB)
	nOBJ = split_list("nền kinh tế thị trường định hướng xã hội chủ nghĩa|" \
	    "khối đại đoàn kết toàn dân tộc|tư tưởng Hồ Chí Minh|" \
	    "chủ nghĩa Mác – Lênin|nghị quyết Đại hội|" \
	    "công tác xây dựng, chỉnh đốn Đảng|văn hóa và con người Việt Nam|" \
	    "nhiệm vụ quốc phòng, an ninh|phát triển kinh tế – xã hội|" \
	    "sức chiến đấu của tổ chức cơ sở đảng|quyền làm chủ của nhân dân|" \
	    "Nhà nước pháp quyền xã hội chủ nghĩa|chuyển đổi số|" \
	    "sự nghiệp công nghiệp hóa, hiện đại hóa|xây dựng nông thôn mới|" \
	    "đời sống vật chất và tinh thần của nhân dân|" \
	    "độc lập dân tộc gắn liền với chủ nghĩa xã hội|" \
	    "công tác cán bộ|đạo đức cách mạng|khát vọng phát triển đất nước|" \
	    "chính sách đối ngoại độc lập, tự chủ|" \
	    "mối quan hệ mật thiết giữa Đảng với nhân dân|" \
	    "kỷ luật, kỷ cương|năng lực lãnh đạo và cầm quyền của Đảng|" \
	    "an sinh xã hội|giáo dục và đào tạo|" \
	    "khoa học, công nghệ và đổi mới sáng tạo|" \
	    "môi trường hòa bình, ổn định", OBJ)
	nTAIL = split_list("trong giai đoạn mới|" \
	    "theo tinh thần Nghị quyết Đại hội XIII|" \
	    "phù hợp với điều kiện thực tiễn của địa phương|" \
	    "một cách đồng bộ và toàn diện|" \
	    "gắn với thực hành tiết kiệm, chống lãng phí|" \
	    "vì mục tiêu dân giàu, nước mạnh, dân chủ, công bằng, văn minh|" \
	    "trong nhiệm kỳ 2020–2025|đến năm 2030, tầm nhìn đến năm 2045|" \
	    "như Nghị quyết Đại hội XII đã xác định|" \
	    "trên cơ sở kế thừa những thành tựu của công cuộc đổi mới|" \
	    "nhất là ở cơ sở|với quyết tâm chính trị cao", TAIL)
	nTOPIC = split_list("Bối cảnh và tình hình|Quan điểm chỉ đạo|" \
	    "Mục tiêu tổng quát|Nhiệm vụ trọng tâm|Giải pháp chủ yếu|" \
	    "Phát triển kinh tế|Văn hóa, xã hội và con người|" \
	    "Quốc phòng, an ninh|Công tác đối ngoại|" \
	    "Xây dựng Đảng và hệ thống chính trị|" \
	    "Phát huy dân chủ xã hội chủ nghĩa|Ba đột phá chiến lược|" \
	    "Bài học kinh nghiệm|Trách nhiệm của đảng viên|" \
	    "Tư tưởng Hồ Chí Minh về đại đoàn kết|" \
	    "Đổi mới phương thức lãnh đạo của Đảng|" \
	    "Kinh tế thị trường định hướng xã hội chủ nghĩa|" \
	    "Nhà nước pháp quyền xã hội chủ nghĩa|Chuyển đổi số|" \
	    "Công tác cán bộ|Phòng, chống tham nhũng, tiêu cực|" \
	    "Xây dựng nông thôn mới|Giáo dục và đào tạo|Chủ nghĩa Mác – Lênin", \
	    TOPIC)
	nNAME = split_list("Nguyễn Văn An|Trần Thị Bình|Lê Văn Cường|" \
	    "Phạm Thị Dung|Hoàng Văn Thắng|Nguyễn Thị Mai Anh|Đỗ Văn Hùng|" \
	    "Vũ Thị Hạnh|Ngô Quang Minh|Bùi Thị Thu Hà|Đặng Văn Long|" \
	    "Nguyễn Hữu Phước", NAME)
	nQUOTE = split_list("Không có gì quý hơn độc lập, tự do.|" \
	    "Đoàn kết, đoàn kết, đại đoàn kết. Thành công, thành công, " \
	    "đại thành công.|" \
	    "Đảng ta là đạo đức, là văn minh.|" \
	    "Vì lợi ích mười năm thì phải trồng cây, vì lợi ích trăm năm thì " \
	    "phải trồng người.|" \
	    "Cán bộ là cái gốc của mọi công việc.|" \
	    "Dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng xong.|" \
	    "Học để làm việc, làm người, làm cán bộ.", QUOTE)
	nNSEC = split_list("muc-tieu-tong-quat|kinh-te|van-hoa-xa-hoi|" \
	    "quoc-phong-an-ninh|xay-dung-dang", NSEC)
	split_list("Mục tiêu tổng quát|Kinh tế|Văn hóa – xã hội|" \
	    "Quốc phòng – an ninh|Xây dựng Đảng", NSECT)
	nPLABEL = split_list("mục tiêu của tỉnh|định hướng của tỉnh|" \
	    "Nghị quyết Đại hội Đảng bộ tỉnh", PLABEL)
	nDLABEL = split_list("mục tiêu của địa phương|" \
	    "định hướng của huyện|Nghị quyết Đại hội Đảng bộ địa phương", \
	    DLABEL)

	split_list("tu-son|yen-phong|que-vo|tien-du|thuan-thanh|" \
	    "viet-yen|hiep-hoa|lang-giang|yen-dung|tan-yen", DID)
	split_list("thành phố Từ Sơn|huyện Yên Phong|huyện Quế Võ|" \
	    "huyện Tiên Du|huyện Thuận Thành|huyện Việt Yên|huyện Hiệp Hòa|" \
	    "huyện Lạng Giang|huyện Yên Dũng|huyện Tân Yên", DNAME)
	split_list("Thành phố Từ Sơn|Huyện Yên Phong|Huyện Quế Võ|" \
	    "Huyện Tiên Du|Huyện Thuận Thành|Huyện Việt Yên|Huyện Hiệp Hòa|" \
	    "Huyện Lạng Giang|Huyện Yên Dũng|Huyện Tân Yên", DLOC)
	for (d = 1; d <= 10; d++)
		DPARENT[d] = d <= 5 ? "bac-ninh" : "bac-giang"

	# Lecture links: an owned lecture (not the first of its block)
	# links the one before it, which is in the same curriculum.
	for (k = 1; k <= 25; k++)
		for (j = 1; j < 16; j++)
			LINK[11 + 16 * (k - 1) + j] = \
			    "bai-" pad3(11 + 16 * (k - 1) + j - 1)

	note("bac-ninh", "province",
	    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bắc Ninh lần thứ XX, " \
	    "nhiệm kỳ 2020–2025", "Tỉnh Bắc Ninh", "")
	note("bac-giang", "province",
	    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bắc Giang lần thứ XIX, " \
	    "nhiệm kỳ 2020–2025", "Tỉnh Bắc Giang", "")
	for (d = 1; d <= 10; d++) {
		note(DID[d], "district",
		    "Nghị quyết Đại hội đại biểu Đảng bộ " DNAME[d] \
		    ", nhiệm kỳ 2020–2025", DLOC[d], DPARENT[d])
	}
	for (n = 1; n <= 500; n++)
		lecture(n)
	for (k = 1; k <= 25; k++)
		curriculum(k)
}'
