"""Everything the engine says, provoked once each: every error key and every Note key of playground/, written in
English and in Chinese from the text tables (ui/i18n).

The table CASES maps a key to a call that provokes it (a bad input, or the situation a note is about); tiny
models (tests/tiny_models.py) stand in wherever a model is needed. A key used in playground/*.py without a row
here fails `test_every_key_of_the_engine_is_provoked`, so a new error cannot ship without its two sentences.
"""

from __future__ import annotations

import dataclasses
import json
import re
import string
from pathlib import Path
from types import SimpleNamespace

import pytest

from playground import (
    architecture,
    attention,
    attention_formula,
    bpe,
    corpus,
    embedded,
    exercises,
    finetune,
    generation,
    hub,
    inputs,
    inside_inputs,
    kv_cache,
    logit_lens,
    losses,
    models,
    ngram,
    owners,
    pairs,
    patching,
    positional,
    remote,
    residual,
    room,
    scoring,
    templates,
    tokenization,
)
from playground.errors import Coded, InputError, Note, Term
from playground.runs import RunStore, append_jsonl, process_start
from playground.scoring import Example
from tests.test_i18n import request
from tests.test_i18n_views import english_words
from tests.tiny_models import tiny
from ui import i18n
from ui.i18n.en import EN

SOURCE = Path(__file__).parents[1] / "playground"
KEY = re.compile(r'(?:InputError|ModelUnavailable|EmbeddedModelMissing|Note\.of)\(\s*"([a-z_]+\.(?:err|note)\.\w+)"')
BRACES = re.compile(r"^templates\.|^scoring\.err\.one_variable$|^losses\.err\.no_slot$")  # they talk about braces
FIELD = re.compile(r"\{[^{}]*\}")
FEW = [Example("good film", "positive"), Example("bad film", "negative")] * 2
WORDS = {"positive": "good", "negative": "bad"}
OWNER = owners.new_token()


