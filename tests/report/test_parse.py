"""The parser against the real report: every expected value below was typed in from reading
corpus/report_lv.txt (line numbers in comments), never taken from the parser's output."""

# The expected values keep one printed row, figure or item per line, as the report has them.
# ruff: noqa: E501

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from rivs_qa.report.model import Approach, Footnote, FootnoteRef, Indicator, Paragraph, Report
from rivs_qa.report.parse import load_report

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
BULLET = "\u0660"  # the extract's bullet glyph "٠"


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(CORPUS / "report_lv.txt")


def _paragraphs(report: Report) -> list[Paragraph]:
    return [p for s in report.sections for p in s.paragraphs]


def _refs(report: Report) -> dict[int, list[tuple[Paragraph, FootnoteRef]]]:
    refs: dict[int, list[tuple[Paragraph, FootnoteRef]]] = {}
    for p in _paragraphs(report):
        for ref in p.footnotes:
            refs.setdefault(ref.n, []).append((p, ref))
    return refs


# --- section tree ---------------------------------------------------------------------------

SECTIONS = [
    # id, parent, title as printed (lines 1, 54, 109, 143, 345, 399, 566, 568, 624, 657, 883,
    # 889, 928, 1079, 1184, 1188, 1335, 1380, 1552, 1556, 1639, 1824, 2049, 2078)
    ("INTRO", None, "IEVADS", None),
    ("I", None, "BŪTISKAS POLITIKAS JOMAS", None),
    ("I.1", "I", "IZGLĪTĪBA", "education"),
    ("I.1.1", "I.1", "Pasākumu mērķis", "education"),
    ("I.1.2", "I.1", "Panākumi un problēmas", "education"),
    ("I.1.3", "I.1", "Politikas apguve", "education"),
    ("I.2", "I", "NODARBINĀTĪBA", "employment"),
    ("I.2.1", "I.2", "Pasākumu mērķis", "employment"),
    ("I.2.2", "I.2", "Panākumi un problēmas", "employment"),
    ("I.2.3", "I.2", "Politikas apguve", "employment"),
    ("I.3", "I", "VESELĪBAS APRŪPE", "health"),
    ("I.3.1", "I.3", "Pasākumu mērķis", "health"),
    ("I.3.2", "I.3", "Panākumi un problēmas", "health"),
    ("I.3.3", "I.3", "Politikas apguve", "health"),
    ("I.4", "I", "MĀJOKĻI", "housing"),
    ("I.4.1", "I.4", "Pasākumu mērķis", "housing"),
    ("I.4.2", "I.4", "Panākumi un problēmas", "housing"),
    ("I.4.3", "I.4", "Politikas apguve", "housing"),
    ("II", None, "DISKRIMINĀCIJAS UN PRET ROMIEM VĒRSTA NOSKAŅOJUMA APKAROŠANA", "discrimination"),
    ("II.1", "II", "Pasākumu mērķis", "discrimination"),
    ("II.2", "II", "Panākumi un problēmas", "discrimination"),
    ("II.3", "II", "Politikas apguve", "discrimination"),
    ("III", None, "ROMU IEKĻAUŠANA PAPLAŠINĀŠANĀS REĢIONĀ", None),
    ("IV", None, "SECINĀJUMI", None),
]


def test_section_tree(report: Report) -> None:
    got = [(s.id, s.parent_id, s.title_lv, s.domain) for s in report.sections]
    assert got == SECTIONS


def test_section_levels_follow_the_ids(report: Report) -> None:
    for s in report.sections:
        assert s.level == (1 if s.id == "INTRO" else len(s.id.split("."))), s.id


def test_every_section_with_prose_has_paragraphs(report: Report) -> None:
    # the four I.n headings and II are followed directly by their first sub-heading or box
    empty = {"I.2", "I.3", "I.4", "II"}
    for s in report.sections:
        assert bool(s.paragraphs) is (s.id not in empty), s.id


def test_paragraph_ids_are_unique_and_numbered_per_section(report: Report) -> None:
    for s in report.sections:
        assert [p.id for p in s.paragraphs] == [
            f"{s.id}.p{k}" for k in range(1, len(s.paragraphs) + 1)
        ]
        assert all(p.section_id == s.id for p in s.paragraphs)


# --- indicators -----------------------------------------------------------------------------


class Ind(NamedTuple):
    label: str | tuple[str, ...]  # the whole label_lv, or parts it must all contain
    value: float
    value_text: str
    group: str = ""
    population: str | None = None
    breakdowns: dict[str, float] | None = None
    breakdown_texts: dict[str, str] | None = None
    noted: bool = False  # the box's "*" note applies


EDU_LEVEL = "Augstākais iegūtais izglītības līmenis (vecums: 16 gadi un vairāk)"
EDU_AGE = "To romu bērnu īpatsvars, kuri iegūst savam vecumam atbilstošu izglītību"
EDU_SEG = "Segregācija izglītībā (vecums: 6–15 gadi)"
HOUSE_WITH = "To romu īpatsvars, kuri dzīvo mājsaimniecībās ar"
HOUSE_PROBLEMS = "To romu īpatsvars, kuri dzīvo mājsaimniecībās, kuras raksturo"
DISCR_5Y = "To romu īpatsvars, kuri ir piedzīvojuši diskrimināciju pēdējos piecos gados"
DISCR_HARASS = (
    "To romu īpatsvars, kuri pēdējā gada laikā klātienē ir piedzīvojuši aizskarošu izturēšanos "
    "romu izcelsmes dēļ"
)
DISCR_TRUST = "To romu īpatsvars, kuri"

