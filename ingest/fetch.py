"""Fetch a web page, keep its main text in the text archive and write the source's metadata."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml

from ingest.corpus import CLAIMS_FILE, SOURCE_FILE, SOURCES_DIR
from ingest.entities import ID_PATTERN
from ingest.yamlfile import write_text_atomic

USER_AGENT = "pledgegraph-fetch/0.1 (+https://w3id.org/pledgegraph/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


class FetchError(Exception):
    """A page that could not be fetched or kept; the message says why and what to do."""


@dataclass(frozen=True)
class Page:
    """A fetched page's main text and what its markup says about it."""

    url: str
    text: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    author: str | None
    language: str | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Fetched:
    """Where a fetched page was kept."""

    source_id: str
    text_path: Path
    source_file: Path
    sha256: str
    unchanged: bool  # the archive already held this very text


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"refusing {url!r}: only http:// and https:// addresses are fetched "
            f"(got scheme {parts.scheme or 'none'!r}); for a local file, use `extract PATH`"
        )
    if not parts.hostname:
        raise FetchError(f"refusing {url!r}: the address names no host")


@dataclass(frozen=True)
class Download:
    """A response body and what the server said about it."""

    url: str  # after redirects
    body: bytes
    media_type: str
    encoding: str


def download(
    url: str, *, max_bytes: int, timeout_s: float, client: httpx.Client | None = None
) -> Download:
    """Read ``url`` (following up to 5 redirects, http(s) only) up to ``max_bytes``."""
    check_url(url)
    own = client is None
    client = client or httpx.Client(
        follow_redirects=True,
        max_redirects=5,
        timeout=httpx.Timeout(timeout_s),
        headers={"User-Agent": USER_AGENT},
    )
    try:
        with client.stream("GET", url) as response:
            final = str(response.url)
            check_url(final)
            if response.status_code >= 400:
                raise FetchError(
                    f"{url}: the server answered {response.status_code} "
                    f"{response.reason_phrase}; check the address"
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_big(url, int(declared), max_bytes))
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(_too_big(url, None, max_bytes))
            encoding = response.encoding or "utf-8"
    except httpx.TimeoutException as err:
        raise FetchError(
            f"{url}: no complete answer within {timeout_s:g} s ({type(err).__name__}); "
            "try again later or allow longer with --timeout"
        ) from err
    except httpx.TooManyRedirects as err:
        raise FetchError(f"{url}: more than 5 redirects; check the address") from err
    except httpx.TransportError as err:
        raise FetchError(f"{url}: could not connect ({err}); check the address") from err
    finally:
        if own:
            client.close()
    return Download(final, bytes(body), media_type or "application/octet-stream", encoding)


def _too_big(url: str, size: int | None, cap: int) -> str:
    got = f"{size} bytes" if size is not None else f"more than {cap} bytes"
    return f"{url}: the page is {got}, over the cap of {cap} bytes; raise it with --max-bytes"


