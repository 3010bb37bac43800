"""Related cases: explicit ones first, then by shared topics, tags and place; linear with a candidate cap."""

from __future__ import annotations

import datetime as dt
import random

from casebook.model.related import RelatedIndex, related_cases, similarity
from casefixtures import place, with_fields


def exhaustive(case, cases, declaration, limit=6):
    """The definition: score every other case (quadratic; the index must agree while no list is cut)."""
    by_slug = {c.slug: c for c in cases}
    chosen = [by_slug[s] for s in case.related if s in by_slug]
    seen = {case.slug, *(c.slug for c in chosen)}
    scored = sorted(((similarity(case, o, declaration), o) for o in cases if o.slug not in seen),
                    key=lambda so: (-so[0], -so[1].date.toordinal(), so[1].slug))
    return (chosen + [o for s, o in scored if s > 0])[:limit]


def variants(library, n: int, seed: int = 3):
    rng = random.Random(seed)
    base = library.cases
    topics = sorted({t for c in base for t in c.value("topics")})
    tags = sorted({t for c in base for t in c.value("tags")})
    regions = [c.place for c in base] + [place("北京市", None, "海淀区"), place("陕西省", "安康市")]
    out = []
    for i in range(n):
        c = base[i % len(base)]
        out.append(with_fields(
            c, slug=f"v-{i:04d}", title=f"案例{i}", topics=tuple(rng.sample(topics, rng.randint(1, 3))),
            tags=tuple(rng.sample(tags, rng.randint(0, 4))), region=rng.choice(regions),
            date=dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2500)),
            related=(f"v-{rng.randrange(n):04d}",) if rng.random() < 0.2 else ()))
    return out


def test_index_equals_scoring_every_pair_while_no_list_is_cut(library):
    cases = variants(library, 150)
    index = RelatedIndex(cases, library.declaration)
    for case in cases:
        assert [c.slug for c in index.related(case)] == [c.slug for c in exhaustive(case, cases, library.declaration)], case.slug


def test_real_library_unchanged(library):
    for case in library.cases:
        assert related_cases(case, library.by_slug(), library.declaration) == exhaustive(case, library.cases, library.declaration)


def test_capped_lists_still_give_similar_cases(library):
    cases = variants(library, 400)
    index = RelatedIndex(cases, library.declaration, cap=20)
    assert all(len(lst) <= 20 for lst in index.lists.values())
    for case in cases[:50]:
        got = index.related(case)
        best = exhaustive(case, cases, library.declaration)
        assert len(got) == len(best)
        # explicit links are kept whatever the cap; every suggestion shares something with the case
        assert got[: len([s for s in case.related if s != case.slug])] == best[: len([s for s in case.related if s != case.slug])]
        assert all(o.slug in case.related or similarity(case, o, library.declaration) > 0 for o in got)
        assert case not in got


def test_hand_picked_cases_in_the_order_a_reader_would_expect(library):
    """Written from the rule (a shared topic counts 3, a shared tag 2, the same province 1 and the same
    place 1 more; ties: newest first), not from the code: the expected order is worked out by hand."""
    base = library.cases[0]

    def case(slug, topics, tags, region, day):
        return with_fields(base, slug=slug, title=slug, topics=tuple(topics), tags=tuple(tags), region=region,
                                   date=dt.date(2024, 1, day), related=())

    changchun, jilin_city = place("吉林省", "长春市"), place("吉林省", "吉林市")
    shaanxi = place("陕西省", "安康市", "石泉县")
    me = case("me", ["校长负责制"], ["试点推进", "议事规则"], changchun, 1)
    others = [
        case("same-topic-tag-place", ["校长负责制"], ["试点推进"], changchun, 2),       # 3 + 2 + 1 + 1 = 7
        case("same-topic-tag-province", ["校长负责制"], ["议事规则"], jilin_city, 3),   # 3 + 2 + 1 = 6
        case("two-tags-elsewhere", ["组织建设"], ["试点推进", "议事规则"], shaanxi, 4),  # 2 + 2 = 4
        case("topic-only-old", ["校长负责制"], [], shaanxi, 5),                         # 3, older
        case("topic-only-new", ["校长负责制"], [], shaanxi, 20),                        # 3, newer: first of the two
        case("province-only", ["组织建设"], [], jilin_city, 6),                         # 1
        case("nothing-shared", ["组织建设"], [], shaanxi, 7),                           # 0: never related
    ]
    index = RelatedIndex([me, *others], library.declaration)
    assert [c.slug for c in index.related(me)] == [
        "same-topic-tag-place", "same-topic-tag-province", "two-tags-elsewhere", "topic-only-new", "topic-only-old",
        "province-only"]
    # the explicit list comes first, even a case with nothing in common, and the rest fill up to six
    chosen = with_fields(me, related=("nothing-shared",))
    index = RelatedIndex([chosen, *others], library.declaration)
    assert [c.slug for c in index.related(chosen)] == [
        "nothing-shared", "same-topic-tag-place", "same-topic-tag-province", "two-tags-elsewhere", "topic-only-new",
        "topic-only-old"]


def test_heavy_weights_are_counted_the_same_way(library):
    """Weights up to REPEAT_MAX are counted by repeating a C count, heavier ones by a loop: both agree
    with scoring every pair, and a heavy weight outranks many light ones."""
    import dataclasses

    from casebook.model.related import REPEAT_MAX

    cases = variants(library, 150, seed=5)
    for weights in ({"topic": REPEAT_MAX, "tag": REPEAT_MAX + 1, "province": 1, "place": 40},
                    {"topic": 1, "tag": 1000}):
        declaration = dataclasses.replace(library.declaration, related=weights)
        index = RelatedIndex(cases, declaration)
        for case in cases:
            assert [c.slug for c in index.related(case)] == \
                [c.slug for c in exhaustive(case, cases, declaration)], (weights, case.slug)


def test_a_case_outside_the_index_and_a_shorter_list(library):
    """related_cases() asks for a case the index may not hold (its keys have no lists), with any weight;
    ``limit`` shortens the list."""
    import dataclasses

    cases = variants(library, 60, seed=7)
    outsider = with_fields(cases[0], slug="outsider", topics=("没有别的案例用的专题",), tags=(), related=())
    declaration = dataclasses.replace(library.declaration, related={"topic": 20, "tag": 1})
    assert RelatedIndex(cases, declaration).related(outsider) == []  # its one topic has no list: no error
    by_slug = {c.slug: c for c in cases}
    assert [c.slug for c in related_cases(cases[1], by_slug, library.declaration, limit=2)] == \
        [c.slug for c in exhaustive(cases[1], cases, library.declaration, limit=2)]
