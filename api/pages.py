"""HTML pages for reading: the labs, a lab's timeline and chains, search. No JavaScript; every value
from the graph is escaped; a print stylesheet drops the navigation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import quote

from schema.generate import kind_slug

STYLE = """
:root{--ink:#1F2328;--muted:#57606A;--line:#D0D7DE;--link:#0B57D0;--bad:#B3261E;--good:#1E7B34}
*{box-sizing:border-box}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:64rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:var(--link)}a:focus,input:focus,button:focus{outline:3px solid #F2B600;outline-offset:2px}
.skip{position:absolute;left:-999px;top:.5rem}.skip:focus{left:1rem;background:#fff;padding:.25rem .5rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;border-bottom:1px solid var(--line);padding-bottom:.75rem;margin-bottom:1rem}
header .brand{font-weight:700;font-size:1.15rem;text-decoration:none;color:var(--ink)}
form.search{display:flex;gap:.4rem}input[type=search]{font:inherit;padding:.35rem .5rem;border:1px solid var(--muted);border-radius:4px;min-width:16rem}
button{font:inherit;padding:.35rem .8rem;border:1px solid var(--ink);border-radius:4px;background:var(--ink);color:#fff}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right}td.d{white-space:nowrap}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}
ol.timeline li{margin:0 0 1rem 0;padding-left:1rem;position:relative}
ol.timeline time{font-weight:600}.kind{display:inline-block;font-size:.8rem;border:1px solid var(--muted);border-radius:3px;padding:0 .35rem;margin-left:.3rem;color:var(--muted)}
.kind.DROPPED,.kind.BREACHED{border-color:var(--bad);color:var(--bad)}.kind.FULFILLED{border-color:var(--good);color:var(--good)}
blockquote{margin:.3rem 0;padding:.1rem .8rem;border-left:3px solid var(--line);color:#32383F}
.meta{color:var(--muted);font-size:.9rem}.status-dropped{color:var(--bad);font-weight:600}
figure{margin:1rem 0;overflow-x:auto}figcaption{color:var(--muted);font-size:.9rem}
@media print{header form,nav,.noprint{display:none}body{max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}
 a[href^="http"]::after{content:" (" attr(href) ")";font-size:9pt;color:#555}ol.timeline li{break-inside:avoid}}
"""


def shown_date(value: Any, precision: str | None) -> str:
    """A date as exact as it is known: 2023 for a year, 2025-11 for a month, "about" if approximate,
    "by" for an upper bound."""
    if value is None:
        return "—"
    text = str(value)
    if precision == "year":
        return text[:4]
    if precision == "month":
        return text[:7]
    if precision == "approximate":
        return f"about {text}"
    if precision == "by":
        return f"by {text}"
    return text


def layout(title: str, body: str, query: str = "", head: str = "") -> str:
    """The page frame: a skip link, the header with the search form, and the content."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · pledgegraph</title><style>{STYLE}</style>{head}</head><body>"
        '<a class="skip noprint" href="#main">Skip to content</a>'
        '<header><a class="brand" href="/">pledgegraph</a>'
        '<form class="search" role="search" action="/search" method="get">'
        '<label for="q">Search entities</label>'
        f'<input id="q" name="q" type="search" value="{escape(query, quote=True)}" maxlength="200">'
        '<button type="submit">Search</button></form></header>'
        f'<main id="main">{body}</main>'
        '<footer class="meta"><p>Every fact has a source and a quote. Also as JSON at '
        '<a href="/docs">/docs</a>, as RDF at <a href="/vocab">/vocab</a> and '
        '<a href="/sparql">/sparql</a>, and as a feed at <a href="/feed.atom">/feed.atom</a>.</p>'
        "</footer></body></html>"
    )


def _lab_href(lab_id: str) -> str:
    return f"/labs/{quote(lab_id, safe='')}/page"


LATEST = 12  # newest events on the home page


def _latest(events: Sequence[Mapping[str, Any]]) -> str:
    """The newest dated events, one line each: date, who did what to whom, and the first source."""
    items = []
    for event in events[:LATEST]:
        subject = ", ".join(str(x.get("name") or x["id"]) for x in event["subjects"])
        obj = ", ".join(str(x.get("name") or x["id"]) for x in event["objects"])
        word = EDGE_WORDS.get(event["edge"], event["edge"].lower().replace("_", " "))
        source = event["evidence"][0]["source"] if event["evidence"] else {}
        name = escape(str(source.get("publisher") or source.get("name") or source.get("id") or ""))
        link = (
            f' — <a href="{escape(source["url"], quote=True)}">{name}</a>'
            if source.get("url")
            else (f" — {name}" if name else "")
        )
        items.append(
            f'<li><time datetime="{escape(str(event["date"]))}">'
            f"{escape(shown_date(event['date'], event.get('date_precision')))}</time> "
            f"{escape(subject)} {escape(word)} {escape(obj)}{link}</li>"
        )
    return "<h2>Latest events</h2><ul>" + "".join(items) + "</ul>" if items else ""


def home(labs: Sequence[Mapping[str, Any]], latest: Sequence[Mapping[str, Any]] = ()) -> str:
    rows = "".join(
        "<tr>"
        f'<th scope="row"><a href="{_lab_href(lab["id"])}">{escape(lab["name"])}</a></th>'
        f'<td class="n">{lab["made"]}</td><td class="n">{lab["dropped"]}</td>'
        f'<td class="n">{lab["weakened"]}</td>'
        f'<td class="d">{escape(str(lab["latest_change"] or "—"))}</td>'
        "</tr>"
        for lab in labs
    )
    body = (
        "<h1>What AI labs promised about safety, and what they dropped</h1>"
        "<p>Each lab's commitments, the ones it dropped or weakened, and who pressed it, every "
        "fact with its source and a verbatim quote.</p>"
        f"{_latest(latest)}"
        "<table><caption>Labs, with counts of commitments</caption><thead><tr>"
        '<th scope="col">Lab</th><th scope="col">Made</th><th scope="col">Dropped</th>'
        '<th scope="col">Weakened</th><th scope="col">Latest change</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return layout("Labs", body)


EDGE_WORDS = {
    "MADE": "made",
    "DROPPED": "dropped",
    "SUPERSEDED_BY": "replaced by",
    "PRESSURED": "pressed",
    "CRITICIZED": "criticised",
    "FULFILLED": "met",
    "BREACHED": "acted against",
    "PUBLISHED": "published",
    "HOLDS_ROLE": "holds a role at",
    "PART_OF": "part of",
    "DEVELOPS": "develops",
    "AUTHORIZED": "authorised",
    "RULED": "ruled on",
    "SIGNED": "signed",
    "DECLINED": "declined",
    "RATED": "rated",
}


def _event(event: Mapping[str, Any]) -> str:
    subject = ", ".join(str(x.get("name") or x["id"]) for x in event["subjects"])
    obj = ", ".join(str(x.get("name") or x["id"]) for x in event["objects"])
    details = [
        f"{label}: {event[key]}"
        for key, label in (
            ("change", "change"),
            ("severity", "severity"),
            ("disclosure", "disclosure"),
            ("demand", "demand"),
            ("deadline", "deadline"),
            ("threat", "threat"),
            ("breach", "what was done"),
            ("criticism", "criticism"),
            ("ruling", "ruling"),
            ("outcome", "outcome"),
            ("effective", "in effect from"),
            ("extent", "extent"),
        )
        if event.get(key)
    ]
    evidence = []
    for item in event["evidence"]:
        source = item["source"]
        name = escape(str(source.get("publisher") or source.get("name") or source.get("id")))
        link = (
            f'<a href="{escape(source["url"], quote=True)}">{name}</a>'
            if source.get("url")
            else name
        )
        check = "verified in the archived text" if item["verified"] else "not verified"
        support = (
            f"; how it supports this: {escape(item['support'])}" if item.get("support") else ""
        )
        evidence.append(
            f"<blockquote>{escape(item['quote'])}</blockquote>"
            f'<p class="meta">{link}{" (via " + escape(item["attributed_to"]) + ")" if item.get("attributed_to") else ""}; {check}{support}</p>'
        )
    return (
        f'<li><time datetime="{escape(str(event["date"]))}">'
        f"{escape(shown_date(event['date'], event.get('date_precision')))}</time>"
        f'<span class="kind {escape(event["edge"])}">{escape(EDGE_WORDS.get(event["edge"], event["edge"]))}</span>'
        f"<p>{escape(subject)} — "
        f"{escape(EDGE_WORDS.get(event['edge'], event['edge']))} — "
        f"{escape(obj)}</p>"
        + (f'<p class="meta">{escape("; ".join(details))}</p>' if details else "")
        + "".join(evidence)
        + "</li>"
    )


def lab_page(
    lab: Mapping[str, Any],
    commitments: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    chains: str | None,
) -> str:
    rows = []
    for c in commitments:
        deadline = c.get("deadline") or {}
        due = f"{escape(str(deadline['due']))}: {escape(deadline['status'])}" if deadline else "—"
        rows.append(
            "<tr>"
            f'<th scope="row"><a href="/id/commitment/{quote(c["commitment"]["id"], safe="")}">'
            f"{escape(c['commitment']['name'] or c['commitment']['id'])}</a></th>"
            f'<td class="d">{escape(shown_date(c["made"], c.get("made_precision")))}</td>'
            f'<td class="status-{escape(c["status"])}">{escape(c["status"])}</td>'
            f"<td>{due}</td>"
            "</tr>"
        )
    picture = (
        f"<figure>{chains}<figcaption>Each arrow is a replacement, labelled with how the new "
        "commitment compares and when; boxes link to the commitments.</figcaption></figure>"
        if chains
        else "<p>No replacements recorded.</p>"
    )
    body = (
        f"<h1>{escape(lab['name'])}</h1>"
        '<nav class="meta"><a href="#commitments">Commitments</a> · '
        '<a href="#chains">Replacements</a> · <a href="#timeline">Timeline</a></nav>'
        '<h2 id="commitments">Commitments</h2>'
        "<table><caption>Every commitment the lab made, with its status today</caption><thead><tr>"
        '<th scope="col">Commitment</th><th scope="col">Made</th><th scope="col">Status</th>'
        f'<th scope="col">Deadline</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<h2 id="chains">Replacements</h2>{picture}'
        f'<h2 id="timeline">Timeline</h2><ol class="timeline" reversed>'
        f"{''.join(_event(e) for e in events)}</ol>"
    )
    return layout(str(lab["name"]), body)


def search_page(query: str, results: Sequence[Mapping[str, Any]], kinds: Mapping[str, str]) -> str:
    items = []
    for row in results:
        kind = kinds[row["id"]]
        href = (
            _lab_href(row["id"])
            if kind == "Lab"
            else f"/id/{kind_slug(kind)}/{quote(row['id'], safe='')}"
        )
        items.append(
            f'<li><a href="{href}">{escape(row["name"] or row["id"])}</a> '
            f'<span class="meta">{escape(kind)}</span></li>'
        )
    if not query:
        body = "<h1>Search</h1><p>Type a name, an alias or part of one.</p>"
    elif items:
        body = f"<h1>Results for “{escape(query)}”</h1><ul>{''.join(items)}</ul>"
    else:
        body = f"<h1>Results for “{escape(query)}”</h1><p>Nothing matches.</p>"
    return layout(f"Search: {query}" if query else "Search", body, query)


def not_found(message: str) -> str:
    return layout(
        "Not found", f'<h1>Not found</h1><p>{escape(message)}</p><p><a href="/">All labs</a></p>'
    )
