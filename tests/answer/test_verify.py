"""The answer verifier: its features, its arithmetic, its file, and its gate in the service."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from rivs_qa.answer.negation import CUES, negated
from rivs_qa.answer.verify import AnswerFeatures, Tree, Verifier
from rivs_qa.answer.weights import SubjectWeights, stem
from rivs_qa.errors import ReportFormatError

X = AnswerFeatures(
    kind="indicator", followup=False, subject_keys=3, coverage=0.5, missing_max_idf=0.8,
    unknown_share=0.0, support=0.4, asks_number=True, gives_number=True, asks_countries=False,
    gives_countries=False, names_countries=False, countries_matched=0.0, dense_top=0.85,
    margin=0.1, rule_pick=True, own_coverage=0.5, year_missing=False, negated=False,
    negation_unmet=False, hit_rank=0.0, n_facts=1, number_unmet=False, countries_unmet=False,
    turn_coverage=0.5, dense_own=0.85, section_coverage=0.0, parts_met=False, parts_unmet=False, number_missing=0.0, asks_measures=False, asks_reason=False, group_unmet=False, person_unmet=False, money_unmet=False, which_unmet=False, measures_unmet=False, facet_conflict=False, share_unmet=False,
)  # fmt: skip


def model(coef: list[float], intercept: float = 0.0, threshold: float = 0.5) -> Verifier:
    n = len(AnswerFeatures.names())
    return Verifier(
        features=AnswerFeatures.names(), mean=[0.0] * n, scale=[1.0] * n, coef=coef,
        intercept=intercept, threshold=threshold,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "unmet"),
    [
        ({}, ()),
        ({"followup": True, "turn_coverage": 0.0}, ("turn_unmet",)),  # none of its own words
        ({"year_missing": True}, ("year_unmet",)),
        ({"names_countries": True, "countries_matched": 0.0}, ("country_unmet",)),
        ({"names_countries": True, "countries_matched": 0.5}, ()),
        ({"asks_number": True, "gives_number": False, "number_unmet": True}, ("number_unmet",)),
        ({"asks_reason": True, "kind": "indicator"}, ("reason_unmet",)),  # a figure is no reason
        ({"asks_reason": True, "kind": "extractive"}, ()),
        # … nor is a quote of a figure's box
        ({"asks_reason": True, "kind": "extractive", "quotes_figure": True}, ("reason_unmet",)),
        # … nor a quote of an approach's or a table row's own passage
        ({"asks_reason": True, "kind": "extractive", "quotes_item": True}, ("reason_unmet",)),
        ({"group_unmet": True}, ("group_unmet",)),
        ({"person_unmet": True}, ("person_unmet",)),
        ({"money_unmet": True}, ("money_unmet",)),
        ({"which_unmet": True}, ("which_unmet",)),
        ({"measures_unmet": True}, ("measures_unmet",)),
        ({"facet_conflict": True}, ("facet_unmet",)),
        ({"share_unmet": True}, ("share_unmet",)),
        ({"total_unmet": True}, ("total_unmet",)),
        ({"approach_unmet": True}, ("approach_unmet",)),
        ({"area_unmet": True}, ("area_unmet",)),
        ({"figure_unasked": True}, ("figure_unasked",)),
        # the kind of answer asked for is named before its subject
        ({"money_unmet": True, "names_countries": True, "countries_matched": 0.0},
         ("money_unmet", "country_unmet")),
    ],
)
def test_an_answer_that_misses_what_the_turn_names_does_not_answer_it(
    changes: dict[str, object], unmet: tuple[str, ...]
) -> None:
    x = replace(X, **changes)  # type: ignore[arg-type]
    assert x.unmet == unmet
    assert x.answers_turn is (not unmet)


def test_features_are_one_hot_kind_then_the_numbers() -> None:
    names = AnswerFeatures.names()
    assert names[:8] == [
        "kind=indicator", "kind=table_row", "kind=overview", "kind=footnote", "kind=approach",
        "kind=extractive", "kind=list", "kind=section",
    ]  # fmt: skip
    assert X.vector()[:8] == [1.0, 0, 0, 0, 0, 0, 0, 0]
    assert dict(zip(names, X.vector(), strict=True))["coverage"] == 0.5


def test_with_gaps_is_replace_of_the_two_gaps() -> None:
    copy = X.with_gaps(0.25, 0.5)
    assert copy == replace(X, coverage_gap=0.25, own_gap=0.5)
    assert (X.coverage_gap, X.own_gap) == (0.0, 0.0)  # the original is untouched
    read = dict(zip(AnswerFeatures.names(), copy.vector(), strict=True))
    assert (read["coverage_gap"], read["own_gap"]) == (0.25, 0.5)


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


def test_trees_add_their_leaves_to_the_log_odds() -> None:
    names = AnswerFeatures.names()
    coverage, n_facts = names.index("coverage"), names.index("n_facts")
    split = Tree(  # coverage <= 0.3 → -2.0; else n_facts <= 1 → 1.0, else 0.5
        feature=[coverage, 0, n_facts, 0, 0], threshold=[0.3, 0, 1.0, 0, 0],
        left=[1, 0, 3, 0, 0], right=[2, 0, 4, 0, 0], value=[0, -2.0, 0, 1.0, 0.5],
        leaf=[False, True, False, True, True],
    )  # fmt: skip
    flat = Tree(feature=[0], threshold=[0.0], left=[0], right=[0], value=[0.25], leaf=[True])
    v = Verifier(features=names, intercept=-0.5, trees=[split, flat], threshold=0.5)
    assert v.p_right(X) == pytest.approx(1 / (1 + math.exp(-(-0.5 + 1.0 + 0.25))))
    low = AnswerFeatures(**{**X.__dict__, "coverage": 0.2})
    assert v.p_right(low) == pytest.approx(1 / (1 + math.exp(-(-0.5 - 2.0 + 0.25))))
    assert v.accepts(X) and not v.accepts(low)


def test_subject_features_weigh_words_by_rarity() -> None:
    idf = {"romi": 0.1, "policija": 4.0, "uzticēties": 3.0}
    weights = SubjectWeights.of(idf, n_docs=100)
    coverage, missing, unknown = weights.features(
        {"romi", "policija", "internets"}, {"romi", "policija"}
    )
    top = math.log(100)
    assert coverage == pytest.approx(4.1 / (4.1 + top))
    assert missing == pytest.approx(1.0)  # the missing word is unknown: the rarest there is
    assert unknown == pytest.approx(1 / 3)
    assert weights.features(set(), set()) == (1.0, 0.0, 0.0)


def test_subject_keys_meet_by_folded_stem_and_numbers_do_not_count() -> None:
    weights = SubjectWeights.of({"veselība": 3.0, "apdrošināšana": 4.0}, n_docs=100)
    assert stem("apdrošināšana") == "apdros"
    # typed without diacritics, in another form: the same words, weighed as the report's
    coverage, missing, unknown = weights.features(
        {"veselibas", "apdrosinasanu", "2020"}, {"veselība", "apdrošināšana"}
    )
    assert (coverage, missing, unknown) == (1.0, 0.0, 0.0)
    assert weights.features({"2020"}, set()) == (1.0, 0.0, 0.0)


def test_negation_cues_in_each_language() -> None:
    known = {"iesniedza", "ziņoja"}.__contains__
    assert negated(["which", "states", "did", "not", "report"], "en", known)
    assert negated(["who", "didn't", "report"], "en", known)
    assert negated(["no", "measures"], "en", known)  # English "no": none
    assert not negated(["cik", "romu", "no", "visiem"], "lv", known)  # Latvian "no": from
    assert negated(["kuras", "valstis", "neiesniedza"], "lv", known)
    assert not negated(["nepieciešams"], "lv", known)  # "pieciešams" is no word
    assert negated(["izņemot", "dk"], "lv", known)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Visas dalībvalstis, izņemot DK, FI un IE, ziņoja.", True),
        ("Member States that did not report any measures", True),
        ("Germany didn't report in time", True),
        ("Nav datu par to.", True),
        ("36 % no visiem pasākumiem", False),  # Latvian "no": from
        ("noteikt prioritātes; innovation", False),  # cue letters inside words
    ],
)
def test_a_sentence_with_a_negation_cue(sentence: str, cue: bool) -> None:
    assert bool(CUES.search(sentence)) is cue


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
    response, options = ungated.explain(question)
    assert response.answerable and options
    features = options[0].features
    assert features.rule_pick and features.kind == "indicator"
    assert features.asks_number and features.gives_number and not features.number_unmet
    assert features.coverage > 0.5
    assert options[-1].features.kind == "extractive"  # the prose answer is always weighed

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
    _, on = service.explain(AskRequest(question="How many Roma trust the police?"))
    _, off = service.explain(AskRequest(question="What is the poverty rate of Roma?"))
    f_on, f_off = on[0].features, off[0].features
    assert f_on.coverage > f_off.coverage
    assert f_off.missing_max_idf > f_on.missing_max_idf


def test_a_figure_answer_must_clear_the_figure_bar() -> None:
    plain = model([0.0] * len(AnswerFeatures.names()), math.log(0.2 / 0.8), threshold=0.15)
    assert plain.threshold_for(X) == 0.15  # no figure bar: the one threshold
    strict = plain.model_copy(update={"figure_threshold": 0.3})
    assert strict.threshold_for(X) == 0.3  # X is an indicator
    assert strict.threshold_for(replace(X, kind="extractive")) == 0.15
    assert not strict.accepts(X) and strict.accepts(replace(X, kind="extractive"))  # p = 0.2
    # a quote of a survey figure's box states that figure: the same bar
    quoted = replace(X, kind="extractive", quotes_figure=True)
    assert strict.threshold_for(quoted) == 0.3 and not strict.accepts(quoted)
    # a figure bar below the threshold never lowers it
    assert plain.model_copy(update={"figure_threshold": 0.1}).threshold_for(X) == 0.15



def test_a_prose_answer_quoting_a_figure_box_is_marked_as_stating_the_figure(parts) -> None:  # type: ignore[no-untyped-def]
    from rivs_qa.answer.contract import AskRequest
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.answer.sessions import MemorySessionStore

    report, engine = parts
    service = AnswerService(report, engine, MemorySessionStore(60, 10), verifier="off")
    _, options = service.explain(AskRequest(question="Cik romu dzīvo pārapdzīvotos mājokļos?"))
    by_kind = {o.features.kind: o for o in options}
    quote = by_kind["extractive"]
    assert quote.response.citations[0].kind == "indicator"
    assert "78 %" in quote.response.answer and quote.features.quotes_figure
    assert not by_kind["indicator"].features.quotes_figure  # a figure stated is a figure
