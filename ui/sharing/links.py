"""Shareable views: the current tab and its main inputs in the page URL, a QR code of it, and the view's code.

`/?tab=attention&text=…&model=…&layer=2&head=5` opens the Attention tab with those inputs and draws them;
`&sub=pos-rope` opens one of the tab's own sub-tabs (its first one when absent).
Each tab's descriptor says which of its inputs travel in the URL (`TAB.share`, ui/tab.py); every
value from a URL is checked like a typed one: a bad one falls back to the default with a sentence that says
why. The tab in the URL follows the tab the student clicks; "Share this view" adds the inputs, shows a QR
code of the link for a lecture hall and the plain transformers/torch code that reproduces the view's numbers.

app.py calls `panel()` where the share controls go (above the tabs) and `wire(demo, panel, tabs)` after the tabs.
"""

from __future__ import annotations

import html
import json
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import gradio as gr
import segno

from playground import models
from playground.errors import InputError
from ui import i18n
from ui.errors import STUDENT_ERRORS, friendly, sentence
from ui.i18n import t
from ui.lecture.scenes import subtab_parent
from ui.serving import adaptations
from ui.sharing import notebooks
from ui.tab import Param, Tab
from ui.tabs import TABS

MAX_URL = 1200  # longer links still work, but their QR code is too dense to scan from a lecture-hall seat
MAX_TEXT = 4000  # a textbox without its own max_length
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
ROOM = "room"  # ?room=CODE joins a classroom room (ui/lecture/room.py)


@dataclass(frozen=True)
class View:
    """A tab as a link sees it: the names it carries (`params`), what it redraws, the code that reproduces it."""

    source: Tab

    @property
    def tab(self) -> str:
        return self.source.id

    @property
    def params(self) -> dict[str, Param]:
        return self.source.share.params

    @property
    def code(self):
        return self.source.share.code

    @property
    def notebook(self):
        return self.source.share.notebook

    def components(self, name: str) -> list:
        return list(self.params[name].components)

    def draw_fns(self):
        return [(d.fn, list(d.inputs), list(d.outputs)) for d in self.source.share.draws]


VIEWS: dict[str, View] = {tab.id: View(tab) for tab in TABS}
FIRST_TAB = TABS[0].id


def subtabs(view: View) -> list[str]:
    """The ids of the tab's own sub-tabs, in the layout's order (the first is shown when a link names none)."""
    return list(view.source.subtabs())


def shared_components() -> list:
    """Every component a URL can set, each once, in a fixed order (the share and restore events' inputs)."""
    seen: dict[int, object] = {}
    for view in VIEWS.values():
        for name in view.params:
            for component in view.components(name):
                seen.setdefault(component._id, component)
    return list(seen.values())


# ---- reading a value from a URL, as carefully as a typed one ---------------------------------------


def _choices(component) -> list:
    values = [c[1] if isinstance(c, tuple | list) else c for c in (component.choices or [])]
    return values + (models.names() if isinstance(component, gr.Dropdown) else [])  # kept models appear later


def parse_value(component, raw: str, by_view: bool = False):
    """A URL's text as the component's value, or an InputError (`share.bad_*`) that says why not."""
    if isinstance(component, gr.Checkbox):
        if raw.lower() in TRUE + FALSE:
            return raw.lower() in TRUE
        raise InputError("share.bad_bool", raw=raw)
    if isinstance(component, gr.Radio | gr.Dropdown):
        if raw not in _choices(component):
            raise InputError("share.bad_choice", raw=raw)
        return raw
    if isinstance(component, gr.Slider | gr.Number):
        return _number(component, raw, by_view)
    limit = getattr(component, "max_length", None) or MAX_TEXT
    if len(raw) > limit:
        raise InputError("share.too_long", n=len(raw), limit=limit)
    return raw


def _number(component, raw: str, by_view: bool):
    try:
        value = float(raw)
    except ValueError:
        raise InputError("share.bad_number", raw=raw) from None
    if not math.isfinite(value):
        raise InputError("share.bad_number", raw=raw)
    whole = getattr(component, "precision", None) == 0 or (
        isinstance(component, gr.Slider) and float(component.step).is_integer()
    )
    if whole and not value.is_integer():
        raise InputError("share.bad_whole", raw=raw)
    low, high = component.minimum, None if by_view else component.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError("share.bad_range", raw=raw, low=low, high=high if high is not None else "…")
    return int(value) if whole else value


