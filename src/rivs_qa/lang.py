"""Is a question Latvian or English? A two-way guess built for short, sloppy questions.

General language identifiers are weakest exactly where this service lives: one- or two-word
follow-ups, and Latvian typed without diacritics, which no published benchmark covers
(see /work/shared/FIELD-NOTES.md: lingua-py gets 85 % of single Latvian words right among 75
languages). Restricting the answer to {lv, en} lets a handful of transparent cues do better:

* a word written with a Latvian letter (ā č ē ģ ī ķ ļ ņ š ū ž) is Latvian;
* closed-class words (question words, prepositions, copulas, pronouns) and a few dozen
  frequent report words are listed per language, compared after :func:`rivs_qa.textnorm.fold`,
  so "kuras", "viriesiem" and "majoklu" count as Latvian;
* word endings: Latvian inflections (-iem, -ības, -ija, -šana, -umi …) and English
  morphology and spelling (-ing, -tion, -ly, "th", "w", a final "y" …).

Words of up to three capitals ("LV", "ES", "AT", "EU") are skipped unless the whole text is
in capitals: they are country codes and acronyms, and "AT"/"ME"/"IT" would read as English.

Each word contributes at most one weight per language (the strongest cue it shows), so one
long word cannot outvote a function word. A capitalised word that does not start the
question is probably a name ("What did Latvija report?") and counts half.

Scores become probabilities with add-half smoothing, ``p(lv) = (s_lv + ½) / (s_lv + s_en + 1)``,
so a question without any cue ("2016?", "LV?") scores ½/½. Ties go to ``default``: the caller
passes the conversation's language, so an ambiguous follow-up keeps the language of the
conversation; without one, Latvian, the language of the report and of the service's audience.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rivs_qa.textnorm import fold

Lang = Literal["lv", "en"]
LANGS: tuple[Lang, ...] = ("lv", "en")

# Weights: a listed word is the most reliable cue; a Latvian letter nearly as good (names
# typed in English questions carry them too, hence below two function words together);
# endings are hints. Only ratios matter.
WORD_WEIGHT = 2.0
DIACRITIC_WEIGHT = 2.0
STRONG_ENDING_WEIGHT = 1.5
ENDING_WEIGHT = 1.0
HINT_WEIGHT = 0.5
NAME_FACTOR = 0.5
SMOOTHING = 0.5
CODE_MAX_LETTERS = 3
#: Texts whose language evidence is kept (``language_evidence``).
EVIDENCE_CACHE = 4096

_LATVIAN_LETTERS = frozenset("āčēģīķļņšūž")

# Folded forms. Left out of both lists because they are words in both languages:
# "a", "no", "to", "so", "man", "bet", "pie" (and names of countries, which end-rules catch).
_LV_WORDS = frozenset(
    """
    kas ko kam kur kurs kura kuri kuras kuru kuram kuriem kurai kuros kurp kads kada kadi
    kadas kadu kados kadiem kadam kadai cik kapec kad vai un ar uz ka ir bija bus nav pa pec
    pret bez lidz starp del tas tie tos tiem tam tai sis sie sos siem saja sajos sajas ari vel
    jau tikai ne nu te tur ja jo lai tad vien es mes jus vins vina vini vinas par sakot kopa
    citi citas cits visi visas vairak mazak vairums lielaka dala skaits skaitu ipatsvars
    ipatsvaru procentu romu romi romiem romus valsts valstis valstu valstim dalibvalstis
    dalibvalstu dalibvalstim joma jomas jomu jomam pasakumi pasakumu pasakumiem pasakumus
    sievietes sievietem sieviesu viriesi viriesiem viriesu berni bernu berniem skolu skolas
    skola darbu darba darbs izglitiba izglitibas izglitibai izglitibu veseliba veselibas
    aprupe aprupes majokli majoklu majokliem majoklis diskriminacija diskriminacijas
    zinojums zinojuma zinojuma zinoja minets mineti apmekle strada dzivo iegust saskaras
    daudzsolosas daudzsolosa pieejas pieeja prioritates panakumi problemas politikas apguve
    stavoklis situacija paplasinasanas latvijas latviju gadi gadu vecums vecuma
    """.split()
)

_EN_WORDS = frozenset(
    """
    what which who whom whose where when why how is are was were be been being do does did
    done has have had the an of in on at for from by with about and or but than then there
    their they them these those this that it its any some many much more most all each every
    other same only also not into between among per would could should can will may might
    must our your you we my me his her report reported reports countries country member
    states state measures measure women woman men children education employment health
    housing discrimination share percentage percent proportion promising approaches
    priorities challenges achievements roma people paid work school schools attend live
    living aged years old number list name show tell give please against under over after
    before during within without total overall enlargement candidate region mention
    mentioned say said says data rate
    """.split()
)

# (ending, weight) on folded words of four letters or more, strongest first.
_LV_ENDINGS: tuple[tuple[str, float], ...] = (
    ("iem", STRONG_ENDING_WEIGHT),  # dative/instrumental plural: viriesiem, berniem
    ("ibas", STRONG_ENDING_WEIGHT),  # -ības/-ība/-ību/-ībai/-ībā: izglitibas
    ("iba", STRONG_ENDING_WEIGHT),
    ("ibu", STRONG_ENDING_WEIGHT),
    ("ibai", STRONG_ENDING_WEIGHT),
    ("sana", STRONG_ENDING_WEIGHT),  # -šana nouns: apkarosana
    ("sanas", STRONG_ENDING_WEIGHT),
    ("sanu", STRONG_ENDING_WEIGHT),
    ("ija", ENDING_WEIGHT),  # Latvija, Spanija (English: -ia)
    ("ijas", ENDING_WEIGHT),
    ("iju", ENDING_WEIGHT),
    ("ijai", ENDING_WEIGHT),
    ("umi", ENDING_WEIGHT),  # pasakumi, panakumi
    ("umu", ENDING_WEIGHT),
    ("umus", ENDING_WEIGHT),
    ("ajos", ENDING_WEIGHT),  # definite adjectives, locative
    ("ajas", ENDING_WEIGHT),
    ("ais", ENDING_WEIGHT),
    ("iski", ENDING_WEIGHT),  # adverbs
    ("igi", ENDING_WEIGHT),
    ("taji", ENDING_WEIGHT),  # agent nouns: skolotaji
    ("taju", ENDING_WEIGHT),
    ("tajs", ENDING_WEIGHT),
    ("i", HINT_WEIGHT),  # nominative plural; English rarely ends a word in -i or -u
    ("u", HINT_WEIGHT),
)
_EN_ENDINGS: tuple[tuple[str, float], ...] = (
    ("ing", STRONG_ENDING_WEIGHT),
    ("ion", STRONG_ENDING_WEIGHT),  # Latvian borrows these as -ija
    ("ions", STRONG_ENDING_WEIGHT),
    ("ness", STRONG_ENDING_WEIGHT),
    ("ity", STRONG_ENDING_WEIGHT),
    ("ities", STRONG_ENDING_WEIGHT),
    ("ment", STRONG_ENDING_WEIGHT),  # Latvian nouns need the -s: dokuments
    ("ies", ENDING_WEIGHT),
    ("ly", ENDING_WEIGHT),
    ("ed", ENDING_WEIGHT),
    ("ous", ENDING_WEIGHT),
    ("th", ENDING_WEIGHT),
    ("ght", ENDING_WEIGHT),
    ("ow", ENDING_WEIGHT),
    ("ia", ENDING_WEIGHT),  # Latvia, Romania (Latvian: -ija)
    ("y", ENDING_WEIGHT),  # Latvian has no y
)
# Letter groups Latvian spelling never produces (even with diacritics folded away).
_EN_SPELLING = re.compile(r"[wqxy]|th|wh|sh|ch|ck|gh|ee|oo|ou|ea")
_LV_SPELLING = re.compile(r"dz")

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _word_scores(word: str, folded: str) -> tuple[float, float]:
    """(Latvian, English) evidence of one word: the strongest cue for each language (the
    same words recur from question to question: cached)."""
    lv = en = 0.0
    if folded in _LV_WORDS:
        lv = WORD_WEIGHT
    if folded in _EN_WORDS:
        en = WORD_WEIGHT
    if any(c in _LATVIAN_LETTERS for c in word.lower()):
        lv = max(lv, DIACRITIC_WEIGHT)
    if len(folded) >= 4:
        lv = max(lv, _ending_weight(folded, _LV_ENDINGS))
        en = max(en, _ending_weight(folded, _EN_ENDINGS))
    if _EN_SPELLING.search(folded):
        en = max(en, HINT_WEIGHT)
    if _LV_SPELLING.search(folded):
        lv = max(lv, HINT_WEIGHT)
    return lv, en


def _ending_weight(folded: str, endings: tuple[tuple[str, float], ...]) -> float:
    return max((w for end, w in endings if folded.endswith(end)), default=0.0)


@lru_cache(maxsize=EVIDENCE_CACHE)
def language_evidence(text: str) -> tuple[float, float]:
    """Summed (Latvian, English) evidence of ``text``; see the module docstring. Kept for
    the last :data:`EVIDENCE_CACHE` texts: a question is read more than once."""
    lv_total = en_total = 0.0
    shouting = text.isupper()
    for i, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if word.isupper() and len(word) <= CODE_MAX_LETTERS and not shouting:
            continue  # "LV", "ES", "AT", "EU": codes and acronyms, not words of either language
        lv, en = _word_scores(word, fold(word))
        if i > 0 and word[0].isupper() and not word.isupper():
            lv, en = lv * NAME_FACTOR, en * NAME_FACTOR
        lv_total += lv
        en_total += en
    return lv_total, en_total


def detect_lang_scores(text: str) -> dict[Lang, float]:
    """Probabilities ``{"lv": p, "en": 1 - p}`` from the smoothed evidence; they sum to 1.

    ``detect_lang_scores("Un vīriešiem?") == {"lv": 0.9, "en": 0.1}``; a text without cues
    gives ``{"lv": 0.5, "en": 0.5}``.
    """
    lv, en = language_evidence(text)
    p_lv = (lv + SMOOTHING) / (lv + en + 2 * SMOOTHING)
    return {"lv": round(p_lv, 6), "en": round(1.0 - p_lv, 6)}


def detect_lang(text: str, default: Lang = "lv") -> Lang:
    """ "lv" or "en"; a tie (no cue, or cues that cancel) returns ``default``."""
    if default not in LANGS:
        raise ValueError(f"default must be one of {', '.join(LANGS)}, not {default!r}")
    scores = detect_lang_scores(text)
    if scores["lv"] == scores["en"]:
        return default
    return "lv" if scores["lv"] > scores["en"] else "en"
