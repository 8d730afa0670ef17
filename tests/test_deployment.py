"""Safe on the open internet (issue 9, item 13): TLS settings, HSTS, CSP, the usual headers."""

from __future__ import annotations

import json

from django.conf import settings
from django.urls import reverse

from enforcement.settings import csp_hash
from tests.test_settings import run_manage

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 30 + "-production-secret-" + "z" * 30,
    "DJANGO_ALLOWED_HOSTS": "fakes.example.org",
    "DJANGO_HTTPS": "1",
}


def test_check_deploy_reports_no_issues_with_https_on():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


HEADERS_SCRIPT = """
import json
from django.test import Client
client = Client(HTTP_HOST="fakes.example.org")
# A CSV export: a real page that needs no collected static files.
plain = client.get("/events/?format=csv", HTTP_X_FORWARDED_PROTO="http")
tls = client.get("/events/?format=csv", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "tls_status": tls.status_code,
    "headers": dict(tls.headers),
    "cookie_secure": __import__("django.conf").conf.settings.SESSION_COOKIE_SECURE,
    "csrf_secure": __import__("django.conf").conf.settings.CSRF_COOKIE_SECURE,
}))
"""


def test_behind_a_tls_proxy_http_is_redirected_and_https_gets_hsts_and_csp(tmp_path):
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    migrate = run_manage("migrate", "-v0", **env)
    assert migrate.returncode == 0, migrate.stderr
    result = run_manage("shell", "--no-imports", "-c", HEADERS_SCRIPT, **env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://fakes.example.org/events/?format=csv"
    assert seen["tls_status"] == 200
    headers = {key.lower(): value for key, value in seen["headers"].items()}
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["strict-transport-security"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert "content-security-policy" in headers
    assert seen["cookie_secure"] and seen["csrf_secure"]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def test_every_page_carries_a_csp_that_allows_only_our_own_scripts_and_styles(client, populated):
    for url in (reverse("enforcement:overview"), reverse("admin:login")):
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        # Only the fixed style attributes plotly.js writes, each by its hash.
        assert policy["style-src-attr"][0] == "'unsafe-hashes'"
        allowed = {csp_hash(value) for value in settings.PLOTLY_STYLE_ATTRIBUTES}
        assert set(policy["style-src-attr"][1:]) == allowed
        assert "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='" in allowed  # style=""
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]


GC_SCRIPT = """
import gc, json, sys
import enforcement.wsgi as wsgi
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "tracked": len(gc.get_objects()),
    "threshold": gc.get_threshold(),
    "young": wsgi.YOUNG_GENERATION,
    "views_loaded": "enforcement.views" in sys.modules,
}))
"""


def test_the_wsgi_application_loads_the_views_and_freezes_them_out_of_the_collectors_walk():
    result = run_manage("shell", "-c", GC_SCRIPT, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["views_loaded"]
    # What the process keeps is frozen; what the collector still walks is a small remainder.
    assert found["frozen"] > 10 * found["tracked"]
    assert found["threshold"][0] == found["young"] > 700
