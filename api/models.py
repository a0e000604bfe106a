"""Response models: the HTTP contract."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

# A local date and time as a source reports it, with no time zone: not an RFC 3339 date-time.
LocalDateTime = Annotated[
    dt.datetime,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
            "description": "Local date and time, no time zone (YYYY-MM-DDTHH:MM:SS).",
        }
    ),
]


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
    unverified_reason: str | None = Field(
        default=None, description="Why the quote could not be checked, when it was not."
    )
    rank: str | None = Field(
        default=None,
        description="preferred, normal (null) or deprecated, as Wikidata ranks conflicting claims.",
    )
    date: dt.date | None = Field(default=None, description="The date this statement gives.")
    date_precision: str | None = Field(
        default=None, description="day (null), month, year or approximate."
    )
    note: str | None = Field(default=None, description="The curators' note on this statement.")
    refers_to: list[str] | None = Field(
        default=None,
        description="Words in the quote that stand for an end of the fact (`words = entity id`).",
    )
    support: str | None = Field(
        default=None,
        description="The curators' note on how the quote supports the fact, when it names neither end.",
    )


class CommitmentRef(BaseModel):
    id: str
    name: str | None = None
    text: str | None = None
    category: str | None = None


class CommitmentInfo(CommitmentRef):
    due: dt.date | None = Field(default=None, description="Deadline the commitment set itself.")
    due_precision: str | None = Field(
        default=None, description="day, month or year: a month or year deadline runs to its end."
    )


class LabSummary(BaseModel):
    id: str
    name: str
    aliases: list[str] = []
    made: int = Field(
        description="Commitments the lab made (events, as every count: see /queries/counts)."
    )
    dropped: int = Field(description="Commitments the lab dropped.")
    weakened: int = Field(description="The lab's commitments replaced by weaker ones.")
    events: int = Field(description="Dated events the lab takes part in, on either side.")
    signed: int = Field(description="Agreements and joint commitments it signed.")
    declined: int = Field(description="Agreements it refused to sign.")
    breached: int = Field(description="Acts against its own commitments.")
    fulfilled: int = Field(description="Commitments it met.")
    pressed: int = Field(description="Pressure it applied.")
    pressured: int = Field(
        description="Pressure applied to it (a letter to several labs counts once for each)."
    )
    rated: int = Field(description="Third-party ratings of it.")
    latest_change: dt.date | None = Field(
        default=None, description="Date of the latest drop or replacement."
    )


SEVERITY = "slight, moderate or major: a judgement (see judged_by and basis)."
JUDGED_BY = "Who made the judgements (severity, change, disclosure): curators (this project) or source (the source says so itself)."
BASIS = "What in the source the judgements rest on."
DISCLOSURE = "announced by the lab, or unannounced (found by others)."


class Replacement(BaseModel):
    id: str
    name: str | None = None
    text: str | None = None
    change: str | None = None
    date: dt.date | None = None
    severity: str | None = Field(default=None, description=SEVERITY)
    disclosure: str | None = Field(default=None, description=DISCLOSURE)
    judged_by: str | None = Field(default=None, description=JUDGED_BY)
    basis: str | None = Field(default=None, description=BASIS)
    evidence: list[Evidence] = []


class DroppedCommitment(BaseModel):
    commitment: CommitmentRef
    change: str | None = Field(
        description="weakened, strengthened or replaced; null when nothing replaced it."
    )
    date: dt.date | None
    date_precision: str | None = None
    severity: str | None = Field(default=None, description=SEVERITY)
    disclosure: str | None = Field(default=None, description=DISCLOSURE)
    judged_by: str | None = Field(default=None, description=JUDGED_BY)
    basis: str | None = Field(default=None, description=BASIS)
    replaced_by: list[Replacement]
    evidence: list[Evidence]


class LabDropped(BaseModel):
    lab: EntityRef
    as_of: dt.date | None = None
    dropped: list[DroppedCommitment]


class Deadline(BaseModel):
    due: dt.date
    due_precision: str
    due_by: dt.date = Field(description="Last day the deadline allows, given its precision.")
    status: str = Field(
        description="Derived from the facts and the as-of date: met, met late, partial, missed "
        "(dropped or breached unmet), overdue (past due, unmet) or pending."
    )
    met_on: dt.date | None = None
    days_late: int | None = None


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
    deadline: Deadline | None = Field(
        default=None, description="The commitment's deadline and its derived status, if it has one."
    )
    evidence: list[Evidence]


class LabCommitments(BaseModel):
    lab: EntityRef
    as_of: dt.date | None = Field(
        default=None, description="When given, only the commitments in force that day."
    )
    commitments: list[LabCommitment]


class HistoryStep(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: CommitmentRef = Field(alias="from")
    to: CommitmentRef
    change: str | None
    date: dt.date | None
    severity: str | None = Field(default=None, description=SEVERITY)
    disclosure: str | None = Field(default=None, description=DISCLOSURE)
    judged_by: str | None = Field(default=None, description=JUDGED_BY)
    basis: str | None = Field(default=None, description=BASIS)
    evidence: list[Evidence]


class Fulfilment(EntityRef):
    date: dt.date | None = None
    extent: str | None = Field(default=None, description="full or partial.")


class Breach(EntityRef):
    date: dt.date | None = None
    breach: str | None = None


class CommitmentDetail(BaseModel):
    commitment: CommitmentInfo
    as_of: dt.date | None = None
    made_by: list[EntityRef]
    dropped_by: list[EntityRef]
    fulfilled_by: list[Fulfilment] = []
    breached_by: list[Breach] = []
    history: list[HistoryStep] = Field(
        description="Every supersession in the commitment's chain, oldest first."
    )


class Alternative(BaseModel):
    """Values another source gives for the same event, below the preferred ones."""

    date: dt.date | None = None
    date_precision: str | None = None
    action: str | None = None
    demand: str | None = None
    deadline: LocalDateTime | None = None
    threat: str | None = None
    outcome: str | None = None
    change: str | None = None
    severity: str | None = None
    disclosure: str | None = None
    extent: str | None = None
    breach: str | None = None
    criticism: str | None = None
    ruling: str | None = None
    role: str | None = None
    rank: str | None = Field(default=None, description="preferred, normal (null) or deprecated.")
    sources: list[str] = Field(description="Ids of the sources that give these values.")


EVENT = "Id of the event: every source's statements about it share it."


class Pressure(BaseModel):
    event: str = Field(description=EVENT)
    by: list[EntityRef] = Field(
        description="Everyone who pressed in this event (five senators signing one letter are five)."
    )
    targets: list[EntityRef] = Field(
        description="Everyone pressed in it (a letter to several labs names them all)."
    )
    action: str | None = Field(
        default=None,
        description="The form it took: demand, letter, statement, investigation, lawsuit, order, ban, legislation, hearing or protest.",
    )
    demand: str | None
    deadline: LocalDateTime | None = Field(
        description="Local time, as reported (the source may give no time zone)."
    )
    threat: str | None
    outcome: str | None = Field(default=None, description="What came of it, as far as known.")
    date: dt.date | None
    date_precision: str | None = None
    alternatives: list[Alternative] = Field(
        default=[], description="Values other sources give for the same event, ranked."
    )
    evidence: list[Evidence]


class PressureAction(BaseModel):
    event: str = Field(description=EVENT)
    date: dt.date | None
    date_precision: str | None = None
    action: str | None = None
    demand: str | None = None
    deadline: LocalDateTime | None = None
    threat: str | None = None
    outcome: str | None = None
    evidence: list[Evidence]


class Presser(BaseModel):
    by: EntityRef
    kind: str = Field(description="Person, GovernmentBody, Lab or Organisation.")
    first: dt.date | None = Field(description="Date of its first dated action.")
    latest: dt.date | None = Field(description="Date of its latest dated action.")
    actions: list[PressureAction] = Field(description="Every action, oldest first.")


class LabPressure(BaseModel):
    lab: EntityRef
    as_of: dt.date | None = None
    pressed_by: list[Presser]


class Delivery(BaseModel):
    commitment: str
    name: str | None = None
    extent: str | None = None
    date: dt.date | None = None
    date_precision: str | None = None


class FrameworkRef(BaseModel):
    id: str
    name: str | None = None
    date: dt.date | None = None
    date_precision: str | None = None


class SigningEvidence(Evidence):
    edge: str = Field(description="SIGNED, MADE (a part of it) or DECLINED.")


class Signatory(BaseModel):
    organisation: EntityRef
    signed: dt.date | None = Field(description="When it signed (its earliest dated signing).")
    signed_precision: str | None = None
    extent: str | None = Field(description="full, or partial when it signed only part.")
    declined: bool = Field(description="True when it refused to sign and never signed.")
    delivered: list[Delivery] = Field(description="Parts of the commitment it has met.")
    framework: FrameworkRef | None = Field(
        description="The first safety framework (policy) it published, by as_of if given."
    )
    evidence: list[SigningEvidence]


class Signatories(BaseModel):
    commitment: str
    as_of: dt.date | None = None
    signatories: list[Signatory]


class LabWithoutFramework(BaseModel):
    lab: EntityRef
    status: str = Field(
        default="missing",
        description="missing; or unknown when its framework is dated only as published by a later day.",
    )
    signed: list[FrameworkRef] = Field(
        description="Commitments and agreements it had signed by then (id, name, date)."
    )


class FrameworksMissing(BaseModel):
    as_of: dt.date | None = None
    labs: list[LabWithoutFramework] = Field(description="Labs with no framework by then.")
    unknown: list[LabWithoutFramework] = Field(
        default=[],
        description="Labs whose framework is known only to have been published by a later day: the records cannot tell.",
    )


class TimelineEvent(BaseModel):
    date: dt.date
    date_precision: str | None = Field(
        default=None, description="day (null), month, year or approximate."
    )
    event: str = Field(description=EVENT)
    edge: str = Field(description="The kind of fact: MADE, DROPPED, SUPERSEDED_BY, PRESSURED, ...")
    subjects: list[EntityRef] = Field(
        description="Who or what acted (several signers of one letter)."
    )
    objects: list[EntityRef] = Field(description="Who or what it was done to.")
    change: str | None = None
    severity: str | None = Field(default=None, description=SEVERITY)
    disclosure: str | None = Field(default=None, description=DISCLOSURE)
    extent: str | None = None
    breach: str | None = None
    criticism: str | None = None
    demand: str | None = None
    deadline: LocalDateTime | None = None
    threat: str | None = None
    action: str | None = Field(
        default=None, description="The form pressure took (letter, lawsuit, ...)."
    )
    outcome: str | None = Field(
        default=None, description="What came of the pressure, as the sources say."
    )
    ruling: str | None = Field(default=None, description="What a court decided.")
    score: str | None = Field(default=None, description="A rating's score, as the rater gives it.")
    role: str | None = None
    judged_by: str | None = Field(default=None, description=JUDGED_BY)
    basis: str | None = Field(default=None, description=BASIS)
    alternatives: list[Alternative] = Field(
        default=[], description="Values other sources give for the same event, ranked."
    )
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
    truncated: bool = Field(
        default=False, description="True when more rows matched than the server returns."
    )


class Problem(BaseModel):
    """An error answer (RFC 9457 problem details)."""

    type: str = Field(
        default="about:blank", description="No problem types of our own: about:blank."
    )
    title: str = Field(description="The HTTP status's phrase, such as Not Found.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What was wrong, and what to do about it.")


class OfficialAction(BaseModel):
    """One act of a government, regulator, legislator or court towards a lab."""

    event: str = Field(description=EVENT)
    date: dt.date
    date_precision: str | None = Field(
        default=None, description="day (null), month, year, approximate or by."
    )
    edge: str = Field(description="PRESSURED, CRITICIZED, RULED, RATED or AUTHORIZED.")
    subjects: list[EntityRef] = Field(description="Who acted: bodies and officials.")
    objects: list[EntityRef] = Field(description="The lab, or its model for an authorisation.")
    action: str | None = Field(
        default=None, description="The form pressure took (investigation, order, legislation...)."
    )
    demand: str | None = None
    deadline: LocalDateTime | None = None
    threat: str | None = None
    outcome: str | None = None
    effective: dt.date | None = Field(
        default=None, description="When the law or order takes effect."
    )
    ruling: str | None = None
    case_name: str | None = Field(default=None, description="The case a ruling was given in.")
    in_favour: bool | None = Field(default=None, description="Whether a ruling went the lab's way.")
    criticism: str | None = None
    score: str | None = None
    scope: str | None = None
    evidence: list[Evidence]


class LabOfficialActions(BaseModel):
    lab: EntityRef
    from_: dt.date | None = Field(default=None, alias="from", serialization_alias="from")
    to: dt.date | None = None
    actions: list[OfficialAction]

    model_config = {"populate_by_name": True}


class FollowingStep(BaseModel):
    """A later event of the lab, after a pressure: its first statement's facts and quote."""

    date: dt.date
    date_precision: str | None = None
    edge: str
    from_: EntityRef = Field(alias="from", serialization_alias="from")
    to: EntityRef
    change: str | None = None
    outcome: str | None = None
    ruling: str | None = None
    quote: str
    source: SourceRef

    model_config = {"populate_by_name": True}


