"""The guided walk and presenter mode as data: every scene names real tabs, components and text, in order."""

import gradio as gr
import pytest

from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.lecture import presenter, scenes
from ui.tabs import BY_ID, TABS

APP_TABS = set(BY_ID)  # the tab ids of ui.tabs.TABS


def test_the_walk_has_8_to_15_scenes_through_chapters_2_to_5():
    assert 8 <= len(scenes.SCENES) <= 16  # 14 scenes of chapters 3-5, §2.1 (Tokens) and the logit lens
    chapters = [int(scene.section.split(".")[0]) for scene in scenes.SCENES]
    assert set(chapters) <= {2, 3, 4, 5} and {3, 4, 5} <= set(chapters)  # §2.1 (tokens) comes first
    assert {scene.tab for scene in scenes.SCENES} == APP_TABS  # the walk visits every tab


@pytest.mark.parametrize("scene", scenes.SCENES, ids=lambda scene: scene.key)
def test_each_scene_names_what_exists(scene):
    assert scene.tab in APP_TABS
    if scene.subtab:
        parent = scenes.subtab_parent(scene.subtab)
        assert isinstance(parent, gr.Tabs)
        assert scene.subtab in {child.id for child in parent.children}
        assert BY_ID[scene.tab].demo.blocks.get(parent._id) is parent  # the sub-tab is in its tab
    for block, value in scene.values.items():
        assert BY_ID[scene.tab].demo.blocks.get(block._id) is block, "a scene sets inputs of its own tab only"
        assert isinstance(block, gr.components.Component)
        if isinstance(block, gr.Slider):
            assert block.minimum <= value <= block.maximum
        if isinstance(block, gr.Dropdown):
            assert value in [choice[1] for choice in block.choices]
        if isinstance(value, scenes.Sentence):
            assert value.key in EN and value.key in ZH
    if scene.run:
        assert isinstance(scene.run, gr.Button) and BY_ID[scene.tab].demo.blocks.get(scene.run._id) is scene.run
    for key in (f"scene.{scene.key}", f"scene.{scene.key}.title"):
        assert key in EN and key in ZH


def test_narration_before_during_and_after_the_walk():
    assert scenes.narration(-1) == EN["scenes.start"]
    assert scenes.narration(len(scenes.SCENES)) == EN["scenes.end"]
    first = scenes.narration(0)
    assert first.startswith(f"**Scene 1/{len(scenes.SCENES)} · §2.1 What a language model reads**")
    assert EN["scene.tokens"] in first
    assert scenes.narration(1).startswith(f"**Scene 2/{len(scenes.SCENES)} · §3.1.1 Self-attention**")


def test_a_sentence_value_follows_the_language():
    from gradio.context import LocalContext
    from starlette.requests import Request

    value = scenes.Sentence("att.text_default")
    assert scenes.value_of(value) == EN["att.text_default"] and scenes.value_of(4) == 4
    cookie = [(b"cookie", b"playground_lang=zh-CN")]
    token = LocalContext.request.set(gr.Request(request=Request({"type": "http", "headers": cookie})))
    try:
        assert scenes.value_of(value) == ZH["att.text_default"]
        assert "场景 1/" in scenes.narration(0)
    finally:
        LocalContext.request.reset(token)


def test_run_buttons_get_a_selector_the_browser_can_find():
    selectors = [scenes.button_selector(scene) for scene in scenes.SCENES if scene.run]
    assert all(selector.startswith("#") and " " not in selector for selector in selectors)
    assert len(set(selectors)) == len({id(scene.run) for scene in scenes.SCENES if scene.run})  # one per button
    paris = next(scene for scene in scenes.SCENES if scene.key == "prompts")
    assert scenes.button_selector(paris) == "#prompts-paris-button"  # an existing id is kept


@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.id)
def test_advanced_controls_exist_and_get_the_class(tab):
    marked = presenter.mark_advanced()
    assert all("advanced" in block.elem_classes for block in marked)
    assert tab.advanced, "every tab has controls a lecture does not need"
    for block in tab.advanced:
        assert tab.demo.blocks.get(block._id) is block  # a control of this tab
        assert isinstance(block, gr.components.Component) and block.elem_classes.count("advanced") == 1


def test_gradios_cache_badge_is_hidden_from_students():
    """gradio's "used cache: 0.0s" under a view (its class in gradio 6.31's status tracker) means nothing to a
    student."""
    assert ".cache-indicator { display: none !important; }" in presenter.CSS
