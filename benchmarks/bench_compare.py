"""Benchmark: three site-search engines on the same content — stock Material (lunr), Pagefind, casebook.

    .venv/bin/python benchmarks/bench_compare.py --library real --engines material,pagefind,casebook --out /tmp/cmp-real.json
    .venv/bin/python benchmarks/bench_compare.py --library synth --cases 1000 --engines material,pagefind --out /tmp/cmp-1k.json
    .venv/bin/python benchmarks/bench_compare.py --table /tmp/cmp-real.json /tmp/cmp-1k.json    # only print saved rows

Sites (built once under --work and reused while their sources are unchanged; --rebuild builds them again,
--site ENGINE=DIR takes a built site, --prepare-only builds and stops):

- material: the same text as plain Material pages (synthlib.make_stock_project: every case a page in the
  nav, stock search with lang zh, tags, no hooks), built with ``mkdocs build``. For --library real the
  pages are made from the real case files' front matter and body (drafts left out). With --stock-nav none
  the case pages are left out of the nav (Material's index is the same document for document, and so is
  Pagefind's, which does not index <nav>; checked at 1,000 cases): a 10,000-case stock build with every
  case in every page's nav writes ~100 pages a minute here, well over an hour.
- pagefind: Pagefind (``pip install 'pagefind[extended]'`` into its own venv, see --pagefind) run over
  that stock site's HTML (``pagefind --site DIR``; the pages say ``<html lang="zh">``, so the extended
  binary segments Chinese). Queried through its JS API from a small harness on the stock home page: an
  input that searches on keyup (no debounce) and draws the first --pf-page results as their data arrives.
  pagefind.js is imported and ``init()`` called at page load, as Material's worker loads its index then;
  the stock site's own Material search files are blocked there (a site with Pagefind would turn it off).
- casebook: a copy of this repository's working tree (mkdocs.yml, casebook.yml, docs, hooks, casebook
  and the cases; --casebook-ref REF takes them from a commit instead) built with
  ``python -m casebook.cli build``; for --library synth the cases come from synthlib.make_project.

For each engine:

- index: its search files on disk (material search/search_index.json, pagefind the pagefind/ folder,
  casebook search/), raw and gzip (level 6; a file that gzip does not shrink counts raw — Pagefind's
  chunks are gzip already);
- download before the first result: a fresh browser context (empty cache) opens the home page and types
  --query at once; every request started from page load until the first result is in the DOM, counted
  with the requested files' gzip sizes (what a gzipping server sends): all of them, and the search ones
  (the engine's index, worker and engine scripts);
- time to first result: from the key press that runs the search (the query is filled, then End is
  pressed: Material searches on key events) to the first result element inserted, timed inside the page;
  then, on the same page, --later-query (another query, the index loaded) the same way; medians of --runs;
- the judged set (tests/search/queries.yml, --library real only): top-3 rate and MRR, all queries and split
  as judge.py splits them (kind: body, the others: fields); case slugs read from the result URLs as
  judge.py reads them (material and casebook through Material's dialog by judge.py itself, pagefind through
  ``pf.search`` and the first 50 results' ``data().url``).

The search box is driven the same way for every engine; the in-page clock needs no eval() (the casebook
site's Content-Security-Policy forbids it), so waiting is done by polling page.evaluate.

Writes the rows to --out (JSON) and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests" / "search"))

CHROMIUM = os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ENGINES = ("material", "pagefind", "casebook")
PROJECT_PARTS = ("mkdocs.yml", "casebook.yml", "docs", "hooks", "casebook")
SLUG = re.compile(r"cases/([a-z0-9-]+)(?:/|\.html)")  # as tests/search/judge.py reads result links
MATERIAL_INPUT = "input[data-md-component=search-query]"
MATERIAL_RESULT = ".md-search-result__item"


# ---------------------------------------------------------------------------------------------- engines


@dataclass
class Engine:
    """How to find, size and drive one engine's search on a built site."""

    name: str
    index_globs: tuple[str, ...]   # its search files, relative to the site
    search_requests: str           # regex on a request's path: the engine's own downloads
    input: str                     # the search box (CSS selector)
    result: str                    # a drawn result (CSS selector)
    setup: str = ""                # JavaScript run on every page once loaded (an arrow function)
    open_input: bool = True        # click the box first (Material's dialog)
    block: str = ""                # regex on a request's URL: aborted and not counted (another engine's files)
    site: Path | None = None
    notes: list[str] = field(default_factory=list)


