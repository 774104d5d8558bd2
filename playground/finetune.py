r"""Fine-tune an encoder on sentence pairs (paraphrase or not) with the HF Trainer, as a job on disk.

Source text §5.2.2 fine-tunes BERT on GLUE MRPC: tokenize pairs with `padding="max_length",
max_length=128`, then `Trainer(...).train()`. The classifier reads the [CLS] vector:

$$p(y \mid s_1, s_2) = \mathrm{softmax}(W\,h_{[CLS]} + b), \qquad
\mathcal{L} = -\frac{1}{N}\sum_{i} \log p(y_i \mid s_{1,i}, s_{2,i})$$

Two changes make it several times faster on the same data: dynamic padding (each batch is padded to
its own longest pair, not to 128) and length grouping (batches of similar lengths, so little padding).

A run is a folder (`playground.runs`); the training itself happens in another process,
`python -m playground.finetune --run-dir RUN`, which is also the command-line entry point and runs
under `accelerate launch --num_processes N` unchanged. One training at a time per machine: a worker
waits (state "queued") until every earlier run is done. The queue is bounded (`PLAYGROUND_MAX_QUEUE`, 8 active
runs) and a visitor has at most one active run (`playground.owners`): 60 students pressing Start at once queue 8
runs, not 60 (2.5 hours of training), and the ninth hears when a place frees.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from playground import owners, pairs
from playground.errors import InputError, Note
from playground.runs import ACTIVE, Run, RunStore, append_jsonl, log_tail, process_start, read_json

METHODS = ("full", "lora")
GUESSED_S_PER_STEP = 1.0  # MiniLM-L6, batch 16, 2 CPU cores: the pace said before any run has shown its own
DIVERGED_LOSS = 20.0  # CE of a 2-class model that is e^-20 sure of the wrong label: it has blown up
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class FinetuneConfig:
    model: str = "all-MiniLM-L6-v2"
    dataset: str = "paraphrase"  # "paraphrase" (offline), "mrpc" (Hub) or "upload"
    method: str = "full"  # "full": every weight; "lora": low-rank adapters (peft) + the classifier
    learning_rate: float = 5e-5
    max_steps: int = 200  # > 0 wins over epochs
    epochs: float = 3.0
    batch_size: int = 16
    max_length: int = 128  # longest pair kept, in tokens (longer ones are truncated)
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    seed: int = 42
    train_size: int = 0  # first N training pairs after a seeded shuffle (0: all)
    eval_size: int = 0  # first N validation pairs (0: all); evaluation is part of the run's time
    eval_steps: int = 25
    logging_steps: int = 5
    lora_r: int = 8
    padding: str = "dynamic"  # "dynamic" + length grouping, or "max_length" (the source text's recipe)


LIMITS = {
    "learning_rate": (1e-7, 100.0),
    "max_steps": (0, 5000),
    "epochs": (0.01, 20),
    "batch_size": (1, 64),
    "max_length": (16, 512),
    "warmup_ratio": (0.0, 0.5),
    "weight_decay": (0.0, 1.0),
    "train_size": (0, 20_000),
    "eval_size": (0, 20_000),
    "eval_steps": (1, 1000),
    "logging_steps": (1, 100),
    "lora_r": (1, 64),
    "seed": (0, 2**32 - 1),  # numpy's limit: a seed outside it would fail in the worker, after the start
}


def make_config(**values) -> FinetuneConfig:
    """A checked config: unknown names, out-of-range numbers and unknown choices are refused."""
    fields = {f.name: f for f in dataclasses.fields(FinetuneConfig)}
    unknown = set(values) - set(fields)
    if unknown:
        raise InputError("finetune.err.unknown_settings", names=", ".join(sorted(unknown)))
    typed = {}
    for name, value in values.items():
        kind = type(fields[name].default)
        try:
            typed[name] = kind(value) if kind is not int else int(float(value))
        except (TypeError, ValueError):
            raise InputError("finetune.err.wrong_type", name=name, kind=kind.__name__, value=repr(value)) from None
        if kind is float and not math.isfinite(typed[name]):  # said before the range: nan is in no range
            raise InputError("finetune.err.not_finite", name=name)
        if name in LIMITS and not LIMITS[name][0] <= typed[name] <= LIMITS[name][1]:
            low, high = LIMITS[name]
            raise InputError("finetune.err.out_of_range", name=name, low=low, high=high, value=typed[name])
    config = FinetuneConfig(**typed)
    if config.method not in METHODS:
        raise InputError("finetune.err.unknown_method", known=", ".join(METHODS))
    if config.padding not in ("dynamic", "max_length"):
        raise InputError("finetune.err.unknown_padding")
    if config.dataset not in (*pairs.DATASETS, "upload"):
        raise InputError("finetune.err.unknown_dataset", dataset=config.dataset)
    return config


# ---- metrics -----------------------------------------------------------------------------------


def accuracy_f1(predictions, labels) -> dict:
    r"""Accuracy and F1 of the positive class, by hand: $F_1 = \frac{2\,TP}{2\,TP + FP + FN}$."""
    pairs_ = list(zip((int(p) for p in predictions), (int(y) for y in labels), strict=True))
    tp = sum(p == 1 and y == 1 for p, y in pairs_)
    fp = sum(p == 1 and y == 0 for p, y in pairs_)
    fn = sum(p == 0 and y == 1 for p, y in pairs_)
    accuracy = sum(p == y for p, y in pairs_) / max(1, len(pairs_))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"accuracy": accuracy, "f1": f1}


def compute_metrics(eval_pred) -> dict:
    logits, labels = eval_pred.predictions, eval_pred.label_ids
    return accuracy_f1(logits.argmax(-1), labels)


# ---- data --------------------------------------------------------------------------------------


def training_data(config: FinetuneConfig, run_dir: Path) -> tuple[list[dict], list[dict]]:
    """(train, validation) pairs; an upload was validated and saved as run_dir/upload.jsonl."""
    if config.dataset == "upload":
        rows = [pairs._row(r) for r in pairs.read_rows(run_dir / "upload.jsonl")]
        train, validation = pairs.split(rows, seed=config.seed)
    else:
        train, validation = pairs.load(config.dataset, "train"), pairs.load(config.dataset, "validation")
    if config.train_size:
        train = pairs.split(train, 0.0, seed=config.seed)[0][: config.train_size]
    if config.eval_size:
        validation = validation[: config.eval_size]
    return train, validation


def tokenized(rows: list[dict], tokenizer, config: FinetuneConfig) -> list[dict]:
    """The pairs as the Trainer reads them: one dict of input_ids / token_type_ids / attention_mask / labels each.
    A plain list, not a datasets.Dataset: the worker never imports `datasets` (see `lighter_trainer`)."""
    padding = "max_length" if config.padding == "max_length" else False
    rows = [pairs._row(r) for r in rows]
    enc = tokenizer(
        [r["sentence1"] for r in rows],
        [r["sentence2"] for r in rows],
        truncation=True,
        max_length=config.max_length,
        padding=padding,
    )
    return [{**{k: v[i] for k, v in enc.items()}, "labels": r["label"]} for i, r in enumerate(rows)]


# transformers 5's trainer.py imports `datasets` (pandas and pyarrow with it) and `peft` at module level whenever they
# are installed, though a full fine-tune of ours uses neither: 94 MB of the worker's RSS (473 -> 379 MB after
# `from transformers import Trainer`, measured). The app needs both installed (MRPC, LoRA), so the worker tells
# transformers they are absent before it imports the Trainer: an adaptation of its availability checks, fenced to
# transformers 5 (where `transformers.utils.is_<name>_available` are what trainer.py reads) and compared in
# bench/finetune.py. A LoRA run keeps peft: the Trainer must see its PeftModel.
UNUSED_BY_THE_TRAINER = ("datasets", "peft")


def lighter_trainer(method: str) -> list[str]:
    """Hide the packages a run of `method` does not use from transformers' Trainer; returns the ones hidden.
    Only in a worker process (`main(worker=True)`), before `transformers.trainer` is imported."""
    import transformers
    import transformers.utils as utils
    import transformers.utils.import_utils as import_utils

    if not transformers.__version__.startswith("5.") or "transformers.trainer" in sys.modules:
        return []
    hidden = [name for name in UNUSED_BY_THE_TRAINER if not (name == "peft" and method == "lora")]
    for name in hidden:
        for module in (utils, import_utils):
            setattr(module, f"is_{name}_available", lambda: False)
    return hidden


# ---- the live view: a callback that writes what happens ------------------------------------------


def make_callback(run_dir: Path, store: RunStore, watch: list[dict], tokenizer, config: FinetuneConfig):
    from transformers import TrainerCallback

    metrics_path, stop_path = run_dir / "metrics.jsonl", run_dir / "STOP"

    class LiveCallback(TrainerCallback):
        """Appends every log and evaluation to metrics.jsonl; stops on the STOP file or a blown-up loss."""

        started = time.time()
        diverged = None  # (the loss, the step) where training went wrong

        def on_log(self, args, state, control, logs=None, **kwargs):
            logs = logs or {}
            if "loss" in logs and self._blown_up(logs["loss"]):
                self.diverged = (logs["loss"], state.global_step)
            if state.is_world_process_zero:
                row = {"step": state.global_step, "epoch": state.epoch, "time": time.time() - self.started}
                append_jsonl(metrics_path, {**row, **{k: _number(v) for k, v in logs.items()}})
                store.set_status(run_dir, step=state.global_step, max_steps=state.max_steps, elapsed=row["time"])

        def on_evaluate(self, args, state, control, metrics=None, model=None, **kwargs):
            if state.is_world_process_zero and model is not None:
                rows = predict_rows(model, tokenizer, watch, config.max_length)
                append_jsonl(
                    metrics_path, {"step": state.global_step, "time": time.time() - self.started, "pinned": rows}
                )

        def on_step_end(self, args, state, control, **kwargs):
            if _any_rank(stop_path.exists() or bool(self.diverged)):
                control.should_training_stop = True

        @staticmethod
        def _blown_up(loss) -> bool:
            return not math.isfinite(float(loss)) or float(loss) > DIVERGED_LOSS

    return LiveCallback()


def _number(v):
    return v if not isinstance(v, float) or math.isfinite(v) else str(v)


def _any_rank(flag: bool) -> bool:
    """True if the flag is set on any process (all ranks must stop at the same step or they hang)."""
    import torch
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()):
        return flag
    t = torch.tensor([1.0 if flag else 0.0])
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return bool(t.item())


def predict_rows(model, tokenizer, rows: list[dict], max_length: int = 128) -> list[dict]:
    """p(paraphrase) for each pair, with the predicted label, in eval mode (restored after)."""
    import torch

    if not rows:
        return []
    was_training = model.training
    model.eval()
    enc = tokenizer(
        [r["sentence1"] for r in rows],
        [r["sentence2"] for r in rows],
        truncation=True,
        max_length=max_length,
        padding=True,
        return_tensors="pt",
    ).to(model.device)
    with torch.no_grad():
        p = model(**enc).logits.float().softmax(-1)[:, 1].tolist()  # (B,)
    model.train(was_training)
    return [{**r, "p_paraphrase": round(q, 4), "predicted": int(q >= 0.5)} for r, q in zip(rows, p, strict=True)]


# ---- the worker ----------------------------------------------------------------------------------


_held: list = []


def wait_for_turn(store: RunStore, run: Run, poll_s: float = 0.5) -> bool:
    """Wait while an earlier run is active (one training per machine). False if stopped meanwhile."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(store.root / ".training.lock"))
    while True:
        if (run.path / "STOP").exists():
            return False
        ahead = [r for r in store.list() if r.state in ACTIVE and r.run_id < run.run_id]
        if not ahead:
            try:
                lock.acquire(timeout=poll_s)
                _held.append(lock)  # held until this process exits
                return True
            except Timeout:
                pass
        store.set_status(run, jobs_ahead=len(ahead))
        time.sleep(poll_s)


