"""The text archive: a folder of source texts that quotes are checked against."""

from __future__ import annotations

from pathlib import Path

from ingest.quotes import QuoteIndex


class TextArchive:
    """Finds a source's text as ``<dir>/<text_file>`` or ``<dir>/<source id>.txt``."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._cache: dict[str, QuoteIndex | None] = {}

    def lookup(self, source_id: str, text_file: str | None = None) -> QuoteIndex | None:
        """The indexed text, or None when the archive does not hold it."""
        key = text_file or f"{source_id}.txt"
        if key not in self._cache:
            self._cache[key] = self._read(key)
        return self._cache[key]

    def _read(self, name: str) -> QuoteIndex | None:
        if self.directory is None:
            return None
        root = self.directory.resolve()
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        return QuoteIndex(path.read_text(encoding="utf-8"))
