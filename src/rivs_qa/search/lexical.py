"""BM25 over lemma keys (bm25s), plus the English→Latvian glossary that lets English queries in.

The report is Latvian, so an English query shares no words with it apart from numbers, codes
and the English renderings of structured items. ``Glossary`` rewrites English domain terms
("early school leaving") into the report's Latvian keys ("priekšlaicīga mācību
pārtraukšana") so BM25 has something to match; what is not in the glossary stays unseen.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

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

#: BM25 term-frequency saturation and length normalisation (Robertson & Zaragoza, "The
#: Probabilistic Relevance Framework: BM25 and Beyond", 2009): the Lucene/bm25s defaults.
#: Lower b (0.3-0.5) favours the long table-row chunks a little for Latvian queries and costs
#: English ones as much on the development questions, so the defaults stay.
K1 = 1.5
B = 0.75
#: Letters a "ne"-prefixed Latvian word must exceed to be read as a negated verb ("neviens"
#: and "nebija" are words of their own).
NEGATED_MIN = 6
_NEGATIVE_PRONOUNS = ("nevien", "nekas", "neko", "nekad", "nekur", "nekād")
#: Latvian verb prefixes, longest first: "iesniedza" is "sniedza" with "ie".
_VERB_PREFIXES = ("aiz", "pār", "pie", "ap", "at", "ie", "iz", "no", "pa", "sa", "uz")
#: Letters a verb must keep once its prefix is taken off.
VERB_MIN = 5

#: Words a question uses to point at the document itself ("What does the report say about
#: …", "Ko ziņojums saka par …"). Every passage is "in the report", so they tell BM25 nothing
#: about which one is meant, yet "ziņojums"/"ziņot" are rare enough in the text to outvote the
#: question's real subject. Dropped from queries only (the report's own sentences keep them).
QUESTION_STOPWORDS: dict[Lang, tuple[str, ...]] = {
    "lv": ("ziņojums", "saka", "teikts", "dokuments"),
    "en": ("report", "say", "tell", "document"),
}

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
    def load(cls, path: Path) -> Glossary:
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

    ``terms`` are all its keys; ``coverage`` is the share of the query's content words BM25 can
    read: 1.0 for Latvian, for English the share the glossary translated (0.0 when it knew
    none of them). ``lv`` / ``en`` split the keys by the field they are looked up in: a
    Latvian query and the glossary's translations read the Latvian words of the report, the
    English words of an English query read the English renderings.
    """

    terms: list[str]
    coverage: float
    lv: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


#: The fields of every chunk: its Latvian and English words, each analysed in its own
#: language, and the names of the countries it lists (both languages' analysers).
FIELDS: tuple[str, ...] = ("lv", "en", "names")


