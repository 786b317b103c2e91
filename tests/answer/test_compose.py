"""Answer text: sentences, quotes, agreement and the exact figures of the report."""

from __future__ import annotations

import pytest
from tests.feature_cases import answer_features

from rivs_qa.answer import compose, matching, refusals
from rivs_qa.report.model import Approach, Indicator, Report
from rivs_qa.search.lemmas import lemmatize_tokens
from rivs_qa.text import sentence_at, split_sentences


def test_split_sentences_keeps_abbreviations_and_dates_inside() -> None:
    text = (
        "Tika ziņots par šādām problēmām: segregācija (piem. ES). Līdz 2020. gadam "
        "jāpanāk vairāk. Piem., CZ, SK. Vēl viens teikums!"
    )
    assert split_sentences(text) == [
        "Tika ziņots par šādām problēmām: segregācija (piem. ES).",
        "Līdz 2020. gadam jāpanāk vairāk.",
        "Piem., CZ, SK.",
        "Vēl viens teikums!",
    ]


def test_best_quote_prefers_the_rare_words_of_the_question() -> None:
    text = (
        "Romu nodarbinātības pasākumi ir daudzveidīgi. Šādi pasākumi ir vēl efektīvāki tad, "
        "ja romi ir iesaistīti kā starpnieki. Trešais teikums par citu tēmu."
    )
    weights = matching.key_weights([text, "romu pasākumi", "romu nodarbinātība"])
    keys = lemmatize_tokens("Kad nodarbinātības pasākumi ir vēl efektīvāki?", "lv")
    quote, score = matching.best_quote(text, keys, weights)
    assert quote.startswith("Šādi pasākumi ir vēl efektīvāki tad")
    assert score > 0


def test_best_quote_told_to_prefer_reasons_quotes_the_sentence_giving_one() -> None:
    text = (
        "Izglītības jomā pasākumu ir visvairāk. Veselības jomā pasākumu skaits ir mazs, "
        "tādējādi ierobežojot politikas apguvi. Veselības jomā populārākā pasākumu prakse "
        "ir vakcinācija."
    )
    weights = {k: 1.0 for k in lemmatize_tokens(text, "lv")}
    keys = lemmatize_tokens("Kāpēc veselības pasākumu prakse ir tik reta?", "lv")
    plain, _ = matching.best_quote(text, keys, weights, max_sentences=1)
    assert plain.startswith("Veselības jomā populārākā")  # most words in common
    reasoned, _ = matching.best_quote(text, keys, weights, max_sentences=1, prefer=matching.REASONS)
    assert reasoned.startswith("Veselības jomā pasākumu skaits ir mazs, tādējādi")
    # a sentence sharing no word is not preferred for its connective alone
    assert not matching.best_quote("Tas ir tāpēc.", keys, weights, prefer=matching.REASONS)[1]


def test_best_quote_without_overlap_quotes_the_start() -> None:
    quote, score = matching.best_quote("Pirmais teikums. Otrais teikums.", ["xyz"])
    assert (quote, score) == ("Pirmais teikums.", 0.0)


@pytest.mark.parametrize(
    ("n", "lv", "en"),
    [(1, "1 pasākums", "1 measure"), (11, "11 pasākumi", "11 measures"),
     (21, "21 pasākums", "21 measures"), (4, "4 pasākumi", "4 measures")],
)  # fmt: skip
def test_measure_counts_agree(n: int, lv: str, en: str) -> None:
    assert compose.measures_lv(n) == lv
    assert compose.measures_en(n) == en


def test_country_list_names_codes_in_the_answer_language(real_report: Report) -> None:
    countries = {c.code: c for c in real_report.countries}
    assert (
        compose.country_list(["LV", "EL", "XX"], countries, "en") == "LV (Latvia), EL (Greece), XX"
    )
    assert compose.country_list(["LV", "EL"], countries, "lv") == "LV (Latvija), EL (Grieķija)"


def _employment(report: Report) -> Indicator:
    return next(i for i in report.indicators if i.breakdown_texts.get("men") == "56 %")


def test_indicator_answer_states_the_report_figures(real_report: Report) -> None:
    ind = _employment(real_report)
    assert compose.indicator_answer(ind, None, "en").startswith(
        f"{ind.label_en}: 43 % (women 29 %, men 56 %)."
    )
    assert compose.indicator_answer(ind, "men", "lv").startswith(
        f"{ind.label_lv} — vīrieši: 56 % (visi romi: 43 %)."
    )


def test_indicator_without_breakdown_says_so(real_report: Report) -> None:
    ind = next(i for i in real_report.indicators if not i.breakdown_texts)
    text = compose.indicator_answer(ind, "women", "en")
    assert f": {ind.value_text}." in text
    assert text.endswith("The report gives no breakdown by sex for this figure.")


def test_abstention_names_the_nearest_sections() -> None:
    assert refusals.abstain_answer("en", None, ["Housing", "Health care"]) == (
        "The report does not answer this question. Nearest sections: Housing; Health care."
    )
    assert refusals.abstain_answer("lv", "year", []) == "Ziņojums neaptver šo gadu."


def test_a_refusal_names_the_rule_the_nearest_answer_breaks() -> None:
    assert refusals.abstain_answer("en", "money_unmet", []) == (
        "The report gives no amount of money for this."
    )
    assert refusals.abstain_answer("lv", "which_unmet", []) == (
        "Ziņojumā netika atrasts fragments, kas šajā sakarā nosauktu valstis."
    )
    # every rule has words of its own or says what "unverified" says
    for rule, _ in answer_features().rules():
        for lang in ("en", "lv"):
            assert refusals.abstain_answer(lang, rule, []) != refusals.abstain_answer(lang, "", [])
    assert refusals.abstain_answer("en", "turn_unmet", []) == refusals.abstain_answer(
        "en", "unverified", []
    )


