"""casebook.yml → the library's declaration: its fields, vocabularies, places, and how each field is used.

Everything that differs from one case library to another is here, read from the file beside
mkdocs.yml: the validator checks each field by its declared kind, and the site, bundles, handouts,
exports, the search index and the authoring tools take their fields, labels and uses from it. A
mistake in the declaration is a problem like any other: file, line, key and what to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from casebook.declare import fields as kinds
from casebook.i18n import LANGUAGES, N_, joined, set_context, t, use
from casebook.problems import Problem, Reporter
from casebook.read.frontmatter import read_yaml_file

DECLARATION_FILE = "casebook.yml"
TYPES = ("text", "number", "date", "url", "image", "choice", "terms", "related", "place", "record", "records",
         "sources", "metrics", "status")
ROLES = ("title", "summary", "date", "place", "sources", "metrics", "related", "cover")
PLACES = ("cn-divisions", "none")  # or the path of a file the library ships


@dataclass(frozen=True)
class Facet:
    key: str  # the gallery's query-string key (?topic=…), a bundle's option (--topic)
    field: str
    level: int = 1  # of a place: 1 is the top level (province, country)
    label: str = ""  # defaults to the field's label


@dataclass(frozen=True)
class Browse:
    facet: str
    folder: str
    intro: str = ""


@dataclass(frozen=True)
class Chart:
    facet: str
    title: str


@dataclass(frozen=True)
class Figure:
    facet: str
    label: str


@dataclass(frozen=True)
class Home:
    title: str = ""
    intro: str = ""
    description: str = ""
    cases_description: str = ""
    bundle_note: str = ""  # said on a bundle's home after what a bundle is
    figures: tuple = ()  # of Figure
    entries: tuple = ()  # facet keys


@dataclass(frozen=True)
class Handout:
    note: str = ""  # on the cover, under the facts
    toc: tuple = ()  # fields on the line under each title in the contents


@dataclass(frozen=True)
class Card:
    badges: tuple = ()
    meta: tuple = ()
    gallery_meta: tuple = ()


@dataclass(frozen=True)
class Declaration:
    root: Path
    language: str
    cases: str
    vocabularies: str
    template: str
    featured: str
    search_terms: str
    places: str
    personal_data: tuple
    home: Home
    sections: tuple
    fields: dict  # name -> kinds.Field, in order
    facets: tuple
    browse: tuple
    stats_intro: str
    charts: tuple
    select: tuple
    facts: tuple
    card: Card
    export: tuple
    search: dict  # field name (or headings) -> weight
    related: dict
    counts: tuple
    keep: dict  # vocabulary section -> terms that must stay in it
    gallery_placeholder: str = ""  # the gallery's keyword box: what it searches, in words
    handout: Handout = Handout()
    search_facts: tuple = ()  # the fields of a search result's line under its title
    lines: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def cases_dir(self) -> Path:
        return self.root / self.cases

    def role(self, role: str) -> kinds.Field | None:
        return next((f for f in self.fields.values() if f.role == role), None)

    def facet(self, key: str) -> Facet:
        return next(f for f in self.facets if f.key == key)

    def browsed(self, key: str) -> Browse | None:
        return next((b for b in self.browse if b.facet == key), None)

    def facet_label(self, facet: Facet) -> str:
        return facet.label or self.fields[facet.field].label

    @property
    def tag_field(self) -> kinds.Field | None:
        return next((f for f in self.fields.values() if f.tag_index), None)

    @property
    def tag_folder(self) -> str | None:
        """Where the tag index lives: the tag field's name (tags/, approaches/)."""
        return self.tag_field.name.replace("_", "-") if self.tag_field else None


def _type_name(kind) -> str:
    """A record kind's name as a declaration writes it."""
    if isinstance(kind, kinds.Records):
        return kind.built_in or "records"
    return "record"


def find_root(start: Path) -> Path | None:
    """The library's root: the nearest folder at or above ``start`` holding casebook.yml."""
    for folder in [start, *start.parents]:
        if (folder / DECLARATION_FILE).is_file():
            return folder
    return None


KIND_MESSAGES = {list: N_("declaration.kind.list"), dict: N_("declaration.kind.dict"), str: N_("declaration.kind.str"),
                 int: N_("declaration.kind.int"), bool: N_("declaration.kind.bool"), dt.date: N_("declaration.kind.date")}

