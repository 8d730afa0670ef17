"""Finding and reading the articles a user hands to ``ingest``.

No NLP and no database here: this turns paths into ``ArticleInput`` objects
and every bad input into one ``InputProblem`` that names the file and says
what to do, so the command can report it on one line and carry on with the
other files.

What is read
    Only regular files: a device, a FIFO or a socket is refused after a ``stat``
    and never opened for reading (the open itself does not block), and at most
    the size limit plus one byte is read. In a folder, a link to a file outside
    the folder is refused; a file named on the command line is read wherever it
    points, because the user named it. An article's ``location`` is its resolved
    absolute path, so a link and its target are one article.

Text
    UTF-8, or UTF-16 and UTF-32 with a byte order mark; anything else is refused
    with the encoding named. Control characters other than newlines and tabs are
    removed (``plain_text``) from the text and from every manifest and command-line
    value before anything else sees them. A text over ``max_chars`` characters, or
    with a run of more than ``max_sentence`` characters without a sentence end, is
    refused with the limit named: the language model's memory grows with the text,
    and its time with the square of a sentence.

The manifest
    ``manifest.csv`` in a folder gives each file's title, source, url and
    publication date. A bad row skips its file; a manifest that cannot be read at
    all (no header, no ``file`` column, binary, UTF-16 without a mark, a folder, a
    link out of the folder) skips every article of its folder, reported as one line
    for the folder, because storing them without their dates would make the mended
    manifest look like a change nobody asked for.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .extraction.dates import PartialDate
from .extraction.pipeline import ArticleInput
from .links import web_url, web_url_problem
from .web.pages import read_page

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST_NAME = "manifest.csv"
MANIFEST_FIELDS = ("title", "source", "url", "published")
# The defaults of settings.INGEST_MAX_CHARS and INGEST_MAX_SENTENCE (the command passes those).
MAX_CHARS = 100_000
MAX_SENTENCE = 3_000


@dataclass(frozen=True)
class InputProblem:
    """One bad input: printed as one line, "PATH: what is wrong and what to do"."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Unreadable(Exception):
    """A file refused, with the reason in words for the person running the ingest."""


@dataclass
class Overrides:
    """Values given on the command line for every file; they win over the manifest."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: PartialDate | None = None

    def __post_init__(self):
        for name in ("title", "source", "url"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, plain_line(value))
        if self.url is not None:
            if web_url_problem(self.url):
                raise ValueError(web_url_problem(self.url))
            self.url = web_url(self.url)

    def apply(self, item: ArticleInput) -> ArticleInput:
        for name in MANIFEST_FIELDS:
            value = getattr(self, name)
            if value is not None:
                setattr(item, name, value)
        return item


@dataclass
class Limits:
    max_bytes: int
    max_chars: int = MAX_CHARS
    max_sentence: int = MAX_SENTENCE


@dataclass
class Collected:
    """What ``collect`` found; unpacks as ``articles, problems``."""

    articles: list[ArticleInput] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # location (and file name) -> path

    def __iter__(self):
        return iter((self.articles, self.problems))


def collect(
    paths,
    *,
    max_bytes: int,
    overrides: Overrides | None = None,
    max_chars: int = MAX_CHARS,
    max_sentence: int = MAX_SENTENCE,
) -> Collected:
    """Read every article under ``paths`` (files, or folders of them, not recursive).

    Never raises for a bad input: each one becomes an ``InputProblem`` and the
    other files are still read.
    """
    overrides = overrides or Overrides()
    limits = Limits(max_bytes, max_chars, max_sentence)
    collected = Collected()
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            collected.problems.append(InputProblem(str(path), "no such file or folder"))
        elif path.is_dir():
            _collect_folder(path, collected, limits, overrides)
        else:
            _collect_single_file(path, collected, limits, overrides)
    return collected


def _collect_single_file(
    path: Path, collected: Collected, limits: Limits, overrides: Overrides
) -> None:
    """A file named on its own still takes its row of the folder's manifest.

    Otherwise re-reading one file of a folder would drop its title and date, and
    look like a change to the article.
    """
    manifest = _read_manifest(path.parent, {path.name}, collected, limits, only=path.name)
    if manifest is _BAD_MANIFEST:
        collected.problems[-1] = _skipped(collected.problems[-1], 1)
        return
    row = manifest.get(path.name, {})
    if row is not _BAD_ROW:
        _collect_file(path, row, collected, limits, overrides)


def _collect_folder(
    folder: Path, collected: Collected, limits: Limits, overrides: Overrides
) -> None:
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    except OSError as error:
        collected.problems.append(InputProblem(str(folder), f"cannot be read ({error.strerror})"))
        return
    files = []
    for path in entries:
        if path.is_dir() and not path.is_symlink():
            continue  # a folder named like an article is not one; folders are not recursed
        problem = _outside(folder, path)
        if problem:
            collected.problems.append(InputProblem(str(path), problem))
        else:
            files.append(path)
    manifest = _read_manifest(folder, {p.name for p in files}, collected, limits)
    if not entries:
        if manifest is _BAD_MANIFEST:
            collected.problems.pop()
        collected.problems.append(
            InputProblem(str(folder), "no articles here (expected .txt, .html or .htm files)")
        )
        return
    if manifest is _BAD_MANIFEST:
        collected.problems[-1] = _skipped(collected.problems[-1], len(files))
        return
    for path in files:
        row = manifest.get(path.name, {})
        if row is _BAD_ROW:
            continue  # already reported; read it once its row is mended
        _collect_file(path, row, collected, limits, overrides)


def _outside(folder: Path, path: Path) -> str | None:
    """Why a link in ``folder`` must not be followed: it leads out of the folder."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "is a link to nothing (a broken link); remove it or copy the file in"
    if not target.is_relative_to(folder.resolve()):
        return f"is a link to a file outside {folder}; copy the file in instead"
    return None


