"""``casebook bundle`` and ``casebook handout``: the zip, the subset site inside it, the handout PDF."""

from __future__ import annotations

import json
import os
import re
import subprocess
import stat
import sys
import zipfile
from pathlib import Path

import pytest

from casebook.outputs.bundle import library_version, made_at
from casebook.model.edition import BundleInfo, Edition
from casebook.render.handout import css_string, render_handout
from casebook.outputs.pdf import fix_dates, outline_pages, page_count
from casebook.render.urls import Urls
from casebook.model.selection import Selection
from casebook.outputs.site import generated_pages
from casebook.outputs.ziptree import write_zip
from casefixtures import REPO
from casefixtures import EPOCH, run_cli
from sitecheck import foreign_references, page_refs

import datetime as dt


def jilin(library):
    return [c for c in library.cases if c.region.province == "吉林省"]


# --- the zip ------------------------------------------------------------------------------------------


def test_zip_is_named_from_the_selection_and_the_day(full_bundle, jilin_bundle):
    assert full_bundle.zip.name == "casebook-全部-20251125.zip"
    assert jilin_bundle.zip.name == "casebook-吉林省-20251125.zip"


def test_zip_unpacks_to_one_folder_with_index_html_at_its_top(jilin_bundle):
    with zipfile.ZipFile(jilin_bundle.zip) as zf:
        names = zf.namelist()
        infos = zf.infolist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"casebook-吉林省-20251125"}
    assert "casebook-吉林省-20251125/index.html" in names
    assert "casebook-吉林省-20251125/handout.pdf" in names and "casebook-吉林省-20251125/handout.html" in names
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(2025, 11, 25, 0, 0, 0)}  # SOURCE_DATE_EPOCH, not the clock
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_outputs_are_readable_by_others_as_any_new_file(jilin_bundle):
    """A trainer copies the zip to a shared folder or a web server: not 0600 (tempfile's), but what a
    plainly created file gets (0644 under the usual umask)."""
    from casebook.outputs.files import umask

    for path in (jilin_bundle.zip, jilin_bundle.only(".pdf"), jilin_bundle.only(".html")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask(), path


def test_two_bundles_of_the_same_inputs_are_identical(jilin_bundle, tmp_path):
    again = run_cli(tmp_path, "--province", "吉林省", "--handout")
    assert again.code == 0, again.err
    assert again.zip.read_bytes() == jilin_bundle.zip.read_bytes()
    assert again.only(".pdf").read_bytes() == jilin_bundle.only(".pdf").read_bytes()


def test_progress_and_summary(jilin_bundle, library):
    steps = re.findall(r"\[(\d)/(\d)\]", jilin_bundle.err)
    assert [s[0] for s in steps] == ["1", "2", "3", "4", "5"] and {s[1] for s in steps} == {"5"}
    out = jilin_bundle.out
    assert f"案例：{len(jilin(library))} 个" in out and "范围：地区：吉林省" in out
    assert "casebook-吉林省-20251125.zip（" in out and " MB）" in out
    assert re.search(r"讲义 PDF：.*handout\.pdf（[\d.]+ [KM]B，\d+ 页）", out)


def test_ascii_name_and_title(tmp_path, library):
    built = run_cli(tmp_path, "--case", "jilin-btx-branch-standard", "--name", "btx-training", "--title", "支部建设专题培训")
    assert built.code == 0, built.err
    assert built.zip.name == "btx-training.zip"
    site = built.unzip()
    assert site.name == "btx-training"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>支部建设专题培训</title>" in home or "支部建设专题培训</title>" in home
    assert "打开讲义" not in home  # no handout asked for: no link to one
    assert not list(tmp_path.glob("*handout*"))


@pytest.mark.parametrize("args,message", [
    (["--province", "吉林"], "--province 吉林：没有这个地区，是不是 吉林省？"),
    (["--topic", "校长负责"], "是不是 校长负责制"),
    (["--case", "jilin-btx"], "是不是 jilin-btx-branch-standard"),
    (["--province", "吉林省", "--topic", "清廉学校"], "没有案例"),
    (["--name", "培训"], "--name 只能用英文字母"),
    (["--name", "../escape"], "--name 只能用英文字母"),
])
def test_bad_selections_are_refused_and_write_nothing(tmp_path, args, message):
    built = run_cli(tmp_path, *args)
    assert built.code == 2
    assert message in built.err, built.err
    assert "Traceback" not in built.err
    assert list(tmp_path.iterdir()) == []  # no zip, no staging folder left behind


def test_an_invalid_library_makes_no_bundle(tmp_path):
    from casefixtures import copy_project
    from casebook.cli import main

    project = copy_project(tmp_path)
    (project / "cases" / "bad-case.md").write_text("---\ntitle: 坏\n---\n", encoding="utf-8")
    dist = tmp_path / "dist"
    assert main(["bundle", "--root", str(project), "--out-dir", str(dist)]) == 1
    assert not dist.exists() or list(dist.iterdir()) == []


# --- the site inside: a subset is a site of its own ---------------------------------------------------


def gallery_slugs(site: Path) -> list[str]:
    """Slugs in the gallery's pieces of card text, checked against the index's case count."""
    text = (site / "assets" / "casebook" / "cases.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))
    slugs = []
    for k in range(data["pieces"]["count"]):
        piece = (site / "assets" / "casebook" / f"cases-{k}.js").read_text(encoding="utf-8")
        slugs += [row[0] for row in json.loads(piece[piece.index(",") + 1:].rstrip().rstrip(");"))]
    assert len(slugs) == len(data["cases"])
    return slugs


def test_subset_site_holds_only_the_chosen_cases(jilin_bundle, library):
    site = jilin_bundle.unzip()
    chosen = {c.slug for c in jilin(library)}
    assert set(gallery_slugs(site)) == chosen
    pages = {p.stem for p in (site / "cases").glob("*.html")} - {"index"}
    assert pages == chosen
    index = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    for case in library.cases:
        assert (f"cases/{case.slug}.html" in index) == (case.slug in chosen), case.slug
    assert [p.stem for p in (site / "provinces").glob("*.html") if p.stem != "index"] == ["ji-lin-sheng"]
    stats = (site / "stats" / "index.html").read_text(encoding="utf-8")
    assert f"本库共 {len(chosen)} 个案例" in stats


def test_no_page_of_a_subset_links_to_a_case_left_out(jilin_bundle, library):
    site = jilin_bundle.unzip()
    left_out = {c.slug for c in library.cases} - {c.slug for c in jilin(library)}
    offenders = []
    for page in site.rglob("*.html"):
        for href in page_refs(page).links:
            target = href.split("#")[0].split("?")[0]
            if any(target.endswith(f"cases/{slug}.html") or target.endswith(f"{slug}.html") for slug in left_out):
                offenders.append((page.relative_to(site).as_posix(), href))
        text = page.read_text(encoding="utf-8")
        offenders += [(page.name, slug) for slug in left_out if slug in text]
    assert offenders == []


def test_bundle_home_says_what_it_holds(jilin_bundle, library):
    home = (jilin_bundle.unzip() / "index.html").read_text(encoding="utf-8")
    assert "中小学党建与德育案例库：吉林省</h1>" in home
    assert "<dt>选择范围</dt><dd>地区：吉林省</dd>" in home
    assert f"<dt>案例数</dt><dd>{len(jilin(library))} 个</dd>" in home
    assert "<dt>生成日期</dt><dd>2025年11月25日</dd>" in home
    assert f"<dt>案例库版本</dt><dd>{library_version(REPO)}</dd>" in home
    assert 'href="handout.pdf"' in home


def test_full_bundle_holds_every_case_and_fetches_nothing(full_bundle, library):
    site = full_bundle.unzip()
    assert gallery_slugs(site) == [c.slug for c in library.cases]
    assert foreign_references(site) == []
    assert "<dt>选择范围</dt><dd>全部案例</dd>" in (site / "index.html").read_text(encoding="utf-8")


# --- the handout --------------------------------------------------------------------------------------


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_handout_pdf_has_a_page_per_case_every_title_and_bookmarks(full_bundle, library):
    pdf = full_bundle.only(".pdf")
    data = pdf.read_bytes()
    assert page_count(data) >= len(library.cases) + 2  # cover, contents, one chapter (or more) per case
    text = re.sub(r"\s+", "", pdftotext(pdf))
    for case in library.cases:
        assert case.title in text, case.title
    outline = [title for title, _ in outline_pages(data)]
    assert [t for t in outline if t != "目录"] == [c.title for c in library.cases]


def test_contents_page_numbers_are_where_each_case_starts(jilin_bundle, library):
    pdf = jilin_bundle.only(".pdf")
    starts = dict(outline_pages(pdf.read_bytes()))
    contents = pdftotext(pdf, 2, 2)
    for case in jilin(library):
        page = starts[case.title]
        assert re.search(re.escape(case.title) + r"[ .·]*\s+" + str(page) + r"\s*$", contents, re.M), (case.title, page)
        chapter = re.sub(r"\s+", "", pdftotext(pdf, page, page))
        assert case.title in chapter and case.organization in chapter
        assert f"第{page}页" in chapter  # the footer numbers the pages


def test_handout_pages_are_a4_and_tagged(jilin_bundle):
    info = subprocess.run(["pdfinfo", str(jilin_bundle.only(".pdf"))], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert re.search(r"Tagged:\s+yes", info)
    fonts = subprocess.run(["pdffonts", str(jilin_bundle.only(".pdf"))], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows)  # every font embedded


def test_handout_has_no_navigation_search_or_related_cases(jilin_bundle):
    html = jilin_bundle.only("-handout.html").read_text(encoding="utf-8")
    for absent in ("md-header", "md-search", "相关案例", "<script", "<link ", "http://127.0.0.1", "file://"):
        assert absent not in html, absent
    assert "<svg" not in html  # no QR code without a public site_url


def test_handout_command_writes_html_and_pdf_only(tmp_path, library):
    built = run_cli(tmp_path, "--topic", "校长负责制", command="handout")
    assert built.code == 0, built.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casebook-校长负责制-20251125-handout.html",
                                                         "casebook-校长负责制-20251125-handout.pdf"]


def render(library, site_url: str = "", cases=None) -> str:
    cases = cases or jilin(library)
    info = BundleInfo("测试讲义", Selection.of(library.declaration, province=["吉林省"]), dt.date(2025, 11, 25), "casebook 测试")
    return render_handout(library, cases, info, Edition(site_url, info), {c.slug: i + 3 for i, c in enumerate(cases)})


def test_handout_qr_codes_only_with_a_public_site_url(library):
    cases = jilin(library)
    with_url = render(library, "https://cases.example.org/")
    assert with_url.count('<svg viewBox=') == len(cases)
    for case in cases:
        assert f"https://cases.example.org/cases/{case.slug}/" in with_url
    without = render(library)
    assert "<svg" not in without and "cases.example.org" not in without


def test_handout_contents_and_chapters_in_order(library):
    cases = jilin(library)
    html = render(library)
    positions = [html.index(f'id="case-{c.slug}"') for c in cases]
    assert positions == sorted(positions)
    for i, case in enumerate(cases):
        assert f'<a href="#case-{case.slug}">' in html
        assert re.search(rf'href="#case-{case.slug}">.*?<span class="toc__page">{i + 3}</span>', html)
        assert f"案例 {i + 1} / {len(cases)}" in html


def test_handout_escapes_case_text(library):
    from casefixtures import with_fields

    case = with_fields(jilin(library)[0], title='<b onmouseover="x">标题</b>', summary="a & b <i>",
                       organization="</style><script>alert(1)</script>")
    html = render(library, cases=[case])
    assert "<b onmouseover" not in html and "&lt;b onmouseover=&#34;x&#34;&gt;标题&lt;/b&gt;" in html
    assert "<script>" not in html and "a &amp; b &lt;i&gt;" in html
    info = BundleInfo('标题"}</style><script>', Selection(library.declaration), dt.date(2025, 1, 1), "v")
    page = render_handout(library, [case], info, Edition())
    style = page[page.index("<style>"): page.index("</style>")]
    assert "<script" not in style and '"}' not in style


def test_css_string_escapes_everything_but_ascii_letters_and_digits():
    assert css_string("ab12") == '"ab12"'
    assert css_string('校"\\</style>') == '"\\6821 \\22 \\5c \\3c \\2f style\\3e "'


def test_body_images_are_inlined_in_the_handout(tmp_path, library):
    import dataclasses

    from casebook.render.handout import body_html

    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 20
    folder = tmp_path / "cases" / "x"
    folder.mkdir(parents=True)
    (folder / "pic.png").write_bytes(png)
    case = dataclasses.replace(library.cases[0], path="cases/x/case.md", body="## 图\n\n![活动照片](pic.png)\n",
                               images=("pic.png",))
    html = str(body_html(case, tmp_path))
    assert '<img alt="活动照片" src="data:image/png;base64,' in html and "<h2>图</h2>" in html


# --- the pieces ---------------------------------------------------------------------------------------


def test_made_at_honours_source_date_epoch():
    assert made_at({"SOURCE_DATE_EPOCH": EPOCH}) == (dt.date(2025, 11, 25), int(EPOCH))
    day, epoch = made_at({})
    assert day == dt.date.today() and epoch % 86400 == 0  # one timestamp for the whole day


def test_zip_entries_are_sorted_and_stamped(tmp_path):
    folder = tmp_path / "site"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "z.txt").write_text("z")
    (folder / "a.txt").write_text("a")
    (folder / "c.txt").write_text("c")
    target = tmp_path / "out.zip"
    size = write_zip(folder, target, "top", 0)  # before 1980: clamped to the zip format's first day
    assert size == target.stat().st_size
    with zipfile.ZipFile(target) as zf:
        assert zf.namelist() == ["top/a.txt", "top/b/z.txt", "top/c.txt"]
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.read("top/b/z.txt") == b"z"
    first = target.read_bytes()
    (folder / "a.txt").touch()  # a newer mtime on disk changes nothing
    write_zip(folder, target, "top", 0)
    assert target.read_bytes() == first


def test_pdf_dates_are_fixed_without_moving_offsets():
    pdf = b"%PDF-1.4\n<</CreationDate (D:20261125161019+00'00')\n/ModDate (D:20261125161019+00'00')>>\nxref"
    fixed = fix_dates(pdf, int(EPOCH))
    assert len(fixed) == len(pdf)
    assert fixed.count(b"D:20251125000000+00'00'") == 2


def test_printed_case_pages_carry_address_and_related_only_with_a_public_site_url(library):
    slug = "jilin-principal-responsibility"
    public = generated_pages(library, Urls(), Edition("https://cases.example.org/"))[f"cases/{slug}.md"]
    assert f'<p class="cb-print-url">本页地址：https://cases.example.org/cases/{slug}/</p>' in public
    assert "cb-noprint" not in public.replace('<p class="cb-noprint"><button', "")  # only the copy button stays off paper
    local = generated_pages(library, Urls(), Edition())[f"cases/{slug}.md"]
    assert "cb-print-url" not in local and "127.0.0.1" not in local
    assert "## 相关案例 {: #related .cb-noprint }" in local and 'class="cb-cards cb-noprint"' in local
    # the reference would carry the preview's address on paper: printed only with a public address
    assert "## 引用本案例 {: .cb-noprint }" in local and '<div class="cb-cite cb-noprint"' in local
    assert "## 引用本案例\n" in public and '<div class="cb-cite"' in public


# --- guards a mutation run showed were untested --------------------------------------------------------


def test_public_page_address_with_or_without_a_trailing_slash():
    for site_url in ("https://cases.example.org", "https://cases.example.org/"):
        assert Edition(site_url).page_url("cases/x/") == "https://cases.example.org/cases/x/"


@pytest.mark.parametrize("name", ["ok/../escape", "a b", "name\\x", "_leading"])
def test_names_that_are_not_plain_ascii_file_names_are_refused(tmp_path, name):
    built = run_cli(tmp_path, "--name", name)
    assert built.code == 2 and "--name 只能用英文字母" in built.err
    assert list(tmp_path.iterdir()) == []


def test_a_site_that_would_fetch_from_another_host_is_not_bundled(tmp_path):
    from casefixtures import copy_project

    project = copy_project(tmp_path)
    from casebook.adapters.mkdocs import THEME

    css = project / "docs" / "assets" / "casebook.css"  # a library's own copy wins over casebook's
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text((THEME / "assets" / "casebook.css").read_text(encoding="utf-8")
                   + "\n@font-face { font-family: x; src: url(https://fonts.example.org/x.woff); }\n", encoding="utf-8")
    dist = tmp_path / "dist"
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "bundle", "--root", str(project), "--out-dir", str(dist)],
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 1
    assert "assets/casebook.css 引用了其他主机：https://fonts.example.org/x.woff" in result.stderr
    assert list(dist.iterdir()) == []


