"""``manage.py synthesize --events N [--seed S] [--force]``: a synthetic data set at scale.

A thin shell over ``enforcement.synthesis`` (which states the rules): it parses the
arguments, reports progress per chunk on standard error and closes with one summary line.
It refuses, with one line and exit status 1, a database holding rows it did not make,
unless ``--force``.
"""

from __future__ import annotations

import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from enforcement import synthesis
from enforcement.progress import Progress


def _positive(value: str) -> int:
    cleaned = value.replace("_", "").replace(",", "")
    if not cleaned.isdigit() or int(cleaned) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(cleaned)


def _seed(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a synthetic, deterministic data set of N events "
        "(and about N/3 articles, 1.5 N sources, N statements, N figures) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--events", type=_positive, required=True, metavar="N", help="how many events"
        )
        parser.add_argument(
            "--seed", type=_seed, default=1, help="the same seed gives the same rows (default 1)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="delete rows synthesize did not make (articles, entities, history) first",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        progress = None

        def on_start(shape: synthesis.Shape) -> None:
            nonlocal progress
            self.stderr.write(
                f"Synthesizing {shape.events:,} events in {shape.articles:,} articles "
                f"({shape.regulators:,} regulators, {shape.actors:,} actors, "
                f"seed {options['seed']}), {shape.chunks:,} chunks of "
                f"{synthesis.CHUNK_ARTICLES:,} articles…"
            )
            progress = Progress(self.stderr, shape.chunks, unit="chunk")

        def on_chunk(done: int, total: int, counts: synthesis.Counts) -> None:
            rate = counts.events / max(time.monotonic() - started, 1e-9)
            progress.advance(f"chunk {done}", f"{counts.events:,} events ({rate:,.0f}/s)")

        try:
            counts = synthesis.synthesize(
                options["events"],
                options["seed"],
                force=options["force"],
                on_start=on_start,
                on_chunk=on_chunk,
            )
        except synthesis.SynthesisRefused as refused:
            raise CommandError(str(refused)) from None
        finally:
            if progress is not None:
                progress.close()
        self.stderr.write(
            f"Synthesized {counts.describe()} (seed {options['seed']}) "
            f"in {time.monotonic() - started:.1f}s."
        )
