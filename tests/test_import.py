"""`casebook import`: realistic Word files (python-docx) → case files whose only problems are the
fields neither the document nor the options gave; never overwrites; clear refusals."""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
import subprocess
import sys
import zipfile

import docx
import pytest

from casebook.cli import main
from casebook.declare.places import Divisions, FilePlaces, Level
from casefixtures import REPO, copy_project
from wordfixtures import png, write_case_docx

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
FOOTNOTE = "数据来源：石泉县教育体育和科技局2023年工作总结。"
FILLED = {
    "summary:": 'summary: "陕西省石泉县构建“333”德育工作机制，健全县、校、班三级德育管理网络，推动全员、全过程、全方位育人。"',
    "date:": "date: 2024-03-01",
    "sources:": "sources: [{title: 石泉县构建“333”德育工作机制, publisher: 石泉县教育体育和科技局, date: 2024-03-01}]",
}


def run_import(project, document, *args):
    return main(["import", str(document), "--root", str(project), *args])


def imported(capsys):
    out = capsys.readouterr().out
    return out, out.split("已导入 ", 1)[1].split("\n", 1)[0].split("，", 1)[0]


def problems(project, path, capsys):
    capsys.readouterr()
    main(["validate", "--root", str(project), str(path), "--format", "json"])
    return json.loads(capsys.readouterr().out)


def files_under(project):
    return sorted((p, p.read_bytes()) for p in (project / "cases").rglob("*") if p.is_file())


def test_a_word_write_up_becomes_a_case_that_builds_once_the_rest_is_filled(tmp_path, capsys):
    project = copy_project(tmp_path)
    image = png("石泉 333")
    document = write_case_docx(tmp_path / "案例.docx", image=image, footnote=FOOTNOTE)
    assert run_import(project, document, "--scope", "县级", "--stage", "小学", "--stage", "初中", "--topic", "德育与思政") == 0
    out, rel = imported(capsys)
    path = project / rel
    assert rel == "cases/shiquan/shiquan-333-deyugongzuo-jizhi.md"
    assert "陕西省安康市石泉县，请核对" in out and "_featured.yml" not in out
    text = path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    # the title, a labelled line and the place come from the document; options fill the rest
    assert "title: 石泉县构建“333”德育工作机制" in front and "organization: 石泉县教育体育和科技局" in front
    assert "region: {province: 陕西省, city: 安康市, county: 石泉县}" in front and "scope: 县级" in front
    assert "报送单位" not in body and "# 石泉县构建" not in body
    # 一、 lines and Word headings become the template's sections; （一） a subsection
    assert [l for l in body.split("\n") if l.startswith("#")] == [
        "## 背景", "## 主要做法", "### 健全三级德育管理网络", "## 工作成效", "## 经验启示", "## 注释"]
    assert "1. 县级成立德育工作领导小组\n2. 学校设立德育处" in body and "**全员、全过程、全方位**育人" in body
    assert "| 项目 | 数量 | 单位 |\n| --- | --- | --- |\n| 德育示范校 | 12 | 所 |" in body
    assert "工作机制。〔1〕" in body and body.rstrip().endswith(f"1. {FOOTNOTE}")
    picture = path.with_name("shiquan-333-deyugongzuo-jizhi-1.png")
    assert picture.read_bytes() == image and f"![图1]({picture.name})" in body
    assert {p["field"] for p in problems(project, path, capsys)} == {"summary", "date", "sources"}
    for key, line in FILLED.items():
        text = "\n".join(line if l.startswith(key) else l for l in text.split("\n"))
    path.write_text(text, encoding="utf-8")
    assert problems(project, path, capsys) == []
    site = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                           cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-2000:]
    page = (site / "cases" / path.stem / "index.html").read_text(encoding="utf-8")
    assert "<table>" in page and "<td>德育骨干教师</td>" in page and 'alt="图1"' in page


