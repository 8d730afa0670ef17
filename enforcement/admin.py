"""Review and data entry.

People verify, reject, correct, merge and add what the extractor got wrong.
Any change saved here marks the row as edited by hand; the ingest never
touches such a row again.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html

from .merging import merge_entities
from .models import (
    Actor,
    Alias,
    Article,
    Event,
    EventSource,
    Feed,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)


@admin.action(description="Mark selected items as verified")
def mark_verified(modeladmin, request, queryset):
    count = queryset.update(review_state=ReviewState.VERIFIED)
    modeladmin.message_user(request, f"{count} item(s) marked as verified.", messages.SUCCESS)


@admin.action(description="Mark selected items as rejected")
def mark_rejected(modeladmin, request, queryset):
    count = queryset.update(review_state=ReviewState.REJECTED)
    modeladmin.message_user(
        request,
        f"{count} item(s) rejected. The ingest will not bring them back.",
        messages.SUCCESS,
    )


@admin.action(description="Merge the two selected entries (the older one survives)")
def merge_selected(modeladmin, request, queryset):
    if queryset.count() != 2:
        modeladmin.message_user(request, "Select exactly two entries to merge.", messages.ERROR)
        return
    survivor, merged = queryset.order_by("pk")
    merged_name = merged.name
    merge_entities(survivor, merged)
    modeladmin.message_user(
        request,
        f"Merged “{merged_name}” into “{survivor.name}”; its names are now aliases.",
        messages.SUCCESS,
    )


class HandEditMixin:
    """Marks rows changed in the admin as edited by hand, and new rows as manual."""

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.edited_by_hand = True
        if not change:
            obj.origin = Origin.MANUAL
        super().save_model(request, obj, form, change)


class ProvenanceMixin:
    @admin.display(description="Words in the article")
    def quote_display(self, obj):
        return format_html("<q>{}</q>", obj.quote)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ["name"]


class EntityAdmin(HandEditMixin, admin.ModelAdmin):
    search_fields = ["name", "aliases__name"]
    list_filter = ["kind", "country", "origin", "edited_by_hand"]
    inlines = [AliasInline]
    actions = [merge_selected]
    readonly_fields = ["origin", "created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("events", distinct=True))

    @admin.display(description="Events", ordering="event_count")
    def event_count(self, obj):
        return obj.event_count


@admin.register(Regulator)
class RegulatorAdmin(EntityAdmin):
    list_display = ["name", "kind", "country", "event_count", "origin", "edited_by_hand"]
    fields = ["name", "kind", "country", "notes", "edited_by_hand", *EntityAdmin.readonly_fields]


@admin.register(Actor)
class ActorAdmin(EntityAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "affiliation_display",
        "event_count",
        "origin",
        "edited_by_hand",
    ]
    list_select_related = ["affiliated_regulator", "affiliated_actor"]
    autocomplete_fields = ["affiliated_regulator", "affiliated_actor"]
    fields = [
        "name",
        "kind",
        "country",
        "affiliated_regulator",
        "affiliated_actor",
        "notes",
        "edited_by_hand",
        *EntityAdmin.readonly_fields,
    ]

    @admin.display(description="Affiliation")
    def affiliation_display(self, obj):
        return obj.affiliation or "—"


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "regulator", "actor"]
    list_select_related = ["regulator", "actor"]
    search_fields = ["name", "regulator__name", "actor__name"]
    autocomplete_fields = ["regulator", "actor"]


class ReviewedAdmin(HandEditMixin, ProvenanceMixin, admin.ModelAdmin):
    actions = [mark_verified, mark_rejected]
    date_hierarchy = "date"
    readonly_fields = ["quote_display", "start", "end", "origin", "created_at", "updated_at"]
    list_per_page = 50


@admin.register(Statement)
class StatementAdmin(ReviewedAdmin):
    list_display = ["text", "speaker", "date_display", "article", "review_state", "origin"]
    list_select_related = ["speaker_actor", "speaker_regulator", "article"]
    list_filter = ["review_state", "origin", "edited_by_hand", "date_precision", "date"]
    search_fields = ["text", "quote", "speaker_actor__name", "speaker_regulator__name"]
    autocomplete_fields = ["speaker_actor", "speaker_regulator", "article"]
    fields = [
        "text",
        "speaker_actor",
        "speaker_regulator",
        ("date", "date_precision"),
        "article",
        "quote_display",
        ("start", "end"),
        "review_state",
        "edited_by_hand",
        ("origin", "created_at", "updated_at"),
    ]


@admin.register(Statistic)
class StatisticAdmin(ReviewedAdmin):
    list_display = [
        "value",
        "unit",
        "qualifier",
        "metric",
        "date_display",
        "article",
        "review_state",
        "origin",
    ]
    list_select_related = ["article"]
    list_filter = ["review_state", "origin", "unit", "qualifier", "edited_by_hand", "date"]
    search_fields = ["metric", "unit", "quote"]
    autocomplete_fields = ["subject_actor", "subject_regulator", "article"]
    fields = [
        ("value", "unit", "qualifier"),
        "metric",
        ("subject_actor", "subject_regulator"),
        ("date", "date_precision"),
        "article",
        "quote_display",
        ("start", "end"),
        "review_state",
        "edited_by_hand",
        ("origin", "created_at", "updated_at"),
    ]


class EventSourceInline(ProvenanceMixin, admin.TabularInline):
    model = EventSource
    extra = 0
    fields = ["article", "quote_display", "quote", "review_state"]
    readonly_fields = ["quote_display"]
    autocomplete_fields = ["article"]


@admin.register(Event)
class EventAdmin(HandEditMixin, admin.ModelAdmin):
    list_display = ["summary", "kind", "date_display", "source_count", "review_state", "origin"]
    list_filter = ["kind", "review_state", "origin", "edited_by_hand", "date_precision", "date"]
    search_fields = ["summary", "regulators__name", "actors__name", "sources__quote"]
    autocomplete_fields = ["regulators", "actors"]
    date_hierarchy = "date"
    actions = [mark_verified, mark_rejected]
    inlines = [EventSourceInline]
    readonly_fields = ["origin", "created_at", "updated_at"]
    fields = [
        "kind",
        "summary",
        ("date", "date_precision"),
        "regulators",
        "actors",
        "review_state",
        "edited_by_hand",
        ("origin", "created_at", "updated_at"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count


@admin.register(EventSource)
class EventSourceAdmin(ReviewedAdmin):
    list_display = ["quote", "event", "article", "review_state", "origin"]
    list_select_related = ["event", "article"]
    list_filter = ["review_state", "origin", "event__kind"]
    search_fields = ["quote", "event__summary", "article__title", "article__file_name"]
    autocomplete_fields = ["event", "article"]
    date_hierarchy = None
    fields = [
        "event",
        "article",
        "quote",
        "quote_display",
        ("start", "end"),
        "review_state",
        "edited_by_hand",
        ("origin", "created_at", "updated_at"),
    ]


class StatementInline(ProvenanceMixin, admin.TabularInline):
    model = Statement
    extra = 0
    fields = ["text", "speaker_actor", "speaker_regulator", "quote_display", "review_state"]
    readonly_fields = ["quote_display"]
    autocomplete_fields = ["speaker_actor", "speaker_regulator"]


class StatisticInline(ProvenanceMixin, admin.TabularInline):
    model = Statistic
    extra = 0
    fields = ["value", "unit", "qualifier", "metric", "quote_display", "review_state"]
    readonly_fields = ["quote_display"]


class ArticleEventSourceInline(EventSourceInline):
    fields = ["event", "quote_display", "quote", "review_state"]
    autocomplete_fields = ["event"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "published_display", "file_name", "ingested_at"]
    list_filter = ["source", "published", "ingested_at"]
    search_fields = ["title", "file_name", "source", "text"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "ingested_at", "updated_at"]
    inlines = [StatementInline, StatisticInline, ArticleEventSourceInline]

    @admin.display(description="Published", ordering="published")
    def published_display(self, obj):
        return obj.published_display


# --- Feeds (feeds helper) -------------------------------------------------------------------


@admin.action(description="Poll the selected feeds again from the next run on")
def activate_feeds(modeladmin, request, queryset):
    count = queryset.update(active=True)
    modeladmin.message_user(request, f"{count} feed(s) active.", messages.SUCCESS)


@admin.action(description="Stop polling the selected feeds")
def deactivate_feeds(modeladmin, request, queryset):
    count = queryset.update(active=False)
    modeladmin.message_user(
        request, f"{count} feed(s) paused; their articles stay.", messages.SUCCESS
    )


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    """Feeds that ``poll_feeds`` reads. Add one by its URL; the rest is filled in by polling."""

    list_display = [
        "__str__",
        "url",
        "active",
        "last_fetched_at",
        "last_new_item_at",
        "items_ingested",
        "last_error",
    ]
    list_filter = ["active"]
    search_fields = ["url", "title"]
    fields = ["url", "active", "title", "last_fetched_at", "last_new_item_at", "last_error"]
    readonly_fields = ["title", "last_fetched_at", "last_new_item_at", "last_error"]
    actions = [activate_feeds, deactivate_feeds]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description="Items ingested", ordering="item_count")
    def items_ingested(self, obj):
        return obj.item_count