# A search box for Pagefind's JS API on any page: imports pagefind.js and calls init() at once (as Material's
# worker loads its index at page load), searches on keyup when the text changed (no debounce: the key press is
# the clock's start), draws the first PAGE results, each as soon as its data() arrives; a newer query wins.
PAGEFIND_HARNESS = """() => {
  const page = PAGE;
  if (document.getElementById('bench-pf-q')) return;
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;top:0;left:0;right:0;z-index:99999;background:#fff;padding:8px';
  box.innerHTML = '<input id="bench-pf-q" type="search" style="width:60%"><p id="bench-pf-meta"></p><ol id="bench-pf-results"></ol>';
  document.body.prepend(box);
  const pfReady = import('/pagefind/pagefind.js').then(async (pf) => { await pf.init(); return pf; });
  window.__pfReady = pfReady;
  const input = box.querySelector('#bench-pf-q'), list = box.querySelector('#bench-pf-results'),
        meta = box.querySelector('#bench-pf-meta');
  let last = '', token = 0;
  input.addEventListener('keyup', async () => {
    const q = input.value.trim();
    if (q === last) return;
    last = q;
    const mine = ++token;
    list.replaceChildren();
    meta.textContent = '';
    if (!q) return;
    const pf = await pfReady;
    const found = await pf.search(q);
    if (mine !== token || !found) return;
    meta.textContent = found.results.length + ' results';
    const slots = found.results.slice(0, page).map(() => list.appendChild(document.createElement('li')));
    found.results.slice(0, page).forEach(async (r, i) => {
      const d = await r.data();
      if (mine !== token) return;
      const a = document.createElement('a');
      a.href = d.url;
      a.textContent = (d.meta && d.meta.title) || d.url;
      const p = document.createElement('p');
      p.innerHTML = d.excerpt;
      slots[i].append(a, p);
      slots[i].className = 'bench-pf-hit';
    });
  });
}"""

# Every result URL of a Pagefind query, ranked (data() of the first LIMIT results).
PAGEFIND_RANKED = """async ([q, limit]) => {
  const pf = await window.__pfReady;
  const found = await pf.search(q);
  const data = await Promise.all(found.results.slice(0, limit).map(r => r.data()));
  return [data.map(d => d.url), found.results.length];
}"""


def engine_table(pf_page: int) -> dict[str, Engine]:
    return {
        "material": Engine("material", ("search/search_index.json",), r"^/search/|/workers/search\.",
                           MATERIAL_INPUT, MATERIAL_RESULT),
        "casebook": Engine("casebook", ("search/**/*",), r"^/search/|/assets/casebook/search-|/workers/search\.",
                           MATERIAL_INPUT, MATERIAL_RESULT),
        "pagefind": Engine("pagefind", ("pagefind/**/*",), r"^/pagefind/", "#bench-pf-q", "#bench-pf-results li.bench-pf-hit",
                           setup=PAGEFIND_HARNESS.replace("PAGE;", f"{int(pf_page)};"), open_input=False,
                           # the stock site's own Material search stays off: it would load its whole index
                           block=r"/search/search_index\.json|/assets/javascripts/workers/search\.|/assets/javascripts/lunr/"),
    }


# ---------------------------------------------------------------------------------------------- sites


def _env() -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}
    for key in ("CASEBOOK_SITE_URL", "CASEBOOK_OFFLINE", "CASEBOOK_BUNDLE"):
        env.pop(key, None)
    return env


