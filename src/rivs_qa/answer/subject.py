"""Names the report never mentions: "How many Roma live in Canada?" is not about the report.

A question's *subject words* are what is left once its ask ("how many", "kuras valstis"),
slots (domain, gender, country group), frame words and the report's country names are set
aside (``QuestionFeatures.topic_words``). A subject word written with a capital inside the
question ("Canada", "Kanādā", "Sami") names a place, people or body. When no word of the
report (its Latvian text, the English renderings, the country names) shares that name's
stem, the report cannot be about it, and the question is refused rather than answered with
the nearest passage, which would be about something else. Adjacent capitalised words are
one name, known when any of its words is ("Racial Equality Directive": "Directive").

The stem test is deliberately loose, since Latvian inflects names ("Tulūza", "Tulūzā",
"Tulūzas"): a name is known when a report word starts with its first ``STEM`` letters
(all but the last of a shorter one), diacritics folded.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rivs_qa.textnorm import fold

#: Leading letters two forms of a name must share (Latvian endings are 1-3 letters).
STEM = 5
#: Letters of the shortest acronym: two-letter capitals are the report's country codes.
ACRONYM = 3

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Vocabulary:
    """Every word of a text collection, folded and sorted, for prefix lookups."""

    words: tuple[str, ...]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        return cls(tuple(sorted({fold(w) for t in texts for w in _WORD.findall(t)})))

    def has(self, word: str) -> bool:
        """Whether ``word`` itself (folded) is one of the words."""
        folded = fold(word)
        i = bisect.bisect_left(self.words, folded)
        return i < len(self.words) and self.words[i] == folded

    def knows(self, word: str) -> bool:
        """Whether some word starts with ``word``'s stem: its first ``STEM`` letters, or all
        but its last one for a shorter word ("Roma" → "rom", as in "romu")."""
        stem = name_stem(fold(word))
        i = bisect.bisect_left(self.words, stem)
        return i < len(self.words) and self.words[i].startswith(stem)


def name_stem(folded: str) -> str:
    """The first ``STEM`` letters of a folded word, or all but its last one for a shorter
    word (three at least): what two forms of a name share ("Roma" → "rom")."""
    return folded[: max(3, min(STEM, len(folded) - 1))]


def names(question: str, topic_words: Collection[str]) -> list[list[str]]:
    """Runs of adjacent capitalised words of ``question`` ("Racial Equality Directive"),
    except its first word, that hold at least one subject word."""
    topic = set(topic_words)
    runs: list[list[str]] = []
    last_end = -2
    for m in list(_WORD.finditer(question))[1:]:
        word = m.group()
        if not word[:1].isupper():
            continue
        if runs and question[last_end : m.start()].strip(" -") == "":
            runs[-1].append(word)
        else:
            runs.append([word])
        last_end = m.end()
    return [run for run in runs if any(fold(w) in topic for w in run)]


def unknown_names(question: str, topic_words: Collection[str], vocabulary: Vocabulary) -> list[str]:
    """Names in the question's subject none of whose words the report shares: "Canada", but
    not "Racial Equality Directive" (the report has "Directive"); or that hold an acronym
    the report never writes, whatever the words around it ("the Council of Europe's
    ROMED programme": an acronym is the name itself, so it must occur as it is)."""
    return [
        " ".join(run)
        for run in names(question, topic_words)
        if not any(vocabulary.knows(w) for w in run)
        or any(_is_acronym(w) and not _written(w, vocabulary) for w in run)
    ]


def _singular(acronym: str) -> str:
    """ "NGOs" → "NGO"."""
    return acronym[:-1] if acronym.endswith("s") else acronym


def _is_acronym(word: str) -> bool:
    """Three or more capitals ("ECHR", "NGOs"); two-letter ones are country codes."""
    core = _singular(word)
    return len(core) >= ACRONYM and core.isalpha() and core.isupper()


def _written(acronym: str, vocabulary: Vocabulary) -> bool:
    """The report writes ``acronym`` as a word of its own, singular or plural."""
    core = _singular(acronym)
    return vocabulary.has(core) or vocabulary.has(core + "s")


#: Lower-case words that may join the words of one name ("Court of Human Rights").
_JOINERS = frozenset({"of", "for", "on", "the", "in", "par"})


def full_names(question: str) -> list[list[str]]:
    """Names of two or more capitalised words, except the question's first word, taken
    whole across the small words joining them: "European Court of Human Rights"."""
    found: list[list[str]] = [[]]
    for m in list(_WORD.finditer(question))[1:]:
        word = m.group()
        if word[:1].isupper():
            found[-1].append(word)
        elif not (found[-1] and word in _JOINERS):  # any other word ends the name
            found.append([])
    return [name for name in found if len(name) >= 2]
