"""HTML → A4 PDF with Debian's Chromium (headless, driven by Playwright), bookmarks and tags included.

Chromium cannot fill in a table of contents' page numbers (no CSS target-counter),
so the handout is printed, the page each chapter starts on is read back from the
PDF's own outline, and it is printed again with those numbers, until they hold.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from pathlib import Path
from typing import Callable

from casebook.i18n import t

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAX_PASSES = 4


class PdfError(RuntimeError):
    """Printing is impossible here (no browser); the message says what to install, in Chinese."""


def find_chromium() -> str:
    given = os.environ.get("CASEBOOK_CHROMIUM")
    if given:
        if Path(given).is_file():
            return given
        raise PdfError(t("pdf.chromium.missing", path=given))
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(t("pdf.chromium.none"))


def fix_dates(pdf: bytes, epoch: int) -> bytes:
    """Set the PDF's creation and modification dates to ``epoch`` (same length: the xref offsets hold)."""
    stamp = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y%m%d%H%M%S").encode()
    return re.sub(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", lambda m: m.group(1) + stamp, pdf)


class Printer:
    """One headless Chromium for a run; every page it prints may fetch nothing and run no script.

    ``epoch`` fixes the dates inside each PDF, so the same handout prints to the same bytes.
    """

    def __init__(self, epoch: int | None = None):
        self.epoch = epoch

    def __enter__(self) -> "Printer":
        from playwright.sync_api import sync_playwright

        executable = find_chromium()
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as err:  # a broken browser install: say so, not a traceback
            self._playwright.stop()
            raise PdfError(t("pdf.chromium.start", path=executable, error=str(err).splitlines()[0])) from err
        return self

    def __exit__(self, *exc) -> None:
        self._browser.close()
        self._playwright.stop()

    def print(self, html: str) -> bytes:
        context = self._browser.new_context(java_script_enabled=False, locale=t("html.lang"))
        try:
            page = context.new_page()
            # the handout is self-contained: any request at all would be a bug, so none may leave
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("data:", "about:"))
                       else route.abort())
            page.set_content(html, wait_until="load")
            # system fonts load lazily: print only once every face in use is ready, or glyphs may differ
            page.evaluate("() => document.fonts.ready.then(() => document.fonts.size)")
            pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True, outline=True, tagged=True)
        finally:
            context.close()
        return fix_dates(pdf, self.epoch) if self.epoch is not None else pdf


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """The PDF's top-level bookmarks as (title, 1-based page number), in order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for entry in reader.outline:
        if isinstance(entry, list):  # children of the previous entry
            continue
        out.append((str(entry.title), reader.get_destination_page_number(entry) + 1))
    return out


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _bare(title: str) -> str:
    """A title without its whitespace: Chromium drops the space where a long title wraps in a bookmark."""
    return re.sub(r"\s+", "", title)


def print_with_page_numbers(render: Callable[[dict[str, int]], str], chapters: dict[str, str],
                            printer: Printer) -> tuple[str, bytes]:
    """Print ``render(pages)`` until the contents' page numbers match where each chapter starts.

    ``chapters`` maps a chapter key (a slug) to its bookmark title (the case title, unique in the library).
    """
    pages: dict[str, int] = {}
    by_title = {_bare(title): key for key, title in chapters.items()}
    for _ in range(MAX_PASSES):
        html = render(pages)
        pdf = printer.print(html)
        found = {by_title[_bare(title)]: page for title, page in outline_pages(pdf) if _bare(title) in by_title}
        if set(found) != set(chapters):
            missing = t("list.separator").join(title for k, title in chapters.items() if k not in found)
            raise PdfError(t("pdf.outline", missing=missing))
        if found == pages:
            return html, pdf
        pages = found
    return html, pdf  # numbers still moving after MAX_PASSES: keep the last (practically unreachable)
