#!/bin/sh
# ace.sh - Ace by DAISY on every sample EPUB: no accessibility violation.
# Ace drives Debian's chromium (PUPPETEER_EXECUTABLE_PATH); npm installed
# it with PUPPETEER_SKIP_DOWNLOAD=1, so no browser is downloaded.
. "$(dirname "$0")/lib.sh"

ace=$top/tests/node_modules/.bin/ace-cli
if [ ! -x "$ace" ]; then
	bad "ace-cli missing: run make check (it installs tests/node_modules)"
	finish ace
	exit 1
fi
export PUPPETEER_EXECUTABLE_PATH=${CHROMIUM:-/usr/bin/chromium}
for e in "$top"/build/*.epub; do
	name=$(basename "$e" .epub)
	out=$tmp/$name
	if ! ace_run "$e" "$out"; then
		bad "$name: ace did not run"; tail -5 "$out.log"; continue
	fi
	if python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
bad = [(a["earl:testSubject"]["url"], x["earl:test"]["dct:title"],
        x["earl:test"].get("earl:impact"))
       for a in r.get("assertions", []) for x in a.get("assertions", [])
       if x.get("earl:result", {}).get("earl:outcome") == "fail"]
for b in bad[:20]:
    print("  violation:", *b)
sys.exit(1 if bad or r["earl:result"]["earl:outcome"] != "pass" else 0)
PY
	then ok; else bad "$name: Ace reports violations"; fi
done
finish ace
