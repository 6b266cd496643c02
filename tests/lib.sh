# lib.sh - shared helpers for the shell test scripts (sourced).
# Each script counts its checks and ends with `finish NAME`, which
# prints "NAME: N passed, N failed" and sets the exit status.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${LECTUREPACK:-$top/bin/lecturepack}
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# expect WHAT COND-COMMAND...: passes when the command succeeds.
expect() {
	what=$1; shift
	if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi
}

# expect_exit WHAT N COMMAND...: the command exits with status N.
expect_exit() {
	what=$1 want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		bad "$what: exit $got, wanted $want"
		head -5 "$tmp/err"
	fi
}

# vi_locale: makes sure the locale vi_VN.UTF-8 exists for vi_run, made
# with localedef into $tmp when the system has none (no root needed).
vi_locale() {
	[ -z "${vi_ready:-}" ] || return 0
	vi_ready=1
	if ! locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
		mkdir -p "$tmp/locale"
		localedef -i vi_VN -f UTF-8 "$tmp/locale/vi_VN.UTF-8" \
		    >/dev/null 2>&1 || echo "vi_locale: localedef failed" >&2
		LOCPATH=$tmp/locale
		export LOCPATH
	fi
}

# vi_run COMMAND...: runs it with Vietnamese chosen the way a user does.
vi_run() {
	env LANGUAGE= LC_ALL= LC_MESSAGES= LANG=vi_VN.UTF-8 "$@"
}

# A copy of the repository's content (lectures, curricula, themes).
sample_repo() {
	mkdir -p "$1"
	(cd "$top" && cp -R lectures curricula themes "$1/")
}

finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# ace_run EPUB OUTDIR: Ace by DAISY on EPUB, its report in OUTDIR, its
# log in OUTDIR.log.  A run that fails (Ace could not start its
# browser on a loaded machine) is tried once more; a finding is in the
# report, which the caller reads.
ace_run() {
	mkdir -p "$2"
	PUPPETEER_EXECUTABLE_PATH=${CHROMIUM:-/usr/bin/chromium} \
	    "$top/tests/node_modules/.bin/ace-cli" --silent --force \
	    --outdir "$2" "$1" >"$2.log" 2>&1 && return 0
	sleep 2
	PUPPETEER_EXECUTABLE_PATH=${CHROMIUM:-/usr/bin/chromium} \
	    "$top/tests/node_modules/.bin/ace-cli" --silent --force \
	    --outdir "$2" "$1" >>"$2.log" 2>&1
}
