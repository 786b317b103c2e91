"""Follow-up questions as the conversation understands them, for in-process retrieval runs.

A follow-up ("And the women?") is searched as its ``resolved_question``: its history is asked turn
by turn in one session of a real :class:`AnswerService`, then the follow-up itself, and the
service's reading of it is what the retrieval harness searches in every mode.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..answer.contract import AskRequest
from ..answer.service import AnswerService
from .dataset import EvalItem


def resolved_queries(service: AnswerService, items: Iterable[EvalItem]) -> dict[str, str]:
    """Item id → the query to search: the question itself, or for an item with history the
    resolved question of its last turn (each item in its own new session)."""
    out: dict[str, str] = {}
    for item in items:
        if not item.history:
            out[item.id] = item.question
            continue
        session_id = f"eval-{item.id}"
        for earlier in item.history:
            service.ask(AskRequest(question=earlier, session_id=session_id))
        last = service.ask(AskRequest(question=item.question, session_id=session_id))
        out[item.id] = last.resolved_question
    return out
