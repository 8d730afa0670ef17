"""The stylesheets plotly.js would inject, read from plotly.js itself in Chromium.

When it loads, plotly.js adds its rules in ``<style>`` elements (its own, built with
``insertRule``, and MapLibre's for maps), which a Content-Security-Policy without
'unsafe-inline' refuses. It adds none whose id is already on the page (its own one
also needs the class ``no-inline-styles``), so base.html links the same rules from our
static files under those ids. This module reads what plotly.js would add -- the
browser test compares it with the files -- and, run as a script, writes the files:

    .venv/bin/python -m tests.browser.plotly_css
"""

from __future__ import annotations

from pathlib import Path

import plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CSS_DIR = Path(__file__).resolve().parents[2] / "static" / "enforcement" / "css"
# The id of each <style> element plotly.js adds, and the file base.html links under it.
STYLE_FILES = {
    "plotly.js-style-global": "plotly.css",
    "9f215cf04c5486422605d13261cb87401f4e7763b6296af81e98efbc0130da53": "plotly-maplibre.css",
}
HEADER = (
    '/* Rules plotly.js {version} adds at run time in <style id="{id}">, served as a\n'
    "   file so that the Content-Security-Policy needs no 'unsafe-inline'.\n"
    "   Written by `python -m tests.browser.plotly_css`; do not edit by hand. */\n"
)


def injected_styles(page) -> dict[str, str]:
    """{element id: its CSS} for every <style> element plotly.js adds as it loads."""
    page.set_content("<!doctype html><html><head></head><body></body></html>")
    page.add_script_tag(path=str(PLOTLY_JS))
    version = page.evaluate("() => Plotly.version")
    # Its own element is filled by insertRule and has no text; MapLibre's is all text.
    found = page.evaluate(
        """() => Array.from(document.querySelectorAll('style'), style => [
            style.id,
            style.textContent ||
                Array.from(style.sheet.cssRules, rule => rule.cssText).join('\\n')])"""
    )
    return {
        element_id: HEADER.format(version=version, id=element_id) + css + "\n"
        for element_id, css in found
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for element_id, css in injected_styles(browser.new_page()).items():
            path = CSS_DIR / STYLE_FILES[element_id]
            path.write_text(css)
            print(f"wrote {path}")
        browser.close()


if __name__ == "__main__":
    main()
