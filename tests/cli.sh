#!/bin/sh
# cli.sh - the command line contract (SPEC 7): options, exit statuses,
# diagnostics format and colour, and that a failed build loses nothing.
. "$(dirname "$0")/lib.sh"

repo=$tmp/repo
sample_repo "$repo"
cur=curricula/dang-vien-moi-tu-son.yaml

expect_exit "--help" 0 "$bin" --help
expect "--help names every command" grep -q "report" "$tmp/out"
expect_exit "--version" 0 "$bin" --version
expect "--version prints the version" grep -q "^lecturepack [0-9]" "$tmp/out"
expect_exit "no command" 2 "$bin"
expect_exit "unknown command" 2 "$bin" frobnicate
expect_exit "unknown option" 2 "$bin" build --frobnicate -C "$repo" $cur
expect_exit "unknown option after files" 2 "$bin" build -C "$repo" $cur -Z
expect_exit "bad --current" 2 "$bin" check -C "$repo" --current XV1
expect_exit "missing curriculum file" 2 "$bin" build -C "$repo" curricula/khong-co.yaml
expect "missing file is named" grep -q "khong-co.yaml" "$tmp/err"
expect_exit "missing -C folder" 2 "$bin" check -C "$tmp/none"
expect_exit "build without files" 2 "$bin" build -C "$repo"
expect_exit "report: unknown format" 2 "$bin" report -C "$repo" --format pdf
expect_exit "check on the sample" 0 "$bin" check -C "$repo"
expect_exit "build on the sample" 0 "$bin" build -C "$repo" -o out $cur
expect "pack index written" test -s "$repo/out/dang-vien-moi-tu-son/index.html"
expect "nothing printed on success" test ! -s "$tmp/err"

# Nothing lost: a content error leaves the previous pack byte-identical.
(cd "$repo/out" && find . -type f | sort | xargs cat) >"$tmp/before"
printf -- '---\ntitle: "Bài 1"\nhours: năm\n---\n' >>"$repo/lectures/bai-01-chu-nghia-mac-lenin.md"
sed -i '1,/^---$/{/^hours:/s/.*/hours: năm/}' "$repo/lectures/bai-01-chu-nghia-mac-lenin.md"
expect_exit "content error exits 1" 1 "$bin" build -C "$repo" -o out $cur
expect "error is located" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md:[0-9]*:[0-9]*: error: 'hours'" "$tmp/err"
(cd "$repo/out" && find . -type f | sort | xargs cat) >"$tmp/after"
expect "previous pack untouched after an error" cmp -s "$tmp/before" "$tmp/after"
expect "no temporary left" sh -c "! ls -a '$repo/out' | grep -q tmp"
git -C "$top" show HEAD:lectures/bai-01-chu-nghia-mac-lenin.md >/dev/null 2>&1 &&
    cp "$top/lectures/bai-01-chu-nghia-mac-lenin.md" "$repo/lectures/"

# Unwritable output: exit 2 with the path, previous pack untouched.  Root
# may write anywhere, so as root (CI) the tool runs as nobody, who may
# read the repository but not write to out/.
(cd "$repo/out" && find . -type f | sort | xargs cat) >"$tmp/before"
if [ "$(id -u)" != 0 ]; then
	chmod a-w "$repo/out"
	expect_exit "unwritable output exits 2" 2 "$bin" build -C "$repo" -o out $cur
	chmod u+w "$repo/out"
else
	chmod a+x "$tmp" && chmod -R a+rX "$repo"
	expect_exit "unwritable output exits 2" 2 setpriv --reuid=65534 \
	    --regid=65534 --clear-groups "$bin" build -C "$repo" -o out $cur
fi
expect "unwritable output: the EPUB named" grep -q "^lecturepack: error: cannot write 'out/dang-vien-moi-tu-son.epub': Permission denied$" "$tmp/err"
expect "unwritable output: the HTML pack named too" grep -q "^lecturepack: error: cannot write 'out/dang-vien-moi-tu-son': Permission denied$" "$tmp/err"
(cd "$repo/out" && find . -type f | sort | xargs cat) >"$tmp/after"
expect "previous pack untouched when out/ is unwritable" cmp -s "$tmp/before" "$tmp/after"
# A full disk, simulated with a file size limit (writes fail with EFBIG
# once SIGXFSZ is ignored): exit 2 naming the file, nothing lost.
(cd "$repo/out" && find . -type f | sort | xargs cat) >"$tmp/before"
sh -c "ulimit -f 8; trap '' XFSZ; exec '$bin' build -C '$repo' -o out $cur" >"$tmp/out" 2>"$tmp/err"
expect "full disk exits 2" test $? -eq 2
expect "full disk names the file and the system error" grep -q "cannot write 'out/.*File too large" "$tmp/err"
(cd "$repo/out" && find . -type f | sort | xargs cat) >"$tmp/after"
expect "previous packs untouched after a full disk" cmp -s "$tmp/before" "$tmp/after"
expect "no temporary left after a full disk" sh -c "! ls -a '$repo/out' | grep -q tmp"

expect_exit "output under a file exits 2" 2 "$bin" build -C "$repo" -o lectures/bai-01-chu-nghia-mac-lenin.md/x $cur
expect "system error names the path" grep -q "bai-01-chu-nghia-mac-lenin.md" "$tmp/err"
expect_exit "report to /dev/full exits 2" 2 "$bin" report -C "$repo" -o /dev/full
expect "/dev/full failure is reported" grep -q "No space left" "$tmp/err"

