"""``trusted`` builds the same models as validating them, for the models the code builds."""

from __future__ import annotations

import pytest

from rivs_qa.answer.contract import AskResponse, Citation
from rivs_qa.search.model import Chunk, Hit
from rivs_qa.trusted import trusted

CHUNK = Chunk(
    chunk_id="c1", section_id="III", section_path_lv=["III"], section_path_en=["III"],
    kind="paragraph", text="Romu bērni.", footnotes=[],
)  # fmt: skip
CITATION = dict(
    n=2, chunk_id="c1", section_id="III", section_title="III › 1", kind="paragraph",
    text="Romu bērni.", quote="Romu bērni.", text_en="Roma children.", quote_en="Roma children.",
    score=0.4321,
)  # fmt: skip
HIT = dict(chunk=CHUNK, score=0.5, rank=1, dense_rank=3, bm25_rank=None, dense_score=0.81)


@pytest.mark.parametrize(("cls", "values"), [(Citation, CITATION), (Hit, HIT)])
def test_trusted_equals_the_validated_model(cls: type, values: dict[str, object]) -> None:
    made, checked = trusted(cls, **values), cls(**values)
    assert type(made) is cls
    assert made == checked
    assert made.model_dump_json() == checked.model_dump_json()
    assert made.model_fields_set == checked.model_fields_set == set(values)
    assert made.model_copy(update={"rank": 4}) == checked.model_copy(update={"rank": 4})


def test_a_frozen_trusted_model_stays_frozen() -> None:
    hit = trusted(Hit, **HIT)
    with pytest.raises(Exception, match="frozen"):
        hit.rank = 2  # type: ignore[misc]


def test_trusted_citations_serialise_inside_a_response() -> None:
    response = AskResponse(
        session_id="s", lang="lv", answerable=True, answer="Romu bērni. [2]",
        resolved_question="?", citations=[trusted(Citation, **CITATION)],
    )  # fmt: skip
    assert response.model_dump()["citations"] == [CITATION]
