"""The FRA 2016 figures of the 'Romu stāvoklis … (2016)' and 'Romu pieredze … (2016)' boxes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Block
from .model import Domain

DOMAIN_WORDS: dict[str, Domain] = {
    "izglītības": "education",
    "nodarbinātības": "employment",
    "veselības": "health",
    "mājokļu": "housing",
    "diskriminācijas": "discrimination",
}
SUB = "o "
VALUE = r"\d+(?:[.,]\d+)?\s?%"
END_VALUE_RE = re.compile(rf":\s*(?P<v>{VALUE})\s*[;.]?\s*(?:\((?P<bd>[^()]*)\))?\s*$")
PAIR_RE = re.compile(
    rf"^(?P<head>[^()]*,\s*\S+\s+)(?P<a>[^()]*?)\s*\((?P<va>{VALUE})\)\s+vai\s+(?P<b>[^()]*?)\s*\((?P<vb>{VALUE})\)\s*(?P<tail>.*?)$"
)
POPULATION_RE = re.compile(r"\((vecums:[^)]*)\)")
BREAKDOWN_KEYS = {"sievietes": "women", "vīrieši": "men"}


@dataclass(frozen=True)
class RawIndicator:
    domain: Domain
    group_lv: str
    label_lv: str
    value_text: str
    breakdown_texts: dict[str, str]
    population: str | None
    note: str | None
    source_line: str


def number(value_text: str) -> float:
    return float(value_text.replace("%", "").replace(",", ".").strip())


def box_domain(title: str) -> Domain:
    for word, domain in DOMAIN_WORDS.items():
        if word in title:
            return domain
    raise ValueError(f"indicator box title names no known domain: {title!r}")


def _complete(text: str) -> bool:
    if not re.search(VALUE, text):
        return text.rstrip().endswith(":")
    return text.count("(") == text.count(")")


def logical_lines(block: Block) -> tuple[list[str], str | None]:
    """Rejoin wrapped lines; returns the box's items and its '*' note."""
    items: list[str] = []
    note: list[str] = []
    in_note = False
    lines = [ln.text for ln in block.lines[1:]]
    for t in lines:
        if t.startswith("* "):
            in_note = True
            note.append(t[2:].strip())
            continue
        if in_note:
            note.append(t)
            continue
        if items and not _complete(items[-1]) and not t.startswith(SUB):
            items[-1] = f"{items[-1]} {t}"
            continue
        items.append(t)
    return items, (" ".join(note) if note else None)


def parse_box(block: Block) -> list[RawIndicator]:
    title = block.lines[0].text
    domain = box_domain(title)
    items, note = logical_lines(block)
    out: list[RawIndicator] = []
    group = ""
    group_pop: str | None = None
    group_note: str | None = None
    for i, text in enumerate(items):
        is_sub = text.startswith(SUB)
        body = text[len(SUB) :].strip() if is_sub else text.strip()
        nxt_is_sub = i + 1 < len(items) and items[i + 1].startswith(SUB)
        if not is_sub and nxt_is_sub and not END_VALUE_RE.search(body):
            group = body.rstrip(":").strip()
            pm = POPULATION_RE.search(group)
            group_pop = pm.group(1) if pm else None
            group_note = note if group.endswith("*") else None
            continue
        if not is_sub:
            group, group_pop, group_note = "", None, None
        out.extend(_indicators(domain, group, body, group_pop, group_note, text))
    return out


def _indicators(
    domain: Domain, group: str, body: str, group_pop: str | None, note: str | None, source: str
) -> list[RawIndicator]:
    pair = PAIR_RE.match(body)
    if pair and not END_VALUE_RE.search(body):
        head, tail = pair["head"], pair["tail"].strip()
        labels = [f"{head}{pair['a']} {tail}".strip(), f"{head}{pair['b']} {tail}".strip()]
        return [
            RawIndicator(domain, group, re.sub(r"\s+", " ", lab), v, {}, group_pop, note, source)
            for lab, v in zip(labels, (pair["va"], pair["vb"]), strict=True)
        ]
    m = END_VALUE_RE.search(body)
    if not m:
        raise ValueError(f"indicator line without a figure: {source!r}")
    label = re.sub(r"\s+", " ", body[: m.start()]).strip()
    breakdowns: dict[str, str] = {}
    for part in (m["bd"] or "").split(","):
        key, _, val = part.partition(":")
        if key.strip() in BREAKDOWN_KEYS and re.fullmatch(VALUE, val.strip()):
            breakdowns[BREAKDOWN_KEYS[key.strip()]] = val.strip()
    pm = POPULATION_RE.search(label)
    population = pm.group(1) if pm else group_pop
    return [RawIndicator(domain, group, label, m["v"], breakdowns, population, note, source)]
