#!/usr/bin/env python3
"""pathological.py - hostile and huge inputs, in the style of cmark's
test/pathological_tests.py.

Each case writes one lecture (lectures/NAME.md) into a fresh temporary
content repository, with curricula/t.yaml listing it and a copy of the
project's themes/, and runs

    LECTUREPACK build -C REPO -o out curricula/t.yaml

in its own process group with a time bound (5 s unless the case sets its
own).  A case passes when the run

  - finishes within its bound;
  - peaks at no more than 256 MB of resident memory (PATHOLOGICAL_RSS_MB;
    not checked for sanitizer builds, whose shadow memory inflates it);
  - exits 0, 1 or 2 - never a signal (crash, stack overflow, abort);
  - says something on stderr when it exits 1 or 2;
  - keeps stderr and the output folder bounded (no diagnostic floods, no
    output amplification);
  - when it exits 0, has written out/t/index.html, out/t/NAME.html and
    out/t.epub;
  - prints no sanitizer report.

Exit 1 or 2 with a message counts as a pass: refusing an input quickly is a
correct answer to most of these (cases marked must_build are valid content
and must exit 0).  The "-under-cap" cases sit just below the limits of
SECURITY.md so the parsing paths themselves stay timed, not only the
refusal; the "dense-" cases are node-dense Markdown just under the input
size limit.

    python3 tests/pathological.py                 # the whole suite
    python3 tests/pathological.py yaml nested     # cases whose name contains a word
    python3 tests/pathological.py --scale 0.5     # every case at half size
    python3 tests/pathological.py --scaling       # also at 2x size: time ratio
    python3 tests/pathological.py --cmark         # also time `cmark` on the body
    python3 tests/pathological.py --list

Environment: LECTUREPACK (default bin/lecturepack under the repository
root), CMARK (default cmark), PATHOLOGICAL_TIMEOUT (default bound, seconds),
PATHOLOGICAL_SCALE, PATHOLOGICAL_MEM_MB (address-space limit for the tool,
default 4096; 0 for none; ignored for sanitizer builds), PATHOLOGICAL_RSS_MB
(the peak-memory bound, default 256; 0 for none).

Standard library only.
"""

import argparse
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KB = 1024
MB = 1024 * 1024

# --------------------------------------------------------------------------
# Input material


def fm(title="Bài kiểm tra", extra=""):
    """A small valid front matter block."""
    return '---\ntitle: "%s"\n%s---\n\n' % (title, extra)


WORDS = ("Đảng Cộng sản Việt Nam lãnh đạo toàn diện sự nghiệp đổi mới xây dựng "
         "chỉnh đốn Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII phát "
         "triển kinh tế xã hội bảo đảm quốc phòng an ninh đối ngoại nâng cao "
         "năng lực cầm quyền sức chiến đấu của tổ chức cơ sở đảng đội ngũ cán "
         "bộ đảng viên tỉnh Bắc Ninh thành phố Từ Sơn huyện Yên Phong nhiệm kỳ "
         "chuyển đổi số công nghiệp hóa hiện đại hóa khát vọng hùng cường "
         "thịnh vượng độc lập dân tộc chủ nghĩa xã hội").split()


def vietnamese_text(nbytes, seed=1, para_words=80, headings=0):
    """Ordinary Vietnamese Markdown paragraphs, about nbytes long (UTF-8).
    With headings=k, a marked `##` heading every k paragraphs."""
    rnd = random.Random(seed)
    # Build a pool of paragraphs once, then repeat it: fast for 50 MB.
    pool = []
    for _ in range(64):
        words = [rnd.choice(WORDS) for _ in range(para_words)]
        words[0] = words[0].capitalize()
        pool.append(" ".join(words) + ".")
    out, size, i = [], 0, 0
    while size < nbytes:
        if headings and i % headings == 0:
            h = "## %d. Mục %d {.%s}\n\n" % (i, i, "xiii" if i % 2 else "xii")
            out.append(h)
            size += len(h.encode())
        p = pool[i % len(pool)] + "\n\n"
        out.append(p)
        size += len(p.encode())
        i += 1
    return "".join(out)


def vietnamese_line(nbytes):
    """One long line of words, no newline."""
    chunk = " ".join(WORDS) + " "
    reps = nbytes // len(chunk.encode()) + 1
    return (chunk * reps).rstrip()


def billion_laughs(levels=9, width=10):
    lines = ['title: "Bom"', "l0: &l0 [%s]" % ", ".join(["lol"] * width)]
    for i in range(1, levels):
        lines.append("l%d: &l%d [%s]" %
                     (i, i, ", ".join(["*l%d" % (i - 1)] * width)))
    return "---\n" + "\n".join(lines) + "\n---\n\nThân bài.\n"


def yaml_block_nesting(n):
    # One space more per level: the file grows as n^2 / 2.
    parts = ['---\ntitle: "T"\nx:\n']
    for i in range(1, n + 1):
        parts.append(" " * i + "k%d:\n" % i)
    parts.append(" " * (n + 1) + "v\n---\n\nThân bài.\n")
    return "".join(parts)


def control_chars(n):
    c0 = "".join(chr(c) for c in range(1, 32) if c not in (10, 13))
    c1 = "".join(chr(c) for c in range(0x80, 0xa0))
    unit = "a%sb\x7f%s c\n\n## h%s\n\n" % (c0, c1, c0)
    return fm() + unit * n


def many_lectures_files(n):
    files = {}
    for i in range(n):
        files["lectures/l%05d.md" % i] = (
            '---\ntitle: "Bài %d"\ncongress: XII\n---\n\n'
            "## Mục {.xiii}\n\nNội dung [[l%05d]].\n" % (i, (i + 1) % n))
    return files


# The input size limit (SOURCE_MAX_BYTES, src/load_source.h) and a body
# size that fits under it with the default front matter.
SOURCE_MAX = 4 * MB
UNDER_LIMIT = SOURCE_MAX - 4 * KB


