"""引用本案例: a GB/T 7714-2015 reference for every case page, a copy button, and a QR code of the
published address when there is one."""

from __future__ import annotations

import re

from casebook.model.edition import Edition
from casebook.render.case_page import citation
from casebook.render.urls import Urls
from casebook.outputs.site import generated_pages


def test_the_reference_of_a_real_case(library):
    case = library.by_slug()["shiquan-333-moral-education"]
    url = "https://cases.example.org/cases/shiquan-333-moral-education/"
    assert citation(case.title, "中小学党建与德育案例库", url, "2026-11-25") == (
        f"中小学党建与德育案例库. {case.title}[EB/OL]. [2026-11-25]. {url}.")
    assert citation(case.title, "中小学党建与德育案例库", None) == f"中小学党建与德育案例库. {case.title}[EB/OL]. [引用日期]."


def test_every_case_page_offers_the_reference_and_a_qr_code_only_with_a_public_address(library):
    public = generated_pages(library, Urls(), Edition("https://cases.example.org/", site_name="某某案例库"))
    local = generated_pages(library, Urls(), Edition(site_name="中小学党建与德育案例库"))
    for case in library.cases:
        page, plain = public[case.url], local[case.url]
        assert "## 引用本案例" in page and f"某某案例库. {case.title}[EB/OL]. [引用日期]. https://cases.example.org/cases/{case.slug}/." in page
        assert '<figure class="cb-qr"><svg' in page and "用手机扫码打开本页" in page
        assert 'data-url=""' in plain and "cb-qr" not in plain and f"中小学党建与德育案例库. {case.title}" in plain
        assert re.search(r'<button type="button" class="md-button cb-cite__copy" hidden>复制引用</button>', plain)
        assert '<script src="../../assets/casebook/cite.js"></script>' in plain
