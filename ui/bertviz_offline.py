"""bertviz's head view and model view, drawn with no network and a bounded payload.

bertviz 1.4.1 (Apache-2.0, Jesse Vig) loads require.js, d3 and jQuery from CDNs, so offline (a lecture hall,
a campus firewall) its views are blank; and it writes every attention weight with 17 digits, twice. Here:

- its own `head_view.js` / `model_view.js` run unchanged (vendored in assets/vendor/bertviz-1.4.1), after
  d3 5.7.0 and jQuery 3.7.1 (vendored from npm with their licences) and a 2-line stand-in for require.js;
- the view is an `<iframe srcdoc=...>` (gr.HTML never runs <script>), sandboxed to scripts only, with a
  Content-Security-Policy that forbids every request; it carries only its numbers and a few lines of script;
- the vendored scripts (~360 KB) are sent once per page: the page's `parent_head()` (launch's head) fetches
  them from the app (as static files, checked against their integrity hashes) the first time a view asks, keeps
  them, and hands them to each view by `postMessage`. (Loading them in the frame with `<script src>` would
  not cache: Chromium keys the cache of an opaque-origin frame with a one-off nonce, so every view fetched
  them again, measured);
- the weights are rounded to 3 decimals and sent as thousandths in a compact text code (one character for
  values below 0.048, two otherwise) that a few lines of JavaScript decode; only the layers shown are sent;
- token text travels as JSON with <, > and & escaped, and bertviz writes it with d3's .text(): a token such as
  `<img src=x onerror=alert(1)>` is displayed, never parsed as HTML.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
from pathlib import Path
from urllib.parse import quote

import gradio as gr
import numpy as np

from playground.lazy import lazy

torch = lazy("torch")  # imported on first use: the page is served without it (playground/lazy.py)

VENDOR = Path(__file__).resolve().parents[1] / "assets" / "vendor"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # 64 symbols, safe in JS and HTML
ONE_CHAR = 48  # thousandths below this take one character; the rest two (48 + 15 * 64 > 1000)
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"
SCRIPTS = {  # what a view runs, in this order, after the decoder: served as static files, sent once per page
    "d3": "d3-5.7.0/d3.min.js",
    "jquery": "jquery-3.7.1/jquery.min.js",
    "head_view": "bertviz-1.4.1/head_view.js",
    "model_view": "bertviz-1.4.1/model_view.js",
}
gr.set_static_paths([VENDOR])  # /gradio_api/file=<path> serves them (to the page's `parent_head()`)
_SYMBOLS = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
MAX_VALUES = 600_000  # weights per view: layers are dropped (never silently) to stay under this

DECODER_JS = """
window.require = {};  // a stand-in for require.js: bertviz's views call require.config(...), then requirejs(...)
require.config = function () {};
window.requirejs = function (deps, fn) { fn(window.jQuery, window.d3); };
function decodeAttention(code, shape) {  // thousandths in the 64-symbol code -> nested arrays (L, H, Tq, Tk)
  const A = "ALPHABET", index = {};
  for (let i = 0; i < A.length; i++) index[A[i]] = i;
  const flat = [];
  for (let i = 0; i < code.length; i++) {
    let c = index[code[i]];
    if (c >= ONE_CHAR) c = ONE_CHAR + (c - ONE_CHAR) * 64 + index[code[++i]];
    flat.push(c / 1000);
  }
  let at = 0;
  const nest = (d) => d === shape.length - 1 ? flat.slice(at, at += shape[d])
                                             : Array.from({length: shape[d]}, () => nest(d + 1));
  return nest(0);
}
function slice(att, rows, cols) {
  return att.map(layer => layer.map(head => head.slice(rows[0], rows[1]).map(r => r.slice(cols[0], cols[1]))));
}
function bertvizParams(data) {
  const att = decodeAttention(data.code, data.shape), t = data.tokens, b = data.sentence_b_start;
  const views = [{name: b === null ? null : "All", attn: att, left_text: t, right_text: t}];
  if (b !== null) {
    const a = [0, b], bb = [b, t.length];
    for (const [name, r, c] of [["Sentence A -> Sentence A", a, a], ["Sentence B -> Sentence B", bb, bb],
                                ["Sentence A -> Sentence B", a, bb], ["Sentence B -> Sentence A", bb, a]]) {
      views.push({name: name, attn: slice(att, r, c), left_text: t.slice(r[0], r[1]),
                  right_text: t.slice(c[0], c[1])});
    }
  }
  window.bertvizAttention = att;  // read back by the browser test
  return {attention: views, default_filter: "0", display_mode: "light", root_div_id: "bertviz",
          include_layers: data.layers, include_heads: data.heads, total_heads: data.heads.length,
          layer: data.layer, heads: null};
}
""".replace("ALPHABET", ALPHABET).replace("ONE_CHAR", str(ONE_CHAR))


def _integrity(name: str) -> str:
    """The Subresource Integrity hash of a vendored file: the page refuses a script that does not match."""
    return "sha384-" + base64.b64encode(hashlib.sha384((VENDOR / name).read_bytes()).digest()).decode("ascii")


@functools.cache
def parent_head() -> str:
    """The page's side (launch(head=...)): fetch each vendored script once, with its integrity checked, and
    hand it to any bertviz frame that asks (the frame is sandboxed: only a message can reach it)."""
    scripts = {
        key: {"url": f"gradio_api/file={quote(str(VENDOR / name))}", "integrity": _integrity(name)}
        for key, name in SCRIPTS.items()
    }
    return (
        "<script>(() => {\n"
        f"  const SCRIPTS = {json.dumps(scripts)}, texts = {{}};\n"
        "  const once = (s) => texts[s.url] ??= fetch(s.url, {integrity: s.integrity}).then((r) => r.text())\n"
        '    .then((text) => text.replace("PYTHON_PARAMS", "window.bertvizViewParams"));  // bertviz\'s views\n'
        '  window.addEventListener("message", async (event) => {\n'
        '    const frames = Array.from(document.querySelectorAll("iframe.bertviz-frame"));\n'
        "    const needs = event.data && event.data.bertvizNeeds;\n"
        "    if (!Array.isArray(needs) || !frames.some((f) => f.contentWindow === event.source)) return;\n"
        "    const wanted = needs.filter((key) => key in SCRIPTS);\n"
        "    const sources = await Promise.all(wanted.map((key) => once(SCRIPTS[key])));\n"
        '    event.source.postMessage({bertvizScripts: wanted.map((key, i) => [key, sources[i]])}, "*");\n'
        "  });\n"
        "})();</script>"
    )


# The frame's side: run the scripts the page hands over, in order (bertviz's own views, given by the page with
# their template's parameters read from window.bertvizViewParams).
LOADER_JS = """
window.addEventListener("message", (event) => {
  if (event.source !== window.parent || !event.data || !Array.isArray(event.data.bertvizScripts)) return;
  for (const [, text] of event.data.bertvizScripts) {
    const script = document.createElement("script");
    script.textContent = text;
    document.body.appendChild(script);
  }
});
"""


def encode_thousandths(att: torch.Tensor) -> str:
    """Weights in [0, 1] -> rounded thousandths -> the 64-symbol code (1 character below 0.048, else 2).

    >>> encode_thousandths(torch.tensor([0.0, 0.047, 0.048, 1.0]))
    '0lm0-u'
    """
    v = torch.round(att.double().clamp(0, 1).flatten() * 1000).long()
    small = v < ONE_CHAR
    high = torch.where(small, v, ONE_CHAR + (v - ONE_CHAR) // 64)
    low = torch.where(small, -1, (v - ONE_CHAR) % 64)
    symbols = torch.stack([high, low], dim=1).flatten()
    return _SYMBOLS[symbols[symbols >= 0].numpy()].tobytes().decode("ascii")


def decode_thousandths(code: str) -> list[float]:
    """The inverse of `encode_thousandths` (the JavaScript decoder does the same)."""
    index = {c: i for i, c in enumerate(ALPHABET)}
    values, i = [], 0
    while i < len(code):
        c = index[code[i]]
        if c >= ONE_CHAR:
            i += 1
            c = ONE_CHAR + (c - ONE_CHAR) * 64 + index[code[i]]
        values.append(c / 1000)
        i += 1
    return values


def layers_that_fit(layer: int, n_layers: int, n_heads: int, n_tokens: int, most: int = 6) -> list[int]:
    """The group of up to `most` consecutive layers holding `layer`, fewer if the payload would pass MAX_VALUES."""
    per_layer = max(1, n_heads * n_tokens * n_tokens)
    size = max(1, min(most, MAX_VALUES // per_layer, n_layers))
    start = min((layer // size) * size, max(0, n_layers - size))
    return list(range(start, min(n_layers, start + size)))


def _safe_json(value) -> str:
    """JSON that cannot end a <script> element or start markup, whatever the token text."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.cache
