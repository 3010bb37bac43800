"""One validated case → the Markdown source of its page (templates/case.md.j2 and its partials)."""

from __future__ import annotations

import html

from markupsafe import Markup

from casebook.declare import fields as kinds
from casebook.i18n import t
from casebook.model.case import Case
from casebook.model.media import rewrite_images
from casebook.render.context import Context, Part
from casebook.render.qr import qr_svg

CITE_SCRIPT = "assets/casebook/cite.js"


def metric_columns(n: int) -> int:
    """Columns that leave no ragged last row when they can: 6 → 3 + 3, 8 → 4 + 4, 5 → 5."""
    if n <= 5:
        return max(n, 1)
    return next((k for k in (4, 3, 5) if n % k == 0), 4)


def facts(ctx: Context, case: Case, links: bool = True) -> list[tuple[str, object]]:
    """The facts block's rows, in the declaration's order: (label, value group); a choice shows a row
    only when its value has a badge, a badge field shows its value as one. ``links``: values link to
    their browse pages (not on paper)."""
    rows = []
    for name in ctx.declaration.facts:
        field = ctx.declaration.fields[name]
        if isinstance(field.kind, kinds.Choice) and any(o.badge for o in field.kind.options):
            badges = ctx.badges(case, [name])
            if badges:
                rows.append((field.label, Row(badges[0])))
            continue
        if field.badge and case.value(name) not in (None, ""):
            rows.append((field.label, Row(ctx.badges(case, [name])[0])))
            continue
        group = ctx.value_parts(case, name, case.url, links=links)
        if group:
            rows.append((field.label, group))
    return rows


class Row:
    """A facts row holding a badge rather than a value."""

    def __init__(self, badge):
        self.badge = badge


def citation(title: str, site_name: str, url: str | None, cited: str | None = None) -> str:
    """The case as a reference to an online resource (in Chinese GB/T 7714-2015's [EB/OL] form): the
    reader's date of citing (cite.js writes it in; a placeholder without JavaScript), the address."""
    return t("cite.reference", site=site_name, title=title, cited=cited or t("cite.cited"),
             url=t("cite.url", url=url) if url else "")


def render_case_page(ctx: Context, case: Case, related: list[Case]) -> str:
    """``related``: the cases listed under the page. Without a public address the address and the related
    cases are left off printed copies (a preview's or a bundle's address means nothing on paper)."""
    edition = ctx.edition
    from casebook.render.urls import PUBLIC

    public_url = edition.page_url(PUBLIC.page(case.url))
    tag_field = ctx.declaration.tag_field
    # the tag field's values go in the page's meta for Material's tag index (the property's name is the
    # plugin's setting); the theme shows no chips for them: the facts block lists them
    meta = {"title": case.title, "description": html.escape(case.summary)}
    if tag_field and ctx.tags_property:
        meta[ctx.tags_property] = list(case.value(tag_field.name) or ())
    return ctx.render(
        "case.md.j2", case=case, meta=meta, notes=ctx.notes(case), facts=facts(ctx, case),
        # the body is the contributor's Markdown (validated: no script, no remote resource), passed as it is:
        # escaped, its quotes, > and allowed tags would show as text (!!! note "编者注", > 引文, <sup>)
        columns=metric_columns, body=Markup(rewrite_images(case.body, case.path, case.images).strip()),
        public_url=public_url, edit_url=edition.edit_url(case.path), site_name=edition.site_name,
        reference=citation(case.title, edition.site_name, public_url),
        qr=qr_svg(public_url) if public_url else None, script=ctx.urls.asset(case.url, CITE_SCRIPT),
        related=[ctx.card(c, case.url) for c in related])


__all__ = ["Part", "citation", "facts", "metric_columns", "render_case_page"]
