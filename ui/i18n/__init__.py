"""Two languages, English and Simplified Chinese: which one a sentence is written in, and how the server knows.

Two kinds of text reach the page:

- **Static text** (labels, tab names, buttons, intros, default inputs) is written while the layout is built, before
  any visitor exists. `t(key)` then returns gradio's translation marker (`I18nData`), and the browser picks the
  sentence from `I18N` in its own language (the browser's locale, or the one chosen in gradio's footer Settings).
- **Live text** (a handler's sentence with numbers, an error) is written on the server for one request. The page
  keeps a cookie equal to the language it shows (`SYNC_JS` watches `<html lang>`, which gradio sets), and
  `language()` reads it from the request gradio is serving; without one (gradio_client, a test), the request's
  Accept-Language decides, and without a request English does.

    >>> language_of(cookie="zh-CN", accept="en-US,en;q=0.9")
    'zh'
    >>> language_of(cookie=None, accept="fr-FR,fr;q=0.9,en;q=0.8")
    'en'
"""

from __future__ import annotations

import re

import gradio as gr
from gradio.context import LocalContext, get_blocks_context
from gradio.i18n import I18nData

from playground.errors import Coded, Note, Term
from ui.i18n.en import EN
from ui.i18n.zh import ZH

COOKIE = "playground_lang"
LANGUAGES = ("en", "zh")
LOCALES = {"en": ("en",), "zh": ("zh-CN", "zh")}  # gradio's locale codes for each language

RELABEL_ID = "i18n-relabel"

# Once the page is up (launch(js=...)): the cookie follows <html lang>, which gradio sets to the language it shows.
# gradio's live switch (Settings) leaves the labels of the tabs not shown in the old language: a hidden button then
# asks the server for every tab label in the new one (`relabel_tabs`).
SYNC_JS = f"""
() => {{
  let shown = document.documentElement.lang || navigator.language || "en";
  const sync = (lang) => {{
    document.cookie = "{COOKIE}=" + encodeURIComponent(lang) + "; path=/; SameSite=Lax";
  }};
  sync(shown);
  new MutationObserver(() => {{
    const lang = document.documentElement.lang;
    if (!lang || lang === shown) return;
    shown = lang;
    sync(lang);
    document.getElementById("{RELABEL_ID}")?.click();
  }}).observe(document.documentElement, {{ attributes: true, attributeFilter: ["lang"] }});
}}
"""
CSS = f"#{RELABEL_ID} {{ display: none !important; }}"


def language_code(tag: str | None) -> str | None:
    """'zh-CN', 'zh-Hans-CN', 'zh' -> 'zh'; 'en-GB' -> 'en'; anything else -> None."""
    tag = (tag or "").strip().lower()
    return next((code for code in LANGUAGES if tag == code or tag.startswith(code + "-")), None)


def language_of(cookie: str | None, accept: str | None) -> str:
    """The page's language (the cookie), else the first known one of Accept-Language, else English."""
    if code := language_code(cookie):
        return code
    for part in (accept or "").split(","):
        if code := language_code(part.split(";")[0]):
            return code
    return "en"


def language() -> str:
    """The language of the request gradio is serving now ('en' outside a request)."""
    request = LocalContext.request.get(None)
    if request is None:
        return "en"
    return language_of(request.cookies.get(COOKIE), request.headers.get("accept-language"))


def building_layout() -> bool:
    """True while a gr.Blocks layout is being built (static text), False inside a request or outside gradio."""
    return get_blocks_context() is not None and LocalContext.request.get(None) is None


MARKED: set[str] = set()  # every key a layout holds as a marker: all the browser looks up (`translations`)


def marker(key: str) -> str:
    """The string gradio's frontend replaces by the key's sentence in the page's language."""
    MARKED.add(key)
    return str(I18nData(key))


MARKER = re.compile(r'__i18n__(\{"__type__": "translation_metadata", "key": "([^"]+)"\})')


def resolve(value):
    """An input still holding a marker (the page's first events send the layout's raw value) -> its sentence.

    Every other value passes unchanged."""
    if not isinstance(value, str) or "__i18n__" not in value:
        return value
    return MARKER.sub(lambda match: t(match.group(2)), value)


def say(said: Coded | Note) -> str:
    """What the engine said (a coded error or a Note: a key and its values) as a sentence in the request's language.

    A value that is a `Term` becomes its word (`term.<name>`) in the same language; the table's text formats the
    numbers (`{value:g}`, `{n:,}`)."""
    return _text(said.key).format(**{name: _word(value) for name, value in dict(said.params).items()})


def _word(value):
    """A value inside a sentence: a Term is translated, a Note or coded error (a reason) is said in turn."""
    if isinstance(value, Term):
        return t(f"term.{value.name}")
    if isinstance(value, Coded | Note):
        return say(value)
    return value


def _text(key: str) -> str:
    return ZH.get(key, EN[key]) if language() == "zh" else EN[key]


def relabel_tabs(blocks: gr.Blocks) -> None:
    """A hidden button that writes every tab label (marked while building) in the request's language."""
    tabs = [block for block in blocks.blocks.values() if isinstance(block, gr.Tab) and MARKER.search(block.label)]
    keys = [MARKER.search(tab.label).group(2) for tab in tabs]
    button = gr.Button("relabel", elem_id=RELABEL_ID)
    button.click(lambda: [gr.Tab(label=t(key)) for key in keys], None, tabs, api_visibility="private")


def translations(keys=None) -> gr.I18n:
    """gradio's I18n object for `launch(i18n=...)`: the English and the Chinese sentences of `keys`.

    By default the keys marked so far (`MARKED`), so call it once the layout is built: the page carries the table,
    and live text is written on the server, so the browser never looks up another key (the app's page: 0.95 MB of
    HTML with its 314 keys, 1.17 MB with all 1,116)."""
    keys = sorted(k for k in (MARKED if keys is None else keys) if k in EN)
    tables = {"en": EN, "zh": {**EN, **ZH}}  # a key not yet translated shows in English, never as its name
    return gr.I18n(
        **{locale: {k: tables[code][k] for k in keys} for code, locales in LOCALES.items() for locale in locales}
    )


def t(key: str, **values) -> str:
    """The UI text for a key, with {placeholders} filled in, in the visitor's language (ui/i18n).

    While a layout is built, a key without placeholders becomes gradio's translation marker: the browser shows it
    in its own language. Inside a request the sentence is written in the request's language."""
    if not values and building_layout():
        return marker(key)
    text = _text(key)
    return text.format(**values) if values else text


def headed(rows: list[list], keys) -> dict:
    """Table rows under column headers written in the request's language: a gr.Dataframe value.

    gradio translates no table header of a layout, so a handler sends its headers with its rows:
    `headed([[1, "a"]], ("loss.lm.col_i", "loss.lm.col_target"))` -> {"headers": ["i", "target x_i"], "data": ...}."""
    return {"headers": [t(key) for key in keys], "data": rows}
