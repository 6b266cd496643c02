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

CC        = cc
PKGS      = libcmark yaml-0.1 libzip libutf8proc libxml-2.0
WARN      = -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes \
            -Wwrite-strings -Wshadow -Wpointer-arith
CFLAGS    = -std=c11 -O2 -g $(WARN)
CPPFLAGS  = -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
            -DLP_VERSION='"$(VERSION)"' -DLP_DATADIR='"$(DATADIR)"'
PKG_CFLAGS = `pkg-config --cflags $(PKGS)`
PKG_LIBS   = `pkg-config --libs $(PKGS)`

OBJDIR    = build/obj
SRCS      = buf.c xalloc.c diag.c text.c escape.c path.c strmap.c \
            load_source.c load_yaml.c load_meta.c load_doc.c load_image.c \
            load_repo.c \
            resolve_marks.c resolve_links.c theme.c \
            render_html.c render_pages.c render_report.c render_epub.c \
            render_search.c \
            write_out.c
OBJS      = $(SRCS:%.c=$(OBJDIR)/%.o)
BIN       = bin/lecturepack
# The tool the content rules run; `make -f PATH/Makefile TOOL=...
# packs` builds another content repository's packs with a built tool.
TOOL      = $(BIN)

CURRICULA = $(wildcard curricula/*.yaml)
PACKS     = $(CURRICULA:curricula/%.yaml=build/%/index.html) \
            $(CURRICULA:curricula/%.yaml=build/%.epub)
CONTENT   = $(wildcard lectures/*.md lectures/notes/*.md themes/default/*)

all: $(BIN) packs

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

$(OBJDIR)/%.o: src/%.c $(OBJDIR)/.libs-ok
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BIN): $(OBJS) $(OBJDIR)/main.o
	@mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJDIR)/main.o $(OBJS) $(PKG_LIBS)

# One pack per curriculum; the tool writes the exact inputs it read to a
# dep file, so editing one lecture rebuilds only the packs that use it.
# (A pattern rule with two targets makes both in one run.)
build/%/index.html build/%.epub: curricula/%.yaml $(TOOL)
	$(TOOL) build -o build -M build/.deps/$*.d $<

# A report is still written when some lecture has errors (exit 1): the
# errors are printed, the packs that hold them fail, and the reviewer
# keeps a report (which .DELETE_ON_ERROR would otherwise remove).
build/report.html: $(TOOL) $(CURRICULA) $(CONTENT)
	$(TOOL) report --format html -o $@ || [ $$? -eq 1 ]

report: $(TOOL)
	@$(TOOL) report

# Live preview: rebuild what a saved file touches, print its diagnostics.
watch: $(BIN)
	@sh tests/tools/install-deps.sh watch
	@echo "lecturepack: watching lectures/, curricula/ and themes/ (Ctrl-C stops)"
	@while :; do $(MAKE) --no-print-directory packs || true; \
	    inotifywait -qq -r -e close_write,create,delete,move \
	    lectures curricula themes || exit 1; done

# The test tools: Debian packages (Java for the Nu Html Checker, xmllint,
# node) and the npm packages pinned in tests/package-lock.json.
build/tests/.tools-ok: tests/package.json tests/package-lock.json
	@sh tests/tools/install-deps.sh check
	@if [ ! -f tests/node_modules/vnu-jar/build/dist/vnu.jar ] || \
	    [ ! -d tests/node_modules/playwright-core ] || \
	    [ ! -x tests/node_modules/.bin/ace-cli ]; then \
	    echo "lecturepack: installing the test tools (npm ci in tests/)"; \
	    (cd tests && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit \
	    --no-fund --loglevel=error); fi
	@mkdir -p build/tests && touch $@

build/tests/unit: tests/unit/unit.c $(OBJS)
	@mkdir -p build/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ tests/unit/unit.c $(OBJS) $(PKG_LIBS)

# The same sources under AddressSanitizer and UndefinedBehaviorSanitizer,
# in a folder of their own; make check runs the suite against them too.
ASAN      = -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
ASAN_OBJS = $(SRCS:%.c=build/asan/%.o)

build/asan/%.o: src/%.c $(OBJDIR)/.libs-ok
	@mkdir -p build/asan
	$(CC) $(CPPFLAGS) -std=c11 -O1 -g $(WARN) $(ASAN) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/asan/lecturepack: $(ASAN_OBJS) build/asan/main.o
	$(CC) $(ASAN) -o $@ build/asan/main.o $(ASAN_OBJS) $(PKG_LIBS)

build/asan/unit: tests/unit/unit.c $(ASAN_OBJS)
	$(CC) $(CPPFLAGS) -std=c11 -O1 -g $(ASAN) $(PKG_CFLAGS) -Isrc -o $@ tests/unit/unit.c $(ASAN_OBJS) $(PKG_LIBS)

check: all build/tests/unit build/asan/lecturepack build/asan/unit build/tests/.tools-ok
	@sh tests/run.sh

# Speed and memory against the cmark floor and pandoc (tests/bench/).
bench: $(BIN)
	@sh tests/bench/run.sh

# Fuzz each libFuzzer target for FUZZ_SECONDS (tests/fuzz/README.md).
FUZZ_SECONDS = 300
fuzz:
	@sh tests/tools/install-deps.sh check
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# The suite's tool runs under valgrind (slow; leak-free is the bar).
check-valgrind: all build/tests/unit
	@VALGRIND=1 sh tests/run-valgrind.sh

regen: $(BIN)
	REGEN=1 sh tests/golden.sh
	git diff --stat tests/golden

clean:
	rm -rf build bin

install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes/default/assets \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	cp $(BIN) $(DESTDIR)$(BINDIR)/lecturepack
	cp themes/default/page.html themes/default/labels.yaml themes/default/epub.css \
	    $(DESTDIR)$(DATADIR)/themes/default/
	cp themes/default/assets/* $(DESTDIR)$(DATADIR)/themes/default/assets/
	cp docs/lecturepack.1 $(DESTDIR)$(MANDIR)/man1/
	cp docs/lecturepack.5 $(DESTDIR)$(MANDIR)/man5/

.PHONY: all bench check check-valgrind clean fuzz install packs regen report watch
.DELETE_ON_ERROR:

-include $(wildcard $(OBJDIR)/*.d build/asan/*.d)
-include $(wildcard build/.deps/*.d)
