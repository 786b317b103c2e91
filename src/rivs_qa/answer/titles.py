"""How closely a question reads like each section's own title, by the embedder.

A broad question names its section by the words of the section's title path
(``Quoter.named_section``); "politikas atziņas mājokļu jomā" holds the words of "I. Būtiskas
politikas jomas › 4. Mājokļi" and so of all three of its subsections alike. Which of them it
asks about is in words the titles do not share ("atziņas", "lessons" against "Politikas
apguve", "Policy learning"), which the embedder reads: each section's own title, in the
closer of its two languages, against the question's vector (the one its search embedded).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import numpy as np

from rivs_qa.report.model import Report
from rivs_qa.search.engine import SearchEngine


class SectionTitles:
    def __init__(self, report: Report, engine: SearchEngine) -> None:
        self._titles = [(s.id, s.title_lv, s.title_en) for s in report.sections]
        self._engine = engine

    @cached_property
    def _vectors(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Section ids, and the passage vectors of their Latvian and English titles."""
        embed = self._engine.embedder.embed_passages
        ids = [sid for sid, _, _ in self._titles]
        lv = embed([lv for _, lv, _ in self._titles])
        en = embed([en or lv for _, lv, en in self._titles])
        return ids, lv, en

    def warm_up(self) -> None:
        """Embed the titles now (about 50 short passages), not in the first answer."""
        _ = self._vectors

    def closeness(self, question: str) -> Mapping[str, float]:
        """Each section's cosine similarity to ``question``, by section id."""
        ids, lv, en = self._vectors
        vector = self._engine.query_vector(question)
        return dict(zip(ids, np.maximum(lv @ vector, en @ vector).tolist(), strict=True))
