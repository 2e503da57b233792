"""The HTML report in a real headless Chromium: it opens without network, a click leads into a report whose
highlighted finding is visible, and text from documents stays text.  A screenshot is saved to
tests/artifacts/ for people to look at."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from browser import headless_chromium
from conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"

HOSTILE = """某县人民政府
2023年政府信息公开工作年度报告
一、总体情况
本报告包含<script>window.__pwned = 1;</script>和<img src=x onerror="window.__pwned=2">文字。
二、主动公开政府信息情况
"""


def _write_report(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(CORPUS / "2023-shuyang-fgj.md", folder / "2023-shuyang-fgj.md")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    from tests.batchgen import generate

    manifest = generate(folder / "pairs", agencies=6)  # agency 5 carries over a number last year never carried
    assert len(manifest.carry) == 1
    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "linter", "check", str(folder), "--format", "html", "--output", str(out),
                           "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode in (0, 1), proc.stderr
    return out


def test_html_is_self_contained_and_escaped(tmp_path):
    page = _write_report(tmp_path).read_text(encoding="utf-8")
    import re

    # no resource is loaded from anywhere: no src/href to other places, no stylesheets or imports
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert '<img src=x' not in page
    assert page.count("<script>") == 1  # our own script only


def test_html_report_in_headless_chromium(tmp_path):
    from selenium.webdriver.common.by import By

    driver = headless_chromium(tmp_path)
    from selenium.webdriver.support.ui import WebDriverWait

    def shown_report():
        """The report section a click opened: the page shows it on `hashchange`, which may come after the click returns."""
        return WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "section.report.shown"))
    try:
        out = _write_report(tmp_path)
        driver.get(out.as_uri())
        overview = driver.find_element(By.ID, "overview")
        assert overview.is_displayed()
        rows = driver.find_elements(By.CSS_SELECTOR, "table.ov tbody tr")
        assert len(rows) == 14
        rule_filter = driver.find_element(By.CSS_SELECTOR, "#f-rule option[value='STRUCT-SECTION-MISSING']")
        assert driver.find_element(By.CSS_SELECTOR, "svg rect").is_displayed()  # the chart
        # sorting by a count column puts the report with the most errors first on the second click
        header = driver.find_elements(By.CSS_SELECTOR, "table.ov th")[3]
        errors = lambda: [int(r.find_elements(By.TAG_NAME, "td")[3].text)  # noqa: E731
                          for r in driver.find_elements(By.CSS_SELECTOR, "table.ov tbody tr")]
        header.click()
        assert errors() == sorted(errors())
        header.click()
        assert errors() == sorted(errors(), reverse=True) and errors()[0] > errors()[-1]
        # the filter by agency hides the other reports
        hostile_row = next(r for r in rows if "hostile.txt" in r.text)
        driver.find_element(By.CSS_SELECTOR, "#f-agency option[value='沭阳县发展和改革局']").click()
        assert not hostile_row.is_displayed()
        driver.find_element(By.CSS_SELECTOR, "#f-agency option[value='']").click()
        assert hostile_row.is_displayed()
        rule_filter.click()  # only the hostile report misses sections
        shown = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.ov tbody tr") if r.is_displayed()]
        assert len(shown) == 1 and "hostile.txt" in shown[0]
        driver.find_element(By.CSS_SELECTOR, "#f-rule option[value='']").click()
        # click into the hostile report: its findings are highlighted and visible; its text stayed text
        hostile_row.find_element(By.TAG_NAME, "a").click()
        section = shown_report()
        assert not overview.is_displayed()
        assert "<script>window.__pwned = 1;</script>" in section.text
        assert driver.execute_script("return window.__pwned === undefined")
        marks = section.find_elements(By.CSS_SELECTOR, "mark.s-error")
        assert marks and marks[0].is_displayed()
        # from the finding list, the link leads to the highlighted place
        link = section.find_element(By.CSS_SELECTOR, "ol.findings a.goto")
        target = link.get_attribute("href").split("#", 1)[1]
        link.click()
        assert driver.find_element(By.ID, target).is_displayed()
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "html-report-hostile.png"))
        # back to the overview and into the real report
        driver.execute_script("location.hash = ''")
        real = next(r for r in driver.find_elements(By.CSS_SELECTOR, "table.ov tbody tr") if "shuyang" in r.text)
        real.find_element(By.TAG_NAME, "a").click()
        section = shown_report()
        assert section.find_elements(By.CSS_SELECTOR, "table.doc")
        driver.save_screenshot(str(ARTIFACTS / "html-report-real.png"))
        # a cross-year mismatch colours the failing 表三 cell, and the link from the finding leads to it
        driver.execute_script("location.hash = ''")
        carry = next(r for r in driver.find_elements(By.CSS_SELECTOR, "table.ov tbody tr") if "a0005" in r.text
                     and "2023.md" in r.text)
        carry.find_element(By.TAG_NAME, "a").click()
        section = shown_report()
        assert "表三" in [t.text for t in section.find_elements(By.CSS_SELECTOR, ".tname")]
        item = next(li for li in section.find_elements(By.CSS_SELECTOR, "ol.findings li") if "XY-CARRY" in li.text)
        item.find_element(By.CSS_SELECTOR, "a.goto").click()
        cell = section.find_element(By.CSS_SELECTOR, "td.s-error mark")
        assert cell.is_displayed() and cell.text == "1"
        driver.save_screenshot(str(ARTIFACTS / "html-report-cross-year.png"))
    finally:
        driver.quit()
