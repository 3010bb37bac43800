"""`casebook import 案例.docx`: a Word write-up → a case file, with its images beside it.

mammoth turns the document into clean HTML (styles, not looks); this module reshapes that HTML the
way case files are written (一、二、… and Word headings become ## sections named as the template
names them, labelled lines such as 报送单位： fill the front matter, footnotes become a 注释 section,
images are saved next to the case) and markdownify writes the Markdown. Whatever the document does
not tell is left for the validator to ask for.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from casebook.declare.divisions import Divisions, load_divisions
from casebook.authoring.newcase import Answers, Refused, new_target, render, taxonomy_of, wrong_answers, write_new
from casebook.check.safety import IMAGE_SUFFIXES, MAX_IMAGE_BYTES

MAX_DOCX_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a small zip can unpack to gigabytes
MAX_PARTS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, .wps, and every password-protected Office file

NUMERALS = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^\s*[{NUMERALS}]+\s*[、.．]\s*(.+?)\s*$")
SUBSECTION_RE = re.compile(rf"^\s*[（(]\s*[{NUMERALS}]+\s*[)）]\s*(.+?)\s*$")
HEADING_MAX = 40  # longer numbered lines are paragraphs that start with a number, not headings
# The template's section names, and what Word write-ups call them instead.
SECTION_NAMES = {
    "背景": ("背景", "工作背景", "基本情况", "实施背景", "案例背景", "项目背景", "背景与问题", "问题的提出", "背景和问题"),
    "主要做法": ("主要做法", "具体做法", "主要举措", "工作举措", "主要措施", "具体措施", "做法", "实施过程",
             "创新做法", "工作做法", "做法与措施", "主要做法和措施"),
    "工作成效": ("工作成效", "主要成效", "取得成效", "实施成效", "成效", "工作成果", "成果成效", "取得的成效",
             "实践成效", "成效与反响"),
    "经验启示": ("经验启示", "经验与启示", "启示", "经验体会", "几点启示", "体会与思考", "经验和启示", "思考与启示"),
}
SYNONYMS = {name: standard for standard, names in SECTION_NAMES.items() for name in names}
LABELS = {
    "organization": ("报送单位", "单位", "作者单位", "供稿单位"),
    "summary": ("摘要", "内容摘要", "内容提要", "案例摘要"),
    "date": ("日期", "时间", "报送日期", "报送时间"),
}
LABEL_RE = re.compile(r"^\s*(" + "|".join(n for names in LABELS.values() for n in names) + r")\s*[:：]\s*(.+?)\s*$")
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}


@dataclass
class Imported:
    """What a document gave: the title, labelled fields, the Markdown body and its images."""
    title: str | None
    known: dict
    region: tuple[str | None, str | None, str | None] | None
    body: str
    images: list[tuple[str, bytes]] = field(default_factory=list)  # (name, data), in order of use
    notes: list[str] = field(default_factory=list)  # what the contributor should know


def read_docx(path: Path) -> bytes:
    """The file's bytes, when it is a Word .docx that can be opened; Refused with the reason otherwise."""
    try:
        size = path.stat().st_size
    except OSError:
        raise Refused(f"找不到文件 {path}") from None
    if size > MAX_DOCX_BYTES:
        raise Refused(f"{path.name} 有 {size // 1024 // 1024} MB，超过 {MAX_DOCX_BYTES // 1024 // 1024} MB；请压缩其中的图片后再导入")
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data.replace(b"\x00", b""):
            raise Refused(f"{path.name} 设置了打开密码（已加密），无法读取；请在 Word 里取消密码（文件 → 信息 → 保护文档）后另存为 .docx")
        raise Refused(f"{path.name} 是旧版 Word（.doc）或 WPS 格式；请在 Word 或 WPS 里“另存为” Word 文档（.docx）后再导入")
    if data.startswith(b"%PDF"):
        raise Refused(f"{path.name} 是 PDF 文件，不能导入；请导入原始的 Word 文档（.docx）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        raise Refused(f"{path.name} 不是 Word 文档（.docx）；请在 Word 或 WPS 里另存为 .docx 后再导入") from None
    if "word/document.xml" not in names:
        raise Refused(f"{path.name} 是压缩包，但不是 Word 文档（.docx）；请导入 Word 文档")
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise Refused(f"{path.name} 解压后过大，无法安全读取；请另存为一个新的 .docx 再试")
    return data


def convert(data: bytes, name: str, given_title: str | None = None) -> Imported:
    """The document's HTML (mammoth), reshaped and written as Markdown (markdownify)."""
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
            notes.append(f"第 {n} 张图片是 {image.content_type} 格式，网站不能显示，没有导入；"
                         f"请在 Word 里把它另存为 PNG 或 JPG，放在案例文件旁边，再在正文里引用")
            return {"src": "", "alt": f"SKIPPED-{n}"}
        images.append((suffix, blob))
        if len(blob) > MAX_IMAGE_BYTES:
            notes.append(f"第 {n} 张图片超过 1 MB（{len(blob)} 字节），请压缩后替换")
        return {"src": f"IMAGE-{len(images)}", "alt": (image.alt_text or "").strip() or f"图{len(images)}"}

    style_map = ("p[style-name='Title'] => h1.doc-title:fresh\np[style-name='标题'] => h1.doc-title:fresh\n"
                 "comment-reference => sup")  # comments are read, to be named (mammoth drops them by default)
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=style_map,
                                         convert_image=mammoth.images.img_element(keep_image))
    except Exception as err:  # mammoth reports a damaged document as whatever its XML reader raised
        raise Refused(f"{name} 无法读取（文件可能已损坏：{type(err).__name__}）；请在 Word 里打开后另存为新的 .docx 再试") from None
    notes += _left_out(data, result.messages)
    soup = BeautifulSoup(result.value, "html.parser")
    notes += _take_comments(soup)
    struck = len(soup.find_all("s"))
    if struck:
        notes.append(f"有 {struck} 处删除线文字，导入后在 ~~ 和 ~~ 之间（网站上会显示这两个符号）：请决定保留还是删掉")
    footnotes = _take_footnotes(soup)  # first: a paragraph holding only a note mark is not a title
    title = _take_title(soup, given_title)
    if title is None and given_title is None and _has_content(soup):
        title = re.sub(r"\s+", " ", Path(name).stem.replace("_", " ")).strip() or None
        if title:
            notes.append(f"文档里没有单独的标题，标题暂用文件名“{title}”，请改成案例的标题")
    elif isinstance(title, tuple):  # the document's own title, replaced by --title
        notes.append(f"文档的标题“{title[0]}”没有导入：用的是 --title 给出的标题")
        title = None
    known = _take_labels(soup)
    _shape_headings(soup)
    for a in soup.find_all("a"):
        if not a.get("href") or a["href"].startswith("#"):  # bookmarks and cross-references lead nowhere in a case page
            a.unwrap()
    for img in soup.find_all("img", alt=re.compile(r"^SKIPPED-")):
        img.replace_with(soup.new_string(f"〔{img['alt'].split('-')[1]}：图片未导入〕"))
    text = soup.get_text("", strip=True)
    if not text and not images:
        why = "".join(f"（{note}）" for note in notes)  # a linked picture, say, is why there is nothing
        raise Refused(f"{name} 只有标题“{title}”，没有正文可以导入{why}" if isinstance(title, str)
                      else f"{name} 里没有可以导入的文字{why}")
    body = _markdown(str(soup))
    if footnotes:
        body += "\n\n## 注释\n\n" + "\n".join(f"{i}. {t}" for i, t in enumerate(footnotes, 1))
    region = find_region(load_divisions(), " ".join(filter(None, [title, known.get("organization")])))
    return Imported(title, known, region, body, images, notes)


