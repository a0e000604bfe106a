"""Start a local Neo4j Community server (the Maven module beside this file) and stop it again.

Needs Java 17 or newer and Maven; uses the standard library only, so it runs before any virtual
environment exists. As a script:

    python scripts/neo4j/local_neo4j.py                  # start, print the settings, wait for Ctrl-C
    python scripts/neo4j/local_neo4j.py -- CMD ARGS...   # start, run CMD with the settings, stop
    python scripts/neo4j/local_neo4j.py --build-only     # fetch and build, start nothing

The settings are the PLEDGEGRAPH_NEO4J_* variables that pledgegraph reads. The server listens on
127.0.0.1 only; its database lives under .pledgegraph/neo4j/ and is deleted when it stops. A
folder left by a run that was killed is removed by the next start.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

MODULE = Path(__file__).resolve().parent
PROJECT = MODULE.parents[1]
RUNS = PROJECT / ".pledgegraph" / "neo4j"


class Module:
    """A Maven module of this folder: its jar, its class path file and its main class."""

    def __init__(
        self, folder: Path, artifact: str, main: str, jvm_options: tuple[str, ...] = ()
    ) -> None:
        self.folder, self.main, self.jvm_options = folder, main, jvm_options
        self.jar = folder / "target" / f"{artifact}-1.0.0.jar"
        self.classpath_file = folder / "target" / "classpath.txt"


CURRENT = Module(MODULE, "local-neo4j", "org.pledgegraph.neo4j.LocalNeo4j")
# Neo4j 4.4, only to test that pledgegraph refuses a server older than Neo4j 5.
LEGACY = Module(
    MODULE / "legacy",
    "legacy-neo4j",
    "org.pledgegraph.neo4j.LegacyNeo4j",
    # What Neo4j 4.4's own start script passes to run on Java 17.
    jvm_options=(
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Dio.netty.tryReflectionSetAccessible=true",
    ),
)
_RUN_NUMBERS = itertools.count(1)
ADMIN = "org.neo4j.cli.AdminTool"


class Neo4jStartError(RuntimeError):
    """The local Neo4j could not be built or started; the message says why and what to do."""


def java() -> str:
    """The java command: $JAVA_HOME/bin/java when set, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    found = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not found or not Path(found).exists():
        raise Neo4jStartError("no java: install a JDK 17 or newer, or set JAVA_HOME")
    return found


