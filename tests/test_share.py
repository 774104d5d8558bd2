"""Shareable views: a URL's values are read as carefully as typed ones, links round-trip, the QR code reads back."""

import io

import gradio as gr
import pytest
import segno

from tests.coded import raises_key
from ui.sharing import links as share
from ui.tabs import positional as positional_tab


def test_every_shared_name_and_redraw_points_at_a_real_component_and_handler():
    for view in share.VIEWS.values():
        for name in view.params:
            assert all(isinstance(c, gr.components.Component) for c in view.components(name))
        for fn, inputs, outputs in view.draw_fns():
            assert callable(fn) and inputs and outputs
    ids = [c._id for c in share.shared_components()]
    assert len(ids) == len(set(ids))  # each component once, though "model" sets two in the Architecture tab


@pytest.mark.parametrize(
    "component, raw, value",
    [
        (gr.Slider(1, 512, step=1), "64", 64),
        (gr.Slider(0.01, 1.0, step=0.01), "0.25", 0.25),
        (gr.Number(precision=0, minimum=0), "3", 3),
        (gr.Number(), "1e4", 10000.0),
        (gr.Radio(["dot", "cosine"]), "cosine", "cosine"),
        (gr.Checkbox(), "TRUE", True),
        (gr.Checkbox(), "0", False),
        (gr.Textbox(), "我爱北京天安门。😀 <b>", "我爱北京天安门。😀 <b>"),
    ],
)
def test_good_values_are_read_as_the_component_holds_them(component, raw, value):
    assert share.parse_value(component, raw) == value


@pytest.mark.parametrize(
    "component, raw, key, params",
    [
        (gr.Slider(1, 512, step=1), "abc", "share.bad_number", dict(raw="abc")),
        (gr.Slider(1, 512, step=1), "nan", "share.bad_number", dict(raw="nan")),
        (gr.Slider(1, 512, step=1), "inf", "share.bad_number", dict(raw="inf")),
        (gr.Slider(1, 512, step=1), "2.5", "share.bad_whole", dict(raw="2.5")),
        (gr.Slider(1, 512, step=1), "100000", "share.bad_range", dict(raw="100000", low=1, high=512)),
        (gr.Number(precision=0, minimum=0), "-1", "share.bad_range", dict(raw="-1", low=0, high="…")),
        (gr.Radio(["dot", "cosine"]), "../etc/passwd", "share.bad_choice", dict(raw="../etc/passwd")),
        (gr.Dropdown(["a"]), "org/any-hub-model", "share.bad_choice", dict(raw="org/any-hub-model")),
        (gr.Checkbox(), "maybe", "share.bad_bool", dict(raw="maybe")),
        (gr.Textbox(max_length=10), "x" * 11, "share.too_long", dict(n=11, limit=10)),
        (gr.Textbox(), "x" * 5000, "share.too_long", dict(n=5000, limit=4000)),
    ],
    ids=["abc", "nan", "inf", "2.5", "100000", "-1", "path", "hub-model", "maybe", "11", "5000"],
)
def test_bad_values_are_refused_with_a_sentence(component, raw, key, params):
    with raises_key(key, **params):
        share.parse_value(component, raw)


def test_a_refused_value_is_said_in_the_url_note_as_a_sentence():
    from ui.i18n import t

    _, values, problems = share.read_url({"tab": "positional", "d": "abc"})
    assert "d" not in values
    assert problems == [t("share.bad_value", name="d", reason="'abc' is not a number")]


def test_a_range_that_depends_on_the_model_is_left_to_the_view():
    layer = gr.Slider(0, 5, step=1)  # MiniLM's six layers; SmolLM2 has 30
    assert share.parse_value(layer, "29", by_view=True) == 29
    with raises_key("share.bad_whole", raw="2.5"):
        share.parse_value(layer, "2.5", by_view=True)
    with raises_key("share.bad_range", raw="-1", low=0, high="…"):
        share.parse_value(layer, "-1", by_view=True)


def test_a_url_is_read_into_its_view_and_its_values():
    view, values, problems = share.read_url(
        {"tab": "attention", "text": "我爱北京", "model": "SmolLM2-135M-Instruct", "layer": "13", "head": "7"}
    )
    assert view.tab == "attention" and problems == []
    assert values == {"text": "我爱北京", "model": "SmolLM2-135M-Instruct", "layer": 13, "head": 7}


def test_a_bad_url_keeps_what_it_can_and_says_what_it_dropped():
    view, values, problems = share.read_url({"tab": "positional", "n": "-3", "d": "64", "colour": "red"})
    assert view.tab == "positional" and values == {"d": 64}
    assert len(problems) == 2
    assert "n: -3 is outside 1..1024" in problems[0]
    assert "'colour' is not an input of the positional tab" in problems[1]
    view, values, problems = share.read_url({"tab": "nowhere"})
    assert view is None and values == {} and "does not exist" in problems[0] and "attention" in problems[0]
    assert share.read_url({}) == (None, {}, [])


