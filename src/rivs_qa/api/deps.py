"""Request dependencies, named as ``Annotated`` aliases for route signatures.

The dependencies are ``async``: they only read the app's state, and FastAPI would run a
plain function in a worker thread, two thread hand-offs a request.

Everything a request needs lives in one :class:`AppState`, built once by the app's lifespan
and kept on ``app.state.rivs``. Later stages add their long-lived services here (search
engine, answer service, session store) so routes keep asking for them by type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from rivs_qa.answer.service import AnswerService
from rivs_qa.config import Settings
from rivs_qa.errors import RivsError, Unavailable
from rivs_qa.report.model import Report


@dataclass
class AppState:
    """What the running service holds between requests."""

    settings: Settings
    report: Report
    answers: AnswerService | None = None  # None when the app runs without a search index


async def get_state(request: Request) -> AppState:
    state = getattr(request.app.state, "rivs", None)
    if not isinstance(state, AppState):
        # Only reachable when the app is served without running its lifespan.
        raise RivsError("application state is not loaded")
    return state


StateDep = Annotated[AppState, Depends(get_state)]


async def get_settings_dep(state: StateDep) -> Settings:
    return state.settings


async def get_report(state: StateDep) -> Report:
    return state.report


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
ReportDep = Annotated[Report, Depends(get_report)]


async def get_answers(request: Request) -> AnswerService:
    # Reads the state itself rather than through ``StateDep``: one dependency to solve, not
    # two, on the busiest route.
    state = await get_state(request)
    if state.answers is None:
        raise Unavailable("Answering is not available: the search index is not loaded")
    return state.answers


AnswersDep = Annotated[AnswerService, Depends(get_answers)]
