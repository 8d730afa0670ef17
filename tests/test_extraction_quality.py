"""The extraction held against the hand-made answer keys, on two sets.

``shipped``: the five articles in ``articles/``. ``development``: sixteen real
articles from other outlets (``tests/fixtures/dev/``, with the manifest a user
would supply). Both are ingested as a user would and scored by the team's
scorer through ``tests/fixtures/quality.py``, the same code ``make score``
prints from.

The bars are the figures measured when the harness was set up, rounded down to
the next 0.02, so that no change makes the extraction worse unnoticed. Raise
them as the rules improve; issue 10's targets are: development overall >= 0.88
and every list >= 0.80, shipped overall >= 0.95.
"""

import pytest

from tests.fixtures import quality

LISTS = ("regulators", "actors", "statements", "statistics", "events")
# set -> figure -> lowest acceptable value (F1 for the lists and overall, else accuracy)
BARS = {
    "shipped": {
        "regulators": 1.00,
        "actors": 1.00,
        "statements": 1.00,
        # 16 of 18: the shipped keys count two durations ("for two years", "a seven-day
        # prison sentence"), which issue 10's convention and the development keys leave out.
        "statistics": 0.94,
        "events": 0.90,
        "overall": 0.96,
        "attribution": 0.94,
        "event kind": 1.00,
        "unit": 1.00,
    },
    "development": {
        "regulators": 0.95,
        "actors": 0.94,
        "statements": 0.92,
        "statistics": 0.96,
        "events": 0.90,
        "overall": 0.95,
        "attribution": 0.92,
        "event kind": 0.96,
        "unit": 0.96,
    },
}


@pytest.fixture(scope="module")
def measured():
    """Each set ingested and scored once for the whole module."""
    cache = {}

    def figures(name):
        if name not in cache:
            cache[name] = quality.measure(name)[0]
        return cache[name]

    return figures


def _value(figures, key):
    if key in (*LISTS, "overall"):
        return figures[key]["f1"]
    return figures[f"{key} accuracy"]["accuracy"]


@pytest.mark.parametrize(
    ("name", "key"), [(name, key) for name, bars in BARS.items() for key in bars]
)
def test_the_extraction_holds_its_bar(measured, name, key):
    assert _value(measured(name), key) >= BARS[name][key]


@pytest.mark.parametrize("name", list(BARS))
def test_every_keyed_article_is_in_the_run(measured, name):
    articles = measured(name)["articles"]
    assert articles["in run"] == articles["gold"] > 0


def test_the_development_set_is_read_with_its_manifest(measured):
    # The manifest gives articles the publication dates their keys hold.
    published = measured("development")["published accuracy"]
    assert published["of"] >= 5
    assert published["correct"] == published["of"]
