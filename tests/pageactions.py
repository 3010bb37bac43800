"""What a reader does on a page, for the browser tests: search, and show every gallery card."""

from __future__ import annotations

SEARCH = "input[data-md-component=search-query]"


def search(p, text):
    p.click(SEARCH)  # opens the search dialog
    p.fill(SEARCH, text)
    p.keyboard.press("End")  # Material searches on key events: filling alone runs no search
    p.wait_for_selector(".md-search-result__item")
    settled(p)
    return p.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")


def settled(p, quiet_ms: int = 300):
    """Wait until the result list stops changing (the worker answers twice: results, then their snippets)."""
    previous = None
    for _ in range(50):
        now = p.inner_html(".md-search-result__list")
        if now == previous:
            return
        previous = now
        p.wait_for_timeout(quiet_ms)


def shown_slugs(p):
    return p.eval_on_selector_all("#cb-cards li.cb-card", "els => els.map(e => e.dataset.slug)")


def show_all(p, cases: int):
    """Press "show more" until all of ``cases`` cards are drawn (30 a page)."""
    for _ in range(cases // 30 + 1):  # bounded: a button that never hides fails the test, not hangs it
        if not p.is_visible("#cb-more"):
            return
        p.click("#cb-more")
    assert not p.is_visible("#cb-more")


def wait_until(p, expression: str, timeout: float = 10.0):
    """Poll a JavaScript expression (or arrow function) until it is truthy. Not wait_for_function: that
    evaluates its predicate with eval() inside the page, which the site's Content-Security-Policy forbids."""
    import time

    script = expression if expression.lstrip().startswith("()") else f"() => ({expression})"
    deadline = time.monotonic() + timeout
    while True:
        value = p.evaluate(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        time.sleep(0.05)
