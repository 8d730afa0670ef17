"""The store step keeps what the meaning stages read: summaries, measures and stances.

A person's edit of a summary is protected like any hand edit, and a summary
never decides whether two accounts are one event (the words they were told in do).
"""

from __future__ import annotations

from django.urls import reverse

from enforcement.extraction.dates import PartialDate
from enforcement.extraction.result import ArticleResult, EventResult
from enforcement.models import Event, EventSource, Statement, Statistic

from .test_ingest import actor, changed, make_result, span, store


def test_an_event_is_titled_by_its_summary_and_its_source_keeps_the_words(db):
    result = make_result()
    result.events[0].summary = "The SAIC released a white paper accusing Alibaba"
    store(result)

    event = Event.objects.get()
    assert event.summary == "The SAIC released a white paper accusing Alibaba"
    assert EventSource.objects.get().quote == "the SAIC released a white paper accusing Alibaba"


def test_an_event_without_a_summary_is_titled_by_its_words(db):
    store(make_result())
    assert Event.objects.get().summary == "the SAIC released a white paper accusing Alibaba"


def test_figures_keep_their_measure_and_statements_their_stance(db):
    result = make_result()
    result.statistics[0].measure = "listings_removed"
    result.statements[0].stance = "warning"
    store(result)

    assert Statistic.objects.get().measure == "listings_removed"
    assert Statement.objects.get().stance == "warning"
    assert Statistic.objects.filter(measure="listings_removed").count() == 1


def test_an_unknown_measure_or_stance_is_stored_as_other(db):
    result = make_result()
    result.statistics[0].measure = "bananas counted"
    result.statements[0].stance = "grumble"
    store(result)

    assert Statistic.objects.get().measure == "other"
    assert Statement.objects.get().stance == "other"


def test_a_summary_edited_in_the_admin_survives_a_reingest(admin_client):
    result = make_result()
    result.events[0].summary = "The SAIC released a white paper accusing Alibaba"
    store(result, "old")
    event = Event.objects.get()
    source = EventSource.objects.get()
    data = {
        "kind": event.kind,
        "summary": "SAIC white paper on fakes at Alibaba",
        "date": "2015-01-01",
        "date_precision": "month",
        "regulators": [r.pk for r in event.regulators.all()],
        "actors": [a.pk for a in event.actors.all()],
        "review_state": "unreviewed",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "1",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-id": source.pk,
        "sources-0-event": event.pk,
        "sources-0-article": source.article_id,
        "sources-0-quote": source.quote,
        "sources-0-review_state": "unreviewed",
    }
    url = reverse("admin:enforcement_event_change", args=[event.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.edited_by_hand and event.is_protected

    again = changed(make_result())
    again.events[0].summary = "The SAIC released a white paper accusing Alibaba"
    store(again, "new")

    assert Event.objects.get().summary == "SAIC white paper on fakes at Alibaba"


def _lawsuit(file, text, words, summary):
    """An article that tells one undated lawsuit of Kering against Alibaba."""
    return ArticleResult(
        file=file,
        text=text,
        published=PartialDate(2015, 6),
        actors=[actor("Kering", "brand"), actor("Alibaba", "platform")],
        events=[
            EventResult("lawsuit", span(text, words), actors=["Kering", "Alibaba"], summary=summary)
        ],
    )


def test_a_summary_never_decides_whether_two_accounts_are_one_event(db):
    first = "Less than a year after the Kering brands had sued Alibaba over the alleged sale."
    store(
        _lawsuit(
            "first.txt",
            first,
            "Less than a year after the Kering brands had sued Alibaba over the alleged sale",
            "The Kering brands had sued Alibaba over the alleged sale",
        )
    )
    second = "Weeks after Kering sued Alibaba in a New York court yesterday morning, a lawsuit."
    store(
        _lawsuit(
            "second.txt",
            second,
            "Weeks after Kering sued Alibaba in a New York court yesterday morning",
            "Kering sued Alibaba in a New York court yesterday morning",
        )
    )

    # The summaries share most of their words, the words the stories were told in do not.
    assert Event.objects.count() == 2


def test_the_merge_reads_the_words_an_event_was_first_told_in(db):
    first = "Kering sued Alibaba over fake handbags sold on Taobao."
    store(
        _lawsuit(
            "first.txt",
            first,
            "Kering sued Alibaba over fake handbags sold on Taobao",
            "A summary a person might write",
        )
    )
    second = "Kering sued Alibaba over fake handbags sold on Taobao, Reuters said."
    store(
        _lawsuit(
            "second.txt",
            second,
            "Kering sued Alibaba over fake handbags sold on Taobao",
            "Kering sued Alibaba",
        )
    )

    assert Event.objects.count() == 1
    assert EventSource.objects.count() == 2


def test_an_event_told_twice_is_matched_on_its_first_accounts_words_not_a_later_ones(db):
    # The store reads only each stored event's first source: a later account's words,
    # however close to a new one, never decide a merge.
    first = "Kering sued Alibaba over fake handbags sold on Taobao."
    store(_lawsuit("first.txt", first, first[:-1], "Kering sued Alibaba"))
    second = "Kering sued Alibaba over handbags sold on Taobao in a New York court last spring."
    store(_lawsuit("second.txt", second, second[:-1], "Kering sued Alibaba"))
    assert Event.objects.count() == 1 and EventSource.objects.count() == 2
    third = "A court in New York heard the case last spring, Reuters said."
    store(_lawsuit("third.txt", third, third[:-1], "Kering sued Alibaba"))

    assert Event.objects.count() == 2
    told_first = Event.objects.get(sources__quote=first[:-1])
    assert set(told_first.sources.values_list("quote", flat=True)) == {first[:-1], second[:-1]}
