"""Reading a curated data file (corpus/*.json) into its typed model, with one clear error."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from rivs_qa.errors import ReportFormatError

Model = TypeVar("Model", bound=BaseModel)


def load_model(model: type[Model], path: Path, what: str) -> Model:
    """``model`` validated from the JSON file at ``path``; ``ReportFormatError`` naming
    ``what`` (e.g. "translation file") when it is missing or malformed."""
    try:
        return model.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportFormatError(f"{what} not found: {path}") from None
    except ValidationError as exc:
        raise ReportFormatError(f"{what} {path} is malformed: {exc}") from None
