"""Related cases: the explicit ``related`` list first, then the most similar others."""

from __future__ import annotations

from .model import Case

MAX_RELATED = 6


def similarity(a: Case, b: Case) -> int:
    score = 3 * len(set(a.topics) & set(b.topics)) + 2 * len(set(a.tags) & set(b.tags))
    if a.region.province == b.region.province:
        score += 1
        if a.region.place == b.region.place:
            score += 1
    return score


def related_cases(case: Case, by_slug: dict[str, Case], limit: int = MAX_RELATED) -> list[Case]:
    chosen = [by_slug[s] for s in case.related if s in by_slug]
    seen = {case.slug, *(c.slug for c in chosen)}
    scored = [(similarity(case, other), other) for other in by_slug.values() if other.slug not in seen]
    # sort by score, then newest, then slug: deterministic for reproducible builds
    scored.sort(key=lambda so: (-so[0], -so[1].date.toordinal(), so[1].slug))
    chosen += [other for score, other in scored if score > 0]
    return chosen[:limit]
