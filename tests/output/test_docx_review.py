"""`check --format docx`: the report handed back in Word with one comment per finding.

The Word reports are corpus reports written by python-docx (`docgen`) and then given what real drafts have:
runs of different formatting with a finding across them, a picture, a reviewer's comment, a header and a
footer.  The reviewed copy must carry one comment per finding span, anchored on that span's text (or table
cell), and be the original otherwise: every other part byte for byte, the document part equal once the
new comment marks are taken out and split runs joined again.
"""
from __future__ import annotations

import io
import re
import struct
import tempfile
import zipfile
import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import docx
import pytest

import docgen
import wordcheck
from conftest import CORPUS, EXAMPLE
from linter.document.readers import read_document
from linter.engine.run import lint
from linter.output.docx_format import reviewed_docx
from linter.settings.config import Config

REVIEWER_COMMENT = "请补充整改时限。"
CHANGED_PARTS = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}


def _png() -> bytes:
    """A 2×2 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\0" + b"\x80\x80\x80" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _corpus_docx(name: str):
    doc = read_document((CORPUS / name).read_bytes(), name)
    return docx.Document(io.BytesIO(docgen.to_docx(doc)))


def _paragraph(word, starting: str):
    return next(p for p in word.paragraphs if p.text.startswith(starting))


@lru_cache(maxsize=None)
def drafted_report() -> bytes:
    """洪泽区's report (findings on table cells) as a draft: 扩宽 written across a bold and an italic run, a
    picture after section 一, a reviewer's comment on section 五, a header and a footer."""
    word = _corpus_docx("2023-huaian-hongzequ-qzf.md")
    p = _paragraph(word, "加强区政府门户网站")
    rest = p.text[len("加强区政府门户网站及政务新媒体日常管理，"):]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    p.add_run("加强区政府门户网站及政务新媒体日常管理，扩").bold = True
    p.add_run("宽政务公开渠道，" + rest).italic = True
    picture = word.add_paragraph()
    picture.add_run().add_picture(io.BytesIO(_png()))
    _paragraph(word, "（五）政府信息公开监督保障情况")._p.addnext(picture._p)
    problems = _paragraph(word, "2023年，洪泽区政府信息公开工作取得一定的成效")
    word.add_comment(problems.runs, text=REVIEWER_COMMENT, author="审核人", initials="SH")
    word.sections[0].header.paragraphs[0].text = "淮安市洪泽区人民政府"
    word.sections[0].footer.paragraphs[0].text = "政府信息公开工作年度报告"
    out = io.BytesIO()
    word.save(out)
    return _as_word_writes_it(out.getvalue())


def _as_word_writes_it(data: bytes) -> bytes:
    """The package with Word's XML declaration (double quotes, CRLF) instead of python-docx's: a part that
    python-docx wrote again would no longer be byte-identical."""
    ours = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    words = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            target.writestr(info, words + part[len(ours):] if part.startswith(ours) else part)
    return out.getvalue()


@lru_cache(maxsize=None)
def reviewed(data: bytes, name: str = "report.docx"):
    """(lint result, reviewed copy) of `data` written to a file `name` (the output reads the file again)."""
    path = Path(tempfile.mkdtemp(prefix="report-lint-test-")) / name
    path.write_bytes(data)
    result = lint(data, str(path), Config())
    return result, reviewed_docx(result)


def _squash(text: str) -> str:
    return re.sub(r"[\s|]", "", text)


def _expected_anchor(result, finding) -> str:
    """The text a finding's comment must cover: its span, or for an empty span the line (cell) it is in."""
    if finding.end > finding.start:
        return _squash(result.source[finding.start:finding.end])
    line = result.source[:finding.start].rsplit("\n", 1)[-1]
    return "" if line.endswith("| ") and result.source[finding.start:].startswith(" |") else _squash(line)


def _new_comments(data: bytes) -> list[wordcheck.CommentRange]:
    return [c for c in wordcheck.comments(data).values() if c.author == "report-lint"]


# ── anchors ─────────────────────────────────────────────────────────────────────────────────────
def test_the_draft_has_the_findings_the_test_needs():
    result, _ = reviewed(drafted_report())
    rules = Counter(f.rule for f in result.findings)
    assert rules["WORDING-KUOKUAN"] == 1 and rules["T4-SUM"] == 2 and rules["T3-OLD"] == 1
    assert any(f.location.get("table") for f in result.findings)


