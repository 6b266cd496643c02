#!/usr/bin/env python3
# commonmark.py - the 652 examples of the CommonMark 0.30 spec as a test
# of lecturepack (issue 13, "Done when", second bullet).
#
# Every example of spec.txt (the npm package commonmark-spec@0.30.0 that
# `make check` installs in tests/node_modules, so this runs offline) is a
# lecture, lectures/ex-NNN.md, of ONE pack built once in a temporary
# repository.  Each lecture page's body (the content of <main>, minus the
# lecture header the tool adds) is compared with `cmark --safe --smart` on the same
# Markdown, after the safety rules that SPEC.md and docs/lecturepack.5
# document are applied to cmark's output (see expect() below, each rule
# quoted) and both sides are put in one canonical form (parsed with
# html.parser: void elements, attribute order, character references and
# whitespace next to block tags do not count).  The pack's HTML pages go
# through the Nu Html Checker and its EPUB through EPUBCheck.
#
# The repository holds a PNG file at every path an example's images name
# (![foo](/url), ![moon](moon.jpg) ...), as a real repository would:
# "The file must exist, be a regular file inside the repository ... Each
# of these is an error" (lecturepack.5, Markdown).  The Markdown is never
# changed (only U+2192 becomes the tab it stands for, as in the spec).
#
# Examples whose Markdown is also a lecturepack extension by design are
# compared with the documented extension behaviour, not with cmark
# (EXTENSION below).  All of them are wiki links; no example holds a `:::`
# fence or a `{...}` attribute block after a heading:
#   547  [[[foo]]] / [[[foo]]]: /url  - "[[" opens a wiki link whose target
#        "[foo" is not an id: an error on lines 1 and 3.
#   559  [[bar [foo]                  - an unclosed "[[": an error on line 1.
#   589  ![[foo]] / [[foo]]: /url "title" - an embed and a link to 'foo',
#        which is no lecture or note: an error on lines 1 and 3.
# lecturepack.5 (Wiki links and embeds): "These are errors at the link's
# line and column: an unclosed '[[', an empty link, a target that is not
# an id, an unknown lecture or note ..."  An error fails the build, so
# these examples (and any other example whose lecture has an error, which
# is then a FAIL) are left out of a second build of the same pack, which
# is what the other examples are compared in.  Examples 519 and 558 hold
# "[[" too, but cmark reads them as images and links ("extensions ...
# respecting CommonMark's structure", SPEC 3), so they are compared with
# cmark.
#
# Prints one "FAIL commonmark ..." line per check that fails, with a short
# diff, and the closing line "commonmark: N passed, N failed".
#
#     python3 tests/commonmark.py            # the whole group (make check)
#     python3 tests/commonmark.py 602 484    # only these examples, with the
#                                            # whole canonical HTML of both
#                                            # sides; no vnu, no EPUBCheck
#
# Environment: LECTUREPACK (default bin/lecturepack).
import difflib
import html
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import urllib.parse
import zlib

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("LECTUREPACK") or os.path.join(TOP, "bin", "lecturepack")
SPEC = os.path.join(TOP, "tests", "node_modules", "commonmark-spec", "spec.txt")
VNU = os.path.join(TOP, "tests", "node_modules", "vnu-jar", "build", "dist",
                   "vnu.jar")
EPUBCHECK = "/usr/share/java/epubcheck.jar"
FRONT = 3  # lines of front matter before an example's first line

# Example -> [(line in the example, message pattern)] of the errors the
# documented wiki-link syntax gives (see the comment at the top).
WIKI_ERROR = r"not a note or lecture id|unclosed wiki link|unknown note or lecture"
EXTENSION = {
    547: [(1, WIKI_ERROR), (3, WIKI_ERROR)],
    559: [(1, WIKI_ERROR)],
    589: [(1, WIKI_ERROR), (3, WIKI_ERROR)],
}
# What a warning about each dropped thing says.
WARNED = {"raw HTML": r"raw HTML", "link": r"link"}

# The group the counts and FAIL lines are printed for (tests/gfm.py,
# which reuses this module, names its own).
GROUP = "commonmark"
passed = failed = 0


def ok():
    global passed
    passed += 1


def bad(what, detail=()):
    global failed
    failed += 1
    print("FAIL %s %s" % (GROUP, what))
    for line in detail:
        print("  " + line)


def finish():
    print("%s: %d passed, %d failed" % (GROUP, passed, failed))
    sys.exit(1 if failed else 0)