def _escaped_head() -> str:
    """The document's head (CSP, the decoder, the loader), escaped for srcdoc once: it never changes."""
    return html.escape(
        f'<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        "<style>body{margin:4px;font-family:'Noto Sans CJK SC','Helvetica Neue',Arial,sans-serif}</style>"
        f"<script>{DECODER_JS}{LOADER_JS}</script></head>",
        quote=True,
    )


def _escaped_document(view: str, att: torch.Tensor, tokens: list[str], layers: list[int], layer: int, b_start) -> str:
    """The whole view as an HTML document, escaped for an srcdoc attribute."""
    data = {
        "code": encode_thousandths(att),
        "shape": list(att.shape),
        "tokens": list(tokens),
        "sentence_b_start": b_start,
        "layers": layers,
        "heads": list(range(att.shape[1])),
        "layer": layer,
    }
    select = "" if b_start is None else 'Attention: <select id="filter">' + "".join(
        f'<option value="{i}">{name}</option>'
        for i, name in enumerate(["All", "Sentence A → A", "Sentence B → B", "Sentence A → B", "Sentence B → A"])
    ) + "</select>"  # fmt: skip
    layer_select = 'Layer: <select id="layer"></select> ' if view == "head_view" else ""
    needs = json.dumps(["d3", "jquery", view])
    script = f"window.bertvizViewParams = bertvizParams({_safe_json(data)});"
    script += f'window.parent.postMessage({{bertvizNeeds: {needs}}}, "*");'
    body = (
        f'<body><div id="bertviz"><span style="user-select:none">{layer_select}{select}</span><div id="vis"></div>'
        f"</div><script>{script}</script></body></html>"
    )
    return _escaped_head() + html.escape(body, quote=True)


def _iframe(escaped_document: str, height: int, title: str) -> str:
    return (
        f'<iframe class="bertviz-frame" title="{html.escape(title)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:0;background:white" '
        f'srcdoc="{escaped_document}"></iframe>'
    )


def head_view_html(att: torch.Tensor, tokens: list[str], layers: list[int], layer: int, b_start=None) -> str:
    """bertviz's head view of att (len(layers), H, T, T), opened at `layer`; b_start = first token of sentence B."""
    height = 130 + 22.5 * len(tokens)
    return _iframe(_escaped_document("head_view", att, tokens, layers, layer, b_start), height, "bertviz head view")


def model_view_html(att: torch.Tensor, tokens: list[str], layers: list[int], b_start=None) -> str:
    """bertviz's model view: every head of every layer in `layers` as a thumbnail; click one for details."""
    n_layers, n_heads, t = att.shape[0], att.shape[1], len(tokens)
    thumbnail = t * 7 * (12 / n_heads) + 10
    height = max(n_layers * thumbnail + 38, t * 18 + 70) + 60
    return _iframe(
        _escaped_document("model_view", att, tokens, layers, layers[0], b_start), height, "bertviz model view"
    )
