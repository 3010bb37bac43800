"""The real cases against their sources (tests/seeds/): every number is in the source, targets are
marked as targets, and no long run of a source is copied. A later edit cannot drift silently."""

from __future__ import annotations

import re
import unicodedata

import pytest

from casebook.check.library import load_library
from casefixtures import REPO

SEEDS = REPO / "tests" / "seeds"
# slug prefix -> the seed files its cases are written from
SEED_OF = {
    "jilin-": ["000_626ccbf0a516a329.txt"],
    "shiquan-": ["001_0935413641ed4887.txt"],
    "dongan-": ["003_6a47493cd0474698.txt"],
    "jiamusi-": ["004_0a3e9fc21b69f66a.txt"],
}
COPY_LIMIT = 25  # characters: a longer run shared with the source is copying, not our own words


def norm(text: str) -> str:
    """Full-width and half-width punctuation alike, no spaces: how numbers and names are found."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def words_only(text: str) -> str:
    """``norm`` without any punctuation or symbol (、，“”《》 **): how a copied run is compared, so an
    inserted or dropped 、 cannot hide one."""
    return "".join(c for c in norm(text) if unicodedata.category(c)[0] not in "PSZ")


@pytest.fixture(scope="module")
def cases():
    library = load_library(REPO)
    assert library.problems == []
    return library.cases


def seed_text(case) -> str:
    [files] = [files for prefix, files in SEED_OF.items() if case.slug.startswith(prefix)]
    return norm("\n".join((SEEDS / name).read_text(encoding="utf-8") for name in files))


def written_forms(value) -> set[str]:
    """How a source may write a number: 1798, 1,798, 2万 (20000), 1.2万 (12000)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    forms = {str(value), f"{value:,}"}
    if isinstance(value, int) and value >= 10000:
        wan = value / 10000
        forms.add(f"{wan:g}万")
    return forms


def test_every_case_has_its_source_text(cases):
    assert all(any(c.slug.startswith(p) for p in SEED_OF) for c in cases), "map the new case to its seed"


def test_every_metric_value_is_written_in_the_source(cases):
    missing = [(c.slug, m.label, m.value) for c in cases for m in c.metrics
               if not any(form in seed_text(c) for form in written_forms(m.value))]
    assert missing == []


def test_every_number_in_a_summary_or_body_is_in_the_source(cases):
    missing = []
    for c in cases:
        seed = seed_text(c)
        text = norm(c.summary + c.body)
        for number in set(re.findall(r"\d+(?:\.\d+)?", text)):
            if number not in seed:
                missing.append((c.slug, number))
    assert missing == []


def test_no_run_of_a_source_is_copied(cases):
    copied = []
    for c in cases:
        seed = words_only(seed_text(c))
        runs = {seed[i:i + COPY_LIMIT] for i in range(len(seed) - COPY_LIMIT + 1)}
        labels = " ".join(f"{m.label}{m.display}{m.unit}" for m in c.metrics)
        for part in (c.summary, c.body, labels):
            # titles of documents quoted in 《》 may be given in full
            text = words_only(re.sub(r"《[^》]*》", "", re.sub(r"<!--.*?-->", "", part, flags=re.S)))
            hit = next((text[i:i + COPY_LIMIT] for i in range(len(text) - COPY_LIMIT + 1)
                        if text[i:i + COPY_LIMIT] in runs), None)
            if hit:
                copied.append((c.slug, hit))
    assert copied == []


# Figures the sources give as plans or goals (争创、培育、计划……), pinned so a later edit cannot turn
# them back into results; and the cases that are plans as a whole.
TARGETS = {"jilin-btx-branch-standard": {12, 300, 1000}, "dongan-principal-responsibility-plan": {50, 2, 5}}
PLANS = {"dongan-principal-responsibility-plan"}


def test_figures_given_as_plans_are_targets(cases):
    by_slug = {c.slug: c for c in cases}
    for slug, values in TARGETS.items():
        marked = {m.value for m in by_slug[slug].metrics if m.target}
        assert values <= marked, (slug, values - marked)
    assert {c.slug for c in cases if c.kind == "方案"} == PLANS


def test_every_metric_names_its_source(cases):
    assert [(c.slug, m.label) for c in cases for m in c.metrics if not m.source] == []


def test_what_the_source_does_not_say_is_marked_as_inferred(cases):
    """A place or organization not written in the source is named in a source's note."""
    from casebook.authoring.newcase import SUFFIXES

    unmarked = []
    for c in cases:
        seed = seed_text(c)
        notes = " ".join(s.note or "" for s in c.sources)
        names = [n for n in (c.region.province, c.region.city, c.region.county) if n]
        for name in names:
            if norm(name) not in seed and norm(SUFFIXES.sub("", name)) not in seed and name not in notes:
                unmarked.append((c.slug, name))
        if norm(c.organization) not in seed and "单位" not in notes:
            unmarked.append((c.slug, c.organization))
    assert unmarked == []
