"""The HTML pages: what they show, that they need no JavaScript, that they are accessible, and that
markup in the data comes out escaped."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pledgegraph.pipeline import build_store
from pledgegraph.settings import Settings


class Outline(HTMLParser):
    """Collects what the accessibility checks look at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self.scripts = 0
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(tag)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def client(bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings)) as client:
        yield client


def test_home_lists_the_labs_with_their_counts(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<a href="/labs/anthropic/page">Anthropic</a>' in response.text
    assert '<a href="/labs/openai/page">OpenAI</a>' in response.text
    assert 'action="/search"' in response.text and '<label for="q">' in response.text


def test_a_lab_page_shows_commitments_chains_and_a_timeline_with_quotes(client: TestClient) -> None:
    text = client.get("/labs/Anthropic/page").text
    assert "<h1>Anthropic</h1>" in text
    assert "Pause scaling or delay deployment when safety lags" in text
    # Commitments grouped by status, the dropped ones open first; the founding story in the headline.
    assert "<details open><summary>Dropped (" in text
    assert '<section class="headline">' in text and "with a deadline of 27 Feb 2026, 17:01" in text
    # The chain picture: server-side SVG, labelled for screen readers, linking to commitments.
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in text
    assert (
        '<title id="chains-title">' in text
        and 'href="/id/commitment/anthropic-limited-delay-commitment"' in text
    )
    # The timeline: each event dated, with its quote and a link to its source.
    assert '<time datetime="2026-02-24">' in text
    assert "it will no longer stick to its pledge" in text
    assert 'href="https://cybernews.com/ai-news/anthropic-scales-back-ai-safety-pledge/"' in text
    # Who pressed the lab: one box per person or body, each arrow with the dates and forms.
    assert 'class="pressure"' in text and "Pete Hegseth" in text and "27 Feb 2026 · order" in text
    assert "@media print" in text
    assert client.get("/labs/nobody/page").status_code == 404


def test_dates_show_as_exactly_as_they_are_known(client: TestClient) -> None:
    text = client.get("/labs/openai/page").text
    assert '<time datetime="2025-11-01">Nov 2025</time>' in text  # a month-precision date
    google = client.get("/labs/google/page").text
    assert ">2018</td>" in google  # made in 2018, year precision


def test_search(client: TestClient) -> None:
    text = client.get("/search", params={"q": "supera"}).text
    assert "20% of secured compute to Superalignment" in text
    assert 'href="/id/commitment/openai-superalignment-compute"' in text
    assert 'value="supera"' in text
    assert "Nothing matches" in client.get("/search", params={"q": "zzzz"}).text
    lab = client.get("/search", params={"q": "anthropic pbc"}).text
    assert 'href="/labs/anthropic/page"' in lab


@pytest.mark.parametrize(
    "path", ["/", "/labs/anthropic/page", "/search?q=pledge", "/id/lab/anthropic?format=html"]
)
def test_pages_need_no_javascript_and_are_accessible(client: TestClient, path: str) -> None:
    html = client.get(path).text
    page = outline(html)
    assert page.scripts == 0
    assert ("html", {"lang": "en"}) in page.tags or any(
        t == "html" and a.get("lang") == "en" for t, a in page.tags
    )
    assert page.headings.count("h1") == 1 and page.headings[0] == "h1"
    levels = [int(h[1]) for h in page.headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    for tag, attrs in page.tags:
        if tag == "input" and attrs.get("type") != "hidden":
            assert any(t == "label" and a.get("for") == attrs.get("id") for t, a in page.tags)
        if tag == "svg":
            assert attrs.get("role") == "img" and attrs.get("aria-labelledby")


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_client(settings: Settings) -> Iterator[TestClient]:
    """Fixture data whose names, texts and quotes carry markup."""
    entities = settings.data / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    text = text.replace("name: Example Lab\n", f"name: 'Example Lab {HOSTILE}'\n")
    text = text.replace("aliases: [Example Lab Inc]", "aliases: [Example Lab Inc, Example Lab]")
    text = text.replace("name: Halt training when tests fail", f"name: 'Halt {HOSTILE}'")
    entities.write_text(text, encoding="utf-8")
    claims = settings.data / "sources" / "fx-other" / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            "Example Lab pledged to halt training when tests fail.",
            f"'Example Lab pledged {HOSTILE}'",
        ),
        encoding="utf-8",
    )
    build_store(settings.store_path, settings)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize(
    "path",
    ["/", "/labs/example-lab/page", "/search?q=example", "/id/lab/example-lab?format=html"],
)
def test_markup_in_the_data_is_escaped(hostile_client: TestClient, path: str) -> None:
    html = hostile_client.get(path).text
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_markup_in_the_search_box_is_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script" not in html and "&lt;script&gt;" in html
