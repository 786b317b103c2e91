"""What a refusal says: why the report gives no answer (the first rule the best candidate
breaks, or why the question was refused before any candidate), the nearest sections, and
the nearest thing the report does say, in the question's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from rivs_qa.lang import Lang

_ABSTAIN: dict[Lang, dict[str, str]] = {
    "en": {
        "country_statistic": "The report does not give this figure for a single country: "
        "its 2016 Roma survey figures are not broken down by country.",
        "year": "The report does not cover that year.",
        "year_unmet": "The report says nothing on this for that year.",
        "money_unmet": "The report gives no amount of money for this.",
        "person_unmet": "The report names no person for this.",
        "share_unmet": "No passage found gives a share (percentage) for this.",
        "measures_unmet": "No passage found gives a count of measures for this.",
        "which_unmet": "No passage found names countries for this.",
        "number_unmet": "No passage found gives a figure for this.",
        "figure_unmet": "The report gives no survey figure for this.",
        "reason_unmet": "No passage found explains this.",
        "compared_unmet": "No passage found speaks of both sides of this comparison.",
        "achievements_flipped": "The report lists this as a challenge, not as an achievement.",
        "challenges_flipped": "The report lists this as an achievement, not as a challenge.",
        "unverified": "The report has no answer that fits this question closely enough.",
        "": "The report does not answer this question.",
        "nearest": "Nearest sections",
    },
    "lv": {
        "country_statistic": "Ziņojumā šāda skaitļa atsevišķai valstij nav: 2016. gada romu "
        "apsekojuma skaitļi nav sadalīti pa valstīm.",
        "year": "Ziņojums neaptver šo gadu.",
        "year_unmet": "Ziņojumā par to nav nekā attiecībā uz šo gadu.",
        "money_unmet": "Ziņojumā šim nav norādīta naudas summa.",
        "person_unmet": "Ziņojumā šajā sakarā nav nosaukta neviena persona.",
        "share_unmet": "Ziņojumā netika atrasts fragments, kas šim norādītu īpatsvaru (procentos).",
        "measures_unmet": "Ziņojumā netika atrasts fragments, kas šim norādītu pasākumu skaitu.",
        "which_unmet": "Ziņojumā netika atrasts fragments, kas šajā sakarā nosauktu valstis.",
        "number_unmet": "Ziņojumā netika atrasts fragments, kas šim norādītu skaitli.",
        "figure_unmet": "Ziņojumā šim nav dots apsekojuma rādītājs.",
        "reason_unmet": "Ziņojumā netika atrasts fragments, kas to izskaidrotu.",
        "compared_unmet": "Ziņojumā netika atrasts fragments, kas runātu par abām šī "
        "salīdzinājuma pusēm.",
        "achievements_flipped": "Ziņojumā tas minēts kā problēma, nevis kā panākums.",
        "challenges_flipped": "Ziņojumā tas minēts kā panākums, nevis kā problēma.",
        "unverified": "Ziņojumā nav atbildes, kas pietiekami precīzi atbilstu šim jautājumam.",
        "": "Ziņojumā atbildes uz šo jautājumu nav.",
        "nearest": "Tuvākās sadaļas",
    },
}


# a rule with no words of its own says no more than "unverified": that an answer's passages
# do not name a country says nothing of the report's other passages
for _words in _ABSTAIN.values():
    for _rule in (
        "group_unmet", "country_unmet", "facet_unmet", "turn_unmet", "total_unmet",
        "approach_unmet", "area_unmet", "figure_unasked", "part_unmet", "unlisted_unmet",
        "examples_unmet",
    ):  # fmt: skip
        _words[_rule] = _words["unverified"]


def abstain_answer(lang: Lang, reason: str | None, titles: Sequence[str]) -> str:
    words = _ABSTAIN[lang]
    text = words.get(reason or "", words[""])
    if titles:
        text += f" {words['nearest']}: " + "; ".join(titles) + "."
    return text


def with_nearest(refusal: str, nearest_answer: str, lang: Lang) -> str:
    """A refusal followed by the first line of the answer that did not fit well enough, said
    to be only the nearest the report comes."""
    first = nearest_answer.split("\n", 1)[0].rstrip(":")
    lead = "The nearest the report comes" if lang == "en" else "Tuvākais, ko ziņojums saka"
    return f"{refusal} {lead}: {first}"
