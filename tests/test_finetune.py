"""Fine-tuning: config checks, metrics against scikit-learn, and real (tiny) runs of the default model on CPU."""

import dataclasses
import json
import math
import os
import signal
import subprocess
import sys
import time

import pytest
import torch

from playground import finetune
from playground.errors import Note
from playground.runs import RunStore
from tests.coded import raises_key

TINY = dict(train_size=32, eval_size=16, batch_size=8, max_steps=3, eval_steps=2, logging_steps=1, max_length=64)


@pytest.fixture
def store(tmp_path):
    return RunStore(tmp_path / "runs")


def new_run(store, **values):
    config = finetune.make_config(**{**TINY, **values})
    return store.create({"finetune": dataclasses.asdict(config)})


def wait_for(predicate, timeout_s=300, poll_s=0.3):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(poll_s)
    raise AssertionError("the run did not get there in time")


@pytest.mark.parametrize(
    ("values", "key", "params"),
    [
        ({"learning_rate": 0}, "finetune.err.out_of_range", dict(name="learning_rate", low=1e-7, high=100.0)),
        ({"batch_size": 1000}, "finetune.err.out_of_range", dict(name="batch_size", low=1, high=64, value=1000)),
        ({"epochs": float("nan")}, "finetune.err.not_finite", dict(name="epochs")),
        ({"method": "qlora"}, "finetune.err.unknown_method", dict(known="full, lora")),
        ({"padding": "left"}, "finetune.err.unknown_padding", {}),
        ({"dataset": "imdb"}, "finetune.err.unknown_dataset", dict(dataset="imdb")),
        ({"colour": "red"}, "finetune.err.unknown_settings", dict(names="colour")),
        ({"max_steps": "many"}, "finetune.err.wrong_type", dict(name="max_steps", kind="int", value="'many'")),
    ],
)
def test_bad_settings_are_refused_with_a_sentence(values, key, params):
    with raises_key(key, **params):
        finetune.make_config(**values)


def test_accuracy_and_f1_match_scikit_learn():
    from sklearn.metrics import accuracy_score, f1_score

    g = torch.Generator().manual_seed(0)
    for _ in range(20):
        y, p = torch.randint(0, 2, (2, 37), generator=g).tolist()
        got = finetune.accuracy_f1(p, y)
        assert got["accuracy"] == pytest.approx(accuracy_score(y, p))
        assert got["f1"] == pytest.approx(f1_score(y, p, zero_division=0.0))


def test_series_drops_non_finite_points_and_eta_follows_the_pace():
    rows = [{"step": 1, "loss": 0.7}, {"step": 2, "loss": "nan"}, {"step": 2, "eval_accuracy": 0.5}]
    assert finetune.series(rows) == {"loss train": ([1], [0.7]), "score accuracy": ([2], [0.5])}
    assert finetune.eta_s({"step": 10, "max_steps": 40, "elapsed": 20.0}) == pytest.approx(60.0)


@pytest.mark.slow
def test_a_tiny_real_run_learns_keeps_its_model_and_logs_finite_losses(store):
    run = new_run(store)
    assert finetune.train(run.path) == "finished"
    run = store.get(run.run_id)
    rows = run.metrics()
    losses = [r["loss"] for r in rows if "loss" in r]
    evals = [r for r in rows if "eval_accuracy" in r]
    assert losses and all(math.isfinite(v) for v in losses)
    assert evals[0]["step"] == 0  # the accuracy before training is the first point
    assert any("pinned" in r for r in rows)
    from playground import models

    _, base = models.load_for_training("all-MiniLM-L6-v2", num_labels=2)
    from transformers import AutoModelForSequenceClassification

    tuned = AutoModelForSequenceClassification.from_pretrained(run.model_dir)
    name = "bert.encoder.layer.0.attention.self.query.weight"
    before, after = dict(base.named_parameters())[name], dict(tuned.named_parameters())[name]
    assert not torch.equal(before, after)  # the encoder itself was fine-tuned
    result = finetune.try_pair(run, "Water is an example of matter.", "水是物质的一个例子。")
    assert 0.0 <= result["p_paraphrase"] <= 1.0


