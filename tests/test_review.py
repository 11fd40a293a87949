from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from claim_rows import make_claim
from extractor.models import ExtractorError
from extractor.review import render_review, write_review

ZH_TEXT = ("2025年，我国人工智能核心产业规模达1.2万亿元，同比增长28.5%。\n"
           "智能眼镜销量178万副。<script>alert(1)</script>企业数量超过5000家。")
EN_TEXT = ("China's core AI industry reached 1.2 trillion yuan in 2025, up 28.5 percent. "
           "Smart glasses sales hit 178 million units. <script>document.title='pwned'</script> "
           "<img src=x onerror=\"document.title='pwned'\"> It has 12 robots & 3 drones.")
TITLE = "review of run 7"


def _claim(doc_id: str, text: str, surface: str, value: float, **fields) -> dict:
    start = text.index(surface)
    sentence = next(s for s in re.split(r"(?<=。)\n?|(?<=\.) ", text) if surface in s)
    return make_claim(doc_id, start, surface, value, sentence=sentence, **fields)


@pytest.fixture
def review_input() -> tuple[pd.DataFrame, dict[str, str], pd.DataFrame]:
    claims = pd.DataFrame([
        _claim("report", ZH_TEXT, "1.2万亿元", 1.2e12),
        _claim("report", ZH_TEXT, "28.5%", 28.5, unit="%", role="growth_rate"),
        _claim("report", ZH_TEXT, "178万副", 1.78e6, unit="count", indicator="智能眼镜销量"),
        _claim("report", ZH_TEXT, "5000家", 5000, unit="count", indicator="企业数量"),
        _claim("news", EN_TEXT, "1.2 trillion yuan", 1.2e12, indicator="core AI industry", entity="China", lang="en"),
        _claim("news", EN_TEXT, "178 million units", 1.78e8, unit="count", indicator="smart glasses sales", entity="China", lang="en"),
        _claim("news", EN_TEXT, "12 robots", 12, unit="count", indicator="robots", entity="China", lang="en"),
    ])
    ids = dict(zip(claims["surface"], claims["claim_id"]))
    alignment = pd.DataFrame([
        {"en_claim_id": ids["1.2 trillion yuan"], "zh_claim_id": ids["1.2万亿元"], "status": "match", "score": 0.95, "note": ""},
        {"en_claim_id": "", "zh_claim_id": ids["5000家"], "status": "zh_only", "score": None, "note": "no English claim"},
        {"en_claim_id": ids["12 robots"], "zh_claim_id": None, "status": "unsupported", "score": 0.4, "note": "no Chinese claim"},
        {"en_claim_id": ids["178 million units"], "zh_claim_id": ids["178万副"], "status": "value_mismatch",
         "score": 0.8, "note": "value differs by 100x: 万 (1e4) rendered as million (1e6)"},
        {"en_claim_id": "", "zh_claim_id": ids["28.5%"], "status": "zh_only", "score": None, "note": "no English claim"},
    ])
    return claims, {"report": ZH_TEXT, "news": EN_TEXT}, alignment


def test_document_text_is_escaped(review_input):
    page = render_review(*review_input, title=TITLE)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert page.count("<script") == 2  # the JSON data block and the page's own script


def test_claim_fields_cannot_break_out_of_the_data_block(review_input):
    claims, texts, alignment = review_input
    claims.loc[0, "indicator"] = "</script><script>alert(2)</script> & <!--"
    page = render_review(claims, texts, alignment)
    assert "alert(2)</script>" not in page
    assert page.count("<script") == 2
    block = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["claims"][0]["indicator"] == "</script><script>alert(2)</script> & <!--"
    assert len(data["claims"]) == len(claims)


def test_content_security_policy_pins_the_page_script(review_input):
    page = render_review(*review_input)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing fetched


def test_claims_are_highlighted_in_place(review_input):
    page = render_review(*review_input)
    span = re.search(r'<span class="claim" data-status="value_mismatch" title="([^"]*)">178万副</span>', page)
    assert span, "the mismatched claim is wrapped in a span"
    tip = span.group(1)
    for part in ("1,780,000 count", "role level", "indicator 智能眼镜销量", "period 2025", "status value_mismatch"):
        assert part in tip
    assert re.search(r'<span class="claim"[^>]*>1\.2 trillion yuan</span>', page)
    assert '同比增长<a class="anchor" id="claim-1"></a><span class="claim" data-status="zh_only"' in page