def test_offline_sites_have_no_404_page(jilin_bundle):
    # nothing serves it from file://, and MkDocs writes it with root-absolute asset paths
    assert not (jilin_bundle.unzip() / "404.html").exists()


def test_every_page_footer_names_the_handout(jilin_bundle):
    pdf = jilin_bundle.only(".pdf")
    pages = page_count(pdf.read_bytes())
    for number in range(2, pages + 1):  # not the cover
        text = re.sub(r"\s+", "", pdftotext(pdf, number, number))
        assert "中小学党建与德育案例库：吉林省" in text and f"第{number}页/共{pages}页" in text, number


def test_handout_ids_are_unique(library):
    html = render(library, "https://cases.example.org/", cases=library.cases)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and len(ids) >= len(library.cases)


def test_the_printer_fetches_nothing(tmp_path):
    import http.server
    import threading

    hits = []

    class Count(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Count)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        html = f'<p>x</p><img src="{url}/a.png"><link rel="stylesheet" href="{url}/b.css">'
        # a child process: Playwright's sync API cannot start inside the browser tests' running one
        script = ("import sys; from casebook.outputs.pdf import Printer\n"
                  "with Printer() as p: sys.stdout.buffer.write(p.print(sys.argv[1])[:4])")
        pdf = subprocess.run([sys.executable, "-c", script, html], capture_output=True, check=True, timeout=120).stdout
    finally:
        server.shutdown()
    assert pdf[:4] == b"%PDF" and hits == []


