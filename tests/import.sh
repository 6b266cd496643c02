#!/bin/sh
# import.sh - `lecturepack import` (issue 18): Word files made by
# tests/tools/make-docx.mjs are imported into a fresh repository and
# compared with the expected files in tests/import/:
#
#   NAME.md     each lecture as written (front matter, Markdown, marks)
#   import.out  what the import prints on standard output (suggestions)
#   import.err  standard error (warnings placed in the Word file), then
#               a last line "exit: N"
#   import.vi.out, import.vi.err  the same for bai-cu.docx alone, with
#               LANG=vi_VN.UTF-8
#
# then the lectures pass `check`, build into a pack that EPUBCheck and
# vnu accept; an import over an existing lecture changes nothing without
# --force and replaces it with; --no-marks suggests nothing; --congress
# and --id are written; a taken id gets -2; without pandoc the tool says
# how to install it.  REGEN=1 rewrites the expected files.
#
# The expected Markdown is Pandoc's as Debian 12 ships it (2.17): another
# Pandoc may lay tables or lists out differently.
set -u
. "$(dirname "$0")/lib.sh"
exp=$top/tests/import

# check NAME EXPECTED ACTUAL
check() {
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$3" "$2"
		ok
	elif diff -u "$2" "$3" >"$tmp/diff" 2>&1; then
		ok
	else
		bad "import $1"
		head -40 "$tmp/diff"
	fi
}

if ! command -v pandoc >/dev/null 2>&1; then
	bad "pandoc is not installed (tests/tools/install-deps.sh check)"
	finish import
	exit
fi
if ! node "$top/tests/tools/make-docx.mjs" "$tmp/docs" >"$tmp/mk" 2>&1; then
	bad "make-docx.mjs failed (npm ci in tests/?)"
	head -5 "$tmp/mk"
	finish import
	exit
fi

# A fresh repository: a lecture to collide with, the theme.
new_repo() {
	mkdir -p "$1/lectures" "$1/curricula"
	cp -R "$top/themes" "$1/"
	cp "$tmp/docs/"*.docx "$1/"
}

# ---- the import, against the expected files ----
repo=$tmp/repo
new_repo "$repo"
mkdir "$tmp/tmpdir"
(cd "$repo" && TMPDIR=$tmp/tmpdir "$bin" import bai-cu.docx "Chuyen de bo sung.docx" de-cuong.docx \
    >"$tmp/import.out" 2>"$tmp/import.err"; echo "exit: $?" >>"$tmp/import.err")
check import.out "$exp/import.out" "$tmp/import.out"
check import.err "$exp/import.err" "$tmp/import.err"
# The same in Vietnamese, in a repository of its own.
vi_locale
new_repo "$tmp/repo-vi"
(cd "$tmp/repo-vi" && LECTUREPACK_LOCALEDIR="$top/build/locale" \
    vi_run "$bin" import bai-cu.docx \
    >"$tmp/import.vi.out" 2>"$tmp/import.vi.err"; echo "exit: $?" >>"$tmp/import.vi.err")
check import.vi.out "$exp/import.vi.out" "$tmp/import.vi.out"
check import.vi.err "$exp/import.vi.err" "$tmp/import.vi.err"
for name in bai-5-xay-dung-dang-trong-sach-vung-manh chuyen-de-bo-sung \
    de-cuong-bai-giang-cong-tac-dan-van; do
	if [ -f "$repo/lectures/$name.md" ]; then
		check "$name.md" "$exp/$name.md" "$repo/lectures/$name.md"
	else
		bad "lectures/$name.md not written"
	fi
done
expect "the lectures are in NFC" python3 -c "
import sys, unicodedata
for f in sys.argv[1:]:
    t = open(f, encoding='utf-8').read()
    assert unicodedata.is_normalized('NFC', t), f" "$repo"/lectures/*.md
nfd=$(printf 'ho\314\243c')	# "học" with a combining dot below
expect "the Word text was not all NFC" sh -c \
    "unzip -p '$repo/bai-cu.docx' word/document.xml | grep -q '$nfd'"