# fmt: off
INDICATORS: dict[str, Ind] = {
    # Romu stāvoklis izglītības jomā (2016), lines 111-139
    "ind.education.01": Ind(
        "vidējā (vidusskolas), profesionālā, pēcvidusskolas izglītība", 18, "18 %", EDU_LEVEL,
        "vecums: 16 gadi un vairāk",
    ),
    "ind.education.02": Ind("pamatizglītības otrais posms", 38, "38 %", EDU_LEVEL, "vecums: 16 gadi un vairāk"),
    "ind.education.03": Ind("pamatizglītības pirmais posms", 29, "29 %", EDU_LEVEL, "vecums: 16 gadi un vairāk"),
    "ind.education.04": Ind(
        "nepabeigts pamatizglītības pirmais posms", 14, "14 %", EDU_LEVEL, "vecums: 16 gadi un vairāk"
    ),
    "ind.education.05": Ind("pamatizglītības pirmais vai otrais posms", 86, "86 %", EDU_AGE, noted=True),
    "ind.education.06": Ind("vidējā (vidusskolas) izglītība", 30, "30 %", EDU_AGE, noted=True),
    "ind.education.07": Ind("pēcvidusskolas un augstākā izglītība", 2, "2 %", EDU_AGE, noted=True),
    # "apmeklē skolas, kurās visi skolēni (13 %) vai lielākā daļa skolēnu (33 %) ir romi"
    "ind.education.08": Ind(("skolas", "visi skolēni"), 13, "13 %", EDU_SEG, "vecums: 6–15 gadi"),
    "ind.education.09": Ind(("skolas", "lielākā daļa skolēnu"), 33, "33 %", EDU_SEG, "vecums: 6–15 gadi"),
    # "apmeklē klases, kurās visi skolēni (13 %) vai lielākā daļa skolēnu (31%) ir romi"
    "ind.education.10": Ind(("klases", "visi skolēni"), 13, "13 %", EDU_SEG, "vecums: 6–15 gadi"),
    "ind.education.11": Ind(("klases", "lielākā daļa skolēnu"), 31, "31%", EDU_SEG, "vecums: 6–15 gadi"),
    # Romu stāvoklis nodarbinātības jomā (2016), lines 587-597
    "ind.employment.01": Ind(
        "To romu īpatsvars, kuri strādā algotu darbu (vecums: 20–64 gadi)", 43, "43 %", "",
        "vecums: 20–64 gadi", {"women": 29, "men": 56}, {"women": "29 %", "men": "56 %"},
    ),
    "ind.employment.02": Ind(
        "To romu jauniešu īpatsvars, kuri nemācās, nestrādā un neapgūst arodu (vecums: 16–24 gadi)",
        63, "63 %", "", "vecums: 16–24 gadi", {"women": 72, "men": 55}, {"women": "72 %", "men": "55 %"},
    ),
    "ind.employment.03": Ind(
        (
            "Romu sievietes, kuras nestrādā un nemeklē darbu, jo rūpējas par bērniem / vecāka "
            "gadagājuma cilvēkiem / slimiem radiniekiem",
        ),
        40, "40 %", "", "vecums: 16–64 gadi",
    ),
    # Romu stāvoklis veselības aprūpes jomā (2016), lines 901-909
    "ind.health.01": Ind(
        "To romu īpatsvars, kuri ietilpst valsts pamata veselības apdrošināšanas shēmā", 76, "76 %"
    ),
    "ind.health.02": Ind(
        "To romu īpatsvars, kuri savu vispārējo veselību vērtē kā “ļoti labu” vai “labu”", 68, "68 %"
    ),
    "ind.health.03": Ind("To romu īpatsvars, kuri jūtas ierobežoti savās darbībās veselības dēļ", 28, "28 %"),
    "ind.health.04": Ind(
        "To romu īpatsvars, kuriem ir kāda ilgstoša slimība vai veselības problēma", 22, "22 %"
    ),
    # Romu stāvoklis mājokļu jomā (2016), lines 1218-1238
    "ind.housing.01": Ind(
        "To romu īpatsvars, kuri dzīvo rajonā, kurā visi kaimiņi vai lielākā to daļa ir romi", 67, "67 %"
    ),
    "ind.housing.02": Ind("ūdensvada ūdeni (iekštelpās)", 70, "70 %", HOUSE_WITH),
    "ind.housing.03": Ind("iekštelpu (ūdensklozeta) tualeti", 55, "55 %", HOUSE_WITH),
    "ind.housing.04": Ind("dušu vai vannasistabu iekštelpās", 60, "60%", HOUSE_WITH),
    "ind.housing.05": Ind(
        "cauri jumti vai mitruma bojātas sienas/grīdas/pamati, vai sapuvuši logu rāmji vai grīda",
        32, "32 %", HOUSE_PROBLEMS,
    ),
    "ind.housing.06": Ind("piesārņojums, netīrumi vai citas vides problēmas", 25, "25 %", HOUSE_PROBLEMS),
    "ind.housing.07": Ind(
        "vietējā rajonā notiekoši noziegumi, vardarbība un vandālisms", 23, "23 %", HOUSE_PROBLEMS
    ),
    "ind.housing.08": Ind(
        "To romu īpatsvars, kuri dzīvo pārapdzīvotās mājsaimniecībās (Eurostat definīcija)", 78, "78 %"
    ),
    # Romu pieredze diskriminācijas jomā (2016), lines 1580-1618
    "ind.discrimination.01": Ind("kontaktējoties ar savu bērnu skolu", 12, "12 %", DISCR_5Y),
    "ind.discrimination.02": Ind("iegūstot izglītību", 12, "12 %", DISCR_5Y),
    "ind.discrimination.03": Ind("meklējot darbu", 43, "43 %", DISCR_5Y),
    "ind.discrimination.04": Ind("darbā", 19, "19 %", DISCR_5Y),
    "ind.discrimination.05": Ind("mēģinot noīrēt vai iegādāties mājokli", 43, "43 %", DISCR_5Y),
    "ind.discrimination.06": Ind("apmeklējot restorānu, naktsklubu vai viesnīcu", 21, "21 %", DISCR_5Y),
    "ind.discrimination.07": Ind("apmeklējot veikalu", 17, "17 %", DISCR_5Y),
    "ind.discrimination.08": Ind("kontaktējoties ar valsts pārvaldes iestādi", 16, "16 %", DISCR_5Y),
    "ind.discrimination.09": Ind(
        "To romu īpatsvars, kuri ir jutušies diskriminēti un ir ziņojuši par incidentu", 12, "12 %"
    ),
    "ind.discrimination.10": Ind("aizvainojošas vai draudīgas piezīmes", 20, "20 %", DISCR_HARASS),
    "ind.discrimination.11": Ind("aizvainojoši žesti vai nepieklājīgi skatieni", 23, "23 %", DISCR_HARASS),
    "ind.discrimination.12": Ind("vardarbības draudi klātienē", 7, "7 %", DISCR_HARASS),
    "ind.discrimination.13": Ind("kopā", 29, "29 %", DISCR_HARASS),
    "ind.discrimination.14": Ind("ir dzirdējuši par vienlīdzību veicinošu struktūru", 29, "29 %", DISCR_TRUST),
    "ind.discrimination.15": Ind("mēdz uzticēties policijai", 37, "37 %", DISCR_TRUST),
    "ind.discrimination.16": Ind("mēdz uzticēties valsts tiesību sistēmai", 29, "29 %", DISCR_TRUST),
}
# fmt: on

BOX_NOTE_END = "salīdzinot ar kopējo tā vecuma romu bērnu skaitu."  # line 139
DOMAIN_SECTION = {
    "education": "I.1",  # the education box sits under "1. IZGLĪTĪBA", before 1.1
    "employment": "I.2.1",
    "health": "I.3.1",
    "housing": "I.4.1",
    "discrimination": "II.1",
}


def test_indicator_ids_in_box_order(report: Report) -> None:
    assert [i.id for i in report.indicators] == list(INDICATORS)


@pytest.mark.parametrize("ind_id", list(INDICATORS))
def test_indicator(report: Report, ind_id: str) -> None:
    exp = INDICATORS[ind_id]
    ind: Indicator = next(i for i in report.indicators if i.id == ind_id)
    domain = ind_id.split(".")[1]
    assert ind.domain == domain
    assert ind.section_id == DOMAIN_SECTION[domain]
    if isinstance(exp.label, str):
        assert ind.label_lv == exp.label
    else:
        for part in exp.label:
            assert part in ind.label_lv, (part, ind.label_lv)
    assert ind.value == exp.value
    assert ind.value_text == exp.value_text
    assert ind.unit == "%"
    assert ind.year == 2016
    assert ind.group_lv.rstrip("*").strip() == exp.group
    assert ind.population == exp.population
    assert ind.breakdowns == (exp.breakdowns or {})
    assert ind.breakdown_texts == (exp.breakdown_texts or {})
    if exp.noted:
        assert ind.note is not None and ind.note.endswith(BOX_NOTE_END)
    else:
        assert ind.note is None
    assert exp.value_text in ind.source_line


def test_indicator_counts_per_box(report: Report) -> None:
    assert Counter(i.domain for i in report.indicators) == {
        "education": 11,
        "employment": 3,
        "health": 4,
        "housing": 8,
        "discrimination": 16,
    }


# --- measure tables -------------------------------------------------------------------------


class Row(NamedTuple):
    sub_area: str
    member_states: str  # as the report lists them
    ms_measures: int
    enlargement: str
    en_measures: int


