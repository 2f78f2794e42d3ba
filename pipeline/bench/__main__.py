"""`python -m pipeline.bench [all|extraction|langid|translate|store|cost]`: every figure in one run;
`pages`: per-page fingerprints to check an extraction rule (not part of `all`)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys

from . import eval_dir

PARTS = ("extraction", "langid", "translate", "store", "cost")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newspipe bench", description=__doc__)
    parser.add_argument("what", nargs="?", default="all", choices=("all", *PARTS, "pages"))
    parser.add_argument("--eval-dir", default=None)
    parser.add_argument("--json", default=None, help="also write all figures to this JSON file")
    parser.add_argument("--memory", type=int, default=5000, metavar="N",
                        help="extraction: RSS growth over N pages (0 to skip; takes minutes)")
    parser.add_argument("--half", type=int, choices=(0, 1), default=None,
                        help="extraction: quality on one half of the dev pages only (develop on one, confirm on the other)")
    parser.add_argument("--no-speed", action="store_true", help="extraction: quality figures only")
    parser.add_argument("--fingerprints", default=None, metavar="OUT.json",
                        help="pages: write every dev page's F1 under every probe here")
    parser.add_argument("--against", default=None, metavar="OLD.json",
                        help="pages: compare with an earlier run's fingerprints, page by page, per half")
    parser.add_argument("--bare", action="store_true",
                        help="pages: also bare trafilatura on every page, and the pages below it")
    args = parser.parse_args(argv)
    root = eval_dir(args.eval_dir)
    if root is None:
        print("bench: evaluation folder not found (../shared/eval or NEWSPIPE_EVAL_DIR); "
              "quality figures skipped", file=sys.stderr)
    figures: dict = {}
    for part in PARTS if args.what == "all" else (args.what,):
        print(f"\n===== {part} =====", flush=True)
        module = importlib.import_module(f"{__package__}.{part}")
        kwargs: dict = {}
        if part == "pages":
            kwargs = {"half": args.half, "out": args.fingerprints, "against": args.against, "with_bare": args.bare}
        elif part == "extraction":
            kwargs = {"memory_pages": args.memory, "half": args.half, "do_speed": not args.no_speed and args.half is None,
                      "chart_path": None if args.half is not None else "docs/bench-stages.png"}
        figures[part] = module.run(root, **kwargs)
        if hasattr(module, "print_report"):  # parts whose run() returns figures without printing them
            module.print_report(figures[part])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