def test_one_comment_per_finding_span_on_that_spans_text():
    result, data = reviewed(drafted_report())
    comments = _new_comments(data)
    spans = {(f.start, f.end) for f in result.findings}
    assert len(comments) == len(spans)
    assert Counter(rule for c in comments for rule in c.rules) == Counter(f.rule for f in result.findings)
    by_rule_and_text = {(rule, _squash(c.anchored)) for c in comments for rule in c.rules}
    for finding in result.findings:
        assert (finding.rule, _expected_anchor(result, finding)) in by_rule_and_text, finding.rule


def test_findings_on_the_same_span_share_one_comment():
    result, data = reviewed(drafted_report())
    closing = [f for f in result.findings if f.rule in ("DISC-NPC-CPPCC", "STRUCT-CLOSING")]
    assert len(closing) == 2 and closing[0].start == closing[1].start and closing[0].end == closing[1].end
    shared = [c for c in _new_comments(data) if set(c.rules) == {"DISC-NPC-CPPCC", "STRUCT-CLOSING"}]
    assert len(shared) == 1


def test_a_comment_holds_severity_rule_message_and_basis():
    result, data = reviewed(drafted_report())
    finding = next(f for f in result.findings if f.rule == "WORDING-KUOKUAN")
    comment = next(c for c in _new_comments(data) if c.rules == ["WORDING-KUOKUAN"])
    assert comment.text == f"警告 · WORDING-KUOKUAN\n{finding.message}\n依据：{finding.basis}"
    assert comment.anchored == "扩宽"


def test_table_cell_findings_are_anchored_in_their_cells():
    result, data = reviewed(drafted_report())
    comments = _new_comments(data)
    cell_findings = [f for f in result.findings if "table" in (f.location or {})]
    assert len(cell_findings) == 4   # three on numbers, one on the misspelt row label (T3-LABEL)
    for finding in cell_findings:
        loc = finding.location
        comment = next(c for c in comments if finding.rule in c.rules and c.cell == (loc["table"], loc["row"], loc["cell"]))
        assert _squash(comment.anchored) == _squash(result.source[finding.start:finding.end])


def test_blank_cell_findings_are_anchored_on_the_blank_cell():
    """沭阳县发改局's 表三 has blank cells (T3-EMPTY, an empty span): the comment sits in that empty cell."""
    word = _corpus_docx("2023-shuyang-fgj.md")
    out = io.BytesIO()
    word.save(out)
    result, data = reviewed(out.getvalue())
    blanks = [f for f in result.findings if f.rule == "T3-EMPTY"]
    assert len(blanks) == 5
    cells = {c.cell for c in _new_comments(data) if "T3-EMPTY" in c.rules}
    assert cells == {(f.location["table"], f.location["row"], f.location["cell"]) for f in blanks}
    assert all(c.anchored.strip() == "" for c in _new_comments(data) if "T3-EMPTY" in c.rules)


def test_missing_content_findings_are_on_their_section_heading():
    result, data = reviewed(drafted_report())
    comment = next(c for c in _new_comments(data) if "DISC-SEC5-RECTIFY" in c.rules)
    assert comment.anchored == "五、存在的主要问题及改进情况"


# ── everything else unchanged ───────────────────────────────────────────────────────────────────
def test_every_other_part_is_byte_identical():
    original, copy = wordcheck.parts(drafted_report()), wordcheck.parts(reviewed(drafted_report())[1])
    assert set(copy) == set(original)
    kept = [name for name in original if name not in CHANGED_PARTS]
    assert {"word/header1.xml", "word/footer1.xml", "word/styles.xml"} <= set(kept)
    assert any(name.startswith("word/media/") for name in kept)
    assert all(original[name].startswith(b'<?xml version="1.0"') for name in kept if name.endswith(".xml"))
    for name in kept:
        assert copy[name] == original[name], name


def test_the_document_is_the_original_once_the_new_comments_are_taken_out():
    original, copy = wordcheck.parts(drafted_report()), wordcheck.parts(reviewed(drafted_report())[1])
    new_ids = {c.id for c in _new_comments(reviewed(drafted_report())[1])}
    assert new_ids
    assert wordcheck.without_comments(copy["word/document.xml"], new_ids) == \
        wordcheck.without_comments(original["word/document.xml"], set())
    assert wordcheck.character_formats(copy["word/document.xml"]) == \
        wordcheck.character_formats(original["word/document.xml"])


