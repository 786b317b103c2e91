"""How well the report's words meet a question's: IDF weights of lemma keys over the
chunks, a sentence's score, and the best-matching sentence(s) of a passage to quote."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping

from rivs_qa.lang import Lang
from rivs_qa.search.lemmas import key_set, lemmatize_tokens
from rivs_qa.text import split_sentences

#: How much more a sentence ``best_quote`` is told to prefer scores.
PREFERRED = 1.5
#: Words that give a reason, a cause, a consequence or a purpose, in either language: the
#: sentences a why or how-should question is answered by ("… ir nepietiekams, tādējādi
#: ierobežojot …", "… in order to achieve …").
REASONS = re.compile(
    r"\b(?:jo|tāpēc|tādēļ|tādējādi|lai|dēļ|tā kā|rezultātā|iemesl\w*|cēlo\w*|"
    r"because|since|therefore|thus|thereby|due to|owing to|in order to|so that|as a result|"
    r"reasons?|caus\w*)\b",
    re.IGNORECASE,
)

#: A fraction in Latvian words: "trešdaļa", "piektā daļa".
FRACTION_LV = r"(?:treš|ceturt|piekt|sest|desmit)(?:daļ\w*|\w* daļ\w*)"
#: Words that state a share, in either language: the sentences a question asking a share is
#: answered by ("36 % no visiem …", "Tikai piektā daļa pasākumu …", "a fifth").
SHARES = re.compile(
    r"%|\bprocent\w*|\bper ?cent\w*|\b(?:puse|pusei|pusi|half)\b|"
    rf"{FRACTION_LV}|\b(?:third|quarter|fifth|tenth)s?\b",
    re.IGNORECASE,
)


def document_frequencies(key_sets: Iterable[set[str]]) -> tuple[int, dict[str, int]]:
    """How many documents there are, and in how many of them each key occurs."""
    df: dict[str, int] = {}
    n = 0
    for keys in key_sets:
        n += 1
        for key in keys:
            df[key] = df.get(key, 0) + 1
    return n, df


def key_weights(texts: Iterable[str], lang: Lang = "lv") -> dict[str, float]:
    """Inverse document frequency of each lemma key over ``texts`` (the chunks):
    ``log(1 + N / df)``, so a word in every passage ("romi") counts little and a rare one
    ("efektīvs") decides which sentence answers."""
    n, df = document_frequencies(set(lemmatize_tokens(t, lang)) for t in texts)
    return {k: math.log(1 + n / d) for k, d in df.items()}


def sentence_score(
    sentence: str, keys: set[str], weights: Mapping[str, float], lang: Lang = "lv"
) -> float:
    """Summed weight of the query keys the sentence contains (unknown keys weigh 1). The
    sum is exact (``math.fsum``), so two sentences holding the same keys tie whatever order
    a set gives them in (a plain sum's last bit depends on it, and so on the hash seed)."""
    shared = keys & key_set(sentence, lang)
    if len(shared) < 2:  # most sentences share one key or none: no sum to order
        return weights.get(next(iter(shared)), 1.0) if shared else 0.0
    return math.fsum([weights.get(k, 1.0) for k in shared])


def best_quote(
    text: str,
    query_keys: Iterable[str],
    weights: Mapping[str, float] | None = None,
    max_sentences: int = 2,
    english: Callable[[str], str] | None = None,
    weights_en: Mapping[str, float] | None = None,
    prefer: re.Pattern[str] | None = None,
) -> tuple[str, float]:
    """The sentence(s) of ``text`` that best match the query, and their score.

    Each sentence scores the summed weight of the distinct query keys it contains; the best
    is taken, plus the next sentence when it also matches (an answer often runs over two).
    A passage with no overlap is quoted from its start. For an English question,
    ``english`` gives each Latvian sentence's translation, whose English keys count too
    (weighed by ``weights_en``): the question's words meet the translation directly. A
    matching sentence that ``prefer`` finds (in either language) scores ``PREFERRED`` times
    as much.
    """
    keys = set(query_keys)
    weights = weights or {}
    sentences = split_sentences(text) or [text.strip()]
    scores = [sentence_score(s, keys, weights) for s in sentences]
    translated = [english(s) for s in sentences] if english is not None else []
    if translated:
        en_weights = weights_en or {}
        scores = [
            score + sentence_score(en, keys, en_weights, "en")
            for en, score in zip(translated, scores, strict=True)
        ]
    if prefer is not None:
        said = (
            [f"{s} {en}" for s, en in zip(sentences, translated, strict=True)]
            if translated
            else sentences
        )
        scores = [
            score * PREFERRED if score > 0 and prefer.search(text) else score
            for text, score in zip(said, scores, strict=True)
        ]
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    chosen = [best]
    if max_sentences > 1 and best + 1 < len(sentences) and scores[best + 1] > 0:
        chosen.append(best + 1)
    return " ".join(sentences[i] for i in chosen), scores[best]
