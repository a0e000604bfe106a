"""The steps the CLI chains: read sources, check them, load them into a store."""

from __future__ import annotations

import logging
from pathlib import Path

from graph.cypher import QueryLibrary
from graph.loader import LoadReport, load_dataset
from graph.memory import paused_gc
from graph.store import GraphStore
from ingest.corpus import build_dataset, read_corpus, source_folders
from ingest.parallel import read_dataset_parallel, wanted
from ingest.review import Pending
from ingest.texts import TextArchive
from pledgegraph.settings import Settings, usable_cores
from schema.records import Dataset

log = logging.getLogger(__name__)


def read_dataset(
    settings: Settings, only: list[str] | None = None, pending: list[Pending] | None = None
) -> Dataset:
    """Read and check the data folder's sources (all, or those in ``only``) into statements.

    Drafted items still awaiting review are left out; ``pending`` receives where they are.
    A large folder is read by one process per core (``parse_workers``; ingest/parallel.py).
    """
    workers = settings.parse_workers or usable_cores()
    with paused_gc():
        folders = source_folders(settings.data, only)
        if wanted(len(folders), workers):
            return read_dataset_parallel(settings.data, settings.texts, folders, workers, pending)
        corpus = read_corpus(settings.data, only)
        if pending is not None:
            pending.extend(corpus.pending)
        return build_dataset(corpus, TextArchive(settings.texts))


def ingest(store: GraphStore, settings: Settings, only: list[str] | None = None) -> LoadReport:
    """Check the sources, then load them into ``store`` in one transaction.

    Without ``only`` the whole data folder is loaded, and the store is made to match it: sources
    and nodes no longer in the data are removed.
    """
    return load(store, read_dataset(settings, only), complete=not only)


def load(store: GraphStore, dataset: Dataset, complete: bool = False) -> LoadReport:
    """Load checked statements into ``store`` in one transaction (constraints first); with
    ``complete`` (the dataset is the whole data folder), remove what the data no longer holds."""
    return load_dataset(store, QueryLibrary(), dataset, complete=complete)


def build_store(path: Path, settings: Settings) -> LoadReport:
    """Build the embedded store at ``path`` from every source; a failure leaves any old file as it
    was. A file that is not a readable graph is set aside (``.broken``) and the store rebuilt:
    it is derived from the data."""
    from pledgegraph.stores import BrokenStoreFile, kglite_writer, set_aside

    dataset = read_dataset(settings)
    try:
        with kglite_writer(path) as store:
            return load_dataset(store, QueryLibrary(), dataset, complete=True)
    except BrokenStoreFile as err:
        aside = set_aside(path)
        log.warning("%s; rebuilding it from the data (the old file is now %s)", err, aside)
    with kglite_writer(path) as store:
        return load_dataset(store, QueryLibrary(), dataset, complete=True)
