"""The SQL aggregates, the figures built from them, and the article highlighting."""

import datetime

from django.urls import reverse

from enforcement import charts, queries
from enforcement.highlighting import Span, highlight
from enforcement.models import Actor, Article, Event, Origin, Statement, Statistic


def make_event(kind, date=None, precision="day"):
    return Event.objects.create(
        kind=kind,
        summary=f"{kind} {date}",
        date=date,
        date_precision=precision,
        origin=Origin.EXTRACTED,
    )


def test_events_are_counted_per_month_and_kind_over_a_short_range(db):
    make_event("report", datetime.date(2015, 1, 5))
    make_event("report", datetime.date(2015, 1, 30))
    make_event("seizure", datetime.date(2015, 4, 1))
    make_event("seizure")
    rows = queries.events_per_quarter_by_kind(queries.events())
    assert [(row["period"], row["bucket"], row["kind"], row["count"]) for row in rows] == [
        (datetime.date(2015, 1, 1), "month", "report", 2),
        (datetime.date(2015, 4, 1), "month", "seizure", 1),
    ]
    assert queries.undated_event_count(queries.events()) == 1
    chart = charts.events_per_quarter(rows, undated=1)
    assert chart.figure["data"][0]["x"] == ["Jan 2015", "Apr 2015"]
    assert chart.figure["layout"]["title"]["text"] == "Events per month, by kind"
    assert "1 undated event" in chart.note


def test_events_are_counted_per_quarter_over_years_and_per_year_over_decades(db):
    make_event("report", datetime.date(2010, 2, 5))
    make_event("report", datetime.date(2010, 3, 30))
    make_event("seizure", datetime.date(2016, 11, 1))
    rows = queries.events_per_quarter_by_kind(queries.events())
    assert [(row["period"], row["count"]) for row in rows] == [
        (datetime.date(2010, 1, 1), 2),
        (datetime.date(2016, 10, 1), 1),
    ]
    assert charts.events_per_quarter(rows).figure["data"][0]["x"] == ["2010 Q1", "2016 Q4"]
    make_event("report", datetime.date(1990, 7, 1))
    rows = queries.events_per_quarter_by_kind(queries.events())
    assert {row["bucket"] for row in rows} == {"year"}
    assert [row["period"].year for row in rows] == [1990, 2010, 2016]


def test_aggregates_count_each_event_once_when_filters_join(db, saic, jack_ma):
    event = make_event("report", datetime.date(2015, 1, 5))
    event.regulators.add(saic)
    event.actors.add(jack_ma)
    joined = queries.events().filter(regulators=saic).filter(actors__name__icontains="a")
    assert queries.events_per_quarter_by_kind(joined)[0]["count"] == 1


def statistic(article, metric, value, date=None, unit="cases", measure="other"):
    return Statistic.objects.create(
        article=article,
        metric=metric,
        value=value,
        unit=unit,
        quote=metric,
        date=date,
        measure=measure,
        origin=Origin.EXTRACTED,
    )


def test_headline_figures_give_the_latest_and_largest_of_the_most_reported_measures(article):
    removed = "listings_removed"
    largest = statistic(
        article, "listings removed", 900, datetime.date(2013, 1, 1), "listings", removed
    )
    latest = statistic(
        article, "listings removed", 380, datetime.date(2015, 1, 1), "listings", removed
    )
    statistic(article, "listings taken down", 100, datetime.date(2014, 1, 1), "listings", removed)
    closed = statistic(article, "stores closed", 7, unit="stores", measure="stores_closed")
    statistic(article, "countries", 30, unit="countries")  # measure "other": never a headline
    headlines = queries.headline_figures(queries.statistics())
    assert [(h.measure, h.count, h.latest.pk, h.largest.pk) for h in headlines] == [
        ("listings_removed", 3, latest.pk, largest.pk),
        ("stores_closed", 1, closed.pk, closed.pk),
    ]
    assert headlines[0].label == "Listings removed" and headlines[0].latest.article == article


def test_a_headline_compares_figures_in_the_unit_its_measure_is_most_often_given_in(article):
    fines = "fines"
    usual = statistic(article, "fine", 10_000, datetime.date(2015, 1, 1), "CNY", fines)
    statistic(article, "fine", 20_000, datetime.date(2014, 1, 1), "CNY", fines)
    statistic(article, "fine", 5_000_000, datetime.date(2016, 1, 1), "JPY", fines)
    (headline,) = queries.headline_figures(queries.statistics())
    assert (headline.unit, headline.latest.pk) == ("CNY", usual.pk)
    assert headline.largest.value == 20_000 and headline.unit_display == "¥"


