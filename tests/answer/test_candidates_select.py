"""Candidates beyond the lookup's pick, and choosing among them: a question that joins two
asks (where it splits, the pair of figures of one box that answers its parts one each), the
report-wide country-list footnote for a "which countries" question, the relative features,
and a negated question's preference for a candidate that meets the negation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from tests.feature_cases import answer_features

from rivs_qa.answer import matching
from rivs_qa.answer.candidates import candidates
from rivs_qa.answer.contract import AskResponse
from rivs_qa.answer.conversation import AnswerRefs
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.features import relative
from rivs_qa.answer.lookup import Lookup, fact_candidate
from rivs_qa.answer.negation import claim_negated
from rivs_qa.answer.select import (
    Cut,
    Option,
    ask_cuts,
    ask_parts,
    choose,
    list_parts,
    two_parts,
)
from rivs_qa.answer.verify import AnswerFeatures
from rivs_qa.report.model import Domain, Indicator
from rivs_qa.search.chunks import build_chunks
from rivs_qa.search.lemmas import lemmatize_tokens
from rivs_qa.search.model import Hit


@pytest.fixture(scope="module")
def facts(real_report) -> ReportFacts:  # type: ignore[no-untyped-def]
    return ReportFacts.build(real_report, build_chunks(real_report))


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Cik romu mājsaimniecībās ir ūdensvads iekštelpās un cik ir iekštelpu tualete?",
            ("Cik romu mājsaimniecībās ir ūdensvads iekštelpās", "cik ir iekštelpu tualete?"),
        ),
        (
            "What share of Roma trust the police, how many trust the courts?",
            ("What share of Roma trust the police", "how many trust the courts?"),
        ),
        # the join before the ask word, not the one inside the first ask
        (
            "Cik romu sieviešu un vīriešu strādā un kāds ir NEET rādītājs?",
            ("Cik romu sieviešu un vīriešu strādā", "kāds ir NEET rādītājs?"),
        ),
        ("What do Roma women and girls face?", ("What do Roma women", "girls face?")),
    ],
)
def test_a_question_splits_where_its_asks_join(question: str, parts: tuple[str, str]) -> None:
    assert two_parts(question) == parts


def test_a_cut_whose_part_names_no_subject_gives_way_to_the_join_before() -> None:
    question = "Roma with electricity and with a flushing toilet - what are the shares?"

    def names(part: str) -> bool:
        return bool(set(part.lower().split()) - {"what", "are", "the", "shares?"})

    assert two_parts(question, names) == (
        "Roma with electricity",
        "with a flushing toilet - what are the shares?",
    )
    assert two_parts(question) == (
        "Roma with electricity and with a flushing toilet",
        "what are the shares?",
    )


@pytest.mark.parametrize("question", ["Cik romu strādā?", "Romi un?", "Veselība un izglītība"])
def test_one_ask_is_not_split(question: str) -> None:
    assert two_parts(question) is None


def _no_match(_lv: str, _en: str, _domain: Domain | None = None) -> float:
    return 0.0


def _scorer(part: str) -> Callable[[Indicator], float]:
    keys = set(lemmatize_tokens(part, "lv"))
    return lambda ind: matching.sentence_score(ind.label_lv, keys, {})


def test_the_pair_takes_one_figure_of_one_box_for_each_part(facts: ReportFacts) -> None:
    refs = ["ind.housing.03", "ind.employment.01", "ind.housing.02"]
    hits = [Hit(chunk=facts.chunks[r], score=1.0 - i / 10, rank=i + 1) for i, r in enumerate(refs)]
    first, second = two_parts(  # type: ignore[misc]
        "Cik romu mājsaimniecībās ir ūdensvads iekštelpās un cik ir iekštelpu tualete?"
    )
    options = candidates(
        facts, hits, _no_match, Lookup(), part_scores=[(_scorer(first), _scorer(second), True)]
    )
    pairs = [o for o in options if o.parts]
    assert [[i.id for i in o.indicators] for o in pairs] == [["ind.housing.02", "ind.housing.03"]]
    assert [i.value_text for i in pairs[0].indicators] == ["70 %", "55 %"]
    # without two parts there is no pair
    assert not any(o.parts for o in candidates(facts, hits, _no_match, Lookup()))


def test_a_marked_phrase_is_matched_with_the_policy_area_it_sits_in(
    facts: ReportFacts,
) -> None:
    """The three challenge types of the employment section share one sentence; the question's
    word naming another area ("discrimination") is a subject word for the employment phrase,
    so the phrase naming it wins; the employment words would not tell its phrases apart."""
    seen: list[tuple[str, Domain | None]] = []

    def match(lv: str, en: str, domain: Domain | None = None) -> float:
        seen.append((en, domain))
        return 3.0 if domain == "employment" and "discrimination" in en else 0.0

    chunk = facts.marker_chunks[24]
    assert {23, 24, 25} <= set(chunk.footnotes)
    found = fact_candidate(facts, Hit(chunk=chunk, score=1.0, rank=1), match)
    assert found is not None
    assert [u.footnote.n for u in found[1].footnotes] == [24]
    assert found[1].footnotes[0].footnote.countries == ["EE", "ES", "LT", "LV", "NL", "PT", "RO"]
    assert {d for _, d in seen} == {"employment"}


def _x(coverage: float, own: float) -> AnswerFeatures:
    return answer_features(coverage=coverage, own_coverage=own)


def test_each_candidate_learns_how_far_it_falls_behind_the_best() -> None:
    out = relative([_x(1.0, 0.25), _x(0.5, 0.75)])
    assert [(x.coverage_gap, x.own_gap) for x in out] == [(0.0, 0.5), (0.5, 0.0)]
    assert relative([]) == []


def _option(p: float, *, negated: bool, unmet: bool) -> Option:
    x = replace(_x(1.0, 1.0), negated=negated, negation_unmet=unmet)
    return Option(AskResponse(session_id="s", lang="en", answerable=True, answer="a",
                              resolved_question="q"), AnswerRefs(), x, p)  # fmt: skip


def test_a_candidate_meeting_the_negation_beats_one_missing_it() -> None:
    missing = _option(0.7, negated=True, unmet=True)
    meeting = _option(0.2, negated=True, unmet=False)
    assert choose([missing, meeting], threshold=0.15) is meeting
    # below the threshold the negation does not decide
    assert choose([missing, meeting], threshold=0.3) is missing
    # a question without negation is chosen by probability alone
    plain = [_option(0.7, negated=False, unmet=False), _option(0.2, negated=False, unmet=False)]
    assert choose(plain, threshold=0.15) is plain[0]


def test_a_country_question_finds_a_footnote_whose_passage_the_search_missed(
    facts: ReportFacts,
) -> None:
    keys = set(lemmatize_tokens("neziņoja diskriminācijas novēršanas pasākumiem", "lv"))

    def match(lv: str, _en: str, _domain: Domain | None = None) -> float:
        return matching.sentence_score(lv, keys, {})

    marked = list({c.chunk_id: c for c in facts.marker_chunks.values()}.values())
    words = {w.lower() for c in marked for w in re.findall(r"\w+", c.text)}

    def negated_claim(lv: str, en: str) -> bool:
        return claim_negated(lv, en, "lv", words.__contains__)

    found = candidates(facts, [], match, Lookup(), marked=marked, claim_fits=negated_claim)
    assert [[u.footnote.n for u in o.footnotes] for o in found if o.footnotes] == [[53]]
    assert found[0].footnotes[0].footnote.countries == ["CY", "FR", "EL", "PL", "RO"]
    # without the negation, the best-matching claim is another footnote's
    plain = candidates(facts, [], match, Lookup(), marked=marked)
    assert [[u.footnote.n for u in o.footnotes] for o in plain if o.footnotes] == [[49]]
    # without marked passages (not a "which countries" question) none is offered
    assert not any(o.footnotes for o in candidates(facts, [], match, Lookup()))


@pytest.mark.parametrize(
    "question",
    ["Felt discriminated against when visiting a restaurant, night club or hotel?", "Romi un?"],
)
def test_one_word_after_the_join_lists_rather_than_asks(question: str) -> None:
    assert two_parts(question) is None


def test_a_question_written_as_two_asks_splits_at_its_question_mark() -> None:
    assert ask_parts("un veikalā? un darbā?") == ("un veikalā", " un darbā")
    # one ask: split where its asks join, as two_parts does
    assert ask_parts("Cik romu strādā un cik mācās?") == two_parts("Cik romu strādā un cik mācās?")
    assert ask_parts("and how does it break down by gender?") is None


def test_a_question_opening_with_its_join_splits_at_the_next() -> None:
    # "Un cik …": no ask stands before the opening join
    assert two_parts("Un cik daudzi uzticas policijai un tiesu sistēmai?") == (
        "Un cik daudzi uzticas policijai",
        "tiesu sistēmai?",
    )


def test_a_join_after_a_comma_is_where_the_asks_meet() -> None:
    # not the "or" inside the second ask
    assert two_parts(
        "how many felt discriminated looking for a job, and when renting or buying?"
    ) == (
        "how many felt discriminated looking for a job",
        "when renting or buying?",
    )


def test_two_asks_are_cut_where_they_join_before_where_the_question_marks_stand() -> None:
    assert ask_parts("Do Roma trust the police and the courts? Give me the figures.") == (
        "Do Roma trust the police",
        "the courts? Give me the figures.",
    )

    # two questions, the second naming no subject, are one ask
    def names(part: str) -> bool:
        return "skaitļi" not in part

    assert ask_parts("Vai romi uzticas policijai? Kādi ir skaitļi?", names) is None
    assert ask_parts("Vai romi uzticas policijai? Kādi ir skaitļi?") == (
        "Vai romi uzticas policijai",
        " Kādi ir skaitļi",
    )


def test_two_asks_whose_best_figure_is_one_line_get_no_pair(facts: ReportFacts) -> None:
    refs = ["ind.housing.02", "ind.housing.03", "ind.housing.04"]
    hits = [Hit(chunk=facts.chunks[r], score=1.0 - i / 10, rank=i + 1) for i, r in enumerate(refs)]

    def pairs(first: str, second: str) -> list[list[str]]:
        options = candidates(
            facts, hits, _no_match, Lookup(), part_scores=[(_scorer(first), _scorer(second), True)]
        )
        return [[i.id for i in o.indicators] for o in options if o.parts]

    # "dušu" and "vannasistabu" both name one line: the question asks once
    assert pairs("cik romu mājās ir duša", "vannasistaba iekštelpās") == []
    assert pairs("cik romu mājās ir duša", "tualete iekštelpās") == [
        ["ind.housing.04", "ind.housing.03"]
    ]


def test_two_asks_of_one_section_pair_across_its_boxes_only_where_a_second_ask_starts(
    facts: ReportFacts,
) -> None:
    # "heard of an equality body" heads no box of the reported-incident line
    refs = ["ind.discrimination.14", "ind.discrimination.09", "ind.discrimination.15"]
    hits = [Hit(chunk=facts.chunks[r], score=1.0 - i / 10, rank=i + 1) for i, r in enumerate(refs)]
    one, two = _scorer("dzirdējuši par vienlīdzības struktūru"), _scorer("ziņojuši par incidentu")

    def pairs(asking: bool) -> list[list[str]]:
        options = candidates(facts, hits, _no_match, Lookup(), part_scores=[(one, two, asking)])
        return [[i.id for i in o.indicators] for o in options if o.parts]

    assert pairs(asking=True) == [["ind.discrimination.14", "ind.discrimination.09"]]
    assert pairs(asking=False) == []


def test_every_cut_is_offered_likeliest_first_and_says_whether_a_second_ask_starts() -> None:
    assert ask_cuts("Cik romu strādā algotu darbu un cik mācās vai strādā?") == [
        Cut("Cik romu strādā algotu darbu", "cik mācās vai strādā?", asking=True)
    ]
    # the joins inside the asks first, last the two questions as written
    assert ask_cuts("Do Roma trust the police and the courts? and the equality body?") == [
        Cut("Do Roma trust the police and the courts?", "the equality body?", asking=False),
        Cut("Do Roma trust the police", "the courts? and the equality body?", asking=False),
        Cut("Do Roma trust the police and the courts", " and the equality body", asking=True),
    ]


def test_a_list_of_three_items_is_three_asks() -> None:
    assert list_parts("Cik romu mājās ir ūdensvads, iekštelpu tualete un duša?") == [
        "Cik romu mājās ir ūdensvads",
        "iekštelpu tualete",
        "duša",
    ]
    assert list_parts("Romi darbā un mācībās?") == []  # two items: ask_cuts' work

    def names(part: str) -> bool:
        return part != "overall"

    assert list_parts("Remarks, gestures, threats, and overall?", names) == []


def test_each_listed_item_gets_the_one_best_figure_of_one_box(facts: ReportFacts) -> None:
    # the overcrowding line stands alone and matches the lead-in best: the box is chosen
    # where every item has a figure of its own
    refs = ["ind.housing.08", "ind.housing.04", "ind.housing.02", "ind.housing.03"]
    hits = [Hit(chunk=facts.chunks[r], score=1.0 - i / 10, rank=i + 1) for i, r in enumerate(refs)]

    def figures(question: str) -> list[list[str]]:
        items = [_scorer(item) for item in list_parts(question)]
        options = candidates(facts, hits, _no_match, Lookup(), item_scores=items)
        return [[i.id for i in o.indicators] for o in options if o.parts]

    assert figures("Cik romu dzīvo mājsaimniecībās ar ūdensvadu, tualeti un dušu?") == [
        ["ind.housing.02", "ind.housing.03", "ind.housing.04"]
    ]
    # two items naming one line: no set
    assert figures("Cik romu dzīvo mājsaimniecībās ar ūdensvadu, dušu un vannasistabu?") == []