def train(run_dir: Path | str) -> str:
    """Run one job to its end; returns the final state. Rank 0 writes status and metrics."""
    run_dir = Path(run_dir).resolve()
    store = RunStore(run_dir.parent)
    run = store.get(run_dir.name)
    config = make_config(**run.config.get("finetune", {}))
    rank = int(os.environ.get("RANK", "0"))
    if rank == 0:
        store.set_status(run, state="queued", pid=os.getpid(), pid_start=process_start(os.getpid()))
        if not wait_for_turn(store, run):
            store.set_status(run, state="stopped", message=Note.of("finetune.note.stopped_early"))
            return "stopped"
        store.set_status(run, state="running", started=time.time(), message=Note.of("finetune.note.loading"))
    trainer, callback = build_trainer(config, run_dir, store)
    trainer.train()
    return finish(trainer, callback, config, run_dir, store, rank)


def build_trainer(config: FinetuneConfig, run_dir: Path, store: RunStore):
    import torch
    from transformers import DataCollatorWithPadding, Trainer, TrainingArguments, set_seed

    from playground import models

    set_seed(config.seed)
    tokenizer, model = models.load_for_training(config.model, num_labels=2)
    if config.method == "lora":
        model = with_lora(model, config.lora_r)
    train_rows, val_rows = training_data(config, run_dir)
    micro, accumulate = micro_batches(config.batch_size, cuda=torch.cuda.is_available())
    args = TrainingArguments(
        output_dir=str(run_dir / "trainer"),
        learning_rate=config.learning_rate,
        max_steps=config.max_steps if config.max_steps > 0 else -1,
        num_train_epochs=config.epochs,
        per_device_train_batch_size=micro,
        gradient_accumulation_steps=accumulate,
        per_device_eval_batch_size=EVAL_BATCH,
        warmup_steps=config.warmup_ratio,  # a float < 1 is a ratio of the steps in transformers 5
        weight_decay=config.weight_decay,
        seed=config.seed,
        eval_strategy="steps",
        eval_steps=config.eval_steps,
        eval_on_start=True,  # the accuracy before any training, as the first point of the curve
        logging_steps=config.logging_steps,
        logging_first_step=True,
        logging_nan_inf_filter=False,  # a NaN must reach the callback (the default hides it)
        save_strategy="no",  # checkpoints would fill a Space's disk; the final model is saved once
        train_sampling_strategy="group_by_length" if config.padding == "dynamic" else "random",
        use_cpu=not torch.cuda.is_available(),
        bf16=torch.cuda.is_available() and torch.cuda.is_bf16_supported(),  # mixed precision on a GPU
        fp16=torch.cuda.is_available() and not torch.cuda.is_bf16_supported(),
        dataloader_pin_memory=torch.cuda.is_available(),
        disable_tqdm=True,
        ddp_find_unused_parameters=False,
        report_to="none",
    )
    watch = pairs.pinned(val_rows)
    if config.padding == "dynamic":  # evaluation batches of similar lengths pad little too
        val_rows = sorted(val_rows, key=lambda r: len(r["sentence1"]) + len(r["sentence2"]))
    callback = make_callback(run_dir, store, watch, tokenizer, config)
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=tokenized(train_rows, tokenizer, config),
        eval_dataset=tokenized(val_rows, tokenizer, config),
        processing_class=tokenizer,
        data_collator=DataCollatorWithPadding(tokenizer) if config.padding == "dynamic" else None,
        compute_metrics=compute_metrics,
        callbacks=[callback],
    )
    if int(os.environ.get("RANK", "0")) == 0:
        store.set_status(run_dir, message=Note.of("finetune.note.training"), world_size=args.world_size)
    return trainer, callback


