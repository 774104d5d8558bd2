"""Sentence-pair data for fine-tuning: label 1 = the two sentences mean the same thing (paraphrase).

Three sources, one shape (a list of {"sentence1", "sentence2", "label"} dicts):
- "paraphrase" (offline, in the repo): pairs from BIG-bench's sentence-paraphrasing task with hard
  negatives, built by `scripts/extract_paraphrase_pairs.py` (see assets/data/paraphrase/README.md);
- "mrpc": GLUE MRPC through `datasets`, the source text's example (§5.2.2), when the Hub is reachable or the
  local datasets cache holds it;
- an upload (CSV or JSONL) with a column mapping, validated with messages a student understands.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

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
        raise ValueError("The split must be 'train' or 'validation'.")
    if dataset == "paraphrase":
        return [_row(r) for r in map(json.loads, (PARAPHRASE_DIR / f"{split}.jsonl").read_text("utf-8").splitlines())]
    if dataset == "mrpc":
        return load_mrpc(split)
    raise ValueError(f"Unknown dataset '{dataset}': choose one of {', '.join(DATASETS)} or upload a file.")


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
        raise ValueError(
            f"GLUE MRPC comes from the Hugging Face Hub, which is not reachable ({status.reason}). "
            "Use the offline 'paraphrase' set or upload your own pairs."
        )
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
    """CSV or JSONL bytes -> validated pairs. Every problem is a ValueError that says what to fix.

    >>> parse_upload(b"a,b,y\\n" + b"x,y,1\\n" * 20, "p.csv", "a", "b", "y")[0]
    {'sentence1': 'x', 'sentence2': 'y', 'label': 1}
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"The file is {len(data) / 2**20:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"The file is not UTF-8 text (byte {err.start} cannot be read). "
            "Save it as UTF-8 (in Excel: 'CSV UTF-8') and upload it again."
        ) from None
    records = _records(text, filename)
    columns = {sentence1, sentence2, label}
    missing = sorted(c for c in columns if records and c not in records[0])
    if missing:
        found = ", ".join(records[0]) if records else "none"
        raise ValueError(f"Column(s) {', '.join(missing)} not found. The file has: {found}. Map the right columns.")
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
        raise ValueError(f"Unknown label(s) {shown} in column '{label}'. Use 1/0 (also true/false, yes/no).")
    if empty:
        raise ValueError(
            f"{len(empty)} row(s) have an empty sentence (line(s) {', '.join(map(str, empty[:8]))}). "
            "Fill or delete them."
        )
    if len(rows) < MIN_UPLOAD_ROWS:
        raise ValueError(f"Only {len(rows)} pair(s): upload at least {MIN_UPLOAD_ROWS} to train and evaluate.")
    if len({r["label"] for r in rows}) < 2:
        raise ValueError("Every pair has the same label: a classifier needs examples of both 1 and 0.")
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
                    raise ValueError(f"Line {i} is not a JSON object: JSONL has one object per line.") from None
    else:
        raise ValueError("Upload a .csv or a .jsonl file.")
    if not records:
        raise ValueError("The file has no rows.")
    if len(records) > MAX_UPLOAD_ROWS:
        raise ValueError(f"The file has {len(records)} rows; the limit is {MAX_UPLOAD_ROWS}.")
    return records


def split(rows: list[dict], validation_fraction: float = 0.2, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """Shuffle once (seeded) and cut: (train, validation)."""
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    n_val = max(1, int(len(rows) * validation_fraction))
    return rows[n_val:], rows[:n_val]


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
