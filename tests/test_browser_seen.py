"""Seen, not just present: every view's key outputs (`TAB.key_outputs`: each tab's main view, then one per sub-tab)
lie inside the viewport, unclipped, uncovered and readable, on a desktop (1400 x 900) and a phone (390 x 844), in
English and in Chinese, after the view's main action with realistic content (ACTIONS: a long sentence in the page's
language, 64 new tokens where a view generates).

One page per language walks every view: the view's tab and sub-tab are chosen at desktop width (a phone's tab bar
folds tabs into a menu), its action is done, then it is measured at desktop width and again at phone width. The
Fine-tune tab's key output, the pinned validation pairs, only fills during a run: tests/test_browser_finetune.py
checks it while its run goes, in both languages.
"""

import json
import time
from dataclasses import dataclass

import pytest

from tests.browser import open_app_page
from tests.visibility import assert_seen, measure, problems
from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.tabs import TABS

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DESKTOP, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}
DURING_A_RUN = {"finetune"}  # checked by tests/test_browser_finetune.py
assert DURING_A_RUN <= {tab.id for tab in TABS}, f"not tabs of ui.tabs.TABS: {DURING_A_RUN}"
LONG = {  # realistic content: a long sentence a student pastes, in the page's language
    "en": "After three long weeks of rain the old fishermen finally rowed out past the harbour wall at dawn, hoping"
    " the storm had driven the mackerel close to the shore, while their children watched from the cliffs above"
    " the town.",
    # within the Inside views' 64 tokens: SmolLM2's byte-level BPE spends about 2 tokens on a Chinese character
    "zh": "下了三个星期的雨之后，老渔民们终于在黎明时分划船出了港口。",
}
NEW_TOKENS = 64
DRAWN_JS = """([id, plot]) => {
  const el = document.getElementById(id);
  if (!el) return false;
  if (plot) return !!el.querySelector('.js-plotly-plot .main-svg .trace, .js-plotly-plot .hm');
  return !!el.querySelector('iframe') || el.innerText.trim().length > 20;  // bertviz draws in an iframe
}"""
FAILED_JS = """(id) => {
  const block = document.getElementById(id).closest('.block');
  const error = block && block.querySelector('[data-testid="status-tracker"] .error');
  return error ? error.closest('[data-testid="status-tracker"]').innerText.trim().slice(0, 200) : null;
}"""
SETTLED_JS = """(id) => {
  const block = document.getElementById(id).closest('.block');
  const tracker = block && block.querySelector('[data-testid="status-tracker"]');
  return !tracker || tracker.classList.contains('hide') || !!tracker.querySelector('.error');
}"""


@dataclass(frozen=True)
class Action:
    """A view's main action: the long sentence typed into `text` (a label key), the slider `tokens` (a label key)
    set to NEW_TOKENS, then `press` pressed (a '#elem_id', or a button's label key). Nothing: it draws on opening."""

    text: str | None = None
    tokens: str | None = None
    press: str | None = None


ACTIONS = {  # by the key output's elem_id
    "tokens-chips": Action("tokens.text", press="#tokens-compare-run"),
    "tokens-bpe-plot": Action(press="#tokens-bpe-run"),
    "tokens-ngram-plot": Action(press="#tokens-ngram-run"),
    "prompts-output": Action("prompts.template", "prompts.max_new", "#prompts-generate-button"),
    "prompts-side-output-0": Action(press="prompts.side.run"),
    "prompts-score-confusion": Action(press="prompts.score.run"),
    "attention-head-plot": Action("att.text", press="#attention-run"),
    "attention-head-view": Action(),  # drawn by the main view's run
    "attention-model-view": Action(),
    "attention-formula-weights": Action(press="att.formula.run"),
    "architecture-steps-plot": Action("arch.text", press="#architecture-steps-show"),
    "architecture-tree-plot": Action(),
    "architecture-seed-note": Action("arch.text", press="arch.seed.run"),
    "architecture-size-plot": Action(press="arch.size.run"),
    "inside-lens-plot": Action("inside.text", press="#inside-lens-button"),
    "inside-sinks-plot": Action("inside.text", press="inside.sinks.run"),
    "inside-patching-plot": Action(press="inside.patch.run"),
    "inside-kv-bytes-plot": Action("inside.kv.prompt", "inside.kv.tokens", "inside.kv.run"),
    "loss-summary-plot": Action("loss.text", press="loss.sum.run"),
    "loss-causal-plot": Action("loss.text", press="#loss-causal-run"),
    "loss-masked-plot": Action("loss.text", press="#loss-masked-run"),
    "loss-contrastive-sim-plot": Action(press="#loss-cl-run"),
    "loss-fine-tuning-plot": Action("loss.ft.a", press="loss.run"),
    "loss-prompt-plot": Action("loss.text", press="loss.run"),
    "pos-sinusoidal-plot": Action(),
    "pos-learned-sim-plot": Action(),
    "pos-rope-score-plot": Action(),
    "pos-alibi-weight-plot": Action(),
    "pos-seed-result": Action(press="pos.seed.run"),
}


def key(label) -> str:
    """The text key of a layout label (gradio keeps an I18nData as '__i18n__{"key": ...}')."""
    text = str(label)
    return json.loads(text.removeprefix("__i18n__"))["key"] if text.startswith("__i18n__") else text


def subtab_of(component):
    """The gr.Tab (with an id) the component sits in, if any."""
    block = component.parent
    while block is not None and not (block.__class__.__name__ == "Tab" and getattr(block, "id", None)):
        block = block.parent
    return block


def is_plot(component) -> bool:
    return component.__class__.__name__ == "Plot"


