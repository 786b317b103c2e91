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