@pytest.fixture
def world(monkeypatch, tmp_path):
    """Offline, every catalogue model a tiny one of its kind, a fresh runs folder; `world.store`, `world.run`."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(models.hub, "is_cached", lambda hub_id: False)
    hub.hub_status.cache_clear()
    real_load = models.load

    def load(name, head=None):
        if name == "tiny-t5":  # a layout the views do not know
            config = SimpleNamespace(model_type="t5", num_hidden_layers=1, num_attention_heads=1)
            return models.LoadedModel(
                models.ModelSpec(name, models.ENCODER, None), "test", None, SimpleNamespace(config=config)
            )
        if name.startswith("tiny-"):
            return tiny(name.removeprefix("tiny-"))
        if models.availability(name).available:
            return tiny("bert" if models.spec(name).role == models.ENCODER else "llama")
        return real_load(name, head)  # not available here: says why

    monkeypatch.setattr(models, "load", load)
    store = RunStore(tmp_path / "runs")
    config = dataclasses.asdict(finetune.make_config(max_steps=2, train_size=8, eval_size=8))
    run = store.create({"finetune": config})
    yield SimpleNamespace(store=store, run=run, tmp_path=tmp_path, monkeypatch=monkeypatch)
    hub.hub_status.cache_clear()


# ---- how each note comes about -------------------------------------------------------------------------------


def hub_notes(w, reachable: bool, offline: bool) -> Note:
    if offline:
        return hub.hub_status.__wrapped__()
    w.monkeypatch.delenv("HF_HUB_OFFLINE")
    w.monkeypatch.setattr(hub, "probe", lambda *a, **k: reachable)
    w.monkeypatch.setattr(hub, "_set_hub_offline", lambda: None)
    return hub.hub_status.__wrapped__().reason


def status_message(w, run=None) -> Note:
    return Note.from_json(w.store.get((run or w.run).run_id).status["message"])


def trained_until(w, wait: bool, build=None) -> Note:
    """train() with the queue answering `wait` and building the trainer replaced by `build`."""
    w.monkeypatch.setattr(finetune, "wait_for_turn", lambda store, run: wait)
    w.monkeypatch.setattr(finetune, "build_trainer", build or (lambda *a: (_ for _ in ()).throw(RuntimeError("x"))))
    try:
        finetune.train(w.run.path)
    except RuntimeError:
        pass
    return status_message(w)


def crashed(w) -> Note:
    w.monkeypatch.setattr(finetune, "train", lambda run_dir: (_ for _ in ()).throw(RuntimeError("out of memory")))
    with pytest.raises(RuntimeError):
        finetune.main(["--run-dir", str(w.run.path)])
    return status_message(w)


def finished(w, stop: bool = False, diverged=None, evaluated: bool = True) -> Note:
    """finish() of a fake trainer: stopped on request, diverged at (loss, step), or finished."""
    saved = SimpleNamespace(save_pretrained=lambda path: None)
    trainer = SimpleNamespace(
        state=SimpleNamespace(global_step=4), evaluate=lambda: None, model=saved, processing_class=saved
    )
    if stop:
        (w.run.path / "STOP").write_text("")
    if evaluated:
        append_jsonl(w.run.metrics_path, {"step": 4, "eval_accuracy": 0.75})
    config = finetune.make_config(eval_steps=2)
    finetune.finish(trainer, SimpleNamespace(diverged=diverged), config, w.run.path, w.store, 0)
    return status_message(w)


def vanished(w) -> Note:
    me = w.store.set_status(w.run, state="running", pid=__import__("os").getpid())["pid"]
    w.store.set_status(w.run, pid_start=process_start(me) + 1)  # the same pid, another process
    return status_message(w)


def active(w, owner: str | None = None) -> None:
    """The world's run active (its worker alive: this process) and owned by `owner`'s digest."""
    w.store.set_status(w.run, state="running", pid=__import__("os").getpid())
    if owner:
        config = json.loads((w.run.path / "config.json").read_text())
        (w.run.path / "config.json").write_text(json.dumps({**config, "owner": owners.digest(owner)}))


def full_queue(w) -> None:
    active(w)
    w.monkeypatch.setenv("PLAYGROUND_MAX_QUEUE", "1")
    finetune.admit(w.store, owners.digest(owners.new_token()))


def unreadable_status(w) -> Note:
    (w.run.path / "status.json").unlink()
    return status_message(w)


def unwritable(w):
    blocker = w.tmp_path / "a-file"
    blocker.write_text("not a folder")
    raise RunStore(blocker / "runs").problem()


# ---- the table: key -> a call that provokes it ---------------------------------------------------------------

LONG_CSV = b"s1,s2,y\n" + b"a,b,1\n" * (pairs.MAX_UPLOAD_ROWS + 1)
GOOD_CSV = b"s1,s2,y\n" + b"".join(b"a%d,b%d,%d\n" % (i, i, i % 2) for i in range(30))

CASES = {
    # playground/inputs.py
    "inputs.err.broken_character": lambda w: inputs.check_unicode("ok \ud800"),
    "inputs.err.not_whole": lambda w: inputs.whole_number(2.5, Term("the_seed"), 0, 10),
    # playground/attention.py
    "attention.err.empty": lambda w: attention.check_text("  "),
    "attention.err.too_long": lambda w: attention.check_text("x" * 5000, Term("second_sentence")),
    "attention.err.control_character": lambda w: attention.check_text("a\x07b"),
    "attention.err.bad_index": lambda w: attention.check_index(7, 6, Term("head")),
    "attention.err.pair_for_causal": lambda w: attention.attend("tiny-llama", "a", "b"),
    # playground/attention_formula.py
    "attention_formula.err.unknown_layout": lambda w: attention_formula.formula_check("tiny-t5", "a b", 0, 0),
    "attention_formula.note.rmsnorm_before": lambda w: attention_formula.formula_check("tiny-llama", "a b", 0, 5),
    "attention_formula.note.no_bias": lambda w: attention_formula.formula_check("tiny-llama", "a b", 0, 5),
    "attention_formula.note.rope": lambda w: attention_formula.formula_check("tiny-llama", "a b", 0, 5),
    "attention_formula.note.gqa": lambda w: attention_formula.formula_check("tiny-llama", "a b", 0, 5),
    "attention_formula.note.causal_mask": lambda w: attention_formula.formula_check("tiny-gpt2", "a b", 0, 1),
    "attention_formula.note.fused_c_attn": lambda w: attention_formula.formula_check("tiny-gpt2", "a b", 0, 1),
    "attention_formula.note.ln_1_before": lambda w: attention_formula.formula_check("tiny-gpt2", "a b", 0, 1),
    # playground/architecture.py
    "architecture.err.unknown_activation": lambda w: architecture.seed_block(None, 8, 2, activation="tanh"),
    "architecture.err.not_bert": lambda w: architecture.seed_block_check("tiny-llama", "a b", 0),
    "architecture.err.block_layout": lambda w: architecture.block_steps("tiny-t5", "a b", 0),
    "architecture.err.gpt2_activation": lambda w: gpt2_with(w, activation_function="relu"),
    "architecture.note.pre_ln_gpt2": lambda w: architecture.block_steps("tiny-gpt2", "a b", 0).layout,
    **{
        f"architecture.note.gpt2_{name}": lambda w: architecture.block_steps("tiny-gpt2", "a b", 0).differences
        for name in ("ln1_first", "pre_ln", "fused_qkv", "conv1d", "gelu", "causal_mask", "tied_positions")
    },
    "architecture.note.post_ln": lambda w: architecture.block_steps("tiny-bert", "a b", 0).layout,
    "architecture.note.post_ln_distilbert": lambda w: architecture.block_steps("tiny-distilbert", "a b", 0).layout,
    **{
        f"architecture.note.distilbert_{name}": lambda w: (
            architecture.block_steps("tiny-distilbert", "a b", 0).differences
        )
        for name in ("names", "embeddings")
    },
    "architecture.note.pre_rmsnorm": lambda w: architecture.block_steps("tiny-llama", "a b", 0).layout,
    "architecture.note.pre_norm": lambda w: architecture.block_steps("tiny-llama", "a b", 0).differences,
    "architecture.note.rmsnorm": lambda w: architecture.block_steps("tiny-llama", "a b", 0).differences,
    "architecture.note.swiglu": lambda w: architecture.block_steps("tiny-llama", "a b", 0).differences,
    "architecture.note.attention_parts": lambda w: architecture.block_steps("tiny-llama", "a b", 0).differences,
    "architecture.err.not_whole": lambda w: architecture.size_estimate(2, 64, 4, 256, vocab="many", seq_len=8),
    "architecture.err.not_positive": lambda w: architecture.size_estimate(0, 64, 4, 256, vocab=10, seq_len=8),
    "architecture.err.heads_divide": lambda w: architecture.size_estimate(2, 64, 5, 256, vocab=10, seq_len=8),
    "architecture.err.kv_heads_divide": lambda w: architecture.size_estimate(
        2, 64, 4, 256, vocab=10, seq_len=8, kv_heads=3
    ),
    "architecture.err.too_many_params": lambda w: architecture.size_estimate(10**6, 10**6, 1, 8, vocab=10, seq_len=8),
    "architecture.err.too_many_tokens": lambda w: architecture.size_estimate(
        2, 64, 4, 256, vocab=10, seq_len=10**9, batch=10**9
    ),
    "architecture.err.calculator_layout": lambda w: architecture.estimate_for_config(SimpleNamespace(model_type="t5")),
    # playground/embedded.py
    "embedded.err.missing": lambda w: embedded.package_dir("no_such_package_here"),
    # playground/hub.py
    "hub.note.offline": lambda w: hub_notes(w, reachable=False, offline=True).reason,
    "hub.note.reachable": lambda w: hub_notes(w, reachable=True, offline=False),
    "hub.note.unreachable": lambda w: hub_notes(w, reachable=False, offline=False),
    # playground/models.py
    "models.err.extra_models": lambda w: models.extra_specs("org/x:decoder"),
    "models.err.not_in_catalogue": lambda w: models.spec("evil/model"),
    "models.err.unavailable": lambda w: models.load_config("gpt2"),
    "models.note.needs_hub": lambda w: models.availability("gpt2").reason,
    "models.note.or_download": lambda w: models.availability("gpt2").reason,
    "models.note.or_install": lambda w: (
        w.monkeypatch.setattr(embedded, "is_installed", lambda package: False),
        models.availability("all-MiniLM-L6-v2").reason,
    )[1],
    # playground/finetune.py
    "finetune.err.unknown_settings": lambda w: finetune.make_config(colour="red"),
    "finetune.err.wrong_type": lambda w: finetune.make_config(max_steps="many"),
    "finetune.err.out_of_range": lambda w: finetune.make_config(batch_size=1000),
    "finetune.err.not_finite": lambda w: finetune.make_config(epochs=float("inf")),
    "finetune.err.unknown_method": lambda w: finetune.make_config(method="qlora"),
    "finetune.err.unknown_padding": lambda w: finetune.make_config(padding="left"),
    "finetune.err.unknown_dataset": lambda w: finetune.make_config(dataset="imdb"),
    "finetune.err.not_encoder": lambda w: finetune.start(finetune.make_config(model="SmolLM2-135M-Instruct"), w.store),
    "finetune.err.no_upload": lambda w: finetune.start(finetune.make_config(dataset="upload"), w.store),
    "finetune.err.no_model": lambda w: finetune.try_pair(w.run, "a", "b"),
    "finetune.err.two_sentences": lambda w: (
        (w.run.model_dir).mkdir(),
        (w.run.model_dir / "config.json").write_text("{}"),
        finetune.try_pair(w.run, "a", "  "),
    ),
    "finetune.note.stopped_early": lambda w: trained_until(w, wait=False),
    "finetune.note.loading": lambda w: trained_until(w, wait=True),
    "finetune.note.training": lambda w: (
        finetune.build_trainer(finetune.make_config(max_steps=1, train_size=8, eval_size=8), w.run.path, w.store),
        status_message(w),
    )[1],
    "finetune.note.crashed": crashed,
    "finetune.note.diverged": lambda w: finished(w, diverged=(float("nan"), 3)),
    "finetune.note.stopped": lambda w: dict(finished(w, stop=True).params)["done"],
    "finetune.note.finished": lambda w: dict(finished(w).params)["done"],
    "finetune.note.accuracy": lambda w: dict(finished(w).params)["accuracy"],
    "finetune.note.done": lambda w: finished(w),
    "finetune.err.one_active": lambda w: (active(w, OWNER), finetune.admit(w.store, owners.digest(OWNER))),
    "finetune.err.queue_full": full_queue,
    # playground/owners.py
    "owners.err.bad_token": lambda w: owners.owner_of("short"),
    "owners.err.not_yours": lambda w: owners.check_manage(owners.Who(owners.new_token()), w.run),
    "owners.err.not_shared": lambda w: owners.check_see(owners.Who(owners.new_token()), w.run),
    # playground/runs.py
    "runs.err.not_writable": unwritable,
    "runs.err.no_such_run": lambda w: w.store.get("../etc"),
    "runs.err.still_active": lambda w: w.store.delete(w.run.run_id),
    "runs.note.no_status": unreadable_status,
    "runs.note.vanished": vanished,
    # playground/generation.py
    "generation.err.max_new_tokens": lambda w: generation.check(generation.GenerationConfig(max_new_tokens=0)),
    "generation.err.too_many_new_tokens": lambda w: generation.check(generation.GenerationConfig(max_new_tokens=10**6)),
    "generation.err.negative_temperature": lambda w: generation.check(generation.GenerationConfig(temperature=-1.0)),
    "generation.err.temperature_too_high": lambda w: generation.check(generation.GenerationConfig(temperature=101)),
    "generation.err.top_k": lambda w: generation.check(generation.GenerationConfig(top_k=-1)),
    "generation.err.top_p": lambda w: generation.check(generation.GenerationConfig(top_p=0.0)),
    "generation.err.repetition_penalty": lambda w: generation.check(generation.GenerationConfig(repetition_penalty=0)),
    "generation.err.seed": lambda w: generation.check(generation.GenerationConfig(seed=-1)),
    "generation.note.greedy": lambda w: (
        generation.check(generation.GenerationConfig(do_sample=True, temperature=0)).notes
    ),
    "remote.note.local": lambda w: remote.answer(None, "m", "p", generation.GenerationConfig(), nothing)[0].engine,
    "remote.note.server": lambda w: remote.server_note(remote.Server(ENDPOINT, "HuggingFaceTB/SmolLM2-135M", "vLLM")),
    "remote.note.server_unnamed": lambda w: remote.server_note(remote.Server(ENDPOINT, "SmolLM2-135M", None)),
    "remote.note.other_model": lambda w: remote.other_model_note(remote.Server(ENDPOINT, "Qwen3-8B", "vLLM")),
    "remote.note.fallback": lambda w: unreachable(),
    "remote.err.unreachable": lambda w: unreachable(),
    "remote.note.fallback_midway": lambda w: remote.fallback_note(
        ENDPOINT, 5, remote.RemoteFailed("remote.err.no_model")
    ),
    "remote.err.no_model": lambda w: remote.fallback_note(ENDPOINT, 0, remote.RemoteFailed("remote.err.no_model")),
    "remote.err.status": lambda w: remote.fallback_note(
        ENDPOINT, 0, remote.RemoteFailed("remote.err.status", status=503, detail="Service Unavailable")
    ),
    "remote.err.answer": lambda w: remote.fallback_note(
        ENDPOINT, 0, remote.RemoteFailed("remote.err.answer", detail="Expecting value: line 1 column 1")
    ),
    "remote.note.no_logprobs": lambda w: remote.Answered(remote.LOCAL, without_logprobs=True).notes(),
    "generation.err.encoder": lambda w: generation.load_causal("all-MiniLM-L6-v2"),
    "generation.err.empty_prompt": lambda w: generation.encode(tiny("llama").tokenizer, "  ", 256),
    "generation.err.prompt_too_long": lambda w: generation.encode(tiny("llama").tokenizer, "x" * 10**6, 256),
    "generation.err.context": lambda w: generation.encode(tiny("llama").tokenizer, "word " * 300, 256, 10),
    # playground/losses.py
    "losses.err.empty": lambda w: losses.check_text("", Term("the_first_sentence")),
    "losses.err.too_long": lambda w: losses.check_text("x" * 5000, Term("a_batch_sentence")),
    "losses.err.not_causal_head": lambda w: losses.causal_lm_loss("a b", "all-MiniLM-L6-v2"),
    "losses.err.too_many_tokens": lambda w: losses.causal_lm_loss("word " * 300, "SmolLM2-135M-Instruct"),
    "losses.err.single_token": lambda w: losses.causal_lm_loss("Hello", "SmolLM2-135M-Instruct"),
    "losses.err.rate_zero": lambda w: losses.check_rate(0),
    "losses.err.rate_one": lambda w: losses.check_rate(1),
    "losses.err.mlm_needs_encoder": lambda w: losses.mlm_model("SmolLM2-135M-Instruct"),
    "losses.err.not_causal": lambda w: losses.causal_infill("a b c", 0.5, 0, "all-MiniLM-L6-v2"),
    "losses.err.infill_too_long": lambda w: losses.causal_infill("word " * 60, 0.5, 0, "SmolLM2-135M-Instruct"),
    "losses.err.nothing_to_hide": lambda w: losses.causal_infill("a😀", 0.5, 0, "SmolLM2-135M-Instruct"),
    "losses.err.not_sentence_encoder": lambda w: losses.embed(["a"], "SmolLM2-135M-Instruct"),
    "losses.err.not_a_pair": lambda w: losses.parse_pairs("a | b\nno separator"),
    "losses.err.one_pair": lambda w: losses.parse_pairs("only | one"),
    "losses.err.too_many_pairs": lambda w: losses.check_batch(["a"] * (losses.MAX_PAIRS + 1)),
    "losses.err.tau_zero": lambda w: losses.check_tau(0),
    "losses.err.tau_range": lambda w: losses.check_tau(1e4),
    "losses.err.unpaired": lambda w: losses.contrastive_loss(["a", "b"], ["c"]),
    "losses.err.gold_label": lambda w: losses.fine_tuning_loss("a", "b", 5),
    "losses.err.no_slot": lambda w: losses.fill_template("Review:", "a"),
    "losses.err.two_label_words": lambda w: losses.parse_label_words("positive"),
    "losses.err.too_many_label_words": lambda w: losses.parse_label_words(",".join("abcdefghi")),
    "losses.err.same_label_words": lambda w: losses.parse_label_words("a, a"),
    "losses.err.two_label_words_short": lambda w: losses.prompt_loss("a", "{x}", ["a"], 0),
    "losses.err.gold_label_word": lambda w: losses.prompt_loss("a", "{x}", ["a", "b"], 2),
    "losses.err.prompt_too_long": lambda w: losses.prompt_loss(
        "word " * 300, "{x}", ["a", "b"], 0, "SmolLM2-135M-Instruct"
    ),
    "losses.err.long_label_word": lambda w: losses.prompt_loss(
        "a", "{x}", ["a", "antidisestablishmentarianism " * 3], 0, "SmolLM2-135M-Instruct"
    ),
    # playground/pairs.py
    "pairs.err.split": lambda w: pairs.load("paraphrase", "test"),
    "pairs.err.unknown_dataset": lambda w: pairs.load("imdb", "train"),
    "pairs.err.mrpc_offline": lambda w: pairs.load("mrpc", "train"),
    "pairs.err.file_too_big": lambda w: pairs.parse_upload(b"x" * (pairs.MAX_UPLOAD_BYTES + 1), "p.csv"),
    "pairs.err.not_utf8": lambda w: pairs.parse_upload("s1,s2,y\nétait,1\n".encode("latin-1"), "p.csv"),
    "pairs.err.missing_columns": lambda w: pairs.parse_upload(GOOD_CSV, "p.csv", "x", "s2", "y"),
    "pairs.err.unknown_labels": lambda w: pairs.parse_upload(GOOD_CSV + b"a,b,maybe\n", "p.csv", "s1", "s2", "y"),
    "pairs.err.empty_sentences": lambda w: pairs.parse_upload(GOOD_CSV + b",b,1\n", "p.csv", "s1", "s2", "y"),
    "pairs.err.too_few": lambda w: pairs.parse_upload(b"s1,s2,y\na,b,1\n", "p.csv", "s1", "s2", "y"),
    "pairs.err.one_label": lambda w: pairs.parse_upload(b"s1,s2,y\n" + b"a,b,1\n" * 30, "p.csv", "s1", "s2", "y"),
    "pairs.err.not_json_object": lambda w: pairs.parse_upload(b"{not json}\n", "p.jsonl"),
    "pairs.err.file_type": lambda w: pairs.parse_upload(GOOD_CSV, "p.xlsx"),
    "pairs.err.no_rows": lambda w: pairs.parse_upload(b"s1,s2,y\n", "p.csv"),
    "pairs.err.too_many_rows": lambda w: pairs.parse_upload(LONG_CSV, "p.csv", "s1", "s2", "y"),
    # playground/positional.py
    "positional.err.d_model": lambda w: positional.sinusoidal(10, 0),
    "positional.err.odd_d_model": lambda w: positional.sinusoidal(10, 7),
    "positional.err.d_model_too_big": lambda w: positional.sinusoidal(10, 4096),
    "positional.err.base": lambda w: positional.sinusoidal(10, 64, -1.0),
    "positional.err.positions": lambda w: positional.sinusoidal(0, 64),
    "positional.err.too_many_positions": lambda w: positional.sinusoidal(10**7, 64),
    "positional.err.pair_index": lambda w: positional.sinusoidal_value(3, 40, 64),
    "positional.err.similarity": lambda w: positional.similarity(positional.sinusoidal(4, 8), "euclid"),
    "positional.err.no_table": lambda w: positional.learned_positions(tiny("llama").model),
    "positional.err.odd_head_dim": lambda w: positional.random_query_key(7, 0),
    "positional.err.heads": lambda w: positional.alibi_slopes(65),
    "positional.err.no_rope": lambda w: positional.rope_settings(tiny("bert").model.config),
    # playground/scoring.py
    "scoring.err.unknown_set": lambda w: scoring.load_dataset("nope", 4),
    "scoring.err.not_a_list": lambda w: scoring.examples_from("text"),
    "scoring.err.bad_example": lambda w: scoring.examples_from([{"text": "", "label": "x"}]),
    "scoring.err.bad_label_line": lambda w: scoring.parse_label_words("positive good"),
    "scoring.err.empty_set": lambda w: scoring.check([], WORDS),
    "scoring.err.too_many_examples": lambda w: scoring.check(FEW * 100, WORDS),
    "scoring.err.one_class": lambda w: scoring.check([Example("a", "pos"), Example("b", "pos")], {"pos": "good"}),
    "scoring.err.missing_words": lambda w: scoring.check(FEW, {"positive": "good"}),
    "scoring.err.empty_prompt": lambda w: scoring.word_log_probs(
        tiny("llama").model, tiny("llama").tokenizer, [""], ["good"]
    ),
    "scoring.err.prompt_too_long": lambda w: scoring.word_log_probs(
        tiny("llama").model, tiny("llama").tokenizer, ["word " * 1100], ["good"]
    ),
    "scoring.err.one_variable": lambda w: scoring.text_variable("Review: {text} {other}"),
    "scoring.err.shots": lambda w: scoring.order_effect(None, None, "{text}", FEW, WORDS, 9, 1),
    "scoring.err.orders": lambda w: scoring.order_effect(None, None, "{text}", FEW, WORDS, 2, 3),
    "scoring.err.too_few_for_shots": lambda w: scoring.pick_demonstrations(FEW, 6),
    # playground/inside_inputs.py, logit_lens.py, patching.py, kv_cache.py, residual.py (Inside the model)
    "inside.err.not_causal": lambda w: inside_inputs.load_causal("tiny-bert"),
    "inside.err.empty": lambda w: inside_inputs.check_text("  "),
    "inside.err.too_many_chars": lambda w: inside_inputs.check_text("x" * (inside_inputs.MAX_CHARS + 1)),
    "inside.err.broken_char": lambda w: inside_inputs.check_text("ok \ud800"),
    "inside.err.too_long": lambda w: inside_inputs.encode(tiny("gpt2").tokenizer, "a b c d", max_tokens=2),
    "inside.err.too_short": lambda w: inside_inputs.encode(tiny("gpt2").tokenizer, "a", 64, min_tokens=2),
    "inside.err.not_one_token": lambda w: inside_inputs.one_token(tiny("gpt2").tokenizer, " Parisian capitals"),
    "inside.err.top_k_range": lambda w: logit_lens.cell_top_k(logit_lens.logit_lens("tiny-gpt2", "a b"), 0, 0, 10**6),
    "inside.err.lengths_differ": lambda w: patching.patch("tiny-gpt2", "a b c", "a b", (" Paris", " Rome")),
    "inside.err.same_answers": lambda w: patching.patch("tiny-gpt2", "a b", "a c", (" Paris", " Paris")),
    "inside.err.new_tokens_range": lambda w: kv_cache.check_new_tokens(10**6),
    "inside.err.unsupported_model": lambda w: residual.unembedding(SimpleNamespace(get_output_embeddings=lambda: None)),
    # playground/corpus.py, tokenization.py, ngram.py (Tokens and language models)
    "exercise.err.empty": lambda w: exercises.BY_ID["positional_sin"].parse("  "),
    "exercise.err.not_number": lambda w: exercises.BY_ID["positional_sin"].parse("about half"),
    "exercise.err.not_choice": lambda w: exercises.BY_ID["positional_rope"].parse("maybe"),
    "exercise.err.too_long": lambda w: exercises.BY_ID["inside_next"].parse("x" * 101),
    "exercise.err.unknown": lambda w: exercises.exercise("no_such_exercise"),
    "tokens.err.empty": lambda w: corpus.check_text(" "),
    "tokens.err.too_long": lambda w: corpus.check_text("x" * 20_001),
    "tokens.err.surrogate": lambda w: corpus.check_text("ok \ud800"),
    "tokens.err.control": lambda w: corpus.check_text("ok \x07"),
    "tokens.err.corpus": lambda w: corpus.training_text("klingon"),
    "tokens.err.tokenizer": lambda w: tokenization.load_tokenizer("no-such-tokenizer"),
    "tokens.err.smoothing": lambda w: ngram.score(ngram.build("ab ab"), "ab", ngram.NGramConfig(smoothing="magic")),
    "tokens.err.n_range": lambda w: corpus.whole(5, "n", 1, 4),
    "tokens.err.vocab_range": lambda w: bpe.train_bpe("en", 10),
    "tokens.err.length_range": lambda w: corpus.whole(0, "length", 1, 400),
    "tokens.err.seed_range": lambda w: corpus.whole(-1, "seed", 0, 2**32 - 1),
    "tokens.err.k_positive": lambda w: corpus.positive(0, "k"),
    "tokens.err.discount_positive": lambda w: corpus.positive(float("nan"), "discount", 1.0),
    "inside.err.layer_range": lambda w: logit_lens.cell_top_k(logit_lens.logit_lens("tiny-gpt2", "a b"), 99, 0),
    "inside.err.position_range": lambda w: logit_lens.cell_top_k(logit_lens.logit_lens("tiny-gpt2", "a b"), 0, 99),
    "tokens.note.unavailable": lambda w: tokenization.tokenize("hi", ("bert-base-chinese",)).unavailable,
    # playground/templates.py
    "templates.err.empty": lambda w: templates.render("  ", {}),
    "templates.err.too_long": lambda w: templates.render("x" * (templates.MAX_TEMPLATE_CHARS + 1), {}),
    "templates.err.unclosed": lambda w: templates.render("a { b", {}),
    "templates.err.not_a_name": lambda w: templates.render("{two words}", {}),
    "templates.err.unopened": lambda w: templates.render("stray } brace", {}),
    "templates.err.missing_value": lambda w: templates.render("Review: {text}", {}),
    "templates.err.unknown_variable": lambda w: templates.render("Review: {text}", {"text": "a", "txet": "b"}),
    "templates.err.rendered_too_long": lambda w: templates.render("{a}", {"a": "x" * 10**5}),
    "templates.err.no_chat_template": lambda w: templates.apply_chat(SimpleNamespace(chat_template=None), "hi"),
    "templates.err.not_in_library": lambda w: templates.library("nope"),
    # playground/room.py (helpers at the end of this file)
    "room.err.no_text": lambda w: room.Question.checked(" ", ["a", "b"]),
    "room.err.text_too_long": lambda w: room.Question.checked("q" * 301, ["a", "b"]),
    "room.err.choice_count": lambda w: room.Question.checked("q", ["a"]),
    "room.err.choice_too_long": lambda w: room.Question.checked("q", ["a", "b" * 81]),
    "room.err.choice_twice": lambda w: room.Question.checked("q", ["a", "a"]),
    "room.err.bad_correct": lambda w: room.Question.checked("q", ["a", "b"], 5),
    "room.err.full": lambda w: [rooms.open() for rooms in [room.Rooms(limit=1)] for _ in range(2)],
    "room.err.view_too_long": lambda w: in_room(lambda rooms, code, secret: rooms.send_view(code, secret, "x" * 5000)),
    "room.err.no_identity": lambda w: in_room(lambda rooms, code, secret: rooms.answer(code, "<b>", "a")),
    "room.err.no_answer": lambda w: answer_in_room(""),
    "room.err.no_question": lambda w: in_room(lambda rooms, code, _: rooms.answer(code, "student-1", "a"), ask=False),
    "room.err.revealed": lambda w: answer_in_room("a", revealed=True),
    "room.err.not_a_choice": lambda w: answer_in_room("c"),
    "room.err.unknown": lambda w: room.Rooms().snapshot("ZZZZ-ZZZZ"),
    "room.err.not_lecturer": lambda w: in_room(lambda rooms, code, secret: rooms.counts(code, "not the secret")),
}


ENDPOINT = remote.Endpoint("http://127.0.0.1:8000/v1", None, "")


def nothing(text: str, done: int):
    """The in-process model's stand-in for remote.answer: no tokens."""
    return iter(())


