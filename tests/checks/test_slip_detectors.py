"""The slip detectors' mechanisms: the lexicon they compare with, character readings, edits, and what each detector
leaves alone (the rules' own examples are run by test_rule_examples.py)."""
from __future__ import annotations

import pytest

from conftest import lint_text
from linter.checks.lexicon import SOURCES, lexicon, strip_ordinal
from linter.language import pinyin
from linter.language.edits import Edit, alignment, single_edit
from linter.resources import builtin_ruleset

HEAD = "某县人民政府\n2023年政府信息公开工作年度报告\n"


def rules_found(text: str, *rules: str) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.message) for f in lint_text(text, select=list(rules)).findings]


# ── the lexicon is data built from the rule set ────────────────────────────────────────────────────────────

@pytest.mark.parametrize("source,phrase", [
    ("sections", "存在的主要问题及改进情况"),        # grammar/sections.yaml
    ("tables", "现行有效件数"),                       # tables/layout.py
    ("tables", "本列数据的勾稽关系为"),               # the header of 表三
    ("dictionary", "勾稽关系"),                       # rules/dict/gov.txt
    ("rules", "人大代表建议"),                        # a required rule's words
    ("rules", "中华人民共和国政府信息公开条例"),       # a regulation's full name, and a document cited in basis
    ("rules", "政府信息公开信息处理费管理办法"),
])
def test_the_lexicon_takes_each_phrase_from_its_source(source, phrase):
    assert phrase in lexicon(str(builtin_ruleset()), (source,), 4).phrases
    others = tuple(s for s in SOURCES if s != source)
    assert phrase not in lexicon(str(builtin_ruleset()), others, 4).phrases or source in ("rules", "dictionary")


def test_the_lexicon_leaves_out_numerals_and_short_runs():
    phrases = lexicon(str(builtin_ruleset()), SOURCES, 4).phrases
    assert not any(set(p) & set("一二三四五六七八九十") for p in phrases)
    assert min(map(len, phrases)) == 4
    assert strip_ordinal("三、（二）1.部分公开") == "部分公开"


# ── readings and edits ────────────────────────────────────────────────────────────────────────────────────

def test_homophones_share_a_reading_tones_ignored():
    assert pinyin.homophones("行", "形") and pinyin.homophones("勾", "构")
    assert not pinyin.homophones("公", "开") and not pinyin.homophones("行", "行")
    assert pinyin.sound_key("现形有效") == pinyin.sound_key("现行有效") != pinyin.sound_key("现存有效")


def test_a_sound_key_is_the_same_before_and_after_a_process_makes_its_table_of_code_points(monkeypatch):
    every = "".join(map(chr, range(0x11000)))  # every character of the table and past it, surrogates too
    monkeypatch.setattr(pinyin, "_codes", None)
    monkeypatch.setattr(pinyin, "_translated", 0)
    short = pinyin.sound_key(every[:100])
    assert pinyin._codes is None  # a short text is translated by the table of characters
    by_characters = every.translate(pinyin.sound_table())
    assert pinyin.sound_key(every) == by_characters and pinyin._codes is not None
    assert pinyin.sound_key(every) == by_characters and short == by_characters[:100]
    assert pinyin.sound_key("现形有效") == pinyin.sound_key("现行有效") != pinyin.sound_key("现存有效")


def test_without_the_readings_nothing_sounds_alike(monkeypatch):
    monkeypatch.setattr(pinyin, "_table_path", lambda: None)
    pinyin._table.cache_clear()
    try:
        assert not pinyin.homophones("行", "形")
        assert rules_found(f"{HEAD}一、总体情况\n严格核对统计数据的构稽关系。\n", "WORDING-NEAR-MISS") == []
    finally:
        pinyin._table.cache_clear()


def test_edits_between_a_slip_and_the_right_text():
    assert single_edit("构稽关系", "勾稽关系") == Edit("sub", 0, "构", "勾")
    assert single_edit("行政法复议", "行政复议") == Edit("ins", 2, "法", "")
    assert single_edit("监管理局", "监督管理局") == Edit("del", 1, "", "督")
    assert single_edit("勾稽关系", "勾稽关系") is None and single_edit("予以", "予以公开") is None
    assert alignment("市场监管局", "市场监督管理局") == [Edit("del", 3, "", "督"), Edit("del", 5, "", "理")]
    assert alignment("市场局", "市场监督管理局") is None