@pytest.mark.slow
def test_lora_trains_adapters_and_saves_a_plain_model(store):
    run = new_run(store, method="lora", max_steps=2)
    assert finetune.train(run.path) == "finished"
    from transformers import AutoModelForSequenceClassification

    tuned = AutoModelForSequenceClassification.from_pretrained(store.get(run.run_id).model_dir)
    assert not any("lora" in name for name, _ in tuned.named_parameters())  # adapters merged


@pytest.mark.slow
def test_a_learning_rate_of_10_diverges_and_says_why(store):
    run = new_run(store, learning_rate=10.0, max_steps=30, eval_steps=100, warmup_ratio=0.0)
    assert finetune.train(run.path) == "diverged"
    run = store.get(run.run_id)
    message = Note.from_json(run.status["message"])
    assert message.key == "finetune.note.diverged" and dict(message.params)["lr"] == 10.0
    assert not run.has_model()
    assert run.status["step"] < 30


@pytest.mark.slow
def test_stop_mid_run_ends_the_worker_and_keeps_the_run(store):
    run = finetune.start(finetune.make_config(**{**TINY, "max_steps": 400}), store)
    wait_for(lambda: any("loss" in r for r in store.get(run.run_id).metrics()))
    stopped = finetune.stop(run.run_id, store, wait_s=120)
    assert stopped.state == "stopped"
    assert stopped.status["step"] < 400
    assert stopped.has_model()
    assert RunStore(store.root).get(run.run_id).state == "stopped"  # after a restart too


@pytest.mark.slow
def test_a_second_run_waits_in_the_queue(store):
    first = finetune.start(finetune.make_config(**{**TINY, "max_steps": 400}), store)
    second = finetune.start(finetune.make_config(**TINY), store)
    try:
        wait_for(lambda: store.get(first.run_id).state == "running")
        assert store.get(second.run_id).state == "queued"
        assert store.jobs_ahead(second.run_id) == 1
    finally:
        finetune.stop(second.run_id, store, wait_s=60)
        finetune.stop(first.run_id, store, wait_s=120)
    assert store.get(second.run_id).state == "stopped"
    assert store.get(second.run_id).status["message"] == Note.of("finetune.note.stopped_early").as_json()


@pytest.mark.slow
def test_a_killed_worker_leaves_a_failed_run_with_its_log(store):
    run = finetune.start(finetune.make_config(**{**TINY, "max_steps": 400}), store)
    wait_for(lambda: store.get(run.run_id).state == "running")
    os.kill(run.status["pid"], signal.SIGKILL)
    wait_for(lambda: (finetune.reap(), store.get(run.run_id).state)[1] == "failed", timeout_s=30)
    assert store.get(run.run_id).status["message"] == Note.of("runs.note.vanished").as_json()


