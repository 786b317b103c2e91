"""The /api/ask contract: what a client sends and what an answer holds.

These names are public (the widget and other clients rely on them); change them only with
a version bump. ``AskRequest`` validates user input with readable messages; every other
model here is output.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rivs_qa.answer.sessions import SESSION_ID_MAX, validate_session_id

MAX_QUESTION_CHARS = 1000
MAX_TOP_K = 20
DEFAULT_TOP_K = 5

FactKind = Literal["indicator", "table_row", "footnote", "approach"]


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    question: str = Field(
        description=f"The question, Latvian or English: 1-{MAX_QUESTION_CHARS} characters "
        "after trimming.",
        examples=["Kuras valstis minēja starpniecību kā panākumu izglītībā?"],
    )
    session_id: str | None = Field(
        default=None,
        max_length=SESSION_ID_MAX,
        json_schema_extra={"pattern": r"^[A-Za-z0-9_-]{1,128}$"},
        description="Continue this conversation; null starts a new one. An unknown id starts "
        "a new conversation under that id.",
    )
    lang: Literal["lv", "en"] | None = Field(
        default=None, description="Answer language; null detects it from the question."
    )
    top_k: int = Field(
        default=DEFAULT_TOP_K, ge=1, le=MAX_TOP_K, description="How many passages to cite."
    )

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        text = " ".join(value.split())  # trims, and folds tabs/newlines/control whitespace
        text = "".join(ch for ch in text if ch.isprintable())
        if not text:
            raise ValueError("the question is empty")
        if len(text) > MAX_QUESTION_CHARS:
            raise ValueError(
                f"the question has {len(text)} characters; at most {MAX_QUESTION_CHARS} allowed"
            )
        return text

    @field_validator("session_id")
    @classmethod
    def _session(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return validate_session_id(value)
        except Exception as exc:  # BadQuestion carries the rule
            raise ValueError(str(exc)) from None


class Fact(BaseModel):
    """A figure, count or country list taken from the parsed report, not from prose."""

    kind: FactKind
    id: str
    label: str
    value: float | None = None
    unit: str | None = None
    breakdowns: dict[str, float] = Field(default_factory=dict)
    count: int | None = None
    countries: list[str] = Field(default_factory=list)
    citation: int = Field(description="the n of the citation this fact comes from")


class Citation(BaseModel):
    n: int
    chunk_id: str
    section_id: str
    section_title: str
    kind: str
    text: str = Field(description="the passage in the report's words")
    quote: str = Field(description="the sentence(s) of the passage that answer")
    score: float


class Suggestion(BaseModel):
    """A section near the question, offered when the report does not answer it."""

    section_id: str
    title: str


class AskResponse(BaseModel):
    session_id: str
    lang: Literal["lv", "en"]
    answerable: bool
    answer: str
    resolved_question: str
    facts: list[Fact] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)
