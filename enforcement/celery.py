"""The Celery application: ``celery -A enforcement worker`` runs the ingest's tasks.

Its settings are Django's ``CELERY_*`` settings (``settings.py``): the broker is
``CELERY_BROKER_URL`` (Redis or RabbitMQ). Each worker process loads the spaCy
model once, when it starts, so that no task pays for it. Nothing imports this
module unless a run is queued, so without a broker nothing of Celery is loaded.
"""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

app = Celery("enforcement")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def load_the_model(**_kwargs):
    from django.conf import settings

    from .extraction.pipeline import load_nlp

    try:
        load_nlp(settings.SPACY_MODEL)
    except (OSError, ImportError):
        pass  # each task then reports the missing model as its failure, in its result
