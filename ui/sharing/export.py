"""Export for every chart, set once for the whole page: PNG at 1920 x 1080 and SVG for slides, the numbers as
CSV and as a table under the chart, and a toolbar that the keyboard reaches.

gradio's gr.Plot offers no download options of its own (it passes a figure's JSON to plotly.js), and kaleido
needs a Chrome to render server-side; so this is done in the browser, with plotly.js' own `downloadImage` and
`setPlotConfig` (export.js). The colour-blind-safe palettes are the figures' own (ui/plots.py).
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

JS = (Path(__file__).with_name("export.js")).read_text("utf-8")


def wire(demo: gr.Blocks) -> None:
    """Run export.js once when the page opens (client-side only: no server call)."""
    demo.load(None, None, None, js=JS)
