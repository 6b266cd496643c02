#!/usr/bin/env python3
"""check-report-schema.py REPORT.json - checks a `lecturepack report
--format json` document against the schema of SPEC section 8: exactly
these keys, these types, and counts that agree with each other."""
import json
import re
import sys

ROMAN = re.compile(r"^(IX|X|XI|XII|XIII|XIV|XV|XVI|XVII|XVIII|XIX|XX)$")
STATUSES = ("outdated", "partial", "updated", "unmarked")
errors = []


def need(cond, msg):
    if not cond:
        errors.append(msg)


def check_keys(obj, keys, where):
    need(isinstance(obj, dict), f"{where}: not an object")
    if isinstance(obj, dict):
        need(set(obj) == set(keys),
             f"{where}: keys {sorted(obj)} != {sorted(keys)}")


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    check_keys(doc, ["current", "summary", "lectures"], "top")
    need(ROMAN.match(str(doc.get("current"))), "current: not a numeral")
    s = doc.get("summary", {})
    check_keys(s, ["lectures"] + list(STATUSES), "summary")
    lectures = doc.get("lectures", [])
    need(isinstance(lectures, list), "lectures: not a list")
    need(s.get("lectures") == len(lectures), "summary.lectures != count")
    for st in STATUSES:
        n = sum(1 for l in lectures if l.get("status") == st)
        need(s.get(st) == n, f"summary.{st} = {s.get(st)}, rows say {n}")
    for i, l in enumerate(lectures):
        w = f"lectures[{i}]"
        check_keys(l, ["id", "file", "title", "status", "updated", "counts",
                       "outdated", "links", "curricula"], w)
        need(re.match(r"^[a-z0-9][a-z0-9-]*$", l.get("id", "")), f"{w}.id")
        need(isinstance(l.get("file"), str) and l["file"].endswith(".md"),
             f"{w}.file")
        need(isinstance(l.get("title"), str), f"{w}.title")
        need(l.get("status") in STATUSES, f"{w}.status")
        u = l.get("updated")
        need(u is None or re.match(r"^\d{4}-\d\d-\d\d$", u), f"{w}.updated")
        c = l.get("counts", {})
        need(isinstance(c, dict) and all(ROMAN.match(k) and
             isinstance(v, int) and v > 0 for k, v in c.items()),
             f"{w}.counts")
        baselines = 0
        for j, o in enumerate(l.get("outdated", [])):
            wo = f"{w}.outdated[{j}]"
            # The baseline part also names the sections it covers.
            if isinstance(o, dict) and "baseline" in o:
                check_keys(o, ["line", "title", "congress", "baseline",
                               "sections"], wo)
                need(o.get("baseline") is True, f"{wo}.baseline")
                baselines += 1
                secs = o.get("sections")
                need(isinstance(secs, list), f"{wo}.sections: not a list")
                for k, sec in enumerate(secs or []):
                    check_keys(sec, ["line", "title"], f"{wo}.sections[{k}]")
                    need(isinstance(sec.get("line"), int) and
                         sec["line"] > 0, f"{wo}.sections[{k}].line")
                    need(isinstance(sec.get("title"), str),
                         f"{wo}.sections[{k}].title")
            else:
                check_keys(o, ["line", "title", "congress"], wo)
            need(isinstance(o.get("line"), int) and o["line"] > 0,
                 f"{wo}.line")
            need(isinstance(o.get("title"), str), f"{wo}.title")
            # "?": a mark written wrong (an error was given)
            need(ROMAN.match(str(o.get("congress"))) or
                 o.get("congress") == "?", f"{wo}.congress")
        need(baselines <= 1, f"{w}.outdated: {baselines} baseline parts")
        check_keys(l.get("links", {}), ["province", "district", "commune", "old_term"], f"{w}.links")
        need(all(isinstance(v, int) and v >= 0
                 for v in l.get("links", {}).values()), f"{w}.links values")
        need(isinstance(l.get("curricula"), list) and
             all(isinstance(x, str) for x in l["curricula"]),
             f"{w}.curricula")
        need((l.get("status") in ("outdated", "partial")) ==
             bool(l.get("outdated")), f"{w}: status and outdated disagree")
    for e in errors:
        print(f"{path}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
