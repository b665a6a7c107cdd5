#!/usr/bin/env python3
"""Measure HTML main-content selection on real whole pages kept outside the repository.

The pages are Mozilla Readability's test pages (github.com/mozilla/readability, Apache-2.0,
test/test-pages/<name>/source.html and expected.html), listed with their commits and hashes in
`manifest.jsonl`; fetch them into `pages/` (git-ignored) before running. For every page:

- selection: how much of Readability's article (expected.html, words) mtlint's article scope
  lints (recall), and how much of what it lints is in that article (precision), as bags of words;
- warnings: findings at warning level or above, in article scope and in page scope;
- injected damage: a misspelt name and a glued sentence appended to the article's first
  paragraph, each reported at its bytes or not.

Usage: score.py [--mtlint PATH] [--split tune|holdout|all] [--show]
"""
import argparse, collections, hashlib, html, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def words(text):
    return collections.Counter(re.findall(r"\w+", text.lower()))


def strip_tags(src):
    src = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", src)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", src))


def extracted(mtlint, path):
    out = subprocess.run([mtlint, "--no-config", "segments", "--show-extracted", path], capture_output=True, text=True).stdout
    m = re.search(r"--- extracted text ---\n(.*?)\n--- end ---", out, re.S)
    return m.group(1) if m else ""


def warnings(mtlint, path, scope):
    out = subprocess.run([mtlint, "--no-config", "check", "--format", "json", "--html-scope", scope, path], capture_output=True, text=True).stdout
    found = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    return [f for f in found if f.get("severity") in ("warning", "error")]


DAMAGE = " Officials said Emmanuel Macorn would attend. The talks ended on Thursday.Negotiators left."


def inject(src, expected_text):
    """The page with DAMAGE appended to the first paragraph of the article (a `<p>` of 80+
    characters whose words Readability also extracted), and the byte offset where it starts."""
    want = set(re.findall(r"\w+", expected_text.lower()))
    for m in re.finditer(r"(?is)<p\b[^>]*>(.*?)</p>", src):
        text = strip_tags(m.group(1))
        ws = re.findall(r"\w+", text.lower())
        if len(text) >= 80 and ws and sum(w in want for w in ws) / len(ws) > 0.9:
            at = m.end(1)
            return src[:at] + DAMAGE + src[at:], len(src[:at].encode())
    return None, None


def found_injected(mtlint, page, at, tmp):
    """Are the misspelt name and the glued sentence reported at their bytes?"""
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    out = subprocess.run([mtlint, "--no-config", "check", "--format", "json", tmp], capture_output=True, text=True).stdout
    starts = {json.loads(l)["span"]["start"] for l in out.splitlines() if l.startswith('{"type":"diagnostic"')}
    return [at + len(DAMAGE[: DAMAGE.index(w)].encode()) in starts for w in ("Macorn", "Thursday.Negotiators")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mtlint", default=os.path.join(HERE, "../../target/release/mtlint"))
    ap.add_argument("--split", default="all", choices=["tune", "holdout", "all"])
    ap.add_argument("--show", action="store_true", help="print every warning")
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(os.path.join(HERE, "manifest.jsonl"))]
    rows = [r for r in rows if a.split == "all" or r["split"] == a.split]
    tot = collections.Counter()
    print(f"{'page':24} {'recall':>6} {'prec':>6} {'article':>7} {'page':>5}")
    for r in rows:
        src = os.path.join(HERE, "pages", r["name"] + ".source.html")
        exp = os.path.join(HERE, "pages", r["name"] + ".expected.html")
        if not os.path.exists(src):
            print(f"{r['name']:24} missing (fetch it first: fetch.sh)")
            continue
        if "source_sha256" in r and hashlib.sha256(open(src, "rb").read()).hexdigest() != r["source_sha256"]:
            print(f"{r['name']:24} changed since the manifest (sha256 differs): skipped")
            continue
        got, want = words(extracted(a.mtlint, src)), words(strip_tags(open(exp, encoding="utf-8").read()))
        common = sum((got & want).values())
        rec = common / max(1, sum(want.values()))
        prec = common / max(1, sum(got.values()))
        wa, wp = warnings(a.mtlint, src, "article"), warnings(a.mtlint, src, "page")
        page, at = inject(open(src, encoding="utf-8").read(), strip_tags(open(exp, encoding="utf-8").read()))
        hit = found_injected(a.mtlint, page, at, "/tmp/mtlint-wholepage.html") if page else [False, False]
        tot["name_found"] += hit[0]
        tot["glue_found"] += hit[1]
        print(f"{r['name']:24} {rec:6.2f} {prec:6.2f} {len(wa):7} {len(wp):5}  injected: name {'found' if hit[0] else 'MISSED'}, glued {'found' if hit[1] else 'MISSED'}")
        if a.show:
            for f in wa:
                print(f"    {f['rule']} {f['line']}:{f['column']} {f['text'][:70]!r}")
        tot["pages"] += 1
        tot["recall"] += rec
        tot["precision"] += prec
        tot["article"] += len(wa)
        tot["page"] += len(wp)
    n = max(1, tot["pages"])
    print(f"injected damage found: misspelt name {tot['name_found']}/{tot['pages']}, glued sentence {tot['glue_found']}/{tot['pages']}")
    print(f"{tot['pages']} pages: mean recall {tot['recall']/n:.2f}, mean precision {tot['precision']/n:.2f}, "
          f"warnings per page {tot['article']/n:.2f} (article scope) vs {tot['page']/n:.2f} (page scope)")


if __name__ == "__main__":
    main()
