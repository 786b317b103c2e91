"""answer/tokens.py: a text's tokens, kept per text, and what term sets found in them."""

from __future__ import annotations

from rivs_qa.answer.tokens import Token, tokenize
from rivs_qa.answer.vocab import TermSet


def test_tokens_fold_and_keep_their_places() -> None:
    tokens = tokenize("Cik % romu bērnu, Ģimenē?")
    assert [t.folded for t in tokens] == ["cik", "%", "romu", "bernu", "gimene"]
    assert tokens[3] == Token("bērnu", "bernu", 11, 16)
    assert tokenize("Cik % romu bērnu, Ģimenē?") is tokens  # kept per text
    assert tokens.starts == {"cik": [0], "%": [1], "rom": [2], "ber": [3], "gim": [4]}


def test_a_term_set_finds_the_same_spans_again_and_hands_out_copies() -> None:
    terms = TermSet.parse(["romu bērn*", "ģimen*"], exclude=["bērnu ģimene"])
    tokens = tokenize("romu bērnu ģimenē un romu bērni")
    first = terms.spans(tokens)
    assert first == [(4, 6)]  # "bērnu ģimenē" overlaps "romu bērnu" and "ģimenē": both out
    first.append((9, 9))
    assert terms.spans(tokens) == [(4, 6)]
    other = TermSet.parse(["un"])
    assert other.spans(tokens) == [(3, 4)]  # another set is not handed the first one's
    assert terms.spans(list(tokens)) == [(4, 6)]  # a plain list reads the same
