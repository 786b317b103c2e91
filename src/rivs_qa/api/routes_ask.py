"""POST /api/ask: one conversational turn, answered from the report with citations."""

# No ``from __future__ import annotations``: the body's model is a local of build_router,
# which FastAPI could not find again from a string annotation.

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from rivs_qa.answer.contract import MAX_QUESTION_CHARS, AskRequest, AskResponse
from rivs_qa.answer.service import AnswerService
from rivs_qa.api.deps import AnswersDep, get_answers
from rivs_qa.api.observability import record_answer
from rivs_qa.errors import RivsError

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


async def _answer(body: AskRequest, answers: AnswerService) -> AskResponse:
    if answers.sessions.in_process:
        # CPU only, and the embedding, most of it, runs on the loop's thread anyway
        # (api/embedding.py): a worker thread would add two hand-offs and gain nothing.
        response = answers.ask(body)
    else:
        # a session store across the network: wait for it where the loop does not
        response = await run_in_threadpool(answers.ask, body)
    record_answer(response.answerable)
    return response


def _lean_route(model: type[BaseModel]) -> type[APIRoute]:
    """The route class of /api/ask: a JSON body that validates, to a running service, is
    answered without FastAPI's request machinery (dependency solving, the body parsed in
    Python then validated, the response validated again and encoded in Python): the
    body is validated from its bytes and the answer written by pydantic, about 0.17 ms a
    request less in the server (README, "Measured figures"). Anything else, an invalid
    body or a service not loaded, takes FastAPI's own handler, so errors and their 4xx/503
    are FastAPI's."""

    class LeanRoute(APIRoute):
        def get_route_handler(self) -> Handler:
            standard = super().get_route_handler()

            async def handler(request: Request) -> Response:
                if not _is_json(request):
                    return await standard(request)
                try:
                    answers = await get_answers(request)
                    body = model.model_validate_json(await request.body())
                except (RivsError, ValidationError):
                    return await standard(request)  # reads the body again, kept
                assert isinstance(body, AskRequest)
                response = await _answer(body, answers)
                return Response(response.model_dump_json(), media_type="application/json")

            return handler

    return LeanRoute


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    return kind == "application/json"


def build_router(max_question_chars: int = MAX_QUESTION_CHARS) -> APIRouter:
    """The route, its request schema limiting questions to ``max_question_chars``
    characters (the configured ``Settings.max_question_chars``)."""
    router = APIRouter(tags=["answers"])
    request_model = AskRequest.limited_to(max_question_chars)

    async def ask(body: request_model, answers: AnswersDep) -> AskResponse:  # type: ignore[valid-type]
        """Answer one turn. Pass the returned ``session_id`` back to continue the
        conversation: elliptic follow-ups ("And for women?", "What about housing?") resolve
        against it, and ``resolved_question`` shows how. ``answerable`` is false when the
        report does not cover the question; ``suggestions`` then name the nearest sections."""
        return await _answer(body, answers)

    router.add_api_route(
        "/ask",
        ask,
        methods=["POST"],
        response_model=AskResponse,
        summary="Ask a question (Latvian or English) in a conversation",
        responses={
            422: {"description": "Empty or oversized question, bad lang, top_k or session_id"},
            503: {"description": "The search index or session store is not available"},
        },
        route_class_override=_lean_route(request_model),
    )
    return router


#: The route for the default limit, MAX_QUESTION_CHARS.
router = build_router()
