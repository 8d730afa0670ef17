"""People's work survives every re-ingest (issue 9, items 1-5).

Each row the ingest makes remembers its original reading by a review key that
depends on neither its participants nor its (editable) value; a person's rows
keep their key, so what they rejected or corrected never comes back beside them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from enforcement.extraction.result import (
    ArticleResult,
    EventResult,
    Span,
    StatementResult,
    StatisticResult,
)
from enforcement.highlighting import spans_of
from enforcement.models import (
    Actor,
    Article,
    Event,
    EventSource,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)
from tests.test_ingest import TEXT, actor, changed, make_result, span, store


def admin_url(model, view, *args):
    return reverse(f"admin:enforcement_{model._meta.model_name}_{view}", args=args)


def reject_in_admin(client, model, *pks):
    response = client.post(
        admin_url(model, "changelist"),
        {"action": "mark_rejected", "_selected_action": list(pks)},
    )
    assert response.status_code == 302


# 1. A rejected event stays rejected, with its sources --------------------------------------


def test_a_rejected_events_sources_survive_a_reingest(admin_client):
    store(make_result(), "old")
    event = Event.objects.get()
    source_ids = set(event.sources.values_list("pk", flat=True))
    reject_in_admin(admin_client, Event, event.pk)

    store(changed(make_result()), "new")

    assert Event.objects.get().review_state == ReviewState.REJECTED
    assert set(EventSource.objects.values_list("pk", flat=True)) == source_ids


def test_a_rejected_event_without_participants_never_comes_back(admin_client):
    text = "Customs officers seized fake handbags at the port."
    words = Span(text, 0, len(text))
    store(ArticleResult(file="port.txt", text=text, events=[EventResult("seizure", words)]), "v1")
    reject_in_admin(admin_client, Event, Event.objects.get().pk)

    for version in ("v2", "v3"):
        longer = "Breaking news. " + text
        store(
            ArticleResult(
                file="port.txt",
                text=longer,
                events=[EventResult("seizure", Span(text, 15, 15 + len(text)))],
            ),
            version,
        )
        assert Event.objects.count() == 1, version
        assert Event.objects.get().review_state == ReviewState.REJECTED


# 2. An edited item keeps its key, whatever its new value or participants -------------------


def test_an_edited_figure_does_not_come_back_beside_its_new_value(db):
    store(make_result(), "old")
    figure = Statistic.objects.get()
    figure.value, figure.edited_by_hand = Decimal(91_000_000), True
    figure.save()

    store(changed(make_result()), "new")

    assert list(Statistic.objects.values_list("pk", "value")) == [(figure.pk, Decimal(91_000_000))]


def test_an_event_with_a_corrected_date_and_participants_is_not_read_again(db):
    store(make_result(), "old")
    event = Event.objects.get()
    event.date, event.date_precision, event.edited_by_hand = datetime.date(2015, 1, 9), "day", True
    event.save()
    event.actors.clear()

    store(changed(make_result()), "new")

    assert Event.objects.get().pk == event.pk
    assert EventSource.objects.get().event_id == event.pk


def test_an_item_rejected_twice_in_one_quote_keeps_both_tombstones(db):
    text = "Police seized RMB10,000 (about $2000) of fake bags."
    words = Span(text[:-1], 0, len(text) - 1)
    result = ArticleResult(file="two.txt", text=text)
    result.statistics = [
        StatisticResult(Decimal(10_000), "CNY", "goods seized", words),
        StatisticResult(Decimal(2000), "USD", "goods seized", words),
    ]
    store(result, "v1")
    Statistic.objects.update(review_state=ReviewState.REJECTED)
    result.text = text + " More later."
    store(result, "v2")
    assert Statistic.objects.count() == 2
    assert set(Statistic.objects.values_list("review_state", flat=True)) == {"rejected"}


# 3. Every entity has an alias for its own name ----------------------------------------------


def test_an_actor_entered_by_hand_is_found_by_the_next_ingest(admin_client):
    response = admin_client.post(
        admin_url(Actor, "add"),
        {
            "name": "Acme Watch Company",
            "kind": "company",
            "country": "CH",
            "notes": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    text = "Acme Watch Company sued a seller of fake watches."
    store(
        ArticleResult(
            file="acme.txt",
            text=text,
            actors=[actor("Acme Watch Company")],
            events=[
                EventResult(
                    "lawsuit", span(text, "Acme Watch Company sued a seller"), actors=["Acme"]
                )
            ],
        )
    )
    assert list(Actor.objects.values_list("name", flat=True)) == ["Acme Watch Company"]


def test_a_renamed_regulator_is_found_by_its_new_name(admin_client):
    store(make_result(), "a")
    saic = Regulator.objects.get()
    response = admin_client.post(
        admin_url(Regulator, "change", saic.pk),
        {
            "name": "State Administration for Market Regulation",
            "kind": "agency",
            "country": "CN",
            "notes": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    later = make_result(file="b.txt")
    later.regulators[0].name = "State Administration for Market Regulation"
    later.regulators[0].aliases = []
    store(later, "b")
    assert Regulator.objects.get().pk == saic.pk


def test_a_name_another_entity_holds_is_refused_in_the_admin(admin_client, saic):
    response = admin_client.post(
        admin_url(Actor, "add"),
        {
            "name": "The SAIC",
            "kind": "other",
            "country": "",
            "notes": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "already names" in response.content.decode()
    assert not Actor.objects.exists()


# 4. Offsets follow the words when the text changes ------------------------------------------


def test_a_protected_rows_offsets_follow_its_words_into_the_new_text(db):
    store(make_result(), "old")
    Statement.objects.update(review_state=ReviewState.VERIFIED)
    Statistic.objects.update(edited_by_hand=True)
    Event.objects.update(review_state=ReviewState.VERIFIED)

    text = "Update: the story below was corrected.\n\n" + TEXT
    store(make_result(text=text), "new")

    article = Article.objects.get()
    for model in (Statement, Statistic, EventSource):
        for row in model.objects.all():
            assert article.text[row.start : row.end] == row.quote, model
            assert not row.words_missing


def test_the_nearest_copy_of_repeated_words_is_chosen(db):
    words = "the SAIC released a white paper accusing Alibaba"
    text = f"{TEXT} Again, {words}."
    result = make_result(text=text)
    result.events[0].span = Span(words, text.rindex(words), text.rindex(words) + len(words))
    store(result, "old")
    Event.objects.update(review_state=ReviewState.VERIFIED)
    old_start = EventSource.objects.get().start
    store(make_result(text="One more line.\n\n" + text), "new")
    source = EventSource.objects.get()
    assert source.start == old_start + len("One more line.\n\n")


def test_a_row_whose_words_are_gone_is_shown_as_such_and_never_highlighted(client, db):
    store(make_result(), "old")
    statement = Statement.objects.get()
    statement.review_state = ReviewState.VERIFIED
    statement.save()

    text = TEXT.replace('Zhang Mao said: "Jack Ma is not in the land of outlaws." ', "")
    shorter = make_result()
    shorter.text, shorter.statements = text, []
    shorter.statistics[0].span = span(text, shorter.statistics[0].span.text)
    shorter.events[0].span = span(text, shorter.events[0].span.text)
    store(shorter, "new")

    statement.refresh_from_db()
    assert statement.words_missing
    assert (statement.start, statement.end) == (None, None)
    page = client.get(statement.article.get_absolute_url()).content.decode()
    assert "words no longer in the article" in page
    assert f"in-text-statement-{statement.pk}" not in page


def test_highlighting_never_marks_words_that_are_not_the_quote(db, article):
    wrong = Statement(pk=7, article=article, text="x", quote="not these words", start=0, end=15)
    spans = spans_of(article.text, [wrong], [], [])
    assert spans == []


# 5. An article is its location ---------------------------------------------------------------


STORY = "Police in Lyon seized 2,000 fake perfumes on Tuesday, customs said.\n"


def test_two_files_of_one_name_in_two_folders_are_two_articles(db, tmp_path):
    for folder, city in (("france", "Lyon"), ("spain", "Valencia")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(STORY.replace("Lyon", city))
    call_command(
        "ingest",
        str(tmp_path / "france"),
        str(tmp_path / "spain"),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("location", flat=True)) == {
        str((tmp_path / "france" / "report.txt").resolve()),
        str((tmp_path / "spain" / "report.txt").resolve()),
    }
    err = StringIO()
    call_command("ingest", str(tmp_path / "spain"), stdout=StringIO(), stderr=err)
    assert "report.txt: unchanged" in err.getvalue()
    assert Article.objects.count() == 2


def test_the_same_text_at_another_location_is_unchanged_and_says_where(db, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "story.txt").write_text(STORY)
    err = StringIO()
    call_command("ingest", str(tmp_path / "a"), str(tmp_path / "b"), stdout=StringIO(), stderr=err)
    assert Article.objects.count() == 1
    assert f"unchanged (same as {(tmp_path / 'a' / 'story.txt').resolve()})" in err.getvalue()


def test_an_article_stored_before_locations_is_claimed_by_its_file(db):
    legacy = Article.objects.create(
        file_name="a.txt", location="file-name:a.txt", text="old", content_hash="x" * 64
    )
    outcome = store(make_result(), "new")
    assert outcome.article.pk == legacy.pk
    assert Article.objects.get().location == "a.txt"  # store() without a location uses the name


@pytest.mark.parametrize("state", [ReviewState.VERIFIED, ReviewState.REJECTED])
def test_a_reviewed_statement_is_never_made_twice(db, state):
    store(make_result(), "old")
    Statement.objects.update(review_state=state)
    again = changed(make_result())
    again.statements[0] = StatementResult("Jack Ma", again.statements[0].span)  # another speaker
    store(again, "new")
    quote = "Jack Ma is not in the land of outlaws"
    assert Statement.objects.filter(quote=quote).count() == 1


def test_a_manual_row_is_kept_and_covers_nothing_it_does_not_quote(db):
    store(make_result(), "old")
    article = Article.objects.get()
    Statement.objects.create(
        article=article, text="typed", quote="typed by a person", origin=Origin.MANUAL
    )
    store(changed(make_result()), "new")
    assert Statement.objects.filter(origin=Origin.MANUAL).count() == 1
    assert Statement.objects.filter(origin=Origin.EXTRACTED).count() == 2


def test_a_statement_corrected_on_its_articles_page_survives_a_reingest(admin_client):
    store(make_result(), "old")
    article, statement = Article.objects.get(), Statement.objects.get()
    url = admin_url(Article, "change", article.pk)
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["published"] = "2015-02-11"
    for prefix, rows in (("statements", [statement]), ("statistics", []), ("event_sources", [])):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
    data.update(
        {
            "statements-0-id": statement.pk,
            "statements-0-article": article.pk,
            "statements-0-text": "Jack Ma is not above the law",
            "statements-0-speaker_actor": statement.speaker_actor_id,
            "statements-0-speaker_regulator": "",
            "statements-0-review_state": "unreviewed",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement.refresh_from_db()
    assert statement.edited_by_hand

    store(changed(make_result()), "new")
    assert Statement.objects.get(pk=statement.pk).text == "Jack Ma is not above the law"
    assert Statement.objects.filter(quote=statement.quote).count() == 1


def test_an_unchanged_article_from_before_locations_takes_its_location(db):
    legacy = Article.objects.create(
        file_name="a.txt", location="file-name:a.txt", text="old", content_hash="same"
    )
    outcome = store(make_result(), "same")
    assert outcome.status == "unchanged" and outcome.article.pk == legacy.pk
    assert Article.objects.get().location == "a.txt"
