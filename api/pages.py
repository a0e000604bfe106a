"""HTML pages for reading: the labs, a lab's timeline and chains, search. No JavaScript; every value
from the graph is escaped; a print stylesheet drops the navigation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import quote

from api.words import human_date, sentence
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
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}td.n,th.n{text-align:right}td.d{white-space:nowrap}
ul.stories{padding-left:1.1rem}ul.stories li{margin:.35rem 0}details{margin:.5rem 0 1.25rem}summary{cursor:pointer;font-weight:600}
.headline{border-left:4px solid var(--bad);padding:.25rem 1rem;margin:1rem 0;background:#FBF3F2}.headline h2{margin:.25rem 0}
.c-weak{color:#B3261E}.c-strong{color:#1E7B34}.c-other{color:#55595F}.c-super{color:#8A6D00}.c-standing{color:#2A5DB0}
table.pd{table-layout:fixed}tr.weak td{background:#FDECEA}tr.strong td{background:#E8F5E9}tr.gone td.o{background:#FDECEA}
tr.new td.n2{background:#E8F5E9}tr.edit td{background:#FFF8E1}tr.same td{color:var(--muted)}
del{background:#F5B7B1;text-decoration:line-through}ins{background:#ABEBC6;text-decoration:none}
.rule{display:inline-block;border:1px solid var(--muted);border-radius:3px;padding:0 .3rem;margin:.1rem;font-size:.875rem}
.rule.weakens{border-color:var(--bad)}.rule.strengthens{border-color:var(--good)}
.swatch{padding:0 .4rem;margin-right:.6rem}.swatch.weak{background:#FDECEA}.swatch.strong{background:#E8F5E9}.swatch.edit{background:#FFF8E1}
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


LATEST = 8  # newest changes and pressure events on the home page
CHANGES = ("DROPPED", "BREACHED")


def _source_link(event: Mapping[str, Any]) -> str:
    """The first source of an event, linked where it has an address."""
    if not event.get("evidence"):
        return ""
    source = event["evidence"][0]["source"]
    name = escape(str(source.get("publisher") or source.get("name") or source.get("id") or ""))
    more = len({e["source"]["id"] for e in event["evidence"]}) - 1
    extra = f" and {more} more" if more > 0 else ""
    if source.get("url"):
        return f' <span class="meta">— <a href="{escape(source["url"], quote=True)}">{name}</a>{extra}</span>'
    return f' <span class="meta">— {name}{extra}</span>' if name else ""


def _story(event: Mapping[str, Any], href: str | None = None) -> str:
    """One line: the date at its precision, the sentence (linked to the event where it is on the
    page), the source."""
    text = escape(sentence(event))
    if href is not None:
        text = f'<a href="{escape(href, quote=True)}">{text}</a>'
    return (
        f'<li><time datetime="{escape(str(event["date"]))}">'
        f"{escape(human_date(event['date'], event.get('date_precision')))}</time> "
        f"{text}.{_source_link(event)}</li>"
    )


def event_anchor(event: Mapping[str, Any]) -> str:
    return f"event-{event['event']}"


def is_change(event: Mapping[str, Any]) -> bool:
    """A drop, a breach or a replacement by something weaker."""
    return event["edge"] in CHANGES or (
        event["edge"] == "SUPERSEDED_BY" and event.get("change") == "weakened"
    )


def _lab_rows(labs: Sequence[Mapping[str, Any]]) -> str:
    return "".join(
        "<tr>"
        f'<th scope="row"><a href="{_lab_href(lab["id"])}">{escape(lab["name"])}</a></th>'
        f'<td class="n">{lab["made"]}</td><td class="n">{lab["dropped"]}</td>'
        f'<td class="n">{lab["weakened"]}</td><td class="n">{lab["pressured"]}</td>'
        f'<td class="n">{lab["events"]}</td>'
        f'<td class="d">{escape(human_date(lab["latest_change"]) if lab["latest_change"] else "—")}</td>'
        "</tr>"
        for lab in labs
    )


LAB_HEAD = (
    '<thead><tr><th scope="col">Lab</th><th scope="col" class="n">Made</th>'
    '<th scope="col" class="n">Dropped</th><th scope="col" class="n">Weakened</th>'
    '<th scope="col" class="n">Pressed</th><th scope="col" class="n">Events</th>'
    '<th scope="col">Latest change</th></tr></thead>'
)


def home(labs: Sequence[Mapping[str, Any]], latest: Sequence[Mapping[str, Any]] = ()) -> str:
    """What changed lately, the labs by activity (the quiet ones folded away), who pressed whom."""
    changes = [e for e in latest if is_change(e)][:LATEST]
    pressure = [e for e in latest if e["edge"] == "PRESSURED"][:LATEST]
    active = sorted(
        (lab for lab in labs if lab["events"]), key=lambda lab: (-lab["events"], lab["name"])
    )
    quiet = sorted((lab for lab in labs if not lab["events"]), key=lambda lab: lab["name"])
    folded = (
        f"<details><summary>{len(quiet)} labs with nothing dated recorded yet</summary>"
        f"<table><caption>Labs with no dated events</caption>{LAB_HEAD}"
        f"<tbody>{_lab_rows(quiet)}</tbody></table></details>"
        if quiet
        else ""
    )
    body = (
        "<h1>What AI labs promised about safety, and what they dropped</h1>"
        "<p>Each lab's commitments, the ones it dropped or weakened, and who pressed it, every "
        "fact with its source and a verbatim quote.</p>"
        + (
            f'<h2 id="changes">Latest changes</h2><ul class="stories">{"".join(_story(e) for e in changes)}</ul>'
            if changes
            else ""
        )
        + '<h2 id="labs">Labs, most active first</h2>'
        f"<table><caption>Counts of events, one per real-world event however many sources report it</caption>"
        f"{LAB_HEAD}<tbody>{_lab_rows(active)}</tbody></table>{folded}"
        + (
            f'<h2 id="pressure">Who pressed whom</h2><ul class="stories">{"".join(_story(e) for e in pressure)}</ul>'
            if pressure
            else ""
        )
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


def _evidence(event: Mapping[str, Any]) -> str:
    """Every source's quote for an event, folded: a reader opens them when they want them."""
    items = []
    for item in event["evidence"]:
        source = item["source"]
        name = escape(str(source.get("publisher") or source.get("name") or source.get("id")))
        link = (
            f'<a href="{escape(source["url"], quote=True)}">{name}</a>'
            if source.get("url")
            else name
        )
        via = f" (via {escape(item['attributed_to'])})" if item.get("attributed_to") else ""
        check = "verified in the archived text" if item["verified"] else "not verified"
        support = (
            f"; how it supports this: {escape(item['support'])}" if item.get("support") else ""
        )
        items.append(
            f"<blockquote>{escape(item['quote'])}</blockquote>"
            f'<p class="meta">{link}{via}; {check}{support}</p>'
        )
    count = len({e["source"]["id"] for e in event["evidence"]})
    label = f"{count} source{'s' if count != 1 else ''} and {'their quotes' if count != 1 else 'its quote'}"
    return f"<details><summary>{label}</summary>{''.join(items)}</details>"


