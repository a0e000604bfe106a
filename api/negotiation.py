"""Content negotiation: pick a representation from an Accept header, honouring q-values."""

from __future__ import annotations

from collections.abc import Sequence


class NotAcceptable(ValueError):
    """Nothing the caller accepts can be produced."""


def _parse(accept: str) -> list[tuple[str, float, int]]:
    ranges: list[tuple[str, float, int]] = []
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, order))
    return ranges


def _matches(media_range: str, offered: str) -> bool:
    if media_range in ("*/*", offered):
        return True
    kind, _, sub = media_range.partition("/")
    return sub == "*" and offered.startswith(kind + "/")


def negotiate(accept: str | None, offered: Sequence[str]) -> str:
    """The offered media type the caller prefers; the first offered when it states no preference.

    The most specific matching range sets each type's quality (``text/turtle;q=0.5`` beats
    ``*/*;q=1`` for Turtle); ties go to the caller's order, then to the order of ``offered``.
    Raises NotAcceptable when every offered type has quality 0.
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges = _parse(accept)
    best: tuple[float, int, int] | None = None
    choice = None
    for rank, media in enumerate(offered):
        matching = [r for r in ranges if _matches(r[0], media)]
        if not matching:
            continue
        # The most specific range decides: exact type, then type/*, then */*.
        media_range, q, order = max(
            matching, key=lambda r: (r[0] == media, r[0].endswith("/*") and r[0] != "*/*")
        )
        if q <= 0:
            continue
        key = (-q, order if media_range != "*/*" else len(ranges) + 1, rank)
        if best is None or key < best:
            best, choice = key, media
    if choice is None:
        raise NotAcceptable(
            f"none of the accepted types ({accept}) can be produced; offered: {', '.join(offered)}"
        )
    return choice