def test_a_link_holds_the_values_that_differ_from_the_defaults_and_reads_back():
    values = {"text": "The 猫 sat & stayed?", "pair": "", "model": "all-MiniLM-L6-v2", "layer": 3, "head": 11}
    url = share.build_url("http://host:7860/", "attention", values)
    assert url.startswith("http://host:7860/?tab=attention&text=The+%E7%8C%AB+sat+%26+stayed%3F")
    assert "model=" not in url and "pair=" not in url  # the defaults stay out: shorter links, smaller QR codes
    from urllib.parse import parse_qsl, urlsplit

    view, read, problems = share.read_url(dict(parse_qsl(urlsplit(url).query)))
    assert problems == [] and read == {"text": "The 猫 sat & stayed?", "layer": 3, "head": 11}


def test_the_qr_code_reads_back_as_the_link():
    import zxingcpp
    from PIL import Image

    url = share.build_url("http://127.0.0.1:7860/", "attention", {"text": "我爱北京天安门", "layer": 2, "head": 5})
    html = share.qr_html(url)
    assert html.startswith('<div id="share-qr" role="img" aria-label="QR code of the link http://127.0.0.1')
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4)  # the same symbol as the inline SVG
    assert segno.make(url, error="m").svg_inline(scale=1, omitsize=True, dark="#000", light="#fff") in html
    buffer.seek(0)
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(buffer))] == [url]


def test_a_link_too_long_for_a_readable_qr_code_says_so():
    url = share.build_url("http://h/", "attention", {"text": "长" * 500})
    assert len(url) > share.MAX_URL
    assert "too dense to scan" in share.qr_html(url) and "<svg" not in share.qr_html(url)


def test_share_view_builds_the_link_and_the_views_code_from_the_current_values():
    current = {c._id: c.value for c in share.shared_components()}
    current[positional_tab.d_model_slider._id] = 16
    current[positional_tab.similarity_radio._id] = "cosine"
    url, qr, code = share.share_view("http://127.0.0.1:7860/", "positional", "", *current.values())
    assert url == "http://127.0.0.1:7860/?tab=positional&d=16&similarity=cosine"
    assert 'id="share-qr"' in qr
    assert "n_positions, d_model, base = 128, 16, 10000.0" in code and "unit @ unit.T" in code
    url, _, _ = share.share_view("javascript:alert(1)", "no-such-tab", "", *current.values())
    assert url.startswith(f"/?tab={share.FIRST_TAB}") and share.FIRST_TAB == "tokens"  # only http(s), known tabs
    url, _, code = share.share_view("http://h/", "finetune", "", *current.values())
    assert url == "http://h/?tab=finetune" and code.startswith("# This tab's numbers come from a training run")


def test_each_tab_knows_its_sub_tabs_in_the_layouts_order():
    assert share.subtabs(share.VIEWS["positional"]) == [
        "pos-sinusoidal",
        "pos-learned",
        "pos-rope",
        "pos-alibi",
        "pos-seed",
    ]
    assert share.subtabs(share.VIEWS["losses"])[:2] == ["loss-summary", "loss-causal"]
    assert share.subtabs(share.VIEWS["finetune"]) == []
    from ui.lecture import scenes

    named = {scene.subtab: scene.tab for scene in scenes.SCENES if scene.subtab}
    assert all(sub in share.subtabs(share.VIEWS[tab]) for sub, tab in named.items())  # the walk's sub-tabs


def test_a_link_opens_a_sub_tab_and_a_bad_one_says_why():
    view = share.VIEWS["positional"]
    assert share.read_sub({"tab": "positional", "sub": "pos-rope"}, view) == ("pos-rope", [])
    assert share.read_sub({"tab": "positional"}, view) == (None, [])
    sub, problems = share.read_sub({"tab": "positional", "sub": "loss-causal"}, view)  # another tab's
    assert sub is None and "has no sub-tab 'loss-causal'" in problems[0] and "pos-rope" in problems[0]
    view, values, problems = share.read_url({"tab": "positional", "sub": "pos-rope", "d": "64"})
    assert values == {"d": 64} and problems == []  # sub is not an input


def test_a_link_names_its_sub_tab_unless_it_is_the_first():
    url = share.build_url("http://h/", "positional", {"d": 64}, "pos-rope")
    assert url == "http://h/?tab=positional&sub=pos-rope&d=64"
    assert share.build_url("http://h/", "positional", {}, "pos-sinusoidal") == "http://h/?tab=positional"
    assert share.build_url("http://h/", "positional", {}, "loss-causal") == "http://h/?tab=positional"
    current = [c.value for c in share.shared_components()]
    url, _, _ = share.share_view("http://h/", "losses", "loss-contrastive", *current)
    assert url == "http://h/?tab=losses&sub=loss-contrastive"


def test_restoring_a_link_selects_its_tab_and_sub_tab():
    from starlette.requests import Request

    request = gr.Request(
        request=Request({"type": "http", "headers": [], "query_string": b"tab=losses&sub=loss-masked"})
    )
    tabs, *rest = share.restore(request)
    assert tabs["selected"] == "losses"
    inner = rest[: len(share._with_subtabs())]
    assert [u.get("selected") for u in inner] == [
        "loss-masked" if view.tab == "losses" else None for view in share._with_subtabs()
    ]
    state = rest[-2]
    assert state["sub"] == "loss-masked" and state["problems"] == []
