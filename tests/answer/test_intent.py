import json
import re
import shutil

import pytest

from rivs_qa.answer.intent import QuestionFeatures, extract_features, lead_cue
from rivs_qa.answer.vocab import Term, TermSet, load_vocab, tokenize
from rivs_qa.errors import NotFound, ReportFormatError
from rivs_qa.report.countries import default_corpus_dir
from rivs_qa.textnorm import fold


class FakeCountries:
    """A stand-in for CountryResolver: a few folded forms, matched on word boundaries."""

    FORMS = {
        "latvija": "LV", "latvijas": "LV", "latviju": "LV", "latvia": "LV",
        "spanija": "ES", "spaniju": "ES", "spain": "ES", "ungarija": "HU", "hungary": "HU",
        "czech republic": "CZ", "cehija": "CZ", "serbija": "RS", "serbia": "RS",
    }  # fmt: skip

    def __init__(self):
        self.calls = []

    def resolve(self, text):
        self.calls.append(text)
        folded = fold(text)
        hits = sorted(
            (m.start(), code)
            for form, code in self.FORMS.items()
            if (m := re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", folded))
        )
        return list(dict.fromkeys(code for _, code in hits))


def features(question, **kwargs):
    return extract_features(question, countries=FakeCountries(), **kwargs)


def slots(question, **kwargs):
    """Every feature that differs from its default, except the question text and how
    countries or a statistic were asked for (``test_which_countries_in_so_many_words``,
    ``test_a_share_in_so_many_words``) or whether a part of an area is named
    (``test_a_part_of_an_area_is_named_by_its_words_not_the_areas``)."""
    return features(question, **kwargs).model_dump(
        exclude={
            "text", "topic_words", "subject_words", "which_countries", "wants_share", "names_part"
        },
        exclude_defaults=True,
    )


CASES = [
    (
        "Cik romu bērnu apmeklē pirmsskolas izglītību?",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education",),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "cik romu berni apmekle skolu",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education",),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "Kuras dalībvalstis ziņoja par pasākumiem pret priekšlaicīgu mācību pārtraukšanu?",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education",),
            "facet": "measures",
            "facets": ("measures",),
            "wants_countries": True,
            "country_group": "member_state",
        },
    ),
    (
        "Kāds ir to romu īpatsvars, kuri strādā algotu darbu?",
        {
            "lang": "lv",
            "domain": "employment",
            "domains": ("employment",),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "Kādas ir daudzsološās pieejas izglītības jomā?",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education",),
            "domain_framed": True,
            "facet": "approaches",
            "facets": ("approaches",),
        },
    ),
    (
        "kadas ir daudzsolosas pieejas izglitibas joma",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education",),
            "domain_framed": True,
            "facet": "approaches",
            "facets": ("approaches",),
        },
    ),
    (
        "Kādas prioritātes ir jāpievēršas mājokļu jomā?",
        {
            "lang": "lv",
            "domain": "housing",
            "domains": ("housing",),
            "domain_framed": True,
            "facet": "priorities",
            "facets": ("priorities",),
        },
    ),
    (
        "Kādi ir galvenie panākumi veselības aprūpes jomā?",
        {
            "lang": "lv",
            "domain": "health",
            "domains": ("health",),
            "facet": "achievements",
            "facets": ("achievements",),
        },
    ),
    (
        "Kādas problēmas minēja VKRJ nodarbinātības jomā?",
        {
            "lang": "lv",
            "domain": "employment",
            "domains": ("employment",),
            "domain_framed": True,
            "facet": "challenges",
            "facets": ("challenges",),
        },
    ),
    (
        "Ko nozīmē politikas apguve diskriminācijas jomā?",
        {
            "lang": "lv",
            "domain": "discrimination",
            "domains": ("discrimination",),
            "domain_framed": True,
            "facet": "policy_learning",
            "facets": ("policy_learning",),
        },
    ),
    (
        "Cik pasākumu paplašināšanās valstis ziņoja par skolu segregācijas novēršanu?",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education",),
            "facet": "measures",
            "facets": ("measures",),
            "wants_count": True,
            "count_target": "measures",
            "country_group": "enlargement",
        },
    ),
    (
        "Cik valstu ziņoja par veselības pasākumiem?",
        {
            "lang": "lv",
            "domain": "health",
            "domains": ("health",),
            "facet": "measures",
            "facets": ("measures",),
            "wants_count": True,
            "count_target": "countries",
        },
    ),
    (
        "Cik procentu romu ir piedzīvojuši diskrimināciju, meklējot darbu?",
        {
            "lang": "lv",
            "domain": "discrimination",
            "domains": ("discrimination", "employment"),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "Kāda daļa romu dzīvo pārapdzīvotās mājsaimniecībās?",
        {
            "lang": "lv",
            "domain": "housing",
            "domains": ("housing",),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "Kādi pasākumi vērsti pret romiem vērsta noskaņojuma apkarošanu?",
        {
            "lang": "lv",
            "domain": "discrimination",
            "domains": ("discrimination",),
            "facet": "measures",
            "facets": ("measures",),
        },
    ),
    (
        "Kurās valstīs ir romu mediatori skolās?",
        {"lang": "lv", "domain": "education", "domains": ("education",), "wants_countries": True},
    ),
    (
        "Kuras paplašināšanās procesā iesaistītās valstis ziņoja par mājokļu pasākumiem?",
        {
            "lang": "lv",
            "domain": "housing",
            "domains": ("housing",),
            "facet": "measures",
            "facets": ("measures",),
            "wants_countries": True,
            "country_group": "enlargement",
        },
    ),
    (
        "Vai Latvija ziņoja par izglītības pasākumiem?",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education",),
            "facet": "measures",
            "facets": ("measures",),
            "countries": ("LV",),
            "yes_no": True,
        },
    ),
    ("Ko saka 12. zemsvītras piezīme?", {"lang": "lv", "footnote": 12}),
    ("Kas ir zemsvītras piezīmē 7?", {"lang": "lv", "footnote": 7}),
    ("Kas ir RIVS?", {"lang": "lv"}),
    ("Un vīriešiem?", {"lang": "lv", "gender": "men", "names_gender": True, "is_followup": True}),
    ("un viriesiem?", {"lang": "lv", "gender": "men", "names_gender": True, "is_followup": True}),
    ("Un sievietēm?", {"lang": "lv", "gender": "women", "names_gender": True, "is_followup": True}),
    (
        "Un mājokļu jomā?",
        {
            "lang": "lv",
            "domain": "housing",
            "domains": ("housing",),
            "domain_framed": True,
            "is_followup": True,
        },
    ),
    ("Kuras valstis?", {"lang": "lv", "wants_countries": True, "is_followup": True}),
    (
        "Kuras valstis tās bija?",
        {"lang": "lv", "wants_countries": True, "is_followup": True, "points_back": True},
    ),
    ("Kas par Latviju?", {"lang": "lv", "countries": ("LV",), "is_followup": True}),
    ("kas par latviju", {"lang": "lv", "countries": ("LV",), "is_followup": True}),
    ("Kā ar Spāniju?", {"lang": "lv", "countries": ("ES",), "is_followup": True}),
    (
        "A paplašināšanās valstīs?",
        {"lang": "lv", "country_group": "enlargement", "is_followup": True},
    ),
    (
        "Un problēmas?",
        {"lang": "lv", "facet": "challenges", "facets": ("challenges",), "is_followup": True},
    ),
    (
        "Cik pasākumu?",
        {
            "lang": "lv",
            "facet": "measures",
            "facets": ("measures",),
            "wants_count": True,
            "count_target": "measures",
            "is_followup": True,
        },
    ),
    ("Latvija?", {"lang": "lv", "countries": ("LV",), "is_followup": True}),
    (
        "Izglītība?",
        {"lang": "lv", "domain": "education", "domains": ("education",), "is_followup": True},
    ),
    (
        "What share of Roma aged 20-64 are in paid work?",
        {
            "lang": "en",
            "domain": "employment",
            "domains": ("employment",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "What share of Roma children attend segregated schools?",
        {
            "lang": "en",
            "domain": "education",
            "domains": ("education",),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "Which member states reported measures against early school leaving?",
        {
            "lang": "en",
            "domain": "education",
            "domains": ("education",),
            "facet": "measures",
            "facets": ("measures",),
            "wants_countries": True,
            "country_group": "member_state",
        },
    ),
    (
        "How many measures did the enlargement countries report in education?",
        {
            "lang": "en",
            "domain": "education",
            "domains": ("education",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "measures",
            "facets": ("measures",),
            "wants_count": True,
            "count_target": "measures",
            "country_group": "enlargement",
        },
    ),
    (
        "How many countries reported health measures?",
        {
            "lang": "en",
            "domain": "health",
            "domains": ("health",),
            "facet": "measures",
            "facets": ("measures",),
            "wants_count": True,
            "count_target": "countries",
        },
    ),
    (
        "How many Roma felt discriminated against when looking for work?",
        {
            "lang": "en",
            "domain": "discrimination",
            "domains": ("discrimination", "employment"),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "What percentage of Roma households have tap water?",
        {
            "lang": "en",
            "domain": "housing",
            "domains": ("housing",),
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "What are the promising approaches in housing?",
        {
            "lang": "en",
            "domain": "housing",
            "domains": ("housing",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "approaches",
            "facets": ("approaches",),
        },
    ),
    (
        "What priorities should be addressed in employment?",
        {
            "lang": "en",
            "domain": "employment",
            "domains": ("employment",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "priorities",
            "facets": ("priorities",),
        },
    ),
    (
        "Which achievements were reported in health care?",
        {
            "lang": "en",
            "domain": "health",
            "domains": ("health",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "achievements",
            "facets": ("achievements",),
        },
    ),
    (
        "What are the main challenges in education?",
        {
            "lang": "en",
            "domain": "education",
            "domains": ("education",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "challenges",
            "facets": ("challenges",),
        },
    ),
    (
        "What is the policy learning on antigypsyism?",
        {
            "lang": "en",
            "domain": "discrimination",
            "domains": ("discrimination",),
            "facet": "policy_learning",
            "facets": ("policy_learning",),
        },
    ),
    (
        "What did the member states report on health?",
        {"lang": "en", "domain": "health", "domains": ("health",), "country_group": "member_state"},
    ),
    (
        "Which enlargement countries reported measures on housing?",
        {
            "lang": "en",
            "domain": "housing",
            "domains": ("housing",),
            "facet": "measures",
            "facets": ("measures",),
            "wants_countries": True,
            "country_group": "enlargement",
        },
    ),
    (
        "In which countries are there Roma health mediators?",
        {"lang": "en", "domain": "health", "domains": ("health",), "wants_countries": True},
    ),
    ("Where was Roma mediation reported?", {"lang": "en", "wants_countries": True}),
    (
        "Does Hungary have measures against school segregation?",
        {
            "lang": "en",
            "domain": "education",
            "domains": ("education",),
            "facet": "measures",
            "facets": ("measures",),
            "countries": ("HU",),
            "yes_no": True,
        },
    ),
    ("What does footnote 12 say?", {"lang": "en", "footnote": 12}),
    ("What is RIVS?", {"lang": "en"}),
    ("When was the report published?", {"lang": "en"}),
    (
        "What share of young Roma are NEET, women and men?",
        {
            "lang": "en",
            "domain": "employment",
            "domains": ("employment",),
            "facet": "situation",
            "wants_statistic": True,
            "names_gender": True,  # both: no one gender, but genders are named
        },
    ),
    ("And men?", {"lang": "en", "gender": "men", "names_gender": True, "is_followup": True}),
    (
        "And for women?",
        {"lang": "en", "gender": "women", "names_gender": True, "is_followup": True},
    ),
    ("Which countries?", {"lang": "en", "wants_countries": True, "is_followup": True}),
    ("What about Latvia?", {"lang": "en", "countries": ("LV",), "is_followup": True}),
    ("What about the Czech Republic?", {"lang": "en", "countries": ("CZ",), "is_followup": True}),
    (
        "And in the enlargement countries?",
        {"lang": "en", "country_group": "enlargement", "is_followup": True},
    ),
    (
        "How about housing?",
        {"lang": "en", "domain": "housing", "domains": ("housing",), "is_followup": True},
    ),
    (
        "What are the challenges?",
        {"lang": "en", "facet": "challenges", "facets": ("challenges",), "is_followup": True},
    ),
    (
        "Which of them are enlargement countries?",
        {
            "lang": "en",
            "country_group": "enlargement",
            "is_followup": True,
            "which_of_them": True,
            "wants_countries": True,
            "points_back": True,
        },
    ),
    (
        "What do these measures cost?",
        {
            "lang": "en",
            "facet": "measures",
            "facets": ("measures",),
            "is_followup": True,
            "points_back": True,
            "money": True,  # a cost is an amount of money
        },
    ),
    ("Housing?", {"lang": "en", "domain": "housing", "domains": ("housing",), "is_followup": True}),
    ("Women?", {"lang": "en", "gender": "women", "names_gender": True, "is_followup": True}),
    ("And footnote 13?", {"lang": "en", "footnote": 13, "is_followup": True}),
    (
        "Is there data on antigypsyism?",
        {
            "lang": "en",
            "domain": "discrimination",
            "domains": ("discrimination",),
            "facet": "situation",
            "facets": ("situation",),
            "yes_no": True,
        },
    ),
    (
        "What share of measures target young people in discrimination?",
        {
            "lang": "en",
            "domain": "discrimination",
            "domains": ("discrimination",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "measures",
            "facets": ("measures",),
            "wants_statistic": True,
        },
    ),
    (
        "What share of Roma live in households with pollution or other environmental problems?",
        {
            "lang": "en",
            "domain": "housing",
            "domains": ("housing",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "situation",
            "wants_statistic": True,
        },
    ),
    (
        "Which countries work on early childhood education?",
        {"lang": "en", "domain": "education", "domains": ("education",), "wants_countries": True},
    ),
    (
        "What is the situation of Roma in employment?",
        {
            "lang": "en",
            "domain": "employment",
            "domains": ("employment",),
            "domain_framed": True,  # "in" before the area's name
            "facet": "situation",
            "facets": ("situation",),
        },
    ),
    (
        "Which member states named Roma discrimination as a challenge in the field of employment?",
        {
            "lang": "en",
            "domain": "employment",
            "domains": ("employment", "discrimination"),
            "domain_framed": True,
            "facet": "challenges",
            "facets": ("challenges",),
            "wants_countries": True,
            "country_group": "member_state",
        },
    ),
    (
        "Kuras valstis uzskata diskrimināciju par šķērsli izglītības jomā?",
        {
            "lang": "lv",
            "domain": "education",
            "domains": ("education", "discrimination"),
            "domain_framed": True,
            "facet": "challenges",
            "facets": ("challenges",),
            "wants_countries": True,
        },
    ),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_features(question, expected):
    assert slots(question) == expected


def test_many_cases_in_both_languages():
    langs = [expected["lang"] for _, expected in CASES]
    assert langs.count("lv") >= 30 and langs.count("en") >= 30


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("izglītība", "education"), ("izglītības", "education"), ("izglītībā", "education"),
        ("izglītībai", "education"), ("izglītību", "education"), ("izglitibas", "education"),
        ("skola", "education"), ("skolās", "education"), ("skolēniem", "education"),
        ("pirmsskolas", "education"), ("school", "education"), ("pupils", "education"),
        ("early school leaving", "education"), ("teachers", "education"),
        ("nodarbinātība", "employment"), ("nodarbinātībā", "employment"), ("darbs", "employment"),
        ("darba", "employment"), ("darbu", "employment"), ("darbā", "employment"),
        ("strādā", "employment"), ("bezdarbnieki", "employment"), ("jobs", "employment"),
        ("paid work", "employment"), ("employment", "employment"), ("unemployed", "employment"),
        ("NEET", "employment"),
        ("veselība", "health"), ("veselības aprūpe", "health"), ("veselībā", "health"),
        ("vakcinācija", "health"), ("health care", "health"), ("healthcare", "health"),
        ("vaccination", "health"), ("life expectancy", "health"),
        ("mājoklis", "housing"), ("mājokļi", "housing"), ("mājokļu", "housing"),
        ("mājokļiem", "housing"), ("majoklu", "housing"), ("ūdensvads", "housing"),
        ("housing", "housing"), ("overcrowded", "housing"), ("tap water", "housing"),
        ("diskriminācija", "discrimination"), ("diskriminācijas", "discrimination"),
        ("diskriminēti", "discrimination"), ("pret romiem vērsts noskaņojums", "discrimination"),
        ("pret romiem vērsta noskaņojuma", "discrimination"), ("antigypsyism", "discrimination"),
        ("anti-Gypsyism", "discrimination"), ("antiziganism", "discrimination"),
        ("hate speech", "discrimination"), ("discriminated", "discrimination"),
    ],
)  # fmt: skip
def test_domain_words_in_their_inflections(question, domain):
    assert features(question).domain == domain


@pytest.mark.parametrize(
    "question",
    ["Kādas darbības veica valdība?", "Which countries work on it?", "policy learning", "data"],
)
def test_look_alikes_name_no_domain(question):
    # "darbības" (activities) is not "darbs"; "work on" is not employment; "policy learning"
    # is a facet, not education
    assert features(question).domain is None


def test_discrimination_wins_over_the_domain_it_happens_in():
    f = features("Cik romu ir diskriminēti, meklējot darbu?")
    assert (f.domain, f.domains) == ("discrimination", ("discrimination", "employment"))


def test_most_named_domain_wins_otherwise():
    f = features("How do schools and teachers help Roma find jobs?")
    assert (f.domain, f.domains) == ("education", ("education", "employment"))


@pytest.mark.parametrize(
    ("question", "gender"),
    [
        ("sieviete", "women"), ("sievietes", "women"), ("sievietei", "women"),
        ("sievietēm", "women"), ("sieviešu", "women"), ("sievietem", "women"),
        ("sieviesu", "women"), ("women", "women"), ("female", "women"), ("girls", "women"),
        ("vīrietis", "men"), ("vīrieši", "men"), ("vīriešiem", "men"), ("vīriešu", "men"),
        ("viriesiem", "men"), ("virieti", "men"), ("men", "men"), ("male", "men"),
        ("boys", "men"), ("women and men", None), ("sievietes un vīrieši", None),
        ("Romu", None), ("man", None),
    ],
)  # fmt: skip
def test_gender_in_all_cases(question, gender):
    assert features(question).gender == gender


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("paplašināšanās valstis", "enlargement"), ("paplasinasanas valstis", "enlargement"),
        ("paplašināšanās procesā iesaistītās valstis", "enlargement"),
        ("enlargement countries", "enlargement"), ("candidate countries", "enlargement"),
        ("Western Balkans", "enlargement"), ("dalībvalstis", "member_state"),
        ("dalībvalstīs", "member_state"), ("DV", "member_state"), ("member states", "member_state"),
        ("EU countries", "member_state"), ("dalībvalstis un paplašināšanās valstis", None),
        ("valstis", None), ("countries", None),
    ],
)  # fmt: skip
def test_member_states_or_enlargement(question, group):
    assert features(question).country_group == group


@pytest.mark.parametrize(
    ("question", "facet"),
    [
        ("Kādas ir daudzsološas pieejas?", "approaches"), ("pieejām", "approaches"),
        ("good practice", "approaches"), ("prioritātes", "priorities"),
        ("Kam jāpievēršas?", "priorities"), ("panākumi", "achievements"),
        ("successes", "achievements"), ("grūtības", "challenges"), ("obstacles", "challenges"),
        ("politikas apguve", "policy_learning"), ("lessons learned", "policy_learning"),
        ("pasākumi", "measures"), ("apakšjomas", "measures"), ("stāvoklis", "situation"),
        ("2016", "situation"), ("pieejamība", None), ("pieejams", None),
        # the specific facet wins over "measures" and "situation"
        ("pasākumu panākumi", "achievements"), ("measures that were promising", "approaches"),
        # several specific ones: the first named
        ("panākumi un problēmas", "achievements"), ("challenges and achievements", "challenges"),
    ],
)  # fmt: skip
def test_facets(question, facet):
    assert features(question).facet == facet


@pytest.mark.parametrize(
    ("question", "wants_countries"),
    [
        ("Kuras valstis?", True), ("Kurās valstīs?", True), ("Kurām dalībvalstīm?", True),
        ("Kuru valstu?", True), ("kuras dalibvalstis", True), ("Which countries?", True),
        ("What countries?", True), ("Which member states?", True), ("In which countries?", True),
        ("Which enlargement countries?", True), ("List the countries", True),
        ("Nosauc valstis", True), ("Where?", True), ("Kur?", True),
        ("What did the member states report?", False), ("How many countries?", False),
        ("Cik valstu?", False), ("What share of Roma?", False),
    ],
)  # fmt: skip
def test_wants_countries(question, wants_countries):
    assert features(question).wants_countries is wants_countries


@pytest.mark.parametrize(
    ("question", "count", "target", "statistic"),
    [
        ("Cik pasākumu?", True, "measures", False),
        ("How many measures?", True, "measures", False),
        ("pasākumu skaits", True, "measures", False),
        ("number of interventions", True, "measures", False),
        ("Cik valstu?", True, "countries", False),
        ("How many member states?", True, "countries", False),
        ("Cik?", True, None, False),
        ("Cik romu?", False, None, True),
        ("How many Roma children?", False, None, True),
        ("Cik procentu romu?", False, None, True),
        ("Kāds īpatsvars?", False, None, True),
        ("kads ipatsvars", False, None, True),
        ("Kāda daļa romu?", False, None, True),
        ("What share?", False, None, True),
        ("What percentage?", False, None, True),
        ("What proportion of households?", False, None, True),
        ("43 %", False, None, True),
        ("Kas ir RIVS?", False, None, False),
    ],
)
def test_counts_and_statistics(question, count, target, statistic):
    f = features(question)
    assert (f.wants_count, f.count_target, f.wants_statistic) == (count, target, statistic)


@pytest.mark.parametrize(
    ("question", "footnote"),
    [
        ("footnote 12", 12), ("Footnote no. 3", 3), ("12. zemsvītras piezīme", 12),
        ("zemsvītras piezīme nr. 5", 5), ("piezīmē 40", 40), ("atsauce 7", 7),
        ("note 9", 9), ("What is in 20 footnotes?", 20), ("Kas ir 2016?", None),
    ],
)  # fmt: skip
def test_footnote_number(question, footnote):
    assert features(question).footnote == footnote


@pytest.mark.parametrize(
    ("question", "followup"),
    [
        ("And men?", True), ("And for women?", True), ("Un mājokļu jomā?", True),
        ("Which countries?", True), ("Kuras valstis tās bija?", True), ("Kas par Latviju?", True),
        ("un viriesiem?", True), ("A vīriešiem?", True), ("Bet veselības jomā?", True),
        ("So which countries?", True), ("Latvia?", True), ("Housing?", True),
        ("What are the challenges?", True), ("Cik pasākumu?", True),
        ("What do these measures cost?", True),
        ("What share of Roma aged 20-64 are in paid work?", False),
        ("What is RIVS?", False), ("Kas ir VKRJ?", False), ("What does footnote 12 say?", False),
        ("Is there data on antigypsyism?", False), ("When was the report published?", False),
        ("Kāds ir to romu īpatsvars, kuri strādā algotu darbu?", False),
        ("Cik pasākumu paplašināšanās valstis ziņoja par skolu segregācijas novēršanu?", False),
        # "a" opens a Latvian follow-up, not an English question
        ("A list of countries with housing measures", False),
        # nothing but a cue: still leans on the previous turn
        ("And?", True),
    ],
)  # fmt: skip
def test_is_followup(question, followup):
    assert features(question).is_followup is followup


def test_lang_is_detected_unless_given():
    assert features("Latvija?").lang == "lv"
    assert features("Latvija?", lang="en").lang == "en"
    assert features("LV?").lang == "lv"  # a tie: detect_lang's default


def test_countries_come_from_the_resolver_and_are_not_a_subject():
    countries = FakeCountries()
    f = extract_features("Vai Ungārija un Latvija ziņoja?", countries=countries)
    assert f.countries == ("HU", "LV")
    assert f.is_followup is True  # nothing but country names and frame words
    assert "Vai Ungārija un Latvija ziņoja?" in countries.calls
    assert extract_features("Vai Ungārija ziņoja?").countries == ()  # no resolver, no codes


def test_real_country_resolver_fits_the_protocol():
    from rivs_qa.report.countries import CountryResolver, load_countries

    resolver = CountryResolver(load_countries())
    f = extract_features("kas par latviju un Čehijas Republiku?", countries=resolver)
    assert (f.countries, f.is_followup) == (("LV", "CZ"), True)


def test_features_are_frozen_and_serialisable():
    f = features("Kuras valstis?")
    with pytest.raises(ValueError):
        f.domain = "health"  # type: ignore[misc]
    assert QuestionFeatures.model_validate_json(f.model_dump_json()) == f


def test_lead_cue_offsets_and_replacements():
    assert lead_cue("Kas par Latviju?", "lv") == (7, "par")
    assert lead_cue("Un kā ar Spāniju?", "lv") == (8, "par")
    assert lead_cue("And for women?", "en") == (3, "")
    assert lead_cue("What about Latvia?", "en") == (10, "")
    assert lead_cue("Which countries?", "en") == (0, "")
    assert lead_cue("A vīriešiem?", "en") == (0, "")  # "a" is a cue in Latvian only


def test_terms_match_whole_words_or_prefixes():
    tokens = tokenize("Romu bērni apmeklē pirmsskolas izglītību")
    assert TermSet.parse(["izglītīb*"]).spans(tokens) == [(4, 5)]
    assert TermSet.parse(["skol*"]).spans(tokens) == []  # prefix of a word, not inside one
    assert TermSet.parse(["romu bērn*"]).spans(tokens) == [(0, 2)]
    assert TermSet.parse(["bērni"]).spans(tokens) == [(1, 2)]
    assert TermSet.parse(["bērn"]).spans(tokens) == []
    assert TermSet.parse(["apmekl*"], exclude=["apmeklē pirmsskol*"]).spans(tokens) == []
    assert Term.parse("Mājokļu jom*").words == ("majoklu", "jom*")


# --- the vocabulary file ------------------------------------------------------------------


def _report_text():
    text = (default_corpus_dir() / "report_lv.txt").read_text(encoding="utf-8")
    return " ".join(fold(text).split())


def test_every_domain_is_named_in_the_report_as_a_field():
    # the genitive is what conversation.py swaps into "… jomā": the report must use it so
    report = _report_text()
    vocab = load_vocab()
    for slot in vocab.domains.values():
        assert fold(slot.forms["lv"]["gen"][0] + " jomā") in report
    for domain, slot in vocab.domains.items():
        assert slot.terms.spans(tokenize(slot.label["lv"])), domain
        assert slot.terms.spans(tokenize(slot.label["en"])), domain


def test_report_headings_carry_their_facet():
    vocab = load_vocab()
    headings = {
        "Romu stāvoklis izglītības jomā (2016)": "situation",
        "1.1. Pasākumu mērķis": "measures",
        "Panākumi un problēmas": "achievements",
        "Politikas apguve": "policy_learning",
        "Daudzsološas pieejas": "approaches",
        "Prioritātes, kurām jāpievēršas": "priorities",
    }
    report = _report_text()
    for heading, facet in headings.items():
        assert " ".join(fold(heading).split()) in report
        assert vocab.facets[facet].terms.spans(tokenize(heading)), heading  # type: ignore[index]


def test_every_form_is_matched_by_its_own_terms():
    vocab = load_vocab()
    for slots_ in (vocab.domains, vocab.facets):
        for name, slot in slots_.items():
            for cases in slot.forms.values():
                for phrase in (p for phrases in cases.values() for p in phrases):
                    assert slot.terms.spans(tokenize(phrase)), (name, phrase)


def test_vocab_path_follows_the_environment_at_call_time(tmp_path, monkeypatch):
    repo_vocab = default_corpus_dir() / "vocab.json"
    data = json.loads(repo_vocab.read_text(encoding="utf-8"))
    data["domains"]["housing"]["terms"].append("būdiņ*")
    (tmp_path / "vocab.json").write_text(json.dumps(data), encoding="utf-8")
    assert features("būdiņas").domain is None
    monkeypatch.setenv("RIVS_QA_CORPUS_DIR", str(tmp_path))
    assert features("būdiņas").domain == "housing"
    assert features("būdiņas", vocab=load_vocab(repo_vocab)).domain is None  # explicit path wins


def test_vocab_is_cached_per_file(tmp_path):
    shutil.copy(default_corpus_dir() / "vocab.json", tmp_path / "vocab.json")
    assert load_vocab(tmp_path / "vocab.json") is load_vocab(str(tmp_path / "vocab.json"))


def test_missing_vocab_is_not_found(tmp_path):
    with pytest.raises(NotFound, match="vocabulary not found"):
        load_vocab(tmp_path / "vocab.json")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("asks"), "asks"),
        (lambda d: d["domains"].pop("health"), "domains must list exactly"),
        (lambda d: d["facets"].update(gossip=d["facets"]["measures"]), "facets"),
        (lambda d: d["genders"]["men"]["terms"].append("*"), "empty vocabulary term"),
        (lambda d: d.update(version=2), "version"),
    ],
)
def test_invalid_vocab_is_a_format_error(tmp_path, change, message):
    data = json.loads((default_corpus_dir() / "vocab.json").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "vocab.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReportFormatError, match=message):
        load_vocab(tmp_path / "vocab.json")


def test_broken_json_is_a_format_error(tmp_path):
    (tmp_path / "vocab.json").write_text("{", encoding="utf-8")
    with pytest.raises(ReportFormatError, match="not a valid vocabulary"):
        load_vocab(tmp_path / "vocab.json")


@pytest.mark.parametrize(
    ("question", "which_of_them", "countries"),
    [
        # "which" with a pointing-back word, the countries named earlier in the question
        ("Cik pasākumu ziņoja dalībvalstis un kuras tās bija?", True, True),
        ("How many measures did member states report, and which are they?", True, True),
        # pointing back with no country noun: which of what the last turn named
        ("Kuras tās ir?", True, False),
        # no pointing-back word right after the "which" word
        ("Kuras romu tiesības tās aizsargā?", False, False),
    ],
)
def test_which_of_them_asks_for_the_countries_the_question_names(
    question: str, which_of_them: bool, countries: bool
) -> None:
    f = features(question)
    assert (f.which_of_them, f.wants_countries) == (which_of_them, countries)


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("Un kuras ziņoja par mājokļu programmām?", True),
        ("and which reported on housing programmes?", True),
        # the "which" word has a noun of its own
        ("Kuras valstis ziņoja par mājokļu programmām?", False),
        ("Which member states reported on housing?", False),
        # no verb right after it
        ("Kuras pieejas ir daudzsološas?", False),
    ],
)
def test_a_which_pronoun_with_a_verb_after_it_stands_alone(question: str, alone: bool) -> None:
    assert features(question).which_alone is alone


@pytest.mark.parametrize(
    ("question", "yes_no", "count"),
    [
        ("Does the number of measures a state reports show its effort?", True, True),
        ("Vai ziņoto pasākumu skaits parāda valsts centienus?", True, True),
        ("Un vai Latvija ziņoja par tiem?", True, False),
        ("How much money went to Roma inclusion?", False, True),
        ("Which countries report the most measures?", False, False),
    ],
)
def test_a_yes_no_question_is_read_from_its_opening_word(
    question: str, yes_no: bool, count: bool
) -> None:
    f = features(question)
    assert (f.yes_no, f.wants_count or f.wants_statistic) == (yes_no, count)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Kāpēc segregācijas novēršana ir ilgtermiņa prioritāte?", True),
        ("kapec majoklu joma ir tik maz pieeju?", True),  # no diacritics
        ("Why are there so few promising approaches in housing?", True),
        ("How does the report say school segregation should be tackled?", True),
        ("Kā būtu jāuzlabo datu vākšana?", True),
        ("Kā jānovērš segregācija skolās?", True),
        ("How many measures should be counted?", False),  # a count, not a way
        ("How do Roma rate their health?", False),
        ("Kā jaunieši vērtē savu veselību?", False),  # "jaunieši" is no debitive
        ("Kuras valstis kā problēmu minēja segregāciju?", False),
    ],
)
def test_reason_questions(question: str, reason: bool) -> None:
    assert extract_features(question).reason is reason


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Who chairs the German independent expert commission on antigypsyism?", True),
        ("Kas vada Vācijas neatkarīgo ekspertu komisiju?", True),
        ("Kā sauc Eiropas Komisijas komisāru, kurš atbild par romu iekļaušanu?", True),
        ("Who is the head of the Latvian contact point?", True),
        ("Kas ir VKRJ?", False),  # what, not who
        ("Who reported measures on health mediators?", False),  # no role: countries
        ("What is the head count of Roma in Spain?", False),
    ],
)
def test_person_questions(question: str, person: bool) -> None:
    assert extract_features(question).person is person


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("How much EU money went into measures against early school leaving?", True),
        ("Cik naudas no ESI fondiem Čehija izlietoja sociālajiem mājokļiem?", True),
        ("Kāds ir ES budžets romu integrācijai?", True),  # a budget is an amount by itself
        ("Cik pasākumu finansēja ESI fondi?", False),  # counts measures
        ("How much do Roma trust the police?", False),  # no money word
        ("How much of the European framework is implemented?", False),  # "European" is no euro
    ],
)
def test_money_questions(question: str, money: bool) -> None:
    assert extract_features(question).money is money


