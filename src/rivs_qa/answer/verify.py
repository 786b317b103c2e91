"""Does an answer fit its question? A small learned model's probability, and the features
it reads. Pure: no I/O but ``Verifier.load``/``save``; at answer time the model is a sum of
tree leaves (``answer/forest.py``), no language model.

The features describe one composed answer against its question (``AnswerFeatures``): what
kind of answer it is, how much of the question's subject (IDF-weighted lemma keys, frame
words and the domain word out) the answer's own cited units contain, the rarest subject word
they lack, how much of the subject the report has nowhere, whether the question asks for a
number or countries and the answer gives them, negation, year, the retrieval scores. Every
candidate answer of a question (``answer/candidates.py``) is described this way; gradient-
boosted trees over the features (scikit-learn, ``evaluation/verifier_train.py``; several
bagged models, their log-odds averaged into one sum) are trained
on labelled (question, candidate, right?) cases and saved as plain JSON;
``Verifier.p_right`` applies them. The service keeps the most probable candidate, and refuses
when even that one is below the saved threshold (chosen for precision on held-out
questions).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, PrivateAttr

from rivs_qa.answer.forest import Forest
from rivs_qa.errors import ReportFormatError

#: The answer kinds, one-hot in the features.
KINDS = (
    "indicator",
    "table_row",
    "overview",
    "footnote",
    "approach",
    "extractive",
    "list",
    "section",
)

#: The kinds that quote the report's prose.
PROSE = ("extractive", "list", "section")


@dataclass(frozen=True)
class AnswerFeatures:
    kind: str
    followup: bool
    subject_keys: int  # distinct subject keys of the question
    coverage: float  # IDF share of the subject keys found in the answer's own cited units
    missing_max_idf: float  # highest IDF among subject keys those units lack, / log N
    unknown_share: float  # IDF-free share of subject keys the report has nowhere
    support: float  # best summed IDF of subject keys in one of the first hits, / log N
    asks_number: bool
    gives_number: bool
    asks_countries: bool
    gives_countries: bool
    names_countries: bool  # the question names countries
    countries_matched: float  # share of them the answer's facts or cited units name
    dense_top: float  # cosine of the best hit
    margin: float  # fused score of hit 1 minus hit 2
    rule_pick: bool  # the structured lookup's own pick (or the prose answer when it has none)
    own_coverage: float  # IDF share of the subject keys in the answer's own quoted words
    year_missing: bool  # the question names a year its cited units never mention
    negated: bool  # the question asks with a negation or exception ("did not", "izņemot")
    negation_unmet: bool  # … and the answer's own words carry none
    hit_rank: float  # place of the answer's best-placed cited passage among the hits, / hits
    n_facts: int  # figures, rows, footnotes or approaches the answer states
    number_unmet: bool  # the question asks for a number (not yes/no) and the answer gives none
    countries_unmet: bool  # the question asks which countries and the answer names none
    turn_coverage: float  # coverage of the subject words this turn itself brings
    dense_own: float  # dense score of the answer's first cited passage
    section_coverage: float  # coverage of the subject by that passage's section titles
    parts_met: bool  # two figures, one for each ask of a question that joins two
    parts_unmet: bool  # one figure for a question that joins two asks
    number_missing: float  # share of the question's numbers (years aside) the answer lacks
    asks_measures: bool  # the question asks how many measures (a table's count)
    asks_reason: bool  # the question asks why, or how something should be done
    group_unmet: bool  # the question names the enlargement countries; the answer never does
    person_unmet: bool  # the question asks for a person; the answer names none
    money_unmet: bool  # the question asks for an amount of money; the answer gives none
    which_unmet: bool  # the question asks which countries in so many words; the answer names none
    measures_unmet: bool  # the question asks how many measures; the answer counts none
    facet_conflict: bool  # asks achievements (challenges); the answer's words name only the other
    share_unmet: bool = False  # asks a share in so many words; a row, list or footnote (rule only)
    quotes_figure: bool = False  # prose built from a survey figure's passage (rule only)
    quotes_item: bool = False  # … from a table row's or an approach's passage (rule only)
    total_unmet: bool = False  # asks a total; gives an item of a box with one (rule only)
    approach_unmet: bool = False  # asks approaches or priorities; gives a row or figure (rule only)
    area_unmet: bool = False  # frames one policy area; a country list from another's (rule only)
    figure_unasked: bool = False  # a survey figure for a question asking none (rule only)
    figure_unmet: bool = False  # a survey figure; the question names a part none names (rule only)
    part_unmet: bool = False  # prose never saying the part no figure names (rule only)
    unlisted_unmet: bool = False  # a country's count of measures; a row not listing it (rule only)
    examples_unmet: bool = False  # a count asked; a footnote listing examples only (rule only)
    compared_unmet: bool = False  # a comparison asked; the other side unsaid (rule only)
    coverage_gap: float = 0.0  # the best coverage among the turn's candidates minus this one's
    own_gap: float = 0.0  # the same for own_coverage

    def with_gaps(self, coverage_gap: float, own_gap: float) -> AnswerFeatures:
        """A copy with ``coverage_gap`` and ``own_gap`` set: ``dataclasses.replace`` without
        passing every other field through ``__init__`` again (a turn copies each of its
        candidates' features once)."""
        copy = object.__new__(AnswerFeatures)
        copy.__dict__.update(self.__dict__, coverage_gap=coverage_gap, own_gap=own_gap)
        return copy

    @property
    def unmet(self) -> tuple[str, ...]:
        """The names of the rules this answer breaks, most telling first; the first is the
        refusal's reason when no candidate keeps them all (``refusals.abstain_answer``)."""
        return tuple(name for name, broken in self.rules() if broken)

    @property
    def answers_turn(self) -> bool:
        return not self.unmet

    def rules(self) -> tuple[tuple[str, bool], ...]:
        """Each rule an answer must keep to answer its turn, and whether this one breaks it;
        the rules on the kind of answer asked for come before those on its subject:
        - ``year_unmet``: its passages never mention a year the question names;
        - ``money_unmet``, ``person_unmet``: no amount of money, no person, when asked for;
        - ``share_unmet``: a share asked in so many words ("procentos", "what share") is
          not given by a table row, a country list or approaches (they count measures),
          nor by a quote of prose that states no share;
        - ``measures_unmet``: no count of measures when asked how many measures;
        - ``which_unmet``: no country when asked which countries in so many words ("kuras
          valstis", "which member states"; "where" alone is often where people live);
        - ``number_unmet``: no number when asked how many or how much;
        - ``total_unmet``: one item of a box that has a total line, when asked for a total
          ("kopumā", "in total");
        - ``approach_unmet``: a table row, a survey figure or a footnote's country list
          (countries that reported an achievement or a challenge), when asked for the
          report's promising approaches or priorities;
        - ``group_unmet``: it never names the enlargement countries the question asks about;
        - ``country_unmet``: it names none of the countries the question names ("Who is
          Latvia's contact point?" answered by a passage on contact points in general);
        - ``reason_unmet``: a why or how-should question gets only a quote of the report's
          prose (a figure, a row, a country list, an approach is no reason, nor a quote of
          a figure's, a row's or an approach's own passage);
        - ``facet_unmet``: words naming only challenges for a question about achievements
          (or the other way round);
        - ``figure_unmet``: a survey figure (or a quote of its box), for a question naming a
          part of the figure's area that no figure of the report names ("pirmsskolas
          izglītība", "unemployment"): the figure of a neighbouring part is no answer;
        - ``part_unmet``: a quote of prose that never says such a part ("life expectancy"
          answered by a sentence on the FRA's data);
        - ``figure_unasked``: a survey figure alone, for a first question that asks what
          the report (or the Commission) says and asks no figure (no "how many", no share,
          no word for figures or the survey): "What does the report recommend on school
          segregation?";
        - ``area_unmet``: a footnote's country list from another policy area's section, for
          a question that names its area in so many words ("nodarbinātības jomā"): similar
          footnotes ("… minēja problēmas …") recur from area to area; or a passage of a
          section of no area that never says the area the question names;
        - ``unlisted_unmet``: a table row that does not list the country whose measures
          the question counts ("How many … did Germany report?"): its count is the other
          countries' measures;
        - ``examples_unmet``: a footnote whose country list gives examples ("Piem., HU, ES,
          LV."), for a question asking how many: the examples are no count;
        - ``compared_unmet``: an answer whose words (the answer's and its quotes') lack a
          subject word of the other side of the comparison the question asks for ("…
          compared with the general population?"): a figure of Roma alone compares them
          with nothing;
        - ``turn_unmet``: a follow-up whose own new words the answer's passages all lack."""
        return (
            ("year_unmet", self.year_missing),
            ("money_unmet", self.money_unmet),
            ("person_unmet", self.person_unmet),
            ("share_unmet", self.share_unmet),
            ("measures_unmet", self.measures_unmet),
            ("which_unmet", self.which_unmet),
            ("number_unmet", self.number_unmet),
            ("total_unmet", self.total_unmet),
            ("approach_unmet", self.approach_unmet),
            ("group_unmet", self.group_unmet),
            ("country_unmet", self.names_countries and self.countries_matched == 0.0),
            (
                "reason_unmet",
                self.asks_reason
                and (self.kind not in PROSE or self.quotes_item or self.quotes_figure),
            ),
            ("facet_unmet", self.facet_conflict),
            ("figure_unmet", self.figure_unmet),
            ("part_unmet", self.part_unmet),
            ("figure_unasked", self.figure_unasked),
            ("area_unmet", self.area_unmet),
            ("unlisted_unmet", self.unlisted_unmet),
            ("examples_unmet", self.examples_unmet),
            ("compared_unmet", self.compared_unmet),
            ("turn_unmet", self.followup and self.turn_coverage == 0.0),
        )

    def vector(self) -> list[float]:
        kinds = [float(self.kind == k) for k in KINDS]
        return kinds + [float(getattr(self, name)) for name in _NUMERIC]

    @staticmethod
    def names() -> list[str]:  # the kinds one-hot, then the numeric fields in order
        return [f"kind={k}" for k in KINDS] + _NUMERIC


#: Fields only ``answers_turn`` reads: a rule, not something the model weighs.
RULE_ONLY = frozenset(
    {
        "share_unmet",
        "quotes_figure",
        "quotes_item",
        "total_unmet",
        "approach_unmet",
        "area_unmet",
        "figure_unasked",
        "figure_unmet",
        "part_unmet",
        "unlisted_unmet",
        "examples_unmet",
        "compared_unmet",
    }
)
_NUMERIC = [
    name for name in AnswerFeatures.__dataclass_fields__ if name != "kind" and name not in RULE_ONLY
]


class Tree(BaseModel):
    """One regression tree of a boosted model, as parallel node arrays: an inner node sends
    a case left when ``feature``'s value is at most ``threshold``; a leaf holds ``value``."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]
    leaf: list[bool]

    def nodes(self) -> list[tuple[int, float, int, int, float, bool]]:
        """(feature, threshold, left, right, value, leaf?) per node."""
        return list(
            zip(self.feature, self.threshold, self.left, self.right, self.value, self.leaf,
                strict=True)
        )  # fmt: skip


class Verifier(BaseModel):
    """A model over ``AnswerFeatures`` and its refusal threshold: gradient-boosted trees
    (``trees``: the log-odds are ``intercept`` plus every tree's leaf) or, without trees, a
    logistic regression over the standardised features (``mean``, ``scale``, ``coef``)."""

    features: list[str]
    mean: list[float] = []
    scale: list[float] = []
    coef: list[float] = []
    intercept: float
    trees: list[Tree] = []
    threshold: float
    #: the bar for a 2016 survey figure (an indicator), when higher: a wrong figure is the
    #: worst answer, so kept figures must be right more often than kept answers overall
    figure_threshold: float | None = None
    trained_on: dict[str, int | float | str] = {}
    _forest: Forest | None = PrivateAttr(None)

    def p_right(self, x: AnswerFeatures) -> float:
        return self.p_right_all([x])[0]

    def p_right_all(self, xs: Sequence[AnswerFeatures]) -> list[float]:
        """``p_right`` of each candidate; the trees take all of them in one pass."""
        if not xs:
            return []
        rows = [x.vector() for x in xs]
        if self.trees:
            if self._forest is None:  # the trees as arrays, built once: read for every answer
                self._forest = Forest.of([tree.nodes() for tree in self.trees])
            zs = [self.intercept + float(t) for t in self._forest.totals(rows)]
        else:
            zs = [
                self.intercept
                + sum(
                    c * (v - m) / (s or 1.0)
                    for c, v, m, s in zip(self.coef, values, self.mean, self.scale, strict=True)
                )
                for values in rows
            ]
        return [1.0 / (1.0 + math.exp(-z)) for z in zs]

    def threshold_for(self, x: AnswerFeatures) -> float:
        """The probability ``x`` must reach to be answered: a survey figure, stated or
        quoted from its box, must reach the figure bar."""
        if (x.kind == "indicator" or x.quotes_figure) and self.figure_threshold is not None:
            return max(self.threshold, self.figure_threshold)
        return self.threshold

    def accepts(self, x: AnswerFeatures) -> bool:
        return self.p_right(x) >= self.threshold_for(x)

    @classmethod
    def load(cls, path: Path) -> Verifier | None:
        """The saved model, or None when there is none (answers are then not gated)."""
        if not path.is_file():
            return None
        try:
            model = cls.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ReportFormatError(f"verifier file {path} is malformed: {exc}") from None
        if model.features != AnswerFeatures.names():
            raise ReportFormatError(
                f"verifier file {path} was trained on other features; retrain it "
                "(rivs-qa verifier train)"
            )
        return model

    def save(self, path: Path) -> None:
        """One line per field, and one per tree: a retrained model diffs line by line."""
        data = self.model_dump()
        trees = data.pop("trees")
        body = [f" {json.dumps(k)}: {json.dumps(v)}" for k, v in data.items()]
        body.append(' "trees": [\n' + ",\n".join(f"  {json.dumps(t)}" for t in trees) + "\n ]")
        path.write_text("{\n" + ",\n".join(body) + "\n}\n", encoding="utf-8")
