"""Text folding shared by country matching, language detection and lexical search.

``fold`` makes "Spānijā", "SPĀNIJĀ" and "spanija" comparable: people type Latvian with and
without diacritics, so every matcher folds both the data and the query. Standard library only.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters whose accent is not a combining mark, so NFKD leaves them alone.
# Latvian needs none of these; they cover names typed from other EU languages (Łódź, Đakovo).
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ı": "i", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe", "ð": "d"}
)


@lru_cache(maxsize=1 << 16)  # words and letters recur: the same few thousand, every question
def fold(text: str) -> str:
    """Casefold and strip diacritics: ``fold("Ģimenē ŠĶĒRSĻI") == "gimene skersli"``.

    NFKD splits "ā" into "a" + a combining macron, which is then dropped; it also unfolds
    compatibility forms (ligatures, full-width letters). Length may change ("ß" -> "ss");
    use ``fold_map`` when positions in the original text matter.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_UNDECOMPOSABLE)


def fold_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index of the source character.

    Lets a match found in folded text be reported at its place in the original text.
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        folded = fold(char)
        out.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(out), offsets
