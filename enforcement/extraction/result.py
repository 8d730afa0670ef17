"""The plain objects an extraction returns: one ``ArticleResult`` per article.

They are what ``ingest --json`` prints (see ``to_json``) and what the store
step reads; they hold no Django objects. Offsets (``start``/``end``) index
``ArticleResult.text``, the cleaned text that is stored as the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .dates import PartialDate

ACTOR_KINDS = ("person", "company", "platform", "brand", "association", "other")
REGULATOR_KINDS = (
    "agency",
    "court",
    "customs",
    "police",
    "legislature",
    "government",
    "intergovernmental",
    "other",
)
EVENT_KINDS = (
    "report",
    "meeting",
    "lawsuit",
    "ruling",
    "listing",
    "takedown",
    "investigation",
    "prosecution",
    "penalty",
    "seizure",
    "program",
    "complaint",
    "agreement",
    "advocacy",
    "other",
)
QUALIFIERS = ("about", "over", "under", "exactly")


@dataclass
class EntityResult:
    """A regulator (``is_regulator``) or an actor named in the article."""

    name: str
    kind: str
    is_regulator: bool
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    affiliation: str | None = None

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def to_json(self) -> dict:
        data = {"name": self.name, "aliases": list(self.aliases), "country": self.country}
        if self.is_regulator:
            data["kind"] = self.kind
        else:
            data["kind"] = self.kind
            data["affiliation"] = self.affiliation
        return data


@dataclass
class Span:
    """The exact words an item came from: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class StatementResult:
    speaker: str | None
    span: Span
    date: PartialDate | None = None
    stance: str = "other"  # one of STANCES, set by the stances stage

    def to_json(self) -> dict:
        return {
            "speaker": self.speaker,
            "stance": self.stance,
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
        }


@dataclass
class StatisticResult:
    value: Decimal
    unit: str
    metric: str
    span: Span
    qualifier: str | None = None
    date: PartialDate | None = None
    subject: str | None = None
    measure: str = "other"  # one of MEASURES, set by the measures stage

    def to_json(self) -> dict:
        value = self.value
        number = int(value) if value == value.to_integral_value() else float(value)
        return {
            "value": number,
            "unit": self.unit,
            "metric": self.metric,
            "measure": self.measure,
            "qualifier": self.qualifier,
            "date": self.date.isoformat() if self.date else None,
            "subject": self.subject,
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
        }


@dataclass
class EventResult:
    kind: str
    span: Span
    date: PartialDate | None = None
    regulators: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    summary: str = ""  # who did what, in one line; set by the summaries stage

    @property
    def regulator(self) -> str | None:
        return self.regulators[0] if self.regulators else None

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat() if self.date else None,
            "kind": self.kind,
            "regulator": self.regulator,
            "regulators": list(self.regulators),
            "actors": list(self.actors),
            "summary": self.summary,
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
        }


@dataclass
class ArticleResult:
    file: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    regulators: list[EntityResult] = field(default_factory=list)
    actors: list[EntityResult] = field(default_factory=list)
    statements: list[StatementResult] = field(default_factory=list)
    statistics: list[StatisticResult] = field(default_factory=list)
    events: list[EventResult] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "regulators": [item.to_json() for item in self.regulators],
            "actors": [item.to_json() for item in self.actors],
            "statements": [item.to_json() for item in self.statements],
            "statistics": [item.to_json() for item in self.statistics],
            "events": [item.to_json() for item in self.events],
        }
