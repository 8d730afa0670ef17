"""The extraction held against the hand-made answer keys of the shipped articles.

The scorer and keys are the team's shared ones (copied into tests/fixtures so
the check runs anywhere). The issue's bar: overall F1 >= 0.85, every list >=
0.70, speaker attribution >= 0.85.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from enforcement.extraction.pipeline import ArticleInput, extract

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("score", FIXTURES / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    items = [
        ArticleInput(file=path.name, raw_text=path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "articles").glob("*.txt"))
    ]
    run = tmp_path_factory.mktemp("run") / "run.json"
    run.write_text(json.dumps({"articles": [result.to_json() for result in extract(items)]}))
    gold, found = score.load_articles(FIXTURES / "gold"), score.load_articles(run)
    tally = score.Tally()
    for name, article in gold.items():
        score.score_article(article, found.get(name, {}), tally)
    return tally.figures()


def test_overall_f1(figures):
    assert figures["overall"]["f1"] >= 0.85


@pytest.mark.parametrize("key", ["regulators", "actors", "statements", "statistics", "events"])
def test_every_list(figures, key):
    assert figures[key]["f1"] >= 0.70


def test_speaker_attribution(figures):
    assert figures["attribution accuracy"]["accuracy"] >= 0.85