def examples(text):
    """The examples as index.js of commonmark-spec reads them."""
    text = re.sub(r"^<!-- END TESTS -->(.|\n)*", "", text.replace("\r\n", "\n"),
                  flags=re.M)
    out, section = [], ""
    for m in re.finditer(r"^`{32} example\n([\s\S]*?)^\.\n([\s\S]*?)^`{32}$"
                         r"|^#{1,6} *(.*)$", text, re.M):
        if m.group(3) is not None:
            section = m.group(3)
        else:
            out.append((len(out) + 1, section,
                        m.group(1).replace("\u2192", "\t")))
    return out


# ---- canonical form ------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "dd", "details", "div",
         "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
         "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
         "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
         "tr", "ul"}
CONTAINER = {"article", "aside", "blockquote", "details", "div", "dl",
             "figure", "ol", "section", "table", "tbody", "thead", "tr",
             "ul"}


class Node:
    def __init__(self, tag, attrs=None):
        self.tag, self.attrs, self.kids = tag, dict(attrs or {}), []


class Tree(html.parser.HTMLParser):
    """HTML text to a tree of Node (elements), str (text) and
    ("comment", text); character references decoded."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        n = Node(tag, [(k, v if v is not None else "") for k, v in attrs])
        self.stack[-1].kids.append(n)
        if tag not in VOID:
            self.stack.append(n)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        self.stack[-1].kids.append(("stray-end", tag))

    def handle_data(self, data):
        k = self.stack[-1].kids
        if k and isinstance(k[-1], str):
            k[-1] += data
        else:
            k.append(data)

    def handle_comment(self, data):
        self.stack[-1].kids.append(("comment", data))

    def handle_decl(self, decl):
        self.stack[-1].kids.append(("decl", decl))

    def unknown_decl(self, data):
        self.stack[-1].kids.append(("decl", data))

    def handle_pi(self, data):
        self.stack[-1].kids.append(("pi", data))


def merge_text(kids):
    out = []
    for k in kids:
        if isinstance(k, str) and out and isinstance(out[-1], str):
            out[-1] += k
        elif not (isinstance(k, str) and k == ""):
            out.append(k)
    return out


def squeeze(node, pre=False):
    """Whitespace next to a block tag (outside <pre>) does not count."""
    pre = pre or node.tag == "pre"
    node.kids = merge_text(node.kids)
    for k in node.kids:
        if isinstance(k, Node):
            squeeze(k, pre)
    if pre:
        return
    block_edge = node.tag in BLOCK or node.tag == "#root"
    out = []
    for i, k in enumerate(node.kids):
        if isinstance(k, str):
            before = node.kids[i - 1] if i > 0 else None
            after = node.kids[i + 1] if i + 1 < len(node.kids) else None
            if (before is None and block_edge) or \
               (isinstance(before, Node) and before.tag in BLOCK):
                k = k.lstrip(" \t\n")
            if (after is None and block_edge) or \
               (isinstance(after, Node) and after.tag in BLOCK):
                k = k.rstrip(" \t\n")
            if k == "":
                continue
        out.append(k)
    node.kids = out


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def serialise(node, out):
    for k in node.kids:
        if isinstance(k, str):
            out.append(esc(k))
        elif isinstance(k, tuple):
            out.append("<!--%s:%s-->" % k if k[0] != "comment"
                       else "<!--%s-->" % k[1])
        else:
            attrs = "".join(' %s="%s"' % (a, esc(v).replace('"', "&quot;"))
                            for a, v in sorted(k.attrs.items()))
            out.append("<%s%s>" % (k.tag, attrs))
            if k.tag in CONTAINER:
                out.append("\n")
            if k.tag not in VOID:
                serialise(k, out)
                out.append("</%s>" % k.tag)
                if k.tag in BLOCK:
                    out.append("\n")
    return out


def canonical(tree):
    squeeze(tree)
    return "".join(serialise(tree, []))


def text_of(node):
    return "".join(k if isinstance(k, str) else text_of(k)
                   for k in node.kids if not isinstance(k, tuple))


def walk(node):
    for k in node.kids:
        if isinstance(k, Node):
            yield node, k
            yield from walk(k)


# ---- the documented rules, applied to cmark's output ---------------------

def slug(text):
    # lecturepack.5, Heading ids: "the id is the slug of the heading's
    # text: after NFC, 'đ' and 'Đ' become 'd', letters lose their
    # diacritics, ASCII letters are lower-cased, digits are kept, every
    # other run of characters becomes one '-', and no '-' is left at
    # either end.  An empty slug is 'section'."
    t = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "d")
    t = "".join(c for c in unicodedata.normalize("NFD", t)
                if not unicodedata.combining(c))
    t = "".join(c.lower() if c.isascii() else c for c in t)
    t = re.sub(r"[^a-z0-9]+", "-", t)
    return t.strip("-") or "section"


def add_heading_ids(tree):
    # lecturepack.5, Heading ids: "Every heading gets an id. ... A
    # repeated slug on one page gets '-2', '-3', and so on."
    used = set()
    for _, n in walk(tree):
        if re.fullmatch(r"h[1-6]", n.tag):
            s = base = slug(text_of(n))
            i = 2
            while s in used:
                s = "%s-%d" % (base, i)
                i += 1
            used.add(s)
            n.attrs["id"] = s
    return used


HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*"
                  r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.?")


def good_host(host):
    # "a host (a name, an IPv4 address or a bracketed IPv6 address)"
    if host.startswith("[") and host.endswith("]"):
        return re.fullmatch(r"[0-9a-fA-F:.]+", host[1:-1]) is not None
    try:
        host = ascii_host(host)
    except UnicodeError:
        return False
    return HOST.fullmatch(host) is not None


def ascii_host(host):
    # "an international host name such as 'ví-dụ.vn' in its ASCII form"
    # (the ASCII form is in lower case, as IDNA maps it).
    if host.isascii():
        return host.lower()
    return host.encode("idna").decode("ascii")


def keep_link(href, ids):
    """The link rule of lecturepack.5 (Markdown): the href written, or
    None when the link loses its target."""
    # "Links may be http: or https: with a host (a name, an IPv4 address
    # or a bracketed IPv6 address) and an optional port from 1 to 65535,
    # mailto: with one or more addresses local@domain, tel: with a number
    # (digits, a leading '+', and the separators '-', '.', '(', ')' and
    # space), or '#id' naming a heading of the same page. ... Any other
    # link keeps its text and loses its target, with a warning: other URL
    # schemes, such as javascript:, an invalid address ('http://',
    # 'mailto:', a bad host name or port), links without a scheme such as
    # '//host/x' or '///etc/passwd' ..., links to files ..., and '#id'
    # links to no heading."  (cmark --safe writes href="" for the unsafe
    # schemes it knows, which this rule drops too.)
    if href.startswith("#"):
        return href if urllib.parse.unquote(href[1:]) in ids else None
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):(.*)", href, re.S)
    if not m:
        return None
    # The scheme in lower case: "They are written in the form browsers and
    # EPUB readers expect" (and RFC 3986, 3.1: "schemes are
    # case-insensitive ... should only produce lowercase scheme names").
    scheme, rest = m.group(1).lower(), m.group(2)
    if scheme in ("http", "https"):
        a = re.match(r"//([^/?#]*)(.*)", rest, re.S)
        if not a:
            return None
        auth, tail = a.group(1), a.group(2)
        hp = re.fullmatch(r"(\[[^\]]*\]|[^:]*)(?::([0-9]*))?", auth)
        if not hp or not good_host(urllib.parse.unquote(hp.group(1))):
            return None
        port = hp.group(2)
        if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
            return None
        host = hp.group(1) if hp.group(1).startswith("[") else \
            ascii_host(urllib.parse.unquote(hp.group(1)))
        return "%s://%s%s%s" % (scheme, host,
                                ":" + port if port else "", tail)
    if scheme == "mailto":
        addrs = urllib.parse.unquote(rest.split("?")[0]).split(",")
        for a in addrs:
            am = re.fullmatch(r"[^@\s]+@([^@\s]+)", a.strip())
            if not am or not good_host(am.group(1)):
                return None
        local, _, domain = rest.rpartition("@")
        return "%s:%s@%s" % (scheme, local,
                             ascii_host(urllib.parse.unquote(domain)))
    if scheme == "tel":
        # "... and the spaces of a telephone number removed."
        num = urllib.parse.unquote(rest)
        if not re.fullmatch(r"\+?[0-9][0-9().\- ]*", num):
            return None
        return "%s:%s" % (scheme, num.replace(" ", ""))
    return None


def image_name(path):
    # lecturepack.5, Markdown: "Images are copied into the packs under
    # names made of A-Z a-z 0-9 . _ - only: any other name gets its
    # diacritics dropped, every other run of characters made one '-', and
    # a short hash"; "the content wins" over the extension.  Both sides
    # are written as IMAGE(folder/stem); the PNG files given here make
    # the extension .png.
    p = urllib.parse.unquote(path).lstrip("/")
    p = "".join(c for c in unicodedata.normalize("NFD", p)
                if not unicodedata.combining(c))
    p = re.sub(r"\.[A-Za-z0-9]+$", "", p)
    return "IMAGE(lectures/%s)" % re.sub(r"[^A-Za-z0-9._/-]+", "-", p)


def pack_image_name(src):
    m = re.fullmatch(r"media/(.*?)(?:-[0-9a-f]{8})?\.png", src)
    return "IMAGE(%s)" % m.group(1) if m else src


def drop_raw_html(node, dropped):
    # SPEC 3: "Raw HTML is not passed through: it is dropped with a warning
    # at its location"; cmark --safe leaves "<!-- raw HTML omitted -->".
    kids = [k for k in node.kids if k != ("comment", " raw HTML omitted ")]
    if len(kids) != len(node.kids):
        dropped.add("raw HTML")
    node.kids = merge_text(kids)
    for k in node.kids:
        if isinstance(k, Node):
            drop_raw_html(k, dropped)


def apply_links(node, ids, dropped):
    out = []
    for k in node.kids:
        if isinstance(k, Node):
            apply_links(k, ids, dropped)
            if k.tag == "a":
                href = keep_link(k.attrs.get("href", ""), ids)
                if href is None:
                    out.extend(k.kids)  # "keeps its text"
                    dropped.add("link")
                    continue
                k.attrs["href"] = href
            elif k.tag == "img":
                k.attrs["src"] = image_name(k.attrs.get("src", ""))
        out.append(k)
    node.kids = merge_text(out)


def figures(node, count):
    # lecturepack(5), Figures: "An image alone in its paragraph ... is a
    # <figure> captioned by its title, else its alt text (which stays on
    # the image), numbered in each lecture by the theme's figure_number
    # label ("Hình {n}.")".
    out = []
    for k in node.kids:
        if isinstance(k, Node):
            figures(k, count)
            kids = [x for x in k.kids if not (isinstance(x, str) and
                                              x.strip() == "")]
            if (k.tag == "p" and len(kids) == 1 and isinstance(kids[0], Node)
                    and kids[0].tag == "img" and kids[0].attrs.get("src")):
                img = kids[0]
                count[0] += 1
                cap = img.attrs.get("title") or img.attrs.get("alt", "")
                num = Node("span", [("class", "figure-number")])
                num.kids = ["Hình %d." % count[0]]
                fc = Node("figcaption")
                fc.kids = [num] + ([" " + cap] if cap else [])
                fig = Node("figure", [("class", "figure")])
                fig.kids = [img, fc]
                k = fig
        out.append(k)
    node.kids = out


def expect(cmark_html):
    """cmark's HTML with the rules applied, in canonical form, and what
    was dropped (each "with a warning")."""
    t = Tree(cmark_html).root
    dropped = set()
    drop_raw_html(t, dropped)
    ids = add_heading_ids(t)
    figures(t, [0])  # before links are dropped: an image in a link is not
    apply_links(t, ids, dropped)  # alone in its paragraph
    return canonical(t), dropped


def actual(body):
    t = Tree(body).root
    for _, n in walk(t):
        if n.tag == "img" and "src" in n.attrs:
            n.attrs["src"] = pack_image_name(n.attrs["src"])
    return canonical(t)


def body_of(page):
    """The lecture's body: <main>'s article minus the lecture header."""
    m = re.search(r'<main id="lp-main">\s*<article class="lecture">\s*'
                  r'(?:<header class="lecture-header">.*?</header>)?'
                  r'(.*?)</article>.*</main>', page, re.S)
    if m is None:
        return None
    # The page's own contents box and its headings' links to themselves
    # (lecturepack.5: pages) are the pack's, not the example's.
    body = re.sub(r'^\s*<details class="page-toc".*?</details>', "",
                  m.group(1), flags=re.S)
    return re.sub(r' <a class="heading-anchor"[^>]*>#</a>', "", body)


def short_diff(want, got):
    d = list(difflib.unified_diff(want.splitlines(), got.splitlines(),
                                  "cmark --safe", "lecturepack", n=0,
                                  lineterm=""))
    d = [x for x in d[2:] if not x.startswith("@@")]
    return [x[:160] for x in d[:8]] + (["..."] if len(d) > 8 else [])


# ---- the repository and the build ----------------------------------------

def png():
    """A valid 1x1 grey PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