def build(quiet: bool = True, module: Module = CURRENT) -> None:
    """Fetch Neo4j from Maven Central and build the launcher, unless it is up to date."""
    sources = [module.folder / "pom.xml", *module.folder.joinpath("src").rglob("*.java")]
    if (
        module.jar.is_file()
        and module.classpath_file.is_file()
        and all(module.jar.stat().st_mtime >= s.stat().st_mtime for s in sources)
        and all(Path(p).is_file() for p in classpath(module).split(os.pathsep)[1:])
    ):
        return
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jStartError("no mvn: install Maven 3.8 or newer (Debian: apt-get install maven)")
    if not quiet:
        print("local Neo4j: fetching Neo4j Community from Maven Central and building the launcher")
    done = subprocess.run(
        [mvn, "-q", "-B", "-f", str(module.folder / "pom.xml"), "package"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise Neo4jStartError(
            f"building {module.folder} failed (mvn exit {done.returncode}):\n"
            f"{done.stdout}{done.stderr}"
        )


def classpath(module: Module = CURRENT) -> str:
    listed = module.classpath_file.read_text(encoding="utf-8").strip()
    return os.pathsep.join([str(module.jar), listed])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_runs(base: Path = RUNS) -> None:
    """Remove the folders of earlier runs whose process is gone (a crash, kill -9)."""
    if not base.is_dir():
        return
    for folder in base.glob("run-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


class LocalNeo4j:
    """One local Neo4j server process: start() waits until a driver can connect, stop() ends it."""

    def __init__(
        self,
        *,
        password: str | None = None,
        bolt_port: int = 0,
        http_port: int = 0,
        copy_from: Path | None = None,
        base: Path = RUNS,
        start_timeout: float = 180.0,
        heap: str = "1g",
        module: Module = CURRENT,
    ) -> None:
        self.password = password or secrets.token_urlsafe(12)
        self.bolt_port = bolt_port
        self.http_port = http_port
        self.copy_from = copy_from
        self.base = base
        self.start_timeout = start_timeout
        self.heap = heap  # a load is one transaction: Neo4j lets it use 70% of the heap
        self.module = module
        self.process: subprocess.Popen[str] | None = None
        self.home: Path | None = None
        self.bolt_uri = ""
        self.http_uri = ""
        self.version = ""

    @property
    def user(self) -> str:
        return "neo4j"

    def environment(self) -> dict[str, str]:
        """The settings pledgegraph reads to use this server."""
        return {
            "PLEDGEGRAPH_NEO4J_URI": self.bolt_uri,
            "PLEDGEGRAPH_NEO4J_USER": self.user,
            "PLEDGEGRAPH_NEO4J_PASSWORD": self.password,
            "PLEDGEGRAPH_NEO4J_DATABASE": "neo4j",
            # Not a pledgegraph setting: where this server's Neo4j Browser is (the tests use it).
            "NEO4J_BROWSER_URL": f"{self.http_uri}/browser/",
        }

    def start(self) -> LocalNeo4j:
        build(module=self.module)
        clean_stale_runs(self.base)
        command = [java(), "-Xms256m", f"-Xmx{self.heap}", "-XX:+UseSerialGC"]
        command += self.module.jvm_options
        command += ["-cp", classpath(self.module), self.module.main]
        # Named after this process: the next start removes it once this process is gone.
        self.home = self.base / f"run-{os.getpid()}-{next(_RUN_NUMBERS)}"
        self.home.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [*command, *self._options()],
            stdin=subprocess.PIPE,  # the server stops when this closes, also when we are killed
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NEO4J_PASSWORD": self.password},
            start_new_session=True,  # Ctrl-C reaches the launcher only, which stops it cleanly
        )
        return self._await_ready()

    def _options(self) -> list[str]:
        assert self.home is not None
        options = ["--home", str(self.home)]
        if self.module is not CURRENT:
            return options
        options += ["--bolt-port", str(self.bolt_port), "--http-port", str(self.http_port)]
        if self.copy_from is not None:
            options += ["--copy-from", str(self.copy_from)]
        return options

    def _await_ready(self) -> LocalNeo4j:
        assert self.process is not None and self.process.stdout is not None
        errors: list[str] = []
        threading.Thread(target=_drain, args=(self.process.stderr, errors), daemon=True).start()
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.process.stdout.readline()))  # type: ignore[union-attr]
        reader.daemon = True
        reader.start()
        reader.join(self.start_timeout)
        if not line or not line[0].strip():
            code = self.process.poll()
            self.stop()
            tail = "".join(errors)[-4000:]
            what = (
                f"exited ({code})"
                if code is not None
                else f"did not start within {self.start_timeout:.0f} s"
            )
            raise Neo4jStartError(f"Neo4j {what}:\n{tail}")
        ready = json.loads(line[0])
        self.bolt_uri, self.http_uri, self.version = ready["bolt"], ready["http"], ready["version"]
        self.bolt_port = int(self.bolt_uri.rsplit(":", 1)[1])
        self.http_port = int(self.http_uri.rsplit(":", 1)[1]) if self.http_uri else 0
        self._await_driver()
        return self

    def _await_driver(self) -> None:
        """Wait until the official driver, when installed, connects and authenticates."""
        try:
            import neo4j
        except ImportError:
            return
        deadline = time.monotonic() + 60
        with neo4j.GraphDatabase.driver(self.bolt_uri, auth=(self.user, self.password)) as driver:
            while True:
                try:
                    driver.verify_connectivity()
                    return
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)

    def stop(self, timeout: float = 60.0) -> None:
        """Close the server's standard input (it shuts down cleanly), then wait; kill if stuck."""
        process, self.process = self.process, None
        if process is not None:
            try:
                if process.stdin is not None:
                    process.stdin.close()
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)

    def kill(self) -> None:
        """End the server at once (SIGKILL), as a crash would."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def __enter__(self) -> LocalNeo4j:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _drain(stream: IO[str] | None, into: list[str]) -> None:
    if stream is not None:
        for text in stream:
            into.append(text)


def admin_command() -> list[str]:
    """The command line of Neo4j's own `neo4j-admin` (its AdminTool), from the built module.

    It reads NEO4J_HOME (where `database import` writes data/databases/NAME) and NEO4J_CONF.
    """
    build()
    return [java(), "-Xmx1g", "-cp", classpath(), ADMIN]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--bolt-port", type=int, default=int(os.environ.get("NEO4J_BOLT_PORT", 0)))
    parser.add_argument("--http-port", type=int, default=int(os.environ.get("NEO4J_HTTP_PORT", 0)))
    parser.add_argument("--build-only", action="store_true", help="fetch and build, start nothing")
    parser.add_argument(
        "command", nargs=argparse.REMAINDER, help="-- CMD ARGS: run with the server"
    )
    args = parser.parse_args(argv)
    command: list[str] = args.command[1:] if args.command[:1] == ["--"] else args.command
    try:
        build(quiet=False)
        if args.build_only:
            build(quiet=False, module=LEGACY)
            return 0
        print("local Neo4j: starting Neo4j Community", flush=True)
        server = LocalNeo4j(
            password=os.environ.get("NEO4J_PASSWORD"),
            bolt_port=args.bolt_port,
            http_port=args.http_port,
        ).start()
    except Neo4jStartError as err:
        print(f"local Neo4j: {err}", file=sys.stderr)
        return 1
    try:
        print(f"local Neo4j {server.version}: Bolt {server.bolt_uri}", flush=True)
        print(f"local Neo4j: Browser {server.http_uri}/browser/", flush=True)
        if not command:
            for key, value in server.environment().items():
                print(f"export {key}={value}")
            print("local Neo4j: running; Ctrl-C stops it and deletes its database", flush=True)
            _wait_for_interrupt()
            return 0
        done = subprocess.run(command, env={**os.environ, **server.environment()}, check=False)
        return done.returncode
    finally:
        server.stop()


def _wait_for_interrupt() -> None:
    stop = threading.Event()

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
