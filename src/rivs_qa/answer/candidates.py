"""Candidate answers to one question: the structured lookup's pick, the other facts in the
search window whose own words match the question, two figures for a question that asks for
two, and a quote from the report's prose. The verifier (``answer/verify.py``) scores each
one and the service keeps the best, or refuses.

Pure: takes the report's facts, the question's features, the ranked hits, the rule-based
``Lookup`` and a ``match`` that scores how well a phrase of the report matches the question.
An empty ``Lookup`` stands for the prose answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.lookup import RANK_PENALTY, RANK_WINDOW, Lookup, fact_candidate
from rivs_qa.answer.phrases import Match
from rivs_qa.answer.totals import TotalLines
from rivs_qa.report.model import Indicator
from rivs_qa.search.model import Chunk, Hit

#: At most this many facts from the window compete beside the lookup's own pick.
MAX_ALTERNATIVES = 4
#: A fact among this many first hits competes whatever its match.
TOP_HITS = 3
#: How well a figure's label matches one ask of a question.
Scorer = Callable[[Indicator], float]


def candidates(
    facts: ReportFacts,
    hits: Sequence[Hit],
    match: Match,
    rule: Lookup,
    *,
    part_scores: Sequence[tuple[Scorer, Scorer, bool]] = (),
    item_scores: Sequence[Scorer] = (),
    section: str | None = None,
    names_subject: bool = True,
    marked: Sequence[Chunk] = (),
    claim_fits: Callable[[str, str], bool] = lambda _lv, _en: True,
    totals: TotalLines | None = None,
) -> list[Lookup]:
    """The lookup's pick first (when it found one), then up to ``MAX_ALTERNATIVES`` facts of
    the window that match the question or, when it ``names_subject`` words of its own (not
    only a domain: "How many education measures?"), are among its ``TOP_HITS`` first hits
    (best match first, each place down the window dividing the match by
    ``1 + RANK_PENALTY × place``), then, for a question in two parts, the two figures that
    best match one part each (``part_scores``: how well a figure's label matches each part,
    for each cut of the question into two asks, likeliest first, and whether it is where a
    second ask starts; the first cut that pairs two figures) or, for a list of three or more
    items (``item_scores``), one figure of one box for each, the country-list footnote of
    the whole report (the passages carrying ``marked`` footnotes) whose claim best matches a
    "which countries" question, the opening of the ``section`` whose title the question
    names, and last the prose answer.
    ``totals`` is given when the question asks for a total ("kopumā"): a figure of a box
    with a total line stands for that line."""
    out: list[Lookup] = [rule] if rule.found else []
    scored: list[tuple[float, Lookup]] = []
    for place, hit in enumerate(hits[:RANK_WINDOW]):
        found = fact_candidate(facts, hit, match)
        # a fact the search ranks near the top competes even when its Latvian words do
        # not meet the question's (an English question the glossary does not cover)
        if found is None or (found[0] <= 0.0 and (place >= TOP_HITS or not names_subject)):
            continue
        scored.append((found[0] / (1.0 + RANK_PENALTY * place), found[1]))
    scored.sort(key=lambda pair: -pair[0])
    seen = {_identity(rule)} if rule.found else set()
    for _, option in scored:
        if len(out) >= MAX_ALTERNATIVES + (1 if rule.found else 0):
            break
        if _identity(option) not in seen:
            seen.add(_identity(option))
            out.append(option)
    listed = _claimed_footnote(facts, marked, match, claim_fits)
    if listed is not None and _identity(listed) not in seen:
        out.append(listed)
    pair = next(
        (p for scores in part_scores if (p := _figure_pair(facts, hits, *scores))),
        None,
    )
    if pair is None and len(item_scores) >= 3:
        pair = _figure_set(facts, hits, item_scores)
    if pair is not None:
        out.append(pair)
    if totals:
        out = _to_totals(out, totals)
    if section is not None:
        out.append(Lookup(section=section))
    out.append(Lookup())
    return out


def _to_totals(options: Sequence[Lookup], totals: TotalLines) -> list[Lookup]:
    out: list[Lookup] = []
    seen: set[tuple[str, ...]] = set()
    for option in map(totals.apply, options):
        if _identity(option) not in seen:
            seen.add(_identity(option))
            out.append(option)
    return out


def _figure_pair(
    facts: ReportFacts, hits: Sequence[Hit], first: Scorer, second: Scorer, asking: bool
) -> Lookup | None:
    """Two figures among the window's, one matching each part of the question (``first``,
    ``second``: how well a figure's label matches each part): of one box (under one
    heading, or standing alone in one section's box), the pair whose summed match is best
    ("… meklējot darbu, un cik — darbā?" gets the "looking for work" and the "at work"
    lines of one box); else, when the cut is where a second ask starts (``asking``), of one
    section, each part's one best figure ("aware of an equality body, and what share …
    reported the incident?"). None when both parts' best figures are one line: the
    question asks once."""
    figures = _window_figures(facts, hits)
    # two asks whose best figures are one line ask once ("a shower or bathroom inside",
    # "trust the police? what % tend to trust them?")
    tops = _tops(figures, first), _tops(figures, second)
    if tops[0] & tops[1]:
        return None
    best: tuple[float, Indicator, Indicator] | None = None
    for a in figures:
        for b in figures:
            # one box: one heading, or lines standing alone in the same section's box
            if a is b or a.group_lv != b.group_lv or a.section_id != b.section_id:
                continue
            one, two = first(a), second(b)
            if one > 0.0 and two > 0.0 and (best is None or one + two > best[0]):
                best = (one + two, a, b)
    if best is not None:
        return Lookup(kind="indicator", indicators=[best[1], best[2]], parts=True)
    if asking and len(tops[0]) == 1 and len(tops[1]) == 1:
        a, b = (facts.indicators[next(iter(t))] for t in tops)
        if a.section_id == b.section_id:
            return Lookup(kind="indicator", indicators=[a, b], parts=True)
    return None


def _figure_set(facts: ReportFacts, hits: Sequence[Hit], items: Sequence[Scorer]) -> Lookup | None:
    """For a question listing three or more items ("… ar ūdensvadu, iekštelpu tualeti un
    dušu?"), the figures of one box among the window's, each the one best figure of the box
    for one item (``items``: how well a figure's label matches each), all different: of the
    boxes where they are, the one whose summed match is best. None where there is none."""
    boxes: dict[tuple[str, str], list[Indicator]] = {}
    for figure in _window_figures(facts, hits):
        boxes.setdefault((figure.group_lv, figure.section_id), []).append(figure)
    best: tuple[float, list[Indicator]] | None = None
    for figures in boxes.values():
        tops = [_tops(figures, score) for score in items]
        if any(len(t) != 1 for t in tops) or len(set().union(*tops)) != len(tops):
            continue
        chosen = [next(f for f in figures if f.id in t) for t in tops]
        total = sum(score(f) for score, f in zip(items, chosen, strict=True))
        if best is None or total > best[0]:
            best = (total, chosen)
    return Lookup(kind="indicator", indicators=best[1], parts=True) if best else None


def _window_figures(facts: ReportFacts, hits: Sequence[Hit]) -> list[Indicator]:
    return [
        facts.indicators[ref]
        for h in hits[:RANK_WINDOW]
        if h.chunk.kind == "indicator" and (ref := h.chunk.ref_id or "") in facts.indicators
    ]


def _tops(figures: Sequence[Indicator], score: Callable[[Indicator], float]) -> set[str]:
    """The ids of the figures that ``score`` best, none when it scores none above 0."""
    scores = {f.id: score(f) for f in figures}
    top = max(scores.values(), default=0.0)
    return {i for i, v in scores.items() if v == top} if top > 0.0 else set()


def _claimed_footnote(
    facts: ReportFacts, marked: Sequence[Chunk], match: Match, fits: Callable[[str, str], bool]
) -> Lookup | None:
    """The country-list footnote, anywhere in the report, whose marked phrase or claim the
    question names best, among those whose claim ``fits`` the question (a negated question
    wants a negated claim): the search may rank its passage low ("did not report any …")."""
    best: tuple[float, Lookup] | None = None
    for chunk in marked:
        found = fact_candidate(facts, Hit(chunk=chunk, score=0.0, rank=1), match)
        if found is None or found[0] <= 0.0 or (best is not None and found[0] <= best[0]):
            continue
        use = found[1].footnotes[0]
        if fits(use.sentence, use.sentence_en):
            best = found
    return best[1] if best is not None else None


def _identity(lookup: Lookup) -> tuple[str, ...]:
    return (
        *(i.id for i in lookup.indicators),
        *(r.id for r in lookup.rows),
        *(f"fn.{u.footnote.n}" for u in lookup.footnotes),
        *(a.id for a in lookup.approaches),
        "overview" if lookup.overview else "",
        lookup.section or "",
    )
