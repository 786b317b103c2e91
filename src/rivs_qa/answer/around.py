"""The sentences a quote needs from around it: a quote opening with a demonstrative or a
pronoun ("Šādi pasākumi …", "Tā ir arī joma, kurā …") names nothing alone and brings the
sentence it refers back to; a quote naming measures whose share the next sentence states
("Kopā šāda veida pasākumi veido 36 % …") brings that sentence, for a question asking a
figure. Passages of one paragraph overlap and follow each other (``search/chunks.py``), so
the sentence before or after may open or end the next or the last passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rivs_qa.answer.citations import PROSE, Citations
from rivs_qa.answer.contract import Citation
from rivs_qa.search.model import Chunk, Hit
from rivs_qa.text import split_sentences

#: A sentence opening with a demonstrative ("Šīs pieejas galvenās daļas …", "Šādi pasākumi …")
#: speaks of what the sentence before it said: quoted alone, it names nothing. "Šajā
#: ziņojumā" points at the report itself, not at a sentence.
_DEMONSTRATIVE = (
    r"Šis|Šī|Šie|Šīs|Šo|Šā|Šim|Šai|Šiem|Šīm|Šajā|Šajos|Šajās|Šād(?:s|a|i|as|u|iem|ām)"
    # the pronouns of the sentence before: "Tā ir arī joma, kurā …" ("Tā kā" is "since")
    r"|Tas|Tā(?!\s+kā\b)|Tie|Tās"
)
_REFERS_BACK = re.compile(
    rf"(?:{_DEMONSTRATIVE}"
    # a consequence drawn from the sentence before: "Tāpēc šajā jomā …", "Līdz ar to …"
    r"|Tāpēc|Tādēļ|Tādējādi|Līdz ar to)\b"
    r"(?!\s+ziņojum)"
)
#: A sentence whose first words point back at the sentence before and that states a share
#: ("Kopā šāda veida pasākumi veido 36 % …"): the figure of what the sentence before named.
_SHARE_OF_IT = re.compile(
    rf"^(?:\S+\s+){{0,2}}(?:{_DEMONSTRATIVE})\b(?!\s+ziņojum).*\d\s*%", re.IGNORECASE
)
#: How many sentences back a quote may reach for what it refers to.
ANTECEDENTS = 2


class Around:
    """The passages before and after each passage of a paragraph, and the quotes widened by
    the sentences they need from there."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self._chunks = {c.chunk_id: c for c in chunks}
        #: chunk id → the passage before it in the same paragraph
        self._before = _before(chunks)
        #: chunk id → the passage after it in the same paragraph
        self._after = {b.chunk_id: self._chunks[c] for c, b in self._before.items()}

    def with_antecedent(
        self, best: Citation, cites: Citations, hits: Sequence[Hit]
    ) -> tuple[str, str, list[int]]:
        """The best quote, and before it the sentences it refers back to when it opens with a
        demonstrative, a pronoun or a "therefore": the sentence before it in its passage, or,
        when it opens its passage, the last sentence of the paragraph's passage before, cited
        first (and the one before that, when it opens so too). Returns the quote, its English
        and the citation numbers used, in the report's order."""
        sentences = split_sentences(best.text)
        if _REFERS_BACK.match(best.quote) and best.quote in sentences[1:]:
            # the sentence it refers back to is the one before it in the same passage
            i = sentences.index(best.quote)
            chunk = self._chunks[best.chunk_id]
            best = cites.items[cites.requote(chunk, hits, f"{sentences[i - 1]} {best.quote}") - 1]
        chain: list[Citation] = [best]
        while len(chain) <= ANTECEDENTS:
            head, chunk_id = chain[0], chain[0].chunk_id
            before = self._before.get(chunk_id)
            sentences = split_sentences(head.text)
            opens = bool(sentences) and head.quote.startswith(sentences[0])
            if before is None or not opens or not _REFERS_BACK.match(head.quote):
                break
            # passages overlap: the antecedent is the last sentence this one does not repeat
            earlier = [x for x in split_sentences(before.text) if x not in sentences]
            if not earlier:
                break
            n = cites.requote(before, hits, earlier[-1])
            chain.insert(0, cites.items[n - 1])
        return (*_joined(chain), [c.n for c in chain])

    def with_share_after(
        self, cites: Citations, hits: Sequence[Hit], used: list[int]
    ) -> tuple[str, str, list[int]]:
        """The quote (citations ``used``), and after it the next sentence of its paragraph
        when that one states the share of what the quote names (``_SHARE_OF_IT``): in the
        same passage, or opening the paragraph's next one, cited after it. Returns the
        quote, its English and the citation numbers used."""
        last = cites.items[used[-1] - 1]
        chunk = self._chunks[last.chunk_id]
        sentences = split_sentences(chunk.text)
        tail = split_sentences(last.quote)[-1:]
        i = sentences.index(tail[0]) if tail and tail[0] in sentences else -1
        if 0 <= i < len(sentences) - 1:
            if _SHARE_OF_IT.match(sentences[i + 1]):
                used = [*used[:-1], cites.requote(chunk, hits, f"{last.quote} {sentences[i + 1]}")]
        elif i >= 0 and (after := self._after.get(chunk.chunk_id)) is not None:
            # passages overlap: the next sentence is the first this one does not hold
            later = [x for x in split_sentences(after.text) if x not in sentences]
            if later and _SHARE_OF_IT.match(later[0]):
                used = [*used, cites.requote(after, hits, later[0])]
        return (*_joined([cites.items[n - 1] for n in used]), used)


def _joined(chain: Sequence[Citation]) -> tuple[str, str]:
    """The quotes of ``chain`` as one, and their English."""
    return " ".join(c.quote for c in chain), " ".join(c.quote_en for c in chain if c.quote_en)


def _before(chunks: Sequence[Chunk]) -> dict[str, Chunk]:
    """Chunk id → the passage before it in the same paragraph (a paragraph's passages come
    in the report's order)."""
    return {
        chunk.chunk_id: last
        for last, chunk in zip(chunks, chunks[1:], strict=False)
        if chunk.kind in PROSE and chunk.ref_id and chunk.ref_id == last.ref_id
    }