def test_which_national_body_asks_which_countries_and_stays_the_subject() -> None:
    assert extract_features("Which NRCPs pointed to economic growth?").wants_countries
    assert extract_features("Kuri VKRJ minēja romu diskrimināciju kā problēmu?").wants_countries
    assert not extract_features("Kas ir VKRJ?").is_followup


def test_which_countries_in_so_many_words() -> None:
    which = extract_features("Kuras dalībvalstis ziņoja par pasākumiem, un kuras tās ir?")
    assert which.wants_countries and which.which_countries
    where = extract_features("Cik romu dzīvo rajonos, kur visi kaimiņi ir romi?")
    assert where.wants_countries and not where.which_countries


def test_a_share_in_so_many_words() -> None:
    share = extract_features("Kāda ir romu bērnu vakcinācijas aptvere procentos?")
    assert share.wants_statistic and share.wants_share
    # "cilvēku" near "cik" counts people: a statistic, but no share word
    people = extract_features(
        "kuras dalībvalstis ziņoja par pasākumiem pret cilvēku tirdzniecību un cik to bija?"
    )
    assert people.wants_statistic and not people.wants_share


def test_a_verb_asked_who_did_it_names_no_subject() -> None:
    # asked which countries or how many, "īstenoja" asks who did what was asked about
    f = extract_features("Un kuras valstis tos īstenoja?")
    assert f.topic_words == ("istenoja",) and f.subject_words == ()
    assert extract_features("Un cik pasākumu tās minēja?").subject_words == ()
    # … but asked when, the verb stays part of what is asked
    f = extract_features("Un kurā gadā tos īstenoja?")
    assert "istenoja" in f.subject_words
    # and a subject word stays a subject word
    f = extract_features("Un kuras valstis tos īstenoja ar ES fondu atbalstu?")
    assert f.subject_words == ("fondu", "atbalstu")


