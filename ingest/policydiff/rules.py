"""Explainable rules that say how an edited, removed or added passage changes what a policy
promises. Each rule that fires is named, with the words that made it fire, so a reviewer can see
why a change reads as weaker or stronger.

Rules and their direction:
- obligation_softened / obligation_hardened: the strongest duty word moved down or up the scale
  must, shall, will, commit(s) to, required > should, expect(s) to > may, can, aim(s) to,
  intend(s) to, seek(s) to, strive(s) to, endeavour(s) to, consider(s), where feasible.
- scope_narrowed / scope_widened: "all", "every", "any", "each" gave way to "some", "certain",
  "selected", "most" (or back), or limiting qualifiers ("where appropriate", "significantly",
  "publicly deployed", "frontier", "to the extent") were added (or dropped).
- threshold_raised / threshold_lowered: a number other than a time frame changed. Which way is
  safer is said only where the clause says it: a floor ("at least", "minimum", "no fewer than")
  lowered, or a trigger ("exceeds", "above", "more than", "threshold") raised, weakens it.
- timeframe_lengthened / timeframe_shortened: a time frame (hours, days, weeks, months, years)
  changed; a longer one weakens a "within" or "every" duty, and a shorter one weakens a notice
  period ("at least 14 days before release").
- condition_added / condition_removed: "if", "unless", "provided that", "except", "only when",
  "subject to" appeared (or went).
- passage_removed: a passage that held a duty is gone without a replacement; passage_added: a new
  passage holds one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.policydiff.align import Change

STRONG = r"must|shall|will|commits? to|committed to|are required to|is required to|required to|undertakes? to"
MEDIUM = r"should|expects? to|plans? to"
WEAK = (
    r"may|can|could|might|aims? to|intends? to|seeks? to|strives? to|endeavou?rs? to|considers?|"
    r"where feasible|where possible|where appropriate|as appropriate|hopes? to|tries to|tr(?:y|ies) to"
)
_DUTY = [(3, re.compile(rf"\b(?:{STRONG})\b", re.I)), (2, re.compile(rf"\b(?:{MEDIUM})\b", re.I)),
         (1, re.compile(rf"\b(?:{WEAK})\b", re.I))]  # fmt: skip
_ALL = re.compile(r"\b(?:all|every|any|each|always)\b", re.I)
_SOME = re.compile(r"\b(?:some|certain|selected|most|many|several|sometimes)\b", re.I)
_QUALIFIERS = re.compile(
    r"\b(?:where appropriate|as appropriate|where feasible|where possible|to the extent|significantly|"
    r"substantially|publicly deployed|frontier|material(?:ly)?|reasonabl[ey]|in most cases|generally)\b",
    re.I,
)
_CONDITIONS = re.compile(
    r"\b(?:if|unless|provided that|except|only when|only if|subject to|so long as)\b", re.I
)
_UNITS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "quarter": 91.0, "year": 365.0}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "twelve": 12, "twenty": 20, "thirty": 30, "ninety": 90}  # fmt: skip
_NUMBER = r"(?:\d+(?:[.,]\d+)?|" + "|".join(_WORDS) + r")"
_TIME = re.compile(rf"\b(?P<n>{_NUMBER})[\s-]*(?P<unit>hour|day|week|month|quarter|year)s?\b", re.I)
_FIGURE = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:[.,]\d+)?|"
    + "|".join(_WORDS)
    + r")(?P<pct>\s*%| percent)?(?![\w.]*\d)",
    re.I,
)
# Numbers that name rather than measure: a year, a version ("v2", "version 1.0", "1.1"), a clause.
_NAMING = re.compile(
    r"(?:\b\d{4}-\d\d(?:-\d\d)?\b|\b(?:19|20)\d\d\b|\b(?:v|version|framework|policy|rsp|section|clause|article)\s*\d+(?:\.\d+)*|\b\d+\.\d+\.\d*)",
    re.I,
)
_FLOOR = re.compile(r"\b(?:at least|minimum|no fewer than|no less than|not less than)\b", re.I)
_TRIGGER = re.compile(
    r"\b(?:exceeds?|above|more than|greater than|over|threshold|reaches?|surpass(?:es)?)\b", re.I
)
_CEILING = re.compile(r"\b(?:at most|no more than|below|under|less than|up to|maximum)\b", re.I)
_TIMEFRAME_DUTY = re.compile(r"\b(?:within|every|each|no later than|before|by)\b", re.I)


@dataclass(frozen=True)
class Fired:
    rule: str
    effect: str  # weakens, strengthens or neutral
    detail: str  # the words that made it fire


@dataclass
class Classified:
    change: Change
    fired: list[Fired] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """weakened, strengthened, replaced (both or neither way), removed or added."""
        if self.change.kind == "removed":
            return "removed"
        if self.change.kind == "added":
            return "added"
        effects = {f.effect for f in self.fired}
        if "weakens" in effects and "strengthens" not in effects:
            return "weakened"
        if "strengthens" in effects and "weakens" not in effects:
            return "strengthened"
        return "replaced"


def duty(text: str) -> tuple[int, str]:
    """The strongest duty word in ``text`` (3 strong, 2 medium, 1 weak, 0 none) and the word."""
    for level, pattern in _DUTY:
        # Strong words are read as duties only where no weak hedge sits before them ("may be
        # required to" is weak).
        found = pattern.search(text)
        if found:
            return level, found.group(0)
    return 0, ""


def _days(text: str) -> list[tuple[float, str]]:
    out = []
    for m in _TIME.finditer(text):
        raw = m.group("n").lower()
        n = float(_WORDS[raw]) if raw in _WORDS else float(raw.replace(",", ""))
        out.append((n * _UNITS[m.group("unit").lower()], m.group(0)))
    return out


def _figures(text: str) -> list[tuple[float, str]]:
    """Quantities in ``text`` (digits or number words), leaving out time frames and numbers that
    name a year, a version or a clause."""
    spans = [m.span() for m in _TIME.finditer(text)] + [m.span() for m in _NAMING.finditer(text)]
    out = []
    for m in _FIGURE.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        raw = m.group("n").lower()
        value = float(_WORDS[raw]) if raw in _WORDS else float(raw.replace(",", ""))
        out.append((value, m.group(0).strip()))
    return out


def classify(change: Change) -> Classified:
    """The rules that fire on one change (none for unchanged and moved passages)."""
    result = Classified(change)
    if change.kind in ("unchanged", "moved"):
        return result
    old = change.old.text if change.old else ""
    new = change.new.text if change.new else ""
    add = result.fired.append
    if change.kind == "removed":
        level, word = duty(old)
        if level:
            add(Fired("passage_removed", "weakens", f'"{word}" duty gone: {old[:80]}'))
        return result
    if change.kind == "added":
        level, word = duty(new)
        if level >= 2:
            add(Fired("passage_added", "strengthens", f'new "{word}" duty'))
        return result
    (was, was_word), (now, now_word) = duty(old), duty(new)
    if was > now:
        add(
            Fired(
                "obligation_softened", "weakens", f'"{was_word}" -> "{now_word or "no duty word"}"'
            )
        )
    elif now > was:
        add(
            Fired(
                "obligation_hardened",
                "strengthens",
                f'"{was_word or "no duty word"}" -> "{now_word}"',
            )
        )
    all_old, all_new = bool(_ALL.search(old)), bool(_ALL.search(new))
    some_old, some_new = bool(_SOME.search(old)), bool(_SOME.search(new))
    q_old = {m.group(0).lower() for m in _QUALIFIERS.finditer(old)}
    q_new = {m.group(0).lower() for m in _QUALIFIERS.finditer(new)}
    if (all_old and not all_new) or (some_new and not some_old) or (q_new - q_old):
        detail = ", ".join(sorted(q_new - q_old)) or ("all -> some" if all_old else "some added")
        add(Fired("scope_narrowed", "weakens", detail))
    elif (all_new and not all_old) or (some_old and not some_new) or (q_old - q_new):
        detail = ", ".join(sorted(q_old - q_new)) or ("some -> all" if all_new else "some dropped")
        add(Fired("scope_widened", "strengthens", detail))
    t_old, t_new = _days(old), _days(new)
    if t_old and t_new and t_old[0][0] != t_new[0][0]:
        longer = t_new[0][0] > t_old[0][0]
        if _FLOOR.search(new[: new.find(t_new[0][1])]):
            effect = (
                "strengthens" if longer else "weakens"
            )  # a notice period: "at least 14 days before"
        elif _TIMEFRAME_DUTY.search(new):
            effect = "weakens" if longer else "strengthens"  # a deadline: "within 24 hours"
        else:
            effect = "neutral"
        add(
            Fired(
                "timeframe_lengthened" if longer else "timeframe_shortened",
                effect,
                f"{t_old[0][1]} -> {t_new[0][1]}",
            )
        )
    headings = change.old is not None and change.old.kind == "heading"
    f_old, f_new = ([], []) if headings else (_figures(old), _figures(new))
    if f_old and f_new and f_old[0][0] != f_new[0][0]:
        raised = f_new[0][0] > f_old[0][0]
        if _FLOOR.search(new):
            effect = "strengthens" if raised else "weakens"
        elif _TRIGGER.search(new) or _CEILING.search(new):
            effect = "weakens" if raised else "strengthens"
        else:
            effect = "neutral"
        add(
            Fired(
                "threshold_raised" if raised else "threshold_lowered",
                effect,
                f"{f_old[0][1]} -> {f_new[0][1]}",
            )
        )
    c_old = {m.group(0).lower() for m in _CONDITIONS.finditer(old)}
    c_new = {m.group(0).lower() for m in _CONDITIONS.finditer(new)}
    if c_new - c_old:
        add(Fired("condition_added", "weakens", ", ".join(sorted(c_new - c_old))))
    elif c_old - c_new:
        add(Fired("condition_removed", "strengthens", ", ".join(sorted(c_old - c_new))))
    return result
