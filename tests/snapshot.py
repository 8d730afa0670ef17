"""The stored data as plain, ordered values: two databases are equal when their snapshots are.

Primary keys, timestamps and row order are left out, as they differ between runs that
stored the same things; everything a person would see is in.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from enforcement.models import Actor, Article, Event, Feed, Regulator, Statement, Statistic

SHIPPED_ARTICLES = Path(settings.BASE_DIR) / "articles"
# The development articles: in the repository once the extraction work lands there, else the
# team's shared copy beside the checkout (CI lays shared/ beside its clone too).
_DEV_CANDIDATES = (
    Path(settings.BASE_DIR) / "tests" / "fixtures" / "dev" / "articles",
    Path(settings.BASE_DIR).parent / "shared" / "dev" / "articles",
)
DEV_ARTICLES = next((path for path in _DEV_CANDIDATES if path.is_dir()), _DEV_CANDIDATES[0])


def _date(row, field="date"):
    value = getattr(row, field)
    return value.isoformat() if value else None


def _entity(row) -> tuple:
    return (
        type(row).__name__,
        row.name,
        row.kind,
        row.country,
        tuple(sorted(alias.normalized for alias in row.aliases.all())),
    )


def database_snapshot() -> dict:
    article_key = {a.pk: a.location or a.file_name for a in Article.objects.all()}
    name = {("r", r.pk): r.name for r in Regulator.objects.all()}
    name.update({("a", a.pk): a.name for a in Actor.objects.all()})

    def who(regulator_id, actor_id):
        return name.get(("r", regulator_id)) or name.get(("a", actor_id))

    return {
        "articles": sorted(
            (
                article_key[a.pk],
                a.file_name,
                a.title,
                a.source,
                a.url,
                _date(a, "published"),
                a.published_precision,
                a.text,
                a.content_hash,
            )
            for a in Article.objects.all()
        ),
        "entities": sorted(
            _entity(row)
            for model in (Regulator, Actor)
            for row in model.objects.prefetch_related("aliases")
        ),
        "affiliations": sorted(
            (a.name, who(a.affiliated_regulator_id, a.affiliated_actor_id))
            for a in Actor.objects.all()
            if a.affiliated_regulator_id or a.affiliated_actor_id
        ),
        "statements": sorted(
            (
                article_key[s.article_id],
                s.quote,
                s.start,
                s.end,
                who(s.speaker_regulator_id, s.speaker_actor_id) or "",
                _date(s) or "",
            )
            for s in Statement.objects.all()
        ),
        "statistics": sorted(
            (
                article_key[s.article_id],
                s.quote,
                s.start,
                s.end,
                str(s.value.normalize()),
                s.unit,
                s.metric,
                s.qualifier,
                who(s.subject_regulator_id, s.subject_actor_id) or "",
                _date(s) or "",
            )
            for s in Statistic.objects.all()
        ),
        "events": sorted(
            (
                e.kind,
                _date(e) or "",
                e.date_precision,
                e.summary,
                tuple(sorted(r.name for r in e.regulators.all())),
                tuple(sorted(a.name for a in e.actors.all())),
                tuple(
                    sorted(
                        (article_key[s.article_id], s.quote, s.start, s.end)
                        for s in e.sources.all()
                    )
                ),
            )
            for e in Event.objects.prefetch_related("regulators", "actors", "sources")
        ),
    }


def empty_the_database() -> None:
    """Everything the ingest writes, gone (aliases and items go with their owners)."""
    for model in (Event, Article, Actor, Regulator, Feed):
        model.objects.all().delete()