def unreachable() -> Note:
    """remote.answer with a server on a 127.0.0.1 port where nothing listens: the fallback and its reason."""
    from tests.conftest import free_port

    endpoint = remote.Endpoint(f"http://127.0.0.1:{free_port()}/v1", None, "")
    answered, steps = remote.answer(endpoint, "m", "p", generation.GenerationConfig(max_new_tokens=1), nothing)
    list(steps)
    return answered.fallback


def provoke(key: str, w) -> Coded | Note:
    """What the engine said when CASES[key] ran: the coded error it raised, or its Note with this key."""
    try:
        said = CASES[key](w)
    except (InputError, models.ModelUnavailable, embedded.EmbeddedModelMissing) as err:
        return err
    if isinstance(said, attention_formula.FormulaCheck):
        said = said.differences
    notes = [said] if isinstance(said, Note) else list(said or [])
    return next((note for note in within(notes) if note.key == key), None)


def within(notes):
    """Each Note and, depth first, the Notes among its values (a reason inside a sentence)."""
    for note in notes:
        if isinstance(note, Note):
            yield note
            yield from within(dict(note.params).values())


def gpt2_with(w, **config):
    """block_steps on a tiny GPT-2 whose config says something else (an activation the view does not compute)."""
    loaded = tiny("gpt2")  # shared by the tests (functools.cache): changed for this test only
    for name, value in config.items():
        w.monkeypatch.setattr(loaded.model.config, name, value)
    w.monkeypatch.setattr(models, "load", lambda name, head=None: loaded)
    return architecture.block_steps("tiny-gpt2", "a b", 0)


