"""Input that used to break the ingest (issue 9, items 6 and 8-12).

Every bad input gets one line naming it and the problem, a non-zero exit, and
nothing of it is stored; nothing is stored with a control character in it, and
no link is stored or shown unless it is http or https.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from enforcement import ingest
from enforcement.article_files import collect
from enforcement.extraction.result import ArticleResult, Span, StatisticResult
from enforcement.links import web_url
from enforcement.models import Article, Statistic

STORY = (
    "Police in Shenzhen seized 3,000 fake handbags on Monday, the city's market regulator said.\n"
)
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/file.txt",
    "//evil.example/x",
    "http:alert(1)",
    "https://",
]


def run(*args) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except CommandError:
        return out.getvalue(), err.getvalue(), 1
    return out.getvalue(), err.getvalue(), 0


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def manifest(folder: Path, rows: str, encoding: str = "utf-8") -> None:
    (folder / "manifest.csv").write_text(textwrap.dedent(rows).lstrip(), encoding=encoding)


# 6. Only http and https links ----------------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_web_url_refuses_every_other_scheme(url):
    assert web_url(url) is None


@pytest.mark.parametrize(
    "url, stored",
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("  HTTP://Example.org/x  ", "HTTP://Example.org/x"),
        ("http://example.org/a\tb", "http://example.org/ab"),
    ],
)
def test_web_url_keeps_http_and_https(url, stored):
    assert web_url(url) == stored


@pytest.mark.parametrize("url", HOSTILE_URLS[:8])
def test_a_manifest_url_that_is_not_http_skips_its_file(db, tmp_path, url):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY.replace("Shenzhen", "Ningbo"))
    quoted = '"' + url.replace('"', '""') + '"'
    manifest(tmp_path, f"file,url\na.txt,{quoted}\nb.txt,https://example.org/b\n")
    _, stderr, status = run(tmp_path)
    assert status == 1
    assert len(errors(stderr)) == 1 and "a.txt" in errors(stderr)[0]
    assert "http" in errors(stderr)[0]
    assert list(Article.objects.values_list("file_name", "url")) == [
        ("b.txt", "https://example.org/b")
    ]


def test_a_url_option_that_is_not_http_is_refused_before_anything_is_read(db, tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    with pytest.raises(CommandError, match="http"):
        call_command(
            "ingest",
            str(tmp_path),
            "--url",
            "javascript:alert(1)",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert not Article.objects.exists()


def test_the_admin_refuses_a_link_that_is_not_http(admin_client, article):
    url = reverse("admin:enforcement_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["published"] = "2015-02-11"
    inline_prefixes = ("statements", "statistics", "event_sources")
    for prefix in inline_prefixes:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    for bad in ("ftp://example.org/x", "javascript:alert(1)"):
        data["url"] = bad
        response = admin_client.post(url, data)
        assert response.status_code == 200, bad
        assert "http" in str(response.context["adminform"].form.errors["url"])
    article.refresh_from_db()
    assert article.url == ""


@pytest.mark.parametrize("name", ["article-list", "article-detail"])
def test_pages_never_link_to_a_stored_script_url(client, article, name):
    Article.objects.filter(pk=article.pk).update(url="JaVaScRiPt:alert(1)")
    url = (
        reverse("enforcement:article-list")
        if name == "article-list"
        else article.get_absolute_url()
    )
    page = client.get(url).content.decode()
    assert "alert(1)" not in page


# 9. Only regular files, read within the limit ----------------------------------------------


def collect_in_a_subprocess(*paths: str) -> subprocess.CompletedProcess:
    """``collect`` in a child with a memory cap and a timeout: a hang or a runaway read fails."""
    code = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from enforcement.article_files import collect
        articles, problems = collect(sys.argv[1:], max_bytes=2 * 1024 * 1024)
        for problem in problems:
            print(problem)
        print("articles:", len(articles))
        """
    )
    return subprocess.run(
        [sys.executable, "-c", code, *paths],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_device_is_refused_without_reading_it():
    done = collect_in_a_subprocess("/dev/zero")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == [
        "/dev/zero: is not a regular file; give .txt or .html files",
        "articles: 0",
    ]


def test_a_fifo_is_refused_and_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(STORY)
    done = collect_in_a_subprocess(str(fifo), str(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines.count(f"{fifo}: is not a regular file; give .txt or .html files") == 2
    assert lines[-1] == "articles: 1"


def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    outside = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    (tmp_path / "secret.txt").symlink_to(outside)
    (tmp_path / "inside.txt").symlink_to(tmp_path / "good.txt")
    articles, problems = collect([tmp_path], max_bytes=2 * 1024 * 1024)
    assert sorted(str(p) for p in problems) == [
        f"{tmp_path / 'passwd.txt'}: is a link to a file outside {tmp_path}; copy the file in instead",
        f"{tmp_path / 'secret.txt'}: is a link to a file outside {tmp_path}; copy the file in instead",
    ]
    assert sorted(a.file for a in articles) == ["good.txt", "inside.txt"]
    assert {a.location for a in articles} == {str((tmp_path / "good.txt").resolve())}


def test_at_most_the_limit_plus_one_byte_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 10_000)
    read_sizes = []
    real_read = os.read

    def counting_read(fd, size):
        data = real_read(fd, size)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    articles, problems = collect([big], max_bytes=1000)
    assert not articles
    assert sum(read_sizes) <= 1001
    assert "over the" in str(problems[0]) and "limit" in str(problems[0])


# 10. Long texts, other encodings, control characters ----------------------------------------


def test_a_megabyte_on_one_line_is_refused_with_the_limit_named(tmp_path):
    line = ("Police seized 300 fake bags at the port, officials said. " * 18_000)[:1_000_000]
    (tmp_path / "long.txt").write_text(line)
    articles, problems = collect([tmp_path / "long.txt"], max_bytes=2 * 1024 * 1024)
    assert not articles
    assert "1,000,000 characters" in str(problems[0])
    assert f"{settings.INGEST_MAX_CHARS:,}-character limit" in str(problems[0])


def test_a_run_on_text_without_sentence_ends_is_refused(tmp_path):
    (tmp_path / "run-on.txt").write_text(" ".join(f"{n:,} fake bags" for n in range(2000)))
    articles, problems = collect([tmp_path / "run-on.txt"], max_bytes=2 * 1024 * 1024)
    assert not articles
    assert "without a sentence end" in str(problems[0])


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path, encoding):
    data = STORY.encode(encoding)
    if not encoding.endswith(("le", "be")):
        path_data = data  # the codec wrote its own mark
    else:
        mark = {
            "utf-16-le": "\ufeff",
            "utf-16-be": "\ufeff",
            "utf-32-le": "\ufeff",
            "utf-32-be": "\ufeff",
        }
        path_data = mark[encoding].encode(encoding) + data
    (tmp_path / "a.txt").write_bytes(path_data)
    articles, problems = collect([tmp_path / "a.txt"], max_bytes=1 << 20)
    assert problems == []
    assert articles[0].raw_text == STORY


def test_a_utf32_file_is_never_stored_empty(db, tmp_path):
    (tmp_path / "a.txt").write_bytes(STORY.encode("utf-32"))
    run(tmp_path)
    assert Article.objects.get().text.startswith("Police in Shenzhen")


def test_control_characters_never_reach_the_database(db, tmp_path):
    (tmp_path / "a.txt").write_bytes(
        ("Police\x00 in Shen\x07zhen seized\x1b 3,000 fake bags.\n").encode("utf-16")
    )
    manifest(tmp_path, 'file,title,source\na.txt,"Raid\x00 in\x0b Shenzhen","Daily\x1f News"\n')
    _, stderr, status = run(tmp_path, "--published", "2016-03-01")
    assert status == 0, stderr
    article = Article.objects.get()
    for value in (article.text, article.title, article.source):
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in value), repr(value)
    assert article.title == "Raid in Shenzhen"
    assert article.text.startswith("Police in Shenzhen seized 3,000")


