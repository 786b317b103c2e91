"""The /api/ask contract: what a client sends and what an answer holds.

These names are public (the widget and other clients rely on them); change them only with
a version bump. ``AskRequest`` validates user input with readable messages; every other
model here is output.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, create_model, field_validator

from rivs_qa.answer.session_ids import SESSION_ID_MAX, validate_session_id

_CITED_TAIL = re.compile(r" \[(\d+(?:, \d+)*)\]$")  # an answer's closing "[1, 3]"

MAX_QUESTION_CHARS = 1000
MAX_TOP_K = 20
DEFAULT_TOP_K = 5

FactKind = Literal["indicator", "table_row", "footnote", "approach"]


class AskRequest(BaseModel):
    """One turn of a conversation, as a client sends it."""

    # The schema states exactly what the validators accept, character for character (the
    # schemathesis run in tests/api/test_schemathesis_all.py holds both to it): a question
    # is 1 to ``max_question_chars`` characters as sent, at least one of them not in BLANK:
    # whitespace (every character ``str.split`` splits on), control characters and
    # invisible format characters. BLANK is spelled with \u escapes only, as ``\s`` and
    # ``\S`` mean different sets in ECMA-262 (JSON Schema; jsonschema-rs, which schemathesis
    # validates with) and in Python's ``re``; ``\uXXXX`` means the same in both and in Rust's
    # regex. An accepted question is then cleaned: whitespace runs fold to one space,
    # control and format characters go, a lone surrogate becomes U+FFFD.

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    #: The characters that do not make a question (a regex character-class body).
    BLANK: ClassVar[str] = (
        r"\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f"
        r"\u205f-\u206f\u3000\ufeff\ufff9-\ufffb"
    )
    #: Matches (searching, as JSON Schema's ``pattern`` does) a text that is not blank.
    NOT_BLANK: ClassVar[str] = f"[^{BLANK}]"
    #: The longest question this model accepts; :meth:`limited_to` makes one for another.
    max_question_chars: ClassVar[int] = MAX_QUESTION_CHARS
    _blank: ClassVar[re.Pattern[str]] = re.compile(f"[{BLANK}]|[\ud800-\udfff]")

    @staticmethod
    def question_field(max_chars: int, pattern: str = NOT_BLANK) -> Any:
        """The ``question`` field of a model accepting 1-``max_chars`` characters."""
        return Field(
            description=f"The question, Latvian or English: 1-{max_chars} characters, at "
            "least one of them not whitespace, a control or an invisible format character.",
            examples=["Kuras valstis minēja starpniecību kā panākumu izglītībā?"],
            json_schema_extra={"minLength": 1, "maxLength": max_chars, "pattern": pattern},
        )

    question: str = question_field(MAX_QUESTION_CHARS)
    session_id: (
        Annotated[
            str,
            WithJsonSchema(
                {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": SESSION_ID_MAX,
                    # ECMA-262 `$` (JSON Schema's) is the end of the text, as fullmatch's is
                    "pattern": "^[A-Za-z0-9_-]+$",
                }
            ),
        ]
        | None
    ) = Field(
        default=None,
        description="Continue this conversation; null starts a new one. An unknown id starts "
        "a new conversation under that id.",
    )
    lang: Literal["lv", "en"] | None = Field(
        default=None, description="Answer language; null detects it from the question."
    )
    top_k: int = Field(
        default=DEFAULT_TOP_K, ge=1, le=MAX_TOP_K, description="How many passages to cite."
    )

    @classmethod
    def limited_to(cls, max_chars: int) -> type[AskRequest]:
        """This model for questions of at most ``max_chars`` characters, its schema saying
        so (for the configured ``RIVS_QA_MAX_QUESTION_CHARS``)."""
        if max_chars == cls.max_question_chars:
            return cls
        model = create_model(
            cls.__name__,
            __base__=cls,
            __module__=cls.__module__,
            question=(str, cls.question_field(max_chars)),
        )
        model.max_question_chars = max_chars
        return model

    @classmethod
    def clean_question(cls, value: str, max_chars: int, what: str = "question") -> str:
        """``value`` with blank runs folded to one space and control/format characters
        dropped; ValueError when the schema's ``pattern`` or ``maxLength`` refuses it."""
        if re.search(cls.NOT_BLANK, value) is None:
            raise ValueError(f"the {what} is empty")
        if len(value) > max_chars:
            raise ValueError(f"the {what} has {len(value)} characters; at most {max_chars} allowed")

        def clean(match: re.Match[str]) -> str:
            char = match.group()
            return " " if char.isspace() else "\ufffd" if "\ud800" <= char <= "\udfff" else ""

        return " ".join(cls._blank.sub(clean, value).split())

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        return cls.clean_question(value, cls.max_question_chars)

    @field_validator("top_k", mode="before")
    @classmethod
    def _top_k(cls, value: object) -> object:
        # The schema's integer is a JSON number: not true/false, not "5" (lax mode takes both)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("Input should be a valid integer")
        return value

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
    label: str = Field(description="what the fact is, in the answer's language")
    label_en: str = Field(default="", description="the same in English (a translation)")
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
    text: str = Field(description="the passage in the report's words (Latvian)")
    quote: str = Field(description="the sentence(s) of the passage that answer (Latvian)")
    text_en: str = Field(default="", description="English translation of ``text``")
    quote_en: str = Field(default="", description="English translation of ``quote``")
    score: float


class AnswerItem(BaseModel):
    """One item of an answer that gives several (approaches, a list's items, table rows)."""

    text: str
    citations: list[int] = Field(default_factory=list, description="citation numbers")


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
    lead: str | None = Field(default=None, description="what ``items`` follow, when there are any")
    items: list[AnswerItem] = Field(
        default_factory=list, description="the answer's items, when it gives several"
    )
    examples: list[str] = Field(
        default_factory=list,
        description="questions the report does answer, in the answer's language: offered with "
        "a refusal that shares no subject with the report",
    )
    translation_note: str | None = Field(
        default=None,
        description="set when the answer shows English text of the report: it is a "
        "translation made for this product, and the Latvian report is the source",
    )

    def answer_body(self) -> str:
        """The answer without the citation numbers it ends with ("… [1, 3]")."""
        return _CITED_TAIL.sub("", self.answer)

    def used_citations(self) -> set[int]:
        """Numbers of the citations the answer is built from: its facts', its items', and
        those its text ends citing ("… [1, 3]")."""
        used = {fact.citation for fact in self.facts}
        used |= {n for item in self.items for n in item.citations}
        tail = _CITED_TAIL.search(self.answer)
        if tail:
            used |= {int(n) for n in tail.group(1).split(", ")}
        return used
