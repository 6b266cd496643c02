#!/usr/bin/env python3
"""footnotes.py - lecturepack's footnotes against Debian's cmark-gfm.

Every golden case tests/golden/footnotes/gfm-*.md is written in the
footnote syntax GitHub and Pandoc share ([^id] references, [^id]:
definitions at the top level, blocks indented four spaces under them).
Its page body, the expected .html beside it (tests/golden.sh keeps that
equal to what the tool writes), is compared with

    cmark-gfm -e footnotes BODY

after both are brought to one structure: the blocks and inline markup
with no attributes, each reference as [N], the back links and the
footnotes' heading (a theme label) left out.  So the numbers, which note
each reference opens, the order of the notes and what each holds must
be the same.

Differences kept on purpose, and so not in these cases:
  - a definition inside a list item or block quote: cmark-gfm accepts it;
    lecturepack follows Pandoc (definitions at the top level only) and
    reports the reference as undefined;
  - Pandoc's inline notes ^[...]: cmark-gfm has none;
  - labels differing only in case ([^Note] and [^note]:): cmark-gfm folds
    case; lecturepack, as Pandoc, does not, and reports the reference as
    undefined;
  - ids (lp-fn-N, not fn-LABEL), the back link's words, and
    epub:type in EPUB pages.

Ends with "footnotes: N passed, N failed".  Standard library only.
"""

import glob
import html
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def body_of(md):
    """The Markdown after the front matter."""
    if md.startswith("---\n"):
        end = md.index("\n---\n", 4)
        return md[end + 5:]
    return md


def lecture_main(page):
    """The lecture's content in the golden .html: after its header."""
    start = page.index("</header>\n") + len("</header>\n")
    return page[start:page.index("</article>")]


def normal(s):
    s = re.sub(r'<sup class="footnote-ref"><a [^>]*>(\d+)</a></sup>',
               r"[\1]", s)
    # Back links: cmark-gfm's (one per reference) and lecturepack's.
    s = re.sub(r'<a href="#fnref[^"]*" class="footnote-backref"[^>]*>.*?'
               r'</a>', "", s)
    s = re.sub(r'<a class="footnote-back"[^>]*>.*?</a>', "", s)
    s = re.sub(r'<h2 class="footnotes-title">.*?</h2>', "", s)
    # The page's own contents box and its headings' links, not content.
    s = re.sub(r'<details class="page-toc".*?</details>', "", s, flags=re.S)
    s = re.sub(r' <a class="heading-anchor"[^>]*>#</a>', "", s)
    s = re.sub(r"<([a-z0-9]+)(\s[^>]*)?>", r"<\1>", s)
    s = html.unescape(s)
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\s*(</?(p|li|ol|ul|section|blockquote|pre)>)\s*", r"\1",
               s)
    s = s.replace("<p></p>", "")
    return s.strip()


def main():
    gfm = shutil.which("cmark-gfm")
    passed = failed = 0
    if gfm is None:
        print("FAIL cmark-gfm is missing: run make check (it installs it)")
        print("footnotes: 0 passed, 1 failed")
        return 1
    cases = sorted(glob.glob(os.path.join(TOP, "tests/golden/footnotes/"
                                               "gfm-*.md")))
    for md in cases:
        name = os.path.basename(md)[:-3]
        with open(md, encoding="utf-8") as f:
            body = body_of(f.read())
        with open(md[:-3] + ".html", encoding="utf-8") as f:
            ours = normal(lecture_main(f.read()))
        ref = subprocess.run([gfm, "-e", "footnotes"], input=body,
                             capture_output=True, text=True, check=True)
        theirs = normal(ref.stdout)
        # Headings: lecturepack gives them ids (gone above) and nothing
        # else; cmark-gfm the same markup.
        if ours == theirs:
            passed += 1
        else:
            failed += 1
            print("FAIL %s differs from cmark-gfm -e footnotes" % name)
            print("  lecturepack: %s" % ours[:600])
            print("  cmark-gfm:   %s" % theirs[:600])
    print("footnotes: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
