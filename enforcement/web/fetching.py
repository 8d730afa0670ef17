"""Getting one document over HTTP, within limits that make any server safe to ask.

The rules
    Only ``http`` and ``https`` URLs, at every hop: a redirect to ``file:`` or
    ``ftp:`` is refused like a URL given with that scheme. At most
    ``Limits.max_redirects`` redirects, each followed by hand so each is checked.
    A connect and read timeout, and one deadline for the whole transfer, so a
    server that sends a byte a second cannot hold a worker forever. The body is
    read in chunks and refused as soon as it passes ``Limits.max_bytes`` (a
    ``Content-Length`` over the limit is refused before anything is read). The
    content type is checked before the body is read, so a PDF or an image costs
    nothing. Every request says who we are in its ``User-Agent``.

    Only public addresses, unless ``Limits.allow_private``: a host that resolves
    to a loopback, private, link-local or otherwise non-global address is refused
    before anything is sent, at every hop, so a feed URL typed into the admin
    cannot make the server read its own network (a cloud's metadata service, an
    intranet page) and show it as an article. The check resolves the name once
    and urllib3 resolves it again to connect; a name that changes its answer in
    between is not caught.

Every refusal is a ``FetchError`` whose message completes "URL: ..." in one line.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3

USER_AGENT = "FakesWatch/0.1 (news reader for a counterfeit-enforcement dashboard)"
_SCHEME_LIST = "http https"
_HTML_TYPE_LIST = "text/html application/xhtml+xml"
_FEED_TYPE_LIST = """
    application/rss+xml application/atom+xml application/rdf+xml application/xml text/xml
"""
SCHEMES = frozenset(_SCHEME_LIST.split())


@dataclass(frozen=True)
class Wanted:
    """The content types a fetch accepts, and what to call them in an error."""

    types: frozenset[str]
    label: str


HTML = Wanted(frozenset(_HTML_TYPE_LIST.split()), "an HTML page")
FEED = Wanted(frozenset(_FEED_TYPE_LIST.split()), "an RSS or Atom feed")
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"
REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))


class FetchError(Exception):
    """A URL that could not be read; the message says why in a few words."""


@dataclass(frozen=True)
class Limits:
    """How far one fetch may go. ``from_settings`` in the Django side fills these."""

    timeout: float = 10.0  # seconds to connect, between reads, and for the whole body
    max_bytes: int = 2 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_private: bool = False  # loopback, private and link-local addresses: your own network


@dataclass(frozen=True)
class Fetched:
    """A document as the server sent it, after redirects."""

    url: str  # the URL asked for
    final_url: str  # where the redirects ended
    body: bytes
    content_type: str  # "text/html", without parameters
    charset: str | None


def check_scheme(url: str) -> None:
    """Refuse anything but an absolute http(s) URL with a host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"'{scheme}:'" if scheme else "a URL without a scheme"
        raise FetchError(f"only http and https URLs can be read, not {shown}")
    if not parts.hostname:
        raise FetchError("the URL names no host")


def check_host(url: str, limits: Limits) -> None:
    """Refuse a host on the machine's own network unless the limits allow it."""
    if limits.allow_private:
        return
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        answers = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        raise FetchError("the host name could not be found") from None
    for *_rest, address in answers:
        ip = ipaddress.ip_address(address[0].split("%")[0])
        if not ip.is_global:
            raise FetchError(
                f"{parts.hostname} is a private or local address ({ip}); set "
                "INGEST_ALLOW_PRIVATE_HOSTS=1 to read pages on your own network"
            )


_POOLS: dict[tuple, urllib3.PoolManager] = {}


def _pool(limits: Limits) -> urllib3.PoolManager:
    """One connection pool per set of limits, kept for the process's life."""
    key = (limits.timeout,)
    if key not in _POOLS:
        _POOLS[key] = urllib3.PoolManager(
            num_pools=20,
            timeout=urllib3.Timeout(connect=limits.timeout, read=limits.timeout),
            retries=False,  # redirects and retries are ours to count
        )
    return _POOLS[key]


