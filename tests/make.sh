#!/bin/sh
# make.sh - the Makefile contract (SPEC 10): a second make does nothing,
# one edited lecture rebuilds only its packs, make -j2 is safe, clean,
# install with PREFIX and DESTDIR.  Runs in a copy of the repository.
. "$(dirname "$0")/lib.sh"

repo=$tmp/repo
mkdir -p "$repo"
(cd "$top" && tar cf - --exclude=./build --exclude=./bin \
    --exclude=./tests/node_modules --exclude=./.git .) | (cd "$repo" && tar xf -)
# Reuse the built tool (timestamps kept) so make does not compile again.
mkdir -p "$repo/build" && cp -Rp "$top/build/obj" "$repo/build/" && cp -Rp "$top/bin" "$repo/"
m() { make -C "$repo" --no-print-directory "$@"; }

expect "make builds every pack" m
for c in "$repo"/curricula/*.yaml; do
	id=$(basename "$c" .yaml)
	expect "pack $id built" test -s "$repo/build/$id/index.html"
	expect "dep file for $id" test -s "$repo/build/.deps/$id.d"
done
expect "report written" test -s "$repo/build/report.html"

m >"$tmp/second" 2>&1
expect "second make does nothing" grep -q "Nothing to be done" "$tmp/second"
expect "second make runs no command" sh -c "! grep -q 'lecturepack' '$tmp/second'"

# bai-08 is only in the Tu Son pack.
sleep 1
touch "$repo/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md"
m >"$tmp/edit" 2>&1
expect "edited lecture rebuilds its pack" grep -q "build .*dang-vien-moi-tu-son.yaml" "$tmp/edit"
expect "other pack not rebuilt" sh -c "! grep -q 'build .*dang-vien-moi-yen-phong.yaml' '$tmp/edit'"

# A note used by one pack only.
sleep 1
touch "$repo/lectures/notes/yen-phong.md"
m >"$tmp/edit" 2>&1
expect "edited note rebuilds its pack" grep -q "build .*dang-vien-moi-yen-phong.yaml" "$tmp/edit"
expect "note edit leaves the other pack" sh -c "! grep -q 'build .*dang-vien-moi-tu-son.yaml' '$tmp/edit'"

# A warning about a lecture both packs use: printed once by make, in
# file, line and column order, however many runs read the lecture.
sleep 1
cp "$repo/lectures/bai-01-chu-nghia-mac-lenin.md" "$tmp/bai-01.md"
printf '\n## Mục thêm {.xiii\n\nVăn bản.\n\n### Mục phụ {.xii\n' >>"$repo/lectures/bai-01-chu-nghia-mac-lenin.md"
m >"$tmp/once" 2>&1
expect "a warning used by two packs is printed once per make" \
    test "$(grep -c 'bai-01-chu-nghia-mac-lenin.md:[0-9]*:[0-9]*: warning: unclosed attribute block' "$tmp/once")" -eq 2
expect "both packs were rebuilt (and say nothing more)" \
    test "$(grep -c 'lecturepack build' "$tmp/once")" -eq 2
grep 'bai-01-chu-nghia-mac-lenin.md:[0-9]*:' "$tmp/once" | cut -d: -f2 >"$tmp/once.lines"
expect "messages in line order" sh -c "sort -n -c '$tmp/once.lines'"
cp "$tmp/bai-01.md" "$repo/lectures/bai-01-chu-nghia-mac-lenin.md"
m >/dev/null 2>&1

# A theme file rebuilds every pack.
sleep 1
touch "$repo/themes/default/assets/style.css"
m >"$tmp/edit" 2>&1
expect "theme edit rebuilds all packs" test "$(grep -c 'lecturepack build' "$tmp/edit")" -eq 2

# The settings file: creating it rebuilds every pack and the report, with
# its labels; editing it again does too; removing it goes back.
sleep 1
printf 'current: XIV\n' >"$repo/lecturepack.yaml"
m >"$tmp/edit" 2>&1
expect "a new lecturepack.yaml rebuilds all packs" test "$(grep -c 'lecturepack build' "$tmp/edit")" -eq 2
expect "  and the report" grep -q "report --format html" "$tmp/edit"
expect "  which measures against XIV" grep -q "Đại hội XIV" "$repo/build/report.html"
expect "  as the packs' labels do" grep -q "chưa cập nhật XIV" "$repo/build/dang-vien-moi-tu-son/bai-01.html"
m >"$tmp/second" 2>&1
expect "  then make does nothing" grep -q "Nothing to be done" "$tmp/second"
sleep 1
rm "$repo/lecturepack.yaml"
m >"$tmp/edit" 2>&1
expect "removing it rebuilds all packs" test "$(grep -c 'lecturepack build' "$tmp/edit")" -eq 2
expect "  back to XIII" sh -c "! grep -q 'chưa cập nhật XIV' '$repo/build/dang-vien-moi-tu-son/bai-01.html'"

# A failing edit: make fails, the pack stays as it was.
cp "$repo/build/dang-vien-moi-tu-son/bai-08.html" "$tmp/bai-08.before"
cp "$repo/build/dang-vien-moi-tu-son.epub" "$tmp/tu-son.epub.before"
sleep 1
sed -i 's/^hours: .*/hours: năm/' "$repo/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md"
expect "make fails on a content error" sh -c "! make -C '$repo' >/dev/null 2>&1"
expect "failed make leaves the pack" cmp -s "$tmp/bai-08.before" "$repo/build/dang-vien-moi-tu-son/bai-08.html"
expect "and its EPUB (make deletes nothing)" cmp -s "$tmp/tu-son.epub.before" "$repo/build/dang-vien-moi-tu-son.epub"
rm -f "$repo/build/report.html"
expect "make fails on the report's content error too" sh -c "! make -C '$repo' build/report.html >/dev/null 2>&1"
expect "the report is written despite a content error" test -s "$repo/build/report.html"
m >"$tmp/again" 2>&1
expect "the next make shows the errors again" grep -q "bai-08-dan-chu-nha-nuoc-phap-quyen.md:[0-9]*:[0-9]*: error: 'hours'" "$tmp/again"
cp "$top/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md" "$repo/lectures/"

