"""Sentence-pair data for fine-tuning: label 1 = the two sentences mean the same thing (paraphrase).

Three sources, one shape (a list of {"sentence1", "sentence2", "label"} dicts):
- "paraphrase" (offline, in the repo): pairs from BIG-bench's sentence-paraphrasing task with hard
  negatives, built by `scripts/extract_paraphrase_pairs.py` (see assets/data/paraphrase/README.md);
- "mrpc": GLUE MRPC through `datasets`, the source text's example (§5.2.2), when the Hub is reachable or the
  local datasets cache holds it;
- an upload (CSV or JSONL) with a column mapping, validated: each problem is an InputError (a key and its values)
  that the UI writes as a sentence a student understands.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from playground.errors import InputError, Term

ROOT = Path(__file__).resolve().parents[1]
PARAPHRASE_DIR = ROOT / "assets" / "data" / "paraphrase"
DATASETS = ("paraphrase", "mrpc")
MAX_UPLOAD_BYTES = 5 * 2**20
MAX_UPLOAD_ROWS = 20_000
MIN_UPLOAD_ROWS = 20
MAX_TEXT_CHARS = 2_000
LABELS = {"1": 1, "0": 0, "true": 1, "false": 0, "yes": 1, "no": 0, "paraphrase": 1, "not_paraphrase": 0}


def load(dataset: str, split: str) -> list[dict]:
    """The pairs of a named dataset's split ("train" or "validation")."""
    if split not in ("train", "validation"):
        raise InputError("pairs.err.split")
    if dataset == "paraphrase":
        return [_row(r) for r in map(json.loads, (PARAPHRASE_DIR / f"{split}.jsonl").read_text("utf-8").splitlines())]
    if dataset == "mrpc":
        return load_mrpc(split)
    raise InputError("pairs.err.unknown_dataset", dataset=dataset, known=", ".join(DATASETS))


def mrpc_cached() -> bool:
    """True if GLUE MRPC is in the local datasets cache (loaded once with the Hub, or placed there):
    `load_dataset` then reads it offline from <HF_DATASETS_CACHE>/nyu-mll___glue/mrpc/<version>/<commit>/."""
    from datasets import config

    return any(Path(config.HF_DATASETS_CACHE).glob("nyu-mll___glue/mrpc/*/*/dataset_info.json"))


def load_mrpc(split: str) -> list[dict]:
    """GLUE MRPC from the Hub or the local datasets cache (3668 train / 408 validation pairs); a clear message
    when neither has it."""
    from playground.hub import hub_status

    status = hub_status()
    if not status.reachable and not mrpc_cached():
        raise InputError("pairs.err.mrpc_offline", reason=status.reason)
    from datasets import load_dataset

    data = load_dataset("nyu-mll/glue", "mrpc", split=split)
    return [_row(r) for r in data]


def _row(r: dict) -> dict:
    return {"sentence1": str(r["sentence1"]), "sentence2": str(r["sentence2"]), "label": int(r["label"])}


def pinned(rows: list[dict], n: int = 4) -> list[dict]:
    """A few fixed validation pairs to watch during training: the first of each kind, then the first ones."""
    seen, picks = set(), []
    for r in rows:
        kind = r.get("kind", r["label"])
        if kind not in seen:
            seen.add(kind)
            picks.append(r)
    picks += [r for r in rows if r not in picks]
    return [_row(r) for r in picks[:n]]


# ---- uploads ---------------------------------------------------------------------------------------


def parse_upload(
    data: bytes, filename: str, sentence1: str = "sentence1", sentence2: str = "sentence2", label: str = "label"
) -> list[dict]:
    """CSV or JSONL bytes -> validated pairs. Every problem is an InputError whose key says what to fix.

    >>> parse_upload(b"a,b,y\\n" + b"x,y,1\\nx,z,0\\n" * 10, "p.csv", "a", "b", "y")[0]
    {'sentence1': 'x', 'sentence2': 'y', 'label': 1}
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError("pairs.err.file_too_big", mb=len(data) / 2**20, limit=MAX_UPLOAD_BYTES // 2**20)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError("pairs.err.not_utf8", byte=err.start) from None
    records = _records(text, filename)
    columns = {sentence1, sentence2, label}
    missing = sorted(c for c in columns if records and c not in records[0])
    if missing:
        found = ", ".join(records[0]) if records else Term("none")
        raise InputError("pairs.err.missing_columns", missing=", ".join(missing), found=found)
    rows, empty, unknown = [], [], set()
    for line, rec in enumerate(records, start=2 if filename.lower().endswith(".csv") else 1):
        a, b, y = (str(rec.get(c) if rec.get(c) is not None else "").strip() for c in (sentence1, sentence2, label))
        if not a or not b:
            empty.append(line)
            continue
        if y.lower() not in LABELS:
            unknown.add(y)
            continue
        rows.append({"sentence1": a[:MAX_TEXT_CHARS], "sentence2": b[:MAX_TEXT_CHARS], "label": LABELS[y.lower()]})
    if unknown:
        shown = ", ".join(repr(u) for u in sorted(unknown)[:5])
        raise InputError("pairs.err.unknown_labels", labels=shown, column=label)
    if empty:
        raise InputError("pairs.err.empty_sentences", n=len(empty), lines=", ".join(map(str, empty[:8])))
    if len(rows) < MIN_UPLOAD_ROWS:
        raise InputError("pairs.err.too_few", n=len(rows), limit=MIN_UPLOAD_ROWS)
    if len({r["label"] for r in rows}) < 2:
        raise InputError("pairs.err.one_label")
    return rows


def _records(text: str, filename: str) -> list[dict]:
    name = filename.lower()
    if name.endswith(".csv"):
        records = list(csv.DictReader(io.StringIO(text)))
    elif name.endswith((".jsonl", ".json")):
        records = []
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(dict(json.loads(line)))
                except (ValueError, TypeError):
                    raise InputError("pairs.err.not_json_object", line=i) from None
    else:
        raise InputError("pairs.err.file_type")
    if not records:
        raise InputError("pairs.err.no_rows")
    if len(records) > MAX_UPLOAD_ROWS:
        raise InputError("pairs.err.too_many_rows", n=len(records), limit=MAX_UPLOAD_ROWS)
    return records


def split(rows: list[dict], validation_fraction: float = 0.2, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """Shuffle once (seeded) and cut: (train, validation)."""
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    n_val = max(1, int(len(rows) * validation_fraction))
    return rows[n_val:], rows[:n_val]


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
