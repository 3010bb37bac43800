"""One validated case → the Markdown source of its page."""

from __future__ import annotations

from casebook.model.edition import Edition
from casebook.model.facets import Facet
from casebook.model.case import Case
from casebook.model.media import rewrite_images
from casebook.render.rawhtml import raw
from casebook.render.html import case_list, date_cn, esc, front_matter, qr_svg
from casebook.render.urls import Urls


def _links(values, facet: Facet | None, here: str, urls: Urls) -> str:
    if facet is None or facet.folder is None:
        return "、".join(esc(v) for v in values)
    return "、".join(f'<a href="{esc(urls.link(here, facet.page(v)))}">{esc(v)}</a>' for v in values)


def tag_anchor(tag: str) -> str:
    """The anchor Material's tags plugin gives a tag in the tag index (its default slugify, lower case)."""
    from pymdownx.slugs import slugify

    return "tag:" + slugify(case="lower")(tag, "-")


def facts_block(case: Case, facets: dict[str, Facet], urls: Urls) -> str:
    here = case.url
    region = _links([case.region.province], facets.get("province"), here, urls)
    rest = "".join(esc(p) for p in (case.region.city, case.region.county) if p)
    rows = [
        ("地区", region + rest),
        ("层级", esc(case.scope)),
        ("学段", _links(case.stages, facets.get("stage"), here, urls)),
        ("专题", _links(case.topics, facets.get("topic"), here, urls)),
        ("标签", "、".join(f'<a href="{esc(urls.link(here, "tags/index.md", tag_anchor(t)))}">{esc(t)}</a>'
                          for t in case.tags)),
        ("报送单位", esc(case.organization)),
        ("日期", f'<time datetime="{case.date.isoformat()}">{date_cn(case.date)}</time>'),
    ]
    if case.brand:
        rows.append(("品牌", f'<span class="cb-brand">{esc(case.brand)}</span>'))
    if case.plan:
        rows.insert(0, ("类型", '<span class="cb-kind">工作方案</span>'))
    rows = [(k, v) for k, v in rows if v]  # a case without tags shows no empty row
    items = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in rows)
    return raw(f'<dl class="cb-facts">{items}</dl>')


PLAN_NOTE = "这是一份工作方案：写的是安排和目标，来源没有报道实施结果。"
TARGETS_CAPTION = "计划目标（来源写的是目标，不是已经取得的结果）"


def _metric_card(m) -> str:
    chip = '<span class="cb-metric__type">目标</span>' if m.target else ""
    source = (f'<a class="cb-metric__source" href="#source-{m.source}" aria-label="出处：来源 {m.source}">'
              f'来源 {m.source}</a>') if m.source else ""
    return (f'<li class="cb-metric{" cb-metric--target" if m.target else ""}">{chip}'
            f'<span class="cb-metric__value">{esc(m.display)}</span><span class="cb-metric__unit">{esc(m.unit)}</span>'
            f'<span class="cb-metric__label">{esc(m.label)}</span>{source}</li>')


def metric_columns(n: int) -> int:
    """Columns that leave no ragged last row when they can: 6 → 3 + 3, 8 → 4 + 4, 5 → 5."""
    if n <= 5:
        return max(n, 1)
    return next((k for k in (4, 3, 5) if n % k == 0), 4)


def _metric_list(metrics, extra: str = "", label: str = 'aria-label="关键数据"') -> str:
    cols = metric_columns(len(metrics))
    return (f'<ul class="cb-metrics cb-metrics--cols-{cols}{extra}" {label}>'
            f'{"".join(map(_metric_card, metrics))}</ul>')


def metrics_block(case: Case) -> str:
    """Results and targets apart: a target is never read as a result, even in a screenshot of one card."""
    results = [m for m in case.metrics if not m.target]
    targets = [m for m in case.metrics if m.target]
    parts = []
    if results:
        parts.append(_metric_list(results))
    if targets:
        parts.append(f'<p class="cb-metrics__caption" id="targets">{TARGETS_CAPTION}</p>'
                     + _metric_list(targets, " cb-metrics--targets", 'aria-labelledby="targets"'))
    return raw("".join(parts)) if parts else ""