JUDGEMENTS = (
    ("severity", "severity"),
    ("disclosure", "disclosure"),
    ("outcome", "what came of it"),
    ("effective", "in effect from"),
)


def _event(event: Mapping[str, Any]) -> str:
    """One event: its date, a sentence, the judgements and outcome, its sources folded."""
    details = [f"{label}: {event[key]}" for key, label in JUDGEMENTS if event.get(key)]
    if event.get("judged_by") and (event.get("severity") or event.get("change")):
        details.append(f"judged by the {event['judged_by']}")
    return (
        f'<li id="{escape(event_anchor(event), quote=True)}"><time datetime="{escape(str(event["date"]))}">'
        f"{escape(human_date(event['date'], event.get('date_precision')))}</time>"
        f'<span class="kind {escape(event["edge"])}">{escape(EDGE_WORDS.get(event["edge"], event["edge"]))}</span>'
        f"<p>{escape(sentence(event))}.</p>"
        + (f'<p class="meta">{escape("; ".join(details))}.</p>' if details else "")
        + _evidence(event)
        + "</li>"
    )


STATUS_GROUPS = (
    ("dropped", "Dropped"),
    ("superseded", "Replaced by another commitment"),
    ("standing", "Standing"),
)
HEADLINE_ITEMS = 4  # newest changes and pressure events in a lab's headline
TIMELINE_OPEN = 6  # newest events shown before the rest are folded


def _commitment_table(rows: Sequence[Mapping[str, Any]]) -> str:
    dated = sorted((c for c in rows if c["made"]), key=lambda c: str(c["made"]), reverse=True)
    undated = sorted((c for c in rows if not c["made"]), key=lambda c: str(c["commitment"]["name"]))
    with_deadline = any(c.get("deadline") for c in rows)
    out = []
    for c in [*dated, *undated]:
        deadline = c.get("deadline") or {}
        due = (
            f"<td>{escape(human_date(deadline['due'], deadline.get('due_precision')))}: {escape(deadline['status'])}</td>"
            if deadline
            else ("<td>—</td>" if with_deadline else "")
        )
        out.append(
            "<tr>"
            f'<th scope="row"><a href="/id/commitment/{quote(c["commitment"]["id"], safe="")}">'
            f"{escape(c['commitment']['name'] or c['commitment']['id'])}</a></th>"
            f'<td class="d">{escape(human_date(c["made"], c.get("made_precision")) if c["made"] else "undated")}</td>'
            f"{due}</tr>"
        )
    head = '<th scope="col">Commitment</th><th scope="col">Made</th>' + (
        '<th scope="col">Deadline</th>' if with_deadline else ""
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(out)}</tbody></table>"