# ── near-misses of the lexicon ─────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("prose", [
    "对符合条件的申请予以公布。",          # another sound: another word
    "全年收取信息处理费用0元。",           # a term extended at its end
    "收到处理政府信息公开申请情况良好。",  # a light character dropped
    "其它处理的申请1件。",                 # 其它 is WORDING-QITA's to report
    "政府信息公開工作穩步推進。",           # a traditional form: the other script, not a slip
])
def test_a_near_miss_that_is_other_wording_is_not_reported(prose):
    assert rules_found(f"{HEAD}一、总体情况\n{prose}\n", "WORDING-NEAR-MISS") == []


def test_a_slip_is_reported_once_with_a_fix_when_one_phrase_explains_it():
    result = lint_text(f"{HEAD}一、总体情况\n本年度未收取信息处里费。\n", select=["WORDING-NEAR-MISS"])
    (finding,) = result.findings
    assert "信息处理费" in finding.message and finding.fix["replacement"] == "信息处理费"


def test_a_table_label_with_a_character_dropped_is_found_in_its_cell():
    table = ("二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效数 |\n|---|---|---|---|\n"
             "| 规章 | 0 | 0 | 0 |\n")
    found = rules_found(f"{HEAD}{table}", "WORDING-NEAR-MISS")
    assert [(rule, line) for rule, line, _ in found] == [("WORDING-NEAR-MISS", 5)] and "少了“件”" in found[0][2]
    cut_short = table.replace("现行有效数", "现行有效件")  # a label cut at its end is other wording
    assert rules_found(f"{HEAD}{cut_short}", "WORDING-NEAR-MISS") == []


def test_a_picture_table_is_not_searched_for_slips():
    assert rules_found(f"{HEAD}二、主动公开政府信息情况\n[image: 表二.jpg]\n", "WORDING-NEAR-MISS") == []


# ── the agency's own name ──────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("mention,reported", [
    ("某某市市场监管理局", True),          # 督 dropped
    ("某某市市场监督管里局", True),        # 理 written 里
    ("某某市市场监管局", False),           # the official short form
    ("市场监督管理局", False),             # without its city
    ("某某市市场监督管理局办公室", False),  # an office of the agency
    ("某某市市场监督管理处", False),       # another body: 处 does not sound like 局
])
def test_the_agency_name_in_the_closing(mention, reported):
    text = f"某某市市场监督管理局\n2023年政府信息公开工作年度报告\n六、其他需要报告的事项\n无。\n\n{mention}\n2024年1月20日\n"
    found = rules_found(text, "WORDING-AGENCY-NAME")
    assert bool(found) == reported
    if reported:
        assert found[0][1] == 6 and "第1行" in found[0][2]


# ── enumerations ──────────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("body,lines", [
    ("一是加强培训，二是完善制度，三是强化监督。", []),
    ("一是加强培训，三是完善制度。", [2]),
    ("一是加强培训，二是完善制度，二是强化监督。", [2]),
    ("存在问题：一是培训不足，二是制度不全。改进措施：一是加强培训。", []),
    ("（一）主动公开\n1.规范流程。\n2.按时答复。\n（二）依申请公开\n1.规范流程。\n3.按时答复。", [7]),
    ("按照第二十条第（五）项和第（六）项，第一时间公开，统一是基本要求。", []),
    ("二是完善制度，三是强化监督。", []),   # a list that does not start at 1
    # a crawled table whose cells ran together: an ordinal after a number is not read as an item
    ("（三）不予公开 1.属于国家秘密 0 0 0 2.其他法律行政法规禁止公开 000 3.危及安全 0 0 4.保护第三方合法权益 1 0", []),
    ("问题如下。 1.培训不足。 3.制度不全。", [2]),
    # circled ordinals: '①'.isdigit() is true in Python, so they once reached int() and crashed the check
    ("①加强培训；②完善制度；③强化监督。", []),
    ("①加强培训；②完善制度；④强化监督。", [2]),
])
def test_enumerations(body, lines):
    found = rules_found(f"{HEAD}五、存在的主要问题及改进情况\n{body}\n", "WORDING-ENUM-ORDER")
    assert [line - 2 for _, line, _ in found] == lines