# A stale temporary folder of a killed run is cleaned by the next run.
mkdir -p "$repo/out/.dang-vien-moi-tu-son.tmp-999999999"
echo x >"$repo/out/.dang-vien-moi-tu-son.epub.tmp-999999999"
expect_exit "build after a killed run" 0 "$bin" build -C "$repo" -o out $cur
expect "stale temporary folder removed" test ! -e "$repo/out/.dang-vien-moi-tu-son.tmp-999999999"
expect "stale temporary EPUB removed" test ! -e "$repo/out/.dang-vien-moi-tu-son.epub.tmp-999999999"

# A build reads only what its packs use: a broken lecture in no pack
# does not fail it (check still reports it).
printf -- '---\ntitle: "Ngoài"\nhours: x\n---\n\n[[khong-co]]\n' >"$repo/lectures/zz-ngoai.md"
expect_exit "broken lecture outside the pack: build passes" 0 "$bin" build -C "$repo" -o out $cur
expect "and says nothing about it" test ! -s "$tmp/err"
expect_exit "check still finds it" 1 "$bin" check -C "$repo"
expect "check names it" grep -q "^lectures/zz-ngoai.md:3:8: error" "$tmp/err"
rm "$repo/lectures/zz-ngoai.md"

# All problems of a run are reported, not just the first.
printf -- '---\ntitle: "A"\nhours: x\nupdated: 2024-13-01\n---\n\n[[khong-co]] [[khong-co-2]]\n' >"$repo/lectures/zz-loi.md"
expect_exit "several errors" 1 "$bin" check -C "$repo"
expect "four errors reported" test "$(grep -c ': error: ' "$tmp/err")" -eq 4
rm "$repo/lectures/zz-loi.md"

# Colour: never when piped or with NO_COLOR; on a terminal otherwise.
printf -- '---\ntitle: "A"\ncongres: XII\n---\n' >"$repo/lectures/zz-mau.md"
"$bin" check -C "$repo" 2>"$tmp/err"
expect "no colour when piped" sh -c "! grep -q \"\$(printf '\\033')\" '$tmp/err'"
if command -v script >/dev/null 2>&1; then
	script -qec "'$bin' check -C '$repo'" /dev/null >"$tmp/tty" 2>&1
	expect "colour on a terminal" grep -q "$(printf '\033')\[" "$tmp/tty"
	script -qec "'$bin' build -C '$repo' -o out $cur" /dev/null >"$tmp/tty" 2>&1
	expect "a progress line per pack on a terminal" grep -q "\[1/1\] dang-vien-moi-tu-son" "$tmp/tty"
	"$bin" build -C "$repo" -o out $cur 2>"$tmp/err"
	expect "no progress line when piped" sh -c "! grep -q '1/1' '$tmp/err'"
	NO_COLOR=1 script -qec "'$bin' check -C '$repo'" /dev/null >"$tmp/tty" 2>&1
	expect "no colour with NO_COLOR" sh -c "! grep -q \"\$(printf '\\033')\\[1;3\" '$tmp/tty'"
fi
rm "$repo/lectures/zz-mau.md"

# check validates placeholders against every curriculum that includes a
# lecture: a section only Tu Son's note has is an error for Yen Phong.
cp -R "$repo" "$tmp/repo2"
printf '\n## Riêng Từ Sơn {#rieng}\n\nMinh họa.\n' >>"$tmp/repo2/lectures/notes/tu-son.md"
printf '\nXem [[district#rieng]].\n' >>"$tmp/repo2/lectures/bai-01-chu-nghia-mac-lenin.md"
expect_exit "check: placeholder missing in one pack" 1 "$bin" check -C "$tmp/repo2"
expect "error names the pack lacking it" grep -q "error: 'yen-phong' has no section 'rieng'" "$tmp/err"
expect "only that pack errs" test "$(grep -c ': error: ' "$tmp/err")" -eq 1

# Containment: symbolic links that leave the repository are refused,
# and nothing from outside reaches a pack.
cp -R "$repo" "$tmp/repo3"
echo "BI-MAT-NGOAI-KHO" >"$tmp/secret.png"
echo "---" >"$tmp/secret.md" && echo 'title: "BI-MAT-NGOAI-KHO"' >>"$tmp/secret.md" && echo "---" >>"$tmp/secret.md"
ln -s "$tmp/secret.md" "$tmp/repo3/lectures/zz-link.md"
ln -s "$tmp/secret.png" "$tmp/repo3/lectures/images/link.png"
printf '\n![Ảnh](images/link.png)\n' >>"$tmp/repo3/lectures/bai-01-chu-nghia-mac-lenin.md"
expect_exit "symlinked lecture and image refused" 1 "$bin" build -C "$tmp/repo3" -o out $cur
expect "symlinked lecture named" grep -q "^lectures/zz-link.md: error: refusing" "$tmp/err"
expect "symlinked image located" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md:[0-9]*:1: error: .*outside the repository" "$tmp/err"
expect "nothing from outside in the output" sh -c "! grep -rq BI-MAT-NGOAI-KHO '$tmp/repo3/out' 2>/dev/null"
rm -rf "$tmp/repo3/themes/default" && ln -s "$top/themes/default" "$tmp/repo3/themes/default"
rm "$tmp/repo3/lectures/zz-link.md" && cp "$repo/lectures/bai-01-chu-nghia-mac-lenin.md" "$tmp/repo3/lectures/"
"$bin" check -C "$tmp/repo3" >/dev/null 2>"$tmp/err"
expect "a theme linked from outside is not used" grep -q "unknown theme 'default'" "$tmp/err"