def test_an_intensifier_is_no_subject() -> None:
    assert not extract_features("Kuras tieši?").topic_words


@pytest.mark.parametrize(
    "question", ["un pa dzimumiem?", "and how does it break down by gender?", "Kā tas sadalās pa dzimumiem?"]
)
def test_words_for_sex_name_both_women_and_men_and_no_subject(question: str) -> None:
    f = features(question)
    assert f.names_gender and f.gender is None and f.topic_words == ()


@pytest.mark.parametrize(
    "question",
    [
        "Kāds ir romu bērnu mirstības rādītājs?",  # "rādītājs": a rate, as "rate" is
        "How big is the difference between Roma and non-Roma incomes?",
        "How high is Roma unemployment?",
    ],
)
def test_a_rate_or_a_magnitude_asks_for_a_number(question: str) -> None:
    f = features(question)
    assert f.wants_statistic or f.wants_count


@pytest.mark.parametrize(
    ("question", "which"),
    [
        ("Whcih member states reported on housing?", True),  # two letters swapped
        ("Kuars dalībvalstis ziņoja par mājokļiem?", True),
        ("Were member states reporting on housing?", False),  # a word of its own, not mended
    ],
)
def test_an_ask_word_typed_with_two_letters_swapped_is_read_as_that_word(
    question: str, which: bool
) -> None:
    assert features(question).which_countries is which


