"""LLM Playground's UI: one file per tab (each a `gr.Blocks` named `demo`), plus shared helpers."""
