"""The guided walk: scenes that follow the source text's chapters 3-5 across the tabs, one step at a time.

A scene is data: the section it illustrates, the tab (and sub-tab) it opens, the inputs it sets, the button it
presses so the view is drawn, and its narration (text keys `scene.<key>` and `scene.<key>.title` in both tables).
Components are named `"<tab module>.<attribute>"` (`"attention.layer_slider"`), resolved when the bar is wired.

    >>> [scene.section for scene in SCENES][:3]
    ['3.1.1', '3.1.2', '4.1.1']
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import gradio as gr

from ui import architecture_tab, attention_tab, finetune_tab, losses_tab, positional_tab, prompts_tab
from ui.text import t

TAB_MODULES = {
    "positional": positional_tab,
    "attention": attention_tab,
    "architecture": architecture_tab,
    "losses": losses_tab,
    "finetune": finetune_tab,
    "prompts": prompts_tab,
}


@dataclass(frozen=True)
class Sentence:
    """An input value that depends on the language: the text key of a default sentence (Chinese in the Chinese UI)."""

    key: str


@dataclass(frozen=True)
class Scene:
    key: str  # narration: text keys scene.<key> and scene.<key>.title
    section: str  # the source text's section
    tab: str  # the app's tab id
    subtab: str | None = None  # the tab's own sub-tab id
    values: dict = field(default_factory=dict)  # "<tab>.<attribute>" -> value (or Sentence)
    run: str | None = None  # "<tab>.<attribute>" of the button that draws the view


SCENES: tuple[Scene, ...] = (
    Scene(
        "attention",
        "3.1.1",
        "attention",
        "att-heatmaps",
        {
            "attention.model_dropdown": "all-MiniLM-L6-v2",
            "attention.text_box": Sentence("att.text_default"),
            "attention.pair_box": "",
            "attention.layer_slider": 2,
            "attention.head_slider": 0,
        },
        "attention.run_button",
    ),
    Scene(
        "heads",
        "3.1.2",
        "attention",
        "att-heatmaps",
        {"attention.model_dropdown": "all-MiniLM-L6-v2", "attention.layer_slider": 4, "attention.head_slider": 11},
        "attention.run_button",
    ),
    Scene(
        "formula",
        "4.1.1",
        "attention",
        "att-formula",
        {"attention.model_dropdown": "all-MiniLM-L6-v2", "attention.layer_slider": 0, "attention.head_slider": 0},
        "attention.formula_button",
    ),
    Scene(  # a new model resets the layer and head sliders to 0 and redraws: nothing to press
        "causal", "3.1.1", "attention", "att-heatmaps", {"attention.model_dropdown": "SmolLM2-135M-Instruct"}
    ),
    Scene("sinusoidal", "3.1.3", "positional", "pos-sinusoidal"),
    Scene("rope", "3.1.3", "positional", "pos-rope"),
    Scene(
        "block",
        "4.1.3",
        "architecture",
        "arch-steps",
        {"architecture.steps_text": Sentence("arch.text_default"), "architecture.steps_layer": 0},
        "architecture.steps_button",
    ),
    Scene(
        "seed_block",
        "5.1.3",
        "architecture",
        "arch-seed",
        {"architecture.seed_text": Sentence("arch.text_default")},
        "architecture.seed_button",
    ),
    Scene(
        "lm", "4.2.1", "losses", "loss-causal", {"losses.lm_text": Sentence("loss.text_default")}, "losses.lm_button"
    ),
    Scene(
        "mlm",
        "4.2.2",
        "losses",
        "loss-masked",
        {"losses.mlm_text": Sentence("loss.text_default"), "losses.mlm_rate": 0.15},
        "losses.mlm_button",
    ),
    Scene("contrastive", "4.2.3", "losses", "loss-contrastive", {"losses.cl_tau": 0.05}, "losses.cl_button"),
    Scene("finetune", "5.2.2", "finetune"),
    Scene(
        "prompt_loss",
        "4.3.2",
        "losses",
        "loss-prompt",
        {"losses.pl_text": Sentence("loss.text_default")},
        "losses.pl_button",
    ),
    Scene("prompts", "5.2.3", "prompts", "prompts-generate", run="prompts.paris_button"),
)


def component(name: str) -> gr.components.Component:
    """'attention.layer_slider' -> that tab module's component."""
    tab, attribute = name.split(".")
    return getattr(TAB_MODULES[tab], attribute)


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
    return t(
        "scenes.step",
        n=index + 1,
        total=len(SCENES),
        section=scene.section,
        title=t(f"scene.{scene.key}.title"),
        narration=t(f"scene.{scene.key}"),
    )


def subtab_parent(tab_id: str) -> gr.Tabs:
    """The gr.Tabs holding the sub-tab with this id (a tab module's tabs are not named)."""
    for module in TAB_MODULES.values():
        for block in module.demo.blocks.values():
            # the layout's Tabs holding it (a Tab rebuilt by an update during a request has no parent)
            if isinstance(block, gr.Tabs) and any(getattr(child, "id", None) == tab_id for child in block.children):
                return block
    raise ValueError(f"No sub-tab has the id {tab_id!r}.")


def button_selector(name: str) -> str:
    """A CSS selector for a scene's run button (its elem_id, given one here when the tab did not)."""
    button = component(name)
    if not button.elem_id:
        button.elem_id = "scene-run-" + name.replace(".", "-").replace("_", "-")
    return f"#{button.elem_id}"


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
    names = sorted({name for scene in SCENES for name in scene.values})
    subtab_ids = sorted({scene.subtab for scene in SCENES if scene.subtab})
    parents = list(dict.fromkeys(subtab_parent(tab_id) for tab_id in subtab_ids))
    selectors = [button_selector(scene.run) if scene.run else None for scene in SCENES]

    def show(index: int) -> list:
        if not 0 <= index < len(SCENES):
            return [index, narration(index), gr.skip()] + [gr.skip()] * (len(parents) + len(names))
        scene = SCENES[index]
        parent = subtab_parent(scene.subtab) if scene.subtab else None
        inner = [gr.Tabs(selected=scene.subtab) if p is parent else gr.skip() for p in parents]
        values = [gr.update(value=value_of(scene.values[n])) if n in scene.values else gr.skip() for n in names]
        return [index, narration(index), gr.Tabs(selected=scene.tab), *inner, *values]

    def step(index: int, delta: int) -> list:
        return show(max(-1, min(len(SCENES), int(index) + delta)))

    outputs = [bar.index, bar.narration_md, tabs, *parents, *(component(n) for n in names)]
    press = PRESS_JS % json.dumps(selectors)
    for button, delta in ((bar.previous_button, -1), (bar.next_button, 1)):
        button.click(lambda index, delta=delta: step(index, delta), bar.index, outputs, api_visibility="private").then(
            None, bar.index, None, js=press, api_visibility="private"
        )
