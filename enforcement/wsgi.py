"""The WSGI application gunicorn serves (``gunicorn enforcement.wsgi``).

Once it is loaded, what the process keeps for its whole life (Django, the URLconf, the
views, Plotly) is taken out of the garbage collector's sight and its young generation is
made larger (``tune_garbage_collection``): at a million events a full collection that
walked every loaded module's objects, and the request objects it had promoted, took
60-250 ms, and was the one slow request in fifteen on list pages (benchmarks/README.md).
Reference counting frees almost everything a request makes; the collector is only for
cycles, and the larger threshold lets it find them while they are still young."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

# Objects allocated (net) before a young collection; Python's default is 700, which a
# single page passes dozens of times, promoting its live objects to the old generations.
YOUNG_GENERATION = 50_000
OLDER_GENERATIONS = (20, 20)


def tune_garbage_collection() -> None:
    """Load the views now (Django imports the URLconf on the first request otherwise),
    then freeze everything alive: later collections walk only what requests create."""
    from importlib import import_module

    from django.conf import settings

    import_module(settings.ROOT_URLCONF)  # and with it every view and what views import
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION, *OLDER_GENERATIONS)


application = get_wsgi_application()
tune_garbage_collection()
