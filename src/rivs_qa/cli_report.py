"""``rivs-qa report …``: the parsed report, in Latvian or in its English translation.

``--lang en`` shows the English translation (made for this product, and said so) where a
command shows report text; ``--json`` prints the API's shapes, which carry both languages.
``check-translation`` checks a translation file against the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from rivs_qa.cli_app import (
    DomainChoice,
    JsonFlag,
    _console,
    _print_json,
    _state,
    _table,
    report_app,
)

LangOption = Annotated[
    Literal["lv", "en"],
    typer.Option("--lang", help="lv: the report's text; en: its English translation."),
]


def _note(lang: str) -> None:
    if lang == "en":
        from rivs_qa.report.translation import TRANSLATION_NOTE

        _console().print(TRANSLATION_NOTE + "\n", style="italic")


@report_app.command("sections")
def report_sections(
    ctx: typer.Context,
    section_id: Annotated[
        str | None, typer.Argument(help="Show this section (e.g. I.1.3) instead of the outline.")
    ] = None,
    lang: LangOption = "lv",
    as_json: JsonFlag = False,
) -> None:
    """The outline of the report, or one section with its paragraphs and footnotes."""
    from rivs_qa.api.schemas import SectionDetail, SectionsPublic, SectionSummary, listing
    from rivs_qa.report import query

    report = _state(ctx).report()
    if section_id is None:
        outline = listing(
            SectionsPublic, [SectionSummary.of(s, lang) for s in report.sections], lang
        )
        if as_json:
            return _print_json(outline)
        table = _table("Section", "No.", "Title (LV)", "Title (EN)", "Paragraphs")
        for s in outline.data:
            indent = "  " * max(s.level - 1, 0)
            table.add_row(s.id, s.number, indent + s.title_lv, s.title_en, str(s.paragraph_count))
        _console().print(table)
        return

    section = query.get_section(report, section_id)
    detail = SectionDetail.with_footnotes(section, query.section_footnotes(report, section), lang)
    if as_json:
        return _print_json(detail)
    console = _console()
    _note(lang)
    title = " ".join(part for part in (detail.number, detail.title) if part)
    other = detail.title_en if lang == "lv" else detail.title_lv
    console.print(f"{title}  ({detail.id}; {other or 'no English title'})\n", style="bold")
    for p in detail.display:
        # Put the markers back where the report prints them: "… phrase[3]".
        text = p.text
        for n, offset in sorted(p.markers.items(), key=lambda item: item[1], reverse=True):
            text = f"{text[:offset]}[{n}]{text[offset:]}"
        console.print(("  • " if p.kind == "list_item" else "") + text + "\n")
    for f in detail.footnotes:
        console.print(f"[{f.n}] {f.text_en if lang == 'en' and f.text_en else f.text}", style="dim")


@report_app.command("indicators")
def report_indicators(
    ctx: typer.Context,
    domain: Annotated[DomainChoice | None, typer.Option(help="Only this domain.")] = None,
    q: Annotated[
        str | None, typer.Option("--q", help="Text in a label, any case, diacritics optional.")
    ] = None,
    lang: LangOption = "lv",
    as_json: JsonFlag = False,
) -> None:
    """The 2016 figures from the report's boxes (FRA survey data on Roma)."""
    from rivs_qa.api.schemas import IndicatorPublic, IndicatorsPublic, listing
    from rivs_qa.report import query

    found = query.filter_indicators(_state(ctx).report(), domain=domain, q=q)
    figures = listing(IndicatorsPublic, [IndicatorPublic.model_validate(i) for i in found], lang)
    if as_json:
        return _print_json(figures)
    _note(lang)
    first, second = ("Indicator (EN)", "Indicator (LV)") if lang == "en" else (
        "Indicator (LV)", "Indicator (EN)"
    )  # fmt: skip
    table = _table("Id", "Domain", first, second, "Value")
    for i in figures.data:
        label = f"{i.group_lv}: {i.label_lv}" if i.group_lv else i.label_lv
        value = i.value_text + "".join(f"\n{k}: {v}" for k, v in i.breakdown_texts.items())
        labels = (i.label_en, label) if lang == "en" else (label, i.label_en)
        table.add_row(i.id, i.domain, *labels, value)
    _console().print(table)