# The keys each mapping of the declaration may hold (docs/reference.md describes every one; a test checks
# that it does). "*" stands for any name: a field's, a value's, an item's number.
KEYS = {
    (): ("language", "cases", "vocabularies", "template", "featured", "places", "personal_data", "home", "handout",
         "body", "fields", "facets", "gallery", "browse", "stats", "select", "facts", "card", "export", "search",
         "related", "counts", "keep"),
    ("home",): ("title", "intro", "description", "cases_description", "bundle_note", "figures", "entries"),
    ("home", "figures", "*"): ("facet", "label"),
    ("handout",): ("note", "toc"),
    ("body",): ("sections",),
    ("body", "sections", "*"): ("name", "hint", "required", "aliases"),
    ("fields", "*"): ("type", "required", "role", "label", "what", "hint", "help", "example", "default", "min", "max",
                      "integer", "earliest", "vocabulary", "values", "values_help", "join_lines", "numbers_as_text",
                      "fields", "import_labels", "ask", "badge", "tag_index"),
    ("fields", "*", "values", "*"): ("description", "badge", "note"),
    ("facets", "*"): ("key", "field", "level", "label"),
    ("gallery",): ("placeholder",),
    ("browse", "*"): ("facet", "folder", "intro"),
    ("stats",): ("intro", "charts"),
    ("stats", "charts", "*"): ("facet", "title"),
    ("card",): ("badges", "meta", "gallery_meta"),
    ("search",): ("fields", "facts", "terms"),
}
PERSONAL_DATA = ("mobile-cn", "landline-cn", "id-cn", "email")  # check/personaldata.py's rules
NAME = re.compile(r"^[a-z][a-z0-9_]*$")  # a field's name: a YAML key in every case file
KEY = re.compile(r"^[a-z][a-z0-9-]*$")  # a facet's key: an address's query key, a command's option
FOLDER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_KEYS = ("q", "sort", "h", "case", "title", "out-dir", "root", "name", "handout")  # the gallery's, the bundle's
RESERVED_FOLDERS = ("cases", "stats", "assets", "search", "data")  # the site's own folders (and the tag index's)
FACETABLE = (kinds.Text, kinds.Number, kinds.Date, kinds.Choice, kinds.Terms, kinds.Place)
# the kind each role needs: a page needs a title, a date to sort by …
ROLE_KINDS = {"title": kinds.Text, "summary": kinds.Text, "date": kinds.Date, "place": kinds.Place,
              "sources": kinds.Records, "metrics": kinds.Records, "related": kinds.Slugs, "cover": kinds.Image}
REQUIRED_ROLES = ("title", "summary", "date")


class _Reader:
    """Reads the declaration, reporting each mistake at its key's line: a missing key, a value of the
    wrong type, a key no mapping of its kind has (with the one that was probably meant)."""

    def __init__(self, fm, report: Reporter):
        self.fm, self.report = fm, report

    def err(self, path: tuple, message: str) -> None:
        line = self.fm.lines.value(path) if path else 1
        self.report.add(line, ".".join(map(str, path)) or "file", message)

    def raw(self, path: tuple):
        data = self.fm.data
        for part in path:
            if isinstance(data, dict):
                data = data.get(part)
            elif isinstance(data, list) and isinstance(part, int) and part < len(data):
                data = data[part]
            else:
                return None
        return data

    def get(self, path: tuple, kind, default=None, required=False):
        data = self.raw(path)
        if data is None:
            if required:
                self.err(path, t("declaration.missing", key=".".join(map(str, path))))
            return default
        if kind is list and isinstance(data, list) or kind is dict and isinstance(data, dict) \
                or kind is str and isinstance(data, str) or kind is int and isinstance(data, int) \
                and not isinstance(data, bool) or kind is bool and isinstance(data, bool) \
                or kind is dt.date and isinstance(data, dt.date):
            return data
        self.err(path, t(KIND_MESSAGES[kind], key=".".join(map(str, path))))
        return default

    def text(self, path: tuple, default: str = "", required: bool = False) -> str:
        value = self.get(path, str, None, required)
        return default if value is None else value

    def names(self, path: tuple) -> list[str]:
        """A list of names (strings); anything else in it is reported."""
        out = []
        for i, item in enumerate(self.get(path, list, []) or []):
            if isinstance(item, str):
                out.append(item)
            else:
                self.err(path + (i,), t(KIND_MESSAGES[str], key=".".join(map(str, path + (i,)))))
        return out

    def mapping(self, path: tuple, pattern: tuple | None = None) -> dict:
        """The mapping at ``path`` ({} when absent), its unknown keys reported."""
        data = self.get(path, dict, {}) if path else self.fm.data
        allowed = KEYS[pattern if pattern is not None else path]
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = t("declaration.unknown.key.close", close=close[0]) if close else ""
                self.err(path + (key,), t("declaration.unknown.key", key=".".join(map(str, path + (key,))),
                                          allowed=joined(allowed), hint=hint))
        return data

    def items(self, path: tuple) -> list[tuple[int, dict]]:
        """The mappings of the list at ``path``, each checked for unknown keys."""
        out = []
        for i, item in enumerate(self.get(path, list, []) or []):
            if isinstance(item, dict):
                out.append((i, self.mapping(path + (i,), path + ("*",))))
            else:
                self.err(path + (i,), t(KIND_MESSAGES[dict], key=".".join(map(str, path + (i,)))))
        return out


