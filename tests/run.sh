#!/bin/sh
# run.sh - the whole test suite (make check).  Each group prints its own
# "GROUP: N passed, N failed" line; this script adds them up and ends
# with the plain closing line "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
total_pass=0 total_fail=0 broken=0

group() {
	name=$1; shift
	echo "== $name"
	t0=$(date +%s)
	"$@" >"$top/build/test-$name.log" 2>&1
	rc=$?
	echo "   ($(( $(date +%s) - t0 )) s)"
	grep -v '^== ' "$top/build/test-$name.log" | grep -E '^(FAIL|  )' | head -60
	line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$top/build/test-$name.log" | tail -1)
	if [ -z "$line" ]; then
		echo "$name: did not finish (exit $rc); log: build/test-$name.log"
		tail -20 "$top/build/test-$name.log"
		broken=$((broken + 1))
		return
	fi
	echo "$line"
	p=$(echo "$line" | sed 's/^[^:]*: \([0-9]*\) passed.*/\1/')
	f=$(echo "$line" | sed 's/.* \([0-9]*\) failed.*/\1/')
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		broken=$((broken + 1))
	fi
}

group unit build/tests/unit
group golden sh tests/golden.sh
group cli sh tests/cli.sh
group html sh tests/html.sh
group epub sh tests/epub.sh
# make pdf: print.html printed by headless Chromium, read back with
# pdftotext (a page per lecture, the margins, the Vietnamese text).
group pdf sh tests/pdf.sh
group browser node tests/browser.mjs
group ace sh tests/ace.sh
# The second sample, a repository of the XIV cycle: golden report and
# packs, vnu, EPUBCheck and Ace.
group cycle sh tests/cycle.sh
group make sh tests/make.sh
# Word files made by tests/tools/make-docx.mjs, imported through pandoc.
group import sh tests/import.sh
group pathological python3 tests/pathological.py
# Packs built in parallel: ThreadSanitizer finds no race, and -j 4
# writes what -j 1 writes, byte for byte.
group tsan sh tests/tsan.sh
# The 652 examples of the CommonMark 0.30 spec as one pack, against
# cmark --safe; vnu and EPUBCheck on that pack.
group commonmark python3 tests/commonmark.py
group gfm python3 tests/gfm.py
# Footnotes in the syntax GitHub and Pandoc share, against cmark-gfm.
group footnotes python3 tests/footnotes.py
# Fuzzing: the regression inputs always, then a short run of each target
# (under a minute in all on CI, a few seconds elsewhere; make fuzz runs
# longer).
if [ "${CI:-}" = true ]; then fuzz_seconds=15; else fuzz_seconds=5; fi
group fuzz sh tests/fuzz/run.sh "$fuzz_seconds"

# The sanitizer pass: the same groups against the ASan/UBSan build.
# ASan reports go to log files, so none can hide in a test's output;
# UBSan (whose log_path the combined runtime ignores) ends the process
# with status 77, which no test accepts.
asan_logs=$top/build/asan/logs
rm -rf "$asan_logs" && mkdir -p "$asan_logs"
export ASAN_OPTIONS="log_path=$asan_logs/asan:detect_leaks=1:exitcode=77"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=77"
LECTUREPACK=$top/build/asan/lecturepack
export LECTUREPACK
group asan-unit build/asan/unit
group asan-golden sh tests/golden.sh
group asan-cli sh tests/cli.sh
group asan-epub sh tests/epub.sh
group asan-import sh tests/import.sh
unset LECTUREPACK ASAN_OPTIONS UBSAN_OPTIONS
if ls "$asan_logs"/* >/dev/null 2>&1; then
	echo "sanitizers: reports in build/asan/logs:"
	head -30 "$asan_logs"/*
	broken=$((broken + 1))
else
	echo "sanitizers: no report"
fi

total_fail=$((total_fail + broken))
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