# A center's copy of the theme made before the tool learnt new words:
# their labels come from the default theme, with one warning naming
# them; the default theme itself must have them all.
rt=$tmp/rtheme
sample_repo "$rt"
cp -R "$rt/themes/default" "$rt/themes/trung-tam"
sed -i '/^date_format:/d; /^footnotes_title:/d; s/^contents: .*/contents: "Danh mục bài"/' "$rt/themes/trung-tam/labels.yaml"
sed -i 's/^theme: .*//' "$rt/$cur" && echo "theme: trung-tam" >>"$rt/$cur"
expect_exit "a theme without new labels still builds" 0 "$bin" build -C "$rt" -o out $cur
expect "the missing labels are named in one warning" grep -q "^themes/trung-tam/labels.yaml: warning: labels missing, the default theme's are used: 'date_format', 'footnotes_title'$" "$tmp/err"
expect "the theme's own labels are kept" grep -q "Danh mục bài" "$rt/out/dang-vien-moi-tu-son/index.html"
expect "the default theme's label fills the gap" grep -q "Ngày phát hành: <time datetime=\"[0-9-]*\">[0-9][0-9]/[0-9][0-9]/[0-9]*</time>" "$rt/out/dang-vien-moi-tu-son/index.html"
"$bin" build -C "$rt" -o out -M "$tmp/rt.d" $cur 2>/dev/null
expect "the default labels are a dependency" grep -q "themes/default/labels.yaml" "$tmp/rt.d"
sed -i '/^contents:/d' "$rt/themes/default/labels.yaml"
expect_exit "the default theme lacking a label" 1 "$bin" check -C "$rt"
expect "is an error naming it" grep -q "^themes/default/labels.yaml: error: missing labels: 'contents'$" "$tmp/err"

# Report formats and --fail-on-outdated.
expect_exit "report text" 0 "$bin" report -C "$repo"
expect "summary line last" sh -c "tail -1 '$tmp/out' | grep -Eq '^[0-9]+ outdated, [0-9]+ partial, [0-9]+ unmarked, [0-9]+ updated \\([0-9]+ lectures\\)$'"
expect_exit "report json" 0 "$bin" report -C "$repo" --format json
expect "json follows the SPEC 8 schema" python3 "$top/tests/tools/check-report-schema.py" "$tmp/out"
expect_exit "report csv" 0 "$bin" report -C "$repo" --format csv -o "$tmp/r.csv"
expect "csv starts with a BOM" sh -c "head -c3 '$tmp/r.csv' | od -An -tx1 | grep -q 'ef bb bf'"
expect "csv has a where column" sh -c "head -1 '$tmp/r.csv' | grep -q ',where.\$'"
# The HTML report speaks the theme's words: no English status or summary
# word in its visible text (tags and attributes stripped: class names may
# keep the English names; file paths in <code> are not words).
expect_exit "report html" 0 "$bin" report -C "$repo" --format html -o "$tmp/r.html"
expect "html report has the default theme's status words" grep -q "cập nhật một phần" "$tmp/r.html"
expect "html report: no English words in visible text" python3 -c "
import html, re, sys
s = open('$tmp/r.html', encoding='utf-8').read()
s = re.sub(r'<(style|script|code)[^>]*>.*?</\\1>', ' ', s, flags=re.S)
text = html.unescape(re.sub(r'<[^>]*>', ' ', s))
words = re.findall(r'\\b(outdated|partial|updated|unmarked|lectures?|baseline|line)\\b', text, re.I)
sys.exit(1 if words else 0)"
expect "html report lists the sections a baseline covers" grep -q '/bai-02.html#muc-dich-yeu-cau' "$tmp/r.html"
expect_exit "fail-on-outdated" 3 "$bin" report -C "$repo" --fail-on-outdated
expect_exit "fail-on-outdated, updated curriculum" 0 "$bin" report -C "$repo" --fail-on-outdated --current XII
expect_exit "report of one curriculum" 0 "$bin" report -C "$repo" --curriculum $cur --format json
expect "only that curriculum's lectures" python3 -c "
import json; r=json.load(open('$tmp/out'))
assert all('dang-vien-moi-tu-son' in l['curricula'] for l in r['lectures']), r"

# A pack whose text needs more than 36 search text scripts: the index
# numbers them with two base-36 digits, and a word of the 40th lecture
# only is listed under script 39, "13".
mkdir -p "$tmp/big/lectures" "$tmp/big/curricula" && cp -R "$top/themes" "$tmp/big/"
python3 - "$tmp/big" <<'PY'
import sys
root = sys.argv[1]
para = "Đảng viên học tập, rèn luyện, nâng cao trình độ lý luận chính trị. " * 40 + "\n\n"
for i in range(1, 41):
    extra = "Làng Khuê Đông.\n" if i == 40 else ""
    with open(f"{root}/lectures/l{i:02d}.md", "w") as f:
        f.write(f'---\ntitle: "Bài {i}"\n---\n\n' + para * 40 + extra)