def _field(r: _Reader, name: str, base: tuple = ("fields",)) -> kinds.Field | None:
    path = base + (name,)
    if not NAME.fullmatch(name):
        r.err(path, t("declaration.field.name", name=name))
        return None
    spec = r.mapping(path, base + ("*",) if base == ("fields",) else ("fields", "*"))
    kind_name = r.get(path + ("type",), str, required=True)
    if kind_name not in TYPES:
        if kind_name is not None:
            r.err(path + ("type",), t("declaration.type.unknown", value=kind_name, allowed=joined(TYPES)))
        return None
    lo, hi = r.get(path + ("min",), int), r.get(path + ("max",), int)
    if kind_name == "text":
        if lo is None or hi is None:
            r.err(path, t("declaration.text.limits", name=name))
            return None
        kind = kinds.Text(lo, hi, bool(r.get(path + ("numbers_as_text",), bool)), bool(r.get(path + ("join_lines",), bool)))
    elif kind_name == "number":
        bounds = [spec.get(k) for k in ("min", "max")]
        for k, v in zip(("min", "max"), bounds):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                r.err(path + (k,), t("declaration.kind.number", key=".".join(map(str, path + (k,)))))
        lo, hi = (v if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in bounds)
        kind = kinds.Number(lo, hi, integer=bool(r.get(path + ("integer",), bool)))
    elif kind_name == "date":
        kind = kinds.Date(r.get(path + ("earliest",), dt.date))
    elif kind_name == "url":
        kind = kinds.Url()
    elif kind_name == "image":
        kind = kinds.Image()
    elif kind_name == "choice":
        options = []
        values = spec.get("values")
        if isinstance(values, dict):
            for value in values:
                about = r.mapping(path + ("values", value), ("fields", "*", "values", "*")) \
                    if isinstance(values[value], dict) else {}
                if values[value] is not None and not isinstance(values[value], dict):
                    r.err(path + ("values", value), t(KIND_MESSAGES[dict], key=".".join(map(str, path + ("values", value)))))
                options.append(kinds.Option(str(value), *(r.text(path + ("values", value, k)) for k in ("description", "badge", "note"))))
        elif isinstance(values, list):
            options = [kinds.Option(str(v)) for v in values]
        elif values is not None:
            r.err(path + ("values",), t("declaration.choice.values", name=name))
        vocabulary = r.get(path + ("vocabulary",), str)
        if not options and not vocabulary:
            r.err(path, t("declaration.choice.values", name=name))
            return None
        default = spec.get("default")
        if default is not None and options and str(default) not in [o.value for o in options]:
            r.err(path + ("default",), t("declaration.default", value=default, allowed=joined(o.value for o in options)))
        kind = kinds.Choice(vocabulary, tuple(options), None if default is None else str(default),
                            r.text(path + ("values_help",)))
    elif kind_name == "terms":
        vocabulary = r.get(path + ("vocabulary",), str, required=True)
        if vocabulary is None:
            return None
        kind = kinds.Terms(vocabulary, lo or 0, hi)
    elif kind_name == "related":
        kind = kinds.Slugs()
    elif kind_name == "place":
        kind = kinds.Place()
    elif kind_name == "status":
        kind = kinds.Status()
    elif kind_name in ("sources", "metrics"):
        kind = kinds.source_record() if kind_name == "sources" else kinds.metric_record(hi)
        kind = kinds.with_limits(kind, _limits(r, path, kind))
    else:  # record, records: their own fields
        sub = spec.get("fields")
        if not isinstance(sub, dict) or not sub:
            r.err(path + ("fields",), t("declaration.record.fields", name=name))
            return None
        made = {str(k): _field(r, str(k), path + ("fields",)) for k in sub}
        record = kinds.Record({k: f for k, f in made.items() if f})
        kind = record if kind_name == "record" else kinds.Records(record, lo or 0, hi)
    if lo is not None and hi is not None and lo > hi:
        r.err(path + ("min",), t("declaration.range", name=name, lo=lo, hi=hi))
    role = r.text(path + ("role",))
    if role and role not in ROLES:
        r.err(path + ("role",), t("declaration.role.unknown", value=role, allowed=joined(ROLES)))
        role = ""
    if role and not isinstance(kind, ROLE_KINDS[role]) or role in ("sources", "metrics") and getattr(kind, "built_in", "") != role:
        r.err(path + ("role",), t("declaration.role.type", role=role, name=name))
        role = ""
    tag_index = bool(r.get(path + ("tag_index",), bool))
    if tag_index and not isinstance(kind, kinds.Terms):
        r.err(path + ("tag_index",), t("declaration.tag_index", name=name))
        tag_index = False
    return kinds.Field(
        name, kind, bool(r.get(path + ("required",), bool)), r.text(path + ("label",)) or name,
        r.text(path + ("what",)), r.text(path + ("hint",)), r.text(path + ("help",)), spec.get("example"),
        spec.get("default"), role, tuple(r.names(path + ("import_labels",))),
        bool(r.get(path + ("ask",), bool)), bool(r.get(path + ("badge",), bool)), tag_index)


