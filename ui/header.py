"""The header every visitor sees: the device, the Hub, and which models are (not) available, and why."""

from __future__ import annotations

import gradio as gr

from playground import models
from playground.device import best_device
from playground.hub import hub_status
from playground.runs import RunStore
from ui.i18n import say, t
from ui.serving import view_cache


def model_choices(names) -> list[tuple[str, str]]:
    """Dropdown choices for catalogue models: unavailable ones stay listed and labelled (choosing one says why)."""
    return [
        (name if models.availability(name).available else t("header.unavailable_choice", name=name), name)
        for name in names
    ]


def source_text(spec: models.ModelSpec, source: str) -> str:
    """Where an available model comes from (models.availability names it in English), in the page's language."""
    if source == models.CACHE_SOURCE:
        return t("header.source.cache")
    if source == models.HUB_SOURCE:
        return t("header.hub")
    if spec.package:
        return t("header.source.embedded", package=spec.package)
    return t("header.source.kept")


def status_markdown() -> str:
    """One line for the device and the Hub, then one line per catalogue model."""
    device, status = best_device(), hub_status()
    hub = t("header.hub_yes") if status.reachable else t("header.hub_no", reason=say(status.reason))
    lines = [f"**{t('header.device')}:** {device.description} · **{t('header.hub')}:** {hub}", ""]
    for spec in models.catalogue():
        where = models.availability(spec.name)
        if where.available:
            source = source_text(spec, where.source)
            lines.append(f"- **{spec.name}** ({spec.role}) · {t('header.available')} · {source} · {spec.about}")
        else:
            lines.append(f"- **{spec.name}** ({spec.role}) · **{t('header.unavailable')}**: {say(where.reason)}")
    held = models.MODELS.holds()
    lines += ["", f"{t('header.loaded')}: {', '.join(held) if held else t('header.none_yet')}"]
    return "\n".join(lines)


def summary_markdown() -> str:
    """The short line shown above the tabs."""
    device, status = best_device(), hub_status()
    # Fine-tuned models stay out of this line (a class keeps dozens): menus and the details list them
    specs = [s for s in models.catalogue() if not s.name.startswith(models.KEPT_PREFIX)]
    ready = [s.name for s in specs if models.availability(s.name).available]
    kept = len(models.kept_specs())
    ready += [t("header.kept", n=kept)] if kept else []
    hub = t("header.hub_yes") if status.reachable else t("header.hub_offline")
    problem = RunStore().problem()  # said at start, not discovered when a run fails
    return (
        f"**{t('header.device')}:** {device.description} · **{t('header.hub')}:** {hub} · "
        f"**{t('header.models')}:** {', '.join(ready)}"
        + (f"\n\n**{t('header.runs')}:** {say(problem)}" if problem else "")
    )


def progress_markdown() -> str:
    """While the app prepares: which models load now and how many default views are ready."""
    parts = []
    loading = models.MODELS.loading()
    if loading:
        parts.append(t("header.loading", names=", ".join(loading)))
    warm = view_cache.WARM
    if warm["running"]:
        parts.append(t("header.warming", done=warm["done"], total=warm["total"]))
    return " · ".join(parts)


def refresh():
    """The header's outputs: summary, details, and the timer (kept ticking only while preparing)."""
    progress = progress_markdown()
    summary = summary_markdown() + (f"  \n⏳ {progress}" if progress else "")
    return summary, status_markdown(), gr.Timer(active=bool(progress))
