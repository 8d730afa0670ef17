"""Choosers for articles, actors and regulators: search as you type, never a table.

A filter on one article (or actor, or regulator) renders a ``<select>`` holding only
"Any" and the chosen row, whatever the table's size, so a page is the same size at a
million articles as at ten. ``static/enforcement/js/chooser.js`` adds a search box beside
it that asks ``/choose/<kind>/?q=words`` for suggestions; picking one chooses it and
applies the filters. The endpoint answers JSON, at most ``LIMIT`` rows, ordered, found by
the dashboard's full-text search (``search``: every word begins a word of the row's
names, aliases or, for an article, title, outlet, file name and text).

Without JavaScript the page still works: the chosen value is shown and submitted with
the form, "Any" clears it, and a row is chosen from its own page's links (an article's,
an actor's or a regulator's page links to its filtered lists).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET

from . import search
from .models import Actor, Article, Regulator

# Suggestions per answer: enough to pick from, few enough to read.
LIMIT = 20


def article_label(article: Article) -> str:
    """An article as the chooser names it: its title (or file), outlet and date."""
    details = ", ".join(
        part for part in (article.source, article.published and article.published_display) if part
    )
    return f"{article} ({details})" if details else str(article)


def entity_label(entity) -> str:
    return f"{entity.name} ({entity.country})" if entity.country else entity.name


# kind in the URL -> (model, search words, order, label, what the box is for)
CHOOSERS = {
    "articles": (Article, search.ARTICLE_WORDS, ("-pk",), article_label, "an article"),
    "actors": (Actor, search.ACTOR_NAMES, ("name", "pk"), entity_label, "an actor"),
    "regulators": (Regulator, search.REGULATOR_NAMES, ("name", "pk"), entity_label, "a regulator"),
}


def suggestions(kind: str, words: str) -> list[dict]:
    """At most ``LIMIT`` rows of ``kind`` matching ``words``: [{"id", "label"}]."""
    model, found_by, order, label, _ = CHOOSERS[kind]
    if not search.search_words(words):
        return []
    rows = search.matching(model.objects.all(), found_by, words).order_by(*order)
    if model is Article:
        rows = rows.only("pk", "title", "file_name", "source", "published", "published_precision")
    return [{"id": row.pk, "label": label(row)} for row in rows[:LIMIT]]


@require_GET
def choose(request, kind: str):
    if kind not in CHOOSERS:
        raise Http404("Nothing is chosen by that name.")
    words = search.clean(request.GET.get("q", ""))
    try:
        return JsonResponse({"results": suggestions(kind, words)})
    except ValidationError as error:
        # Past the search's bound: say so, suggest nothing.
        return JsonResponse({"results": [], "problem": " ".join(error.messages)}, status=400)


class ChooserSelect(forms.Select):
    """A ``<select>`` of "Any" and the chosen row only, with a search box the script uses."""

    def __init__(self, kind: str, attrs=None):
        super().__init__(attrs)
        self.kind = kind

    def render(self, name, value, attrs=None, renderer=None):
        # The box and the list are hidden until the script shows them: without it, the
        # select alone (any, or the chosen row) is the control.
        select = super().render(name, value, attrs, renderer)
        what = CHOOSERS[self.kind][4]
        return format_html(
            '<span class="chooser" data-chooser-url="{}">{}'
            '<input type="search" class="chooser-search" autocomplete="off" hidden'
            ' placeholder="Type to find {}" aria-label="Find {}">'
            '<ul class="chooser-suggestions" role="listbox" aria-label="Suggestions" hidden>'
            "</ul></span>",
            reverse("enforcement:choose", args=[self.kind]),
            select,
            what,
            what,
        )

    def optgroups(self, name, value, attrs=None):
        # Like the admin's autocomplete: the chosen rows alone, looked up by primary key.
        chosen = [v for v in value if v not in (None, "") and str(v).isdigit()]
        field = self.choices.field
        label = CHOOSERS[self.kind][3]
        options = [(field.empty_label, "")] if field.empty_label is not None else []
        if chosen:
            options += [(label(row), row.pk) for row in self.choices.queryset.filter(pk__in=chosen)]
        selected = {str(v) for v in chosen}
        return [
            (
                None,
                [
                    self.create_option(
                        name, option_value, option_label, str(option_value) in selected, index
                    )
                ],
                index,
            )
            for index, (option_label, option_value) in enumerate(options)
        ]
