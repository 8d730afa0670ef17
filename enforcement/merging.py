"""Merging two regulators or two actors that turned out to be one.

Every reference to the merged entity moves to the survivor, and the merged
entity's names become the survivor's aliases, so a later ingest that meets
the old name resolves it to the survivor.
"""

from __future__ import annotations

from django.db import transaction

from .models import Alias, Regulator, normalize_name


@transaction.atomic
def merge_entities(survivor, merged) -> None:
    """Fold ``merged`` into ``survivor`` (both Regulators or both Actors) and delete it."""
    if type(survivor) is not type(merged):
        raise ValueError("Only two regulators or two actors can be merged.")
    if survivor.pk == merged.pk:
        raise ValueError("Choose two different entries to merge.")

    if isinstance(survivor, Regulator):
        field = "regulator"
        merged.statements.update(speaker_regulator=survivor)
        merged.statistics.update(subject_regulator=survivor)
        merged.affiliates.update(affiliated_regulator=survivor)
    else:
        field = "actor"
        merged.statements.update(speaker_actor=survivor)
        merged.statistics.update(subject_actor=survivor)
        merged.affiliates.exclude(pk=survivor.pk).update(affiliated_actor=survivor)

    # Events: the survivor takes part wherever the merged entity did.
    survivor.events.add(*merged.events.all())

    # Names: the merged entity's name and aliases now name the survivor.
    Alias.objects.filter(**{field: merged}).update(**{field: survivor})
    normalized = normalize_name(merged.name)
    if not Alias.objects.filter(normalized=normalized).exists():
        Alias.objects.create(name=merged.name, **{field: survivor})

    if not survivor.country and merged.country:
        survivor.country = merged.country
    survivor.edited_by_hand = True
    survivor.save()
    merged.delete()
