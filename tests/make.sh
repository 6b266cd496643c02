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

# A theme file rebuilds every pack.
sleep 1
touch "$repo/themes/default/assets/style.css"
m >"$tmp/edit" 2>&1
expect "theme edit rebuilds all packs" test "$(grep -c 'lecturepack build' "$tmp/edit")" -eq 2

# A failing edit: make fails, the pack stays as it was.
cp "$repo/build/dang-vien-moi-tu-son/bai-08.html" "$tmp/bai-08.before"
sleep 1
sed -i 's/^hours: .*/hours: năm/' "$repo/lectures/bai-08-dan-chu-nha-nuoc-phap-quyen.md"
expect "make fails on a content error" sh -c "! make -C '$repo' >/dev/null 2>&1"
expect "failed make leaves the pack" cmp -s "$tmp/bai-08.before" "$repo/build/dang-vien-moi-tu-son/bai-08.html"
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

rm -rf "$repo/build/dang-vien-moi-tu-son" "$repo/build/dang-vien-moi-yen-phong" "$repo/build/report.html"
expect "make -j2 from scratch" m -j2
expect "make -j2 built both packs" test -s "$repo/build/dang-vien-moi-yen-phong/index.html"
m -j2 >"$tmp/second" 2>&1
expect "make -j2 again does nothing" grep -q "Nothing to be done" "$tmp/second"

expect "make install" m install PREFIX=/usr DESTDIR="$tmp/dest"
expect "installed binary" test -x "$tmp/dest/usr/bin/lecturepack"
expect "installed theme" test -s "$tmp/dest/usr/share/lecturepack/themes/default/page.html"
mkdir -p "$tmp/center" && cp -R "$top/lectures" "$top/curricula" "$tmp/center/"
expect "installed tool finds the installed theme" "$tmp/dest/usr/bin/lecturepack" build -C "$tmp/center" -o out curricula/dang-vien-moi-tu-son.yaml
expect "installed man pages" test -s "$tmp/dest/usr/share/man/man1/lecturepack.1"

expect "make clean" m clean
expect "clean removes build" test ! -e "$repo/build"
expect "clean removes bin" test ! -e "$repo/bin"

finish make