def test_word_headings_and_other_section_names(tmp_path, capsys):
    project = copy_project(tmp_path)
    d = docx.Document()
    d.add_paragraph("佳木斯市推进党员名师工作室建设")
    d.add_heading("基本情况", level=1)
    d.add_paragraph("全市中小学推进党员名师工作室建设。")
    d.add_heading("主要举措", level=1)
    d.add_heading("建立工作室运行制度", level=2)
    d.add_paragraph("一、坚持问题导向，这一段以序号开头但是一整段正文，不应当变成标题。")
    d.add_paragraph("二、" + "坚持把党的政治建设摆在首位并贯穿学校管理教育教学和师生成长全过程各方面各环节不断提高")
    d.add_paragraph("2. 这一行在 Word 里是普通文字，不是列表；[链接](javascript:1) 也只是文字。")
    d.add_paragraph("<script>alert(1)</script><img src=x onerror=alert(1)>")
    d.add_heading("取得成效", level=1)
    d.add_paragraph("日期：2024年3月1日")
    d.save(tmp_path / "b.docx")
    assert run_import(project, tmp_path / "b.docx") == 0
    _, rel = imported(capsys)
    text = (project / rel).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert [l for l in body.split("\n") if l.startswith("#")] == ["## 背景", "## 主要做法", "### 建立工作室运行制度", "## 工作成效"]
    assert "一、坚持问题导向" in body and "二、坚持把党的政治建设" in body and "2\\. 这一行" in body and "\\[链接\\]" in body
    assert "date: 2024-03-01" in text and "region: {province: 黑龙江省, city: 佳木斯市}" in text
    assert rel.startswith("cases/jiamusi/")
    from casebook.model.markdown import render_body

    html = render_body(body)
    assert "<a " not in html and "<ol" not in html and "2. 这一行" in html  # typed text stays text
    assert "<script" not in html and "<img" not in html and "<p>&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_never_overwrites_and_never_reuses_a_slug(tmp_path, capsys):
    project = copy_project(tmp_path)
    document = write_case_docx(tmp_path / "a.docx", image=png())
    assert run_import(project, document) == 0
    _, first = imported(capsys)
    before = files_under(project)
    assert run_import(project, document) == 0
    _, second = imported(capsys)
    assert second == first.replace(".md", "-2.md")
    assert (project / second).with_name("shiquan-333-deyugongzuo-jizhi-2-1.png").is_file()
    assert [f for f in files_under(project) if f in before] == before  # nothing earlier was touched


def test_an_image_the_site_cannot_show_is_named_not_dropped(tmp_path, capsys):
    project = copy_project(tmp_path)
    document = write_case_docx(tmp_path / "gif.docx", image=GIF)
    assert run_import(project, document) == 0
    out, rel = imported(capsys)
    assert "第 1 张图片是 image/gif 格式" in out
    body = (project / rel).read_text(encoding="utf-8")
    assert "〔1：图片未导入〕" in body and not list((project / rel).parent.glob("*.gif"))


def ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + extra


