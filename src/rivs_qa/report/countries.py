"""Country codes: finding them in the report, and mapping what users type to them.

The report names countries by code only ("AT, BE, BG", "(SK)", "٠ ES: …"); users type names
in any Latvian case, with or without diacritics, or in English. ``corpus/countries.json`` holds
the curated names and forms; everything here is pure except ``default_corpus_dir`` and
``load_countries``.

Two codes are also ordinary Latvian abbreviations, in the report itself: "ES" is the EU
("Eiropas Savienība", "ārpus ES: …") and "IT" is information technology ("IT prasmju"). They
count as Spain/Italy only where the text is plainly listing countries (see ``_in_code_context``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from rivs_qa.errors import NotFound, ReportFormatError
from rivs_qa.report.model import Country
from rivs_qa.textnorm import fold, fold_map

CORPUS_DIR_ENV = "RIVS_QA_CORPUS_DIR"
COUNTRIES_FILE = "countries.json"
REPORT_FILE = "report_lv.txt"

# Every code the report uses: EU protocol order (UK was a member state in 2019), then the
# enlargement countries in the report's own order. countries.json must hold exactly these.
CODES: tuple[str, ...] = (
    "BE", "BG", "CZ", "DK", "DE", "EE", "IE", "EL", "ES", "FR", "HR", "IT", "CY", "LV",
    "LT", "LU", "HU", "MT", "NL", "AT", "PL", "PT", "RO", "SI", "SK", "FI", "SE", "UK",
    "AL", "BiH", "KOS", "ME", "MK", "RS", "TR",
)  # fmt: skip

AMBIGUOUS_CODES: dict[str, str] = {
    "ES": "Eiropas Savienība (the EU) in Latvian",
    "IT": "informācijas tehnoloģijas (IT skills)",
}

# Codes that still mean the country when typed in lower case: none is a word or a common
# abbreviation in English or Latvian. Left out on purpose: at be de ee el es fi hr ie it me
# mt pl pt se si sk ("sk." = "skatīt") al ("et al.") tr.
LOWERCASE_CODES: frozenset[str] = frozenset(
    {"bg", "cy", "cz", "dk", "hu", "lt", "lu", "lv", "nl", "ro", "uk", "bih", "kos", "mk", "rs"}
)

# A code token: not glued to a letter, digit or hyphen ("ESI fondi", "2000/43/EK" stay out).
_BOUNDARY_BEFORE, _BOUNDARY_AFTER = r"(?<![\w-])", r"(?![\w-])"
CODE_PATTERN = re.compile(_BOUNDARY_BEFORE + "(?:" + "|".join(CODES) + ")" + _BOUNDARY_AFTER)

# What may stand between two codes of one list: "AT, BE", "HU SK", "SK,UK", "IE (un MT".
_LIST_GAP = re.compile(r"[\s,;/&()]*(?:(?:un|and|or|vai)[\s,;/&()]+)?", re.IGNORECASE)

_Span = tuple[int, int, str]  # start, end, code


def default_corpus_dir() -> Path:
    """The ``corpus/`` folder: ``$RIVS_QA_CORPUS_DIR`` if set, else the nearest one holding the
    report above this file (an editable install), else ``./corpus`` (an installed wheel).

    The variable is read when called, so tests and deployments can point elsewhere after import.
    """
    override = os.environ.get(CORPUS_DIR_ENV)
    if override:
        path = Path(override).expanduser()
        if not path.is_dir():
            raise NotFound(f"{CORPUS_DIR_ENV}={override} is not a folder")
        return path
    for folder in (*Path(__file__).resolve().parents, Path.cwd()):
        if (folder / "corpus" / REPORT_FILE).is_file():
            return folder / "corpus"
    raise NotFound(
        f"no corpus/{REPORT_FILE} above {Path(__file__).parent} or in the working "
        f"directory; set {CORPUS_DIR_ENV}"
    )


class _CountriesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    source: str = ""
    countries: list[Country]

    @model_validator(mode="after")
    def _codes_unique_and_named(self) -> _CountriesFile:
        seen: set[str] = set()
        for country in self.countries:
            if country.code in seen:
                raise ValueError(f"country code {country.code} appears twice")
            if not (country.code and country.name_lv and country.name_en):
                raise ValueError(f"country {country.code!r} needs a code, name_lv and name_en")
            seen.add(country.code)
        return self


def load_countries(path: Path | None = None) -> list[Country]:
    """Read and validate ``countries.json`` (default: in ``default_corpus_dir()``)."""
    path = path if path is not None else default_corpus_dir() / COUNTRIES_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"country list not found: {path}") from None
    try:
        return _CountriesFile.model_validate_json(raw).countries
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or '<file>'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ReportFormatError(f"{path} is not a valid country list: {problems}") from None


def find_codes(text: str) -> list[str]:
    """Country codes as the report writes them, in order of first appearance, deduplicated.

    ``find_codes("٠ CZ, EL, HU SK, RO: …") == ["CZ", "EL", "HU", "SK", "RO"]``. "ES" and "IT"
    count only inside a list of codes, alone on a line, in "(ES)" or as a "ES: …" line head.
    """
    candidates = [(m.start(), m.end(), m.group()) for m in CODE_PATTERN.finditer(text)]
    return _distinct(_accept(text, candidates, lambda code: code in AMBIGUOUS_CODES))


class CountryResolver:
    """Names, forms and codes of the report's countries; maps free user text to codes."""

    def __init__(self, countries: Sequence[Country]) -> None:
        if not countries:
            raise ValueError("CountryResolver needs at least one country")
        self._countries = tuple(countries)
        self._by_folded_code: dict[str, Country] = {}
        for country in self._countries:
            key = country.code.casefold()
            if key in self._by_folded_code:
                raise ValueError(f"country code {country.code} appears twice")
            self._by_folded_code[key] = country

        self._form_code: dict[str, str] = {}
        for country in self._countries:
            for form in (country.name_lv, country.name_en, *country.forms):
                key = " ".join(fold(form).split())
                other = self._form_code.setdefault(key, country.code)
                if other != country.code:
                    raise ValueError(f"form {form!r} is listed for both {other} and {country.code}")
        # Longest first, so "north macedonia" wins over "macedonia" at the same position.
        alternatives = sorted(self._form_code, key=len, reverse=True)
        self._names = re.compile(
            r"(?<!\w)(?:"
            + "|".join(r"\s+".join(map(re.escape, form.split())) for form in alternatives)
            + r")(?!\w)"
        )
        self._codes = re.compile(
            _BOUNDARY_BEFORE
            + "(?:"
            + "|".join(re.escape(c.code) for c in self._countries)
            + ")"
            + _BOUNDARY_AFTER,
            re.IGNORECASE,
        )

    @property
    def countries(self) -> tuple[Country, ...]:
        return self._countries

    def by_code(self, code: str) -> Country:
        """The country for a code, in any case ("BiH", "BIH", "bih")."""
        try:
            return self._by_folded_code[code.casefold()]
        except KeyError:
            known = ", ".join(c.code for c in self._countries)
            raise NotFound(f"unknown country code {code!r}; the report uses {known}") from None

    def name(self, code: str, lang: Literal["lv", "en"] = "lv") -> str:
        country = self.by_code(code)
        if lang == "lv":
            return country.name_lv
        if lang == "en":
            return country.name_en
        raise ValueError(f"lang must be 'lv' or 'en', not {lang!r}")

    def resolve(self, text: str) -> list[str]:
        """Codes of the countries ``text`` mentions, in order of first mention.

        Names match in any listed form, ignoring case and diacritics, on word boundaries.
        Codes match as written in upper case ("LV", "BiH"), in lower case only when they are
        no ordinary word (``LOWERCASE_CODES``). "ES"/"IT", and any code in a text typed all
        in capitals, need the context ``find_codes`` asks for.
        """
        folded, offsets = fold_map(text)
        spans: list[_Span] = []
        for m in self._names.finditer(folded):
            code = self._form_code[" ".join(m.group().split())]
            spans.append((offsets[m.start()], offsets[m.end() - 1] + 1, code))

        shouting = text.upper() == text and text.lower() != text
        candidates = [
            (m.start(), m.end(), country.code)
            for m in self._codes.finditer(text)
            if (country := self._typed_code(m.group())) is not None
        ]
        # In capitals "IT AT ALL" is words, so there a list needs commas or "and"/"un".
        spans += _accept(
            text,
            candidates,
            lambda code: shouting or code in AMBIGUOUS_CODES,
            space_separates=not shouting,
        )
        return _distinct(spans)

    def _typed_code(self, token: str) -> Country | None:
        country = self._by_folded_code[token.casefold()]
        if token in (country.code, country.code.upper()):
            return country
        if token.islower() and token in LOWERCASE_CODES:
            return country
        return None  # "it", "Me", "At" …: a word, not a code