def test_an_ordinal_style_matches_as_its_one_pattern_would():
    """Each style is matched in two parts (at the paragraph's start, after a lead character) for speed; the
    matches are those of the one pattern `(?:^|lead)ordinal`, in the same order, on any text."""
    import re

    from hypothesis import example, given, settings, strategies as st

    from linter.checks.enumeration import STYLES

    arabic_lead = r"(?:^|[，。；：:、！？（(“”‘’\"]\s*|(?<=[^\d\s])\s+)"  # the Arabic lead as one alternation
    whole = {name: re.compile((arabic_lead if name == "arabic" else f"(?:^|{style.lead})") + style.body)
             for name, style in STYLES.items()}
    texts = st.text(alphabet=st.sampled_from(list("一二是第，：（） 12.\n①中")), max_size=16)

    @settings(max_examples=1500, deadline=None)
    @given(texts)
    @example("问题 1 2.中 3.中")      # a space after a number leads no Arabic ordinal, after a character it does
    @example("第一，第二，（一）①")    # a lead a match ended with is not the next one's
    def agree(text):
        for name, style in STYLES.items():
            spans = [(m.span(), m.span("n")) for m in style.finditer(text)]
            assert spans == [(m.span(), m.span("n")) for m in whole[name].finditer(text)], name

    agree()


# ── doubled sequences, addresses, citations ───────────────────────────────────────────────────────────────

@pytest.mark.parametrize("prose,reported", [
    ("主动公开科研项目项目管理信息。", True),
    ("规范资金资金使用。", False),            # two whole equal words: WORDING-DOUBLED-WORD's
    ("有问题要研究研究。", False),            # a reduplication in the allow list
    ("把任务一个一个落实。", False),          # numerals
])
def test_doubled_sequences(prose, reported):
    assert bool(rules_found(f"{HEAD}一、总体情况\n{prose}\n", "WORDING-DOUBLED-SEQ")) == reported


@pytest.mark.parametrize("address,reported", [
    ("https//www.example.gov.cn", True), ("http:/www.example.gov.cn", True), ("http:www.example.gov.cn", True),
    ("http：//www.example.gov.cn", True), ("www。example.gov.cn", True), ("www.example。gov.cn", True),
    ("https://www.example.gov.cn", False), ("www.example.gov.cn", False),
])
def test_web_addresses(address, reported):
    text = f"{HEAD}本报告电子版可在门户网站（{address}）下载。\n一、总体情况\n"
    assert bool(rules_found(text, "WORDING-URL-MALFORMED")) == reported


@pytest.mark.parametrize("notice,year,reported", [
    ("关于做好2022年政府信息公开工作年度报告编制发布工作的通知", 2023, True),
    ("关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", 2023, False),
    ("关于做好2024年政府信息公开工作年度报告编制和发布工作的通知", 2023, False),   # named by the year of issue
    ("关于做好2026年政府信息公开工作年度报告编制和发布工作的通知", 2023, True),
])
def test_the_notice_cited_in_the_opening(notice, year, reported):
    text = f"某县人民政府\n{year}年政府信息公开工作年度报告\n根据《{notice}》要求，编制本报告。\n一、总体情况\n"
    found = rules_found(text, "CITE-NOTICE-YEAR")
    assert bool(found) == reported
    if reported:
        assert notice[4:8] in found[0][2] and str(year) in found[0][2]


# ── a stray character inside a fixed term, in running text ────────────────────────────────────────────────────

@pytest.mark.parametrize("prose,found", [
    ("严格核对统计数据的勾稽关联系。", "勾稽关联系"),        # 联 takes 系 into 联系: 勾/稽/关 left alone
    ("主动公开行政规范性文明件。", "行政规范性文明件"),      # 文明 leaves 件 alone
    ("全面推进政府信息办公开工作。", "政府信息办公开工作"),  # 办 alone beside 公, with which it makes 办公
    ("含上年度结转申请34件。", None),                      # 度 makes 上年 into 上年度: other wording
    ("做好依法申请公开工作。", None),                      # 依法 reads as a word, nothing left alone
    ("对不予以公开的申请说明理由。", None),                # 以 is a preposition: never stray
    ("确保政府信息应公开尽公开。", None),                  # an auxiliary verb
    ("本年度未收取信息处理经费。", None),                  # 经费 reads as a word: another phrase
    ("通过政府信息网公开。", None),                        # 网 makes no word with 息 or 公: other wording
])
def test_a_stray_character_inside_a_fixed_term_in_running_text(prose, found):
    findings = rules_found(f"{HEAD}一、总体情况\n{prose}\n", "WORDING-NEAR-MISS", "WORDING-PHRASE-SLIP")
    assert [(rule, message.split("”")[0][1:]) for rule, _, message in findings] == (
        [("WORDING-NEAR-MISS", found)] if found else [])


