"""Does an answer fit its question? A small learned model's probability, and the features
it reads. Pure: no I/O but ``Verifier.load``/``save``; no model runs at answer time beyond a
dot product.

The features describe one composed answer against its question (``AnswerFeatures``): what
kind of answer it is, how much of the question's subject (IDF-weighted lemma keys, frame
words and the domain word out) the answer's own cited units contain, the rarest subject word
they lack, how much of the subject the report has nowhere, whether the question asks for a
number or countries and the answer gives them, the retrieval scores. A logistic regression
over them (scikit-learn, ``evaluation/verifier_train.py``) is trained on labelled
(question, answer, right?) cases and saved as plain JSON; ``Verifier.p_right`` applies it.
An answer whose probability is below the saved threshold (chosen for precision on held-out
questions) is refused instead.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from pydantic import BaseModel

from rivs_qa.errors import ReportFormatError

VERIFIER_FILE = "verifier.json"
#: The answer kinds, one-hot in the features.
KINDS = ("indicator", "table_row", "overview", "footnote", "approach", "extractive", "list")


@dataclass(frozen=True)
class AnswerFeatures:
    kind: str
    followup: bool
    subject_keys: int  # distinct subject keys of the question
    coverage: float  # IDF share of the subject keys found in the answer's own cited units
    missing_max_idf: float  # highest IDF among subject keys those units lack, / log N
    unknown_share: float  # IDF-free share of subject keys the report has nowhere
    support: float  # best summed IDF of subject keys in one of the first hits, / log N
    asks_number: bool
    gives_number: bool
    asks_countries: bool
    gives_countries: bool
    names_countries: bool  # the question names countries
    countries_matched: float  # share of them the answer's facts or cited units name
    dense_top: float  # cosine of the best hit
    margin: float  # fused score of hit 1 minus hit 2

    def vector(self) -> list[float]:
        values = asdict(self)
        kind = values.pop("kind")
        return [float(kind == k) for k in KINDS] + [float(v) for v in values.values()]

    @staticmethod
    def names() -> list[str]:
        fields = [f for f in AnswerFeatures.__dataclass_fields__ if f != "kind"]
        return [f"kind={k}" for k in KINDS] + fields


def subject_features(
    subject: set[str], answer_keys: set[str], idf: dict[str, float], n_docs: int
) -> tuple[float, float, float]:
    """(coverage, missing_max_idf, unknown_share) of a question's subject keys against the
    keys of the units an answer is built from; ``idf`` is over the index's chunks."""
    if not subject:
        return 1.0, 0.0, 0.0
    top = math.log(max(n_docs, 2))
    unknown = [k for k in subject if k not in idf]
    weights = {k: idf.get(k, top) for k in subject}
    total = sum(weights.values()) or 1.0
    covered = sum(w for k, w in weights.items() if k in answer_keys)
    missing = [w for k, w in weights.items() if k not in answer_keys]
    return covered / total, (max(missing) / top if missing else 0.0), len(unknown) / len(subject)


class Verifier(BaseModel):
    """A logistic regression over standardised ``AnswerFeatures`` and its refusal threshold."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float
    trained_on: dict[str, int | float | str] = {}

    def p_right(self, x: AnswerFeatures) -> float:
        values = x.vector()
        z = self.intercept + sum(
            c * (v - m) / (s or 1.0)
            for c, v, m, s in zip(self.coef, values, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))

    def accepts(self, x: AnswerFeatures) -> bool:
        return self.p_right(x) >= self.threshold

    @classmethod
    def load(cls, path: Path) -> Verifier | None:
        """The saved model, or None when there is none (answers are then not gated)."""
        if not path.is_file():
            return None
        try:
            model = cls.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ReportFormatError(f"verifier file {path} is malformed: {exc}") from None
        if model.features != AnswerFeatures.names():
            raise ReportFormatError(
                f"verifier file {path} was trained on other features; retrain it "
                "(rivs-qa verifier train)"
            )
        return model

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.model_dump(), indent=1) + "\n", encoding="utf-8")