def keys_in_source() -> set[str]:
    return {key for path in SOURCE.glob("*.py") for key in KEY.findall(path.read_text("utf-8"))}


def test_every_key_of_the_engine_is_provoked():
    """Every key written in the engine's source has a case; keys built from a name (`f"tokens.err.{name}_range"`)
    have theirs too, and no case names a key the tables lack."""
    assert keys_in_source() <= set(CASES) <= set(EN)


@pytest.mark.parametrize("key", sorted(CASES))
def test_each_case_provokes_its_key(key, world):
    said = provoke(key, world)
    assert said is not None and said.key == key, said.describe() if isinstance(said, Coded) else said


def written(said, language: str) -> str:
    from gradio.context import LocalContext

    token = LocalContext.request.set(request(cookie=language))
    try:
        return i18n.say(said)
    finally:
        LocalContext.request.reset(token)


def values(params) -> set[str]:
    """The words of the values a sentence shows as data (a model name, a file's column): not to translate."""
    words = set()
    for value in dict(params).values():
        if isinstance(value, Note):
            words |= values(value.params)
        elif not isinstance(value, Term):
            words |= set(re.findall(r"[A-Za-z][A-Za-z0-9_'ᵀ]*", str(value)))
    return words


# What a Chinese sentence keeps as it is: what a student types or reads in a file ('train', {text}, .csv, true/false),
# names of products, formats, functions and of the API's inputs, the label words of an example.
LITERAL = re.compile(r"'[^'\n]*'|\{[^{}]*\}|[\w-]*\.(?:json|jsonl|csv)\b")
KEPT = {"Hub", "UTF", "CSV", "Excel", "JSON", "JSONL", "GLUE", "MRPC", "Transformer", "TransformerBlock", "sin",
        "true", "false", "yes", "no", "make", "setup", "padding", "similarity", "positive", "negative",
        "Paris", "tanh", "ReLU", "wpe", "wte"}  # fmt: skip


