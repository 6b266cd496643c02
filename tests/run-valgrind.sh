#!/bin/sh
# run-valgrind.sh - make check-valgrind: the unit tests and the golden,
# CLI and EPUB suites with the tool under valgrind's memcheck; any error
# or leak fails the run.  tests/valgrind.supp names the libraries' own
# caches (Pango's fonts), never lecturepack's memory.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
supp=$top/tests/valgrind.supp
logs=$top/build/valgrind
rm -rf "$logs" && mkdir -p "$logs"
# cli.sh runs one case as nobody when run as root: its log goes here too.
chmod 1777 "$logs"
cat >"$logs/lecturepack" <<EOF2
#!/bin/sh
exec valgrind -q --suppressions="$supp" --leak-check=full --show-leak-kinds=definite,indirect,possible \\
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \\
    --log-file="$logs/vg.%p" "$top/bin/lecturepack" "\$@"
EOF2
chmod +x "$logs/lecturepack"
fail=0
valgrind -q --suppressions="$supp" --leak-check=full --error-exitcode=99 "$top/build/tests/unit" >/dev/null || fail=1
for t in golden cli epub; do
	# A suite that fails under valgrind fails the run too.
	line=$(LECTUREPACK=$logs/lecturepack sh "$top/tests/$t.sh" | tail -1)
	echo "$line"
	echo "$line" | grep -q ' 0 failed$' || fail=1
done
# valgrind writes a log per process; an empty log means no error.
for f in "$logs"/vg.*; do
	[ -s "$f" ] || continue
	echo "valgrind: $f"; head -40 "$f"; fail=1
done
if [ "$fail" -eq 0 ]; then echo "valgrind: 1 passed, 0 failed"; else echo "valgrind: 0 passed, 1 failed"; fi
[ "$fail" -eq 0 ]
