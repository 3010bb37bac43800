"""Bar charts for the 统计 page: escaping, geometry, accessibility, table parity."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from casebook.render.charts import BAR_FILL, FONT, MIN_WIDTH_PX, TEXT_FILL, VIEW_W, bar_chart, label_width

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [("陕西省", 8), ("吉林省", 4), ("北京市", 2), ("海南省", 0)]


def parse(fragment: str) -> ET.Element:
    # The fragment is well-formed XML, so a strict parser doubles as a well-formedness check.
    return ET.fromstring(fragment)


def wide(fig: ET.Element) -> ET.Element:
    return next(s for s in fig.iter(f"{SVG}svg") if s.get("class") == "cb-chart__wide")


def narrow(fig: ET.Element) -> ET.Element:
    return next(s for s in fig.iter(f"{SVG}svg") if s.get("class") == "cb-chart__narrow")


def rect_widths(fig: ET.Element) -> list[float]:
    return [float(r.get("width")) for r in wide(fig).iter(f"{SVG}rect")]


def test_structure_and_accessibility():
    out = bar_chart("by-province", "各省案例数", ROWS)
    fig = parse(out)
    assert fig.tag == "figure" and fig.get("class") == "cb-chart" and fig.get("id") == "by-province"
    assert fig.find("figcaption").text == "各省案例数"
    box = fig.find("div[@class='cb-chart__svg']")
    assert box.get("tabindex") == "0"  # it may scroll sideways on a phone: reachable by keyboard
    svg = box.find(SVG + "svg")
    assert f"min-width:{MIN_WIDTH_PX}px" in svg.get("style") and MIN_WIDTH_PX * FONT / VIEW_W >= 12
    assert svg.get("role") == "img"
    assert svg.get("viewBox").startswith(f"0 0 {VIEW_W} ")
    assert svg.get("width") == "100%" and "height" not in svg.attrib
    assert svg.get("preserveAspectRatio") and svg.get("font-family") == "inherit"
    ids = {el.get("id"): el for el in svg.iter() if el.get("id")}
    labelledby = svg.get("aria-labelledby").split()
    assert labelledby == ["by-province-title", "by-province-desc"]
    assert all(i in ids for i in labelledby)
    assert ids["by-province-title"].tag == f"{SVG}title"
    desc = "陕西省 8 个案例，吉林省 4 个案例，北京市 2 个案例，海南省 0 个案例。"
    assert ids["by-province-desc"].text == desc
    assert {r.get("fill") for r in svg.iter(f"{SVG}rect")} == {BAR_FILL}
    assert {t.get("fill") for t in svg.iter(f"{SVG}text")} == {TEXT_FILL}


def test_unit_is_used_in_desc():
    fig = parse(bar_chart("x", "t", [("a", 1)], unit="篇"))
    assert fig.find(f".//{SVG}desc").text == "a 1 篇。"


def test_bar_widths_are_proportional_and_fit():
    fig = parse(bar_chart("c", "t", ROWS))
    widths = rect_widths(fig)
    assert len(widths) == 3  # the zero row draws no bar
    assert widths[0] == max(widths)
    assert abs(widths[1] - widths[0] / 2) <= 1
    assert abs(widths[2] - widths[0] / 4) <= 1
    for r in wide(fig).iter(f"{SVG}rect"):
        assert float(r.get("x")) + float(r.get("width")) < VIEW_W
    # Every value, including 0, is printed after its bar, inside the viewBox.
    texts = list(wide(fig).iter(f"{SVG}text"))
    values = [t for t in texts if t.get("text-anchor") != "end"]
    assert [t.text for t in values] == ["8", "4", "2", "0"]
    assert all(float(t.get("x")) < VIEW_W - 8 for t in values)


def test_long_labels_widen_the_label_column():
    short = parse(bar_chart("c", "t", [("京", 1)]))
    long = parse(bar_chart("c", "t", [("新疆维吾尔自治区", 1)]))
    x = lambda fig: float(next(fig.iter(f"{SVG}rect")).get("x"))  # noqa: E731
    assert x(long) - x(short) >= 7 * 14
    huge = parse(bar_chart("c", "t", [("很" * 60, 1)]))
    assert x(huge) < VIEW_W / 2  # capped: the bar keeps room
    assert next(huge.iter(f"{SVG}text")).get("textLength")  # and the label is squeezed to fit


def test_all_zero_values_draw_no_bars():
    fig = parse(bar_chart("c", "t", [("a", 0), ("b", 0)]))
    assert rect_widths(fig) == []
    assert [t.text for t in wide(fig).iter(f"{SVG}text")].count("0") == 2


def test_table_matches_rows():
    fig = parse(bar_chart("c", "各省案例数", ROWS))
    details = fig.find("details[@class='cb-chart__table']")
    assert details.find("summary").text == "数据表"  # collapsed under its own name
    table = details.find("table")
    assert table.get("class") == "cb-chart-table"
    assert table.find("caption").text == "各省案例数"
    assert [(th.text, th.get("scope")) for th in table.iter("th")] == [("项目", "col"), ("案例数", "col")]
    body = [[td.text for td in tr] for tr in table.find("tbody")]
    assert body == [[label, str(value)] for label, value in ROWS]


def test_hostile_strings_are_escaped():
    evil = '<script>alert("x")</script>'
    out = bar_chart("c", evil, [(evil, 3), ("a&b", 1)], unit=evil, links={evil: '"><script>'})
    assert "<script" not in out
    assert "&lt;script&gt;" in out and "a&amp;b" in out
    fig = parse(out)
    assert fig.find("figcaption").text == evil  # round-trips as text, not markup
    assert {a.get("href") for a in fig.iter("a")} == {'"><script>'}


def test_links_render_in_table_not_in_svg():
    links = {"吉林省": "../province/jilin/?a=1&b=2", "无此项": "../x/"}
    out = bar_chart("c", "t", ROWS, links=links)
    assert 'href="../province/jilin/?a=1&amp;b=2"' in out
    fig = parse(out)
    (table_link,) = fig.iter("a")
    assert table_link.text == "吉林省" and table_link.get("href") == links["吉林省"]
    # the SVG is role="img": links inside it would be interactive content hidden in an image (axe nested-interactive)
    assert list(fig.iter(f"{SVG}a")) == []


@pytest.mark.parametrize("href", ["http://evil.example/", "https://x", "//cdn.example/a", "javascript:alert(1)"])
def test_absolute_links_are_refused(href):
    with pytest.raises(ValueError):
        bar_chart("c", "t", [("a", 1)], links={"a": href})


def test_no_external_urls():
    out = bar_chart("c", "t", ROWS, links={"吉林省": "../jilin/"})
    assert out.count("http") == 2  # the two SVGs' namespace, nothing else
    assert 'xmlns="http://www.w3.org/2000/svg"' in out
    assert "<script" not in out and "@import" not in out and "url(" not in out


@pytest.mark.parametrize("bad", ["", "Province", "a b", "a_b", "图表", "x\n", '"x"'])
def test_invalid_chart_id_raises(bad):
    with pytest.raises(ValueError):
        bar_chart(bad, "t", ROWS)


@pytest.mark.parametrize("value", [-1, 1.5, True, "3"])
def test_invalid_values_raise(value):
    with pytest.raises(ValueError):
        bar_chart("c", "t", [("a", value)])


def test_empty_rows():
    out = bar_chart("empty", "<空>", [])
    fig = parse(out)
    assert fig.get("id") == "empty" and fig.find("figcaption").text == "<空>"
    assert fig.find("p").text == "暂无数据"
    assert "<svg" not in out and "<table" not in out


def test_deterministic_and_markdown_safe():
    a = bar_chart("c", "t", ROWS, links={"吉林省": "../jilin/"})
    b = bar_chart("c", "t", list(ROWS), links={"吉林省": "../jilin/"})
    assert a == b
    # No blank or indented lines: Markdown would otherwise end the raw-HTML block or make a code block.
    assert all(line.strip() and not line[0].isspace() for line in a.splitlines())


def test_a_shared_label_column_lines_up_the_bars():
    a, b = [("京", 1)], [("新疆维吾尔自治区", 2)]
    column = max(label_width(a), label_width(b))
    x = lambda fig: float(next(fig.iter(f"{SVG}rect")).get("x"))  # noqa: E731
    assert x(parse(bar_chart("a", "t", a, label_w=column))) == x(parse(bar_chart("b", "t", b, label_w=column)))
    assert x(parse(bar_chart("a", "t", a))) < x(parse(bar_chart("b", "t", b)))  # without it they differ


def test_the_phone_chart_stacks_labels_above_bars_at_full_size():
    fig = parse(bar_chart("by-province", "各省案例数", ROWS))
    small = narrow(fig)
    assert small.get("role") == "img" and small.get("aria-labelledby") == "by-province-n-title by-province-n-desc"
    assert small.find(f"{SVG}desc").text == wide(fig).find(f"{SVG}desc").text
    width = float(small.get("viewBox").split()[2])
    assert FONT * 288 / width >= 12  # a 320 px phone's content width keeps labels at 12 px or more
    labels = [t.text for t in small.iter(f"{SVG}text")][::2]
    assert labels == [label for label, _ in ROWS]
    rects = [float(r.get("width")) for r in small.iter(f"{SVG}rect")]
    assert rects[0] == max(rects) and abs(rects[1] - rects[0] / 2) <= 1
    assert all(float(r.get("x")) + float(r.get("width")) < width for r in small.iter(f"{SVG}rect"))
