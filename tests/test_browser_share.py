"""A real Chromium: a shared link restores its view, a bad link falls back with a sentence, Share gives a link
and a QR code that reads back, every chart exports SVG/PNG/CSV and a table, and the keyboard reaches it all."""

import csv
import io
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest

from tests.browser import open_app_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]
HEAD_PLOT = "#attention-head-plot"
CHART = f"document.querySelector('{HEAD_PLOT} .js-plotly-plot')"


def title_is(page, selector: str, title: str) -> None:
    page.wait_for_function(
        "([s, t]) => document.querySelector(s + ' .gtitle')?.textContent === t", arg=[selector, title], timeout=120_000
    )


def value_of(page, label: str) -> str:
    return page.get_by_label(label, exact=True).first.input_value()


def drawn_csv(page) -> list[list[str]]:
    return list(csv.reader(io.StringIO(page.evaluate(f"window.playgroundCsv({CHART})"))))


def matrix(rows: list[list[str]]) -> tuple[list[str], list[list[float]]]:
    return rows[0][1:], [[float(v) if v else float("nan") for v in row[1:]] for row in rows[1:]]


def test_a_shared_link_restores_the_tab_its_inputs_and_the_drawn_view(app_url, client):
    text = "你好，世界! The cat sat."
    link = f"{app_url}?tab=attention&model=SmolLM2-135M-Instruct&text={quote(text)}&layer=13&head=7"
    with open_app_page(link) as page:
        title_is(page, HEAD_PLOT, "Layer 13, head 7 (key/value head 2)")
        assert page.get_by_role("tab", name="Attention", exact=True).get_attribute("aria-selected") == "true"
        assert page.locator("#attention-text textarea").input_value() == text
        assert value_of(page, "number input for layer") == "13" and value_of(page, "number input for head") == "7"
        api = client.predict(text=text, model="SmolLM2-135M-Instruct", layer=13, head=7, api_name="/attention")
        labels, drawn = matrix(drawn_csv(page))
        assert len(labels) == len(api["tokens"]) and "你…" in labels  # the tokens as the tab shows them
        for row_drawn, row_api in zip(drawn, api["attention"], strict=True):
            for i, (d, a) in enumerate(zip(row_drawn, row_api, strict=True)):
                assert (d != d and a == 0) or abs(d - a) < 1e-4, (i, d, a)  # NaN: the masked future (grey)
        page.wait_for_url(lambda url: "layer=13" in url and "head=7" in url)  # the address bar keeps the view's link
        assert page.locator("#share-note").inner_text().strip() == ""


def test_a_shared_prompt_is_restored_and_rendered(app_url):
    template, values = "Q: {q}\nA:", "q = 北京在哪里?"
    with open_app_page(f"{app_url}?tab=prompts&template={quote(template)}&values={quote(values)}") as page:
        page.wait_for_function(
            "Array.from(document.querySelectorAll('textarea')).some(t => t.value === 'Q: 北京在哪里?\\nA:')",
            timeout=120_000,
        )  # the prompt exactly as the model receives it: the template filled with the link's values
        assert page.get_by_role("tab", name="Prompts", exact=True).get_attribute("aria-selected") == "true"
        assert page.locator("#prompts-template textarea").input_value() == template


def test_a_bad_link_shows_the_defaults_and_says_why(app_url):
    with open_app_page(f"{app_url}?tab=positional&n=-3&d=64&dims=0,1,40&colour=red") as page:
        title_is(page, ".pos-plot", "PE: 128 positions × 64 dimensions")
        note = page.locator("#share-note")
        note.get_by_text("n: -3 is outside 1..1024").wait_for(timeout=30_000)
        assert "'colour' is not an input of the positional tab" in note.inner_text()
    with open_app_page(f"{app_url}?tab=attention&layer=12&text=Hi%20there&head=x") as page:  # MiniLM: 6 layers
        page.locator("#share-note").get_by_text("the view refused the link's values").wait_for(timeout=120_000)
        title_is(page, HEAD_PLOT, "Layer 2, head 0")
        assert "from 0 to 5" in page.locator("#share-note").inner_text()
        assert "head: 'x' is not a number" in page.locator("#share-note").inner_text()
        assert page.locator("#attention-text textarea").input_value().startswith("The animal")  # the default


def test_share_gives_the_link_its_qr_code_and_the_views_code(app_url):
    import zxingcpp
    from PIL import Image

    with open_app_page(app_url, tab="Attention") as page:
        title_is(page, HEAD_PLOT, "Layer 2, head 0")
        page.locator("#attention-text textarea").fill("我爱北京天安门。")
        page.get_by_text("Share this view, its QR code and its code").click()
        page.locator("#share-button").click()
        link_box = page.locator("#share-link textarea, #share-link input").first
        page.wait_for_function("document.querySelector('#share-qr svg') !== null", timeout=30_000)
        link = link_box.input_value()
        assert link == f"{app_url}?tab=attention&text=" + quote("我爱北京天安门。", safe="")
        page.wait_for_url(lambda url: url == link)  # the address bar holds it too
        png = page.locator("#share-qr").screenshot()
        assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))] == [link]
        code = page.locator("#share-code").inner_text()
        assert "out.attentions[2][0, 0]" in code and "我爱北京天安门。" in code


