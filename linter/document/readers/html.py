"""HTML reader: real government web pages.

Encoding: a `<meta charset>` or `<meta http-equiv content="…charset=gbk">` in the first bytes is
passed to `linter.document.encoding.decode` as the declared encoding; with none, that module's own detection
(UTF-8, then GB18030) decides.  Positions are offsets into the decoded HTML, so a finding's line and
column are those of the HTML source; entities (`&nbsp;`) map to the offset of their `&`.

How the article body is found (published pages wrap the report in navigation, banners and footers):

1. Elements that are never report text are dropped: `script`, `style`, `head`, forms, `nav`/`aside`
   (and `header`/`footer` outside an `article`/`main`), and elements whose id or class names a menu,
   navigation, breadcrumb, sidebar, share bar or copyright footer.
2. Every element is scored by the Chinese characters it holds *outside links* (menus are links).  The
   body is the deepest element holding at least 70 % of the page's total: the container the CMS puts
   the article in, however deeply it is nested in layout tables.
3. If the report title ("…年度报告") lies outside that container (pages put it in a separate title
   bar), the last heading-like element before it that names a report is taken as the title.

Inside the body, `<p>`, `<div>`, `<br>`, headings and list items break paragraphs; `<h1>`…`<h6>` give
the heading hint.  A `<table>` is a data table unless it is layout — it holds another table, has a
single column, or a cell with more than 300 characters — in which case its cells are read as running
content.  rowspan/colspan are expanded.  An `<img>` is kept as an image block (a table pasted as a
picture), except icons and spacers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from linter.document.encoding import DecodeError, decode_declared
from linter.document.limits import MAX_PICTURE_BYTES, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, LimitExceeded, ReadLimits
from linter.document.model import Block, Document, Image, Link, Notice, Paragraph, Text, line_starts
from linter.document.readers import ReadError
from linter.document.readers.synthetic import expand_grid, normalize_pieces

_VOID = {"br", "img", "meta", "link", "hr", "input", "area", "base", "col", "embed", "param", "source",
         "track", "wbr"}
_DROP = {"script", "style", "head", "title", "noscript", "template", "form", "button", "select",
         "textarea", "iframe", "object", "svg", "nav", "aside"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
          "table", "tbody", "thead", "tfoot", "section", "article", "main", "blockquote", "pre",
          "center", "hr", "address", "header", "footer", "figure", "figcaption", "caption", "br", "td", "th"}
_NOISE_RE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|share|copyright|toolbar|footer|"
    r"dqwz|weizhi|location|position)(?:$|[-_\s\d])", re.I)
_MAX_DEPTH = 200  # deeper elements are kept flat: real pages nest a few dozen levels
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CHARSET_TEXT_RE = re.compile(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)[^>]*>?""", re.I)
_ICON_RE = re.compile(r"(icon|logo|spacer|blank|dot\.|arrow|share|print|close|weixin|wechat|qrcode|ewm)", re.I)
_TITLE_CLASS_RE = re.compile(r"(title|bt|tit|biaoti)", re.I)
_TITLE_TEXT_RE = re.compile(r"(?:报告|年报)[（(]?[^）)]{0,4}[）)]?$")


@dataclass(slots=True)
class Node:
    tag: str
    attrs: dict[str, str]
    start: int                    # source offset of the start tag
    end: int = 0                  # source offset just after the start tag
    parent: "Node | None" = None
    children: list = field(default_factory=list)  # Node | Chars


@dataclass(slots=True)
class Chars:
    """A run of text: contiguous in the source from `start` (an entity is a run of one character)."""

    text: str
    start: int
    contiguous: bool = True

    @property
    def chars(self) -> list[str]:
        return list(self.text)

    @property
    def offsets(self) -> list[int]:
        return list(range(self.start, self.start + len(self.text))) if self.contiguous else [self.start]


