"""A second library with no code of its own: English, another field, fields the first library does not
have (a country → region hierarchy it ships, a setting from fixed values, numbers with a range, the
kind of evidence, a plan's phase). It validates, builds, searches, exports and counts in English."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest

from casebook.check.library import load_library
from casebook.cli import main
from casebook.render.search_index import build_index, matching, query_words
from casefixtures import REPO

EXAMPLE = REPO / "examples" / "community-health"
HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def visible(html: str) -> str:
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_validates_with_its_own_fields(english_library):
    assert english_library.problems == [] and len(english_library.cases) >= 8
    case = english_library.by_slug()["fenholt-market-handwashing-champions"]
    assert case.place.names == ("Northmarch", "Fenholt") and case.place.label == "Fenholt, Northmarch"
    assert case.value("setting") == "rural" and case.value("started") == 2019 and case.value("reach") == 12400
    assert case.value("themes") == ("Hand hygiene",) and case.value("phase") == "running"  # the declared default
    assert [m.target for m in case.metrics] == [False, False, False, True]  # "type: target", in English


@pytest.fixture
def english_copy(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "lib", ignore=shutil.ignore_patterns("site", ".cache"))
    return tmp_path / "lib"


def test_its_mistakes_are_explained_in_english(english_copy, capsys):
    path = english_copy / "cases" / "northmarch" / "fenholt-market-handwashing-champions.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  region: Fenholt", "  region: Fenhol").replace("setting: rural", "setting: village")
                    .replace("started: 2019", "started: 1890").replace("reach: 12400", 'reach: "12,400"')
                    .replace("themes: [Hand hygiene]", "themes: [Handwashing]"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert not HAN.search(out.out + out.err), out.out
    rel = "cases/northmarch/fenholt-market-handwashing-champions.md"
    assert [line.split(": ", 2)[:2] for line in lines] == [
        [f"{rel}:9", "location.region"], [f"{rel}:10", "setting"], [f"{rel}:11", "themes[1]"],
        [f"{rel}:15", "started"], [f"{rel}:16", "reach"]]
    assert "Fenholt" in lines[0]  # did you mean
    assert "urban, peri-urban, rural" in lines[1]
    assert "cases/_vocabularies.yml" in lines[2]
    assert "1990" in lines[3]
    assert "12400" in lines[4]


def test_it_builds_in_english_throughout(english_site, english_library):
    pages = sorted(english_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        text = visible(page.read_text(encoding="utf-8"))
        assert not HAN.search(text), (page, HAN.search(text).group())
    case = (english_site / "cases" / "istrel-plains-road-first-responders-plan" / "index.html").read_text(encoding="utf-8")
    facts = visible(case.split('<dl class="cb-facts">', 1)[1].split("</dl>", 1)[0])
    for label in ("Phase", "Location", "Setting", "Themes", "Audiences", "Approaches", "Lead organisation", "Started",
                  "Evidence", "Date"):
        assert label in facts, label
    assert 'href="../../countries/meridova/">Meridova</a>' in case
    assert "This is a plan" in case and "November 10, 2025" in case
    assert "Planned targets" in case  # a plan's figures are targets, apart from results
    stats = visible((english_site / "stats" / "index.html").read_text(encoding="utf-8"))
    assert "Cases by country" in stats and "Cases by kind of evidence" in stats
    assert (english_site / "approaches" / "index.html").is_file()  # the tag index: the tagged field's own folder
    assert (english_site / "countries" / "northmarch" / "index.html").is_file()
    home = visible((english_site / "index.html").read_text(encoding="utf-8"))
    assert f"{len(english_library.cases)} cases" in home and "4 countries" in home


def test_its_exports_have_its_columns(english_site, english_library):
    rows = list(csv.DictReader(io.StringIO((english_site / "data" / "cases.csv").read_bytes().decode("utf-8-sig"))))
    assert list(rows[0]) == ["slug", "title", "summary", "country", "region", "setting", "themes", "audiences", "approaches",
                             "lead", "started", "reach", "evidence", "phase", "date", "sources", "metrics", "page"]
    row = next(r for r in rows if r["slug"] == "fenholt-market-handwashing-champions")
    assert row["country"] == "Northmarch" and row["audiences"] == "Children, Parents, Community leaders"
    assert row["metrics"].startswith("Vendors trained as hand-washing champions: 96 vendors")
    data = json.loads((english_site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert len(data) == len(english_library.cases)
    schema = json.loads((english_site / "data" / "case.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["setting"]["enum"] == ["urban", "peri-urban", "rural"]
    assert schema["properties"]["started"] == {"description": "the year the work started (or is planned to start), such as 2019",
                                               "type": "integer", "minimum": 1990, "maximum": 2030}


def test_its_statistics_and_counts(english_library, capsys):
    assert main(["stats", "--root", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{len(english_library.cases)} cases") and "By Country:" in out
    assert "\u3000" not in out  # English values are padded with spaces


@pytest.fixture(scope="module")
def payload():
    library = load_library(EXAMPLE)
    return build_index(library.cases, lambda c: c.slug, library.declaration)


@pytest.mark.parametrize("query,expected", [
    ("vaccination", {"obanhe-highlands-mobile-vaccination-days"}),
    ("Vaccination", {"obanhe-highlands-mobile-vaccination-days"}),  # any case
    ("vaccinations", {"obanhe-highlands-mobile-vaccination-days"}),  # another form of the same word
    ("vacc", {"obanhe-highlands-mobile-vaccination-days"}),  # the beginning of a word
    ("the cholera alert", {"lumeri-coast-cholera-alert-network"}),  # function words are skipped
    ("Fenholt", {"fenholt-market-handwashing-champions"}),  # a place
])
def test_english_search_finds_words_their_forms_and_beginnings(payload, query, expected):
    assert expected <= matching(payload, query)


def test_a_word_the_index_lacks_finds_nothing(payload):
    groups, missing = query_words("vaccination zebra", payload.main)
    assert missing == ["zebra"] and matching(payload, "vaccination zebra") == set()
    main = payload.main
    assert main["language"] == "en" and "the" in main["stop"] and main["forms"]["vaccination"] == "vaccin"


def test_english_body_text_is_searched_and_linked_to_its_section(payload, english_library):
    # a word only in a case's body text finds it, and its posting names the section it is in
    case = next(c for c in english_library.cases if c.slug == "obanhe-highlands-mobile-vaccination-days")
    doc = english_library.cases.index(case)
    sections = payload.texts[doc]["p"]
    word = next(w for w in payload.main["vocab"] if any(d == doc for d, _, _ in payload.postings(w))
                and all(w not in words_of(case, f) for f in ("title", "summary")))
    mask = next(m for d, _, m in payload.postings(word) if d == doc)
    assert mask and all(s[0] for s in sections)  # every section has its heading's anchor


def words_of(case, field):
    from casebook.render.search_index import words
    return set(words(str(getattr(case, field)), "en"))


def test_new_asks_its_own_questions_in_english(english_copy):
    import subprocess
    import sys

    answers = "\n".join(["Short", "Sundara school nurses run weekly eye checks", "Sundra", "Sundara", "Pelanti", "rural",
                         "7", "Children", ""]) + "\n"
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "new", "--root", str(english_copy), "--ask"],
                            input=answers, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert not HAN.search(out + result.stderr)
    assert "Title must be 8–100 characters long" in out and "Sundra is not a known country, did you mean Sundara?" in out
    assert "Region (optional; press Enter to skip): " in out and "Themes (1–3, separated by spaces): " in out
    path = english_copy / out.split("Created ", 1)[1].split("\n", 1)[0]
    assert path.relative_to(english_copy).as_posix() == "cases/pelanti/pelanti-school-nurses-run.md"
    text = path.read_text(encoding="utf-8")
    assert "location: {country: Sundara, region: Pelanti}\nsetting: rural\nthemes: [School health]\n" in text
    assert "evidence:  # required: kind of evidence: anecdotal, monitoring data, evaluation\n" in text
    assert "## What was done\n\n<!-- Required. Who did what" in text
    problems = load_library(english_copy, only=[path]).problems
    assert {p.field for p in problems} == {"summary", "lead", "started", "evidence", "date", "sources", "body"}


def test_a_bundle_with_its_handout_in_english(tmp_path):
    import zipfile

    from casefixtures import run_cli
    from test_bundle import pdftotext

    built = run_cli(tmp_path, "--theme", "Immunisation outreach", "--handout", root=EXAMPLE)
    assert built.code == 0, built.err
    assert not HAN.search(built.out + built.err)
    assert "  Title: Community health practice (sample): Immunisation outreach\n" in built.out
    assert "  Selection: Themes: Immunisation outreach\n  Cases: 2 cases\n" in built.out
    with zipfile.ZipFile(built.zip) as z:
        home = visible(z.read(f"{built.zip.stem}/index.html").decode("utf-8"))
    assert "Community health practice (sample): Immunisation outreach" in home and "Every case in it is invented" in home
    pdf = built.only(".pdf")
    contents, chapter = pdftotext(pdf, 2, 2), pdftotext(pdf, 3, 3)
    assert "Contents" in contents and "Pelanti, Sundara · peri-urban" in contents
    assert "Case 1 of 2" in chapter and re.search(r"Page 3 of \d+", chapter)
    assert not HAN.search(pdftotext(pdf))
