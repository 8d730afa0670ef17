"""The admin: every page loads, search works, review actions and merge do their job."""

import pytest
from django.urls import reverse

from enforcement.models import (
    Actor,
    Alias,
    Article,
    Event,
    EventSource,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)

MODELS = [Article, Regulator, Actor, Alias, Statement, Statistic, Event, EventSource]


def admin_url(model, view, *args):
    return reverse(f"admin:enforcement_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_change_form_load(admin_client, populated, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    obj = model.objects.first()
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model, term, expected",
    [
        (Regulator, "SAIC", "State Administration for Industry and Commerce"),
        (Actor, "Jack", "Jack Ma"),
        (Statement, "problem", "fakes are a problem"),
        (Statistic, "listings removed", "listings removed"),
        (Event, "white paper", "The SAIC released a white paper"),
        (Article, "Sample", "Sample article"),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_search_finds_and_filters(admin_client, populated, model, term, expected):
    response = admin_client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert response.context["cl"].result_count == 1
    response = admin_client.get(admin_url(model, "changelist"), {"q": "zzz-no-such-thing"})
    assert response.context["cl"].result_count == 0


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize(
    "term", [" ".join(f"word{i}" for i in range(325)), "x" * 100_000], ids=["325 words", "long"]
)
def test_a_search_past_the_bound_is_refused_with_a_message_not_a_server_error(
    admin_client, populated, model, term
):
    response = admin_client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
    messages = [str(m) for m in response.context["messages"]]
    bound = "Search at most 32 words" if " " in term else "Search for at most 400 characters"
    assert any(m.startswith("Nothing was searched.") and bound in m for m in messages), messages


def test_provenance_words_shown_on_item(admin_client, populated):
    statement = populated["statement"]
    response = admin_client.get(admin_url(Statement, "change", statement.pk))
    assert f"<q>{statement.quote}</q>" in response.content.decode()


def test_article_shows_its_items_inline(admin_client, populated):
    article = populated["statement"].article
    content = admin_client.get(admin_url(Article, "change", article.pk)).content.decode()
    assert "fakes are a problem" in content
    assert "listings removed" in content
    assert "The SAIC released a white paper" in content


def test_non_staff_user_is_sent_to_login(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="a-long-password-1")
    client.force_login(user)
    response = client.get(admin_url(Event, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(admin_url(Statement, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_bulk_verify_and_reject(admin_client, populated):
    statement, statistic = populated["statement"], populated["statistic"]
    admin_client.post(
        admin_url(Statement, "changelist"),
        {"action": "mark_verified", "_selected_action": [statement.pk]},
    )
    admin_client.post(
        admin_url(Statistic, "changelist"),
        {"action": "mark_rejected", "_selected_action": [statistic.pk]},
    )
    statement.refresh_from_db()
    statistic.refresh_from_db()
    assert statement.review_state == ReviewState.VERIFIED
    assert statistic.review_state == ReviewState.REJECTED


def test_saving_a_change_marks_the_row_edited_by_hand(admin_client, populated):
    statistic = populated["statistic"]
    data = {
        "value": "380000000",
        "unit": "listings",
        "qualifier": "",
        "metric": "product listings removed",
        "subject_actor": statistic.subject_actor_id,
        "subject_regulator": "",
        "date": "",
        "date_precision": "day",
        "article": statistic.article_id,
        "review_state": "unreviewed",
    }
    response = admin_client.post(admin_url(Statistic, "change", statistic.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    statistic.refresh_from_db()
    assert statistic.metric == "product listings removed"
    assert statistic.edited_by_hand
    assert statistic.is_protected


def test_adding_in_the_admin_marks_the_row_manual(admin_client, db):
    response = admin_client.post(
        admin_url(Regulator, "add"),
        {
            "name": "World Customs Organization",
            "kind": "intergovernmental",
            "country": "",
            "notes": "",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "WCO",
        },
    )
    assert response.status_code == 302
    wco = Regulator.objects.get(name="World Customs Organization")
    assert wco.origin == "manual"
    assert set(wco.aliases.values_list("name", flat=True)) == {"World Customs Organization", "WCO"}


def test_merge_moves_every_reference(admin_client, populated, jack_ma, saic):
    article = populated["statement"].article
    duplicate = Actor.objects.create(name="Ma Yun", kind="person", origin="extracted")
    Alias.objects.create(name="Ma", actor=duplicate)
    colleague = Actor.objects.create(name="Alibaba", kind="company", affiliated_actor=duplicate)
    statement = Statement.objects.create(
        article=article, speaker_actor=duplicate, text="x", quote="x", origin="extracted"
    )
    statistic = Statistic.objects.create(
        article=article,
        value=1,
        unit="cases",
        metric="m",
        subject_actor=duplicate,
        quote="1",
        origin="extracted",
    )
    event = Event.objects.create(kind="meeting", summary="met", origin="extracted")
    event.actors.add(duplicate)

    response = admin_client.post(
        admin_url(Actor, "changelist"),
        {"action": "merge_selected", "_selected_action": [jack_ma.pk, duplicate.pk]},
    )
    assert response.status_code == 302
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    statement.refresh_from_db()
    statistic.refresh_from_db()
    colleague.refresh_from_db()
    assert statement.speaker_actor == jack_ma
    assert statistic.subject_actor == jack_ma
    assert colleague.affiliated_actor == jack_ma
    assert list(event.actors.all()) == [jack_ma]
    assert set(jack_ma.aliases.values_list("name", flat=True)) == {"Jack Ma", "Ma Yun", "Ma"}


def test_merge_of_regulators(admin_client, populated, saic):
    other = Regulator.objects.create(name="Industry regulator", kind="agency", country="CN")
    event = Event.objects.create(kind="report", summary="paper", origin="extracted")
    event.regulators.add(other)
    statement = Statement.objects.create(
        article=populated["statement"].article,
        speaker_regulator=other,
        text="y",
        quote="y",
    )
    admin_client.post(
        admin_url(Regulator, "changelist"),
        {"action": "merge_selected", "_selected_action": [saic.pk, other.pk]},
    )
    statement.refresh_from_db()
    assert statement.speaker_regulator == saic
    assert list(event.regulators.all()) == [saic]
    assert Alias.objects.get(name="Industry regulator").regulator == saic


def test_merge_needs_exactly_two(admin_client, saic):
    response = admin_client.post(
        admin_url(Regulator, "changelist"),
        {"action": "merge_selected", "_selected_action": [saic.pk]},
        follow=True,
    )
    assert "Select exactly two entries to merge." in response.content.decode()
    assert Regulator.objects.filter(pk=saic.pk).exists()
