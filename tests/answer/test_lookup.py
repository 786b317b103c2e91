"""Structured lookup on the real report's facts with hand-ranked hits (no embedding)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from rivs_qa.answer import matching
from rivs_qa.answer.conversation import Hints
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.intent import extract_features
from rivs_qa.answer.lookup import Lookup, lookup
from rivs_qa.report.countries import CountryResolver
from rivs_qa.report.model import Domain
from rivs_qa.search.chunks import build_chunks
from rivs_qa.search.lemmas import lemmatize_tokens
from rivs_qa.search.model import Chunk, Hit


@pytest.fixture(scope="module")
def facts(real_report) -> ReportFacts:  # type: ignore[no-untyped-def]
    return ReportFacts.build(real_report, build_chunks(real_report))


def _chunk(facts: ReportFacts, kind: str, *, ref: str | None = None, has: str = "") -> Chunk:
    """The chunk of a structured item (``ref``), or the prose chunk whose text has ``has``."""
    if ref is not None:
        return facts.chunks[ref]
    (found,) = {
        c.chunk_id: c for c in facts.marker_chunks.values() if c.kind == kind and has in c.text
    }.values()
    return found


def _hits(chunks: Sequence[Chunk]) -> list[Hit]:
    return [Hit(chunk=c, score=1.0 - i / 10, rank=i + 1) for i, c in enumerate(chunks)]


def _ask(facts: ReportFacts, question: str, ranked: Sequence[Chunk]) -> Lookup:
    f = extract_features(question, countries=CountryResolver(facts.report.countries))
    keys = set(lemmatize_tokens(" ".join(f.topic_words) + " " + question, f.lang))

    def match(phrase: str, phrase_en: str, _domain: Domain | None = None) -> float:
        score = matching.sentence_score(phrase, keys, {})
        if f.lang == "en" and phrase_en:
            score = max(score, matching.sentence_score(phrase_en, keys, {}, "en"))
        return score

    return lookup(facts, f, Hints(), _hits(ranked), match)


def test_the_footnote_whose_claim_the_question_names_beats_an_unrelated_first_row(
    facts: ReportFacts,
) -> None:
    row = _chunk(facts, "table_row", ref="table.discrimination.12")
    claim = _chunk(facts, "paragraph", has="neziņoja ne par kādiem diskriminācijas")
    found = _ask(facts, "Kuras valstis neziņoja par diskriminācijas novēršanas pasākumiem?",
                 [row, claim])  # fmt: skip
    assert found.kind == "footnote"
    assert [u.footnote.n for u in found.footnotes] == [53]
    assert found.footnotes[0].footnote.countries == ["CY", "FR", "EL", "PL", "RO"]


def test_an_english_question_meets_the_english_sentence_of_a_footnote_marker(
    facts: ReportFacts,
) -> None:
    row = _chunk(facts, "table_row", ref="table.discrimination.12")
    claim = _chunk(facts, "paragraph", has="neziņoja ne par kādiem diskriminācijas")
    use = facts.footnotes[53]
    assert use.sentence_en.startswith("The mere fact that several Member States")
    assert "did not report any anti-discrimination measures" in use.sentence_en
    found = _ask(facts, "Which states did not report any anti-discrimination measures?",
                 [row, claim])  # fmt: skip
    assert [u.footnote.n for u in found.footnotes] == [53]


def test_a_row_the_question_names_stays_first(facts: ReportFacts) -> None:
    row = _chunk(facts, "table_row", ref="table.employment.07")
    para = _chunk(facts, "paragraph", has="trīs galvenos problēmu veidus")
    found = _ask(facts, "Kuras valstis atbalsta apmācību darba vietā?", [row, para])
    assert found.kind == "table_row"
    assert [r.sub_area_lv for r in found.rows] == ["Atbalstīt apmācību darba vietā"]


def test_of_several_markers_in_one_sentence_the_named_phrase_wins(facts: ReportFacts) -> None:
    para = _chunk(facts, "paragraph", has="trīs galvenos problēmu veidus")
    found = _ask(facts, "Kuras valstis min romu diskrimināciju kā problēmu?", [para])
    assert [u.footnote.n for u in found.footnotes] == [24]
    # a shared sentence alone does not pick one of its three markers
    assert not _ask(facts, "Kuras valstis uzsver galvenos veidus?", [para]).found


def test_a_framed_domain_keeps_other_domains_passages_out(facts: ReportFacts) -> None:
    other = _chunk(facts, "paragraph", has="Vairāki VKRJ minēja problēmas")
    para = _chunk(facts, "paragraph", has="trīs galvenos problēmu veidus")
    question = "Kuras valstis minēja romu diskrimināciju kā problēmu nodarbinātības jomā?"
    found = _ask(facts, question, [other, para])
    assert [u.footnote.n for u in found.footnotes] == [24]
    unframed = "Kuras valstis minēja problēmas ar romu diskrimināciju un nodarbinātību?"
    assert [u.footnote.n for u in _ask(facts, unframed, [other, para]).footnotes] == [50]


def test_a_figure_beats_a_passage_sharing_one_word(facts: ReportFacts) -> None:
    para = _chunk(facts, "paragraph", has="neziņoja ne par kādiem diskriminācijas")
    ind = next(i for i in facts.indicators.values() if "kaimiņi" in i.label_lv)
    found = _ask(facts, "Cik romu dzīvo rajonos, kur kaimiņi ir romi?",
                 [para, facts.chunks[ind.id]])  # fmt: skip
    assert found.kind == "indicator"
    assert [i.value for i in found.indicators] == [67.0]


def test_a_count_of_a_whole_domain_takes_its_whole_table(facts: ReportFacts) -> None:
    found = _ask(facts, "How many health measures did member states report?", [])
    assert found.overview and found.kind == "table_row"
    assert [r.id for r in found.rows] == [r.id for r in facts.rows.values() if r.domain == "health"]
    # a named sub-area is not an overview
    row = _chunk(facts, "table_row", ref="table.employment.07")
    named = _ask(facts, "Cik pasākumu atbalstīja apmācību darba vietā?", [row])
    assert not named.overview and [r.id for r in named.rows] == ["table.employment.07"]


def test_which_countries_may_be_answered_by_an_approach_the_question_names(
    facts: ReportFacts,
) -> None:
    approach = next(
        c for c in facts.chunks.values() if c.kind == "approach" and "obligātas" in c.text
    )
    row = _chunk(facts, "table_row", ref="table.education.04")
    found = _ask(facts, "Kuras valstis ievieš obligātu pirmsskolas izglītību?", [row, approach])
    assert found.kind == "approach"
    assert found.approaches[0].countries[:3] == ["BG", "CZ", "DK"]


def test_a_bare_footnote_list_must_be_about_the_question(facts: ReportFacts) -> None:
    insurance = facts.chunks["fn.34"]  # "veselības apdrošināšanas seguma trūkums romu vidū"
    found = _ask(facts, "Kur nodarbina romu starpniekus?", [insurance])
    assert not found.found  # shares only "romu", a word of most passages, with it
    named = _ask(facts, "Kuras valstis minēja veselības apdrošināšanas trūkumu?", [insurance])
    assert [u.footnote.n for u in named.footnotes] == [34]


def test_a_domains_whole_list_comes_in_the_reports_order(facts: ReportFacts) -> None:
    # ranked against the report's order: the order of the hits does not decide the list's
    ranked = [c for c in facts.chunks.values() if (c.ref_id or "").startswith("prio.education.")]
    found = _ask(facts, "What priorities does the report set for education?", ranked[::-1])
    assert [a.id for a in found.approaches] == [f"prio.education.0{i}" for i in range(1, 9)]


def test_an_area_read_from_a_word_alone_gives_way_to_a_fact_the_question_names(
    facts: ReportFacts,
) -> None:
    # "work" reads as employment; the question's own words name the discrimination row
    employment = _chunk(facts, "table_row", ref="table.employment.01")
    directive = _chunk(facts, "table_row", ref="table.discrimination.07")
    question = (
        "Which states ensure effective practical enforcement of Directive 2000/43/EC at work?"
    )
    found = _ask(facts, question, [employment, directive])
    assert [r.id for r in found.rows] == ["table.discrimination.07"]
    # named by one word only, the area's own row stays
    found = _ask(
        facts, "Which states have measures for the directive at work?", [employment, directive]
    )
    assert [r.id for r in found.rows] == ["table.employment.01"]
