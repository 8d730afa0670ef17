"""The dashboard's filters, one FilterSet per list.

Every FilterSet uses the same parameter names -- ``date_from``, ``date_to``,
``kind``, ``regulator``, ``actor``, ``country``, ``review_state``, ``q`` -- each
meaning the natural relation for its model (an event's regulators, a
statement's speaker, a figure's subject), so one URL's filters can drive the
lists and charts of several models at once (the overview does).

Articles, actors and regulators are chosen by searching (``choosers``): the form
holds the chosen row alone, never a table.

Rejected items are hidden unless the review-state filter asks for them.
Filters that follow many-to-many or reverse relations select by
``pk__in`` a subquery, so no list repeats a row. The text search (``q``) is
``search``'s: words on the database's full-text index, bounded, a form error past
the bound.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from . import search
from .choosers import ChooserSelect
from .models import (
    Actor,
    Article,
    Event,
    EventSource,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)
from .queries import disagreeing_figure_ids, listed


class DateInput(forms.DateInput):
    input_type = "date"


def country_choices():
    countries = (
        Regulator.objects.exclude(country="").order_by().values_list("country", flat=True)
    ).union(Actor.objects.exclude(country="").order_by().values_list("country", flat=True))
    return [(code, code) for code in sorted(set(countries))]


def date_range(field_name: str, label: str = "date"):
    return (
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="gte", label=f"From ({label})", widget=DateInput
        ),
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="lte", label=f"To ({label})", widget=DateInput
        ),
    )


def regulator_filter(method: str | None = None, field_name: str | None = None):
    return django_filters.ModelChoiceFilter(
        label="Regulator",
        queryset=Regulator.objects.order_by("name").only("pk", "name"),
        field_name=field_name,
        method=method,
        empty_label="Any regulator",
        widget=ChooserSelect("regulators"),
    )


def actor_filter(method: str | None = None, field_name: str | None = None):
    return django_filters.ModelChoiceFilter(
        label="Actor",
        queryset=Actor.objects.order_by("name").only("pk", "name"),
        field_name=field_name,
        method=method,
        empty_label="Any actor",
        widget=ChooserSelect("actors"),
    )


def article_filter(field_name: str):
    return django_filters.ModelChoiceFilter(
        label="Article",
        queryset=Article.objects.order_by("title", "file_name").only("pk", "title", "file_name"),
        field_name=field_name,
        empty_label="Any article",
        widget=ChooserSelect("articles"),
    )


class SearchField(forms.CharField):
    """The search box: control characters read as spaces, and bounded (``search.MAX_WORDS``)."""

    default_validators = [search.validate_search]

    def to_python(self, value):
        return search.clean(super().to_python(value))


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class DashboardFilterSet(django_filters.FilterSet):
    """Shared behaviour: text search over ``search_words`` and hiding rejected rows."""

    search_words: search.Words

    q = SearchFilter(label="Search", method="search")
    # One item by number: where the article page and the charts link to. Not shown in the form.
    id = django_filters.NumberFilter(field_name="pk", widget=forms.HiddenInput)

    def search(self, queryset, name, value):
        return search.matching(queryset, self.search_words, value)

    def within(self, queryset, condition: Q):
        """Rows matching a condition across relations, each row once."""
        return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "review_state" in self.filters and not self.form.cleaned_data.get("review_state"):
            queryset = queryset.exclude(review_state=ReviewState.REJECTED)
        return queryset

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (for the empty-state wording)."""
        return self.is_bound and any(
            value not in (None, "", [])
            for name, value in getattr(self.form, "cleaned_data", {}).items()
        )


def review_state_filter():
    return django_filters.ChoiceFilter(
        label="Review state",
        choices=ReviewState.choices,
        empty_label="Unreviewed or verified",
    )


class EventFilter(DashboardFilterSet):
    search_words = search.EVENT_WORDS

    # An event without a date of its own is found at the date it was first reported.
    date_from, date_to = date_range("sort_date")
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Event._meta.get_field("kind").choices, empty_label="Any kind"
    )
    regulator = regulator_filter(field_name="regulators")
    actor = actor_filter(field_name="actors")
    country = django_filters.ChoiceFilter(
        label="Country", choices=country_choices, method="filter_country", empty_label="Any country"
    )
    review_state = review_state_filter()
    article = article_filter("articles")

    class Meta:
        model = Event
        fields = ()

    def filter_country(self, queryset, name, value):
        return self.within(queryset, Q(regulators__country=value) | Q(actors__country=value))


