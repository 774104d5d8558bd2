"""The Space path, offline: the app finds the catalogue's Hub models and GLUE MRPC in a local Hugging Face cache
(tests/hub_cache.py: real architectures and tokenizers, small random weights) and every tab runs on them.

One app, launched once in a subprocess with HF_HOME pointing at the cache and HF_HUB_OFFLINE=1 (huggingface_hub
reads its cache folder at import, and the catalogue remembers availability: a fresh process is the honest test).
"""

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
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


def test_generate_streams_gpt2_token_by_token_through_the_client(space):
    """/generate_stream: a partial answer per new token arrives before the final one, which equals /generate's."""
    args = dict(template="The capital of France is", model="gpt2", max_new_tokens=6)
    job = space.submit(**args, api_name="/generate_stream")
    arrived = list(job)  # the client's job yields each output as it arrives
    assert [len(a["tokens"]) for a in arrived] == [1, 2, 3, 4, 5, 6, 6]
    assert [a["done"] for a in arrived] == [False] * 6 + [True]
    assert all(a["tokens"] == arrived[-1]["tokens"][: len(a["tokens"])] for a in arrived)  # each extends the last
    final = {k: v for k, v in arrived[-1].items() if k != "done"}
    assert final == space.predict(**args, api_name="/generate")


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
        status = space.predict(started["run_id"], -1, started["owner_token"], api_name="/finetune_status")
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


# ---- every tab's view in a real Chromium, on each Hub model its menus offer ------------------------------------


@dataclass(frozen=True)
class View:
    """One view drawn for each model: its tab (an id of ui.tabs.TABS) and sub-tab (a text key), the model menu,
    the button that draws it (None: choosing a model draws it), the main output, and the Hub models the menu
    offers."""

    tab: str
    sub: str | None
    menu: str
    run: str | None
    output: str
    models: tuple[str, ...]


ALL = CAUSAL + ENCODERS
MLM_MENU = ("bert-base-uncased", "distilbert-base-uncased")  # the masked-LM menu leaves bert-base-chinese out
VIEWS = {  # one page per language, each view on one of them
    "en-US": (
        View("positional", "pos.learned.tab", "pos-learned-model", None, "pos-learned-plot", ALL),
        View("attention", None, "attention-model", None, "attention-head-plot", ALL),
        View("architecture", "arch.tree.tab", "architecture-tree-model", None, "architecture-tree-plot", ALL),
        View("finetune", None, "ft-model", "ft-start", "ft-pinned", ("bert-base-uncased",)),  # a run: ~1 min
    ),
    "zh-CN": (  # gpt2's block is drawn on both pages by the GPT-2 check before these
        View("architecture", "arch.steps.tab", "architecture-steps-model", "architecture-steps-show",
             "architecture-steps-plot", tuple(m for m in ALL if m != "gpt2")),
        View("inside", "inside.lens.tab", "inside-model", None, "inside-lens-plot", CAUSAL),
        View("losses", "loss.lm.tab", "loss-causal-model", "loss-causal-run", "loss-causal-plot", CAUSAL),
        View("losses", "loss.mlm.tab", "loss-masked-model", "loss-masked-run", "loss-masked-plot", MLM_MENU),
        View("losses", "loss.cl.tab", "loss-contrastive-model", "loss-cl-run", "loss-contrastive-sim-plot", ENCODERS),
        View("prompts", None, "prompts-model", "prompts-generate-button", "prompts-output", CAUSAL),
    ),
}  # fmt: skip
FINGERPRINT = """(id) => {
  const el = document.getElementById(id);
  if (!el) return null;
  const plot = el.querySelector('.js-plotly-plot');
  const traces = plot && (plot.data || []).map(d => [d.x, d.y, d.z, d.text]);
  const text = plot ? JSON.stringify([traces, plot.layout && plot.layout.title]) : el.innerHTML;
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return text.length + ':' + h;
}"""
TOASTS = "[data-testid=toast-body], [data-testid=toast-text]"


def draw_for_each_model(page, view: View, words: dict) -> dict[str, float]:
    """Choose each model in the view's menu, draw, and check that the output changed, is seen, and no error showed.
    Returns the seconds each draw took."""
    from tests.visibility import assert_seen
    from ui.tabs import BY_ID

    page.get_by_role("tab", name=words[BY_ID[view.tab].label], exact=True).click()
    if view.sub:
        page.get_by_role("tab", name=words[view.sub], exact=True).click()
    seconds, finished = {}, page.evaluate(FINISHED, words["ft.state.finished"])
    for i, model in enumerate(view.models):
        page.wait_for_timeout(300)  # an event the click started (a sub-tab's first draw) shows its tracker
        if view.tab == "finetune":  # the run's watch keeps its tracker up: the runs table says when a run is over
            page.wait_for_function(f"([w, n]) => ({FINISHED})(w) >= n", arg=[words["ft.state.finished"], finished + i],
                                   timeout=180_000)  # fmt: skip
        else:
            page.wait_for_function(SETTLED, arg=view.output, timeout=120_000)
        before, start = page.evaluate(FINGERPRINT, view.output), time.time()
        print(f"drawing {view.output} for {model}", flush=True)
        page.locator(f"#{view.menu} input").click()
        page.get_by_role("option", name=re.compile(rf"^{re.escape(model)}( |$)")).first.click()  # "name — its head"
        if view.run:
            page.locator(f"#{view.run}").click()
        page.wait_for_function(  # drawn again, or an error said
            f"([id, before]) => {{ const now = ({FINGERPRINT})(id); return now !== null && now !== before "
            f"|| !!document.querySelector('{TOASTS}'); }}",
            arg=[view.output, before],
            timeout=120_000,
        )
        toasts = page.locator(TOASTS)
        assert toasts.count() == 0, f"{view.menu} = {model}: " + " | ".join(toasts.all_inner_texts())
        assert_seen(page, f"#{view.output} .js-plotly-plot" if view.output.endswith("plot") else f"#{view.output}",
                    chart=view.output.endswith("plot"), name=f"{view.output} for {model}",
                    streaming=view.tab == "finetune")  # fmt: skip
        seconds[f"{view.output} {model}"] = round(time.time() - start, 1)
    return seconds