def read(data: bytes, path: str, fmt: str = "html", limits: ReadLimits | None = None,
         pictures: bool = False) -> Document:
    m = _CHARSET_RE.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace") if m else None
    try:
        source, encoding, mismatch = decode_declared(data, declared)
    except DecodeError as exc:
        raise ReadError(f"cannot decode the HTML page ({exc})", "encoding") from exc
    root = parse_tree(source, (limits or ReadLimits()).items)
    page_title = _page_title(root)   # before the blocks are read: reading drops the <head>
    body = find_body(root)
    reader = _Blocks(source, _PictureFiles(path, pictures))
    blocks = reader.run(body)
    title = _outside_title(root, body, blocks)
    if title is not None:
        blocks.insert(0, title)
    if page_title is not None:
        blocks.insert(0, page_title)
    notices = [_charset_notice(source, mismatch, encoding)] if mismatch else []
    return Document(path=path, format=fmt, source=source, blocks=blocks, encoding=encoding, notices=notices,
                    links=reader.links)


def _charset_notice(source: str, declared: str, actual: str) -> Notice:
    """The page declares one charset and is written in another: where the declaration stands."""
    m = _CHARSET_TEXT_RE.search(source, 0, 8192)
    start, end = (m.start(), m.end()) if m else (0, 0)
    return Notice("charset-mismatch", start, end, {"declared": declared, "actual": actual.split(" ")[0]})


# ── tree ────────────────────────────────────────────────────────────────────────────────────────
def parse_tree(source: str, max_items: int | None = None) -> Node:
    """A tolerant element tree with per-character source offsets for text (stdlib html.parser).

    More than `max_items` elements and text runs (an entity is a run of its own) is `LimitExceeded`: a
    table of a million rows must not become millions of objects (`ReadLimits.items`)."""
    builder = _TreeBuilder(line_starts(source), max_items)
    builder.feed(source)
    builder.close()
    return builder.root


class _TreeBuilder(HTMLParser):
    """Builds the tree as the parser reports tags and text; closes what browsers close implicitly (a cell at
    the next cell, a row at the next row, a paragraph at the next paragraph) and stops nesting at _MAX_DEPTH."""

    def __init__(self, starts: list[int], max_items: int | None) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Node("#root", {}, 0)
        self.cur = self.root
        self.depth = 0
        self.items = 0
        self.starts = starts
        self.max_items = max_items

    def _count(self) -> None:
        self.items += 1
        if self.max_items is not None and self.items > self.max_items:
            raise LimitExceeded(f"the HTML page has more than {self.max_items} elements and text runs "
                                f"(limit for this size limit)")

    def _at(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _close(self, tag: str, stop: tuple[str, ...] = ()) -> bool:
        root = self.root
        node, depth = self.cur, self.depth
        while node is not root:
            depth -= 1
            if node.tag == tag:
                self.cur = node.parent or root
                self.depth = depth
                return True
            if node.tag in stop:
                return False
            node = node.parent or root
        return False

    def handle_starttag(self, tag, attrs):
        self._count()
        at = self._at()
        text = self.get_starttag_text() or ""
        if tag in ("td", "th"):
            self._close("td", ("tr", "table")) or self._close("th", ("tr", "table"))
        elif tag == "tr":
            self._close("tr", ("table",))
        elif tag in ("p", "li") and self.cur.tag == tag:
            self._close(tag)
        node = Node(tag, {k: (v or "") for k, v in attrs}, at, at + len(text), self.cur)
        self.cur.children.append(node)
        if tag not in _VOID and self.depth < _MAX_DEPTH:
            self.cur = node
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self._count()
        at = self._at()
        text = self.get_starttag_text() or ""
        self.cur.children.append(Node(tag, {k: (v or "") for k, v in attrs}, at, at + len(text), self.cur))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        stop = ("table",) if tag in ("td", "th", "tr", "tbody", "thead", "tfoot", "p") else ()
        self._close(tag, stop)

    def handle_data(self, data):
        self._count()
        self.cur.children.append(Chars(data, self._at()))

    def _ref(self, raw: str) -> None:
        self._count()
        self.cur.children.append(Chars(unescape(raw)[:1] or " ", self._at(), contiguous=False))

    def handle_entityref(self, name):
        self._ref(f"&{name};")

    def handle_charref(self, name):
        self._ref(f"&#{name};")


def _elements(node: Node):
    yield node
    for child in node.children:
        if isinstance(child, Node):
            yield from _elements(child)


def _is_noise(node: Node, in_article: bool) -> bool:
    if node.tag in _DROP:
        return True
    if node.tag in ("header", "footer") and not in_article:
        return True
    names = f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}"
    return bool(names.strip() and _NOISE_RE.search(names))