@pytest.mark.parametrize(
    ("question", "target"),
    [
        # a country noun right before the measure noun says whose measures are counted
        ("What is the number of member-state measures against antigypsyism?", "measures"),
        ("How many member state measures target housing?", "measures"),
        # apart from it, the countries are counted
        ("How many member states reported housing measures?", "countries"),
    ],
)
def test_a_country_noun_naming_whose_measures_leaves_the_measures_counted(
    question: str, target: str
) -> None:
    assert features(question).count_target == target


def test_a_facet_word_between_which_and_a_country_noun_asks_the_facet() -> None:
    # "ar kādām problēmām VKRJ saskārās": which problems, not which contact points
    assert not features("Ar kādām problēmām VKRJ saskārās?").which_countries
    assert features("Kuri VKRJ minēja problēmas?").which_countries


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("How many member states reported measures on early childhood education?", True),
        ("Cik pasākumu pirmsskolas izglītībai?", True),
        ("Cik pasākumu skolās?", True),
        ("How many education measures?", False),
        ("Cik pasākumu izglītības jomā?", False),
        ("Cik pasākumu veselības aprūpē?", False),
        ("How many health measures did member states report?", False),
    ],
)
def test_a_part_of_an_area_is_named_by_its_words_not_the_areas(question: str, part: bool) -> None:
    assert features(question).names_part is part



