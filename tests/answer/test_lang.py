import pytest

from rivs_qa.lang import detect_lang, detect_lang_scores, language_evidence

LATVIAN = [
    # with diacritics
    "Cik romu bērnu apmeklē pirmsskolas izglītību?",
    "Kuras dalībvalstis ziņoja par pasākumiem pret priekšlaicīgu mācību pārtraukšanu?",
    "Kāds ir to romu īpatsvars, kuri strādā algotu darbu?",
    "Kādas ir daudzsološās pieejas izglītības jomā?",
    "Un mājokļu jomā?",
    "Un vīriešiem?",
    "Kuras valstis?",
    "Kuras valstis tās bija?",
    "Kas par Latviju?",
    "Kādi ir galvenie panākumi veselības aprūpes jomā?",
    "Kādas problēmas minēja VKRJ nodarbinātības jomā?",
    "Cik pasākumu paziņoja paplašināšanās valstis?",
    "Kāda ir situācija mājokļu jomā?",
    "Kas ir RIVS?",
    "Vai Latvija ziņoja par segregācijas novēršanu?",
    "Kādas prioritātes ir jāpievēršas diskriminācijas jomā?",
    "Cik procentu romu ir piedzīvojuši diskrimināciju, meklējot darbu?",
    "Un sievietēm?",
    "A vīriešiem?",
    "Kā ar Spāniju?",
    "Kurām valstīm ir pasākumi veselības jomā?",
    "Kāpēc romu jaunieši nemācās?",
    "Ko ziņoja Ungārija?",
    "Kur dzīvo lielākā daļa romu?",
    "Politikas apguve nodarbinātībā?",
    # without diacritics
    "cik romu berni apmekle skolu",
    "kuras valstis",
    "un viriesiem?",
    "kas par latviju",
    "kadas ir daudzsolosas pieejas izglitibas joma",
    "un majoklu joma?",
    "cik pasakumu zinoja dalibvalstis",
    "kads ir romu ipatsvars kuri strada",
    "ka ar sievietem?",
    "kuras dalibvalstis",
    "kadi ir panakumi veselibas aprupes joma",
    "vai ir dati par diskriminaciju",
    "kapec tik maz pasakumu",
    "un nodarbinatiba?",
    "kuri bija tie",
    "romu sieviesu nodarbinatiba",
    "problemas izglitiba",
    # one or two words
    "Latvija?",
    "Izglītība?",
    "Mājokļi?",
    "sievietes?",
    "Nodarbinātība Latvijā",
]

ENGLISH = [
    "What share of Roma aged 20-64 are in paid work?",
    "Which member states reported measures against early school leaving?",
    "How many measures did the enlargement countries report in education?",
    "What are the promising approaches in housing?",
    "And men?",
    "And for women?",
    "Which countries?",
    "What about Latvia?",
    "What did Latvija report?",
    "How did Rīga do?",
    "What are the main challenges in health care?",
    "Which achievements were reported in employment?",
    "What is the situation of Roma children in school?",
    "What is RIVS?",
    "Does Latvia have measures on school segregation?",
    "What priorities should be addressed in discrimination?",
    "How many Roma experienced discrimination when looking for work?",
    "Women?",
    "And in Spain?",
    "Which countries have health measures?",
    "Why do young Roma not work?",
    "What did Hungary report?",
    "Where do most Roma live?",
    "Policy learning in employment?",
    "what share of roma children attend segregated schools",
    "which countries",
    "how about housing",
    "tell me about Latvija and Lietuva",
    "list the member states",
    "What percentage of Roma households have tap water?",
    "Is there data on antigypsyism?",
    "What were the successes?",
    "And the challenges?",
    "Name the enlargement countries with measures for teacher training.",
    "What does footnote 12 say?",
    "How is Bulgaria doing on healthcare?",
    "Which ones?",
    "Housing?",
    "Employment in Latvia?",
    "Romania?",
    "And Slovakia?",
    "Who reported the most measures?",
    "Overcrowding rate?",
    "What about the Czech Republic?",
    "Did Spānija report anything on housing?",
    "Discrimination against Roma women",
    "Which of them are enlargement countries?",
]


