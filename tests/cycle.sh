#!/bin/sh
# cycle.sh - the second sample, tests/xiv: a repository of the next cycle
# (lecturepack.yaml with current: XIV and term: 2025-2030, a province note
# of 2025-2030 that replaces two former ones, commune notes and commune
# curricula).  Its build messages, its report in every format and its
# packs (every HTML page, and the EPUB's package, navigation and pages)
# are golden files in tests/xiv.expected/; the Nu Html Checker, EPUBCheck
# and Ace check the packs.  With REGEN=1 the expected files are written
# instead (review the diff).
. "$(dirname "$0")/lib.sh"

expected=$top/tests/xiv.expected
repo=$tmp/xiv
got=$tmp/got
mkdir -p "$repo" "$got"
cp -R "$top/tests/xiv/." "$repo/"
cp -R "$top/themes" "$repo/"

(cd "$repo" && NO_COLOR=1 "$bin" build -o out curricula/*.yaml \
    >/dev/null 2>"$got/build.err"; echo "exit: $?" >>"$got/build.err")
for f in text json csv html; do
	(cd "$repo" && "$bin" report --format $f >"$got/report.$f" 2>/dev/null)
done

# What the packs hold: the HTML pages (the theme's assets are checked
# elsewhere) and the EPUB's text files, with the list of its entries.
for p in "$repo"/out/*/index.html; do
	d=$(dirname "$p")
	name=$(basename "$d")
	mkdir -p "$got/$name"
	cp "$d"/*.html "$got/$name/"
done
for e in "$repo"/out/*.epub; do
	name=$(basename "$e")
	mkdir -p "$got/$name" "$tmp/unzip/$name"
	(cd "$tmp/unzip/$name" && unzip -q "$e")
	unzip -Z1 "$e" >"$got/$name/entries"
	cp "$tmp/unzip/$name"/OEBPS/*.xhtml "$tmp/unzip/$name"/OEBPS/*.opf \
	    "$tmp/unzip/$name"/OEBPS/*.ncx "$got/$name/"
done

if [ "${REGEN:-0}" = 1 ]; then
	rm -rf "$expected"
	cp -R "$got" "$expected"
	echo "cycle: expected files written to tests/xiv.expected"
fi
# Every expected file is there and alike, and nothing more is made.
for f in $(cd "$expected" && find . -type f | sort); do
	if cmp -s "$expected/$f" "$got/$f"; then ok; else
		bad "xiv ${f#./} differs from tests/xiv.expected"
		diff -u "$expected/$f" "$got/$f" 2>&1 | head -30
	fi
done
extra=$(cd "$got" && find . -type f | while read -r f; do
	[ -e "$expected/$f" ] || echo "$f"; done)
[ -z "$extra" ] && ok || bad "xiv: output not in tests/xiv.expected: $extra"

# The build's only message is the warning on the link to a replaced note.
expect "xiv: the build succeeds" grep -qx "exit: 0" "$got/build.err"
expect "xiv: the report follows the SPEC 8 schema" \
    python3 "$top/tests/tools/check-report-schema.py" "$got/report.json"

vnu=$top/tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$vnu" ]; then
	# shellcheck disable=SC2046 # the pages are words
	if java -Xss8m -jar "$vnu" --format gnu $(ls "$repo"/out/*/*.html) \
	    "$got/report.html" >"$tmp/vnu" 2>&1; then ok; else
		bad "xiv: the Nu Html Checker reports problems"
		head -20 "$tmp/vnu"
	fi
else
	bad "vnu.jar missing: run make check (it installs tests/node_modules)"
fi
for e in "$repo"/out/*.epub; do
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
	    -jar /usr/share/java/epubcheck.jar "$e" --json "$tmp/ec.json" \
	    >/dev/null 2>&1
	if python3 - "$tmp/ec.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["checker"]
for m in r["messages"][:20]:
    print(" ", m["severity"], m["ID"], m["message"])
sys.exit(1 if c["nFatal"] or c["nError"] or c["nWarning"] or r["messages"] else 0)
PY
	then ok; else bad "xiv: EPUBCheck reports problems in $(basename "$e")"; fi
done

ace=$top/tests/node_modules/.bin/ace-cli
export PUPPETEER_EXECUTABLE_PATH=${CHROMIUM:-/usr/bin/chromium}
for e in "$repo"/out/*.epub; do
	# Ace failing to start its browser is no finding: once more, then
	# its log (tests/ace.sh does the same).
	if ! ace_run "$e" "$tmp/ace"; then
		bad "xiv: ace did not run on $(basename "$e")"
		tail -5 "$tmp/ace.log"
		continue
	fi
	if python3 - "$tmp/ace/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
bad = [x["earl:test"]["dct:title"] for a in r.get("assertions", [])
       for x in a.get("assertions", [])
       if x.get("earl:result", {}).get("earl:outcome") == "fail"]
for b in bad[:10]:
    print("  violation:", b)
sys.exit(1 if bad or r["earl:result"]["earl:outcome"] != "pass" else 0)
PY
	then ok; else bad "xiv: Ace reports violations in $(basename "$e")"; fi
done
finish cycle
