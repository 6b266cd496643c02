#!/bin/sh
# install-deps.sh - installs the Debian packages a step needs, if missing.
#
#   install-deps.sh build   the C libraries (librsvg and cairo draw SVG
#                           covers as PNG), pkg-config and msgfmt
#   install-deps.sh check   the test tools (Java, xmllint, node, unzip,
#                           cmark's and cmark-gfm's commands, EPUBCheck,
#                           chromium, poppler's pdftotext and pdfinfo,
#                           inotifywait, clang and its libFuzzer runtime,
#                           pandoc for import)
#   install-deps.sh pdf     chromium, for make pdf
#   install-deps.sh watch   inotifywait, for make watch
#   install-deps.sh bench   what make bench runs beside the tool: GNU
#                           time, cmark, zip, pandoc, make and hugo
#
# Nothing happens when everything is there.  Otherwise the missing
# packages are named and installed with apt-get (through sudo when not
# root); on other systems the script says what to install and fails.
set -eu

need=""
case "${1:-build}" in
build)
	command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
	command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
	command -v msgfmt >/dev/null 2>&1 || need="$need gettext"
	for pair in libcmark:libcmark-dev yaml-0.1:libyaml-dev \
	    libzip:libzip-dev libdeflate:libdeflate-dev \
	    libutf8proc:libutf8proc-dev libidn2:libidn2-dev \
	    libxml-2.0:libxml2-dev librsvg-2.0:librsvg2-dev cairo:libcairo2-dev; do
		pc=${pair%%:*} deb=${pair#*:}
		if ! pkg-config --exists "$pc" 2>/dev/null; then
			need="$need $deb"
		fi
	done
	;;
check)
	command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
	command -v xmllint >/dev/null 2>&1 || need="$need libxml2-utils"
	command -v node >/dev/null 2>&1 || need="$need nodejs"
	command -v npm >/dev/null 2>&1 || need="$need npm"
	command -v python3 >/dev/null 2>&1 || need="$need python3"
	command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
	command -v unzip >/dev/null 2>&1 || need="$need unzip"
	command -v cmark >/dev/null 2>&1 || need="$need cmark"
	command -v cmark-gfm >/dev/null 2>&1 || need="$need cmark-gfm"
	command -v script >/dev/null 2>&1 || need="$need bsdutils"
	[ -f /usr/share/java/epubcheck.jar ] || need="$need epubcheck"
	[ -x /usr/bin/chromium ] || need="$need chromium"
	command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
	command -v inotifywait >/dev/null 2>&1 || need="$need inotify-tools"
	command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
	command -v clang >/dev/null 2>&1 || need="$need clang"
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
	    >/dev/null 2>&1 || need="$need libclang-rt-14-dev"
	;;
pdf)
	[ -x /usr/bin/chromium ] || need="$need chromium"
	;;
watch)
	command -v inotifywait >/dev/null 2>&1 || need="$need inotify-tools"
	;;
bench)
	[ -x /usr/bin/time ] || need="$need time"
	command -v cmark >/dev/null 2>&1 || need="$need cmark"
	command -v zip >/dev/null 2>&1 || need="$need zip"
	command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
	command -v make >/dev/null 2>&1 || need="$need make"
	command -v hugo >/dev/null 2>&1 || need="$need hugo"
	;;
esac
[ -n "$need" ] || exit 0

echo "lecturepack: missing packages:$need"
if ! command -v apt-get >/dev/null 2>&1; then
	echo "lecturepack: install them with your system's package manager" >&2
	exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
	sudo=sudo
fi
echo "lecturepack: running: $sudo apt-get install -y$need"
$sudo apt-get update -q || true
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $need
