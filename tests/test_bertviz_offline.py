"""ui/bertviz_offline.py: bertviz views with vendored scripts, a bounded payload, and escaped tokens."""

import base64
import hashlib
import html
import importlib.util
import re
from pathlib import Path

import pytest
import torch

from ui import bertviz_offline as bv


def test_thousandths_code_round_trips_to_3_decimals():
    g = torch.Generator().manual_seed(0)
    att = torch.rand(2, 3, 9, 9, generator=g).softmax(-1)
    code = bv.encode_thousandths(att)
    decoded = torch.tensor(bv.decode_thousandths(code), dtype=torch.float64)
    assert decoded.numel() == att.numel()
    assert (decoded - att.double().flatten()).abs().max() <= 0.0005 + 1e-9
    assert set(code) <= set(bv.ALPHABET)


def test_small_weights_take_one_character():
    assert len(bv.encode_thousandths(torch.full((100,), 0.02))) == 100
    assert len(bv.encode_thousandths(torch.full((100,), 0.5))) == 200
    assert bv.decode_thousandths(bv.encode_thousandths(torch.tensor([0.0, 0.0476, 0.048, 0.9996, 1.0]))) == [
        0.0,
        0.048,
        0.048,
        1.0,
        1.0,
    ]


def test_layers_that_fit_bounds_the_payload():
    assert bv.layers_that_fit(2, 6, 12, 16) == [0, 1, 2, 3, 4, 5]
    assert bv.layers_that_fit(13, 30, 9, 64) == [12, 13, 14, 15, 16, 17]
    assert bv.layers_that_fit(29, 30, 9, 64) == [24, 25, 26, 27, 28, 29]
    big = bv.layers_that_fit(5, 30, 12, 128)
    assert 5 in big and len(big) * 12 * 128 * 128 <= bv.MAX_VALUES


HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", '" onload="alert(3)', "&amp;"]


@pytest.mark.parametrize("view", ["head", "model"])
def test_tokens_are_escaped_and_nothing_loads_from_a_network(view):
    tokens = ["[CLS]", *HOSTILE, "你好", "[SEP]"]
    att = torch.full((2, 3, len(tokens), len(tokens)), 1 / len(tokens))
    frame = (
        bv.head_view_html(att, tokens, [0, 1], 1, None)
        if view == "head"
        else bv.model_view_html(att, tokens, [0, 1], None)
    )
    assert frame.startswith('<iframe class="bertviz-frame"') and 'sandbox="allow-scripts"' in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)  # one attribute: no raw quote inside it
    document = html.unescape(srcdoc)
    for token in HOSTILE[:3]:
        assert token not in document  # only as JSON with \u003c ... inside a script
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in document
    assert "default-src 'none'" in document
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", document)
    assert "require.config" in document and "bertvizParams(" in document and "PYTHON_PARAMS" not in document


def test_sentence_pair_adds_the_filter():
    att = torch.full((1, 2, 4, 4), 0.25)
    document = html.unescape(bv.head_view_html(att, ["a", "b", "c", "d"], [0], 0, 2))
    assert 'select id="filter"' in document and '"sentence_b_start": 2' in document


def test_payload_is_a_tenth_of_bertvizs_or_less():
    """The same attention (6 x 12 x 64 x 64) in bertviz's own model view and in ours (vendored scripts included)."""
    pytest.importorskip("bertviz")
    from bertviz import model_view

    g = torch.Generator().manual_seed(0)
    att = (torch.randn(6, 12, 64, 64, generator=g) * 3).softmax(-1)
    tokens = [f"t{i}" for i in range(64)]
    theirs = model_view([layer[None] for layer in att], tokens, html_action="return").data
    ours = bv.model_view_html(att, tokens, list(range(6)))
    assert len(ours.encode()) <= 0.1 * len(theirs.encode())


def test_vendored_scripts_are_bertvizs_own_and_licensed():
    vendor = bv.VENDOR
    for folder, licence in [("d3-5.7.0", "LICENSE"), ("jquery-3.7.1", "LICENSE.txt"), ("bertviz-1.4.1", "LICENSE")]:
        assert (vendor / folder / licence).stat().st_size > 500
    assert "d3js.org v5.7.0" in (vendor / "d3-5.7.0/d3.min.js").read_text()[:200]
    assert "jQuery v3.7.1" in (vendor / "jquery-3.7.1/jquery.min.js").read_text()[:200]
    spec = importlib.util.find_spec("bertviz")
    if spec is not None:  # bertviz is a test/bench dependency only: the app uses the vendored copy
        package = Path(spec.submodule_search_locations[0])
        for name in ("head_view.js", "model_view.js"):
            assert (vendor / "bertviz-1.4.1" / name).read_text() == (package / name).read_text()


def test_the_page_hands_each_view_the_vendored_scripts_with_their_integrity():
    head = bv.parent_head()
    for name in bv.SCRIPTS.values():
        digest = base64.b64encode(hashlib.sha384((bv.VENDOR / name).read_bytes()).digest()).decode()
        assert f"sha384-{digest}" in head and name in head  # a changed file is refused by the page
    document = html.unescape(bv.head_view_html(torch.full((1, 2, 3, 3), 1 / 3), ["a", "b", "c"], [0], 0))
    assert "bertvizNeeds" in document and "d3js.org" not in document and "jQuery v" not in document
    assert len(document.encode()) < 12_000  # the decoder, the loader and 18 numbers: no vendored script
