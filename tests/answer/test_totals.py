"""A box's total line stands in for its items when a question asks a total."""

import pytest

from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.lookup import Lookup
from rivs_qa.answer.totals import TotalLines
from rivs_qa.answer.vocab import load_vocab
from rivs_qa.search.chunks import build_chunks


@pytest.fixture(scope="module")
def totals(real_report) -> tuple[ReportFacts, TotalLines]:  # type: ignore[no-untyped-def]
    chunks = build_chunks(real_report)
    facts = ReportFacts.build(real_report, chunks)
    return facts, TotalLines.of(facts, chunks, load_vocab())


def test_the_report_has_one_box_with_a_total_line(totals) -> None:  # type: ignore[no-untyped-def]
    facts, lines = totals
    assert [i.id for i in lines.by_box.values()] == ["ind.discrimination.13"]
    assert lines.by_box[next(iter(lines.by_box))].value_text == "29 %"
    # its three items' passages, not the total's own
    items = {facts.chunks[f"ind.discrimination.{n}"].chunk_id for n in (10, 11, 12)}
    assert lines.items == items


def test_an_item_gives_way_to_its_box_total_and_other_figures_stand(totals) -> None:  # type: ignore[no-untyped-def]
    facts, lines = totals
    item = Lookup(kind="indicator", indicators=[facts.indicators["ind.discrimination.12"]])
    assert [i.id for i in lines.apply(item).indicators] == ["ind.discrimination.13"]
    two = Lookup(
        kind="indicator",
        indicators=[facts.indicators[f"ind.discrimination.{n}"] for n in (10, 11)],
        parts=True,
    )
    total = lines.apply(two)
    assert [i.id for i in total.indicators] == ["ind.discrimination.13"] and not total.parts
    paid = Lookup(kind="indicator", indicators=[facts.indicators["ind.employment.01"]])
    assert lines.apply(paid) is paid
