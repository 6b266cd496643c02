#!/bin/sh
# shellcheck disable=SC2016,SC2086  # eval'd PREP strings; lists of plain names split on purpose
# run.sh - `make bench`: speed and memory of lecturepack against the cmark
# floor, pandoc and hugo, on the synthetic repository of tests/bench/gen.sh.
#
# Every step runs REPS times (default 5; pandoc PANDOC_REPS times,
# default 3, because it is slow) under /usr/bin/time; the table shows
# the median wall and CPU (user + sys) seconds and the largest peak RSS.
# A second table compares the floor, the full build and hugo on the
# best of their first BEST runs (default 3), the measure of issue 13.
# The tables and the targets of issues 7 and 13 go to standard output
# and to build/bench.txt.  A missed target is printed as NOT MET and the script
# still exits 0: the numbers are the product.  It exits non-zero only
# when a step fails to run.
#
#   REPS=N            repetitions of each step (default 5)
#   PANDOC_REPS=N     repetitions of the pandoc step (default 3, at most REPS)
#   BEST=N            runs the issue 13 table takes the best of (default 3,
#                     at most REPS)
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
# `make bench` exports its own flags; the makes measured here must not
# inherit them (jobserver, -w, the caller's level).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS || true
LC_ALL=C
export LC_ALL

REPS=${REPS:-5}
PANDOC_REPS=${PANDOC_REPS:-3}
BEST=${BEST:-3}
case "$REPS$PANDOC_REPS$BEST" in
*[!0-9]*|'') echo "bench: REPS, PANDOC_REPS and BEST must be numbers" >&2; exit 2;;
esac
[ "$PANDOC_REPS" -le "$REPS" ] || PANDOC_REPS=$REPS
[ "$BEST" -le "$REPS" ] || BEST=$REPS
if [ "$REPS" -lt 1 ] || [ "$PANDOC_REPS" -lt 1 ] || [ "$BEST" -lt 1 ]; then
	echo "bench: REPS, PANDOC_REPS and BEST must be at least 1" >&2
	exit 2
fi

B=$top/build/bench		# everything the bench writes
R=$B/repo			# the synthetic content repository
W=$B/work			# timings, logs and outputs
TOOL=$top/bin/lecturepack
MAKE_PACKS="make -C $R -f $top/Makefile TOOL=$TOOL --no-print-directory"
t_start=$(date +%s)
load_start=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')

say() { echo "bench: $*" >&2; }
fail() { echo "bench: error: $*" >&2; exit 1; }

# --- tools ----------------------------------------------------------------
# Debian packages (GNU time, cmark, zip, pandoc, make, hugo), installed
# when missing by tests/tools/install-deps.sh, as the rest of the project's.
sh tests/tools/install-deps.sh bench || fail "the bench's tools could not be installed"
[ -x "$TOOL" ] || fail "$TOOL is missing; run make first (make bench does)"

# --- the repository (regenerated only when gen.sh or the themes change) ---
# shellcheck disable=SC2046
stamp=$(cat tests/bench/gen.sh $(find themes -type f | sort) | cksum)
if [ ! -f "$R/.gen-stamp" ] || [ "$(cat "$R/.gen-stamp")" != "$stamp" ]; then
	say "generating the repository in build/bench/repo"
	rm -rf "$R"
	sh tests/bench/gen.sh "$R" || fail "gen.sh failed"
	echo "$stamp" > "$R/.gen-stamp"
