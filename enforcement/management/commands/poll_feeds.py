"""``manage.py poll_feeds``: read every active feed once; run it from cron or Celery beat.

It only sequences: the active feeds go to ``ingest --feed`` in one run, which
reads each feed's new items (``intake``). A feed that cannot be read records
why in ``Feed.last_error`` and the others go on; the exit status is 1 when any
feed or item failed, so that cron says so.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from enforcement.models import Feed


class Command(BaseCommand):
    help = "Fetch every active feed once and ingest its items not read before."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="hand each new item to the Celery workers (CELERY_BROKER_URL)",
        )
        parser.add_argument(
            "--wait",
            type=float,
            default=None,
            metavar="SECONDS",
            help="with --queue: stop waiting after this long (0: do not wait)",
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="processes that read the articles"
        )

    def handle(self, *args, **options):
        feeds = list(Feed.objects.filter(active=True).values_list("url", flat=True))
        if not feeds:
            self.stderr.write(
                "No active feeds. Add one in the admin (Feeds), or read one with "
                "`manage.py ingest --feed URL`, which adds it."
            )
            return
        self.stderr.write(f"Polling {len(feeds)} feed{'s' if len(feeds) != 1 else ''}…")
        call_command(
            "ingest",
            feed=feeds,
            queue=options["queue"],
            wait=options["wait"],
            workers=options["workers"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