img=$repo/lectures/images/bai-5-xay-dung-dang-trong-sach-vung-manh/media/image1.png
expect "the image is in lectures/images/ID/" test -f "$img"
expect "the image is the PNG" sh -c "head -c 4 '$img' | od -c | grep -q 'P   N   G'"
expect "no temporary file left" test -z "$(ls -A "$tmp/tmpdir")"

# ---- the lectures check and build into valid packs ----
expect_exit "check passes on the imported lectures" 0 "$bin" check -C "$repo"
expect "check has nothing to say" test ! -s "$tmp/err"
cat >"$repo/curricula/nhap.yaml" <<'EOF'
title: "Bài giảng nhập từ Word"
center: "Trung tâm Chính trị thành phố Từ Sơn"
date: 2024-06-23
lectures: [bai-5-xay-dung-dang-trong-sach-vung-manh, chuyen-de-bo-sung,
  de-cuong-bai-giang-cong-tac-dan-van]
EOF
expect_exit "the imported lectures build" 0 "$bin" build -C "$repo" \
    -o "$tmp/packs" curricula/nhap.yaml
expect "the build has nothing to say" test ! -s "$tmp/err"
if [ -f /usr/share/java/epubcheck.jar ]; then
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
	    -jar /usr/share/java/epubcheck.jar "$tmp/packs/nhap.epub" \
	    >"$tmp/ec" 2>&1
	if grep -q "No errors or warnings detected" "$tmp/ec"; then ok; else
		bad "EPUBCheck reports problems"; head -20 "$tmp/ec"
	fi
else
	bad "EPUBCheck missing (tests/tools/install-deps.sh check)"
fi
vnu=$top/tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$vnu" ]; then
	if java -Xss8m -jar "$vnu" --format gnu "$tmp/packs/nhap/"*.html \
	    >"$tmp/vnu" 2>&1; then ok; else
		bad "Nu Html Checker reports problems"; head -20 "$tmp/vnu"
	fi
else
	bad "vnu.jar missing: run make check (it installs tests/node_modules)"
fi

# ---- never replaced without --force ----
lecture=$repo/lectures/bai-5-xay-dung-dang-trong-sach-vung-manh.md
cp "$lecture" "$tmp/before.md"
echo "sửa tay" >>"$lecture"
cp "$lecture" "$tmp/edited.md"
ls -lR "$repo/lectures" >"$tmp/tree-before"
touch "$tmp/stamp"
(cd "$repo" && expect_exit "an existing lecture refuses the import" 1 \
    "$bin" import bai-cu.docx)
expect "the refused import changes no byte" cmp -s "$lecture" "$tmp/edited.md"
ls -lR "$repo/lectures" >"$tmp/tree-after"
expect "the refused import adds or removes no file" \
    cmp -s "$tmp/tree-before" "$tmp/tree-after"
expect "the refused import touches no file or folder" \
    test -z "$(find "$repo/lectures" -newer "$tmp/stamp")"
expect "the refusal names the file" grep -q \
    "^lectures/bai-5-xay-dung-dang-trong-sach-vung-manh.md: error: already exists: 'bai-cu.docx' was not imported and nothing was changed (--force replaces it)$" \
    "$tmp/err"
expect "the refusal says nothing else" test "$(wc -l <"$tmp/err")" -eq 1
(cd "$repo" && expect_exit "--force replaces it" 0 \
    "$bin" import --force bai-cu.docx)
expect "--force writes the import again" cmp -s "$lecture" "$tmp/before.md"
expect "--force says which file it replaced" grep -q \
    "^lectures/bai-5-xay-dung-dang-trong-sach-vung-manh.md: warning: replaced by the import of 'bai-cu.docx' (--force)$" \
    "$tmp/err"

# ---- --no-marks, --congress, --id; a taken id ----
repo2=$tmp/repo2
new_repo "$repo2"
printf -- '---\ntitle: "Khác"\nid: chuyen-de-bo-sung\n---\n\nVăn bản.\n' \
    >"$repo2/lectures/khac.md"
(cd "$repo2" && expect_exit "--no-marks imports" 0 "$bin" import --no-marks \
    --congress XII --id bai-cu bai-cu.docx)
