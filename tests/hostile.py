"""Hostile inputs, built on demand (too large or too odd to commit): the bad-input catalogue, the resource
test and `tests/benchmarks/bench_limits.py` share them.

Each builder writes one file and returns its path.  The "just under the limit" inputs are sized for the
default size limit (20 MB), the worst an accepted input of each format can be.
"""
from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
MB = 1024 * 1024
LIMIT = 20 * MB
JUST_UNDER = LIMIT - 64 * 1024


def _report_text() -> str:
    return (CORPUS / "2024-huaian-szf.txt").read_text(encoding="utf-8")


def one_line_text(path: Path, size: int = JUST_UNDER) -> Path:
    """A crawled page: a real report on one line, repeated up to `size` bytes."""
    unit = _report_text().replace("\n", " ").encode("utf-8")
    path.write_bytes(unit * (size // len(unit)))
    return path


def claim_clauses_text(path: Path, size: int = 4 * MB) -> Path:
    """A crawled page of one sentence (no 。) of counts and "all …" statements, clause after clause."""
    unit = "本年度共收到政府信息公开申请44件，其中予以公开20件，部分公开3件，均已按时答复，复议2件，均获维持，"
    head = "某县人民政府2023年政府信息公开工作年度报告 "
    path.write_text(head + unit * ((size - len(head.encode())) // len(unit.encode())), encoding="utf-8")
    return path


def repeated_mistake_text(path: Path, times: int = 120_000) -> Path:
    """A page that repeats one wording mistake (扩宽) a hundred thousand times on one line: 3.6 MB, findings
    capped at 100 per rule plus one that counts the rest."""
    path.write_text("某县人民政府2023年政府信息公开工作年度报告 " + "进一步扩宽公开渠道，" * times + "\n", encoding="utf-8")
    return path


def blank_lines_text(path: Path, size: int = JUST_UNDER) -> Path:
    """A title, then millions of blank lines."""
    title = "某县人民政府2023年政府信息公开工作年度报告\n".encode("utf-8")
    path.write_bytes(title + b"\n" * (size - len(title)))
    return path


def huge_html_table(path: Path, size: int = JUST_UNDER) -> Path:
    """A page whose body is one table of about 700 000 rows."""
    head = "<html><head><meta charset=\"utf-8\"></head><body><p>某县2023年政府信息公开工作年度报告</p><table>".encode()
    row = b"<tr><td>1</td><td>2</td></tr>\n"
    tail = b"</table></body></html>"
    path.write_bytes(head + row * ((size - len(head) - len(tail)) // len(row)) + tail)
    return path


def inflating_docx(path: Path, xml_bytes: int = LIMIT // 2 - 64 * 1024) -> Path:
    """A DOCX whose document.xml inflates to just under what a DOCX may hold (half the size limit) with
    paragraphs of varied Chinese text (it compresses about 4:1, like real text, so no ratio test fires)."""
    rnd = random.Random(19)
    words = "本机关主动公开政府信息依申请公开办理情况统计数据年度报告工作规章规范性文件行政许可处罚强制"
    parts, size = [], 0
    while size < xml_bytes - 2048:
        p = f"<w:p><w:r><w:t>{''.join(rnd.choice(words) for _ in range(60))}</w:t></w:r></w:p>".encode("utf-8")
        parts.append(p)
        size += len(p)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>'.encode() \
        + b"".join(parts) + b"</w:body></w:document>"
    _write_docx(path, document)
    return path


def docx_bomb(path: Path) -> Path:
    """A DOCX of a few hundred KB whose document.xml would inflate to 200 MB."""
    _write_docx(path, b"<" + b" " * (200 * MB))
    return path


def _write_docx(path: Path, document: bytes) -> None:
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    path.write_bytes(buf.getvalue())


def _corpus_report_blocks(kind: type) -> list:
    from linter.document.readers import read_document

    report = read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "2024-huaian-szf.md")
    return [b for b in report.blocks if isinstance(b, kind)]


def _drawn_pdf(path: Path, blocks: list) -> Path:
    import docgen  # reportlab (the test extra)
    from linter.document.model import Document

    path.write_bytes(docgen.to_pdf(Document(path=str(path), format="md", source="", blocks=blocks)))
    return path


def dense_text_pdf(path: Path, characters: int = 300_000) -> Path:
    """A report of dense text as a PDF: the paragraphs of a corpus report over and over, `characters` in all,
    drawn by `docgen.to_pdf` (reportlab, the unembedded CID font STSong-Light).  300 000 characters are 195
    pages and 770 KB, near the 327 680 characters and shapes a PDF may draw at the default size limit; its
    pages hold text only, which PDFium reads (`linter/document/readers/pdf_text.py`)."""
    from linter.document.model import Paragraph

    paragraphs, blocks, written = _corpus_report_blocks(Paragraph), [], 0
    while written < characters:
        for block in paragraphs:
            blocks.append(block)
            written += len(block.text.text)
            if written >= characters:
                break
    return _drawn_pdf(path, blocks)


def ruled_tables_pdf(path: Path, copies: int = 200) -> Path:
    """The statistics tables of a corpus report drawn as ruled tables (`docgen.to_pdf`: reportlab's grid,
    STSong-Light), `copies` times over: 200 copies are 235 pages and 280 000 characters and shapes, near
    the 327 680 a PDF may draw at the default size limit.  Every page has ruling: pdfplumber reads them all."""
    from linter.document.model import Table

    return _drawn_pdf(path, _corpus_report_blocks(Table) * copies)


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _stream(data: bytes, layers: int = 1) -> bytes:
    for _ in range(layers):
        data = zlib.compress(data, 9)
    filters = " ".join(["/FlateDecode"] * layers)
    return f"<< /Length {len(data)} /Filter [{filters}] >>\nstream\n".encode() + data + b"\nendstream"


def _stream_page_pdf(stream: bytes) -> bytes:
    """One page drawn by `stream` (a whole stream object, dictionary and data) in Helvetica."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
                 b"/Contents 4 0 R >>",
                 stream, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def _page_pdf(content: bytes, layers: int = 1) -> bytes:
    return _stream_page_pdf(_stream(content, layers))


def inflating_pdf(path: Path, inflated: int = 4 * LIMIT - MB) -> Path:
    """One page whose content stream inflates to just under what a PDF's streams may inflate to (four
    times the size limit): millions of text-drawing operators in a file of a few hundred KB."""
    line = b"BT /F1 8 Tf 20 800 Td (Report text line with some words 12345) Tj ET\n"
    path.write_bytes(_page_pdf(line * (inflated // len(line))))
    return path


def doubly_compressed_pdf(path: Path, inflated: int = 200 * MB) -> Path:
    """A content stream compressed twice (`/Filter [/FlateDecode /FlateDecode]`): a few KB that a reader
    checking one layer only would let through to inflate to 200 MB."""
    path.write_bytes(_page_pdf(b" " * inflated, layers=2))
    return path


def ascii_wrapped_pdf(path: Path, wrapper: str = "ASCII85Decode", inflated: int = 200 * MB,
                      content: bytes | None = None, params: str = "") -> Path:
    """A content stream compressed once and written as ASCII (`/Filter [/ASCII85Decode /FlateDecode]`, or
    /ASCIIHexDecode): text that a reader measuring only raw Flate data would let through to inflate.  With
    `content`, an ordinary page drawn that way."""
    import base64

    packed = zlib.compress(content if content is not None else b" " * inflated, 9)
    if wrapper == "ASCII85Decode":
        text = base64.a85encode(packed, wrapcol=76, adobe=True)[2:]  # a PDF's ASCII85 ends with ~> but has no <~
    else:
        text = packed.hex().encode() + b">"
    stream = (f"<< /Length {len(text)} /Filter [/{wrapper} /FlateDecode]{params} >>\nstream\n".encode() + text
              + b"\nendstream")
    path.write_bytes(_stream_page_pdf(stream))
    return path


def encoded_pdf(path: Path, filters: str = "LZWDecode", inflated: int = 200 * MB, content: bytes | None = None) -> Path:
    """One page whose content stream is written through `filters` (`LZWDecode`, `RunLengthDecode`, or a chain
    such as `FlateDecode RunLengthDecode`, decoded in that order): `inflated` bytes of spaces, a few hundred KB
    that a reader measuring only Flate data would let through; with `content`, an ordinary page drawn that way."""
    names = filters.split()
    data = content
    for i, name in enumerate(reversed(names)):
        innermost = data is None
        if name == "LZWDecode":
            data = _lzw_run(0x20, inflated) if innermost else _lzw_encode(data)
        elif name == "RunLengthDecode":
            data = bytes([129, 0x20]) * (inflated // 128) + b"\x80" if innermost else _run_length_encode(data)
        else:
            data = zlib.compress(b" " * inflated if innermost else data, 9)
    stream = (f"<< /Length {len(data)} /Filter [{' '.join('/' + n for n in names)}] >>\nstream\n".encode() + data
              + b"\nendstream")
    path.write_bytes(_stream_page_pdf(stream))
    return path


def lzw_comments_pdf(path: Path, size: int = JUST_UNDER) -> Path:
    """One page whose content stream, about `size` bytes of LZW data, decodes to lines of comment: random
    letters, which LZW shortens little and pdfminer's own decoder reads at about 4 s per MB.  The page draws
    nothing: refused as without text, once read."""
    rnd = random.Random(30)
    lines = b"".join(b"%" + bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(78)) + b"\n"
                     for _ in range(800))
    block = _lzw_encode(lines, aligned=True)
    data = block * (size // len(block))
    stream = f"<< /Length {len(data)} /Filter /LZWDecode >>\nstream\n".encode() + data + b"\nendstream"
    path.write_bytes(_stream_page_pdf(stream))
    return path


def _run_length_encode(data: bytes) -> bytes:
    """Run-length data (ISO 32000-1, 7.4.5) of literal runs only, ended by 128."""
    return b"".join(bytes([len(data[i:i + 128]) - 1]) + data[i:i + 128] for i in range(0, len(data), 128)) + b"\x80"


class _Bits:
    """Codes of 9 to 12 bits, most significant bit first."""

    def __init__(self) -> None:
        self.acc, self.n, self.out = 0, 0, bytearray()

    def put(self, code: int, width: int) -> None:
        self.acc = (self.acc << width) | code
        self.n += width
        while self.n >= 8:
            self.n -= 8
            self.out.append((self.acc >> self.n) & 0xFF)
        self.acc &= (1 << self.n) - 1

    def done(self) -> bytes:
        if self.n:
            self.out.append((self.acc << (8 - self.n)) & 0xFF)
        return bytes(self.out)


def _lzw_width(next_code: int) -> int:
    """The code width after `next_code` entries (a PDF's LZW changes width one code early, EarlyChange 1)."""
    return 9 if next_code < 512 else 10 if next_code < 1024 else 11 if next_code < 2048 else 12


def _lzw_encode(data: bytes, aligned: bool = False) -> bytes:
    """LZW data; `aligned`: ending in a clear code and passed-over codes up to a whole byte, so that copies
    of it one after another are LZW data too."""
    bits = _Bits()
    bits.put(256, 9)
    table, next_code, w = {bytes([i]): i for i in range(256)}, 258, b""
    for c in data:
        wc = w + bytes([c])
        if wc in table:
            w = wc
            continue
        bits.put(table[w], _lzw_width(next_code))
        table[wc], next_code, w = next_code, next_code + 1, bytes([c])
        if next_code == 4094:
            bits.put(256, 12)
            table, next_code = {bytes([i]): i for i in range(256)}, 258
    if w:
        bits.put(table[w], _lzw_width(next_code))
        next_code += 1
    if aligned:
        bits.put(256, _lzw_width(next_code))
        while bits.n:  # codes 257, 9 bits each: one more bit each past a whole byte
            bits.put(257, 9)
        return bits.done()
    bits.put(257, _lzw_width(next_code))
    return bits.done()


def _lzw_run(byte: int, total: int) -> bytes:
    """`total` copies of `byte`, LZW-coded: after a clear code the k-th code stands for k bytes (about 2 700
    bytes a byte of data), written directly since encoding 200 MB byte by byte would take minutes."""
    bits = _Bits()
    bits.put(256, 9)
    k, left = 0, total
    while left:
        take = min(left, k + 1)
        bits.put(byte if take == 1 else 258 + take - 2, _lzw_width(258 + k))
        k, left = k + 1, left - take
        if 258 + k >= 4093:
            bits.put(256, _lzw_width(258 + k))
            k = 0
    bits.put(257, _lzw_width(258 + k))
    return bits.done()


def self_referencing_pdf(path: Path) -> Path:
    """A PDF of a few hundred bytes whose object 4 is `4 0 R` and is its only page's MediaBox: pdfminer
    alone follows it for ever."""
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Contents 4 0 R >>", b"4 0 R"]))
    return path


def reference_ring_pdf(path: Path, text: bytes = b"Annual report text") -> Path:
    """Two pages: the first's contents are a ring of two bare references (6 is `7 0 R`, 7 is `6 0 R`), the
    second draws `text`.  pdfminer alone follows the ring for ever."""
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R"
                           b" >> >> /Contents 8 0 R >>",
                           b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", b"7 0 R", b"6 0 R",
                           _stream(b"BT /F1 12 Tf 72 760 Td (" + text + b") Tj ET\n")]))
    return path


_RUNNER = """
import json, resource, subprocess, sys
code = subprocess.call([sys.executable, "-m", "linter", *sys.argv[2:]])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(json.dumps({"code": code, "peak_kb": usage.ru_maxrss,
                                         "cpu": usage.ru_utime + usage.ru_stime}))
"""

SECONDS_PER_MB = 2.0   # the budget of issue 30: every accepted input checked in 2 s per MB …
PEAK_MB = 300          # … and at most 300 MB resident in its largest process

# A fixed piece of interpreter work (a regular-expression scan with counting, inflating, a loop of float
# additions, building and joining strings), timed in a fresh interpreter: the yardstick of a machine's speed.
_CALIBRATION = """
import re, time, zlib
start, wall = time.process_time(), time.monotonic()
text = "某县人民政府主动公开政府信息1234条，其中规章5件。" * 2000
counts = {}
for _ in range(18):
    for match in re.finditer(r"\\d+|[\\u4e00-\\u9fff]{2}", text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
packed = zlib.compress(text.encode() * 4)
for _ in range(30):
    zlib.decompress(packed)
ranked = sorted(((n, w) for w, n in counts.items()), reverse=True)
total = 0.0
for i in range(900_000):
    total += (i % 7) * 0.5
joined = "".join([str(i) for i in range(300_000)])
print(time.process_time() - start, time.monotonic() - wall)
"""
# What that work took on the machine the budget's figures were measured on (README, Performance: 2 cores).
# The same program on the same input — the linter of one commit checking the dense-text PDF — took
# 2.04–2.17 s of CPU on the day those figures were measured and 2.55–2.87 s on a later day when this work
# took 0.30–0.33 s: the machine's speed drifts from day to day, and the CI machine's is its own.
REFERENCE_CALIBRATION_S = 0.25


def yardstick() -> tuple[float, float]:
    """The CPU time and the wall time of the yardstick work on this machine, now."""
    done = subprocess.run([sys.executable, "-c", _CALIBRATION], capture_output=True, check=True, timeout=120)
    cpu, wall = (float(x) for x in done.stdout.split())
    return cpu, wall


def slowness(samples: list[tuple[float, float]]) -> float:
    """How much slower this machine is than the budget's (the median CPU time of yardstick runs taken around
    a measurement), never less than 1: the budget is the issue's absolute one on any faster machine."""
    middle = sorted(cpu for cpu, _ in samples)[len(samples) // 2]
    return max(1.0, middle / REFERENCE_CALIBRATION_S)


def contention(samples: list[tuple[float, float]]) -> float:
    """How far other processes stretched the wall time of a process that only computes (the most of the
    yardstick runs taken around a measurement): the load average lags a load that rises within the minute."""
    return max(wall / cpu for cpu, wall in samples)


def wall_clock(run):
    """Run `run()` between two yardstick runs: its result, its wall time, and how far a wall-clock limit
    stretches for it — by a slower machine (`slowness`) and by the load around it (`contention`): a test
    that bounds a run's seconds to catch a hang or a quadratic loop must not fail because the machine is
    busy."""
    before = yardstick()
    start = time.monotonic()
    result = run()
    seconds = time.monotonic() - start
    samples = [before, yardstick()]
    return result, seconds, slowness(samples) * max(1.0, contention(samples))


def budget_mb(path: Path) -> float:
    """What the time budget counts for a file: its size in MB, or — for a DOCX — the size of the text it
    holds (UTF-8), when that is larger, and never less than 1 MB.

    The text is what is checked: a DOCX deflates real Chinese text about 3:1, so a budget per MB of the
    compressed file alone would give the same report three times less time as a DOCX than as a .txt.  A
    PDF's text costs nothing to count here without reading it (its content streams draw it), so a PDF
    counts its file.  Below 1 MB the start of the process (about half a second) is most of the cost."""
    size = path.stat().st_size
    if path.suffix.lower() == ".docx":
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
        size = max(size, sum(len(t) for t in re.findall(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)))
    return max(1.0, size / MB)


def measure(args: list[str], cwd: Path | None = None, timeout: float = 600) -> dict:
    """Run `report-lint ARGS` in a fresh process tree; its exit code, output, wall time, the CPU time of the
    whole tree (the CLI and its workers), and the peak RSS (MB) of the largest process of the run — the CLI
    or one of its workers (`RUSAGE_CHILDREN` of a runner that starts only this one command)."""
    import json
    import tempfile

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "measure.json"
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", _RUNNER, str(report), *args], cwd=cwd or ROOT, env=env,
                              capture_output=True, timeout=timeout)
        seconds = time.monotonic() - start
        got = json.loads(report.read_text())
    return {"code": got["code"], "stdout": proc.stdout.decode("utf-8", "replace"),
            "stderr": proc.stderr.decode("utf-8", "replace"), "seconds": seconds, "peak_mb": got["peak_kb"] / 1024,
            "cpu": got["cpu"]}