def _prune(node: Node, in_article: bool = False) -> None:
    """Drop noise elements in place (step 1 of the body search)."""
    inside = in_article or node.tag in ("article", "main")
    kept = []
    for child in node.children:
        if isinstance(child, Node):
            if _is_noise(child, inside):
                continue
            _prune(child, inside)
        kept.append(child)
    node.children = kept


def _score(node: Node, scores: dict[int, int], in_link: bool = False) -> int:
    total = 0
    for child in node.children:
        if isinstance(child, Chars):
            if not in_link:
                total += len(_CJK_RE.findall(child.text))
        else:
            total += _score(child, scores, in_link or child.tag == "a")
    scores[id(node)] = total
    return total


def find_body(root: Node) -> Node:
    """The element that holds the article (steps 1 and 2 of the module docstring)."""
    _prune(root)
    scores: dict[int, int] = {}
    total = _score(root, scores)
    if total == 0:
        return root
    node = root
    while True:
        best = None
        for child in node.children:
            if isinstance(child, Node) and scores[id(child)] >= 0.7 * total:
                if child.tag == "table" and not is_layout_table(child):
                    continue  # a data table is part of the article, never the article itself
                best = child
        if best is None:
            return node
        node = best


def _outside_title(root: Node, body: Node, blocks: list[Block]) -> Paragraph | None:
    """Step 3: the report title when the page puts it outside the article container."""
    if body is root:
        return None
    first = [b for b in blocks if isinstance(b, Paragraph)][:3]
    if any(_TITLE_TEXT_RE.search(p.text.text) and len(p.text.text) < 80 for p in first):
        return None
    candidate = None
    for node in _elements(root):
        if node is body:
            break
        heading = re.fullmatch(r"h[1-6]", node.tag) or _TITLE_CLASS_RE.search(
            f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}")
        if not heading or _contains(node, body):
            continue
        chars, offsets = _flat_text(node)
        text = normalize_pieces(chars, offsets)
        if 6 <= len(text.text) <= 80 and _TITLE_TEXT_RE.search(text.text):
            candidate = Paragraph(text, heading=int(node.tag[1]) if re.fullmatch(r"h[1-6]", node.tag) else 1)
    return candidate


def _page_title(root: Node) -> Paragraph | None:
    """The page's <title> when it names a report: page furniture, never text, but it may be the only place the
    page names the report's agency and year."""
    for node in _elements(root):
        if node.tag == "title":
            chars, offsets = _flat_text(node)
            text = normalize_pieces(chars, offsets)
            if _TITLE_TEXT_RE.search(text.text) and len(text.text) <= 120:
                return Paragraph(text, role="metadata")
            return None
    return None


def _contains(node: Node, other: Node) -> bool:
    p: Node | None = other
    while p is not None:
        if p is node:
            return True
        p = p.parent
    return False


def _flat_text(node: Node) -> tuple[list[str], list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    for child in node.children:
        if isinstance(child, Chars):
            chars += child.chars
            offsets += child.offsets
        else:
            if child.tag in _BLOCK and chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(child.start)
            c, o = _flat_text(child)
            chars += c
            offsets += o
    return chars, offsets


# ── blocks ──────────────────────────────────────────────────────────────────────────────────────
class _Blocks:
    """Walks the body element and emits paragraphs, tables and images in document order."""

    def __init__(self, source: str, pictures: _PictureFiles | None = None) -> None:
        self.source = source
        self.pictures = pictures
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.heading = 0

    def run(self, body: Node) -> list[Block]:
        self.walk(body)
        self.flush()
        return self.blocks

    def flush(self) -> None:
        text = normalize_pieces(self.chars, self.offsets)
        if text.text:
            self.blocks.append(Paragraph(text, heading=self.heading))
        self.chars, self.offsets, self.heading = [], [], 0

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, Chars):
                self.chars += child.chars
                self.offsets += child.offsets
                continue
            tag = child.tag
            if tag == "img":
                self.image(child)
                continue
            if _is_link(child):
                self.links.append(_link(child))
            if tag == "table":
                if is_layout_table(child):
                    self.flush()
                    for cell in _cells(child):
                        self.walk(cell)
                        self.flush()
                else:
                    self.flush()
                    for caption in (c for c in child.children if isinstance(c, Node) and c.tag == "caption"):
                        self.walk(caption)
                        self.flush()
                    self.blocks.append(_table(child))
                    self.links += [_link(a) for a in _elements(child) if _is_link(a)]
                continue
            if tag in _BLOCK:
                self.flush()
                if re.fullmatch(r"h[1-6]", tag):
                    self.heading = int(tag[1])
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def image(self, node: Node) -> None:
        src = node.attrs.get("src", "")
        name = src.rsplit("/", 1)[-1] or node.attrs.get("alt", "") or "image"
        if _is_icon(node, src):
            return
        self.flush()
        # The marker is the <img …> tag itself, so the image's position is the tag's.
        marker = Text(self.source[node.start:node.end], list(range(node.start, node.end)))
        found = self.pictures.find(src) if self.pictures is not None else None
        data = self.pictures.read(found) if found is not None else None
        self.blocks.append(Image(name=name, text=marker, data=data, embedded=found is not None))


