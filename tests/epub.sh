#!/bin/sh
# epub.sh - the EPUB packs (SPEC 9, issue 5): EPUBCheck with nothing to
# report, well-formed XHTML, entry order, reproducible bytes, escaping,
# and that an interrupted build leaves the previous EPUB as it was.
. "$(dirname "$0")/lib.sh"

epubcheck() {
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
	    -jar /usr/share/java/epubcheck.jar "$1" --json "$2" >/dev/null 2>&1
	python3 - "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["checker"]
bad = [m for m in r["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
for m in bad[:20]:
    loc = m["locations"][0] if m["locations"] else {}
    print(m["severity"], m["ID"], m["message"], loc.get("path"), loc.get("line"))
sys.exit(1 if (c["nFatal"] or c["nError"] or c["nWarning"] or bad) else 0)
PY
}

# check_epub NAME FILE: EPUBCheck, xmllint and the zip layout.
check_epub() {
	if epubcheck "$2" "$tmp/ec.json" >"$tmp/ec.out" 2>&1; then ok; else
		bad "$1: EPUBCheck reports problems"; cat "$tmp/ec.out"
	fi
	rm -rf "$tmp/x" && mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$2")
	if find "$tmp/x" \( -name '*.xhtml' -o -name '*.opf' -o -name '*.ncx' \
	    -o -name '*.xml' \) -exec xmllint --noout {} + >"$tmp/xl" 2>&1; then
		ok
	else
		bad "$1: xmllint"; head -10 "$tmp/xl"
	fi
	first=$(unzip -Z1 "$2" | head -1)
	[ "$first" = mimetype ] && ok || bad "$1: mimetype is not first ($first)"
	zipinfo -v "$2" mimetype >"$tmp/zi" 2>&1
	expect "$1: mimetype stored" grep -q "compression method: *none (stored)" "$tmp/zi"
	expect "$1: mimetype has no extra field" grep -q "length of extra field: *0 bytes" "$tmp/zi"
	expect "$1: mimetype content" test "$(unzip -p "$2" mimetype)" = "application/epub+zip"
	unzip -Z1 "$2" >"$tmp/order"
	expect "$1: fixed entry order" sh -c "sed -n '2,4p' '$tmp/order' | tr '\n' ' ' | grep -q '^META-INF/container.xml OEBPS/content.opf OEBPS/nav.xhtml '"
}

# check_cover NAME FILE [none]: the cover page is the spine's first
# itemref and linear; the manifest's cover-image (also EPUB 2's <meta
# name="cover">) is a PNG or JPEG by its bytes, and the cover page shows
# it.  With `none`: no cover image, the cover page first all the same.
cat >"$tmp/cover.py" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); want = len(sys.argv) < 3
opf = z.read("OEBPS/content.opf").decode()
items = {m.group(1): m.group(0) for m in re.finditer(r'<item id="([^"]*)"[^>]*>', opf)}
href = lambda i: re.search(r'href="([^"]*)"', items[i]).group(1)
spine = re.findall(r'<itemref [^>]*>', re.search(r'<spine[^>]*>(.*)</spine>', opf, re.S).group(1))
first = re.search(r'idref="([^"]*)"', spine[0]).group(1)
bad = []
if href(first) != "cover.xhtml": bad.append("first itemref is %s" % href(first))
if 'linear="no"' in spine[0]: bad.append("cover itemref not linear")
covers = [i for i, t in items.items() if re.search(r'properties="[^"]*\bcover-image\b', t)]
if not want:
    if covers: bad.append("a cover-image without a cover")
elif len(covers) != 1: bad.append("%d cover-image items" % len(covers))
else:
    c = covers[0]; data = z.read("OEBPS/" + href(c))
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        bad.append("cover-image %s is not a PNG or JPEG" % href(c))
    if not re.search(r'media-type="image/(png|jpeg)"', items[c]): bad.append("cover-image media type")
    if '<meta name="cover" content="%s"/>' % c not in opf: bad.append("no EPUB 2 cover meta")
    if 'src="%s"' % href(c) not in z.read("OEBPS/cover.xhtml").decode(): bad.append("cover page shows another image")
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY
check_cover() {
	if python3 "$tmp/cover.py" "$2" ${3:-} >"$tmp/cover.out" 2>&1; then ok; else
		bad "$1: cover"; cat "$tmp/cover.out"
	fi
}

for e in "$top"/build/*.epub; do
	[ -e "$e" ] || { bad "no sample EPUB built"; break; }
	check_epub "$(basename "$e")" "$e"
done
# The sample's SVG cover is drawn as a PNG 1600 pixels tall (issue 17).
e=$top/build/dang-vien-moi-tu-son.epub
check_cover "SVG cover" "$e"
expect "SVG cover drawn as OEBPS/cover.png, 1200 x 1600 px" python3 -c "
import struct, sys, zipfile
d = zipfile.ZipFile(sys.argv[1]).read('OEBPS/cover.png')
sys.exit(struct.unpack('>II', d[16:24]) != (1200, 1600))" "$e"
check_cover "no cover" "$top/build/dang-vien-moi-yen-phong.epub" none

# Reproducible: same bytes whatever the time zone, umask or file times.
repo=$tmp/repo
sample_repo "$repo"
cur=curricula/dang-vien-moi-tu-son.yaml
(cd "$repo" && TZ=UTC "$bin" build -o a $cur) >/dev/null 2>&1
find "$repo/lectures" -exec touch -d '2030-01-01' {} +
(cd "$repo" && umask 077 && TZ=Asia/Ho_Chi_Minh "$bin" build -o b $cur) >/dev/null 2>&1
expect "EPUB bytes identical across TZ, umask and mtimes" cmp "$repo/a/dang-vien-moi-tu-son.epub" "$repo/b/dang-vien-moi-tu-son.epub"
expect "HTML identical too" diff -r "$repo/a/dang-vien-moi-tu-son" "$repo/b/dang-vien-moi-tu-son"
(cd "$repo" && SOURCE_DATE_EPOCH=1700000000 "$bin" build -o c $cur) >/dev/null 2>&1
expect "SOURCE_DATE_EPOCH sets dcterms:modified" sh -c "unzip -p '$repo/c/dang-vien-moi-tu-son.epub' OEBPS/content.opf | grep -q '2023-11-14T22:13:20Z'"
expect "without it: the newest input date" sh -c "unzip -p '$repo/a/dang-vien-moi-tu-son.epub' OEBPS/content.opf | grep -q '<meta property=\"dcterms:modified\">2024-'"
id1=$(unzip -p "$repo/a/dang-vien-moi-tu-son.epub" OEBPS/content.opf | grep -o 'urn:uuid:[^<]*')
id2=$(unzip -p "$repo/c/dang-vien-moi-tu-son.epub" OEBPS/content.opf | grep -o 'urn:uuid:[^<]*')
expect "stable dc:identifier" test -n "$id1" -a "$id1" = "$id2"

# Escaping: a title with < & and quotes everywhere (OPF, nav, NCX, pages),
# and the same heading in two lectures.
sed -i 's/^title: .*/title: "Chương trình <thử> \& \\"kiểm tra\\" '"'"'nháy'"'"'"/' "$repo/$cur"
sed -i '1,/^---$/{s/^title: .*/title: "Bài 1 <a> \& \\"b\\""/}' "$repo/lectures/bai-01-chu-nghia-mac-lenin.md"
printf '\n## Mục tiêu chung\n\nA.\n' >>"$repo/lectures/bai-01-chu-nghia-mac-lenin.md"
printf '\n## Mục tiêu chung\n\nB.\n' >>"$repo/lectures/bai-02-doc-lap-dan-toc-chu-nghia-xa-hoi.md"
expect "build with a hostile title" sh -c "cd '$repo' && '$bin' build -o d $cur"
check_epub "hostile title" "$repo/d/dang-vien-moi-tu-son.epub"
expect "title escaped in the OPF" sh -c "unzip -p '$repo/d/dang-vien-moi-tu-son.epub' OEBPS/content.opf | grep -q '&lt;thử&gt; &amp; &quot;kiểm tra&quot;'"

# Links (issue 12, item 13): every good and bad URL of the golden cases
# in one lecture; the EPUB passes EPUBCheck and the HTML page vnu, and no
# href is scheme-relative or left with an empty host.
lrepo=$tmp/links
sample_repo "$lrepo"
lec=$lrepo/lectures/bai-01-chu-nghia-mac-lenin.md
for f in urls-good urls-bad; do
	printf '\n## %s\n\n' "$f" >>"$lec"
	sed '1,/^---$/d' "$top/tests/golden/links/$f.md" >>"$lec"
done
expect "build with every kind of link" sh -c "cd '$lrepo' && '$bin' build -o out $cur"
check_epub "links" "$lrepo/out/dang-vien-moi-tu-son.epub"
page=$lrepo/out/dang-vien-moi-tu-son/bai-01.html
expect "IDN host written as xn--" grep -q 'href="https://xn--v-d-rma6749a.vn/%C4%91' "$page"
expect "no scheme-relative or empty-host href" sh -c "! grep -Eq 'href=\"(//|[a-z]+://[/?#:\"]|[a-z]+:\")' '$page'"
vnu=$top/tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$vnu" ]; then
	if java -Xss8m -jar "$vnu" --format gnu "$page" >"$tmp/vnu" 2>&1; then
		ok
	else
		bad "links: Nu Html Checker reports problems:"
		head -20 "$tmp/vnu"
	fi
else
	bad "vnu.jar missing: run make check (it installs tests/node_modules)"
fi
# Images (issue 12, items 5 and 13): a PNG named .jpg (also the cover),
# names with space, '#', '?', '%' and Vietnamese letters, a clean SVG.
# The pack names them safely and alike in src, the manifest and the zip;
# media types come from the content; EPUBCheck has nothing to say.
irepo=$tmp/irepo
sample_repo "$irepo"
fx=$top/tests/golden/fixture/lectures/images
cp "$fx/png-named.jpg" "$fx/a b#c?d%e.png" "$fx/hình ảnh.png" "$fx/svg-clean.svg" "$irepo/lectures/images/"
printf '\n![PNG tên .jpg](images/png-named.jpg)\n\n![Tên lạ](<images/a b%%23c%%3Fd%%25e.png>)\n\n![Tên tiếng Việt](<images/hình ảnh.png>)\n\n![SVG sạch](images/svg-clean.svg)\n' >>"$irepo/lectures/bai-01-chu-nghia-mac-lenin.md"
sed -i 's|^cover: .*|cover: ../lectures/images/png-named.jpg|' "$irepo/$cur"
expect "build with odd image names" sh -c "cd '$irepo' && '$bin' build -o out $cur 2>'$tmp/ierr'"
expect "PNG named .jpg: a warning" grep -q "warning: image 'lectures/images/png-named.jpg' is a PNG file" "$tmp/ierr"
ep=$irepo/out/dang-vien-moi-tu-son.epub
check_epub "odd image names" "$ep"
check_cover "PNG cover named .jpg" "$ep"
expect "PNG named .jpg: manifest says image/png" sh -c "unzip -p '$ep' OEBPS/content.opf | grep -q 'href=\"media/lectures/images/png-named-[0-9a-f]*\.png\" media-type=\"image/png\" properties=\"cover-image\"'"
expect "no .jpg left in the manifest" sh -c "! unzip -p '$ep' OEBPS/content.opf | grep -q 'png-named\.jpg'"
# A PNG is compressed already: stored; an SVG is deflated.
zipinfo "$ep" >"$tmp/zl"
expect "PNG images stored, not deflated again" sh -c "grep 'media/.*\.png\$' '$tmp/zl' | grep -q . && ! grep 'media/.*\.png\$' '$tmp/zl' | grep -qv ' stor '"
expect "SVG images deflated" sh -c "grep 'media/.*\.svg\$' '$tmp/zl' | grep -q ' defN '"
cat >"$tmp/srcs.py" <<'PY'
import os, re, sys, urllib.parse, zipfile
html, epub = sys.argv[1], sys.argv[2]
bad = n = 0
for root, _, files in os.walk(html):
    for f in files:
        if f.endswith(".html"):
            t = open(os.path.join(root, f), encoding="utf-8").read()
            for s in re.findall(r'<img src="([^"]*)"', t):
                n += 1
                if re.search(r"[^A-Za-z0-9._/-]", s):
                    print("unsafe src", s); bad += 1
                if not os.path.isfile(os.path.join(root, urllib.parse.unquote(s))):
                    print("missing", s); bad += 1
z = zipfile.ZipFile(epub)
names = set(z.namelist())
for s in re.findall(r'href="(media/[^"]*)"', z.read("OEBPS/content.opf").decode()):
    if "OEBPS/" + s not in names:
        print("manifest href not in zip", s); bad += 1
for e in names:
    if e.endswith(".xhtml"):
        for s in re.findall(r'<img src="([^"]*)"', z.read(e).decode()):
            if "OEBPS/" + s not in names:
                print("xhtml src not in zip", e, s); bad += 1
if n < 5:
    print("too few images", n); bad += 1
sys.exit(1 if bad else 0)
PY
if python3 "$tmp/srcs.py" "$irepo/out/dang-vien-moi-tu-son" "$ep" >"$tmp/srcs" 2>&1; then ok; else
	bad "image src, manifest and zip entries agree"; cat "$tmp/srcs"
fi

# A learners' pack (audience: learners; issue 17): the EPUB passes
# EPUBCheck and its pages vnu, without the marks' states.
arepo=$tmp/learners
sample_repo "$arepo"
{ cat "$arepo/$cur"; echo "audience: learners"; } >"$arepo/curricula/hoc-vien.yaml"
expect "build a learners' pack" sh -c "cd '$arepo' && '$bin' build -o out curricula/hoc-vien.yaml"
check_epub "learners" "$arepo/out/hoc-vien.epub"
if [ -f "$vnu" ]; then
	if java -Xss8m -jar "$vnu" --format gnu "$arepo/out/hoc-vien/index.html" \
	    "$arepo/out/hoc-vien/bai-01.html" >"$tmp/vnu" 2>&1; then
		ok
	else
		bad "learners: Nu Html Checker reports problems:"
		head -20 "$tmp/vnu"
	fi
fi

# A FIFO among the theme's files (or anywhere an input is read) is
# refused at once, never waited on (issue 12, item 9); the previous EPUB
# stays.  (Interrupting builds is tests/make.sh's.)
cp "$repo/a/dang-vien-moi-tu-son.epub" "$tmp/before.epub"
printf '\nThêm một đoạn.\n' >>"$repo/lectures/bai-04-muc-tieu-dong-luc-doi-moi.md"
rm "$repo/themes/default/epub.css" && mkfifo "$repo/themes/default/epub.css"
(cd "$repo" && exec timeout 10 "$bin" build -o a $cur) >/dev/null 2>"$tmp/fifo.err"
rc=$?
expect "a FIFO theme file: exit 1, not a hang" test $rc -eq 1
expect "the FIFO is named" grep -q "themes/default/epub.css.*not a regular file" "$tmp/fifo.err"
expect "previous EPUB untouched" cmp "$tmp/before.epub" "$repo/a/dang-vien-moi-tu-son.epub"
expect "no temporary file" sh -c "! ls -a '$repo/a' | grep -q tmp"

finish epub
