"""The pledgegraph data model, declared once in ``model.yaml`` and loaded here."""

from schema.model import EdgeType, NodeType, Property, Schema, load_schema

__all__ = ["EdgeType", "NodeType", "Property", "Schema", "load_schema"]