expect "--no-marks prints no suggestion" sh -c "! grep -q suggested '$tmp/out'"
expect "--no-marks adds no mark" sh -c \
    "! grep -q -e '{\\.' -e '^\\[//\\]' '$repo2/lectures/bai-cu.md'"
expect "--congress is the baseline" grep -q '^congress: XII$' \
    "$repo2/lectures/bai-cu.md"
expect "--id names the file" test -f "$repo2/lectures/images/bai-cu/media/image1.png"
(cd "$repo2" && expect_exit "a second import" 0 "$bin" import \
    "Chuyen de bo sung.docx")
expect "a taken id gets -2" test -f "$repo2/lectures/chuyen-de-bo-sung-2.md"
(cd "$repo2" && expect_exit "--congress with marks" 0 "$bin" import \
    --congress XII --id theo-xii "Chuyen de bo sung.docx")
expect "--congress: a section naming the baseline gets no mark" grep -q \
    '^## II\. NỘI DUNG CHÍNH$' "$repo2/lectures/theo-xii.md"
expect "--congress: the others do" grep -q '^## I\. ĐẶT VẤN ĐỀ {\.xiv}$' \
    "$repo2/lectures/theo-xii.md"
expect "--congress: no suggestion for the baseline" sh -c \
    "! grep -q 'suggested .xii:' '$tmp/out'"
expect_exit "both check" 0 "$bin" check -C "$repo2"
expect_exit "--id with two files is a usage error" 2 "$bin" import -C "$repo2" \
    --id x bai-cu.docx "Chuyen de bo sung.docx"
expect_exit "a file that is not Word is a usage error" 2 "$bin" import \
    -C "$repo2" curricula
expect_exit "--force is for import" 2 "$bin" check -C "$repo2" --force
expect_exit "--congress must be a numeral" 2 "$bin" import -C "$repo2" \
    --congress 13 bai-cu.docx
expect_exit "import needs a file" 2 "$bin" import -C "$repo2"
expect_exit "import takes no -o" 2 "$bin" import -C "$repo2" -o x bai-cu.docx

# ---- OpenDocument, and files that are not what they say ----
pandoc -s "$repo2/bai-cu.docx" -M author="Phạm Thị Dung" \
    -o "$repo2/bai-cu.odt" 2>/dev/null
(cd "$repo2" && expect_exit "an .odt imports" 0 "$bin" import --id bai-odt \
    bai-cu.odt)
expect "the .odt's title" grep -q '^title: "Bài 5. Xây dựng Đảng trong sạch, vững mạnh"$' \
    "$repo2/lectures/bai-odt.md"
expect "the .odt's author" grep -q '^authors: \["Phạm Thị Dung"\]$' \
    "$repo2/lectures/bai-odt.md"
expect "the .odt's headings" grep -q '^### 2\. Mục tiêu đến năm 2025 {\.xiii}$' \
    "$repo2/lectures/bai-odt.md"
expect_exit "the .odt's lecture checks" 0 "$bin" check -C "$repo2"
printf 'không phải Word' >"$repo2/sai.docx"
(cd "$repo2" && expect_exit "a .docx that is no zip" 1 "$bin" import sai.docx)
expect "a .docx that is no zip: said" grep -q \
    "^sai.docx: error: not a Word or OpenDocument file (it is not a zip archive)$" \
    "$tmp/err"
python3 -c "
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w')
z.writestr('word/document.xml', '<not xml')
z.close()" "$repo2/hong.docx"
(cd "$repo2" && expect_exit "a .docx pandoc cannot read" 1 "$bin" import hong.docx)
expect "a .docx pandoc cannot read: said" grep -q \
    "^hong.docx: error: pandoc could not convert it (exit status [0-9]*)$" "$tmp/err"
expect "nothing written for them" test ! -e "$repo2/lectures/sai.md" -a \
    ! -e "$repo2/lectures/hong.md"

# ---- without pandoc ----
(cd "$repo2" && expect_exit "without pandoc" 2 \
    env PATH=/nonexistent "$bin" import --force bai-cu.docx)
expect "without pandoc: how to install it" grep -q \
    "^lecturepack: error: pandoc not found: install it (apt-get install pandoc)$" \
    "$tmp/err"

finish import
