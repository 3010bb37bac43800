"""Chosen cases → one printable HTML document (the handout), self-contained.

Everything the page needs is inside it (styles, images as data: URIs, QR codes as inline SVG), so the
same file prints from a bundle, from dist/ or by mail. The template (templates/handout.html.j2, which a
library may override) escapes by default; only Markdown bodies (validated: no script, no remote
resources) and segno's SVG are marked safe. Its facts are the case page's, without links.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path

import markdown
from markupsafe import Markup

from casebook.model.case import Case
from casebook.model.edition import BundleInfo, Edition
from casebook.model.markdown import BODY_EXTENSIONS
from casebook.model.media import file_part, replace_images
from casebook.render.case_page import facts
from casebook.render.context import Context
from casebook.render.qr import qr_svg
from casebook.render.templating import css_string  # noqa: F401  (the handout's filter; tests use it)
from casebook.render.urls import PUBLIC

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
    facts: list  # (label, value group or badge row)
    notes: tuple
    toc: str  # the line under its title in the contents


def image_data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def body_html(case: Case, root: Path) -> Markup:
    """The case body as HTML, its local images inlined (they were checked: ≤ 1 MB, inside the cases folder)."""
    folder = (root / case.path).parent
    body = replace_images(case.body, case.images, lambda url: image_data_uri(folder / file_part(url)))
    return Markup(markdown.markdown(body, extensions=HANDOUT_EXTENSIONS))


def handout_renderer(library, cases: list[Case], info: BundleInfo, edition: Edition):
    """``render(pages)`` → the handout's HTML, where ``pages`` maps a case slug to the page its chapter starts
    on (for the contents). Bodies and QR codes are made once: printing renders the handout more than once."""
    ctx = Context(library, {}, PUBLIC, edition)
    declaration = library.declaration
    items = []
    for number, case in enumerate(cases, 1):
        url = edition.page_url(PUBLIC.page(case.url))
        toc = " · ".join(x for x in (ctx.text(case, name) for name in declaration.handout.toc) if x)
        items.append(HandoutCase(case, number, f"case-{case.slug}", body_html(case, library.root), url,
                                 qr_svg(url) if url else None, facts(ctx, case, links=False), ctx.notes(case), toc))

    def render(pages: dict[str, int] | None = None) -> str:
        return ctx.render("handout.html.j2", info=info, items=items, pages=pages or {}, total=len(cases),
                          site_url=edition.site_url, home=declaration.home, note=declaration.handout.note)

    return render


def render_handout(library, cases: list[Case], info: BundleInfo, edition: Edition,
                   pages: dict[str, int] | None = None) -> str:
    """The handout's HTML, rendered once."""
    return handout_renderer(library, cases, info, edition)(pages)