def _skipped(problem: InputProblem, count: int) -> InputProblem:
    articles = f"{count} article{'s' if count != 1 else ''} in this folder"
    verb = "were" if count != 1 else "was"
    return InputProblem(
        problem.path,
        f"{problem.message}; {articles} {verb} skipped until it is mended or removed",
    )


# A manifest row that names a file but says something wrong about it: the file is
# skipped, because storing it with a missing date would make the mended row look
# like a change nobody asked for.
_BAD_ROW: dict = {}
# A manifest that cannot be read at all: every article of its folder is skipped.
_BAD_MANIFEST: dict = {}


def _read_manifest(
    folder: Path, names: set[str], collected: Collected, limits: Limits, only: str | None = None
) -> dict[str, dict]:
    """``manifest.csv``'s rows by file name; every bad row is one problem naming the row.

    With ``only``, just that file's row is read (and only its problems reported).
    Returns ``_BAD_MANIFEST``, with one problem added, when the manifest is unreadable.
    """
    path = folder / MANIFEST_NAME
    if not os.path.lexists(path):
        return {}

    def bad(message: str) -> dict:
        collected.problems.append(InputProblem(str(path), message))
        return _BAD_MANIFEST

    problem = _outside(folder, path)
    if problem:
        return bad(problem)
    try:
        text = decode(read_regular_file(path, limits.max_bytes), what="manifest")
    except Unreadable as error:
        return bad(str(error))
    try:
        reader = csv.DictReader(io.StringIO(plain_text(text), newline=""))
        fieldnames = [plain_line(name or "") for name in reader.fieldnames or []]
        if "file" not in fieldnames:
            return bad("needs a header row with a 'file' column")
        reader.fieldnames = fieldnames
        rows = list(enumerate(reader, start=2))
    except csv.Error as error:
        return bad(f"cannot be read as CSV ({error})")
    found: dict[str, dict] = {}
    for number, row in rows:
        name = plain_line(row.get("file") or "")
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
        found[name] = _manifest_values(row, name, where, collected)
    return found


def _manifest_values(row: dict, name: str, where: str, collected: Collected) -> dict:
    values = {key: plain_line(row.get(key) or "") or None for key in MANIFEST_FIELDS}
    if values["url"]:
        if web_url_problem(values["url"]):
            collected.problems.append(
                InputProblem(where, f"url {web_url_problem(values['url'])}; {name} was skipped")
            )
            return _BAD_ROW
        values["url"] = web_url(values["url"])
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
            return _BAD_ROW
    return values


def _collect_file(
    path: Path, manifest_row: dict, collected: Collected, limits: Limits, overrides: Overrides
) -> None:
    try:
        text = read_article_text(path, limits)
    except Unreadable as error:
        collected.problems.append(InputProblem(str(path), str(error)))
        return
    page = read_page(text) if path.suffix.lower() in (".html", ".htm") else None
    if page is not None:
        text = page.text  # a saved page goes through the same reading as a fetched one
    problem = _text_problem(text, limits)
    if problem:
        collected.problems.append(InputProblem(str(path), problem))
        return
    item = ArticleInput(
        file=path.name,
        raw_text=plain_text(text),
        location=str(path.resolve()),
        **(_page_metadata(page) if page else {}),
    )
    for key, value in manifest_row.items():
        if value is not None:
            setattr(item, key, value)
    collected.articles.append(overrides.apply(item))
    collected.paths[item.location] = path
    collected.paths.setdefault(item.file, path)  # queued results come back by file name