def _run(cmd: list[str], cwd: Path, timeout: float, what: str) -> float:
    print(f"[{what}] {shlex.join(cmd)}  (in {cwd})", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        out = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:  # subprocess.run has stopped the build
        raise SystemExit(f"{what} given up after {timeout:.0f} s (--build-timeout)") from None
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"{what} failed ({out.returncode}) in {seconds:.0f} s:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    print(f"[{what}] done in {seconds:.0f} s", file=sys.stderr, flush=True)
    return seconds


def real_cases(cases_dir: Path = REPO / "cases") -> list[dict]:
    """The real case files as synthlib.make_stock_project takes them: front matter (with the fields it
    reads filled where a case leaves them out) plus the Markdown body; drafts left out."""
    import datetime as dt

    import yaml

    out = []
    for path in sorted(cases_dir.rglob("*.md")):
        if path.name.startswith("_") or any(part.startswith("_") for part in path.relative_to(cases_dir).parts):
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        _, head, body = re.split(r"^---\s*$", text, maxsplit=2, flags=re.M)
        fm = yaml.safe_load(head) or {}
        if fm.get("status") == "draft":
            continue
        date = fm.get("date")
        if not isinstance(date, dt.date):
            date = dt.date.fromisoformat(str(date)[:10]) if date else dt.date(2000, 1, 1)
        out.append({
            "slug": path.stem,
            "title": str(fm.get("title", path.stem)),
            "summary": " ".join(str(fm.get("summary", "")).split()),
            "region": {k: str(v) for k, v in (fm.get("region") or {}).items()},
            "scope": str(fm.get("scope", "")),
            "stages": [str(s) for s in fm.get("stages") or []],
            "topics": [str(s) for s in fm.get("topics") or []],
            "tags": [str(s) for s in fm.get("tags") or []],
            "organization": str(fm.get("organization", "")),
            "date": date,
            "sources": [{"title": s.get("title", ""), "publisher": s.get("publisher", ""), "url": s.get("url", "")}
                        for s in fm.get("sources") or []],
            "metrics": [{"label": m.get("label", ""), "value": m.get("value", ""), "unit": m.get("unit", "")}
                        for m in fm.get("metrics") or []],
            "body": body.strip() + "\n",
        })
    return out


def _copy_project(target: Path) -> None:
    """This working tree's casebook project (code, declaration, docs, cases) in a folder of its own, so that a
    build writes nothing into the repository (no site/, no .cache/)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in (*PROJECT_PARTS, "cases"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, target / name)


def _marker(site: Path) -> Path:
    return site / ".bench-compare.json"


def _ready(site: Path, key: dict) -> bool:
    try:
        return json.loads(_marker(site).read_text(encoding="utf-8")) == key
    except (OSError, ValueError):
        return False


def prepare_sites(args, engines: dict[str, Engine]) -> dict[str, dict]:
    """Build (or reuse) the site each engine is measured on. Returns build facts per engine."""
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    tag = "real" if args.library == "real" else f"synth-{args.cases}-seed{args.seed}"
    given = dict(s.split("=", 1) for s in args.site)
    facts: dict[str, dict] = {}
    py = sys.executable
    need_stock = any(e in engines for e in ("material", "pagefind"))
    synth_cases = None

    def synth():
        nonlocal synth_cases
        if synth_cases is None:
            from synthlib import make_cases
            tmp = work / f"{tag}-cases-tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            synth_cases = make_cases(tmp, args.cases, args.seed)
        return synth_cases

    nav = "" if args.stock_nav == "full" else "-nonav"
    stock_site = Path(given.get("material") or work / f"{tag}-stock{nav}-site")
    if need_stock and "material" not in given:
        # synthetic text is drawn from the real cases' sentences: both libraries change when the cases do
        key = {"what": "stock", "library": tag, "nav": args.stock_nav,
               "sources": _tree_hash(("cases", "benchmarks/synthlib.py"))}
        if args.rebuild or not _ready(stock_site, key):
            from synthlib import make_stock_project
            project = work / f"{tag}-stock{nav}-project"
            shutil.rmtree(project, ignore_errors=True)
            shutil.rmtree(stock_site, ignore_errors=True)
            make_stock_project(project, real_cases() if args.library == "real" else synth())
            if args.stock_nav == "none":  # same pages, same search index; the case pages just not in the nav
                config = project / "mkdocs.yml"
                text = config.read_text(encoding="utf-8")
                config.write_text(text[:text.index("  - 案例:\n")], encoding="utf-8")
            secs = _run([py, "-m", "mkdocs", "build", "-q", "-d", str(stock_site)], project, args.build_timeout, "stock build")
            _marker(stock_site).write_text(json.dumps(key), encoding="utf-8")
            facts["material"] = {"build_s": round(secs, 1)}
    if "material" in engines:
        engines["material"].site = stock_site

    if "pagefind" in engines:
        pf_site = Path(given.get("pagefind") or stock_site)
        key = {"what": "pagefind", "library": tag, "cmd": args.pagefind, "args": args.pagefind_args}
        marker = pf_site / "pagefind" / ".bench-compare.json"
        if "pagefind" not in given and (args.rebuild or not _ready(pf_site / "pagefind", key)):
            shutil.rmtree(pf_site / "pagefind", ignore_errors=True)
            cmd = [*shlex.split(args.pagefind), "--site", str(pf_site), *shlex.split(args.pagefind_args)]
            secs = _run(cmd, pf_site, args.build_timeout, "pagefind")
            marker.write_text(json.dumps(key), encoding="utf-8")
            facts["pagefind"] = {"build_s": round(secs, 1)}
        engines["pagefind"].site = pf_site
        version = subprocess.run([*shlex.split(args.pagefind), "--version"], capture_output=True, text=True)
        engines["pagefind"].notes.append(version.stdout.strip() or version.stderr.strip())

    if "casebook" in engines:
        which = _commit(args.casebook_ref)[:10] if args.casebook_ref else "worktree"
        site = Path(given.get("casebook") or work / f"{tag}-casebook-{which}-site")
        if "casebook" not in given:
            project = work / f"{tag}-casebook-{which}-project"
            key = {"what": "casebook", "library": tag, "commit": _commit(args.casebook_ref or "HEAD"),
                   "tree": "" if args.casebook_ref else _tree_hash()}
            if args.rebuild or not _ready(site, key):
                if args.library == "real":
                    _copy_project(project)
                else:
                    from synthlib import make_project
                    shutil.rmtree(project, ignore_errors=True)
                    make_project(project, args.cases, args.seed)  # the working tree's code and declaration
                if args.casebook_ref:
                    _checkout_ref(args.casebook_ref, project, with_cases=args.library == "real")
                shutil.rmtree(site, ignore_errors=True)
                secs = _run([py, "-m", "casebook.cli", "build", "--site-dir", str(site)], project, args.build_timeout,
                            "casebook build")
                _marker(site).write_text(json.dumps(key), encoding="utf-8")
                facts["casebook"] = {"build_s": round(secs, 1)}
        engines["casebook"].site = site
        if "casebook" not in given:
            engines["casebook"].notes.append(f"commit {_commit(args.casebook_ref)[:10]}" if args.casebook_ref
                                             else f"working tree on {_commit()[:10]}")
    return facts


def _commit(ref: str = "HEAD") -> str:
    out = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=REPO, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"not a commit: {ref}")
    return out.stdout.strip()


def _checkout_ref(ref: str, project: Path, with_cases: bool) -> None:
    """Replace the project's code, declaration, docs and hooks (and cases, for the real library) with their
    versions at a commit (git archive: the repository is only read)."""
    parts = [*PROJECT_PARTS, *(["cases"] if with_cases else [])]
    for name in parts:
        target = project / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    archive = subprocess.run(["git", "archive", "--format=tar", _commit(ref), *parts], cwd=REPO, capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(project)], input=archive, check=True)


def _tree_hash(parts: tuple[str, ...] = (*PROJECT_PARTS, "cases")) -> str:
    """A hash of the working tree's code and cases, so that a changed engine is rebuilt, an unchanged one reused."""
    import hashlib

    h = hashlib.sha256()
    for name in parts:
        src = REPO / name
        for p in sorted([src] if src.is_file() else src.rglob("*") if src.is_dir() else []):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(REPO)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------------- sizes


def sent_size(data: bytes) -> int:
    """What a gzipping server sends for a file: gzip level 6, or the bytes as they are when gzip does not shrink them."""
    return min(len(data), len(gzip.compress(data, 6)))


def index_size(site: Path, globs: tuple[str, ...]) -> dict:
    files = sorted({p for g in globs for p in site.glob(g) if p.is_file() and p.name != ".bench-compare.json"})
    raw = gz = 0
    for p in files:
        data = p.read_bytes()
        raw += len(data)
        gz += sent_size(data)
    return {"files": len(files), "raw": raw, "gzip": gz}


class _SizeCache:
    def __init__(self, site: Path):
        self.site = site
        self.cache: dict[str, tuple[int, int]] = {}

    def of(self, url: str) -> tuple[int, int]:
        """(raw, sent) bytes of the site file a URL names; (0, 0) for anything not in the site."""
        path = unquote(urlparse(url).path)
        if path not in self.cache:
            p = self.site / path.lstrip("/")
            if path.endswith("/") or p.is_dir():
                p = p / "index.html"
            data = p.read_bytes() if p.is_file() else b""
            self.cache[path] = (len(data), sent_size(data))
        return self.cache[path]


# ---------------------------------------------------------------------------------------------- browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/", httpd


def poll(page, script: str, timeout: float, arg=None):
    """Evaluate ``script`` until it returns something truthy (not wait_for_function: the casebook site's
    Content-Security-Policy forbids the eval() that it uses inside the page)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {script[:120]}")
        time.sleep(0.01)


# Arms the in-page clock: the next keydown is the start, the first element matching the selector that appears
# afterwards (seen by a MutationObserver, i.e. when it is inserted) is the end.
ARM = """(sel) => {
  const b = window.__bench = {key: null, first: null};
  const check = () => {
    if (b.first === null && b.key !== null && document.querySelector(sel)) b.first = performance.now();
  };
  document.addEventListener('keydown', () => { if (b.key === null) { b.key = performance.now(); check(); } },
                            {capture: true});
  if (b.obs) b.obs.disconnect();
  b.obs = new MutationObserver(check);
  b.obs.observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ['class']});
}"""
DONE = "() => window.__bench && window.__bench.first !== null && [window.__bench.key, window.__bench.first, performance.timeOrigin]"


def type_and_wait(page, engine: Engine, query: str, timeout: float) -> tuple[float, float]:
    """Type ``query`` and wait for the first result. Returns (ms from the key press to the result, epoch ms of the result)."""
    if engine.open_input:
        page.click(engine.input)
    page.evaluate(ARM, engine.result)
    page.fill(engine.input, query)
    page.keyboard.press("End")  # the key press that runs the search (Material searches on key events)
    key, first, origin = poll(page, DONE, timeout)
    return first - key, origin + first


def clear(page, engine: Engine, timeout: float) -> None:
    page.fill(engine.input, "")
    page.keyboard.press("End")
    poll(page, f"() => !document.querySelector({json.dumps(engine.result)})", timeout)


def _wait_setup(page, engine: Engine, timeout: float) -> None:
    if engine.setup:
        page.evaluate(engine.setup)


def new_context(browser, engine: Engine):
    """A fresh context (empty cache), with the engine's blocked requests aborted."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    if engine.block:
        context.route(re.compile(engine.block), lambda route: route.abort())
    return context


