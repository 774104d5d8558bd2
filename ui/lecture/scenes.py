"""The guided walk: scenes that follow the source text's chapters 2-5 across the tabs, one step at a time.

A scene is data that its tab declares (`TAB.scenes`, ui/tab.py): the section it illustrates, its sub-tab, the inputs it
sets, the button it presses so the view is drawn, and its narration (text keys `scene.<key>` and `scene.<key>.title`
in both tables). The walk puts every tab's scenes in the order of their `order`.

    >>> [scene.section for scene in SCENES][:3]
    ['2.1', '3.1.1', '3.1.2']
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

import gradio as gr

from ui.i18n import t
from ui.tab import Scene, Sentence
from ui.tabs import BY_ID, TABS

SCENES: tuple[Scene, ...] = tuple(
    sorted((dataclasses.replace(scene, tab=tab.id) for tab in TABS for scene in tab.scenes), key=lambda s: s.order)
)


def value_of(value):
    """A scene's input value in the language of the request."""
    return t(value.key) if isinstance(value, Sentence) else value


def narration(index: int) -> str:
    """The bar's sentence for a scene index (-1: before the first scene, len(SCENES): after the last)."""
    if index < 0:
        return t("scenes.start")
    if index >= len(SCENES):
        return t("scenes.end")
    scene = SCENES[index]
    step = t(
        "scenes.step",
        n=index + 1,
        total=len(SCENES),
        section=scene.section,
        title=t(f"scene.{scene.key}.title"),
        narration=t(f"scene.{scene.key}"),
    )
    if scene.exercise:  # the scene ends with a question, answered in the tab's "Predict, then reveal"
        step += "\n\n" + t("exercise.scene", question=t(f"exercise.{scene.exercise}"))
    return step


def subtab_parent(tab_id: str) -> gr.Tabs:
    """The gr.Tabs holding the sub-tab with this id (a tab module's tabs are not named)."""
    for tab in TABS:
        for block in tab.demo.blocks.values():
            # the layout's Tabs holding it (a Tab rebuilt by an update during a request has no parent)
            if isinstance(block, gr.Tabs) and any(getattr(child, "id", None) == tab_id for child in block.children):
                return block
    raise ValueError(f"No sub-tab has the id {tab_id!r}.")


def button_selector(scene: Scene) -> str:
    """A CSS selector for a scene's run button (its elem_id, given one here when the tab did not)."""
    if not scene.run.elem_id:
        scene.run.elem_id = f"scene-run-{scene.tab}-{scene.key}".replace("_", "-")
    return f"#{scene.run.elem_id}"


@dataclass
class SceneBar:
    """The header bar: previous, next, and the narration of the current scene."""

    index: gr.Number
    previous_button: gr.Button
    next_button: gr.Button
    narration_md: gr.Markdown


def build_bar() -> SceneBar:
    """The bar's components, in the current gr.Blocks (wire it once the tabs exist)."""
    with gr.Row(elem_id="scene-bar", equal_height=True):
        previous_button = gr.Button(t("scenes.prev"), elem_id="scene-previous", scale=0, min_width=120)
        narration_md = gr.Markdown(t("scenes.start"), elem_id="scene-narration", latex_delimiters=LATEX)
        next_button = gr.Button(t("scenes.next"), elem_id="scene-next", variant="primary", scale=0, min_width=120)
    index = gr.Number(-1, precision=0, visible=False, elem_id="scene-index")  # in the page: the press reads it
    return SceneBar(index, previous_button, next_button, narration_md)


LATEX = [{"left": "$", "right": "$", "display": False}]

# After a scene's values are set, the browser presses the scene's button (the view then draws as if clicked).
PRESS_JS = """
(index) => {
  const selector = (%s)[index];
  if (!selector) return;
  let tries = 0;
  const press = () => {
    const button = document.querySelector(selector);
    if (button && button.offsetParent !== null) { button.click(); return; }
    if (++tries < 40) setTimeout(press, 150);
  };
  setTimeout(press, 150);
}
"""


def wire(bar: SceneBar, tabs: gr.Tabs) -> None:
    """Previous/next: open the scene's tab and sub-tab, set its inputs, show its narration, press its button."""
    components = list({c._id: c for scene in SCENES for c in scene.values}.values())
    subtab_ids = sorted({scene.subtab for scene in SCENES if scene.subtab})
    parents = list(dict.fromkeys(subtab_parent(tab_id) for tab_id in subtab_ids))
    selectors = [button_selector(scene) if scene.run else None for scene in SCENES]
    asking = {scene.tab: BY_ID[scene.tab].panel.accordion for scene in SCENES if scene.exercise}

    def show(index: int) -> list:
        if not 0 <= index < len(SCENES):
            skipped = len(parents) + len(components) + len(asking)
            return [index, narration(index), gr.skip()] + [gr.skip()] * skipped
        scene = SCENES[index]
        parent = subtab_parent(scene.subtab) if scene.subtab else None
        inner = [gr.Tabs(selected=scene.subtab) if p is parent else gr.skip() for p in parents]
        values = [gr.update(value=value_of(scene.values[c])) if c in scene.values else gr.skip() for c in components]
        opened = [gr.Accordion(open=True) if scene.exercise and tab == scene.tab else gr.skip() for tab in asking]
        return [index, narration(index), gr.Tabs(selected=scene.tab), *inner, *values, *opened]

    def step(index: int, delta: int) -> list:
        return show(max(-1, min(len(SCENES), int(index) + delta)))

    outputs = [bar.index, bar.narration_md, tabs, *parents, *components, *asking.values()]
    press = PRESS_JS % json.dumps(selectors)
    for button, delta in ((bar.previous_button, -1), (bar.next_button, 1)):
        button.click(lambda index, delta=delta: step(index, delta), bar.index, outputs, api_visibility="private").then(
            None, bar.index, None, js=press, api_visibility="private"
        )