with open(f"{root}/curricula/big.yaml", "w") as f:
    f.write('title: "Lớn"\ncenter: "Trung tâm"\nlectures: [%s]\n' %
            ", ".join(f"l{i:02d}" for i in range(1, 41)))
PY
expect_exit "a pack of 40 long lectures" 0 "$bin" build -C "$tmp/big" -o out --format html curricula/big.yaml
idx=$tmp/big/out/big/assets/search-index.js
expect "40 text scripts, two digits each" grep -q '^window.LP_SEARCH = {"scripts":40,$' "$idx"
expect "width 2" grep -q '^"width":2,$' "$idx"
expect "a word of lecture 40 only is in script 39" grep -q ' khue:13 ' "$idx"
expect "a word of every lecture is in every script" sh -c "grep -o ' dang:[0-9a-z]*' '$idx' | grep -q ':000102030405060708090a0b0c0d0e0f0g0h0i0j0k0l0m0n0o0p0q0r0s0t0u0v0w0x0y0z10111213\$'"
expect "script 39 holds lecture 40" grep -q '"href":"l40.html"' "$tmp/big/out/big/assets/search/39.js"

# Unsafe SVG (issue 12, item 5): `check` and `build` both refuse it at the
# line that uses it, and nothing of it reaches the output.
cp -R "$repo" "$tmp/repo4"
cp "$top/tests/golden/fixture/lectures/images/svg-script.svg" "$tmp/repo4/lectures/images/"
printf '\n![Sơ đồ](images/svg-script.svg)\n' >>"$tmp/repo4/lectures/bai-01-chu-nghia-mac-lenin.md"
line=$(grep -n 'svg-script.svg' "$tmp/repo4/lectures/bai-01-chu-nghia-mac-lenin.md" | cut -d: -f1)
expect_exit "check: unsafe SVG" 1 "$bin" check -C "$tmp/repo4"
expect "check: unsafe SVG located" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md:$line:1: error: SVG image 'lectures/images/svg-script.svg' is unsafe: <script> at line 3 (packs must not run scripts)$" "$tmp/err"
expect_exit "build: unsafe SVG" 1 "$bin" build -C "$tmp/repo4" -o out $cur
expect "build: unsafe SVG located" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md:$line:1: error: SVG image" "$tmp/err"
expect "build: unsafe SVG not packed" sh -c "! grep -rq 'alert(1)' '$tmp/repo4/out' 2>/dev/null"

# ---- Issue 12: nothing lost, nothing leaked, nothing hangs ----
# snap DIR: every file under DIR with its bytes, to compare before/after.
snap() { (cd "$1" && find . -type f ! -name '.*.lock' -print0 | LC_ALL=C sort -z | xargs -0 -r md5sum) 2>/dev/null | md5sum; }
r12=$tmp/r12
cp -R "$repo" "$r12" && rm -rf "$r12/out"
# Without its cover (drawn as a 65 kB PNG in the EPUB) the EPUB is
# smaller than the largest search script, as test 1 below needs.
sed -i '/^cover:/d' "$r12/$cur"
expect_exit "issue 12: first build" 0 "$bin" build -C "$r12" -o out $cur
printf '\nMột đoạn mới của lần build thứ hai.\n' >>"$r12/lectures/bai-01-chu-nghia-mac-lenin.md"
before=$(snap "$r12/out")

# 1. The EPUB fits under the size limit, a search script of the HTML does
# not: the HTML fails after the EPUB was written - neither is replaced.
lim=110
sh -c "ulimit -f $lim; exec '$bin' build -C '$r12' -o probe --format epub $cur" >/dev/null 2>&1
expect "precondition: the EPUB alone fits under ulimit -f $lim" test $? -eq 0
sh -c "ulimit -f $lim; exec '$bin' build -C '$r12' -o probe --format html $cur" >/dev/null 2>&1
expect "precondition: the HTML alone does not" test $? -eq 2
rm -rf "$r12/probe"
sh -c "ulimit -f $lim; exec '$bin' build -C '$r12' -o out $cur" >"$tmp/out" 2>"$tmp/err"
expect "HTML fails after the EPUB: exit 2 (SIGXFSZ does not kill it)" test $? -eq 2
expect "both previous outputs kept byte for byte" test "$(snap "$r12/out")" = "$before"
expect "no temporary left" sh -c "! ls -a '$r12/out' | grep -q tmp"
# The reverse: the EPUB cannot be put in place (a folder holds its name):
# the finished HTML is not swapped in either.
mv "$r12/out/dang-vien-moi-tu-son.epub" "$tmp/keep.epub"
mkdir "$r12/out/dang-vien-moi-tu-son.epub"
before2=$(snap "$r12/out")
expect_exit "EPUB cannot be renamed into place: exit 2" 2 "$bin" build -C "$r12" -o out $cur
expect "the message names the EPUB" grep -q "cannot write 'out/dang-vien-moi-tu-son.epub'" "$tmp/err"
expect "the HTML folder is not replaced" test "$(snap "$r12/out")" = "$before2"
rmdir "$r12/out/dang-vien-moi-tu-son.epub" && mv "$tmp/keep.epub" "$r12/out/dang-vien-moi-tu-son.epub"
# A lecture id the pack uses itself, or one too long for a file name:
# exit 1 at the id: line, nothing replaced.
for bad in nav index cover toc content print $(printf 'a%.0s' $(seq 300)); do
	cp "$r12/lectures/bai-02-doc-lap-dan-toc-chu-nghia-xa-hoi.md" "$tmp/b2"
	sed -i "s/^id: bai-02\$/id: $bad/" "$r12/lectures/bai-02-doc-lap-dan-toc-chu-nghia-xa-hoi.md"
	sed -i "s/bai-02,/$bad,/" "$r12/$cur"
	expect_exit "id '$(echo $bad | cut -c1-8)': exit 1" 1 "$bin" build -C "$r12" -o out $cur
	expect "id '$(echo $bad | cut -c1-8)': located at its id: line" grep -q "^lectures/bai-02-doc-lap-dan-toc-chu-nghia-xa-hoi.md:3:5: error: the id" "$tmp/err"
	expect "id '$(echo $bad | cut -c1-8)': nothing replaced" test "$(snap "$r12/out")" = "$before"
	cp "$tmp/b2" "$r12/lectures/bai-02-doc-lap-dan-toc-chu-nghia-xa-hoi.md"
	sed -i "s/$bad,/bai-02,/" "$r12/$cur"
