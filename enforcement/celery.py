"""The Celery application: ``celery -A enforcement worker`` runs the ingest's tasks.

Its settings are Django's ``CELERY_*`` settings (``settings.py``): the broker is
``CELERY_BROKER_URL`` (Redis or RabbitMQ). Nothing imports this module unless a
run is queued, so without a broker nothing of Celery is loaded.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

app = Celery("enforcement")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
