"""A synthetic database in the real schema, for measuring the dashboard at scale.

``manage.py synthesize --events N --seed S`` fills the database with N events and
everything around them, in the proportions the scale work (issue 12) asks for: for a
million events, about 333,000 articles (an article reports three events on average),
1.5 million event sources (one, two or three accounts per event, 1.5 on average),
a million statements and a million figures (three of each per article on average),
200 regulators and 3,000 actors. Articles, sources, statements and figures grow with
N; regulators and actors grow with its square root (a database ten times larger names
about three times as many bodies and people), never fewer than ``MIN_REGULATORS`` and
``MIN_ACTORS``.

The rules the rows keep, the same ones the ingest keeps:

- Every source, statement and figure quotes words that are in its article:
  ``article.text[start:end] == quote``. Article texts are built sentence by sentence
  from the items they report, with filler sentences between them (and some curly
  quotes and accented names, so characters are not bytes).
- Every extracted row has its ``models.review_key``, unique within its article; a row
  entered by hand has the key ``Provenance.save`` would give it.
- Every regulator and actor has its own-name alias (``NamedEntity.own_alias``), and no
  normalised name names two entities.
- Dates come in every precision the schema knows: articles mostly by day, some by month,
  some undated; events by day, month or year (stored as the period's first day) or
  undated; figures for a year or for their article's date; statements on their
  article's date. Dates move forward with the article number, and an event's other
  accounts are articles of the same chunk, published about the same time.
- Some rows carry a person's work: verified, rejected, edited by hand, or entered by hand.
- Entities are picked with a long tail (a few regulators and actors are in many events,
  most in few), so the "top 15" charts and the busiest detail pages are realistic.

**Deterministic.** The same seed and N give the same rows, primary keys included:
everything is drawn from ``random.Random`` seeded with the seed (and, per chunk, the
chunk's number), timestamps are fixed, and rows get explicit primary keys (PostgreSQL's
sequences are moved past them afterwards). ``digest()`` hashes every row, for the tests.

**Synthetic rows are marked.** Every article's ``location`` is ``synthetic:SEED:NUMBER``
and every regulator's and actor's ``notes`` is ``MARKER``. A database "holds rows
synthesize did not make" (``foreign_rows``) when it has an article outside that
prefix, an entity without the marker, an event with no source, an entity merge, a feed
item, or any history row: synthetic rows are bulk-inserted and have no history, so a
history row means a person or the ingest changed something. Such a database is refused
unless ``--force``; with it, or on a database holding only synthetic rows, every table of
the app but ``Feed`` is emptied first (history included), so the run replaces the data
set rather than adding to it.

**Fast and flat.** Rows are generated a chunk of ``CHUNK_ARTICLES`` articles at a time
and written per chunk: COPY on PostgreSQL, ``executemany`` elsewhere, with the model's own
table and column names (a column this module does not know gets its field's default, or
the run stops and names it). Each table's rows are built in one place (``_tables`` names
the columns, ``_event``, ``_statement``, ``_statistic`` and ``_article`` give the values),
and a derived column can instead be filled by one SQL statement in ``AFTER_LOAD``. The
whole run is one transaction, written without the tables' secondary indexes, key
constraints (PostgreSQL) and full-text triggers (SQLite), which are built once at the end
(``_indexes_set_aside``): a run stopped midway leaves the database as it was. Memory holds
one chunk (and, on SQLite, a page cache of 256 MB for the load). Simple history is
skipped, as ``bulk_create`` would; ``save()`` and signals are not run, so this module
keeps their invariants itself (own-name aliases, review keys, an event's report and sort
dates by ``event_dates``' rule). PostgreSQL is ANALYZEd at the end, as its autovacuum
would; SQLite is not, as nothing in a real deployment runs ANALYZE there either.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import math
import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from .event_dates import REPORT_FIELDS, first_report, item_sort_fields, sort_fields
from .extraction.names import normalize_name
from .models import (
    Actor,
    Alias,
    Article,
    DatePrecision,
    EntityMerge,
    Event,
    EventSource,
    Feed,
    FeedItem,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
    review_key,
)

LOCATION_PREFIX = "synthetic:"
# ``models.ListedByDate``'s columns, which ``save`` fills and a bulk load must fill itself.
LISTED_BY_DATE = ("sort_date", "undated")
MARKER = "synthetic (manage.py synthesize)"

# The shape, per event (issue 12's proportions for a million events).
EVENTS_PER_ARTICLE = 3
REGULATORS_AT_A_MILLION = 200
ACTORS_AT_A_MILLION = 3_000
MIN_REGULATORS = 8
MIN_ACTORS = 20
CHUNK_ARTICLES = 1_000  # fixed: the rows depend on it, as on the seed

# Accounts per event (1.5 on average), items per article (3 on average).
SOURCES_PER_EVENT = {1: 60, 2: 30, 3: 10}
ITEMS_PER_ARTICLE = {0: 5, 1: 10, 2: 20, 3: 30, 4: 20, 5: 10, 6: 5}
REGULATORS_PER_EVENT = {0: 15, 1: 70, 2: 15}
ACTORS_PER_EVENT = {0: 20, 1: 50, 2: 25, 3: 5}
LONG_TAIL = 0.9  # an entity's weight is 1 / (rank + 1) ** LONG_TAIL

# Dates: articles from FIRST_DAY on, one precision or none in these shares.
FIRST_DAY = datetime.date(2008, 1, 1)
DAYS_COVERED = 18 * 365
ARTICLE_DATES = {DatePrecision.DAY: 90, DatePrecision.MONTH: 5, None: 5}
EVENT_DATES = {DatePrecision.DAY: 55, DatePrecision.MONTH: 20, DatePrecision.YEAR: 10, None: 15}
STATISTIC_DATES = {DatePrecision.YEAR: 40, None: 60}
STATEMENT_DATES = {DatePrecision.DAY: 10, None: 90}
CREATED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

# A person's work, per row (per thousand); the rest are extracted and unreviewed.
REVIEWS = {
    "verified": 30,
    "rejected": 15,
    "edited": 10,  # edited by hand, still unreviewed
    "manual": 5,  # entered by hand
}
SOURCE_REJECTED = 10


# Vocabulary ----------------------------------------------------------------------------------

COUNTRIES = [
    # code, name, adjective
    ("CN", "China", "Chinese"),
    ("US", "United States", "US"),
    ("GB", "United Kingdom", "British"),
    ("FR", "France", "French"),
    ("DE", "Germany", "German"),
    ("IT", "Italy", "Italian"),
    ("ES", "Spain", "Spanish"),
    ("JP", "Japan", "Japanese"),
    ("KR", "South Korea", "Korean"),
    ("IN", "India", "Indian"),
    ("BR", "Brazil", "Brazilian"),
    ("MX", "Mexico", "Mexican"),
    ("TR", "Türkiye", "Turkish"),
    ("AE", "United Arab Emirates", "Emirati"),
    ("SG", "Singapore", "Singaporean"),
    ("TH", "Thailand", "Thai"),
    ("VN", "Vietnam", "Vietnamese"),
    ("MY", "Malaysia", "Malaysian"),
    ("ID", "Indonesia", "Indonesian"),
    ("PH", "Philippines", "Philippine"),
    ("NG", "Nigeria", "Nigerian"),
    ("KE", "Kenya", "Kenyan"),
    ("ZA", "South Africa", "South African"),
    ("EG", "Egypt", "Egyptian"),
    ("AU", "Australia", "Australian"),
    ("CA", "Canada", "Canadian"),
    ("NL", "Netherlands", "Dutch"),
    ("BE", "Belgium", "Belgian"),
    ("CH", "Switzerland", "Swiss"),
    ("PL", "Poland", "Polish"),
    ("HK", "Hong Kong", "Hong Kong"),
    ("CO", "Colombia", "Colombian"),
]

REGULATOR_TEMPLATES = [
    ("customs", "{country} Customs Service"),
    ("customs", "{adj} Border Force"),
    ("agency", "{adj} Intellectual Property Office"),
    ("agency", "{adj} Market Regulation Authority"),
    ("agency", "{adj} Consumer Protection Agency"),
    ("agency", "{adj} Medicines Regulatory Agency"),
    ("police", "{adj} National Police"),
    ("police", "{adj} Economic Crimes Unit"),
    ("court", "{adj} Supreme Court"),
    ("court", "{country} Intellectual Property Court"),
    ("legislature", "{adj} Parliament"),
    ("government", "Ministry of Commerce of {country}"),
    ("government", "{adj} Trade Ministry"),
]
INTERGOVERNMENTAL = [
    ("intergovernmental", "World Customs Organization", ""),
    ("intergovernmental", "European Union Intellectual Property Office", ""),
    ("intergovernmental", "International Criminal Police Organization", ""),
    ("intergovernmental", "World Intellectual Property Organization", ""),
    ("intergovernmental", "European Anti-Fraud Office", ""),
    ("other", "Organisation for Economic Co-operation and Development", ""),
]


def _listed(text: str) -> list[str]:
    """Words of a block, in order (the order is part of the seed's data set)."""
    return text.split()


FIRST_NAMES = _listed("""Ana Bruno Chen Dara Elif Farid Grace Hiro Ines Jonas Kofi Lena Marco Nadia
Omar Priya Quentin Rosa Sami Tomas Uma Viktor Wen Ximena Yusuf Zofia Amara Björn Carmen
Dmitri Esther Fatima Gustavo Hana Ivan Jiwoo Karim Lucía Mateo Noor Olga Pedro Rania Sven
Tariq Ursula Valeria Wei Yara Zhao Aiko Benedikt Chiara Diego Emeka Freya Goran Hyun Ingrid
José""")
LAST_NAMES = _listed("""Silva Novak Wang Okafor Müller Rossi Tanaka Kim Haddad Larsen Moreau Patel
Costa Nguyen Kowalski Schmidt Yilmaz Mensah Dubois García Ivanova Sato Lindqvist Ortiz
Abdullah Fischer Chowdhury Petrov Alvarez Nakamura Jansen Bianchi Oliveira Park Hassan
Bergström Romero Kaya Adeyemi Lambert Zhang Sørensen Morales Ito Kruger Fontaine Reyes
Horvat Mwangi Castillo Dimitrov Ferreira Suzuki Lehmann Achterberg Quispe Vasquez Øberg
Tran Ekström""")
STEMS = _listed("""Norvale Kestrel Aurelia Brightwell Corvane Delmora Everline Fenwick Galloway Halvern
Isolde Jasper Kavana Lumora Maribel Nordik Orland Pellucid Quillon Rivenna Solenne Tavira
Umbria Veloria Westmark Xantho Yarrow Zephra Altamira Bellcourt Cindral Dunmore Estrel
Falcora Grenada Hollis Ivora Juniper Kaldera Lorient Montague Navarra Oberon Paloma Quarry
Rosewood Sabine Trevina Ulmara Vantor Wexley Alcora Brisa Calder Dravon Elmira Fiora Garnet
Helix Ismene""")
COMPANY_SUFFIXES = """Holdings|Trading Co.|Logistics|Electronics|Apparel|Pharmaceuticals|Group|
Industries|Imports|Luxury|Motors|Cosmetics""".replace("\n", "").split("|")
PLATFORM_PATTERNS = ["{stem}Mart", "{stem} Marketplace", "{stem}Shop", "{stem} Bazaar"]
ASSOCIATION_PATTERNS = [
    "{adj} Anti-Counterfeiting Association",
    "{adj} Brand Owners Federation",
    "{stem} Brand Protection Alliance",
]
OTHER_PATTERNS = ["{stem} smuggling ring", "{place} street vendors", "{stem} syndicate"]
# Shares of the actors by kind (the rest of the vocabulary above makes their names).
ACTOR_KINDS = {
    "person": 45,
    "company": 25,
    "brand": 12,
    "platform": 8,
    "association": 5,
    "other": 5,
}

PLACES = """Shenzhen|Guangzhou|Yiwu|Dubai|Istanbul|Lagos|Mumbai|Rotterdam|Antwerp|Hamburg|Marseille|
Naples|Los Angeles|Miami|São Paulo|Bangkok|Manila|Jakarta|Felixstowe|Le Havre|Valencia|
Mombasa|Durban|Port Said|Busan|Osaka|Zürich""".replace("\n", "").split("|")
GOODS = """handbags|watches|sneakers|perfume|medicines|phone chargers|car parts|cosmetics|toys|
sunglasses|football shirts|headphones|cigarettes|wine|pesticides|vaccines""".replace(
    "\n", ""
).split("|")
OUTLETS = """The Daily Ledger|Harbour Times|Capital Courier|Trade Monitor|
The Evening Standard-Gazette|Pacific Business Review|Brand Protection Weekly|
Customs Today|The Market Observer|Global Retail News|Metro Tribune|
Asia Commerce Journal|Europa Wire|Lagos Herald|The Luxury Report|IP Watchdog Digest|
Port & Freight|The Morning Post-Dispatch|Consumer Affairs Bulletin|
Fashion Business Daily""".replace("\n", "").split("|")

# Event kinds: weight, the summary, and the sentences an account may use (its quote).
EVENT_KINDS = {
    "seizure": (
        18,
        "{reg} seized counterfeit {goods} in {place}",
        [
            "{reg} said it had seized {n} counterfeit {goods} at the port of {place}",
            "Officers from {reg} confiscated {n} fake {goods} bound for {place}",
            "In {place}, {reg} intercepted a shipment of {n} fake {goods}",
        ],
    ),
    "takedown": (
        12,
        "{actor} removed listings of fake {goods}",
        [
            "{actor} said it had taken down {n} listings of counterfeit {goods}",
            "{actor} removed {n} online listings offering fake {goods} after a request from {reg}",
        ],
    ),
    "lawsuit": (
        10,
        "{actor} sued {actor2} over counterfeit {goods}",
        [
            "{actor} filed a lawsuit against {actor2}, accusing it of selling fake {goods}",
            "{actor} has sued {actor2} in {place}, claiming it sold counterfeit {goods}",
        ],
    ),
    "ruling": (
        8,
        "{reg} ruled against {actor} in a counterfeiting case",
        [
            "{reg} ruled that {actor} had infringed trademarks by selling fake {goods}",
            "{reg} found {actor} liable for selling counterfeit {goods} in {place}",
        ],
    ),
    "prosecution": (
        8,
        "{reg} charged {actor} with selling counterfeit {goods}",
        [
            "Prosecutors at {reg} charged {actor} with trading in counterfeit {goods}",
            "{reg} brought charges against {actor} over {n} fake {goods} sold in {place}",
        ],
    ),
    "penalty": (
        8,
        "{reg} fined {actor} for selling fakes",
        [
            "{reg} fined {actor} for selling counterfeit {goods} in {place}",
            "{actor} was ordered by {reg} to pay a penalty over fake {goods}",
        ],
    ),
    "investigation": (
        8,
        "{reg} opened an investigation into counterfeit {goods}",
        [
            "{reg} has opened an investigation into the sale of fake {goods} in {place}",
            "{reg} said it was investigating {actor} over counterfeit {goods}",
        ],
    ),
    "report": (
        7,
        "{reg} published a report on counterfeit {goods}",
        [
            "{reg} published a report warning that fake {goods} are spreading in {place}",
            "A report released by {reg} found {n} cases of counterfeit {goods}",
        ],
    ),
    "listing": (
        4,
        "{reg} named {actor} on its list of notorious markets",
        [
            "{reg} named {actor} on its annual list of notorious markets for fakes",
            "{actor} was placed on a watch list by {reg} for selling counterfeit {goods}",
        ],
    ),
    "program": (
        4,
        "{reg} launched a programme against counterfeit {goods}",
        [
            "{reg} launched a programme to stop counterfeit {goods} reaching {place}",
            "A new scheme run by {reg} will train officers to spot fake {goods}",
        ],
    ),
    "agreement": (
        4,
        "{actor} and {reg} agreed to work together against fakes",
        [
            "{actor} signed an agreement with {reg} to share data on counterfeit {goods}",
            "{reg} and {actor} agreed to cooperate against fake {goods} in {place}",
        ],
    ),
    "complaint": (
        3,
        "{actor} complained about counterfeit {goods}",
        [
            "{actor} lodged a complaint with {reg} about fake {goods} sold in {place}",
            "{actor} complained that counterfeit {goods} were being sold under its name",
        ],
    ),
    "meeting": (
        2,
        "{reg} met {actor} to discuss counterfeit {goods}",
        [
            "Officials from {reg} met {actor} in {place} to discuss counterfeit {goods}",
        ],
    ),
    "advocacy": (
        2,
        "{actor} called for tougher action against fakes",
        [
            "{actor} called on {reg} to act against counterfeit {goods}",
        ],
    ),
    "other": (
        2,
        "{actor} was linked to counterfeit {goods}",
        [
            "{actor} was linked to a network selling fake {goods} in {place}",
        ],
    ),
}

# Figures: measure, the article's phrase for it (the metric), unit, range of values,
# the words for the unit after the number, and the sentence around the quoted figure.
STATISTIC_KINDS = [
    ("listings_removed", "listings removed", "listings", (1e3, 5e8), "listings",
     "{subj} said it had removed {quote} {when}"),
    ("stores_closed", "stores closed", "stores", (10, 2e5), "stores",
     "{subj} closed {quote} {when}"),
    ("websites_shut", "websites shut down", "websites", (10, 5e4), "websites",
     "{subj} shut down {quote} selling fakes {when}"),
    ("leads_referred", "leads referred to police", "leads", (10, 1e5), "leads",
     "{subj} referred {quote} to the police {when}"),
    ("investigations_opened", "investigations opened", "cases", (5, 5e4), "cases",
     "{subj} opened {quote} {when}"),
    ("raids", "raids carried out", "raids", (5, 2e4), "raids",
     "{subj} carried out {quote} {when}"),
    ("arrests", "people arrested", "people", (5, 5e4), "people",
     "{subj} arrested {quote} {when}"),
    ("prosecutions", "prosecutions", "cases", (5, 2e4), "prosecutions",
     "{subj} brought {quote} {when}"),
    ("convictions", "people convicted", "people", (1, 1e4), "people",
     "Courts convicted {quote} in cases brought by {subj} {when}"),
    ("fines", "fines imposed", "CNY", (1e4, 5e9), "yuan",
     "{subj} imposed fines of {quote} {when}"),
    ("fines", "fines imposed", "USD", (1e3, 1e9), "dollars",
     "{subj} imposed fines totalling {quote} {when}"),
    ("damages", "damages awarded", "EUR", (1e3, 1e8), "euros",
     "{subj} was awarded damages of {quote} {when}"),
    ("goods_seized_count", "counterfeit items seized", "items", (100, 1e8), "fake items",
     "{subj} seized {quote} {when}"),
    ("goods_seized_value", "value of seized fakes", "USD", (1e4, 5e9), "dollars",
     "Fakes worth {quote} were seized by {subj} {when}"),
    ("goods_seized_weight", "weight of fakes seized", "tonnes", (1, 5e3), "tonnes",
     "{subj} seized {quote} of fakes {when}"),
    ("seizure_share_by_origin", "share of seized fakes from China", "%", (10, 95), "percent",
     "{quote} of the fakes {subj} seized came from China {when}"),
    ("counterfeit_trade_share", "share of counterfeits in world trade", "%", (1, 10),
     "percent", "Fakes made up {quote} of world trade, {subj} said {when}"),
    ("complaints_received", "complaints received", "complaints", (10, 1e6), "complaints",
     "{subj} received {quote} {when}"),
]  # fmt: skip
QUALIFIERS = {"": 70, "about": 15, "over": 10, "under": 4, "exactly": 1}
QUALIFIER_WORDS = {"": "", "about": "about ", "over": "more than ", "under": "fewer than ",
                   "exactly": "exactly "}  # fmt: skip

# Statements: stance, what was said (the quote), and the verb of saying.
STATEMENT_KINDS = {
    "accusation": [
        "{target} is turning a blind eye to counterfeit {goods}",
        "{target} has profited from the sale of fake {goods} for years",
    ],
    "commitment": [
        "we will remove every listing of counterfeit {goods} within 24 hours",
        "we are committed to stopping fake {goods} at the border",
    ],
    "demand": [
        "platforms must do far more to stop the sale of fake {goods}",
        "we urge {target} to hand over the sellers' details",
    ],
    "denial": [
        "we have never knowingly sold counterfeit {goods}",
        "the claims about fake {goods} in {place} are false",
    ],
    "defence": [
        "our systems already block most fake {goods} before they are listed",
        "the seizures in {place} show that our controls work",
    ],
    "praise": [
        "the raids in {place} are a great step forward for brand owners",
        "we welcome the action taken against fake {goods}",
    ],
    "warning": [
        "fake {goods} can be dangerous and buyers should be careful",
        "counterfeit {goods} sold in {place} are putting lives at risk",
    ],
    "finding": [
        "{n} out of ten {goods} sold online in {place} were fake",
        "the trade in counterfeit {goods} has doubled since {year}",
    ],
    "other": [
        "the market for {goods} has changed a great deal",
        "we are looking closely at what happened in {place}",
    ],
}
SAYING = ["said", "told reporters", "said in a statement", "added", "wrote"]

FILLERS = [
    "The case drew attention from brand owners across the region.",
    "Counterfeit goods cost legitimate businesses billions every year.",
    "Officials did not say when further action would follow.",
    "The {goods} were said to be of poor quality and possibly unsafe.",
    "Industry groups have long complained about the trade in {place}.",
    "Online marketplaces say they have invested heavily in detection.",
    "Critics say penalties remain too low to deter organised sellers.",
    "Shipments often pass through several ports before reaching buyers.",
    "A spokesperson declined to comment on the details.",
    "Analysts expect more cases as online sales continue to grow.",
]


# The shape of a run ------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    events: int
    articles: int
    regulators: int
    actors: int

    @classmethod
    def for_events(cls, events: int) -> Shape:
        scale = math.sqrt(events / 1_000_000)
        return cls(
            events=events,
            articles=math.ceil(events / EVENTS_PER_ARTICLE),
            regulators=max(MIN_REGULATORS, round(REGULATORS_AT_A_MILLION * scale)),
            actors=max(MIN_ACTORS, round(ACTORS_AT_A_MILLION * scale)),
        )

    @property
    def chunks(self) -> int:
        return math.ceil(self.articles / CHUNK_ARTICLES)


@dataclass
class Counts:
    articles: int = 0
    regulators: int = 0
    actors: int = 0
    aliases: int = 0
    events: int = 0
    event_sources: int = 0
    statements: int = 0
    statistics: int = 0

    def describe(self) -> str:
        return (
            f"{self.events:,} events, {self.event_sources:,} event sources, "
            f"{self.articles:,} articles, {self.statements:,} statements, "
            f"{self.statistics:,} statistics, {self.regulators:,} regulators, "
            f"{self.actors:,} actors, {self.aliases:,} aliases"
        )


class SynthesisRefused(Exception):
    """The database holds rows synthesize did not make, and ``force`` was not given."""


# What is in the database -----------------------------------------------------------------


def app_models() -> list[type[models.Model]]:
    """Every table synthesize empties: the app's models (history included) but feeds."""
    models_ = apps.get_app_config("enforcement").get_models(include_auto_created=True)
    return [m for m in models_ if m is not Feed]


def history_models() -> list[type[models.Model]]:
    return [m for m in app_models() if m._meta.model_name.startswith("historical")]


def foreign_rows() -> list[str]:
    """What the database holds that synthesize did not make, in words; empty when nothing."""
    found = []

    def note(count: int, one: str, many: str) -> None:
        if count:
            found.append(f"{count:,} {one if count == 1 else many}")

    articles = Article.objects.exclude(location__startswith=LOCATION_PREFIX).count()
    note(articles, "article", "articles")
    note(Regulator.objects.exclude(notes=MARKER).count(), "regulator", "regulators")
    note(Actor.objects.exclude(notes=MARKER).count(), "actor", "actors")
    events = Event.objects.filter(sources__isnull=True).count()
    note(events, "event without a source", "events without a source")
    note(EntityMerge.objects.count(), "entity merge", "entity merges")
    note(FeedItem.objects.count(), "feed item", "feed items")
    history = sum(1 for m in history_models() if m.objects.exists())
    note(history, "history table with rows", "history tables with rows")
    return found


def holds(seed: int, events: int) -> bool:
    """True when the database is exactly what ``synthesize(events, seed)`` makes (by counts)."""
    shape = Shape.for_events(events)
    return (
        Event.objects.count() == events
        and Article.objects.filter(location__startswith=f"{LOCATION_PREFIX}{seed}:").count()
        == shape.articles
        and not foreign_rows()
    )


def digest() -> str:
    """A SHA-256 of every row of every table synthesize writes, in primary-key order."""
    hasher = hashlib.sha256()
    for model in app_models():
        names = [f.attname for f in model._meta.concrete_fields]
        hasher.update(model._meta.db_table.encode())
        for row in model.objects.order_by("pk").values_list(*names).iterator(chunk_size=5000):
            hasher.update(repr(tuple(_plain(value) for value in row)).encode())
    return hasher.hexdigest()


def _plain(value):
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


# Writing rows ------------------------------------------------------------------------------


class Table:
    """Raw inserts into one model's table, with its real column names.

    ``columns`` are the attnames the generator gives, in its tuples' order; any other
    concrete column gets its field's default (the same value on every row)."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        self.model = model
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
        self.extra: tuple = ()
        extra_names = []
        for name, f in fields.items():
            if name in columns:
                continue
            if f.primary_key:
                raise ValueError(f"{model.__name__}: synthesis.py gives every row its key")
            if not f.has_default() and not f.null:
                raise ValueError(
                    f"{model.__name__}.{name} has no default: synthesis.py must give it a value"
                )
            extra_names.append(name)
            self.extra += (f.get_db_prep_save(f.get_default(), connection),)
        self.names = [*columns, *extra_names]
        self.db_columns = [fields[name].column for name in self.names]
        self.rows: list[tuple] = []

    def add(self, *values) -> None:
        self.rows.append(values + self.extra if self.extra else values)

    def flush(self, cursor) -> int:
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.db_columns)
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(self.db_columns))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        return len(rows)


class Values:
    """Python values in the form the database's driver takes them (cached: few distinct)."""

    def __init__(self):
        self.ops = connection.ops
        self.raw = connection.vendor == "postgresql"  # psycopg adapts dates and Decimals
        self._dates: dict = {}

    def date(self, value: datetime.date | None):
        if value is None or self.raw:
            return value
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = self.ops.adapt_datefield_value(value)
        return found

    def moment(self, value: datetime.datetime):
        return value if self.raw else self.ops.adapt_datetimefield_value(value)

    def decimal(self, value: Decimal):
        return value if self.raw else self.ops.adapt_decimalfield_value(value, 24, 4)


# The generator -----------------------------------------------------------------------------


def _picker(rng: random.Random, table: dict) -> Callable[[], object]:
    """A function drawing one key of ``table`` with the value as its weight."""
    keys = list(table)
    cum = list(accumulate(table.values()))
    total, draw = cum[-1], rng.random
    return lambda: keys[bisect_right(cum, draw() * total)]


@dataclass
class Entity:
    pk: int
    name: str
    kind: str


@dataclass
class Synthesis:
    """One run: ``run()`` writes everything; ``on_chunk(done, total, counts)`` reports."""

    events: int
    seed: int = 1
    on_chunk: Callable[[int, int, Counts], None] | None = None
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self):
        if self.events < 1:
            raise ValueError("--events must be at least 1")
        self.shape = Shape.for_events(self.events)
        self.values = Values()
        self.used_names: set[str] = set()

    # -- the run --

    def run(self) -> Counts:
        # A chunk is millions of small objects and no reference cycles: the cyclic
        # collector would only walk them again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run()
        finally:
            if collecting:
                gc.enable()

    def _run(self) -> Counts:
        # One transaction: a run stopped midway leaves the database as it was, and the
        # indexes set aside for the load come back (or were never gone) either way.
        with _bulk_load(), transaction.atomic(), _indexes_set_aside():
            self._empty()
            self._entities()
            for chunk in range(self.shape.chunks):
                self._chunk(chunk)
                gc.collect()  # cheap: little outlives a chunk
                if self.on_chunk:
                    self.on_chunk(chunk + 1, self.shape.chunks, self.counts)
            for backfill in AFTER_LOAD:
                backfill()
            self._reset_sequences()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return self.counts

    def _empty(self) -> None:
        tables = [m._meta.db_table for m in app_models()]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # TRUNCATE refuses tables with key checks still pending in this transaction
                # (rows written earlier in it, as in a test): run the checks now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in connection.ops.sql_flush(no_style(), tables):
                cursor.execute(sql)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def _reset_sequences(self) -> None:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), app_models()):
                cursor.execute(sql)

    # -- regulators, actors, aliases --

    def _unique(self, name: str) -> bool:
        normalized = normalize_name(name)[:255]
        if not normalized or normalized in self.used_names:
            return False
        self.used_names.add(normalized)
        return True

    def _entities(self) -> None:
        rng = random.Random(f"{self.seed}:entities")
        regulators = self._regulator_names(rng)
        actors = self._actor_names(rng)
        regulator_rows = Table(
            Regulator,
            ["id", "name", "country", "notes", "origin", "edited_by_hand", "created_at",
             "updated_at", "kind"],
        )  # fmt: skip
        actor_rows = Table(
            Actor,
            ["id", "name", "country", "notes", "origin", "edited_by_hand", "created_at",
             "updated_at", "kind", "affiliated_regulator_id", "affiliated_actor_id"],
        )  # fmt: skip
        alias_rows = Table(Alias, ["id", "name", "normalized", "regulator_id", "actor_id"])
        created = self.values.moment(CREATED)
        alias_pk = 0

        def alias(name: str, regulator: int | None, actor: int | None) -> None:
            nonlocal alias_pk
            alias_pk += 1
            alias_rows.add(alias_pk, name[:255], normalize_name(name)[:255], regulator, actor)

        self.regulators: list[Entity] = []
        for pk, (kind, name, country) in enumerate(regulators, start=1):
            edited = rng.random() < 0.05
            regulator_rows.add(
                pk, name, country, MARKER, Origin.EXTRACTED, edited, created, created, kind
            )
            alias(name, pk, None)
            acronym = "".join(w[0] for w in name.split() if w[0].isupper())
            if len(acronym) >= 3 and rng.random() < 0.5 and self._unique(acronym):
                alias(acronym, pk, None)
            self.regulators.append(Entity(pk, name, kind))

        self.actors: list[Entity] = []
        companies = [pk for pk, (kind, _n, _c) in enumerate(actors, start=1) if kind == "company"]
        for pk, (kind, name, country) in enumerate(actors, start=1):
            affiliated_regulator = affiliated_actor = None
            if kind == "person" and rng.random() < 0.3:
                if companies and rng.random() < 0.7:
                    affiliated_actor = _pick(rng, companies)
                else:
                    affiliated_regulator = _pick(rng, self.regulators).pk
            edited = rng.random() < 0.02
            origin = Origin.MANUAL if rng.random() < 0.01 else Origin.EXTRACTED
            actor_rows.add(
                pk, name, country, MARKER, origin, edited, created, created, kind,
                affiliated_regulator, affiliated_actor,
            )  # fmt: skip
            alias(name, None, pk)
            if kind == "person" and rng.random() < 0.3:
                surname = name.split()[-1]  # "Silva": a second name for the same person
                if self._unique(surname):
                    alias(surname, None, pk)
            self.actors.append(Entity(pk, name, kind))

        with connection.cursor() as cursor:
            self.counts.regulators = regulator_rows.flush(cursor)
            self.counts.actors = actor_rows.flush(cursor)
            self.counts.aliases = alias_rows.flush(cursor)

        def weights(n: int) -> list[float]:
            return list(accumulate(1 / (rank + 1) ** LONG_TAIL for rank in range(n)))

        self.regulator_weights = weights(len(self.regulators))
        self.actor_weights = weights(len(self.actors))
        self.speakers = [a for a in self.actors if a.kind in ("person", "company", "platform")]
        self.speaker_weights = weights(len(self.speakers))

    def _regulator_names(self, rng: random.Random) -> list[tuple[str, str, str]]:
        candidates = [
            (kind, template.format(country=name, adj=adj), code)
            for code, name, adj in COUNTRIES
            for kind, template in REGULATOR_TEMPLATES
        ]
        candidates += INTERGOVERNMENTAL
        rng.shuffle(candidates)
        chosen = []
        for kind, name, code in candidates:
            if len(chosen) == self.shape.regulators:
                break
            if self._unique(name):
                chosen.append((kind, name, code))
        number = 2
        while len(chosen) < self.shape.regulators:  # beyond the vocabulary: regional offices
            kind, name, code = candidates[len(chosen) % len(candidates)]
            name = f"{name} (Region {number})"
            number += 1
            if self._unique(name):
                chosen.append((kind, name, code))
        return chosen

    def _actor_names(self, rng: random.Random) -> list[tuple[str, str, str]]:
        kind_of = _picker(rng, ACTOR_KINDS)
        makers = {
            "person": lambda: (
                f"{_pick(rng, FIRST_NAMES)} {_pick(rng, LAST_NAMES)}"
                if rng.random() < 0.7
                else f"{_pick(rng, FIRST_NAMES)} {_pick(rng, 'ABCDEFGHJKLMNPRSTVW')}. "
                f"{_pick(rng, LAST_NAMES)}"
            ),
            "company": lambda: f"{_pick(rng, STEMS)} {_pick(rng, COMPANY_SUFFIXES)}",
            "brand": lambda: (
                _pick(rng, STEMS)
                + ("" if rng.random() < 0.5 else f" {_pick(rng, ['Paris', 'Milano', 'London'])}")
            ),
            "platform": lambda: _pick(rng, PLATFORM_PATTERNS).format(stem=_pick(rng, STEMS)),
            "association": lambda: _pick(rng, ASSOCIATION_PATTERNS).format(
                adj=_pick(rng, COUNTRIES)[2], stem=_pick(rng, STEMS)
            ),
            "other": lambda: _pick(rng, OTHER_PATTERNS).format(
                stem=_pick(rng, STEMS), place=_pick(rng, PLACES)
            ),
        }
        chosen = []
        tries = 0
        while len(chosen) < self.shape.actors:
            kind = kind_of()
            name = makers[kind]()
            tries += 1
            if tries > 50 * self.shape.actors:  # the vocabulary is used up: number the names
                name = f"{name} {tries}"
            if self._unique(name):
                chosen.append((kind, name, _pick(rng, COUNTRIES)[0] if kind != "other" else ""))
        return chosen

    # -- one chunk of articles and what they report --

    def _chunk(self, chunk: int) -> None:
        rng = random.Random(f"{self.seed}:chunk:{chunk}")
        first = chunk * CHUNK_ARTICLES
        last = min(self.shape.articles, first + CHUNK_ARTICLES)
        event_range = range(first * EVENTS_PER_ARTICLE, min(self.events, last * EVENTS_PER_ARTICLE))
        self._tables()
        created = self.values.moment(CREATED + datetime.timedelta(minutes=chunk))
        self.created = created

        # Each article: its date, then its sentences (items and fillers) as they come.
        articles = []
        span = DAYS_COVERED / self.shape.articles
        article_date = _picker(rng, ARTICLE_DATES)
        for number in range(first, last):
            day = FIRST_DAY + datetime.timedelta(days=int(number * span + rng.random() * 20))
            precision = article_date()
            if precision == DatePrecision.MONTH:
                day = day.replace(day=1)
            articles.append(
                _Draft(number=number, published=None if precision is None else day,
                       precision=precision or DatePrecision.DAY, approximate=day)
            )  # fmt: skip

        pick_sources = _picker(rng, SOURCES_PER_EVENT)
        pick_kind = _picker(rng, {k: v[0] for k, v in EVENT_KINDS.items()})
        pick_event_date = _picker(rng, EVENT_DATES)
        pick_regulators = _picker(rng, REGULATORS_PER_EVENT)
        pick_actors = _picker(rng, ACTORS_PER_EVENT)
        for number in event_range:
            self._event(rng, number + 1, articles, pick_sources, pick_kind, pick_event_date,
                        pick_regulators, pick_actors)  # fmt: skip

        items = _picker(rng, ITEMS_PER_ARTICLE)
        pick_statistic_date = _picker(rng, STATISTIC_DATES)
        pick_statement_date = _picker(rng, STATEMENT_DATES)
        pick_qualifier = _picker(rng, QUALIFIERS)
        pick_stance = _picker(rng, {stance: 1 for stance in STATEMENT_KINDS})
        for draft in articles:
            for _ in range(items()):
                self._statement(rng, draft, pick_statement_date, pick_stance)
            for _ in range(items()):
                self._statistic(rng, draft, pick_statistic_date, pick_qualifier)
            self._article(rng, draft)

        with connection.cursor() as cursor:
            # Parents first, so no database checks a key before its row exists.
            self.counts.articles += self.article_rows.flush(cursor)
            self.counts.events += self.event_rows.flush(cursor)
            self.event_regulator_rows.flush(cursor)
            self.event_actor_rows.flush(cursor)
            self.counts.event_sources += self.source_rows.flush(cursor)
            self.counts.statements += self.statement_rows.flush(cursor)
            self.counts.statistics += self.statistic_rows.flush(cursor)

    def _tables(self) -> None:
        if hasattr(self, "article_rows"):
            return
        reviewed = ["origin", "review_state", "edited_by_hand", "created_at", "updated_at"]
        provenance = ["quote", "start", "end", "words_missing", "review_key"]
        self.article_rows = Table(
            Article,
            ["id", "file_name", "location", "title", "source", "url", "published",
             "published_precision", "text", "content_hash", "ingested_at", "updated_at"],
        )  # fmt: skip
        self.event_rows = Table(
            Event,
            ["id", *reviewed, "date", "date_precision", "kind", "summary", *REPORT_FIELDS],
        )
        through = Event.regulators.through
        self.event_regulator_rows = Table(through, ["id", "event_id", "regulator_id"])
        self.event_actor_rows = Table(Event.actors.through, ["id", "event_id", "actor_id"])
        self.source_rows = Table(
            EventSource, ["id", *reviewed, "event_id", "article_id", *provenance]
        )
        self.statement_rows = Table(
            Statement,
            ["id", *reviewed, "date", "date_precision", "speaker_regulator_id",
             "speaker_actor_id", "text", "article_id", "stance", *LISTED_BY_DATE, *provenance],
        )  # fmt: skip
        self.statistic_rows = Table(
            Statistic,
            ["id", *reviewed, "date", "date_precision", "value", "unit", "metric", "qualifier",
             "subject_actor_id", "subject_regulator_id", "article_id", "measure",
             *LISTED_BY_DATE, *provenance],
        )  # fmt: skip
        self.pks = {"source": 0, "statement": 0, "statistic": 0, "regulator": 0, "actor": 0}

    def _review(self, rng: random.Random) -> tuple[str, str, bool]:
        """(origin, review_state, edited_by_hand) for one row."""
        roll = rng.random() * 1000
        for what, share in REVIEWS.items():
            if roll < share:
                return {
                    "verified": (Origin.EXTRACTED, ReviewState.VERIFIED, False),
                    "rejected": (Origin.EXTRACTED, ReviewState.REJECTED, False),
                    "edited": (Origin.EXTRACTED, ReviewState.UNREVIEWED, True),
                    "manual": (Origin.MANUAL, ReviewState.UNREVIEWED, False),
                }[what]
            roll -= share
        return Origin.EXTRACTED, ReviewState.UNREVIEWED, False

    def _event(self, rng, pk, articles, pick_sources, pick_kind, pick_date, pick_regulators,
               pick_actors) -> None:  # fmt: skip
        kind = pick_kind()
        _weight, summary, quotes = EVENT_KINDS[kind]
        # Every kind's sentences name who they need: at least one of each they mention.
        wording = summary + "".join(quotes)
        needs_regulator, needs_actor = "{reg}" in wording, "{actor}" in wording
        count = max(pick_regulators(), int(needs_regulator))
        regulators = _distinct(rng, self.regulators, self.regulator_weights, count)
        count = max(pick_actors(), int(needs_actor) + int("{actor2}" in wording))
        actors = _distinct(rng, self.actors, self.actor_weights, count)
        words = {
            "reg": regulators[0].name if regulators else "the authorities",
            "actor": actors[0].name if actors else "unnamed sellers",
            "actor2": actors[1].name if len(actors) > 1 else "an online seller",
            "goods": _pick(rng, GOODS),
            "place": _pick(rng, PLACES),
        }
        summary = _capitalised(summary.format(**words))
        accounts = rng.sample(articles, min(pick_sources(), len(articles)))
        precision = pick_date()
        when = accounts[0].approximate - datetime.timedelta(days=_between(rng, 0, 30))
        if precision is None or accounts[0].published is None and rng.random() < 0.5:
            date, precision = None, DatePrecision.DAY
        else:
            date = _first_day(when, precision)
        origin, state, edited = self._review(rng)
        for regulator in regulators:
            self.pks["regulator"] += 1
            self.event_regulator_rows.add(self.pks["regulator"], pk, regulator.pk)
        for actor in actors:
            self.pks["actor"] += 1
            self.event_actor_rows.add(self.pks["actor"], pk, actor.pk)
        published = []  # the accounts' articles' dates, rejected accounts aside
        for draft in accounts:
            for _attempt in range(5):
                words["n"] = f"{_between(rng, 2, 500) * 10:,}"
                quote = _capitalised(_pick(rng, quotes).format(**words))
                key = review_key("event", quote)
                if key not in draft.keys:
                    break
            else:
                continue  # this article already tells these very words
            draft.keys.add(key)
            self.pks["source"] += 1
            source_origin, source_state, source_edited = self._review(rng)
            if source_state != ReviewState.REJECTED and rng.random() * 1000 < SOURCE_REJECTED:
                source_state = ReviewState.REJECTED
            head = (self.pks["source"], source_origin, source_state, source_edited,
                    self.created, self.created, pk, draft.number + 1)  # fmt: skip
            draft.items.append(_Item(quote + ".", 0, quote, key, self.source_rows, head))
            if draft.title is None:
                draft.title = summary
            if source_state != ReviewState.REJECTED:
                published.append((draft.published, draft.precision))
        # When it was first reported and where pages place it: ``event_dates``' rule.
        reported, reported_precision = first_report(published) or (None, DatePrecision.DAY)
        sort_date, sort_precision, is_reported = sort_fields(
            date, precision, reported, reported_precision
        )
        value = self.values.date
        self.event_rows.add(
            pk, origin, state, edited, self.created, self.created, value(date), precision, kind,
            summary, value(reported), reported_precision, value(sort_date), sort_precision,
            is_reported,
        )  # fmt: skip

    def _statement(self, rng, draft, pick_date, pick_stance) -> None:
        stance = pick_stance()
        speaker = None
        if rng.random() < 0.95:
            if rng.random() < 0.3:
                speaker = ("regulator", _one(rng, self.regulators, self.regulator_weights))
            else:
                speaker = ("actor", _one(rng, self.speakers, self.speaker_weights))
        target = _one(rng, self.actors, self.actor_weights).name
        for _attempt in range(5):
            words = _pick(rng, STATEMENT_KINDS[stance]).format(
                target=target, goods=_pick(rng, GOODS), place=_pick(rng, PLACES),
                n=_between(rng, 2, 9), year=_between(rng, 2005, 2024),
            )  # fmt: skip
            quote = _capitalised(words)
            key = review_key("statement", quote)
            if key not in draft.keys:
                break
        else:
            return
        draft.keys.add(key)
        who = speaker[1].name if speaker else "a spokesperson"
        sentence_start = f"“{quote},” "
        sentence = f"{sentence_start}{who} {_pick(rng, SAYING)}."
        precision = pick_date()
        date = draft.published if precision and draft.published else None
        origin, state, edited = self._review(rng)
        self.pks["statement"] += 1
        regulator = speaker[1].pk if speaker and speaker[0] == "regulator" else None
        actor = speaker[1].pk if speaker and speaker[0] == "actor" else None
        head = (self.pks["statement"], origin, state, edited, self.created, self.created,
                self.values.date(date), DatePrecision.DAY, regulator, actor, quote,
                draft.number + 1, stance, *self._listed_by(date, draft))  # fmt: skip
        draft.items.append(_Item(sentence, 1, quote, key, self.statement_rows, head))

    def _statistic(self, rng, draft, pick_date, pick_qualifier) -> None:
        measure, metric, unit, (low, high), unit_words, template = _pick(rng, STATISTIC_KINDS)
        subject = None
        if rng.random() < 0.85:
            if rng.random() < 0.6:
                subject = ("regulator", _one(rng, self.regulators, self.regulator_weights))
            else:
                subject = ("actor", _one(rng, self.actors, self.actor_weights))
        precision = pick_date()
        base = draft.published or draft.approximate
        year = base.year - _between(rng, 0, 2)
        when = f"in {year}" if precision else "last year"
        name = subject[1].name if subject else "Officials"
        for ordinal in range(5):
            value, figure = _figure(rng, low, high, unit)
            qualifier = pick_qualifier()
            quote = f"{QUALIFIER_WORDS[qualifier]}{figure} {unit_words}"
            sentence = _capitalised(template.format(subj=name, quote=quote, when=when)) + "."
            offset = sentence.find(quote)
            if offset < 0:  # the sentence opens with the figure, capitalised
                quote, offset = _capitalised(quote), 0
            key = review_key("statistic", quote, ordinal)
            if key not in draft.keys:
                break
        else:
            return
        draft.keys.add(key)
        date = datetime.date(year, 1, 1) if precision else None
        origin, state, edited = self._review(rng)
        if origin == Origin.MANUAL:
            key = review_key("statistic", quote)  # what Provenance.save gives a person's row
        self.pks["statistic"] += 1
        actor = subject[1].pk if subject and subject[0] == "actor" else None
        regulator = subject[1].pk if subject and subject[0] == "regulator" else None
        head = (self.pks["statistic"], origin, state, edited, self.created, self.created,
                self.values.date(date), precision or DatePrecision.DAY,
                self.values.decimal(value), unit, metric, qualifier, actor, regulator,
                draft.number + 1, measure, *self._listed_by(date, draft))  # fmt: skip
        draft.items.append(_Item(sentence, offset, quote, key, self.statistic_rows, head))

    def _listed_by(self, date, draft) -> tuple:
        """``ListedByDate``'s columns (``event_dates.item_sort_fields``), in table order."""
        fields = item_sort_fields(date, draft.published)
        return self.values.date(fields["sort_date"]), fields["undated"]

    def _article(self, rng: random.Random, draft: _Draft) -> None:
        """Lay the article's sentences out in paragraphs and give every item its offsets."""
        goods, place = _pick(rng, GOODS), _pick(rng, PLACES)
        sentences: list[_Item | str] = list(draft.items)
        for _ in range(_between(rng, 2, 6)):
            filler = _pick(rng, FILLERS).format(goods=goods, place=place)
            sentences.insert(_between(rng, 0, len(sentences) + 1), filler)
        parts: list[str] = []
        length = 0
        in_paragraph = 0
        for item in sentences:
            if parts:
                separator = " " if in_paragraph < _between(rng, 1, 4) else "\n\n"
                in_paragraph = in_paragraph + 1 if separator == " " else 0
                parts.append(separator)
                length += len(separator)
            if isinstance(item, _Item):
                start = length + item.offset
                item.table.add(
                    *item.head, item.quote, start, start + len(item.quote), False, item.key
                )
                sentence = item.sentence
            else:
                sentence = item
            parts.append(sentence)
            length += len(sentence)
        draft.items = []
        text = "".join(parts)
        title = draft.title or f"Counterfeit {goods} in {place}"
        location = f"{LOCATION_PREFIX}{self.seed}:{draft.number + 1:07d}"
        outlet = _pick(rng, OUTLETS)
        slug = "-".join(title.lower().split()[:8])
        self.article_rows.add(
            draft.number + 1,
            f"synthetic-{draft.number + 1:07d}.txt",
            location,
            title[:500],
            outlet,
            f"https://news.example/{draft.number + 1}/{slug}"[:1000],
            self.values.date(draft.published),
            draft.precision,
            text,
            hashlib.sha256(f"{location}\x00{text}".encode()).hexdigest(),
            self.created,
            self.created,
        )


