"""Answer metrics: how an /api/ask response measures up to an evaluation item.

An answerable item is *correct* when the response is answerable, every expected value string
is in ``answer`` (whitespace-normalised, "31 %" = "31%"), the expected count appears in it as
a number, and every expected country code is among the answer's codes (the codes written in
``answer`` and those of ``facts``). An item expecting only a text answer needs one of its
evidence strings in ``answer`` or in the ``quote`` of one of the first three citations: the
answer quotes the report where it says it. An unanswerable item is correct when it is
refused. This is ``../shared/eval/score_api.py``'s rule, the reference. Retrieval is scored on
``citations[].text`` with the same rule as the retrieval harness.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from rivs_qa.answer.contract import AskResponse
from rivs_qa.evaluation.dataset import EvalItem, found_rank, normalise


class AnswerScore(BaseModel):
    id: str
    lang: str
    type: str
    correct: bool
    answerable: bool
    expected_answerable: bool
    rank: int | None  # of the first citation holding evidence
    problems: list[str]
    latency_ms: float


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def answer_codes(response: AskResponse, known: Iterable[str]) -> set[str]:
    codes = {c for fact in response.facts for c in fact.countries}
    for code in known:
        if re.search(rf"(?<![A-Za-z]){re.escape(code)}(?![A-Za-z])", response.answer):
            codes.add(code)
    return codes


def score_answer(
    item: EvalItem,
    response: AskResponse,
    known_codes: Sequence[str],
    latency_ms: float,
    *,
    own_quotes: bool = False,
) -> AnswerScore:
    """As ``score_api.py``. With ``own_quotes`` (for training the verifier), a text answer
    must also be built from a passage holding the evidence (the answer or the text of a
    citation it uses), not merely cite one: one candidate is judged by what it says."""
    expected = item.answer
    problems: list[str] = []
    if expected.unanswerable:
        if response.answerable:
            problems.append("answered an unanswerable question")
    else:
        if not response.answerable:
            problems.append("refused an answerable question")
        flat = _flat(response.answer)
        for value in expected.values:
            if _flat(value) not in flat:
                problems.append(f"value {value!r} not in the answer")
        if expected.count is not None and not re.search(
            rf"(?<!\d){expected.count}(?!\d)", response.answer
        ):
            problems.append(f"count {expected.count} not in the answer")
        if expected.countries:
            missing = set(expected.countries) - answer_codes(response, known_codes)
            if missing:
                problems.append(f"countries missing: {', '.join(sorted(missing))}")
        text_only = not (expected.values or expected.count is not None or expected.countries)
        if text_only and item.evidence and response.answerable:
            said = [response.answer] + [c.quote for c in response.citations[:3]]
            evidence = [normalise(e) for e in item.evidence]
            if not any(e in normalise(s) for e in evidence for s in said):
                problems.append("no evidence string in the answer or its first three quotes")
            used = response.used_citations()
            built = [response.answer] + [c.text for c in response.citations if c.n in used]
            if own_quotes and not any(e in normalise(s) for e in evidence for s in built):
                problems.append("the answer is not built from a passage with the evidence")
    texts = [c.text for c in response.citations]
    rank = found_rank(texts, item.evidence) if item.evidence else None
    return AnswerScore(
        id=item.id, lang=item.lang, type=item.type, correct=not problems,
        answerable=response.answerable, expected_answerable=not expected.unanswerable,
        rank=rank, problems=problems, latency_ms=latency_ms,
    )  # fmt: skip


class AnswerSummary(BaseModel):
    slice: str
    n: int
    accuracy: float
    recall_at_5: float | None
    mrr_at_10: float | None
    refused_answerable: int
    unanswerable_detected: float | None


def summarise(scores: Sequence[AnswerScore]) -> list[AnswerSummary]:
    slices: dict[str, list[AnswerScore]] = {}
    for s in scores:
        for key in (f"lang={s.lang}", f"type={s.type}", "all"):
            slices.setdefault(key, []).append(s)
    out = []
    for key in sorted(slices, key=lambda k: (k == "all", k)):
        group = slices[key]
        with_ev = [s for s in group if s.expected_answerable]
        unans = [s for s in group if not s.expected_answerable]
        out.append(
            AnswerSummary(
                slice=key,
                n=len(group),
                accuracy=sum(s.correct for s in group) / len(group),
                recall_at_5=(
                    sum(1 for s in with_ev if s.rank is not None and s.rank <= 5) / len(with_ev)
                    if with_ev else None
                ),
                mrr_at_10=(
                    sum(1 / s.rank for s in with_ev if s.rank is not None and s.rank <= 10)
                    / len(with_ev)
                    if with_ev else None
                ),
                refused_answerable=sum(1 for s in with_ev if not s.answerable),
                unanswerable_detected=(
                    sum(1 for s in unans if not s.answerable) / len(unans) if unans else None
                ),
            )
        )  # fmt: skip
    return out
