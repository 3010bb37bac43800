"""A library's own record fields (``type: record``, ``type: records``) and plain numbers: checked with
messages that name the sub-field, and shown on pages, cards, handouts and exports as words, never as a
Python mapping. The English sample library with two fields added, a partner and milestones."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest

from casebook.check.library import load_library
from casebook.outputs.export import to_csv, to_json
from casebook.outputs.site import generated_pages
from casebook.render.case_page import facts
from casebook.render.urls import Urls
from casefixtures import REPO, render_context

EXAMPLE = REPO / "examples" / "community-health"
CASE = "cases/northmarch/fenholt-market-handwashing-champions.md"
FIELDS = """\
  partner:
    type: record
    label: Partner
    fields:
      name: {type: text, min: 3, max: 80, required: true, label: Name}
      since: {type: number, integer: true, min: 1990, max: 2030, label: Since}
  milestones:
    type: records
    label: Milestones
    max: 5
    fields:
      year: {type: number, integer: true, min: 1990, max: 2030, required: true, label: Year}
      what: {type: text, min: 3, max: 120, required: true, label: What}
"""
WRITTEN = """\
partner: {name: Fenholt Market Traders, since: 2019}
milestones:
  - {year: 2020, what: First champions trained}
  - {since: 2021, what: Soap stations at every gate}