def _is_link(node: Node) -> bool:
    return node.tag == "a" and bool(node.attrs.get("href", "").strip())


def _link(node: Node) -> Link:
    """An `<a href>`: its text as the page shows it (positions in the page's source) and its target (the
    parser has already replaced the attribute's entities)."""
    return Link(normalize_pieces(*_flat_text(node)), node.attrs["href"].strip())


class _PictureFiles:
    """The local picture files an HTML page shows (`<img src="tables/t3.png">`), for OCR: only relative
    paths to .png/.jpg files inside the page's own folder, at most `MAX_PICTURE_BYTES` each."""

    SUFFIXES = (".png", ".jpg", ".jpeg")

    def __init__(self, page: str, read: bool) -> None:
        from pathlib import Path

        self.folder = Path(page).resolve().parent
        self.reads = read

    def find(self, src: str):
        """The local file an `src` names, when it is a picture inside the page's folder."""
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return None
        try:
            target = (self.folder / unquote(parts.path)).resolve()
            if target.suffix.lower() not in self.SUFFIXES or not target.is_relative_to(self.folder):
                return None
            return target if target.is_file() and target.stat().st_size <= MAX_PICTURE_BYTES else None
        except (OSError, ValueError):
            return None

    def read(self, target) -> bytes | None:
        if not self.reads:
            return None
        try:
            return target.read_bytes()
        except OSError:
            return None


def _is_icon(node: Node, src: str) -> bool:
    for key in ("width", "height"):
        digits = re.match(r"\s*(\d+)", node.attrs.get(key, ""))
        if digits and int(digits.group(1)) < 60:
            return True
    return bool(_ICON_RE.search(src.rsplit("/", 1)[-1]))


def _rows(table: Node) -> list[Node]:
    """The table's own rows (not those of nested tables)."""
    rows: list[Node] = []
    for child in table.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("tbody", "thead", "tfoot"):
                rows += [c for c in child.children if isinstance(c, Node) and c.tag == "tr"]
    return rows


def _row_cells(row: Node) -> list[Node]:
    return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]


def _cells(table: Node) -> list[Node]:
    return [c for r in _rows(table) for c in _row_cells(r)]


def is_layout_table(table: Node) -> bool:
    """A table used for page layout rather than data (see the module docstring)."""
    rows = _rows(table)
    if not rows or all(len(_row_cells(r)) <= 1 for r in rows):
        return True
    for cell in _cells(table):
        if any(n.tag == "table" for n in _elements(cell) if n is not cell):
            return True
        chars, _ = _flat_text(cell)
        if sum(1 for ch in chars if not ch.isspace()) > 300:
            return True
    return False


def _span(node: Node, key: str) -> int:
    m = re.match(r"\s*(\d+)", node.attrs.get(key, "1"))
    return int(m.group(1)) if m and int(m.group(1)) > 0 else 1


def _table(node: Node):
    rows = []
    for row in _rows(node)[:MAX_TABLE_ROWS]:  # linter/document/limits.py
        cells = []
        for cell in _row_cells(row)[:MAX_TABLE_COLUMNS]:
            chars, offsets = _flat_text(cell)
            text = normalize_pieces(chars, offsets)
            if not text.offsets:
                text._anchor = cell.end  # type: ignore[attr-defined]
            cells.append((text, _span(cell, "rowspan"), _span(cell, "colspan")))
        rows.append(cells)
    return expand_grid(rows, anchor=node.start)