@report_app.command("tables")
def report_tables(ctx: typer.Context, lang: LangOption = "lv", as_json: JsonFlag = False) -> None:
    """The measures tables: how many measures each country group reported per sub-area."""
    from rivs_qa.api.schemas import TablePublic, TablesPublic, listing

    tables = _state(ctx).report().tables
    measures = listing(TablesPublic, [TablePublic.model_validate(t) for t in tables], lang)
    if as_json:
        return _print_json(measures)
    console = _console()
    _note(lang)
    for t in measures.data:
        table = _table(
            "Sub-area",
            "Member states",
            "Measures",
            "Enlargement countries",
            "Measures",
            title=f"{t.title_lv} ({t.id}, section {t.section_id})",
        )
        for r in t.rows:
            names = (
                (r.sub_area_en, r.sub_area_lv) if lang == "en" else (r.sub_area_lv, r.sub_area_en)
            )
            table.add_row(
                "\n".join(n for n in names if n),
                ", ".join(r.member_states),
                str(r.member_state_measures),
                ", ".join(r.enlargement_countries),
                str(r.enlargement_measures),
            )
        console.print(table)


@report_app.command("footnotes")
def report_footnotes(
    ctx: typer.Context,
    n: Annotated[int | None, typer.Argument(help="Show only this footnote.")] = None,
    lang: LangOption = "lv",
    as_json: JsonFlag = False,
) -> None:
    """The report's footnotes, or one of them."""
    from rivs_qa.api.schemas import FootnoteDetail, FootnotePublic, FootnotesPublic, listing
    from rivs_qa.report import query

    report = _state(ctx).report()
    if n is not None:
        one = FootnoteDetail.of(query.get_footnote(report, n), lang)
        if as_json:
            return _print_json(one)
        footnotes: list[FootnotePublic] = [one]
    else:
        footnotes = [FootnotePublic.model_validate(f) for f in report.footnotes]
        if as_json:
            return _print_json(listing(FootnotesPublic, footnotes, lang))
    _note(lang)
    table = _table("No.", "Section", "Text", "Countries")
    for f in footnotes:
        text = f.text_en if lang == "en" and f.text_en else f.text
        table.add_row(str(f.n), f.section_id, text, ", ".join(f.countries))
    _console().print(table)


@report_app.command("country")
def report_country(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="A country code in any case (lv, BiH) or a name.")],
    lang: LangOption = "lv",
    as_json: JsonFlag = False,
) -> None:
    """Everything in the report that names one country."""
    from rivs_qa.api.schemas import CountryDetail
    from rivs_qa.report import query

    report = _state(ctx).report()
    mentions = query.country_mentions(report, query.find_country(report, code))
    detail = CountryDetail.of(mentions, lang)
    if as_json:
        return _print_json(detail)
    c = detail.country
    console = _console()
    _note(lang)
    group = "EU member state" if c.group == "member_state" else "enlargement country"
    console.print(f"{c.code} {c.name_lv} / {c.name_en} ({group})\n", style="bold")
    english = lang == "en"
    table = _table("Where", "Id", "Text")
    for p in detail.paragraphs:
        table.add_row(f"paragraph ({p.kind})", p.id, p.text_en if english and p.text_en else p.text)
    for r in detail.table_rows:
        measures = r.member_state_measures if r.role == "member_state" else r.enlargement_measures
        area = r.sub_area_en if english and r.sub_area_en else r.sub_area_lv
        table.add_row(f"table row ({r.role})", r.id, f"{area}: {measures} measures")
    for f in detail.footnotes:
        table.add_row("footnote", str(f.n), f.text_en if english and f.text_en else f.text)
    for a in detail.approaches:
        table.add_row(a.kind, a.id, a.label_en if english and a.label_en else a.text)
    console.print(table)


@report_app.command("check-translation")
def check_translation(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file", help="A translation file to check (default: the corpus's report_en.json)."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check an English translation against the report: every unit translated, nothing
    extra, and the same numbers, footnote markers, acronyms, names, countries and sentence
    count in each unit, no Latvian letters, a sane length. Exit status 1 on any mismatch."""
    from rivs_qa.report.translation import TRANSLATION_FILE, load_translation
    from rivs_qa.report.translation_check import TERMS_FILE, check_translation, load_terms

    state = _state(ctx)
    corpus = state.get_settings().corpus_dir
    translation = load_translation(file or corpus / TRANSLATION_FILE)
    result = check_translation(state.report(), translation, load_terms(corpus / TERMS_FILE))
    if as_json:
        _print_json(result)
    else:
        # plain lines, tab-separated: a later edition's check is read by grep and cut too
        typer.echo(
            f"coverage: {result.translated}/{result.units} units "
            f"({result.coverage:.1%}); mismatches: {len(result.mismatches)}"
        )
        for m in result.mismatches:
            typer.echo(f"{m.unit}\t{m.problem}\t{m.detail}")
    if result.mismatches:
        raise typer.Exit(code=1)
