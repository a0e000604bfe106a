"""YAML files read with line numbers and written back without losing comments.

Two readers give the same values and line numbers: a fast one (libyaml through PyYAML, with the
YAML 1.2 core schema that ruamel.yaml uses) for ingest, and ruamel.yaml's round-trip reader for
`verify`, which writes files back with their comments.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml as pyyaml
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


class LineDict(dict[Any, Any]):
    """A mapping read by the fast reader, with the line of itself and of each key (0-based)."""

    line: int
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence read by the fast reader, with the line of itself and of each item (0-based)."""

    line: int
    item_lines: list[int]


class _Resolver(pyyaml.resolver.BaseResolver):
    """YAML 1.2 core schema, as ruamel.yaml resolves plain scalars (no yes/no booleans)."""


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        "int",
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
        "-+0123456789",
    ),
    ("merge", r"^(?:<<)$", "<"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
):
    _Resolver.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern, re.X), list(_first)
    )


class _Constructor(pyyaml.constructor.SafeConstructor):
    """Plain values in LineDict/LineList, duplicate keys refused, impossible dates kept as text."""

    def construct_line_mapping(self, node: pyyaml.MappingNode) -> Iterator[LineDict]:
        self.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line
        out.key_lines = {}
        yield out
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool | dt.date | None):
                raise pyyaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found an unhashable key",
                    key_node.start_mark,
                )
            if key in out:
                raise pyyaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f'found duplicate key "{key}"',
                    key_node.start_mark,
                )
            out[key] = self.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line

    def construct_line_sequence(self, node: pyyaml.SequenceNode) -> Iterator[LineList]:
        out = LineList()
        out.line = node.start_mark.line
        out.item_lines = [item.start_mark.line for item in node.value]
        yield out
        out.extend(self.construct_object(item, deep=True) for item in node.value)

    def construct_yaml_int(self, node: pyyaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if digits.startswith(("0b", "0x", "0o")):
            return sign * int(digits, 0)
        return sign * int(digits)

    def construct_timestamp(self, node: pyyaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


for _tag, _construct in (
    ("map", _Constructor.construct_line_mapping),
    ("seq", _Constructor.construct_line_sequence),
    ("int", _Constructor.construct_yaml_int),
    ("timestamp", _Constructor.construct_timestamp),
):
    # The stubs bind add_constructor to PyYAML's own loader classes.
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct)  # type: ignore[type-var]

try:
    from yaml._yaml import CParser as _Parser  # libyaml
except ImportError:  # PyYAML built without libyaml: the same grammar in pure Python
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _FastLoader(_Parser, _Constructor, _Resolver):
    """libyaml's parser with the constructor and resolver above."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def _load_nodes(text: str) -> Any:
    """The whole of YAML: libyaml composes nodes, the constructor above builds values."""
    loader = _FastLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class _Unsupported(Exception):
    """The event reader met what it leaves to the node reader (anchors, tags, merges...)."""


_SCALARS = _Constructor()  # builds a plain scalar once its tag is resolved
_RESOLVERS = _Resolver.yaml_implicit_resolvers
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool", "int", "float", "timestamp")
)


def _plain_scalar(value: str) -> Any:
    """A plain scalar's value under the resolver above (YAML 1.2 core schema)."""
    tag = _STR
    for candidate, pattern in _RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            tag = candidate
            break
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _TIMESTAMP and len(value) == 10:  # a date: 4, 2 and 2 digits, as the pattern says
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            return value  # an impossible date stays text, as the node reader keeps it
    if tag == _INT and value.isdigit():
        return int(value)
    node = pyyaml.ScalarNode(tag, value)
    if tag == _INT:
        return _SCALARS.construct_yaml_int(node)
    if tag == _FLOAT:
        return _SCALARS.construct_yaml_float(node)
    if tag == _TIMESTAMP:
        return _SCALARS.construct_timestamp(node)
    raise _Unsupported(tag)  # a merge key


def _load_events(text: str) -> Any:
    """Build values straight from libyaml's events, with the same values and lines as
    `_load_nodes` (2-3x faster: no node tree, no generic constructor). Raises _Unsupported on
    anchors, aliases, tags, merge keys, keys that are not scalars, repeated keys and documents
    after the first, which `_load_nodes` reads (or refuses) as YAML says."""
    parser = _Parser(text)
    get_event = parser.get_event
    scalar_event, mapping_start, sequence_start = (
        pyyaml.ScalarEvent,
        pyyaml.MappingStartEvent,
        pyyaml.SequenceStartEvent,
    )
    closing = (pyyaml.MappingEndEvent, pyyaml.SequenceEndEvent)
    stack: list[Any] = []  # the open collections, innermost last
    pending: list[Any] = []  # for each open mapping: its key waiting for a value (or _NO_KEY)
    root: Any = None
    documents = 0
    try:
        while True:
            event: Any = get_event()  # the stubs know only the base Event
            if event is None:
                break
            kind = type(event)
            if kind is pyyaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unsupported("documents")
                continue
            if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    raise _Unsupported("anchor or tag")
                line = event.start_mark.line
                if kind is scalar_event:
                    # implicit[0]: a plain scalar (resolved by its form); quoted and block: text
                    value: Any = _plain_scalar(event.value) if event.implicit[0] else event.value
                else:
                    value = LineDict() if kind is mapping_start else LineList()
                    value.line = line
                    if kind is mapping_start:
                        value.key_lines = {}
                    else:
                        value.item_lines = []
                if not stack:
                    root = value
                else:
                    parent = stack[-1]
                    if type(parent) is LineList:
                        parent.append(value)
                        parent.item_lines.append(line)
                    elif pending[-1] is _NO_KEY:
                        if kind is not scalar_event or value in parent:
                            raise _Unsupported("key")
                        if not isinstance(value, str | int | float | bool | dt.date | None):
                            raise _Unsupported("key")
                        pending[-1] = value
                        parent.key_lines[value] = line
                        continue
                    else:
                        parent[pending[-1]] = value
                        pending[-1] = _NO_KEY
                if kind is not scalar_event:
                    stack.append(value)
                    pending.append(_NO_KEY)
            elif kind in closing:
                stack.pop()
                pending.pop()
            elif kind is pyyaml.AliasEvent:
                raise _Unsupported("alias")
    finally:
        dispose = getattr(parser, "dispose", None)  # libyaml's parser holds C memory
        if dispose is not None:
            dispose()
    return root


_NO_KEY = object()


def _load_fast(text: str) -> Any:
    """Plain dicts and lists with lines: from events where the document allows, else nodes."""
    try:
        return _load_events(text)
    except _Unsupported:
        return _load_nodes(text)


def read_yaml(path: Path, round_trip: bool = False) -> Any:
    """Parse ``path`` with line numbers; bad input raises IngestError.

    ``round_trip`` reads with ruamel.yaml, keeping comments and layout so `write_yaml` can write
    the document back; otherwise the fast reader gives plain dicts and lists with lines.
    """
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
        return _yaml().load(text) if round_trip else _load_fast(text)
    except (MarkedYAMLError, pyyaml.MarkedYAMLError) as err:  # the two readers' errors alike
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
    except (YAMLError, pyyaml.YAMLError) as err:
        raise IngestError(
            [Problem(path, None, "", f"malformed YAML: {err}", "correct the YAML syntax")]
        ) from err


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, then a rename."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_yaml(path: Path, data: Any) -> None:
    """Write ``data`` back to ``path`` atomically (a temporary file, then a rename)."""
    out = io.StringIO()
    _yaml().dump(data, out)
    write_text_atomic(path, out.getvalue())


def line_of(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of ``node`` (or of its ``key``/item) when the parser recorded it."""
    try:
        if isinstance(node, LineDict):
            return (node.line if key is None else node.key_lines[key]) + 1
        if isinstance(node, LineList):
            return (node.line if key is None else node.item_lines[int(key)]) + 1
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