@pytest.mark.slow
def test_two_processes_with_accelerate_launch(store):
    """torchrun under accelerate, gloo on CPU: the same command runs on N GPUs or machines."""
    run = new_run(store, max_steps=2, batch_size=4)
    cmd = [
        sys.executable,
        "-m",
        "accelerate.commands.launch",
        "--multi_gpu",
        "--num_processes",
        "2",
        "--num_machines",
        "1",
        "--mixed_precision",
        "no",
        "--dynamo_backend",
        "no",
        "-m",
        "playground.finetune",
        "--run-dir",
        str(run.path),
    ]
    env = {**finetune.worker_env(threads=1), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(cmd, env=env, cwd=finetune.ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    run = store.get(run.run_id)
    assert run.state == "finished"
    assert run.status["world_size"] == 2
    assert run.has_model()


def test_the_worker_runs_at_lower_cpu_priority_than_the_views(monkeypatch):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        before = os.getpriority(os.PRIO_PROCESS, child.pid)
        finetune.lower_priority(child.pid)
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == min(19, before + 10)
        monkeypatch.setenv("PLAYGROUND_TRAIN_NICE", "0")
        finetune.lower_priority(child.pid)  # 0: left as it is
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == min(19, before + 10)
    finally:
        child.kill()
        child.wait()


def test_the_worker_returns_freed_tensors_memory_unless_the_environment_says_otherwise(monkeypatch):
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    env = finetune.worker_env(threads=1)
    assert env["MALLOC_MMAP_THRESHOLD_"] == env["MALLOC_TRIM_THRESHOLD_"] == "4194304"  # fixed: glibc's grows
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")  # a host's own setting wins
    assert finetune.worker_env(threads=1)["MALLOC_MMAP_THRESHOLD_"] == "131072"


@pytest.mark.parametrize(
    "batch, cuda, expected",
    [
        (16, False, (8, 2)),
        (12, False, (6, 2)),
        (64, False, (8, 8)),
        (8, False, (8, 1)),
        (13, False, (13, 1)),
        (16, True, (16, 1)),
    ],
)
def test_a_cpu_batch_is_computed_in_micro_batches_that_make_it_up(batch, cuda, expected):
    assert finetune.micro_batches(batch, cuda) == expected


@pytest.mark.slow
def test_micro_batches_take_the_same_step_as_the_whole_batch(store, monkeypatch):
    """Two optimiser steps of a batch of 16, whole and as 2 x 8 with accumulated gradients, without dropout (the
    only randomness): the same weights."""
    from playground import models

    load = models.load_for_training
    monkeypatch.setattr(
        models,
        "load_for_training",
        lambda name, **kw: load(name, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0, **kw),
    )
    weights = {}
    for micro in ("0", "8"):
        monkeypatch.setenv("PLAYGROUND_TRAIN_MICRO_BATCH", micro)
        run = new_run(store, batch_size=16, max_steps=2, eval_steps=100)
        config = finetune.make_config(**run.config["finetune"])
        trainer, _ = finetune.build_trainer(config, run.path, store)
        assert trainer.args.gradient_accumulation_steps == (1 if micro == "0" else 2)
        trainer.train()
        weights[micro] = {k: v.detach().clone() for k, v in trainer.model.state_dict().items()}
    for name, whole in weights["0"].items():
        torch.testing.assert_close(weights["8"][name], whole, atol=1e-5, rtol=1e-4, msg=name)


LIGHTER = """
import json, sys
from playground import finetune
hidden = finetune.lighter_trainer(sys.argv[1])
import transformers.trainer
loaded = sorted(name for name in ("datasets", "peft", "pandas") if name in sys.modules)
print(json.dumps({"hidden": hidden, "loaded": loaded, "peft_seen": transformers.trainer.is_peft_available()}))
"""


@pytest.mark.parametrize(
    "method, hidden, loaded",
    [("full", ["datasets", "peft"], []), ("lora", ["datasets"], ["peft"])],
)
def test_the_workers_trainer_leaves_out_what_its_run_does_not_use(method, hidden, loaded):
    """transformers 5's trainer.py imports datasets (and pandas) and peft when installed: a worker hides them, and
    a LoRA run's Trainer still sees peft (its PeftModel)."""
    done = subprocess.run(
        [sys.executable, "-c", LIGHTER, method], cwd=finetune.ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"hidden": hidden, "loaded": loaded, "peft_seen": method == "lora"}


def test_the_app_process_keeps_what_transformers_found():
    """Once transformers.trainer is imported (the app, a test), hiding would come too late: nothing is changed."""
    import transformers.trainer  # noqa: F401

    assert finetune.lighter_trainer("full") == []


def test_pairs_are_tokenized_as_datasets_map_does():
    """The worker's plain list equals the datasets.Dataset.map of the source text's recipe (§5.2.2), both paddings."""
    from datasets import Dataset

    from playground import models, pairs

    tokenizer = models.load_for_training("all-MiniLM-L6-v2", num_labels=2)[0]
    rows = pairs.load("paraphrase", "validation")[:20]
    for padding, pad in (("max_length", "max_length"), ("dynamic", False)):
        mine = finetune.tokenized(rows, tokenizer, finetune.make_config(padding=padding, max_length=64))
        reference = Dataset.from_list([pairs._row(r) for r in rows]).map(
            lambda batch, pad=pad: {
                **tokenizer(batch["sentence1"], batch["sentence2"], truncation=True, max_length=64, padding=pad),
                "labels": batch["label"],
            },
            batched=True,
            remove_columns=["sentence1", "sentence2", "label"],
        )
        assert mine == reference.to_list()
