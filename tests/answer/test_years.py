"""Years a question asks about against years a passage states (``answer/keys.py``)."""

from __future__ import annotations

from rivs_qa.answer.keys import covers_years, dated


def test_a_year_that_ends_a_period_is_marked() -> None:
    text = "Eiropas Komisija 2018. gada 4. decembrī publicēja novērtējumu līdz 2020. gadam"
    assert dated(text) == {"2018", "<2020"}
    assert dated("the EU framework up to 2020, evaluated in 2018") == {"<2020", "2018"}
    assert dated("Kādi bija rādītāji 2020. gadā?") == {"2020"}
    assert dated("budžets pēc 2020. gada") == {"2020"}  # after a year is no period's end
    assert dated("no year here, only 2000/43/EK's number 43") == {"2000"}


def test_a_question_about_a_year_needs_the_year_as_such() -> None:
    stated = dated("publicēja 2018. gadā novērtējumu laikposmam līdz 2020. gadam")
    assert not covers_years(dated("Kas notika 2020. gadā?"), stated)
    assert covers_years(dated("What was the framework up to 2020?"), stated)
    assert covers_years(dated("Kas notika 2018. gadā?"), stated)
    # a period's end asked about is met by the year as such too
    assert covers_years({"<2018"}, stated)
    assert covers_years(set(), set())
