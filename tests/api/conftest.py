"""A small hand-made report and an app serving it, for tests that must not depend on the parser.

Every value here is chosen so a test can state exactly what an endpoint returns: which
paragraphs name Latvia, that 'ES programmu' (the EU) is not Spain while '(ES)' is, etc.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rivs_qa.api.app import create_app
from rivs_qa.config import Settings
from rivs_qa.report.model import (
    Approach,
    Country,
    Footnote,
    FootnoteRef,
    Indicator,
    MeasureTable,
    Paragraph,
    Report,
    Section,
    TableRow,
)
from rivs_qa.report.translation import Translation, apply_translation


def _p(
    pid: str, section_id: str, text: str, *refs: tuple[int, str], kind: str = "paragraph"
) -> Paragraph:
    return Paragraph(
        id=pid,
        section_id=section_id,
        kind=kind,  # type: ignore[arg-type]
        text=text,
        footnotes=[
            FootnoteRef(n=n, phrase=phrase, offset=text.index(phrase) + len(phrase))
            for n, phrase in refs
        ],
    )


EMPLOYMENT_LINE = "Apmaksāts darbs (vecums: 20–64 gadi): 43 % (sievietes: 29 %, vīrieši: 56 %)"


def make_report() -> Report:
    sections = [
        Section(
            id="INTRO",
            number="",
            title_lv="Ievads",
            title_en="Introduction",
            level=0,
            parent_id=None,
            domain=None,
            paragraphs=[
                _p(
                    "INTRO.p1",
                    "INTRO",
                    "Eiropas Komisija publicēja novērtējumu par ES programmu līdz 2020. gadam.",
                    (1, "ES programmu līdz 2020. gadam"),
                ),
            ],
        ),
        Section(
            id="I",
            number="I.",
            title_lv="Būtiskas politikas jomas",
            title_en="Key policy areas",
            level=1,
            parent_id=None,
            domain=None,
            paragraphs=[
                _p(
                    "I.p1", "I", "Latvijā pasākumi ir vispārēji, skatīt avotu.", (2, "skatīt avotu")
                ),
            ],
        ),
        Section(
            id="I.1",
            number="1.",
            title_lv="Izglītība",
            title_en="Education",
            level=2,
            parent_id="I",
            domain="education",
            paragraphs=[
                _p(
                    "I.1.p1",
                    "I.1",
                    "Pasākumi priekšlaicīgas mācību pārtraukšanas mazināšanai.",
                    (3, "priekšlaicīgas mācību pārtraukšanas mazināšanai"),
                ),
                _p(
                    "I.1.p2",
                    "I.1",
                    "Jāattīsta IT prasmes un valodu prasmes (ES).",
                    kind="list_item",
                ),
            ],
        ),
        Section(
            id="I.1.1",
            number="1.1.",
            title_lv="Pasākumu mērķis",
            title_en="Aim of measures",
            level=3,
            parent_id="I.1",
            domain="education",
            paragraphs=[
                _p(
                    "I.1.1.p1",
                    "I.1.1",
                    "Vairākas valstis (LV, ES un HU) atbalsta mentorus.",
                    (4, "atbalsta mentorus"),
                ),
            ],
        ),
        Section(
            id="II",
            number="II.",
            title_lv="Diskriminācijas apkarošana",
            title_en="Fighting discrimination",
            level=1,
            parent_id=None,
            domain="discrimination",
            paragraphs=[
                _p("II.p1", "II", "Bosnijā un Hercegovinā ir pieņemts rīcības plāns."),
            ],
        ),
    ]
    footnotes = [
        Footnote(n=1, text="COM(2011) 173 galīgā redakcija.", section_id="INTRO"),
        Footnote(
            n=2,
            text="Skatīt https://fra.europa.eu/lv.",
            urls=["https://fra.europa.eu/lv"],
            section_id="I",
        ),
        Footnote(n=3, text="LV, ES, HU.", countries=["LV", "ES", "HU"], section_id="I.1"),
        Footnote(n=4, text="Piem., BiH.", countries=["BiH"], section_id="I.1.1"),
    ]
    indicators = [
        Indicator(
            id="education.1",
            domain="education",
            section_id="I.1",
            group_lv="Augstākais iegūtais izglītības līmenis (vecums: 16 gadi un vairāk)",
            label_lv="pamatizglītības otrais posms",
            label_en="lower secondary education",
            value=38,
            value_text="38 %",
            population="vecums: 16 gadi un vairāk",
            source_line="o pamatizglītības otrais posms: 38 %",
        ),
        Indicator(
            id="education.2",
            domain="education",
            section_id="I.1",
            group_lv="Segregācija izglītībā (vecums: 6–15 gadi)",
            label_lv="apmeklē skolas, kurās visi skolēni ir romi",
            label_en="attend schools where all pupils are Roma",
            value=13,
            value_text="13 %",
            population="vecums: 6–15 gadi",
            source_line="o apmeklē skolas, kurās visi skolēni (13 %) ir romi",
        ),
        Indicator(
            id="employment.1",
            domain="employment",
            section_id="I",
            group_lv="",
            label_lv="Apmaksāts darbs",
            label_en="In paid work",
            value=43,
            value_text="43 %",
            breakdowns={"women": 29, "men": 56},
            breakdown_texts={"women": "29 %", "men": "56 %"},
            population="vecums: 20–64 gadi",
            source_line=EMPLOYMENT_LINE,
        ),
        Indicator(
            id="health.1",
            domain="health",
            section_id="I",
            group_lv="",
            label_lv="Medicīniskās apdrošināšanas segums",
            label_en="Medical insurance coverage",
            value=84.5,
            value_text="84,5 %",
            source_line="Medicīniskās apdrošināšanas segums: 84,5 %",
        ),
    ]
    table = MeasureTable(
        id="education.table",
        domain="education",
        section_id="I.1",
        title_lv="Izglītības pasākumu sadalījums",
        header_lv="Tematiskā apakšjoma",
        source="VKRJ ziņojumi",
        rows=[
            TableRow(
                id="education.table.1",
                table_id="education.table",
                domain="education",
                section_id="I.1",
                sub_area_lv="Apkarot priekšlaicīgu mācību pārtraukšanu",
                sub_area_en="Fight early school leaving",
                member_states=["LV", "ES"],
                member_state_measures=66,
                enlargement_countries=["AL", "BiH"],
                enlargement_measures=25,
            ),
            TableRow(
                id="education.table.2",
                table_id="education.table",
                domain="education",
                section_id="I.1",
                sub_area_lv="Ņemt vērā atsevišķu skolēnu vajadzības",
                sub_area_en="Take individual needs into account",
                member_states=["HU"],
                member_state_measures=10,
                enlargement_countries=["BiH"],
                enlargement_measures=3,
            ),
        ],
    )
    approaches = [
        Approach(
            id="education.approach.1",
            kind="approach",
            domain="education",
            section_id="I.1",
            countries=["LV", "HU"],
            text="obligātas pirmsskolas izglītības ieviešana",
        ),
        Approach(
            id="education.priority.1",
            kind="priority",
            domain="education",
            section_id="I.1",
            text="Atbalstīt audzināšanu mājās",
        ),
    ]
    countries = [
        Country(
            code="LV",
            name_lv="Latvija",
            name_en="Latvia",
            group="member_state",
            forms=["Latvija", "Latvijā", "Latvijas", "Latvia"],
        ),
        Country(
            code="ES",
            name_lv="Spānija",
            name_en="Spain",
            group="member_state",
            forms=["Spānija", "Spānijā", "Spānijas", "Spain"],
        ),
        Country(
            code="HU",
            name_lv="Ungārija",
            name_en="Hungary",
            group="member_state",
            forms=["Ungārija", "Ungārijā", "Ungārijas", "Hungary"],
        ),
        Country(
            code="AL",
            name_lv="Albānija",
            name_en="Albania",
            group="enlargement",
            forms=["Albānija", "Albānijā", "Albānijas", "Albania"],
        ),
        Country(
            code="BiH",
            name_lv="Bosnija un Hercegovina",
            name_en="Bosnia and Herzegovina",
            group="enlargement",
            forms=["Bosnija un Hercegovina", "Bosnijā un Hercegovinā", "Bosnia and Herzegovina"],
        ),
    ]
    report = Report(
        sections=sections,
        footnotes=footnotes,
        indicators=indicators,
        tables=[table],
        approaches=approaches,
        countries=countries,
    )
    # A partial translation: what is translated shows in English, the rest stays empty.
    return apply_translation(report, Translation(source_sha256="-", units=TRANSLATED))


TRANSLATED = {
    "I.1.title": "Education",
    "I.1.p1": "Measures to reduce early school leaving[^3].",
    "I.1.p2": "IT skills and language skills (EU) need to be developed.",
    "fn.3": "LV, ES, HU.",
}


@pytest.fixture
def report() -> Report:
    return make_report()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # An empty web/ folder: the API must not need the web interface.
    web = tmp_path / "web"
    web.mkdir()
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", web_dir=web)


@pytest.fixture
def app(settings: Settings, report: Report) -> FastAPI:
    return create_app(settings, report_loader=lambda _settings: report)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:  # `with` runs the lifespan, which loads the report
        yield test_client


# --- the whole stack on the real report with the fake embedder (fast, for hardening/fuzz) --
# (the index: ``fake_index_dir`` in tests/conftest.py)


def fake_stack_settings(index_dir: Path, tmp_path: Path, **overrides: object) -> Settings:
    """Settings for ``create_app`` serving real answers with the fake embedder."""
    web = tmp_path / "web"
    web.mkdir(exist_ok=True)
    return Settings(index_dir=index_dir, web_dir=web, embedder="fake", **overrides)  # type: ignore[arg-type]
