"""The HTML page of an entity's or a statement's IRI, for people who open it in a browser. Every
value is escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from api.pages import layout
from api.words import human_date


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _shown(key: str, value: Any, properties: Mapping[str, Any]) -> str:
    """A property's value in words: a date at its precision (the `<key>_precision` beside it)."""
    precision = properties.get(f"{key}_precision") or (
        properties.get("date_precision") if key == "date" else None
    )
    if isinstance(value, dt.date) or (
        key in ("date", "due", "published", "start", "end") and value
    ):
        return escape(human_date(value, precision))
    return _value(value)


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(escape(str(v)) for v in value)
    text = escape(str(value))
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        return f'<a href="{text}">{text}</a>'
    return text


def page(
    *,
    title: str,
    iri: str,
    kind: str,
    properties: Mapping[str, Any],
    statements: Sequence[Mapping[str, Any]],
    alternates: Mapping[str, str],
) -> str:
    """An entity or statement page: its properties, then each statement with its quote and source."""
    rows = "".join(
        f'<tr><th scope="row">{escape(_label(k))}</th><td>{_shown(k, v, properties)}</td></tr>'
        for k, v in properties.items()
        if v is not None and not k.endswith("_precision")
    )
    items = []
    for st in statements:
        source = st.get("source") or {}
        checked = "verified in the archived text" if st.get("verified") else "not verified"
        source_link = (
            f'<a href="{escape(source["href"])}">{escape(source["name"])}</a>'
            if source.get("href")
            else escape(str(source.get("name", "")))
        )
        when = f"<time>{escape(str(st['when']))}</time> " if st.get("when") else ""
        items.append(
            "<li>"
            f"<p>{when}{escape(st.get('sentence') or st['edge'])}.</p>"
            f"<blockquote>{escape(st.get('quote') or '')}</blockquote>"
            f"<div class=meta>{source_link}; {checked}; "
            f'<a href="{escape(st["subject_href"])}">{escape(st["subject"])}</a> · '
            f'<a href="{escape(st["object_href"])}">{escape(st["object"])}</a> · '
            f'<a href="{escape(st["href"])}">the statement</a></div>'
            "</li>"
        )
    links = " · ".join(
        f'<a href="{escape(href)}" type="{escape(media)}">{escape(media)}</a>'
        for media, href in alternates.items()
    )
    head_links = "".join(
        f'<link rel="alternate" type="{escape(media)}" href="{escape(href)}">'
        for media, href in alternates.items()
    )
    body = (
        f"<h1>{escape(title)}</h1><p class=meta>{escape(kind)} · <code>{escape(iri)}</code></p>"
        f"<table><caption>Properties</caption>{rows}</table>"
        f"<h2>What the sources say ({len(statements)})</h2><ul>{''.join(items)}</ul>"
        f"<p class=meta>Also as {links}.</p>"
    )
    return layout(title, body, head=head_links)