def fetch(url: str, *, limits: Limits, wanted: Wanted = HTML) -> Fetched:
    """GET ``url`` and return its body; raise ``FetchError`` for anything outside the rules."""
    check_scheme(url)
    deadline = time.monotonic() + limits.timeout
    current = url.strip()
    for _hop in range(limits.max_redirects + 1):
        check_host(current, limits)
        response = _request(current, limits)
        read_to_end = False
        try:
            if response.status in REDIRECT_STATUSES:
                target = response.headers.get("Location")
                if not target:
                    raise FetchError(f"the server redirected ({response.status}) to nowhere")
                current = urljoin(current, target.strip())
                check_scheme(current)
                continue
            if response.status >= 400:
                reason = f" {response.reason}" if response.reason else ""
                raise FetchError(f"the server answered {response.status}{reason}")
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            if content_type not in wanted.types:
                raise FetchError(f"is {content_type or 'of no stated type'}, not {wanted.label}")
            body = _read_body(response, limits, deadline)
            read_to_end = True
            return Fetched(url, current, body, content_type, charset)
        finally:
            if not read_to_end:
                response.close()  # an unread body must not reach the next request on it
            response.release_conn()
    raise FetchError(
        f"more than {limits.max_redirects} redirects (the last pointed to {current}); "
        "give the final URL instead"
    )


def _request(url: str, limits: Limits):
    try:
        return _pool(limits).request(
            "GET",
            url,
            headers={"User-Agent": limits.user_agent, "Accept": ACCEPT},
            redirect=False,
            preload_content=False,
        )
    except urllib3.exceptions.ReadTimeoutError:
        raise FetchError(f"no answer within {limits.timeout:g} seconds (timed out)") from None
    except urllib3.exceptions.NewConnectionError as error:
        raise FetchError(_connection_problem(error)) from None
    except urllib3.exceptions.ConnectTimeoutError:
        raise FetchError(f"could not connect within {limits.timeout:g} seconds") from None
    except urllib3.exceptions.MaxRetryError as error:
        raise FetchError(_connection_problem(error.reason)) from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(_connection_problem(error)) from None


def _connection_problem(error) -> str:
    text = str(error)
    if "Name or service not known" in text or "getaddrinfo" in text or "resolve" in text:
        return "the host name could not be found"
    if "Connection refused" in text:
        return "the server refused the connection"
    return f"could not be fetched ({type(error).__name__})"


def _content_type(header: str) -> tuple[str, str | None]:
    main, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return main.strip().lower(), charset


def _read_body(response, limits: Limits, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(_too_large(int(declared), limits))
    chunks, size = [], 0
    try:
        for chunk in response.stream(64 * 1024, decode_content=True):
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(_too_large(size, limits, at_least=True))
            if time.monotonic() > deadline:
                raise FetchError(
                    f"the page took more than {limits.timeout:g} seconds to arrive (timed out)"
                )
            chunks.append(chunk)
    except urllib3.exceptions.ReadTimeoutError:
        raise FetchError(
            f"the page stopped arriving for {limits.timeout:g} seconds (timed out)"
        ) from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(
            f"the page could not be read to its end ({type(error).__name__})"
        ) from None
    if time.monotonic() > deadline:
        raise FetchError(
            f"the page took more than {limits.timeout:g} seconds to arrive (timed out)"
        )
    return b"".join(chunks)


def _too_large(size: int, limits: Limits, at_least: bool = False) -> str:
    shown = f"{size / 1024 / 1024:.1f} MB"
    return (
        f"is {'over ' if at_least else ''}{shown}, over the "
        f"{limits.max_bytes / 1024 / 1024:.1f} MB limit (raise INGEST_MAX_BYTES to read it)"
    )
