"""What an answer's own words state: numbers (in figures or in words), shares, counts of
measures, amounts of money, persons named by role, and the countries it names. The
verifier's features (``answer/features.py``) ask these of a candidate's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rivs_qa.answer import matching
from rivs_qa.answer.contract import AskResponse, Citation

DIGIT = re.compile(r"\d")
#: A number written out: cardinals to ten and fractions, in either language ("piektā daļa",
#: "trešdaļa", "half", "one in five").
NUMBER_WORD = re.compile(
    r"\b(?:vien[sa]|div[ia]s?|trīs|četr[ia]s?|piec[ia]s?|seš[ia]s?|septiņ[ia]s?|astoņ[ia]s?|"
    rf"deviņ[ia]s?|desmit|puse|{matching.FRACTION_LV}|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|half|third|quarter|fifth|tenth)\b",
    re.IGNORECASE,
)
#: A person named by role: "Commissioner Jourová", "komisāre V. Jourová", "ministrs Kalniņš".
PERSON = re.compile(
    r"\b(?i:commissioner|minister|president|director|chair\w*|head|komisār\w*|ministr[sea]|"
    r"prezident\w*|direktor\w*|priekšsēdētāj\w*|vadītāj\w*)\s+(?:[A-ZĀČĒĢĪĶĻŅŠŪŽ]\.\s*)*"
    r"[A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]+"
)
#: An amount of money: "EUR 1,2 milj.", "€ 300", "5 million euro", "20 000 eiro".
MONEY = re.compile(
    r"(?:€|\bEUR\b|\beur[oa]\w*|\beiro\w*)\s*\d|\d[\d\s.,]*\s*(?:€|EUR\b|euro|eiro|"
    r"milj|million|billion|mljrd)",
    re.IGNORECASE,
)
#: A count of measures: "24 pasākumi", "6 measures", "(66 pasākumi)".
MEASURES = re.compile(r"\b\d+\s+(?:pasākum|measure|intervenc|intervention)", re.IGNORECASE)
#: A word for measures, counted or not ("a fifth of the measures", "pasākumu").
MEASURE_WORD = re.compile(r"\b(?:pasākum|measure)", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?(?!\d)")
#: A share stated: a percentage, or a fraction in words ("piektā daļa", "trešdaļa", "half").
SHARE = matching.SHARES
WORD = re.compile(r"[\w']+")


def numbers_missing(question: str, years: set[str], cited: Sequence[Citation], body: str) -> float:
    """Share of the numbers the question names, years aside ("aged 4-6", "top 3"), that
    neither the answer nor its cited passages (either language) contain."""
    asked = set(NUMBER.findall(question)) - years
    if not asked:
        return 0.0
    said = " ".join([body, *(f"{c.text} {c.text_en}" for c in cited)])
    have = set(NUMBER.findall(said))
    return len(asked - have) / len(asked)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def countries_matched(
    countries: Sequence[str],
    response: AskResponse,
    used: set[int],
    chunk_countries: Mapping[str, set[str]],
) -> float:
    """Share of the question's countries that the answer's facts, its own text or its cited
    passages name (by code or by name)."""
    if not countries:
        return 0.0
    named = {c for fact in response.facts for c in fact.countries}
    texts = []
    for cited in response.citations:
        if cited.n in used:
            named |= chunk_countries.get(cited.chunk_id, set())
            texts.append(cited.text)
    text = " ".join([response.answer_body(), *texts])
    found = [c for c in countries if c in named or re.search(rf"\b{re.escape(c)}\b", text)]
    return len(found) / len(countries)
