from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def _ensure_search_indexes(sender, using="default", **kwargs):
    # A later migration that rebuilds a table on SQLite drops its search triggers.
    from .search import ensure_indexes

    ensure_indexes(using)


def _ensure_generation_triggers(sender, using="default", **kwargs):
    # The same for the triggers that keep the data generation (enforcement.generation).
    from .generation import ensure_triggers

    ensure_triggers(using)


def _search_functions(sender, connection, **kwargs):
    # SQLite's search tests a row's words with a function of ours (search.word_in).
    from .search import register_functions

    register_functions(connection)


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = "Fakes Watch"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_ensure_search_indexes, sender=self)
        post_migrate.connect(_ensure_generation_triggers, sender=self)
        connection_created.connect(_search_functions)
        from . import generation  # noqa: F401  (connects its request signals)