def fill(unit, nbytes=UNDER_LIMIT):
    """unit repeated to about nbytes (UTF-8), never more."""
    return unit * max(1, nbytes // len(unit.encode()))


def deep_then(opener, depth, tail, nbytes):
    """depth container openers on one line, then tail repeated to fill
    nbytes: libcmark 0.30.2 pays the depth for every emphasis it makes."""
    head = opener * depth
    return head + fill(tail, nbytes - len(head.encode()))


def real_lecture(nbytes, seed=7):
    """A real-looking lecture of about nbytes: numbered and marked
    sections (## and ###), paragraphs with bold, italic, code spans and
    links, lists nested 6 deep, a block quote with a list in it, a note
    callout and a fenced div - what lecturers write, only long."""
    rnd = random.Random(seed)

    forms = ("**%s**", "*%s*", "_%s_", "`%s`", "[%s](https://vi.wikipedia.org)")

    def sentence(k):
        words = [rnd.choice(WORDS) for _ in range(k)]
        for j in range(1, k, 6):
            words[j] = rnd.choice(forms) % words[j]
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    out, size, sec = [], 0, 0
    while size < nbytes:
        sec += 1
        part = ["## %d. Mục %d {.%s}\n\n" % (sec, sec,
                                              "xiii" if sec % 2 else "xii")]
        for sub in range(1, 4):
            part.append("### %d.%d. Nội dung %d\n\n" % (sec, sub, sub))
            part.append(sentence(60) + " " + sentence(40) + "\n\n")
            for depth in range(6):
                part.append("  " * depth + "- " + sentence(12) + "\n")
            part.append("\n1. " + sentence(15) + "\n2. " + sentence(15) +
                        "\n   - " + sentence(10) + "\n\n")
        part.append("> " + sentence(30) + "\n>\n> - " + sentence(10) +
                    "\n>   - " + sentence(10) + "\n\n")
        part.append("::: xiii\n" + sentence(40) + "\n:::\n\n")
        part.append("> [!NOTE]\n> " + sentence(20) + "\n\n")
        chunk = "".join(part)
        out.append(chunk)
        size += len(chunk.encode())
    return "".join(out)


def all_caps_mix(nbytes):
    """Just under every per-file bound at once: lines, list markers,
    emphasis runs, inline marks and '[' (see load_doc.c)."""
    parts = ["- " * 30 + "a*b*\n\n",
             "- a\n" * 24000,                       # containers, lines
             "\n", "*a* " * 45000, "\n\n",         # emphasis runs
             "&!<\\`] " * 13000, "\n\n",          # inline marks
             "[a](b) " * 18000, "\n\n",             # brackets
             "a\n=\n" * 37000]                      # headings, lines
    return "".join(parts)[:nbytes]
SVG_OPEN = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            '<defs><linearGradient id="g"/></defs>\n')


def svg_lecture(n):
    """A lecture that shows lectures/images/x.svg, 1000 times."""
    return "![Hình](images/x.svg)\n\n" * 1000


def svg_laughs(n):
    ents = '<!ENTITY a0 "ha">' + "".join(
        '<!ENTITY a%d "%s">' % (i, ("&a%d;" % (i - 1)) * 10)
        for i in range(1, 10))
    return {"lectures/images/x.svg": '<?xml version="1.0"?>\n<!DOCTYPE svg '
            '[' + ents + ']>\n' + SVG_OPEN + "<text>&a9;</text></svg>\n"}


def svg_deep(n):
    return {"lectures/images/x.svg": SVG_OPEN + "<g>" * n + "</g>" * n +
            "</svg>\n"}


def svg_dense(n):
    unit = '<rect x="1" fill="url(#g)" style="stroke: url( \'#g\' )"/>\n'
    return {"lectures/images/x.svg": SVG_OPEN + unit * n + "</svg>\n"}


def svg_dense_shared(n):
    """The dense SVG, and 300 more lectures that show it."""
    files = svg_dense(n)
    for i in range(300):
        files["lectures/s%03d.md" % i] = (
            '---\ntitle: "Bài %d"\n---\n\n![Hình](images/x.svg)\n' % i)
    return files


def svg_dense_unsafe(n):
    unit = '<rect x="1" fill="url(#g)" style="stroke: url( \'#g\' )"/>\n'
    return {"lectures/images/x.svg": SVG_OPEN + unit * n +
            "<script/></svg>\n"}


def big_pack_files(n):
    """n lectures of about 8 KB each, marked sections and paragraphs."""
    body = vietnamese_text(8 * KB, headings=4)
    return {"lectures/m%05d.md" % i: fm("Bài %d" % i) + body
            for i in range(n)}


# --------------------------------------------------------------------------
# Cases


class Case:
    def __init__(self, name, n, body=None, front=None, whole=None,
                 timeout=None, stderr_max=4 * MB, extra=None, lectures=None,
                 must_build=False, rss_flat=None, note=""):
        self.name = name        # also the lecture's file stem and id
        self.n = n              # default size; --scale multiplies it
        self.body = body        # n -> Markdown after the default front matter
        self.front = front      # n -> front matter ("---...---\n"), body small
        self.whole = whole      # n -> the whole file (str or bytes)
        self.timeout = timeout  # None: the default bound
        self.stderr_max = stderr_max
        self.extra = extra      # n -> {path: content} more repository files
        self.lectures = lectures  # n -> list of ids for the curriculum
        self.must_build = must_build  # valid content: only exit 0 passes
        # (small n, MB): the peak RSS at n may pass the peak at small n
        # by at most MB - memory must not grow with the input
        self.rss_flat = rss_flat
        self.note = note

    def lecture(self, n):
        """(whole file as bytes, Markdown body for cmark or None)."""
        if self.whole:
            data = self.whole(n)
            return (data if isinstance(data, bytes) else data.encode(), None)
        if self.front:
            data = self.front(n)
            return (data.encode(), None)
        body = self.body(n)
        if isinstance(body, bytes):
            return (fm().encode() + body, body)
        return ((fm() + body).encode(), body.encode())