def build(repo, ids):
    with open(os.path.join(repo, "curricula", "t.yaml"), "w") as f:
        # Typographic punctuation is on by default (SPEC 3): cmark is
        # run with --smart.
        f.write('title: "CommonMark 0.30"\ncenter: "lecturepack tests"\n'
                'lectures: [%s]\n' % ", ".join(ids))
    shutil.rmtree(os.path.join(repo, "out"), ignore_errors=True)
    r = subprocess.run([BIN, "build", "-o", "out", "curricula/t.yaml"],
                       cwd=repo, capture_output=True, text=True,
                       env=dict(os.environ, NO_COLOR="1"))
    errors, warnings = {}, {}
    for line in r.stderr.splitlines():
        m = re.match(r"lectures/ex-(\d+)\.md:(\d+):(\d+): (error|warning): "
                     r"(.*)", line)
        if m:
            to = errors if m.group(4) == "error" else warnings
            to.setdefault(int(m.group(1)), []).append(
                (int(m.group(2)) - FRONT, int(m.group(3)), m.group(5)))
    return r, errors, warnings


def main():
    if not os.path.isfile(SPEC):
        bad("spec.txt missing: run make check (it installs tests/node_modules)")
        finish()
    if shutil.which("cmark") is None:
        bad("cmark (the command) missing: run make check (it installs it)")
        finish()
    exs = examples(open(SPEC, encoding="utf-8").read())
    if len(exs) == 652:
        ok()
    else:
        bad("spec.txt holds %d examples, not 652" % len(exs))
    only = set()
    for a in sys.argv[1:]:
        if not a.isdigit() or not 1 <= int(a) <= len(exs):
            print("usage: commonmark.py [EXAMPLE-NUMBER...]", file=sys.stderr)
            sys.exit(2)
        only.add(int(a))
    tmp = tempfile.mkdtemp(prefix="lp-commonmark-")
    try:
        run(exs, tmp, only)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def run(exs, tmp, only):
    repo = os.path.join(tmp, "repo")
    os.makedirs(os.path.join(repo, "lectures"))
    os.makedirs(os.path.join(repo, "curricula"))
    shutil.copytree(os.path.join(TOP, "themes"), os.path.join(repo, "themes"))
    want, section, ids = {}, {}, []
    image = png()
    for n, sec, md in exs:
        lid = "ex-%03d" % n
        ids.append(lid)
        section[n] = sec
        with open(os.path.join(repo, "lectures", lid + ".md"), "w",
                  encoding="utf-8") as f:
            f.write('---\ntitle: "CommonMark example %d"\n---\n%s' % (n, md))
        html_out = subprocess.run(["cmark", "--safe", "--smart"], input=md.encode(),
                                  capture_output=True).stdout.decode()
        want[n] = expect(html_out)
        for src in re.findall(r'<img src="([^"]*)"', html_out):
            p = urllib.parse.unquote(html.unescape(src)).lstrip("/")
            if p and ":" not in p and ".." not in p.split("/"):
                f = os.path.join(repo, "lectures", p)
                os.makedirs(os.path.dirname(f), exist_ok=True)
                with open(f, "wb") as out:
                    out.write(image)

    r, errors, warnings = build(repo, ids)
    # The extension examples: the documented errors, on the lines given.
    for n, rules in sorted(EXTENSION.items()):
        got = errors.get(n, [])
        missing = [(ln, pat) for ln, pat in rules
                   if not any(g[0] == ln and re.search(pat, g[2]) for g in got)]
        extra = [g for g in got
                 if not any(g[0] == ln and re.search(pat, g[2])
                            for ln, pat in rules)]
        if not missing and not extra:
            ok()
        else:
            bad("example %d (%s): not the documented wiki-link errors"
                % (n, section[n]),
                ["wanted an error on line %d (%s)" % m for m in missing] +
                ["unexpected: %d:%d: %s" % g for g in extra])
    broken = sorted(n for n in errors if n not in EXTENSION)
    for n in broken:
        bad("example %d (%s): the build fails" % (n, section[n]),
            ["%d:%d: error: %s" % e for e in errors[n][:4]])
    # The extension examples are never compared with cmark.
    left_out = set(EXTENSION) | set(errors)
    if r.returncode != 0:
        r, errors, warnings = build(repo, [i for i in ids
                                           if int(i[3:]) not in left_out])
    if r.returncode != 0:
        bad("the pack does not build (exit %d)" % r.returncode,
            r.stderr.splitlines()[-6:])
        return
    ok()

    pack = os.path.join(repo, "out", "t")
    for n, sec, _ in exs:
        if n in left_out or (only and n not in only):
            continue
        try:
            page = open(os.path.join(pack, "ex-%03d.html" % n),
                        encoding="utf-8").read()
        except OSError:
            bad("example %d (%s): no page written" % (n, sec))
            continue
        body = body_of(page)
        if body is None:
            bad("example %d (%s): no lecture body in <main>" % (n, sec))
            continue
        got = actual(body)
        text, dropped = want[n]
        if only:
            print("== example %d, cmark --safe with the rules:\n%s"
                  "== lecturepack:\n%s" % (n, text, got))
        # Each thing dropped is dropped "with a warning".
        said = " ".join(w[2] for w in warnings.get(n, []))
        silent = [d for d in sorted(dropped)
                  if not re.search(WARNED[d], said)]
        if got == text and not silent:
            ok()
        elif got == text:
            bad("example %d (%s): %s dropped without a warning"
                % (n, sec, " and ".join(silent)))
        else:
            bad("example %d (%s):" % (n, sec), short_diff(text, got))

    if only:
        return
    vnu(pack)
    epubcheck(os.path.join(repo, "out", "t.epub"), tmp)


