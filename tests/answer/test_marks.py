"""FootnoteMarks: citations show the footnote markers the report prints inline, and only
those; the answer text and the features never see them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rivs_qa.answer.contract import AskResponse, Citation
from rivs_qa.answer.marks import FootnoteMarks
from rivs_qa.config import get_settings
from rivs_qa.report.model import FootnoteRef, Paragraph, Report, Section
from rivs_qa.search.model import Chunk


def _report(*refs: FootnoteRef) -> Report:
    para = Paragraph(
        id="p1", section_id="III", kind="paragraph",
        text="Valstis, pārsniedzot gaidīto un pilnvaras, palielināja mērķus; VKRJ ziņoja.",
        footnotes=list(refs),
    )  # fmt: skip
    section = Section(
        id="III", number="III.", title_lv="III", title_en="III", level=1, parent_id=None,
        domain=None,
        paragraphs=[para],
    )  # fmt: skip
    return Report(
        sections=[section], footnotes=[], indicators=[], tables=[], approaches=[], countries=[]
    )


def _chunk(text: str, footnotes: list[int]) -> Chunk:
    return Chunk(
        chunk_id="c1", section_id="III", section_path_lv=["III"], section_path_en=["III"],
        kind="paragraph", text=text, footnotes=footnotes,
    )  # fmt: skip


GLUED = FootnoteRef(n=54, phrase="Valstis, pārsniedzot gaidīto un pilnvaras", offset=41)
APART = FootnoteRef(n=3, phrase="VKRJ ziņoja", offset=75)
PRINTED = "Valstis, pārsniedzot gaidīto un pilnvaras54, palielināja \n\nmērķus; VKRJ ziņoja\n3\n."


def test_only_markers_printed_inline_go_back_where_their_words_stand() -> None:
    text = _report(GLUED, APART).sections[0].paragraphs[0].text
    marks = FootnoteMarks.of(_report(GLUED, APART), [_chunk(text, [54, 3])], PRINTED)
    marked = marks.mark("c1", text)
    assert marked == (
        "Valstis, pārsniedzot gaidīto un pilnvaras54, palielināja mērķus; VKRJ ziņoja."
    )
    # a quote holding the words gets the marker too; one cut before them does not
    assert marks.mark("c1", "pārsniedzot gaidīto un pilnvaras, palielināja") == (
        "pārsniedzot gaidīto un pilnvaras54, palielināja"
    )
    assert marks.mark("c1", "gaidīto un") == "gaidīto un"
    assert marks.mark("other", text) == text  # another passage: nothing to place


def test_apply_marks_citations_and_leaves_the_answer_as_it_is() -> None:
    text = _report(GLUED).sections[0].paragraphs[0].text
    marks = FootnoteMarks.of(_report(GLUED), [_chunk(text, [54])], PRINTED)
    cited = Citation(
        n=1, chunk_id="c1", section_id="III", section_title="III", kind="paragraph",
        text=text, quote=text, text_en="Going beyond", quote_en="Going beyond", score=1.0,
    )  # fmt: skip
    response = AskResponse(
        session_id="s", lang="lv", answerable=True, answer=f"“{text}” (III) [1]",
        resolved_question="q", citations=[cited],
    )  # fmt: skip
    out = marks.apply(response)
    assert "pilnvaras54," in out.citations[0].text and "pilnvaras54," in out.citations[0].quote
    assert out.answer == response.answer and out.citations[0].quote_en == "Going beyond"
    assert response.citations[0].quote == text  # the response itself is not changed


@pytest.mark.slow
def test_the_real_reports_inline_markers_are_few_and_all_placed(real_index_dir: Path) -> None:
    from rivs_qa.search.loader import open_index

    settings = get_settings()
    report, _, engine = open_index(settings, progress=False)
    printed = settings.report_path.read_text(encoding="utf-8")
    marks = FootnoteMarks.of(report, engine.chunks, printed)
    flat = re.sub(r"\s+", " ", printed)
    placed = [m for chunk_marks in marks.by_chunk.values() for _, m in chunk_marks]
    assert placed and len(placed) < 10  # most markers stand on lines of their own
    for chunk in engine.chunks:
        if chunk.chunk_id in marks.by_chunk:
            marked = marks.mark(chunk.chunk_id, chunk.text)
            for _, glued in marks.by_chunk[chunk.chunk_id]:
                assert glued in marked and glued in flat  # as printed