def test_the_funnel_orders_stages_by_measure_and_leaves_out_shares(article):
    statistic(article, "leads for offline investigations", 4495, measure="leads_referred")
    statistic(article, "successful prosecutions from leads", 469, measure="prosecutions")
    statistic(article, "share of leads prosecuted", 10, unit="%", measure="prosecutions")
    statistic(article, "convicted", 33, measure="convictions")
    statistic(article, "sentencings mentioned in passing", 5000)  # no measure: not a stage
    rows = queries.enforcement_funnel(queries.statistics())
    assert [(row["label"], row["value"]) for row in rows] == [
        ("Leads referred", 4495),
        ("Prosecutions", 469),
        ("Convictions", 33),
    ]
    assert charts.enforcement_funnel(rows).figure["data"][0]["type"] == "funnel"


def test_a_measure_over_time_falls_back_to_the_article_date_and_draws_it_hollow(article):
    statistic(article, "stores closed", 180000, unit="stores", measure="stores_closed")
    statistic(article, "stores shut", 1000, datetime.date(2014, 6, 1), "stores", "stores_closed")
    rows = queries.measure_over_time(queries.statistics(), "stores_closed")
    assert [(row["period"], row["reported"]) for row in rows] == [
        (datetime.date(2014, 6, 1), False),
        (article.published.replace(day=1), True),
    ]
    chart = charts.measure_over_time(rows, "stores_closed")
    trace = chart.figure["data"][0]
    assert chart.title == "Stores or sellers closed over time"
    assert trace["marker"]["symbol"] == ["circle", "circle-open"]
    assert trace["customdata"][1][0] == "Feb 2015"
    assert trace["customdata"][1][3] == "180,000 stores"
    assert "Hollow markers" in chart.note


def test_a_measure_over_time_gives_the_largest_figure_of_each_period(article):
    for value in (5, 50, 7):
        statistic(article, "raids", value, datetime.date(2014, 6, 1), "raids", "raids")
    statistic(article, "raids", 9, None, "raids", "raids")  # placed at Feb 2015, hollow
    rows = queries.measure_over_time(queries.statistics(), "raids")
    assert [(row["value"], row["figures"], row["reported"]) for row in rows] == [
        (50, 3, False),
        (9, 1, True),
    ]


def test_the_default_measure_is_the_one_with_the_most_dated_figures(article):
    undated = Article.objects.create(file_name="u.txt", text="x", content_hash="u" * 64)
    for value in (1, 2, 3):  # three figures of one measure, none dated
        statistic(undated, "arrests", value, unit="arrests", measure="arrests")
    statistic(article, "raids", 4, unit="raids", measure="raids")  # dated by its article
    for value in (5, 6, 7, 8):
        statistic(article, "countries", value, unit="countries")  # "other" is never the default
    assert queries.default_measure(queries.statistics()) == "raids"


def test_chart_labels_escape_article_words(db):
    rows = [
        {
            "speaker_actor__name": "<img src=x onerror=alert(1)>",
            "speaker_regulator__name": None,
            "count": 2,
        }
    ]
    figure = charts.statements_per_speaker(rows).figure
    assert figure["data"][0]["y"] == ["&lt;img src=x onerror=alert(1)&gt;"]


def test_the_timeline_counts_years_then_months_then_lists_a_months_events(client, db):
    Article.objects.create(file_name="a.txt", text="x", content_hash="c" * 64)
    make_event("report", datetime.date(2015, 2, 9))
    make_event("meeting", datetime.date(2015, 1, 1), "month")
    make_event("program", datetime.date(2015, 1, 1), "year")
    make_event("lawsuit")
    index = client.get(reverse("enforcement:timeline"))
    assert [(p.label, p.count, p.url) for p in index.context["periods"]] == [
        ("2015", 3, "/timeline/2015/"),
        ("Undated", 1, "/timeline/undated/"),
    ]
    assert index.context["years"] == []  # the index lists no events, only counts

    year = client.get("/timeline/2015/")
    assert [(p.label, p.count, p.url) for p in year.context["periods"]] == [
        ("January 2015", 1, "/timeline/2015/01/"),
        ("February 2015", 1, "/timeline/2015/02/"),
    ]
    # The year's own page lists the event known only to the year.
    assert [(y, [m for m, _ in months]) for y, months in year.context["years"]] == [
        ("2015", ["2015, month not reported"])
    ]
    january = client.get("/timeline/2015/01/")
    assert [(y, [m for m, _ in months]) for y, months in january.context["years"]] == [
        ("2015", ["January 2015"])
    ]
    assert "Jan 2015" in january.text
    assert "9 Feb 2015" in client.get("/timeline/2015/02/").text
    undated = client.get("/timeline/undated/")
    assert [(y, [m for m, _ in months]) for y, months in undated.context["years"]] == [
        ("Undated", ["Date not reported"])
    ]


