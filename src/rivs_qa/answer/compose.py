"""Answer text: structured facts stated exactly, prose quoted, abstentions said plainly.

Pure string work. Figures are the report's own strings (``value_text`` "31%", "43 %"); country
codes go with their names in the answer's language. English answers quote the curated
English translation of the report (corpus/report_en.json) sentence for sentence, never a
translation of their own, and say that it is one (``TRANSLATION_NOTE``); the Latvian original
stays in the citations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rivs_qa.lang import Lang
from rivs_qa.report.model import Approach, Country, Indicator, TableRow

if TYPE_CHECKING:
    from rivs_qa.answer.facts import FootnoteUse

GENDER_LV = {"women": "sievietes", "men": "vīrieši"}
GENDER_EN = {"women": "women", "men": "men"}


def country_list(codes: Sequence[str], countries: Mapping[str, Country], lang: Lang) -> str:
    """ "AT (Austria), FR (France)"; unknown codes stay bare."""
    parts = []
    for code in codes:
        c = countries.get(code)
        name = (c.name_en if lang == "en" else c.name_lv) if c is not None else None
        parts.append(f"{code} ({name})" if name else code)
    return ", ".join(parts)


def membership(
    asked: Sequence[str],
    groups: Mapping[str, Sequence[str]],
    countries: Mapping[str, Country],
    lang: Lang,
) -> str:
    """Whether each asked-about country is in a fact's lists: "HU (Hungary): listed (member
    states). PL (Poland): not listed." ``groups`` maps a list's name to its codes."""
    parts = []
    for code in asked:
        named = country_list([code], countries, lang)
        inside = [name for name, codes in groups.items() if code in codes]
        if lang == "en":
            parts.append(
                f"{named}: listed ({', '.join(inside)})" if inside else f"{named}: not listed"
            )
        else:
            parts.append(
                f"{named}: ir sarakstā ({', '.join(inside)})"
                if inside
                else f"{named}: nav sarakstā"
            )
    return ". ".join(parts) + "." if parts else ""


def measures_lv(n: int) -> str:
    """Latvian agreement: 1, 21, 31 … (not 11) take the singular "pasākums"."""
    return f"{n} pasākums" if n % 10 == 1 and n % 100 != 11 else f"{n} pasākumi"


def measures_en(n: int) -> str:
    return f"{n} measure" if n == 1 else f"{n} measures"


def indicator_answer(ind: Indicator, gender: str | None, lang: Lang) -> str:
    label = ind.label_en if lang == "en" else indicator_label_lv(ind)
    asked = ind.breakdown_texts.get(gender) if gender else None
    if asked is not None and gender is not None:
        who = GENDER_EN[gender] if lang == "en" else GENDER_LV[gender]
        everyone = "all Roma" if lang == "en" else "visi romi"
        text = f"{label} — {who}: {asked} ({everyone}: {ind.value_text})"
    else:
        text = f"{label}: {ind.value_text}"
        if ind.breakdown_texts:
            names = GENDER_EN if lang == "en" else GENDER_LV
            parts = [f"{names.get(k, k)} {v}" for k, v in ind.breakdown_texts.items()]
            text += f" ({', '.join(parts)})"
    if lang == "en":
        text += ". Source: the FRA survey of Roma in 2016, as the report cites it."
    else:
        text += ". Avots: FRA 2016. gada apsekojums, kā to atspoguļo ziņojums."
    if gender and asked is None:
        text += (
            " The report gives no breakdown by sex for this figure."
            if lang == "en"
            else " Ziņojumā šim rādītājam nav dalījuma pa dzimumiem."
        )
    return text


def indicator_label_lv(ind: Indicator) -> str:
    """The Latvian label with its box heading, as the box lays them out ("To romu
    īpatsvars, kuri dzīvo mājsaimniecībās ar — ūdensvada ūdeni (iekštelpās)"): the item
    line alone ("ūdensvada ūdeni") does not say what was measured."""
    heading = ind.group_lv.rstrip("*: ")
    return f"{heading} — {ind.label_lv}" if heading else ind.label_lv


#: A table row's two country lists, as answers name them.
GROUPS: dict[Lang, tuple[str, str]] = {
    "en": ("member states", "enlargement countries"),
    "lv": ("dalībvalstis", "paplašināšanās valstis"),
}


def row_membership(
    row: TableRow, asked: Sequence[str], countries: Mapping[str, Country], lang: Lang
) -> str:
    """``membership`` of the asked-about countries in a row's two lists."""
    ms, enl = GROUPS[lang]
    lists = {ms: row.member_states, enl: row.enlargement_countries}
    return membership(asked, lists, countries, lang)


