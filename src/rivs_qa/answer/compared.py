"""The other side of a comparison a question asks for: "How does Roma trust in the police
compare with trust among the general population?", "… salīdzinājumā ar vīriešiem?". Pure.

An answer to a comparison speaks of both sides. The report gives figures for Roma only, so a
survey figure of Roma, quoted alone, answers no comparison with a group the report never
speaks of; it does answer one with a group its breakdown names ("women 72 %, men 55 %").
"""

from __future__ import annotations

import re

#: A comparison's cue, English or Latvian; what follows it is the other side.
_CUE = re.compile(
    r"\b(?:compar(?:e|es|ed|ing)\s+(?:with|to|against)|compared\b|in\s+comparison\s+(?:with|to)"
    r"|relative\s+to|versus|vs\.?|salīdzin\w*\s+ar|salīdzinājumā|salidzin\w*\s+ar)\s+",
    re.IGNORECASE,
)


def sides(question: str) -> tuple[str, str] | None:
    """The question up to its last comparison cue, and the words after the cue up to the end
    of its sentence (the other side); ``None`` when it compares nothing in so many words."""
    cues = list(_CUE.finditer(question))
    if not cues:
        return None
    end = cues[-1].end()
    rest = re.split(r"[?!.;]", question[end:], maxsplit=1)[0].strip()
    return (question[:end], rest) if rest else None