def target(component) -> str:
    return f"#{component.elem_id} .js-plotly-plot" if is_plot(component) else f"#{component.elem_id}"


def shown(page, locator):
    """The first of the locator's matches that is visible (the same label sits in several sub-tabs)."""
    return locator.locator("visible=true").first


def act(page, action: Action, words: dict, language: str) -> None:
    """Do the view's main action as a student would."""
    if action.text:
        shown(page, page.get_by_label(words[action.text], exact=True)).fill(LONG[language])
    if action.tokens:
        box = shown(page, page.get_by_label(f"number input for {words[action.tokens]}", exact=True))
        box.fill(str(NEW_TOKENS))
        box.press("Tab")
    if action.press:
        by_id = action.press.startswith("#")
        button = page.locator(action.press) if by_id else page.get_by_role("button", name=words[action.press])
        shown(page, button).click()
        page.wait_for_timeout(700)  # gradio puts up its status tracker


def draw(page, tab, component, words: dict, language: str) -> None:
    """Open the output's tab and sub-tab, do its view's main action, wait until the output is drawn and settled."""
    page.set_viewport_size(DESKTOP)
    page.get_by_role("tab", name=words[tab.label], exact=True).click()
    sub = subtab_of(component)
    if sub is not None:
        shown(page, page.get_by_role("tab", name=words[key(sub.label)], exact=True)).click()
    act(page, ACTIONS[component.elem_id], words, language)
    page.wait_for_function(DRAWN_JS, arg=[component.elem_id, is_plot(component)], timeout=240_000)
    page.wait_for_function(SETTLED_JS, arg=component.elem_id, timeout=240_000)


def seen_target(page, component):
    """What a student looks at: the output, or at phone width the note standing in for a view too wide for a phone
    (bertviz: `phone-wide-only`, ui/style.py)."""
    if "phone-wide-only" in (component.elem_classes or []) and page.viewport_size["width"] < 600:
        return shown(page, page.locator(".phone-only"))
    return page.locator(target(component)).first


def walk(page, words: dict, language: str) -> list[str]:
    found = []
    for tab in TABS:
        if tab.id in DURING_A_RUN:
            continue
        for component in tab.key_outputs:
            start = time.monotonic()
            draw(page, tab, component, words, language)
            print(f"{language} {tab.id} {component.elem_id} drawn in {time.monotonic() - start:.1f} s", flush=True)
            failed = page.evaluate(FAILED_JS, component.elem_id)
            if failed:  # the output shown is not the action's: a student sees an error
                found.append(f"{tab.id} {component.elem_id}: its action ended in an error: {failed!r}")
            for size in (DESKTOP, PHONE):
                page.set_viewport_size(size)
                page.wait_for_timeout(400)  # plotly redraws at the new width
                where = f"{tab.id} {target(component)} at {size['width']}x{size['height']}"
                m = measure(seen_target(page, component))
                found += [f"{where}: {p}" for p in problems(m, is_plot(component))]
    return found


def test_every_key_output_has_its_action():
    outputs = [c.elem_id for tab in TABS if tab.id not in DURING_A_RUN for c in tab.key_outputs]
    assert sorted(outputs) == sorted(ACTIONS), "a key output without its action (or an action without its output)"
    assert all(subtab_of(c) is not None for tab in TABS for c in tab.key_outputs[1:] if tab.id not in DURING_A_RUN)


def test_the_check_fails_when_an_output_is_pushed_off_screen(app_url):
    with open_app_page(app_url, tab="Attention", height=DESKTOP["height"]) as page:
        chart = "#attention-head-plot .js-plotly-plot"
        page.wait_for_function(DRAWN_JS, arg=["attention-head-plot", True], timeout=180_000)
        assert_seen(page, chart, chart=True)
        page.add_style_tag(content="#attention-head-plot { min-width: 3000px !important; }")
        with pytest.raises(AssertionError, match=r"right edge \d+ px > viewport width 1400 px"):
            assert_seen(page, chart, chart=True)
        page.add_style_tag(
            content="#attention-head-plot { min-width: 0 !important; } #attention-note "
            "{ position: fixed !important; inset: 0 !important; z-index: 99 !important; }"
        )
        with pytest.raises(AssertionError, match="covered at its centre"):
            assert_seen(page, chart, chart=True)
        page.add_style_tag(
            content="#attention-note { display: none !important; } #attention-head-plot "
            "{ max-height: 60px !important; overflow: hidden !important; }"
        )
        with pytest.raises(AssertionError, match="clipped by #attention-head-plot"):
            assert_seen(page, chart, chart=True)


def test_the_check_fails_on_a_phone_when_an_output_is_pushed_off_screen(app_url):
    with open_app_page(app_url, tab=EN["tokens.tab"], height=PHONE["height"]) as page:
        page.wait_for_function(DRAWN_JS, arg=["tokens-chips", False], timeout=180_000)
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(400)
        assert_seen(page, "#tokens-chips")
        page.add_style_tag(content="#tokens-chips { min-width: 1200px !important; }")
        with pytest.raises(AssertionError, match=r"right edge \d+ px > viewport width 390 px"):
            assert_seen(page, "#tokens-chips")


@pytest.mark.parametrize("locale,words,language", [("en-US", EN, "en"), ("zh-CN", ZH, "zh")], ids=["en", "zh"])
def test_key_outputs_are_seen_on_a_desktop_and_a_phone(app_url, locale, words, language):
    with open_app_page(app_url, locale=locale, height=DESKTOP["height"]) as page:
        page.wait_for_selector("#scene-next")
        found = walk(page, words, language)
    assert not found, "\n".join(found)
