"""Build the offline sentence-pair set (assets/data/paraphrase/) from BIG-bench, with HARD negatives.

Source: BIG-bench task `natural_instructions/subtask045_miscellaneous_sentence_paraphrasing`
(193 sentences, each with ~9 human paraphrases). Pairs (sentence, paraphrase) are label 1. Random
other sentences as negatives are trivial (MiniLM 0.53 -> 0.99 in one epoch), so every negative here is
a near-miss of a true paraphrase:
- "entity": a paraphrase whose answer word is swapped for another sentence's answer,
- "negation": a paraphrase with its verb negated (is -> is not, can -> cannot, ...),
- "neighbour": a paraphrase of the most word-overlapping OTHER sentence.
Train and validation are split by source sentence (no sentence is in both).

    pip download --no-deps bigbench==1.0.0 -d /tmp/bb      # 358 MB source archive: never pip install it
    python scripts/extract_paraphrase_pairs.py /tmp/bb/bigbench-1.0.0.tar.gz
"""

from __future__ import annotations

import json
import random
import re
import sys
import tarfile
from pathlib import Path

TASK = "bigbench/benchmark_tasks/natural_instructions/subtask045_miscellaneous_sentence_paraphrasing/task.json"
OUT = Path(__file__).resolve().parents[1] / "assets" / "data" / "paraphrase"
N_VALIDATION_SENTENCES = 40
PAIRS_PER_SENTENCE = {"train": 6, "validation": 6}  # half positive, half negative
NEGATIONS = [(" is ", " is not "), (" are ", " are not "), (" can ", " cannot "), (" will ", " will not ")]


def read_task(archive: Path) -> list[dict]:
    if archive.is_dir():
        return json.loads((archive / TASK).read_text())["examples"]
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(TASK))
        return json.load(tar.extractfile(member))["examples"]


def parse(example: dict) -> dict:
    """'Question: ...\\nAnswer: bacteria. \\nSentence: Lyme disease is caused by bacteria.' -> fields."""
    fields = dict(re.findall(r"(Question|Answer|Sentence):\s*(.*?)\s*(?=\n|$)", example["input"]))
    return {
        "answer": fields["Answer"].rstrip(".").strip(),
        "sentence": fields["Sentence"].strip(),
        "paraphrases": [p.strip() for p in example["target"] if p.strip()],
    }


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def swap_entity(text: str, answer: str, other: str) -> str | None:
    pattern = re.compile(rf"\b{re.escape(answer)}\b", re.IGNORECASE)
    return pattern.sub(other, text) if pattern.search(text) and answer.lower() != other.lower() else None


def negate(text: str) -> str | None:
    for old, new in NEGATIONS:
        if old in text and new not in text:
            return text.replace(old, new, 1)
    return None


def negatives(item: dict, items: list[dict], rng: random.Random) -> list[tuple[str, str]]:
    """(kind, sentence2) near-misses for one source sentence, shuffled."""
    out = []
    others = [o for o in items if o is not item]
    for para in item["paraphrases"]:
        swapped = swap_entity(para, item["answer"], rng.choice(others)["answer"])
        if swapped:
            out.append(("entity", swapped))
        negated = negate(para)
        if negated:
            out.append(("negation", negated))
    target = words(item["sentence"])
    neighbour = max(others, key=lambda o: len(target & words(o["sentence"])) / len(target | words(o["sentence"])))
    out += [("neighbour", p) for p in neighbour["paraphrases"]]
    rng.shuffle(out)
    kinds = {}
    for kind, text in out:  # round-robin over kinds so each sentence gets a mix
        kinds.setdefault(kind, []).append(text)
    mixed = []
    while any(kinds.values()):
        for kind in list(kinds):
            if kinds[kind]:
                mixed.append((kind, kinds[kind].pop()))
    return mixed


def pairs(items: list[dict], pool: list[dict], per_sentence: int, rng: random.Random) -> list[dict]:
    rows = []
    for item in items:
        positives = rng.sample(item["paraphrases"], min(per_sentence // 2, len(item["paraphrases"])))
        rows += [{"sentence1": item["sentence"], "sentence2": p, "label": 1, "kind": "paraphrase"} for p in positives]
        for kind, text in negatives(item, pool, rng)[: len(positives)]:
            rows.append({"sentence1": item["sentence"], "sentence2": text, "label": 0, "kind": kind})
    rng.shuffle(rows)
    return rows


def main(archive: str) -> None:
    rng = random.Random(0)
    items = [parse(e) for e in read_task(Path(archive))]
    rng.shuffle(items)
    splits = {"validation": items[:N_VALIDATION_SENTENCES], "train": items[N_VALIDATION_SENTENCES:]}
    OUT.mkdir(parents=True, exist_ok=True)
    for name, part in splits.items():
        rows = pairs(part, part, PAIRS_PER_SENTENCE[name], rng)
        with open(OUT / f"{name}.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        kinds = {k: sum(r["kind"] == k for r in rows) for k in ("paraphrase", "entity", "negation", "neighbour")}
        print(f"{name}: {len(rows)} pairs from {len(part)} sentences, {kinds}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bb/bigbench-1.0.0.tar.gz")
