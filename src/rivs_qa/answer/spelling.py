"""Spelling: an English question's misspelt word read as the report's word it misses by a
letter or two ("vacination" → "vaccination", "harrasment" → "harassment").

A misspelt word is unknown to the report, so it counts against every candidate as a word the
report lacks, and the question's real subject goes unmatched. A word is mended only when:

- it is in lower case (a capitalised word may be a name the report never mentions, which
  the refusal names: "Peru", "Moldova") and has at least ``MIN_LETTERS`` letters;
- the report does not have the word ("percentge": "percentage" shares its first letters)
  and the lemmatizer's English dictionary does not know it either: "getting", "adopted" are
  English words the report happens not to use, not misspellings of "setting", "adapted";
- no apostrophe follows it ("shouldn't" is no misspelt "should");
- exactly one of the report's words is nearest to it, within one edit (``LONG`` letters or
  more: two), counting a swap of two neighbouring letters as one edit.

A Latvian question's words are not mended by edits: a Latvian form that neither the report
nor the lemmatizer has is more often a valid inflection than a misspelling ("nesniedza"
would become "sniedza", losing its negation). Only its diacritics are restored: a word
typed without them ("veselibas apdrosinasanas") that the report does not have as typed
becomes the report's commonest word that reads the same without diacritics ("veselības
apdrošināšanas"), as the search and the embedding know it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from rivs_qa.answer.subject import Vocabulary
from rivs_qa.lang import Lang
from rivs_qa.report.model import Report
from rivs_qa.search.engine import SearchEngine
from rivs_qa.textnorm import fold

MIN_LETTERS = 5
#: From this many letters on, a word may be two edits from the report's.
LONG = 8
#: A word, unless an apostrophe follows it: "shouldn't" is not "shouldn" misspelt.
_WORD = re.compile(r"\b[^\W\d_]+\b(?!['’])")


class Speller:
    """Mends misspelt words of English questions against the report's words."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        words: Iterable[str] | None = None,
        accented: Mapping[str, str] | None = None,
    ) -> None:
        """``accented``: per folded word, the report's commonest Latvian word with
        diacritics that folds to it (:func:`accented_forms`)."""
        self.vocabulary = vocabulary
        candidates = vocabulary.words if words is None else words
        self.words = [w for w in candidates if len(w) >= MIN_LETTERS - 1]
        self.accented = accented or {}

    @classmethod
    def of(cls, vocabulary: Vocabulary, report: Report, engine: SearchEngine) -> Speller:
        """A speller whose candidates are the English words of the report's passages, of
        the country names and of the glossary (``vocabulary``: the report's every word)."""
        english = Vocabulary.of(
            [t for c in engine.chunks for t in (c.text_en, c.context_en) if t]
            + [c.name_en for c in report.countries]
            + list(engine.glossary.entries)
        )
        latvian = [t for c in engine.chunks for t in (c.text, c.context) if t]
        return cls(vocabulary, english.words, accented_forms(latvian))

    def mend(self, question: str, lang: Lang) -> str:
        """``question`` with each misspelt word replaced by the report's word, a Latvian
        one's words typed without diacritics given theirs (see the module docstring)."""
        if lang != "en":
            return _WORD.sub(lambda m: self.accent(m.group()), question)
        return _WORD.sub(lambda m: self.word(m.group()), question)

    def accent(self, word: str) -> str:
        """The report's word ``word`` is typed without diacritics, or ``word`` itself."""
        found = self.accented.get(word.lower()) if word.isascii() else None
        if found is None:
            return word
        return found[:1].upper() + found[1:] if word[:1].isupper() else found

    def word(self, word: str) -> str:
        """The report's word ``word`` misspells, or ``word`` itself."""
        if len(word) < MIN_LETTERS or not word.islower() or self.vocabulary.has(word):
            return word
        if simplemma.is_known(word, lang="en"):
            return word
        limit = 2 if len(word) >= LONG else 1
        found = process.extract(
            fold(word), self.words, scorer=DamerauLevenshtein.distance,
            score_cutoff=limit, limit=3,
        )  # fmt: skip
        if not found:
            return word
        best = min(distance for _, distance, _ in found)
        nearest = [w for w, distance, _ in found if distance == best]
        return nearest[0] if len(nearest) == 1 else word


def accented_forms(texts: Iterable[str]) -> dict[str, str]:
    """Per folded word, the commonest word of ``texts`` with diacritics that folds to it,
    for the folded words the texts never write without diacritics ("gada" is a word of
    its own, so it is not "gadā")."""
    counts = Counter(w.lower() for t in texts for w in _WORD.findall(t))
    plain = {w for w in counts if w.isascii()}
    best: dict[str, tuple[int, str]] = {}
    for w, n in counts.items():
        folded = fold(w)
        if folded == w or folded in plain:
            continue
        if folded not in best or n > best[folded][0]:
            best[folded] = (n, w)
    return {folded: w for folded, (_, w) in best.items()}
