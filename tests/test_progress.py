"""Progress on long runs: a bar on a terminal, counted lines anywhere else."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from enforcement.progress import Progress
from tests.snapshot import SHIPPED_ARTICLES


class Terminal(StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_a_bar_with_the_messages_above_it():
    screen = Terminal()
    progress = Progress(screen, 120)
    for number in range(120):
        progress.advance(f"article_{number}.txt", "new")
    progress.say("error: broken.txt: is empty")
    progress.close()
    text = screen.getvalue()
    assert "120/120" in text and "100%" in text  # tqdm's bar, drawn in place
    assert "error: broken.txt: is empty\n" in text
    assert "[100/120]" not in text  # no counted lines under a bar


def test_elsewhere_long_runs_count_every_hundredth_article():
    log = StringIO()
    progress = Progress(log, 250)
    for number in range(250):
        progress.advance(f"article_{number}.txt", "new")
    lines = log.getvalue().splitlines()
    assert lines == [
        "[100/250] article_99.txt: new",
        "[200/250] article_199.txt: new",
        "[250/250] article_249.txt: new",
    ]


def test_short_runs_name_every_article_on_a_terminal_too(db):
    screen = Terminal()
    call_command("ingest", str(SHIPPED_ARTICLES), stdout=StringIO(), stderr=screen)
    text = screen.getvalue()
    assert "5/5" in text
    for path in sorted(SHIPPED_ARTICLES.glob("*.txt")):
        assert f"{path.name}: new" in text
