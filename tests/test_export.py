"""Data out: `casebook export` (JSON, CSV for Excel), `casebook stats`, and data/ on the site."""

from __future__ import annotations

import csv
import io
import json

from casebook.cli import main
from casebook.outputs.export import columns, counts
from casefixtures import REPO, VALID_CASE


def test_csv_opens_as_utf8_with_bom_and_has_every_case(library, tmp_path, capsys):
    out = tmp_path / "cases.csv"
    assert main(["export", "--root", str(REPO), "--format", "csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(columns(library.declaration, library.places)) and len(rows) == len(library.cases)
    assert list(rows[0]) == ["slug", "title", "summary", "province", "city", "county", "scope", "stages", "topics", "tags",
                             "brand", "organization", "date", "sources", "metrics", "kind", "page"]
    case = library.cases[0]
    row = next(r for r in rows if r["slug"] == case.slug)
    assert row["title"] == case.title and row["stages"] == "、".join(case.value("stages"))
    assert row["province"] == case.place.top and row["date"] == case.date.isoformat()
    assert row["metrics"].count("；") == max(len(case.metrics) - 1, 0)
    assert f"《{case.sources[0].title}》" in row["sources"]


def test_json_keeps_lists(library, capsys):
    assert main(["export", "--root", str(REPO)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["slug"] for d in data] == [c.slug for c in library.cases]
    assert data[0]["topics"] == list(library.cases[0].value("topics"))


def test_stats_counts_each_case_once_per_value(library, capsys):
    assert main(["stats", "--root", str(REPO)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"共 {len(library.cases)} 个案例")
    by_province = counts(library, library.cases)["地区"]
    assert sum(by_province.values()) == len(library.cases)
    for province, n in by_province.items():
        assert any(line.split() == [province.replace("\u3000", ""), str(n)] or
                   (line.strip().startswith(province) and line.strip().endswith(f" {n}")) for line in out.splitlines())


def test_an_invalid_library_is_not_exported(repo, tmp_path, capsys):
    repo.case(text=VALID_CASE.replace("scope: 省级", "scope: x"))
    out = tmp_path / "x.csv"
    assert main(["export", "--root", str(repo.root), "--format", "csv", "-o", str(out)]) == 1
    assert not out.exists() and "scope" in capsys.readouterr().out


def test_the_site_publishes_both(site, library):
    data = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert len(data) == len(library.cases)
    assert (site / "data" / "cases.csv").read_bytes().startswith(b"\xef\xbb\xbf")