class ListedByDateFilter(DashboardFilterSet):
    """Statements and figures: a date bound also says "dated" (``undated`` false, which
    it is for every row with a sort date), so the bound is a range on the list's index."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if any(self.form.cleaned_data.get(name) for name in ("date_from", "date_to")):
            # "IN (false)", not "NOT undated": SQLite searches an index by the former only.
            queryset = queryset.filter(undated__in=[False])
        return queryset


class StatementFilter(ListedByDateFilter):
    search_words = search.STATEMENT_WORDS

    # Its own date, else its article's (the stored, indexed ``sort_date``).
    date_from, date_to = date_range("sort_date")
    # What kind of statement it is (``extraction.stances.STANCES``).
    stance = django_filters.ChoiceFilter(
        label="Stance",
        choices=Statement._meta.get_field("stance").choices,
        empty_label="Any stance",
    )
    regulator = regulator_filter(field_name="speaker_regulator")
    actor = actor_filter(field_name="speaker_actor")
    country = django_filters.ChoiceFilter(
        label="Speaker's country",
        choices=country_choices,
        method="filter_country",
        empty_label="Any country",
    )
    review_state = review_state_filter()
    article = article_filter("article")

    class Meta:
        model = Statement
        fields = ()

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Q(speaker_actor__country=value) | Q(speaker_regulator__country=value)
        )


class StatisticFilter(ListedByDateFilter):
    search_words = search.STATISTIC_WORDS

    # Its own date, else its article's (the stored, indexed ``sort_date``).
    date_from, date_to = date_range("sort_date")
    # What figures measure, from the fixed vocabulary (``extraction.measures.MEASURES``).
    measure = django_filters.ChoiceFilter(
        label="Measure",
        choices=Statistic._meta.get_field("measure").choices,
        empty_label="Any measure",
    )
    disagree = django_filters.ChoiceFilter(
        label="Sources disagree",
        choices=[("yes", "Only figures another source contradicts")],
        method="filter_disagree",
        empty_label="Any figure",
    )
    regulator = regulator_filter(field_name="subject_regulator")
    actor = actor_filter(field_name="subject_actor")
    country = django_filters.ChoiceFilter(
        label="Subject's country",
        choices=country_choices,
        method="filter_country",
        empty_label="Any country",
    )
    review_state = review_state_filter()
    article = article_filter("article")

    class Meta:
        model = Statistic
        fields = ()

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Q(subject_actor__country=value) | Q(subject_regulator__country=value)
        )

    def filter_disagree(self, queryset, name, value):
        # Against every stored figure: the other source may be outside the other filters.
        return queryset.filter(pk__in=listed(disagreeing_figure_ids()))


class EntityFilter(DashboardFilterSet):
    """Shared by actors and regulators: the date range means "took part in an event then"."""

    date_from, date_to = date_range("events__sort_date", label="event date")
    country = django_filters.ChoiceFilter(
        label="Country", choices=country_choices, empty_label="Any country"
    )

    def filter_queryset(self, queryset):
        # The date bounds join events; select by pk so an actor with ten events shows once.
        dates = {name: self.form.cleaned_data.get(name) for name in ("date_from", "date_to")}
        others = {k: v for k, v in self.form.cleaned_data.items() if k not in dates}
        for name, value in others.items():
            queryset = self.filters[name].filter(queryset, value)
        condition = Q()
        if dates["date_from"]:
            condition &= Q(events__sort_date__gte=dates["date_from"])
        if dates["date_to"]:
            condition &= Q(events__sort_date__lte=dates["date_to"])
        if condition:
            queryset = self.within(queryset, condition)
        return queryset


class ActorFilter(EntityFilter):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Actor._meta.get_field("kind").choices, empty_label="Any kind"
    )
    regulator = regulator_filter(method="filter_regulator")

    search_words = search.ACTOR_WORDS

    class Meta:
        model = Actor
        fields = ()

    def filter_regulator(self, queryset, name, value):
        # Actors who took part in an event beside this regulator.
        return self.within(queryset, Q(events__regulators=value))


class RegulatorFilter(EntityFilter):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Regulator._meta.get_field("kind").choices, empty_label="Any kind"
    )
    actor = actor_filter(method="filter_actor")

    search_words = search.REGULATOR_WORDS

    class Meta:
        model = Regulator
        fields = ()

    def filter_actor(self, queryset, name, value):
        return self.within(queryset, Q(events__actors=value))


class ArticleFilter(DashboardFilterSet):
    search_words = search.ARTICLE_WORDS

    date_from, date_to = date_range("published", label="published")
    kind = django_filters.ChoiceFilter(
        label="Reports an event of kind",
        choices=Event._meta.get_field("kind").choices,
        method="filter_kind",
        empty_label="Any kind",
    )
    regulator = regulator_filter(method="filter_regulator")
    actor = actor_filter(method="filter_actor")

    class Meta:
        model = Article
        fields = ()

    def filter_kind(self, queryset, name, value):
        sources = EventSource.objects.filter(event__kind=value)
        return queryset.filter(pk__in=sources.values("article"))

    def filter_regulator(self, queryset, name, value):
        return queryset.filter(
            Q(pk__in=EventSource.objects.filter(event__regulators=value).values("article"))
            | Q(pk__in=Statement.objects.filter(speaker_regulator=value).values("article"))
        )

    def filter_actor(self, queryset, name, value):
        return queryset.filter(
            Q(pk__in=EventSource.objects.filter(event__actors=value).values("article"))
            | Q(pk__in=Statement.objects.filter(speaker_actor=value).values("article"))
        )
