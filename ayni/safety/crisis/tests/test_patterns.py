"""The rule language and the shortcut that skips rules which cannot match."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.safety.crisis.detector import _COMPILED, _NEEDS
from ayni.safety.crisis.evaluation import corpus_files, load
from ayni.safety.crisis.patterns import compile_rule, necessary_strings, squeeze
from ayni.safety.crisis.text import fold


def test_letters_may_repeat_and_words_must_be_whole():
    rule = compile_rule("(i )?want to die")
    assert rule.search("i want to dieeee")
    assert rule.search("I WANT TO DIE".lower())
    assert rule.search("i want to diet") is None


def test_a_skipped_optional_word_leaves_one_space_to_match():
    rule = compile_rule("(he|she) doesn't want to live (anymore)?")
    assert rule.search("she doesn't want to live since mom died")
    assert rule.search("he doesnt want to live anymore")


def test_a_strict_gap_never_crosses_into_a_new_clause():
    rule = compile_rule("quiero ^5 morir")
    assert rule.search("quiero de verdad morir")
    assert rule.search("quiero ir al funeral de mi abuelo que acaba de morir") is None


def test_squeeze_reduces_runs():
    assert squeeze("killlll meee") == "kil me"


def test_every_match_in_the_corpus_contains_one_of_its_rule_strings():
    texts = [row["text"] for prefix in ("dev", "heldout")
             for path in corpus_files(prefix).values() for row in load(path)]
    for text in texts:
        folded = fold(text)
        squeezed = squeeze(folded)
        for (rule, pattern), needs in zip(_COMPILED, _NEEDS, strict=True):
            if needs is not None and pattern.search(folded):
                assert any(needed in squeezed for needed in needs), (rule.pattern, text)


_WORDS = sorted({
    word
    for prefix in ("dev",)
    for path in corpus_files(prefix).values()
    for row in load(path)
    for word in fold(row["text"]).split()
})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12), st.integers(0, 2**32))
def test_shuffled_corpus_words_never_match_a_rule_without_its_strings(words, seed):
    generator = random.Random(seed)
    stretched = [
        "".join(char * generator.choice((1, 1, 2, 3)) for char in word) for word in words
    ]
    text = " ".join(stretched)
    squeezed = squeeze(text)
    for (rule, pattern), needs in zip(_COMPILED, _NEEDS, strict=True):
        if needs is not None and pattern.search(text):
            assert any(needed in squeezed for needed in needs), (rule.pattern, text)


def test_most_rules_have_strings_to_skip_on():
    assert sum(needs is not None for needs in _NEEDS) >= 0.9 * len(_NEEDS)
    assert necessary_strings(compile_rule("(kill|murder) (him|her)")) == {"kil", "murder"}
