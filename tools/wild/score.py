#!/usr/bin/env python3
"""Score mtlint on the development set of real pages (tools/wild/manifest.jsonl).

usage: tools/wild/score.py [--split tune|holdout|all] [--mtlint PATH] [--show]

Runs `mtlint check --format json` on every page of the split found in tools/wild/pages/ (pages
whose sha256 differs from the manifest are skipped and named), then reports:
  recall     certain defects covered by a warning or error (span overlap)
  precision  warnings and errors that overlap an annotated defect (certain or possible)
  clean      warnings and errors outside annotations per 1,000 words of the clean pages
With --show, misses and unexpected warnings are listed (use it on the tune split only).
"""
import argparse
import hashlib
import json
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
RANK = {"info": 0, "warning": 1, "error": 2}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="tune", choices=["tune", "holdout", "all"])
    ap.add_argument("--mtlint", default=str(HERE.parent.parent / "target" / "release" / "mtlint"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    pages = [json.loads(l) for l in (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    pages = [p for p in pages if args.split == "all" or p["split"] == args.split]
    present = []
    for p in pages:
        f = HERE / "pages" / f"{p['id']}.txt"
        if not f.exists() or hashlib.sha256(f.read_bytes()).hexdigest() != p["sha256"]:
            print(f"skipped {p['id']}: page missing or changed (rebuild it from its query)")
            continue
        present.append((p, f))
    out = subprocess.run([args.mtlint, "check", "--no-config", "--format", "json", *[str(f) for _, f in present]],
                         capture_output=True, text=True)
    diags = defaultdict(list)
    for line in out.stdout.splitlines():
        d = json.loads(line)
        if d.get("type") == "diagnostic":
            diags[Path(d["file"]).stem].append(d)
    found = total = warn = warn_ok = 0
    clean_words = clean_false = 0
    by_cat = Counter(); by_cat_found = Counter(); fp_rules = Counter()
    for p, f in present:
        text = f.read_bytes()
        anns = p["annotations"]
        ws = [d for d in diags[p["id"]] if RANK[d["severity"]] >= 1]
        ov = lambda d, a: d["span"]["start"] < a["end"] and a["start"] < max(d["span"]["end"], d["span"]["start"] + 1)
        for a in anns:
            if a["level"] != "certain":
                continue
            total += 1; by_cat[a["category"]] += 1
            if any(ov(d, a) for d in ws):
                found += 1; by_cat_found[a["category"]] += 1
            elif args.show:
                print(f"  miss {p['id']} {a['category']:<11} {text[a['start']:a['end']].decode()[:70]!r}")
        for d in ws:
            warn += 1
            if any(ov(d, a) for a in anns):
                warn_ok += 1
            else:
                fp_rules[d["rule"]] += 1
                if p["kind"] == "clean":
                    clean_false += 1
                if args.show:
                    print(f"  false {p['id']} {d['rule']} {d['text'][:50]!r}: {d['message'][:80]}")
        if p["kind"] == "clean":
            clean_words += p["words"]
    pct = lambda a, b: f"{100 * a / b:.0f}%" if b else "n/a"
    print(f"split {args.split}: {len(present)} pages; recall {found}/{total} = {pct(found, total)} of certain defects; "
          f"precision {warn_ok}/{warn} = {pct(warn_ok, warn)} of warnings; "
          f"clean pages {clean_false} false warnings in {clean_words} words = {1000 * clean_false / max(clean_words, 1):.2f} per 1,000")
    print("recall by category:", ", ".join(f"{c} {by_cat_found[c]}/{n}" for c, n in by_cat.most_common()))
    if fp_rules:
        print("false warnings by rule:", ", ".join(f"{r} {n}" for r, n in fp_rules.most_common()))


if __name__ == "__main__":
    main()