@pytest.mark.parametrize("key", sorted(CASES))
def test_each_key_is_written_in_english_and_in_chinese(key, world):
    said = provoke(key, world)
    english, chinese = written(said, "en"), written(said, "zh-CN")
    fields = {name for _, name, _, _ in string.Formatter().parse(EN[key]) if name}
    assert fields == set(dict(said.params)), "every value the engine gives is said, and only those"
    assert BRACES.search(key) or not FIELD.search(english), english  # no {field} left unfilled
    data = values(said.params) | KEPT
    assert english_words(LITERAL.sub(" ", chinese), data) == [], chinese
    if english_words(LITERAL.sub(" ", english), data):  # not a sentence of names only ("pre-RMSNorm (Llama)")
        assert re.search(r"[\u4e00-\u9fff]", chinese), chinese


def in_room(call, ask: bool = True):
    """call(rooms, code, secret) in a room with a question asked (choices 'a' and 'b')."""
    rooms = room.Rooms()
    code, secret = rooms.open()
    if ask:
        rooms.ask(code, secret, room.Question.checked("q", ["a", "b"]))
    return call(rooms, code, secret)


def answer_in_room(choice: str, revealed: bool = False) -> None:
    def answer(rooms, code, secret):
        if revealed:
            rooms.reveal(code, secret)
        rooms.answer(code, "student-1", choice)

    in_room(answer)