def measure_speed(browser, engine: Engine, url: str, query: str, later: str, runs: int, timeout: float) -> dict:
    """Fresh page (new context: empty cache) per run: bytes and ms to the first result for ``query``, then ms for ``later``."""
    sizes = _SizeCache(engine.site)
    pattern = re.compile(engine.search_requests)
    out = {"first_ms": [], "later_ms": [], "requests": [], "bytes_raw": [], "bytes_sent": [], "search_raw": [],
           "search_sent": [], "later_sent": [], "search_files": []}
    for _ in range(runs):
        context = new_context(browser, engine)
        requests: list = []
        context.on("request", lambda r: requests.append(r))
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=timeout * 1000)
        _wait_setup(page, engine, timeout)
        first_ms, first_at = type_and_wait(page, engine, query, timeout)
        page.wait_for_timeout(300)  # let requests already under way report their timing
        before = []
        for r in requests:
            start = r.timing.get("startTime", -1) if r.timing else -1
            if start is None or start < 0 or start <= first_at:
                before.append(r)
        seen = len(requests)
        clear(page, engine, timeout)
        later_ms, _ = type_and_wait(page, engine, later, timeout)
        page.wait_for_timeout(300)
        later_reqs = requests[seen:]
        context.close()
        blocked = re.compile(engine.block) if engine.block else None
        urls = [r.url for r in before if r.url.startswith(url) and not (blocked and blocked.search(r.url))]
        raw = [sizes.of(u) for u in urls]
        search = [(u, sizes.of(u)) for u in urls if pattern.search(urlparse(u).path)]
        out["first_ms"].append(first_ms)
        out["later_ms"].append(later_ms)
        out["requests"].append(len(urls))
        out["bytes_raw"].append(sum(r for r, _ in raw))
        out["bytes_sent"].append(sum(s for _, s in raw))
        out["search_raw"].append(sum(r for _, (r, _) in search))
        out["search_sent"].append(sum(s for _, (_, s) in search))
        out["search_files"].append(len(search))
        out["later_sent"].append(sum(sizes.of(r.url)[1] for r in later_reqs
                                     if r.url.startswith(url) and not (blocked and blocked.search(r.url))))
        if "first_run_requests" not in out:
            out["first_run_requests"] = [[urlparse(u).path, *sizes.of(u), bool(pattern.search(urlparse(u).path))]
                                         for u in urls]
        print(f"  {engine.name}: first {first_ms:.0f} ms, later {later_ms:.0f} ms, {len(urls)} requests, "
              f"{out['bytes_sent'][-1] / 1e6:.2f} MB sent ({out['search_sent'][-1] / 1e6:.2f} MB search, "
              f"{len(search)} files)", file=sys.stderr, flush=True)
    med = {k: statistics.median(v) for k, v in out.items() if k != "first_run_requests"}
    med["first_run_requests"] = out["first_run_requests"]  # [path, raw, sent, counted as search]
    med["runs"] = runs
    med["all_first_ms"] = [round(v) for v in out["first_ms"]]
    med["all_later_ms"] = [round(v) for v in out["later_ms"]]
    return med


