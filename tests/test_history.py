"""Who changed what (issue 9, item 14): every human change is recorded, shown and revertible."""

from __future__ import annotations

import pytest
from django.urls import reverse

from enforcement.models import (
    Actor,
    Alias,
    EntityMerge,
    Event,
    ReviewState,
    Statement,
    Statistic,
)


def admin_url(model, view, *args):
    return reverse(f"admin:enforcement_{model._meta.model_name}_{view}", args=args)


def statistic_form(statistic, **changes):
    data = {
        "value": str(statistic.value),
        "unit": statistic.unit,
        "qualifier": statistic.qualifier,
        "metric": statistic.metric,
        "subject_actor": statistic.subject_actor_id or "",
        "subject_regulator": statistic.subject_regulator_id or "",
        "date": "",
        "date_precision": statistic.date_precision,
        "article": statistic.article_id,
        "review_state": statistic.review_state,
    }
    data.update(changes)
    return data


def test_an_edit_is_recorded_with_its_user_and_shown_on_the_items_page(
    admin_client, admin_user, populated
):
    statistic = populated["statistic"]
    response = admin_client.post(
        admin_url(Statistic, "change", statistic.pk),
        statistic_form(statistic, metric="product listings removed"),
    )
    assert response.status_code == 302
    record = statistic.history.latest()
    assert (record.history_user, record.history_type, record.metric) == (
        admin_user,
        "~",
        "product listings removed",
    )
    page = admin_client.get(admin_url(Statistic, "change", statistic.pk)).content.decode()
    assert "Changes by people" in page
    assert admin_user.username in page
    history = admin_client.get(admin_url(Statistic, "history", statistic.pk)).content.decode()
    assert "product listings removed" in history or "metric" in history.lower()


def test_an_edit_is_revertible(admin_client, admin_user, populated):
    statistic = populated["statistic"]
    admin_client.post(
        admin_url(Statistic, "change", statistic.pk),
        statistic_form(statistic, metric="a wrong edit"),
    )
    before = statistic.history.filter(metric="listings removed").latest()
    revert_url = reverse(
        "admin:enforcement_statistic_simple_history", args=[statistic.pk, before.history_id]
    )
    form = admin_client.get(revert_url)
    assert form.status_code == 200
    response = admin_client.post(revert_url, statistic_form(before.instance))
    assert response.status_code == 302
    statistic.refresh_from_db()
    assert statistic.metric == "listings removed"
    assert statistic.history.latest().history_user == admin_user


@pytest.mark.parametrize(
    "action, state", [("mark_verified", "verified"), ("mark_rejected", "rejected")]
)
def test_bulk_review_actions_are_recorded_per_item(
    admin_client, admin_user, populated, action, state
):
    statement, event = populated["statement"], populated["event"]
    for model, row in ((Statement, statement), (Event, event)):
        response = admin_client.post(
            admin_url(model, "changelist"), {"action": action, "_selected_action": [row.pk]}
        )
        assert response.status_code == 302
        record = row.history.latest()
        assert (record.history_user, record.review_state) == (admin_user, state)
        row.refresh_from_db()
        assert row.review_state == state


def test_creating_in_the_admin_is_recorded(admin_client, admin_user, db):
    admin_client.post(
        admin_url(Actor, "add"),
        {
            "name": "Acme Watch Company",
            "kind": "company",
            "country": "",
            "notes": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    actor = Actor.objects.get()
    record = actor.history.get()
    assert (record.history_type, record.history_user) == ("+", admin_user)


def test_a_merge_is_recorded_and_can_be_undone(admin_client, admin_user, populated, jack_ma):
    article = populated["statement"].article
    duplicate = Actor.objects.create(name="Ma Yun", kind="person", origin="extracted")
    statement = Statement.objects.create(
        article=article, speaker_actor=duplicate, text="x", quote="x", origin="extracted"
    )
    populated["event"].actors.add(duplicate)
    admin_client.post(
        admin_url(Actor, "changelist"),
        {"action": "merge_selected", "_selected_action": [jack_ma.pk, duplicate.pk]},
    )
    survivor_record = jack_ma.history.latest()
    assert survivor_record.history_user == admin_user
    assert "Merged “Ma Yun”" in survivor_record.history_change_reason
    moved = statement.history.latest()
    assert (moved.history_user, moved.speaker_actor_id) == (admin_user, jack_ma.pk)
    gone = Actor.history.filter(id=duplicate.pk).latest()
    assert gone.history_type == "-" and gone.history_user == admin_user

    page = admin_client.get(admin_url(Actor, "change", jack_ma.pk)).content.decode()
    assert "Undo the merge of “Ma Yun”" in page
    response = admin_client.post(
        reverse("admin:enforcement_actor_unmerge", args=[jack_ma.pk, EntityMerge.objects.get().pk])
    )
    assert response.status_code == 302
    restored = Actor.objects.get(pk=duplicate.pk)
    assert restored.name == "Ma Yun"
    statement.refresh_from_db()
    assert statement.speaker_actor == restored
    assert set(populated["event"].actors.all()) == {jack_ma, restored}
    assert Alias.objects.get(normalized="ma yun").actor == restored
    assert EntityMerge.objects.get().undone_at is not None
    assert "Undo the merge" not in admin_client.get(admin_url(Actor, "change", jack_ma.pk)).text


def test_the_ingest_writes_no_history(db):
    from tests.test_ingest import make_result, store

    store(make_result())
    assert Statement.history.count() == 0 and Event.history.count() == 0
    assert ReviewState.UNREVIEWED == Statement.objects.get().review_state


def event_form(event, **changes):
    data = {
        "kind": event.kind,
        "summary": event.summary,
        "date": event.date.isoformat() if event.date else "",
        "date_precision": event.date_precision,
        "regulators": [r.pk for r in event.regulators.all()],
        "actors": [a.pk for a in event.actors.all()],
        "review_state": event.review_state,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_a_change_of_an_events_participants_is_recorded_and_revertible(
    admin_client, admin_user, populated, jack_ma
):
    event = populated["event"]
    before = event.history.latest()
    response = admin_client.post(admin_url(Event, "change", event.pk), event_form(event, actors=[]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(event.actors.all()) == []
    now = event.history.latest()
    assert now.history_user == admin_user
    assert [row.actor_id for row in now.actors.all()] == []
    assert [row.actor_id for row in before.actors.all()] == [jack_ma.pk]

    revert_url = reverse(
        "admin:enforcement_event_simple_history", args=[event.pk, before.history_id]
    )
    form = admin_client.get(revert_url).context["adminform"].form
    assert [int(pk) for pk in form["actors"].value()] == [jack_ma.pk]
    response = admin_client.post(revert_url, event_form(event, actors=[jack_ma.pk]))
    assert response.status_code == 302
    assert list(event.actors.all()) == [jack_ma]
