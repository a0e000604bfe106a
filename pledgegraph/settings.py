"""Settings, read from PLEDGEGRAPH_* environment variables in one place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "ingest" / "data"


class Settings(BaseSettings):
    """Every setting has an environment variable: ``store_path`` is ``PLEDGEGRAPH_STORE_PATH``."""

    model_config = SettingsConfigDict(env_prefix="PLEDGEGRAPH_", extra="ignore")

    store: Literal["kglite", "neo4j"] = Field(
        default="kglite",
        description="Which store to use: the embedded kglite file, or a Neo4j server.",
    )
    store_path: Path = Field(
        default=Path(".pledgegraph/graph.kgl"), description="The embedded store's file."
    )
    data: Path = Field(
        default=BUNDLED_DATA, description="Data folder: entities.yaml and sources/<id>/."
    )
    texts: Path | None = Field(
        default=None, description="Text archive that quotes are checked against."
    )
    fetch_max_bytes: int = Field(
        default=5_000_000, ge=1_000, description="Largest page `fetch` downloads (bytes)."
    )
    fetch_timeout_s: float = Field(
        default=20.0, gt=0, description="How long `fetch` waits for a page (seconds)."
    )
    base_iri: str = Field(
        default="https://w3id.org/pledgegraph/", description="Base of the IRIs in RDF exports."
    )
    host: str = Field(default="127.0.0.1", description="Address `serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `serve` listens on.")
    keep_alive_s: int = Field(
        default=30,
        ge=1,
        description="How long `serve` keeps an idle connection open for the next request.",
    )
    header_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="How long `serve` waits for a request's headers before closing the connection.",
    )
    workers: int | None = Field(
        default=None,
        ge=1,
        description="Server processes `serve` runs on one socket, each reading the same store; "
        "unset: one per core this process may use.",
    )
    parse_workers: int | None = Field(
        default=None,
        ge=1,
        description="Processes that read a data folder of 1,000 or more sources; unset: one per "
        "usable core.",
    )
    http_parser: Literal["httptools", "h11"] = Field(
        default="httptools",
        description="HTTP/1.1 parser `serve` uses: httptools (C, the fast one) or h11 (pure Python).",
    )
    max_connections: int = Field(
        default=1000,
        ge=1,
        description="Connections `serve` holds at once; past it, requests answer 503 at once.",
    )
    trusted_proxies: list[str] = Field(
        default=[],
        description="Addresses of reverse proxies whose X-Forwarded-For/-Proto headers `serve` "
        'trusts, as JSON: ["127.0.0.1"]. Empty (the default): those headers are ignored.',
    )
    query_timeout_ms: int = Field(default=10_000, ge=100, description="Time limit of one query.")
    write_timeout_ms: int = Field(
        default=600_000, ge=1_000, description="Time limit of one load transaction."
    )
    neo4j_uri: str | None = Field(
        default=None,
        pattern=r"^(bolt|neo4j)(\+s|\+ssc)?://",
        description="Neo4j address: bolt://, neo4j://, neo4j+s:// (Aura) or bolt+s://.",
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr | None = Field(
        default=None, description="Neo4j password (never printed)."
    )
    neo4j_database: str | None = Field(
        default=None, description="Neo4j database; the server's default database when unset."
    )
    sparql_timeout_ms: int = Field(
        default=5_000, ge=100, description="Time limit of one SPARQL query; past it, it is stopped."
    )
    sparql_max_rows: int = Field(
        default=10_000, ge=1, description="Most results (rows or triples) one SPARQL query returns."
    )
    sparql_workers: int = Field(
        default=2, ge=1, le=16, description="Worker processes that run SPARQL queries."
    )
    sparql_memory_mb: int = Field(
        default=1024,
        ge=128,
        description="Memory one SPARQL worker may use (MB), besides its stack; past it the "
        "query is stopped and the worker replaced.",
    )
    admin_token: SecretStr | None = Field(
        default=None,
        description="Token for the admin endpoints (POST /admin/reload); unset, they are off.",
    )
    cors_origins: list[str] = Field(
        default=[],
        description='Origins allowed to call the API from a browser, as JSON: ["https://a.example"]. '
        "Empty (the default): no cross-origin access.",
    )
    max_request_bytes: int = Field(
        default=1_000_000, ge=1_000, description="Largest request body accepted (413 beyond)."
    )
    max_rows: int = Field(
        default=10_000, ge=1, description="Most rows one canned query returns over HTTP."
    )
    store_check_s: float = Field(
        default=1.0,
        ge=0,
        description="How often a server looks whether a load replaced the embedded store's file "
        "(then it reopens it: every worker follows a load).",
    )
    answer_cache_mb: int = Field(
        default=64,
        ge=0,
        description="Memory for answers kept per data version and sent again to the same request "
        "(0: keep none; ETags and 304s still work).",
    )


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
