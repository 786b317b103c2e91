"""The ``rivs-qa`` command line, on the hand-made report (``--json`` parsed, exact values)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rivs_qa.cli import CliState, DomainChoice, app
from rivs_qa.report.model import DOMAINS, Report
from tests.api.conftest import make_report


@pytest.fixture
def run() -> Any:
    report = make_report()

    def invoke(*args: str) -> Any:
        state = CliState(report_loader=lambda _settings: report)
        # Wide enough that rich tables do not wrap the words the tests look for.
        return CliRunner().invoke(app, list(args), obj=state, env={"COLUMNS": "200"})

    return invoke


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_domain_choices_mirror_the_model() -> None:
    assert typing.get_args(DomainChoice) == DOMAINS


def test_help_has_examples() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "rivs-qa report indicators --domain health" in result.stdout
    for command in ("report", "serve", "index", "search", "ask", "eval"):
        assert command in result.stdout


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, "rivs-qa 0.1.0\n")


def test_sections_json(run: Any) -> None:
    body = _json(run("report", "sections", "--json"))
    assert body["count"] == 5
    assert [s["id"] for s in body["data"]] == ["INTRO", "I", "I.1", "I.1.1", "II"]
    assert body["data"][3] == {
        "id": "I.1.1",
        "number": "1.1.",
        "title_lv": "Pasākumu mērķis",
        "title_en": "Aim of measures",
        "level": 3,
        "parent_id": "I.1",
        "domain": "education",
        "paragraph_count": 1,
        "title": "Pasākumu mērķis",
    }


def test_one_section_in_english_prints_the_translation_and_says_so(run: Any) -> None:
    result = run("report", "sections", "I.1", "--lang", "en")
    assert result.exit_code == 0
    assert "a translation made for this product" in result.stdout
    assert "Measures to reduce early school leaving[3]." in result.stdout
    body = _json(run("report", "sections", "I.1", "--lang", "en", "--json"))
    assert (body["lang"], body["title"]) == ("en", "Education")
    assert body["display"][0]["text"] == "Measures to reduce early school leaving."


def test_check_translation_of_the_real_report_finds_nothing() -> None:
    result = CliRunner().invoke(app, ["report", "check-translation"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["coverage: 319/319 units (100.0%); mismatches: 0"]


def test_check_translation_lists_each_mismatch_and_fails(tmp_path: Path) -> None:
    from rivs_qa.config import find_project_root

    source = json.loads((find_project_root() / "corpus" / "report_en.json").read_text("utf-8"))
    units = source["units"]
    del units["INTRO.p2"]
    units["I.1.p3"] = units["I.1.p3"].replace("18 %", "19 %")
    units["extra.p1"] = "Nothing."
    bad = tmp_path / "bad_en.json"
    bad.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "check-translation", "--file", str(bad)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "coverage: 318/319 units (99.7%); mismatches: 3"
    assert sorted(line.split("\t")[:2] for line in lines[1:]) == [
        ["I.1.p3", "numbers"], ["INTRO.p2", "missing"], ["extra.p1", "orphan"],
    ]  # fmt: skip


def test_sections_table_for_people(run: Any) -> None:
    result = run("report", "sections")
    assert result.exit_code == 0
    assert "Izglītība" in result.stdout and "Fighting discrimination" in result.stdout


def test_one_section(run: Any) -> None:
    body = _json(run("report", "sections", "I.1.1", "--json"))
    assert [p["id"] for p in body["paragraphs"]] == ["I.1.1.p1"]
    assert [f["n"] for f in body["footnotes"]] == [4]
    text = run("report", "sections", "I.1.1").stdout
    assert "Vairākas valstis (LV, ES un HU) atbalsta mentorus[4]." in text
    assert "[4] Piem., BiH." in text


def test_indicators_by_domain(run: Any) -> None:
    body = _json(run("report", "indicators", "--domain", "health", "--json"))
    assert body["count"] == 1
    assert body["data"][0]["id"] == "health.1"
    assert body["data"][0]["value_text"] == "84,5 %"
    body = _json(run("report", "indicators", "--q", "segregacija", "--json"))
    assert [i["id"] for i in body["data"]] == ["education.2"]
    assert "Apmaksāts darbs" in run("report", "indicators").stdout


def test_bad_domain_lists_the_valid_ones(run: Any) -> None:
    result = run("report", "indicators", "--domain", "sport")
    assert result.exit_code == 2
    assert "'education', 'employment', 'health', 'housing', 'discrimination'" in result.stderr


def test_tables(run: Any) -> None:
    body = _json(run("report", "tables", "--json"))
    assert body["count"] == 1
    assert [r["member_states"] for r in body["data"][0]["rows"]] == [["LV", "ES"], ["HU"]]
    assert "Fight early school leaving" in run("report", "tables").stdout


def test_footnotes(run: Any) -> None:
    body = _json(run("report", "footnotes", "--json"))
    assert body["count"] == 4
    assert [f["n"] for f in body["data"]] == [1, 2, 3, 4]
    assert _json(run("report", "footnotes", "3", "--json")) == {
        "n": 3,
        "text": "LV, ES, HU.",
        "text_en": "LV, ES, HU.",
        "countries": ["LV", "ES", "HU"],
        "urls": [],
        "section_id": "I.1",
        "lang": "lv",
        "translation_note": None,
    }


@pytest.mark.parametrize("code", ["bih", "BiH", "BIH"])
def test_country(run: Any, code: str) -> None:
    body = _json(run("report", "country", code, "--json"))
    assert body["country"]["code"] == "BiH"
    assert [(r["id"], r["role"]) for r in body["table_rows"]] == [
        ("education.table.1", "enlargement"),
        ("education.table.2", "enlargement"),
    ]
    assert [f["n"] for f in body["footnotes"]] == [4]
    text = run("report", "country", code).stdout
    assert "Bosnija un Hercegovina / Bosnia and Herzegovina (enlargement country)" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "sections", "X.9"], "Error: Section 'X.9' not found\n"),
        (["report", "footnotes", "999"], "Error: Footnote 999 not found\n"),
        (["report", "country", "xx", "--json"], "Error: Country 'xx' not found\n"),
    ],
)
def test_domain_errors_are_one_line_on_stderr(run: Any, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.stdout == ""


def test_broken_corpus_is_one_line(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rivs_qa.report.parse", reason="needs the report parser")
    (tmp_path / "report_lv.txt").write_text("IEVADS\n\nTikai sākums.\n", encoding="utf-8")
    monkeypatch.setenv("RIVS_QA_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["report", "sections"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_serve_refuses_a_broken_corpus_before_starting(run: Any, tmp_path: Any) -> None:
    def broken(_settings: Any) -> Report:
        from rivs_qa.errors import ReportFormatError

        raise ReportFormatError("report text is empty")

    result = CliRunner().invoke(app, ["serve"], obj=CliState(report_loader=broken))
    assert (result.exit_code, result.stderr) == (1, "Error: report text is empty\n")


def test_serve_runs_uvicorn_with_the_app_factory(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from rivs_qa import serving

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(serving, "run", lambda *a, **kw: calls.append((a, kw)))
    monkeypatch.setenv("RIVS_QA_PORT", "8123")
    monkeypatch.setenv("RIVS_QA_KEEP_ALIVE_SECONDS", "30")
    result = run("serve", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: 2 workers without RIVS_QA_REDIS_URL keep")
    monkeypatch.setenv("RIVS_QA_REDIS_URL", "redis://127.0.0.1:1/0")
    assert run("serve", "--workers", "2").stderr == ""
    assert calls[1:] == calls[:1]
    assert calls[:1] == [
        (
            ("rivs_qa.api.app:create_app",),
            {"factory": True, "host": "127.0.0.1", "port": 8123, "workers": 2, "log_level": "info",
             "timeout_keep_alive": 30, "access_log": False},
        )
    ]
    # the temporary metrics folder is gone, and so is the variable naming it
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    calls.clear()
    assert run("serve", "--host", "0.0.0.0", "--port", "9000").exit_code == 0
    assert calls[0][1]["host"] == "0.0.0.0" and calls[0][1]["port"] == 9000


def test_import_is_light() -> None:
    # `rivs-qa --help` must stay instant: no web framework, server or report model at import.
    code = (
        "import sys, rivs_qa.cli; "
        "heavy = {'fastapi', 'uvicorn', 'starlette', 'rich', 'rivs_qa.report.model'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bad_setting_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIVS_QA_PORT", "eighty")
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: invalid settings: RIVS_QA_PORT: Input should be a valid integer, "
        "unable to parse string as an integer\n"
    )
