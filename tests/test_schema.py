"""The schema is the one declaration; derived files must match it."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from schema import load_schema
from schema.generate import ROOT, generated_files
from schema.model import SCHEMA_FILE, SchemaError, parse_schema


def test_schema_resolves_inheritance_and_labels() -> None:
    schema = load_schema()
    assert schema.node_types["Lab"].labels == ("Lab", "Organisation", "Entity")
    assert {"id", "name", "aliases"} <= set(schema.node_types["Person"].properties)
    for required in (
        "MADE",
        "SUPERSEDED_BY",
        "DROPPED",
        "PRESSURED",
        "HOLDS_ROLE",
        "PART_OF",
        "CRITICIZED",
    ):
        assert required in schema.edge_types
    assert schema.edge_types["SUPERSEDED_BY"].own_properties["change"].values == (
        "weakened",
        "strengthened",
        "replaced",
    )
    assert {"demand", "deadline", "threat"} <= set(schema.edge_types["PRESSURED"].own_properties)
    for kind in (
        "Organisation",
        "Lab",
        "GovernmentBody",
        "Person",
        "Commitment",
        "Policy",
        "PolicyVersion",
        "Source",
        "AIModel",
    ):
        assert kind in schema.node_types


@pytest.mark.parametrize("name", ["title", "type"])
def test_reserved_property_names_are_refused(name: str) -> None:
    raw = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    bad = copy.deepcopy(raw)
    bad["node_types"]["Person"]["properties"] = {name: {"kind": "string", "rdf": "pg:x"}}
    with pytest.raises(SchemaError, match="reserved"):
        parse_schema(bad)


def test_unknown_endpoint_type_is_refused() -> None:
    raw = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    raw["edge_types"]["MADE"]["from"] = ["Laboratory"]
    with pytest.raises(SchemaError, match="Laboratory"):
        parse_schema(raw)


def test_generated_files_are_up_to_date() -> None:
    stale = [
        rel
        for rel, text in generated_files().items()
        if (ROOT / rel).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"out of date (run `pledgegraph generate`): {stale}"


def test_no_stray_loader_files() -> None:
    expected = {rel for rel in generated_files() if rel.startswith("queries/load/merge_")}
    present = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "queries" / "load").glob("merge_*.cypher")
    }
    assert present == expected


def test_context_names_every_edge_and_property() -> None:
    schema = load_schema()
    context = json.loads((ROOT / "schema" / "context.jsonld").read_text(encoding="utf-8"))[
        "@context"
    ]
    for edge in schema.edge_types:
        assert context[edge]["@type"] == "@id"
    assert context["date"]["@type"] == "xsd:date"
    assert context["quote"] == {"@id": "pg:quote"}
