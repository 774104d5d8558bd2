"""Walking every tab and sub-tab of ui.tabs.TABS in a browser page, in the page's language (shared by the phone and
accessibility tests and scripts/phone_audit.py)."""

from __future__ import annotations

import json

from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.tabs import TABS

LANGUAGES = {"en": ("en-US", EN), "zh": ("zh-CN", ZH)}
RUN = {"prompts": "#prompts-paris-button"}  # tabs whose first view is drawn by a click (the others draw on opening)
assert set(RUN) <= {tab.id for tab in TABS}, f"RUN names a tab not in ui.tabs.TABS: {sorted(RUN)}"
# gradio shows a spinner over an output being computed and fades a pending Markdown to opacity 0.2
SETTLED_JS = """() => [...document.querySelectorAll('[data-testid="status-tracker"]')]
    .every(t => t.classList.contains('hide') || !t.offsetParent || !!t.querySelector('.error'))
  && [...document.querySelectorAll('.pending')].every(e => !e.offsetParent || getComputedStyle(e).opacity === '1')"""


def key(label) -> str:
    """The text key of a layout label (gradio keeps an I18nData as '__i18n__{"key": ...}')."""
    text = str(label)
    return json.loads(text.removeprefix("__i18n__"))["key"] if text.startswith("__i18n__") else text


def subtab_keys(tab) -> list[str | None]:
    """The text keys of the tab's sub-tabs in order ([None]: it has none)."""
    parent = tab.subtab_parent()
    return [key(child.label) for child in parent.children if child.__class__.__name__ == "Tab"] if parent else [None]


def settle(page, timeout_ms: int = 60_000) -> None:
    """Wait until no visible output is being computed (gradio's spinners gone), then for plotly to draw."""
    try:
        page.wait_for_function(SETTLED_JS, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - a streaming output keeps its spinner: measure the page as it is
        pass
    page.wait_for_timeout(500)


def open_tab(page, tab, words: dict, subtab: str | None = None, tap: bool = True) -> None:
    """Click the tab (and its sub-tab), press its run button if its first view waits for one, and settle.
    tap=False: the buttons are clicked by script (at 1400 x 900 a click once waited 30 s to scroll the Prompts tab's
    button into view after the Fine-tune tab; the audit is about the views, the phone walk taps)."""
    for name in (words[tab.label], words[subtab] if subtab else None):
        if name is None:
            continue
        button = page.get_by_role("tab", name=name, exact=True)
        button.click() if tap else button.evaluate("el => el.click()")
    if tab.id in RUN and not subtab:
        page.locator(RUN[tab.id]).click()
    settle(page)


def views():
    """(tab, sub-tab key or None) for every tab and sub-tab of the app."""
    return [(tab, sub) for tab in TABS for sub in subtab_keys(tab)]
