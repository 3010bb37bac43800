"""`casebook import 案例.docx`: a Word write-up → a case file, with its images beside it.

mammoth turns the document into clean HTML (styles, not looks); this module reshapes that HTML the
way case files are written (一、二、… and Word headings become ## sections named as the declaration
names them, by their aliases; labelled lines such as 报送单位： fill the fields whose ``import_labels``
name them; footnotes become a notes section; images are saved next to the case) and markdownify
writes the Markdown. Whatever the document does not tell is left for the validator to ask for.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from casebook.authoring.newcase import Answers, Refused, Setup, new_target, render, setup, wrong_answers, write_new
from casebook.check.safety import IMAGE_SUFFIXES, MAX_IMAGE_BYTES
from casebook.declare import fields as kinds
from casebook.i18n import N_, t, tn

MAX_DOCX_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a small zip can unpack to gigabytes
MAX_PARTS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, .wps, and every password-protected Office file

NUMERALS = "一二三四五六七八九十"  # 一、 and （一） number a Chinese write-up's sections
SECTION_RE = re.compile(rf"^\s*[{NUMERALS}]+\s*[、.．]\s*(.+?)\s*$")
SUBSECTION_RE = re.compile(rf"^\s*[（(]\s*[{NUMERALS}]+\s*[)）]\s*(.+?)\s*$")
HEADING_MAX = 40  # longer numbered lines are paragraphs that start with a number, not headings
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}
# mammoth's style names for a document's title (Word's own, and its Chinese edition's)
TITLE_STYLES = ("Title", "标题")


@dataclass(frozen=True)
class Shape:
    """How the library's write-ups read: a section's name by any of its aliases, and the fields that
    labelled lines (报送单位：…) fill, from the declaration."""
    synonyms: dict  # section name or alias -> the section's name
    labels: dict  # label -> field name
    dates: frozenset  # fields whose labelled value is a date
    label_re: re.Pattern | None

    @classmethod
    def of(cls, declaration) -> "Shape":
        synonyms = {alias: section.name for section in declaration.sections for alias in (section.name, *section.aliases)}
        labels = {label: f.name for f in declaration.fields.values() for label in f.import_labels}
        dates = frozenset(f.name for f in declaration.fields.values() if isinstance(f.kind, kinds.Date))
        pattern = re.compile(r"^\s*(" + "|".join(map(re.escape, sorted(labels, key=len, reverse=True)))
                             + r")\s*[:：]\s*(.+?)\s*$") if labels else None
        return cls(synonyms, labels, dates, pattern)

    def label(self, text: str):
        return self.label_re.match(text) if self.label_re else None


@dataclass
class Imported:
    """What a document gave: the title, labelled fields, the Markdown body and its images."""
    title: str | None
    known: dict
    place: dict | None  # {level key: name}, found in the title and the labelled fields
    body: str
    images: list[tuple[str, bytes]] = field(default_factory=list)  # (name, data), in order of use
    notes: list[str] = field(default_factory=list)  # what the contributor should know


def read_docx(path: Path) -> bytes:
    """The file's bytes, when it is a Word .docx that can be opened; Refused with the reason otherwise."""
    try:
        size = path.stat().st_size
    except OSError:
        raise Refused(t("import.missing", path=path)) from None
    if size > MAX_DOCX_BYTES:
        raise Refused(t("import.too_big", name=path.name, size=size // 1024 // 1024, limit=MAX_DOCX_BYTES // 1024 // 1024))
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data.replace(b"\x00", b""):
            raise Refused(t("import.encrypted", name=path.name))
        raise Refused(t("import.doc", name=path.name))
    if data.startswith(b"%PDF"):
        raise Refused(t("import.pdf", name=path.name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        raise Refused(t("import.not_docx", name=path.name)) from None
    if "word/document.xml" not in names:
        raise Refused(t("import.zip", name=path.name))
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise Refused(t("import.unpacked", name=path.name))
    return data


def convert(data: bytes, name: str, s: Setup, given_title: str | None = None) -> Imported:
    """The document's HTML (mammoth), reshaped and written as Markdown (markdownify)."""
    shape = Shape.of(s.declaration)
    import mammoth
    from bs4 import BeautifulSoup

    images: list[tuple[str, bytes]] = []
    notes: list[str] = []

    def keep_image(image):
        n = len(images) + len(notes) + 1
        suffix = IMAGE_TYPES.get(image.content_type)
        with image.open() as stream:
            blob = stream.read()
        if suffix is None:
            notes.append(t("import.image.type", n=n, type=image.content_type))
            return {"src": "", "alt": f"SKIPPED-{n}"}
        images.append((suffix, blob))
        if len(blob) > MAX_IMAGE_BYTES:
            notes.append(t("import.image.big", n=n, size=len(blob)))
        return {"src": f"IMAGE-{len(images)}", "alt": (image.alt_text or "").strip() or t("import.image.alt", n=len(images))}

    style_map = "".join(f"p[style-name='{style}'] => h1.doc-title:fresh\n" for style in TITLE_STYLES) \
        + "comment-reference => sup"  # comments are read, to be named (mammoth drops them by default)
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=style_map,
                                         convert_image=mammoth.images.img_element(keep_image))
    except Exception as err:  # mammoth reports a damaged document as whatever its XML reader raised
        raise Refused(t("import.damaged", name=name, error=type(err).__name__)) from None
    notes += _left_out(data, result.messages)
    soup = BeautifulSoup(result.value, "html.parser")
    notes += _take_comments(soup)
    struck = len(soup.find_all("s"))
    if struck:
        notes.append(tn("import.struck", struck))
    footnotes = _take_footnotes(soup)  # first: a paragraph holding only a note mark is not a title
    title = _take_title(soup, shape, given_title)
    if title is None and given_title is None and _has_content(soup):
        title = re.sub(r"\s+", " ", Path(name).stem.replace("_", " ")).strip() or None
        if title:
            notes.append(t("import.title.from_name", title=title))
    elif isinstance(title, tuple):  # the document's own title, replaced by --title
        notes.append(t("import.title.replaced", title=title[0]))
        title = None
    known = _take_labels(soup, shape)
    _shape_headings(soup, shape)
    for a in soup.find_all("a"):
        if not a.get("href") or a["href"].startswith("#"):  # bookmarks and cross-references lead nowhere in a case page
            a.unwrap()
    for img in soup.find_all("img", alt=re.compile(r"^SKIPPED-")):
        img.replace_with(soup.new_string(t("import.image.skipped", n=img["alt"].split("-")[1])))
    text = soup.get_text("", strip=True)
    if not text and not images:
        why = "".join(t("import.why", note=note) for note in notes)  # a linked picture, say, is why there is nothing
        raise Refused(t("import.title_only", name=name, title=title, why=why) if isinstance(title, str)
                      else t("import.no_text", name=name, why=why))
    body = _markdown(str(soup))
    if footnotes:
        body += "\n\n## " + t("import.footnotes") + "\n\n" + "\n".join(f"{i}. {note}" for i, note in enumerate(footnotes, 1))
    said = [title, *(v for v in known.values() if isinstance(v, str))]
    place = s.places.find(" ".join(filter(None, said))) if s.places is not None else None
    return Imported(title, known, place, body, images, notes)


def _take_title(soup, shape: Shape, given: str | None = None):
    """The Title-styled paragraph, else the first line when it reads as a title and is not all there is:
    removed from the body. With ``given`` (--title), only a Title-styled paragraph is taken: the same
    text is dropped, another one is returned as (text,) for the output to name."""
    node = soup.find(class_="doc-title")
    styled = node is not None
    if node is None and given is None:
        node = soup.find(["p", "h1", "h2", "h3", "h4", "h5", "h6"])
    if node is None:
        return None
    title = " ".join(node.get_text(" ", strip=True).split())
    if not styled and not (
            4 <= len(title) <= 60 and not SECTION_RE.match(title) and not SUBSECTION_RE.match(title)
            and not shape.label(title) and not re.search(r"[。；;：:]$", title)
            and shape.synonyms.get(title) is None):
        return None
    rest = node.extract()
    if not styled and not _has_content(soup):  # a one-paragraph document: that paragraph is the text
        (soup.contents[0].insert_before(rest) if soup.contents else soup.append(rest))
        return None
    if given is not None:
        return None if title == " ".join(given.split()) else (title,)
    return title or None


def _has_content(soup) -> bool:
    return bool(soup.get_text("", strip=True)) or soup.find(["img", "table"]) is not None


def _take_comments(soup) -> list[str]:
    """Word comments are a reviewer's remarks, not the case: named in the output, left out of the file."""
    texts = []
    for dt_ in soup.find_all("dt", id=re.compile(r"^comment-\d+$")):
        dd = dt_.find_next_sibling("dd")
        if dd is not None:
            for back in dd.find_all("a", href=re.compile(r"^#comment-ref-")):
                back.decompose()
            texts.append(" ".join(dd.get_text(" ", strip=True).split()))
            dd.decompose()
        parent = dt_.parent
        dt_.decompose()
        if parent is not None and parent.name == "dl" and not parent.find(["dt", "dd"]):
            parent.decompose()
    for a in soup.find_all("a", href=re.compile(r"^#comment-\d+$")):
        (a.parent if a.parent is not None and a.parent.name == "sup" else a).decompose()
    if not texts:
        return []
    quoted = t("import.quoted.separator").join(t("import.quoted", text=text) for text in texts)
    return [tn("import.comments", len(texts), quoted=quoted)]


def _left_out(data: bytes, messages) -> list[str]:
    """What mammoth does not bring over, named: linked (not embedded) pictures, headers and footers,
    charts, SmartArt and embedded objects."""
    out = []
    for message in messages:
        linked = re.search(r"could not open external image '([^']*)'", message.message)
        if linked:
            out.append(t("import.image.linked", name=linked[1]))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        margins = []
        for part in sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n)):
            text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", z.read(part).decode("utf-8", "replace")))
            if text.strip():
                margins.append(text.strip())
    if margins:
        quoted = t("import.quoted.separator").join(t("import.quoted", text=text) for text in dict.fromkeys(margins))
        out.append(t("import.margins", quoted=quoted))
    for folder, what in (("word/charts/", N_("import.part.charts")), ("word/diagrams/", N_("import.part.smartart")),
                         ("word/embeddings/", N_("import.part.objects"))):
        if any(n.startswith(folder) for n in names):
            out.append(t("import.part", what=t(what)))
    return out


def _take_labels(soup, shape: Shape) -> dict:
    """Lines such as 报送单位：… fill the front matter and leave the body."""
    known = {}
    for p in soup.find_all("p"):
        m = shape.label(p.get_text("", strip=True))
        if not m:
            continue
        key = shape.labels[m[1]]
        value = m[2]
        if key in shape.dates:
            d = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", value)
            try:
                value = dt.date(int(d[1]), int(d[2]), int(d[3])) if d else None
            except ValueError:
                value = None
            if value is None:
                continue
        if key not in known:
            known[key] = value
            p.decompose()
    return known


def _take_footnotes(soup) -> list[str]:
    """Word footnotes → 〔1〕 in the text and their texts (as Markdown: a link keeps its address), in
    order, for a 注释 section."""
    texts = []
    for li in soup.find_all("li", id=re.compile(r"^(foot|end)note-\d+$")):
        for back in li.find_all("a", href=re.compile(r"^#(foot|end)note-ref-")):
            back.decompose()
        texts.append((li["id"], " ".join(_markdown(li.decode_contents()).split())))
        parent = li.parent
        li.decompose()
        if parent is not None and not parent.find("li"):
            parent.decompose()
    numbers = {note_id: n for n, (note_id, _) in enumerate(texts, 1)}
    for a in soup.find_all("a", href=re.compile(r"^#(foot|end)note-\d+$")):
        n = numbers.get(a["href"][1:])
        target = a.parent if a.parent is not None and a.parent.name == "sup" else a
        target.replace_with(soup.new_string(t("import.footnote.mark", n=n) if n else ""))
    return [t for _, t in texts]


def _shape_headings(soup, shape: Shape) -> None:
    """Word headings and 一、/（一） lines → ## and ### in the declaration's names; nothing deeper than ####."""
    headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    top = min((int(h.name[1]) for h in headings), default=1)
    for h in headings:
        text = h.get_text(" ", strip=True)
        if not text:
            h.decompose()
            continue
        m = SECTION_RE.match(text)
        sub = SUBSECTION_RE.match(text)
        level = min(2 + int(h.name[1]) - top, 4)
        if m:
            level, text = 2, m[1]
        elif sub:
            level, text = 3, sub[1]
        _retitle(soup, h, level, text, shape)
    for p in soup.find_all("p"):
        text = p.get_text("", strip=True)
        if len(text) > HEADING_MAX or p.find("img"):
            continue
        m, sub = SECTION_RE.match(text), SUBSECTION_RE.match(text)
        if m and not re.search(r"[。；;，,]", m[1][:-1]):
            _retitle(soup, p, 2, m[1], shape)
        elif sub and not re.search(r"[。；;，,]", sub[1][:-1]):
            _retitle(soup, p, 3, sub[1], shape)


def _retitle(soup, node, level: int, text: str, shape: Shape) -> None:
    text = text.rstrip("：:。")
    new = soup.new_tag(f"h{level}")
    new.string = shape.synonyms.get(text, text) if level == 2 else text
    node.replace_with(new)


def _markdown(html: str) -> str:
    from markdownify import markdownify

    # escape_misc: Word text is text: "1. …" or "[…](…)" typed in a paragraph must not become a list or a link
    text = markdownify(html, heading_style="ATX", bullets="-", table_infer_header=True, escape_misc=True)
    text = text.replace("\\<", "&lt;")  # Python-Markdown does not unescape \<; an entity shows as <
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def import_docx(root: Path, path: Path, answers: Answers) -> tuple[Path, list[Path], list[str]]:
    """Write the case file and its images; return (case file, images, notes). Options win over the document."""
    s = setup(root)
    wrong = wrong_answers(s, answers)
    if wrong:
        raise Refused(t("new.separator").join(wrong))
    title_field = s.declaration.role("title").name
    doc = convert(read_docx(path), path.name, s, answers.get(title_field))
    answers.values[title_field] = answers.get(title_field) or doc.title
    if not answers.get(title_field):
        raise Refused(t("import.no_title", name=path.name))
    notes = list(doc.notes)
    place = s.declaration.role("place")
    if place is not None and not answers.get(place.name) and doc.place:
        answers.values[place.name] = doc.place
        names = [doc.place.get(level.key) for level in s.places.levels]
        notes.append(t("import.place.found", place=s.places.label(names)))
    target = new_target(root, s, answers)
    files, image_paths, body = {}, [], doc.body
    for i, (suffix, blob) in enumerate(doc.images, 1):
        image = target.with_name(f"{target.stem}-{i}{suffix}")
        assert image.suffix in IMAGE_SUFFIXES
        body = body.replace(f"(IMAGE-{i})", f"({image.name})")
        files[image] = blob
        image_paths.append(image)
    files = {target: render(s, answers, doc.known, body).encode("utf-8"), **files}
    write_new(root, files)
    return target, image_paths, notes
