"""Headless Chromium for the browser tests (the HTML report, the web page): skipped with the reason when
Chromium or chromedriver is absent, a failure then under REPORT_LINT_REQUIRE_BROWSER (set by .ci/run, which
installs them); never a driver downloaded, never a network request of the browser's own."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def require_browser() -> None:
    """Skip (or, under REPORT_LINT_REQUIRE_BROWSER, fail) the test when there is no Chromium to drive."""
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("REPORT_LINT_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are required here but not installed")
        pytest.skip("chromium/chromedriver not installed (.ci/run installs them)")


def headless_chromium(tmp_path: Path, width: int = 1280, height: int = 1000, downloads: Path | None = None):
    """A Selenium driver of a fresh headless Chromium (its profile under tmp_path); files it downloads go to
    `downloads`."""
    require_browser()
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},{height}"):
        options.add_argument(arg)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    if downloads is not None:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver
