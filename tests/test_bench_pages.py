"""`newspipe bench pages`: per-page fingerprints and their comparison, on pages written here."""

from __future__ import annotations

import gzip
import json

from pipeline.bench import pages
from pipeline.bench.scoring import half_of


def _ids(half: int, n: int) -> list[str]:
    """Page ids that the fixed split puts in `half`."""
    out = [f"p{i}" for i in range(200) if half_of(f"p{i}") == half]
    return out[:n]


def test_compare_counts_pages_per_half_and_cell():
    (a, b), (c,) = _ids(0, 2), _ids(1, 1)
    old = {"x[s]": {a: 0.5, b: 0.9, c: 0.7}, "y[s]": {a: 1.0}, "gone[s]": {a: 1.0}}
    new = {"x[s]": {a: 0.6, b: 0.9004, c: 0.2}, "y[s]": {a: 0.99}, "new[s]": {a: 1.0}}
    diff = pages.compare(old, new)
    assert diff["halves"][0]["pages"] == 3 and diff["halves"][1]["pages"] == 1
    assert (diff["halves"][0]["up"], diff["halves"][0]["down"]) == (1, 1)  # b moved less than MOVED
    assert (diff["halves"][1]["up"], diff["halves"][1]["down"]) == (0, 1)
    assert diff["halves"][1]["drops"] == [(-0.5, "x[s]", c, 0.7, 0.2)]
    assert diff["cells"] == {"x[s]": (1, 1), "y[s]": (0, 1)}
    assert diff["only_old"] == ["gone[s]"] and diff["only_new"] == ["new[s]"]


def test_below_bare_lists_pages_per_half_worst_first():
    (a, b), (c,) = _ids(0, 2), _ids(1, 1)
    prints = {"x[s]": {a: 0.5, b: 0.94, c: 0.1}, "title[s]": {a: 1}}
    bare = {"x[s]": {a: 0.9, b: 0.98, c: 0.4}}  # b only 0.04 below; no bare for the title
    assert pages.below_bare(prints, bare) == {0: [(-0.4, "x[s]", a)], 1: [(-0.3, "x[s]", c)]}


_PARAGRAPH = ("The council of {town} met on Tuesday evening to discuss the new bridge over the river, "
              "which residents say has been delayed for {n} years by disputes over funding and land.")


def _write_set(root, name: str, n: int) -> None:
    """A set in the eval folder's layout: ground-truth.json and html/<id>.html.gz."""
    truth = {}
    (root / name / "html").mkdir(parents=True)
    for i in range(n):
        town = f"Town{i}"
        paras = [_PARAGRAPH.format(town=town, n=i + k) for k in range(5)]
        title = f"Bridge delays anger residents of {town}"
        html = (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
                f"<article><h1>{title}</h1><p class='byline'>By Ann Lee</p>"
                + "".join(f"<p>{p}</p>" for p in paras) + "</article><footer>© News</footer></body></html>")
        pid = f"{name[:3]}{i}"
        truth[pid] = {"url": f"https://news.example/{pid}", "articleBody": "\n".join(paras), "title": title,
                      "authors": "Ann Lee", "date": "NaT"}
        with gzip.open(root / name / "html" / f"{pid}.html.gz", "wt", encoding="utf-8") as fh:
            fh.write(html)
    (root / name / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_fingerprints_of_written_pages_and_a_rerun_that_changed_nothing(tmp_path):
    _write_set(tmp_path, "extraction-aeb", 1)
    _write_set(tmp_path, "metadata-naeb", 11)  # more than the ten cards a portal shows
    out = tmp_path / "fp.json"
    got = pages.run(tmp_path, out=out, workers=1, with_bare=True)
    saved = json.loads(out.read_text())
    prints, bare = saved["pipeline"], saved["bare"]
    assert got["fingerprints"] == sum(map(len, prints.values()))
    assert set(bare) == {c for c in prints if not c.startswith(pages.FIELDS)}  # bare has no fields
    assert set(got["below_bare"]) == {0, 1}
    published = prints["as published[metadata-naeb]"]
    assert len(published) == 11 and min(published.values()) > 0.9
    assert set(prints["title[metadata-naeb]"].values()) == {1}
    assert any(k.startswith("portal: whole") for k in prints) and any(k.startswith("photos: hashed") for k in prints)
    # a page made worse in the "old" run counts as up in this one; nothing else moved
    old = json.loads(out.read_text())
    old["pipeline"]["as published[metadata-naeb]"]["met0"] = 0.5
    old["bare"]["as published[metadata-naeb]"]["met1"] = 1.5  # bare is read from the old run: a page far below it
    (tmp_path / "old.json").write_text(json.dumps(old))
    rerun = pages.run(tmp_path, out=tmp_path / "fp2.json", against=tmp_path / "old.json", workers=1)
    below = [p for h in rerun["below_bare"].values() for _, _, p in h]
    assert below == ["met1"]
    again = rerun["against"]
    moved = [(h["up"], h["down"]) for h in again["halves"].values()]
    assert sorted(moved) == [(0, 0), (1, 0)] and again["cells"] == {"as published[metadata-naeb]": (1, 0)}
