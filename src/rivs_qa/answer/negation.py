"""Negation and exception cues, English and Latvian: "did not", "izņemot", and a Latvian
verb negated by its "ne-" prefix ("neiesniedza"). Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: Words that negate or except, English and Latvian; a Latvian verb negated by its "ne-"
#: prefix counts when the word without it is one the report uses (``negated``).
NEGATION_EN = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "neither",
        "nor",
        "without",
        "except",
        "excluding",
        "n't",
        "didn't",
        "don't",
        "doesn't",
        "haven't",
        "hasn't",
    }
)
NEGATION_LV = frozenset(
    {"ne", "nav", "nebija", "bez", "izņemot", "neviens", "neviena", "nevienu", "nekad", "nedz"}
)


def negated(words: Sequence[str], lang: str, known: Callable[[str], bool]) -> bool:
    """Whether lower-cased ``words`` in ``lang`` negate or except: a cue word, or a Latvian
    "ne-" word whose rest is a word ``known`` to the report ("neiesniedza" ← "iesniedza")."""
    if lang == "en":
        return any(word in NEGATION_EN or word.endswith("n't") for word in words)
    for word in words:
        if word in NEGATION_LV:
            return True
        if word.startswith("ne") and len(word) > 5 and known(word[2:]):
            return True
    return False


_WORD = re.compile(r"[\w']+")
#: A sentence with a cue word, in either language: the sentences a negated question
#: ("Which countries did not report …?") is preferably answered by. "no" is left out: in
#: Latvian it is "from".
CUES = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(sorted((NEGATION_EN | NEGATION_LV) - {"no"}, key=len, reverse=True))
    + r")(?![\w'])|\w+n't\b",
    re.IGNORECASE,
)


def text_negated(text: str, lang: str, known: Callable[[str], bool]) -> bool:
    """Whether ``text`` in ``lang`` (a question, a claim) negates or excepts."""
    return negated([w.lower() for w in _WORD.findall(text)], lang, known)


def claim_negated(text: str, text_en: str, lang: str, known: Callable[[str], bool]) -> bool:
    """Whether a claim of the report negates or excepts, read in the question's language
    (its English translation for an English question, when it has one)."""
    english = lang == "en" and bool(text_en)
    return text_negated(text_en if english else text, "en" if english else "lv", known)
