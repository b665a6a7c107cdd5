#!/usr/bin/env python3
"""Write manifest.jsonl from pages/fetched.jsonl (what was downloaded, with commits and hashes).

Split: the pages looked at while building main-content selection are `tune`; every other page is
`holdout`, measured once and never used to change the selection.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
TUNE = {"ars-1", "france24-1", "herald-sun-1", "lwn-1", "medicalnewstoday", "tmz-1"}

rows = [json.loads(l) for l in open(os.path.join(HERE, "pages", "fetched.jsonl")) if l.strip()]
with open(os.path.join(HERE, "manifest.jsonl"), "w") as out:
    for r in sorted(rows, key=lambda r: r["name"]):
        r["split"] = "tune" if r["name"] in TUNE else "holdout"
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"{len(rows)} pages, {sum(r['name'] in TUNE for r in rows)} tune")
