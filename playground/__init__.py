"""LLM Playground's engine: models, math and data, never UI.

Importing this package loads no model, imports no gradio and touches no network.
Each concept lives in its own module (`device`, `hub`, `models`, `positional`, ...).
"""
