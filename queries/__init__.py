"""Canned Cypher files, shipped as package data (this module holds no code)."""
