"""Years a question asks about against years a passage states (``answer/keys.py``)."""

from __future__ import annotations

import pytest

from rivs_qa.answer.years import asked_years, covers_years, dated, own_year, without_own_year


def test_a_year_that_ends_a_period_is_marked() -> None:
    text = "Eiropas Komisija 2018. gada 4. decembrī publicēja novērtējumu līdz 2020. gadam"
    assert dated(text) == {"2018", "<2020"}
    assert dated("the EU framework up to 2020, evaluated in 2018") == {"<2020", "2018"}
    assert dated("Kādi bija rādītāji 2020. gadā?") == {"2020"}
    assert dated("budžets pēc 2020. gada") == {"2020"}  # after a year is no period's end
    assert dated("no year here, only 2000/43/EK's number 43") == set()


def test_a_question_about_a_year_needs_the_year_as_such() -> None:
    stated = dated("publicēja 2018. gadā novērtējumu laikposmam līdz 2020. gadam")
    assert not covers_years(dated("Kas notika 2020. gadā?"), stated)
    assert covers_years(dated("What was the framework up to 2020?"), stated)
    assert covers_years(dated("Kas notika 2018. gadā?"), stated)
    # a period's end asked about is met by the year as such too
    assert covers_years({"<2018"}, stated)
    assert covers_years(set(), set())


@pytest.mark.parametrize(
    ("question", "years"),
    [("What are the key findings of the 2019 report?", set()),
     ("Ko 2019. gada ziņojums saka par mājokļiem?", set()),
     ("ko 2019 gada zinojums saka par majokliem?", set()),
     ("What does the report from 2019 conclude?", set()),
     ("What did the NRCPs' 2017 reports say?", {"2017"}),  # another report's year
     ("How many Roma were in paid work in 2019?", {"2019"}),  # a year asked about
     ("How many countries in 2019 reported measures?", {"2019"}),  # "reported": a verb
     ("How many measures did member states report for 2019?", {"2019"}),  # a verb too
     ("Uz ko balstās šis 2019. gada pārskats?", set()),  # this document, by its year
     ("What does this 2019 review rest on?", set()),
     ("Kas notika šajā 2019. gadā?", {"2019"}),  # this year: a year asked about
     ("Kas mainījās no 2016. gada līdz 2019. gada ziņojumam?", {"2016"})],
)  # fmt: skip
def test_the_reports_own_year_naming_it_is_no_year_asked(question: str, years: set[str]) -> None:
    assert asked_years(question, "2019") == years


def test_without_an_own_year_every_year_is_asked() -> None:
    assert asked_years("the 2019 report", None) == {"2019"}


def test_the_report_names_itself_by_2019(real_report) -> None:  # type: ignore[no-untyped-def]
    assert own_year(real_report) == "2019"


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        (
            "What sources is this 2019 assessment based on?",
            "What sources is this assessment based on?",
        ),
        ("Kādi ir 2019. gada ziņojuma secinājumi?", "Kādi ir . gada ziņojuma secinājumi?"),
        # a year asked about stays
        ("How many measures were reported for 2019?", "How many measures were reported for 2019?"),
        ("What did the 2017 NRCP reports say?", "What did the 2017 NRCP reports say?"),
    ],
)
def test_the_search_leaves_out_the_year_naming_the_report(question: str, searched: str) -> None:
    assert without_own_year(question, "2019") == searched


def test_a_legal_acts_code_names_no_year() -> None:
    assert dated("Direktīvas 2000/43/EK efektīva īstenošana") == set()
    assert dated("the Racial Equality Directive (2000/43/EC)") == set()
    assert dated("in 2018/2019") == {"2018", "2019"}
