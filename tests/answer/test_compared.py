import pytest

from rivs_qa.answer.compared import sides


@pytest.mark.parametrize(
    ("question", "side"),
    [
        ("How does X compare with the rest of the population?", "the rest of the population"),
        ("What share of Roma trust the police, compared to the majority?", "the majority"),
        ("Roma versus non-Roma pupils in 2016?", "non-Roma pupils in 2016"),
        ("Kā romu līmenis salīdzinās ar pārējo sabiedrību? Un cik?", "pārējo sabiedrību"),
        ("Kāds ir īpatsvars salīdzinājumā ar vīriešiem?", "vīriešiem"),
        ("Kāds ir īpatsvars, salīdzinot ar 2011. gadu?", "2011"),
    ],
)
def test_the_other_side_is_what_follows_the_last_cue(question: str, side: str) -> None:
    found = sides(question)
    assert found is not None
    first, other = found
    assert other == side
    assert question.startswith(first) and question[len(first) :].startswith(side)


@pytest.mark.parametrize(
    "question", ["What share of Roma trust the police?", "Kāds ir romu nodarbinātības līmenis?"]
)
def test_a_question_comparing_nothing_has_no_other_side(question: str) -> None:
    assert sides(question) is None
