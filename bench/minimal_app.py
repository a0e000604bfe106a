"""A minimal FastAPI app, served exactly as `pledgegraph serve` serves the real one.

The HTTP benchmark (bench/http_wrk.py) drives it beside the real server in the same run: its
``/healthz`` rate is the ceiling of the stack (FastAPI, uvicorn, the serve guards) on this machine.
Run as ``python -m bench.minimal_app --port P``.
"""

from __future__ import annotations

import argparse

from fastapi import FastAPI
from pydantic import BaseModel

from api.server import serve
from pledgegraph.settings import Settings


class Health(BaseModel):
    """The minimal answer."""

    status: str


def make_app() -> FastAPI:
    app = FastAPI()

    @app.get("/healthz", response_model=Health)
    def healthz() -> Health:
        return Health(status="ok")

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    serve(make_app(), Settings(port=parser.parse_args().port))


if __name__ == "__main__":
    main()