def _limits(r: _Reader, path: tuple, records: kinds.Records) -> dict:
    """sources and metrics: other length limits for their text fields, {label: {min: 2, max: 90}}."""
    texts = [name for name, f in records.item.fields.items() if isinstance(f.kind, kinds.Text)]
    out = {}
    for name in r.get(path + ("fields",), dict, {}) or {}:
        where = path + ("fields", name)
        if name not in texts:
            r.err(where, t("declaration.limits.field", name=name, allowed=joined(texts)))
            continue
        spec = r.get(where, dict, {}) or {}
        for key in spec:
            if key not in ("min", "max"):
                r.err(where + (key,), t("declaration.unknown.key", key=".".join(map(str, where + (key,))),
                                        allowed=joined(("min", "max")), hint=""))
        current = records.item.fields[name].kind
        lo, hi = r.get(where + ("min",), int, current.lo), r.get(where + ("max",), int, current.hi)
        if lo > hi:
            r.err(where + ("min",), t("declaration.range", name=name, lo=lo, hi=hi))
        else:
            out[name] = (lo, hi)
    return out


def load_declaration(root: Path) -> tuple[Declaration | None, list[Problem]]:
    """casebook.yml at ``root``, read and checked; the interface language is switched to its own."""
    report = Reporter(DECLARATION_FILE)
    path = Path(root) / DECLARATION_FILE
    fm = read_yaml_file(path, report, lambda err: t("declaration.unreadable", error=getattr(err, "strerror", None) or err))
    if fm is None:
        return None, report.problems
    r = _Reader(fm, report)
    language = r.get(("language",), str, "zh")
    if language not in LANGUAGES:
        r.err(("language",), t("declaration.language", value=language, allowed=joined(LANGUAGES)))
        language = "zh"
    use(language)  # every later message, and the field kinds' own labels, in the library's language
    r.mapping(())
    fields = {}
    for name in r.get(("fields",), dict, {}, required=True) or {}:
        made = _field(r, str(name))
        if made:
            fields[str(name)] = made
    _check_roles(r, fields)
    sections = _sections(r)
    facets = _facets(r, fields)
    keys = {f.key for f in facets}

    def facet_keys(where: tuple, values) -> tuple:
        for i, key in enumerate(values):
            if key not in keys:
                r.err(where + (i,), t("declaration.unknown.facet", value=key, allowed=joined(sorted(keys))))
        return tuple(v for v in values if v in keys)

    def field_names(where: tuple, extra=(), line: bool = False, badge: bool = False) -> tuple:
        """``line``: the fields are shown as text on a line (a facts row, a card's line), where sources and
        metrics, which have blocks of their own, cannot go; ``badge``: as badges, one short value each."""
        values = r.names(where)
        for i, name in enumerate(values):
            if name not in fields and name not in extra:
                r.err(where + (i,), t("declaration.unknown.field", value=name, allowed=joined([*fields, *extra])))
                continue
            kind = fields[name].kind if name in fields else None
            if badge and isinstance(kind, (kinds.Record, kinds.Records)):
                r.err(where + (i,), t("declaration.badge.record", value=name, type=_type_name(kind)))
            elif line and isinstance(kind, kinds.Records) and kind.built_in:
                r.err(where + (i,), t("declaration.line.builtin", value=name, type=kind.built_in))
        return tuple(v for v in values if v in fields or v in extra)

    def facet_item(where: tuple) -> str:
        key = r.text(where, required=True)
        if key and key not in keys:
            r.err(where, t("declaration.unknown.facet", value=key, allowed=joined(sorted(keys))))
        return key

    def weights(where: tuple, facets: bool = False, extra=()) -> dict:
        """A mapping of field names (or facet keys) to whole-number weights."""
        out = {}
        for name, weight in (r.get(where, dict, {}) or {}).items():
            known = (keys if facets else fields)
            if name not in known and name not in extra:
                allowed = joined([*(sorted(known) if facets else known), *extra])
                key = N_("declaration.unknown.facet") if facets else N_("declaration.unknown.field")
                r.err(where + (name,), t(key, value=name, allowed=allowed))
            elif isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
                r.err(where + (name,), t("declaration.weight", key=".".join(map(str, where + (name,)))))
            else:
                out[str(name)] = weight
        return out

    r.mapping(("home",))
    r.mapping(("handout",))
    r.mapping(("card",))
    r.mapping(("stats",))
    r.mapping(("search",))
    r.mapping(("gallery",))
    personal = r.names(("personal_data",)) if r.raw(("personal_data",)) is not None else list(PERSONAL_DATA)
    for i, rule in enumerate(personal):
        if rule not in PERSONAL_DATA:
            r.err(("personal_data", i), t("declaration.personal_data", value=rule, allowed=joined(PERSONAL_DATA)))
    declaration = Declaration(
        root=Path(root), language=language, cases=r.text(("cases",), "cases"),
        vocabularies=r.text(("vocabularies",)), template=r.text(("template",)),
        featured=r.text(("featured",)), search_terms=r.text(("search", "terms")),
        places=r.text(("places",), "none"),
        personal_data=tuple(p for p in personal if p in PERSONAL_DATA),
        home=Home(*(r.text(("home", k)) for k in ("title", "intro", "description", "cases_description", "bundle_note")),
                  tuple(Figure(facet_item(("home", "figures", i, "facet")), r.text(("home", "figures", i, "label")))
                        for i, _ in r.items(("home", "figures"))),
                  facet_keys(("home", "entries"), r.names(("home", "entries")))),
        sections=sections, fields=fields, facets=facets,
        browse=_browse(r, facet_item, next((n.replace("_", "-") for n, f in fields.items() if f.tag_index), None)),
        stats_intro=r.text(("stats", "intro")),
        charts=tuple(Chart(facet_item(("stats", "charts", i, "facet")), r.text(("stats", "charts", i, "title")))
                     for i, _ in r.items(("stats", "charts"))),
        select=facet_keys(("select",), r.names(("select",))),
        facts=field_names(("facts",), line=True),
        card=Card(field_names(("card", "badges"), badge=True), field_names(("card", "meta"), line=True),
                  field_names(("card", "gallery_meta"), line=True)),
        export=field_names(("export",), extra=("slug", "page")),
        search=weights(("search", "fields"), extra=("headings", "body")),
        search_facts=field_names(("search", "facts"), line=True),
        related=weights(("related",), facets=True, extra=("place",)),
        counts=facet_keys(("counts",), r.names(("counts",))),
        keep=_keep(r, fields),
        gallery_placeholder=r.text(("gallery", "placeholder")),
        handout=Handout(r.text(("handout", "note")), field_names(("handout", "toc"), line=True)),
        lines={".".join(map(str, k)): v for k, v in fm.lines.values.items()},
    )
    if report:
        return None, report.problems
    set_context(template=declaration.template, cases=declaration.cases)
    return declaration, []


