"""Compare the visible text of two builds of a site, page by page (whitespace normalised).

    .venv/bin/python benchmarks/compare_text.py OLD_SITE NEW_SITE [--show N]

"Visible" is what a reader sees: the text of the page's <body> without scripts, styles, the search
dialog's templates and hidden elements; attribute values (aria-label, alt, title) are listed apart,
because screen readers say them. Prints each page whose text differs (with the first differing lines),
the pages only one build has, and a summary; exits 1 when a case page differs.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

SKIP = {"script", "style", "template", "svg", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN = ("aria-label", "alt", "title", "placeholder")


class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.text: list[str] = []
        self.spoken: list[str] = []

    def hidden(self) -> bool:
        return any(h for _, h in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = tag in SKIP or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        if not self.hidden() and not hidden:
            self.spoken += [f"{k}={attrs[k]}" for k in SPOKEN if attrs.get(k)]
        if tag not in VOID:
            self.stack.append((tag, hidden))
        elif tag in ("br", "hr") and not self.hidden():
            self.text.append("\n")

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in ("p", "li", "div", "h1", "h2", "h3", "h4", "tr", "dt", "dd", "figcaption", "caption", "summary"):
            self.text.append("\n")

    def handle_data(self, data):
        if not self.hidden():
            self.text.append(data)


def visible(path: Path) -> tuple[list[str], list[str]]:
    parser = Visible()
    html = path.read_text(encoding="utf-8")
    parser.feed(html.split("<body", 1)[-1])
    lines = [re.sub(r"\s+", " ", line).strip() for line in "".join(parser.text).split("\n")]
    return [line for line in lines if line], parser.spoken


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--show", type=int, default=12, help="differing lines shown per page")
    args = ap.parse_args()
    old = {p.relative_to(args.old).as_posix() for p in args.old.rglob("*.html")}
    new = {p.relative_to(args.new).as_posix() for p in args.new.rglob("*.html")}
    same = case_diffs = 0
    for rel in sorted(old & new):
        (a, a_spoken), (b, b_spoken) = visible(args.old / rel), visible(args.new / rel)
        if a == b and a_spoken == b_spoken:
            same += 1
            continue
        case_diffs += rel.startswith("cases/") and rel != "cases/index.html"
        print(f"== {rel}")
        diff = [d for d in difflib.unified_diff(a, b, lineterm="", n=0) if not d.startswith(("---", "+++", "@@"))]
        diff += [f"(spoken) {d}" for d in difflib.unified_diff(a_spoken, b_spoken, lineterm="", n=0)
                 if not d.startswith(("---", "+++", "@@"))]
        for line in diff[: args.show]:
            print("   " + line[:160])
        if len(diff) > args.show:
            print(f"   … {len(diff) - args.show} more")
    for rel in sorted(old - new):
        print(f"-- only in {args.old}: {rel}")
    for rel in sorted(new - old):
        print(f"++ only in {args.new}: {rel}")
    print(f"\n{same} of {len(old & new)} pages have the same visible text; case pages that differ: {case_diffs}")
    return 1 if case_diffs else 0


if __name__ == "__main__":
    sys.exit(main())
