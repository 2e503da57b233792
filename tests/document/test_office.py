""".doc, .wps and .odt reports through LibreOffice, and the reviewed Word copy opened in LibreOffice.

The conversion's contract (a private temporary directory, a time limit that kills the whole process group,
a clear input finding without `soffice`) is tested with stand-in `soffice` scripts, so it runs everywhere.
The tests that need the real LibreOffice (and `pdftoppm`, from poppler-utils) skip without them, except
under REPORT_LINT_REQUIRE_LIBREOFFICE=1 — set by .ci/run, which installs them — where a missing one fails.
The rendered first page of the reviewed copy is saved to tests/artifacts/ for people to look at.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from functools import lru_cache
from pathlib import Path

import pytest

import wordcheck
from conftest import ROOT
from linter.document.readers import ReadError, office
from linter.engine.run import lint
from linter.output.docx_format import reviewed_docx
from linter.settings.config import Config
from test_docx_review import drafted_report

ARTIFACTS = ROOT / "tests" / "artifacts"
SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def require(**tools: str | None) -> None:
    missing = [name for name, path in tools.items() if not path]
    if not missing:
        return
    if os.environ.get("REPORT_LINT_REQUIRE_LIBREOFFICE"):  # set by .ci/run, which installs them
        pytest.fail(f"{', '.join(missing)} required here but not installed")
    pytest.skip(f"{', '.join(missing)} not installed (.ci/run installs libreoffice-writer and poppler-utils)")


def _key(finding) -> tuple:
    return (finding.rule, finding.severity, finding.message, finding.line, finding.column, finding.end_line,
            finding.end_column, finding.section, repr(finding.location), finding.table, repr(finding.cell))


def _fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in `soffice` (a shell script) on a PATH of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(0o755)
    return folder


@pytest.fixture
def fresh(monkeypatch):
    """No conversion remembered from another test."""
    monkeypatch.setattr(office, "_converted", {})


# ── without LibreOffice ─────────────────────────────────────────────────────────────────────────
def test_without_soffice_a_doc_is_one_input_finding_that_says_what_to_install(tmp_path, monkeypatch, fresh, run_cli):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    report = tmp_path / "2023-report.doc"
    report.write_bytes(OLE_MAGIC + b"\0" * 504)
    result = lint(report.read_bytes(), str(report), Config())
    assert [f.rule for f in result.findings] == ["INPUT-UNREADABLE"]
    assert "LibreOffice" in result.error and "apt-get install libreoffice-writer" in result.error
    code, stdout, _ = run_cli("check", report, "--format", "concise")
    assert code == 1 and "INPUT-UNREADABLE" in stdout and "libreoffice-writer" in stdout


def test_doc_wps_and_odt_files_are_found_in_folders(tmp_path, monkeypatch, fresh, run_cli):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for name in ("a.doc", "b.wps", "c.odt"):
        (tmp_path / name).write_bytes(b"x" * 64)
    code, stdout, _ = run_cli("check", tmp_path, "--format", "concise", "--jobs", "1")
    assert code == 1 and all(name in stdout for name in ("a.doc", "b.wps", "c.odt"))


# ── the conversion, with stand-ins ──────────────────────────────────────────────────────────────
def test_the_conversion_runs_headless_in_a_private_directory(tmp_path, monkeypatch, fresh):
    """The stand-in records how it was called and answers with a DOCX: the report is read from that."""
    docx_bytes = drafted_report()
    (tmp_path / "answer.docx").write_bytes(docx_bytes)
    calls = tmp_path / "calls.txt"
    bin_dir = _fake_soffice(tmp_path / "bin", f"""
