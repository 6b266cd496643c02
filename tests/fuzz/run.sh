#!/bin/sh
# run.sh - builds the libFuzzer targets and fuzzes each for SECONDS.
#
#   tests/fuzz/run.sh [SECONDS]        (default 30 per target)
#   tests/fuzz/run.sh 0                build and run the regressions only
#
# fuzz_doc takes a lecture file, fuzz_curriculum a curriculum; both run
# the whole pipeline in process under ASan, UBSan and LeakSanitizer and
# check the output (tests/fuzz/common.c).  fuzz_image takes an image
# file and runs the image check (src/load_image.c).  Everything goes to build/fuzz/:
# the binaries, the corpora (seeded from copies of the golden tests and
# the sample content), the logs and any crash artifacts.  Before fuzzing,
# every input kept in tests/fuzz/regressions/ is run once: doc-* through
# fuzz_doc, curriculum-* through fuzz_curriculum, image-* through
# fuzz_image, any other through fuzz_doc and fuzz_curriculum.
#
# LP_FUZZ_IGNORE=check,check turns output checks off (names in common.c),
# to fuzz on past a known bug; LP_FUZZ_VERBOSE=1 shows the diagnostics.
#
# Needs clang with libFuzzer (Debian: clang, libclang-rt-14-dev).
# Prints "fuzz: N passed, N failed" (a target passes when its regressions
# and its fuzzing ran clean) and exits 1 when anything crashed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-30}
out=$top/build/fuzz
cc=${FUZZ_CC:-clang}
pkgs="libcmark yaml-0.1 libzip libdeflate libutf8proc libidn2 libxml-2.0 librsvg-2.0 cairo"
pass=0 fail=0

case $secs in
''|*[!0-9]*) echo "usage: tests/fuzz/run.sh [SECONDS]" >&2; exit 2 ;;
esac
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc not found (Debian: apt-get install clang" \
	    "libclang-rt-14-dev)" >&2
	exit 2
fi
mkdir -p "$out/obj" "$out/tmp" || exit 2

# ---- build ----
pkg_cflags=$(pkg-config --cflags "$pkgs") || exit 2
pkg_libs=$(pkg-config --libs "$pkgs") || exit 2
compile() {
	# shellcheck disable=SC2086
	"$cc" -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -std=c11 -D_DEFAULT_SOURCE \
	    -D_POSIX_C_SOURCE=200809L -DLP_VERSION='"fuzz"' -I"$top/src" \
	    $pkg_cflags "$@"
}
objs=""
for f in "$top"/src/*.c "$top"/tests/fuzz/common.c; do
	case $f in */src/main.c) continue ;; esac
	o=$out/obj/$(basename "$f" .c).o
	compile -c "$f" -o "$o" || { echo "fuzz: cannot compile $f"; exit 2; }
	objs="$objs $o"
done
for t in fuzz_doc fuzz_curriculum fuzz_image; do
	# shellcheck disable=SC2086
	if ! compile "$top/tests/fuzz/$t.c" $objs $pkg_libs -o "$out/$t"; then
		echo "fuzz: cannot build $t (is libclang-rt-14-dev installed?)"
		exit 2
	fi
done

# ---- corpora: copies, never the tests' own files ----
seed() {	# seed DIR < list of files
	mkdir -p "$1"
	while IFS= read -r f; do
		[ -f "$f" ] || continue
		rel=${f#"$top"/}
		cp "$f" "$1/seed-$(printf '%s' "$rel" | tr '/' '_')"
	done
}
{
	find "$top/tests/golden" -name '*.md'
	ls "$top"/lectures/*.md "$top"/lectures/notes/*.md
} 2>/dev/null | seed "$out/corpus-doc"
{
	find "$top/tests/golden" -name '*.yaml'
	ls "$top"/curricula/*.yaml
} 2>/dev/null | seed "$out/corpus-curriculum"
{
	find "$top/tests/golden/fixture/lectures/images" -type f
	ls "$top"/lectures/images/*
} 2>/dev/null | seed "$out/corpus-image"

export LP_FUZZ_THEMES="$top/themes"
export TMPDIR="$out/tmp"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

# excerpt LOG: what a reader needs of a crash log (the check or the
# sanitizer's report, and the top frames in our code).
excerpt() {
	grep -E '^fuzz: check|ERROR: |runtime error|^SUMMARY|Test unit written' \
	    "$1" | head -n 4
	grep -E '^    #[0-9]+ .* in .*(/src/|/tests/fuzz/)' "$1" |
	    grep -v -E ' in (violation|__sanitizer|fuzzer::)' | head -n 6
}

# run TARGET DICT: regressions, then fuzzing; 0 when both ran clean.
run() {
	t=$1 dict=$2 short=${1#fuzz_} ok=0
	log=$out/$t.log
	: >"$log"
	for f in "$top"/tests/fuzz/regressions/*; do
		[ -f "$f" ] || continue
		case $(basename "$f") in
		doc-*) [ "$short" = doc ] || continue ;;
		curriculum-*) [ "$short" = curriculum ] || continue ;;
		image-*) [ "$short" = image ] || continue ;;
		*) [ "$short" != image ] || continue ;;
		esac
		# Each file alone, so that one crash does not hide the others.
		if ! (cd "$top" && "$out/$t" -timeout=5 -rss_limit_mb=2048 \
		    "$f") >"$out/one.log" 2>&1; then
			echo "FAIL $t regression tests/fuzz/regressions/$(basename "$f")"
			excerpt "$out/one.log"
			ok=1
		fi
		cat "$out/one.log" >>"$log"
	done
	rm -f "$out/one.log"
	[ "$secs" -gt 0 ] || return $ok
	if ! (cd "$top" && "$out/$t" -max_total_time="$secs" -timeout=5 \
	    -rss_limit_mb=2048 -max_len=65536 -dict="$dict" \
	    -artifact_prefix="$out/$t-" -print_final_stats=1 \
	    "$out/corpus-$short") >"$out/one.log" 2>&1; then
		echo "FAIL $t: crash, leak or check failure (log: $log)"
		excerpt "$out/one.log"
		a=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$out/one.log" |
		    tail -n 1)
		[ -n "$a" ] && echo "minimise: $out/$t -minimize_crash=1" \
		    "-runs=20000 -exact_artifact_path=$a.min $a"
		ok=1
	else
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
		    "$out/one.log" | tail -n 1)
		echo "ok $t (${runs:-?} runs in ${secs}s)"
	fi
	cat "$out/one.log" >>"$log"
	rm -f "$out/one.log"
	return $ok
}

for t in doc curriculum image; do
	if run "fuzz_$t" "$top/tests/fuzz/$t.dict"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
rm -rf "$out/tmp"
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