def _take_title(soup, given: str | None = None):
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
            and not LABEL_RE.match(title) and not re.search(r"[。；;：:]$", title)
            and SYNONYMS.get(title) is None):
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
    quoted = "；".join(f"“{t}”" for t in texts)
    return [f"文档里的 {len(texts)} 条批注没有导入（批注是修改意见，不是正文）：{quoted}"]


def _left_out(data: bytes, messages) -> list[str]:
    """What mammoth does not bring over, named: linked (not embedded) pictures, headers and footers,
    charts, SmartArt and embedded objects."""
    out = []
    for message in messages:
        linked = re.search(r"could not open external image '([^']*)'", message.message)
        if linked:
            out.append(f"图片 {linked[1]} 是链接到文档外的文件，不在文档里，没有导入；"
                       "请在 Word 里插入这张图片（不要用链接），或把它放在案例文件旁边再在正文里引用")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        margins = []
        for part in sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n)):
            text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", z.read(part).decode("utf-8", "replace")))
            if text.strip():
                margins.append(text.strip())
    if margins:
        out.append(f"页眉、页脚的文字没有导入：{'；'.join(f'“{t}”' for t in dict.fromkeys(margins))}")
    for folder, what in (("word/charts/", "图表"), ("word/diagrams/", "SmartArt 图形"), ("word/embeddings/", "嵌入的对象")):
        if any(n.startswith(folder) for n in names):
            out.append(f"文档里的{what}没有导入：请把其中的文字和数字写进正文，或截图后作为图片插入")
    return out


