"""Country codes in the report, the curated country list, and user text -> codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rivs_qa.errors import NotFound, ReportFormatError
from rivs_qa.report.countries import (
    CODE_PATTERN,
    CODES,
    CORPUS_DIR_ENV,
    CountryResolver,
    default_corpus_dir,
    find_codes,
    load_countries,
)
from rivs_qa.report.model import Country
from rivs_qa.textnorm import fold, fold_map

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
REPORT = (CORPUS / "report_lv.txt").read_text(encoding="utf-8")

MEMBER_STATES = (
    "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK UK".split()
)
ENLARGEMENT = ["AL", "BiH", "KOS", "ME", "MK", "RS", "TR"]


@pytest.fixture(scope="module")
def countries() -> list[Country]:
    return load_countries(CORPUS / "countries.json")


@pytest.fixture(scope="module")
def resolver(countries: list[Country]) -> CountryResolver:
    return CountryResolver(countries)


# --- fold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Latvija", "latvija"),
        ("Spānijā", "spanija"),
        ("ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž", "acegiklnsuz acegiklnsuz"),
        ("Ģimenē ŠĶĒRSĻI", "gimene skersli"),
        ("Türkiye", "turkiye"),
        ("Łódź Đakovo Straße", "lodz dakovo strasse"),
        ("ﬁnanšu", "finansu"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_map_points_back_into_the_original() -> None:
    folded, offsets = fold_map("Straße Spānijā")
    assert folded == "strasse spanija"
    assert offsets == [0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    assert fold_map(REPORT)[0] == fold(REPORT)


# --- countries.json -----------------------------------------------------------------------


def test_country_list_holds_the_report_codes_in_protocol_order(countries: list[Country]) -> None:
    assert [c.code for c in countries] == list(CODES)
    assert sorted(c.code for c in countries if c.group == "member_state") == sorted(MEMBER_STATES)
    assert [c.code for c in countries if c.group == "enlargement"] == ENLARGEMENT


def test_country_entries(countries: list[Country]) -> None:
    by_code = {c.code: c for c in countries}
    assert by_code["LV"].model_dump() == {
        "code": "LV",
        "name_lv": "Latvija",
        "name_en": "Latvia",
        "group": "member_state",
        "forms": ["Latvija", "Latvijas", "Latvijai", "Latviju", "Latvijā", "Latvia"],
    }
    assert by_code["UK"].name_lv == "Apvienotā Karaliste"
    assert by_code["UK"].group == "member_state"
    assert by_code["BiH"].name_en == "Bosnia and Herzegovina"
    assert by_code["KOS"].name_lv == "Kosova"
    assert by_code["MK"].name_en == "North Macedonia"


def test_every_code_in_the_report_is_curated_and_every_curated_code_is_used(
    countries: list[Country],
) -> None:
    in_report = find_codes(REPORT)
    curated = {c.code for c in countries}
    assert [code for code in in_report if code not in curated] == [], "codes missing from JSON"
    assert sorted(curated - set(in_report)) == [], "curated codes the report never uses"


def test_no_form_is_an_ordinary_word_of_the_report(resolver: CountryResolver) -> None:
    # With the codes blanked out, only real name mentions may resolve: "Austrijas ES
    # prezidentūras", "Vācijā", "Spānijas provincēs", "Īrijas policijas" and the adjective
    # in "franču valodas kursi" (Belgian integration courses in French).
    assert resolver.resolve(CODE_PATTERN.sub(" ", REPORT)) == ["FR", "AT", "DE", "ES", "IE"]


def test_malformed_country_list_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "countries.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "countries": [
                    {"code": "LV", "name_lv": "Latvija", "name_en": "Latvia", "group": "baltic"}
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ReportFormatError, match=r"countries\.0\.group: Input should be"):
        load_countries(path)

    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(
        ReportFormatError, match="is not a valid country list: <file>: Invalid JSON"
    ):
        load_countries(path)

    entry = {"code": "LV", "name_lv": "Latvija", "name_en": "Latvia", "group": "member_state"}
    path.write_text(json.dumps({"version": 1, "countries": [entry, entry]}), encoding="utf-8")
    with pytest.raises(ReportFormatError, match="country code LV appears twice"):
        load_countries(path)

    with pytest.raises(NotFound, match="country list not found"):
        load_countries(tmp_path / "missing.json")


def test_default_corpus_dir_reads_the_environment_when_called(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CORPUS_DIR_ENV, raising=False)
    assert default_corpus_dir() == CORPUS
    assert [c.code for c in load_countries()] == list(CODES)

    monkeypatch.setenv(CORPUS_DIR_ENV, str(tmp_path))
    assert default_corpus_dir() == tmp_path
    with pytest.raises(NotFound, match="country list not found"):
        load_countries()

    monkeypatch.setenv(CORPUS_DIR_ENV, str(tmp_path / "nope"))
    with pytest.raises(NotFound, match="is not a folder"):
        default_corpus_dir()


# --- find_codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("AT, BE, BG", ["AT", "BE", "BG"]),
        ("romu līdzdalību (SK); pieminekļi", ["SK"]),
        ("٠ CZ, EL, HU SK, RO: tādu sociāli atstumtu", ["CZ", "EL", "HU", "SK", "RO"]),
        ("RO, SK,UK ", ["RO", "SK", "UK"]),
        ("izņemot DK, FI un IE (un MT, kurā", ["DK", "FI", "IE", "MT"]),
        ("AT, ES, IT, NL \n\n11 AL, RS, TR 4", ["AT", "ES", "IT", "NL", "AL", "RS", "TR"]),
        ("16 ES, LT, LV, PL. \n17 BG, EL, ES.", ["ES", "LT", "LV", "PL", "BG", "EL"]),
        ("٠ ES: romu un pilsoniskās līdzdalības", ["ES"]),
        ("cilvēktiesību jomā \n\nIT \n\n1 AL, MK, RS 3", ["IT", "AL", "MK", "RS"]),
        ("Tā kā DE ziņojums tika iesniegts novēloti", ["DE"]),
        # "ES" = the EU and "IT" = information technology when not listing countries
        ("publicēja novērtējumu par ES programmu", []),
        ("“Romu integrācijas veicināšana ārpus ES: paplašināšanās", []),
        ("atbilstoša (valsts vai ES) finansējuma", []),
        ("būtu jāietver arī IT prasmju un svešvalodu prasmju", []),
        ("ESI fondiem; Direktīva 2000/43/EK; Sk. 1. pielikumu; (DV)", []),
        ("Austrijas ES prezidentūras laikā", []),
    ],
)
def test_find_codes(text: str, codes: list[str]) -> None:
    assert find_codes(text) == codes


def test_find_codes_over_the_whole_report_in_order_of_first_appearance() -> None:
    assert find_codes(REPORT) == [
        "DK", "FI", "IE", "MT", "DE", "AT", "BE", "BG", "CY", "ES", "EL", "HU", "HR", "IT",
        "LV", "LT", "LU", "NL", "PT", "RO", "SE", "SK", "UK", "AL", "BiH", "KOS", "ME", "MK",
        "RS", "TR", "CZ", "SI", "FR", "EE", "PL",
    ]  # fmt: skip


# --- CountryResolver ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # Latvian case forms
        ("Kas par Latviju?", ["LV"]),
        ("Latvija", ["LV"]),
        ("Latvijas romu stratēģija", ["LV"]),
        ("Ko Latvijai ieteica?", ["LV"]),
        ("Kas notiek Latvijā?", ["LV"]),
        ("Spānijā", ["ES"]),
        ("Spānijas un Itālijas pieejas", ["ES", "IT"]),
        ("Nīderlandē un Portugālē", ["NL", "PT"]),
        ("Salīdzini Grieķiju ar Čehijas Republiku", ["EL", "CZ"]),
        ("Bosnijā un Hercegovinā", ["BiH"]),
        ("Apvienotajā Karalistē un Lielbritānijā", ["UK"]),
        ("Ziemeļmaķedonijā un Melnkalnē", ["MK", "ME"]),
        ("spāņu un ungāru romi", ["ES", "HU"]),
        # typed without diacritics, any case
        ("spanija", ["ES"]),
        ("kas par latviju un lietuvu", ["LV", "LT"]),
        ("CEHIJA, SLOVAKIJA", ["CZ", "SK"]),
        ("ziemelmakedonija", ["MK"]),
        # English
        ("What about Greece and Italy?", ["EL", "IT"]),
        ("North Macedonia and Macedonia", ["MK"]),
        ("Roma in the Czech Republic, Slovakia and the United Kingdom", ["CZ", "SK", "UK"]),
        (
            "Bosnia and Herzegovina, Kosovo, Montenegro, Serbia, Turkey, Albania",
            ["BiH", "KOS", "ME", "RS", "TR", "AL"],
        ),
        ("Türkiye or turkiye", ["TR"]),
        ("Greek, British and Dutch measures", ["EL", "UK", "NL"]),
        ("Romani children in Romania", ["RO"]),
        # codes
        ("IT", ["IT"]),
        ("What does the report say about LV and EL?", ["LV", "EL"]),
        ("BiH, KOS", ["BiH", "KOS"]),
        ("BIH un bih", ["BiH"]),
        ("ES, IT un LV", ["ES", "IT", "LV"]),
        ("(ES)", ["ES"]),
        ("lv, lt, cz, bih, kos, uk", ["LV", "LT", "CZ", "BiH", "KOS", "UK"]),
        ("Latvia (LV) vs Lithuania", ["LV", "LT"]),
        ("Spānija un ES", ["ES"]),
        ("KAS PAR LV UN LT?", ["LV", "LT"]),
    ],
)
def test_resolve(resolver: CountryResolver, text: str, codes: list[str]) -> None:
    assert resolver.resolve(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "Is it possible to be at home with me?",
        "It is what it is; be there at noon, el capitan.",
        "Es gribu zināt, kā un ar ko strādāt.",
        "Es un tu, ar viņiem un par tiem.",
        "Ko ES dara romu labā?",
        "Kas ir ES finansējums?",
        "What about IT skills?",
        "IT prasmes darba tirgū",
        "Latvian text, answer in English",
        "latviešu valodā",
        "Sk. 1. pielikumu; et al.; pl. formas",
        "WHAT ABOUT IT AT ALL",
        "Roma, romu kopienas, romiem",
        "",
    ],
)
def test_resolve_ignores_ordinary_words(resolver: CountryResolver, text: str) -> None:
    assert resolver.resolve(text) == []


def test_by_code_and_name(resolver: CountryResolver) -> None:
    assert resolver.by_code("BiH").name_en == "Bosnia and Herzegovina"
    assert resolver.by_code("bih").code == "BiH"
    assert resolver.name("EL", "lv") == "Grieķija"
    assert resolver.name("EL", "en") == "Greece"
    assert resolver.name("MK") == "Ziemeļmaķedonija"
    with pytest.raises(NotFound, match=r"^unknown country code 'GR'; the report uses BE, BG, "):
        resolver.by_code("GR")


def test_resolver_rejects_a_form_listed_for_two_countries() -> None:
    lv = Country(code="LV", name_lv="Latvija", name_en="Latvia", group="member_state")
    lt = Country(
        code="LT", name_lv="Lietuva", name_en="Lithuania", group="member_state", forms=["latvija"]
    )
    with pytest.raises(ValueError, match="form 'latvija' is listed for both LV and LT"):
        CountryResolver([lv, lt])
