"""ui/tabs: every tab's descriptor names what exists in its own layout, so the shared machinery can rely on it."""

import gradio as gr
import pytest

from ui.i18n.en import EN
from ui.i18n.zh import ZH
from ui.tabs import BY_ID, TABS


def test_tab_ids_are_unique_and_the_first_tab_opens_the_page():
    assert len(BY_ID) == len(TABS) >= 8
    assert TABS[0].id == "tokens"  # §2.1 comes first in the source text


@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.id)
def test_a_descriptor_names_its_own_components(tab):
    mine = tab.demo.blocks
    assert tab.label in EN and tab.label in ZH
    assert tab.key_outputs, "tests/test_browser_seen.py checks that these are seen: name at least one"
    for component in tab.key_outputs:
        assert mine.get(component._id) is component and component.elem_id, "a key output of this tab, with an id"
    for name, param in tab.share.params.items():
        assert all(mine.get(c._id) is c for c in param.components), name
    for draw in (*tab.share.draws, *([tab.first_draw] if tab.first_draw else [])):
        assert callable(draw.fn) and all(mine.get(c._id) is c for c in (*draw.inputs, *draw.outputs))
    for block in tab.advanced:
        assert mine.get(block._id) is block and isinstance(block, gr.components.Component)
