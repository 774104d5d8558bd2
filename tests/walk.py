"""One walk of every view of ui.tabs.TABS in a browser page, in the page's language, with every per-view check done
there (shared by the seen, phone and accessibility tests, scripts/screenshot.py and scripts/phone_audit.py).

`walk_views(page, words, language)` opens each tab and sub-tab at desktop width, does the view's main action with
realistic content (ACTIONS: a long sentence in the page's language typed into its text box, new tokens where it
generates, its button pressed), waits until the output is drawn and gradio's status tracker is gone, then checks it
at 1400 x 900 and at 390 x 844: seen (tests/visibility.py), its charts' titles within their charts on the phone
(tests/phone.py), and no error in the page's console. Each check's findings are kept apart (`Walked.found`), so each
test asserts its own check; the page stays open afterwards, every view drawn, for the axe-core audit.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.phone import phone_metrics
from tests.visibility import measure, problems
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
DESKTOP, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}
DURING_A_RUN = {"finetune"}  # its key output fills during a run: tests/test_browser_finetune.py checks it
assert DURING_A_RUN <= {tab.id for tab in TABS}, f"not tabs of ui.tabs.TABS: {DURING_A_RUN}"
LONG = {  # realistic content: a long sentence a student pastes, in the page's language
    "en": "After three long weeks of rain the old fishermen finally rowed out past the harbour wall at dawn, hoping"
    " the storm had driven the mackerel close to the shore, while their children watched from the cliffs above"
    " the town.",
    # within the Inside views' 64 tokens: SmolLM2's byte-level BPE spends about 2 tokens on a Chinese character
    "zh": "下了三个星期的雨之后，老渔民们终于在黎明时分划船出了港口。",
}
# New tokens where a view generates: a generated token costs a forward pass on the server and a redraw in the page
# (about 1.5 s each on 2 shared cores), and teaches the layout nothing after a few. One realistic long case stays,
# where the layout depends on the length: the prompt's generation in English (64 tokens, about 50 words).
NEW_TOKENS = 8
LONG_GENERATION = {("en", "prompts-output"): 64}
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
OUTPUT_SETTLED_JS = """(id) => {
  const block = document.getElementById(id).closest('.block');
  const tracker = block && block.querySelector('[data-testid="status-tracker"]');
  return !tracker || tracker.classList.contains('hide') || !!tracker.querySelector('.error');
}"""
PENDING_JS = """(id) => {
  const block = (document.getElementById(id) || document.body).closest('.block');
  const tracker = block && block.querySelector('[data-testid="status-tracker"]');
  return !!tracker && !tracker.classList.contains('hide');
}"""
PENDING_MS = 700  # gradio puts up an output's tracker within ~0.1 s of the click; a faster answer never shows one
# every chart shown has been laid out again at the page's width (gradio's plotly is responsive: it redraws ~0.1 s
# after a resize); a chart whose width never follows the page's is a finding of the seen check
FITTED_JS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => gd.offsetParent && gd._fullLayout && gd.getBoundingClientRect().width > 0)
  .every(gd => Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) <= 1)"""
FIT_MS = 5_000
DRAW_MS = 240_000  # the longest view (64 new tokens streamed, each step's distribution drawn) takes ~100 s loaded


@dataclass(frozen=True)
class Action:
    """A view's main action: the long sentence typed into `text` (a label key), the slider `tokens` (a label key)
    set to the view's new tokens, then `press` pressed (a '#elem_id', or a button's label key). Nothing: it draws on
    opening."""

    text: str | None = None
    tokens: str | None = None
    press: str | None = None


