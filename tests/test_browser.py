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


SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SCREENS = 6  # a lab page with the bundled data reads in at most this many 900-px screens


def screen_count(browser: webdriver.Chrome) -> float:
    return float(
        browser.execute_script("return document.documentElement.scrollHeight / window.innerHeight")
    )


def test_home_to_a_lab_to_an_event_and_its_source(tmp_path: Path) -> None:
    """The founding story on the first screens, in sentences with sources; the event's quote and
    source link one click away; the replacement chain with its legend; screenshots for the README."""
    driver = chromium(tmp_path, window="1200,900")
    try:
        with running_server(tmp_path / "graph.kgl") as base:
            driver.get(base + "/")
            assert driver.title.startswith("Labs")
            changes = driver.find_element(By.ID, "changes")
            assert changes.text == "Latest changes"
            first = driver.find_element(By.CSS_SELECTOR, "ul.stories li")
            assert first.find_element(By.TAG_NAME, "time").text and first.find_element(
                By.TAG_NAME, "a"
            )
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            assert driver.save_screenshot(str(SCREENSHOTS / "home.png"))
            # Labs most active first; the quiet ones folded away.
            labs = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#labs + table tbody th")]
            assert labs[:2] == ["OpenAI", "Anthropic"] or labs[:2] == ["Anthropic", "OpenAI"]
            driver.find_element(By.LINK_TEXT, "Anthropic").click()
            WebDriverWait(driver, 15).until(expected_conditions.title_contains("Anthropic"))
            assert driver.find_element(By.TAG_NAME, "h1").text == "Anthropic"
            # The page's style sheet passes its Content-Security-Policy (it is allowed by its hash).
            assert (
                driver.execute_script("return getComputedStyle(document.body).maxWidth") == "1024px"
            )
            headline = driver.find_element(By.CSS_SELECTOR, ".headline").text
            assert (
                "24 Feb 2026 Anthropic dropped “Pause scaling or delay deployment when safety lags”"
                in headline
            )
            assert "with a deadline of 27 Feb 2026, 17:01" in headline
            assert "designation as a supply-chain risk" in headline
            assert driver.save_screenshot(str(SCREENSHOTS / "anthropic.png"))
            # As it opens, before anything is unfolded: a few screens.
            assert screen_count(driver) <= SCREENS, (
                f"the lab page is {screen_count(driver):.1f} screens"
            )
            assert (SCREENSHOTS / "anthropic.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            # The chain of replacements, with its legend and text a reader can read.
            chains = driver.find_element(By.CSS_SELECTOR, "svg.chains")
            assert chains.size["width"] > 200 and chains.size["height"] > 50
            labels = [t.text for t in chains.find_elements(By.TAG_NAME, "text")]
            assert "weakened" in labels and "24 Feb 2026" in labels
            sizes = driver.execute_script(
                "return [...document.querySelectorAll('svg text')].map(t => parseFloat(getComputedStyle(t).fontSize))"
            )
            assert min(sizes) >= 14
            legend = driver.find_element(By.CSS_SELECTOR, ".legend").text
            assert "red, weakened" in legend and "blue, standing" in legend
            assert (
                driver.execute_script(
                    "return getComputedStyle(document.querySelector('.legend .c-weak')).color"
                )
                == "rgb(179, 38, 30)"
            )  # the legend's colours pass the page's policy too
            # An event: the headline's sentence leads to it; its sources are one click away.
            driver.find_element(
                By.PARTIAL_LINK_TEXT, "Anthropic dropped “Pause scaling or delay deployment"
            ).click()
            anchor = driver.execute_script("return location.hash").lstrip("#")
            event = driver.find_element(By.ID, anchor)
            assert event.is_displayed() and "24 Feb 2026" in event.text  # folded events open
            event.find_element(By.TAG_NAME, "summary").click()
            quotes = [q.text for q in event.find_elements(By.TAG_NAME, "blockquote")]
            assert any("no longer stick to its pledge" in q for q in quotes)
            link = event.find_element(By.CSS_SELECTOR, "p.meta a")
            assert (link.get_attribute("href") or "").startswith("https://cybernews.com/")
    finally:
        driver.quit()


def test_search(browser: webdriver.Chrome, tmp_path: Path) -> None:
    with running_server(tmp_path / "graph.kgl") as base:
        browser.get(base + "/")
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
