"""The fast YAML reader (libyaml) and the round-trip reader (ruamel.yaml) give the same values and
the same line numbers, so ingest can use the fast one and `verify` the one that writes back; the
fast reader builds values from libyaml's events and leaves what they do not cover (anchors, tags,
merge keys, repeated keys) to libyaml's node tree, with the same values and lines either way."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ingest.problems import IngestError
from ingest.yamlfile import _load_events, _load_nodes, _Unsupported, line_of, read_yaml
from pledgegraph.settings import BUNDLED_DATA

TRICKY = """\
plain: [yes, no, on, off, y, n, true, False, null, ~, ""]
numbers: [010, 0o17, 0x1F, 1_000, -7, +3, 1.5e3, .5, 1., .inf, -.inf]
dates: [2026-02-24, 2026-02-30, 2026-02-27T17:01:00, 2026-02-27 17:01:00Z]
text: |
  A block scalar
  over two lines.
folded: >-
  folded
  text
quoted: ["yes", '010', "2026-02-24"]
nested:
  - a: 1
    b: [x, {c: 2}]
  - - deep
    - 3
base: &base {k: 1}
merged:
  <<: *base
  j: 2
empty:
"""


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, float) and value != value:
        return "nan"
    return value


def lines(value: Any, path: str = "") -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    if isinstance(value, dict):
        out[path] = line_of(value)
        for key, item in value.items():
            out[f"{path}/{key}"] = line_of(value, key)
            out.update(lines(item, f"{path}/{key}"))
    elif isinstance(value, list):
        out[path] = line_of(value)
        for index, item in enumerate(value):
            out[f"{path}[{index}]"] = line_of(value, index)
            out.update(lines(item, f"{path}[{index}]"))
    return out


def same_lines(fast: Any, slow: Any) -> None:
    """Every line the round-trip reader knows, the fast one gives too (it also knows merged keys)."""
    fast_lines, slow_lines = lines(fast), lines(slow)
    assert fast_lines.keys() == slow_lines.keys()
    assert {k: v for k, v in fast_lines.items() if slow_lines[k] is not None} == {
        k: v for k, v in slow_lines.items() if v is not None
    }


def both(path: Path) -> tuple[Any, Any]:
    return read_yaml(path), read_yaml(path, round_trip=True)


def test_tricky_scalars_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    fast, slow = both(path)
    assert plain(fast) == plain(slow)
    assert fast["plain"][:3] == ["yes", "no", "on"]  # YAML 1.2: not booleans
    assert fast["numbers"][:2] == [10, 15] and fast["dates"][1] == "2026-02-30"
    same_lines(fast, slow)


@pytest.mark.parametrize(
    "path",
    sorted(BUNDLED_DATA.rglob("*.yaml")),
    ids=lambda p: str(p.relative_to(BUNDLED_DATA)),
)
def test_bundled_files_read_the_same(path: Path) -> None:
    fast, slow = both(path)
    assert plain(fast) == plain(slow)
    same_lines(fast, slow)


@pytest.mark.parametrize(
    "text",
    ["a: 1\na: 2\n", "a: [1\n", "- x\ny: 1\n", "a: !custom 1\n"],
    ids=["duplicate key", "unclosed bracket", "mixed", "unknown tag"],
)
def test_both_readers_refuse_the_same_broken_files(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as fast:
        read_yaml(path)
    assert "malformed YAML" in str(fast.value) and str(path) in str(fast.value)
    if text.startswith("a: !custom"):
        return  # ruamel keeps unknown tags as tagged values; ingest refuses them
    with pytest.raises(IngestError):
        read_yaml(path, round_trip=True)


WITHOUT_ANCHORS = TRICKY[: TRICKY.index("base: &base")] + "empty:\n"


def same_values_and_lines(a: Any, b: Any) -> None:
    assert plain(a) == plain(b) and lines(a) == lines(b)
    assert type(a) is type(b)


def test_events_and_nodes_read_the_same() -> None:
    same_values_and_lines(_load_events(WITHOUT_ANCHORS), _load_nodes(WITHOUT_ANCHORS))
    assert _load_events("") is None and _load_nodes("") is None
    assert _load_events("just text") == "just text"


@pytest.mark.parametrize(
    "text",
    [TRICKY, "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "--- 1\n--- 2\n", "? [k]\n: v\n"],
    ids=["merge key", "alias", "tag", "repeated key", "two documents", "collection key"],
)
def test_what_events_do_not_cover_goes_to_the_node_tree(text: str) -> None:
    with pytest.raises(_Unsupported):
        _load_events(text)


@pytest.mark.parametrize(
    "path",
    sorted(BUNDLED_DATA.rglob("*.yaml")),
    ids=lambda p: str(p.relative_to(BUNDLED_DATA)),
)
def test_bundled_files_take_the_event_path(path: Path) -> None:
    """Every bundled file is read from events, or uses anchors (then the node tree reads it)."""
    text = path.read_text(encoding="utf-8")
    try:
        same_values_and_lines(_load_events(text), _load_nodes(text))
    except _Unsupported:
        assert re.search(r"^\s*-? ?&[\w-]+$", text, re.M), "only anchors send a file to the nodes"
