#!/bin/sh
# golden.sh - golden tests: every tests/golden/AREA/CASE.md (a lecture) or
# CASE.yaml (a curriculum) is built inside a copy of tests/golden/fixture
# and compared with the expected files beside it:
#
#   CASE.err    standard error, then a last line "exit: N"
#   CASE.vi.err the same with LANG=vi_VN.UTF-8: messages in Vietnamese
#               (the locale is generated for the run if the system
#               lacks it)
#   CASE.html   the lecture page's <main> content
#   CASE.xhtml  the lecture's EPUB page (OEBPS/ID.xhtml): its <body> content
#   CASE.json   `lecturepack report --format json` over the fixture
#   CASE.txt    `lecturepack report` (text)
#   CASE.csv    `lecturepack report --format csv`
#   CASE.search the pack's first search text script (assets/search/0.js)
#
# Two optional inputs beside a case: CASE.repo/, files copied over the
# fixture copy last (a lecturepack.yaml, more notes, a curriculum t.yaml
# whose "CASE" is replaced as the fixture's is), and CASE.args, options
# given to every build and report of the case (such as --current XIV).
# A CASE.md that is a symbolic link to another case's lecture builds the
# same lecture under other options (marks/audience-learners.md).
#
# With REGEN=1 the expected files are rewritten instead (make regen); a
# missing .err is always compared (so every case checks its diagnostics).
# Prints one line per failure and a closing "golden: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"

# check NAME EXPECTED ACTUAL
check() {
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$3" "$2"
		pass=$((pass + 1))
	elif diff -u "$2" "$3" >"$tmp/diff" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL golden $1"
		head -40 "$tmp/diff"
		fail=$((fail + 1))
	fi
}

for f in "$top"/tests/golden/*/*.md "$top"/tests/golden/*/*.yaml; do
	[ -e "$f" ] || continue
	case $f in */fixture/*) continue ;; esac
	area=$(basename "$(dirname "$f")")
	base=${f%.*}
	name=$(basename "$base")
	repo=$tmp/$area-$name
	mkdir -p "$repo"
	cp -R "$top/tests/golden/fixture/." "$repo/"
	cp -R "$top/themes" "$repo/"
	case $f in
	*.md)
		cp "$f" "$repo/lectures/$name.md"
		sed "s/CASE/$name/" "$top/tests/golden/fixture/curricula/t.yaml" \
		    >"$repo/curricula/t.yaml" ;;
	*.yaml)
		cp "$f" "$repo/curricula/t.yaml" ;;
	esac
	if [ -d "$base.repo" ]; then
		cp -R "$base.repo/." "$repo/"
		if [ -e "$base.repo/curricula/t.yaml" ]; then
			sed "s/CASE/$name/" "$base.repo/curricula/t.yaml" \
			    >"$repo/curricula/t.yaml"
		fi
	fi
	args=
	[ -e "$base.args" ] && args=$(cat "$base.args")
	# shellcheck disable=SC2086 # the options are words
	(cd "$repo" && NO_COLOR=1 "$bin" build $args -o out curricula/t.yaml \
	    >/dev/null 2>"$repo/err"; echo "exit: $?" >>"$repo/err")
	check "$area/$name.err" "$base.err" "$repo/err"
	if [ -e "$base.vi.err" ]; then
		vi_locale
		(cd "$repo" && NO_COLOR=1 LECTUREPACK_LOCALEDIR="$top/build/locale" \
		    vi_run "$bin" build $args -o out-vi curricula/t.yaml \
		    >/dev/null 2>"$repo/vi.err"; echo "exit: $?" >>"$repo/vi.err")
		check "$area/$name.vi.err" "$base.vi.err" "$repo/vi.err"
	fi
	if [ -e "$base.html" ]; then
		id=$(sed -n 's/^id: *//p' "$f" | head -1)
		[ -n "$id" ] || id=$name
		page=$repo/out/t/$id.html
		if [ -e "$page" ]; then
			sed -n '/<main id="lp-main">/,/<\/main>/p' "$page" |
			    sed '1d;$d' >"$repo/main.html"
		else
			echo "(no page written)" >"$repo/main.html"
		fi
		check "$area/$name.html" "$base.html" "$repo/main.html"
	fi
	if [ -e "$base.xhtml" ]; then
		id=$(sed -n 's/^id: *//p' "$f" | head -1)
		[ -n "$id" ] || id=$name
		mkdir -p "$repo/epub"
		if (cd "$repo/epub" && unzip -qo ../out/t.epub) 2>/dev/null &&
		    [ -e "$repo/epub/OEBPS/$id.xhtml" ]; then
			sed -n '/^<body>$/,/^<\/body>$/p' \
			    "$repo/epub/OEBPS/$id.xhtml" | sed '1d;$d' \
			    >"$repo/body.xhtml"
		else
			echo "(no page written)" >"$repo/body.xhtml"
		fi
		check "$area/$name.xhtml" "$base.xhtml" "$repo/body.xhtml"
	fi
	if [ -e "$base.search" ]; then
		js=$repo/out/t/assets/search/0.js
		[ -e "$js" ] || echo "(no search script written)" >"$js"
		check "$area/$name.search" "$base.search" "$js"
	fi
	if [ -e "$base.json" ]; then
		(cd "$repo" && "$bin" report $args --format json >"$repo/report.json" \
		    2>/dev/null)
		check "$area/$name.json" "$base.json" "$repo/report.json"
	fi
	if [ -e "$base.csv" ]; then
		(cd "$repo" && "$bin" report $args --format csv >"$repo/report.csv" \
		    2>/dev/null)
		check "$area/$name.csv" "$base.csv" "$repo/report.csv"
	fi
	if [ -e "$base.txt" ]; then
		(cd "$repo" && "$bin" report $args >"$repo/report.txt" 2>/dev/null)
		check "$area/$name.txt" "$base.txt" "$repo/report.txt"
	fi
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
