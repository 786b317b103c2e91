"""The report's chunks: what each kind is indexed with, beyond the report's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.report.parse import load_report
from rivs_qa.search.chunks import build_chunks
from rivs_qa.search.lexical import LexicalIndex
from rivs_qa.search.model import Chunk

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chunks() -> list[Chunk]:
    return build_chunks(load_report(ROOT / "corpus" / "report_lv.txt", ROOT / "corpus"))


def only(chunks: list[Chunk], kind: str, starts: str) -> Chunk:
    found = [c for c in chunks if c.kind == kind and c.text.startswith(starts)]
    assert len(found) == 1, [c.text[:60] for c in found]
    return found[0]


def test_prose_is_indexed_with_its_policy_area_in_both_languages(chunks: list[Chunk]) -> None:
    c = only(chunks, "paragraph", "VKRJ uzsver trīs galvenos problēmu veidus")
    assert c.context == "Nodarbinātība › Panākumi un problēmas"
    assert c.context_en == "Employment › Achievements and challenges"
    # the text stays the report's own words: evidence strings must occur in it
    assert "VKRJ uzsver trīs galvenos problēmu veidus: īstenošanas struktūru spējas" in c.text
    assert c.index_text_lv().splitlines() == [c.context, c.text]
    assert c.text_en is not None and c.text_en.startswith(
        "The NRCP highlight three main types of challenges"
    )
    assert c.index_text_en().splitlines() == [c.text_en, c.context_en]


def test_paths_start_at_the_policy_area_or_the_chapter(chunks: list[Chunk]) -> None:
    contexts = {c.section_id: c.context_en for c in chunks if c.kind == "paragraph"}
    assert contexts["II.1"] == "Fighting discrimination and antigypsyism › Aim of measures"
    assert contexts["IV"] == "Conclusions"
    assert contexts["INTRO"] == "Introduction"
    assert not any("Key policy areas ›" in (c.context_en or "") for c in chunks)


def test_a_table_row_says_in_latvian_what_its_counts_are(chunks: list[Chunk]) -> None:
    row = only(chunks, "table_row", "Uzlabot skolotāju apmācību")
    assert (
        row.text
        == "Uzlabot skolotāju apmācību AT, BG, CY, CZ, ES, LT, RO, SE, SI, SK 18 AL, MK, RS 4"
    )
    assert row.context is not None
    assert row.context.endswith("Dalībvalstis: 18 pasākumi. Paplašināšanās valstis: 4 pasākumi")
    assert row.context.startswith("Izglītība › Pasākumu mērķis. Izglītības pasākumu sadalījums")
    assert row.text_en is not None and "member states Austria, Bulgaria, Cyprus" in row.text_en
    # the country names (Latvian and English) are for BM25's names field only: not embedded
    assert row.keywords is not None and row.keywords.startswith(
        "Austrija Austria Bulgārija Bulgaria Kipra Cyprus"
    )
    assert "Austrija" not in row.index_text_lv() + row.index_text_en()
    fields = LexicalIndex.field_terms(row)
    assert {"dalibvalst", "pasakum", "paplasin", "uzlab"} <= set(fields["lv"])
    assert "austrij" not in fields["lv"]  # names have their own field, each key once
    assert {"austrij", "austria", "bulgarij", "bulgaria", "serbij", "serbia"} <= set(fields["names"])
    assert len(fields["names"]) == len(set(fields["names"]))


def test_approaches_name_their_countries_in_latvian(chunks: list[Chunk]) -> None:
    appr = only(chunks, "approach", "IT: vienlīdzību veicinošā struktūra")
    assert appr.context == (
        "Diskriminācijas un pret romiem vērsta noskaņojuma apkarošana › Politikas apguve. "
        "Daudzsološas pieejas: Itālija"
    )


def test_approaches_are_rendered_in_english_with_their_country_names(chunks: list[Chunk]) -> None:
    appr = only(chunks, "approach", "IE, HR, RO: vietu piešķiršana romiem")
    assert appr.text_en == (
        "Promising approach in education: IE, HR, RO: allocating places to Roma in secondary "
        "and higher education institutions (Ireland, Croatia, Romania)"
    )
    assert appr.text == (
        "IE, HR, RO: vietu piešķiršana romiem vidējās un augstākās izglītības iestādēs"
    )


def test_priorities_are_rendered_in_english(chunks: list[Chunk]) -> None:
    prio = only(chunks, "priority", "Piešķirt prioritāru nozīmi (re)integrācijai")
    assert prio.text_en == (
        "Priority to address in employment: Give priority to (re)integration into the primary "
        "labour market over parallel systems (e.g. public or informal work)"
    )
    # the English words reach BM25's English field, not only the embedder
    en = LexicalIndex.field_terms(prio)["en"]
    assert {"parallel", "informal"} <= set(en)


def test_items_without_an_english_label_keep_the_domain_only_rendering() -> None:
    report = load_report(ROOT / "corpus" / "report_lv.txt", ROOT / "corpus")
    bare = report.model_copy(
        update={"approaches": [a.model_copy(update={"label_en": ""}) for a in report.approaches]}
    )
    chunks = build_chunks(bare)
    appr = only(chunks, "approach", "IE, HR, RO: vietu piešķiršana romiem")
    assert appr.text_en == (
        "Promising approach in education: Ireland (IE), Croatia (HR), Romania (RO)"
    )
    prio = only(chunks, "priority", "Piešķirt prioritāru nozīmi (re)integrācijai")
    assert prio.text_en == "Priority to address in employment"


def test_chunk_ids_do_not_depend_on_the_indexing_context(chunks: list[Chunk]) -> None:
    ids = [c.chunk_id for c in chunks]
    assert len(ids) == len(set(ids))
    c = only(chunks, "paragraph", "VKRJ uzsver trīs galvenos problēmu veidus")
    assert c.model_copy(update={"context": None}).chunk_id == c.chunk_id
