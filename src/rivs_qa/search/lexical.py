"""BM25 over lemma keys (bm25s), plus the English→Latvian glossary that lets English queries in.

The report is Latvian, so an English query shares no words with it apart from numbers, codes
and the English renderings of structured items. ``Glossary`` rewrites English domain terms
("early school leaving") into the report's Latvian keys ("priekšlaicīga mācību
pārtraukšana") so BM25 has something to match; what is not in the glossary stays unseen.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from rivs_qa.search.lemmas import (
    ANALYZER_VERSION,
    Lang,
    fold_token,
    lemmatize_tokens,
    term_key,
    tokenize,
)
from rivs_qa.search.model import Chunk

DEFAULT_GLOSSARY = Path(__file__).resolve().parents[3] / "corpus" / "glossary_en_lv.json"

#: BM25 term-frequency saturation and length normalisation (Robertson & Zaragoza, "The
#: Probabilistic Relevance Framework: BM25 and Beyond", 2009): the Lucene/bm25s defaults.
#: Lower b (0.3-0.5) favours the long table-row chunks a little for Latvian queries and costs
#: English ones as much on the development questions, so the defaults stay.
K1 = 1.5
B = 0.75

_FORMS_FILE = "forms.json"
_META_FILE = "lexical.json"


class Glossary:
    """English phrase → Latvian keys, matched greedily, longest phrase first.

    Keys are analysed like English queries (lowercase, lemmatised, stopwords out), so
    "vaccinations" finds the entry "vaccination"; values are analysed as Latvian.
    """

    def __init__(self, entries: dict[str, list[str]]) -> None:
        self.entries = entries
        table: dict[tuple[str, ...], list[str]] = {}
        for english, latvian in entries.items():
            phrase = tuple(lemmatize_tokens(english, "en"))
            if not phrase:
                raise ValueError(f"glossary key {english!r} has only stopwords")
            keys = table.setdefault(phrase, [])
            for value in latvian:
                keys.extend(k for k in lemmatize_tokens(value, "lv") if k not in keys)
        self._table = table
        self._longest = max((len(p) for p in table), default=0)

    @classmethod
    def load(cls, path: Path = DEFAULT_GLOSSARY) -> Glossary:
        """Read ``{"english": "latviešu" | ["a", "b"]}``; keys starting with "_" are comments."""
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = {
            key.lower(): [value] if isinstance(value, str) else list(value)
            for key, value in raw.items()
            if not key.startswith("_")
        }
        return cls(entries)

    @classmethod
    def empty(cls) -> Glossary:
        return cls({})

    def translate(self, english_keys: Sequence[str]) -> tuple[list[str], int]:
        """Latvian keys for the glossary phrases found in an analysed English query, and how
        many of the English keys those phrases covered."""
        out: list[str] = []
        covered = 0
        i = 0
        while i < len(english_keys):
            for n in range(min(self._longest, len(english_keys) - i), 0, -1):
                keys = self._table.get(tuple(english_keys[i : i + n]))
                if keys is not None:
                    out.extend(keys)
                    covered += n
                    i += n
                    break
            else:
                i += 1
        return out, covered

    def __len__(self) -> int:
        return len(self.entries)


class QueryTerms(NamedTuple):
    """A query as BM25 sees it.

    ``coverage`` is the share of the query's content words BM25 can read: 1.0 for Latvian,
    for English the share the glossary translated (0.0 when it knew none of them).
    """

    terms: list[str]
    coverage: float


class LexicalIndex:
    """bm25s over pre-analysed chunks; row ``i`` is chunk ``i``.

    ``forms`` maps every word form of the report, diacritics folded, to its key, so a query
    typed without diacritics ("dzivo") meets the key of the report's form ("dzīvo" → dzīvot)
    even where the lemmatiser cannot recognise the bare spelling.
    """

    def __init__(self, bm25: object, forms: dict[str, str]) -> None:
        self._bm25 = bm25
        self._forms = forms
        self._vocab: dict[str, int] = bm25.vocab_dict  # type: ignore[attr-defined]
        self._num_docs = int(bm25.scores["num_docs"])  # type: ignore[attr-defined]

    @staticmethod
    def chunk_terms(chunk: Chunk) -> list[str]:
        """What BM25 counts: Latvian keys of the chunk's context and text, English keys of
        its English rendering (``Chunk.index_text`` split by language)."""
        terms = lemmatize_tokens(chunk.context, "lv") if chunk.context else []
        terms += lemmatize_tokens(chunk.text, "lv")
        if chunk.text_en:
            terms += lemmatize_tokens(chunk.text_en, "en")
        return terms

    @classmethod
    def build(cls, chunks: Sequence[Chunk], k1: float = K1, b: float = B) -> LexicalIndex:
        import bm25s  # type: ignore[import-untyped]

        corpus = [cls.chunk_terms(c) or [""] for c in chunks]
        bm25 = bm25s.BM25(k1=k1, b=b)
        bm25.index(corpus, show_progress=False)
        return cls(bm25, _form_table(f"{c.context or ''} {c.text}" for c in chunks))

    def __len__(self) -> int:
        return self._num_docs

    def query_terms(self, query: str, lang: Lang, glossary: Glossary | None = None) -> QueryTerms:
        """Distinct keys of a query; English ones include the glossary's Latvian translations."""
        if lang == "lv":
            terms = []
            for token in tokenize(query):
                key = self._forms.get(token) if token.isascii() else None
                key = key or term_key(token, "lv")
                if key:
                    terms.append(key)
            coverage = 1.0
        else:
            terms = lemmatize_tokens(query, "en")
            latvian, covered = glossary.translate(terms) if glossary else ([], 0)
            coverage = covered / len(terms) if terms else 0.0
            terms += latvian
        return QueryTerms(list(dict.fromkeys(terms)), coverage)

    def scores(self, terms: Iterable[str]) -> np.ndarray:
        """BM25 score of every chunk for these keys (zeros where none occurs)."""
        ids = [self._vocab[t] for t in terms if t in self._vocab]
        if not ids:
            return np.zeros(self._num_docs, dtype=np.float32)
        return self._bm25.get_scores_from_ids(ids)  # type: ignore[attr-defined,no-any-return]

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)  # type: ignore[attr-defined]
        (folder / _FORMS_FILE).write_text(
            json.dumps(self._forms, ensure_ascii=False, sort_keys=True), encoding="utf-8"
        )
        (folder / _META_FILE).write_text(
            json.dumps({"analyzer": ANALYZER_VERSION}), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read a folder written by ``save``; raises ValueError if its analyser differs."""
        import bm25s  # type: ignore[import-untyped]

        meta = json.loads((folder / _META_FILE).read_text(encoding="utf-8"))
        if meta.get("analyzer") != ANALYZER_VERSION:
            raise ValueError(
                f"BM25 index built with analyser {meta.get('analyzer')!r}, "
                f"this code uses {ANALYZER_VERSION!r}"
            )
        forms = json.loads((folder / _FORMS_FILE).read_text(encoding="utf-8"))
        bm25 = bm25s.BM25.load(str(folder), show_progress=False)
        return cls(bm25, forms)


def _form_table(texts: Iterable[str]) -> dict[str, str]:
    """Folded word form → key of its most frequent spelling in the report."""
    by_folded: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for token in tokenize(text):
            by_folded[fold_token(token)][token] += 1
    table = {}
    for folded, spellings in by_folded.items():
        key = term_key(spellings.most_common(1)[0][0], "lv")
        if key and key != term_key(folded, "lv"):  # only where the bare spelling misses
            table[folded] = key
    return table