"""


@pytest.fixture()
def library(tmp_path):
    """The sample library with a partner and milestones declared (in the facts, cards, contents and
    export), and one case that writes ``text`` after its date."""
    root = tmp_path / "lib"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    declaration = (root / "casebook.yml").read_text(encoding="utf-8")
    for old, new in (("  status:\n    type: status\n    label: Status\n", "  status:\n    type: status\n    label: Status\n" + FIELDS),
                     ("facts: [phase,", "facts: [partner, milestones, phase,"),
                     ("  meta: [location,", "  meta: [partner, location,"),
                     ("  toc: [location, setting]", "  toc: [partner, milestones]"),
                     ("export: [slug,", "export: [partner, milestones, slug,")):
        assert old in declaration, old
        declaration = declaration.replace(old, new, 1)
    (root / "casebook.yml").write_text(declaration, encoding="utf-8")
    case = root / CASE
    original = case.read_text(encoding="utf-8")
    assert "\nsources:" in original

    def with_text(text: str):
        case.write_text(original.replace("\nsources:", "\n" + text + "sources:", 1), encoding="utf-8")
        return load_library(root)

    return with_text


def problems(library) -> list:
    return [(p.line, p.field, p.message) for p in library.problems]


def test_records_are_shown_as_words(library):
    lib = library(WRITTEN.replace("{since: 2021,", "{year: 2021,"))
    assert lib.problems == []
    case = next(c for c in lib.cases if c.path == CASE)
    ctx = render_context(lib)
    rows = {label: group for label, group in facts(ctx, case)}
    assert [p.text for p in rows["Partner"].parts] == ["Name: Fenholt Market Traders, Since: 2019"]
    assert [p.text for p in rows["Milestones"].parts] == ["Year: 2020, What: First champions trained",
                                                          "Year: 2021, What: Soap stations at every gate"]
    assert rows["Milestones"].joiner == "; "
    # the handout's contents line, and the page: the facts row and the related cards
    assert ctx.text(case, "partner") == "Name: Fenholt Market Traders, Since: 2019"
    assert ctx.text(case, "milestones") == "Year: 2020, What: First champions trained; Year: 2021, What: Soap stations at every gate"
    page = generated_pages(lib, Urls())[case.url]
    assert "<dt>Partner</dt><dd>Name: Fenholt Market Traders, Since: 2019</dd>" in page
    assert ("<dt>Milestones</dt><dd>Year: 2020, What: First champions trained; "
            "Year: 2021, What: Soap stations at every gate</dd>") in page
    pages = generated_pages(lib, Urls())
    listed = [text for text in pages.values() if 'fenholt-market-handwashing-champions/">' in text and "cb-card__meta" in text]
    assert listed and all(re.search(r'handwashing-champions/">[^<]*</a><span class="cb-card__meta">'
                                    r"Name: Fenholt Market Traders, Since: 2019 · ", text) for text in listed)
    assert not [name for name, text in pages.items() if "&#39;name&#39;" in text or "{'name'" in text]


def test_a_record_missing_a_part_leaves_it_out(library):
    lib = library("partner: {name: Fenholt Market Traders}\n")
    case = next(c for c in lib.cases if c.path == CASE)
    assert render_context(lib).text(case, "partner") == "Name: Fenholt Market Traders"


def test_records_are_exported_with_their_keys(library):
    lib = library(WRITTEN.replace("{since: 2021,", "{year: 2021,"))
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(to_csv(lib, lib.cases).lstrip("\ufeff")))}
    row = rows["fenholt-market-handwashing-champions"]
    assert row["partner"] == "name=Fenholt Market Traders, since=2019"
    assert row["milestones"] == "year=2020, what=First champions trained; year=2021, what=Soap stations at every gate"
    exported = {item["slug"]: item for item in json.loads(to_json(lib, lib.cases))}["fenholt-market-handwashing-champions"]
    assert exported["partner"] == {"name": "Fenholt Market Traders", "since": 2019}
    assert exported["milestones"] == [{"year": 2020, "what": "First champions trained"},
                                      {"year": 2021, "what": "Soap stations at every gate"}]


@pytest.mark.parametrize("text,expected", [
    ("partner: Fenholt Market Traders\n", [(19, "partner", "partner must be a mapping; it is the text 'Fenholt Market Traders'")]),
    ("partner: [Fenholt]\n", [(19, "partner", "partner must be a mapping; it is a list")]),
    ("partner: {since: 2019}\n", [(19, "partner", "The required key name is missing (Name)")]),
    ("partner: {name: Fenholt Market Traders, since: 1800}\n",
     [(19, "partner.since", "Since cannot be less than 1990; it is 1800")]),
    ("partner: {name: Fenholt Market Traders, year: 2019}\n",
     [(19, "partner.year", "Unknown key year (allowed keys: name, since)")]),
    ("milestones: First champions\n", [(19, "milestones", "milestones must be a list, each item a mapping")]),
    ("milestones:\n  - {year: 2020}\n  - First\n",
     [(20, "milestones[1]", "The required key what is missing (What)"), (21, "milestones[2]", "Each item must be a mapping")]),
    (WRITTEN, [(22, "milestones[2]", "The required key year is missing (Year)"),
               (22, "milestones[2].since", "Unknown key since (allowed keys: year, what)")]),
    ("milestones:\n" + "".join(f"  - {{year: {2020 + i}, what: Step number {i}}}\n" for i in range(6)),
     [(20, "milestones", "milestones can have at most 5 items; it has 6")]),
    ("partner:\nmilestones:\n", []),  # optional, written empty: not written
], ids=["text", "list", "missing-part", "part-range", "unknown-part", "records-text", "item-problems",
        "item-unknown", "too-many", "empty"])
def test_record_mistakes_are_named_at_their_sub_field(library, text, expected):
    assert problems(library(text)) == expected


@pytest.mark.parametrize("written,expected", [
    # a plain number's advice names no label or unit (a metric's does), and suggests the field's example
    ("1800", "Year the work started cannot be less than 1990; it is 1800"),
    ("2040", "Year the work started cannot be more than 2030; it is 2040"),
    ("2019 AD", "Year the work started must be a number; it is the text '2019 AD'; write the number alone: started: 2019"),
    ("soon", "Year the work started must be a number; it is the text 'soon': write the number the source gives, as started: 2019"),
    (".nan", "Year the work started must be an actual number; it is .nan (not a number): write the number the source gives, such as 2019"),
    ("1e400", "Year the work started must be an actual number; it is 1e400 (beyond the range of numbers): write the number the source gives, such as 2019"),
    ("2019.5", "Year the work started must be a whole number; it is 2019.5"),
], ids=["low", "high", "unit", "text", "nan", "inf", "whole"])
def test_a_plain_number_gets_advice_for_itself(library, written, expected):
    lib = library("")
    case = EXAMPLE / CASE
    line = case.read_text(encoding="utf-8").splitlines().index("started: 2019") + 1
    (lib.root / CASE).write_text((lib.root / CASE).read_text(encoding="utf-8").replace("started: 2019", f"started: {written}"),
                                 encoding="utf-8")
    assert problems(load_library(lib.root)) == [(line, "started", expected)]


def test_without_an_example_a_number_suggests_one_its_range_allows(library):
    lib = library("")
    declaration = (lib.root / "casebook.yml").read_text(encoding="utf-8").replace("    example: 2019\n", "", 1)
    (lib.root / "casebook.yml").write_text(declaration, encoding="utf-8")
    (lib.root / CASE).write_text((lib.root / CASE).read_text(encoding="utf-8").replace("started: 2019", "started: soon"),
                                 encoding="utf-8")
    assert [p.message for p in load_library(lib.root).problems] == [
        "Year the work started must be a number; it is the text 'soon': write the number the source gives, as started: 1990"]


def test_a_source_number_in_a_library_without_sources_is_named(tmp_path):
    root = tmp_path / "lib"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    declaration = (root / "casebook.yml").read_text(encoding="utf-8")
    start = declaration.index("  sources:\n    type: sources")
    declaration = declaration[:start] + declaration[declaration.index("  metrics:\n    type: metrics"):]
    (root / "casebook.yml").write_text(declaration.replace(" date, sources, metrics, page]", " date, metrics, page]"), encoding="utf-8")
    text = (root / CASE).read_text(encoding="utf-8")
    cut = text[text.index("sources:\n"):text.index("metrics:\n")]
    (root / CASE).write_text(text.replace(cut, ""), encoding="utf-8")
    lines = [i for i, line in enumerate((root / CASE).read_text(encoding="utf-8").splitlines(), 1) if line == "    source: 1"]
    found = [(p.line, p.field, p.message) for p in load_library(root).problems if p.file == CASE]
    assert found == [(line, f"metrics[{n}].source", "This library has no list of sources for source to point to: delete this line")
                     for n, line in enumerate(lines, 1)]


def test_a_number_where_text_was_meant_is_judged_by_the_library_s_own_rules(library):
    """The English library checks e-mail addresses only: a number that would be a phone number in the
    first library is just a number written where a name was meant, and quoting it is the advice."""
    lib = library("")
    (lib.root / CASE).write_text((lib.root / CASE).read_text(encoding="utf-8").replace(
        "lead: Fenholt District Health Office", "lead: 13812345678"), encoding="utf-8")
    assert [(p.line, p.field, p.message) for p in load_library(lib.root).problems] == [
        (14, "lead", 'Lead organisation must be text; it is the number 13812345678: put it in quotes, as lead: "13812345678"')]


HELP = '    values_help: "planned: a plan whose results are not reported yet; leave it out for work that is running or done"\n'
EXAMPLE_LINE = '    example: "{country: Northmarch, region: Fenholt}"\n'
PLACE = "location:\n  country: Northmarch\n  region: Fenholt"


@pytest.mark.parametrize("old,new,declaration,expected", [
    ("setting: rural", "setting: suburban", None,
     (10, "setting", "suburban is not an allowed setting, did you mean urban? (allowed: urban, peri-urban, rural)")),
    # a choice's own help, else what leaving it out means
    ("setting: rural", "setting: rural\nphase: done", None,
     (11, "phase", "done is not an allowed phase (allowed: running, planned; planned: a plan whose results are not "
                   "reported yet; leave it out for work that is running or done)")),
    ("setting: rural", "setting: rural\nphase: done", (HELP, ""),
     (11, "phase", "done is not an allowed phase (allowed: running, planned; if left out, it is running)")),
    # a place written as text: the declared example, else the shape its levels make
    (PLACE, "location: Fenholt", None,
     (7, "location", "location must be a mapping, such as location: {country: Northmarch, region: Fenholt}; it is the text 'Fenholt'")),
    (PLACE, "location: Fenholt", (EXAMPLE_LINE, ""),
     (7, "location", "location must be a mapping, such as location: {country: …, region: …}; it is the text 'Fenholt'")),
], ids=["choice", "choice-help", "choice-default", "place-example", "place-levels"])
def test_a_library_s_choices_and_places_say_what_to_write(tmp_path, old, new, declaration, expected):
    root = tmp_path / "lib"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    if declaration:
        text = (root / "casebook.yml").read_text(encoding="utf-8")
        assert declaration[0] in text
        (root / "casebook.yml").write_text(text.replace(*declaration, 1), encoding="utf-8")
    text = (root / CASE).read_text(encoding="utf-8")
    assert old in text
    (root / CASE).write_text(text.replace(old, new, 1), encoding="utf-8")
    assert [(p.line, p.field, p.message) for p in load_library(root).problems] == [expected]


def test_a_library_s_own_personal_data_rules_judge_its_front_matter(tmp_path):
    """The English library checks e-mail addresses only (personal_data: [email]): an 11-digit number in a
    name, an address or a number field is not a Chinese mobile number to it; an e-mail address still is."""
    root = tmp_path / "lib"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    declaration = (root / "casebook.yml").read_text(encoding="utf-8")
    (root / "casebook.yml").write_text(declaration.replace("    max: 100000000\n", "    max: 100000000000\n", 1), encoding="utf-8")
    text = (root / CASE).read_text(encoding="utf-8")
    for old, new in (("lead: Fenholt District Health Office", "lead: Fenholt District Health Office 13812345678"),
                     ("reach: 12400", "reach: 13812345678"),
                     ("    publisher: ", "    url: https://example.org/report/13812345678\n    publisher: ")):
        assert old in text, old
        text = text.replace(old, new, 1)
    (root / CASE).write_text(text, encoding="utf-8")
    (root / CASE).write_text(text + "\nThe office's number is 13812345678.\n", encoding="utf-8")  # in the body too
    assert load_library(root).problems == []
    (root / CASE).write_text(text.replace("13812345678\n", "office@example.org\n", 1), encoding="utf-8")
    assert [(p.line, p.field, p.message) for p in load_library(root).problems] == [
        (14, "lead", "This value must not contain an email address: put contact details in the pull request, not on the site")]


def test_a_record_s_unwritten_part_takes_its_default(tmp_path):
    root = tmp_path / "lib"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    declaration = (root / "casebook.yml").read_text(encoding="utf-8")
    fields = FIELDS.replace("      since: {", "      kind: {type: choice, values: [ngo, government], default: ngo, label: Kind}\n      since: {")
    (root / "casebook.yml").write_text(declaration.replace("  status:\n    type: status\n    label: Status\n",
                                                           "  status:\n    type: status\n    label: Status\n" + fields, 1),
                                       encoding="utf-8")
    text = (root / CASE).read_text(encoding="utf-8")
    (root / CASE).write_text(text.replace("\nsources:", "\npartner: {name: Fenholt Market Traders}\nsources:", 1), encoding="utf-8")
    library = load_library(root)
    assert library.problems == []
    case = next(c for c in library.cases if c.path == CASE)
    assert case.value("partner") == {"name": "Fenholt Market Traders", "kind": "ngo", "since": None}
    assert render_context(library).text(case, "partner") == "Name: Fenholt Market Traders, Kind: ngo"


def test_a_library_without_related_cases_or_a_cover_checks_a_case_with_a_problem(tmp_path):
    """Roles a library does not give (related, cover) are read as absent, also for a case with a problem."""
    root = tmp_path / "lib"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    declaration = (root / "casebook.yml").read_text(encoding="utf-8")
    for block in ("  related:\n    type: related\n    role: related\n    label: Related cases\n    help: slugs of related cases\n",
                  "  cover:\n    type: image\n    role: cover\n    label: Cover image\n"):
        assert block in declaration
        declaration = declaration.replace(block, "")
    (root / "casebook.yml").write_text(declaration, encoding="utf-8")
    for case in (root / "cases").rglob("*.md"):
        case.write_text(re.sub(r"(?m)^related: .*\n", "", case.read_text(encoding="utf-8")), encoding="utf-8")
    text = (root / CASE).read_text(encoding="utf-8")
    (root / CASE).write_text(text.replace("setting: rural", "setting: suburban"), encoding="utf-8")
    library = load_library(root)
    assert [(p.file, p.line, p.field) for p in library.problems] == [(CASE, 10, "setting")]


def test_a_library_without_a_status_field_publishes_every_case(tmp_path):
    root = tmp_path / "lib"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    declaration = (root / "casebook.yml").read_text(encoding="utf-8")
    block = "  status:\n    type: status\n    label: Status\n"
    assert block in declaration
    (root / "casebook.yml").write_text(declaration.replace(block, ""), encoding="utf-8")
    library = load_library(root)
    assert library.problems == [] and len(library.cases) >= 8
    assert {case.status for case in library.cases} == {"published"}
    assert len(library.published().cases) == len(library.cases)
