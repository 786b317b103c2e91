"""Years: which a text names, which a question asks about (not the report's own year, by
which it names itself), and which each table's source line gives.

A question naming a year is only answered by a passage that names it: "What did member
states report for 2020?" is not answered by "the framework up to 2020".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rivs_qa.report.model import Report
from rivs_qa.search.model import Chunk

#: A year: not a number of a legal act's code ("Direktīva 2000/43/EK", "2000/43/EC").
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d|/\d+/[^\W\d_])")
#: A year that ends a period ("līdz 2020. gadam", "up to 2020"): it says when something
#: ends, not what happened in that year.
_BOUND = re.compile(r"\b(?:līdz|lidz|up to|until|till|by)\s+$", re.IGNORECASE)


def dated(text: str) -> set[str]:
    """The years ``text`` names: "2017" for a year as such, "<2020" for one that ends a
    period. A question asking about 2020 is not answered by "the framework up to 2020"."""
    return {
        f"<{m.group()}" if _BOUND.search(text, 0, m.start()) else m.group()
        for m in YEAR.finditer(text)
    }


#: The report naming itself by its year: "šajā 2019. gada ziņojumā" ("in this 2019 report").
_OWN_YEAR = re.compile(r"\bšaj[āa] (\d{4})\. gada ziņojum", re.IGNORECASE)
#: A question naming a report by its year: "the 2019 report", "2019. gada ziņojumā",
#: "the report of 2019" (a determiner makes "report" the noun: "did they report for 2019"
#: asks about 2019), or naming this document by a demonstrative and its year ("this 2019
#: assessment", "šis 2019. gada novērtējums"; not "this year").
_REPORT_YEAR = re.compile(
    r"\b(\d{4})(?:'s)?\.?\s+(?:gada\s+)?(?:reports?\b|zi[nņ]ojum\w*)"
    r"|\b(?:the|this|that|its)\s+report\s+(?:of|from|for)\s+(\d{4})\b"
    r"|\b(?:this|[sš]is|[sš][iī]|[sš]aj[aā]|[sš]o)\s+(\d{4})\.?\s+(?:gada\s+)?(?!gad|year)[^\W\d_]",
    re.IGNORECASE,
)


def own_year(report: Report) -> str | None:
    """The year the report names itself by ("šajā 2019. gada ziņojumā"), if it does."""
    texts = (p.text for s in report.sections for p in s.paragraphs)
    return next((m.group(1) for t in texts for m in _OWN_YEAR.finditer(t)), None)


def asked_years(question: str, own: str | None) -> set[str]:
    """``dated(question)``, less the report's ``own`` year where the question names the
    report by it ("the main conclusions of the 2019 report"): that names this report, not a
    year whose figures are asked. Another report's year ("the 2017 NRCP reports") stays."""
    return dated(without_own_year(question, own, blank=True))


def without_own_year(question: str, own: str | None, blank: bool = False) -> str:
    """The question less the report's ``own`` year where it names the report by it: "What
    sources is this 2019 assessment based on?" asks what "this assessment" is based on
    (``blank``: the whole phrase blanked, so no year of it remains)."""
    if own is None:
        return question
    for m in reversed(list(_REPORT_YEAR.finditer(question))):
        if own in m.groups():
            if blank:
                start, end = m.start(), m.end()
            else:
                group = m.groups().index(own) + 1
                start, end = m.start(group), m.end(group)
            question = question[:start] + " " + question[end:]
    return " ".join(question.split())


def covers_years(asked: set[str], stated: set[str]) -> bool:
    """Whether the ``dated`` years of an answer cover a question's: a year as such, or a
    period's end the answer states either way."""
    return all(y in stated or (y.startswith("<") and y[1:] in stated) for y in asked)


def report_years(report: Report) -> set[str]:
    texts = [p.text for s in report.sections for p in s.paragraphs]
    texts += [f.text for f in report.footnotes]
    return {y for t in texts for y in dated(t)}


def table_source_years(report: Report) -> dict[str, set[str]]:
    """The years each table's source line gives ("… measures implemented in 2017"), by table
    id. Tables printed with the same column header are one series: the report prints the
    series' source under only one of them (the measure tables), and it holds for all."""
    by_header: dict[str, set[str]] = {}
    for table in report.tables:
        by_header.setdefault(table.header_lv, set()).update(dated(table.source))
    return {table.id: dated(table.source) or by_header[table.header_lv] for table in report.tables}


def source_years(chunk: Chunk, sources: Mapping[str, set[str]]) -> set[str]:
    """The source years of a table row's table ("table.education.06" is a row of
    "table.education"); none for any other passage."""
    if chunk.kind != "table_row" or not chunk.ref_id:
        return set()
    return sources.get(chunk.ref_id.rpartition(".")[0], set())