CASES = [
    # ---- block nesting
    Case("nested-blockquote", 50000, body=lambda n: "> " * n + "a\n"),
    Case("nested-list", 10000, body=lambda n: "- " * n + "a\n",
         note="one line '- - - ... a': n levels in 2n bytes"),
    Case("nested-list-indented", 3000,
         body=lambda n: "".join("  " * i + "- a\n" for i in range(n)),
         note="input grows as n^2 (n=3000 is 9 MB; 10000 would be 100 MB)"),
    Case("nested-ordered-list", 10000, body=lambda n: "1. " * n + "a\n"),
    Case("nested-emphasis", 65000,
         body=lambda n: "*a **b " * n + "c" + " b** a*" * n),
    Case("nested-brackets", 50000,
         body=lambda n: "[" * n + "a" + "]" * n),
    Case("nested-divs", 50000,
         body=lambda n: "::: xiii\n" * n + "a\n" + ":::\n" * n),
    Case("unclosed-divs", 50000, body=lambda n: "::: xiii\n" * n),
    Case("stray-div-closes", 50000, body=lambda n: ":::\n" * n),
    Case("div-fences-in-list", 50000,
         body=lambda n: "- ::: xii\n" * n),

    # ---- pipe tables: linear in rows, columns and near-tables
    Case("table-rows", 10000, must_build=True,
         body=lambda n: "| a | b | c |\n|:-|:-:|-:|\n"
         + "| x | *y* | `z\\|w` |\n" * n),
    Case("table-columns", 1000, must_build=True,
         body=lambda n: "|" + " a |" * n + "\n|" + " :-: |" * n + "\n"
         + ("|" + " *x* |" * n + "\n") * 20),
    Case("table-near-misses", 40000, must_build=True,
         body=lambda n: "| a | b |\n| - |\n" * n,
         note="every other line a delimiter row of the wrong width"),

    # ---- long runs of one delimiter
    Case("brackets", 200000, body=lambda n: "[" * n),
    Case("wiki-openers", 100000, body=lambda n: "[[" * n),
    Case("embed-openers", 100000, body=lambda n: "![[" * n),
    Case("wiki-closers", 100000, body=lambda n: "a" + "]]" * n),
    Case("wiki-open-close", 100000, body=lambda n: "[[a" * n + "]]" * n),
    Case("stars", 200000, body=lambda n: "a" + "*" * n + "b"),
    Case("emph-openers", 65000, body=lambda n: "_a " * n),
    Case("emph-closers", 65000, body=lambda n: "a_ " * n),
    Case("mismatched-emph", 50000, body=lambda n: "*a_ " * n),
    Case("backtick-run", 100000, body=lambda n: "a" + "`" * n + "b"),
    Case("backtick-runs", 4000,
         body=lambda n: "".join("e" + "`" * i for i in range(1, n)),
         note="cmark's 'backticks'; input grows as n^2 (n=4000 is 8 MB)"),
    Case("html-comment-openers", 50000, body=lambda n: "a" + "<!--" * n,
         note="CVE-2023-22484"),
    Case("html-comment-openers-2", 50000, body=lambda n: "</" + "<!--" * n,
         note="CVE-2023-22484, cmark's form"),
    Case("raw-html-inline", 50000, body=lambda n: "<i>a</i> " * n,
         note="every tag is dropped with a warning"),
    Case("raw-html-blocks", 50000, body=lambda n: "<div>\n\n" * n),
    Case("image-brackets", 50000, body=lambda n: "![[]()" * n,
         note="CVE-2023-22486"),
    Case("unclosed-links", 50000, body=lambda n: "[a](" * n),
    Case("unclosed-links-angle", 50000, body=lambda n: "[a](<b" * n),
    Case("link-paren-pattern", 80000, body=lambda n: "[ (](" * n),
    Case("heading-attr-unclosed", 50000,
         body=lambda n: "## h " + "{.xii" * n + "\n"),
    Case("heading-attr-unclosed-lines", 50000,
         body=lambda n: "## h {.xii\n" * n),
    Case("heading-attr-many-classes", 50000,
         body=lambda n: "## h {" + ".xii .xiii " * n + "}\n"),
    Case("heading-braces", 100000, body=lambda n: "## h " + "{{{{" * n + "\n"),
    Case("braces", 100000, body=lambda n: "{{{{" * n + "\n"),
    Case("duplicate-headings", 50000, body=lambda n: "## h\n\n" * n,
         note="slugs h, h-2, ... h-n"),
    Case("marked-sections", 50000,
         body=lambda n: "".join("## %d {.%s}\n\nx\n\n" %
                                (i, "xii" if i % 2 else "xiii")
                                for i in range(n))),

    # ---- links
    Case("wiki-links-unknown", 100000,
         body=lambda n: "[[tinh-a#x]] " * n,
         note="errors; stderr must stay bounded"),
    Case("wiki-links-self", 100000,
         body=lambda n: "## s\n\n" + "[[wiki-links-self#s]] " * n),
    Case("wiki-link-long-target", 1 * MB,
         body=lambda n: "[[" + "a" * n + "]]\n"),
    Case("wiki-link-long-section", 1 * MB,
         body=lambda n: "## s\n\n[[wiki-link-long-section#" +
         "Đ" * (n // 2) + "]]\n"),
    Case("wiki-link-long-label", 1 * MB,
         body=lambda n: "## s\n\n[[wiki-link-long-label#s|" +
         "Đ" * (n // 2) + "]]\n"),
    Case("embed-amplification", 10000,
         body=lambda n: "## s {#s}\n\n" + vietnamese_text(100 * KB) +
         "## t\n\n" + "![[embed-amplification#s]]\n\n" * n,
         note="n embeds of a 100 KB section"),

    # ---- YAML front matter
    Case("yaml-flow-nesting", 100000,
         front=lambda n: '---\ntitle: "T"\nx: ' + "[" * n + "]" * n +
         "\n---\n\nThân bài.\n"),
    Case("yaml-flow-nesting-unclosed", 100000,
         front=lambda n: '---\ntitle: "T"\nx: ' + "[" * n +
         "\n---\n\nThân bài.\n"),
    Case("yaml-flow-mapping-nesting", 100000,
         front=lambda n: '---\ntitle: "T"\nx: ' + "{a: " * n + "b" + "}" * n +
         "\n---\n\nThân bài.\n"),
    Case("yaml-block-nesting", 4000, front=yaml_block_nesting,
         note="one more space per level: input grows as n^2 (n=4000 is 8 MB)"),
    Case("yaml-block-seq-nesting", 100000,
         front=lambda n: '---\ntitle: "T"\nx:\n' + "- " * n + "a\n"
         "---\n\nThân bài.\n"),
    Case("yaml-billion-laughs", 9, front=billion_laughs),
    Case("yaml-self-alias", 1,
         front=lambda n: '---\ntitle: "T"\na: &a [*a]\n---\n\nThân bài.\n'),
    Case("yaml-alias-title", 1,
         front=lambda n: '---\nx: &t "Tiêu đề"\ntitle: *t\n---\n\nThân.\n'),
    Case("yaml-long-title", 1 * MB,
         front=lambda n: '---\ntitle: "' + "Đảng " * (n // 8) +
         '"\n---\n\n# Mục\n\nThân bài.\n'),
    Case("yaml-long-key", 1 * MB,
         front=lambda n: '---\ntitle: "T"\n' + "k" * n + ": v\n---\n\nThân.\n"),
    Case("yaml-many-keys", 100000,
         front=lambda n: '---\ntitle: "T"\n' +
         "".join("k%06d: v\n" % i for i in range(n)) + "---\n\nThân.\n",
         note="unknown keys: one warning each unless capped"),
    Case("yaml-duplicate-keys", 100000,
         front=lambda n: "---\n" + 'title: "T"\n' * n + "---\n\nThân.\n"),
    Case("yaml-many-authors", 100000,
         front=lambda n: '---\ntitle: "T"\nauthors: [' +
         ", ".join("Tác giả %d" % i for i in range(n)) +
         "]\n---\n\nThân.\n"),
    Case("front-matter-unclosed", 100000,
         whole=lambda n: '---\ntitle: "T"\n' + "x: y\n" * n),
    Case("front-matter-many-docs", 100000,
         whole=lambda n: '---\ntitle: "T"\n' + "---\n" * n + "Thân.\n"),

    # ---- size and bytes
    Case("vietnamese-50mb", 50 * MB,
         body=lambda n: vietnamese_text(n, headings=40),
         note="over any sane input limit: a quick refusal is a pass"),
    Case("vietnamese-12mb", 12 * MB,
         body=lambda n: vietnamese_text(n, headings=40),
         timeout=10, note="under the 16 MB limit: whole pipeline throughput"),
    Case("empty-lines", 1000000, body=lambda n: "\n" * n),
    Case("cr-lines", 1000000, body=lambda n: "a\r" * n),
    Case("crlf-bom", 1000000,
         whole=lambda n: "\ufeff---\r\ntitle: \"T\"\r\n---\r\n\r\n" +
         "a\r\n" * n),
    Case("long-line", 10 * MB, body=vietnamese_line),
    Case("long-word", 10 * MB, body=lambda n: "x" * n),
    Case("long-heading", 10 * MB, body=lambda n: "## " + vietnamese_line(n)),
    Case("tabs", 1000000, body=lambda n: "\t" * n + "a\n"),
    Case("nul-bytes", 100000, body=lambda n: "a\x00b " * n + "\n\n## h\x00\n"),
    Case("control-chars", 10000, body=control_chars),
    Case("combining-marks", 500000,
         body=lambda n: "## a" + "\u0301\u0323" * n + "\n\na" +
         "\u0301\u0323" * n + "\n",
         note="NFC must reorder 2n marks (ccc 230/220) on one base"),
    Case("invalid-utf8-end", 1,
         body=lambda n: (vietnamese_text(4 * KB).encode() + b"\xe1\xba")),
    Case("invalid-utf8-lines", 100000,
         body=lambda n: b"a\xff\n" * n),
    Case("invalid-utf8-front", 1,
         whole=lambda n: b'---\ntitle: "T\xc3"\n---\n\nx\n'),

    # ---- just under the caps a03caf2 added (20000 '[', 10000 '<!--',
    # divs 32 deep, 4096 YAML entries, 8 MiB of embeds, 30 combining
    # marks): the parsing paths themselves, not the refusal
    Case("brackets-under-cap", 19900, body=lambda n: "[" * n),
    Case("image-brackets-under-cap", 9900, body=lambda n: "![[]()" * n,
         note="CVE-2023-22486 below the '[' cap"),
    Case("html-comments-under-cap", 9900, body=lambda n: "a" + "<!--" * n),
    Case("wiki-links-under-cap", 9900,
         body=lambda n: "## s\n\n" + "[[wiki-links-under-cap#s]] " * n),
    Case("wiki-links-unknown-under-cap", 9900,
         body=lambda n: "[[tinh-a#x]] " * n),
    Case("many-divs", 1500,
         body=lambda n: ("::: xiii\n" * 32 + "a\n" + ":::\n" * 32 + "\n") * n,
         note="n blocks of 32 nested divs"),
    Case("many-footnotes", 9900,
         body=lambda n: "".join("Câu %d[^%d].\n" % (i, i) for i in range(n)) +
         "\n" + "".join("[^%d]: Chú thích %d.\n" % (i, i)
                        for i in range(n)), must_build=True,
         note="n references and n definitions, one a line (2n '[': "
         "under the cap of 20000)"),
    Case("many-footnotes-one-paragraph", 9900,
         body=lambda n: "a[^1] " * n + "^[b] " * n + "\n\n[^1]: c\n",
         must_build=True,
         note="n references and n inline notes in one paragraph"),
    Case("footnote-defs-indented", 10000,
         body=lambda n: "a[^x]\n\n[^x]: b\n" + "\n    c\n" * n,
         must_build=True, note="one definition of n indented paragraphs"),
    Case("footnote-defs-in-code", 20000,
         body=lambda n: "```\n" + "[^x]: a\n" * n + "```\n"),
    Case("inline-note-openers", 100000, body=lambda n: "^[" * n),
    Case("inline-notes-unclosed", 20000,
         body=lambda n: "^[a *b* " * n),
    Case("many-flat-divs", 6000,
         body=lambda n: "::: xiii\na\n:::\n\n" * n, must_build=True,
         note="no '<!--' in the file: must not hit the '<!--' cap"),
    Case("yaml-keys-under-cap", 4000,
         front=lambda n: '---\ntitle: "T"\n' +
         "".join("k%06d: v\n" % i for i in range(n)) + "---\n\nThân.\n"),
    Case("yaml-authors-under-cap", 4000,
         front=lambda n: '---\ntitle: "T"\nauthors: [' +
         ", ".join("Tác giả %d" % i for i in range(n)) +
         "]\n---\n\nThân.\n"),
    Case("embeds-under-cap", 70,
         body=lambda n: "## s {#s}\n\n" + vietnamese_text(100 * KB) +
         "## t\n\n" + "![[embeds-under-cap#s]]\n\n" * n,
         note="n embeds of a 100 KB section, about 7 MB"),
    Case("combining-marks-under-cap", 100000,
         body=lambda n: ("a" + "\u0301\u0323" * 15 + " ") * n + "\n"),
    Case("wiki-link-huge-target", 12 * MB,
         body=lambda n: "[[" + "a" * n + "]]\n",
         note="the diagnostic should not quote all of it"),

    # ---- node-dense Markdown just under the 4 MiB input limit: libcmark
    # 0.30.2 spends 150-200 bytes per node, so these peaked at 300-800 MB
    Case("dense-headings", UNDER_LIMIT, body=lambda n: fill("# a\n", n)),
    Case("dense-setext-headings", UNDER_LIMIT,
         body=lambda n: fill("a\n=\n", n), note="404 MB at 2 MB before"),
    Case("dense-setext-headings-2mb", 2 * MB,
         body=lambda n: fill("a\n=\n", n), note="the measured case"),
    Case("dense-setext-dash-headings", UNDER_LIMIT,
         body=lambda n: fill("a\n-\n", n)),
    Case("dense-emphasis", UNDER_LIMIT, body=lambda n: fill("*a* ", n)),
    Case("dense-strong", UNDER_LIMIT, body=lambda n: fill("**a** ", n)),
    Case("dense-underscores", UNDER_LIMIT, body=lambda n: fill("_a_ ", n)),
    Case("dense-star-a-underscore", UNDER_LIMIT,
         body=lambda n: fill("*a_", n), note="738 MB before"),
    Case("dense-blockquotes", UNDER_LIMIT, body=lambda n: fill("> a\n\n", n)),
    Case("dense-list-items", UNDER_LIMIT, body=lambda n: fill("- a\n", n)),
    Case("dense-nested-list-lines", UNDER_LIMIT,
         body=lambda n: fill("- " * 30 + "a\n", n),
         note="30 containers per line, each line under the depth bound"),
    Case("dense-thematic-breaks", UNDER_LIMIT, body=lambda n: fill("***\n", n)),
    Case("dense-softbreaks", UNDER_LIMIT, body=lambda n: fill("a\n", n)),
    Case("dense-hard-breaks", UNDER_LIMIT, body=lambda n: fill("a\\\n", n)),
    Case("dense-blank-lines", UNDER_LIMIT, body=lambda n: fill("\n", n)),
    Case("dense-ampersands", UNDER_LIMIT, body=lambda n: fill("&", n)),
    Case("dense-bangs", UNDER_LIMIT, body=lambda n: fill("!", n)),
    Case("dense-less-than", UNDER_LIMIT, body=lambda n: fill("<", n)),
    Case("dense-backslashes", UNDER_LIMIT, body=lambda n: fill("\\a", n)),
    Case("dense-link-closers", UNDER_LIMIT, body=lambda n: fill("a]", n)),
    Case("dense-code-spans", UNDER_LIMIT, body=lambda n: fill("`a` ", n)),
    Case("dense-entities", UNDER_LIMIT, body=lambda n: fill("&amp;", n)),
    Case("dense-autolinks", UNDER_LIMIT,
         body=lambda n: fill("<http://a.vn> ", n)),
    Case("dense-pipe-table", UNDER_LIMIT,
         body=lambda n: "| a | b |\n|---|---|\n" + fill("| a | b |\n", n)),
    Case("dense-pipes", UNDER_LIMIT, body=lambda n: fill("|", n)),
    Case("dense-vietnamese", UNDER_LIMIT,
         body=lambda n: vietnamese_text(n, headings=40), must_build=True,
         note="ordinary prose at the size limit must build"),

    # ---- libcmark 0.30.2 pays the container depth for every emphasis
    # it makes and every blank line (CVE-2023-24824, fixed in 0.31)
    Case("list-then-emph", 50000,
         body=lambda n: "- " * n + "a*" * n, note="20 s before"),
    Case("blockquote-then-emph", 200000,
         body=lambda n: ">" * n + "a*" * n, note="299 s before"),
    Case("list-then-emph-4mb", 1000000,
         body=lambda n: deep_then("- ", n, "a*", UNDER_LIMIT)),
    Case("blockquote-then-emph-4mb", 1400000,
         body=lambda n: deep_then(">", n, "a*", UNDER_LIMIT)),
    Case("ordered-list-then-emph", 50000,
         body=lambda n: "1. " * n + "a*" * n),
    Case("blockquote-then-strong", 100000,
         body=lambda n: ">" * n + "**a**" * n),
    Case("blockquote-then-underscores", 100000,
         body=lambda n: ">" * n + "a _b_ " * n),
    Case("blockquote-then-emph-lines", 50000,
         body=lambda n: ">" * n + "a\n*b*\n" * n),
    Case("tab-list-then-emph", 50000,
         body=lambda n: "-\t" * n + "a*" * n),
    Case("spaced-blockquote-then-emph", 100000,
         body=lambda n: "> " * n + "a*" * n),
    Case("mixed-containers-then-emph", 50000,
         body=lambda n: "> - 1. " * (n // 3) + "a*" * n),
    Case("indented-list-ladder", 1400,
         body=lambda n: "".join("  " * i + "- a\n" for i in range(n)) +
         "  " * n + fill("a*", MB),
         note="depth by indentation, one level per line (3 MB at n=1400)"),
    Case("list-blank-lines", 30000,
         body=lambda n: "- " * n + "x" + "\n" * n,
         note="cmark 0.31's 'empty lines in deeply nested lists'"),
    Case("blockquote-list-blank-lines", 30000,
         body=lambda n: "> " + "- " * n + "x\n" + ">\n" * n),
    Case("list-blank-lines-4mb", 30000,
         body=lambda n: "- " * n + "x" + "\n" * (UNDER_LIMIT - 2 * n)),
    Case("emph-openers-then-closers", 20000,
         body=lambda n: "*a " * n + "_a*_ " * n, note="cmark issue #389"),
    Case("emph-multiple-of-3", 400000,
         body=lambda n: "a**b" + "c* " * n),
    Case("link-openers-emph-closers", 19000, body=lambda n: "[ a_" * n),
    Case("brackets-and-emphasis", 19000,
         body=lambda n: "[*a_ " * n + "]" * n),
    Case("thematic-break-dashes", 100000,
         body=lambda n: "- " * n + "\n\n" + "* " * n + "\n",
         must_build=True,
         note="one line of '- - -' is a rule, not lists: must build"),

    # ---- link reference definitions (each is one '[')
    Case("refdefs-under-cap", 19000,
         body=lambda n: "".join("[x%d]: /u%d\n" % (i, i) for i in range(n))),
    Case("refdefs-used-under-cap", 9000,
         body=lambda n: "".join("[x%d]: /u\n" % i for i in range(n)) +
         "\n" + "".join("[x%d] " % i for i in range(n))),
    Case("ref-amplification", 19000,
         body=lambda n: "[x]: /" + "u" * (2 * MB) + "\n\n" + "[x] " * n,
         note="cmark limits the expansion of references"),

    # ---- the tool's own loops over headings, per link
    Case("fragment-links-many-headings", 19000,
         body=lambda n: "## h\n\n" * 40000 + "[a](#zz) " * n),
    Case("wiki-sections-many-headings", 9000,
         body=lambda n: "## h\n\n" * 40000 +
         "[[wiki-sections-many-headings#zz]] " * n),

    # ---- just under the bounds on what cmark is given (load_doc.c):
    # valid content, which must build, and fast
    Case("nesting-under-cap", 32,
         body=lambda n: deep_then(">", n, "a*", 96 * KB) + "\n\n" +
         deep_then("- ", n, "a*", 96 * KB),
         must_build=True, note="32 deep, then 98000 emphasis runs in all"),
    Case("nesting-blank-lines-under-cap", 32,
         body=lambda n: "- " * n + "x" + "\n" * 99000, must_build=True),
    Case("lines-under-cap", 99000, body=lambda n: "a\n" * n,
         must_build=True),
    Case("setext-headings-under-cap", 49000, body=lambda n: "a\n=\n" * n,
         must_build=True),
    Case("atx-headings-under-cap", 99000, body=lambda n: "# a\n" * n,
         must_build=True),
    Case("long-headings-under-cap", 80000,
         body=lambda n: "".join("## %d. Mục %s của Đảng {.xiii}\n"
                                % (i, WORDS[i % 40]) for i in range(n)),
         must_build=True, note="distinct titles, ids and marks: 3 MB"),
    Case("list-items-under-cap", 49000, body=lambda n: "- a\n" * n,
         must_build=True),
    Case("emph-runs-under-cap", 49000, body=lambda n: "*a* " * n,
         must_build=True),
    Case("star-a-underscore-under-cap", 49000, body=lambda n: "*a_" * n,
         must_build=True),
    Case("inline-marks-under-cap", 99000, body=lambda n: "&" * n,
         must_build=True),
    Case("all-bounds-under-cap", UNDER_LIMIT, body=all_caps_mix,
         must_build=True, note="every per-file bound approached in one file"),

    # ---- real lectures are never refused
    Case("real-lecture", 400 * KB, body=real_lecture, must_build=True,
         note="300 headings, lists 6 deep, thousands of emphasis runs"),
    Case("real-lecture-2mb", 2 * MB, body=real_lecture, must_build=True),

    # ---- SVG images (parsed by libxml2, walked, CSS scanned)
    Case("svg-billion-laughs", 1, body=svg_lecture, extra=svg_laughs,
         note="refused at its first <!ENTITY>, nothing expanded"),
    Case("svg-deep-nesting", 200000, body=svg_lecture,
         extra=svg_deep, note="libxml2's depth limit makes it malformed"),
    Case("svg-dense-under-cap", 4 * MB // 60, body=svg_lecture,
         extra=svg_dense, must_build=True,
         note="a clean SVG just under the 4 MiB SVG limit, used 1000 "
         "times: checked once"),

    Case("svg-dense-shared", 4 * MB // 60, body=svg_lecture,
         extra=svg_dense_shared, must_build=True,
         lectures=lambda n: ["svg-dense-shared"] +
         ["s%03d" % i for i in range(300)],
         note="one SVG just under the limit in 301 lectures: read once"),
    Case("svg-over-cap", 5 * MB // 60, body=svg_lecture, extra=svg_dense,
         note="over the 4 MiB SVG limit: refused, not parsed"),
    Case("svg-unsafe-dense-used-often", 4 * MB // 60, body=svg_lecture,
         extra=svg_dense_unsafe,
         note="refused at its end, used 1000 times: parsed once"),

    # ---- curriculum size
    Case("many-lectures-under-cap", 4000, whole=lambda n: fm() + "Một.\n",
         extra=many_lectures_files,
         lectures=lambda n: ["many-lectures-under-cap"] +
         ["l%05d" % i for i in range(n)]),
    Case("many-lectures", 5000, whole=lambda n: fm() + "Một.\n",
         extra=many_lectures_files,
         lectures=lambda n: ["many-lectures"] + ["l%05d" % i for i in range(n)],
         note="n lectures in one pack, each linking the next"),
    Case("big-pack-memory", 2000, whole=lambda n: fm() + "Một.\n",
         extra=big_pack_files, must_build=True, timeout=10,
         lectures=lambda n: ["big-pack-memory"] +
         ["m%05d" % i for i in range(n)], rss_flat=(200, 24),
         note="memory follows the largest lecture, not the pack: n lectures "
         "of 8 KB peak within 24 MB of 200 (issue 12, item 10)"),
]

# --------------------------------------------------------------------------
# Running


def sanitizer_build(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    return b"__asan_init" in data or b"__tsan_init" in data or \
        b"__msan_init" in data


def make_limits(mem_mb, fsize_mb):
    def limits():
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if mem_mb:
            b = mem_mb * MB
            resource.setrlimit(resource.RLIMIT_AS, (b, b))
        if fsize_mb:
            b = fsize_mb * MB
            resource.setrlimit(resource.RLIMIT_FSIZE, (b, b))
    return limits


def peak_rss(pid, comm):
    """VmHWM of pid once it runs the program named comm, else 0."""
    try:
        with open("/proc/%d/status" % pid) as f:
            st = f.read()
    except OSError:
        return 0
    name = hwm = None
    for line in st.splitlines():
        if line.startswith("Name:"):
            fields = line.split(None, 1)
            name = fields[1] if len(fields) > 1 else ""
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * KB
    return hwm if name == comm and hwm else 0


def run_bounded(argv, cwd, timeout, out_path, err_path, limits=None,
                stdin_path=None):
    """Run argv; return (status or None on timeout, seconds, peak RSS).
    The peak is sampled from /proc while the program runs (wait4's
    ru_maxrss would include this Python process's memory, inherited at
    fork), so it can miss the last few milliseconds."""
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    env.setdefault("LC_ALL", "C.UTF-8")
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    with open(out_path, "wb") as fo, open(err_path, "wb") as fe:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, cwd=cwd, stdin=fin, stdout=fo, stderr=fe,
                             env=env, preexec_fn=limits,
                             start_new_session=True)
    if stdin_path:
        fin.close()
    deadline = t0 + timeout
    delay = 0.0005
    timed_out = False
    comm = os.path.basename(argv[0])[:15]
    peak = 0
    while True:
        peak = max(peak, peak_rss(p.pid, comm))
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        now = time.monotonic()
        if now >= deadline:
            timed_out = True
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            pid, status, ru = os.wait4(p.pid, 0)
            break
        time.sleep(min(delay, deadline - now))
        delay = min(delay * 2, 0.01)
    elapsed = time.monotonic() - t0
    p.returncode = -1   # reaped here; keep Popen from waiting again
    if timed_out:
        return None, elapsed, peak
    return os.waitstatus_to_exitcode(status), elapsed, peak


def tree_size(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


def read_head_tail(path, head=64 * KB, tail=4 * KB):
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        if size <= head + tail:
            return f.read()
        h = f.read(head)
        f.seek(size - tail)
        return h + b"\n...\n" + f.read(tail)


def human(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return ("%d %s" if unit == "B" else "%.1f %s") % (n, unit)
        n /= 1024.0


def signame(sig):
    try:
        return signal.Signals(sig).name
    except ValueError:
        return "signal %d" % sig


class Result:
    pass


def run_case(case, n, opts):
    """Build the repository for case at size n, run the tool, judge it."""
    r = Result()
    r.n = n
    r.problems = []
    r.cmark = None
    tmp = tempfile.mkdtemp(prefix="lp-patho-")
    try:
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, "lectures"))
        os.makedirs(os.path.join(repo, "curricula"))
        shutil.copytree(os.path.join(TOP, "themes"),
                        os.path.join(repo, "themes"), symlinks=True)
        data, body = case.lecture(n)
        r.in_size = len(data)
        with open(os.path.join(repo, "lectures", case.name + ".md"),
                  "wb") as f:
            f.write(data)
        extra = case.extra(n) if case.extra else {}
        for path, content in extra.items():
            full = os.path.join(repo, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(content if isinstance(content, bytes)
                        else content.encode())
            r.in_size += len(content)
        ids = case.lectures(n) if case.lectures else [case.name]
        with open(os.path.join(repo, "curricula", "t.yaml"), "w",
                  encoding="utf-8") as f:
            f.write('title: "Kiểm tra %s"\ncenter: "Trung tâm thử"\n'
                    "lectures: [%s]\n" % (case.name, ", ".join(ids)))
        del data

        bound = case.timeout if case.timeout else opts.timeout
        r.bound = bound
        out_p = os.path.join(tmp, "stdout")
        err_p = os.path.join(tmp, "stderr")
        status, secs, rss = run_bounded(
            [opts.program, "build", "-C", repo, "-o", "out",
             "curricula/t.yaml"],
            tmp, bound, out_p, err_p, opts.limits)
        r.status, r.secs = status, secs
        r.rss = rss
        r.err_size = os.path.getsize(err_p)
        r.out_size = os.path.getsize(out_p)
        err = read_head_tail(err_p)
        r.err_text = err.decode("utf-8", "replace")
        outdir = os.path.join(repo, "out")
        r.tree = tree_size(outdir)

        if status is None:
            r.problems.append("timeout after %.1fs (bound %gs)"
                              % (secs, bound))
        elif status < 0:
            why = signame(-status)
            if -status == signal.SIGXFSZ:
                why += " (an output file passed the %d MB harness limit)" \
                    % opts.fsize_mb
            elif -status == signal.SIGKILL:
                why += " (out of memory?)"
            r.problems.append("killed by " + why)
        elif status not in (0, 1, 2):
            r.problems.append("exit status %d (expected 0, 1 or 2)" % status)
        elif status in (1, 2) and not err.strip():
            r.problems.append("exit %d with nothing on stderr" % status)
        elif status != 0 and case.must_build:
            r.problems.append("exit %d, but this is valid content that "
                              "must build" % status)
        if status == 0:
            for p in ("t/index.html", "t/%s.html" % case.name, "t.epub"):
                full = os.path.join(outdir, p)
                if not os.path.isfile(full) or os.path.getsize(full) == 0:
                    r.problems.append("exit 0 but out/%s is missing" % p)
        if opts.rss_mb and rss > opts.rss_mb * MB:
            r.problems.append("peak RSS %s (bound %d MB)"
                              % (human(rss), opts.rss_mb))
        if r.err_size > case.stderr_max:
            r.problems.append("stderr is %s (bound %s)"
                              % (human(r.err_size), human(case.stderr_max)))
        if r.out_size > 1 * MB:
            r.problems.append("stdout is %s" % human(r.out_size))
        out_max = max(64 * MB, 32 * r.in_size)
        if r.tree > out_max:
            r.problems.append("output is %s for %s of input"
                              % (human(r.tree), human(r.in_size)))
        for marker in ("AddressSanitizer", "LeakSanitizer",
                       "UndefinedBehaviorSanitizer", "runtime error:",
                       "MemorySanitizer", "ThreadSanitizer"):
            if marker in r.err_text:
                r.problems.append("sanitizer report on stderr (%s)" % marker)
                break
        if status is not None and os.path.isdir(outdir):
            left = [e for e in os.listdir(outdir) if ".tmp" in e]
            if left:
                r.problems.append("temporary left in out/: %s" % left[0])

        if opts.cmark and body is not None:
            bp = os.path.join(tmp, "body.md")
            with open(bp, "wb") as f:
                f.write(body)
            cstatus, csecs, _ = run_bounded(
                [opts.cmark_program], tmp, bound, os.devnull,
                os.path.join(tmp, "cmark.err"), opts.limits, stdin_path=bp)
            r.cmark = (cstatus, csecs)
    finally:
        if opts.keep:
            print("  kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return r


def describe(r):
    if r.status is None:
        st = "timeout"
    elif r.status < 0:
        st = signame(-r.status)
    else:
        st = "exit %d" % r.status
    return "%.2fs %s" % (r.secs, st)


def details(r):
    s = "n=%d, in %s, rss ~%s, stderr %s" % (
        r.n, human(r.in_size), human(r.rss), human(r.err_size))
    if r.cmark:
        cst, csecs = r.cmark
        s += ", cmark %s" % ("timeout" if cst is None else
                             "%.2fs" % csecs if cst == 0 else
                             "%.2fs exit %d" % (csecs, cst))
    return s


def first_diagnostic(r):
    for line in r.err_text.splitlines():
        if line.strip():
            return line[:160]
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("words", nargs="*",
                    help="run only cases whose name contains one of these")
    ap.add_argument("--program", default=os.environ.get(
        "LECTUREPACK", os.path.join(TOP, "bin", "lecturepack")))
    ap.add_argument("--timeout", type=float, default=float(
        os.environ.get("PATHOLOGICAL_TIMEOUT", "5")))
    ap.add_argument("--scale", type=float, default=float(
        os.environ.get("PATHOLOGICAL_SCALE", "1")))
    ap.add_argument("--scaling", action="store_true",
                    help="run each case at n and 2n and print the time ratio")
    ap.add_argument("--cmark", action="store_true",
                    help="also time the cmark CLI on each Markdown body")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary repositories")
    ap.add_argument("--list", action="store_true")
    opts = ap.parse_args()

    cases = [c for c in CASES
             if not opts.words or any(w in c.name for w in opts.words)]
    if opts.list:
        for c in cases:
            print("%-28s n=%-9d %s" % (c.name, c.n, c.note))
        return 0
    if not cases:
        print("pathological: no case matches %s" % " ".join(opts.words))
        return 2
    if not os.path.isabs(opts.program) and os.sep in opts.program:
        opts.program = os.path.join(TOP, opts.program)
    if not os.access(opts.program, os.X_OK):
        print("pathological: %s is not an executable (run make)"
              % opts.program)
        return 2
    opts.cmark_program = os.environ.get("CMARK", "cmark")
    if opts.cmark and shutil.which(opts.cmark_program) is None:
        print("pathological: %s not found (apt-get install cmark)"
              % opts.cmark_program)
        return 2
    # Run a snapshot: others may relink bin/lecturepack meanwhile.
    snap = tempfile.mkdtemp(prefix="lp-patho-bin-")
    shutil.copy2(opts.program, os.path.join(snap, "lecturepack"))
    opts.program = os.path.join(snap, "lecturepack")
    mem_mb = int(os.environ.get("PATHOLOGICAL_MEM_MB", "4096"))
    opts.rss_mb = int(os.environ.get("PATHOLOGICAL_RSS_MB", "256"))
    opts.sanitizer = sanitizer_build(opts.program)
    if opts.sanitizer:
        mem_mb = 0
        opts.rss_mb = 0
    opts.fsize_mb = 1024
    opts.limits = make_limits(mem_mb, opts.fsize_mb)

    passed = failed = 0
    t_start = time.monotonic()
    for case in cases:
        n = max(1, int(case.n * opts.scale))
        r = run_case(case, n, opts)
        line_tail = "  [%s]" % details(r)
        if opts.scaling:
            r2 = run_case(case, 2 * n, opts)
            ratio = r2.secs / r.secs if r.secs > 0 else 0
            line_tail += "  2n: %s [%s] ratio %.1f" % (
                describe(r2), details(r2), ratio)
            if r2.problems and not r.problems:
                r.problems = ["at 2n: " + p for p in r2.problems]
        if case.rss_flat and not opts.sanitizer and not r.problems:
            small, mb = case.rss_flat
            small = max(1, int(small * opts.scale))
            r3 = run_case(case, small, opts)
            line_tail += "  n=%d: rss ~%s" % (small, human(r3.rss))
            if r3.problems:
                r.problems = ["at n=%d: " % small + p for p in r3.problems]
            elif r.rss - r3.rss > mb * MB:
                r.problems.append(
                    "peak RSS %s at n=%d is %s more than at n=%d "
                    "(bound %d MB): memory grows with the input"
                    % (human(r.rss), n, human(r.rss - r3.rss), small, mb))
        if r.problems:
            failed += 1
            print("FAIL %s  %s%s" % (case.name, describe(r), line_tail))
            for p in r.problems:
                print("  %s" % p)
            d = first_diagnostic(r)
            if d:
                print("  stderr: %s" % d)
        else:
            passed += 1
            print("ok  %s  %s%s" % (case.name, describe(r), line_tail))
        sys.stdout.flush()
    shutil.rmtree(snap, ignore_errors=True)
    print("total %.1fs" % (time.monotonic() - t_start))
    print("pathological: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
