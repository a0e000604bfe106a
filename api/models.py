"""Response models: the HTTP contract."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class EntityRef(BaseModel):
    id: str
    name: str | None = None


class SourceRef(BaseModel):
    id: str | None = None
    name: str | None = Field(default=None, description="Headline or title of the source.")
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None


class Evidence(BaseModel):
    statement: str = Field(description="Id of the statement (content hash).")
    source: SourceRef
    quote: str = Field(description="Verbatim quote from the source.")
    verified: bool = Field(
        description="True when the quote was found in the archived text of the source."
    )
    quote_start: int | None = Field(
        default=None, description="Start of the quote in the archived text (code points)."
    )
    quote_end: int | None = Field(default=None, description="End of the quote (exclusive).")
    attributed_to: str | None = Field(
        default=None, description="Whom the source credits for the report."
    )


class CommitmentRef(BaseModel):
    id: str
    name: str | None = None
    text: str | None = None
    category: str | None = None


class LabSummary(BaseModel):
    id: str
    name: str
    aliases: list[str] = []
    made: int = Field(description="Commitments the lab made.")
    dropped: int = Field(description="Commitments the lab dropped.")
    weakened: int = Field(description="The lab's commitments replaced by weaker ones.")
    latest_change: dt.date | None = Field(
        default=None, description="Date of the latest drop or replacement."
    )


class Replacement(BaseModel):
    id: str
    name: str | None = None
    text: str | None = None
    change: str | None = None
    date: dt.date | None = None
    evidence: list[Evidence] = []


class DroppedCommitment(BaseModel):
    commitment: CommitmentRef
    change: str | None = Field(
        description="weakened, strengthened or replaced; null when nothing replaced it."
    )
    date: dt.date | None
    replaced_by: list[Replacement]
    evidence: list[Evidence]


class LabDropped(BaseModel):
    lab: EntityRef
    dropped: list[DroppedCommitment]


class LabCommitment(BaseModel):
    commitment: CommitmentRef
    made: dt.date | None
    made_precision: str | None = Field(
        default=None, description="day, month, year or approximate; null means day."
    )
    binding: str | None = Field(description="binding or non_binding, as the lab presented it.")
    status: str = Field(description="standing, superseded or dropped.")
    dropped: dt.date | None
    superseded_by: list[str]
    evidence: list[Evidence]


class LabCommitments(BaseModel):
    lab: EntityRef
    commitments: list[LabCommitment]


class HistoryStep(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: CommitmentRef = Field(alias="from")
    to: CommitmentRef
    change: str | None
    date: dt.date | None
    evidence: list[Evidence]


class CommitmentDetail(BaseModel):
    commitment: CommitmentRef
    made_by: list[EntityRef]
    dropped_by: list[EntityRef]
    history: list[HistoryStep] = Field(
        description="Every supersession in the commitment's chain, oldest first."
    )


class Pressure(BaseModel):
    by: EntityRef
    target: EntityRef
    demand: str | None
    deadline: dt.datetime | None = Field(
        description="Local time, as reported (the source may give no time zone)."
    )
    threat: str | None
    date: dt.date | None
    date_precision: str | None = None
    evidence: list[Evidence]


class EntityStatement(BaseModel):
    edge: str
    direction: str = Field(description="out: the entity is the subject; in: the object.")
    other: EntityRef
    statement: dict[str, Any] = Field(
        description="The statement's properties: id, source, quote, facts."
    )


class EntityDetail(BaseModel):
    id: str
    kind: str
    labels: list[str]
    properties: dict[str, Any]
    statements: list[EntityStatement]


class ParameterInfo(BaseModel):
    name: str
    kind: str
    required: bool
    description: str


class QueryInfo(BaseModel):
    name: str
    description: str
    parameters: list[ParameterInfo]
    columns: list[str]


class QueryResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]]


class Problem(BaseModel):
    detail: str
