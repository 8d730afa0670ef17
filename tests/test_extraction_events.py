"""Stage 6 on strings: what happened, when, and who took part."""

import pytest

from enforcement.extraction.dates import PartialDate
from enforcement.extraction.pipeline import extract_text


def events(text, published=None):
    return [
        (e.kind, e.date.isoformat() if e.date else None)
        for e in extract_text(text, published=published).events
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Border Force officers seized 4,000 fake belts at Felixstowe.", "seizure"),
        ("Police arrested 12 people in the city of Yiwu.", "investigation"),
        ("Prosecutors charged three men with selling fake medicine.", "prosecution"),
        ("Nike filed a lawsuit against 500 online sellers.", "lawsuit"),
        ("A federal court dismissed the case against the marketplace.", "ruling"),
        ("The SAMR fined the platform 2 million yuan.", "penalty"),
        ("Amazon removed 6 million suspected counterfeit listings.", "takedown"),
        ("The USTR added the website to its notorious markets list.", "listing"),
        ("The EUIPO published a report on online fakes.", "report"),
        ("Amazon launched a program that lets brands delete listings.", "program"),
        ("The brands signed an agreement with the platform.", "agreement"),
        ("Trade groups called on Congress to pass tougher laws.", "advocacy"),
        (
            "Jack Ma met with officials of the State Administration for Industry and Commerce.",
            "meeting",
        ),
    ],
)
def test_trigger_words_give_the_kind(text, kind):
    assert [found for found, _ in events(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Counterfeiters should get the same penalties as drunk drivers.",
        "If we imposed a prison sentence, the world would look different.",
        "The platform failed to remove the listings.",
        "Interpol urged platforms to remove fake listings.",
        '"We will seize every fake," the minister said.',
    ],
)
def test_what_did_not_happen_is_not_an_event(text):
    assert [kind for kind, _ in events(text) if kind != "advocacy"] == []


def test_dates_resolve_against_the_publication_date_at_their_precision():
    published = PartialDate(2015, 2, 11)
    assert events("Police raided the market on Monday.", published) == [
        ("investigation", "2015-02-09")
    ]
    assert events("In Jan. 2015, the SAIC released a white paper.", published) == [
        ("report", "2015-01")
    ]
    assert events("Police raided the market on Monday.") == [("investigation", None)]


def test_participants_come_from_the_clause():
    result = extract_text("The SAIC released a white paper accusing Alibaba of tolerating fakes.")
    (event,) = result.events
    assert event.regulators == ["State Administration for Industry and Commerce"]
    assert "Alibaba" in event.actors


def test_the_same_event_told_again_is_one_event():
    text = (
        "A United States court dismissed a lawsuit against Alibaba. "
        "The court's decision ruled that there was not enough evidence."
    )
    assert [kind for kind, _ in events(text)].count("ruling") == 1


def test_a_weekday_in_a_paper_of_that_day_is_that_day():
    published = PartialDate(2021, 11, 4)  # a Thursday
    assert events("The two agencies signed an agreement on Thursday.", published) == [
        ("agreement", "2021-11-04")
    ]


def test_reactions_and_future_plans_are_not_new_events():
    text = "A court sentenced the seller to six years. Pfizer welcomed the verdict. Police will raid more shops."
    assert [kind for kind, _ in events(text)] == ["penalty"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Police dismantled a network that sold fake perfume.", "investigation"),
        ("Customs destroyed 10 tonnes of counterfeit goods.", "seizure"),
        ("The seller pleaded guilty to trademark counterfeiting.", "prosecution"),
        ("Chanel settled its lawsuit with the reseller.", "agreement"),
    ],
)
def test_more_ways_of_telling_enforcement(text, kind):
    assert kind in [found for found, _ in events(text)]


def test_two_programmes_in_one_sentence_are_two_but_two_takedowns_are_one():
    programmes = events(
        "The agency has been working with platforms to remove fakes, and has set up a testing centre."
    )
    assert [kind for kind, _ in programmes] == ["program", "program"]
    takedowns = events("The platform removed 380 million listings and closed 180,000 stores.")
    assert [kind for kind, _ in takedowns] == ["takedown"]


def test_joining_forces_is_an_agreement():
    assert [
        kind
        for kind, _ in events("LVMH and Chanel have joined forces with TikTok to tackle fakes.")
    ] == ["agreement"]
