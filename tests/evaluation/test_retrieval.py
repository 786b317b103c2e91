"""Retrieval metrics, evidence matching and the per-item miss report."""

from __future__ import annotations

import pytest

from rivs_qa.evaluation.dataset import EvalItem, found_rank
from rivs_qa.evaluation.metrics import rank_metrics
from rivs_qa.evaluation.retrieval import ItemResult, explain_misses, summarise
from rivs_qa.search.embed import HashingEmbedder
from rivs_qa.search.engine import SearchEngine
from rivs_qa.search.lexical import Glossary
from rivs_qa.search.model import Chunk


def test_rank_metrics_exact_values() -> None:
    m = rank_metrics([1, 2, 5, 6, 11, None])
    assert (m.n, m.r_at_1, m.r_at_5) == (6, round(1 / 6, 4), 0.5)
    assert m.mrr_at_10 == round((1 + 1 / 2 + 1 / 5 + 1 / 6) / 6, 4)  # rank 11 scores nothing
    assert rank_metrics([]).n == 0


def test_found_rank_normalises_whitespace_and_takes_the_first_supporting_text() -> None:
    texts = ["nekas", "Atbalstīt  apmācību\ndarba vietā BG, CZ", "Atbalstīt apmācību darba vietā"]
    assert found_rank(texts, ["Atbalstīt apmācību darba vietā"]) == 2
    assert found_rank(texts, ["nav tāda", "nekas"]) == 1
    assert found_rank(texts, ["nav tāda"]) is None
    assert found_rank(texts, ["  "]) is None  # a blank evidence string supports nothing


def test_summarise_by_mode_language_and_type() -> None:
    rows = [
        ItemResult(id="a", lang="lv", type="table", mode="hybrid", rank=1),
        ItemResult(id="b", lang="en", type="table", mode="hybrid", rank=4),
        ItemResult(id="a", lang="lv", type="table", mode="bm25", rank=None),
        ItemResult(id="b", lang="en", type="table", mode="bm25", rank=2),
    ]
    report = summarise(rows, ["hybrid", "bm25"])
    assert report.by_lang["hybrid"]["en"].mrr_at_10 == 0.25
    assert report.by_type["hybrid"]["table"].r_at_5 == 1.0
    assert report.by_type["bm25"]["table"].r_at_5 == 0.5
    assert report.overall["bm25"].mrr_at_10 == 0.25


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(
        chunk_id=f"c{i}",
        section_id="1",
        section_path_lv=["1. X"],
        section_path_en=["1. X"],
        kind="paragraph",
        text=text,
    )


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    chunks = [
        _chunk(0, "Vakcinācijas kampaņas uzlaboja romu veselību."),
        _chunk(1, "Romu bērni apmeklē skolas."),
        _chunk(2, "Sociālie mājokļi romu apmetnēs."),
    ]
    return SearchEngine.build(chunks, HashingEmbedder(), Glossary.empty())


def _item(id_: str, question: str, evidence: str, type_: str = "passage") -> EvalItem:
    return EvalItem.model_validate(
        {"id": id_, "lang": "lv", "type": type_, "question": question, "answer": {},
         "evidence": [evidence]}
    )  # fmt: skip


def test_explain_misses_lists_only_items_not_ranked_first(engine: SearchEngine) -> None:
    items = [
        _item("hit", "vakcinācijas kampaņas", "Vakcinācijas kampaņas"),
        _item("miss", "bērni skolas", "Sociālie mājokļi"),
        _item("none", "x", "", type_="unanswerable"),
    ]
    misses = explain_misses(engine, items, top=2)
    assert [m.id for m in misses] == ["miss"]
    miss = misses[0]
    assert miss.hybrid is not None and miss.hybrid > 1
    assert miss.bm25 is None  # BM25 lists only chunks sharing a term with the question
    assert [h.rank for h in miss.top] == [1, 2]
    assert miss.top[0].text == "Romu bērni apmeklē skolas." and not miss.top[0].supports