# make watch: saving a lecture rebuilds its pack and shows diagnostics.
if command -v inotifywait >/dev/null 2>&1; then
	(cd "$repo" && exec make --no-print-directory watch) >"$tmp/watch" 2>&1 &
	wpid=$!
	sleep 2
	printf '\n## Thêm {.xii\n' >>"$repo/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md"
	i=0
	while [ $i -lt 40 ] && ! grep -q "unclosed attribute block" "$tmp/watch"; do
		sleep 0.25; i=$((i + 1))
	done
	expect "make watch rebuilds the saved lecture's pack" grep -q "build .*dang-vien-moi-tu-son.yaml" "$tmp/watch"
	expect "make watch prints the diagnostics" grep -q "bai-08-dan-chu-nha-nuoc-phap-quyen.md:[0-9]*:[0-9]*: warning: unclosed attribute block" "$tmp/watch"
	kill $wpid 2>/dev/null; pkill -P $wpid 2>/dev/null; wait $wpid 2>/dev/null
	pkill -f "inotifywait -qq -r -e close_write,create,delete,move lectures" 2>/dev/null
	cp "$top/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md" "$repo/lectures/"
else
	bad "inotifywait missing: make check installs inotify-tools"
fi


# ---- Issue 12: make never loses a pack ----
# A failing pack does not stop the other packs or the report (like
# make -k), make fails, and the next make tries the failed pack again.
sleep 1
touch "$repo/themes/default/assets/style.css"
cp "$repo/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md" "$tmp/b8"
sed -i 's/^title:/titel:/' "$repo/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md"
cp "$repo/build/dang-vien-moi-tu-son.epub" "$tmp/ts.epub"
m >"$tmp/k" 2>&1
expect "a content error fails make" test $? -ne 0
expect "the other pack is still built" grep -q "build .*dang-vien-moi-yen-phong.yaml" "$tmp/k"
expect "and the report" grep -q "report --format html" "$tmp/k"
expect "the failed pack keeps its EPUB" cmp -s "$tmp/ts.epub" "$repo/build/dang-vien-moi-tu-son.epub"
expect "no 'Deleting file'" sh -c "! grep -q 'Deleting' '$tmp/k'"
m >"$tmp/k" 2>&1
expect "the next make tries the failed pack again" grep -q "build .*dang-vien-moi-tu-son.yaml" "$tmp/k"
cp "$tmp/b8" "$repo/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md"
expect "fixed: make passes" m