def test_bundle_home_escapes_what_it_says(library):
    from casebook.render.listings import home_page
    from casefixtures import render_context

    info = BundleInfo("<b>标题</b>", Selection.of(library.declaration, tag=["<i>"]), dt.date(2025, 1, 1), "<script>v</script>")
    html = home_page(render_context(library), library.cases[:1], bundle=info)
    assert "<b>" not in html and "<script>" not in html and "<i>" not in html
    assert "&lt;b&gt;标题&lt;/b&gt;" in html and "&lt;script&gt;v&lt;/script&gt;" in html
    assert "标签：&lt;i&gt;" in html  # the selection in words


def test_public_home_lists_the_latest_cases_not_a_bundle(library):
    from casebook.render.listings import LATEST_ON_HOME

    home = generated_pages(library, Urls())["index.md"]
    assert "本材料包" not in home and "## 最新案例" in home and "选择范围" not in home
    latest = home[home.index("## 最新案例"): home.index("## 按专题")]
    assert latest.count('class="cb-card"') == LATEST_ON_HOME


@pytest.mark.parametrize("url,outside", [
    ("//cdn.example.org/a.js", True), ("https://a.example.org/x", True), ("javascript:alert(1)", True),
    ("data:image/png;base64,AAAA", False), ("assets/x.css", False), ("../a.html#b", False), ("mailto:a@b.c", False),
])
def test_external_urls(url, outside):
    from casebook.outputs.sitecheck import external

    assert external(url) is outside


