"""Merging two regulators or two actors that turned out to be one, and undoing it.

Every reference to the merged entity moves to the survivor, and the merged
entity's names become the survivor's aliases, so a later ingest that meets the
old name resolves it to the survivor. A merge is a person's change: each row it
changes gets a history row with the user and the reason, and an ``EntityMerge``
keeps the ids of what moved, so ``undo_merge`` can put the merged entity back
with what was its own -- except what a person has changed since.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from .event_dates import refresh_report_dates
from .models import Actor, Alias, EntityMerge, Event, Regulator, Statement, Statistic

# (model, foreign key) pairs that point at a regulator or an actor, by entity kind.
REFERENCES = {
    "regulator": [
        (Statement, "speaker_regulator"),
        (Statistic, "subject_regulator"),
        (Actor, "affiliated_regulator"),
        (Alias, "regulator"),
    ],
    "actor": [
        (Statement, "speaker_actor"),
        (Statistic, "subject_actor"),
        (Actor, "affiliated_actor"),
        (Alias, "actor"),
    ],
}
ENTITY_MODELS = {"regulator": Regulator, "actor": Actor}


def _kind(entity) -> str:
    return entity.alias_field


def _links(kind: str):
    """The Event <-> entity link table and the name of its entity column."""
    through = Event.regulators.through if kind == "regulator" else Event.actors.through
    return through, f"{kind}_id"


def _repoint(model, field, rows, target, user, reason) -> list[int]:
    rows = list(rows)
    for row in rows:
        setattr(row, field, target)
    if rows:
        bulk_update_with_history(
            rows, model, [field], default_user=user, default_change_reason=reason
        )
    return [row.pk for row in rows]


@transaction.atomic
def merge_entities(survivor, merged, *, user=None) -> EntityMerge:
    """Fold ``merged`` into ``survivor`` (both Regulators or both Actors) and delete it."""
    if type(survivor) is not type(merged):
        raise ValueError("Only two regulators or two actors can be merged.")
    if survivor.pk == merged.pk:
        raise ValueError("Choose two different entries to merge.")
    kind = _kind(survivor)
    reason = f"Merged “{merged.name}” (#{merged.pk}) into “{survivor.name}” (#{survivor.pk})"
    moved: dict[str, list[int]] = {}

    for model, field in REFERENCES[kind]:
        rows = model.objects.filter(**{field: merged})
        if model is Actor:
            rows = rows.exclude(pk=survivor.pk)
        moved[f"{model._meta.model_name}.{field}"] = _repoint(
            model, field, rows, survivor, user, reason
        )

    # Events: the survivor takes part wherever the merged entity did.
    through, column = _links(kind)
    merged_events = set(
        through.objects.filter(**{column: merged.pk}).values_list("event_id", flat=True)
    )
    survivor_events = set(
        through.objects.filter(**{column: survivor.pk}).values_list("event_id", flat=True)
    )
    joined = sorted(merged_events - survivor_events)
    through.objects.bulk_create(through(event_id=pk, **{column: survivor.pk}) for pk in joined)
    moved["events_of_merged"] = sorted(merged_events)
    moved["events_joined"] = joined

    # The merged name (entities from before every name had its alias may lack one).
    own = merged.own_alias()
    setattr(own, kind, survivor)
    if not Alias.objects.filter(normalized=own.normalized).exists() and own.normalized:
        own._history_user = user
        own.save()
        moved["aliases_created"] = [own.pk]

    if not survivor.country and merged.country:
        survivor.country = merged.country
        moved["country_taken"] = [1]
    survivor.edited_by_hand = True
    survivor._history_user, survivor._change_reason = user, reason
    survivor.save()
    merged._history_user, merged._change_reason = user, reason
    record = EntityMerge.objects.create(
        kind=kind,
        survivor_id=survivor.pk,
        merged_id=merged.pk,
        merged_name=merged.name,
        moved=moved,
        user=user,
    )
    merged.delete()
    # A merge moves participants, not accounts, so no report date should move; the events it
    # touched are refreshed all the same, so that what pages order by is current after it.
    refresh_report_dates(merged_events)
    return record


@transaction.atomic
def undo_merge(record: EntityMerge, *, user=None):
    """Bring the merged entity back as it was and give it back what moved.

    A row a person pointed elsewhere since the merge stays where they put it.
    Returns the restored entity.
    """
    if record.undone_at is not None:
        raise ValueError("This merge was undone already.")
    kind, model = record.kind, ENTITY_MODELS[record.kind]
    survivor = model.objects.get(pk=record.survivor_id)
    reason = (
        f"Undid the merge of “{record.merged_name}” (#{record.merged_id}) into “{survivor.name}”"
    )
    last = model.history.filter(id=record.merged_id).latest()
    restored = last.instance
    restored._history_user, restored._change_reason = user, reason
    restored.save()  # its own-name alias is the survivor's now: moved back below

    for ref_model, field in REFERENCES[kind]:
        ids = record.moved.get(f"{ref_model._meta.model_name}.{field}", [])
        rows = ref_model.objects.filter(pk__in=ids, **{field: survivor})
        _repoint(ref_model, field, rows, restored, user, reason)
    Alias.objects.filter(pk__in=record.moved.get("aliases_created", [])).delete()

    through, column = _links(kind)
    existing = set(
        Event.objects.filter(pk__in=record.moved["events_of_merged"]).values_list("pk", flat=True)
    )
    through.objects.bulk_create(
        (through(event_id=pk, **{column: restored.pk}) for pk in sorted(existing)),
        ignore_conflicts=True,
    )
    through.objects.filter(
        event_id__in=record.moved["events_joined"], **{column: survivor.pk}
    ).delete()

    if record.moved.get("country_taken") and survivor.country == restored.country:
        survivor.country = ""
    survivor._history_user, survivor._change_reason = user, reason
    survivor.save()
    restored.keep_own_alias()
    refresh_report_dates(existing)
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    return restored