@pytest.mark.parametrize(
    ("question", "area"),
    [
        ("What are the policy lessons for health?", "health"),  # the area's own name
        ("Kādas ir politikas atziņas mājokļu jomā?", "housing"),  # framed
        ("What helps Roma find work?", None),  # "work" names no area by itself
        ("How does school segregation affect Roma housing?", None),  # two areas
    ],
)
def test_the_one_area_a_question_is_about(question: str, area: str | None) -> None:
    assert extract_features(question).area == area


def test_a_frame_verb_is_one_with_a_latvian_prefix_too():
    # "ziņo*" is a frame verb; "paziņojušas" and "pieminēja" are the same verbs prefixed
    vocab = load_vocab()

    def matched(words: str, terms: TermSet) -> list[str]:
        tokens = tokenize(words)
        return [" ".join(t.text for t in tokens[a:b]) for a, b in terms.spans(tokens)]

    assert matched("paziņojušas pieminēja ziņoja izskaidroja", vocab.frame) == [
        "paziņojušas", "pieminēja", "ziņoja"
    ]  # fmt: skip
    assert matched("tās paziņoja un pieminēja", vocab.blockers) == ["paziņoja", "pieminēja"]
    # only stems: a whole word ("dara") takes no prefix, nor does a phrase
    assert matched("padara", vocab.blockers) == []
    # the report writes the prefixed verb ("Paziņoto pasākumu skaits …")
    assert "pazinoto" in _report_text()


