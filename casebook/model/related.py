"""Related cases: the explicit related list first, then the most similar others.

Similar means sharing the values of the facets the library weighs (``related:`` in casebook.yml; the
first library: topics 3 points each, tags 2, the province 1) and the same place (1 more). Scoring every
pair is quadratic (about two minutes at 10,000 cases), so candidates come from inverted lists, one per
facet value and place, each holding its newest CANDIDATES_PER_KEY cases: linear in the library, and
exact while no list is cut.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from casebook.model.case import Case
from casebook.model.facets import values_of

MAX_RELATED = 6
CANDIDATES_PER_KEY = 200
REPEAT_MAX = 8  # weights counted by repeated Counter.update; heavier ones by a loop
PLACE = "place"  # the weight of the very same place, besides the facets'


def _keyer(declaration):
    """case -> its (facet key or place, value) pairs, each weighed by ``declaration.related``."""
    getters = [(key, values_of(declaration, key)) for key in declaration.related if key != PLACE]
    with_place = PLACE in declaration.related

    def keys(case: Case) -> list[tuple[str, str]]:
        out = [(key, value) for key, get in getters for value in get(case)]
        if with_place and case.place:
            out.append((PLACE, case.place.label))
        return out

    return keys


def similarity(a: Case, b: Case, declaration) -> int:
    """How alike two cases are: the weights of what they share (the definition the index follows)."""
    keys = _keyer(declaration)
    shared = set(keys(a)) & set(keys(b))
    return sum(declaration.related[key] for key, _ in shared)


def _order(case: Case) -> tuple:
    return (-case.date.toordinal(), case.slug)  # newest first, then slug: deterministic builds


class RelatedIndex:
    def __init__(self, cases, declaration, cap: int = CANDIDATES_PER_KEY):
        self.weights = declaration.related
        self.keys = _keyer(declaration)
        self.by_slug = {c.slug: c for c in cases}
        self.lists: dict[tuple[str, str], list[str]] = defaultdict(list)  # of slugs
        ordered = sorted(self.by_slug.values(), key=_order)
        self.rank = {c.slug: i for i, c in enumerate(ordered)}  # _order as one number, for cheap tie-breaks
        for case in ordered:
            for key in self.keys(case):
                if len(self.lists[key]) < cap:
                    self.lists[key].append(case.slug)

    def related(self, case: Case, limit: int = MAX_RELATED) -> list[Case]:
        chosen = [self.by_slug[s] for s in case.related if s in self.by_slug]
        seen = {case.slug, *(c.slug for c in chosen)}
        # a candidate's score is how often it appears across this case's lists, weighted by list kind
        # (3 a topic, 2 a tag, 1 the province, 1 more the place): similarity() without rebuilding sets.
        # Counter.update counts in C, once per point of a list's weight: a thousand cases' lists are 1.6
        # million entries, half the time of a loop in Python (still the loop for a weight above REPEAT_MAX)
        scores: Counter = Counter()
        for key in self.keys(case):
            members, weight = self.lists.get(key, ()), self.weights[key[0]]
            if weight <= REPEAT_MAX:
                for _ in range(weight):
                    scores.update(members)
            else:
                for slug in members:
                    scores[slug] += weight
        rank, wanted = self.rank, max(limit - len(chosen), 0)
        # the wanted-th best score of the others is at least the (wanted + seen)-th best of all: below
        # that floor (sorted in C) none can be chosen, and most of a thousand candidates stay out of the heap
        ranked = sorted(scores.values(), reverse=True)[:wanted + len(seen)]
        floor = max(ranked[-1] if ranked else 1, 1)
        best = heapq.nsmallest(wanted, [(-score, rank[slug], slug) for slug, score in scores.items()
                                        if score >= floor and slug not in seen])
        chosen += [self.by_slug[slug] for _, _, slug in best]
        return chosen[:limit]


def related_cases(case: Case, by_slug: dict[str, Case], declaration, limit: int = MAX_RELATED) -> list[Case]:
    """One case's related list (builds an index: use RelatedIndex for many cases)."""
    return RelatedIndex(by_slug.values(), declaration).related(case, limit)