def _page_metadata(page) -> dict:
    """What a saved page says of itself, by the same rules as a manifest's values."""
    values = page.metadata()
    for name in ("title", "source", "url"):
        if values.get(name) is not None:
            values[name] = plain_line(values[name]) or None
    values["url"] = web_url(values["url"]) if values.get("url") else None
    return values


def _text_problem(text: str, limits: Limits) -> str | None:
    if not text.strip():
        return "holds no article text"
    if len(text) > limits.max_chars:
        return (
            f"is {len(text):,} characters long, over the {limits.max_chars:,}-character limit "
            "(split it into several articles, or raise INGEST_MAX_CHARS)"
        )
    longest = max((len(run) for run in _SENTENCE_END.split(text)), default=0)
    if longest > limits.max_sentence:
        return (
            f"has {longest:,} characters without a sentence end, more than the "
            f"{limits.max_sentence:,} a sentence may have: is it prose? "
            "(raise INGEST_MAX_SENTENCE to read it anyway)"
        )
    return None


# Where a sentence surely ends: a full stop, question or exclamation mark, or a semicolon,
# followed by space; or a blank line.
_SENTENCE_END = re.compile(r"[.!?;…][\"'”’)\]]*(?=\s)|\n[ \t]*\n")


# Reading bytes ------------------------------------------------------------------------


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file; raises ``Unreadable`` with the reason.

    ``stat`` first, so a device or FIFO is never opened; ``O_NONBLOCK`` so that one
    swapped in after the check cannot block the open; ``fstat`` again on what was
    opened; and never more than ``max_bytes + 1`` bytes read, whatever the size said.
    """
    try:
        before = os.stat(path)
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(before.st_mode):
        raise Unreadable("is not a regular file; give .txt or .html files")
    if before.st_size > max_bytes:
        raise Unreadable(_too_big(before.st_size, max_bytes))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise Unreadable("is not a regular file; give .txt or .html files")
        chunks, wanted = [], max_bytes + 1
        while wanted > 0:
            chunk = os.read(descriptor, min(wanted, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise Unreadable(_too_big(len(data), max_bytes))  # it grew while we looked
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit "
        "(split it, or raise INGEST_MAX_BYTES)"
    )


# UTF-32's little-endian mark starts with UTF-16's, so it is tried first.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode(data: bytes, what: str = "file") -> str:
    """Text from bytes: by byte order mark, else UTF-8; raises ``Unreadable`` otherwise."""
    for mark, codec, name in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark) :].decode(codec)
            except UnicodeDecodeError as error:
                raise Unreadable(
                    f"starts with a {name} byte order mark but is not {name} text "
                    f"(bad bytes at position {error.start + len(mark)}); re-save it as UTF-8"
                ) from None
    if data.count(0) * 10 > len(data):
        # Text has at most a stray NUL (removed later); UTF-16 and UTF-32 without a mark
        # are a half or more NUL bytes, and so are most binary files.
        raise Unreadable(
            f"is a binary {what}, not text (or UTF-16/UTF-32 without a byte order mark); "
            "re-save it as UTF-8"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(
            f"is not UTF-8 text (tried utf-8: bad byte at position {error.start}); "
            "re-save it as UTF-8"
        ) from None


def read_article_text(path: Path, limits: Limits | int) -> str:
    """The file's text with control characters removed; raises ``Unreadable``."""
    if isinstance(limits, int):
        limits = Limits(limits)
    data = read_regular_file(path, limits.max_bytes)
    if not data.strip():
        raise Unreadable("is empty")
    text = plain_text(decode(data))
    if not text.strip():
        raise Unreadable("is empty")
    return text


# Control characters --------------------------------------------------------------------

_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x85")  # each becomes a newline
_KEPT_CONTROLS = frozenset("\n\t")
# Unicode's categories Cc and Cs (fixed by its stability policy) less the kept controls, and
# the byte order mark: one regular expression, not a look-up per character -- every file
# passes through here in the parent of ``ingest --workers``.
_REMOVED = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in [*range(0x20), *range(0x7F, 0xA0)]
        if chr(code) not in _KEPT_CONTROLS
    )
    + "\ud800-\udfff\ufeff]"
)


def plain_text(text: str) -> str:
    """``text`` without control characters: line breaks become newlines, the rest go.

    NUL, escape, bell and their kind mean nothing in an article, PostgreSQL refuses
    NUL outright, and a byte order mark inside the text is noise.
    """
    text = text.replace("\r\n", "\n")
    for line_break in _LINE_BREAKS:  # a few replaces cost less than one translate
        text = text.replace(line_break, "\n")
    return _REMOVED.sub("", text)


def plain_line(value: str) -> str:
    """A one-line value (a title, a name, a URL) without control characters or runs of space."""
    return " ".join(plain_text(value).split())


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