# File names with spaces, ':', '#', '$' and '%' (lecturepack(5) itself
# names 'Bài 10 bản cũ.md'): built, followed by the dep files, and a
# second make does nothing.
for f in 'Bài 10 bản cũ' 'a:b' 'c#d' 'e$f' 'g%h' 'i*j' 'k$(touch PWNED)l'; do
	id=$(echo "$f" | tr -c 'a-z\n' 'x' | sed 's/^/ten-/')
	sed "s/^id: .*/id: $id/" "$repo/lectures/bai-10-nhiem-vu-dang-vien.md" >"$repo/lectures/$f.md"
	sed -i "s/\\[bai-09, bai-10\\]/[bai-09, bai-10, $id]/" "$repo/curricula/dang-vien-moi-tu-son.yaml"
done
expect "odd file names: make builds" m
expect "a name runs no command" test ! -e "$repo/PWNED"
m >"$tmp/second" 2>&1
expect "odd file names: a second make does nothing" grep -q "Nothing to be done" "$tmp/second"
for f in 'Bài 10 bản cũ' 'a:b' 'c#d' 'e$f' 'g%h' 'i*j' 'k$(touch PWNED)l'; do
	sleep 1
	touch "$repo/lectures/$f.md"
	m >"$tmp/edit" 2>&1
	expect "editing '$f.md' rebuilds its pack" grep -q "build .*dang-vien-moi-tu-son.yaml" "$tmp/edit"
	expect "and the report" grep -q "report --format html" "$tmp/edit"
	rm "$repo/lectures/$f.md"
done
cp "$top/curricula/dang-vien-moi-tu-son.yaml" "$repo/curricula/"
m >/dev/null 2>&1
# A curriculum name make cannot hold is left to the tool, which names it.
cp "$repo/curricula/dang-vien-moi-tu-son.yaml" "$repo/curricula/a b.yaml"
m >"$tmp/k" 2>&1
expect "a curriculum 'a b.yaml': make fails" test $? -ne 0
expect "and the tool says why" grep -q "curricula/a b.yaml: error: the file name 'a b' is not a valid pack id" "$tmp/k"
rm "$repo/curricula/a b.yaml"
expect "removed: make passes again" m

# Two make -j2 at the same time after a source change: both succeed (the
# tool and objects are renamed into place, never run half-written).
sleep 1
touch "$repo/src/buf.c" "$repo/themes/default/assets/style.css"
(make -C "$repo" -j2 >"$tmp/m1" 2>&1; echo $? >"$tmp/m1.rc") &
(make -C "$repo" -j2 >"$tmp/m2" 2>&1; echo $? >"$tmp/m2.rc") &
wait
expect "two makes at once: the first succeeds" test "$(cat "$tmp/m1.rc")" = 0
expect "two makes at once: the second succeeds" test "$(cat "$tmp/m2.rc")" = 0
expect "no 'Text file busy'" sh -c "! grep -q 'busy' '$tmp/m1' '$tmp/m2'"

