#!/bin/sh
# pdf.sh - make pdf (SPEC 9): each sample pack's print.html printed by
# headless Chromium to build/ID.pdf, read back with poppler's pdftotext
# and pdfinfo: A4; the Vietnamese of a lecture survives (NFC, as
# written); every lecture starts a page of its own, in order, with only
# its part's name above its title; the course title is in the top
# margin and the page number in the bottom one of every page but the
# title page; the PDF is tagged and has an outline (bookmarks).
. "$(dirname "$0")/lib.sh"

cd "$top" || exit 2
rm -f build/*.pdf
expect "make pdf" make -s -j2 pdf
make -s pdf >"$tmp/second" 2>&1
expect "a second make pdf prints nothing" test ! -s "$tmp/second"

for c in curricula/*.yaml; do
	id=$(basename "$c" .yaml)
	pdf=build/$id.pdf
	if [ ! -s "$pdf" ]; then
		bad "$pdf not written"
		continue
	fi
	expect "$pdf newer than its print.html" test "$pdf" -nt "build/$id/print.html"
	pdfinfo "$pdf" >"$tmp/info" 2>&1
	expect "$pdf is A4" grep -q '^Page size:.*(A4)' "$tmp/info"
	expect "$pdf is tagged" grep -q '^Tagged: *yes' "$tmp/info"
	# The outline's root: Chromium writes it from the headings.
	expect "$pdf has an outline" grep -aq '/Outlines' "$pdf"
	pdftotext -enc UTF-8 "$pdf" "$tmp/text" 2>/dev/null
	if python3 - "$tmp/text" "$tmp/info" "build/$id/print.html" \
	    "$c" <<'PY'
import html, re, sys, unicodedata
text_path, info_path, print_path, cur_path = sys.argv[1:]
pages = open(text_path, encoding="utf-8").read().split("\f")
if pages and not pages[-1].strip():
    pages.pop()
info = open(info_path, encoding="utf-8").read()
n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
page = open(print_path, encoding="utf-8").read()
course = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
lectures = [(m.group(1), " ".join(html.unescape(m.group(2)).split()))
            for m in re.finditer(r'<article class="lecture" id="([^"]+)">\n'
            r'<header class="lecture-header">\n(?:<p class="lecture-part">'
            r'.*?</p>\n)?<h1>(.*?)</h1>', page)]
fails = []
def fail(msg): fails.append(msg)

if n != len(pages):
    fail(f"pdfinfo counts {n} pages, pdftotext {len(pages)}")
if not lectures:
    fail("no lecture in print.html")
# Plausible: a title page, the contents, a page or more per lecture.
if not (len(lectures) + 2 <= n <= 40 * len(lectures) + 10):
    fail(f"{n} pages for {len(lectures)} lectures")

def lines(p):
    return [l.strip() for l in p.splitlines() if l.strip()]

# The margins: the course title on top, the page number at the bottom,
# on every page but the title page, which has neither.
heads = sum(1 for p in pages[1:] if lines(p) and lines(p)[0] == course)
numbers = sum(1 for k, p in enumerate(pages[1:], 2)
              if lines(p) and lines(p)[-1] == str(k))
if heads < len(pages) - 1:
    fail(f"course title in the top margin of {heads} of {len(pages) - 1} pages")
if numbers < len(pages) - 1:
    fail(f"page number at the bottom of {numbers} of {len(pages) - 1} pages")
first = lines(pages[0])
if first and first[-1] == "1":
    fail("the title page has a page number")
if course not in " ".join(first):
    fail("the title page has no course title")

# Each lecture: the first page whose text (margins left out) has the
# lecture's title with nothing above it but its part's name (set in
# capitals by the theme); in order, one page each.
def body(p):
    ls = lines(p)
    if ls and ls[0] == course:
        ls = ls[1:]
    if ls and ls[-1].isdigit():
        ls = ls[:-1]
    return " ".join(" ".join(ls).split())
found, last = [], 0
for lid, title in lectures:
    at = None
    for k in range(last + 1, len(pages) + 1):
        b = body(pages[k - 1])
        i = b.find(title)
        if i >= 0 and b[:i] == b[:i].upper():
            at = k
            break
    if at is None:
        fail(f"{lid}: no page starts with its title {title[:40]!r}")
        continue
    found.append(at)
    last = at
if len(set(found)) != len(found):
    fail(f"two lectures start on one page: {found}")

# The words of a lecture, diacritics and all, as the lecture has them
# (NFC): a sentence of the first lecture.
sentence = ("Chủ nghĩa Mác do C. Mác (1818–1883) và Ph. Ăngghen "
            "(1820–1895) sáng lập")
assert unicodedata.is_normalized("NFC", sentence)
alltext = " ".join(" ".join(p.split()) for p in pages)
if "bai-01" in dict(lectures) and sentence not in alltext:
    fail("the sentence of bai-01 is not in the PDF text")
if not unicodedata.is_normalized("NFC", alltext):
    fail("the PDF text is not NFC")
for f in fails:
    print(f)
print(f"{len(lectures)} lectures on pages {found} of {n}")
sys.exit(1 if fails else 0)
PY
	then ok; else bad "$pdf: pages (above)"; fi >"$tmp/py" 2>&1
	cat "$tmp/py"
done

finish pdf
