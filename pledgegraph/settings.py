"""Settings, read from PLEDGEGRAPH_* environment variables in one place."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "ingest" / "data"


class Settings(BaseSettings):
    """Every setting has an environment variable: ``store_path`` is ``PLEDGEGRAPH_STORE_PATH``."""

    model_config = SettingsConfigDict(env_prefix="PLEDGEGRAPH_", extra="ignore")

    store_path: Path = Field(
        default=Path(".pledgegraph/graph.kgl"), description="The embedded store's file."
    )
    data: Path = Field(
        default=BUNDLED_DATA, description="Data folder: entities.yaml and sources/<id>/."
    )
    texts: Path | None = Field(
        default=None, description="Text archive that quotes are checked against."
    )
    base_iri: str = Field(
        default="https://w3id.org/pledgegraph/", description="Base of the IRIs in RDF exports."
    )
    host: str = Field(default="127.0.0.1", description="Address `serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `serve` listens on.")
    query_timeout_ms: int = Field(default=10_000, ge=100, description="Time limit of one query.")