def _slugs(hrefs: list[str]) -> list[str]:
    slugs = []
    for href in hrefs:
        m = SLUG.search(href or "")
        if m and m.group(1) not in slugs:
            slugs.append(m.group(1))
    return slugs


def score(rows: list[tuple], kinds: list[str] | None = None) -> dict:
    """judge.py's figures from (query, expected, got, results) rows; with the queries' kinds, the same figures
    for the body-only queries (kind: body) and for the others (fields), as judge.py splits them."""
    if kinds is not None:
        body = [r for r, k in zip(rows, kinds) if k == "body"]
        fields = [r for r, k in zip(rows, kinds) if k != "body"]
        return {**score(rows), "body": score(body) if body else None, "fields": score(fields) if fields else None}
    ranks = []
    for _, expect, got, _ in rows:
        found = [got.index(s) + 1 for s in expect if s in got]
        ranks.append(1 / min(found) if found else 0.0)
    top3 = [all(s in got[:3] for s in expect) for _, expect, got, _ in rows]
    return {"queries": len(rows), "mrr": sum(ranks) / len(ranks), "top3": sum(top3) / len(top3),
            "mean_results": sum(r[3] for r in rows) / len(rows),
            "misses": [q for (q, expect, got, _), ok in zip(rows, top3) if not ok]}