done

# 15. A previous pack that cannot be removed after the new one is in
# place: exit 2, naming where it was left (not exit 0 and a silent
# .ID.tmp-PID).  As root (CI), the tool runs as nobody and the folder
# it cannot empty is root's.
rr=$tmp/rr
cp -R "$r12" "$rr" && rm -rf "$rr/out" && mkdir "$rr/out"
as_user() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	chmod a+x "$tmp" && chmod -R a+rX "$rr" && chown 65534:65534 "$rr/out"
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
expect_exit "a first build into out/" 0 as_user "$bin" build -C "$rr" -o out $cur
mkdir "$rr/out/dang-vien-moi-tu-son/khoa" && touch "$rr/out/dang-vien-moi-tu-son/khoa/x"
if [ "$(id -u)" = 0 ]; then chown -R 0:0 "$rr/out/dang-vien-moi-tu-son/khoa"; else chmod a-w "$rr/out/dang-vien-moi-tu-son/khoa"; fi
printf '\nThêm.\n' >>"$rr/lectures/bai-01-chu-nghia-mac-lenin.md"
expect_exit "the previous pack cannot be removed: exit 2" 2 as_user "$bin" build -C "$rr" -o out $cur
expect "it says where the previous pack was left" grep -q "^lecturepack: error: cannot remove the previous 'out/dang-vien-moi-tu-son', left at 'out/.dang-vien-moi-tu-son.tmp-[0-9]*': Permission denied" "$tmp/err"
expect "the new pack is in place" grep -q "Thêm" "$rr/out/dang-vien-moi-tu-son/bai-01.html"
chmod -R u+w "$rr/out" 2>/dev/null

# 2. An output folder that overlaps the sources is a usage error.
for o in . lectures lectures/images curricula themes/x ..; do
	expect_exit "-o $o: exit 2" 2 "$bin" build -C "$r12" -o "$o" $cur
done
cp "$r12/$cur" "$r12/curricula/lectures.yaml"
expect_exit "-o . with a curriculum named lectures: exit 2" 2 "$bin" build -C "$r12" -o . curricula/lectures.yaml
expect "lectures/ untouched" test -s "$r12/lectures/notes/tu-son.md"
rm "$r12/curricula/lectures.yaml"
expect_exit "report -o into lectures/: exit 2" 2 "$bin" report -C "$r12" -o lectures/bai-01-chu-nghia-mac-lenin.md
expect "the lecture is still a lecture" grep -q "^title:" "$r12/lectures/bai-01-chu-nghia-mac-lenin.md"

# 3. Two builds into one output folder at once, from two repositories
# whose packs differ: each pack ends whole, its EPUB and HTML from the
# same run.
ra=$tmp/ra rb=$tmp/rb shared=$tmp/shared
cp -R "$r12" "$ra" && cp -R "$r12" "$rb"
printf '\nDấu-vết-AAA\n' >>"$ra/lectures/bai-03-dang-cong-san-viet-nam.md"
printf '\nDấu-vết-BBB\n' >>"$rb/lectures/bai-03-dang-cong-san-viet-nam.md"
mixed=0
for i in 1 2 3 4 5; do
	"$bin" build -C "$ra" -o "$shared" $cur >/dev/null 2>&1 & pa=$!
	"$bin" build -C "$rb" -o "$shared" $cur >/dev/null 2>&1 & pb=$!
	wait $pa; wa=$?; wait $pb; wb=$?
	[ $wa -eq 0 ] && [ $wb -eq 0 ] || mixed=$((mixed + 100))
	h=$(grep -l 'Dấu-vết-' "$shared/dang-vien-moi-tu-son/bai-03.html" >/dev/null && grep -o 'Dấu-vết-[AB]*' "$shared/dang-vien-moi-tu-son/bai-03.html")
	e=$(unzip -p "$shared/dang-vien-moi-tu-son.epub" OEBPS/bai-03.xhtml | grep -o 'Dấu-vết-[AB]*')
	[ "$h" = "$e" ] || mixed=$((mixed + 1))
done
expect "two builds at once: both succeed, no pack mixed ($mixed)" test $mixed -eq 0