def test_runs_are_split_only_where_an_anchor_needs_it():
    """The draft has no two neighbouring runs of the same formatting: in the copy, each such pair must be a
    split, and a split must sit at a comment mark; 扩宽 splits the bold run before it and the italic after."""
    from lxml import etree

    root = etree.fromstring(wordcheck.parts(reviewed(drafted_report())[1])["word/document.xml"])
    W = wordcheck.W
    for p in root.iter(W + "p"):
        children = list(p)
        for i, child in enumerate(children):
            if child.tag != W + "r" or child.find(W + "t") is None:
                continue
            j = i + 1
            while j < len(children) and children[j].tag in (W + "commentRangeStart", W + "commentRangeEnd"):
                j += 1
            if j < len(children) and children[j].tag == W + "r" and children[j].find(W + "t") is not None \
                    and wordcheck._same_format(child, children[j]):
                assert j > i + 1, "a run split where no comment starts or ends"
    p = next(p for p in root.iter(W + "p") if "扩宽" in "".join(t.text for t in p.iter(W + "t")))
    runs = [("".join(t.text for t in r.iter(W + "t")), r.find(f"{W}rPr/{W}b") is not None)
            for r in p.iter(W + "r") if r.find(W + "t") is not None]
    assert runs[:3] == [("加强区政府门户网站及政务新媒体日常管理，", True), ("扩", True), ("宽", False)]
    assert runs[3][0].startswith("政务公开渠道，") and len(runs) == 4


def test_the_reviewers_comment_is_kept():
    original, copy = wordcheck.comments(drafted_report()), wordcheck.comments(reviewed(drafted_report())[1])
    person = [c for c in copy.values() if c.author == "审核人"]
    assert len(person) == 1 and person[0].text == REVIEWER_COMMENT
    assert person[0].anchored.startswith("2023年，洪泽区政府信息公开工作取得一定的成效")
    from lxml import etree

    before = etree.fromstring(wordcheck.parts(drafted_report())["word/comments.xml"])
    after = etree.fromstring(wordcheck.parts(reviewed(drafted_report())[1])["word/comments.xml"])
    old = [etree.tostring(c, method="c14n") for c in before]
    assert [etree.tostring(c, method="c14n") for c in after][:len(old)] == old
    assert len(original) == 1


