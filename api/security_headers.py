"""Headers that tell browsers what a response may do: a Content-Security-Policy for HTML, and
nosniff, framing and referrer rules for every answer; and ``Cache-Control: no-store`` on the routes
the answer cache never keeps (api/caching.py), unless the route set its own.

The pages carry one inline style sheet and no script: their policy allows that sheet by its
hash and nothing else. The API documentation pages (Swagger UI, ReDoc) run their bundled scripts,
served by this app, never from elsewhere.
"""

from __future__ import annotations

import base64
import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.caching import UNCACHED_PREFIXES
from api.pages import STYLE

DOC_PATHS = ("/docs", "/redoc")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


PAGE_POLICY = (
    "default-src 'none'; "
    f"style-src 'sha256-{_sha256(STYLE)}'; "
    "img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; base-uri 'none'; frame-ancestors 'none'"
)
COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
NEVER_KEPT = [*COMMON, (b"cache-control", b"no-store")]


class SecurityHeaders:
    """Add the headers above to every HTTP answer (CSP only to HTML)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith(DOC_PATHS)
        extra = NEVER_KEPT if scope["path"].startswith(UNCACHED_PREFIXES) else COMMON

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in extra if k not in names]
                content_type = next(
                    (v for k, v in headers if k.lower() == b"content-type"), b""
                ).lower()
                if content_type.startswith(b"text/html"):
                    policy = DOCS_POLICY if docs else PAGE_POLICY
                    headers.append((b"content-security-policy", policy.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