# fmt: off
TABLES: dict[str, list[Row]] = {
    # lines 165-328
    "education": [
        Row("Apkarot priekšlaicīgu mācību pārtraukšanu",
            "AT, BE, BG, CY, ES, EL, HU, HR, IT, LV, LT, LU, NL, PT, RO, SE, SK, UK", 66,
            "AL, BiH, KOS, ME, MK, RS, TR", 25),
        Row("Ņemt vērā atsevišķu skolēnu vajadzības",
            "AT, CY, CZ, ES, HU, IT, LV, LT, LU, PT, RO, SE, SI, UK", 35, "AL, BiH, KOS, ME, MK, RS", 26),
        Row("Veicināt romu iesaisti vidējā un augstākajā izglītībā un tās iegūšanu",
            "AT, BG, HR, CZ, ES, HU, LV, LT, PT, RO, SK", 35, "AL, BiH, ME, MK, RS, TR", 21),
        Row("Uzlabot piekļuvi agrīnai pirmsskolas izglītībai un aprūpei un tās kvalitāti",
            "AT, BG, HR, CY, CZ, ES, HU, IT, LU, NL, RO, SI, SK", 34, "AL, BiH, ME, MK, RS", 16),
        Row("Novērst skolu segregāciju",
            "AT, BE, BG, CZ, EL, ES, HR, IT, LU, NL, RO, SK", 27, "AL, ME, MK, RS", 6),
        Row("Izmantot iekļaujošas un pielāgotas mācīšanas un mācīšanās metodes",
            "AT, BG, HR, CY, CZ, LT, LU, NL, RO, SI, SK, UK", 23, "AL, KOS, ME, MK, RS, TR", 15),
        Row("Atbalstīt darba tirgus vajadzībām pielāgotu prasmju ieguvi",
            "AT, BG, CZ, EL, ES, LT, LU, NL, PT, RO, SI, SK", 22, "AL, MK", 5),
        Row("Atbalstīt pāreju starp izglītības līmeņiem",
            "AT, BG, CZ, ES, HU, HR, IT, LU, NL, PT, RO, SK", 21, "AL, BiH, KOS, ME, MK, RS", 15),
        Row("Veicināt vecāku iesaisti",
            "AT, BE, BG, CY, ES, HR, LV, LT, LU, RO, SK", 18, "AL, KOS, ME, MK, TR", 11),
        Row("Uzlabot skolotāju apmācību",
            "AT, BG, CY, CZ, ES, LT, RO, SE, SI, SK", 18, "AL, MK, RS", 4),
        Row("Veicināt ārpusskolas nodarbības",
            "AT, BG, CY, EL, IT, LV, LT, RO, SI, SK", 15, "AL, KOS, ME, MK, RS, TR", 11),
        Row("Paplašināt piekļuvi otrās iespējas izglītībai un pieaugušo izglītībai",
            "AT, BG, CY, CZ, EL, ES, HR, LT, LU, UK", 14, "AL, ME, MK, RS", 9),
        Row("Apkarot analfabētismu", "AT, BG, CY, HU, ES, HR, NL, RO", 11, "AL, ME, MK, RS", 6),
        Row("Novērst romu neatbilstošu ievietošanu speciālajās skolās",
            "AT, CZ, ES, HR, RO, SK", 9, "MK, RS", 2),
    ],
    # lines 676-778
    "employment": [
        Row("Likvidēt šķēršļus ceļā uz darba tirgu, tostarp diskrimināciju",
            "AT, BE, BG, CY, CZ, EL, ES, HR, HU, LT, LU, NL, PT, RO, SK", 49,
            "AL, KOS, ME, MK, RS, TR", 24),
        Row("Nodrošināt personalizētus ieteikumus individuāliem darba meklētājiem",
            "AT, BG, CZ, EL, ES, HU, HR, LV, LU, NL, RO, SI, SK", 41, "AL, ME, MK, RS, TR", 11),
        Row("Atbalstīt profesionālo apmācību",
            "AT, BG, CY, ES, LV, LU, NL, RO, SK", 20, "AL, KOS, ME, MK, RS, TR", 8),
        Row("Atbalstīt mūžizglītību un prasmju pilnveidošanu",
            "AT, BG, ES, HR, HU, LV, LT, LU, NL, PT", 18, "AL, ME, MK, RS", 7),
        Row("Atbalstīt pašnodarbinātību un darījumdarbību",
            "AT, BG, HR, CZ, EL, ES, HU, LT", 18, "AL, BiH, KOS, ME, MK, RS, TR", 11),
        Row("Atbalstīt pirmo darba pieredzi",
            "AT, BG, CY, CZ, EL, ES, HR, LU, RO, SK", 16, "AL, KOS, ME, MK, RS", 9),
        Row("Atbalstīt apmācību darba vietā", "BG, CZ, ES, HU, LV, LU, SK", 14, "AL, KOS, MK, RS", 4),
        Row("Nodrošināt vienlīdzīgu piekļuvi vispārējiem valsts nodarbinātības dienestu pakalpojumiem",
            "BG, HR, CZ, HU, LV, SK, ES, UK", 13, "AL, KOS, ME, MK, RS", 16),
        Row("Veicināt nodarbinātības iespējas civildienestā", "EL, HU, NL, SK", 8, "AL, ME, RS", 5),
    ],
    # lines 1008-1078
    "health": [
        Row("Likvidēt šķēršļus attiecībā uz piekļuvi veselības aprūpes sistēmai",
            "AT, BE, BG, CZ, EL, ES, HR, HU, IT, RO, SE, SK, UK", 45, "AL, BiH, KOS, ME, MK, RS", 15),
        Row("Uzlabot informētību par veselības un veselības aprūpes jautājumiem",
            "AT, BG, CZ, EL, ES, HR, HU, IT, LV, NL, SE, SI, SK, UK", 41,
            "AL, BiH, KOS, ME, MK, RS, TR", 17),
        Row("Uzlabot piekļuvi bezmaksas vakcinācijas programmām, kas paredzētas bērniem un "
            "vislielākajam riskam pakļautajām grupām",
            "AT, BG, EL, HR, HU, SK, UK", 11, "AL, KOS, ME, MK, RS, TR", 14),
        Row("Uzlabot piekļuvi medicīniskām pārbaudēm, pirmsdzemdību un pēcdzemdību aprūpei un "
            "ģimenes plānošanas pakalpojumiem",
            "AT, ES, HU, SI, SK, UK", 11, "AL, BiH, KOS, ME, MK, RS, TR", 13),
    ],
    # lines 1240-1334
    "housing": [
        Row("Nodrošināt piekļuvi komunālajiem pakalpojumiem un infrastruktūrai mājokļos",
            "BE, BG, CY, EL, ES, HR, RO, SI, SK, UK", 26, "AL, BiH, KOS, ME, MK, RS", 9),
        Row("Likvidēt teritoriālo segregāciju un veicināt segregācijas novēršanu",
            "AT, BE, BG, EL, ES, HU, IT, LT, RO, SK,UK", 25, "AL, ME", 3),
        Row("Veicināt nediskriminējošu piekļuvi sociālajiem mājokļiem",
            "AT, CZ, EL, ES, HU, IT, LT, LV, RO, SI, SK, UK", 22, "AL, ME, KOS, MK, RS", 11),
        Row("Nodrošināt, ka pilsētu atjaunošanas projekti ietver integrētas intervences mājokļu "
            "jomā, ar kurām palīdz marginalizētām kopienām",
            "BE, BG, ES, HR, HU, IT, SK", 12, "AL, BiH", 2),
        Row("Veicināt sabiedrības virzītu vietējo attīstību un/vai integrētos teritoriālos "
            "ieguldījumus, ko atbalsta no ESI fondiem",
            "ES, HR, HU, IT", 9, "MK, RS", 2),
        Row("Nodrošināt apmešanās vietas romiem, kuri neuzturas vienā vietā", "AT, UK", 5, "", 0),
    ],
    # lines 1685-1809
    "discrimination": [
        Row("Apkarot pret romiem vērstu noskaņojumu, veidojot izpratni par romu integrācijas ieguvumiem",
            "AT, BE, BG, CZ, ES, IT, LT, LV, PT, SK, SE", 35, "AL, ME, MK, RS, TR", 27),
        Row("Apkarot pret romiem vērstu noskaņojumu, veidojot izpratni par daudzveidību",
            "AT, BE, BG, CZ, EE, ES, IT, LT, LV, PT, SE, SK", 31, "AL, ME, MK, RS, TR", 28),
        Row("Apkarot pret romiem vērstu noskaņojumu, apkarojot pret romiem vērstu retoriku un naida runu",
            "AT, BG, CZ, ES, HU, IT, LT, LV, SK, UK", 27, "ME, TR", 6),
        Row("Apkarot vardarbību, tostarp vardarbību mājās, kas vērsta pret sievietēm un meitenēm",
            "AT, ES, IT, NL", 11, "AL, RS, TR", 4),
        Row("Apkarot (daudzkārtēju) diskrimināciju, ar ko saskaras bērni un sievietes, iesaistot "
            "visas attiecīgās ieinteresētās personas",
            "AT, ES, IT, NL", 8, "AL, ME, MK, RS, TR", 23),
        Row("Apkarot agrīnas un piespiedu laulības", "AT, NL", 6, "RS", 1),
        Row("Nodrošināt Direktīvas 2000/43/EK efektīvu īstenošanu praksē",
            "CZ, HR, IT, LT", 6, "AL, ME, MK, RS, TR", 24),
        Row("Apkarot cilvēku tirdzniecību", "AT, HU", 6, "AL, MK, RS", 8),
        Row("Īstenot segregācijas novēršanas pasākumus reģionālā un vietējā mērogā",
            "HU, NL, UK", 3, "AL, ME, RS", 14),
        Row("Nodrošināt, ka izlikšana no mājokļa pilnībā atbilst ES tiesību aktiem un "
            "starptautiskajām saistībām cilvēktiesību jomā",
            "IT", 1, "AL, MK, RS", 3),
        Row("Apkarot bērnu iesaistīšanu ubagošanā, īstenojot tiesību aktus", "AT", 1, "AL, RS", 3),
        Row("Veicināt dalībvalstu sadarbību situācijās, kurām ir pārrobežu aspekts", "AT", 1, "", 0),
    ],
}
# fmt: on