def test_a_document_without_comments_gets_a_comments_part():
    data = docgen.to_docx(read_document((CORPUS / "2022-pingtan-gwh.md").read_bytes(), "2022-pingtan-gwh.md"))
    result, copy = reviewed(data)
    original, out = wordcheck.parts(data), wordcheck.parts(copy)
    assert "word/comments.xml" not in original and "word/comments.xml" in out
    assert b"/word/comments.xml" in out["[Content_Types].xml"]
    assert b"comments.xml" in out["word/_rels/document.xml.rels"]
    assert len(_new_comments(copy)) == len({(f.start, f.end) for f in result.findings})
    word = docx.Document(io.BytesIO(copy))  # python-docx opens it again
    assert [p.text for p in word.paragraphs] == [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


# ── the golden example ──────────────────────────────────────────────────────────────────────────
def test_the_example_report_as_docx_reviews_into_exactly_its_findings():
    example = read_document(EXAMPLE.read_bytes(), str(EXAMPLE))
    data = docgen.to_docx(example)
    result, copy = reviewed(data, "2023-wendeng-zetou-town.docx")
    text_result = lint(EXAMPLE.read_bytes(), str(EXAMPLE), Config())
    assert sorted(f.rule for f in result.findings) == sorted(f.rule for f in text_result.findings)
    comments = _new_comments(copy)
    in_comments = Counter((rule, message) for c in comments for rule, message in
                          re.findall(r"· ([A-Z0-9-]+)\n(.*)", c.text))
    assert in_comments == Counter((f.rule, f.message) for f in result.findings)
    assert len(comments) == len({(f.start, f.end) for f in result.findings})


# ── other inputs: a new Word document ───────────────────────────────────────────────────────────
@pytest.mark.parametrize("name", ["2024-huaian-szf.md", "2024-huaian-szf.txt", "2023-shuyang-fgj.html",
                                  "2023-huaian-hongzequ-qzf.md"])
def test_text_reports_are_rendered_into_word_with_the_comments(name):
    data = (CORPUS / name).read_bytes()
    result, copy = reviewed(data, name)
    assert result.findings
    word = docx.Document(io.BytesIO(copy))
    document = read_document(data, name)
    from linter.document.model import Table

    assert len(word.tables) == sum(isinstance(b, Table) for b in document.blocks)
    assert "Heading 1" in {p.style.name for p in word.paragraphs}
    comments = _new_comments(copy)
    assert len(comments) == len({(f.start, f.end) for f in result.findings})
    by_rule_and_text = {(rule, _squash(c.anchored)) for c in comments for rule in c.rules}
    for finding in result.findings:
        if finding.end > finding.start:
            assert (finding.rule, _squash(_text_in(document, finding.start, finding.end))) in by_rule_and_text


def test_a_pdf_report_is_rendered_into_word_with_the_comments():
    data = docgen.to_pdf(read_document((CORPUS / "2023-huaian-hongzequ-qzf.md").read_bytes(), "x.md"))
    result, copy = reviewed(data, "report.pdf")
    document = read_document(data, "report.pdf")
    cells = [f for f in result.findings if f.table]
    assert cells and len(docx.Document(io.BytesIO(copy)).tables) == 3
    comments = _new_comments(copy)
    assert len(comments) == len({(f.start, f.end) for f in result.findings})
    for finding in cells:
        assert any(finding.rule in c.rules and c.cell and _squash(c.anchored) == _squash(_text_in(document, finding.start, finding.end))
                   for c in comments), finding.rule


def _text_in(document, start: int, end: int) -> str:
    """The characters of the document's blocks (as read) whose source offsets lie in [start, end)."""
    from linter.document.model import Table

    texts = []
    for block in document.blocks:
        cells = [cell.text for row in block.rows for cell in row if cell.origin is None] \
            if isinstance(block, Table) else [block.text]
        texts.extend(cells)
    return "".join(ch for t in texts for ch, offset in zip(t.text, t.offsets) if start <= offset < end)


def test_an_unreadable_file_becomes_a_document_with_its_input_finding(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = lint(path.read_bytes(), str(path), Config())
    assert result.error
    comments = _new_comments(reviewed_docx(result))
    assert len(comments) == 1 and comments[0].rules == ["INPUT-UNREADABLE"]
    assert str(path) in comments[0].anchored


# ── the command ─────────────────────────────────────────────────────────────────────────────────
def test_check_writes_the_reviewed_copy(tmp_path, run_cli):
    report = tmp_path / "report.docx"
    report.write_bytes(drafted_report())
    out = tmp_path / "reviewed.docx"
    code, stdout, stderr = run_cli("check", report, "--format", "docx", "--output", out)
    assert code == 1, stderr
    assert len(_new_comments(out.read_bytes())) == len(_new_comments(reviewed(drafted_report())[1]))


def test_docx_output_needs_a_file_and_one_report(tmp_path, run_cli):
    report = tmp_path / "report.docx"
    report.write_bytes(drafted_report())
    code, _, stderr = run_cli("check", report, "--format", "docx")
    assert code == 2 and "--output" in stderr
    (tmp_path / "second.txt").write_bytes(EXAMPLE.read_bytes())
    code, _, stderr = run_cli("check", tmp_path, "--format", "docx", "--output", tmp_path / "out.docx")
    assert code == 2 and "--format docx" in stderr and "2" in stderr


def test_select_and_ignore_choose_the_comments(tmp_path, run_cli):
    report = tmp_path / "report.docx"
    report.write_bytes(drafted_report())
    out = tmp_path / "reviewed.docx"
    run_cli("check", report, "--format", "docx", "-o", out, "--select", "T4,WORDING", "--isolated")
    assert Counter(r for c in _new_comments(out.read_bytes()) for r in c.rules) == {"T4-SUM": 2, "WORDING-KUOKUAN": 1}
    run_cli("check", report, "--format", "docx", "-o", out, "--ignore", "T4,T3,WORDING,DISC", "--isolated")
    rules = {r for c in _new_comments(out.read_bytes()) for r in c.rules}
    assert rules and not any(r.startswith(("T4", "T3", "WORDING", "DISC")) for r in rules)


def test_suppressions_and_the_baseline_apply(tmp_path, run_cli):
    report = tmp_path / "report.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    report.write_text(text.replace("政府信息公开工作存在的主要问题及改进情况",
                                   "<!-- report-lint: ignore STRUCT-ORDINAL-MISSING 沿用模板 -->\n"
                                   "政府信息公开工作存在的主要问题及改进情况", 1), encoding="utf-8")
    out = tmp_path / "reviewed.docx"
    run_cli("check", report, "--format", "docx", "-o", out, "--isolated")
    rules = Counter(r for c in _new_comments(out.read_bytes()) for r in c.rules)
    assert "STRUCT-ORDINAL-MISSING" not in rules and rules
    baseline = tmp_path / "baseline.json"
    run_cli("check", report, "--write-baseline", baseline, "--isolated")
    code, _, _ = run_cli("check", report, "--format", "docx", "-o", out, "--baseline", baseline, "--isolated")
    assert code == 0 and _new_comments(out.read_bytes()) == []