# 4. Symbolic links out of the repository are refused for theme files
# and curricula too; nothing of the outside file reaches a pack.
rl=$tmp/rl
cp -R "$r12" "$rl" && rm -rf "$rl/out"
echo "BI-MAT-NGOAI-KHO" >"$tmp/secret.css"
ln -s "$tmp/secret.css" "$rl/themes/default/assets/x.css"
expect_exit "check: symlinked theme asset" 1 "$bin" check -C "$rl"
expect "check names it" grep -q "^themes/default/assets/x.css: error: refusing a file that leads outside" "$tmp/err"
expect_exit "build: symlinked theme asset" 1 "$bin" build -C "$rl" -o out $cur
expect "nothing from outside in the output" sh -c "! grep -rqa BI-MAT-NGOAI-KHO '$rl/out' 2>/dev/null"
rm "$rl/themes/default/assets/x.css"
ln -sf "$tmp/secret.css" "$rl/themes/default/epub.css"
expect_exit "build: symlinked epub.css" 1 "$bin" build -C "$rl" -o out $cur
expect "epub.css from outside not used" sh -c "! grep -rqa BI-MAT-NGOAI-KHO '$rl/out' 2>/dev/null"
rm "$rl/themes/default/epub.css" && cp "$top/themes/default/epub.css" "$rl/themes/default/"
cp "$rl/$cur" "$tmp/outside.yaml" && rm "$rl/$cur" && ln -s "$tmp/outside.yaml" "$rl/$cur"
expect_exit "build: symlinked curriculum" 1 "$bin" build -C "$rl" -o out $cur
expect "the curriculum is refused" grep -q "^$cur: error: refusing a file that leads outside" "$tmp/err"
rm "$rl/$cur" && cp "$tmp/outside.yaml" "$rl/$cur"
# A lecture, and the notes folder, as links out of the repository (a
# listed file is checked with one lstat() when its folder is inside).
printf -- '---\ntitle: "Ngoài kho"\n---\n\nBI-MAT-NGOAI-KHO\n' >"$tmp/outside.md"
ln -s "$tmp/outside.md" "$rl/lectures/ngoai-kho.md"
expect_exit "check: symlinked lecture" 1 "$bin" check -C "$rl"
expect "the lecture is refused" grep -q "^lectures/ngoai-kho.md: error: refusing a file that leads outside" "$tmp/err"
rm "$rl/lectures/ngoai-kho.md"
mkdir "$tmp/notes-outside" && cp "$tmp/outside.md" "$tmp/notes-outside/" &&
    mv "$rl/lectures/notes" "$tmp/notes-kept" &&
    ln -s "$tmp/notes-outside" "$rl/lectures/notes"
expect_exit "check: symlinked notes folder" 1 "$bin" check -C "$rl"
expect "its notes are refused" grep -q "^lectures/notes/outside.md: error: refusing a file that leads outside" "$tmp/err"
rm "$rl/lectures/notes" && mv "$tmp/notes-kept" "$rl/lectures/notes"
# A theme check build would fail: a folder in assets/, no {{{content}}}.
mkdir "$rl/themes/default/assets/sub"
expect_exit "check: a folder in the theme's assets" 1 "$bin" check -C "$rl"
expect "named" grep -q "^themes/default/assets/sub: error: a folder where a file is expected" "$tmp/err"
rmdir "$rl/themes/default/assets/sub"
sed -i 's/{{{content}}}//' "$rl/themes/default/page.html"
expect_exit "check: page.html without {{{content}}}" 1 "$bin" check -C "$rl"
expect "named" grep -q "^themes/default/page.html: error: the template has no '{{{content}}}'" "$tmp/err"
cp "$top/themes/default/page.html" "$rl/themes/default/page.html"

# 6. Names make cannot hold are refused with a located error.
nl=$(printf 'x\ny')
cp "$rl/lectures/bai-10-nhiem-vu-dang-vien.md" "$rl/lectures/$nl.md"
sed -i 's/^id: .*/id: bai-xy/' "$rl/lectures/$nl.md"
expect_exit "check: a lecture file name with a newline" 1 "$bin" check -C "$rl"
expect "refused, the newline shown escaped" grep -q '^lectures/x\\x0ay.md: error: the file name holds a control character' "$tmp/err"
rm "$rl/lectures/$nl.md"

# 7. Terminal escapes never reach the terminal.
cp "$rl/lectures/bai-10-nhiem-vu-dang-vien.md" "$tmp/b10"
printf '\n![a](images/%%1b[2Jx.png) &#27;[2J\n' >>"$rl/lectures/bai-10-nhiem-vu-dang-vien.md"
sed -i "s/^summary: .*/summary: \"\\\\e]0;tieu-de\\\\a\"\\nfoo\\x1b[2J: 1/" "$rl/lectures/bai-10-nhiem-vu-dang-vien.md"
"$bin" check -C "$rl" >"$tmp/out" 2>"$tmp/err"
expect "messages were printed" test -s "$tmp/err"
expect "no escape character in the messages" sh -c "! grep -q \"\$(printf '\\033')\" '$tmp/err'"
expect "no BEL in the messages" sh -c "! grep -q \"\$(printf '\\007')\" '$tmp/err'"
expect "shown as \\x1b" grep -q '\\x1b' "$tmp/err"
cp "$tmp/b10" "$rl/lectures/bai-10-nhiem-vu-dang-vien.md"

