"""The windows the slip detectors share (`checks.soundview`): a long text's, made a piece at a time with each
piece translated on its own, are the windows of its whole sound key, in the same order."""
from __future__ import annotations

from linter.checks import soundview
from linter.language.pinyin import sound_key

# runs of Chinese characters of every length around four, Latin and punctuation between them, a long run
TEXT = ("某县人民政府主动公开信息。abc政务公开，公开1234信息公开工作年度报告；一二三四五六七八九十" * 3
        + "全面推进政务公开" * 40 + "。依申请公开")


def flat(windows) -> list[tuple[int, str]]:
    return [(i, key) for starts, keys in windows for i, key in zip(starts, keys)]


def test_a_long_text_s_windows_translated_piece_by_piece_are_those_of_its_sound_key(monkeypatch):
    whole = flat(soundview.sound_windows(TEXT, sound_key(TEXT)))
    assert whole and all(key == sound_key(TEXT[i:i + 4]) for i, key in whole)
    assert "人民政府" in [TEXT[i:i + 4] for i, _ in whole] and all("。" not in TEXT[i:i + 4] for i, _ in whole)
    for piece, span in ((5, 1 << 16), (1 << 13, 7), (3, 2)):  # cut by count, by span, by both
        monkeypatch.setattr(soundview, "_PIECE", piece)
        monkeypatch.setattr(soundview, "_SPAN", span)
        pieces = list(soundview.translated_windows(TEXT))
        assert flat(pieces) == whole
        assert all(0 < len(starts) <= piece for starts, _ in pieces)
        assert len(pieces) > 1


def test_a_piece_spans_little_text_beyond_its_windows(monkeypatch):
    """A piece's stretch of text (what is translated at once) ends before a run that begins _SPAN characters or
    more after the piece began: Latin text between runs is not translated with them."""
    monkeypatch.setattr(soundview, "_SPAN", 100)
    text = "政务公开" + "x" * 10_000 + "信息公开" + "y" * 10_000 + "年度报告"
    pieces = list(soundview._pieces(text))
    assert [starts for _, starts in pieces] == [[0], [10_004], [20_008]]
    assert all(starts[-1] - lo < 100 for lo, starts in pieces)
