"""Turn text into the terms BM25 counts: lowercase, lemmatise, stem (Latvian), fold diacritics.

One analyser serves the index and the queries, so a query term matches a report term exactly
when both reduce to the same key:

- Latvian: ``simplemma`` lemma (it knows ~164k forms but misses many inflections, e.g.
  "mājokļiem", "romiem"); infinitives and action nouns to their shared root
  (``lv_verb_root``: "uzlabot", "uzlabošana" → "uzlab"); other lemmas through a light suffix
  stemmer (Kreslins 2003, the algorithm of
  Lucene's ``LatvianStemmer``) so that forms simplemma misses still meet their lemma, then the
  diacritics folded with ``rivs_qa.textnorm.fold`` ("bērni" and "berni" give the same key:
  people often type Latvian without them).
- English: ``simplemma`` lemma, folded; no stemming (English only reaches this index through
  the English renderings of structured items).

Stopwords (small function-word lists) and pure punctuation are dropped; ASCII numbers are kept
because questions about figures name them. Lookups are cached: a query costs microseconds.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Literal

from rivs_qa.textnorm import fold

Lang = Literal["lv", "en"]

#: Recorded in the index manifest: change it whenever a key could come out differently.
ANALYZER_VERSION = (
    "lemma+verbroot+resultnouns+superlatives+kreslins+textnorm-fold/4+fields-lv-en-names"
    "+stems+reflexives"
)

# Letter runs, or ASCII digit runs ("16–64" -> "16", "64"; the report's "٠" bullets are
# Arabic-Indic digits and must not become terms).
_TOKEN_RE = re.compile(r"[0-9]+|[^\W\d_]+")


_LV_STOPWORDS_RAW = """
un ir ar par uz no kas ka kā vai arī tas tā to tie tās tos tai tam tām tiem ko kuri kuras
kurā kurās kurš kura kuru kuriem kurām kurus šo šī šis šie šīs šajā šajos šā šādi šādas šāda
šāds šādiem šādus bet jo lai pie pēc līdz gan ne nav bija būt būs tiek tika tiks var
viņu viņiem viņa viņš viņi viņas savu savā sava savas savus tad tikai vēl cik kad kur
kāpēc kādi kāda kādas kāds kādus kādā kam kuram kurai ja tomēr proti piem u c utt tostarp
citu starp kopš bez pret caur
"""
_EN_STOPWORDS_RAW = """
a an the of in on at to for from by with about into over under and or but not no nor
is are was were be been being am do does did doing done have has had having will would
shall should can could may might must what which who whom whose when where why how
this that these those it its they them their there here i me my we our you your he she
his her as than then so if also any each such some other more most much many very
itself themselves himself herself myself yourself yourselves ourselves
"""


# Folded stopwords that are also country codes the report uses ("šī" folds to Slovenia's SI).
_NOT_STOPWORDS = frozenset({"si"})


def _stopwords(raw: str) -> frozenset[str]:
    words = raw.split()
    return frozenset(words) | (frozenset(fold(w) for w in words) - _NOT_STOPWORDS)


_STOPWORDS: dict[str, frozenset[str]] = {
    "lv": _stopwords(_LV_STOPWORDS_RAW),
    "en": _stopwords(_EN_STOPWORDS_RAW),
}


def tokenize(text: str) -> list[str]:
    """Lowercase word and number tokens; punctuation and one-letter debris dropped."""
    return [t for t in _TOKEN_RE.findall(text.lower()) if len(t) > 1 or t.isdigit()]


# --- Latvian light stemmer ------------------------------------------------------------------
# Kreslins, "A stemming algorithm for Latvian" (PhD thesis, Loughborough 2003), as implemented
# in Lucene's LatvianStemmer: strip the longest matching noun/adjective ending provided the
# word keeps more than `min_vowels` vowels and at least 3 characters; endings that follow a
# palatalised consonant undo the palatalisation ("mājokļu" -> "mājokl", like "mājoklis").
_LV_AFFIXES: tuple[tuple[str, int, bool], ...] = (
    ("ajiem", 3, False),
    ("ajai", 3, False),
    ("ajam", 2, False),
    ("ajām", 2, False),
    ("ajos", 2, False),
    ("ajās", 2, False),
    ("iem", 2, True),
    ("ajā", 2, False),
    ("ais", 2, False),
    ("ai", 2, False),
    ("ei", 2, False),
    ("ām", 1, False),
    ("am", 1, False),
    ("ēm", 1, False),
    ("īm", 1, False),
    ("im", 1, False),
    ("um", 1, False),
    ("us", 1, True),
    ("as", 1, False),
    ("ās", 1, False),
    ("es", 1, False),
    ("os", 1, True),
    ("ij", 1, False),
    ("īs", 1, False),
    ("ēs", 1, False),
    ("is", 1, False),
    ("ie", 1, False),
    ("u", 1, True),
    ("a", 1, True),
    ("i", 1, True),
    ("e", 1, False),
    ("ā", 1, False),
    ("ē", 1, False),
    ("ī", 1, False),
    ("ū", 1, False),
    ("o", 1, False),
    ("s", 0, False),
    ("š", 0, False),
)
_LV_VOWELS = frozenset("aeiouāēīū")
_UNPALATALIZE = (
    ("šņ", "sn"),
    ("žņ", "zn"),
    ("šļ", "sl"),
    ("žļ", "zl"),
    ("ļņ", "ln"),
    ("ļļ", "ll"),
)


def _unpalatalize(stem: str, removed: str) -> str:
    if removed == "u":  # genitive plural of declensions 2, 5, 6
        if stem.endswith("kš"):
            return stem[:-2] + "kst"
        if stem.endswith("ņņ"):
            return stem[:-2] + "nn"
    if stem[-2:] in ("pj", "bj", "mj", "vj"):  # labial + j
        return stem[:-1]
    for palatal, plain in _UNPALATALIZE:
        if stem.endswith(palatal):
            return stem[:-2] + plain
    last = stem[-1:]
    if last in ("č", "ļ", "ņ"):
        return stem[:-1] + {"č": "c", "ļ": "l", "ņ": "n"}[last]
    return stem


def lv_stem(word: str) -> str:
    """Strip one Latvian inflectional ending (lowercase input)."""
    vowels = sum(c in _LV_VOWELS for c in word)
    for affix, min_vowels, palatalizes in _LV_AFFIXES:
        if vowels > min_vowels and len(word) >= len(affix) + 3 and word.endswith(affix):
            stem = word[: -len(affix)]
            return _unpalatalize(stem, affix) if palatalizes else stem
    return word


# --- Latvian verbs and their action nouns ---------------------------------------------------
# The report's tables and priorities name measures with infinitives ("Uzlabot skolotāju
# apmācību", "Veicināt ārpusskolas nodarbības") while questions and prose use the action noun
# of the same verb ("skolotāju apmācības uzlabošanai", "veicināšana"). Latvian derives every
# action noun regularly from the infinitive: drop "-t" (or reflexive "-ties"), add "-šana"
# (uzlabot → uzlabošana, atbalstīt → atbalstīšana, pārtraukt → pārtraukšana). Both are
# reduced to the bare root (the infinitive without its "-t" and theme vowel), so they share
# a key; the root also meets the noun whose stem it is ("atbalstīt" and "atbalsts" →
# "atbalst"). Only lemmas, never inflected forms, reach this rule, and a Latvian lemma that
# ends in "-t" is an infinitive (nouns end in -s, -š, -a, -e, -is, -us).
_LV_THEME_VOWELS = "āēīo"
_LV_MIN_ROOT = 3
# every case of an action noun, singular and plural; matched on the word itself because
# simplemma mangles some nominatives ("apkarošana" → "apkarost")
_LV_ACTION_NOUN = re.compile(r"šan(?:a|as|ai|u|ā|ām|ās)$")


# A result noun is as regular: the infinitive's stem, its theme vowel and "-jums"
# (meklēt → meklējums, ieguldīt → ieguldījums, secināt → secinājums, uzlabot →
# uzlabojums), every case of it too, as simplemma leaves some ("meklējumiem"). Its root
# must be longer than the action noun's: "gadījums" (case) is no "gads" (year), "ziņojums"
# (a report) no "ziņot" (to report), which the questions' frame reads on its own.
_LV_RESULT_NOUN = re.compile(r"[āēīo]jum(?:s|a|am|u|ā|i|iem|us|os|)$")
_LV_MIN_RESULT_ROOT = 4


def lv_verb_root(lemma: str) -> str | None:
    """The root of a Latvian infinitive, action noun or result noun ("uzlabošanai",
    "uzlabošana", "uzlabojums", "uzlabot" → "uzlab"); ``None`` when the word is none."""
    result = _LV_RESULT_NOUN.search(lemma)
    if result:
        root = lemma[: result.start()]
        return root if len(root) >= _LV_MIN_RESULT_ROOT else None
    noun = _LV_ACTION_NOUN.search(lemma)
    if noun:
        root = lemma[: noun.start()]
    elif lemma.endswith("ties"):
        root = lemma[:-4]
    elif lemma.endswith("t") and len(lemma) >= 5:
        root = lemma[:-1]
    else:
        return None
    if root[-1:] in _LV_THEME_VOWELS:
        root = root[:-1]
    return root if len(root) >= _LV_MIN_ROOT else None


# --- Latvian superlatives -------------------------------------------------------------------
# A superlative is the comparative ("-āk-") with the prefix "vis-": "vismazāk" (least),
# "vislielākais" (largest), "visplašāk" (most widely). simplemma leaves most of them as they
# are, so "vismazāk daudzsološu pieeju" never met a question's "maz" (few). The base's
# stem is the positive's ("mazs" → "maz"): the prefix and the comparative suffix go, and
# whatever adjectival ending followed. Comparatives without "vis-" are left alone: some are
# nouns of their own ("vecāki", parents, is not "vecs", old).
_LV_SUPERLATIVE = re.compile(
    r"^vis(?P<base>\w{3,}?)āk(?:s|ais|ā|ie|ās|o|ai|am|ajam|ajā|ajai|ajiem|ajām|ajos|ajās|as|i|u|)$"
)


def lv_superlative_base(lemma: str) -> str | None:
    """The positive's stem of a Latvian superlative ("vismazākais", "vismazāk" → "maz");
    ``None`` for any other word."""
    match = _LV_SUPERLATIVE.match(lemma)
    return match.group("base") if match else None


# --- terms ----------------------------------------------------------------------------------
@cache
def _lemmatizer():  # type: ignore[no-untyped-def]
    import simplemma  # imported on first use: it loads its dictionaries lazily anyway

    return simplemma.lemmatize


@lru_cache(maxsize=200_000)
def term_key(token: str, lang: Lang) -> str | None:
    """The index key of one lowercase token, or ``None`` for a stopword."""
    stop = _STOPWORDS[lang]
    if token in stop:
        return None
    if token.isdigit():
        return token
    derived = lv_verb_root(token) if lang == "lv" and _LV_RESULT_NOUN.search(token) else None
    if derived:
        lemma = derived
    elif lang == "lv" and _LV_ACTION_NOUN.search(token):
        lemma = lv_verb_root(token) or token
    else:
        lemma = _lemmatizer()(token, lang=lang).lower()
        if lang == "lv":
            lemma = lv_verb_root(lemma) or lv_superlative_base(lemma) or lv_stem(lemma)
    key = fold(lemma)
    return None if key in stop else key


def lemmatize_tokens(text: str, lang: Lang) -> list[str]:
    """Index keys of ``text`` in order, stopwords dropped (duplicates kept: BM25 counts them)."""
    return list(_text_keys(text, lang))


@lru_cache(maxsize=20_000)
def key_set(text: str, lang: Lang) -> frozenset[str]:
    """The distinct index keys of ``text``: what matching a sentence against a question's
    keys reads, for the same sentences many times a turn."""
    return frozenset(_text_keys(text, lang))


@lru_cache(maxsize=20_000)
def _text_keys(text: str, lang: Lang) -> tuple[str, ...]:
    # Cached: an answer turn reads the keys of the same passages for several candidates.
    keys = (term_key(t, lang) for t in tokenize(text))
    return tuple(k for k in keys if k)


def fold_token(token: str) -> str:
    """Diacritic-free form of a token, used to find the report's spelling of a bare query word."""
    return fold(token)


def warm_up() -> None:
    """Load the lemmatiser dictionaries (~0.2 s each) before the first query needs them."""
    lemmatize_tokens("romu bērni", "lv")
    lemmatize_tokens("roma children", "en")