# 9. FIFOs are refused, never waited on: a lecture, a curriculum.
mkfifo "$rl/lectures/zz-fifo.md"
expect_exit "check: a FIFO lecture" 1 timeout 10 "$bin" check -C "$rl"
expect "named" grep -q "^lectures/zz-fifo.md: error: not a regular file" "$tmp/err"
expect_exit "build: a FIFO lecture" 1 timeout 10 "$bin" build -C "$rl" -o out $cur
expect "named by build too" grep -q "^lectures/zz-fifo.md: error: not a regular file" "$tmp/err"
rm "$rl/lectures/zz-fifo.md"
mkfifo "$rl/curricula/zz.yaml"
expect_exit "check: a FIFO curriculum" 1 timeout 10 "$bin" check -C "$rl"
expect_exit "build: a FIFO curriculum" 1 timeout 10 "$bin" build -C "$rl" -o out curricula/zz.yaml
expect "named" grep -q "^curricula/zz.yaml: error: not a regular file" "$tmp/err"
rm "$rl/curricula/zz.yaml"

# 11. build shows why a lecture failed to load, not only "unknown lecture".
cp "$rl/lectures/bai-01-chu-nghia-mac-lenin.md" "$tmp/b1"
{ printf '\377\376'; iconv -f utf-8 -t utf-16le "$tmp/b1"; } >"$rl/lectures/bai-01-chu-nghia-mac-lenin.md"
expect_exit "build: a UTF-16 lecture" 1 "$bin" build -C "$rl" -o out $cur
expect "its own error at its place" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md:1:1: error: the file is in UTF-16: save it as UTF-8" "$tmp/err"
sed 's/Đảng/\xd0\xa3ng/' "$tmp/b1" | iconv -f utf-8 -t cp1258 >"$rl/lectures/bai-01-chu-nghia-mac-lenin.md" 2>/dev/null
expect_exit "build: a Windows-1258 lecture" 1 "$bin" build -C "$rl" -o out $cur
expect "the legacy-encoding message" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md:[0-9]*:[0-9]*: error: invalid UTF-8.*legacy encoding" "$tmp/err"
{ cat "$tmp/b1"; head -c 4200000 /dev/zero | tr '\0' 'a'; } >"$rl/lectures/bai-01-chu-nghia-mac-lenin.md"
expect_exit "build: a lecture over the size limit" 1 "$bin" build -C "$rl" -o out $cur
expect "the size message" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md: error: file is larger than 4 MiB" "$tmp/err"
sed 's/^title: "/title: [/' "$tmp/b1" >"$rl/lectures/bai-01-chu-nghia-mac-lenin.md"
expect_exit "build: broken front matter" 1 "$bin" build -C "$rl" -o out $cur
expect "the YAML error at its place" grep -q "^lectures/bai-01-chu-nghia-mac-lenin.md:[0-9]*:[0-9]*: error: the list opened with .\[. is not closed" "$tmp/err"
expect "and a note tying it to the unknown id" grep -q "^$cur:[0-9]*:[0-9]*: note: 'lectures/bai-01-chu-nghia-mac-lenin.md' could not be read" "$tmp/err"
cp "$tmp/b1" "$rl/lectures/bai-01-chu-nghia-mac-lenin.md"

# 14. A curriculum that is not UTF-8 is content (exit 1), not exit 2.
printf 'title: "Ch\352n"\ncenter: "x"\nlectures: [bai-01]\n' >"$rl/curricula/zz.yaml"
expect_exit "a curriculum in a legacy encoding: exit 1" 1 "$bin" build -C "$rl" -o out curricula/zz.yaml
expect "located" grep -q "^curricula/zz.yaml:1:[0-9]*: error: invalid UTF-8" "$tmp/err"
rm "$rl/curricula/zz.yaml"

# 15. Output that cannot be written is an error.
expect_exit "--help to a full disk: exit 2" 2 sh -c "'$bin' --help >/dev/full"
expect_exit "--version to a full disk: exit 2" 2 sh -c "'$bin' --version >/dev/full"

# 16. A lecture whose id is a note's id: the duplicate id is the one
# error (no "'district' is not set" from the links of the pack).
rd=$tmp/dupid
mkdir -p "$rd"
cp -R "$top/tests/golden/fixture/." "$rd/"
cp -R "$top/themes" "$rd/"
printf -- '---\ntitle: "Bài trùng id"\nid: huyen-b\n---\n\nXem [[district#kinh-te]] và [[province#kinh-te]].\n' >"$rd/lectures/a-trung.md"
sed 's/CASE/huyen-b/' "$top/tests/golden/fixture/curricula/t.yaml" >"$rd/curricula/t.yaml"
expect_exit "a lecture with a note's id: exit 1" 1 env NO_COLOR=1 "$bin" build -C "$rd" -o out curricula/t.yaml
printf '%s\n' "lectures/notes/huyen-b.md:1:1: error: duplicate id 'huyen-b'" \
    "lectures/a-trung.md:3:5: note: 'huyen-b' is also the id of this file" >"$tmp/want"
expect "a lecture with a note's id: only the duplicate id" cmp -s "$tmp/want" "$tmp/err"

