#!/bin/sh
# Download the pages listed in manifest.jsonl from GitHub at their recorded commits into pages/
# (git-ignored: other people's pages never enter the repository). Needs curl and python3.
set -eu
cd "$(dirname "$0")"
mkdir -p pages
python3 - <<'PY' | while read -r url out; do curl -fsSL "$url" -o "pages/$out"; echo "pages/$out"; done
import json
for l in open("manifest.jsonl"):
    r = json.loads(l)
    for kind in ("source", "expected"):
        print(f"https://raw.githubusercontent.com/{r['repo']}/{r[kind + '_commit']}/{r[kind + '_path']} {r['name']}.{kind}.html")
PY
