"""A search read two ways (``search.WordFound``): a page walks the list testing each row,
or gathers a word's rows from the index; both list the same rows, and ``word_in`` (SQLite's
test of one row) reads words exactly as FTS5 does wherever it answers."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from enforcement import queries, search
from enforcement.models import Article, Event, EventSource
from tests.test_views import many_rows  # noqa: F401 (a fixture)

# Searches of the many_rows fixture, a common word beside a rare one among them.
SEARCHES = {
    "events": (
        queries.events,
        search.EVENT_WORDS,
        ["number 1", "regulator 2 number", "actor 3", "event 29", "xx", "299 number"],
    ),
    "statements": (
        queries.statements,
        search.STATEMENT_WORDS,
        ["statement actor 1", "regulator statement", "xxx 17"],
    ),
    "statistics": (
        queries.statistics,
        search.STATISTIC_WORDS,
        ["cases actor 1", "listings", "leads cases"],
    ),
    "articles": (queries.articles, search.ARTICLE_WORDS, ["article daily", "article 3"]),
}


def shaped(rows, words, value, walk):
    for word in search.search_words(value):
        rows = rows.filter(words.condition(word, rows.db, walk=walk))
    return rows


@pytest.mark.parametrize("name", SEARCHES)
def test_a_walked_page_and_a_gathered_page_list_the_same_rows(many_rows, name):  # noqa: F811
    rows, words, values = SEARCHES[name]
    for value in values:
        walked = [row.pk for row in shaped(rows(), words, value, walk=True)[:51]]
        gathered = [row.pk for row in shaped(rows(), words, value, walk=False)[:51]]
        chosen = [row.pk for row in search.matching(rows(), words, value)[:51]]
        everything = [row.pk for row in search.matching(rows(), words, value)][:51]
        assert walked, value
        assert walked == gathered == chosen == everything, value


def test_a_rare_word_is_gathered_and_a_common_one_walked(many_rows):  # noqa: F811
    assert Event.objects.count() > search.EVENT_WORDS.probe_rows  # the probe is not the table
    rows = queries.events()
    assert search._plan(rows, search.EVENT_WORDS, ["number"]) == [("number", True)]
    # "299" is one event's: its rows are gathered, and "number" tested on them.
    plan = search._plan(rows, search.EVENT_WORDS, ["number", "299"])
    assert plan == [("299", False), ("number", True)]
    assert [e.summary for e in search.matching(rows, search.EVENT_WORDS, "number 299")] == [
        "Event number 299"
    ]


def test_a_walked_page_sql_tests_rows_and_a_whole_list_gathers(many_rows):  # noqa: F811
    rows = shaped(queries.events(), search.EVENT_WORDS, "number", walk=True)
    page, whole = str(rows[:51].query), str(rows.query)
    found = "word_in" if connection.vendor == "sqlite" else "to_tsvector"
    assert found in page and "EXISTS" in page
    assert "UNION ALL" in whole and "word_in" not in whole and "EXISTS" not in whole


def test_a_row_word_in_is_not_sure_of_is_still_found_through_the_index(many_rows):  # noqa: F811
    # Dotted capital I is folded by FTS5 its own way: word_in leaves such a row to FTS5.
    event = Event.objects.order_by("pk").first()
    Event.objects.filter(pk=event.pk).update(summary="İstanbul customs raid")
    EventSource.objects.filter(event=event).update(quote="Ţara raid")
    for walk in (True, False):
        assert [e.pk for e in shaped(queries.events(), search.EVENT_WORDS, "raid", walk)[:51]] == [
            event.pk
        ]
        quotes = shaped(queries.events(), search.EVENT_WORDS, "ţara", walk)[:51]
        assert [e.pk for e in quotes] == [event.pk]


def test_the_article_list_is_read_off_an_index_in_its_order(db):
    Article.objects.create(file_name="a.txt", text="x", content_hash="1" * 64)
    sql, params = queries.articles()[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is read whole
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        assert "article_list_order" in plan and "Sort" not in plan.split("SubPlan")[0]
    else:
        # The published index read backwards; only ties on the date are sorted.
        assert "enforcement_article_published" in plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan


# word_in against FTS5 -----------------------------------------------------------------


def fts5():
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 0')"
    )
    database.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 't', 'row')")
    return database


def test_word_in_reads_every_character_it_is_sure_of_as_fts5_does():
    database = fts5()
    sure = [chr(code) for code in range(0x2500) if search._SURE_TEXT.fullmatch(chr(code))]
    assert len(sure) > 700
    for char in sure:
        text = f"q{char}Q"
        database.execute("DELETE FROM t")
        database.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", [text])
        read = sorted(row[0] for row in database.execute("SELECT term FROM temp.v"))
        assert read == sorted(set(search._TOKEN.findall(text.lower()))), hex(ord(char))


TEXTS = [
    "Counterfeit handbags seized",
    "e-commerce fraud in E-Commerce",
    "Jack Ma and Mao",
    "42 or 420",
    "Café Müller, ŁÓDŹ",
    "US$3,000 fine",
    "İstanbul µ ſ",
    "",
]
WORDS = [
    "counterfeit", "count", "hand", "handbags!", "e-commerce", "commerce", "e-com", "e-",
    "ma", "mao", "42", "420", "4", "café", "caf", "müller", "łódź", "us", "3", "000",
    "us$3", "istanbul", "µ", "fine.", "ſ",
]  # fmt: skip


def test_word_in_answers_as_fts5_matches_and_says_when_it_cannot_tell():
    database = fts5()
    database.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(TEXTS, 1))
    told = 0
    for word in WORDS:
        found = {
            row[0]
            for row in database.execute("SELECT rowid FROM t WHERE t MATCH ?", [search._fts5(word)])
        }
        for rowid, text in enumerate(TEXTS, 1):
            answer = search._word_in(text, word)
            unsure = not search._SURE_TEXT.fullmatch(text + word)
            assert (answer is None) == unsure, (text, word)
            if answer is not None:
                told += 1
                assert answer == (rowid in found), (text, word)
    assert told > 150