LEGEND = (
    '<p class="legend meta">Arrows: <span class="c-weak">red, weakened</span>; '
    '<span class="c-strong">green, strengthened</span>; <span class="c-other">grey, replaced '
    '(neither or both)</span>. Box borders: <span class="c-weak">red, dropped</span>; '
    '<span class="c-super">amber, replaced</span>; <span class="c-standing">blue, standing</span>.</p>'
)


def lab_page(
    lab: Mapping[str, Any],
    commitments: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    chains: str | None,
    pressed: str | None = None,
) -> str:
    """A lab in a few screens: the headline (promised, dropped, pressed), commitments by status,
    the replacement chains with their legend, and the timeline, newest first, sources folded."""
    name = str(lab["name"])
    by_status: dict[str, list[Mapping[str, Any]]] = {}
    for c in commitments:
        by_status.setdefault(str(c["status"]), []).append(c)
    counts = ", ".join(
        f"{len(by_status[key])} {label.lower()}"
        for key, label in STATUS_GROUPS
        if by_status.get(key)
    )
    changes = [e for e in events if is_change(e)][:HEADLINE_ITEMS]
    pressure = [
        e
        for e in events
        if e["edge"] == "PRESSURED" and any(o["id"] == lab["id"] for o in e["objects"])
    ][:HEADLINE_ITEMS]
    headline = (
        '<section class="headline"><h2>In short</h2>'
        f"<p>{escape(name)} made {len(commitments)} commitment{'s' if len(commitments) != 1 else ''}"
        + (f" ({escape(counts)})" if counts else "")
        + ".</p>"
        + (
            f'<p><strong>What it dropped or weakened, latest first:</strong></p><ul class="stories">{"".join(_story(e, "#" + event_anchor(e)) for e in changes)}</ul>'
            if changes
            else "<p>No drop or weakening is recorded.</p>"
        )
        + (
            f'<p><strong>Who pressed it, latest first:</strong></p><ul class="stories">{"".join(_story(e, "#" + event_anchor(e)) for e in pressure)}</ul>'
            if pressure
            else ""
        )
        + "</section>"
    )
    groups = "".join(
        f"<details{' open' if key == 'dropped' else ''}><summary>{label} ({len(by_status[key])})</summary>"
        f"{_commitment_table(by_status[key])}</details>"
        for key, label in STATUS_GROUPS
        if by_status.get(key)
    ) + "".join(
        f"<details><summary>{escape(key)} ({len(rows)})</summary>{_commitment_table(rows)}</details>"
        for key, rows in by_status.items()
        if key not in dict(STATUS_GROUPS)
    )
    picture = (
        f"<figure>{chains}<figcaption>Each arrow is a replacement, labelled with how the new "
        f"commitment compares and when; boxes link to the commitments.</figcaption></figure>{LEGEND}"
        if chains
        else "<p>No replacements recorded.</p>"
    )
    newest, older = events[:TIMELINE_OPEN], events[TIMELINE_OPEN:]
    timeline = f'<ol class="timeline">{"".join(_event(e) for e in newest)}</ol>' + (
        f"<details><summary>{len(older)} earlier events</summary>"
        f'<ol class="timeline">{"".join(_event(e) for e in older)}</ol></details>'
        if older
        else ""
    )
    body = (
        f"<h1>{escape(name)}</h1>{headline}"
        '<nav class="meta"><a href="#commitments">Commitments</a> · '
        '<a href="#chains">Replacements</a> · <a href="#pressed">Pressure</a> · <a href="#timeline">Timeline</a></nav>'
        f'<h2 id="commitments">Commitments</h2>{groups or "<p>None recorded.</p>"}'
        f'<h2 id="chains">Replacements</h2>{picture}'
        + (
            f'<h2 id="pressed">Who pressed {escape(name)}</h2><figure>{pressed}<figcaption>Each arrow '
            "is a person or body pressing the lab, with the dates and forms of their pressure "
            "(the latest eight; what came of each is in the timeline).</figcaption></figure>"
            if pressed
            else ""
        )
        + f'<h2 id="timeline">Timeline, newest first</h2>{timeline}'
    )
    return layout(name, body)


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
