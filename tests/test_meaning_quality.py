"""Issue 11's bars for the meaning layer, on the shipped articles and the development set
ingested into one database (see ``tests/fixtures/meaning.py``, which ``python -m
tests.fixtures.meaning`` prints).

The bars on the timeline and the headline figures are the pages' (issue 11's second part).
"""

import pytest

from tests.fixtures import meaning

# The marker makes pytest-django create the test database the module fixture fills.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def figures(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        try:
            with transaction.atomic():
                meaning.ingest_corpus(migrate=False)
                found = meaning.measure()
                raise _RolledBack(found)
        except _RolledBack as done:
            return done.figures


class _RolledBack(Exception):
    """Leaves the module's database as it found it once the figures are read."""

    def __init__(self, figures):
        self.figures = figures


def test_the_corpus_was_read(figures):
    assert figures["events"] > 80 and figures["figures"] > 80 and figures["statements"] > 70


def test_no_summary_opens_with_a_conjunction_a_relative_pronoun_a_pronoun_or_a_preposition(
    figures,
):
    assert figures["forbidden openings"] == []


def test_at_most_a_third_of_the_figures_measure_other(figures):
    assert figures["figures with measure other"] <= figures["figures"] / 3


def test_at_most_half_of_the_statements_have_no_stance(figures):
    assert figures["statements with stance other"] <= figures["statements"] / 2


def test_the_two_shipped_conviction_rates_are_flagged_as_disagreeing(figures):
    assert figures["conviction-rate figures"] == 2
    assert figures["conviction rates flagged as disagreeing"]


def test_every_event_from_a_dated_article_is_on_the_timeline(figures):
    assert figures["events from dated articles"] > 0
    assert figures["of them on the timeline"] == figures["events from dated articles"]


def test_the_headline_figures_are_all_of_an_enforcement_measure(figures):
    assert figures["headline figures"] > 0
    assert figures["headline figures with measure other"] == 0
