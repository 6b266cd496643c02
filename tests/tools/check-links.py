#!/usr/bin/env python3
"""check-links.py DIR... - checks every link of an offline HTML pack.

For every *.html and *.xhtml file under each DIR, every href, src (and
srcset, poster, xlink:href) attribute is checked (SPEC section 9: relative
links only, no network resource of any kind):

  - http:, https:, mailto: and tel: are allowed only as the href of an
    <a> or <area>: anything that loads (src, <link href>, ...) must be a
    file of the pack;
  - any other scheme (javascript:, data:, file: ...), a protocol-relative
    //host URL and an absolute /path are errors (the last two also break
    when the pack is opened from file://);
  - a relative URL must name an existing file inside DIR after '..' and
    symbolic links are resolved;
  - a #fragment must be an id (or <a name>) in the target file, or in the
    same file for '#x'.

Prints "FILE: broken link 'URL' (reason)" for each broken link, then
"links: N checked, N broken".  Exit status: 0 all good, 1 broken links,
2 usage error.  Standard library only."""
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote

PAGE_EXT = (".html", ".xhtml", ".htm")
# Files whose ids a fragment can name.
ID_EXT = PAGE_EXT + (".svg", ".xml")
EXTERNAL = ("http", "https", "mailto", "tel")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
URL_ATTRS = ("href", "src", "poster", "xlink:href")


class Page(HTMLParser):
    """Collects the ids of a page and its URL attributes in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.urls = []          # (line, tag, attribute, url)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag in ("a", "map")):
                self.ids.add(value)
            elif name in URL_ATTRS:
                self.urls.append((line, tag, name, value))
            elif name == "srcset":
                for cand in value.split(","):
                    parts = cand.split()
                    if parts:
                        self.urls.append((line, tag, name, parts[0]))


def parse(path):
    page = Page()
    with open(path, encoding="utf-8", errors="replace") as f:
        page.feed(f.read())
    page.close()
    return page


class Checker:
    def __init__(self):
        self.checked = 0
        self.broken = 0
        self.pages = {}         # real path -> Page (parsed once)

    def page(self, real):
        if real not in self.pages:
            self.pages[real] = parse(real)
        return self.pages[real]

    def report(self, shown, url, reason):
        self.broken += 1
        # Control characters shown as escapes, so each report is one line.
        url = re.sub(r"[\x00-\x1f\x7f]",
                     lambda m: f"\\x{ord(m.group()):02x}", url)
        print(f"{shown}: broken link '{url}' ({reason})")

    def check_url(self, root, real_file, tag, attr, url):
        """Returns None when url is fine, else the reason."""
        # Browsers strip surrounding spaces and drop tabs and newlines.
        u = re.sub(r"[\t\n\r]", "", url.strip(" \t\n\r\f"))
        m = SCHEME.match(u)
        if m:
            scheme = m.group(1).lower()
            if scheme not in EXTERNAL:
                return f"'{scheme}:' URLs are not allowed"
            if attr == "href" and tag in ("a", "area"):
                return None
            return (f"<{tag} {attr}> loads from the network; packs "
                    f"must use their own files")
        if u.startswith("//") or u.startswith("\\\\"):
            return "protocol-relative URL: loads from the network"
        if u.startswith("/") or u.startswith("\\"):
            return "absolute path: breaks when opened from file://"
        if u == "":
            return "empty URL"
        path, _, frag = u.partition("#")
        path = path.partition("?")[0]
        if "\\" in path:
            return "backslash in path"
        if path == "":
            target = real_file
        else:
            joined = os.path.normpath(os.path.join(
                os.path.dirname(real_file), unquote(path)))
            if not inside(joined, root):
                return "points outside the pack"
            target = os.path.realpath(joined)
            if not inside(target, root):
                return "points outside the pack (symbolic link)"
            if os.path.isdir(target):
                return "is a folder, not a file"
            if not os.path.isfile(target):
                return "no such file"
            if path.endswith("/"):
                return "no such file"
        if frag == "":
            return None
        if not target.lower().endswith(ID_EXT):
            return None
        ids = self.page(target).ids
        if frag in ids or unquote(frag) in ids:
            return None
        where = "this page" if target == real_file else \
            os.path.relpath(target, root)
        return f"no id '{unquote(frag)}' in {where}"

    def check_dir(self, d):
        root = os.path.realpath(d)
        for dirpath, dirnames, filenames in os.walk(d):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.lower().endswith(PAGE_EXT):
                    continue
                shown = os.path.join(dirpath, name)
                real = os.path.realpath(shown)
                for line, tag, attr, url in self.page(real).urls:
                    self.checked += 1
                    why = self.check_url(root, real, tag, attr, url)
                    if why:
                        self.report(shown, url, f"{why}; line {line}")


def inside(path, root):
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def main(argv):
    if len(argv) < 2 or any(a in ("-h", "--help") for a in argv[1:]):
        print("usage: check-links.py DIR...", file=sys.stderr)
        return 2
    for d in argv[1:]:
        if not os.path.isdir(d):
            print(f"check-links.py: '{d}' is not a folder", file=sys.stderr)
            return 2
    c = Checker()
    for d in argv[1:]:
        c.check_dir(d)
    print(f"links: {c.checked} checked, {c.broken} broken")
    return 1 if c.broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