def vnu(pack):
    """The Nu Html Checker on every page of the pack: one check a page.
    As in tests/html.sh, what fails is an error (vnu's exit status);
    its "info warning" lines are not counted (example 79's empty headings,
    written by the Markdown itself, give "Empty heading")."""
    if not os.path.isfile(VNU):
        bad("vnu.jar missing: run make check (it installs tests/node_modules)")
        return
    pages = sorted(f for f in os.listdir(pack) if f.endswith(".html"))
    r = subprocess.run(["java", "-Xss8m", "-jar", VNU, "--format", "gnu"] +
                       pages, cwd=pack, capture_output=True, text=True)
    msgs, other = {}, []
    for line in (r.stdout + r.stderr).splitlines():
        m = re.match(r'"?(?:file:)?(?:.*/)?([^/:"]+\.html)"?:([0-9.-]+): '
                     r'(.*)', line)
        if not m:
            other.append(line)
        elif not m.group(3).startswith("info"):
            msgs.setdefault(m.group(1), []).append(
                "%s: %s" % (m.group(2), m.group(3)))
    for p in pages:
        if p in msgs:
            bad("vnu %s:" % p, msgs[p][:3])
        else:
            ok()
    if other or (r.returncode != 0 and not msgs):
        bad("vnu (exit %d):" % r.returncode, other[:5])