class PressureAftermath(BaseModel):
    event: str = Field(description=EVENT)
    date: dt.date
    date_precision: str | None = None
    by: list[EntityRef] = Field(description="Everyone who pressed in this event.")
    demand: str | None = None
    deadline: LocalDateTime | None = None
    threat: str | None = None
    action: str | None = None
    outcome: str | None = Field(default=None, description="What came of it, as the sources say.")
    followed: list[FollowingStep] = Field(
        description="The lab's later events in the window, oldest first: what it dropped, replaced, signed or met, rulings, more pressure."
    )
    evidence: list[Evidence]


class LabAfterPressure(BaseModel):
    lab: EntityRef
    days: int = Field(description="How many days after each pressure the window runs.")
    pressure: list[PressureAftermath]


class FrameworkChange(BaseModel):
    event: str = Field(description=EVENT)
    date: dt.date
    date_precision: str | None = None
    lab: EntityRef
    edge: str = Field(description="PUBLISHED (a policy or version), DROPPED or SUPERSEDED_BY.")
    what: EntityRef = Field(description="The policy published, the commitment dropped or replaced.")
    replaced_by: EntityRef | None = None
    change: str | None = None
    severity: str | None = Field(default=None, description=SEVERITY)
    disclosure: str | None = Field(default=None, description=DISCLOSURE)
    extent: str | None = None
    judged_by: str | None = Field(default=None, description=JUDGED_BY)
    basis: str | None = Field(default=None, description=BASIS)
    evidence: list[Evidence]


class FrameworkChanges(BaseModel):
    from_: dt.date | None = Field(default=None, alias="from", serialization_alias="from")
    to: dt.date | None = None
    lab: EntityRef | None = None
    changes: list[FrameworkChange]

    model_config = {"populate_by_name": True}
