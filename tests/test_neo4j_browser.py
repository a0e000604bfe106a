"""The Neo4j Browser on our graph, in headless Chromium: connect, style, draw what Anthropic dropped.

The Browser is the one the test Neo4j serves at /browser/ (Neo4j's own jar, scripts/neo4j/). The
test pastes the generated style (docs/neo4j/style.grass) and the guide's first picture query
(docs/neo4j/browser-guide.md) into the Browser's editor, as a user would, and checks the drawing.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from graph.cypher import QueryLibrary
from graph.loader import load_dataset
from pledgegraph.pipeline import read_dataset
from pledgegraph.stores import neo4j_store
from tests.conftest import Neo4jServer
from tests.script_player import split_statements
from tests.test_browser import CHROMEDRIVER, CHROMIUM, chromium
from tests.test_neo4j import settings_for

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / ".pledgegraph" / "screenshots" / "neo4j-browser-anthropic.png"

# Paste text into the Browser's editor (Monaco) the way a clipboard paste arrives.
PASTE = """
const [text] = arguments;
const area = document.querySelector('#monaco-main-editor textarea');
area.focus();
const data = new DataTransfer();
data.setData('text/plain', text);
area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    if not (CHROMIUM and CHROMEDRIVER):
        message = "no Chromium here: install Debian's chromium and chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    driver = chromium(tmp_path, "1400,1000")
    yield driver
    driver.quit()


def picture_block() -> str:
    guide = (ROOT / "docs" / "neo4j" / "browser-guide.md").read_text(encoding="utf-8")
    section = guide.split("### lab_dropped_graph", 1)[1]
    found = re.search(r"```cypher\n(.*?)```", section, re.DOTALL)
    assert found, "the guide has no picture of what a lab dropped"
    return found.group(1)


def one_line_style() -> str:
    style = (ROOT / "docs" / "neo4j" / "style.grass").read_text(encoding="utf-8")
    style = re.sub(r"/\*.*?\*/", "", style, flags=re.DOTALL)
    return " ".join(line.strip() for line in style.splitlines() if line.strip())


def run(browser: webdriver.Chrome, text: str) -> None:
    """Paste ``text`` into the editor and press its Run button; wait for the new frame."""
    frames = len(browser.find_elements(By.CSS_SELECTOR, "[data-testid=frame]"))
    browser.find_element(By.CSS_SELECTOR, "#monaco-main-editor").click()
    browser.execute_script(PASTE, text)
    browser.find_element(By.CSS_SELECTOR, "[data-testid=editor-Run]").click()
    WebDriverWait(browser, 30).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")) > frames
    )


def test_the_browser_draws_what_anthropic_dropped(
    browser: webdriver.Chrome, neo4j_server: Neo4jServer, queries: QueryLibrary
) -> None:
    settings = settings_for(neo4j_server)
    with neo4j_store(settings) as store:
        store.write([(queries["load/delete_all"], {})])
        load_dataset(store, queries, read_dataset(settings))
    try:
        assert neo4j_server.browser_url, "the test Neo4j does not say where its Browser is"
        host_port = neo4j_server.uri.split("://", 1)[1]
        browser.get(
            f"{neo4j_server.browser_url}?dbms=neo4j://{neo4j_server.user}@{host_port}"
            "&preselectAuthMethod=NATIVE"
        )
        wait = WebDriverWait(browser, 60)
        password = wait.until(
            expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=password]"))
        )
        password.send_keys(neo4j_server.password)
        browser.find_element(By.CSS_SELECTOR, "[data-testid=connect]").click()
        wait.until(
            expected_conditions.text_to_be_present_in_element(
                (By.TAG_NAME, "body"), "You are connected as user"
            )
        )

        run(browser, ":style " + one_line_style())
        for statement in split_statements(picture_block()):
            run(browser, statement)

        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "svg g.node")) >= 5)
        time.sleep(2)  # let the force layout settle before the picture is taken
        captions = set(
            browser.execute_script(
                "return Array.from(document.querySelectorAll('svg g.node'))"
                ".map(n => Array.from(n.querySelectorAll('text')).map(t => t.textContent.trim())"
                ".join(' '))"
            )
        )
        assert "Anthropic" in captions
        assert any(c.startswith("Pause scaling") for c in captions), captions
        assert any(c.startswith("Pete") for c in captions), captions  # who pressed it
        # The style is ours: the lab is drawn in the colour style.grass gives labs.
        lab_colour = re.search(r"node\.Lab \{\s*color: (#[0-9A-Fa-f]{6})", one_line_style())
        assert lab_colour
        fills = {
            c.get_attribute("fill").upper()
            for c in browser.find_elements(By.CSS_SELECTOR, "svg g.node circle.b-outline")
        }
        assert lab_colour.group(1).upper() in fills
        overview = browser.find_element(By.TAG_NAME, "body").text
        assert "DROPPED" in overview and "PRESSURED" in overview and "SUPERSEDED_BY" in overview

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        assert browser.save_screenshot(str(SCREENSHOT))
        assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        with neo4j_store(settings) as store:
            store.write([(queries["load/delete_all"], {})])
