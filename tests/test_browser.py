"""The pages in a real browser: headless Chromium, driven by Selenium, against a real server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.server import running_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="no Chromium here: install Debian's chromium and chromium-driver "
    "(scripts/test.sh does so when it runs as root)",
)


def chromium(tmp_path: Path, window: str = "1200,1600") -> webdriver.Chrome:
    """Debian's Chromium, headless, with a new profile and no background traffic."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={window}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    driver = chromium(tmp_path)
    yield driver
    driver.quit()


def test_read_a_lab_page_and_search(browser: webdriver.Chrome, tmp_path: Path) -> None:
    with running_server(tmp_path / "graph.kgl") as base:
        browser.get(base + "/")
        assert browser.title.startswith("Labs")
        browser.find_element(By.LINK_TEXT, "Anthropic").click()
        WebDriverWait(browser, 15).until(expected_conditions.title_contains("Anthropic"))
        assert browser.find_element(By.TAG_NAME, "h1").text == "Anthropic"
        # The page's style sheet passes its Content-Security-Policy (it is allowed by its hash).
        assert browser.execute_script("return getComputedStyle(document.body).maxWidth") == "1024px"
        chains = browser.find_element(By.CSS_SELECTOR, "svg.chains")
        assert chains.size["width"] > 200 and chains.size["height"] > 50
        quotes = [q.text for q in browser.find_elements(By.TAG_NAME, "blockquote")]
        assert any("no longer stick to its pledge" in q for q in quotes)
        shot = tmp_path / "anthropic.png"
        assert browser.save_screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

        box = browser.find_element(By.ID, "q")
        box.send_keys("superalignment")
        box.submit()
        WebDriverWait(browser, 15).until(expected_conditions.title_contains("Search"))
        link = browser.find_element(By.PARTIAL_LINK_TEXT, "Superalignment")
        link.click()
        WebDriverWait(browser, 15).until(expected_conditions.title_contains("Superalignment"))
        assert (
            browser.find_element(By.TAG_NAME, "h1").text
            == "20% of secured compute to Superalignment"
        )
        assert "never fulfilled its commitment" in browser.find_element(By.TAG_NAME, "main").text


def test_the_api_docs_render_without_the_internet(
    browser: webdriver.Chrome, tmp_path: Path
) -> None:
    """Swagger UI from the app's own assets, under the docs' Content-Security-Policy."""
    with running_server(tmp_path / "graph.kgl") as base:
        browser.get(base + "/docs")
        WebDriverWait(browser, 30).until(
            expected_conditions.text_to_be_present_in_element(
                (By.CSS_SELECTOR, ".swagger-ui .info"), "pledgegraph"
            )
        )
        operations = browser.find_elements(By.CSS_SELECTOR, ".opblock")
        assert len(operations) > 20
