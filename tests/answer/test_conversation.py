import pytest
from test_intent import FakeCountries

from rivs_qa.answer.conversation import (
    AnswerRefs,
    ConversationState,
    Hints,
    Resolution,
    interpret,
    resolve_followup,
    update_state,
)
from rivs_qa.answer.intent import extract_features


def converse(*questions, refs=None):
    """Run a conversation; returns the resolutions and the final state."""
    state, resolutions = None, []
    for question in questions:
        resolution = interpret(question, state, countries=FakeCountries())
        resolutions.append(resolution)
        state = update_state(state, resolution, (refs or {}).get(question))
    return resolutions, state


def resolved(*questions):
    return [r.question for r in converse(*questions)[0]]


SAME = None  # resolved as asked
PAID = "What share of Roma aged 20-64 are in paid work"
PAID_LV = "Kāds ir to romu īpatsvars, kuri strādā algotu darbu"
APPROACHES_LV = "Kādas ir daudzsološās pieejas"
ESL = "how many measures against early school leaving did member states report"
SEGREGATION = "cik pasākumu dalībvalstis ziņoja par skolu segregācijas novēršanu"
PRIORITIES = "Kādas prioritātes ir jāpievēršas diskriminācijas jomā?"

CONVERSATIONS = [
    [
        (f"{PAID}?", SAME),
        ("And men?", f"{PAID} — for men?"),
        # the new qualifier replaces the previous one instead of piling up
        ("And for women?", f"{PAID} — for women?"),
        # no domain word to swap in the subject: the follow-up is appended
        ("What about housing?", f"{PAID} — housing?"),
    ],
    [
        (f"{PAID_LV}?", SAME),
        ("Un vīriešiem?", f"{PAID_LV} — vīriešiem?"),
        ("un sievietem?", f"{PAID_LV} — sievietēm?"),
        ("Un mājokļu jomā?", f"{PAID_LV} — mājokļu jomā?"),
    ],
    [
        (f"{APPROACHES_LV} izglītības jomā?", SAME),
        ("Un mājokļu jomā?", f"{APPROACHES_LV} mājokļu jomā?"),
        ("Kas par Latviju?", f"{APPROACHES_LV} mājokļu jomā — par Latviju?"),
        ("Un problēmas?", "Kādas ir problēmas mājokļu jomā — par Latviju?"),
        ("Un veselības jomā?", "Kādas ir problēmas veselības aprūpes jomā?"),
        ("Kuras valstis?", "Kuras valstis — kādas ir problēmas veselības aprūpes jomā?"),
    ],
    [
        # typed without diacritics: the swapped word is written without them too
        ("kadas ir daudzsolosas pieejas izglitibas joma", SAME),
        ("un majoklu joma?", "kadas ir daudzsolosas pieejas majoklu joma"),
        (
            "Kuras valstis tās bija?",
            "Kuras valstis tās bija — kadas ir daudzsolosas pieejas majoklu joma?",
        ),
    ],
    [
        (f"H{ESL[1:]}?", SAME),
        ("Which countries?", f"Which countries — {ESL}?"),
        (
            "And in the enlargement countries?",
            f"Which countries — {ESL} — in the enlargement countries?",
        ),
        ("What about Serbia?", f"Which countries — {ESL} — Serbia?"),
    ],
    [
        (f"C{SEGREGATION[1:]}?", SAME),
        ("Kuras valstis tās bija?", f"Kuras valstis tās bija — {SEGREGATION}?"),
        ("Kas par Spāniju?", f"Kuras valstis tās bija — {SEGREGATION} — par Spāniju?"),
    ],
    [
        ("What are the promising approaches in education?", SAME),
        ("Housing?", "What are the promising approaches in housing?"),
        ("What are the challenges?", "What are the challenges in housing?"),
        ("And Latvia?", "What are the challenges in housing — Latvia?"),
        ("What is RIVS?", SAME),
    ],
    [
        ("What does footnote 12 say?", SAME),
        ("And footnote 13?", "What does footnote 13 say?"),
    ],
    [
        # the case of the previous question is kept: genitive before "jomā"
        ("Kādi ir panākumi veselības aprūpes jomā?", SAME),
        ("Un izglītībā?", "Kādi ir panākumi izglītības jomā?"),
        ("Un nodarbinātībai?", "Kādi ir panākumi nodarbinātības jomā?"),
    ],
    [
        (PRIORITIES, SAME),
        ("Un daudzsološas pieejas?", PRIORITIES.replace("prioritātes", "daudzsološās pieejas")),
    ],
    [
        # a capital initial survives the swap
        ("Izglītības jomā kādi ir panākumi?", SAME),
        ("Un mājokļu?", "Mājokļu jomā kādi ir panākumi?"),
    ],
    [
        # discrimination and the domain it happens in go together: the follow-up's domain
        # word is added, not swapped in for the last one
        ("Cik procentu romu ir piedzīvojuši diskrimināciju, meklējot darbu?", SAME),
        ("Bet darbā?", "Cik procentu romu ir piedzīvojuši diskrimināciju, meklējot darbu — darbā?"),
    ],
    [
        ("Kuras valstis minēja ekonomikas izaugsmi kā panākumu nodarbinātībā?", SAME),
        (
            "Un diskrimināciju?",
            "Kuras valstis minēja ekonomikas izaugsmi kā panākumu nodarbinātībā — diskrimināciju?",
        ),
    ],
    [
        # a follow-up in the other language: the subject is rebuilt from slots
        (f"{PAID}?", SAME),
        ("Un vīriešiem?", "Kāds īpatsvars — romu stāvoklis nodarbinātības jomā vīriešiem?"),
        ("What about women?", "What share — situation of Roma in employment for women?"),
    ],
]


