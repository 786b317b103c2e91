"""A follow-up that names another figure of the last answer's box: "Cik procentu romu ir
piedzīvojuši diskrimināciju, meklējot darbu?" then "Bet darbā?"; "… tap water inside the
dwelling?" then "And an indoor toilet?".

The box's figures share the heading and differ in their own words ("meklējot darbu" /
"darbā"). A follow-up's own words that name a sibling's own words better than the last
figure's switch to that sibling: :func:`follow` resolves such a follow-up as a question
about that figure (two figures for "… at work? and in shops?"); :func:`switch` is the pure
choice, the words coming in as keys.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from rivs_qa.answer.conversation import ConversationState, Resolution, about_figure
from rivs_qa.answer.intent import QuestionFeatures
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.select import ask_parts
from rivs_qa.report.model import Indicator

#: How much of ``subject``'s weight ``keys`` cover (0-1), as the verifier's coverage reads it.
Cover = Callable[[Collection[str], Collection[str]], float]


def about_figure_asked(f: QuestionFeatures, last: ConversationState) -> bool:
    """Whether a follow-up (read as ``f``) may ask about another figure of the last turn's
    box: it asks for a share, or a bare "cik" ("un cik ir ar tualeti?"), or, after an answer
    that gave a figure, nothing else ("… rent or buy housing?" then "what about at work?")."""
    return (
        f.wants_statistic
        or (f.wants_count and f.count_target is None)
        or (last.indicator_id is not None and not f.wants_countries and not f.wants_count)
    )


def switch(
    indicators: Mapping[str, Indicator],
    previous: str | None,
    brought: Collection[str],
    keys_of: Callable[[Indicator], set[str]],
    cover: Cover,
) -> Indicator | None:
    """The sibling of figure ``previous`` that the follow-up's own words (``brought``) name
    best, when it is named better than ``previous`` itself; else None. A figure is named by
    how much of the follow-up's words its label covers, plus how much of its own words (the
    label words its siblings do not all share) the follow-up covers."""
    last = indicators.get(previous or "")
    if last is None or not brought:
        return None
    # the box: the heading's lines, and the lines standing alone in the same section's box
    # ("… rent or buy housing?" then "… and how many reported the incident?"; "… NEET …?"
    # then "and what share … were in paid work?")
    box = [
        i
        for i in indicators.values()
        if (last.group_lv and i.group_lv == last.group_lv)
        or (not i.group_lv and i.section_id == last.section_id)
    ]
    if len(box) < 2:
        return None
    label_keys = {i.id: keys_of(i) for i in box}
    shared = set.intersection(*label_keys.values())

    def named(i: Indicator) -> tuple[float, float]:
        own = label_keys[i.id] - shared
        return cover(brought, label_keys[i.id]), cover(own, brought) if own else 0.0

    scores = {i.id: named(i) for i in box}
    best = max(box, key=lambda i: sum(scores[i.id]))
    if best is last or scores[best.id][0] == 0.0:
        return None
    return best if sum(scores[best.id]) > sum(scores[last.id]) else None


def follow(
    res: Resolution, last: str | None, indicators: Mapping[str, Indicator], index: KeyIndex
) -> Resolution:
    """``res``, or, when the follow-up's own words name another figure (or two) of the last
    answer's box better than that answer's figure, a question about that figure (or two)."""

    previous = indicators.get(last or "")
    lone = previous is not None and not previous.group_lv
    if lone and (res.features.names_gender or res.features.countries):
        return res  # "and for women?" asks the line's own breakdown, not another line

    def label_keys(ind: Indicator) -> set[str]:
        return set(index.keys(ind.label_lv, "lv")) | set(index.keys(ind.label_en, "en"))

    def named(text: str) -> Indicator | None:
        own = index.content_keys(text, res.lang)
        return switch(
            indicators, last, own, label_keys,
            lambda a, b: index.subject_weights.features(set(a), set(b))[0],
        )  # fmt: skip

    parts = ask_parts(res.original)
    if parts is not None:  # "… at work? and in shops?": a figure for each
        first, second = (named(part) for part in parts)
        if first is not None and second is not None and first is not second:
            return about_figure(res, first, second)
    sibling = named(res.original)
    return res if sibling is None else about_figure(res, sibling)
