"""A trainer's choice of cases: facet values to match, checked against the vocabularies and the library.

The rule is the gallery's: OR within one facet (two topics: a case with either), AND across facets (a
topic and a province: a case with both). Nothing chosen means every case. Which facets a bundle or a
handout can choose by is the declaration's ``select`` list (plus single cases, ``case``, by slug).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from casebook.declare import fields as kinds
from casebook.i18n import joined, t, tn
from casebook.model.case import Case
from casebook.model.facets import values_of

CASE = "case"  # choose cases one by one, by slug
MAX_NAME_CHARS = 40
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')  # not in a file name on any system


def kinds_of(declaration) -> dict:
    """kind -> (its name, the values a case holds for it), in the order of the command's options and of
    the selection in words: the declared facets, then single cases."""
    out = {key: (declaration.facet_label(declaration.facet(key)), values_of(declaration, key))
           for key in declaration.select}
    out[CASE] = (t("selection.case"), lambda c: (c.slug,))
    return out


class SelectionError(ValueError):
    """Every value that does not exist, each with a suggestion where one exists."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Selection:
    declaration: object = field(compare=False, repr=False)
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> chosen values, as given

    @classmethod
    def of(cls, declaration, **chosen) -> "Selection":
        """From keyword lists (None or empty: not chosen); duplicates dropped, order kept."""
        values = {}
        for kind in kinds_of(declaration):
            given = [str(v).strip() for v in chosen.pop(kind, None) or () if str(v).strip()]
            if given:
                values[kind] = tuple(dict.fromkeys(given))
        if chosen:
            raise TypeError(f"unknown selection kinds: {sorted(chosen)}")
        return cls(declaration, values)

    @property
    def empty(self) -> bool:
        return not self.values

    def matches(self, case: Case) -> bool:
        table = kinds_of(self.declaration)
        return all(set(table[kind][1](case)) & set(wanted) for kind, wanted in self.values.items())

    def choose(self, cases: list[Case]) -> list[Case]:
        """The matching cases in library order; cases named one by one (--case only) in the order given."""
        chosen = [c for c in cases if self.matches(c)]
        if set(self.values) == {CASE}:
            order = {slug: i for i, slug in enumerate(self.values[CASE])}
            chosen.sort(key=lambda c: order[c.slug])
        return chosen

    def known(self, library, cases: list[Case]) -> dict[str, list[str]]:
        """What each kind may be: a vocabulary's terms, the places' top level, the values cases hold."""
        declaration = self.declaration
        out = {CASE: [c.slug for c in cases]}
        for key in declaration.select:
            facet = declaration.facet(key)
            kind = declaration.fields[facet.field].kind
            if getattr(kind, "vocabulary", None):
                out[key] = list(library.vocabularies.section(kind.vocabulary))
            elif isinstance(kind, kinds.Choice):
                out[key] = list(kind.values)
            elif isinstance(kind, kinds.Place) and facet.level == 1:
                out[key] = library.places.top()
            else:
                get = values_of(declaration, key)
                out[key] = sorted({v for c in cases for v in get(c)}, reverse=isinstance(kind, kinds.Date))
        return out

    def check(self, library, cases: list[Case]) -> None:
        """Raise SelectionError naming every value that is not in the vocabularies, the places or the library."""
        known = self.known(library, cases)
        messages = []
        for kind, wanted in self.values.items():
            for value in wanted:
                if value not in known[kind]:
                    messages.append(t("selection.unknown.value", kind=kind, value=value,
                                      why=self.unknown(kind, value, known[kind], library)))
        if messages:
            raise SelectionError(messages)

    def unknown(self, kind: str, value: str, options: list[str], library) -> str:
        declaration = self.declaration
        what = kinds_of(declaration)[kind][0]
        field_kind = declaration.fields[declaration.facet(kind).field].kind if kind != CASE else None
        if isinstance(field_kind, kinds.Date) and not re.fullmatch(r"\d{4}", value):
            return t("selection.year", options=joined(options) or t("selection.none"))
        prefix = [o for o in options if o.startswith(value) or value.startswith(o)]
        close = prefix or difflib.get_close_matches(value, options, n=3, cutoff=0.5)
        if close:
            return t("selection.did_you_mean", what=what, options=joined(close[:3]))
        if isinstance(field_kind, kinds.Place):
            return t("selection.place", what=what, examples=joined(options[:2]))
        vocabulary = getattr(field_kind, "vocabulary", None)
        where = t("selection.in_vocabularies", file=library.vocabularies.rel) if vocabulary else t("selection.in_library")
        listed = t("selection.options", options=joined(options[:8]), more="…" if len(options) > 8 else "") \
            if options else ""
        return t("selection.missing", where=where, what=what, options=listed)

    def describe(self) -> str:
        """The selection in words, e.g. 专题：校长负责制；地区：吉林省或陕西省."""
        if self.empty:
            return t("selection.all")
        table = kinds_of(self.declaration)
        return t("selection.separator").join(
            t("selection.part", what=table[kind][0], values=t("selection.or").join(wanted))
            for kind, wanted in self.values.items())

    def short_name(self, for_file: bool = True) -> str:
        """The chosen values for a file name (characters no system allows written _) or, ``for_file``
        False, a title: 校长负责制, 吉林省-校长负责制 …; 全部 when none."""
        if self.empty:
            return t("selection.short.all")
        parts = [v for kind, wanted in self.values.items() if kind != CASE for v in wanted]
        if CASE in self.values:
            cases = self.values[CASE]
            parts.append(cases[0] if len(cases) == 1 else tn("selection.short.cases", len(cases)))
        name = "-".join(parts)
        name = (_UNSAFE.sub("_", name).strip("._-") if for_file else name.strip()) or t("selection.short.some")
        return name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + t("selection.short.more")

    def as_dict(self) -> dict[str, list[str]]:
        return {kind: list(wanted) for kind, wanted in self.values.items()}
