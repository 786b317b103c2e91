"""The answer verifier: its features, its arithmetic, its file, and its gate in the service."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rivs_qa.answer.verify import AnswerFeatures, Verifier, subject_features
from rivs_qa.errors import ReportFormatError

X = AnswerFeatures(
    kind="indicator", followup=False, subject_keys=3, coverage=0.5, missing_max_idf=0.8,
    unknown_share=0.0, support=0.4, asks_number=True, gives_number=True, asks_countries=False,
    gives_countries=False, names_countries=False, countries_matched=0.0, dense_top=0.85,
    margin=0.1,
)  # fmt: skip


def model(coef: list[float], intercept: float = 0.0, threshold: float = 0.5) -> Verifier:
    n = len(AnswerFeatures.names())
    return Verifier(
        features=AnswerFeatures.names(), mean=[0.0] * n, scale=[1.0] * n, coef=coef,
        intercept=intercept, threshold=threshold,
    )  # fmt: skip


def test_features_are_one_hot_kind_then_the_numbers() -> None:
    names = AnswerFeatures.names()
    assert names[:7] == [
        "kind=indicator", "kind=table_row", "kind=overview", "kind=footnote", "kind=approach",
        "kind=extractive", "kind=list",
    ]  # fmt: skip
    assert X.vector()[:7] == [1.0, 0, 0, 0, 0, 0, 0]
    assert dict(zip(names, X.vector(), strict=True))["coverage"] == 0.5


def test_probability_is_the_logistic_of_the_standardised_dot_product() -> None:
    n = len(AnswerFeatures.names())
    coverage = AnswerFeatures.names().index("coverage")
    coef = [0.0] * n
    coef[coverage] = 2.0
    v = model(coef, intercept=-1.0)
    v = v.model_copy(update={"mean": [0.0] * n, "scale": [0.5] * n})
    assert v.p_right(X) == pytest.approx(1 / (1 + math.exp(-(-1.0 + 2.0 * 0.5 / 0.5))))
    assert v.accepts(X)
    assert not v.model_copy(update={"threshold": 0.99}).accepts(X)


def test_subject_features_weigh_words_by_rarity() -> None:
    idf = {"romi": 0.1, "policija": 4.0, "uzticēties": 3.0}
    coverage, missing, unknown = subject_features(
        {"romi", "policija", "internets"}, {"romi", "policija"}, idf, n_docs=100
    )
    top = math.log(100)
    assert coverage == pytest.approx(4.1 / (4.1 + top))
    assert missing == pytest.approx(1.0)  # the missing word is unknown: the rarest there is
    assert unknown == pytest.approx(1 / 3)
    assert subject_features(set(), set(), idf, 100) == (1.0, 0.0, 0.0)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    v = model([0.1] * len(AnswerFeatures.names()), intercept=0.3, threshold=0.7)
    v.save(tmp_path / "v.json")
    assert Verifier.load(tmp_path / "v.json") == v
    assert Verifier.load(tmp_path / "missing.json") is None


def test_a_model_of_other_features_is_refused(tmp_path: Path) -> None:
    v = model([0.1] * len(AnswerFeatures.names()))
    bad = v.model_copy(update={"features": ["something", *v.features[1:]]})
    bad.save(tmp_path / "v.json")
    with pytest.raises(ReportFormatError, match="trained on other features"):
        Verifier.load(tmp_path / "v.json")


@pytest.fixture(scope="module")
def parts(real_index_dir: Path):  # type: ignore[no-untyped-def]
    from rivs_qa.config import get_settings
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    return report, engine


def test_the_service_refuses_what_the_verifier_rejects(parts) -> None:  # type: ignore[no-untyped-def]
    from rivs_qa.answer.contract import AskRequest
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.answer.sessions import MemorySessionStore

    report, engine = parts
    question = AskRequest(question="What share of Roma aged 20-64 are in paid work?")
    ungated = AnswerService(report, engine, MemorySessionStore(60, 10), verifier="off")
    response, features = ungated.explain(question)
    assert response.answerable and features is not None
    assert features.kind == "indicator" and features.asks_number and features.gives_number
    assert features.coverage > 0.5

    strict = model([0.0] * len(AnswerFeatures.names()), threshold=1.0)  # p is 0.5: refuses
    gated = AnswerService(report, engine, MemorySessionStore(60, 10), verifier=strict)
    refused = gated.ask(question)
    assert not refused.answerable
    assert refused.answer.startswith(
        "The report has no answer that fits this question closely enough."
    )
    assert refused.suggestions  # it shares its subject with the report: sections to read


def test_an_off_report_figure_gets_little_coverage(parts) -> None:  # type: ignore[no-untyped-def]
    from rivs_qa.answer.contract import AskRequest
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.answer.sessions import MemorySessionStore

    report, engine = parts
    service = AnswerService(report, engine, MemorySessionStore(60, 10), verifier="off")
    on, f_on = service.explain(AskRequest(question="How many Roma trust the police?"))
    off, f_off = service.explain(AskRequest(question="What is the poverty rate of Roma?"))
    assert f_on is not None and f_off is not None
    assert f_on.coverage > f_off.coverage
    assert f_off.missing_max_idf > f_on.missing_max_idf
