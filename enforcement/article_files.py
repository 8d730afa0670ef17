"""Finding and reading the articles a user hands to ``ingest``.

No NLP and no database here: this turns paths into ``ArticleInput`` objects
and every bad input into one ``InputProblem`` that names the file and says
what to do, so the command can report it on one line and carry on with the
other files.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .extraction.dates import PartialDate
from .extraction.pipeline import ArticleInput
from .web.pages import read_page

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST_NAME = "manifest.csv"
MANIFEST_FIELDS = ("title", "source", "url", "published")


@dataclass(frozen=True)
class InputProblem:
    """One bad input: printed as one line, "PATH: what is wrong and what to do"."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Overrides:
    """Values given on the command line for every file; they win over the manifest."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: PartialDate | None = None

    def apply(self, item: ArticleInput) -> ArticleInput:
        for name in MANIFEST_FIELDS:
            value = getattr(self, name)
            if value is not None:
                setattr(item, name, value)
        return item


@dataclass
class Collected:
    """What ``collect`` found; unpacks as ``articles, problems``."""

    articles: list[ArticleInput] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # article file name -> path read

    def __iter__(self):
        return iter((self.articles, self.problems))


def collect(paths, *, max_bytes: int, overrides: Overrides | None = None) -> Collected:
    """Read every article under ``paths`` (files, or folders of them, not recursive).

    Never raises for a bad input: each one becomes an ``InputProblem`` and the
    other files are still read.
    """
    overrides = overrides or Overrides()
    collected = Collected()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            collected.problems.append(InputProblem(str(path), "no such file or folder"))
        elif path.is_dir():
            _collect_folder(path, collected, max_bytes, overrides)
        else:
            _collect_single_file(path, collected, max_bytes, overrides)
    return collected


def _collect_single_file(
    path: Path, collected: Collected, max_bytes: int, overrides: Overrides
) -> None:
    """A file named on its own still takes its row of the folder's manifest.

    Otherwise re-reading one file of a folder would drop its title and date, and
    look like a change to the article.
    """
    row = _read_manifest(path.parent, {path.name}, collected, only=path.name).get(path.name, {})
    if row is not _BAD_ROW:
        _collect_file(path, row, collected, max_bytes, overrides)


def _collect_folder(
    folder: Path, collected: Collected, max_bytes: int, overrides: Overrides
) -> None:
    try:
        files = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        )
    except OSError as error:
        collected.problems.append(InputProblem(str(folder), f"cannot be read ({error.strerror})"))
        return
    manifest = _read_manifest(folder, {p.name for p in files}, collected)
    if not files:
        collected.problems.append(
            InputProblem(str(folder), "no articles here (expected .txt, .html or .htm files)")
        )
        return
    for path in files:
        row = manifest.get(path.name, {})
        if row is _BAD_ROW:
            continue  # already reported; read it once its row is mended
        _collect_file(path, row, collected, max_bytes, overrides)


# A manifest row that names a file but says something wrong about it: the file is
# skipped, because storing it with a missing date would make the mended row look
# like a change nobody asked for.
_BAD_ROW: dict = {}


def _read_manifest(
    folder: Path, names: set[str], collected: Collected, only: str | None = None
) -> dict[str, dict]:
    """``manifest.csv``'s rows by file name; every bad row is one problem naming the row.

    With ``only``, just that file's row is read (and only its problems reported).
    """
    path = folder / MANIFEST_NAME
    if not path.exists():
        return {}
    rows: dict[str, dict] = {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                collected.problems.append(
                    InputProblem(str(path), "needs a header row with a 'file' column")
                )
                return {}
            for number, row in enumerate(reader, start=2):
                name = (row.get("file") or "").strip()
                where = f"{path}, row {number}"
                if only is not None and name != only:
                    continue
                if not name:
                    collected.problems.append(InputProblem(where, "names no file"))
                    continue
                if name not in names:
                    collected.problems.append(
                        InputProblem(where, f"names {name!r}, which is not an article in {folder}")
                    )
                    continue
                values = {key: (row.get(key) or "").strip() or None for key in MANIFEST_FIELDS}
                if values["published"]:
                    try:
                        values["published"] = PartialDate.parse(values["published"])
                    except ValueError:
                        collected.problems.append(
                            InputProblem(
                                where,
                                f"bad published date {values['published']!r} for {name} "
                                f"(expected YYYY-MM-DD, YYYY-MM or YYYY); {name} was skipped",
                            )
                        )
                        values = _BAD_ROW
                rows[name] = values
    except (UnicodeDecodeError, csv.Error) as error:
        collected.problems.append(InputProblem(str(path), f"cannot be read as CSV ({error})"))
    except OSError as error:
        collected.problems.append(InputProblem(str(path), f"cannot be read ({error.strerror})"))
    return rows


def _collect_file(
    path: Path, manifest_row: dict, collected: Collected, max_bytes: int, overrides: Overrides
) -> None:
    text = read_article_text(path, max_bytes=max_bytes, problems=collected.problems)
    if text is None:
        return
    page = read_page(text) if path.suffix.lower() in (".html", ".htm") else None
    if page is not None:
        text = page.text  # a saved page goes through the same reading as a fetched one
    if not text.strip():
        collected.problems.append(InputProblem(str(path), "holds no article text"))
        return
    item = ArticleInput(file=path.name, raw_text=text, **(page.metadata() if page else {}))
    for key, value in manifest_row.items():
        if value is not None:
            setattr(item, key, value)
    collected.articles.append(overrides.apply(item))
    collected.paths[path.name] = path


def read_article_text(path: Path, *, max_bytes: int, problems: list[InputProblem]) -> str | None:
    """The file's text, or None with the reason added to ``problems``."""
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= max_bytes else b""
    except OSError as error:
        problems.append(InputProblem(str(path), f"cannot be read ({error.strerror})"))
        return None
    if size > max_bytes:
        problems.append(
            InputProblem(
                str(path),
                f"is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit "
                "(split it, or raise INGEST_MAX_BYTES)",
            )
        )
        return None
    if not data.strip():
        problems.append(InputProblem(str(path), "is empty"))
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        problems.append(InputProblem(str(path), "is a binary file, not article text"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(
            InputProblem(
                str(path),
                f"is not UTF-8 text (tried utf-8: bad byte at position {error.start}); "
                "re-save it as UTF-8",
            )
        )
        return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