TABLE_SECTION = {
    "education": "I.1.1",
    "employment": "I.2.3",
    "health": "I.3.2",
    "housing": "I.4.1",
    "discrimination": "II.2",
}
TABLE_TITLE_START = {
    "education": "Izglītības pasākumu sadalījums",
    "employment": "Nodarbinātības pasākumu sadalījums",
    "health": "Veselības aprūpes pasākumu sadalījums",
    "housing": "Mājokļu jomā veikto pasākumu sadalījums",
    "discrimination": "Diskriminācijas novēršanas pasākumu sadalījums",
}
ROW_CASES = [
    pytest.param(domain, k, row, id=f"table.{domain}.{k:02d}")
    for domain, rows in TABLES.items()
    for k, row in enumerate(rows, start=1)
]


def _codes(listed: str) -> list[str]:
    return [c.strip() for c in listed.split(",") if c.strip()]


def test_five_measure_tables_in_report_order(report: Report) -> None:
    assert [t.id for t in report.tables] == [f"table.{d}" for d in TABLES]
    for t in report.tables:
        assert t.domain == t.id.split(".")[1]
        assert t.section_id == TABLE_SECTION[t.domain]
        assert t.title_lv.startswith(TABLE_TITLE_START[t.domain])
        assert t.title_lv.rstrip(".").endswith(
            "atbilstoši attiecīgajām Padomes Ieteikumā minētajām apakšjomām"
        )
        assert len(t.rows) == len(TABLES[t.domain])
        for word in ("Tematiskā apakšjoma", "Dalībvalsts", "Paplašināšanās", "Pasākumu", "skaits"):
            assert word in t.header_lv


def test_education_table_has_its_source_line(report: Report) -> None:
    # line 328; the other four tables print no source
    edu = next(t for t in report.tables if t.domain == "education")
    assert (
        edu.source
        == "Avots: EK (2018), VKRJ ziņojumi par romu integrācijas pasākumiem, kas īstenoti 2017. gadā."
    )


@pytest.mark.parametrize(("domain", "k", "exp"), ROW_CASES)
def test_table_row(report: Report, domain: str, k: int, exp: Row) -> None:
    row = next(r for r in report.table_rows if r.id == f"table.{domain}.{k:02d}")
    assert row.domain == domain
    assert row.table_id == f"table.{domain}"
    assert row.section_id == TABLE_SECTION[domain]
    assert row.sub_area_lv == exp.sub_area
    assert row.member_states == _codes(exp.member_states)
    assert row.member_state_measures == exp.ms_measures
    assert row.enlargement_countries == _codes(exp.enlargement)
    assert row.enlargement_measures == exp.en_measures


def test_table_rows_are_paragraphs_of_their_section(report: Report) -> None:
    for row in report.table_rows:
        section = report.section(row.section_id)
        assert section is not None
        rows = [p.text for p in section.paragraphs if p.kind == "table_row"]
        assert any(text.startswith(row.sub_area_lv) for text in rows), row.id


# --- footnotes ------------------------------------------------------------------------------

# country-list footnotes as printed (lines 442-452, 670-674, 995-1006, 1487-1513, 1669-1683,
# 1997-2002)
# fmt: off
FOOTNOTE_COUNTRIES: dict[int, str] = {
    9: "AT, FR, EL, ES, IT, LV, RO", 10: "CZ, SK", 11: "HU, ES, LV", 12: "AT, ES, IT, PT",
    13: "AT, CY, EE, EL, ES, FR, HR, LT, NL", 14: "EL, ES, HR, RO", 15: "EL, LV, SE, SK",
    16: "ES, LT, LV, PL", 17: "BG, EL, ES", 18: "AT, BG, EL", 19: "HR, IT, PT",
    21: "BG, ES, HR", 22: "AT, BG, CZ, ES, FR, HR, HU, LV, NL, SK", 23: "AT, EL, PL, PT, SK",
    24: "EE, ES, LT, LV, NL, PT, RO", 25: "BG, EE, FR, NL, PT",
    26: "EL, FR, HU, HR", 27: "HU, PL, SI", 28: "AT, HU, RO", 29: "CZ, HU, LT, SI",
    30: "FR, RO, SE, SK", 31: "BG, RO", 32: "EL, HU, LT, SE, RO", 33: "BG, CZ, EL, HR",
    34: "BG, ES, HR, RO", 35: "AT, CZ", 36: "ES, EL", 37: "BG, PL, SK",
    38: "AT, CZ, EL, HU, LV, LT, PT, RO", 39: "ES, FR, HU, IT, LT", 40: "FR, NL", 41: "SI",
    42: "HR", 43: "BG", 44: "BG, CY, ES, SK", 45: "ES, LT, LV, NL", 46: "CZ, BG",
    47: "BG, EE, ES, HU, HR, PT, SK", 48: "ES, FR, HU, LV", 49: "IT, ES, SI", 50: "AT, CZ, LT, PT",
    51: "EE, ES, HR, LV", 52: "BG, ES, SK", 53: "CY, FR, EL, PL, RO",
}
# fmt: on