@dataclass(slots=True)
class _Item:
    """One extracted row waiting for its article's layout: the sentence that carries it,
    where its quote starts in that sentence, and its row's values before the provenance."""

    sentence: str
    offset: int
    quote: str
    key: str
    table: Table
    head: tuple


@dataclass
class _Draft:
    """An article being put together: its date and the sentences its items need."""

    number: int
    published: datetime.date | None
    precision: str
    approximate: datetime.date  # its date even when the article gives none, for its events
    title: str | None = None
    items: list[_Item] = field(default_factory=list)
    keys: set = field(default_factory=set)


def _pick(rng: random.Random, items: Sequence):
    """One item (``rng.choice`` draws several random words for one; this draws one)."""
    return items[int(rng.random() * len(items))]


def _between(rng: random.Random, low: int, high: int) -> int:
    """A whole number in [low, high), like ``rng.randrange``, from one draw."""
    return low + int(rng.random() * (high - low))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_day(day: datetime.date, precision: str) -> datetime.date:
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    return day


def _one(rng: random.Random, entities: list[Entity], cum_weights: list[float]) -> Entity:
    return entities[bisect_right(cum_weights, rng.random() * cum_weights[-1])]


def _distinct(rng, entities, cum_weights, count: int) -> list[Entity]:
    chosen: list[Entity] = []
    for _ in range(count * 3):
        if len(chosen) == min(count, len(entities)):
            break
        entity = _one(rng, entities, cum_weights)
        if entity not in chosen:
            chosen.append(entity)
    return chosen