def test_foreign_references_finds_each_way_of_fetching(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text(
        '<script src="//cdn.example.org/a.js"></script><img srcset="x.png 1x, https://i.example.org/y.png 2x">'
        '<div style="background: url(https://bg.example.org/z.png)"></div><link rel="canonical" href="https://site.example.org/">'
        '<a href="https://fine.example.org/">a link is not a fetch</a>', encoding="utf-8")
    (tmp_path / "s.css").write_text("a { background: url('https://css.example.org/q.png') }", encoding="utf-8")
    found = foreign_references(tmp_path)
    assert found == [("a/p.html", "//cdn.example.org/a.js"), ("a/p.html", "https://i.example.org/y.png"),
                     ("a/p.html", "https://bg.example.org/z.png"), ("s.css", "https://css.example.org/q.png")]


def test_images_travel_with_the_bundle_and_into_the_handout(tmp_path):
    """A case with a body image and a cover: the offline site shows them from file://, the handout inlines them."""
    import base64

    from casefixtures import copy_project

    project = copy_project(tmp_path)
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    case = project / "cases" / "jilin" / "jilin-btx-branch-standard.md"
    (case.parent / "img").mkdir()
    (case.parent / "img" / "huodong.png").write_bytes(png)
    text = case.read_text(encoding="utf-8").replace("\n## 主要做法", "\n![支部活动现场](img/huodong.png)\n\n## 主要做法", 1)
    case.write_text(text, encoding="utf-8")
    dist = tmp_path / "dist"
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "bundle", "--root", str(project), "--out-dir", str(dist),
                             "--case", "jilin-btx-branch-standard", "--handout", "--name", "img-test"],
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(dist / "img-test.zip") as zf:
        names = zf.namelist()
        image = [n for n in names if n.endswith("huodong.png")]
        assert image and zf.read(image[0]) == png
        page = zf.read("img-test/cases/jilin-btx-branch-standard.html").decode("utf-8")
    src = re.search(r'<img alt="支部活动现场" src="([^"]+)"', page).group(1)
    assert f"img-test/cases/{src}" in names  # the page's relative src resolves inside the bundle
    handout = (dist / "img-test-handout.html").read_text(encoding="utf-8")
    assert '<img alt="支部活动现场" src="data:image/png;base64,' in handout
