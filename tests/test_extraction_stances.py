"""Stage 9 on strings: what kind of statement each one is, from its verb and its words.

Every sentence here is written for these tests; none comes from an article.
"""

import pytest

from enforcement.extraction.pipeline import extract_text, load_nlp
from enforcement.extraction.result import Span, StatementResult
from enforcement.extraction.stances import STANCES, stance_of


def stance(text, words):
    """The stance of ``words`` of ``text`` read as a statement (whoever the speaker is)."""
    doc = load_nlp()(text)
    start = text.index(words)
    return stance_of(doc, StatementResult("someone", Span(words, start, start + len(words))))


def stances(text):
    return [(s.speaker, s.stance) for s in extract_text(text).statements]


@pytest.mark.parametrize(
    "text, words, expected",
    [
        # the reporting verb says it, as the statement's first word or the verb above it
        (
            "Nike accused the marketplace of profiting from fake trainers.",
            "accused the marketplace of profiting from fake trainers",
            "accusation",
        ),
        (
            "Maria Lopez vowed to stop selling fake perfume.",
            "to stop selling fake perfume",
            "commitment",
        ),
        (
            "Nike pledged to work with customs on fake trainers.",
            "pledged to work with customs on fake trainers",
            "commitment",
        ),
        (
            "The minister urged platforms to remove fake listings.",
            "urged platforms to remove fake listings",
            "demand",
        ),
        (
            "Nike has called on Congress to pass tougher laws against fakes.",
            "has called on Congress to pass tougher laws against fakes",
            "demand",
        ),
        ("The seller denied that the handbags were fake.", "the handbags were fake", "denial"),
        (
            "Shopee defended its record on counterfeit goods, saying checks had doubled.",
            "its record on counterfeit goods",
            "defence",
        ),
        (
            "Nike welcomed the ruling against the counterfeiters.",
            "the ruling against the counterfeiters",
            "praise",
        ),
        (
            "Interpol warned that fake medicines were being sold online.",
            "fake medicines were being sold online",
            "warning",
        ),
        (
            "The inquiry found that most of the watches were fake.",
            "most of the watches were fake",
            "finding",
        ),
        (
            "Nike hit out at the marketplace for ignoring fakes.",
            "hit out at the marketplace for ignoring fakes",
            "accusation",
        ),
        (
            '"The market has too many fakes," the mayor complained.',
            "The market has too many fakes",
            "accusation",
        ),
    ],
)
def test_the_reporting_verb_gives_the_stance(text, words, expected):
    assert stance(text, words) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"These claims are simply not true," Nike said.', "denial"),
        ('"We have always worked closely with brands to remove fakes," Nike said.', "defence"),
        ('"We will close every shop that sells fakes," Nike said.', "commitment"),
        ("Nike said it will sue every shop that sells fake trainers.", "commitment"),
        ('"Platforms must do far more to stop counterfeiters," Nike said.', "demand"),
        ('"Fake brake pads put drivers at risk," Interpol said.', "warning"),
        ('"The marketplace has failed to act on our complaints," Nike said.', "accusation"),
        ('"We are pleased with the outcome of this case," Nike said.', "praise"),
        ("Interpol said 4,000 of the 5,000 items it tested were fake.", "finding"),
        ('"The market opens at nine every single morning," Nike said.', "other"),
    ],
)
def test_a_neutral_verb_leaves_the_stance_to_the_words(text, expected):
    assert [found for _, found in stances(text)] == [expected]


def test_a_negated_cue_does_not_count():
    text = "Brands no longer need to contact the shop to remove a listing, Nike said."
    assert stance(text, "Brands no longer need to contact the shop to remove a listing") == "other"


def test_a_prediction_about_things_is_not_a_commitment():
    text = "Nike said the trial will be a long one for everybody."
    assert stance(text, "the trial will be a long one for everybody") == "other"


def test_a_future_act_said_in_a_condition_is_not_a_commitment():
    text = "Nike said that if the law changed, the brand would sue more sellers."
    assert stance(text, "if the law changed, the brand would sue more sellers") == "other"


def test_every_stance_has_a_label():
    assert set(STANCES) == {
        "accusation",
        "commitment",
        "demand",
        "denial",
        "defence",
        "praise",
        "warning",
        "finding",
        "other",
    }
    assert STANCES["praise"] == "Praise or welcome"
