#!/bin/sh
# tsan.sh - the parallel build under ThreadSanitizer (issue 13, item 6):
# the sample repository's curricula built with `build -j 4` by
# build/tsan/lecturepack (make build/tsan/lecturepack) must get no
# report, and every file it writes, EPUBs included, must be byte for
# byte the file a `-j 1` build writes; so must its messages.
#
#   LECTUREPACK_TSAN=PATH   the tool to run (default build/tsan/lecturepack)
#   TSAN_OPTIONS=...        added after this script's own options
. "$(dirname "$0")/lib.sh"
bin=${LECTUREPACK_TSAN:-$top/build/tsan/lecturepack}

# Any report ends the run with status 66, which no build returns.
TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export TSAN_OPTIONS

if [ ! -x "$bin" ]; then
	bad "$bin is missing (make build/tsan/lecturepack)"
	finish tsan
	exit
fi
sample_repo "$tmp/repo"

# build JOBS: the sample's packs with -j JOBS into tmp/jJOBS, messages
# in tmp/jJOBS.err.
build() {
	(cd "$tmp/repo" && exec "$bin" build -j "$1" -o "$tmp/j$1" \
	    curricula/*.yaml) >"$tmp/j$1.out" 2>"$tmp/j$1.err"
	rc=$?
	case $rc in
	0) ok;;
	66) bad "build -j $1: ThreadSanitizer reported"
	    sed -n '/^WARNING: ThreadSanitizer/,/^SUMMARY/p' "$tmp/j$1.err" | head -60;;
	*) bad "build -j $1: exit $rc"; head -10 "$tmp/j$1.err";;
	esac
}
build 4
build 1

# Every file of both outputs, EPUBs included, byte for byte.
(cd "$tmp/j4" 2>/dev/null && find . -type f | sort) >"$tmp/files4"
(cd "$tmp/j1" 2>/dev/null && find . -type f | sort) >"$tmp/files1"
if [ -s "$tmp/files1" ] && cmp -s "$tmp/files4" "$tmp/files1"; then ok; else
	bad "build -j 4 and -j 1 write different files"
	diff "$tmp/files1" "$tmp/files4" | head -10
fi
differ=0
while read -r f; do
	[ -f "$tmp/j4/$f" ] || continue
	cmp -s "$tmp/j1/$f" "$tmp/j4/$f" || {
		differ=$((differ + 1))
		[ "$differ" -gt 10 ] || echo "  differs: ${f#./}"
	}
done <"$tmp/files1"
if [ "$differ" -eq 0 ]; then ok; else
	bad "build -j 4: $differ of $(wc -l <"$tmp/files1") files differ from -j 1"
fi
if cmp -s "$tmp/j1.err" "$tmp/j4.err" && cmp -s "$tmp/j1.out" "$tmp/j4.out"
then ok; else
	bad "build -j 4 prints other messages than -j 1"
	diff "$tmp/j1.err" "$tmp/j4.err" | head -10
fi
echo "compared $(wc -l <"$tmp/files1") files of each build"
finish tsan
