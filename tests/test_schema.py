"""The JSON Schema is generated from the validator's own table: it accepts every real case and rejects
every broken example of the rule tests that a schema can see."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from casebook.check.library import discover, load_library
from casebook.check.schema import case_schema
from casebook.cli import main
from casefixtures import REPO, VALID_CASE
from test_rules import RULES

# Rules that need more than the value itself; `casebook validate` stays the judge of these.
BEYOND_A_SCHEMA = {
    "city-wrong-province": "a city inside its province needs the division table's tree",
    "city-short-name": "city names are not listed (thousands of them)",
    "city-is-a-district": "needs the division table's levels",
    "county-short-name": "county names are not listed",
    "county-wrong-city": "needs the division tree",
    "county-needs-city": "needs the division tree",
    "brand-octal": "YAML has already read 0333 as the number 219",
    "related-missing": "needs the other case files",
    "metric-source-missing": "needs the length of the case's own sources list",
    "related-self": "needs the file's own name",
    "duplicate-key": "YAML keeps the last of two equal keys",
    "body-missing-section": "the body is not front matter",
    "body-h1": "the body is not front matter",
    "brand-date": "a JSON tool reads the YAML date 2023-01-01 as the text it is written as",
}
NOT_YAML = {"yaml-syntax", "yaml-alias", "yaml-tag", "front-matter-unclosed", "front-matter-missing"}


def as_json(value):
    """Front matter as a JSON tool sees it: YAML dates become their ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


class DatesAsText(yaml.SafeLoader):
    """YAML read as a JSON tool sees it: 2024-06-01 stays text (and 2023-02-30 is not an error)."""


DatesAsText.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if not tag.endswith(":timestamp")]
                                       for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def front_matter(text: str):
    return as_json(yaml.load(text.split("---\n", 2)[1], Loader=DatesAsText))


@pytest.fixture(scope="module")
def validator(library):
    schema = case_schema(library.declaration, library.vocabularies, library.places)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_accepts_every_real_case_and_the_valid_example(validator):
    paths = discover(REPO / "cases")
    assert len(paths) >= 10
    for path in paths:
        errors = list(validator.iter_errors(front_matter(path.read_text(encoding="utf-8"))))
        assert not errors, (path, [e.message for e in errors])
    assert not list(validator.iter_errors(front_matter(VALID_CASE)))


@pytest.mark.parametrize("rule", [r for r in RULES if r[0] not in NOT_YAML], ids=[r[0] for r in RULES if r[0] not in NOT_YAML])
def test_the_schema_rejects_each_broken_example(validator, rule):
    name, old, new = rule[:3]
    data = front_matter(VALID_CASE.replace(old, new, 1))
    errors = list(validator.iter_errors(data))
    if name in BEYOND_A_SCHEMA:
        assert not errors, f"{name} is listed as beyond a schema, but the schema now catches it: move it"
    else:
        assert errors, f"the schema accepts the broken example {name}"


def test_limits_come_from_the_declaration(repo):
    """Change a limit in casebook.yml: the validator and the schema both follow."""
    declaration = repo.root / "casebook.yml"
    text = declaration.read_text(encoding="utf-8")
    declaration.write_text(text.replace("  title:\n    type: text\n    min: 4\n", "  title:\n    type: text\n    min: 12\n"),
                           encoding="utf-8")
    repo.case()  # its title has 8 characters
    assert any(p.field == "title" and "12–60" in p.message for p in repo.problems())
    library = load_library(repo.root)
    assert case_schema(library.declaration, library.vocabularies, library.places)["properties"]["title"]["minLength"] == 12


def test_casebook_schema_prints_the_schema_the_site_publishes(capsys):
    assert main(["schema", "--root", str(REPO)]) == 0
    printed = json.loads(capsys.readouterr().out)
    library = load_library(REPO)
    assert printed == case_schema(library.declaration, library.vocabularies, library.places)
    assert printed["properties"]["scope"]["enum"] == list(library.vocabularies.section("scopes"))
    assert "吉林省" in printed["properties"]["region"]["properties"]["province"]["enum"]