def _check_roles(r: _Reader, fields: dict) -> None:
    """Each role once; the roles every page needs present, and required."""
    seen: dict[str, str] = {}
    for name, f in fields.items():
        if f.role and f.role in seen:
            r.err(("fields", name, "role"), t("declaration.role.twice", role=f.role, first=seen[f.role]))
        seen.setdefault(f.role, name)
    for role in REQUIRED_ROLES:
        if role not in seen:
            r.err(("fields",), t("declaration.role.missing", role=role))
        elif not fields[seen[role]].required:
            r.err(("fields", seen[role], "required"), t("declaration.role.required", role=role, name=seen[role]))
    tagged = [name for name, f in fields.items() if f.tag_index]
    for name in tagged[1:]:
        r.err(("fields", name, "tag_index"), t("declaration.tag_index.twice", name=name, first=tagged[0]))


def _sections(r: _Reader) -> tuple:
    r.mapping(("body",))
    out, names = [], {}
    for i, _ in r.items(("body", "sections")):
        name = r.text(("body", "sections", i, "name"), required=True)
        aliases = tuple(r.names(("body", "sections", i, "aliases")))
        for said in (name, *aliases):
            if said and said in names:
                r.err(("body", "sections", i), t("declaration.section.twice", name=said))
            names.setdefault(said, i)
        if name:
            out.append(kinds.Section(name, r.text(("body", "sections", i, "hint")),
                                     bool(r.get(("body", "sections", i, "required"), bool)), aliases))
    return tuple(out)