@pytest.mark.parametrize("turns", CONVERSATIONS, ids=lambda turns: turns[0][0][:40])
def test_resolved_questions(turns):
    expected = [question if want is SAME else want for question, want in turns]
    assert resolved(*(question for question, _ in turns)) == expected


def test_and_men_keeps_the_indicator_and_the_statistic():
    first = "What share of Roma aged 20-64 are in paid work?"
    (_, men), state = converse(
        first, "And men?", refs={first: AnswerRefs(indicator_ids=("ind.employment.01",))}
    )
    f = men.features
    assert (f.domain, f.facet, f.wants_statistic, f.gender) == (
        "employment",
        "situation",
        True,
        "men",
    )
    assert men.hints == Hints(indicator_id="ind.employment.01")
    assert (men.is_followup, men.lang, f.text) == (True, "en", men.question)
    # the answer to "And men?" used no new ids: the hint is remembered for the next turn
    assert state.indicator_id == "ind.employment.01"
    assert (state.turns, state.gender, state.question) == (2, "men", "And men?")


def test_domain_swap_keeps_the_facet_and_drops_the_hints():
    first = "Kādas ir daudzsološās pieejas izglītības jomā?"
    (_, housing), _ = converse(
        first, "Un mājokļu jomā?", refs={first: AnswerRefs(approach_ids=("app.education.01",))}
    )
    f = housing.features
    assert (f.domain, f.facet, f.lang) == ("housing", "approaches", "lv")
    assert housing.hints == Hints()  # education approaches say nothing about housing


def test_new_subject_words_drop_the_previous_figure():
    first = "Kāds ir romu īpatsvars, kuri uzticas policijai?"
    (_, justice), state = converse(
        first, "Un tiesu sistēmai?",
        refs={first: AnswerRefs(indicator_ids=("ind.discrimination.15",))},
    )  # fmt: skip
    assert justice.is_followup and justice.qualifier == "tiesu sistēmai"
    assert justice.features.wants_statistic
    assert justice.hints == Hints()  # the police figure is not the justice system's
    assert state.indicator_id is None


def test_which_countries_keeps_the_table_row_and_stops_counting():
    first = "How many measures against early school leaving did member states report?"
    (_, which), state = converse(
        first, "Which countries?", refs={first: AnswerRefs(table_row_ids=("edu.r01",))}
    )
    f = which.features
    assert (f.wants_countries, f.wants_count, f.count_target) == (True, False, None)
    assert (f.domain, f.facet, f.country_group) == ("education", "measures", "member_state")
    assert which.hints.table_row_id == "edu.r01"
    assert state.table_row_id == "edu.r01"


def test_kas_par_latviju_keeps_facet_and_domain():
    first = "Kādas ir daudzsološās pieejas izglītības jomā?"
    (_, latvia), _ = converse(
        first, "Kas par Latviju?", refs={first: AnswerRefs(approach_ids=("a1", "a2"))}
    )
    f = latvia.features
    assert (f.domain, f.facet, f.countries) == ("education", "approaches", ("LV",))
    assert latvia.hints == Hints(approach_ids=("a1", "a2"))


def test_asks_are_inherited_when_a_followup_asks_nothing():
    (_, _, latvia), _ = converse(
        "Which member states have housing measures?", "And health?", "What about Latvia?"
    )
    f = latvia.features
    assert (f.wants_countries, f.domain, f.countries) == (True, "health", ("LV",))


def test_qualifiers_last_while_the_domain_does():
    (_, _, spain, health), _ = converse(
        "What share of Roma aged 20-64 are in paid work?", "And women?", "And Spain?", "And health?"
    )
    assert (spain.features.gender, spain.features.countries) == ("women", ("ES",))
    assert (health.features.gender, health.features.countries) == (None, ())


