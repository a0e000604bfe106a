"""What each process of `pledgegraph serve --workers N` imports: the app and the guarded protocol,
built from the settings the parent process put in the environment."""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app
from api.server import guarded_protocol
from pledgegraph.settings import Settings

SETTINGS = Settings()


# uvicorn's configured HTTP protocol with the configured deadline for each request's headers.
WorkerHttp = guarded_protocol(SETTINGS.http_parser, SETTINGS.header_timeout_s)


def make_app() -> FastAPI:
    return create_app(SETTINGS)
