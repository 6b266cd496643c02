#!/bin/sh
# html.sh - the sample packs as a browser and the W3C checker see them:
# the Nu Html Checker (vnu) on every page, stylesheet and the report;
# every relative link and anchor resolves; no network resource at all.
. "$(dirname "$0")/lib.sh"

vnu=$top/tests/node_modules/vnu-jar/build/dist/vnu.jar
packs=$(ls -d "$top"/build/*/index.html 2>/dev/null | sed 's|/index.html$||')
expect "sample packs are built" test -n "$packs"

pages=$(for p in $packs; do ls "$p"/*.html; done)
if [ -f "$vnu" ]; then
	# shellcheck disable=SC2086
	if java -Xss8m -jar "$vnu" --also-check-css --format gnu \
	    $pages "$top/build/report.html" $(for p in $packs; do ls "$p"/assets/*.css; done) \
	    >"$tmp/vnu" 2>&1; then
		ok
	else
		bad "Nu Html Checker reports problems:"
		head -40 "$tmp/vnu"
	fi
else
	bad "vnu.jar missing: run make check (it installs tests/node_modules)"
fi

# shellcheck disable=SC2086
if python3 "$top/tests/tools/check-links.py" $packs >"$tmp/links" 2>&1; then
	ok
else
	bad "broken links:"
	head -20 "$tmp/links"
fi

# Every link of the reviewer report lands on a section of a pack.
if python3 - "$top/build/report.html" <<'PY'
import html.parser, os, re, sys
report = sys.argv[1]
base = os.path.dirname(report)
class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.hrefs = []; self.ids = set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a: self.hrefs.append(a["href"])
        if "id" in a: self.ids.add(a["id"])
def parse(path):
    p = Links(); p.feed(open(path, encoding="utf-8").read()); return p
bad, n = [], 0
for href in parse(report).hrefs:
    n += 1
    path, _, frag = href.partition("#")
    target = os.path.normpath(os.path.join(base, path))
    if not os.path.isfile(target): bad.append(href); continue
    if frag and frag not in parse(target).ids: bad.append(href)
for b in bad: print("broken report link:", b)
sys.exit(1 if bad or n == 0 else 0)
PY
then ok; else bad "report links"; fi

for p in $pages; do
	grep -q '<html lang="vi">' "$p" || bad "$p: no lang=\"vi\""
	if grep -Eq '(src|href)="(https?:)?//' "$p" &&
	    grep -E '<(link|script|img|iframe)[^>]*(src|href)="(https?:)?//' "$p" >/dev/null; then
		bad "$p loads a network resource"
	fi
done
ok

# The search index every page loads is a few percent of the pack (under
# 5 %); the text it shows in snippets is in text scripts, loaded only
# when they hold a query's words.  Each page's text is in one of them.
for p in $packs; do
	idx=$(wc -c <"$p/assets/search-index.js")
	all=$(find "$p" -type f -exec cat {} + | wc -c)
	if [ $((idx * 100)) -le $((all * 5)) ]; then ok; else
		bad "$p: search index is $idx of $all bytes, over 5 %"
	fi
	for page in "$p"/*.html; do
		id=$(basename "$page" .html)
		[ "$id" = index ] || [ "$id" = print ] && continue
		n=$(grep -l "^{\"href\":\"$id.html\"," "$p"/assets/search/*.js | wc -l)
		[ "$n" -eq 1 ] && ok || bad "$p: $id.html is in $n text scripts"
	done
done

# Each district pack shows its own district note from the same lecture.
ts=$top/build/dang-vien-moi-tu-son/bai-05.html
yp=$top/build/dang-vien-moi-yen-phong/bai-05.html
expect "Tu Son embeds tu-son" grep -q 'data-note="tu-son"' "$ts"
expect "Yen Phong embeds yen-phong" grep -q 'data-note="yen-phong"' "$yp"
expect "Yen Phong has no tu-son page" test ! -e "$top/build/dang-vien-moi-yen-phong/tu-son.html"
expect "marks are shown" grep -q 'class="congress congress-xiii" data-congress="XIII"' "$ts"
expect "the cover on the contents page" grep -q '<p class="pack-cover"><img src="media/lectures/images/bia-tu-son.svg"' "$top/build/dang-vien-moi-tu-son/index.html"
expect "legend on the first page" grep -q 'class="legend"' "$top/build/dang-vien-moi-tu-son/index.html"

# print.html (vnu checks it above, check-links.py its fragments): the
# whole course, each lecture once, and no navigation chrome.
for p in $packs; do
	pr=$p/print.html
	expect "$pr written" test -s "$pr"
	for page in "$p"/*.html; do
		id=$(basename "$page" .html)
		case $id in index|print) continue ;; esac
		n=$(grep -c "^<article class=\"[a-z]*\"[^>]* id=\"$id\">" "$pr")
		[ "$n" -eq 1 ] && ok || bad "$pr: $id is there $n times"
	done
	expect "$pr has no chrome" sh -c "! grep -Eq 'class=\"(sidebar|pager|skip-link|site-header|search)\"' '$pr'"
	expect "$pr has the margins' stylesheet" grep -q 'href="assets/print.css"' "$pr"
done

finish html