fi
# Nothing is deleted while steps are measured: on an ext4 without a
# journal (this project's VMs), creating a file scans the inodes freed
# in the last 60 s, 360 s while their inode table block is dirty (ext4's
# recently_deleted()), and creating files keeps those blocks dirty: a
# build after thousands of files were deleted pays for them in system
# time, an artefact of the deletion, not of the tool.  Measured here:
# 1 000 files cost 0.70 s of system time 5 s after 15 000 were deleted
# and synced, 0.16-0.25 s one or two minutes after, 0.03 s four minutes
# after.  The last run's folder and each step's previous output are
# moved aside (a rename frees no inode) and deleted at the end, then
# synced; a bench that starts less than 361 s after that waits for the
# rest.  The cost right after a deletion is still measured, last, for
# information.
# Whether the file system of the bench has a journal (see above).
journal_note() {
	j_dev=$(df -P "$B" 2>/dev/null | awk 'NR == 2 { sub(".*/", "", $1); print $1 }')
	if [ -r "/sys/fs/ext4/$j_dev/journal_task" ]; then
		case $(cat "/sys/fs/ext4/$j_dev/journal_task") in
		"<none>"|"") echo "as here: $j_dev has none";;
		*) echo "not here: $j_dev has one";;
		esac
	else
		echo "not here: not ext4"
	fi
}
T=$B/trash.$$			# moved aside, deleted at the end
deleted_at=$B/.deleted-at	# when the last bench deleted its files
# Deletes what is given, syncs and notes the time.
delete_noted() {
	rm -rf "$@"
	sync
	date +%s > "$deleted_at"
}
set -- "$B"/trash.*		# left by a bench that failed
[ ! -e "$1" ] || delete_noted "$@"
if [ -f "$deleted_at" ]; then
	case $(journal_note) in
	"as here"*)
		left=$(( $(cat "$deleted_at") + 361 - $(date +%s) ))
		if [ "$left" -gt 0 ]; then
			say "waiting $left s: the last bench deleted its files less than 6 minutes ago (see tests/bench/run.sh)"
			sleep "$left"
		fi;;
	esac
fi
mkdir -p "$T"
[ ! -d "$W" ] || mv "$W" "$T/work"
mkdir -p "$W"
aside() { [ ! -e "$1" ] || mv "$1" "$T/$(basename "$1").$m_i"; }
"$TOOL" check -C "$R" 2>"$W/check.err" ||
	{ cat "$W/check.err" >&2; fail "the generated repository does not pass lecturepack check"; }
check_warnings=$(grep -c 'warning:' "$W/check.err" || true)

