"""One candidate's verifier features for tests: a plain extractive answer that covers the
question, with the fields a test cares about changed."""

from __future__ import annotations

from typing import Any

from rivs_qa.answer.verify import AnswerFeatures


def answer_features(**changes: Any) -> AnswerFeatures:
    base: dict[str, Any] = dict(
        kind="extractive", followup=False, subject_keys=3, coverage=1.0, missing_max_idf=0.0,
        unknown_share=0.0, support=0.5, asks_number=False, gives_number=False,
        asks_countries=False, gives_countries=False, names_countries=False,
        countries_matched=0.0, dense_top=0.85, margin=0.1, rule_pick=False, own_coverage=1.0,
        year_missing=False, negated=False, negation_unmet=False, hit_rank=0.0, n_facts=0,
        number_unmet=False, countries_unmet=False, turn_coverage=1.0, dense_own=0.85,
        section_coverage=0.0, parts_met=False, parts_unmet=False, number_missing=0.0, asks_measures=False, asks_reason=False, group_unmet=False, person_unmet=False, money_unmet=False, which_unmet=False, measures_unmet=False, facet_conflict=False, share_unmet=False,
    )  # fmt: skip
    return AnswerFeatures(**{**base, **changes})
