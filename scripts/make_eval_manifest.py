"""Write a JSON Lines manifest for an evaluation set so `newspipe ingest-files` can process it.

    python scripts/make_eval_manifest.py metadata-naeb /tmp/naeb/manifest.jsonl
    newspipe ingest-files /tmp/naeb/manifest.jsonl --store /tmp/naeb-store --no-translate --allow-outside

Paths in the manifest are relative to the manifest's folder; the pages are read in
place from ../shared/eval (never copied), so they lie outside the manifest's folder
and ingest-files needs --allow-outside (without it every line is an
`outside_manifest_dir` skip and the command exits 3).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.bench import eval_dir  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    name, out = argv
    root = eval_dir()
    if root is None or not (root / name).is_dir():
        print(f"evaluation set {name!r} not found under ../shared/eval; nothing to do", file=sys.stderr)
        return 0
    truth = json.loads((root / name / "ground-truth.json").read_text(encoding="utf-8"))
    manifest = Path(out).resolve()
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with open(manifest, "w", encoding="utf-8") as fh:
        for page_id, entry in sorted(truth.items()):
            page = root / name / "html" / f"{page_id}.html.gz"
            if page.exists():
                rel = os.path.relpath(page, manifest.parent)
                fh.write(json.dumps({"url": entry["url"], "path": rel, "source": name}) + "\n")
    print(manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
