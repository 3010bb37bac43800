"""Manual check: an unzipped bundle in Firefox ESR from file:// (search, gallery, case page, no network).

Not part of the test suite: Playwright cannot drive Debian's Firefox, so this uses Mozilla's Marionette.
Every http(s) request goes to a dead proxy (127.0.0.1:9), and the page's resource list must be file:// only.

    apt-get install firefox-esr && python3 -m venv /tmp/ffvenv && /tmp/ffvenv/bin/pip install marionette_driver
    .venv/bin/casebook bundle --out-dir /tmp/b && (cd /tmp/b && unzip -q *.zip)
    /tmp/ffvenv/bin/python scripts/firefox-check.py /tmp/b/casebook-全部-*/
"""

import sys
import time
from pathlib import Path

from marionette_driver.marionette import Marionette


def poll(m, script, tries=40):
    for _ in range(tries):
        value = m.execute_script(script)
        if value:
            return value
        time.sleep(0.25)
    return value


def main(site: Path) -> int:
    dead = {"network.proxy.type": 1, "network.proxy.http": "127.0.0.1", "network.proxy.http_port": 9,
            "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": 9}
    m = Marionette(host="127.0.0.1", port=2829, bin="/usr/bin/firefox-esr", headless=True, prefs=dead)
    m.start_session()
    try:
        print("Firefox", m.session_capabilities.get("browserVersion"))
        m.navigate((site / "index.html").as_uri())
        print("首页:", m.execute_script("return document.querySelector('h1').textContent"))
        m.execute_script("""const input = document.querySelector('input[data-md-component=search-query]');
            input.focus(); input.value = '校长负责制'; input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));""")
        hits = poll(m, "return [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.getAttribute('href'))")
        print("检索 校长负责制:", [h.split("/")[-1] for h in hits or []])
        m.navigate((site / "cases" / "index.html").as_uri())
        cards = poll(m, "return [...document.querySelectorAll('#cb-cards li.cb-card')].map(e => e.dataset.slug)")
        print("案例库:", len(cards or []), "个卡片")
        resources = m.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        foreign = [r for r in resources if not r.startswith(("file:", "data:", "blob:"))]
        print("非 file:// 请求:", foreign)
        return 0 if hits and cards and not foreign else 1
    finally:
        m.delete_session()
        m.cleanup()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