curricula=$(cd "$R" && echo curricula/*.yaml)
# shellcheck disable=SC2086
n_packs=$(echo $curricula | wc -w)
subset="curricula/khoa-01.yaml curricula/khoa-02.yaml"

# Sizes (MB = 10^6 bytes).
bytes() { cat "$@" | wc -c; }
mb() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1e6 }'; }
lectures_of() {			# the lecture files of curricula (repeats kept)
	for c in "$@"; do
		grep -o 'bai-[0-9][0-9]*' "$R/$c" | sed "s|.*|$R/lectures/&.md|"
	done
}
corpus_b=$(bytes "$R"/lectures/*.md)
n_lectures=$(find "$R/lectures" -maxdepth 1 -name '*.md' | wc -l)
# shellcheck disable=SC2046,SC2086
pack_b=$(bytes $(lectures_of $curricula))
# shellcheck disable=SC2046,SC2086
subset_b=$(bytes $(lectures_of $subset))
n_subset=$(lectures_of $subset | wc -l)

# The floor's input: the lecture bodies, front matter stripped (untimed).
mkdir -p "$W/floor/body" "$W/floor/html"
awk -v D="$W/floor/body" '
FNR == 1 { if (out) close(out); n = FILENAME; sub(/.*\//, "", n)
	   out = D "/" n; fm = ($0 == "---"); if (fm) next }
fm && ($0 == "---" || $0 == "...") { fm = 0; next }
!fm { print > out }' "$R"/lectures/*.md
body_b=$(bytes "$W"/floor/body/*.md)

# The peer of issue 13: hugo (Debian's) building the same 500 lectures
# as an HTML site (untimed set-up).  A minimal site in W/hugo: no theme,
# nothing fetched; one layout puts .Content in a page, the home page
# lists the lectures; the lectures are copied as they are (hugo reads
# their YAML front matter; nothing in it needs converting).  Feeds,
# sitemap, taxonomies and 404 are off: lecturepack writes none of them.
mkdir -p "$W/hugo/content" "$W/hugo/layouts/_default"
cp "$R"/lectures/*.md "$W/hugo/content/"
cat > "$W/hugo/config.toml" <<'EOF'
baseURL = "http://localhost/"
languageCode = "vi"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
EOF
cat > "$W/hugo/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
{{ .Content }}
</main></body></html>
EOF
cat > "$W/hugo/layouts/index.html" <<'EOF'
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body><ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
EOF

# --- measuring --------------------------------------------------------------
# measure NAME REPS PREP POST CMD...: REPS times, PREP (eval'd, untimed),
# CMD under /usr/bin/time (its stdout to W/NAME.out, stderr to
# W/NAME.err), then POST (eval'd).  W/NAME.t gets "wall user sys maxrss".
measure() {
	m_name=$1 m_reps=$2 m_prep=$3 m_post=$4
	shift 4
	: > "$W/$m_name.t"
	m_i=0
	say "$m_name ($m_reps runs)"
	while [ "$m_i" -lt "$m_reps" ]; do
		eval "$m_prep" || fail "$m_name: preparation failed"
		if ! /usr/bin/time -o "$W/time.out" -f '%e %U %S %M' \
		    "$@" >"$W/$m_name.out" 2>"$W/$m_name.err"; then
			tail -20 "$W/$m_name.err" >&2
			fail "$m_name: command failed: $*"
		fi
		tail -1 "$W/time.out" >> "$W/$m_name.t"
		eval "$m_post" || fail "$m_name: check after the run failed"
		m_i=$((m_i + 1))
	done
}
# stats NAME: prints "median-wall median-cpu peak-MB"
stats() {
	awk '{ print $1, $2 + $3, $4 }' "$W/$1.t" | awk '
	{ w[NR] = $1; c[NR] = $2; if ($3 > p) p = $3 }
	function med(a, n,  i, j, t) {
		for (i = 2; i <= n; i++)	# insertion sort, n is small
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END { printf "%.3f %.3f %.1f\n", med(w, NR), med(c, NR), p / 1024 }'
}
# best NAME: prints "best-wall best-cpu best-peak-MB" of the first BEST
# runs, each the smallest of its column (the run least disturbed by the
# rest of a shared machine).
best() {
	head -n "$BEST" "$W/$1.t" | awk '
	{ c = $2 + $3
	  if (NR == 1 || $1 < w) w = $1
	  if (NR == 1 || c < u) u = c
	  if (NR == 1 || $4 < p) p = $4 }
	END { printf "%.3f %.3f %.1f\n", w, u, p / 1024 }'
}
field() { echo "$1" | awk -v i="$2" '{ print $i }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }

# 1. Floor: cmark over all bodies in one process (the parse + render work;
#    cmark writes one HTML stream), then zip -6 of per-lecture HTML files.
#    cmark as 500 processes, one per file, is kept for information (and
#    writes the HTML files that zip compresses).
measure cmark "$REPS" : : cmark "$W"/floor/body/*.md
measure cmark500 "$REPS" : : sh -c '
	d=$1; for f in "$d"/body/*.md; do n=${f##*/}
	cmark "$f" > "$d/html/${n%.md}.html" || exit 1; done' sh "$W/floor"