def test_store_refuses_text_with_a_nul_however_it_came(db):
    result = ArticleResult(file="nul.txt", text="A\x00B")
    with pytest.raises(ValueError, match="control character"):
        ingest.store(result, content_hash="nul")
    assert not Article.objects.exists()


# 11. A bad manifest skips its folder ----------------------------------------------------------


BAD_MANIFESTS = {
    "no header": lambda folder: manifest(folder, "a.txt,Raid in Shenzhen\n"),
    "no file column": lambda folder: manifest(folder, "name,title\na.txt,Raid\n"),
    "binary": lambda folder: (folder / "manifest.csv").write_bytes(b"file,title\n\x00\x01\x02\xff"),
    "utf-16 without a mark": lambda folder: (folder / "manifest.csv").write_bytes(
        "file,title\na.txt,Raid\n".encode("utf-16-le")
    ),
    "a folder": lambda folder: (folder / "manifest.csv").mkdir(),
    "a link out of the folder": lambda folder: (folder / "manifest.csv").symlink_to("/etc/passwd"),
    "a broken link": lambda folder: (folder / "manifest.csv").symlink_to(folder / "nowhere.csv"),
}


@pytest.mark.parametrize("kind", BAD_MANIFESTS)
def test_an_unreadable_manifest_skips_the_folder_with_one_line(db, tmp_path, kind):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY.replace("Shenzhen", "Ningbo"))
    BAD_MANIFESTS[kind](tmp_path)
    _, stderr, status = run(tmp_path)
    assert status == 1
    lines = errors(stderr)
    assert len(lines) == 1, lines
    assert str(tmp_path / "manifest.csv") in lines[0]
    assert "2 articles in this folder were skipped" in lines[0]
    assert not Article.objects.exists()


