"""The three statistics tables as typed models: 表二 (主动公开), 表三 (依申请), 表四 (复议诉讼).

Interface (other check kinds code against this)::

    from linter.tables import statistics_tables
    tables = statistics_tables(ctx)          # computed once per document (cached on ctx)
    tables.t2, tables.t3, tables.t4          # TableModel, or None when the table is absent
    cell = tables.t3.cell("R22", "T")        # TypedCell, or None when the row/column is absent
    cell.value                               # decimal.Decimal, or None when blank ("", "/", "-", "—", "无")
    tables.t3.number("R1", "T")              # the value, or a blank total's sum of its filled parts (derived)
    cell.raw, cell.start, cell.end           # text as written; source offsets
    cell.status                              # "number" | "blank" | "invalid"
    tables.t3.group_sum("OTHER", "T")        # Σ of a group (DENY, UNABLE, NOPROC, OTHER); None if a cell is blank
    tables.t3.format                         # "2021" or "2019"; tables.t3.layout lists deviations

Keys (the official grids of 国办公开办函〔2021〕30号):

* 表三 rows ``R1``…``R25`` (R21–R23 the three （六）其他处理 rows).  A table with a single （六）其他处理
  row (the 2019 format, and some 2021 reports) has the row ``OTHER`` instead of R21–R23 and
  ``layout`` contains "single-other".  Columns ``NP BE RI SO LS OT T`` (自然人, 商业企业, 科研机构,
  社会公益组织, 法律服务机构, 其他, 总计), plus ``SUB`` when a 小计 column is printed.
* 表四 rows ``RV`` (行政复议), ``LD`` (未经复议直接起诉), ``LR`` (复议后起诉); columns ``M C O U T``
  (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
* 表二 rows ``regulations normative licensing punishment coercion fees`` (2019 also ``other_services``,
  ``procurement``); columns ``issued repealed current decisions amount`` (2019: ``made published
  total_published previous change purchase_count purchase_amount``).

A table a crawled page ran into running text is recovered when its digit runs split uniquely into the row's
cells (`linter.tables.recover`; its layout says "run-together").  `tables.unreadable` names tables whose text is
present but whose cells run together beyond a unique split; no numbers are taken from such text.
"""
from __future__ import annotations

from linter.tables.build import build_tables, statistics_tables
from linter.tables.cells import TypedCell, parse_cell
from linter.tables.model import StatisticsTables, TableModel

__all__ = ["statistics_tables", "build_tables", "StatisticsTables", "TableModel", "TypedCell", "parse_cell"]
