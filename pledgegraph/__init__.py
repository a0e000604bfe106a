"""pledgegraph: an evidence-backed knowledge graph of AI labs' safety commitments."""

__version__ = "0.1.0"
