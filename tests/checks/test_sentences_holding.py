"""The sentences holding a word, as the link and agency checks read them: the same sentences `sentence_spans`
cuts, found around the places the words stand."""
from linter.checks.context import sentence_spans, sentences_holding

TEXT = "本报告电子版可在门户网站查阅。\n  政府信息公开专栏；指南栏目见首页！其他内容\n末句无栏目"


def _held_by_cutting(s: str, words: list[str]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in sentence_spans(s) if any(w in s[a:b] for w in words)]


def test_the_sentences_holding_a_word_are_the_cut_sentences_that_hold_it():
    for words in (["栏目"], ["专栏", "栏目"], ["查阅"], ["门户", "首页"], ["其他"], ["末句"], ["无此词"]):
        assert sentences_holding(TEXT, words) == _held_by_cutting(TEXT, words), words


def test_a_sentence_is_named_once_however_many_words_it_holds():
    assert [TEXT[a:b] for a, b in sentences_holding(TEXT, ["指南", "栏目", "首页"])] == ["指南栏目见首页！", "末句无栏目"]


def test_no_word_or_an_empty_word_stands_in_every_sentence():
    assert sentences_holding(TEXT, []) == sentence_spans(TEXT)
    assert sentences_holding(TEXT, ["", "栏目"]) == sentence_spans(TEXT)


def test_a_word_across_a_break_is_found_in_no_sentence_and_a_blank_only_in_the_sentences_holding_it():
    assert sentences_holding(TEXT, ["查阅。"]) == [(0, 15)]
    assert sentences_holding(TEXT, ["阅。\n"]) == []
    assert sentences_holding("甲 乙。丙丁。", [" "]) == [(0, 4)]


def test_a_text_holding_the_words_everywhere_gives_the_same_sentences():
    text = "子栏目见首页。专栏。\n无关的话；" * 300
    assert sentences_holding(text, ["栏目", "专栏"]) == _held_by_cutting(text, ["栏目", "专栏"])