class LexicalIndex:
    """BM25 (bm25s) over pre-analysed chunks, one index per language field; row ``i`` is
    chunk ``i`` in both.

    Why two fields rather than one bag of keys: the English rendering of a structured item is
    as long as its Latvian text, so in one bag it would double the item's length and halve
    what its Latvian words weigh against a short paragraph (BM25's length normalisation),
    and Latvian and English keys would share one document-frequency table. Each field has
    its own lengths and IDF; a query's score is the sum over fields of BM25 of the keys it
    sends there (Robertson, Zaragoza & Taylor, "Simple BM25 extension to multiple weighted
    fields", CIKM 2004, discuss why per-field scores are a cruder but adequate stand-in for
    BM25F when the fields hold different languages and never share a key).

    ``forms`` maps every word form of the report, diacritics folded, to its key, so a query
    typed without diacritics ("dzivo") meets the key of the report's form ("dzīvo" → dzīvot)
    even where the lemmatiser cannot recognise the bare spelling. ``stems`` does the same
    for forms the report does not use: the bare stem of a folded form ("apdrosinasan", from
    "apdrosinasanas") → the key of the report's word, so "apdrosinasana" meets
    "apdrošināšanas" too.
    """

    def __init__(
        self, fields: Mapping[str, Any], forms: dict[str, str], stems: dict[str, str] | None = None
    ) -> None:
        """``fields``: one fitted ``bm25s.BM25`` per name in ``FIELDS``."""
        if set(fields) != set(FIELDS):
            raise ValueError(f"expected fields {FIELDS}, got {sorted(fields)}")
        self._fields = dict(fields)
        self._forms = forms
        self._stems = stems or {}
        self._vocab: dict[str, dict[str, int]] = {
            name: bm25.vocab_dict for name, bm25 in fields.items()
        }
        counts = {int(bm25.scores["num_docs"]) for bm25 in fields.values()}
        if len(counts) != 1:
            raise ValueError(f"BM25 fields disagree on the number of documents: {sorted(counts)}")
        self._num_docs = counts.pop()

    @staticmethod
    def field_terms(chunk: Chunk) -> dict[str, list[str]]:
        """What BM25 counts per field: Latvian keys of the chunk's context and text, English
        keys of its English rendering and English context, and the keys (Latvian and English
        analysis) of the names of the countries it lists. Names get a field of their own so
        that BM25's length normalisation favours an item about Italy alone over a table row
        naming Italy among fifteen countries, whatever the lengths of their texts."""
        lv = lemmatize_tokens(" ".join(p for p in (chunk.context, chunk.text) if p), "lv")
        en = lemmatize_tokens(" ".join(p for p in (chunk.text_en, chunk.context_en) if p), "en")
        names = chunk.keywords or ""
        keys = lemmatize_tokens(names, "lv") + lemmatize_tokens(names, "en")
        return {"lv": lv, "en": en, "names": list(dict.fromkeys(keys))}

    @classmethod
    def build(cls, chunks: Sequence[Chunk], k1: float = K1, b: float = B) -> LexicalIndex:
        import bm25s  # type: ignore[import-untyped]

        per_chunk = [cls.field_terms(c) for c in chunks]
        fields: dict[str, Any] = {}
        for name in FIELDS:
            bm25 = bm25s.BM25(k1=k1, b=b)
            # bm25s cannot index an empty document; "" is a key no query produces
            bm25.index([terms[name] or [""] for terms in per_chunk], show_progress=False)
            fields[name] = bm25
        forms, stems = _form_tables(
            f"{c.context or ''} {c.text} {c.keywords or ''}" for c in chunks
        )
        return cls(fields, forms, stems)

    def __len__(self) -> int:
        return self._num_docs

    def query_terms(self, query: str, lang: Lang, glossary: Glossary | None = None) -> QueryTerms:
        """Distinct keys of a query; English ones include the glossary's Latvian translations."""
        skip = _question_stopwords(lang)
        if lang == "lv":
            terms = []
            for token in tokenize(query):
                key = None
                if token.isascii():
                    bare = term_key(token, "lv")
                    key = self._forms.get(token) or (self._stems.get(bare) if bare else None)
                key = key or term_key(token, "lv")
                key = self._reports_verb(token, key)
                if key and key not in skip:
                    terms.append(key)
            lv = list(dict.fromkeys(terms))
            return QueryTerms(lv, 1.0, tuple(lv), ())
        english = [k for k in lemmatize_tokens(query, "en") if k not in skip]
        latvian, covered = glossary.translate(english) if glossary else ([], 0)
        coverage = covered / len(english) if english else 0.0
        en = list(dict.fromkeys(english))
        # numbers and codes are the same words in both languages
        lv = list(dict.fromkeys([*latvian, *(t for t in en if t.isdigit())]))
        return QueryTerms(list(dict.fromkeys([*en, *lv])), coverage, tuple(lv), tuple(en))

    def _reports_verb(self, token: str, key: str | None) -> str | None:
        """A Latvian verb the report never writes in this form, read as the report's verb:
        negated by its "ne" prefix ("nesniedza", "neziņoja"), a past-tense verb with a
        prefix of its own ("iesniedza"), or both ("neiesniedza") → "sniedza", when the
        report has that verb. Negative pronouns ("neviens", "nekad") stay as they are; the
        question's negation is read from its words on its own."""
        lower = token.lower()
        if key in self._vocab["lv"] or len(lower) <= NEGATED_MIN:
            return key
        rest = lower
        if lower.startswith("ne") and not lower.startswith(_NEGATIVE_PRONOUNS):
            rest = lower[2:]
            bare = term_key(rest, "lv")
            if bare in self._vocab["lv"]:
                return bare
        # a past-tense verb ends in "-a" ("iesniedza", "nosūtīja"); "paredzamais" is no
        # "redzamais" with "pa"
        for prefix in _VERB_PREFIXES if rest.endswith("a") else ():
            if rest.startswith(prefix) and len(rest) - len(prefix) >= VERB_MIN:
                bare = term_key(rest[len(prefix) :], "lv")
                if bare in self._vocab["lv"]:
                    return bare
        return key

    def scores(self, terms: Iterable[str] | QueryTerms) -> np.ndarray:
        """BM25 score of every chunk (zeros where no key occurs).

        A ``QueryTerms`` sends each key to its field; bare keys are looked up in both.
        """
        if isinstance(terms, QueryTerms):
            per_field = {"lv": terms.lv, "en": terms.en, "names": (*terms.lv, *terms.en)}
        else:
            keys = tuple(terms)
            per_field = {"lv": keys, "en": keys, "names": keys}
        total = np.zeros(self._num_docs, dtype=np.float32)
        for name, keys in per_field.items():
            vocab = self._vocab[name]
            ids = [vocab[t] for t in keys if t in vocab]
            if ids:
                total += self._fields[name].get_scores_from_ids(ids)
        return total

    def save(self, folder: Path) -> None:
        for name, bm25 in self._fields.items():
            bm25.save(str(folder / name), show_progress=False)
        (folder / _FORMS_FILE).write_text(
            json.dumps(
                {"forms": self._forms, "stems": self._stems}, ensure_ascii=False, sort_keys=True
            ),
            encoding="utf-8",
        )
        (folder / _META_FILE).write_text(
            json.dumps({"analyzer": ANALYZER_VERSION, "fields": list(FIELDS)}), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read a folder written by ``save``; raises ValueError if its analyser differs."""
        import bm25s  # type: ignore[import-untyped]

        meta = json.loads((folder / _META_FILE).read_text(encoding="utf-8"))
        if meta.get("analyzer") != ANALYZER_VERSION or meta.get("fields") != list(FIELDS):
            raise ValueError(
                f"BM25 index built with analyser {meta.get('analyzer')!r} and fields "
                f"{meta.get('fields')!r}, this code uses {ANALYZER_VERSION!r} and {list(FIELDS)!r}"
            )
        tables = json.loads((folder / _FORMS_FILE).read_text(encoding="utf-8"))
        fields: dict[str, Any] = {
            name: bm25s.BM25.load(str(folder / name), show_progress=False) for name in FIELDS
        }
        return cls(fields, tables["forms"], tables["stems"])


@cache
def _question_stopwords(lang: Lang) -> frozenset[str]:
    return frozenset(k for word in QUESTION_STOPWORDS[lang] for k in lemmatize_tokens(word, lang))


def _form_tables(texts: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """``forms``: folded word form → key of its most frequent spelling in the report, where
    the bare spelling's key differs. ``stems``: that bare key (the stem of a folded form,
    "apdrosinasan" from "apdrosinasanas") → the report word's key, for forms the report does
    not use ("apdrosinasana"); a stem two different words share is left out."""
    by_folded: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for token in tokenize(text):
            by_folded[fold_token(token)][token] += 1
    forms: dict[str, str] = {}
    by_stem: dict[str, set[str]] = defaultdict(set)
    for folded, spellings in by_folded.items():
        key = term_key(spellings.most_common(1)[0][0], "lv")
        bare = term_key(folded, "lv")
        if key and key != bare:  # only where the bare spelling misses
            forms[folded] = key
            if bare:
                by_stem[bare].add(key)
    stems = {stem: keys.pop() for stem, keys in by_stem.items() if len(keys) == 1}
    return forms, stems