def _take_labels(soup) -> dict:
    """Lines such as 报送单位：… fill the front matter and leave the body."""
    known = {}
    for p in soup.find_all("p"):
        m = LABEL_RE.match(p.get_text("", strip=True))
        if not m:
            continue
        key = next(k for k, names in LABELS.items() if m[1] in names)
        value = m[2]
        if key == "date":
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
        target.replace_with(soup.new_string(f"〔{n}〕" if n else ""))
    return [t for _, t in texts]


def _shape_headings(soup) -> None:
    """Word headings and 一、/（一） lines → ## and ### in the template's names; nothing deeper than ####."""
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
        _retitle(soup, h, level, text)
    for p in soup.find_all("p"):
        text = p.get_text("", strip=True)
        if len(text) > HEADING_MAX or p.find("img"):
            continue
        m, sub = SECTION_RE.match(text), SUBSECTION_RE.match(text)
        if m and not re.search(r"[。；;，,]", m[1][:-1]):
            _retitle(soup, p, 2, m[1])
        elif sub and not re.search(r"[。；;，,]", sub[1][:-1]):
            _retitle(soup, p, 3, sub[1])


def _retitle(soup, node, level: int, text: str) -> None:
    text = text.rstrip("：:。")
    new = soup.new_tag(f"h{level}")
    new.string = SYNONYMS.get(text, text) if level == 2 else text
    node.replace_with(new)


def _markdown(html: str) -> str:
    from markdownify import markdownify

    # escape_misc: Word text is text: "1. …" or "[…](…)" typed in a paragraph must not become a list or a link
    text = markdownify(html, heading_style="ATX", bullets="-", table_infer_header=True, escape_misc=True)
    text = text.replace("\\<", "&lt;")  # Python-Markdown does not unescape \<; an entity shows as <
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def find_region(divisions: Divisions, text: str) -> tuple[str | None, str | None, str | None] | None:
    """The most specific place the text names in full (石泉县 → 陕西省 安康市 石泉县), when only one fits."""
    if not text:
        return None
    named = {name for name in divisions.by_name if len(name) >= 3 and name in text}
    for level in ("county", "city", "province"):
        chains = []
        for name in named:
            for d in divisions.by_name[name]:
                if d.level != level:
                    continue
                chain = [d]
                while chain[-1].parent:
                    chain.append(divisions.by_code[chain[-1].parent])
                chains.append((sum(c.name in named for c in chain), chain))
        if not chains:
            continue
        best = max(score for score, _ in chains)
        top = [chain for score, chain in chains if score == best]
        if len(top) == 1:
            by_level = {c.level: c.name for c in top[0]}
            region = (by_level.get("province"), by_level.get("city"), by_level.get("county"))
            return region if not divisions.check(*region) else None
    return None


def import_docx(root: Path, path: Path, answers: Answers) -> tuple[Path, list[Path], list[str]]:
    """Write the case file and its images; return (case file, images, notes). Options win over the document."""
    taxonomy = taxonomy_of(root)
    wrong = wrong_answers(taxonomy, answers)
    if wrong:
        raise Refused("；".join(wrong))
    doc = convert(read_docx(path), path.name, answers.title)
    answers.title = answers.title or doc.title
    if not answers.title:
        raise Refused(f"{path.name} 里找不到标题（文档第一行或“标题”样式的段落）；请用 --title 给出标题")
    notes = list(doc.notes)
    if not (answers.province or answers.city or answers.county) and doc.region:
        answers.province, answers.city, answers.county = doc.region
        notes.append(f"地区按标题和报送单位识别为 {''.join(filter(None, doc.region))}，请核对")
    target = new_target(root, answers)
    files, image_paths, body = {}, [], doc.body
    for i, (suffix, blob) in enumerate(doc.images, 1):
        image = target.with_name(f"{target.stem}-{i}{suffix}")
        assert image.suffix in IMAGE_SUFFIXES
        body = body.replace(f"(IMAGE-{i})", f"({image.name})")
        files[image] = blob
        image_paths.append(image)
    files = {target: render(answers, doc.known, body).encode("utf-8"), **files}
    write_new(root, files)
    return target, image_paths, notes
