"""Related cases: the explicit ``related`` list first, then the most similar others.

Similar means sharing topics (3 points each), tags (2 each), the province (1) and the place (1 more).
Scoring every pair is quadratic (about two minutes at 10,000 cases), so candidates come from
inverted lists, one per topic, tag, province and place, each holding its newest
CANDIDATES_PER_KEY cases: linear in the library, and exact while no list is cut.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from casebook.model.case import Case

MAX_RELATED = 6
CANDIDATES_PER_KEY = 200


WEIGHTS = {"topic": 3, "tag": 2, "province": 1, "place": 1}


def similarity(a: Case, b: Case) -> int:
    score = WEIGHTS["topic"] * len(set(a.topics) & set(b.topics)) + WEIGHTS["tag"] * len(set(a.tags) & set(b.tags))
    if a.region.province == b.region.province:
        score += WEIGHTS["province"]
        if a.region.place == b.region.place:
            score += WEIGHTS["place"]
    return score


def _keys(case: Case) -> list[tuple[str, str]]:
    return ([("topic", t) for t in case.topics] + [("tag", t) for t in case.tags]
            + [("province", case.region.province), ("place", case.region.label)])


def _order(case: Case) -> tuple:
    return (-case.date.toordinal(), case.slug)  # newest first, then slug: deterministic builds


class RelatedIndex:
    def __init__(self, cases, cap: int = CANDIDATES_PER_KEY):
        self.by_slug = {c.slug: c for c in cases}
        self.lists: dict[tuple[str, str], list[Case]] = defaultdict(list)
        ordered = sorted(self.by_slug.values(), key=_order)
        self.rank = {c.slug: i for i, c in enumerate(ordered)}  # _order as one number, for cheap tie-breaks
        for case in ordered:
            for key in _keys(case):
                if len(self.lists[key]) < cap:
                    self.lists[key].append(case)

    def related(self, case: Case, limit: int = MAX_RELATED) -> list[Case]:
        chosen = [self.by_slug[s] for s in case.related if s in self.by_slug]
        seen = {case.slug, *(c.slug for c in chosen)}
        # a candidate's score is how often it appears across this case's lists, weighted by list kind
        # (3 a topic, 2 a tag, 1 the province, 1 more the place): similarity() without rebuilding sets
        scores: dict[str, int] = {}
        for key in _keys(case):
            weight = WEIGHTS[key[0]]
            for other in self.lists.get(key, ()):
                if other.slug not in seen:
                    scores[other.slug] = scores.get(other.slug, 0) + weight
        rank = self.rank
        best = heapq.nsmallest(max(limit - len(chosen), 0),
                               ((-score, rank[slug], slug) for slug, score in scores.items() if score > 0))
        chosen += [self.by_slug[slug] for _, _, slug in best]
        return chosen[:limit]


def related_cases(case: Case, by_slug: dict[str, Case], limit: int = MAX_RELATED) -> list[Case]:
    """One case's related list (builds an index: use RelatedIndex for many cases)."""
    return RelatedIndex(by_slug.values()).related(case, limit)