def test_asking_for_countries_drops_the_countries_asked_about():
    (_, which), _ = converse("How many education measures did Latvia report?", "Which countries?")
    assert which.features.countries == ()


def test_a_new_question_resets_everything_but_counts_the_turn():
    first = "What share of Roma aged 20-64 are in paid work?"
    (_, _, fresh), state = converse(
        first,
        "And men?",
        "Kādas ir prioritātes izglītības jomā?",
        refs={first: AnswerRefs(indicator_ids=("i1",))},
    )
    assert fresh.is_followup is False
    assert fresh.question == "Kādas ir prioritātes izglītības jomā?"
    assert fresh.hints == Hints()
    assert state == ConversationState(
        lang="lv",
        turns=3,
        question="Kādas ir prioritātes izglītības jomā?",
        question_resolved="Kādas ir prioritātes izglītības jomā?",
        subject="Kādas ir prioritātes izglītības jomā?",
        domain="education",
        facet="priorities",
    )


def test_an_elliptic_first_question_stands_alone():
    f = extract_features("Which countries?")
    for state in (None, ConversationState(lang="en", turns=4)):
        resolution = resolve_followup("Which countries?", f, state)
        assert resolution == Resolution(
            original="Which countries?", question="Which countries?", subject="Which countries?",
            lang="en", is_followup=False, features=f,
        )  # fmt: skip


def test_short_ambiguous_followups_keep_the_conversation_language():
    (_, lv_turn), _ = converse("Kādas ir daudzsološās pieejas izglītības jomā?", "LV?")
    assert lv_turn.lang == "lv"
    (_, en_turn), _ = converse("What are the promising approaches in education?", "LV?")
    assert en_turn.lang == "en"


def test_refs_replace_hints_and_the_footnote_is_remembered():
    (_, footnote), state = converse("What does footnote 12 say?", "And footnote 13?")
    assert (footnote.features.footnote, footnote.hints.footnote) == (13, None)
    assert state.footnote == 13
    refs = AnswerRefs(
        indicator_ids=("a", "b"), table_row_ids=("r",), footnotes=(5, 6), approach_ids=("x",)
    )
    state = update_state(state, footnote, refs)
    assert (state.indicator_id, state.table_row_id, state.footnote, state.approach_ids) == (
        "a",
        "r",
        5,
        ("x",),
    )


def test_state_round_trips_through_json():
    _, state = converse("Kādas ir daudzsološās pieejas izglītības jomā?", "Kas par Latviju?")
    restored = ConversationState.model_validate_json(state.model_dump_json())
    assert restored == state
    assert restored.countries == ("LV",)
    with pytest.raises(ValueError):
        state.turns = 9  # type: ignore[misc]


def test_old_or_partial_json_loads_with_defaults():
    assert ConversationState.model_validate_json(
        '{"lang": "en", "unknown": 1}'
    ) == ConversationState(lang="en")


def test_both_genders_are_kept_as_typed():
    (_, both), _ = converse("What share of Roma aged 20-64 are in paid work?", "And women and men?")
    assert both.question == "What share of Roma aged 20-64 are in paid work — women and men?"
    assert both.features.gender is None


def test_a_claim_of_its_own_replaces_the_last_one_and_keeps_the_area():
    # another facet and words of its own: not the last claim with a slot swapped
    assert resolved(
        "Kuras valstis kā panākumu mājokļu jomā minēja graustu likvidēšanu?",
        "un kuras minēja teritoriālo segregāciju kā problēmu?",
    )[1] == "Kuras minēja teritoriālo segregāciju kā problēmu mājokļu jomā?"
    # discrimination as its own subject, in the area of the last turn, framed as the area
    (_, res), _ = converse(
        "Kuras valstis minēja ekonomikas izaugsmes pozitīvo ietekmi uz romu nodarbinātību?",
        "Un kuras valstis kā problēmu minēja romu diskrimināciju?",
    )
    assert res.question == "Kuras valstis kā problēmu minēja romu diskrimināciju nodarbinātības jomā?"
    assert (res.features.domain, res.features.domain_framed) == ("employment", True)
    # only a new facet: swapped inside the last question
    assert resolved("Kādi ir panākumi izglītības jomā?", "Un kādas problēmas?")[1] == (
        "Kādi ir problēmas izglītības jomā?"
    )


def test_another_area_the_last_question_never_named_replaces_its_subject():
    # the last question names no housing words to swap for health: its subject goes
    assert resolved(
        "Cik romu mājsaimniecībām ir ūdensvada ūdens iekštelpās?",
        "bet kā ar veselības apdrošināšanu?",
    )[1] == "Kāds īpatsvars — veselības apdrošināšanu?"


