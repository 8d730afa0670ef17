"""Review and data entry.

People verify, reject, correct, merge and add what the extractor got wrong.
Any change saved here marks the row as edited by hand; the ingest never
touches such a row again.

Every change a person makes here -- adding, editing, verifying, rejecting,
merging -- is recorded by django-simple-history with the user and the time;
each item's page lists its recent changes, and its History page shows them all
with a "Revert" for each version. A merge can be undone from the surviving
entry's page.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import bulk_update_with_history

from . import search
from .event_dates import refresh_report_dates
from .merging import merge_entities, undo_merge
from .models import (
    Actor,
    Alias,
    Article,
    EntityMerge,
    Event,
    EventSource,
    Feed,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
    normalize_name,
)


def _review(modeladmin, request, queryset, state, said):
    """Set the review state row by row, each with a history row naming the user."""
    rows = list(queryset.exclude(review_state=state))
    for row in rows:
        row.review_state = state
    bulk_update_with_history(
        rows,
        modeladmin.model,
        ["review_state"],
        batch_size=500,
        default_user=request.user,
        default_change_reason=f"Marked {state} in the admin",
    )
    if modeladmin.model is EventSource:  # a rejected account no longer dates its event
        refresh_report_dates(row.event_id for row in rows)
    modeladmin.message_user(request, f"{len(rows)} item(s) {said}", messages.SUCCESS)


@admin.action(description="Mark selected items as verified")
def mark_verified(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, ReviewState.VERIFIED, "marked as verified.")


@admin.action(description="Mark selected items as rejected")
def mark_rejected(modeladmin, request, queryset):
    _review(
        modeladmin,
        request,
        queryset,
        ReviewState.REJECTED,
        "rejected. The ingest will not bring them back.",
    )


@admin.action(description="Merge the two selected entries (the older one survives)")
def merge_selected(modeladmin, request, queryset):
    if queryset.count() != 2:
        modeladmin.message_user(request, "Select exactly two entries to merge.", messages.ERROR)
        return
    survivor, merged = queryset.order_by("pk")
    merged_name = merged.name
    merge_entities(survivor, merged, user=request.user)
    modeladmin.message_user(
        request,
        f"Merged “{merged_name}” into “{survivor.name}”; its names are now aliases. "
        "The merge can be undone from the entry's page.",
        messages.SUCCESS,
    )


class BoundedSearchMixin:
    """The admin's own search (``icontains`` over ``search_fields``) within the dashboard's
    bound: each word is a scan of every searched column, so a pasted page would tie up the
    database for nothing."""

    def get_search_results(self, request, queryset, search_term):
        problem = search.past_the_bound(search_term)
        if problem:
            self.message_user(request, f"Nothing was searched. {problem}", messages.ERROR)
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)


class HistoryMixin(SimpleHistoryAdmin):
    """Shows an item's recent changes by people on its page; all of them on History."""

    recent_changes_shown = 10
    # Many-to-many fields whose history is kept (HistoricalRecords(m2m_fields=...)): a
    # version's form shows them as they were, so "Revert" restores them too.
    history_m2m_fields: tuple[str, ...] = ()

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.history_version = get_object_or_404(
            self.model.history.model, id=object_id, history_id=version_id
        )
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        version = getattr(request, "history_version", None)
        if version is None or not self.history_m2m_fields:
            return form
        then = {
            name: [
                getattr(
                    row, f"{self.model._meta.get_field(name).related_model._meta.model_name}_id"
                )
                for row in getattr(version, name).all()
            ]
            for name in self.history_m2m_fields
        }

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound:
                    self.initial.update(then)

        return VersionForm

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "human_changes"]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if obj is None or "human_changes" in fields else [*fields, "human_changes"]

    @admin.display(description="Changes by people")
    def human_changes(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        records = list(obj.history.select_related("history_user")[: self.recent_changes_shown])
        if not records:
            return "None yet: this is as the ingest read it."
        rows = format_html_join(
            "",
            "<li>{} — {} by {}{}</li>",
            (
                (
                    f"{record.history_date:%Y-%m-%d %H:%M}",
                    record.get_history_type_display(),
                    record.history_user or "the system",
                    _what_changed(record),
                )
                for record in records
            ),
        )
        opts = self.model._meta
        history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        return format_html(
            '<ul class="human-changes">{}</ul><a href="{}">Every version, with “Revert”</a>',
            rows,
            history_url,
        )


def _what_changed(record) -> str:
    if record.history_change_reason:
        return f": {record.history_change_reason}"
    previous = record.prev_record
    if previous is None or record.history_type != "~":
        return ""
    delta = record.diff_against(previous)
    return ": " + ", ".join(
        f"{change.field} {change.old!r} → {change.new!r}"[:200] for change in delta.changes
    )


class InlineHandEditMixin:
    """Marks rows changed in the inlines of another's page (an article's statements, say)
    as edited by hand, and rows added there as manual."""

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            mark_hand_edit(inline_form.instance, inline_form, inline_form.instance.pk is not None)
        super().save_formset(request, form, formset, change)


class HandEditMixin(InlineHandEditMixin, HistoryMixin):
    """Marks rows changed in the admin as edited by hand, and new rows as manual."""

    def save_model(self, request, obj, form, change):
        mark_hand_edit(obj, form, change)
        super().save_model(request, obj, form, change)


def mark_hand_edit(obj, form, change) -> None:
    if not hasattr(obj, "edited_by_hand"):
        return  # an alias: its entity says whether a person made it
    if change and form.has_changed():
        obj.edited_by_hand = True
    if not change:
        obj.origin = Origin.MANUAL


class ProvenanceMixin:
    @admin.display(description="Words in the article")
    def quote_display(self, obj):
        return format_html("<q>{}</q>", obj.quote)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ["name"]


class EntityAdmin(BoundedSearchMixin, HandEditMixin, admin.ModelAdmin):
    search_fields = ["name", "aliases__name"]
    list_filter = ["kind", "country", "origin", "edited_by_hand"]
    inlines = [AliasInline]
    actions = [merge_selected]
    readonly_fields = ["origin", "created_at", "updated_at", "merges"]

    def get_urls(self):
        opts = self.model._meta
        undo = path(
            "<int:object_id>/unmerge/<int:merge_id>/",
            self.admin_site.admin_view(self.unmerge_view),
            name=f"{opts.app_label}_{opts.model_name}_unmerge",
        )
        return [undo, *super().get_urls()]

    def unmerge_view(self, request, object_id, merge_id):
        entity = get_object_or_404(self.model, pk=object_id)
        if request.method != "POST" or not self.has_change_permission(request, entity):
            return redirect(
                reverse(f"admin:enforcement_{self.model._meta.model_name}_change", args=[object_id])
            )
        record = get_object_or_404(
            EntityMerge, pk=merge_id, kind=entity.alias_field, survivor_id=entity.pk, undone_at=None
        )
        restored = undo_merge(record, user=request.user)
        self.message_user(
            request, f"“{restored.name}” is back, with what the merge had moved.", messages.SUCCESS
        )
        return redirect(
            reverse(f"admin:enforcement_{self.model._meta.model_name}_change", args=[restored.pk])
        )

    @admin.display(description="Merged into this entry")
    def merges(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        records = EntityMerge.objects.filter(
            kind=obj.alias_field, survivor_id=obj.pk, undone_at=None
        ).select_related("user")
        if not records:
            return "Nothing."
        name = self.model._meta.model_name
        return format_html_join(
            "",
            '<p>“{}” on {} by {} <button type="submit" formmethod="post" formaction="{}">'
            "Undo the merge of “{}”</button></p>",
            (
                (
                    record.merged_name,
                    f"{record.merged_at:%Y-%m-%d %H:%M}",
                    record.user or "someone",
                    reverse(f"admin:enforcement_{name}_unmerge", args=[obj.pk, record.pk]),
                    record.merged_name,
                )
                for record in records
            ),
        )

    def save_formset(self, request, form, formset, change):
        """Aliases typed on the entry's page; its own name is always one of them."""
        if formset.model is not Alias:
            return super().save_formset(request, form, formset, change)
        entity = form.instance
        for alias in formset.save(commit=False):
            taken = Alias.objects.filter(normalized=normalize_name(alias.name)[:255])
            if taken.exclude(pk=alias.pk).exists():
                continue  # the entry's own name, already kept as its alias
            alias._history_user = request.user
            alias.save()
        for alias in formset.deleted_objects:
            alias._history_user = request.user
            alias.delete()
        formset.save_m2m()
        entity.keep_own_alias()

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
class AliasAdmin(BoundedSearchMixin, HistoryMixin, admin.ModelAdmin):
    list_display = ["name", "regulator", "actor"]
    list_select_related = ["regulator", "actor"]
    search_fields = ["name", "regulator__name", "actor__name"]
    autocomplete_fields = ["regulator", "actor"]


class ReviewedAdmin(BoundedSearchMixin, HandEditMixin, ProvenanceMixin, admin.ModelAdmin):
    actions = [mark_verified, mark_rejected]
    date_hierarchy = "date"
    readonly_fields = [
        "quote_display",
        "start",
        "end",
        "words_missing",
        "origin",
        "created_at",
        "updated_at",
    ]
    list_per_page = 50


@admin.register(Statement)
class StatementAdmin(ReviewedAdmin):
    list_display = ["text", "speaker", "date_display", "article", "review_state", "origin"]
    list_select_related = ["speaker_actor", "speaker_regulator", "article"]
    list_filter = ["review_state", "origin", "edited_by_hand", "words_missing", "date"]
    search_fields = ["text", "quote", "speaker_actor__name", "speaker_regulator__name"]
    autocomplete_fields = ["speaker_actor", "speaker_regulator", "article"]
    fields = [
        "text",
        "speaker_actor",
        "speaker_regulator",
        ("date", "date_precision"),
        "article",
        "quote_display",
        ("start", "end", "words_missing"),
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
    list_filter = ["review_state", "origin", "unit", "qualifier", "edited_by_hand", "words_missing"]
    search_fields = ["metric", "unit", "quote"]
    autocomplete_fields = ["subject_actor", "subject_regulator", "article"]
    fields = [
        ("value", "unit", "qualifier"),
        "metric",
        ("subject_actor", "subject_regulator"),
        ("date", "date_precision"),
        "article",
        "quote_display",
        ("start", "end", "words_missing"),
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
class EventAdmin(BoundedSearchMixin, HandEditMixin, admin.ModelAdmin):
    list_display = ["summary", "kind", "date_display", "source_count", "review_state", "origin"]
    list_filter = ["kind", "review_state", "origin", "edited_by_hand", "date_precision", "date"]
    search_fields = ["summary", "regulators__name", "actors__name", "sources__quote"]
    autocomplete_fields = ["regulators", "actors"]
    date_hierarchy = "date"
    actions = [mark_verified, mark_rejected]
    inlines = [EventSourceInline]
    history_m2m_fields = ("regulators", "actors")
    readonly_fields = ["origin", "created_at", "updated_at", "first_reported_display"]
    fields = [
        "kind",
        "summary",
        ("date", "date_precision"),
        "first_reported_display",
        "regulators",
        "actors",
        "review_state",
        "edited_by_hand",
        ("origin", "created_at", "updated_at"),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_report_dates([form.instance.pk])  # its sources may have changed inline

    @admin.display(description="First reported")
    def first_reported_display(self, obj):
        return obj.first_reported_display if obj.pk else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count


@admin.register(EventSource)
class EventSourceAdmin(ReviewedAdmin):
    list_display = ["quote", "event", "article", "review_state", "origin"]
    list_select_related = ["event", "article"]
    list_filter = ["review_state", "origin", "event__kind", "words_missing"]
    search_fields = ["quote", "event__summary", "article__title", "article__file_name"]
    autocomplete_fields = ["event", "article"]
    date_hierarchy = None
    fields = [
        "event",
        "article",
        "quote",
        "quote_display",
        ("start", "end", "words_missing"),
        "review_state",
        "edited_by_hand",
        ("origin", "created_at", "updated_at"),
    ]

    # Adding, moving, rejecting or removing an account may change when its events were
    # first reported (both the event it left and the one it joined).
    def save_model(self, request, obj, form, change):
        was = EventSource.objects.filter(pk=obj.pk).values_list("event_id", flat=True).first()
        super().save_model(request, obj, form, change)
        refresh_report_dates([was, obj.event_id])

    def delete_model(self, request, obj):
        event_id = obj.event_id
        super().delete_model(request, obj)
        refresh_report_dates([event_id])

    def delete_queryset(self, request, queryset):
        event_ids = set(queryset.values_list("event_id", flat=True))
        super().delete_queryset(request, queryset)
        refresh_report_dates(event_ids)


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
class ArticleAdmin(BoundedSearchMixin, InlineHandEditMixin, admin.ModelAdmin):
    list_display = ["__str__", "source", "published_display", "file_name", "ingested_at"]
    list_filter = ["source", "published", "ingested_at"]
    search_fields = ["title", "file_name", "location", "source", "text"]
    date_hierarchy = "published"
    readonly_fields = ["location", "content_hash", "ingested_at", "updated_at"]
    inlines = [StatementInline, StatisticInline, ArticleEventSourceInline]

    @admin.display(description="Published", ordering="published")
    def published_display(self, obj):
        return obj.published_display

    # Its publication date dates the events it tells; its accounts may change inline.
    def save_related(self, request, form, formsets, change):
        told_before = _events_told_in([form.instance.pk])
        super().save_related(request, form, formsets, change)
        # Its statements' and figures' sort dates too, even when it tells no event.
        refresh_report_dates(
            told_before | _events_told_in([form.instance.pk]), articles=[form.instance.pk]
        )

    def delete_model(self, request, obj):
        told = _events_told_in([obj.pk])
        super().delete_model(request, obj)
        refresh_report_dates(told)

    def delete_queryset(self, request, queryset):
        told = _events_told_in(queryset.values("pk"))
        super().delete_queryset(request, queryset)
        refresh_report_dates(told)


def _events_told_in(article_ids) -> set[int]:
    return set(
        EventSource.objects.filter(article__in=article_ids).values_list("event_id", flat=True)
    )


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
class FeedAdmin(BoundedSearchMixin, admin.ModelAdmin):
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
