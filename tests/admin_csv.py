"""Read neo4j-admin import CSV files back by their header conventions, for round-trip tests.

Headers name each column `name[:type]`; `id:ID`, `:LABEL`, `:START_ID`, `:END_ID` and `:TYPE` are
the structural columns; arrays are split at the array delimiter; an empty field is no value.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

CONVERT = {
    "string": str,
    "long": int,
    "boolean": lambda v: {"true": True, "false": False}[v],
    "date": dt.date.fromisoformat,
    "localdatetime": dt.datetime.fromisoformat,
}


def _typed(header: str, value: str, delimiter: str) -> Any:
    kind = header.partition(":")[2]
    if kind.endswith("[]"):
        return [CONVERT[kind[:-2]](v) for v in value.split(delimiter)]
    return CONVERT[kind or "string"](value)


def read_file(path: Path, delimiter: str = ";") -> list[dict[str, Any]]:
    """Rows of one file: structural columns by their header, properties under "props"."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for record in reader:
            row: dict[str, Any] = {"props": {}}
            for column, value in zip(header, record, strict=True):
                if column.startswith(":"):
                    row[column[1:]] = value.split(delimiter) if column == ":LABEL" else value
                elif value == "":
                    continue
                elif column.endswith(":ID"):
                    row["ID"] = row["props"][column.split(":")[0]] = value
                else:
                    row["props"][column.split(":")[0]] = _typed(column, value, delimiter)
            rows.append(row)
    return rows
