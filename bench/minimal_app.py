"""A minimal FastAPI app, served exactly as `pledgegraph serve` serves the real one.

The HTTP benchmark (bench/http_wrk.py) drives it beside the real server in the same run: its
``/healthz`` rate is the ceiling of the stack (FastAPI, uvicorn, the serve guards) on this machine.
Run as ``python -m bench.minimal_app --port P [--workers N]``.
"""

from __future__ import annotations

import argparse

from fastapi import FastAPI
from pydantic import BaseModel

from api.server import guarded_protocol, serve, serve_workers
from pledgegraph.settings import Settings

# The protocol each process of ``--workers N`` imports, as `pledgegraph serve` does.
_DEFAULTS = Settings()
WorkerHttp = guarded_protocol(_DEFAULTS.http_parser, _DEFAULTS.header_timeout_s)


class Health(BaseModel):
    """The minimal answer."""

    status: str


def make_app() -> FastAPI:
    app = FastAPI()

    @app.get("/healthz", response_model=Health)
    async def healthz() -> Health:
        return Health(status="ok")

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    settings = Settings(port=args.port)
    if args.workers > 1:
        serve_workers(
            settings, args.workers, "bench.minimal_app:make_app", "bench.minimal_app:WorkerHttp"
        )
    else:
        serve(make_app(), settings)


if __name__ == "__main__":
    main()