# 18. Typographic punctuation: on by default; 'smart: false' in a
#     curriculum keeps its lectures' punctuation as typed; two packs of
#     one run that disagree keep it, with a warning.
rp=$tmp/smart
mkdir -p "$rp"
cp -R "$top/tests/golden/fixture/." "$rp/"
cp -R "$top/themes" "$rp/"
printf -- '---\ntitle: "Dấu câu"\n---\n\nNghị quyết "về xây dựng Đảng" -- năm 2021...\n' >"$rp/lectures/dau-cau.md"
sed 's/CASE/dau-cau/' "$top/tests/golden/fixture/curricula/t.yaml" >"$rp/curricula/t.yaml"
{ sed 's/CASE/dau-cau/' "$top/tests/golden/fixture/curricula/t.yaml"; echo "smart: false"; } >"$rp/curricula/thang.yaml"
expect_exit "punctuation: default pack" 0 "$bin" build -C "$rp" -o out curricula/t.yaml
expect "  quotes and dashes made typographic" grep -q "“về xây dựng Đảng” – năm 2021…" "$rp/out/t/dau-cau.html"
expect_exit "punctuation: smart: false" 0 "$bin" build -C "$rp" -o out curricula/thang.yaml
expect "  kept as typed" grep -q "&quot;về xây dựng Đảng&quot; -- năm 2021..." "$rp/out/thang/dau-cau.html"
expect_exit "punctuation: two packs that disagree" 0 env NO_COLOR=1 "$bin" build -C "$rp" -o out2 curricula/t.yaml curricula/thang.yaml
expect "  warned at the smart: false line" grep -q "^curricula/thang.yaml:7:8: warning: 'smart: false' does not apply to 'dau-cau'" "$tmp/err"

# 19. Two kinds of pack from the same sample: 'audience: learners' shows
#     every mark as a neutral label, with no "chưa cập nhật", no status
#     badge and no legend, in HTML, EPUB and search text; the default
#     (reviewers) keeps the review labels.  The report is the same.
ra=$tmp/audience
sample_repo "$ra"
{ cat "$ra/curricula/dang-vien-moi-tu-son.yaml"; echo "audience: learners"; } \
    >"$ra/curricula/hoc-vien.yaml"
expect_exit "audience: both packs build" 0 "$bin" build -C "$ra" -o out \
    curricula/dang-vien-moi-tu-son.yaml curricula/hoc-vien.yaml
for k in dang-vien-moi-tu-son hoc-vien; do
	mkdir -p "$ra/$k-epub" && (cd "$ra/$k-epub" && unzip -qo "../out/$k.epub")
done
expect "  reviewers: review labels, badges and legend" sh -c "
    grep -q 'chưa cập nhật' '$ra/out/dang-vien-moi-tu-son/bai-01.html' &&
    grep -q 'class=\"lecture-status\"' '$ra/out/dang-vien-moi-tu-son/bai-01.html' &&
    grep -q 'class=\"legend\"' '$ra/out/dang-vien-moi-tu-son/index.html' &&
    grep -q 'class=\"legend\"' '$ra/dang-vien-moi-tu-son-epub/OEBPS/index.xhtml'"
expect "  learners: neutral labels" grep -q \
    '<p class="congress-label">Theo Nghị quyết Đại hội XII</p>' "$ra/out/hoc-vien/bai-01.html"
expect "  learners: no review words in HTML, EPUB or search" sh -c "
    ! grep -rl --exclude='*.css' -e 'chưa cập nhật' -e 'Đã cập nhật' -e 'Cập nhật theo' \
    -e 'class=\"legend' -e 'lecture-status' -e 'data-status' \
    '$ra/out/hoc-vien' '$ra/hoc-vien-epub'"
"$bin" report -C "$ra" --format json >"$tmp/report-all.json" 2>/dev/null
"$bin" report -C "$ra" --format json --curriculum curricula/hoc-vien.yaml \
    >"$tmp/report-learners.json" 2>/dev/null
expect "  the report does not depend on the audience" sh -c "
    grep -q '\"outdated\": [1-9]' '$tmp/report-learners.json' &&
    grep -q '\"curricula\": \\[.*hoc-vien' '$tmp/report-all.json'"

# 17. Messages in Vietnamese (GNU gettext): the tool in bin/ finds the
#     catalog make built beside it (build/locale); every message of the
#     sources has a translation in po/vi.po; the keywords stay English.
expect_exit "Vietnamese without the vi_VN locale installed" 2 env -u LOCPATH \
    LANGUAGE= LC_ALL= LC_MESSAGES= LANG=vi_VN.UTF-8 "$top/bin/lecturepack" frobnicate
expect "  (through C.UTF-8 and LANGUAGE)" grep -q "không có lệnh" "$tmp/err"
vi_locale
expect_exit "--help in Vietnamese" 0 vi_run "$top/bin/lecturepack" --help
expect "the help text is translated" grep -q "^tuỳ chọn:" "$tmp/out"
expect_exit "a usage error in Vietnamese" 2 vi_run "$top/bin/lecturepack" frobnicate
expect "the message is translated, 'error' is not" \
    grep -q "^lecturepack: error: không có lệnh 'frobnicate'" "$tmp/err"
(cd "$top" && xgettext --from-code=UTF-8 --language=C \
    $(sed -n '/^XGETTEXT_KEYS/,/[^\\]$/p' Makefile | sed 's/^XGETTEXT_KEYS *= *//; s/\\$//') \
    -o "$tmp/messages.pot" src/*.c) >/dev/null 2>&1
expect "xgettext reads the sources" test -s "$tmp/messages.pot"
expect_exit "po/vi.po translates every message" 0 msgcmp "$top/po/vi.po" "$tmp/messages.pot"

finish cli
