"""What the app needs to know about a tab, in one object: each tab module ends with `TAB = Tab(...)`.

`app.py` renders every tab of `ui.tabs.TABS`; sharing (ui/sharing/links.py), presenter mode (ui/lecture/presenter.py)
and the guided walk (ui/lecture/scenes.py) read the same descriptors. None of them names a tab, and nothing reaches
into a tab module's globals by name: a descriptor holds the components themselves.

    TAB = Tab(
        "positional", "pos.tab", demo,
        share=Share({"n": Param(positions_slider)}, (Draw(draw_sinusoidal, sin_inputs, sin_outputs),), code),
        advanced=(base_number,),
        scenes=(Scene("sinusoidal", "3.1.3", 5, "pos-sinusoidal", exercise="positional_sin"),),
        exercises=exercises.of_tab("positional"),  # "Predict, then reveal" (ui/exercises.py)
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import gradio as gr

from ui import exercises as exercise_block


@dataclass(frozen=True)
class Param:
    """One name a share link may carry, and the component(s) it sets. `by_view`: its range depends on the chosen
    model, so the view's own handler checks it (a layer of SmolLM2 may be 29, of MiniLM at most 5)."""

    components: tuple[gr.components.Component, ...]
    by_view: bool = False

    def __init__(self, *components: gr.components.Component, by_view: bool = False):
        object.__setattr__(self, "components", components)
        object.__setattr__(self, "by_view", by_view)


@dataclass(frozen=True)
class Draw:
    """A handler with its inputs and outputs: a shared link draws it again with the link's values; a tab's first
    draw runs it when the tab is opened."""

    fn: Callable
    inputs: tuple
    outputs: tuple

    def __init__(self, fn: Callable, inputs, outputs):
        object.__setattr__(self, "fn", fn)
        object.__setattr__(self, "inputs", tuple(inputs) if isinstance(inputs, list | tuple) else (inputs,))
        object.__setattr__(self, "outputs", tuple(outputs) if isinstance(outputs, list | tuple) else (outputs,))

    def event(self) -> dict:
        """The draw as keyword arguments of a gradio event listener."""
        return dict(fn=self.fn, inputs=list(self.inputs), outputs=list(self.outputs), api_visibility="private")


@dataclass(frozen=True)
class SubView:
    """A view of its own inside a tab (a sub-tab, or the run a training tab shows): the components its notebook
    reads, by name, and `notebook`: their values -> the `Recipe` of its notebook (ui/sharing/notebooks.py).
    `subtab`: the sub-tab's id (None: the tab itself, for a tab without sub-tabs)."""

    subtab: str | None
    inputs: dict
    notebook: Callable[[dict], object]


@dataclass(frozen=True)
class Share:
    """What a link to this tab carries (`params`, by URL name), what it redraws (`draws`), and `code`: the view's
    values by URL name -> a runnable snippet (None: the tab has no one-forward code, e.g. a training run), and
    `notebook`: the same values -> a `Recipe` of the view's Jupyter notebook (ui/sharing/notebooks.py), and
    `subviews`: the notebooks of the tab's other views (its sub-tabs), each with the components it reads."""

    params: dict[str, Param] = field(default_factory=dict)
    draws: tuple[Draw, ...] = ()
    code: Callable[[dict], str] | None = None
    notebook: Callable[[dict], object] | None = None
    subviews: tuple[SubView, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """An input value that depends on the language: the text key of a default sentence (Chinese in the Chinese UI)."""

    key: str


@dataclass(frozen=True)
class Scene:
    """A step of the guided walk, which follows the source text: `order` places it in the walk across the tabs.

    Narration: text keys `scene.<key>` and `scene.<key>.title`. `values`: component -> value (or Sentence) set
    before `run`, the button pressed so that the view draws."""

    key: str
    section: str  # the source text's section
    order: float  # its place in the walk (the walk sorts every tab's scenes by it)
    subtab: str | None = None  # the tab's own sub-tab id
    values: dict = field(default_factory=dict, hash=False)
    run: gr.Button | None = None
    tab: str = ""  # the id of the tab it belongs to (set by the walk, ui/lecture/scenes.py)
    exercise: str | None = None  # ends with this question (an exercise id of the tab, playground/exercises.py)


@dataclass(frozen=True)
class Tab:
    id: str  # in links (?tab=) and in gr.Tabs
    label: str  # text key of its name
    demo: gr.Blocks  # its layout and wiring, rendered by app.py (`python -m ui.tabs.<id>` runs it alone)
    share: Share = Share()
    advanced: tuple = ()  # controls a lecture does not need: hidden in presenter mode
    first_draw: Draw | None = None  # drawn when the tab is selected rather than when the page opens
    scenes: tuple[Scene, ...] = ()
    key_outputs: tuple = ()  # the outputs a student must see (tests/test_browser_seen.py checks they are seen)
    exercises: tuple = ()  # playground.exercises.Exercise: "Predict, then reveal" at the end of the tab's layout
    panel: object = field(default=None, init=False, compare=False)  # their block (ui/exercises.py), built here

    def __post_init__(self):
        if self.exercises:
            with self.demo:  # the block joins the tab's own layout: the tab shows it wherever it is rendered
                object.__setattr__(self, "panel", exercise_block.build(self.exercises, self.id))

    def subtab_parent(self) -> gr.Tabs | None:
        """The tab's own gr.Tabs of sub-tabs (the first Tabs whose children are ids), if it has one."""
        for block in self.demo.blocks.values():
            if isinstance(block, gr.Tabs) and block.children and getattr(block.children[0], "id", None):
                return block
        return None

    def subtabs(self) -> tuple[str, ...]:
        """The ids of its sub-tabs in the layout's order (a link that names none opens the first)."""
        parent = self.subtab_parent()
        return tuple(child.id for child in parent.children if isinstance(child, gr.Tab)) if parent else ()


def mark(component, css_class: str) -> None:
    """Add a CSS class to a component (before launch), once."""
    classes = (
        [component.elem_classes] if isinstance(component.elem_classes, str) else list(component.elem_classes or [])
    )
    if css_class not in classes:
        component.elem_classes = [*classes, css_class]