def _figure(rng: random.Random, low: float, high: float, unit: str) -> tuple[Decimal, str]:
    """A value between low and high (spread over orders of magnitude) and how news writes it."""
    raw = math.exp(rng.uniform(math.log(low), math.log(high)))
    if unit == "%":
        value = Decimal(round(raw, 1)).quantize(Decimal("0.1"))
        return value, f"{value}"
    if raw >= 1_000_000:
        millions = Decimal(round(raw / 1_000_000, 1)).quantize(Decimal("0.1"))
        text = f"{millions.normalize():f}"
        return millions * 1_000_000, f"{text} million"
    value = Decimal(int(raw))
    return value, f"{int(raw):,}"


class _bulk_load:
    """SQLite settings for one long load (the connection's own, restored after)."""

    # Keys are checked once at the end (``foreign_key_check``) rather than row by row. A
    # rollback journal rather than WAL: the load is one transaction of a gigabyte or more,
    # which WAL would write twice, and pages new to the file need no journal at all.
    PRAGMAS = {
        "synchronous": "OFF",
        "cache_size": "-262144",
        "temp_store": "MEMORY",
        "foreign_keys": "OFF",
        "journal_mode": "DELETE",
    }

    def __enter__(self):
        self.saved = {}
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return self
        with connection.cursor() as cursor:
            for name, value in self.PRAGMAS.items():
                cursor.execute(f"PRAGMA {name}")
                self.saved[name] = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA {name} = {value}")
        return self

    def __exit__(self, kind, *exc):
        if self.saved:
            with connection.cursor() as cursor:
                if kind is None:
                    cursor.execute("PRAGMA foreign_key_check")
                    broken = cursor.fetchall()
                    if broken:
                        raise RuntimeError(f"synthesis wrote rows with broken keys: {broken[:3]}")
                for name, value in self.saved.items():
                    cursor.execute(f"PRAGMA {name} = {value}")
        return False


