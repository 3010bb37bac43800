"""ASCII slugs for Chinese facet values (吉林省 → jilin-sheng), used in page paths."""

from __future__ import annotations

import re
from functools import lru_cache



@lru_cache(maxsize=None)
def slugify(text: str) -> str:
    words = []
    from pypinyin import lazy_pinyin  # here: its dictionaries take a quarter second to load

    for part in lazy_pinyin(text):  # Han characters become pinyin; other runs pass through
        words.extend(re.findall(r"[a-z0-9]+", part.lower()))
    return "-".join(words) or "x"


def unique_slugs(values) -> dict[str, str]:
    """Slug per value, suffixed when two values share one (homophones)."""
    out, used = {}, set()
    for value in values:
        base = slug = slugify(value)
        n = 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[value] = slug
    return out