# ── how the segmenter shows a slip ────────────────────────────────────────────────────────────────────────────

def reading_of(text: str, at: int, right: str):
    from linter.checks.repairs import Repair, read_repaired
    from linter.language.segmentation import LocalTokens

    return read_repaired(LocalTokens(text), Repair(at, right))


def test_a_stray_character_leaves_an_orphan_that_its_removal_takes_back():
    reading = reading_of("做好信息开发布工作", 4, "")          # 做好/信息/开/发布/工作, then 做好/信息/发布/工作
    assert reading.orphans(2, 7) == set() and reading.token(4) == (4, 5)
    assert reading.aligned(2, 7, after=True) and reading.token(5, after=True) == (5, 7)
    merged = reading_of("严格核对统计数据的勾稽关联系", 12, "")  # …/勾/稽/关/联系 → …/勾稽关系
    assert merged.orphans(9, 14) == {9, 10, 11} and merged.orphans(9, 14, after=True) == set()
    assert merged.mends(9, 14) and not reading_of("信息已发布", 2, "").mends(0, 5, free="已")


def test_a_same_sounding_character_changes_how_its_neighbours_are_read():
    reading = reading_of("切实为民办实施", 6, "事")           # 切实/为/民办/实施 → 切实/为民/办实事
    assert reading.rereads(3, 7) and not reading.mends(3, 7)
    assert not reading_of("和实效性", 1, "时").rereads(0, 4)   # 和/实效性 → 和/时效性: another word, read alike


# ── the general dictionary ───────────────────────────────────────────────────────────────────────────────────

def general(**kw):
    from linter.checks.lexicon import general_dictionary

    args = dict(tags=("i", "l", "n", "z"), min_length=4, min_frequency=20, rare=3, common=1000) | kw
    return general_dictionary(args["tags"], args["min_length"], args["min_frequency"], args["rare"], args["common"])


def test_the_general_dictionary_holds_idioms_and_rare_words_beside_common_ones():
    expressions = {e for group in general().expressions.values() for e in group}
    assert {"参差不齐", "实事求是"} <= expressions
    assert not {"上官剑南", "摩尔曼斯克"} & expressions                       # names of people and places
    assert "参差不齐" not in {e for g in general(min_frequency=500).expressions.values() for e in g}  # used 101 times
    assert pinyin.sound_key("参差不齐")[:4] in general().expressions
    assert general().variants["授理"] == ("受理",) and "部署" in general().variants["布署"]
    assert "制订" not in general().variants                                  # used 1419 times: a word in its own right


def test_without_jieba_s_dictionary_the_general_dictionary_is_empty(monkeypatch):
    from linter.checks import lexicon as lexicon_module

    monkeypatch.setattr(lexicon_module, "general_dictionary_path", lambda: None)
    lexicon_module.general_dictionary.cache_clear()
    try:
        assert general().expressions == {} and general().variants == {}
    finally:
        lexicon_module.general_dictionary.cache_clear()


# ── a phrase written with a same-sounding or a stray character ──────────────────────────────────────────────

