"""Time and peak memory of ``manage.py ingest`` on one very long article.

Each case is written to a temporary folder and ingested by the real command, in
its own process, into a fresh SQLite database; the figures are the wall-clock
time and the child's own peak RSS (``os.wait4``), model loading
included. The cases:

- a 1 MB article on one line (the issue's case): refused at the character limit;
- the longest text accepted, ``INGEST_MAX_CHARS`` characters on one line of short
  sentences;
- the same length of figures in the longest runs a sentence may have
  (``INGEST_MAX_SENTENCE`` characters between full stops), the slowest shape found;
- a run-on text of figures without a sentence end: refused.

    .venv/bin/python benchmarks/long_articles.py
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from enforcement.article_files import MAX_CHARS, MAX_SENTENCE

WORDS = [
    "customs",
    "police",
    "seized",
    "fake",
    "handbags",
    "watches",
    "officials",
    "said",
    "market",
    "regulator",
    "port",
]


def sentences(size: int) -> str:
    rng, parts, total, n = random.Random(1), [], 0, 0
    while total < size:
        n += 1
        part = (
            f"On day {n} the police in Shenzhen seized {rng.randint(1, 9999)} fake "
            f"{rng.choice(WORDS)} at the port, officials said. "
        )
        parts.append(part)
        total += len(part)
    return "".join(parts)[:size]


def figures_in_long_sentences(size: int, run: int) -> str:
    rng, out, total = random.Random(2), [], 0
    while total < size:
        words, length = [], 0
        while length < run - 40:
            word = f"{rng.randint(1, 10**6):,} fake bags"
            words.append(word)
            length += len(word) + 1
        sentence = " ".join(words) + ". "
        out.append(sentence)
        total += len(sentence)
    return "".join(out)[:size]


def run_on(size: int) -> str:
    rng = random.Random(3)
    return " ".join(f"{rng.randint(1, 10**6):,} fake bags" for _ in range(size // 12))[:size]


CASES = {
    "1 MB on one line": lambda: sentences(1_000_000),
    f"{MAX_CHARS:,} characters on one line": lambda: sentences(MAX_CHARS),
    f"{MAX_CHARS:,} characters of figures, {MAX_SENTENCE:,}-character sentences": lambda: (
        figures_in_long_sentences(MAX_CHARS, MAX_SENTENCE)
    ),
    "20,000 characters of figures, no sentence end": lambda: run_on(20_000),
}


def measure(name: str, text: str, folder: Path) -> None:
    path = folder / "long.txt"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / f'{hash(name)}.sqlite3'}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the others'
    seconds = time.monotonic() - started
    lines = [line for line in stderr.splitlines() if "long.txt" in line]
    what = lines[-1].split("long.txt: ", 1)[-1] if lines else stderr.strip()[-200:]
    print(
        f"{name}: {seconds:.1f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MB, "
        f"exit {os.waitstatus_to_exitcode(status)}: {what}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            measure(name, make(), Path(tmp))


if __name__ == "__main__":
    main()