def test_text_box_and_footnote_findings():
    """扩宽 in a text box is anchored inside the text box.  No rule reads footnotes today, so a finding is
    placed on the footnote's text by hand: the footnote lives in another part, its comment goes on the
    footnote's mark in the body."""
    import dataclasses

    from lxml import etree

    from test_formats import _add_textbox, _with_footnote

    word = _corpus_docx("2024-huaian-szf.md")
    host = word.paragraphs[5]
    _add_textbox(host, "图示：进一步扩宽公开渠道")
    host._p.append(etree.fromstring(f'<w:r xmlns:w="{wordcheck.W[1:-1]}"><w:footnoteReference w:id="1"/></w:r>'))
    out = io.BytesIO()
    word.save(out)
    data = _with_footnote(out.getvalue(), "注：本年度依申请公开渠道进一步畅通。")
    result, copy = reviewed(data)
    in_box = next(f for f in result.findings if f.rule == "WORDING-KUOKUAN")
    note_at = result.source.index("注：本年度")
    on_note = dataclasses.replace(in_box, rule="TEST-FOOTNOTE", start=note_at + 2, end=note_at + 5)
    copy = reviewed_docx(dataclasses.replace(result, findings=[*result.findings, on_note]))
    comments = {c.rules[0]: c for c in _new_comments(copy) if c.rules[0] in ("WORDING-KUOKUAN", "TEST-FOOTNOTE")}
    root = etree.fromstring(wordcheck.parts(copy)["word/document.xml"])
    W = wordcheck.W

    def start_of(comment):
        return next(el for el in root.iter(W + "commentRangeStart") if el.get(W + "id") == comment.id)

    assert comments["WORDING-KUOKUAN"].anchored == "扩宽"
    assert any(a.tag == W + "txbxContent" for a in start_of(comments["WORDING-KUOKUAN"]).iterancestors())
    assert comments["TEST-FOOTNOTE"].anchored == ""
    assert start_of(comments["TEST-FOOTNOTE"]).getnext().find(W + "footnoteReference") is not None
    assert wordcheck.parts(copy)["word/footnotes.xml"] == wordcheck.parts(data)["word/footnotes.xml"]


def test_a_range_never_ends_before_it_starts_nor_leaves_its_story():
    """A picture's marker and a text box follow their paragraph's text in the source, but sit inside the
    paragraph in the document: a span from the text after them into them is cut back to that text."""
    from test_formats import _add_textbox

    from linter.document.readers.docx import read_anchored
    from linter.output.word_anchors import RunMap

    word = docx.Document()
    p = word.add_paragraph()
    p.add_run("前文")
    p.add_run().add_picture(io.BytesIO(_png()))
    p.add_run("后文")
    _add_textbox(p, "框内")
    out = io.BytesIO()
    word.save(out)
    _, document, anchors = read_anchored(out.getvalue(), "x.docx")
    source = document.source
    run_map = RunMap(anchors.pieces, anchors.lines)
    after = source.index("后文")
    for end in (source.index("[image:") + 3, source.index("框内") + 2):
        anchor = run_map.anchor(after, end)
        assert "".join(source[run_map.flat[k]] for k in range(anchor.first, anchor.last + 1)) == "后文"
    whole = run_map.anchor(source.index("前文"), source.index("[image:") + 3)  # the picture follows 前文: kept
    assert source[run_map.flat[whole.first]] == "前" and source[run_map.flat[whole.last]] == "m"
