"""Presenter mode for lectures: large type, high contrast, advanced controls hidden.

A checkbox in the header puts the class `presenter` on <body>; `CSS` (passed to `launch(css=...)`) does the rest.
Controls a lecture does not need (each tab's `TAB.advanced`) carry the class `advanced` and disappear in presenter
mode, and on a phone until its "all settings" box (beside the presenter toggle) puts `all-settings` on <body>
(ui/style.py).
"""

from __future__ import annotations

import gradio as gr

from ui.i18n import t
from ui.tab import mark
from ui.tabs import TABS

CSS = """
body.presenter {
  --text-xxs: 14px; --text-xs: 16px; --text-sm: 18px; --text-md: 20px; --text-lg: 24px; --text-xl: 30px;
  --text-xxl: 36px;
  --block-label-text-size: 18px; --block-info-text-size: 16px; --block-title-text-size: 20px;
  --input-text-size: 20px; --button-large-text-size: 22px; --button-medium-text-size: 20px;
  --button-small-text-size: 18px; --prose-text-size: 20px; --section-header-text-size: 20px;
  --body-text-color: #000; --body-text-color-subdued: #111; --block-label-text-color: #000;
  --block-info-text-color: #111; --block-title-text-color: #000; --link-text-color: #0033aa;
  --border-color-primary: #000; --block-border-color: #000; --input-border-color: #000;
  --background-fill-primary: #fff; --background-fill-secondary: #fff; --block-background-fill: #fff;
  --input-background-fill: #fff; --block-label-background-fill: #fff;
  --button-primary-background-fill: #0033aa; --button-primary-background-fill-hover: #002277;
  --button-primary-text-color: #fff; --button-primary-border-color: #0033aa;
  --button-secondary-background-fill: #fff; --button-secondary-text-color: #000;
  --button-secondary-border-color: #000; --color-accent: #0033aa; --color-accent-soft: #dde6ff;
  --checkbox-label-text-color: #000; --table-text-color: #000;
  background: #fff; color: #000;
}
body.presenter .prose, body.presenter .md { font-size: 20px; line-height: 1.5; color: #000; }
body.presenter button[role="tab"] { font-size: 20px; font-weight: 600; color: #000; }
body.presenter button[role="tab"][aria-selected="true"] { border-bottom: 3px solid #0033aa; color: #0033aa; }
body.presenter .advanced { display: none !important; }
body.presenter button.secondary { border: 2px solid #000; }
#scene-previous, #scene-next { white-space: nowrap; }
body.presenter #scene-previous, body.presenter #scene-next { min-width: 180px !important; }
#scene-narration { min-height: 2.5em; }
.cache-indicator { display: none !important; }  /* gradio's "used cache: 0.0s" badge means nothing to a student */
body.presenter #scene-narration { font-size: 22px; }
"""

# a header box that puts a class on <body> (CSS does the rest; no server round trip)
BODY_CLASS_JS = "(on) => { document.body.classList.toggle('%s', !!on); }"


def mark_advanced() -> list[gr.components.Component]:
    """Give every tab's advanced controls the class `advanced` (before launch); returns them."""
    marked = [block for tab in TABS for block in tab.advanced]
    for block in marked:
        mark(block, "advanced")
    return marked


def body_class_box(body_class: str, label: str, info: str, elem_id: str, elem_classes=None) -> gr.Checkbox:
    """A header checkbox that puts `body_class` on <body> while it is ticked."""
    box = gr.Checkbox(False, label=t(label), info=t(info), elem_id=elem_id, elem_classes=elem_classes, scale=0)
    box.change(None, box, None, js=BODY_CLASS_JS % body_class, api_visibility="private")
    return box


def build_toggle() -> gr.Checkbox:
    """The header's presenter-mode checkbox."""
    return body_class_box("presenter", "presenter.toggle", "presenter.toggle_info", "presenter-toggle")


def build_settings_toggle() -> gr.Checkbox:
    """On a phone only: show the advanced controls too (a phone hides them so a tab's view starts on its first two
    screens; a desktop always shows them)."""
    return body_class_box(
        "all-settings", "phone.all_settings", "phone.all_settings_info", "all-settings-toggle", "phone-only"
    )
