"""Words for cells and bindings in findings: official labels and source positions."""
from __future__ import annotations

from linter.tables import layout
from linter.tables.cells import TypedCell
from linter.tables.model import TableModel


def cell_words_both(table: TableModel, cell: TypedCell, document) -> tuple[str, str]:
    """`cell_words` and `cell_words_en` of a cell, its source position worked out once for both."""
    if cell.source in ("derived", "image"):
        return cell_words(table, cell, document), cell_words_en(table, cell, document)
    pos = document.position(cell.start)
    return cell_words(table, cell, document, pos), cell_words_en(table, cell, document, pos)


def cell_words(table: TableModel, cell: TypedCell, document, pos=None) -> str:
    """A cell named for a reader: its row and column labels, what it holds, where it stands (`pos`, the position
    of its start, when already known)."""
    label = f"{table.row_label(cell.row)}／{table.column_label(cell.col)}"
    if cell.source == "derived":
        return f"{label}＝{_fmt(cell.value)}（图片中未能识别，由表内勾稽关系推出）"
    value = cell.raw if cell.raw else "空白"
    if cell.source == "image":
        return f"{label}＝{value}（识别自图片）"
    if pos is None:
        pos = document.position(cell.start)
    return f"{label}＝{value}（第{pos.line}行第{pos.column}列）"


def cell_words_en(table: TableModel, cell: TypedCell, document, pos=None) -> str:
    ref = cell_name_en(table.name, cell.row, cell.col)
    if cell.source == "derived":
        return f"{ref}={_fmt(cell.value)} (not read from the image; fixed by the table's identities)"
    value = cell.raw if cell.raw else "blank"
    if cell.source == "image":
        return f"{ref}={value} (read from the image)"
    if pos is None:
        pos = document.position(cell.start)
    return f"{ref}={value} (line {pos.line}, column {pos.column})"


def _fmt(value) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


def binding_words(table: TableModel, bindings: dict[str, str]) -> str:
    parts = []
    for key in bindings.values():
        if table.name == "t3" and key in {s.key for s in layout.T3_COLUMNS}:
            parts.append(f"{table.column_label(key)}列")
        elif table.name == "t3":
            parts.append(f"“{table.row_label(key)}”行")
        elif table.name == "t4" and key in layout.T4_ORDER:
            parts.append(table.row_label(key))
        elif table.name == "t4":
            parts.append(f"{table.column_label(key)}栏")
        elif key in {s.key for s in layout.T2_ROWS}:
            parts.append(f"“{table.row_label(key)}”行")
        else:
            parts.append(f"“{table.column_label(key)}”栏")
    return "、".join(parts)


def cell_ref(table: TableModel, cell: TypedCell) -> dict[str, str]:
    return {"row": table.row_label(cell.row), "column": table.column_label(cell.col),
            "row_key": cell.row, "column_key": cell.col}


# English names of the tables, their rows and columns (for --lang en): what a reader of the English message
# needs instead of the internal keys t3, R1, NP …
TABLE_NAMES_EN = {"t2": "Table 2", "t3": "Table 3", "t4": "Table 4"}
TABLE_TITLES_EN = {"t2": "proactive disclosure", "t3": "requests received and handled",
                   "t4": "administrative review and litigation"}
LABELS_EN: dict[str, dict[str, str]] = {
    "t3": {
        "R1": "I. new requests this year", "R2": "II. requests carried over from last year",
        "R3": "(1) disclosed", "R4": "(2) partly disclosed", "R5": "(3) not disclosed: 1. state secret",
        "R6": "(3) not disclosed: 2. prohibited by other laws and regulations",
        "R7": "(3) not disclosed: 3. would endanger security or stability",
        "R8": "(3) not disclosed: 4. protecting a third party's rights",
        "R9": "(3) not disclosed: 5. internal affairs", "R10": "(3) not disclosed: 6. process information",
        "R11": "(3) not disclosed: 7. enforcement case files", "R12": "(3) not disclosed: 8. inquiry matters",
        "R13": "(4) cannot be provided: 1. not held by this agency",
        "R14": "(4) cannot be provided: 2. would have to be produced",
        "R15": "(4) cannot be provided: 3. still unclear after correction",
        "R16": "(5) not handled: 1. petitions and complaints", "R17": "(5) not handled: 2. repeated requests",
        "R18": "(5) not handled: 3. published materials", "R19": "(5) not handled: 4. mass repeated requests",
        "R20": "(5) not handled: 5. confirming information already obtained",
        "OTHER": "(6) other handling", "R21": "(6) other handling: 1. no correction in time",
        "R22": "(6) other handling: 2. fees not paid in time", "R23": "(6) other handling: 3. other",
        "R24": "(7) total", "R25": "IV. carried over to next year",
        "DENY": "(3) not disclosed", "UNABLE": "(4) cannot be provided", "NOPROC": "(5) not handled",
        "NP": "natural persons", "BE": "businesses", "RI": "research institutions",
        "SO": "public-interest organisations", "LS": "legal service providers", "OT": "other applicants",
        "SUB": "subtotal", "T": "total",
    },
    "t4": {
        "RV": "administrative review", "LD": "lawsuits without review", "LR": "lawsuits after review",
        "M": "upheld", "C": "corrected", "O": "other result", "U": "pending", "T": "total",
    },
    "t2": {
        "regulations": "rules", "normative": "normative documents", "licensing": "administrative licences",
        "other_services": "other administrative services", "punishment": "administrative penalties",
        "coercion": "administrative coercion", "fees": "administrative fees", "procurement": "central procurement",
        "issued": "issued this year", "repealed": "repealed this year", "current": "in force",
        "decisions": "decisions this year", "amount": "fees collected (10,000 yuan)", "made": "made this year",
        "published": "published this year", "total_published": "published in total",
        "previous": "items last year", "change": "change this year", "purchase_count": "procurement items",
        "purchase_amount": "procurement amount",
    },
}


def label_en(table: str, key: str) -> str:
    """The English name of a row or column key of a table (the key itself when it has none)."""
    return LABELS_EN.get(table, {}).get(key, key)


def cell_name_en(table: str, row: str, col: str) -> str:
    """Table 4 (administrative review, total): a cell named in English."""
    return f"{TABLE_NAMES_EN.get(table, table)} ({label_en(table, row)}, {label_en(table, col)})"


def binding_words_en(table: TableModel, bindings: dict[str, str]) -> str:
    """The rows or columns an identity instance is about, in English."""
    return ", ".join(label_en(table.name, key) for key in bindings.values())


def _english_by_label() -> dict[str, str]:
    """Official Chinese label → English name, for every row and column and the table names and titles."""
    out: dict[str, str] = {}
    for name, specs in (("t3", layout.T3_ROWS + layout.T3_COLUMNS), ("t4", layout.T4_BLOCKS + layout.T4_FIELDS),
                        ("t2", layout.T2_ROWS + layout.T2_COLUMNS)):
        for spec in specs:
            out.setdefault(spec.label, label_en(name, spec.key))
    for group, label in layout.T3_GROUP_LABELS.items():
        out.setdefault(label, label_en("t3", group))
    for name, title in layout.TABLE_NAMES.items():
        out[title] = TABLE_NAMES_EN[name]
        out[name] = TABLE_NAMES_EN[name]
        out[layout.TABLE_TITLES[name]] = TABLE_TITLES_EN[name]
    return out


ENGLISH_BY_LABEL = _english_by_label()