# the section whose text carries each marker
FOOTNOTE_SECTION: dict[int, str] = {
    **{n: "INTRO" for n in range(1, 8)},
    8: "I",
    **{n: "I.1.2" for n in range(9, 20)},
    20: "I.1.3",
    **{n: "I.2.2" for n in range(21, 26)},
    **{n: "I.3.2" for n in range(26, 38)},
    **{n: "I.4.2" for n in range(38, 47)},
    **{n: "II.2" for n in range(47, 54)},
    54: "III",
    55: "III",
    56: "IV",
    57: "IV",
}
# prose footnotes: (start, end) as printed
FOOTNOTE_TEXT: dict[int, tuple[str, str]] = {
    1: ("COM(2011) 173 galīgā redakcija.", "arī aptver integrētas politikas pasākumu kopas."),
    2: ("COM(2018) 785 final.", "nenoliedzot minētajām grupām piemītošās īpatnības."),
    3: (
        "Valstu nosaukumu saīsinājumus skatīt www.ec.europa.eu/eurostat.",
        "šajā paziņojumā un Komisijas dienestu darba dokumentā (SWD).",
    ),
    4: ("Sk. 1. pielikumu.", "Sk. 1. pielikumu."),
    5: ("SWD.", "SWD."),
    6: (
        "Konceptuālais novērtējums par intervences pasākumiem romu iekļaušanas nolūkā",
        "Kopīgais pētniecības centrs, gaidāms 2019. gadā.",
    ),
    7: ("Turpat.", "Turpat."),
    8: ("2013/C 378/01.", "2013/C 378/01."),
    20: ("http://www.romaeducationfund.org/", "desegregation_toolkit__2015_web.pdf."),
    54: (
        "6. punkts. “Romu integrācijas veicināšana ārpus ES",
        "labāka pārraudzība, ciešāka sadarbība ar pilsonisko sabiedrību.",
    ),
    55: (
        "Ikgadēja ziņošana par īstenošanu;",
        "Stabilizācijas un asociācijas nolīguma apakškomitejas.",
    ),
    56: (
        "Tas ietver arī ciešu sadarbību starp ieinteresētajām personām",
        "pilsoniskajai sabiedrībai cieši sadarbojoties ar romu kopienām.",
    ),
    57: (
        "Tam būtu jāietver arī pret romiem vērsta noskaņojuma",
        "ietekmes uz reakciju attiecībā uz krimināltiesībām).",
    ),
}


def _footnote(report: Report, n: int) -> Footnote:
    note = report.footnote(n)
    assert note is not None, f"footnote {n} missing"
    return note


def test_all_57_footnotes_in_order(report: Report) -> None:
    assert [f.n for f in report.footnotes] == list(range(1, 58))
    assert all(f.text and f.text == f.text.strip() for f in report.footnotes)


@pytest.mark.parametrize("n", list(FOOTNOTE_COUNTRIES))
def test_country_list_footnote(report: Report, n: int) -> None:
    note = _footnote(report, n)
    assert note.countries == _codes(FOOTNOTE_COUNTRIES[n])
    assert note.text.rstrip(". ").removeprefix("Piem., ") == FOOTNOTE_COUNTRIES[n]


@pytest.mark.parametrize("n", list(FOOTNOTE_TEXT))
def test_prose_footnote(report: Report, n: int) -> None:
    note = _footnote(report, n)
    start, end = FOOTNOTE_TEXT[n]
    assert note.text.startswith(start)
    assert note.text.endswith(end)
    # "DK, FI un IE" in footnote 3 is a sentence, not a country list
    assert note.countries == []


def test_footnotes_9_and_10_as_in_the_brief(report: Report) -> None:
    assert _footnote(report, 9).countries == ["AT", "FR", "EL", "ES", "IT", "LV", "RO"]
    assert _footnote(report, 10).text == "Piem., CZ, SK."
    assert _footnote(report, 10).countries == ["CZ", "SK"]


def test_footnote_sections(report: Report) -> None:
    assert {f.n: f.section_id for f in report.footnotes} == FOOTNOTE_SECTION


def test_footnote_urls(report: Report) -> None:
    assert "www.ec.europa.eu/eurostat" in _footnote(report, 3).urls
    # the page-foot link target (line 108) extends footnote 3's printed address
    assert any("statistics-explained" in u for u in _footnote(report, 3).urls)
    assert _footnote(report, 20).urls[0] == (
        "http://www.romaeducationfund.org/sites/default/files/publications/desegregation_toolkit__2015_web.pdf"
    )
    assert all(not f.urls for f in report.footnotes if f.n not in (3, 20))


def test_every_footnote_is_cited_exactly_once_in_paragraph_text(report: Report) -> None:
    cited = Counter(ref.n for p in _paragraphs(report) for ref in p.footnotes)
    assert cited == Counter(range(1, 58))


def test_marker_offsets_point_at_the_phrase(report: Report) -> None:
    for p in _paragraphs(report):
        for ref in p.footnotes:
            assert 0 < ref.offset <= len(p.text), (p.id, ref)
            assert p.text[: ref.offset].endswith(ref.phrase), (p.id, ref)


# (section, phrase the marker follows) typed from the text around each marker
FOOTNOTE_PHRASES: dict[int, tuple[str, str]] = {
    9: ("I.1.2", "starpniecība"),  # "… ko min VKRJ, ir starpniecība9."
    10: ("I.1.2", "bērnudārzu kapacitātes veidošana"),
    20: ("I.1.3", "atspoguļojot šos jautājumus plašsaziņas līdzekļos"),
    26: ("I.3.2", "vakcinācijas kampaņas"),
    47: ("II.2", "romu sieviešu un bērnu apstākļu uzlabošana"),
    53: ("II.2", "vairākas dalībvalstis"),
    54: ("III", "pārsniedzot gaidīto un pilnvaras"),  # glued: "pilnvaras54,"
    55: ("III", "darba metodes"),
    56: ("IV", "kopīgu atbildību un ilgtspēju"),  # glued: "ilgtspēju56;"
    57: ("IV", "romu iekļaušanas intervences pasākumos visās jomās"),  # glued: "jomās57;"
}


@pytest.mark.parametrize("n", list(FOOTNOTE_PHRASES))
def test_footnote_marker_attachment(report: Report, n: int) -> None:
    section_id, phrase_end = FOOTNOTE_PHRASES[n]
    [(para, ref)] = _refs(report)[n]
    assert para.section_id == section_id
    assert ref.phrase.endswith(phrase_end), ref.phrase


def test_footnote_9_phrase_ends_in_starpnieciba(report: Report) -> None:
    [(para, ref)] = _refs(report)[9]
    assert para.section_id == "I.1.2"
    assert ref.phrase.endswith("starpniecība")
    assert para.text[ref.offset :].startswith(". Citi panākumi ir šādi:")


@pytest.mark.parametrize(
    ("n", "section_id", "before", "after"),
    [
        (54, "III", "pārsniedzot gaidīto un pilnvaras", ", palielināja savu mērķu vērienīgumu"),
        (56, "IV", "kopīgu atbildību un ilgtspēju", ";"),
        (57, "IV", "intervences pasākumos visās jomās", ";"),
    ],
)
def test_glued_markers_are_resolved(
    report: Report, n: int, section_id: str, before: str, after: str
) -> None:
    [(para, ref)] = _refs(report)[n]
    assert para.section_id == section_id
    assert para.text[: ref.offset].endswith(before)
    assert para.text[ref.offset :].startswith(after)
    assert f"{before}{n}" not in para.text


def test_no_marker_digits_glued_to_words(report: Report) -> None:
    glued = re.compile(r"[^\W\d_]\d{1,2}(?=[\s,;.:)]|$)")
    bad = [(p.id, m.group()) for p in _paragraphs(report) for m in glued.finditer(p.text)]
    assert not bad


def test_no_marker_number_left_beside_its_phrase(report: Report) -> None:
    """A marker printed on its own line must not survive as "… gadam 1 ." in the rejoined text."""
    for p in _paragraphs(report):
        for ref in p.footnotes:
            assert not p.text[: ref.offset].rstrip().endswith(str(ref.n)), (p.id, ref.n)
            assert not p.text[ref.offset :].lstrip().startswith(str(ref.n)), (p.id, ref.n)