class _indexes_set_aside:
    """The load writes into tables without their secondary indexes, key constraints
    (PostgreSQL) and full-text triggers (SQLite), and builds them once at the end, in the
    same transaction: one sort per index instead of a million random inserts into it.

    What is set aside is read from the database's catalogue, so an index or key a later
    migration adds is set aside and rebuilt too. Unique and primary-key constraints stay
    (on PostgreSQL; on SQLite a unique index is rebuilt, which checks it again). Other
    triggers stay, so whatever they keep current (a data generation) sees the load. On
    SQLite every full-text table is rebuilt from its table at the end
    (``search.INDEXES``), so a search finds every synthetic row."""

    def __init__(self):
        self.tables = [m._meta.db_table for m in app_models()]
        self.restore: list[str] = []

    def __enter__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                self._postgresql(cursor)
            elif connection.vendor == "sqlite":
                self._sqlite(cursor)
        return self

    def _postgresql(self, cursor) -> None:
        # No key check may be pending on a table whose constraints are dropped (a test's rows).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) "
            "ORDER BY conrelid::regclass::text, conname",
            [[connection.ops.quote_name(t) for t in self.tables] + self.tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint "
            "WHERE contype IN ('p', 'u', 'x')) ORDER BY indexname",
            [self.tables],
        )
        indexes = cursor.fetchall()
        for table, name, definition in keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            self.restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
            self.restore.insert(0, definition)  # indexes first: they serve the key checks
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def _sqlite(self, cursor) -> None:
        from . import search

        triggers = [
            f"{search._fts_table(index.model_class._meta.db_table, name)}_{event}"
            for name, index in search.INDEXES.items()
            for event in ("insert", "delete", "update")
        ]
        marks = ", ".join(["%s"] * len(self.tables))
        cursor.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
            f"((type = 'index' AND tbl_name IN ({marks})) OR (type = 'trigger' AND name IN "
            f"({', '.join(['%s'] * len(triggers))}))) ORDER BY type, name",
            [*self.tables, *triggers],
        )
        for kind, name, sql in cursor.fetchall():
            cursor.execute(f'DROP {kind.upper()} "{name}"')
            self.restore.append(sql)
        self.fts = [
            search._fts_table(index.model_class._meta.db_table, name)
            for name, index in search.INDEXES.items()
        ]

    def __exit__(self, kind, *exc):
        if kind is not None:
            return False  # the transaction rolls back, dropped indexes and all
        with connection.cursor() as cursor:
            for sql in self.restore:
                cursor.execute(sql)
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                present = {name for (name,) in cursor.fetchall()}
                for fts in self.fts:
                    if fts in present:
                        cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
        return False


# Backfills of derived columns (SQL over the loaded tables), run after the rows are in and
# before the indexes come back, inside the load's transaction: a column whose value follows
# from other rows (a stored count, a sort date) can be filled here in one statement
# instead of row by row.
AFTER_LOAD: list[Callable[[], None]] = []


def synthesize(
    events: int,
    seed: int = 1,
    *,
    force: bool = False,
    on_start: Callable[[Shape], None] | None = None,
    on_chunk: Callable[[int, int, Counts], None] | None = None,
) -> Counts:
    """Replace the database's rows with a synthetic data set of ``events`` events.

    Raises ``SynthesisRefused`` when the database holds rows synthesize did not make
    and ``force`` is not set."""
    if not force:
        found = foreign_rows()
        if found:
            raise SynthesisRefused(
                f"the database holds rows synthesize did not make ({', '.join(found)}); "
                "synthesize replaces everything, so point DATABASE_URL at an empty database "
                "or pass --force to delete them."
            )
    synthesis = Synthesis(events=events, seed=seed, on_chunk=on_chunk)
    if on_start:
        on_start(synthesis.shape)
    return synthesis.run()
