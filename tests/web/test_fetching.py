"""Fetching within limits, against the local server: every refusal is one clear reason."""

from __future__ import annotations

import pytest

from enforcement.web.fetching import FEED, USER_AGENT, FetchError, Limits, fetch

# The local site is on the loopback address, which only an explicit setting allows.
LIMITS = Limits(timeout=2.0, max_bytes=64 * 1024, max_redirects=3, allow_private=True)


def test_a_page_is_fetched_and_says_who_asked(local_web):
    fetched = fetch(local_web.url("/crime/market-raid"), limits=LIMITS)
    assert b"counterfeit football shirts" in fetched.body
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    (_path, headers), *_ = local_web.requests
    assert headers["User-Agent"] == USER_AGENT


def test_redirects_are_followed_to_the_final_address(local_web):
    local_web.redirect("/a", "/b", 301)
    local_web.redirect("/b", local_web.url("/crime/market-raid"), 307)
    fetched = fetch(local_web.url("/a"), limits=LIMITS)
    assert fetched.url == local_web.url("/a")
    assert fetched.final_url == local_web.url("/crime/market-raid")


def test_redirects_beyond_the_bound_are_refused(local_web):
    for hop in range(5):
        local_web.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    with pytest.raises(FetchError, match=r"more than 3 redirects .*give the final URL"):
        fetch(local_web.url("/hop0"), limits=LIMITS)
    assert local_web.fetched("/hop4") == 0  # it stopped asking


def test_a_redirect_loop_ends_at_the_bound(local_web):
    local_web.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(local_web.url("/loop"), limits=LIMITS)
    assert local_web.fetched("/loop") == 4


@pytest.mark.parametrize(
    "url, words",
    [
        ("ftp://127.0.0.1/article.html", "only http and https URLs can be read, not 'ftp:'"),
        ("file:///etc/passwd", "only http and https URLs can be read, not 'file:'"),
        ("javascript:alert(1)", "not 'javascript:'"),
        ("http:///no-host", "names no host"),
    ],
)
def test_only_http_and_https_urls_are_read(url, words):
    with pytest.raises(FetchError, match=words.replace("(", r"\(").replace(")", r"\)")):
        fetch(url, limits=LIMITS)


def test_a_redirect_to_another_scheme_is_refused(local_web):
    local_web.redirect("/sneaky", "file:///etc/passwd")
    with pytest.raises(FetchError, match="not 'file:'"):
        fetch(local_web.url("/sneaky"), limits=LIMITS)


def test_an_oversize_body_is_refused_by_its_stated_length(local_web):
    local_web.add("/big", b"<p>x</p>" * 20_000)
    with pytest.raises(FetchError, match=r"is 0\.2 MB, over the 0\.1 MB limit"):
        fetch(local_web.url("/big"), limits=LIMITS)


def test_an_oversize_body_of_unstated_length_is_cut_off_while_reading(local_web):
    local_web.add("/endless", b"<p>x</p>" * 200_000, headers={"Content-Length": None})
    with pytest.raises(FetchError, match="over the 0.1 MB limit"):
        fetch(local_web.url("/endless"), limits=LIMITS)


def test_a_server_that_does_not_answer_times_out(local_web):
    local_web.add("/slow", b"<p>late</p>", delay=3)
    with pytest.raises(FetchError, match="timed out"):
        fetch(local_web.url("/slow"), limits=Limits(timeout=0.5, allow_private=True))


def test_a_page_that_trickles_in_hits_the_deadline(local_web):
    # Each chunk arrives well within the read timeout; the whole page does not.
    local_web.add("/drip", b"<p>drip</p>" * 200, drip=0.1)
    with pytest.raises(FetchError, match="took more than 0.5 seconds"):
        fetch(local_web.url("/drip"), limits=Limits(timeout=0.5, allow_private=True))


def test_a_pdf_is_not_read_as_a_page(local_web):
    local_web.add("/report.pdf", b"%PDF-1.7 ...", "application/pdf")
    with pytest.raises(FetchError, match="is application/pdf, not an HTML page"):
        fetch(local_web.url("/report.pdf"), limits=LIMITS)


def test_a_page_is_not_read_as_a_feed(local_web):
    with pytest.raises(FetchError, match="is text/html, not an RSS or Atom feed"):
        fetch(local_web.url("/crime/market-raid"), limits=LIMITS, wanted=FEED)


def test_an_error_status_is_reported(local_web):
    with pytest.raises(FetchError, match="the server answered 404 Not Found"):
        fetch(local_web.url("/gone"), limits=LIMITS)


def test_a_closed_port_is_a_refused_connection(local_web):
    with pytest.raises(FetchError, match="refused the connection"):
        fetch("http://127.0.0.1:9/", limits=LIMITS)


@pytest.mark.parametrize(
    "url, address",
    [
        ("http://127.0.0.1:{port}/crime/market-raid", "127.0.0.1"),
        ("http://localhost:{port}/crime/market-raid", None),
        ("http://[::1]:{port}/crime/market-raid", "::1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://10.1.2.3/intranet", "10.1.2.3"),
    ],
)
def test_the_own_network_is_refused_before_anything_is_sent(local_web, url, address):
    url = url.format(port=local_web.server.server_address[1])
    with pytest.raises(FetchError, match="is a private or local address") as refused:
        fetch(url, limits=Limits())
    assert address is None or f"({address})" in str(refused.value)
    assert "INGEST_ALLOW_PRIVATE_HOSTS=1" in str(refused.value)
    assert local_web.requests == []
