"""Lemma keys, the English→Latvian glossary (checked against the report) and BM25."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from rivs_qa.config import get_settings
from rivs_qa.search.lemmas import (
    lemmatize_tokens,
    lv_stem,
    lv_superlative_base,
    lv_verb_root,
    tokenize,
)
from rivs_qa.search.lexical import K1, B, Glossary, LexicalIndex
from rivs_qa.search.model import Chunk

DEFAULT_GLOSSARY = get_settings().glossary_path

REPORT = Path(__file__).resolve().parents[2] / "corpus" / "report_lv.txt"


def chunk(i: int, text: str, text_en: str | None = None, context: str | None = None) -> Chunk:
    return Chunk(
        chunk_id=f"c{i}",
        section_id="1",
        section_path_lv=["1. IZGLĪTĪBA"],
        section_path_en=["1. EDUCATION"],
        kind="indicator" if text_en else "paragraph",
        text=text,
        text_en=text_en,
        context=context,
    )


CHUNKS = [
    chunk(0, "Romu bērni apmeklē skolas, kurās visi skolēni ir romi."),
    chunk(1, "Vakcinācijas kampaņas uzlaboja romu veselības aprūpi."),
    chunk(2, "Sociālie mājokļi un piekļuve ūdenim romu apmetnēs."),
    chunk(3, "Romi dzīvo rajonā, kurā visi kaimiņi ir romi: 67 %."),
    chunk(
        4,
        "To romu īpatsvars, kuri dzīvo mājsaimniecībās ar iekštelpu tualeti: 55 %",
        text_en="Roma living in households with an indoor toilet: 55 %",
    ),
]

GLOSSARY = Glossary(
    {
        "vaccination": ["vakcinācija"],
        "campaign": ["kampaņas"],
        "school": ["skolas"],
        "early school leaving": ["priekšlaicīga mācību pārtraukšana"],
        "social housing": ["sociālie mājokļi"],
    }
)


# --- lemmas -----------------------------------------------------------------------------------
def test_latvian_forms_meet_with_and_without_diacritics() -> None:
    assert lemmatize_tokens("bērni", "lv") == lemmatize_tokens("berni", "lv") == ["bern"]
    # simplemma misses "mājokļu"/"mājokļiem"; the stemmer still brings them to "mājoklis"
    keys = {
        k
        for w in ("mājoklis", "mājokļu", "mājokļiem", "mājokļi")
        for k in lemmatize_tokens(w, "lv")
    }
    assert keys == {"majokl"}
    assert lemmatize_tokens("romi romiem romu", "lv") == ["rom", "rom", "rom"]


def test_stopwords_and_punctuation_go_numbers_stay() -> None:
    assert lemmatize_tokens("Cik romu ir un kā? — 16–64 gadi, 2016. gadā; 55 %", "lv") == [
        "rom",
        "16",
        "64",
        "gad",
        "2016",
        "gad",
        "55",
    ]
    assert lemmatize_tokens("How many of the children are vaccinated?", "en") == [
        "child",
        "vaccinate",
    ]
    # the report's "٠" bullets are Arabic-Indic digits, not terms
    assert tokenize("٠ AT, BG: (re)integrācijai") == ["at", "bg", "re", "integrācijai"]


def test_country_codes_survive_stopword_folding() -> None:
    assert lemmatize_tokens("šī programma", "lv") == ["programm"]
    assert lemmatize_tokens("SI, SK", "lv") == ["si", "sk"]


def test_kreslins_stemmer_unpalatalises() -> None:
    assert lv_stem("mājokļu") == "mājokl"  # -u after ļ: ļ -> l
    assert lv_stem("kaimiņš") == "kaimiņ"
    assert lv_stem("ir") == "ir"  # too short to strip


def test_infinitives_and_action_nouns_share_a_root() -> None:
    # table rows name measures with infinitives, questions with action nouns
    assert lemmatize_tokens("Uzlabot skolotāju apmācību", "lv")[0] == "uzlab"
    assert lemmatize_tokens("skolotāju apmācības uzlabošanai", "lv")[-1] == "uzlab"
    for words, root in (
        ("veicināt veicināšana veicināšanai veicina", "veicin"),
        ("atbalstīt atbalstītu atbalsts atbalstam", "atbalst"),
        ("pārtraukt pārtraukšana pārtraukšanu", "partrauk"),
        ("apkarot apkarošana apkarošanā", "apkar"),  # simplemma: "apkarošana" -> "apkarost"
    ):
        assert set(lemmatize_tokens(words, "lv")) == {root}, words
    assert lv_verb_root("uzlabošana") == "uzlab"
    assert lv_verb_root("cīnīties") == "cīn"
    assert lv_verb_root("mājoklis") is None  # not a verb
    assert lv_verb_root("pat") is None  # too short to be an infinitive root
    # a report is not its reporting: the noun keeps its own key
    assert lemmatize_tokens("ziņojums ziņot", "lv") == ["zinojum", "zin"]


def test_result_nouns_share_their_verbs_root() -> None:
    # "darba meklējumos" is "meklējot darbu" as a noun; simplemma keeps some cases as they are
    for words, root in (
        ("meklēt meklējot meklējums meklējumos meklējumiem", "mekl"),
        ("ieguldīt ieguldījums ieguldījumu ieguldījumiem", "ieguld"),
        ("uzlabot uzlabojums uzlabojumi uzlabojumus", "uzlab"),
        ("secināt secinājums secinājumi", "secin"),
    ):
        assert set(lemmatize_tokens(words, "lv")) == {root}, words
    assert lv_verb_root("apmeklējumu") == "apmekl"
    # a root too short to tell a verb from a noun stays the noun's own key
    assert lemmatize_tokens("gadījumā gadījums gads", "lv") == ["gadijum", "gadijum", "gad"]
    assert lemmatize_tokens("ziņojumā ziņojums", "lv") == ["zinojum", "zinojum"]
    assert lv_verb_root("jums") is None


def test_superlatives_share_the_positive_stem() -> None:
    # the report writes "vismazāk daudzsološu pieeju" (fewest); a question asks "tik maz" (few)
    assert set(lemmatize_tokens("vismazāk vismazākais maz mazs", "lv")) == {"maz"}
    assert lv_superlative_base("vislielākajam") == "liel"
    assert lv_superlative_base("visneaizsargātākajiem") == "neaizsargāt"
    # "vis-" words that are no superlative keep their own keys
    for word in ("visaptverošs", "vispārējs", "visās", "vispār"):
        assert lv_superlative_base(word) is None, word
    assert lemmatize_tokens("visaptverošu", "lv") == ["visaptveros"]
    # a comparative alone may be a noun of its own: "vecāki" (parents) is not "vecs" (old)
    assert lemmatize_tokens("vecākiem", "lv") != lemmatize_tokens("veciem", "lv")


# --- glossary ---------------------------------------------------------------------------------
def test_glossary_translates_longest_phrase_first_and_counts_coverage() -> None:
    keys = lemmatize_tokens("early school leaving and school vaccination", "en")
    latvian, covered = GLOSSARY.translate(keys)
    assert latvian == [
        *lemmatize_tokens("priekšlaicīga mācību pārtraukšana", "lv"),
        *lemmatize_tokens("skolas", "lv"),
        *lemmatize_tokens("vakcinācija", "lv"),
    ]
    assert covered == len(keys) == 5
    assert GLOSSARY.translate(lemmatize_tokens("unknown words", "en")) == ([], 0)


def test_glossary_file_loads_and_is_substantial() -> None:
    glossary = Glossary.load(DEFAULT_GLOSSARY)
    assert len(glossary) >= 200
    raw = json.loads(DEFAULT_GLOSSARY.read_text(encoding="utf-8"))
    assert all(k == k.lower() for k in raw if not k.startswith("_"))


def test_every_glossary_value_occurs_in_the_report() -> None:
    report_keys = set(lemmatize_tokens(REPORT.read_text(encoding="utf-8"), "lv"))
    glossary = Glossary.load(DEFAULT_GLOSSARY)
    offenders = [
        f"{english!r} -> {value!r}: {missing}"
        for english, values in glossary.entries.items()
        for value in values
        if (missing := [k for k in lemmatize_tokens(value, "lv") if k not in report_keys])
        or not lemmatize_tokens(value, "lv")
    ]
    assert not offenders, "glossary values not found in the report:\n" + "\n".join(offenders)


# --- BM25 -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build(CHUNKS)


def ranking(index: LexicalIndex, query: str, lang: str) -> list[int]:
    scores = index.scores(index.query_terms(query, lang, GLOSSARY))  # type: ignore[arg-type]
    order = np.argsort(-scores, kind="stable")
    return [int(i) for i in order if scores[i] > 0]


def test_latvian_queries_rank_by_lemma(index: LexicalIndex) -> None:
    assert ranking(index, "mājokļiem ūdens", "lv") == [2]
    assert ranking(index, "vakcinācija", "lv") == [1]
    assert ranking(index, "visi kaimiņi", "lv") == [3, 0]


def test_query_without_diacritics_finds_the_reports_spelling(index: LexicalIndex) -> None:
    # "dzivo" is no word simplemma knows; the report's "dzīvo" (-> dzīvot) is
    terms = index.query_terms("kaiminu dzivo", "lv").terms
    assert terms == index.query_terms("kaimiņu dzīvo", "lv").terms
    assert ranking(index, "kur dzivo kaimini", "lv") == [3, 4]


def test_a_form_the_report_lacks_typed_without_diacritics_meets_its_word() -> None:
    # the report has the genitive only; people type the nominative, without diacritics
    idx = LexicalIndex.build([chunk(0, "Valsts veselības apdrošināšanas shēma."), *CHUNKS[1:]])
    typed = idx.query_terms("apdrosinasana", "lv").terms
    assert typed == idx.query_terms("apdrošināšanas", "lv").terms == ["apdrosin"]
    assert ranking(idx, "veselibas apdrosinasana", "lv")[0] == 0


def test_a_verb_negated_by_ne_meets_the_verb_the_report_writes() -> None:
    idx = LexicalIndex.build(
        [chunk(0, "Visas dalībvalstis, izņemot DK, sniedza ziņojumus."), *CHUNKS[1:]]
    )
    negated = idx.query_terms("Kuras dalībvalstis nesniedza ziņojumus?", "lv").terms
    assert negated == idx.query_terms("Kuras dalībvalstis sniedza ziņojumus?", "lv").terms
    assert ranking(idx, "nesniedza ziņojumus", "lv")[0] == 0
    # a negative pronoun is a word of its own; a word the report writes stays as it is
    assert idx.query_terms("neviens", "lv").terms == ["nevien"]
    # a past-tense verb with a prefix of its own, negated or not, meets the report's verb
    sniedza = idx.query_terms("sniedza", "lv").terms
    assert idx.query_terms("iesniedza", "lv").terms == sniedza
    assert idx.query_terms("neiesniedza", "lv").terms == sniedza
    # a word that is no past-tense verb keeps its key ("paredzamais" is no "redzamais")
    seen = LexicalIndex.build([chunk(0, "Redzamais atbalsts."), *CHUNKS[1:]])
    assert seen.query_terms("paredzamais", "lv").terms == ["paredzam"]


def test_english_queries_reach_latvian_text_through_the_glossary(index: LexicalIndex) -> None:
    query = index.query_terms("vaccination campaigns", "en", GLOSSARY)
    assert query.coverage == 1.0
    # English keys go to the English field, their translations to the Latvian one
    assert query.en == ("vaccination", "campaign")
    assert query.lv == ("vakcinacij", "kampan")
    assert query.terms == ["vaccination", "campaign", "vakcinacij", "kampan"]
    assert ranking(index, "vaccination campaigns", "en") == [1]
    # English words match the English rendering of structured items directly
    assert ranking(index, "indoor toilet", "en") == [4]
    assert index.query_terms("indoor toilet", "en", GLOSSARY).coverage == 0.0
    assert index.query_terms("social housing for Roma", "en", GLOSSARY).coverage == pytest.approx(
        2 / 3
    )


def test_words_naming_the_report_are_dropped_from_questions(index: LexicalIndex) -> None:
    lv = index.query_terms("Ko ziņojums saka par vakcināciju?", "lv")
    assert lv.terms == ["vakcinacij"]
    en = index.query_terms("What does the report say about vaccination?", "en", GLOSSARY)
    assert en.en == ("vaccination",) and en.lv == ("vakcinacij",)
    assert en.coverage == 1.0


def test_context_is_indexed_as_latvian() -> None:
    idx = LexicalIndex.build(
        [chunk(0, "AT, BG", context="Daudzsološas pieejas: Austrija"), CHUNKS[1]]
    )
    assert ranking(idx, "Austrijas pieejas", "lv") == [0]


def reference_bm25(docs: list[list[str]], query: list[str] | tuple[str, ...]) -> list[float]:
    """Lucene BM25 (Kamphuis et al. 2020) computed by hand; an empty document counts as
    length 1, as bm25s indexes it (one key no query produces)."""
    lengths = [len(d) or 1 for d in docs]
    avgdl = sum(lengths) / len(docs)
    out = []
    for doc, length in zip(docs, lengths, strict=True):
        tf = Counter(doc)
        score = 0.0
        for term in query:
            df = sum(term in d for d in docs)
            if not tf[term]:
                continue
            idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
            score += idf * tf[term] / (tf[term] + K1 * (1 - B + B * length / avgdl))
        out.append(score)
    return out


def test_scores_match_a_reference_bm25(index: LexicalIndex) -> None:
    docs = [LexicalIndex.field_terms(c)["lv"] for c in CHUNKS]
    query = index.query_terms("romu bērni dzīvo visi", "lv")
    assert query.en == ()
    np.testing.assert_allclose(index.scores(query), reference_bm25(docs, query.lv), rtol=1e-5)


def test_english_score_is_the_sum_of_both_fields(index: LexicalIndex) -> None:
    """Each field is its own BM25 (own lengths and document frequencies): the English
    rendering of chunk 4 neither lengthens its Latvian field nor shares IDF with it."""
    query = index.query_terms("indoor toilet vaccination 55", "en", GLOSSARY)
    assert query.en == ("indoor", "toilet", "vaccination", "55")
    assert query.lv == ("vakcinacij", "55")  # numbers are read in both languages
    lv_docs = [LexicalIndex.field_terms(c)["lv"] for c in CHUNKS]
    en_docs = [LexicalIndex.field_terms(c)["en"] for c in CHUNKS]
    expected = np.add(reference_bm25(lv_docs, query.lv), reference_bm25(en_docs, query.en))
    np.testing.assert_allclose(index.scores(query), expected, rtol=1e-5)
    assert LexicalIndex.field_terms(CHUNKS[4])["en"][:3] == ["roma", "living", "household"]
    assert LexicalIndex.field_terms(CHUNKS[1])["en"] == []


def test_no_known_term_scores_zero(index: LexicalIndex) -> None:
    assert not index.scores([]).any()
    assert not index.scores(["nezināmsvārds"]).any()


def test_save_and_load_round_trip(index: LexicalIndex, tmp_path: Path) -> None:
    index.save(tmp_path)
    loaded = LexicalIndex.load(tmp_path)
    for query, lang in (
        ("kaiminu dzivo", "lv"), ("vakcinacija", "lv"), ("vaccination campaigns indoor", "en")
    ):
        terms = index.query_terms(query, lang, GLOSSARY)  # type: ignore[arg-type]
        assert loaded.query_terms(query, lang, GLOSSARY) == terms  # type: ignore[arg-type]
        np.testing.assert_array_equal(loaded.scores(terms), index.scores(terms))
        assert index.scores(terms).any()


def test_load_refuses_another_analyser(index: LexicalIndex, tmp_path: Path) -> None:
    index.save(tmp_path)
    (tmp_path / "lexical.json").write_text('{"analyzer": "old"}', encoding="utf-8")
    with pytest.raises(ValueError, match="analyser 'old'"):
        LexicalIndex.load(tmp_path)
