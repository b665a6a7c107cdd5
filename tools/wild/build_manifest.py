#!/usr/bin/env python3
"""Build tools/wild/manifest.jsonl from the page folder (tools/wild/pages/, git-ignored).

Each page is two files written by the annotator before mtlint ever ran on it:
  pages/<id>.txt       the excerpt as the search tool's `pages` corpus returned it, cut to
                       `keep_bytes` (the last complete sentence when the excerpt was truncated)
  pages/<id>.ann.json  {"id","url","query","kind":"damaged"|"clean","keep_bytes","source_note",
                        "annotations":[{"text","occurrence","category","level":"certain"|"possible","note"}]}

The manifest holds no page text: per page its id (sha256 of the URL, 12 hex), URL, query, kind,
split, the sha256 and length of the excerpt, its word count, and per annotation the byte span, the
sha256 of the flagged text, category and level. The split is fixed once, by the id's hash,
alternating within each kind: `tune` pages may be looked at while writing rules, `holdout` pages
only through score.py.

usage: tools/wild/build_manifest.py
"""
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"


def sha(b):
    return hashlib.sha256(b).hexdigest()


def main():
    pages = []
    for ann_path in sorted(PAGES.glob("*.ann.json")):
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        pid = ann["id"]
        raw = (PAGES / f"{pid}.txt").read_bytes()
        text = raw.decode("utf-8")
        assert sha(ann["url"].encode())[:12] == pid, f"{pid}: id is not the hash of its URL"
        assert len(raw) == ann["keep_bytes"], f"{pid}: length differs from keep_bytes"
        spans = []
        for a in ann["annotations"]:
            needle = a["text"].encode("utf-8")
            start = -1
            for _ in range(a.get("occurrence", 1)):
                start = raw.find(needle, start + 1)
                assert start >= 0, f"{pid}: {a['text']!r} not found"
            spans.append({
                "start": start, "end": start + len(needle), "sha256": sha(needle),
                "category": a["category"], "level": a["level"],
            })
        pages.append({
            "id": pid, "url": ann["url"], "query": ann["query"], "kind": ann["kind"],
            "sha256": sha(raw), "bytes": len(raw), "words": len(text.split()),
            "annotations": spans,
        })
    for kind in ("damaged", "clean"):
        ordered = sorted((p for p in pages if p["kind"] == kind), key=lambda p: sha(p["id"].encode()))
        for i, p in enumerate(ordered):
            p["split"] = "tune" if i % 2 == 0 else "holdout"
    out = HERE / "manifest.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for p in sorted(pages, key=lambda p: p["id"]):
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    n = {(p["kind"], p["split"]): 0 for p in pages}
    for p in pages:
        n[(p["kind"], p["split"])] += 1
    print(f"{out}: {len(pages)} pages", dict(sorted(n.items())))


if __name__ == "__main__":
    main()
