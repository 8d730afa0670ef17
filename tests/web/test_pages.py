"""Reading news pages: the story without the page around it, and what the page says of itself."""

from __future__ import annotations

import pytest

from enforcement.extraction.dates import PartialDate
from enforcement.web.pages import read_page
from tests.web.conftest import FIXTURES

FURNITURE = {
    "port-seizure.html": [
        "We use cookies",
        "Accept all cookies",
        "Subscribe",
        "Share on Facebook",
        "Email this story",
        "Related stories",
        "Fake perfume ring",
        "Sign up to our morning newsletter",
        "All rights reserved",
        "dataLayer",
        "Business Reporter",
    ],
    "market-raid.html": [
        "This site uses cookies",
        "OK, got it",
        "Weather",
        "Tweet",
        "Pin it",
        "Posted by",
        "You may also like",
        "Burglary spree",
        "Great work by the council",
        "Advertise with us",
    ],
    "platform-takedown.html": [
        "Newsletter",
        "partners use cookies",
        "Share this article",
        "Copy link",
        "Most read",
        "Retail sales slow",
        "Registered in England",
        "By Lena Fischer",
    ],
}


def read(name: str, url: str | None = "http://news.example.org/story"):
    return read_page((FIXTURES / name).read_text(encoding="utf-8"), url=url)


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_the_page_around_the_story_is_left_out(name):
    page = read(name)
    for furniture in FURNITURE[name]:
        assert furniture not in page.text, furniture
    assert len(page.text.split("\n\n")) >= 3  # the story's paragraphs, each on its own


def test_the_story_is_read_whole_in_paragraphs():
    text = read("port-seizure.html").text
    assert text.startswith("Border officers at Harbourton port have seized 40,000")
    assert text.endswith("more than 150,000 fake items at the port since January.")
    assert '\n\n"Counterfeit goods cheat consumers and fund organised crime," said' in text


def test_title_outlet_date_and_canonical_url_come_from_the_markup():
    page = read("port-seizure.html", url="http://127.0.0.1:8000/go/port-seizure?utm_source=rss")
    assert page.title == "Customs seize 40,000 fake watches at Harbourton port"
    assert page.source == "The Coastal Ledger"
    assert page.published == PartialDate(2024, 3, 14)
    # The relative canonical link resolves against the page's own address.
    assert page.url == "http://127.0.0.1:8000/news/2024/03/customs-seize-fake-watches"


def test_the_headline_is_not_repeated_as_the_first_paragraph():
    page = read("port-seizure.html")
    assert not page.text.startswith(page.title)


def test_structured_data_gives_the_original_date_not_the_update():
    page = read("platform-takedown.html")
    assert page.published == PartialDate(2023, 11, 2)  # dateModified is 20 November
    assert page.source == "Retail Wire Daily"
    assert page.url == "https://retailwire.example/2023/11/marketplace-fake-cosmetics"


def test_a_page_that_says_little_leaves_the_rest_unknown():
    page = read("market-raid.html")
    assert page.title is None
    assert page.published is None  # no date in the markup; a dateline would be the text's
    assert page.source is None  # only the host name, which is not the outlet's own word
    assert page.url == "http://news.example.org/story"


def test_a_copyright_year_in_the_footer_is_not_a_publication_date():
    page = read_page(
        "<html><body><h1>Raid on a warehouse</h1><p>Police raided a warehouse full of fake "
        "trainers on the edge of town and arrested two men, officers said.</p>"
        "<footer>© 2016 Example News</footer></body></html>"
    )
    assert page.published is None


def test_a_canonical_link_to_another_scheme_is_ignored():
    page = read_page(
        '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body>'
        "<p>Customs officers found fake perfume in a parcel sent from abroad, they said.</p>"
        "</body></html>",
        url="https://news.example.org/perfume",
    )
    assert page.url == "https://news.example.org/perfume"


def test_a_saved_page_without_an_address_keeps_an_absolute_canonical_url():
    page = read("platform-takedown.html", url=None)
    assert page.url == "https://retailwire.example/2023/11/marketplace-fake-cosmetics"
    assert read("port-seizure.html", url=None).url is None  # relative, nothing to resolve it by


@pytest.mark.parametrize("html", ["", "   ", b"", b"\xff\xfe\x00\x00"])
def test_an_empty_or_unreadable_page_has_no_text(html):
    assert read_page(html).text == ""


def test_a_page_in_another_encoding_is_decoded():
    html = (
        "<html><head><meta charset='iso-8859-1'></head><body><p>Les douaniers ont saisi des "
        "contrefaçons de sacs à main près de la frontière, a indiqué le ministère.</p>"
        "</body></html>"
    ).encode("iso-8859-1")
    assert "contrefaçons de sacs à main" in read_page(html).text


def test_reading_a_page_fetches_nothing(local_web):
    # htmldate downloads a string that looks like a URL; we never hand it one.
    page = read_page(local_web.url("/crime/market-raid"))
    assert local_web.requests == []
    assert "counterfeit football shirts" not in page.text
