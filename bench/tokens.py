"""Tokens benchmark: the engine's side-by-side tokenization against the bare tokenizer calls on the same
2,000-character mixed text in the same run; n-gram training on the default corpus and scoring 1,000 characters.
Tokenizers are loaded before timing. Targets: ratio <= 2x and <= 0.3 s; training <= 5 s; scoring <= 0.1 s.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/tokens.py --repeats 5
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from harness import Sample, peak_rss_mb, report, timed  # noqa: E402

from playground import corpus, ngram, tokenization  # noqa: E402

MIXED = (
    "Language models assign a probability to every text. 语言模型为每一段文本分配一个概率。"
    "def perplexity(nll): return math.exp(nll)  # 困惑度 👍🏽 Привет, мир! "
)
TEXT = (MIXED * (2000 // len(MIXED) + 1))[:2000]


def bare_calls() -> None:
    """What a script would do without the engine: each library tokenizer's ids and offsets."""
    for loaded in LOADED:
        loaded.library(TEXT, add_special_tokens=False, return_offsets_mapping=True)


def main() -> None:
    global LOADED
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    LOADED, _ = tokenization.available(tokenization.OFFLINE)  # loaded outside the clock
    engine = lambda: tokenization.tokenize(TEXT, tokenization.OFFLINE)
    engine(), bare_calls()
    start = time.perf_counter()
    ngram.train_ngram.cache_clear()
    model = ngram.train_ngram("both")
    train_s = time.perf_counter() - start
    held_out = corpus.held_out_text("both")
    thousand = held_out[len(held_out) // 2 : len(held_out) // 2 + 1000]
    rows = {
        "bare tokenizer calls (3 tokenizers, 2,000 chars)": Sample(timed(bare_calls, args.repeats), peak_rss_mb()),
        "engine tokenize (3 tokenizers, 2,000 chars)": Sample(timed(engine, args.repeats), peak_rss_mb()),
        "n-gram training, both languages (orders 1-4)": Sample(train_s, peak_rss_mb()),
        "n-gram scoring 1,000 chars (n=4, Kneser-Ney)": Sample(
            timed(lambda: ngram.score(model, thousand, ngram.NGramConfig(4)), args.repeats), peak_rss_mb()
        ),
    }
    seconds = [s.seconds for s in rows.values()]
    report("tokens", rows, {"engine tokenize / bare calls": seconds[1] / seconds[0]})


if __name__ == "__main__":
    main()
