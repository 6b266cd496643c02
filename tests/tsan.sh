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

# build REPO NAME JOBS [TOOL]: REPO's curricula with -j JOBS into
# tmp/NAME-jJOBS, messages in tmp/NAME-jJOBS.err.
build() {
	(cd "$1" && exec "${4:-$bin}" build -j "$3" -o "$tmp/$2-j$3" \
	    curricula/*.yaml) >"$tmp/$2-j$3.out" 2>"$tmp/$2-j$3.err"
	rc=$?
	case $rc in
	0) ok;;
	66) bad "$2: build -j $3: ThreadSanitizer reported"
	    sed -n '/^WARNING: ThreadSanitizer/,/^SUMMARY/p' "$tmp/$2-j$3.err" | head -60;;
	*) bad "$2: build -j $3: exit $rc"; head -10 "$tmp/$2-j$3.err";;
	esac
}

# same NAME: the -j 4 and -j 1 builds wrote the same files, byte for
# byte (EPUBs included), and printed the same messages.
same() {
	a=$tmp/$1-j1 b=$tmp/$1-j4
	(cd "$b" 2>/dev/null && find . -type f | sort) >"$tmp/$1.files4"
	(cd "$a" 2>/dev/null && find . -type f | sort) >"$tmp/$1.files1"
	if [ -s "$tmp/$1.files1" ] && cmp -s "$tmp/$1.files4" "$tmp/$1.files1"
	then ok; else
		bad "$1: build -j 4 and -j 1 write different files"
		diff "$tmp/$1.files1" "$tmp/$1.files4" | head -10
	fi
	differ=0
	while read -r f; do
		[ -f "$b/$f" ] || continue
		cmp -s "$a/$f" "$b/$f" || {
			differ=$((differ + 1))
			[ "$differ" -gt 10 ] || echo "  differs: ${f#./}"
		}
	done <"$tmp/$1.files1"
	if [ "$differ" -eq 0 ]; then ok; else
		bad "$1: build -j 4: $differ of $(wc -l <"$tmp/$1.files1") files differ from -j 1"
	fi
	if cmp -s "$tmp/$1-j1.err" "$tmp/$1-j4.err" &&
	    cmp -s "$tmp/$1-j1.out" "$tmp/$1-j4.out"; then ok; else
		bad "$1: build -j 4 prints other messages than -j 1"
		diff "$tmp/$1-j1.err" "$tmp/$1-j4.err" | head -10
	fi
	echo "$1: compared $(wc -l <"$tmp/$1.files1") files of each build"
}

build "$tmp/repo" sample 4
build "$tmp/repo" sample 1
same sample

# The benchmark's repository: 25 packs sharing lectures, more lecture
# text than the trees kept at once (load_doc.c's budget), so threads
# drop trees and parse them again while others read the same docs.
sh "$top/tests/bench/gen.sh" "$tmp/big" >/dev/null
build "$tmp/big" big 4
build "$tmp/big" big 1 "$top/bin/lecturepack"
same big
finish tsan
