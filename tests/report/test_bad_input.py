"""Texts that are not the whole report: ReportFormatError, naming what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.errors import ReportFormatError, RivsError
from rivs_qa.report.parse import load_report, parse_report
from rivs_qa.report.translation import Translation, load_translation

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SOURCE = (CORPUS / "report_lv.txt").read_text(encoding="utf-8")
DOMAINS = "education, employment, health, housing, discrimination"

# the five measure tables, first and last source line (1-based), as read in the report
TABLE_LINES = [(165, 328), (676, 778), (1008, 1078), (1240, 1334), (1685, 1809)]


@pytest.fixture(scope="module")
def translation() -> Translation:
    """Names every section of the report, so a parse can say which ones are missing."""
    return load_translation(CORPUS / "report_en.json")


def _missing(exc: pytest.ExceptionInfo[ReportFormatError]) -> list[str]:
    """The '; '-separated items after 'missing ' in the message."""
    message = str(exc.value)
    assert "missing " in message, message
    return message.split("missing ", 1)[1].split("; ")


def _truncated(fraction: float) -> str:
    return SOURCE[: int(len(SOURCE) * fraction)]


def _without_tables() -> str:
    lines = SOURCE.split("\n")
    drop: set[int] = set()
    for first, last in TABLE_LINES:
        assert "pasākumu sadalījums atbilstoši" in lines[first - 1]
        drop.update(range(first - 1, last))
    return "\n".join(ln for i, ln in enumerate(lines) if i not in drop)


def test_the_whole_report_parses(translation: Translation) -> None:
    report = parse_report(SOURCE, translation=translation)
    assert len(report.sections) == 24


def test_report_format_error_is_a_domain_error() -> None:
    assert issubclass(ReportFormatError, RivsError)


@pytest.mark.parametrize("text", ["", "   \n\n  \t\n"])
def test_empty_text(text: str) -> None:
    with pytest.raises(ReportFormatError, match="empty"):
        parse_report(text)


def test_first_30_percent(translation: Translation) -> None:
    # the cut falls in the "2.1. Pasākumu mērķis" text (line 616): education is whole,
    # employment has its box but not its table or approaches, everything after is gone
    with pytest.raises(ReportFormatError) as exc:
        parse_report(_truncated(0.30), translation=translation)
    assert _missing(exc) == [
        "sections I.2.2, I.2.3, I.3, I.3.1, I.3.2, I.3.3, I.4, I.4.1, I.4.2, I.4.3, "
        "II, II.1, II.2, II.3, III, IV",
        "indicator boxes for health, housing, discrimination",
        "measure tables for employment, health, housing, discrimination",
        "promising-approach boxes for employment, health, housing, discrimination",
    ]


def test_first_70_percent(translation: Translation) -> None:
    # the cut falls in the "1. Pasākumu mērķis" text of part II (line 1576), before its box
    with pytest.raises(ReportFormatError) as exc:
        parse_report(_truncated(0.70), translation=translation)
    assert _missing(exc) == [
        "sections II.2, II.3, III, IV",
        "indicator boxes for discrimination",
        "measure tables for discrimination",
        "promising-approach boxes for discrimination",
    ]


def test_truncated_without_labels_names_the_top_level_parts() -> None:
    with pytest.raises(ReportFormatError) as exc:
        parse_report(_truncated(0.70))
    assert _missing(exc)[0] == "sections III, IV"


def test_truncated_inside_footnotes_names_the_lost_bodies(translation: Translation) -> None:
    # cut just before the footnote area that holds bodies 54 and 55 (line 2112): their markers
    # are in III, their bodies gone
    cut = SOURCE.index("\n54\n\n 6. punkts.")
    with pytest.raises(ReportFormatError) as exc:
        parse_report(SOURCE[:cut], translation=translation)
    assert "footnote bodies 54, 55" in _missing(exc)


def test_tables_removed(translation: Translation) -> None:
    with pytest.raises(ReportFormatError) as exc:
        parse_report(_without_tables(), translation=translation)
    assert _missing(exc) == [f"measure tables for {DOMAINS}"]


def test_one_table_removed(translation: Translation) -> None:
    lines = SOURCE.split("\n")
    first, last = TABLE_LINES[3]
    text = "\n".join(lines[: first - 1] + lines[last:])
    with pytest.raises(ReportFormatError) as exc:
        parse_report(text, translation=translation)
    assert _missing(exc) == ["measure tables for housing"]


def test_random_other_text() -> None:
    other = (
        "Latvijas Republikas Saeima ir pieņēmusi un Valsts prezidents izsludina šādu likumu.\n"
        "1. pants. Likuma mērķis ir noteikt kārtību, kādā tiek sniegti pakalpojumi.\n"
        "The quick brown fox jumps over the lazy dog.\n"
    )
    with pytest.raises(ReportFormatError, match="IEVADS"):
        parse_report(other)


def test_random_text_under_a_heading(translation: Translation) -> None:
    """The right first heading is not enough: everything else is named as missing."""
    with pytest.raises(ReportFormatError) as exc:
        parse_report(" IEVADS \n\nŠis ir cits teksts, nevis ziņojums.\n", translation=translation)
    missing = _missing(exc)
    assert missing[0].startswith("sections I, I.1, I.1.1,")
    assert missing[0].endswith("II.3, III, IV")
    assert f"indicator boxes for {DOMAINS}" in missing
    assert f"measure tables for {DOMAINS}" in missing
    assert f"promising-approach boxes for {DOMAINS}" in missing
    assert "footnotes" in missing


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nav" / "report_lv.txt"
    with pytest.raises(ReportFormatError) as exc:
        load_report(path)
    assert str(path) in str(exc.value)
    assert "not found" in str(exc.value)


def test_non_utf8_file(tmp_path: Path) -> None:
    # the report saved in the Baltic Windows code page instead of UTF-8
    path = tmp_path / "report_lv.txt"
    path.write_bytes(SOURCE.encode("cp1257", errors="replace"))
    with pytest.raises(ReportFormatError) as exc:
        load_report(path)
    assert str(path) in str(exc.value)
    assert "UTF-8" in str(exc.value)
