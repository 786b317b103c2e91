"""POST /api/ask: one conversational turn, answered from the report with citations."""

# No ``from __future__ import annotations``: the body's model is a local of build_router,
# which FastAPI could not find again from a string annotation.

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from rivs_qa.answer.contract import MAX_QUESTION_CHARS, AskRequest, AskResponse
from rivs_qa.api.deps import AnswersDep
from rivs_qa.api.observability import record_answer


def build_router(max_question_chars: int = MAX_QUESTION_CHARS) -> APIRouter:
    """The route, its request schema limiting questions to ``max_question_chars``
    characters (the configured ``Settings.max_question_chars``)."""
    router = APIRouter(tags=["answers"])
    request_model = AskRequest.limited_to(max_question_chars)

    @router.post(
        "/ask",
        response_model=AskResponse,
        summary="Ask a question (Latvian or English) in a conversation",
        responses={
            422: {"description": "Empty or oversized question, bad lang, top_k or session_id"},
            503: {"description": "The search index or session store is not available"},
        },
    )
    async def ask(body: request_model, answers: AnswersDep) -> AskResponse:  # type: ignore[valid-type]
        """Answer one turn. Pass the returned ``session_id`` back to continue the
        conversation: elliptic follow-ups ("And for women?", "What about housing?") resolve
        against it, and ``resolved_question`` shows how. ``answerable`` is false when the
        report does not cover the question; ``suggestions`` then name the nearest sections."""
        if answers.sessions.in_process:
            # CPU only, and the embedding, most of it, runs on the loop's thread anyway
            # (api/embedding.py): a worker thread would add two hand-offs and gain nothing.
            response = answers.ask(body)
        else:
            # a session store across the network: wait for it where the loop does not
            response = await run_in_threadpool(answers.ask, body)
        record_answer(response.answerable)
        return response

    return router


#: The route for the default limit, MAX_QUESTION_CHARS.
router = build_router()
