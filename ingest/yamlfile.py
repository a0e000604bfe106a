"""YAML files read with line numbers and written back without losing comments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode

from ingest.problems import IngestError, Problem

MAX_BYTES = 2_000_000


def _timestamp(constructor: RoundTripConstructor, node: ScalarNode) -> Any:
    """Dates as usual, but an impossible one (2026-02-30) stays text for validation to report."""
    try:
        return constructor.construct_yaml_timestamp(node)
    except ValueError:
        return constructor.construct_scalar(node)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.Constructor = type("Constructor", (RoundTripConstructor,), {})
    yaml.Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def read_yaml(path: Path) -> Any:
    """Parse ``path`` round-trip (comments and line numbers kept); bad input raises IngestError."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IngestError(
            [Problem(path, None, "", f"cannot read the file ({err.strerror})", "check the path")]
        ) from err
    if size > MAX_BYTES:
        raise IngestError(
            [
                Problem(
                    path,
                    None,
                    "",
                    f"file is {size} bytes, over the {MAX_BYTES} limit",
                    "split it into smaller files",
                )
            ]
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(
            [
                Problem(
                    path, None, "", f"not UTF-8 text (byte {err.start})", "save the file as UTF-8"
                )
            ]
        ) from err
    try:
        return _yaml().load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        raise IngestError(
            [
                Problem(
                    path,
                    line,
                    "",
                    f"malformed YAML: {err.problem or err.context}",
                    "correct the YAML syntax",
                )
            ]
        ) from err
    except YAMLError as err:
        raise IngestError(
            [Problem(path, None, "", f"malformed YAML: {err}", "correct the YAML syntax")]
        ) from err


def write_yaml(path: Path, data: Any) -> None:
    """Write ``data`` back to ``path`` atomically (a temporary file, then a rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        _yaml().dump(data, handle)
    tmp.replace(path)


def line_of(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of ``node`` (or of its ``key``/item) when the parser recorded it."""
    try:
        if key is None:
            return int(node.lc.line) + 1
        if isinstance(node, CommentedMap):
            return int(node.lc.key(key)[0]) + 1
        if isinstance(node, CommentedSeq):
            return int(node.lc.item(key)[0]) + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return None
    return None


def set_last(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set ``key`` as the mapping's last entry, keeping a comment that trailed the old last entry
    after the new one (where it stood in the file)."""
    last = next(reversed(mapping), None) if len(mapping) else None
    trailing = mapping.ca.items.pop(last, None) if last is not None and last != key else None
    mapping.pop(key, None)
    mapping[key] = value
    if trailing is not None:
        for token in trailing:
            # A comment after a block scalar is stored without its line break: restore it so the
            # comment stays on its own line instead of trailing the new value.
            if token is not None and hasattr(token, "value") and not token.value.startswith("\n"):
                token.value = "\n" + token.value
        mapping.ca.items[key] = trailing


def flow_map(**items: Any) -> CommentedMap:
    """A mapping that is written on one line (``{a: 1, b: [2, 3]}``)."""
    out = CommentedMap()
    for key, value in items.items():
        if isinstance(value, list):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            value = seq
        out[key] = value
    out.fa.set_flow_style()
    return out
