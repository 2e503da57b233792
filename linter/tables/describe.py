"""Words for cells and bindings in findings: official labels and source positions."""
from __future__ import annotations

from linter.tables import layout
from linter.tables.cells import TypedCell
from linter.tables.model import TableModel


def cell_words(table: TableModel, cell: TypedCell, document) -> str:
    label = f"{table.row_label(cell.row)}／{table.column_label(cell.col)}"
    if cell.source == "derived":
        return f"{label}＝{_fmt(cell.value)}（图片中未能识别，由表内勾稽关系推出）"
    value = cell.raw if cell.raw else "空白"
    if cell.source == "image":
        return f"{label}＝{value}（识别自图片）"
    pos = document.position(cell.start)
    return f"{label}＝{value}（第{pos.line}行第{pos.column}列）"


def cell_words_en(table: TableModel, cell: TypedCell, document) -> str:
    ref = f"{table.name}[{cell.row},{cell.col}]"
    if cell.source == "derived":
        return f"{ref}={_fmt(cell.value)} (not read from the image; fixed by the table's identities)"
    value = cell.raw if cell.raw else "blank"
    if cell.source == "image":
        return f"{ref}={value} (read from the image)"
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
