"""Two stored versions of a policy side by side: what was removed, added and edited, each change
classified by the policy-diff rules."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse

from api import pages
from api.deps import QueriesDep, SettingsDep, StoreDep
from api.errors import NotFound, problems
from ingest.policydiff import diff_texts
from ingest.policydiff.report import as_dict, html_body
from ingest.texts import TextArchive

router = APIRouter(prefix="/policies", tags=["policies"], responses=problems(404, 503))


def _pick(versions: list[dict[str, Any]], wanted: str, policy: str) -> dict[str, Any]:
    for v in versions:
        if wanted in (v["version_id"], v["version"]):
            return v
    known = ", ".join(str(v["version"] or v["version_id"]) for v in versions) or "none"
    raise NotFound(f"policy {policy!r} has no version {wanted!r} (its versions: {known})")


@router.get(
    "/{policy}/diff",
    response_class=HTMLResponse,
    summary="Two versions of a policy side by side, each change labelled by the rules that fired",
    responses={
        200: {"content": {"text/html": {}, "application/json": {}}, "description": "The diff."}
    },
)
def policy_diff(
    store: StoreDep,
    queries: QueriesDep,
    settings: SettingsDep,
    policy: str = Path(min_length=1, max_length=200, description="The policy's id."),
    from_: str = Query(
        alias="from", min_length=1, max_length=200, description="Older version: id or label."
    ),
    to: str = Query(min_length=1, max_length=200, description="Newer version: id or label."),
    format: str = Query(
        default="html", pattern="^(html|json)$", description="html (default) or json."
    ),
) -> Any:
    versions = store.read(queries["read/policy_versions"], {"policy": policy})
    if not versions:
        raise NotFound(f"no policy {policy!r}")
    versions = [v for v in versions if v["version_id"] is not None]
    old, new = _pick(versions, from_, policy), _pick(versions, to, policy)
    archive = TextArchive(settings.texts)
    texts = []
    for v in (old, new):
        index = archive.lookup(v["text_source"]) if v["text_source"] else None
        if index is None:
            raise NotFound(
                f"the text of version {v['version']!r} of {policy!r} is not archived here "
                "(its text_source is unset, or the text archive does not hold it)"
            )
        texts.append(index.text)
    diff = diff_texts(texts[0], texts[1])
    labels = (str(old["version"] or old["version_id"]), str(new["version"] or new["version_id"]))
    if format == "json":
        return JSONResponse(as_dict(diff, labels))
    title = f"{versions[0]['name']}: {labels[0]} → {labels[1]}"
    return HTMLResponse(pages.layout(title, html_body(diff, labels, title)))
