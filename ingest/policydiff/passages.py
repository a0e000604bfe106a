"""A policy's text as passages: headings, numbered clauses and the sentences of each paragraph,
each with its span in the text (so a quote from it can be checked and re-found)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading: Markdown (# ...) or a short line that a numbered section starts ("3. Deployment").
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<body>.+?)\s*#*\s*$")
# A clause number at the start of a line: 1. / 2.3 / 2.3.1 / (a) / a) / iv.
_CLAUSE = re.compile(
    r"^\s*(?P<label>(?:\d+(?:\.\d+)*\.?|\([a-z0-9]{1,4}\)|[a-z]\)|[ivx]{1,5}\.))\s+"
)
_BULLET = re.compile(r"^\s*[-*•]\s+")
_SECTION_NUMBER = re.compile(r"^(?:section\s+)?(?:\d+(?:\.\d+)*\.?|[ivx]{1,5}\.)\s+")
# Sentence ends: . ! ? followed by space and a capital, a digit or an opening quote or bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z0-9“\"'(])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "U.S.", "U.K.", "No.", "Sec.", "vs.", "approx.")


@dataclass(frozen=True)
class Passage:
    """A heading, or one sentence of a clause or paragraph, with where it stands."""

    index: int  # position in the version, from 0
    kind: str  # heading or sentence
    text: str  # as written (whitespace runs collapsed)
    start: int  # span in the version's text (code points; end exclusive)
    end: int
    section: str  # the heading it stands under ("" before the first)
    clause: str  # the clause number it belongs to ("" when none)

    @property
    def key(self) -> str:
        """The text compared across versions: lower case, whitespace, quote marks and a heading's
        section number levelled, so a renumbered section or a changed quote mark is not an edit."""
        text = normalise(self.text)
        if self.kind == "heading":
            text = _SECTION_NUMBER.sub("", text)
        return text


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[–—]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _sentences(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Split a paragraph into sentences, with spans; abbreviations do not end a sentence."""
    out: list[tuple[str, int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if before.rstrip().endswith(_ABBREVIATIONS):
            continue
        out.append((before, offset + start, offset + match.start()))
        start = match.end()
    out.append((text[start:], offset + start, offset + len(text)))
    return [(t, s, e) for t, s, e in out if t.strip()]


def split_passages(text: str) -> list[Passage]:
    """Headings, and the sentences of every paragraph, list item and numbered clause, in order."""
    passages: list[Passage] = []
    section = ""
    clause = ""
    position = 0
    # Paragraphs: runs of non-blank lines; a heading, bullet or clause line starts its own.
    blocks: list[tuple[str, int]] = []
    current: list[str] = []
    current_start = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        starts_block = bool(_MD_HEADING.match(line) or _CLAUSE.match(line) or _BULLET.match(line))
        if (not stripped or starts_block) and current:
            blocks.append(("".join(current), current_start))
            current = []
        if stripped:
            if not current:
                current_start = position
            current.append(line)
            if _MD_HEADING.match(line):
                blocks.append(("".join(current), current_start))
                current = []
        position += len(line)
    if current:
        blocks.append(("".join(current), current_start))
    for block, offset in blocks:
        heading = _MD_HEADING.match(block.strip())
        lead = len(block) - len(block.lstrip())
        if heading:
            body = heading.group("body")
            start = offset + block.index(body)
            section = re.sub(r"\s+", " ", body).strip()
            clause = ""
            passages.append(
                Passage(
                    len(passages), "heading", section, start, start + len(body), section, clause
                )
            )
            continue
        body = block.rstrip()
        start = offset + lead
        numbered = _CLAUSE.match(body)
        if numbered:
            clause = numbered.group("label").strip("().")
            start = offset + numbered.end()
            body = block[numbered.end() :].rstrip()
        else:
            bullet = _BULLET.match(body)
            if bullet:
                start = offset + bullet.end()
                body = block[bullet.end() :].rstrip()
            else:
                body = block[lead:].rstrip()
        for sentence, s, _end in _sentences(body, start):
            trimmed = sentence.strip()
            s += len(sentence) - len(sentence.lstrip())
            passages.append(
                Passage(
                    len(passages),
                    "sentence",
                    re.sub(r"\s+", " ", trimmed),
                    s,
                    s + len(trimmed),
                    section,
                    clause,
                )
            )
    return passages
