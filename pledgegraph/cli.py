"""The `pledgegraph` command: a thin layer over the same Python API the server uses."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.analytics import SupersessionCycle
from graph.cypher import QueryError, QueryLibrary
from graph.names import UnknownName
from graph.neo4j_export import ExportError
from graph.rdf import FORMATS
from graph.store import StoreError
from ingest.fetch import FetchError
from ingest.problems import IngestError
from pledgegraph import __version__
from pledgegraph.settings import Settings

NEO4J_FORMATS = ("cypher", "neo4j-admin")


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for name in (
        "store",
        "store_path",
        "neo4j_uri",
        "data",
        "texts",
        "host",
        "port",
        "base_iri",
        "fetch_max_bytes",
        "fetch_timeout_s",
        "workers",
    ):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    return Settings(**overrides)


def cmd_verify(args: argparse.Namespace) -> int:
    from ingest.corpus import read_corpus
    from ingest.texts import TextArchive
    from ingest.verify import verify_corpus

    settings = _settings(args)
    unsupported = _unsupported_quotes(settings, args.sources)
    if settings.texts is None:
        print(
            "verify needs the text archive to find the quotes: pass --texts DIR or set "
            "PLEDGEGRAPH_TEXTS",
            file=sys.stderr,
        )
        return 2
    corpus = read_corpus(settings.data, args.sources, round_trip=True)
    report = verify_corpus(
        corpus,
        TextArchive(settings.texts),
        write=not args.check,
    )
    for source in report.not_archived:
        print(f"not archived, quotes left unverified: {source}")
    for path in report.updated_files:
        print(f"recorded spans in {path}")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"{report.verified} quote(s) found, {len(report.problems)} not found")
    _print_pending(corpus.pending)
    return 1 if report.problems or unsupported else 0


def _unsupported_quotes(settings: Settings, only: list[str] | None) -> list[Any]:
    """List (on stderr) every quote that names neither end of its fact and says nothing of how."""
    from ingest.corpus import build_dataset, read_corpus
    from ingest.problems import IngestError
    from ingest.support import unsupported
    from ingest.texts import TextArchive

    try:
        dataset = build_dataset(read_corpus(settings.data, only), TextArchive(None))
    except IngestError as err:
        print(err, file=sys.stderr)
        return list(err.problems)
    problems = unsupported(dataset.statements, dataset.entities)
    for problem in problems:
        print(f"unsupported: {problem}", file=sys.stderr)
    print(
        f"{len(dataset.statements) - len(problems)} of {len(dataset.statements)} quote(s) "
        "name an end of their fact, mark words for one, or say how they support it"
    )
    return problems


def _print_pending(pending: list[Any]) -> None:
    for item in pending:
        print(
            f"awaiting review, not loaded: {item.facts} proposed fact(s), {item.entities} proposed "
            f"entit{'y' if item.entities == 1 else 'ies'} in {item.file} "
            "(mark them `review: accepted` or `rejected`; `pledgegraph diff FILE` shows what they add)"
        )


def _where(settings: Settings) -> str:
    if settings.store == "neo4j":
        return f"Neo4j at {settings.neo4j_uri} (database {settings.neo4j_database or 'default'})"
    return str(settings.store_path)


def cmd_ingest(args: argparse.Namespace) -> int:
    from pledgegraph.pipeline import load, read_dataset
    from pledgegraph.stores import writer

    settings = _settings(args)
    pending: list[Any] = []
    dataset = read_dataset(settings, args.sources, pending)  # checked before any store is opened
    with writer(settings) as store:
        report = load(store, dataset, complete=not args.sources)
    print(f"loaded into {_where(settings)}: {report}")
    _print_pending(pending)
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from ingest.fetch import fetch

    settings = _settings(args)
    if settings.texts is None:
        print(
            "fetch keeps the page's text in the text archive: pass --texts DIR or set "
            "PLEDGEGRAPH_TEXTS",
            file=sys.stderr,
        )
        return 2
    got = fetch(
        args.url,
        texts=settings.texts,
        data=settings.data,
        source_id=args.id,
        max_bytes=settings.fetch_max_bytes,
        timeout_s=settings.fetch_timeout_s,
    )
    state = "already archived, unchanged" if got.unchanged else "archived"
    print(f"{state}: {got.text_path} (sha256 {got.sha256})")
    print(f"source metadata: {got.source_file}; check name, publisher and published")
    print(
        f"next: pledgegraph extract {got.source_id} --output {got.source_file.parent / 'claims.yaml'}"
    )
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from ingest.extract import extractor, open_source, registry_records
    from ingest.extract.draft import draft_yaml
    from ingest.review import accepted
    from ingest.yamlfile import write_text_atomic

    settings = _settings(args)
    out = Path(args.output)
    if out.is_file():
        from ingest.yamlfile import read_yaml

        held = read_yaml(out)
        reviewed = [
            f for f in (held or {}).get("facts") or [] if isinstance(held, dict) and accepted(f)
        ]
        if reviewed and not args.force:
            print(
                f"error: {out} holds {len(reviewed)} reviewed or hand-written fact(s); write the "
                "draft to another file (or pass --force to replace them)",
                file=sys.stderr,
            )
            return 1
    source = open_source(args.source, settings.data, settings.texts, args.published)
    registry = registry_records(settings.data)
    draft = extractor(args.extractor, args.min_confidence).extract(source, registry)
    text = draft_yaml(draft, registry, args.extractor, dt.date.today())
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out, text)
    if source.published is None:
        print(
            "no publication date (give --published): relative dates such as 'Friday' were left out",
            file=sys.stderr,
        )
    print(
        f"drafted {len(draft.facts)} fact(s) and {len(draft.proposed)} new entit"
        f"{'y' if len(draft.proposed) == 1 else 'ies'} from {source.source_id} to {out}, all "
        f"`review: proposed`; next: pledgegraph diff {out}"
    )
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from ingest.review import mark

    if not (args.accept or args.reject):
        print("say what to mark: --accept and/or --reject", file=sys.stderr)
        return 2
    try:
        done = mark(Path(args.file), args.accept or "", args.reject or "")
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(
        f"{args.file}: facts "
        + ", ".join(f"{n} {state}" for state, n in done.facts.items())
        + "; entities "
        + ", ".join(f"{n} {state}" for state, n in done.entities.items())
    )
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from ingest.corpus import build_dataset, read_corpus
    from ingest.diff import diff_draft, source_of
    from ingest.texts import TextArchive

    settings = _settings(args)
    file = Path(args.file)
    source_id = args.source or source_of(file, settings.data)
    if source_id is None:
        print(
            f"{file} is not a source's claims.yaml under {settings.data}; name its source with "
            "--source ID",
            file=sys.stderr,
        )
        return 2
    corpus = read_corpus(settings.data)
    dataset = build_dataset(corpus, TextArchive(settings.texts))
    result = diff_draft(file, source_id, corpus, dataset)
    if args.json:
        json.dump(result.as_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        sys.stdout.write(result.text())
    return 0


def cmd_policy_diff(args: argparse.Namespace) -> int:
    from ingest.policydiff import DIFFERENT_POLICIES
    from ingest.policydiff.compare import compare
    from ingest.policydiff.drafts import draft_versions, draft_yaml
    from ingest.policydiff.report import as_dict, as_html, as_text
    from ingest.yamlfile import write_text_atomic

    settings = _settings(args)
    result = compare(args.old, args.new, args.policy, settings.data, settings.texts, args.lab)
    diff = result.diff
    labels = (result.old.label, result.new.label)
    if diff.similarity < DIFFERENT_POLICIES and diff.changed:
        print(
            f"warning: {labels[0]} and {labels[1]} may be versions of different policies: only "
            f"{diff.similarity:.0%} of their passages align",
            file=sys.stderr,
        )
    if args.format == "html":
        title = f"{result.policy_name}: {labels[0]} → {labels[1]}"
        out = as_html(diff, labels, title, result.matches)
    elif args.format == "json":
        out = json.dumps(as_dict(diff, labels, result.matches), indent=2, ensure_ascii=False) + "\n"
    else:
        out = as_text(diff, labels, result.matches)
    if args.output:
        write_text_atomic(Path(args.output), out)
        print(f"wrote the {args.format} report to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    if args.drafts and diff.changed:
        if result.lab_id is None:
            print(
                f"error: no organisation is recorded as publishing {args.policy}; name it with --lab "
                "ID to draft facts",
                file=sys.stderr,
            )
            return 1
        old_draft, new_draft = draft_versions(
            diff, result.old, result.new, args.policy, result.lab_id, result.matches, args.published
        )
        folder = Path(args.drafts)
        folder.mkdir(parents=True, exist_ok=True)
        for draft in (old_draft, new_draft):
            name = draft.version.source_id or draft.version.label
            path = folder / f"{name}.claims.yaml"
            write_text_atomic(path, draft_yaml(draft, labels[0], labels[1], dt.date.today()))
            print(
                f"drafted {len(draft.facts)} fact(s) and {len(draft.entities)} entit"
                f"{'y' if len(draft.entities) == 1 else 'ies'} to {path}, all `review: proposed`; "
                f"next: pledgegraph diff {path} --source {name}",
                file=sys.stderr,
            )
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    settings = _settings(args)
    queries = QueryLibrary()
    query = queries[args.name]
    params: dict[str, Any] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise QueryError(f"-p takes key=value, got {item!r}")
        params[key] = value
    from graph.names import resolve_parameters
    from pledgegraph.stores import reader

    with reader(settings) as store:
        query.bind(params)  # wrong or missing parameters are reported before names are looked up
        rows = store.read(query, resolve_parameters(store, queries, query, params))
    json.dump(rows, sys.stdout, indent=2, default=_json_default, ensure_ascii=False)
    print()
    return 0


def cmd_queries(_: argparse.Namespace) -> int:
    for query in QueryLibrary().public():
        params = ", ".join(
            f"{p.name}: {p.kind}{'' if p.required else '?'}" for p in query.parameters
        )
        print(
            f"{query.name}({params})\n    {query.description}\n    returns: {', '.join(query.columns)}"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pledgegraph.stores import reader
    from schema import load_schema

    settings = _settings(args)
    schema = load_schema()
    queries = QueryLibrary()
    if args.format in NEO4J_FORMATS and not args.output:
        print(f"--format {args.format} needs --output", file=sys.stderr)
        return 2
    with reader(settings) as store:
        if args.format in NEO4J_FORMATS:
            from graph.neo4j_export import cypher_script, read_rows, write_admin_import

            rows = read_rows(store, queries, schema)
            out = Path(args.output)
            if args.format == "cypher":
                with out.open("w", encoding="utf-8") as handle:
                    handle.writelines(cypher_script(rows, queries))
                written = [out]
            else:
                written = write_admin_import(rows, schema, queries, out)
            nodes, statements = rows.counts
            print(
                f"wrote {nodes} nodes and {statements} statements to "
                + ", ".join(str(p) for p in written),
                file=sys.stderr,
            )
            return 0
        from graph.rdf import write_export

        if args.output:
            with Path(args.output).open("wb") as handle:
                write_export(
                    store, queries, schema, args.format, handle, settings.base_iri, args.evidence
                )
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            write_export(
                store,
                queries,
                schema,
                args.format,
                sys.stdout.buffer,
                settings.base_iri,
                args.evidence,
            )
            sys.stdout.flush()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from graph.stats import coverage
    from pledgegraph.stores import reader
    from schema import load_schema

    settings = _settings(args)
    with reader(settings) as store:
        report = coverage(store, QueryLibrary(), load_schema())
    if args.json:
        json.dump(report.as_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.readme:
        from api.app import create_app
        from api.examples import examples_block, replace_readme_examples
        from graph.stats import replace_coverage_block

        path = Path(args.readme)
        text = replace_coverage_block(path.read_text(encoding="utf-8"), report.markdown())
        text = replace_readme_examples(text, examples_block(create_app(settings)))
        path.write_text(text, encoding="utf-8")
        print(f"updated the coverage table and example answers in {path}", file=sys.stderr)
    elif args.markdown:
        sys.stdout.write(report.markdown())
    else:
        sys.stdout.write(report.text())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from api.app import create_app
    from api.server import serve, serve_workers
    from pledgegraph.pipeline import build_store
    from pledgegraph.settings import usable_cores
    from pledgegraph.stores import kglite_reader

    if args.workers is not None and args.workers < 1:
        print("--workers must be 1 or more", file=sys.stderr)
        return 2
    settings = _settings(args)
    if settings.store == "neo4j":
        # A user's Neo4j is only read here; `pledgegraph load --store neo4j` writes to it.
        print(f"serving from {_where(settings)}")
    else:
        if args.rebuild and settings.store_path.is_file():
            settings.store_path.unlink()
        if not args.no_ingest or not settings.store_path.is_file():
            # Re-ingesting unchanged sources is a no-op, so the store always matches the data folder.
            print(
                f"checking {settings.data} and loading it into {settings.store_path} ...",
                file=sys.stderr,
                flush=True,
            )
            report = build_store(settings.store_path, settings)
            print(f"{settings.store_path} is up to date with {settings.data}: {report}")
    if settings.store != "neo4j":
        kglite_reader(settings.store_path, settings.query_timeout_ms)  # fails here, in one line
    workers = settings.workers or usable_cores()
    url = f"http://{settings.host}:{settings.port}/"
    ready = f"pledgegraph is ready: open {url} (pages) or {url}docs (the API)"
    if workers > 1:
        print(f"starting {workers} workers; {ready}", file=sys.stderr, flush=True)
        serve_workers(settings, workers)
    else:
        serve(create_app(settings, announce=ready), settings)
    return 0


def cmd_mcp(args: argparse.Namespace) -> int:
    from api.mcp_server import build_server
    from pledgegraph.pipeline import build_store
    from pledgegraph.stores import reader

    settings = _settings(args)
    if settings.store != "neo4j" and not settings.store_path.is_file():
        report = build_store(settings.store_path, settings)
        # Standard output is the protocol's channel under stdio: everything else goes to stderr.
        print(f"built {settings.store_path} from {settings.data}: {report}", file=sys.stderr)
    with reader(settings) as store:
        server = build_server(store, settings)
        if args.transport == "stdio":
            server.run("stdio")
        else:
            port = args.port or 8001
            print(f"MCP over Streamable HTTP at http://{settings.host}:{port}/mcp", file=sys.stderr)
            server.run("streamable-http", host=settings.host, port=port)
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from schema.generate import ROOT, generated_files, released_drift, write_generated

    files = generated_files()
    drift = released_drift(files)
    if drift:
        print(drift, file=sys.stderr)
        return 1
    if args.check:
        stale = [
            rel
            for rel, text in files.items()
            if not (ROOT / rel).is_file() or (ROOT / rel).read_text(encoding="utf-8") != text
        ]
        for rel in stale:
            print(f"out of date: {rel}", file=sys.stderr)
        return 1 if stale else 0
    for rel in write_generated(files=files):
        print(f"wrote {rel}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="pledgegraph",
        description="An evidence-backed knowledge graph of AI labs' safety commitments.",
    )
    top.add_argument("--version", action="version", version=f"pledgegraph {__version__}")
    sub = top.add_subparsers(dest="command", required=True)

    def data_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data",
            type=Path,
            help="data folder with entities.yaml and sources/ (PLEDGEGRAPH_DATA; default: the bundled data)",
        )
        p.add_argument(
            "--texts",
            type=Path,
            help="text archive that quotes are checked against (PLEDGEGRAPH_TEXTS)",
        )

    def store_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--store",
            choices=["kglite", "neo4j"],
            help="kglite (the embedded file, default) or neo4j (PLEDGEGRAPH_STORE)",
        )
        p.add_argument(
            "--store-path",
            type=Path,
            help="embedded store file (PLEDGEGRAPH_STORE_PATH; default .pledgegraph/graph.kgl)",
        )
        p.add_argument(
            "--neo4j-uri",
            help="Neo4j address, e.g. bolt://localhost:7687 (PLEDGEGRAPH_NEO4J_URI; user, "
            "password and database come from PLEDGEGRAPH_NEO4J_USER, _PASSWORD, _DATABASE)",
        )

    p = sub.add_parser(
        "verify",
        help="find every quote in its archived text and record span and sha256 in the claims",
    )
    data_options(p)
    p.add_argument("sources", nargs="*", help="source folders or ids (default: all)")
    p.add_argument("--check", action="store_true", help="report only; do not write the records")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser(
        "ingest",
        aliases=["load"],
        help="check sources and load their statements into the store (all or nothing); "
        "`load` is the same command",
    )
    data_options(p)
    store_option(p)
    p.add_argument("sources", nargs="*", help="source folders or ids (default: all)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "fetch",
        help="download a page, keep its main text in the text archive and write its source.yaml",
    )
    data_options(p)
    p.add_argument("url", help="http:// or https:// address of the page")
    p.add_argument("--id", help="the new source's id (default: made from the site and title)")
    p.add_argument(
        "--max-bytes",
        dest="fetch_max_bytes",
        type=int,
        help="largest page to download (PLEDGEGRAPH_FETCH_MAX_BYTES; default 5000000)",
    )
    p.add_argument(
        "--timeout",
        dest="fetch_timeout_s",
        type=float,
        help="seconds to wait for the page (PLEDGEGRAPH_FETCH_TIMEOUT_S; default 20)",
    )
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser(
        "extract",
        help="draft a claims file from a source's text: entities and facts, each with its quote "
        "and a confidence, all marked for review",
    )
    data_options(p)
    p.add_argument("source", help="an archived source's id, or the path of a plain text file")
    p.add_argument("--output", required=True, help="the draft claims file to write")
    p.add_argument(
        "--published",
        type=dt.date.fromisoformat,
        help="publication date (YYYY-MM-DD) that relative dates are read against "
        "(default: the source's `published`)",
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.5,
        help="leave out facts drafted with less confidence (0-1; default 0.5)",
    )
    p.add_argument("--extractor", choices=["rules"], default="rules", help="default: rules")
    p.add_argument(
        "--force", action="store_true", help="replace an output file that holds reviewed facts"
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "policy-diff",
        help="align two versions of a policy passage by passage, classify each change with named "
        "rules, and draft the facts for review",
    )
    data_options(p)
    p.add_argument(
        "old", help="the older version: a .txt, .md or .html file, or an archived source id"
    )
    p.add_argument("new", help="the newer version, the same way")
    p.add_argument("--policy", required=True, help="the policy's id in the registry")
    p.add_argument("--lab", help="who publishes it (default: the publisher the data records)")
    p.add_argument(
        "--format", choices=["text", "json", "html"], default="text", help="default: text"
    )
    p.add_argument("--output", help="write the report to this file (default: standard output)")
    p.add_argument(
        "--drafts",
        help="folder to write each version's draft claims file to (<source>.claims.yaml)",
    )
    p.add_argument(
        "--published",
        type=dt.date.fromisoformat,
        help="the new version's publication date (YYYY-MM-DD), for its PUBLISHED fact",
    )
    p.set_defaults(func=cmd_policy_diff)

    p = sub.add_parser(
        "diff",
        help="show what a draft claims file adds to the graph: new entities, new facts, facts "
        "already held and where their values differ",
    )
    data_options(p)
    p.add_argument("file", help="the draft claims file")
    p.add_argument("--source", help="its source id (default: from its folder under sources/)")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "review",
        help="mark drafted facts and entities of a claims file accepted or rejected "
        "(comments and layout kept)",
    )
    p.add_argument("file", help="the claims file")
    p.add_argument(
        "--accept",
        metavar="ITEMS",
        help="fact numbers and ranges (1-based, in file order), entity ids, or all: 1,3-5,ada-quill",
    )
    p.add_argument("--reject", metavar="ITEMS", help="as --accept")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("query", help="run a canned query and print its rows as JSON")
    store_option(p)
    p.add_argument("name", help="query name (see `pledgegraph queries`)")
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a query parameter (repeatable)",
    )
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("queries", help="list the canned queries")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser(
        "export", help="write the whole graph as RDF, a Cypher script or neo4j-admin CSV files"
    )
    store_option(p)
    p.add_argument("--format", choices=[*FORMATS, *NEO4J_FORMATS], default="turtle")
    p.add_argument(
        "--evidence",
        choices=["all", "verified", "preferred"],
        default="all",
        help="which facts are stated as plain triples (RDF formats): all (default), verified "
        "(quote found in the archived text) or preferred (no deprecated fact, and an event's "
        "preferred statement where it has one); every reified statement stays, with its "
        "verification state and rank",
    )
    p.add_argument(
        "--output",
        help="file to write (default: standard output); a folder for neo4j-admin",
    )
    p.add_argument("--base-iri", dest="base_iri", help="base of the IRIs (PLEDGEGRAPH_BASE_IRI)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "stats",
        help="coverage: counts per lab and edge type, unverified facts, imprecise dates",
    )
    store_option(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--markdown",
        action="store_true",
        help="print the coverage table (events per lab and organisation) as in the README",
    )
    p.add_argument(
        "--readme",
        metavar="FILE",
        help="write the coverage table and the example answers between their markers in FILE (README.md)",
    )
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "serve", help="serve the HTTP API, building the store from the bundled data if needed"
    )
    data_options(p)
    store_option(p)
    p.add_argument("--host", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument(
        "--rebuild", action="store_true", help="delete the store and build it anew from the data"
    )
    p.add_argument(
        "--no-ingest", action="store_true", help="serve the store as it is (built when missing)"
    )
    p.add_argument(
        "--workers",
        type=int,
        help="server processes, each reading the same store and following its loads "
        "(default: PLEDGEGRAPH_WORKERS, else one per core)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "mcp",
        help="serve the canned questions to assistants over MCP (stdio, or Streamable HTTP)",
    )
    data_options(p)
    store_option(p)
    p.add_argument(
        "--transport",
        choices=["stdio", "http"],
        default="stdio",
        help="stdio (default: for a desktop assistant that starts this command) or http",
    )
    p.add_argument("--host", help="address to bind with --transport http (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port with --transport http (default 8001)")
    p.set_defaults(func=cmd_mcp)

    p = sub.add_parser("generate", help="write the files derived from schema/model.yaml")
    p.add_argument("--check", action="store_true", help="only report files that are out of date")
    p.set_defaults(func=cmd_generate)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except IngestError as err:
        print(f"error: {err}\nNothing was written to the store.", file=sys.stderr)
        return 1
    except SupersessionCycle as err:
        print(f"error: {err}\nNothing was written to the store.", file=sys.stderr)
        return 1
    except FetchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except (QueryError, StoreError, ExportError, UnknownName) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except ValidationError as err:
        for problem in err.errors():
            field = ".".join(str(part) for part in problem["loc"])
            print(
                f"error: setting {field} (PLEDGEGRAPH_{field.upper()}): {problem['msg']}",
                file=sys.stderr,
            )
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