def judge_engine(browser, engine: Engine, url: str, timeout: float, limit: int = 50) -> dict:
    from judge import QUERIES, judge

    context = new_context(browser, engine)
    page = context.new_page()
    page.goto(url, wait_until="load", timeout=timeout * 1000)
    if engine.name == "pagefind":
        _wait_setup(page, engine, timeout)
        rows = []
        for item in QUERIES:
            q = str(item["q"])
            hrefs, n = page.evaluate(PAGEFIND_RANKED, [q, limit])
            rows.append((q, item["expect"], _slugs(hrefs), n))
    else:
        rows = judge(page)["rows"]  # Material's dialog, in the order of QUERIES
    result = score(rows, [str(item.get("kind", "")) for item in QUERIES])
    context.close()
    return result


# ---------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n", 2)[2])
    parser.add_argument("--library", choices=("real", "synth"), default="real")
    parser.add_argument("--cases", type=int, default=10000, help="synthetic cases (--library synth)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--engines", default="material,pagefind,casebook")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", default="清廉学校", help="the typical query: bytes and time to its first result")
    parser.add_argument("--later-query", default="校长负责制", help="typed next on the same page, the index loaded")
    parser.add_argument("--no-judge", action="store_true", help="skip the judged queries")
    parser.add_argument("--out", help="write the rows (JSON) here")
    parser.add_argument("--work", default="/tmp/casebook-compare", help="where the sites are built and kept")
    parser.add_argument("--rebuild", action="store_true", help="build the sites again even if --work has them")
    parser.add_argument("--site", action="append", default=[], metavar="ENGINE=DIR",
                        help="measure this built site for ENGINE (pagefind: a site whose pagefind/ folder exists)")
    parser.add_argument("--casebook-ref", help="build casebook from this commit (git archive) instead of the working tree")
    parser.add_argument("--stock-nav", choices=("full", "none"), default="full",
                        help="stock site's nav: every case (synthlib's stock project) or none (the case pages still "
                             "built and indexed: Material's index and Pagefind's, which skips <nav>, are unchanged; "
                             "every page's HTML is smaller and a 10,000-case build takes minutes, not hours)")
    parser.add_argument("--pagefind", default="/tmp/pf-venv/bin/python -m pagefind",
                        help="the Pagefind command (the pip package pagefind[extended] in a venv of its own)")
    parser.add_argument("--pagefind-args", default="", help="more options for Pagefind, e.g. '--force-language zh'")
    parser.add_argument("--pf-page", type=int, default=5, help="Pagefind results whose data the harness loads and draws")
    parser.add_argument("--timeout", type=float, default=900, help="seconds to wait for a page or a result")
    parser.add_argument("--build-timeout", type=float, default=2400, help="seconds before a build is given up")
    parser.add_argument("--prepare-only", action="store_true", help="build (or find) the sites, measure nothing")
    parser.add_argument("--table", nargs="+", help="only print the table of rows saved earlier with --out")
    args = parser.parse_args()
    if args.table:
        rows = [r for f in args.table for r in json.loads(Path(f).read_text(encoding="utf-8"))]
        print_table(rows)
        return

    names = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(names) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines: {', '.join(sorted(unknown))} (choose from {', '.join(ENGINES)})")
    table = engine_table(args.pf_page)
    engines = {n: table[n] for n in names}
    facts = prepare_sites(args, engines)
    if args.prepare_only:
        for name, engine in engines.items():
            print(f"{name}: {engine.site} {json.dumps(facts.get(name, {}))}")
        return
    library = f"real ({len(real_cases())} cases)" if args.library == "real" else f"synthetic {args.cases:,} (seed {args.seed})"
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, engine in engines.items():
            url, httpd = serve(engine.site)
            print(f"{name}: {engine.site} on {url}", file=sys.stderr, flush=True)
            label = name if name != "casebook" or not engine.notes else f"{name} ({engine.notes[0]})"
            if name in ("material", "pagefind") and args.stock_nav == "none":
                label += " (stock site, no case nav)"
            row = {"library": library, "engine": name, "label": label, "site": str(engine.site), "notes": engine.notes,
                   "query": args.query, "later_query": args.later_query, **facts.get(name, {})}
            row["index"] = index_size(engine.site, engine.index_globs)
            row["speed"] = measure_speed(browser, engine, url, args.query, args.later_query, args.runs, args.timeout)
            if args.library == "real" and not args.no_judge:
                row["judged"] = judge_engine(browser, engine, url, args.timeout)
            httpd.shutdown()
            httpd.server_close()
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
            if args.out:
                Path(args.out).write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
        browser.close()
    print_table(rows)


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} KB"