# --- approaches and priorities --------------------------------------------------------------


class Item(NamedTuple):
    countries: str  # approaches: codes in the report's order; priorities: ""
    start: str  # the text as printed, country prefix included
    end: str


# fmt: off
APPROACHES: dict[str, list[Item]] = {
    # lines 472-514
    "education": [
        Item("BG, CZ, DK, EL, FI, FR, HR, HU, LT, PL, SK",
             "BG, CZ, DK, EL, FI, FR, HR, HU, LT, PL, SK: obligātas (bezmaksas) pirmsskolas",
             "bērnudārzu skolotāju apmācība"),
        Item("CY, EL, ES, IE, IT, HR, HU, LT, LV, NL, PL, PT, RO, SE, SI",
             "CY, EL, ES, IE, IT, HR, HU, LT, LV, NL, PL, PT, RO, SE, SI: programmas, kuru mērķis ir",
             "otrās iespējas izglītību, skolotāju apmācību, atbalstu ģimenēm"),
        Item("AT, CY, FI, HU, IE, IT, PT, RO", "AT, CY, FI, HU, IE, IT, PT, RO: romu vēstures",
             "kultūras iekļaušana valstu mācību programmās"),
        Item("IE, HR, RO", "IE, HR, RO: vietu piešķiršana romiem", "augstākās izglītības iestādēs"),
        Item("LT", "LT: spēju veidošana", "skolu tīklā, kuras apmeklē romu bērni"),
        Item("SE", "SE: skolotāju apmācība (Södertörn Universitāte)", "pieaugušo izglītība romu valodā"),
    ],
    # lines 793-839
    "employment": [
        Item("BG, CY, ES, IT, LV, NL, PT, SI", "BG, CY, ES, IT, LV, NL, PT, SI: reģionālās vai vietējās",
             "aktīvu darba meklēšanu vai pašnodarbinātību"),
        Item("HU, EL, ES, FR", "HU, EL, ES, FR: mērķorientētas programmas",
             "romu sieviešu nodarbināmību (sociālajā sektorā)"),
        Item("IT, LT, HU", "IT, LT, HU: piemēri sadarbībai ar darba devējiem",
             "romu iekārtošanu darbā un stereotipu novēršanu"),
        Item("SK", "SK: grozījums Likumā par valsts nodarbinātības dienestiem",
             "darba meklētājam un nodarbinātības birojam"),
        Item("BE", "BE: kopš 2016. gada romiem ir piekļuve “integrācijas ceļam”",
             "kā arī preventīvo vai tiešo pakalpojumu sniegšanai"),
        Item("HR", "HR: Ombuda birojs sniedz apmācību",
             "darbiniekiem un citiem civildienesta ierēdņiem"),
        Item("UK", "UK: rasu atšķirību revīzija", "informāciju par diskrimināciju nodarbinātības jomā"),
    ],
    # lines 1097-1137
    "health": [
        Item("BG, CZ, DK, EL, FR, HU, PL, PT, RO, SE, SI, SK",
             "BG, CZ, DK, EL, FR, HU, PL, PT, RO, SE, SI, SK: romu starpnieku veselības jomā",
             "lai sekmētu romu piekļuvi veselības aprūpei"),
        Item("AT, BG, EL, FR, HU, HR, PL, SK, UK",
             "AT, BG, EL, FR, HU, HR, PL, SK, UK: vakcinācijas kampaņas",
             "personām, kuras dzīvo marginalizētās teritorijās"),
        Item("CZ, IT, RO, SI, SK", "CZ, IT, RO, SI, SK: ilgtermiņa valsts veselības programmas",
             "rīcības plāni, stratēģijas"),
        Item("ES", "ES: romu un pilsoniskās līdzdalības nodrošināšana",
             "paredzētas sociālo pakalpojumu jomas profesionāļiem"),
        Item("FI", "FI: Valsts veselības un labklājības institūta", "Pētījums par romu labklājību"),
        Item("PT", "PT: uz pierādījumiem balstīta", "pediatrisko uzskaiti un veselīgiem ēšanas paradumiem"),
        Item("LT", "LT: romu sievietēm un jauniešiem paredzēti",
             "seksuālo un reproduktīvo veselību un bērnu aprūpi"),
    ],
    # lines 1408-1446, 1516-1528 (the page break falls inside the SI item)
    "housing": [
        Item("ES", "ES: vietējās un reģionālās valdības ar NVO atbalstu",
             "uzlabojumus izglītībā, veselības aprūpē un nodarbinātībā"),
        Item("CZ", "CZ: ESI fondu atbalsts", "kuru izmēģināja Darba ministrija un 12 pašvaldības)"),
        Item("EL", "EL: jauni noteikumi", "lai palīdzētu atrast mājokli integrētos apstākļos"),
        Item("FR", "FR: vairāku ieinteresēto personu visaptveroša pieeja “Galvenais ir mājoklis” Tulūzā",
             "piekļuvi izglītībai, nodarbinātībai un veselības aprūpei"),
        Item("SI", "SI: publiskie iepirkumi saistībā ar pamata komunālās infrastruktūras izveidi "
             "(ūdens, elektrība, ceļi)", "kas paredzēti pašvaldību teritorijām, kurās mitinās romi"),
        Item("LT", "LT: segregācijas novēršanas process Kirtimai apmetnē Viļņā",
             "ar subsidētu īri daudzbērnu ģimenēm"),
        Item("SE", "SE: padomi un apmācība mājokļu saimniekiem",
             "papildināt zināšanas un apkarot romu diskrimināciju"),
    ],
    # lines 1848-1920, 2003-2015
    "discrimination": [
        Item("AT", "AT: pateicoties rezultātiem", "galveno mērķi Austrijas ES prezidentūras laikā"),
        Item("DE", "DE: ir izveidota neatkarīga ekspertu komisija",
             "ieteikumus pret romiem vērsta noskaņojuma novēršanai mūsdienās."),
        Item("SK, NL, PL, LV", "Romu holokausta atzīšana un rasisma novēršanas komitejas izveide",
             "Romu vēstures un mākslas muzejs un kompensācija piespiedu darba upuriem (LV)"),
        Item("CZ", "CZ: valdība iegādājās cūku audzēšanas saimniecību",
             "tiks uzbūvēts romu holokausta upuriem veltīts memoriāls"),
        Item("SE", "SE: pret romiem vērsta noskaņojuma apkarošanas komisijas",
             "sadarbībā ar minoritātēm, tostarp romiem"),
        Item("ES", "ES: Romu kultūras institūta un reģionālo valdību",
             "naida noziegumi un diskriminācija Spānijas provincēs"),
        Item("IT", "IT: vienlīdzību veicinošā struktūra (un VKRJ)",
             "uzraudzīt un novērst naida runu vai ziņot par to"),
        Item("FI", "FI: NVO (iesaistot romus) organizētas diskriminācijas novēršanas kampaņas",
             "pārrauga Diskriminācijas novēršanas ombuda birojs"),
        Item("IE", "IE: Īrijas policijas ētikas kodekss",
             "veidot uzticēšanos starp nomadiem un policiju"),
        Item("CZ, EL, HU, SK, RO", "CZ, EL, HU SK, RO: tādu sociāli atstumtu / romu kopienu kartēšana",
             "tostarp no ESI fondiem finansētos pasākumus"),
        Item("UK", "UK: objekts tiešsaistes ziņošanai par naida noziegumiem",
             "objekts tiešsaistes ziņošanai par naida noziegumiem"),
    ],
}

