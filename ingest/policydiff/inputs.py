"""The two texts a policy diff compares: a plain text or Markdown file, an HTML file (its main text,
as `fetch` takes it), or an archived source by id. Bad input is refused with the file, what was
wrong and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.problems import IngestError, Problem

MAX_BYTES = 5_000_000  # a policy is tens of kilobytes; anything near this is not one
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class Version:
    """One version's text, and the source it is when it is an archived source."""

    label: str  # a file's stem or the source id
    text: str
    source_id: str | None = None  # the archived source whose text this is
    sha256: str | None = None  # the archived text's digest (quotes then carry verified spans)
    path: Path | None = None


def _refuse(path: Path, why: str, fix: str) -> IngestError:
    return IngestError([Problem(path, None, "", why, fix)])


def read_version(spec: str, data: Path, texts: Path | None) -> Version:
    """The version ``spec`` names: a file's path, else an archived source's id."""
    path = Path(spec)
    if path.is_file():
        return _read_file(path)
    from ingest.extract import open_source

    source = open_source(spec, data, texts)  # refuses, with the fix, what is neither
    if not source.text.strip():
        raise _refuse(
            path, f"the archived text of {spec!r} is empty", "archive the policy's text again"
        )
    return Version(spec, source.text, spec, source.sha256)


def _read_file(path: Path) -> Version:
    size = path.stat().st_size
    if size == 0:
        raise _refuse(path, "the file is empty", "give the text of a policy version")
    if size > MAX_BYTES:
        raise _refuse(
            path,
            f"the file is {size} bytes, over the {MAX_BYTES}-byte cap for a policy",
            "give the policy's text alone (a policy is tens of kilobytes)",
        )
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf" or raw.startswith(b"%PDF"):
        raise _refuse(
            path,
            "a PDF: its text is not read here",
            "save the policy's text as a .txt or .md file (for example with `pdftotext`) and give that",
        )
    if b"\x00" in raw[:8192]:
        raise _refuse(path, "a binary file, not text", "give a plain text, Markdown or HTML file")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _refuse(
            path,
            f"not UTF-8 text (byte {err.start} cannot be read as UTF-8)",
            "convert the file to UTF-8 (for example `iconv -f LATIN1 -t UTF-8`)",
        ) from err
    if suffix in HTML_SUFFIXES or decoded.lstrip().lower().startswith(("<!doctype html", "<html")):
        from ingest.fetch import FetchError, read_page

        try:
            page = read_page(raw, "text/html", path.as_uri())
        except FetchError as err:
            raise _refuse(path, str(err), "give the policy's text as a .txt or .md file") from err
        decoded = page.text
    elif suffix not in TEXT_SUFFIXES and suffix:
        raise _refuse(
            path,
            f"unknown kind of file {suffix!r}",
            "give a .txt or .md file (plain text or Markdown) or an .html page",
        )
    if not decoded.strip():
        raise _refuse(path, "the file holds no text", "give the text of a policy version")
    return Version(path.stem, decoded, None, None, path)