def read_url(query: dict[str, str]) -> tuple[View | None, dict[str, object], list[str]]:
    """(the view, its values by URL name, sentences about what was ignored) from a URL's query parameters.
    `room` (a classroom room's code, ui/lecture/room.py) is not part of a view."""
    query = {name: value for name, value in query.items() if name != ROOM}
    if not query:
        return None, {}, []
    tab = query.get("tab", FIRST_TAB)
    if tab not in VIEWS:
        return None, {}, [t("share.bad_tab", tab=tab, tabs=", ".join(VIEWS))]
    view, values, problems = VIEWS[tab], {}, []
    for name, raw in query.items():
        if name in ("tab", "sub"):
            continue
        if name not in view.params:
            problems.append(t("share.unknown_param", name=name, tab=tab, names=", ".join(view.params) or "–"))
            continue
        try:
            values[name] = parse_value(view.components(name)[0], raw, view.params[name].by_view)
        except ValueError as err:
            problems.append(t("share.bad_value", name=name, reason=sentence(err)))
    return view, values, problems


def read_sub(query: dict[str, str], view: View) -> tuple[str | None, list[str]]:
    """(the sub-tab the link opens, or None for the tab's first, sentences about a bad one)."""
    sub = query.get("sub")
    if sub is None:
        return None, []
    ids = subtabs(view)
    if sub not in ids:
        return None, [t("share.bad_sub", sub=sub, tab=view.tab, subs=", ".join(ids) or "–")]
    return sub, []


def build_url(page: str, tab: str, values: dict[str, object], sub: str | None = None) -> str:
    """The page's address with the tab, its sub-tab unless it is the first, and the values that differ from the
    tab's defaults."""
    view = VIEWS[tab]
    query = {"tab": tab}
    ids = subtabs(view)
    if sub in ids[1:]:
        query["sub"] = sub
    for name, value in values.items():
        default = i18n.resolve(view.components(name)[0].value)  # the sentence the page shows by default
        if value is not None and value != default:
            query[name] = str(value).lower() if isinstance(value, bool) else _plain(value)
    return f"{page}?{urlencode(query)}"


