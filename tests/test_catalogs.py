"""Every string a reader or contributor sees comes from the message catalogs, in both interface
languages: the catalogs hold exactly the keys the code and templates use, English has every one of
them with the same placeholders, and no Python module writes such a string itself. The engine names
no field of the first library."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from casebook.i18n import LANGUAGES, LOCALES
from casefixtures import REPO

PACKAGE = REPO / "casebook"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def extracted() -> set[str]:
    """The keys `pybabel extract` finds with babel.cfg's keywords: t(), tn() and N_()."""
    method_map = [("casebook/**.py", "python"), ("casebook/**/templates/**.j2", "jinja2")]
    keys = set()
    for _, _, message, _, _ in extract_from_dir(REPO, method_map=method_map, keywords={"t": None, "tn": (1,), "N_": None},
                                                options_map={"casebook/**/templates/**.j2": {"encoding": "utf-8"}}):
        keys.add(message[0] if isinstance(message, tuple) else message)
    return keys


def catalog(language: str) -> dict:
    with open(LOCALES / language / "LC_MESSAGES" / "casebook.po", "rb") as f:
        return {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in read_po(f, locale=language) if m.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.id, tuple) else [message.string]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_has_exactly_the_keys_the_code_uses(language):
    used, have = extracted(), set(catalog(language))
    assert sorted(used - have) == [], f"used but not in the {language} catalog"
    assert sorted(have - used) == [], f"in the {language} catalog but used nowhere"


def test_english_says_everything_chinese_says_with_the_same_placeholders():
    zh, en = catalog("zh"), catalog("en")
    for key, message in zh.items():
        english = en[key]
        assert all(f for f in forms(english)), f"{key}: no English text"
        assert isinstance(english.id, tuple) == isinstance(message.id, tuple), f"{key}: plural in one language only"
        wanted = set().union(*(placeholders(f) for f in forms(message)))
        for form in forms(english):
            assert placeholders(form) <= wanted | {"count"}, (key, form)
        assert set().union(*(placeholders(f) for f in forms(english))) >= wanted - {"count"}, key
        assert not CJK.search(" ".join(forms(english))) or key.startswith(("places.cn", "pd.", "validate.date",
                                                                           "divisions.", "yaml.")), (key, forms(english))


def test_the_gallery_app_gets_every_word_it_shows():
    from casebook.render.gallery import JS_MESSAGES

    app = (PACKAGE / "adapters" / "theme" / "assets" / "casebook" / "gallery.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bM\.([a-z_]+)", app))
    assert used == {key.rsplit(".", 1)[1] for key in JS_MESSAGES}
    for script in (PACKAGE / "adapters" / "theme" / "assets" / "casebook").glob("*.js"):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.S)
        assert not CJK.search(code), f"{script.name} writes a Chinese string itself"


# Chinese in a Python string that no one reads: patterns that recognise what contributors write (a
# Chinese date, numbered headings, disguised personal data, Han characters), and the Chinese slug
# heuristics. Module → the top-level names those strings may sit in.
RECOGNISERS = {
    "authoring/newcase.py": {"SUFFIXES", "FILLER"},
    "authoring/wordimport.py": {"NUMERALS", "SECTION_RE", "SUBSECTION_RE", "TITLE_STYLES", "Shape", "_take_title",
                                "_take_labels", "_shape_headings", "_retitle"},
    "check/personaldata.py": {"_AT", "_DOT", "_BRACKET_AT", "_HIDDEN", "_NUMERALS", "_NUMERAL_RUN", "_maybe_email"},
    "check/validate.py": {"_date"},
    "cli.py": {"_ask"},
    "outputs/export.py": {"stats_text"},
    "render/gallery.py": {"first_line"},
    "render/search_terms.py": {"search_terms"},
}


def test_no_python_module_writes_a_string_people_read():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for top in tree.body:
            name = getattr(top, "name", None) or next((t.id for t in getattr(top, "targets", []) if isinstance(t, ast.Name)), None)
            docstrings = {id(n.body[0].value) for n in ast.walk(top) if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                          and n.body and isinstance(n.body[0], ast.Expr)}
            for node in ast.walk(top):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value) \
                        and id(node) not in docstrings and not (isinstance(top, ast.Expr) and node is top.value):
                    if name not in RECOGNISERS.get(rel, set()):
                        found.append(f"{rel}:{node.lineno} {name}: {node.value[:40]!r}")
    assert found == []


FIRST_LIBRARY_FIELDS = ("scope", "stages", "topics", "tags", "brand", "organization")


def test_the_engine_names_no_field_of_the_first_library():
    """Outside the declaration's data (message catalogs, the scaffolds `casebook init` copies)."""
    pattern = re.compile(r"""["'](%s)["']""" % "|".join(FIRST_LIBRARY_FIELDS))
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not path.is_file() or rel.startswith(("locale/", "authoring/scaffold/")) or path.suffix in (".pyc", ".tsv"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{rel}:{n}: {line.strip()[:80]}")
    assert found == []
