"""The Space path, offline: the app finds the catalogue's Hub models and GLUE MRPC in a local Hugging Face cache
(tests/hub_cache.py: real architectures and tokenizers, small random weights) and every tab runs on them.

One app, launched once in a subprocess with HF_HOME pointing at the cache and HF_HUB_OFFLINE=1 (huggingface_hub
reads its cache folder at import, and the catalogue remembers availability: a fresh process is the honest test).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hub_cache
from tests.conftest import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TEXT = "The cat sat on the mat because it was tired."
ZH_TEXT = "我爱北京天安门，今天天气很好。"
CAUSAL = ("gpt2", "distilgpt2")
ENCODERS = ("bert-base-uncased", "distilbert-base-uncased", "bert-base-chinese")
LAYOUTS = {
    "gpt2": "pre-LN (GPT-2)",
    "distilgpt2": "pre-LN (GPT-2)",
    "bert-base-uncased": "post-LN (BERT, like the seed)",
    "distilbert-base-uncased": "post-LN (DistilBERT, like BERT and the seed)",
    "bert-base-chinese": "post-LN (BERT, like the seed)",
}
LAUNCH = (
    "import app; app.demo.launch(server_name='127.0.0.1', server_port={port}, quiet=True, ssr_mode=False, **app.LAUNCH)"
)


@pytest.fixture(scope="session")
def hf_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("hf-home")
    hub_cache.build(home)
    return home


@pytest.fixture(scope="session")
def space_url(hf_home, tmp_path_factory):
    """The app, in its own process, on the local cache only."""
    port = free_port()
    env = {
        **os.environ,
        **hub_cache.environment(hf_home),
        "PLAYGROUND_RUNS": str(tmp_path_factory.mktemp("runs")),
        "PLAYGROUND_MAX_MODELS": "12",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    log = (hf_home / "app.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH.format(port=port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url, proc, hf_home / "app.log")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_for(url: str, proc, log: Path, timeout_s: float = 180) -> None:
    import urllib.request

    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the app exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "gradio_api/info", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the app did not answer within {timeout_s} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def space(space_url):
    from gradio_client import Client

    return Client(space_url, verbose=False)


def test_the_cache_has_the_catalogue_names_and_mrpc(hf_home):
    from playground import models

    hub_ids = {s.name: s.hub_id for s in models.CATALOGUE}
    assert all(hub_ids[name] == repo for name, repo in hub_cache.HUB_NAMES.items())
    for repo in hub_cache.HUB_NAMES.values():
        folder = hf_home / "hub" / f"models--{repo.replace('/', '--')}"
        assert (folder / "refs" / "main").read_text() == hub_cache.COMMIT
        assert (folder / "snapshots" / hub_cache.COMMIT / "config.json").is_file()
    assert list((hf_home / "datasets" / "nyu-mll___glue" / "mrpc").glob("*/*/glue-validation.arrow"))


@pytest.mark.parametrize("model", CAUSAL + ENCODERS)
def test_attention_positions_and_architecture_on_each_model(space, model):
    text = ZH_TEXT if model.endswith("chinese") else TEXT
    out = space.predict(text=text, model=model, layer=0, head=1, api_name="/attention")
    t = len(out["tokens"])
    assert out["causal"] == (model in CAUSAL) and t > 5
    if model.endswith("chinese"):
        assert "我" in out["tokens"] and "[UNK]" not in out["tokens"]
    learned = space.predict(model=model, n_positions=16, api_name="/positional_learned")
    assert learned["shape"] == [hub_cache.SMALL["positions"], hub_cache.SMALL["d"]]
    block = space.predict(model=model, text=text, layer=0, api_name="/architecture_block")
    assert block["output_diff"] < 1e-4 and len(block["tokens"]) == t
    assert block["layout"] == LAYOUTS[model]


@pytest.mark.parametrize("model", CAUSAL)
def test_causal_loss_and_streamed_generation(space, model):
    loss = space.predict(text=TEXT, model=model, api_name="/loss_causal_lm")
    assert abs(loss["mean"] - loss["model_loss"]) < 1e-3  # ours equals the model's own loss
    job = space.submit(template="The capital of France is", model=model, max_new_tokens=5, api_name="/generate")
    result = job.result(timeout=120)
    assert len(result["tokens"]) == 5 and result["prompt"] == "The capital of France is"
    assert result["text"] == "".join(result["tokens"]) and len(result["probs"]) == 5  # random weights: any tokens


@pytest.mark.parametrize("model", ENCODERS)
def test_masked_lm_uses_the_real_pretrained_head_class(space, model):
    text = ZH_TEXT if model.endswith("chinese") else TEXT
    out = space.predict(text=text, rate=0.3, seed=1, model=model, api_name="/loss_masked_lm")
    assert out["pretrained_head"] is True and out["positions"]
    assert len(out["losses"]) == len(out["positions"])


def test_fine_tune_on_mrpc_from_the_cache(space):
    started = space.predict(
        model="bert-base-uncased", dataset="mrpc", max_steps=4, batch_size=8, train_size=32, eval_size=16,
        eval_steps=2, api_name="/finetune_start",
    )  # fmt: skip
    deadline, status = time.time() + 150, {}
    while time.time() < deadline:
        status = space.predict(started["run_id"], -1, api_name="/finetune_status")
        if status["state"] in ("finished", "stopped", "diverged", "failed"):
            break
        time.sleep(1)
    assert status["state"] == "finished", status.get("log_tail") or status
    assert status["step"] == 4 and status["accuracy_after"] is not None and status["last_loss"] is not None
    assert status["config"]["dataset"] == "mrpc"


def test_mrpc_loads_from_the_cache_with_its_features(hf_home, monkeypatch):
    from datasets import config

    from playground import pairs

    monkeypatch.setattr(config, "HF_DATASETS_CACHE", str(hf_home / "datasets"))
    assert pairs.mrpc_cached()
    rows = pairs.load_mrpc("validation")
    assert len(rows) == 24 and {r["label"] for r in rows} == {0, 1}


def test_browser_takes_gpt2_apart_and_the_header_names_the_cache(space_url):
    """Architecture tab, GPT-2: eleven steps from ln_1 to the second residual, in English and in Chinese."""
    pytest.importorskip("playwright")
    from tests.browser import open_app_page

    for locale, tab, steps_tab, expected, details in [
        ("en-US", "Architecture", "One block, step by step", "pre-LN (GPT-2)", "Models and where they come from"),
        ("zh-CN", "模型结构", "一个块，逐步展开", "pre-LN（GPT-2）", "模型及其来源"),
    ]:
        with open_app_page(space_url, tab=tab, locale=locale) as page:
            page.get_by_role("tab", name=steps_tab).click()
            page.locator("#architecture-steps-note").get_by_text("FFN").first.wait_for(timeout=90_000)
            page.locator("#architecture-steps-plot").scroll_into_view_if_needed()
            page.locator("#architecture-steps-model input").click()
            page.get_by_role("option", name="gpt2", exact=True).click()
            page.locator("#architecture-steps-show").click()
            page.locator("#architecture-steps-note").get_by_text(expected).wait_for(timeout=90_000)
            page.wait_for_function(
                "document.querySelectorAll('#architecture-steps-plot .heatmaplayer image, "
                "#architecture-steps-plot .hm image').length >= 11",
                timeout=60_000,
            )
            titles = page.evaluate(
                "Array.from(document.querySelectorAll('#architecture-steps-plot .annotation-text'))"
                ".map(t => t.textContent)"
            )
            assert "LayerNorm ln_1" in titles and "LayerNorm ln_2" in titles
            assert ("query Q (c_attn, first third)" if locale == "en-US" else "查询 Q（c_attn 的前三分之一）") in titles
            page.get_by_text(details, exact=True).first.click()  # the header's accordion
            page.get_by_text("gpt2 (causal-lm)").first.wait_for(timeout=30_000)
            lines = page.evaluate("document.body.innerText").splitlines()
            cached = [line for line in lines if "local Hugging Face cache" in line]
            assert {
                name for name in hub_cache.HUB_NAMES if any(line.startswith(f"{name} (") for line in cached)
            } == set(hub_cache.HUB_NAMES)
