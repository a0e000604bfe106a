"""A long load shows a progress bar on a terminal, and nothing in a pipe."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests.fixtures import write_fixture

ROOT = Path(__file__).resolve().parents[1]


def _many_sources(tmp_path: Path, count: int) -> tuple[Path, Path]:
    data, texts = write_fixture(tmp_path)
    other = data / "sources" / "fx-other"
    for number in range(count):
        folder = data / "sources" / f"fx-copy-{number}"
        folder.mkdir()
        (folder / "source.yaml").write_text(
            (other / "source.yaml")
            .read_text(encoding="utf-8")
            .replace("fx-other", f"fx-copy-{number}"),
            encoding="utf-8",
        )
        (folder / "claims.yaml").write_text(
            (other / "claims.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return data, texts


def _ingest(data: Path, store: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pledgegraph.cli",
        "ingest",
        "--data",
        str(data),
        "--store-path",
        str(store),
    ]


def test_a_long_load_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    data, _ = _many_sources(tmp_path, 250)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEGRAPH_")}
    leader, follower = pty.openpty()
    fcntl.ioctl(
        follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0)
    )  # a 120-column terminal
    process = subprocess.Popen(
        _ingest(data, tmp_path / "a.kgl"),
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=ROOT,
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=120) == 0
    text = output.decode("utf-8", "replace")
    assert "reading sources" in text and "checking facts" in text and "/252 [" in text
    assert "loaded into" in text


def test_a_pipe_sees_no_bar(tmp_path: Path) -> None:
    data, _ = _many_sources(tmp_path, 250)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEGRAPH_")}
    done = subprocess.run(
        _ingest(data, tmp_path / "b.kgl"),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "reading sources" not in done.stderr + done.stdout and "loaded into" in done.stdout