@pytest.mark.parametrize("text", LATVIAN)
def test_latvian_questions(text):
    assert detect_lang(text) == "lv"
    assert detect_lang(text, default="en") == "lv"  # decided by evidence, not by the tie rule


@pytest.mark.parametrize("text", ENGLISH)
def test_english_questions(text):
    assert detect_lang(text) == "en"
    assert detect_lang(text, default="lv") == "en"


def test_enough_hand_written_cases():
    assert len(LATVIAN) >= 40 and len(ENGLISH) >= 40
    assert len(set(LATVIAN)) == len(LATVIAN) and len(set(ENGLISH)) == len(ENGLISH)


@pytest.mark.parametrize("text", ["", "   ", "2016?", "20-64", "LV?", "?!", "RIVS", "VKRJ"])
def test_no_evidence_is_a_tie_that_follows_the_default(text):
    assert detect_lang_scores(text) == {"lv": 0.5, "en": 0.5}
    assert detect_lang(text) == "lv"
    assert detect_lang(text, default="en") == "en"


def test_scores_are_smoothed_probabilities():
    # "un" (listed word, 2) + "vīriešiem" (listed word, 2): (4 + 0.5) / (4 + 0 + 1)
    assert detect_lang_scores("Un vīriešiem?") == {"lv": 0.9, "en": 0.1}
    assert detect_lang_scores("And men?") == {"lv": 0.1, "en": 0.9}
    # "-ija" ending only: (1 + 0.5) / (1 + 1)
    assert detect_lang_scores("Latvija?") == {"lv": 0.75, "en": 0.25}


def test_evidence_per_word():
    assert language_evidence("kuras") == (2.0, 0.0)  # a listed Latvian word, folded
    assert language_evidence("Kurās") == (2.0, 0.0)  # same word, diacritics do not add up
    assert language_evidence("which") == (0.0, 2.0)
    assert language_evidence("nodarbinātība") == (2.0, 0.0)  # Latvian letter
    assert language_evidence("nodarbinatibas") == (1.5, 0.0)  # -ības ending only
    assert language_evidence("housing") == (0.0, 2.0)
    assert language_evidence("overcrowding") == (0.0, 1.5)  # -ing
    assert language_evidence("Romania") == (0.0, 1.0)  # -ia
    assert language_evidence("no to a man") == (0.0, 0.0)  # words of both languages


def test_capitalised_names_inside_a_question_count_half():
    # "What did" = 4 English; "Latvija" (-ija, 1.0) halved as a name inside the question
    assert language_evidence("What did Latvija report?") == (0.5, 6.0)
    assert language_evidence("Latvija?") == (1.0, 0.0)  # first word: not discounted


def test_bad_default_is_rejected():
    with pytest.raises(ValueError, match="default must be one of lv, en"):
        detect_lang("x", default="de")  # type: ignore[arg-type]


def test_short_capitalised_codes_are_no_evidence():
    # "AT", "ME", "IT" would otherwise count as English words inside Latvian text
    assert language_evidence("Apkarot analfabētismu AT, BG, CY, HU, ME") == (2.0, 0.0)
    assert language_evidence("What did ES report?") == (0.0, 6.0)
    # a question typed all in capitals keeps its words
    assert detect_lang("WHAT ABOUT LATVIA?") == "en"
    assert detect_lang("KURAS VALSTIS?", default="en") == "lv"


def test_every_prose_line_of_the_report_is_latvian():
    from rivs_qa.report.countries import default_corpus_dir

    text = (default_corpus_dir() / "report_lv.txt").read_text(encoding="utf-8")
    lines = [
        line
        for line in text.splitlines()
        if sum(w.isalpha() and len(w) > 2 and not w.isupper() for w in line.split()) >= 2
    ]
    assert len(lines) > 700
    assert [line for line in lines if detect_lang(line, default="en") != "lv"] == []