def _plain(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def qr_html(url: str, elem_id: str = "share-qr") -> str:
    """The link as a QR code (an inline SVG, black on white so phones read it in dark mode too)."""
    if len(url) > MAX_URL:
        return f"<p>{html.escape(t('share.qr_too_long', n=len(url), limit=MAX_URL))}</p>"
    svg = segno.make(url, error="m").svg_inline(scale=1, omitsize=True, dark="#000", light="#fff", border=4)
    label = html.escape(t("share.qr_label", url=url), quote=True)
    return f'<div id="{elem_id}" role="img" aria-label="{label}" style="width:320px;max-width:100%">{svg}</div>'


# ---- handlers ---------------------------------------------------------------------------------


@friendly
def restore(request: gr.Request):
    """On page load: the URL's tab and values (defaults where a value is bad), the state for `finish`, a note."""
    query = dict(request.query_params) if request else {}
    view, values, problems = read_url(query)
    sub, sub_problems = read_sub(query, view) if view is not None else (None, [])
    problems += sub_problems
    components = shared_components()
    updates = {c._id: gr.update() for c in components}
    if view is not None:
        for name, value in values.items():
            if view.params[name].by_view:
                continue  # set by `finish` once the view accepts it: a slider beyond its maximum is refused
            for component in view.components(name):
                updates[component._id] = gr.update(value=value)
    tabs = gr.update(selected=view.tab) if view is not None else gr.update()
    inner = [gr.update(selected=sub) if sub and sub in subtabs(v) else gr.update() for v in _with_subtabs()]
    state = {"tab": view.tab, "sub": sub, "values": values, "problems": problems} if view is not None else None
    note = _note(problems)
    if problems:
        gr.Warning(note)
    return tabs, *inner, *updates.values(), state, note


def _with_subtabs() -> list[View]:
    return [view for view in VIEWS.values() if subtabs(view)]


def _note(problems: list[str]) -> str:
    return t("share.problems") + "\n" + "\n".join(f"- {p}" for p in problems) if problems else ""


@friendly
def finish(panel: Panel, state, *current):
    """After restoring (and after whatever the new values triggered): draw the view with the URL's values.
    A value the view refuses (layer 12 of a 6-layer model) -> the defaults, and a sentence."""
    if not state:
        return {panel.page: ""}  # nothing to restore: the address stays as it is
    view = VIEWS[state["tab"]]
    now = {c._id: value for c, value in zip(_draw_inputs(), current, strict=True)}
    restored = {c._id: v for name, v in state["values"].items() for c in view.components(name)}
    try:
        out = _draw(view, now | restored, restored)
        values = state["values"]
    except gr.Error as err:
        defaults = {c._id: c.value for name in view.params for c in view.components(name)}
        out = _draw(view, now | defaults, defaults)
        values, note = {}, _note([*state["problems"], t("share.view_refused", reason=err.message)])
        gr.Warning(note)
        out[panel.note] = note
    return out | {panel.page: build_url("", view.tab, values, state.get("sub"))}  # the address bar: the view's link


def _draw(view: View, values: dict, shown: dict) -> dict:
    out = {c: gr.update(value=shown[c._id]) for c in shared_components() if c._id in shown}
    for fn, inputs, outputs in view.draw_fns():
        result = fn(*(values[c._id] for c in inputs))
        result = result if isinstance(result, tuple) else (result,)
        out |= dict(zip(outputs, result, strict=True))
    return out


def _draw_inputs() -> list:
    seen: dict[int, object] = {}
    for view in VIEWS.values():
        for _, inputs, _ in view.draw_fns():
            for component in inputs:
                seen.setdefault(component._id, component)
    return list(seen.values())


def _draw_outputs() -> list:
    seen: dict[int, object] = {c._id: c for c in shared_components()}
    for view in VIEWS.values():
        for _, _, outputs in view.draw_fns():
            for component in outputs:
                seen.setdefault(component._id, component)
    return list(seen.values())


@friendly
def share_view(page: str, tab: str, sub: str, *current):
    """The link to this view (tab, sub-tab + inputs), its QR code and the code that reproduces the view's numbers."""
    page = page if urlsplit(page or "").scheme in ("http", "https") else "/"
    view, values = shown_view(tab, current)
    url = build_url(page, view.tab, values, sub)
    return url, qr_html(url), code_for(view, values)


def shown_view(tab: str, current: tuple) -> tuple[View, dict]:
    """The view shown (its tab id, from the page) and its values by URL name (`current`: shared_components()')."""
    view = VIEWS[tab if tab in VIEWS else FIRST_TAB]
    by_id = {c._id: value for c, value in zip(shared_components(), current, strict=True)}
    return view, {name: by_id[view.components(name)[0]._id] for name in view.params}


def code_for(view: View, values: dict) -> str:
    if view.code is None:
        return t("share.no_code")
    try:
        return view.code(values)
    except STUDENT_ERRORS as err:
        return f"# {t('share.code_failed', reason=sentence(err))}"


def notebook_components() -> list:
    """Every component a sub-view's notebook reads (beyond the link's), each once, in a fixed order."""
    seen: dict[int, object] = {}
    for view in VIEWS.values():
        for sub in view.source.share.subviews:
            for component in sub.inputs.values():
                seen.setdefault(component._id, component)
    return list(seen.values())


def subview_of(view: View, sub: str):
    """The SubView shown when the tab's sub-tab `sub` is open ('' or None: the tab's first), or None (the main
    view: the link's values)."""
    return next((s for s in view.source.share.subviews if s.subtab == (sub or None)), None)


@friendly
def download_notebook(page: str, tab: str, sub: str, *current) -> str:
    """The view shown (its sub-tab's, if it has one), with its current values, as a .ipynb file in the page's
    language."""
    tab = tab if tab in VIEWS else FIRST_TAB
    view = VIEWS[tab]
    shared, extra = shared_components(), notebook_components()
    by_id = {c._id: value for c, value in zip([*shared, *extra], current, strict=True)}
    subview = subview_of(view, sub)
    if subview is not None:
        values = {name: by_id[component._id] for name, component in subview.inputs.items()}
    else:
        values = {name: by_id[view.components(name)[0]._id] for name in view.params}
    text = notebook_for(view, values, i18n.language(), sub)
    name = notebooks.file_name(tab if subview is None or subview.subtab is None else subview.subtab)
    path = Path(tempfile.mkdtemp(prefix="playground-notebook-")) / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def notebook_for(view: View, values: dict, lang: str, sub: str = "") -> str:
    """The notebook's JSON text; ValueError with a sentence when the view has none."""
    subview = subview_of(view, sub)
    make = subview.notebook if subview is not None else view.notebook
    if make is None:
        raise ValueError(t("share.no_notebook", reason=t("share.no_notebook_tab", tab=view.tab)))
    recipe = make({name: i18n.resolve(value) for name, value in values.items()})
    title = notebooks.say(view.source.label, lang)
    if subview is not None and subview.subtab is not None:
        title += " · " + notebooks.say(subtab_label(view, subview.subtab), lang)
    return notebooks.dumps(notebooks.build(recipe, lang, title=title))


def subtab_label(view: View, sub: str) -> str:
    """The text key of a sub-tab's label (gradio keeps an I18nData as '__i18n__{"key": ...}')."""
    parent = view.source.subtab_parent()
    label = str(next(child.label for child in parent.children if child.id == sub))
    return json.loads(label.removeprefix("__i18n__"))["key"] if label.startswith("__i18n__") else label


@friendly
def notebook(tab: str, values: str = "{}", lang: str = "", sub: str = "") -> str:
    """API /notebook: a view (tab id + its values by URL name as JSON, checked like a link's; `sub`: a sub-tab id
    for its own view, its values named as its notebook's inputs) -> the notebook's JSON text. Values not given take
    the view's defaults; `lang` 'en' or 'zh' (default: the request's language)."""
    if tab not in VIEWS:
        raise ValueError(t("share.bad_tab", tab=tab, tabs=", ".join(VIEWS)))
    view = VIEWS[tab]
    given = json.loads(values or "{}")
    if not isinstance(given, dict):
        raise ValueError(t("share.problems"))
    subview = subview_of(view, sub)
    if subview is not None:
        fields = {name: (component, False) for name, component in subview.inputs.items()}
    else:
        fields = {name: (view.components(name)[0], view.params[name].by_view) for name in view.params}
    chosen = {}
    for name, (component, by_view) in fields.items():
        if name not in given:
            chosen[name] = i18n.resolve(component.value)
            continue
        raw = given[name]
        raw = str(raw).lower() if isinstance(raw, bool) else _plain(raw) if isinstance(raw, float) else str(raw)
        if isinstance(component, gr.Dropdown) and not component.choices:  # a menu filled at run time (a run id):
            chosen[name] = raw[:MAX_TEXT]  # the view's notebook function checks it
            continue
        try:
            chosen[name] = parse_value(component, raw, by_view)
        except ValueError as err:
            raise ValueError(t("share.bad_value", name=name, reason=sentence(err))) from None
    return notebook_for(view, chosen, lang if lang in i18n.LANGUAGES else i18n.language(), sub)


# ---- layout and wiring (called from app.py) ----------------------------------------------------

# The address follows the tabs: window.playgroundTab is the tab shown, window.playgroundSubs[tab] the sub-tab
# last opened in it; QUERY_JS writes them as ?tab=…&sub=… (no sub for the tab's first sub-tab, as build_url).
QUERY_JS = """((tab) => {
    const sub = (window.playgroundSubs || {})[tab];
    return "?tab=" + tab + (sub && sub !== (window.playgroundFirstSubs || {})[tab] ? "&sub=" + sub : "");
})"""
PAGE_AND_TAB_JS = """(page, tab, sub, ...values) => {
    const shown = window.playgroundTab || new URLSearchParams(window.location.search).get("tab") || "";
    return [window.location.origin + window.location.pathname, shown, (window.playgroundSubs || {})[shown] || "",
            ...values];
}"""
SET_URL_JS = "(url) => { if (url) window.history.replaceState(null, '', url); }"


def tab_url_js(tab: str) -> str:
    """On selecting a tab: the URL names it (once the shared view is restored: the restore reads the URL)."""
    return f"""() => {{
    window.playgroundTab = {tab!r};
    if (window.playgroundRestored) window.history.replaceState(null, "", {QUERY_JS}({tab!r}));
}}"""


def sub_url_js(tab: str, sub: str, first: str) -> str:
    """On selecting a sub-tab: remember it as its tab's sub-tab, and put it in the URL if its tab is the one shown
    (a page also selects sub-tabs of hidden tabs, e.g. while a link is restored)."""
    return f"""() => {{
    (window.playgroundSubs = window.playgroundSubs || {{}})[{tab!r}] = {sub!r};
    (window.playgroundFirstSubs = window.playgroundFirstSubs || {{}})[{tab!r}] = {first!r};
    if (window.playgroundRestored && (window.playgroundTab || {FIRST_TAB!r}) === {tab!r})
        window.history.replaceState(null, "", {QUERY_JS}({tab!r}));
}}"""


# Once the link's view is drawn, the address is its link, unless the student opened another tab meanwhile.
RESTORED_JS = f"""(url) => {{
    window.playgroundRestored = true;
    const linked = url ? new URLSearchParams(url.split("?")[1] || "") : null;
    if (linked && (!window.playgroundTab || window.playgroundTab === linked.get("tab"))) {{
        window.history.replaceState(null, "", url);
        window.playgroundTab = linked.get("tab");
        window.playgroundSubs = window.playgroundSubs || {{}};
        if (linked.get("sub")) window.playgroundSubs[linked.get("tab")] = linked.get("sub");
    }} else if (window.playgroundTab) window.history.replaceState(null, "", {QUERY_JS}(window.playgroundTab));
}}"""
# Wait until no output of the page is pending any more (the default first draws, and the events that the
# restored values triggered, e.g. a new model resetting the layer slider), so `finish` draws last. An output
# is pending while gradio shows its status tracker (hidden when done, showing "Error" when it failed).
WAIT_JS = "async () => { await new Promise((done) => setTimeout(done, 3000)); }"  # without gradio's tracker
WAIT_IDLE_JS = """async () => {
    const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
    const busy = () => Array.from(document.querySelectorAll('[data-testid="status-tracker"]:not(.hide)')).some(
        (tracker) => !tracker.querySelector(".error"));
    await sleep(300);
    for (let quiet = 0, i = 0; quiet < 3 && i < 1200; i++) { quiet = busy() ? 0 : quiet + 1; await sleep(100); }
}"""


@dataclass
class Panel:
    note: gr.Markdown
    button: gr.Button
    link: gr.Textbox
    qr: gr.HTML
    code: gr.Code
    page: gr.Textbox
    tab: gr.Textbox
    sub: gr.Textbox
    state: gr.State
    notebook_button: gr.Button | None = None
    notebook_file: gr.File | None = None


def panel() -> Panel:
    """The share controls: a button, the link (with a copy button), its QR code and the view's code."""
    note = gr.Markdown(elem_id="share-note")
    page = gr.Textbox(visible=False)  # the page's address (share) or the restored view's link (finish)
    with gr.Accordion(t("share.title"), open=False, elem_id="share-panel"):
        gr.Markdown(t("share.intro"))
        with gr.Row():
            button = gr.Button(t("share.button"), variant="secondary", elem_id="share-button")
            notebook_button = gr.Button(t("share.notebook"), variant="secondary", elem_id="notebook-button")
        notebook_file = gr.File(label=t("share.notebook_file"), visible=False, elem_id="notebook-file")
        link = gr.Textbox(label=t("share.link"), buttons=["copy"], interactive=False, elem_id="share-link")
        with gr.Row():
            qr = gr.HTML(elem_id="share-qr-box")
            code = gr.Code(label=t("share.code"), language="python", interactive=False, elem_id="share-code")
        tab, sub = gr.Textbox(visible=False), gr.Textbox(visible=False)
    return Panel(note, button, link, qr, code, page, tab, sub, gr.State(), notebook_button, notebook_file)


def wire(demo: gr.Blocks, p: Panel, tabs: gr.Tabs) -> None:
    """Restore the URL's view on load, keep ?tab= in the URL, and build the link on request."""
    shared = shared_components()
    for tab in tabs.children:
        tab.select(None, None, None, js=tab_url_js(tab.id))
    parents = [subtab_parent(subtabs(view)[0]) for view in _with_subtabs()]
    for view, parent in zip(_with_subtabs(), parents, strict=True):
        for sub in parent.children:
            sub.select(None, None, None, js=sub_url_js(view.tab, sub.id, parent.children[0].id))
    p.button.click(
        share_view,
        [p.page, p.tab, p.sub, *shared],
        [p.link, p.qr, p.code],
        js=PAGE_AND_TAB_JS,
        api_visibility="private",
    ).then(None, p.link, None, js=SET_URL_JS)
    if p.notebook_button is not None:
        p.notebook_button.click(
            lambda *args: gr.File(value=download_notebook(*args), visible=True),
            [p.page, p.tab, p.sub, *shared, *notebook_components()],
            p.notebook_file,
            js=PAGE_AND_TAB_JS,
            api_visibility="private",
        )
    gr.api(notebook, api_name="notebook")
    demo.load(restore, None, [tabs, *parents, *shared, p.state, p.note], api_visibility="private").then(
        None, None, None, js=WAIT_IDLE_JS if adaptations.active("status_tracker") else WAIT_JS
    ).then(
        lambda state, *current: finish(p, state, *current),
        [p.state, *_draw_inputs()],
        [*_draw_outputs(), p.note, p.page],
        api_visibility="private",
    ).then(None, p.page, None, js=RESTORED_JS)
