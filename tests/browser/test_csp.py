"""The Content-Security-Policy in a real browser: the charts draw and nothing is refused."""

import pytest
from playwright.sync_api import expect

from enforcement.models import Article
from tests.browser.plotly_css import CSS_DIR, STYLE_FILES, injected_styles
from tests.browser.test_dashboard import PAGES, assert_charts_drawn

pytestmark = pytest.mark.browser

# Collects every violation the page reports, before any of its own scripts run.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_every_page_draws_its_charts_under_the_csp_with_no_violation(
    page, live_server, ingested, console_errors
):
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    urls = [*PAGES, Article.objects.first().get_absolute_url()]
    for url in urls:
        response = page.goto(live_server.url + url)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "style-src-attr 'unsafe-hashes' 'sha256-" in policy
        expect(page.locator("main h1")).to_be_visible()
        assert_charts_drawn(page)
        # Hovering a chart runs plotly's own hover styling (modebar, tooltips).
        charts = page.locator("[data-chart] .main-svg")
        if charts.count():
            charts.first.hover()
        assert page.evaluate("() => window.__cspViolations") == [], url
        assert console_errors == [], url
        # plotly.js found our stylesheet under its id and added no <style> of its own.
        assert page.evaluate("() => document.querySelectorAll('style').length") == 0, url


def test_the_admin_works_under_the_csp(page, live_server, admin_user, console_errors):
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))
    ).to_be_visible()
    page.goto(live_server.url + "/admin/enforcement/event/add/")
    expect(page.locator("#id_summary")).to_be_visible()
    assert page.evaluate("() => window.__cspViolations") == []
    # (The admin has no favicon link, so Chromium's own /favicon.ico request is a 404.)
    assert [error for error in console_errors if "Content Security Policy" in error] == []


def test_the_plotly_stylesheets_hold_what_plotly_js_would_inject(page):
    """If plotly is upgraded, this says to write static/enforcement/css/plotly*.css again."""
    injected = injected_styles(page)
    assert set(injected) == set(STYLE_FILES), (
        "a new <style> id: add it to STYLE_FILES and base.html"
    )
    for element_id, css in injected.items():
        path = CSS_DIR / STYLE_FILES[element_id]
        assert path.read_text() == css, "run: .venv/bin/python -m tests.browser.plotly_css"