def row_answer(
    row: TableRow,
    group: str | None,
    countries: Mapping[str, Country],
    lang: Lang,
    count_countries: bool = False,
) -> str:
    """A row's two groups, the one asked about first, each with its countries and measures;
    with ``count_countries`` (asked how many countries) each group says how many it has:
    "member states (13): AT (Austria), …"."""
    area = row.sub_area_en if lang == "en" else row.sub_area_lv
    ms = (
        f"{country_list(row.member_states, countries, lang)} — "
        f"{(measures_en if lang == 'en' else measures_lv)(row.member_state_measures)}"
        if row.member_states
        else ("none" if lang == "en" else "nav")
    )
    enl = (
        f"{country_list(row.enlargement_countries, countries, lang)} — "
        f"{(measures_en if lang == 'en' else measures_lv)(row.enlargement_measures)}"
        if row.enlargement_countries
        else ("none" if lang == "en" else "nav")
    )
    ms_name, enl_name = GROUPS[lang]
    if count_countries:
        ms_name += f" ({len(row.member_states)})"
        enl_name += f" ({len(row.enlargement_countries)})"
    parts = {"member_state": f"{ms_name}: {ms}", "enlargement": f"{enl_name}: {enl}"}
    if lang == "en":
        head = f"Measures reported for “{area}” ({row.domain})"
    else:
        head = f"Pasākumi apakšjomā “{area}”"
    first, second = "member_state", "enlargement"
    if group == "enlargement":  # the group asked about comes first
        first, second = second, first
    return f"{head} — {parts[first]}; {parts[second]}."


def largest_rows(rows: Sequence[TableRow], shown: int, group: str | None) -> list[TableRow]:
    """The ``shown`` rows with most measures in the group asked about (member states unless
    ``group`` is "enlargement"), in that order."""
    if group == "enlargement":
        return sorted(rows, key=lambda r: -r.enlargement_measures)[:shown]
    return sorted(rows, key=lambda r: -r.member_state_measures)[:shown]


@dataclass(frozen=True)
class Listing:
    """An answer that gives several items: a lead line and the items, each its own line in
    the plain text and its own entry in the API's ``items`` (the widget draws a list)."""

    lead: str
    items: tuple[str, ...]

    def text(self) -> str:
        return "\n".join([self.lead, *(f"• {item}" for item in self.items)])


def rows_overview(top: Sequence[TableRow], total: int, group: str | None, lang: Lang) -> Listing:
    """A domain's measures table: ``top`` (its ``largest_rows`` of ``total``), each with both
    groups' counts, the group asked about first."""
    enlargement = group == "enlargement"
    pairs = [
        (r.enlargement_measures, r.member_state_measures)
        if enlargement
        else (r.member_state_measures, r.enlargement_measures)
        for r in top
    ]
    items = tuple(
        f"{r.sub_area_en if lang == 'en' else r.sub_area_lv} — {a} / {b}"
        for r, (a, b) in zip(top, pairs, strict=True)
    )
    cols = " / ".join(GROUPS[lang][::-1] if enlargement else GROUPS[lang])
    whole = len(top) == total
    if lang == "en":
        part = f"all {total}" if whole else f"the {len(top)} with most measures of {total}"
        return Listing(f"Measures by sub-area in the report's table ({part}; {cols}):", items)
    part = f"visas {total}" if whole else f"{len(top)} ar visvairāk pasākumu no {total}"
    return Listing(f"Pasākumi pa apakšjomām ziņojuma tabulā ({part}; {cols}):", items)


def footnote_phrase(use: FootnoteUse, lang: Lang) -> str:
    """The words a footnote's marker follows, in the answer's language."""
    if use.ref is None:
        return ""
    return use.ref.phrase_en if lang == "en" and use.ref.phrase_en else use.ref.phrase


def footnote_answer(
    use: FootnoteUse, domain_label: str | None, countries: Mapping[str, Country], lang: Lang
) -> str:
    fn = use.footnote
    phrase = footnote_phrase(use, lang)
    listed = country_list(fn.countries, countries, lang)
    example = fn.lists_examples
    if lang == "en":
        where = f" ({domain_label})" if domain_label else ""
        lead = "For example: " if example else ""
        return f"{lead}{listed} — footnote {fn.n} to “{phrase}”{where}."
    where = f" ({domain_label})" if domain_label else ""
    lead = "Piemēram: " if example else ""
    return f"{lead}{listed} — {fn.n}. zemsvītras piezīme pie “{phrase}”{where}."


def approaches_answer(
    items: Sequence[Approach], countries: Mapping[str, Country], lang: Lang
) -> Listing:
    """The items as listed, an approach led by its country codes; English answers give the
    translation (``label_en``) of each."""
    lines = []
    for a in items:
        text = a.label_en if lang == "en" and a.label_en else a.text
        who = ", ".join(a.countries)
        lines.append(f"{who}: {text}" if who and not text.startswith(who) else text)
    priorities = {a.kind for a in items} == {"priority"}
    if lang == "en":
        head = (
            "Priorities to address named in the report"
            if priorities
            else "Promising approaches named in the report"
        )
    else:
        head = "Prioritātes, kurām jāpievēršas" if priorities else "Daudzsološas pieejas"
    return Listing(f"{head}:", tuple(lines))


def extractive_answer(quotes: Sequence[tuple[str, str]], lang: Lang) -> str:
    """``quotes``: (section title in ``lang``, quote in ``lang``: the report's own words,
    or for English their translation)."""
    if lang == "en":
        parts = [f"In “{title}” the report says: “{q}”" for title, q in quotes]
    else:
        parts = [f"“{q}” ({title})" for title, q in quotes]
    return " ".join(parts)


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
