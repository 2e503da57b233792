"""The drafters' page in a real headless Chromium, driven as a person uses it: choose the example report and
check it, see its findings, click one and land on its place in the text, and take back the reviewed Word copy
of a Word report.  Skips when Chromium is absent (as the HTML report's browser test does), fails then under
REPORT_LINT_REQUIRE_BROWSER (set by .ci/run).  Screenshots go to tests/artifacts/."""
from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from browser import headless_chromium, require_browser
from conftest import EXAMPLE, ROOT
from serving import Server, cli_json

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()   # (before the server starts)
    running = Server(tmp_path_factory.mktemp("serve-browser"))
    yield running
    running.stop()


@pytest.fixture
def browser(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = headless_chromium(tmp_path, 1400, 1000, downloads)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _check(driver, server, path):
    """Open the page, choose the file in the form and check it; the answer page once it is there."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(server.url)
    driver.find_element(By.ID, "file").send_keys(str(path))
    assert path.name in driver.find_element(By.ID, "chosen").text
    driver.find_element(By.ID, "submit").click()
    WebDriverWait(driver, 120).until(lambda d: d.find_elements(By.ID, "report-name"))
    assert driver.find_element(By.ID, "report-name").text == path.name


def test_check_the_example_and_land_on_a_finding(browser, server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    expected = json.loads(cli_json(tmp_path, EXAMPLE.name, EXAMPLE.read_bytes()))["files"][0]["findings"]
    _check(browser, server, EXAMPLE)
    items = browser.find_elements(By.CSS_SELECTOR, "li.finding")
    assert sorted(i.get_attribute("data-rule") for i in items) == sorted(f["rule"] for f in expected)
    assert all(i.is_displayed() for i in items[:3])
    marks = browser.find_elements(By.CSS_SELECTOR, ".src mark.s-error, .src mark.s-warning, .src mark.s-info")
    assert marks
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "serve-answer.png"))
    # the last finding of the report (far down the text): its link scrolls the text to its mark, on its line
    finding = max(expected, key=lambda f: f["line"])
    item = next(i for i in items if i.get_attribute("data-rule") == finding["rule"]
                and i.get_attribute("data-line") == str(finding["line"]))
    assert not _in_view(browser, browser.find_element(By.ID, item.find_element(By.CSS_SELECTOR, "a.goto")
                                                      .get_attribute("href").split("#")[1]))
    item.find_element(By.CSS_SELECTOR, "a.goto").click()
    target = item.find_element(By.CSS_SELECTOR, "a.goto").get_attribute("href").split("#")[1]
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return location.hash") == f"#{target}")
    mark = browser.find_element(By.ID, target)
    WebDriverWait(browser, 10).until(lambda d: _in_view(d, mark))
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert mark.text and mark.text in line
    assert finding["rule"] in (mark.get_attribute("title") or "")
    browser.save_screenshot(str(ARTIFACTS / "serve-finding.png"))


def test_download_the_reviewed_copy_of_a_word_report(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    import wordcheck
    from test_docx_review import drafted_report

    report = tmp_path / "洪泽区2023年报告.docx"
    report.write_bytes(drafted_report())
    _check(browser, server, report)
    tables = browser.find_elements(By.CSS_SELECTOR, "table.stat")
    assert len(tables) == 3 and browser.find_elements(By.CSS_SELECTOR, "table.stat td.s-error")
    browser.find_element(By.CSS_SELECTOR, "a.download[data-kind='reviewed']").click()
    saved = browser.downloads / "洪泽区2023年报告.reviewed.docx"
    deadline = time.monotonic() + 60
    while not saved.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert saved.is_file(), list(browser.downloads.iterdir())
    data = saved.read_bytes()
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    rules = {f["rule"] for f in server.check_json(report.name, report.read_bytes()).json()["files"][0]["findings"]}
    assert {r for c in wordcheck.comments(data).values() for r in c.rules} == rules


def _in_view(driver, element) -> bool:
    return driver.execute_script("var r = arguments[0].getBoundingClientRect();"
                                 "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;", element)


def test_a_file_over_the_limit_is_refused_before_it_is_sent(browser, tmp_path):
    from selenium.webdriver.common.by import By

    small = Server(tmp_path / "small", "--max-bytes", "1K")
    try:
        assert EXAMPLE.stat().st_size > 1024
        browser.get(small.url)
        browser.find_element(By.ID, "file").send_keys(str(EXAMPLE))
        problem = browser.find_element(By.ID, "problem")
        assert problem.is_displayed() and "1 KB" in problem.text
        browser.find_element(By.ID, "submit").click()
        time.sleep(1)
        assert not browser.find_elements(By.ID, "report-name") and browser.current_url == small.url
    finally:
        small.stop()


def test_a_report_dropped_on_the_page_is_checked(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url)
    text = EXAMPLE.read_text(encoding="utf-8")
    browser.execute_script("""
        var transfer = new DataTransfer();
        transfer.items.add(new File([arguments[0]], 'dropped.txt', {type: 'text/plain'}));
        var drop = document.getElementById('drop');
        drop.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));
        drop.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
    """, text)
    assert browser.find_element(By.ID, "chosen").text == "dropped.txt"
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.ID, "report-name"))
    assert browser.find_element(By.ID, "report-name").text == "dropped.txt"
    assert browser.find_elements(By.CSS_SELECTOR, "li.finding[data-rule='WORDING-KUOKUAN']")