SETTLED = """(id) => {
  const el = document.getElementById(id);
  const block = el && (el.closest('.block') || el);
  const tracker = block && block.querySelector('[data-testid="status-tracker"]');
  return !!el && (!tracker || tracker.classList.contains('hide'));
}"""


FINISHED = "(word) => (document.getElementById('ft-runs') || document.body).innerText.split(word).length - 1"


def take_gpt2_apart(page, words: dict, locale: str) -> None:
    """Architecture tab, GPT-2: eleven steps from ln_1 to the second residual."""
    page.get_by_role("tab", name=words["arch.tab"], exact=True).click()
    page.get_by_role("tab", name=words["arch.steps.tab"], exact=True).click()
    page.locator("#architecture-steps-note").get_by_text("FFN").first.wait_for(timeout=90_000)
    page.locator("#architecture-steps-plot").scroll_into_view_if_needed()
    page.locator("#architecture-steps-model input").click()
    page.get_by_role("option", name="gpt2", exact=True).click()
    page.locator("#architecture-steps-show").click()
    page.locator("#architecture-steps-note").get_by_text(words["architecture.note.pre_ln_gpt2"]).wait_for(
        timeout=90_000
    )
    page.wait_for_function(
        "document.querySelectorAll('#architecture-steps-plot .heatmaplayer image, "
        "#architecture-steps-plot .hm image').length >= 11",
        timeout=60_000,
    )
    titles = page.evaluate(
        "Array.from(document.querySelectorAll('#architecture-steps-plot .annotation-text')).map(t => t.textContent)"
    )
    assert "LayerNorm ln_1" in titles and "LayerNorm ln_2" in titles
    assert ("query Q (c_attn, first third)" if locale == "en-US" else "查询 Q（c_attn 的前三分之一）") in titles


def start_short_runs(page, words: dict) -> None:
    """The Fine-tune tab's hyper-parameters for a run of a few steps on the small models."""
    page.get_by_role("tab", name=words["ft.tab"], exact=True).click()
    for key, value in (("ft.train_size", "32"), ("ft.max_steps", "4"), ("ft.eval_steps", "2")):
        box = page.get_by_label(words[key], exact=True)
        box.fill(value)
        box.press("Tab")


@pytest.mark.browser
def test_every_tab_draws_each_hub_model_in_the_browser_and_the_header_names_the_cache(space_url):
    """One page per language: the Tokens tab cuts with the cached tokenizers; every other tab draws its main view
    for each Hub model its menu offers (the output changes, is seen, no error toast); the Architecture tab takes
    GPT-2 apart in both languages; the header says, in the page's language, which models came from the cache."""
    pytest.importorskip("playwright")
    from tests.browser import open_app_page
    from ui.i18n.en import EN
    from ui.i18n.zh import ZH
    from ui.tabs import TABS

    # every tab: the first (open when the page loads) cuts with the tokenizers, each other one draws a view here
    assert {TABS[0].id} | {view.tab for views in VIEWS.values() for view in views} == {tab.id for tab in TABS}
    seconds = {}
    for locale, words in (("en-US", EN), ("zh-CN", {**EN, **ZH})):
        started = time.time()
        with open_app_page(space_url, locale=locale) as page:
            page.set_default_timeout(90_000)  # a click waits for a page busy drawing (2 shared cores in CI)
            if locale == "en-US":  # the Tokens tab, open first: a row per tokenizer, the cached BERT ones too
                for name in ("bert-base-uncased", "bert-base-chinese"):
                    page.locator("#tokens-chips").get_by_text(f"{name} · ").first.wait_for(timeout=90_000)
            take_gpt2_apart(page, words, locale)
            for view in VIEWS[locale]:
                if view.tab == "finetune":
                    start_short_runs(page, words)
                seconds |= draw_for_each_model(page, view, words)
            page.get_by_text(words["header.details"], exact=True).first.click()  # the header's accordion
            page.get_by_text("gpt2 (causal-lm)").first.wait_for(timeout=30_000)
            lines = page.evaluate("document.body.innerText").splitlines()
            cached = [line for line in lines if f" · {words['header.source.cache']} · " in line]
            assert {
                name for name in hub_cache.HUB_NAMES if any(line.startswith(f"{name} (") for line in cached)
            } == set(hub_cache.HUB_NAMES)
            if locale == "zh-CN":  # the source's name is translated, not left in English
                assert not any(EN["header.source.cache"] in line for line in lines)
        seconds[locale] = round(time.time() - started, 1)
    print(seconds)
