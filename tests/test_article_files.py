"""Reading input files: every bad input is one clear problem naming the file."""

from pathlib import Path

import pytest

from enforcement.article_files import Overrides, collect
from enforcement.extraction.dates import PartialDate

LIMIT = 2 * 1024 * 1024


def write(folder: Path, name: str, content) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def problems_for(paths, **kwargs):
    collected = collect([str(p) for p in paths], max_bytes=kwargs.pop("max_bytes", LIMIT), **kwargs)
    return collected, [str(problem) for problem in collected.problems]


def test_reads_a_folder_of_txt_and_html(tmp_path):
    write(tmp_path, "b.txt", "Police seized fakes.")
    write(
        tmp_path,
        "a.html",
        "<html><title>Site | Raid</title><nav>Home | News</nav><h1>Raid</h1><p>Police raided 3 shops.</p><script>x()</script></html>",
    )
    write(tmp_path, "notes.md", "not an article")
    collected, problems = problems_for([tmp_path])
    assert problems == []
    assert [item.file for item in collected.articles] == ["a.html", "b.txt"]
    html_item = collected.articles[0]
    assert html_item.title == "Raid"
    assert html_item.raw_text == "Police raided 3 shops."


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.txt", "", "is empty"),
        ("blank.txt", "  \n\n ", "is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is a binary file"),
        (
            "latin1.txt",
            "Caf\xe9 cr\xe8me fakes".encode("latin-1"),
            "is not UTF-8 text (tried utf-8",
        ),
    ],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path, name, content, expected):
    path = write(tmp_path, name, content)
    write(tmp_path, "good.txt", "Customs seized 300 fake bags.")
    collected, problems = problems_for([tmp_path])
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: ") and expected in problems[0]
    assert "\n" not in problems[0]
    assert [item.file for item in collected.articles] == ["good.txt"]


def test_file_over_the_size_limit_says_the_limit(tmp_path):
    path = write(tmp_path, "big.txt", "x" * 3000)
    _, problems = problems_for([path], max_bytes=1024 * 1024 // 1000)
    assert problems == [
        f"{path}: is 0.0 MB, over the 0.0 MB limit (split it, or raise INGEST_MAX_BYTES)"
    ]
    _, problems = problems_for([write(tmp_path, "huge.txt", "y" * (3 * 1024 * 1024))])
    assert "is 3.0 MB, over the 2.0 MB limit" in problems[0]


def test_missing_path_and_folder_without_articles(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    _, problems = problems_for([tmp_path / "nope.txt", empty])
    assert problems == [
        f"{tmp_path / 'nope.txt'}: no such file or folder",
        f"{empty}: no articles here (expected .txt, .html or .htm files)",
    ]


def test_manifest_sets_metadata_and_reports_bad_rows(tmp_path):
    write(tmp_path, "a.txt", "Police seized fakes.")
    write(tmp_path, "b.txt", "Customs seized fakes.")
    write(
        tmp_path,
        "manifest.csv",
        "file,title,source,url,published\n"
        "a.txt,Raid,Daily News,https://example.com/a,2015-02\n"
        "b.txt,,,,11/02/2015\n"
        ",Orphan,,,\n"
        "c.txt,Missing,,,\n",
    )
    collected, problems = problems_for([tmp_path])
    manifest = tmp_path / "manifest.csv"
    assert problems == [
        (
            f"{manifest}, row 3: bad published date '11/02/2015' for b.txt "
            "(expected YYYY-MM-DD, YYYY-MM or YYYY); b.txt was skipped"
        ),
        f"{manifest}, row 4: names no file",
        f"{manifest}, row 5: names 'c.txt', which is not an article in {tmp_path}",
    ]
    assert [item.file for item in collected.articles] == ["a.txt"]
    a = collected.articles[0]
    assert (a.title, a.source, a.url, a.published) == (
        "Raid",
        "Daily News",
        "https://example.com/a",
        PartialDate(2015, 2),
    )


def test_command_line_values_win_over_the_manifest(tmp_path):
    write(tmp_path, "a.txt", "Police seized fakes.")
    write(tmp_path, "manifest.csv", "file,source,published\na.txt,Daily News,2015\n")
    overrides = Overrides(source="Wire", published=PartialDate(2016, 3, 1))
    collected, _ = problems_for([tmp_path], overrides=overrides)
    assert (collected.articles[0].source, collected.articles[0].published) == (
        "Wire",
        PartialDate(2016, 3, 1),
    )


def test_byte_order_marks_are_read(tmp_path):
    write(tmp_path, "bom8.txt", "\ufeffPolice seized fakes.".encode("utf-8"))
    write(tmp_path, "bom16.txt", "Customs seized fakes.".encode("utf-16"))
    collected, problems = problems_for([tmp_path])
    bom16, bom8 = collected.articles
    assert problems == []
    assert bom8.raw_text == "Police seized fakes."
    assert bom16.raw_text == "Customs seized fakes."


def test_collect_unpacks_as_articles_and_problems(tmp_path):
    write(tmp_path, "a.txt", "Police seized fakes.")
    articles, problems = collect([tmp_path / "a.txt", tmp_path / "gone.txt"], max_bytes=LIMIT)
    assert [item.file for item in articles] == ["a.txt"]
    assert [problem.path for problem in problems] == [str(tmp_path / "gone.txt")]


def test_a_file_named_alone_takes_its_row_of_the_folders_manifest(tmp_path):
    path = write(tmp_path, "a.txt", "Police seized fakes.")
    write(tmp_path, "manifest.csv", "file,title,published\na.txt,Raid,2015-02\nb.txt,,bad\n")
    collected, problems = problems_for([path])
    assert problems == []  # b.txt's bad row is not this run's business
    assert (collected.articles[0].title, collected.articles[0].published) == (
        "Raid",
        PartialDate(2015, 2),
    )


def test_a_file_that_cannot_be_read_is_one_problem(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", "Police seized fakes.")
    write(tmp_path, "open.txt", "Customs seized fakes.")

    def refuse(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", refuse)
    collected, problems = problems_for([tmp_path])
    assert problems == [f"{path}: cannot be read (Permission denied)"]
    assert [item.file for item in collected.articles] == ["open.txt"]
