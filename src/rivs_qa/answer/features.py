"""What the verifier reads of one composed candidate answer (``verify.AnswerFeatures``).

Pure given the ``KeyIndex``: the question as resolved, the candidate (its ``Lookup``) and
its composed response, the hits, the subject keys the answer must cover.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from rivs_qa.answer import facets, negation, says, verify
from rivs_qa.answer.contract import AskResponse
from rivs_qa.answer.conversation import Resolution
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.lookup import Lookup
from rivs_qa.answer.totals import TotalLines
from rivs_qa.answer.verify import AnswerFeatures
from rivs_qa.answer.vocab import CountryGroup, tokenize
from rivs_qa.answer.years import covers_years
from rivs_qa.report.model import Domain
from rivs_qa.search.model import Hit

#: The first hits a question's subject words are looked for in (``support``).
SUPPORT_FROM = 3
#: The report or its author named as the one who says something: "What does the report
#: say …", "Ko ziņojums iesaka …", "What does the Commission recommend …".
_SPEAKER = re.compile(r"\b(?:report|ziņojum\w*|zinojum\w*|commission|komisij\w*)\b", re.I)
#: Words that ask for figures without asking how many or what share: "the FRA numbers",
#: "what's the figure?", "kādi ir skaitļi?", "survey data".
_FIGURES = re.compile(
    r"\b(?:figures?|numbers?|data|statistics?|survey|fra|skaitļ\w*|skaitl\w*|dat[iu]|"
    r"datos|statistik\w*|apsekojum\w*)\b",
    re.IGNORECASE,
)


def _names_group(index: KeyIndex, group: CountryGroup, texts: Sequence[str]) -> bool:
    """Whether any of ``texts`` names the country ``group`` ("paplašināšanās valstis")."""
    terms = index.vocab.country_groups[group].terms
    return any(terms.spans(tokenize(text)) for text in texts)


def claims_of(found: Lookup) -> list[str]:
    """The sentences, in both languages, carrying the markers of a candidate's footnotes."""
    return [s for u in found.footnotes for s in (u.sentence, u.sentence_en)]


def kind_of(found: Lookup, response: AskResponse) -> str:
    return (
        "indicator" if found.indicators
        else ("overview" if found.overview else "table_row") if found.rows
        else "footnote" if found.footnotes
        else "approach" if found.approaches
        else "section" if found.section
        else "list" if response.items
        else "extractive"
    )  # fmt: skip


@dataclass(frozen=True)
class TurnReading:
    """What every candidate of one turn is read against: the subject keys the turn itself
    brings, whether it negates, the years it names, how well its best hits hold its keys
    and the subject keys of the other side of a comparison it asks for."""

    brought: set[str]
    negated: bool
    dense: Mapping[str, float]  # every chunk's dense score for the question, by chunk id
    dated: set[str]  # the years as ``years.dated`` reads them ("<2020": up to 2020)
    support: float  # ``KeyIndex.support`` of the question's keys by its first hits
    other_side: set[str]  # the other side of a comparison it asks (``KeyIndex.other_side``)
    area_words: set[str]  # the keys of the words naming the question's area ("education")

    @property
    def years(self) -> set[str]:
        """The years the question names, whatever their role."""
        return {y.lstrip("<") for y in self.dated}

    @classmethod
    def of(
        cls, index: KeyIndex, res: Resolution, keys: Sequence[str], hits: Sequence[Hit]
    ) -> TurnReading:
        """``keys``: the question's keys; ``hits``: its search hits, best first."""
        negated = negation.text_negated(res.question, res.lang, index.vocabulary.has)
        dense = index.engine.dense_similarity(res.question, res.lang)
        support = index.support(keys, hits[:SUPPORT_FROM])
        other = index.other_side(res.question, res.lang)
        area = index.domain_keys(res.question, res.features)
        return cls(
            index.brought(res), negated, dense, index.asked_years(res.question), support, other,
            area,
        )  # fmt: skip


