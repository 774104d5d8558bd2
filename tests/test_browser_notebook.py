"""A real Chromium clicks "Download as notebook" (下载为 Notebook) and gets a valid .ipynb of the view shown: the
link's inputs for a tab's main view, the sub-tab's own inputs when a sub-tab is open, Chinese on the Chinese page."""

import re
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest

from tests.browser import open_app_page
from tests.test_notebooks import assigned
from ui.i18n.en import EN
from ui.i18n.zh import ZH

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHINESE = re.compile(r"[\u4e00-\u9fff]{4}")


def download(page, words: dict, tmp_path: Path) -> nbformat.NotebookNode:
    """Open the share panel (once), click the notebook button, click the file's link: the notebook downloaded."""
    page.wait_for_function("window.playgroundRestored === true", timeout=180_000)  # the link's values are set
    if not page.locator("#notebook-button").is_visible():
        page.get_by_text(words["share.title"]).click()
    page.evaluate("document.querySelector('#notebook-file a[download]')?.remove()")  # only the new file's link
    page.get_by_role("button", name=words["share.notebook"], exact=True).click()
    link = page.locator("#notebook-file a[download]").first
    link.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    nb.metadata["file_name"] = info.value.suggested_filename
    return nb


def test_english_page_downloads_the_main_view_then_a_sub_tabs_view(app_url, tmp_path):
    text = 'Bob said: "\'); import os #" and left.'
    with open_app_page(f"{app_url}?tab=attention&text={quote(text, safe='')}&layer=3") as page:
        page.wait_for_function(
            "document.querySelector('#attention-head-plot .gtitle')?.textContent === 'Layer 3, head 0'", timeout=180_000
        )
        nb = download(page, EN, tmp_path)
        assert nb.metadata["file_name"] == "llm-playground-attention.ipynb"
        inputs = assigned(nb.cells[4].source)
        assert inputs["TEXT"] == text and inputs["LAYER"] == 3
        assert not CHINESE.search(nb.cells[0].source)
        page.get_by_role("tab", name=EN["pos.tab"], exact=True).click()
        page.get_by_role("tab", name=EN["pos.alibi.tab"], exact=True).click()
        nb = download(page, EN, tmp_path)
        assert nb.metadata["file_name"] == "llm-playground-pos-alibi.ipynb"
        assert assigned(nb.cells[4].source) == {"N_HEADS": 8, "N_POSITIONS": 16}


def test_chinese_page_downloads_a_chinese_notebook_with_the_links_inputs(app_url, tmp_path):
    with open_app_page(f"{app_url}?tab=positional&n=12&similarity=cosine", locale="zh-CN") as page:
        page.get_by_role("tab", name=ZH["pos.tab"], exact=True).wait_for(timeout=60_000)
        nb = download(page, ZH, tmp_path)
        assert nb.metadata["file_name"] == "llm-playground-positional.ipynb"
        inputs = assigned(nb.cells[4].source)
        assert inputs["N_POSITIONS"] == 12 and inputs["SIMILARITY"] == "cosine"
        assert CHINESE.search(nb.cells[0].source) and nb.cells[0].source.startswith(f"# {ZH['pos.tab']}")
