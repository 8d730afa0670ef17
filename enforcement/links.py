"""The one rule for links to other sites: only ``http`` and ``https``.

An article's URL comes from outside (a manifest, ``--url``, a feed, the admin)
and ends up in an ``href``. Browsers ignore leading and trailing spaces and
control characters, drop tabs and newlines anywhere, and read schemes
case-blind, so ``" JaVa\\tScRiPt:alert(1)"`` runs as script. ``web_url`` reads
a value the way a browser would and keeps it only when the scheme is http or
https and it names a host; everything that stores or renders a link goes
through it (the manifest, the command line, ``Article.url``'s validator and the
``web_url`` template filter). No Django here, so the file readers can use it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
# What a browser strips from both ends of a URL: C0 controls and space.
_EDGES = "".join(chr(code) for code in range(0x21))
# What a browser removes from anywhere inside it.
_DROPPED = str.maketrans("", "", "\t\n\r")


def web_url(value: str | None) -> str | None:
    """``value`` as a browser would read it, if that is an http(s) link to a host; else None."""
    if not value:
        return None
    url = value.strip(_EDGES).translate(_DROPPED)
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced IPv6 bracket, say
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return url


def web_url_problem(value: str) -> str | None:
    """Why ``value`` is not an acceptable link, in words for a person; None when it is."""
    if web_url(value) is None:
        return f"{value!r} is not a web address (only http:// and https:// links are kept)"
    return None