# Interrupted at several moments (SIGINT, SIGTERM as a terminal or a
# supervisor sends them to the whole job, and SIGKILL): every pack is
# either the old one or the new one, whole, in both formats - the same
# one in both after SIGINT and SIGTERM; after SIGKILL the next run
# finishes what the killed one began, and then it is the same one too.
ir=$tmp/ir
cp -Rp "$repo" "$ir"
rm -rf "$ir/lectures" "$ir/curricula" "$ir/themes" "$ir/build/"*/ "$ir/build/"*.epub
sh "$top/tests/bench/gen.sh" "$ir/gen" >/dev/null
mv "$ir/gen/lectures" "$ir/gen/curricula" "$ir/gen/themes" "$ir/" && rm -rf "$ir/gen"
packs=$(cd "$ir/curricula" && ls | sed 's/\.yaml$//')
# (one md5sum for a pack's files, not a cat each: 25 packs of ~35 files
# are hashed fourteen times)
hash_html() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r md5sum) | md5sum | cut -c1-32; }
state() { # state DIR PACK -> "EPUBHASH HTMLHASH"
	e=$(md5sum <"$1/$2.epub" 2>/dev/null | cut -c1-32)
	echo "${e:-none} $(hash_html "$1/$2" 2>/dev/null)"
}
make -C "$ir" --no-print-directory -j2 packs >/dev/null 2>&1
cp -Rp "$ir/build" "$tmp/old-build"
for p in $packs; do state "$ir/build" "$p" >"$tmp/old-$p"; done
for f in "$ir"/lectures/bai-0[0-9][0-9].md; do printf '\nBản mới.\n' >>"$f"; done
(cd "$ir" && "$bin" build -o "$tmp/new-build" curricula/*.yaml) >/dev/null 2>&1
for p in $packs; do state "$tmp/new-build" "$p" >"$tmp/new-$p"; done
t0=$(date +%s%N)
make -C "$ir" --no-print-directory -j2 packs >/dev/null 2>&1
full=$(( ($(date +%s%N) - t0) / 1000000 ))
for sig in INT TERM KILL; do
	for frac in 15 40 70; do
		rm -rf "$ir/build" && cp -Rp "$tmp/old-build" "$ir/build"
		touch "$ir"/lectures/bai-0[0-9][0-9].md
		# (env: a background job of a script starts with SIGINT ignored.)
		setsid env --default-signal=INT make -C "$ir" --no-print-directory -j2 packs >/dev/null 2>&1 &
		job=$!
		sleep "$(awk "BEGIN { print $full * $frac / 100000 }")"
		kill -s $sig -- -$job 2>/dev/null
		wait $job 2>/dev/null
		sleep 0.2
		broken=0 mixed=0 old=0 new=0
		for p in $packs; do
			set -- $(state "$ir/build" "$p")
			set -- "$1" "$2" $(cat "$tmp/old-$p") $(cat "$tmp/new-$p")
			case $1 in "$3"|"$5") ;; *) broken=$((broken + 1)) ;; esac
			case $2 in "$4"|"$6") ;; *) broken=$((broken + 1)) ;; esac
			if [ "$1 $2" = "$3 $4" ]; then old=$((old + 1))
			elif [ "$1 $2" = "$5 $6" ]; then new=$((new + 1))
			else mixed=$((mixed + 1)); fi
		done
		echo "SIG$sig at $frac% of ${full} ms: $old old, $new new, $mixed mixed, $broken broken"
		expect "SIG$sig at $frac%: every output whole, old or new ($old old, $new new, $broken broken)" test $broken -eq 0
		if [ $sig = KILL ]; then
			(cd "$ir" && "$bin" build -o build curricula/*.yaml) >/dev/null 2>&1
			mixed=0
			for p in $packs; do
				[ "$(state "$ir/build" "$p")" = "$(cat "$tmp/new-$p")" ] || mixed=$((mixed + 1))
			done
			expect "SIGKILL at $frac%: the next run makes every pack the new one ($mixed not)" test $mixed -eq 0
		else
			expect "SIG$sig at $frac%: each pack the same run in both formats ($mixed mixed)" test $mixed -eq 0
			expect "SIG$sig at $frac%: no temporary left" sh -c "! ls -a '$ir/build' | grep -q 'tmp\\|commit'"
		fi
	done
done

rm -rf "$repo/build/dang-vien-moi-tu-son" "$repo/build/dang-vien-moi-yen-phong" "$repo/build/report.html"
expect "make -j2 from scratch" m -j2
expect "make -j2 built both packs" test -s "$repo/build/dang-vien-moi-yen-phong/index.html"
m -j2 >"$tmp/second" 2>&1
expect "make -j2 again does nothing" grep -q "Nothing to be done" "$tmp/second"

expect "make install" m install PREFIX=/usr DESTDIR="$tmp/dest"
expect "installed binary" test -x "$tmp/dest/usr/bin/lecturepack"
expect "installed theme" test -s "$tmp/dest/usr/share/lecturepack/themes/default/page.html"
expect "installed Vietnamese messages" test -s "$tmp/dest/usr/share/locale/vi/LC_MESSAGES/lecturepack.mo"
mkdir -p "$tmp/center" && cp -R "$top/lectures" "$top/curricula" "$tmp/center/"
expect "installed tool finds the installed theme" "$tmp/dest/usr/bin/lecturepack" build -C "$tmp/center" -o out curricula/dang-vien-moi-tu-son.yaml
expect "installed man pages" test -s "$tmp/dest/usr/share/man/man1/lecturepack.1"

expect "make clean" m clean
expect "clean removes build" test ! -e "$repo/build"
expect "clean removes bin" test ! -e "$repo/bin"

finish make
