"""Models trained in the Fine-tune tab join the catalogue, so other tabs show them before/after fine-tuning."""

import pytest
import torch

from playground import embedded, losses, models

pytestmark = pytest.mark.slow


@pytest.fixture()
def kept_run(tmp_path, monkeypatch):
    """A run folder as the Fine-tune tab leaves it: <runs>/<run id>/model with a classification head."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path))
    folder = tmp_path / "20261129-000000-test" / "model"
    torch.manual_seed(0)
    net = AutoModelForSequenceClassification.from_pretrained(embedded.minilm_dir(), num_labels=2)
    net.save_pretrained(folder)
    AutoTokenizer.from_pretrained(embedded.minilm_dir()).save_pretrained(folder)
    yield "fine-tuned 20261129-000000-test", folder
    models.MODELS.clear()


def test_kept_model_is_an_available_encoder(kept_run):
    name, _ = kept_run
    assert name in models.names(models.ENCODER)
    assert models.is_fine_tuned(name) and not models.is_fine_tuned("all-MiniLM-L6-v2")
    assert models.availability(name).source == "kept fine-tuning run (runs folder)"
    out = models.load(name).model(**models.load(name).tokenizer("A cat.", return_tensors="pt"), output_attentions=True)
    assert len(out.attentions) == 6


def test_fine_tuning_loss_uses_the_trained_head(kept_run):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    name, folder = kept_run
    result = losses.fine_tuning_loss("A man plays.", "Someone plays.", 1, model=name)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    reference = AutoModelForSequenceClassification.from_pretrained(folder).eval()
    with torch.no_grad():
        logits = reference(**tokenizer("A man plays.", "Someone plays.", return_tensors="pt")).logits
    expected = torch.nn.functional.cross_entropy(logits, torch.tensor([1])).item()
    assert result.trained and result.loss == pytest.approx(expected, abs=1e-5)


def test_no_runs_folder_means_no_kept_models(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_RUNS", str(tmp_path / "missing"))
    assert models.kept_specs() == ()
