"""Every string a reader or contributor sees, in the library's interface language, from message catalogs.

The catalogs are gettext .po files (casebook/locale/<language>/LC_MESSAGES/casebook.po), read with Babel,
one per interface language (zh, en). Message ids are keys (``validate.text.length``), not English
sentences, so both languages come from a catalog and none from the code; placeholders are named
(``{what}``) and filled with ``str.format``. ``pybabel extract`` finds every key the code and the
templates use (babel.cfg); a test checks that each catalog has all of them and nothing else.
A library's own words (its field labels, help texts, vocabularies) are in its declaration, in its
own language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).with_name("locale")
LANGUAGES = ("zh", "en")
DEFAULT = "zh"
_state = {"language": DEFAULT}
# placeholders every message may use, set from the library's declaration: {template}, {cases}
_context = {"template": "cases/_template.md", "cases": "cases"}


class MissingMessage(KeyError):
    pass


@lru_cache(maxsize=None)
def catalog(language: str) -> dict:
    """key -> text, or for a plural message key -> (form, form, …)."""
    from babel.messages.pofile import read_po

    with open(LOCALES / language / "LC_MESSAGES" / "casebook.po", "rb") as f:
        messages = read_po(f, locale=language)
    out = {}
    for message in messages:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        out[key] = tuple(message.string) if isinstance(message.id, tuple) else message.string
    return out


def N_(key: str) -> str:
    """Marks a message key that is looked up later, from a table (gettext's convention): ``pybabel
    extract`` finds it; the key is returned unchanged."""
    return key


def use(language: str) -> None:
    """Speak ``language`` from now on (the library's declaration says which)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}: {', '.join(LANGUAGES)}")
    _state["language"] = language


def language() -> str:
    return _state["language"]


def set_context(**values) -> None:
    """Library-wide placeholders (the template's path, the cases folder) for every later message."""
    _context.update({k: v for k, v in values.items() if v})


def _text(key: str, language: str | None = None):
    found = catalog(language or _state["language"]).get(key)
    if not found:
        raise MissingMessage(f"{key} is not in the {language or _state['language']} catalog")
    return found


def t(key: str, /, language: str | None = None, **values) -> str:
    """The message ``key`` in the current language, its ``{placeholders}`` filled from ``values``."""
    text = _text(key, language)
    if isinstance(text, tuple):
        text = text[0]
    if "{" not in text:
        return text
    out = text.format(**{**_context, **values})
    # a field's "what" is written as it reads inside a sentence (year the work started): where it opens a
    # message that is a sentence of its own (a problem, a question), the sentence starts with a capital
    return out[:1].upper() + out[1:] if text.startswith("{what}") and key.startswith(_SENTENCES) else out


_SENTENCES = ("validate.", "safety.", "cli.new.ask.")


def template(key: str, /, language: str | None = None) -> str:
    """The message ``key`` with its placeholders unfilled (for a script in the page to fill)."""
    text = _text(key, language)
    return text[0] if isinstance(text, tuple) else text


def tn(key: str, count: int, /, language: str | None = None, **values) -> str:
    """A message with a count: Chinese has one form, English one for 1 and another for the rest."""
    forms = _text(key, language)
    if not isinstance(forms, tuple):
        forms = (forms,)
    form = forms[0] if len(forms) == 1 or count == 1 else forms[1]
    return form.format(**{**_context, **values, "count": count})


def list_text(items, language: str | None = None) -> str:
    """Items as a sentence lists them (CLDR via Babel): 地区、专题和学段; places, topics and stages."""
    from babel.lists import format_list

    items = list(items)
    return format_list(items, locale=language or _state["language"]) if items else ""


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset:
    """The function words search and slugs leave out (locale/<language>/stopwords.txt; none in Chinese,
    where jieba's words are kept whole)."""
    path = LOCALES / language / "stopwords.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def joined(items) -> str:
    """Items in a message, separated as the interface language separates listed words (、 or , )."""
    return t("list.separator").join(map(str, items))