ACTIONS = {  # by the key output's elem_id
    "tokens-chips": Action("tokens.text", press="#tokens-compare-run"),
    "tokens-bpe-plot": Action(press="#tokens-bpe-run"),
    "tokens-ngram-plot": Action(press="#tokens-ngram-run"),
    "prompts-output": Action("prompts.template", "prompts.max_new", "#prompts-generate-button"),
    "prompts-side-output-0": Action(tokens="prompts.max_new", press="prompts.side.run"),
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


def subtab_keys(tab) -> list[str | None]:
    """The text keys of the tab's sub-tabs in order ([None]: it has none)."""
    parent = tab.subtab_parent()
    return [key(child.label) for child in parent.children if child.__class__.__name__ == "Tab"] if parent else [None]


def views():
    """(tab, sub-tab key or None) for every tab and sub-tab of the app."""
    return [(tab, sub) for tab in TABS for sub in subtab_keys(tab)]


def settle(page, timeout_ms: int = 120_000) -> None:
    """Wait until no visible output is being computed (gradio's spinners gone), then for plotly to draw. Fails, with
    what still spins, when that takes longer than `timeout_ms`: a spinner that never clears is a finding."""
    try:
        page.wait_for_function(SETTLED_JS, timeout=timeout_ms)
    except Exception as error:  # noqa: BLE001 - Playwright's TimeoutError: say what was still pending
        pending = page.evaluate("""() => [...document.querySelectorAll('[data-testid="status-tracker"]')]
            .filter(t => !t.classList.contains('hide') && t.offsetParent)
            .map(t => (t.closest('[id]') || {}).id || '?')""")
        raise AssertionError(f"still computing after {timeout_ms / 1000:.0f} s: {pending}") from error
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


def shown(locator):
    """The first of the locator's matches that is visible (the same label sits in several sub-tabs)."""
    return locator.locator("visible=true").first


def new_tokens(language: str, elem_id: str) -> int:
    return LONG_GENERATION.get((language, elem_id), NEW_TOKENS)


def act(page, action: Action, words: dict, language: str, elem_id: str) -> None:
    """Do the view's main action as a student would; after a press, until the output's tracker shows (at most
    PENDING_MS: the draw's own waits then decide)."""
    if action.text:
        shown(page.get_by_label(words[action.text], exact=True)).fill(LONG[language])
    if action.tokens:
        box = shown(page.get_by_label(f"number input for {words[action.tokens]}", exact=True))
        box.fill(str(new_tokens(language, elem_id)))
        box.press("Tab")
    if action.press:
        by_id = action.press.startswith("#")
        button = page.locator(action.press) if by_id else page.get_by_role("button", name=words[action.press])
        shown(button).click()
        try:
            page.wait_for_function(PENDING_JS, arg=elem_id, timeout=PENDING_MS)
        except PlaywrightTimeout:  # answered before a tracker showed, or the output keeps none: DRAWN/SETTLED decide
            pass


def draw(page, tab, component, words: dict, language: str) -> None:
    """Open the output's tab and sub-tab, do its view's main action, wait until the output is drawn and settled."""
    page.set_viewport_size(DESKTOP)
    page.get_by_role("tab", name=words[tab.label], exact=True).click()
    sub = subtab_of(component)
    if sub is not None:
        shown(page.get_by_role("tab", name=words[key(sub.label)], exact=True)).click()
    act(page, ACTIONS[component.elem_id], words, language, component.elem_id)
    page.wait_for_function(DRAWN_JS, arg=[component.elem_id, is_plot(component)], timeout=DRAW_MS)
    page.wait_for_function(OUTPUT_SETTLED_JS, arg=component.elem_id, timeout=DRAW_MS)


def seen_target(page, component):
    """What a student looks at: the output, or at phone width the note standing in for a view too wide for a phone
    (bertviz: `phone-wide-only`, ui/style.py)."""
    if "phone-wide-only" in (component.elem_classes or []) and page.viewport_size["width"] < 600:
        return shown(page.locator(".phone-only"))
    return page.locator(target(component)).first


def resize(page, size: dict) -> str | None:
    """The page at `size`, once every chart shown has been laid out again at its width; a problem otherwise."""
    page.set_viewport_size(size)
    try:
        page.wait_for_function(FITTED_JS, timeout=FIT_MS)
    except PlaywrightTimeout:
        return f"a chart's width still differs from its box's {FIT_MS / 1000:.0f} s after the resize"
    return None


def cut_titles(page) -> list[str]:
    """The shown charts whose title runs past their edges on this width; the page breaks a long title within a second
    of the chart's drawing (ui/style.py TITLE_FIT_JS), so a cut title is measured again after that."""
    cut = phone_metrics(page, None)["cut_titles"]
    if cut:
        page.wait_for_timeout(1_500)
        cut = phone_metrics(page, None)["cut_titles"]
    return cut


@dataclass
class Walked:
    """A page after the walk: every view drawn, and what each check found (check -> ['view: problem', ...])."""

    page: object
    language: str
    found: dict[str, list[str]] = field(default_factory=lambda: {"error": [], "seen": [], "titles": [], "console": []})
    seconds: dict[str, float] = field(default_factory=dict)


def key_outputs():
    """(tab, component) for every key output the walk draws."""
    return [(tab, c) for tab in TABS if tab.id not in DURING_A_RUN for c in tab.key_outputs]


def record_console(page, found: list) -> None:
    """Append to `found` every error the page's scripts log or throw without catching, from now on."""
    page.on("console", lambda message: message.type == "error" and found.append(f"console: {message.text[:300]}"))
    page.on("pageerror", lambda error: found.append(f"uncaught: {str(error)[:300]}"))


def walk_views(page, words: dict, language: str) -> Walked:
    """Every key output drawn once by its action and checked at both widths; then the views it does not draw
    (a run's tab) opened, so that every panel has been shown once."""
    walked = Walked(page, language)
    record_console(page, walked.found["console"])
    for tab, component in key_outputs():
        start = time.monotonic()
        draw(page, tab, component, words, language)
        walked.seconds[component.elem_id] = round(time.monotonic() - start, 1)
        failed = page.evaluate(FAILED_JS, component.elem_id)
        if failed:  # the output shown is not the action's: a student sees an error
            walked.found["error"].append(f"{tab.id} {component.elem_id}: its action ended in an error: {failed!r}")
        for size in (DESKTOP, PHONE):
            unfitted = resize(page, size)
            where = f"{tab.id} {target(component)} at {size['width']}x{size['height']}"
            m = measure(seen_target(page, component))
            found = ([unfitted] if unfitted else []) + problems(m, is_plot(component))
            walked.found["seen"] += [f"{where}: {p}" for p in found]
        walked.found["titles"] += [f"{tab.id} {component.elem_id}: {cut}" for cut in cut_titles(page)]
    page.set_viewport_size(DESKTOP)
    for tab, sub in views():
        if tab.id in DURING_A_RUN:
            open_tab(page, tab, words, sub, tap=False)
    return walked