def test_the_timeline_keeps_the_filters_in_its_links_between_periods(client, db):
    Article.objects.create(file_name="a.txt", text="x", content_hash="c" * 64)
    make_event("report", datetime.date(2015, 2, 9))
    make_event("meeting", datetime.date(2016, 3, 1))
    index = client.get(reverse("enforcement:timeline"), {"kind": "report"})
    assert [(p.label, p.count, p.url) for p in index.context["periods"]] == [
        ("2015", 1, "/timeline/2015/?kind=report"),
    ]
    assert client.get("/timeline/2015/13/").status_code == 404


def span(start, end, type_="statement", pk=1):
    return Span(start, end, type_, pk, f"/x/{pk}", "title")


def test_highlighting_nests_spans_and_cuts_crossing_ones():
    text = "abcdefghij"
    html = highlight(text, [span(0, 6, pk=1), span(2, 4, "statistic", 2), span(5, 9, "event", 3)])
    # The event starting inside the statement is cut at the statement's end.
    assert html.count("<mark") == html.count("</mark>") == 3
    assert html.startswith('<mark class="hl hl-statement" id="in-text-statement-1"')
    assert "ab<mark" in html and "cd<a" in html and "f<a" in html
    assert html.endswith("ghij")


def test_highlighting_escapes_every_piece():
    text = '<b>"x"</b>'
    html = highlight(text, [span(3, 6)])
    assert "<b>" not in html
    assert html.startswith("&lt;b&gt;<mark")


def test_the_speaker_chart_splits_each_speakers_statements_by_stance(article):
    ma = Actor.objects.create(name="Jack Ma", kind="person")
    for text, stance in [("We will act.", "commitment"), ("We vow more.", "commitment")]:
        Statement.objects.create(
            article=article, text=text, quote=text, speaker_actor=ma, stance=stance
        )
    Statement.objects.create(
        article=article, text="No.", quote="No.", speaker_actor=ma, stance="denial"
    )
    rows = queries.statements_per_speaker(queries.statements())
    assert rows[0]["speaker_actor__name"] == "Jack Ma"
    assert rows[0]["count"] == 3
    assert rows[0]["stances"] == {"commitment": 2, "denial": 1}
    traces = {t["name"]: t["x"] for t in charts.statements_per_speaker(rows).figure["data"]}
    assert traces == {"Commitment": [2], "Denial": [1]}


def test_a_disagreement_whose_sides_hold_more_figures_than_sqlite_takes_in_one_query(populated):
    figure = Statistic.objects.first()
    many = list(range(10**9, 10**9 + 40_000))  # no such figures: only the number counts
    conflicts = [
        ("seizures", "items", (many[:20_000], many[20_000:])),
        ("seizures", "items", ([figure.pk], many[:5])),
    ]
    found = queries._touching(conflicts, Statistic.objects.all(), limit=4)
    assert found == [conflicts[1]]


def test_disagreements_past_the_chunks_checked_one_by_one_are_found_in_rule_order(
    populated, monkeypatch
):
    monkeypatch.setattr(queries, "_CHUNK", 2)
    monkeypatch.setattr(queries, "_CHUNKS_ONE_BY_ONE", 1)
    figure = Statistic.objects.first()
    absent = iter(range(10**9, 10**9 + 100))  # no such figures
    conflicts = [("seizures", "items", ([next(absent)], [next(absent)])) for _ in range(5)]
    conflicts[3:3] = [("fines", "USD", ([figure.pk], [next(absent)]))]
    conflicts.append(("cases", "cases", ([next(absent)], [figure.pk])))
    found = queries._touching(conflicts, Statistic.objects.all(), limit=4)
    assert found == [conflicts[3], conflicts[-1]]
    assert queries._touching(conflicts, Statistic.objects.all(), limit=1) == [conflicts[3]]