def zip_bytes(parts: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("name,content,words", [
    ("old.doc", ole(b"WordDocument".decode().encode("utf-16-le")), "旧版 Word（.doc）"),
    ("locked.docx", ole("EncryptionInfo".encode("utf-16-le") + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le")), "已加密"),
    ("scan.docx", b"%PDF-1.7\n...", "PDF"),
    ("notes.docx", "这是一个纯文本文件".encode(), "不是 Word 文档"),
    ("archive.docx", zip_bytes({"readme.txt": "x"}), "不是 Word 文档"),
    ("damaged.docx", zip_bytes({"word/document.xml": "<not xml", "[Content_Types].xml": "<Types/>"}), "无法读取"),
], ids=["doc", "encrypted", "pdf", "text", "zip", "damaged"])
def test_what_is_not_a_usable_docx_gets_a_clear_message(tmp_path, capsys, name, content, words):
    project = copy_project(tmp_path)
    before = files_under(project)
    (tmp_path / name).write_bytes(content)
    assert run_import(project, tmp_path / name) == 2
    err = capsys.readouterr().err
    assert words in err and "没有写任何文件" in err and "Traceback" not in err
    assert files_under(project) == before


def test_an_empty_document_and_a_missing_title(tmp_path, capsys):
    project = copy_project(tmp_path)
    docx.Document().save(tmp_path / "empty.docx")
    assert run_import(project, tmp_path / "empty.docx") == 2
    assert "没有可以导入的文字" in capsys.readouterr().err
    d = docx.Document()
    d.add_paragraph("一、背景")
    d.add_paragraph("这里只有正文，没有标题。全文只讲做法，第一行就是小节标题，所以找不到标题。")
    d.save(tmp_path / "untitled.docx")
    before = files_under(project)
    assert run_import(project, tmp_path / "untitled.docx") == 0  # nothing lost: the file's name stands in
    out, rel = imported(capsys)
    assert "  注意：文档里没有单独的标题，标题暂用文件名“untitled”，请改成案例的标题\n" in out
    assert "title: untitled\n" in (project / rel).read_text(encoding="utf-8")
    (project / rel).unlink()
    assert files_under(project) == before
    assert run_import(project, tmp_path / "untitled.docx", "--title", "东安县推进校长负责制", "--province", "湖南省") == 0
    _, rel = imported(capsys)
    assert rel.startswith("cases/hunan/") and "## 背景" in (project / rel).read_text(encoding="utf-8")


def test_wrong_options_are_refused_before_anything_is_read(tmp_path, capsys):
    project = copy_project(tmp_path)
    document = write_case_docx(tmp_path / "a.docx")
    assert run_import(project, document, "--scope", "国家级", "--province", "火星省") == 2
    err = capsys.readouterr().err
    assert "--scope 国家级" in err and "火星省 不是" in err


def test_a_place_is_found_only_when_it_fits_one_way():
    divisions = Divisions()
    assert divisions.find("石泉县教育体育和科技局") == {"province": "陕西省", "city": "安康市", "county": "石泉县"}
    assert divisions.find("北京市朝阳区某小学") == {"province": "北京市", "county": "朝阳区"}
    assert divisions.find("长春市朝阳区某小学") == {"province": "吉林省", "city": "长春市", "county": "朝阳区"}
    assert divisions.find("朝阳区某小学") is None  # 北京 and 长春 both have one
    assert divisions.find("吉林省推行BTX支部建设标准") == {"province": "吉林省"}
    assert divisions.find("某县城区学校") is None  # two-character names are too common to trust
    assert divisions.find("煤炭矿区学校党建") is None  # 矿区 is a district's whole name, and a word
    assert divisions.find("") is None


def test_a_place_of_a_shipped_hierarchy_is_found_by_its_whole_name():
    places = FilePlaces((Level("country", "country"), Level("region", "region")),
                        {"Northmarch": {"Fenholt": {}, "Ashby": {}}, "Southmarch": {"Ashby Vale": {}, "Fen": {}}})
    assert places.find("Fenholt community health team") == {"country": "Northmarch", "region": "Fenholt"}
    assert places.find("A project in Northmarch") == {"country": "Northmarch"}
    assert places.find("Fen valley") == {"country": "Southmarch", "region": "Fen"}  # a whole word, not Fenholt's start
    assert places.find("Ashby and Fen") is None  # two places, at the same depth
    assert places.find("nowhere named") is None and places.find("") is None


def test_write_new_writes_all_or_nothing_and_never_over_a_file(tmp_path):
    from casebook.authoring.newcase import Refused, write_new

    kept = tmp_path / "cases" / "a" / "old.png"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"old")
    with pytest.raises(Refused, match="已经存在，不会覆盖"):
        write_new(tmp_path, {tmp_path / "cases" / "a" / "new.md": b"case", kept: b"new"})
    assert kept.read_bytes() == b"old" and not (tmp_path / "cases" / "a" / "new.md").exists()
    blocked = tmp_path / "cases" / "b"
    blocked.write_text("a file where a folder should be")
    with pytest.raises(Refused, match="无法写入"):
        write_new(tmp_path, {tmp_path / "cases" / "c.md": b"case", blocked / "x.png": b"img"})
    assert not (tmp_path / "cases" / "c.md").exists()


SAMPLES = sorted((REPO / "tests" / "wordsamples").glob("*.docx"))


def _paragraphs(document) -> list[str]:
    """Every paragraph's text in the document, its footnotes, endnotes and comments (as Word stores them)."""
    out = []
    with zipfile.ZipFile(document) as z:
        for part in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"):
            if part in z.namelist():
                xml = z.read(part).decode("utf-8")
                for para in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                    text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", para))
                    if text.strip():
                        out.append(html.unescape(text).strip())
    return out


def _link_targets(document) -> list[str]:
    with zipfile.ZipFile(document) as z:
        return [html.unescape(t) for name in z.namelist() if name.endswith(".rels") and "word/_rels/" in name
                for t in re.findall(r'Type="[^"]*/hyperlink"[^>]*Target="([^"]*)"', z.read(name).decode("utf-8"))
                + re.findall(r'Target="([^"]*)"[^>]*Type="[^"]*/hyperlink"', z.read(name).decode("utf-8"))]


def _flat(text: str) -> str:
    """Markdown's escapes and emphasis marks aside, and the 〔1〕 marks footnotes became."""
    return re.sub(r"[\s\\*~_]+|〔\d+〕", "", text)


@pytest.mark.parametrize("title", [None, "导入测试案例标题"], ids=["document-title", "given-title"])
@pytest.mark.parametrize("document", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_nothing_in_a_word_document_is_lost_without_a_word(tmp_path, capsys, document, title):
    """Every paragraph, table cell, list item, note and link address of a document written elsewhere
    ends up in the case file, or the output names it and says why it was left out."""
    project = copy_project(tmp_path)
    before = files_under(project)
    options = ["--province", "吉林省", "--scope", "省级", "--stage", "小学", "--topic", "组织建设"]
    code = run_import(project, document, *options, *(["--title", title] if title else []))
    out, err = capsys.readouterr()
    if code != 0:  # refused: nothing written, and the refusal says why
        assert files_under(project) == before
        assert _paragraphs(document) == [] and "没有可以导入的文字" in err, err
        return
    [case] = [p for p in (project / "cases").rglob("*.md") if (p, p.read_bytes()) not in before]
    written = _flat(case.read_text(encoding="utf-8") + out)
    lost = [t for t in _paragraphs(document) if _flat(t) not in written]
    assert lost == [], (lost, out)
    assert [u for u in _link_targets(document) if u not in case.read_text(encoding="utf-8")] == []


def test_the_samples_are_all_there():
    assert len(SAMPLES) == 17