def _judged(j: dict | None) -> tuple[str, str]:
    """'all · fields · body' top-3 and MRR cells."""
    if not j:
        return "n/a", "n/a"
    parts = [j] + [j[k] for k in ("fields", "body") if j.get(k)]
    top3 = " · ".join(f"{p['top3']:.0%} ({round(p['top3'] * p['queries'])}/{p['queries']})" for p in parts)
    return top3, " · ".join(f"{p['mrr']:.3f}" for p in parts)


def print_table(rows: list[dict]) -> None:
    print("\n| library | engine | index raw | index gzip (files) | download before first result, gzip: search / all "
          "| first result, fresh page | later query | top-3: all · fields · body | MRR: all · fields · body |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        i, s = r["index"], r["speed"]
        top3, mrr = _judged(r.get("judged"))
        print(f"| {r['library']} | {r.get('label', r['engine'])} | {_mb(i['raw'])} | {_mb(i['gzip'])} ({i['files']:,}) "
              f"| {_mb(s['search_sent'])} / {_mb(s['bytes_sent'])} | {s['first_ms']:,.0f} ms | {s['later_ms']:,.0f} ms "
              f"| {top3} | {mrr} |")
    if rows:
        r = rows[0]
        print(f"\nqueries: '{r['query']}' on a fresh page, then '{r['later_query']}'; medians of {r['speed']['runs']} runs")


if __name__ == "__main__":
    main()