def test_a_lone_which_after_a_which_countries_turn_asks_which_countries() -> None:
    first = "Kuras dalībvalstis ziņoja par veselības pakalpojumu pieejamību?"
    then = "Un kuras minēja vakcinācijas programmas?"
    resolutions, _ = converse(first, then)
    assert resolutions[1].features.which_countries
    # without that turn before it, it asks nothing about countries
    alone, _ = converse(then)
    assert not alone[0].features.which_countries


def test_which_are_they_after_a_count_of_countries_asks_countries_in_so_many_words() -> None:
    # "Kuras tās ir?" names no country noun, but after "Cik dalībvalstis …?" it asks which
    # countries: an answer naming none does not answer it (``which_unmet``)
    resolutions, _ = converse(
        "Cik dalībvalstis ziņoja par pasākumiem pret segregāciju?", "Kuras tās ir?"
    )
    follow = resolutions[1].features
    assert resolutions[1].is_followup
    assert follow.wants_countries and follow.which_countries


def test_discrimination_alone_after_another_area_with_the_same_facet_narrows_that_area() -> None:
    # no continuation cue and no word of its own: discrimination, the last turn's facet
    # (challenges), after employment's challenges — discrimination in employment
    first = "Kādas galvenās problēmas nodarbinātības jomā uzsvēra valstu kontaktpunkti?"
    then = "Kuras valstis kā problēmu minēja tieši romu diskrimināciju?"
    resolutions, _ = converse(first, then)
    res = resolutions[1]
    assert res.is_followup
    assert (res.features.domain, res.features.domain_framed) == ("employment", True)
    # alone it stands alone, about discrimination
    alone, _ = converse(then)
    assert not alone[0].is_followup and alone[0].features.domain == "discrimination"
    # another facet than the last turn's: a question of its own
    other, _ = converse(first, "Kuras valstis ziņoja par panākumiem romu diskriminācijas jomā?")
    assert not other[1].is_followup


def test_words_of_the_last_question_are_no_subject_of_a_narrowing_followup() -> None:
    # "VKRJ" is a word of its own, but the last question's too: still discrimination there
    resolutions, _ = converse(
        "Kādas problēmas nodarbinātības jomā minēja VKRJ?",
        "Kuri VKRJ kā problēmu nosauca romu diskrimināciju?",
    )
    assert resolutions[1].is_followup
    assert resolutions[1].features.domain == "employment"
    # a word the last question never used is a subject of its own
    resolutions, _ = converse(
        "Kādas problēmas nodarbinātības jomā minēja VKRJ?",
        "Kuri VKRJ kā problēmu tiesās nosauca romu diskrimināciju?",
    )
    assert not resolutions[1].is_followup


def test_a_question_naming_no_area_asks_the_last_turns_facet_in_its_area() -> None:
    first = "What challenges in housing did the NRCPs point out?"
    then = "Which NRCPs cited segregation as a challenge?"
    (_, follow), _ = converse(first, then)
    assert follow.is_followup
    assert follow.features.domain == "housing"
    # alone it names no area
    (alone,), _ = converse(then)
    assert not alone.is_followup and alone.features.domain is None
    # after another facet (measures), a question of its own
    (_, other), _ = converse("How many housing measures did member states report?", then)
    assert not other.is_followup and other.features.domain is None


def test_discrimination_asked_of_no_facet_narrows_the_last_turns_facet_and_area() -> None:
    # "which NRCPs named discrimination?" after employment's challenges: as one of them
    (_, then), _ = converse(
        "Kādas problēmas nodarbinātības jomā minēja VKRJ?",
        "Kuri VKRJ nosauca romu diskrimināciju?",
    )
    assert then.is_followup
    assert (then.features.domain, then.features.facet) == ("employment", "challenges")


def test_a_why_question_of_its_own_after_a_cue_stands_alone() -> None:
    # "So why …" names a country and words of its own, and asks why: a whole question
    (first, then), _ = converse(
        "What did Hungary set up to address antigypsyism?",
        "So why is Hungary left out of the thematic analysis?",
    )
    assert not then.is_followup
    assert then.question == "So why is Hungary left out of the thematic analysis?"
    # a cue before a bare why still leans on the last turn
    (_, why), _ = converse("What did Hungary set up to address antigypsyism?", "And why?")
    assert why.is_followup


def test_a_word_pointing_back_lets_discrimination_narrow_the_last_area() -> None:
    # "those challenges": the last turn's, in employment, whatever verb the question uses
    (_, then), _ = converse(
        "Which challenges in employment did the contact points report?",
        "Which countries flagged discrimination against Roma as one of those challenges?",
    )
    assert then.is_followup and then.features.domain == "employment"


def test_a_countrys_approaches_asked_in_another_area_keep_the_country():
    (_, housing), _ = converse(
        "What are Spain's promising approaches in education?", "And in housing?"
    )
    f = housing.features
    assert (f.domain, f.facet, f.countries) == ("housing", "approaches", ("ES",))
