"""Which of the report's promising approaches (or priorities) a question asks for: a
country's, or an area's whole list when the question names none of its items ("What
should be prioritised in Roma healthcare?"), the items it names first.
"""

from __future__ import annotations

from collections.abc import Sequence

from rivs_qa.answer import phrases
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.intent import QuestionFeatures
from rivs_qa.answer.phrases import Match
from rivs_qa.report.model import Approach
from rivs_qa.search.model import Hit

#: A generic "what approaches in housing?" names at most this many subject words.
GENERIC_TOPIC_WORDS = 1
#: At most this many approaches are listed in one answer.
MAX_APPROACHES = 8


def generic(f: QuestionFeatures) -> bool:
    """ "Kādas ir daudzsološās pieejas izglītības jomā?": a facet and a domain, no subject."""
    return f.domain is not None and len(f.topic_words) <= GENERIC_TOPIC_WORDS


def unnamed(facts: ReportFacts, f: QuestionFeatures, match: Match) -> bool:
    """ "What should be prioritised in Roma healthcare going forward?": a facet and a domain
    whose items the question's other words name none of — the whole list answers."""
    return (
        f.facet in ("approaches", "priorities")
        and f.domain is not None
        and not any(phrases.named(a.text, a.label_en, a.domain, match) for a in listed(facts, f))
    )


def listed(facts: ReportFacts, f: QuestionFeatures) -> list[Approach]:
    """Approaches (or priorities) of the named countries / the domain, in the report's order."""
    kind = "priority" if f.facet == "priorities" else "approach"
    return [
        a
        for a in facts.approaches.values()
        if (a.kind == kind or (f.countries and f.facet is None))
        and (f.domain is None or a.domain == f.domain)
        and (not f.countries or set(f.countries) & set(a.countries))
    ]


def _named_score(a: Approach, match: Match) -> float:
    score = match(a.text, a.label_en, a.domain)
    return score if score >= phrases.NAMED_MIN else 0.0


def asked(
    facts: ReportFacts, f: QuestionFeatures, window: Sequence[Hit], match: Match
) -> list[Approach]:
    """The listed approaches, those of a country's best-ranked first (the more specific
    first); a domain's list as the report gives it, the items the question names first."""
    picked = listed(facts, f)
    if f.countries:
        rank = {h.chunk.ref_id: i for i, h in enumerate(window)}
        picked.sort(key=lambda a: (rank.get(a.id, len(rank)), len(a.countries)))
    else:
        picked.sort(key=lambda a: -_named_score(a, match))  # stable: report order
    return picked[:MAX_APPROACHES]
