"""Quote matching tolerates whitespace and typographic quotes and dashes, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.quotes import _FOLD, QuoteIndex, Span, _normalise, normalise_quote, sha256_text

TEXT = "He said: “we won’t stop” — and   then\nleft…"


@pytest.mark.parametrize(
    "quote",
    [
        'said: "we won\'t stop" - and then left…',
        "we won’t stop”",
        "and then left",
        "  and then  left  ",
    ],
)
def test_tolerated_differences(quote: str) -> None:
    index = QuoteIndex(TEXT)
    span = index.find(quote)
    assert span is not None
    assert index.holds(quote, span)


@pytest.mark.parametrize("quote", ["WE WON'T STOP", "and then left...", "we will not stop", ""])
def test_other_differences_do_not_match(quote: str) -> None:
    assert QuoteIndex(TEXT).find(quote) is None


def test_span_points_into_the_original_text() -> None:
    index = QuoteIndex(TEXT)
    span = index.find('"we won\'t stop"')
    assert span == Span(9, 24)
    assert TEXT[span.start : span.end] == "“we won’t stop”"
    assert index.sha256 == sha256_text(TEXT)


def test_a_stale_span_does_not_hold() -> None:
    index = QuoteIndex(TEXT)
    assert not index.holds("we won't stop", Span(0, 5))
    assert not index.holds("we won't stop", Span(40, 400))


def _normalise_by_hand(text: str) -> tuple[str, list[int]]:
    """The definition, character by character: fold, then one space per whitespace run."""
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text.translate(_FOLD)):
        if char.isspace():
            if not previous_space:
                chars.append(" ")
                origin.append(index)
            previous_space = True
            continue
        previous_space = False
        chars.append(char)
        origin.append(index)
    return "".join(chars), origin


@given(st.text(alphabet=st.sampled_from(list("ab \t\n\u00a0\u2003\u2019\u201c\u2014-'\"x"))))
def test_normalising_matches_its_definition(text: str) -> None:
    assert _normalise(text) == _normalise_by_hand(text)
    assert normalise_quote(text) == _normalise_by_hand(text.strip())[0]
