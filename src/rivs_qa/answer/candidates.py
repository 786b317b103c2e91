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
from rivs_qa.report.model import Indicator
from rivs_qa.search.model import Hit

#: At most this many facts from the window compete beside the lookup's own pick.
MAX_ALTERNATIVES = 4
#: A fact among this many first hits competes whatever its match.
TOP_HITS = 3


def candidates(
    facts: ReportFacts,
    hits: Sequence[Hit],
    match: Callable[[str], float],
    rule: Lookup,
    *,
    two_parts: bool,
    own_keys: Callable[[Indicator], set[str]],
    section: str | None = None,
    names_subject: bool = True,
) -> list[Lookup]:
    """The lookup's pick first (when it found one), then up to ``MAX_ALTERNATIVES`` facts of
    the window that match the question or, when it ``names_subject`` words of its own
    (not only a domain: "How many education measures?"), are among its ``TOP_HITS`` first hits (best
    match first, each place down the window dividing the match by
    ``1 + RANK_PENALTY × place``), then a pair of figures when the
    question asks two things (``two_parts``) and a second figure's label carries question
    words the first's lacks (``own_keys`` gives a figure's label's question keys), the
    opening of the ``section`` whose title the question names, and last the prose answer."""
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
    if two_parts:
        pair = _figure_pair(out, [lk for _, lk in scored], own_keys)
        if pair is not None:
            out.append(pair)
    if section is not None:
        out.append(Lookup(section=section))
    out.append(Lookup())
    return out


def _figure_pair(
    options: Sequence[Lookup], scored: Sequence[Lookup], own_keys: Callable[[Indicator], set[str]]
) -> Lookup | None:
    """The first single figure among the options with the best-matching other figure whose
    label brings question words the first's does not."""
    first = next((o for o in options if len(o.indicators) == 1), None)
    if first is None:
        return None
    one = first.indicators[0]
    have = own_keys(one)
    for option in scored:
        if len(option.indicators) != 1 or option.indicators[0].id == one.id:
            continue
        other = option.indicators[0]
        if own_keys(other) - have:
            return Lookup(kind="indicator", indicators=[one, other])
    return None


def _identity(lookup: Lookup) -> tuple[str, ...]:
    return (
        *(i.id for i in lookup.indicators),
        *(r.id for r in lookup.rows),
        *(f"fn.{u.footnote.n}" for u in lookup.footnotes),
        *(a.id for a in lookup.approaches),
        "overview" if lookup.overview else "",
        lookup.section or "",
    )
