"""Chosen cases → one printable HTML document (the handout), self-contained.

Everything the page needs is inside it (styles, images as data: URIs, QR codes
as inline SVG), so the same file prints from a bundle, from dist/ or by mail.
The Jinja2 template escapes by default; only Markdown bodies (validated: no
script, no remote resources) and segno's SVG are marked safe.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path

import markdown
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from casebook.model.edition import BundleInfo, Edition
from casebook.model.case import Case
from casebook.render.html import date_cn, qr_svg
from casebook.model.media import file_part, replace_images
from casebook.model.markdown import BODY_EXTENSIONS

# Each case's body is a fragment of one long document: the toc extension would give every
# case's 背景 the same id, and the handout has its own table of contents.
HANDOUT_EXTENSIONS = [e for e in BODY_EXTENSIONS if e != "toc"]


@dataclass(frozen=True)
class HandoutCase:
    case: Case
    number: int
    anchor: str
    body: Markup
    public_url: str | None
    qr: Markup | None


def css_string(value: str) -> Markup:
    """A CSS string literal: every character but ASCII letters and digits as a hex escape (safe in <style>)."""
    out = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{out}"')


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("casebook.render", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = css_string
    env.filters["date_cn"] = date_cn
    return env


def image_data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def body_html(case: Case, root: Path) -> Markup:
    """The case body as HTML, its local images inlined (they were checked: ≤ 1 MB, inside cases/)."""
    folder = (root / case.path).parent
    body = replace_images(case.body, case.images, lambda url: image_data_uri(folder / file_part(url)))
    return Markup(markdown.markdown(body, extensions=HANDOUT_EXTENSIONS))


def handout_renderer(cases: list[Case], info: BundleInfo, edition: Edition, root: Path):
    """``render(pages)`` → the handout's HTML, where ``pages`` maps a case slug to the page its chapter starts
    on (for the contents). Bodies and QR codes are made once: printing renders the handout more than once."""
    from casebook.render.case_page import PLAN_NOTE, TARGETS_CAPTION
    from casebook.render.urls import PUBLIC

    items = []
    for number, case in enumerate(cases, 1):
        url = edition.page_url(PUBLIC.page(case.url))
        items.append(HandoutCase(case, number, f"case-{case.slug}", body_html(case, root), url,
                                 qr_svg(url) if url else None))
    template = _environment().get_template("handout.html.j2")

    def render(pages: dict[str, int] | None = None) -> str:
        return template.render(info=info, items=items, pages=pages or {}, total=len(cases), site_url=edition.site_url,
                               plan_note=PLAN_NOTE, targets_caption=TARGETS_CAPTION)

    return render


def render_handout(cases: list[Case], info: BundleInfo, edition: Edition, root: Path,
                   pages: dict[str, int] | None = None) -> str:
    """The handout's HTML, rendered once."""
    return handout_renderer(cases, info, edition, root)(pages)