def epubcheck(epub, tmp):
    """EPUBCheck on the pack's EPUB: one check a content document, and one
    for the package's other files."""
    report = os.path.join(tmp, "epubcheck.json")
    subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", EPUBCHECK, epub, "--json", report],
                   capture_output=True)
    try:
        r = json.load(open(report, encoding="utf-8"))
    except (OSError, ValueError) as e:
        bad("EPUBCheck wrote no report: %s" % e)
        return
    msgs, seen = {}, 0
    for m in r["messages"]:
        if m["severity"] not in ("FATAL", "ERROR", "WARNING"):
            continue
        seen += 1
        locs = m["locations"] or [{}]
        for loc in locs:
            msgs.setdefault(loc.get("path") or "", []).append(
                "%s %s %s (line %s)" % (m["severity"], m["ID"], m["message"],
                                        loc.get("line")))
    docs = sorted(i["fileName"] for i in r.get("items", [])
                  if i.get("fileName", "").endswith(".xhtml"))
    for d in docs:
        if d in msgs:
            bad("EPUBCheck %s:" % d, msgs.pop(d)[:3])
        else:
            ok()
    rest = [x for v in msgs.values() for x in v]
    c = r["checker"]
    if rest or (c["nFatal"] or c["nError"] or c["nWarning"]) and not seen:
        bad("EPUBCheck t.epub:", rest[:5] or ["%(nFatal)d fatal, %(nError)d "
                                              "errors, %(nWarning)d warnings"
                                              % c])
    else:
        ok()


if __name__ == "__main__":
    main()