PRIORITIES: dict[str, list[Item]] = {
    "education": [
        Item("", "Atbalstīt audzināšanu mājās", "agrīnas iejaukšanās un novēršanas programmām"),
        Item("", "Ieviest vai paplašināt kvalitatīvu, iekļaujošu, bezmaksas un obligātu",
             "attiecībā uz piekļuvi šādai izglītībai"),
        Item("", "Veicināt izglītības kvalitāti, iekļautību un rezultātus",
             "nelabvēlīgā situācijā esošām skolām/reģioniem"),
        Item("", "Sistemātiski pārraudzīt un apkarot skolu un klašu segregāciju",
             "papildinošus pasākumus romu ģimeņu atbalstam"),
        Item("", "Nodrošināt sabiedrības atbalstu", "skaidrus, aktīvus segregācijas novēršanas pasākumus"),
        Item("", "Apvienot stipendijas, apmācību un ārpusskolas nodarbības",
             "sekmēt pāreju uz nākamo izglītības līmeni"),
        Item("", "Pievērsties romu meitenēm", "mazināt priekšlaicīgu mācību pārtraukšanu"),
        Item("", "Veicināt pāreju uz vidusskolas izglītību", "romu skolēniem un viņu ģimenēm"),
    ],
    "employment": [
        Item("", "Nodrošināt vispārējus valsts nodarbinātības pakalpojumus",
             "integrāciju primārajā darba tirgū"),
        Item("", "(Turpināt) apmācīt un nodarbināt romus", "pārejas posmus izglītībā un uz darba tirgu"),
        Item("", "Skaidrāk pievērsties romiem (jauniešiem un sievietēm)", "ietverot Garantiju jauniešiem"),
        Item("", "Izraisīt darba devēju interesi", "stimulēt darba devējus nodarbināt romus"),
        Item("", "Sistemātiski pārraudzīt un apkarot diskrimināciju",
             "saistībā ar piekļuvi darba tirgum un darbavietā"),
        Item("", "Apvienot darbā iekārtošanas atbalstu (praksi)", "un darbu ar darba devējiem"),
        Item("", "Piešķirt prioritāru nozīmi (re)integrācijai", "(piem., valsts vai neoficiāls darbs)"),
        Item("", "Izstrādāt integrētus risinājumus", "izmantojot arī starpvalstu sadarbību"),
    ],
    "health": [
        Item("", "Palielināt veselības apdrošināšanas segumu",
             "seksuālās veselības jomā mazāk attīstītās teritorijās"),
        Item("", "Pastiprināt centienus novērst un apkarot narkomāniju",
             "sirds un asinsvadu slimības, priekšlaicīgas dzemdības"),
        Item("", "Pārraudzīt un apkarot diskrimināciju saistībā ar piekļuvi veselības aprūpei",
             "profesionāļu interesi par romu vajadzībām"),
        Item("", "Nodrošināt, ka romu starpnieki veselības jomā", "palīdz veidot romu ilgtermiņa pašpaļāvību"),
        Item("", "Uzlabot uzturu un apkarot neveselīgus dzīves apstākļus",
             "pievēršoties romu sievietēm un ģimenēm ar bērniem"),
    ],
    "housing": [
        Item("", "Ieguldīt cenu ziņā pieejamās un atbilstošās sociālo mājokļu rezervēs",
             "atbilstības kritēriji ir pieejami romiem"),
        Item("", "Nodrošināt tādu palīdzību mājokļu jomā", "kas paredzēta visneaizsargātākajiem"),
        Item("", "Legalizēt mājokļus", "novērst piespiedu izlikšanu no mājokļa"),
        Item("", "Apvienot visaptverošus ilgtermiņa segregācijas novēršanas pasākumus",
             "nodrošināt kopienu līdzdalību izstrādē un īstenošanā"),
        Item("", "Nodrošināt visiem piekļuvi tīram ūdenim, pamata sabiedriskajiem pakalpojumiem",
             "garantējot skaidrus aizsardzības pasākumus romiem"),
        Item("", "Apkarot diskrimināciju saistībā ar piekļuvi", "(sociālajiem un privātajiem) mājokļiem"),
        Item("", "Garantēt, ka nomadiem tiek nodrošinātas",
             "kultūras ziņā atbilstošas apmešanās vietas"),
    ],
    "discrimination": [
        Item("", "Sagatavot etniski sadalītu (anonimizētu) datu apkopojumu",
             "publiskās politikas ietekmi uz romiem"),
        Item("", "Izstrādāt pasākumus ar mērķi apkarot un pārraudzīt",
             "iesaistot romu pilsonisko sabiedrību un pievēršoties sabiedrībai kopumā"),
        Item("", "Nodrošināt līdztiesības likumu izpildi",
             "īstenojot apmācību par diskriminācijas novēršanu"),
        Item("", "Atbalstīt tiesu iestāžu pieejamību romiem",
             "stiprināt vienlīdzību veicinošo struktūru spējas novērst romu diskrimināciju"),
        Item("", "Izveidot romu vadītas patiesības un izlīguma procedūras",
             "kā arī sekmēt uzticēšanos un izlīgumu"),
        Item("", "Nodrošināt iespējas romiem pilnvērtīgi piedalīties", "visos politikas procesa posmos"),
        Item("", "Ievērot holistisku, dzimumam un bērniem piemērotu pieeju",
             "vardarbību, tostarp cilvēku tirdzniecību"),
        Item("", "Mazināt ubagošanas sociālās izmaksas", "saglabāt cilvēka cieņu"),
    ],
}
# fmt: on

APPROACH_SECTION = {
    "education": "I.1.3",
    "employment": "I.2.3",
    "health": "I.3.3",
    "housing": "I.4.3",
    "discrimination": "II.3",
}


def _items(report: Report, domain: str, kind: str) -> list[Approach]:
    return [a for a in report.approaches if a.domain == domain and a.kind == kind]


@pytest.mark.parametrize("domain", list(APPROACHES))
def test_counts_per_box(report: Report, domain: str) -> None:
    assert len(_items(report, domain, "approach")) == len(APPROACHES[domain])
    assert len(_items(report, domain, "priority")) == len(PRIORITIES[domain])


def test_box_counts_as_counted_by_hand(report: Report) -> None:
    counts = Counter((a.domain, a.kind) for a in report.approaches)
    assert counts == {
        ("education", "approach"): 6,
        ("education", "priority"): 8,
        ("employment", "approach"): 7,
        ("employment", "priority"): 8,
        ("health", "approach"): 7,
        ("health", "priority"): 5,
        ("housing", "approach"): 7,
        ("housing", "priority"): 7,
        ("discrimination", "approach"): 11,
        ("discrimination", "priority"): 8,
    }


ITEM_CASES = [
    pytest.param(
        domain, kind, k, item, id=f"{'appr' if kind == 'approach' else 'prio'}.{domain}.{k:02d}"
    )
    for kind, table in (("approach", APPROACHES), ("priority", PRIORITIES))
    for domain, items in table.items()
    for k, item in enumerate(items, start=1)
]


@pytest.mark.parametrize(("domain", "kind", "k", "exp"), ITEM_CASES)
def test_approach_item(report: Report, domain: str, kind: str, k: int, exp: Item) -> None:
    prefix = "appr" if kind == "approach" else "prio"
    item = next(a for a in report.approaches if a.id == f"{prefix}.{domain}.{k:02d}")
    assert item.kind == kind
    assert item.domain == domain
    assert item.section_id == APPROACH_SECTION[domain]
    assert item.text.startswith(exp.start), item.text
    assert item.text.endswith(exp.end), item.text
    assert item.countries == _codes(exp.countries)
    assert BULLET not in item.text
    assert "  " not in item.text


