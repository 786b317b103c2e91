"""Select or abstain: which composed candidate answer the service gives.

The verifier has scored every candidate (``Option.p``); the most probable one that answers
the turn is chosen. A follow-up that brings words of its own ("Un tiesu sistēmai?") is only
answered by a candidate whose passages hold one of them, and a question naming a year only by
a candidate whose passages mention it (in training, 1 of 63 candidates without it was right).
The service refuses when the chosen one's probability is below the verifier's threshold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rivs_qa.answer import features
from rivs_qa.answer.contract import AskResponse
from rivs_qa.answer.conversation import AnswerRefs
from rivs_qa.answer.verify import AnswerFeatures, Verifier

_JOINED = re.compile(r"\b(and|or|un|vai|kā arī|as well as)\b|[,;–—-] *(cik|how many|what)\b", re.I)
#: An ask word right after a join: where a question's second ask starts ("… un cik …").
_ASK_NEXT = re.compile(r"[\s,–—-]*(cik|kād|kur|kuri|kura|ko|what|how|which|who|where)", re.I)


@dataclass
class Option:
    """One candidate answer, composed, with what the verifier read of it and its verdict."""

    response: AskResponse
    refs: AnswerRefs
    features: AnswerFeatures
    p: float


def choose(options: Sequence[Option], threshold: float = 0.0) -> Option:
    """The most probable candidate among those that answer the turn; when none does, the
    most probable of all (to be refused, and named as the nearest thing the report says).
    For a negated question ("which did not report …"), once a candidate whose own words meet
    the negation passes the ``threshold``, those that miss it are out: in training, 3 of 45
    candidates that missed a negation another candidate met were right. Among equals the
    first wins: the lookup's own pick comes first."""
    fitting = [o for o in options if o.features.answers_turn] or list(options)
    if any(o.p >= threshold and o.features.negated and not o.features.negation_unmet
           for o in fitting):  # fmt: skip
        fitting = [o for o in fitting if not o.features.negation_unmet]
    return max(fitting, key=lambda o: o.p)


def verdict(options: Sequence[Option], verifier: Verifier | None) -> tuple[Option, bool]:
    """The chosen candidate, and whether it is given: each candidate's features are made
    relative to its rivals' and scored by the ``verifier`` (without one, the rule's pick
    alone passes); the chosen one is given when it answers the turn and passes the
    threshold for its kind."""
    for option, x in zip(options, features.relative([o.features for o in options]), strict=True):
        option.features = x
    if verifier is not None:
        for option, p in zip(
            options, verifier.p_right_all([o.features for o in options]), strict=True
        ):
            option.p = p
    best = choose(options, verifier.threshold if verifier is not None else 0.0)
    needed = verifier.threshold_for(best.features) if verifier is not None else 0.0
    return best, best.p >= needed and best.features.answers_turn


class Cut(NamedTuple):
    """A question cut into two asks; ``asking``: cut where a second ask starts (an ask word
    or a comma after the join, or a second question mark), not inside a list."""

    first: str
    second: str
    asking: bool


def ask_parts(question: str, names: Callable[[str], bool] = bool) -> tuple[str, str] | None:
    """The two parts of the first of :func:`ask_cuts`, None when there is none."""
    cuts = ask_cuts(question, names)
    return (cuts[0].first, cuts[0].second) if cuts else None


def ask_cuts(question: str, names: Callable[[str], bool] = bool) -> list[Cut]:
    """Where a question may split into its two asks, likeliest first: as :func:`two_parts`
    cuts it ("Do Roma trust the police and the justice system? Give me the figures."), then
    as it is written, two questions each naming a subject ("… vidusskolas izglītību? un
    augstāko?")."""
    cuts = _cuts(question, names)
    asked = [q for q in question.split("?") if q.strip(" ,;")]
    if len(asked) == 2 and names(asked[0]) and names(asked[1]):
        cuts.append(Cut(asked[0], asked[1], asking=True))
    return cuts


def list_parts(question: str, names: Callable[[str], bool] = bool) -> list[str]:
    """The items of a list of three or more a question asks about, each an ask ("Cik romu
    dzīvo mājsaimniecībās ar ūdensvadu, iekštelpu tualeti un dušu?"): split at its commas and
    at the join of its last item; the first item keeps what leads in. Empty unless every
    item ``names`` a subject."""
    body = question.rstrip(" ?!.")
    pieces = [p.strip() for p in body.split(",")]
    last = list(_JOINED.finditer(pieces[-1]))
    if len(pieces) < 2 or not last:
        return []
    cut = last[-1]
    tail = [pieces[-1][: cut.start()].strip(" –—-"), pieces[-1][cut.end() :].strip()]
    items = [p for p in [*pieces[:-1], *tail] if p]
    return items if len(items) >= 3 and all(names(i) for i in items) else []


def two_parts(question: str, names: Callable[[str], bool] = bool) -> tuple[str, str] | None:
    """A question that joins two asks, split where they join ("Cik romu … ūdensvads
    iekštelpās" / "cik ir iekštelpu tualete?"): at the last join before an ask word or after
    a comma, else at the last join ("… and …", "… un …", "… vai …"); None when it joins
    nothing or either part is one word. A cut one of whose parts ``names`` no subject is
    passed over for the join before it: "… an indoor toilet and tap water — what are the
    percentages?" asks twice before its dash, the dash only ends the subject. A join that
    opens the question ("Un cik …") has no ask before it."""
    cuts = _cuts(question, names)
    return (cuts[0].first, cuts[0].second) if cuts else None


def _cuts(question: str, names: Callable[[str], bool]) -> list[Cut]:
    """Every cut :func:`two_parts` may make, in the order it tries them, up to the first
    whose part is one word."""
    joins = list(_JOINED.finditer(question))
    # a join before an ask word ("un cik …", "and what % …") or after a comma ("… a job,
    # and when trying to rent or buy a flat?") is where the asks meet
    asking = [
        j
        for j in joins
        if j.group(2)
        or _ASK_NEXT.match(question, j.end())
        or question[: j.start()].rstrip().endswith(",")
    ]
    out: list[Cut] = []
    for cut in [*reversed(asking), *(j for j in reversed(joins) if j not in asking)]:
        first, second = question[: cut.start()].strip(" ,;–—-"), question[cut.end() :].strip()
        if cut.group(2):  # "…, how many …": the ask word belongs to the second part
            second = f"{cut.group(2)} {second}"
        if not first:  # the question opens with its join ("Un cik …"): no ask before it
            continue
        # one word after the join ("… restaurant, night club or hotel?") lists, it does not ask
        if len(first.split()) <= 1 or len(second.split()) <= 1:
            break
        if names(first) and names(second):
            out.append(Cut(first, second, asking=cut in asking))
    return out


def flipped(options: Sequence[Option], needed: Callable[[AnswerFeatures], float]) -> Option | None:
    """The most probable candidate that breaks the facet rule alone and passes its
    threshold: the report lists what is asked, under the other facet ("data availability"
    as an education challenge, asked as an achievement). A refusal names it as the nearest
    the report comes, and says which facet it is listed under."""
    return max(
        (o for o in options if o.features.unmet == ("facet_unmet",) and o.p >= needed(o.features)),
        key=lambda o: o.p,
        default=None,
    )