def _approaches(report: Report, *ids: str) -> list[Approach]:
    by_id = {a.id: a for a in report.approaches}
    return [by_id[i] for i in ids]


def test_english_approaches_answer_gives_the_curated_translations(real_report: Report) -> None:
    countries = {c.code: c for c in real_report.countries}
    items = _approaches(real_report, "appr.employment.04", "appr.discrimination.03")
    listing = compose.approaches_answer(items, countries, "en")
    assert listing.lead == "Promising approaches named in the report:"
    assert listing.items == (
        "SK: an amendment to the Act on Public Employment Services providing for an individual "
        "action plan to support integration into the labour market, binding on the jobseeker "
        "and the employment office",
        # codes printed after each part in the report: listed in front as well
        "SK, NL, PL, LV: Recognition of the Roma Holocaust and the setting-up of a committee "
        "against racism, with Roma participation (SK); monuments, exhibitions and an online "
        "platform commemorating the victims of the Roma Holocaust (NL); an annual ceremony for "
        "the European Roma Holocaust Memorial Day at the Auschwitz-Birkenau concentration camp "
        "(PL); the Roma History and Art Museum and compensation for victims of forced labour (LV)",
    )
    # the plain text: the lead, then each item on its own line
    assert listing.text().splitlines()[1].startswith("• SK: an amendment to the Act")
    priority = _approaches(real_report, "prio.employment.07")
    assert compose.approaches_answer(priority, countries, "en").text() == (
        "Priorities to address named in the report:\n• Give priority to "
        "(re)integration into the primary labour market over parallel systems (e.g. public or "
        "informal work)"
    )


def test_latvian_approaches_answer_quotes_the_report(real_report: Report) -> None:
    countries = {c.code: c for c in real_report.countries}
    items = _approaches(real_report, "appr.health.05", "appr.discrimination.11")
    assert compose.approaches_answer(items, countries, "lv").text() == (
        "Daudzsološas pieejas:\n• FI: Valsts veselības un labklājības institūta Pētījums par romu "
        "labklājību\n• UK: objekts tiešsaistes ziņošanai par naida noziegumiem"
    )


def test_an_untranslated_item_keeps_its_latvian_text(
    real_report: Report,
) -> None:
    countries = {c.code: c for c in real_report.countries}
    health, online = _approaches(real_report, "appr.health.05", "appr.discrimination.11")
    items = [health, online.model_copy(update={"label_en": ""})]
    # the translation check keeps this from happening: every approach has its translation
    assert compose.approaches_answer(items, countries, "en").items == (
        "FI: the National Institute for Health and Welfare's Study on the well-being of Roma",
        "UK: objekts tiešsaistes ziņošanai par naida noziegumiem",
    )


def test_rows_overview_lists_the_largest_sub_areas_with_both_counts(real_report) -> None:  # type: ignore[no-untyped-def]
    from rivs_qa.answer.compose import largest_rows, rows_overview

    health = [r for r in real_report.table_rows if r.domain == "health"]
    top = largest_rows(health, 2, "enlargement")
    assert rows_overview(top, len(health), "enlargement", "en").text() == (
        "Measures by sub-area in the report's table (the 2 with most measures of 4; "
        "enlargement countries / member states):\n• Improve awareness of health and health care "
        "issues — 17 / 41\n• Remove barriers to accessing the health care system — 15 / 45"
    )
    assert (
        rows_overview(largest_rows(health, 5, None), 4, None, "lv")
        .text()
        .startswith(
            "Pasākumi pa apakšjomām ziņojuma tabulā (visas 4; dalībvalstis / paplašināšanās "
            "valstis):\n• Likvidēt šķēršļus attiecībā uz piekļuvi veselības aprūpes sistēmai — 45 / 15\n"
        )
    )
    assert [r.member_state_measures for r in largest_rows(health, 3, None)] == [45, 41, 11]


def test_membership_says_which_list_holds_each_asked_country(real_report) -> None:  # type: ignore[no-untyped-def]
    from rivs_qa.answer.compose import membership

    countries = {c.code: c for c in real_report.countries}
    groups = {"member states": ["AT", "HU"], "enlargement countries": ["RS"]}
    assert membership(["HU", "PL", "RS"], groups, countries, "en") == (
        "HU (Hungary): listed (member states). PL (Poland): not listed. "
        "RS (Serbia): listed (enlargement countries)."
    )
    assert membership(["PL"], {"dalībvalstis": ["AT"]}, countries, "lv") == (
        "PL (Polija): nav sarakstā."
    )
    assert membership([], groups, countries, "en") == ""


def test_latvian_indicator_labels_keep_their_box_heading(real_report) -> None:  # type: ignore[no-untyped-def]
    from rivs_qa.answer.compose import indicator_label_lv

    by_id = {i.id: i for i in real_report.indicators}
    assert indicator_label_lv(by_id["ind.housing.02"]) == (
        "To romu īpatsvars, kuri dzīvo mājsaimniecībās ar — ūdensvada ūdeni (iekštelpās)"
    )
    assert indicator_label_lv(by_id["ind.employment.01"]) == by_id["ind.employment.01"].label_lv


def test_the_sentence_at_an_offset() -> None:
    text = "Pirmais teikums. Otrais teikums ar atsauci. Trešais."
    assert sentence_at(text, text.index("atsauci") + 7) == "Otrais teikums ar atsauci."
    assert sentence_at(text, 0) == "Pirmais teikums."
    assert sentence_at(text, len(text) + 5) == ""
