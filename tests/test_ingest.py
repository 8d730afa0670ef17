"""The store step on hand-built results: independent of how well the stages read."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from enforcement import ingest
from enforcement.extraction.dates import PartialDate
from enforcement.extraction.pipeline import ArticleInput
from enforcement.extraction.result import (
    ArticleResult,
    EntityResult,
    EventResult,
    Span,
    StatementResult,
    StatisticResult,
)
from enforcement.models import (
    Actor,
    Alias,
    Article,
    Event,
    EventSource,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)

TEXT = (
    "In Jan. 2015, the SAIC released a white paper accusing Alibaba. "
    'Zhang Mao said: "Jack Ma is not in the land of outlaws." '
    "Alibaba removed 90 million listings in 2014. "
    "Alibaba sued a seller of fake bags."
)
SAIC_NAME = "State Administration for Industry and Commerce"


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(words, start, start + len(words))


def saic_entity(*aliases: str, name: str = SAIC_NAME) -> EntityResult:
    return EntityResult(
        name=name, kind="agency", is_regulator=True, aliases=list(aliases), country="CN"
    )


def actor(name: str, kind: str = "company", *aliases: str, affiliation=None) -> EntityResult:
    return EntityResult(
        name=name, kind=kind, is_regulator=False, aliases=list(aliases), affiliation=affiliation
    )


def make_result(file: str = "a.txt", text: str = TEXT, **changes) -> ArticleResult:
    """One article with an item of every kind."""
    result = ArticleResult(
        file=file,
        text=text,
        title="Regulator tells platform to take fakes seriously",
        source="Example Daily",
        published=PartialDate(2015, 2, 11),
        regulators=[saic_entity("SAIC")],
        actors=[
            actor("Alibaba", "platform"),
            actor("Zhang Mao", "person", "Zhang", affiliation="SAIC"),
            actor("Jack Ma", "person", "Ma", affiliation="Alibaba"),
        ],
        statements=[
            StatementResult("Zhang Mao", span(text, "Jack Ma is not in the land of outlaws"))
        ],
        statistics=[
            StatisticResult(
                Decimal(90_000_000),
                "listings",
                "listings removed",
                span(text, "Alibaba removed 90 million listings in 2014"),
                date=PartialDate(2014),
                subject="Alibaba",
            )
        ],
        events=[
            EventResult(
                "report",
                span(text, "the SAIC released a white paper accusing Alibaba"),
                date=PartialDate(2015, 1),
                regulators=["SAIC"],
                actors=["Alibaba"],
            )
        ],
    )
    for key, value in changes.items():
        setattr(result, key, value)
    return result


def store(result: ArticleResult, content_hash: str | None = None) -> ingest.StoreOutcome:
    return ingest.store(result, content_hash=content_hash or f"{result.file}:{hash(result.text)}")


def counts() -> dict[str, int]:
    models = (Article, Regulator, Actor, Alias, Statement, Statistic, Event, EventSource)
    return {model.__name__: model.objects.count() for model in models}


# A new article ---------------------------------------------------------------------------


def test_a_new_articles_row_is_written_as_save_would_write_it_and_its_outcome_holds_it(db):
    # The store inserts a new article by a query written out, not ``save()``.
    before = timezone.now()
    outcome = store(make_result(url="https://example.com/a"), content_hash="a" * 64)

    stored = Article.objects.get()
    assert outcome.article.pk == stored.pk and not outcome.article._state.adding
    fields = [field.attname for field in Article._meta.concrete_fields]
    assert {f: getattr(outcome.article, f) for f in fields} == {
        f: getattr(stored, f) for f in fields
    }
    assert (stored.file_name, stored.location, stored.content_hash) == ("a.txt", "a.txt", "a" * 64)
    assert (stored.url, stored.published) == ("https://example.com/a", datetime.date(2015, 2, 11))
    assert before <= stored.ingested_at == stored.updated_at <= timezone.now()


def test_the_stores_inserts_write_the_rows_bulk_create_writes(db):
    # ``ingest._Insert`` stands in for ``bulk_create``: defaults, choices members, dates,
    # decimals and automatic times must come out the same, in every call after the first.
    article = store(make_result(), content_hash="a" * 64).article
    given = {
        "article_id": article.pk,
        "metric": "listings removed",
        "unit": "listings",
        "value": Decimal("90000000.50"),
        "date": datetime.date(2014, 1, 1),
        "date_precision": "year",
        "quote": "Alibaba removed 90 million listings in 2014.",
        "start": 3,
        "end": 40,
        "review_key": "k",
        "origin": Origin.EXTRACTED,  # a TextChoices member, as the store passes them
    }
    Statistic.objects.all().delete()
    before = timezone.now()
    for number in range(2):
        ingest._insert(Statistic).rows([{**given, "review_key": f"ours-{number}"}])
    Statistic.objects.bulk_create([Statistic(**{**given, "review_key": "theirs"})])
    skip = {"id", "review_key", "created_at", "updated_at"}
    fields = [f.attname for f in Statistic._meta.concrete_fields if f.attname not in skip]
    ours_first, ours_second, theirs = (
        Statistic.objects.get(review_key=key) for key in ("ours-0", "ours-1", "theirs")
    )
    expected = {f: getattr(theirs, f) for f in fields}
    assert {f: getattr(ours_first, f) for f in fields} == expected
    assert {f: getattr(ours_second, f) for f in fields} == expected
    assert ours_first.origin == "extracted" and ours_first.review_state == ReviewState.UNREVIEWED
    assert before <= ours_first.created_at == ours_first.updated_at <= ours_second.created_at


def test_a_new_article_is_stored_with_every_item_linked(db):
    outcome = store(make_result())

    assert outcome.status == ingest.NEW
    article = Article.objects.get()
    assert (article.title, article.source, article.published, article.published_precision) == (
        "Regulator tells platform to take fakes seriously",
        "Example Daily",
        datetime.date(2015, 2, 11),
        "day",
    )
    saic = Regulator.objects.get()
    assert (saic.name, saic.country, saic.origin) == (SAIC_NAME, "CN", Origin.EXTRACTED)
    assert set(saic.aliases.values_list("normalized", flat=True)) == {
        "state administration for industry and commerce",
        "saic",
    }
    zhang = Actor.objects.get(name="Zhang Mao")
    assert zhang.affiliated_regulator == saic
    assert Actor.objects.get(name="Jack Ma").affiliated_actor.name == "Alibaba"

    statement = Statement.objects.get()
    assert statement.speaker == zhang
    assert article.text[statement.start : statement.end] == statement.quote
    assert statement.origin == Origin.EXTRACTED

    statistic = Statistic.objects.get()
    assert (statistic.value, statistic.unit, statistic.subject.name) == (
        Decimal(90_000_000),
        "listings",
        "Alibaba",
    )
    assert (statistic.date, statistic.date_precision) == (datetime.date(2014, 1, 1), "year")

    event = Event.objects.get()
    assert (event.kind, event.date, event.date_precision) == (
        "report",
        datetime.date(2015, 1, 1),
        "month",
    )
    assert event.summary == "the SAIC released a white paper accusing Alibaba"
    assert list(event.regulators.all()) == [saic]
    assert [a.name for a in event.actors.all()] == ["Alibaba"]
    source = EventSource.objects.get()
    assert (source.article, source.quote) == (article, event.summary)

    assert outcome.created == {
        "regulators": 1,
        "actors": 3,
        "statements": 1,
        "statistics": 1,
        "events": 1,
        "event_sources": 1,
    }


def test_the_same_content_hash_is_unchanged_and_writes_nothing(db):
    store(make_result(), "h1")
    before = counts()
    outcome = store(make_result(), "h1")
    assert outcome.status == ingest.UNCHANGED
    assert counts() == before


def test_article_hash_ignores_page_furniture_but_not_given_metadata():
    story = "Police seized 300 fake bags in Shanghai on Monday, officials said."
    plain = ArticleInput(file="a.txt", raw_text=story)
    with_furniture = ArticleInput(file="a.txt", raw_text=f"Like Us on Facebook\n\n{story}")
    dated = ArticleInput(file="a.txt", raw_text=story, published=PartialDate(2015, 2, 9))
    assert ingest.article_hash(plain) == ingest.article_hash(with_furniture)
    assert ingest.article_hash(plain) != ingest.article_hash(dated)
    assert len(ingest.article_hash(plain)) == 64


def test_stored_hashes_finds_the_stored_ones(db):
    store(make_result(), "stored")
    assert ingest.stored_hashes(["stored", "other"]) == {"stored"}


def test_a_figure_too_large_for_the_column_is_left_out(db):
    result = make_result()
    result.statistics[0].value = Decimal("1e25")
    outcome = store(result)
    assert outcome.status == ingest.NEW
    assert Statistic.objects.count() == 0 and Statement.objects.count() == 1


# Names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("names", [("SAIC",), (SAIC_NAME,), ("the SAIC",)])
def test_an_existing_regulator_is_found_by_any_of_its_aliases(saic, names):
    regulator = saic_entity(name=names[0])
    result = make_result(regulators=[regulator])
    result.events[0].regulators = [names[0]]
    store(result)
    assert Regulator.objects.get() == saic
    assert list(Event.objects.get().regulators.all()) == [saic]


def test_new_aliases_join_an_extracted_entity_but_never_another_entitys(saic):
    other = Regulator.objects.create(name="Ministry of Commerce", origin=Origin.MANUAL)
    Alias.objects.create(name="MOFCOM", regulator=other)
    result = make_result(regulators=[saic_entity("SAIC", "the Administration", "MOFCOM")])
    store(result)
    assert set(saic.aliases.values_list("name", flat=True)) == {
        SAIC_NAME,
        "SAIC",
        "the Administration",
    }
    assert Alias.objects.get(normalized="mofcom").regulator == other


def test_an_entity_a_person_made_or_edited_is_never_changed(db):
    body = Regulator.objects.create(
        name="SAIC (China)", kind="agency", country="", origin=Origin.MANUAL
    )
    Alias.objects.create(name="SAIC", regulator=body)
    ma = Actor.objects.create(
        name="Jack Ma", kind="person", edited_by_hand=True, origin=Origin.EXTRACTED
    )
    store(make_result())

    body.refresh_from_db()
    ma.refresh_from_db()
    assert (body.name, body.country) == ("SAIC (China)", "")
    assert set(body.aliases.values_list("name", flat=True)) == {"SAIC (China)", "SAIC"}
    assert ma.affiliation is None  # hand-edited: no affiliation added
    assert set(ma.aliases.values_list("name", flat=True)) == {"Jack Ma"}
    assert Statement.objects.get().speaker.name == "Zhang Mao"
    assert Actor.objects.get(name="Zhang Mao").affiliated_regulator == body


def test_an_affiliation_already_set_is_kept(saic):
    elsewhere = Regulator.objects.create(name="Somewhere Else", origin=Origin.EXTRACTED)
    zhang = Actor.objects.create(
        name="Zhang Mao", kind="person", origin=Origin.EXTRACTED, affiliated_regulator=elsewhere
    )
    store(make_result())
    zhang.refresh_from_db()
    assert zhang.affiliated_regulator == elsewhere


# Events across articles ------------------------------------------------------------------


SECOND = (
    "Last month the State Administration for Industry and Commerce published a report on Alibaba."
)


JANUARY_2015 = PartialDate(2015, 1)


def second_article(date=JANUARY_2015, actors=("Alibaba",), file="b.txt") -> ArticleResult:
    words = "the State Administration for Industry and Commerce published a report on Alibaba"
    return ArticleResult(
        file=file,
        text=SECOND,
        regulators=[saic_entity()],
        actors=[actor("Alibaba", "platform")],
        events=[
            EventResult(
                "report",
                span(SECOND, words),
                date=date,
                regulators=[SAIC_NAME],
                actors=list(actors),
            )
        ],
    )


def test_the_same_event_in_two_articles_is_one_event_with_two_sources(db):
    store(make_result())
    outcome = store(second_article())
    event = Event.objects.get()
    assert EventSource.objects.filter(event=event).count() == 2
    assert set(event.articles.values_list("file_name", flat=True)) == {"a.txt", "b.txt"}
    assert (outcome.created["events"], outcome.created["event_sources"]) == (0, 1)


def test_events_on_other_dates_or_precisions_stay_apart(db):
    store(make_result())
    store(second_article(date=PartialDate(2015, 1, 1), file="b.txt"))
    store(second_article(date=PartialDate(2016, 1), file="c.txt"))
    assert Event.objects.count() == 3


def test_without_participants_events_merge_on_shared_summary_words(db):
    text_a = "Customs seized 300 fake handbags at Shanghai port."
    text_b = "At Shanghai port, customs officers seized fake handbags worth millions."
    for file, text in (("a.txt", text_a), ("b.txt", text_b)):
        store(
            ArticleResult(
                file=file,
                text=text,
                events=[
                    EventResult("seizure", Span(text, 0, len(text)), date=PartialDate(2015, 3))
                ],
            )
        )
    store(
        ArticleResult(
            file="c.txt",
            text="Customs seized fake phones.",
            events=[
                EventResult(
                    "seizure", Span("Customs seized fake phones.", 0, 27), date=PartialDate(2015, 3)
                )
            ],
        )
    )
    assert Event.objects.count() == 2
    assert Event.objects.get(summary=text_a).sources.count() == 2


def test_a_later_account_adds_participants_to_an_untouched_event(db):
    store(make_result())
    later = second_article()
    later.actors.append(actor("Taobao", "platform"))
    later.events[0].actors.append("Taobao")
    store(later)
    event = Event.objects.get()
    assert sorted(event.actors.values_list("name", flat=True)) == ["Alibaba", "Taobao"]


def test_a_protected_event_gets_a_source_but_no_new_participants(db):
    store(make_result())
    Event.objects.update(review_state=ReviewState.VERIFIED)
    later = second_article()
    later.actors.append(actor("Taobao", "platform"))
    later.events[0].actors.append("Taobao")
    store(later)
    event = Event.objects.get()
    assert event.sources.count() == 2
    assert list(event.actors.values_list("name", flat=True)) == ["Alibaba"]


def test_two_accounts_at_one_place_in_an_article_make_one_source(db):
    result = make_result()
    first = result.events[0]
    shorter = Span(first.span.text[:30], first.span.start, first.span.start + 30)
    result.events.append(
        EventResult("report", shorter, date=first.date, regulators=["SAIC"], actors=["Alibaba"])
    )
    store(result)
    assert Event.objects.count() == 1 and EventSource.objects.count() == 1


def test_undated_copies_of_a_story_merge_on_participants_and_words(db):
    store(second_article(date=None, file="b.txt"))
    store(second_article(date=None, file="c.txt"))
    other = second_article(date=None, file="d.txt")
    other.events[0].span = span(SECOND, "Last month")  # shares no words with the others
    store(other)
    unnamed = second_article(date=None, file="e.txt")
    unnamed.events[0].regulators, unnamed.events[0].actors = [], []
    store(unnamed)
    assert Event.objects.count() == 3
    assert Event.objects.filter(sources__article__file_name="b.txt").get().sources.count() == 2


def test_an_account_of_an_event_a_person_rejected_is_not_stored(db):
    store(make_result())
    Event.objects.update(review_state=ReviewState.REJECTED)
    store(second_article())
    assert Event.objects.count() == 1
    assert EventSource.objects.count() == 1


# Re-ingest of a changed file -------------------------------------------------------------


def changed(result: ArticleResult) -> ArticleResult:
    """The same file, read again after a small change to its text."""
    text = result.text + " Ma promised to do more."
    result = make_result(text=text)
    result.statements.append(StatementResult("Jack Ma", span(text, "Ma promised to do more")))
    return result


def test_a_changed_file_is_read_again_and_replaces_what_the_ingest_made(db):
    store(make_result(), "old")
    old_ids = {
        model: set(model.objects.values_list("pk", flat=True))
        for model in (Statement, Statistic, Event, EventSource)
    }
    outcome = store(changed(make_result()), "new")

    assert outcome.status == ingest.UPDATED
    article = Article.objects.get()
    assert article.content_hash == "new" and article.text.endswith("Ma promised to do more.")
    assert Statement.objects.count() == 2 and Statistic.objects.count() == 1
    assert Event.objects.count() == 1 and EventSource.objects.count() == 1
    for model, ids in old_ids.items():
        assert not model.objects.filter(pk__in=ids).exists(), model  # made again, not kept
    assert Regulator.objects.count() == 1 and Actor.objects.count() == 3


def test_reviewed_edited_and_manual_rows_survive_a_reingest_unchanged(db):
    store(make_result(), "old")
    article = Article.objects.get()
    statement = Statement.objects.get()
    statement.review_state = ReviewState.VERIFIED
    statement.save()
    statistic = Statistic.objects.get()
    statistic.metric, statistic.edited_by_hand = "listings taken down", True
    statistic.save()
    event = Event.objects.get()
    event.summary, event.edited_by_hand = "SAIC white paper", True
    event.save()
    manual = Statement.objects.create(
        article=article, text="A note a person typed", quote="typed by hand", origin=Origin.MANUAL
    )
    snapshot = {
        row.pk: (type(row), row.updated_at) for row in (statement, statistic, event, manual)
    }

    store(changed(make_result()), "new")

    for pk, (model, updated_at) in snapshot.items():
        assert model.objects.get(pk=pk).updated_at == updated_at
    statistic.refresh_from_db()
    assert statistic.metric == "listings taken down"
    # Covered items are not made twice; the new statement is.
    assert Statement.objects.count() == 3
    assert Statistic.objects.count() == 1
    assert Event.objects.get().pk == event.pk
    assert EventSource.objects.count() == 1  # its source is automatic: read again, once


def test_rejected_items_stay_as_tombstones_and_do_not_come_back(db):
    store(make_result(), "old")
    Statement.objects.update(review_state=ReviewState.REJECTED)
    EventSource.objects.update(review_state=ReviewState.REJECTED)
    store(changed(make_result()), "new")
    assert Statement.objects.filter(review_state=ReviewState.REJECTED).count() == 1
    assert Statement.objects.filter(review_state=ReviewState.UNREVIEWED).get().quote == (
        "Ma promised to do more"
    )
    assert EventSource.objects.count() == 1
    assert EventSource.objects.get().review_state == ReviewState.REJECTED


def test_an_event_shared_with_another_article_keeps_its_other_source(db):
    store(make_result(), "a-old")
    store(second_article(), "b")
    store(changed(make_result()), "a-new")
    event = Event.objects.get()
    assert set(event.articles.values_list("file_name", flat=True)) == {"a.txt", "b.txt"}


def test_the_same_text_under_another_name_is_unchanged(db):
    store(make_result(), "same")
    outcome = store(make_result(file="copy.txt"), "same")
    assert outcome.status == ingest.UNCHANGED
    assert "a.txt" in outcome.note
    assert Article.objects.count() == 1


# One transaction per article -------------------------------------------------------------


def test_a_failure_midway_writes_nothing_of_that_article(db, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest._insert(EventSource), "rows", fail)  # the last write
    with pytest.raises(RuntimeError):
        store(make_result())
    assert all(count == 0 for count in counts().values())


def test_a_failed_reingest_leaves_the_previous_reading_in_place(db, monkeypatch):
    store(make_result(), "old")
    before = counts()
    statement_ids = set(Statement.objects.values_list("pk", flat=True))

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest._insert(EventSource), "rows", fail)  # the last write
    with pytest.raises(RuntimeError):
        store(changed(make_result()), "new")
    assert counts() == before
    assert Article.objects.get().content_hash == "old"
    assert set(Statement.objects.values_list("pk", flat=True)) == statement_ids


# Queries stay bounded --------------------------------------------------------------------


def test_queries_do_not_grow_with_the_number_of_items(db, django_assert_max_num_queries):
    text = " ".join(f"Alibaba removed {n} listings in 2014." for n in range(1, 41))
    sentences = [f"Alibaba removed {n} listings in 2014." for n in range(1, 41)]
    result = ArticleResult(
        file="many.txt",
        text=text,
        regulators=[saic_entity("SAIC")],
        actors=[actor("Alibaba", "platform"), actor("Jack Ma", "person", affiliation="Alibaba")],
        statements=[StatementResult("Jack Ma", span(text, s)) for s in sentences],
        statistics=[
            StatisticResult(Decimal(n), "listings", "removed", span(text, s), subject="Alibaba")
            for n, s in enumerate(sentences, start=1)
        ],
        events=[
            EventResult(
                "takedown",
                span(text, s),
                date=PartialDate(2014, 1 + n % 12),
                actors=["Alibaba"],
                regulators=["SAIC"],
            )
            for n, s in enumerate(sentences)
        ],
    )
    with django_assert_max_num_queries(25):
        store(result)
    assert Statement.objects.count() == 40 and Statistic.objects.count() == 40
    assert Event.objects.count() == 12 and EventSource.objects.count() == 40


def test_lowercase_aliases_only_hold_inside_their_article(db):
    chinese = "The Chinese government said the government would act."
    american = "The US government said the government would act."
    for file, text, name in (
        ("cn.txt", chinese, "Chinese government"),
        ("us.txt", american, "US government"),
    ):
        store(
            ArticleResult(
                file=file,
                text=text,
                regulators=[EntityResult(name, "government", True, aliases=["government"])],
                statements=[StatementResult("government", span(text, "would act"))],
            )
        )
    assert Regulator.objects.count() == 2
    assert not Alias.objects.filter(normalized="government").exists()
    for statement in Statement.objects.select_related("article", "speaker_regulator"):
        expected = (
            "Chinese government" if statement.article.file_name == "cn.txt" else "US government"
        )
        assert statement.speaker.name == expected


def test_an_undated_account_joins_the_event_another_article_dated(db):
    store(make_result("dated.txt"))
    text = "The SAIC, which released a report accusing Alibaba, met Ma."
    store(
        ArticleResult(
            file="undated.txt",
            text=text,
            regulators=[saic_entity("SAIC")],
            actors=[actor("Alibaba", "platform")],
            events=[
                EventResult(
                    "report",
                    span(text, "which released a report accusing Alibaba"),
                    None,
                    regulators=["SAIC"],
                    actors=["Alibaba"],
                )
            ],
        )
    )
    report = Event.objects.get(kind="report")
    assert report.date_display == "Jan 2015"
    assert sorted(report.sources.values_list("article__file_name", flat=True)) == [
        "dated.txt",
        "undated.txt",
    ]


def test_the_order_articles_arrive_in_never_splits_one_story(db):
    """An undated account stored first is dated by the dated account that comes later,
    exactly as when the dated article is stored first."""
    text = "The SAIC, which released a report accusing Alibaba, met Ma."
    undated = ArticleResult(
        file="undated.txt",
        text=text,
        regulators=[saic_entity("SAIC")],
        actors=[actor("Alibaba", "platform")],
        events=[
            EventResult(
                "report",
                span(text, "which released a report accusing Alibaba"),
                None,
                regulators=["SAIC"],
                actors=["Alibaba"],
            )
        ],
    )
    store(undated)
    store(make_result("dated.txt"))

    report = Event.objects.get(kind="report")
    assert report.date_display == "Jan 2015"
    assert sorted(report.sources.values_list("article__file_name", flat=True)) == [
        "dated.txt",
        "undated.txt",
    ]


def test_an_undated_event_a_person_reviewed_keeps_no_date(db):
    text = "The SAIC, which released a report accusing Alibaba, met Ma."
    store(
        ArticleResult(
            file="undated.txt",
            text=text,
            regulators=[saic_entity("SAIC")],
            actors=[actor("Alibaba", "platform")],
            events=[
                EventResult(
                    "report",
                    span(text, "which released a report accusing Alibaba"),
                    None,
                    regulators=["SAIC"],
                    actors=["Alibaba"],
                )
            ],
        )
    )
    Event.objects.update(review_state=ReviewState.VERIFIED)
    store(make_result("dated.txt"))

    assert sorted(Event.objects.values_list("date", flat=True), key=str) == [
        datetime.date(2015, 1, 1),
        None,
    ]
