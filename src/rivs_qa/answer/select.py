"""Select or abstain: which composed candidate answer the service gives.

The verifier has scored every candidate (``Option.p``); the most probable one that answers
the turn is chosen. A follow-up that brings words of its own ("Un tiesu sistēmai?") is only
answered by a candidate whose passages hold one of them, and a question naming a year only by
a candidate whose passages mention it (in training, 1 of 63 candidates without it was right).
The service refuses when the chosen one's probability is below the verifier's threshold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rivs_qa.answer.contract import AskResponse
from rivs_qa.answer.conversation import AnswerRefs
from rivs_qa.answer.verify import AnswerFeatures

_JOINED = re.compile(r"\b(and|or|un|vai|kā arī|as well as)\b|[,;–—-] *(cik|how many|what)\b", re.I)


@dataclass
class Option:
    """One candidate answer, composed, with what the verifier read of it and its verdict."""

    response: AskResponse
    refs: AnswerRefs
    features: AnswerFeatures
    p: float


def choose(options: Sequence[Option]) -> Option:
    """The most probable candidate among those that answer the turn; when none does, the
    most probable of all (to be refused, and named as the nearest thing the report says).
    Among equals the first wins: the lookup's own pick comes first."""
    fitting = [o for o in options if o.features.answers_turn] or list(options)
    return max(fitting, key=lambda o: o.p)


def two_parts(question: str) -> bool:
    """Whether a question joins two asks ("… and …", "… un …", "… vai …", "… un cik …")."""
    return bool(_JOINED.search(question))
