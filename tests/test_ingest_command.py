"""``manage.py ingest`` end to end: real files, the real spaCy model, a real database.

Assertions hold for any reasonable extraction: they check what was stored
against what ``--json`` reported, not how many items the stages find.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from enforcement import ingest
from enforcement.extraction import pipeline
from enforcement.models import (
    Actor,
    Article,
    Event,
    EventSource,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
)

ARTICLES = Path(settings.BASE_DIR) / "articles"
STORY = (
    "Police in Shenzhen seized 3,000 fake handbags on Monday, the city's market regulator said.\n\n"
    '"We will not tolerate counterfeiters," said Li Wei, a spokesman for the regulator.\n'
)


def run(*args, expect_failure: bool = False) -> tuple[str, str]:
    """Call the command; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    if expect_failure:
        with pytest.raises(CommandError):
            call_command("ingest", *map(str, args), stdout=out, stderr=err)
    else:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> dict[str, int]:
    models = (Article, Regulator, Actor, Statement, Statistic, Event, EventSource)
    return {model.__name__: model.objects.count() for model in models}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def no_nlp(monkeypatch):
    """Fail the test if the command reaches the NLP."""

    def refuse(*args, **kwargs):
        raise AssertionError("the NLP ran")

    monkeypatch.setattr(pipeline, "extract", refuse)
    monkeypatch.setattr(pipeline, "load_nlp", refuse)


# The shipped articles --------------------------------------------------------------------


ARTICLE_KEYS = {
    "file": str,
    "title": (str, type(None)),
    "source": (str, type(None)),
    "published": (str, type(None)),
    "regulators": list,
    "actors": list,
    "statements": list,
    "statistics": list,
    "events": list,
}
ITEM_KEYS = {
    "regulators": {"name": str, "aliases": list, "country": (str, type(None))},
    "actors": {"name": str, "aliases": list, "kind": str, "affiliation": (str, type(None))},
    "statements": {"speaker": (str, type(None)), "text": str},
    "statistics": {
        "value": (int, float),
        "unit": str,
        "metric": str,
        "date": (str, type(None)),
        "text": str,
    },
    "events": {
        "date": (str, type(None)),
        "kind": str,
        "regulator": (str, type(None)),
        "actors": list,
        "text": str,
    },
}


def test_json_output_is_one_document_in_the_extraction_format(db):
    stdout, _ = run(ARTICLES, "--json", "--dry-run")
    document = json.loads(stdout)  # the whole of stdout: nothing else is printed there
    assert [a["file"] for a in document["articles"]] == sorted(
        p.name for p in ARTICLES.glob("*.txt")
    )
    for article in document["articles"]:
        for key, kind in ARTICLE_KEYS.items():
            assert isinstance(article[key], kind), (article["file"], key)
        for list_name, keys in ITEM_KEYS.items():
            for item in article[list_name]:
                for key, kind in keys.items():
                    assert isinstance(item[key], kind), (article["file"], list_name, key, item)
        for item in article["actors"]:
            assert item["kind"] in (
                "person",
                "company",
                "platform",
                "brand",
                "association",
                "other",
            )
        for item in article["events"]:
            assert all(isinstance(name, str) for name in item["actors"])


def test_dry_run_writes_nothing(db):
    _, stderr = run(ARTICLES, "--dry-run")
    assert all(count == 0 for count in counts().values())
    assert "nothing was written" in stderr


def test_the_shipped_articles_are_stored_as_json_reports_them(db):
    stdout, stderr = run(ARTICLES, "--json")
    document = json.loads(stdout)
    assert Article.objects.count() == len(document["articles"]) == 5
    # Each distinct passage the run reported is one row (a passage found twice is stored once).
    for article in document["articles"]:
        stored = Article.objects.get(file_name=article["file"])
        assert stored.statistics.count() == len(
            {(item["text"], item["value"]) for item in article["statistics"]}
        )
        for list_name, manager in (
            ("statements", stored.statements),
            ("statistics", stored.statistics),
            ("events", stored.event_sources),
        ):
            if list_name != "statistics":
                assert manager.count() == len({item["text"] for item in article[list_name]})
            for row in manager.all():
                assert stored.text[row.start : row.end] == row.quote
    assert Event.objects.count() <= EventSource.objects.count()
    assert "5 new" in stderr and "0 failed" in stderr
    # The SAIC white paper of January 2015 is told by two of the shipped articles: one event.
    white_paper = Event.objects.get(
        kind="report", date=datetime.date(2015, 1, 1), date_precision="month"
    )
    assert white_paper.sources.count() == 2
    assert white_paper.regulators.filter(aliases__name="SAIC").exists()