html_b=$(bytes "$W"/floor/html/*.html)
measure zip "$REPS" 'rm -f "$W/floor/floor.zip"' : \
    sh -c 'cd "$1" && exec zip -6 -q -r floor.zip html' sh "$W/floor"

# 2. lecturepack: every pack, HTML + EPUB, one process.
# shellcheck disable=SC2086
measure full "$REPS" 'aside "$W/out-full"' : \
    "$TOOL" build -C "$R" -o "$W/out-full" $curricula
full_warnings=$(grep -c 'warning:' "$W/full.err" || true)
n_epub=$(find "$W/out-full" -maxdepth 1 -name "*.epub" | wc -l)
[ "$n_epub" -eq "$n_packs" ] || fail "full build wrote $n_epub EPUBs, not $n_packs"

# 2b. hugo: the 500 lectures as an HTML site, from a clean public/, its
#     cache in the bench's folder (no network: no theme, no module).
hugo_check() {
	h_n=$(find "$W/hugo/public" -mindepth 2 -name index.html | wc -l)
	[ "$h_n" -eq "$n_lectures" ] ||
		{ say "hugo wrote $h_n lecture pages, not $n_lectures"; return 1; }
	[ ! -s "$W/hugo.err" ] || { cat "$W/hugo.err" >&2; return 1; }
}
measure hugo "$REPS" 'aside "$W/hugo/public"' hugo_check \
    hugo --quiet --noBuildLock --source "$W/hugo" \
    --destination "$W/hugo/public" --cacheDir "$W/hugo/cache"

# 3. make -j2 from a clean build/ (the packs, one process each, + report).
# shellcheck disable=SC2086
measure make "$REPS" 'aside "$R/build"' : $MAKE_PACKS -j2 packs

# 4. No-op make: must print nothing but make's "Nothing to be done".
noop_bad=0
noop_check() {
	if [ "$(cat "$W/noop.out" "$W/noop.err")" != \
	    "make: Nothing to be done for 'packs'." ]; then
		noop_bad=$((noop_bad + 1))
		cat "$W/noop.out" "$W/noop.err" > "$W/noop-bad.out"
	fi
}
# shellcheck disable=SC2086
measure noop "$REPS" : noop_check $MAKE_PACKS packs

# 5. One edit: touch a lecture in exactly 2 packs (else 1) and make.
edit=$(cd "$R" && grep -ow 'bai-[0-9][0-9]*' $curricula | sed 's/.*://' |
    sort | uniq -c | awk '$1 == 2 { print $2; exit }')
[ -n "$edit" ] || edit=$(cd "$R" && grep -ow 'bai-[0-9][0-9]*' $curricula |
    sed 's/.*://' | sort | uniq -c | awk '$1 == 1 { print $2; exit }')
[ -n "$edit" ] || fail "no lecture is in exactly one or two packs"
edit_packs=$(cd "$R" && grep -lw "$edit" $curricula | wc -l)
edit_runs=""
edit_bad=0
edit_touch() { touch "$R/lectures/$edit.md"; }
edit_check() {
	e_n=$(grep -c "lecturepack build " "$W/edit.out" || true)
	edit_runs="$edit_runs $e_n"
	[ "$e_n" -eq "$edit_packs" ] || edit_bad=$((edit_bad + 1))
}
# shellcheck disable=SC2086
measure edit "$REPS" edit_touch edit_check $MAKE_PACKS packs
edit_report=$(grep -c "lecturepack report " "$W/edit.out" || true)

# 6. Peer: pandoc, one process per HTML page and one per EPUB, for the
#    lectures of 2 packs; lecturepack building the same 2 packs.
{
	echo 'set -e'
	for c in $subset; do
		p=$(basename "$c" .yaml)
		echo "mkdir -p \"\$1/$p\""
		for f in $(lectures_of "$c"); do
			n=$(basename "$f" .md)
			echo "pandoc -s '$f' -o \"\$1/$p/$n.html\""
		done
		echo "pandoc -o \"\$1/$p.epub\" $(lectures_of "$c" | tr '\n' ' ')"
	done
} > "$W/pandoc.sh"
measure pandoc "$PANDOC_REPS" 'aside "$W/out-pandoc"' : \
    sh "$W/pandoc.sh" "$W/out-pandoc"
# shellcheck disable=SC2086
measure subset "$REPS" 'aside "$W/out-subset"' : \
    "$TOOL" build -C "$R" -o "$W/out-subset" $subset

# 7. The reviewer report over every lecture; check (parse + verify) too.
measure report "$REPS" : : "$TOOL" report -C "$R"
measure check "$REPS" : : "$TOOL" check -C "$R"
# 8. Last (its deletions would weigh on every step after it): the full
#    build right after deleting its previous output, as steps 1-7 never
#    are (see T above).
# shellcheck disable=SC2086
measure full_rm "$REPS" 'rm -rf "$W/out-full"' : \
    "$TOOL" build -C "$R" -o "$W/out-full" $curricula

# --- the table ---------------------------------------------------------------
s_cmark=$(stats cmark) s_cmark500=$(stats cmark500) s_zip=$(stats zip)
s_full=$(stats full) s_make=$(stats make) s_noop=$(stats noop)
s_edit=$(stats edit) s_pandoc=$(stats pandoc) s_subset=$(stats subset)
s_report=$(stats report) s_check=$(stats check) s_hugo=$(stats hugo)
s_full_rm=$(stats full_rm)
floor_wall=$(awk -v a="$(field "$s_cmark" 1)" -v b="$(field "$s_zip" 1)" 'BEGIN { printf "%.3f", a + b }')
floor_cpu=$(awk -v a="$(field "$s_cmark" 2)" -v b="$(field "$s_zip" 2)" 'BEGIN { printf "%.3f", a + b }')
floor_peak=$(awk -v a="$(field "$s_cmark" 3)" -v b="$(field "$s_zip" 3)" 'BEGIN { printf "%.1f", (a > b ? a : b) }')
floor500_cpu=$(awk -v a="$(field "$s_cmark500" 2)" -v b="$(field "$s_zip" 2)" 'BEGIN { printf "%.3f", a + b }')

# row LABEL WALL CPU PEAK INPUT-BYTES LP/FLOOR PANDOC/LP
row() {
	awk -v l="$1" -v w="$2" -v c="$3" -v p="$4" -v b="$5" -v r1="$6" -v r2="$7" 'BEGIN {
		mbs = (b != "" && w > 0) ? sprintf("%.1f", b / 1e6 / w) : "-"
		mbi = b != "" ? sprintf("%.2f", b / 1e6) : "-"
		printf "%-38s %8.3f %8.3f %8.1f %8s %8s %9s %9s\n", l, w, c, p, mbi, mbs, r1, r2 }'
}
full_cpu=$(field "$s_full" 2)
make_cpu=$(field "$s_make" 2)
ratio_full=$(div "$full_cpu" "$floor_cpu")
ratio_make=$(div "$make_cpu" "$floor_cpu")
ratio_peer_wall=$(div "$(field "$s_pandoc" 1)" "$(field "$s_subset" 1)")
ratio_peer_cpu=$(div "$(field "$s_pandoc" 2)" "$(field "$s_subset" 2)")

ok() { if awk "BEGIN { exit !($1) }"; then echo "MET    "; else echo "NOT MET"; fi; }
t_full=$(ok "$full_cpu <= 2 * $floor_cpu")
t_peer=$(ok "$ratio_peer_wall >= 50")
t_mem=$(ok "$(field "$s_full" 3) <= 64")
t_noop=$(ok "$(field "$s_noop" 1) <= 0.050 && $noop_bad == 0")
t_edit=$(ok "$edit_bad == 0")
t_report=$(ok "$(field "$s_report" 2) <= 0.2 * $full_cpu")

# Issue 13: the best of BEST runs of the floor, the full build and hugo.
b_cmark=$(best cmark) b_zip=$(best zip) b_full=$(best full) b_hugo=$(best hugo)
b_floor=$(echo "$b_cmark $b_zip" | awk '{ printf "%.3f %.3f %.1f\n", $1 + $4, $2 + $5, ($3 > $6 ? $3 : $6) }')
b_ratio_cpu=$(div "$(field "$b_full" 2)" "$(field "$b_floor" 2)")
b_ratio_wall=$(div "$(field "$b_full" 1)" "$(field "$b_hugo" 1)")
t13_cpu=$(ok "$(field "$b_full" 2) <= 1.5 * $(field "$b_floor" 2)")
t13_wall=$(ok "$(field "$b_full" 1) <= $(field "$b_hugo" 1)")
# row13 LABEL WALL CPU PEAK
row13() {
	awk -v l="$1" -v w="$2" -v c="$3" -v p="$4" 'BEGIN {
		printf "%-42s %8.3f %8.3f %8.1f\n", l, w, c, p }'
}

cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem_gb=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src Makefile 2>/dev/null)" ]; then
	rev="$rev + uncommitted changes in src/ or Makefile"
fi

{
echo "lecturepack benchmark (make bench, tests/bench/) - $(date -u +%Y-%m-%d)"
echo
echo "machine:   $(nproc) cores, ${cpu_model:-unknown CPU}, $mem_gb GiB RAM, Linux $(uname -r)"
echo "load:      1-minute load average $load_start before the runs, $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?') after them (the bench adds"
echo "           about 1; more means other work shared the cores: every number, ratios too, is disturbed)"
echo "tools:     libcmark $(pkg-config --modversion libcmark 2>/dev/null || echo '?'), $(cmark --version | head -1 | sed 's/ - .*//'), $(pandoc --version | head -1), $(zip -v | sed -n 2p | sed 's/^This is //; s/ (.*//'), $(make --version | head -1),"
echo "           $(hugo version | sed 's/^hugo //; s/-[0-9a-f]*+/+/; s/ .*//; s/^/hugo /')"
echo "tool:      $("$TOOL" --version | head -1), commit $rev"
echo "input:     $n_lectures lectures, $(mb "$corpus_b") MB ($(mb "$body_b") MB of bodies without front matter),"
echo "           $n_packs curricula of 20 lectures ($(mb "$pack_b") MB of lectures in packs, repeats counted)"
echo "runs:      median of $REPS runs (pandoc: $PANDOC_REPS runs, to keep make bench short); peak = largest"
echo "           peak RSS of any run (of the largest process, for a shell or make); MB = 10^6 bytes"
echo
printf "%-38s %8s %8s %8s %8s %8s %9s %9s\n" "step" "wall s" "CPU s" "peak MB" "in MB" "MB/s" "lp/floor" "pandoc/lp"
printf "%-38s %8s %8s %8s %8s %8s %9s %9s\n" "----" "------" "-----" "-------" "-----" "----" "--------" "---------"
row "floor: cmark, 1 process, 500 bodies" $s_cmark "$body_b" - -
row "floor: zip -6 of the 500 HTML files" $s_zip "$html_b" - -
row "floor: cmark + zip" "$floor_wall" "$floor_cpu" "$floor_peak" "$body_b" - -
row "(info) cmark, 500 processes" $s_cmark500 "$body_b" - -
row "lecturepack build, 25 packs, 1 proc" $s_full "$pack_b" "$ratio_full" -
row "make -j2 packs (clean build/)" $s_make "$pack_b" "$ratio_make" -
row "make, nothing changed" $s_noop "" - -
row "make after touching $edit" $s_edit "" - -
row "pandoc, 2 packs ($n_subset pages + 2 EPUBs)" $s_pandoc "$subset_b" - "$ratio_peer_wall"
row "lecturepack build, the same 2 packs" $s_subset "$subset_b" - -
row "lecturepack report (text), 500 lect." $s_report "$corpus_b" - -
row "(info) lecturepack check, 500 lect." $s_check "$corpus_b" - -
row "hugo, 500 lectures, HTML only" $s_hugo "$corpus_b" - -
row "(info) build right after rm -rf of it" $s_full_rm "$pack_b" "$(div "$(field "$s_full_rm" 2)" "$floor_cpu")" -
echo
echo "notes:"
echo "- lp/floor is CPU over CPU; pandoc/lp is wall over wall (CPU over CPU: $ratio_peer_cpu)."
echo "- The floor is one cmark process (the parse + render work, as issue 7 measures it); cmark"
echo "  run once per file costs $(field "$s_cmark500" 2) s CPU, mostly process start-up (floor with it:"
echo "  $floor500_cpu s CPU; lecturepack/that = $(div "$full_cpu" "$floor500_cpu"))."
echo "- make -j2 runs one lecturepack per pack plus the HTML report (build/report.html)."
echo "- make after the edit rebuilt packs in each run:$edit_runs (expected $edit_packs: the packs"
echo "  containing $edit), and the report $edit_report time(s)."
echo "- pandoc: 'pandoc -s LECTURE.md -o PAGE.html' per lecture, 'pandoc -o PACK.epub LECTURES...' per"
echo "  pack; it does not resolve [[...]] links or write note pages, lecturepack does."
echo "- hugo: a minimal site (no theme; one layout putting .Content in a page, a home page listing"
echo "  the lectures; no feeds, sitemap or taxonomies) with the 500 lectures as content/*.md; all"
echo "  cores (hugo's own parallelism), HTML only: no EPUB, notes, search, contents or links checked."
echo "- Every step writes into folders never used before, and this script deleted no file in the"
echo "  6 minutes before the steps.  On an ext4 without a journal ($(journal_note)),"
echo "  creating a file scans the inodes freed in the last 1-6 minutes, so a build right after"
echo "  deleting its previous output (the '(info) build right after rm -rf' row, measured last)"
echo "  pays system time for that deletion; so does any step after deletions by other programs."
if [ "$noop_bad" -ne 0 ]; then
	echo "- the no-op make printed more than 'Nothing to be done' in $noop_bad run(s):"
	sed 's/^/    /' "$W/noop-bad.out" | head -5
fi
[ "$check_warnings" -eq 0 ] || echo "- lecturepack check: $check_warnings warning(s) on the generated repository"
[ "$full_warnings" -eq 0 ] || echo "- lecturepack build: $full_warnings warning(s) on the generated repository"
echo
echo "targets (issue 7):"
echo "  $t_full full build CPU <= 2 x floor CPU: $full_cpu s vs 2 x $floor_cpu s (ratio $ratio_full)"
echo "  $t_peer >= 50 x faster than pandoc on 2 packs: $ratio_peer_wall x (wall)"
echo "  $t_mem peak memory of the full build <= 64 MB: $(field "$s_full" 3) MB"
echo "  $t_noop no-op make <= 50 ms, printing nothing else: $(field "$s_noop" 1) s"
echo "  $t_edit one edit rebuilds only the packs containing it: runs$edit_runs, expected $edit_packs"
echo "  $t_report report <= 0.2 x full build (CPU): $(field "$s_report" 2) s vs 0.2 x $full_cpu s (ratio $(div "$(field "$s_report" 2)" "$full_cpu"))"
echo
echo "issue 13: best of $BEST runs (the smallest wall, CPU and peak of the first $BEST, each)"
echo
printf "%-42s %8s %8s %8s\n" "step" "wall s" "CPU s" "peak MB"
printf "%-42s %8s %8s %8s\n" "----" "------" "-----" "-------"
row13 "floor: cmark + zip -6 (500 bodies)" $b_floor
row13 "lecturepack build, 25 packs, HTML + EPUB" $b_full
row13 "hugo, 500 lectures, HTML only" $b_hugo
echo
echo "targets (issue 13):"
echo "  $t13_cpu full build CPU <= 1.5 x floor CPU: $(field "$b_full" 2) s vs 1.5 x $(field "$b_floor" 2) s (ratio $b_ratio_cpu)"
echo "  $t13_wall full build wall <= hugo wall: $(field "$b_full" 1) s vs $(field "$b_hugo" 1) s (ratio $b_ratio_wall)"
echo
echo "bench time: $(( $(date +%s) - t_start )) s"
} > "$W/bench.txt"
cp "$W/bench.txt" "$top/build/bench.txt"
delete_noted "$T"
cat "$top/build/bench.txt"
