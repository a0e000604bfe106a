"""HTTP methods done fully: HEAD wherever GET is, OPTIONS answered, and `Allow` on every 405.

FastAPI routes declare only the methods they handle; this middleware answers the two methods that
every resource has: HEAD (the GET answer's status and headers, without its body) and OPTIONS (204
with `Allow`). `allowed_methods` finds a path's methods by asking each route whether it matches.
"""

from __future__ import annotations

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: ASGIApp, scope: Scope) -> list[str]:
    """The methods the app answers at the scope's path (HEAD with GET, OPTIONS with any)."""
    router = getattr(app, "router", None)
    routes = getattr(router, "routes", [])
    found: set[str] = set()
    for method in METHODS:
        probe = {**scope, "method": method}
        if any(route.matches(probe)[0] == Match.FULL for route in routes):
            found.add(method)
    if "GET" in found:
        found.add("HEAD")
    if found:
        found.add("OPTIONS")
    return sorted(found)


class MethodsMiddleware:
    """Answer HEAD as GET without the body, and OPTIONS with the path's `Allow`."""

    def __init__(self, app: ASGIApp, routes_of: ASGIApp | None = None) -> None:
        self.app = app
        self.routes_of = routes_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        allowed = allowed_methods(self.routes_of or scope["app"], scope)
        if scope["method"] == "OPTIONS":
            if not allowed:
                await self.app(scope, receive, send)  # the app's own 404
                return
            await send(
                {
                    "type": "http.response.start",
                    "status": 204,
                    "headers": [(b"allow", ", ".join(allowed).encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        if "GET" not in allowed:
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
