"""Whole turns in-process on the real report and the real index (multilingual-e5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.answer.contract import AskRequest, AskResponse
from rivs_qa.answer.keys import act_names
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore
from rivs_qa.config import get_settings
from rivs_qa.lang import Lang
from rivs_qa.report.model import Report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(real_index_dir: Path) -> AnswerService:
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    return AnswerService(report, engine, MemorySessionStore(600, 100))


def ask(service: AnswerService, question: str, session_id: str | None = None, **kw) -> AskResponse:  # type: ignore[no-untyped-def]
    return service.ask(AskRequest(question=question, session_id=session_id, **kw))


def test_statistic_in_latvian_is_the_report_figure(service: AnswerService) -> None:
    r = ask(service, "Kāds ir to romu īpatsvars, kuri strādā algotu darbu?")
    assert (r.lang, r.answerable) == ("lv", True)
    fact = r.facts[0]
    assert (fact.kind, fact.value, fact.unit, fact.breakdowns) == (
        "indicator",
        43.0,
        "%",
        {"women": 29.0, "men": 56.0},
    )
    assert "43 % (sievietes 29 %, vīrieši 56 %)" in r.answer
    cited = r.citations[fact.citation - 1]
    assert cited.kind == "indicator" and "strādā algotu darbu" in cited.text


def test_follow_ups_resolve_against_the_session(service: AnswerService) -> None:
    first = ask(service, "What share of Roma aged 20-64 are in paid work?")
    women = ask(service, "And for women?", first.session_id)
    assert women.session_id == first.session_id
    assert women.resolved_question == "What share of Roma aged 20-64 are in paid work — for women?"
    assert "women: 29 % (all Roma: 43 %)" in women.answer
    men = ask(service, "Un vīriešiem?", first.session_id)
    assert men.lang == "lv"
    assert "vīrieši: 56 %" in men.answer


def test_which_countries_follow_up_lists_the_table_row(service: AnswerService) -> None:
    first = ask(service, "How many education measures aimed to desegregate schools?")
    assert first.facts and first.facts[0].kind == "table_row"
    row_id = first.facts[0].id
    second = ask(service, "Which countries?", first.session_id)
    assert second.facts[0].id == row_id
    assert {"AT", "BE", "BG", "CZ", "SK"} <= set(second.facts[0].countries)


def test_who_did_it_follow_ups_keep_the_last_answers_table_row(service: AnswerService) -> None:
    # the follow-up's own words are an ask and a verb ("īstenoja", also a word of other rows'
    # names): the row the last answer gave still answers it, for a count as for countries
    first = ask(service, "Kuras dalībvalstis apkaro cilvēku tirdzniecību?")
    assert first.facts and first.facts[0].kind == "table_row"
    row = service.facts.rows[first.facts[0].id]
    assert "tirdzniecīb" in row.sub_area_lv
    count = ask(service, "Un cik pasākumu tās īstenoja?", first.session_id)
    assert count.answerable and count.facts[0].id == row.id
    assert f"{row.member_state_measures} pasākum" in count.answer
    again = ask(service, "Cik pasākumu dalībvalstis paredzēja darba tirgus šķēršļu novēršanai?")
    assert again.facts and again.facts[0].kind == "table_row"
    which = ask(service, "Un kuras valstis tos īstenoja?", again.session_id)
    assert which.answerable and which.facts[0].id == again.facts[0].id
    assert set(which.facts[0].countries) >= set(service.facts.rows[again.facts[0].id].member_states)
    # a follow-up asking when is not answered by the row: it gives no year
    first_again = ask(
        service, "Cik pasākumu dalībvalstis paredzēja darba tirgus šķēršļu novēršanai?"
    )
    when = ask(service, "Un kurā gadā tos īstenoja?", first_again.session_id)
    assert not when.answerable


def test_mediation_achievement_is_footnote_9(service: AnswerService) -> None:
    # the issue's own example: footnote 9 = AT, FR, EL, ES, IT, LV, RO
    r = ask(service, "Which countries reported mediation as an achievement in education?")
    assert r.facts[0].kind == "footnote"
    assert r.facts[0].id == "fn.9"
    assert r.facts[0].countries == ["AT", "FR", "EL", "ES", "IT", "LV", "RO"]
    assert "AT (Austria)" in r.answer and "LV (Latvia)" in r.answer
    cited = r.citations[r.facts[0].citation - 1]
    assert "starpniecība" in cited.quote


def test_a_footnote_answer_cites_the_marked_passage_then_the_footnote(
    service: AnswerService,
) -> None:
    # the search does not rank footnote 9's own chunk among the first hits for this wording
    r = ask(service, "Kuru valstu VKRJ minēja starpniecību kā panākumu izglītības jomā?")
    assert [f.id for f in r.facts] == ["fn.9"] and r.facts[0].citation == 1
    assert "starpniecība" in r.citations[0].quote
    assert (r.citations[1].kind, r.citations[1].text) == (
        "footnote",
        "9 AT, FR, EL, ES, IT, LV, RO.",
    )


def test_a_figure_for_one_country_is_refused(service: AnswerService) -> None:
    r = ask(service, "What share of Roma in Latvia have a job?")
    assert r.answerable is False
    assert r.answer.startswith("The report does not give this figure for a single country")
    assert r.suggestions and not r.facts and not r.citations


def test_a_year_the_report_never_names_is_refused(service: AnswerService) -> None:
    r = ask(service, "Cik romu bērnu apmeklēja skolu 2023. gadā?")
    assert (r.answerable, r.lang) == (False, "lv")
    assert r.answer.startswith("Ziņojums neaptver šo gadu.")


def test_prose_question_quotes_the_report(service: AnswerService) -> None:
    r = ask(service, "Kāpēc veselības un mājokļu jomā ir grūti pārņemt politikas atziņas?", top_k=3)
    assert r.answerable and not r.facts
    assert len(r.citations) == 3
    assert [c.n for c in r.citations] == [1, 2, 3]
    quoted = r.citations[int(r.answer.rsplit("[", 1)[1].rstrip("]")) - 1]
    assert quoted.quote in quoted.text
    assert quoted.quote in r.answer


def test_explicit_language_frames_the_answer(service: AnswerService) -> None:
    r = ask(service, "Kāds ir to romu īpatsvars, kuri strādā algotu darbu?", lang="en")
    assert r.lang == "en"
    assert r.answer.startswith("Roma in paid work")


def test_unknown_session_id_starts_a_conversation_under_it(service: AnswerService) -> None:
    r = ask(service, "And men?", "my-own-session-1")
    assert r.session_id == "my-own-session-1"
    assert r.resolved_question == "And men?"


def test_warm_up_covers_every_answer_path_and_leaves_the_store_alone(
    service: AnswerService,
) -> None:
    from rivs_qa.answer.service import WARM_UP

    before = len(service.sessions)
    service.warm_up()
    assert len(service.sessions) == before
    kinds = set()
    for n, turns in enumerate(WARM_UP):
        for question in turns:
            r = ask(service, question, f"warm-up-check-{n}")
            kinds.add(r.facts[0].kind if r.facts else ("quote" if r.answerable else "refusal"))
    assert kinds == {"indicator", "table_row", "quote", "approach", "refusal"}


def test_english_approach_facts_carry_the_curated_translation(service: AnswerService) -> None:
    r = ask(service, "Which promising approaches does Finland have?")
    assert r.facts and {f.kind for f in r.facts} == {"approach"}
    by_id = {a.id: a for a in service.report.approaches}
    assert [f.label for f in r.facts] == [by_id[f.id].label_en for f in r.facts]
    assert all("FI" in f.countries for f in r.facts)
    assert r.translation_note is not None and "translation" in r.translation_note


def test_a_follow_up_with_a_new_subject_gets_its_own_figure(service: AnswerService) -> None:
    police = ask(service, "Kāds ir romu īpatsvars, kuri uzticas policijai?")
    assert [f.id for f in police.facts] == ["ind.discrimination.15"]
    justice = ask(service, "Un tiesu sistēmai?", police.session_id)
    assert [(f.id, f.value) for f in justice.facts] == [("ind.discrimination.16", 29.0)]
    english = ask(service, "What share of Roma trust the police?")
    courts = ask(service, "And the justice system?", english.session_id)
    assert [f.id for f in courts.facts] == ["ind.discrimination.16"]


def test_a_follow_up_naming_another_item_of_the_last_footnotes_sentence_takes_it(
    service: AnswerService,
) -> None:
    # I.2.2.p2 marks three challenges in one sentence: capacity²³, discrimination²⁴, trust²⁵
    session = "sibling-footnote"
    r = ask(
        service, "Kuri VKRJ nodarbinātībā kā problēmu minēja īstenošanas struktūru spējas?", session
    )
    assert r.facts[0].countries == ["AT", "EL", "PL", "PT", "SK"]
    r = ask(service, "un romu diskrimināciju?", session)
    assert r.answerable and r.facts[0].countries == ["EE", "ES", "LT", "LV", "NL", "PT", "RO"]
    # a follow-up naming no other item keeps the last footnote
    r = ask(service, "un cik to ir?", session)
    assert r.answerable and r.facts[0].countries == ["EE", "ES", "LT", "LV", "NL", "PT", "RO"]


def test_a_country_follow_up_says_whether_it_is_listed(service: AnswerService) -> None:
    row = ask(service, "How many measures supported self-employment and entrepreneurship?")
    assert [f.id for f in row.facts] == ["table.employment.05"]
    hungary = ask(service, "What about Hungary?", row.session_id)
    assert hungary.answer.startswith("HU (Hungary): listed (member states). Measures reported")
    assert [f.id for f in hungary.facts] == ["table.employment.05"]


def test_the_questions_own_domain_word_names_no_footnote(service: AnswerService) -> None:
    # "health" is in every health footnote's phrase; "mediators" decides: an approach
    r = ask(service, "Which countries have Roma health mediators?")
    assert [f.kind for f in r.facts] == ["approach"]
    assert r.facts[0].countries[:4] == ["BG", "CZ", "DK", "EL"]
    assert "health mediators" in r.answer


def test_a_list_is_quoted_with_its_lead_in_first_and_all_its_items(
    service: AnswerService, real_report: Report
) -> None:
    r = ask(service, "What factors of success does the report list in its conclusions?")
    assert r.answerable and not r.facts
    lead = "The success factors in the context of planning, implementing and monitoring Roma"
    assert lead in r.answer
    # [1] is the lead-in: the sentence the answer quotes, in its Latvian original
    first = r.citations[0]
    assert first.section_id == "IV" and first.kind == "paragraph"
    assert first.quote.startswith("Panākumu gūšanas faktori romu iekļaušanas intervences")
    assert first.quote_en.startswith(lead) and first.quote_en in r.answer
    # every item of the list, in the report's order; the cited ones carry their citation
    items = [p for p in real_report.section("IV").paragraphs if p.kind == "list_item"]
    assert len(items) == 18
    assert [i.text for i in r.items] == [p.text_en for p in items]
    assert all(f"• {p.text_en}" in r.answer for p in items)
    cited = [n for item in r.items for n in item.citations]
    # the first items cite their passages in the list's order, [2], [3] …, whether the
    # search found them or not
    assert [item.citations for item in r.items[:10]] == [[n] for n in range(2, 12)]
    for item in r.items:
        for n in item.citations:
            source = r.citations[n - 1]
            assert source.kind == "list_item" and source.text_en == item.text
    used = [int(n) for n in r.answer.rsplit("[", 1)[1].rstrip("]").split(", ")]
    assert used == [1, *sorted(cited)]


def test_a_quoted_lead_in_brings_its_cited_items(service: AnswerService) -> None:
    r = ask(service, "What are the main sources of the assessment?")
    assert "The main sources of the assessment are as follows:”\n• " in r.answer
    used = [int(n) for n in r.answer.rsplit("[", 1)[1].rstrip("]").split(", ")]
    assert len(used) >= 2
    assert any(r.citations[n - 1].kind == "list_item" for n in used)
    # the API gives the list as items, each with its citation when one cites it
    assert r.lead is not None and r.lead.endswith(
        "“The main sources of the assessment are as follows:”"
    )
    assert len(r.items) == 4
    assert sum(1 for item in r.items if item.citations) >= 2
    for item in r.items:
        for n in item.citations:
            assert r.citations[n - 1].text_en == item.text and f"• {item.text}" in r.answer


def test_a_year_the_answers_passages_never_mention_is_refused_truthfully(
    service: AnswerService,
) -> None:
    # 2011 is in the report (the EU framework), but not in anything that could answer this
    r = ask(service, "How did the Roma paid-work rate in 2011 compare with 2016?")
    assert not r.answerable
    assert r.answer.startswith("The report says nothing on this for that year.")
    assert r.citations  # the nearest passage, cited, without claiming it answers
    same = ask(service, "What share of Roma were in paid work in 2016?")
    assert same.answerable and "43 %" in same.answer


@pytest.mark.parametrize(
    ("first", "then", "figure", "value"),
    [
        (
            "Kāds ir to romu īpatsvars, kuri dzīvo mājsaimniecībās ar dušu vai vannasistabu "
            "iekštelpās?",
            "Un ar iekštelpu tualeti?",
            "ind.housing.03",
            "55 %",
        ),
        (
            "What share of Roma felt discriminated against when visiting a shop?",
            "and in a restaurant or hotel?",
            "ind.discrimination.06",
            "21 %",
        ),
        # "darbu" names the employment domain: the discrimination box still holds
        ("Cik romu ir jutušies diskriminēti, apmeklējot veikalu?", "bet meklējot darbu?",
         "ind.discrimination.03", "43 %"),
    ],
)  # fmt: skip
def test_a_follow_up_naming_another_figure_of_the_box_gets_that_figure(
    service: AnswerService, first: str, then: str, figure: str, value: str
) -> None:
    r1 = ask(service, first)
    assert r1.answerable and r1.facts[0].id != figure
    r2 = ask(service, then, session_id=r1.session_id)
    assert r2.answerable and [f.id for f in r2.facts] == [figure]
    assert value in r2.answer and r2.facts[0].value != r1.facts[0].value
    # the resolved question is about the new figure, not the old one piled on
    assert r1.facts[0].label not in r2.resolved_question


def test_a_follow_up_naming_no_figure_of_the_box_is_refused(service: AnswerService) -> None:
    r1 = ask(service, "What share of Roma felt discriminated against when looking for work?")
    r2 = ask(service, "and in health care?", session_id=r1.session_id)
    assert r1.answerable and not r2.answerable


@pytest.mark.parametrize(
    ("first", "then", "value", "old"),
    [
        ("How often were Roma treated unfairly when they were looking for work?",
         "what about at work?", "19 %", "43 %"),
        ("How common is discrimination when Roma look for a job?",
         "and what about at school?", "12 %", "43 %"),
    ],
)  # fmt: skip
def test_a_follow_up_after_a_quoted_figure_gets_its_sibling(
    service: AnswerService, first: str, then: str, value: str, old: str
) -> None:
    # the first answer quotes the figure's line rather than giving it as a fact; the
    # session still remembers the figure, and "what about …" asks for its neighbour
    r1 = ask(service, first)
    assert r1.answerable and not r1.facts and old in r1.answer
    assert r1.citations[0].kind == "indicator"
    r2 = ask(service, then, session_id=r1.session_id)
    assert r2.answerable and value in r2.answer and old not in r2.answer


def test_a_why_question_is_not_answered_by_a_quote_of_an_approach(
    service: AnswerService,
) -> None:
    # the best quote is the Swedish promising approach: it says what was done, not why
    r, options = service.explain(
        AskRequest(question="Why did Sweden set up a commission against antigypsyism?")
    )
    quote = next(o for o in options if o.features.kind == "extractive")
    assert quote.response.citations[0].kind == "approach" and quote.features.quotes_item
    assert "reason_unmet" in quote.features.unmet
    assert not r.answerable and r.answer.startswith("No passage found explains this.")


@pytest.mark.parametrize(
    "question",
    [
        "Which contact points listed anti-Roma discrimination among the challenges in employment?",
        "Kuri VKRJ uzskatīja romu diskrimināciju par problēmu nodarbinātībā?",
    ],
)
def test_which_contact_points_named_a_challenge_in_an_area_gets_that_areas_footnote(
    service: AnswerService, question: str
) -> None:
    # footnote 24 (employment), not footnote 50, whose phrase names the contact points
    # ("Vairāki VKRJ minēja problēmas …") in the discrimination chapter
    r = ask(service, question)
    assert r.answerable and [f.id for f in r.facts] == ["fn.24"]
    assert r.facts[0].countries == ["EE", "ES", "LT", "LV", "NL", "PT", "RO"]


def test_which_are_they_after_a_count_of_countries_lists_them(service: AnswerService) -> None:
    r1 = ask(service, "Cik dalībvalstis ziņoja par pasākumiem, lai apkarotu cilvēku tirdzniecību?")
    r2 = ask(service, "Kuras tās ir?", session_id=r1.session_id)
    assert r2.answerable and r2.resolved_question.startswith("Kuras tās ir — ")
    assert r2.facts and r2.facts[0].kind == "table_row" and r2.facts[0].countries
    assert all(c in r2.answer for c in r2.facts[0].countries)


def test_a_question_about_one_country_is_refused_by_passages_that_never_name_it(
    service: AnswerService,
) -> None:
    # the report speaks of contact points and of the Roma Civil Monitor only in general
    for question in (
        "Kas vada Igaunijas valsts kontaktpunktu romu jautājumos?",
        "What did the Roma Civil Monitor find about Romania?",
    ):
        r = ask(service, question)
        assert not r.answerable, (question, r.answer)


def test_a_number_written_out_answers_how_much(service: AnswerService) -> None:
    # the report gives this share in words only ("piektā daļa", "a fifth")
    r = ask(service, "What share of employment measures target young people?")
    assert r.answerable and "a fifth" in r.answer


def test_how_much_money_is_refused_when_the_report_gives_no_amount(
    service: AnswerService,
) -> None:
    for question in (
        "How much money did the EU spend on Roma health mediators?",
        "Cik naudas dalībvalstis piešķīra romu mājokļu programmām?",
    ):
        r = ask(service, question)
        assert not r.answerable, (question, r.answer)


def test_a_follow_up_naming_two_figures_of_the_box_gets_both(service: AnswerService) -> None:
    r1 = ask(service, "Cik procentu romu jutās diskriminēti, apmeklējot restorānu vai viesnīcu?")
    r2 = ask(service, "un veikalā? un darbā?", session_id=r1.session_id)
    assert r2.answerable
    assert {f.id for f in r2.facts} == {"ind.discrimination.07", "ind.discrimination.04"}
    assert "17 %" in r2.answer and "19 %" in r2.answer


def test_a_follow_up_naming_both_genders_gets_the_breakdown(service: AnswerService) -> None:
    r1 = ask(service, "What share of Roma aged 20-64 are in paid work?")
    r2 = ask(service, "and how does it differ between women and men?", session_id=r1.session_id)
    assert r2.answerable and [f.id for f in r2.facts] == ["ind.employment.01"]
    assert "women 29 %" in r2.answer and "men 56 %" in r2.answer


def test_what_the_report_tells_about_a_country_is_its_approaches(service: AnswerService) -> None:
    # "stāsta" is the verb "tell", as "saka" and "pastāsti" are: no subject of its own
    r = ask(service, "Ko ziņojums stāsta par Zviedriju?")
    assert r.answerable and r.facts and all("SE" in f.countries for f in r.facts)


def test_a_follow_up_naming_the_enlargement_countries_by_the_reports_phrase(
    service: AnswerService,
) -> None:
    first = ask(
        service, "Kuras dalībvalstis ziņoja par pasākumiem cilvēku tirdzniecības apkarošanai?"
    )
    r = ask(
        service,
        "Un cik pasākumu par to ziņoja paplašināšanās procesā iesaistītās valstis, kuras?",
        first.session_id,
    )
    assert r.answerable and [f.kind for f in r.facts] == ["table_row"]
    assert r.facts[0].id == first.facts[0].id and r.facts[0].countries == ["AL", "MK", "RS"]
    assert r.facts[0].count == 8


def test_an_answer_about_member_states_does_not_answer_for_the_enlargement_countries(
    service: AnswerService,
) -> None:
    r = ask(
        service,
        "Rasu vienlīdzības direktīvas īstenošana praksē — cik pasākumu par to ziņoja "
        "paplašināšanās valstis?",
    )
    assert r.answerable and [f.kind for f in r.facts] == ["table_row"]
    assert "paplašināšanās valstis" in r.answer and r.facts[0].count == 24


def test_two_asks_get_two_figures_of_one_box_and_a_heading_gets_its_total(
    service: AnswerService,
) -> None:
    # two lines standing alone in one box
    r = ask(
        service,
        "What proportion of Roma rate their health as good or very good, and how many have "
        "a long-standing illness?",
    )
    assert [f.id for f in r.facts] == ["ind.health.02", "ind.health.04"]
    # the first part names only the box heading: its total line, not one of its items
    r = ask(
        service,
        "How many Roma experienced in-person harassment because of being Roma in the past "
        "year, and how many faced threats of violence?",
    )
    assert [f.id for f in r.facts] == ["ind.discrimination.13", "ind.discrimination.12"]
    # a negated part takes the line that negates too ("not completed", "nepabeigts")
    r = ask(
        service,
        "Cik romu (16+) ir ieguvuši vidējo vai profesionālo izglītību, un cik nav pabeiguši "
        "pat pamatizglītības pirmo posmu?",
    )
    assert [f.value for f in r.facts] == [18.0, 14.0]


def test_a_footnote_claiming_the_other_facet_does_not_answer(service: AnswerService) -> None:
    # "shortcomings … access to social housing" (footnote 46) is no success in it
    r = ask(service, "Which countries reported success in access to social housing?")
    assert r.answerable and [f.kind for f in r.facts] == ["footnote"]
    assert r.facts[0].countries == ["AT", "CZ", "EL", "HU", "LV", "LT", "PT", "RO"]


def test_a_footnote_whose_claim_sentence_names_the_other_facet_does_not_answer(
    service: AnswerService,
) -> None:
    # footnote 52 follows "romu sieviešu un bērnu stāvokļa uzlabošanas kontekstā", a phrase
    # naming no facet; its sentence lists difficulties. Footnote 47 is the success.
    r = ask(service, "Kuri VKRJ kā panākumu minēja romu sieviešu un bērnu stāvokļa uzlabošanu?")
    assert r.answerable and [f.kind for f in r.facts] == ["footnote"]
    assert r.facts[0].countries == ["BG", "EE", "ES", "HU", "HR", "PT", "SK"]
    r = ask(service, "Kuri VKRJ minēja grūtības romu sieviešu un bērnu stāvokļa uzlabošanā?")
    assert r.answerable and r.facts[0].countries == ["BG", "ES", "SK"]


def test_a_refusal_names_the_facet_the_report_lists_the_asked_item_under(
    service: AnswerService,
) -> None:
    # "datu pieejamība" (footnote 19) is among education's "other challenges"
    r = ask(service, "Which countries named data availability as a success in education?")
    assert not r.answerable
    assert r.answer.startswith("The report lists this as a challenge, not as an achievement.")
    assert "HR (Croatia), IT (Italy), PT (Portugal) — footnote 19" in r.answer
    r = ask(service, "Kuras valstis starpniecību izglītībā minēja kā problēmu?")
    assert not r.answerable
    assert r.answer.startswith("Ziņojumā tas minēts kā panākums, nevis kā problēma.")


def test_a_refusal_says_which_kind_of_answer_the_report_lacks(service: AnswerService) -> None:
    # the report states no amount of money anywhere
    r = ask(service, "How many euros did member states spend on Roma employment measures?")
    assert not r.answerable
    assert r.answer.startswith("The report gives no amount of money for this.")


def test_a_follow_up_asking_the_split_by_sex_keeps_the_last_figure(service: AnswerService) -> None:
    # the question names education first; its figure (NEET) is employment's, and the
    # follow-up's "by sex" words name no new subject
    session = "split-by-sex"
    ask(service, "How many young Roma are not in employment, education or training?", session)
    r = ask(service, "and by sex?", session)
    assert r.answerable and [f.id for f in r.facts] == ["ind.employment.02"]
    assert r.facts[0].breakdowns == {"women": 72.0, "men": 55.0}
    r = ask(service, "Cik romu jauniešu ir NEET?", "pa-dzimumiem")
    r = ask(service, "Un kā tas sadalās pa dzimumiem?", "pa-dzimumiem")
    assert r.answerable and [f.id for f in r.facts] == ["ind.employment.02"]


def test_a_total_asked_by_the_lines_it_counts_gets_the_total_line(service: AnswerService) -> None:
    # the total line "kopā: 29 %" counts comments, gestures and threats: naming them names it
    r = ask(
        service,
        "Kopumā, cik romu pēdējā gadā klātienē saskārās ar aizskarošiem komentāriem, žestiem "
        "vai draudiem?",
    )
    assert r.answerable and [f.id for f in r.facts] == ["ind.discrimination.13"]
    # "In total, how many …": the words before the comma ask nothing of their own
    r = ask(
        service,
        "In total, how many Roma were harassed in person over the last year (threats, "
        "offensive comments or gestures)?",
    )
    assert r.answerable and [f.id for f in r.facts] == ["ind.discrimination.13"]


def test_a_question_asking_a_total_gets_its_box_total_line(service: AnswerService) -> None:
    r = ask(service, "How many Roma were harassed in person in the past year overall?")
    assert r.answerable and [f.id for f in r.facts] == ["ind.discrimination.13"]
    assert "29 %" in r.answer
    # two asks, one of them the total: each part gets its own line
    r = ask(
        service,
        "How many Roma experienced in-person harassment because of being Roma in the past "
        "year overall, and how many faced threats of violence?",
    )
    assert [f.id for f in r.facts] == ["ind.discrimination.13", "ind.discrimination.12"]
    # a box without a total line: "kopumā" asks its figure as it stands
    r = ask(service, "Cik romu kopumā strādā algotu darbu?")
    assert r.answerable and [f.id for f in r.facts] == ["ind.employment.01"]


def test_a_section_named_by_its_title_gets_its_opening_across_passages(
    service: AnswerService,
) -> None:
    r = ask(service, "Ko ziņojums saka par romu iekļaušanu paplašināšanās reģionā?")
    assert r.answerable and r.answer.startswith("“Rietumbalkānu valstis, pārsniedzot gaidīto")
    # the third sentence stands in the paragraph's second passage: both are cited
    assert "attiecībā uz 23. nodaļu “Tiesu sistēma un pamattiesības”." in r.answer
    assert r.answer.endswith("[1, 2]")
    assert {c.section_id for c in r.citations[:2]} == {"III"}


def test_the_domain_a_question_names_tells_apart_sections_of_one_title(
    service: AnswerService,
) -> None:
    # every policy area has a "Policy learning" section: the area named picks its own
    r = ask(service, "What does the report say about policy learning in health care?")
    assert r.answerable
    assert r.answer.startswith("In “I. Key policy areas › 3. Health care › 3.3. Policy learning”")
    r = ask(service, "Ko ziņojums saka par politikas apguvi nodarbinātības jomā?")
    assert r.answerable and r.citations[0].section_id == "I.2.3"


@pytest.mark.parametrize(
    "question",
    [
        "Ar ko būtu jāpapildina aktīvie segregācijas novēršanas pasākumi?",
        "What should the active desegregation measures be complemented with?",
    ],
)
def test_a_quote_opening_with_a_demonstrative_brings_what_it_refers_to(
    service: AnswerService, question: str
) -> None:
    # "Šie aktīvie … pasākumi" refers to "Šīs pieejas galvenās daļas …", which refers to the
    # approach the sentence before it names: each its own passage of paragraph I.1.3.p2
    r = ask(service, question)
    assert r.answerable
    opening = [c.quote.split(" ")[0] for c in r.citations[:3]]
    assert opening == ["Jo", "Šīs", "Šie"]
    assert r.answer.endswith("[1, 2, 3]")
    english = question.startswith("What")
    said = [c.quote_en if english else c.quote for c in r.citations[:3]]
    assert " ".join(said) in r.answer


def test_this_report_is_no_reference_back() -> None:
    from rivs_qa.answer.around import _REFERS_BACK

    assert _REFERS_BACK.match("Šīs pieejas galvenās daļas ir šādas:")
    assert _REFERS_BACK.match("Šādi pasākumi ir jāturpina.")
    # a pronoun of the sentence before; "Tā kā" is the conjunction "since"
    assert _REFERS_BACK.match("Tā ir arī joma, kurā tiek uzskatīts, ka …")
    assert _REFERS_BACK.match("Tās risina arī problēmas, kas attiecas uz pieprasījuma pusi.")
    assert not _REFERS_BACK.match("Tā kā DE ziņojums tika iesniegts novēloti, …")
    assert not _REFERS_BACK.match("Tādas pieejas nav.")
    assert not _REFERS_BACK.match("Šajā ziņojumā ir apkopotas tendences.")
    assert not _REFERS_BACK.match("Šeit ir minēti piemēri.")


@pytest.mark.parametrize(
    ("question", "first_words"),
    [
        ("In which area is a long-term, integrated and comprehensive approach seen as "
         "especially important?", "Housing policy has the fewest promising approaches"),
        ("Kāpēc mājokļu jomā īpaši svarīga ir ilgtermiņa, integrēta pieeja?",
         "Mājokļu politikā ir vismazāk daudzsološu pieeju"),
    ],
)  # fmt: skip
def test_a_quote_opening_with_a_pronoun_brings_the_sentence_it_stands_for(
    service: AnswerService, question: str, first_words: str
) -> None:
    # "Tā ir arī joma, kurā …" ("It is also the area in which …") names no area alone
    r = ask(service, question)
    assert r.answerable and r.citations[0].section_id == "I.4.3"
    assert r.citations[0].quote.startswith("Mājokļu politikā ir vismazāk daudzsološu pieeju")
    assert f"“{first_words}" in r.answer


@pytest.mark.parametrize(
    "question",
    [
        "Kāds ir to izglītības pasākumu īpatsvars, kas vērsti uz izglītības ieguves uzlabošanu?",
        "How large a share of the education measures aims at better educational attainment?",
    ],
)
def test_a_share_stated_by_the_next_sentence_of_the_paragraph_is_quoted_with_it(
    service: AnswerService, question: str
) -> None:
    # "… pasākumus, kuru mērķis ir uzlabot izglītības ieguvi. Tie ir šādi: …" ends its
    # passage; the paragraph's next passage opens "Kopā šāda veida pasākumi veido 36 % …"
    r = ask(service, question)
    assert r.answerable and r.answer.endswith("[1, 2]")
    assert "uzlabot izglītības ieguvi" in r.citations[0].quote
    share = "Kopā šāda veida pasākumi veido 36 % no visiem izglītības pasākumiem."
    assert r.citations[1].quote == share
    assert r.citations[0].section_id == r.citations[1].section_id == "I.1.1"
    assert "36 %" in r.answer


def test_a_why_question_is_answered_from_prose_not_from_priority_lines(
    service: AnswerService,
) -> None:
    from rivs_qa.answer.conversation import interpret

    res = interpret("Why is fighting antigypsyism a condition for lasting change?", None)
    assert res.features.reason
    hits = service.engine.search(res.question, k=20, lang=res.lang)
    # the best hits are priority lines and approaches, which state no reason …
    assert all(h.chunk.kind in ("approach", "priority") for h in hits[:3])
    keys = service.keys.keys(res.question, res.lang)
    out = service.quotes.extractive("s", res.lang, res, hits, keys, 5)
    # … so the quote comes from the report's prose, which does
    assert out.citations[0].kind in ("paragraph", "list_item", "footnote")
    assert "long-term change" in out.answer


def test_a_footnotes_prose_is_quoted_like_a_paragraphs(service: AnswerService) -> None:
    # the report says which member state has no Roma community in a footnote's sentence,
    # not in a country list: the quote is that sentence
    r = ask(service, "Kurām dalībvalstīm nav romu kopienas?")
    assert r.answerable and r.citations[0].kind == "footnote"
    assert "MT, kurā nav romu kopienas" in r.answer


def test_a_share_asked_is_not_answered_by_prose_stating_none(service: AnswerService) -> None:
    # the passage on vaccination names measures, and counts nothing as a share of them
    r = ask(service, "Cik procentu pasākumu ir vērsti uz vakcināciju?")
    assert not r.answerable
    assert r.answer.startswith("Ziņojumā netika atrasts fragments, kas šim norādītu īpatsvaru")


def test_a_footnote_of_another_area_does_not_answer_a_question_framing_its_area(
    service: AnswerService,
) -> None:
    # "… minēja problēmas …" recurs from area to area: footnote 50 (access to justice, in
    # the discrimination section) is no answer for the employment area the question names
    r = ask(
        service,
        "Kuru valstu kontaktpunkti nodarbinātības jomā kā problēmu minēja tieši romu "
        "diskrimināciju?",
    )
    assert all(f.id != "fn.50" for f in r.facts)
    # after the employment area's challenges, discrimination alone narrows that area:
    # footnote 24 (EE, ES, LT, LV, NL, PT, RO)
    first = ask(
        service, "Kādas galvenās problēmas nodarbinātības jomā uzsvēra valstu kontaktpunkti?"
    )
    then = ask(
        service, "Kuras valstis kā problēmu minēja tieši romu diskrimināciju?", first.session_id
    )
    assert then.answerable and [(f.kind, f.id) for f in then.facts] == [("footnote", "fn.24")]
    assert then.facts[0].countries == ["EE", "ES", "LT", "LV", "NL", "PT", "RO"]


def test_a_misspelt_english_word_is_read_as_the_reports(service: AnswerService) -> None:
    r = ask(service, "How many vacination measures did enlargement countries report, and where?")
    assert r.resolved_question == (
        "How many vaccination measures did enlargement countries report, and where?"
    )
    assert r.answerable and r.facts[0].kind == "table_row"
    assert "vaccination" in r.facts[0].label.lower()


def test_a_survey_figure_alone_does_not_answer_a_question_asking_no_figure(
    service: AnswerService,
) -> None:
    # what the report says about segregation is not its 13 % of schools
    r = ask(service, "What does the report say about school and class segregation?")
    assert not any(f.kind == "indicator" for f in r.facts)
    # a question on the survey's subject, not on what the report says, asks the figure
    how_far = ask(service, "How far do Roma trust the national justice system and the police?")
    assert how_far.answerable
    assert {f.id for f in how_far.facts} == {"ind.discrimination.15", "ind.discrimination.16"}
    # asking for the figures in so many words, a survey figure answers
    figures = ask(
        service, "How far do Roma trust the police and the justice system? I need the FRA figures."
    )
    assert figures.answerable and figures.facts[0].kind == "indicator"
    assert figures.facts[0].id.startswith("ind.discrimination.")


def test_parts_of_an_area_no_survey_figure_names(service: AnswerService) -> None:
    def unnamed(question: str, lang: Lang) -> dict[str, tuple[str, ...]]:
        return dict(service.figure_words.asked(question, lang).unnamed)

    assert unnamed("Cik procentu romu bērnu apmeklē pirmsskolas izglītību?", "lv") == {
        "education": ("pirmsskolas",)
    }
    assert unnamed("What share of Roma children go to kindergarten?", "en") == {
        "education": ("kindergarten",)
    }
    # named by a figure: in its own words, by its first letters, or through the glossary
    assert unnamed("Cik romu dzīvo pārapdzīvotos mājokļos?", "lv") == {}
    assert unnamed("What share of Roma have basic health insurance?", "en") == {}
    assert unnamed("Awareness of equality bodies among Roma?", "en") == {}
    # the area itself is no part of it
    assert unnamed("Kāds ir romu izglītības līmenis?", "lv") == {}


def test_a_part_of_an_area_no_figure_names_gets_no_neighbouring_figure(
    service: AnswerService,
) -> None:
    r = ask(service, "Cik procentu romu bērnu apmeklē pirmsskolas izglītību (2016)?")
    assert not r.answerable and not r.facts
    assert r.answer.startswith("Ziņojumā šim nav dots apsekojuma rādītājs.")
    # … whatever the wording: the 13 % of segregated schools is never the answer
    other = ask(service, "Kāda daļa romu bērnu apmeklē pirmsskolu (FRA 2016)?")
    assert not other.answerable and not other.facts
    # a part of another area than the figure's is its setting: renting a flat is where the
    # discrimination happened, and the discrimination figure answers
    flat = ask(service, "Cik romu jutās diskriminēti, mēģinot īrēt dzīvokli?")
    assert flat.answerable and flat.facts[0].id == "ind.discrimination.05"
    # … but a setting of an area no discrimination figure names is a part it lacks
    hospital = ask(service, "How many Roma felt discriminated against in hospital?")
    assert not hospital.answerable and not hospital.facts
    assert hospital.answer.startswith("The report gives no survey figure for this.")


def test_a_figure_whose_label_names_no_setting_of_the_area_asked_does_not_answer(
    service: AnswerService,
) -> None:
    # health figures name healthcare; no discrimination figure names a health setting
    asked = service.figure_words.asked(
        "What share of Roma experienced discrimination in healthcare?", "en"
    )
    assert asked.named == {"discrimination": ("discrimination",), "health": ("healthcare",)}
    r = ask(service, "What share of Roma experienced discrimination in healthcare?")
    assert not r.answerable
    assert r.answer.startswith("The report gives no survey figure for this.")
    # a setting the label names is met: looking for work
    r = ask(service, "What share of Roma felt discriminated against when looking for work?")
    assert r.answerable and [f.id for f in r.facts] == ["ind.discrimination.03"]


def test_prose_that_never_says_a_part_no_figure_names_does_not_answer(
    service: AnswerService,
) -> None:
    # the report gives no life expectancy: a sentence on the FRA's data is no answer
    r = ask(service, "Per the FRA data, what is the Roma life expectancy gap?")
    assert not r.answerable
    # prose on the part's area speaks to it: places for Roma in education, for universities
    unnamed = service.figure_words.asked("Vai romiem rezervē vietas augstskolās?", "lv").unnamed
    assert unnamed == {"education": ("augstskolās",)}
    positive = ask(service, "Ko ziņojums saka par pozitīvo rīcību izglītībā?")
    assert "izglītībā" in positive.citations[0].quote
    assert not service.figure_words.unsaid(unnamed, positive)
    assert service.figure_words.unsaid({"health": ("life expectancy",)}, positive)
    # prose that says the part answers: vaccination campaigns as a success in health
    said = ask(service, "Which countries named vaccination campaigns a success in health?")
    assert said.answerable and [f.id for f in said.facts] == ["fn.26"]


def test_a_footnote_of_an_area_the_question_never_names_does_not_answer(
    service: AnswerService,
) -> None:
    # mediation as a success in health is footnote 30, not education's footnote 9
    r = ask(service, "Which countries cited mediation in health care as a success?")
    assert r.answerable and [f.id for f in r.facts] == ["fn.30"]
    assert r.facts[0].countries == ["FR", "RO", "SE", "SK"]


def test_a_bare_how_many_after_a_figure_names_its_sibling(service: AnswerService) -> None:
    first = ask(service, "Cik romu mājsaimniecībām ir ūdensvada ūdens iekštelpās?")
    then = ask(service, "un cik ir ar iekštelpu tualeti?", first.session_id)
    assert then.answerable and "55 %" in then.answer and "70 %" not in then.answer.split("(")[0]


def test_a_follow_ups_own_new_words_name_the_row_it_asks_about(service: AnswerService) -> None:
    first = ask(
        service,
        "Which countries report measures against violence including domestic violence towards "
        "Roma women?",
    )
    then = ask(service, "and on children begging?", first.session_id)
    assert then.answerable and then.facts[0].kind == "table_row"
    assert "begging" in then.facts[0].label.lower()


def test_how_many_countries_a_row_answer_says_how_many(service: AnswerService) -> None:
    r = ask(service, "How many member states reported measures on early childhood education?")
    assert r.answerable and r.facts[0].kind == "table_row"
    assert "member states (13): AT (Austria)" in r.answer
    # asked which countries, it lists them
    m = ask(service, "Which member states reported measures on early childhood education and care?")
    assert m.facts[0].id == r.facts[0].id
    assert "member states: AT (Austria)" in m.answer and "34 measures" in m.answer


def test_a_why_question_is_the_prose_answers_to_give(service: AnswerService) -> None:
    # a why-question's rule answer is the prose, even where the lookup finds approaches
    r = ask(service, "Kāpēc mājokļos ir tik maz labās prakses, ko varētu pārņemt citas valstis?")
    assert r.answerable and not r.facts
    assert r.citations[0].quote.startswith("Mājokļu politikā ir vismazāk daudzsološu pieeju")
    # a quote drawing a consequence ("Tāpēc …") comes with the sentence it draws it from
    why = ask(service, "Kāpēc izglītības jomā ir vairāk daudzsološu pieeju nekā citās jomās?")
    assert why.citations[0].quote.startswith(
        "Izglītība ir joma, kurā ir īstenots visvairāk intervences pasākumu un novērtējumu. "
        "Tāpēc šajā jomā"
    )


def test_a_quoted_approach_is_quoted_whole(service: AnswerService) -> None:
    r = ask(service, "Ko Čehija darīja ar Lety u Písku nometnes vietu?")
    assert r.answerable
    quote = r.citations[0].quote
    assert quote.startswith("CZ: valdība iegādājās cūku audzēšanas saimniecību")
    assert "Ar EEZ dotāciju atbalstu tiks uzbūvēts romu holokausta upuriem veltīts" in quote


def test_a_lead_in_the_passage_end_cuts_is_quoted_with_what_it_announces(
    service: AnswerService,
) -> None:
    # the sentence "Dažas no … atziņām šajā jomā ir šādas: ir svarīgi …" is longer than a
    # passage: the passage holding its start ends at the colon
    # (the answer is the opening of "1.3. Politikas apguve", whose third sentence it is)
    r = ask(service, "Kuras ir svarīgākās politikas atziņas, ko ziņojums min izglītībā?")
    assert r.answerable
    lead = "Dažas no svarīgajām politikas atziņām šajā jomā ir šādas: ir svarīgi"
    quote = next(c.quote for c in r.citations if c.quote.startswith(lead))
    assert quote.endswith("pāreju starp izglītības līmeņiem un uz nodarbinātību.")
    assert quote in r.answer


def test_a_quote_from_another_areas_section_does_not_answer_a_framed_area(
    service: AnswerService,
) -> None:
    # education's "policy lessons in this area" is no answer about employment's
    r = ask(service, "Kuras ir svarīgākās politikas atziņas, ko ziņojums min nodarbinātības jomā?")
    assert "Dažas no svarīgajām politikas atziņām šajā jomā" not in r.answer.split("Tuvākais")[0]
    assert not r.answerable or r.citations[0].section_id.startswith("I.2")


def test_a_measure_tables_source_year_holds_for_every_table_of_its_series(
    service: AnswerService,
) -> None:
    # the source line "… measures implemented in 2017" is printed under the education table
    # only; the other measure tables share its header and so its source
    rows = [c for c in service.engine.chunks if c.kind == "table_row"]
    assert {c.ref_id.split(".")[1] for c in rows if c.ref_id} == {
        "education", "employment", "health", "housing", "discrimination",
    }  # fmt: skip
    assert all({"2017", "2018"} <= service.keys.chunk_years[c.chunk_id] for c in rows)
    r = ask(
        service,
        "How many measures supporting first work experience did member states report in 2017?",
    )
    assert r.answerable and r.facts[0].id == "table.employment.06"


def test_a_quote_for_a_question_naming_a_year_is_one_stating_the_year(
    service: AnswerService,
) -> None:
    question = "Which member states sent no report from their national Roma contact points in 2018?"
    _, options = service.explain(AskRequest(question=question))
    quote = next(o for o in options if o.features.kind == "extractive").response.citations[0]
    assert quote.quote_en.startswith("All Member States (MS) except DK, FI and IE")


def test_a_count_for_a_country_a_row_does_not_list_is_refused(service: AnswerService) -> None:
    # DE's report came late and is in no table: a row's count is the other countries'
    r = ask(service, "How many measures on health awareness did Germany report?")
    assert not r.answerable
    assert r.answer.startswith("The report has no answer that fits this question closely enough.")


def test_a_share_asked_is_quoted_from_the_sentence_stating_a_share(service: AnswerService) -> None:
    # the passage's best-matching sentence by words is "Lielākā daļa dalībvalstu …" (no share)
    r = ask(service, "Cik liela daļa nodarbinātības pasākumu pievēršas tieši jauniešiem?")
    assert r.answerable
    assert r.citations[0].quote.startswith("Tikai piektā daļa pasākumu ir vērsta uz jauniešiem")


def test_a_footnote_asked_after_an_areas_challenges_is_that_areas(service: AnswerService) -> None:
    # segregation is a challenge of education (footnote 14) and housing (39, 44)
    first = ask(service, "Kādas problēmas izglītības jomā minēja VKRJ?")
    r = ask(service, "Kuri VKRJ kā problēmu nosauca segregāciju?", first.session_id)
    assert r.answerable
    assert (r.facts[0].kind, r.facts[0].id) == ("footnote", "fn.14")


def test_a_quote_from_another_areas_section_does_not_answer_an_area_named(
    service: AnswerService,
) -> None:
    # education's "Some of the important policy lessons …" matches the words best; health's
    # own "Policy learning" section answers
    r = ask(service, "What are the policy lessons for health?")
    assert r.answerable and r.citations[0].section_id == "I.3.3"
    assert r.answer.startswith("In “I. Key policy areas › 3. Health care › 3.3. Policy learning”")


def test_how_many_of_the_measures_is_answered_by_their_share(service: AnswerService) -> None:
    r = ask(service, "How many of the employment measures are aimed at young Roma?")
    assert r.answerable
    assert r.citations[0].quote_en.startswith("Only a fifth of the measures target young people")


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Kuras valstis ziņoja par pasākumiem bērnu ubagošanas apkarošanai?",
         "Cik pasākumu tās kopumā paziņojušas?"),
        ("Which member states reported measures against child begging?",
         "How many measures did they report in all?"),
    ],
)  # fmt: skip
def test_a_prefixed_frame_verb_brings_no_subject_of_its_own(
    service: AnswerService, first: str, then: str
) -> None:
    # "paziņojušas" is "ziņo*" prefixed: the follow-up asks the last turn's row its count,
    # as the English one does
    ask(service, first, "prefixed")
    r = ask(service, then, "prefixed")
    assert r.answerable
    assert [f.id for f in r.facts] == ["table.discrimination.11"]


@pytest.mark.parametrize(
    "question",
    [
        "Cik un kuras dalībvalstis uzlaboja atbalstu priekšlaicīgas mācību pārtraukšanas "
        "novēršanai?",
        "How many and which member states improved support for preventing early school leaving?",
    ],
)
def test_a_footnote_giving_examples_is_no_count(service: AnswerService, question: str) -> None:
    # footnote 11 is "Piem., HU, ES, LV.": three examples, not how many
    r = ask(service, question)
    assert not r.answerable and not r.facts
    assert "Piemēram" not in r.answer and "For example" not in r.answer


def test_a_footnote_giving_examples_answers_which_countries(service: AnswerService) -> None:
    r = ask(service, "Kuras dalībvalstis uzlaboja atbalstu priekšlaicīgas mācību novēršanai?")
    assert r.answerable
    assert r.answer.startswith("Piemēram: HU (Ungārija), ES (Spānija), LV (Latvija)")


@pytest.mark.parametrize(
    "question",
    [
        "How does the share of Roma who feel discriminated compare with the rest of the "
        "population?",
        "What share of Roma trust the police, compared to the majority population?",
        "Kāds ir romu īpatsvars, kas uzticas policijai, salīdzinājumā ar pārējo sabiedrību?",
    ],
)
def test_a_comparison_with_a_group_the_report_never_measures_is_refused(
    service: AnswerService, question: str
) -> None:
    # the report's survey figures are of Roma only: one alone compares them with nothing
    r = ask(service, question)
    assert not r.answerable and not r.facts
    assert r.answer.startswith(
        ("No passage found speaks of both sides", "Ziņojumā netika atrasts fragments, kas runātu")
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How does the paid work rate of Roma women compare with that of Roma men?", "men 56 %"),
        ("Cik romu strādā algotu darbu salīdzinājumā ar sievietēm?", "sievietes: 29 %"),
    ],
)
def test_a_comparison_the_figures_breakdown_makes_is_answered(
    service: AnswerService, question: str, said: str
) -> None:
    r = ask(service, question)
    assert r.answerable and said in r.answer


def test_a_passage_naming_the_report_by_its_year_states_no_year(service: AnswerService) -> None:
    # "šajā 2019. gada ziņojumā" names the report; the passage says nothing of 2019 itself
    own = [c for c in service.engine.chunks if "šajā 2019. gada ziņojumā" in c.text]
    assert own and all("2019" not in service.keys.chunk_years[c.chunk_id] for c in own)
    r = ask(service, "Cik romu 2019. gadā bija nodarbināti?")
    assert not r.answerable


def test_a_sections_own_title_answers_to_every_word_of_its_facet(service: AnswerService) -> None:
    # "Policy learning" / "Politikas apguve" is where the report's lessons are
    learning = [c for c in service.engine.chunks if c.section_id == "I.2.3"]
    assert learning and all(
        {"lesson", "atzinas"} <= service.keys.section_keys[c.chunk_id] for c in learning
    )
    r = ask(service, "Which lessons were learnt about employment?")
    assert r.answerable and r.citations[0].section_id == "I.2.3"


def test_a_section_answer_covers_the_words_of_its_own_title(service: AnswerService) -> None:
    # the answer names "› 2.3. Policy learning": that covers "lessons" though its text does not
    r = ask(service, "What are the main policy lessons on Roma employment?")
    assert r.answerable and r.citations[0].section_id == "I.2.3"
    assert r.answer.startswith("In “I. Key policy areas › 2. Employment › 2.3. Policy learning”")


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # words that name no item of the list: the whole list, as the report orders it
        ("What should be prioritised in Roma housing going forward?", "prio.housing.01"),
        # an item the question names comes first
        ("Which housing priorities are about forced evictions?", "prio.housing.03"),
    ],
)
def test_a_domains_priorities_come_in_the_reports_order_named_first(
    service: AnswerService, question: str, first: str
) -> None:
    r = ask(service, question)
    ids = [f.id for f in r.facts]
    assert ids[0] == first
    assert sorted(ids) == [f"prio.housing.0{i}" for i in range(1, 8)]
    assert [i for i in ids if i != first] == sorted(i for i in ids if i != first)


def test_this_documents_year_does_not_steer_the_search(service: AnswerService) -> None:
    # "2019" names this assessment: searched for, it brought the meta-evaluation of 2019
    r = ask(service, "What sources is this 2019 assessment based on?")
    assert r.answerable and r.citations[0].section_id == "INTRO"
    assert "National Roma Contact Points" in r.answer


def test_a_passage_of_no_area_must_say_the_area_asked(service: AnswerService) -> None:
    # the introduction's "reports submitted by the National Roma Contact Points" shares
    # every word but education: it is not education's challenges
    question = "Which education challenges did the national Roma contact points flag?"
    r, options = service.explain(AskRequest(question=question))
    intro = [o for o in options if o.response.citations[0].section_id == "INTRO"]
    assert intro and all("area_unmet" in o.features.unmet for o in intro)
    assert not (r.answerable and r.citations[0].section_id == "INTRO")


def test_two_figures_asked_before_a_dash_get_one_each(service: AnswerService) -> None:
    # "- what are the shares?" asks no subject: the two asks are joined by "and"
    r = ask(service, "Roma homes with a flushing toilet inside and with tap water - what shares?")
    assert r.answerable
    assert sorted(f.id for f in r.facts) == ["ind.housing.02", "ind.housing.03"]


def test_a_negated_question_quotes_the_sentence_that_excepts(service: AnswerService) -> None:
    # the introduction's first sentence shares more words; the footnote's says "izņemot"
    r = ask(service, "Kuras valstis 2018. gadā nav sniegušas ziņojumu?")
    assert r.answerable and "izņemot DK, FI un IE" in r.answer


def test_an_areas_subsections_are_told_apart_by_the_facet_their_title_names(
    service: AnswerService,
) -> None:
    keys = service.keys
    question = "Ko ziņojums saka par politikas atziņām mājokļu jomā?"
    asked = set(keys.keys(question, "lv")) - keys.frame - keys.ask
    closer = {"I.4.1": 0.9, "I.4.3": 0.1}  # the titles' closeness favours the aims
    named = service.quotes.named_section(asked, lambda: closer, ("policy_learning",))
    assert named is not None and named[0] == "I.4.3"
    named = service.quotes.named_section(asked, lambda: closer)
    assert named is not None and named[0] == "I.4.1"


def test_a_question_for_good_practice_is_not_answered_by_a_footnotes_list(
    service: AnswerService,
) -> None:
    question = "Kādas labas prakses pret romiem vērsta noskaņojuma apkarošanā min par Latviju?"
    r, options = service.explain(AskRequest(question=question))
    footnotes = [o for o in options if o.features.kind == "footnote"]
    assert footnotes and all("approach_unmet" in o.features.unmet for o in footnotes)
    assert r.facts and {f.kind for f in r.facts} == {"approach"}


def test_a_sections_priorities_are_led_by_its_sentence_on_priority(
    service: AnswerService,
) -> None:
    r = ask(service, "Which priorities does the report name for health care?")
    assert r.answerable and r.answer.startswith("In “I. Key policy areas › 3. Health care")
    assert r.citations[0].kind == "paragraph"
    assert r.citations[0].quote.startswith("Prioritāra nozīme būtu jāpiešķir")
    assert sorted(f.id for f in r.facts) == [f"prio.health.0{i}" for i in range(1, 6)]
    # education's policy learning has no such sentence: its list stands alone
    r = ask(service, "Which priorities does the report name for education?")
    assert r.answer.startswith("Priorities to address named in the report:")


def test_a_followup_naming_another_lone_line_of_the_box_takes_it(service: AnswerService) -> None:
    first = ask(service, "What is the NEET rate among young Roma?")
    assert [f.id for f in first.facts] == ["ind.employment.02"]
    r = ask(service, "and how many Roma aged 20-64 have paid work?", first.session_id)
    assert [f.id for f in r.facts] == ["ind.employment.01"]
    # a gender asks the line's own breakdown
    r = ask(service, "and for women?", r.session_id)
    assert [f.id for f in r.facts] == ["ind.employment.01"] and "29 %" in r.answer


def test_a_legal_act_asked_by_its_name_meets_the_row_naming_its_code(
    service: AnswerService,
) -> None:
    # the row says "Directive 2000/43/EC" only; the report names it once as "Rasu
    # vienlīdzības direktīva (Direktīva 2000/43/EK)"
    assert act_names(service.engine.chunks)["2000/43"] >= {"racial", "equality", "ras"}
    r = ask(
        service, "Which countries invested in putting the Racial Equality Directive into practice?"
    )
    assert r.answerable and [f.id for f in r.facts] == ["table.discrimination.07"]
    assert {"CZ", "HR", "IT", "LT"} <= set(r.facts[0].countries)


def test_an_ask_in_another_form_of_a_labels_adjective_gets_its_figure(
    service: AnswerService,
) -> None:
    # "augstākajā" and the label's "augstākā" lemmatize apart; one starts the other
    r = ask(service, "Cik romu bērnu iegūst vecumam atbilstošu vidējo izglītību? un augstākajā?")
    assert r.answerable
    assert [f.id for f in r.facts] == ["ind.education.06", "ind.education.07"]
    assert "30 %" in r.answer and "2 %" in r.answer


def test_women_and_men_asked_after_a_figure_ask_its_breakdown_not_another_line(
    service: AnswerService,
) -> None:
    q = "What share of Roma aged 20-64 are in paid work, and how does that compare"
    r = ask(service, f"{q} between women and men?")
    assert r.answerable and [f.id for f in r.facts] == ["ind.employment.01"]
    assert "women 29 %, men 56 %" in r.answer


def test_two_asks_get_figures_of_two_boxes_of_one_section(service: AnswerService) -> None:
    q = "What share of Roma have heard of an equality body, and what share of those"
    r = ask(service, f"{q} discriminated reported it?")
    assert r.answerable
    assert [f.id for f in r.facts] == ["ind.discrimination.14", "ind.discrimination.09"]
    # a list inside one ask pairs nothing
    r = ask(service, "Cik romu sieviešu nestrādā un nemeklē darbu, jo kopj bērnus vai vecus radus?")
    assert r.answerable and [f.id for f in r.facts] == ["ind.employment.03"]


def test_three_listed_items_get_three_figures_of_one_box(service: AnswerService) -> None:
    q = "Kāda daļa romu dzīvo mājsaimniecībās ar ūdensvadu,"
    r = ask(service, f"{q} iekštelpu tualeti un dušu?")
    assert r.answerable
    assert [f.id for f in r.facts] == ["ind.housing.02", "ind.housing.03", "ind.housing.04"]
    assert all(v in r.answer for v in ("70 %", "55 %", "60%"))


def test_a_follow_up_naming_the_enlargement_countries_brings_no_words_of_its_own(
    service: AnswerService,
) -> None:
    # "region" is no subject: the row of the last answer, its enlargement column
    q = "How many measures against trafficking in human beings"
    row = ask(service, f"{q} did member states report?")
    assert [f.id for f in row.facts] == ["table.discrimination.08"]
    r = ask(service, "and in the enlargement region?", row.session_id)
    assert r.answerable and [f.id for f in r.facts] == ["table.discrimination.08"]
    enlargement = "enlargement countries: AL (Albania), MK (North Macedonia), RS (Serbia)"
    assert f"{enlargement} — 8 measures" in r.answer
