"""Progress of a long run: a bar on a terminal, plain counted lines otherwise.

On a terminal, tqdm draws one bar (done, total, rate, time left) and every
message is written above it; short runs also name each article as it is done.
Anywhere else (a log file, cron's mail, a test) there is no bar: each article
gets a "[3/40] file: what happened" line on runs of up to ``EVERY_ARTICLE``
articles, and every ``EVERY``th article (and the last) on longer ones.
"""

from __future__ import annotations

from tqdm import tqdm

EVERY_ARTICLE = 50
EVERY = 100


class Progress:
    def __init__(self, stream, total: int, *, unit: str = "article"):
        """``stream`` is the command's ``self.stderr`` (or any file-like object)."""
        self.stream = stream
        self.total = total
        self.done = 0
        self.bar = None
        if total and _is_terminal(stream):
            self.bar = tqdm(
                total=total, unit=unit, file=getattr(stream, "_out", stream), dynamic_ncols=True
            )

    def advance(self, name: str, what: str) -> None:
        """One more article done; ``what`` says what became of it."""
        self.done += 1
        if self.bar is not None:
            if self.total <= EVERY_ARTICLE:
                self.say(f"{name}: {what}")
            self.bar.update(1)
        elif self.total <= EVERY_ARTICLE or self.done % EVERY == 0 or self.done == self.total:
            self.say(f"[{self.done}/{self.total}] {name}: {what}")

    def say(self, message: str) -> None:
        """A line that does not break the bar."""
        if self.bar is not None:
            self.bar.write(message, file=self.bar.fp)
        else:
            self.stream.write(message if message.endswith("\n") else message + "\n")
            if hasattr(self.stream, "flush"):
                self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _is_terminal(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
