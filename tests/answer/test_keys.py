"""KeyIndex.keys_in_both: the keys of what an answer says, read as Latvian and as English,
the same whether a text was keyed at warm-up or is keyed when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.text import split_sentences


@pytest.mark.slow
def test_keys_in_both_are_the_same_before_and_after_warm_up(real_index_dir: Path) -> None:
    from rivs_qa.answer.keys import KeyIndex
    from rivs_qa.answer.vocab import load_vocab
    from rivs_qa.config import get_settings
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    chunk = next(c for c in engine.chunks if c.text_en and len(split_sentences(c.text)) > 1)
    texts = [chunk.text, split_sentences(chunk.text)[1], chunk.text_en or "", "romu bērni"]

    def expected(index: KeyIndex) -> set[str]:
        return {k for t in texts for lang in ("lv", "en") for k in index.keys(t, lang)}

    cold = KeyIndex(report, engine, load_vocab())
    before = cold.keys_in_both(texts)
    warm = KeyIndex(report, engine, load_vocab())
    warm.warm_up()
    after = warm.keys_in_both(texts)
    assert before == after == expected(cold)
    # both languages count: a Latvian quote's keys and its English translation's
    assert set(cold.keys(chunk.text, "lv")) < after
    assert set(cold.keys(chunk.text_en or "", "en")) < after
