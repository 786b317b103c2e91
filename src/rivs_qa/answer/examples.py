"""Example questions the report answers (corpus/examples.json), offered with a refusal
that shares no subject with the report, in the user's language."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel

from rivs_qa.curated import load_model
from rivs_qa.lang import Lang

#: How many examples a refusal offers.
OFFERED = 3


class Examples(BaseModel):
    lv: list[str]
    en: list[str]

    def offer(self, lang: Lang, question: str, k: int = OFFERED) -> list[str]:
        """``k`` examples in ``lang``, a different selection for different questions (the
        same for the same question), in the file's order."""
        pool = self.lv if lang == "lv" else self.en
        if len(pool) <= k:
            return list(pool)
        start = int(hashlib.sha256(question.encode()).hexdigest(), 16) % len(pool)
        picked = sorted((start + i) % len(pool) for i in range(k))
        return [pool[i] for i in picked]


def load_examples(path: Path) -> Examples:
    return load_model(Examples, path, "example questions file")
