"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from enforcement.models import (
    Actor,
    Alias,
    Article,
    Event,
    EventSource,
    Origin,
    Regulator,
    Statement,
    Statistic,
)


@pytest.fixture
def article(db):
    text = (
        "The SAIC released a white paper. Jack Ma said fakes are a problem. 380 million listings."
    )
    return Article.objects.create(
        file_name="sample.txt",
        title="Sample article",
        source="Example Daily",
        published=datetime.date(2015, 2, 11),
        text=text,
        content_hash="a" * 64,
    )


@pytest.fixture
def saic(db):
    regulator = Regulator.objects.create(
        name="State Administration for Industry and Commerce",
        kind="agency",
        country="CN",
        origin=Origin.EXTRACTED,
    )
    Alias.objects.create(name="SAIC", regulator=regulator)  # its own name is an alias already
    return regulator


@pytest.fixture
def jack_ma(db):
    return Actor.objects.create(name="Jack Ma", kind="person", origin=Origin.EXTRACTED)


@pytest.fixture
def populated(article, saic, jack_ma):
    """One article with one item of every kind, all pointing at SAIC and Jack Ma."""
    text = article.text
    statement = Statement.objects.create(
        article=article,
        speaker_actor=jack_ma,
        text="fakes are a problem",
        quote="fakes are a problem",
        start=text.index("fakes"),
        end=text.index("fakes") + len("fakes are a problem"),
        origin=Origin.EXTRACTED,
    )
    statistic = Statistic.objects.create(
        article=article,
        value=380_000_000,
        unit="listings",
        metric="listings removed",
        subject_actor=jack_ma,
        quote="380 million listings",
        start=text.index("380"),
        end=len(text) - 1,
        origin=Origin.EXTRACTED,
    )
    event = Event.objects.create(
        kind="report",
        summary="The SAIC released a white paper",
        origin=Origin.EXTRACTED,
        date=datetime.date(2015, 1, 1),
        date_precision="month",
    )
    event.regulators.add(saic)
    event.actors.add(jack_ma)
    EventSource.objects.create(
        event=event,
        article=article,
        quote="The SAIC released a white paper",
        start=0,
        end=31,
        origin=Origin.EXTRACTED,
    )
    return {"statement": statement, "statistic": statistic, "event": event}


@pytest.fixture
def latest_schema_after():
    """For tests that migrate backwards: the database is at the latest migration afterwards,
    whatever the test left it at, so the tests after it (and other connections) see every
    column."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