@pytest.mark.parametrize("prose,found", [
    ("部分单位公开内容仍然残差不齐。", "残差不齐"),                                      # an idiom
    ("部分单位公开内容仍然参差不齐。", None),
    ("及时受理群众申请，依法受理群众申请，全年授理群众申请十件。", "授理"),                # a rare word beside a common one
    ("全年授理群众申请十件。", None),                                                   # … but the report never writes 受理群众
    ("针对群众关切，真对群众关切及时回应，针对群众关切做好解读。", "真对"),              # 真/对 left alone
    ("坚持为民办实事，把为民办实事落到实处，切实为民办实施。", "为民办实施"),            # 为/民办/实施 read anew
    ("规范信息发布流程，加强信息发布审核，做好信息开发布工作。", "信息开发布"),          # a stray 开 (开发)
    ("规范信息发布流程，加强信息发布审核，信息已发布的及时归档，信息及时发布。", None),    # adverbs inside
    ("提高信息公开的时效性，增强信息公开的实效性，兼顾信息公开的时效性。", None),          # two words, both standard
    ("制定实施方案，再次制定实施方案，制订实施方案。", None),                              # 制订 and 制定 are both standard
    ("建立授理登记表、授理登记簿和授理登记台账，做好受理登记。", None),                  # written three times: meant
    ("建设三格化粪池三个，完成东庠岛改造，东乡村、东乡村的群众满意。", None),            # terms and place names
])
def test_a_phrase_slip_outside_the_lexicon(prose, found):
    findings = rules_found(f"{HEAD}一、总体情况\n{prose}\n", "WORDING-PHRASE-SLIP", "WORDING-NEAR-MISS")
    assert [(rule, message.split("”")[0][1:]) for rule, _, message in findings] == (
        [("WORDING-PHRASE-SLIP", found)] if found else [])


def test_phrase_slip_reads_as_written_only_the_windows_of_a_sound_heard_twice():
    """What `phrase_slip` counts of the phrases written more than once and of the sounds written two ways is what
    counting every window gives (`min_uses` 1 counts every window), in the same order."""
    from linter.checks.phrase_slip import _Grams
    from linter.checks.soundview import sound_windows

    s = ("坚持为民办实事，把为民办实事落到实处，切实为民办实施。及时受理群众申请，依法受理群众申请，全年授理群众申请"
         "十件。做好信息公开，推进信息公开。针对群众关切，真对群众回应。")
    sounds = pinyin.sound_key(s)
    every, heard = (_Grams(s, sounds, list(sound_windows(s, sounds)), {}, min_uses) for min_uses in (1, 2))

    def repeated(grams):
        return [(g, n) for g, n in grams.uses.items() if n > 1]

    def spellings(grams):
        keys = list(grams.sounded.values())
        return [(w, k) for w, k in grams.sounded.items() if keys.count(k) > 1]

    assert len(heard.uses) < len(every.uses)
    assert repeated(heard) == repeated(every) and {("为民办实", 3), ("信息公开", 2)} <= set(repeated(every))
    assert spellings(heard) == spellings(every)
    assert {"民办实事", "民办实施", "受理群众", "授理群众", "针对群众", "真对群众"} <= {w for w, _ in spellings(every)}


def test_a_slip_of_the_format_s_wording_is_left_to_the_near_miss_rule():
    prose = "核对勾稽关系，核对勾稽关系，核对构稽关系。"
    assert [rule for rule, _, _ in rules_found(f"{HEAD}一、总体情况\n{prose}\n", "WORDING-PHRASE-SLIP",
                                              "WORDING-NEAR-MISS")] == ["WORDING-NEAR-MISS"]


def test_without_the_readings_no_phrase_slip_is_reported(monkeypatch):
    from linter.checks import lexicon as lexicon_module

    monkeypatch.setattr(pinyin, "_table_path", lambda: None)
    pinyin._table.cache_clear()
    lexicon_module.general_dictionary.cache_clear()
    try:
        assert rules_found(f"{HEAD}一、总体情况\n仍然残差不齐。\n", "WORDING-PHRASE-SLIP") == []
    finally:
        pinyin._table.cache_clear()
        lexicon_module.general_dictionary.cache_clear()


def test_the_general_dictionary_is_read_in_the_lines_splitlines_cuts(tmp_path):
    """The dictionary is read a piece at a time (a first run must not hold the whole file's lines), with the
    lines `str.splitlines` would cut from the whole text, whatever its line ends."""
    from linter.checks.lexicon import _lines

    path = tmp_path / "dict.txt"
    path.write_bytes("公开 12 v\r\n信息 30 n\r部署 9 v\n\n布署 1 v\u2028发布 8 v\x0b政府 40 n\r\n".encode())
    assert list(_lines(path)) == path.read_text(encoding="utf-8").splitlines()
    assert len(list(_lines(path))) == 7