def read(
    index: KeyIndex,
    turn: TurnReading,
    codes: Collection[str],
    res: Resolution,
    found: Lookup,
    response: AskResponse,
    hits: Sequence[Hit],
    subject: set[str],
    rule_pick: bool,
    two_asks: bool = False,
    totals: TotalLines | None = None,
    areas: Collection[Domain | None] = (),
    unnamed_part: bool = False,
    part_unsaid: bool = False,
) -> AnswerFeatures:
    """``codes``: the report's country codes; ``subject``: the keys the answer must cover;
    ``rule_pick``: the candidate is the lookup's own; ``two_asks``: the question joins two
    asks ("… un cik …?"); ``totals``: for a question asking a total, the report's
    total lines (a figure of a box with one is no total; a total line counts the words of
    the lines it totals: "comments, gestures, threats"); ``areas``: the policy areas of the
    sections the candidate's footnotes sit in; ``unnamed_part``: the question names a part
    of the area of the candidate's survey figure that no figure names
    (``figures.FigureWords``);
    ``part_unsaid``: the candidate never says a part the question names that no figure
    names."""
    f = res.features
    kind = kind_of(found, response)
    used = response.used_citations()
    cited = [c for c in response.citations if c.n in used]
    answer_keys: set[str] = set()
    counted: set[str] = set()  # the keys of the lines a cited total line counts
    for c in cited:
        answer_keys |= index.chunk_keys.get(c.chunk_id, set())
        for member in totals.members.get(c.chunk_id, ()) if totals else ():
            counted |= index.chunk_keys.get(member, set())
    answer_keys |= counted
    # the answer names its section ("In “… › Policy learning” …"), which is what a question
    # asking no countries, count or figure of it asks for
    asks_items = f.wants_countries or f.which_of_them or f.which_alone or f.wants_count
    if kind == "section" and cited and not (asks_items or f.wants_statistic):
        answer_keys |= index.section_keys.get(cited[0].chunk_id, set())
    weights = index.subject_weights
    coverage, missing, unknown = weights.features(subject, answer_keys)
    texts = [t for c in cited for t in (c.quote, c.quote_en)]
    quotes = " ".join(f"{c.quote} {c.quote_en}" for c in cited)
    if kind == "section":  # "In “IV. Conclusions” the report says: …": the title is said
        texts += [c.section_title for c in cited]
        quotes += " " + " ".join(c.section_title for c in cited)
    body = response.answer_body()
    if kind == "list":  # the lead-in is said in the answer; the citations quote the items
        texts.append(body)
        quotes += " " + body
    own = index.keys_in_both(texts) | counted  # each text's keys: the same quotes recur
    own_coverage = weights.features(subject, own)[0]
    turn_coverage = weights.features(turn.brought, answer_keys)[0]
    years = set().union(*(index.chunk_years.get(c.chunk_id, set()) for c in cited))
    own_words = says.words(" ".join(c.quote_en if res.lang == "en" else c.quote for c in cited))
    ids = [h.chunk.chunk_id for h in hits]
    places = [ids.index(c.chunk_id) / len(ids) for c in cited if c.chunk_id in ids]
    if kind == "section" and cited:  # the answer speaks for its section: any of its passages
        places += [
            i / len(ids) for i, h in enumerate(hits) if h.chunk.section_id == cited[0].section_id
        ]
    first = cited[0].chunk_id if cited else None
    gives_countries = any(fact.countries for fact in response.facts) or any(
        w in codes for w in says.WORD.findall(body)
    )
    # a quote's own figures count, not the section numbers of its title nor the number of
    # the footnote whose country list is the answer
    quoted = ("extractive", "section", "list", "footnote")
    said = " ".join(c.quote for c in cited) if kind in quoted else body
    numeric = kind in ("indicator", "table_row", "overview") or bool(
        says.DIGIT.search(said) or says.NUMBER_WORD.search(said)
    )
    asks_number = f.wants_statistic or f.wants_count
    spoken = f"{body} {quotes}"  # the answer's words and what it quotes
    # the enlargement countries asked about: the answer, its quotes or their section name them
    group_unmet = f.country_group == "enlargement" and not _names_group(
        index, "enlargement", [body, quotes, *(c.section_title for c in cited)]
    )
    top = hits[0] if hits else None
    first_kind = cited[0].kind if kind in verify.PROSE and cited else None
    quotes_figure = first_kind == "indicator"
    return AnswerFeatures(
        kind=kind, followup=res.is_followup, subject_keys=len(subject), coverage=coverage,
        missing_max_idf=missing, unknown_share=unknown,
        support=turn.support / weights.top,
        asks_number=asks_number, gives_number=numeric,
        asks_measures=f.wants_count and f.count_target == "measures",
        asks_reason=f.reason,
        group_unmet=group_unmet,
        person_unmet=f.person and not says.PERSON.search(spoken),
        money_unmet=f.money and not says.MONEY.search(spoken),
        which_unmet=f.which_countries and not gives_countries,
        facet_conflict=kind == "footnote"
        and facets.conflict(index.vocab, f.facet, body, claims_of(found)),
        share_unmet=f.wants_share
        and not f.yes_no
        and not f.which_countries  # "which countries said low vaccination rates …"
        and (
            kind in ("table_row", "overview", "footnote", "approach")
            # prose answering a share must state one: "(2–4 DV)" counts, it is no share
            or (kind in verify.PROSE and not says.SHARE.search(said))
        ),
        quotes_figure=quotes_figure,
        quotes_item=first_kind in ("table_row", "approach"),
        total_unmet=bool(cited) and totals is not None and cited[0].chunk_id in totals.items,
        # "Kādas daudzsološas pieejas …": a table's count or a survey figure is no approach
        approach_unmet=f.facet in ("approaches", "priorities")
        and kind in ("table_row", "overview", "indicator", "footnote"),
        # "What does the report recommend on school segregation?" asks what the report says,
        # not a figure: a survey figure alone does not answer it (a follow-up asks what its
        # turn asked; "How far do Roma trust the police?" asks how far: a figure)
        figure_unasked=kind == "indicator"
        and not asks_number
        and not res.is_followup
        and bool(_SPEAKER.search(res.question))
        and not _FIGURES.search(res.question),
        figure_unmet=(kind == "indicator" or quotes_figure) and unnamed_part,
        part_unmet=kind in verify.PROSE and part_unsaid,
        # the area named in so many words, or every area the question (or, for a follow-up,
        # its conversation) names: "health mediation" is not education's mediation
        area_unmet=bool(areas)
        and None not in areas
        and (
            (
                kind == "footnote"
                and (
                    (f.domain_framed and f.domain not in areas)
                    or (bool(f.domains) and not set(areas) & set(f.domains))
                )
            )
            # a quote from the section of another area than the one the question is about
            # ("politikas atziņas nodarbinātības jomā", "lessons on housing": not education's)
            or (kind == "extractive" and f.area is not None and not set(areas) & set(f.domains))
        )
        # a passage of a section of no area (the introduction's list of sources) answers a
        # question naming its area only by saying that area: "education challenges flagged
        # by the contact points" is not "reports submitted by the contact points"
        or (
            kind in ("extractive", "list")
            and set(areas) == {None}
            and bool(turn.area_words)
            and turn.area_words.isdisjoint(own)
        ),
        measures_unmet=f.wants_count
        and f.count_target == "measures"
        and not f.yes_no
        and kind not in ("table_row", "overview")
        and not any(c.kind == "table_row" for c in cited)
        and not says.MEASURES.search(spoken)
        # "how many of the measures …": a share of them ("a fifth of the measures") says it
        and not (says.SHARE.search(spoken) and says.MEASURE_WORD.search(spoken)),
        # "… compare with the general population?": the answer says every word of the other side
        compared_unmet=bool(turn.other_side)
        and not turn.other_side <= own | index.keys_in_both([body]),
        # "Cik dalībvalstu …?": a footnote's examples ("Piem., HU, ES, LV.") are no count
        examples_unmet=f.wants_count
        and kind == "footnote"
        and bool(found.footnotes)
        and all(u.footnote.lists_examples for u in found.footnotes),
        # "How many … did Germany report?": a row's count is its listed countries' measures
        unlisted_unmet=f.wants_count
        and f.count_target == "measures"
        and not f.yes_no
        and kind == "table_row"
        and bool(f.countries)
        and not {c for fact in response.facts for c in fact.countries} & set(f.countries),
        asks_countries=f.wants_countries, gives_countries=gives_countries,
        names_countries=bool(f.countries),
        countries_matched=says.countries_matched(
            f.countries, response, used, index.chunk_countries
        ),
        dense_top=(top.dense_score or 0.0) if top else 0.0,
        margin=(hits[0].score - hits[1].score) if len(hits) > 1 else 0.0,
        rule_pick=rule_pick, own_coverage=own_coverage,
        year_missing=not covers_years(turn.dated, years),
        negated=turn.negated,
        negation_unmet=turn.negated
        and not negation.negated(own_words, res.lang, index.vocabulary.has),
        hit_rank=min(places, default=1.0),
        n_facts=len(response.facts),
        # "which countries said low vaccination rates …" asks for countries, not a rate
        number_unmet=asks_number and not numeric and not f.yes_no and not f.which_countries,
        countries_unmet=f.wants_countries and not gives_countries,
        turn_coverage=turn_coverage,
        dense_own=turn.dense.get(first, 0.0) if first is not None else 0.0,
        section_coverage=weights.features(subject, index.section_keys.get(first or "", set()))[0]
        if first is not None
        else 0.0,
        parts_met=found.parts,
        number_missing=says.numbers_missing(res.question, turn.years, cited, body),
        parts_unmet=two_asks and kind == "indicator" and len(found.indicators) == 1,
    )  # fmt: skip


def relative(xs: Sequence[AnswerFeatures]) -> list[AnswerFeatures]:
    """Each candidate's features with how far it falls behind the turn's best candidate in
    subject coverage and in own-quote coverage: the verifier compares a candidate with its
    rivals, not only with the question."""
    if not xs:
        return []
    best = max(x.coverage for x in xs)
    best_own = max(x.own_coverage for x in xs)
    return [x.with_gaps(best - x.coverage, best_own - x.own_coverage) for x in xs]