EVAL_BATCH = 32  # evaluation holds one layer's activations at a time: 32 pairs of 128 tokens, ~100 MB


def micro_batches(batch_size: int, cuda: bool) -> tuple[int, int]:
    """(micro-batch, accumulation steps) with micro x steps = batch_size. On a CPU a batch larger than
    `PLAYGROUND_TRAIN_MICRO_BATCH` (8; 0: off) is computed in equal micro-batches whose gradients add up to the
    batch's: the same step (the loss is the mean over the whole batch), with the activations of one micro-batch
    alive at a time (16 pairs of 128 tokens hold ~560 MB in MiniLM). A size with no divisor from micro / 2 to
    micro (13, 17...) stays whole; a GPU keeps whole batches, its speed comes from their size."""
    largest = int(os.environ.get("PLAYGROUND_TRAIN_MICRO_BATCH", "8"))
    if cuda or largest <= 0 or batch_size <= largest:
        return batch_size, 1
    micro = next((m for m in range(largest, largest // 2 - 1, -1) if m and batch_size % m == 0), batch_size)
    return micro, batch_size // micro


def with_lora(model, r: int):
    """Low-rank adapters on the attention projections; the new classifier trains in full."""
    from peft import LoraConfig, get_peft_model

    lora = LoraConfig(
        r=r,
        lora_alpha=2 * r,
        lora_dropout=0.1,
        target_modules=["query", "value"],
        modules_to_save=["classifier"],
        task_type="SEQ_CLS",
    )
    return get_peft_model(model, lora)


def finish(trainer, callback, config: FinetuneConfig, run_dir: Path, store: RunStore, rank: int) -> str:
    """The final model (not for a diverged run), evaluated unless stopped, then the final status."""
    if callback.diverged:
        loss, step = callback.diverged
        state, message = "diverged", Note.of("finetune.note.diverged", loss=loss, step=step, lr=config.learning_rate)
    else:
        state = "stopped" if (run_dir / "STOP").exists() else "finished"
        step = trainer.state.global_step
        done = Note.of("finetune.note.stopped", step=step) if state == "stopped" else Note.of("finetune.note.finished")
        if state == "finished" and step % config.eval_steps:  # a stopped run ends at once, unevaluated
            trainer.evaluate()
        model = trainer.model.merge_and_unload() if config.method == "lora" else trainer.model
        if rank == 0:
            model.save_pretrained(run_dir / "model")
            trainer.processing_class.save_pretrained(run_dir / "model")
        evals = [r for r in store.get(run_dir.name).metrics() if "eval_accuracy" in r] if rank == 0 else []
        accuracy = (
            Note.of("finetune.note.accuracy", acc=evals[-1]["eval_accuracy"], at=evals[-1]["step"]) if evals else ""
        )
        message = Note.of("finetune.note.done", done=done, accuracy=accuracy)
    if rank == 0:
        store.set_status(run_dir, state=state, message=message, finished=time.time())
    return state


# ---- the app side: start, stop, try -------------------------------------------------------------


# glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MB), so after the first steps
# even a micro-batch's largest activations (its attention weights, its FFN's hidden layer: 6 MB and more at 128
# tokens) come from the heap, which keeps them. A threshold fixed at 4 MB gives each of those its own mapping,
# returned when freed: 90 MB less at the peak, the same CPU time per step. A lower threshold (128 kB) saved 240 MB
# but cost 25-50% more CPU per step in page faults (measured at 128 tokens, 1 thread, 2 runs each; bench/finetune.py
# compares the worker with and without). Other allocators ignore these variables.
FIXED_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "4194304", "MALLOC_TRIM_THRESHOLD_": "4194304"}


def worker_env(threads: int | None = None) -> dict:
    """Passive OpenMP threads, few of them: the web server beside the worker stays responsive. A malloc that
    returns freed tensors' memory (FIXED_MALLOC) unless the environment sets its own."""
    threads = threads or int(os.environ.get("PLAYGROUND_TRAIN_THREADS", max(1, min(4, (os.cpu_count() or 2) - 1))))
    return {
        **FIXED_MALLOC,
        **os.environ,
        "OMP_WAIT_POLICY": "PASSIVE",
        "OMP_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
        "TOKENIZERS_PARALLELISM": "false",
        "PYTHONPATH": str(ROOT),
    }


def max_queue() -> int:
    """How many runs may be active (queued or running) at once: `PLAYGROUND_MAX_QUEUE`, 8 by default."""
    return max(1, int(os.environ.get("PLAYGROUND_MAX_QUEUE", "8")))


def pace_s(runs: list[Run]) -> float:
    """Seconds per step of the newest run that has trained (its elapsed time over its steps), else a guess."""
    for run in runs:
        step, elapsed = run.status.get("step"), run.status.get("elapsed")
        if step and elapsed:
            return elapsed / step
    return GUESSED_S_PER_STEP


def seconds_left(run: Run, pace: float) -> float:
    """A run's time to its end: its own ETA while it trains, else its steps at the given pace."""
    eta = eta_s(run.status)
    if eta is not None:
        return eta
    steps = run.status.get("max_steps") or run.config.get("finetune", {}).get("max_steps") or FinetuneConfig.max_steps
    return max(0, steps - run.status.get("step", 0)) * pace


def admit(store: RunStore, owner: str | None) -> None:
    """Refuse a start that would give its owner two active runs or make the queue longer than `max_queue()`.
    When the queue is full, a place frees when its first run (the one training: runs train in order) ends."""
    runs = store.list()
    active = [r for r in runs if r.state in ACTIVE]
    mine = [r for r in active if owners.same(r.owner, owner)]
    if mine:
        raise InputError("finetune.err.one_active", run=mine[0].run_id)
    if len(active) >= max_queue():
        first = min(active, key=lambda r: r.run_id)
        minutes = max(1, math.ceil(seconds_left(first, pace_s(runs)) / 60))
        raise InputError("finetune.err.queue_full", size=len(active), minutes=minutes)


def start(
    config: FinetuneConfig,
    store: RunStore | None = None,
    upload_rows: list[dict] | None = None,
    owner: str | None = None,
) -> Run:
    """Create the run folder and start its worker process; returns at once (the run is "queued").
    `owner` is the digest of the starting visitor's token (playground.owners), None for the host's own runs."""
    from filelock import FileLock

    from playground import models

    store = store or RunStore()
    if models.spec(config.model).role != models.ENCODER:
        raise InputError("finetune.err.not_encoder", model=config.model)
    where = models.availability(config.model)
    if not where.available:
        raise InputError("models.err.unavailable", model=config.model, reason=where.reason)
    if config.dataset == "upload" and not upload_rows:
        raise InputError("finetune.err.no_upload")
    if config.dataset == "mrpc":
        pairs.load_mrpc("validation")  # fails fast with a clear message when the Hub is unreachable
    if problem := store.problem():  # said before the lock, which could not be made in that folder either
        raise problem
    with FileLock(str(store.root / ".start.lock")):  # two starts at once cannot both take the last place
        admit(store, owner)
        run = store.create({"finetune": dataclasses.asdict(config), "created": time.time()}, owner=owner)
    if upload_rows:
        with open(run.path / "upload.jsonl", "w", encoding="utf-8") as f:
            for row in upload_rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    log = open(run.path / "worker.log", "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "playground.finetune", "--run-dir", str(run.path)],
        cwd=ROOT,
        env=worker_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    lower_priority(process.pid)
    _children.append(process)
    store.set_status(run, pid=process.pid, pid_start=process_start(process.pid))
    return store.get(run.run_id)


_children: list[subprocess.Popen] = []


def lower_priority(pid: int) -> None:
    """Training yields the CPU to the views: a class clicking beside a fine-tune keeps quick answers,
    and the run only slows while they click (`PLAYGROUND_TRAIN_NICE`, default 10; 0 keeps equal priority)."""
    nice = int(os.environ.get("PLAYGROUND_TRAIN_NICE", "10"))
    if nice and hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + nice))
        except OSError:  # the worker already ended
            pass


def reap() -> None:
    """Collect finished worker processes (no zombies left in the server)."""
    for p in list(_children):
        if p.poll() is not None:
            _children.remove(p)


def stop(run_id: str, store: RunStore | None = None, wait_s: float = 0.0) -> Run:
    """Ask the run to stop (it ends within a step); optionally wait for it to be done."""
    store = store or RunStore()
    run = store.request_stop(run_id)
    deadline = time.time() + wait_s
    while run.state in ACTIVE and time.time() < deadline:
        time.sleep(0.2)
        reap()
        run = store.get(run_id)
    return run


_tried: dict[str, tuple] = {}


def try_pair(run: Run, sentence1: str, sentence2: str) -> dict:
    """A kept model's p(paraphrase) for a new pair (the last model tried stays loaded)."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if not run.has_model():
        raise InputError("finetune.err.no_model")
    if not sentence1.strip() or not sentence2.strip():
        raise InputError("finetune.err.two_sentences")
    key = str(run.model_dir)
    if key not in _tried:
        _tried.clear()
        _tried[key] = (AutoTokenizer.from_pretrained(key), AutoModelForSequenceClassification.from_pretrained(key))
    tokenizer, model = _tried[key]
    row = {"sentence1": sentence1[: pairs.MAX_TEXT_CHARS], "sentence2": sentence2[: pairs.MAX_TEXT_CHARS]}
    return predict_rows(model, tokenizer, [row], run.config.get("finetune", {}).get("max_length", 128))[0]


def kept_models(store: RunStore | None = None) -> dict[str, Path]:
    """Fine-tuned models on disk, for other tabs (e.g. attention before/after fine-tuning):
    {"<run_id> (<base model>, acc 0.917)": model folder}, newest first. Load the folder with
    `AutoModelForSequenceClassification.from_pretrained` (or AutoModel for the encoder alone)."""
    kept = {}
    for run in (store or RunStore()).list("finetune"):
        if run.has_model():
            info = summary(run)
            accuracy = f", acc {info['accuracy_after']:.3f}" if info["accuracy_after"] is not None else ""
            kept[f"{run.run_id} ({info['config'].get('model', '?')}{accuracy})"] = run.model_dir
    return kept


def series(rows: list[dict]) -> dict[str, tuple[list[float], list[float]]]:
    """metrics.jsonl rows -> named curves (steps, values) for the live view; non-finite values dropped."""
    wanted = {
        "loss train": "loss",
        "loss eval": "eval_loss",
        "score accuracy": "eval_accuracy",
        "score F1": "eval_f1",
        "lr": "learning_rate",
    }
    out = {}
    for name, key in wanted.items():
        points = [(r["step"], r[key]) for r in rows if isinstance(r.get(key), int | float) and math.isfinite(r[key])]
        if points:
            out[name] = ([s for s, _ in points], [v for _, v in points])
    return out


def last_pinned(rows: list[dict]) -> list[dict]:
    """The pinned pairs' predictions at the latest evaluation."""
    found = [r["pinned"] for r in rows if "pinned" in r]
    return found[-1] if found else []


def eta_s(status: dict) -> float | None:
    """Seconds left, from the pace so far (steps per second since training started)."""
    step, total, elapsed = status.get("step", 0), status.get("max_steps", 0), status.get("elapsed", 0.0)
    if not step or not total or step >= total:
        return None
    return elapsed / step * (total - step)


def summary(run: Run) -> dict:
    """What a list of runs shows: state, progress, last losses and accuracy before/after."""
    rows = run.metrics()
    evals = [r for r in rows if "eval_accuracy" in r]
    losses = [r for r in rows if "loss" in r]
    status = run.status
    return {
        "run_id": run.run_id,
        "state": run.state,
        "message": Note.from_json(status.get("message")),  # None while there is nothing to say
        "step": status.get("step", 0),
        "max_steps": status.get("max_steps", 0),
        "elapsed_s": round(status.get("elapsed", 0.0), 1),
        "accuracy_before": evals[0]["eval_accuracy"] if evals else None,
        "accuracy_after": evals[-1]["eval_accuracy"] if evals else None,
        "f1_after": evals[-1].get("eval_f1") if evals else None,
        "last_loss": losses[-1]["loss"] if losses else None,
        "has_model": run.has_model(),
        "config": run.config.get("finetune", {}),
        "log_tail": status.get("log_tail", "") or (log_tail(run.path / "worker.log") if run.state == "failed" else ""),
    }


def main(argv: list[str] | None = None, worker: bool = False) -> None:
    """The command line. worker: this process runs this one run and ends (`python -m playground.finetune`), so
    its Trainer may leave out what the run does not use (`lighter_trainer`); the app's own process never does."""
    parser = argparse.ArgumentParser(description="Fine-tune an encoder on sentence pairs (a run folder).")
    parser.add_argument("--run-dir", help="an existing run folder (created by the app or by --new)")
    parser.add_argument("--new", metavar="RUNS_DIR", help="create a new run under RUNS_DIR from the options below")
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE", help="settings, e.g. max_steps=50")
    opts = parser.parse_args(argv)
    run_dir = opts.run_dir
    if opts.new:
        if int(os.environ.get("RANK", "0")) != 0:
            raise SystemExit("--new cannot be used with several processes: create the run first, then pass --run-dir")
        values = dict(item.split("=", 1) for item in opts.set)
        run_dir = RunStore(opts.new).create({"finetune": dataclasses.asdict(make_config(**values))}).path
        print(f"run folder: {run_dir}", flush=True)
    if not run_dir:
        parser.error("give --run-dir or --new")
    try:
        if worker:
            run = RunStore(Path(run_dir).resolve().parent).get(Path(run_dir).name)
            lighter_trainer(make_config(**run.config.get("finetune", {})).method)
        state = train(run_dir)
    except Exception as err:
        if int(os.environ.get("RANK", "0")) == 0:
            RunStore(Path(run_dir).parent).set_status(
                Path(run_dir),
                state="failed",
                message=Note.of("finetune.note.crashed", error=f"{type(err).__name__}: {err}"),
            )
        raise
    if int(os.environ.get("RANK", "0")) == 0:
        message = Note.from_json(read_json(Path(run_dir) / "status.json").get("message"))
        print(f"{Path(run_dir).name}: {state} ({message.key if message else ''})", flush=True)


if __name__ == "__main__":
    main(worker=True)