def _facets(r: _Reader, fields: dict) -> tuple:
    out = []
    for i, _ in r.items(("facets",)):
        where = ("facets", i)
        key, name = r.text(where + ("key",), required=True), r.text(where + ("field",), required=True)
        level = r.get(where + ("level",), int, 1)
        if key and (not KEY.fullmatch(key) or key in RESERVED_KEYS):
            r.err(where + ("key",), t("declaration.facet.key", key=key, reserved=joined(RESERVED_KEYS)))
            continue
        if key in {f.key for f in out}:
            r.err(where + ("key",), t("declaration.facet.twice", key=key))
            continue
        if name and name not in fields:
            r.err(where + ("field",), t("declaration.unknown.field", value=name, allowed=joined(fields)))
            continue
        if not key or not name:
            continue
        if not isinstance(fields[name].kind, FACETABLE):
            r.err(where + ("field",), t("declaration.facet.kind", name=name))
            continue
        if level < 1:  # named, and read as the top level so that nothing else is reported for it
            r.err(where + ("level",), t("declaration.facet.level", level=level))
            level = 1
        out.append(Facet(key, name, level, r.text(where + ("label",))))
    return tuple(out)


def _browse(r: _Reader, facet_item, tag_folder: str | None) -> tuple:
    out = []
    for i, _ in r.items(("browse",)):
        facet = facet_item(("browse", i, "facet"))
        folder = r.text(("browse", i, "folder"), required=True)
        if folder and (not FOLDER.fullmatch(folder) or folder in RESERVED_FOLDERS or folder == tag_folder):
            reserved = joined([*RESERVED_FOLDERS, *([tag_folder] if tag_folder else [])])
            r.err(("browse", i, "folder"), t("declaration.browse.folder", folder=folder, reserved=reserved))
        elif any(b.folder == folder or b.facet == facet for b in out):
            r.err(("browse", i), t("declaration.browse.twice", facet=facet, folder=folder))
        elif facet and folder:
            out.append(Browse(facet, folder, r.text(("browse", i, "intro"))))
    return tuple(out)


def _keep(r: _Reader, fields: dict) -> dict:
    """Vocabulary section → terms it must keep; only sections the fields use."""
    used = {getattr(f.kind, "vocabulary", None) for f in fields.values()} - {None}
    out = {}
    for section in r.get(("keep",), dict, {}) or {}:
        if section not in used:
            r.err(("keep", section), t("declaration.keep", section=section, allowed=joined(sorted(used))))
            continue
        out[str(section)] = tuple(r.names(("keep", section)))
    return out
