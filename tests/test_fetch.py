"""`pledgegraph fetch` against a real HTTP server on this machine serving pages the tests write;
no test reaches the internet."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from ingest.corpus import read_corpus
from ingest.fetch import FetchError, check_url, fetch
from pledgegraph.cli import main

PAGE = """<!doctype html>
<html lang="en"><head>
<title>Example Lab drops its promise | Example News</title>
<meta property="og:title" content="Example Lab drops its promise">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Ada Writer">
<meta property="article:published_time" content="2026-03-02T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe</nav>
<article>
<h1>Example Lab drops its promise</h1>
<p>On Monday, Example Lab said it would no longer keep its pledge to halt training when safety
tests fail, a promise it made in 2024 and repeated at every launch since.</p>
<p>Minister Jane Roe gave Example Lab a deadline of noon on Friday to remove its limits or face
the loss of its licence, according to people familiar with the talks.</p>
</article>
<footer>Copyright Example News. Cookie settings.</footer>
</body></html>"""

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article": (200, "text/html; charset=utf-8", PAGE.encode()),
    "/notes.txt": (200, "text/plain; charset=utf-8", b"Plain notes about a pledge.\n"),
    "/report.pdf": (200, "application/pdf", b"%PDF-1.7 ..."),
    "/huge": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the cap must hold while reading
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            return
        status, media, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    data, texts = tmp_path / "data", tmp_path / "texts"
    (data / "sources").mkdir(parents=True)
    (data / "entities.yaml").write_text("entities: []\n", encoding="utf-8")
    return data, texts


def test_a_page_is_kept_with_its_sha256_and_metadata(site: str, places: tuple[Path, Path]) -> None:
    data, texts = places
    got = fetch(f"{site}/article", texts=texts, data=data)
    assert got.source_id == "127-example-lab-drops-its-promise"
    text = got.text_path.read_text(encoding="utf-8")
    assert "no longer keep its pledge" in text and "Cookie" not in text and "Subscribe" not in text
    assert got.sha256 == hashlib.sha256(text.encode()).hexdigest()
    meta = yaml.safe_load((texts / f"{got.source_id}.meta.yaml").read_text(encoding="utf-8"))
    assert meta["sha256"] == got.sha256 and meta["url"] == f"{site}/article"
    source = yaml.safe_load(got.source_file.read_text(encoding="utf-8"))
    assert source["name"] == "Example Lab drops its promise"
    assert source["publisher"] == "Example News"
    assert source["author"] == "Ada Writer"
    assert str(source["published"]) == "2026-03-02"
    assert source["text_file"] == got.text_path.name
    # The new source folder is valid data: it reads, with an empty claims file to draft into.
    corpus = read_corpus(data)
    assert [s.id for s in corpus.sources] == [got.source_id]
    again = fetch(f"{site}/article", texts=texts, data=data)
    assert again.unchanged and again.sha256 == got.sha256


def test_a_changed_text_never_overwrites_the_archived_one(
    site: str, places: tuple[Path, Path]
) -> None:
    data, texts = places
    got = fetch(f"{site}/article", texts=texts, data=data, source_id="example-article")
    with pytest.raises(FetchError, match=r"already holds a different text.*--id NEW-ID"):
        fetch(f"{site}/notes.txt", texts=texts, data=data, source_id="example-article")
    assert hashlib.sha256(got.text_path.read_bytes()).hexdigest() == got.sha256


def test_redirects_are_followed_and_plain_text_kept_as_it_is(
    site: str, places: tuple[Path, Path]
) -> None:
    data, texts = places
    moved = fetch(f"{site}/moved", texts=texts, data=data, source_id="moved")
    assert "no longer keep its pledge" in moved.text_path.read_text(encoding="utf-8")
    notes = fetch(f"{site}/notes.txt", texts=texts, data=data, source_id="notes")
    assert notes.text_path.read_text(encoding="utf-8") == "Plain notes about a pledge."


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/a",
        "javascript:alert(1)",
        "//example.org",
        "http://",
    ],
)
def test_only_http_addresses_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="refusing"):
        check_url(url)


@pytest.mark.parametrize(
    ("path", "options", "message"),
    [
        (
            "/huge",
            {"max_bytes": 100_000},
            r"over the cap of 100000 bytes; raise it with --max-bytes",
        ),
        ("/chunked", {"max_bytes": 100_000}, r"more than 100000 bytes.*--max-bytes"),
        ("/slow", {"timeout_s": 0.5}, r"no complete answer within 0.5 s.*--timeout"),
        ("/missing", {}, r"answered 404 Not Found"),
        ("/report.pdf", {}, r"cannot take text from 'application/pdf'"),
        ("/to-file", {}, r"could not connect|refusing"),
    ],
)
def test_bad_pages_fail_clearly_and_keep_nothing(
    site: str, places: tuple[Path, Path], path: str, options: dict[str, float], message: str
) -> None:
    data, texts = places
    with pytest.raises(FetchError, match=message):
        fetch(f"{site}{path}", texts=texts, data=data, source_id="bad", **options)  # type: ignore[arg-type]
    assert not (data / "sources" / "bad").exists()
    assert not texts.exists() or not any(texts.iterdir())


def test_the_command(
    site: str, places: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, texts = places
    assert main(["fetch", f"{site}/article", "--data", str(data)]) == 2
    assert "PLEDGEGRAPH_TEXTS" in capsys.readouterr().err
    args = ["--data", str(data), "--texts", str(texts), "--id", "fx-page"]
    assert main(["fetch", f"{site}/article", *args]) == 0
    out = capsys.readouterr().out
    assert "archived:" in out and "pledgegraph extract fx-page --output" in out
    assert main(["fetch", f"{site}/slow", *args[:4], "--id", "slow", "--timeout", "0.5"]) == 1
    assert "error: " in capsys.readouterr().err
    assert main(["fetch", "file:///etc/passwd", *args]) == 1
    assert "only http:// and https://" in capsys.readouterr().err
