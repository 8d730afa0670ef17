"""A news site on the loopback address, so that no test reaches the internet.

``local_web`` is a real HTTP server (``http.server`` in a thread) that serves
the pages and feeds in ``tests/fixtures/web/`` -- with navigation, share
buttons, related links, cookie banners and bylines, as news sites have them --
plus whatever a test adds: redirects, slow answers, oversize bodies, other
content types. ``{base}`` in a fixture file becomes the server's address. Every
request is recorded, so a test can show that something was *not* fetched.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "web"
HTML = "text/html; charset=utf-8"

# The site every test starts with: path -> (fixture file, content type).
SITE = {
    "/news/2024/03/customs-seize-fake-watches": ("port-seizure.html", HTML),
    "/crime/market-raid": ("market-raid.html", HTML),
    "/ecommerce/marketplace-fake-cosmetics": ("platform-takedown.html", HTML),
    "/feeds/crime.rss": ("news.rss", "application/rss+xml; charset=utf-8"),
    "/feeds/ecommerce.atom": ("news.atom", "application/atom+xml"),
}


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body (after the headers)
    drip: float = 0.0  # seconds between chunks of the body


class LocalWeb:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []  # (path, headers) of every request
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                web.requests.append((self.path, dict(self.headers)))
                path = urlsplit(self.path).path  # a query string does not change the page
                route = web.routes.get(path) or Route(404, b"not here", {"Content-Type": HTML})
                self.send_response(route.status)
                headers = {"Content-Length": str(len(route.body)), **route.headers}
                for name, value in headers.items():
                    if value is not None:
                        self.send_header(name, value)
                if headers["Content-Length"] is None:  # a body of unstated length ends at close
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                try:
                    time.sleep(route.delay)
                    if route.drip:
                        for start in range(0, len(route.body), 256):
                            self.wfile.write(route.body[start : start + 256])
                            self.wfile.flush()
                            time.sleep(route.drip)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def reset(self) -> None:
        self.requests.clear()
        self.routes.clear()
        for path, (name, content_type) in SITE.items():
            self.fixture(path, name, content_type)

    def fixture(self, path: str, name: str, content_type: str = HTML) -> None:
        text = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.base)
        self.add(path, text.encode("utf-8"), content_type)

    def add(self, path: str, body: bytes, content_type: str = HTML, **route) -> None:
        headers = {"Content-Type": content_type, **route.pop("headers", {})}
        self.routes[path] = Route(body=body, headers=headers, **route)

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.routes[path] = Route(status=status, headers={"Location": to})

    def fetched(self, path: str) -> int:
        """How many times ``path`` was asked for."""
        return sum(1 for asked, _headers in self.requests if asked == path)


@pytest.fixture(scope="session")
def _server():
    web = LocalWeb()
    yield web
    web.server.shutdown()


@pytest.fixture
def local_web(_server, settings) -> LocalWeb:
    """The site, reset; the ingest may read it although it is on the loopback address."""
    settings.INGEST_ALLOW_PRIVATE_HOSTS = True
    _server.reset()
    return _server