def test_a_utf16_manifest_with_a_mark_is_read(db, tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    manifest(tmp_path, "file,title\na.txt,Raid in Shenzhen\n", encoding="utf-16")
    _, stderr, status = run(tmp_path)
    assert status == 0, stderr
    assert Article.objects.get().title == "Raid in Shenzhen"


def test_a_file_named_alone_with_a_bad_manifest_is_skipped(db, tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    manifest(tmp_path, "name,title\na.txt,Raid\n")
    _, stderr, status = run(tmp_path / "a.txt")
    assert status == 1
    assert "1 article in this folder was skipped" in stderr
    assert not Article.objects.exists()


# 12. Figures are stored exactly or not at all ------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["12345678901234567891", "123456789012345.6", "1.23456", "99999999999999999999.5"],
)
def test_a_figure_the_database_cannot_hold_exactly_is_left_out_and_said(db, value):
    text = f"Officials counted {value} fake items."
    words = Span(text[:-1], 0, len(text) - 1)
    result = ArticleResult(
        file="big.txt",
        text=text,
        statistics=[StatisticResult(Decimal(value), "items", "items counted", words)],
    )
    outcome = ingest.store(result, content_hash="big")
    assert list(Statistic.objects.values_list("value", flat=True)) == []
    assert "1 figure left out" in outcome.describe()


@pytest.mark.parametrize(
    "value", ["123456789012345", "0.0001", "380000000", "12000000000000000000", "-2.5"]
)
def test_figures_up_to_fifteen_digits_come_back_exactly(db, value):
    text = f"Officials counted {value} fake items."
    words = Span(text[:-1], 0, len(text) - 1)
    result = ArticleResult(
        file="ok.txt",
        text=text,
        statistics=[StatisticResult(Decimal(value), "items", "items counted", words)],
    )
    ingest.store(result, content_hash="ok")
    assert Statistic.objects.get().value == Decimal(value)


def test_the_admin_refuses_a_figure_it_would_round(admin_client, populated):
    statistic = populated["statistic"]
    url = reverse("admin:enforcement_statistic_change", args=[statistic.pk])
    data = {
        "value": "12345678901234567891",
        "unit": "listings",
        "qualifier": "",
        "metric": "listings removed",
        "subject_actor": statistic.subject_actor_id,
        "subject_regulator": "",
        "date": "",
        "date_precision": "day",
        "article": statistic.article_id,
        "review_state": "unreviewed",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "15 significant digits" in response.content.decode()
    statistic.refresh_from_db()
    assert statistic.value == 380_000_000
