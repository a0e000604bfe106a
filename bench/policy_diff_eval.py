"""Score `policy-diff` on the project's own pairs of policy versions (bench/policy_pairs/).

Alignment: every expected change (moved, edited, removed, added) is found when a change of that kind
holds a passage with the expected old words and one with the expected new words; precision counts
the changes found that no expectation names. Classification: per rule, over the expected changes
that were aligned, precision and recall of the rules that fired. Verdicts (weakened /
strengthened) are scored where the expectation gives one.

    python -m bench.policy_diff_eval [--pairs DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ingest.policydiff import diff_texts
from ingest.policydiff.rules import Classified

PAIRS = Path(__file__).resolve().parent / "policy_pairs"


def _holds(change: Classified, want: dict[str, Any]) -> bool:
    c = change.change
    if c.kind != want["kind"]:
        return False
    if "old" in want and (c.old is None or want["old"] not in c.old.text):
        return False
    return "new" not in want or (c.new is not None and want["new"] in c.new.text)


def score_pair(folder: Path) -> dict[str, Any]:
    diff = diff_texts(
        (folder / "old.md").read_text(encoding="utf-8"),
        (folder / "new.md").read_text(encoding="utf-8"),
    )
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["changes"]
    found = [c for c in diff.changes if c.change.kind != "unchanged"]
    matched: dict[int, Classified] = {}
    for i, want in enumerate(expected):
        for change in found:
            if _holds(change, want) and all(change is not m for m in matched.values()):
                matched[i] = change
                break
    rules = Counter()  # (rule, tp/fp/fn)
    verdicts = Counter()
    for i, want in enumerate(expected):
        wanted = set(want.get("rules") or [])
        change = matched.get(i)
        fired = {f.rule for f in change.fired} if change else set()
        for rule in wanted & fired:
            rules[(rule, "tp")] += 1
        for rule in fired - wanted:
            rules[(rule, "fp")] += 1
        for rule in wanted - fired:
            rules[(rule, "fn")] += 1
        if "verdict" in want:
            verdicts["right" if change and change.verdict == want["verdict"] else "wrong"] += 1
    unexpected = [c for c in found if all(c is not m for m in matched.values())]
    for change in unexpected:
        for f in change.fired:
            rules[(f.rule, "fp")] += 1
    return {
        "pair": folder.name,
        "expected": len(expected),
        "aligned": len(matched),
        "found": len(found),
        "unexpected": [
            f"{c.change.kind}: {(c.change.old or c.change.new).text[:60]}" for c in unexpected
        ],  # type: ignore[union-attr]
        "missed": [
            f"{w['kind']}: {w.get('old') or w.get('new')}"
            for i, w in enumerate(expected)
            if i not in matched
        ],
        "rules": rules,
        "verdicts": verdicts,
    }


def report(results: list[dict[str, Any]]) -> str:
    lines = ["pair        aligned/expected  unexpected  verdicts right/scored"]
    rules: Counter[tuple[str, str]] = Counter()
    total = Counter()
    for r in results:
        v = r["verdicts"]
        lines.append(
            f"{r['pair']:<12}{r['aligned']:>3}/{r['expected']:<14}{len(r['unexpected']):>10}  {v['right']:>6}/{v['right'] + v['wrong']}"
        )
        for m in r["missed"]:
            lines.append(f"    missed     {m}")
        for u in r["unexpected"]:
            lines.append(f"    unexpected {u}")
        rules.update(r["rules"])
        total.update(
            {
                "aligned": r["aligned"],
                "expected": r["expected"],
                "found": r["found"],
                "unexpected": len(r["unexpected"]),
            }
        )
        total.update({"right": v["right"], "scored": v["right"] + v["wrong"]})
    precision = (total["found"] - total["unexpected"]) / total["found"] if total["found"] else 1.0
    recall = total["aligned"] / total["expected"] if total["expected"] else 1.0
    lines.append(
        f"alignment: precision {precision:.2f}, recall {recall:.2f} ({total['aligned']} of {total['expected']} expected changes)"
    )
    lines.append(f"verdicts: {total['right']} of {total['scored']} right")
    lines.append("rule                    precision  recall   tp  fp  fn")
    for rule in sorted({k[0] for k in rules}):
        tp, fp, fn = rules[(rule, "tp")], rules[(rule, "fp")], rules[(rule, "fn")]
        p = tp / (tp + fp) if tp + fp else float("nan")
        rc = tp / (tp + fn) if tp + fn else float("nan")
        lines.append(f"{rule:<24}{p:>9.2f}{rc:>8.2f}{tp:>5}{fp:>4}{fn:>4}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args(argv)
    folders = sorted(p for p in args.pairs.iterdir() if (p / "expected.yaml").is_file())
    if args.only:
        folders = [f for f in folders if f.name in args.only]
    print(report([score_pair(f) for f in folders]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