@pytest.mark.parametrize(
    ("question", "framed", "domain"),
    [
        # "in" before an area's name frames it, as "jomā" after it does
        ("Which NRCPs saw discrimination against Roma as a problem in employment?", True,
         "employment"),
        ("What did member states do within education?", True, "education"),
        # … and so does the Latvian locative of the area's own name
        ("Kuri VKRJ uzskatīja romu diskrimināciju par problēmu nodarbinātībā?", True,
         "employment"),
        ("Kādi pasākumi ir veselības aprūpē?", True, "health"),
        # a follow-up's "in" moves the last question to the area; it frames nothing itself
        ("and in health care?", False, "health"),
        # no area word right after "in"; a case that only folds to the locative
        ("What share of Roma in Hungary felt discriminated against?", False, "discrimination"),
        ("Cik romu mēģināja īrēt vai nopirkt mājokli?", False, "housing"),
        ("Kas notiek ar romu diskrimināciju darbā?", False, "discrimination"),
    ],
)  # fmt: skip
def test_a_preposition_or_a_locative_frames_the_area(
    question: str, framed: bool, domain: str
) -> None:
    f = features(question)
    assert (f.domain_framed, f.domain) == (framed, domain)


@pytest.mark.parametrize(
    ("question", "bodies"),
    [
        ("Which national contact points named discrimination as a challenge?", True),
        ("Kuru valstu kontaktpunkti minēja romu diskrimināciju?", True),
        ("Which countries named discrimination as a challenge?", False),
        ("Who is the national Roma contact point in Romania?", False),
    ],
)
def test_which_bodies_when_the_question_asks_which_national_bodies(
    question: str, bodies: bool
) -> None:
    assert features(question).which_bodies is bodies


@pytest.mark.parametrize(
    ("question", "which"),
    [
        ("Cik tieši dalībvalstu un kuras?", True),
        ("How many member states, and which ones?", True),
        ("Cik valstu ziņoja un kuras tās bija?", True),
        ("Cik dalībvalstu un kuras ziņoja par veselības pasākumiem?", True),
        # the pronoun asks about something else after the countries
        ("Cik dalībvalstu ziņoja par pasākumiem un kuri bija veiksmīgi?", False),
        ("How many member states and which measures?", False),
    ],
)
def test_a_which_pronoun_ending_the_question_after_countries_asks_which(
    question: str, which: bool
) -> None:
    assert features(question).which_countries is which
