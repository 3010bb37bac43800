"""Realistic Word (.docx) case write-ups for the import tests, built with python-docx.

python-docx cannot write footnotes, so ``footnote`` is added to the saved package by hand: a
footnotes part, its relationship and content type, and a reference where ``FOOTNOTE`` stands.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import segno
from docx.shared import Cm

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARK = "FOOTNOTE"


def png(text: str = "casebook", scale: int = 4) -> bytes:
    buf = io.BytesIO()
    segno.make(text).save(buf, kind="png", scale=scale)
    return buf.getvalue()


def write_case_docx(path: Path, *, image: bytes | None = None, footnote: str | None = None,
                    core_title: str | None = None) -> Path:
    """石泉's 333 mechanism as a school office would write it up: a title, labelled lines, numbered
    section headings typed as text and as Word headings, a numbered list, a table, an image, a footnote."""
    d = docx.Document()
    d.add_paragraph("石泉县构建“333”德育工作机制", style="Title")
    d.add_paragraph("报送单位：石泉县教育体育和科技局")
    d.add_paragraph("一、背景")
    d.add_paragraph("石泉县把立德树人作为学校工作的根本任务，针对德育工作碎片化的问题，探索形成系统的工作机制。"
                    + (MARK if footnote else ""))
    d.add_heading("二、主要做法", level=1)
    d.add_paragraph("（一）健全三级德育管理网络")
    for text in ("县级成立德育工作领导小组", "学校设立德育处", "班级落实班主任责任"):
        d.add_paragraph(text, style="List Number")
    p = d.add_paragraph("坚持")
    p.add_run("全员、全过程、全方位").bold = True
    p.add_run("育人，把德育融入课堂教学。")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("项目", "数量", "单位"), ("德育示范校", "12", "所"), ("德育骨干教师", "260", "名")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if image is not None:
        d.add_picture(io.BytesIO(image), width=Cm(4))
    d.add_heading("三、工作成效", level=1)
    d.add_paragraph("全县中小学德育工作实现制度化、常态化，学生行为习惯明显改善。")
    d.add_paragraph("四、经验启示")
    d.add_paragraph("德育工作要系统设计、分层落实，形成上下贯通的工作链条。")
    if core_title:
        d.core_properties.title = core_title
    d.save(path)
    if footnote:
        _add_footnote(path, footnote)
    return path


def _add_footnote(path: Path, text: str) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    body = parts["word/document.xml"].decode()
    assert f"<w:t>{MARK}</w:t>" not in body  # the mark shares a run with the paragraph text
    body = body.replace(MARK, '</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>', 1)
    parts["word/document.xml"] = body.encode()
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>').encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'footnotes" Target="footnotes.xml"/></Relationships>')).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>')).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