echo "$PWD|$HOME|$*" > "{calls}"
while [ $# -gt 1 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done
mkdir -p "$out" && cp "{tmp_path / 'answer.docx'}" "$out/report.docx"
""")
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    result = lint(b"\xd0\xcf\x11\xe0 old word", str(tmp_path / "old.doc"), Config())
    assert result.error is None and result.format == "doc"
    assert [_key(f) for f in result.findings] == [_key(f) for f in lint(docx_bytes, "x.docx", Config()).findings]
    cwd, home, args = calls.read_text(encoding="utf-8").strip().split("|")
    assert "--headless" in args and "--convert-to docx" in args and "--norestore" in args
    profile = re.search(r"-env:UserInstallation=file://(\S+)", args).group(1)
    assert cwd == home and profile.startswith(cwd) and cwd.startswith(os.path.realpath(os.environ.get("TMPDIR", "/tmp")))
    assert not Path(cwd).exists(), "the private directory is removed after the conversion"


def test_a_conversion_over_its_time_limit_is_killed_with_its_helpers(tmp_path, monkeypatch, fresh):
    pids = tmp_path / "pids"
    bin_dir = _fake_soffice(tmp_path / "bin", f'sleep 60 & echo $! > "{pids}"\nsleep 60\n')
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setattr(office, "CONVERT_SECONDS", 1.0)
    start = time.monotonic()
    with pytest.raises(ReadError, match="did not convert the file within 1 s"):
        office.convert_to_docx(b"slow", "doc")
    assert time.monotonic() - start < 10
    helper = int(pids.read_text())
    deadline = time.monotonic() + 5
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helper), "the conversion's helper process outlived its time limit"


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for a parent that does not reap it does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def test_a_file_libreoffice_cannot_convert_is_an_input_finding(tmp_path, monkeypatch, fresh):
    bin_dir = _fake_soffice(tmp_path / "bin", "exit 0\n")
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    result = lint(b"not a document at all", str(tmp_path / "x.odt"), Config())
    assert [f.rule for f in result.findings] == ["INPUT-UNREADABLE"]
    assert "could not convert this .odt file" in result.error


# ── with LibreOffice ────────────────────────────────────────────────────────────────────────────
@lru_cache(maxsize=None)
def converted(fmt: str) -> bytes:
    """The drafted DOCX report saved by LibreOffice as `fmt` (a .wps is the Word 97 file WPS also writes)."""
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"report-lint-office-test-{os.getpid()}"
    work.mkdir(exist_ok=True)
    (work / "draft.docx").write_bytes(drafted_report())
    target = "doc" if fmt == "wps" else fmt
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--convert-to", target, "--outdir", str(work), str(work / "draft.docx")],
                   check=True, capture_output=True, timeout=120)
    return (work / f"draft.{target}").read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["doc", "wps", "odt"])
def test_a_report_saved_by_libreoffice_lints_like_the_docx(fmt, tmp_path, fresh):
    require(soffice=SOFFICE)
    data = converted(fmt)
    if fmt in ("doc", "wps"):
        assert data.startswith(OLE_MAGIC)
    result = lint(data, str(tmp_path / f"draft.{fmt}"), Config())
    base = lint(drafted_report(), str(tmp_path / "draft.docx"), Config())
    assert result.error is None and result.format == fmt
    assert base.findings and [_key(f) for f in result.findings] == [_key(f) for f in base.findings]


@pytest.mark.slow
def test_a_doc_reviews_into_a_docx_with_its_comments(tmp_path, fresh, run_cli):
    require(soffice=SOFFICE)
    report = tmp_path / "draft.doc"
    report.write_bytes(converted("doc"))
    out = tmp_path / "reviewed.docx"
    code, _, stderr = run_cli("check", report, "--format", "docx", "--output", out)
    assert code == 1, stderr
    result = lint(report.read_bytes(), str(report), Config())
    comments = [c for c in wordcheck.comments(out.read_bytes()).values() if c.author == "report-lint"]
    assert sorted(r for c in comments for r in c.rules) == sorted(f.rule for f in result.findings)
    kuokuan = next(c for c in comments if c.rules == ["WORDING-KUOKUAN"])
    assert kuokuan.anchored == "扩宽"


@pytest.mark.slow
def test_the_reviewed_copy_in_libreoffice_shows_the_comments(tmp_path):
    """LibreOffice opens the reviewed copy and exports it to PDF with the comments in the margin (LibreOffice
    7.5 and later; older versions export them as PDF notes); the first page is rendered to PNG."""
    require(soffice=SOFFICE, pdftoppm=PDFTOPPM)
    source = tmp_path / "draft.docx"
    source.write_bytes(drafted_report())
    result = lint(source.read_bytes(), str(source), Config())
    reviewed = tmp_path / "reviewed.docx"
    reviewed.write_bytes(reviewed_docx(result))
    options = '{"ExportNotesInMargin":{"type":"boolean","value":"true"},"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(tmp_path), str(reviewed)],
                   check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "reviewed.pdf"
    page_text, notes = _pdf_text(pdf), _pdf_notes(pdf)
    shown = page_text if _libreoffice_version() >= (7, 5) else notes
    for finding in result.findings:
        assert _letters(finding.message) in _letters(shown) and finding.rule in shown, finding.rule
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run([PDFTOPPM, "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTIFACTS / "reviewed-docx-page1")], check=True, timeout=60)
    png = (ARTIFACTS / "reviewed-docx-page1.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def _letters(text: str) -> str:
    """Letters, digits and characters only: a PDF draws CJK punctuation from another font, out of order."""
    return re.sub(r"\W", "", text)


def _libreoffice_version() -> tuple[int, int]:
    out = subprocess.run([SOFFICE, "--version"], capture_output=True, text=True, timeout=60).stdout
    match = re.search(r"(\d+)\.(\d+)\.\d+", out)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _pdf_text(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:  # in drawing order: a margin comment is not cut into the body's lines
        return "\n".join(page.extract_text(use_text_flow=True) or "" for page in doc.pages)


def _pdf_notes(pdf: Path) -> str:
    """The text of every PDF note (a comment LibreOffice exported as an annotation)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    notes = []
    with open(pdf, "rb") as f:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(f))):
            for annot in resolve1(page.annots) or []:
                contents = resolve1(annot).get("Contents")
                if isinstance(contents, bytes):
                    notes.append(contents.decode("utf-16") if contents[:2] in (b"\xfe\xff", b"\xff\xfe")
                                 else contents.decode("latin-1"))
    return "\n".join(notes)