def sources_block(case: Case) -> str:
    items = []
    for s in case.sources:
        parts = [f"《{esc(s.title)}》", esc(s.publisher)]
        if s.date:
            parts.append(date_cn(s.date))
        text = "，".join(parts) + "。"
        if s.url:
            text += f' <a href="{esc(s.url)}" rel="nofollow noopener" class="cb-source-url">{esc(s.url)}</a>'
        if s.note:
            text += f' <span class="cb-source-note">说明：{esc(s.note)}</span>'
        items.append(f'<li id="source-{len(items) + 1}">{text}</li>')
    return raw('<ol class="cb-sources">' + "".join(items) + "</ol>")


CITE_SCRIPT = "assets/casebook/cite.js"


def citation(case: Case, site_name: str, url: str | None, cited: str = "引用日期") -> str:
    """The case as a GB/T 7714-2015 reference to an online resource ([EB/OL]); the reader's date in [ ]."""
    return f"{site_name}. {case.title}[EB/OL]. [{cited}]" + (f". {url}" if url else "") + "."


def cite_block(case: Case, site_name: str, public_url: str | None, script: str) -> str:
    """引用本案例: the reference, a copy button (cite.js fills in today's date and, without a public
    address, this page's own http(s) address), and with a public address a QR code of it to project."""

    qr = (f'<figure class="cb-qr">{qr_svg(public_url)}<figcaption>用手机扫码打开本页</figcaption></figure>'
          if public_url else "")
    return raw(
        f'<div class="cb-cite{"" if public_url else " cb-noprint"}" data-site="{esc(site_name)}" data-title="{esc(case.title)}" data-url="{esc(public_url or "")}">'
        f'<p class="cb-cite__text" id="cb-cite-text">{esc(citation(case, site_name, public_url))}</p>'
        '<p class="cb-noprint"><button type="button" class="md-button cb-cite__copy" hidden>复制引用</button>'
        ' <span class="cb-cite__status" role="status"></span></p>'
        f'{qr}</div>\n<script src="{esc(script)}"></script>')


def render_case_page(case: Case, facets: dict[str, Facet], related: list[Case], urls: Urls,
                     public_url: str | None = None, edit_url: str | None = None,
                     site_name: str = Edition.site_name) -> str:
    """``public_url``: the page's published address, printed on paper; None leaves the address and the
    related cases off printed copies (a preview's or a bundle's address means nothing on paper)."""
    # tags stay in the page's meta for Material's tag index; its chips are hidden because the facts
    # block lists the same tags (shown twice, readers took them for two different things)
    meta = front_matter(title=case.title, description=esc(case.summary), tags=list(case.tags), hide=["tags"])
    parts = [
        meta,
        '<p class="cb-draft-badge" role="note">草稿：只在本地预览中显示，发布的网站和材料包里没有这个案例</p>'
        if case.draft else None,
        f'<h1 class="cb-title">{esc(case.title)}</h1>',
        f'<p class="cb-plan-note" role="note">{PLAN_NOTE}</p>' if case.plan else None,
        f'<p class="cb-summary">{esc(case.summary)}</p>',
        facts_block(case, facets, urls),
        metrics_block(case),
        "",
        rewrite_images(case.body, case.path, case.images).strip(),
        "",
        "## 来源",
        "",
        sources_block(case),
        f'<p class="cb-print-url">本页地址：{esc(public_url)}</p>' if public_url else None,
        "",
        "## 引用本案例" + ("" if public_url else " {: .cb-noprint }"),
        "",
        cite_block(case, site_name, public_url, urls.asset(case.url, CITE_SCRIPT)),
        (f'<p class="cb-edit cb-noprint"><a href="{esc(edit_url)}" rel="nofollow noopener">编辑此案例</a>'
         f'（在代码托管网站上修改 <code>{esc(case.path)}</code> 并提交拉取请求）</p>') if edit_url else None,
    ]
    if related:
        noprint = "" if public_url else "cb-noprint"
        # data-search-exclude: Material's search skips it, so other cases' summaries don't match this page
        cards = case_list(related, case.url, urls).replace('<ul class="cb-cards"', f'<ul data-search-exclude class="cb-cards {noprint}"', 1)
        parts += ["", f"## 相关案例 {{: #related {'.' + noprint if noprint else ''} }}", "", cards]
    return "\n".join(p for p in parts if p is not None) + "\n"