def test_housing_box_as_read(report: Report) -> None:
    si = next(a for a in _items(report, "housing", "approach") if a.countries == ["SI"])
    assert si.text == (
        "SI: publiskie iepirkumi saistībā ar pamata komunālās infrastruktūras izveidi (ūdens, "
        "elektrība, ceļi), kas paredzēti pašvaldību teritorijām, kurās mitinās romi"
    )
    water = [
        p for p in _items(report, "housing", "priority") if p.text.startswith("Nodrošināt visiem")
    ]
    assert [p.text for p in water] == [
        "Nodrošināt visiem piekļuvi tīram ūdenim, pamata sabiedriskajiem pakalpojumiem un būtiskiem "
        "valsts pakalpojumiem, garantējot skaidrus aizsardzības pasākumus romiem"
    ]
    kinds = {a.countries[0]: a.kind for a in _items(report, "housing", "approach")}
    assert kinds["LT"] == "approach" and kinds["SE"] == "approach"
    assert not any(p.text.startswith(("LT:", "SE:")) for p in _items(report, "housing", "priority"))


def test_discrimination_box_as_read(report: Report) -> None:
    five = next(
        a
        for a in _items(report, "discrimination", "approach")
        if a.text.startswith("CZ, EL, HU SK, RO")
    )
    assert five.countries == ["CZ", "EL", "HU", "SK", "RO"]
    holocaust = next(a for a in report.approaches if a.text.startswith("Romu holokausta atzīšana"))
    assert holocaust.kind == "approach"
    assert holocaust.countries == ["SK", "NL", "PL", "LV"]
    truth = next(
        a for a in report.approaches if a.text.startswith("Izveidot romu vadītas patiesības")
    )
    assert truth.kind == "priority"
    assert truth.text == (
        "Izveidot romu vadītas patiesības un izlīguma procedūras ar mērķi izpētīt un dokumentēt "
        "agrākus pārkāpumus pret romiem un veidot izpratni par tiem, kā arī sekmēt uzticēšanos un "
        "izlīgumu"
    )


def test_education_second_approach_has_15_codes(report: Report) -> None:
    second = _items(report, "education", "approach")[1]
    assert second.text.startswith(
        "CY, EL, ES, IE, IT, HR, HU, LT, LV, NL, PL, PT, RO, SE, SI: programmas"
    )
    assert len(second.countries) == 15


def test_approach_items_are_paragraphs_of_their_section(report: Report) -> None:
    for a in report.approaches:
        section = report.section(a.section_id)
        assert section is not None
        assert [p.text for p in section.paragraphs if p.kind == a.kind].count(a.text) == 1, a.id


# --- paragraphs -----------------------------------------------------------------------------


def test_introduction_lists_four_sources(report: Report) -> None:
    intro = report.section("INTRO")
    assert intro is not None
    items = [p.text for p in intro.paragraphs if p.kind == "list_item"]
    assert len(items) == 4
    starts = (
        "ziņojumi, ko iesnieguši valsts kontaktpunkti romu jautājumos (VKRJ)",
        "pilsoniskās sabiedrības ziņojumi no EP pilotprojekta “Roma Civil Monitor”",
        "dati par romu stāvokli no Eiropas Savienības Pamattiesību aģentūras (FRA)",
        "konceptuālais novērtējums par intervences pasākumiem romu iekļaušanas nolūkā",
    )
    for text, start in zip(items, starts, strict=True):
        assert text.startswith(start)
    # each source carries its own footnote, 3 to 6
    refs = [[r.n for r in p.footnotes] for p in intro.paragraphs if p.kind == "list_item"]
    assert refs == [[3], [4], [5], [6]]


def test_conclusions_list_18_success_factors(report: Report) -> None:
    conclusions = report.section("IV")
    assert conclusions is not None
    items = [p.text for p in conclusions.paragraphs if p.kind == "list_item"]
    # 18 bullets, counted in the report: lines 2094-2106 (3) and 2125-2181 (15)
    assert len(items) == 18
    assert items[0].startswith("pietiekams laiks ne vien īstenošanai")
    assert items[3].startswith(
        "spēcīga vairāku ieinteresēto personu partnerība"
    )  # after the page break
    assert items[-1] == (
        "neatkarīga kvantitatīva un kvalitatīva pārraudzība un novērtējums ar mērķi novērtēt "
        "progresu un nodrošināt politikas pārskatīšanu."
    )
    assert all(BULLET not in t for t in items)


def test_paragraph_text_is_clean(report: Report) -> None:
    for p in _paragraphs(report):
        assert p.text, p.id
        assert BULLET not in p.text, p.id
        assert p.text == p.text.strip(), p.id
        assert "\n" not in p.text, p.id


def test_no_page_debris_urls_in_paragraphs(report: Report) -> None:
    # the link targets printed at page feet (lines 108, 599, 1515); the body text has no URLs
    for p in _paragraphs(report):
        for debris in ("http", "www.", "statistics-explained", "romaeducationfund", "kgi-upol"):
            assert debris not in p.text, (p.id, debris)


def test_paragraphs_rejoin_across_page_breaks(report: Report) -> None:
    """Body text torn by a footnote area, a box or a table continues the same paragraph."""
    texts = [p.text for p in _paragraphs(report)]
    for joined in (
        # line 439 → 453, around footnotes 9-19
        "romu bērnu sociālo un akadēmisko integrāciju vispārējās skolās",
        # line 163 → 329, around the education table
        "izvēlas pasākumus, kuru mērķis ir uzlabot izglītības ieguvi",
        # line 582 → 600, around footnote 20 and the employment box
        "personalizēti pakalpojumi ar mērķi nodrošināt, ka vispārēji valsts nodarbinātības pakalpojumi",
        # line 667 → 779, around footnotes 21-25 and the employment table
        "cieši sadarboties ar privātā sektora darba devējiem",
        # line 1666 → 1810, around footnotes 47-51 and the discrimination table
        "romu sieviešu un bērnu stāvokļa uzlabošanas kontekstā",
    ):
        assert any(joined in t for t in texts), joined


def test_aim_sections_open_their_second_paragraph_with_the_question(report: Report) -> None:
    """Each "Pasākumu mērķis" has a paragraph opening "Kam (vēl) tiek pievērsta būtiska
    uzmanība …?" (lines 161, 608, 910, 1206, 1619); a blank-looking line (a lone space) before
    it is the only paragraph break the extract keeps there."""
    merged = []
    for section_id in ("I.1.1", "I.2.1", "I.3.1", "I.4.1", "II.1"):
        section = report.section(section_id)
        assert section is not None
        starts = [p.text.startswith("Kam ") for p in section.paragraphs if p.kind == "paragraph"]
        if not any(starts):
            merged += [p.id for p in section.paragraphs if " Kam tiek pievērsta" in p.text]
    # a merged paragraph ends one paragraph and runs on: "… vienā vietā. Kam tiek pievērsta …"
    assert not merged, f"paragraphs that swallowed the next one: {merged}"


def test_box_lines_are_not_repeated(report: Report) -> None:
    """One box_line paragraph per printed box line, even when it holds two figures."""
    for s in report.sections:
        lines = [p.text for p in s.paragraphs if p.kind == "box_line"]
        dupes = [t for t, c in Counter(lines).items() if c > 1]
        assert not dupes, (s.id, dupes)


def test_box_paragraphs(report: Report) -> None:
    edu = report.section("I.1")
    assert edu is not None
    headings = [p.text for p in edu.paragraphs if p.kind == "box_heading"]
    assert headings[0] == "Romu stāvoklis izglītības jomā (2016)"
    assert [p.kind for p in edu.paragraphs].count("box_note") == 1
    note = next(p.text for p in edu.paragraphs if p.kind == "box_note")
    assert note.startswith("* To romu bērnu īpatsvars attiecīgajā valstī")
    discr = report.section("II.1")
    assert discr is not None
    assert "Romu pieredze diskriminācijas jomā (2016)" in [p.text for p in discr.paragraphs]
