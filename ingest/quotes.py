"""Find verbatim quotes in source texts, tolerant only of whitespace and typographic variants."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Typographic characters and the plain ones they stand for. Nothing else is folded: case,
# spelling, punctuation and ellipses must match the text exactly.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip


def sha256_text(text: str) -> str:
    """sha256 of the text as UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """Where a quote sits in a text: code-point offsets, end exclusive."""

    start: int
    end: int


_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Fold typographic characters and collapse whitespace runs to one space.

    Returns the normalised text and, for each of its characters, the offset of the original
    character it came from.
    """
    folded = text.translate(_FOLD)
    origin: list[int] = []
    at = 0
    for run in _SPACES.finditer(folded):
        origin.extend(range(at, run.start()))
        origin.append(run.start())
        at = run.end()
    origin.extend(range(at, len(folded)))
    return _SPACES.sub(" ", folded), origin


def normalise_quote(quote: str) -> str:
    """The form quotes are compared in."""
    return _SPACES.sub(" ", quote.strip().translate(_FOLD))


class QuoteIndex:
    """A source text prepared for repeated quote look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sha256 = sha256_text(text)
        self._normalised, self._origin = _normalise(text)

    def find(self, quote: str) -> Span | None:
        """The first place ``quote`` occurs, or None."""
        needle = normalise_quote(quote)
        if not needle:
            return None
        at = self._normalised.find(needle)
        if at < 0:
            return None
        end = self._origin[at + len(needle) - 1] + 1
        return Span(self._origin[at], end)

    def holds(self, quote: str, span: Span) -> bool:
        """Whether ``span`` of this text still reads as ``quote``."""
        if not 0 <= span.start < span.end <= len(self.text):
            return False
        return normalise_quote(self.text[span.start : span.end]) == normalise_quote(quote)
