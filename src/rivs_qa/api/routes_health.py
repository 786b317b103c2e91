"""Liveness with a summary of what was loaded, so a probe also proves the report parsed."""

from __future__ import annotations

from fastapi import APIRouter

from rivs_qa import __version__
from rivs_qa.api.deps import ReportDep
from rivs_qa.api.schemas import HealthPublic

router = APIRouter(tags=["health"])


@router.get("/health")
def health(report: ReportDep) -> HealthPublic:
    return HealthPublic.of(report, __version__)
