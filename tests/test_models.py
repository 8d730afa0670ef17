import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from enforcement.extraction.dates import PartialDate
from enforcement.models import (
    Actor,
    Alias,
    Article,
    Event,
    Origin,
    Regulator,
    ReviewState,
    normalize_name,
)


def test_one_article_per_content_hash(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            file_name="copy.txt", text=article.text, content_hash=article.content_hash
        )
    assert Article.objects.count() == 1


def test_an_alias_names_one_entity(saic, jack_ma):
    # "SAIC" already names the regulator: it cannot also name an actor, in any spelling.
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="The SAIC", actor=jack_ma)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="saic", actor=jack_ma)


def test_an_alias_must_name_exactly_one_entity(saic, jack_ma):
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="Nobody")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="Both", regulator=saic, actor=jack_ma)


@pytest.mark.parametrize(
    "name, normalized",
    [
        ("The State Administration", "state administration"),
        ("S.A.I.C.", "s a i c"),
        ("Alibaba's", "alibabas"),
        ("  Jack   MA ", "jack ma"),
        ("Union des Fabricants", "union des fabricants"),
        ("Café", "cafe"),
    ],
)
def test_normalize_name(name, normalized):
    assert normalize_name(name) == normalized


def test_alias_lookup_is_case_and_punctuation_blind(saic):
    alias = Alias.objects.get(normalized=normalize_name("the saic"))
    assert alias.entity == saic


def test_partial_date_round_trip_keeps_precision(db):
    event = Event(kind="report", summary="A white paper", origin=Origin.EXTRACTED)
    event.partial_date = PartialDate(2015, 1)
    event.save()
    event.refresh_from_db()
    assert event.date == datetime.date(2015, 1, 1)
    assert event.partial_date == PartialDate(2015, 1)
    assert event.date_display == "Jan 2015"


@pytest.mark.parametrize(
    "value, shown",
    [
        (PartialDate(2015), "2015"),
        (PartialDate(2015, 1), "Jan 2015"),
        (PartialDate(2015, 2, 9), "9 Feb 2015"),
    ],
)
def test_partial_date_display(value, shown):
    assert value.display() == shown


def test_undated_event_says_so(db):
    event = Event.objects.create(kind="other", summary="Undated", origin=Origin.EXTRACTED)
    assert event.date_display == "Undated"


@pytest.mark.parametrize("text", ["2015-13", "15", "2015-02-30", "Jan 2015"])
def test_partial_date_rejects_bad_input(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_protection_rules(populated):
    statement = populated["statement"]
    assert not statement.is_protected
    statement.review_state = ReviewState.VERIFIED
    assert statement.is_protected
    statement.review_state = ReviewState.UNREVIEWED
    statement.edited_by_hand = True
    assert statement.is_protected
    manual = Actor(name="Hand made", origin=Origin.MANUAL)
    assert manual.is_protected


def test_statement_has_at_most_one_speaker(populated, saic):
    statement = populated["statement"]
    statement.speaker_regulator = saic
    with pytest.raises(IntegrityError), transaction.atomic():
        statement.save()


@pytest.mark.parametrize("prefix", ["/", "/fakes-watch/"])
def test_a_rows_link_is_what_reverse_gives_under_any_script_prefix(prefix):
    """``page_url`` reverses each URL once per prefix: a site served under a sub-path
    (SCRIPT_NAME) still links inside it, and the key lands where ``reverse`` puts it."""
    expected = {
        Article(pk=7): reverse("enforcement:article-detail", args=[7]),
        Regulator(pk=123): reverse("enforcement:regulator-detail", args=[123]),
        Actor(pk=98765432): reverse("enforcement:actor-detail", args=[98765432]),
        Event(pk=5): reverse("enforcement:event-list") + "?id=5#event-5",
    }
    set_script_prefix(prefix)
    try:
        for row, url in expected.items():
            assert row.get_absolute_url() == prefix + url.removeprefix("/")
    finally:
        set_script_prefix("/")


def test_a_rows_link_follows_a_changed_urlconf():
    actor = Actor(pk=4)
    assert actor.get_absolute_url() == "/actors/4/"
    with override_settings(ROOT_URLCONF="tests.moved_urls"):
        assert actor.get_absolute_url() == "/moved/actors/4/"
    assert actor.get_absolute_url() == "/actors/4/"