def test_a_second_run_changes_nothing_and_needs_no_nlp(db, request):
    run(ARTICLES)
    before = counts()
    stamps = list(Article.objects.values_list("pk", "updated_at"))
    request.getfixturevalue("no_nlp")
    _, stderr = run(ARTICLES)
    assert counts() == before
    assert list(Article.objects.values_list("pk", "updated_at")) == stamps
    assert "0 new, 0 updated, 5 unchanged, 0 failed" in stderr


# Small files -----------------------------------------------------------------------------


def test_a_changed_file_is_read_again(db, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    run(path)
    path.write_text(STORY + "\nThe handbags will be destroyed, the regulator said.\n")
    _, stderr = run(path)
    assert "story.txt: updated" in stderr
    article = Article.objects.get()
    assert article.text.endswith("The handbags will be destroyed, the regulator said.")


def test_manifest_values_and_command_line_values(db, tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY.replace("Shenzhen", "Guangzhou"), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,title,source,url,published\n"
        "a.txt,Fake bags seized,Shenzhen Daily,https://example.com/a,2016-03\n"
        "b.txt,Guangzhou raid,Canton News,,2016\n",
        encoding="utf-8",
    )
    run(tmp_path)
    a = Article.objects.get(file_name="a.txt")
    assert (a.title, a.source, a.url) == (
        "Fake bags seized",
        "Shenzhen Daily",
        "https://example.com/a",
    )
    assert (str(a.published), a.published_precision) == ("2016-03-01", "month")

    Article.objects.all().delete()
    run(tmp_path, "--published", "2017-05-04", "--source", "Wire")
    for article in Article.objects.all():
        assert (article.source, str(article.published), article.published_precision) == (
            "Wire",
            "2017-05-04",
            "day",
        )
    assert Article.objects.get(file_name="b.txt").title == "Guangzhou raid"


def test_every_bad_input_is_one_line_and_the_good_files_still_go_in(db, tmp_path, settings):
    settings.INGEST_MAX_BYTES = 4096
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Caf\xe9 fakes seized.".encode("latin-1"))
    (folder / "big.txt").write_text(STORY * 40, encoding="utf-8")
    (folder / "dated.txt").write_text(STORY.replace("Police", "Customs"), encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,published\ndated.txt,May 2015\n,2015\nghost.txt,2015\n", encoding="utf-8"
    )
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()

    _, stderr = run(folder, tmp_path / "missing.txt", empty_folder, expect_failure=True)

    lines = error_lines(stderr)
    expected = {
        str(folder / "empty.txt"): "is empty",
        str(folder / "binary.txt"): "binary",
        str(folder / "latin1.txt"): "not UTF-8 text (tried utf-8",
        str(folder / "big.txt"): "over the 0.0 MB limit",
        f"{folder / 'manifest.csv'}, row 2": "'May 2015' for dated.txt (expected YYYY-MM-DD",
        f"{folder / 'manifest.csv'}, row 3": "names no file",
        f"{folder / 'manifest.csv'}, row 4": "names 'ghost.txt'",
        str(tmp_path / "missing.txt"): "no such file or folder",
        str(empty_folder): "no articles here",
    }
    assert len(lines) == len(expected), lines
    for where, words in expected.items():
        assert any(line.startswith(f"error: {where}: ") and words in line for line in lines), (
            where,
            lines,
        )
    assert list(Article.objects.values_list("file_name", flat=True)) == ["good.txt"]
    assert f"{len(expected)} failed" in stderr


def test_the_size_limit_is_stated_in_megabytes(db, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Fakes were seized. " * 170_000, encoding="utf-8")  # about 3.1 MB
    _, stderr = run(path, expect_failure=True)
    assert error_lines(stderr) == [
        f"error: {path}: is 3.1 MB, over the 2.0 MB limit (split it, or raise INGEST_MAX_BYTES)"
    ]


def test_an_article_that_cannot_be_stored_fails_alone(db, tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY.replace("Shenzhen", name[0].upper()), encoding="utf-8")
    real_store = ingest._store

    def store(result, *args):
        if result.file == "b.txt":
            raise ValueError("value too long")
        return real_store(result, *args)

    monkeypatch.setattr(ingest, "_store", store)
    _, stderr = run(tmp_path, expect_failure=True)
    assert error_lines(stderr) == [
        f"error: {tmp_path / 'b.txt'}: not stored (ValueError: value too long)"
    ]
    assert sorted(Article.objects.values_list("file_name", flat=True)) == ["a.txt", "c.txt"]


def test_an_article_that_breaks_a_stage_fails_alone(db, tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY.replace("Shenzhen", name[0].upper()), encoding="utf-8")
    real_read = pipeline._read

    def read(doc, result):
        if result.file == "b.txt":
            raise IndexError("stage slipped")
        return real_read(doc, result)

    monkeypatch.setattr(pipeline, "_read", read)
    _, stderr = run(tmp_path, expect_failure=True)
    assert error_lines(stderr) == [
        f"error: {tmp_path / 'b.txt'}: could not be read (IndexError: stage slipped)"
    ]
    assert sorted(Article.objects.values_list("file_name", flat=True)) == ["a.txt", "c.txt"]


# People's work across a re-ingest --------------------------------------------------------


@pytest.fixture
def shipped_copy(tmp_path):
    """A shipped article with many items, copied so that it can be changed."""
    path = tmp_path / "004.txt"
    shutil.copy(ARTICLES / "004_0a282becbea90e2b.txt", path)
    return path


def test_peoples_work_survives_a_reingest_and_rejections_stay(db, shipped_copy):
    run(shipped_copy)
    article = Article.objects.get()
    statements = list(Statement.objects.order_by("pk"))
    if len(statements) < 3:
        pytest.skip("the statement stage found too little in this article to review")
    verified, edited, rejected = statements[:3]
    verified.review_state = ReviewState.VERIFIED
    verified.save()
    edited.text, edited.edited_by_hand = "corrected words", True
    edited.save()
    rejected.review_state = ReviewState.REJECTED
    rejected.save()
    manual = Statement.objects.create(
        article=article, text="typed by a person", quote="typed by a person", origin=Origin.MANUAL
    )
    keep = {row.pk: row.updated_at for row in (verified, edited, rejected, manual)}

    shipped_copy.write_text(shipped_copy.read_text() + "\nA late paragraph was added.\n")
    _, stderr = run(shipped_copy)

    assert "004.txt: updated" in stderr
    for pk, updated_at in keep.items():
        assert Statement.objects.get(pk=pk).updated_at == updated_at
    for row in (verified, edited, rejected):
        assert Statement.objects.filter(article=article, quote=row.quote).count() == 1
    assert Statement.objects.get(pk=edited.pk).text == "corrected words"


# The real exit status and stdout ---------------------------------------------------------


def test_json_dry_run_on_a_fresh_database_and_exit_status(tmp_path):
    """In a subprocess: stdout holds the JSON only, and a bad file makes the status 1."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, capture_output=True)
    (tmp_path / "bad.txt").write_bytes(b"")

    done = subprocess.run(
        [*manage, "ingest", str(ARTICLES), str(tmp_path / "bad.txt"), "--json", "--dry-run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert len(json.loads(done.stdout)["articles"]) == 5
    assert f"error: {tmp_path / 'bad.txt'}: is empty" in done.stderr


@pytest.mark.parametrize(
    "option, value, words",
    [
        ("--published", "11/02/2015", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("--workers", "0", "at least 1"),
    ],
)
def test_bad_options_are_refused_before_anything_is_read(db, option, value, words):
    with pytest.raises(CommandError, match=words):
        call_command("ingest", str(ARTICLES), option, value, stdout=StringIO(), stderr=StringIO())
    assert Article.objects.count() == 0


def test_an_html_page_is_stored_without_its_furniture(db, tmp_path):
    page = (
        "<html><head><title>Site | Raid</title><script>track()</script></head><body>"
        "<nav>Home | World | Business</nav><h1>Police seize fake bags</h1>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in STORY.split("\n\n"))
        + "<footer>© 2016 Example News. All rights reserved.</footer></body></html>"
    )
    (tmp_path / "raid.html").write_text(page, encoding="utf-8")
    run(tmp_path)
    article = Article.objects.get()
    assert article.title == "Police seize fake bags"
    assert "Police in Shenzhen seized" in article.text
    for furniture in ("track()", "Home | World", "All rights reserved"):
        assert furniture not in article.text