def read_page(body: bytes, media_type: str, url: str, encoding: str = "utf-8") -> Page:
    """Main text and metadata of a page: trafilatura for HTML, plain text as it is."""
    if media_type in TEXT_TYPES:
        text = body.decode(encoding, errors="replace").strip()
        return Page(url, text, None, None, None, None, None)
    if media_type not in HTML_TYPES:
        raise FetchError(
            f"{url}: cannot take text from {media_type!r} (HTML and plain text only); "
            "save the text to a file and run `extract` on it"
        )
    import trafilatura

    found = trafilatura.bare_extraction(
        body,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    doc: dict[str, Any] = {}
    if isinstance(found, dict):
        doc = found
    elif found is not None:
        doc = found.as_dict()
    text = str(doc.get("text") or "").strip()
    if not text:
        raise FetchError(f"{url}: found no main text in the page; is it an article?")
    published = None
    try:
        published = dt.date.fromisoformat(str(doc.get("date") or "")[:10])
    except ValueError:
        published = None

    def meta(key: str) -> str | None:
        value = doc.get(key)
        return str(value).strip() or None if value else None

    return Page(
        url=url,
        text=text,
        title=meta("title"),
        publisher=meta("sitename"),
        published=published,
        author=meta("author"),
        language=meta("language"),
    )


def slug(*parts: str | None, limit: int = 60) -> str:
    """A lower-case id made of the words of ``parts``."""
    words: list[str] = []
    for part in parts:
        if part:
            plain = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
            words.extend(re.findall(r"[a-z0-9]+", plain.lower()))
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "source"


def keep(
    page: Page,
    *,
    texts: Path,
    data: Path,
    source_id: str | None = None,
    today: dt.date | None = None,
) -> Fetched:
    """Write the text (with its sha256 beside it) to the archive and the source's metadata file."""
    host = urlsplit(page.url).hostname or ""
    publisher = page.publisher or host.removeprefix("www.")
    source_id = source_id or slug(host.removeprefix("www.").split(".")[0], page.title)
    if not ID_PATTERN.fullmatch(source_id):
        raise FetchError(f"id {source_id!r} is not a slug; use lower-case letters, digits, hyphens")
    texts.mkdir(parents=True, exist_ok=True)
    text_path = texts / f"{source_id}.txt"
    folder = data / SOURCES_DIR / source_id
    source_file = folder / SOURCE_FILE
    unchanged = False
    if text_path.exists():
        held = hashlib.sha256(text_path.read_bytes()).hexdigest()
        if held != page.sha256:
            raise FetchError(
                f"{text_path} already holds a different text (sha256 {held[:12]}...); quotes "
                "were checked against it. Keep both: pass --id NEW-ID"
            )
        unchanged = True
    if source_file.exists() and not unchanged:
        raise FetchError(f"{source_file} already exists; pass --id NEW-ID for another source")
    retrieved = today or dt.date.today()
    meta: dict[str, Any] = {
        "id": source_id,
        "name": page.title or page.url,
        "publisher": publisher,
        "url": page.url,
        "url_scope": "page",
    }
    if page.author:
        meta["author"] = page.author
    if page.published:
        meta["published"] = page.published
    if page.language:
        meta["language"] = page.language
    meta["retrieved"] = retrieved
    meta["text_file"] = text_path.name
    if not unchanged:
        write_text_atomic(text_path, page.text)
        write_text_atomic(
            texts / f"{source_id}.meta.yaml",
            "# Fetched by `pledgegraph fetch`; the text beside this file is the page's main text.\n"
            + yaml.safe_dump(_archive_meta(meta, page.sha256), sort_keys=False, allow_unicode=True),
        )
    if not source_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        header = (
            f"# Fetched from {page.url} on {retrieved}. Check name, publisher and published;\n"
            "# `pledgegraph extract` drafts the claims.\n"
        )
        write_text_atomic(
            source_file,
            header + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100),
        )
    claims_file = folder / CLAIMS_FILE
    if not claims_file.exists():
        write_text_atomic(
            claims_file,
            f"# Claims from {source_id}. Draft them with\n"
            f"#   pledgegraph extract {source_id} --output {claims_file}\n"
            "# and review the draft: only facts marked `review: accepted` (or written by hand) load.\n"
            "facts: []\n",
        )
    return Fetched(source_id, text_path, source_file, page.sha256, unchanged)


def _archive_meta(meta: dict[str, Any], sha256: str) -> dict[str, Any]:
    """The archive's metadata file: the same keys as the archive's other texts (``title`` for the
    name), the text's sha256 and where and when it was fetched."""
    out = {("title" if key == "name" else key): value for key, value in meta.items()}
    out.pop("url_scope", None)
    return {**out, "media_type": "text/plain", "sha256": sha256}


def fetch(
    url: str,
    *,
    texts: Path,
    data: Path,
    source_id: str | None = None,
    max_bytes: int = 5_000_000,
    timeout_s: float = 20.0,
    client: httpx.Client | None = None,
) -> Fetched:
    """Download ``url`` and keep it: the whole of ``pledgegraph fetch``."""
    got = download(url, max_bytes=max_bytes, timeout_s=timeout_s, client=client)
    page = read_page(got.body, got.media_type, got.url, got.encoding)
    return keep(page, texts=texts, data=data, source_id=source_id)