def _accept(
    text: str,
    candidates: list[_Span],
    needs_context: Callable[[str], bool],
    *,
    space_separates: bool = True,
) -> list[_Span]:
    """Keep candidates in a list of two or more codes, and lone ones that need no context.

    ``space_separates``: whether a bare space joins two codes into a list, as in the report's
    "HU SK".
    """
    accepted: list[_Span] = []
    run: list[_Span] = []
    for span in [*candidates, None]:
        if span is not None and run:
            gap = text[run[-1][1] : span[0]]
            if _LIST_GAP.fullmatch(gap) and (space_separates or gap.strip()):
                run.append(span)
                continue
        if len(run) > 1:
            accepted += run
        elif run and (not needs_context(run[0][2]) or _in_code_context(text, *run[0][:2])):
            accepted += run
        run = [span] if span is not None else []
    return accepted


def _in_code_context(text: str, start: int, end: int) -> bool:
    """A lone code that can only be a code: alone on its line, "(SK)", or a "ES: …" line head."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : len(text) if line_end < 0 else line_end]
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        return True
    if any(c.isalpha() for c in before):
        return False
    return after.lstrip().startswith(":") or not any(c.isalpha() for c in after)


def _distinct(spans: list[_Span]) -> list[str]:
    """Codes by position, dropping spans inside an earlier, longer one, then repeats."""
    codes: list[str] = []
    covered_to = -1
    for start, end, code in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < covered_to:
            continue
        covered_to = end
        if code not in codes:
            codes.append(code)
    return codes
