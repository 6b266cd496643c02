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

# Report formats and --fail-on-outdated.
expect_exit "report text" 0 "$bin" report -C "$repo"
expect "summary line last" sh -c "tail -1 '$tmp/out' | grep -Eq '^[0-9]+ outdated, [0-9]+ partial, [0-9]+ unmarked, [0-9]+ updated \\([0-9]+ lectures\\)$'"
expect_exit "report json" 0 "$bin" report -C "$repo" --format json
expect "json follows the SPEC 8 schema" python3 "$top/tests/tools/check-report-schema.py" "$tmp/out"
expect_exit "report csv" 0 "$bin" report -C "$repo" --format csv -o "$tmp/r.csv"
expect "csv starts with a BOM" sh -c "head -c3 '$tmp/r.csv' | od -An -tx1 | grep -q 'ef bb bf'"
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

finish cli