def test_overlapping_claims_split_without_breaking_markup(review_input):
    claims, texts, _ = review_input
    overlapping = _claim("report", ZH_TEXT, "规模达1.2万亿", 1.2e12)
    page = render_review(pd.concat([claims, pd.DataFrame([overlapping])], ignore_index=True), texts)
    doc = re.search(r'<pre class="doc-text" lang="zh">(.*?)</pre>', page, re.S).group(1)
    assert doc.count("<span") == doc.count("</span>")
    assert re.sub(r"<[^>]+>", "", doc) == ZH_TEXT.replace("<", "&lt;").replace(">", "&gt;")
    pieces = re.findall(r'<span class="claim"[^>]*title="([^"]*)">([^<]*)</span>', doc)
    shared = [tip for tip, text in pieces if text == "1.2万亿"]
    assert len(shared) == 1 and "规模达1.2万亿: " in shared[0] and "\n1.2万亿元: " in shared[0]
    assert [text for _, text in pieces][:3] == ["规模达", "1.2万亿", "元"]


def test_claims_whose_offsets_miss_are_listed_not_highlighted(review_input):
    claims, texts, alignment = review_input
    claims.loc[3, "start"] += 1
    page = render_review(claims, texts, alignment)
    assert "1 claims whose offsets do not match this text" in page
    assert ">5000家</span>" not in page


def test_pairs_worst_first_with_both_sentences(review_input):
    page = render_review(*review_input)
    statuses = re.findall(r'<tr class="pair" data-status="([^"]+)">', page)
    assert statuses == ["value_mismatch", "unsupported", "zh_only", "zh_only", "match"]
    first = re.search(r'<tr class="pair" data-status="value_mismatch">(.*?)</tr>', page, re.S).group(1)
    assert "智能眼镜销量<mark>178万副</mark>。" in first
    assert "Smart glasses sales hit <mark>178 million units</mark>." in first
    assert "万 (1e4) rendered as million (1e6)" in first


def test_missing_alignment_and_text(review_input):
    claims, texts, _ = review_input
    page = render_review(claims, {"report": texts["report"]})
    assert "No alignment in this run." in page
    assert "The text of this document was not given." in page


def test_refuses_tables_without_contract_columns(review_input):
    claims, texts, alignment = review_input
    with pytest.raises(ExtractorError, match="claims lack columns start"):
        render_review(claims.drop(columns="start"), texts)
    with pytest.raises(ExtractorError, match="alignment lacks columns status"):
        render_review(claims, texts, alignment.drop(columns="status"))


def test_write_review_is_atomic(tmp_path, review_input):
    page = render_review(*review_input)
    target = tmp_path / "run" / "review.html"
    write_review(target, "old")
    write_review(target, page)
    assert target.read_text(encoding="utf-8") == page
    assert [p.name for p in target.parent.iterdir()] == ["review.html"]


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1200"]


@pytest.fixture
def browser(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not installed: {CHROMIUM} missing (apt-get install chromium chromium-driver)")
    driver_path = CHROMEDRIVER if CHROMEDRIVER.exists() else shutil.which("chromedriver")
    if not driver_path:
        pytest.skip("chromium not installed: chromedriver missing (apt-get install chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("chromium not installed: the selenium package is missing (pip install selenium)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(driver_path)), options=options)
    driver.set_page_load_timeout(10)
    try:
        yield driver
    finally:
        driver.quit()


def test_page_in_headless_chromium(browser, tmp_path, review_input):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    began = time.monotonic()
    claims, _, _ = review_input
    page_path = tmp_path / "review.html"
    write_review(page_path, render_review(*review_input, title=TITLE))
    browser.get(page_path.as_uri())

    assert browser.title == TITLE, "a script from the document text ran"
    assert browser.find_elements(By.CSS_SELECTOR, "pre.doc-text img") == []
    pairs = browser.find_elements(By.CSS_SELECTOR, "tr.pair")
    assert pairs[0].get_attribute("data-status") == "value_mismatch"
    assert pairs[0].is_displayed()
    assert "178 million units" in pairs[0].text and "178万副" in pairs[0].text

    # The page's own script ran (allowed by its CSP hash): it filled the claims table.
    rows = browser.find_elements(By.CSS_SELECTOR, "#claims-table tbody tr")
    assert len(rows) == len(claims)
    value_button = browser.find_element(By.CSS_SELECTOR, 'button[data-key="value"]')
    value_button.click()
    values = [r.find_elements(By.TAG_NAME, "td")[4].text for r in
              browser.find_elements(By.CSS_SELECTOR, "#claims-table tbody tr")]
    assert values[0] == "12" and values[-1] == "1,200,000,000,000"
    value_button.click()
    first = browser.find_element(By.CSS_SELECTOR, "#claims-table tbody tr td:nth-child(5)").text
    assert first == "1,200,000,000,000"
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="status"]')).select_by_value("value_mismatch")
    shown = browser.find_elements(By.CSS_SELECTOR, "#claims-table tbody tr")
    assert {r.get_attribute("data-status") for r in shown} == {"value_mismatch"} and len(shown) == 2
    assert browser.find_element(By.ID, "claims-count").text == f"2 of {len(claims)} claims"

    screenshot = tmp_path / "review.png"
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 0
    assert time.monotonic() - began < 20