def test_every_chart_exports_svg_png_csv_and_a_table(app_url, client):
    with open_app_page(f"{app_url}?tab=attention&text=The%20cat%20sat.&layer=1&head=3") as page:
        title_is(page, HEAD_PLOT, "Layer 1, head 3")
        chart = page.locator(HEAD_PLOT)
        with page.expect_download() as svg_download:
            chart.get_by_role("button", name="Download as SVG (slide, 16:9)").click()
        assert svg_download.value.suggested_filename == "Layer-1-head-3.svg"
        svg = ET.parse(svg_download.value.path()).getroot()
        assert (svg.get("width"), svg.get("height")) == ("1920", "1080")
        assert "Layer 1, head 3" in "".join(svg.itertext())
        with page.expect_download() as png_download:
            chart.get_by_role("button", name="Download as PNG (1920 × 1080)").click()
        from PIL import Image

        assert Image.open(png_download.value.path()).size == (1920, 1080)
        with page.expect_download() as csv_download:
            chart.get_by_role("button", name="Download the numbers as CSV").click()
        rows = list(csv.reader(open(csv_download.value.path(), encoding="utf-8-sig")))
        api = client.predict(text="The cat sat.", model="all-MiniLM-L6-v2", layer=1, head=3, api_name="/attention")
        labels, drawn = matrix(rows)
        assert labels == api["tokens"] and [row[0] for row in rows[1:]] == api["tokens"]
        pairs = [(d, a) for rd, ra in zip(drawn, api["attention"], strict=True) for d, a in zip(rd, ra, strict=True)]
        assert max(abs(d - a) for d, a in pairs) < 1e-5
        chart.get_by_role("button", name="Show or hide the numbers as a table").click()
        table = chart.get_by_role("region", name="numbers of Layer 1, head 3")
        assert table.locator("th[scope=col]").all_inner_texts()[1:] == api["tokens"]
        assert len(table.locator("tbody tr").all()) == len(api["tokens"])
        chart.get_by_role("button", name="Show or hide the numbers as a table").click()
        assert table.count() == 0


def focus_by_tab(page, name: str, presses: int = 80) -> None:
    """Press Tab until the focused element is called `name` (its text or aria-label)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return (e.getAttribute('aria-label') || e.textContent || '').trim(); })()"
        )
        if focused == name:
            return
    pytest.fail(f"{name!r} is not reachable with the Tab key")


def test_the_keyboard_reaches_the_tabs_the_buttons_and_the_chart_tools(app_url):
    with open_app_page(app_url, tab="Positional encoding") as page:  # the first tab is Tokens (no chart)
        title_is(page, ".pos-plot", "PE: 128 positions × 128 dimensions")
        page.locator("body").click(position={"x": 2, "y": 2})
        focus_by_tab(page, "Attention")
        page.keyboard.press("Enter")
        tab = page.get_by_role("tab", name="Attention", exact=True)
        page.wait_for_function("el => el.getAttribute('aria-selected') === 'true'", arg=tab.element_handle())
        title_is(page, HEAD_PLOT, "Layer 2, head 0")
        focus_by_tab(page, "number input for layer")
        page.keyboard.press("ArrowUp")  # layer 3
        focus_by_tab(page, "Show attention")
        page.keyboard.press("Enter")
        title_is(page, HEAD_PLOT, "Layer 3, head 0")
        focus_by_tab(page, "Download as SVG (slide, 16:9)")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "Layer-3-head-0.svg"
        # the address follows the tab chosen with the keyboard (once the page's own restore has finished)
        page.wait_for_url(lambda url: url.endswith("/?tab=attention"))


def test_a_link_opens_a_sub_tab_and_the_address_follows_the_sub_tabs(app_url):
    with open_app_page(f"{app_url}?tab=losses&sub=loss-causal") as page:
        sub = page.get_by_role("tab", name="Causal LM", exact=False).first
        page.wait_for_function("el => el.getAttribute('aria-selected') === 'true'", arg=sub.element_handle())
        page.get_by_text("Surprisal of each token given the ones before it").first.wait_for(timeout=120_000)
        page.wait_for_url(lambda url: url.endswith("/?tab=losses&sub=loss-causal"))
        page.get_by_role("tab", name="Positional encoding", exact=True).click()
        page.wait_for_url(lambda url: url.endswith("/?tab=positional"))
        page.get_by_role("tab", name="ALiBi", exact=True).click()
        page.wait_for_url(lambda url: url.endswith("/?tab=positional&sub=pos-alibi"))
        page.get_by_role("tab", name="Losses", exact=True).click()
        page.wait_for_url(lambda url: url.endswith("/?tab=losses&sub=loss-causal"))  # each tab keeps its sub-tab
        page.get_by_text("Share this view, its QR code and its code").click()
        page.locator("#share-button").click()
        link = page.locator("#share-link textarea, #share-link input").first
        page.wait_for_function("(el) => el.value.includes('sub=loss-causal')", arg=link.element_handle())
