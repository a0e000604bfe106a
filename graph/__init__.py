"""Statements to store: the store interface, its backends, the loader, RDF export, analytics."""
